use crate::check::Context;
use crate::check::Finding;
use crate::diagnostic::FileId;
use crate::model::{Document, Element, Preamble, Prose, System};

crate::declare_rule! {
    /// ## What it checks
    /// That every caption the source's template requires is present and not empty:
    ///
    /// - in every document: SUMMARY, DATES (a day count or text), FOR FURTHER INFORMATION CONTACT
    ///   with a contact's name and telephone number, and the signature;
    /// - in a SORN, every caption of its caption set: for `legacy` the A-130 Appendix I captions,
    ///   for `a108` the nineteen captions of OMB Circular A-108 Appendix II, through HISTORY
    ///   (not in a notice of revision, `partial = true`, which prints only what changes, nor in
    ///   a rescindment, which prints only the system name and HISTORY);
    /// - in an exemption rule, the exemption paragraph's claims.
    ///
    /// ## Why
    /// A SORN must contain each element 5 U.S.C. 552a(e)(4)(A)-(I) lists; the other captions of
    /// the A-108 template (security classification, authority, purposes, exemptions, history) are
    /// OMB requirements. Each finding names which. The preamble captions of a rule document are
    /// required by 1 CFR 18.12; notices follow the same form under the Document Drafting
    /// Handbook. A caption left empty in a draft is easy to miss on paper and cannot be supplied
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
    pub const META = ("missing-section", Structure, Error, "A caption required by the source's template is missing or empty.");
    basis = [
        (Statute, "5 U.S.C. 552a(e)(4)(A)-(I)", "a SORN states the system's name and location (A), categories of individuals (B) and of records (C), each routine use (D), storage, retrievability, access controls, retention and disposal (E), the responsible official (F), the notification (G) and access and contest procedures (H), and the categories of record sources (I)"),
        (OmbPolicy, "OMB Circular A-108 (81 FR 94424, Dec. 23, 2016), Appendix II", "the SORN template's further captions: security classification, authority for maintenance, purposes, exemptions promulgated and history"),
        (Regulation, "1 CFR 18.12(a), (b)", "each \"proposed or final rule document\" has a preamble with SUMMARY, DATES and FOR FURTHER INFORMATION CONTACT: \"the name and telephone number of a person in the agency to contact for additional information about the document\""),
        (OfrPractice, "Document Drafting Handbook, chapter 3 (notices)", "notices carry the same preamble captions as rule documents"),
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
    table: &'a str,
    key: &'a str,
    caption: &'a str,
    basis: &'a str,
}

fn push(cx: &Context<'_>, out: &mut Vec<Finding>, at: Place<'_>, what: &str, span: Option<std::ops::Range<usize>>) {
    let Place { file, table, key, caption, basis } = at;
    let span = span.unwrap_or_else(|| cx.table_span(file, table));
    let place = if table.is_empty() { String::new() } else { format!(" in [{table}]") };
    out.push(
        Finding::new(format!("{caption} is {what}: `{key}`{place}"), cx.label(file, span, format!("{caption} {what}")))
            .with_help(format!("write the {caption} text as `{key} = \"\"\"...\"\"\"`"))
            .with_note(format!("required by {basis}")),
    );
}

/// The authority that requires a SORN caption: the element of 5 U.S.C. 552a(e)(4) it prints, or
/// the A-108 template for the captions the statute does not list.
fn caption_basis(element: Element) -> &'static str {
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
        _ => "OMB Circular A-108, Appendix II (OMB policy)",
    }
}

/// Whether a contact gives what 1 CFR 18.12(b) asks for: a person's name and a telephone number
/// (free text counts for both when it holds a number of at least seven digits).
fn names_and_phone(c: &crate::model::Contact) -> bool {
    let text_phone = c.text.as_ref().is_some_and(|t| t.value.chars().filter(char::is_ascii_digit).count() >= 7);
    (c.name.is_some() || c.text.is_some()) && (c.phone.is_some() || text_phone)
}

fn preamble(cx: &Context<'_>, out: &mut Vec<Finding>, file: FileId, p: &Preamble, signed: bool, rule: bool) {
    let basis = if rule {
        "1 CFR 18.12(b) (regulation)"
    } else {
        "1 CFR 18.12(b), applied to notices by the Document Drafting Handbook, chapter 3 (OFR practice)"
    };
    if let Some(what) = state(p.summary.as_ref()) {
        push(
            cx,
            out,
            Place { file, table: "notice", key: "summary", caption: "SUMMARY", basis },
            what,
            p.summary.as_ref().map(|s| s.span.clone()),
        );
    }
    let has_dates = p.comment_days.is_some()
        || p.effective_days.is_some()
        || p.dates.as_ref().is_some_and(|d| !d.value.trim().is_empty());
    if !has_dates {
        push(
            cx,
            out,
            Place { file, table: "notice", key: "comment_days, effective_days or dates", caption: "DATES", basis },
            "missing",
            None,
        );
    }
    if !p.contacts.iter().any(names_and_phone) {
        let what = if p.contacts.is_empty() { "missing" } else { "without a name and a telephone number" };
        let key = if p.contacts.is_empty() { "[[notice.contacts]]" } else { "name and phone" };
        let span = p.contacts.iter().find_map(|c| c.name.as_ref().or(c.email.as_ref()).map(|l| l.span.clone()));
        push(
            cx,
            out,
            Place { file, table: "notice", key, caption: "FOR FURTHER INFORMATION CONTACT", basis },
            what,
            span.filter(|s| !s.is_empty()),
        );
    }
    if !signed {
        let basis = "1 CFR 18.7 (regulation)";
        push(
            cx,
            out,
            Place { file, table: "", key: "[signature]", caption: "the signature", basis },
            "missing",
            Some(0..0),
        );
    }
}

/// Reports missing or empty required captions.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for doc in cx.documents {
        let file = doc.file;
        match &doc.document {
            Document::Sorn(s) => {
                preamble(cx, out, file, &s.notice, s.signature.is_some(), false);
                // A notice of revision prints only what changes; a rescindment, only the system
                // name and HISTORY (OMB Circular A-108 Appendix IV).
                let rescinded = s.action.value == crate::model::Action::Rescinded;
                let required = |c: &&crate::model::CaptionSpec| {
                    c.required && !s.partial && (!rescinded || c.element == Element::History)
                };
                for spec in s.template.value.captions().iter().filter(required) {
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
                        let span = s.system.prose(spec.element).map(|p| p.span.clone());
                        let caption = s.captions.get(&spec.element).map_or(spec.caption, |c| c.value.as_str());
                        push(
                            cx,
                            out,
                            Place {
                                file,
                                table: "system",
                                key,
                                caption: &format!("\"{caption}\""),
                                basis: caption_basis(spec.element),
                            },
                            what,
                            span,
                        );
                    }
                }
            }
            Document::ExemptionRule(r) => {
                preamble(cx, out, file, &r.notice, r.signature.is_some(), true);
                if r.exemptions.claims.is_empty() {
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
