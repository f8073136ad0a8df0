//! The releases with one tag, paginated, newest first.

use std::hash::Hash;

use rustc_hash::FxHasher;
use tera::Value as TeraValue;

use super::{Identity, Keys, Kind, Page, Pager, map};
use crate::model::Section;
use crate::render::reads::Cx;
use crate::render::urls::Sections;

#[derive(Debug, Clone)]
pub struct Tag {
    pub tag: String,
    pub pager: Pager,
    pub items: Vec<usize>,
}

impl Identity for Tag {
    fn identity(&self, keys: &Keys, h: &mut FxHasher) {
        (&self.tag, &self.pager).hash(h);
        keys.releases(&self.items).hash(h);
    }
}

impl Tag {
    /// The list's first page.
    pub fn address(s: &Sections, tag: &str) -> String {
        s.tag(tag)
    }
}

impl Kind for Tag {
    fn name(&self) -> &'static str {
        "tag"
    }

    fn listed(&self) -> Option<&[usize]> {
        Some(&self.items)
    }

    fn data(&self, cx: &Cx, _: &Page) -> (&'static str, TeraValue) {
        let tag = self.tag.as_str();
        (
            "press_list.html",
            map! { "feed" => cx.sections().tag_feed(tag), "items" => cx.cards(&self.items), "pager" => self.pager.value(), "tag" => tag, "title" => format!("{}: {tag}", cx.t("tag")) },
        )
    }

    /// The same tag where the language has releases with it, else its
    /// list of tags.
    fn twin(&self, cx: &Cx) -> String {
        if cx.has_tag(&self.tag) {
            Self::address(cx.sections(), &self.tag)
        } else {
            cx.sections().section(Section::Tags)
        }
    }
}
