//! Stage 5, plan: the list of every page to write, before any is rendered.
//!
//! Each page knows its path, its language and the records it shows; a
//! list page holds the indices of its own slice only, so rendering it
//! costs the same for a list of ten or of a hundred thousand. The plan is
//! also what an incremental rebuild diffs: a changed record re-renders the
//! pages that name it.

use rayon::prelude::*;
use std::collections::BTreeMap;

use crate::model::{Content, Dimension, Language};

/// URL section names per language, from `site.yaml` with these defaults.
#[derive(Debug, Clone)]
pub struct Sections {
    map: BTreeMap<String, String>,
    /// Prefix of every path of this language: `""` or `"en/"`.
    pub prefix: String,
}

impl Sections {
    pub const KEYS: [&'static str; 13] = [
        "press",
        "statistics",
        "cases",
        "data",
        "tags",
        "figures",
        "page",
        "position",
        "category",
        "region",
        "election",
        "year",
        "search",
    ];

    pub fn new(lang: &Language) -> Self {
        let defaults: [(&str, &str, &str); 13] = [
            ("press", "siaran-pers", "press"),
            ("statistics", "statistik", "statistics"),
            ("cases", "kasus", "cases"),
            ("data", "data", "data"),
            ("tags", "tag", "tags"),
            ("figures", "angka", "figures"),
            ("page", "halaman", "page"),
            ("position", "jabatan", "position"),
            ("category", "kategori", "category"),
            ("region", "provinsi", "province"),
            ("election", "pemilihan", "election"),
            ("year", "tahun", "year"),
            ("search", "cari", "search"),
        ];
        let english = lang.code == "en";
        let mut map: BTreeMap<String, String> = defaults
            .iter()
            .map(|(k, id, en)| (k.to_string(), if english { en } else { id }.to_string()))
            .collect();
        map.extend(lang.paths.clone());
        let prefix = if lang.prefix.is_empty() {
            String::new()
        } else {
            format!("{}/", lang.prefix)
        };
        Sections { map, prefix }
    }

    pub fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.map.get(key).map_or(key, String::as_str)
    }

    /// `prefix`, the section of `key`, then each of `parts`, each
    /// followed by `/`: built in one allocation, since a large site makes
    /// hundreds of thousands of these.
    fn under(&self, key: &str, parts: &[&str]) -> String {
        let section = self.get(key);
        let len = self.prefix.len()
            + section.len()
            + 1
            + parts.iter().map(|p| p.len() + 1).sum::<usize>();
        let mut url = String::with_capacity(len);
        url.push_str(&self.prefix);
        url.push_str(section);
        url.push('/');
        for p in parts {
            url.push_str(p);
            url.push('/');
        }
        url
    }

    /// Site-relative URL of a section: `siaran-pers/`.
    pub fn section(&self, key: &str) -> String {
        self.under(key, &[])
    }

    pub fn home(&self) -> String {
        self.prefix.clone()
    }

    /// Page `n` (from 1) of a paginated list whose first page is `base`.
    pub fn paged(&self, base: &str, n: usize) -> String {
        if n <= 1 {
            base.to_string()
        } else {
            format!("{base}{}/{n}/", self.get("page"))
        }
    }

    pub fn press(&self, slug: &str) -> String {
        self.under("press", &[slug])
    }

    /// Press releases of one province, election or year.
    pub fn press_by(&self, by: By, key: &str) -> String {
        self.under("press", &[self.get(by.section()), key])
    }

    pub fn search(&self) -> String {
        self.section("search")
    }

    pub fn tag(&self, tag: &str) -> String {
        self.under("tags", &[tag])
    }

    pub fn known(&self, d: Dimension, code: &str) -> String {
        self.under("statistics", &[self.get(d.key()), code])
    }

    pub fn chart(&self, id: &str) -> String {
        self.under("statistics", &[id])
    }

    pub fn figure(&self, id: &str) -> String {
        self.under("figures", &[id])
    }

    pub fn case(&self, id: &str) -> String {
        self.under("cases", &[id])
    }

    pub fn facet(&self, d: Dimension, code: &str) -> String {
        self.under("cases", &[self.get(d.key()), code])
    }
}

/// Ways to browse press releases besides tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum By {
    Region,
    Election,
    Year,
}

impl By {
    pub const ALL: [By; 3] = [By::Year, By::Election, By::Region];

    /// The `Sections` key of the URL segment.
    pub fn section(self) -> &'static str {
        match self {
            By::Region => "region",
            By::Election => "election",
            By::Year => "year",
        }
    }
}

/// Position in a paginated list.
#[derive(Debug, Clone, Hash, serde::Serialize)]
pub struct Pager {
    pub number: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub first: String,
}

#[derive(Debug, Clone)]
pub enum PageKind {
    Home,
    Statistics,
    Figure(usize),
    PressList {
        pager: Pager,
        items: Vec<usize>,
    },
    Press(usize),
    Tags,
    Tag {
        tag: String,
        pager: Pager,
        items: Vec<usize>,
    },
    CaseList {
        pager: Pager,
        items: Vec<usize>,
    },
    Case(usize),
    Facet {
        dimension: Dimension,
        code: String,
        pager: Pager,
        items: Vec<usize>,
    },
    Data,
    NotFound,
    /// The Atom feed of the newest releases, or of one tag's.
    Feed {
        items: Vec<usize>,
        tag: Option<String>,
    },
    /// Releases of one province, election or year.
    PressBy {
        by: By,
        key: String,
        pager: Pager,
        items: Vec<usize>,
    },
    /// A chart on a page of its own, small enough to embed in an iframe.
    Chart(usize),
    /// The search page (the index itself is built after rendering).
    /// `indexed` is false when the build skips the index (`--no-search`):
    /// the page then says so instead of loading files that do not exist.
    Search {
        indexed: bool,
    },
    /// What is known about one position, category or province: official
    /// figures that mention it, its cases and their charts.
    Known {
        dimension: Dimension,
        code: String,
    },
}

impl PageKind {
    /// The kind's name, without its data.
    pub fn name(&self) -> &'static str {
        match self {
            PageKind::Home => "home",
            PageKind::Statistics => "statistics",
            PageKind::Figure(_) => "figure",
            PageKind::PressList { .. } => "press list",
            PageKind::Press(_) => "press",
            PageKind::Tags => "tags",
            PageKind::Tag { .. } => "tag",
            PageKind::CaseList { .. } => "case list",
            PageKind::Case(_) => "case",
            PageKind::Facet { .. } => "facet",
            PageKind::Data => "data",
            PageKind::NotFound => "not found",
            PageKind::Feed { .. } => "feed",
            PageKind::PressBy { .. } => "press by",
            PageKind::Chart(_) => "chart",
            PageKind::Search { .. } => "search",
            PageKind::Known { .. } => "known",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Page {
    /// Site-relative URL, `""` for the home page, always ending in `/`
    /// for HTML pages.
    pub url: String,
    /// Output file, relative to the output folder.
    pub file: String,
    /// Index into `site.languages`.
    pub lang: usize,
    pub kind: PageKind,
}

/// Orders that every stage shares, computed once per language.
#[derive(Debug, Clone, Default)]
pub struct Orders {
    /// Press releases of this language, newest first.
    pub press: Vec<usize>,
    /// Tags with the indices of their releases, newest first, by tag name.
    pub tags: BTreeMap<String, Vec<usize>>,
    /// Cases, newest first.
    pub cases: Vec<usize>,
    /// Releases by province, election and year, newest first; years newest first.
    pub by: BTreeMap<(By, String), Vec<usize>>,
}

/// [`orders`] of every language of the site, in the site's order,
/// languages in parallel.
pub fn language_orders(c: &Content) -> Vec<Orders> {
    use rayon::prelude::*;
    c.site
        .languages
        .par_iter()
        .map(|l| orders(c, &l.code))
        .collect()
}

pub fn orders(c: &Content, lang: &str) -> Orders {
    let mut press: Vec<usize> = (0..c.press.len())
        .filter(|&i| c.press[i].meta.lang == lang)
        .collect();
    press.sort_by(|&a, &b| {
        (c.press[b].meta.date, &c.press[a].slug).cmp(&(c.press[a].meta.date, &c.press[b].slug))
    });
    let mut tags: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &i in &press {
        for t in &c.press[i].meta.tags {
            match tags.get_mut(t) {
                Some(list) => list.push(i),
                None => {
                    tags.insert(t.clone(), vec![i]);
                }
            }
        }
    }
    let mut cases: Vec<usize> = (0..c.cases.len()).collect();
    cases.sort_by(|&a, &b| {
        (c.cases[b].date, &c.cases[a].id).cmp(&(c.cases[a].date, &c.cases[b].id))
    });
    // Grouped under borrowed keys first, owned once per group at the end.
    let mut years: BTreeMap<i16, Vec<usize>> = BTreeMap::new();
    let mut regions: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    let mut elections: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &i in &press {
        let m = &c.press[i].meta;
        years.entry(m.date.year()).or_default().push(i);
        if let Some(r) = &m.region {
            regions.entry(r).or_default().push(i);
        }
        if let Some(e) = &m.election {
            elections.entry(e).or_default().push(i);
        }
    }
    let mut by: BTreeMap<(By, String), Vec<usize>> = BTreeMap::new();
    by.extend(
        years
            .into_iter()
            .map(|(y, l)| ((By::Year, y.to_string()), l)),
    );
    by.extend(
        regions
            .into_iter()
            .map(|(r, l)| ((By::Region, r.to_string()), l)),
    );
    by.extend(
        elections
            .into_iter()
            .map(|(e, l)| ((By::Election, e.to_string()), l)),
    );
    Orders {
        press,
        tags,
        cases,
        by,
    }
}

fn file_of(url: &str) -> String {
    format!("{url}index.html")
}

/// Splits `items` into pages of `per_page` under `base`.
fn paginate(
    s: &Sections,
    base: &str,
    items: &[usize],
    per_page: usize,
    lang: usize,
    mut make: impl FnMut(Pager, Vec<usize>) -> PageKind,
) -> Vec<Page> {
    let total = items.len().div_ceil(per_page).max(1);
    (1..=total)
        .map(|n| {
            let slice = items
                .iter()
                .skip((n - 1) * per_page)
                .take(per_page)
                .copied()
                .collect();
            let url = s.paged(base, n);
            let pager = Pager {
                number: n,
                total,
                prev: (n > 1).then(|| s.paged(base, n - 1)),
                next: (n < total).then(|| s.paged(base, n + 1)),
                first: base.to_string(),
            };
            Page {
                file: file_of(&url),
                url,
                lang,
                kind: make(pager, slice),
            }
        })
        .collect()
}

/// Items on a page of a paginated list (at least one, whatever the
/// configuration says).
pub fn per_page(c: &Content) -> usize {
    c.site.per_page.max(1)
}

/// Every page of one language.
pub fn plan_language(
    c: &Content,
    stats: &crate::aggregate::Stats,
    lang: usize,
    s: &Sections,
    o: &Orders,
    search: bool,
) -> Vec<Page> {
    let per_page = per_page(c);
    let page = |url: String, kind: PageKind| Page {
        file: file_of(&url),
        url,
        lang,
        kind,
    };
    let mut pages = vec![
        page(s.home(), PageKind::Home),
        page(s.section("statistics"), PageKind::Statistics),
        page(s.section("data"), PageKind::Data),
        page(s.section("tags"), PageKind::Tags),
        page(s.search(), PageKind::Search { indexed: search }),
    ];
    pages.extend(
        (0..c.figures.len()).map(|i| page(s.figure(&c.figures[i].id), PageKind::Figure(i))),
    );
    let v = &c.vocab;
    let known = v
        .positions
        .iter()
        .map(|x| (Dimension::Position, &x.code))
        .chain(v.categories.iter().map(|x| (Dimension::Category, &x.code)))
        .chain(v.regions.iter().map(|x| (Dimension::Region, &x.code)));
    pages.extend(known.map(|(d, code)| {
        page(
            s.known(d, code),
            PageKind::Known {
                dimension: d,
                code: code.clone(),
            },
        )
    }));
    pages.extend(
        stats
            .all()
            .enumerate()
            .map(|(i, a)| page(s.chart(&a.id), PageKind::Chart(i))),
    );
    pages.extend(paginate(
        s,
        &s.section("press"),
        &o.press,
        per_page,
        lang,
        |pager, items| PageKind::PressList { pager, items },
    ));
    // The releases and the tags are most of a site's pages: made on all
    // cores, kept in order (this is on `check`'s path, before anything
    // else can run).
    pages.par_extend(
        o.press
            .par_iter()
            .map(|&i| page(s.press(&c.press[i].slug), PageKind::Press(i))),
    );
    pages.par_extend(o.tags.par_iter().flat_map_iter(|(tag, items)| {
        paginate(s, &s.tag(tag), items, per_page, lang, |pager, items| {
            PageKind::Tag {
                tag: tag.clone(),
                pager,
                items,
            }
        })
    }));
    if !c.cases.is_empty() {
        pages.extend(paginate(
            s,
            &s.section("cases"),
            &o.cases,
            per_page,
            lang,
            |pager, items| PageKind::CaseList { pager, items },
        ));
        pages.extend(
            o.cases
                .iter()
                .map(|&i| page(s.case(&c.cases[i].id), PageKind::Case(i))),
        );
        let mut facets: BTreeMap<(Dimension, &str), Vec<usize>> = BTreeMap::new();
        for &i in &o.cases {
            let k = &c.cases[i];
            facets
                .entry((Dimension::Position, &k.position))
                .or_default()
                .push(i);
            facets
                .entry((Dimension::Region, &k.region))
                .or_default()
                .push(i);
            for cat in &k.categories {
                facets
                    .entry((Dimension::Category, cat))
                    .or_default()
                    .push(i);
            }
        }
        for ((d, code), items) in facets {
            pages.extend(paginate(
                s,
                &s.facet(d, code),
                &items,
                per_page,
                lang,
                |pager, items| PageKind::Facet {
                    dimension: d,
                    code: code.to_string(),
                    pager,
                    items,
                },
            ));
        }
    }
    for ((by, key), items) in &o.by {
        pages.extend(paginate(
            s,
            &s.press_by(*by, key),
            items,
            per_page,
            lang,
            |pager, items| PageKind::PressBy {
                by: *by,
                key: key.clone(),
                pager,
                items,
            },
        ));
    }
    // Feeds: the newest releases, and the newest of each tag.
    let feed = |url: String, items: &[usize], tag: Option<&String>| Page {
        file: url.clone(),
        url,
        lang,
        kind: PageKind::Feed {
            items: items.iter().take(20).copied().collect(),
            tag: tag.cloned(),
        },
    };
    pages.push(feed(format!("{}atom.xml", s.prefix), &o.press, None));
    for (tag, items) in &o.tags {
        pages.push(feed(format!("{}atom.xml", s.tag(tag)), items, Some(tag)));
    }
    // One "not found" page per language, in its folder: hosts that look
    // for the nearest `404.html` (Cloudflare Pages, Netlify with rules)
    // answer a missing English page in English.
    let not_found = format!("{}404.html", s.prefix);
    pages.push(Page {
        url: not_found.clone(),
        file: not_found,
        lang,
        kind: PageKind::NotFound,
    });
    pages
}
