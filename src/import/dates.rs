//! The DATES caption: the Office of the Federal Register's placeholders and dates certain back
//! into day counts (and the publication date), and custom wording into `notice.dates` prose with
//! `{comments_due}`, `{effective}` and `{published}` exactly where sorn would print the same date.

use jiff::civil::Date;

use super::preamble::squash;
use super::rich::{MarkKind, Rich};
use super::signature::long_dates;
use crate::dates::{Calendar, fr_date, placeholder};

/// Which conventional DATES sentences the document would generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Convention {
    /// A SORN: "Submit comments on or before X. This `<adjective>` system will be effective Y."
    Sorn(&'static str),
    /// An exemption rule: "Comments must be received on or before X." and, for a final rule,
    /// "This final rule is effective Y."
    Rule {
        /// A final rule.
        final_rule: bool,
    },
}

/// What the DATES caption says, in sorn's terms.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DatesFound {
    /// Days until comments are due.
    pub comment_days: Option<u32>,
    /// Days until the document takes effect.
    pub effective_days: Option<u32>,
    /// The publication date, when the text gives dates certain that agree with it.
    pub published: Option<Date>,
    /// The text with placeholders, when the conventional sentences do not reproduce it.
    pub prose: Option<Rich>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Comments,
    Effective,
    Published,
}

struct Found {
    range: std::ops::Range<usize>,
    days: u32,
}

/// Reads a DATES caption's text. `publication` is the publication date if the input states one
/// (the issue date, or the FR Doc line); it is used only if the text's dates certain agree with it.
pub fn recognize(body: &Rich, convention: Convention, publication: Option<Date>, calendar: &Calendar) -> DatesFound {
    let text = body.text.as_str();
    let mut found: Vec<Found> = Vec::new();
    // OFR placeholders, exactly as sorn prints them.
    let mut at = 0;
    while let Some(i) = text[at..].find("[INSERT DATE") {
        let start = at + i;
        let Some(close) = text[start..].find(']') else { break };
        let end = start + close + 1;
        let candidate = &text[start..end];
        let days = if candidate == placeholder(0) {
            Some(0)
        } else {
            candidate
                .strip_prefix("[INSERT DATE ")
                .and_then(|r| r.split(' ').next())
                .and_then(|n| n.parse::<u32>().ok())
                .filter(|n| candidate == placeholder(*n))
        };
        if let Some(days) = days {
            found.push(Found { range: start..end, days });
        }
        at = end;
    }
    let mut published = None;
    if let Some(p) = publication {
        let certain: Vec<Found> = long_dates(text)
            .into_iter()
            .filter_map(|(range, date)| days_for(calendar, p, date).map(|days| Found { range, days }))
            .collect();
        if !certain.is_empty() && found.is_empty() {
            published = Some(p);
            found = certain;
        }
    }
    found.sort_by_key(|f| f.range.start);

    let mut out = DatesFound { published, ..DatesFound::default() };
    let mut rich = body.clone();
    let mut effective_on_publication = false;
    for f in &found {
        let role = match role_before(text, f.range.start) {
            // The publication date prints the same as {published}, whatever the sentence says.
            Some(Role::Effective) if f.days == 0 => {
                effective_on_publication = true;
                Role::Published
            }
            Some(r) => r,
            None if f.days == 0 => Role::Published,
            None => continue,
        };
        let name = match role {
            Role::Comments => match out.comment_days {
                None => {
                    out.comment_days = Some(f.days);
                    "comments_due"
                }
                Some(d) if d == f.days => "comments_due",
                Some(_) => continue,
            },
            Role::Effective => match out.effective_days {
                None => {
                    out.effective_days = Some(f.days);
                    "effective"
                }
                Some(d) if d == f.days => "effective",
                Some(_) if f.days == 0 => "published",
                Some(_) => continue,
            },
            Role::Published if f.days == 0 => "published",
            Role::Published => continue,
        };
        rich.add_mark(f.range.clone(), MarkKind::Placeholder(name));
    }
    if out.effective_days.is_none() && effective_on_publication {
        out.effective_days = Some(0);
    }
    let generated = conventional(convention, &out, calendar);
    if generated.as_deref().map(squash) == Some(squash(text)) {
        return out;
    }
    out.prose = Some(rich);
    out
}

/// The day count whose date certain (1 CFR 18.17) is `date`, preferring the exact calendar
/// difference.
fn days_for(calendar: &Calendar, published: Date, date: Date) -> Option<u32> {
    let exact = published.until(date).ok().map(|span| span.get_days()).and_then(|d| u32::try_from(d).ok());
    let matches = |days: u32| calendar.date_certain(published, days).is_ok_and(|c| c.date == date);
    if let Some(d) = exact
        && d <= 365
        && matches(d)
    {
        return Some(d);
    }
    (0..=180).find(|&d| matches(d))
}

fn role_before(text: &str, at: usize) -> Option<Role> {
    let sentence_start = text[..at].rfind(". ").map_or(0, |i| i + 2);
    let before = text[sentence_start..at].to_lowercase();
    let keys: [(&str, Role); 7] = [
        ("comment", Role::Comments),
        ("submit", Role::Comments),
        ("effective", Role::Effective),
        ("applicable", Role::Effective),
        ("apply", Role::Effective),
        ("take effect", Role::Effective),
        ("publication", Role::Published),
    ];
    keys.iter().filter_map(|(k, r)| before.rfind(k).map(|i| (i, *r))).max_by_key(|(i, _)| *i).map(|(_, r)| r)
}

/// The sentences sorn generates for these counts, as plain text.
fn conventional(convention: Convention, found: &DatesFound, calendar: &Calendar) -> Option<String> {
    let render = |days: u32| match found.published {
        Some(p) => calendar.date_certain(p, days).map(|c| fr_date(c.date)).unwrap_or_else(|_| placeholder(days)),
        None => placeholder(days),
    };
    let mut sentences = Vec::new();
    if let Some(d) = found.comment_days {
        sentences.push(match convention {
            Convention::Sorn(_) => format!("Submit comments on or before {}.", render(d)),
            Convention::Rule { .. } => format!("Comments must be received on or before {}.", render(d)),
        });
    }
    match convention {
        Convention::Sorn(adjective) => {
            if let Some(d) = found.effective_days {
                sentences.push(format!("This {adjective} system will be effective {}.", render(d)));
            }
        }
        Convention::Rule { final_rule: true } => {
            sentences.push(format!("This final rule is effective {}.", render(found.effective_days.unwrap_or(0))));
        }
        Convention::Rule { final_rule: false } => {}
    }
    (!sentences.is_empty()).then(|| sentences.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn cal() -> Calendar {
        Calendar::default()
    }

    #[test]
    fn placeholders_become_day_counts() {
        let body = Rich::plain(format!(
            "Submit comments on or before {}. This new system will be effective {}.",
            placeholder(30),
            placeholder(30)
        ));
        let found = recognize(&body, Convention::Sorn("new"), None, &cal());
        assert_eq!(found.comment_days, Some(30));
        assert_eq!(found.effective_days, Some(30));
        assert_eq!(found.prose, None);
    }

    #[test]
    fn final_rule_effective_on_publication() {
        let body = Rich::plain(format!("This final rule is effective {}.", placeholder(0)));
        let found = recognize(&body, Convention::Rule { final_rule: true }, None, &cal());
        assert_eq!(found.effective_days, Some(0));
        assert_eq!(found.prose, None);
    }

    #[test]
    fn dates_certain_become_placeholders_in_custom_wording() {
        let body = Rich::plain(
            "The SORN is applicable on October 8, 2019, with the exception of the routine uses. The routine uses will not be effective until November 7, 2019, pending public comment. Comments must be submitted by November 7, 2019.",
        );
        let found = recognize(&body, Convention::Sorn("new"), Some(date(2019, 10, 8)), &cal());
        assert_eq!(found.published, Some(date(2019, 10, 8)));
        assert_eq!(found.comment_days, Some(30));
        assert_eq!(found.effective_days, Some(30));
        let prose = found.prose.unwrap().sorn_text();
        assert_eq!(
            prose,
            "The SORN is applicable on {published}, with the exception of the routine uses. The routine uses will not be effective until {effective}, pending public comment. Comments must be submitted by {comments_due}."
        );
    }

    #[test]
    fn dates_that_disagree_with_the_publication_date_stay_as_written() {
        let body = Rich::plain("Comments are due by May 1, 2019.");
        let found = recognize(&body, Convention::Sorn("new"), Some(date(2019, 10, 8)), &cal());
        assert_eq!(found.published, None);
        assert_eq!(found.prose.unwrap().sorn_text(), "Comments are due by May 1, 2019.");
    }

    #[test]
    fn unknown_placeholder_wording_stays_as_written() {
        let body = Rich::plain("Comments due [INSERT DATE 30 DAYS FROM PUBLICATION].");
        let found = recognize(&body, Convention::Sorn("new"), None, &cal());
        assert_eq!(found.comment_days, None);
        assert_eq!(found.prose.unwrap().sorn_text(), "Comments due [INSERT DATE 30 DAYS FROM PUBLICATION].");
    }
}
