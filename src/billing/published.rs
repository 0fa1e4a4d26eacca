//! The figures printed in the signed document held against the computation. Data only:
//! `check` prints every comparison, `rebill` refuses to issue titres when one differs, and the
//! bills warn that they are a what-if.

use rust_decimal::Decimal;

use super::{bill, SemesterBill, Usage};
use crate::convention::{Convention, Published};

/// One published figure and what the computation gives for the same year, semester and member.
#[derive(Debug)]
pub struct Comparison<'c> {
    pub published: &'c Published,
    pub computed: Decimal,
}

impl Comparison<'_> {
    pub fn agrees(&self) -> bool {
        self.published.amount == self.computed
    }
}

/// Every published figure of `c`, in the file's order, beside the amount `bills` give for it.
pub fn compare<'c>(c: &'c Convention, bills: &[SemesterBill]) -> Vec<Comparison<'c>> {
    c.published
        .iter()
        .map(|p| {
            let in_period = bills.iter().filter(|b| {
                b.semester.year == p.year && p.semester.is_none_or(|half| b.semester.half == half)
            });
            let computed = match p.member {
                Some(m) => in_period.map(|b| b.shares[m]).sum(),
                None => in_period.map(|b| b.total).sum(),
            };
            Comparison {
                published: p,
                computed,
            }
        })
        .collect()
}

/// The published figures of `c` that the computation does not reproduce. The figures are the
/// advisor's cost and shares, which no usage changes.
pub fn contradicted(c: &Convention) -> Vec<Comparison<'_>> {
    if c.published.is_empty() {
        return Vec::new();
    }
    let mut comparisons = compare(c, &bill(c, &Usage::new()));
    comparisons.retain(|comparison| !comparison.agrees());
    comparisons
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convention::{parse, EMBEDDED};

    /// A semester's figure is compared with that semester alone. Started on 1 April 2020, the
    /// convention serves 91 of S1's 182 days: S1 costs 28 500 € / 2 × 91 / 182 = 7 125 €, S2
    /// the full 14 250 €, the year 21 375 €.
    #[test]
    fn a_semester_figure_is_compared_with_that_semester() {
        let text = EMBEDDED.replacen("start = 2020-01-01", "start = 2020-04-01", 1)
            + "\n[[published]]\nyear = 2020\nsemester = 1\namount = \"7125.00\"\n\n[[published]]\nyear = 2020\nsemester = 2\namount = \"14250.00\"\n";
        let c = parse(&text, "c.toml").unwrap();
        let comparisons = compare(&c, &bill(&c, &Usage::new()));
        let of_2020: Vec<_> = comparisons
            .iter()
            .filter(|k| k.published.year == 2020 && k.published.member.is_none())
            .map(|k| (k.published.semester, k.computed))
            .collect();
        let dec = crate::dec;
        assert_eq!(
            of_2020,
            [
                (None, dec("21375.00")),
                (Some(1), dec("7125.00")),
                (Some(2), dec("14250.00"))
            ]
        );
    }
}
