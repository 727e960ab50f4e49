//! The preamble fields both kinds of document share, built from the front matter: the agency,
//! identifying lines, AGENCY, SUMMARY, DATES, ADDRESSES and its extra captions, contacts, and
//! the publication date and FR Doc line.

use super::captions::PreambleCaption;
use super::front::{self, Which};
use super::rich::Rich;
use super::unit::Unit;
use super::{Ctx, ImportError, ImportOptions, contacts, dates};
use crate::model::{Contact, ExtraCaption, FrDoc, Loc, Preamble, SourceDate, SourceDateTime};

/// Text with its whitespace runs made single spaces, for comparing with what sorn generates.
pub(crate) fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Units read as one paragraph.
pub(crate) fn joined(units: &[Unit]) -> Rich {
    let mut r = Rich::default();
    for u in units {
        r.append(&u.reading_rich(), " ");
    }
    r
}

/// The preamble fields every document has, filled from the front matter. The caller sets the
/// subject, action and dates, which depend on the kind of document.
pub(crate) struct PreambleParts {
    pub preamble: Preamble,
    pub agency: crate::model::Agency,
}

/// The agency's name in the document's own capitalization, if the text spells the capitals line.
pub(crate) fn proper_agency(capitals: &str, texts: &[&str]) -> String {
    let wanted = capitals.trim().to_lowercase();
    for t in texts {
        if let Some(i) = t.to_lowercase().find(&wanted)
            && t.is_char_boundary(i)
            && t.is_char_boundary(i + wanted.len())
        {
            let candidate = &t[i..i + wanted.len()];
            if candidate.chars().any(char::is_lowercase) {
                return candidate.to_string();
            }
        }
    }
    capitals
        .split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && matches!(lower.as_str(), "of" | "and" | "the" | "for" | "on" | "in" | "to") {
                lower
            } else {
                let mut c = lower.chars();
                c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The abbreviation written after the agency's name: "General Services Administration (GSA)".
fn agency_abbreviation(name: &str, texts: &[&str]) -> Option<String> {
    let needle = format!("{name} (");
    for t in texts {
        if let Some(i) = t.find(&needle) {
            let rest = &t[i + needle.len()..];
            let close = rest.find(')')?;
            let abbr = &rest[..close];
            if (2..=8).contains(&abbr.len()) && abbr.chars().all(|c| c.is_ascii_uppercase()) {
                return Some(abbr.to_string());
            }
        }
    }
    None
}

/// Fills agency, identifying lines, AGENCY, SUMMARY, ADDRESSES and its extra captions, contacts and
/// the units of SUPPLEMENTARY INFORMATION (written by the caller once placeholders are known).
pub(crate) fn preamble_parts(
    front: &front::Front,
    end_billing: &[(String, u32)],
    all_texts: &[&str],
    ctx: &mut Ctx,
) -> Result<PreambleParts, Box<ImportError>> {
    let h = &front.heading;
    let agency_caps = h.agency.clone().unwrap_or_default();
    let agency_name = if agency_caps.is_empty() { String::new() } else { proper_agency(&agency_caps, all_texts) };
    let abbreviation = agency_abbreviation(&agency_name, all_texts);
    let agency = crate::model::Agency {
        name: Loc::synthetic(agency_name.clone()),
        abbreviation: abbreviation.map(Loc::synthetic),
        subagency: h.subagency.clone().map(Loc::synthetic),
    };
    if agency_caps.is_empty() {
        ctx.warn(None, "no agency heading line found; `agency.name` is empty");
    }
    let mut p = Preamble::default();
    let billing = h.billing.clone().or_else(|| end_billing.first().cloned());
    if let Some((code, _)) = &billing {
        p.billing_code = Some(Loc::synthetic(code.clone()));
    }
    for (code, line) in end_billing.iter().chain(h.billing.iter()) {
        if let Some((kept, _)) = &billing
            && code.trim_end_matches(['P', 'C']).trim_end_matches('-')
                != kept.trim_end_matches(['P', 'C']).trim_end_matches('-')
        {
            ctx.warn(Some(*line), format!("second billing code {code} differs from {kept}; sorn prints one"));
        }
    }
    if let Some(bracket) = &h.bracket {
        let (docket, exact) = docket_of(bracket);
        p.docket = docket.map(Loc::synthetic);
        if !exact {
            p.bracket_line = Some(Loc::synthetic(bracket.clone()));
        }
    }
    p.rin = h.rin.clone().map(Loc::synthetic);
    ctx.unplace("notice.subject", &h.other)?;
    Ok(PreambleParts { preamble: p, agency })
}

/// The docket number in a bracketed line, and whether the line is exactly "Docket No. X".
fn docket_of(bracket: &str) -> (Option<String>, bool) {
    if let Some(rest) = bracket.strip_prefix("Docket No. ")
        && !rest.contains([' ', ';', ','])
    {
        return (Some(rest.to_string()), true);
    }
    for label in ["Docket No.", "Docket Number", "Docket ID:", "Docket ID", "Docket Nos.", "Docket"] {
        if let Some(i) = bracket.find(label) {
            let rest = bracket[i + label.len()..].trim_start_matches([':', ' ']);
            let id: String = rest.chars().take_while(|c| !c.is_whitespace() && !matches!(c, ';' | ',' | ']')).collect();
            if id.chars().any(|c| c.is_ascii_digit()) {
                return (Some(id), false);
            }
        }
    }
    (None, false)
}

/// The publication date the input states: the issue date, or the FR Doc line's (public
/// inspection), or the business day after filing (print).
pub(crate) fn doc_publication(issue: &Option<jiff::civil::Date>, end: &front::EndMatter) -> Option<jiff::civil::Date> {
    if issue.is_some() {
        return *issue;
    }
    let (doc, _) = end.fr_doc.as_ref()?;
    if let Some(p) = doc.publication {
        return Some(p);
    }
    let cal = crate::dates::Calendar::default();
    cal.try_next_business_day_on_or_after(doc.filed.date().tomorrow().ok()?).ok()
}

pub(crate) fn fr_doc(end: &front::EndMatter) -> Option<FrDoc> {
    end.fr_doc.as_ref().map(|(d, _)| FrDoc {
        number: Loc::synthetic(d.number.clone()),
        filed: Loc::synthetic(SourceDateTime(d.filed)),
        publication_date: d.publication.map(|p| Loc::synthetic(SourceDate(p))),
        style: d.style,
    })
}

/// AGENCY, SUMMARY, DATES, ADDRESSES and extra captions, contacts: the same for both kinds.
/// Returns the publication date when DATES gave dates certain.
pub(crate) fn common_preamble(
    front: &front::Front,
    preamble: &mut crate::model::Preamble,
    agency: &crate::model::Agency,
    publication: &Option<jiff::civil::Date>,
    options: &ImportOptions,
    ctx: &mut Ctx,
    convention: dates::Convention,
) -> Result<Option<jiff::civil::Date>, Box<ImportError>> {
    let mut published = None;
    for caption in &front.captions {
        match &caption.which {
            Which::Known(PreambleCaption::Agency) => {
                let text = joined(&caption.units);
                if squash(&text.text) != format!("{}.", agency.name.value) || caption.units.len() > 1 {
                    preamble.agency =
                        if caption.units.len() > 1 { ctx.prose(&caption.units)? } else { ctx.inline(&text)? };
                }
            }
            Which::Known(PreambleCaption::Summary) => preamble.summary = ctx.prose(&caption.units)?,
            Which::Known(PreambleCaption::Dates) => {
                let text = joined(&caption.units);
                let found = dates::recognize(&text, convention, *publication, &options.calendar);
                preamble.comment_days = found.comment_days.map(Loc::synthetic);
                preamble.effective_days = found.effective_days.map(Loc::synthetic);
                published = found.published;
                if let Some(p) = &found.prose {
                    preamble.dates = ctx.inline(p)?;
                }
            }
            Which::Known(PreambleCaption::Addresses) => preamble.addresses = ctx.prose(&caption.units)?,
            Which::Extra(name) => {
                let mut title = name.to_lowercase();
                if let Some(first) = title.get(0..1) {
                    title = format!("{}{}", first.to_uppercase(), &title[1..]);
                }
                if let Some(text) = ctx.prose(&caption.units)? {
                    preamble.address_captions.push(ExtraCaption { caption: Loc::synthetic(title), text });
                }
            }
            Which::Known(PreambleCaption::Contact) => {
                let text = joined(&caption.units);
                for c in contacts::split(&text) {
                    let s = |v: Option<String>| v.map(Loc::synthetic);
                    let text = match &c.text {
                        Some(t) => ctx.inline(t)?,
                        None => None,
                    };
                    preamble.contacts.push(Contact {
                        topic: s(c.topic),
                        name: s(c.name),
                        title: s(c.title),
                        phone: s(c.phone),
                        address: s(c.address),
                        email: s(c.email),
                        text,
                    });
                }
            }
            Which::Known(PreambleCaption::Action | PreambleCaption::Supplementary) => {}
        }
    }
    Ok(published)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docket_lines() {
        assert_eq!(docket_of("Docket No. DHS-2016-0053"), (Some("DHS-2016-0053".into()), true));
        assert_eq!(
            docket_of("Notice-ID-2019-01; Docket No. 2019-0002; Sequence No. 27"),
            (Some("2019-0002".into()), false)
        );
        assert_eq!(docket_of("Docket ID: DOD-2016-HA-0042"), (Some("DOD-2016-HA-0042".into()), false));
        assert_eq!(docket_of("FRL-9999-99-OAR"), (None, false));
    }

    #[test]
    fn agency_names() {
        assert_eq!(
            proper_agency("GENERAL SERVICES ADMINISTRATION", &["General Services Administration (GSA), Office"]),
            "General Services Administration"
        );
        assert_eq!(proper_agency("DEPARTMENT OF THE TREASURY", &[]), "Department of the Treasury");
        assert_eq!(
            agency_abbreviation("General Services Administration", &["the General Services Administration (GSA) is"])
                .as_deref(),
            Some("GSA")
        );
    }
}
