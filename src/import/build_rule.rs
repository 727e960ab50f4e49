//! An exemption rule from its units: preamble, List of Subjects, words of issuance, PART heading,
//! authority citation, the amendatory instruction ("Add paragraph N to appendix X to part P",
//! "Amend § 16.135 by adding paragraphs (g) and (h)", "Revise § 16.135", "Add § 310.52"), the
//! section heading, the system's paragraph (description, claims, note), the reasons paragraph and
//! the lettered or numbered reasons.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use regex::Regex;

use super::captions::{PreambleCaption, split_caption};
use super::preamble::{common_preamble, doc_publication, fr_doc, squash};
use super::rule_forms::{self, Instruction, ListAmendment, SECTION_HEADING, SectionAmendment, list_entry};
use super::unit::Unit;
use super::{Ctx, ImportError, ImportOptions, RawDoc, claims, front, justifications, names, preamble_statement};
use crate::model::{
    Amendment, Cfr, Citations, Cover, ExemptSystem, ExemptionRule, Justification, Leadin, ListEntry, Loc, Numbering,
    Paragraph, RuleExemptions, SectionForm, SignaturePlacement, SourceDate, Stage, SystemName,
};

static ISSUANCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^For the reasons (?:stated|set (?:forth|out)) in the preamble,\s+(.+?)\s+(?:amends|proposes to amend|is amending|hereby amends|amend)\s+(.+?)\s+as follows:?$")
        .expect("valid pattern")
});
/// Words of issuance in another form than "For the reasons stated in the preamble, ... amends ...":
/// "Pursuant to the authority vested in the Attorney General by 5 U.S.C. 552a ..., 28 CFR part 16
/// is amended as follows:", "Accordingly, 32 CFR part 310 is proposed to be amended as follows:",
/// "Pursuant to the authority vested in the Attorney General by 5 U.S.C. 552a ..., the Department
/// of Justice proposes to amend 28 CFR part 16 as follows:",
/// "For the reasons stated in the preamble, we propose to amend subpart B of part 401 of chapter
/// III of title 20 of the Code of Federal Regulations as set forth below:", "For the reasons set
/// forth in the preamble, part 1 of title 31 of the Code of Federal Regulations is amended as
/// follows:".
static OTHER_ISSUANCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:(?:Pursuant to|Under|Accordingly|Therefore|For the reasons)\b.{0,400}?\b\d+ CFR (?:part|chapter) [\w.]+,? (?:is|are) (?:hereby )?(?:proposed to be )?amended as follows:?|(?:Pursuant to|Under|Accordingly|Therefore)\b.{0,400}?\b(?:amends|proposes to amend) \d+ CFR (?:part|chapter) [\w.]+ as follows:?|For the reasons (?:stated|set (?:forth|out)|discussed) in the preamble,.{0,400}?\bamends?\b.{0,400}?\bCode of Federal Regulations as (?:follows|set forth below):?|For the reasons (?:stated|set (?:forth|out)|discussed) in the preamble,.{0,400}?\bCode of Federal Regulations,? (?:is|are) (?:hereby )?(?:proposed to be )?amended as follows:?)$")
        .expect("valid pattern")
});
static CHAPTER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i:chapter) ([IVXLC]+) (?i:of title) (\d+)").expect("valid pattern"));
static INSTRUCTION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,2}\.\s").expect("valid pattern"));
/// "Subpart E—Exemption of Records Systems Under the Privacy Act".
static SUBPART: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^Subpart ([A-Z]{1,3})\s*(?:\u{2014}|--|\u{2013}| - )\s*(.+?)\.?$").expect("valid pattern")
});
/// A paragraph designation opening a paragraph: "(g) ", "(12) ".
static DESIGNATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\((?:[a-z]{1,4}|\d{1,3})\))\s+").expect("valid pattern"));
/// "List of Subjects in 28 CFR Part 16", with the terms on the next line or, as the GPO text
/// edition runs them in, on the same one.
static SUBJECTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^List of Subjects in (\d+) CFR [Pp]arts? (\d+[A-Za-z]?)\.?(?:\s+(?P<terms>[A-Z].+))?$")
        .expect("valid pattern")
});

/// An amendatory instruction without the bullet before its number: "■ 2. Amend ...", or "0 2.
/// Amend ..." as the GPO text edition prints the bullet.
fn without_bullet(reading: &str) -> String {
    let t = reading.trim_start_matches(['\u{25a0}', ' ']);
    match t.strip_prefix("0 ").or_else(|| t.strip_prefix("0\n")) {
        Some(rest) if INSTRUCTION.is_match(rest.trim_start()) => rest.trim_start().to_string(),
        _ => t.to_string(),
    }
}

fn after_dash(text: &str) -> Option<String> {
    for dash in ["\u{2014}", "--", " \u{2013} ", "\u{2013}", " - "] {
        if let Some(i) = text.find(dash) {
            return Some(text[i + dash.len()..].trim().to_string());
        }
    }
    None
}

/// Builds the exemption rule.
pub fn build(doc: RawDoc, options: &ImportOptions, ctx: &mut Ctx) -> Result<ExemptionRule, Box<ImportError>> {
    let mut units = doc.units;
    let end = front::take_end_matter(&mut units);
    let front = front::read(&units);
    let body_start = front.body_start;
    let signature = take_rule_signature(&mut units, body_start);
    let all_texts: Vec<String> = units.iter().map(|u| u.text().to_string()).collect();
    let all_refs: Vec<&str> = all_texts.iter().map(String::as_str).collect();

    let stage = rule_stage(doc.element.as_deref(), &front);

    // Where the regulatory text begins.
    let reg_start = (body_start..units.len())
        .find(|&i| {
            let t = units[i].text().trim();
            t.starts_with("List of Subjects") || ISSUANCE.is_match(t)
        })
        .unwrap_or(units.len());
    let mut supp: Vec<Unit> = front.supplementary_first.iter().cloned().collect();
    supp.extend(units[body_start..reg_start].iter().cloned());

    let mut reg = RegText::read(&units[reg_start..], front.heading.cfr.clone().unwrap_or((0, String::new())));
    // The appendix paragraph: "75. The DHS/ICE-015 ... consists of ... claims ... note", or the
    // section paragraph: "(g) The following system of records is exempted from ...".
    let para_rich = reg.paragraph_unit.as_ref().map(|u| paragraph_body(u, reg.section.as_ref(), reg.paragraph));
    let para_text = para_rich.as_ref().map(|r| r.text.clone()).unwrap_or_default();
    let subject_text = front.heading.subject.as_ref().map(|s| s.text.clone()).unwrap_or_default();
    let (listed, system_name, generated_subject) = match reg.listed_system().cloned() {
        Some(printed) => {
            let (name, generated) = listed_system_name(&printed, &all_refs);
            (Vec::new(), name, generated)
        }
        None => reg.first_system(&subject_text, &para_text, &all_refs, ctx),
    };
    if squash(&subject_text) != generated_subject && front.heading.subject.is_none() {
        ctx.warn(None, "no subject line found");
    }

    let mut parts_pre = super::preamble::preamble_parts(&front, &end.billing, &all_refs, ctx)?;
    if let Some(a) = &reg.issuance_agency
        && parts_pre.agency.abbreviation.is_none()
        && a.len() <= 8
        && a.chars().all(|c| c.is_ascii_uppercase())
    {
        parts_pre.agency.abbreviation = Some(Loc::synthetic(a.clone()));
    }
    ctx.writer.forms = names::forms(&system_name, parts_pre.preamble.docket.as_ref().map(|d| d.value.as_str()));
    let preamble = &mut parts_pre.preamble;
    if let Some(subject) = &front.heading.subject
        && squash(&subject.text) != generated_subject
    {
        preamble.subject = ctx.inline(subject)?;
    }
    if let Some(c) = front.caption(PreambleCaption::Action) {
        preamble.action = unconventional_action(&c.units, stage, ctx)?;
    }
    let published = common_preamble(
        &front,
        preamble,
        &parts_pre.agency,
        &doc_publication(&doc.issue_date, &end),
        options,
        ctx,
        super::dates::Convention::Rule { final_rule: stage == Stage::Final },
    )?;
    let (stated, supplementary_after) = supplementary_parts(reg.list.is_some(), &supp, preamble, ctx)?;
    if let Some((line_text, line)) = &reg.issuance_line {
        let short =
            parts_pre.agency.abbreviation.as_ref().map_or(parts_pre.agency.name.value.as_str(), |a| a.value.as_str());
        let target = match &reg.chapter {
            Some(ch) => format!("chapter {ch} of title {}, Code of Federal Regulations,", reg.cfr_title),
            None => format!("{} CFR part {}", reg.cfr_title, reg.cfr_part),
        };
        check_issuance(line_text, *line, short, stage, &target, ctx);
    }

    if para_rich.is_none() && reg.list.is_none() {
        let missing = if reg.section.is_some() {
            "no paragraph found under the section heading"
        } else {
            "no \"Add paragraph N to appendix X to part P\" paragraph found"
        };
        ctx.warn(None, missing);
    }
    let SystemPart { exemptions, justifications: justifications_out, reasons_paragraph, numbering, leadin, citations } =
        match stated {
            Some(part) => part,
            None => reg.first_system_part(para_rich.as_ref(), ctx)?,
        };
    reg.entry_authorities(&exemptions.claims);
    let mut systems: Vec<ExemptSystem> =
        listed.iter().skip(1).map(|printed| listed_system(printed, &all_refs)).collect();
    systems.extend(reg.further_systems(&all_refs, ctx)?);

    let unplaced = std::mem::take(&mut ctx.unplaced);
    Ok(ExemptionRule {
        kind: Loc::synthetic("exemption-rule".into()),
        stage: Loc::synthetic(stage),
        sorn: None,
        published: published.map(|d| Loc::synthetic(SourceDate(d))),
        agency: parts_pre.agency,
        notice: parts_pre.preamble,
        system: system_name,
        cfr: reg.into_cfr(reasons_paragraph, numbering, (leadin, citations), ctx)?,
        exemptions,
        justifications: justifications_out,
        systems,
        supplementary_after,
        signature,
        fr_doc: fr_doc(&end),
        unplaced,
    })
}

/// SUPPLEMENTARY INFORMATION of a rule whose regulatory text only adds the system to a list: the
/// claims and reasons it states ([`preamble_statement`]) as the system's part, the text before
/// them as `notice.supplementary` and the text after them as `supplementary_after`. Any other
/// rule's is `notice.supplementary` whole.
fn supplementary_parts(
    listed: bool,
    supplementary: &[Unit],
    preamble: &mut crate::model::Preamble,
    ctx: &mut Ctx,
) -> Result<(Option<SystemPart>, Option<crate::model::Prose>), Box<ImportError>> {
    let statement = if listed { preamble_statement::read(supplementary, ctx)? } else { None };
    let Some(st) = statement else {
        if listed {
            ctx.warn(None, "the rule adds the system to a list, but no paragraph of the preamble states its claims");
        }
        preamble.supplementary = ctx.prose(supplementary)?;
        return Ok((None, None));
    };
    preamble.supplementary = ctx.prose(&st.before)?;
    let after = ctx.prose(&st.after)?;
    let part = SystemPart {
        leadin: (!st.justifications.is_empty()).then_some(Leadin::Written),
        exemptions: st.exemptions,
        justifications: st.justifications,
        reasons_paragraph: None,
        numbering: None,
        citations: None,
    };
    Ok((Some(part), after))
}

/// The system a rule's paragraph names, by the registered section conventions or, for an
/// appendix paragraph, from the subject line and the paragraph; with the subject sorn would
/// generate.
fn paragraph_system(
    in_section: bool,
    subject: &str,
    paragraph: &str,
    texts: &[&str],
    ctx: &mut Ctx,
) -> (SystemName, String) {
    let printed = if in_section { rule_forms::section_system(paragraph) } else { None };
    let (mut system_name, generated_subject) = match printed {
        Some(printed) => section_system_name(&printed, texts),
        None => rule_system_name(subject, paragraph, texts, ctx),
    };
    if in_section && system_name.id.value.is_empty() {
        // No "…: Name (ID)." in the paragraph: the subject line may name it.
        (system_name, _) = rule_system_name(subject, "", texts, ctx);
    }
    (system_name, generated_subject)
}

/// The ACTION caption's text, unless it is the one sorn generates for the stage ("Final rule.",
/// "Notice of proposed rulemaking.").
fn unconventional_action(
    units: &[Unit],
    stage: Stage,
    ctx: &mut Ctx,
) -> Result<Option<crate::model::Prose>, Box<ImportError>> {
    let text = units.iter().map(|u| u.text()).collect::<Vec<_>>().join(" ");
    let conventional = match stage {
        Stage::Final => "Final rule.",
        Stage::Proposed => "Notice of proposed rulemaking.",
    };
    if squash(&text) == conventional { Ok(None) } else { ctx.prose(units) }
}

/// The rule's signature: at the end (dated or not), or before the words of issuance, as some
/// agencies print it.
fn take_rule_signature(units: &mut Vec<Unit>, body_start: usize) -> Option<crate::model::Signature> {
    let issuance = |t: &str| ISSUANCE.is_match(t) || OTHER_ISSUANCE.is_match(t);
    let mut sig = front::take_signature(units, body_start);
    let mut placement = SignaturePlacement::End;
    if let Some((_, at, _)) = &sig
        && units[(*at).min(units.len())..].iter().any(|u| issuance(u.text().trim()))
    {
        // Dated and signed before the words of issuance, as some agencies sign (Education).
        placement = SignaturePlacement::BeforeSystem;
    }
    if sig.is_none() && units.len() > body_start + 1 {
        let last = units.len() - 1;
        sig = front::take_undated_signature(units, last);
    }
    if sig.is_none() {
        sig = front::take_signature_before_issuance(units, body_start, issuance);
        if sig.is_some() {
            placement = SignaturePlacement::BeforeSystem;
        }
    }
    sig.map(|(s, _, _)| s.into_model(placement))
}

/// Proposed or final: from the FR XML element, else from the ACTION caption.
fn rule_stage(element: Option<&str>, front: &front::Front) -> Stage {
    match element {
        Some("PRORULE") => Stage::Proposed,
        Some("RULE") => Stage::Final,
        _ => {
            let action = front
                .caption(PreambleCaption::Action)
                .map(|c| c.units.iter().map(|u| u.text().to_lowercase()).collect::<String>());
            match action {
                Some(a) if a.contains("proposed") => Stage::Proposed,
                _ => Stage::Final,
            }
        }
    }
}

/// The system's paragraph without its number ("75. ") or designation ("(g) "): "The DHS/ICE-015
/// ... consists of ... claims ... note", "The following system of records is exempted from ...".
fn paragraph_body(unit: &Unit, section: Option<&SectionAmendment>, number: Option<u32>) -> super::rich::Rich {
    let skip = match (section, number) {
        (Some(s), _) => s.paragraph.as_ref().map_or(0, |p| {
            let reading = unit.reading();
            let nested = rule_forms::nested_opening(&reading).filter(|o| &o.designation == p).map(|o| o.len);
            nested.unwrap_or_else(|| DESIGNATION.captures(&reading).filter(|c| &c[1] == p).map_or(0, |c| c[0].len()))
        }),
        (None, p) => p.map_or(0, |p| format!("{p}. ").len()),
    };
    unit.reading_rich().from(skip).trim()
}

/// Warns when the words of issuance differ from the ones sorn generates ("For the reasons stated
/// in the preamble, DHS amends 6 CFR part 5 as follows:").
fn check_issuance(printed: &str, line: u32, agency: &str, stage: Stage, target: &str, ctx: &mut Ctx) {
    let verb = if stage == Stage::Final { "amends" } else { "proposes to amend" };
    let generated = format!("For the reasons stated in the preamble, {agency} {verb} {target} as follows:");
    if squash(printed) != generated {
        ctx.warn(Some(line), format!("the words of issuance print as: {generated}"));
    }
}

/// Where the regulatory text is in its reading: the part of the rule each unit belongs to.
#[derive(Default, PartialEq)]
enum State {
    #[default]
    Start,
    Subjects,
    Authority,
    Appendix,
    Section,
    /// Entries of a section's lists or tables.
    Entries,
    Reasons,
    Other,
}

/// The regulatory text of a rule, from the List of Subjects on, read unit by unit: the CFR part,
/// words of issuance, PART heading, authority citation, the amendatory instruction in one of the
/// registered forms ([`rule_forms`]), the system's paragraph and what follows it.
#[derive(Default)]
struct RegText {
    cfr_title: u32,
    cfr_part: String,
    subjects: Vec<String>,
    chapter: Option<String>,
    part_heading: Option<String>,
    authority_units: Vec<Unit>,
    appendix: Option<String>,
    paragraph: Option<u32>,
    section: Option<SectionAmendment>,
    section_heading: Option<String>,
    subpart: Option<(String, String)>,
    appendix_heading: Option<String>,
    issuance_agency: Option<String>,
    issuance_line: Option<(String, u32)>,
    issuance_own: Vec<Unit>,
    leftovers: Vec<(String, Unit)>,
    paragraph_unit: Option<Unit>,
    after_paragraph: Vec<Unit>,
    /// Further appendix paragraphs, one per further system.
    more_paragraphs: Vec<u32>,
    /// Each further paragraph: number, opening unit, units after it.
    further: Vec<(u32, Unit, Vec<Unit>)>,
    appendix_amendment: Option<Amendment>,
    /// The rule adds the whole appendix: its paragraphs are numbered 1, 2, ... in the text, after
    /// the introduction.
    whole_appendix: bool,
    appendix_intro: Vec<Unit>,
    /// The system's paragraph is a DoD block ([`rule_forms::dod_310`]).
    block: bool,
    /// The parent of the block being read, printed "(d) * * *".
    block_parent: Option<String>,
    /// Units printed as a parent ("(d) * * *") before the system's paragraph, held until the
    /// next unit shows whether a DoD block follows.
    pending_parents: Vec<(String, Unit)>,
    /// Held units are being read again as any other unit.
    replaying: bool,
    /// The block's captions, where printed otherwise than the pre-2019 ones.
    block_captions: Option<crate::model::BlockCaptions>,
    /// Further DoD blocks: designation, opening unit, units after it.
    further_blocks: Vec<(String, Unit, Vec<Unit>)>,
    /// Further section paragraphs that name a system: designation, opening unit, units after it.
    further_sections: Vec<(String, Unit, Vec<Unit>)>,
    /// An instruction that adds entries to a section's lists or tables.
    list: Option<ListAmendment>,
    /// The entries read, in order.
    entries: Vec<ListEntry>,
    /// The system each entry names, as printed ("Name, ID." or a table row's cells).
    entry_systems: Vec<(String, String)>,
    state: State,
}

impl RegText {
    /// Reads `units` (the regulatory text), with the CFR title and part the heading gives.
    fn read(units: &[Unit], cfr: (u32, String)) -> Self {
        let mut reg = RegText { cfr_title: cfr.0, cfr_part: cfr.1, ..RegText::default() };
        for unit in units {
            reg.take(unit);
        }
        reg
    }

    /// The first system: named in a DoD block, first of the systems a shared section paragraph
    /// lists ("(a) The following systems of records are exempt from ...:", then "(1) Name (ID).",
    /// taken from the units after the paragraph with the others it lists), or named in the
    /// paragraph or the subject line; with the subject sorn would generate.
    fn first_system(
        &mut self,
        subject: &str,
        paragraph: &str,
        texts: &[&str],
        ctx: &mut Ctx,
    ) -> (Vec<String>, SystemName, String) {
        let listed = if self.section.is_some() && !self.block && paragraph.trim_end().ends_with(':') {
            take_listed_systems(&mut self.after_paragraph)
        } else {
            Vec::new()
        };
        let block_name = self.paragraph_unit.as_ref().filter(|_| self.block).and_then(rule_forms::dod_310::system_name);
        let (name, generated) = match (listed.first(), block_name) {
            (_, Some(name)) => {
                let generated = format!("Privacy Act of 1974: Implementation of Exemptions; {}", name.full_spelled());
                (name, generated)
            }
            (Some(first), None) => section_system_name(first, texts),
            (None, None) => paragraph_system(self.section.is_some(), subject, paragraph, texts, ctx),
        };
        (listed, name, generated)
    }

    /// What the first system's paragraph (a DoD block, or any other form) and the units after it
    /// say.
    fn first_system_part(
        &mut self,
        para_rich: Option<&super::rich::Rich>,
        ctx: &mut Ctx,
    ) -> Result<SystemPart, Box<ImportError>> {
        let after_paragraph = std::mem::take(&mut self.after_paragraph);
        match self.paragraph_unit.as_ref().filter(|_| self.block) {
            Some(unit) => {
                let (part, captions) = rule_forms::dod_310::read_block(unit, after_paragraph, ctx)?;
                self.block_captions = captions;
                Ok(part)
            }
            None => {
                read_system_part(para_rich, self.paragraph_unit.as_ref(), self.section.as_ref(), after_paragraph, ctx)
            }
        }
    }

    /// The further systems of an appendix rule (one per further paragraph the instruction adds),
    /// with a warning for each paragraph or list entry the instruction adds that does not follow;
    /// then what could not be placed is kept as unplaced.
    fn further_systems(&mut self, texts: &[&str], ctx: &mut Ctx) -> Result<Vec<ExemptSystem>, Box<ImportError>> {
        let mut systems = Vec::new();
        for (number, unit, after) in std::mem::take(&mut self.further) {
            systems.push(further_system(number, &unit, after, texts, ctx)?);
        }
        for (designation, unit, after) in std::mem::take(&mut self.further_blocks) {
            systems.push(rule_forms::dod_310::further_block(&designation, &unit, after, ctx)?);
        }
        for (designation, unit, after) in std::mem::take(&mut self.further_sections) {
            systems.push(further_section_system(&designation, &unit, after, self.section.as_ref(), texts, ctx)?);
        }
        for n in self.more_paragraphs.iter().skip(systems.len()) {
            ctx.warn(None, format!("the instruction adds paragraph {n}, but no paragraph {n} follows"));
        }
        for added in self.list.iter().flat_map(|l| l.added.iter().skip(self.entries.len())) {
            let entry = match &added.designation {
                Some(d) => format!("paragraph {}{d}", added.paragraph),
                None => format!("an entry to the table in paragraph {}", added.paragraph),
            };
            ctx.warn(None, format!("the instruction adds {entry}, but no entry of the rule's system follows"));
        }
        for (after, unit) in std::mem::take(&mut self.leftovers) {
            ctx.unplace(&after, std::slice::from_ref(&unit))?;
        }
        Ok(systems)
    }

    /// The rule's place in the CFR, with what sorn would assume without being told left out.
    fn into_cfr(
        self,
        reasons_paragraph: Option<String>,
        numbering: Option<Numbering>,
        (leadin, citations): (Option<Leadin>, Option<Citations>),
        ctx: &mut Ctx,
    ) -> Result<Cfr, Box<ImportError>> {
        let section_paragraph = self.section.as_ref().and_then(|s| s.paragraph.clone());
        let amendment = match &self.section {
            Some(s) => Some(s.amendment).filter(|a| *a != Amendment::AmendByAdding),
            None => self.appendix_amendment,
        };
        let default_numbering = match &reasons_paragraph {
            Some(p) if p.trim_start_matches('(').starts_with(|c: char| c.is_ascii_lowercase()) => Numbering::Numbers,
            _ => Numbering::Letters,
        };
        let reasons = numbering.filter(|n| *n != default_numbering);
        if self.cfr_title == 0 {
            ctx.warn(None, "no CFR title found; `cfr.title` is 0");
        }
        Ok(Cfr {
            title: Loc::synthetic(self.cfr_title),
            part: Loc::synthetic(self.cfr_part),
            chapter: self.chapter.map(Loc::synthetic),
            part_heading: self.part_heading.map(Loc::synthetic),
            subjects: self.subjects.into_iter().filter(|s| !s.is_empty()).map(Loc::synthetic).collect(),
            authority: ctx.prose(&self.authority_units)?,
            issuance: ctx.prose(&self.issuance_own)?,
            appendix: match &self.section {
                Some(_) => None,
                None => Some(Loc::synthetic(self.appendix.unwrap_or_default())),
            },
            appendix_heading: self.appendix_heading.map(Loc::synthetic),
            appendix_intro: ctx.prose(&self.appendix_intro)?,
            subpart: self.subpart.as_ref().map(|s| Loc::synthetic(s.0.clone())),
            subpart_heading: self.subpart.map(|s| Loc::synthetic(s.1)),
            section: self.section.as_ref().map(|s| Loc::synthetic(s.number.clone())),
            section_heading: self.section_heading.map(Loc::synthetic),
            paragraph_heading: self.section.as_ref().and_then(|s| s.paragraph_heading.clone()).map(Loc::synthetic),
            revised: self
                .section
                .as_ref()
                .map_or_else(Vec::new, |s| s.revised.iter().cloned().map(Loc::synthetic).collect()),
            paragraph: match &self.section {
                Some(_) => section_paragraph.map(|p| Loc::synthetic(Paragraph::Designation(p))),
                None => Some(Loc::synthetic(Paragraph::Number(self.paragraph.unwrap_or(0)))),
            },
            reasons_paragraph: reasons_paragraph.map(Loc::synthetic),
            amendment: amendment.map(Loc::synthetic),
            reasons: reasons.map(Loc::synthetic),
            form: self.block.then(|| Loc::synthetic(SectionForm::DodBlock)),
            block_captions: self.block_captions,
            leadin: leadin.filter(|l| *l != Leadin::From).map(Loc::synthetic),
            citations: citations.map(Loc::synthetic),
            entries: self.entries,
        })
    }

    fn take(&mut self, unit: &Unit) {
        let t = unit.text().trim().to_string();
        let reading = without_bullet(&unit.reading());
        if self.state == State::Reasons {
            self.take_after_paragraph(unit, &reading);
            return;
        }
        if self.take_front(&t, unit) {
            return;
        }
        if let Some(p) = self.paragraph
            && self.state == State::Appendix
            && reading.starts_with(&format!("{p}. "))
        {
            self.paragraph_unit = Some(unit.clone());
            self.state = State::Reasons;
            return;
        }
        let reading = reading.trim_start_matches(['\u{25a0}', ' ']).to_string();
        if self.state == State::Section && self.take_section(&t, &reading, unit) {
            return;
        }
        if self.state == State::Entries && self.take_entry(&t, &reading, unit) {
            return;
        }
        if INSTRUCTION.is_match(&reading) && self.take_instruction(&reading) {
            return;
        }
        match self.state {
            State::Authority => {
                let unit = match split_caption(unit) {
                    Some(s) if s.caption.eq_ignore_ascii_case("Authority") => Unit { rich: s.body, ..unit.clone() },
                    _ => unit.clone(),
                };
                self.authority_units.push(unit);
            }
            State::Appendix if t.starts_with("Appendix ") && self.appendix_heading.is_none() => {
                self.appendix_heading = after_dash(&t);
            }
            State::Appendix if t.replace(' ', "") == "*****" => {}
            State::Appendix if self.whole_appendix && self.appendix_heading.is_some() => {
                self.appendix_intro.push(unit.clone());
            }
            _ => self.leftovers.push(("cfr".into(), unit.clone())),
        }
        if self.state == State::Other && !matches!(self.leftovers.last(), Some((_, u)) if u.line == unit.line) {
            self.leftovers.push(("cfr".into(), unit.clone()));
        }
    }

    /// A unit after the system's paragraph: a further appendix paragraph, DoD block or section
    /// paragraph naming a system, or what follows one.
    fn take_after_paragraph(&mut self, unit: &Unit, reading: &str) {
        if self.block {
            if let Some(parent) = rule_forms::dod_310::parent(reading) {
                self.block_parent = Some(parent);
                return;
            }
            if rule_forms::dod_310::opens_block(reading) {
                let designation = self.block_designation(reading);
                self.further_blocks.push((designation, unit.clone(), Vec::new()));
                return;
            }
            if reading.replace(' ', "") == "*****" {
                return;
            }
            match self.further_blocks.last_mut() {
                Some((_, _, after)) => after.push(unit.clone()),
                None => self.after_paragraph.push(unit.clone()),
            }
            return;
        }
        if self.section.is_some()
            && let Some(c) = DESIGNATION.captures(reading)
            && c[1][1..].starts_with(|ch: char| ch.is_ascii_lowercase())
            && rule_forms::section_system(&reading[c[0].len()..]).is_some()
        {
            self.further_sections.push((c[1].to_string(), unit.clone(), Vec::new()));
            return;
        }
        if let Some((_, _, after)) = self.further_sections.last_mut() {
            after.push(unit.clone());
            return;
        }
        let next = match (self.whole_appendix, self.paragraph) {
            // A whole appendix numbers its paragraphs in order from the first.
            (true, Some(first)) => u32::try_from(self.further.len()).ok().and_then(|k| first.checked_add(k + 1)),
            _ => self.more_paragraphs.get(self.further.len()).copied(),
        };
        match next.as_ref() {
            Some(n) if reading.starts_with(&format!("{n}. ")) => self.further.push((*n, unit.clone(), Vec::new())),
            _ => match self.further.last_mut() {
                Some((_, _, after)) => after.push(unit.clone()),
                None => self.after_paragraph.push(unit.clone()),
            },
        }
    }

    /// The List of Subjects, words of issuance, subpart and PART headings.
    fn take_front(&mut self, t: &str, unit: &Unit) -> bool {
        // The GPO text edition prints the bullet before the words of issuance as "0".
        let t =
            t.strip_prefix("0 ").filter(|rest| ISSUANCE.is_match(rest) || OTHER_ISSUANCE.is_match(rest)).unwrap_or(t);
        if let Some(c) = SUBJECTS.captures(t) {
            if self.cfr_title == 0 {
                self.cfr_title = c.get(1).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
                self.cfr_part = c.get(2).map_or("", |m| m.as_str()).to_string();
            }
            match c.name("terms") {
                Some(terms) => {
                    self.subjects =
                        terms.as_str().trim_end_matches('.').split(", ").map(|s| s.trim().to_string()).collect();
                }
                None => self.state = State::Subjects,
            }
            return true;
        }
        if let Some(c) = ISSUANCE.captures(t) {
            self.issuance_agency = c.get(1).map(|m| m.as_str().to_string());
            self.issuance_line = Some((t.to_string(), unit.line));
            if let Some(ch) = CHAPTER.captures(t) {
                self.chapter = ch.get(1).map(|m| m.as_str().to_string());
                if self.cfr_title == 0 {
                    self.cfr_title = ch.get(2).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
                }
            }
            self.state = State::Start;
            return true;
        }
        if self.issuance_line.is_none() && self.issuance_own.is_empty() && OTHER_ISSUANCE.is_match(t) {
            let bullet = unit.text().trim().len() - t.len();
            self.issuance_own.push(Unit { rich: unit.rich.trim().from(bullet), ..unit.clone() });
            self.state = State::Start;
            return true;
        }
        if self.state == State::Subjects {
            self.subjects = t.trim_end_matches('.').split(", ").map(|s| s.trim().to_string()).collect();
            self.state = State::Start;
            return true;
        }
        if self.state != State::Reasons
            && self.subpart.is_none()
            && let Some(c) = SUBPART.captures(t)
        {
            self.subpart = Some((c[1].to_string(), c[2].trim().to_string()));
            if self.state == State::Authority {
                self.state = State::Start;
            }
            return true;
        }
        if t.starts_with("PART ") && after_dash(t).is_some() && self.part_heading.is_none() {
            self.part_heading = after_dash(t);
            return true;
        }
        false
    }

    /// The designation of a DoD block opening with `reading`, under the parent read before it:
    /// "(d)(5)".
    fn block_designation(&self, reading: &str) -> String {
        let own = DESIGNATION.captures(reading).map(|c| c[1].to_string()).unwrap_or_default();
        format!("{}{own}", self.block_parent.as_deref().unwrap_or(""))
    }

    /// Within a section amendment: the section heading, and the system's paragraph.
    fn take_section(&mut self, t: &str, reading: &str, unit: &Unit) -> bool {
        if self.section.is_some() && self.paragraph_unit.is_none() && !self.replaying {
            // "(d) * * *" is a DoD block's parent only if a block follows it; otherwise it is
            // read again as any other unit.
            if let Some(parent) = rule_forms::dod_310::parent(reading) {
                self.pending_parents.push((parent, unit.clone()));
                return true;
            }
            if rule_forms::dod_310::opens_block(reading) {
                self.block_parent = self.pending_parents.pop().map(|(p, _)| p);
                self.pending_parents.clear();
                let designation = self.block_designation(reading);
                if let Some(s) = &mut self.section {
                    s.paragraph = Some(designation);
                }
                self.paragraph_unit = Some(unit.clone());
                self.block = true;
                self.state = State::Reasons;
                return true;
            }
            if !self.pending_parents.is_empty() {
                self.replaying = true;
                for (_, pending) in std::mem::take(&mut self.pending_parents) {
                    self.take(&pending);
                }
                self.replaying = false;
                self.take(unit);
                return true;
            }
        }
        let Some(s) = &mut self.section else { return false };
        if let Some(c) = SECTION_HEADING.captures(t)
            && c.get(1).is_some_and(|m| m.as_str() == s.number)
        {
            self.section_heading = c.get(2).map(|m| m.as_str().trim().to_string());
            return true;
        }
        if self.section_heading.is_none() && unit.is_heading() && !t.starts_with('§') && !t.starts_with("PART ") {
            // FR XML: SECTNO, then the heading as SUBJECT.
            self.section_heading = Some(t.trim_end_matches('.').to_string());
            return true;
        }
        if t.replace(' ', "") == "*****" {
            return true;
        }
        if !INSTRUCTION.is_match(reading) {
            let opening = DESIGNATION.captures(reading).map(|c| c[1].to_string());
            let first = s.added.first().cloned();
            let claims_para = match (&first, &opening) {
                (Some(f), Some(o)) => f == o,
                (Some(_), None) => false,
                (None, _) => true,
            };
            let nested = first
                .as_ref()
                .filter(|_| !claims_para)
                .and_then(|f| rule_forms::nested_opening(reading).filter(|o| &o.designation == f));
            if let Some(o) = nested {
                // "(c) Specific exemptions. (1) Pursuant to ...": the system's paragraph is (c)(1).
                s.paragraph = Some(o.designation);
                s.paragraph_heading = o.heading;
                self.paragraph_unit = Some(unit.clone());
                self.state = State::Reasons;
                return true;
            }
            if claims_para {
                s.paragraph = opening;
                self.paragraph_unit = Some(unit.clone());
                self.state = State::Reasons;
                return true;
            }
        }
        false
    }

    /// Within an instruction that adds list entries: the section heading, the designations printed
    /// with stars on the way down to each list, and the entries (a list's "(D) Name, ID.", a
    /// table's new row). What does not fit is left for the unplaced text.
    fn take_entry(&mut self, t: &str, reading: &str, unit: &Unit) -> bool {
        let Some(list) = &self.list else { return false };
        if let Some(heading) = list_entry::section_heading(t, &list.section) {
            if !heading.is_empty() {
                self.section_heading = Some(heading.to_string());
            }
            return true;
        }
        if self.section_heading.is_none() && unit.is_heading() && !t.starts_with('§') && !t.starts_with("PART ") {
            self.section_heading = Some(t.trim_end_matches('.').to_string());
            return true;
        }
        if t.replace([' ', '\\'], "") == "*****" {
            return true;
        }
        let Some(next) = list.added.get(self.entries.len()) else { return false };
        let authority = None;
        if let Some(d) = list_entry::starred(reading) {
            // A designation on the way down to the next entry's list.
            return next.paragraph.contains(&d);
        }
        match (&next.designation, &unit.kind) {
            (Some(d), _) => {
                let Some(system) = list_entry::entry_text(reading, d).and_then(list_entry::name_and_id) else {
                    return false;
                };
                if !self.same_system(&system) {
                    return false;
                }
                self.entry_systems.push(system);
                self.entries.push(ListEntry {
                    paragraph: Loc::synthetic(next.paragraph.clone()),
                    designation: Some(Loc::synthetic(d.clone())),
                    authority,
                    columns: Vec::new(),
                });
                true
            }
            (None, super::unit::UnitKind::Verbatim(md)) => {
                let (heads, rows) = list_entry::table(md);
                let [row] = rows.as_slice() else { return false };
                let Some(system) = list_entry::row_system(&heads, row).filter(|s| self.same_system(s)) else {
                    return false;
                };
                self.entry_systems.push(system);
                self.entries.push(ListEntry {
                    paragraph: Loc::synthetic(next.paragraph.clone()),
                    designation: None,
                    authority,
                    columns: heads.into_iter().map(Loc::synthetic).collect(),
                });
                true
            }
            (None, _) => false,
        }
    }

    /// Whether an entry names the system the first entry names: the model's entries all print the
    /// rule's one system, so an entry of another system is left for the unplaced text.
    fn same_system(&self, system: &(String, String)) -> bool {
        self.entry_systems.first().is_none_or(|first| first == system)
    }

    /// The system the first list entry names ("Name", "ID"), when the rule adds entries.
    fn listed_system(&self) -> Option<&(String, String)> {
        self.entry_systems.first()
    }

    /// Each entry's authority: the one its paragraph's list is exempt under, where sorn knows the
    /// section ([`list_entry::list_authority`]); else the claim's, when the rule claims one
    /// authority, or as many as it adds entries (in order, as sections list (j) before (k)).
    fn entry_authorities(&mut self, claims: &[crate::model::Claim]) {
        let section = self.list.as_ref().map_or("", |l| l.section.as_str()).to_string();
        let count = self.entries.len();
        for (k, entry) in self.entries.iter_mut().enumerate() {
            let known = list_entry::list_authority(&section, &entry.paragraph.value).map(str::to_string);
            let claimed = match claims {
                [one] => Some(one),
                many if many.len() == count => many.get(k),
                _ => None,
            };
            let from_claim = claimed.map(|c| c.authority.value.written().trim().to_string());
            entry.authority = known.or(from_claim).map(Loc::synthetic);
        }
    }

    /// An amendatory instruction; false for one sorn does not model (revising a section, say),
    /// after which the units are kept as unplaced.
    fn take_instruction(&mut self, reading: &str) -> bool {
        if reading.contains("authority citation") {
            self.state = State::Authority;
            return true;
        }
        match rule_forms::instruction(reading) {
            Some(Instruction::Entries(list)) if self.section.is_none() && self.paragraph.is_none() => {
                self.section = Some(SectionAmendment {
                    number: list.section.clone(),
                    amendment: Amendment::AmendByAdding,
                    added: Vec::new(),
                    paragraph: None,
                    revised: Vec::new(),
                    paragraph_heading: None,
                });
                self.list = Some(list);
                self.state = State::Entries;
                return true;
            }
            Some(Instruction::Section(s)) if self.section.is_none() && self.paragraph.is_none() => {
                self.section = Some(s);
                self.state = State::Section;
                return true;
            }
            Some(Instruction::Appendix(a)) => {
                self.whole_appendix = a.amendment == Amendment::AddAppendix;
                self.paragraph = if self.whole_appendix { Some(1) } else { a.paragraphs.first().copied() };
                self.more_paragraphs = a.paragraphs.get(1..).unwrap_or_default().to_vec();
                self.appendix = Some(a.appendix);
                self.appendix_amendment = Some(a.amendment).filter(|v| *v != Amendment::Add);
                if self.cfr_part.is_empty() {
                    self.cfr_part = a.part;
                }
                self.state = State::Appendix;
                return true;
            }
            _ => {}
        }
        self.state = State::Other;
        false
    }
}

/// A further system of an appendix rule, from its paragraph ("76. The DHS/ALL-002 ... consists
/// of ...") and the reasons after it.
fn further_system(
    number: u32,
    unit: &Unit,
    after: Vec<Unit>,
    texts: &[&str],
    ctx: &mut Ctx,
) -> Result<ExemptSystem, Box<ImportError>> {
    let rich = unit.reading_rich().from(format!("{number}. ").len()).trim();
    let (name, _) = rule_system_name("", &rich.text, texts, ctx);
    let part = read_system_part(Some(&rich), Some(unit), None, after, ctx)?;
    Ok(ExemptSystem {
        id: name.id,
        name: name.name,
        separator: name.separator,
        abbreviations: name.abbreviations,
        sorn: None,
        paragraph: Some(Loc::synthetic(Paragraph::Number(number))),
        reasons_paragraph: None,
        form: None,
        shares_paragraph: false,
        exemptions: part.exemptions,
        justifications: part.justifications,
    })
}

/// The systems a shared section paragraph lists after its claims, as printed: "(1) Judicial
/// Protection Information System (JUSTICE/USM-008).", taken from the units after the paragraph.
fn take_listed_systems(after: &mut Vec<Unit>) -> Vec<String> {
    static ITEM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\(\d{1,3}\)\s+(.+)$").expect("valid pattern"));
    let mut listed = Vec::new();
    while let Some(unit) = after.first() {
        let reading = unit.reading();
        let Some(printed) = ITEM.captures(reading.trim()).map(|c| c[1].trim().to_string()) else { break };
        if names::split_name_paren_id(&printed).is_none() {
            break;
        }
        listed.push(printed.trim_end_matches('.').to_string());
        after.remove(0);
    }
    listed
}

/// A further system listed in the paragraph of the one before it, sharing its claims and reasons.
fn listed_system(printed: &str, texts: &[&str]) -> ExemptSystem {
    let (name, _) = section_system_name(printed, texts);
    ExemptSystem {
        id: name.id,
        name: name.name,
        separator: name.separator,
        abbreviations: name.abbreviations,
        sorn: None,
        paragraph: None,
        reasons_paragraph: None,
        form: name.form,
        shares_paragraph: true,
        exemptions: RuleExemptions::default(),
        justifications: Vec::new(),
    }
}

/// A further section paragraph that names its system ("(c) The following system of records is
/// exempt from ...: Name (ID). ...") and the reasons after it.
fn further_section_system(
    designation: &str,
    unit: &Unit,
    after: Vec<Unit>,
    section: Option<&SectionAmendment>,
    texts: &[&str],
    ctx: &mut Ctx,
) -> Result<ExemptSystem, Box<ImportError>> {
    let reading = unit.reading();
    let skip = DESIGNATION.captures(&reading).map_or(0, |c| c[0].len());
    let rich = unit.reading_rich().from(skip).trim();
    let printed = rule_forms::section_system(&rich.text).unwrap_or_default();
    let (name, _) = section_system_name(&printed, texts);
    let mut section = section.cloned();
    if let Some(s) = &mut section {
        s.added.clear();
    }
    let part = read_system_part(Some(&rich), Some(unit), section.as_ref(), after, ctx)?;
    Ok(ExemptSystem {
        id: name.id,
        name: name.name,
        separator: name.separator,
        abbreviations: name.abbreviations,
        sorn: None,
        paragraph: Some(Loc::synthetic(Paragraph::Designation(designation.to_string()))),
        reasons_paragraph: part.reasons_paragraph.map(Loc::synthetic),
        form: name.form,
        shares_paragraph: false,
        exemptions: part.exemptions,
        justifications: part.justifications,
    })
}

/// The claims of a section paragraph that gives only the list ("(w) The following system of
/// records is exempted from 5 U.S.C. 552a(c)(3) ...: Name (ID).") when the next paragraph opens
/// with the authorities ("(x) These exemptions apply only to the extent that information in this
/// system is subject to exemption pursuant to 5 U.S.C. 552a(j)(2), (k)(1), or (k)(2). ..."), as
/// DOJ prints them.
fn claims_continued(
    rich: &super::rich::Rich,
    section: Option<&SectionAmendment>,
    next: Option<&Unit>,
) -> Option<claims::ClaimsFound> {
    section?;
    if claims::find(&rich.text).is_some() {
        return None;
    }
    let reading = next?.reading();
    let body = DESIGNATION.captures(&reading).map_or(reading.as_str(), |c| &reading[c[0].len()..]);
    let joined = format!("{} {}", rich.text.trim_end(), body.trim());
    let found = claims::find(&joined)?;
    (found.range.start < rich.text.len() && found.range.end > rich.text.trim_end().len()).then_some(found)
}

/// "(j) and (k)" when a text cites the exemption subsections without their paragraphs ("pursuant
/// to 5 U.S.C. 552a(j) and (k)"), which name no authority a claim can be typed under.
fn bare_authority(text: &str) -> Option<String> {
    let at = text.find("552a(j)").or_else(|| text.find("552a(k)"))?;
    let rest = &text[at + "552a".len()..];
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || " (),/or".contains(c))).unwrap_or(rest.len());
    let cited = rest[..end].trim().trim_end_matches([',', ' ']);
    let bare =
        ["(j)", "(k)"].iter().any(|p| cited.match_indices(p).any(|(i, _)| !cited[i + p.len()..].starts_with('(')));
    bare.then(|| cited.to_string())
}

/// What one system's paragraph says, read from the paragraph and the units after it: its
/// description, claims and note, the reasons' introduction (and, in a section, its designation),
/// and the reasons.
pub(crate) struct SystemPart {
    pub(crate) exemptions: RuleExemptions,
    pub(crate) justifications: Vec<Justification>,
    pub(crate) reasons_paragraph: Option<String>,
    pub(crate) numbering: Option<Numbering>,
    pub(crate) leadin: Option<Leadin>,
    pub(crate) citations: Option<Citations>,
}

/// Reads one system's paragraph (`para_rich`, without its number or designation; `paragraph_unit`
/// gives its line) and the reasons in `after_paragraph`.
fn read_system_part(
    para_rich: Option<&super::rich::Rich>,
    paragraph_unit: Option<&Unit>,
    section: Option<&SectionAmendment>,
    after_paragraph: Vec<Unit>,
    ctx: &mut Ctx,
) -> Result<SystemPart, Box<ImportError>> {
    // Description, claims, note.
    let mut reasons_run_in: Option<super::rich::Rich> = None;
    let mut exemptions = RuleExemptions {
        description: None,
        official: None,
        wording: None,
        claims: Vec::new(),
        note: None,
        reasons_intro: None,
        authority: None,
        other_systems: None,
        place: None,
    };
    let continued = para_rich.and_then(|rich| claims_continued(rich, section, after_paragraph.first()));
    if let (Some(rich), Some(found)) = (para_rich, continued) {
        // The list in the claims paragraph, its authority in the reasons paragraph after it.
        exemptions.description = ctx.inline(&rich.slice(0..found.range.start))?;
        exemptions.claims = found.to_model();
        exemptions.wording = ctx.inline(&rich.from(found.range.start).trim())?;
    } else if let Some(rich) = para_rich {
        match claims::find(&rich.text) {
            Some(found) => {
                exemptions.description = ctx.inline(&rich.slice(0..found.range.start))?;
                exemptions.claims = found.to_model();
                match &found.official {
                    Some(official) => exemptions.official = Some(Loc::synthetic(official.clone())),
                    None => exemptions.wording = ctx.inline(&rich.slice(found.range.clone()))?,
                }
                if let Some(generated) = found.normalized(&rich.text[found.range.clone()]) {
                    ctx.warn(paragraph_unit.map(|u| u.line), format!("the claim sentences print as: {generated}"));
                }
                let note = rich.from(found.range.end).trim();
                // "Exemptions from these particular subsections are justified ... for the
                // following reasons:" run into the paragraph is the reasons' lead-in.
                let intro_at = note.text.trim_end().ends_with(':').then(|| note.text.rfind(". ").map_or(0, |i| i + 2));
                match intro_at {
                    Some(at) => {
                        exemptions.note = ctx.inline(&note.slice(0..at))?;
                        reasons_run_in = Some(note.from(at));
                    }
                    None => exemptions.note = ctx.inline(&note)?,
                }
            }
            None => {
                let place = if section.is_some() { "section paragraph" } else { "appendix paragraph" };
                let next = after_paragraph.first().map(Unit::reading).unwrap_or_default();
                let why = match (bare_authority(&rich.text), bare_authority(&next)) {
                    (Some(bare), _) | (None, Some(bare)) => format!(
                        ": it names the authority as {bare} without its paragraph ((j)(2), (k)(2), ...), so the \
                         claims are not typed; the text is kept"
                    ),
                    (None, None) => "; the text is kept".to_string(),
                };
                ctx.warn(paragraph_unit.map(|u| u.line), format!("no claim sentences found in the {place}{why}"));
                exemptions.description = ctx.inline(rich)?;
            }
        }
    }

    let reasons = read_reasons(section, after_paragraph, ctx)?;
    let mut intro = reasons.intro;
    if let Some(run_in) = reasons_run_in {
        let line = paragraph_unit.map_or(0, |u| u.line);
        intro.insert(0, Unit::new(super::unit::UnitKind::Para, run_in, line));
    }
    exemptions.reasons_intro = ctx.prose(&intro)?;
    Ok(SystemPart {
        exemptions,
        justifications: reasons.justifications,
        reasons_paragraph: reasons.paragraph,
        numbering: reasons.numbering,
        leadin: reasons.leadin,
        citations: reasons.citations,
    })
}

/// The reasons after a system's paragraph: their introduction (in a section, with its
/// designation), then each lettered or numbered reason with the paragraphs that continue it.
pub(crate) struct Reasons {
    pub(crate) intro: Vec<Unit>,
    pub(crate) justifications: Vec<Justification>,
    pub(crate) paragraph: Option<String>,
    pub(crate) numbering: Option<Numbering>,
    pub(crate) leadin: Option<Leadin>,
    pub(crate) citations: Option<Citations>,
}

pub(crate) fn read_reasons(
    section: Option<&SectionAmendment>,
    after_paragraph: Vec<Unit>,
    ctx: &mut Ctx,
) -> Result<Reasons, Box<ImportError>> {
    // The intro, then "(a) From subsection ...".
    let mut justifications_out: Vec<Justification> = Vec::new();
    let mut intro: Vec<Unit> = Vec::new();
    let mut current: Option<(Justification, Vec<Unit>)> = None;
    let mut reasons_paragraph: Option<String> = None;
    let mut numbering: Option<Numbering> = None;
    let mut leadin: Option<Leadin> = None;
    // Each reason's lead-in as printed, compared once the citation style is known.
    let mut printed_leadins: Vec<(u32, String, String, usize)> = Vec::new();
    // Reasons that open like one but could not be read still hold their letter.
    let mut unread = 0;
    // Stars between the system's paragraph and a reasons paragraph that does not follow it
    // ("(c)(1)", "* * * * *", "(3) ..."): the paragraphs left out between them, which the
    // rendering prints again from the designations.
    let mut after_paragraph = after_paragraph;
    if section.is_some()
        && after_paragraph.len() > 1
        && after_paragraph[0].text().replace([' ', '\\'], "") == "*****"
        && DESIGNATION.is_match(&after_paragraph[1].reading())
    {
        after_paragraph.remove(0);
    }
    for (k, unit) in after_paragraph.into_iter().enumerate() {
        let reading = unit.reading();
        // "(h) Exemptions from the particular subsections are justified for the following reasons:"
        if k == 0
            && let Some(s) = section
            && justifications::parse(&reading).is_none()
            && let Some(c) = DESIGNATION.captures(&reading)
            && s.added.get(1).is_none_or(|d| *d == c[1] || nested_sibling(s.paragraph.as_deref(), d, &c[1]))
        {
            reasons_paragraph = Some(c[1].to_string());
            let rich = unit.reading_rich().from(c[0].len()).trim();
            intro.push(Unit { kind: super::unit::UnitKind::Para, rich, ..unit });
            continue;
        }
        if let Some(reason) = justifications::parse(&reading) {
            if let Some((mut j, extra)) = current.take() {
                append_text(&mut j, &extra, ctx)?;
                justifications_out.push(j);
            }
            let rich = unit.reading_rich().from(reason.text_start).trim();
            let text = ctx.inline(&rich)?.unwrap_or_else(|| Loc::synthetic(String::new()));
            let j = justification(&reason, text);
            leadin.get_or_insert(reason.leadin);
            let printed = reading[..reason.text_start].to_string();
            printed_leadins.push((unit.line, reason.letter.clone(), printed, justifications_out.len()));
            let style = *numbering.get_or_insert(if reason.letter.starts_with(|c: char| c.is_ascii_digit()) {
                Numbering::Numbers
            } else if reason.letter == "i" {
                Numbering::Roman
            } else if reason.letter.starts_with(|c: char| c.is_ascii_uppercase()) {
                Numbering::Capitals
            } else {
                Numbering::Letters
            });
            let expected = crate::model::justification_label(style, justifications_out.len() + unread);
            if reason.letter != expected {
                let how = if style == Numbering::Letters { "lettered" } else { "numbered" };
                ctx.warn(Some(unit.line), format!("reason ({}) is {how} ({expected}) in order", reason.letter));
            }
            current = Some((j, Vec::new()));
        } else if justifications::letter(&reading).is_some() {
            // It opens like a reason ("(d) From ...") but its provisions cannot be read.
            let kept =
                if current.is_some() { "in the text of the reason before it" } else { "in the reasons' introduction" };
            ctx.warn(Some(unit.line), format!("a reason whose provisions could not be read: kept {kept}"));
            unread += 1;
            match &mut current {
                Some((_, extra)) => extra.push(unit),
                None => intro.push(unit),
            }
        } else if let Some((_, extra)) = &mut current {
            extra.push(unit);
        } else {
            intro.push(unit);
        }
    }
    if let Some((mut j, extra)) = current.take() {
        append_text(&mut j, &extra, ctx)?;
        justifications_out.push(j);
    }
    let form = leadin.unwrap_or_default();
    let citations = leadin_citations(&printed_leadins, &mut justifications_out, form, ctx);
    Ok(Reasons {
        intro,
        justifications: justifications_out,
        paragraph: reasons_paragraph,
        numbering,
        leadin,
        citations,
    })
}

/// The citation style of the lead-ins: the one that prints more of them as printed (DHS's when
/// both print as many). A lead-in it prints otherwise is kept as the reason's `leadin` when it
/// cites exactly the reason's provisions ("From subsections (d)(1) through (4),"), and is a
/// warning at its line when it does not.
fn leadin_citations(
    printed: &[(u32, String, String, usize)],
    justifications: &mut [Justification],
    form: Leadin,
    ctx: &mut Ctx,
) -> Option<Citations> {
    let generated = |j: &Justification, citations: Citations, letter: &str| {
        format!("({letter}) {}", crate::lower::justification_leadin_cited(j, form, citations))
    };
    let matching = |citations: Citations| {
        let same = |(_, letter, p, i): &&(u32, String, String, usize)| {
            justifications.get(*i).is_some_and(|j| squash(&generated(j, citations, letter)) == squash(p))
        };
        printed.iter().filter(same).count()
    };
    let chosen = if matching(Citations::Compact) > matching(Citations::Expanded) {
        Citations::Compact
    } else {
        Citations::Expanded
    };
    for (line, letter, p, i) in printed {
        let Some(j) = justifications.get_mut(*i) else { continue };
        let g = generated(j, chosen, letter);
        if squash(&g) == squash(p) {
            continue;
        }
        j.leadin = printed_leadin(p, j);
        if j.leadin.is_none() {
            ctx.warn(Some(*line), format!("the lead-in prints as: {}", g.trim()));
        }
    }
    (chosen == Citations::Compact).then_some(chosen)
}

/// Whether `added` ("(c)(3)") is `printed` ("(3)") under the same outer paragraph as the system's
/// nested paragraph ("(c)(1)"), as a reasons paragraph beside it is printed.
fn nested_sibling(paragraph: Option<&str>, added: &str, printed: &str) -> bool {
    let Some(outer) = added.strip_suffix(printed).filter(|o| !o.is_empty()) else { return false };
    paragraph.is_some_and(|p| p.starts_with(outer) && p.len() > outer.len())
}

/// The system a list entry names ("Criminal Investigative Files of the Inspector General,
/// HHS/OS/OIG" and "09-90-0003"), with the subject sorn would generate.
fn listed_system_name(printed: &(String, String), texts: &[&str]) -> (SystemName, String) {
    let (name, id) = printed;
    let parts = names::NameParts { id: id.clone(), separator: None, name: name.clone(), id_last: true };
    let abbreviations = names::learn_abbreviations(texts, id);
    let system = names::system_name(&parts, &abbreviations);
    let generated = format!("Privacy Act of 1974: Implementation of Exemptions; {}", system.full_spelled());
    (system, generated)
}

/// The system's name from the way a section paragraph prints it ("Name (ID)"), with the form that
/// prints it so; and the subject sorn would generate.
fn section_system_name(printed: &str, texts: &[&str]) -> (SystemName, String) {
    let Some(parts) = names::split_name_paren_id(printed).or_else(|| names::split_id_name(printed)) else {
        let empty = names::NameParts {
            id: String::new(),
            separator: Some(String::new()),
            name: printed.to_string(),
            id_last: false,
        };
        return (names::system_name(&empty, &BTreeMap::new()), String::new());
    };
    let abbreviations = names::learn_abbreviations(texts, &parts.id);
    let mut name = names::system_name(&parts, &abbreviations);
    if parts.id_last
        && let Some(form) = names::derive_form(printed, &parts.id, &parts.name, false)
    {
        name.form = Some(Loc::synthetic(form));
        name.separator = None;
    }
    let generated = format!("Privacy Act of 1974: Implementation of Exemptions; {}", name.full_spelled());
    (name, generated)
}

fn justification(reason: &justifications::Reason, text: Loc<String>) -> Justification {
    let cover = |g: &justifications::Group| Cover {
        subsections: {
            let typed = crate::model::Provisions::of(&g.subsections);
            let mut elements: Vec<Loc<String>> = typed.elements().map(|e| e.map_str()).collect();
            elements.extend(g.unread.iter().map(|u| Loc::synthetic(u.clone())));
            crate::model::Provisions::read(elements)
        },
        heading: g.heading.clone().map(Loc::synthetic),
    };
    match reason.groups.as_slice() {
        [one] => {
            let c = cover(one);
            Justification { subsections: Some(c.subsections), heading: c.heading, covers: None, leadin: None, text }
        }
        many => Justification {
            subsections: None,
            heading: None,
            covers: Some(many.iter().map(cover).collect()),
            leadin: None,
            text,
        },
    }
}

/// A reason's lead-in as printed ("(ii) From subsections (d)(1) through (4), "), without its
/// designation, when its words cite exactly the provisions read from it (so that it prints as
/// written); `None` when it cannot be kept, and the generated lead-in prints.
fn printed_leadin(opening: &str, j: &Justification) -> Option<Loc<String>> {
    let words = opening.trim_start();
    let words = words.strip_prefix('(').and_then(|w| w.split_once(')')).map_or(words, |(_, rest)| rest).trim();
    let typed: Vec<crate::statute::Subsection> =
        crate::model::covers_of(j).iter().flat_map(|c| c.subsections.subsections()).collect();
    (!typed.is_empty() && crate::model::leadin_citations(words)? == typed).then(|| Loc::synthetic(words.to_string()))
}

/// Paragraphs that continue a reason join its text.
fn append_text(j: &mut Justification, extra: &[Unit], ctx: &Ctx) -> Result<(), Box<ImportError>> {
    if let Some(more) = ctx.prose(extra)? {
        j.text = Loc::synthetic(super::emit::prose_value(format!(
            "{}\n\n{}",
            j.text.value.trim_end(),
            more.value.trim_end()
        )));
    }
    Ok(())
}

/// The system's identifier, name and abbreviations, from the subject line ("…; Department of
/// Homeland Security/U.S. Immigration and Customs Enforcement-015 LeadTrac System of Records") and
/// the appendix paragraph ("The DHS/ICE-015 LeadTrac System of Records consists of …"); and the
/// subject sorn would generate.
fn rule_system_name(subject: &str, paragraph: &str, texts: &[&str], ctx: &mut Ctx) -> (SystemName, String) {
    let tail = subject
        .split_once("Implementation of Exemptions;")
        .map(|(_, t)| t)
        .or_else(|| subject.rsplit_once(';').map(|(_, t)| t))
        .unwrap_or("")
        .trim()
        .to_string();
    let para = paragraph.trim();
    let para = para.strip_prefix("The ").unwrap_or(para);
    let mut parts = names::split_id_name(para).filter(|p| !p.id_last);
    if let Some(p) = &mut parts {
        let words: Vec<&str> = p.name.split_whitespace().collect();
        let tail_words: Vec<&str> = tail.split_whitespace().collect();
        let k = (1..=words.len().min(tail_words.len()))
            .rev()
            .find(|&k| words[..k] == tail_words[tail_words.len() - k..])
            .unwrap_or(0);
        if k > 0 {
            p.name = words[..k].join(" ");
        } else {
            let cut = [" consists of", " is ", " contains", " was ", " will ", ","]
                .iter()
                .filter_map(|w| p.name.find(w))
                .chain(title_end(&p.name))
                .min()
                .unwrap_or(p.name.len());
            p.name = p.name[..cut].trim().to_string();
        }
    }
    if parts.is_none() {
        let mut learned = BTreeMap::new();
        for t in texts {
            for (i, _) in t.match_indices(" (") {
                let rest = &t[i + 2..];
                if let Some(close) = rest.find(')') {
                    let abbr = &rest[..close];
                    if (2..=8).contains(&abbr.len())
                        && abbr.chars().all(|c| c.is_ascii_uppercase())
                        && let Some(long) = names::long_form(&t[..i], abbr)
                    {
                        learned.entry(abbr.to_string()).or_insert(long);
                    }
                }
            }
        }
        parts = names::split_id_name(&names::compress(&tail, &learned));
    }
    let Some(parts) = parts else {
        ctx.warn(None, "no system identifier and name found in the subject line or the appendix paragraph");
        let empty =
            names::NameParts { id: String::new(), separator: Some(String::new()), name: tail.clone(), id_last: false };
        let name = names::system_name(&empty, &BTreeMap::new());
        return (name, String::new());
    };
    let mut abbreviations = names::learn_abbreviations(texts, &parts.id);
    // The subject spells the identifier out: align it with the identifier's tokens.
    let spelled = tail
        .strip_suffix(&parts.name)
        .map(|s| s.trim_end().trim_end_matches(parts.separator.as_deref().unwrap_or(" ").trim()).trim());
    if let Some(spelled) = spelled {
        let mut pattern = String::from("^");
        let tokens = names::id_tokens(&parts.id);
        let mut rest = parts.id.as_str();
        for token in &tokens {
            if let Some(i) = rest.find(token.as_str()) {
                pattern.push_str(&regex::escape(&rest[..i]));
                pattern.push_str("(.+?)");
                rest = &rest[i + token.len()..];
            }
        }
        pattern.push_str(&regex::escape(rest));
        pattern.push('$');
        if let Ok(re) = Regex::new(&pattern)
            && let Some(c) = re.captures(spelled)
        {
            for (k, token) in tokens.iter().enumerate() {
                if let Some(m) = c.get(k + 1)
                    && m.as_str() != token
                {
                    abbreviations.insert(token.clone(), m.as_str().trim().to_string());
                }
            }
        }
    }
    let name = names::system_name(&parts, &abbreviations);
    let generated = format!("Privacy Act of 1974: Implementation of Exemptions; {}", name.full_spelled());
    (name, generated)
}

/// Where a system's name ends in running text that goes on with a verb: a name is written in
/// title case ("Department of Homeland Security (DHS) Freedom of Information Act (FOIA) and
/// Privacy Act (PA) Record System allows the DHS ..."), so it ends before the first word that is
/// neither capitalized, an abbreviation in parentheses, nor a joining word ("of", "and", "the",
/// ...), and after its last capitalized word. `None` when every word belongs to the name.
fn title_end(text: &str) -> Option<usize> {
    const JOINING: &[&str] =
        &["of", "and", "or", "the", "for", "in", "on", "to", "a", "an", "by", "at", "from", "with", "under", "&"];
    let mut last_capital_end = 0;
    for word in text.split_whitespace() {
        // The word's offset in `text` (it is a subslice of it).
        let at = word.as_ptr() as usize - text.as_ptr() as usize;
        let bare =
            word.trim_matches(|c: char| matches!(c, '(' | ')' | ',' | '.' | ';' | ':' | '"' | '\u{201c}' | '\u{201d}'));
        let capital = bare.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        if capital || word.starts_with('(') {
            last_capital_end = at + word.trim_end_matches([',', '.', ';', ':']).len();
        } else if !JOINING.contains(&bare) {
            return (last_capital_end > 0).then_some(last_capital_end);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_end_where_title_case_ends() {
        let text = "Department of Homeland Security (DHS) Freedom of Information Act (FOIA) and Privacy Act (PA) Record System allows the DHS and its components";
        assert_eq!(
            &text[..title_end(text).unwrap()],
            "Department of Homeland Security (DHS) Freedom of Information Act (FOIA) and Privacy Act (PA) Record System"
        );
        assert_eq!(title_end("LeadTrac System of Records"), None);
        let text = "Law Enforcement Authority in Support of the Protection of Property Owned or Occupied by the Federal Government consists of";
        assert_eq!(
            &text[..title_end(text).unwrap()],
            "Law Enforcement Authority in Support of the Protection of Property Owned or Occupied by the Federal Government"
        );
    }

    #[test]
    fn section_headings_and_systems() {
        let c =
            SECTION_HEADING.captures("§ 16.135 Exemption of Civil Rights Division Systems—limited access.").unwrap();
        assert_eq!(&c[1], "16.135");
        assert_eq!(&c[2], "Exemption of Civil Rights Division Systems—limited access");
        let c = SECTION_HEADING.captures("§ 16.135").unwrap();
        assert_eq!(&c[1], "16.135");
        assert!(c.get(2).is_none());
        let (name, _) = section_system_name("FBI Data Warehouse System (JUSTICE/FBI-022)", &[]);
        assert_eq!(name.id.value, "JUSTICE/FBI-022");
        assert_eq!(name.name.value, "FBI Data Warehouse System");
        assert_eq!(name.form.as_ref().map(|f| f.value.as_str()), Some("{name} ({id})"));
        let c = SUBPART.captures("Subpart E—Exemption of Records Systems Under the Privacy Act").unwrap();
        assert_eq!((&c[1], &c[2]), ("E", "Exemption of Records Systems Under the Privacy Act"));
    }

    #[test]
    fn system_name_from_subject_and_paragraph() {
        let mut ctx = Ctx::default();
        let (name, generated) = rule_system_name(
            "Privacy Act of 1974: Implementation of Exemptions; Department of Homeland Security/U.S. Immigration and Customs Enforcement-015 LeadTrac System of Records",
            "The DHS/ICE-015 LeadTrac System of Records consists of electronic and paper records.",
            &[],
            &mut ctx,
        );
        assert_eq!(name.id.value, "DHS/ICE-015");
        assert_eq!(name.name.value, "LeadTrac System of Records");
        assert_eq!(name.abbreviations["ICE"].value, "U.S. Immigration and Customs Enforcement");
        assert!(generated.ends_with("Enforcement-015 LeadTrac System of Records"));
    }

    #[test]
    fn text_edition_forms() {
        assert_eq!(
            without_bullet("0 2. Amend Sec. 16.96 by adding paragraph (w)"),
            "2. Amend Sec. 16.96 by adding paragraph (w)"
        );
        assert_eq!(without_bullet("\u{25a0} 2. Amend"), "2. Amend");
        assert_eq!(without_bullet("0 days"), "0 days");
        let c = SUBJECTS
            .captures("List of Subjects in 28 CFR Part 16 Administrative practices and procedures, Privacy.")
            .unwrap();
        assert_eq!(
            (&c[1], &c[2], c.name("terms").map(|m| m.as_str())),
            ("28", "16", Some("Administrative practices and procedures, Privacy."))
        );
        assert!(OTHER_ISSUANCE.is_match(
            "Pursuant to the authority vested in the Attorney General by 5 U.S.C. 552a and delegated to me by Attorney General Order 2940-2008, 28 CFR part 16 is amended as follows:"
        ));
        assert!(!OTHER_ISSUANCE.is_match("Pursuant to 5 U.S.C. 552a(k)(2), the Department has exempted this system."));
        assert!(OTHER_ISSUANCE.is_match(
            "For the reasons stated in the preamble, we propose to amend subpart B of part 401 of chapter III of title 20 of the Code of Federal Regulations as set forth below:"
        ));
    }

    #[test]
    fn systems_listed_after_a_shared_paragraph() {
        let unit = |t: &str| Unit::new(super::super::unit::UnitKind::Para, super::super::rich::Rich::plain(t), 1);
        let mut after = vec![
            unit("(1) Judicial Protection Information System (JUSTICE/USM-008)."),
            unit("(2) Witness Security Files Information System (JUSTICE/USM-004)."),
            unit("(b) These exemptions apply only to the extent that ..."),
        ];
        let listed = take_listed_systems(&mut after);
        assert_eq!(
            listed,
            [
                "Judicial Protection Information System (JUSTICE/USM-008)",
                "Witness Security Files Information System (JUSTICE/USM-004)"
            ]
        );
        assert_eq!(after.len(), 1, "the reasons paragraph stays");
        let system = listed_system(&listed[1], &[]);
        assert!(system.shares_paragraph);
        assert_eq!(
            (system.id.value.as_str(), system.form.map(|f| f.value)),
            ("JUSTICE/USM-004", Some("{name} ({id})".into()))
        );
        // A numbered reason is no listed system.
        let mut reasons = vec![unit("(1) Subsection (c)(3). To provide the subject ...")];
        assert!(take_listed_systems(&mut reasons).is_empty());
    }

    #[test]
    fn bare_authorities() {
        assert_eq!(bare_authority("pursuant to 5 U.S.C. 552a(j) and (k). Where"), Some("(j) and (k)".to_string()));
        assert_eq!(bare_authority("pursuant to 5 U.S.C. 552a(j)(2) and (k)(2)."), None);
        assert_eq!(bare_authority("pursuant to 5 U.S.C. 552a(j)(2) or (k)."), Some("(j)(2) or (k)".to_string()));
    }
}
