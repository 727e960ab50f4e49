//! A Privacy Act exemption rule (5 U.S.C. 552a(j) and (k)), proposed or final.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{Agency, Claim, FrDoc, Preamble, Prose, Signature, Unplaced};
use super::date::SourceDate;
use super::located::Loc;
use super::system::SystemName;
use super::template::Stage;

/// An exemption rule source (`kind = "exemption-rule"`).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
#[schemars(title = "sorn Privacy Act exemption rule")]
pub struct ExemptionRule {
    /// Always "exemption-rule".
    #[schemars(schema_with = "rulekind_schema")]
    pub kind: Loc<String>,
    /// "proposed" (a notice of proposed rulemaking) or "final".
    pub stage: Loc<Stage>,
    /// The SORN of the system this rule exempts, as a path relative to this file.
    pub sorn: Option<Loc<String>>,
    /// Publication date in the Federal Register (dates certain instead of placeholders).
    pub published: Option<Loc<SourceDate>>,
    /// The issuing agency.
    pub agency: Agency,
    /// The preamble: AGENCY to SUPPLEMENTARY INFORMATION.
    #[serde(default)]
    pub notice: Preamble,
    /// The system the rule exempts, named as in its SORN.
    pub system: SystemName,
    /// The regulatory text: the CFR part amended and the words around the amendment.
    pub cfr: Cfr,
    /// The paragraph added to the agency's exemption appendix: description and claims.
    pub exemptions: RuleExemptions,
    /// The reasons for each exempted provision (5 U.S.C. 552a(j), (k): "the reasons why the system
    /// of records is to be exempted from a provision"), lettered (a), (b), ... in order.
    #[serde(default)]
    pub justifications: Vec<Justification>,
    /// The signature block.
    pub signature: Option<Signature>,
    /// The FR Doc line.
    pub fr_doc: Option<FrDoc>,
    /// Text an import could not place (never rendered; see `sorn import`).
    #[serde(default)]
    pub unplaced: Vec<Unplaced>,
}

fn rulekind_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "const": "exemption-rule", "description": "The kind of source." })
}

/// The CFR part the rule amends and where the system's paragraph goes.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Cfr {
    /// CFR title, e.g. 6.
    pub title: Loc<u32>,
    /// CFR part, e.g. "5".
    pub part: Loc<String>,
    /// CFR chapter, e.g. "I" (words of issuance: "amends chapter I of title 6").
    pub chapter: Option<Loc<String>>,
    /// Heading of the part, e.g. "DISCLOSURE OF RECORDS AND INFORMATION".
    pub part_heading: Option<Loc<String>>,
    /// List of Subjects terms (Federal Register Thesaurus), e.g. ["Freedom of information", "Privacy"].
    #[serde(default)]
    pub subjects: Vec<Loc<String>>,
    /// The part's authority citation, when the rule restates it as its first amendment.
    pub authority: Option<Prose>,
    /// The appendix that lists exempt systems, e.g. "C".
    pub appendix: Loc<String>,
    /// Heading of that appendix, e.g. "DHS Systems of Records Exempt From the Privacy Act".
    pub appendix_heading: Option<Loc<String>>,
    /// The number of the paragraph added for this system, e.g. 75.
    pub paragraph: Loc<u32>,
}

/// The exemption paragraph: what the system is, what is exempted, under which authority.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RuleExemptions {
    /// What the system holds and is used for, opening the paragraph.
    pub description: Option<Prose>,
    /// Who exempts the system, e.g. "the Secretary of Homeland Security".
    pub official: Option<Loc<String>>,
    /// The claim sentences in the agency's own words (Markdown; placeholders allowed), printed
    /// instead of the sentences sorn generates from `official` and `claims`, e.g. "Pursuant to 5
    /// U.S.C. 552a(k)(2), the Department has exempted this system from the following provisions
    /// of the Privacy Act: subsections (c)(3), (d), (e)(1), ... and (f)." The checks still read
    /// `claims`; the `claims-wording` rule checks that this text states exactly those claims.
    pub wording: Option<Prose>,
    /// The claims, one per authority.
    #[serde(default)]
    pub claims: Vec<Claim>,
    /// Text after the claim sentences.
    pub note: Option<Prose>,
    /// The sentence that introduces the lettered reasons.
    pub reasons_intro: Option<Prose>,
}

/// One lettered reason: "(a) From subsection (c)(3) and (4) (Accounting for Disclosures) because ...".
///
/// Either `subsections` (with an optional `heading`) or `covers` (several groups, each with its own
/// heading) names what it justifies.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Justification {
    /// The provisions this reason covers.
    #[schemars(with = "Option<Vec<super::common::CitationText>>")]
    pub subsections: Option<Vec<Loc<String>>>,
    /// The parenthetical heading after the citations, e.g. "Accounting for Disclosures".
    pub heading: Option<Loc<String>>,
    /// Several groups of provisions, each with its own heading.
    pub covers: Option<Vec<Cover>>,
    /// The reason, continuing the generated lead-in: "because ..." or "to the extent that ...".
    pub text: Prose,
}

/// A group of provisions with one parenthetical heading.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Cover {
    /// The provisions.
    #[schemars(with = "Vec<super::common::CitationText>")]
    pub subsections: Vec<Loc<String>>,
    /// Their parenthetical heading.
    pub heading: Option<Loc<String>>,
}

impl ExemptionRule {
    /// The identifier and name of the exempted system.
    pub fn system_name(&self) -> &SystemName {
        &self.system
    }
}

/// The letter of the justification at `index`, as the CFR numbers paragraphs: a ... z, then
/// aa, bb, ... (1 CFR 21.11).
pub fn justification_letter(index: usize) -> String {
    let ch = (b'a' + (index % 26) as u8) as char;
    std::iter::repeat_n(ch, index / 26 + 1).collect()
}

/// A justification's groups, however the source wrote them.
pub fn covers_of(j: &Justification) -> Vec<Cover> {
    let mut out = Vec::new();
    if let Some(subs) = &j.subsections {
        out.push(Cover { subsections: subs.clone(), heading: j.heading.clone() });
    }
    if let Some(covers) = &j.covers {
        out.extend(covers.iter().cloned());
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn letters_follow_the_cfr() {
        assert_eq!(super::justification_letter(0), "a");
        assert_eq!(super::justification_letter(8), "i");
        assert_eq!(super::justification_letter(25), "z");
        assert_eq!(super::justification_letter(26), "aa");
        assert_eq!(super::justification_letter(27), "bb");
    }
}
