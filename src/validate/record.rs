//! Rules for the public record: producers, the figures' new parts
//! (announcement dates, further sources, revisions, tallies, quoted
//! rates), conflicts, corrections and charts.
//!
//! The rule the record rests on: numbers in different units never share a
//! chart. Bawaslu counts cases; KASN, BKN and Kemendagri count civil
//! servants. A chart that would draw both is refused at the number or the
//! figure that brings the second unit in.

use std::collections::{HashMap, HashSet};

use super::rules::{self, Cx};
use crate::message::Message;
use crate::model::{ChartNumber, Dimension, Figure, IsoDate, Origin, Record};
use crate::problem::{FieldPath, Problem};

fn key(k: &str) -> FieldPath {
    FieldPath::root().key(k)
}

/// Units a measure may count in.
pub const MEASURE_UNITS: [&str; 3] = ["people", "reports", "cases"];
/// Units a producer counts in.
pub const PRODUCER_UNITS: [&str; 2] = ["people", "cases"];
pub const CONFLICT_KINDS: [&str; 6] = ["value", "label", "date", "version", "producer", "sum"];
pub const CHART_KINDS: [&str; 5] = ["timeline", "years", "compare", "shares", "map"];

/// `2024`, `2024-09` or `2024-08-23`: a period's end known as precisely as
/// the sources give it.
fn partial_date_ok(s: &str) -> bool {
    match s.len() {
        4 => s.bytes().all(|b| b.is_ascii_digit()),
        7 => {
            s.as_bytes()[4] == b'-'
                && s[..4].bytes().all(|b| b.is_ascii_digit())
                && matches!(s[5..].parse::<u8>(), Ok(1..=12))
        }
        _ => s.parse::<IsoDate>().is_ok(),
    }
}

fn sources(cx: &mut Cx, origin: &Origin, field: FieldPath, ids: &[String]) {
    rules::no_repeats(cx, origin, field.clone(), ids.iter().map(String::as_str));
    for (i, s) in ids.iter().enumerate() {
        cx.known(
            origin,
            field.clone().index(i),
            s,
            &cx.index.sources,
            "sources.yaml",
        );
    }
}

fn figure_ref(cx: &mut Cx, origin: &Origin, field: FieldPath, id: &str) {
    cx.known(origin, field, id, &cx.index.figures, "figures/");
}

fn one_of(
    cx: &mut Cx,
    origin: &Origin,
    field: FieldPath,
    value: &str,
    allowed: &[&str],
    what: &str,
) {
    if !allowed.contains(&value) {
        cx.push(Problem::msg(
            origin,
            field,
            Message::UnknownChoice {
                what: what.to_string(),
                value: value.to_string(),
                allowed: allowed.iter().map(|a| a.to_string()).collect(),
            },
        ));
    }
}

fn figure<'a>(cx: &Cx<'a>, id: &str) -> Option<&'a Record<Figure>> {
    cx.index.figures.get(id).map(|&i| &cx.content.figures[i])
}

/// The day a figure was made public: its announcement, else its data date.
pub fn published(f: &Figure) -> Option<IsoDate> {
    f.announced.or(f.as_of)
}

pub fn check_producers(cx: &mut Cx) {
    let list = &cx.content.vocab.producers;
    rules::unique(
        cx,
        "code",
        "code",
        list.iter().map(|p| (&p.origin, p.code.as_str())),
    );
    for p in list {
        let o = &p.origin;
        rules::slug(cx, o, key("code"), &p.code);
        cx.localized(o, key("label"), &p.label);
        cx.localized(o, key("role"), &p.role);
        one_of(
            cx,
            o,
            key("unit"),
            &p.unit,
            &PRODUCER_UNITS,
            "producer unit",
        );
        for (field, v) in [("from", &p.from), ("until", &p.until)] {
            if let Some(v) = v
                && !partial_date_ok(v)
            {
                cx.push(Problem::msg(
                    o,
                    key(field),
                    Message::NotAPartialDate { text: v.clone() },
                ));
            }
        }
        if let (Some(from), Some(until)) = (&p.from, &p.until)
            && partial_date_ok(from)
            && partial_date_ok(until)
            && until.as_str() < from.as_str()
        {
            cx.push(Problem::msg(
                o,
                key("until"),
                Message::RoleEndsBeforeItStarts {
                    from: from.clone(),
                    until: until.clone(),
                },
            ));
        }
        sources(cx, o, key("sources"), &p.sources);
    }
}

/// The record's parts of each figure: producer, dates, further sources,
/// revisions, tallies and quoted rates.
pub fn check_figures(cx: &mut Cx) {
    let content = cx.content;
    let need_producer = !content.vocab.producers.is_empty();
    let mut revised: HashMap<&str, &Origin> = HashMap::new();
    for f in &content.figures {
        let o = &f.origin;
        if let Some(r) = &f.revises
            && let Some(first) = revised.insert(r.as_str(), o)
        {
            cx.push(Problem::msg(
                o,
                key("revises"),
                Message::RevisedTwice {
                    revised: r.to_string(),
                    first: first.file.to_string(),
                },
            ));
        }
        if !cx.in_scope(o) {
            continue;
        }
        match &f.producer {
            Some(p) => cx.known(
                o,
                key("producer"),
                p,
                &cx.index.producers,
                "vocab/producers.yaml",
            ),
            None if need_producer => cx.push(Problem::msg(
                o,
                FieldPath::root(),
                Message::FigureWithoutProducer,
            )),
            None => {}
        }
        if let (Some(a), Some(d)) = (f.announced, f.as_of)
            && a < d
        {
            cx.push(Problem::msg(
                o,
                key("announced"),
                Message::AnnouncedBeforeData {
                    announced: a.to_string(),
                    as_of: d.to_string(),
                },
            ));
        }
        sources(cx, o, key("other_sources"), &f.other_sources);
        if let Some(i) = f.other_sources.iter().position(|s| *s == f.source) {
            cx.push(Problem::msg(
                o,
                key("other_sources").index(i),
                Message::FirstSourceAgain {
                    source: f.source.clone(),
                },
            ));
        }
        check_revision(cx, f);
        check_tallies(cx, f);
        check_rates(cx, f);
        if let Some(p) = f
            .producer
            .as_deref()
            .and_then(|p| cx.index.producers.get(p))
            && content.vocab.producers[*p].unit == "cases"
            && !f.funnel.is_empty()
        {
            cx.push(Problem::msg(
                o,
                key("funnel"),
                Message::FunnelFromCaseProducer {
                    producer: f.producer.clone().unwrap_or_default(),
                },
            ));
        }
    }
}

fn check_revision(cx: &mut Cx, f: &Record<Figure>) {
    let Some(r) = &f.revises else { return };
    let o = &f.origin;
    if *r == f.id {
        cx.push(Problem::msg(
            o,
            key("revises"),
            Message::RevisesItself { id: r.clone() },
        ));
        return;
    }
    figure_ref(cx, o, key("revises"), r);
    let Some(old) = figure(cx, r) else { return };
    for (field, new, was) in [
        ("producer", &f.producer, &old.producer),
        ("election", &f.election, &old.election),
    ] {
        if new != was {
            cx.push(Problem::msg(
                o,
                key(field),
                Message::RevisionOfAnotherTotal {
                    field: field.to_string(),
                    revised: r.clone(),
                    was: was.as_deref().unwrap_or("none").to_string(),
                    now: new.as_deref().unwrap_or("none").to_string(),
                },
            ));
        }
    }
    match (published(f), published(old)) {
        (Some(new), Some(was)) if new <= was => cx.push(Problem::msg(
            o,
            key("announced"),
            Message::RevisionPublishedBefore {
                revised: r.clone(),
                was: was.to_string(),
                now: new.to_string(),
            },
        )),
        (None, _) | (_, None) => cx.push(Problem::msg(
            o,
            key("revises"),
            Message::RevisionWithoutDate,
        )),
        _ => {}
    }
}

fn check_tallies(cx: &mut Cx, f: &Record<Figure>) {
    let o = &f.origin;
    let by: Vec<String> = f
        .tallies
        .iter()
        .map(|t| format!("{}/{}", t.by.key(), t.of))
        .collect();
    rules::no_repeats(cx, o, key("tallies"), by.iter().map(String::as_str));
    for (i, t) in f.tallies.iter().enumerate() {
        let at = key("tallies").index(i);
        cx.known(
            o,
            at.clone().key("of"),
            &t.of,
            &cx.index.measures,
            "vocab/measures.yaml",
        );
        rules::no_repeats(
            cx,
            o,
            at.clone().key("parts"),
            t.parts.iter().map(|p| p.code.as_str()),
        );
        for (j, p) in t.parts.iter().enumerate() {
            cx.known_in(
                o,
                at.clone().key("parts").index(j).key("code"),
                &p.code,
                t.by,
            );
        }
        let sum: u64 = t.parts.iter().map(|p| p.value).sum();
        if let Some(total) = f.counts.iter().find(|c| c.measure == t.of)
            && sum > total.value
        {
            cx.push(Problem::msg(
                o,
                at.key("parts"),
                Message::PartsOverTotal {
                    total: total.value,
                    of: t.of.clone(),
                    sum,
                },
            ));
        }
    }
}

/// The people or items a figure holds under `code`: a funnel stage or a
/// count.
fn held(f: &Figure, code: &str) -> Option<u64> {
    f.funnel
        .iter()
        .find(|s| s.stage == code)
        .map(|s| s.value)
        .or_else(|| f.counts.iter().find(|c| c.measure == code).map(|c| c.value))
}

fn check_rates(cx: &mut Cx, f: &Record<Figure>) {
    let o = &f.origin;
    for (i, r) in f.rates.iter().enumerate() {
        let at = key("rates").index(i);
        for (field, code) in [("part", &r.part), ("of", &r.of)] {
            if !cx.index.outcomes.contains_key(code) && !cx.index.measures.contains_key(code) {
                cx.push(Problem::msg(
                    o,
                    at.clone().key(field),
                    Message::UnknownRateCode {
                        code: code.to_string(),
                    },
                ));
            }
        }
        if !(0.0..=100.0).contains(&r.percent) {
            cx.push(Problem::msg(
                o,
                at.clone().key("percent"),
                Message::ImpossibleRate {
                    percent: r.percent.to_string(),
                },
            ));
            continue;
        }
        // A quoted rate that does not follow from the figure's own numbers
        // is kept as quoted, but never silently: a conflict must name it.
        if let (Some(part), Some(of)) = (held(f, &r.part), held(f, &r.of))
            && of > 0
        {
            let computed = part as f64 / of as f64 * 100.0;
            let whole = r.percent.fract() == 0.0;
            let slack = if whole { 0.5 } else { 0.05 } + 1e-9;
            let explained = cx
                .content
                .conflicts
                .iter()
                .any(|c| c.figures.iter().any(|x| *x == f.id));
            if (computed - r.percent).abs() > slack && !explained {
                cx.push(Problem::msg(
                    o,
                    at.key("percent"),
                    Message::RateDoesNotCompute {
                        percent: r.percent.to_string(),
                        computed: format!("{computed:.1}"),
                        part,
                        of,
                        figure: f.id.clone(),
                    },
                ));
            }
        }
    }
}

pub fn check_conflicts(cx: &mut Cx) {
    let list = &cx.content.conflicts;
    rules::unique(
        cx,
        "id",
        "conflict id",
        list.iter().map(|c| (&c.origin, c.id.as_str())),
    );
    for c in list {
        let o = &c.origin;
        rules::slug(cx, o, key("id"), &c.id);
        one_of(
            cx,
            o,
            key("kind"),
            &c.kind,
            &CONFLICT_KINDS,
            "conflict kind",
        );
        cx.localized(o, key("title"), &c.title);
        cx.localized(o, key("note"), &c.note);
        if c.figures.is_empty() {
            cx.push(Problem::msg(
                o,
                key("figures"),
                Message::ConflictAboutNoFigure,
            ));
        }
        rules::no_repeats(cx, o, key("figures"), c.figures.iter().map(String::as_str));
        for (i, f) in c.figures.iter().enumerate() {
            figure_ref(cx, o, key("figures").index(i), f);
        }
        if c.claims.len() < 2 {
            cx.push(Problem::msg(
                o,
                key("claims"),
                Message::ConflictOneSided {
                    claims: c.claims.len(),
                },
            ));
        }
        for (i, claim) in c.claims.iter().enumerate() {
            let at = key("claims").index(i);
            cx.known(
                o,
                at.clone().key("source"),
                &claim.source,
                &cx.index.sources,
                "sources.yaml",
            );
            cx.localized(o, at.clone().key("says"), &claim.says);
            let Some(fid) = &claim.figure else { continue };
            figure_ref(cx, o, at.clone().key("figure"), fid);
            if !c.figures.contains(fid) {
                cx.push(Problem::msg(
                    o,
                    at.clone().key("figure"),
                    Message::ClaimFigureNotInConflict {
                        figure: fid.clone(),
                        figures: c.figures.clone(),
                    },
                ));
            }
            if let Some(f) = figure(cx, fid)
                && f.source != claim.source
                && !f.other_sources.contains(&claim.source)
            {
                cx.push(Problem::msg(
                    o,
                    at.key("source"),
                    Message::ClaimSourceNotCited {
                        source: claim.source.clone(),
                        figure_source: f.source.clone(),
                    },
                ));
            }
        }
    }
}

pub fn check_corrections(cx: &mut Cx) {
    let list = &cx.content.corrections;
    rules::unique(
        cx,
        "id",
        "correction id",
        list.iter().map(|c| (&c.origin, c.id.as_str())),
    );
    for c in list {
        let o = &c.origin;
        rules::slug(cx, o, key("id"), &c.id);
        figure_ref(cx, o, key("figure"), &c.figure);
        cx.not_empty(o, key("field"), &c.field);
        cx.localized(o, key("old"), &c.old);
        cx.localized(o, key("new"), &c.new);
        cx.localized(o, key("reason"), &c.reason);
        if let Some(k) = &c.conflict {
            cx.known(o, key("conflict"), k, &cx.index.conflicts, "conflicts.yaml");
        }
        sources(cx, o, key("sources"), &c.sources);
        if !(1999..=2100).contains(&c.date.year()) {
            cx.push(Problem::msg(
                o,
                key("date"),
                crate::message::Message::DateOutOfRange {
                    date: c.date.to_string(),
                },
            ));
        }
    }
}

pub fn check_institutions(cx: &mut Cx) {
    let Some(page) = &cx.content.institutions else {
        return;
    };
    let o = &page.origin;
    cx.localized(o, key("title"), &page.title);
    cx.localized(o, key("body"), &page.body);
    for (i, e) in page.events.iter().enumerate() {
        let at = key("events").index(i);
        cx.localized(o, at.clone().key("text"), &e.text);
        for (j, p) in e.producers.iter().enumerate() {
            cx.known(
                o,
                at.clone().key("producers").index(j),
                p,
                &cx.index.producers,
                "vocab/producers.yaml",
            );
        }
        if e.sources.is_empty() {
            cx.push(Problem::msg(
                o,
                at.clone().key("sources"),
                Message::EventWithoutSource,
            ));
        }
        sources(cx, o, at.key("sources"), &e.sources);
    }
}

/// The unit of one number of a figure, when the figure has it:
/// `people`, `cases`, `reports`, or `percent of <unit>` for shares.
pub fn number_unit(cx: &Cx, f: &Figure, n: &ChartNumber) -> Option<String> {
    let unit = |m: &str| {
        cx.index
            .measures
            .get(m)
            .map(|&i| cx.content.vocab.measures[i].unit.clone())
    };
    if let Some(s) = &n.stage {
        return f
            .funnel
            .iter()
            .any(|x| x.stage == *s)
            .then(|| "people".to_string());
    }
    if let Some(m) = &n.measure {
        return f
            .counts
            .iter()
            .any(|c| c.measure == *m)
            .then(|| unit(m))
            .flatten();
    }
    if let Some(d) = n.share {
        let s = f.shares.iter().find(|s| s.by == d)?;
        return Some(format!("percent of {}", unit(&s.of)?));
    }
    if let Some(d) = n.tally {
        let t = f.tallies.iter().find(|t| t.by == d)?;
        return unit(&t.of);
    }
    None
}

pub fn check_charts(cx: &mut Cx) {
    let list = &cx.content.charts;
    rules::unique(
        cx,
        "id",
        "chart id",
        list.iter().map(|c| (&c.origin, c.id.as_str())),
    );
    for c in list {
        let o = &c.origin;
        rules::slug(cx, o, key("id"), &c.id);
        one_of(cx, o, key("kind"), &c.kind, &CHART_KINDS, "chart kind");
        cx.localized(o, key("title"), &c.title);
        if let Some(n) = &c.note {
            cx.localized(o, key("note"), n);
        }
        for (field, n) in [("figures", c.figures.len()), ("numbers", c.numbers.len())] {
            if n == 0 {
                cx.push(Problem::msg(
                    o,
                    key(field),
                    Message::EmptyChart {
                        field: field.to_string(),
                    },
                ));
            }
        }
        rules::no_repeats(cx, o, key("figures"), c.figures.iter().map(String::as_str));
        for (i, n) in c.numbers.iter().enumerate() {
            let given = [
                n.stage.is_some(),
                n.measure.is_some(),
                n.share.is_some(),
                n.tally.is_some(),
            ]
            .iter()
            .filter(|&&x| x)
            .count();
            let at = key("numbers").index(i);
            if given != 1 {
                cx.push(Problem::msg(
                    o,
                    at.clone(),
                    Message::ChartNumberNamesOneThing { given },
                ));
            }
            if let Some(s) = &n.stage {
                cx.known_in(o, at.clone().key("stage"), s, Dimension::Outcome);
            }
            if let Some(m) = &n.measure {
                cx.known(
                    o,
                    at.clone().key("measure"),
                    m,
                    &cx.index.measures,
                    "vocab/measures.yaml",
                );
            }
            let fits = match c.kind.as_str() {
                "map" => n.tally == Some(Dimension::Region),
                "shares" => n.share.is_some() || n.tally.is_some_and(|d| d != Dimension::Region),
                _ => n.stage.is_some() || n.measure.is_some(),
            };
            if given == 1 && CHART_KINDS.contains(&c.kind.as_str()) && !fits {
                cx.push(Problem::msg(
                    o,
                    at,
                    Message::NumberTheChartCannotDraw {
                        kind: c.kind.clone(),
                        number: format!("{n:?}"),
                    },
                ));
            }
        }
        // One unit per chart: the first unit found sets it, and every
        // figure that brings another is refused where it is listed.
        let mut first: Option<(String, String)> = None;
        let mut seen_units: HashSet<String> = HashSet::new();
        for (i, fid) in c.figures.iter().enumerate() {
            let at = key("figures").index(i);
            figure_ref(cx, o, at.clone(), fid);
            let Some(f) = figure(cx, fid) else { continue };
            let units: Vec<String> = c
                .numbers
                .iter()
                .filter_map(|n| number_unit(cx, f, n))
                .collect();
            if units.is_empty() {
                cx.push(Problem::msg(
                    o,
                    at.clone(),
                    Message::FigureWithoutChartNumbers {
                        figure: fid.clone(),
                    },
                ));
            }
            for u in units {
                match &first {
                    None => first = Some((u.clone(), fid.clone())),
                    Some((unit, from)) if *unit != u && seen_units.insert(u.clone()) => {
                        cx.push(Problem::msg(
                            o,
                            at.clone(),
                            Message::UnitsMixed {
                                unit: unit.clone(),
                                from: from.clone(),
                                figure: fid.clone(),
                                other: u.clone(),
                            },
                        ));
                    }
                    Some(_) => {}
                }
            }
        }
    }
}
