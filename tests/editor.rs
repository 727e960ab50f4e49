//! The schemas in Taplo's language server, the one Even Better TOML runs (npm's @taplo/lsp, served
//! over standard input and output by `scripts/taplo-lsp.cjs`): in a repository `sorn init` set up,
//! completion of a new source's top-level keys and hover answer within a bound that proves the
//! server answers at all (the schemas as schemars writes them sent it into endless recursion).
//!
//! `.ci/run` installs @taplo/lsp into `target/taplo/`; without it (or without Node.js) the test
//! says that it skipped, except in CI (`CI` set), where it fails.

mod common;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use common::root;
use serde_json::{Value, json};

/// Long enough for a slow machine to start the WebAssembly server and load a schema; a server
/// that does not answer never does.
const BOUND: Duration = Duration::from_secs(5);

/// Says that a test skipped, on the process's standard error itself (the harness captures what
/// `eprintln!` writes from a passing test).
fn skip(message: &str) {
    let _ = std::io::stderr().write_all(format!("{message}\n").as_bytes());
}

/// The @taplo/lsp module, if installed.
fn taplo_module() -> Option<PathBuf> {
    let module = std::env::var_os("TAPLO_LSP_MODULE")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target/taplo/node_modules/@taplo/lsp"));
    let node = Command::new("node").arg("--version").output().is_ok_and(|o| o.status.success());
    if node && module.join("package.json").is_file() {
        return Some(module);
    }
    skip("editor test skipped: Node.js or @taplo/lsp not installed (.ci/run installs @taplo/lsp into target/taplo/)");
    assert!(std::env::var_os("CI").is_none(), "CI must have Node.js and @taplo/lsp");
    None
}

/// An LSP client of one server: one request at a time, the server's own requests answered.
struct Client {
    child: Child,
    stdin: ChildStdin,
    messages: Receiver<Value>,
    next_id: u64,
}

impl Client {
    fn start(module: &Path, dir: &Path) -> Client {
        let mut child = Command::new("node")
            .arg(root().join("scripts/taplo-lsp.cjs"))
            .args(["lsp", "stdio"])
            .env("TAPLO_LSP_MODULE", module)
            .current_dir(dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let (send, messages) = channel();
        std::thread::spawn(move || {
            while let Some(message) = read_message(&mut stdout) {
                if send.send(message).is_err() {
                    return;
                }
            }
        });
        Client { child, stdin, messages, next_id: 0 }
    }

    fn send(&mut self, message: Value) {
        let body = serde_json::to_vec(&message).unwrap();
        self.stdin.write_all(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes()).unwrap();
        self.stdin.write_all(&body).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// The result and the time it took, or `None` if no answer came within `bound`.
    fn request(&mut self, method: &str, params: Value, bound: Duration) -> Option<(Value, Duration)> {
        self.next_id += 1;
        let id = self.next_id;
        let start = Instant::now();
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let left = bound.checked_sub(start.elapsed())?;
            let message = match self.messages.recv_timeout(left) {
                Ok(message) => message,
                Err(RecvTimeoutError::Timeout) => return None,
                Err(RecvTimeoutError::Disconnected) => panic!("the language server exited during {method}"),
            };
            if let (Some(method), Some(asked)) = (message["method"].as_str(), message.get("id")) {
                let result = match method {
                    // The settings of each item asked: the defaults, without the schema catalog
                    // (fetched from the network, which a test does not use).
                    "workspace/configuration" => {
                        Value::Array(vec![
                            json!({"schema": {"enabled": true, "catalogs": []}});
                            message["params"]["items"].as_array().map_or(0, Vec::len)
                        ])
                    }
                    _ => json!({}),
                };
                self.send(json!({"jsonrpc": "2.0", "id": asked, "result": result}));
            } else if message["id"] == json!(id) {
                return Some((message["result"].clone(), start.elapsed()));
            }
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(stdout: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if stdout.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim();
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    stdout.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn labels(result: &Value) -> Vec<String> {
    let items = result.get("items").unwrap_or(result);
    let mut labels: Vec<String> = items
        .as_array()
        .map(|items| items.iter().filter_map(|i| i["label"].as_str().map(str::to_string)).collect())
        .unwrap_or_default();
    labels.sort();
    labels.dedup();
    labels
}

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A repository from `sorn init`, with a new source of each kind: its `#:schema` line and an
/// empty line to complete on, and a `kind` line below to hover.
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = assert_cmd::Command::cargo_bin("sorn").unwrap().current_dir(dir.path()).arg("init").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    dir
}

#[test]
fn taplo_completes_the_top_level_keys_and_hovers_from_the_schemas() {
    let Some(module) = taplo_module() else { return };
    let dir = repository();
    let root_uri = uri(dir.path());
    let mut client = Client::start(&module, dir.path());
    let init = json!({"processId": std::process::id(), "rootUri": root_uri, "capabilities": {},
        "workspaceFolders": [{"uri": root_uri, "name": "docs"}]});
    client.request("initialize", init, Duration::from_secs(30)).expect("the language server starts");
    client.notify("initialized", json!({}));

    for (kind, file, expected) in [
        ("sorn", "sorns/new.toml", &["agency", "notice", "signature", "system", "template"][..]),
        ("exemption-rule", "sorns/new-proposed-rule.toml", &["agency", "cfr", "justifications", "stage", "system"][..]),
    ] {
        let path = dir.path().join(file);
        let text = format!("#:schema ../schemas/{kind}.schema.json\n\nkind = \"{kind}\"\n");
        std::fs::write(&path, &text).unwrap();
        let document = json!({"uri": uri(&path), "languageId": "toml", "version": 1, "text": text});
        client.notify("textDocument/didOpen", json!({"textDocument": document}));
        let at = |line: u32, character: u32| json!({"textDocument": {"uri": uri(&path)}, "position": {"line": line, "character": character}});

        // The first answer loads and compiles the schema (seconds, in WebAssembly on a busy
        // machine); the next ones are what an author waits for as they type.
        let (_, first) =
            client.request("textDocument/completion", at(1, 0), Duration::from_secs(30)).unwrap_or_else(|| {
                panic!("{file}: no completion within 30 s: the schema sends Taplo into endless lookups")
            });
        let (result, took) = client.request("textDocument/completion", at(1, 0), BOUND).unwrap_or_else(|| {
            panic!("{file}: no completion within {BOUND:?}: the schema sends Taplo into endless lookups")
        });
        let offered = labels(&result);
        for key in expected {
            assert!(offered.iter().any(|l| l == key), "{file}: completion lacks `{key}` ({took:?}): {offered:?}");
        }
        let (first, took_ms) = (first.as_millis(), took.as_millis());
        skip(&format!(
            "{file}: top-level completion in {took_ms} ms ({first} ms the first time), {} keys",
            offered.len()
        ));

        let (hover, took) = client.request("textDocument/hover", at(2, 1), BOUND).expect("hover answers");
        let shown = hover["contents"]["value"].as_str().unwrap_or_default();
        assert!(shown.contains(&format!("\"{kind}\"")), "{file}: hover on kind shows {hover} ({took:?})");
        skip(&format!("{file}: hover in {} ms", took.as_millis()));
    }
}
