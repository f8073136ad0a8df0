//! The search page (the index itself is built after rendering).

use serde_json::json;
use tera::Value as TeraValue;

use super::{Kind, Page, ser};
use crate::render::reads::Cx;
use crate::render::urls::Sections;

/// `indexed` is false when the build skips the index (`--no-search`): the
/// page then says so instead of loading files that do not exist.
#[derive(Debug, Clone, Hash)]
pub struct Search {
    pub indexed: bool,
}

impl Search {
    pub fn address(s: &Sections) -> String {
        s.search()
    }
}

impl Kind for Search {
    fn name(&self) -> &'static str {
        "search"
    }

    fn data(&self, cx: &Cx, _: &Page) -> (&'static str, TeraValue) {
        (
            "search.html",
            ser(&json!({ "title": cx.t("search"), "indexed": self.indexed })),
        )
    }

    fn twin(&self, cx: &Cx) -> String {
        Self::address(cx.sections())
    }
}
