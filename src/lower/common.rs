//! Pieces both kinds of document generate.

use crate::dates::{Calendar, fr_date, placeholder};
use crate::frdoc::{Block, LineRole, SignatureBlock, escape};
use crate::model::{
    Agency, Claim, Contact, FrDoc, FrDocStyle, Loc, Preamble, Prose, Signature, SourceDate, SystemName, covers_of,
    placeholders,
};
use crate::statute::{format_claim_list, format_leadin};

/// The dates a document computes, as they print: a date certain, or the OFR placeholder.
#[derive(Clone, Debug, Default)]
pub struct Dates {
    /// Publication date or its placeholder.
    pub published: String,
    /// Comment deadline.
    pub comments_due: Option<String>,
    /// Effective date.
    pub effective: Option<String>,
}

impl Dates {
    /// Computes the dates of a preamble under 1 CFR 18.17.
    pub fn compute(preamble: &Preamble, published: Option<&Loc<SourceDate>>, calendar: &Calendar) -> Dates {
        let render = |days: u32| match published {
            Some(p) => match calendar.date_certain(p.value.0, days) {
                Ok(certain) => fr_date(certain.date),
                Err(_) => placeholder(days),
            },
            None => placeholder(days),
        };
        Dates {
            published: render(0),
            comments_due: preamble.comment_days.as_ref().map(|d| render(d.value)),
            effective: preamble.effective_days.as_ref().map(|d| render(d.value)),
        }
    }
}

/// What placeholders in prose stand for in one document.
#[derive(Clone)]
pub struct Context<'a> {
    /// The system's name.
    pub system: SystemName,
    /// The agency.
    pub agency: &'a Agency,
    /// The docket number.
    pub docket: Option<&'a str>,
    /// The dates.
    pub dates: Dates,
}

impl Context<'_> {
    /// The value of a placeholder, escaped for Markdown.
    pub fn value(&self, name: &str) -> String {
        let raw = match name {
            "system" => self.system.full(),
            "system.id" => self.system.id.value.clone(),
            "system.name" => self.system.name.value.clone(),
            "system.id_long" => self.system.id_long(),
            "system.long" => self.system.full_long(),
            "system.spelled" => self.system.full_spelled(),
            "agency" => self.agency.name.value.clone(),
            "agency.abbreviation" => self.agency_short().to_string(),
            "docket" => self.docket.unwrap_or_default().to_string(),
            "published" => self.dates.published.clone(),
            "comments_due" => self.dates.comments_due.clone().unwrap_or_else(|| placeholder(30)),
            "effective" => self.dates.effective.clone().unwrap_or_else(|| self.dates.published.clone()),
            // Only a review copy (`sorn build --draft`) renders a source with text to write.
            todo if placeholders::is_todo(todo) => match todo.trim_start_matches("todo").trim_start_matches(':').trim()
            {
                "" => "[TODO]".to_string(),
                what => format!("[TODO: {what}]"),
            },
            _ => format!("{{{name}}}"),
        };
        escape(&raw)
    }

    /// Expands the placeholders of a prose field; invalid placeholders (already reported at load)
    /// leave the prose as written.
    pub fn prose(&self, prose: &Prose) -> String {
        placeholders::expand(prose.value.trim(), |n| self.value(n)).unwrap_or_else(|_| prose.value.trim().to_string())
    }

    /// The agency's abbreviation, or its name.
    pub fn agency_short(&self) -> &str {
        self.agency.abbreviation.as_ref().map_or(self.agency.name.value.as_str(), |a| a.value.as_str())
    }
}

/// The end of a published document as the Federal Register prints it: the FR Doc line, then the
/// billing code again (the agency's manuscript gives it at the top, the printed issue after the FR
/// Doc line).
pub fn published_end(fr_doc_line: Option<&FrDoc>, preamble: &Preamble) -> Vec<Block> {
    let Some(line) = fr_doc_line else { return Vec::new() };
    let mut out = vec![fr_doc(line)];
    if let Some(code) = &preamble.billing_code {
        out.push(Block::Line(LineRole::BillingCode, format!("BILLING CODE {}", code.value.trim())));
    }
    out
}

/// The identifying lines common to every document, in the order of 1 CFR 21.16: billing code,
/// agency, sub-agency, (CFR line,) docket, (RIN,) subject.
pub fn heading_lines(preamble: &Preamble, agency: &Agency, cfr_line: Option<String>, subject: String) -> Vec<Block> {
    let mut out = Vec::new();
    if let Some(code) = &preamble.billing_code {
        out.push(Block::Line(LineRole::BillingCode, format!("BILLING CODE {}", code.value.trim())));
    }
    out.push(Block::Line(LineRole::Agency, agency.name.value.trim().to_uppercase()));
    if let Some(sub) = &agency.subagency {
        out.push(Block::Line(LineRole::SubAgency, sub.value.trim().to_string()));
    }
    if let Some(cfr) = cfr_line {
        out.push(Block::Line(LineRole::Cfr, cfr));
    }
    if let Some(line) = &preamble.bracket_line {
        let line = line.value.trim().trim_start_matches('[').trim_end_matches(']');
        out.push(Block::Line(LineRole::Docket, format!("[{line}]")));
    } else if let Some(docket) = &preamble.docket {
        out.push(Block::Line(LineRole::Docket, format!("[Docket No. {}]", docket.value.trim())));
    }
    if let Some(rin) = &preamble.rin {
        let rin = rin.value.trim();
        let rin = rin.strip_prefix("RIN").map_or(rin, str::trim);
        out.push(Block::Line(LineRole::Rin, format!("RIN {rin}")));
    }
    out.push(Block::Line(LineRole::Subject, subject));
    out
}

/// A preamble caption with prose, if the prose is there.
pub fn caption(label: &str, body: Option<String>) -> Option<Block> {
    body.map(|body| Block::Caption { label: label.to_string(), body })
}

/// Wraps an OFR placeholder in bold (drafting convention: it stands out for the OFR editor);
/// a date certain stays plain.
pub fn mark(date: &str) -> String {
    if date.starts_with("[INSERT") { format!("**{}**", escape(date)) } else { escape(date) }
}

/// One FOR FURTHER INFORMATION CONTACT entry: "For general questions, please contact: Name, Title,
/// phone, address, e-mail: x@y.gov."
pub fn contact(ctx: &Context<'_>, c: &Contact) -> String {
    if let Some(text) = &c.text {
        return ctx.prose(text);
    }
    let mut parts: Vec<String> = Vec::new();
    for v in [&c.name, &c.title, &c.phone, &c.address].into_iter().flatten() {
        parts.push(escape(v.value.trim()));
    }
    if let Some(email) = &c.email {
        parts.push(format!("e-mail: {}", escape(email.value.trim())));
    }
    let mut body = parts.join(", ");
    if !body.ends_with('.') {
        body.push('.');
    }
    match &c.topic {
        Some(topic) => format!("For {}, please contact: {body}", escape(topic.value.trim())),
        None => body,
    }
}

/// FOR FURTHER INFORMATION CONTACT, every contact in one paragraph.
pub fn contacts(ctx: &Context<'_>, list: &[Contact]) -> Option<String> {
    if list.is_empty() {
        return None;
    }
    Some(list.iter().map(|c| contact(ctx, c)).collect::<Vec<_>>().join(" "))
}

/// The preamble captions after ACTION and SUMMARY that both kinds share: ADDRESSES and its extra
/// captions, FOR FURTHER INFORMATION CONTACT, SUPPLEMENTARY INFORMATION.
pub fn preamble_tail(ctx: &Context<'_>, preamble: &Preamble, out: &mut Vec<Block>) {
    out.extend(caption("ADDRESSES", preamble.addresses.as_ref().map(|p| ctx.prose(p))));
    for extra in &preamble.address_captions {
        out.push(Block::Caption {
            label: extra.caption.value.trim().trim_end_matches(':').to_uppercase(),
            body: ctx.prose(&extra.text),
        });
    }
    out.extend(caption("FOR FURTHER INFORMATION CONTACT", contacts(ctx, &preamble.contacts)));
    out.push(Block::Caption { label: "SUPPLEMENTARY INFORMATION".into(), body: String::new() });
    if let Some(p) = &preamble.supplementary {
        out.push(Block::Markdown(ctx.prose(p)));
    }
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The sentences that state the claims: "The Secretary of Homeland Security, pursuant to 5 U.S.C.
/// 552a(j)(2), has exempted this system from the following provisions of the Privacy Act: 5 U.S.C.
/// 552a(c)(3), (c)(4); (d); ... and (g). Additionally, ..." (plain text).
pub fn claim_sentences(official: &str, claims: &[Claim]) -> String {
    let mut sentences = Vec::new();
    for (i, claim) in claims.iter().enumerate() {
        let authority =
            claim.authority().map_or_else(|| claim.authority.value.written().trim().to_string(), |a| a.to_string());
        let subsections = claim.subsections.subsections();
        let who = if i == 0 { capitalize(official) } else { format!("Additionally, {official}") };
        sentences.push(format!(
            "{who}, pursuant to 5 U.S.C. 552a{authority}, has exempted this system from the following provisions of the Privacy Act: 5 U.S.C. 552a{}.",
            format_claim_list(&subsections)
        ));
    }
    sentences.join(" ")
}

/// Who exempts: the source's `official`, or the agency.
pub fn official(official: Option<&Loc<String>>, agency: &Agency) -> String {
    match official {
        Some(o) => o.value.trim().to_string(),
        None => format!("the {}", agency.name.value.trim()),
    }
}

/// The generated lead-in of a justification, up to where the written reason begins: "From
/// subsection (c)(3) and (4) (Accounting for Disclosures)", or in the "subsection" form
/// "Subsection (c)(3)." (plain text).
pub fn justification_leadin(j: &crate::model::Justification, form: crate::model::Leadin) -> String {
    justification_leadin_cited(j, form, crate::model::Citations::Expanded)
}

/// [`justification_leadin`] with the provisions cited in the given style.
pub fn justification_leadin_cited(
    j: &crate::model::Justification,
    form: crate::model::Leadin,
    citations: crate::model::Citations,
) -> String {
    let covers = covers_of(j);
    let mut items = 0;
    let mut parts = Vec::new();
    for cover in &covers {
        let subsections = cover.subsections.subsections();
        let lead = match citations {
            crate::model::Citations::Expanded => format_leadin(&subsections),
            crate::model::Citations::Compact => crate::statute::format_leadin_compact(&subsections),
        };
        items += lead.items;
        let mut part = lead.text;
        if let Some(h) = &cover.heading {
            part.push_str(&format!(" ({})", h.value.trim()));
        }
        parts.push(part);
    }
    let noun = if items > 1 { "subsections" } else { "subsection" };
    match form {
        crate::model::Leadin::From => format!("From {noun} {}", join_and(&parts)),
        crate::model::Leadin::Subsection => format!("{} {}.", capitalize(noun), join_and(&parts)),
        // The reason's text carries its own lead-in.
        crate::model::Leadin::Written => String::new(),
    }
}

/// "A", "A and B", "A, B, and C".
pub fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [a, b] => format!("{a} and {b}"),
        [init @ .., last] => format!("{}, and {last}", init.join(", ")),
    }
}

/// The signature block.
pub fn signature(sig: &Signature) -> Block {
    let dated = sig.dated.as_ref().map(|d| format!("Dated: {}.", fr_date(d.value.0)));
    let mut name = sig.name.value.trim().trim_end_matches(',').to_string();
    name.push(',');
    let n = sig.title.len();
    let title = sig
        .title
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let t = t.value.trim().trim_end_matches([',', '.']);
            if i + 1 == n { format!("{t}.") } else { format!("{t},") }
        })
        .collect();
    Block::Signature(SignatureBlock {
        dated,
        before: sig.before.iter().map(|b| b.value.trim().to_string()).collect(),
        name,
        title,
    })
}

/// The FR Doc line in the chosen style.
pub fn fr_doc(doc: &FrDoc) -> Block {
    let filed = doc.filed.value.0;
    let hour = filed.hour();
    let (h12, ampm) = match hour {
        0 => (12, "am"),
        1..=11 => (hour, "am"),
        12 => (12, "pm"),
        _ => (hour - 12, "pm"),
    };
    let time = format!("{h12}:{:02} {ampm}", filed.minute());
    let number = doc.number.value.trim();
    let line = match doc.style {
        FrDocStyle::Print => format!(
            "[FR Doc. {number} Filed {}-{}-{:02}; {time}]",
            filed.month(),
            filed.day(),
            filed.year().rem_euclid(100)
        ),
        FrDocStyle::PublicInspection => {
            let mut line =
                format!("[FR Doc. {number} Filed: {}/{}/{} {time}", filed.month(), filed.day(), filed.year());
            if let Some(p) = &doc.publication_date {
                let p = p.value.0;
                line.push_str(&format!("; Publication Date: {}/{}/{}", p.month(), p.day(), p.year()));
            }
            line.push(']');
            line
        }
    };
    Block::FrDoc(line)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cited, Provisions};

    fn claim(authority: &str, subs: &[&str]) -> Claim {
        Claim {
            authority: Loc::synthetic(Cited::read(authority)),
            subsections: Provisions::read(subs.iter().map(|s| Loc::synthetic(s.to_string())).collect()),
        }
    }

    #[test]
    fn claim_sentences_read_as_published() {
        let text = claim_sentences(
            "the Secretary of Homeland Security",
            &[claim("(j)(2)", &["(c)(3)", "(d)", "(g)"]), claim("(k)(2)", &["(c)(3)", "(d)", "(f)"])],
        );
        assert_eq!(
            text,
            "The Secretary of Homeland Security, pursuant to 5 U.S.C. 552a(j)(2), has exempted this system from the \
             following provisions of the Privacy Act: 5 U.S.C. 552a(c)(3); (d); and (g). Additionally, the Secretary \
             of Homeland Security, pursuant to 5 U.S.C. 552a(k)(2), has exempted this system from the following \
             provisions of the Privacy Act: 5 U.S.C. 552a(c)(3); (d); and (f)."
        );
    }

    #[test]
    fn join_uses_the_serial_comma() {
        let p = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_and(&p(&["a"])), "a");
        assert_eq!(join_and(&p(&["a", "b"])), "a and b");
        assert_eq!(join_and(&p(&["a", "b", "c"])), "a, b, and c");
    }
}
