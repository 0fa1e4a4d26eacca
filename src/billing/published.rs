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
