//! netra's integration tests, in one crate so that they compile and link
//! once (the layout of mdBook's `tests/testsuite/`). Each module is a
//! former `tests/<name>.rs`; [`common`] holds what they share. A new test
//! file is a module here: one `mod` line. The one exception is
//! `tests/lighthouse/`, whose scores need the machine to themselves.
//!
//! The modules run in one process, on the test harness's threads: a test
//! must not change the process's environment or working folder, nor
//! listen on a fixed port (the servers here take one the system gives).

mod common;

mod assets;
mod bad_content;
mod browser;
mod cases_and_lists;
mod charts_and_data;
mod check_links;
mod cms;
mod declared_charts;
mod default_content;
mod determinism;
mod drafts;
mod editor_loop;
mod external_links;
mod figures_on_site;
mod fingerprints;
mod hostile_content;
mod import;
mod incremental;
mod messages;
mod module_graph;
mod open_data;
mod page_weight;
mod png_charts;
mod properties;
mod readers;
mod record;
mod record_pages;
mod search;
mod serve;
mod tile_map;
mod web;
mod workflow;
mod xss;
