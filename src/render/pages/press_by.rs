//! The releases of one province, election or year, paginated, newest
//! first.

use std::hash::Hash;

use rustc_hash::FxHasher;
use tera::Value as TeraValue;

use super::{Identity, Keys, Kind, Page, Pager, map};
use crate::model::Section;
use crate::render::reads::Cx;
use crate::render::urls::{By, Sections};

#[derive(Debug, Clone)]
pub struct PressBy {
    pub by: By,
    pub key: String,
    pub pager: Pager,
    pub items: Vec<usize>,
}

impl Identity for PressBy {
    fn identity(&self, keys: &Keys, h: &mut FxHasher) {
        (self.by, &self.key, &self.pager).hash(h);
        keys.releases(&self.items).hash(h);
    }
}

impl PressBy {
    /// The list's first page.
    pub fn address(s: &Sections, by: By, key: &str) -> String {
        s.press_by(by, key)
    }
}

impl Kind for PressBy {
    fn name(&self) -> &'static str {
        "press by"
    }

    fn variant(&self) -> &'static str {
        self.by.section().key()
    }

    fn listed(&self) -> Option<&[usize]> {
        Some(&self.items)
    }

    fn data(&self, cx: &Cx, _: &Page) -> (&'static str, TeraValue) {
        let label = cx.by_label(self.by, &self.key);
        let title = format!(
            "{}: {label}",
            cx.t(&format!("by_{}", self.by.section().key()))
        );
        (
            "press_list.html",
            map! { "items" => cx.cards(&self.items), "pager" => self.pager.value(), "tag" => TeraValue::none(), "title" => title },
        )
    }

    fn twin(&self, cx: &Cx) -> String {
        if cx.has_by(self.by, &self.key) {
            Self::address(cx.sections(), self.by, &self.key)
        } else {
            cx.sections().section(Section::Press)
        }
    }
}
