//! What a CDN and a reader's browser get: theme assets named by a hash of
//! their content and linked by that name from every page, the `_headers`
//! cache rules, the `--precompress` copies, and charts whose colours come
//! from the stylesheet in a page but are written out in a download.

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use crate::common::{self, Scratch};

/// The shipped content built once, as the binary writes it.
static BUILT: LazyLock<BTreeMap<PathBuf, Vec<u8>>> =
    LazyLock::new(|| common::snapshot(&common::shipped_site().output()));

fn text(files: &BTreeMap<PathBuf, Vec<u8>>, rel: &str) -> String {
    String::from_utf8(
        files
            .get(Path::new(rel))
            .unwrap_or_else(|| panic!("{rel} not built"))
            .clone(),
    )
    .unwrap()
}

/// `name.<hash>.ext` → (`name`, `hash`, `ext`), if the hash is 10 hex digits.
fn split_hashed(file: &str) -> Option<(&str, &str, &str)> {
    let (rest, ext) = file.rsplit_once('.')?;
    let (name, hash) = rest.rsplit_once('.')?;
    (hash.len() == 10 && hash.bytes().all(|b| b.is_ascii_hexdigit())).then_some((name, hash, ext))
}

/// Every `href="…"` and `src="…"` value of `html`.
fn links(html: &str) -> Vec<&str> {
    ["href=\"", "src=\""]
        .iter()
        .flat_map(|attr| html.split(attr).skip(1))
        .filter_map(|rest| rest.split('"').next())
        .collect()
}

/// `link` from the page at `page` (relative to the output), as an output path.
fn resolve(page: &Path, link: &str) -> PathBuf {
    let mut out: Vec<&str> = page
        .parent()
        .map(|p| {
            p.to_str()
                .unwrap()
                .split('/')
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    for seg in link.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                out.pop();
            }
            s => out.push(s),
        }
    }
    out.iter().collect()
}

#[test]
fn every_page_links_the_theme_assets_by_their_hashed_names() {
    let files = &*BUILT;
    let theme = common::repo().join("themes/default/static");
    // Each static file is written once, under its hashed name, as it is.
    let assets: BTreeMap<&str, &Vec<u8>> = files
        .iter()
        .filter_map(|(p, b)| Some((p.to_str()?.strip_prefix("assets/")?, b)))
        .collect();
    for e in std::fs::read_dir(&theme).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().into_string().unwrap();
        let (stem, ext) = name.rsplit_once('.').unwrap();
        let written: Vec<(&&str, &&Vec<u8>)> = assets
            .iter()
            .filter(|(f, _)| split_hashed(f).is_some_and(|(n, _, x)| n == stem && x == ext))
            .collect();
        assert_eq!(written.len(), 1, "{name}: {:?}", assets.keys());
        assert_eq!(*written[0].1, &std::fs::read(e.path()).unwrap(), "{name}");
    }
    assert!(
        assets.keys().all(|f| split_hashed(f).is_some()),
        "an asset without its hash: {:?}",
        assets.keys()
    );
    // Every page (the 404 pages link from the site's root) names the
    // stylesheet and icon by a name the build wrote, and no page names
    // an asset the build did not write.
    let mut pages = 0;
    for (path, bytes) in files {
        let p = path.to_str().unwrap();
        if !p.ends_with(".html") || p.ends_with("404.html") {
            continue;
        }
        pages += 1;
        let html = String::from_utf8_lossy(bytes);
        let to_assets: Vec<PathBuf> = links(&html)
            .into_iter()
            .filter(|l| l.contains("assets/"))
            .map(|l| resolve(path, l))
            .collect();
        for kind in ["style", "favicon"] {
            assert!(
                to_assets.iter().any(|a| a
                    .to_str()
                    .and_then(|a| a.strip_prefix("assets/"))
                    .and_then(split_hashed)
                    .is_some_and(|(n, _, _)| n == kind)),
                "{p} does not link its {kind} asset by its hashed name: {to_assets:?}"
            );
        }
        for a in &to_assets {
            assert!(
                files.contains_key(a),
                "{p} links {}, not built",
                a.display()
            );
        }
    }
    assert!(pages > 20, "only {pages} pages");
    // Pagefind's own files keep their names: its script loads the others by name.
    let search = text(files, "cari/index.html");
    assert!(search.contains("pagefind/pagefind-ui.js\""), "{search}");
    assert!(search.contains("assets/search."), "{search}");
}

#[test]
fn an_asset_changes_its_name_only_when_its_bytes_change() {
    let first = &*BUILT;
    let s = Scratch::new().with_theme_copy();
    let css = s.theme().join("static/style.css");
    let mut style = std::fs::read_to_string(&css).unwrap();
    style.push_str("\n.new-rule { color: inherit; }\n");
    std::fs::write(&css, style).unwrap();
    let o = s.build();
    assert!(o.status.success(), "{}", common::stderr(&o));
    let second = common::snapshot(&s.output());
    let names = |files: &BTreeMap<PathBuf, Vec<u8>>| -> BTreeMap<String, String> {
        files
            .keys()
            .filter_map(|p| p.to_str()?.strip_prefix("assets/"))
            .filter_map(|f| {
                let (name, hash, ext) = split_hashed(f)?;
                Some((format!("{name}.{ext}"), hash.to_string()))
            })
            .collect()
    };
    let (a, b) = (names(first), names(&second));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    assert_ne!(a["style.css"], b["style.css"], "changed bytes, same name");
    assert_eq!(a["favicon.svg"], b["favicon.svg"]);
    assert_eq!(a["search.js"], b["search.js"]);
    let home = text(&second, "index.html");
    assert!(
        home.contains(&format!("assets/style.{}.css\"", b["style.css"])),
        "{home}"
    );
}

#[test]
fn a_template_naming_a_missing_asset_is_a_theme_error() {
    let s = Scratch::new().with_theme_copy();
    let html = std::fs::read_to_string(s.theme().join("templates/base.html")).unwrap();
    let from = "asset(path=\"style.css\")";
    s.edit_template("base.html", from, "asset(path=\"gaya.css\")");
    for command in ["check", "build"] {
        let o = s.netra(s.args(command, (command == "build").then_some("output")));
        assert!(!o.status.success(), "{command} passed");
        let err = common::stderr(&o);
        let line = html[..html.find(from).unwrap()].matches('\n').count() + 1;
        assert!(
            err.contains(&format!("templates/base.html:{line}:")),
            "{command}: no file and line: {err}"
        );
        assert!(
            err.contains("static/ folder has no \"gaya.css\"")
                && err.contains("favicon.svg, search.js, style.css"),
            "{command}: {err}"
        );
    }
    assert!(!s.output().exists());
}

/// `_headers` as (path pattern, headers) in file order.
fn header_rules(file: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut rules: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in file.lines() {
        if line.trim().is_empty() {
            continue;
        }
        if let Some(h) = line.strip_prefix("  ") {
            let (k, v) = h.split_once(": ").unwrap_or_else(|| panic!("{line}"));
            rules
                .last_mut()
                .expect("a header before any path")
                .1
                .push((k.into(), v.into()));
        } else {
            assert!(line.starts_with('/'), "not a path: {line}");
            rules.push((line.to_string(), Vec::new()));
        }
    }
    rules
}

/// The URL paths a file is served at: `/a/index.html` also at `/a/`.
fn urls(file: &str) -> Vec<String> {
    let mut out = vec![format!("/{file}")];
    if let Some(dir) = file.strip_suffix("index.html") {
        out.push(format!("/{dir}"));
    }
    out
}

/// Whether a `_headers` pattern matches a URL path, as Netlify and
/// Cloudflare Pages match it (`*` at the end: any rest).
fn matches(pattern: &str, url: &str) -> bool {
    match pattern.strip_suffix('*') {
        Some(prefix) => url.starts_with(prefix),
        None => url == pattern,
    }
}

#[test]
fn headers_cache_hashed_files_for_a_year_and_the_rest_briefly() {
    let files = &*BUILT;
    let rules = header_rules(&text(files, "_headers"));
    let all = &rules[0];
    assert_eq!(all.0, "/*");
    let csp = all.1.iter().find(|(k, _)| k == "Content-Security-Policy");
    assert_eq!(
        csp.map(|(_, v)| v.as_str()),
        Some(netra::render::CONTENT_SECURITY_POLICY)
    );
    for (k, v) in [
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ] {
        assert!(all.1.contains(&(k.into(), v.into())), "{k}: {:?}", all.1);
    }
    let year = "public, max-age=31536000, immutable";
    let short = "public, max-age=300, must-revalidate";
    let mut seen = BTreeMap::<&str, usize>::new();
    for path in files.keys() {
        let f = path.to_str().unwrap();
        if f == "_headers" {
            continue;
        }
        let content_named = f.starts_with("assets/")
            || f.starts_with("pagefind/fragment/")
            || f.starts_with("pagefind/index/");
        let expected = if content_named {
            Some(year)
        } else if f.starts_with("pagefind/") && !netra::search::FIXED_PATHS.contains(&f) {
            // Pagefind's other files: the host's default (revalidate).
            None
        } else {
            Some(short)
        };
        for url in urls(f) {
            // One Cache-Control per URL: Cloudflare joins the values of
            // every rule that matches, which would contradict each other.
            let cache: Vec<&str> = rules
                .iter()
                .filter(|(p, _)| matches(p, &url))
                .flat_map(|(_, h)| h.iter().filter(|(k, _)| k == "Cache-Control"))
                .map(|(_, v)| v.as_str())
                .collect();
            assert!(cache.len() <= 1, "{url}: {cache:?}");
            assert_eq!(cache.first().copied(), expected, "{url}");
        }
        *seen.entry(expected.unwrap_or("default")).or_default() += 1;
    }
    assert!(seen[year] > 3 && seen[short] > 50, "{seen:?}");
}

/// Builds the shipped content with `--precompress` (and `extra`) on
/// `threads` threads into `out` beside the content.
fn build_precompressed(s: &Scratch, threads: &str, out: &str, extra: &[&str]) -> Vec<u8> {
    let mut args = s.args("build", Some(out));
    args.extend(
        ["-q", "--precompress"]
            .iter()
            .chain(extra)
            .map(|a| a.to_string()),
    );
    let o = s.netra_env(args, &[("RAYON_NUM_THREADS", threads)]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    o.stdout
}

#[test]
fn precompressed_copies_decompress_to_their_files_and_are_deterministic() {
    let plain = &*BUILT;
    let s = Scratch::new();
    build_precompressed(&s, "1", "one", &[]);
    // The second build also reports its changes against the first: the
    // copies are no change of their own.
    build_precompressed(
        &s,
        "4",
        "four",
        &["--previous", "one", "--report", "changes.json"],
    );
    let one = common::snapshot(&s.dir.path().join("one"));
    let four = common::snapshot(&s.dir.path().join("four"));
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        four.keys().collect::<Vec<_>>()
    );
    for (k, v) in &one {
        assert!(
            v == &four[k],
            "{} differs between 1 and 4 threads",
            k.display()
        );
    }
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(s.dir.path().join("changes.json")).unwrap()).unwrap();
    for part in ["pages", "files"] {
        for what in ["added", "removed", "changed"] {
            assert_eq!(report[part][what], serde_json::json!([]), "{part}.{what}");
        }
    }
    // Besides the copies, what a plain build writes.
    let originals: BTreeMap<&PathBuf, &Vec<u8>> = one
        .iter()
        .filter(|(p, _)| {
            !p.to_str().unwrap().ends_with(".gz") && !p.to_str().unwrap().ends_with(".br")
        })
        .collect();
    assert_eq!(
        originals.keys().copied().collect::<Vec<_>>(),
        plain.keys().collect::<Vec<_>>()
    );
    for (k, v) in plain {
        assert!(
            originals[k] == v,
            "{} differs from a plain build",
            k.display()
        );
    }
    let mut copied = 0;
    for (path, bytes) in &originals {
        let p = path.to_str().unwrap();
        let ext = p.rsplit_once('.').map_or("", |(_, e)| e);
        let text = ["html", "css", "js", "svg", "xml", "json", "csv"].contains(&ext);
        let gz = one.get(&PathBuf::from(format!("{p}.gz")));
        let br = one.get(&PathBuf::from(format!("{p}.br")));
        if !text || bytes.len() < 1024 {
            assert!(
                gz.is_none() && br.is_none(),
                "{p} ({} bytes) copied",
                bytes.len()
            );
            continue;
        }
        let (gz, br) = (
            gz.unwrap_or_else(|| panic!("no {p}.gz")),
            br.unwrap_or_else(|| panic!("no {p}.br")),
        );
        // gzip's header: no time (bytes 4–7), no flags (so no file name),
        // "unknown" system.
        assert_eq!(&gz[..4], &[0x1f, 0x8b, 8, 0], "{p}.gz");
        assert_eq!(&gz[4..8], &[0, 0, 0, 0], "{p}.gz holds a time");
        assert_eq!(gz[9], 255, "{p}.gz names a system");
        let mut unzipped = Vec::new();
        flate2::read::GzDecoder::new(&gz[..])
            .read_to_end(&mut unzipped)
            .unwrap();
        assert!(&unzipped == *bytes, "{p}.gz is not {p}");
        let mut unbrotli = Vec::new();
        brotli::Decompressor::new(&br[..], 4096)
            .read_to_end(&mut unbrotli)
            .unwrap();
        assert!(&unbrotli == *bytes, "{p}.br is not {p}");
        assert!(gz.len() < bytes.len() && br.len() < bytes.len(), "{p}");
        copied += 1;
    }
    assert!(copied > 100, "only {copied} files precompressed");
    assert!(one.contains_key(Path::new("statistik/index.html.br")));
}

/// Each `<svg class="chart-svg"` … `</svg>` of `html`.
fn svgs(html: &str) -> Vec<&str> {
    html.match_indices("<svg ")
        .map(|(i, _)| &html[i..i + html[i..].find("</svg>").unwrap() + "</svg>".len()])
        .filter(|s| s.contains("class=\"chart-svg\""))
        .collect()
}

#[test]
fn inline_charts_are_coloured_by_the_stylesheet_and_downloads_keep_light_colours() {
    const SHAPE_CLASSES: [&str; 12] = [
        "series", "gap", "s0", "s1", "s2", "s3", "s0-line", "s1-line", "s2-line", "s3-line",
        "grid", "axis",
    ];
    const LIGHT: [(&str, &str); 10] = [
        ("s0", "fill=\"#0072B2\""),
        ("s1", "fill=\"#D55E00\""),
        ("s2", "fill=\"#009E73\""),
        ("s3", "fill=\"#CC79A7\""),
        ("s0-line", "fill=\"none\" stroke=\"#0072B2\""),
        ("s1-line", "fill=\"none\" stroke=\"#D55E00\""),
        ("s2-line", "fill=\"none\" stroke=\"#009E73\""),
        ("s3-line", "fill=\"none\" stroke=\"#CC79A7\""),
        ("grid", "fill=\"none\" stroke=\"#D0D7DE\""),
        ("axis", "fill=\"none\" stroke=\"#1A1A1A\""),
    ];
    let files = &*BUILT;
    let mut charts = 0;
    for lang in ["statistik", "en/statistics"] {
        let page = text(files, &format!("{lang}/index.html"));
        for inline in svgs(&page) {
            charts += 1;
            assert!(
                !inline.contains("fill=\""),
                "a colour in the page: {inline}"
            );
            assert!(inline.contains("<rect ") && inline.contains("<text "));
            // A declared chart's text takes its class from the group
            // around the whole drawing.
            let grouped = inline.contains("</desc><g class=\"label\">");
            let text_classes: &[&str] = if grouped { &["label", ""] } else { &["label"] };
            let shapes = ["<rect ", "<circle ", "<path ", "<polyline ", "<line "];
            for (element, classes) in shapes
                .iter()
                .map(|e| (*e, &SHAPE_CLASSES[..]))
                .chain([("<text ", text_classes)])
            {
                for e in inline.split(element).skip(1) {
                    let tag = &e[..e.find('>').unwrap()];
                    let class = tag
                        .split("class=\"")
                        .nth(1)
                        .map_or("", |c| c.split('"').next().unwrap());
                    assert!(
                        classes.contains(&class),
                        "{element}{tag}> has no class of {classes:?}"
                    );
                }
            }
            // The download of the same chart: the same drawing with its
            // light colours written in, on a white ground.
            let id = inline
                .split("aria-labelledby=\"")
                .nth(1)
                .and_then(|r| r.split("-title").next())
                .unwrap();
            let file = text(files, &format!("{lang}/{id}.svg"));
            let standalone = svgs(&file)[0];
            for (class, colour) in [
                ("series", "#0072B2"),
                ("gap", "#868686"),
                ("label", "#1A1A1A"),
            ] {
                assert_eq!(
                    standalone
                        .matches(&format!("class=\"{class}\" fill=\"{colour}\""))
                        .count(),
                    inline.matches(&format!("class=\"{class}\"")).count(),
                    "{id}.svg: {class}"
                );
            }
            assert!(standalone.contains(
                "<rect class=\"ground\" width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>"
            ));
            let mut unpainted = standalone
                .replace(
                    "<rect class=\"ground\" width=\"100%\" height=\"100%\" fill=\"#FFFFFF\"/>",
                    "",
                )
                .replace(" fill=\"#0072B2\"", "")
                .replace(" fill=\"#868686\"", "")
                .replace(" fill=\"#1A1A1A\"", "");
            // The declared charts' series, lines and grid.
            for (class, paint) in LIGHT {
                unpainted = unpainted.replace(
                    &format!("class=\"{class}\" {paint}"),
                    &format!("class=\"{class}\""),
                );
            }
            assert_eq!(
                unpainted, inline,
                "{id}: page and download draw differently"
            );
        }
    }
    assert!(charts >= 10, "only {charts} charts");
    // The stylesheet colours each class, for both schemes.
    let css_name = files
        .keys()
        .filter_map(|p| p.to_str())
        .find(|p| p.starts_with("assets/style.") && p.ends_with(".css"))
        .unwrap();
    let css = text(files, css_name);
    let dark = &css[css
        .find("@media screen and (prefers-color-scheme: dark)")
        .expect("a dark palette")..];
    for var in [
        "--chart-series",
        "--chart-gap",
        "--chart-text",
        "--chart-bg",
    ] {
        assert!(
            dark[..dark.find("\n}\n").unwrap()].contains(&format!("{var}:")),
            "{var}"
        );
    }
    for (class, var) in [
        ("series", "--chart-series"),
        ("gap", "--chart-gap"),
        ("label", "--chart-text"),
    ] {
        assert!(
            css.contains(&format!(".chart-svg .{class} {{\n  fill: var({var});")),
            "no rule for .{class}"
        );
    }
}
