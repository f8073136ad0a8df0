//! A page's fingerprint is what rendering it read: a read added to a
//! page's data reaches its fingerprint with nothing else to change, and
//! an input a page does not read leaves it.

use std::path::Path;

use netra::render::pages::{Page, PageKind};
use netra::render::reads::{Cx, Input, Reads, RecordHashes, Values};
use netra::site::{Laps, Site, Sources};

fn shipped() -> Site {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let from = Sources {
        content: &repo.join("content"),
        theme: &repo.join("themes/default"),
        base_url: None,
        search: true,
        publish: Default::default(),
    };
    Site::load(&from, &mut Laps::default()).unwrap_or_else(|e| panic!("{e}"))
}

/// What page `p` reads, with `extra` read after its data.
fn reads_of(site: &Site, p: &Page, extra: &dyn Fn(&Cx)) -> Vec<Input> {
    let renderer = site.renderer();
    let reads = Reads::default();
    let cx = Cx::new(&site.content, renderer.langs(), p.lang, &reads);
    p.kind.kind().data(&cx, p);
    extra(&cx);
    reads.into_inputs()
}

#[test]
fn a_read_added_to_a_page_reaches_its_fingerprint_and_nothing_else_does() {
    let mut site = shipped();
    let page = site
        .pages
        .iter()
        .find(|p| matches!(p.kind, PageKind::Data(_)))
        .expect("a data page")
        .clone();
    let as_is = reads_of(&site, &page, &|_| {});
    // The same page, had its data also shown the first release's title.
    let with_title = reads_of(&site, &page, &|cx| {
        cx.card(0);
    });
    assert_ne!(as_is, with_title);
    let fingerprints = |site: &Site| {
        let hashes = RecordHashes::of(&site.content, 1);
        let renderer = site.renderer();
        let values = Values::new(renderer.langs(), &hashes);
        (
            values.fingerprint(&page, &as_is),
            values.fingerprint(&page, &with_title),
        )
    };
    let before = fingerprints(&site);
    site.content.press[0].meta.title.push_str(" (diubah)");
    let after = fingerprints(&site);
    assert_eq!(
        before.0, after.0,
        "the data page shows no release: a title edit leaves it"
    );
    assert_ne!(
        before.1, after.1,
        "with the title read, the same edit re-renders it"
    );
}
