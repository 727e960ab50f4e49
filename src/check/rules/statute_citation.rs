use crate::check::Context;
use crate::check::Finding;
use crate::model::placeholders::ValueOrigin;
use crate::statute::{CitationErrorKind, Subsection};

crate::declare_rule! {
    /// ## What it checks
    /// Citations of the Privacy Act written in prose:
    ///
    /// - "5 U.S.C. 552(j)(2)" or "552(k)(2)": section 552 is the Freedom of Information Act; the
    ///   Privacy Act's exemptions are in 552a(j) and (k);
    /// - a citation of 552a, or a "subsection (...)" of it, naming a part the section does not
    ///   have: "552a(e)(13)", "subsection (k)(8)", "(e)(4)(J)".
    ///
    /// The typed fields (claims, justifications) are checked when a source loads
    /// (`unknown-subsection`); this rule reads the running text that sorn prints as written,
    /// except the claim sentences in the agency's own words (`exemptions.wording`), which cite
    /// the typed claims and which `claims-wording` holds to them.
    ///
    /// ## Why
    /// A reader follows a citation to the statute. One that points at FOIA, or at a paragraph
    /// that does not exist, sends the reader nowhere and makes the document's claims look
    /// careless.
    ///
    /// ## Example
    /// ```toml
    /// summary = "... exempt from certain provisions pursuant to 5 U.S.C. 552(j)(2) and (k)(8)."
    /// ```
    /// Use instead: "5 U.S.C. 552a(j)(2) and (k)(2)".
    pub const META = ("statute-citation", Exemptions, Warning, "Prose cites 5 U.S.C. 552 for the Privacy Act, or a part of 552a that does not exist.");
    basis = [
        (Statute, "5 U.S.C. 552a", "the Privacy Act: subsections (a) through (w); the exemptions are (j)(1)-(2) and (k)(1)-(7); (e) has paragraphs (1)-(12) and (e)(4) subparagraphs (A)-(I)"),
        (Statute, "5 U.S.C. 552", "the Freedom of Information Act, a different section"),
    ];
}

/// The run of parenthesized parts at the start of `text`: "(e)(4)(G)" of "(e)(4)(G), (H)".
fn parts_at(text: &str) -> &str {
    let mut end = 0;
    let bytes = text.as_bytes();
    while bytes.get(end) == Some(&b'(') {
        let Some(close) = text[end..].find(')') else { break };
        let inner = &text[end + 1..end + close];
        if inner.is_empty() || inner.len() > 5 || !inner.chars().all(|c| c.is_ascii_alphanumeric()) {
            break;
        }
        end += close + 1;
    }
    &text[..end]
}

/// A problem with one citation in prose: its byte range in `text`, the message and the help.
struct Problem {
    range: std::ops::Range<usize>,
    message: String,
    help: String,
}

/// Where a citation may begin: each "552" (as "552a" or alone) and each "subsection" or
/// "subsections" followed by a space, with the length of the marker. Two searches of the text
/// find them all, since "552a" is a "552" and "subsections " a "subsection".
fn markers(text: &str) -> impl Iterator<Item = (usize, &'static str)> + '_ {
    let sections =
        text.match_indices("552").map(|(at, _)| (at, if text[at + 3..].starts_with('a') { "552a" } else { "552" }));
    let words = text.match_indices("subsection").filter_map(|(at, _)| {
        let rest = &text[at + "subsection".len()..];
        if rest.starts_with(' ') {
            Some((at, "subsection "))
        } else if rest.starts_with("s ") {
            Some((at, "subsections "))
        } else {
            None
        }
    });
    sections.chain(words)
}

fn problems(text: &str) -> Vec<Problem> {
    let mut out = Vec::new();
    for (at, marker) in markers(text) {
        let after = at + marker.len();
        // "552" inside a longer number is not this marker.
        if marker == "552" && text[..at].ends_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let parts = parts_at(&text[after..]);
        if parts.is_empty() {
            continue;
        }
        let range = at..after + parts.len();
        if marker == "552" {
            if parts.starts_with("(j)(") || parts.starts_with("(k)(") {
                out.push(Problem {
                    range,
                    message: format!("5 U.S.C. 552{parts} cites the Freedom of Information Act; the Privacy Act's exemptions are in 552a"),
                    help: format!("write 5 U.S.C. 552a{parts}"),
                });
            }
            continue;
        }
        if let Err(e) = Subsection::parse(parts)
            && matches!(e.kind(), CitationErrorKind::NotInStatute { .. })
        {
            out.push(Problem { range, message: format!("5 U.S.C. 552a has no {parts}"), help: e.to_string() });
        }
    }
    // Problems start at different places (one marker per place), so the order of the searches
    // does not matter once they are sorted.
    out.sort_by_key(|p| p.range.start);
    out.dedup_by(|a, b| a.range.end == b.range.end);
    out
}

/// Reports citations of the wrong section, or of parts 552a does not have, in prose.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    cx.per_document(out, |doc, out| {
        let source = cx.text(doc.file);
        for (key, prose) in doc.document.prose() {
            // Claim sentences in the agency's words cite the typed claims, which load reports at
            // their place (`unknown-subsection`) and `claims-wording` holds the words to: one
            // cause, one diagnostic.
            if key.ends_with("exemptions.wording") {
                continue;
            }
            let origin = ValueOrigin::new(source, prose.span.clone(), &prose.value);
            for p in problems(&prose.value) {
                let span = origin.range(p.range);
                out.push(Finding::new(p.message, cx.label(doc.file, span, format!("in `{key}`"))).with_help(p.help));
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::problems;

    fn messages(text: &str) -> Vec<String> {
        problems(text).into_iter().map(|p| p.message).collect()
    }

    #[test]
    fn wrong_section_and_missing_parts() {
        assert_eq!(messages("exempt under 5 U.S.C. 552(j)(2)").len(), 1);
        assert!(messages("5 U.S.C. 552(b)(1) material; 5 U.S.C. 552a(k)(1)").is_empty());
        assert_eq!(messages("from 5 U.S.C. 552a(e)(13)"), ["5 U.S.C. 552a has no (e)(13)"]);
        assert_eq!(messages("pursuant to subsection (k)(8)"), ["5 U.S.C. 552a has no (k)(8)"]);
        assert!(messages("from subsections (c)(3), (d), (e)(4)(G), and 552a(j)(2)").is_empty());
        assert!(messages("see 6 CFR 5.21(d) and 15520(j)(2)").is_empty());
    }
}
