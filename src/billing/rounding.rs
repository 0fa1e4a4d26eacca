//! The rounding contract. Amounts are rounded half-up to the cent (0.005 becomes 0.01), and an
//! amount is split by weights with the largest-remainder method, so that the parts always add
//! up to the whole: no cent is lost or created.

use std::cmp::Reverse;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

/// Rounds half-up to the cent; halves go away from zero (-0.005 becomes -0.01).
pub fn to_cent(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Splits `total` (whole cents) into parts proportional to `weights`.
///
/// Every exact share is floored to the cent, then the cents left over go one by one to the
/// largest remainders; ties go to the larger weight, then to the earlier weight. Each part is
/// within one cent of its exact share and the parts sum to `total`. Zero weights get zero; a
/// negative total is split as its opposite. All weights zero (or none) yields all zeros.
pub fn split(total: Decimal, weights: &[Decimal]) -> Vec<Decimal> {
    debug_assert_eq!(total, to_cent(total), "only whole cents are split");
    debug_assert!(weights.iter().all(|w| *w >= Decimal::ZERO));
    let sum: Decimal = weights.iter().sum();
    if sum.is_zero() {
        return vec![Decimal::ZERO; weights.len()];
    }
    let cents = (total.abs() * Decimal::ONE_HUNDRED).trunc();
    // Each share is cents × weight / sum; with exact integer division and remainder, ties
    // between remainders are real ties, never artefacts of a rounded quotient.
    let mut parts: Vec<(Decimal, Decimal)> = weights
        .iter()
        .map(|w| {
            let numerator = cents * w;
            let remainder = numerator % sum;
            ((numerator - remainder) / sum, remainder)
        })
        .collect();
    let floored: Decimal = parts.iter().map(|(cents, _)| cents).sum();
    let leftover = (cents - floored).to_usize().unwrap_or(0);

    let mut order: Vec<usize> = (0..weights.len()).collect();
    order.sort_by_key(|&i| (Reverse(parts[i].1), Reverse(weights[i]), i));
    for &i in order.iter().take(leftover) {
        parts[i].0 += Decimal::ONE;
    }
    let sign = if total.is_sign_negative() {
        -Decimal::ONE
    } else {
        Decimal::ONE
    };
    parts
        .into_iter()
        .map(|(cents, _)| sign * cents / Decimal::ONE_HUNDRED)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dec;
    use proptest::prelude::*;

    fn decs(values: &[&str]) -> Vec<Decimal> {
        values.iter().map(|v| dec(v)).collect()
    }

    #[test]
    fn half_up_to_the_cent() {
        assert_eq!(to_cent(dec("1603.125")), dec("1603.13"));
        assert_eq!(to_cent(dec("1603.1249999")), dec("1603.12"));
        assert_eq!(to_cent(dec("0.005")), dec("0.01"));
        assert_eq!(to_cent(dec("-0.005")), dec("-0.01"));
        assert_eq!(to_cent(dec("2.675")), dec("2.68")); // a float would say 2.67
    }

    #[test]
    fn seed_communes_in_2020_s1() {
        // 7 125,00 € among the keys of article 7.2. Saint-Georges (22,5 %) and Saint-Denis
        // (18,5 %) both have 0,005 € left over; the last cent goes to the larger key.
        let keys = decs(&["7", "9", "8", "19", "9", "22.5", "7", "18.5"]);
        let expected = decs(&[
            "498.75", "641.25", "570.00", "1353.75", "641.25", "1603.13", "498.75", "1318.12",
        ]);
        assert_eq!(split(dec("7125.00"), &keys), expected);
    }

    #[test]
    fn ties_go_to_the_larger_weight_then_the_first() {
        assert_eq!(split(dec("0.01"), &decs(&["1", "2"])), decs(&["0", "0.01"]));
        assert_eq!(
            split(dec("0.01"), &decs(&["50", "50"])),
            decs(&["0.01", "0"])
        );
        assert_eq!(
            split(dec("0.02"), &decs(&["1", "1", "1"])),
            decs(&["0.01", "0.01", "0"])
        );
        assert_eq!(
            split(dec("100.00"), &decs(&["1", "1", "1"])),
            decs(&["33.34", "33.33", "33.33"])
        );
    }

    #[test]
    fn edge_weights_and_totals() {
        assert_eq!(
            split(dec("10.00"), &decs(&["0", "100"])),
            decs(&["0", "10.00"])
        );
        assert_eq!(
            split(dec("-100.00"), &decs(&["1", "1", "1"])),
            decs(&["-33.34", "-33.33", "-33.33"])
        );
        assert_eq!(split(dec("5.00"), &decs(&["0", "0"])), decs(&["0", "0"]));
        assert_eq!(split(dec("0"), &decs(&["3", "7"])), decs(&["0", "0"]));
    }

    fn cents() -> impl Strategy<Value = Decimal> {
        (0i64..10_000_000_000_000).prop_map(|c| Decimal::new(c, 2))
    }

    fn keys() -> impl Strategy<Value = Vec<Decimal>> {
        // Percents with up to 3 decimals, as a convention may write them.
        prop::collection::vec((0i64..=100_000).prop_map(|k| Decimal::new(k, 3)), 1..12)
            .prop_filter("some weight", |w| w.iter().any(|k| !k.is_zero()))
    }

    proptest! {
        #[test]
        fn parts_add_up_and_stay_within_a_cent(total in cents(), weights in keys()) {
            let parts = split(total, &weights);
            prop_assert_eq!(parts.iter().sum::<Decimal>(), total);
            let sum: Decimal = weights.iter().sum();
            for (part, w) in parts.iter().zip(&weights) {
                prop_assert_eq!(*part, to_cent(*part));
                // The exact share, computed independently in hundredths of a cent.
                let exact = total * w / sum;
                prop_assert!((*part - exact).abs() < dec("0.01"), "part {} exact {}", part, exact);
                if w.is_zero() {
                    prop_assert!(part.is_zero());
                }
            }
        }
    }
}
