//! netra: a static-site generator for public transparency reporting.
//!
//! The pipeline runs one way, one module per stage, with plain data types
//! between them (see the README, and `docs/` for the content model and the
//! templates' variables):
//!
//! ```text
//! load → validate → publish → aggregate → chart → plan → render → write
//! ```
//!
//! [`build`] composes them; [`check`] validates and checks links without
//! rendering the whole site. Nothing is
//! written unless every stage succeeded, and then only by swapping a fully
//! written staging folder in place of the old output.

pub mod addresses;
pub mod aggregate;
pub mod changes;
pub mod chart;
pub mod cms;
pub mod export;
pub mod external;
pub mod format;
pub mod html;
pub mod i18n;
pub mod import;
pub mod links;
pub mod load;
pub mod locate;
pub mod markdown;
pub mod message;
pub mod model;
pub mod pipeline;
pub mod problem;
pub mod publish;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod session;
pub mod site;
pub mod validate;
pub mod write;

/// The folders a build reads and writes when none is given, relative to
/// the working directory: the command line's defaults and those of
/// [`BuildOptions`] and [`CheckOptions`].
pub mod folders {
    /// The content an editor writes (`site.yaml`, figures, cases, press).
    pub const CONTENT: &str = "content";
    /// The templates and assets pages are rendered with.
    pub const THEME: &str = "themes/default";
    /// Where the built site is written.
    pub const OUTPUT: &str = "output";
}

pub use pipeline::{BuildOptions, BuildSummary, CheckOptions, CheckSummary, Error, build, check};
