use jiff::civil::Date;

use crate::check::Context;
use crate::check::Finding;
use crate::dates::Calendar;
use crate::model::placeholders::ValueOrigin;

crate::declare_rule! {
    /// ## What it checks
    /// Federal Register citations in prose, `<volume> FR <page>`, against the date written with
    /// them ("81 FR 52700, August 9, 2016" or "75 FR 412 (January 5, 2010)"):
    ///
    /// - the volume must be the year of the date less 1935 (volume 81 is 2016);
    /// - the page must be plausible for the date: pages are numbered from 1 each January and pass
    ///   roughly 250 a publication day, so a page far below the date's place in the year (or above
    ///   120,000) is a typo, often the issue number written in place of the page.
    ///
    /// ## Why
    /// Citations of earlier notices are how a reader finds the system's history; a wrong page
    /// leads nowhere. "81 FR 153" for a document published August 9, 2016 cites issue No. 153,
    /// not a page.
    ///
    /// ## Example
    /// ```text
    /// published in the Federal Register, 81 FR 153, August 9, 2016
    /// ```
    /// Use instead: the first page of the document, e.g. `81 FR 52700, August 9, 2016`.
    pub const META = ("fr-citation", Structure, Warning, "A Federal Register citation whose volume or page cannot be right for its date.");
    basis = [
        (Regulation, "1 CFR 5.8", "the Federal Register is cited by volume and page number, e.g. \"37 FR 6803\""),
    ];
}

/// A citation found in text: byte range, volume, page, and the date written after it.
#[derive(Debug, PartialEq, Eq)]
struct Citation {
    range: std::ops::Range<usize>,
    volume: u32,
    page: u32,
    date: Option<Date>,
}

const MONTHS: &[(&str, i8)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];

fn number_before(text: &str, end: usize) -> Option<(usize, u32)> {
    let head = text[..end].trim_end();
    let digits: String = head.chars().rev().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 4 {
        return None;
    }
    let start = head.len() - digits.len();
    if head[..start].chars().next_back().is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    Some((start, digits.chars().rev().collect::<String>().parse().ok()?))
}

fn number_after(text: &str, start: usize) -> Option<(usize, u32)> {
    let rest = &text[start..];
    let lead = rest.len() - rest.trim_start().len();
    let body = &rest[lead..];
    let mut end = 0;
    for (i, c) in body.char_indices() {
        if c.is_ascii_digit() || (c == ',' && body[i + 1..].starts_with(|d: char| d.is_ascii_digit()) && i > 0) {
            end = i + c.len_utf8();
        } else {
            break;
        }
    }
    if end == 0 {
        return None;
    }
    let page: u32 = body[..end].replace(',', "").parse().ok()?;
    Some((start + lead + end, page))
}

/// A date such as "August 9, 2016", "Aug. 9, 2016" or "Dec. 11, 2008" at the start of `text`
/// (after punctuation and spaces).
fn date_at(text: &str) -> Option<Date> {
    let t = text.trim_start_matches(|c: char| c == ',' || c == '(' || c == ';' || c.is_whitespace());
    let word: String = t.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    let month = MONTHS.iter().find(|(name, _)| name.eq_ignore_ascii_case(&word))?.1;
    let rest = t[word.len()..].trim_start_matches('.').trim_start();
    let day: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let rest = rest[day.len()..].trim_start_matches(',').trim_start();
    let year: String = rest.chars().take_while(char::is_ascii_digit).collect();
    if year.len() != 4 {
        return None;
    }
    Date::new(year.parse().ok()?, month, day.parse().ok()?).ok()
}

/// A date that ends right before a citation, with only a separator between ("May 11, 2021; 86
/// FR 25899" or "May 11, 2021, 86 FR 25899"): lists that put the date first give each citation
/// the date before it, and the date after it belongs to the next citation.
fn date_before(text: &str, start: usize) -> Option<Date> {
    let head = text.get(..start)?.trim_end().trim_end_matches([';', ',']).trim_end();
    if !head.ends_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // "September 30, 2016" is at most 19 characters; look back a little further for the month.
    let window_start = head.char_indices().rev().nth(24).map_or(0, |(i, _)| i);
    let window = &head[window_start..];
    let words: Vec<usize> = window
        .char_indices()
        .filter(|(i, c)| c.is_ascii_alphabetic() && (*i == 0 || window[..*i].ends_with(' ')))
        .map(|(i, _)| i)
        .collect();
    // The nearest date wins, and it must run to the end of the window: nothing but the date
    // between it and the citation.
    words.into_iter().rev().find_map(|i| {
        let candidate = &window[i..];
        let date = date_at(candidate)?;
        let tail = candidate.trim_end_matches(|c: char| c.is_ascii_digit());
        let spelled = candidate.len() - tail.len() == 4 && tail.ends_with([' ', ',']);
        let only_date = candidate.split_whitespace().count() <= 3;
        (spelled && only_date).then_some(date)
    })
}

/// The Federal Register citations in prose, each as (volume, first page) with the date written
/// beside it, in order: what rules comparing citations (HISTORY against a predecessor) read.
pub(crate) fn cited_pages(text: &str) -> Vec<((u32, u32), Option<Date>)> {
    citations(text).into_iter().map(|c| ((c.volume, c.page), c.date)).collect()
}

fn citations(text: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("FR") {
        let at = from + found;
        from = at + 2;
        let before_ok = text[..at].ends_with(' ') || text[..at].ends_with('\u{a0}');
        let after_ok = text[at + 2..].starts_with([' ', '\u{a0}']);
        if !before_ok || !after_ok {
            continue;
        }
        let (Some((start, volume)), Some((end, page))) = (number_before(text, at), number_after(text, at + 2)) else {
            continue;
        };
        let date = date_before(text, start).or_else(|| date_at(crate::text::window_at(text, end, 40)));
        out.push(Citation { range: start..end, volume, page, date });
    }
    out
}

/// The issue numbers of the dates cited, each counted once: counting is a walk over the year's
/// days, and one notice copied across an inventory cites the same date in every document.
struct IssueNumbers<'a> {
    calendar: &'a Calendar,
    counted: std::collections::HashMap<Date, Option<u32>>,
}

impl<'a> IssueNumbers<'a> {
    fn new(calendar: &'a Calendar) -> Self {
        IssueNumbers { calendar, counted: std::collections::HashMap::new() }
    }

    /// The issue number of `date` (see [`issue_number`]).
    fn of(&mut self, date: Date) -> Option<u32> {
        *self.counted.entry(date).or_insert_with(|| issue_number(self.calendar, date))
    }
}

/// Federal Register publication days from January 1 through `date`: the issue number.
fn issue_number(calendar: &Calendar, date: Date) -> Option<u32> {
    let mut day = Date::new(date.year(), 1, 1).ok()?;
    let mut count = 0;
    while day <= date {
        if calendar.is_business_day(day) {
            count += 1;
        }
        day = day.tomorrow().ok()?;
    }
    Some(count)
}

fn problem(c: &Citation, issues: &mut IssueNumbers<'_>) -> Option<(String, String)> {
    if c.page > 120_000 {
        return Some((
            format!("{} FR {} cites a page beyond any volume's length", c.volume, c.page),
            "check the page number (volumes end near 100,000 pages)".into(),
        ));
    }
    let date = c.date?;
    let year = i32::from(date.year());
    if i64::from(c.volume) != i64::from(year - 1935) {
        return Some((
            format!(
                "{} FR is volume {} ({}), but the citation is dated {}",
                c.volume,
                c.volume,
                c.volume + 1935,
                crate::dates::fr_date(date)
            ),
            format!("a document of {year} is in volume {}", year - 1935),
        ));
    }
    let day_of_year = u32::try_from(date.day_of_year()).unwrap_or(0);
    // From volume 40 (1975, the Privacy Act's first year) the Register has printed well over 40
    // pages a calendar day; earlier volumes were thinner, so their pages are not judged.
    if c.volume >= 40 && day_of_year > 15 && c.page < day_of_year * 40 {
        let issue = issues.of(date);
        let mut help = "cite the first page of the document as printed".to_string();
        if issue.is_some_and(|n| n.abs_diff(c.page) <= 2) {
            help = format!(
                "{} is about the issue number of {} (Vol. {}, No. {}); cite the page instead",
                c.page,
                crate::dates::fr_date(date),
                c.volume,
                issue.unwrap_or(0)
            );
        }
        return Some((
            format!(
                "{} FR {} cannot be right for {}: by then volume {} was past page {}",
                c.volume,
                c.page,
                crate::dates::fr_date(date),
                c.volume,
                day_of_year * 40
            ),
            help,
        ));
    }
    None
}

/// Reports implausible citations in every prose field.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let mut issues = IssueNumbers::new(&cx.settings.calendar);
    for doc in cx.documents {
        let source = cx.text(doc.file);
        for (key, prose) in doc.document.prose() {
            let origin = ValueOrigin::new(source, prose.span.clone(), &prose.value);
            for c in citations(&prose.value) {
                let Some((message, help)) = problem(&c, &mut issues) else { continue };
                let span = origin.range(c.range.clone());
                out.push(Finding::new(message, cx.label(doc.file, span, format!("in `{key}`"))).with_help(help));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_citations_with_dates() {
        let found =
            citations("SORN. 73 FR 75452 (Dec. 11, 2008). Also 80 FR 72,081 (November 18, 2015) and 5 U.S.C. 552a.");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].volume, 73);
        assert_eq!(found[0].page, 75452);
        assert_eq!(found[0].date, Date::new(2008, 12, 11).ok());
        assert_eq!(found[1].page, 72081);
        assert_eq!(found[1].date, Date::new(2015, 11, 18).ok());
    }

    #[test]
    fn flags_issue_numbers_and_wrong_volumes() {
        let cal = Calendar::federal();
        let issue = &citations("Federal Register, 81 FR 153, August 9, 2016, proposing")[0];
        let (message, help) = problem(issue, &mut IssueNumbers::new(&cal)).unwrap();
        assert!(message.contains("81 FR 153"), "{message}");
        assert!(help.contains("No. 153"), "{help}");
        let volume = &citations("82 FR 52700, August 9, 2016")[0];
        assert!(problem(volume, &mut IssueNumbers::new(&cal)).unwrap().0.contains("volume 82"));
        for fine in [
            "75 FR 412 (January 5, 2010)",
            "81 FR 52700, August 9, 2016",
            "73 FR 43,457 (July 25, 2008)",
            "65 FR 21747",
        ] {
            assert_eq!(problem(&citations(fine)[0], &mut IssueNumbers::new(&cal)), None, "{fine}");
        }
        assert!(problem(&citations("81 FR 952700")[0], &mut IssueNumbers::new(&cal)).unwrap().0.contains("beyond"));
    }

    #[test]
    fn a_date_before_the_citation_is_its_date() {
        let found = citations("HISTORY: May 11, 2021; 86 FR 25899; January 31, 2022; 87 FR 4957.");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].date, Date::new(2021, 5, 11).ok());
        assert_eq!(found[1].date, Date::new(2022, 1, 31).ok());
        let cal = Calendar::federal();
        assert!(found.iter().all(|c| problem(c, &mut IssueNumbers::new(&cal)).is_none()));
        // A date closed by a parenthesis belongs to the citation before it.
        let found = citations("81 FR 52700 (August 9, 2016); 82 FR 1234 (January 3, 2017)");
        assert_eq!(found[1].date, Date::new(2017, 1, 3).ok());
    }

    #[test]
    fn ignores_non_citations() {
        assert!(citations("the FRDOC and FR. and 12 FRAMES").is_empty());
        assert!(citations("FR 12").is_empty());
    }

    #[test]
    fn a_character_across_the_date_window_does_not_panic() {
        // The date window after "81 FR 52592" is 40 bytes; put a three-byte character across its
        // end at every shift.
        for pad in 0..4 {
            let text = format!("81 FR 52592 {}\u{201c}quoted\u{201d} \u{2014} and more", "x".repeat(24 + pad));
            let found = citations(&text);
            assert_eq!(found.len(), 1, "{text}");
            assert_eq!(found[0].date, None);
        }
    }
}
