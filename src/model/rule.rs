//! A Privacy Act exemption rule (5 U.S.C. 552a(j) and (k)), proposed or final.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::cited::Provisions;
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
    /// The issuing agency, or a reference to a library's or its SORN's.
    #[schemars(schema_with = "super::shared::or_reference::<Agency>")]
    pub agency: Agency,
    /// The preamble: AGENCY to SUPPLEMENTARY INFORMATION.
    #[serde(default)]
    pub notice: Preamble,
    /// The system the rule exempts, named as in its SORN (or taken from it by reference).
    #[schemars(schema_with = "super::shared::or_reference::<SystemName>")]
    pub system: SystemName,
    /// The regulatory text: the CFR part amended and the words around the amendment.
    pub cfr: Cfr,
    /// The paragraph that exempts the system (an appendix paragraph or a section paragraph):
    /// description and claims.
    pub exemptions: RuleExemptions,
    /// The reasons for each exempted provision (5 U.S.C. 552a(j), (k): "the reasons why the system
    /// of records is to be exempted from a provision"), lettered (a), (b), ... or numbered (1),
    /// (2), ... in order (`cfr.reasons`).
    #[serde(default)]
    #[schemars(schema_with = "super::shared::items_or_reference::<Justification>")]
    pub justifications: Vec<Justification>,
    /// Further systems the same rule exempts, each with its own paragraph, claims and reasons,
    /// after the one that `system`, `exemptions` and `justifications` describe (DHS adds several
    /// appendix paragraphs at once; DOJ and others exempt several systems in one section).
    #[serde(default)]
    pub systems: Vec<ExemptSystem>,
    /// SUPPLEMENTARY INFORMATION text after the claims and reasons, when the rule states them in
    /// the preamble (`exemptions.place = "preamble"`): `notice.supplementary` prints before them,
    /// this after them (the comments, the regulatory analyses).
    pub supplementary_after: Option<Prose>,
    /// The signature block, or a reference to a library's signer or its SORN's signature.
    #[serde(default)]
    #[schemars(schema_with = "super::shared::or_reference::<Signature>")]
    pub signature: Option<Signature>,
    /// The FR Doc line.
    pub fr_doc: Option<FrDoc>,
    /// Text an import could not place (never rendered; see `sorn import`).
    #[serde(default)]
    pub unplaced: Vec<Unplaced>,
}

/// A further system an exemption rule exempts (`[[systems]]`): its identity, its SORN, its
/// paragraph, its claims and the reasons for them.
///
/// The identity fields repeat those of [`SystemName`] rather than nesting it, for the reason
/// [`super::System`] gives: a flattened table would lose the spans diagnostics point at.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ExemptSystem {
    /// The system identifier, e.g. "DHS/ALL-001".
    pub id: Loc<String>,
    /// The system's name as it follows the identifier.
    pub name: Loc<String>,
    /// What stands between identifier and name (default " ").
    pub separator: Option<Loc<String>>,
    /// Long forms of the abbreviations in the identifier.
    #[serde(default)]
    pub abbreviations: std::collections::BTreeMap<String, Loc<String>>,
    /// The SORN of this system, as a path relative to this file.
    pub sorn: Option<Loc<String>>,
    /// Its paragraph: the appendix paragraph number (76) or the section paragraph designation
    /// ("(i)"), as `cfr.paragraph` is for the first system.
    pub paragraph: Option<Loc<Paragraph>>,
    /// The section paragraph that introduces its reasons, as `cfr.reasons_paragraph`.
    pub reasons_paragraph: Option<Loc<String>>,
    /// How its name prints where the rule lists it, with `{id}` and `{name}` (as `system.form`):
    /// "{name} ({id})" prints "Warrant Information Network (JUSTICE/USM-007)".
    pub form: Option<Loc<String>>,
    /// Listed in the paragraph of the system before it, with which it shares its claims and
    /// reasons: DOJ exempts several systems in one paragraph ("(a) The following systems of
    /// records are exempt from 5 U.S.C. 552a(c)(3) ...: (1) Name (ID). (2) Name (ID).") and
    /// justifies the exemptions once for all of them. Such a system has no paragraph, claims or
    /// reasons of its own; each check reads the shared ones for it.
    #[serde(default)]
    pub shares_paragraph: bool,
    /// Its exemption paragraph: description and claims.
    #[serde(default)]
    pub exemptions: RuleExemptions,
    /// The reasons for each provision it is exempted from.
    #[serde(default)]
    #[schemars(schema_with = "super::shared::items_or_reference::<Justification>")]
    pub justifications: Vec<Justification>,
}

impl ExemptSystem {
    /// Its name in the form the rest of the model uses.
    pub fn system_name(&self) -> SystemName {
        SystemName {
            id: self.id.clone(),
            name: self.name.clone(),
            separator: self.separator.clone(),
            form: self.form.clone(),
            abbreviations: self.abbreviations.clone(),
        }
    }
}

impl ExemptionRule {
    /// The rule once per system it exempts, each as a rule of that system alone (its identity,
    /// SORN link, paragraphs, claims and reasons in the places a one-system rule keeps them), so
    /// that whatever reads one system's claims reads every system's the same way. A rule of one
    /// system gives itself.
    pub fn per_system(&self) -> Vec<ExemptionRule> {
        if self.systems.is_empty() {
            return vec![self.clone()];
        }
        let mut first = self.clone();
        first.systems.clear();
        let mut out = vec![first.clone()];
        for s in &self.systems {
            // A system listed in the paragraph before it reads that paragraph's claims and reasons,
            // at their places in the source, so that what is found in them is found once.
            let mut view = if s.shares_paragraph { out.last().unwrap_or(&first).clone() } else { first.clone() };
            view.system = s.system_name();
            view.sorn = s.sorn.clone();
            if !s.shares_paragraph {
                view.cfr.paragraph = s.paragraph.clone();
                view.cfr.reasons_paragraph = s.reasons_paragraph.clone();
                view.exemptions = s.exemptions.clone();
                view.justifications = s.justifications.clone();
            }
            out.push(view);
        }
        out
    }

    /// The systems by the paragraph that exempts them: each group is a system with its own
    /// paragraph and the systems listed in it after it (`shares_paragraph`), as views of
    /// [`ExemptionRule::per_system`].
    pub fn paragraph_groups(&self) -> Vec<Vec<ExemptionRule>> {
        let mut groups: Vec<Vec<ExemptionRule>> = Vec::new();
        let views = self.per_system();
        let shared = std::iter::once(false).chain(self.systems.iter().map(|s| s.shares_paragraph));
        for (view, shares) in views.into_iter().zip(shared) {
            match groups.last_mut() {
                Some(group) if shares => group.push(view),
                _ => groups.push(vec![view]),
            }
        }
        groups
    }
}

fn rulekind_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({ "const": "exemption-rule", "description": "The kind of source." })
}

/// The CFR part the rule amends and where the system's paragraph goes: a numbered paragraph of an
/// appendix (DHS) or paragraphs of a section (DOJ, DoD, Treasury and most other agencies).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Cfr {
    /// CFR title, e.g. 6.
    pub title: Loc<u32>,
    /// CFR part, e.g. "5".
    pub part: Loc<String>,
    /// CFR chapter, e.g. "I" (words of issuance: "amends chapter I of title 6").
    pub chapter: Option<Loc<String>>,
    /// The words of issuance as the agency writes them, printed instead of the sentence sorn
    /// generates ("For the reasons stated in the preamble, DHS amends chapter I of title 6, Code
    /// of Federal Regulations, as follows:"), e.g. "Pursuant to the authority vested in the
    /// Attorney General by 5 U.S.C. 552a and delegated to me by Attorney General Order 2940-2008,
    /// 28 CFR part 16 is amended as follows:".
    pub issuance: Option<Prose>,
    /// Heading of the part, e.g. "DISCLOSURE OF RECORDS AND INFORMATION".
    pub part_heading: Option<Loc<String>>,
    /// List of Subjects terms (Federal Register Thesaurus), e.g. ["Freedom of information", "Privacy"].
    #[serde(default)]
    pub subjects: Vec<Loc<String>>,
    /// The part's authority citation, when the rule restates it as its first amendment.
    pub authority: Option<Prose>,
    /// The appendix that lists exempt systems, e.g. "C" (DHS: "Add paragraph 75 to appendix C to
    /// part 5"). A rule names either `appendix` or `section`.
    pub appendix: Option<Loc<String>>,
    /// Heading of that appendix, e.g. "DHS Systems of Records Exempt From the Privacy Act".
    pub appendix_heading: Option<Loc<String>>,
    /// The appendix's introduction, printed after its heading and before its numbered paragraphs
    /// when the rule adds the whole appendix (`amendment = "add-appendix"`): "This Appendix
    /// implements provisions of the Privacy Act of 1974 that permit the Department ... to exempt
    /// its systems of records from provisions of the Act. ..."
    pub appendix_intro: Option<Prose>,
    /// The subpart of the amended section, e.g. "E", printed with its heading before the
    /// instruction when `subpart_heading` is set ("Subpart E—Exemption of Records Systems Under the
    /// Privacy Act").
    pub subpart: Option<Loc<String>>,
    /// Heading of that subpart, e.g. "Exemption of Records Systems Under the Privacy Act".
    pub subpart_heading: Option<Loc<String>>,
    /// The section amended, e.g. "16.135" (DOJ: "Amend § 16.135 by adding paragraphs (g) and (h)";
    /// DoD, Treasury and others amend a section too). A rule names either `appendix` or `section`.
    pub section: Option<Loc<String>>,
    /// Heading of that section, printed after its number on its own line (1 CFR 21.20), e.g.
    /// "Exemption of Civil Rights Division Systems—limited access".
    pub section_heading: Option<Loc<String>>,
    /// The heading of the paragraph that holds the system's paragraph when that is a nested one
    /// (`paragraph = "(c)(1)"`), printed between the designations as the CFR prints a headed
    /// paragraph (1 CFR 21.11): "(c) *Specific exemptions.* (1) Pursuant to ...".
    pub paragraph_heading: Option<Loc<String>>,
    /// The paragraphs the instruction revises, when it both revises and adds (`amendment =
    /// "revise-and-add"`): "Amend § 5b.11 by revising paragraph (c)(1) and adding paragraph
    /// (c)(3)" revises ["(c)(1)"]; the rule's other paragraphs are added.
    #[serde(default)]
    pub revised: Vec<Loc<String>>,
    /// The paragraph that holds the system's claims: in an appendix its number (75, required), in
    /// a section its designation ("(g)"; none when the section has one undesignated paragraph).
    pub paragraph: Option<Loc<Paragraph>>,
    /// The paragraph of the section that introduces the reasons, e.g. "(h)" for "(h) Exemptions
    /// from the particular subsections are justified for the following reasons:". Without it the
    /// reasons' introduction is undesignated text after the claims paragraph.
    pub reasons_paragraph: Option<Loc<String>>,
    /// How the amendatory instruction amends the appendix or section: "add" (default for an
    /// appendix: "Add paragraph 75 to appendix C to part 5"; for a section: "Add § 310.52"),
    /// "amend-by-adding" (default for a section: "Amend § 16.135 by adding paragraphs (g) and
    /// (h)") or "revise" ("Revise § 16.135 to read as follows:").
    pub amendment: Option<Loc<Amendment>>,
    /// How the reasons are numbered: "letters" ((a), (b), ..., as DHS does), "numbers" ((1),
    /// (2), ..., as DOJ does under a designated reasons paragraph) or "roman" ((i), (ii), ..., as
    /// VA does under a numbered one). Default: "numbers" when
    /// `reasons_paragraph` is a letter, else "letters".
    pub reasons: Option<Loc<Numbering>>,
    /// How the section paragraph of each system is laid out: "paragraphs" (default: the claims in
    /// running text, then the reasons) or "dod-block" (the captioned block DoD adds to 32 CFR part
    /// 310 for each system: "(5) System identifier and name: ...", "(i) Exemption: ...", "(ii)
    /// Authority: ...", "(iii) Reasons: (A) From subsection (c)(3) because ...").
    pub form: Option<Loc<SectionForm>>,
    /// The captions of a DoD block where the rule prints them otherwise than "System identifier
    /// and name:", "Exemption:", "Authority:", "Reasons:" and "Exempt records from other
    /// systems:" (32 CFR 310.13 since 2019 ends them with a period: "Exemption.").
    pub block_captions: Option<BlockCaptions>,
    /// How a reason's lead-in cites the provisions: "expanded" (default: "(e)(4)(G), (e)(4)(H),
    /// and (e)(4)(I)", "subsection" before one item, as DHS prints them) or "compact" ("(e)(4)(G),
    /// (H), and (I)", "subsections" before more than one provision, as DOJ and DoD print them).
    pub citations: Option<Loc<Citations>>,
    /// How each reason opens: "from" (default: "(1) From subsection (c)(3) because ...") or
    /// "subsection" ("(1) Subsection (c)(3). To provide ...", as DOJ words some of its reasons);
    /// the reason's `text` continues it.
    pub leadin: Option<Loc<Leadin>>,
    /// The entries the rule adds to lists or tables of the section's paragraphs, when the section
    /// lists its exempt systems by authority (HHS 45 CFR 5b.11(b)(2)(i) lists the systems exempt
    /// under (j)(2), (ii) those under (k)(2); SSA 20 CFR 401.85(b)(2)(ii); Treasury's tables in
    /// 31 CFR 1.36): the regulatory text prints only the designations down to the list, with
    /// stars for the text it leaves unchanged, and the entry naming the system. The claims and
    /// reasons are then stated in the preamble (`exemptions.place = "preamble"`).
    #[serde(default)]
    pub entries: Vec<ListEntry>,
}

/// An entry a rule adds to the list (or table) of exempt systems in a section paragraph:
/// "(D) Criminal Investigative Files of the Inspector General, HHS/OS/OIG, 09-90-0003." added to
/// 45 CFR 5b.11(b)(2)(i), or the row "FinCEN .003 | Bank Secrecy Act Reports System." added to the
/// table in 31 CFR 1.36(g)(1)(i). The entry's text is the rule's system: "Name, ID." in a list;
/// in a table, the identifier under a "Number" head and the name under a "name" head.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ListEntry {
    /// The paragraph whose list or table the entry joins, e.g. "(b)(2)(i)".
    pub paragraph: Loc<String>,
    /// The entry's own designation in a list, e.g. "(D)"; none for a table row.
    pub designation: Option<Loc<String>>,
    /// The exemption authority the paragraph's list is exempt under, e.g. "(j)(2)": the
    /// paragraph's own text says so (the rule prints it as stars), so the rule's claims must name
    /// it.
    pub authority: Option<Loc<String>>,
    /// The column heads of the table the row joins, e.g. ["Number", "System name"]; empty for a
    /// list entry.
    #[serde(default)]
    pub columns: Vec<Loc<String>>,
}

impl ListEntry {
    /// The entry's full designation, "(b)(2)(i)(D)", or the paragraph of a table row.
    pub fn designation(&self) -> String {
        match &self.designation {
            Some(d) => format!("{}{}", self.paragraph.value.trim(), d.value.trim()),
            None => self.paragraph.value.trim().to_string(),
        }
    }

    /// The designations on the way down to the list, "(b)(2)(i)" → ["(b)", "(2)", "(i)"].
    pub fn levels(&self) -> Vec<String> {
        designation_levels(&self.paragraph.value)
    }
}

/// The levels of a paragraph designation: "(b)(2)(i)" → ["(b)", "(2)", "(i)"].
pub fn designation_levels(designation: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = designation.trim();
    while let Some(inner) = rest.strip_prefix('(') {
        let Some(close) = inner.find(')') else { break };
        out.push(format!("({})", &inner[..close]));
        rest = &inner[close + 1..];
    }
    out
}

/// Where a rule states a system's claims and reasons.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum StatementPlace {
    /// In the regulatory text: the system's appendix or section paragraph and the reasons after
    /// it.
    #[default]
    Regulation,
    /// In SUPPLEMENTARY INFORMATION, between `notice.supplementary` and `supplementary_after`,
    /// as agencies do whose regulatory text only adds the system to a list (`cfr.entries`); 5
    /// U.S.C. 552a(j) asks the reasons of "the statement required under section 553(c)", which
    /// the preamble is.
    Preamble,
}

/// How a reason's lead-in cites the provisions it justifies.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Citations {
    /// "From subsection (c)(3) and (4)", "From subsections (e)(4)(G), (e)(4)(H), and (e)(4)(I)"
    /// (DHS: subparagraphs spelled out; the noun counts items).
    #[default]
    Expanded,
    /// "From subsections (c)(3) and (4)", "From subsections (e)(4)(G), (H), and (I)" (DOJ, DoD:
    /// siblings at every level after the first; the noun counts provisions).
    Compact,
}

/// How a section paragraph exempting a system is laid out.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum SectionForm {
    /// The claims in running text, then the reasons (DOJ, VA and most agencies).
    #[default]
    Paragraphs,
    /// A block of captioned subparagraphs per system, as DoD writes the exemption rules of 32 CFR
    /// part 310 (32 CFR 310.31(b) (2016): the identifier and title, the sections the exemption is
    /// claimed under, the provisions exempted, and the reasons for each): "(5) System identifier
    /// and name: ...", then "(i) Exemption: ...", "(ii) Authority: ...", "(iii) Reasons: (A) ...",
    /// and "(iv) Exempt records from other systems: ..." where the rule has it.
    DodBlock,
}

/// The captions of a DoD block, each as printed with its punctuation ("Exemption:" or
/// "Exemption."); a caption not given prints in its pre-2019 form.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct BlockCaptions {
    /// "System identifier and name:".
    pub identifier: Option<Loc<String>>,
    /// "Exemption:".
    pub exemption: Option<Loc<String>>,
    /// "Authority:".
    pub authority: Option<Loc<String>>,
    /// "Reasons:".
    pub reasons: Option<Loc<String>>,
    /// "Exempt records from other systems:".
    pub other_systems: Option<Loc<String>>,
}

impl BlockCaptions {
    /// The captions in their order, as printed: identifier, exemption, authority, reasons, other
    /// systems.
    pub fn printed(captions: Option<&BlockCaptions>) -> [String; 5] {
        let c = captions.cloned().unwrap_or_default();
        let or = |v: Option<Loc<String>>, default: &str| v.map_or(default.to_string(), |l| l.value.trim().to_string());
        [
            or(c.identifier, "System identifier and name:"),
            or(c.exemption, "Exemption:"),
            or(c.authority, "Authority:"),
            or(c.reasons, "Reasons:"),
            or(c.other_systems, "Exempt records from other systems:"),
        ]
    }
}

/// How a reason opens.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Leadin {
    /// "From subsection (c)(3) (Accounting for Disclosures)", the reason continuing "because ...".
    #[default]
    From,
    /// "Subsection (c)(3).", the reason a sentence of its own.
    Subsection,
    /// The reason as the agency printed it, designation and lead-in included ("(1) Subsections
    /// (c)(3) and (c)(4), accounting of disclosures. Release ...", "*Subsection (c)(3).*
    /// Providing ..."), as preambles state reasons in their own words; `subsections` still say
    /// what it justifies.
    Written,
}

/// The verb of the amendatory instruction (Document Drafting Handbook: add, amend, revise).
#[derive(Clone, Copy, Debug, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Amendment {
    /// Adds a paragraph to an appendix, or a whole new section.
    Add,
    /// Amends a section (or appendix) by adding paragraphs; unchanged paragraphs print as stars.
    AmendByAdding,
    /// Revises the whole section (or the appendix paragraph).
    Revise,
    /// Adds a whole appendix, its introduction and every numbered paragraph ("Add appendix C to
    /// part 5 to read as follows:").
    AddAppendix,
    /// Amends a section by revising some paragraphs (`cfr.revised`) and adding the others ("Amend
    /// § 5b.11 by revising paragraph (c)(1) and adding paragraph (c)(3)"); unchanged paragraphs
    /// print as stars.
    ReviseAndAdd,
}

/// How reasons are numbered.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum Numbering {
    /// (a), (b), ... z, aa, bb (1 CFR 21.11 first level).
    Letters,
    /// (1), (2), ... (1 CFR 21.11 second level).
    Numbers,
    /// (i), (ii), ... (1 CFR 21.11 third level), as VA numbers the reasons under a numbered
    /// reasons paragraph of 38 CFR 1.582.
    Roman,
    /// (A), (B), ... (1 CFR 21.11 fourth level), as DoD letters the reasons of a block
    /// ("(iii) Reasons: (A) From subsection (c)(3) ...").
    Capitals,
}

/// A paragraph of the CFR: a number in an appendix (`75`) or a designation in a section (`"(g)"`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Paragraph {
    /// An appendix paragraph number, printed "75.".
    Number(u32),
    /// A section paragraph designation, printed as written: "(g)".
    Designation(String),
}

impl std::fmt::Display for Paragraph {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Paragraph::Number(n) => write!(f, "{n}"),
            Paragraph::Designation(d) => f.write_str(d.trim()),
        }
    }
}

impl<'de> Deserialize<'de> for Paragraph {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Number(u32),
            Text(String),
        }
        match Repr::deserialize(deserializer)? {
            Repr::Number(n) => Ok(Paragraph::Number(n)),
            Repr::Text(s) => Ok(Paragraph::Designation(s)),
        }
    }
}

impl Serialize for Paragraph {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Paragraph::Number(n) => serializer.serialize_u32(*n),
            Paragraph::Designation(d) => serializer.serialize_str(d),
        }
    }
}

impl JsonSchema for Paragraph {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Paragraph".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "An appendix paragraph number (75) or a section paragraph designation (\"(g)\").",
            "anyOf": [
                { "type": "integer", "minimum": 0 },
                { "type": "string", "pattern": "^(\\([a-z]{1,4}\\)|\\([0-9]{1,3}\\))+$" }
            ]
        })
    }
}

/// Whether a paragraph designation is one the CFR uses: "(g)", "(12)", "(b)(3)".
pub fn is_designation(text: &str) -> bool {
    let mut rest = text.trim();
    if rest.is_empty() {
        return false;
    }
    while !rest.is_empty() {
        let Some(inner) = rest.strip_prefix('(') else { return false };
        let Some(close) = inner.find(')') else { return false };
        let part = &inner[..close];
        let letters = (1..=4).contains(&part.len()) && part.chars().all(|c| c.is_ascii_lowercase());
        let digits = (1..=3).contains(&part.len()) && part.chars().all(|c| c.is_ascii_digit());
        if !letters && !digits {
            return false;
        }
        rest = &inner[close + 1..];
    }
    true
}

impl Cfr {
    /// How the reasons are numbered, as written or by default.
    pub fn numbering(&self) -> Numbering {
        if let Some(n) = &self.reasons {
            return n.value;
        }
        match &self.reasons_paragraph {
            Some(p) if p.value.trim().trim_start_matches('(').starts_with(|c: char| c.is_ascii_lowercase()) => {
                Numbering::Numbers
            }
            _ => Numbering::Letters,
        }
    }

    /// How lead-ins cite provisions, as written or by default.
    pub fn citations(&self) -> Citations {
        self.citations.as_ref().map_or(Citations::Expanded, |c| c.value)
    }

    /// How a system's paragraph is laid out, as written or by default.
    pub fn form(&self) -> SectionForm {
        self.form.as_ref().map_or(SectionForm::Paragraphs, |f| f.value)
    }

    /// How reasons open, as written or by default.
    pub fn leadin(&self) -> Leadin {
        self.leadin.as_ref().map_or(Leadin::From, |l| l.value)
    }

    /// The amendatory verb, as written or by default.
    pub fn amendment(&self) -> Amendment {
        match (&self.amendment, &self.section) {
            (Some(a), _) => a.value,
            (None, Some(_)) => Amendment::AmendByAdding,
            (None, None) => Amendment::Add,
        }
    }
}

/// The exemption paragraph: what the system is, what is exempted, under which authority.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema, PartialEq)]
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
    /// In a DoD block, the text of the Authority caption: "5 U.S.C. 552a(k)(1), (k)(2), (k)(3),
    /// and (k)(5)." (the claims read it with the Exemption caption's text, `wording`).
    pub authority: Option<Prose>,
    /// In a DoD block, the text of the "Exempt records from other systems" caption.
    pub other_systems: Option<Prose>,
    /// Where the rule states the claims and reasons: "regulation" (default) or "preamble".
    pub place: Option<Loc<StatementPlace>>,
}

impl RuleExemptions {
    /// Where the claims and reasons are stated, as written or by default.
    pub fn place(&self) -> StatementPlace {
        self.place.as_ref().map_or(StatementPlace::Regulation, |p| p.value)
    }
}

/// One reason, lettered or numbered (`cfr.reasons`): "(a) From subsection (c)(3) and (4)
/// (Accounting for Disclosures) because ...", "(1) From subsection (c)(3) because ...".
///
/// Either `subsections` (with an optional `heading`) or `covers` (several groups, each with its own
/// heading) names what it justifies.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Justification {
    /// The provisions this reason covers.
    pub subsections: Option<Provisions>,
    /// The parenthetical heading after the citations, e.g. "Accounting for Disclosures".
    pub heading: Option<Loc<String>>,
    /// Several groups of provisions, each with its own heading.
    pub covers: Option<Vec<Cover>>,
    /// The lead-in as the agency prints it, when it is not the one sorn generates from the
    /// provisions and headings: "From subsections (d)(1) through (4)," or "From subsection
    /// (d)(1), (2), (3) and (4), (e)(4)(G) and (H), (e)(8), (f) and (g)". Printed instead of the
    /// generated one; it must cite exactly the provisions the reason covers (checked on load).
    pub leadin: Option<Loc<String>>,
    /// The reason, continuing the generated lead-in: "because ..." or "to the extent that ...".
    pub text: Prose,
}

/// The provisions a lead-in's words cite, its parenthetical headings ("(Agency Requirements)")
/// set aside: "From subsections (e)(4)(G), (H) and (I) (Agency Requirements), and (f)" cites
/// (e)(4)(G), (e)(4)(H), (e)(4)(I) and (f). `None` when the words are not a list of citations.
pub fn leadin_citations(words: &str) -> Option<Vec<crate::statute::Subsection>> {
    let mut list = String::with_capacity(words.len());
    let mut rest = words.trim().trim_end_matches([',', '.', ':']);
    for opening in ["From ", "from "] {
        rest = rest.strip_prefix(opening).unwrap_or(rest);
    }
    while let Some(open) = rest.find('(') {
        let close = rest[open..].find(')').map_or(rest.len(), |c| open + c + 1);
        let inner = &rest[open + 1..close.saturating_sub(1).max(open + 1)];
        list.push_str(&rest[..open]);
        // A heading is words; a citation's part is a letter, a number or a roman numeral.
        if !inner.contains(' ') {
            list.push_str(&rest[open..close]);
        }
        rest = &rest[close..];
    }
    list.push_str(rest);
    let list = list.trim().trim_end_matches([',', '.']).trim_end_matches(" and").trim_end_matches(',');
    crate::statute::parse_citation_list(list).ok()
}

/// A group of provisions with one parenthetical heading.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Cover {
    /// The provisions.
    pub subsections: Provisions,
    /// Their parenthetical heading.
    pub heading: Option<Loc<String>>,
}

/// The label of the justification at `index` without parentheses: "a" or "1".
pub fn justification_label(numbering: Numbering, index: usize) -> String {
    match numbering {
        Numbering::Letters => justification_letter(index),
        Numbering::Numbers => (index + 1).to_string(),
        Numbering::Roman => roman(index + 1),
        Numbering::Capitals => justification_letter(index).to_uppercase(),
    }
}

/// A number as a lowercase roman numeral: 1 → "i", 9 → "ix", 14 → "xiv".
pub fn roman(mut n: usize) -> String {
    const DIGITS: [(usize, &str); 13] = [
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// The letter of the justification at `index`, as the CFR numbers paragraphs: a ... z, then
/// aa, bb, ... (1 CFR 21.11).
pub fn justification_letter(index: usize) -> String {
    let ch = (b'a' + (index % 26) as u8) as char;
    std::iter::repeat_n(ch, index / 26 + 1).collect()
}

/// A group of provisions a justification covers, borrowed from the justification.
#[derive(Clone, Copy, Debug)]
pub struct CoverRef<'a> {
    /// The provisions.
    pub subsections: &'a Provisions,
    /// Their parenthetical heading.
    pub heading: Option<&'a Loc<String>>,
}

/// A justification's groups, however the source wrote them, borrowed: several lint rules and the
/// renderer read them, and copying the typed provisions for each cost more than reading them.
pub fn covers_of(j: &Justification) -> Vec<CoverRef<'_>> {
    let mut out = Vec::new();
    if let Some(subs) = &j.subsections {
        out.push(CoverRef { subsections: subs, heading: j.heading.as_ref() });
    }
    if let Some(covers) = &j.covers {
        out.extend(covers.iter().map(|c| CoverRef { subsections: &c.subsections, heading: c.heading.as_ref() }));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn leadins_cite_their_provisions() {
        let cited = |w: &str| super::leadin_citations(w).map(|l| l.iter().map(ToString::to_string).collect::<Vec<_>>());
        assert_eq!(
            cited("From subsections (e)(4)(G), (H) and (I) (Agency Requirements), and (f) (Agency Rules)").unwrap(),
            ["(e)(4)(G)", "(e)(4)(H)", "(e)(4)(I)", "(f)"]
        );
        assert_eq!(cited("From subsections (d)(1) through (4),").unwrap(), ["(d)(1)", "(d)(2)", "(d)(3)", "(d)(4)"]);
        assert_eq!(cited("From the accounting provisions"), None);
    }

    #[test]
    fn designations() {
        assert!(super::is_designation("(g)"));
        assert!(super::is_designation("(b)(3)"));
        assert!(super::is_designation("(12)"));
        assert!(!super::is_designation("g"));
        assert!(!super::is_designation("(G)"));
        assert!(!super::is_designation("(g"));
        assert!(!super::is_designation(""));
    }

    #[test]
    fn systems_listed_in_one_paragraph_read_its_claims_and_reasons() {
        let source = r#"
kind = "exemption-rule"
stage = "proposed"
[agency]
name = "Department of Justice"
[system]
id = "JUSTICE/USM-008"
name = "Judicial Protection Information System"
[cfr]
title = 28
part = "16"
section = "16.101"
paragraph = "(a)"
reasons_paragraph = "(b)"
[exemptions]
[[exemptions.claims]]
authority = "(j)(2)"
subsections = ["(c)(3)"]
[[justifications]]
subsections = ["(c)(3)"]
text = "because ..."
[[systems]]
id = "JUSTICE/USM-004"
name = "Witness Security Files Information System"
shares_paragraph = true
[[systems]]
id = "JUSTICE/USM-013"
name = "USMS Administrative Proceedings Files"
paragraph = "(c)"
[[systems.exemptions.claims]]
authority = "(k)(2)"
subsections = ["(d)"]
"#;
        let rule: super::ExemptionRule = toml::from_str(source).unwrap();
        let views = rule.per_system();
        assert_eq!(views.len(), 3);
        assert_eq!(views[1].system.id.value, "JUSTICE/USM-004");
        assert_eq!(views[1].exemptions.claims, views[0].exemptions.claims, "the shared claims, at their place");
        assert_eq!(views[1].justifications, views[0].justifications);
        assert_eq!(views[1].cfr.paragraph, views[0].cfr.paragraph);
        assert_eq!(views[2].exemptions.claims[0].authority.value.written(), "(k)(2)");
        let groups: Vec<usize> = rule.paragraph_groups().iter().map(Vec::len).collect();
        assert_eq!(groups, [2, 1]);
    }

    #[test]
    fn labels_by_numbering() {
        assert_eq!(super::justification_label(super::Numbering::Letters, 1), "b");
        assert_eq!(super::justification_label(super::Numbering::Numbers, 1), "2");
        assert_eq!(super::justification_label(super::Numbering::Roman, 8), "ix");
        assert_eq!(super::roman(14), "xiv");
    }

    #[test]
    fn letters_follow_the_cfr() {
        assert_eq!(super::justification_letter(0), "a");
        assert_eq!(super::justification_letter(8), "i");
        assert_eq!(super::justification_letter(25), "z");
        assert_eq!(super::justification_letter(26), "aa");
        assert_eq!(super::justification_letter(27), "bb");
    }
}
