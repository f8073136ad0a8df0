//! Answering one request from the in-memory site.

use std::sync::RwLock;

use tiny_http::{Header, Request, Response};

use super::{State, live};

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static header")
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next() {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml; charset=utf-8",
        Some("json") => "application/json",
        Some("csv") => "text/csv; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        Some("png") => "image/png",
        Some("ico") => "image/x-icon",
        _ => "application/octet-stream",
    }
}

/// Percent-decodes a URL path. `None` for malformed escapes or bytes that
/// are not UTF-8.
fn decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The site file a request path names, or `None` if the path tries to
/// leave the site (`..`, backslashes, NUL, also when percent-encoded).
pub fn site_path(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let path = decode(path)?;
    let rel = path.strip_prefix('/')?;
    if rel.contains('\\')
        || rel.contains('\0')
        || rel.split('/').any(|seg| seg == ".." || seg == ".")
    {
        return None;
    }
    Some(if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    })
}

pub fn respond(req: Request, state: &RwLock<State>) {
    let url = req.url().to_string();
    let (status, body, ctype, location): (u16, Vec<u8>, &str, Option<String>) =
        match url.split('?').next().unwrap_or("") {
            "/__netra/live.js" => (
                200,
                live::SCRIPT.as_bytes().to_vec(),
                "text/javascript; charset=utf-8",
                None,
            ),
            "/__netra/status" => {
                let s = state.read().ok();
                let v = s.as_ref().map_or(0, |s| s.version);
                let errors = s.as_ref().and_then(|s| s.errors.clone());
                (
                    200,
                    serde_json::json!({ "version": v, "errors": errors })
                        .to_string()
                        .into_bytes(),
                    "application/json",
                    None,
                )
            }
            _ => match site_path(&url) {
                None => (
                    400,
                    b"400 bad request: this path leaves the site\n".to_vec(),
                    "text/plain; charset=utf-8",
                    None,
                ),
                Some(rel) => {
                    let output = state.read().map(|s| s.output.clone()).unwrap_or_default();
                    if let Some(bytes) = output.get(&rel) {
                        (200, with_live_reload(&rel, bytes), content_type(&rel), None)
                    } else if output.contains_key(&format!("{rel}/index.html")) {
                        let path = url.split('?').next().unwrap_or("/");
                        (
                            301,
                            Vec::new(),
                            "text/plain; charset=utf-8",
                            Some(format!("{path}/")),
                        )
                    } else {
                        // The nearest `404.html` up the path: `en/x` gets
                        // the English one, as static hosts do it.
                        let mut dirs: Vec<&str> = rel.split('/').collect();
                        dirs.pop();
                        let page = (0..=dirs.len())
                            .rev()
                            .map(|n| {
                                let mut p = dirs[..n].join("/");
                                if !p.is_empty() {
                                    p.push('/');
                                }
                                p + "404.html"
                            })
                            .find_map(|p| output.get(&p).map(|b| with_live_reload(&p, b)))
                            .unwrap_or_else(|| b"404 not found\n".to_vec());
                        (404, page, "text/html; charset=utf-8", None)
                    }
                }
            },
        };
    let mut response = Response::from_data(body)
        .with_status_code(status)
        .with_header(header("Content-Type", ctype))
        .with_header(header("Cache-Control", "no-store"));
    if let Some(loc) = location {
        response = response.with_header(header("Location", &loc));
    }
    let _ = req.respond(response);
}

fn with_live_reload(rel: &str, bytes: &[u8]) -> Vec<u8> {
    if !rel.ends_with(".html") {
        return bytes.to_vec();
    }
    let html = String::from_utf8_lossy(bytes);
    match html.rfind("</body>") {
        Some(at) => format!("{}{}{}", &html[..at], live::TAG, &html[at..]).into_bytes(),
        None => bytes.to_vec(),
    }
}

#[cfg(test)]
mod tests {
    use super::site_path;

    #[test]
    fn paths_stay_in_the_site() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(
            site_path("/statistik/").as_deref(),
            Some("statistik/index.html")
        );
        assert_eq!(
            site_path("/assets/style.css?v=1").as_deref(),
            Some("assets/style.css")
        );
        for bad in [
            "/../etc/passwd",
            "/a/../../x",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc",
            "/a%5c..%5cb",
            "/x%00",
            "/%zz",
            "/./x",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }
}
