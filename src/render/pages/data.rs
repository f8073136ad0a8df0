//! The downloads page, with schema.org `Dataset` metadata so that dataset
//! search engines find the data.

use serde_json::{Value, json};
use tera::Value as TeraValue;

use super::{Kind, Page, ser};
use crate::export::DATASETS;
use crate::model::Section;
use crate::render::reads::Cx;
use crate::render::urls::Sections;
use crate::render::views::json_for_script;

#[derive(Debug, Clone, Hash)]
pub struct Data;

impl Data {
    pub fn address(s: &Sections) -> String {
        s.section(Section::Data)
    }
}

impl Kind for Data {
    fn name(&self) -> &'static str {
        "data"
    }

    fn data(&self, cx: &Cx, _: &Page) -> (&'static str, TeraValue) {
        let files: Vec<Value> = DATASETS
            .iter()
            .map(|name| {
                let key = format!("data_{}", name.replace("vocab/", "vocab_"));
                json!({ "name": name, "label": cx.t(&key), "csv": format!("data/{name}.csv"), "json": format!("data/{name}.json") })
            })
            .collect();
        let site = cx.site();
        let (lang, dl) = (cx.lang(), cx.default_lang());
        // The period the figures cover, as ISO dates or years (`2018/2020-10-07`).
        let mut periods: Vec<String> = cx
            .figures()
            .iter()
            .filter_map(|f| {
                f.as_of
                    .map(|d| d.to_string())
                    .or(f.year.map(|y| y.to_string()))
            })
            .collect();
        periods.sort();
        let (first, last) = (periods.first().cloned(), periods.last().cloned());
        let base = cx.base_url();
        let distribution: Vec<Value> = DATASETS
            .iter()
            .flat_map(|name| {
                [("csv", "text/csv"), ("json", "application/json")]
                    .map(|(ext, mime)| json!({ "@type": "DataDownload", "encodingFormat": mime, "contentUrl": format!("{base}data/{name}.{ext}") }))
            })
            .collect();
        let mut dataset = json!({
            "@context": "https://schema.org",
            "@type": "Dataset",
            "name": site.title.get(lang, dl),
            "description": site.description.get(lang, dl),
            "url": format!("{base}{}", Self::address(cx.sections())),
            "inLanguage": lang,
            "isAccessibleForFree": true,
            "spatialCoverage": { "@type": "Place", "name": "Indonesia" },
            "creator": { "@type": "Organization", "name": site.publisher.get(lang, dl) },
            "distribution": distribution,
        });
        if let (Some(a), Some(b)) = (first, last) {
            dataset["temporalCoverage"] = json!(format!("{a}/{b}"));
        }
        let json_ld = json_for_script(&dataset);
        (
            "data.html",
            ser(
                &json!({ "title": cx.t("data"), "files": files, "datapackage": "data/datapackage.json", "json_ld": json_ld }),
            ),
        )
    }

    fn twin(&self, cx: &Cx) -> String {
        Self::address(cx.sections())
    }
}
