use jiff::civil::Date;

use super::routine_use_notice::timed;
use crate::check::Context;
use crate::check::Finding;
use crate::dates::fr_date;
use crate::model::placeholders::ValueOrigin;

crate::declare_rule! {
    /// ## What it checks
    /// The dates a notice writes out in DATES (`notice.dates`, e.g. "Submit comments on or before
    /// September 8, 2016. This new system will be effective September 8, 2016."), read sentence by
    /// sentence and computed back against `published` as 1 CFR 18.17 counts (the day after
    /// publication is day 1; a last day on a weekend or holiday moves to the next business day):
    ///
    /// - new or changed routine uses (those of a new system, or marked `change`) that take
    ///   effect before the 30-day date certain, whether a sentence about routine uses or, when
    ///   there is none, the system's effective date (or "effective upon publication") times
    ///   them;
    /// - a comment deadline earlier than the period the text itself states ("a 30-day comment
    ///   period", "within 30 days"), such as a hand-computed date one day short.
    ///
    /// Routine uses that take effect before the comment deadline are `routine-use-comments`'s.
    ///
    /// Sentences with placeholders (`{effective}`) are not read: sorn computes those dates.
    ///
    /// ## Why
    /// Written-out dates are computed by hand, and 1 CFR 18.17's counting (day 1 is the day after
    /// publication, weekends roll forward) is easy to get wrong by a day. A routine use that
    /// takes effect a day early takes effect without the notice the Privacy Act requires.
    ///
    /// ## Example
    /// ```toml
    /// published = 2016-08-09
    ///
    /// [notice]
    /// dates = "Submit comments on or before September 8, 2016. This new system will be effective September 7, 2016."
    /// ```
    /// Use instead: "effective September 8, 2016" (30 days after August 9 under 18.17).
    pub const META = ("written-dates", Structure, Error, "Dates written out in DATES that give routine uses less than 30 days or fall short of the stated period.");
    basis = [
        (Statute, "5 U.S.C. 552a(e)(11)", "notice of \"any new use or intended use\" is published \"at least 30 days prior\""),
        (Regulation, "1 CFR 18.17(b)", "the first day of a period is the day after publication, every later day counts, and a last day on a Saturday, Sunday or Federal holiday moves to the next Federal business day"),
    ];
}

const MONTHS: &[(&str, i8)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("sept", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
];

/// Every "Month D, YYYY" in `text` with its byte range.
pub(crate) fn dates_in(text: &str) -> Vec<(Date, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let lower = text.to_ascii_lowercase();
    for (name, month) in MONTHS {
        for (at, _) in lower.match_indices(name) {
            if lower[..at].chars().next_back().is_some_and(|c| c.is_ascii_alphabetic()) {
                continue;
            }
            let rest = &lower[at + name.len()..];
            let rest_trim = rest.trim_start_matches('.').trim_start();
            let day: String = rest_trim.chars().take_while(char::is_ascii_digit).collect();
            let after_day = rest_trim[day.len()..].trim_start_matches(',').trim_start();
            let year: String = after_day.chars().take_while(char::is_ascii_digit).collect();
            if day.is_empty() || year.len() != 4 {
                continue;
            }
            let end = at + name.len() + (rest.len() - after_day.len()) + 4;
            let (Ok(d), Ok(y)) = (day.parse::<i8>(), year.parse::<i16>()) else { continue };
            if let Ok(date) = Date::new(y, *month, d) {
                out.push((date, at..end));
            }
        }
    }
    out.sort_by_key(|(_, r)| r.start);
    out
}

/// The sentences of `text`, as byte ranges: split after a period, unless it closes a month
/// abbreviation ("Sept.") or a single letter ("U.S.").
///
/// Periods are found with a byte search and the word before each is read in place: the ASCII
/// letters before a period are single bytes, so no copy of the word is needed to compare it.
pub(crate) fn sentences(text: &str) -> Vec<std::ops::Range<usize>> {
    const ABBREVIATIONS: &[&str] =
        &["jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vol"];
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices('.') {
        let word_start = bytes[..i].iter().rposition(|b| !b.is_ascii_alphabetic()).map_or(0, |k| k + 1);
        let word = &text[word_start..i];
        if word.len() == 1 || ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(word)) {
            continue;
        }
        let next = text[i + 1..].chars().next();
        if next.is_none_or(char::is_whitespace) {
            out.push(start..i + 1);
            start = i + 1;
        }
    }
    if start < text.len() && !text[start..].trim().is_empty() {
        out.push(start..text.len());
    }
    out
}

/// What the DATES text says, read sentence by sentence.
#[derive(Default)]
pub(crate) struct Read {
    /// The comment deadline, with its range, and the period the text states for it.
    pub(crate) comments: Option<(Date, std::ops::Range<usize>, Option<u32>)>,
    /// The routine uses' effective date, if a sentence about routine uses gives one.
    pub(crate) routine_uses: Option<(Date, std::ops::Range<usize>)>,
    /// The system's (or document's) effective date; publication day for "upon publication".
    pub(crate) effective: Option<(Date, std::ops::Range<usize>)>,
}

/// The number of days a sentence states for a period: "30-day", "30 days", "thirty days".
fn stated_days(sentence: &str) -> Option<u32> {
    let lower = sentence.to_ascii_lowercase();
    for (word, n) in [("thirty", 30), ("sixty", 60), ("forty-five", 45), ("ninety", 90)] {
        if lower.contains(&format!("{word} day")) || lower.contains(&format!("{word}-day")) {
            return Some(n);
        }
    }
    lower.match_indices("day").find_map(|(i, _)| {
        let head = lower[..i].trim_end_matches(['-', ' ']);
        let digits: String =
            head.chars().rev().take_while(char::is_ascii_digit).collect::<Vec<_>>().into_iter().rev().collect();
        digits.parse().ok().filter(|n: &u32| (1..=365).contains(n))
    })
}

pub(crate) fn read(text: &str, published: Date) -> Read {
    let mut r = Read::default();
    for s in sentences(text) {
        let sentence = &text[s.clone()];
        if sentence.contains('{') {
            continue;
        }
        let lower = sentence.to_ascii_lowercase();
        let date =
            dates_in(sentence).into_iter().last().map(|(d, range)| (d, s.start + range.start..s.start + range.end));
        if lower.contains("comment") {
            if let Some((d, range)) = date {
                r.comments.get_or_insert((d, range, stated_days(sentence)));
            }
        } else if lower.contains("routine use") && lower.contains("effective") {
            if let Some(found) = date {
                r.routine_uses.get_or_insert(found);
            } else if lower.contains("upon publication") || lower.contains("on publication") {
                r.routine_uses.get_or_insert((published, s.clone()));
            }
        } else if lower.contains("effective") {
            if let Some(found) = date {
                r.effective.get_or_insert(found);
            } else if lower.contains("upon publication") || lower.contains("on publication") {
                r.effective.get_or_insert((published, s.clone()));
            }
        }
    }
    r
}

/// Reports written-out dates that cannot be right.
pub fn check(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let calendar = &cx.settings.calendar;
    for (index, doc, sorn) in cx.sorns() {
        let (Some(published), Some(dates)) = (&sorn.published, &sorn.notice.dates) else { continue };
        let published = published.value.0;
        let text = &dates.value;
        let r = read(text, published);
        let source = cx.text(doc.file);
        let origin = ValueOrigin::new(source, dates.span.clone(), text);
        let span = |range: std::ops::Range<usize>| origin.range(range);
        let Ok(thirty) = calendar.date_certain(published, 30) else { continue };
        let uses_effective = if timed(cx, index, sorn).is_empty() {
            None
        } else {
            r.routine_uses.clone().or_else(|| r.effective.clone())
        };
        if let Some((date, range)) = &uses_effective
            && *date < thirty.date
        {
            out.push(
                    Finding::new(
                        format!("the new or changed routine uses would take effect {}, before {} (30 days after publication on {})", fr_date(*date), fr_date(thirty.date), fr_date(published)),
                        cx.label(doc.file, span(range.clone()), "fewer than 30 days"),
                    )
                    .with_help(format!("write {} or later for the routine uses", fr_date(thirty.date)))
                    .with_note("5 U.S.C. 552a(e)(11) (statute); 1 CFR 18.17(b) (regulation) for the count"),
                );
        }
        if let Some((deadline, range, Some(days))) = &r.comments
            && let Ok(due) = calendar.date_certain(published, *days)
            && *deadline < due.date
        {
            out.push(
                        Finding::new(
                            format!("the text gives {days} days for comments, but {} is earlier than {days} days after publication ({})", fr_date(*deadline), fr_date(due.date)),
                            cx.label(doc.file, span(range.clone()), "comment deadline"),
                        )
                        .with_help(format!("write {} (1 CFR 18.17: the day after publication is day 1)", fr_date(due.date))),
                    );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn reads_dates_sentence_by_sentence() {
        let text = "Submit comments on or before Sept. 8, 2016, during the 30-day comment period. This new system will be effective upon publication. New or modified routine uses will be effective September 8, 2016.";
        let r = read(text, d(2016, 8, 9));
        let (due, _, days) = r.comments.unwrap();
        assert_eq!((due, days), (d(2016, 9, 8), Some(30)));
        assert_eq!(r.routine_uses.unwrap().0, d(2016, 9, 8));
        assert_eq!(r.effective.unwrap().0, d(2016, 8, 9));
    }

    #[test]
    fn sentences_do_not_split_abbreviations() {
        let text = "Comments by Sept. 8, 2016. The U.S. Department is effective now.";
        assert_eq!(sentences(text).len(), 2);
        // Abbreviations are known in any case; a period inside a token ("4.2") or not followed
        // by white space ends nothing; non-ASCII letters are not part of the word before it.
        let text = "Filed SEPT. 8 and VOL. 81, at 4.2 per \u{00E9}. No. 3 said so.  ";
        let found: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["Filed SEPT. 8 and VOL. 81, at 4.2 per \u{00E9}.", " No. 3 said so."]);
    }
}
