//! The "not found" page, one per language in its folder: hosts that look
//! for the nearest `404.html` (Cloudflare Pages, Netlify with rules)
//! answer a missing English page in English.

use serde_json::json;
use tera::Value as TeraValue;

use super::{Kind, Page, ser};
use crate::render::reads::Cx;
use crate::render::urls::Sections;

#[derive(Debug, Clone, Hash)]
pub struct NotFound;

impl NotFound {
    pub fn address(s: &Sections) -> String {
        format!("{}404.html", s.prefix)
    }
}

impl Kind for NotFound {
    fn name(&self) -> &'static str {
        "not found"
    }

    fn data(&self, cx: &Cx, _: &Page) -> (&'static str, TeraValue) {
        ("404.html", ser(&json!({ "title": cx.t("not_found") })))
    }

    /// Served at any missing path: its switch leads to the other
    /// language's home page.
    fn twin(&self, cx: &Cx) -> String {
        cx.sections().home()
    }
}
