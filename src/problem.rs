//! Problems found in content: what `check` and `build` report to editors.
//!
//! Every stage that looks at content pushes [`Problem`]s instead of
//! returning at the first one, so one run lists everything that needs
//! fixing. A problem names its file and the field path; line and column are
//! filled in by [`crate::locate`] just before printing.

use std::fmt;

use crate::message::{Lang, Message, Rendered};

/// One step of a path into a YAML document: `shares[0].parts[1].code`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// A path to a field, printed the way editors read YAML.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct FieldPath(pub Vec<Segment>);

impl FieldPath {
    pub fn root() -> Self {
        FieldPath(Vec::new())
    }

    pub fn key(mut self, k: impl Into<String>) -> Self {
        self.0.push(Segment::Key(k.into()));
        self
    }

    pub fn index(mut self, i: usize) -> Self {
        self.0.push(Segment::Index(i));
        self
    }

    /// Parses the path prefix serde_yaml puts in front of its messages
    /// (`shares[0].parts[1].percent`).
    pub fn parse(s: &str) -> Self {
        let mut path = FieldPath::root();
        for part in s.split('.').filter(|p| !p.is_empty()) {
            let (name, rest) = part.split_once('[').map_or((part, ""), |(n, r)| (n, r));
            if !name.is_empty() {
                path = path.key(name);
            }
            for idx in rest.split('[') {
                if let Ok(i) = idx.trim_end_matches(']').parse() {
                    path = path.index(i);
                }
            }
        }
        path
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Segment::Key(k) if i == 0 => write!(f, "{k}")?,
                Segment::Key(k) => write!(f, ".{k}")?,
                Segment::Index(n) => write!(f, "[{n}]")?,
            }
        }
        Ok(())
    }
}

/// Line and column, both counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// One problem. Boxed: problems travel in `Result`s on every load path,
/// and a small error type keeps the happy path's values small.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem(Box<Details>);

impl std::ops::Deref for Problem {
    type Target = Details;
    fn deref(&self) -> &Details {
        &self.0
    }
}

impl std::ops::DerefMut for Problem {
    fn deref_mut(&mut self) -> &mut Details {
        &mut self.0
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Details {
    /// File relative to the content (or theme) folder.
    pub file: String,
    pub position: Option<Position>,
    /// Where in the file; empty for problems with the whole file.
    pub field: FieldPath,
    /// What went wrong, in one line.
    pub message: String,
    /// What the rule expects.
    pub expected: String,
    /// What the file holds.
    pub found: String,
    /// Index of the record in a list file, used to locate the field.
    pub record: Option<usize>,
    /// Lines before the YAML starts (front matter), used to locate the field.
    pub line_offset: usize,
    /// The source line holds personal data: report where, never print it.
    pub sensitive: bool,
    /// The message with its facts: printed in the editor's language.
    /// `message`, `expected` and `found` hold its English words. `None`
    /// only for a YAML error whose words [`Problem::from_serde`] cannot
    /// take apart, which keeps serde's English.
    pub typed: Option<Message>,
}

impl Problem {
    /// serde_yaml prints `path: message at line L column C`; split that into
    /// the field path and a [`Message`] with serde's facts.
    pub fn from_serde(e: &serde_yaml::Error, origin: &crate::model::Origin) -> Self {
        let mut text = e.to_string();
        if let Some(at) = text.rfind(" at line ") {
            text.truncate(at);
        }
        let (mut field, message) = match text.split_once(": ") {
            Some((p, rest)) if !p.contains(char::is_whitespace) => {
                (FieldPath::parse(p), rest.to_string())
            }
            _ => (FieldPath::root(), text.clone()),
        };
        let typed = if let Some(rest) = message.strip_prefix("unknown field ") {
            let (name, exp) = rest.split_once(", expected ").unwrap_or((rest, ""));
            let name = name.trim_matches('`').to_string();
            field = field.key(&name);
            if crate::model::PERSONAL_FIELDS.contains(&name.as_str()) {
                Some(Message::PersonalField { name })
            } else {
                let allowed: Vec<String> = exp
                    .split('`')
                    .skip(1)
                    .step_by(2)
                    .map(str::to_string)
                    .collect();
                let closest = crate::message::closest(&name, &allowed)
                    .cloned()
                    .unwrap_or_default();
                Some(Message::UnknownField {
                    name,
                    allowed,
                    closest,
                })
            }
        } else if let Some(rest) = message.strip_prefix("missing field ") {
            let name = rest.trim_matches('`').to_string();
            field = field.key(&name);
            Some(Message::MissingField { name })
        } else if let Some((wrong_type, rest)) = message
            .strip_prefix("invalid type: ")
            .map(|r| (true, r))
            .or_else(|| message.strip_prefix("invalid value: ").map(|r| (false, r)))
            && let Some((f, exp)) = rest.split_once(", expected ")
        {
            let (found, expected) = (f.to_string(), exp.to_string());
            let written = f.trim_matches('`').to_string();
            Some(if expected.contains("date that exists on the calendar") {
                match crate::message::nearest_day(&written) {
                    Some(nearest) => Message::ImpossibleDate {
                        text: written,
                        nearest,
                    },
                    None => Message::DateShape { text: written },
                }
            } else if expected.contains("date written YYYY-MM-DD") && !wrong_type {
                Message::DateShape { text: written }
            } else if wrong_type {
                Message::WrongType { found, expected }
            } else {
                Message::InvalidValue { found, expected }
            })
        } else if message.contains("repetition limit") || message.contains("recursion limit") {
            None
        } else if e.location().is_some() && field.0.is_empty() {
            Some(Message::Syntax {
                detail: message.clone(),
            })
        } else {
            None
        };
        let mut p = match typed {
            Some(m) => Self::msg(origin, field, m),
            None => {
                let p = Self::new(origin, field, message.clone());
                if message.contains("repetition limit") || message.contains("recursion limit") {
                    p.expected("plain YAML without deeply nested or repeatedly expanded aliases")
                } else {
                    p
                }
            }
        };
        if let Some(loc) = e.location() {
            p = p.at(Position {
                line: loc.line() + origin.line_offset,
                column: loc.column(),
            });
        }
        p
    }

    /// A problem with `field` of the record of `origin`, said by `m`.
    pub fn msg(origin: &crate::model::Origin, field: FieldPath, m: Message) -> Self {
        let en = m.render(Lang::En);
        let mut p = Self::new(origin, field, en.message)
            .expected(en.expected)
            .found(en.found);
        p.sensitive = matches!(m, Message::PersonalField { .. });
        p.typed = Some(m);
        p
    }

    /// [`Problem::msg`] for a whole file.
    pub fn file_msg(file: impl Into<String>, m: Message) -> Self {
        let en = m.render(Lang::En);
        let mut p = Self::file(file, en.message)
            .expected(en.expected)
            .found(en.found);
        p.typed = Some(m);
        p
    }

    /// The words of this problem in `lang`. A problem without a
    /// [`Message`] (see [`Details::typed`]) keeps its English words.
    pub fn words(&self, lang: Lang) -> Rendered {
        match &self.typed {
            Some(m) => {
                let mut r = m.render(lang);
                let layout = m.is_laid_out();
                for s in [&mut r.message, &mut r.expected, &mut r.found] {
                    clean_keeping(s, layout);
                }
                r
            }
            None => Rendered {
                message: self.message.clone(),
                expected: self.expected.clone(),
                found: self.found.clone(),
            },
        }
    }

    pub fn new(
        origin: &crate::model::Origin,
        field: FieldPath,
        message: impl Into<String>,
    ) -> Self {
        Problem(Box::new(Details {
            file: origin.file.to_string(),
            position: None,
            field,
            message: message.into(),
            expected: String::new(),
            found: String::new(),
            record: origin.index,
            line_offset: origin.line_offset,
            sensitive: false,
            typed: None,
        }))
    }

    /// A problem with a whole file (unreadable, not UTF-8, …).
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Problem(Box::new(Details {
            file: file.into(),
            position: None,
            field: FieldPath::root(),
            message: message.into(),
            expected: String::new(),
            found: String::new(),
            record: None,
            line_offset: 0,
            sensitive: false,
            typed: None,
        }))
    }

    pub fn at(mut self, position: Position) -> Self {
        self.position = Some(position);
        self
    }

    pub fn expected(mut self, e: impl Into<String>) -> Self {
        self.expected = e.into();
        self
    }

    pub fn sensitive(mut self) -> Self {
        self.sensitive = true;
        self
    }

    pub fn found(mut self, f: impl Into<String>) -> Self {
        self.found = f.into();
        self
    }

    pub fn with_file(mut self, f: impl Into<String>) -> Self {
        self.file = f.into();
        self
    }
}

/// `a, b, c, d, e and 3 more`: a list that stays one line long.
pub fn list(names: &[&str]) -> String {
    crate::message::list_in(names, Lang::En)
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(p) = self.position {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        write!(f, ": {}", self.message)?;
        if !self.field.0.is_empty() {
            write!(f, "\n    field:    {}", self.field)?;
        }
        if !self.expected.is_empty() {
            write!(f, "\n    expected: {}", self.expected)?;
        }
        if !self.found.is_empty() {
            write!(f, "\n    found:    {}", self.found)?;
        }
        Ok(())
    }
}

/// Escapes the control characters of `s`, so a hostile file cannot send
/// terminal control sequences to the editor's screen.
fn clean(s: &mut String) {
    clean_keeping(s, false);
}

/// [`clean`], keeping line breaks and tabs when `layout` is set: a
/// report laid out over several lines ([`Message::is_laid_out`]).
fn clean_keeping(s: &mut String, layout: bool) {
    let escaped = |c: char| c.is_control() && !(layout && matches!(c, '\n' | '\t'));
    if s.chars().any(escaped) {
        *s = s
            .chars()
            .map(|c| {
                if escaped(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect();
    }
}

/// Every problem of one run, sorted by file and position so the report
/// reads top to bottom and is the same on every run.
#[derive(Debug, Default, Clone)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    pub fn push(&mut self, p: Problem) {
        self.0.push(p);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Problem>) {
        self.0.extend(other);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Problem> {
        self.0.iter()
    }

    pub fn sort(&mut self) {
        self.0.sort();
        self.0.dedup();
    }

    /// Control characters in what a problem prints (a code, an id, a field
    /// name read from the file) are escaped, so a hostile file cannot send
    /// terminal control sequences to the editor's screen.
    pub fn defang(&mut self) {
        for p in &mut self.0 {
            clean(&mut p.message);
            clean(&mut p.expected);
            clean(&mut p.found);
            for seg in &mut p.field.0 {
                if let Segment::Key(k) = seg {
                    clean(k);
                }
            }
        }
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for p in &self.0 {
            writeln!(f, "error: {p}")?;
        }
        let n = self.0.len();
        write!(
            f,
            "{n} problem{} found; nothing was written",
            if n == 1 { "" } else { "s" }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tera's report keeps its lines and its caret; a control character
    /// anywhere else, or other than a line break or tab, is escaped.
    #[test]
    fn a_template_report_keeps_its_lines_and_nothing_else_does() {
        let tera = Problem::file_msg(
            "templates",
            Message::TemplateError {
                detail: "line one\n\t| line two\u{1b}[2J".into(),
            },
        );
        assert_eq!(
            tera.words(Lang::En).message,
            "template error:\nline one\n\t| line two\\u{1b}[2J"
        );
        let font = Problem::file_msg(
            "fonts",
            Message::NotAFont {
                name: "a\nb".into(),
            },
        );
        assert_eq!(
            font.words(Lang::Id).message,
            "a\\u{a}b bukan huruf (font) TrueType atau OpenType"
        );
    }
}
