//! Writing a document as a readable, deterministic TOML source: the `#:schema` line first, keys
//! in the order of the format (system captions in the template's order), prose in `"""` blocks
//! (literal `'''` when it holds backslashes), everything escaped.

use std::fmt::Write;

use crate::model::{
    Claim, Contact, Document, Element, ExemptionRule, Exemptions, FrDoc, FrDocStyle, IdLine, Loc, Preamble, Signature,
    SignaturePlacement, Sorn, SourceDate, SystemName, Unplaced,
};

/// The source text of a document. `schema_dir` is where the schemas are, relative to the source
/// (default `../schemas`).
pub fn emit(document: &Document, schema_dir: Option<&str>) -> String {
    let dir = schema_dir.unwrap_or("../schemas").trim_end_matches('/');
    let mut w = W::default();
    match document {
        Document::Sorn(s) => sorn(&mut w, s, dir),
        Document::ExemptionRule(r) => rule(&mut w, r, dir),
    }
    let mut out = w.0;
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[derive(Default)]
struct W(String);

impl W {
    fn line(&mut self, text: &str) {
        self.0.push_str(text);
        self.0.push('\n');
    }
    fn table(&mut self, name: &str) {
        if !self.0.ends_with("\n\n") {
            self.0.push('\n');
        }
        let _ = writeln!(self.0, "[{name}]");
    }
    fn array_table(&mut self, name: &str) {
        if !self.0.ends_with("\n\n") {
            self.0.push('\n');
        }
        let _ = writeln!(self.0, "[[{name}]]");
    }
    fn str(&mut self, key: &str, value: Option<&Loc<String>>) {
        if let Some(v) = value {
            let _ = writeln!(self.0, "{} = {}", bare_key(key), string(&v.value));
        }
    }
    fn prose(&mut self, key: &str, value: Option<&Loc<String>>) {
        if let Some(v) = value {
            let _ = writeln!(self.0, "{} = {}", bare_key(key), prose(&v.value));
        }
    }
    fn num(&mut self, key: &str, value: Option<u32>) {
        if let Some(v) = value {
            let _ = writeln!(self.0, "{key} = {v}");
        }
    }
    fn raw(&mut self, key: &str, value: &str) {
        let _ = writeln!(self.0, "{key} = {value}");
    }
}

/// A key, quoted unless it is a bare key.
pub fn bare_key(key: &str) -> String {
    if !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        key.to_string()
    } else {
        string(key)
    }
}

/// A one-line string: literal when that needs no escapes and the text has double quotes.
pub fn string(text: &str) -> String {
    let plain = !text.chars().any(|c| c.is_control() && c != '\t');
    if plain && text.contains('"') && !text.contains('\'') {
        return format!("'{text}'");
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn multiline(text: &str) -> bool {
    text.contains('\n') || text.chars().count() > 80
}

/// A prose value as a source holds it: text written on several lines ends with a newline (the
/// closing quotes stand on their own line).
pub fn prose_value(mut text: String) -> String {
    if multiline(&text) && !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

/// Prose: short text on one line, longer text in a multi-line string.
pub fn prose(text: &str) -> String {
    if !multiline(text) {
        return string(text);
    }
    let text = text.strip_suffix('\n').unwrap_or(text);
    if text.ends_with('\n') || text.starts_with('\n') {
        // Leading or extra trailing newlines would be lost in a multi-line string.
        return string(text);
    }
    let controls = text.chars().any(|c| c.is_control() && c != '\t' && c != '\n');
    if text.contains('\\') && !text.contains("'''") && !controls && !text.ends_with('\'') {
        return format!("'''\n{text}\n'''");
    }
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str("\"\"\"\n");
    let mut quotes = 0;
    for c in text.chars() {
        match c {
            '"' => {
                quotes += 1;
                if quotes == 3 {
                    out.push_str("\\\"");
                    quotes = 0;
                } else {
                    out.push('"');
                }
                continue;
            }
            '\\' => out.push_str("\\\\"),
            '\n' | '\t' => out.push(c),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
        quotes = 0;
    }
    out.push_str("\n\"\"\"");
    out
}

fn date(d: &SourceDate) -> String {
    format!("{:04}-{:02}-{:02}", d.0.year(), d.0.month(), d.0.day())
}

fn list(items: &[Loc<String>]) -> String {
    format!("[{}]", items.iter().map(|i| string(&i.value)).collect::<Vec<_>>().join(", "))
}

fn provisions(items: &crate::model::Provisions) -> String {
    format!("[{}]", items.elements().map(|i| string(i.value)).collect::<Vec<_>>().join(", "))
}

fn agency(w: &mut W, a: &crate::model::Agency) {
    w.table("agency");
    w.str("name", Some(&a.name));
    w.str("abbreviation", a.abbreviation.as_ref());
    w.str("subagency", a.subagency.as_ref());
}

fn preamble(w: &mut W, p: &Preamble) {
    w.table("notice");
    w.str("billing_code", p.billing_code.as_ref());
    w.str("docket", p.docket.as_ref());
    w.str("bracket_line", p.bracket_line.as_ref());
    w.str("rin", p.rin.as_ref());
    w.prose("subject", p.subject.as_ref());
    w.prose("agency", p.agency.as_ref());
    w.prose("action", p.action.as_ref());
    w.prose("summary", p.summary.as_ref());
    w.num("comment_days", p.comment_days.as_ref().map(|d| d.value));
    w.num("effective_days", p.effective_days.as_ref().map(|d| d.value));
    w.prose("dates", p.dates.as_ref());
    w.prose("addresses", p.addresses.as_ref());
    w.prose("supplementary", p.supplementary.as_ref());
    for c in &p.address_captions {
        w.array_table("notice.address_captions");
        w.str("caption", Some(&c.caption));
        w.prose("text", Some(&c.text));
    }
    for c in &p.contacts {
        contact(w, c);
    }
}

fn contact(w: &mut W, c: &Contact) {
    w.array_table("notice.contacts");
    w.str("topic", c.topic.as_ref());
    w.str("name", c.name.as_ref());
    w.str("title", c.title.as_ref());
    w.str("phone", c.phone.as_ref());
    w.str("address", c.address.as_ref());
    w.str("email", c.email.as_ref());
    w.prose("text", c.text.as_ref());
}

fn system_name(w: &mut W, s: &SystemName) {
    w.str("id", Some(&s.id));
    w.str("name", Some(&s.name));
    w.str("separator", s.separator.as_ref());
    w.str("form", s.form.as_ref());
    if !s.abbreviations.is_empty() {
        let items: Vec<String> =
            s.abbreviations.iter().map(|(k, v)| format!("{} = {}", bare_key(k), string(&v.value))).collect();
        w.raw("abbreviations", &format!("{{ {} }}", items.join(", ")));
    }
}

fn claims(w: &mut W, table: &str, claims: &[Claim]) {
    for c in claims {
        w.array_table(table);
        w.raw("authority", &string(c.authority.value.written()));
        w.raw("subsections", &provisions(&c.subsections));
    }
}

fn signature(w: &mut W, s: &Signature) {
    w.table("signature");
    if let Some(d) = &s.dated {
        w.raw("dated", &date(&d.value));
    }
    w.str("name", Some(&s.name));
    w.raw("title", &list(&s.title));
    if !s.before.is_empty() {
        w.raw("before", &list(&s.before));
    }
    if s.placement == SignaturePlacement::BeforeSystem {
        w.raw("placement", "\"before-system\"");
    }
}

fn fr_doc(w: &mut W, f: &FrDoc) {
    w.table("fr_doc");
    w.str("number", Some(&f.number));
    let t = f.filed.value.0;
    w.raw(
        "filed",
        &format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", t.year(), t.month(), t.day(), t.hour(), t.minute(), t.second()),
    );
    if let Some(p) = &f.publication_date {
        w.raw("publication_date", &date(&p.value));
    }
    w.raw(
        "style",
        match f.style {
            FrDocStyle::Print => "\"print\"",
            FrDocStyle::PublicInspection => "\"public-inspection\"",
        },
    );
}

fn unplaced(w: &mut W, items: &[Unplaced]) {
    for u in items {
        w.array_table("unplaced");
        w.str("after", Some(&u.after));
        w.num("line", u.line.as_ref().map(|l| l.value));
        w.prose("text", Some(&u.text));
    }
}

fn header(w: &mut W, dir: &str, file: &str, kind: &str) {
    w.line(&format!("#:schema {dir}/{file}"));
    w.raw("kind", &string(kind));
}

fn element_name(e: Element) -> String {
    serde_json::to_value(e).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

fn sorn(w: &mut W, s: &Sorn, dir: &str) {
    header(w, dir, "sorn.schema.json", "sorn");
    w.raw("template", &string(s.template.value.name()));
    w.raw("action", &string(s.action.value.adjective()));
    if s.partial {
        w.raw("partial", "true");
    }
    if s.capital_captions {
        w.raw("capital_captions", "true");
    }
    w.str("exemption_rule", s.exemption_rule.as_ref());
    if let Some(p) = &s.published {
        w.raw("published", &date(&p.value));
    }
    agency(w, &s.agency);
    if let Some(r) = &s.revises {
        w.table("revises");
        w.str("source", r.source.as_ref());
        w.str("citation", r.citation.as_ref());
        if let Some(p) = &r.published {
            w.raw("published", &date(&p.value));
        }
    }
    preamble(w, &s.notice);
    if !s.captions.is_empty() {
        w.table("captions");
        for (e, c) in &s.captions {
            w.str(&element_name(*e), Some(c));
        }
    }
    w.table("system");
    system_text(w, "system", s.template.value, &s.system);
    for system in &s.systems {
        w.array_table("systems");
        system_text(w, "systems", s.template.value, system);
    }
    if let Some(sig) = &s.signature {
        signature(w, sig);
    }
    if let Some(f) = &s.fr_doc {
        fr_doc(w, f);
    }
    unplaced(w, &s.unplaced);
}

/// One system's keys, under its table `prefix` ("system", or "systems" for a further system of
/// the notice), which the caller has opened.
fn system_text(w: &mut W, prefix: &str, template: crate::model::Template, sys: &crate::model::System) {
    system_name(w, &sys.name());
    if sys.stars_after_name {
        w.raw("stars_after_name", "true");
    }
    if let Some(line) = &sys.id_line {
        let name = match line.value {
            IdLine::Long => "long",
            IdLine::Short => "short",
            IdLine::None => "none",
        };
        w.raw("id_line", &string(name));
    }
    for spec in template.captions() {
        match spec.element {
            Element::SystemName | Element::Exemptions => {}
            Element::RoutineUses => {
                w.prose("routine_uses_intro", sys.routine_uses_intro.as_ref());
                w.prose("routine_uses_note", sys.routine_uses_note.as_ref());
            }
            e => w.prose(crate::model::System::key(e), sys.prose(e)),
        }
        if spec.element == Element::Notification && sys.access_in_notification {
            w.raw("access_in_notification", "true");
        }
    }
    routine_uses(w, &format!("{prefix}.routine_uses"), &sys.routine_uses);
    for change in &sys.changes {
        w.array_table(&format!("{prefix}.changes"));
        if change.stars {
            w.raw("stars", "true");
        }
        w.str("caption", change.caption.as_ref());
        w.prose("text", change.text.as_ref());
        w.prose("routine_uses_note", change.routine_uses_note.as_ref());
        routine_uses(w, &format!("{prefix}.changes.routine_uses"), &change.routine_uses);
    }
    if let Some(e) = &sys.exemptions {
        exemptions(w, prefix, e);
    }
}

fn routine_uses(w: &mut W, table: &str, uses: &[crate::model::RoutineUse]) {
    for ru in uses {
        w.array_table(table);
        w.str("id", Some(&ru.id));
        w.prose("text", Some(&ru.text));
    }
}

fn exemptions(w: &mut W, prefix: &str, e: &Exemptions) {
    w.table(&format!("{prefix}.exemptions"));
    w.str("official", e.official.as_ref());
    w.prose("wording", e.wording.as_ref());
    w.prose("note", e.note.as_ref());
    w.prose("text", e.text.as_ref());
    claims(w, &format!("{prefix}.exemptions.claims"), &e.claims);
}

fn rule(w: &mut W, r: &ExemptionRule, dir: &str) {
    header(w, dir, "exemption-rule.schema.json", "exemption-rule");
    w.raw(
        "stage",
        match r.stage.value {
            crate::model::Stage::Final => "\"final\"",
            crate::model::Stage::Proposed => "\"proposed\"",
        },
    );
    w.str("sorn", r.sorn.as_ref());
    if let Some(p) = &r.published {
        w.raw("published", &date(&p.value));
    }
    w.prose("supplementary_after", r.supplementary_after.as_ref());
    agency(w, &r.agency);
    preamble(w, &r.notice);
    w.table("system");
    system_name(w, &r.system);
    w.table("cfr");
    w.raw("title", &r.cfr.title.value.to_string());
    w.str("part", Some(&r.cfr.part));
    w.str("chapter", r.cfr.chapter.as_ref());
    w.str("part_heading", r.cfr.part_heading.as_ref());
    if !r.cfr.subjects.is_empty() {
        w.raw("subjects", &list(&r.cfr.subjects));
    }
    w.prose("issuance", r.cfr.issuance.as_ref());
    w.prose("authority", r.cfr.authority.as_ref());
    w.str("appendix", r.cfr.appendix.as_ref());
    w.str("appendix_heading", r.cfr.appendix_heading.as_ref());
    w.prose("appendix_intro", r.cfr.appendix_intro.as_ref());
    w.str("subpart", r.cfr.subpart.as_ref());
    w.str("subpart_heading", r.cfr.subpart_heading.as_ref());
    w.str("section", r.cfr.section.as_ref());
    w.str("section_heading", r.cfr.section_heading.as_ref());
    w.str("paragraph_heading", r.cfr.paragraph_heading.as_ref());
    if !r.cfr.revised.is_empty() {
        w.raw("revised", &list(&r.cfr.revised));
    }
    match r.cfr.paragraph.as_ref().map(|p| &p.value) {
        Some(crate::model::Paragraph::Number(n)) => w.raw("paragraph", &n.to_string()),
        Some(crate::model::Paragraph::Designation(d)) => w.str("paragraph", Some(&Loc::synthetic(d.clone()))),
        None => {}
    }
    w.str("reasons_paragraph", r.cfr.reasons_paragraph.as_ref());
    if let Some(a) = &r.cfr.amendment {
        let verb = match a.value {
            crate::model::Amendment::Add => "\"add\"",
            crate::model::Amendment::AmendByAdding => "\"amend-by-adding\"",
            crate::model::Amendment::Revise => "\"revise\"",
            crate::model::Amendment::AddAppendix => "\"add-appendix\"",
            crate::model::Amendment::ReviseAndAdd => "\"revise-and-add\"",
        };
        w.raw("amendment", verb);
    }
    if let Some(n) = &r.cfr.reasons {
        let style = match n.value {
            crate::model::Numbering::Letters => "\"letters\"",
            crate::model::Numbering::Numbers => "\"numbers\"",
            crate::model::Numbering::Roman => "\"roman\"",
            crate::model::Numbering::Capitals => "\"capitals\"",
        };
        w.raw("reasons", style);
    }
    if r.cfr.form.as_ref().is_some_and(|f| f.value == crate::model::SectionForm::DodBlock) {
        w.raw("form", "\"dod-block\"");
    }
    if r.cfr.citations.as_ref().is_some_and(|c| c.value == crate::model::Citations::Compact) {
        w.raw("citations", "\"compact\"");
    }
    if let Some(l) = &r.cfr.leadin {
        let form = match l.value {
            crate::model::Leadin::From => "\"from\"",
            crate::model::Leadin::Subsection => "\"subsection\"",
            crate::model::Leadin::Written => "\"written\"",
        };
        w.raw("leadin", form);
    }
    if let Some(c) = &r.cfr.block_captions {
        w.table("cfr.block_captions");
        w.str("identifier", c.identifier.as_ref());
        w.str("exemption", c.exemption.as_ref());
        w.str("authority", c.authority.as_ref());
        w.str("reasons", c.reasons.as_ref());
        w.str("other_systems", c.other_systems.as_ref());
    }
    for entry in &r.cfr.entries {
        w.array_table("cfr.entries");
        w.str("paragraph", Some(&entry.paragraph));
        w.str("designation", entry.designation.as_ref());
        w.str("authority", entry.authority.as_ref());
        if !entry.columns.is_empty() {
            w.raw("columns", &list(&entry.columns));
        }
    }
    exemption_paragraph(w, "", &r.exemptions, &r.justifications);
    for system in &r.systems {
        w.array_table("systems");
        w.str("id", Some(&system.id));
        w.str("name", Some(&system.name));
        w.str("separator", system.separator.as_ref());
        if !system.abbreviations.is_empty() {
            let items: Vec<String> =
                system.abbreviations.iter().map(|(k, v)| format!("{} = {}", bare_key(k), string(&v.value))).collect();
            w.raw("abbreviations", &format!("{{ {} }}", items.join(", ")));
        }
        w.str("sorn", system.sorn.as_ref());
        match system.paragraph.as_ref().map(|p| &p.value) {
            Some(crate::model::Paragraph::Number(n)) => w.raw("paragraph", &n.to_string()),
            Some(crate::model::Paragraph::Designation(d)) => w.str("paragraph", Some(&Loc::synthetic(d.clone()))),
            None => {}
        }
        w.str("reasons_paragraph", system.reasons_paragraph.as_ref());
        w.str("form", system.form.as_ref());
        if system.shares_paragraph {
            w.raw("shares_paragraph", "true");
            continue;
        }
        exemption_paragraph(w, "systems.", &system.exemptions, &system.justifications);
    }
    if let Some(sig) = &r.signature {
        signature(w, sig);
    }
    if let Some(f) = &r.fr_doc {
        fr_doc(w, f);
    }
    unplaced(w, &r.unplaced);
}

/// A system's exemption paragraph and reasons, under `prefix` ("" or "systems.").
fn exemption_paragraph(
    w: &mut W,
    prefix: &str,
    e: &crate::model::RuleExemptions,
    justifications: &[crate::model::Justification],
) {
    w.table(&format!("{prefix}exemptions"));
    w.prose("description", e.description.as_ref());
    w.str("official", e.official.as_ref());
    w.prose("wording", e.wording.as_ref());
    w.prose("note", e.note.as_ref());
    w.prose("reasons_intro", e.reasons_intro.as_ref());
    w.prose("authority", e.authority.as_ref());
    w.prose("other_systems", e.other_systems.as_ref());
    if e.place() == crate::model::StatementPlace::Preamble {
        w.raw("place", "\"preamble\"");
    }
    claims(w, &format!("{prefix}exemptions.claims"), &e.claims);
    for j in justifications {
        w.array_table(&format!("{prefix}justifications"));
        if let Some(subs) = &j.subsections {
            w.raw("subsections", &provisions(subs));
        }
        w.str("heading", j.heading.as_ref());
        if let Some(covers) = &j.covers {
            let items: Vec<String> = covers
                .iter()
                .map(|c| match &c.heading {
                    Some(h) => {
                        format!("  {{ subsections = {}, heading = {} }},", provisions(&c.subsections), string(&h.value))
                    }
                    None => format!("  {{ subsections = {} }},", provisions(&c.subsections)),
                })
                .collect();
            w.raw("covers", &format!("[\n{}\n]", items.join("\n")));
        }
        w.str("leadin", j.leadin.as_ref());
        w.prose("text", Some(&j.text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_escaped() {
        assert_eq!(string("plain"), "\"plain\"");
        assert_eq!(string("See \"Notification procedure\" above."), "'See \"Notification procedure\" above.'");
        assert_eq!(string("a\\b \"c\" 'd'"), "\"a\\\\b \\\"c\\\" 'd'\"");
        assert_eq!(prose("one\n\ntwo \"\"\"x"), "\"\"\"\none\n\ntwo \"\"\\\"x\n\"\"\"");
        assert_eq!(prose("- 1\\) Bio\n- 2\\) Travel"), "'''\n- 1\\) Bio\n- 2\\) Travel\n'''");
        assert_eq!(bare_key("DHS"), "DHS");
        assert_eq!(bare_key("U.S."), "\"U.S.\"");
    }

    #[test]
    fn emitted_strings_parse_back() {
        for text in ["a\"\"\"b", "x\\y\n\nz'''", "ends with quote\"", "tab\there\u{1}", "new\nline'"] {
            let value = prose_value(text.to_string());
            let doc = format!("v = {}\n", prose(&value));
            let parsed: toml::Table = toml::from_str(&doc).unwrap_or_else(|e| panic!("{doc}: {e}"));
            assert_eq!(parsed["v"].as_str(), Some(value.as_str()), "{doc}");
        }
    }
}
