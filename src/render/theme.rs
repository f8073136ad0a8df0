//! Loading a theme: Tera templates, translation files, static assets.
//!
//! Every file of the theme's `static/` folder is written under `assets/`
//! with a hash of its bytes in its name (`static/style.css` →
//! `assets/style.1a2b3c4d5e.css`), so a host can let browsers and CDNs
//! keep it for a year: a changed file is a new name. Templates name a
//! static file by its path under `static/` through the `asset` function,
//! `{{ root }}{{ asset(path="style.css") }}`, never by its output name.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tera::{Context, Tera};
use walkdir::WalkDir;

use crate::chart::png::{FontError, Fonts};
use crate::i18n::{self, Locale};
use crate::message::Message;
use crate::model::SiteConfig;
use crate::problem::{Problem, Problems};

pub struct Theme {
    dir: PathBuf,
    /// One Tera per language, each with that language's strings and site
    /// values in its global context, so pages do not copy them.
    teras: Vec<Tera>,
    pub locales: Vec<Locale>,
    /// `static/` files, as output path (hashed, see the module comment)
    /// → bytes.
    pub assets: Vec<(String, Vec<u8>)>,
    /// `cms/` files, as output path (under `admin/`) → bytes; read only
    /// for a site with `cms:`.
    pub cms: Vec<(String, Vec<u8>)>,
    /// `fonts/`: what the PNG charts' text is set in. Not served.
    pub chart_fonts: Fonts,
    /// The PNG charts drawn with these fonts, kept between `serve`'s
    /// rebuilds.
    pub pngs: super::chart_png::PngCache,
    /// The templates that read the rendered cards, `items_html`.
    items_html_readers: HashSet<String>,
}

/// The output folder of the theme's static files.
pub const ASSET_DIR: &str = "assets/";

/// Hex digits of the content hash in an asset's name: 40 bits, so two
/// versions of one file sharing a name is a one-in-a-trillion event.
const ASSET_HASH_LEN: usize = 10;

/// Where each asset is written and what it holds: the output path of
/// `static/<name>` under its name.
#[derive(Debug, Default)]
struct Assets {
    names: BTreeMap<String, String>,
    files: Vec<(String, Vec<u8>)>,
}

impl Theme {
    pub fn load(dir: &Path, site: &SiteConfig) -> Result<Theme, Problems> {
        let mut problems = Problems::default();
        let assets = load_assets(&dir.join("static"), &mut problems);
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        let names = Arc::new(assets.names);
        let known = Arc::clone(&names);
        tera.register_function("asset", move |kwargs: tera::Kwargs, _: &tera::State| {
            let path: &str = kwargs.must_get("path")?;
            asset_path(&known, path)
                .map(str::to_string)
                .map_err(|m| tera::Error::message(m.to_string()))
        });
        let templates = dir.join("templates");
        let mut files: Vec<(PathBuf, String)> = Vec::new();
        for e in WalkDir::new(&templates)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
        {
            if let Ok(rel) = e.path().strip_prefix(&templates) {
                files.push((
                    e.path().to_path_buf(),
                    rel.to_string_lossy().replace('\\', "/"),
                ));
            }
        }
        if files.is_empty() {
            problems.push(Problem::file_msg(
                templates.display().to_string(),
                Message::NoTemplates,
            ));
        }
        for (path, _) in &files {
            problems.extend(missing_assets(path, &names));
        }
        let texts: Vec<(&str, String)> = files
            .iter()
            .map(|(path, name)| {
                let text = std::fs::read_to_string(path).unwrap_or_default();
                (name.as_str(), text)
            })
            .collect();
        let items_html_readers = readers_of(super::ITEMS_HTML, &texts);
        if let Err(e) =
            tera.add_template_files(files.iter().map(|(p, n)| (p.clone(), Some(n.clone()))))
        {
            problems.push(Problem::file_msg(
                templates.display().to_string(),
                Message::TemplateError {
                    detail: e.to_string(),
                },
            ));
        }
        let mut locales = Vec::new();
        for lang in &site.languages {
            match i18n::load(dir, &lang.code) {
                Ok(l) => locales.push(l),
                Err(p) => problems.push(p),
            }
        }
        if let Some((first, rest)) = locales.split_first() {
            for (l, lang) in rest.iter().zip(site.languages.iter().skip(1)) {
                problems.extend(i18n::check_keys(
                    first,
                    l,
                    &dir.join(format!("i18n/{}.yaml", lang.code))
                        .display()
                        .to_string(),
                ));
            }
        }
        let cms = match site.cms {
            Some(_) => load_cms(dir, &mut problems),
            None => Vec::new(),
        };
        let chart_fonts = load_fonts(&dir.join("fonts")).map_err(|p| problems.push(p));
        let (true, Ok((chart_fonts, font_digest))) = (problems.is_empty(), chart_fonts) else {
            return Err(problems);
        };
        let teras = site
            .languages
            .iter()
            .zip(&locales)
            .map(|(lang, locale)| {
                let mut t = tera.clone();
                let g = t.global_context();
                g.insert("t", &locale.strings);
                g.insert("lang", &lang.code);
                g.insert(
                    "site_title",
                    site.title.get(&lang.code, site.default_lang()),
                );
                g.insert(
                    "site_description",
                    site.description.get(&lang.code, site.default_lang()),
                );
                g.insert(
                    "publisher",
                    site.publisher.get(&lang.code, site.default_lang()),
                );
                let s = super::urls::Sections::new(lang);
                use crate::model::Section;
                let nav: std::collections::BTreeMap<&str, String> = [
                    Section::Statistics,
                    Section::Press,
                    Section::Data,
                    Section::Tags,
                    Section::Cases,
                ]
                .into_iter()
                .map(|k| (k.key(), s.section(k)))
                .chain([
                    ("home", s.home()),
                    ("feed", s.feed()),
                    ("search", s.search()),
                ])
                .collect();
                g.insert("nav", &nav);
                g.insert("csp", super::CONTENT_SECURITY_POLICY);
                t
            })
            .collect();
        Ok(Theme {
            dir: dir.to_path_buf(),
            teras,
            locales,
            assets: assets.files,
            cms,
            chart_fonts,
            pngs: super::chart_png::PngCache::new(font_digest),
            items_html_readers,
        })
    }

    pub fn render(&self, lang: usize, template: &str, cx: &Context) -> Result<String, tera::Error> {
        self.teras[lang].render(template, cx)
    }

    /// A page rendered as the bytes to write. Tera's own `render` starts
    /// its buffer at the template's size (a few hundred bytes for a page
    /// that extends the base) and checks the result is UTF-8, which it
    /// always is: on a site of 40 000 pages of 8–13 KB the buffer's
    /// doublings and the check were some 5 % of the build's CPU.
    pub fn render_page(
        &self,
        lang: usize,
        template: &str,
        cx: &Context,
    ) -> Result<Vec<u8>, tera::Error> {
        let mut out = Vec::with_capacity(PAGE_BYTES);
        self.teras[lang].render_to(template, cx, &mut out)?;
        Ok(out)
    }

    /// Whether the theme has the template `name`.
    pub fn has_template(&self, lang: usize, name: &str) -> bool {
        self.teras[lang].contains_template(name)
    }

    /// Whether `template`, or a template it names, reads the list
    /// pages' rendered cards: they are made only for pages that show
    /// them, so that a theme whose card partial expects its list's loop
    /// (`loop.index`, a variable the list sets) still builds.
    pub fn reads_items_html(&self, template: &str) -> bool {
        self.items_html_readers.contains(template)
    }

    pub fn template_path(&self, name: &str) -> String {
        self.dir.join("templates").join(name).display().to_string()
    }
}

/// The templates among `templates` (name, text) that read `var`: those
/// whose text mentions it (or `__tera_context`, which is every variable),
/// and those naming in quotes, as `extends` and `include` do, a template
/// that reads it. Tera's components are global, called by their own name
/// rather than their file's, and may take a caller's variable unnamed
/// (`@implicit`): if a reader defines one, every template counts as a
/// reader. Reading the text rather than Tera's syntax tree errs on the
/// side of a reader (a mention in a comment counts): a page that reads
/// the cards must never go without them.
fn readers_of(var: &str, templates: &[(&str, String)]) -> HashSet<String> {
    let mut readers: HashSet<String> = templates
        .iter()
        .filter(|(_, text)| text.contains(var) || text.contains("__tera_context"))
        .map(|(name, _)| name.to_string())
        .collect();
    let components: HashSet<&str> = templates
        .iter()
        .filter(|(_, text)| text.contains("{% component") || text.contains("{%- component"))
        .map(|(name, _)| *name)
        .collect();
    // Each pass adds the templates naming one found in the pass before;
    // a chain of includes is a few templates long.
    loop {
        if readers.iter().any(|r| components.contains(r.as_str())) {
            return templates.iter().map(|(n, _)| n.to_string()).collect();
        }
        let found: Vec<String> = templates
            .iter()
            .filter(|(name, text)| {
                !readers.contains(*name)
                    && readers.iter().any(|r| {
                        ['"', '\'', '`']
                            .iter()
                            .any(|q| text.contains(&format!("{q}{r}{q}")))
                    })
            })
            .map(|(name, _)| name.to_string())
            .collect();
        if found.is_empty() {
            return readers;
        }
        readers.extend(found);
    }
}

/// Room for a typical page, so that rendering it takes one allocation.
const PAGE_BYTES: usize = 16 * 1024;

/// The editor's files: Decap CMS and the script that cleans what it saves.
fn load_cms(dir: &Path, problems: &mut Problems) -> Vec<(String, Vec<u8>)> {
    let folder = dir.join("cms");
    let mut files = files_under(&folder, crate::cms::ADMIN, problems);
    // The notes on the vendored file are for the repository, not the site.
    files.retain(|(path, _)| !path.ends_with(".md"));
    let script = format!("{}decap-cms.js", crate::cms::ADMIN);
    if !files.iter().any(|(p, _)| *p == script) {
        problems.push(Problem::file_msg(
            folder.display().to_string(),
            Message::ThemeWithoutEditor,
        ));
    }
    files
}

/// Every file under `dir` as (`prefix` + its path there, bytes).
fn files_under(dir: &Path, prefix: &str, problems: &mut Problems) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let Ok(rel) = e.path().strip_prefix(dir) else {
            continue;
        };
        match std::fs::read(e.path()) {
            Ok(bytes) => out.push((
                format!("{prefix}{}", rel.to_string_lossy().replace('\\', "/")),
                bytes,
            )),
            Err(err) => problems.push(Problem::file_msg(
                e.path().display().to_string(),
                Message::CannotRead {
                    detail: err.to_string(),
                },
            )),
        }
    }
    out
}

/// The output path of `static/<name>`, or why there is none.
fn asset_path<'a>(names: &'a BTreeMap<String, String>, name: &str) -> Result<&'a str, Message> {
    names
        .get(name)
        .map(String::as_str)
        .ok_or_else(|| Message::MissingAsset {
            name: name.to_string(),
            known: names.keys().cloned().collect(),
        })
}

/// `asset(path="…")` calls with a literal path in one template's source
/// whose file is not in `static/`: a theme error when the theme loads,
/// with the template's line, rather than on whichever page first uses it.
fn missing_assets(file: &Path, names: &BTreeMap<String, String>) -> Vec<Problem> {
    static CALL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"\basset\(\s*path\s*=\s*"([^"]*)"\s*\)"#).expect("valid pattern")
    });
    let Ok(source) = std::fs::read_to_string(file) else {
        // Tera reports an unreadable template.
        return Vec::new();
    };
    CALL.captures_iter(&source)
        .filter_map(|c| {
            let m = c.get(1)?;
            let missing = asset_path(names, m.as_str()).err()?;
            let before = &source[..m.start()];
            let line = before.matches('\n').count() + 1;
            let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
            Some(
                Problem::file_msg(file.display().to_string(), missing)
                    .at(crate::problem::Position { line, column }),
            )
        })
        .collect()
}

/// `name` with `hash` before its extension: `css/site.min.css` →
/// `css/site.min.<hash>.css`; a name without one gets it at the end.
fn hashed_name(name: &str, bytes: &[u8]) -> String {
    use sha1::{Digest as _, Sha1};
    let digest = Sha1::digest(bytes);
    let hash: String = digest
        .iter()
        .flat_map(|b| [b >> 4, b & 0xf])
        .take(ASSET_HASH_LEN)
        .map(|n| char::from_digit(u32::from(n), 16).expect("a hex digit"))
        .collect();
    let file_start = name.rfind('/').map_or(0, |i| i + 1);
    match name[file_start..].rfind('.') {
        // A leading dot (`.well-known`-like names) is not an extension.
        Some(dot) if dot > 0 => {
            let dot = file_start + dot;
            format!("{}.{hash}{}", &name[..dot], &name[dot..])
        }
        _ => format!("{name}.{hash}"),
    }
}

/// The `.ttf` and `.otf` files of `dir`, by name; other files (the
/// fonts' licence) are left alone.
/// The fonts, and a hash of their files that names them in the PNG cache.
fn load_fonts(dir: &Path) -> Result<(Fonts, u64), Problem> {
    let problem = |m: Message| Problem::file_msg(dir.display().to_string(), m);
    let mut files = Vec::new();
    for e in WalkDir::new(dir)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
    {
        let is_font = e
            .path()
            .extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("ttf") || x.eq_ignore_ascii_case("otf"));
        if is_font {
            let bytes = std::fs::read(e.path()).map_err(|err| {
                problem(Message::FontUnreadable {
                    file: e.path().display().to_string(),
                    detail: err.to_string(),
                })
            })?;
            files.push((e.file_name().to_string_lossy().into_owned(), bytes));
        }
    }
    let digest = {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        files.hash(&mut h);
        h.finish()
    };
    Fonts::new(files.iter().map(|(n, b)| (n.as_str(), b.as_slice())))
        .map(|f| (f, digest))
        .map_err(|e| {
            problem(match e {
                FontError::Missing => Message::NoFont,
                FontError::NotAFont(name) => Message::NotAFont { name },
            })
        })
}

fn load_assets(dir: &Path, problems: &mut Problems) -> Assets {
    let mut out = Assets::default();
    for (name, bytes) in files_under(dir, "", problems) {
        let path = format!("{ASSET_DIR}{}", hashed_name(&name, &bytes));
        out.names.insert(name, path.clone());
        out.files.push((path, bytes));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::readers_of;

    #[test]
    fn the_hash_goes_before_the_extension() {
        let h = |n: &str| super::hashed_name(n, b"body { color: #000 }");
        let css = h("style.css");
        let hash = css
            .strip_prefix("style.")
            .and_then(|r| r.strip_suffix(".css"))
            .unwrap();
        assert_eq!(hash.len(), super::ASSET_HASH_LEN);
        assert!(hash.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_eq!(h("js/site.min.js"), format!("js/site.min.{hash}.js"));
        assert_eq!(h("LICENSE"), format!("LICENSE.{hash}"));
        assert_eq!(h("a.b/.hidden"), format!("a.b/.hidden.{hash}"));
        assert_ne!(super::hashed_name("style.css", b"body {}"), css);
    }

    fn readers(templates: &[(&str, &str)]) -> Vec<String> {
        let templates: Vec<(&str, String)> =
            templates.iter().map(|&(n, t)| (n, t.to_string())).collect();
        let mut found: Vec<String> = readers_of("items_html", &templates).into_iter().collect();
        found.sort();
        found
    }

    #[test]
    fn a_reader_is_found_through_extends_and_includes_in_any_quotes() {
        let found = readers(&[
            ("partials/cards.html", "<ul>{{ items_html | safe }}</ul>"),
            ("list.html", r#"{% include "partials/cards.html" %}"#),
            ("tag_list.html", "{% extends 'list.html' %}"),
            ("year_list.html", "{% include `partials/cards.html` %}"),
            ("home.html", r#"{% include "partials/press_item.html" %}"#),
            // Names a reader's name only as part of another name.
            ("other.html", r#"{% include "cards.html" %}"#),
            ("debug.html", "{{ __tera_context }}"),
        ]);
        assert_eq!(
            found,
            [
                "debug.html",
                "list.html",
                "partials/cards.html",
                "tag_list.html",
                "year_list.html"
            ]
        );
    }

    #[test]
    fn a_component_that_reads_it_makes_every_template_a_reader() {
        let found = readers(&[
            (
                "components.html",
                "{% component cards(@items_html) %}{{ items_html | safe }}{% endcomponent cards %}",
            ),
            ("press_list.html", "{{ <cards /> }}"),
        ]);
        assert_eq!(found, ["components.html", "press_list.html"]);
    }
}
