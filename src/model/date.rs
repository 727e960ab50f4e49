//! Calendar dates in sources.
//!
//! TOML has a native date type (`dated = 2016-08-03`); sorn reads it into a [`jiff::civil::Date`]
//! so that date arithmetic (1 CFR 18.17) works on real dates, never on strings.

use std::borrow::Cow;

use jiff::civil::{Date, DateTime};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date written as a TOML local date (`2016-08-09`) or a `"YYYY-MM-DD"` string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceDate(pub Date);

/// A local date and time written as a TOML local date-time (`2016-08-08T08:45:00`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceDateTime(pub DateTime);

fn date_from_toml(dt: &toml::value::Datetime) -> Result<Date, String> {
    if dt.offset.is_some() {
        return Err(format!("expected a local date such as 2016-08-09, found `{dt}` with a UTC offset"));
    }
    let Some(d) = dt.date else {
        return Err(format!("expected a date such as 2016-08-09, found the time `{dt}`"));
    };
    Date::new(d.year as i16, d.month as i8, d.day as i8).map_err(|e| format!("`{dt}` is not a calendar date: {e}"))
}

#[derive(Deserialize)]
#[serde(untagged)]
enum DateRepr {
    Toml(toml::value::Datetime),
    Text(String),
}

impl<'de> Deserialize<'de> for SourceDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        match DateRepr::deserialize(deserializer)? {
            DateRepr::Toml(dt) => {
                if dt.time.is_some() {
                    return Err(D::Error::custom(format!(
                        "expected a date such as 2016-08-09, found the date-time `{dt}`"
                    )));
                }
                date_from_toml(&dt).map(SourceDate).map_err(D::Error::custom)
            }
            DateRepr::Text(s) => s
                .trim()
                .parse::<Date>()
                .map(SourceDate)
                .map_err(|_| D::Error::custom(format!("expected a date such as 2016-08-09, found \"{s}\""))),
        }
    }
}

impl<'de> Deserialize<'de> for SourceDateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let text = match DateRepr::deserialize(deserializer)? {
            DateRepr::Toml(dt) => {
                let date = date_from_toml(&dt).map_err(D::Error::custom)?;
                let Some(t) = dt.time else {
                    return Err(D::Error::custom(format!(
                        "expected a date and time such as 2016-08-08T08:45:00, found the date `{dt}`"
                    )));
                };
                let time = jiff::civil::Time::new(t.hour as i8, t.minute as i8, t.second.unwrap_or(0) as i8, 0)
                    .map_err(|e| D::Error::custom(format!("`{dt}` is not a time of day: {e}")))?;
                return Ok(SourceDateTime(date.to_datetime(time)));
            }
            DateRepr::Text(s) => s,
        };
        text.trim().parse::<DateTime>().map(SourceDateTime).map_err(|_| {
            D::Error::custom(format!("expected a date and time such as 2016-08-08T08:45:00, found \"{text}\""))
        })
    }
}

impl Serialize for SourceDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        let value = toml::value::Datetime {
            date: Some(toml::value::Date { year: d.year() as u16, month: d.month() as u8, day: d.day() as u8 }),
            time: None,
            offset: None,
        };
        value.serialize(serializer)
    }
}

impl Serialize for SourceDateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let d = self.0;
        let value = toml::value::Datetime {
            date: Some(toml::value::Date { year: d.year() as u16, month: d.month() as u8, day: d.day() as u8 }),
            time: Some(toml::value::Time {
                hour: d.hour() as u8,
                minute: d.minute() as u8,
                second: Some(d.second() as u8),
                nanosecond: None,
            }),
            offset: None,
        };
        value.serialize(serializer)
    }
}

impl JsonSchema for SourceDate {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "description": "A calendar date, written as a TOML local date: 2016-08-09."
        })
    }
}

impl JsonSchema for SourceDateTime {
    fn schema_name() -> Cow<'static, str> {
        "DateTime".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "partial-date-time",
            "description": "A local date and time, written as a TOML local date-time: 2016-08-08T08:45:00."
        })
    }
}
