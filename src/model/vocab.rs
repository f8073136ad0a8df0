//! `content/vocab/*.yaml`: the code lists every record refers to.
//!
//! Records store codes, never labels, so a label can be corrected or
//! translated in one place and every page follows.

use serde::{Deserialize, Serialize};

use super::{IsoDate, Localized, Record};

/// One entry of a plain code list (categories).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub code: String,
    pub label: Localized,
    /// A short label for charts, where the full one would not fit.
    #[serde(default)]
    pub short: Option<Localized>,
    #[serde(default)]
    pub description: Option<Localized>,
}

/// A position (jabatan) under UU 5/2014. `parent` groups the levels of JPT
/// and of Jabatan Administrasi, so a figure may count at either depth.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Position {
    pub code: String,
    pub label: Localized,
    #[serde(default)]
    pub short: Option<Localized>,
    #[serde(default)]
    pub parent: Option<String>,
    #[serde(default)]
    pub description: Option<Localized>,
}

/// An outcome stage of a case, in the order a case passes through them.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Outcome {
    pub code: String,
    pub label: Localized,
    /// 1 for the first stage; each later stage can hold at most as many
    /// people as the one before it.
    pub stage: u8,
    #[serde(default)]
    pub description: Option<Localized>,
}

/// A province, with its code from the Ministry of Home Affairs
/// (Kemendagri) and its ISO 3166-2 subdivision code.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// Two-digit Kemendagri code, written as a string: `"73"`.
    pub code: String,
    pub iso: String,
    pub label: Localized,
    /// Where the province's tile sits on the tile map, `[column, row]`
    /// from the top left: every province one equal tile, placed roughly
    /// as on a map. Either every province has one or none has.
    #[serde(default)]
    pub tile: Option<[u8; 2]>,
}

impl Region {
    /// Tiles lie in columns and rows below this: a map of a country's
    /// provinces, not a page-sized grid.
    pub const MAX_TILE: u8 = 32;
}

/// An election (Pemilu or Pilkada).
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Election {
    pub code: String,
    pub label: Localized,
    /// Voting day.
    pub date: IsoDate,
    /// `pilkada` (regional) or `pemilu` (general).
    pub kind: String,
    /// Number of regions that voted, where published.
    #[serde(default)]
    pub regions: Option<u32>,
    #[serde(default)]
    pub note: Option<Localized>,
}

/// What a count counts, and in which unit.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Measure {
    pub code: String,
    pub label: Localized,
    /// `people`, `reports` or `cases`: printed beside every number of this
    /// measure. Numbers in different units never share a chart.
    pub unit: String,
}

#[derive(Debug, Default, Clone)]
pub struct Vocabularies {
    pub positions: Vec<Record<Position>>,
    pub categories: Vec<Record<Term>>,
    pub outcomes: Vec<Record<Outcome>>,
    pub regions: Vec<Record<Region>>,
    pub elections: Vec<Record<Election>>,
    pub measures: Vec<Record<Measure>>,
    /// Optional file: a site without it names no producers.
    pub producers: Vec<Record<super::Producer>>,
}
