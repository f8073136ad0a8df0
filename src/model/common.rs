//! Small types shared by every record kind.

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Where a record came from: its file (relative to the content folder) and,
/// for files that hold a list, the record's index in that list. Together with
/// a field path this is enough for [`crate::locate`] to find line and column.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Origin {
    /// Path relative to the content folder, with `/` separators.
    pub file: Arc<str>,
    /// Index of the record in a list file (`vocab/*.yaml`, `sources.yaml`).
    pub index: Option<usize>,
    /// Lines before the YAML starts in its file (front matter starts on
    /// line 2 of a Markdown file).
    pub line_offset: usize,
}

impl Origin {
    pub fn file(file: impl Into<Arc<str>>) -> Self {
        Origin {
            file: file.into(),
            index: None,
            line_offset: 0,
        }
    }

    pub fn path(&self) -> PathBuf {
        PathBuf::from(&*self.file)
    }
}

/// A loaded value together with the file it came from.
#[derive(Debug, Clone, Default)]
pub struct Record<T> {
    pub origin: Origin,
    pub value: T,
}

impl<T> std::ops::Deref for Record<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

/// A calendar date written `YYYY-MM-DD`.
///
/// Parsed through `jiff`, so 2020-02-30 is refused at load time with the
/// field's position rather than rendered as nonsense.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate(pub jiff::civil::Date);

impl IsoDate {
    pub fn year(self) -> i16 {
        self.0.year()
    }
    pub fn month(self) -> i8 {
        self.0.month()
    }
    pub fn day(self) -> i8 {
        self.0.day()
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::str::FromStr for IsoDate {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let shape_ok = s.len() == 10
            && s.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !shape_ok {
            return Err(format!(
                "invalid value: `{s}`, expected a date written YYYY-MM-DD"
            ));
        }
        s.parse::<jiff::civil::Date>().map(IsoDate).map_err(|_| {
            format!(
                "invalid value: `{s}`, expected a date that exists on the calendar (YYYY-MM-DD)"
            )
        })
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A visitor, not `String::deserialize` then parse: an error raised
        // inside the visitor gets the scalar's line, column and path.
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = IsoDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date written YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<IsoDate, E> {
                s.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

impl Serialize for IsoDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A moment written in RFC 3339 with its offset, minutes enough:
/// `2026-12-09T10:00+07:00`. An item's `publish_at`. The offset is kept
/// as written, so that `check` tells the editor the moment in their own
/// time (10:00 WIB, not 03:00 UTC); moments compare by the instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Moment(pub jiff::Timestamp, pub jiff::tz::Offset);

impl Moment {
    /// Parses `s`, refusing a moment without its offset: "10:00" alone
    /// would mean another hour on every build machine.
    pub fn parse(s: &str) -> Result<Self, String> {
        use jiff::fmt::temporal::{Pieces, PiecesOffset};
        let refused = || {
            format!(
                "invalid value: `{s}`, expected a moment with its offset, \
                 written YYYY-MM-DDTHH:MM+07:00"
            )
        };
        let at = s.parse::<jiff::Timestamp>().map_err(|_| refused())?;
        let offset = match Pieces::parse(s).ok().and_then(|p| p.offset()) {
            Some(PiecesOffset::Numeric(n)) => n.offset(),
            _ => jiff::tz::Offset::UTC,
        };
        Ok(Moment(at, offset))
    }
}

impl fmt::Display for Moment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let local = self.0.to_zoned(jiff::tz::TimeZone::fixed(self.1));
        write!(f, "{}", local.strftime("%Y-%m-%dT%H:%M%:z"))
    }
}

impl<'de> Deserialize<'de> for Moment {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        // A visitor, as for `IsoDate`: the error gets line, column and path.
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Moment;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a moment written YYYY-MM-DDTHH:MM+07:00")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Moment, E> {
                Moment::parse(s).map_err(E::custom)
            }
        }
        d.deserialize_str(V)
    }
}

impl Serialize for Moment {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Text given per language code: `{id: "…", en: "…"}`. The site's default
/// language must be present (checked by `validate`); others fall back to it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(transparent)]
pub struct Localized(pub BTreeMap<String, String>);

impl Localized {
    /// The text in `lang`, else in `fallback`, else any text at all.
    pub fn get<'a>(&'a self, lang: &str, fallback: &str) -> &'a str {
        self.0
            .get(lang)
            .or_else(|| self.0.get(fallback))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
            .unwrap_or("")
    }
}
