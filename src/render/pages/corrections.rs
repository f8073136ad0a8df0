//! The corrections log: every change the site made to a published
//! figure, newest first, as a page and as an Atom feed.

use tera::Value as TeraValue;

use super::{Kind, Page, map, ser};
use crate::model::Section;
use crate::render::reads::Cx;
use crate::render::urls::Sections;

#[derive(Debug, Clone, Hash)]
pub struct Corrections;

impl Corrections {
    pub fn address(s: &Sections) -> String {
        s.section(Section::Corrections)
    }
}

impl Kind for Corrections {
    fn name(&self) -> &'static str {
        "corrections"
    }

    fn data(&self, cx: &Cx, _: &Page) -> (&'static str, TeraValue) {
        let s = cx.sections();
        (
            "corrections.html",
            map! {
                "title" => cx.t("corrections"),
                "corrections" => ser(&cx.corrections()),
                "feed" => CorrectionsFeed::address(s),
            },
        )
    }

    fn twin(&self, cx: &Cx) -> String {
        Self::address(cx.sections())
    }
}

/// The corrections log as an Atom feed (RFC 4287): every correction, as a
/// log is short and a reader's client should see each one.
#[derive(Debug, Clone, Hash)]
pub struct CorrectionsFeed;

impl CorrectionsFeed {
    pub fn address(s: &Sections) -> String {
        format!("{}atom.xml", s.section(Section::Corrections))
    }
}

impl Kind for CorrectionsFeed {
    fn name(&self) -> &'static str {
        "corrections_feed"
    }

    fn data(&self, cx: &Cx, p: &Page) -> (&'static str, TeraValue) {
        let base = cx.base_url();
        let page = format!("{base}{}", Corrections::address(cx.sections()));
        let corrections = cx.corrections();
        let updated = |iso: &str| format!("{iso}T00:00:00Z");
        let entries: Vec<TeraValue> = corrections
            .iter()
            .map(|x| {
                map! {
                    "title" => format!("{}: {}", x.figure.label, x.field),
                    // Its anchor is the correction's id, which never
                    // changes: the entry keeps its id across rebuilds.
                    "id" => format!("{page}#{}", x.id),
                    // The corrected figure's page, which shows the
                    // correction beside the numbers it changed.
                    "link" => format!("{base}{}", x.figure.url),
                    "updated" => updated(&x.date_iso),
                    "summary" => format!("{} → {}. {}: {}", x.old, x.new, cx.t("reason"), x.reason),
                }
            })
            .collect();
        // Newest first, so the first is the latest; ISO dates compare as text.
        let newest = corrections
            .iter()
            .map(|x| x.date_iso.as_str())
            .max()
            .map_or_else(|| "2000-01-01T00:00:00Z".to_string(), updated);
        (
            "corrections_atom.xml",
            map! {
                "entries" => entries,
                "home" => page,
                "self" => format!("{base}{}", p.url),
                "title" => cx.t("corrections"),
                "updated" => newest,
            },
        )
    }

    fn twin(&self, cx: &Cx) -> String {
        Corrections::address(cx.sections())
    }
}
