//! `netra new`: a new record with every required field, in the right
//! folder, never over an existing file.
//!
//! Required text is left empty on purpose: `netra check` then names each
//! field still to fill, so a scaffold cannot be published by accident.

use std::path::{Path, PathBuf};

use crate::model::IsoDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    /// A press release: `press/<date>-<slug>.md`.
    Press,
    /// An official figure snapshot: `figures/<id>.yaml`.
    Figure,
    /// An anonymised case record: `cases/<id>.yaml`.
    Case,
}

#[derive(Debug)]
pub enum Error {
    Exists(PathBuf),
    BadTitle(String),
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Exists(p) => write!(
                f,
                "{} already exists; netra new never overwrites a file",
                p.display()
            ),
            Error::BadTitle(t) => write!(
                f,
                "cannot make a file name from {t:?}: use letters or digits"
            ),
            Error::Io(p, e) => write!(f, "cannot write {}: {e}", p.display()),
        }
    }
}

impl std::error::Error for Error {}

/// A URL slug from a title: ASCII letters and digits, words joined by
/// single hyphens, at most 60 characters, cut at a word boundary.
pub fn slugify(title: &str) -> String {
    let mut slug = String::new();
    for c in title.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ä' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let mut slug = slug.trim_end_matches('-').to_string();
    if slug.len() > 60 {
        let cut = slug[..60].rfind('-').unwrap_or(60);
        slug.truncate(cut);
    }
    slug
}

/// Today, or the day of `SOURCE_DATE_EPOCH` when it is set, so that
/// scripted runs (and tests) are reproducible.
pub fn today() -> IsoDate {
    let epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok());
    let ts = epoch
        .and_then(|s| jiff::Timestamp::from_second(s).ok())
        .unwrap_or_else(jiff::Timestamp::now);
    IsoDate(ts.to_zoned(jiff::tz::TimeZone::UTC).date())
}

/// Writes the scaffold and returns its path. `title` is the release's
/// title, or the id of a figure or case (generated when absent).
pub fn create(
    content: &Path,
    kind: Kind,
    title: Option<&str>,
    lang: &str,
    date: IsoDate,
) -> Result<PathBuf, Error> {
    let (path, text) = match kind {
        Kind::Press => {
            let title = title.unwrap_or("");
            let slug = slugify(title);
            if slug.is_empty() {
                return Err(Error::BadTitle(title.to_string()));
            }
            let path = content.join("press").join(format!("{date}-{slug}.md"));
            (path, press(title, lang, date))
        }
        Kind::Figure => {
            let id = match title {
                Some(t) => slugify(t),
                None => format!("kasn-{date}"),
            };
            (
                content.join("figures").join(format!("{id}.yaml")),
                figure(&id, lang, date),
            )
        }
        Kind::Case => {
            let id = match title {
                Some(t) => slugify(t),
                None => next_case_id(content, date),
            };
            (
                content.join("cases").join(format!("{id}.yaml")),
                case(&id, date),
            )
        }
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::Io(parent.to_path_buf(), e))?;
    }
    // `create_new` fails if the file exists, even if it appeared a moment ago.
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                Error::Exists(path.clone())
            } else {
                Error::Io(path.clone(), e)
            }
        })?;
    std::io::Write::write_all(&mut file, text.as_bytes())
        .map_err(|e| Error::Io(path.clone(), e))?;
    Ok(path)
}

fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn press(title: &str, lang: &str, date: IsoDate) -> String {
    format!(
        "---\n\
         # Fill in every empty field; `netra check` lists the ones still empty.\n\
         title: {}\n\
         date: {date}\n\
         lang: {lang}\n\
         summary: \"\"\n\
         # Ids from sources.yaml: every release cites at least one.\n\
         sources: []\n\
         tags: []\n\
         # Optional: region (province code), election, figures (ids), translation (slug).\n\
         ---\n\
         \n\
         Write the release here, in Markdown.\n",
        yaml_string(title)
    )
}

fn figure(id: &str, lang: &str, date: IsoDate) -> String {
    format!(
        "# An official figure snapshot; see docs/content-model.md for every field.\n\
         id: {id}\n\
         title:\n  {lang}: \"\"\n\
         as_of: {date}\n\
         # election: pilkada-2020\n\
         # Id from sources.yaml.\n\
         source: \"\"\n\
         counts: []\n\
         # funnel: [{{stage: dilaporkan, value: 0}}]\n\
         # shares: [{{by: position, of: asn-dilaporkan, parts: [{{code: jpt, percent: 0}}]}}]\n"
    )
}

fn case(id: &str, date: IsoDate) -> String {
    format!(
        "# An anonymised case record: an agency and a position, never a person's name or NIP.\n\
         id: {id}\n\
         date: {date}\n\
         election: \"\"\n\
         region: \"\"\n\
         agency: \"\"\n\
         position: \"\"\n\
         categories: []\n\
         outcome: dilaporkan\n\
         source: \"\"\n"
    )
}

/// `<year>-0001`, or the number after the highest used that year.
fn next_case_id(content: &Path, date: IsoDate) -> String {
    let prefix = format!("{}-", date.year());
    let highest = std::fs::read_dir(content.join("cases"))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| {
            e.file_name().to_str().and_then(|n| {
                n.strip_prefix(&prefix)?
                    .strip_suffix(".yaml")?
                    .parse::<u32>()
                    .ok()
            })
        })
        .max()
        .unwrap_or(0);
    format!("{prefix}{:04}", highest + 1)
}

/// The site's default language, for a new record's text fields; `id` when
/// `site.yaml` cannot be read (check reports that separately).
pub fn site_language(content: &Path) -> String {
    std::fs::read_to_string(content.join("site.yaml"))
        .ok()
        .and_then(|t| serde_yaml::from_str::<crate::model::SiteConfig>(&t).ok())
        .map_or_else(|| "id".to_string(), |s| s.default_lang().to_string())
}

#[cfg(test)]
mod tests {
    use super::slugify;

    #[test]
    fn slugs() {
        assert_eq!(
            slugify("KASN: 456 ASN Dilaporkan, per 31 Juli 2020!"),
            "kasn-456-asn-dilaporkan-per-31-juli-2020"
        );
        assert_eq!(slugify("Café déjà vu"), "cafe-deja-vu");
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify("  ---  "), "");
        assert!(slugify(&"kata ".repeat(40)).len() <= 60);
    }
}
