//! Rebuilds after an edit (`netra serve`) redo only what the edit touched,
//! and the output they leave is byte for byte what a full build writes:
//! for every kind of edit, the session's delta is applied to the previous
//! output and compared with a fresh full build of the edited content.

use crate::common::render_site;
use netra::pipeline::BuildOptions;
use netra::render::Output;
use netra::session::{Delta, Session};

use crate::common::Scratch;

struct Loop {
    scratch: Scratch,
    /// Drafts and embargoed records shown, as `serve` does by default.
    preview: bool,
    session: Session,
    output: Output,
    /// Pages the last rebuild rendered before the ones it left for later.
    first_rendered: usize,
}

impl Loop {
    /// A scratch site with case records and its own theme, built once by
    /// a session.
    fn new() -> Self {
        Self::start(false)
    }

    /// As [`Loop::new`], showing drafts as `serve`'s preview does.
    fn previewing() -> Self {
        Self::start(true)
    }

    fn start(preview: bool) -> Self {
        let scratch = Scratch::new().with_cases().with_theme_copy();
        let mut opts = Self::options(&scratch);
        opts.publish.drafts = preview;
        let mut session = Session::new(opts);
        let first = session.rebuild(&[]).expect("the shipped site builds");
        assert!(first.remove.is_empty());
        assert_eq!(
            first.rendered, first.pages,
            "a first build renders every page"
        );
        let mut l = Loop {
            scratch,
            preview,
            session,
            output: Output::new(),
            first_rendered: 0,
        };
        l.apply(first);
        l.assert_same_as_full_build();
        l
    }

    fn options(scratch: &Scratch) -> BuildOptions {
        BuildOptions {
            content: scratch.content(),
            theme: scratch.theme().to_path_buf(),
            search: false,
            ..BuildOptions::default()
        }
    }

    fn apply(&mut self, d: Delta) {
        for f in d.remove {
            assert!(
                self.output.remove(&f).is_some(),
                "removes {f}, never written"
            );
        }
        self.output.extend(d.write);
    }

    /// Rebuilds after `rel` (under content/, or `theme:` + a theme path)
    /// changed, then renders what it left for later, as `serve` does;
    /// applies both deltas. Returns the fast path taken and the pages
    /// rendered in all, of those planned.
    fn changed(&mut self, rel: &str) -> Result<(bool, usize, usize), String> {
        let path = match rel.strip_prefix("theme:") {
            Some(t) => self.scratch.theme().canonicalize().unwrap().join(t),
            None => self.scratch.content().canonicalize().unwrap().join(rel),
        };
        let d = self.session.rebuild(&[path]).map_err(|e| e.to_string())?;
        let (fast, mut rendered, pages) = (d.fast, d.rendered, d.pages);
        self.first_rendered = rendered;
        let deferred = d.deferred;
        self.apply(d);
        match self.session.rebuild_rest() {
            Some(rest) => {
                assert!(deferred, "pages left for later only when the delta says so");
                let rest = rest.map_err(|e| e.to_string())?;
                rendered += rest.rendered;
                self.apply(rest);
            }
            None => assert!(!deferred, "a delta that left pages has them rendered"),
        }
        Ok((fast, rendered, pages))
    }

    fn assert_same_as_full_build(&self) {
        let mut opts = Self::options(&self.scratch);
        opts.publish.drafts = self.preview;
        let full = render_site(&opts)
            .unwrap_or_else(|e| panic!("full build fails:\n{e}"))
            .output;
        let differ: Vec<&String> = full
            .iter()
            .filter(|(k, v)| self.output.get(*k) != Some(v))
            .map(|(k, _)| k)
            .chain(self.output.keys().filter(|k| !full.contains_key(*k)))
            .collect();
        assert!(
            differ.is_empty(),
            "{} files differ from a full build, e.g. {:?}",
            differ.len(),
            &differ[..differ.len().min(8)]
        );
    }
}

const RELEASE: &str = "press/2020-08-05-gnn-asn-seri-kedua.md";

#[test]
fn an_edited_release_re_renders_its_pages_only() {
    let mut l = Loop::new();
    let page = "siaran-pers/2020-08-05-gnn-asn-seri-kedua/index.html";
    // The body: only the release's own page.
    l.scratch.replace(
        RELEASE,
        "\n---\n",
        "\n---\nParagraf baru yang ditambahkan.\n\n",
    );
    let (fast, rendered, pages) = l.changed(RELEASE).unwrap();
    assert!(fast, "an edit of one release takes the fast path");
    assert_eq!(rendered, 1, "{rendered} of {pages} pages re-rendered");
    l.assert_same_as_full_build();
    assert!(String::from_utf8_lossy(&l.output[page]).contains("Paragraf baru"));

    // The title: also the lists, feeds, neighbours and figures that show it.
    l.scratch
        .replace(RELEASE, "title: \"", "title: \"Diperbarui: ");
    let (fast, rendered, pages) = l.changed(RELEASE).unwrap();
    assert!(fast);
    // Not every figure's page: only those of the figures it cites (26
    // of 670 pages when this was written).
    assert!(
        rendered > 1 && rendered * 10 < pages,
        "{rendered} of {pages} pages re-rendered"
    );
    l.assert_same_as_full_build();
    assert!(String::from_utf8_lossy(&l.output[page]).contains("Diperbarui: "));

    // A new date moves it in every list, feed and previous/next link.
    l.scratch
        .replace(RELEASE, "date: 2020-08-05", "date: 2023-01-02");
    assert!(l.changed(RELEASE).unwrap().0);
    l.assert_same_as_full_build();

    // Tags: a new tag page appears, an emptied one goes.
    l.scratch
        .replace(RELEASE, "tags:\n", "tags:\n  - tag-baru-sekali\n");
    assert!(l.changed(RELEASE).unwrap().0);
    l.assert_same_as_full_build();
    assert!(l.output.keys().any(|k| k.contains("tag-baru-sekali")));
}

/// A new date moves a release in lists of hundreds of pages on a large
/// site: its own page comes first, and the lists after, together what a
/// full build writes.
#[test]
fn a_new_date_renders_the_release_first_and_its_lists_after() {
    let scratch = Scratch::new().with_theme_copy();
    let text = scratch.read(RELEASE);
    // 150 more releases, so that the lists a release moves in run to
    // pages enough for the rebuild to split.
    for n in 0..150 {
        let day = 1 + n % 28;
        let file = format!("press/2021-03-{day:02}-salinan-{n:03}.md");
        let copy = text
            .replace("date: 2020-08-05", &format!("date: 2021-03-{day:02}"))
            .replace("title: \"", &format!("title: \"Salinan {n}: "))
            .replace("translation: 2020-08-05-gnn-asn-second-series\n", "");
        scratch.write(&file, &copy);
    }
    let mut session = Session::new(Loop::options(&scratch));
    let first = session.rebuild(&[]).expect("the site builds");
    let mut l = Loop {
        scratch,
        preview: false,
        session,
        output: Output::new(),
        first_rendered: 0,
    };
    l.apply(first);
    l.scratch
        .replace(RELEASE, "date: 2020-08-05", "date: 2021-03-15");
    let (fast, rendered, _) = l.changed(RELEASE).unwrap();
    assert!(fast);
    assert_eq!(
        l.first_rendered, 1,
        "only the release's own page before the lists ({rendered} in all)"
    );
    assert!(rendered > 64, "{rendered} pages re-rendered in all");
    l.assert_same_as_full_build();
}

/// A province page shows its newest releases: a new title there too.
#[test]
fn a_release_title_reaches_its_province_page() {
    let mut l = Loop::new();
    let release = "press/2022-11-18-seminar-netralitas-asn-gorontalo.md";
    l.scratch
        .replace(release, "title: \"", "title: \"Diperbarui: ");
    assert!(l.changed(release).unwrap().0);
    l.assert_same_as_full_build();
    let province = String::from_utf8_lossy(&l.output["statistik/provinsi/75/index.html"]);
    assert!(province.contains("Diperbarui: "), "{province}");
}

#[test]
fn figures_and_cases_redraw_what_they_feed() {
    let mut l = Loop::new();
    let figure = "figures/kasn-2020-10-07.yaml";
    l.scratch.replace(figure, "value: 694", "value: 695");
    assert!(l.changed(figure).unwrap().0);
    l.assert_same_as_full_build();
    let chart =
        String::from_utf8_lossy(&l.output["statistik/kasn-2020-10-07-tindak-lanjut/index.html"])
            .into_owned();
    assert!(
        chart.contains("695"),
        "the figure's chart shows the new value"
    );
    let page = String::from_utf8_lossy(&l.output["angka/kasn-2020-10-07/index.html"]).into_owned();
    assert!(
        page.contains("695"),
        "the figure's page shows the new value"
    );

    let case = "cases/t-0001.yaml";
    l.scratch.replace(case, "region: \"73\"", "region: \"31\"");
    assert!(l.changed(case).unwrap().0);
    l.assert_same_as_full_build();
}

#[test]
fn added_and_removed_files_vocabularies_and_templates() {
    let mut l = Loop::new();
    // The shipped release and its English version are unlinked first, so
    // that the translation can be added back below.
    let english = "press/2020-08-05-gnn-asn-second-series.md";
    let link = "translation: 2020-08-05-gnn-asn-second-series\n";
    let text = l.scratch.read(RELEASE).replace(link, "");
    l.scratch.write(RELEASE, &text);
    assert!(l.changed(RELEASE).unwrap().0);
    std::fs::remove_file(l.scratch.content().join(english)).unwrap();
    l.changed(english).unwrap();
    l.assert_same_as_full_build();
    let copy = "press/2024-01-01-salinan-uji.md";
    l.scratch
        .write(copy, &text.replace("date: 2020-08-05", "date: 2024-01-01"));
    let (fast, rendered, pages) = l.changed(copy).unwrap();
    assert!(!fast, "a new file is loaded with everything else");
    // But rendered as an edit is: the pages of the releases after it in
    // the content's order read the same records, at other indices.
    assert!(
        rendered * 10 < pages,
        "{rendered} of {pages} pages re-rendered"
    );
    l.assert_same_as_full_build();

    std::fs::remove_file(l.scratch.content().join(copy)).unwrap();
    l.changed(copy).unwrap();
    l.assert_same_as_full_build();
    assert!(!l.output.keys().any(|k| k.contains("salinan-uji")));

    // A translation: both pages' language switches change.
    l.scratch.write(
        english,
        &text
            .replace("lang: id", "lang: en")
            .replace("date: 2020-08-05", "date: 2019-01-01")
            .replace("figures:\n  - kasn-2020-07-31\n", "")
            .replace(
                "tags:\n",
                "translation: 2020-08-05-gnn-asn-seri-kedua\ntags:\n",
            ),
    );
    l.changed(english).unwrap();
    l.assert_same_as_full_build();
    l.scratch.replace(
        RELEASE,
        "tags:\n",
        "translation: 2020-08-05-gnn-asn-second-series\ntags:\n",
    );
    assert!(l.changed(RELEASE).unwrap().0);
    l.assert_same_as_full_build();
    let page =
        String::from_utf8_lossy(&l.output["siaran-pers/2020-08-05-gnn-asn-seri-kedua/index.html"])
            .into_owned();
    assert!(
        page.contains("en/press/2020-08-05-gnn-asn-second-series/"),
        "the switch leads to the translation"
    );
    // The translation changes language: the unchanged release's switch
    // must follow.
    l.scratch.replace(english, "lang: en", "lang: id");
    assert!(l.changed(english).unwrap().0);
    l.assert_same_as_full_build();

    let vocab = "vocab/regions.yaml";
    let regions = l.scratch.read(vocab);
    l.scratch.write(
        vocab,
        &regions.replacen("Sulawesi Selatan", "Sulawesi Selatan (uji)", 1),
    );
    l.changed(vocab).unwrap();
    l.assert_same_as_full_build();

    l.scratch
        .edit_template("press.html", "</article>", "<p>ditambahkan</p></article>");
    l.changed("theme:templates/press.html").unwrap();
    l.assert_same_as_full_build();
}

#[test]
fn a_broken_edit_fails_and_its_fix_comes_back() {
    let mut l = Loop::new();
    let before = l.output.clone();
    l.scratch
        .replace(RELEASE, "date: 2020-08-05", "date: 2020-02-31");
    let err = l.changed(RELEASE).unwrap_err();
    assert!(err.contains(RELEASE) && err.contains("date"), "{err}");
    assert_eq!(
        l.output, before,
        "nothing changes while the content is broken"
    );

    // A second edit elsewhere while the first is broken still reports it.
    let figure = "figures/kasn-2020-10-07.yaml";
    l.scratch.replace(figure, "value: 694", "value: 696");
    let err = l.changed(figure).unwrap_err();
    assert!(err.contains(RELEASE), "{err}");

    l.scratch
        .replace(RELEASE, "date: 2020-02-31", "date: 2020-08-06");
    l.changed(RELEASE).unwrap();
    l.assert_same_as_full_build();

    // A link to a page that does not exist fails the rebuild, naming it.
    l.scratch
        .replace(RELEASE, "\n---\n", "\n---\n[hilang](../tidak-ada/)\n\n");
    let err = l.changed(RELEASE).unwrap_err();
    assert!(err.contains("tidak-ada"), "{err}");
    l.scratch
        .replace(RELEASE, "[hilang](../tidak-ada/)\n\n", "");
    l.changed(RELEASE).unwrap();
    l.assert_same_as_full_build();
}

/// A draft flip takes the release out of (or back into) every page that
/// lists it: what a full build of the same content writes. It takes the
/// full path, as a file added or removed does, and renders only the pages
/// that show something new (52 of 664 when this was written; 578 when
/// fingerprints hashed where records stood rather than which they are).
#[test]
fn a_draft_flip_rebuilds_to_what_a_full_build_writes() {
    let mut l = Loop::new();
    let twin = "press/2020-08-05-gnn-asn-second-series.md";
    let page = "siaran-pers/2020-08-05-gnn-asn-seri-kedua/index.html";
    for f in [RELEASE, twin] {
        l.scratch.replace(f, "---\n", "---\ndraft: true\n");
    }
    let path = |r: &str| l.scratch.content().canonicalize().unwrap().join(r);
    let changed = [path(RELEASE), path(twin)];
    let d = l.session.rebuild(&changed).unwrap();
    assert!(d.remove.iter().any(|f| f == page), "its page goes");
    assert!(
        d.rendered * 10 < d.pages,
        "{} of {} pages re-rendered",
        d.rendered,
        d.pages
    );
    l.apply(d);
    assert!(!l.output.contains_key(page));
    l.assert_same_as_full_build();
    // And back: published again, as before.
    for f in [RELEASE, twin] {
        l.scratch.replace(f, "---\ndraft: true\n", "---\n");
    }
    let d = l.session.rebuild(&changed).unwrap();
    l.apply(d);
    assert!(l.output.contains_key(page));
    l.assert_same_as_full_build();
}

/// In `serve`'s preview, where drafts are shown, making a release a draft
/// and back changes its mark only: it takes the fast path, as a title
/// edit does, and the pages end as a full build of the preview writes
/// them. It re-renders the release's own page, the lists that show it and
/// the pages of the figures it cites, no other figure's (26 of 670 pages
/// when this was written; 523 when all figure pages shared one input).
#[test]
fn a_draft_flip_in_the_preview_takes_the_fast_path() {
    let mut l = Loop::previewing();
    let page = "siaran-pers/2020-08-05-gnn-asn-seri-kedua/index.html";
    for (from, to, marked) in [
        ("---\n", "---\ndraft: true\n", true),
        ("---\ndraft: true\n", "---\n", false),
    ] {
        l.scratch.replace(RELEASE, from, to);
        let (fast, rendered, pages) = l.changed(RELEASE).unwrap();
        assert!(
            fast && rendered * 10 < pages,
            "{rendered} of {pages} pages re-rendered"
        );
        l.assert_same_as_full_build();
        let html = String::from_utf8_lossy(&l.output[page]).into_owned();
        assert_eq!(html.contains("draft-banner"), marked);
    }
}

/// `serve` (without `--published`) answers with the draft, marked, from memory; the
/// output folder never receives it, not even after an edit.
#[test]
fn serve_with_drafts_never_writes_a_draft_to_the_output_folder() {
    let s = Scratch::new().with_cases().with_theme_copy();
    let twin = "press/2020-08-05-gnn-asn-second-series.md";
    for f in [RELEASE, twin] {
        s.replace(f, "---\n", "---\ndraft: true\n");
    }
    let mut opts = Loop::options(&s);
    opts.output = s.output();
    opts.publish.drafts = true;
    let mut session = Session::new(opts);
    let state = std::sync::RwLock::new(netra::serve::State::default());
    netra::serve::rebuild(&mut session, &[], &state, netra::message::Lang::En).unwrap();
    s.replace(RELEASE, "\n---\n", "\n---\nParagraf pratinjau.\n\n");
    let path = s.content().canonicalize().unwrap().join(RELEASE);
    netra::serve::rebuild(&mut session, &[path], &state, netra::message::Lang::En).unwrap();
    let page = "siaran-pers/2020-08-05-gnn-asn-seri-kedua/index.html";
    let served = String::from_utf8_lossy(&state.read().unwrap().output[page]).to_string();
    assert!(served.contains("draft-banner") && served.contains("Paragraf pratinjau"));
    assert!(
        !s.output().join(page).exists(),
        "the draft reached the output folder"
    );
}
