//! PNG charts for journalists: every chart of every language also as a
//! PNG at twice its size, framed with the title, unit and source its page
//! shows, in the theme's font, with the same bytes on every build.

use crate::common;

use std::sync::LazyLock;

use crate::common::render_site;
use netra::chart::png::{Caption, Composed, SCALE, compose};
use netra::pipeline::BuildOptions;
use netra::render::chart_png::CaptionText;
use netra::site::{Laps, Site, Sources};

fn options() -> BuildOptions {
    BuildOptions {
        content: common::repo().join("content"),
        theme: common::repo().join("themes/default"),
        search: false,
        ..BuildOptions::default()
    }
}

/// The shipped site, built once for every test here.
static OUTPUT: LazyLock<netra::render::Output> = LazyLock::new(|| match render_site(&options()) {
    Ok(r) => r.output,
    Err(e) => panic!("the shipped site does not build:\n{e}"),
});

static SITE: LazyLock<Site> = LazyLock::new(|| {
    let theme = common::repo().join("themes/default");
    let content = common::repo().join("content");
    let sources = Sources {
        content: &content,
        theme: &theme,
        base_url: None,
        search: false,
        publish: Default::default(),
    };
    Site::load(&sources, &mut Laps::default()).unwrap_or_else(|e| panic!("{e}"))
});

/// One chart of one language: where its files are, its SVG, and the
/// frame its PNG was rasterised from.
struct Chart {
    base: String,
    svg: String,
    text: CaptionText,
    composed: Composed,
}

static CHARTS: LazyLock<Vec<Chart>> = LazyLock::new(|| {
    let renderer = SITE.renderer();
    let mut out = Vec::new();
    for v in renderer.langs() {
        for ch in v.charts.iter() {
            let text = CaptionText::new(&SITE.content, v, ch);
            let composed = compose(&ch.svg, &text.caption(), &SITE.theme.chart_fonts)
                .unwrap_or_else(|e| panic!("{}: {e}", ch.id));
            out.push(Chart {
                base: v.sections.chart_file(&ch.id),
                svg: ch.svg.clone(),
                text,
                composed,
            });
        }
    }
    out
});

/// The PNG's size and its pixels as RGB (a palette expanded), with the
/// colour type the file stores them in.
fn decode(bytes: &[u8]) -> (png::OutputInfo, Vec<u8>, png::ColorType) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().expect("a PNG");
    let stored = reader.info().color_type;
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).expect("its pixels");
    buf.truncate(info.buffer_size());
    assert_eq!(info.color_type, png::ColorType::Rgb, "opaque, no alpha");
    (info, buf, stored)
}

/// The chunk types of a PNG, in order.
fn chunks(bytes: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 8;
    while at + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        out.push(String::from_utf8_lossy(&bytes[at + 4..at + 8]).into_owned());
        at += 12 + len;
    }
    out
}

/// Width and height of the chart's `viewBox`.
fn view_box(svg: &str) -> (u32, u32) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let vb: Vec<u32> = doc
        .root_element()
        .attribute("viewBox")
        .unwrap()
        .split(' ')
        .map(|n| n.parse().unwrap())
        .collect();
    (vb[2], vb[3])
}

fn page_of<'a>(output: &'a netra::render::Output, path: &str) -> &'a str {
    std::str::from_utf8(output.get(path).unwrap_or_else(|| panic!("no {path}"))).unwrap()
}

#[test]
fn every_chart_has_a_png_in_each_language_linked_beside_its_svg() {
    let languages = SITE.content.site.languages.len();
    assert!(languages >= 2);
    assert!(
        CHARTS.len() >= 5 * languages,
        "only {} charts",
        CHARTS.len()
    );
    for ch in CHARTS.iter() {
        let png = format!("{}.png", ch.base);
        assert!(OUTPUT.contains_key(&png), "{png} is not written");
        assert!(OUTPUT.contains_key(&format!("{}.svg", ch.base)));
    }
    let pngs = OUTPUT.keys().filter(|k| k.ends_with(".png")).count();
    assert_eq!(pngs, CHARTS.len(), "a PNG for no chart, or two for one");
    // Every page offering a chart's SVG offers its PNG beside it.
    let mut links = 0;
    for (path, bytes) in OUTPUT.iter().filter(|(k, _)| k.ends_with(".html")) {
        let html = std::str::from_utf8(bytes).unwrap();
        for block in html.split("<p class=\"downloads\">").skip(1) {
            let block = &block[..block.find("</p>").unwrap()];
            let svg = block
                .split("href=\"")
                .find(|h| h.contains(".svg\""))
                .unwrap();
            let svg = &svg[..svg.find('"').unwrap()];
            let png = svg.replace(".svg", ".png");
            assert!(
                block.contains(&format!("href=\"{png}\" download")),
                "{path} links {svg} but not {png}"
            );
            links += 1;
        }
    }
    assert!(links >= CHARTS.len(), "only {links} download lists");
}

#[test]
fn a_png_is_its_frame_at_twice_the_size_of_the_chart() {
    for ch in CHARTS.iter() {
        let bytes = &OUTPUT[&format!("{}.png", ch.base)];
        let (info, _, stored) = decode(bytes);
        let (w, h) = view_box(&ch.svg);
        assert_eq!(
            (info.width, info.height),
            (ch.composed.width * SCALE, ch.composed.height * SCALE),
            "{}",
            ch.base
        );
        assert_eq!(info.width, 2 * w, "{}: not twice the SVG's width", ch.base);
        // The frame adds the title above and the source below.
        assert!(
            info.height > 2 * h + 2 * 60,
            "{}: no room for the frame",
            ch.base
        );
        // A chart's few colours and their edges fit a palette.
        assert_eq!(stored, png::ColorType::Indexed, "{}", ch.base);
        // Nothing that would change from one build or machine to the next.
        let kinds = chunks(bytes);
        for k in ["tIME", "tEXt", "zTXt", "iTXt", "iCCP"] {
            assert!(!kinds.iter().any(|c| c == k), "{}: has {k}", ch.base);
        }
    }
}

#[test]
fn two_builds_give_the_same_pngs_whatever_the_threads() {
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| render_site(&options()))
        .unwrap()
        .output;
    let mut compared = 0;
    for (k, v) in OUTPUT.iter().filter(|(k, _)| k.ends_with(".png")) {
        assert!(one.get(k) == Some(v), "{k} differs between two builds");
        compared += 1;
    }
    assert_eq!(compared, CHARTS.len());
}

/// Caption text as the composed SVG holds it.
fn escaped(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A page's text without its tags, spaces collapsed.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_frame_says_what_the_page_says() {
    let mut compared = 0;
    for ch in CHARTS.iter() {
        // Every chart has its own page (the statistics page draws only
        // those across years); its source line is the sources, then " · "
        // and links to the figures.
        let html = page_of(&OUTPUT, &format!("{}/index.html", ch.base));
        let id = ch.base.rsplit('/').next().unwrap();
        let Some(start) = html.find(&format!("<figure class=\"chart\" id=\"{id}\"")) else {
            continue;
        };
        compared += 1;
        let figure = &html[start..start + html[start..].find("</figure>").unwrap()];
        let source = figure.split("<p class=\"source\">").nth(1).unwrap();
        let source = text_of(&source[..source.find("</p>").unwrap()]);
        let sources = source.split(" · ").next().unwrap();
        assert!(
            ch.text.source.starts_with(sources),
            "{}: the frame says {:?}, the page {sources:?}",
            ch.base,
            ch.text.source
        );
        let meta = figure.split("<p class=\"meta\">").nth(1).unwrap();
        let meta = text_of(&meta[..meta.find("</p>").unwrap()]);
        assert!(meta.starts_with(&ch.text.unit), "{}: {meta:?}", ch.base);
        if let Some(as_of) = meta.split(" · ").nth(1) {
            assert!(ch.text.source.ends_with(as_of), "{}: {as_of:?}", ch.base);
        }
        // Every word of the caption is in the SVG that is rasterised
        // (lines may break between words, and drop a " · " they break at).
        let words = |s: &str| {
            s.split_whitespace()
                .filter(|w| *w != "·")
                .map(escaped)
                .collect::<Vec<_>>()
        };
        for part in [
            &ch.text.title,
            &ch.text.unit,
            &ch.text.source,
            &ch.text.credit,
        ] {
            // A word longer than a line (a permalink) is broken inside.
            let flat: String = ch
                .composed
                .svg
                .split('<')
                .filter_map(|t| t.split_once('>').map(|(_, text)| text))
                .collect::<String>()
                .split_whitespace()
                .collect();
            for w in words(part) {
                assert!(
                    ch.composed.svg.contains(&w) || flat.contains(&w),
                    "{}: {w:?} is not in the frame",
                    ch.base
                );
            }
        }
    }
    assert!(
        compared * 2 > CHARTS.len(),
        "only {compared} charts compared"
    );
}

/// Pixels darker than mid-grey in rows `from..to` of an RGB image.
fn dark_pixels(pixels: &[u8], width: u32, from: u32, to: u32) -> usize {
    let row = width as usize * 3;
    pixels[from as usize * row..to as usize * row]
        .chunks_exact(3)
        .filter(|p| (p[0] as u32 + p[1] as u32 + p[2] as u32) < 3 * 128)
        .count()
}

#[test]
fn the_source_line_is_drawn_in_the_image() {
    let fonts = &SITE.theme.chart_fonts;
    for ch in CHARTS.iter().take(4) {
        let (info, pixels, _) = decode(&OUTPUT[&format!("{}.png", ch.base)]);
        // The same frame without a source line, and without the credit
        // below it: the difference is where the source line is drawn.
        let without = |caption: Caption| compose(&ch.svg, &caption, fonts).unwrap().height;
        let no_source = without(Caption {
            source: "",
            ..ch.text.caption()
        });
        let no_credit = without(Caption {
            credit: "",
            ..ch.text.caption()
        });
        let lines = ch.composed.height - no_source;
        assert!(lines >= 17, "{}: the source takes no line", ch.base);
        // Above the credit's 2 units of space and the frame's 8 of margin.
        let end = no_credit - 2 - 8;
        let band = ((end - lines) * SCALE, end * SCALE);
        let dark = dark_pixels(&pixels, info.width, band.0, band.1);
        let area = (info.width * (band.1 - band.0)) as usize;
        // Text covers some tenths of its lines; a blank or unreadable
        // band would have none, a filled one most.
        assert!(
            dark * 100 > area * 2 && dark * 100 < area * 40,
            "{}: {dark} dark pixels of {area} in the source line",
            ch.base
        );
    }
}

#[test]
fn the_font_comes_with_the_theme_and_is_not_served() {
    assert!(
        !OUTPUT
            .keys()
            .any(|k| k.ends_with(".ttf") || k.ends_with(".otf"))
    );
    let s = common::Scratch::new();
    let theme = s.dir.path().join("theme");
    common::copy_dir(&common::repo().join("themes/default"), &theme);
    std::fs::remove_file(theme.join("fonts/LiberationSans-Regular.ttf")).unwrap();
    std::fs::remove_file(theme.join("fonts/LiberationSans-Bold.ttf")).unwrap();
    let out = s.netra([
        "check",
        "--content",
        "content",
        "--theme",
        theme.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    let err = common::stderr(&out);
    assert!(err.contains("fonts") && err.contains(".ttf"), "{err}");
}

/// The cache beside the output: a second build takes each PNG from it
/// and writes the same bytes (shown then by a planted picture that the
/// build publishes), a file cut short is drawn again, pictures no chart
/// uses go, and `--no-cache` draws everything, the same bytes again, and
/// leaves no folder.
#[test]
fn a_second_build_takes_the_pngs_from_the_cache_beside_the_output() {
    let s = common::Scratch::new().with_own_png_cache();
    let cold = s.build_on_threads("2", "output");
    let cache = s.dir.path().join(".output.cache");
    let warm = s.build_on_threads("2", "output");
    assert!(cold == warm, "a build from the cache wrote other bytes");
    let chart = "output/statistik/peta-pilkada-2020-kasn.png";
    let drawn = std::fs::read(s.dir.path().join(chart)).unwrap();
    let mut cached: Vec<std::path::PathBuf> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    cached.sort();
    let pngs = cold
        .keys()
        .filter(|p| p.extension().is_some_and(|x| x == "png"))
        .count();
    assert_eq!(cached.len(), pngs, "one cached picture per PNG written");
    let held = cached
        .iter()
        .find(|p| std::fs::read(p).unwrap() == drawn)
        .expect("the map's PNG is in the cache")
        .clone();
    // Plant another chart's picture under the map's name, cut another
    // file short and leave a stray one.
    let other = cached.iter().find(|p| **p != held).unwrap().clone();
    let planted = std::fs::read(&other).unwrap();
    std::fs::write(&held, &planted).unwrap();
    let cut = cached.iter().find(|p| **p != held && **p != other).unwrap();
    let whole = std::fs::read(cut).unwrap();
    std::fs::write(cut, &whole[..whole.len() / 2]).unwrap();
    std::fs::write(cache.join("stray.png"), b"x").unwrap();

    let out = s.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
    assert_eq!(
        std::fs::read(s.dir.path().join(chart)).unwrap(),
        planted,
        "the second build took the map from the cache"
    );
    assert_eq!(
        std::fs::read(cut).unwrap(),
        whole,
        "a cut file is drawn again"
    );
    assert!(
        !cache.join("stray.png").exists(),
        "a picture no chart uses goes"
    );

    // Without the cache every PNG is drawn: the bytes of the first build.
    std::fs::remove_dir_all(&cache).unwrap();
    let o = s.netra(
        s.args("build", Some("two"))
            .iter()
            .map(String::as_str)
            .chain(["--no-cache"]),
    );
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert!(
        common::snapshot(&s.dir.path().join("two")) == cold,
        "--no-cache wrote other bytes"
    );
    assert!(!cache.exists() && !s.dir.path().join(".two.cache").exists());
}

/// A folder named with `--cache-dir` may serve several sites (branches,
/// a CI cache): a build adds its pictures and removes only those no build
/// has used for a month and other runs' leftover temporary files, writes
/// nothing beside its output, and a build that finds every picture there
/// (even from a copy of the binary, as CI's `cargo install` makes on
/// every run) writes the bytes of the build that drew them.
#[test]
fn a_cache_folder_named_on_the_command_line_is_shared_and_kept() {
    let s = common::Scratch::new().with_own_png_cache();
    let shared = s.dir.path().join("shared");
    let build_with = |netra: &std::path::Path, out: &str| {
        let o = std::process::Command::new(netra)
            .args(s.args("build", Some(out)))
            .args(["--cache-dir", shared.to_str().unwrap()])
            .current_dir(s.dir.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", common::stderr(&o));
        common::snapshot(&s.dir.path().join(out))
    };
    let netra = std::path::Path::new(env!("CARGO_BIN_EXE_netra"));
    let build = |out: &str| build_with(netra, out);
    let held = || -> std::collections::BTreeSet<std::path::PathBuf> {
        std::fs::read_dir(&shared)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect()
    };
    let first = build("one");
    let after_first = held();
    assert!(
        after_first.len() > 100,
        "{} pictures cached",
        after_first.len()
    );
    let age = |path: &std::path::Path, secs: u64| {
        let then = std::time::SystemTime::now() - std::time::Duration::from_secs(secs);
        std::fs::File::options()
            .append(true)
            .open(path)
            .unwrap()
            .set_modified(then)
            .unwrap();
    };
    let aged = |name: &str, secs: u64| {
        let path = shared.join(name);
        std::fs::write(&path, b"x").unwrap();
        age(&path, secs);
        path
    };
    const DAY: u64 = 86_400;
    let hash = |c: char| c.to_string().repeat(40);
    let recent = aged(&format!("{}.png", hash('a')), 20 * DAY);
    let stale = aged(&format!("{}.png", hash('b')), 40 * DAY);
    let leftover = aged(&format!("{}.123-0.part", hash('c')), DAY);
    let being_written = aged(&format!("{}.456-7.part", hash('d')), 60);
    let not_ours = aged("notes.txt", 400 * DAY);
    // Another site: one figure differs, and with it the charts that show it.
    s.replace("figures/kasn-2020-10-07.yaml", "value: 256", "value: 260");
    build("two");
    let after_second = held();
    assert!(
        after_second.is_superset(&after_first),
        "nothing in use removed"
    );
    for (path, kept, why) in [
        (&recent, true, "a picture used 20 days ago is kept"),
        (&stale, false, "one unused for 40 days is removed"),
        (&leftover, false, "a day-old temporary file is removed"),
        (&being_written, true, "a minute-old one is another run's"),
        (&not_ours, true, "a file netra did not write is kept"),
    ] {
        assert_eq!(after_second.contains(path), kept, "{why}");
    }
    assert!(
        after_second.len() > after_first.len() + 3,
        "the second site's own pictures are added"
    );
    std::fs::remove_file(&being_written).unwrap();
    std::fs::remove_file(&not_ours).unwrap();
    let after_second = held();
    assert!(
        after_second
            .iter()
            .all(|p| p.extension().is_some_and(|x| x == "png")),
        "no temporary file left"
    );
    // A month on, without a build: a build that uses the first site's
    // pictures marks them used, and they stay.
    for p in &after_first {
        age(p, 40 * DAY);
    }
    // The same netra installed again: a copy of the binary, another time.
    let copy = s.dir.path().join("netra-installed-again");
    std::fs::copy(netra, &copy).unwrap();
    s.replace("figures/kasn-2020-10-07.yaml", "value: 260", "value: 256");
    let again = build_with(&copy, "three");
    let after_third = held();
    assert!(
        after_third.is_superset(&after_first),
        "the used pictures stay"
    );
    for p in &after_first {
        let modified = std::fs::metadata(p).unwrap().modified().unwrap();
        assert!(
            modified.elapsed().unwrap() < std::time::Duration::from_secs(DAY),
            "{} not marked used",
            p.display()
        );
    }
    assert!(
        after_third.is_subset(&after_second),
        "every picture was there"
    );
    assert!(
        again == first,
        "a build from the shared folder wrote other bytes"
    );
    for out in ["one", "two", "three"] {
        assert!(!s.dir.path().join(format!(".{out}.cache")).exists());
    }
}
