//! The index files of one language, in Pagefind 1.6.0's format.
//!
//! A port of Pagefind's `build_indexes` and of the writing of its files
//! (`index/mod.rs`, `output/mod.rs`, MIT licence, © CloudCannon), laid out
//! to run on all cores in little memory: pages are read in runs (a batch
//! of runs at a time), each run gathers where its words occur already
//! encoded as the CBOR the index files hold, and the runs are joined in
//! page order. Each page's fragment is compressed as soon as it is made. The result is the same data,
//! and so the same file names, as Pagefind's; only the gzip level differs
//! ([`GZIP_LEVEL_INDEX`]).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use sha1::{Digest as _, Sha1};

use super::html;
use super::words::{self, Digest, Id, MetaOccurrence, Occurrence, PLAIN, Words};

/// How hard data files are compressed. Pagefind uses level 9 (miniz):
/// 6.4 s for the 67 MB of 10 000 press releases' files, longer than all
/// the rest of indexing. With zlib-rs, level 2 takes 0.7 s for files 6 %
/// larger, level 1 0.3 s for files 44 % larger. The files every search
/// loads (metadata, word index) get level 2; the result fragments, most
/// of the bytes and a few loaded per search, level 1.
pub const GZIP_LEVEL_INDEX: u32 = 2;
/// See [`GZIP_LEVEL_INDEX`].
pub const GZIP_LEVEL_FRAGMENTS: u32 = 1;

/// `PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE`'s default: how many positions a
/// word-index file holds before the next one starts.
const CHUNK_SIZE: usize = 20_000;

/// Pages per run: enough that each run's words are mostly seen before,
/// few enough that both cores stay busy.
const RUN: usize = 128;

/// Runs read at a time: enough to keep the cores busy, few enough to
/// hold little memory.
const BATCH: usize = 16;

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
/// `version` Pagefind's, `fields` the sorted names of the metadata of
/// the pages that have words.
///
/// Which pages have words is known only once read: if `fields` turns out
/// wrong (a page without words was the only one with some metadata), the
/// right ones are returned instead, to build again with.
pub fn build(
    lang: &str,
    pages: Vec<Page>,
    fields: &[String],
    version: &str,
) -> Result<Language, Vec<String>> {
    let ids: HashMap<&str, u16> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| (f.as_str(), i as u16))
        .collect();
    // Each thread keeps its words and compressor from run to run.
    let pool: Mutex<Vec<(Words, Gzip)>> = Mutex::new(Vec::new());
    let mut index: HashMap<Arc<str>, Word> = HashMap::default();
    let mut fragments: Vec<Fragment> = Vec::new();
    let mut actual: BTreeSet<String> = BTreeSet::new();
    let mut pages = pages.into_iter();
    loop {
        // A batch of runs at a time, so that only a batch of pages' text
        // and unjoined runs is held at once.
        let batch: Vec<Page> = pages.by_ref().take(RUN * BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let runs: Vec<Run> = batch
            .par_chunks(RUN)
            .map_init(
                || Lease::new(&pool, lang),
                |lease, chunk| {
                    let (words, gz) = lease.0.as_mut().expect("leased");
                    read_run(lang, chunk, &ids, words, gz)
                },
            )
            .collect();
        drop(batch);
        // Join the runs in page order.
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
            actual.extend(run.fields);
        }
    }
    if !actual.iter().eq(fields.iter()) {
        return Err(actual.into_iter().collect());
    }

    let mut files = Vec::with_capacity(fragments.len() + 64);
    // Fragment names: the hash, shortened as far as it stays unique.
    let mut taken: HashSet<String> = HashSet::default();
    let mut meta_pages = Vec::with_capacity(fragments.len());
    for f in fragments {
        let mut len = lang.len() + 8;
        while taken.contains(&f.hash[..len]) && len < f.hash.len() {
            len += 1;
        }
        let short = f.hash[..len].to_string();
        taken.insert(short.clone());
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
        .map_init(
            || Gzip::new(GZIP_LEVEL_INDEX),
            |gz, chunk| {
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
                (format!("{lang}_{}", full_hash(&out)), gz.gzip(&out))
            },
        )
        .collect();
    let mut chunk_meta = chunk_ranges(&chunks);
    let mut taken: HashSet<String> = HashSet::default();
    for ((hash, gz), meta) in encoded.into_iter().zip(chunk_meta.iter_mut()) {
        // As Pagefind lengthens these: two characters at a time.
        let mut short = &hash[..lang.len() + 8];
        while taken.contains(short) {
            let new_length = short.len() + 1;
            short = &hash[..=new_length];
            if short.len() == hash.len() {
                break;
            }
        }
        let short = short.to_string();
        taken.insert(short.clone());
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
    for f in fields {
        cbor::text(&mut meta, f);
    }
    let meta_hash = format!("{lang}_{}", &full_hash(&meta)[..lang.len() + 8]);
    files.push((
        format!("pagefind.{meta_hash}.pf_meta"),
        Gzip::new(GZIP_LEVEL_INDEX).gzip(&meta),
    ));

    Ok(Language {
        page_count,
        meta_hash,
        files,
    })
}

/// A thread's words and compressor, taken from `pool` for a stretch of
/// runs and put back after.
struct Lease<'p>(Option<(Words, Gzip)>, &'p Mutex<Vec<(Words, Gzip)>>);

impl<'p> Lease<'p> {
    fn new(pool: &'p Mutex<Vec<(Words, Gzip)>>, lang: &str) -> Self {
        let state = pool.lock().expect("not poisoned").pop();
        Lease(
            Some(state.unwrap_or_else(|| (Words::new(lang), Gzip::new(GZIP_LEVEL_FRAGMENTS)))),
            pool,
        )
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        if let (Some(state), Ok(mut pool)) = (self.0.take(), self.1.lock()) {
            pool.push(state);
        }
    }
}

/// The sorted names of the metadata of `pages`.
pub fn field_names(pages: &[Page]) -> Vec<String> {
    let set: BTreeSet<&String> = pages.iter().flat_map(|p| p.html.meta.keys()).collect();
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

/// Compresses data files as Pagefind writes them: gzip around
/// `pagefind_dcd` and the data. One per thread: a compressor's tables are
/// cleared, not made anew, for each file.
pub struct Gzip(flate2::Compress, u32);

impl Gzip {
    pub fn new(level: u32) -> Self {
        Gzip(
            flate2::Compress::new(flate2::Compression::new(level), false),
            level,
        )
    }

    pub fn gzip(&mut self, data: &[u8]) -> Vec<u8> {
        const MAGIC: &[u8] = b"pagefind_dcd";
        // The header flate2's `GzEncoder` writes: no name, no time, the
        // level ("fastest", "best" or neither), "unknown" system.
        let level = match self.1 {
            ..=1 => 4,
            9.. => 2,
            _ => 0,
        };
        let mut out = Vec::with_capacity(data.len() / 2 + 64);
        out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, level, 255]);
        self.0.reset();
        for (input, flush) in [
            (MAGIC, flate2::FlushCompress::None),
            (data, flate2::FlushCompress::Finish),
        ] {
            let start = self.0.total_in();
            loop {
                let done = (self.0.total_in() - start) as usize;
                out.reserve(input.len() - done + 64);
                let status = self
                    .0
                    .compress_vec(&input[done..], &mut out, flush)
                    .expect("deflate in memory");
                let all_in = (self.0.total_in() - start) as usize == input.len();
                match flush {
                    flate2::FlushCompress::Finish if status == flate2::Status::StreamEnd => break,
                    flate2::FlushCompress::Finish => {}
                    _ if all_in => break,
                    _ => {}
                }
            }
        }
        let mut crc = crc32fast::Hasher::new();
        crc.update(MAGIC);
        crc.update(data);
        out.extend_from_slice(&crc.finalize().to_le_bytes());
        out.extend_from_slice(&((MAGIC.len() + data.len()) as u32).to_le_bytes());
        out
    }
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
struct RunWord<K> {
    pages: Option<RunPostings>,
    variants: Vec<(K, RunPostings)>,
    size: usize,
}

struct Fragment {
    hash: String,
    word_count: usize,
    gz: Vec<u8>,
}

/// What a run of pages adds to the index.
struct Run {
    words: Vec<(Arc<str>, RunWord<Arc<str>>)>,
    fragments: Vec<Fragment>,
    /// The names of the metadata of the pages with words.
    fields: BTreeSet<String>,
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
    words: &mut Words,
    gz: &mut Gzip,
) -> Run {
    let mut by_id: HashMap<Id, RunWord<Id>> = HashMap::default();
    let mut fragments = Vec::with_capacity(pages.len());
    let mut kept = 0;
    let mut fields_seen = BTreeSet::new();
    let mut scratch = Scratch::default();
    for page in pages {
        let Digest {
            content,
            words: occurrences,
            anchors,
            word_count,
        } = words::parse_digest(&page.html.digest, &page.html.anchor_content, words);
        if occurrences.is_empty() {
            continue;
        }
        let meta: BTreeMap<String, String> = page
            .html
            .meta
            .iter()
            .map(|(k, v)| (k.clone(), html::tidy(v)))
            .collect();
        let mut meta_occurrences = words::parse_meta(&meta, |f| fields[f], words);

        let number = kept;
        kept += 1;
        for f in meta.keys() {
            if !fields_seen.contains(f) {
                fields_seen.insert(f.clone());
            }
        }
        add_page(
            &mut by_id,
            number,
            &occurrences,
            &mut meta_occurrences,
            words,
            &mut scratch,
        );

        let json = serde_json::to_string(&FragmentData {
            url: &page.url,
            content: &content,
            word_count,
            filters: BTreeMap::new(),
            meta: &meta,
            anchors: &anchors,
        })
        .expect("a fragment is JSON");
        fragments.push(Fragment {
            hash: format!("{lang}_{}", full_hash(json.as_bytes())),
            word_count,
            gz: gz.gzip(json.as_bytes()),
        });
    }
    let name = |id: Id| words.names[id as usize].clone();
    Run {
        words: by_id
            .into_iter()
            .map(|(id, w)| {
                (
                    name(id),
                    RunWord {
                        pages: w.pages,
                        variants: w.variants.into_iter().map(|(f, p)| (name(f), p)).collect(),
                        size: w.size,
                    },
                )
            })
            .collect(),
        fragments,
        fields: fields_seen,
    }
}

/// Groups of equal `(word, form)`, in sorted order.
fn groups<T>(items: &mut [T], key: impl Fn(&T) -> (Id, Id)) -> Vec<(Id, Id, &mut [T])> {
    items.sort_unstable_by_key(&key);
    let mut out = Vec::new();
    let mut rest = items;
    while let Some(first) = rest.first() {
        let k = key(first);
        let n = rest.iter().take_while(|x| key(x) == k).count();
        let (group, tail) = rest.split_at_mut(n);
        out.push((k.0, k.1, group));
        rest = tail;
    }
    out
}

/// A form with diacritics of a word on a page: the form, its occurrences
/// in the text (a range of `Scratch::by_word`) and metadata (a group), if
/// any.
type Form = (Id, Option<(usize, usize)>, Option<usize>);

/// Buffers a thread reuses from page to page.
#[derive(Default)]
struct Scratch {
    /// By word: the page it was last seen on (`generation`), and its
    /// place in `order` on that page.
    seen: Vec<(u32, u32)>,
    generation: u32,
    /// The page's words in the order they first occur, and where each
    /// one's occurrences start in `by_word`.
    order: Vec<Id>,
    starts: Vec<usize>,
    by_word: Vec<Occurrence>,
    locs: Vec<i32>,
    meta_locs: Vec<i32>,
    sorted: Vec<(u8, u32, u8)>,
    /// The forms with diacritics of the word being added.
    forms: Vec<Form>,
}

/// Adds one page's words, as Pagefind's `build_indexes` does: for each
/// word the plain word's positions and metadata positions as one page,
/// then each form with diacritics (by the form's text), those in the text
/// before those only in the metadata.
fn add_page(
    into: &mut HashMap<Id, RunWord<Id>>,
    page: u32,
    occurrences: &[Occurrence],
    meta: &mut [MetaOccurrence],
    words: &Words,
    s: &mut Scratch,
) {
    // The text's occurrences by word (a counting sort, keeping text order).
    s.generation = s.generation.wrapping_add(1);
    if s.generation == 0 {
        s.seen.iter_mut().for_each(|e| e.0 = 0);
        s.generation = 1;
    }
    s.seen.resize(words.names.len(), (0, 0));
    s.order.clear();
    s.starts.clear();
    for o in occurrences {
        let e = &mut s.seen[o.word as usize];
        if e.0 != s.generation {
            *e = (s.generation, s.order.len() as u32);
            s.order.push(o.word);
            s.starts.push(0);
        }
        s.starts[e.1 as usize] += 1;
    }
    let mut total = 0;
    for c in s.starts.iter_mut() {
        let n = *c;
        *c = total;
        total += n;
    }
    s.starts.push(total);
    s.by_word.clear();
    s.by_word
        .resize(total, occurrences.first().copied().unwrap_or(EMPTY));
    {
        let mut next: Vec<usize> = s.starts.clone();
        for o in occurrences {
            let k = s.seen[o.word as usize].1 as usize;
            s.by_word[next[k]] = *o;
            next[k] += 1;
        }
    }
    let mut meta = groups(meta, |o| (o.word, o.form));

    for k in 0..s.order.len() {
        let word = s.order[k];
        let (from, to) = (s.starts[k], s.starts[k + 1]);
        let group = &mut s.by_word[from..to];
        if group.iter().any(|o| o.form != PLAIN) {
            // `PLAIN` sorts last.
            group.sort_by_key(|o| o.form);
        }
        let m_from = meta.partition_point(|g| g.0 < word);
        let m_to = meta.partition_point(|g| g.0 <= word);
        add_word(
            into.entry(word).or_default(),
            page,
            (from, to),
            &mut meta[m_from..m_to],
            words,
            s,
        );
    }
    // Words only in the metadata.
    let mut m = 0;
    while m < meta.len() {
        let word = meta[m].0;
        let m_to = m + meta[m..].iter().take_while(|g| g.0 == word).count();
        let in_text = s
            .seen
            .get(word as usize)
            .is_some_and(|e| e.0 == s.generation);
        if !in_text {
            add_word(
                into.entry(word).or_default(),
                page,
                (0, 0),
                &mut meta[m..m_to],
                words,
                s,
            );
        }
        m = m_to;
    }
}

const EMPTY: Occurrence = Occurrence {
    word: 0,
    form: PLAIN,
    position: 0,
    weight: 0,
};

/// Adds one word of a page: its occurrences in the text
/// (`s.by_word[text.0..text.1]`, sorted by form) and metadata (groups by
/// form, sorted).
fn add_word(
    entry: &mut RunWord<Id>,
    page: u32,
    text: (usize, usize),
    meta: &mut [(Id, Id, &mut [MetaOccurrence])],
    words: &Words,
    s: &mut Scratch,
) {
    let body = &s.by_word[text.0..text.1];
    let plain_len = body.iter().rev().take_while(|o| o.form == PLAIN).count();
    let plain_body = &body[body.len() - plain_len..];
    let plain_meta = meta.last().is_some_and(|g| g.1 == PLAIN);

    s.locs.clear();
    s.meta_locs.clear();
    if !plain_body.is_empty() {
        words::pack_positions(plain_body, &mut s.locs, &mut s.sorted);
    }
    if plain_meta {
        words::pack_meta_positions(meta.last_mut().unwrap().2, &mut s.meta_locs);
    }
    if !plain_body.is_empty() || plain_meta {
        entry.size += s.locs.len() + s.meta_locs.len() + 1;
        entry
            .pages
            .get_or_insert_with(RunPostings::default)
            .push(page, &s.locs, &s.meta_locs);
    }

    // The forms with diacritics, in the text then only in the metadata,
    // each by its text.
    s.forms.clear();
    let meta_forms = meta.len() - usize::from(plain_meta);
    let mut i = 0;
    let body_forms = body.len() - plain_len;
    while i < body_forms {
        let form = body[i].form;
        let n = body[i..body_forms]
            .iter()
            .take_while(|o| o.form == form)
            .count();
        let in_meta = (0..meta_forms).find(|&j| meta[j].1 == form);
        s.forms
            .push((form, Some((text.0 + i, text.0 + i + n)), in_meta));
        i += n;
    }
    let from_text = s.forms.len();
    for (j, group) in meta.iter().enumerate().take(meta_forms) {
        if !s.forms.iter().any(|f| f.0 == group.1) {
            s.forms.push((group.1, None, Some(j)));
        }
    }
    let by_text = |a: &Form, b: &Form| words.names[a.0 as usize].cmp(&words.names[b.0 as usize]);
    s.forms[..from_text].sort_by(by_text);
    s.forms[from_text..].sort_by(by_text);
    for f in 0..s.forms.len() {
        let (form, in_text, in_meta) = s.forms[f];
        s.locs.clear();
        s.meta_locs.clear();
        if let Some((a, b)) = in_text {
            words::pack_positions(&s.by_word[a..b], &mut s.locs, &mut s.sorted);
        }
        if let Some(j) = in_meta {
            words::pack_meta_positions(meta[j].2, &mut s.meta_locs);
        }
        entry.size += s.locs.len() + s.meta_locs.len() + 1;
        let postings = match entry.variants.iter_mut().position(|(f, _)| *f == form) {
            Some(at) => &mut entry.variants[at].1,
            None => {
                entry.variants.push((form, RunPostings::default()));
                &mut entry.variants.last_mut().unwrap().1
            }
        };
        postings.push(page, &s.locs, &s.meta_locs);
    }
}

/// The CBOR that minicbor writes for Pagefind's types: definite lengths,
/// shortest integers.
mod cbor {
    #[inline]
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

    pub fn ints(out: &mut Vec<u8>, ns: &[i32]) {
        array(out, ns.len());
        out.reserve(ns.len() * 5);
        for &n in ns {
            // Major type 0 (unsigned) or 1 (negative, -1 - n).
            let (major, v) = if n >= 0 {
                (0, n as u32)
            } else {
                (0x20, (-1 - n as i64) as u32)
            };
            if v < 24 {
                out.push(major | v as u8);
            } else if v <= u8::MAX as u32 {
                out.extend_from_slice(&[major | 24, v as u8]);
            } else if v <= u16::MAX as u32 {
                let b = (v as u16).to_be_bytes();
                out.extend_from_slice(&[major | 25, b[0], b[1]]);
            } else {
                let b = v.to_be_bytes();
                out.extend_from_slice(&[major | 26, b[0], b[1], b[2], b[3]]);
            }
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
