use std::borrow::Cow;
use std::ops::Range;

use crate::check::Finding;
use crate::check::{Context, normalize_id};
use crate::model::placeholders::ValueOrigin;

crate::declare_rule! {
    /// ## What it checks
    /// Prose that spells a name the source defines almost, but not exactly, as defined: the
    /// system identifier (`DHS/ ICE-015`, `DHS/ICE—015` for `DHS/ICE-015`), the long forms of its
    /// abbreviations, and the agency's name (`U.S. Immigrations and Customs Enforcement` for
    /// `U.S. Immigration and Customs Enforcement`). A name differing in one word by one or two
    /// letters, or an identifier differing only in spacing, hyphens, dashes or slashes (a double
    /// hyphen, a missing hyphen, a space, an en or em dash, a slash for a hyphen), is reported.
    ///
    /// ## Why
    /// Names spelled several ways in one notice are the most common slip reviewers catch by eye,
    /// and they matter: the system's identifier is how the public and other agencies find the
    /// notice. Write `{system}`, `{system.id}` or `{agency}` in prose, and sorn prints the name the
    /// one way it is defined.
    ///
    /// ## Example
    /// ```toml
    /// summary = "... the DHS/ ICE-015 LeadTrac System of Records ..."
    /// ```
    /// Use instead:
    /// ```toml
    /// summary = "... the {system} ..."
    /// ```
    ///
    /// ## Fix
    /// `sorn check --fix` writes the placeholder `{system.id}` over an identifier variant, and the
    /// name as defined over a misspelt name, where the source spells the prose without escapes.
    pub const META = ("name-variant", Structure, Warning, "Prose spells the system identifier, an agency or a component name differently from its definition.");
    basis = [
        (Convention, "Federal Register documents as printed", "a system identifier and the agency's names are spelled one way throughout a document, as the agency defines them"),
    ];
}

/// A word of prose: its byte range and its text without surrounding punctuation or possessive.
struct Word<'a> {
    range: Range<usize>,
    raw: &'a str,
    /// Without a possessive, as written.
    stem: &'a str,
    /// The stem in lower case if it is not ASCII. An ASCII stem is compared ignoring ASCII case
    /// instead, so that the capitalized words of prose cost no allocation.
    unicode_lower: Option<Cow<'a, str>>,
}

impl Word<'_> {
    /// Lower case, without a possessive.
    fn bare(&self) -> Cow<'_, str> {
        match &self.unicode_lower {
            Some(lowered) => Cow::Borrowed(lowered),
            None => lower(self.stem),
        }
    }

    /// Whether the bare word is `target` (itself lower case, so without ASCII capitals).
    fn is(&self, target: &str) -> bool {
        match &self.unicode_lower {
            Some(lowered) => lowered == target,
            None => self.stem.eq_ignore_ascii_case(target),
        }
    }

    /// Whether the bare word is near `target` (see [`near`]), for a word known to differ. The
    /// length and first-letter tests of `near` are made on an ASCII stem as it is written, so
    /// that the lower-case copy is made only for the few words that pass them.
    fn is_near(&self, target: &str) -> bool {
        if self.unicode_lower.is_none() {
            let (len, first) = (self.stem.len(), self.stem.as_bytes().first().map(u8::to_ascii_lowercase));
            if !(4..=48).contains(&len) || len.abs_diff(target.len()) > 2 || first != target.as_bytes().first().copied()
            {
                return false;
            }
        }
        near(&self.bare(), target)
    }
}

fn lower(word: &str) -> Cow<'_, str> {
    // Most words of prose are ASCII: one pass over the bytes decides, without the per-character
    // Unicode case tables (for ASCII, `to_ascii_lowercase` and `to_lowercase` agree).
    if word.is_ascii() {
        return if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        };
    }
    let changes = |c: char| {
        let mut lowered = c.to_lowercase();
        lowered.next() != Some(c) || lowered.next().is_some()
    };
    if word.chars().any(changes) { Cow::Owned(word.to_lowercase()) } else { Cow::Borrowed(word) }
}

/// A word without its possessive endings: every trailing "'s", then every trailing "\u{2019}s".
/// `strip_suffix` compares bytes where `trim_end_matches` would build a substring searcher for
/// each word.
fn without_possessive(mut word: &str) -> &str {
    while let Some(rest) = word.strip_suffix("'s") {
        word = rest;
    }
    while let Some(rest) = word.strip_suffix("\u{2019}s") {
        word = rest;
    }
    word
}

/// The words of `text`, in order.
fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    words_into(text, &mut out);
    out
}

/// Replaces the contents of `out` with the words of `text`: one buffer serves every prose value
/// of a document, instead of a new vector for each.
fn words_into<'a>(text: &'a str, out: &mut Vec<Word<'a>>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut start = None;
    let mut i = 0;
    // One step per character, the end of the text counting as white space. An ASCII byte is a
    // character of its own, and the ASCII white space of `char::is_whitespace` is tab to
    // carriage return and the space: only other characters are decoded.
    while i <= text.len() {
        let (white, width) = match bytes.get(i) {
            None => (true, 1),
            Some(&b) if b.is_ascii() => (matches!(b, b'\t'..=b'\r' | b' '), 1),
            Some(_) => text[i..].chars().next().map_or((true, 1), |c| (c.is_whitespace(), c.len_utf8())),
        };
        match (white, start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                let raw = &text[s..i];
                let trimmed = raw.trim_matches(|c: char| !c.is_alphanumeric());
                // Where the trimmed word starts: it is a slice of `raw`, so no search is needed.
                let offset = if trimmed.is_empty() { 0 } else { trimmed.as_ptr() as usize - raw.as_ptr() as usize };
                let stem = without_possessive(trimmed);
                let unicode_lower = (!stem.is_ascii()).then(|| lower(stem));
                out.push(Word { range: s + offset..s + offset + trimmed.len(), raw: trimmed, stem, unicode_lower });
                start = None;
            }
            _ => {}
        }
        i += width;
    }
}

/// An identifier as compared for variants: upper case, without spaces, hyphens, dashes or
/// slashes, so that "DHS/ICE--015", "DHS/ICE015", "DHS/ICE 015", "DHS/ICE–015" and "DHS/ICE/015"
/// all meet "DHS/ICE-015".
fn loose_id(id: &str) -> String {
    normalize_id(id).chars().filter(|c| !matches!(c, '-' | '/' | '\u{2010}' | '\u{2012}')).collect()
}

fn near(a: &str, b: &str) -> bool {
    // Cheap tests first: most word pairs differ in length or first letter. Words of names are
    // short; a longer "word" is no misspelling of one, and the edit distance is quadratic in length.
    a != b
        && a.len() >= 4
        && b.len() >= 4
        && a.len() <= 48
        && a.len().abs_diff(b.len()) <= 2
        && a.chars().next() == b.chars().next()
        && strsim::levenshtein(a, b) <= 2
}

/// Whether the words spell `target` with exactly one word slightly misspelt.
fn misspells(window: &[Word<'_>], target: &[String]) -> bool {
    if window.len() != target.len() {
        return false;
    }
    let mut differing = 0;
    for (w, t) in window.iter().zip(target) {
        if !w.is(t) {
            if !w.is_near(t) {
                return false;
            }
            differing += 1;
        }
    }
    differing == 1
}

/// Reports near-miss spellings of the document's names in its prose.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    cx.per_document(out, |doc, out| {
        let system = doc.document.system_name();
        let mut names: Vec<String> = system.abbreviations.values().map(|v| v.value.trim().to_string()).collect();
        names.push(doc.document.agency().name.value.trim().to_string());
        names.sort();
        names.dedup();
        let targets: Vec<(String, Vec<String>)> = names
            .into_iter()
            .map(|n| {
                let parts = words(&n).iter().map(|w| w.bare().into_owned()).filter(|w| !w.is_empty()).collect();
                (n, parts)
            })
            .filter(|(_, parts): &(String, Vec<String>)| parts.len() >= 2)
            .collect();
        let id = system.id.value.trim().to_string();
        let id_key = loose_id(&id);
        let source = cx.text(doc.file);
        let mut ws = Vec::new();
        for (key, prose) in doc.document.prose() {
            let text = &prose.value;
            words_into(text, &mut ws);
            let origin = ValueOrigin::new(source, prose.span.clone(), text);
            let mut report = |range: Range<usize>, message: String, help: String, fix: &str| {
                let found = text.get(range.clone()).unwrap_or("");
                let span = origin.range(range);
                // The fix is offered only where the source holds the value's text as written.
                let fixable = source.get(span.clone()) == Some(found);
                let finding =
                    Finding::new(message, cx.label(doc.file, span.clone(), format!("in `{key}`"))).with_help(help);
                out.push(if fixable { finding.with_fix(doc.file, span, found, fix) } else { finding });
            };
            for (target, parts) in &targets {
                for window in ws.windows(parts.len()) {
                    if misspells(window, parts) {
                        let range = window[0].range.start..window[window.len() - 1].range.end;
                        let found = &text[range.clone()];
                        report(
                            range,
                            format!("\"{found}\" looks like a misspelling of \"{target}\""),
                            format!("write \"{target}\""),
                            target,
                        );
                    }
                }
            }
            if id_key.is_empty() {
                continue;
            }
            let id_head: String = id_key.chars().take(2).collect();
            let mut i = 0;
            while i < ws.len() {
                let head = ws[i].raw.as_bytes().get(..id_head.len());
                if !head.is_some_and(|h| h.eq_ignore_ascii_case(id_head.as_bytes())) {
                    i += 1;
                    continue;
                }
                let mut matched = None;
                for len in 1..=3.min(ws.len() - i) {
                    let window = &ws[i..i + len];
                    let range = window[0].range.start..window[len - 1].range.end;
                    let raw = &text[range.clone()];
                    let joined: String = window.iter().map(|w| w.raw).collect();
                    if loose_id(&joined) == id_key || loose_id(raw) == id_key {
                        if raw != id {
                            matched = Some((range, len));
                        } else {
                            matched = Some((0..0, len));
                        }
                        break;
                    }
                }
                match matched {
                    Some((range, len)) if !range.is_empty() => {
                        let found = &text[range.clone()];
                        report(
                            range.clone(),
                            format!("\"{found}\" spells the system identifier \"{id}\" differently"),
                            "write {system.id} (or {system} for the full name) and sorn prints it one way".into(),
                            "{system.id}",
                        );
                        i += len;
                    }
                    Some((_, len)) => i += len,
                    None => i += 1,
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(s: &str) -> Vec<String> {
        words(s).iter().map(|w| w.bare().into_owned()).collect()
    }

    #[test]
    fn one_misspelt_word_is_a_variant() {
        let t = target("U.S. Immigration and Customs Enforcement");
        let text = "by U.S. Immigrations and Customs Enforcement (ICE), and";
        let ws = words(text);
        let hits: Vec<_> = ws.windows(t.len()).filter(|w| misspells(w, &t)).collect();
        assert_eq!(hits.len(), 1);
        assert_eq!(&text[hits[0][0].range.start..hits[0][4].range.end], "U.S. Immigrations and Customs Enforcement");
    }

    #[test]
    fn bare_words_are_lower_case_without_possessives() {
        let bare: Vec<String> = target("The Agency's ICE\u{2019}s \u{00C9}cole's's caf\u{00E9} \u{00DC}BER (Office)");
        assert_eq!(bare, ["the", "agency", "ice", "\u{00E9}cole", "caf\u{00E9}", "\u{00FC}ber", "office"]);
        // Only the endings are stripped, in their order: a straight one after a curly one stays.
        assert_eq!(without_possessive("ICE's\u{2019}s"), "ICE's");
        assert!(matches!(lower("agency"), Cow::Borrowed(_)));
        assert!(matches!(lower("caf\u{00E9}"), Cow::Borrowed(_)));
    }

    #[test]
    fn identifier_variants_meet_the_identifier() {
        let id = loose_id("DHS/ICE-015");
        for variant in
            ["DHS/ICE--015", "DHS/ICE015", "DHS/ICE 015", "DHS/ICE\u{2013}015", "DHS/ICE\u{2014}015", "DHS/ICE/015"]
        {
            assert_eq!(loose_id(variant), id, "{variant}");
        }
        assert_ne!(loose_id("DHS/ICE-016"), id);
        assert_ne!(loose_id("DHS/ICE-0150"), id);
    }

    #[test]
    fn exact_names_possessives_and_other_words_are_not() {
        let t = target("Department of Homeland Security");
        for text in [
            "the Department of Homeland Security's inventory",
            "the Department of Homeland Security (DHS)",
            "Department of Justice or Security",
            "department of homeland security",
        ] {
            let ws = words(text);
            assert!(!ws.windows(t.len()).any(|w| misspells(w, &t)), "{text}");
        }
    }
}
