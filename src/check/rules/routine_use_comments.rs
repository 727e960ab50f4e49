use super::routine_use_notice::{named, timed};
use super::written_dates::read;
use crate::check::Context;
use crate::check::Finding;
use crate::dates::fr_date;
use crate::model::Action;
use crate::model::placeholders::ValueOrigin;

crate::declare_rule! {
    /// ## What it checks
    /// That the comment period on a notice's new or changed routine uses closes no later than
    /// they take effect: `comment_days` no greater than `effective_days`, or, in DATES written out
    /// (`notice.dates`), a comment deadline no later than the routine uses' effective date.
    ///
    /// Only routine uses that take effect at least 30 days after publication are compared; an
    /// earlier date is `routine-use-notice`'s (or `written-dates`') error, and one cause gets one
    /// diagnostic.
    ///
    /// ## Why
    /// The statute times the notice of a new use (30 days before it is used) and asks for an
    /// opportunity to comment; it does not say when comments close. OMB's circular on SORN
    /// publication is read as asking that the comments be in before the new or changed routine
    /// uses take effect, so a routine use in force while comments are still open is a warning.
    ///
    /// ## Example
    /// ```toml
    /// [notice]
    /// comment_days = 45
    /// effective_days = 30
    /// ```
    /// Use instead: `comment_days = 30` (or `effective_days = 45`).
    pub const META = ("routine-use-comments", Structure, Warning, "New or changed routine uses would take effect before their comment period closes.");
    basis = [
        (OmbPolicy, "OMB Circular A-108 (Dec. 2016; notice of availability, 81 FR 94424), section 6, \"Publishing System of Records Notices\"", "sorn's reading of the section, whose text is not quoted here: new or significantly modified routine uses take effect after the 30-day comment period; a warning for that reason"),
        (Statute, "5 U.S.C. 552a(e)(11)", "notice of \"any new use or intended use\" \"at least 30 days prior\", with \"an opportunity for interested persons to submit written data, views, or arguments\"; no closing date for comments"),
    ];
}

/// Reports routine uses in force while their comment period is open.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (index, doc, sorn) in cx.sorns() {
        let uses = timed(cx, index, sorn);
        if uses.is_empty() {
            continue;
        }
        let notice = &sorn.notice;
        if let (Some(dates), Some(published)) = (&notice.dates, &sorn.published) {
            written(cx, doc.file, &dates.value, dates.span.clone(), published.value.0, out);
            continue;
        }
        let (Some(effective), Some(comments)) = (&notice.effective_days, &notice.comment_days) else { continue };
        if effective.value < 30 || comments.value <= effective.value {
            continue;
        }
        let which = if sorn.action.value == Action::New {
            "the routine uses of this new system".to_string()
        } else {
            named(&uses)
        };
        let takes = if sorn.action.value == Action::Modified && uses.len() == 1 { "takes" } else { "take" };
        out.push(
            Finding::new(
                format!(
                    "comments close {} days after publication, after {which} {takes} effect on day {}",
                    comments.value, effective.value
                ),
                cx.label(doc.file, comments.span.clone(), "comments still open"),
            )
            .with_label(cx.label(doc.file, effective.span.clone(), "takes effect here"))
            .with_help(
                "let the new and changed routine uses take effect no earlier than the end of the comment period",
            ),
        );
    }
}

/// The same comparison on DATES written out: the routine uses' date (or the notice's) against
/// the comment deadline.
fn written(
    cx: &Context<'_>,
    file: crate::diagnostic::FileId,
    text: &str,
    at: std::ops::Range<usize>,
    published: jiff::civil::Date,
    out: &mut Vec<Finding>,
) {
    let r = read(text, published);
    let Some((date, range)) = r.routine_uses.or(r.effective) else { return };
    let Ok(thirty) = cx.settings.calendar.date_certain(published, 30) else { return };
    let Some((deadline, deadline_range, _)) = r.comments.filter(|(d, _, _)| *d > date) else { return };
    if date < thirty.date {
        return;
    }
    let source = cx.text(file);
    let origin = ValueOrigin::new(source, at.clone(), text);
    let span = |range: std::ops::Range<usize>| origin.range(range);
    out.push(
        Finding::new(
            format!("the routine uses take effect {}, before comments close on {}", fr_date(date), fr_date(deadline)),
            cx.label(file, span(range), "takes effect here"),
        )
        .with_label(cx.label(file, span(deadline_range), "comments still open"))
        .with_help("let the routine uses take effect no earlier than the comment deadline"),
    );
}
