//! The paginated table of every case, newest first.

use std::hash::Hash;

use rustc_hash::FxHasher;
use tera::Value as TeraValue;

use super::{Identity, Keys, Kind, Page, Pager, case, map};
use crate::model::Section;
use crate::render::reads::Cx;
use crate::render::urls::Sections;

#[derive(Debug, Clone)]
pub struct CaseList {
    pub pager: Pager,
    pub items: Vec<usize>,
}

impl Identity for CaseList {
    fn identity(&self, keys: &Keys, h: &mut FxHasher) {
        self.pager.hash(h);
        keys.cases(&self.items).hash(h);
    }
}

impl CaseList {
    /// The table's first page.
    pub fn address(s: &Sections) -> String {
        s.section(Section::Cases)
    }
}

impl Kind for CaseList {
    fn name(&self) -> &'static str {
        "case list"
    }

    fn data(&self, cx: &Cx, _: &Page) -> (&'static str, TeraValue) {
        (
            "cases.html",
            map! { "facet" => TeraValue::none(), "items" => case::rows(cx, &self.items), "pager" => self.pager.value(), "title" => cx.t("cases") },
        )
    }

    fn twin(&self, cx: &Cx) -> String {
        Self::address(cx.sections())
    }
}
