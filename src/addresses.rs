//! The site's address book, for `check`: every file a build would write
//! and, on demand, the ids of any of its pages, without rendering the
//! site.
//!
//! Its files are the ones the build writes ([`Site::files`]); a page's
//! ids are known by rendering that one page, only when a link points at
//! an anchor in it, so they are exactly the build's. Both go into one
//! [`LinkIndex`], which links are judged against as in every other run.

use std::sync::{Mutex, OnceLock};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::links::{self, Broken, Known, LinkIndex};
use crate::problem::Problem;
use crate::render::Renderer;
use crate::render::chart_png::Pngs;
use crate::render::pages::Page;
use crate::site::Site;

pub struct AddressBook<'a> {
    plan: &'a [Page],
    renderer: &'a Renderer<'a>,
    index: Mutex<LinkIndex>,
    /// Output path of each planned page → its index in `plan`.
    pages: FxHashMap<&'a str, usize>,
    /// Whether each planned page's ids are in the index.
    known_ids: Vec<OnceLock<()>>,
}

impl<'a> AddressBook<'a> {
    /// The address book of `site`, rendered by `renderer`.
    pub fn new(site: &'a Site, renderer: &'a Renderer<'a>) -> Self {
        let mut index = LinkIndex::default();
        // Names are all the link check needs: no PNG is drawn.
        let others = renderer.site_files_with(&site.pages, Pngs::NameOnly);
        index.add_files(site.files(others.keys().map(String::as_str)));
        let plan = site.pages.as_slice();
        AddressBook {
            plan,
            renderer,
            index: Mutex::new(index),
            pages: plan
                .iter()
                .enumerate()
                .map(|(i, p)| (p.file.as_str(), i))
                .collect(),
            known_ids: (0..plan.len()).map(|_| OnceLock::new()).collect(),
        }
    }

    /// How many pages [`Self::check_templates`] renders.
    pub fn rendered(&self) -> usize {
        self.sample().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, LinkIndex> {
        self.index.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Puts the ids of planned page `i`, rendered as `html`, in the index.
    fn learn(&self, i: usize, html: &str) {
        self.known_ids[i].get_or_init(|| {
            let mut index = self.lock();
            index.add_ids(
                &self.plan[i].file,
                links::ids(html).iter().map(String::as_str),
            );
        });
    }

    /// Renders a sample of the pages, two of each kind (per language, and
    /// per variant where a kind has several), and checks every link they
    /// hold: what the templates link to, with the real content. Returns
    /// the broken links and the pages that failed to render.
    pub fn check_templates(&self, root_path: &str) -> (Vec<Broken>, Vec<Problem>) {
        let results: Vec<Result<Vec<Broken>, Problem>> = self
            .sample()
            .par_iter()
            .map(|&i| {
                let p = &self.plan[i];
                let html = self.renderer.page(p)?;
                self.learn(i, &html);
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
        let mut seen: FxHashMap<(usize, &str, &str), usize> = FxHashMap::default();
        let mut out = Vec::new();
        for (i, p) in self.plan.iter().enumerate() {
            if !p.file.ends_with(".html") {
                continue;
            }
            let kind = p.kind.kind();
            let n = seen
                .entry((p.lang, kind.name(), kind.variant()))
                .or_default();
            if *n < 2 {
                *n += 1;
                out.push(i);
            }
        }
        out
    }
}

impl Known for AddressBook<'_> {
    fn has_file(&self, path: &str) -> bool {
        self.lock().has_file(path)
    }

    fn has_id(&self, path: &str, id: &str) -> bool {
        let Some(&i) = self.pages.get(path) else {
            return false;
        };
        if self.known_ids[i].get().is_none() {
            // A page that fails to render has no ids; its template problem
            // is reported by the build.
            let html = self.renderer.page(&self.plan[i]).unwrap_or_default();
            self.learn(i, &html);
        }
        self.lock().has_id(path, id)
    }
}
