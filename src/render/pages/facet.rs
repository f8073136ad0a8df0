//! The cases of one position, category or province, paginated.

use tera::Value as TeraValue;

use super::{Kind, Page, Pager, case, map};
use crate::model::Dimension;
use crate::render::reads::Cx;
use crate::render::urls::Sections;

#[derive(Debug, Clone, Hash)]
pub struct Facet {
    pub dimension: Dimension,
    pub code: String,
    pub pager: Pager,
    pub items: Vec<usize>,
}

impl Facet {
    /// The table's first page.
    pub fn address(s: &Sections, d: Dimension, code: &str) -> String {
        s.facet(d, code)
    }
}

impl Kind for Facet {
    fn name(&self) -> &'static str {
        "facet"
    }

    fn variant(&self) -> &'static str {
        self.dimension.key()
    }

    fn data(&self, cx: &Cx, _: &Page) -> (&'static str, TeraValue) {
        let label = cx.label(self.dimension, &self.code);
        let title = format!(
            "{}: {label}",
            cx.t(&format!("dim_{}", self.dimension.key()))
        );
        (
            "cases.html",
            map! { "facet" => label, "items" => case::rows(cx, &self.items), "pager" => self.pager.value(), "title" => title },
        )
    }

    fn twin(&self, cx: &Cx) -> String {
        Self::address(cx.sections(), self.dimension, &self.code)
    }
}
