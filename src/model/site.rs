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
    /// use the built-in names (see `crate::plan::Sections`).
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
