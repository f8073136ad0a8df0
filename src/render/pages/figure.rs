//! One official figure: its numbers, source, charts and the releases
//! that report it.

use serde_json::{Value, json};
use std::hash::Hash;

use rustc_hash::FxHasher;
use tera::Value as TeraValue;

use super::{Identity, Keys, Kind, Page, ser};
use crate::render::reads::Cx;
use crate::render::urls::Sections;

/// Figure `figure` (an index into the content's figures).
#[derive(Debug, Clone)]
pub struct Figure {
    pub figure: usize,
}

impl Identity for Figure {
    fn identity(&self, keys: &Keys, h: &mut FxHasher) {
        keys.figure(self.figure).hash(h);
    }
}

impl Figure {
    pub fn address(s: &Sections, id: &str) -> String {
        s.figure(id)
    }
}

impl Kind for Figure {
    fn name(&self) -> &'static str {
        "figure"
    }

    fn data(&self, cx: &Cx, _: &Page) -> (&'static str, TeraValue) {
        let stats = cx.statistics();
        let f = &stats.views[self.figure];
        let draft = stats.figures[self.figure].draft;
        // The template reads the citing releases as the figure's own fields.
        let mut figure = json!(f);
        if let (Some(m), Value::Object(c)) = (figure.as_object_mut(), json!(cx.citing(self.figure)))
        {
            m.extend(c);
        }
        (
            "figure.html",
            ser(&json!({ "title": f.title, "figure": figure, "draft": draft })),
        )
    }

    fn twin(&self, cx: &Cx) -> String {
        Self::address(cx.sections(), &cx.statistics().figures[self.figure].id)
    }
}
