//! Splitting a Markdown file into YAML front matter and body.

/// `(front matter, body)`, or `None` when the file does not open with a
/// `---` line followed later by a closing `---` line.
pub fn split(text: &str) -> Option<(&str, &str)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end_matches(['\n', '\r']) == "---" {
            return Some((&rest[..offset], &rest[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn splits_and_keeps_body() {
        let (fm, body) = super::split("---\ntitle: x\n---\n# Body\n").unwrap();
        assert_eq!(fm, "title: x\n");
        assert_eq!(body, "# Body\n");
    }

    #[test]
    fn refuses_unclosed() {
        assert!(super::split("---\ntitle: x\n").is_none());
        assert!(super::split("title: x\n").is_none());
    }
}
