//! Every tag of a language, with its number of releases.

use serde_json::{Value, json};
use tera::Value as TeraValue;

use super::{Kind, Page, ser};
use crate::model::Section;
use crate::render::reads::Cx;
use crate::render::urls::Sections;

#[derive(Debug, Clone, Hash)]
pub struct Tags;

impl Tags {
    pub fn address(s: &Sections) -> String {
        s.section(Section::Tags)
    }
}

impl Kind for Tags {
    fn name(&self) -> &'static str {
        "tags"
    }

    fn data(&self, cx: &Cx, _: &Page) -> (&'static str, TeraValue) {
        let s = cx.sections();
        let tags: Vec<Value> = cx
            .tags()
            .iter()
            .map(|(tag, items)| json!({ "label": tag, "url": s.tag(tag), "count": items.len() }))
            .collect();
        (
            "tags.html",
            ser(&json!({ "title": cx.t("tags"), "tags": tags })),
        )
    }

    fn twin(&self, cx: &Cx) -> String {
        Self::address(cx.sections())
    }
}
