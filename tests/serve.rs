//! `sorn serve` in a real browser: headless Chromium, driven through chromedriver (WebDriver),
//! shows a document and its diagnostics; after an edit on disk the page shows the new text and
//! the new finding without a reload. Needs `chromium` and `chromedriver` (Debian packages
//! `chromium` and `chromium-driver`; `.ci/run` installs them). Without them the test says so and
//! does nothing, except in CI (`CI` set), where it fails.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn tool(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH")?.to_str()?.split(':').map(|d| Path::new(d).join(name)).find(|p| p.is_file())
}

/// A child process killed when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// One WebDriver command: an HTTP request to chromedriver, its JSON answer's `value`.
fn webdriver(port: u16, method: &str, path: &str, body: Option<Value>) -> Value {
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("chromedriver listens");
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    // The answer's length is in its head: the connection may stay open after it.
    let mut reader = BufReader::new(stream);
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap();
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    let value: Value =
        serde_json::from_slice(&body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&body)));
    value["value"].clone()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// The text the page shows: the rendered document (in its frame) and the diagnostics beside it.
fn page_text(port: u16, session: &str) -> (String, String) {
    let script = "const f = document.getElementById('page'); \
        const doc = f && f.contentDocument && f.contentDocument.body ? f.contentDocument.body.innerText : ''; \
        return [doc, document.getElementById('diagnostics').innerText];";
    let value = webdriver(
        port,
        "POST",
        &format!("/session/{session}/execute/sync"),
        Some(json!({"script": script, "args": []})),
    );
    (value[0].as_str().unwrap_or("").to_string(), value[1].as_str().unwrap_or("").to_string())
}

/// Waits until the page shows what `ready` looks for; returns how long it took.
fn wait_for(port: u16, session: &str, limit: Duration, ready: impl Fn(&str, &str) -> bool) -> Duration {
    let start = Instant::now();
    loop {
        let (doc, diagnostics) = page_text(port, session);
        if ready(&doc, &diagnostics) {
            return start.elapsed();
        }
        assert!(start.elapsed() < limit, "the page did not update in {limit:?}:\n{doc}\n---\n{diagnostics}");
        std::thread::sleep(Duration::from_millis(25));
    }
}

const NOTICE: &str = include_str!("fixtures/rules/todo/pass/notice.toml");

#[test]
fn the_page_follows_the_sources_as_they_are_saved() {
    let (Some(chromium), Some(chromedriver)) = (tool("chromium"), tool("chromedriver")) else {
        skip("chromium or chromedriver not installed: serve browser test skipped");
        assert!(std::env::var_os("CI").is_none(), "CI must have chromium and chromium-driver");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let notice = dir.path().join("notice.toml");
    std::fs::write(&notice, NOTICE.replace("#:schema ../../../../../schemas/sorn.schema.json\n", "")).unwrap();

    let mut server = Command::new(env!("CARGO_BIN_EXE_sorn"))
        .current_dir(dir.path())
        .args(["serve", ".", "--port", "0"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut banner = String::new();
    BufReader::new(server.stderr.take().unwrap()).read_line(&mut banner).unwrap();
    let _server = Running(server);
    let url = banner
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("the server says where it listens")
        .to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "{banner}");

    let driver_port = free_port();
    let driver = Command::new(chromedriver)
        .arg(format!("--port={driver_port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _driver = Running(driver);
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", driver_port)).is_err() {
        assert!(start.elapsed() < Duration::from_secs(20), "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    let capabilities = json!({"capabilities": {"alwaysMatch": {"goog:chromeOptions": {
        "binary": chromium, "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]}}}});
    let session = webdriver(driver_port, "POST", "/session", Some(capabilities));
    let session = session["sessionId"].as_str().unwrap_or_else(|| panic!("no session: {session}")).to_string();
    webdriver(driver_port, "POST", &format!("/session/{session}/url"), Some(json!({"url": url})));

    wait_for(driver_port, &session, Duration::from_secs(20), |doc, _| {
        doc.contains("Office of Inspector General, Washington, DC 20001")
    });

    // An edit on disk: a new location, and a retention still to be written.
    let edited = std::fs::read_to_string(&notice)
        .unwrap()
        .replace(
            "location = \"Office of Inspector General, Washington, DC 20001.\"",
            "location = \"Regional Office, Denver, CO 80202.\"",
        )
        .replace(
            "retention = \"Records are retained for ten years after the case closes (GRS 5.2).\"",
            "retention = \"{todo: the records schedule}\"",
        );
    std::fs::write(&notice, edited).unwrap();
    let took = wait_for(driver_port, &session, Duration::from_secs(5), |doc, diagnostics| {
        doc.contains("Regional Office, Denver, CO 80202")
            && diagnostics.contains("still to be written: the records schedule")
    });
    eprintln!("the page showed the edit {took:?} after the save");
    assert!(took < Duration::from_secs(2), "the page took {took:?} to show the edit");

    // A diagnostic explains its rule on a click.
    let script = "document.querySelector('.diagnostic').click(); return true;";
    webdriver(
        driver_port,
        "POST",
        &format!("/session/{session}/execute/sync"),
        Some(json!({"script": script, "args": []})),
    );
    let start = Instant::now();
    loop {
        let script = "return document.getElementById('explain').innerText;";
        let text = webdriver(
            driver_port,
            "POST",
            &format!("/session/{session}/execute/sync"),
            Some(json!({"script": script, "args": []})),
        );
        if text.as_str().is_some_and(|t| t.contains("## What it checks")) {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(5), "no explanation: {text}");
        std::thread::sleep(Duration::from_millis(25));
    }
    webdriver(driver_port, "DELETE", &format!("/session/{session}"), None);
}

/// Says that a test skipped, on the process's standard error itself: the test harness captures
/// what `eprintln!` writes from a passing test, and a skip must be seen.
fn skip(message: &str) {
    let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("{message}\n").as_bytes());
}
