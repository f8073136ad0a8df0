//! `content/site.yaml`: the site's identity, languages and URL layout.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Localized;

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SiteConfig {
    /// Site title per language.
    pub title: Localized,
    /// One-sentence description per language (meta description, feed).
    pub description: Localized,
    /// Absolute URL the site is published under, e.g. `https://example.org/netra/`.
    pub base_url: String,
    /// Publisher shown in the footer and in dataset metadata.
    pub publisher: Localized,
    /// Languages in order; the first is the default and is served at `/`.
    pub languages: Vec<Language>,
    /// Items per page on every paginated list.
    #[serde(default = "default_per_page")]
    pub per_page: usize,
    /// Field names that would normally be refused as personal data but are
    /// declared public for this site (see the privacy rule in README.md).
    #[serde(default)]
    pub public_fields: Vec<String>,
    /// The browser editor written to `admin/` (see [`crate::cms`]).
    #[serde(default)]
    pub cms: Option<super::CmsConfig>,
}

fn default_per_page() -> usize {
    10
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: Localized::default(),
            description: Localized::default(),
            base_url: String::new(),
            publisher: Localized::default(),
            languages: Vec::new(),
            per_page: default_per_page(),
            public_fields: Vec::new(),
            cms: None,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Language {
    /// BCP 47 code, also the name of the theme's translation file (`i18n/<code>.yaml`).
    pub code: String,
    /// URL prefix of this language's pages: empty for the default language.
    #[serde(default)]
    pub prefix: String,
    /// Section names in URLs, e.g. `press: siaran-pers`. Missing sections
    /// use the built-in names (see `crate::render::urls::Sections`).
    #[serde(default)]
    pub paths: BTreeMap<String, String>,
}

impl SiteConfig {
    pub fn default_lang(&self) -> &str {
        self.languages
            .first()
            .map(|l| l.code.as_str())
            .unwrap_or("id")
    }
}

/// A section of the site's URLs: the keys of a language's `paths` in
/// `site.yaml`, each with its built-in name in Indonesian and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    Press,
    Statistics,
    Cases,
    Data,
    Tags,
    Figures,
    /// The segment before a page number: `halaman/2/`.
    Page,
    Position,
    Category,
    Region,
    Election,
    Year,
    Search,
    /// The corrections log and its feed.
    Corrections,
    /// Who produces the figures.
    Producers,
}

impl Section {
    pub const ALL: [Section; 15] = [
        Section::Press,
        Section::Statistics,
        Section::Cases,
        Section::Data,
        Section::Tags,
        Section::Figures,
        Section::Page,
        Section::Position,
        Section::Category,
        Section::Region,
        Section::Election,
        Section::Year,
        Section::Search,
        Section::Corrections,
        Section::Producers,
    ];

    /// The key in `site.yaml`'s `paths`.
    pub fn key(self) -> &'static str {
        self.names().0
    }

    /// The built-in name for a language: English for `en`, Indonesian for
    /// every other (the site's first audience).
    pub fn default_name(self, lang: &str) -> &'static str {
        let (_, id, en) = self.names();
        if lang == "en" { en } else { id }
    }

    fn names(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Section::Press => ("press", "siaran-pers", "press"),
            Section::Statistics => ("statistics", "statistik", "statistics"),
            Section::Cases => ("cases", "kasus", "cases"),
            Section::Data => ("data", "data", "data"),
            Section::Tags => ("tags", "tag", "tags"),
            Section::Figures => ("figures", "angka", "figures"),
            Section::Page => ("page", "halaman", "page"),
            Section::Position => ("position", "jabatan", "position"),
            Section::Category => ("category", "kategori", "category"),
            Section::Region => ("region", "provinsi", "province"),
            Section::Election => ("election", "pemilihan", "election"),
            Section::Year => ("year", "tahun", "year"),
            Section::Search => ("search", "cari", "search"),
            Section::Corrections => ("corrections", "koreksi", "corrections"),
            Section::Producers => ("producers", "produsen", "producers"),
        }
    }

    pub fn from_key(key: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.key() == key)
    }
}
