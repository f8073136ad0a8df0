//! Stage 2, validate: check loaded content against the vocabularies and the
//! rules that make its numbers trustworthy.
//!
//! Each rule pushes a [`Problem`] naming the record's file and the field's
//! path and keeps going; [`crate::locate`] adds line and column when the
//! report is printed. Rules live in one file per kind of content.

mod privacy;
mod record;
mod records;
mod rules;
mod site;
mod vocab;

use std::collections::HashSet;

use crate::model::{Content, Index};
use crate::problem::Problems;

pub use rules::slug_ok;

/// Runs every rule over `content`; the returned index maps codes and ids
/// to records for the stages after this one.
pub fn validate(content: &Content) -> (Index, Problems) {
    validate_scoped(content, None)
}

/// [`validate`], with the rules about one record at a time run only for
/// the records of `files` (all when `None`). After an edit, the records
/// of other files are as they were when they last passed; rules across
/// records (unique ids, sums) still see everything.
pub fn validate_scoped(content: &Content, files: Option<&HashSet<String>>) -> (Index, Problems) {
    let index = Index::build(content);
    let mut problems = Problems::default();
    let mut private = Problems::default();
    // The privacy rule reads every text; it runs beside the others.
    rayon::join(
        || {
            let mut cx = rules::Cx {
                content,
                index: &index,
                problems: &mut problems,
                scope: files,
            };
            site::check(&mut cx);
            vocab::check(&mut cx);
            records::check_sources(&mut cx);
            records::check_figures(&mut cx);
            records::check_cases(&mut cx);
            records::check_press(&mut cx);
            record::check_producers(&mut cx);
            record::check_figures(&mut cx);
            record::check_conflicts(&mut cx);
            record::check_corrections(&mut cx);
            record::check_institutions(&mut cx);
            record::check_charts(&mut cx);
        },
        || {
            privacy::check(&mut rules::Cx {
                content,
                index: &index,
                problems: &mut private,
                scope: files,
            })
        },
    );
    problems.extend(private.0);
    if !content.repaired.is_empty() {
        problems.0.retain(|p| !about_placeholder(content, p));
    }
    problems.defang();
    (index, problems)
}

/// Whether `p` is about a value the loader put in place of a refused one
/// (its own problem is already reported).
fn about_placeholder(content: &Content, p: &crate::problem::Problem) -> bool {
    let field = p.field.to_string();
    content.repaired.iter().any(|(file, path)| {
        *file == p.file
            && p.record.is_none()
            && field
                .strip_prefix(path.as_str())
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
    })
}
