//! The paginated list of a language's releases, newest first.

use std::hash::Hash;

use rustc_hash::FxHasher;
use tera::Value as TeraValue;

use super::{Identity, Keys, Kind, Page, Pager, map};
use crate::model::Section;
use crate::render::reads::Cx;
use crate::render::urls::Sections;

/// One page of the list: `items` are the releases it shows.
#[derive(Debug, Clone)]
pub struct PressList {
    pub pager: Pager,
    pub items: Vec<usize>,
}

impl Identity for PressList {
    fn identity(&self, keys: &Keys, h: &mut FxHasher) {
        self.pager.hash(h);
        keys.releases(&self.items).hash(h);
    }
}

impl PressList {
    /// The list's first page.
    pub fn address(s: &Sections) -> String {
        s.section(Section::Press)
    }
}

impl Kind for PressList {
    fn name(&self) -> &'static str {
        "press list"
    }

    fn listed(&self) -> Option<&[usize]> {
        Some(&self.items)
    }

    fn data(&self, cx: &Cx, _: &Page) -> (&'static str, TeraValue) {
        (
            "press_list.html",
            map! { "browse" => cx.browse(), "items" => cx.cards(&self.items), "pager" => self.pager.value(), "tag" => TeraValue::none(), "title" => cx.t("press") },
        )
    }

    fn twin(&self, cx: &Cx) -> String {
        Self::address(cx.sections())
    }
}
