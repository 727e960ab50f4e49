use crate::check::Context;
use crate::check::Finding;
use crate::model::Document;

crate::declare_rule! {
    /// ## What it checks
    /// The form of the identifiers the Office of the Federal Register assigns or requires:
    ///
    /// - a billing code is four digits, a hyphen, two digits or capitals, and optionally a hyphen
    ///   and one capital: `9111-28`, `6820-34-P`;
    /// - an FR document number is the year and a five-digit serial, `2016-18810` (older forms
    ///   `E9-12859` and `06-3791` are accepted), and its year is the year the document was filed;
    /// - a Regulation Identifier Number is four digits, a hyphen, two capitals and two digits:
    ///   `1601-AA00`.
    ///
    /// ## Why
    /// These numbers are how the document is found in the Federal Register, on regulations.gov and
    /// in the Unified Agenda; a transposed digit sends readers to another document.
    ///
    /// ## Example
    /// ```toml
    /// billing_code = "911-28"
    /// rin = "1601-A00"
    /// ```
    /// Use instead:
    /// ```toml
    /// billing_code = "9111-28"
    /// rin = "1601-AA00"
    /// ```
    ///
    /// ## Fix
    /// A billing code, FR document number or RIN that only its separators or the case of its
    /// letters keep from its form (`9111 28`, `6820–34–p`, `1601 aa00`, `2016 18810`) is
    /// rewritten in its form by `sorn check --fix`. A missing or extra digit, and an FR document
    /// number from another year, are not: the number itself must come from the Office of the
    /// Federal Register or the Unified Agenda.
    pub const META = ("identifier-format", Structure, Warning, "A billing code, FR document number or RIN not in its standard form.");
    basis = [
        (Convention, "Federal Register documents as printed", "BILLING CODE dddd-xx-P lines, FR Doc numbers (year and a five-digit serial) and RINs of the form 1601-AB04"),
    ];
}

fn digits(s: &str, n: usize) -> bool {
    s.len() == n && s.bytes().all(|b| b.is_ascii_digit())
}

fn billing_code(code: &str) -> bool {
    let parts: Vec<&str> = code.split('-').collect();
    let mid = |p: &str| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit() || b.is_ascii_uppercase());
    match parts.as_slice() {
        [a, b] => digits(a, 4) && mid(b),
        [a, b, c] => digits(a, 4) && mid(b) && c.len() == 1 && c.bytes().all(|b| b.is_ascii_uppercase()),
        _ => false,
    }
}

/// The year an FR document number names, if it is in a recognized form.
fn fr_doc_year(number: &str) -> Option<Option<i32>> {
    let (head, serial) = number.split_once('-')?;
    if !(4..=5).contains(&serial.len()) || !serial.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if digits(head, 4) && serial.len() == 5 {
        return head.parse().ok().map(Some);
    }
    if digits(head, 2) || (head.len() == 2 && head.starts_with('E') && head[1..].bytes().all(|b| b.is_ascii_digit())) {
        return Some(None);
    }
    None
}

fn rin(text: &str) -> bool {
    let text = text.trim().strip_prefix("RIN").map_or(text.trim(), str::trim);
    match text.split_once('-') {
        Some((a, b)) => {
            digits(a, 4)
                && b.len() == 4
                && b.bytes().take(2).all(|c| c.is_ascii_uppercase())
                && b.bytes().skip(2).all(|c| c.is_ascii_digit())
        }
        None => false,
    }
}

/// An identifier rejoined by hyphens with its letters in capitals, if that puts it in its form
/// (`in_form`): only separators and case change, never a digit or a letter, so the number is
/// the one the agency wrote. A leading "RIN" stays as written.
fn repaired(written: &str, in_form: impl Fn(&str) -> bool) -> Option<String> {
    let trimmed = written.trim();
    let (label, number) = match trimmed.strip_prefix("RIN") {
        Some(rest) if rest.starts_with(' ') => ("RIN ", rest),
        _ => ("", trimmed),
    };
    let joined = format!("{label}{}", super::hyphenated(number)?.to_ascii_uppercase());
    (in_form(&joined) && joined != written).then_some(joined)
}

/// Reports identifiers that are not in their standard form.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for doc in cx.documents {
        let preamble = doc.document.preamble();
        let fr_doc = match &doc.document {
            Document::Sorn(s) => s.fr_doc.as_ref(),
            Document::ExemptionRule(r) => r.fr_doc.as_ref(),
        };
        let mut report =
            |value: &crate::model::Loc<String>, in_form: &dyn Fn(&str) -> bool, message: String, help: &str| {
                let finding = Finding::new(message, cx.label(doc.file, value.span.clone(), "here"));
                let fix = repaired(&value.value, in_form).zip(super::verbatim_span(cx, doc.file, value));
                out.push(match fix {
                    Some((right, span)) => finding
                        .with_help(format!("write \"{right}\": only the separators or the case of its letters differ"))
                        .with_fix(doc.file, span, &value.value, &right),
                    None => finding.with_help(help.to_string()),
                });
            };
        if let Some(code) = &preamble.billing_code
            && !billing_code(code.value.trim())
        {
            report(
                code,
                &billing_code,
                format!("billing code \"{}\" is not in the form 9111-28 or 6820-34-P", code.value.trim()),
                "check the billing code the agency was assigned",
            );
        }
        if let Some(r) = &preamble.rin
            && !rin(&r.value)
        {
            report(
                r,
                &rin,
                format!("RIN \"{}\" is not in the form 1601-AA00", r.value.trim()),
                "check the Regulation Identifier Number in the Unified Agenda",
            );
        }
        if let Some(fr) = fr_doc {
            let number = fr.number.value.trim();
            match fr_doc_year(number) {
                None => report(
                    &fr.number,
                    &|n| fr_doc_year(n).is_some_and(|y| y.is_none_or(|y| y == i32::from(fr.filed.value.0.year()))),
                    format!("FR document number \"{number}\" is not in the form 2016-18810"),
                    "copy the number from the FR Doc line the Office of the Federal Register assigned",
                ),
                Some(Some(year)) => {
                    let filed = i32::from(fr.filed.value.0.year());
                    if year != filed {
                        report(
                            &fr.number,
                            &|_| false,
                            format!(
                                "FR document number {number} is from {year}, but the document was filed in {filed}"
                            ),
                            "the FR document number begins with the year of filing",
                        );
                    }
                }
                Some(None) => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        for ok in ["9111-28", "6820-34-P", "5001-06-P", "9110-04-P", "8070-01-P", "4410-10-P"] {
            assert!(billing_code(ok), "{ok}");
        }
        for bad in ["911-28", "9111-2", "9111-28-PP", "BILLING", "9111_28"] {
            assert!(!billing_code(bad), "{bad}");
        }
        assert_eq!(fr_doc_year("2016-18810"), Some(Some(2016)));
        assert_eq!(fr_doc_year("E9-12859"), Some(None));
        assert_eq!(fr_doc_year("06-3791"), Some(None));
        assert_eq!(fr_doc_year("2016-1881"), None);
        assert!(rin("1601-AA00") && rin("RIN 1601-AB04"));
        assert!(!rin("1601-A00") && !rin("16O1-AA00"));
        assert!(!rin("1105-A\u{20ac}") && !rin("1105-\u{20ac}A"));
    }

    #[test]
    fn only_separators_and_case_are_repaired() {
        assert_eq!(repaired("9111 28", billing_code).as_deref(), Some("9111-28"));
        assert_eq!(repaired("6820\u{2013}34\u{2013}p", billing_code).as_deref(), Some("6820-34-P"));
        assert_eq!(repaired("911-28", billing_code), None, "a digit missing is not guessed");
        assert_eq!(repaired("1601 aa00", rin).as_deref(), Some("1601-AA00"));
        assert_eq!(repaired("RIN 1601--AB04", rin).as_deref(), Some("RIN 1601-AB04"));
        assert_eq!(repaired("16O1-AA00", rin), None);
        assert_eq!(repaired("2016 18810", |n| fr_doc_year(n).is_some()).as_deref(), Some("2016-18810"));
        assert_eq!(repaired("2016-1881", |n| fr_doc_year(n).is_some()), None);
    }
}
