//! `content/figures/*.yaml`: one snapshot of official aggregate figures, as
//! a source published them on one date.

use serde::{Deserialize, Serialize};

use super::{IsoDate, Localized, Moment};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Figure {
    /// Stable id, used in URLs and anchors: `kasn-2020-07-31`.
    pub id: String,
    pub title: Localized,
    /// The day the numbers describe ("data per 31 Juli 2020").
    #[serde(default)]
    pub as_of: Option<IsoDate>,
    /// The calendar year the numbers cover, for yearly totals.
    #[serde(default)]
    pub year: Option<i16>,
    /// The election the numbers are about (code from `vocab/elections.yaml`).
    #[serde(default)]
    pub election: Option<String>,
    /// The day the numbers were made public, when it differs from
    /// `as_of` (data as of 30 September, announced on 7 October), or when
    /// the source gave no date for the data at all.
    #[serde(default)]
    pub announced: Option<IsoDate>,
    /// Who produced the numbers: a code from `vocab/producers.yaml`.
    #[serde(default)]
    pub producer: Option<String>,
    /// Id from `sources.yaml`: the first report the numbers are taken from.
    pub source: String,
    /// Further reports of the same numbers, each an id from `sources.yaml`.
    /// Where one of them disagrees, `conflicts.yaml` says how.
    #[serde(default)]
    pub other_sources: Vec<String>,
    /// The earlier version of the same total that this figure revises (a
    /// figure id). The earlier one stays published with its own dates.
    #[serde(default)]
    pub revises: Option<String>,
    /// Who compiled the numbers (KASN), when the source only reports them.
    #[serde(default)]
    pub compiled_by: Option<String>,
    #[serde(default)]
    pub counts: Vec<Count>,
    #[serde(default)]
    pub funnel: Vec<FunnelStep>,
    #[serde(default)]
    pub shares: Vec<Share>,
    #[serde(default)]
    pub tallies: Vec<Tally>,
    #[serde(default)]
    pub rates: Vec<Rate>,
    #[serde(default)]
    pub leading: Vec<Leading>,
    #[serde(default)]
    pub note: Option<Localized>,
    /// Left out of `build` while true (see [`crate::publish`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// Left out of `build` until this moment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publish_at: Option<Moment>,
}

/// A single published number.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Count {
    /// Code from `vocab/measures.yaml`.
    pub measure: String,
    pub value: u64,
}

/// The number of people who reached one outcome stage.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FunnelStep {
    /// Code from `vocab/outcomes.yaml`.
    pub stage: String,
    pub value: u64,
}

/// A funnel stage as a percentage of the stage before it; `None` when the
/// stage before is empty. Charts and figure pages print this one rate.
pub fn stage_rate(before: f64, value: f64) -> Option<f64> {
    (before > 0.0).then(|| value / before * 100.0)
}

/// Which vocabulary a share or a "leading" entry is broken down by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    Position,
    Category,
    Region,
    Outcome,
}

impl Dimension {
    pub const ALL: [Dimension; 4] = [
        Dimension::Position,
        Dimension::Category,
        Dimension::Region,
        Dimension::Outcome,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Dimension::Position => "position",
            Dimension::Category => "category",
            Dimension::Region => "region",
            Dimension::Outcome => "outcome",
        }
    }

    /// The vocabulary file the codes of this dimension come from.
    pub fn vocab_file(self) -> &'static str {
        match self {
            Dimension::Position => "vocab/positions.yaml",
            Dimension::Category => "vocab/categories.yaml",
            Dimension::Region => "vocab/regions.yaml",
            Dimension::Outcome => "vocab/outcomes.yaml",
        }
    }
}

/// Published percentages of a total, broken down by one dimension. The
/// parts may leave a remainder (only the top three were published); pages
/// show it as "not published", never spread over the known parts.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Share {
    pub by: Dimension,
    /// The measure the percentages are shares of.
    pub of: String,
    pub parts: Vec<SharePart>,
}

impl Share {
    /// What the parts leave of 100 %, shown as "not published"; `None` when
    /// nothing is left. Rounded to the one decimal the sources use, so that
    /// 100 − 67.3 is 32.7, not 32.699999. Charts, pages and the open data
    /// all show this one number.
    pub fn not_published(&self) -> Option<f64> {
        let known: f64 = self.parts.iter().map(|p| p.percent).sum();
        let rest = ((100.0 - known) * 10.0).round() / 10.0;
        (rest > 0.0).then_some(rest)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SharePart {
    pub code: String,
    pub percent: f64,
}

/// "The most frequent category was …", where a source names a leader
/// without a number.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Leading {
    pub by: Dimension,
    pub code: String,
}

/// Published counts of one measure, broken down by one dimension
/// (provinces, categories). The parts may add up to less than the total
/// the figure counts: the rest was not published, and pages say so.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Tally {
    pub by: Dimension,
    /// The measure counted, which gives the unit of every part.
    pub of: String,
    pub parts: Vec<TallyPart>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TallyPart {
    pub code: String,
    pub value: u64,
}

/// A percentage the source quoted ("1.597 ASN atau 78,5 persen"): `part`
/// as a share of `of`, each an outcome stage or a measure code. Kept as
/// quoted; where it does not compute from the figure's own numbers, a
/// conflict must say so.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Rate {
    pub part: String,
    pub of: String,
    pub percent: f64,
}
