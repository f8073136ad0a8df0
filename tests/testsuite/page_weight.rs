//! No page grows with the size of the site: a site whose every release
//! cites every figure (as an agency's releases cite the yearly figures)
//! keeps each HTML page under a budget at 1 000, 10 000 and 100 000
//! releases. The releases are made in memory from the shipped ones, so
//! the largest site takes seconds; the pages that list releases or
//! figures are rendered whole (one of each paginated list: all pages of
//! a list hold at most a page's worth by construction).

use std::path::Path;
use std::sync::Arc;

use netra::model::{Index, IsoDate, PressRelease};
use netra::render::Theme;
use netra::render::pages::PageKind;
use netra::site::Site;

/// Bytes an HTML page may weigh (the search index and the data
/// downloads are not pages).
const BUDGET: usize = 100 * 1024;

fn site_of(releases: usize) -> Site {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (mut content, problems) = netra::load::load(&repo.join("content"));
    assert!(problems.is_empty(), "{problems}");
    let figures: Vec<String> = content.figures.iter().map(|f| f.id.clone()).collect();
    let regions: Vec<String> = content
        .vocab
        .regions
        .iter()
        .map(|r| r.code.clone())
        .collect();
    let elections: Vec<String> = content
        .vocab
        .elections
        .iter()
        .map(|e| e.code.clone())
        .collect();
    let shipped = std::mem::take(&mut content.press);
    let start = jiff::civil::date(2015, 1, 1);
    content.press = (0..releases)
        .map(|k| {
            let mut p: PressRelease = shipped[k % shipped.len()].clone();
            p.slug = format!("rilis-{k:06}");
            p.origin.file = Arc::from(format!("press/{}.md", p.slug));
            p.meta.lang = content.site.languages[k % 2].code.clone();
            p.meta.translation = None;
            p.meta.date = IsoDate(
                start
                    .checked_add(jiff::Span::new().days((k % 4000) as i64))
                    .unwrap(),
            );
            p.meta.tags = vec![format!("tag-{}", k % 200), format!("tag-{}", k % 7)];
            p.meta.region = Some(regions[k % regions.len()].clone());
            p.meta.election = Some(elections[k % elections.len()].clone());
            p.meta.figures = figures.clone();
            p
        })
        .collect();
    let index = Index::build(&content);
    let theme = Theme::load(&repo.join("themes/default"), &content.site).expect("the theme loads");
    Site::new(content, index, theme, true)
}

fn assert_pages_within_budget(releases: usize) {
    let site = site_of(releases);
    let renderer = site.renderer();
    let mut seen = std::collections::HashSet::new();
    let mut checked = 0;
    let mut largest = (0, String::new());
    for p in &site.pages {
        let kind = p.kind.kind();
        // Every page of a kind that shows lists of releases or figures,
        // and the first of each paginated list.
        let whole = matches!(
            p.kind,
            PageKind::Home(_)
                | PageKind::Statistics(_)
                | PageKind::Figure(_)
                | PageKind::FigureIndex(_)
                | PageKind::Chart(_)
                | PageKind::Known(_)
                | PageKind::Data(_)
                | PageKind::Tags(_)
        );
        if !p.file.ends_with(".html")
            || !(whole || seen.insert((p.lang, kind.name(), kind.variant())))
        {
            continue;
        }
        let html = renderer.page(p).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            html.len() <= BUDGET,
            "{} weighs {} bytes with {releases} releases, over the budget of {BUDGET}",
            p.file,
            html.len()
        );
        checked += 1;
        largest = largest.max((html.len(), p.file.clone()));
    }
    eprintln!(
        "{releases} releases: {checked} pages, the largest {} ({} bytes)",
        largest.1, largest.0
    );
    assert!(checked > 50, "only {checked} pages checked");
}

#[test]
fn pages_stay_within_budget_at_1_000_releases() {
    assert_pages_within_budget(1_000);
}

#[test]
fn pages_stay_within_budget_at_10_000_releases() {
    assert_pages_within_budget(10_000);
}

#[test]
fn pages_stay_within_budget_at_100_000_releases() {
    assert_pages_within_budget(100_000);
}
