//! The values templates see: records turned into labelled, formatted,
//! linked views for one language.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use serde::Serialize;
use serde_json::{Value, json};
use tera::Value as TeraValue;

use crate::aggregate::Stats;
use crate::chart::{self, ChartView};
use crate::format;
use crate::i18n::Locale;
use crate::model::{self, CaseRecord, Content, Dimension, Figure, Index, Record, Section};

use super::orders::{Orders, per_page};
use super::urls::{By, Sections};

/// A record view as a template value.
fn ser<T: Serialize + ?Sized>(x: &T) -> TeraValue {
    TeraValue::from_serializable(x)
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceView {
    pub id: String,
    pub outlet: String,
    pub title: String,
    pub date: String,
    pub url: Option<String>,
    pub place: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: String,
    pub url: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PressCard {
    pub title: String,
    pub url: String,
    pub date: String,
    pub date_iso: String,
    pub summary: String,
    pub tags: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Number {
    pub label: String,
    pub value: String,
    pub unit: String,
    pub rate: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ShareView {
    pub title: String,
    pub parts: Vec<Number>,
    pub not_published: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ProducerView {
    pub code: String,
    pub label: String,
    /// The short name ("KASN"), or `label` when the vocabulary has none.
    pub short: String,
    /// Its entry on the producers page.
    pub url: String,
    /// "people" or "cases", in this language.
    pub unit: String,
}

/// One version of a revised total.
#[derive(Debug, Clone, Serialize)]
pub struct VersionView {
    pub label: String,
    pub url: String,
    pub period: String,
    /// The version whose page this is.
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClaimView {
    pub source: Option<SourceView>,
    pub value: Option<String>,
    pub as_of: Option<String>,
    pub says: String,
    pub figure: Option<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ConflictView {
    pub id: String,
    pub title: String,
    pub claims: Vec<ClaimView>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CorrectionView {
    pub id: String,
    pub date: String,
    pub date_iso: String,
    pub figure: Link,
    pub field: String,
    pub old: String,
    pub new: String,
    pub reason: String,
    /// Where the conflict that explains it is shown.
    pub conflict: Option<Link>,
    pub sources: Vec<SourceView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FigureView {
    pub id: String,
    pub url: String,
    pub title: String,
    /// "per 31 Juli 2020" or "tahun 2018".
    pub period: String,
    pub election: Option<String>,
    pub source: Option<SourceView>,
    pub compiled_by: Option<String>,
    pub counts: Vec<Number>,
    pub funnel: Vec<Number>,
    pub shares: Vec<ShareView>,
    pub leading: Vec<Number>,
    /// The percentages the source quoted, as it quoted them: `label` is
    /// the part, `unit` what it is a share of.
    pub rates: Vec<Number>,
    pub note: Option<String>,
    /// Who produced the numbers, and the unit they count in.
    pub producer: Option<ProducerView>,
    /// The day the numbers were made public, and how to say it: "announced"
    /// after an as-of date, "stated" when the source gave none.
    pub announced: Option<String>,
    pub announced_label: String,
    /// Further reports of the same numbers, after `source`.
    pub other_sources: Vec<SourceView>,
    /// Every version of the same total (`revises`), oldest first, when
    /// there is more than this one.
    pub versions: Vec<VersionView>,
    /// Published counts broken down by one dimension, each with what the
    /// parts leave of the figure's total of the same measure.
    pub tallies: Vec<ShareView>,
    /// The conflicts that list this figure.
    pub conflicts: Vec<ConflictView>,
    /// The corrections of this figure, newest first.
    pub corrections: Vec<CorrectionView>,
    pub charts: Vec<Link>,
}

/// The releases that cite a figure. Apart from [`FigureView`]: a figure's
/// numbers are on many pages (every release that cites it links to it),
/// its citing releases on a few, and a page that reads only the numbers
/// must not be re-rendered when one of those releases gets a new title.
#[derive(Debug, Clone, Serialize)]
pub struct Citing {
    /// The newest releases that cite the figure, a page's worth.
    pub releases: Vec<Link>,
    /// How many releases cite it in all, and where they are listed when
    /// that is more than `releases` shows.
    pub releases_total: usize,
    pub releases_all: Option<String>,
    /// The releases of `releases`, as indices into the content's.
    #[serde(skip)]
    pub ids: Vec<usize>,
}

/// A language's charts, drawn: `serve` keeps them from one rebuild to the
/// next while the figures, cases and site-wide files stay the same
/// (drawing a site's hundred charts is most of making its views).
pub type Charts = Arc<Vec<ChartView>>;

/// Everything one language's pages draw from, built once.
pub struct LangViews<'a> {
    /// Where each release stands in `orders.press`: previous and next in
    /// constant time (a search per page would make the build quadratic).
    pub press_position: Vec<Option<usize>>,
    /// `charts[..site_charts]` are the statistics page's; the rest belong to facet pages.
    pub site_charts: usize,
    /// Indices into `charts` of each facet's charts.
    pub facet_charts: HashMap<(Dimension, String), Vec<usize>>,
    pub idx: &'a Index,
    /// `base_url` with a trailing slash, for absolute links (feeds, embeds, citations).
    pub base_url: String,
    pub index: usize,
    pub lang: String,
    pub locale: &'a Locale,
    pub sections: Sections,
    pub orders: &'a Orders,
    pub charts: Charts,
    pub figures: Vec<FigureView>,
    /// One per figure, in `figures` order.
    pub citing: Vec<Citing>,
    /// Newest first.
    pub figure_order: Vec<usize>,
    /// The card of each release of this language as a template value,
    /// made when first needed: a check renders a few pages, and
    /// needs a few cards.
    press: Vec<OnceLock<Option<TeraValue>>>,
    /// The card of each release rendered through the theme's
    /// `partials/press_item.html`, split where the page's `root` goes:
    /// made once, then joined with each list page's root (see
    /// [`super::cards_html`]).
    pub(super) card_html: Vec<OnceLock<Box<[Box<str>]>>>,
    /// Each tag's link as a template value, shared by every card with the
    /// tag (Tera's maps are reference-counted): one string pair per tag
    /// rather than per release and tag, some MiB on a large site.
    tag_links: HashMap<&'a str, TeraValue>,
    content: &'a Content,
    pub sources: HashMap<String, SourceView>,
    /// `sources` as template values.
    pub(super) source_values: HashMap<String, TeraValue>,
    /// The links by year, election and province every press list shows.
    browse: OnceLock<TeraValue>,
}

impl<'a> LangViews<'a> {
    pub fn build(
        c: &'a Content,
        idx: &'a Index,
        stats: &Stats,
        locale: &'a Locale,
        index: usize,
        orders: &'a Orders,
        charts: Option<Charts>,
    ) -> Self {
        let sections = Sections::new(&c.site.languages[index]);
        let lang = c.site.languages[index].code.clone();
        let dl = c.site.default_lang().to_string();
        let sources: HashMap<String, SourceView> = c
            .sources
            .iter()
            .map(|s| {
                let v = SourceView {
                    id: s.id.clone(),
                    outlet: s.outlet.clone(),
                    title: s.title.get(&lang, &dl).to_string(),
                    date: format::date(s.date, locale),
                    url: s.url.clone(),
                    place: s.place.clone(),
                };
                (s.id.clone(), v)
            })
            .collect();
        // The site's charts, then the declared ones, then the facets'.
        let charts = charts.unwrap_or_else(|| {
            Arc::new(
                stats
                    .charts
                    .iter()
                    .map(|a| chart::view(a, c, idx, locale, &lang))
                    .chain(
                        stats
                            .tables
                            .iter()
                            .map(|t| chart::table::view(t, c, idx, locale, &lang)),
                    )
                    .chain(
                        stats
                            .facets
                            .iter()
                            .map(|a| chart::view(a, c, idx, locale, &lang)),
                    )
                    .collect(),
            )
        });
        let site_charts = stats.charts.len() + stats.tables.len();
        let facet_charts = stats.facets.iter().enumerate().fold(
            HashMap::new(),
            |mut m: HashMap<(Dimension, String), Vec<usize>>, (i, a)| {
                if let Some(f) = &a.facet {
                    m.entry(f.clone()).or_default().push(site_charts + i);
                }
                m
            },
        );
        let figures = c
            .figures
            .iter()
            .map(|f| figure_view(c, idx, f, locale, &lang, &sections, &sources, &charts))
            .collect();
        let citing = c
            .figures
            .iter()
            .map(|f| citing(c, f, &sections, orders))
            .collect();
        let mut figure_order: Vec<usize> = (0..c.figures.len()).collect();
        figure_order.sort_by(|&a, &b| {
            let (fa, fb) = (&c.figures[a], &c.figures[b]);
            (data_year(fb), data_date(fb), &fa.id).cmp(&(data_year(fa), data_date(fa), &fb.id))
        });
        let base_url = if c.site.base_url.ends_with('/') {
            c.site.base_url.clone()
        } else {
            format!("{}/", c.site.base_url)
        };
        let mut press_position = vec![None; c.press.len()];
        for (k, &i) in orders.press.iter().enumerate() {
            press_position[i] = Some(k);
        }
        let source_values = sources.iter().map(|(id, s)| (id.clone(), ser(s))).collect();
        LangViews {
            press: (0..c.press.len()).map(|_| OnceLock::new()).collect(),
            card_html: (0..c.press.len()).map(|_| OnceLock::new()).collect(),
            tag_links: orders
                .tags
                .keys()
                .map(|t| {
                    let link = Link {
                        label: t.clone(),
                        url: sections.tag(t),
                    };
                    (t.as_str(), ser(&link))
                })
                .collect(),
            source_values,
            browse: OnceLock::new(),
            content: c,
            press_position,
            site_charts,
            facet_charts,
            idx,
            base_url,
            index,
            lang,
            locale,
            sections,
            orders,
            charts,
            figures,
            citing,
            figure_order,
            sources,
        }
    }
}

impl LangViews<'_> {
    /// The cards made so far, to be freed where the caller chooses (a
    /// rebuild hands them to another thread rather than make the editor
    /// wait).
    pub fn take_cards(&mut self) -> Vec<OnceLock<Option<TeraValue>>> {
        std::mem::take(&mut self.press)
    }

    /// The card of release `i` as a template value, if it is in this
    /// language.
    pub(super) fn card_value(&self, i: usize) -> Option<TeraValue> {
        self.press[i]
            .get_or_init(|| {
                let card = self.make_card(i)?;
                // The tags' links are shared between cards (a tag's link
                // is the same on every card), so they are swapped into
                // what `ser` gives, which keeps every other field of
                // `PressCard` as templates expect it.
                let tags: Vec<TeraValue> = card
                    .tags
                    .iter()
                    .map(|l| {
                        self.tag_links
                            .get(l.label.as_str())
                            .cloned()
                            .unwrap_or_else(|| ser(l))
                    })
                    .collect();
                let mut m = ser(&PressCard {
                    tags: Vec::new(),
                    ..card
                })
                .into_map()?;
                m.insert(tera::value::Key::from("tags"), TeraValue::from(tags));
                Some(TeraValue::from(m))
            })
            .clone()
    }

    /// The card of release `i`, if it is in this language.
    pub fn card(&self, i: usize) -> Option<PressCard> {
        self.make_card(i)
    }

    fn make_card(&self, i: usize) -> Option<PressCard> {
        self.press_position[i]?;
        let p = &self.content.press[i];
        let s = &self.sections;
        Some(PressCard {
            title: p.meta.title.clone(),
            url: s.press(&p.slug),
            date: format::date(p.meta.date, self.locale),
            date_iso: p.meta.date.to_string(),
            summary: p.meta.summary.clone(),
            tags: p
                .meta
                .tags
                .iter()
                .map(|t| Link {
                    label: t.clone(),
                    url: s.tag(t),
                })
                .collect(),
        })
    }
}

#[allow(clippy::too_many_arguments)]
fn figure_view(
    c: &Content,
    idx: &Index,
    f: &Record<Figure>,
    l: &Locale,
    lang: &str,
    s: &Sections,
    sources: &HashMap<String, SourceView>,
    charts: &[ChartView],
) -> FigureView {
    let dl = c.site.default_lang();
    let measure = |m: &str| idx.measures.get(m).map(|&i| &c.vocab.measures[i]);
    let unit_of = |m: &str| {
        measure(m).map_or(String::new(), |x| {
            l.t(&format!("unit_{}", x.unit)).to_string()
        })
    };
    let period = period(f, l);
    let mut funnel: Vec<Number> = Vec::new();
    for (i, step) in f.funnel.iter().enumerate() {
        let rate = i
            .checked_sub(1)
            .and_then(|b| model::stage_rate(f.funnel[b].value as f64, step.value as f64))
            .map(|r| format::percent(r, l));
        funnel.push(Number {
            label: c.label(Dimension::Outcome, idx, &step.stage, lang),
            value: format::integer(step.value, l),
            unit: l.t("unit_people").to_string(),
            rate,
        });
    }
    let shares = f
        .shares
        .iter()
        .map(|sh| {
            let of = measure(&sh.of).map_or(sh.of.clone(), |m| m.label.get(lang, dl).to_string());
            ShareView {
                title: format!("{} — {}", l.t(&format!("dim_{}", sh.by.key())), of),
                parts: sh
                    .parts
                    .iter()
                    .map(|p| Number {
                        label: c.label(sh.by, idx, &p.code, lang),
                        value: format::percent(p.percent, l),
                        unit: String::new(),
                        rate: None,
                    })
                    .collect(),
                not_published: sh.not_published().map(|rest| format::percent(rest, l)),
            }
        })
        .collect();
    FigureView {
        id: f.id.clone(),
        url: s.figure(&f.id),
        title: f.title.get(lang, dl).to_string(),
        period,
        election: f
            .election
            .as_ref()
            .and_then(|e| idx.elections.get(e))
            .map(|&i| c.vocab.elections[i].label.get(lang, dl).to_string()),
        source: sources.get(&f.source).cloned(),
        compiled_by: f.compiled_by.clone(),
        counts: f
            .counts
            .iter()
            .map(|n| Number {
                label: measure(&n.measure)
                    .map_or(n.measure.clone(), |m| m.label.get(lang, dl).to_string()),
                value: format::integer(n.value, l),
                unit: unit_of(&n.measure),
                rate: None,
            })
            .collect(),
        funnel,
        shares,
        leading: f
            .leading
            .iter()
            .map(|x| Number {
                label: l.t(&format!("dim_{}", x.by.key())).to_string(),
                value: c.label(x.by, idx, &x.code, lang),
                unit: String::new(),
                rate: None,
            })
            .collect(),
        rates: f
            .rates
            .iter()
            .map(|r| {
                // A rate relates two stages or two measures.
                let name = |code: &str| {
                    measure(code).map_or_else(
                        || c.label(Dimension::Outcome, idx, code, lang),
                        |m| m.label.get(lang, dl).to_string(),
                    )
                };
                Number {
                    label: name(&r.part),
                    value: format::quoted_percent(r.percent, l),
                    unit: name(&r.of),
                    rate: None,
                }
            })
            .collect(),
        note: f.note.as_ref().map(|n| n.get(lang, dl).to_string()),
        producer: f
            .producer
            .as_ref()
            .and_then(|p| idx.producers.get(p))
            .map(|&i| {
                let p = &c.vocab.producers[i];
                ProducerView {
                    url: format!("{}#{}", s.section(Section::Producers), p.code),
                    code: p.code.clone(),
                    label: p.label.get(lang, dl).to_string(),
                    short: p
                        .short
                        .as_ref()
                        .unwrap_or(&p.label)
                        .get(lang, dl)
                        .to_string(),
                    unit: l.t(&format!("unit_{}", p.unit)).to_string(),
                }
            }),
        announced: f.announced.map(|d| format::date(d, l)),
        announced_label: l
            .t(if f.as_of.is_some() {
                "announced"
            } else {
                "stated"
            })
            .to_string(),
        other_sources: f
            .other_sources
            .iter()
            .filter_map(|id| sources.get(id).cloned())
            .collect(),
        versions: versions(c, idx, f, l, lang, s),
        tallies: f
            .tallies
            .iter()
            .map(|t| {
                let of = measure(&t.of).map_or(t.of.clone(), |m| m.label.get(lang, dl).to_string());
                let known: u64 = t.parts.iter().map(|p| p.value).sum();
                // The total the parts are of, when the figure has it: a
                // count of the same measure, or the funnel stage it names.
                let total = f
                    .counts
                    .iter()
                    .find(|n| n.measure == t.of)
                    .map(|n| n.value)
                    .or_else(|| f.funnel.iter().find(|n| n.stage == t.of).map(|n| n.value));
                ShareView {
                    title: format!("{} — {}", l.t(&format!("dim_{}", t.by.key())), of),
                    parts: t
                        .parts
                        .iter()
                        .map(|p| Number {
                            label: c.label(t.by, idx, &p.code, lang),
                            value: format::integer(p.value, l),
                            unit: unit_of(&t.of),
                            rate: None,
                        })
                        .collect(),
                    not_published: total
                        .filter(|&total| total > known)
                        .map(|total| format::integer(total - known, l)),
                }
            })
            .collect(),
        conflicts: c
            .conflicts
            .iter()
            .filter(|x| x.figures.contains(&f.id))
            .map(|x| conflict_view(c, idx, x, l, lang, s, sources))
            .collect(),
        corrections: c
            .corrections
            .iter()
            .rev()
            .filter(|x| x.figure == f.id)
            .map(|x| correction_view(c, x, l, lang, s, sources))
            .collect(),
        charts: charts
            .iter()
            .filter(|ch| ch.figures.contains(&f.id))
            .map(|ch| Link {
                label: ch.title.clone(),
                url: format!("{}#{}", s.section(Section::Statistics), ch.id),
            })
            .collect(),
    }
}

/// The newest releases that cite `f`, a page's worth: a figure an agency
/// cites in every release is on thousands of them.
fn citing(c: &Content, f: &Figure, s: &Sections, orders: &Orders) -> Citing {
    let all = orders
        .by
        .get(&(By::Figure, f.id.clone()))
        .map_or(&[][..], Vec::as_slice);
    let shown = &all[..all.len().min(per_page(&c.site))];
    Citing {
        releases: shown
            .iter()
            .map(|&i| Link {
                label: c.press[i].meta.title.clone(),
                url: s.press(&c.press[i].slug),
            })
            .collect(),
        ids: shown.to_vec(),
        releases_total: all.len(),
        releases_all: (all.len() > shown.len()).then(|| s.press_by(By::Figure, &f.id)),
    }
}

/// The day a figure's numbers date from: the day they describe, else the
/// day they were stated (a source that gave no as-of date).
pub fn data_date(f: &Figure) -> Option<model::IsoDate> {
    f.as_of.or(f.announced)
}

/// The year a figure's numbers describe: a yearly total announced later
/// (2018's, stated in 2020) belongs to its year, not to the announcement's.
fn data_year(f: &Figure) -> Option<i16> {
    f.as_of
        .map(|d| d.year())
        .or(f.year)
        .or(f.announced.map(|d| d.year()))
}

/// When a figure's numbers date from, in words: "data per 30 September
/// 2020", "disampaikan 4 Desember 2024" when the source gave no as-of
/// date, or "tahun 2018".
pub fn dated(f: &Figure, l: &Locale) -> String {
    match (f.as_of, f.announced) {
        (Some(d), _) => format!("{} {}", l.t("data_as_of"), format::date(d, l)),
        (None, Some(d)) => format!("{} {}", l.t("data_stated"), format::date(d, l)),
        (None, None) => period(f, l),
    }
}

/// "as of 31 July 2020" or "year 2018": the date a figure's numbers describe.
fn period(f: &Figure, l: &Locale) -> String {
    match (f.as_of, f.year) {
        (Some(d), _) => format!("{} {}", l.t("as_of"), format::date(d, l)),
        (None, Some(y)) => format!("{} {y}", l.t("year")),
        _ => String::new(),
    }
}

/// A number as published: whole numbers grouped, others with one decimal.
fn claimed(x: f64, l: &Locale) -> String {
    if x.fract() == 0.0 && x >= 0.0 {
        format::integer(x as u64, l)
    } else {
        format::decimal(x, 1, l)
    }
}

/// The chain of versions `f` belongs to, oldest first; empty when `f`
/// revises nothing and nothing revises it. A chain that loops (which
/// `check` reports) stops at the first figure seen twice.
fn versions(
    c: &Content,
    idx: &Index,
    f: &Figure,
    l: &Locale,
    lang: &str,
    s: &Sections,
) -> Vec<VersionView> {
    let mut chain: Vec<&Figure> = vec![f];
    while let Some(older) = chain[0]
        .revises
        .as_ref()
        .and_then(|id| idx.figures.get(id))
        .map(|&i| &c.figures[i].value)
        .filter(|o| !chain.iter().any(|x| x.id == o.id))
    {
        chain.insert(0, older);
    }
    while let Some(newer) = c
        .figures
        .iter()
        .map(|r| &r.value)
        .find(|n| n.revises.as_deref() == chain.last().map(|x| x.id.as_str()))
        .filter(|n| !chain.iter().any(|x| x.id == n.id))
    {
        chain.push(newer);
    }
    if chain.len() < 2 {
        return Vec::new();
    }
    let dl = c.site.default_lang();
    chain
        .into_iter()
        .map(|v| VersionView {
            label: v.title.get(lang, dl).to_string(),
            url: s.figure(&v.id),
            period: period(v, l),
            current: v.id == f.id,
        })
        .collect()
}

fn conflict_view(
    c: &Content,
    idx: &Index,
    x: &model::Conflict,
    l: &Locale,
    lang: &str,
    s: &Sections,
    sources: &HashMap<String, SourceView>,
) -> ConflictView {
    let dl = c.site.default_lang();
    ConflictView {
        id: x.id.clone(),
        title: x.title.get(lang, dl).to_string(),
        claims: x
            .claims
            .iter()
            .map(|cl| ClaimView {
                source: sources.get(&cl.source).cloned(),
                value: cl.value.map(|v| claimed(v, l)),
                as_of: cl.as_of.map(|d| format::date(d, l)),
                says: cl.says.get(lang, dl).to_string(),
                figure: cl
                    .figure
                    .as_ref()
                    .and_then(|id| idx.figures.get(id))
                    .map(|&i| Link {
                        label: c.figures[i].title.get(lang, dl).to_string(),
                        url: s.figure(&c.figures[i].id),
                    }),
            })
            .collect(),
        note: x.note.get(lang, dl).to_string(),
    }
}

/// One correction as this language shows it. Its conflict is linked on
/// the corrected figure's page, which shows the conflicts of the figure.
pub fn correction_view(
    c: &Content,
    x: &model::Correction,
    l: &Locale,
    lang: &str,
    s: &Sections,
    sources: &HashMap<String, SourceView>,
) -> CorrectionView {
    let dl = c.site.default_lang();
    let figure = c.figures.iter().find(|f| f.id == x.figure);
    CorrectionView {
        id: x.id.clone(),
        date: format::date(x.date, l),
        date_iso: x.date.to_string(),
        figure: Link {
            label: figure.map_or(x.figure.clone(), |f| f.title.get(lang, dl).to_string()),
            url: s.figure(&x.figure),
        },
        field: l.t(&format!("field_{}", x.field)).to_string(),
        old: x.old.get(lang, dl).to_string(),
        new: x.new.get(lang, dl).to_string(),
        reason: x.reason.get(lang, dl).to_string(),
        conflict: x.conflict.as_ref().map(|id| {
            let title = c
                .conflicts
                .iter()
                .find(|k| &k.id == id)
                .map_or(id.clone(), |k| k.title.get(lang, dl).to_string());
            Link {
                label: title,
                url: format!("{}#conflict-{id}", s.figure(&x.figure)),
            }
        }),
        sources: x
            .sources
            .iter()
            .filter_map(|id| sources.get(id).cloned())
            .collect(),
    }
}

/// The CSV of exactly one chart's numbers: header row, one row per bar;
/// for a declared chart, one row per row of its table and a column per
/// number, empty where the number was not published.
pub fn chart_csv(ch: &ChartView) -> String {
    // CRLF like every other CSV of the site (RFC 4180, Frictionless default).
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    if ch.kind == crate::aggregate::Kind::Map {
        return map_csv(ch, w);
    }
    if let Some(t) = &ch.table {
        use crate::export::inert;
        let mut header = vec![inert(&t.row_header), "date".into(), "figure".into()];
        header.extend(t.columns.iter().map(|c| inert(c)));
        header.push("unit".into());
        let _ = w.write_record(header.iter().map(|c| c.as_ref()));
        for r in &t.rows {
            let mut record: Vec<String> = vec![
                inert(&r.label).into_owned(),
                r.date.clone().unwrap_or_default(),
                inert(&r.figure).into_owned(),
            ];
            record.extend(
                r.cells
                    .iter()
                    .map(|c| c.value.map(|v| v.to_string()).unwrap_or_default()),
            );
            record.push(inert(&ch.unit).into_owned());
            let _ = w.write_record(&record);
        }
        return String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
    }
    let _ = w.write_record(["label", "value", "unit", "not_published"]);
    for r in &ch.rows {
        let _ = w.write_record([
            r.label.as_str(),
            &r.value.to_string(),
            &ch.unit,
            if r.not_published { "true" } else { "false" },
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// A tile map's CSV: every province by code, its value empty where the
/// source did not publish it (never 0).
fn map_csv(ch: &ChartView, mut w: csv::Writer<Vec<u8>>) -> String {
    let _ = w.write_record(["code", "province", "value", "unit", "not_published"]);
    for r in &ch.rows {
        let value = if r.not_published {
            String::new()
        } else {
            r.value.to_string()
        };
        let _ = w.write_record([
            r.short.as_str(),
            &r.label,
            &value,
            &ch.unit,
            if r.not_published { "true" } else { "false" },
        ]);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The figures, the cases and the views drawn from them, as one language
/// shows them: what statistics, figure, chart and "known" pages are made of.
pub struct Statistics<'a> {
    pub figures: &'a [Record<Figure>],
    pub cases: &'a [Record<CaseRecord>],
    /// One per figure, in `figures` order.
    pub views: &'a [FigureView],
    /// Indices into `figures`, newest first.
    pub figure_order: &'a [usize],
    /// `charts[..site_charts]` are the statistics page's; the rest belong to facet pages.
    pub charts: &'a [ChartView],
    pub site_charts: usize,
    /// Indices into `charts` of each facet's charts.
    pub facet_charts: &'a HashMap<(Dimension, String), Vec<usize>>,
}

impl<'a> LangViews<'a> {
    pub fn statistics(&'a self, c: &'a Content) -> Statistics<'a> {
        Statistics {
            figures: &c.figures,
            cases: &c.cases,
            views: &self.figures,
            figure_order: &self.figure_order,
            charts: &self.charts,
            site_charts: self.site_charts,
            facet_charts: &self.facet_charts,
        }
    }
}

/// A chart as the statistics, home, chart and "known" pages show it: with
/// its sources, figures, files, permalink, embed code and the releases
/// that cite its figures (`crate::render::reads::Cx::chart_with_sources`
/// notes those).
pub fn chart_with_sources(v: &LangViews, ch: &ChartView) -> Value {
    let sources: Vec<&SourceView> = {
        let mut ids = ch.sources.clone();
        ids.dedup();
        ids.iter().filter_map(|id| v.sources.get(id)).collect()
    };
    let figures: Vec<Link> = ch
        .figures
        .iter()
        .filter_map(|id| v.figures.iter().find(|f| &f.id == id))
        .map(|f| Link {
            label: f.title.clone(),
            url: f.url.clone(),
        })
        .collect();
    let base = v.sections.chart_file(&ch.id);
    let page = v.sections.chart(&ch.id);
    // Where the chart lives among other charts: the link back from its own page.
    let home = match &ch.facet {
        Some((d, code)) => v.sections.known(*d, code),
        None => v.sections.section(Section::Statistics),
    };
    let back = format!("{home}#{}", ch.id);
    let permalink = format!("{}{page}", v.base_url);
    // Releases that report the chart's figures, the newest a page's worth:
    // the reader's way from a number to the text that published it. Each
    // figure's view holds its newest, so the newest of all are among them.
    let views: Vec<(&FigureView, &Citing)> = v
        .figures
        .iter()
        .zip(&v.citing)
        .filter(|(f, _)| ch.figures.contains(&f.id))
        .collect();
    let mut releases: Vec<(Option<usize>, &Link)> = views
        .iter()
        .flat_map(|(_, c)| c.ids.iter().zip(&c.releases))
        .map(|(&i, l)| (v.press_position[i], l))
        .collect();
    releases.sort_by_key(|r| r.0);
    releases.dedup_by(|a, b| a.1.url == b.1.url);
    releases.truncate(per_page(&v.content.site));
    let releases: Vec<&Link> = releases.into_iter().map(|(_, l)| l).collect();
    // Where the rest are: each figure's list, when it holds more.
    let releases_all: Vec<Value> = views
        .iter()
        .filter_map(|(f, c)| {
            c.releases_all
                .as_ref()
                .map(|url| json!({ "label": f.title, "url": url, "count": c.releases_total }))
        })
        .collect();
    let height = match (&ch.table, ch.kind) {
        // The drawing at its width, about 420 px in an article, and its table.
        (Some(t), _) => 200 + ch.height as usize * 105 / 100 + t.rows.len() * 40,
        // The tiles, the legend and a table row per province.
        (None, crate::aggregate::Kind::Map) => 700 + ch.rows.len() * 40,
        (None, _) => 160 + ch.rows.len() * 90,
    };
    let embed = format!(
        "<iframe src=\"{permalink}\" title=\"{}\" width=\"100%\" height=\"{height}\" loading=\"lazy\" style=\"border:0\"></iframe>",
        ch.title
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;")
    );
    json!({
        "chart": ch, "sources": sources, "figures": figures, "releases": releases, "releases_all": releases_all,
        "csv": format!("{base}.csv"), "svg": format!("{base}.svg"), "png": format!("{base}.png"),
        "page": page, "permalink": permalink, "embed": embed, "back": back,
    })
}

/// How a province, election or year is named in this language.
pub fn by_label(c: &Content, v: &LangViews, by: By, key: &str) -> String {
    match by {
        By::Region => c.label(Dimension::Region, v.idx, key, &v.lang),
        By::Election => v.idx.elections.get(key).map_or(key.to_string(), |&i| {
            c.vocab.elections[i]
                .label
                .get(&v.lang, c.site.default_lang())
                .to_string()
        }),
        By::Year => key.to_string(),
        By::Figure => v
            .figures
            .iter()
            .find(|f| f.id == key)
            .map_or(key.to_string(), |f| format!("{} ({})", f.title, f.period)),
    }
}

impl LangViews<'_> {
    /// [`browse_index`], made once: every page of the press list shows it.
    pub fn browse(&self, c: &Content) -> TeraValue {
        self.browse
            .get_or_init(|| ser(&browse_index(c, self)))
            .clone()
    }
}

/// Links to the releases by year, election and province, for list pages.
fn browse_index(c: &Content, v: &LangViews) -> Vec<Value> {
    By::BROWSE
        .iter()
        .map(|&by| {
            let mut items: Vec<(&String, usize)> = v.orders.by.iter().filter(|((b, _), _)| *b == by).map(|((_, k), list)| (k, list.len())).collect();
            if by == By::Year {
                items.reverse();
            }
            let links: Vec<Value> = items.iter().map(|(k, n)| json!({ "label": by_label(c, v, by, k), "url": v.sections.press_by(by, k), "count": n })).collect();
            json!({ "label": v.locale.t(&format!("by_{}", by.section().key())), "items": links })
        })
        .filter(|g| g["items"].as_array().is_some_and(|a| !a.is_empty()))
        .collect()
}

/// JSON to embed in a `<script type="application/ld+json">`: inside it,
/// only `<` could end the element early, so it is escaped.
pub fn json_for_script(v: &Value) -> String {
    serde_json::to_string(v)
        .unwrap_or_default()
        .replace('<', "\\u003c")
}
