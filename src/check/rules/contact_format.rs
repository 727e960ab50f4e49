use crate::check::Context;
use crate::check::Finding;
use crate::model::Loc;
use crate::model::placeholders::ValueOrigin;

crate::declare_rule! {
    /// ## What it checks
    /// That every telephone number and e-mail address a document gives can be dialed or
    /// written to:
    ///
    /// - a contact's `phone` is a North American number of ten digits (a leading country code 1
    ///   and an extension after "ext." or "x" are allowed), or the three-digit relay number 711
    ///   for TTY users: "(703) 695090970" (eleven digits) and "(202-1717)" (seven) are wrong;
    /// - a contact's `email`, and every e-mail address written in prose, has one "@", a local
    ///   part, and a domain of dot-separated labels ending in a top-level domain:
    ///   "ICEPrivacy@dhs,gov" is wrong.
    ///
    /// ## Why
    /// FOR FURTHER INFORMATION CONTACT exists so that the public can reach the agency; a
    /// mistyped number or address defeats it, and nobody dials the number before publication.
    ///
    /// ## Example
    /// ```toml
    /// [[notice.contacts]]
    /// name = "Pat Example"
    /// phone = "(202) 555-01000"
    /// email = "privacy@example,gov"
    /// ```
    /// Use instead: `phone = "(202) 555-0100"`, `email = "privacy@example.gov"`.
    pub const META = ("contact-format", Structure, Warning, "A telephone number that is not ten digits, or an e-mail address that is not well formed.");
    basis = [
        (Regulation, "1 CFR 18.12(a), (b) (proposed and final rule documents; notices follow the form by OFR practice)", "FOR FURTHER INFORMATION CONTACT gives \"the name and telephone number of a person in the agency to contact for additional information about the document\""),
        (Convention, "North American Numbering Plan, as Federal Register documents print numbers", "a number is a three-digit area code and a seven-digit number, e.g. (202) 732-3300; 711 reaches the telecommunications relay service"),
    ];
}

/// The digits of a telephone number before any extension.
fn dialed(phone: &str) -> String {
    let lower = phone.to_lowercase();
    let cut = ["ext", " x", "extension"].iter().filter_map(|m| lower.find(m)).min().unwrap_or(lower.len());
    lower[..cut].chars().filter(char::is_ascii_digit).collect()
}

/// What is wrong with a telephone number, if anything.
fn phone_problem(phone: &str) -> Option<String> {
    let digits = dialed(phone);
    let n = digits.len();
    let ok = n == 10 || (n == 11 && digits.starts_with('1')) || digits == "711";
    (!ok && n > 0).then(|| format!("has {n} digits; a North American number has ten (area code and number)"))
}

/// Whether an e-mail address is well formed: one "@", a local part of printable characters
/// without spaces or commas, and a domain of letters, digits and hyphens in dot-separated labels
/// ending in an alphabetic top-level domain.
fn email_ok(address: &str) -> bool {
    let Some((local, domain)) = address.split_once('@') else { return false };
    let local_ok = !local.is_empty()
        && local.chars().all(|c| c.is_ascii_alphanumeric() || "._%+-'".contains(c))
        && !local.starts_with('.')
        && !local.ends_with('.');
    let labels: Vec<&str> = domain.split('.').collect();
    let labels_ok = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    let tld_ok = labels.last().is_some_and(|t| t.len() >= 2 && t.chars().all(|c| c.is_ascii_alphabetic()));
    local_ok && labels_ok && tld_ok
}

/// Every e-mail address written in prose: each whitespace-separated word with an "@" after its
/// first character, without the punctuation and Markdown around it. Returns byte ranges in
/// `text`.
///
/// Prose rarely holds an "@": the search jumps from one to the next (a byte search) and reads
/// only the word around each, rather than splitting all of the text into words.
fn addresses_in(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|rest| rest.find('@')) {
        let at = from + found;
        // The word around the "@": back to the whitespace before it (never before `from`, which
        // is the end of the previous word or the start of the text) and on to the next.
        let s = text[from..at]
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(from, |(i, c)| from + i + c.len_utf8());
        let i = text[at..].char_indices().find(|(_, c)| c.is_whitespace()).map_or(text.len(), |(k, _)| at + k);
        let word = &text[s..i];
        let lead = word.len() - word.trim_start_matches(['<', '(', '[', '"', '\'', '*', '_']).len();
        let body = word[lead..].trim_end_matches(['>', ')', ']', '.', ',', ';', ':', '"', '\'', '*', '_']);
        let body_start = s + lead + body.find("mailto:").map_or(0, |p| p + "mailto:".len());
        let end = s + lead + body.len();
        // A word that starts with "@" is a handle or a stray sign, not an address.
        let address = text.get(body_start..end).unwrap_or("");
        if !address.starts_with('@') && address.contains('@') && !address.contains("](") {
            out.push(body_start..end);
        }
        from = i;
    }
    out
}

fn bad_email(cx: &Context<'_>, file: crate::diagnostic::FileId, at: &Loc<String>, out: &mut Vec<Finding>) {
    let address = at.value.trim();
    if !address.is_empty() && !email_ok(address) {
        out.push(
            Finding::new(
                format!("the e-mail address \"{address}\" is not well formed"),
                cx.label(file, at.span.clone(), "not an e-mail address"),
            )
            .with_help("check for a comma or space where a dot belongs, and for a missing top-level domain"),
        );
    }
}

/// Reports malformed telephone numbers and e-mail addresses.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    cx.per_document(out, |doc, out| {
        for contact in &doc.document.preamble().contacts {
            if let Some(phone) = &contact.phone
                && let Some(problem) = phone_problem(&phone.value)
            {
                out.push(
                    Finding::new(
                        format!("the telephone number \"{}\" {problem}", phone.value.trim()),
                        cx.label(doc.file, phone.span.clone(), "not a ten-digit number"),
                    )
                    .with_help("write the area code and the seven-digit number, e.g. (202) 555-0100"),
                );
            }
            if let Some(email) = &contact.email {
                bad_email(cx, doc.file, email, out);
            }
        }
        let source = cx.text(doc.file);
        for (key, prose) in doc.document.prose() {
            let origin = ValueOrigin::new(source, prose.span.clone(), &prose.value);
            for range in addresses_in(&prose.value) {
                let address = &prose.value[range.clone()];
                if email_ok(address) {
                    continue;
                }
                let span = origin.range(range);
                out.push(
                    Finding::new(
                        format!("the e-mail address \"{address}\" is not well formed"),
                        cx.label(doc.file, span, format!("in `{key}`")),
                    )
                    .with_help("check for a comma or space where a dot belongs, and for a missing top-level domain"),
                );
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn telephone_numbers() {
        for fine in
            ["(202) 732-3300", "(202-732-3300)", "202-343-1717", "1-800-375-5283", "(202) 555-0100 ext. 12", "711"]
        {
            assert_eq!(phone_problem(fine), None, "{fine}");
        }
        for wrong in ["(703) 695090970", "(202-1717)", "555-0100"] {
            assert!(phone_problem(wrong).is_some(), "{wrong}");
        }
    }

    #[test]
    fn email_addresses() {
        for fine in ["ICEPrivacy@ice.dhs.gov", "privacy@example.gov", "first.last+x@sub-domain.example.com"] {
            assert!(email_ok(fine), "{fine}");
        }
        for wrong in ["ICEPrivacy@dhs,gov", "privacy@example", "a@@b.gov", "@dhs.gov", "x@dhs.g0v", "x @dhs.gov"] {
            assert!(!email_ok(wrong), "{wrong}");
        }
    }

    #[test]
    fn addresses_in_prose() {
        let text = "By email: ICEPrivacy@ice.dhs.gov. Or <mailto:a@b.gov>, or (x@dhs,gov); not an @ sign alone";
        let found: Vec<&str> = addresses_in(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["ICEPrivacy@ice.dhs.gov", "a@b.gov", "x@dhs,gov"]);
        // Words end at any white space, an address may hold two "@", and one at the very start
        // or end of the text is read too.
        let text = "x@y.gov\u{a0}b@@c.gov\u{2003}@d.gov, (e@f.gov)";
        let found: Vec<&str> = addresses_in(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["x@y.gov", "b@@c.gov", "e@f.gov"]);
    }
}
