//! `netra new`: a new record with every required field, in the right
//! folder, never over an existing file.
//!
//! The record is a draft (`draft: true`) that passes `netra check` as
//! written: references are the site's own first codes and ids, text is a
//! `TODO:` placeholder, and every field is explained in a comment (in the
//! site's language: Indonesian for the shipped site), so an
//! editor fills it in while `netra serve` shows it. Being a draft, it
//! cannot be published by accident.

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
            (path, press(title, lang, date, &Known::of(content)))
        }
        Kind::Figure => {
            let id = match title {
                Some(t) => slugify(t),
                None => format!("kasn-{date}"),
            };
            (
                content.join("figures").join(format!("{id}.yaml")),
                figure(&id, lang, date, &Known::of(content)),
            )
        }
        Kind::Case => {
            let id = match title {
                Some(t) => slugify(t),
                None => next_case_id(content, date),
            };
            (
                content.join("cases").join(format!("{id}.yaml")),
                case(&id, lang, date, &Known::of(content)),
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

/// Codes and ids from the site's own content, so a scaffold's references
/// resolve and it passes `netra check` as written. Empty where the site
/// has none (`check` then names the field).
#[derive(Default)]
struct Known {
    source: String,
    election: String,
    region: String,
    position: String,
    category: String,
    outcome: String,
    measure: String,
    producer: String,
}

impl Known {
    fn of(content: &Path) -> Known {
        let (c, _) = crate::load::load(content);
        let first = |codes: &mut dyn Iterator<Item = &str>| codes.next().unwrap_or("").to_string();
        let v = &c.vocab;
        Known {
            source: first(&mut c.sources.iter().map(|s| s.id.as_str())),
            election: first(&mut v.elections.iter().map(|t| t.code.as_str())),
            region: first(&mut v.regions.iter().map(|t| t.code.as_str())),
            position: first(&mut v.positions.iter().map(|t| t.code.as_str())),
            category: first(&mut v.categories.iter().map(|t| t.code.as_str())),
            // The first stage: every case reaches it.
            outcome: first(
                &mut v
                    .outcomes
                    .iter()
                    .min_by_key(|o| o.stage)
                    .map(|o| o.code.as_str())
                    .into_iter(),
            ),
            measure: first(&mut v.measures.iter().map(|t| t.code.as_str())),
            producer: first(&mut v.producers.iter().map(|t| t.code.as_str())),
        }
    }
}

/// A scaffold being written: YAML lines, each field after a comment in
/// the site's language (Indonesian unless the site's first language is
/// another), since the editor reads the comments to fill the fields in.
struct Doc {
    indonesian: bool,
    text: String,
}

impl Doc {
    fn new(lang: &str) -> Self {
        Doc {
            indonesian: lang != "en",
            text: String::new(),
        }
    }

    /// A comment line, in Indonesian or English.
    fn note(&mut self, id: &str, en: &str) -> &mut Self {
        let words = if self.indonesian { id } else { en };
        self.line(&format!("# {words}"))
    }

    fn line(&mut self, line: &str) -> &mut Self {
        self.text.push_str(line);
        self.text.push('\n');
        self
    }

    /// `draft: true`, and the embargo left commented out: the start of
    /// every scaffold.
    fn held_back(&mut self, date: IsoDate) -> &mut Self {
        self.note(
            "Draf: `netra serve` menampilkannya, `netra build` tidak menerbitkannya.",
            "A draft: `netra serve` shows it, `netra build` leaves it out.",
        )
        .note(
            "Hapus baris ini (atau tulis false) untuk menerbitkannya.",
            "Delete this line (or write false) to publish it.",
        )
        .line("draft: true")
        .note(
            "Embargo (boleh dikosongkan): tidak terbit sebelum saat ini, dengan zona waktunya.",
            "Optional embargo: not published before this moment (with its offset).",
        )
        .line(&format!("# publish_at: {date}T10:00+07:00"))
    }

    /// A text placeholder in the site's language.
    fn todo(&self, id: &str, en: &str) -> String {
        yaml_string(&format!("TODO: {}", if self.indonesian { id } else { en }))
    }
}

fn press(title: &str, lang: &str, date: IsoDate, k: &Known) -> String {
    let mut d = Doc::new(lang);
    d.line("---").held_back(date);
    let summary = d.todo("satu atau dua kalimat.", "one or two sentences.");
    d.note("Judul siaran.", "The headline.")
        .line(&format!("title: {}", yaml_string(title)))
        .note(
            "Tanggal siaran (TTTT-BB-HH); bersama judul menjadi nama berkas.",
            "Day of the release (YYYY-MM-DD); with the title it names the file.",
        )
        .line(&format!("date: {date}"))
        .note(
            "Bahasa tulisan: kode dari daftar bahasa di site.yaml.",
            "Language of the text: a code from site.yaml's languages.",
        )
        .line(&format!("lang: {lang}"))
        .note(
            "Satu atau dua kalimat untuk daftar, feed dan pratinjau tautan.",
            "One or two sentences for lists, feeds and link previews.",
        )
        .line(&format!("summary: {summary}"))
        .note(
            "Id dari sources.yaml yang menjadi dasar siaran (minimal satu).",
            "Ids from sources.yaml the release is based on (at least one).",
        )
        .line(&format!("sources: [{}]", k.source))
        .note(
            "Kata bebas pengelompok siaran, masing-masing punya halaman: [pilkada, kasn].",
            "Free words grouping releases, each with its own page: [pilkada, kasn].",
        )
        .line("tags: []")
        .note(
            &format!(
                "Boleh dikosongkan: kode provinsi (vocab/regions.yaml), mis. region: {}",
                k.region
            ),
            &format!(
                "Optional: province code (vocab/regions.yaml), e.g. region: {}",
                k.region
            ),
        )
        .note(
            &format!(
                "Boleh dikosongkan: kode pemilihan (vocab/elections.yaml), mis. election: {}",
                k.election
            ),
            &format!(
                "Optional: election code (vocab/elections.yaml), e.g. election: {}",
                k.election
            ),
        )
        .note(
            "Boleh dikosongkan: id angka yang dilaporkan siaran ini: figures: [kasn-2020-07-31]",
            "Optional: ids of the figures the release reports: figures: [kasn-2020-07-31]",
        )
        .note(
            "Boleh dikosongkan: nama berkas (tanpa .md) siaran yang sama dalam bahasa lain:",
            "Optional: file name (without .md) of the same release in another language:",
        )
        .line(&format!("# translation: {date}-the-english-title"))
        .line("---")
        .line("");
    let body = if d.indonesian {
        "Tulis isi siaran di sini, dalam Markdown."
    } else {
        "Write the release here, in Markdown."
    };
    d.line(body);
    d.text
}

fn figure(id: &str, lang: &str, date: IsoDate, k: &Known) -> String {
    let mut d = Doc::new(lang);
    d.note(
        "Satu cuplikan angka resmi; setiap isian dijelaskan di docs/content-model.md.",
        "An official figure snapshot; see docs/content-model.md for every field.",
    )
    .held_back(date);
    let title = d.todo("angka apa ini", "what these numbers are");
    d.note(
        "Id tetap, dipakai di alamat halaman: jangan diubah setelah terbit.",
        "Stable id, used in addresses: never change it once published.",
    )
    .line(&format!("id: {id}"))
    .note("Judul, per bahasa.", "The title, per language.")
    .line("title:")
    .line(&format!("  {lang}: {title}"))
    .note(
        "Hari yang digambarkan angka ini (TTTT-BB-HH).",
        "The day the numbers describe (YYYY-MM-DD).",
    )
    .line(&format!("as_of: {date}"))
    .note(
        &format!("Boleh dikosongkan: kode pemilihan (vocab/elections.yaml), mis. election: {}", k.election),
        &format!("Optional: election code (vocab/elections.yaml), e.g. election: {}", k.election),
    )
    .note(
        "Lembaga yang menghasilkan angka: kode dari vocab/producers.yaml.",
        "Who produced the numbers: a code from vocab/producers.yaml.",
    )
    .line(&format!("producer: {}", k.producer))
    .note(
        "Id dari sources.yaml: laporan tempat angka ini diambil.",
        "Id from sources.yaml: the report the numbers are taken from.",
    )
    .line(&format!("source: {}", k.source))
    .note(
        "Angkanya: kode ukuran (vocab/measures.yaml) dan nilainya.",
        "The numbers: a measure code (vocab/measures.yaml) and its value.",
    )
    .line("counts:")
    .line(&format!("  - {{measure: {}, value: 0}}", k.measure))
    .note(
        "Boleh dikosongkan: funnel: [{stage: dilaporkan, value: 0}]",
        "Optional: funnel: [{stage: dilaporkan, value: 0}]",
    )
    .note(
        "Boleh dikosongkan: shares: [{by: position, of: asn-dilaporkan, parts: [{code: jpt, percent: 0}]}]",
        "Optional: shares: [{by: position, of: asn-dilaporkan, parts: [{code: jpt, percent: 0}]}]",
    );
    d.text
}

fn case(id: &str, lang: &str, date: IsoDate, k: &Known) -> String {
    let mut d = Doc::new(lang);
    d.note(
        "Catatan kasus tanpa identitas: instansi dan jabatan, tidak pernah nama atau NIP orang.",
        "An anonymised case record: an agency and a position, never a person's name or NIP.",
    )
    .held_back(date);
    let agency = yaml_string("TODO: Pemerintah Kabupaten …");
    d.note("Id tetap: tahun dan nomor.", "Stable id: year and number.")
        .line(&format!("id: {id}"))
        .note(
            "Hari pelanggaran dilaporkan (TTTT-BB-HH).",
            "Day the violation was reported (YYYY-MM-DD).",
        )
        .line(&format!("date: {date}"))
        .note(
            "Kode pemilihan (vocab/elections.yaml).",
            "Election code (vocab/elections.yaml).",
        )
        .line(&format!("election: {}", k.election))
        .note(
            "Kode provinsi (vocab/regions.yaml).",
            "Province code (vocab/regions.yaml).",
        )
        .line(&format!("region: {}", k.region))
        .note(
            "Instansi tempat ASN bekerja, bukan orangnya.",
            "The employing agency (instansi), never a person.",
        )
        .line(&format!("agency: {agency}"))
        .note(
            "Kode jabatan (vocab/positions.yaml).",
            "Position code (vocab/positions.yaml).",
        )
        .line(&format!("position: {}", k.position))
        .note(
            "Satu kode jenis pelanggaran atau lebih (vocab/categories.yaml).",
            "One or more category codes (vocab/categories.yaml).",
        )
        .line(&format!("categories: [{}]", k.category))
        .note(
            "Tahap terjauh yang dicapai (vocab/outcomes.yaml).",
            "Furthest outcome stage reached (vocab/outcomes.yaml).",
        )
        .line(&format!("outcome: {}", k.outcome))
        .note("Id dari sources.yaml.", "Id from sources.yaml.")
        .line(&format!("source: {}", k.source));
    d.text
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
