//! Rules for sources, figure snapshots, case records and press releases.

use rayon::prelude::*;

use super::rules::{self, Cx};
use crate::message::Message;
use crate::model::{Dimension, Origin};
use crate::problem::{FieldPath, Problem, Problems};

fn key(k: &str) -> FieldPath {
    FieldPath::root().key(k)
}

/// Percentages may be rounded by their source; allow the rounding of three
/// one-decimal parts before calling a sum impossible.
const SUM_TOLERANCE: f64 = 0.15;

pub fn check_sources(cx: &mut Cx) {
    let sources = &cx.content.sources;
    rules::unique(
        cx,
        "id",
        "source id",
        sources.iter().map(|s| (&s.origin, s.id.as_str())),
    );
    for s in sources {
        rules::slug(cx, &s.origin, key("id"), &s.id);
        cx.not_empty(&s.origin, key("outlet"), &s.outlet);
        cx.localized(&s.origin, key("title"), &s.title);
        if let Some(url) = &s.url
            && !web_address(url)
        {
            cx.push(Problem::msg(
                &s.origin,
                key("url"),
                Message::NotAWebAddress {
                    url: url.to_string(),
                },
            ));
        }
    }
}

/// An absolute http(s) address with a host, and nothing that could end
/// the attribute or element it is written into.
fn web_address(url: &str) -> bool {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    rest.is_some_and(|r| {
        !r.is_empty()
            && !r.starts_with(['/', '?', '#'])
            && !r.contains(|c: char| {
                c.is_whitespace()
                    || c.is_control()
                    || matches!(c, '"' | '\'' | '<' | '>' | '\\' | '`')
            })
    })
}

fn source(cx: &mut Cx, origin: &Origin, field: FieldPath, id: &str) {
    cx.known(origin, field, id, &cx.index.sources, "sources.yaml");
}

/// The file name of a one-record file must be its id, so the permalink of
/// a record can be read off the file list.
fn file_is_id(cx: &mut Cx, origin: &Origin, id: &str, folder: &str) {
    let expected = format!("{folder}/{id}.yaml");
    if *origin.file != *expected && rules::slug_ok(id) {
        cx.push(Problem::msg(
            origin,
            key("id"),
            Message::IdAndFileNameDiffer {
                id: id.to_string(),
                file: origin.file.to_string(),
                expected,
            },
        ));
    }
}

pub fn check_figures(cx: &mut Cx) {
    let figures = &cx.content.figures;
    rules::unique(
        cx,
        "id",
        "figure id",
        figures.iter().map(|f| (&f.origin, f.id.as_str())),
    );
    for f in figures {
        if !cx.in_scope(&f.origin) {
            continue;
        }
        let o = &f.origin;
        rules::slug(cx, o, key("id"), &f.id);
        file_is_id(cx, o, &f.id, "figures");
        cx.localized(o, key("title"), &f.title);
        source(cx, o, key("source"), &f.source);
        if f.as_of.is_none() && f.year.is_none() && f.announced.is_none() {
            cx.push(Problem::msg(
                o,
                FieldPath::root(),
                Message::FigureWithoutDate,
            ));
        }
        if let Some(y) = f.year
            && !(1999..=2100).contains(&y)
        {
            cx.push(Problem::msg(
                o,
                key("year"),
                Message::ImpossibleYear { year: y },
            ));
        }
        if let Some(e) = &f.election {
            cx.known(
                o,
                key("election"),
                e,
                &cx.index.elections,
                "vocab/elections.yaml",
            );
        }
        if f.counts.is_empty()
            && f.funnel.is_empty()
            && f.shares.is_empty()
            && f.leading.is_empty()
            && f.tallies.is_empty()
            && f.rates.is_empty()
        {
            cx.push(Problem::msg(
                o,
                FieldPath::root(),
                Message::FigureWithoutNumbers,
            ));
        }
        rules::no_repeats(
            cx,
            o,
            key("counts"),
            f.counts.iter().map(|c| c.measure.as_str()),
        );
        for (i, c) in f.counts.iter().enumerate() {
            cx.known(
                o,
                key("counts").index(i).key("measure"),
                &c.measure,
                &cx.index.measures,
                "vocab/measures.yaml",
            );
        }
        check_funnel(cx, f);
        for (i, s) in f.shares.iter().enumerate() {
            let at = key("shares").index(i);
            cx.known(
                o,
                at.clone().key("of"),
                &s.of,
                &cx.index.measures,
                "vocab/measures.yaml",
            );
            rules::no_repeats(
                cx,
                o,
                at.clone().key("parts"),
                s.parts.iter().map(|p| p.code.as_str()),
            );
            let mut sum = 0.0;
            for (j, p) in s.parts.iter().enumerate() {
                let pat = at.clone().key("parts").index(j);
                cx.known_in(o, pat.clone().key("code"), &p.code, s.by);
                if !(0.0..=100.0).contains(&p.percent) || p.percent.is_nan() {
                    cx.push(Problem::msg(
                        o,
                        pat.key("percent"),
                        Message::ImpossibleShare {
                            percent: p.percent.to_string(),
                        },
                    ));
                }
                sum += p.percent;
            }
            if sum > 100.0 + SUM_TOLERANCE {
                cx.push(Problem::msg(
                    o,
                    at.key("parts"),
                    Message::SharesOver100 {
                        sum: format!("{sum:.1}"),
                    },
                ));
            }
        }
        for (i, l) in f.leading.iter().enumerate() {
            cx.known_in(o, key("leading").index(i).key("code"), &l.code, l.by);
        }
    }
}

/// Outcome stages must be known, listed in stage order, and no later stage
/// may hold more people than the one before it (more sanctioned than
/// recommended is a typo, not a finding).
fn check_funnel(cx: &mut Cx, f: &crate::model::Record<crate::model::Figure>) {
    let o = &f.origin;
    let mut previous: Option<(u8, u64, &str)> = None;
    rules::no_repeats(
        cx,
        o,
        key("funnel"),
        f.funnel.iter().map(|s| s.stage.as_str()),
    );
    for (i, step) in f.funnel.iter().enumerate() {
        let at = key("funnel").index(i);
        let Some(&vi) = cx.index.outcomes.get(&step.stage) else {
            cx.known_in(o, at.key("stage"), &step.stage, Dimension::Outcome);
            continue;
        };
        let stage = cx.content.vocab.outcomes[vi].stage;
        if let Some((prev_stage, prev_value, prev_code)) = previous {
            if stage <= prev_stage {
                cx.push(Problem::msg(
                    o,
                    at.clone().key("stage"),
                    Message::StagesOutOfOrder {
                        previous: prev_code.to_string(),
                        previous_stage: prev_stage,
                        code: step.stage.clone(),
                        stage,
                    },
                ));
            } else if step.value > prev_value {
                cx.push(Problem::msg(
                    o,
                    at.key("value"),
                    Message::LaterStageLarger {
                        previous: prev_code.to_string(),
                        previous_value: prev_value,
                        value: step.value,
                    },
                ));
            }
        }
        previous = Some((stage, step.value, &step.stage));
    }
}

pub fn check_cases(cx: &mut Cx) {
    let cases = &cx.content.cases;
    rules::unique(
        cx,
        "id",
        "case id",
        cases.iter().map(|c| (&c.origin, c.id.as_str())),
    );
    for c in cases {
        if !cx.in_scope(&c.origin) {
            continue;
        }
        let o = &c.origin;
        rules::slug(cx, o, key("id"), &c.id);
        file_is_id(cx, o, &c.id, "cases");
        cx.known(
            o,
            key("election"),
            &c.election,
            &cx.index.elections,
            "vocab/elections.yaml",
        );
        cx.known_in(o, key("region"), &c.region, Dimension::Region);
        cx.known_in(o, key("position"), &c.position, Dimension::Position);
        cx.known_in(o, key("outcome"), &c.outcome, Dimension::Outcome);
        cx.not_empty(o, key("agency"), &c.agency);
        if c.categories.is_empty() {
            cx.push(Problem::msg(o, key("categories"), Message::NoCategory));
        }
        rules::no_repeats(
            cx,
            o,
            key("categories"),
            c.categories.iter().map(String::as_str),
        );
        for (i, cat) in c.categories.iter().enumerate() {
            cx.known_in(o, key("categories").index(i), cat, Dimension::Category);
        }
        source(cx, o, key("source"), &c.source);
        if let Some(s) = &c.summary {
            cx.localized(o, key("summary"), s);
        }
        if !(1999..=2100).contains(&c.date.year()) {
            cx.push(Problem::msg(
                o,
                key("date"),
                Message::DateOutOfRange {
                    date: c.date.to_string(),
                },
            ));
        }
    }
}

pub fn check_press(cx: &mut Cx) {
    let press = &cx.content.press;
    let langs: Vec<String> = cx
        .content
        .site
        .languages
        .iter()
        .map(|l| l.code.clone())
        .collect();
    // Each release's rules read only the index: run in parallel, each
    // into its own list, and gathered in file order.
    let (content, index, scope) = (cx.content, cx.index, cx.scope);
    let in_scope =
        |p: &&crate::model::PressRelease| scope.is_none_or(|files| files.contains(&*p.origin.file));
    let found: Vec<Problems> = press
        .par_iter()
        .filter(in_scope)
        .map(|p| {
            let mut problems = Problems::default();
            let mut cx = Cx {
                content,
                index,
                problems: &mut problems,
                scope,
            };
            check_release(&mut cx, p, &langs);
            problems
        })
        .collect();
    for p in found {
        cx.problems.extend(p.0);
    }
}

fn check_release(cx: &mut Cx, p: &crate::model::PressRelease, langs: &[String]) {
    let deep = crate::markdown::too_deep(&p.body);
    let o = &p.origin;
    let m = &p.meta;
    if !rules::slug_ok(&p.slug) {
        cx.push(Problem::msg(
            o,
            FieldPath::root(),
            Message::NotASlug {
                slug: p.slug.clone(),
            },
        ));
    }
    cx.not_empty(o, key("title"), &m.title);
    cx.not_empty(o, key("summary"), &m.summary);
    if let Some(at) = deep {
        let before = &p.body[..at];
        let line = p.body_line + before.matches('\n').count();
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        cx.push(
            Problem::msg(
                o,
                key("body"),
                Message::MarkdownTooDeep {
                    max: crate::markdown::MAX_NESTING,
                },
            )
            .at(crate::problem::Position { line, column }),
        );
    }
    // No languages: site.yaml did not load, and its problem says why.
    if !langs.is_empty() && !langs.contains(&m.lang) {
        cx.push(Problem::msg(
            o,
            key("lang"),
            Message::NotASiteLanguage {
                lang: m.lang.clone(),
                langs: langs.iter().map(|l| l.to_string()).collect(),
            },
        ));
    }
    if m.sources.is_empty() {
        cx.push(Problem::msg(
            o,
            key("sources"),
            Message::ReleaseWithoutSource,
        ));
    }
    for (i, s) in m.sources.iter().enumerate() {
        source(cx, o, key("sources").index(i), s);
    }
    rules::no_repeats(cx, o, key("tags"), m.tags.iter().map(String::as_str));
    for (i, t) in m.tags.iter().enumerate() {
        rules::slug(cx, o, key("tags").index(i), t);
    }
    if let Some(r) = &m.region {
        cx.known_in(o, key("region"), r, Dimension::Region);
    }
    if let Some(e) = &m.election {
        cx.known(
            o,
            key("election"),
            e,
            &cx.index.elections,
            "vocab/elections.yaml",
        );
    }
    for (i, f) in m.figures.iter().enumerate() {
        cx.known(o, key("figures").index(i), f, &cx.index.figures, "figures/");
    }
    if let Some(t) = &m.translation {
        cx.known(o, key("translation"), t, &cx.index.press, "press/");
    }
    if !(1999..=2100).contains(&m.date.year()) {
        cx.push(Problem::msg(
            o,
            key("date"),
            Message::DateOutOfRange {
                date: m.date.to_string(),
            },
        ));
    }
}
