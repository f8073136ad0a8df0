//! Finds the line and column of a field in a YAML text, on demand.
//!
//! serde_yaml reports positions only for syntax and type errors. Rules that
//! run later (unknown code, duplicate id, shares above 100 %) know the file
//! and the field path; this module re-reads the file with a span-keeping
//! parser to turn that path into a position. It runs only when there is a
//! problem to print, so a clean build pays nothing for it.

use saphyr_parser::{Event, Parser, Span};

use crate::problem::{FieldPath, Position, Segment};

enum Node {
    Scalar(Span),
    Seq(Span, Vec<Node>),
    Map(Span, Vec<(String, Span, Node)>),
}

impl Node {
    fn span(&self) -> Span {
        match self {
            Node::Scalar(s) | Node::Seq(s, _) | Node::Map(s, _) => *s,
        }
    }
}

enum Frame {
    Seq(Span, Vec<Node>),
    Map(Span, Vec<(String, Span, Node)>, Option<(String, Span)>),
}

/// Parses `text` into a tree of spans. `None` when the text is not valid
/// YAML (serde_yaml has already reported where).
fn parse(text: &str) -> Option<Node> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut root = None;
    for item in Parser::new_from_str(text) {
        let (event, span) = item.ok()?;
        let finished = match event {
            Event::Scalar(value, ..) => {
                // A scalar in key position of a mapping is a key, not a value.
                if let Some(Frame::Map(_, _, pending @ None)) = stack.last_mut() {
                    *pending = Some((value.into_owned(), span));
                    continue;
                }
                Node::Scalar(span)
            }
            Event::Alias(_) => Node::Scalar(span),
            Event::SequenceStart(..) => {
                stack.push(Frame::Seq(span, Vec::new()));
                continue;
            }
            Event::MappingStart(..) => {
                stack.push(Frame::Map(span, Vec::new(), None));
                continue;
            }
            Event::SequenceEnd => match stack.pop()? {
                Frame::Seq(s, items) => Node::Seq(s, items),
                Frame::Map(..) => return None,
            },
            Event::MappingEnd => match stack.pop()? {
                Frame::Map(s, entries, _) => Node::Map(s, entries),
                Frame::Seq(..) => return None,
            },
            _ => continue,
        };
        match stack.last_mut() {
            Some(Frame::Seq(_, items)) => items.push(finished),
            Some(Frame::Map(_, entries, pending)) => match pending.take() {
                Some((key, key_span)) => entries.push((key, key_span, finished)),
                // A complex (non-scalar) key: keep the shape, drop the key.
                None => *pending = Some((String::new(), finished.span())),
            },
            None => {
                root.get_or_insert(finished);
            }
        }
    }
    root
}

fn is_empty(node: &Node) -> bool {
    matches!(node, Node::Scalar(s) if s.start.index() == s.end.index())
}

fn position(span: Span, line_offset: usize) -> Position {
    Position {
        line: span.start.line() + line_offset,
        column: span.start.col() + 1,
    }
}

/// The position of `path` inside record `record` (for list files) of
/// `text`. Walks as deep as the path exists: a missing field points at the
/// mapping that lacks it.
pub fn locate(
    text: &str,
    record: Option<usize>,
    path: &FieldPath,
    line_offset: usize,
) -> Option<Position> {
    let mut node = &parse(text)?;
    if let Some(i) = record {
        match node {
            Node::Seq(_, items) => node = items.get(i)?,
            _ => return Some(position(node.span(), line_offset)),
        }
    }
    let mut at = node.span();
    for seg in &path.0 {
        let step = match (seg, node) {
            (Segment::Key(k), Node::Map(_, entries)) => entries
                .iter()
                .find(|(key, ..)| key == k)
                // Point at the value, or at its key when the value is empty.
                .map(|(_, key_span, v)| (v, if is_empty(v) { *key_span } else { v.span() })),
            (Segment::Index(i), Node::Seq(_, items)) => items.get(*i).map(|v| (v, v.span())),
            _ => None,
        };
        let Some((next, span)) = step else { break };
        node = next;
        at = span;
    }
    Some(position(at, line_offset))
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "id: a\nshares:\n  - by: position\n    parts:\n      - code: jpt\n        percent: 27.6\n      - code: xx\n";

    #[test]
    fn finds_nested_scalar() {
        let path = FieldPath::root()
            .key("shares")
            .index(0)
            .key("parts")
            .index(1)
            .key("code");
        assert_eq!(
            locate(DOC, None, &path, 0),
            Some(Position {
                line: 7,
                column: 15
            })
        );
    }

    #[test]
    fn missing_field_points_at_its_parent() {
        let path = FieldPath::root().key("shares").index(0).key("of");
        assert_eq!(
            locate(DOC, None, &path, 0),
            Some(Position { line: 3, column: 5 })
        );
    }

    #[test]
    fn record_in_list_file_and_offset() {
        let text = "- code: a\n  label: {id: A}\n- code: b\n  label: {id: B}\n";
        let path = FieldPath::root().key("code");
        assert_eq!(
            locate(text, Some(1), &path, 1),
            Some(Position { line: 4, column: 9 })
        );
    }
}
