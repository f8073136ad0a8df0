//! Who produces the figures: the text of `institutions.yaml` with its
//! dated events, and each producer of `vocab/producers.yaml` with its
//! period, its unit and its role.

use tera::Value as TeraValue;

use super::{Kind, Page, map};
use crate::model::Section;
use crate::render::reads::Cx;
use crate::render::urls::Sections;

#[derive(Debug, Clone, Hash)]
pub struct Producers;

impl Producers {
    pub fn address(s: &Sections) -> String {
        s.section(Section::Producers)
    }
}

impl Kind for Producers {
    fn name(&self) -> &'static str {
        "producers"
    }

    fn data(&self, cx: &Cx, _: &Page) -> (&'static str, TeraValue) {
        let (lang, dl) = (cx.lang(), cx.default_lang());
        let sources = |ids: &[String]| -> Vec<TeraValue> {
            ids.iter().filter_map(|id| cx.source_value(id)).collect()
        };
        let vocab = cx.vocab();
        let label = |code: &str| {
            vocab
                .producers
                .iter()
                .find(|p| p.code == code)
                .map_or(code.to_string(), |p| p.label.get(lang, dl).to_string())
        };
        let inst = cx.institutions();
        let events: Vec<TeraValue> = inst
            .map(|i| i.events.as_slice())
            .unwrap_or_default()
            .iter()
            .map(|e| {
                map! {
                    "date" => crate::format::date(e.date, cx.locale()),
                    "date_iso" => e.date.to_string(),
                    "text" => e.text.get(lang, dl),
                    "producers" => e.producers.iter().map(|p| label(p)).collect::<Vec<_>>(),
                    "sources" => sources(&e.sources),
                }
            })
            .collect();
        let producers: Vec<TeraValue> = vocab
            .producers
            .iter()
            .map(|p| {
                map! {
                    "code" => p.code.as_str(),
                    "label" => p.label.get(lang, dl),
                    "unit" => cx.t(match p.unit.as_str() {
                        "cases" => "unit_cases",
                        _ => "unit_people",
                    }),
                    "from" => p.from.as_deref(),
                    "until" => p.until.as_deref(),
                    "role" => p.role.get(lang, dl),
                    "sources" => sources(&p.sources),
                }
            })
            .collect();
        (
            "producers.html",
            map! {
                "title" => inst.map_or(cx.t("producers"), |i| i.title.get(lang, dl)),
                "body" => inst.map(|i| crate::markdown::to_html(i.body.get(lang, dl))),
                "events" => events,
                "producers" => producers,
            },
        )
    }

    fn twin(&self, cx: &Cx) -> String {
        Self::address(cx.sections())
    }
}
