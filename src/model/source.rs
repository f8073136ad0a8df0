//! `content/sources.yaml`: every outlet a number or a release cites.

use serde::{Deserialize, Serialize};

use super::{IsoDate, Localized};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Stable id that records cite: `tribunnews-2020-08-05`.
    pub id: String,
    /// Name of the outlet or publisher, as it names itself.
    pub outlet: String,
    /// What the report is about, in the site's words.
    pub title: Localized,
    /// Publication date.
    pub date: IsoDate,
    /// Dateline (place) of the report, where given.
    #[serde(default)]
    pub place: Option<String>,
    /// Address of the report. Left out when the archived copy does not
    /// record one: netra never invents a link.
    #[serde(default)]
    pub url: Option<String>,
    /// Reference to the archived copy the editors worked from.
    #[serde(default)]
    pub archive: Option<String>,
}
