//! Federal Register date arithmetic.
//!
//! A System of Records Notice or an exemption rule states its dates as
//! "dates certain" computed from the day the document is published. The
//! rules behind those dates are short but easy to get wrong:
//!
//! - **1 CFR 18.17** (effective dates and time periods): the day after
//!   publication is day 1, every later day counts (weekends and holidays
//!   too), and when the last day is a Saturday, Sunday or Federal holiday the
//!   date certain becomes the next Federal business day. See
//!   [`Calendar::date_certain`].
//! - **5 U.S.C. 6103(a)** lists the legal public holidays; **6103(b)** and
//!   **Executive Order 11582** (1971) move a holiday that falls on a Saturday
//!   to the Friday before and one that falls on a Sunday to the Monday after.
//!   **6103(c)** adds Inauguration Day for employees in and around the
//!   District of Columbia, where the Office of the Federal Register works.
//!   See [`Calendar::holidays_in`].
//! - The President also closes executive departments by Executive order
//!   (Christmas Eve, days of mourning). FederalRegister.gov counts those days
//!   as holidays when it computes dates certain, so [`Calendar::federal`]
//!   does too. They are kept apart from the statutory rules
//!   ([`BUILT_IN_CLOSURES`]) and callers can add more with
//!   [`Calendar::with_closure`].
//! - The Privacy Act's own business-day periods (5 U.S.C. 552a(d)(2)(A),
//!   10 days; (d)(3), 30 days) exclude "Saturdays, Sundays, and legal public
//!   holidays": see [`Calendar::business_days_after`].
//!
//! Nothing here panics. Arithmetic that would leave the range of
//! [`Date`] (-9999-01-01 to 9999-12-31) returns a [`DateError`].

use std::collections::BTreeMap;
use std::fmt;

pub use jiff::civil::{Date, Weekday};

/// An error from Federal Register date arithmetic.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The computation ran past the last (or before the first) date that can
    /// be represented, -9999-01-01 to 9999-12-31.
    #[error(
        "counting {count} {unit} from {start} leaves the supported date range \
         ({min} to {max})",
        min = Date::MIN,
        max = Date::MAX
    )]
    OutOfRange {
        /// The date counting started from.
        start: Date,
        /// How many units were to be counted.
        count: u32,
        /// "days" or "business days".
        unit: &'static str,
    },
    /// No Federal business day exists between the given date and the end of
    /// the supported range.
    #[error("no Federal business day on or after {from} within the supported date range")]
    NoBusinessDay {
        /// The date the search started from.
        from: Date,
    },
}

/// Where a non-business day comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HolidayKind {
    /// A legal public holiday of 5 U.S.C. 6103(a), on its observed date.
    LegalPublic,
    /// Inauguration Day, 5 U.S.C. 6103(c), a holiday in the Washington, DC
    /// area only.
    Inauguration,
    /// An ad hoc closure of executive departments by Executive order, or one
    /// supplied by the caller.
    Closure,
}

/// A day on which Federal offices are closed, other than a weekend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    /// The day offices are closed (the observed date).
    pub date: Date,
    /// The day the holiday itself falls on. It differs from `date` when a
    /// fixed-date holiday falls on a weekend (July 4, 2026, a Saturday, is
    /// observed Friday July 3) and may even be in the next year (New Year's
    /// Day 2022 was observed Friday December 31, 2021).
    pub actual: Date,
    /// The statutory name ("Birthday of Martin Luther King, Jr.") or the
    /// reason given for a closure.
    pub name: String,
    /// Statutory holiday, Inauguration Day or closure.
    pub kind: HolidayKind,
}

/// Why a date is not a Federal business day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NonBusinessDay {
    /// Saturday or Sunday.
    Weekend(Weekday),
    /// An observed holiday or a closure.
    Holiday(Holiday),
}

impl NonBusinessDay {
    /// The reason in the words FederalRegister.gov's effective date generator
    /// uses: `"weekend"`, or the holiday's name.
    pub fn reason(&self) -> &str {
        match self {
            NonBusinessDay::Weekend(_) => "weekend",
            NonBusinessDay::Holiday(h) => &h.name,
        }
    }
}

impl fmt::Display for NonBusinessDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason())
    }
}

/// A date certain computed under 1 CFR 18.17, with the reasons it moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateCertain {
    /// The date certain: `nominal`, or the first Federal business day after
    /// it.
    pub date: Date,
    /// Publication date plus the number of days, before any roll-forward.
    pub nominal: Date,
    /// Each day passed over on the way from `nominal` to `date`, with its
    /// reason (`"weekend"` or a holiday name). Empty when the date did not
    /// move.
    pub skipped: Vec<(Date, String)>,
}

impl DateCertain {
    /// Whether the date certain was moved off a weekend or holiday.
    pub fn moved(&self) -> bool {
        self.date != self.nominal
    }
}

/// Closures of executive departments by Executive order, as counted by
/// FederalRegister.gov's holiday data (the order numbers are those it cites).
///
/// These are not legal public holidays under 5 U.S.C. 6103(a), but the
/// Office of the Federal Register is closed and does not publish, so 1 CFR
/// 18.17 rolls a date certain past them. Future closures are announced ad
/// hoc; supply them with [`Calendar::with_closure`], or in a project's
/// `sorn.toml` under `[calendar] closures` (see the user guide, docs/src/checking.md).
///
/// E.O. 14371 of December 18, 2025 closed executive departments on
/// Wednesday, December 24, 2025 and Friday, December 26, 2025. Its text was
/// read in secondary reproductions (govwatch.app and govpulse.tools summaries
/// of the order, titled "Providing for the Closing of Executive Departments
/// and Agencies of the Federal Government on December 24, 2025, and December
/// 26, 2025"), not in the Federal Register or on whitehouse.gov; no other
/// closure after E.O. 14133 (January 9, 2025) was found. A user adds one in
/// `sorn.toml` under `[calendar] closures`.
pub const BUILT_IN_CLOSURES: &[(Date, &str)] = &[
    (Date::constant(1994, 4, 27), "Day of Mourning for President Nixon (E.O. 12910)"),
    (Date::constant(1997, 12, 26), "Extension of Christmas Holiday (E.O. 13068)"),
    (Date::constant(2001, 12, 24), "Extension of Christmas Holiday (E.O. 13238)"),
    (Date::constant(2003, 12, 26), "Extension of Christmas Holiday (E.O. 13320)"),
    (Date::constant(2004, 6, 11), "Day of Mourning for President Reagan (E.O. 13343)"),
    (Date::constant(2007, 1, 2), "Day of Mourning for President Ford (E.O. 13421)"),
    (Date::constant(2007, 12, 24), "Extension of Christmas Holiday (E.O. 13453)"),
    (Date::constant(2008, 12, 26), "Extension of Christmas Holiday (E.O. 13482)"),
    (Date::constant(2012, 12, 24), "Extension of Christmas Holiday (E.O. 13633)"),
    (Date::constant(2014, 12, 26), "Extension of Christmas Holiday (E.O. 13682)"),
    (Date::constant(2018, 12, 5), "Day of Mourning for President George H.W. Bush (E.O. 13852)"),
    (Date::constant(2018, 12, 24), "Extension of Christmas Holiday (E.O. 13854)"),
    (Date::constant(2019, 12, 24), "Extension of Christmas Holiday (E.O. 13900)"),
    (Date::constant(2020, 12, 24), "Extension of Christmas Holiday (E.O. 13965)"),
    (Date::constant(2024, 12, 24), "Extension of Christmas Holiday (E.O. 14129)"),
    (Date::constant(2025, 1, 9), "Day of Mourning for President Carter (E.O. 14133)"),
    (Date::constant(2025, 12, 24), "Closing of Executive Departments on December 24 (E.O. 14371)"),
    (Date::constant(2025, 12, 26), "Closing of Executive Departments on December 26 (E.O. 14371)"),
];

/// The statutory name of Inauguration Day, 5 U.S.C. 6103(c).
pub const INAUGURATION_DAY: &str = "Inauguration Day";

/// A legal public holiday of 5 U.S.C. 6103(a) and the rule that places it in
/// a given year (before the weekend shift).
struct Rule {
    name: &'static str,
    nominal: fn(i16) -> Option<Date>,
}

/// The legal public holidays of 5 U.S.C. 6103(a), in calendar order.
///
/// The rules reach back past later amendments where the change is simple
/// and well known: the Uniform Monday Holiday Act (Pub. L. 90-363,
/// effective 1971) moved Washington's Birthday (from February 22) and
/// Memorial Day (from May 30) to Mondays, made Columbus Day a holiday and
/// put Veterans Day on the fourth Monday in October until Pub. L. 94-97
/// returned it to November 11 from 1978; Martin Luther King, Jr.'s Birthday
/// applies from 1986 (Pub. L. 98-144) and Juneteenth from 2021 (Pub. L.
/// 117-17). Earlier history (Armistice Day before 1938, Thanksgiving before
/// its fixing on the fourth Thursday in 1942, different weekend practice
/// before E.O. 11582) is not modeled: dates before 1971 are approximate.
const LEGAL_PUBLIC_HOLIDAYS: [Rule; 11] = [
    Rule { name: "New Year's Day", nominal: new_years_day },
    Rule { name: "Birthday of Martin Luther King, Jr.", nominal: king_birthday },
    Rule { name: "Washington's Birthday", nominal: washingtons_birthday },
    Rule { name: "Memorial Day", nominal: memorial_day },
    Rule { name: "Juneteenth National Independence Day", nominal: juneteenth },
    Rule { name: "Independence Day", nominal: independence_day },
    Rule { name: "Labor Day", nominal: labor_day },
    Rule { name: "Columbus Day", nominal: columbus_day },
    Rule { name: "Veterans Day", nominal: veterans_day },
    Rule { name: "Thanksgiving Day", nominal: thanksgiving_day },
    Rule { name: "Christmas Day", nominal: christmas_day },
];

/// Year the Uniform Monday Holiday Act took effect.
const MONDAY_HOLIDAYS_FROM: i16 = 1971;

fn fixed(year: i16, month: i8, day: i8) -> Option<Date> {
    Date::new(year, month, day).ok()
}

/// The `nth` `weekday` of the month (negative counts from the end).
fn nth_weekday(year: i16, month: i8, nth: i8, weekday: Weekday) -> Option<Date> {
    fixed(year, month, 1)?.nth_weekday_of_month(nth, weekday).ok()
}

fn new_years_day(year: i16) -> Option<Date> {
    fixed(year, 1, 1)
}

/// Third Monday in January, first observed January 20, 1986.
fn king_birthday(year: i16) -> Option<Date> {
    (year >= 1986).then(|| nth_weekday(year, 1, 3, Weekday::Monday)).flatten()
}

/// Third Monday in February from 1971; February 22 before.
fn washingtons_birthday(year: i16) -> Option<Date> {
    if year >= MONDAY_HOLIDAYS_FROM { nth_weekday(year, 2, 3, Weekday::Monday) } else { fixed(year, 2, 22) }
}

/// Last Monday in May from 1971; May 30 before.
fn memorial_day(year: i16) -> Option<Date> {
    if year >= MONDAY_HOLIDAYS_FROM { nth_weekday(year, 5, -1, Weekday::Monday) } else { fixed(year, 5, 30) }
}

/// June 19, from 2021 (Pub. L. 117-17, enacted June 17, 2021; first
/// observed Friday June 18, 2021).
fn juneteenth(year: i16) -> Option<Date> {
    (year >= 2021).then(|| fixed(year, 6, 19)).flatten()
}

fn independence_day(year: i16) -> Option<Date> {
    fixed(year, 7, 4)
}

/// First Monday in September.
fn labor_day(year: i16) -> Option<Date> {
    nth_weekday(year, 9, 1, Weekday::Monday)
}

/// Second Monday in October, a legal public holiday from 1971.
fn columbus_day(year: i16) -> Option<Date> {
    (year >= MONDAY_HOLIDAYS_FROM).then(|| nth_weekday(year, 10, 2, Weekday::Monday)).flatten()
}

/// November 11, except 1971 through 1977, when it was the fourth Monday in
/// October.
fn veterans_day(year: i16) -> Option<Date> {
    if (MONDAY_HOLIDAYS_FROM..=1977).contains(&year) {
        nth_weekday(year, 10, 4, Weekday::Monday)
    } else {
        fixed(year, 11, 11)
    }
}

/// Fourth Thursday in November.
fn thanksgiving_day(year: i16) -> Option<Date> {
    nth_weekday(year, 11, 4, Weekday::Thursday)
}

fn christmas_day(year: i16) -> Option<Date> {
    fixed(year, 12, 25)
}

/// The day a holiday falling on `actual` is observed: the Friday before a
/// Saturday (5 U.S.C. 6103(b)(1)), the Monday after a Sunday (E.O. 11582).
/// `None` when that day is outside the representable range.
fn observed(actual: Date) -> Option<Date> {
    match actual.weekday() {
        Weekday::Saturday => actual.yesterday().ok(),
        Weekday::Sunday => actual.tomorrow().ok(),
        _ => Some(actual),
    }
}

/// A legal public holiday placed in a year, without allocation.
#[derive(Clone, Copy)]
struct Placed {
    name: &'static str,
    actual: Date,
    observed: Date,
}

impl Placed {
    fn into_holiday(self, kind: HolidayKind) -> Holiday {
        Holiday { date: self.observed, actual: self.actual, name: self.name.to_owned(), kind }
    }
}

/// The legal public holidays whose nominal date is in `year`, each with the
/// date it is observed.
fn legal_public_holidays(year: i16) -> impl Iterator<Item = Placed> {
    LEGAL_PUBLIC_HOLIDAYS.iter().filter_map(move |rule| {
        let actual = (rule.nominal)(year)?;
        Some(Placed { name: rule.name, actual, observed: observed(actual)? })
    })
}

/// Inauguration Day of `year`, if any (5 U.S.C. 6103(c)): January 20 "of
/// each fourth year after 1965" (1969, 1973, ... 2025, 2029; not 1965
/// itself, when the statute did not yet provide it); January 21 when the 20th is a
/// Sunday; no day in lieu when it is a Saturday (OPM practice), so `None`
/// then.
fn inauguration_day(year: i16) -> Option<Placed> {
    if year <= 1965 || (year - 1965) % 4 != 0 {
        return None;
    }
    let actual = fixed(year, 1, 20)?;
    let observed = match actual.weekday() {
        Weekday::Saturday => return None,
        Weekday::Sunday => actual.tomorrow().ok()?,
        _ => actual,
    };
    Some(Placed { name: INAUGURATION_DAY, actual, observed })
}

/// The legal public holiday observed on `date`, if any.
fn legal_public_holiday_on(date: Date) -> Option<Placed> {
    let year = date.year();
    // Only New Year's Day crosses a year boundary (observed December 31 when
    // January 1 is a Saturday).
    let next = (date.month() == 12 && date.day() == 31).then(|| year.checked_add(1)).flatten();
    legal_public_holidays(year).chain(next.into_iter().flat_map(legal_public_holidays)).find(|p| p.observed == date)
}

/// A Federal business-day calendar: weekends, observed holidays and
/// closures.
///
/// Build one with [`Calendar::federal`] (what the Office of the Federal
/// Register and FederalRegister.gov use) or [`Calendar::statutory_only`]
/// (the legal public holidays alone, the strict reading of "legal public
/// holidays" in the Privacy Act's business-day periods), then add closures
/// with [`Calendar::with_closure`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    inauguration_day: bool,
    closures: BTreeMap<Date, String>,
}

impl Default for Calendar {
    /// The same as [`Calendar::federal`].
    fn default() -> Self {
        Calendar::federal()
    }
}

impl Calendar {
    /// The calendar of the Office of the Federal Register: the legal public
    /// holidays of 5 U.S.C. 6103(a) on their observed dates, Inauguration
    /// Day (6103(c); the OFR is in Washington, DC) and the closures in
    /// [`BUILT_IN_CLOSURES`].
    pub fn federal() -> Self {
        let closures = BUILT_IN_CLOSURES.iter().map(|&(date, reason)| (date, reason.to_owned())).collect();
        Calendar { inauguration_day: true, closures }
    }

    /// The legal public holidays of 5 U.S.C. 6103(a) only: no Inauguration
    /// Day and no closures.
    pub fn statutory_only() -> Self {
        Calendar { inauguration_day: false, closures: BTreeMap::new() }
    }

    /// Count Inauguration Day (5 U.S.C. 6103(c)) as a holiday, or not.
    pub fn with_inauguration_day(mut self, on: bool) -> Self {
        self.inauguration_day = on;
        self
    }

    /// Add a day on which executive departments are closed, with the reason
    /// (for example `"Day of Mourning for President Carter (E.O. 14133)"`).
    /// A second closure on the same date replaces the first.
    pub fn with_closure(mut self, date: Date, reason: impl Into<String>) -> Self {
        self.closures.insert(date, reason.into());
        self
    }

    /// The closures in this calendar, in date order.
    pub fn closures(&self) -> impl Iterator<Item = (Date, &str)> {
        self.closures.iter().map(|(d, r)| (*d, r.as_str()))
    }

    /// Why `date` is not a Federal business day, or `None` if it is one.
    ///
    /// When several reasons apply, the most specific wins: a legal public
    /// holiday, then Inauguration Day (January 20, 2025 was both Inauguration
    /// Day and Martin Luther King, Jr.'s Birthday), then a closure, then the
    /// weekend.
    pub fn non_business_reason(&self, date: Date) -> Option<NonBusinessDay> {
        if let Some(p) = legal_public_holiday_on(date) {
            return Some(NonBusinessDay::Holiday(p.into_holiday(HolidayKind::LegalPublic)));
        }
        if self.inauguration_day
            && let Some(p) = inauguration_day(date.year()).filter(|p| p.observed == date)
        {
            return Some(NonBusinessDay::Holiday(p.into_holiday(HolidayKind::Inauguration)));
        }
        if let Some(reason) = self.closures.get(&date) {
            return Some(NonBusinessDay::Holiday(Holiday {
                date,
                actual: date,
                name: reason.clone(),
                kind: HolidayKind::Closure,
            }));
        }
        match date.weekday() {
            w @ (Weekday::Saturday | Weekday::Sunday) => Some(NonBusinessDay::Weekend(w)),
            _ => None,
        }
    }

    /// Whether `date` is a Federal business day: a weekday that is not an
    /// observed holiday or a closure. The Federal Register is published on
    /// every such day (1 CFR 5.6).
    pub fn is_business_day(&self, date: Date) -> bool {
        !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday) && self.non_business_reason(date).is_none()
    }

    /// The first business day on or after `date`.
    ///
    /// Saturates: if no business day exists before the end of the supported
    /// range, returns [`Date::MAX`]. Use
    /// [`Calendar::try_next_business_day_on_or_after`] to get an error
    /// instead.
    pub fn next_business_day_on_or_after(&self, date: Date) -> Date {
        self.try_next_business_day_on_or_after(date).unwrap_or(Date::MAX)
    }

    /// The last business day before `date`: the filing day of a document
    /// published on `date` on the regular schedule (1 CFR 17.2(c)).
    /// Saturates at [`Date::MIN`].
    pub fn previous_business_day_before(&self, date: Date) -> Date {
        let mut day = date;
        // A run of non-business days is at most a few days long; a week
        // more than covers any holiday next to a weekend and closures.
        for _ in 0..14 {
            match day.yesterday() {
                Ok(d) => day = d,
                Err(_) => return Date::MIN,
            }
            if self.is_business_day(day) {
                return day;
            }
        }
        day
    }

    /// The first business day on or after `date`, or an error if none
    /// exists before the end of the supported range.
    pub fn try_next_business_day_on_or_after(&self, date: Date) -> Result<Date, DateError> {
        self.roll_forward(date, |_, _| {})
    }

    /// Walk forward from `date` to the first business day, reporting each
    /// day passed over.
    fn roll_forward(&self, date: Date, mut passed: impl FnMut(Date, NonBusinessDay)) -> Result<Date, DateError> {
        let mut day = date;
        while let Some(why) = self.non_business_reason(day) {
            passed(day, why);
            day = day.tomorrow().map_err(|_| DateError::NoBusinessDay { from: date })?;
        }
        Ok(day)
    }

    /// The observed holidays and closures that fall in `year`, sorted by
    /// date (then legal public holiday before Inauguration Day before
    /// closure).
    ///
    /// The list is by observed date, so it can include the next year's New
    /// Year's Day (January 1, 2022, a Saturday, appears in 2021 as December
    /// 31) and then lacks the year's own. Inauguration Day on a Saturday has
    /// no observed day and is not listed. A year outside the supported
    /// range gives an empty list.
    pub fn holidays_in(&self, year: i16) -> Vec<Holiday> {
        let next = year.checked_add(1);
        let mut out: Vec<Holiday> = legal_public_holidays(year)
            .chain(next.into_iter().flat_map(legal_public_holidays))
            .filter(|p| p.observed.year() == year)
            .map(|p| p.into_holiday(HolidayKind::LegalPublic))
            .collect();
        if self.inauguration_day {
            out.extend(inauguration_day(year).map(|p| p.into_holiday(HolidayKind::Inauguration)));
        }
        out.extend(self.closures.iter().filter(|(d, _)| d.year() == year).map(|(&date, reason)| Holiday {
            date,
            actual: date,
            name: reason.clone(),
            kind: HolidayKind::Closure,
        }));
        out.sort_by_key(|h| (h.date, h.kind));
        out
    }

    /// The date certain `days` days after publication, under 1 CFR 18.17.
    ///
    /// The day after `published` is day 1, and every later day counts,
    /// Saturdays, Sundays and holidays included. If the last day is a
    /// Saturday, Sunday or Federal holiday (or a closure), the date certain
    /// is the next Federal business day. So a document published Friday,
    /// March 1, 2019 with a 15-day period gets Monday, March 18, 2019, not
    /// Saturday the 16th.
    ///
    /// `days == 0` means the publication date itself, unchanged
    /// (`[INSERT DATE OF PUBLICATION IN THE FEDERAL REGISTER]`). Publication
    /// days are business days; no check is made that `published` is one.
    pub fn date_certain(&self, published: Date, days: u32) -> Result<DateCertain, DateError> {
        if days == 0 {
            return Ok(DateCertain { date: published, nominal: published, skipped: Vec::new() });
        }
        let nominal = add_days(published, days)?;
        let mut skipped = Vec::new();
        let date = self.roll_forward(nominal, |d, why| match why {
            NonBusinessDay::Weekend(_) => skipped.push((d, "weekend".to_owned())),
            NonBusinessDay::Holiday(h) => skipped.push((d, h.name)),
        })?;
        Ok(DateCertain { date, nominal, skipped })
    }

    /// The `n`th business day after `start` (`start` itself does not count;
    /// `n == 0` returns `start`).
    ///
    /// This is how the Privacy Act counts its periods "excluding Saturdays,
    /// Sundays, and legal public holidays" (5 U.S.C. 552a(d)(2)(A), 10 days;
    /// (d)(3), 30 days). Use [`Calendar::statutory_only`] for the strict
    /// statutory reading.
    pub fn business_days_after(&self, start: Date, n: u32) -> Result<Date, DateError> {
        let out_of_range = || DateError::OutOfRange { start, count: n, unit: "business days" };
        let mut day = start;
        let mut counted = 0;
        while counted < n {
            day = day.tomorrow().map_err(|_| out_of_range())?;
            if self.is_business_day(day) {
                counted += 1;
            }
        }
        Ok(day)
    }
}

/// `date` plus `days` calendar days, or an error past the supported range.
fn add_days(date: Date, days: u32) -> Result<Date, DateError> {
    jiff::Span::new()
        .try_days(i64::from(days))
        .and_then(|span| date.checked_add(span))
        .map_err(|_| DateError::OutOfRange { start: date, count: days, unit: "days" })
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date in the Federal Register's long form, as in DATES captions and
/// "Dated:" lines: `"August 9, 2016"` (no zero padding, full month name).
pub fn fr_date(date: Date) -> String {
    let month = usize::try_from(date.month() - 1).ok().and_then(|i| MONTHS.get(i)).copied().unwrap_or("");
    format!("{month} {}, {}", date.day(), date.year())
}

/// The Federal Register volume for a calendar year: year − 1935 (volume 1
/// is 1936, volume 81 is 2016). `None` before 1936.
pub fn fr_volume(year: i16) -> Option<u32> {
    u32::try_from(i32::from(year) - 1935).ok().filter(|&v| v >= 1)
}

/// The Office of the Federal Register placeholder an agency puts in its
/// manuscript where the OFR will insert a date certain (computed with
/// [`Calendar::date_certain`]):
///
/// - `0` → `[INSERT DATE OF PUBLICATION IN THE FEDERAL REGISTER]`
/// - `1` → `[INSERT DATE 1 DAY AFTER DATE OF PUBLICATION IN THE FEDERAL REGISTER]`
/// - `30` → `[INSERT DATE 30 DAYS AFTER DATE OF PUBLICATION IN THE FEDERAL REGISTER]`
pub fn placeholder(days: u32) -> String {
    match days {
        0 => "[INSERT DATE OF PUBLICATION IN THE FEDERAL REGISTER]".to_owned(),
        1 => "[INSERT DATE 1 DAY AFTER DATE OF PUBLICATION IN THE FEDERAL REGISTER]".to_owned(),
        n => format!("[INSERT DATE {n} DAYS AFTER DATE OF PUBLICATION IN THE FEDERAL REGISTER]"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn reason(cal: &Calendar, d: Date) -> Option<String> {
        cal.non_business_reason(d).map(|r| r.reason().to_owned())
    }

    /// The legal public holiday observed on `d`, with its actual date.
    fn legal_holiday(d: Date) -> Option<(String, Date)> {
        match Calendar::statutory_only().non_business_reason(d) {
            Some(NonBusinessDay::Holiday(h)) => {
                assert_eq!(h.kind, HolidayKind::LegalPublic);
                assert_eq!(h.date, d);
                Some((h.name, h.actual))
            }
            _ => None,
        }
    }

    fn dates_and_names(list: &[Holiday]) -> Vec<(Date, &str)> {
        list.iter().map(|h| (h.date, h.name.as_str())).collect()
    }

    #[test]
    fn observed_dates_from_fr_gov_data() {
        let cases = [
            // Juneteenth 2021 (Saturday): first observed Friday June 18.
            (date(2021, 6, 18), "Juneteenth National Independence Day", date(2021, 6, 19)),
            // Juneteenth 2022 (Sunday) -> Monday.
            (date(2022, 6, 20), "Juneteenth National Independence Day", date(2022, 6, 19)),
            // Veterans Day 2023 (Saturday) -> Friday.
            (date(2023, 11, 10), "Veterans Day", date(2023, 11, 11)),
            // July 4, 2026 (Saturday) -> Friday.
            (date(2026, 7, 3), "Independence Day", date(2026, 7, 4)),
            (date(2027, 6, 18), "Juneteenth National Independence Day", date(2027, 6, 19)),
            // July 4, 2027 (Sunday) -> Monday.
            (date(2027, 7, 5), "Independence Day", date(2027, 7, 4)),
            (date(2027, 12, 24), "Christmas Day", date(2027, 12, 25)),
            // Veterans Day 2029 (Sunday) -> Monday.
            (date(2029, 11, 12), "Veterans Day", date(2029, 11, 11)),
            // New Year's Day observed in the previous year.
            (date(2021, 12, 31), "New Year's Day", date(2022, 1, 1)),
            (date(2027, 12, 31), "New Year's Day", date(2028, 1, 1)),
        ];
        for (observed, name, actual) in cases {
            assert_eq!(legal_holiday(observed), Some((name.to_owned(), actual)), "{observed}");
            // The weekend day itself is reported as a weekend.
            assert_eq!(reason(&Calendar::federal(), actual).as_deref(), Some("weekend"), "{actual}");
        }
    }

    #[test]
    fn new_years_day_listed_in_the_year_it_is_observed() {
        let cal = Calendar::statutory_only();
        let y2021 = cal.holidays_in(2021);
        let last = y2021.last().unwrap();
        assert_eq!(
            (last.date, last.actual, last.name.as_str()),
            (date(2021, 12, 31), date(2022, 1, 1), "New Year's Day")
        );
        assert!(cal.holidays_in(2022).iter().all(|h| h.name != "New Year's Day"));
        let y2027 = cal.holidays_in(2027);
        assert_eq!(y2027.last().unwrap().date, date(2027, 12, 31));
        assert_eq!(y2027.last().unwrap().name, "New Year's Day");
        assert!(cal.holidays_in(2028).iter().all(|h| h.name != "New Year's Day"));
    }

    #[test]
    fn juneteenth_only_from_2021() {
        let cal = Calendar::federal();
        assert!(cal.holidays_in(2020).iter().all(|h| !h.name.starts_with("Juneteenth")));
        // June 19, 2020 was a Friday and an ordinary business day.
        assert!(cal.is_business_day(date(2020, 6, 19)));
        assert_eq!(cal.holidays_in(2020).len(), 10 + 1); // plus the Dec. 24 closure
        assert_eq!(Calendar::statutory_only().holidays_in(2021).len(), 12);
    }

    #[test]
    fn king_birthday_only_from_1986() {
        let cal = Calendar::statutory_only();
        assert!(cal.holidays_in(1985).iter().all(|h| !h.name.contains("King")));
        // January 21, 1985 was the third Monday but not a holiday.
        assert!(cal.is_business_day(date(1985, 1, 21)));
        assert_eq!(
            legal_holiday(date(1986, 1, 20)),
            Some(("Birthday of Martin Luther King, Jr.".to_owned(), date(1986, 1, 20)))
        );
    }

    #[test]
    fn veterans_day_on_fourth_monday_of_october_1971_to_1977() {
        assert_eq!(legal_holiday(date(1975, 10, 27)), Some(("Veterans Day".to_owned(), date(1975, 10, 27))));
        assert!(Calendar::statutory_only().is_business_day(date(1975, 11, 11)));
        assert_eq!(legal_holiday(date(1970, 11, 11)), Some(("Veterans Day".to_owned(), date(1970, 11, 11))));
        // Back on November 11 from 1978 (a Saturday, so observed Friday).
        assert_eq!(legal_holiday(date(1978, 11, 10)), Some(("Veterans Day".to_owned(), date(1978, 11, 11))));
    }

    #[test]
    fn monday_holidays_before_1971() {
        let cal = Calendar::statutory_only();
        let y1970 = cal.holidays_in(1970);
        let names: Vec<(Date, &str)> = dates_and_names(&y1970);
        // February 22, 1970 was a Sunday; May 30, 1970 a Saturday.
        assert!(names.contains(&(date(1970, 2, 23), "Washington's Birthday")));
        assert!(names.contains(&(date(1970, 5, 29), "Memorial Day")));
        assert!(names.iter().all(|(_, n)| *n != "Columbus Day"));
        assert!(cal.holidays_in(1971).iter().any(|h| h.name == "Columbus Day" && h.date == date(1971, 10, 11)));
    }

    /// Observed dates of the legal public holidays, 1995-2020, as listed in
    /// FederalRegister.gov's holiday data (by observed date, so 1999, 2004 and
    /// 2010 end with the next New Year's Day and 2000, 2005 and 2011 lack
    /// their own).
    const FR_GOV_OBSERVED: &[(i16, &str)] = &[
        (1995, "01-02 01-16 02-20 05-29 07-04 09-04 10-09 11-10 11-23 12-25"),
        (1996, "01-01 01-15 02-19 05-27 07-04 09-02 10-14 11-11 11-28 12-25"),
        (1997, "01-01 01-20 02-17 05-26 07-04 09-01 10-13 11-11 11-27 12-25"),
        (1998, "01-01 01-19 02-16 05-25 07-03 09-07 10-12 11-11 11-26 12-25"),
        (1999, "01-01 01-18 02-15 05-31 07-05 09-06 10-11 11-11 11-25 12-24 12-31"),
        (2000, "01-17 02-21 05-29 07-04 09-04 10-09 11-10 11-23 12-25"),
        (2001, "01-01 01-15 02-19 05-28 07-04 09-03 10-08 11-12 11-22 12-25"),
        (2002, "01-01 01-21 02-18 05-27 07-04 09-02 10-14 11-11 11-28 12-25"),
        (2003, "01-01 01-20 02-17 05-26 07-04 09-01 10-13 11-11 11-27 12-25"),
        (2004, "01-01 01-19 02-16 05-31 07-05 09-06 10-11 11-11 11-25 12-24 12-31"),
        (2005, "01-17 02-21 05-30 07-04 09-05 10-10 11-11 11-24 12-26"),
        (2006, "01-02 01-16 02-20 05-29 07-04 09-04 10-09 11-10 11-23 12-25"),
        (2007, "01-01 01-15 02-19 05-28 07-04 09-03 10-08 11-12 11-22 12-25"),
        (2008, "01-01 01-21 02-18 05-26 07-04 09-01 10-13 11-11 11-27 12-25"),
        (2009, "01-01 01-19 02-16 05-25 07-03 09-07 10-12 11-11 11-26 12-25"),
        (2010, "01-01 01-18 02-15 05-31 07-05 09-06 10-11 11-11 11-25 12-24 12-31"),
        (2011, "01-17 02-21 05-30 07-04 09-05 10-10 11-11 11-24 12-26"),
        (2012, "01-02 01-16 02-20 05-28 07-04 09-03 10-08 11-12 11-22 12-25"),
        (2013, "01-01 01-21 02-18 05-27 07-04 09-02 10-14 11-11 11-28 12-25"),
        (2014, "01-01 01-20 02-17 05-26 07-04 09-01 10-13 11-11 11-27 12-25"),
        (2015, "01-01 01-19 02-16 05-25 07-03 09-07 10-12 11-11 11-26 12-25"),
        (2016, "01-01 01-18 02-15 05-30 07-04 09-05 10-10 11-11 11-24 12-26"),
        (2017, "01-02 01-16 02-20 05-29 07-04 09-04 10-09 11-10 11-23 12-25"),
        (2018, "01-01 01-15 02-19 05-28 07-04 09-03 10-08 11-12 11-22 12-25"),
        (2019, "01-01 01-21 02-18 05-27 07-04 09-02 10-14 11-11 11-28 12-25"),
        (2020, "01-01 01-20 02-17 05-25 07-03 09-07 10-12 11-11 11-26 12-25"),
    ];

    #[test]
    fn legal_public_holidays_match_fr_gov_data_1995_to_2020() {
        let cal = Calendar::statutory_only();
        for &(year, expected) in FR_GOV_OBSERVED {
            let got: Vec<String> = cal.holidays_in(year).iter().map(|h| h.date.strftime("%m-%d").to_string()).collect();
            assert_eq!(got.join(" "), expected, "{year}");
        }
    }

    #[test]
    fn holidays_2016() {
        let got = Calendar::federal().holidays_in(2016);
        assert_eq!(
            dates_and_names(&got),
            vec![
                (date(2016, 1, 1), "New Year's Day"),
                (date(2016, 1, 18), "Birthday of Martin Luther King, Jr."),
                (date(2016, 2, 15), "Washington's Birthday"),
                (date(2016, 5, 30), "Memorial Day"),
                (date(2016, 7, 4), "Independence Day"),
                (date(2016, 9, 5), "Labor Day"),
                (date(2016, 10, 10), "Columbus Day"),
                (date(2016, 11, 11), "Veterans Day"),
                (date(2016, 11, 24), "Thanksgiving Day"),
                (date(2016, 12, 26), "Christmas Day"),
            ]
        );
        assert_eq!(got[9].actual, date(2016, 12, 25));
        assert!(got.iter().all(|h| h.kind == HolidayKind::LegalPublic));
    }

    #[test]
    fn holidays_2026() {
        let got = Calendar::federal().holidays_in(2026);
        assert_eq!(
            dates_and_names(&got),
            vec![
                (date(2026, 1, 1), "New Year's Day"),
                (date(2026, 1, 19), "Birthday of Martin Luther King, Jr."),
                (date(2026, 2, 16), "Washington's Birthday"),
                (date(2026, 5, 25), "Memorial Day"),
                (date(2026, 6, 19), "Juneteenth National Independence Day"),
                (date(2026, 7, 3), "Independence Day"),
                (date(2026, 9, 7), "Labor Day"),
                (date(2026, 10, 12), "Columbus Day"),
                (date(2026, 11, 11), "Veterans Day"),
                (date(2026, 11, 26), "Thanksgiving Day"),
                (date(2026, 12, 25), "Christmas Day"),
            ]
        );
    }

    #[test]
    fn holiday_lists_are_sorted_weekdays_within_the_year() {
        let cal = Calendar::federal();
        for year in 1900..=2100 {
            let list = cal.holidays_in(year);
            assert!(list.is_sorted_by_key(|h| (h.date, h.kind)), "{year}");
            for h in &list {
                assert_eq!(h.date.year(), year, "{h:?}");
                assert!(!matches!(h.date.weekday(), Weekday::Saturday | Weekday::Sunday), "{h:?}");
                assert!(!cal.is_business_day(h.date), "{h:?}");
            }
        }
    }

    #[test]
    fn inauguration_day_2025_coincides_with_king_birthday() {
        let cal = Calendar::federal();
        // The legal public holiday's name wins.
        assert_eq!(reason(&cal, date(2025, 1, 20)).as_deref(), Some("Birthday of Martin Luther King, Jr."));
        let list = cal.holidays_in(2025);
        let jan20: Vec<(HolidayKind, &str)> =
            list.iter().filter(|h| h.date == date(2025, 1, 20)).map(|h| (h.kind, h.name.as_str())).collect();
        assert_eq!(
            jan20,
            vec![
                (HolidayKind::LegalPublic, "Birthday of Martin Luther King, Jr."),
                (HolidayKind::Inauguration, INAUGURATION_DAY),
            ]
        );
        assert!(Calendar::statutory_only().holidays_in(2025).iter().all(|h| h.kind == HolidayKind::LegalPublic));
    }

    #[test]
    fn inauguration_day_2013_on_sunday_moves_to_monday() {
        let cal = Calendar::federal();
        let list = cal.holidays_in(2013);
        let inauguration: Vec<&Holiday> = list.iter().filter(|h| h.kind == HolidayKind::Inauguration).collect();
        assert_eq!(inauguration.len(), 1);
        assert_eq!(inauguration[0].date, date(2013, 1, 21));
        assert_eq!(inauguration[0].actual, date(2013, 1, 20));
        // January 21, 2013 was also Martin Luther King, Jr.'s Birthday.
        assert_eq!(reason(&cal, date(2013, 1, 21)).as_deref(), Some("Birthday of Martin Luther King, Jr."));
        assert_eq!(reason(&cal, date(2013, 1, 20)).as_deref(), Some("weekend"));
    }

    #[test]
    fn inauguration_day_on_weekdays_and_saturday() {
        let federal = Calendar::federal();
        let statutory = Calendar::statutory_only();
        for d in [date(2017, 1, 20), date(2021, 1, 20), date(2009, 1, 20)] {
            assert_eq!(reason(&federal, d).as_deref(), Some(INAUGURATION_DAY));
            assert!(statutory.is_business_day(d), "{d}");
            assert!(statutory.clone().with_inauguration_day(true).non_business_reason(d).is_some());
        }
        // 2029: January 20 is a Saturday and no day is given in lieu.
        assert!(federal.is_business_day(date(2029, 1, 19)));
        assert!(federal.is_business_day(date(2029, 1, 22)));
        assert!(federal.holidays_in(2029).iter().all(|h| h.kind != HolidayKind::Inauguration));
        // Not an inauguration year.
        assert!(federal.is_business_day(date(2023, 1, 20)));
        assert!(federal.is_business_day(date(2026, 1, 20)));
        // "each fourth year after 1965": 1969 is the first; 1965 itself is not one.
        assert!(federal.holidays_in(1965).iter().all(|h| h.kind != HolidayKind::Inauguration));
        assert_eq!(reason(&federal, date(1969, 1, 20)).as_deref(), Some(INAUGURATION_DAY));
    }

    #[test]
    fn built_in_closures() {
        let federal = Calendar::federal();
        let statutory = Calendar::statutory_only();
        assert_eq!(BUILT_IN_CLOSURES.len(), 18);
        for &(d, why) in BUILT_IN_CLOSURES {
            assert_eq!(reason(&federal, d).as_deref(), Some(why), "{d}");
            // A closure is an otherwise ordinary business day.
            assert!(statutory.is_business_day(d), "{d}");
        }
        assert_eq!(
            reason(&federal, date(2025, 1, 9)).as_deref(),
            Some("Day of Mourning for President Carter (E.O. 14133)")
        );
        assert_eq!(federal.closures().count(), 18);
        assert_eq!(statutory.closures().count(), 0);
    }

    #[test]
    fn the_filing_day_before_publication() {
        let federal = Calendar::federal();
        // Published Tuesday August 9, 2016: filed Monday August 8.
        assert_eq!(federal.previous_business_day_before(date(2016, 8, 9)), date(2016, 8, 8));
        // Published Monday February 12, 2024: filed Friday February 9.
        assert_eq!(federal.previous_business_day_before(date(2024, 2, 12)), date(2024, 2, 9));
        // Published Friday November 25, 2016, the day after Thanksgiving: filed Wednesday.
        assert_eq!(federal.previous_business_day_before(date(2016, 11, 25)), date(2016, 11, 23));
    }

    #[test]
    fn caller_closures() {
        let d = date(2031, 12, 26);
        let base = Calendar::statutory_only();
        assert!(base.is_business_day(d));
        let cal = base
            .with_closure(d, "Extension of Christmas Holiday")
            .with_closure(d, "Extension of Christmas Holiday (E.O. 99999)");
        assert_eq!(reason(&cal, d).as_deref(), Some("Extension of Christmas Holiday (E.O. 99999)"));
        let list = cal.holidays_in(2031);
        let listed: Vec<&Holiday> = list.iter().filter(|h| h.kind == HolidayKind::Closure).collect();
        assert_eq!(listed.len(), 1);
        assert_eq!(listed[0].date, d);
        // A closure on a holiday does not hide the holiday's name.
        let cal = Calendar::statutory_only().with_closure(date(2031, 12, 25), "closed");
        assert_eq!(reason(&cal, date(2031, 12, 25)).as_deref(), Some("Christmas Day"));
    }

    #[test]
    fn weekends_and_business_days() {
        let cal = Calendar::federal();
        assert_eq!(cal.non_business_reason(date(2019, 3, 16)), Some(NonBusinessDay::Weekend(Weekday::Saturday)));
        assert_eq!(cal.non_business_reason(date(2019, 3, 17)), Some(NonBusinessDay::Weekend(Weekday::Sunday)));
        assert_eq!(NonBusinessDay::Weekend(Weekday::Sunday).to_string(), "weekend");
        assert_eq!(cal.non_business_reason(date(2019, 3, 18)), None);
        assert!(cal.is_business_day(date(2019, 3, 18)));
        assert!(!cal.is_business_day(date(2019, 3, 16)));
    }

    #[test]
    fn next_business_day() {
        let cal = Calendar::federal();
        // Business day: itself.
        assert_eq!(cal.next_business_day_on_or_after(date(2019, 3, 18)), date(2019, 3, 18));
        // Observed Independence Day 2026 (Friday), then the weekend.
        assert_eq!(cal.next_business_day_on_or_after(date(2026, 7, 3)), date(2026, 7, 6));
        // Closure, Christmas Day.
        assert_eq!(cal.next_business_day_on_or_after(date(2019, 12, 24)), date(2019, 12, 26));
        assert_eq!(Calendar::statutory_only().next_business_day_on_or_after(date(2019, 12, 24)), date(2019, 12, 24));
    }

    #[test]
    fn date_certain_fr_gov_vectors() {
        let cal = Calendar::federal();
        let dc = cal.date_certain(date(2019, 3, 1), 90).unwrap();
        assert_eq!(dc.date, date(2019, 5, 30));
        assert!(!dc.moved());
        assert!(dc.skipped.is_empty());

        let dc = cal.date_certain(date(2019, 3, 1), 15).unwrap();
        assert_eq!(dc.nominal, date(2019, 3, 16));
        assert_eq!(dc.date, date(2019, 3, 18));
        assert!(dc.moved());
        assert_eq!(
            dc.skipped,
            vec![(date(2019, 3, 16), "weekend".to_owned()), (date(2019, 3, 17), "weekend".to_owned()),]
        );

        let dc = cal.date_certain(date(2019, 3, 27), 60).unwrap();
        assert_eq!(dc.nominal, date(2019, 5, 26));
        assert_eq!(dc.date, date(2019, 5, 28));
        assert_eq!(
            dc.skipped,
            vec![(date(2019, 5, 26), "weekend".to_owned()), (date(2019, 5, 27), "Memorial Day".to_owned()),]
        );

        let dc = cal.date_certain(date(2018, 12, 7), 15).unwrap();
        assert_eq!(dc.nominal, date(2018, 12, 22));
        assert_eq!(dc.date, date(2018, 12, 26));
        assert_eq!(
            dc.skipped,
            vec![
                (date(2018, 12, 22), "weekend".to_owned()),
                (date(2018, 12, 23), "weekend".to_owned()),
                (date(2018, 12, 24), "Extension of Christmas Holiday (E.O. 13854)".to_owned()),
                (date(2018, 12, 25), "Christmas Day".to_owned()),
            ]
        );
        // Without the closure the date certain would be the Monday.
        let dc = Calendar::statutory_only().date_certain(date(2018, 12, 7), 15).unwrap();
        assert_eq!(dc.date, date(2018, 12, 24));
    }

    #[test]
    fn date_certain_real_notices() {
        let cal = Calendar::federal();
        // GSA/OGP-1 SORN: routine uses effective 30 days after publication.
        let dc = cal.date_certain(date(2019, 10, 8), 30).unwrap();
        assert_eq!(dc.date, date(2019, 11, 7));
        assert_eq!(fr_date(dc.date), "November 7, 2019");
        // DHS LeadTrac NPRM: the mechanical +30 is September 8, 2016 (the
        // agency chose September 9).
        let dc = cal.date_certain(date(2016, 8, 9), 30).unwrap();
        assert_eq!(dc.date, date(2016, 9, 8));
        assert!(!dc.moved());
    }

    #[test]
    fn date_certain_zero_days_is_the_publication_date() {
        let cal = Calendar::federal();
        let dc = cal.date_certain(date(2019, 10, 8), 0).unwrap();
        assert_eq!((dc.date, dc.nominal), (date(2019, 10, 8), date(2019, 10, 8)));
        // No roll-forward, even from a non-business day.
        let dc = cal.date_certain(date(2019, 3, 16), 0).unwrap();
        assert_eq!(dc.date, date(2019, 3, 16));
        assert!(dc.skipped.is_empty());
        // One day after a Friday publication lands on Monday.
        let dc = cal.date_certain(date(2019, 3, 15), 1).unwrap();
        assert_eq!(dc.date, date(2019, 3, 18));
    }

    #[test]
    fn business_days_after_skips_weekends_holidays_and_closures() {
        let federal = Calendar::federal();
        let statutory = Calendar::statutory_only();
        assert_eq!(federal.business_days_after(date(2019, 12, 20), 0), Ok(date(2019, 12, 20)));
        assert_eq!(federal.business_days_after(date(2019, 12, 20), 1), Ok(date(2019, 12, 23)));
        // Dec. 24 closure, Christmas Day.
        assert_eq!(federal.business_days_after(date(2019, 12, 20), 3), Ok(date(2019, 12, 27)));
        // Privacy Act 10 business days from Wednesday, January 8, 2025: the
        // Carter day of mourning and MLK/Inauguration Day intervene.
        assert_eq!(federal.business_days_after(date(2025, 1, 8), 10), Ok(date(2025, 1, 24)));
        assert_eq!(statutory.business_days_after(date(2025, 1, 8), 10), Ok(date(2025, 1, 23)));
        // 30 business days.
        assert_eq!(statutory.business_days_after(date(2016, 8, 9), 30), Ok(date(2016, 9, 21)));
    }

    #[test]
    fn limits_of_the_date_range_do_not_panic() {
        let cal = Calendar::federal();
        assert!(matches!(cal.date_certain(Date::MAX, 1), Err(DateError::OutOfRange { count: 1, .. })));
        assert!(cal.date_certain(Date::MIN, u32::MAX).is_err());
        assert_eq!(cal.date_certain(Date::MAX, 0).unwrap().date, Date::MAX);
        assert!(cal.date_certain(Date::MIN, 1).is_ok());
        assert!(matches!(cal.business_days_after(Date::MAX, 1), Err(DateError::OutOfRange { .. })));
        assert!(cal.business_days_after(Date::MIN, 5).is_ok());
        assert_eq!(cal.business_days_after(Date::MAX, 0), Ok(Date::MAX));

        // Force the last representable day to be a non-business day.
        let closed = cal.clone().with_closure(Date::MAX, "closed");
        assert_eq!(
            closed.try_next_business_day_on_or_after(Date::MAX),
            Err(DateError::NoBusinessDay { from: Date::MAX })
        );
        assert_eq!(closed.next_business_day_on_or_after(Date::MAX), Date::MAX);
        let eve = date(9999, 12, 30);
        assert!(closed.date_certain(eve, 1).is_err());
        assert!(closed.date_certain(eve, 0).is_ok());

        for d in [Date::MIN, Date::MAX] {
            let _ = cal.non_business_reason(d);
            let _ = cal.is_business_day(d);
            let _ = cal.next_business_day_on_or_after(d);
            let _ = fr_date(d);
        }
        assert_eq!(fr_date(Date::MIN), "January 1, -9999");
        assert_eq!(fr_date(Date::MAX), "December 31, 9999");
        assert!(!cal.holidays_in(9999).is_empty());
        assert!(!cal.holidays_in(-9999).is_empty());
        assert!(cal.holidays_in(i16::MAX).is_empty());
        assert!(cal.holidays_in(i16::MIN).is_empty());

        let err = cal.date_certain(Date::MAX, 30).unwrap_err().to_string();
        assert!(err.contains("9999-12-31"), "{err}");
    }

    #[test]
    fn long_dates() {
        assert_eq!(fr_date(date(2016, 8, 9)), "August 9, 2016");
        assert_eq!(fr_date(date(2024, 12, 17)), "December 17, 2024");
        assert_eq!(fr_date(date(2024, 1, 1)), "January 1, 2024");
    }

    #[test]
    fn volumes() {
        assert_eq!(fr_volume(1935), None);
        assert_eq!(fr_volume(-5), None);
        assert_eq!(fr_volume(i16::MIN), None);
        assert_eq!(fr_volume(1936), Some(1));
        assert_eq!(fr_volume(1972), Some(37));
        assert_eq!(fr_volume(2013), Some(78));
        assert_eq!(fr_volume(2016), Some(81));
        assert_eq!(fr_volume(2024), Some(89));
        assert_eq!(fr_volume(i16::MAX), Some(32767 - 1935));
    }

    #[test]
    fn placeholders() {
        assert_eq!(placeholder(0), "[INSERT DATE OF PUBLICATION IN THE FEDERAL REGISTER]");
        assert_eq!(placeholder(1), "[INSERT DATE 1 DAY AFTER DATE OF PUBLICATION IN THE FEDERAL REGISTER]");
        assert_eq!(placeholder(30), "[INSERT DATE 30 DAYS AFTER DATE OF PUBLICATION IN THE FEDERAL REGISTER]");
        assert_eq!(placeholder(60), "[INSERT DATE 60 DAYS AFTER DATE OF PUBLICATION IN THE FEDERAL REGISTER]");
    }
}
