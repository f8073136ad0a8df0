//! The site's addresses: every URL of a language, built from `site.yaml`'s
//! section names (or their built-in defaults).

use std::collections::BTreeMap;

use crate::model::{Dimension, Language, Section};

/// URL section names of one language.
#[derive(Debug, Clone)]
pub struct Sections {
    names: BTreeMap<Section, String>,
    /// Prefix of every path of this language: `""` or `"en/"`.
    pub prefix: String,
}

impl Sections {
    pub fn new(lang: &Language) -> Self {
        let names = Section::ALL
            .into_iter()
            .map(|s| {
                let name = lang
                    .paths
                    .get(s.key())
                    .map_or(s.default_name(&lang.code), String::as_str);
                (s, name.to_string())
            })
            .collect();
        let prefix = if lang.prefix.is_empty() {
            String::new()
        } else {
            format!("{}/", lang.prefix)
        };
        Sections { names, prefix }
    }

    /// The name of a section in this language's URLs.
    pub fn name(&self, s: Section) -> &str {
        &self.names[&s]
    }

    /// The URL segment of a dimension's pages (`jabatan`, `provinsi`).
    fn dimension(&self, d: Dimension) -> &str {
        match d {
            Dimension::Position => self.name(Section::Position),
            Dimension::Category => self.name(Section::Category),
            Dimension::Region => self.name(Section::Region),
            // No page lists by outcome; the key keeps such a URL readable.
            Dimension::Outcome => d.key(),
        }
    }

    /// `prefix`, the section's name, then each of `parts`, each followed
    /// by `/`: built in one allocation, since a large site makes hundreds
    /// of thousands of these.
    fn under(&self, section: Section, parts: &[&str]) -> String {
        let section = self.name(section);
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
    pub fn section(&self, s: Section) -> String {
        self.under(s, &[])
    }

    pub fn home(&self) -> String {
        self.prefix.clone()
    }

    /// The main feed of this language.
    pub fn feed(&self) -> String {
        format!("{}atom.xml", self.prefix)
    }

    /// Page `n` (from 1) of a paginated list whose first page is `base`.
    pub fn paged(&self, base: &str, n: usize) -> String {
        if n <= 1 {
            base.to_string()
        } else {
            format!("{base}{}/{n}/", self.name(Section::Page))
        }
    }

    pub fn press(&self, slug: &str) -> String {
        self.under(Section::Press, &[slug])
    }

    /// Press releases of one province, election or year.
    pub fn press_by(&self, by: By, key: &str) -> String {
        self.under(Section::Press, &[self.name(by.section()), key])
    }

    pub fn search(&self) -> String {
        self.section(Section::Search)
    }

    pub fn tag(&self, tag: &str) -> String {
        self.under(Section::Tags, &[tag])
    }

    pub fn tag_feed(&self, tag: &str) -> String {
        format!("{}atom.xml", self.tag(tag))
    }

    pub fn known(&self, d: Dimension, code: &str) -> String {
        self.under(Section::Statistics, &[self.dimension(d), code])
    }

    pub fn chart(&self, id: &str) -> String {
        self.under(Section::Statistics, &[id])
    }

    /// Where a chart's files (`.svg`, `.csv`) are, without their extension.
    pub fn chart_file(&self, id: &str) -> String {
        format!("{}{id}", self.section(Section::Statistics))
    }

    pub fn figure(&self, id: &str) -> String {
        self.under(Section::Figures, &[id])
    }

    pub fn case(&self, id: &str) -> String {
        self.under(Section::Cases, &[id])
    }

    pub fn facet(&self, d: Dimension, code: &str) -> String {
        self.under(Section::Cases, &[self.dimension(d), code])
    }
}

/// Ways to list press releases besides tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub enum By {
    Region,
    Election,
    Year,
    /// The releases that cite one figure: a figure's page and its charts
    /// show the newest, a page's worth, and link here for the rest.
    Figure,
}

impl By {
    /// The ways every press list offers to browse by.
    pub const BROWSE: [By; 3] = [By::Year, By::Election, By::Region];

    /// The section whose name is the URL segment.
    pub fn section(self) -> Section {
        match self {
            By::Region => Section::Region,
            By::Election => Section::Election,
            By::Year => Section::Year,
            By::Figure => Section::Figures,
        }
    }
}
