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
    /// Long forms of the abbreviations in the identifier, used where a notice spells the identifier
    /// out: { DHS = "Department of Homeland Security", ICE = "U.S. Immigration and Customs Enforcement" }.
    #[serde(default)]
    pub abbreviations: BTreeMap<String, Loc<String>>,
}

impl SystemName {
    /// "DHS/ICE-015 LeadTrac System of Records": the form used in running text.
    pub fn full(&self) -> String {
        format!("{}{}{}", self.id.value, self.separator(), self.name.value)
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
        format!("{}{}{}", self.id_long(), self.separator(), self.name.value)
    }

    /// The full name with the identifier spelled out (subject lines).
    pub fn full_spelled(&self) -> String {
        format!("{}{}{}", self.id_spelled(), self.separator(), self.name.value)
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
            abbreviations: BTreeMap::new(),
        };
        assert_eq!(s.full(), "GSA/OGP-1, e-Rulemaking Program Administrative System");
        assert_eq!(s.id_long(), "GSA/OGP-1");
    }
}
