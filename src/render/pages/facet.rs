//! The cases of one position, category or province, paginated.

use std::hash::Hash;

use rustc_hash::FxHasher;
use tera::Value as TeraValue;

use super::{Identity, Keys, Kind, Page, Pager, case, map};
use crate::model::Dimension;
use crate::render::reads::Cx;
use crate::render::urls::Sections;

#[derive(Debug, Clone)]
pub struct Facet {
    pub dimension: Dimension,
    pub code: String,
    pub pager: Pager,
    pub items: Vec<usize>,
}

impl Identity for Facet {
    fn identity(&self, keys: &Keys, h: &mut FxHasher) {
        (self.dimension, &self.code, &self.pager).hash(h);
        keys.cases(&self.items).hash(h);
    }
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
