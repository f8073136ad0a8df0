//! The index files of one language, in Pagefind 1.6.0's format.
//!
//! A port of Pagefind's `build_indexes` and of the writing of its files
//! (`index/mod.rs`, `output/mod.rs`, MIT licence, © CloudCannon), laid out
//! to run on all cores in little memory: pages are read in runs, each run
//! gathers where its words occur already encoded as the CBOR the index
//! files hold, and the runs are joined in page order. Each page's fragment
//! is compressed as soon as it is made. The result is the same data,
//! and so the same file names, as Pagefind's; only the gzip level differs
//! ([`GZIP_LEVEL`]).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::sync::Arc;

use rayon::prelude::*;
use sha1::{Digest as _, Sha1};

use super::html;
use super::words::{self, Digest, PageWord, Words};

/// Pagefind compresses at level 9, which takes longer than all the rest
/// of indexing together (6.4 s of 10 000 press releases' 67 MB); level 1
/// is ten times as fast for files a fifth larger.
pub const GZIP_LEVEL: u32 = 1;

/// `PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE`'s default: how many positions a
/// word-index file holds before the next one starts.
const CHUNK_SIZE: usize = 20_000;

/// Pages per run: enough that each run's words are mostly seen before,
/// few enough that both cores stay busy.
const RUN: usize = 128;

/// A page to index, as read from its HTML.
pub struct Page {
    pub url: String,
    pub html: html::Page,
}

/// One language's files (paths relative to the bundle folder) and what
/// `pagefind-entry.json` says of it.
pub struct Language {
    pub page_count: usize,
    pub meta_hash: String,
    pub files: Vec<(String, Vec<u8>)>,
}

/// The index of one language: `pages` in order (Pagefind's page numbers),
/// `version` Pagefind's.
pub fn build(lang: &str, pages: &[Page], version: &str) -> Language {
    // The metadata fields are numbered in sorted order across the pages
    // that have words; which those are is known only once read, so the
    // guess (all pages) is checked after.
    let mut fields: Vec<String> = field_names(pages.iter());
    let runs = loop {
        let ids: HashMap<&str, u16> = fields
            .iter()
            .enumerate()
            .map(|(i, f)| (f.as_str(), i as u16))
            .collect();
        let runs: Vec<Run> = pages
            .par_chunks(RUN)
            .map_init(HashMap::<String, Words>::new, |words, chunk| {
                read_run(lang, chunk, &ids, words)
            })
            .collect();
        let kept = runs
            .iter()
            .zip(pages.chunks(RUN))
            .flat_map(|(run, chunk)| run.kept.iter().map(move |&k| &chunk[k]));
        let actual = field_names(kept);
        if actual == fields {
            break runs;
        }
        fields = actual;
    };

    // Join the runs in page order.
    let mut index: HashMap<Arc<str>, Word> = HashMap::new();
    let mut fragments: Vec<Fragment> = Vec::new();
    for run in runs {
        let offset = fragments.len() as u32;
        for (word, w) in run.words {
            let into = index.entry(word).or_default();
            into.size += w.size;
            if let Some(p) = w.pages {
                into.pages.append(p, offset);
            }
            for (form, p) in w.variants {
                match into.variants.iter_mut().find(|(f, _)| *f == form) {
                    Some((_, v)) => v.append(p, offset),
                    None => {
                        let mut v = Postings::default();
                        v.append(p, offset);
                        into.variants.push((form, v));
                    }
                }
            }
        }
        fragments.extend(run.fragments);
    }

    let mut files = Vec::with_capacity(fragments.len() + 64);
    // Fragment names: the hash, shortened as far as it stays unique.
    let mut taken: HashMap<String, ()> = HashMap::with_capacity(fragments.len());
    let mut meta_pages = Vec::with_capacity(fragments.len());
    for f in fragments {
        let mut len = lang.len() + 8;
        while taken.contains_key(&f.hash[..len]) && len < f.hash.len() {
            len += 1;
        }
        let short = f.hash[..len].to_string();
        taken.insert(short.clone(), ());
        files.push((format!("fragment/{short}.pf_fragment"), f.gz));
        meta_pages.push((short, f.word_count as u32));
    }
    let page_count = meta_pages.len();

    // The word index, sorted and cut into files.
    let mut words: Vec<(Arc<str>, Word)> = index.into_iter().collect();
    words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let mut chunks: Vec<&[(Arc<str>, Word)]> = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, (_, w)) in words.iter().enumerate() {
        size += w.size + w.variants.len();
        if size >= CHUNK_SIZE {
            chunks.push(&words[start..=i]);
            start = i + 1;
            size = 0;
        }
    }
    if start < words.len() {
        chunks.push(&words[start..]);
    }
    let encoded: Vec<(String, Vec<u8>)> = chunks
        .par_iter()
        .map(|chunk| {
            let mut out = Vec::new();
            cbor::array(&mut out, 1);
            cbor::array(&mut out, chunk.len());
            for (word, w) in chunk.iter() {
                cbor::array(&mut out, 3);
                cbor::text(&mut out, word);
                w.pages.write(&mut out);
                cbor::array(&mut out, w.variants.len());
                for (form, p) in &w.variants {
                    cbor::array(&mut out, 2);
                    cbor::text(&mut out, form);
                    p.write(&mut out);
                }
            }
            (format!("{lang}_{}", full_hash(&out)), gzip(&out))
        })
        .collect();
    let mut chunk_meta = chunk_ranges(&chunks);
    let mut taken: HashMap<String, ()> = HashMap::new();
    for ((hash, gz), meta) in encoded.into_iter().zip(chunk_meta.iter_mut()) {
        // As Pagefind lengthens these: two characters at a time.
        let mut short = &hash[..lang.len() + 8];
        while taken.contains_key(short) {
            let new_length = short.len() + 1;
            short = &hash[..=new_length];
            if short.len() == hash.len() {
                break;
            }
        }
        let short = short.to_string();
        taken.insert(short.clone(), ());
        files.push((format!("index/{short}.pf_index"), gz));
        meta.2 = short;
    }

    // `pagefind.<hash>.pf_meta`: the pages, the word-index files, the
    // metadata fields.
    let mut meta = Vec::new();
    cbor::array(&mut meta, 6);
    cbor::text(&mut meta, version);
    cbor::array(&mut meta, meta_pages.len());
    for (hash, word_count) in &meta_pages {
        cbor::array(&mut meta, 3);
        cbor::text(&mut meta, hash);
        cbor::uint(&mut meta, *word_count as u64);
        cbor::text(&mut meta, "");
    }
    cbor::array(&mut meta, chunk_meta.len());
    for (from, to, hash) in &chunk_meta {
        cbor::array(&mut meta, 3);
        cbor::text(&mut meta, from);
        cbor::text(&mut meta, to);
        cbor::text(&mut meta, hash);
    }
    cbor::array(&mut meta, 0); // filters
    cbor::array(&mut meta, 0); // sorts
    cbor::array(&mut meta, fields.len());
    for f in &fields {
        cbor::text(&mut meta, f);
    }
    let meta_hash = format!("{lang}_{}", &full_hash(&meta)[..lang.len() + 8]);
    files.push((format!("pagefind.{meta_hash}.pf_meta"), gzip(&meta)));

    Language {
        page_count,
        meta_hash,
        files,
    }
}

fn field_names<'a>(pages: impl Iterator<Item = &'a Page>) -> Vec<String> {
    let set: BTreeSet<&String> = pages.flat_map(|p| p.html.meta.keys()).collect();
    set.into_iter().cloned().collect()
}

/// `chunk_meta`: the first and last word of each file, shortened to the
/// prefixes that tell neighbours apart.
fn chunk_ranges(chunks: &[&[(Arc<str>, Word)]]) -> Vec<(String, String, String)> {
    let mut named: Vec<(String, String, String)> = chunks
        .iter()
        .map(|c| {
            (
                c.first().map_or(String::new(), |w| w.0.to_string()),
                c.last().map_or(String::new(), |w| w.0.to_string()),
                String::new(),
            )
        })
        .collect();
    for i in 1..named.len() {
        let (a, b) = prefixes(&named[i - 1].1, &named[i].0);
        if a >= named[i - 1].0 {
            named[i - 1].1 = a;
        }
        named[i].0 = b;
    }
    named
}

/// `get_prefixes`.
fn prefixes(a: &str, b: &str) -> (String, String) {
    let common = b
        .chars()
        .zip(a.chars())
        .take_while(|&(a, b)| a == b)
        .count();
    (
        a.chars().take(common + 1).collect(),
        b.chars().take(common + 1).collect(),
    )
}

/// Pagefind's `full_hash`: SHA-1 in hex, each byte without its leading
/// zero.
fn full_hash(bytes: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(40);
    for b in Sha1::digest(bytes) {
        let _ = write!(out, "{b:x}");
    }
    out
}

/// A data file as Pagefind writes it: gzip around `pagefind_dcd` and the
/// data.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(
        Vec::with_capacity(data.len() / 2 + 64),
        flate2::Compression::new(GZIP_LEVEL),
    );
    gz.write_all(b"pagefind_dcd").expect("writing to memory");
    gz.write_all(data).expect("writing to memory");
    gz.finish().expect("writing to memory")
}

/// The pages one word is on, as the CBOR items of Pagefind's `PackedPage`
/// (page number as the difference from the previous one, positions,
/// metadata positions), in page order.
#[derive(Default)]
struct Postings {
    count: usize,
    last: u32,
    bytes: Vec<u8>,
}

impl Postings {
    /// Adds the pages a run found (numbered from the run's first page)
    /// after those so far.
    fn append(&mut self, run: RunPostings, offset: u32) {
        let first = offset + run.first;
        cbor::array(&mut self.bytes, 3);
        cbor::uint(
            &mut self.bytes,
            (first - if self.count == 0 { 0 } else { self.last }) as u64,
        );
        self.bytes.extend_from_slice(&run.bytes);
        self.count += run.count;
        self.last = offset + run.last;
    }

    fn write(&self, out: &mut Vec<u8>) {
        cbor::array(out, self.count);
        out.extend_from_slice(&self.bytes);
    }
}

/// [`Postings`] within a run, the first page's number kept apart (the
/// difference to the page before depends on the runs before).
#[derive(Default)]
struct RunPostings {
    first: u32,
    last: u32,
    count: usize,
    bytes: Vec<u8>,
}

impl RunPostings {
    fn push(&mut self, page: u32, locs: &[i32], meta_locs: &[i32]) {
        if self.count == 0 {
            self.first = page;
        } else {
            cbor::array(&mut self.bytes, 3);
            cbor::uint(&mut self.bytes, (page - self.last) as u64);
        }
        cbor::ints(&mut self.bytes, locs);
        cbor::ints(&mut self.bytes, meta_locs);
        self.last = page;
        self.count += 1;
    }
}

/// A word of the whole index.
#[derive(Default)]
struct Word {
    pages: Postings,
    variants: Vec<(Arc<str>, Postings)>,
    /// Positions, metadata positions and pages: what a word-index file is
    /// cut by.
    size: usize,
}

#[derive(Default)]
struct RunWord {
    pages: Option<RunPostings>,
    variants: Vec<(Arc<str>, RunPostings)>,
    size: usize,
}

struct Fragment {
    hash: String,
    word_count: usize,
    gz: Vec<u8>,
}

/// What a run of pages adds to the index.
struct Run {
    words: HashMap<Arc<str>, RunWord>,
    fragments: Vec<Fragment>,
    /// Which of the run's pages have words (the others are left out).
    kept: Vec<usize>,
}

#[derive(serde::Serialize)]
struct FragmentData<'a> {
    url: &'a str,
    content: &'a str,
    word_count: usize,
    filters: BTreeMap<String, Vec<String>>,
    meta: &'a BTreeMap<String, String>,
    anchors: &'a [words::Anchor],
}

fn read_run(
    lang: &str,
    pages: &[Page],
    fields: &HashMap<&str, u16>,
    caches: &mut HashMap<String, Words>,
) -> Run {
    let mut run = Run {
        words: HashMap::new(),
        fragments: Vec::with_capacity(pages.len()),
        kept: Vec::with_capacity(pages.len()),
    };
    let mut locs = Vec::new();
    let mut meta_locs = Vec::new();
    for (k, page) in pages.iter().enumerate() {
        // Each page is read with its own language's stemmer.
        let words = caches
            .entry(page.html.language.clone())
            .or_insert_with(|| Words::new(&page.html.language));
        let Digest {
            content,
            words: mut page_words,
            anchors,
            word_count,
        } = words::parse_digest(&page.html.digest, &page.html.anchor_content, words);
        if page_words.is_empty() {
            continue;
        }
        let meta: BTreeMap<String, String> = page
            .html
            .meta
            .iter()
            .map(|(k, v)| (k.clone(), html::tidy(v)))
            .collect();
        words::parse_meta(&meta, |f| fields[f], words, &mut page_words);

        let number = run.kept.len() as u32;
        run.kept.push(k);
        for (word, pw) in page_words {
            let into = run.words.entry(word).or_default();
            add_page(into, number, pw, &mut locs, &mut meta_locs);
        }

        let json = serde_json::to_string(&FragmentData {
            url: &page.url,
            content: &content,
            word_count,
            filters: BTreeMap::new(),
            meta: &meta,
            anchors: &anchors,
        })
        .expect("a fragment is JSON");
        run.fragments.push(Fragment {
            hash: format!("{lang}_{}", full_hash(json.as_bytes())),
            word_count,
            gz: gzip(json.as_bytes()),
        });
    }
    run
}

/// Adds one page's occurrences of a word, as Pagefind's `build_indexes`
/// does: the plain word's positions and metadata positions as one page,
/// then each form with diacritics, those in the text first.
fn add_page(
    into: &mut RunWord,
    page: u32,
    mut pw: PageWord,
    locs: &mut Vec<i32>,
    meta_locs: &mut Vec<i32>,
) {
    locs.clear();
    meta_locs.clear();
    words::pack_positions(&mut pw.plain, locs);
    words::pack_meta_positions(&mut pw.meta_plain, meta_locs);
    if !pw.plain.is_empty() || !pw.meta_plain.is_empty() {
        into.size += locs.len() + meta_locs.len() + 1;
        into.pages
            .get_or_insert_with(RunPostings::default)
            .push(page, locs, meta_locs);
    }
    let mut forms: Vec<(Arc<str>, Vec<words::Position>, Vec<words::MetaPosition>)> = Vec::new();
    for (form, positions) in std::mem::take(&mut pw.variants) {
        let meta = pw.meta_variants.remove(&form).unwrap_or_default();
        forms.push((form, positions, meta));
    }
    for (form, meta) in pw.meta_variants {
        forms.push((form, Vec::new(), meta));
    }
    for (form, mut positions, mut meta) in forms {
        locs.clear();
        meta_locs.clear();
        words::pack_positions(&mut positions, locs);
        words::pack_meta_positions(&mut meta, meta_locs);
        into.size += locs.len() + meta_locs.len() + 1;
        let postings = match into.variants.iter_mut().find(|(f, _)| *f == form) {
            Some((_, p)) => p,
            None => {
                into.variants.push((form, RunPostings::default()));
                &mut into.variants.last_mut().unwrap().1
            }
        };
        postings.push(page, locs, meta_locs);
    }
}

/// The CBOR that minicbor writes for Pagefind's types: definite lengths,
/// shortest integers.
mod cbor {
    fn head(out: &mut Vec<u8>, major: u8, n: u64) {
        let major = major << 5;
        if n < 24 {
            out.push(major | n as u8);
        } else if n <= u8::MAX as u64 {
            out.push(major | 24);
            out.push(n as u8);
        } else if n <= u16::MAX as u64 {
            out.push(major | 25);
            out.extend_from_slice(&(n as u16).to_be_bytes());
        } else if n <= u32::MAX as u64 {
            out.push(major | 26);
            out.extend_from_slice(&(n as u32).to_be_bytes());
        } else {
            out.push(major | 27);
            out.extend_from_slice(&n.to_be_bytes());
        }
    }

    pub fn uint(out: &mut Vec<u8>, n: u64) {
        head(out, 0, n);
    }

    pub fn int(out: &mut Vec<u8>, n: i32) {
        if n >= 0 {
            head(out, 0, n as u64);
        } else {
            head(out, 1, (-1 - n as i64) as u64);
        }
    }

    pub fn ints(out: &mut Vec<u8>, ns: &[i32]) {
        array(out, ns.len());
        for &n in ns {
            int(out, n);
        }
    }

    pub fn text(out: &mut Vec<u8>, s: &str) {
        head(out, 3, s.len() as u64);
        out.extend_from_slice(s.as_bytes());
    }

    pub fn array(out: &mut Vec<u8>, len: usize) {
        head(out, 4, len as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_drop_leading_zeros_as_pagefind_does() {
        // SHA-1 of "" is da39a3ee 5e6b4b0d 3255bfef 95601890 afd80709.
        assert_eq!(full_hash(b""), "da39a3ee5e6b4bd3255bfef95601890afd879");
    }

    #[test]
    fn chunk_names_are_shortest_distinct_prefixes() {
        assert_eq!(prefixes("apple", "apricot"), ("app".into(), "apr".into()));
        assert_eq!(
            prefixes("cath", "cathartic"),
            ("cath".into(), "catha".into())
        );
    }

    #[test]
    fn cbor_is_minicbors() {
        let mut out = Vec::new();
        cbor::ints(&mut out, &[0, 23, 24, 255, 256, -1, -25, -26, 70000]);
        assert_eq!(
            out,
            [
                0x89, 0x00, 0x17, 0x18, 24, 0x18, 255, 0x19, 1, 0, 0x20, 0x38, 24, 0x38, 25, 0x1a,
                0, 1, 0x11, 0x70
            ]
        );
    }
}
