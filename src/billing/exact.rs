//! Exact arithmetic for the contract, free of a decimal's 28 significant digits. Before it is
//! rounded, an amount is a whole number of 10⁻¹⁸ of the currency held in 256 bits: an amount
//! has 2 decimals and a rate 6, so `annual × fte × percent` has 2 + 8 + 8 = 18, and the
//! largest product the contract forms (an adjusted year times the fraction of it served) stays
//! below 2²⁰⁰ for any convention that fits in memory. Only the final division, to the cent,
//! rounds.

use ethnum::I256;
use rust_decimal::Decimal;

/// Decimal places of an exact amount.
const PLACES: u32 = 18;
/// Decimal places of a rate in percent: a key of 22.5 % is 22 500 000 millionths.
const RATE_PLACES: u32 = 6;

/// An amount before rounding, exactly.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Exact(I256);

impl Exact {
    /// An amount as written (at most 18 decimals; a validated amount has 2).
    pub fn money(amount: Decimal) -> Exact {
        Exact(scaled(amount, PLACES))
    }

    /// `percent` % of this amount. Exact for an amount of 2 decimals and a percent of 6 (the
    /// base), and for the base and a percent of 6 (an adjustment).
    pub fn percent(self, percent: Decimal) -> Exact {
        let product = self.0 * rate(percent);
        let per_hundred = ten_to(RATE_PLACES + 2);
        debug_assert_eq!(product % per_hundred, 0, "an inexact percent of {self:?}");
        Exact(product / per_hundred)
    }

    /// This amount × `numerator` / `denominator`, in cents rounded half-up.
    pub fn cents_of(self, numerator: I256, denominator: I256) -> I256 {
        round_half_up(self.0 * numerator, denominator * ten_to(PLACES - 2))
    }

    /// The amount as the fraction `numerator / denominator` of the currency, for what shows it
    /// exactly (`explain`).
    pub fn fraction(self) -> (I256, I256) {
        (self.0, ten_to(PLACES))
    }

    /// Rounded half-up to the cent.
    pub fn to_cent(self) -> Decimal {
        cents_to_decimal(self.cents_of(I256::ONE, I256::ONE))
    }

    /// The amount with as many decimals as it has, at least two: "37500.00", "99.999".
    pub fn to_plain(self) -> String {
        let digits = format!("{:0>19}", self.0.unsigned_abs());
        let (whole, fraction) = digits.split_at(digits.len() - PLACES as usize);
        let fraction = fraction.trim_end_matches('0');
        let sign = if self.0 < 0 { "-" } else { "" };
        format!("{sign}{whole}.{fraction:0<2}")
    }
}

impl std::iter::Sum for Exact {
    fn sum<I: Iterator<Item = Exact>>(iter: I) -> Exact {
        Exact(iter.map(|e| e.0).sum())
    }
}

/// A rate in percent as a whole number of millionths of a percent (at most 6 decimals, as
/// validated).
pub fn rate(percent: Decimal) -> I256 {
    scaled(percent, RATE_PLACES)
}

/// 100 % in millionths of a percent.
pub fn hundred_percent() -> I256 {
    ten_to(RATE_PLACES + 2)
}

/// An amount in whole cents (at most 2 decimals).
pub fn cents(amount: Decimal) -> I256 {
    scaled(amount, 2)
}

/// A quantity × a price, in cents rounded half-up: a quantity has at most 6 decimals.
pub fn price_cents(quantity: Decimal, price: Decimal) -> I256 {
    round_half_up(scaled(quantity, 6) * cents(price), ten_to(6))
}

/// Whole cents as a decimal with two places. A bill's amounts are below 10²⁸ cents by far:
/// a year of n adjustments is below (2n + 1) × 10¹⁴ cents.
pub fn cents_to_decimal(cents: I256) -> Decimal {
    Decimal::from_i128_with_scale(cents.as_i128(), 2)
}

/// `value × 10^places` as an integer. Validation guarantees that `value` has no more
/// decimals than that; were it not so, the extra ones would be rounded half-up.
pub fn scaled(value: Decimal, places: u32) -> I256 {
    let value = value.normalize();
    debug_assert!(
        value.scale() <= places,
        "{value} has more than {places} decimals"
    );
    match places.checked_sub(value.scale()) {
        Some(shift) => I256::from(value.mantissa()) * ten_to(shift),
        None => round_half_up(I256::from(value.mantissa()), ten_to(value.scale() - places)),
    }
}

/// `numerator / denominator` rounded half-up (halves away from zero); `denominator` > 0.
pub fn round_half_up(numerator: I256, denominator: I256) -> I256 {
    let magnitude = (numerator.abs() * 2 + denominator) / (denominator * 2);
    if numerator < 0 {
        -magnitude
    } else {
        magnitude
    }
}

pub fn ten_to(power: u32) -> I256 {
    I256::new(10).pow(power)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dec;
    use num_bigint::BigInt;
    use num_integer::Integer;
    use proptest::prelude::*;

    #[test]
    fn half_up_on_exact_fractions() {
        // 5/2 = 2.5 → 3; -5/2 → -3; 7/3 = 2.33 → 2; 249 999/100 000 = 2.49999 → 2.
        let r = |n: i128, d: i128| round_half_up(I256::new(n), I256::new(d)).as_i128();
        assert_eq!(
            (r(5, 2), r(-5, 2), r(7, 3), r(249_999, 100_000)),
            (3, -3, 2, 2)
        );
    }

    #[test]
    fn a_quantity_times_a_price_at_the_limits() {
        // 999 999 999 994,586063 × 987 654 321 098,73 is exactly
        // 987 654 321 093 382 901 727 793,704 999 99 (the product of the integers
        // 999999999994586063 × 98765432109873, with 8 decimals): below the half cent, so ,70.
        // Rounded to 28 significant digits first, it reads …793,7050 and would bill ,71.
        let amount = price_cents(dec("999999999994.586063"), dec("987654321098.73"));
        assert_eq!(cents_to_decimal(amount), dec("987654321093382901727793.70"));
    }

    #[test]
    fn exact_amounts_in_plain_text() {
        assert_eq!(Exact::money(dec("37500")).to_plain(), "37500.00");
        assert_eq!(
            Exact::money(dec("100")).percent(dec("99.999")).to_plain(),
            "99.999"
        );
        assert_eq!(Exact::money(dec("-0.5")).to_plain(), "-0.50");
        assert_eq!(Exact::default().to_plain(), "0.00");
    }

    proptest! {
        #![proptest_config(crate::billing::proptest_config(256))]

        #[test]
        fn a_quantity_times_a_price_is_exact(
            micro_units in prop_oneof![0..1_000_000_000_000_000_000i64, Just(999_999_999_999_999_999)],
            cents_price in prop_oneof![0..100_000_000_000_000i64, Just(99_999_999_999_999)],
        ) {
            // Independently: the product in big integers, in 10⁻⁸, rounded half-up to 10⁻².
            let product = BigInt::from(micro_units) * BigInt::from(cents_price);
            let (cents, rest) = product.div_rem(&BigInt::from(1_000_000));
            let expected = if rest * 2 >= BigInt::from(1_000_000) { cents + 1 } else { cents };
            let amount = price_cents(Decimal::new(micro_units, 6), Decimal::new(cents_price, 2));
            prop_assert_eq!(amount.to_string(), expected.to_string());
        }
    }
}
