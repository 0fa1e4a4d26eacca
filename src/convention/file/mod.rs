//! The convention file format (TOML): raw structures as written, then validation into a typed
//! `Convention`. Every rule a file can break is checked here, before anything is computed. Each
//! section of the file has its module; this one reads the file, assembles the sections and holds
//! the checks they share (amounts, percents, ids).

mod cost;
mod header;
mod members;
mod published;
mod services;

use std::ops::Range;

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use self::cost::{RawAdjustment, RawCost};
use self::header::RawHeader;
use self::members::{RawMember, RawSplit};
use self::published::RawPublished;
use self::services::RawService;
use super::number::Number;
use super::Convention;
use crate::error::{Error, LineIndex, Location, Result};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    convention: Spanned<RawHeader>,
    cost: Spanned<RawCost>,
    #[serde(default)]
    adjustment: Vec<Spanned<RawAdjustment>>,
    split: Spanned<RawSplit>,
    member: Vec<Spanned<RawMember>>,
    #[serde(default)]
    service: Vec<Spanned<RawService>>,
    #[serde(default)]
    published: Vec<Spanned<RawPublished>>,
}

/// Largest amount of money a file may hold, so that no computation can overflow.
const MONEY_LIMIT: i64 = 1_000_000_000_000;
/// Decimal places allowed in a percent, for the same reason.
const PERCENT_PLACES: u32 = 6;

/// Reads and validates the convention in `text`; `file` names it in error messages.
pub fn parse(text: &str, file: &str) -> Result<Convention> {
    let lines = LineIndex::new(text);
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let mut message = e.message().trim().replace('\n', " ");
        let Some(span) = e.span() else {
            return Error::input(Location::file(file), message);
        };
        // Some messages ("duplicate key") do not name what they are about: quote it.
        let quoted = text.get(span.clone()).unwrap_or_default();
        if !quoted.is_empty()
            && quoted.len() <= 40
            && !quoted.contains('\n')
            && !message.contains('`')
            && !message.contains(quoted.trim_matches('"'))
        {
            message = format!("{message}: `{quoted}`");
        }
        Error::input(lines.locate(file, span.start), message)
    })?;
    Validator { file, lines }.convention(raw)
}

/// Turns raw tables into typed values, locating each complaint at its table.
struct Validator<'a> {
    file: &'a str,
    lines: LineIndex<'a>,
}

impl Validator<'_> {
    fn error(&self, span: Range<usize>, message: impl Into<String>) -> Error {
        Error::input(self.lines.locate(self.file, span.start), message)
    }

    fn convention(&self, raw: RawFile) -> Result<Convention> {
        let header_span = raw.convention.span();
        let cost_span = raw.cost.span();
        let header = self.header(raw.convention)?;
        let members = self.members(&raw.member)?;
        let client = members
            .iter()
            .position(|m| m.id == header.client)
            .ok_or_else(|| {
                self.error(
                    header_span.clone(),
                    format!(
                        "[convention] client {:?} is not a member (members: {})",
                        header.client,
                        list(members.iter().map(|m| m.id.as_str()))
                    ),
                )
            })?;
        self.keys(&raw.member, &members, client)?;

        let mut convention = Convention {
            name: header.name,
            provider: header.provider,
            client,
            start: header.start,
            end: header.end,
            terminated: header.terminated,
            currency: header.currency,
            cost: self.cost(raw.cost)?,
            adjustments: Vec::new(),
            client_share: self.percent(
                &raw.split.span(),
                "[split] client_share",
                raw.split.get_ref().client_share,
                Decimal::ZERO,
            )?,
            members,
            services: self.services(&raw.service)?,
            published: Vec::new(),
        };
        let years: Vec<i32> = convention.years().collect();
        convention.adjustments = raw
            .adjustment
            .iter()
            .map(|a| self.adjustment(a, &years))
            .collect::<Result<_>>()?;
        for &year in &years {
            let annual = convention.annual(year);
            if annual < Decimal::ZERO {
                return Err(self.error(
                    cost_span.clone(),
                    format!("the cost of {year} is negative ({annual}) once adjusted"),
                ));
            }
        }
        convention.published = raw
            .published
            .iter()
            .map(|p| self.published(p, &convention))
            .collect::<Result<_>>()?;
        Ok(convention)
    }

    fn money(&self, span: &Range<usize>, what: &str, Number(value): Number) -> Result<Decimal> {
        if value.normalize().scale() > 2 {
            return Err(self.error(
                span.clone(),
                format!("{what} {value} has more than 2 decimals (cents)"),
            ));
        }
        if value.abs() >= Decimal::from(MONEY_LIMIT) {
            return Err(self.error(span.clone(), format!("{what} {value} is too large")));
        }
        Ok(value)
    }

    /// A percent between `min` and 100.
    fn percent(
        &self,
        span: &Range<usize>,
        what: &str,
        Number(value): Number,
        min: Decimal,
    ) -> Result<Decimal> {
        if value < min || value > Decimal::ONE_HUNDRED {
            return Err(self.error(
                span.clone(),
                format!("{what} must be between {min} and 100 (percent), not {value}"),
            ));
        }
        if value.normalize().scale() > PERCENT_PLACES {
            return Err(self.error(
                span.clone(),
                format!("{what} {value} has more than {PERCENT_PLACES} decimals"),
            ));
        }
        Ok(value.normalize())
    }

    /// An id names files (`rebill-2021-<id>.txt`) and ledger items: plain characters only.
    fn identifier(&self, span: &Range<usize>, what: &str, id: &str) -> Result<()> {
        let plain = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
        if id.is_empty() || !id.chars().all(plain) {
            return Err(self.error(
                span.clone(),
                format!("{what} {id:?} must be letters, digits, '-' or '_' (like \"saint-denis-d-oleron\")"),
            ));
        }
        Ok(())
    }

    fn non_empty(&self, span: &Range<usize>, what: &str, value: &str) -> Result<()> {
        if value.trim().is_empty() {
            return Err(self.error(span.clone(), format!("{what} must not be empty")));
        }
        Ok(())
    }
}

fn list<T: std::fmt::Display>(items: impl IntoIterator<Item = T>) -> String {
    items
        .into_iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::convention::EMBEDDED;

    /// The error for the embedded convention with `from` replaced by `to`.
    pub(super) fn error_after(from: &str, to: &str) -> String {
        assert!(
            EMBEDDED.contains(from),
            "{from:?} is not in the embedded file"
        );
        parse(&EMBEDDED.replacen(from, to, 1), "c.toml")
            .unwrap_err()
            .to_string()
    }

    pub(super) fn line_of(text: &str) -> usize {
        EMBEDDED.lines().position(|l| l == text).unwrap() + 1
    }

    #[test]
    fn toml_mistakes_are_located() {
        assert_eq!(
            error_after("fte = 100", "fte = "),
            "c.toml:17:7: string values must be quoted, expected literal string"
        );
        let unknown = error_after("fte = 100", "anual = 100");
        assert!(
            unknown.starts_with("c.toml:17:1: unknown field `anual`, expected one of `label`, `annual`, `fte`, `account`"),
            "{unknown}"
        );
        assert_eq!(
            error_after("provider = \"Soluris\"\n", ""),
            "c.toml:6:1: missing field `provider`"
        );
        assert_eq!(
            error_after("annual = \"45000.00\"", "annual = \"45 000 €\""),
            "c.toml:16:10: cannot read \"45 000 €\" as a number (write it like 45000, 18.5, \"45000.00\" or \"22.5%\")"
        );
    }
}
