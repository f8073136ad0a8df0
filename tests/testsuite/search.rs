//! The search bundle: built from the rendered site in memory, one index
//! per language with its stemmer, the browser files beside it, and the
//! same bytes on every run.

use crate::common;

use std::collections::BTreeMap;
use std::io::Read;
use std::sync::LazyLock;

use crate::common::render_site;
use netra::pipeline::BuildOptions;

/// The shipped site, built once for every test here.
static SITE: LazyLock<netra::render::Output> = LazyLock::new(|| {
    let opts = BuildOptions {
        content: common::repo().join("content"),
        theme: common::shipped_theme(),
        ..BuildOptions::default()
    };
    match render_site(&opts) {
        Ok(r) => r.output,
        Err(e) => panic!("the shipped site does not build:\n{e}"),
    }
});

/// Its search bundle, path → bytes.
static BUNDLE: LazyLock<BTreeMap<String, Vec<u8>>> = LazyLock::new(|| {
    netra::search::index(&SITE)
        .expect("indexing succeeds")
        .into_iter()
        .collect()
});

/// A `.pf_*` file's payload: gzip around `pagefind_dcd` and the data.
fn unpack(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    assert!(out.starts_with(b"pagefind_dcd"), "not a Pagefind file");
    out.split_off(b"pagefind_dcd".len())
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// Every word-index chunk of one language, unpacked and joined.
fn words(bundle: &BTreeMap<String, Vec<u8>>, lang: &str) -> Vec<u8> {
    bundle
        .iter()
        .filter(|(p, _)| p.starts_with(&format!("pagefind/index/{lang}_")))
        .flat_map(|(_, b)| unpack(b))
        .collect()
}

/// Every indexed page of the site: URL → its fragment (title, text, meta).
fn fragments(bundle: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, serde_json::Value> {
    bundle
        .iter()
        .filter(|(p, _)| p.starts_with("pagefind/fragment/"))
        .map(|(_, b)| {
            let v: serde_json::Value = serde_json::from_slice(&unpack(b)).unwrap();
            (v["url"].as_str().unwrap().to_string(), v)
        })
        .collect()
}

#[test]
fn bundle_has_the_browser_files_and_an_index_per_language() {
    let b = &*BUNDLE;
    for f in [
        "pagefind/pagefind.js",
        "pagefind/pagefind-worker.js",
        "pagefind/pagefind-ui.js",
        "pagefind/pagefind-ui.css",
        "pagefind/pagefind-entry.json",
        "pagefind/wasm.unknown.pagefind",
        "pagefind/wasm.id.pagefind",
        "pagefind/wasm.en.pagefind",
    ] {
        assert!(b.contains_key(f), "{f} missing; bundle: {:?}", b.keys());
    }
    assert!(
        b.keys().all(|p| p.starts_with("pagefind/")),
        "{:?}",
        b.keys()
    );
    let entry: serde_json::Value =
        serde_json::from_slice(&b["pagefind/pagefind-entry.json"]).unwrap();
    for lang in ["id", "en"] {
        let l = &entry["languages"][lang];
        assert!(l["page_count"].as_u64().unwrap() > 0, "{entry}");
        assert_eq!(l["wasm"], lang, "{lang} has no stemmer: {entry}");
        let meta = format!("pagefind/pagefind.{}.pf_meta", l["hash"].as_str().unwrap());
        assert!(b.contains_key(&meta), "{meta} missing");
        assert!(
            b.keys()
                .any(|p| p.starts_with(&format!("pagefind/index/{lang}_"))),
            "no word index for {lang}"
        );
        assert!(
            b.keys()
                .any(|p| p.starts_with(&format!("pagefind/fragment/{lang}_"))),
            "no pages for {lang}"
        );
    }
    // Only the default UI ships; the other two and the highlighter do not.
    assert!(
        !b.keys()
            .any(|p| p.contains("modular") || p.contains("component"))
    );
}

#[test]
fn same_site_same_bytes() {
    let first: Vec<_> = BUNDLE.iter().map(|(p, b)| (p.clone(), b.clone())).collect();
    let second = netra::search::index(&SITE).unwrap();
    assert_eq!(
        first.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        second.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    for ((path, a), (_, b)) in first.iter().zip(&second) {
        assert!(a == b, "{path} differs between two runs");
    }
}

#[test]
fn words_are_stemmed_per_language() {
    let b = &*BUNDLE;
    // Indonesian: "melanggar" (releases) and "pelanggaran" (site
    // description) both reduce to "langgar", so either finds the other.
    let id = words(b, "id");
    assert!(contains(&id, "langgar"), "no Indonesian stem `langgar`");
    assert!(
        !contains(&id, "pelanggaran"),
        "`pelanggaran` left unstemmed"
    );
    // English: "breaches" and "breach" meet at "breach".
    let en = words(b, "en");
    assert!(contains(&en, "breach"), "no English stem `breach`");
    assert!(!contains(&en, "breaches"), "`breaches` left unstemmed");
}

#[test]
fn results_carry_title_text_and_a_site_absolute_url() {
    let b = &*BUNDLE;
    let f = fragments(b);
    let release = f
        .get("/siaran-pers/2020-08-05-gnn-asn-seri-kedua/")
        .unwrap_or_else(|| panic!("press release not indexed; pages: {:?}", f.keys()));
    assert!(
        release["meta"]["title"]
            .as_str()
            .unwrap()
            .contains("GNN-ASN Seri Kedua"),
        "{release}"
    );
    assert!(
        release["content"].as_str().unwrap().contains("618"),
        "{release}"
    );
    assert!(f.keys().all(|u| u.starts_with('/')), "{:?}", f.keys());
    assert!(
        !f.keys().any(|u| u.contains("404")),
        "a not-found page is indexed"
    );
    // Once press.html marks its date for Pagefind, results show it.
    let template =
        std::fs::read_to_string(common::shipped_theme().join("templates/press.html")).unwrap();
    if template.contains("data-pagefind-meta=\"date") {
        assert!(
            release["meta"]["date"]
                .as_str()
                .is_some_and(|d| !d.is_empty()),
            "{release}"
        );
    }
}

fn page(lang: &str, main: &str) -> Vec<u8> {
    format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><title>x</title></head>\
         <body><header>Netra</header><main>{main}</main></body></html>"
    )
    .into_bytes()
}

#[test]
fn marked_pages_only_with_their_date() {
    let mut out = netra::render::Output::new();
    out.insert(
        "siaran-pers/a/index.html".into(),
        page(
            "id",
            "<article data-pagefind-body><h1>Deklarasi</h1>\
             <p><time data-pagefind-meta=\"date\" datetime=\"2020-08-05\">5 Agustus 2020</time></p>\
             <p>Pelanggaran netralitas.</p><nav data-pagefind-ignore>Lebih lama</nav></article>",
        ),
    );
    out.insert(
        "siaran-pers/index.html".into(),
        page("id", "<h1>Siaran pers</h1><p>Deklarasi</p>"),
    );
    out.insert(
        "en/press/b/index.html".into(),
        page(
            "en",
            "<article data-pagefind-body><h1>Breaches</h1></article>",
        ),
    );
    out.insert("404.html".into(), page("id", "<h1>Tidak ada</h1>"));
    let b: BTreeMap<String, Vec<u8>> = netra::search::index(&out).unwrap().into_iter().collect();
    let f = fragments(&b);
    assert_eq!(
        f.keys().collect::<Vec<_>>(),
        ["/en/press/b/", "/siaran-pers/a/"],
        "only pages with data-pagefind-body"
    );
    let a = &f["/siaran-pers/a/"];
    assert_eq!(a["meta"]["title"], "Deklarasi");
    assert_eq!(a["meta"]["date"], "5 Agustus 2020");
    assert!(
        !a["content"].as_str().unwrap().contains("Lebih lama"),
        "{a}"
    );
    assert!(!a["content"].as_str().unwrap().contains("Netra"), "{a}");
}

/// `--no-search` builds a site that holds together: no bundle, and a search
/// page that says the index was not built instead of loading files that do
/// not exist (the link check would refuse those).
#[test]
fn a_build_without_search_links_nothing_missing() {
    let s = common::Scratch::new();
    let o = s.build_with(&["--no-search"]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert!(!s.output().join("pagefind").exists());
    let page = s.page("cari/index.html");
    assert!(!page.contains("pagefind"), "{page}");
    assert!(page.contains("--no-search"), "{page}");
    let en = s.page("en/search/index.html");
    assert!(en.contains("was not built"), "{en}");
    // With the index, the same page loads the UI.
    let o = s.build();
    assert!(o.status.success(), "{}", common::stderr(&o));
    assert!(s.page("cari/index.html").contains("pagefind-ui.js"));
}

/// `a` and `b` hold the same files with the same data: Pagefind's data
/// files compared unzipped (netra compresses them less), the others byte
/// for byte.
fn assert_same_bundle(a: &[(String, Vec<u8>)], b: &[(String, Vec<u8>)]) {
    let names = |f: &[(String, Vec<u8>)]| f.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    assert_eq!(names(a), names(b), "not the same files");
    for ((path, x), (_, y)) in a.iter().zip(b) {
        if path.contains(".pf_") {
            let (x, y) = (unpack(x), unpack(y));
            assert!(
                x == y,
                "{path} differs:\n{}\n{}",
                String::from_utf8_lossy(&x),
                String::from_utf8_lossy(&y)
            );
        } else {
            assert!(x == y, "{path} differs");
        }
    }
}

fn direct(out: &netra::render::Output) -> Vec<(String, Vec<u8>)> {
    match netra::search::index_direct(out).unwrap() {
        netra::search::Direct::Built(files) => files,
        other => panic!("not built directly: {other:?}"),
    }
}

/// netra builds the bundle itself, on all cores (Pagefind's own indexer
/// takes a minute and 3 GB for 10 000 pages); the data must be exactly what
/// Pagefind would write, or `pagefind.js` would find other things.
#[test]
fn the_bundle_is_the_one_pagefind_builds() {
    let reference = netra::search::index_with_pagefind(&SITE).unwrap();
    assert_same_bundle(&direct(&SITE), &reference);
    assert_same_bundle(&BUNDLE.clone().into_iter().collect::<Vec<_>>(), &reference);
}

/// The same bytes whatever the number of threads.
#[test]
fn the_bundle_does_not_depend_on_the_thread_count() {
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(|| direct(&SITE));
    let four = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .unwrap()
        .install(|| direct(&SITE));
    assert!(one == four, "one thread and four differ");
}

/// Pages that exercise what Pagefind reads from HTML: headings and their
/// weights, anchors, lists and tables, ignored parts, entities, metadata,
/// words with diacritics, compounds, emoji, and languages with and
/// without a stemmer.
fn tricky_site() -> netra::render::Output {
    let mut out = netra::render::Output::new();
    let doc = |lang: &str, title: &str, body: &str| {
        format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>{title}</title>\n<script type=\"application/ld+json\">{{\"a\":1}}</script>\n\
             <style>p {{ color: red }}</style>\n</head>\n<body>\n\
             <header><a href=\"/\">Netra</a><nav><ul><li>Menu</li></ul></nav></header>\n\
             <main id=\"main\">\n{body}\n</main>\n<footer><p>Kaki</p></footer>\n</body>\n</html>\n"
        )
        .into_bytes()
    };
    out.insert(
        "siaran-pers/a/index.html".into(),
        doc(
            "id",
            "A &amp; B · Netra",
            "<article class=\"press\" data-pagefind-body>\n  <header>\n    \
             <h1>Deklarasi <em>Netralitas</em> ASN &amp; TNI</h1>\n    \
             <p class=\"meta\"><time datetime=\"2020-08-05\" data-pagefind-meta=\"date\">5 Agustus 2020</time> · Jawa</p>\n  \
             </header>\n  <div class=\"body\"><p>Pelanggaran   netralitas\noleh ASN-nya (KASN) \
             sebanyak 1.234,5 kasus; lihat sysconfig.is_python_build dan e-mail.</p>\n\
             <h2 id=\"rincian\">Rincian <a href=\"#x\">kasus</a> <span>lagi</span></h2>\
             <ul><li>satu</li><li>dua&nbsp;tiga</li><li><a href=\"#\">empat</a></li></ul>\
             <table><thead><tr><th>Provinsi</th><th>Jumlah</th></tr></thead>\
             <tbody><tr><td>Aceh</td><td>12</td></tr><tr><td>Bali</td><td>7</td></tr></tbody></table>\
             <h3 id=\"catatan 2\">Catatan</h3><p>Baris<br>baru &quot;kutipan&quot; &#39;tunggal&#39; café naïve 🎉 ThreeAntelopes</p>\
             <!-- komentar --><h4>Empat</h4><h5>Lima</h5><h6>Enam</h6>\
             <p><sup id=\"1\"><a href=\"#fn1\">1</a></sup> Catatan kaki.</p></div>\n  \
             <aside><h2>Sumber</h2><ul><li><a href=\"https://x\" rel=\"noopener\">Media</a>, 1 Mei 2020</li></ul></aside>\n  \
             <nav data-pagefind-ignore class=\"prev-next\"><a href=\"/b/\">← Lebih lama</a></nav>\n  \
             <div data-pagefind-ignore=\"all\"><p>Tersembunyi</p></div>\n</article>",
        ),
    );
    out.insert(
        "siaran-pers/b/index.html".into(),
        doc(
            "id",
            "Tanpa judul · Netra",
            "<div data-pagefind-body><p>Halaman tanpa h1, judul dari &lt;title&gt;.</p>\
             <img src=\"/a.png?x=1&amp;y=2\" alt=\"Gambar &amp; teks\"></div>",
        ),
    );
    out.insert(
        "siaran-pers/c/index.html".into(),
        doc(
            "id",
            "C",
            "<article data-pagefind-body><h1>Judul C</h1><img src=\"/c.png\" alt=\"Foto\">\
             <p data-pagefind-meta=\"sumber:Koran Jakarta, tipe[class]\" class=\"rilis\">Isi.</p></article>",
        ),
    );
    out.insert(
        "siaran-pers/kosong/index.html".into(),
        doc(
            "id",
            "Kosong",
            "<article data-pagefind-body><p> — </p></article>",
        ),
    );
    // A language with no words at all: no index, no stemmer.
    out.insert(
        "fr/vide/index.html".into(),
        doc(
            "fr",
            "Vide",
            "<article data-pagefind-body><p> … </p></article>",
        ),
    );
    out.insert(
        "en/press/breaches/index.html".into(),
        doc(
            "en",
            "Breaches",
            "<article data-pagefind-body><h1>Breaches of neutrality</h1>\
             <p>Civil servants&#39; breaches, breaching and breached rules.</p></article>",
        ),
    );
    out.insert(
        "ja/index.html".into(),
        doc(
            "ja",
            "ジャパン",
            "<article data-pagefind-body><h1>カタカナテスト</h1><p>中立性 の テスト</p></article>",
        ),
    );
    out.insert(
        "en-gb/x/index.html".into(),
        doc(
            "en-GB",
            "Colour",
            "<article data-pagefind-body><h1>Colourful</h1><p>Organisations.</p></article>",
        ),
    );
    // Charts drawn in SVG: left out of the text, but their ids still
    // number the anchors after them, and an SVG `<title>` names a page
    // that has no other title.
    out.insert(
        "statistik/a/index.html".into(),
        doc(
            "id",
            "Statistik",
            "<svg class=\"icon\" aria-hidden=\"true\"><use href=\"#i\"/></svg>\
             <article data-pagefind-body><h1>Grafik</h1><figure id=\"fig\">\
             <figcaption id=\"cap\"><h3>Kasus per tahun</h3></figcaption><div class=\"chart\">\
             <svg viewBox=\"0 0 4 4\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\">\
             <title id=\"t\">Kasus &amp; tahun</title><desc id=\"d\">Terbanyak: 2018 11,945.</desc>\
             <defs><linearGradient id=\"g\"><stop offset=\"0\"/></linearGradient></defs>\
             <g><text x=\"8\" y=\"8\">\n2017\n</text>\
             <rect x=\"8\" y=\"32\" width=\"81\" height=\"22\" fill=\"#0072B2\" stroke=\"none\"/>\
             <a href=\"#x\" id=\"svg-link\"><text>tautan</text></a><path d=\"M0 0L1 1\"></path></g>\
             </svg></div></figure><h2 id=\"after\">Sesudah grafik</h2><p>Teks akhir.</p></article>",
        ),
    );
    out.insert(
        "statistik/b/index.html".into(),
        b"<!DOCTYPE html><html lang=\"id\"><head></head><body><article data-pagefind-body>\
          <svg><title>Judul dari svg</title><circle r=\"1\"/></svg><p>Isi tanpa judul.</p>\
          </article></body></html>"
            .to_vec(),
    );
    // Not indexed: no body mark, or a "not found" page.
    out.insert(
        "siaran-pers/index.html".into(),
        doc("id", "Daftar", "<h1>Siaran pers</h1><p>Deklarasi</p>"),
    );
    out.insert(
        "404.html".into(),
        doc(
            "id",
            "404",
            "<article data-pagefind-body><h1>Tidak ada</h1></article>",
        ),
    );
    out
}

#[test]
fn tricky_pages_are_read_as_pagefind_reads_them() {
    let site = tricky_site();
    let reference = netra::search::index_with_pagefind(&site).unwrap();
    assert_same_bundle(&direct(&site), &reference);
    let f = fragments(&reference.into_iter().collect());
    assert_eq!(f.len(), 8, "{:?}", f.keys());
    assert_eq!(f["/statistik/b/"]["meta"]["title"], "Judul dari svg");
}

/// HTML the direct reader does not model (here an unclosed `<p>`, which
/// HTML allows), or a page without a language among pages with one, is
/// left to Pagefind: slower, never different.
#[test]
fn html_it_does_not_model_goes_to_pagefind() {
    let mut site = tricky_site();
    site.insert(
        "siaran-pers/d/index.html".into(),
        page("id", "<article data-pagefind-body><p>Satu<p>Dua</article>"),
    );
    match netra::search::index_direct(&site).unwrap() {
        netra::search::Direct::Unsupported { page, .. } => {
            assert_eq!(page, "siaran-pers/d/index.html")
        }
        netra::search::Direct::Built(_) => panic!("built directly"),
    }
    let reference = netra::search::index_with_pagefind(&site).unwrap();
    assert!(netra::search::index(&site).unwrap() == reference);

    // Pagefind adds pages without a language to the one with the most.
    let mut site = tricky_site();
    site.insert(
        "tanpa-bahasa/index.html".into(),
        b"<!DOCTYPE html><html><head><title>x</title></head><body>\
          <article data-pagefind-body><h1>Tanpa bahasa</h1></article></body></html>"
            .to_vec(),
    );
    assert!(matches!(
        netra::search::index_direct(&site).unwrap(),
        netra::search::Direct::Unsupported { .. }
    ));
    let reference = netra::search::index_with_pagefind(&site).unwrap();
    assert!(netra::search::index(&site).unwrap() == reference);
}

/// Enough pages, words and positions that the work is split (into runs
/// of pages, batches of runs, files of the word index) as on a large site.
#[test]
fn a_large_site_is_indexed_as_pagefind_indexes_it() {
    let mut out = netra::render::Output::new();
    let vocabulary = [
        "netralitas",
        "pelanggaran",
        "aparatur",
        "sipil",
        "negara",
        "kampanye",
        "café",
        "naïve",
        "pemilu",
        "ASN-nya",
        "e-mail",
        "1.234,5",
        "Komisi",
        "daerah",
        "rekomendasi",
        "Bawaslu",
        "pejabat",
        "jabatan",
        "fungsional",
        "média",
        "sosial",
        "pilkada",
    ];
    for i in 0..2600usize {
        let words: Vec<&str> = (0..40 + i % 37)
            .map(|k| vocabulary[(i * 7 + k * k * 3 + k / 5) % vocabulary.len()])
            .collect();
        let lang = if i % 9 == 0 { "en" } else { "id" };
        out.insert(
            format!("siaran-pers/{i:05}/index.html"),
            page(
                lang,
                &format!(
                    "<article data-pagefind-body><h1>Rilis {i} {}</h1>\
                     <p><time data-pagefind-meta=\"date\">{} Mei 2020</time></p>\
                     <p>{}</p><p>kata{i}</p></article>",
                    words[0],
                    1 + i % 28,
                    words.join(" ")
                ),
            ),
        );
    }
    let reference = netra::search::index_with_pagefind(&out).unwrap();
    let built = direct(&out);
    assert!(
        built
            .iter()
            .filter(|(p, _)| p.contains("/index/id_"))
            .count()
            > 3,
        "one word-index file"
    );
    assert_same_bundle(&built, &reference);
}

/// A build offers its pages a chunk at a time, in the plan's order, not
/// by path: the bundle is the same as from the whole site at once.
#[test]
fn pages_offered_in_chunks_in_any_order_make_the_same_bundle() {
    for site in [SITE.clone(), tricky_site()] {
        let whole = netra::search::index(&site).unwrap();
        let mut files: Vec<(String, Vec<u8>)> = site.clone().into_iter().collect();
        // Pages without a marked body first, then a deterministic shuffle.
        files.sort_by_key(|(p, b)| {
            let marked = contains(b, "data-pagefind-body");
            (marked, p.len() % 5, p.clone())
        });
        let mut pages = netra::search::Pages::default();
        for chunk in files.chunks(7) {
            pages.offer(chunk);
        }
        let (built, fallback) = pages
            .index(|p| Err(format!("{p} should not be read again")))
            .unwrap();
        assert!(fallback.is_none(), "{fallback:?}");
        assert!(built == whole, "chunked and whole differ");
    }
}

/// When Pagefind's own indexer is needed, the pages are read again (a
/// build reads them from its staging folder) and the reason is given.
#[test]
fn pages_pagefind_must_index_are_read_again() {
    let mut site = tricky_site();
    site.insert(
        "siaran-pers/d/index.html".into(),
        page("id", "<article data-pagefind-body><p>Satu<p>Dua</article>"),
    );
    let mut pages = netra::search::Pages::default();
    let files: Vec<(String, Vec<u8>)> = site.clone().into_iter().collect();
    for chunk in files.chunks(3) {
        pages.offer(chunk);
    }
    let (built, fallback) = pages
        .index(|p| site.get(p).cloned().ok_or_else(|| p.to_string()))
        .unwrap();
    assert!(
        fallback
            .as_deref()
            .is_some_and(|w| w.contains("siaran-pers/d/index.html")),
        "{fallback:?}"
    );
    assert!(built == netra::search::index_with_pagefind(&site).unwrap());
}
