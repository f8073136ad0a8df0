//! Loading a theme: Tera templates, translation files, static assets.

use std::path::{Path, PathBuf};

use tera::{Context, Tera};
use walkdir::WalkDir;

use crate::chart::png::Fonts;
use crate::i18n::{self, Locale};
use crate::model::SiteConfig;
use crate::problem::{Problem, Problems};

pub struct Theme {
    dir: PathBuf,
    /// One Tera per language, each with that language's strings and site
    /// values in its global context, so pages do not copy them.
    teras: Vec<Tera>,
    pub locales: Vec<Locale>,
    /// `static/` files, as output path → bytes.
    pub assets: Vec<(String, Vec<u8>)>,
    /// `fonts/`: what the PNG charts' text is set in. Not served.
    pub chart_fonts: Fonts,
}

impl Theme {
    pub fn load(dir: &Path, site: &SiteConfig) -> Result<Theme, Problems> {
        let mut problems = Problems::default();
        let mut tera = Tera::new();
        tera.autoescape_on([".html", ".xml"]);
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
            problems.push(
                Problem::file(templates.display().to_string(), "no templates found")
                    .expected("Tera templates in the theme's templates/ folder"),
            );
        }
        if let Err(e) =
            tera.add_template_files(files.iter().map(|(p, n)| (p.clone(), Some(n.clone()))))
        {
            problems.push(Problem::file(
                templates.display().to_string(),
                format!("template error:\n{e}"),
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
        let assets = load_assets(&dir.join("static"), &mut problems);
        let chart_fonts = load_fonts(&dir.join("fonts")).map_err(|p| problems.push(p));
        let (true, Ok(chart_fonts)) = (problems.is_empty(), chart_fonts) else {
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
            assets,
            chart_fonts,
        })
    }

    pub fn render(&self, lang: usize, template: &str, cx: &Context) -> Result<String, tera::Error> {
        self.teras[lang].render(template, cx)
    }

    pub fn template_path(&self, name: &str) -> String {
        self.dir.join("templates").join(name).display().to_string()
    }
}

fn load_assets(dir: &Path, problems: &mut Problems) -> Vec<(String, Vec<u8>)> {
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
                format!("assets/{}", rel.to_string_lossy().replace('\\', "/")),
                bytes,
            )),
            Err(err) => problems.push(Problem::file(
                e.path().display().to_string(),
                format!("cannot read: {err}"),
            )),
        }
    }
    out
}

/// The `.ttf` and `.otf` files of `dir`, by name; other files (the
/// fonts' licence) are left alone.
fn load_fonts(dir: &Path) -> Result<Fonts, Problem> {
    let problem = |msg: String| {
        Problem::file(dir.display().to_string(), msg).expected(
            "a TrueType or OpenType font (.ttf, .otf) for the PNG charts' text; the default theme ships Liberation Sans",
        )
    };
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
            let bytes = std::fs::read(e.path())
                .map_err(|err| problem(format!("cannot read {}: {err}", e.path().display())))?;
            files.push((e.file_name().to_string_lossy().into_owned(), bytes));
        }
    }
    Fonts::new(files.iter().map(|(n, b)| (n.as_str(), b.as_slice())))
        .map_err(|e| problem(e.to_string()))
}
