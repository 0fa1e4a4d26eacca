//! The `[cost]` table and its `[[adjustment]]`s: what a year of the advisor costs.

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use super::Validator;
use crate::convention::number::Number;
use crate::convention::{Adjustment, Change, Cost};
use crate::messages::convention as msg;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCost {
    label: String,
    annual: Number,
    fte: Option<Number>,
    account: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAdjustment {
    label: String,
    percent: Option<Number>,
    amount: Option<Number>,
    years: Option<Vec<i32>>,
}

impl Validator<'_> {
    /// The cost, or `None` once its mistakes are recorded.
    pub(super) fn cost(&self, raw: Spanned<RawCost>) -> Option<Cost> {
        let span = raw.span();
        let raw = raw.into_inner();
        self.text(&span, "[cost] label", &raw.label);
        if let Some(account) = &raw.account {
            self.text(&span, "[cost] account", account);
        }
        let annual = self.ok(self
            .amount(&span, "[cost] annual", raw.annual)
            .and_then(|annual| {
                if annual < Decimal::ZERO {
                    return Err(self.error(span.clone(), msg::annual_negative(annual)));
                }
                Ok(annual)
            }));
        let fte = match raw.fte {
            None => Some(Decimal::ONE_HUNDRED),
            Some(fte) => self.ok(self
                .percent(&span, "[cost] fte", fte, Decimal::ZERO)
                .and_then(|fte| {
                    if fte.is_zero() {
                        return Err(self.error(span.clone(), msg::fte_zero()));
                    }
                    Ok(fte)
                })),
        };
        Some(Cost {
            label: raw.label,
            annual: annual?,
            fte: fte?,
            account: raw.account,
        })
    }

    /// The adjustment, or `None` when its change cannot be read; every mistake is recorded. Its years are checked against
    /// the convention's `years` when the period is known.
    pub(super) fn adjustment(
        &self,
        raw: &Spanned<RawAdjustment>,
        years: Option<&[i32]>,
    ) -> Option<Adjustment> {
        let span = raw.span();
        let raw = raw.get_ref();
        self.text(&span, "[[adjustment]] label", &raw.label);
        let change = match (raw.percent, raw.amount) {
            (Some(p), None) => self
                .ok(self.percent(&span, "[[adjustment]] percent", p, -Decimal::ONE_HUNDRED))
                .map(Change::Percent),
            (None, Some(a)) => self
                .ok(self.amount(&span, "[[adjustment]] amount", a))
                .map(Change::Amount),
            _ => {
                self.report(self.error(span.clone(), msg::percent_or_amount(&raw.label)));
                None
            }
        };
        if let Some(listed) = &raw.years {
            if listed.is_empty() {
                self.report(self.error(span.clone(), msg::adjustment_years_empty()));
            }
            if let Some(years) = years {
                if let Some(y) = listed.iter().find(|y| !years.contains(y)) {
                    self.report(self.error(
                        span,
                        msg::year_outside("[[adjustment]]", *y, years.iter().copied()),
                    ));
                }
            }
        }
        Some(Adjustment {
            label: raw.label.clone(),
            change: change?,
            years: raw.years.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::error_after;
    use crate::convention::{parse, EMBEDDED};

    #[test]
    fn the_cost_and_its_adjustments_are_bounded() {
        assert_eq!(
            error_after("fte = 100", "fte = 150"),
            "c.toml:35:1: [cost] fte must be between 0 and 100 (percent), not 150"
        );
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
            "c.toml:35:1: the cost of 2020 is negative (-4000.00) once adjusted"
        );
        // 999 999 999 999,99 € doubled by a +100 % adjustment, less the fixed 7 500 € of 2020:
        // 1 999 999 999 999,98 − 7 500 = 1 999 999 992 499,98 €.
        let doubled = EMBEDDED
            .replacen("annual = \"45000.00\"", "annual = \"999999999999.99\"", 1)
            .replacen("percent = -20", "percent = 100", 1);
        assert_eq!(
            parse(&doubled, "c.toml").unwrap_err().to_string(),
            "c.toml:35:1: the cost of 2020 is 1999999992499.98 once adjusted, too large (below 10^12)"
        );
        assert!(error_after("years = [2020]", "years = [2019]").ends_with(
            "[[adjustment]] year 2019 is outside the convention (valid years: 2020, 2021, 2022)"
        ));
    }
}
