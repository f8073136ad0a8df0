//! The site's address book: every file a build would write and, on
//! demand, the ids of any of its pages, without rendering the site.
//!
//! `check` verifies links against it. Its files come from the same
//! functions the build uses: the render plan's pages
//! ([`crate::plan::plan_language`]), [`Renderer::other_files`] (charts,
//! data exports, sitemap, theme assets…) and the search bundle's fixed
//! entry files. A page's ids are known by rendering that one page, only
//! when a link points at an anchor in it, so they are exactly the build's.

use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::links::{self, Broken, Site};
use crate::plan::{Page, PageKind};
use crate::problem::Problem;
use crate::render::Renderer;

pub struct AddressBook<'a> {
    plan: &'a [Page],
    renderer: &'a Renderer<'a>,
    files: FxHashSet<String>,
    /// Output path of each planned page → its index in `plan`.
    pages: FxHashMap<&'a str, usize>,
    /// Ids of each planned page, filled when first asked for.
    ids: Vec<OnceLock<std::collections::HashSet<String>>>,
}

impl<'a> AddressBook<'a> {
    /// The address book of the site `plan` renders to; `search` when the
    /// build writes the search bundle.
    pub fn new(plan: &'a [Page], renderer: &'a Renderer<'a>, search: bool) -> Self {
        let mut files: FxHashSet<String> = renderer
            .other_files(plan)
            .into_iter()
            .map(|(path, _)| path)
            .collect();
        if search {
            files.extend(
                crate::search::FIXED_FILES
                    .iter()
                    .map(|f| format!("{}{f}", crate::search::BUNDLE_DIR)),
            );
        }
        let pages: FxHashMap<&str, usize> = plan
            .iter()
            .enumerate()
            .map(|(i, p)| (p.file.as_str(), i))
            .collect();
        files.extend(plan.iter().map(|p| p.file.clone()));
        AddressBook {
            plan,
            renderer,
            files,
            pages,
            ids: (0..plan.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    /// Every output path the build writes, except the search bundle's
    /// files named by a hash of their content.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(String::as_str)
    }

    /// How many pages [`Self::check_templates`] renders.
    pub fn rendered(&self) -> usize {
        self.sample().len()
    }

    fn ids_of(&self, i: usize, html: &str) -> &std::collections::HashSet<String> {
        self.ids[i].get_or_init(|| links::ids(html))
    }

    /// Renders a sample of the pages, two of each kind (per language, and
    /// per dimension or list where a kind has several), and checks every
    /// link they hold: what the templates link to, with the real
    /// content. Returns the broken links and the pages that failed to
    /// render.
    pub fn check_templates(&self, root_path: &str) -> (Vec<Broken>, Vec<Problem>) {
        let results: Vec<Result<Vec<Broken>, Problem>> = self
            .sample()
            .par_iter()
            .map(|&i| {
                let p = &self.plan[i];
                let html = self.renderer.page(p)?;
                self.ids_of(i, &html);
                Ok(links::check_page(self, &p.file, &html, root_path))
            })
            .collect();
        let mut broken = Vec::new();
        let mut problems = Vec::new();
        for r in results {
            match r {
                Ok(b) => broken.extend(b),
                Err(p) => problems.push(p),
            }
        }
        broken.sort();
        broken.dedup();
        (broken, problems)
    }

    /// Indices of the pages [`Self::check_templates`] renders: the first
    /// two of each kind of HTML page, so that a paginated list shows both
    /// its "older" and its "newer" link.
    fn sample(&self) -> Vec<usize> {
        let mut seen: FxHashMap<(usize, (&str, &str)), usize> = FxHashMap::default();
        let mut out = Vec::new();
        for (i, p) in self.plan.iter().enumerate() {
            if !p.file.ends_with(".html") {
                continue;
            }
            let n = seen.entry((p.lang, kind_of(&p.kind))).or_default();
            if *n < 2 {
                *n += 1;
                out.push(i);
            }
        }
        out
    }
}

/// The kind of a page, telling apart the variants whose templates show
/// different links (a province's page lists releases, a position's not).
fn kind_of(k: &PageKind) -> (&'static str, &'static str) {
    let variant = match k {
        PageKind::Known { dimension, .. } | PageKind::Facet { dimension, .. } => dimension.key(),
        PageKind::PressBy { by, .. } => by.section(),
        _ => "",
    };
    (k.name(), variant)
}

impl Site for AddressBook<'_> {
    fn has_file(&self, path: &str) -> bool {
        self.files.contains(path)
    }

    fn has_id(&self, path: &str, id: &str) -> bool {
        let Some(&i) = self.pages.get(path) else {
            return false;
        };
        if let Some(ids) = self.ids[i].get() {
            return ids.contains(id);
        }
        // A page that fails to render has no ids; its template problem is
        // reported by the build.
        let html = self.renderer.page(&self.plan[i]).unwrap_or_default();
        self.ids_of(i, &html).contains(id)
    }
}
