//! Helpers the CLI and round-trip tests share: running the binary, and comparing a rendering with
//! a reference text word by word.

#![allow(dead_code)] // each test binary uses its own subset

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `sorn` binary, run from the repository root without colour.
pub fn sorn() -> Command {
    let mut cmd = Command::cargo_bin("sorn").unwrap();
    cmd.current_dir(root()).env("NO_COLOR", "1");
    cmd
}

/// Standard error of a run, as text.
pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Standard output of a run, as text.
pub fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The project's copy of a published document (the ICE-015 notice and rule are US Government
/// works, kept in `tests/fixtures/import/`), so that the suite means the same on every machine.
pub fn published(name: &str) -> PathBuf {
    root().join("tests/fixtures/import").join(name)
}

/// [`fidelity`] of two files (a byte order mark in the rendering is not text).
pub fn file_fidelity(reference: &Path, rendered: &Path) -> f64 {
    let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    fidelity(&read(reference), &read(rendered).replace('\u{feff}', ""))
}

/// How much of a rendering reads as its reference, from 0 to 1: both texts are reduced to words
/// and punctuation marks (Markdown and HTML markup, character references, typographic quotes and
/// layout white space set aside) and compared token by token, as `2 * matches / tokens`.
pub fn fidelity(reference: &str, rendered: &str) -> f64 {
    let (a, b) = (tokens(&plain(reference)), tokens(&plain(rendered)));
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let b: Vec<&str> = b.iter().map(String::as_str).collect();
    f64::from(similar::TextDiff::configure().algorithm(similar::Algorithm::Patience).diff_slices(&a, &b).ratio())
}

/// The text of a Markdown or HTML rendering without its markup.
fn plain(text: &str) -> String {
    use regex::Regex;
    let rules: [(&str, &str); 11] = [
        (r"(?is)<script\b.*?</script>|<style\b.*?</style>", " "),
        (r"(?s)<!--.*?-->", " "),
        (r"<((?:https?|mailto):[^>\s]+)>", " $1 "),
        (r"<[^>]+>", " "),
        (r"\[([^\]]*)\]\([^)]*\)", "$1"),
        (r"(?m)^\s{0,3}#{1,6}\s*", ""),
        (r"(?m)^\s*(?:[-*+]|\d+[.)])\s+", ""),
        (r"(?m)^\s*>\s?", ""),
        (r"\\", ""),
        (r"[*_`]+", " "),
        (r"&nbsp;", " "),
    ];
    let mut text = text.to_string();
    for (i, (pattern, with)) in rules.iter().enumerate() {
        text = Regex::new(pattern).unwrap().replace_all(&text, *with).into_owned();
        if i == 3 {
            text = unescape(&text);
        }
    }
    for (a, b) in [
        ("\u{201c}", "\""),
        ("\u{201d}", "\""),
        ("\u{2018}", "'"),
        ("\u{2019}", "'"),
        ("``", "\""),
        ("''", "\""),
        ("\u{a0}", " "),
        ("--", "\u{2014}"),
        ("\u{2013}", "\u{2014}"),
    ] {
        text = text.replace(a, b);
    }
    text
}

/// Character references as the characters they stand for.
fn unescape(text: &str) -> String {
    let re = regex::Regex::new(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);").unwrap();
    re.replace_all(text, |c: &regex::Captures<'_>| {
        let name = &c[1];
        let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
            u32::from_str_radix(hex, 16).ok()
        } else if let Some(dec) = name.strip_prefix('#') {
            dec.parse().ok()
        } else {
            match name {
                "amp" => Some(0x26),
                "lt" => Some(0x3c),
                "gt" => Some(0x3e),
                "quot" => Some(0x22),
                "apos" => Some(0x27),
                "nbsp" => Some(0xa0),
                "sect" => Some(0xa7),
                "mdash" => Some(0x2014),
                "ndash" => Some(0x2013),
                "ldquo" => Some(0x201c),
                "rdquo" => Some(0x201d),
                "lsquo" => Some(0x2018),
                "rsquo" => Some(0x2019),
                _ => None,
            }
        };
        code.and_then(char::from_u32).map_or_else(|| c[0].to_string(), String::from)
    })
    .into_owned()
}

/// Words (runs of ASCII letters and digits) and single other characters, white space left out.
fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
        if !c.is_whitespace() {
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// A word-level similarity of two texts, with the markup of a Markdown rendering (emphasis, escapes,
/// heading and list markers) and typographic quotes set aside: the project's fidelity measure. The
/// GPO text edition's ASCII for quotation marks and the em dash (``, '', --) reads as the
/// characters it stands for, as in [`fidelity`].
pub fn word_fidelity(reference: &str, rendered: &str) -> f64 {
    let clean = |t: &str| -> String {
        let t = t
            .replace("``", "\u{201c}")
            .replace("''", "\u{201d}")
            .replace("--", "\u{2014}")
            .replace(['*', '\\', '#', '_', '`', '\u{2022}'], " ")
            .replace(['\u{201c}', '\u{201d}'], "\"")
            .replace('\u{2019}', "'");
        t.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    f64::from(similar::TextDiff::from_words(&clean(reference), &clean(rendered)).ratio())
}

/// The text of an FR XML document with its tags removed: the reference a rendering is compared
/// with.
pub fn xml_text(xml: &str) -> String {
    let mut text = String::with_capacity(xml.len());
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
}
