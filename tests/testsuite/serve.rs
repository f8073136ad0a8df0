//! `netra serve`: loopback only, no path leaves the site, rebuilds on a
//! change to exactly what a full build writes, shows errors and recovers.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{self, Scratch};

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(s: &Scratch) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_netra"))
        .args(s.args("serve", Some("output")))
        // What `build` publishes, written to the output folder as it goes.
        .args(["--published", "--port", &port.to_string()])
        .current_dir(s.dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server { child, port };
    let deadline = Instant::now() + Duration::from_secs(20);
    while get(&server, "/__netra/status").0 != 200 {
        assert!(Instant::now() < deadline, "server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    server
}

/// (status, body) of a raw GET, so the path is sent exactly as given.
fn get(server: &Server, path: &str) -> (u16, String) {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", server.port)) else {
        return (0, String::new());
    };
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    let _ = stream.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map_or(String::new(), |(_, b)| b.to_string());
    (status, body)
}

fn status(server: &Server) -> serde_json::Value {
    serde_json::from_str(&get(server, "/__netra/status").1).unwrap_or_default()
}

/// Waits until the site was rebuilt after `version`.
fn wait_rebuilt(server: &Server, version: u64) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let s = status(server);
        if s["version"].as_u64().unwrap_or(0) > version {
            return s;
        }
        assert!(Instant::now() < deadline, "no rebuild after a change");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serves_the_site_and_nothing_outside_it() {
    let s = Scratch::new();
    std::fs::write(s.dir.path().join("secret.txt"), "top secret").unwrap();
    let server = start(&s);
    let (code, home) = get(&server, "/");
    assert_eq!(code, 200);
    assert!(
        home.contains("Angka resmi terbaru") && home.contains("/__netra/live.js"),
        "home lacks content or live reload"
    );
    assert_eq!(get(&server, "/statistik").0, 301);
    let (status, page) = get(&server, "/tidak-ada/");
    assert_eq!(status, 404);
    assert!(page.contains("<html lang=\"id\""), "{page}");
    let (status, page) = get(&server, "/en/missing/page/");
    assert_eq!(status, 404);
    assert!(
        page.contains("<html lang=\"en\""),
        "the English 404 under /en/"
    );
    for path in [
        "/../secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/a/..%5c..%5csecret.txt",
        "/..\\secret.txt",
    ] {
        let (code, body) = get(&server, path);
        assert!(code == 400 || code == 404, "{path}: {code}");
        assert!(
            !body.contains("top secret"),
            "{path} leaked a file outside the site"
        );
    }
    // The output folder on disk has no live-reload script: it is publishable.
    let index = std::fs::read_to_string(s.output().join("index.html")).unwrap();
    assert!(!index.contains("__netra"));
}

#[test]
fn a_change_rebuilds_to_what_a_full_build_writes_and_errors_show_then_clear() {
    let s = Scratch::new();
    let server = start(&s);
    let v0 = status(&server)["version"].as_u64().unwrap();
    s.replace("figures/kasn-2020-10-07.yaml", "value: 256", "value: 260");
    let st = wait_rebuilt(&server, v0);
    assert!(st["errors"].is_null(), "{st}");
    assert!(get(&server, "/angka/kasn-2020-10-07/").1.contains(">260<"));
    // What serve left on disk equals a full build of the same content.
    let url = format!("http://127.0.0.1:{}/", server.port);
    let mut args = s.args("build", Some("full"));
    args.extend(["--base-url".into(), url]);
    let full = s.netra(&args);
    assert!(full.status.success());
    common::assert_same_site(
        &common::snapshot(&s.dir.path().join("full")),
        &common::snapshot(&s.output()),
        "from a full build",
    );
    // Breaking a record: the status carries the problem, the last good page stays up.
    let v1 = st["version"].as_u64().unwrap();
    s.replace(
        "figures/kasn-2020-10-07.yaml",
        "value: 260",
        "value: banyak",
    );
    let st = wait_rebuilt(&server, v1);
    let errors = st["errors"].as_str().unwrap_or_default();
    assert!(
        errors.contains("kasn-2020-10-07.yaml:20:12") && errors.contains("funnel[2].value"),
        "{errors}"
    );
    assert!(get(&server, "/angka/kasn-2020-10-07/").1.contains(">260<"));
    // Fixing it clears the errors.
    let v2 = st["version"].as_u64().unwrap();
    s.replace(
        "figures/kasn-2020-10-07.yaml",
        "value: banyak",
        "value: 261",
    );
    let st = wait_rebuilt(&server, v2);
    assert!(st["errors"].is_null(), "{st}");
    assert!(get(&server, "/angka/kasn-2020-10-07/").1.contains(">261<"));
}
