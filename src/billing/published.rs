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

    /// Saint-Denis-d'Oléron's key is 18,5 % of the communes' half: 1 734,375 € a semester of
    /// 2021, 1 734,37 € in S1 and 1 734,38 € in S2 (the cent withheld comes back with the
    /// year's cumul). A figure published for one semester is held against that semester alone.
    #[test]
    fn a_semester_s_figure_is_held_against_that_semester() {
        let published = |half: u8, amount: &str| {
            format!(
                "\n[[published]]\nyear = 2021\nsemester = {half}\nmember = \"saint-denis-d-oleron\"\namount = \"{amount}\"\n"
            )
        };
        let text = format!(
            "{EMBEDDED}{}{}{}",
            published(1, "1734.37"),
            published(2, "1734.38"),
            published(1, "1734.38")
        );
        let c = parse(&text, "c.toml").unwrap();
        let comparisons = compare(&c, &bill(&c, &Usage::new()));
        let added: Vec<(Decimal, bool)> = comparisons[comparisons.len() - 3..]
            .iter()
            .map(|x| (x.computed, x.agrees()))
            .collect();
        let (s1, s2) = (crate::dec("1734.37"), crate::dec("1734.38"));
        assert_eq!(added, [(s1, true), (s2, true), (s1, false)]);
        // The 30 figures of the signed document all agree; only the third added one differs.
        assert_eq!(comparisons.iter().filter(|x| !x.agrees()).count(), 1);
        let contradicted = contradicted(&c);
        assert_eq!(contradicted.len(), 1);
        assert_eq!(contradicted[0].published.amount, s2);
    }
}
