//! `sorn serve`: a local page that shows each document as it will print, with its diagnostics
//! beside it, updated on every save.
//!
//! The server is a small HTTP/1.1 responder on the standard library (a drafting aid, not a web
//! server): it binds to the loopback address unless told otherwise, answers only requests whose
//! `Host` names that address (so a page elsewhere cannot reach it through DNS rebinding), and
//! serves only what it generates: the page, its state as JSON, each rendered document and each
//! rule's explanation. The page uses no outside asset (its Content-Security-Policy forbids them)
//! and inserts every text it receives as text, never as markup.
//!
//! A watcher thread looks at the sources' sizes and modification times several times a second;
//! on a change it loads, checks and renders again and bumps a version number, which the page
//! polls for and shows without a reload.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use crate::error::SornError;

/// Options of `sorn serve`.
#[derive(Clone, Debug)]
pub struct ServeOptions {
    /// Files and folders to serve.
    pub paths: Vec<PathBuf>,
    /// The address to bind (loopback by default).
    pub address: IpAddr,
    /// The port (0: any free port).
    pub port: u16,
    /// An explicit configuration file; otherwise `sorn.toml` is searched for.
    pub config: Option<PathBuf>,
}

/// How often the watcher looks at the sources.
const WATCH_INTERVAL: Duration = Duration::from_millis(100);

/// What the page shows: the documents as rendered, and the diagnostics, at one version.
#[derive(Default)]
struct Snapshot {
    version: u64,
    /// The sources' sizes and modification times the snapshot was made from.
    fingerprint: Vec<(PathBuf, u64, Option<SystemTime>)>,
    /// Display path and rendered HTML page (`None`: not rendered, it did not load).
    documents: Vec<(String, Option<String>)>,
    /// The diagnostics, as `sorn check --format json` writes them.
    diagnostics: String,
    /// Why nothing could be loaded at all (no sources, an unreadable path).
    failure: Option<String>,
}

/// Runs the server until the process is stopped; `ready` is told the address once it listens.
pub fn run(options: &ServeOptions, ready: impl FnOnce(SocketAddr)) -> Result<(), SornError> {
    let listener = TcpListener::bind((options.address, options.port)).map_err(|e| SornError::Path {
        path: PathBuf::from(format!("{}:{}", options.address, options.port)),
        source: e,
    })?;
    let address = listener
        .local_addr()
        .map_err(|e| SornError::Path { path: PathBuf::from(options.address.to_string()), source: e })?;
    let state = Arc::new(Mutex::new(Snapshot::default()));
    refresh(options, &state);
    {
        let (options, state) = (options.clone(), Arc::clone(&state));
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(WATCH_INTERVAL);
                refresh(&options, &state);
            }
        });
    }
    ready(address);
    for stream in listener.incoming().flatten() {
        let state = Arc::clone(&state);
        std::thread::spawn(move || {
            let _ = answer(stream, address, &state);
        });
    }
    Ok(())
}

/// The sources' sizes and modification times, and the configuration's.
fn fingerprint(options: &ServeOptions) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let config = crate::config::Config::discover(options.config.as_deref(), &cwd).ok().flatten();
    let exclude = match &config {
        Some(path) => crate::config::Config::load(path, &mut crate::diagnostic::SourceMap::default()).0.walk_exclude(),
        None => crate::source::walk::Exclude::none(),
    };
    let mut files = crate::source::discover_excluding(&options.paths, &exclude).unwrap_or_default();
    files.extend(config);
    files
        .into_iter()
        .map(|path| {
            let meta = std::fs::metadata(&path).ok();
            let len = meta.as_ref().map_or(0, std::fs::Metadata::len);
            let modified = meta.and_then(|m| m.modified().ok());
            (path, len, modified)
        })
        .collect()
}

/// Loads, checks and renders again when the sources changed.
fn refresh(options: &ServeOptions, state: &Mutex<Snapshot>) {
    let now = fingerprint(options);
    let version = {
        let Ok(current) = state.lock() else { return };
        if current.version > 0 && current.fingerprint == now {
            return;
        }
        current.version
    };
    let mut next = snapshot(options);
    next.fingerprint = now;
    next.version = version + 1;
    if let Ok(mut current) = state.lock() {
        *current = next;
    }
}

fn snapshot(options: &ServeOptions) -> Snapshot {
    let check = super::check::CheckOptions {
        paths: options.paths.clone(),
        deny_warnings: false,
        config: options.config.clone(),
        select: Vec::new(),
        ignore: Vec::new(),
    };
    let result = match super::check::run(&check) {
        Ok(r) => r,
        Err(e) => return Snapshot { failure: Some(e.to_string()), ..Snapshot::default() },
    };
    let lower_options = crate::lower::LowerOptions { calendar: result.config.calendar() };
    let clean: std::collections::HashMap<_, _> =
        result.workspace.documents.iter().filter(|d| d.clean).map(|d| (d.file, d)).collect();
    let config = config_file(&result);
    let documents = result
        .workspace
        .files
        .iter()
        .filter(|(id, _)| Some(*id) != config)
        .map(|(id, f)| {
            let page = clean.get(&id).map(|d| {
                let tree = crate::lower::lower(&d.document, &lower_options);
                String::from_utf8_lossy(&crate::emit::Format::Html.render(&tree)).into_owned()
            });
            (f.name.clone(), page)
        })
        .collect();
    let diagnostics = crate::report::render_json(&result.diagnostics, &result.workspace.files, result.source_files);
    Snapshot { documents, diagnostics, ..Snapshot::default() }
}

fn config_file(result: &super::check::CheckResult) -> Option<crate::diagnostic::FileId> {
    let path = result.config.path.as_ref()?;
    result.workspace.files.iter().find(|(_, f)| &f.path == path).map(|(id, _)| id)
}

/// Reads one request and answers it.
fn answer(stream: TcpStream, address: SocketAddr, state: &Mutex<Snapshot>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.take(64 * 1024));
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    let mut host = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("host")
        {
            host = Some(value.trim().to_string());
        }
    }
    let mut stream = reader.into_inner().into_inner();
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let response = if !host.as_deref().is_some_and(|h| allowed_host(h, address)) {
        Response::text(403, "forbidden: this server answers only requests addressed to it by its own address")
    } else if method != "GET" {
        Response::text(405, "only GET")
    } else {
        route(target, state)
    };
    response.write(&mut stream)
}

/// Whether a `Host` header names the server: its address and port, or `localhost` and the port.
fn allowed_host(host: &str, address: SocketAddr) -> bool {
    let port = address.port().to_string();
    let Some((name, p)) = host.rsplit_once(':') else { return false };
    p == port && (name == "localhost" || name.trim_matches(['[', ']']) == address.ip().to_string())
}

struct Response {
    status: u16,
    content_type: &'static str,
    body: Vec<u8>,
}

impl Response {
    fn text(status: u16, body: &str) -> Response {
        Response { status, content_type: "text/plain; charset=utf-8", body: body.as_bytes().to_vec() }
    }

    fn write(&self, stream: &mut TcpStream) -> std::io::Result<()> {
        let reason = match self.status {
            200 => "OK",
            403 => "Forbidden",
            404 => "Not Found",
            405 => "Method Not Allowed",
            _ => "Error",
        };
        let head = format!(
            "HTTP/1.1 {} {reason}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\n\
             Content-Security-Policy: default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; \
             connect-src 'self'; frame-src 'self'; img-src 'self' data:\r\nX-Content-Type-Options: nosniff\r\n\
             Connection: close\r\n\r\n",
            self.status,
            self.content_type,
            self.body.len()
        );
        stream.write_all(head.as_bytes())?;
        stream.write_all(&self.body)?;
        stream.flush()
    }
}

fn route(target: &str, state: &Mutex<Snapshot>) -> Response {
    let path = target.split('?').next().unwrap_or("");
    let Ok(snapshot) = state.lock() else { return Response::text(500, "state unavailable") };
    if path == "/" {
        return Response { status: 200, content_type: "text/html; charset=utf-8", body: PAGE.as_bytes().to_vec() };
    }
    if path == "/state" {
        let documents: Vec<serde_json::Value> = snapshot
            .documents
            .iter()
            .enumerate()
            .map(|(i, (name, page))| serde_json::json!({ "index": i, "path": name, "rendered": page.is_some() }))
            .collect();
        let diagnostics: serde_json::Value = serde_json::from_str(&snapshot.diagnostics).unwrap_or_default();
        let body = serde_json::json!({
            "version": snapshot.version,
            "documents": documents,
            "diagnostics": diagnostics.get("diagnostics").cloned().unwrap_or_default(),
            "summary": diagnostics.get("summary").cloned().unwrap_or_default(),
            "failure": snapshot.failure,
        });
        return Response { status: 200, content_type: "application/json", body: body.to_string().into_bytes() };
    }
    if let Some(index) = path.strip_prefix("/doc/").and_then(|i| i.parse::<usize>().ok()) {
        return match snapshot.documents.get(index) {
            Some((_, Some(page))) => {
                Response { status: 200, content_type: "text/html; charset=utf-8", body: page.clone().into_bytes() }
            }
            Some((name, None)) => {
                Response::text(200, &format!("{name} is not rendered: it does not load (see its diagnostics)"))
            }
            None => Response::text(404, "no such document"),
        };
    }
    if let Some(rule) = path.strip_prefix("/explain/") {
        return match super::explain::explain(rule) {
            Ok(text) => Response::text(200, &text),
            Err(e) => Response::text(404, &e.to_string()),
        };
    }
    Response::text(404, "not found")
}

/// The page: a list of documents, the selected one as it prints, its diagnostics beside it.
const PAGE: &str = include_str!("serve.html");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_requests_addressed_to_the_server_are_answered() {
        let at: SocketAddr = "127.0.0.1:8470".parse().unwrap();
        assert!(allowed_host("127.0.0.1:8470", at));
        assert!(allowed_host("localhost:8470", at));
        assert!(!allowed_host("evil.example:8470", at));
        assert!(!allowed_host("127.0.0.1:9999", at));
        assert!(!allowed_host("127.0.0.1", at));
    }

    #[test]
    fn the_page_uses_no_outside_asset_and_inserts_text_as_text() {
        assert!(!PAGE.contains("http://") && !PAGE.contains("https://"), "outside asset in the page");
        assert!(!PAGE.contains("innerHTML"), "markup inserted from data");
    }
}
