//! One case record, anonymised: when, where, which position and
//! categories, its outcome and source.

use std::hash::Hash;

use rustc_hash::FxHasher;
use tera::Value as TeraValue;

use super::{Identity, Keys, Kind, Page, link, map};
use crate::format;
use crate::model::Dimension;
use crate::render::reads::Cx;
use crate::render::urls::Sections;

/// Case `case` (an index into the content's cases).
#[derive(Debug, Clone)]
pub struct Case {
    pub case: usize,
}

impl Identity for Case {
    fn identity(&self, keys: &Keys, h: &mut FxHasher) {
        keys.case(self.case).hash(h);
    }
}

impl Case {
    pub fn address(s: &Sections, id: &str) -> String {
        s.case(id)
    }
}

impl Kind for Case {
    fn name(&self) -> &'static str {
        "case"
    }

    fn data(&self, cx: &Cx, _: &Page) -> (&'static str, TeraValue) {
        let row = rows(cx, &[self.case]).pop();
        let k = cx.case(self.case);
        let summary = k
            .summary
            .as_ref()
            .map(|s| s.get(cx.lang(), cx.default_lang()).to_string());
        (
            "case.html",
            map! { "case" => row, "draft" => k.draft, "summary" => summary, "title" => format!("{} {}", cx.t("case"), k.id) },
        )
    }

    fn twin(&self, cx: &Cx) -> String {
        Self::address(cx.sections(), &cx.case(self.case).id)
    }
}

/// The cases `items` as rows of a table (and the one row of a case's
/// page), each linked to its page and its facets.
pub(super) fn rows(cx: &Cx, items: &[usize]) -> Vec<TeraValue> {
    let s = cx.sections();
    items
        .iter()
        .map(|&i| {
            let k = cx.case(i);
            let facet = |d: Dimension, code: &str| link(&cx.label(d, code), s.facet(d, code));
            map! {
                "agency" => k.agency.as_str(),
                "categories" => k.categories.iter().map(|x| facet(Dimension::Category, x)).collect::<Vec<_>>(),
                "date" => format::date(k.date, cx.locale()),
                "id" => k.id.as_str(),
                "outcome" => cx.label(Dimension::Outcome, &k.outcome),
                "position" => facet(Dimension::Position, &k.position),
                "region" => facet(Dimension::Region, &k.region),
                "source" => cx.source_value(&k.source),
                "url" => Case::address(s, &k.id),
            }
        })
        .collect()
}
