//! The name of a system of records, and the forms in which notices spell it.
//!
//! A notice names its system many times: in the subject line, the summary, the system name caption,
//! the exemption rule's paragraph. Hand-typed, these drift ("DHS/ICE-015", "DHS/ ICE-015",
//! "DHS/ICE—015"); sorn stores the identifier and name once and generates every form.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::located::Loc;

/// Identifier, name, and the spelled-out forms of the identifier's abbreviations.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SystemName {
    /// The system identifier, e.g. "DHS/ICE-015", "GSA/OGP-1", "FHFA-14".
    pub id: Loc<String>,
    /// The system's name as it follows the identifier, e.g. "LeadTrac System of Records".
    pub name: Loc<String>,
    /// What stands between identifier and name: " " gives "DHS/ICE-015 LeadTrac System of Records",
    /// ", " gives "GSA/OGP-1, e-Rulemaking Program Administrative System". Default " ".
    pub separator: Option<Loc<String>>,
    /// How the system name caption writes identifier and name when not as identifier, separator,
    /// name, with `{id}` and `{name}` standing for them: "{name} ({id})" gives "Commission's
    /// Employees Indebtedness Cases Files (FERC 22)"; "{name}" leaves the identifier out (a legacy
    /// notice that prints it on a line of its own). `{{` and `}}` are literal braces. Running text
    /// (`{system}`) is not affected.
    pub form: Option<Loc<String>>,
    /// Long forms of the abbreviations in the identifier, used where a notice spells the identifier
    /// out: { DHS = "Department of Homeland Security", ICE = "U.S. Immigration and Customs Enforcement" }.
    #[serde(default)]
    pub abbreviations: BTreeMap<String, Loc<String>>,
}

impl SystemName {
    /// "DHS/ICE-015 LeadTrac System of Records": the form used in running text.
    pub fn full(&self) -> String {
        self.compose(&self.id.value)
    }

    /// Identifier (in the given spelling), separator, name.
    fn compose(&self, id: &str) -> String {
        format!("{id}{}{}", self.separator(), self.name.value)
    }

    /// The text of the system name caption: the form filled in, or [`SystemName::full`].
    pub fn caption(&self) -> String {
        match &self.form {
            Some(form) => fill_form(&form.value, &self.id.value, &self.name.value),
            None => self.full(),
        }
    }

    fn separator(&self) -> &str {
        self.separator.as_ref().map_or(" ", |s| s.value.as_str())
    }

    /// "Department of Homeland Security (DHS)/U.S. Immigration and Customs Enforcement (ICE)-015":
    /// every known abbreviation spelled out with the abbreviation in parentheses.
    pub fn id_long(&self) -> String {
        self.expand_id(|long, short| format!("{long} ({short})"))
    }

    /// "Department of Homeland Security/U.S. Immigration and Customs Enforcement-015": every known
    /// abbreviation spelled out, as subject lines of exemption rules print it.
    pub fn id_spelled(&self) -> String {
        self.expand_id(|long, _| long.to_string())
    }

    /// The full name with the identifier in its long form.
    pub fn full_long(&self) -> String {
        self.compose(&self.id_long())
    }

    /// The full name with the identifier spelled out (subject lines).
    pub fn full_spelled(&self) -> String {
        self.compose(&self.id_spelled())
    }

    /// Replaces each alphabetic token of the identifier that has a long form.
    fn expand_id(&self, form: impl Fn(&str, &str) -> String) -> String {
        let id = self.id.value.as_str();
        let mut out = String::with_capacity(id.len() * 4);
        let mut token = String::new();
        let flush = |token: &mut String, out: &mut String| {
            if token.is_empty() {
                return;
            }
            match self.abbreviations.get(token.as_str()) {
                Some(long) => out.push_str(&form(&long.value, token)),
                None => out.push_str(token),
            }
            token.clear();
        };
        for ch in id.chars() {
            if ch.is_alphanumeric() {
                token.push(ch);
            } else {
                flush(&mut token, &mut out);
                out.push(ch);
            }
        }
        flush(&mut token, &mut out);
        out
    }
}

/// The form with `{id}` and `{name}` filled in; `{{` and `}}` are literal braces, any other brace
/// stays as written.
pub fn fill_form(form: &str, id: &str, name: &str) -> String {
    let mut out = String::with_capacity(form.len() + id.len() + name.len());
    let mut rest = form;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if let Some(r) = tail.strip_prefix("{{") {
            out.push('{');
            rest = r;
        } else if let Some(r) = tail.strip_prefix("}}") {
            out.push('}');
            rest = r;
        } else if let Some(r) = tail.strip_prefix("{id}") {
            out.push_str(id);
            rest = r;
        } else if let Some(r) = tail.strip_prefix("{name}") {
            out.push_str(name);
            rest = r;
        } else {
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// What is wrong with a form, if anything: it must name the system and use no other placeholder.
pub fn form_error(form: &str) -> Option<String> {
    let mut rest = form;
    let mut named = false;
    while let Some(i) = rest.find(['{', '}']) {
        let tail = &rest[i..];
        let len = if tail.starts_with("{{") || tail.starts_with("}}") {
            2
        } else if tail.starts_with("{id}") {
            4
        } else if tail.starts_with("{name}") {
            named = true;
            6
        } else {
            let end = tail.find('}').map_or(tail.len(), |e| e + 1);
            return Some(format!("`{}` is not `{{id}}` or `{{name}}`", &tail[..end]));
        };
        rest = &tail[len..];
    }
    (!named).then(|| "the form does not contain `{name}`".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leadtrac() -> SystemName {
        let mut abbreviations = BTreeMap::new();
        abbreviations.insert("DHS".into(), Loc::synthetic("Department of Homeland Security".into()));
        abbreviations.insert("ICE".into(), Loc::synthetic("U.S. Immigration and Customs Enforcement".into()));
        SystemName {
            id: Loc::synthetic("DHS/ICE-015".into()),
            name: Loc::synthetic("LeadTrac System of Records".into()),
            separator: None,
            form: None,
            abbreviations,
        }
    }

    #[test]
    fn forms_of_the_name() {
        let s = leadtrac();
        assert_eq!(s.full(), "DHS/ICE-015 LeadTrac System of Records");
        assert_eq!(
            s.id_long(),
            "Department of Homeland Security (DHS)/U.S. Immigration and Customs Enforcement (ICE)-015"
        );
        assert_eq!(
            s.full_spelled(),
            "Department of Homeland Security/U.S. Immigration and Customs Enforcement-015 LeadTrac System of Records"
        );
    }

    #[test]
    fn separator_and_unknown_abbreviations() {
        let s = SystemName {
            id: Loc::synthetic("GSA/OGP-1".into()),
            name: Loc::synthetic("e-Rulemaking Program Administrative System".into()),
            separator: Some(Loc::synthetic(", ".into())),
            form: None,
            abbreviations: BTreeMap::new(),
        };
        assert_eq!(s.full(), "GSA/OGP-1, e-Rulemaking Program Administrative System");
        assert_eq!(s.id_long(), "GSA/OGP-1");
    }

    #[test]
    fn forms_put_the_name_first_or_alone() {
        let mut s = leadtrac();
        s.form = Some(Loc::synthetic("{name} ({id})".into()));
        assert_eq!(s.caption(), "LeadTrac System of Records (DHS/ICE-015)");
        assert_eq!(s.full(), "DHS/ICE-015 LeadTrac System of Records", "running text keeps the identifier first");
        s.form = Some(Loc::synthetic("{name} (May 6, 2010, 75 FR 24928)".into()));
        assert_eq!(s.caption(), "LeadTrac System of Records (May 6, 2010, 75 FR 24928)");
        assert_eq!(fill_form("{{x}} {name}", "ID", "N"), "{x} N");
        assert_eq!(form_error("{name} ({id})"), None);
        assert!(form_error("({id})").is_some());
        assert!(form_error("{name} {system}").is_some());
    }
}
