//! What `check`, `build` and `serve` tell an editor about content, in
//! Indonesian and English.
//!
//! A rule says what went wrong as a [`Message`] variant carrying its facts
//! (the code written, the codes allowed, the nearest real day), never as a
//! sentence; [`Message::render`] puts it into words for one [`Lang`]. The
//! words of both languages sit side by side in the one `match` below, so a
//! translator edits a single table and the compiler refuses a new variant
//! until it has words (and `every_message_in_both_languages` refuses empty
//! or untranslated ones).
//!
//! The words live here rather than in the theme's `i18n/*.yaml`: a message
//! is printed when the theme itself may be what fails to load, and its
//! parameters (lists, counts, dates) are checked by the compiler here.

use std::fmt;

/// The language messages are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    /// Bahasa Indonesia.
    Id,
    /// English.
    En,
}

impl Lang {
    /// The site's default language when it is one of ours, else `LANG`'s
    /// (`id_ID.UTF-8` reads as Indonesian), else English.
    pub fn default_for(site_lang: &str, env_lang: Option<&str>) -> Lang {
        match site_lang {
            "id" => Lang::Id,
            "en" => Lang::En,
            _ if env_lang.is_some_and(|l| l.starts_with("id")) => Lang::Id,
            _ => Lang::En,
        }
    }

    /// The language for the content folder `content`: its site's first
    /// language, read leniently (a site.yaml with other problems still
    /// says its language), else `LANG`'s.
    pub fn for_content(content: &std::path::Path) -> Lang {
        let first = std::fs::read_to_string(content.join("site.yaml"))
            .ok()
            .and_then(|t| serde_yaml::from_str::<serde_yaml::Value>(&t).ok())
            .and_then(|v| {
                let first = v.get("languages")?.get(0)?;
                first
                    .get("code")
                    .or(Some(first))?
                    .as_str()
                    .map(str::to_string)
            })
            .unwrap_or_default();
        Lang::default_for(&first, std::env::var("LANG").ok().as_deref())
    }

    fn pick<'a>(self, id: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }

    /// The word that starts an error line.
    pub fn error(self) -> &'static str {
        self.pick("galat", "error")
    }

    /// The word that starts a warning line.
    pub fn warning(self) -> &'static str {
        self.pick("peringatan", "warning")
    }

    /// The label of the line that says what to write instead.
    pub fn fix(self) -> &'static str {
        self.pick("perbaikan", "fix")
    }

    /// Labels of a problem's detail lines, padded to one width so the
    /// values line up: field, expected, found.
    pub fn labels(self) -> [&'static str; 3] {
        match self {
            Lang::Id => ["isian:     ", "seharusnya:", "tertulis:  "],
            Lang::En => ["field:   ", "expected:", "found:   "],
        }
    }

    /// `3 problems found` / `3 masalah ditemukan`.
    pub fn problems_found(self, n: usize) -> String {
        match self {
            Lang::Id => format!("{n} masalah ditemukan"),
            Lang::En => format!("{n} problem{} found", if n == 1 { "" } else { "s" }),
        }
    }

    /// What `serve` does after a rebuild that failed.
    pub fn last_good_served(self) -> &'static str {
        self.pick(
            "situs terakhir yang berhasil tetap ditampilkan; perbaiki masalah di atas",
            "the last good site is still served; fix the problems above",
        )
    }

    /// What a failed `build` (or `check`) leaves behind.
    pub fn nothing_written(self) -> &'static str {
        self.pick(
            "tidak ada yang ditulis; hasil sebelumnya tidak berubah",
            "nothing was written; the previous output is unchanged",
        )
    }
}

/// A code of a vocabulary with its label, to list the allowed values.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Choice {
    pub code: String,
    pub label: String,
}

/// `a (Label A); b (Label B)`, the first [`LISTED_CODES`] of them.
pub fn choices(allowed: &[Choice], lang: Lang) -> String {
    let mut out = allowed
        .iter()
        .take(LISTED_CODES)
        .map(|c| {
            if c.label.is_empty() || c.label == c.code {
                c.code.clone()
            } else {
                format!("{} ({})", c.code, c.label)
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    if allowed.len() > LISTED_CODES {
        out.push_str(&match lang {
            Lang::Id => format!(" … ({} kode)", allowed.len()),
            Lang::En => format!(" … ({} codes)", allowed.len()),
        });
    }
    out
}

/// The operating system's words for why a file cannot be read, in
/// Indonesian for the reasons an editor meets; any other stays as the
/// system said it.
fn system_in_indonesian(detail: &str) -> String {
    let reason = detail.split(" (os error").next().unwrap_or(detail);
    match reason {
        "No such file or directory" => "berkas atau folder tidak ada".into(),
        "Permission denied" => "tidak ada izin untuk membukanya".into(),
        "Is a directory" => "ini folder, bukan berkas".into(),
        "Not a directory" => "bukan folder".into(),
        "File name too long" => "nama berkas terlalu panjang".into(),
        _ => detail.into(),
    }
}

/// Names shown in one message; the rest are counted.
const LISTED: usize = 5;

/// `a, b, c, d, e and 3 more` (`… dan 3 lainnya`): a list that stays one
/// line long.
pub fn list_in(names: &[&str], lang: Lang) -> String {
    let mut out = names[..names.len().min(LISTED)].join(", ");
    if names.len() > LISTED {
        let more = names.len() - LISTED;
        out.push_str(&match lang {
            Lang::Id => format!(" dan {more} lainnya"),
            Lang::En => format!(" and {more} more"),
        });
    }
    out
}

/// Codes listed in one message; the rest are counted.
pub const LISTED_CODES: usize = 12;

/// The kinds of record a build can hold back (drafts and embargoes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum RecordKind {
    #[default]
    Press,
    Figure,
    Case,
}

impl RecordKind {
    /// `press release`, `siaran pers`, …
    pub fn noun(self, lang: Lang) -> &'static str {
        let (id, en) = match self {
            RecordKind::Press => ("siaran pers", "press release"),
            RecordKind::Figure => ("angka", "figure"),
            RecordKind::Case => ("kasus", "case"),
        };
        lang.pick(id, en)
    }
}

/// Why a record is held back: a draft, or an embargo until a moment
/// (RFC 3339, as the build compares it).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum HeldBack {
    #[default]
    Draft,
    Embargo(String),
}

impl HeldBack {
    pub fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (HeldBack::Draft, Lang::Id) => "draf".into(),
            (HeldBack::Draft, Lang::En) => "draft".into(),
            (HeldBack::Embargo(t), Lang::Id) => format!("diembargo sampai {t}"),
            (HeldBack::Embargo(t), Lang::En) => format!("embargoed until {t}"),
        }
    }
}

/// Why a link of the site leads nowhere.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinkFault {
    /// Its `..` climb above the site's root.
    #[default]
    Climbs,
    /// The build writes no file at `target`.
    Missing { target: String },
    /// The page `target` has no element with this id.
    NoAnchor { anchor: String, target: String },
}

impl LinkFault {
    pub fn words(&self, lang: Lang) -> String {
        match (self, lang) {
            (LinkFault::Climbs, Lang::Id) => "naik melewati akar situs".into(),
            (LinkFault::Climbs, Lang::En) => "climbs above the site's root".into(),
            (LinkFault::Missing { target }, Lang::Id) => {
                format!("menuju {target}, yang tidak dibuat oleh build")
            }
            (LinkFault::Missing { target }, Lang::En) => {
                format!("points to {target}, which the build does not write")
            }
            (LinkFault::NoAnchor { anchor, target }, Lang::Id) => {
                format!("jangkar #{anchor} tidak ada di {target}")
            }
            (LinkFault::NoAnchor { anchor, target }, Lang::En) => {
                format!("anchor #{anchor} does not exist in {target}")
            }
        }
    }
}

/// The Indonesian of the nouns rules name things by (`figure id`, `a
/// phone number`, a unit such as `people`); one not listed stays as it is.
pub fn noun_in_indonesian(what: &str) -> String {
    let id = match what {
        "code" => "kode",
        "id" => "id",
        "figure id" => "id angka",
        "source id" => "id sumber",
        "case id" => "id kasus",
        "conflict id" => "id konflik",
        "correction id" => "id koreksi",
        "chart id" => "id grafik",
        "a phone number" => "nomor telepon",
        "an e-mail address" => "alamat e-mail",
        "an 18-digit NIP (civil-service number)" => "NIP 18 digit (nomor induk pegawai)",
        "producer unit" => "satuan produsen",
        "conflict kind" => "jenis konflik",
        "chart kind" => "jenis grafik",
        "people" => "orang",
        "reports" => "laporan",
        "cases" => "kasus",
        other => other,
    };
    id.to_string()
}

/// What a YAML value is, for "found" when a file has the wrong shape.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shape {
    #[default]
    Nothing,
    Boolean,
    Number,
    Text,
    List,
    Mapping,
    Tagged,
}

impl Shape {
    fn words(self, lang: Lang) -> &'static str {
        let (id, en) = match self {
            Shape::Nothing => ("kosong", "nothing"),
            Shape::Boolean => ("nilai benar/salah", "a boolean"),
            Shape::Number => ("angka", "a number"),
            Shape::Text => ("teks", "a string"),
            Shape::List => ("daftar", "a list"),
            Shape::Mapping => ("pasangan isian: nilai", "a mapping"),
            Shape::Tagged => ("nilai bertanda (!tag)", "a tagged value"),
        };
        lang.pick(id, en)
    }
}

/// One thing wrong with the content.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, strum::EnumIter)]
pub enum Message {
    /// The YAML cannot be read at all; `detail` is the parser's own words.
    Syntax {
        detail: String,
    },
    /// A field the record does not have (often a typo); `closest` is the
    /// allowed name it was most likely meant to be (empty when none is
    /// close).
    UnknownField {
        name: String,
        allowed: Vec<String>,
        closest: String,
    },
    /// A field that would hold a person's name or NIP.
    PersonalField {
        name: String,
    },
    MissingField {
        name: String,
    },
    /// A value of the wrong kind; `found` and `expected` are the
    /// deserialiser's words for the kinds (`string "banyak"`, `u64`).
    WrongType {
        found: String,
        expected: String,
    },
    /// A value of the right kind that the type refuses.
    InvalidValue {
        found: String,
        expected: String,
    },
    /// Not written `YYYY-MM-DD`.
    DateShape {
        text: String,
    },
    /// `YYYY-MM-DD`, but no such day; `nearest` is the closest real one.
    ImpossibleDate {
        text: String,
        nearest: String,
    },
    /// A code not in its vocabulary (or an id not among the records);
    /// `file` names where the allowed ones are listed.
    UnknownCode {
        code: String,
        file: String,
        allowed: Vec<Choice>,
    },
    EmptyValue,
    EmptyText,
    /// Localised text without the site's default language.
    MissingDefaultLanguage {
        lang: String,
        given: Vec<String>,
    },
    NestedTooDeep {
        max: usize,
    },
    AliasesTooFar {
        max: u64,
    },
    /// A list file (vocabulary, sources) whose top level is not a list.
    NotAList {
        found: Shape,
    },
    /// A Markdown file without its opening `---`; `first` is its first line.
    MissingFrontMatter {
        first: String,
    },
    FrontMatterNotClosed {
        lines: usize,
    },
    /// A link to no page, file or anchor of the site. `from` is the
    /// address relative links start from, for a link written in Markdown.
    BrokenLink {
        link: String,
        fault: LinkFault,
        from: Option<String>,
    },
    /// A published record, or a link in its text, points at one the build
    /// holds back; `link` is the link as written in the text (empty for a
    /// field).
    LinkToHeld {
        link: String,
        kind: RecordKind,
        key: String,
        file: String,
        why: HeldBack,
    },
    /// A file or folder that cannot be opened; `detail` is the system's
    /// words.
    CannotRead {
        detail: String,
    },
    /// A file the content must have is not there.
    MissingFile,
    /// A file name a URL cannot carry as it is: control characters
    /// (`control`) or letters outside ASCII. `name` is shown escaped.
    BadFileName {
        name: String,
        control: bool,
    },
    FileNameNotUtf8,
    SymbolicLink,
    /// Two names of one folder that are one file on macOS and Windows.
    NamesDifferByCase {
        first: String,
        other: String,
    },
    /// A named pipe, socket or device.
    NotRegularFile,
    FolderForFile,
    EmptyFile,
    /// The first byte (at offset `at`) that is not UTF-8.
    NotUtf8 {
        at: usize,
        byte: u8,
    },
    /// A control character other than tab and line breaks; `code` is its
    /// code point.
    ControlCharacter {
        code: u32,
    },
    FileTooLarge {
        bytes: u64,
        max_mib: u64,
    },
    NotAWebAddress {
        url: String,
    },
    /// A one-record file must be named by its id: `expected` is that name.
    IdAndFileNameDiffer {
        id: String,
        file: String,
        expected: String,
    },
    FigureWithoutDate,
    ImpossibleYear {
        year: i16,
    },
    FigureWithoutNumbers,
    /// A share outside 0–100 (`percent` as written, which may be NaN).
    ImpossibleShare {
        percent: String,
    },
    /// `sum` rounded to one decimal.
    SharesOver100 {
        sum: String,
    },
    StagesOutOfOrder {
        previous: String,
        previous_stage: u8,
        code: String,
        stage: u8,
    },
    /// A funnel's later stage with more people than the stage before.
    LaterStageLarger {
        previous: String,
        previous_value: u64,
        value: u64,
    },
    NoCategory,
    /// A date outside 1999–2100, where no ASN neutrality record can be.
    DateOutOfRange {
        date: String,
    },
    /// A press release's file name, which becomes its URL.
    NotASlug {
        slug: String,
    },
    MarkdownTooDeep {
        max: usize,
    },
    NotASiteLanguage {
        lang: String,
        langs: Vec<String>,
    },
    ReleaseWithoutSource,
    /// Two figures name the same earlier version in `revises`; `first` is
    /// the file of the one that did first.
    RevisedTwice {
        revised: String,
        first: String,
    },
    FigureWithoutProducer,
    AnnouncedBeforeData {
        announced: String,
        as_of: String,
    },
    FirstSourceAgain {
        source: String,
    },
    /// A funnel counts people; `producer` counts cases.
    FunnelFromCaseProducer {
        producer: String,
    },
    RevisesItself {
        id: String,
    },
    /// A revision whose `field` differs from the version it revises.
    RevisionOfAnotherTotal {
        field: String,
        revised: String,
        was: String,
        now: String,
    },
    RevisionPublishedBefore {
        revised: String,
        was: String,
        now: String,
    },
    RevisionWithoutDate,
    /// A breakdown whose parts add up to more than the figure's own total.
    PartsOverTotal {
        total: u64,
        of: String,
        sum: u64,
    },
    /// A quoted rate naming neither an outcome stage nor a measure.
    UnknownRateCode {
        code: String,
    },
    ImpossibleRate {
        percent: String,
    },
    /// A quoted rate that differs from the one the figure's numbers give
    /// (`computed`, one decimal), with no conflict naming the figure.
    RateDoesNotCompute {
        percent: String,
        computed: String,
        part: u64,
        of: u64,
        figure: String,
    },
    /// A producer's `from` or `until` that is no year, month or day.
    NotAPartialDate {
        text: String,
    },
    RoleEndsBeforeItStarts {
        from: String,
        until: String,
    },
    ConflictAboutNoFigure,
    /// A conflict with fewer than two claims.
    ConflictOneSided {
        claims: usize,
    },
    ClaimFigureNotInConflict {
        figure: String,
        figures: Vec<String>,
    },
    /// A claim tied to a figure whose sources do not include the claim's.
    ClaimSourceNotCited {
        source: String,
        figure_source: String,
    },
    EventWithoutSource,
    /// An id or code used by two records; `what` names the kind (`figure
    /// id`), `at` where it was first used.
    Duplicate {
        what: String,
        id: String,
        at: String,
    },
    /// Not lower-case letters, digits and single hyphens.
    NotAnIdentifier {
        text: String,
    },
    ListedTwice {
        code: String,
    },
    /// Personal data of a civil servant: `what` is its kind (`a phone
    /// number`), `masked` the match with most of it hidden. `allow` is how
    /// the field could be declared public (`None` for a release's text).
    PersonalData {
        what: String,
        masked: String,
        allow: Option<String>,
    },
    // site.yaml
    NoLanguage,
    /// A `languages[].code` that is not a BCP 47 tag (`id`, `en`).
    NotALanguageCode {
        code: String,
    },
    /// The first language is served at `/`: it takes no URL prefix.
    PrefixOnDefaultLanguage {
        prefix: String,
    },
    /// A language after the first whose `prefix` is missing or not a slug:
    /// its pages would land on the default language's.
    FurtherLanguageWithoutPrefix {
        prefix: String,
    },
    PrefixUsedTwice {
        prefix: String,
    },
    /// A key of `languages[].paths` that names no section of the site;
    /// `sections` are the ones there are.
    UnknownSection {
        name: String,
        sections: Vec<String>,
    },
    /// `base_url` without `http(s)://`, or with characters a URL cannot
    /// carry: every absolute link of the site starts with it.
    NotAnAbsoluteUrl {
        url: String,
    },
    PageSizeOutOfRange {
        per_page: usize,
    },
    /// `cms.backend` is GitHub or GitLab, and no `cms.repo` says which
    /// repository the editor saves to.
    GitHostWithoutRepository,
    NotARepositoryName {
        repo: String,
    },
    NotABranchName {
        branch: String,
    },
    /// `cms.auth_url`, the OAuth service the editor logs in through.
    NotAnAuthAddress {
        url: String,
    },
    /// `cms.app_id` with another backend than GitLab, which would ignore it.
    AppIdWithoutGitlab {
        backend: String,
    },
    /// `cms.content_folder` that is empty, absolute or climbs out with `..`.
    NotAFolderInRepository {
        folder: String,
    },
    NotAPort {
        port: u16,
    },
    // vocab/*.yaml
    EmptyVocabulary,
    /// A `vocab/regions.yaml` code that is not Kemendagri's two digits.
    NotAProvinceCode {
        code: String,
    },
    /// A position whose `parent` is its own code.
    OwnParent {
        code: String,
    },
    /// Two outcomes with one `stage` number; `first` is the code that has
    /// it already.
    StageTaken {
        stage: u8,
        first: String,
    },
    /// A measure's `unit` that is not `people`, `reports` or `cases`.
    UnknownUnit {
        unit: String,
    },
    UnknownElectionKind {
        kind: String,
    },
    NotAnIsoProvinceCode {
        iso: String,
    },
    /// Some provinces have a `tile` on the tile map and this one has none;
    /// `example` is the code of one that has.
    ProvinceWithoutTile {
        example: String,
    },
    /// A tile whose column or row is `max` or more.
    TileOffTheMap {
        tile: [u8; 2],
        max: u8,
    },
    /// A tile already taken by the province `other`.
    TileTaken {
        tile: [u8; 2],
        other: String,
    },
    // Records' fixed lists and charts.yaml
    /// A value not among the few a field allows; `what` names the field's
    /// kind (`chart kind`), `allowed` the values.
    UnknownChoice {
        what: String,
        value: String,
        allowed: Vec<String>,
    },
    /// A chart with nothing in `field` (`figures` or `numbers`).
    EmptyChart {
        field: String,
    },
    /// A chart number that sets `given` (0, 2, …) of `stage`, `measure`,
    /// `share` and `tally` instead of exactly one.
    ChartNumberNamesOneThing {
        given: usize,
    },
    /// A number the chart's `kind` cannot show (a stage on a map);
    /// `number` is the number as it was read.
    NumberTheChartCannotDraw {
        kind: String,
        number: String,
    },
    /// A figure listed in a chart that holds none of its numbers.
    FigureWithoutChartNumbers {
        figure: String,
    },
    /// A chart's figure counting in `other` where the chart counts in
    /// `unit`, as its figure `from` does.
    UnitsMixed {
        unit: String,
        from: String,
        figure: String,
        other: String,
    },
    // The theme
    /// A theme's `i18n/<lang>.yaml` that cannot be opened; `detail` is the
    /// system's words.
    CannotReadTranslation {
        lang: String,
        detail: String,
    },
    /// A translation file without exactly twelve month names.
    MonthNames {
        count: usize,
    },
    /// An interface string of the default language missing from another.
    StringNotTranslated {
        key: String,
    },
    NoTemplates,
    /// Tera refuses the theme's templates; `detail` is Tera's words.
    TemplateError {
        detail: String,
    },
    /// A template fails on the page made from `page`; `detail` is Tera's
    /// words.
    TemplateFailedOnPage {
        page: String,
        detail: String,
    },
    /// `cms:` in site.yaml, and the theme has no `cms/decap-cms.js`.
    ThemeWithoutEditor,
    /// A template's `asset(path=…)` names no file of the theme's
    /// `static/`; `known` are the files it has.
    MissingAsset {
        name: String,
        known: Vec<String>,
    },
    /// A font file of the theme that cannot be opened.
    FontUnreadable {
        file: String,
        detail: String,
    },
    /// The theme's `fonts/` holds no font to draw the PNG charts' text.
    NoFont,
    /// A file of the theme's `fonts/` that is no TrueType or OpenType font.
    NotAFont {
        name: String,
    },
    // The content folder, the build and external links
    ContentFolderNotFound,
    /// A file in a folder of records that is no record: another extension,
    /// or in a subfolder.
    UnexpectedFileInFolder {
        folder: String,
        ext: String,
        file: String,
    },
    /// A file the content has no place for; `vocabularies` lists the
    /// vocabulary files when it is in `vocab/`.
    UnexpectedFile {
        vocabularies: Option<Vec<String>>,
    },
    /// The search index could not be made; `detail` says why (a page that
    /// cannot be read back, Pagefind's own words).
    SearchIndexFailed {
        detail: String,
    },
    /// A link to another site that did not answer with 2xx; `why` is the
    /// status or the network's words.
    ExternalLinkFailed {
        url: String,
        why: String,
    },
}

/// A message in words: what is wrong, what to write instead, and what the
/// file holds (each may be empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub message: String,
    pub expected: String,
    pub found: String,
}

impl Message {
    /// Whether the words carry a tool's report laid out over several lines
    /// (Tera's, with a caret under the template's line): its line breaks
    /// and tabs are printed as they are, other control characters escaped.
    pub fn is_laid_out(&self) -> bool {
        matches!(
            self,
            Message::TemplateError { .. }
                | Message::TemplateFailedOnPage { .. }
                | Message::SearchIndexFailed { .. }
        )
    }

    /// The message in `lang`.
    pub fn render(&self, lang: Lang) -> Rendered {
        let id = lang == Lang::Id;
        let t = |i: String, e: String| if id { i } else { e };
        let quoted = |s: &str| format!("`{s}`");
        let (message, expected, found) = match self {
            Message::Syntax { detail } => (
                t(
                    format!("YAML tidak dapat dibaca: {detail}"),
                    detail.clone(),
                ),
                t(
                    "periksa tanda kutip, titik dua dan indentasi pada baris ini dan baris sebelumnya".into(),
                    String::new(),
                ),
                String::new(),
            ),
            Message::UnknownField {
                name,
                allowed,
                closest,
            } if !closest.is_empty() => (
                t("isian tidak dikenal".into(), "unknown field".into()),
                t(
                    format!("`{closest}`? (salah eja; isian yang dikenal: {})", allowed.join(", ")),
                    format!("`{closest}`? (misspelt; the fields are {})", allowed.join(", ")),
                ),
                quoted(name),
            ),
            Message::UnknownField { name, allowed, .. } => (
                t("isian tidak dikenal".into(), "unknown field".into()),
                t(
                    format!(
                        "salah satu dari: {} (isian yang salah eja atau tidak didukung ditolak)",
                        allowed.join(", ")
                    ),
                    format!(
                        "one of {} (a misspelt or unsupported field is refused)",
                        allowed.join(", ")
                    ),
                ),
                quoted(name),
            ),
            Message::PersonalField { name } => (
                t("data pribadi ditolak".into(), "personal data refused".into()),
                t(
                    "hapus isian ini: catatan menyebut instansi dan jabatan, bukan nama atau NIP ASN".into(),
                    "no names or NIP of civil servants: records describe agencies and positions".into(),
                ),
                quoted(name),
            ),
            Message::MissingField { name } => (
                t("isian wajib belum ada".into(), "missing required field".into()),
                t(
                    format!("tambahkan `{name}:` dengan nilainya (wajib)"),
                    format!("a value for `{name}` (required)"),
                ),
                t("isian ini tidak ada".into(), "no such field".into()),
            ),
            Message::WrongType { found, expected } => (
                t("jenis nilai salah".into(), "wrong type".into()),
                t(format!("{} ({expected})", kind_in_indonesian(expected)), expected.clone()),
                found.clone(),
            ),
            Message::InvalidValue { found, expected } => (
                t("nilai tidak sah".into(), "invalid value".into()),
                t(format!("{} ({expected})", kind_in_indonesian(expected)), expected.clone()),
                found.clone(),
            ),
            Message::DateShape { text } => (
                t(
                    "bukan tanggal TTTT-BB-HH".into(),
                    "not a date written YYYY-MM-DD".into(),
                ),
                t(
                    "tahun-bulan-hari, misalnya 2020-08-03".into(),
                    "year-month-day, e.g. 2020-08-03".into(),
                ),
                quoted(text),
            ),
            Message::ImpossibleDate { text, nearest } => (
                t(
                    "tanggal tidak ada di kalender".into(),
                    "no such day on the calendar".into(),
                ),
                t(
                    format!("tanggal terdekat yang ada: {nearest}"),
                    format!("a real day; the nearest is {nearest}"),
                ),
                quoted(text),
            ),
            Message::UnknownCode {
                code,
                file,
                allowed,
            } => (
                t(
                    format!("kode tidak dikenal, tidak ada di {file}"),
                    format!("unknown code, not in {file}"),
                ),
                t(
                    format!("salah satu dari: {}", choices(allowed, lang)),
                    format!("one of: {}", choices(allowed, lang)),
                ),
                quoted(code),
            ),
            Message::EmptyValue => (
                t("nilai kosong".into(), "empty value".into()),
                t("tulis isinya".into(), "some text".into()),
                t("teks kosong".into(), "an empty string".into()),
            ),
            Message::EmptyText => (
                t("teks kosong".into(), "empty text".into()),
                t("tulis isinya".into(), "some text".into()),
                t("teks kosong".into(), "an empty string".into()),
            ),
            Message::MissingDefaultLanguage { lang: l, given } => (
                t(
                    "teks belum ada dalam bahasa utama situs".into(),
                    "text missing in the default language".into(),
                ),
                t(
                    format!("tambahkan baris `{l}:` dengan teksnya"),
                    format!("a `{l}:` entry"),
                ),
                t(
                    format!("bahasa {}", given.join(", ")),
                    format!("languages {}", given.join(", ")),
                ),
            ),
            Message::NestedTooDeep { max } => (
                t(
                    "YAML bersarang terlalu dalam".into(),
                    "YAML nested too deeply".into(),
                ),
                t(
                    format!("paling banyak {max} tingkat daftar dan isian (catatan perlu kurang dari 10)"),
                    format!("at most {max} levels of lists and mappings (records need fewer than 10)"),
                ),
                t(
                    format!("lebih dari {max} tingkat"),
                    format!("more than {max} levels"),
                ),
            ),
            Message::AliasesTooFar { max } => (
                t(
                    "alias YAML mengembang terlalu jauh".into(),
                    "YAML aliases expand too far".into(),
                ),
                t(
                    format!("alias (`*nama`) yang mengulang paling banyak {max} nilai seluruhnya; tulis nilainya satu per satu"),
                    format!("aliases (`*name`) that repeat at most {max} values in all; write the values out"),
                ),
                t(
                    format!("lebih dari {max} nilai setelah dikembangkan"),
                    format!("more than {max} values once expanded"),
                ),
            ),
            Message::NotAList { found } => (
                t(
                    "berkas ini harus berisi daftar".into(),
                    "this file must hold a list".into(),
                ),
                t(
                    "daftar YAML, setiap entri diawali `- `".into(),
                    "a YAML list of entries, each starting with `- `".into(),
                ),
                found.words(lang).into(),
            ),
            Message::MissingFrontMatter { first } => (
                t("front matter tidak ada".into(), "missing front matter".into()),
                t(
                    "baris pertama `---`, lalu isian YAML, lalu baris `---` penutup sebelum isi Markdown".into(),
                    "a first line `---`, YAML fields, then a closing `---` line before the Markdown body".into(),
                ),
                format!("{first:?}"),
            ),
            Message::FrontMatterNotClosed { lines } => (
                t(
                    "front matter tidak ditutup".into(),
                    "front matter not closed".into(),
                ),
                t(
                    "baris `---` kedua setelah isian YAML, sebelum isi Markdown".into(),
                    "a second `---` line after the YAML fields, before the Markdown body".into(),
                ),
                t(
                    format!("tidak ada `---` penutup dalam {lines} baris"),
                    format!("no closing `---` in {lines} lines"),
                ),
            ),
            Message::BrokenLink { link, fault, from } => {
                let from = |id_words: &str, en_words: &str| match from {
                    Some(page) => t(
                        format!("{id_words}; tautan relatif dihitung dari {page}, tempat teks ini terbit"),
                        format!("{en_words}; relative links start from {page}, where this text is published"),
                    ),
                    None => t(id_words.into(), en_words.into()),
                };
                (
                    t("tautan rusak".into(), "broken link".into()),
                    from(
                        "tautan ke halaman, berkas atau jangkar situs ini",
                        "a link to a page, file or anchor of this site",
                    ),
                    format!("{link} ({})", fault.words(lang)),
                )
            }
            Message::LinkToHeld {
                link,
                kind,
                key,
                file,
                why,
            } => {
                let held = format!("`{key}` ({file}, {})", why.words(lang));
                let (noun_id, noun_en) = (kind.noun(Lang::Id), kind.noun(Lang::En));
                (
                    t(
                        format!("menautkan ke {noun_id} yang belum terbit"),
                        format!("links to a {noun_en} that is not published"),
                    ),
                    t(
                        format!("{noun_id} yang sudah terbit, atau hapus tautannya sampai {file} terbit"),
                        format!("a published {noun_en}, or remove the link until {file} is published"),
                    ),
                    if link.is_empty() {
                        held
                    } else {
                        format!("{link} → {held}")
                    },
                )
            }
            Message::CannotRead { detail } => (
                t(
                    format!("tidak dapat dibaca: {}", system_in_indonesian(detail)),
                    format!("cannot read: {detail}"),
                ),
                String::new(),
                String::new(),
            ),
            Message::MissingFile => (
                t("berkas wajib tidak ada".into(), "required file is missing".into()),
                String::new(),
                String::new(),
            ),
            Message::BadFileName { name, control } => (
                match control {
                    true => t(
                        "nama berkas berisi karakter kontrol, ditolak".into(),
                        "file name with control characters refused".into(),
                    ),
                    false => t(
                        "nama berkas berisi huruf di luar ASCII, ditolak".into(),
                        "file name with non-ASCII characters refused".into(),
                    ),
                },
                t(
                    "nama berkas dari huruf ASCII, angka, `-`, `_` dan `.` (menjadi bagian alamat halaman)".into(),
                    "a file name of ASCII letters, digits, `-`, `_` and `.` (it becomes part of a URL)".into(),
                ),
                format!("{name:?}"),
            ),
            Message::FileNameNotUtf8 => (
                t(
                    "nama berkas bukan UTF-8 yang sah".into(),
                    "file name is not valid UTF-8".into(),
                ),
                t(
                    "nama berkas dari huruf kecil ASCII, angka dan tanda hubung".into(),
                    "file names of lower-case ASCII letters, digits and hyphens".into(),
                ),
                String::new(),
            ),
            Message::SymbolicLink => (
                t("tautan simbolik ditolak".into(), "symbolic link refused".into()),
                t(
                    "berkas biasa di dalam folder konten".into(),
                    "a regular file inside the content folder".into(),
                ),
                t("tautan simbolik".into(), "a symbolic link".into()),
            ),
            Message::NamesDifferByCase { first, other } => (
                t(
                    "nama berkas hanya berbeda huruf besar/kecil".into(),
                    "file names differ only by letter case".into(),
                ),
                t(
                    format!("satu nama untuk setiap berkas, apa pun huruf besar/kecilnya: `{first}` dan `{other}` adalah berkas yang sama di macOS dan Windows"),
                    format!("one name per file, whatever the case: `{first}` and `{other}` are the same file on macOS and Windows"),
                ),
                t(
                    format!("`{first}` dan `{other}`"),
                    format!("`{first}` and `{other}`"),
                ),
            ),
            Message::NotRegularFile => (
                t("bukan berkas biasa".into(), "not a regular file".into()),
                t(
                    "berkas biasa di dalam folder konten".into(),
                    "a regular file inside the content folder".into(),
                ),
                t(
                    "named pipe, soket atau perangkat".into(),
                    "a named pipe, socket or device".into(),
                ),
            ),
            Message::FolderForFile => (
                t(
                    "folder di tempat yang seharusnya berkas".into(),
                    "a folder where a file belongs".into(),
                ),
                t("berkas biasa".into(), "a regular file".into()),
                t("folder".into(), "a folder".into()),
            ),
            Message::EmptyFile => (
                t("berkas kosong".into(), "empty file".into()),
                t(
                    "isian-isian sebuah catatan".into(),
                    "the fields of a record".into(),
                ),
                String::new(),
            ),
            Message::NotUtf8 { at, byte } => (
                t("teks bukan UTF-8 yang sah".into(), "not valid UTF-8 text".into()),
                t(
                    "berkas yang disimpan sebagai UTF-8 (di penyunting teks: simpan dengan encoding UTF-8)".into(),
                    "a file saved as UTF-8".into(),
                ),
                t(
                    format!("urutan bita tidak sah pada bita ke-{at} (0x{byte:02X})"),
                    format!("an invalid byte sequence at byte {at} (0x{byte:02X})"),
                ),
            ),
            Message::ControlCharacter { code } => (
                t(
                    "karakter kontrol di dalam teks".into(),
                    "control character in the text".into(),
                ),
                t(
                    "teks tanpa karakter kontrol (hanya tab dan ganti baris)".into(),
                    "text without control characters (tabs and line breaks only)".into(),
                ),
                format!("U+{code:04X}"),
            ),
            Message::FileTooLarge { bytes, max_mib } => (
                t("berkas terlalu besar".into(), "file too large".into()),
                t(
                    format!("paling besar {max_mib} MiB"),
                    format!("at most {max_mib} MiB"),
                ),
                t(format!("{bytes} bita"), format!("{bytes} bytes")),
            ),
            Message::NotAWebAddress { url } => (
                t("bukan alamat web".into(), "not a web address".into()),
                t(
                    "alamat yang diawali https:// atau http://, tanpa spasi, tanda kutip atau `<>`".into(),
                    "an address starting with https:// or http://, without spaces, quotes or `<>`".into(),
                ),
                format!("{url:?}"),
            ),
            Message::IdAndFileNameDiffer { id, file, expected } => (
                t(
                    "id dan nama berkas berbeda".into(),
                    "id and file name differ".into(),
                ),
                t(
                    format!("berkas bernama {expected}"),
                    format!("the file to be named {expected}"),
                ),
                t(
                    format!("id `{id}` di {file}"),
                    format!("id `{id}` in {file}"),
                ),
            ),
            Message::FigureWithoutDate => (
                t("angka tanpa tanggal".into(), "a figure needs a date".into()),
                t(
                    "`as_of` (hari yang digambarkan angka), `year` (untuk total satu tahun) atau `announced` (bila sumber tidak menyebut tanggal datanya)".into(),
                    "`as_of` (the day the numbers describe), `year` (for a yearly total) or `announced` (when the source gave no date for the data)".into(),
                ),
                t("tidak ada satu pun".into(), "neither".into()),
            ),
            Message::ImpossibleYear { year } => (
                t("tahun tidak mungkin".into(), "impossible year".into()),
                t(
                    "tahun dari 1999 (aturan netralitas ASN) sampai 2100".into(),
                    "a year from 1999 (ASN neutrality rules) to 2100".into(),
                ),
                year.to_string(),
            ),
            Message::FigureWithoutNumbers => (
                t(
                    "cuplikan angka tanpa angka".into(),
                    "a figure snapshot without numbers".into(),
                ),
                t(
                    "minimal satu dari counts, funnel, shares, tallies, rates, leading".into(),
                    "at least one of counts, funnel, shares, tallies, rates, leading".into(),
                ),
                t("tidak ada".into(), "none".into()),
            ),
            Message::ImpossibleShare { percent } => (
                t("persentase tidak mungkin".into(), "impossible share".into()),
                t(
                    "persentase dari 0 sampai 100".into(),
                    "a percentage from 0 to 100".into(),
                ),
                percent.clone(),
            ),
            Message::SharesOver100 { sum } => (
                t(
                    "jumlah persentase lebih dari 100 %".into(),
                    "shares add up to more than 100 %".into(),
                ),
                t(
                    "bagian-bagian dari satu keseluruhan, bersama paling banyak 100 %".into(),
                    "parts of one whole, at most 100 % together".into(),
                ),
                format!("{sum} %"),
            ),
            Message::StagesOutOfOrder {
                previous,
                previous_stage,
                code,
                stage,
            } => (
                t(
                    "urutan tahap penanganan salah".into(),
                    "outcome stages out of order".into(),
                ),
                t(
                    format!("tahap sesudah `{previous}` (tahap {previous_stage})"),
                    format!("a stage after `{previous}` (stage {previous_stage})"),
                ),
                t(
                    format!("`{code}` (tahap {stage})"),
                    format!("`{code}` (stage {stage})"),
                ),
            ),
            Message::LaterStageLarger {
                previous,
                previous_value,
                value,
            } => (
                t(
                    "tahap ini berisi lebih banyak orang daripada tahap sebelumnya".into(),
                    "a later stage holds more people than the one before it".into(),
                ),
                t(
                    format!("paling banyak {previous_value} (jumlah pada `{previous}`)"),
                    format!("at most {previous_value} (the number at `{previous}`)"),
                ),
                value.to_string(),
            ),
            Message::NoCategory => (
                t("tanpa jenis pelanggaran".into(), "no category".into()),
                t(
                    "minimal satu kode jenis pelanggaran".into(),
                    "at least one category code".into(),
                ),
                t("daftar kosong".into(), "an empty list".into()),
            ),
            Message::DateOutOfRange { date } => (
                t("tanggal tidak mungkin".into(), "impossible date".into()),
                t(
                    "tanggal dari tahun 1999 sampai 2100".into(),
                    "a date from 1999 to 2100".into(),
                ),
                date.clone(),
            ),
            Message::NotASlug { slug } => (
                t(
                    "nama berkas tidak dapat menjadi alamat halaman".into(),
                    "file name is not a valid slug".into(),
                ),
                t(
                    "huruf kecil a-z, angka dan tanda hubung tunggal, lalu `.md` (menjadi alamat halaman)".into(),
                    "lower-case letters a-z, digits and single hyphens, then `.md` (it becomes the page's URL)".into(),
                ),
                format!("{slug:?}"),
            ),
            Message::MarkdownTooDeep { max } => (
                t(
                    "Markdown bersarang terlalu dalam".into(),
                    "Markdown nested too deeply".into(),
                ),
                t(
                    format!("paling banyak {max} tingkat daftar, kutipan, penekanan dan elemen HTML bersarang"),
                    format!("at most {max} levels of nested lists, quotes, emphasis and HTML elements"),
                ),
                t(
                    format!("lebih dari {max}"),
                    format!("more than {max}"),
                ),
            ),
            Message::NotASiteLanguage { lang: l, langs } => (
                t(
                    "bukan bahasa situs ini".into(),
                    "not a language of this site".into(),
                ),
                t(
                    format!("salah satu dari: {}", langs.join(", ")),
                    format!("one of: {}", langs.join(", ")),
                ),
                format!("`{l}`"),
            ),
            Message::ReleaseWithoutSource => (
                t(
                    "siaran pers tanpa sumber".into(),
                    "a press release without a source".into(),
                ),
                t(
                    "minimal satu id dari sources.yaml".into(),
                    "at least one id from sources.yaml".into(),
                ),
                t("daftar kosong".into(), "an empty list".into()),
            ),
            Message::RevisedTwice { revised, first } => (
                t(
                    "dua angka memperbarui versi yang sama".into(),
                    "two figures revise the same version".into(),
                ),
                t(
                    format!("satu versi baru untuk setiap angka; {first} sudah memperbarui `{revised}`"),
                    format!("one later version per figure; {first} already revises `{revised}`"),
                ),
                format!("`{revised}`"),
            ),
            Message::FigureWithoutProducer => (
                t("angka tanpa produsen".into(), "a figure without a producer".into()),
                t(
                    "`producer:` kode dari vocab/producers.yaml (kasn, bkn, bawaslu, kemendagri)".into(),
                    "`producer:` a code from vocab/producers.yaml (kasn, bkn, bawaslu, kemendagri)".into(),
                ),
                t("tidak ada".into(), "none".into()),
            ),
            Message::AnnouncedBeforeData { announced, as_of } => (
                t(
                    "diumumkan sebelum tanggal datanya".into(),
                    "announced before the date of its data".into(),
                ),
                t(
                    format!("hari yang sama dengan atau sesudah `as_of` ({as_of})"),
                    format!("a day on or after `as_of` ({as_of})"),
                ),
                announced.clone(),
            ),
            Message::FirstSourceAgain { source } => (
                t(
                    "sumber pertama dicantumkan lagi".into(),
                    "the first source listed again".into(),
                ),
                t(
                    "sumber selain `source`".into(),
                    "sources other than `source`".into(),
                ),
                format!("`{source}`"),
            ),
            Message::FunnelFromCaseProducer { producer } => (
                t(
                    "tahapan ASN dari produsen yang menghitung kasus".into(),
                    "a funnel of civil servants from a producer that counts cases".into(),
                ),
                t(
                    format!("jumlah ukuran kasus: `{producer}` menghitung kasus, sedangkan tahapan menghitung orang"),
                    format!("counts of case measures: `{producer}` counts cases, and the funnel counts people"),
                ),
                t("tahapan (funnel)".into(), "a funnel".into()),
            ),
            Message::RevisesItself { id } => (
                t(
                    "angka tidak dapat memperbarui dirinya sendiri".into(),
                    "a figure cannot revise itself".into(),
                ),
                t(
                    "id versi sebelumnya".into(),
                    "the id of an earlier version".into(),
                ),
                format!("`{id}`"),
            ),
            Message::RevisionOfAnotherTotal {
                field,
                revised,
                was,
                now,
            } => (
                t(
                    "pembaruan dari total yang lain".into(),
                    "a revision of another total".into(),
                ),
                t(
                    format!("{field} yang sama dengan versi yang diperbarui, `{revised}`: {was}"),
                    format!("the {field} of the version it revises, `{revised}`: {was}"),
                ),
                now.clone(),
            ),
            Message::RevisionPublishedBefore { revised, was, now } => (
                t(
                    "pembaruan terbit sebelum versi yang diperbaruinya".into(),
                    "a revision published before the version it revises".into(),
                ),
                t(
                    format!("hari sesudah {was}, saat `{revised}` terbit"),
                    format!("a day after {was}, when `{revised}` was published"),
                ),
                now.clone(),
            ),
            Message::RevisionWithoutDate => (
                t(
                    "pembaruan tanpa tanggal terbit".into(),
                    "a revision without a publication date".into(),
                ),
                t(
                    "`announced` (atau `as_of`) pada kedua versi, agar urutannya jelas".into(),
                    "`announced` (or `as_of`) on both versions, so they can be put in order".into(),
                ),
                t(
                    "versi tanpa keduanya".into(),
                    "a version without either".into(),
                ),
            ),
            Message::PartsOverTotal { total, of, sum } => (
                t(
                    "jumlah bagian melebihi totalnya".into(),
                    "the parts add up to more than the total".into(),
                ),
                t(
                    format!("paling banyak {total} (jumlah `{of}` pada angka ini)"),
                    format!("at most {total} (the figure's count of `{of}`)"),
                ),
                sum.to_string(),
            ),
            Message::UnknownRateCode { code } => (
                t("kode tidak dikenal".into(), "unknown code".into()),
                t(
                    "tahap penanganan (vocab/outcomes.yaml) atau ukuran (vocab/measures.yaml)".into(),
                    "an outcome stage (vocab/outcomes.yaml) or a measure (vocab/measures.yaml)".into(),
                ),
                format!("`{code}`"),
            ),
            Message::ImpossibleRate { percent } => (
                t("persentase tidak mungkin".into(), "impossible rate".into()),
                t(
                    "persentase dari 0 sampai 100".into(),
                    "a percentage from 0 to 100".into(),
                ),
                percent.clone(),
            ),
            Message::RateDoesNotCompute {
                percent,
                computed,
                part,
                of,
                figure,
            } => (
                t(
                    "persentase yang dikutip tidak cocok dengan angkanya".into(),
                    "a quoted rate that does not compute".into(),
                ),
                t(
                    format!("{computed} ({part} dari {of}), atau konflik di conflicts.yaml yang mencantumkan `{figure}`"),
                    format!("{computed} ({part} of {of}), or a conflict in conflicts.yaml that lists `{figure}`"),
                ),
                percent.clone(),
            ),
            Message::NotAPartialDate { text } => (
                t("bukan tanggal".into(), "not a date".into()),
                t(
                    "tahun, bulan atau hari: `2024`, `2024-09`, `2024-08-23`".into(),
                    "a year, a month or a day: `2024`, `2024-09`, `2024-08-23`".into(),
                ),
                format!("{text:?}"),
            ),
            Message::RoleEndsBeforeItStarts { from, until } => (
                t(
                    "peran berakhir sebelum dimulai".into(),
                    "the role ends before it starts".into(),
                ),
                t(
                    format!("tanggal sesudah `from` ({from})"),
                    format!("a date after `from` ({from})"),
                ),
                until.clone(),
            ),
            Message::ConflictAboutNoFigure => (
                t(
                    "konflik tanpa angka".into(),
                    "a conflict about no figure".into(),
                ),
                t("minimal satu id angka".into(), "at least one figure id".into()),
                t("daftar kosong".into(), "an empty list".into()),
            ),
            Message::ConflictOneSided { claims } => (
                t(
                    "konflik memerlukan dua pihak".into(),
                    "a conflict needs two sides".into(),
                ),
                t(
                    "minimal dua klaim, masing-masing dengan sumbernya".into(),
                    "at least two claims, each with its source".into(),
                ),
                t(format!("{claims} klaim"), format!("{claims} claim(s)")),
            ),
            Message::ClaimFigureNotInConflict { figure, figures } => (
                t(
                    "angka pada klaim bukan salah satu angka konflik ini".into(),
                    "a claim's figure is not one of the conflict's".into(),
                ),
                t(
                    format!("salah satu dari `figures`: {}", figures.join(", ")),
                    format!("one of `figures`: {}", figures.join(", ")),
                ),
                format!("`{figure}`"),
            ),
            Message::ClaimSourceNotCited {
                source,
                figure_source,
            } => (
                t(
                    "sumber klaim tidak dikutip oleh angkanya".into(),
                    "a claim's source is not cited by its figure".into(),
                ),
                t(
                    format!("`{figure_source}` atau salah satu `other_sources`-nya, atau tanpa `figure:` pada klaim ini"),
                    format!("`{figure_source}` or one of its `other_sources`, or no `figure:` on this claim"),
                ),
                format!("`{source}`"),
            ),
            Message::EventWithoutSource => (
                t(
                    "peristiwa tanpa sumber".into(),
                    "an event without a source".into(),
                ),
                t(
                    "minimal satu id dari sources.yaml".into(),
                    "at least one id from sources.yaml".into(),
                ),
                t("daftar kosong".into(), "an empty list".into()),
            ),
            Message::Duplicate { what, id, at } => {
                let noun = noun_in_indonesian(what);
                (
                    t(format!("{noun} ganda"), format!("duplicate {what}")),
                    t(
                        format!("{noun} yang dipakai sekali saja; `{id}` sudah dipakai di {at}"),
                        format!("a {what} used once; `{id}` is already used in {at}"),
                    ),
                    format!("`{id}`"),
                )
            }
            Message::NotAnIdentifier { text } => (
                t("bukan id yang sah".into(), "not a valid identifier".into()),
                t(
                    "huruf kecil a-z, angka dan tanda hubung tunggal (menjadi bagian alamat halaman)".into(),
                    "lower-case letters a-z, digits and single hyphens (it becomes part of a URL)".into(),
                ),
                format!("{text:?}"),
            ),
            Message::ListedTwice { code } => (
                t("tercantum dua kali".into(), "listed twice".into()),
                t("setiap kode cukup sekali".into(), "each code once".into()),
                t(format!("`{code}` lagi"), format!("`{code}` again")),
            ),
            Message::PersonalData { what, masked, allow } => {
                let noun = noun_in_indonesian(what);
                match allow {
                    Some(name) => (
                        t(format!("data pribadi: {noun}"), format!("personal data: {what}")),
                        t(
                            format!("tanpa data pribadi ASN (atau `{name}` di `public_fields` site.yaml)"),
                            format!("no personal data of civil servants (or `{name}` in site.yaml `public_fields`)"),
                        ),
                        masked.clone(),
                    ),
                    None => (
                        t(
                            format!("data pribadi di dalam teks: {noun}"),
                            format!("personal data in the text: {what}"),
                        ),
                        t(
                            "tanpa data pribadi ASN (nyatakan `press.body` di `public_fields` site.yaml hanya untuk kontak resmi)".into(),
                            "no personal data of civil servants (declare `press.body` in site.yaml `public_fields` only for a public contact)".into(),
                        ),
                        masked.clone(),
                    ),
                }
            }
            Message::NoLanguage => (
                t("belum ada bahasa".into(), "no language configured".into()),
                t(
                    "minimal satu bahasa; bahasa pertama menjadi bahasa utama situs".into(),
                    "at least one language; the first is the default".into(),
                ),
                t("daftar kosong".into(), "an empty list".into()),
            ),
            Message::NotALanguageCode { code } => (
                t("bukan kode bahasa".into(), "not a language code".into()),
                t(
                    "kode BCP 47 seperti `id` atau `en`".into(),
                    "a BCP 47 code such as `id` or `en`".into(),
                ),
                format!("{code:?}"),
            ),
            Message::PrefixOnDefaultLanguage { prefix } => (
                t(
                    "bahasa utama tampil di akar situs, tanpa awalan".into(),
                    "the default language is served at the root".into(),
                ),
                t(
                    "tanpa awalan: hapus `prefix` dari bahasa pertama".into(),
                    "no prefix".into(),
                ),
                format!("{prefix:?}"),
            ),
            Message::FurtherLanguageWithoutPrefix { prefix } => (
                t(
                    "setiap bahasa tambahan memerlukan awalan URL sendiri".into(),
                    "each further language needs its own URL prefix".into(),
                ),
                t(
                    "awalan seperti `en` (huruf kecil a-z, angka dan tanda hubung)".into(),
                    "a prefix such as `en`".into(),
                ),
                format!("{prefix:?}"),
            ),
            Message::PrefixUsedTwice { prefix } => (
                t("awalan URL dipakai dua kali".into(), "URL prefix used twice".into()),
                t(
                    "awalan yang berbeda untuk setiap bahasa".into(),
                    "a prefix per language".into(),
                ),
                format!("{prefix:?}"),
            ),
            Message::UnknownSection { name, sections } => (
                t("bagian situs tidak dikenal".into(), "unknown section".into()),
                t(
                    format!("salah satu dari: {}", sections.join(", ")),
                    format!("one of: {}", sections.join(", ")),
                ),
                quoted(name),
            ),
            Message::NotAnAbsoluteUrl { url } => (
                t("bukan alamat URL lengkap".into(), "not an absolute URL".into()),
                t(
                    "alamat lengkap yang diawali http:// atau https://, seperti `https://example.org/`".into(),
                    "an http(s) address such as `https://example.org/`".into(),
                ),
                format!("{url:?}"),
            ),
            Message::PageSizeOutOfRange { per_page } => (
                t(
                    "jumlah entri per halaman di luar batas".into(),
                    "page size out of range".into(),
                ),
                t(
                    "1 sampai 1000 entri per halaman".into(),
                    "1 to 1000 items per page".into(),
                ),
                per_page.to_string(),
            ),
            Message::GitHostWithoutRepository => (
                t(
                    "layanan Git tanpa repositori".into(),
                    "a Git host without a repository".into(),
                ),
                t(
                    "`repo: pemilik/nama` di samping `backend`".into(),
                    "`repo: owner/name` beside `backend`".into(),
                ),
                t("tidak ada `repo`".into(), "no `repo`".into()),
            ),
            Message::NotARepositoryName { repo } => (
                t("bukan nama repositori".into(), "not a repository name".into()),
                t(
                    "`pemilik/nama` seperti pada alamat repositorinya, misalnya `agency/netra-content`".into(),
                    "`owner/name` as in the repository's address, e.g. `agency/netra-content`".into(),
                ),
                format!("{repo:?}"),
            ),
            Message::NotABranchName { branch } => (
                t("bukan nama branch".into(), "not a branch name".into()),
                t(
                    "nama branch Git seperti `main`".into(),
                    "a Git branch such as `main`".into(),
                ),
                format!("{branch:?}"),
            ),
            Message::NotAnAuthAddress { url } => (
                t("bukan alamat web".into(), "not a web address".into()),
                t(
                    "alamat layanan OAuth, misalnya `https://auth.example.org`".into(),
                    "the OAuth service's address, e.g. `https://auth.example.org`".into(),
                ),
                format!("{url:?}"),
            ),
            Message::AppIdWithoutGitlab { backend } => (
                t(
                    "hanya GitLab yang masuk dengan application id (`app_id`)".into(),
                    "only GitLab logs in with an application id".into(),
                ),
                t(
                    "`backend: gitlab`, atau hapus `app_id`".into(),
                    "`backend: gitlab`, or no `app_id`".into(),
                ),
                format!("`backend: {backend}`"),
            ),
            Message::NotAFolderInRepository { folder } => (
                t(
                    "bukan folder di dalam repositori".into(),
                    "not a folder inside the repository".into(),
                ),
                t(
                    "letak folder di dalam repositori, seperti `content` atau `site/content` (tanpa `/` di awal dan tanpa `..`)".into(),
                    "a relative path such as `content` or `site/content`".into(),
                ),
                format!("{folder:?}"),
            ),
            Message::NotAPort { port } => (
                t("bukan nomor port".into(), "not a port".into()),
                t(
                    "port decap-server, 1 sampai 65535 (tanpa isian ini dipakai 8081)".into(),
                    "decap-server's port, 1 to 65535 (it uses 8081 unless told)".into(),
                ),
                port.to_string(),
            ),
            Message::EmptyVocabulary => (
                t("daftar kode kosong".into(), "empty vocabulary".into()),
                t(
                    "minimal satu entri, dengan `code` dan `label`".into(),
                    "at least one entry".into(),
                ),
                t("tidak ada".into(), "none".into()),
            ),
            Message::NotAProvinceCode { code } => (
                t("bukan kode provinsi".into(), "not a province code".into()),
                t(
                    "kode provinsi dua angka dari Kemendagri, di dalam tanda kutip: \"73\"".into(),
                    "the two-digit Kemendagri code, quoted: \"73\"".into(),
                ),
                format!("{code:?}"),
            ),
            Message::OwnParent { code } => (
                t(
                    "jabatan tidak dapat menjadi induknya sendiri".into(),
                    "a position cannot be its own parent".into(),
                ),
                t(
                    "kode jabatan lain yang lebih luas".into(),
                    "the code of a broader position".into(),
                ),
                quoted(code),
            ),
            Message::StageTaken { stage, first } => (
                t(
                    "dua tahap penanganan memakai nomor tahap yang sama".into(),
                    "two outcomes share a stage".into(),
                ),
                t(
                    format!("nomor tahap yang belum dipakai `{first}`"),
                    format!("a stage number not used by `{first}`"),
                ),
                stage.to_string(),
            ),
            Message::UnknownUnit { unit } => (
                t("satuan tidak dikenal".into(), "unknown unit".into()),
                t(
                    "`people` (orang), `reports` (laporan) atau `cases` (kasus)".into(),
                    "`people`, `reports` or `cases`".into(),
                ),
                quoted(unit),
            ),
            Message::UnknownElectionKind { kind } => (
                t(
                    "jenis pemilihan tidak dikenal".into(),
                    "unknown election kind".into(),
                ),
                t("`pilkada` atau `pemilu`".into(), "`pilkada` or `pemilu`".into()),
                quoted(kind),
            ),
            Message::NotAnIsoProvinceCode { iso } => (
                t(
                    "bukan kode ISO 3166-2 untuk Indonesia".into(),
                    "not an ISO 3166-2 code for Indonesia".into(),
                ),
                t(
                    "`ID-` lalu dua huruf kapital: `ID-SN`".into(),
                    "`ID-` and two capital letters: `ID-SN`".into(),
                ),
                format!("{iso:?}"),
            ),
            Message::ProvinceWithoutTile { example } => (
                t(
                    "provinsi tanpa petak di peta".into(),
                    "a province without a tile".into(),
                ),
                t(
                    format!("`tile: [kolom, baris]`, seperti pada `{example}`: semua provinsi diberi petak, atau tidak satu pun"),
                    format!("`tile: [column, row]`, as `{example}` has: every province or none"),
                ),
                t("tidak ada `tile`".into(), "no `tile`".into()),
            ),
            Message::TileOffTheMap { tile, max } => (
                t("petak di luar peta".into(), "a tile off the map".into()),
                t(
                    format!("kolom dan baris yang lebih kecil dari {max}"),
                    format!("a column and a row below {max}"),
                ),
                format!("{tile:?}"),
            ),
            Message::TileTaken { tile, other } => (
                t(
                    "dua provinsi di satu petak".into(),
                    "two provinces on one tile".into(),
                ),
                t(
                    format!("petak yang belum dipakai `{other}`"),
                    format!("a tile not taken by `{other}`"),
                ),
                format!("{tile:?}"),
            ),
            Message::UnknownChoice {
                what,
                value,
                allowed,
            } => {
                let list = allowed
                    .iter()
                    .map(|a| quoted(a))
                    .collect::<Vec<_>>()
                    .join(", ");
                (
                    t(
                        format!("{} tidak dikenal", noun_in_indonesian(what)),
                        format!("unknown {what}"),
                    ),
                    t(format!("salah satu dari: {list}"), format!("one of {list}")),
                    quoted(value),
                )
            }
            Message::EmptyChart { field } => (
                t("grafik kosong".into(), "an empty chart".into()),
                t(
                    format!("minimal satu entri di `{field}`"),
                    format!("at least one entry in `{field}`"),
                ),
                t("daftar kosong".into(), "an empty list".into()),
            ),
            Message::ChartNumberNamesOneThing { given } => (
                t(
                    "setiap angka grafik menyebut tepat satu hal".into(),
                    "a chart number names one thing".into(),
                ),
                t(
                    "tepat satu dari `stage`, `measure`, `share`, `tally`".into(),
                    "exactly one of `stage`, `measure`, `share`, `tally`".into(),
                ),
                t(format!("{given} isian"), given.to_string()),
            ),
            Message::NumberTheChartCannotDraw { kind, number } => (
                t(
                    format!("angka yang tidak dapat digambar oleh grafik `{kind}`"),
                    format!("a number a `{kind}` chart cannot draw"),
                ),
                match kind.as_str() {
                    "map" => t(
                        "`tally: region` (sebaran menurut provinsi)".into(),
                        "`tally: region`".into(),
                    ),
                    "shares" => t(
                        "`share:` atau `tally:` menurut jabatan (position) atau jenis pelanggaran (category)".into(),
                        "`share:` or a `tally:` by position or category".into(),
                    ),
                    _ => t(
                        "`stage:` atau `measure:`".into(),
                        "`stage:` or `measure:`".into(),
                    ),
                },
                number.clone(),
            ),
            Message::FigureWithoutChartNumbers { figure } => (
                t(
                    "angka ini tidak memuat satu pun `numbers` grafik".into(),
                    "a figure with none of the chart's numbers".into(),
                ),
                t(
                    "angka yang memuat minimal satu dari `numbers`".into(),
                    "a figure that holds at least one of `numbers`".into(),
                ),
                quoted(figure),
            ),
            Message::UnitsMixed {
                unit,
                from,
                figure,
                other,
            } => (
                t(
                    "satuan bercampur dalam satu grafik".into(),
                    "units mixed in one chart".into(),
                ),
                t(
                    format!(
                        "angka dalam satuan {}, seperti pada `{from}`: kasus (Bawaslu) dan ASN (KASN, BKN, Kemendagri) tidak pernah digabung dalam satu deret",
                        noun_in_indonesian(unit)
                    ),
                    format!(
                        "numbers in {unit}, as `{from}` gives them: cases (Bawaslu) and civil servants (KASN, BKN, Kemendagri) are never one series"
                    ),
                ),
                t(
                    format!("`{figure}` dalam satuan {}", noun_in_indonesian(other)),
                    format!("`{figure}` in {other}"),
                ),
            ),
            Message::CannotReadTranslation { lang: l, detail } => (
                t(
                    format!(
                        "berkas terjemahan tidak dapat dibaca: {}",
                        system_in_indonesian(detail)
                    ),
                    format!("cannot read the translation file: {detail}"),
                ),
                t(
                    format!("berkas terjemahan untuk bahasa `{l}` di tema"),
                    format!("a translation file for language `{l}` in the theme"),
                ),
                String::new(),
            ),
            Message::MonthNames { count } => (
                t(
                    "jumlah nama bulan salah".into(),
                    "wrong number of month names".into(),
                ),
                t(
                    "12 nama bulan, dimulai dari Januari".into(),
                    "12 names, January first".into(),
                ),
                count.to_string(),
            ),
            Message::StringNotTranslated { key } => (
                t(
                    "teks antarmuka belum diterjemahkan".into(),
                    "interface string not translated".into(),
                ),
                t(
                    format!("terjemahan untuk `{key}`"),
                    format!("a translation of `{key}`"),
                ),
                t("tidak ada".into(), "nothing".into()),
            ),
            Message::NoTemplates => (
                t("tidak ada templat".into(), "no templates found".into()),
                t(
                    "templat Tera di folder templates/ tema".into(),
                    "Tera templates in the theme's templates/ folder".into(),
                ),
                String::new(),
            ),
            Message::TemplateError { detail } => (
                t(
                    format!("templat bermasalah:\n{detail}"),
                    format!("template error:\n{detail}"),
                ),
                String::new(),
                String::new(),
            ),
            Message::TemplateFailedOnPage { page, detail } => (
                t(
                    format!("templat bermasalah saat membuat halaman dari {page}:\n{detail}"),
                    format!("template error while rendering {page}:\n{detail}"),
                ),
                String::new(),
                String::new(),
            ),
            Message::ThemeWithoutEditor => (
                t(
                    "site.yaml memuat `cms:`, tetapi tema tidak menyertakan editor".into(),
                    "site.yaml has `cms:` but the theme has no editor".into(),
                ),
                t(
                    "decap-cms.js di folder cms/ tema (themes/default/cms/ memilikinya)".into(),
                    "decap-cms.js in the theme's cms/ folder (themes/default/cms/ has it)".into(),
                ),
                String::new(),
            ),
            Message::MissingAsset { name, known } => {
                let known: Vec<&str> = known.iter().map(String::as_str).collect();
                let has = if known.is_empty() {
                    t("tidak ada".into(), "none".into())
                } else {
                    list_in(&known, lang)
                };
                (
                    t(
                        format!("asset(path=\"{name}\"): folder static/ tema tidak memuat {name:?} (isinya: {has})"),
                        format!("asset(path=\"{name}\"): the theme's static/ folder has no {name:?} (it has {has})"),
                    ),
                    t(
                        "berkas di folder static/ tema, ditulis dengan path-nya di folder itu".into(),
                        "a file of the theme's static/ folder, named by its path there".into(),
                    ),
                    String::new(),
                )
            }
            Message::FontUnreadable { file, detail } => (
                t(
                    format!(
                        "berkas huruf {file} tidak dapat dibaca: {}",
                        system_in_indonesian(detail)
                    ),
                    format!("cannot read {file}: {detail}"),
                ),
                font_expected(lang),
                String::new(),
            ),
            Message::NoFont => (
                t(
                    "tidak ada huruf (font) untuk menulis teks grafik PNG".into(),
                    "no font to draw the PNG charts' text with".into(),
                ),
                font_expected(lang),
                String::new(),
            ),
            Message::NotAFont { name } => (
                t(
                    format!("{name} bukan huruf (font) TrueType atau OpenType"),
                    format!("{name} is not a TrueType or OpenType font"),
                ),
                font_expected(lang),
                String::new(),
            ),
            Message::ContentFolderNotFound => (
                t(
                    "folder konten tidak ditemukan".into(),
                    "content folder not found".into(),
                ),
                t(
                    "folder berisi site.yaml, vocab/, sources.yaml, figures/, press/".into(),
                    "a folder with site.yaml, vocab/, sources.yaml, figures/, press/".into(),
                ),
                String::new(),
            ),
            Message::UnexpectedFileInFolder { folder, ext, file } => (
                t(
                    format!("berkas yang tidak semestinya ada di {folder}/"),
                    format!("unexpected file in {folder}/"),
                ),
                t(
                    format!("satu berkas `.{ext}` untuk setiap catatan, langsung di {folder}/ (tidak di subfolder)"),
                    format!("one `.{ext}` file per record, directly in {folder}/"),
                ),
                file.clone(),
            ),
            Message::UnexpectedFile { vocabularies } => (
                t(
                    "berkas yang tidak dikenal di folder konten".into(),
                    "unexpected file in the content folder".into(),
                ),
                match vocabularies {
                    Some(v) => t(
                        format!("salah satu daftar kode: {}", v.join(", ")),
                        format!("one of the vocabularies: {}", v.join(", ")),
                    ),
                    None => t(
                        "site.yaml, sources.yaml, vocab/, figures/, cases/ atau press/".into(),
                        "site.yaml, sources.yaml, vocab/, figures/, cases/ or press/".into(),
                    ),
                },
                String::new(),
            ),
            Message::SearchIndexFailed { detail } => (
                t(
                    format!("indeks pencarian tidak dapat dibuat: {detail}"),
                    detail.clone(),
                ),
                String::new(),
                String::new(),
            ),
            Message::ExternalLinkFailed { url, why } => (
                t(
                    "tautan ke situs lain gagal dibuka".into(),
                    "external link failed".into(),
                ),
                t(
                    "jawaban dengan status 2xx (berhasil)".into(),
                    "an answer with a 2xx status".into(),
                ),
                format!("{url} ({why})"),
            ),
        };
        Rendered {
            message,
            expected,
            found,
        }
    }
}

/// What the theme's `fonts/` should hold, for every font problem.
fn font_expected(lang: Lang) -> String {
    lang.pick(
        "huruf (font) TrueType atau OpenType (.ttf, .otf) untuk teks grafik PNG; tema bawaan menyertakan Liberation Sans",
        "a TrueType or OpenType font (.ttf, .otf) for the PNG charts' text; the default theme ships Liberation Sans",
    )
    .to_string()
}

/// The deserialiser's name for a kind of value (`u64`, `a sequence`), as
/// an editor would say it in Indonesian.
fn kind_in_indonesian(expected: &str) -> &'static str {
    let e = expected.to_ascii_lowercase();
    if e.starts_with('u') && e[1..].parse::<u8>().is_ok() {
        "bilangan bulat, misalnya 456"
    } else if e.starts_with('i') && e[1..].parse::<u8>().is_ok() {
        "bilangan bulat"
    } else if e.starts_with('f') && e[1..].parse::<u8>().is_ok() {
        "angka, misalnya 27.6"
    } else if e.contains("moment") {
        "saat dengan zona waktunya, ditulis TTTT-BB-HHTJJ:MM+07:00, misalnya 2026-12-09T10:00+07:00"
    } else if e.contains("date") {
        "tanggal TTTT-BB-HH, misalnya 2020-08-03"
    } else if e.contains("sequence") || e.contains("list") {
        "daftar, setiap entri diawali `- `"
    } else if e.contains("map") || e.contains("struct") {
        "isian bertingkat (`nama: nilai` di baris berikutnya, menjorok)"
    } else if e.contains("bool") {
        "true atau false"
    } else if e.contains("string") || e.contains("text") {
        "teks"
    } else {
        "nilai lain"
    }
}

impl fmt::Display for Message {
    /// The English words, for logs and `Debug`-like output.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En).message)
    }
}

/// The name of `allowed` that `name` was most likely meant to be: one or
/// two letters off, or the same letters in another case.
pub fn closest<'a>(name: &str, allowed: &'a [String]) -> Option<&'a String> {
    allowed
        .iter()
        .map(|a| (strsim::damerau_levenshtein(&name.to_lowercase(), a), a))
        .filter(|(d, a)| *d <= 2.min(a.len() / 3 + 1) || a.eq_ignore_ascii_case(name))
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a)
}

/// The real day nearest to `text` (`2020-02-30` → `2020-02-29`,
/// `2021-13-01` → `2021-12-01`), when it is written `YYYY-MM-DD` with an
/// impossible month or day.
pub fn nearest_day(text: &str) -> Option<String> {
    let mut parts = text.splitn(3, '-');
    let year: i16 = parts.next()?.parse().ok()?;
    let month: i8 = parts.next()?.parse::<i8>().ok()?.clamp(1, 12);
    let day: i8 = parts.next()?.parse::<i8>().ok()?.max(1);
    let first = jiff::civil::Date::new(year, month, 1).ok()?;
    let day = day.min(first.days_in_month());
    jiff::civil::Date::new(year, month, day)
        .ok()
        .map(|d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn nearest_real_day() {
        assert_eq!(nearest_day("2020-02-30").as_deref(), Some("2020-02-29"));
        assert_eq!(nearest_day("2021-02-29").as_deref(), Some("2021-02-28"));
        assert_eq!(nearest_day("2021-13-01").as_deref(), Some("2021-12-01"));
        assert_eq!(nearest_day("2021-04-00").as_deref(), Some("2021-04-01"));
        assert_eq!(nearest_day("2021-04-31").as_deref(), Some("2021-04-30"));
        assert_eq!(nearest_day("kemarin"), None);
    }

    #[test]
    fn the_systems_reasons_in_indonesian() {
        let id = |detail: &str| {
            Message::CannotRead {
                detail: detail.into(),
            }
            .render(Lang::Id)
        };
        assert_eq!(
            id("No such file or directory (os error 2)").message,
            "tidak dapat dibaca: berkas atau folder tidak ada"
        );
        assert_eq!(
            id("Permission denied (os error 13)").message,
            "tidak dapat dibaca: tidak ada izin untuk membukanya"
        );
        // A reason not known stays as the system gave it.
        assert!(
            id("Stale file handle (os error 116)")
                .message
                .contains("Stale file handle")
        );
    }

    /// Every variant, with every parameter filled, says something in both
    /// languages, and says it differently: a variant added in English only
    /// (or copied across) fails here.
    #[test]
    fn every_message_in_both_languages() {
        let mut n = 0;
        for m in Message::iter() {
            let m = filled(m);
            let (id, en) = (m.render(Lang::Id), m.render(Lang::En));
            assert!(!id.message.is_empty() && !en.message.is_empty(), "{m:?}");
            assert_ne!(id.message, en.message, "{m:?} is not translated");
            assert!(
                id.expected.is_empty() == en.expected.is_empty()
                    || matches!(m, Message::Syntax { .. }),
                "{m:?}: one language says what to write, the other does not"
            );
            if !id.expected.is_empty() && !en.expected.is_empty() {
                assert_ne!(id.expected, en.expected, "{m:?} is not translated");
            }
            n += 1;
        }
        assert!(n >= 17, "only {n} variants iterated");
    }

    /// `m` with its parameters given values, as a rule would.
    fn filled(m: Message) -> Message {
        let s = |x: &str| x.to_string();
        match m {
            Message::Syntax { .. } => Message::Syntax {
                detail: s("did not find expected key"),
            },
            Message::UnknownField { .. } => Message::UnknownField {
                name: s("as_off"),
                allowed: vec![s("id"), s("as_of")],
                closest: s("as_of"),
            },
            Message::PersonalField { .. } => Message::PersonalField { name: s("nip") },
            Message::MissingField { .. } => Message::MissingField { name: s("source") },
            Message::WrongType { .. } => Message::WrongType {
                found: s("string \"banyak\""),
                expected: s("u64"),
            },
            Message::InvalidValue { .. } => Message::InvalidValue {
                found: s("-1"),
                expected: s("u64"),
            },
            Message::DateShape { .. } => Message::DateShape {
                text: s("5/8/2020"),
            },
            Message::ImpossibleDate { .. } => Message::ImpossibleDate {
                text: s("2020-02-30"),
                nearest: s("2020-02-29"),
            },
            Message::UnknownCode { .. } => Message::UnknownCode {
                code: s("fungsionall"),
                file: s("vocab/positions.yaml"),
                allowed: vec![Choice {
                    code: s("fungsional"),
                    label: s("Jabatan fungsional"),
                }],
            },
            Message::MissingDefaultLanguage { .. } => Message::MissingDefaultLanguage {
                lang: s("id"),
                given: vec![s("en")],
            },
            Message::NotAList { .. } => Message::NotAList {
                found: Shape::Mapping,
            },
            Message::MissingFrontMatter { .. } => Message::MissingFrontMatter {
                first: s("title: x"),
            },
            Message::BrokenLink { .. } => Message::BrokenLink {
                link: s("../../angka/kasn-2099/"),
                fault: LinkFault::Missing {
                    target: s("angka/kasn-2099/index.html"),
                },
                from: Some(s("siaran-pers/x/")),
            },
            Message::LinkToHeld { .. } => Message::LinkToHeld {
                link: s("../../angka/kasn-2099/"),
                kind: RecordKind::Figure,
                key: s("kasn-2099"),
                file: s("figures/kasn-2099.yaml"),
                why: HeldBack::Embargo(s("2026-12-09T03:00:00Z")),
            },
            Message::CannotRead { .. } => Message::CannotRead {
                detail: s("Permission denied (os error 13)"),
            },
            Message::BadFileName { .. } => Message::BadFileName {
                name: s("caf\\u{e9}.md"),
                control: false,
            },
            Message::NamesDifferByCase { .. } => Message::NamesDifferByCase {
                first: s("press/a.md"),
                other: s("press/A.md"),
            },
            Message::NotUtf8 { .. } => Message::NotUtf8 { at: 12, byte: 0xE9 },
            Message::ControlCharacter { .. } => Message::ControlCharacter { code: 0x1B },
            Message::FileTooLarge { .. } => Message::FileTooLarge {
                bytes: 41_943_041,
                max_mib: 32,
            },
            Message::NotALanguageCode { .. } => Message::NotALanguageCode { code: s("ID_id") },
            Message::PrefixOnDefaultLanguage { .. } => {
                Message::PrefixOnDefaultLanguage { prefix: s("id") }
            }
            Message::FurtherLanguageWithoutPrefix { .. } => {
                Message::FurtherLanguageWithoutPrefix { prefix: s("") }
            }
            Message::PrefixUsedTwice { .. } => Message::PrefixUsedTwice { prefix: s("en") },
            Message::UnknownSection { .. } => Message::UnknownSection {
                name: s("berita"),
                sections: vec![s("press"), s("figures")],
            },
            Message::NotAnAbsoluteUrl { .. } => Message::NotAnAbsoluteUrl {
                url: s("example.org"),
            },
            Message::PageSizeOutOfRange { .. } => Message::PageSizeOutOfRange { per_page: 0 },
            Message::NotARepositoryName { .. } => Message::NotARepositoryName {
                repo: s("netra-content"),
            },
            Message::NotABranchName { .. } => Message::NotABranchName {
                branch: s("fitur baru"),
            },
            Message::NotAnAuthAddress { .. } => Message::NotAnAuthAddress {
                url: s("auth.example.org"),
            },
            Message::AppIdWithoutGitlab { .. } => Message::AppIdWithoutGitlab {
                backend: s("github"),
            },
            Message::NotAFolderInRepository { .. } => Message::NotAFolderInRepository {
                folder: s("../content"),
            },
            Message::NotAProvinceCode { .. } => Message::NotAProvinceCode { code: s("7") },
            Message::OwnParent { .. } => Message::OwnParent { code: s("jpt") },
            Message::StageTaken { .. } => Message::StageTaken {
                stage: 2,
                first: s("dilaporkan"),
            },
            Message::UnknownUnit { .. } => Message::UnknownUnit { unit: s("orang") },
            Message::UnknownElectionKind { .. } => {
                Message::UnknownElectionKind { kind: s("pilpres") }
            }
            Message::NotAnIsoProvinceCode { .. } => {
                Message::NotAnIsoProvinceCode { iso: s("ID-sn") }
            }
            Message::ProvinceWithoutTile { .. } => {
                Message::ProvinceWithoutTile { example: s("11") }
            }
            Message::TileOffTheMap { .. } => Message::TileOffTheMap {
                tile: [3, 40],
                max: 20,
            },
            Message::TileTaken { .. } => Message::TileTaken {
                tile: [3, 4],
                other: s("73"),
            },
            Message::UnknownChoice { .. } => Message::UnknownChoice {
                what: s("chart kind"),
                value: s("pie"),
                allowed: vec![s("timeline"), s("shares")],
            },
            Message::EmptyChart { .. } => Message::EmptyChart {
                field: s("numbers"),
            },
            Message::ChartNumberNamesOneThing { .. } => {
                Message::ChartNumberNamesOneThing { given: 2 }
            }
            Message::NumberTheChartCannotDraw { .. } => Message::NumberTheChartCannotDraw {
                kind: s("map"),
                number: s("ChartNumber { stage: Some(\"dilaporkan\") }"),
            },
            Message::FigureWithoutChartNumbers { .. } => Message::FigureWithoutChartNumbers {
                figure: s("kasn-2020-07-31"),
            },
            Message::UnitsMixed { .. } => Message::UnitsMixed {
                unit: s("people"),
                from: s("kasn-2020-07-31"),
                figure: s("bawaslu-2018-07-05"),
                other: s("cases"),
            },
            Message::CannotReadTranslation { .. } => Message::CannotReadTranslation {
                lang: s("en"),
                detail: s("No such file or directory (os error 2)"),
            },
            Message::MonthNames { .. } => Message::MonthNames { count: 11 },
            Message::StringNotTranslated { .. } => {
                Message::StringNotTranslated { key: s("search") }
            }
            Message::TemplateError { .. } => Message::TemplateError {
                detail: s("Failed to parse 'base.html'"),
            },
            Message::TemplateFailedOnPage { .. } => Message::TemplateFailedOnPage {
                page: s("press/2020-08-05-gnn-asn-seri-kedua.md"),
                detail: s("Variable `x` not found"),
            },
            Message::MissingAsset { .. } => Message::MissingAsset {
                name: s("gaya.css"),
                known: vec![s("style.css"), s("search.js")],
            },
            Message::FontUnreadable { .. } => Message::FontUnreadable {
                file: s("fonts/LiberationSans-Regular.ttf"),
                detail: s("Permission denied (os error 13)"),
            },
            Message::NotAFont { .. } => Message::NotAFont {
                name: s("README.ttf"),
            },
            Message::UnexpectedFileInFolder { .. } => Message::UnexpectedFileInFolder {
                folder: s("figures"),
                ext: s("yaml"),
                file: s("figures/catatan.txt"),
            },
            Message::UnexpectedFile { .. } => Message::UnexpectedFile {
                vocabularies: Some(vec![s("vocab/positions.yaml"), s("vocab/regions.yaml")]),
            },
            Message::SearchIndexFailed { .. } => Message::SearchIndexFailed {
                detail: s("index.html: No such file or directory (os error 2)"),
            },
            Message::ExternalLinkFailed { .. } => Message::ExternalLinkFailed {
                url: s("https://example.org/hilang"),
                why: s("404 Not Found"),
            },
            other => other,
        }
    }
}
