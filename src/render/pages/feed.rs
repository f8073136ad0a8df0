//! An Atom feed (RFC 4287) of the newest releases, or of one tag's:
//! absolute links, stable ids.

use std::hash::Hash;

use rustc_hash::FxHasher;
use tera::Value as TeraValue;

use super::{Identity, Keys, Kind, Page, map};
use crate::model::Section;
use crate::render::reads::Cx;
use crate::render::urls::Sections;

/// Releases in a feed: the newest, however many a site has.
pub const ENTRIES: usize = 20;

#[derive(Debug, Clone)]
pub struct Feed {
    pub items: Vec<usize>,
    pub tag: Option<String>,
}

impl Identity for Feed {
    fn identity(&self, keys: &Keys, h: &mut FxHasher) {
        self.tag.hash(h);
        keys.releases(&self.items).hash(h);
    }
}

impl Feed {
    pub fn address(s: &Sections, tag: Option<&str>) -> String {
        match tag {
            Some(t) => s.tag_feed(t),
            None => s.feed(),
        }
    }
}

impl Kind for Feed {
    fn name(&self) -> &'static str {
        "feed"
    }

    fn data(&self, cx: &Cx, p: &Page) -> (&'static str, TeraValue) {
        let base = cx.base_url();
        let s = cx.sections();
        let updated_of = |i: usize| format!("{}T00:00:00Z", cx.release_meta(i).date);
        let entries: Vec<TeraValue> = self
            .items
            .iter()
            .map(|&i| {
                let url = format!("{base}{}", s.press(cx.slug(i)));
                map! { "card" => cx.card(i), "id" => url, "updated" => updated_of(i) }
            })
            .collect();
        let updated = self
            .items
            .first()
            .map_or_else(|| "2000-01-01T00:00:00Z".to_string(), |&i| updated_of(i));
        let (title, home) = match &self.tag {
            Some(t) => (
                format!("{}: {t}", cx.t("tag")),
                format!("{base}{}", s.tag(t)),
            ),
            None => (
                cx.t("press").to_string(),
                format!("{base}{}", s.section(Section::Press)),
            ),
        };
        (
            "atom.xml",
            map! { "entries" => entries, "home" => home, "self" => format!("{base}{}", p.url), "title" => title, "updated" => updated },
        )
    }

    fn twin(&self, cx: &Cx) -> String {
        cx.sections().home()
    }
}
