//! `content/cases/*.yaml`: one anonymised record per reported violation.
//! It names an agency and a position, never a person.

use serde::{Deserialize, Serialize};

use super::{IsoDate, Localized};

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
}
