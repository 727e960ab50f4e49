use std::collections::BTreeMap;

use crate::check::Context;
use crate::check::Finding;
use crate::diagnostic::FileId;
use crate::model::placeholders::ValueOrigin;
use crate::model::{Contact, Loc};

crate::declare_rule! {
    /// ## What it checks
    /// That a SORN and its exemption rules write the same people the same way: a person named in
    /// both (as signer or as a FOR FURTHER INFORMATION CONTACT) is spelled one way, and a contact
    /// in both has the same title, the same telephone number (compared digit for digit, so
    /// "(202) 732-3300" and "202-732-3300" agree) and the same e-mail address.
    ///
    /// A citation one document makes of the other ("The SORN was published ... 81 FR 52700,
    /// August 9, 2016"; "the final rule, 81 FR 85105, November 25, 2016") carries the other's
    /// publication date (`published`), and a docket number it gives in a sentence naming the other
    /// document, in that document's form (the same agency prefix), is the other's `docket` (or its
    /// own). A docket of another agency, or one cited for a third document (a final rule citing its
    /// proposed rule), is not compared. The other document's first page is not in its source, so
    /// the page of such a citation is left to `fr-citation`.
    ///
    /// People are matched by first and last name, so "Jonathan R. Cantor" and "Jonathan Cantor"
    /// are one person spelled two ways; a rule signed months later by another official is not
    /// reported.
    ///
    /// ## Why
    /// The two documents are read together: each cross-references the other, and a commenter
    /// told to write to one mailbox in the notice and another in the rule does not know which
    /// one reaches the agency. A variant spelling of the signer suggests that one of the two
    /// signature blocks was retyped rather than checked.
    ///
    /// ## Example
    /// ```toml
    /// # SORN
    /// [[notice.contacts]]
    /// name = "Pat Example"
    /// email = "privacy@example.gov"
    ///
    /// # exemption rule
    /// [[notice.contacts]]
    /// name = "Pat Example"
    /// email = "privacy@oig.example.gov"
    /// ```
    /// Use instead: the address that reaches the agency, in both.
    pub const META = ("pair-mismatch", Consistency, Warning, "A SORN and its exemption rule spell a person, give a contact's title, telephone or e-mail differently, or cite each other by another date or docket.");
    basis = [
        (Convention, "paired SORNs and exemption rules (e.g. the DHS/ICE-015 notice, 81 FR 52700, and final rule, 81 FR 85105)", "the notice and the rule name the same officials and contacts and are read together; no statute or regulation requires the same spelling, so the rule warns"),
        (Regulation, "1 CFR 18.12(a), (b) (proposed and final rule documents; notices follow the form by OFR practice)", "FOR FURTHER INFORMATION CONTACT gives \"the name and telephone number of a person in the agency to contact for additional information about the document\""),
    ];
}

/// A person named in a document: where, in which role, and the contact entry if it is one.
struct Named<'a> {
    file: FileId,
    sorn: bool,
    name: &'a Loc<String>,
    role: &'static str,
    contact: Option<&'a Contact>,
}

/// First and last name in lower case, without initials, punctuation or suffixes: the key by
/// which two spellings are one person. `None` for a single word.
fn person_key(name: &str) -> Option<(String, String)> {
    const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv", "esq", "phd"];
    let words: Vec<String> = name
        .split([' ', ',', '\u{a0}'])
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase())
        .filter(|w| w.chars().count() > 1 && !SUFFIXES.contains(&w.as_str()))
        .collect();
    match words.as_slice() {
        [first, .., last] => Some((first.clone(), last.clone())),
        _ => None,
    }
}

fn spaced(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

fn people<'a>(cx: &Context<'a>, index: usize) -> Vec<Named<'a>> {
    let doc = &cx.documents[index];
    let sorn = matches!(doc.document, crate::model::Document::Sorn(_));
    let mut out: Vec<Named<'a>> = doc
        .document
        .preamble()
        .contacts
        .iter()
        .filter_map(|c| Some(Named { file: doc.file, sorn, name: c.name.as_ref()?, role: "contact", contact: Some(c) }))
        .collect();
    if let Some(sig) = doc.document.signature() {
        out.push(Named { file: doc.file, sorn, name: &sig.name, role: "signer", contact: None });
    }
    out
}

fn side(n: &Named<'_>) -> &'static str {
    if n.sorn { "the SORN" } else { "the rule" }
}

/// One finding per spelling of a person that differs from the most used one.
fn spellings(cx: &Context<'_>, group: &[&Named<'_>], out: &mut Vec<Finding>) {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for n in group {
        *counts.entry(spaced(&n.name.value)).or_default() += 1;
    }
    if counts.len() < 2 {
        return;
    }
    // The most used spelling is the reference; on a tie, the SORN's first.
    let first_sorn = group.iter().find(|n| n.sorn).unwrap_or(&group[0]);
    let reference = counts
        .iter()
        .max_by_key(|(s, c)| (**c, **s == spaced(&first_sorn.name.value)))
        .map(|(s, _)| s.clone())
        .unwrap_or_default();
    let Some(anchor) = group.iter().find(|n| spaced(&n.name.value) == reference) else { return };
    for variant in counts.keys().filter(|s| **s != reference) {
        let places: Vec<&&Named<'_>> = group.iter().filter(|n| spaced(&n.name.value) == *variant).collect();
        let Some(first) = places.first() else { continue };
        let mut f = Finding::new(
            format!("{} writes its {} \"{variant}\"; {} writes \"{reference}\"", side(first), first.role, side(anchor)),
            cx.label(first.file, first.name.span.clone(), format!("{} here", first.role)),
        );
        for more in places.iter().skip(1) {
            f = f.with_label(cx.label(more.file, more.name.span.clone(), format!("{} here", more.role)));
        }
        out.push(
            f.with_label(cx.label(anchor.file, anchor.name.span.clone(), format!("\"{reference}\" here"))).with_help(
                format!("write \"{reference}\" everywhere (or the other spelling, if that is the official's own)"),
            ),
        );
    }
}

/// A contact field as compared and as shown.
type Field<'a> = (&'static str, fn(&Contact) -> Option<&Loc<String>>, fn(&str) -> String);

const FIELDS: &[Field<'static>] = &[
    ("title", |c| c.title.as_ref(), spaced),
    ("telephone number", |c| c.phone.as_ref(), digits),
    ("e-mail address", |c| c.email.as_ref(), |s| s.trim().to_lowercase()),
];

/// The same contact with another title, telephone or e-mail in a rule than in its SORN.
fn contact_fields(cx: &Context<'_>, group: &[&Named<'_>], out: &mut Vec<Finding>) {
    let contacts: Vec<(&Named<'_>, &Contact)> = group.iter().filter_map(|n| Some((*n, n.contact?))).collect();
    for &(field, get, norm) in FIELDS {
        let Some((anchor, value)) = contacts.iter().filter(|(n, _)| n.sorn).find_map(|(n, c)| Some((*n, get(c)?)))
        else {
            continue;
        };
        for (n, c) in contacts.iter().filter(|(n, _)| !n.sorn) {
            let Some(other) = get(c) else { continue };
            if norm(&other.value).is_empty() || norm(&other.value) == norm(&value.value) {
                continue;
            }
            let who = spaced(&n.name.value);
            out.push(
                Finding::new(
                    format!(
                        "the rule gives {who}'s {field} as {}, the SORN as {}",
                        other.value.trim(),
                        value.value.trim()
                    ),
                    cx.label(n.file, other.span.clone(), "in the rule"),
                )
                .with_label(cx.label(anchor.file, value.span.clone(), "in the SORN"))
                .with_help(format!("give the {field} that reaches {who} in both documents")),
            );
        }
    }
}

fn kind(doc: &crate::model::Document) -> &'static str {
    match doc {
        crate::model::Document::Sorn(_) => "the SORN",
        crate::model::Document::ExemptionRule(_) => "the rule",
    }
}

/// Whether a sentence cites the other document: it has a "<volume> FR <page>" citation and names
/// that document's kind.
fn cites(sentence: &str, names: &[&str], not: &[&str]) -> bool {
    let lower = sentence.to_lowercase();
    let has_fr = lower.match_indices(" fr ").any(|(i, _)| {
        lower[..i].ends_with(|c: char| c.is_ascii_digit()) && lower[i + 4..].starts_with(|c: char| c.is_ascii_digit())
    });
    has_fr && names.iter().any(|n| lower.contains(n)) && !not.iter().any(|n| lower.contains(n))
}

/// Whether `text` may hold a "<volume> FR <page>" citation as [`cites`] reads one: a digit, " fr "
/// in any case, a digit. Only the ASCII letters lower-case to "f" and "r", so a sentence that
/// [`cites`] accepts always passes; the converse need not hold.
fn has_fr_citation(text: &str) -> bool {
    text.as_bytes().windows(6).any(|w| {
        w[0].is_ascii_digit()
            && w[1] == b' '
            && w[2].eq_ignore_ascii_case(&b'f')
            && w[3].eq_ignore_ascii_case(&b'r')
            && w[4] == b' '
            && w[5].is_ascii_digit()
    })
}

/// One finding for each sentence of `from`'s prose that cites the other document with a date
/// that is not its publication date.
fn citation_dates(cx: &Context<'_>, from: usize, other: usize, names: &[&str], not: &[&str], out: &mut Vec<Finding>) {
    let (from_doc, other_doc) = (&cx.documents[from], &cx.documents[other]);
    let published = match &other_doc.document {
        crate::model::Document::Sorn(s) => s.published.as_ref(),
        crate::model::Document::ExemptionRule(r) => r.published.as_ref(),
    };
    let Some(published) = published else { return };
    let source = cx.text(from_doc.file);
    for (key, prose) in from_doc.document.prose() {
        // Most prose cites nothing in the Federal Register: one byte scan of the value spares it
        // the sentence split and the lower-casing of each sentence.
        if !has_fr_citation(&prose.value) {
            continue;
        }
        let origin = ValueOrigin::new(source, prose.span.clone(), &prose.value);
        for range in super::written_dates::sentences(&prose.value) {
            let sentence = &prose.value[range.clone()];
            // A date placeholder ({published}) is sorn's to compute; {system} names are fine.
            let placeholder = sentence.replace("{system", "").contains('{');
            if placeholder || !cites(sentence, names, not) {
                continue;
            }
            let dates = super::written_dates::dates_in(sentence);
            let Some((date, at)) = dates.first() else { continue };
            if dates.iter().any(|(d, _)| *d == published.value.0) {
                continue;
            }
            let span = origin.range(range.start + at.start..range.start + at.end);
            out.push(
                Finding::new(
                    format!(
                        "{} dates its citation of {} {}, but that document is published {}",
                        kind(&from_doc.document),
                        kind(&other_doc.document),
                        crate::dates::fr_date(*date),
                        crate::dates::fr_date(published.value.0)
                    ),
                    cx.label(from_doc.file, span, format!("in `{key}`")),
                )
                .with_label(cx.label(other_doc.file, published.span.clone(), "published"))
                .with_help("cite the other document by the date (and first page) on which it was published"),
            );
        }
    }
}

/// The docket numbers written in `text`, with their byte ranges: the regulations.gov form, letters
/// then hyphenated parts of which one is a four-digit year ("DHS-2016-0053", "DOD-2016-HA-0042").
fn dockets(text: &str) -> Vec<(std::ops::Range<usize>, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        let part = c.is_ascii_alphanumeric() || c == '-';
        match (start, part) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                let token = text[s..i].trim_end_matches('-');
                if is_docket(token) {
                    out.push((s..s + token.len(), token));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Whether a token is in the regulations.gov docket form: an upper-case prefix of two or more
/// letters, a four-digit year, and a serial of digits at the end.
fn is_docket(token: &str) -> bool {
    let parts: Vec<&str> = token.split('-').collect();
    let prefix = parts.first().is_some_and(|p| p.len() >= 2 && p.chars().all(|c| c.is_ascii_uppercase()));
    let year = parts.iter().skip(1).any(|p| p.len() == 4 && (p.starts_with("19") || p.starts_with("20")));
    let serial =
        parts.len() >= 3 && parts.last().is_some_and(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()));
    prefix && year && serial && parts.iter().all(|p| !p.is_empty())
}

/// The agency prefix of a docket number: what comes before its first hyphen.
fn docket_prefix(docket: &str) -> &str {
    docket.split('-').next().unwrap_or(docket)
}

/// One finding for each docket number that `from`'s prose gives for the other document, in that
/// document's form, and that is neither the other's docket nor `from`'s own.
fn citation_dockets(cx: &Context<'_>, from: usize, other: usize, names: &[&str], not: &[&str], out: &mut Vec<Finding>) {
    let (from_doc, other_doc) = (&cx.documents[from], &cx.documents[other]);
    let Some(theirs) = &other_doc.document.preamble().docket else { return };
    let own = from_doc.document.preamble().docket.as_ref().map(|d| d.value.trim());
    let source = cx.text(from_doc.file);
    let theirs_prefix = docket_prefix(theirs.value.trim());
    let candidate =
        |docket: &str| docket_prefix(docket) == theirs_prefix && docket != theirs.value.trim() && Some(docket) != own;
    // A candidate has the other's prefix and at least two more hyphenated parts, so the prose
    // that holds one holds this substring.
    let theirs_hyphen = format!("{theirs_prefix}-");
    for (key, prose) in from_doc.document.prose() {
        // A docket number that could be reported is rare in prose: looking for one first spares
        // the other values the sentence split and the lower-casing of each sentence. Docket
        // numbers never span a period, so those of the value are those of its sentences.
        if !prose.value.contains(&theirs_hyphen) || !dockets(&prose.value).iter().any(|(_, docket)| candidate(docket)) {
            continue;
        }
        let origin = ValueOrigin::new(source, prose.span.clone(), &prose.value);
        for range in super::written_dates::sentences(&prose.value) {
            let sentence = &prose.value[range.clone()];
            let lower = sentence.to_lowercase();
            if !names.iter().any(|n| lower.contains(n)) || not.iter().any(|n| lower.contains(n)) {
                continue;
            }
            for (at, docket) in dockets(sentence) {
                if !candidate(docket) {
                    continue;
                }
                let span = origin.range(range.start + at.start..range.start + at.end);
                out.push(
                    Finding::new(
                        format!(
                            "{} cites docket {docket} for {}, whose docket is {}",
                            kind(&from_doc.document),
                            kind(&other_doc.document),
                            theirs.value.trim()
                        ),
                        cx.label(from_doc.file, span, format!("in `{key}`")),
                    )
                    .with_label(cx.label(other_doc.file, theirs.span.clone(), "its docket"))
                    .with_help("cite the other document by the docket number it is filed under"),
                );
            }
        }
    }
}

/// Compares the people of every SORN with those of its exemption rules.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, _, _) in cx.sorns() {
        let rules = cx.exemption_rules_of(index);
        if rules.is_empty() {
            continue;
        }
        let mut named = people(cx, index);
        for (rule, _, r) in &rules {
            named.extend(people(cx, *rule));
            let notice: &[&str] = &["system of records notice", "sorn", " notice "];
            let earlier: &[&str] = &["proposed rulemaking", "nprm"];
            citation_dates(cx, *rule, index, notice, earlier, out);
            citation_dockets(cx, *rule, index, notice, earlier, out);
            let stage: &[&str] = match r.stage.value {
                crate::model::Stage::Final => &["final rule"],
                crate::model::Stage::Proposed => &["proposed rulemaking", "proposed rule", "nprm"],
            };
            citation_dates(cx, index, *rule, stage, &[], out);
            citation_dockets(cx, index, *rule, stage, &[], out);
        }
        let mut groups: BTreeMap<(String, String), Vec<&Named<'_>>> = BTreeMap::new();
        for n in &named {
            if let Some(key) = person_key(&n.name.value) {
                groups.entry(key).or_default().push(n);
            }
        }
        for group in groups.values().filter(|g| g.iter().any(|n| n.sorn) && g.iter().any(|n| !n.sorn)) {
            spellings(cx, group, out);
            contact_fields(cx, group, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{cites, digits, dockets, has_fr_citation, person_key};

    #[test]
    fn every_citation_cites_accepts_passes_the_byte_scan() {
        let names = &["notice"];
        for sentence in ["the notice at 81 FR 52700", "the notice at 81 fr 52700.", "the notice (81 Fr 52700)"] {
            assert!(cites(sentence, names, &[]), "{sentence}");
            assert!(has_fr_citation(sentence), "{sentence}");
        }
        for text in ["FR 52700", "81 FR page 52700", "81 FRS 52700", "the Federal Register"] {
            assert!(!has_fr_citation(text), "{text}");
            assert!(!cites(text, names, &[]), "{text}");
        }
    }

    #[test]
    fn dockets_in_the_regulations_gov_form() {
        let found: Vec<&str> =
            dockets("the SORN (Docket No. DHS-2016-0053), and DOD-2016-HA-0042.").into_iter().map(|(_, d)| d).collect();
        assert_eq!(found, ["DHS-2016-0053", "DOD-2016-HA-0042"]);
        assert!(dockets("DHS/ICE-015, 81 FR 52700, 9111-28, E.O. 2016-1, DHS 2016-0053, Dhs-2016-0053").is_empty());
    }

    #[test]
    fn one_person_two_spellings() {
        assert_eq!(person_key("Jonathan R. Cantor"), person_key("Jonathan Cantor"));
        assert_eq!(person_key("Cantor, Jonathan"), Some(("cantor".into(), "jonathan".into())));
        assert_eq!(person_key("Philip S. Kaplan, Jr."), person_key("Philip Kaplan"));
        assert_ne!(person_key("Jonathan Cantor"), person_key("Karen Neuman"));
        assert_eq!(person_key("Cantor"), None);
        assert_eq!(digits("(202-732-3300)"), digits("(202) 732-3300"));
    }
}
