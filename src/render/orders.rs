//! The orders every list of a language is cut from: its releases newest
//! first, by tag, by province, election and year, and its cases.
//!
//! They read of a release only its [`PlanKey`], so that an edit which
//! leaves every release's key as it was leaves every order, list and URL
//! as it was: `serve` then reuses the plan instead of making it again.

use std::collections::BTreeMap;

use crate::model::{Content, IsoDate, PressRelease, SiteConfig};

use super::urls::By;

/// Orders that every stage shares, computed once per language.
#[derive(Debug, Clone, Default)]
pub struct Orders {
    /// Press releases of this language, newest first.
    pub press: Vec<usize>,
    /// Tags with the indices of their releases, newest first, by tag name.
    pub tags: BTreeMap<String, Vec<usize>>,
    /// Cases, newest first.
    pub cases: Vec<usize>,
    /// Releases by province, election, year and cited figure, newest
    /// first; years newest first.
    pub by: BTreeMap<(By, String), Vec<usize>>,
}

/// All that the plan reads of a release: where it is published (its
/// slug), in which language, and what orders it (date, tags, province,
/// election).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct PlanKey<'a> {
    pub slug: &'a str,
    pub lang: &'a str,
    pub date: IsoDate,
    pub tags: &'a [String],
    pub region: Option<&'a str>,
    pub election: Option<&'a str>,
    pub figures: &'a [String],
}

impl<'a> PlanKey<'a> {
    pub fn of(p: &'a PressRelease) -> Self {
        let m = &p.meta;
        PlanKey {
            slug: &p.slug,
            lang: &m.lang,
            date: m.date,
            tags: &m.tags,
            region: m.region.as_deref(),
            election: m.election.as_deref(),
            figures: &m.figures,
        }
    }
}

/// [`orders`] of every language of the site, in the site's order,
/// languages in parallel.
pub fn language_orders(c: &Content) -> Vec<Orders> {
    use rayon::prelude::*;
    let keys: Vec<PlanKey> = c.press.iter().map(PlanKey::of).collect();
    c.site
        .languages
        .par_iter()
        .map(|l| orders(c, &keys, &l.code))
        .collect()
}

fn orders(c: &Content, keys: &[PlanKey], lang: &str) -> Orders {
    let mut press: Vec<usize> = (0..keys.len()).filter(|&i| keys[i].lang == lang).collect();
    press.sort_by(|&a, &b| (keys[b].date, keys[a].slug).cmp(&(keys[a].date, keys[b].slug)));
    let mut tags: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for &i in &press {
        for t in keys[i].tags {
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
    let mut figures: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &i in &press {
        let k = &keys[i];
        years.entry(k.date.year()).or_default().push(i);
        if let Some(r) = k.region {
            regions.entry(r).or_default().push(i);
        }
        if let Some(e) = k.election {
            elections.entry(e).or_default().push(i);
        }
        for f in k.figures {
            figures.entry(f).or_default().push(i);
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
    by.extend(
        figures
            .into_iter()
            .map(|(f, l)| ((By::Figure, f.to_string()), l)),
    );
    Orders {
        press,
        tags,
        cases,
        by,
    }
}

/// Items on a page of a paginated list (at least one, whatever the
/// configuration says).
pub fn per_page(site: &SiteConfig) -> usize {
    site.per_page.max(1)
}
