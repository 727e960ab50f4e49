//! Lowering an exemption rule: preamble, List of Subjects, words of issuance, amendatory
//! instructions, and the new appendix paragraph with its lettered reasons.

use super::LowerOptions;
use super::common::{self, Context, Dates, caption, claim_sentences, heading_lines, mark, preamble_tail};
use crate::frdoc::{Block, FrDocument, escape};
use crate::model::{ExemptionRule, Stage, justification_letter};

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
    let subject = match &r.notice.subject {
        Some(p) => ctx.prose(p),
        None => format!("Privacy Act of 1974: Implementation of Exemptions; {}", ctx.system.full_spelled()),
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
    blocks.push(Block::Markdown(escape(&format!(
        "For the reasons stated in the preamble, {} {verb} {target} as follows:",
        ctx.agency_short()
    ))));
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
    instruction += 1;
    let appendix = r.cfr.appendix.value.trim();
    let paragraph = r.cfr.paragraph.value;
    blocks.push(Block::Instruction(
        instruction,
        escape(&format!("Add paragraph {paragraph} to appendix {appendix} to part {part} to read as follows:")),
    ));
    let heading = match &r.cfr.appendix_heading {
        Some(h) => format!("Appendix {appendix} to Part {part}—{}", h.value.trim()),
        None => format!("Appendix {appendix} to Part {part}"),
    };
    blocks.push(Block::Heading(4, heading));
    blocks.push(Block::Stars);

    let mut body = vec![escape(&format!("{paragraph}."))];
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
    blocks.push(Block::Markdown(body.join(" ")));
    if let Some(intro) = &r.exemptions.reasons_intro {
        blocks.push(Block::Markdown(ctx.prose(intro)));
    }
    for (i, j) in r.justifications.iter().enumerate() {
        let lead = escape(&format!("({}) {}", justification_letter(i), common::justification_leadin(j)));
        blocks.push(Block::Markdown(format!("{lead} {}", ctx.prose(&j.text))));
    }

    blocks.extend(r.signature.as_ref().map(common::signature));
    blocks.extend(r.fr_doc.as_ref().map(common::fr_doc));
    let section = match r.stage.value {
        Stage::Final => "Rules and Regulations",
        Stage::Proposed => "Proposed Rules",
    };
    FrDocument { title: subject, section, blocks }
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
