//! Every figure of the record, by election and by producer, each with its
//! date and source: the index of the figures section (`angka/`).
//!
//! It is a page of its own, not a part of the statistics page, because it
//! grows with the record (some fifty figures for 2015-2025) while the
//! statistics page must stay within a phone's budget (issue #17).

use serde_json::{Value, json};
use tera::Value as TeraValue;

use super::{Kind, Page, ser};
use crate::model::{Figure, Section};
use crate::render::reads::Cx;
use crate::render::urls::Sections;
use crate::render::views;

#[derive(Debug, Clone, Hash)]
pub struct FigureIndex;

impl FigureIndex {
    pub fn address(s: &Sections) -> String {
        s.section(Section::Figures)
    }
}

impl Kind for FigureIndex {
    fn name(&self) -> &'static str {
        "figure_index"
    }

    fn data(&self, cx: &Cx, _: &Page) -> (&'static str, TeraValue) {
        (
            "figure_index.html",
            ser(&json!({
                "title": cx.t("all_figures"),
                "by_election": by_election(cx),
                "by_producer": by_producer(cx),
                "statistics": super::Statistics::address(cx.sections()),
            })),
        )
    }

    fn twin(&self, cx: &Cx) -> String {
        Self::address(cx.sections())
    }
}

/// Every figure under its election, elections in the vocabulary's order
/// and figures newest first, each with its date, producer and source:
/// the complete list of the record, and the way to every source.
fn by_election(cx: &Cx) -> Vec<Value> {
    let groups = cx
        .vocab()
        .elections
        .iter()
        .map(|e| (e.code.as_str(), cx.election(&e.code).unwrap_or(&e.code)));
    figure_groups(cx, "election", groups, "no_election", |f| {
        f.election.as_deref()
    })
}

/// Every figure under its producer, producers in the vocabulary's order.
fn by_producer(cx: &Cx) -> Vec<Value> {
    let (lang, dl) = (cx.lang(), cx.default_lang());
    let groups = cx
        .vocab()
        .producers
        .iter()
        .map(|p| (p.code.as_str(), p.label.get(lang, dl)));
    figure_groups(cx, "producer", groups, "no_producer", |f| {
        f.producer.as_deref()
    })
}

/// The figures whose `key` is each group's code, then those with none
/// under `none`; groups without figures are left out. Each group's anchor
/// is `prefix-code`.
fn figure_groups<'a>(
    cx: &Cx<'a>,
    prefix: &str,
    groups: impl Iterator<Item = (&'a str, &'a str)>,
    none: &'a str,
    key: impl Fn(&Figure) -> Option<&str>,
) -> Vec<Value> {
    let stats = cx.statistics();
    let l = cx.locale();
    let in_group = |code: Option<&str>| -> Vec<Value> {
        stats
            .figure_order
            .iter()
            .filter(|&&i| key(&stats.figures[i]) == code)
            .map(|&i| {
                let v = &stats.views[i];
                json!({ "title": v.title, "url": v.url, "dated": views::dated(&stats.figures[i], l), "producer": v.producer, "election": v.election, "source": v.source })
            })
            .collect()
    };
    groups
        .map(|(code, label)| (format!("{prefix}-{code}"), label, in_group(Some(code))))
        .chain(std::iter::once((
            format!("{prefix}-none"),
            cx.t(none),
            in_group(None),
        )))
        .filter(|(_, _, figures)| !figures.is_empty())
        .map(|(id, label, figures)| json!({ "id": id, "label": label, "figures": figures }))
        .collect()
}
