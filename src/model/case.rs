//! `content/cases/*.yaml`: one anonymised record per reported violation.
//! It names an agency and a position, never a person.

use serde::{Deserialize, Serialize};

use super::{IsoDate, Localized, Moment};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CaseRecord {
    /// Stable id: `2020-0001`.
    pub id: String,
    /// Day the violation was reported.
    pub date: IsoDate,
    pub election: String,
    /// Province code.
    pub region: String,
    /// Employing agency (instansi), e.g. "Pemerintah Kabupaten X".
    pub agency: String,
    /// Position code.
    pub position: String,
    /// One or more category codes.
    pub categories: Vec<String>,
    /// Furthest outcome stage reached.
    pub outcome: String,
    /// Id from `sources.yaml`.
    pub source: String,
    #[serde(default)]
    pub summary: Option<Localized>,
    /// Left out of `build` while true (see [`crate::publish`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// Left out of `build` until this moment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publish_at: Option<Moment>,
}
