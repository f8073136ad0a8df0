//! `content/press/*.md`: press releases, YAML front matter between `---`
//! lines followed by a Markdown body.

use serde::{Deserialize, Serialize};

use super::{IsoDate, Moment, Origin};

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: String,
    pub date: IsoDate,
    /// Language the release is written in.
    pub lang: String,
    /// One or two sentences for lists, feeds and link previews.
    pub summary: String,
    /// Ids from `sources.yaml` the release is based on.
    pub sources: Vec<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Province code, for releases about one province.
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub election: Option<String>,
    /// Ids of the figure snapshots the release reports.
    #[serde(default)]
    pub figures: Vec<String>,
    /// Slug of the same release in another language.
    #[serde(default)]
    pub translation: Option<String>,
    /// Left out of `build` while true (see [`crate::publish`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// Left out of `build` until this moment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub publish_at: Option<Moment>,
}

#[derive(Debug, Clone)]
pub struct PressRelease {
    pub origin: Origin,
    /// File name without `.md`: the release's permanent URL segment.
    pub slug: String,
    pub meta: FrontMatter,
    /// Line of the file on which the body starts.
    pub body_line: usize,
    /// Markdown source of the body.
    pub body: String,
}
