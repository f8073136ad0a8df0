//! Number and date formatting per language: the one place where numbers
//! become text. Data files hold numbers; pages format them (27,6 % in
//! Indonesian, 27.6% in English).

use crate::i18n::Locale;
use crate::model::IsoDate;

/// `1234` → `1.234` (id) or `1,234` (en).
pub fn integer(n: u64, l: &Locale) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push_str(&l.group);
        }
        out.push(c);
    }
    out
}

/// A number with `decimals` digits after the separator.
pub fn decimal(x: f64, decimals: usize, l: &Locale) -> String {
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let mut out = if x < 0.0 && s.bytes().any(|b| b.is_ascii_digit() && b != b'0') {
        "-".to_string()
    } else {
        String::new()
    };
    out.push_str(&integer(int.parse().unwrap_or(0), l));
    if !frac.is_empty() {
        out.push_str(&l.decimal);
        out.push_str(frac);
    }
    out
}

/// A share: `27,6 %` (id) or `27.6%` (en); the locale's `percent`
/// string is a pattern with `{}`.
pub fn percent(x: f64, l: &Locale) -> String {
    let pattern = l.strings.get("percent").map_or("{} %", String::as_str);
    pattern.replace("{}", &decimal(x, 1, l))
}

/// A percentage as a source quoted it: `43 %` stays whole, `78,5 %`
/// keeps its decimal (sources quote one at most).
pub fn quoted_percent(x: f64, l: &Locale) -> String {
    let pattern = l.strings.get("percent").map_or("{} %", String::as_str);
    let digits = if x.fract() == 0.0 {
        decimal(x, 0, l)
    } else {
        decimal(x, 1, l)
    };
    pattern.replace("{}", &digits)
}

/// `8 Maret 2020` / `8 March 2020`.
pub fn date(d: IsoDate, l: &Locale) -> String {
    let month = l
        .months
        .get(d.month() as usize - 1)
        .map_or("", String::as_str);
    format!("{} {} {}", d.day(), month, d.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id() -> Locale {
        Locale {
            decimal: ",".into(),
            group: ".".into(),
            months: [
                "Januari",
                "Februari",
                "Maret",
                "April",
                "Mei",
                "Juni",
                "Juli",
                "Agustus",
                "September",
                "Oktober",
                "November",
                "Desember",
            ]
            .map(String::from)
            .to_vec(),
            strings: [("percent".to_string(), "{} %".to_string())].into(),
        }
    }

    #[test]
    fn indonesian_numbers() {
        let l = id();
        assert_eq!(integer(1234, &l), "1.234");
        assert_eq!(integer(985, &l), "985");
        assert_eq!(integer(1_234_567, &l), "1.234.567");
        assert_eq!(percent(27.6, &l), "27,6 %");
        assert_eq!(decimal(-0.04, 1, &l), "0,0");
        assert_eq!(date("2020-03-08".parse().unwrap(), &l), "8 Maret 2020");
    }
}
