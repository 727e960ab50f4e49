use crate::check::Context;
use crate::check::Finding;
use crate::diagnostic::FileId;
use crate::model::{Document, Element, Preamble, Prose, System};

crate::declare_rule! {
    /// ## What it checks
    /// That every caption a statute or regulation requires is present and not empty:
    ///
    /// - in every document, the signature (1 CFR 18.7);
    /// - in an exemption rule, SUMMARY, DATES (a day count or text) and FOR FURTHER INFORMATION
    ///   CONTACT with a contact's name and telephone number (1 CFR 18.12), and the exemption
    ///   paragraph's claims;
    /// - in a SORN, each caption that prints an element 5 U.S.C. 552a(e)(4)(A)-(I) lists (not in
    ///   a notice of revision, `partial = true`, which prints only what changes, nor in a
    ///   rescindment, which prints only the system name and HISTORY).
    ///
    /// The other captions of a SORN's caption set, and a notice's preamble captions, are asked
    /// for by OMB's template or OFR practice: `missing-caption` warns of them.
    ///
    /// ## Why
    /// A SORN must contain each element 5 U.S.C. 552a(e)(4)(A)-(I) lists; the preamble captions
    /// of a rule document are required by 1 CFR 18.12, and every document is signed (1 CFR 18.7).
    /// Each finding names which. A caption left empty in a draft is easy to miss on paper and cannot be supplied
    /// after publication without a new notice.
    ///
    /// ## Example
    /// ```toml
    /// [system]
    /// id = "EA-1"
    /// name = "Example Records"
    /// retention = ""
    /// ```
    /// Use instead: state the retention and disposal policy (the NARA schedule and disposition).
    pub const META = ("missing-section", Structure, Error, "A caption that the Privacy Act or 1 CFR requires is missing or empty.");
    basis = [
        (Statute, "5 U.S.C. 552a(e)(4)(A)-(I)", "a SORN states the system's name and location (A), categories of individuals (B) and of records (C), each routine use (D), storage, retrievability, access controls, retention and disposal (E), the responsible official (F), the notification (G) and access and contest procedures (H), and the categories of record sources (I)"),
        (Regulation, "1 CFR 18.12(a), (b)", "each \"proposed or final rule document\" has a preamble with SUMMARY, DATES and FOR FURTHER INFORMATION CONTACT: \"the name and telephone number of a person in the agency to contact for additional information about the document\""),
        (Regulation, "1 CFR 18.7", "the original is signed, with the signer's name and title typed beneath the signature"),
    ];
}

fn state(p: Option<&Prose>) -> Option<&'static str> {
    match p {
        None => Some("missing"),
        Some(p) if p.value.trim().is_empty() => Some("empty"),
        Some(_) => None,
    }
}

/// Where a missing caption belongs: its table, its key, the caption as printed, and the
/// authority that requires it (a pin cite with its kind).
struct Place<'a> {
    file: FileId,
    kind: crate::model::Kind,
    table: &'a str,
    key: &'a str,
    caption: &'a str,
    basis: &'a str,
}

fn push(cx: &Context<'_>, out: &mut Vec<Finding>, at: Place<'_>, what: &str, span: Option<std::ops::Range<usize>>) {
    let Place { file, kind, table, key, caption, basis } = at;
    let span = span.unwrap_or_else(|| cx.table_span(file, table));
    let place = if table.is_empty() { String::new() } else { format!(" in [{table}]") };
    out.push(
        Finding::new(format!("{caption} is {what}: `{key}`{place}"), cx.label(file, span, format!("{caption} {what}")))
            .with_help(write_it(kind, caption, table, key))
            .with_note(format!("required by {basis}")),
    );
}

/// A help that shows valid TOML for the missing value (derived from the source format's
/// schema, so it is what the loader accepts).
fn write_it(kind: crate::model::Kind, caption: &str, table: &str, key: &str) -> String {
    // A further system's keys are those of `[system]`, written in its `[[systems]]` entry.
    let further = table == "[systems]";
    let snippet = |key: &str, keys: &[&str]| {
        let toml = crate::source::snippet::snippet(kind, if further { "system" } else { table }, key, keys)?;
        if !further {
            return Some(toml);
        }
        let toml = toml.strip_prefix("[system]\n").unwrap_or(&toml);
        Some(toml.replace("[system.", "[systems.").replace("[[system.", "[[systems."))
    };
    let toml = match key {
        DATES_KEYS => snippet("comment_days", &[]).map(|_| {
            "[notice]\ncomment_days = 30\n(the comment period in days; or `effective_days`, or the whole text as `dates`)"
                .to_string()
        }),
        "exemptions" => snippet(key, &["text"]),
        CONTACT_KEYS | "name and phone" => snippet("contacts", &["name", "phone"]),
        _ => snippet(key, &[]),
    };
    match toml {
        Some(toml) => format!("write the {caption} text:\n{toml}"),
        None => format!("write the {caption} text in `{key}`"),
    }
}

/// How DATES is named in a finding: any one of three keys gives it.
const DATES_KEYS: &str = "comment_days, effective_days or dates";
/// How FOR FURTHER INFORMATION CONTACT is named in a finding.
const CONTACT_KEYS: &str = "[[notice.contacts]]";

/// Whether 5 U.S.C. 552a(e)(4) lists the element a caption prints.
fn statutory(element: Element) -> bool {
    caption_basis(element, crate::model::Template::A108).ends_with("(statute)")
}

/// The authority that requires a SORN caption: the element of 5 U.S.C. 552a(e)(4) it prints, or
/// the template of its caption set for the captions the statute does not list.
fn caption_basis(element: Element, template: crate::model::Template) -> &'static str {
    match element {
        Element::SystemName | Element::Location => "5 U.S.C. 552a(e)(4)(A) (statute)",
        Element::Individuals => "5 U.S.C. 552a(e)(4)(B) (statute)",
        Element::Records => "5 U.S.C. 552a(e)(4)(C) (statute)",
        Element::RoutineUses => "5 U.S.C. 552a(e)(4)(D) (statute)",
        Element::Policies | Element::Storage | Element::Retrieval | Element::Safeguards | Element::Retention => {
            "5 U.S.C. 552a(e)(4)(E) (statute)"
        }
        Element::Managers => "5 U.S.C. 552a(e)(4)(F) (statute)",
        Element::Notification => "5 U.S.C. 552a(e)(4)(G) (statute)",
        Element::RecordAccess | Element::Contesting => "5 U.S.C. 552a(e)(4)(H) (statute)",
        Element::RecordSources => "5 U.S.C. 552a(e)(4)(I) (statute)",
        _ if template == crate::model::Template::Legacy => {
            "the caption set of OMB Circular A-130, Appendix I (2000), which A-108 replaced (OMB policy)"
        }
        _ => {
            "OMB Circular A-108, Appendix II, \"Office of the Federal Register SORN Template - Full Notice\" (OMB policy)"
        }
    }
}

/// Whether a contact gives what 1 CFR 18.12(b) asks for: a person's name and a telephone number
/// (free text counts for both when it holds a number of at least seven digits).
fn names_and_phone(c: &crate::model::Contact) -> bool {
    let text_phone = c.text.as_ref().is_some_and(|t| t.value.chars().filter(char::is_ascii_digit).count() >= 7);
    (c.name.is_some() || c.text.is_some()) && (c.phone.is_some() || text_phone)
}

/// The preamble captions and the signature. A rule's preamble captions are required by 1 CFR
/// 18.12 (`missing-section`); a notice's, by OFR practice only (`missing-caption`, `policy`). The
/// signature is required of every document by 1 CFR 18.7.
fn preamble(cx: &Context<'_>, out: &mut Vec<Finding>, at: (FileId, &Preamble, bool), rule: bool, policy: bool) {
    let (file, p, signed) = at;
    let kind = if rule { crate::model::Kind::ExemptionRule } else { crate::model::Kind::Sorn };
    if !signed && !policy {
        let basis = "1 CFR 18.7 (regulation)";
        out.push(
            Finding::new("the signature is missing: `[signature]`", cx.label(file, 0..0, "no signature"))
                .with_help(match crate::source::snippet::snippet(kind, "", "signature", &["name", "title", "dated"]) {
                    Some(toml) => format!("write the signer's name and title and the date signed:\n{toml}"),
                    None => "write a `[signature]` table with the signer's `name`, `title` and `dated`".to_string(),
                })
                .with_note(format!("required by {basis}")),
        );
    }
    if rule == policy {
        return;
    }
    let basis = if rule {
        "1 CFR 18.12(b) (regulation)"
    } else {
        "the Document Drafting Handbook (Oct. 1998 rev.), section 3.6, \"Must I use the preamble format in my notice document?\" (OFR practice; 1 CFR 18.12 itself governs rule documents)"
    };
    if let Some(what) = state(p.summary.as_ref()) {
        push(
            cx,
            out,
            Place { file, kind, table: "notice", key: "summary", caption: "SUMMARY", basis },
            what,
            p.summary.as_ref().map(|s| s.span.clone()),
        );
    }
    let has_dates = p.comment_days.is_some()
        || p.effective_days.is_some()
        || p.dates.as_ref().is_some_and(|d| !d.value.trim().is_empty());
    if !has_dates {
        push(cx, out, Place { file, kind, table: "notice", key: DATES_KEYS, caption: "DATES", basis }, "missing", None);
    }
    if !p.contacts.iter().any(names_and_phone) {
        let what = if p.contacts.is_empty() { "missing" } else { "without a name and a telephone number" };
        let key = if p.contacts.is_empty() { CONTACT_KEYS } else { "name and phone" };
        let span = p.contacts.iter().find_map(|c| c.name.as_ref().or(c.email.as_ref()).map(|l| l.span.clone()));
        push(
            cx,
            out,
            Place { file, kind, table: "notice", key, caption: "FOR FURTHER INFORMATION CONTACT", basis },
            what,
            span.filter(|s| !s.is_empty()),
        );
    }
}

/// The table a notice's system is written in: `[system]`, or, for a further system of a notice of
/// several (`[[systems]]`), that entry, pointed at by its identifier (a table header would name
/// the first of them).
fn system_table(cx: &Context<'_>, file: FileId, system: &System) -> (&'static str, Option<std::ops::Range<usize>>) {
    let text = cx.text(file);
    let before = text.get(..system.id.span.start).unwrap_or("");
    let header = before.lines().rev().map(str::trim).find(|l| l.starts_with('['));
    match header {
        Some(h) if h.starts_with("[[systems]]") => ("[systems]", Some(system.id.span.clone())),
        _ => ("system", None),
    }
}

/// Reports missing or empty required captions that statute or regulation requires.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    captions(cx, out, false);
}

/// Reports missing or empty captions: with `policy`, those only OMB policy or OFR practice
/// requires (`missing-caption`); without, the others.
pub(crate) fn captions(cx: &Context<'_>, out: &mut Vec<Finding>, policy: bool) {
    for doc in cx.documents {
        let file = doc.file;
        match &doc.document {
            Document::Sorn(s) => {
                preamble(cx, out, (file, &s.notice, s.signature.is_some()), false, policy);
                // A notice of revision prints only what changes; a rescindment, only the system
                // name and HISTORY (OMB Circular A-108 Appendix IV).
                let rescinded = s.action.value == crate::model::Action::Rescinded;
                let required = |c: &&crate::model::CaptionSpec| {
                    c.required && !s.partial && (!rescinded || c.element == Element::History)
                };
                let statutory = |c: &&crate::model::CaptionSpec| statutory(c.element) != policy;
                let (table, system_span) = system_table(cx, file, &s.system);
                for spec in s.template.value.captions().iter().filter(required).filter(statutory) {
                    let what = match spec.element {
                        Element::SystemName => None,
                        Element::RoutineUses => (s.system.routine_uses.is_empty()
                            && state(s.system.routine_uses_intro.as_ref()).is_some())
                        .then_some("missing"),
                        Element::Exemptions => match &s.system.exemptions {
                            None => Some("missing"),
                            Some(e)
                                if e.claims.is_empty()
                                    && state(e.text.as_ref()).is_some()
                                    && state(e.wording.as_ref()).is_some() =>
                            {
                                Some("empty")
                            }
                            Some(_) => None,
                        },
                        // One "Notification and record access procedures" caption gives both;
                        // if it is missing, the notification procedure is reported, once.
                        Element::RecordAccess if s.system.access_in_notification => None,
                        other => state(s.system.prose(other)),
                    };
                    if let Some(what) = what {
                        let key = System::key(spec.element);
                        let span = s.system.prose(spec.element).map(|p| p.span.clone()).or(system_span.clone());
                        let caption = s.captions.get(&spec.element).map_or(spec.caption, |c| c.value.as_str());
                        push(
                            cx,
                            out,
                            Place {
                                file,
                                kind: crate::model::Kind::Sorn,
                                table,
                                key,
                                caption: &format!("\"{caption}\""),
                                basis: caption_basis(spec.element, s.template.value),
                            },
                            what,
                            span,
                        );
                    }
                }
            }
            Document::ExemptionRule(r) => {
                preamble(cx, out, (file, &r.notice, r.signature.is_some()), true, policy);
                if r.exemptions.claims.is_empty() && !policy {
                    let unchecked = match r.justifications.len() {
                        0 => String::new(),
                        1 => "; its justification was not checked against any claim".to_string(),
                        n => format!("; its {n} justifications were not checked against any claim"),
                    };
                    out.push(
                        Finding::new(
                            format!(
                                "{} types no exemption claim (`[[exemptions.claims]]`){unchecked}",
                                crate::check::system_label(&r.system)
                            ),
                            cx.label(file, cx.table_span(file, "exemptions"), "no claims typed"),
                        )
                        .with_help(
                            "type each authority's claim: `[[exemptions.claims]]` with `authority = \"(k)(2)\"` and \
                             `subsections = [...]`, as the claim sentences state them",
                        )
                        .with_note("required by 5 U.S.C. 552a(j), (k) (statute): a rule exempts only from the provisions it names"),
                    );
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Template};

    /// The TOML a help shows: the lines after its first, without the trailing explanation.
    fn toml_of(help: &str) -> String {
        help.lines().skip(1).filter(|l| !l.starts_with('(')).collect::<Vec<_>>().join("\n")
    }

    #[test]
    fn every_help_shows_toml_the_loader_accepts() {
        let mut keys: Vec<(Kind, &str, &str)> = Vec::new();
        for template in [Template::Legacy, Template::A108] {
            for spec in template.captions() {
                keys.push((Kind::Sorn, "system", System::key(spec.element)));
            }
        }
        for kind in [Kind::Sorn, Kind::ExemptionRule] {
            keys.extend([(kind, "notice", "summary"), (kind, "notice", DATES_KEYS), (kind, "notice", CONTACT_KEYS)]);
        }
        for (kind, table, key) in keys {
            let help = write_it(kind, "CAPTION", table, key);
            assert!(help.contains('\n'), "no TOML for {table}.{key}: {help}");
            let toml = toml_of(&help);
            let parsed: Result<toml::Table, _> = toml::from_str(&toml);
            assert!(parsed.is_ok(), "{table}.{key}: not TOML:\n{toml}\n{parsed:?}");
        }
    }
}
