//! Sharing cents out by weights, the one way the program does it: one cent at a time, each
//! cent to the part furthest below its exact share. The parts always add up to the whole, no
//! cent is lost or created, and a part already given is never taken back. `apportion` works
//! on whole cents; `split` is its face for amounts written as decimals.

use ethnum::I256;
use rust_decimal::Decimal;

use super::{from_cents, ten_to, to_cents};

/// Why an amount cannot be split.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SplitError {
    #[error("cannot split {0}: only whole cents are split")]
    NotWholeCents(Decimal),
    #[error("cannot split an amount without weights")]
    NoWeights,
    #[error("cannot split by a negative weight ({0})")]
    NegativeWeight(Decimal),
    #[error("cannot split by weights that are all zero")]
    ZeroWeights,
    #[error("cannot split by weights this far apart in size and precision")]
    TooWide,
}

/// Splits `total` (whole cents) into parts proportional to `weights`, by the largest
/// remainder: every exact share is floored to the cent, then the cents left over go one by one
/// to the largest remainders; ties go to the larger weight, then to the earlier weight. Each
/// part is within one cent of its exact share and the parts sum to `total`; a zero weight gets
/// zero; a negative total is split as its opposite. Any number of decimals in the weights is
/// split exactly.
pub fn split(total: Decimal, weights: &[Decimal]) -> Result<Vec<Decimal>, SplitError> {
    if total.normalize().scale() > 2 {
        return Err(SplitError::NotWholeCents(total));
    }
    if weights.is_empty() {
        return Err(SplitError::NoWeights);
    }
    if let Some(w) = weights
        .iter()
        .find(|w| w.is_sign_negative() && !w.is_zero())
    {
        return Err(SplitError::NegativeWeight(*w));
    }
    if weights.iter().all(|w| w.is_zero()) {
        return Err(SplitError::ZeroWeights);
    }
    // The weights as integers at their common scale.
    let places = weights
        .iter()
        .map(|w| w.normalize().scale())
        .max()
        .unwrap_or(0);
    let weights: Vec<I256> = weights
        .iter()
        .map(|w| I256::from(w.normalize().mantissa()) * ten_to(places - w.normalize().scale()))
        .collect();
    let magnitude = to_cents(total).abs();
    let sum: I256 = weights.iter().sum();
    // The largest value `apportion` forms, from zero, is the total times the sum of the weights.
    if magnitude.checked_mul(sum).is_none() {
        return Err(SplitError::TooWide);
    }
    let parts = apportion(magnitude, &weights, &vec![I256::ZERO; weights.len()]);
    Ok(parts
        .into_iter()
        .map(|part| {
            from_cents(if total.is_sign_negative() {
                -part
            } else {
                part
            })
        })
        .collect())
}

/// Shares out `total` cents by `weights` (non-negative, not all zero) on top of the parts
/// already given, `before`: each cent goes to the part furthest below its exact share of
/// `total`, ties to the larger weight, then the earlier one. So no part is ever smaller than
/// before, every part is less than one cent above its exact share (if it was before), and the
/// parts sum to `total`. From zero, this is exactly the largest remainder; from parts that the
/// largest remainder of `total` would not decrease, it gives that same split.
///
/// A total smaller than what was given before (which a validated convention never produces) is
/// split afresh.
pub fn apportion(total: I256, weights: &[I256], before: &[I256]) -> Vec<I256> {
    let given: I256 = before.iter().sum();
    if total < given {
        return apportion(total, weights, &vec![I256::ZERO; weights.len()]);
    }
    let cents_left = total - given;
    let sum: I256 = weights.iter().sum();
    // How far each part is below its exact share, in 1/sum of a cent (negative if above).
    let behind: Vec<I256> = weights
        .iter()
        .zip(before)
        .map(|(w, b)| total * w - b * sum)
        .collect();
    // Giving cents one by one to the part furthest behind is taking the `cents_left` largest
    // of the values behind[i] − k × sum (k = 0, 1, …). Usually every part can be raised to
    // its floor: the level is then between 0 and one cent, and what is left goes one cent
    // each, by the largest remainder. Otherwise the level is found by bisection.
    let taken_above = |level: I256| -> I256 {
        behind
            .iter()
            .filter(|b| **b > level)
            .map(|b| (*b - level - 1) / sum + 1)
            .sum()
    };
    let at = if taken_above(sum - 1) <= cents_left {
        let mut remainders: Vec<I256> = behind
            .iter()
            .map(|b| if *b >= I256::ZERO { b % sum } else { I256::MIN })
            .collect();
        remainders.sort_unstable_by(|a, b| b.cmp(a));
        let still_left = cents_left - taken_above(sum - 1);
        // Two mutants survive here and cannot change a part. `sum / 1` for `sum - 1`: at the
        // level `sum`, a part a whole number q ≥ 2 of cents behind is raised to q − 1, not q,
        // but it is then one of the tied, `still_left` counts exactly those, and the loop below
        // gives each its cent back. `remainders[n / 1]` for `remainders[n - 1]`: the next
        // remainder down is the same level, or a lower one at which the n parts above it each
        // get their cent from the level instead of as a tie (the same parts); it exists, as
        // `still_left` is below the number of positive remainders.
        match still_left.as_usize() {
            0 => sum - 1,
            n => remainders[n - 1],
        }
    } else {
        let most = behind.iter().copied().max().unwrap_or_default();
        let (mut low, mut at) = (sum - 1, most);
        while at - low > 1 {
            let middle = low + (at - low) / 2;
            if taken_above(middle) <= cents_left {
                at = middle;
            } else {
                low = middle;
            }
        }
        at
    };
    let mut parts: Vec<I256> = before
        .iter()
        .zip(&behind)
        .map(|(b, d)| {
            if *d > at {
                *b + (*d - at - 1) / sum + 1
            } else {
                *b
            }
        })
        .collect();
    let mut tied: Vec<usize> = (0..weights.len())
        .filter(|&i| behind[i] >= at && (behind[i] - at) % sum == 0)
        .collect();
    tied.sort_by_key(|&i| (std::cmp::Reverse(weights[i]), i));
    let still_left = cents_left - taken_above(at);
    for &i in tied.iter().take(still_left.as_usize()) {
        parts[i] += 1;
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dec;
    use num_bigint::BigInt;
    use num_rational::BigRational;
    use num_traits::{Signed, ToPrimitive};
    use proptest::prelude::*;

    fn decs(values: &[&str]) -> Vec<Decimal> {
        values.iter().map(|v| dec(v)).collect()
    }

    fn ints(values: &[i64]) -> Vec<I256> {
        values.iter().map(|v| I256::from(*v)).collect()
    }

    #[test]
    fn seed_communes_in_2020_s1() {
        // 7 125,00 € among the keys of article 7.2. Saint-Georges (22,5 %) and Saint-Denis
        // (18,5 %) both have 0,005 € left over; the last cent goes to the larger key.
        let keys = decs(&["7", "9", "8", "19", "9", "22.5", "7", "18.5"]);
        let expected = decs(&[
            "498.75", "641.25", "570.00", "1353.75", "641.25", "1603.13", "498.75", "1318.12",
        ]);
        assert_eq!(split(dec("7125.00"), &keys), Ok(expected));
    }

    #[test]
    fn ties_go_to_the_larger_weight_then_the_first() {
        // 2 cents by 1 : 3 are 0,5 and 1,5 cents: floors 0 and 1, both remainders one half, a
        // real tie; the cent left goes to the larger weight, declared second.
        assert_eq!(
            split(dec("0.02"), &decs(&["1", "3"])),
            Ok(decs(&["0", "0.02"]))
        );
        assert_eq!(
            split(dec("0.01"), &decs(&["50", "50"])),
            Ok(decs(&["0.01", "0"]))
        );
        assert_eq!(
            split(dec("0.02"), &decs(&["1", "1", "1"])),
            Ok(decs(&["0.01", "0.01", "0"]))
        );
        assert_eq!(
            split(dec("100.00"), &decs(&["1", "1", "1"])),
            Ok(decs(&["33.34", "33.33", "33.33"]))
        );
    }

    #[test]
    fn edge_weights_and_totals() {
        assert_eq!(
            split(dec("10.00"), &decs(&["0", "100"])),
            Ok(decs(&["0", "10.00"]))
        );
        assert_eq!(
            split(dec("-100.00"), &decs(&["1", "1", "1"])),
            Ok(decs(&["-33.34", "-33.33", "-33.33"]))
        );
        assert_eq!(split(dec("0"), &decs(&["3", "7"])), Ok(decs(&["0", "0"])));
    }

    #[test]
    fn what_cannot_be_split_is_an_error() {
        // Before, these returned parts that missed the total ([] or zeros), or summed to 2,30.
        assert_eq!(
            split(dec("2.29"), &decs(&["-2", "-37", "5", "-23", "75"])),
            Err(SplitError::NegativeWeight(dec("-2")))
        );
        assert_eq!(split(dec("5.00"), &[]), Err(SplitError::NoWeights));
        assert_eq!(
            split(dec("5.00"), &decs(&["0", "0"])),
            Err(SplitError::ZeroWeights)
        );
        assert_eq!(
            split(dec("0.005"), &decs(&["1"])),
            Err(SplitError::NotWholeCents(dec("0.005")))
        );
    }

    #[test]
    fn weights_too_far_apart_to_split_exactly_are_an_error() {
        // The largest decimal against 10⁻²⁸: at a common scale the first weight is about 2¹⁸⁹,
        // and the total in cents times their sum would not fit in 256 bits.
        assert_eq!(
            split(Decimal::MAX, &[Decimal::MAX, Decimal::new(1, 28)]),
            Err(SplitError::TooWide)
        );
    }

    #[test]
    fn weights_with_many_decimals_give_whole_cents() {
        // 100 cents by thirds written with 20 decimals: floors 33, 33 and 33, and the cent
        // left goes to the largest remainder, the third's (its weight ends in 4).
        let thirds = decs(&[
            "33.33333333333333333333",
            "33.33333333333333333333",
            "33.33333333333333333334",
        ]);
        assert_eq!(
            split(dec("1.00"), &thirds),
            Ok(decs(&["0.33", "0.33", "0.34"]))
        );
    }

    #[test]
    fn the_cents_of_an_increment_go_to_the_parts_furthest_behind() {
        // Keys 73/25/2. In S1, 1,21 € (of a year of 2,42 € ending on 1 July: 1,21 + 0,01) is
        // 88,33 / 30,25 / 2,42 cents: floors 88/30/2, one cent left to the largest
        // remainder, C's 0,42 → 88/30/3. The year, 1,22 €, is 89,06 / 30,5 / 2,44 cents: the
        // largest remainder gives 89/31/2, taking a cent back from C. Instead the one new cent
        // goes to the part furthest behind: A is 1,06 cents behind, B 0,5, C 0,56 ahead → A.
        let weights = ints(&[73, 25, 2]);
        assert_eq!(
            apportion(I256::new(121), &weights, &ints(&[0, 0, 0])),
            ints(&[88, 30, 3])
        );
        assert_eq!(
            apportion(I256::new(122), &weights, &ints(&[88, 30, 3])),
            ints(&[89, 30, 3])
        );
        // From parts the largest remainder does not decrease, it is the largest remainder:
        // 3,00 € after 1,21 € is 219/75/6 cents exactly.
        assert_eq!(
            apportion(I256::new(300), &weights, &ints(&[88, 30, 3])),
            ints(&[219, 75, 6])
        );
    }

    fn big(v: I256) -> BigInt {
        v.to_string().parse().unwrap()
    }

    /// The largest remainder, independently, in big rationals.
    fn largest_remainder(total: i64, weights: &[I256]) -> Vec<I256> {
        let sum: BigInt = weights.iter().map(|w| big(*w)).sum();
        let exact: Vec<BigRational> = weights
            .iter()
            .map(|w| BigRational::new(BigInt::from(total) * big(*w), sum.clone()))
            .collect();
        let mut parts: Vec<BigInt> = exact.iter().map(|e| e.floor().to_integer()).collect();
        let left = BigInt::from(total) - parts.iter().sum::<BigInt>();
        let mut order: Vec<usize> = (0..weights.len()).collect();
        order.sort_by(|&a, &b| {
            let (ra, rb) = (&exact[a] - exact[a].floor(), &exact[b] - exact[b].floor());
            rb.cmp(&ra)
                .then(weights[b].cmp(&weights[a]))
                .then(a.cmp(&b))
        });
        for &i in order.iter().take(left.to_usize().unwrap()) {
            parts[i] += 1;
        }
        parts
            .iter()
            .map(|p| I256::from(p.to_i128().unwrap()))
            .collect()
    }

    /// Each cent, one at a time, to the part furthest below its exact share: the rule itself.
    fn cent_by_cent(total: i64, weights: &[I256], before: &[I256]) -> Vec<I256> {
        let sum: BigInt = weights.iter().map(|w| big(*w)).sum();
        let mut parts: Vec<BigInt> = before.iter().map(|b| big(*b)).collect();
        let given: BigInt = parts.iter().sum();
        for _ in 0..(BigInt::from(total) - given).to_usize().unwrap() {
            let behind = |i: usize| {
                BigRational::new(BigInt::from(total) * big(weights[i]), sum.clone())
                    - BigRational::from(parts[i].clone())
            };
            let furthest = (0..weights.len())
                .max_by(|&a, &b| {
                    behind(a)
                        .cmp(&behind(b))
                        .then(weights[a].cmp(&weights[b]))
                        .then(b.cmp(&a))
                })
                .unwrap();
            parts[furthest] += 1;
        }
        parts
            .iter()
            .map(|p| I256::from(p.to_i128().unwrap()))
            .collect()
    }

    #[test]
    fn when_no_split_keeps_every_part_within_a_cent() {
        // Issue 7: weights 626/626/27/11/10/4/12 (sum 1316), 1,84 € then 1,85 €. At 184 cents
        // the exact shares are 87,526 / 87,526 / 3,775 / 1,538 / 1,398 / 0,559 / 1,678: floors
        // 87/87/3/1/1/0/1 (180), four cents to the remainders ,775 ,678 ,559 ,538 →
        // 87/87/4/2/1/1/2. At 185 they are 88,0015 / 88,0015 / 3,796 / 1,546 / 1,406 / 0,562 /
        // 1,687: both 626 are 1,0015 cents behind, and nobody may go down, so the one new cent
        // goes to the first (a tie: declared first) and the second stays 1,0015 cents below:
        // no more than the 1,409 cents that the parts ahead (4, 2, 1 and 2) hold beyond theirs.
        let weights = ints(&[626, 626, 27, 11, 10, 4, 12]);
        let first = apportion(I256::new(184), &weights, &[I256::ZERO; 7]);
        assert_eq!(first, ints(&[87, 87, 4, 2, 1, 1, 2]));
        let second = apportion(I256::new(185), &weights, &first);
        assert_eq!(second, ints(&[88, 87, 4, 2, 1, 1, 2]));
        assert_eq!(second, cent_by_cent(185, &weights, &first));
    }

    #[test]
    fn cents_go_one_by_one_down_to_a_whole_cent_level() {
        // 8 cents by four equal weights are 2 each; A already has 4, so B, C and D are each two
        // cents behind and share the 4 cents left: one each (one cent behind), then the fourth
        // to B, the first of the tied. A keeps its 4: no part goes down.
        assert_eq!(
            apportion(I256::new(8), &ints(&[1, 1, 1, 1]), &ints(&[4, 0, 0, 0])),
            ints(&[4, 2, 1, 1])
        );
    }

    fn cents_up_to(limit: i64) -> impl Strategy<Value = i64> {
        prop_oneof![0..100i64, 0..limit, Just(limit - 1)]
    }

    /// Up to 9 weights of up to 8 digits, some zero: keys of 6 decimals and more.
    fn weights() -> impl Strategy<Value = Vec<I256>> {
        prop::collection::vec(prop_oneof![Just(0i64), 1..100i64, 1..100_000_000i64], 1..10)
            .prop_filter("some weight", |w| w.iter().any(|k| *k != 0))
            .prop_map(|w| w.into_iter().map(I256::from).collect())
    }

    proptest! {
        #![proptest_config(crate::money::proptest_config(100))]

        #[test]
        fn from_zero_it_is_the_largest_remainder(
            total in cents_up_to(100_000_000_000_000),
            weights in weights(),
        ) {
            let parts = apportion(I256::from(total), &weights, &vec![I256::ZERO; weights.len()]);
            prop_assert_eq!(parts, largest_remainder(total, &weights));
        }

        #[test]
        fn later_cents_never_decrease_a_part_and_stay_close(
            first in cents_up_to(1_000_000),
            more in cents_up_to(1_000),
            weights in weights(),
        ) {
            let before = largest_remainder(first, &weights);
            let total = first + more;
            let parts = apportion(I256::from(total), &weights, &before);
            prop_assert_eq!(parts.iter().copied().sum::<I256>(), I256::from(total));
            let sum: BigInt = weights.iter().map(|w| big(*w)).sum();
            let exact = |i: usize| BigRational::new(BigInt::from(total) * big(weights[i]), sum.clone());
            // The cents the parts ahead of their exact share hold beyond it.
            let ahead: BigRational = (0..weights.len())
                .map(|i| BigRational::from(big(before[i])) - exact(i))
                .filter(|d| d.is_positive())
                .sum();
            let one = BigRational::from(BigInt::from(1));
            for i in 0..weights.len() {
                prop_assert!(parts[i] >= before[i], "part {} decreased", i);
                let off = BigRational::from(big(parts[i])) - exact(i);
                prop_assert!(off < one, "part {} is a cent or more above", i);
                prop_assert!(-off.clone() < one || -off <= ahead, "part {} too far below", i);
            }
            let fresh = largest_remainder(total, &weights);
            if fresh.iter().zip(&before).all(|(f, b)| f >= b) {
                prop_assert_eq!(parts, fresh);
            }
        }

        #[test]
        fn apportion_is_the_cent_by_cent_rule(
            first in 0..300i64,
            more in 0..30i64,
            weights in weights(),
            shifts in prop::collection::vec(0..3i64, 9),
        ) {
            // Parts before from the largest remainder, some moved by a few cents, as a later
            // semester might find them.
            let mut before = largest_remainder(first, &weights);
            for (i, shift) in shifts.iter().enumerate().take(weights.len() - 1) {
                let moved = I256::from(*shift).min(before[i]);
                before[i] -= moved;
                before[i + 1] += moved;
            }
            let total = first + more;
            prop_assert_eq!(
                apportion(I256::from(total), &weights, &before),
                cent_by_cent(total, &weights, &before)
            );
        }

        #[test]
        fn split_is_exact_for_any_decimal_weights(
            total in -10_000_000_000_000i64..10_000_000_000_000,
            weights in prop::collection::vec((0u64..u64::MAX, 0u32..=28), 1..8),
        ) {
            let weights: Vec<Decimal> = weights
                .iter()
                .map(|(m, scale)| Decimal::from_i128_with_scale(i128::from(*m), *scale))
                .collect();
            prop_assume!(weights.iter().any(|w| !w.is_zero()));
            let parts = split(Decimal::new(total, 2), &weights).unwrap();
            prop_assert_eq!(parts.iter().sum::<Decimal>(), Decimal::new(total, 2));
            let rational = |d: &Decimal| {
                BigRational::new(BigInt::from(d.mantissa()), BigInt::from(10).pow(d.scale()))
            };
            let sum: BigRational = weights.iter().map(rational).sum();
            for (part, w) in parts.iter().zip(&weights) {
                prop_assert!(part.normalize().scale() <= 2);
                let exact = BigRational::from(BigInt::from(total)) * rational(w) / &sum;
                let off = rational(part) * BigInt::from(100) - exact;
                prop_assert!(off.abs() < BigRational::from(BigInt::from(1)), "{} by {:?}", part, w);
                if w.is_zero() {
                    prop_assert!(part.is_zero());
                }
            }
        }
    }
}
