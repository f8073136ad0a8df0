//! The kinds of page a site has, each defined in one file: its address,
//! its template and the data the template receives, and where its twin
//! is in another language (the language switch).
//!
//! A kind's data is made through a [`Cx`], which notes what the page
//! reads: that is the page's fingerprint for rebuilds (see
//! [`super::reads`]), so a kind has nothing else to declare.
//! `docs/templates.md` lists the variables each template receives.

mod case;
mod case_list;
mod chart;
mod corrections;
mod data;
mod facet;
pub mod feed;
mod figure;
mod figure_index;
mod home;
mod known;
mod not_found;
mod press;
mod press_by;
mod press_list;
mod producers;
mod search;
mod statistics;
mod tag;
mod tags;

use std::hash::Hash;

use rustc_hash::FxHasher;
use serde::Serialize;
use tera::Value as TeraValue;

use super::reads::Cx;
pub use super::reads::Keys;

pub use case::Case;
pub use case_list::CaseList;
pub use chart::Chart;
pub use corrections::{Corrections, CorrectionsFeed};
pub use data::Data;
pub use facet::Facet;
pub use feed::Feed;
pub use figure::Figure;
pub use figure_index::FigureIndex;
pub use home::Home;
pub use known::Known;
pub use not_found::NotFound;
pub use press::Press;
pub use press_by::PressBy;
pub use press_list::PressList;
pub use producers::Producers;
pub use search::Search;
pub use statistics::Statistics;
pub use tag::Tag;
pub use tags::Tags;

/// A template value built in place, `map! { "title" => x, … }`, each
/// value through `TeraValue::from`. Pages made by the thousand are built
/// this way rather than through `json!` (a second tree, serialised again
/// into Tera's): Tera's values share their contents, so a card or source
/// made once per language goes into every page that shows it for the
/// price of a count.
macro_rules! map {
    ($($k:literal => $v:expr),* $(,)?) => {{
        let mut m = tera::Map::new();
        $( m.insert(tera::value::Key::from($k), tera::Value::from($v)); )*
        tera::Value::from(m)
    }};
}
pub(crate) use map;

/// What every page kind defines.
pub trait Kind {
    /// The kind's name, without its data.
    fn name(&self) -> &'static str;
    /// Pages of one kind whose templates show different links (a
    /// province's page lists releases, a position's not): `check` renders
    /// a sample of each.
    fn variant(&self) -> &'static str {
        ""
    }
    /// The template and its `page` value.
    fn data(&self, cx: &Cx, page: &Page) -> (&'static str, TeraValue);
    /// The releases the page lists as cards (its `page.items`), which
    /// the template is also given rendered, as `items_html`, if it reads
    /// that (see `Theme::reads_items_html`).
    fn listed(&self) -> Option<&[usize]> {
        None
    }
    /// The site-relative URL of this page in the language of `cx`: the
    /// same page where that language has it, else the nearest one that
    /// it has.
    fn twin(&self, cx: &Cx) -> String;
}

/// One planned page.
#[derive(Debug, Clone)]
pub struct Page {
    /// Site-relative URL, `""` for the home page, always ending in `/`
    /// for HTML pages.
    pub url: String,
    /// Output file, relative to the output folder.
    pub file: String,
    /// Index into `site.languages`.
    pub lang: usize,
    pub kind: PageKind,
}

impl Page {
    /// An HTML page at `url` (its file is the folder's `index.html`).
    pub fn html(url: String, lang: usize, kind: impl Into<PageKind>) -> Self {
        Page {
            file: format!("{url}index.html"),
            url,
            lang,
            kind: kind.into(),
        }
    }

    /// A page whose URL is its file (a feed, the 404 page).
    pub fn file(file: String, lang: usize, kind: impl Into<PageKind>) -> Self {
        Page {
            url: file.clone(),
            file,
            lang,
            kind: kind.into(),
        }
    }
}

/// Position in a paginated list.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct Pager {
    pub number: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    pub first: String,
}

impl Pager {
    fn value(&self) -> TeraValue {
        map! { "first" => self.first.as_str(), "next" => self.next.as_deref(), "number" => self.number, "prev" => self.prev.as_deref(), "total" => self.total }
    }
}

/// What a page kind is, for its fingerprint: its fields, with each
/// record it names by index hashed as which record it is ([`Keys`]).
/// Indices move when a file is added, removed or held back; a page of
/// the same records is the same page.
pub trait Identity {
    fn identity(&self, keys: &Keys, h: &mut FxHasher);
}

/// Every kind, those that name records by index (and say who they are,
/// [`Identity`]) after those that name none, which are what they hash.
macro_rules! kinds {
    (plain: $($plain:ident),*; naming records: $($named:ident),* $(,)?) => {
        $(impl Identity for $plain {
            fn identity(&self, _: &Keys, h: &mut FxHasher) {
                self.hash(h);
            }
        })*
        kinds!($($plain,)* $($named),*);
    };
    ($($variant:ident),* $(,)?) => {
        /// Every kind of page, with what one page of it shows.
        #[derive(Debug, Clone)]
        pub enum PageKind {
            $($variant($variant),)*
        }

        impl PageKind {
            /// What the kind defines.
            pub fn kind(&self) -> &dyn Kind {
                match self {
                    $(PageKind::$variant(k) => k,)*
                }
            }

            /// Hashes the kind with its records as who they are.
            pub fn identity(&self, keys: &Keys, h: &mut FxHasher) {
                std::mem::discriminant(self).hash(h);
                match self {
                    $(PageKind::$variant(k) => k.identity(keys, h),)*
                }
            }
        }

        $(impl From<$variant> for PageKind {
            fn from(k: $variant) -> Self {
                PageKind::$variant(k)
            }
        })*
    };
}

kinds!(
    plain: Home,
    Statistics,
    FigureIndex,
    Chart,
    Known,
    Data,
    Search,
    NotFound,
    Tags,
    Corrections,
    CorrectionsFeed,
    Producers;
    naming records: Figure,
    Press,
    PressList,
    Tag,
    PressBy,
    Feed,
    CaseList,
    Case,
    Facet,
);

impl PageKind {
    pub fn name(&self) -> &'static str {
        self.kind().name()
    }
}

/// A label and where it leads, as templates receive it.
fn link(label: &str, url: String) -> TeraValue {
    map! { "label" => label, "url" => url }
}

/// A record view as a template value.
fn ser<T: Serialize + ?Sized>(x: &T) -> TeraValue {
    TeraValue::from_serializable(x)
}
