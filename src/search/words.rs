//! Pagefind's words: how a page's text becomes the words of the index.
//!
//! Ported from Pagefind 1.6.0 (`fossick/splitting.rs` and `parse_digest`
//! in `fossick/mod.rs`, MIT licence, © CloudCannon) without its
//! segmentation of Chinese, Japanese and Thai (the "extended" build, which
//! netra does not use). The search side (`pagefind.js` and the stemmer
//! compiled to WebAssembly) expects exactly these words, so this must not
//! drift from the Pagefind version in `Cargo.lock`: `tests/testsuite/search.rs`
//! compares the whole bundle with the one Pagefind itself builds.
//!
//! What is new is the [`Words`] cache: a site repeats its words, so the
//! normalising, splitting and stemming of each distinct word is done once
//! per worker instead of once per occurrence.

use std::collections::{HashMap, HashSet};

use rustc_hash::FxHashMap;
use std::sync::{Arc, LazyLock, Mutex};

use convert_case::{Case, Casing};
use pagefind_stem::{Algorithm, Stemmer};
use regex::Regex;
use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// Characters that count as part of a word besides letters and digits
/// (Unicode "Punctuation, Connector"); Pagefind's default
/// `include_characters`, written to `pagefind-entry.json` too.
pub const WORD_SYMBOLS: [char; 10] = ['_', '‿', '⁀', '⁔', '︳', '︴', '﹍', '﹎', '﹏', '＿'];

const MAX_KATAKANA_SUFFIX_CHARS: usize = 16;
const MAX_DOTTED_TAIL_CHARS: usize = 64;

static EMOJI: LazyLock<Regex> = LazyLock::new(|| Regex::new("\\p{Emoji}").unwrap());

/// A word as an index into [`Words::names`].
pub type Id = u32;

/// No diacritics removed: the word is indexed as written.
pub const PLAIN: Id = Id::MAX;

/// One word to index for a word of the text: its stemmed form, and the
/// form before diacritics were dropped ([`PLAIN`] if the same).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Indexable {
    pub stem: Id,
    pub is_compound_part: bool,
    pub original: Id,
}

/// The stemmer Pagefind uses for a language (`None`: words are indexed
/// unstemmed).
pub fn stemmer(lang: &str) -> Option<Stemmer> {
    let algorithm = match lang.split('-').next().unwrap_or_default() {
        "ar" => Algorithm::Arabic,
        "hy" => Algorithm::Armenian,
        "eu" => Algorithm::Basque,
        "ca" => Algorithm::Catalan,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "eo" => Algorithm::Esperanto,
        "et" => Algorithm::Estonian,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hi" => Algorithm::Hindi,
        "hu" => Algorithm::Hungarian,
        "id" => Algorithm::Indonesian,
        "ga" => Algorithm::Irish,
        "it" => Algorithm::Italian,
        "lt" => Algorithm::Lithuanian,
        "nb" | "nn" | "no" => Algorithm::Norwegian,
        "ne" => Algorithm::Nepali,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "sr" => Algorithm::Serbian,
        "pl" => Algorithm::Polish,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        "yi" => Algorithm::Yiddish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}

/// A word of the text with what it adds to the index, worked out once.
struct Token {
    /// The word as the result text shows it (zero-width spaces removed);
    /// empty: the word is skipped.
    text: Box<str>,
    words: Vec<Indexable>,
    /// How many of `words` are parts of a compound (they share its weight).
    compound_parts: usize,
}

/// Every word, form and metadata field name of a site, numbered once for
/// all threads: pages read on different threads (each with its own
/// [`Words`]) describe their words by these numbers, so that they can be
/// joined once every page is read. The numbers depend on which thread saw
/// a word first; nothing written depends on them, only on the names.
#[derive(Default)]
pub struct Interner {
    ids: FxHashMap<Arc<str>, Id>,
    /// Each name, by its number.
    pub names: Vec<Arc<str>>,
}

impl Interner {
    fn id(&mut self, name: &Arc<str>) -> Id {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = Id::try_from(self.names.len()).expect("fewer than 2^32 words");
        self.names.push(name.clone());
        self.ids.insert(name.clone(), id);
        id
    }
}

/// The words of one language: a cache of what each word of the text adds
/// to the index, and the stemmed words and forms numbered (by this
/// worker, and in the site's [`Interner`]).
pub struct Words {
    stemmer: Option<Stemmer>,
    body: FxHashMap<Key, usize>,
    tokens: Vec<Token>,
    meta: FxHashMap<Box<str>, Box<[Indexable]>>,
    ids: FxHashMap<Arc<str>, Id>,
    /// Each stemmed word or original form, by [`Id`].
    pub names: Vec<Arc<str>>,
    /// Each one's number in `interner`, by [`Id`]: looked up once per
    /// word and worker, so the shared table is rarely locked.
    global: Vec<Id>,
    interner: Arc<Mutex<Interner>>,
}

impl Words {
    #[cfg(test)]
    pub fn new(lang: &str) -> Self {
        Self::shared(lang, Arc::default())
    }

    /// The words of `lang`, numbered in `interner` too.
    pub fn shared(lang: &str, interner: Arc<Mutex<Interner>>) -> Self {
        Self {
            stemmer: stemmer(lang),
            body: FxHashMap::default(),
            tokens: Vec::new(),
            meta: FxHashMap::default(),
            ids: FxHashMap::default(),
            names: Vec::new(),
            global: Vec::new(),
            interner,
        }
    }

    /// `s`'s number here (see [`Words::global`] for the site's).
    pub fn id(&mut self, s: &str) -> Id {
        if let Some(&id) = self.ids.get(s) {
            return id;
        }
        let id = Id::try_from(self.names.len()).expect("fewer than 2^32 words");
        let name: Arc<str> = s.into();
        let global = self.interner.lock().expect("not poisoned").id(&name);
        self.names.push(name.clone());
        self.global.push(global);
        self.ids.insert(name, id);
        id
    }

    /// The number in the site's [`Interner`] of the word numbered `id` here.
    #[inline]
    pub fn global(&self, id: Id) -> Id {
        self.global[id as usize]
    }

    fn ids(&mut self, words: Vec<RawIndexable>) -> Vec<Indexable> {
        words
            .into_iter()
            .map(|w| Indexable {
                stem: self.id(&w.stemmed),
                is_compound_part: w.is_compound_part,
                original: w.original.map_or(PLAIN, |o| self.id(&o)),
            })
            .collect()
    }

    /// A word of the page's text (as `parse_digest` treats it).
    fn token(&mut self, word: &str) -> usize {
        if let Some(&t) = self.body.get(word.as_bytes()) {
            return t;
        }
        let base = word.replace('\u{200B}', "");
        let (words, compound_parts) = if base.is_empty() {
            (Vec::new(), 0)
        } else {
            let stemmer = self.stemmer.as_ref();
            let mut words = get_indexable_words(&base, stemmer, &WORD_SYMBOLS);
            let tails = get_dotted_tails(&base, stemmer, &WORD_SYMBOLS, &words);
            words.extend(tails);
            let parts = words.iter().filter(|w| w.is_compound_part).count();
            (self.ids(words), parts)
        };
        self.tokens.push(Token {
            text: base.into(),
            words,
            compound_parts,
        });
        self.body.insert(Key::new(word), self.tokens.len() - 1);
        self.tokens.len() - 1
    }

    /// A word of a metadata value (as `parse_meta_words` treats it).
    fn meta_word(&mut self, word: &str) -> &[Indexable] {
        if !self.meta.contains_key(word) {
            let words = get_indexable_words(word, self.stemmer.as_ref(), &WORD_SYMBOLS);
            let words = self.ids(words).into_boxed_slice();
            self.meta.insert(word.into(), words);
        }
        &self.meta[word]
    }
}

/// A word of the text as a key of [`Words::body`]. Most are short and held
/// in the table itself: looking a word up (once for each word of every
/// page) then reads no string elsewhere in memory. A word is `Short`
/// exactly when it fits, so keys are equal as their bytes are.
#[derive(PartialEq, Eq)]
enum Key {
    Short(u8, [u8; 22]),
    Long(Box<[u8]>),
}

impl Key {
    fn new(word: &str) -> Self {
        let b = word.as_bytes();
        let mut short = [0; 22];
        match short.get_mut(..b.len()) {
            Some(at) => {
                at.copy_from_slice(b);
                Key::Short(b.len() as u8, short)
            }
            None => Key::Long(b.into()),
        }
    }
}

impl std::borrow::Borrow<[u8]> for Key {
    fn borrow(&self) -> &[u8] {
        match self {
            Key::Short(len, b) => &b[..*len as usize],
            Key::Long(b) => b,
        }
    }
}

impl std::hash::Hash for Key {
    /// As the bytes hash: the key is looked up by them.
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        std::borrow::Borrow::<[u8]>::borrow(self).hash(state);
    }
}

/// An occurrence of a word in the page's text: the word, the form it was
/// written in ([`PLAIN`] if without diacritics), position and weight.
#[derive(Debug, Clone, Copy)]
pub struct Occurrence {
    pub word: Id,
    pub form: Id,
    pub position: u32,
    pub weight: u8,
}

/// An occurrence of a word in a metadata field.
#[derive(Debug, Clone, Copy)]
pub struct MetaOccurrence {
    pub word: Id,
    pub form: Id,
    pub field: u16,
    pub position: u32,
}

/// A heading or other element with an `id` on the page.
#[derive(Debug, serde::Serialize)]
pub struct Anchor {
    pub element: String,
    pub id: String,
    pub text: String,
    pub location: u32,
}

/// What `parse_digest` makes of a page's text.
#[derive(Default)]
pub struct Digest {
    /// The text shown in results: the words, one space apart.
    pub content: String,
    /// Every word indexed, in the text's order.
    pub words: Vec<Occurrence>,
    pub anchors: Vec<Anchor>,
    pub word_count: usize,
}

const WEIGHT_MULTIPLIER: f32 = 24.0;
const WEIGHT_MAX: f32 = 10.0;

/// Pagefind's `parse_digest` (without segmentation): the words of the text
/// `digest` with their positions and weights, the anchors whose markers
/// it carries (their text from `anchor_content`), and the result text,
/// into `into` (whose buffers a thread keeps from page to page).
pub fn parse_digest(
    digest: &str,
    anchor_content: &HashMap<String, String>,
    words: &mut Words,
    into: &mut Digest,
) {
    let Digest {
        content,
        words: occurrences,
        anchors,
        word_count,
    } = into;
    occurrences.clear();
    anchors.clear();
    content.clear();
    let mut total_word_index: usize = 0;
    let mut max_word_index = 0;
    let mut weight_stack: Vec<u8> = vec![(1.0 * WEIGHT_MULTIPLIER) as u8];

    for word in split_whitespace(digest) {
        if word.starts_with('_') {
            if let Some(rest) = word.strip_prefix("___PAGEFIND_ANCHOR___") {
                // `replace` rather than the prefix alone, as Pagefind does.
                let rest = rest.replace("___PAGEFIND_ANCHOR___", "");
                if let Some((element_name, anchor_id)) = rest.split_once(':') {
                    let element_text = anchor_content
                        .get(anchor_id)
                        .map(|t| super::html::normalize_content(t))
                        .unwrap_or_default();
                    if let Some((_, element_id)) = anchor_id.split_once(':') {
                        anchors.push(Anchor {
                            element: element_name.to_string(),
                            id: element_id.to_string(),
                            text: super::html::normalize_content(&element_text),
                            location: total_word_index as u32,
                        });
                    }
                }
                continue;
            }
            if let Some(rest) = word.strip_prefix("___PAGEFIND_WEIGHT___") {
                let weight = rest
                    .replace("___PAGEFIND_WEIGHT___", "")
                    .parse::<f32>()
                    .ok()
                    .unwrap_or(1.0);
                if weight <= 0.0 {
                    weight_stack.push(0);
                } else {
                    weight_stack
                        .push(((weight.clamp(0.0, WEIGHT_MAX) * WEIGHT_MULTIPLIER) as u8).max(1));
                }
                continue;
            }
            if let Some(rest) = word.strip_prefix("___PAGEFIND_AUTO_WEIGHT___") {
                if weight_stack.len() == 1 {
                    let weight = rest
                        .replace("___PAGEFIND_AUTO_WEIGHT___", "")
                        .parse::<f32>()
                        .ok()
                        .unwrap_or(1.0);
                    weight_stack.push((weight.clamp(0.0, WEIGHT_MAX) * WEIGHT_MULTIPLIER) as u8);
                } else {
                    weight_stack.push(weight_stack.last().cloned().unwrap_or_default());
                }
                continue;
            }
            if word.starts_with("___END_PAGEFIND_WEIGHT___") {
                weight_stack.pop();
                continue;
            }
        }

        let t = words.token(word);
        let token = &words.tokens[t];
        if token.text.is_empty() {
            continue;
        }
        content.push_str(&token.text);
        content.push(' ');

        let word_weight = *weight_stack.last().unwrap_or(&1);
        let partial_weight = if token.compound_parts > 0 && word_weight > 0 {
            (word_weight / u8::try_from(token.compound_parts).unwrap_or(u8::MAX)).max(1)
        } else {
            0
        };
        let position = u32::try_from(total_word_index).expect("fewer than 2^32 words a page");
        for w in &token.words {
            occurrences.push(Occurrence {
                word: w.stem,
                form: w.original,
                position,
                weight: if w.is_compound_part {
                    partial_weight
                } else {
                    word_weight
                },
            });
        }
        max_word_index = total_word_index;
        total_word_index += 1;
    }
    if content.ends_with(' ') {
        content.pop();
    }
    *word_count = max_word_index + 1;
}

/// `str::split_whitespace`, faster: a table says which bytes are ASCII
/// white space and which can start a non-ASCII white space character.
fn split_whitespace(s: &str) -> impl Iterator<Item = &str> {
    let b = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < b.len() {
            match super::html::space_len(s, i) {
                0 => break,
                n => i += n,
            }
        }
        if i >= b.len() {
            return None;
        }
        let start = i;
        loop {
            while i < b.len() && super::html::SPACE_CLASS[b[i] as usize] == 0 {
                i += 1;
            }
            if i >= b.len() || super::html::space_len(s, i) > 0 {
                break;
            }
            i += 1;
        }
        Some(&s[start..i])
    })
}

/// Pagefind's `parse_meta_words`: the words of each metadata value, by
/// field (numbered by `field_id`) and position in the value.
pub fn parse_meta<'m>(
    meta: impl IntoIterator<Item = (&'m str, &'m str)>,
    field_id: impl Fn(&str) -> u16,
    words: &mut Words,
) -> Vec<MetaOccurrence> {
    let mut out = Vec::new();
    for (name, value) in meta {
        let field = field_id(name);
        for (i, word) in value.split_whitespace().enumerate() {
            for w in words.meta_word(word) {
                out.push(MetaOccurrence {
                    word: w.stem,
                    form: w.original,
                    field,
                    position: i as u32,
                });
            }
        }
    }
    out
}

/// `positions_to_packed_page`: positions sorted by weight (the common one
/// first) and position, delta-encoded, with a negative number before each
/// change of weight. `scratch` holds the sorted positions.
pub fn pack_positions(
    positions: &[Occurrence],
    out: &mut Vec<i32>,
    scratch: &mut Vec<(u8, u32, u8)>,
) {
    scratch.clear();
    scratch.extend(positions.iter().map(|p| {
        (
            if p.weight == 25 { 0 } else { p.weight },
            p.position,
            p.weight,
        )
    }));
    if !scratch.is_sorted() {
        scratch.sort_unstable();
    }
    let mut current_weight = 25;
    let mut last_position = 0;
    for &(_, position, weight) in scratch.iter() {
        if weight != current_weight {
            out.push(-(weight as i32) - 1);
            out.push(position as i32);
            current_weight = weight;
        } else {
            out.push((position - last_position) as i32);
        }
        last_position = position;
    }
}

/// `meta_positions_to_packed`: by field, delta-encoded within each, with
/// `-(field + 1)` before each field's positions.
pub fn pack_meta_positions(positions: &mut [MetaOccurrence], out: &mut Vec<i32>) {
    positions.sort_unstable_by_key(|p| (p.field, p.position));
    let mut current_field: Option<u16> = None;
    let mut last_position: u32 = 0;
    for p in positions.iter() {
        if Some(p.field) != current_field {
            out.push(-((p.field as i32) + 1));
            current_field = Some(p.field);
            last_position = 0;
        }
        out.push((p.position - last_position) as i32);
        last_position = p.position;
    }
}

// ---- Pagefind's `fossick/splitting.rs`, unchanged but for the names ----

struct RawIndexable {
    stemmed: String,
    is_compound_part: bool,
    original: Option<String>,
}

fn get_indexable_words(
    raw_word: &str,
    stemmer: Option<&Stemmer>,
    include_characters: &[char],
) -> Vec<RawIndexable> {
    let mut results = Vec::new();

    let normalized_word = normalize_word(raw_word, include_characters);

    if !normalized_word.is_empty() {
        results.push(stem_word(&normalized_word, stemmer, false));
    }

    for suffix in katakana_suffixes(raw_word) {
        let suffix_diacritic = normalize_diacritics(suffix);
        results.push(RawIndexable {
            stemmed: suffix_diacritic
                .clone()
                .unwrap_or_else(|| suffix.to_string()),
            original: suffix_diacritic.map(|_| suffix.to_string()),
            is_compound_part: true,
        });
    }

    let possibly_compound = raw_word.chars().any(|c| !c.is_alphanumeric())
        || raw_word.chars().skip(1).any(|c| c.is_uppercase());

    if !possibly_compound {
        return results;
    }

    let (word_parts, extras) = get_discrete_words(raw_word);
    if !normalized_word.is_empty()
        && (word_parts.contains(|c: char| c.is_whitespace())
            || !normalized_word.starts_with(&word_parts))
    {
        for part_word in word_parts.split_whitespace().filter(|w| w.len() > 1) {
            let part_diacritic = normalize_diacritics(part_word);

            let stemmed_part = if let Some(stemmer) = stemmer {
                stemmer
                    .stem(part_diacritic.as_deref().unwrap_or(part_word))
                    .into_owned()
            } else {
                part_diacritic
                    .clone()
                    .unwrap_or_else(|| part_word.to_string())
            };

            results.push(RawIndexable {
                stemmed: stemmed_part,
                original: part_diacritic.map(|_| part_word.to_string()),
                is_compound_part: true,
            });
        }
    }

    if let Some(extras) = extras {
        for extra in extras {
            results.push(RawIndexable {
                stemmed: extra,
                original: None,
                is_compound_part: false,
            });
        }
    }

    results
}

fn get_dotted_tails(
    raw_word: &str,
    stemmer: Option<&Stemmer>,
    include_characters: &[char],
    existing: &[RawIndexable],
) -> Vec<RawIndexable> {
    let mut tails = Vec::new();
    if !raw_word.contains('.') {
        return tails;
    }
    let seen: HashSet<&str> = existing.iter().map(|w| w.stemmed.as_str()).collect();
    let mut seen_tails: HashSet<String> = HashSet::new();
    for (i, _) in raw_word.match_indices('.') {
        let rest = &raw_word[i + 1..];
        let tail = match rest.char_indices().nth(MAX_DOTTED_TAIL_CHARS) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        let tail_is_compound = tail.chars().any(|c| !c.is_alphanumeric())
            || tail.chars().skip(1).any(|c| c.is_uppercase());
        if !tail_is_compound {
            continue;
        }
        let tail_normalized = normalize_word(tail, include_characters);
        if tail_normalized.chars().count() < 2 {
            continue;
        }
        let tail_word = stem_word(&tail_normalized, stemmer, true);
        if !seen.contains(tail_word.stemmed.as_str())
            && seen_tails.insert(tail_word.stemmed.clone())
        {
            tails.push(tail_word);
        }
    }
    tails
}

fn normalize_word(raw_word: &str, include_characters: &[char]) -> String {
    let mut normalized_word = String::with_capacity(raw_word.len());
    for mut c in raw_word.chars() {
        let is_alpha = c.is_alphanumeric();
        if is_alpha || include_characters.contains(&c) {
            c.make_ascii_lowercase();
            if c.is_uppercase() {
                normalized_word.extend(c.to_lowercase());
            } else {
                normalized_word.push(c);
            }
        }
    }
    normalized_word
}

fn stem_word(
    normalized_word: &str,
    stemmer: Option<&Stemmer>,
    is_compound_part: bool,
) -> RawIndexable {
    let diacritic_normalized = normalize_diacritics(normalized_word);

    let stemmed = if let Some(stemmer) = stemmer {
        stemmer
            .stem(diacritic_normalized.as_deref().unwrap_or(normalized_word))
            .into_owned()
    } else {
        diacritic_normalized
            .clone()
            .unwrap_or_else(|| normalized_word.to_string())
    };

    RawIndexable {
        stemmed,
        original: diacritic_normalized.map(|_| normalized_word.to_string()),
        is_compound_part,
    }
}

fn is_katakana(c: char) -> bool {
    matches!(c as u32,
        0x30A1..=0x30FA | 0x30FC..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F)
}

fn katakana_suffixes(word: &str) -> Vec<&str> {
    if word.chars().count() < 3 || !word.chars().all(is_katakana) {
        return Vec::new();
    }
    let mut seen = HashSet::new();
    let mut suffixes = Vec::new();
    for (i, _) in word.char_indices().skip(1) {
        let rest = &word[i..];
        let suffix = match rest.char_indices().nth(MAX_KATAKANA_SUFFIX_CHARS) {
            Some((end, _)) => &rest[..end],
            None => rest,
        };
        if suffix.chars().count() >= 2 && seen.insert(suffix) {
            suffixes.push(suffix);
        }
    }
    suffixes
}

fn normalize_diacritics(word: &str) -> Option<String> {
    if word.is_ascii() || !has_decomposition(word) {
        return None;
    }
    let stripped: String = word
        .nfd()
        .filter(|c| {
            !unicode_normalization::char::is_combining_mark(*c)
                || matches!(*c, '\u{3099}' | '\u{309A}')
        })
        .collect();
    let normalized = if stripped
        .chars()
        .any(|c| matches!(c, '\u{3099}' | '\u{309A}'))
    {
        stripped.nfc().collect::<String>()
    } else {
        stripped
    };
    if normalized != word {
        Some(normalized)
    } else {
        None
    }
}

fn has_decomposition(word: &str) -> bool {
    word.chars().any(|c| {
        unicode_normalization::char::is_combining_mark(c) || {
            let mut decomposes = false;
            unicode_normalization::char::decompose_canonical(c, |part| {
                decomposes = decomposes || part != c;
            });
            decomposes
        }
    })
}

fn get_discrete_words(s: &str) -> (String, Option<Vec<String>>) {
    let mut extras = None;

    let words = s
        .replace(|c: char| c.is_ascii_punctuation(), " ")
        .to_case(Case::Lower)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");

    if EMOJI.is_match(s) {
        extras = Some(
            s.graphemes(true)
                .filter(|x| emojis::get(x).is_some())
                .map(|x| x.to_string())
                .collect::<Vec<_>>(),
        );
    }

    (words, extras)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(word: &str, lang: &str) -> Vec<(String, bool)> {
        let mut w = Words::new(lang);
        let t = w.token(word);
        w.tokens[t]
            .words
            .iter()
            .map(|i| (w.names[i.stem as usize].to_string(), i.is_compound_part))
            .collect()
    }

    #[test]
    fn words_are_stemmed_and_compounds_split() {
        assert_eq!(stems("Pelanggaran", "id"), [("langgar".into(), false)]);
        assert_eq!(stems("breaches", "en"), [("breach".into(), false)]);
        // Pagefind's own example.
        let three = stems("ThreeAntelopes", "en");
        assert_eq!(three[0], ("threeantelop".into(), false));
        assert!(three.contains(&("three".into(), true)), "{three:?}");
        assert!(three.contains(&("antelop".into(), true)), "{three:?}");
        // Diacritics are dropped for the index, the original kept.
        let mut w = Words::new("fr");
        let t = w.token("café");
        let i = w.tokens[t].words[0];
        assert_eq!(&*w.names[i.stem as usize], "caf");
        assert_eq!(&*w.names[i.original as usize], "café");
    }

    fn at(position: u32, weight: u8) -> Occurrence {
        Occurrence {
            word: 0,
            form: PLAIN,
            position,
            weight,
        }
    }

    fn meta_at(field: u16, position: u32) -> MetaOccurrence {
        MetaOccurrence {
            word: 0,
            form: PLAIN,
            field,
            position,
        }
    }

    #[test]
    fn splits_on_white_space_as_the_standard_library() {
        for text in [
            "",
            "  a b\tc\n\rd  ",
            "x\u{a0}y\u{2003}z\u{3000}w\u{85}v\u{1680}u",
            "é ü\u{e2}\u{82}\u{ac}€ 日本",
            "\u{2028}\u{2029}\u{202f}\u{205f}q",
        ] {
            assert_eq!(
                split_whitespace(text).collect::<Vec<_>>(),
                text.split_whitespace().collect::<Vec<_>>(),
                "{text:?}"
            );
        }
        // Every character that starts with one of those lead bytes.
        for c in ('\u{80}'..='\u{3fff}').filter(|c| matches!(c.len_utf8(), 2 | 3)) {
            let text = format!("a{c}b");
            assert_eq!(
                split_whitespace(&text).collect::<Vec<_>>(),
                text.split_whitespace().collect::<Vec<_>>(),
                "{c:?}"
            );
        }
    }

    #[test]
    fn positions_are_packed_like_pagefind() {
        let mut out = Vec::new();
        pack_positions(
            &[at(9, 24), at(2, 168), at(4, 24)],
            &mut out,
            &mut Vec::new(),
        );
        assert_eq!(out, [-25, 4, 5, -169, 2]);
        let mut out = Vec::new();
        pack_meta_positions(&mut [meta_at(1, 3), meta_at(0, 2), meta_at(1, 0)], &mut out);
        assert_eq!(out, [-1, 2, -2, 0, 3]);
    }
}
