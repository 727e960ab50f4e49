use jiff::civil::Date;

use crate::check::Context;
use crate::check::Finding;
use crate::dates::fr_date;
use crate::model::{Document, FrDoc, Loc, Signature, SourceDate};

crate::declare_rule! {
    /// ## What it checks
    /// That the dates a document states can all be true together:
    ///
    /// - the Federal Register is published only on Federal business days, so `published` (and the
    ///   publication date of the FR Doc line) cannot be a Saturday, a Sunday or a Federal holiday;
    /// - a document is signed before it is filed for public inspection, and filed before its
    ///   publication day (on the regular schedule, the working day before), not on it;
    /// - `published` and the FR Doc line's publication date agree.
    ///
    /// ## Why
    /// These dates are typed by hand in several places, and every computed date certain (comment
    /// deadline, effective date) follows from the publication date. One wrong date moves them all.
    ///
    /// ## Example
    /// ```toml
    /// published = 2016-08-07            # a Sunday
    ///
    /// [signature]
    /// dated = 2016-08-10                # after filing
    ///
    /// [fr_doc]
    /// filed = 2016-08-08T08:45:00
    /// ```
    /// Use instead: `published = 2016-08-09`, `dated = 2016-08-03`.
    pub const META = ("document-dates", Structure, Error, "Dates that cannot all be true: publication on a non-business day, signing after filing, filing on or after the publication day.");
    basis = [
        (Regulation, "1 CFR 5.6", "the Federal Register is published on each official Federal working day"),
        (Regulation, "1 CFR 17.2(a), (c)", "a document is \"filed for public inspection only after it has been received, processed and assigned a publication date\"; on the regular schedule it is filed on the working day before the day it is published (received Monday, filed Wednesday, published Thursday)"),
        (Regulation, "1 CFR 17.5", "a document filed early under emergency filing \"remains on public inspection until it is published\": on every schedule, filing comes before publication"),
        (Regulation, "1 CFR 18.3(c)", "\"Receipt dates are determined at the time a signed original and clear and legible copies are received\": a document is signed before it is filed"),
    ];
}

fn parts(doc: &Document) -> (Option<&Loc<SourceDate>>, Option<&Signature>, Option<&FrDoc>) {
    match doc {
        Document::Sorn(s) => (s.published.as_ref(), s.signature.as_ref(), s.fr_doc.as_ref()),
        Document::ExemptionRule(r) => (r.published.as_ref(), r.signature.as_ref(), r.fr_doc.as_ref()),
    }
}

/// Reports impossible or inconsistent dates.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let calendar = &cx.settings.calendar;
    for doc in cx.documents {
        let (published, signature, fr_doc) = parts(&doc.document);
        let file = doc.file;
        let mut publication: Vec<(Date, std::ops::Range<usize>, &str)> = Vec::new();
        if let Some(p) = published {
            publication.push((p.value.0, p.span.clone(), "published"));
        }
        if let Some(p) = fr_doc.and_then(|f| f.publication_date.as_ref()) {
            publication.push((p.value.0, p.span.clone(), "the FR Doc line's publication date"));
        }
        for (date, span, what) in &publication {
            if let Some(reason) = calendar.non_business_reason(*date) {
                out.push(
                    Finding::new(
                        format!(
                            "{what} is {}, a day the Federal Register is not published ({})",
                            fr_date(*date),
                            reason.reason()
                        ),
                        cx.label(file, span.clone(), "not a Federal business day"),
                    )
                    .with_help(format!(
                        "the next publication day is {}",
                        fr_date(calendar.next_business_day_on_or_after(*date))
                    ))
                    .with_note(
                        "1 CFR 5.6 (regulation): the Federal Register is published each official Federal working day",
                    ),
                );
            }
        }
        if let [(a, a_span, _), (b, b_span, _)] = publication.as_slice()
            && a != b
        {
            out.push(
                Finding::new(
                    format!("`published` is {}, but the FR Doc line says {}", fr_date(*a), fr_date(*b)),
                    cx.label(file, a_span.clone(), "published"),
                )
                .with_label(cx.label(file, b_span.clone(), "FR Doc line"))
                .with_help("give the same publication date in both places"),
            );
        }
        let first_publication = publication.iter().map(|(d, _, _)| *d).min();
        if let Some(fr) = fr_doc {
            let filed = fr.filed.value.0.date();
            // 1 CFR 17.2(c): on the regular schedule a document is filed on the working day
            // before its publication day; filing on the publication day itself is not filing
            // before publication.
            if let Some(p) = first_publication.filter(|p| filed >= *p) {
                let when = if filed == p { "on the day it is published" } else { "after it is published" };
                out.push(
                    Finding::new(
                        format!(
                            "filed {} but published {}: a document is filed for public inspection before its publication day",
                            fr_date(filed),
                            fr_date(p)
                        ),
                        cx.label(file, fr.filed.span.clone(), format!("filed {when}")),
                    )
                    .with_help(format!(
                        "on the regular schedule the filing date is the working day before publication: {}",
                        fr_date(calendar.previous_business_day_before(p))
                    ))
                    .with_note("1 CFR 17.2(a), (c) (regulation): filed only after it has been assigned a publication date; filed Wednesday, published Thursday"),
                );
            }
        }
        let signed = signature.and_then(|s| s.dated.as_ref());
        if let Some(dated) = signed {
            let later = fr_doc
                .map(|f| (f.filed.value.0.date(), "filed"))
                .or_else(|| first_publication.map(|p| (p, "published")));
            if let Some((when, what)) = later.filter(|(when, _)| dated.value.0 > *when) {
                out.push(
                    Finding::new(
                        format!("signed {}, after the document was {what} ({})", fr_date(dated.value.0), fr_date(when)),
                        cx.label(file, dated.span.clone(), format!("after it was {what}")),
                    )
                    .with_help("the signature date comes before filing: check `dated`")
                    .with_note(
                        "1 CFR 18.3(c) (regulation): receipt dates are determined when a signed original is received",
                    ),
                );
            }
        }
    }
}
