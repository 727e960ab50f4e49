//! Parts shared by every kind of Federal Register document sorn writes: the issuing agency, the
//! preamble, contacts, exemption claims, the signature and the FR Doc line.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::cited::{Cited, CitedAuthority, Provisions};
use super::date::{SourceDate, SourceDateTime};
use super::located::Loc;
use crate::statute::{Authority, Subsection};

/// Prose: a Markdown string with its place in the source.
///
/// Prose may use placeholders such as `{system}` that sorn fills in from structured facts (see
/// [`crate::model::placeholders`]); write `{{` and `}}` for literal braces.
pub type Prose = Loc<String>;

/// The agency that issues the document (first heading lines, 1 CFR 21.16 and 22.1).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    /// Full name of the department or agency, e.g. "Department of Homeland Security". Printed in
    /// capitals as the first heading line.
    pub name: Loc<String>,
    /// Its abbreviation, e.g. "DHS". Used in generated sentences such as the words of issuance.
    pub abbreviation: Option<Loc<String>>,
    /// The issuing bureau or office, printed on the line under the agency, e.g. "Office of the Secretary".
    pub subagency: Option<Loc<String>>,
}

/// How the person to contact is written in FOR FURTHER INFORMATION CONTACT.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// What to contact this person about, completing "For ..., please contact:", e.g. "general questions".
    pub topic: Option<Loc<String>>,
    /// Name of the contact person.
    pub name: Option<Loc<String>>,
    /// Title of the contact person.
    pub title: Option<Loc<String>>,
    /// Telephone number as it should be printed, e.g. "(202) 732-3300".
    pub phone: Option<Loc<String>>,
    /// Office and business address, e.g. "Privacy Office, Department of Homeland Security, Washington, DC 20528".
    pub address: Option<Loc<String>>,
    /// Email address.
    pub email: Option<Loc<String>>,
    /// Free text used instead of the structured fields, for contacts that follow no pattern.
    pub text: Option<Prose>,
}

/// A caption the agency adds inside the preamble after ADDRESSES, e.g. "Instructions" or "Docket".
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ExtraCaption {
    /// The caption, printed in capitals followed by a colon.
    pub caption: Loc<String>,
    /// Its text (Markdown).
    pub text: Prose,
}

/// The preamble of a Federal Register document (1 CFR 18.12): the captions from AGENCY to
/// SUPPLEMENTARY INFORMATION, and the identifying lines above them.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Preamble {
    /// Billing code, e.g. "9111-28" or "6820-34-P"; printed as "BILLING CODE 9111-28".
    pub billing_code: Option<Loc<String>>,
    /// Agency docket number, printed in brackets as "[Docket No. DHS-2016-0053]"; available to prose as `{docket}`.
    pub docket: Option<Loc<String>>,
    /// The bracketed identifying line as printed, without the brackets, when it is not "Docket No.
    /// {docket}", e.g. "Notice-ID-2019-01; Docket No. 2019-0002; Sequence No. 27" or "Docket ID:
    /// DOD-2016-HA-0042". Printed instead of the line generated from `docket`.
    pub bracket_line: Option<Loc<String>>,
    /// Regulation Identifier Number for rules, e.g. "RIN 1601-AA00" (written without "RIN").
    pub rin: Option<Loc<String>>,
    /// The subject line, when it should differ from the one sorn derives from the document kind and system.
    pub subject: Option<Prose>,
    /// Text of the AGENCY: caption, e.g. "Department of Homeland Security (DHS), Privacy Office."
    pub agency: Option<Prose>,
    /// Text of the ACTION: caption, when it should differ from the conventional one for the document.
    pub action: Option<Prose>,
    /// SUMMARY: a plain-language statement of the action, why it is needed and its effect.
    pub summary: Option<Prose>,
    /// Days after publication until comments are due; the DATES caption states the date.
    pub comment_days: Option<Loc<u32>>,
    /// Days after publication until the document takes effect (0: on publication).
    pub effective_days: Option<Loc<u32>>,
    /// The DATES text, when the generated sentences do not fit. Placeholders `{comments_due}`,
    /// `{effective}` and `{published}` give the dates (or the Federal Register placeholders).
    pub dates: Option<Prose>,
    /// ADDRESSES: how to submit comments. Markdown; lists allowed.
    pub addresses: Option<Prose>,
    /// Further captions printed after ADDRESSES, e.g. Instructions and Docket.
    #[serde(default)]
    pub address_captions: Vec<ExtraCaption>,
    /// FOR FURTHER INFORMATION CONTACT, one entry per person.
    #[serde(default)]
    #[schemars(schema_with = "super::shared::items_or_reference::<Contact>")]
    pub contacts: Vec<Contact>,
    /// SUPPLEMENTARY INFORMATION: background and explanation (Markdown, with headings).
    pub supplementary: Option<Prose>,
}

/// Where the signature stands in a notice or rule.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum SignaturePlacement {
    /// After the last caption of the document (FERC, FHFA, DHS practice).
    #[default]
    End,
    /// At the end of SUPPLEMENTARY INFORMATION, before the system text (GSA, DoD practice); in
    /// a rule, after the List of Subjects and before the words of issuance (VA, SSA practice).
    BeforeSystem,
}

/// The signature block (1 CFR 18.7: the signer's name and title are typed under the signature).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Signature {
    /// The date signed, printed as "Dated: August 3, 2016."
    pub dated: Option<Loc<SourceDate>>,
    /// The signer's name.
    pub name: Loc<String>,
    /// The signer's title, one line per entry, e.g. ["Acting Chief Privacy Officer", "Department of Homeland Security"].
    pub title: Vec<Loc<String>>,
    /// Lines printed before the name, e.g. "By order of the Board of Directors."
    #[serde(default)]
    pub before: Vec<Loc<String>>,
    /// Where the signature stands.
    #[serde(default)]
    pub placement: SignaturePlacement,
}

/// How the FR Doc line is written.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum FrDocStyle {
    /// The printed Federal Register: "[FR Doc. 2016-18810 Filed 8-8-16; 8:45 am]".
    #[default]
    Print,
    /// The public-inspection and online text: "[FR Doc. 2016-18810 Filed: 8/8/2016 8:45 am; Publication Date: 8/9/2016]".
    PublicInspection,
}

/// The FR Doc line the Office of the Federal Register adds when the document is filed.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrDoc {
    /// The FR document number, e.g. "2016-18810".
    pub number: Loc<String>,
    /// When the document was filed for public inspection, e.g. 2016-08-08T08:45:00.
    pub filed: Loc<SourceDateTime>,
    /// The publication date printed in the public-inspection style.
    pub publication_date: Option<Loc<SourceDate>>,
    /// Print or public-inspection style.
    #[serde(default)]
    pub style: FrDocStyle,
}

/// One exemption claim: the provisions of 5 U.S.C. 552a exempted under one authority.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// The exemption authority, "(j)(2)" or "(k)(1)" ... "(k)(7)".
    #[schemars(with = "AuthorityText")]
    pub authority: CitedAuthority,
    /// The exempted provisions, e.g. ["(c)(3)", "(d)", "(e)(4)(G) through (I)"].
    pub subsections: Provisions,
}

impl Claim {
    /// A claim built in code.
    pub fn of(authority: Authority, subsections: &[Subsection]) -> Self {
        Claim {
            authority: Loc::synthetic(Cited::typed(authority, authority.to_string())),
            subsections: Provisions::of(subsections),
        }
    }

    /// The authority, when it is one the Act grants.
    pub fn authority(&self) -> Option<Authority> {
        self.authority.value.get().copied()
    }
}

/// A citation of 5 U.S.C. 552a such as "(e)(4)(G)".
#[derive(JsonSchema)]
#[schemars(
    transparent,
    description = "A provision of 5 U.S.C. 552a, e.g. (c)(3), (d), (e)(4)(G), or a range of sibling provisions, e.g. (e)(4)(G) through (I)."
)]
pub struct CitationText(
    #[schemars(regex(
        pattern = r"^\s*(552a)?\([a-w]\)(\s*\(([0-9]{1,2}|[A-Z]|[ivx]+|[IVX]+)\))*(\s*(through|–|—|-)\s*(\(([a-w]|[0-9]{1,2}|[A-Z]|[ivx]+|[IVX]+)\))+)?\s*$"
    ))]
    pub String,
);

/// An exemption authority of 5 U.S.C. 552a: (j)(1), (j)(2), (k)(1) ... (k)(7).
#[derive(JsonSchema)]
#[schemars(transparent, description = "An exemption authority: (j)(1), (j)(2), (k)(1) ... (k)(7).")]
pub struct AuthorityText(#[schemars(regex(pattern = r"^\s*(552a)?\((j\)\([12]|k\)\([1-7])\)\s*$"))] pub String);

/// The exemptions a document states for the system: who exempts, under which authorities, from what.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Exemptions {
    /// Who exempts the system, as the sentence names them, e.g. "the Secretary of Homeland Security".
    pub official: Option<Loc<String>>,
    /// The claim sentences in the agency's own words (Markdown; placeholders allowed), printed
    /// instead of the sentences sorn generates from `official` and `claims`, e.g. "The Attorney
    /// General has exempted this system from subsections (c)(3) and (4); (d); ... of the Privacy
    /// Act pursuant to 5 U.S.C. 552a(j)(2)." The checks still read `claims`; the
    /// `claims-wording` rule checks that this text states exactly those claims.
    pub wording: Option<Prose>,
    /// The claims, one per authority.
    #[serde(default)]
    pub claims: Vec<Claim>,
    /// Text after the claim sentences (e.g. about records received from other systems).
    pub note: Option<Prose>,
    /// The whole caption text, for a system with no claims ("None.").
    pub text: Option<Prose>,
}

/// Text `sorn import` found in a published document but could not place in any field. It is kept so
/// that nothing is lost, is never rendered, and is reported as a warning on every import; move it
/// into the right field (or delete it) and remove the entry.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Unplaced {
    /// Where the text stood, as the key of the field it followed, e.g. "system.location".
    pub after: Loc<String>,
    /// Its line in the imported document (1-based).
    pub line: Option<Loc<u32>>,
    /// The text, as Markdown.
    pub text: Loc<String>,
}
