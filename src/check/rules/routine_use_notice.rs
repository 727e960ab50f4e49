use crate::check::Context;
use crate::check::Finding;
use crate::model::Action;

crate::declare_rule! {
    /// ## What it checks
    /// That a notice of a new or modified system with routine uses gives the public at least 30
    /// days between publication and the day its routine uses take effect: `effective_days` of 30
    /// or more, and a comment period (`comment_days`) that ends no later than that day. Notices
    /// whose DATES text is written out (`notice.dates`) are not checked: their wording may time the
    /// system and its routine uses separately.
    ///
    /// ## Why
    /// A routine use is a standing permission to disclose records outside the agency without the
    /// individual's consent. The Privacy Act lets it take effect only after the public has had 30
    /// days' notice and a chance to comment. A shorter period is a defect the Office of the
    /// Federal Register will not catch.
    ///
    /// ## Legal basis
    /// 5 U.S.C. 552a(e)(11): "at least 30 days prior to publication of information under
    /// paragraph (4)(D) of this subsection, publish in the Federal Register notice of any new use
    /// or intended use of the information in the system, and provide an opportunity for
    /// interested persons to submit written data, views, or arguments to the agency". OMB
    /// Circular A-108 requires the same 30-day comment period.
    ///
    /// ## Example
    /// ```toml
    /// [notice]
    /// comment_days = 30
    /// effective_days = 15
    /// ```
    /// Use instead:
    /// ```toml
    /// [notice]
    /// comment_days = 30
    /// effective_days = 30
    /// ```
    pub const META = ("routine-use-notice", Exemptions, Error, "Routine uses would take effect less than 30 days after publication, or before comments close.");
}

/// Reports short notice periods of new or modified systems with routine uses.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (_, doc, sorn) in cx.sorns() {
        if sorn.action.value == Action::Rescinded || sorn.system.routine_uses.is_empty() {
            continue;
        }
        let notice = &sorn.notice;
        // With DATES written out (`notice.dates`), the day counts may time the system and its
        // routine uses separately ("effective upon publication; routine uses 30 days after"):
        // only the generated sentence ties the routine uses to `effective_days`.
        if notice.dates.is_some() {
            continue;
        }
        if let Some(effective) = &notice.effective_days {
            if effective.value < 30 {
                out.push(
                    Finding::new(format!(
                            "the routine uses would take effect {} days after publication; the Privacy Act requires at least 30",
                            effective.value
                        ),
                        cx.label(doc.file, effective.span.clone(), "fewer than 30 days"),
                    )
                    .with_help("set effective_days = 30 or more (or state in `dates` that the routine uses take effect 30 days after publication)")
                    .with_note("5 U.S.C. 552a(e)(11)"),
                );
            }
            if let Some(comments) = &notice.comment_days {
                if comments.value > effective.value {
                    out.push(
                        Finding::new(
                            format!(
                                "comments close {} days after publication, after the system takes effect on day {}",
                                comments.value, effective.value
                            ),
                            cx.label(doc.file, comments.span.clone(), "comments still open"),
                        )
                        .with_label(cx.label(doc.file, effective.span.clone(), "takes effect here"))
                        .with_help("let the routine uses take effect no earlier than the end of the comment period")
                        .with_note("5 U.S.C. 552a(e)(11)"),
                    );
                }
            }
        }
    }
}
