//! The one exact number of the program: an amount or a rate before it is rounded, as a reduced
//! fraction of two 256-bit integers. Amounts of the contract have 2 decimals, rates 6 and the
//! fractions of a year served have a few hundred days below them, so every value the contract
//! forms stays far below 2²⁵⁵; only the final rounding, to the cent, loses anything, and it is
//! half-up. The same value shows itself exactly, in decimals when it has an end and as
//! "numerator/denominator" when it has none (one third of a cent).

use std::ops::{Add, Mul, Sub};

use ethnum::I256;
use rust_decimal::Decimal;

use super::{round_half_up, ten_to};

/// An exact amount or rate: `numerator / denominator`, reduced, the denominator positive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exact {
    numerator: I256,
    denominator: I256,
}

impl Default for Exact {
    fn default() -> Exact {
        Exact::ZERO
    }
}

impl Exact {
    pub const ZERO: Exact = Exact {
        numerator: I256::ZERO,
        denominator: I256::ONE,
    };

    /// `numerator / denominator` reduced; `denominator` is not zero.
    pub fn new(numerator: I256, denominator: I256) -> Exact {
        debug_assert!(denominator != 0, "a fraction over zero");
        let divisor = gcd(numerator.abs(), denominator.abs()).max(I256::ONE);
        let sign = if denominator < 0 { -1 } else { 1 };
        Exact {
            numerator: numerator / divisor * sign,
            denominator: denominator.abs() / divisor,
        }
    }

    /// A decimal as written, exactly.
    pub fn money(amount: Decimal) -> Exact {
        let amount = amount.normalize();
        Exact::new(I256::from(amount.mantissa()), ten_to(amount.scale()))
    }

    /// Whole cents.
    pub fn cents(cents: I256) -> Exact {
        Exact::new(cents, I256::new(100))
    }

    pub fn numerator(self) -> I256 {
        self.numerator
    }

    pub fn denominator(self) -> I256 {
        self.denominator
    }

    /// `percent` % of this amount.
    pub fn percent(self, percent: Decimal) -> Exact {
        self * Exact::money(percent) * Exact::new(I256::ONE, I256::new(100))
    }

    /// This amount × `numerator / denominator`.
    pub fn times(self, numerator: I256, denominator: I256) -> Exact {
        self * Exact::new(numerator, denominator)
    }

    /// Rounded half-up to the cent (halves away from zero), in cents.
    pub fn to_cents(self) -> I256 {
        round_half_up(self.numerator * 100, self.denominator)
    }

    /// Rounded half-up to the cent.
    pub fn to_cent(self) -> Decimal {
        super::from_cents(self.to_cents())
    }

    /// The decimal digits, with at least two decimals ("1603.125", "14250.00"), if the value
    /// has a finite decimal expansion; else `None`.
    pub fn decimal(self) -> Option<String> {
        let mut rest = self.denominator;
        let (mut twos, mut fives) = (0u32, 0u32);
        while rest % 2 == 0 {
            rest /= 2;
            twos += 1;
        }
        while rest % 5 == 0 {
            rest /= 5;
            fives += 1;
        }
        if rest != 1 {
            return None;
        }
        let places = twos.max(fives).max(2);
        let digits = self.numerator * ten_to(places) / self.denominator;
        let text = format!(
            "{:0>width$}",
            digits.unsigned_abs(),
            width = places as usize + 1
        );
        let (whole, fraction) = text.split_at(text.len() - places as usize);
        let fraction = fraction.trim_end_matches('0');
        let sign = if digits < 0 { "-" } else { "" };
        Some(format!("{sign}{whole}.{fraction:0<2}"))
    }

    /// The decimal if it is finite, else "numerator/denominator": both forms a script can read
    /// exactly (Python's `Exact` reads either).
    pub fn plain(self) -> String {
        self.decimal()
            .unwrap_or_else(|| format!("{}/{}", self.numerator, self.denominator))
    }
}

impl Add for Exact {
    type Output = Exact;
    fn add(self, other: Exact) -> Exact {
        Exact::new(
            self.numerator * other.denominator + other.numerator * self.denominator,
            self.denominator * other.denominator,
        )
    }
}

impl Sub for Exact {
    type Output = Exact;
    fn sub(self, other: Exact) -> Exact {
        Exact::new(
            self.numerator * other.denominator - other.numerator * self.denominator,
            self.denominator * other.denominator,
        )
    }
}

impl Mul for Exact {
    type Output = Exact;
    fn mul(self, other: Exact) -> Exact {
        Exact::new(
            self.numerator * other.numerator,
            self.denominator * other.denominator,
        )
    }
}

impl std::iter::Sum for Exact {
    fn sum<I: Iterator<Item = Exact>>(iter: I) -> Exact {
        iter.fold(Exact::ZERO, Add::add)
    }
}

fn gcd(mut a: I256, mut b: I256) -> I256 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dec;

    #[test]
    fn exact_values_in_decimals_or_as_fractions() {
        let f = |n: i64, d: i64| Exact::new(I256::from(n), I256::from(d));
        assert_eq!(f(1_603_125, 1000).plain(), "1603.125");
        assert_eq!(f(1_425_000, 100).plain(), "14250.00");
        assert_eq!(f(-1, 2).plain(), "-0.50");
        assert_eq!(f(1, 200).plain(), "0.005");
        assert_eq!(f(0, 7).plain(), "0.00");
        // A denominator with more fives than twos has as many decimals as fives: 1/125 is
        // 0,008 (three fives), 7/6 250 is 0,00112 (one two, five fives).
        assert_eq!(f(1, 125).plain(), "0.008");
        assert_eq!(f(7, 6250).plain(), "0.00112");
        // 2/6 is 1/3: no end in decimals.
        assert_eq!(f(2, 6).plain(), "1/3");
        assert_eq!(f(2, -6), f(-1, 3));
    }

    #[test]
    fn amounts_and_percents_exactly() {
        assert_eq!(Exact::money(dec("37500")).plain(), "37500.00");
        assert_eq!(
            Exact::money(dec("100")).percent(dec("99.999")).plain(),
            "99.999"
        );
        assert_eq!(Exact::money(dec("-0.5")).plain(), "-0.50");
        assert_eq!(Exact::default().plain(), "0.00");
        // 45 000 € at 22,5 % of 100 %: 10 125 €; one third of it, 3 375 €.
        let share = Exact::money(dec("45000")).percent(dec("22.5"));
        assert_eq!(share.times(I256::ONE, I256::new(3)).plain(), "3375.00");
        assert_eq!((share - Exact::money(dec("0.01"))).plain(), "10124.99");
    }

    #[test]
    fn rounded_half_up_to_the_cent() {
        let f = |n: i64, d: i64| Exact::new(I256::from(n), I256::from(d)).to_cents();
        // 1 603,125 € → 1 603,13 €; 1/3 € → 0,33 €; −0,005 € → −0,01 €; 2/3 of a cent → 1.
        assert_eq!(f(1_603_125, 1000), 160_313);
        assert_eq!(f(1, 3), 33);
        assert_eq!(f(-1, 200), -1);
        assert_eq!(f(2, 300), 1);
        assert_eq!(Exact::money(dec("2.675")).to_cent(), dec("2.68"));
    }
}
