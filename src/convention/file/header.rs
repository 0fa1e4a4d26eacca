//! The `[convention]` table: the parties named, the period and the currency.

use chrono::NaiveDate;
use serde::Deserialize;
use toml::value::Datetime;
use toml::Spanned;

use super::Validator;
use crate::messages::convention as msg;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawHeader {
    name: String,
    provider: String,
    pub client: String,
    start: Datetime,
    end: Datetime,
    terminated: Option<Datetime>,
    currency: Option<String>,
}

/// The `[convention]` table once checked, but for its client, found among the members.
pub(super) struct Header {
    pub name: String,
    pub provider: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub terminated: Option<NaiveDate>,
    pub currency: String,
}

impl Validator<'_> {
    /// The header, or `None` when its period is unusable (each mistake being recorded).
    pub(super) fn header(&self, raw: &Spanned<RawHeader>) -> Option<Header> {
        let span = raw.span();
        let header = raw.get_ref();
        let date = |name: &str, value: &Datetime| -> Option<NaiveDate> {
            let date = plain_date(value);
            if date.is_none() {
                self.report(self.error(
                    span.clone(),
                    msg::not_a_date(&format!("[convention] {name}"), "2020-01-01", value),
                ));
            }
            date
        };
        let start = date("start", &header.start);
        let end = date("end", &header.end);
        let terminated = header.terminated.as_ref().map(|t| date("terminated", t));
        self.text(&span, "[convention] name", &header.name);
        self.name(&span, "[convention] provider", &header.provider);
        let currency = header.currency.clone().unwrap_or_else(|| "EUR".to_string());
        self.text(&span, "[convention] currency", &currency);
        let currency = self.ok(self
            .non_empty(&span, "[convention] currency", &currency)
            .map(|()| currency));
        let terminated = match terminated {
            None => None,
            Some(t) => Some(t?),
        };
        let (start, end) = (start?, end?);
        if start > end {
            self.report(self.error(span, msg::start_after_end(start, end)));
            return None;
        }
        if let Some(t) = terminated.filter(|t| *t < start || *t > end) {
            self.report(self.error(span, msg::terminated_outside(t, start, end)));
            return None;
        }
        Some(Header {
            name: header.name.clone(),
            provider: header.provider.clone(),
            start,
            end,
            terminated,
            currency: currency?,
        })
    }
}

/// A TOML date without time or offset.
pub(super) fn plain_date(value: &Datetime) -> Option<NaiveDate> {
    match (value.date, value.time, value.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::error_after;

    #[test]
    fn dates_are_checked() {
        assert_eq!(
            error_after("start = 2020-01-01", "start = 2023-01-01"),
            "c.toml:6:1: [convention] start 2023-01-01 is after end 2022-12-31"
        );
        assert_eq!(
            error_after("end = 2022-12-31", "end = 2022-12-31\nterminated = 2023-02-28"),
            "c.toml:6:1: [convention] terminated 2023-02-28 is outside the period 2020-01-01 to 2022-12-31"
        );
        assert_eq!(
            error_after("start = 2020-01-01", "start = 2020-01-01T08:00:00"),
            "c.toml:6:1: [convention] start must be a date like 2020-01-01, not 2020-01-01T08:00:00"
        );
    }
}
