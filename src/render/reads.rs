//! What a page read while it was made, and its fingerprint from that.
//!
//! A page's data is made through a [`Cx`], the only way a page kind can
//! reach the content: each of its accessors notes an [`Input`] in the
//! page's [`Reads`] before it hands the value over. A page's fingerprint
//! hashes the page itself (path, kind, the records it lists), the
//! site-wide inputs every page may read, and the current value of each
//! input it read the last time it was rendered. A value a page shows can
//! only come through an accessor, so a new field shown on a page is a
//! new read, and changes the fingerprint when it changes: there is no
//! second list of what pages read to keep in step.
//!
//! `serve` keeps each page's reads between rebuilds (`crate::session`)
//! and re-renders only the pages whose fingerprint changed.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};
use tera::Value as TeraValue;

use super::orders::Orders;
use super::pages::Page;
use super::urls::{By, Sections};
use super::views::{Citing, CorrectionView, LangViews, Link, PressCard, SourceView, Statistics};
use crate::chart::ChartView;
use crate::i18n::Locale;
use crate::model::{
    CaseRecord, Content, Dimension, PressRelease, Record, SiteConfig, Vocabularies,
};

/// One thing a page read, beyond the site-wide inputs every page reads
/// (`site.yaml`, vocabularies, sources, the theme and the build's options).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Input {
    /// What lists, feeds and links show of release `i` (its front matter).
    Card(usize),
    /// Release `i` whole, body included.
    Press(usize),
    Case(usize),
    /// Every figure as recorded.
    Figures,
    /// Every figure and every case: what the charts and figure views are
    /// drawn from.
    Statistics,
    /// The newest releases that cite figure `figure`, as a language lists
    /// them. One input per figure: a release's new title re-renders the
    /// pages of the figures it cites, not those of every figure.
    Citing {
        lang: usize,
        figure: usize,
    },
    /// The releases before and after release `i` in its language's list.
    Neighbours {
        lang: usize,
        release: usize,
    },
    /// The `n` newest releases of a language.
    Newest {
        lang: usize,
        n: usize,
    },
    /// Each tag of a language with its number of releases.
    TagCounts(usize),
    /// The numbers of releases by year, election and province of a language.
    Browse(usize),
    /// The releases of one province, election or year.
    Listed {
        lang: usize,
        by: By,
        key: String,
    },
    /// Whether a language has releases with this tag.
    HasTag {
        lang: usize,
        tag: String,
    },
    /// Whether a language has releases of this province, election or year.
    HasBy {
        lang: usize,
        by: By,
        key: String,
    },
    /// Which release, if any, has this slug.
    Slug(String),
}

/// The inputs one page read, in the order it read them.
#[derive(Debug, Default)]
pub struct Reads(RefCell<Vec<Input>>);

impl Reads {
    fn note(&self, input: Input) {
        self.0.borrow_mut().push(input);
    }

    /// What was read, each input once, in the order first read.
    pub fn into_inputs(self) -> Vec<Input> {
        let mut seen = rustc_hash::FxHashSet::default();
        let mut inputs = self.0.into_inner();
        inputs.retain(|i| seen.insert(i.clone()));
        inputs
    }
}

/// A page's way to the content and to its language's views. Site-wide
/// values (settings, vocabularies, sources, labels, addresses) come as
/// they are; everything else is noted in the page's [`Reads`].
pub struct Cx<'a> {
    c: &'a Content,
    langs: &'a [LangViews<'a>],
    lang: usize,
    reads: &'a Reads,
}

impl<'a> Cx<'a> {
    pub fn new(c: &'a Content, langs: &'a [LangViews<'a>], lang: usize, reads: &'a Reads) -> Self {
        Cx {
            c,
            langs,
            lang,
            reads,
        }
    }

    fn v(&self) -> &'a LangViews<'a> {
        &self.langs[self.lang]
    }

    /// The same page's view of another language (for its language switch),
    /// noting its reads with this page's.
    pub fn in_lang(&self, lang: usize) -> Cx<'a> {
        Cx { lang, ..*self }
    }

    // Site-wide: part of every page's fingerprint.

    pub fn site(&self) -> &'a SiteConfig {
        &self.c.site
    }
    pub fn vocab(&self) -> &'a Vocabularies {
        &self.c.vocab
    }
    pub fn index(&self) -> usize {
        self.lang
    }
    /// The language's code: `id`, `en`.
    pub fn lang(&self) -> &'a str {
        &self.v().lang
    }
    pub fn default_lang(&self) -> &'a str {
        self.c.site.default_lang()
    }
    pub fn locale(&self) -> &'a Locale {
        self.v().locale
    }
    /// An interface string of this language.
    pub fn t(&self, key: &'a str) -> &'a str {
        self.v().locale.t(key)
    }
    pub fn sections(&self) -> &'a Sections {
        &self.v().sections
    }
    /// `base_url` with a trailing slash, for absolute links.
    pub fn base_url(&self) -> &'a str {
        &self.v().base_url
    }
    /// How a code of a vocabulary is named in this language.
    pub fn label(&self, d: Dimension, code: &str) -> String {
        self.c.label(d, self.v().idx, code, self.lang())
    }
    /// An election's name in this language.
    pub fn election(&self, code: &str) -> Option<&'a str> {
        let v = self.v();
        v.idx.elections.get(code).map(|&i| {
            self.c.vocab.elections[i]
                .label
                .get(&v.lang, self.default_lang())
        })
    }
    /// A measure's name in this language.
    pub fn measure(&self, code: &str) -> Option<&'a str> {
        let v = self.v();
        v.idx.measures.get(code).map(|&i| {
            self.c.vocab.measures[i]
                .label
                .get(&v.lang, self.default_lang())
        })
    }
    /// How a province, election or year is named in this language.
    pub fn by_label(&self, by: By, key: &str) -> String {
        if by == By::Figure {
            self.reads.note(Input::Statistics);
        }
        super::views::by_label(self.c, self.v(), by, key)
    }
    /// The description of a position or category, if it has one.
    pub fn description(&self, d: Dimension, code: &str) -> Option<&'a str> {
        let (v, vocab) = (self.v(), &self.c.vocab);
        match d {
            Dimension::Position => v
                .idx
                .positions
                .get(code)
                .and_then(|&i| vocab.positions[i].description.as_ref()),
            Dimension::Category => v
                .idx
                .categories
                .get(code)
                .and_then(|&i| vocab.categories[i].description.as_ref()),
            _ => None,
        }
        .map(|t| t.get(&v.lang, self.default_lang()))
    }
    /// `institutions.yaml`, if the site has one: a site-wide input, like
    /// the producers' vocabulary (`crate::session`).
    pub fn institutions(&self) -> Option<&'a crate::model::Institutions> {
        self.c.institutions.as_ref().map(|r| &r.value)
    }
    /// Whether the site keeps a corrections log (and so has its page).
    pub fn has_corrections(&self) -> bool {
        !self.c.corrections.is_empty()
    }
    /// Every correction as this language shows it, newest first. The
    /// corrections file is a site-wide input (`crate::session`).
    pub fn corrections(&self) -> Vec<CorrectionView> {
        let v = self.v();
        self.c
            .corrections
            .iter()
            .rev()
            .map(|x| {
                super::views::correction_view(self.c, x, v.locale, &v.lang, &v.sections, &v.sources)
            })
            .collect()
    }
    /// Every conflict between sources, in file order, linked where the
    /// first figure it concerns shows it. The conflicts file is a
    /// site-wide input (`crate::session`).
    pub fn conflicts(&self) -> Vec<Link> {
        let (v, dl) = (self.v(), self.default_lang());
        self.c
            .conflicts
            .iter()
            .filter_map(|k| {
                let figure = k.figures.first()?;
                Some(Link {
                    label: k.title.get(&v.lang, dl).to_string(),
                    url: format!("{}#conflict-{}", v.sections.figure(figure), k.id),
                })
            })
            .collect()
    }
    pub fn source(&self, id: &str) -> Option<&'a SourceView> {
        self.v().sources.get(id)
    }
    /// A source as a template value.
    pub fn source_value(&self, id: &str) -> Option<TeraValue> {
        self.v().source_values.get(id).cloned()
    }

    // Read from the content: noted.

    /// Release `i` whole.
    pub fn press(&self, i: usize) -> &'a PressRelease {
        self.reads.note(Input::Press(i));
        &self.c.press[i]
    }
    /// The card of release `i` as a template value, if it is in this
    /// language.
    pub fn card(&self, i: usize) -> Option<TeraValue> {
        self.reads.note(Input::Card(i));
        self.v().card_value(i)
    }
    /// The card of release `i`, if it is in this language.
    pub fn card_view(&self, i: usize) -> Option<PressCard> {
        self.reads.note(Input::Card(i));
        self.v().card(i)
    }
    /// The cards of `items` in this language.
    pub fn cards(&self, items: &[usize]) -> Vec<TeraValue> {
        items.iter().filter_map(|&i| self.card(i)).collect()
    }
    /// Where release `i` is published.
    pub fn slug(&self, i: usize) -> &'a str {
        self.reads.note(Input::Card(i));
        &self.c.press[i].slug
    }
    /// A release's language and translation (what its language switch reads).
    pub fn release_meta(&self, i: usize) -> &'a crate::model::FrontMatter {
        self.reads.note(Input::Card(i));
        &self.c.press[i].meta
    }
    pub fn case(&self, i: usize) -> &'a Record<CaseRecord> {
        self.reads.note(Input::Case(i));
        &self.c.cases[i]
    }
    /// Every figure as recorded (not the views drawn from them, which also
    /// show the releases that cite each).
    pub fn figures(&self) -> &'a [Record<crate::model::Figure>] {
        self.reads.note(Input::Figures);
        &self.c.figures
    }
    /// The figures, cases and the views drawn from them.
    pub fn statistics(&self) -> Statistics<'a> {
        self.reads.note(Input::Statistics);
        self.v().statistics(self.c)
    }
    /// The releases that cite figure `i`.
    pub fn citing(&self, i: usize) -> &'a Citing {
        self.reads.note(Input::Citing {
            lang: self.lang,
            figure: i,
        });
        &self.v().citing[i]
    }
    /// A chart with its sources, files and embed code, and the releases
    /// that cite its figures.
    pub fn chart_with_sources(&self, ch: &ChartView) -> serde_json::Value {
        self.reads.note(Input::Statistics);
        let v = self.v();
        for (i, f) in v.figures.iter().enumerate() {
            if ch.figures.contains(&f.id) {
                self.reads.note(Input::Citing {
                    lang: self.lang,
                    figure: i,
                });
            }
        }
        super::views::chart_with_sources(v, ch)
    }
    /// The releases before (newer) and after (older) release `i` in its
    /// language's list, newest first.
    pub fn neighbours(&self, i: usize) -> (Option<usize>, Option<usize>) {
        self.reads.note(Input::Neighbours {
            lang: self.lang,
            release: i,
        });
        neighbours(self.v(), i)
    }
    /// The `n` newest releases of this language.
    pub fn newest(&self, n: usize) -> &'a [usize] {
        self.reads.note(Input::Newest { lang: self.lang, n });
        newest(self.v().orders, n)
    }
    /// Every tag of this language with its releases.
    pub fn tags(&self) -> &'a BTreeMap<String, Vec<usize>> {
        self.reads.note(Input::TagCounts(self.lang));
        &self.v().orders.tags
    }
    /// The links by year, election and province every press list shows.
    pub fn browse(&self) -> TeraValue {
        self.reads.note(Input::Browse(self.lang));
        self.v().browse(self.c)
    }
    /// The releases of one province, election or year, newest first.
    pub fn listed(&self, by: By, key: &str) -> &'a [usize] {
        self.reads.note(Input::Listed {
            lang: self.lang,
            by,
            key: key.to_string(),
        });
        listed(self.v().orders, by, key)
    }
    pub fn has_tag(&self, tag: &str) -> bool {
        self.reads.note(Input::HasTag {
            lang: self.lang,
            tag: tag.to_string(),
        });
        self.v().orders.tags.contains_key(tag)
    }
    pub fn has_by(&self, by: By, key: &str) -> bool {
        self.reads.note(Input::HasBy {
            lang: self.lang,
            by,
            key: key.to_string(),
        });
        self.v().orders.by.contains_key(&(by, key.to_string()))
    }
    /// The release with this slug, if any.
    pub fn release(&self, slug: &str) -> Option<usize> {
        self.reads.note(Input::Slug(slug.to_string()));
        self.v().idx.press.get(slug).copied()
    }
}

fn neighbours(v: &LangViews, i: usize) -> (Option<usize>, Option<usize>) {
    let Some(k) = v.press_position[i] else {
        return (None, None);
    };
    let newer = k
        .checked_sub(1)
        .and_then(|k| v.orders.press.get(k))
        .copied();
    (newer, v.orders.press.get(k + 1).copied())
}

fn newest(o: &Orders, n: usize) -> &[usize] {
    &o.press[..o.press.len().min(n)]
}

fn listed<'o>(o: &'o Orders, by: By, key: &str) -> &'o [usize] {
    o.by.get(&(by, key.to_string())).map_or(&[], Vec::as_slice)
}

/// Who each release, figure and case is, by index: a hash of its file
/// (and place in a list file). Fingerprints hash these rather than
/// indices, which move when a file is added, removed or held back: a
/// page that shows the same records is the same page.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keys {
    press: Vec<u64>,
    figures: Vec<u64>,
    cases: Vec<u64>,
}

impl Keys {
    pub fn of(c: &Content) -> Self {
        fn key<T>(r: &Record<T>) -> u64 {
            hash_of((&*r.origin.file, r.origin.index))
        }
        Keys {
            press: c.press.iter().map(|p| hash_of(&*p.origin.file)).collect(),
            figures: c.figures.iter().map(key).collect(),
            cases: c.cases.iter().map(key).collect(),
        }
    }
    /// Release `i`; `None` for one that is gone.
    pub fn press(&self, i: usize) -> Option<u64> {
        self.press.get(i).copied()
    }
    pub fn figure(&self, i: usize) -> Option<u64> {
        self.figures.get(i).copied()
    }
    pub fn case(&self, i: usize) -> Option<u64> {
        self.cases.get(i).copied()
    }
    pub fn releases(&self, items: &[usize]) -> Vec<Option<u64>> {
        items.iter().map(|&i| self.press(i)).collect()
    }
    pub fn cases(&self, items: &[usize]) -> Vec<Option<u64>> {
        items.iter().map(|&i| self.case(i)).collect()
    }

    /// Rewrites `inputs`, read when records stood as in `self`, to where
    /// the same records stand in `now`; an input of a record that is gone
    /// points past the end, where its value is "none".
    pub fn move_reads<'i>(&self, now: &Keys, inputs: impl Iterator<Item = &'i mut Input>) {
        fn map<'o>(old: &'o [u64], now: &[u64]) -> impl Fn(usize) -> usize + 'o {
            let at: FxHashMap<u64, usize> = now.iter().enumerate().map(|(i, &k)| (k, i)).collect();
            move |i| {
                old.get(i)
                    .and_then(|k| at.get(k))
                    .copied()
                    .unwrap_or(usize::MAX)
            }
        }
        let press = map(&self.press, &now.press);
        let figure = map(&self.figures, &now.figures);
        let case = map(&self.cases, &now.cases);
        for input in inputs {
            match input {
                Input::Card(i) | Input::Press(i) | Input::Neighbours { release: i, .. } => {
                    *i = press(*i);
                }
                Input::Case(i) => *i = case(*i),
                Input::Citing { figure: i, .. } => *i = figure(*i),
                _ => {}
            }
        }
    }
}

/// Hashes of the content, computed once per record and kept between
/// rebuilds (see `crate::session`).
#[derive(Debug, Clone, Default)]
pub struct RecordHashes {
    /// Everything every page may read: site.yaml, vocabularies, sources,
    /// the theme, the base URL and the build's options.
    pub global: u64,
    /// One per release, figure and case, in `Content` order.
    pub press: Vec<u64>,
    /// Per release, of its front matter (what lists, feeds and links show).
    pub cards: Vec<u64>,
    pub figures: Vec<u64>,
    pub cases: Vec<u64>,
    pub keys: Keys,
}

fn hash_json<T: serde::Serialize>(value: &T, h: &mut DefaultHasher) {
    struct Writer<'a>(&'a mut DefaultHasher);
    impl std::io::Write for Writer<'_> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.write(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let _ = serde_json::to_writer(Writer(h), value);
}

/// A release's hash, and its card's (see [`RecordHashes::cards`]).
pub fn press_hash(p: &PressRelease) -> (u64, u64) {
    let mut h = DefaultHasher::new();
    (&*p.origin.file, &p.slug).hash(&mut h);
    hash_json(&p.meta, &mut h);
    let card = h.finish();
    (&p.body, p.body_line).hash(&mut h);
    (h.finish(), card)
}

pub fn record_hash<T: serde::Serialize>(r: &Record<T>) -> u64 {
    let mut h = DefaultHasher::new();
    (&*r.origin.file, r.origin.index).hash(&mut h);
    hash_json(&r.value, &mut h);
    h.finish()
}

impl RecordHashes {
    /// Every record's hash; `global` is the caller's.
    pub fn of(c: &Content, global: u64) -> Self {
        use rayon::prelude::*;
        let (press, cards) = c.press.par_iter().map(press_hash).unzip();
        RecordHashes {
            global,
            press,
            cards,
            figures: c.figures.par_iter().map(record_hash).collect(),
            cases: c.cases.par_iter().map(record_hash).collect(),
            keys: Keys::of(c),
        }
    }
}

fn hash_of(value: impl Hash) -> u64 {
    let mut h = FxHasher::default();
    value.hash(&mut h);
    h.finish()
}

/// The current value of every input, to fingerprint pages with.
pub struct Values<'a> {
    langs: &'a [LangViews<'a>],
    r: &'a RecordHashes,
    /// Inputs drawn from many records, hashed once per rebuild.
    statistics: u64,
    /// Per language, per figure.
    citing: Vec<Vec<u64>>,
    browse: Vec<u64>,
    tags: Vec<u64>,
}

impl<'a> Values<'a> {
    pub fn new(langs: &'a [LangViews<'a>], r: &'a RecordHashes) -> Self {
        // Of the releases that cite a figure, its views show the newest and
        // the count: an edit to an older one changes no page of figures.
        let citing = langs
            .iter()
            .map(|v| {
                v.citing
                    .iter()
                    .map(|c| {
                        let shown: Vec<u64> = c.ids.iter().map(|&i| r.cards[i]).collect();
                        hash_of((shown, c.releases_total))
                    })
                    .collect()
            })
            .collect();
        let counts = |m: &mut dyn Iterator<Item = (u64, usize)>| hash_of(m.collect::<Vec<_>>());
        let browse = langs
            .iter()
            .map(|v| {
                counts(
                    &mut v
                        .orders
                        .by
                        .iter()
                        .filter(|((by, _), _)| By::BROWSE.contains(by))
                        .map(|(k, l)| (hash_of(k), l.len())),
                )
            })
            .collect();
        let tags = langs
            .iter()
            .map(|v| counts(&mut v.orders.tags.iter().map(|(k, l)| (hash_of(k), l.len()))))
            .collect();
        Values {
            statistics: hash_of((&r.figures, &r.cases)),
            citing,
            langs,
            r,
            browse,
            tags,
        }
    }

    /// The input as which records it names, not where they stand.
    fn identity(&self, input: &Input, h: &mut FxHasher) {
        let k = &self.r.keys;
        std::mem::discriminant(input).hash(h);
        match input {
            Input::Card(i) | Input::Press(i) => k.press(*i).hash(h),
            Input::Case(i) => k.case(*i).hash(h),
            Input::Neighbours { lang, release } => (lang, k.press(*release)).hash(h),
            Input::Citing { lang, figure } => (lang, k.figure(*figure)).hash(h),
            // Naming no record by index.
            _ => input.hash(h),
        }
    }

    /// The input's value now, free of indices: a card's hash says which
    /// release it is, and lists are of [`Keys`]. An input may name a
    /// record or a language that no longer exists (the page read it
    /// before a file or a language was removed): its value is then
    /// "none", unlike any other.
    fn value(&self, input: &Input) -> u64 {
        let r = self.r;
        let card = |i: usize| r.cards.get(i).copied();
        let lang = |l: usize| self.langs.get(l);
        match input {
            Input::Card(i) => hash_of(card(*i)),
            Input::Press(i) => hash_of(r.press.get(*i)),
            Input::Case(i) => hash_of(r.cases.get(*i)),
            Input::Figures => hash_of(&r.figures),
            Input::Statistics => self.statistics,
            Input::Citing { lang: l, figure } => {
                hash_of(self.citing.get(*l).and_then(|c| c.get(*figure)))
            }
            Input::Neighbours { lang: l, release } => hash_of(
                lang(*l)
                    .filter(|v| *release < v.press_position.len())
                    .map(|v| {
                        let (newer, older) = neighbours(v, *release);
                        (newer.map(card), older.map(card))
                    }),
            ),
            Input::Newest { lang: l, n } => hash_of(lang(*l).map(|v| {
                newest(v.orders, *n)
                    .iter()
                    .map(|&i| card(i))
                    .collect::<Vec<_>>()
            })),
            Input::TagCounts(l) => hash_of(self.tags.get(*l)),
            Input::Browse(l) => hash_of(self.browse.get(*l)),
            Input::Listed { lang: l, by, key } => {
                hash_of(lang(*l).map(|v| r.keys.releases(listed(v.orders, *by, key))))
            }
            Input::HasTag { lang: l, tag } => {
                hash_of(lang(*l).map(|v| v.orders.tags.contains_key(tag)))
            }
            Input::HasBy { lang: l, by, key } => {
                hash_of(lang(*l).map(|v| v.orders.by.contains_key(&(*by, key.clone()))))
            }
            Input::Slug(slug) => hash_of(
                self.langs
                    .first()
                    .and_then(|v| v.idx.press.get(slug))
                    .map(|&i| card(i)),
            ),
        }
    }

    /// The fingerprint of page `p`, which read `inputs` when it was last
    /// rendered. Two builds that give a page the same fingerprint render
    /// it to the same bytes.
    pub fn fingerprint(&self, p: &Page, inputs: &[Input]) -> u64 {
        let mut h = FxHasher::default();
        (self.r.global, &p.file, &p.url, p.lang).hash(&mut h);
        p.kind.identity(&self.r.keys, &mut h);
        for i in inputs {
            self.identity(i, &mut h);
            self.value(i).hash(&mut h);
        }
        h.finish()
    }
}
