//! The public record around the figures: who produced them
//! (`vocab/producers.yaml`, `institutions.yaml`), where sources disagree
//! (`conflicts.yaml`), what the site corrected (`corrections.yaml`), and
//! which figures each chart draws (`charts.yaml`). Every file is optional:
//! a site without it has none of these.

use serde::{Deserialize, Serialize};

use super::{Dimension, IsoDate, Localized};

/// An institution that publishes figures: KASN, BKN, Bawaslu, Kemendagri.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Producer {
    pub code: String,
    pub label: Localized,
    #[serde(default)]
    pub short: Option<Localized>,
    /// What the producer counts: `people` (civil servants) or `cases`
    /// (Bawaslu's findings and reports). Numbers of the two never share a
    /// chart, a total or a comparison.
    pub unit: String,
    /// When the producer took up the role, as precisely as known:
    /// `2024`, `2024-09` or `2024-08-23`.
    #[serde(default)]
    pub from: Option<String>,
    /// When it gave the role up; absent while it holds it.
    #[serde(default)]
    pub until: Option<String>,
    /// The role it held, and what it published, in the site's own words.
    pub role: Localized,
    /// Sources for the period and the role (ids from `sources.yaml`).
    #[serde(default)]
    pub sources: Vec<String>,
}

/// `institutions.yaml`: the page explaining who publishes these figures
/// now, with the dated events that changed it.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Institutions {
    pub title: Localized,
    /// Markdown, per language.
    pub body: Localized,
    pub events: Vec<InstitutionEvent>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct InstitutionEvent {
    pub date: IsoDate,
    pub text: Localized,
    /// Producers the event concerns (codes from `vocab/producers.yaml`).
    #[serde(default)]
    pub producers: Vec<String>,
    pub sources: Vec<String>,
}

/// Sources that disagree about one figure, its label, its date or how its
/// numbers add up. Every claim is kept and shown; none is picked silently.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    pub id: String,
    /// `value`, `label`, `date`, `version`, `producer` or `sum`.
    pub kind: String,
    pub title: Localized,
    /// The figures concerned (ids), at least one.
    pub figures: Vec<String>,
    /// What each source says, at least two.
    pub claims: Vec<Claim>,
    /// Why the difference matters and what the site does about it.
    pub note: Localized,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// Id from `sources.yaml`.
    pub source: String,
    /// The figure that holds this claim's numbers, when one does.
    #[serde(default)]
    pub figure: Option<String>,
    /// The number this source gives, exactly as published.
    #[serde(default)]
    pub value: Option<f64>,
    /// The date this source gives for the data, when dates are at issue.
    #[serde(default)]
    pub as_of: Option<IsoDate>,
    /// What the source says, in the site's own words.
    pub says: Localized,
}

/// One correction of a published figure, for the corrections page and
/// its feed.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// Stable id: the entry's anchor and its feed id.
    pub id: String,
    /// Day the correction was published.
    pub date: IsoDate,
    /// The corrected figure (id).
    pub figure: String,
    /// The field of the figure that changed: `as_of`, `title`.
    pub field: String,
    pub old: Localized,
    pub new: Localized,
    pub reason: Localized,
    /// The conflict that explains it (id from `conflicts.yaml`).
    #[serde(default)]
    pub conflict: Option<String>,
    pub sources: Vec<String>,
}

/// What a chart draws: the same numbers of several figures.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChartSpec {
    pub id: String,
    /// `timeline` (dates on a time axis), `years`, `compare` (elections
    /// side by side), `shares` (breakdowns across dates) or `map` (the
    /// province tile map).
    pub kind: String,
    pub title: Localized,
    /// The figures drawn, in order (ids).
    pub figures: Vec<String>,
    /// The numbers drawn of each figure. All of them, for every figure,
    /// must be in one unit.
    pub numbers: Vec<ChartNumber>,
    #[serde(default)]
    pub note: Option<Localized>,
}

/// One number of a figure: exactly one field is given.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChartNumber {
    /// A funnel stage (code from `vocab/outcomes.yaml`): people.
    #[serde(default)]
    pub stage: Option<String>,
    /// A count (code from `vocab/measures.yaml`): the measure's unit.
    #[serde(default)]
    pub measure: Option<String>,
    /// A share breakdown by this dimension: percent of its measure.
    #[serde(default)]
    pub share: Option<Dimension>,
    /// A tally by this dimension: its measure's unit.
    #[serde(default)]
    pub tally: Option<Dimension>,
}
