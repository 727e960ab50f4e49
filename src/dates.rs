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
/// hoc; supply them with [`Calendar::with_closure`].
pub const BUILT_IN_CLOSURES: &[(Date, &str)] = &[
    (
        Date::constant(1994, 4, 27),
        "Day of Mourning for President Nixon (E.O. 12910)",
    ),
    (
        Date::constant(1997, 12, 26),
        "Extension of Christmas Holiday (E.O. 13068)",
    ),
    (
        Date::constant(2001, 12, 24),
        "Extension of Christmas Holiday (E.O. 13238)",
    ),
    (
        Date::constant(2003, 12, 26),
        "Extension of Christmas Holiday (E.O. 13320)",
    ),
    (
        Date::constant(2004, 6, 11),
        "Day of Mourning for President Reagan (E.O. 13343)",
    ),
    (
        Date::constant(2007, 1, 2),
        "Day of Mourning for President Ford (E.O. 13421)",
    ),
    (
        Date::constant(2007, 12, 24),
        "Extension of Christmas Holiday (E.O. 13453)",
    ),
    (
        Date::constant(2008, 12, 26),
        "Extension of Christmas Holiday (E.O. 13482)",
    ),
    (
        Date::constant(2012, 12, 24),
        "Extension of Christmas Holiday (E.O. 13633)",
    ),
    (
        Date::constant(2014, 12, 26),
        "Extension of Christmas Holiday (E.O. 13682)",
    ),
    (
        Date::constant(2018, 12, 5),
        "Day of Mourning for President George H.W. Bush (E.O. 13852)",
    ),
    (
        Date::constant(2018, 12, 24),
        "Extension of Christmas Holiday (E.O. 13854)",
    ),
    (
        Date::constant(2019, 12, 24),
        "Extension of Christmas Holiday (E.O. 13900)",
    ),
    (
        Date::constant(2020, 12, 24),
        "Extension of Christmas Holiday (E.O. 13965)",
    ),
    (
        Date::constant(2024, 12, 24),
        "Extension of Christmas Holiday (E.O. 14129)",
    ),
    (
        Date::constant(2025, 1, 9),
        "Day of Mourning for President Carter (E.O. 14133)",
    ),
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
    Rule {
        name: "New Year's Day",
        nominal: new_years_day,
    },
    Rule {
        name: "Birthday of Martin Luther King, Jr.",
        nominal: king_birthday,
    },
    Rule {
        name: "Washington's Birthday",
        nominal: washingtons_birthday,
    },
    Rule {
        name: "Memorial Day",
        nominal: memorial_day,
    },
    Rule {
        name: "Juneteenth National Independence Day",
        nominal: juneteenth,
    },
    Rule {
        name: "Independence Day",
        nominal: independence_day,
    },
    Rule {
        name: "Labor Day",
        nominal: labor_day,
    },
    Rule {
        name: "Columbus Day",
        nominal: columbus_day,
    },
    Rule {
        name: "Veterans Day",
        nominal: veterans_day,
    },
    Rule {
        name: "Thanksgiving Day",
        nominal: thanksgiving_day,
    },
    Rule {
        name: "Christmas Day",
        nominal: christmas_day,
    },
];

/// Year the Uniform Monday Holiday Act took effect.
const MONDAY_HOLIDAYS_FROM: i16 = 1971;

fn fixed(year: i16, month: i8, day: i8) -> Option<Date> {
    Date::new(year, month, day).ok()
}

/// The `nth` `weekday` of the month (negative counts from the end).
fn nth_weekday(year: i16, month: i8, nth: i8, weekday: Weekday) -> Option<Date> {
    fixed(year, month, 1)?
        .nth_weekday_of_month(nth, weekday)
        .ok()
}

fn new_years_day(year: i16) -> Option<Date> {
    fixed(year, 1, 1)
}

/// Third Monday in January, first observed January 20, 1986.
fn king_birthday(year: i16) -> Option<Date> {
    (year >= 1986)
        .then(|| nth_weekday(year, 1, 3, Weekday::Monday))
        .flatten()
}

/// Third Monday in February from 1971; February 22 before.
fn washingtons_birthday(year: i16) -> Option<Date> {
    if year >= MONDAY_HOLIDAYS_FROM {
        nth_weekday(year, 2, 3, Weekday::Monday)
    } else {
        fixed(year, 2, 22)
    }
}

/// Last Monday in May from 1971; May 30 before.
fn memorial_day(year: i16) -> Option<Date> {
    if year >= MONDAY_HOLIDAYS_FROM {
        nth_weekday(year, 5, -1, Weekday::Monday)
    } else {
        fixed(year, 5, 30)
    }
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
    (year >= MONDAY_HOLIDAYS_FROM)
        .then(|| nth_weekday(year, 10, 2, Weekday::Monday))
        .flatten()
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
        Holiday {
            date: self.observed,
            actual: self.actual,
            name: self.name.to_owned(),
            kind,
        }
    }
}

/// The legal public holidays whose nominal date is in `year`, each with the
/// date it is observed.
fn legal_public_holidays(year: i16) -> impl Iterator<Item = Placed> {
    LEGAL_PUBLIC_HOLIDAYS.iter().filter_map(move |rule| {
        let actual = (rule.nominal)(year)?;
        Some(Placed {
            name: rule.name,
            actual,
            observed: observed(actual)?,
        })
    })
}

/// Inauguration Day of `year`, if any (5 U.S.C. 6103(c)): January 20 of
/// every fourth year counted from 1965; January 21 when the 20th is a
/// Sunday; no day in lieu when it is a Saturday (OPM practice), so `None`
/// then.
fn inauguration_day(year: i16) -> Option<Placed> {
    if year < 1965 || (year - 1965) % 4 != 0 {
        return None;
    }
    let actual = fixed(year, 1, 20)?;
    let observed = match actual.weekday() {
        Weekday::Saturday => return None,
        Weekday::Sunday => actual.tomorrow().ok()?,
        _ => actual,
    };
    Some(Placed {
        name: INAUGURATION_DAY,
        actual,
        observed,
    })
}

/// The legal public holiday observed on `date`, if any.
fn legal_public_holiday_on(date: Date) -> Option<Placed> {
    let year = date.year();
    // Only New Year's Day crosses a year boundary (observed December 31 when
    // January 1 is a Saturday).
    let next = (date.month() == 12 && date.day() == 31)
        .then(|| year.checked_add(1))
        .flatten();
    legal_public_holidays(year)
        .chain(next.into_iter().flat_map(legal_public_holidays))
        .find(|p| p.observed == date)
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
        let closures = BUILT_IN_CLOSURES
            .iter()
            .map(|&(date, reason)| (date, reason.to_owned()))
            .collect();
        Calendar {
            inauguration_day: true,
            closures,
        }
    }

    /// The legal public holidays of 5 U.S.C. 6103(a) only: no Inauguration
    /// Day and no closures.
    pub fn statutory_only() -> Self {
        Calendar {
            inauguration_day: false,
            closures: BTreeMap::new(),
        }
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
            return Some(NonBusinessDay::Holiday(
                p.into_holiday(HolidayKind::LegalPublic),
            ));
        }
        if self.inauguration_day
            && let Some(p) = inauguration_day(date.year()).filter(|p| p.observed == date)
        {
            return Some(NonBusinessDay::Holiday(
                p.into_holiday(HolidayKind::Inauguration),
            ));
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
        !matches!(date.weekday(), Weekday::Saturday | Weekday::Sunday)
            && self.non_business_reason(date).is_none()
    }

    /// The first business day on or after `date`.
    ///
    /// Saturates: if no business day exists before the end of the supported
    /// range, returns [`Date::MAX`]. Use
    /// [`Calendar::try_next_business_day_on_or_after`] to get an error
    /// instead.
    pub fn next_business_day_on_or_after(&self, date: Date) -> Date {
        self.try_next_business_day_on_or_after(date)
            .unwrap_or(Date::MAX)
    }

    /// The first business day on or after `date`, or an error if none
    /// exists before the end of the supported range.
    pub fn try_next_business_day_on_or_after(&self, date: Date) -> Result<Date, DateError> {
        self.roll_forward(date, |_, _| {})
    }

    /// Walk forward from `date` to the first business day, reporting each
    /// day passed over.
    fn roll_forward(
        &self,
        date: Date,
        mut passed: impl FnMut(Date, NonBusinessDay),
    ) -> Result<Date, DateError> {
        let mut day = date;
        while let Some(why) = self.non_business_reason(day) {
            passed(day, why);
            day = day
                .tomorrow()
                .map_err(|_| DateError::NoBusinessDay { from: date })?;
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
        out.extend(self.closures.iter().filter(|(d, _)| d.year() == year).map(
            |(&date, reason)| Holiday {
                date,
                actual: date,
                name: reason.clone(),
                kind: HolidayKind::Closure,
            },
        ));
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
            return Ok(DateCertain {
                date: published,
                nominal: published,
                skipped: Vec::new(),
            });
        }
        let nominal = add_days(published, days)?;
        let mut skipped = Vec::new();
        let date = self.roll_forward(nominal, |d, why| match why {
            NonBusinessDay::Weekend(_) => skipped.push((d, "weekend".to_owned())),
            NonBusinessDay::Holiday(h) => skipped.push((d, h.name)),
        })?;
        Ok(DateCertain {
            date,
            nominal,
            skipped,
        })
    }

    /// The `n`th business day after `start` (`start` itself does not count;
    /// `n == 0` returns `start`).
    ///
    /// This is how the Privacy Act counts its periods "excluding Saturdays,
    /// Sundays, and legal public holidays" (5 U.S.C. 552a(d)(2)(A), 10 days;
    /// (d)(3), 30 days). Use [`Calendar::statutory_only`] for the strict
    /// statutory reading.
    pub fn business_days_after(&self, start: Date, n: u32) -> Result<Date, DateError> {
        let out_of_range = || DateError::OutOfRange {
            start,
            count: n,
            unit: "business days",
        };
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
        .map_err(|_| DateError::OutOfRange {
            start: date,
            count: days,
            unit: "days",
        })
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
    let month = usize::try_from(date.month() - 1)
        .ok()
        .and_then(|i| MONTHS.get(i))
        .copied()
        .unwrap_or("");
    format!("{month} {}, {}", date.day(), date.year())
}

/// The Federal Register volume for a calendar year: year − 1935 (volume 1
/// is 1936, volume 81 is 2016). `None` before 1936.
pub fn fr_volume(year: i16) -> Option<u32> {
    u32::try_from(i32::from(year) - 1935)
        .ok()
        .filter(|&v| v >= 1)
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
