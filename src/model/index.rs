//! Lookups from code or id to record, built once after loading.

use std::collections::HashMap;

use super::{Content, Dimension};

/// Positions in the vectors of [`Content`], keyed by code or id.
#[derive(Debug, Default, Clone)]
pub struct Index {
    pub positions: HashMap<String, usize>,
    pub categories: HashMap<String, usize>,
    pub outcomes: HashMap<String, usize>,
    pub regions: HashMap<String, usize>,
    pub elections: HashMap<String, usize>,
    pub measures: HashMap<String, usize>,
    pub producers: HashMap<String, usize>,
    pub conflicts: HashMap<String, usize>,
    pub sources: HashMap<String, usize>,
    pub figures: HashMap<String, usize>,
    pub cases: HashMap<String, usize>,
    pub press: HashMap<String, usize>,
}

fn first_wins<'a>(keys: impl Iterator<Item = &'a str>) -> HashMap<String, usize> {
    let mut map = HashMap::new();
    for (i, k) in keys.enumerate() {
        map.entry(k.to_string()).or_insert(i);
    }
    map
}

impl Index {
    pub fn build(c: &Content) -> Self {
        let v = &c.vocab;
        Index {
            positions: first_wins(v.positions.iter().map(|r| r.code.as_str())),
            categories: first_wins(v.categories.iter().map(|r| r.code.as_str())),
            outcomes: first_wins(v.outcomes.iter().map(|r| r.code.as_str())),
            regions: first_wins(v.regions.iter().map(|r| r.code.as_str())),
            elections: first_wins(v.elections.iter().map(|r| r.code.as_str())),
            measures: first_wins(v.measures.iter().map(|r| r.code.as_str())),
            producers: first_wins(v.producers.iter().map(|r| r.code.as_str())),
            conflicts: first_wins(c.conflicts.iter().map(|r| r.id.as_str())),
            sources: first_wins(c.sources.iter().map(|r| r.id.as_str())),
            figures: first_wins(c.figures.iter().map(|r| r.id.as_str())),
            cases: first_wins(c.cases.iter().map(|r| r.id.as_str())),
            press: first_wins(c.press.iter().map(|r| r.slug.as_str())),
        }
    }

    pub fn dimension(&self, d: Dimension) -> &HashMap<String, usize> {
        match d {
            Dimension::Position => &self.positions,
            Dimension::Category => &self.categories,
            Dimension::Region => &self.regions,
            Dimension::Outcome => &self.outcomes,
        }
    }
}

impl Content {
    /// Label of `code` in dimension `d`, in `lang`; the code itself when unknown.
    pub fn label(&self, d: Dimension, idx: &Index, code: &str, lang: &str) -> String {
        let fallback = self.site.default_lang();
        let i = idx.dimension(d).get(code).copied();
        let v = &self.vocab;
        let label = match (d, i) {
            (Dimension::Position, Some(i)) => Some(&v.positions[i].label),
            (Dimension::Category, Some(i)) => Some(&v.categories[i].label),
            (Dimension::Region, Some(i)) => Some(&v.regions[i].label),
            (Dimension::Outcome, Some(i)) => Some(&v.outcomes[i].label),
            _ => None,
        };
        label.map_or_else(|| code.to_string(), |l| l.get(lang, fallback).to_string())
    }

    /// Short chart label of `code`, falling back to the full label.
    pub fn short_label(&self, d: Dimension, idx: &Index, code: &str, lang: &str) -> String {
        let fallback = self.site.default_lang();
        let i = idx.dimension(d).get(code).copied();
        let short = match (d, i) {
            (Dimension::Position, Some(i)) => self.vocab.positions[i].short.as_ref(),
            (Dimension::Category, Some(i)) => self.vocab.categories[i].short.as_ref(),
            _ => None,
        };
        short.map_or_else(
            || self.label(d, idx, code, lang),
            |l| l.get(lang, fallback).to_string(),
        )
    }
}
