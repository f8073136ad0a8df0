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

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use sha1::{Digest as _, Sha1};

use super::html;
use super::words::{self, Digest, Id, MetaOccurrence, Occurrence, PLAIN, Words};

/// How hard data files are compressed. Pagefind uses level 9, which
/// costs more than all the rest of indexing; level 2 is nearly as small
/// for a fraction of the time, level 1 faster still and larger
/// (bench/README.md has the figures). The files every search loads
/// (metadata, word index) get level 2; the result fragments, most of the
/// bytes and a few loaded per search, level 1.
pub const GZIP_LEVEL_INDEX: u32 = 2;
/// See [`GZIP_LEVEL_INDEX`].
pub const GZIP_LEVEL_FRAGMENTS: u32 = 1;

/// `PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE`'s default: how many positions a
/// word-index file holds before the next one starts.
const CHUNK_SIZE: usize = 20_000;

/// Words are joined by this many workers, each taking the words whose
/// number leaves its remainder: enough to keep any number of cores busy.
/// The split changes nothing written: each word's pages are joined in page
/// order by one worker, and the words are sorted by name after.
const SHARDS: u32 = 16;

/// Pages whose words are joined before they are freed.
const JOIN_BLOCK: usize = 4096;

/// The words of one shard (those whose number leaves the same remainder
/// by [`SHARDS`]), as joined so far.
#[derive(Default)]
struct Shard {
    at: HashMap<Id, usize>,
    words: Vec<(Id, Word)>,
}

impl Shard {
    /// Joins the words of `pages`, numbered from `first`, that are this
    /// shard's (the part of each page's words [`Worker::page`] set apart
    /// for it); `renumber` their field numbers (see [`Postings::append`]).
    fn join(&mut self, shard: u32, first: u32, pages: &[Indexed], renumber: &[Option<Box<[u16]>>]) {
        let s = shard as usize;
        for (i, page) in pages.iter().enumerate() {
            let number = first + i as u32;
            let fields = renumber[i].as_deref();
            let from = if s == 0 { 0 } else { page.shard_ends[s - 1] };
            let mut r = varint::Reader(&page.words[from as usize..page.shard_ends[s] as usize]);
            while !r.0.is_empty() {
                let word = r.read();
                debug_assert_eq!(word % SHARDS, shard);
                let plain = r.postings();
                let variants = r.read();
                let words = &mut self.words;
                let at = *self.at.entry(word).or_insert_with(|| {
                    words.push((word, Word::default()));
                    words.len() - 1
                });
                let into = &mut words[at].1;
                if !plain.0.is_empty() {
                    into.size += size(plain);
                    into.pages.append(number, plain, fields);
                }
                for _ in 0..variants {
                    let form = r.read();
                    let postings = r.postings();
                    into.size += size(postings);
                    match into.variants.iter_mut().find(|(f, _)| *f == form) {
                        Some((_, v)) => v.append(number, postings, fields),
                        None => {
                            let mut v = Postings::default();
                            v.append(number, postings, fields);
                            into.variants.push((form, v));
                        }
                    }
                }
            }
        }
    }
}

/// What a page's postings of a word or form add to the word's size: its
/// positions and metadata positions, and one.
fn size((positions, meta): (&[u8], &[u8])) -> usize {
    let meta = if meta.is_empty() { 0 } else { cbor::len(meta) };
    cbor::len(positions) + meta + 1
}

/// One language's files (paths relative to the bundle folder) and what
/// `pagefind-entry.json` says of it.
pub struct Language {
    pub page_count: usize,
    pub meta_hash: String,
    pub files: Vec<(String, Vec<u8>)>,
}

/// What one page adds to its language's index, worked out as soon as the
/// page is rendered (on any thread, in any order) so that its HTML need not
/// be kept: its result fragment, finished and compressed, and its words in
/// a compact form that [`build`] joins with the other pages' once their
/// order (by path) is known.
pub struct Indexed {
    /// The SHA-1 of the fragment: `<lang>_<it in hex>` names the file,
    /// shortened as far as no earlier page's name is the same.
    pub hash: [u8; 20],
    pub word_count: u32,
    /// The fragment, compressed.
    pub fragment: Vec<u8>,
    /// The names of its metadata, sorted, as [`words::Interner`] numbers.
    pub fields: Box<[Id]>,
    /// For each word on the page, as [`add_word`] writes them: its
    /// number, its plain postings (nothing if none) and each form with
    /// diacritics (number and postings), as [`postings`] writes them;
    /// numbers and lengths as LEB128. Metadata positions carry the page's
    /// own field numbers (the place in `fields`), renumbered for the
    /// language's fields by [`build`]: some 8 bytes a word, far less than
    /// the word's HTML. Grouped by the [`Shard`] that joins them, in shard
    /// order.
    words: Vec<u8>,
    /// Where each shard's words end in `words` (the next's start): each
    /// shard reads its own and no other's.
    shard_ends: [u32; SHARDS as usize],
    /// Where [`Indexed::spill`] put the fragment and the words: their
    /// place in the file and their lengths.
    spilled: Option<(u64, u32, u32)>,
}

impl Indexed {
    /// Moves the fragment and the words to the end of `file` (at `at`,
    /// its length), for [`Indexed::restore`] to read back: they are most
    /// of what the index holds of a page, and a build would otherwise keep
    /// them in memory beside everything else while its pages are
    /// rendered. Returns the bytes written; on an error the page keeps
    /// them in memory (and the file is no longer to be trusted).
    pub fn spill(&mut self, file: &mut impl std::io::Write, at: u64) -> std::io::Result<u64> {
        file.write_all(&self.fragment)?;
        file.write_all(&self.words)?;
        let (f, w) = (self.fragment.len(), self.words.len());
        self.spilled = Some((at, f as u32, w as u32));
        self.fragment = Vec::new();
        self.words = Vec::new();
        Ok((f + w) as u64)
    }

    /// Where [`Indexed::spill`] put it in the file, if it did.
    pub fn spilled_at(&self) -> Option<u64> {
        self.spilled.map(|(at, _, _)| at)
    }

    /// Reads back the fragment [`Indexed::spill`] moved to `file`.
    pub fn restore_fragment(
        &mut self,
        file: &mut (impl std::io::Read + std::io::Seek),
    ) -> std::io::Result<()> {
        let Some((at, f, _)) = self.spilled else {
            return Ok(());
        };
        file.seek(std::io::SeekFrom::Start(at))?;
        self.fragment = vec![0; f as usize];
        file.read_exact(&mut self.fragment)
    }

    /// Reads back the words [`Indexed::spill`] moved to `file`: [`build`]
    /// does, a block of pages at a time, as it joins them.
    fn restore_words(
        &mut self,
        file: &mut (impl std::io::Read + std::io::Seek),
    ) -> std::io::Result<()> {
        let Some((at, f, w)) = self.spilled.take() else {
            return Ok(());
        };
        file.seek(std::io::SeekFrom::Start(at + f as u64))?;
        self.words = vec![0; w as usize];
        file.read_exact(&mut self.words)
    }
}

/// What a thread keeps from page to page: the words of each language met,
/// the fragments' compressor, buffers.
pub struct Worker {
    langs: Vec<(String, Words)>,
    gz: Gzip,
    scratch: Scratch,
    digest: Digest,
    /// The fragment being made, before it is compressed.
    json: Vec<u8>,
    interner: Arc<Mutex<words::Interner>>,
}

impl Worker {
    pub fn new(interner: Arc<Mutex<words::Interner>>) -> Self {
        Worker {
            langs: Vec::new(),
            gz: Gzip::new(GZIP_LEVEL_FRAGMENTS),
            scratch: Scratch::default(),
            digest: Digest::default(),
            json: Vec::new(),
            interner,
        }
    }

    /// What the page at `url`, read as `page`, adds to the index of its
    /// language; nothing if it has no words (Pagefind leaves such pages
    /// out, metadata and all).
    pub fn page(&mut self, url: &str, page: &html::Page) -> Option<Indexed> {
        let lang = page.language.as_str();
        let at = match self.langs.iter().position(|(l, _)| l == lang) {
            Some(at) => at,
            None => {
                let words = Words::shared(lang, self.interner.clone());
                self.langs.push((lang.to_string(), words));
                self.langs.len() - 1
            }
        };
        let words = &mut self.langs[at].1;
        words::parse_digest(&page.digest, &page.anchor_content, words, &mut self.digest);
        let Digest {
            content,
            words: occurrences,
            anchors,
            word_count,
        } = &self.digest;
        let word_count = *word_count;
        if occurrences.is_empty() {
            return None;
        }
        let meta: BTreeMap<&str, Cow<str>> = page
            .meta
            .iter()
            .map(|(k, v)| (k.as_str(), html::tidy(v)))
            .collect();
        // The page's own field numbers: the place of each name among its
        // (sorted) fields.
        let mut meta_occurrences = words::parse_meta(
            meta.iter().map(|(k, v)| (*k, v.as_ref())),
            |f| meta.keys().position(|k| *k == f).expect("a field") as u16,
            words,
        );
        let fields: Box<[Id]> = meta
            .keys()
            .map(|k| {
                let id = words.id(k);
                words.global(id)
            })
            .collect();
        for shard in &mut self.scratch.shards {
            shard.clear();
        }
        add_page(occurrences, &mut meta_occurrences, words, &mut self.scratch);
        let shards = &self.scratch.shards;
        // Kept until every page is read: no room left to grow.
        let mut out = Vec::with_capacity(shards.iter().map(Vec::len).sum());
        let mut shard_ends = [0; SHARDS as usize];
        for (shard, end) in shards.iter().zip(&mut shard_ends) {
            out.extend_from_slice(shard);
            *end = out.len() as u32;
        }

        let json = &mut self.json;
        json.clear();
        serde_json::to_writer(
            &mut *json,
            &FragmentData {
                url,
                content,
                word_count,
                filters: BTreeMap::new(),
                meta: &meta,
                anchors,
            },
        )
        .expect("a fragment is JSON");
        let mut fragment = self.gz.gzip(json);
        // Kept until every page is read: without the room left to grow.
        fragment.shrink_to_fit();
        Some(Indexed {
            hash: Sha1::digest(&json[..]).into(),
            word_count: word_count as u32,
            fragment,
            fields,
            words: out,
            shard_ends,
            spilled: None,
        })
    }
}

/// The index of one language from its pages in order (Pagefind's page
/// numbers), as [`Worker::page`] left them; `names` the
/// [`words::Interner`]'s, `version` Pagefind's. The fragments are moved,
/// not copied, into the files.
pub fn build(
    lang: &str,
    mut pages: Vec<Indexed>,
    names: &[Arc<str>],
    version: &str,
    mut spilled: Option<&mut std::io::BufReader<std::fs::File>>,
) -> std::io::Result<Language> {
    // The metadata fields: the names on any page, sorted; a page whose
    // fields are not the first ones of that list has its field numbers
    // changed as its words are joined.
    let fields: BTreeSet<&str> = pages
        .iter()
        .flat_map(|p| p.fields.iter().map(|&f| &*names[f as usize]))
        .collect();
    let field_number: HashMap<&str, u16> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| (*f, i as u16))
        .collect();
    let renumber: Vec<Option<Box<[u16]>>> = pages
        .iter()
        .map(|p| {
            let to: Box<[u16]> = p
                .fields
                .iter()
                .map(|&f| field_number[&*names[f as usize]])
                .collect();
            let same = to.iter().enumerate().all(|(i, &n)| n as usize == i);
            (!same).then_some(to)
        })
        .collect();

    let mut files = Vec::with_capacity(pages.len() + 64);
    // Fragment names: the hash, shortened as far as it stays unique.
    let mut taken: HashSet<String> = HashSet::default();
    let mut meta_pages = Vec::with_capacity(pages.len());
    for p in &mut pages {
        let hash = format!("{lang}_{}", hex(&p.hash));
        let mut len = lang.len() + 8;
        while taken.contains(&hash[..len]) && len < hash.len() {
            len += 1;
        }
        let short = hash[..len].to_string();
        taken.insert(short.clone());
        files.push((
            format!("fragment/{short}.pf_fragment"),
            std::mem::take(&mut p.fragment),
        ));
        meta_pages.push((short, p.word_count));
    }
    let page_count = meta_pages.len();

    // The word index: each word's pages joined in page order, by word,
    // a block of pages at a time so that each page's words are freed once
    // joined (they are as large as the index they make).
    let mut shards: Vec<Shard> = (0..SHARDS).map(|_| Shard::default()).collect();
    for (block, from) in (0..pages.len()).step_by(JOIN_BLOCK).enumerate() {
        let to = (from + JOIN_BLOCK).min(pages.len());
        if let Some(file) = spilled.as_deref_mut() {
            for p in &mut pages[from..to] {
                p.restore_words(file)?;
            }
        }
        let (block_pages, fields) = (&pages[from..to], &renumber[from..to]);
        shards.par_iter_mut().enumerate().for_each(|(shard, into)| {
            into.join(
                shard as u32,
                (block * JOIN_BLOCK) as u32,
                block_pages,
                fields,
            );
        });
        for p in &mut pages[from..to] {
            p.words = Vec::new();
        }
    }
    let mut words: Vec<(Id, Word)> = shards.into_iter().flat_map(|s| s.words).collect();
    words.par_sort_unstable_by(|a, b| names[a.0 as usize].cmp(&names[b.0 as usize]));
    let name = |id: Id| &*names[id as usize];
    let mut chunks: Vec<&[(Id, Word)]> = Vec::new();
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
                    cbor::text(&mut out, name(*word));
                    w.pages.write(&mut out);
                    cbor::array(&mut out, w.variants.len());
                    for (form, p) in &w.variants {
                        cbor::array(&mut out, 2);
                        cbor::text(&mut out, name(*form));
                        p.write(&mut out);
                    }
                }
                (format!("{lang}_{}", full_hash(&out)), gz.gzip(&out))
            },
        )
        .collect();
    let mut chunk_meta = chunk_ranges(&chunks, name);
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
    // Freed on a thread of its own: nothing more is made of them.
    std::thread::spawn(move || drop(words));

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

/// `chunk_meta`: the first and last word of each file, shortened to the
/// prefixes that tell neighbours apart.
fn chunk_ranges<'n>(
    chunks: &[&[(Id, Word)]],
    name: impl Fn(Id) -> &'n str,
) -> Vec<(String, String, String)> {
    let mut named: Vec<(String, String, String)> = chunks
        .iter()
        .map(|c| {
            (
                c.first().map_or(String::new(), |w| name(w.0).to_string()),
                c.last().map_or(String::new(), |w| name(w.0).to_string()),
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
    hex(&Sha1::digest(bytes))
}

/// A SHA-1 as [`full_hash`] writes it.
fn hex(digest: &[u8]) -> String {
    use std::fmt::Write as _;
    let mut out = String::with_capacity(40);
    for b in digest {
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
    /// Adds page `page` after those so far: its positions and metadata
    /// positions as [`postings`] wrote them, the metadata's field numbers
    /// changed to `fields[n]` if given.
    fn append(&mut self, page: u32, (positions, meta): (&[u8], &[u8]), fields: Option<&[u16]>) {
        cbor::array(&mut self.bytes, 3);
        cbor::uint(
            &mut self.bytes,
            (page - if self.count == 0 { 0 } else { self.last }) as u64,
        );
        self.bytes.extend_from_slice(positions);
        match fields {
            _ if meta.is_empty() => cbor::array(&mut self.bytes, 0),
            None => self.bytes.extend_from_slice(meta),
            Some(fields) => {
                let meta = cbor::read_ints(meta);
                let meta: Vec<i32> = meta
                    .into_iter()
                    .map(|n| {
                        if n < 0 {
                            -(fields[(-n - 1) as usize] as i32) - 1
                        } else {
                            n
                        }
                    })
                    .collect();
                cbor::ints(&mut self.bytes, &meta);
            }
        }
        self.count += 1;
        self.last = page;
    }

    fn write(&self, out: &mut Vec<u8>) {
        cbor::array(out, self.count);
        out.extend_from_slice(&self.bytes);
    }
}

/// A word of the whole index.
#[derive(Default)]
struct Word {
    pages: Postings,
    variants: Vec<(Id, Postings)>,
    /// Positions, metadata positions and pages: what a word-index file is
    /// cut by.
    size: usize,
}

#[derive(serde::Serialize)]
struct FragmentData<'a> {
    url: &'a str,
    content: &'a str,
    word_count: usize,
    filters: BTreeMap<String, Vec<String>>,
    meta: &'a BTreeMap<&'a str, Cow<'a, str>>,
    anchors: &'a [words::Anchor],
}

/// LEB128 numbers, for [`Indexed::words`].
mod varint {
    pub fn write(out: &mut Vec<u8>, mut n: u32) {
        while n >= 0x80 {
            out.push(n as u8 | 0x80);
            n >>= 7;
        }
        out.push(n as u8);
    }

    pub struct Reader<'a>(pub &'a [u8]);

    impl<'a> Reader<'a> {
        #[inline]
        pub fn read(&mut self) -> u32 {
            let (mut n, mut shift, mut i) = (0u32, 0, 0);
            loop {
                let b = self.0[i];
                n |= ((b & 0x7f) as u32) << shift;
                i += 1;
                if b < 0x80 {
                    break;
                }
                shift += 7;
            }
            self.0 = &self.0[i..];
            n
        }

        /// A length, then that many bytes.
        #[inline]
        pub fn bytes(&mut self) -> &'a [u8] {
            let len = self.read() as usize;
            let (bytes, rest) = self.0.split_at(len);
            self.0 = rest;
            bytes
        }

        /// Positions and metadata positions as [`super::postings`] wrote
        /// them (both empty if there are none).
        #[inline]
        pub fn postings(&mut self) -> (&'a [u8], &'a [u8]) {
            let positions = self.bytes();
            if positions.is_empty() {
                return (positions, positions);
            }
            (positions, self.bytes())
        }
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
    /// one's occurrences start in `by_word` (and, while they are sorted
    /// there, go next).
    order: Vec<Id>,
    starts: Vec<usize>,
    next: Vec<usize>,
    by_word: Vec<Occurrence>,
    /// Where the metadata's groups of each of `order` are (empty if
    /// none), and those of the words only in the metadata.
    meta_of: Vec<(usize, usize)>,
    meta_only: Vec<(usize, usize)>,
    locs: Vec<i32>,
    meta_locs: Vec<i32>,
    sorted: Vec<(u8, u32, u8)>,
    /// The forms with diacritics of the word being added.
    forms: Vec<Form>,
    /// The page's words as [`Indexed::words`] holds them, by shard.
    shards: [Vec<u8>; SHARDS as usize],
}

/// Adds one page's words, as Pagefind's `build_indexes` does: for each
/// word the plain word's positions and metadata positions as one page,
/// then each form with diacritics (by the form's text), those in the text
/// before those only in the metadata. Each word is added once, so each
/// is written as it is worked out, into `s.shards`.
fn add_page(
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
    s.next.clear();
    s.next.extend_from_slice(&s.starts);
    for o in occurrences {
        let k = s.seen[o.word as usize].1 as usize;
        s.by_word[s.next[k]] = *o;
        s.next[k] += 1;
    }
    let mut meta = groups(meta, |o| (o.word, o.form));
    // Each word's groups: those of words in the text by their place in
    // `order`, the others apart.
    s.meta_of.clear();
    s.meta_of.resize(s.order.len(), (0, 0));
    s.meta_only.clear();
    let mut m = 0;
    while m < meta.len() {
        let word = meta[m].0;
        let m_to = m + meta[m..].iter().take_while(|g| g.0 == word).count();
        match s.seen.get(word as usize) {
            Some(e) if e.0 == s.generation => s.meta_of[e.1 as usize] = (m, m_to),
            _ => s.meta_only.push((m, m_to)),
        }
        m = m_to;
    }

    for k in 0..s.order.len() {
        let word = s.order[k];
        let (from, to) = (s.starts[k], s.starts[k + 1]);
        let group = &mut s.by_word[from..to];
        if group.iter().any(|o| o.form != PLAIN) {
            // `PLAIN` sorts last.
            group.sort_by_key(|o| o.form);
        }
        let (m_from, m_to) = s.meta_of[k];
        add_word(word, (from, to), &mut meta[m_from..m_to], words, s);
    }
    for i in 0..s.meta_only.len() {
        let (m_from, m_to) = s.meta_only[i];
        add_word(meta[m_from].0, (0, 0), &mut meta[m_from..m_to], words, s);
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
/// form, sorted), written to its shard as [`Indexed::words`] holds them.
fn add_word(
    word: Id,
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
    let global = words.global(word);
    let shard = (global % SHARDS) as usize;
    varint::write(&mut s.shards[shard], global);
    if !plain_body.is_empty() || plain_meta {
        postings(&mut s.shards[shard], &s.locs, &s.meta_locs);
    } else {
        varint::write(&mut s.shards[shard], 0);
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
    varint::write(&mut s.shards[shard], s.forms.len() as u32);
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
        varint::write(&mut s.shards[shard], words.global(form));
        postings(&mut s.shards[shard], &s.locs, &s.meta_locs);
    }
}

/// A page's postings of one word or form, as [`Postings`] holds them after
/// the page number: its positions and metadata positions, each as CBOR
/// after its length, that of no metadata positions 0 and nothing after
/// (they are rare). The join need not walk the first array to find the
/// second, nor count either.
fn postings(out: &mut Vec<u8>, locs: &[i32], meta_locs: &[i32]) {
    ints_after_length(out, locs);
    if meta_locs.is_empty() {
        varint::write(out, 0);
    } else {
        ints_after_length(out, meta_locs);
    }
}

/// [`cbor::ints`] after its length as LEB128, written in one pass: the
/// length, one byte but for long arrays, is put in front once known.
fn ints_after_length(out: &mut Vec<u8>, ns: &[i32]) {
    let at = out.len();
    out.push(0);
    cbor::ints(out, ns);
    let len = out.len() - at - 1;
    if len < 0x80 {
        out[at] = len as u8;
    } else {
        let mut prefix = Vec::with_capacity(5);
        varint::write(&mut prefix, len as u32);
        out.splice(at..=at, prefix);
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

    #[inline]
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

    #[inline]
    pub fn array(out: &mut Vec<u8>, len: usize) {
        head(out, 4, len as u64);
    }

    /// A head as [`ints`] writes them: its major type and number, and its
    /// length.
    #[inline]
    fn read_head(b: &[u8]) -> (u8, u32, usize) {
        let major = b[0] >> 5;
        match b[0] & 0x1f {
            n @ 0..24 => (major, n as u32, 1),
            24 => (major, b[1] as u32, 2),
            25 => (major, u16::from_be_bytes([b[1], b[2]]) as u32, 3),
            _ => (major, u32::from_be_bytes([b[1], b[2], b[3], b[4]]), 5),
        }
    }

    /// How many numbers the array [`ints`] wrote at the start of `b` has.
    pub fn len(b: &[u8]) -> usize {
        read_head(b).1 as usize
    }

    /// The numbers of an array [`ints`] wrote.
    pub fn read_ints(b: &[u8]) -> Vec<i32> {
        let (_, n, mut at) = read_head(b);
        (0..n)
            .map(|_| {
                let (major, v, len) = read_head(&b[at..]);
                at += len;
                if major == 1 {
                    (-1 - v as i64) as i32
                } else {
                    v as i32
                }
            })
            .collect()
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
    fn cbor_ints_read_back() {
        let ns = [0, 23, 24, 255, 256, -1, -24, -25, -26, -300, 70000, -70000];
        let mut out = Vec::new();
        cbor::ints(&mut out, &ns);
        let len = out.len();
        cbor::ints(&mut out, &[-3]);
        assert_eq!(cbor::len(&out), ns.len());
        assert_eq!(cbor::read_ints(&out), ns);
        assert_eq!(cbor::read_ints(&out[len..]), [-3]);
    }

    #[test]
    fn varints_read_back() {
        let mut out = Vec::new();
        for n in [0, 127, 128, 300, u32::MAX] {
            varint::write(&mut out, n);
        }
        let mut r = varint::Reader(&out);
        for n in [0, 127, 128, 300, u32::MAX] {
            assert_eq!(r.read(), n);
        }
        assert!(r.0.is_empty());
    }

    #[test]
    fn ints_follow_their_length() {
        let (short, long): (Vec<i32>, Vec<i32>) =
            ((0..3).collect(), (0..100).map(|n| n * 9).collect());
        let mut out = Vec::new();
        ints_after_length(&mut out, &short);
        ints_after_length(&mut out, &long);
        let mut r = varint::Reader(&out);
        for ns in [short, long] {
            let mut expected = Vec::new();
            cbor::ints(&mut expected, &ns);
            assert_eq!(r.bytes(), expected);
        }
        assert!(r.0.is_empty());
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
