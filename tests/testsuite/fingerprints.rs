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

/// A release's page is the same page when a release before it in the
/// content goes: its reads, moved to where their records now stand, give
/// the fingerprint they gave before. A page that showed the release that
/// went changes.
#[test]
fn fingerprints_name_records_not_where_they_stand() {
    let mut site = shipped();
    let middle = site.content.press.len() / 2;
    let page_of = |site: &Site, slug: &str| {
        site.pages
            .iter()
            .find(|p| matches!(&p.kind, PageKind::Press(k) if site.content.press[k.release].slug == slug))
            .expect("the release's page")
            .clone()
    };
    let slug = site.content.press[middle].slug.clone();
    let gone = site.content.press[0].slug.clone();
    let before = |site: &Site, slug: &str| {
        let page = page_of(site, slug);
        let reads = reads_of(site, &page, &|_| {});
        let hashes = RecordHashes::of(&site.content, 1);
        let renderer = site.renderer();
        let fp = Values::new(renderer.langs(), &hashes).fingerprint(&page, &reads);
        (fp, reads, hashes.keys)
    };
    let (fp, mut reads, keys) = before(&site, &slug);
    let (list_fp, mut list_reads) = {
        let home = site
            .pages
            .iter()
            .find(|p| p.url.is_empty())
            .unwrap()
            .clone();
        let reads = reads_of(&site, &home, &|_| {});
        let hashes = RecordHashes::of(&site.content, 1);
        let renderer = site.renderer();
        let fp = Values::new(renderer.langs(), &hashes).fingerprint(&home, &reads);
        (fp, reads)
    };
    // The newest release of each language, and the oldest.
    let newest = site.content.press.iter().map(|p| p.meta.date).max();
    site.content
        .press
        .retain(|p| p.slug != gone && Some(p.meta.date) != newest);
    site.replan();
    let hashes = RecordHashes::of(&site.content, 1);
    keys.move_reads(&hashes.keys, reads.iter_mut().chain(list_reads.iter_mut()));
    let renderer = site.renderer();
    let values = Values::new(renderer.langs(), &hashes);
    assert_eq!(values.fingerprint(&page_of(&site, &slug), &reads), fp);
    let home = site.pages.iter().find(|p| p.url.is_empty()).unwrap();
    assert_ne!(
        values.fingerprint(home, &list_reads),
        list_fp,
        "the home page showed the newest releases, which went"
    );
}

/// A card as templates read it (with the tags' links shared between
/// cards) is the whole `PressCard`, so a field added to the card reaches
/// templates with nothing else to change.
#[test]
fn a_card_as_templates_read_it_is_the_whole_card() {
    let site = shipped();
    let renderer = site.renderer();
    let reads = Reads::default();
    let mut langs: Vec<_> = site.pages.iter().map(|p| p.lang).collect();
    langs.dedup();
    langs.sort_unstable();
    langs.dedup();
    assert!(langs.len() >= 2, "the shipped site is in two languages");
    let mut compared = 0;
    for lang in langs {
        let cx = Cx::new(&site.content, renderer.langs(), lang, &reads);
        for i in 0..site.content.press.len() {
            let whole = cx.card_view(i).map(|c| tera::Value::from_serializable(&c));
            assert_eq!(cx.card(i), whole, "release {i}");
            compared += whole.is_some() as usize;
        }
    }
    assert!(compared >= site.content.press.len(), "{compared} cards");
}
