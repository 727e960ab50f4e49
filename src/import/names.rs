//! The system's identifier and name, the long forms of the identifier's abbreviations, and the
//! placeholders that stand for them in prose.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::rich::{MarkKind, Rich};
use crate::model::{Loc, SystemName};

/// An identifier and name split out of one string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameParts {
    /// "DHS/ICE-015".
    pub id: String,
    /// What stands between them when it is not a single space: ", ".
    pub separator: Option<String>,
    /// "LeadTrac System of Records".
    pub name: String,
    /// Whether the text gave the name first ("Name, ID").
    pub id_last: bool,
}

fn code_like(token: &str) -> bool {
    let t = token.trim_end_matches([',', ':', ';', '.']);
    !t.is_empty()
        && !t.starts_with(['(', '"', '\u{201c}'])
        && t.chars().any(|c| c.is_alphanumeric())
        && (!t.chars().any(char::is_lowercase) || t.contains('/') || t.chars().any(|c| c.is_ascii_digit()))
}

fn has_digit(token: &str) -> bool {
    token.chars().any(|c| c.is_ascii_digit())
}

/// Splits "DHS/ICE-015 LeadTrac System of Records", "GSA/OGP-1, e-Rulemaking Program
/// Administrative System." or "HHS/CMS 09-70-0520 Medicare ..." into identifier and name.
pub fn split_id_name(text: &str) -> Option<NameParts> {
    let text = text.trim().trim_end_matches('.').trim();
    let tokens: Vec<(usize, &str)> = text
        .split(' ')
        .scan(0usize, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    let run = tokens.iter().take_while(|(_, w)| code_like(w)).count();
    if run > 0 && run < tokens.len() {
        let end = match tokens[..run].iter().position(|(_, w)| has_digit(w)) {
            Some(k) => {
                let mut e = k;
                while e + 1 < run && has_digit(tokens[e + 1].1) && !tokens[e].1.ends_with([',', ':']) {
                    e += 1;
                }
                Some(e)
            }
            None if tokens[0].1.contains('/') => Some(0),
            None => None,
        };
        if let Some(end) = end {
            let mut id = String::new();
            for (i, (_, w)) in tokens[..=end].iter().enumerate() {
                let w = if i == end { w.trim_end_matches([',', ':', ';']) } else { w };
                if !id.is_empty() && !id.ends_with(['/', '-']) && !w.starts_with('-') {
                    id.push(' ');
                }
                id.push_str(w);
            }
            let last = tokens[end];
            let name_start = tokens[end + 1].0;
            let id_end = last.0 + last.1.trim_end_matches([',', ':', ';']).len();
            let sep = &text[id_end..name_start];
            let name = text[name_start..].trim().to_string();
            return Some(NameParts { id, separator: (sep != " ").then(|| sep.to_string()), name, id_last: false });
        }
    }
    // "Name, ID": the identifier after the last comma.
    let comma = text.rfind(", ")?;
    let tail = text[comma + 2..].trim();
    if !tail.contains(' ') && code_like(tail) && has_digit(tail) {
        return Some(NameParts {
            id: tail.to_string(),
            separator: Some(", ".into()),
            name: text[..comma].trim().to_string(),
            id_last: true,
        });
    }
    None
}

/// "Name (ID)": an identifier in parentheses after the name, as FERC and VA print it
/// ("Commission's Employees Indebtedness Cases Files (FERC 22)").
pub fn split_name_paren_id(text: &str) -> Option<NameParts> {
    let text = text.trim().trim_end_matches('.').trim();
    let inner = text.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let id = inner[open + 1..].trim();
    // "“Veterans Legacy Memorial (VLM)--VA” (211VA0474)": the quotation marks are not the name's.
    let quoted = inner[..open].trim();
    let name = quoted
        .strip_prefix(['"', '\u{201c}'])
        .and_then(|n| n.strip_suffix(['"', '\u{201d}']))
        .filter(|n| !n.contains(['"', '\u{201c}', '\u{201d}']))
        .unwrap_or(quoted)
        .trim();
    let tokens: Vec<&str> = id.split_whitespace().collect();
    let id_like = !tokens.is_empty()
        && tokens.len() <= 5
        && tokens.iter().all(|t| code_like(t))
        && has_digit(id)
        && (tokens.iter().any(|t| t.chars().any(char::is_uppercase)) || numbered(id))
        && !FR_CITE.is_match(id);
    (id_like && !name.is_empty() && !name.ends_with([',', '('])).then(|| NameParts {
        id: id.to_string(),
        separator: None,
        name: name.to_string(),
        id_last: true,
    })
}

/// A number in groups, as the Department of Education ("18-11-05"), HHS ("09-90-0003") and SSA
/// ("60-0388") number their systems; a range of years ("2010-2015") is not one.
fn numbered(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    groups.len() >= 2
        && groups[0].len() == 2
        && groups.iter().all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()))
}

static LONG_SEGMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[A-Z][A-Za-z.,&'\u{2019} -]*?\s\(([A-Z][A-Za-z&]*[A-Z])\)").expect("valid pattern")
});

/// An identifier printed in its long form at the start of a name, as DHS and DOT print it:
/// "Department of Homeland Security (DHS)/ALL-025 Law Enforcement …" → ("DHS/ALL-025 Law
/// Enforcement …", "Department of Homeland Security (DHS)/ALL-025"), and "Department of
/// Transportation (DOT)/Federal Motor Carrier Safety Administration (FMCSA) 009, National
/// Registry" → ("DOT/FMCSA 009, National Registry", "… (FMCSA) 009"). The second is the prefix as
/// printed, up to the end of the identifier's number.
pub fn compress_long_id(text: &str) -> Option<(String, String)> {
    let mut short = String::new();
    let mut rest = text;
    let mut consumed = 0;
    while let Some(caps) = LONG_SEGMENT.captures(rest) {
        let whole = caps.get(0)?.end();
        short.push_str(&caps[1]);
        consumed += whole;
        rest = &rest[whole..];
        match rest.strip_prefix('/') {
            Some(after) => {
                short.push('/');
                consumed += 1;
                rest = after;
            }
            None => break,
        }
    }
    if short.is_empty() || !short.contains('/') && !rest.starts_with([' ', '-']) {
        return None;
    }
    let compressed = format!("{short}{rest}");
    let parts = split_id_name(&compressed)?;
    // The printed prefix ends where the identifier's last token ends in the text.
    let tail = parts.id.rsplit([' ', '/', '-']).next().unwrap_or(&parts.id);
    let end = consumed + rest.find(tail).map(|i| i + tail.len())?;
    Some((compressed, text[..end].to_string()))
}

static TRAILING_CITE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r",\s*\d{1,3}\s+FR\s+\d+(?:\s*\([^()]*\))?\.?$").expect("valid pattern"));

static FR_CITE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b\d{1,3}\s+FR\s+\d+").expect("valid pattern"));

/// Splits off a trailing parenthetical that cites the Federal Register, as DoD alteration notices
/// write the name they alter: "Emergency Evacuation Tracking and Repatriation (April 14, 2009, 74 FR
/// 17173)." → ("Emergency Evacuation Tracking and Repatriation", " (April 14, 2009, 74 FR 17173).").
pub fn split_cite_suffix(text: &str) -> (&str, &str) {
    let t = text.trim();
    // "Name (OPM/Central-9), 57 FR 23130 (June 1, 1992).": the citation after a comma.
    if let Some(m) = TRAILING_CITE.find(t)
        && m.start() > 0
    {
        return (&t[..m.start()], &t[m.start()..]);
    }
    let body = t.strip_suffix('.').unwrap_or(t);
    if let Some(inner) = body.strip_suffix(')')
        && let Some(open) = inner.rfind('(')
        && FR_CITE.is_match(&inner[open..])
        && !inner[..open].trim().is_empty()
    {
        let core = inner[..open].trim_end();
        return (core, &t[core.len()..]);
    }
    (t, "")
}

/// The form that writes `printed` from `id` and `name` (see [`SystemName::form`]): the name, and
/// the identifier where the text gives it, each replaced by its placeholder. `id_optional`: the
/// identifier was found elsewhere (its own line), so the text may leave it out.
pub fn derive_form(printed: &str, id: &str, name: &str, id_optional: bool) -> Option<String> {
    let printed = printed.trim();
    if name.is_empty() {
        return None;
    }
    let at = printed.find(name)?;
    let mut pieces: Vec<(usize, usize, &str)> = vec![(at, at + name.len(), "{name}")];
    let id_at = (!id.is_empty())
        .then(|| {
            let mut from = 0;
            while let Some(i) = printed[from..].find(id) {
                let start = from + i;
                if start + id.len() <= at || start >= at + name.len() {
                    return Some(start);
                }
                from = start + id.len();
            }
            None
        })
        .flatten();
    match id_at {
        Some(i) => pieces.push((i, i + id.len(), "{id}")),
        // Without the identifier, the caption is the name and what follows it ("." or the
        // citation of the notice altered); text before the name would be an identifier misspelt.
        None if (id.is_empty() || id_optional) && at == 0 => {}
        None => return None,
    }
    pieces.sort_by_key(|p| p.0);
    let escape = |t: &str| t.replace('{', "{{").replace('}', "}}");
    let mut form = String::new();
    let mut last = 0;
    for (start, end, holder) in pieces {
        form.push_str(&escape(&printed[last..start]));
        form.push_str(holder);
        last = end;
    }
    form.push_str(&escape(&printed[last..]));
    Some(form)
}

/// The alphabetic tokens of an identifier: "DHS/ICE-015" → DHS, ICE.
pub fn id_tokens(id: &str) -> Vec<String> {
    id.split(|c: char| !c.is_alphanumeric())
        .filter(|t| t.len() >= 2 && t.chars().all(|c| c.is_alphabetic()) && t.chars().any(char::is_uppercase))
        .map(str::to_string)
        .collect()
}

const CONNECTORS: &[&str] = &["and", "of", "for", "the", "on", "in", "to", "&", "de", "del"];

/// The long form written before "(ABBR)" at the end of `before`, if the words' initials spell the
/// abbreviation: "… the Department of Homeland Security" → "Department of Homeland Security".
pub fn long_form(before: &str, abbr: &str) -> Option<String> {
    let mut letters: Vec<char> =
        abbr.chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_uppercase()).collect();
    // Only the last few words can spell the abbreviation: read them from the end, never the whole
    // text before it (which would make a document with many abbreviations quadratic).
    let mut words: Vec<&str> = before.split_whitespace().rev().take(letters.len() * 2 + 5).collect();
    words.reverse();
    let mut start = None;
    let mut i = words.len();
    let limit = words.len().saturating_sub(letters.len() * 2 + 4);
    while i > limit && !letters.is_empty() {
        i -= 1;
        let raw = words[i];
        let word = raw.rsplit('/').next().unwrap_or(raw).trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
        if word.is_empty() {
            return None;
        }
        if CONNECTORS.contains(&word) {
            continue;
        }
        if !word.starts_with(|c: char| c.is_uppercase()) || word.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let initials: Vec<char> = word
            .split(['-', '.', '/'])
            .filter_map(|p| p.chars().next())
            .filter(|c| c.is_alphabetic())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if letters.ends_with(&initials) {
            letters.truncate(letters.len() - initials.len());
        } else if initials.first() == letters.last() {
            letters.pop();
        } else {
            return None;
        }
        start = Some(i);
        if raw.contains('/') {
            break;
        }
    }
    if !letters.is_empty() {
        return None;
    }
    let mut start = start?;
    if start > 0 && !words[start].contains('/') {
        let prev = words[start - 1];
        let prev = prev.rsplit('/').next().unwrap_or(prev);
        if prev == "U.S." {
            start -= 1;
        }
    }
    let mut parts: Vec<&str> = words[start..].to_vec();
    if let Some(first) = parts.first_mut() {
        *first = first.rsplit('/').next().unwrap_or(first);
    }
    Some(parts.join(" ").trim_matches(|c: char| !c.is_alphanumeric() && c != '.').to_string())
}

/// Learns the long forms of the identifier's abbreviations from "Long Form (ABBR)" in the texts;
/// the form written most often wins (the first on a tie).
pub fn learn_abbreviations(texts: &[&str], id: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for token in id_tokens(id) {
        let needle = format!("({token})");
        let mut votes: Vec<(String, usize)> = Vec::new();
        for text in texts {
            let mut from = 0;
            while let Some(i) = text[from..].find(&needle) {
                let at = from + i;
                if let Some(long) = long_form(&text[..at], &token) {
                    match votes.iter_mut().find(|(l, _)| *l == long) {
                        Some((_, n)) => *n += 1,
                        None => votes.push((long, 1)),
                    }
                }
                from = at + needle.len();
            }
        }
        let best = votes.iter().enumerate().max_by(|(ia, a), (ib, b)| a.1.cmp(&b.1).then(ib.cmp(ia)));
        if let Some((_, (long, _))) = best {
            out.insert(token, long.clone());
        }
    }
    out
}

/// Replaces "Long Form (ABBR)" and "Long Form" by "ABBR".
pub fn compress(text: &str, abbreviations: &BTreeMap<String, String>) -> String {
    let mut out = text.to_string();
    for (abbr, long) in abbreviations {
        out = out.replace(&format!("{long} ({abbr})"), abbr).replace(long, abbr);
    }
    out
}

/// The placeholders prose may use for the system and docket, with the text each renders to,
/// longest first; forms that render the same text keep the simplest name.
pub fn forms(system: &SystemName, docket: Option<&str>) -> Vec<(String, &'static str)> {
    let mut forms: Vec<(String, &'static str)> = Vec::new();
    let mut add = |text: String, name: &'static str| {
        if text.trim().len() >= 4 && !forms.iter().any(|(t, _)| *t == text) {
            forms.push((text, name));
        }
    };
    if !system.id.value.is_empty() {
        add(system.full(), "system");
        add(system.full_long(), "system.long");
        add(system.full_spelled(), "system.spelled");
        // Without long forms the identifier line is the identifier itself.
        let id_long = system.id_long();
        let name = if id_long == system.id.value { "system.id" } else { "system.id_long" };
        add(id_long, name);
    }
    if system.name.value.split_whitespace().count() >= 2 {
        add(system.name.value.clone(), "system.name");
    }
    if let Some(d) = docket {
        add(d.to_string(), "docket");
    }
    forms.sort_by_key(|(t, _)| std::cmp::Reverse(t.len()));
    forms
}

/// Marks every exact occurrence of each form, at word boundaries, as its placeholder.
pub fn apply(rich: &mut Rich, forms: &[(String, &'static str)]) {
    for (form, name) in forms {
        let mut from = 0;
        while let Some(i) = rich.text[from..].find(form.as_str()) {
            let start = from + i;
            let end = start + form.len();
            let before = rich.text[..start].chars().next_back();
            let after = rich.text[end..].chars().next();
            let boundary = before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric());
            if boundary {
                rich.add_mark(start..end, MarkKind::Placeholder(name));
            }
            from = end;
        }
    }
}

/// A [`SystemName`] from parts.
pub fn system_name(parts: &NameParts, abbreviations: &BTreeMap<String, String>) -> SystemName {
    SystemName {
        id: Loc::synthetic(parts.id.clone()),
        name: Loc::synthetic(parts.name.clone()),
        separator: parts.separator.clone().map(Loc::synthetic),
        form: None,
        abbreviations: abbreviations.iter().map(|(k, v)| (k.clone(), Loc::synthetic(v.clone()))).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_in_their_long_form() {
        let (compressed, printed) = compress_long_id(
            "Department of Homeland Security (DHS)/ALL-025 Law Enforcement Authority in Support of the Protection",
        )
        .unwrap();
        assert_eq!(compressed, "DHS/ALL-025 Law Enforcement Authority in Support of the Protection");
        assert_eq!(printed, "Department of Homeland Security (DHS)/ALL-025");
        let (compressed, printed) = compress_long_id(
            "Department of Transportation (DOT)/Federal Motor Carrier Safety Administration (FMCSA) 009, National \
             Registry of Certified Medical Examiners (National Registry)",
        )
        .unwrap();
        assert!(compressed.starts_with("DOT/FMCSA 009, National Registry"), "{compressed}");
        assert_eq!(
            printed,
            "Department of Transportation (DOT)/Federal Motor Carrier Safety Administration (FMCSA) 009"
        );
        let (compressed, _) = compress_long_id(
            "Department of Homeland Security (DHS)/U.S. Immigration and Customs Enforcement (ICE)-015 LeadTrac",
        )
        .unwrap();
        assert_eq!(compressed, "DHS/ICE-015 LeadTrac");
        assert_eq!(compress_long_id("National Registry of Examiners (National Registry)"), None);
        assert_eq!(compress_long_id("Travel Records"), None);
    }

    #[test]
    fn a_citation_after_the_name() {
        let (core, rest) =
            split_cite_suffix("Personnel Investigations Records (OPM/Central-9), 57 FR 23130 (June 1, 1992).");
        assert_eq!((core, rest), ("Personnel Investigations Records (OPM/Central-9)", ", 57 FR 23130 (June 1, 1992)."));
        assert_eq!(split_cite_suffix("Travel Records, DOT/ALL-8."), ("Travel Records, DOT/ALL-8.", ""));
    }

    #[test]
    fn numbered_identifiers_in_parentheses() {
        let p = split_name_paren_id("Title IV Program Files (18-11-05).").unwrap();
        assert_eq!((p.id.as_str(), p.name.as_str()), ("18-11-05", "Title IV Program Files"));
        assert_eq!(split_name_paren_id("Program Integrity Case Files (09-90-0003)").unwrap().id, "09-90-0003");
        assert!(split_name_paren_id("Survey Records (2010-2015)").is_none());
        let p = split_name_paren_id("\u{201c}Veterans Legacy Memorial (VLM)--VA\u{201d} (211VA0474).").unwrap();
        assert_eq!((p.id.as_str(), p.name.as_str()), ("211VA0474", "Veterans Legacy Memorial (VLM)--VA"));
    }

    fn parts(text: &str) -> (String, Option<String>, String) {
        let p = split_id_name(text).unwrap();
        (p.id, p.separator, p.name)
    }

    #[test]
    fn identifiers_and_names() {
        assert_eq!(
            parts("DHS/ICE-015 LeadTrac System of Records"),
            ("DHS/ICE-015".into(), None, "LeadTrac System of Records".into())
        );
        assert_eq!(
            parts("DHS/ ICE-015 LeadTrac System of Records"),
            ("DHS/ICE-015".into(), None, "LeadTrac System of Records".into())
        );
        assert_eq!(
            parts("GSA/OGP-1, e-Rulemaking Program Administrative System."),
            ("GSA/OGP-1".into(), Some(", ".into()), "e-Rulemaking Program Administrative System".into())
        );
        assert_eq!(
            parts("HHS/CMS 09-70-0520 Medicare Beneficiary Database"),
            ("HHS/CMS 09-70-0520".into(), None, "Medicare Beneficiary Database".into())
        );
        assert_eq!(parts("FHFA-14 Privacy Act Requests"), ("FHFA-14".into(), None, "Privacy Act Requests".into()));
        assert_eq!(parts("DHS/ICE-015 TECS System"), ("DHS/ICE-015".into(), None, "TECS System".into()));
        let last = split_id_name("Federal Docket Management System, EPA-GOVT-2").unwrap();
        assert!(last.id_last);
        assert_eq!(last.id, "EPA-GOVT-2");
        assert!(split_id_name("Payroll records of employees").is_none());
    }

    #[test]
    fn names_first_and_identifiers_in_parentheses() {
        let p = split_name_paren_id("Commission's Employees Indebtedness Cases Files (FERC 22).").unwrap();
        assert_eq!((p.id.as_str(), p.name.as_str()), ("FERC 22", "Commission's Employees Indebtedness Cases Files"));
        let p = split_name_paren_id("Compensation, Pension, Education Records\u{2014}VA (58 VA 21/22/28)").unwrap();
        assert_eq!(p.id, "58 VA 21/22/28");
        assert!(split_name_paren_id("Department of Defense Suicide Event Report (DoDSER) System").is_none());
        assert!(split_name_paren_id("Emergency Evacuation Tracking (April 14, 2009, 74 FR 17173)").is_none());
        assert!(split_name_paren_id("Records of the program (see below)").is_none());
    }

    #[test]
    fn federal_register_citations_after_the_name() {
        assert_eq!(
            split_cite_suffix("Emergency Evacuation Tracking and Repatriation (April 14, 2009, 74 FR 17173)."),
            ("Emergency Evacuation Tracking and Repatriation", " (April 14, 2009, 74 FR 17173).")
        );
        assert_eq!(
            split_cite_suffix("Department of Defense Suicide Event Report (DoDSER) System (May 6, 2010, 75 FR 24928)"),
            ("Department of Defense Suicide Event Report (DoDSER) System", " (May 6, 2010, 75 FR 24928)")
        );
        assert_eq!(split_cite_suffix("Emergency Notification System."), ("Emergency Notification System.", ""));
    }

    #[test]
    fn forms_from_the_printed_caption() {
        assert_eq!(derive_form("Files (FERC 22).", "FERC 22", "Files", false).as_deref(), Some("{name} ({id})."));
        assert_eq!(
            derive_form("Emergency Notification System.", "FHFA-14", "Emergency Notification System", true).as_deref(),
            Some("{name}.")
        );
        assert_eq!(
            derive_form("Emergency Notification System.", "FHFA-14", "Emergency Notification System", false),
            None
        );
        assert_eq!(derive_form("DHS/ ICE-015 LeadTrac", "DHS/ICE-015", "LeadTrac", false), None);
        assert_eq!(derive_form("DHS/ ICE-015 LeadTrac", "DHS/ICE-015", "LeadTrac", true), None);
        assert_eq!(derive_form("A {b} (X-1)", "X-1", "A", false).as_deref(), Some("{name} {{b}} ({id})"));
    }

    #[test]
    fn long_forms_from_initials() {
        assert_eq!(
            long_form("the Department of Homeland Security", "DHS").as_deref(),
            Some("Department of Homeland Security")
        );
        assert_eq!(
            long_form("Security (DHS)/U.S. Immigration and Customs Enforcement", "ICE").as_deref(),
            Some("U.S. Immigration and Customs Enforcement")
        );
        assert_eq!(
            long_form("General Services Administration", "GSA").as_deref(),
            Some("General Services Administration")
        );
        assert_eq!(
            long_form("(GSA), Office of Government-Wide Policy", "OGP").as_deref(),
            Some("Office of Government-Wide Policy")
        );
        assert_eq!(long_form("records kept by the agency", "DHS"), None);
    }

    #[test]
    fn abbreviations_by_vote() {
        let texts = [
            "Department of Homeland Security (DHS)/U.S. Immigration Customs Enforcement (ICE)-015",
            "the U.S. Immigration and Customs Enforcement (ICE) Headquarters",
            "by U.S. Immigration and Customs Enforcement (ICE), Homeland Security",
        ];
        let ab = learn_abbreviations(&texts, "DHS/ICE-015");
        assert_eq!(ab["DHS"], "Department of Homeland Security");
        assert_eq!(ab["ICE"], "U.S. Immigration and Customs Enforcement");
        assert_eq!(
            compress("Department of Homeland Security (DHS)/U.S. Immigration and Customs Enforcement (ICE)-015", &ab),
            "DHS/ICE-015"
        );
    }
}
