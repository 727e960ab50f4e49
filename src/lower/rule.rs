//! Lowering an exemption rule: preamble, List of Subjects, words of issuance, amendatory
//! instructions, and the system's paragraph (a numbered appendix paragraph, or the designated
//! paragraphs of a section under its "§ 16.135 Heading." line) with its lettered or numbered reasons.

use super::LowerOptions;
use super::common::{self, Context, Dates, caption, claim_sentences, heading_lines, mark, preamble_tail};
use crate::frdoc::{Block, FrDocument, escape};
use crate::model::{
    Amendment, ExemptionRule, Leadin, SectionForm, SignaturePlacement, Stage, StatementPlace, designation_levels,
    justification_label,
};

/// Lowers an exemption rule.
pub fn lower(r: &ExemptionRule, options: &LowerOptions) -> FrDocument {
    let dates = Dates::compute(&r.notice, r.published.as_ref(), &options.calendar);
    let ctx = Context {
        system: r.system.clone(),
        agency: &r.agency,
        docket: r.notice.docket.as_ref().map(|d| d.value.trim()),
        dates,
    };
    let title = r.cfr.title.value;
    let part = r.cfr.part.value.trim();
    // A rule of one system is its own view, borrowed; only a rule of several is split.
    let views: std::borrow::Cow<'_, [crate::model::ExemptionRule]> =
        if r.systems.is_empty() { std::slice::from_ref(r).into() } else { r.per_system().into() };
    let subject = match &r.notice.subject {
        Some(p) => ctx.prose(p),
        None => {
            let names: Vec<String> = views.iter().map(|v| v.system.full_spelled()).collect();
            format!("Privacy Act of 1974: Implementation of Exemptions; {}", common::join_and(&names))
        }
    };
    let mut blocks = heading_lines(&r.notice, &r.agency, Some(format!("{title} CFR Part {part}")), subject.clone());

    let agency_caption = match &r.notice.agency {
        Some(p) => ctx.prose(p),
        None => escape(&format!("{}.", r.agency.name.value.trim())),
    };
    blocks.push(Block::Caption { label: "AGENCY".into(), body: agency_caption });
    let action = match (&r.notice.action, r.stage.value) {
        (Some(p), _) => ctx.prose(p),
        (None, Stage::Final) => "Final rule.".into(),
        (None, Stage::Proposed) => "Notice of proposed rulemaking.".into(),
    };
    blocks.push(Block::Caption { label: "ACTION".into(), body: action });
    blocks.extend(caption("SUMMARY", r.notice.summary.as_ref().map(|p| ctx.prose(p))));
    blocks.extend(caption("DATES", dates_text(r, &ctx)));
    preamble_tail(&ctx, &r.notice, &mut blocks);
    if r.exemptions.place() == StatementPlace::Preamble {
        statement_paragraphs(r, &ctx, &mut blocks);
        if let Some(after) = &r.supplementary_after {
            blocks.push(Block::Markdown(ctx.prose(after)));
        }
    }

    if !r.cfr.subjects.is_empty() {
        blocks.push(Block::Heading(3, format!("List of Subjects in {title} CFR Part {part}")));
        let terms: Vec<&str> = r.cfr.subjects.iter().map(|s| s.value.trim()).collect();
        blocks.push(Block::Markdown(escape(&format!("{}.", terms.join(", ")))));
    }

    let verb = match r.stage.value {
        Stage::Final => "amends",
        Stage::Proposed => "proposes to amend",
    };
    let target = match &r.cfr.chapter {
        Some(ch) => format!("chapter {} of title {title}, Code of Federal Regulations,", ch.value.trim()),
        None => format!("{title} CFR part {part}"),
    };
    let signature_first = r.signature.as_ref().filter(|s| s.placement == SignaturePlacement::BeforeSystem);
    blocks.extend(signature_first.map(common::signature));
    blocks.push(Block::Markdown(match &r.cfr.issuance {
        Some(words) => ctx.prose(words),
        None => escape(&format!(
            "For the reasons stated in the preamble, {} {verb} {target} as follows:",
            ctx.agency_short()
        )),
    }));
    if let Some(h) = &r.cfr.part_heading {
        blocks.push(Block::Heading(3, format!("PART {part}—{}", h.value.trim())));
    }

    let mut instruction = 0;
    if let Some(authority) = &r.cfr.authority {
        instruction += 1;
        blocks.push(Block::Instruction(
            instruction,
            escape(&format!("The authority citation for part {part} continues to read as follows:")),
        ));
        blocks.push(Block::Caption { label: "Authority".into(), body: ctx.prose(authority) });
    }
    if let (Some(sub), Some(h)) = (&r.cfr.subpart, &r.cfr.subpart_heading) {
        blocks.push(Block::Heading(4, format!("Subpart {}—{}", sub.value.trim(), h.value.trim())));
    }
    instruction += 1;
    blocks.push(Block::Instruction(instruction, escape(&amendatory_instruction(r))));
    amended_heading(r, &ctx, part, &mut blocks);

    // The parent of the DoD block printed last: blocks under the same parent print it once.
    let mut parent = None;
    for group in r.paragraph_groups() {
        let Some(view) = group.first() else { continue };
        if view.exemptions.place() != StatementPlace::Regulation {
            continue;
        }
        let ctx = Context { system: view.system.clone(), ..ctx.clone() };
        match r.cfr.form() {
            SectionForm::DodBlock => block_paragraphs(view, &ctx, &mut parent, &mut blocks),
            SectionForm::Paragraphs => system_paragraphs(&group, &ctx, &mut blocks),
        }
    }

    blocks.extend(r.signature.as_ref().filter(|s| s.placement == SignaturePlacement::End).map(common::signature));
    blocks.extend(common::published_end(r.fr_doc.as_ref(), &r.notice));
    let section = match r.stage.value {
        Stage::Final => "Rules and Regulations",
        Stage::Proposed => "Proposed Rules",
    };
    FrDocument { title: subject, section, blocks }
}

/// The heading of what the instruction amends (the section's number-and-heading line, or the
/// appendix heading) and what follows it before the system's paragraphs: stars for the paragraphs
/// left out, or the introduction of an appendix added whole.
fn amended_heading(r: &ExemptionRule, ctx: &Context<'_>, part: &str, blocks: &mut Vec<Block>) {
    let section = r.cfr.section.as_ref().map(|s| s.value.trim());
    if let Some(section) = section {
        let heading = match &r.cfr.section_heading {
            Some(h) => {
                let h = h.value.trim();
                if h.ends_with(['.', '?', '!']) { format!("§ {section} {h}") } else { format!("§ {section} {h}.") }
            }
            None => format!("§ {section}"),
        };
        blocks.push(Block::Heading(4, heading));
        if matches!(r.cfr.amendment(), Amendment::AmendByAdding | Amendment::ReviseAndAdd) {
            blocks.push(Block::Stars);
        }
        list_entries(r, blocks);
    } else {
        let appendix = r.cfr.appendix.as_ref().map_or("", |a| a.value.trim());
        let heading = match &r.cfr.appendix_heading {
            Some(h) => format!("Appendix {appendix} to Part {part}—{}", h.value.trim()),
            None => format!("Appendix {appendix} to Part {part}"),
        };
        blocks.push(Block::Heading(4, heading));
        if r.cfr.amendment() == Amendment::AddAppendix {
            // The whole appendix: its introduction, then every paragraph; nothing is left out.
            if let Some(intro) = &r.cfr.appendix_intro {
                blocks.push(Block::Markdown(ctx.prose(intro)));
            }
        } else {
            blocks.push(Block::Stars);
        }
    }
}

/// The entries a rule adds to the lists or tables of a section ([`crate::model::ListEntry`]), as
/// the FR prints them: each designation on the way down to the list with stars for its unchanged
/// text ("(b) \* \* \*", "(2) \* \* \*", "(i) \* \* \*") where the entry before did not
/// already print it, then the entry ("(D) Name, ID.") or the table with its new row between
/// stars; stars after the last.
fn list_entries(r: &ExemptionRule, blocks: &mut Vec<Block>) {
    if r.cfr.entries.is_empty() {
        return;
    }
    let system = &r.system;
    let mut printed: Vec<String> = Vec::new();
    for entry in &r.cfr.entries {
        let levels = entry.levels();
        let shared = printed.iter().zip(&levels).take_while(|(a, b)| a == b).count();
        // A table's own paragraph prints its stars too; a list's last level is the entry's.
        for level in &levels[shared.min(levels.len())..] {
            blocks.push(Block::Markdown(escape(&format!("{level} * * *"))));
        }
        printed = levels;
        let id = system.id.value.trim();
        let name = system.name.value.trim().trim_end_matches('.');
        match &entry.designation {
            Some(d) => blocks.push(Block::Markdown(escape(&format!("{} {name}, {id}.", d.value.trim())))),
            None => blocks.push(Block::Markdown(table_row(&entry.columns, id, name))),
        }
    }
    blocks.push(Block::Stars);
}

/// A table of one new row between stars, in Markdown: the identifier under a "number" column
/// head, the name (ending in a period, as the tables print it) under the others.
fn table_row(columns: &[crate::model::Loc<String>], id: &str, name: &str) -> String {
    // A line break would end the table's row.
    let one_line = |t: &str| escape(&t.split_whitespace().collect::<Vec<_>>().join(" "));
    let heads: Vec<String> = columns.iter().map(|c| one_line(&c.value)).collect();
    let heads = if heads.is_empty() { vec!["Number".to_string(), "System name".to_string()] } else { heads };
    let cell = |head: &str| {
        let h = head.to_lowercase();
        if h.contains("name") || h.contains("title") { one_line(&format!("{name}.")) } else { one_line(id) }
    };
    let row_of = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
    let stars =
        row_of((0..heads.len()).map(|i| if i == 0 { "\\* \\* \\*".to_string() } else { String::new() }).collect());
    [
        row_of(heads.clone()),
        row_of(heads.iter().map(|_| "---".to_string()).collect()),
        stars.clone(),
        row_of(heads.iter().map(|h| cell(h)).collect()),
        stars,
    ]
    .join("\n")
}

/// The claims and reasons a rule states in its preamble (`exemptions.place = "preamble"`): the
/// paragraph that states the claims, the reasons' introduction and the reasons.
fn statement_paragraphs(r: &ExemptionRule, ctx: &Context<'_>, blocks: &mut Vec<Block>) {
    let mut body = Vec::new();
    exemption_sentences(r, ctx, &mut body);
    if !body.is_empty() {
        blocks.push(Block::Markdown(body.join(" ")));
    }
    reasons(r, ctx, blocks);
}

/// The description, claim sentences (as written or generated) and note of a system's paragraph.
fn exemption_sentences(r: &ExemptionRule, ctx: &Context<'_>, body: &mut Vec<String>) {
    if let Some(d) = &r.exemptions.description {
        body.push(ctx.prose(d));
    }
    if let Some(wording) = &r.exemptions.wording {
        body.push(ctx.prose(wording));
    } else if !r.exemptions.claims.is_empty() {
        let who = common::official(r.exemptions.official.as_ref(), &r.agency);
        body.push(escape(&claim_sentences(&who, &r.exemptions.claims)));
    }
    if let Some(note) = &r.exemptions.note {
        body.push(ctx.prose(note));
    }
}

/// One system's paragraph (its designation, description and claims), the systems listed in it
/// with it ("(1) Name (ID)."), and its reasons, under their own designation in a section.
fn system_paragraphs(group: &[ExemptionRule], ctx: &Context<'_>, blocks: &mut Vec<Block>) {
    let Some(r) = group.first() else { return };
    let paragraph = r.cfr.paragraph.as_ref().map(|p| p.value.to_string());
    let mut body = Vec::new();
    match (&paragraph, &r.cfr.section) {
        (Some(p), None) => body.push(escape(&format!("{p}."))),
        (Some(p), Some(_)) => body.push(designation_with_heading(p, r.cfr.paragraph_heading.as_ref())),
        (None, _) => {}
    }
    exemption_sentences(r, ctx, &mut body);
    blocks.push(Block::Markdown(body.join(" ")));
    if group.len() > 1 {
        for (i, listed) in group.iter().enumerate() {
            blocks.push(Block::Markdown(escape(&format!("({}) {}", i + 1, sentence(&listed.system.caption())))));
        }
    }
    if let (Some(p), Some(reasons)) = (&paragraph, &r.cfr.reasons_paragraph)
        && r.cfr.section.is_some()
        && skips_paragraphs(p, reasons.value.trim())
    {
        // "(c)(1)" then "(3)": the unchanged (c)(2) between them is left out.
        blocks.push(Block::Stars);
    }
    reasons(r, ctx, blocks);
}

/// The reasons' introduction (with its designation in a section) and the reasons, each with its
/// label and generated lead-in, or as written.
fn reasons(r: &ExemptionRule, ctx: &Context<'_>, blocks: &mut Vec<Block>) {
    let reasons_designation = r.cfr.reasons_paragraph.as_ref().map(|p| p.value.trim());
    match (reasons_designation, &r.exemptions.reasons_intro) {
        (Some(d), Some(intro)) => blocks.push(Block::Markdown(format!("{} {}", escape(d), ctx.prose(intro)))),
        (Some(d), None) => blocks.push(Block::Markdown(escape(d))),
        (None, Some(intro)) => blocks.push(Block::Markdown(ctx.prose(intro))),
        (None, None) => {}
    }
    for (i, j) in r.justifications.iter().enumerate() {
        blocks.push(Block::Markdown(reason(r, ctx, i, j)));
    }
}

/// The `i`th reason: its label and lead-in (the one the agency printed, or the one generated from
/// its provisions), then its text; or its text alone when the reasons are printed as written
/// (`cfr.leadin = "written"`).
fn reason(r: &ExemptionRule, ctx: &Context<'_>, i: usize, j: &crate::model::Justification) -> String {
    if r.cfr.leadin() == Leadin::Written {
        return ctx.prose(&j.text);
    }
    let words = match &j.leadin {
        Some(printed) => printed.value.trim().to_string(),
        None => common::justification_leadin_cited(j, r.cfr.leadin(), r.cfr.citations()),
    };
    let lead = escape(&format!("({}) {words}", justification_label(r.cfr.numbering(), i)));
    format!("{lead} {}", ctx.prose(&j.text))
}

/// A text closed by a period, unless it ends in one already (inside quotation marks too).
fn sentence(text: &str) -> String {
    let t = text.trim();
    if t.trim_end_matches(['"', '\u{201d}']).ends_with(['.', '?', '!']) { t.to_string() } else { format!("{t}.") }
}

/// One system's DoD block (32 CFR part 310): its parent's designation and stars ("(d) * * *")
/// where the block is a subparagraph and the block before it has another parent, then the captioned subparagraphs numbered (i), (ii), ...:
/// the system's identifier and name, the exemption (the claims), the authority, the reasons
/// lettered (A), (B), ... (the first run in after the caption when no introduction stands
/// before them), and the exempt records from other systems.
fn block_paragraphs(r: &ExemptionRule, ctx: &Context<'_>, printed: &mut Option<String>, blocks: &mut Vec<Block>) {
    let designation = r.cfr.paragraph.as_ref().map(|p| p.value.to_string()).unwrap_or_default();
    let own = designation.rfind('(').map_or(designation.as_str(), |i| &designation[i..]);
    let parent = &designation[..designation.len() - own.len()];
    if !parent.is_empty() && printed.as_deref() != Some(parent) {
        blocks.push(Block::Markdown(escape(&format!("{parent} * * *"))));
    }
    *printed = Some(parent.to_string());
    let [identifier, exemption, authority, reasons, other_systems] =
        crate::model::BlockCaptions::printed(r.cfr.block_captions.as_ref());
    let open = |caption: &str| if own.is_empty() { caption.to_string() } else { format!("{own} {caption}") };
    blocks.push(Block::Markdown(escape(&format!("{} {}", open(&identifier), sentence(&r.system.caption())))));
    let mut parts: Vec<(String, String)> = Vec::new();
    let claims = match &r.exemptions.wording {
        Some(w) => ctx.prose(w),
        None => {
            let who = common::official(r.exemptions.official.as_ref(), &r.agency);
            escape(&claim_sentences(&who, &r.exemptions.claims))
        }
    };
    parts.push((exemption, claims));
    if let Some(a) = &r.exemptions.authority {
        parts.push((authority, ctx.prose(a)));
    }
    let mut reasons_text: Vec<String> =
        r.justifications.iter().enumerate().map(|(i, j)| reason(r, ctx, i, j)).collect();
    let run_in = match &r.exemptions.reasons_intro {
        Some(intro) => ctx.prose(intro),
        None if !reasons_text.is_empty() => reasons_text.remove(0),
        None => String::new(),
    };
    parts.push((reasons, run_in));
    let other = r.exemptions.other_systems.as_ref().map(|o| (other_systems, ctx.prose(o)));
    for (i, (caption, text)) in parts.into_iter().enumerate() {
        blocks.push(Block::Markdown(format!(
            "({}) {} {text}",
            justification_label(crate::model::Numbering::Roman, i),
            escape(&caption)
        )));
        if i == 2 || (i == 1 && r.exemptions.authority.is_none()) {
            blocks.extend(reasons_text.drain(..).map(Block::Markdown));
        }
    }
    if let Some((caption, text)) = other {
        let n = if r.exemptions.authority.is_some() { 4 } else { 3 };
        blocks.push(Block::Markdown(format!(
            "({}) {} {text}",
            justification_label(crate::model::Numbering::Roman, n - 1),
            escape(&caption)
        )));
    }
}

/// A section paragraph's designation, with the heading of the paragraph it is nested in printed
/// between the levels as the CFR prints a headed paragraph: "(c) *Specific exemptions.* (1)". A
/// designation of one level, or without a heading, prints as written.
fn designation_with_heading(designation: &str, heading: Option<&crate::model::Loc<String>>) -> String {
    let levels = designation_levels(designation);
    match (heading, levels.split_last()) {
        (Some(h), Some((last, outer))) if !outer.is_empty() => {
            format!("{} *{}* {}", escape(&outer.concat()), escape(h.value.trim()), escape(last))
        }
        _ => escape(designation),
    }
}

/// Whether a reasons paragraph designated at the level of the system paragraph's last designation
/// leaves paragraphs out between them ("(c)(1)" then "(3)"), which then print as stars. Letters
/// and numbers are compared; anything else is taken as following.
fn skips_paragraphs(paragraph: &str, reasons: &str) -> bool {
    let last = designation_levels(paragraph).last().map(|l| l.trim_matches(['(', ')']).to_string());
    let next = reasons.trim().trim_matches(['(', ')']);
    let Some(last) = last else { return false };
    match (last.parse::<u32>(), next.parse::<u32>()) {
        (Ok(a), Ok(b)) => b > a + 1,
        (Err(_), Err(_)) if last.len() == 1 && next.len() == 1 => {
            let (a, b) = (last.as_bytes()[0], next.as_bytes()[0]);
            a.is_ascii_lowercase() && b.is_ascii_lowercase() && b > a + 1
        }
        _ => false,
    }
}

/// The paragraphs a rule adds, in order: each system's paragraph and, in a section, its reasons
/// paragraph when it stands beside it ("75", "76"; "(g)", "(h)", "(i)", "(j)"); a reasons
/// paragraph inside the system's ("(e)" then "(2)", as VA designates them) is added with it.
fn added_paragraphs(r: &ExemptionRule) -> Vec<String> {
    let level = |d: &str| d.trim().trim_start_matches('(').chars().next().map(|c| c.is_ascii_digit());
    let mut out = Vec::new();
    for view in r.paragraph_groups().into_iter().filter_map(|g| g.into_iter().next()) {
        let paragraph = view.cfr.paragraph.as_ref().map(|p| p.value.to_string());
        out.extend(paragraph.clone());
        if r.cfr.section.is_some()
            && let Some(reasons) = &view.cfr.reasons_paragraph
        {
            let levels = paragraph.as_deref().map(designation_levels).unwrap_or_default();
            if paragraph.as_deref().is_none_or(|p| level(p) == level(&reasons.value)) {
                out.push(reasons.value.trim().to_string());
            } else if let Some((last, outer)) = levels.split_last()
                && !outer.is_empty()
                && level(last) == level(&reasons.value)
            {
                // "(c)(1)" and its sibling "(3)": the instruction names "(c)(3)".
                out.push(format!("{}{}", outer.concat(), reasons.value.trim()));
            }
        }
    }
    out
}

/// The amendatory instruction for the system's paragraph(s), worded as the Document Drafting
/// Handbook words them: "Add paragraph 75 to appendix C to part 5 to read as follows:", "Amend
/// § 16.135 by adding paragraphs (g) and (h) to read as follows:", "Revise § 16.135 to read as
/// follows:", "Add § 310.52 to read as follows:".
pub fn amendatory_instruction(r: &ExemptionRule) -> String {
    let part = r.cfr.part.value.trim();
    let amendment = r.cfr.amendment();
    let added = added_paragraphs(r);
    let noun = if added.len() > 1 { "paragraphs" } else { "paragraph" };
    let list = common::join_and(&added);
    if let Some(section) = &r.cfr.section {
        let section = section.value.trim();
        if let Some(instruction) = entries_instruction(r, section) {
            return instruction;
        }
        return match amendment {
            Amendment::Add | Amendment::AddAppendix => format!("Add § {section} to read as follows:"),
            Amendment::Revise => format!("Revise § {section} to read as follows:"),
            Amendment::AmendByAdding => format!("Amend § {section} by adding {noun} {list} to read as follows:"),
            Amendment::ReviseAndAdd => {
                let revised: Vec<String> = r.cfr.revised.iter().map(|p| p.value.trim().to_string()).collect();
                let added: Vec<String> = added.into_iter().filter(|p| !revised.contains(p)).collect();
                let noun = |list: &[String]| if list.len() > 1 { "paragraphs" } else { "paragraph" };
                format!(
                    "Amend § {section} by revising {} {} and adding {} {} to read as follows:",
                    noun(&revised),
                    common::join_and(&revised),
                    noun(&added),
                    common::join_and(&added)
                )
            }
        };
    }
    let appendix = r.cfr.appendix.as_ref().map_or("", |a| a.value.trim());
    match amendment {
        Amendment::Add => format!("Add {noun} {list} to appendix {appendix} to part {part} to read as follows:"),
        Amendment::AddAppendix => format!("Add appendix {appendix} to part {part} to read as follows:"),
        Amendment::ReviseAndAdd => {
            format!("Amend appendix {appendix} to part {part} by revising and adding {noun} {list} to read as follows:")
        }
        Amendment::AmendByAdding => {
            format!("Amend appendix {appendix} to part {part} by adding {noun} {list} to read as follows:")
        }
        Amendment::Revise => {
            format!("Amend appendix {appendix} to part {part} by revising {noun} {list} to read as follows:")
        }
    }
}

/// The instruction for entries added to a section's lists ("Amend § 5b.11 by adding paragraphs
/// (b)(2)(i)(D) and (b)(2)(ii)(L) to read as follows:") or to a table ("Amend § 1.36 by adding the
/// following entry to the table in paragraph (g)(1)(i) in numerical order:").
fn entries_instruction(r: &ExemptionRule, section: &str) -> Option<String> {
    let entries = &r.cfr.entries;
    if entries.is_empty() {
        return None;
    }
    let tables: Vec<String> =
        entries.iter().filter(|e| e.designation.is_none()).map(|e| e.paragraph.value.trim().to_string()).collect();
    let listed: Vec<String> = entries.iter().filter(|e| e.designation.is_some()).map(|e| e.designation()).collect();
    let mut parts = Vec::new();
    if !listed.is_empty() {
        let noun = if listed.len() > 1 { "paragraphs" } else { "paragraph" };
        parts.push(format!("{noun} {}", common::join_and(&listed)));
    }
    if !tables.is_empty() {
        let (noun, object) =
            if tables.len() > 1 { ("tables in paragraphs", "entries") } else { ("table in paragraph", "entry") };
        parts.push(format!("the following {object} to the {noun} {} in numerical order", common::join_and(&tables)));
    }
    let ending = if listed.is_empty() { ":" } else { " to read as follows:" };
    Some(format!("Amend § {section} by adding {}{ending}", common::join_and(&parts)))
}

fn dates_text(r: &ExemptionRule, ctx: &Context<'_>) -> Option<String> {
    if let Some(p) = &r.notice.dates {
        return Some(ctx.prose(p));
    }
    let mut sentences = Vec::new();
    if let Some(due) = &ctx.dates.comments_due {
        sentences.push(format!("Comments must be received on or before {}.", mark(due)));
    }
    if r.stage.value == Stage::Final {
        let effective = ctx.dates.effective.clone().unwrap_or_else(|| ctx.dates.published.clone());
        sentences.push(format!("This final rule is effective {}.", mark(&effective)));
    }
    (!sentences.is_empty()).then(|| sentences.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Loc;

    #[test]
    fn nested_designations_print_their_heading_between_the_levels() {
        let heading = Loc::synthetic("Specific exemptions.".to_string());
        assert_eq!(designation_with_heading("(c)(1)", Some(&heading)), "(c) *Specific exemptions.* (1)");
        assert_eq!(designation_with_heading("(c)(1)", None), "(c)(1)");
        assert_eq!(designation_with_heading("(g)", Some(&heading)), "(g)");
        assert_eq!(designation_levels("(b)(2)(ii)"), ["(b)", "(2)", "(ii)"]);
    }

    #[test]
    fn a_table_row_stays_one_row_whatever_the_name() {
        let heads = [Loc::synthetic("Number".to_string()), Loc::synthetic("System name".to_string())];
        let table = table_row(&heads, "FinCEN .003", "Bank | Secrecy\nAct <Reports>");
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 5, "{table}");
        assert_eq!(lines[3], "| FinCEN .003 | Bank \\| Secrecy Act \\<Reports\\>. |");
        assert_eq!(lines[2], "| \\* \\* \\* |  |");
    }

    #[test]
    fn paragraphs_left_out_between_the_system_and_its_reasons() {
        assert!(skips_paragraphs("(c)(1)", "(3)"));
        assert!(!skips_paragraphs("(c)(1)", "(2)"));
        assert!(!skips_paragraphs("(w)", "(x)"));
        assert!(skips_paragraphs("(g)", "(j)"));
        // Another level: the reasons are inside the system's paragraph (VA's "(e)" and "(2)").
        assert!(!skips_paragraphs("(e)", "(2)"));
    }
}
