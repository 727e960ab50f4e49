//! The system's identifier and name, the long forms of the identifier's abbreviations, and the
//! placeholders that stand for them in prose.

use std::collections::BTreeMap;

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
    let words: Vec<&str> = before.split_whitespace().collect();
    let mut letters: Vec<char> =
        abbr.chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_uppercase()).collect();
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
        add(system.id_long(), "system.id_long");
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
