//! The browser editor (`cms:` in `site.yaml`): what the build writes to
//! `admin/`, how a bad setting is reported, and, end to end in headless
//! Chromium, a press release written through Decap CMS's form and saved
//! by `decap-server` that `netra check` accepts and the next build
//! publishes.
//!
//! The end-to-end test needs Chromium, Node.js and
//! `tests/browser/node_modules` (playwright-core, decap-server):
//! `sh tests/browser/setup.sh` installs what is missing. Without them it
//! fails and says so, unless `NETRA_SKIP_BROWSER=1` is set.

use std::io::Read;
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{self, Scratch};
use crate::web::{browser_tests_run, serve};

/// The whole browser run (log in, fill, publish) stays well under this.
const TIMEOUT: Duration = Duration::from_secs(60);

fn with_cms(s: &Scratch, cms: &str) {
    let site = s.read("site.yaml");
    s.write("site.yaml", &format!("{site}{cms}"));
}

fn read(s: &Scratch, rel: &str) -> String {
    std::fs::read_to_string(s.output().join(rel)).unwrap_or_else(|e| panic!("{rel} not built: {e}"))
}

#[test]
fn without_cms_there_is_no_admin_folder() {
    let s = Scratch::new();
    let built = s.build();
    assert!(built.status.success(), "{}", common::stderr(&built));
    assert!(!s.output().join("admin").exists());
    assert!(!read(&s, "robots.txt").contains("admin"));
    assert!(!read(&s, "_headers").contains("admin"));
}

#[test]
fn cms_writes_the_editor_its_configuration_and_its_own_policy() {
    let s = Scratch::new();
    with_cms(
        &s,
        "cms:\n  backend: github\n  repo: agency/netra-content\n  branch: terbit\n  auth_url: https://auth.example.org\n",
    );
    let built = s.build();
    assert!(built.status.success(), "{}", common::stderr(&built));

    let vendored = std::fs::read(common::repo().join("themes/default/cms/decap-cms.js")).unwrap();
    assert_eq!(
        std::fs::read(s.output().join("admin/decap-cms.js")).unwrap(),
        vendored
    );
    assert!(!s.output().join("admin/README.md").exists());

    let config = read(&s, "admin/config.yml");
    let yaml: serde_yaml::Value = serde_yaml::from_str(&config).unwrap();
    assert_eq!(yaml["backend"]["name"], "github");
    assert_eq!(yaml["backend"]["repo"], "agency/netra-content");
    assert_eq!(yaml["backend"]["branch"], "terbit");
    assert_eq!(yaml["backend"]["base_url"], "https://auth.example.org");
    let press = &yaml["collections"][0];
    assert_eq!(press["folder"], "content/press");
    assert_eq!(press["format"], "yaml-frontmatter");
    let field = |name: &str| {
        press["fields"]
            .as_sequence()
            .unwrap()
            .iter()
            .find(|f| f["name"] == name)
            .unwrap_or_else(|| panic!("no field {name}"))
            .clone()
    };
    // Every shipped source is offered, labelled with its outlet.
    let sources = s.read("sources.yaml");
    let offered = field("sources")["options"].as_sequence().unwrap().len();
    assert_eq!(offered, sources.matches("\n- id: ").count());
    assert_eq!(field("sources")["min"], 1);
    // Provinces as select options with their Indonesian labels.
    let regions = field("region")["options"].as_sequence().unwrap().clone();
    let sulsel = regions
        .iter()
        .find(|o| o["value"] == "73")
        .expect("province 73 offered");
    assert_eq!(sulsel["label"], "Sulawesi Selatan (73)");
    assert_eq!(field("lang")["default"], "id");
    assert_eq!(field("title")["required"], true);
    assert_eq!(field("region")["required"], false);

    let policy = "connect-src 'self' https://api.github.com;";
    let page = read(&s, "admin/index.html");
    assert!(page.contains(policy), "{page}");
    let headers = read(&s, "_headers");
    let (public, admin) = headers.split_once("/admin/*").expect("an admin/ rule");
    assert!(
        public.contains(netra::render::CONTENT_SECURITY_POLICY),
        "{headers}"
    );
    assert!(admin.contains(policy), "{headers}");
    // The public pages keep their own policy.
    let escaped = netra::render::CONTENT_SECURITY_POLICY.replace('\'', "&#39;");
    assert!(read(&s, "index.html").contains(&escaped));
    assert!(read(&s, "robots.txt").contains("Disallow: /admin/\n"));
    assert!(!read(&s, "sitemap.xml").contains("/admin/"));
}

#[test]
fn a_bad_cms_setting_names_its_line_and_field() {
    let cases = [
        (
            "cms:\n  backend: github\n",
            "cms.backend",
            "a Git host without a repository",
        ),
        (
            "cms:\n  backend: gitlab\n  repo: \"not a repo\"\n",
            "cms.repo",
            "not a repository name",
        ),
        (
            "cms:\n  backend: local\n  content_folder: ../elsewhere\n",
            "cms.content_folder",
            "not a folder inside the repository",
        ),
        (
            "cms:\n  backend: github\n  repo: a/b\n  app_id: \"123\"\n",
            "cms.app_id",
            "only GitLab",
        ),
        ("cms:\n  backend: bitbucket\n", "cms.backend", "bitbucket"),
    ];
    for (cms, field, message) in cases {
        let s = Scratch::new();
        let lines = s.read("site.yaml").lines().count();
        with_cms(&s, cms);
        let out = s.check();
        let err = common::stderr(&out);
        assert!(!out.status.success(), "{cms} passed");
        assert!(err.contains("site.yaml"), "{cms}: {err}");
        assert!(err.contains(message), "{cms}: {err}");
        // The line of the setting, after the file's own lines.
        let at = (lines + 1..=lines + cms.lines().count())
            .any(|l| err.contains(&format!("site.yaml:{l}:")));
        assert!(at, "{cms}: no line of the setting in\n{err}");
        if !message.contains("bitbucket") {
            assert!(err.contains(field), "{cms}: {err}");
        }
    }
}

#[test]
fn a_release_written_in_the_cms_passes_check_and_is_published() {
    if !browser_tests_run("the CMS test", &["decap-server/dist/index.js"]) {
        return;
    }
    let server_js = common::repo().join("tests/browser/node_modules/decap-server/dist/index.js");

    let s = Scratch::new();
    let port = free_port();
    with_cms(
        &s,
        &format!("cms:\n  backend: local\n  local_port: {port}\n"),
    );
    let built = s.build();
    assert!(built.status.success(), "{}", common::stderr(&built));

    // decap-server writes into the scratch repository (the folder that
    // holds content/), as it would into an editor's clone.
    let _server = Killed(
        Command::new("node")
            .arg(&server_js)
            .env("PORT", port.to_string())
            .env("BIND_HOST", "127.0.0.1")
            .env("MODE", "fs")
            .env("GIT_REPO_DIRECTORY", s.dir.path())
            .env("LOG_LEVEL", "error")
            .current_dir(s.dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("could not start node"),
    );
    wait_for_port(port);
    let http = serve(s.output());

    // An accent and a dash, as Indonesian titles have: the file name
    // must still be a-z, digits and hyphens.
    let title = "Uji CMS: Siaran Pers dari Formulir – Évaluasi";
    let mut node = Command::new("node");
    node.arg(common::repo().join("tests/browser/cms.mjs"))
        .arg(format!("http://127.0.0.1:{http}/admin/"))
        .arg(s.content())
        .arg(title)
        .arg("2026-11-30")
        .arg("tribunnews-2020-08-05")
        .current_dir(common::repo());
    let (ok, stdout, stderr) = run_bounded(node);
    assert!(ok, "tests/browser/cms.mjs failed:\n{stdout}{stderr}");

    let saved = PathBuf::from(stdout.trim());
    assert_eq!(
        saved,
        s.content()
            .join("press/2026-11-30-uji-cms-siaran-pers-dari-formulir-evaluasi.md"),
        "the file name is the date and the title's slug"
    );
    let text = std::fs::read_to_string(&saved).unwrap();
    assert!(text.starts_with("---\n"), "{text}");
    assert!(text.contains("tribunnews-2020-08-05"), "{text}");
    assert!(text.contains("**Tebal**"), "the body's Markdown: {text}");
    assert!(
        !text.contains("region"),
        "an emptied field is left out: {text}"
    );
    // The embargo as `publish_at` requires it: the moment with an offset.
    let moment = text
        .lines()
        .find_map(|l| l.strip_prefix("publish_at: "))
        .unwrap_or_else(|| panic!("no publish_at: {text}"));
    let offset = moment.trim_matches('\'').strip_prefix("2026-11-30T10:00");
    assert!(
        offset.is_some_and(|o| o == "Z" || (o.len() == 6 && o.starts_with(['+', '-']))),
        "publish_at without its offset: {moment}"
    );

    let checked = s.check();
    assert!(
        checked.status.success(),
        "netra check refused the release the CMS saved:\n{text}\n{}",
        common::stderr(&checked)
    );
    let rebuilt = s.build();
    assert!(rebuilt.status.success(), "{}", common::stderr(&rebuilt));
    let page = read(
        &s,
        "siaran-pers/2026-11-30-uji-cms-siaran-pers-dari-formulir-evaluasi/index.html",
    );
    assert!(
        page.contains("Uji CMS: Siaran Pers dari Formulir"),
        "{page}"
    );
    assert!(page.contains("<strong>Tebal</strong>"), "{page}");
    assert!(read(&s, "siaran-pers/index.html").contains(title));
}

/// Ends the child when the test ends, passing or not.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn wait_for_port(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(15);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "decap-server did not listen on 127.0.0.1:{port} within 15 s"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Runs `cmd` to its end or [`TIMEOUT`]: (success, stdout, stderr).
fn run_bounded(mut cmd: Command) -> (bool, String, String) {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("could not start node");
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            String::from_utf8_lossy(&buf).into_owned()
        })
    };
    let out = drain(Box::new(child.stdout.take().unwrap()));
    let err = drain(Box::new(child.stderr.take().unwrap()));
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let (out, mut err) = (out.join().unwrap(), err.join().unwrap());
    if status.is_none() {
        err.push_str(&format!("\n(killed after {} s)", TIMEOUT.as_secs()));
    }
    (status.is_some_and(|s| s.success()), out, err)
}
