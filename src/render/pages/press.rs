//! One press release: its text, sources, figures, and the releases
//! before and after it.

use serde_json::json;
use std::hash::Hash;

use rustc_hash::FxHasher;
use tera::Value as TeraValue;

use super::{Identity, Keys, Kind, Page, link, map};
use crate::markdown;
use crate::model::{Dimension, Section};
use crate::render::reads::Cx;
use crate::render::urls::Sections;
use crate::render::views::{SourceView, json_for_script};

/// Release `release` (an index into the content's releases).
#[derive(Debug, Clone)]
pub struct Press {
    pub release: usize,
}

impl Identity for Press {
    fn identity(&self, keys: &Keys, h: &mut FxHasher) {
        keys.press(self.release).hash(h);
    }
}

impl Press {
    pub fn address(s: &Sections, slug: &str) -> String {
        s.press(slug)
    }
}

impl Kind for Press {
    fn name(&self) -> &'static str {
        "press"
    }

    fn data(&self, cx: &Cx, _: &Page) -> (&'static str, TeraValue) {
        let i = self.release;
        let p = cx.press(i);
        let card = cx.card(i);
        // The list is newest first: "previous" is the older release.
        let (newer, older) = cx.neighbours(i);
        let older = older.and_then(|j| cx.card(j));
        let newer = newer.and_then(|j| cx.card(j));
        let sources: Vec<&SourceView> =
            p.meta.sources.iter().filter_map(|s| cx.source(s)).collect();
        let figures: Vec<TeraValue> = if p.meta.figures.is_empty() {
            Vec::new()
        } else {
            let views = cx.statistics().views;
            p.meta
                .figures
                .iter()
                .filter_map(|id| views.iter().find(|f| &f.id == id))
                .map(|f| link(&format!("{} ({})", f.title, f.period), f.url.clone()))
                .collect()
        };
        let source_values: Vec<TeraValue> = p
            .meta
            .sources
            .iter()
            .filter_map(|s| cx.source_value(s))
            .collect();
        let region = p
            .meta
            .region
            .as_ref()
            .map(|r| cx.label(Dimension::Region, r));
        let election = p.meta.election.as_ref().and_then(|e| cx.election(e));
        let body = markdown::to_html(&p.body);
        let url = format!("{}{}", cx.base_url(), Self::address(cx.sections(), &p.slug));
        let article = json!({
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": p.meta.title,
            "description": p.meta.summary,
            "datePublished": p.meta.date.to_string(),
            "inLanguage": p.meta.lang,
            "url": url,
            "mainEntityOfPage": url,
            "keywords": p.meta.tags,
            "publisher": { "@type": "Organization", "name": cx.site().publisher.get(cx.lang(), cx.default_lang()) },
            "citation": sources.iter().map(|s| json!({ "@type": "CreativeWork", "name": s.title, "publisher": s.outlet, "datePublished": s.date })).collect::<Vec<_>>(),
        });
        let json_ld = json_for_script(&article);
        (
            "press.html",
            map! { "body" => body, "card" => card, "draft" => p.meta.draft, "election" => election, "figures" => figures, "json_ld" => json_ld, "newer" => newer, "og_type" => "article", "older" => older, "region" => region, "sources" => source_values, "summary" => p.meta.summary.as_str(), "title" => p.meta.title.as_str() },
        )
    }

    /// The release itself in its own language; elsewhere its translation
    /// when it has one in that language, else that language's list.
    fn twin(&self, cx: &Cx) -> String {
        let s = cx.sections();
        let meta = cx.release_meta(self.release);
        if meta.lang == cx.lang() {
            return Self::address(s, cx.slug(self.release));
        }
        match &meta.translation {
            Some(t)
                if cx
                    .release(t)
                    .is_some_and(|j| cx.release_meta(j).lang == cx.lang()) =>
            {
                Self::address(s, t)
            }
            _ => s.section(Section::Press),
        }
    }
}
