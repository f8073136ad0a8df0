//! The browser editor: with `cms:` in `site.yaml`, the build writes
//! `admin/` with Decap CMS (vendored in the theme's `cms/` folder) and a
//! `config.yml` generated from the content model, so press and data staff
//! edit releases, figures and cases in forms instead of YAML.
//!
//! [`collections`] is the one description of what the forms hold: each
//! field with its widget, whether it is required, its pattern and its
//! hint, taken from the rules `check` enforces. Choices (vocabulary
//! codes with their labels in the site's default language, source and
//! figure ids, languages) are read from the content at build time, so a
//! new code is offered after the next build. The tests at the end fail
//! when a field of the model has no widget here, or a widget no field.

use std::collections::BTreeMap;

use serde_yaml::{Mapping, Value};

use crate::model::{CmsBackend, CmsConfig, Content, Dimension};

/// The folder of the built site the editor is served from.
pub const ADMIN: &str = "admin/";

/// Ids, codes and slugs: what [`crate::validate`]'s slug rule accepts.
const SLUG: Pattern = Pattern {
    regex: "^[a-z0-9]+(-[a-z0-9]+)*$",
    message: "Huruf kecil a-z, angka dan tanda hubung tunggal saja (menjadi bagian alamat halaman)",
};

/// A regular expression a text must match, with the message the form
/// shows when it does not.
#[derive(Debug, Clone, Copy)]
pub struct Pattern {
    pub regex: &'static str,
    pub message: &'static str,
}

/// Where the options of a select come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choices {
    /// The languages of `site.yaml`.
    Languages,
    /// Ids of `sources.yaml`.
    Sources,
    /// Ids of the figure snapshots.
    Figures,
    /// Slugs of the press releases.
    Releases,
    Elections,
    Measures,
    /// The producers of official figures (KASN, BKN, Bawaslu, Kemendagri).
    Producers,
    /// The codes of one dimension's vocabulary.
    Vocab(Dimension),
    /// The dimensions a share or a leader is broken down by.
    Dimensions,
}

/// How a field is edited.
#[derive(Debug, Clone)]
pub enum Widget {
    /// One line of text.
    Line(Option<Pattern>),
    /// A few lines of plain text.
    Text,
    Markdown,
    /// A calendar date, saved as `YYYY-MM-DD`.
    Date,
    /// A date and time with the editor's UTC offset, saved as
    /// `YYYY-MM-DDTHH:MM+07:00` (an embargo's moment).
    Moment,
    /// A switch, saved as `true` or `false`.
    Flag,
    Int {
        min: Option<i64>,
        max: Option<i64>,
    },
    /// A percentage from 0 to 100.
    Percent,
    Select {
        from: Choices,
        multiple: bool,
    },
    /// A list of short words (tags), typed separated by commas.
    Words,
    /// Text per language of the site (`{id: …, en: …}`); the default
    /// language is the one required.
    Localized {
        multiline: bool,
    },
    /// A list of records with these fields.
    List(Vec<Field>),
}

/// One field of a form.
#[derive(Debug, Clone)]
pub struct Field {
    /// The key in the file.
    pub name: &'static str,
    /// What the form calls it (Indonesian, the editors' language).
    pub label: &'static str,
    pub required: bool,
    pub hint: &'static str,
    pub widget: Widget,
}

fn req(name: &'static str, label: &'static str, widget: Widget) -> Field {
    Field {
        name,
        label,
        required: true,
        hint: "",
        widget,
    }
}

fn opt(name: &'static str, label: &'static str, widget: Widget) -> Field {
    Field {
        required: false,
        ..req(name, label, widget)
    }
}

impl Field {
    fn hint(mut self, hint: &'static str) -> Field {
        self.hint = hint;
        self
    }
}

fn line() -> Widget {
    Widget::Line(None)
}
fn slug() -> Widget {
    Widget::Line(Some(SLUG))
}
fn pick(from: Choices) -> Widget {
    Widget::Select {
        from,
        multiple: false,
    }
}
fn picks(from: Choices) -> Widget {
    Widget::Select {
        from,
        multiple: true,
    }
}
fn count() -> Widget {
    Widget::Int {
        min: Some(0),
        max: None,
    }
}
fn localized() -> Widget {
    Widget::Localized { multiline: false }
}

/// `draft` and `publish_at`, which every collection has (see
/// [`crate::publish`]).
fn held_back() -> [Field; 2] {
    [
        opt("draft", "Draf", Widget::Flag)
            .hint("Nyalakan selama belum boleh terbit: netra serve menampilkannya, netra build tidak."),
        opt("publish_at", "Terbit pada", Widget::Moment)
            .hint("Embargo: tidak terbit sebelum saat ini (tanggal, jam dan zona waktu, mis. 2026-12-09T10:00+07:00)."),
    ]
}

/// How a collection's files are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// YAML front matter, then a Markdown body (`.md`).
    FrontMatter,
    /// A YAML file (`.yaml`).
    Yaml,
}

/// One kind of record the editor lists, creates and edits: a folder of
/// the content with one file per record.
#[derive(Debug, Clone)]
pub struct Collection {
    pub name: &'static str,
    pub label: &'static str,
    pub label_singular: &'static str,
    /// Folder inside the content folder.
    pub folder: &'static str,
    pub format: Format,
    /// Decap's file name template; see `docs/content-model.md`.
    pub slug: &'static str,
    /// The field Decap's `{{slug}}` is made from.
    pub identifier: &'static str,
    /// How an entry is listed.
    pub summary: &'static str,
    pub fields: Vec<Field>,
}

/// Every collection of the editor, with the fields of its form in the
/// order of the model's types ([`crate::model::FrontMatter`],
/// [`crate::model::Figure`], [`crate::model::CaseRecord`]).
pub fn collections() -> Vec<Collection> {
    use Choices::*;
    vec![
        Collection {
            name: "press",
            label: "Siaran pers",
            label_singular: "Siaran pers",
            folder: "press",
            format: Format::FrontMatter,
            // The file name is the release's URL: its date, then its title.
            slug: "{{fields.date}}-{{slug}}",
            identifier: "title",
            summary: "{{date}} · {{lang}} · {{title}}",
            fields: vec![
                req("title", "Judul", line()),
                req("date", "Tanggal", Widget::Date)
                    .hint("Tanggal rilis; juga awal nama berkas dan alamat halaman."),
                req("lang", "Bahasa", pick(Languages))
                    .hint("Bahasa tulisan ini. Versi dalam bahasa lain adalah siaran tersendiri."),
                req("summary", "Ringkasan", Widget::Text)
                    .hint("Satu atau dua kalimat untuk daftar, feed dan pratinjau tautan."),
                req("sources", "Sumber", picks(Sources))
                    .hint("Minimal satu sumber dari sources.yaml yang menjadi dasar siaran ini."),
                opt("tags", "Tag", Widget::Words)
                    .hint("Dipisah koma; huruf kecil a-z, angka dan tanda hubung: gnn-asn, pilkada-2020."),
                opt("region", "Provinsi", pick(Vocab(Dimension::Region)))
                    .hint("Hanya untuk siaran tentang satu provinsi."),
                opt("election", "Pemilihan", pick(Elections)),
                opt("figures", "Angka yang dilaporkan", picks(Figures)),
                opt("translation", "Terjemahan", pick(Releases))
                    .hint("Siaran yang sama dalam bahasa lain, bila ada."),
                req("body", "Isi", Widget::Markdown),
            ]
            .into_iter()
            .chain(held_back())
            .collect(),
        },
        Collection {
            name: "figures",
            label: "Angka resmi",
            label_singular: "Angka resmi",
            folder: "figures",
            format: Format::Yaml,
            slug: "{{slug}}",
            identifier: "id",
            summary: "{{id}}",
            fields: vec![
                req("id", "Id", slug())
                    .hint("Menjadi nama berkas dan alamat halaman, mis. kasn-2020-07-31."),
                req("title", "Judul", localized()),
                opt("as_of", "Data per tanggal", Widget::Date)
                    .hint("Hari yang digambarkan angka ini. Isi ini atau Tahun."),
                opt("year", "Tahun", Widget::Int { min: Some(1999), max: Some(2100) })
                    .hint("Untuk total satu tahun kalender. Isi ini atau Data per tanggal."),
                opt("announced", "Diumumkan", Widget::Date)
                    .hint("Hari angka diumumkan, bila berbeda dari Data per tanggal."),
                opt("election", "Pemilihan", pick(Elections)),
                opt("producer", "Produsen data", pick(Producers))
                    .hint("Lembaga yang menghasilkan angka: KASN, BKN, Bawaslu atau Kemendagri."),
                req("source", "Sumber", pick(Sources)),
                opt("other_sources", "Sumber lain", picks(Sources))
                    .hint("Media lain yang memberitakan angka yang sama."),
                opt("revises", "Memperbarui angka", pick(Figures))
                    .hint("Versi sebelumnya dari total yang sama, bila ini versi yang lebih baru."),
                opt("compiled_by", "Dihimpun oleh", line())
                    .hint("Lembaga yang menghimpun angka (mis. KASN), bila sumber hanya melaporkannya."),
                opt("counts", "Jumlah", Widget::List(vec![
                    req("measure", "Ukuran", pick(Measures)),
                    req("value", "Nilai", count()),
                ]))
                .hint("Setiap ukuran sekali saja."),
                opt("funnel", "Tahapan penanganan", Widget::List(vec![
                    req("stage", "Tahap", pick(Vocab(Dimension::Outcome))),
                    req("value", "Jumlah orang", count()),
                ]))
                .hint("Urut dari tahap pertama; tahap berikutnya tidak boleh lebih besar dari tahap sebelumnya."),
                opt("shares", "Persentase", Widget::List(vec![
                    req("by", "Menurut", pick(Dimensions)),
                    req("of", "Persentase dari", pick(Measures)),
                    req("parts", "Bagian", Widget::List(vec![
                        req("code", "Kode", slug())
                            .hint("Kode dari kosakata yang dipilih di Menurut."),
                        req("percent", "Persen", Widget::Percent),
                    ]))
                    .hint("Jumlah semua bagian paling banyak 100 %."),
                ])),
                opt("tallies", "Rincian jumlah", Widget::List(vec![
                    req("by", "Menurut", pick(Dimensions)),
                    req("of", "Jumlah dari", pick(Measures)),
                    req("parts", "Bagian", Widget::List(vec![
                        req("code", "Kode", slug())
                            .hint("Kode dari kosakata yang dipilih di Menurut."),
                        req("value", "Nilai", count()),
                    ]))
                    .hint("Jumlah semua bagian tidak boleh melebihi totalnya."),
                ])),
                opt("rates", "Persentase yang dikutip", Widget::List(vec![
                    req("part", "Bagian", line())
                        .hint("Tahap atau ukuran yang dihitung, mis. recommended."),
                    req("of", "Dari", line()).hint("Tahap atau ukuran dasarnya, mis. reported."),
                    req("percent", "Persen", Widget::Percent),
                ]))
                .hint("Persis seperti dikutip sumber; bila tidak cocok dengan angkanya, catat di konflik."),
                opt("leading", "Terbanyak tanpa angka", Widget::List(vec![
                    req("by", "Menurut", pick(Dimensions)),
                    req("code", "Kode", slug())
                        .hint("Kode dari kosakata yang dipilih di Menurut."),
                ])),
                opt("note", "Catatan", Widget::Localized { multiline: true }),
            ]
            .into_iter()
            .chain(held_back())
            .collect(),
        },
        Collection {
            name: "cases",
            label: "Kasus",
            label_singular: "Kasus",
            folder: "cases",
            format: Format::Yaml,
            slug: "{{slug}}",
            identifier: "id",
            summary: "{{id}} · {{date}}",
            fields: vec![
                req("id", "Id", slug()).hint("Menjadi nama berkas, mis. 2020-0001."),
                req("date", "Tanggal dilaporkan", Widget::Date),
                req("election", "Pemilihan", pick(Elections)),
                req("region", "Provinsi", pick(Vocab(Dimension::Region))),
                req("agency", "Instansi", line())
                    .hint("Mis. Pemerintah Kabupaten X. Jangan menulis nama atau NIP orang."),
                req("position", "Jabatan", pick(Vocab(Dimension::Position))),
                req("categories", "Jenis pelanggaran", picks(Vocab(Dimension::Category))),
                req("outcome", "Tahap terjauh", pick(Vocab(Dimension::Outcome))),
                req("source", "Sumber", pick(Sources)),
                opt("summary", "Ringkasan", Widget::Localized { multiline: true })
                    .hint("Tanpa nama atau NIP orang."),
            ]
            .into_iter()
            .chain(held_back())
            .collect(),
        },
    ]
}

/// The Content-Security-Policy of `admin/`: the public site's, plus what
/// Decap CMS needs (React's inline styles, the `new Function` of its
/// configuration schema check, `blob:` previews) and the one host its
/// backend talks to. Only `admin/` is served under it.
pub fn content_security_policy(cms: &CmsConfig) -> String {
    let mut connect = vec!["'self'".to_string()];
    let mut img = vec!["'self'", "data:", "blob:"];
    match cms.backend {
        CmsBackend::Github => {
            connect.push("https://api.github.com".into());
            img.extend(["https://avatars.githubusercontent.com"]);
        }
        CmsBackend::Gitlab => {
            connect.push("https://gitlab.com".into());
            img.extend(["https://gitlab.com", "https://secure.gravatar.com"]);
        }
        CmsBackend::GitGateway | CmsBackend::Local | CmsBackend::TestRepo => {}
    }
    if let Some(port) = local_port(cms) {
        connect.push(format!("http://127.0.0.1:{port}"));
        connect.push(format!("http://localhost:{port}"));
    }
    format!(
        "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src {}; font-src 'self' data:; connect-src {}; frame-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'",
        img.join(" "),
        connect.join(" ")
    )
}

fn local_port(cms: &CmsConfig) -> Option<u16> {
    match (cms.backend, cms.local_port) {
        (CmsBackend::Local, p) => Some(p.unwrap_or(CmsConfig::DEFAULT_LOCAL_PORT)),
        (_, p) => p,
    }
}

/// The lines of `_headers` for `admin/`, after the site's own rule for
/// `/*`. Cloudflare Pages sends every matching rule's headers, so the
/// `!` line detaches the site's policy first; Netlify skips a line
/// without a colon and lets the later rule's value of a header win.
pub fn headers(cms: &CmsConfig) -> String {
    format!(
        "/{ADMIN}*\n  ! Content-Security-Policy\n  Content-Security-Policy: {}\n  X-Robots-Tag: noindex\n",
        content_security_policy(cms)
    )
}

/// `admin/`: the page, its configuration and the theme's CMS files
/// (`vendored`, as output path → bytes). Empty without `cms:`.
pub fn files(c: &Content, vendored: &[(String, Vec<u8>)]) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let Some(cms) = &c.site.cms else {
        return out;
    };
    out.insert(
        format!("{ADMIN}index.html"),
        index_html(c, cms).into_bytes(),
    );
    out.insert(
        format!("{ADMIN}config.yml"),
        config_yml(c, cms).into_bytes(),
    );
    for (path, bytes) in vendored {
        out.insert(path.clone(), bytes.clone());
    }
    out
}

fn index_html(c: &Content, cms: &CmsConfig) -> String {
    let lang = c.site.default_lang();
    let title = c.site.title.get(lang, lang);
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\">\n\
         <title>{} — CMS</title>\n\
         <script src=\"decap-cms.js\" defer></script>\n\
         <script src=\"netra-cms.js\" defer></script>\n\
         </head>\n<body></body>\n</html>\n",
        content_security_policy(cms),
        html_escape::encode_text(title),
    )
}

/// Decap CMS's `config.yml` for this site.
pub fn config_yml(c: &Content, cms: &CmsConfig) -> String {
    let folder = cms.content_folder.trim_end_matches('/');
    let mut backend = Mapping::new();
    let name = match cms.backend {
        CmsBackend::Local => "proxy",
        b => b.key(),
    };
    backend.insert("name".into(), name.into());
    if let Some(repo) = &cms.repo {
        backend.insert("repo".into(), repo.as_str().into());
    }
    backend.insert("branch".into(), cms.branch.as_str().into());
    if let Some(url) = &cms.auth_url {
        backend.insert("base_url".into(), url.as_str().into());
    }
    if let Some(id) = &cms.app_id {
        backend.insert("app_id".into(), id.as_str().into());
        backend.insert("auth_type".into(), "pkce".into());
    }
    let proxy = local_port(cms).map(|p| format!("http://127.0.0.1:{p}/api/v1"));
    let mut root = Mapping::new();
    if cms.backend == CmsBackend::Local {
        backend.insert("proxy_url".into(), proxy.clone().unwrap_or_default().into());
    }
    root.insert("backend".into(), Value::Mapping(backend));
    if let (Some(url), false) = (&proxy, cms.backend == CmsBackend::Local) {
        let mut local = Mapping::new();
        local.insert("url".into(), url.as_str().into());
        root.insert("local_backend".into(), Value::Mapping(local));
    }
    // File names become URLs, which netra keeps to a-z, digits and
    // hyphens: `Pertemuan di Aceh – Évaluasi` → `pertemuan-di-aceh-evaluasi`.
    let mut slug = Mapping::new();
    slug.insert("encoding".into(), "ascii".into());
    slug.insert("clean_accents".into(), true.into());
    slug.insert("sanitize_replacement".into(), "-".into());
    root.insert("slug".into(), Value::Mapping(slug));
    root.insert("site_url".into(), c.site.base_url.as_str().into());
    root.insert("display_url".into(), c.site.base_url.as_str().into());
    // Decap requires a media folder; the forms offer no upload (see
    // the Markdown widget), so nothing is written there.
    root.insert("media_folder".into(), format!("{folder}/media").into());
    let choices = ChoiceLists::new(c);
    let collections: Vec<Value> = collections()
        .iter()
        .map(|col| collection(col, folder, &choices, c))
        .collect();
    root.insert("collections".into(), Value::Sequence(collections));
    let yaml = serde_yaml::to_string(&Value::Mapping(root)).unwrap_or_default();
    format!(
        "# Written by `netra build` from site.yaml's `cms:`, the content model and\n\
         # the vocabularies: edit those, not this file.\n{yaml}"
    )
}

/// The options of every kind of select, read from the content once.
struct ChoiceLists {
    lists: Vec<(Choices, Vec<(String, String)>)>,
}

impl ChoiceLists {
    fn new(c: &Content) -> Self {
        let lang = c.site.default_lang();
        let label = |code: &str, text: &crate::model::Localized| {
            (
                format!("{} ({code})", text.get(lang, lang)),
                code.to_string(),
            )
        };
        let v = &c.vocab;
        let dims = Dimension::ALL.map(|d| {
            let codes = match d {
                Dimension::Position => v
                    .positions
                    .iter()
                    .map(|x| label(&x.code, &x.label))
                    .collect(),
                Dimension::Category => v
                    .categories
                    .iter()
                    .map(|x| label(&x.code, &x.label))
                    .collect(),
                Dimension::Region => v.regions.iter().map(|x| label(&x.code, &x.label)).collect(),
                Dimension::Outcome => v
                    .outcomes
                    .iter()
                    .map(|x| label(&x.code, &x.label))
                    .collect(),
            };
            (Choices::Vocab(d), codes)
        });
        let mut lists = vec![
            (
                Choices::Languages,
                c.site
                    .languages
                    .iter()
                    .map(|l| (language_name(&l.code), l.code.clone()))
                    .collect(),
            ),
            (
                Choices::Sources,
                c.sources
                    .iter()
                    .map(|s| (format!("{} — {}", s.id, s.outlet), s.id.clone()))
                    .collect(),
            ),
            (
                Choices::Figures,
                c.figures.iter().map(|f| label(&f.id, &f.title)).collect(),
            ),
            (
                Choices::Releases,
                c.press
                    .iter()
                    .map(|p| (p.slug.clone(), p.slug.clone()))
                    .collect(),
            ),
            (
                Choices::Elections,
                v.elections
                    .iter()
                    .map(|x| label(&x.code, &x.label))
                    .collect(),
            ),
            (
                Choices::Measures,
                v.measures
                    .iter()
                    .map(|x| label(&x.code, &x.label))
                    .collect(),
            ),
            (
                Choices::Producers,
                v.producers
                    .iter()
                    .map(|x| label(&x.code, &x.label))
                    .collect(),
            ),
            (
                Choices::Dimensions,
                Dimension::ALL
                    .iter()
                    .map(|d| (d.key().to_string(), d.key().to_string()))
                    .collect(),
            ),
        ];
        lists.extend(dims);
        ChoiceLists { lists }
    }

    fn get(&self, from: Choices) -> &[(String, String)] {
        self.lists
            .iter()
            .find(|(c, _)| *c == from)
            .map_or(&[], |(_, l)| l.as_slice())
    }
}

fn collection(col: &Collection, folder: &str, choices: &ChoiceLists, c: &Content) -> Value {
    let mut m = Mapping::new();
    m.insert("name".into(), col.name.into());
    m.insert("label".into(), col.label.into());
    m.insert("label_singular".into(), col.label_singular.into());
    m.insert("folder".into(), format!("{folder}/{}", col.folder).into());
    m.insert("create".into(), true.into());
    let (extension, format) = match col.format {
        Format::FrontMatter => ("md", "yaml-frontmatter"),
        Format::Yaml => ("yaml", "yaml"),
    };
    m.insert("extension".into(), extension.into());
    m.insert("format".into(), format.into());
    m.insert("slug".into(), col.slug.into());
    m.insert("identifier_field".into(), col.identifier.into());
    m.insert("summary".into(), col.summary.into());
    let fields = col.fields.iter().map(|f| field(f, choices, c)).collect();
    m.insert("fields".into(), Value::Sequence(fields));
    Value::Mapping(m)
}

fn field(f: &Field, choices: &ChoiceLists, c: &Content) -> Value {
    let mut m = Mapping::new();
    let mut set = |k: &str, v: Value| {
        m.insert(k.into(), v);
    };
    set("name", f.name.into());
    set("label", f.label.into());
    set("required", f.required.into());
    if !f.hint.is_empty() {
        set("hint", f.hint.into());
    }
    let pattern = |p: &Pattern| Value::Sequence(vec![p.regex.into(), p.message.into()]);
    match &f.widget {
        Widget::Line(p) => {
            set("widget", "string".into());
            if let Some(p) = p {
                set("pattern", pattern(p));
            }
        }
        Widget::Text => set("widget", "text".into()),
        Widget::Markdown => {
            set("widget", "markdown".into());
            set("modes", seq(["rich_text", "raw"]));
            // No image or code-block components: netra's bodies have no
            // uploads, and code blocks would load code the theme does
            // not ship.
            set(
                "buttons",
                seq([
                    "bold",
                    "italic",
                    "link",
                    "heading-two",
                    "heading-three",
                    "quote",
                    "bulleted-list",
                    "numbered-list",
                ]),
            );
            set("editor_components", Value::Sequence(Vec::new()));
        }
        Widget::Date => {
            set("widget", "datetime".into());
            set("format", "YYYY-MM-DD".into());
            set("date_format", "YYYY-MM-DD".into());
            set("time_format", false.into());
            set("picker_utc", true.into());
            if !f.required {
                // Not today's date unless the editor picks it.
                set("default", "".into());
            }
        }
        Widget::Moment => {
            set("widget", "datetime".into());
            // Moment.js's `Z` is the offset as `+07:00`: the editor's own
            // zone, which `publish_at` requires (a bare time is refused).
            set("format", "YYYY-MM-DDTHH:mmZ".into());
            set("date_format", "YYYY-MM-DD".into());
            set("time_format", "HH:mm".into());
            set("default", "".into());
        }
        Widget::Flag => {
            set("widget", "boolean".into());
            set("default", false.into());
        }
        Widget::Int { min, max } => {
            set("widget", "number".into());
            set("value_type", "int".into());
            if let Some(min) = min {
                set("min", (*min).into());
            }
            if let Some(max) = max {
                set("max", (*max).into());
            }
        }
        Widget::Percent => {
            set("widget", "number".into());
            set("value_type", "float".into());
            set("min", 0.into());
            set("max", 100.into());
            set("step", 0.1.into());
        }
        Widget::Select { from, multiple } => {
            set("widget", "select".into());
            let options = choices
                .get(*from)
                .iter()
                .map(|(label, value)| {
                    let mut o = Mapping::new();
                    o.insert("label".into(), label.as_str().into());
                    o.insert("value".into(), value.as_str().into());
                    Value::Mapping(o)
                })
                .collect();
            set("options", Value::Sequence(options));
            if *multiple {
                set("multiple", true.into());
                if f.required {
                    set("min", 1.into());
                }
            }
            if *from == Choices::Languages {
                set("default", c.site.default_lang().into());
            }
        }
        Widget::Words => {
            set("widget", "list".into());
            set("default", Value::Sequence(Vec::new()));
        }
        Widget::Localized { multiline } => {
            set("widget", "object".into());
            set("collapsed", false.into());
            let widget = if *multiline { "text" } else { "string" };
            let fields = c
                .site
                .languages
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let mut sub = Mapping::new();
                    sub.insert("name".into(), l.code.as_str().into());
                    sub.insert("label".into(), language_name(&l.code).into());
                    sub.insert("widget".into(), widget.into());
                    // The default language is required; the others fall back to it.
                    sub.insert("required".into(), (f.required && i == 0).into());
                    Value::Mapping(sub)
                })
                .collect();
            set("fields", Value::Sequence(fields));
        }
        Widget::List(fields) => {
            set("widget", "list".into());
            if f.required {
                set("min", 1.into());
            }
            let fields = fields.iter().map(|x| field(x, choices, c)).collect();
            set("fields", Value::Sequence(fields));
        }
    }
    Value::Mapping(m)
}

/// A language as the forms name it: in Indonesian, with its code.
fn language_name(code: &str) -> String {
    match code {
        "id" => "Bahasa Indonesia (id)".into(),
        "en" => "Bahasa Inggris (en)".into(),
        _ => code.into(),
    }
}

fn seq<const N: usize>(items: [&str; N]) -> Value {
    Value::Sequence(items.into_iter().map(Value::from).collect())
}

#[cfg(test)]
mod tests {
    //! The forms against the model: every field of a record kind has a
    //! widget, and what the widgets save is a record the model reads.

    use std::collections::BTreeSet;

    use serde_yaml::Value;

    use super::*;

    fn collection(name: &str) -> Collection {
        collections().into_iter().find(|c| c.name == name).unwrap()
    }

    /// A value each widget could save.
    fn sample(w: &Widget) -> Value {
        match w {
            Widget::Line(_) | Widget::Text | Widget::Markdown => "a-b".into(),
            Widget::Date => "2020-08-05".into(),
            Widget::Moment => "2026-12-09T10:00+07:00".into(),
            Widget::Flag => true.into(),
            Widget::Int { min, .. } => min.unwrap_or(0).max(2000).into(),
            Widget::Percent => 12.5.into(),
            Widget::Select { from, multiple } => {
                let one: Value = match from {
                    Choices::Dimensions => "region".into(),
                    _ => "x".into(),
                };
                if *multiple {
                    Value::Sequence(vec![one])
                } else {
                    one
                }
            }
            Widget::Words => Value::Sequence(vec!["a".into()]),
            Widget::Localized { .. } => {
                let mut m = Mapping::new();
                m.insert("id".into(), "teks".into());
                Value::Mapping(m)
            }
            Widget::List(fields) => Value::Sequence(vec![record(fields)]),
        }
    }

    fn record(fields: &[Field]) -> Value {
        let mut m = Mapping::new();
        for f in fields
            .iter()
            .filter(|f| !matches!(f.widget, Widget::Markdown))
        {
            m.insert(f.name.into(), sample(&f.widget));
        }
        Value::Mapping(m)
    }

    /// Every key path of `v` (`counts.measure`), lists seen through.
    fn keys(prefix: &str, v: &Value, out: &mut BTreeSet<String>) {
        match v {
            Value::Mapping(m) => {
                for (k, v) in m {
                    let k = k.as_str().unwrap();
                    let path = format!("{prefix}{k}");
                    out.insert(path.clone());
                    keys(&format!("{path}."), v, out);
                }
            }
            Value::Sequence(items) => items.iter().for_each(|i| keys(prefix, i, out)),
            _ => {}
        }
    }

    fn widget_keys(prefix: &str, fields: &[Field], out: &mut BTreeSet<String>) {
        for f in fields {
            let path = format!("{prefix}{}", f.name);
            out.insert(path.clone());
            match &f.widget {
                Widget::List(sub) => widget_keys(&format!("{path}."), sub, out),
                // A localised text's keys are the site's languages.
                Widget::Localized { .. } => {
                    out.extend(["id", "en"].map(|l| format!("{path}.{l}")));
                }
                _ => {}
            }
        }
    }

    fn content(folder: &str) -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("content")
            .join(folder);
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect()
    }

    /// Every field the shipped records use, after a round trip through
    /// the model type (so every field of the type, set or not, is there).
    fn model_keys<T: serde::de::DeserializeOwned + serde::Serialize>(
        yamls: impl Iterator<Item = String>,
    ) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for y in yamls {
            let t: T = serde_yaml::from_str(&y).unwrap();
            keys("", &serde_yaml::to_value(&t).unwrap(), &mut out);
        }
        out
    }

    fn front_matter(md: String) -> String {
        md.split("---\n").nth(1).unwrap().to_string()
    }

    fn assert_covers(name: &str, model: BTreeSet<String>) {
        let mut forms = BTreeSet::new();
        widget_keys("", &collection(name).fields, &mut forms);
        let missing: Vec<_> = model.difference(&forms).collect();
        assert!(
            missing.is_empty(),
            "{name}: model fields without a CMS widget in src/cms.rs: {missing:?}"
        );
    }

    #[test]
    fn every_model_field_has_a_widget() {
        assert_covers(
            "press",
            model_keys::<crate::model::FrontMatter>(content("press").into_iter().map(front_matter)),
        );
        assert_covers(
            "figures",
            model_keys::<crate::model::Figure>(content("figures").into_iter()),
        );
        let case = "id: 2020-0001\ndate: 2020-08-05\nelection: x\nregion: '73'\nagency: a\n\
                    position: p\ncategories: [c]\noutcome: o\nsource: s\nsummary: {id: t}\n";
        assert_covers(
            "cases",
            model_keys::<crate::model::CaseRecord>(std::iter::once(case.to_string())),
        );
    }

    #[test]
    fn what_the_forms_save_the_model_reads() {
        let read = |name: &str| serde_yaml::to_string(&record(&collection(name).fields)).unwrap();
        serde_yaml::from_str::<crate::model::FrontMatter>(&read("press"))
            .unwrap_or_else(|e| panic!("press form: {e}"));
        serde_yaml::from_str::<crate::model::Figure>(&read("figures"))
            .unwrap_or_else(|e| panic!("figure form: {e}"));
        serde_yaml::from_str::<crate::model::CaseRecord>(&read("cases"))
            .unwrap_or_else(|e| panic!("case form: {e}"));
    }

    #[test]
    fn slug_pattern_is_the_slug_rule() {
        let re = regex::Regex::new(SLUG.regex).unwrap();
        for s in [
            "kasn-2020",
            "73",
            "a",
            "-a",
            "a-",
            "a--b",
            "A",
            "a_b",
            "",
            "é",
        ] {
            assert_eq!(re.is_match(s), crate::validate::slug_ok(s), "{s:?}");
        }
    }
}
