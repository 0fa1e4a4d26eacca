//! The `[cost]` table and its `[[adjustment]]`s: what a year of the advisor costs.

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use super::{list, Validator};
use crate::convention::number::Number;
use crate::convention::{Adjustment, Change, Cost};
use crate::error::Result;

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
    pub(super) fn cost(&self, raw: Spanned<RawCost>) -> Result<Cost> {
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

    pub(super) fn adjustment(
        &self,
        raw: &Spanned<RawAdjustment>,
        years: &[i32],
    ) -> Result<Adjustment> {
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
}

#[cfg(test)]
mod tests {
    use super::super::tests::error_after;

    #[test]
    fn the_cost_and_its_adjustments_are_bounded() {
        assert_eq!(
            error_after("fte = 100", "fte = 150"),
            "c.toml:14:1: [cost] fte must be between 0 and 100 (percent), not 150"
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
            "c.toml:14:1: the cost of 2020 is negative (-4000.00) once adjusted"
        );
        assert!(error_after("years = [2020]", "years = [2019]").ends_with(
            "[[adjustment]] year 2019 is outside the convention (valid years: 2020, 2021, 2022)"
        ));
    }
}
