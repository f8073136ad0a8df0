//! Loading a theme: Tera templates, translation files, static assets.

use std::path::{Path, PathBuf};

use tera::{Context, Tera};
use walkdir::WalkDir;

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
    /// `cms/` files, as output path (under `admin/`) → bytes; read only
    /// for a site with `cms:`.
    pub cms: Vec<(String, Vec<u8>)>,
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
        let assets = load_assets(&dir.join("static"), "assets/", &mut problems);
        let cms = match site.cms {
            Some(_) => load_cms(dir, &mut problems),
            None => Vec::new(),
        };
        if !problems.is_empty() {
            return Err(problems);
        }
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
            cms,
        })
    }

    pub fn render(&self, lang: usize, template: &str, cx: &Context) -> Result<String, tera::Error> {
        self.teras[lang].render(template, cx)
    }

    pub fn template_path(&self, name: &str) -> String {
        self.dir.join("templates").join(name).display().to_string()
    }
}

/// The editor's files: Decap CMS and the script that cleans what it saves.
fn load_cms(dir: &Path, problems: &mut Problems) -> Vec<(String, Vec<u8>)> {
    let folder = dir.join("cms");
    let mut files = load_assets(&folder, crate::cms::ADMIN, problems);
    // The notes on the vendored file are for the repository, not the site.
    files.retain(|(path, _)| !path.ends_with(".md"));
    let script = format!("{}decap-cms.js", crate::cms::ADMIN);
    if !files.iter().any(|(p, _)| *p == script) {
        problems.push(
            Problem::file(
                folder.display().to_string(),
                "site.yaml has `cms:` but the theme has no editor",
            )
            .expected("decap-cms.js in the theme's cms/ folder (themes/default/cms/ has it)"),
        );
    }
    files
}

fn load_assets(dir: &Path, prefix: &str, problems: &mut Problems) -> Vec<(String, Vec<u8>)> {
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
            Err(err) => problems.push(Problem::file(
                e.path().display().to_string(),
                format!("cannot read: {err}"),
            )),
        }
    }
    out
}
