//! Does a page of a tag cost the same whether the tag holds 25 releases or
//! 50 000? (Issue "Speed at scale": Zola's paginated tag pages grow with
//! the tag, which makes its builds quadratic.)
//!
//! ```sh
//! bench/run.sh --quick            # or gen_corpus.py: makes the corpora
//! cargo bench --bench tag_pages   # bench/out/press-10000 by default
//! cargo bench --bench tag_pages -- bench/out/press-100000
//! ```
//!
//! Loads the corpus once, then renders the first, a middle and the last
//! page of the smallest and of the largest tag many times, one thread,
//! and prints the median time of each next to the size of its tag. Each
//! page is timed as the build renders it (`render::Renderer::page`), so
//! the number includes the template and the page's data, nothing else.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use netra::render::Renderer;
use netra::render::pages::{Page, PageKind};
use netra::site::{Laps, Site, Sources};

const ROUNDS: usize = 400;

fn main() {
    let corpus = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map_or_else(|| PathBuf::from("bench/out/press-10000"), PathBuf::from);
    if !corpus.join("site.yaml").exists() {
        eprintln!(
            "no corpus at {}: make one with `python3 bench/gen_corpus.py --out {} --press 10000 --cases 0`",
            corpus.display(),
            corpus.display()
        );
        std::process::exit(2);
    }
    let from = Sources {
        content: &corpus,
        theme: "themes/default".as_ref(),
        base_url: None,
        search: true,
        publish: Default::default(),
    };
    let site = Site::load(&from, &mut Laps::default())
        .unwrap_or_else(|e| panic!("the corpus does not pass `netra check`: {e}"));
    let (content, pages) = (&site.content, &site.pages);
    let renderer = site.renderer();

    // Tag pages of the first language: (tag, its releases, page number,
    // releases on the page, page).
    let mut tags: Vec<(&str, usize, usize, usize, &Page)> = Vec::new();
    for p in pages.iter().filter(|p| p.lang == 0) {
        if let PageKind::Tag(t) = &p.kind {
            tags.push((&t.tag, 0, t.pager.number, t.items.len(), p));
        }
    }
    for t in &mut tags {
        t.1 = content
            .press
            .iter()
            .filter(|r| r.meta.lang == content.site.languages[0].code)
            .filter(|r| r.meta.tags.iter().any(|x| x == t.0))
            .count();
    }
    let smallest = tags.iter().map(|t| t.1).min().expect("a tag");
    let largest = tags.iter().map(|t| t.1).max().expect("a tag");
    println!(
        "corpus {}: {} releases, {} tag pages; one thread, median of {ROUNDS} renders",
        corpus.display(),
        content.press.len(),
        tags.len()
    );
    println!();
    println!("| tag | releases in it | page | of | releases on the page | median µs |");
    println!("|---|---:|---:|---:|---:|---:|");
    // Only pages as full as the fullest are compared: a tag's last page
    // may hold fewer releases, and costs less.
    let full = tags.iter().map(|t| t.3).max().expect("a tag");
    let mut medians = Vec::new();
    for size in [smallest, largest] {
        let of_tag: Vec<_> = tags.iter().filter(|t| t.1 == size).collect();
        let tag = of_tag[0].0;
        let mut of_tag: Vec<_> = of_tag.into_iter().filter(|t| t.0 == tag).collect();
        of_tag.sort_by_key(|t| t.2);
        let last = of_tag.len();
        let mut picks = vec![0, last / 2, last - 1];
        picks.dedup();
        for k in picks {
            let &(_, n, number, on_page, page) = of_tag[k];
            let m = median(&renderer, page);
            if on_page == full {
                medians.push(m);
            }
            println!(
                "| {tag} | {n} | {number} | {last} | {on_page} | {:.1} |",
                m.as_secs_f64() * 1e6
            );
        }
    }
    let (lo, hi) = (
        medians.iter().min().expect("timed"),
        medians.iter().max().expect("timed"),
    );
    println!();
    println!(
        "slowest / fastest full page ({full} releases): {:.2}×, across tags of {smallest} and {largest} releases",
        hi.as_secs_f64() / lo.as_secs_f64()
    );
}

fn median(renderer: &Renderer, page: &Page) -> Duration {
    // Warm up: the first render of a card makes it.
    for _ in 0..20 {
        renderer.page(page).expect("renders");
    }
    let mut times: Vec<Duration> = (0..ROUNDS)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(renderer.page(page).expect("renders"));
            t.elapsed()
        })
        .collect();
    times.sort();
    times[ROUNDS / 2]
}
