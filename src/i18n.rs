//! Interface language: the theme's translation files.
//!
//! Each language of the site has `themes/<theme>/i18n/<code>.yaml` with
//! every interface string, month names and the number format. Adding a
//! language is adding that file and a line in `site.yaml`; no code changes.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::message::Message;
use crate::model::Origin;
use crate::problem::{FieldPath, Problem};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Locale {
    /// Decimal separator: `,` in Indonesian.
    pub decimal: String,
    /// Thousands separator: `.` in Indonesian.
    pub group: String,
    /// Twelve month names, January first.
    pub months: Vec<String>,
    /// Interface strings by key, handed to templates as `t`.
    pub strings: BTreeMap<String, String>,
}

impl Locale {
    /// The string for `key`; the key itself when missing, so a gap shows on
    /// the page instead of failing the build. `check_keys` reports gaps.
    pub fn t<'a>(&'a self, key: &'a str) -> &'a str {
        self.strings.get(key).map_or(key, String::as_str)
    }
}

/// Loads `i18n/<lang>.yaml` from the theme.
pub fn load(theme_dir: &Path, lang: &str) -> Result<Locale, Problem> {
    let rel = format!("i18n/{lang}.yaml");
    let path = theme_dir.join(&rel);
    let file = path.display().to_string();
    let text = std::fs::read_to_string(&path).map_err(|e| {
        Problem::file_msg(
            &file,
            Message::CannotReadTranslation {
                lang: lang.to_string(),
                detail: e.to_string(),
            },
        )
    })?;
    let origin = Origin::file(file.as_str());
    let locale: Locale = serde_yaml::from_str(&text)
        .map_err(|e| crate::problem::Problem::from_serde(&e, &origin))?;
    if locale.months.len() != 12 {
        return Err(Problem::msg(
            &origin,
            FieldPath::root().key("months"),
            Message::MonthNames {
                count: locale.months.len(),
            },
        ));
    }
    Ok(locale)
}

/// Keys present in the first (default) locale but missing from another.
pub fn check_keys(default: &Locale, other: &Locale, other_file: &str) -> Vec<Problem> {
    default
        .strings
        .keys()
        .filter(|k| !other.strings.contains_key(*k))
        .map(|k| {
            Problem::msg(
                &Origin::file(other_file),
                FieldPath::root().key("strings").key(k),
                Message::StringNotTranslated { key: k.clone() },
            )
        })
        .collect()
}
