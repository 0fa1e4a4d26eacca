//! Exact money, at the bottom of the program: amounts and rates never pass through floating
//! point. An amount billed is a whole number of cents; before it is rounded it is an `Exact`
//! fraction; it is rounded half-up to the cent once (0.005 becomes 0.01, −0.005 becomes
//! −0.01), and shared out by weights by `apportion`, which never loses or creates a cent.
//!
//! The names keep one meaning: *cents* are whole cents as an integer (`I256`), an *amount* is
//! a `Decimal` of the currency with two decimals, an *exact* value is an `Exact`.

mod apportion;
mod exact;

use ethnum::I256;
use rust_decimal::{Decimal, RoundingStrategy};

pub use apportion::{apportion, split, SplitError};
pub use exact::Exact;

/// Decimal places of a rate in percent: a key of 22.5 % is 22 500 000 millionths.
const RATE_PLACES: u32 = 6;

/// Rounds half-up to the cent; halves go away from zero (-0.005 becomes -0.01).
pub fn round_to_cent(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
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
pub fn to_cents(amount: Decimal) -> I256 {
    scaled(amount, 2)
}

/// Whole cents as an amount with two places. A bill's amounts are below 10²⁸ cents by far:
/// a year of n adjustments is below (2n + 1) × 10¹⁴ cents.
pub fn from_cents(cents: I256) -> Decimal {
    Decimal::from_i128_with_scale(cents.as_i128(), 2)
}

/// A quantity × a price, in cents rounded half-up: a quantity has at most 6 decimals.
pub fn price_cents(quantity: Decimal, price: Decimal) -> I256 {
    round_half_up(scaled(quantity, 6) * to_cents(price), ten_to(6))
}

/// `value × 10^places` as an integer. Validation guarantees that `value` has no more
/// decimals than that; were it not so, the extra ones would be rounded half-up.
fn scaled(value: Decimal, places: u32) -> I256 {
    let value = value.normalize();
    debug_assert!(
        value.scale() <= places,
        "{value} has more than {places} decimals"
    );
    match places.checked_sub(value.scale()) {
        Some(shift) => I256::from(value.mantissa()) * ten_to(shift),
        // Reached only without debug assertions (the assertion above fails first), and then
        // only on a value validation lets through, which it never does: the mutants of
        // `value.scale() - places` survive `cargo test`. The test of this arm is release-only.
        None => round_half_up(I256::from(value.mantissa()), ten_to(value.scale() - places)),
    }
}

/// `numerator / denominator` rounded half-up (halves away from zero); `denominator` > 0.
fn round_half_up(numerator: I256, denominator: I256) -> I256 {
    let magnitude = (numerator.abs() * 2 + denominator) / (denominator * 2);
    // `<=` would do as well (a surviving mutant): a zero numerator has a zero magnitude.
    if numerator < 0 {
        -magnitude
    } else {
        magnitude
    }
}

fn ten_to(power: u32) -> I256 {
    I256::new(10).pow(power)
}

/// Proptest settings of the money and billing tests: a failure found is kept beside the test's
/// file (`<file>.proptest-regressions`) and replayed on every run.
#[cfg(test)]
pub(crate) fn proptest_config(cases: u32) -> proptest::test_runner::Config {
    proptest::test_runner::Config {
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
        )),
        ..proptest::test_runner::Config::with_cases(cases)
    }
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
    fn half_up_to_the_cent() {
        assert_eq!(round_to_cent(dec("1603.125")), dec("1603.13"));
        assert_eq!(round_to_cent(dec("1603.1249999")), dec("1603.12"));
        assert_eq!(round_to_cent(dec("0.005")), dec("0.01"));
        assert_eq!(round_to_cent(dec("-0.005")), dec("-0.01"));
        assert_eq!(round_to_cent(dec("2.675")), dec("2.68")); // a float would say 2.67
    }

    #[test]
    fn a_quantity_times_a_price_at_the_limits() {
        // 999 999 999 994,586063 × 987 654 321 098,73 is exactly
        // 987 654 321 093 382 901 727 793,704 999 99 (the product of the integers
        // 999999999994586063 × 98765432109873, with 8 decimals): below the half cent, so ,70.
        // Rounded to 28 significant digits first, it reads …793,7050 and would bill ,71.
        let amount = price_cents(dec("999999999994.586063"), dec("987654321098.73"));
        assert_eq!(from_cents(amount), dec("987654321093382901727793.70"));
    }

    /// Without debug assertions, a value with more decimals than asked is rounded half-up to
    /// them: 0,123456 is 12,3456 cents → 12, and −0,125 is −12,5 cents → −13. (In a debug
    /// build `scaled` refuses such a value: the validation of the inputs is broken.)
    #[test]
    #[cfg(not(debug_assertions))]
    fn extra_decimals_are_rounded_half_up_without_debug_assertions() {
        assert_eq!(scaled(dec("0.123456"), 2), 12);
        assert_eq!(scaled(dec("-0.125"), 2), -13);
        assert_eq!(scaled(dec("2.5"), 0), 3);
    }

    proptest! {
        #![proptest_config(proptest_config(256))]

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
