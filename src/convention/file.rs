//! The convention file format (TOML): raw structures as written, then validation into a typed
//! `Convention`. Every rule a file can break is checked here, before anything is computed.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Deserialize;
use toml::value::Datetime;
use toml::Spanned;

use super::number::Number;
use super::{names, Adjustment, Change, Convention, Cost, Member, Published, Service};
use crate::calendar::Semester;
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawHeader {
    name: String,
    provider: String,
    client: String,
    start: Datetime,
    end: Datetime,
    terminated: Option<Datetime>,
    currency: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCost {
    label: String,
    annual: Number,
    fte: Option<Number>,
    account: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAdjustment {
    label: String,
    percent: Option<Number>,
    amount: Option<Number>,
    years: Option<Vec<i32>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSplit {
    client_share: Number,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMember {
    id: String,
    name: String,
    key: Option<Number>,
    #[serde(default)]
    aliases: Vec<String>,
    assistance: Option<bool>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawService {
    id: String,
    label: String,
    unit: String,
    price: Number,
    account: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPublished {
    year: i32,
    semester: Option<u8>,
    member: Option<String>,
    amount: Number,
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
        let header = raw.convention.into_inner();
        let date = |name: &str, value: &Datetime| -> Result<NaiveDate> {
            plain_date(value).ok_or_else(|| {
                self.error(
                    header_span.clone(),
                    format!("[convention] {name} must be a date like 2020-01-01, not {value}"),
                )
            })
        };
        let start = date("start", &header.start)?;
        let end = date("end", &header.end)?;
        let terminated = header
            .terminated
            .as_ref()
            .map(|t| date("terminated", t))
            .transpose()?;
        if start > end {
            return Err(self.error(
                header_span,
                format!("[convention] start {start} is after end {end}"),
            ));
        }
        if let Some(t) = terminated.filter(|t| *t < start || *t > end) {
            return Err(self.error(
                header_span,
                format!("[convention] terminated {t} is outside the period {start} to {end}"),
            ));
        }
        let currency = header.currency.unwrap_or_else(|| "EUR".to_string());
        self.non_empty(&header_span, "[convention] currency", &currency)?;

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
            start,
            end,
            terminated,
            currency,
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

    fn cost(&self, raw: Spanned<RawCost>) -> Result<Cost> {
        let span = raw.span();
        let raw = raw.into_inner();
        let annual = self.money(&span, "[cost] annual", raw.annual)?;
        if annual < Decimal::ZERO {
            return Err(self.error(
                span,
                format!("[cost] annual must not be negative, not {annual}"),
            ));
        }
        let fte = match raw.fte {
            None => Decimal::ONE_HUNDRED,
            Some(fte) => self.percent(&span, "[cost] fte", fte, Decimal::ZERO)?,
        };
        if fte.is_zero() {
            return Err(self.error(span, "[cost] fte must be more than 0"));
        }
        Ok(Cost {
            label: raw.label,
            annual,
            fte,
            account: raw.account,
        })
    }

    fn adjustment(&self, raw: &Spanned<RawAdjustment>, years: &[i32]) -> Result<Adjustment> {
        let span = raw.span();
        let raw = raw.get_ref();
        let change = match (raw.percent, raw.amount) {
            (Some(p), None) => Change::Percent(self.percent(
                &span,
                "[[adjustment]] percent",
                p,
                -Decimal::ONE_HUNDRED,
            )?),
            (None, Some(a)) => Change::Amount(self.money(&span, "[[adjustment]] amount", a)?),
            _ => {
                return Err(self.error(
                    span,
                    format!(
                        "[[adjustment]] {:?} needs exactly one of percent or amount",
                        raw.label
                    ),
                ))
            }
        };
        if let Some(listed) = &raw.years {
            if listed.is_empty() {
                return Err(self.error(
                    span,
                    "[[adjustment]] years is empty (leave it out for every year)",
                ));
            }
            if let Some(y) = listed.iter().find(|y| !years.contains(y)) {
                return Err(self.error(
                    span,
                    format!(
                        "[[adjustment]] year {y} is outside the convention (valid years: {})",
                        list(years)
                    ),
                ));
            }
        }
        Ok(Adjustment {
            label: raw.label.clone(),
            change,
            years: raw.years.clone(),
        })
    }

    fn members(&self, raw: &[Spanned<RawMember>]) -> Result<Vec<Member>> {
        let mut ids = HashSet::new();
        let mut folded_names: HashMap<String, &str> = HashMap::new();
        let mut members = Vec::with_capacity(raw.len());
        for entry in raw {
            let span = entry.span();
            let m = entry.get_ref();
            self.identifier(&span, "[[member]] id", &m.id)?;
            if !ids.insert(m.id.as_str()) {
                return Err(self.error(span, format!("[[member]] duplicate id {:?}", m.id)));
            }
            // A usage file names members by id, name or alias: each must point to one member.
            for name in [&m.id, &m.name].into_iter().chain(&m.aliases) {
                match folded_names.insert(names::fold(name), &m.id) {
                    Some(other) if other != m.id => {
                        return Err(self.error(
                            span,
                            format!("[[member]] {:?} of {} could also mean {other}", name, m.id),
                        ))
                    }
                    _ => {}
                }
            }
            let key = match m.key {
                Some(key) => Some(self.percent(&span, "[[member]] key", key, Decimal::ZERO)?),
                None => None,
            };
            members.push(Member {
                id: m.id.clone(),
                name: m.name.clone(),
                key,
                aliases: m.aliases.clone(),
                assistance: m.assistance.unwrap_or(true),
            });
        }
        Ok(members)
    }

    /// Every member but the client has a key, and those keys make exactly 100 %.
    fn keys(&self, raw: &[Spanned<RawMember>], members: &[Member], client: usize) -> Result<()> {
        for (i, (m, entry)) in members.iter().zip(raw).enumerate() {
            match (i == client, m.key) {
                (true, Some(_)) => {
                    return Err(self.error(
                        entry.span(),
                        format!("[[member]] {} is the client: it takes no key (its part is [split] client_share)", m.id),
                    ))
                }
                (false, None) => {
                    return Err(self.error(
                        entry.span(),
                        format!("[[member]] {} has no key (every member but the client needs one)", m.id),
                    ))
                }
                _ => {}
            }
        }
        let Some(first) = raw
            .iter()
            .enumerate()
            .find(|(i, _)| *i != client)
            .map(|(_, e)| e)
        else {
            return Err(Error::input(
                Location::file(self.file),
                "the convention has no member besides the client",
            ));
        };
        let sum: Decimal = members.iter().filter_map(|m| m.key).sum();
        if sum != Decimal::ONE_HUNDRED {
            return Err(self.error(
                first.span(),
                format!(
                    "the keys of the members other than the client sum to {} %, not 100 %",
                    sum.normalize()
                ),
            ));
        }
        Ok(())
    }

    fn services(&self, raw: &[Spanned<RawService>]) -> Result<Vec<Service>> {
        let mut ids = HashSet::new();
        raw.iter()
            .map(|entry| {
                let span = entry.span();
                let s = entry.get_ref();
                self.identifier(&span, "[[service]] id", &s.id)?;
                if !ids.insert(s.id.as_str()) {
                    return Err(self.error(span, format!("[[service]] duplicate id {:?}", s.id)));
                }
                let price = self.money(&span, "[[service]] price", s.price)?;
                if price < Decimal::ZERO {
                    return Err(
                        self.error(span, format!("[[service]] {} has a negative price", s.id))
                    );
                }
                Ok(Service {
                    id: s.id.clone(),
                    label: s.label.clone(),
                    unit: s.unit.clone(),
                    price,
                    account: s.account.clone(),
                })
            })
            .collect()
    }

    fn published(&self, raw: &Spanned<RawPublished>, c: &Convention) -> Result<Published> {
        let span = raw.span();
        let p = raw.get_ref();
        if !c.years().contains(&p.year) {
            return Err(self.error(
                span,
                format!(
                    "[[published]] year {} is outside the convention (valid years: {})",
                    p.year,
                    list(c.years())
                ),
            ));
        }
        if let Some(half) = p.semester {
            let served = Semester::new(p.year, half).is_some_and(|s| c.service_in(s).is_some());
            if !served {
                return Err(self.error(
                    span,
                    format!(
                        "[[published]] semester {half} of {} is not a semester of the convention",
                        p.year
                    ),
                ));
            }
        }
        let member = match &p.member {
            None => None,
            Some(id) => Some(c.member_index(id).ok_or_else(|| {
                self.error(
                    span.clone(),
                    format!(
                        "[[published]] member {id:?} is not a member (members: {})",
                        list(c.members.iter().map(|m| m.id.as_str()))
                    ),
                )
            })?),
        };
        Ok(Published {
            year: p.year,
            semester: p.semester,
            member,
            amount: self.money(&span, "[[published]] amount", p.amount)?,
            line: self.lines.locate(self.file, span.start).line.unwrap_or(0),
        })
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

/// A TOML date without time or offset.
fn plain_date(value: &Datetime) -> Option<NaiveDate> {
    match (value.date, value.time, value.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
        }
        _ => None,
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
mod tests {
    use super::*;
    use crate::convention::EMBEDDED;

    /// The error for the embedded convention with `from` replaced by `to`.
    fn error_after(from: &str, to: &str) -> String {
        assert!(
            EMBEDDED.contains(from),
            "{from:?} is not in the embedded file"
        );
        parse(&EMBEDDED.replacen(from, to, 1), "c.toml")
            .unwrap_err()
            .to_string()
    }

    fn line_of(text: &str) -> usize {
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

    #[test]
    fn keys_must_make_exactly_100() {
        let first_commune = line_of("id = \"saint-trojan-les-bains\"") - 1;
        assert_eq!(
            error_after("key = 18.5", "key = 18"),
            format!("c.toml:{first_commune}:1: the keys of the members other than the client sum to 99.5 %, not 100 %")
        );
    }

    #[test]
    fn members_are_checked() {
        assert!(
            error_after("id = \"la-bree-les-bains\"", "id = \"dolus-d-oleron\"")
                .ends_with("[[member]] duplicate id \"dolus-d-oleron\"")
        );
        assert_eq!(
            error_after("client = \"cdc\"", "client = \"cdd\""),
            "c.toml:6:1: [convention] client \"cdd\" is not a member (members: cdc, saint-trojan-les-bains, \
             le-grand-village-plage, le-chateau-d-oleron, dolus-d-oleron, saint-pierre-d-oleron, \
             saint-georges-d-oleron, la-bree-les-bains, saint-denis-d-oleron)"
        );
        let cdc = line_of("id = \"cdc\"") - 1;
        assert_eq!(
            error_after("name = \"Cdc de l'île d'Oléron\"", "name = \"Cdc de l'île d'Oléron\"\nkey = 0"),
            format!("c.toml:{cdc}:1: [[member]] cdc is the client: it takes no key (its part is [split] client_share)")
        );
        assert!(error_after("key = 19\n", "").ends_with(
            "[[member]] dolus-d-oleron has no key (every member but the client needs one)"
        ));
        assert!(error_after(
            "aliases = [\"Saint Denys d'Oléron\"]",
            "aliases = [\"Dolus d'Oleron\"]"
        )
        .ends_with(
            "[[member]] \"Dolus d'Oleron\" of saint-denis-d-oleron could also mean dolus-d-oleron"
        ));
    }

    #[test]
    fn ids_are_plain_so_that_they_can_name_files() {
        assert!(error_after("id = \"cdc\"", "id = \"../cdc\"").ends_with(
            "[[member]] id \"../cdc\" must be letters, digits, '-' or '_' (like \"saint-denis-d-oleron\")"
        ));
        assert!(error_after("id = \"amo\"", "id = \"\"")
            .contains("[[service]] id \"\" must be letters"));
    }

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

    #[test]
    fn percents_and_amounts_are_bounded() {
        assert_eq!(
            error_after("fte = 100", "fte = 150"),
            "c.toml:14:1: [cost] fte must be between 0 and 100 (percent), not 150"
        );
        assert_eq!(
            error_after("client_share = 50", "client_share = -5"),
            format!(
                "c.toml:{}:1: [split] client_share must be between 0 and 100 (percent), not -5",
                line_of("[split]")
            )
        );
        assert!(error_after("key = 7", "key = \"107%\"")
            .ends_with("[[member]] key must be between 0 and 100 (percent), not 107"));
        assert!(error_after("percent = -20", "percent = -120")
            .ends_with("[[adjustment]] percent must be between -100 and 100 (percent), not -120"));
        assert!(
            error_after("amount = \"-7500.00\"", "amount = \"-7500.001\"")
                .ends_with("[[adjustment]] amount -7500.001 has more than 2 decimals (cents)")
        );
        assert!(
            error_after("percent = -20\n", "").ends_with("needs exactly one of percent or amount")
        );
        assert_eq!(
            error_after("amount = \"-7500.00\"", "amount = \"-40000.00\""),
            "c.toml:14:1: the cost of 2020 is negative (-4000.00) once adjusted"
        );
        assert!(error_after("years = [2020]", "years = [2019]").ends_with(
            "[[adjustment]] year 2019 is outside the convention (valid years: 2020, 2021, 2022)"
        ));
    }

    #[test]
    fn published_figures_must_name_real_periods_and_members() {
        assert!(error_after(
            "year = 2020\namount = \"28500.00\"",
            "year = 2023\namount = \"28500.00\""
        )
        .ends_with(
            "[[published]] year 2023 is outside the convention (valid years: 2020, 2021, 2022)"
        ));
        assert!(error_after("member = \"cdc\"", "member = \"cdd\"")
            .contains("[[published]] member \"cdd\" is not a member"));
        assert!(error_after(
            "year = 2020\namount = \"28500.00\"",
            "year = 2020\nsemester = 3\namount = \"28500.00\""
        )
        .ends_with("[[published]] semester 3 of 2020 is not a semester of the convention"));
    }
}
