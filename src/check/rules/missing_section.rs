use crate::check::Context;
use crate::check::Finding;
use crate::diagnostic::FileId;
use crate::model::{Document, Element, Preamble, Prose, System};

crate::declare_rule! {
    /// ## What it checks
    /// That every caption the source's template requires is present and not empty:
    ///
    /// - in every document: SUMMARY, DATES (a day count or text), FOR FURTHER INFORMATION CONTACT
    ///   and the signature;
    /// - in a SORN, every caption of its caption set: for `legacy` the A-130 Appendix I captions,
    ///   for `a108` the nineteen captions of OMB Circular A-108 Appendix II, through HISTORY
    ///   (not in a notice of revision, `partial = true`, which prints only what changes, nor in
    ///   a rescindment, which prints only the system name and HISTORY);
    /// - in an exemption rule, the exemption paragraph's claims.
    ///
    /// ## Why
    /// A SORN must contain each element 5 U.S.C. 552a(e)(4) lists; a caption left empty in a draft
    /// is easy to miss on paper and cannot be supplied after publication without a new notice.
    ///
    /// ## Legal basis
    /// 5 U.S.C. 552a(e)(4)(A)-(I); OMB Circular A-108 Appendix II; 1 CFR 18.12 (preamble captions)
    /// and 18.7 (signature).
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
}

fn state(p: Option<&Prose>) -> Option<&'static str> {
    match p {
        None => Some("missing"),
        Some(p) if p.value.trim().is_empty() => Some("empty"),
        Some(_) => None,
    }
}

/// Where a missing caption belongs: its table, its key, the caption as printed.
struct Place<'a> {
    file: FileId,
    table: &'a str,
    key: &'a str,
    caption: &'a str,
}

fn push(cx: &Context<'_>, out: &mut Vec<Finding>, at: Place<'_>, what: &str, span: Option<std::ops::Range<usize>>) {
    let Place { file, table, key, caption } = at;
    let span = span.unwrap_or_else(|| cx.table_span(file, table));
    let place = if table.is_empty() { String::new() } else { format!(" in [{table}]") };
    out.push(
        Finding::new(format!("{caption} is {what}: `{key}`{place}"), cx.label(file, span, format!("{caption} {what}")))
            .with_help(format!("write the {caption} text as `{key} = \"\"\"...\"\"\"`")),
    );
}

fn preamble(cx: &Context<'_>, out: &mut Vec<Finding>, file: FileId, p: &Preamble, signed: bool) {
    if let Some(what) = state(p.summary.as_ref()) {
        push(
            cx,
            out,
            Place { file, table: "notice", key: "summary", caption: "SUMMARY" },
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
            Place { file, table: "notice", key: "comment_days, effective_days or dates", caption: "DATES" },
            "missing",
            None,
        );
    }
    let contacts =
        p.contacts.iter().any(|c| c.name.is_some() || c.text.is_some() || c.phone.is_some() || c.email.is_some());
    if !contacts {
        push(
            cx,
            out,
            Place { file, table: "notice", key: "[[notice.contacts]]", caption: "FOR FURTHER INFORMATION CONTACT" },
            "missing",
            None,
        );
    }
    if !signed {
        push(cx, out, Place { file, table: "", key: "[signature]", caption: "the signature" }, "missing", Some(0..0));
    }
}

/// Reports missing or empty required captions.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for doc in cx.documents {
        let file = doc.file;
        match &doc.document {
            Document::Sorn(s) => {
                preamble(cx, out, file, &s.notice, s.signature.is_some());
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
                        other => state(s.system.prose(other)),
                    };
                    if let Some(what) = what {
                        let key = System::key(spec.element);
                        let span = s.system.prose(spec.element).map(|p| p.span.clone());
                        let caption = s.captions.get(&spec.element).map_or(spec.caption, |c| c.value.as_str());
                        push(
                            cx,
                            out,
                            Place { file, table: "system", key, caption: &format!("\"{caption}\"") },
                            what,
                            span,
                        );
                    }
                }
            }
            Document::ExemptionRule(r) => {
                preamble(cx, out, file, &r.notice, r.signature.is_some());
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
                        ),
                    );
                }
            }
        }
    }
}
