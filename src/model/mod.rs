//! The content model: plain data types that every stage after `load` reads.
//!
//! Types here mirror the files under `content/` one to one and are
//! deserialised with `#[serde(deny_unknown_fields)]`, so a misspelt field is
//! an error rather than a silently ignored line. They carry no positions:
//! each record knows its file ([`Origin`]), and the line and column of any
//! field are recovered on demand from the file's text by
//! [`crate::locate`], which keeps the happy path free of bookkeeping.
//! `docs/content-model.md` documents every field for editors.

mod case;
mod cms;
mod common;
mod figure;
mod index;
mod press;
mod record;
mod site;
mod source;
mod vocab;

pub use case::CaseRecord;
pub use cms::{CmsBackend, CmsConfig};
pub use common::{IsoDate, Localized, Moment, Origin, Record};
pub use figure::{
    Count, Dimension, Figure, FunnelStep, Leading, Rate, Share, SharePart, Tally, TallyPart,
    stage_rate,
};
pub use index::Index;
pub use press::{FrontMatter, PressRelease};
pub use record::{
    ChartNumber, ChartSpec, Claim, Conflict, Correction, InstitutionEvent, Institutions, Producer,
};
pub use site::{Language, Section, SiteConfig};
pub use source::Source;
pub use vocab::{Election, Measure, Outcome, Position, Region, Term, Vocabularies};

/// Field names refused anywhere in a record: they would hold a person's
/// name or civil-service number. No type here has such a field, so serde
/// refuses them as unknown; the loader then reports them as personal data.
pub const PERSONAL_FIELDS: [&str; 10] = [
    "name",
    "nama",
    "nama_asn",
    "nama_lengkap",
    "nip",
    "nik",
    "terlapor",
    "pelaku",
    "employee",
    "accused",
];

/// Everything loaded from one `content/` folder, before validation.
#[derive(Debug, Default)]
pub struct Content {
    pub site: Record<SiteConfig>,
    pub vocab: Vocabularies,
    pub sources: Vec<Record<Source>>,
    pub figures: Vec<Record<Figure>>,
    pub cases: Vec<Record<CaseRecord>>,
    pub press: Vec<PressRelease>,
    /// `conflicts.yaml`: where sources disagree.
    pub conflicts: Vec<Record<Conflict>>,
    /// `corrections.yaml`: the site's corrections log.
    pub corrections: Vec<Record<Correction>>,
    /// `charts.yaml`: which figures each chart draws.
    pub charts: Vec<Record<ChartSpec>>,
    /// `institutions.yaml`: who publishes these figures now.
    pub institutions: Option<Record<Institutions>>,
    /// Ids, codes and slugs of records that failed to load. Their problem
    /// is already reported; references to them are not reported again.
    pub unloaded: Vec<String>,
    /// Fields of a record file (file, field path as printed) whose value
    /// was refused on loading and replaced by a placeholder, so the rules
    /// could still see the rest of the record. Their problem is already
    /// reported; what the rules say about the placeholder is not.
    pub repaired: Vec<(String, String)>,
}
