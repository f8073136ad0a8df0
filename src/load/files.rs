//! Reading files safely: bounded size, UTF-8 only, nothing outside the
//! content folder, and file names that mean the same on every file system.

use std::hash::Hasher;
use std::io::Read;
use std::path::Path;

use walkdir::WalkDir;

use crate::message::Message;
use crate::problem::{Position, Problem, Problems};

/// Larger files are refused before they are read: no content file comes
/// near this, and a runaway file must not exhaust memory.
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Every file under `dir`, as sorted `/`-separated relative paths. Hidden
/// files (editor swap files, `.git`) are skipped; symbolic links are not
/// followed, and one found is reported, since it could lead outside the
/// content folder. Special files (pipes, sockets, devices) are reported
/// and never opened.
///
/// File names must be printable ASCII: record file names become URLs, and
/// two names that differ only by letter case (`A.md`, `a.md`) or by Unicode
/// normalisation (NFC and NFD `é`) are one file on macOS and Windows.
/// Non-ASCII names are refused outright, and names in one folder that are
/// equal once lower-cased are reported as a collision.
pub fn walk(dir: &Path, problems: &mut Problems) -> Vec<String> {
    let mut files = Vec::new();
    // Every name seen: (folder, name), its folder an index in `folders`.
    let mut named: Vec<(usize, String)> = Vec::new();
    // Folders walked, by index; the first is the content folder itself.
    let mut folders: Vec<String> = vec![String::new()];
    // The folder index of each depth of the walk so far.
    let mut open: Vec<usize> = vec![0];
    // Not walkdir's sorting: it parses both paths on every comparison,
    // which was most of the walk of 10 000 files. The list is sorted once
    // at the end, in the same order.
    let mut walker = WalkDir::new(dir).follow_links(false).into_iter();
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .and_then(|p| p.strip_prefix(dir).ok())
                    .map(|p| shown_path(&p.to_string_lossy()))
                    .unwrap_or_default();
                problems.push(Problem::file_msg(path, cannot_read(&e)));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let kind = entry.file_type();
        let Some(name) = entry.file_name().to_str() else {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            problems.push(Problem::file_msg(
                shown_path(&rel.to_string_lossy()),
                Message::FileNameNotUtf8,
            ));
            if kind.is_dir() {
                walker.skip_current_dir();
            }
            continue;
        };
        if name.starts_with('.') {
            if kind.is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        // The walk goes depth first: the folders above this entry are the
        // first `depth` of `open`, and each name in them was checked.
        open.truncate(entry.depth());
        let folder = open[entry.depth() - 1];
        let rel = match folders[folder].as_str() {
            "" => name.to_string(),
            above => format!("{above}/{name}"),
        };
        if let Some(control) = bad_name(name) {
            problems.push(Problem::file_msg(
                shown_path(&rel),
                Message::BadFileName {
                    name: shown_path(name),
                    control,
                },
            ));
            if kind.is_dir() {
                walker.skip_current_dir();
            }
            continue;
        }
        named.push((folder, rel));
        let rel = &named.last().expect("just pushed").1;
        if entry.path_is_symlink() {
            problems.push(Problem::file_msg(rel.as_str(), Message::SymbolicLink));
        } else if kind.is_file() {
            files.push(rel.clone());
        } else if kind.is_dir() {
            open.push(folders.len());
            folders.push(rel.clone());
        } else {
            problems.push(not_regular(rel));
        }
    }
    // Names in one folder equal once lower-cased: found by a hash of
    // folder and lower-cased name, then reported folder by folder and
    // name by name.
    fn lowered(rel: &str) -> impl Iterator<Item = u8> + '_ {
        rel[rel.rfind('/').map_or(0, |i| i + 1)..]
            .bytes()
            .map(|b| b.to_ascii_lowercase())
    }
    let same_name =
        |a: &(usize, String), b: &(usize, String)| a.0 == b.0 && lowered(&a.1).eq(lowered(&b.1));
    let mut hashes: Vec<(u64, usize)> = named
        .iter()
        .enumerate()
        .map(|(i, (folder, rel))| {
            let mut h = rustc_hash::FxHasher::default();
            h.write_usize(*folder);
            lowered(rel).for_each(|b| h.write_u8(b));
            (h.finish(), i)
        })
        .collect();
    hashes.sort_unstable();
    let mut groups: Vec<Vec<&(usize, String)>> = Vec::new();
    for run in hashes
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
    {
        let mut left: Vec<&(usize, String)> = run.iter().map(|&(_, i)| &named[i]).collect();
        while let Some(first) = left.pop() {
            let (mut same, rest): (Vec<_>, Vec<_>) =
                left.into_iter().partition(|n| same_name(first, n));
            left = rest;
            if !same.is_empty() {
                same.push(first);
                groups.push(same);
            }
        }
    }
    groups.sort_by(|a, b| {
        folders[a[0].0]
            .cmp(&folders[b[0].0])
            .then_with(|| lowered(&a[0].1).cmp(lowered(&b[0].1)))
    });
    for same in groups {
        let mut same: Vec<&String> = same.into_iter().map(|(_, rel)| rel).collect();
        same.sort_unstable();
        if let [first, rest @ ..] = same.as_slice() {
            for other in rest {
                problems.push(Problem::file_msg(
                    other.as_str(),
                    Message::NamesDifferByCase {
                        first: first.to_string(),
                        other: other.to_string(),
                    },
                ));
            }
        }
    }
    // Folder by folder, names in order: what a walk sorted by name gives.
    // With `/` as the least byte, the paths compare as their components do.
    fn key(f: &str) -> impl Iterator<Item = u8> + '_ {
        f.bytes().map(|b| if b == b'/' { 0 } else { b })
    }
    files.sort_unstable_by(|a, b| key(a).cmp(key(b)));
    files
}

/// Why a file or folder name is refused, if it is.
/// Whether `name` cannot be part of a URL as it is: `Some(true)` for
/// control characters, `Some(false)` for letters outside ASCII.
fn bad_name(name: &str) -> Option<bool> {
    if name.chars().any(char::is_control) {
        Some(true)
    } else if !name.is_ascii() {
        Some(false)
    } else {
        None
    }
}

fn cannot_read(e: &impl std::fmt::Display) -> Message {
    Message::CannotRead {
        detail: e.to_string(),
    }
}

/// A name as it can be printed: control and non-ASCII characters escaped
/// (`\u{301}`), so NFC and NFD names look different and no terminal
/// control sequence reaches the editor's screen.
fn shown_path(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii() && !c.is_control() {
                c.to_string()
            } else {
                c.escape_unicode().to_string()
            }
        })
        .collect()
}

fn not_regular(rel: &str) -> Problem {
    Problem::file_msg(rel, Message::NotRegularFile)
}

/// Reads `rel` under `dir` as UTF-8 text, refusing symbolic links, special
/// files, oversize, empty and non-UTF-8 files, and text holding control
/// characters, each with a problem that names the file. The size is checked
/// before anything is read, and the read itself never takes more than the
/// limit, even if the file grows meanwhile.
pub fn read_text(dir: &Path, rel: &str) -> Result<String, Problem> {
    let path = dir.join(rel);
    let meta = std::fs::symlink_metadata(&path).map_err(|e| {
        let msg = if e.kind() == std::io::ErrorKind::NotFound {
            Message::MissingFile
        } else {
            cannot_read(&e)
        };
        Problem::file_msg(rel, msg)
    })?;
    if meta.file_type().is_symlink() {
        return Err(Problem::file_msg(rel, Message::SymbolicLink));
    }
    if meta.is_dir() {
        return Err(Problem::file_msg(rel, Message::FolderForFile));
    }
    if !meta.is_file() {
        // Opening a named pipe would block forever.
        return Err(not_regular(rel));
    }
    let file = std::fs::File::open(&path).map_err(|e| Problem::file_msg(rel, cannot_read(&e)))?;
    text_of(rel, file, meta.len())
}

/// A folder whose files [`Folder::read_listed`] reads. On Linux it is held
/// open, so that each file is looked up from it rather than from the root.
pub struct Folder<'a> {
    dir: &'a Path,
    #[cfg(target_os = "linux")]
    fd: Option<rustix::fd::OwnedFd>,
}

impl<'a> Folder<'a> {
    pub fn new(dir: &'a Path) -> Self {
        Folder {
            dir,
            #[cfg(target_os = "linux")]
            fd: rustix::fs::open(
                dir,
                rustix::fs::OFlags::RDONLY
                    | rustix::fs::OFlags::DIRECTORY
                    | rustix::fs::OFlags::CLOEXEC,
                rustix::fs::Mode::empty(),
            )
            .ok(),
        }
    }

    /// [`read_text`] for a file that [`walk`] listed as a regular file. It
    /// is opened without following a link and without waiting (as a named
    /// pipe would make an open wait), and its type and size are read from
    /// the open file: one path lookup rather than two. Should it be
    /// anything but a regular file by now, it is closed unread and
    /// [`read_text`] describes it.
    pub fn read_listed(&self, rel: &str) -> Result<String, Problem> {
        #[cfg(target_os = "linux")]
        if let Some((file, len)) = self.open_regular(rel) {
            return text_of(rel, file, len);
        }
        read_text(self.dir, rel)
    }

    #[cfg(target_os = "linux")]
    fn open_regular(&self, rel: &str) -> Option<(std::fs::File, u64)> {
        use rustix::fs::{FileType, Mode, OFlags};
        let fd = rustix::fs::openat(
            self.fd.as_ref()?,
            rel,
            OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::NOCTTY | OFlags::CLOEXEC,
            Mode::empty(),
        )
        .ok()?;
        let stat = rustix::fs::fstat(&fd).ok()?;
        (FileType::from_raw_mode(stat.st_mode) == FileType::RegularFile)
            .then(|| (std::fs::File::from(fd), stat.st_size as u64))
    }
}

/// The text of `file`, open for reading and `len` bytes long when its
/// size was read: the checks of [`read_text`] from the size on.
fn text_of(rel: &str, file: std::fs::File, len: u64) -> Result<String, Problem> {
    if len > MAX_FILE_BYTES {
        return Err(too_large(rel, len));
    }
    let cannot = |e: std::io::Error| Problem::file_msg(rel, cannot_read(&e));
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(rel, bytes.len() as u64));
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Problem::file_msg(rel, Message::EmptyFile));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        Problem::file_msg(
            rel,
            Message::NotUtf8 {
                at,
                byte: e.as_bytes()[at],
            },
        )
        .at(Position { line, column })
    })?;
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if let Some((i, c)) = may_hold_control(text.as_bytes())
        .then(|| {
            text.char_indices()
                .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        })
        .flatten()
    {
        let before = &text[..i];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        // The line is not printed: it could move the editor's cursor or
        // clear the screen.
        return Err(
            Problem::file_msg(rel, Message::ControlCharacter { code: u32::from(c) })
                .at(Position { line, column })
                .sensitive(),
        );
    }
    if text.trim().is_empty() {
        return Err(Problem::file_msg(rel, Message::EmptyFile));
    }
    Ok(text)
}

/// Whether `bytes` (UTF-8) may hold a control character other than tab
/// and line breaks: a C0 control or DEL, or the lead byte `0xC2` of the C1
/// controls (U+0080 to U+009F). A pass without early exit over blocks of
/// bytes, which the compiler vectorises: texts rarely hold any, and only
/// then are their characters decoded to find it.
fn may_hold_control(bytes: &[u8]) -> bool {
    bytes.chunks(256).any(|block| {
        block.iter().fold(false, |found, &b| {
            found
                | ((b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') | (b == 0x7F) | (b == 0xC2))
        })
    })
}

fn too_large(rel: &str, bytes: u64) -> Problem {
    Problem::file_msg(
        rel,
        Message::FileTooLarge {
            bytes,
            max_mib: MAX_FILE_BYTES / 1024 / 1024,
        },
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn files_are_listed_folder_by_folder() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["a-b.md", "a/x.md", "a/y/z.md", "ab.md", "a.md"] {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "x").unwrap();
        }
        let files = super::walk(dir.path(), &mut crate::problem::Problems::default());
        assert_eq!(files, ["a/x.md", "a/y/z.md", "a-b.md", "a.md", "ab.md"]);
    }

    #[test]
    fn control_characters_are_found_past_the_fast_pass() {
        for c in ['\u{0}', '\u{1b}', '\u{7f}', '\u{85}', '\u{9f}'] {
            let text = format!("{}{c}x", "a".repeat(300));
            assert!(super::may_hold_control(text.as_bytes()), "{c:?}");
        }
        for ok in ["tab\tand\r\nlines", "é ü — “quotes” 日本"] {
            assert!(!super::may_hold_control(ok.as_bytes()), "{ok}");
        }
    }
}
