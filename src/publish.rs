//! Which records the build publishes: a plain data step between
//! `validate` and `aggregate`. A record with `draft: true`, or with a
//! `publish_at` after the build's "now", is taken out of the [`Content`]
//! here, once, so every later stage (index, statistics, plan, pages,
//! feeds, sitemap, search, downloads) sees only the published set, as in
//! Zola and Hugo.
//!
//! "Now" is explicit ([`Publish::now`]): `--now`, else
//! `SOURCE_DATE_EPOCH`, else the wall clock, so the same sources and the
//! same now give the same bytes.

use std::sync::Arc;

use crate::message::Message;
use crate::model::{Content, Moment, Origin};
use crate::problem::{Problem, Problems};

/// What to publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Publish {
    /// Keep drafts and embargoed records (`--drafts`).
    pub drafts: bool,
    /// The build's moment: what `publish_at` is compared with.
    pub now: jiff::Timestamp,
}

impl Default for Publish {
    fn default() -> Self {
        Publish {
            drafts: false,
            now: now_from_env().unwrap_or_else(|_| jiff::Timestamp::now()),
        }
    }
}

/// `SOURCE_DATE_EPOCH` (seconds since 1970) when set, else the wall
/// clock; an unreadable value is an error, not silently the wall clock.
pub fn now_from_env() -> Result<jiff::Timestamp, String> {
    match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(v) => v
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(|s| jiff::Timestamp::from_second(s).ok())
            .ok_or_else(|| bad_epoch(&v)),
        Err(_) => Ok(jiff::Timestamp::now()),
    }
}

fn bad_epoch(v: &str) -> String {
    format!("SOURCE_DATE_EPOCH is `{v}`; expected whole seconds since 1970-01-01 UTC")
}

/// Parses `--now`: a moment in RFC 3339 with its offset.
pub fn parse_now(s: &str) -> Result<jiff::Timestamp, String> {
    Moment::parse(s).map(|m| m.0)
}

// Why a record is not published, and what kind of record it is: named in
// `message`, where their words in each language are.
pub use crate::message::{HeldBack as Why, RecordKind as Kind};

/// A record left out of the build.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Held {
    pub kind: Kind,
    /// The release's slug, or the figure's or case's id: the last segment
    /// of its page's address.
    pub key: String,
    pub file: Arc<str>,
    pub why: Why,
}

/// Whether a record with `draft` and `publish_at` is held back under `p`.
pub fn why(p: Publish, draft: bool, publish_at: Option<Moment>) -> Option<Why> {
    if p.drafts {
        return None;
    }
    if draft {
        return Some(Why::Draft);
    }
    publish_at
        .filter(|t| t.0 > p.now)
        .map(|t| Why::Embargo(t.to_string()))
}

/// Every record of `content` that `p` holds back, without changing it:
/// what `check` lists.
pub fn held(content: &Content, p: Publish) -> Vec<Held> {
    let mut out = Vec::new();
    let mut add = |kind, key: &str, origin: &Origin, w: Option<Why>| {
        if let Some(why) = w {
            out.push(Held {
                kind,
                key: key.to_string(),
                file: origin.file.clone(),
                why,
            });
        }
    };
    for r in &content.press {
        add(
            Kind::Press,
            &r.slug,
            &r.origin,
            why(p, r.meta.draft, r.meta.publish_at),
        );
    }
    for r in &content.figures {
        add(
            Kind::Figure,
            &r.id,
            &r.origin,
            why(p, r.draft, r.publish_at),
        );
    }
    for r in &content.cases {
        add(Kind::Case, &r.id, &r.origin, why(p, r.draft, r.publish_at));
    }
    out.sort();
    out
}

/// Takes the held records out of `content` and returns them, with a
/// problem for every published record that refers to one by id (a
/// release's `figures` or `translation`, a figure's `revises`, a
/// conflict's or correction's figure, a chart's figures): the published
/// page would point at a page the build does not write.
pub fn select(content: &mut Content, p: Publish) -> (Vec<Held>, Problems) {
    let held = held(content, p);
    if held.is_empty() {
        return (held, Problems::default());
    }
    let out = |kind: Kind, key: &str| held.iter().any(|h| h.kind == kind && h.key == key);
    content.press.retain(|r| !out(Kind::Press, &r.slug));
    content.figures.retain(|r| !out(Kind::Figure, &r.id));
    content.cases.retain(|r| !out(Kind::Case, &r.id));

    let mut problems = Problems::default();
    let find = |kind: Kind, key: &str| held.iter().find(|h| h.kind == kind && h.key == key);
    let mut refer = |from: &Origin, field: String, kind: Kind, key: &str| {
        if let Some(h) = find(kind, key) {
            problems.push(link_to_held(from, field, h));
        }
    };
    for r in &content.press {
        for (i, f) in r.meta.figures.iter().enumerate() {
            refer(&r.origin, format!("figures[{i}]"), Kind::Figure, f);
        }
        if let Some(t) = &r.meta.translation {
            refer(&r.origin, "translation".into(), Kind::Press, t);
        }
    }
    for r in &content.figures {
        if let Some(f) = &r.revises {
            refer(&r.origin, "revises".into(), Kind::Figure, f);
        }
    }
    for r in &content.conflicts {
        for (i, f) in r.figures.iter().enumerate() {
            refer(&r.origin, format!("figures[{i}]"), Kind::Figure, f);
        }
        for (i, c) in r.claims.iter().enumerate() {
            if let Some(f) = &c.figure {
                refer(&r.origin, format!("claims[{i}].figure"), Kind::Figure, f);
            }
        }
    }
    for r in &content.corrections {
        refer(&r.origin, "figure".into(), Kind::Figure, &r.figure);
    }
    for r in &content.charts {
        for (i, f) in r.figures.iter().enumerate() {
            refer(&r.origin, format!("figures[{i}]"), Kind::Figure, f);
        }
    }
    (held, problems)
}

/// A published record's field, or a link in its text, that points at a
/// held record: names both files.
pub fn link_to_held(from: &Origin, field: String, h: &Held) -> Problem {
    Problem::msg(
        from,
        crate::problem::FieldPath::parse(&field),
        held_message(h, ""),
    )
}

/// What is wrong with a link (`link`, as written; empty for a field) to
/// the held record `h`.
pub fn held_message(h: &Held, link: &str) -> Message {
    Message::LinkToHeld {
        link: link.to_string(),
        kind: h.kind,
        key: h.key.clone(),
        file: h.file.to_string(),
        why: h.why.clone(),
    }
}

/// The held record a broken link `link` points at, if any: its address's
/// last segment is the record's slug or id. Only asked about links that
/// are already broken, so a same-named page elsewhere cannot be mistaken.
pub fn target<'a>(held: &'a [Held], link: &str) -> Option<&'a Held> {
    let path = link.split(['#', '?']).next().unwrap_or("");
    let last = path
        .trim_end_matches('/')
        .trim_end_matches("index.html")
        .trim_end_matches('/')
        .rsplit('/')
        .next()?;
    held.iter().find(|h| h.key == last)
}
