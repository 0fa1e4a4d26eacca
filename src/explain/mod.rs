//! `explain`: the derivation of a year's amounts, cent by cent, as data. The year's cost, each
//! semester's exact amount so far and its rounding, the split between the client and the
//! communes' pool, then each commune's exact share, floor, remainder and rank, and which rule
//! gave it a leftover cent. The plain largest remainder is worked out here from exact integers,
//! apart from `billing`; the parts actually billed are read from the bills, so that the
//! explanation never contradicts the bill. Pure: renderers are `text` (French) and `data`
//! (JSON).

pub mod data;
pub mod text;

use chrono::NaiveDate;
use ethnum::I256;
use rust_decimal::Decimal;

use crate::billing::exact::{cents, cents_to_decimal, rate, scaled, ten_to};
use crate::billing::SemesterBill;
use crate::calendar::Semester;
use crate::convention::Convention;

/// An exact amount of the currency: a reduced fraction, with a positive denominator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fraction {
    pub numerator: I256,
    pub denominator: I256,
}

impl Fraction {
    /// `numerator / denominator` reduced; `denominator` is not zero.
    pub fn new(numerator: I256, denominator: I256) -> Fraction {
        let divisor = gcd(numerator.abs(), denominator.abs()).max(I256::ONE);
        let sign = if denominator < 0 { -1 } else { 1 };
        Fraction {
            numerator: numerator / divisor * sign,
            denominator: denominator.abs() / divisor,
        }
    }

    /// Whole cents.
    pub fn cents(cents: I256) -> Fraction {
        Fraction::new(cents, I256::new(100))
    }

    /// The decimal digits, with at least two decimals ("1603.125", "14250.00"), if the
    /// fraction has a finite decimal expansion; else `None`.
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
    /// exactly (Python's `Fraction` reads either).
    pub fn plain(self) -> String {
        self.decimal()
            .unwrap_or_else(|| format!("{}/{}", self.numerator, self.denominator))
    }
}

fn gcd(mut a: I256, mut b: I256) -> I256 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// The derivation of a year, for the semesters and the member asked.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub year: i32,
    /// The base (annual × fte), exactly.
    pub base: Fraction,
    /// Each adjustment of the year: its label and exact amount.
    pub adjustments: Vec<(String, Fraction)>,
    /// The cost of a full year, exactly: what the semesters are prorated from.
    pub annual: Fraction,
    pub semesters: Vec<SemesterExplanation>,
    /// The member asked, if one was.
    pub member: Option<usize>,
}

/// How one semester's amounts come about.
#[derive(Debug, Clone, PartialEq)]
pub struct SemesterExplanation {
    pub semester: Semester,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Days of service, out of the semester's `semester_days`.
    pub days: i64,
    pub semester_days: i64,
    /// (days of service, days in the semester) of each semester of the year so far.
    pub served: Vec<(i64, i64)>,
    /// The part of the year served so far: Σ days / (2 × days in the semester).
    pub fraction: Fraction,
    /// The year's exact cost so far: annual × fraction.
    pub exact_so_far: Fraction,
    /// The year so far, rounded half-up to the cent, as billed (cents).
    pub so_far: I256,
    /// What the earlier semesters of the year billed (cents).
    pub before: I256,
    /// The semester's amount (cents): `so_far − before`.
    pub amount: I256,
    /// `so_far` between the client and the communes' pool.
    pub split: Sharing,
    /// The pool among the communes.
    pub pool: Sharing,
    /// The services ordered during the semester (with `--usage`), for the member asked.
    pub extras: Vec<ExtraExplanation>,
}

/// An amount shared out by weights: the plain largest remainder beside what was billed.
#[derive(Debug, Clone, PartialEq)]
pub struct Sharing {
    /// What is shared, cumulatively in the year (cents).
    pub total: I256,
    /// Cents left once every exact share is floored to the cent.
    pub leftover: I256,
    /// The parts (the member asked only, for the pool).
    pub parts: Vec<Part>,
}

/// Who a part of a sharing is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Who {
    Member(usize),
    /// The communes' pool, in the split between the client and it.
    Pool,
}

/// What decided between two parts on either side of the last leftover cent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    LargerRemainder,
    /// Equal remainders, larger weight.
    LargerWeight,
    /// Equal remainders and weights, declared first.
    DeclaredFirst,
}

/// Why a part did or did not get a leftover cent: the rule that put it before the first part
/// left without one (if it got a cent), or after the last part that got one (if not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decision {
    pub rule: Rule,
    pub against: Who,
}

/// One part of a sharing.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub who: Who,
    /// In percent: the client's share, the pool's, or a commune's key.
    pub weight: Decimal,
    /// total × weight / Σ weights, exactly.
    pub exact: Fraction,
    /// `exact` floored to the cent (cents).
    pub floor: I256,
    /// `exact − floor`, below a cent.
    pub remainder: Fraction,
    /// Its place in the order the leftover cents are given: 1 first.
    pub rank: usize,
    /// Whether the plain largest remainder gives it a leftover cent.
    pub cent: bool,
    /// Why it does or does not; `None` when no cent is left or every part gets one.
    pub decision: Option<Decision>,
    /// `floor` plus that cent: the plain largest remainder (cents).
    pub largest_remainder: I256,
    /// Its cumulative part in the year before and after the semester, as billed (cents).
    pub before: I256,
    pub after: I256,
}

impl Part {
    /// The semester's amount (cents).
    pub fn amount(&self) -> I256 {
        self.after - self.before
    }

    /// Whether the bill differs from the plain largest remainder: a cent given earlier in the
    /// year is not taken back.
    pub fn never_taken_back(&self) -> bool {
        self.after != self.largest_remainder
    }
}

/// A service a member ordered during the semester: the quantity × the price, and its rounding.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtraExplanation {
    pub member: usize,
    pub service: usize,
    /// The quantities of the semester, summed.
    pub quantity: Decimal,
    pub price: Decimal,
    pub exact: Fraction,
    /// Rounded half-up, as billed.
    pub amount: Decimal,
}

/// The derivation of `year` (its semester `half` only, if given) for `member` (every member if
/// `None`), from `bills`, the bills of every semester of the convention.
pub fn explain(
    c: &Convention,
    bills: &[SemesterBill],
    year: i32,
    half: Option<u8>,
    member: Option<usize>,
) -> Explanation {
    let (annual_units, per) = c.annual_exact(year).fraction();
    let base = c.base().fraction();
    let year_bills: Vec<&SemesterBill> = bills.iter().filter(|b| b.semester.year == year).collect();
    let mut semesters = Vec::new();
    for (at, bill) in year_bills.iter().enumerate() {
        let (earlier, up_to) = (&year_bills[..at], &year_bills[..=at]);
        if half.is_some_and(|h| h != bill.semester.half) {
            continue;
        }
        let served: Vec<(i64, i64)> = up_to.iter().map(|b| (b.days, b.semester_days)).collect();
        let (numerator, denominator) = crate::billing::served_fraction(served.iter().copied());
        let cumulative = |bills: &[&SemesterBill], m: usize| -> I256 {
            bills.iter().map(|b| cents(b.shares[m])).sum()
        };
        let total =
            |bills: &[&SemesterBill]| -> I256 { bills.iter().map(|b| cents(b.total)).sum() };
        let (so_far, before) = (total(up_to), total(earlier));
        let client = c.client;
        let client_after = cumulative(up_to, client);
        let client_before = cumulative(earlier, client);
        let split = sharing(
            so_far,
            &[
                (
                    Who::Member(client),
                    c.client_share,
                    client_before,
                    client_after,
                ),
                (
                    Who::Pool,
                    Decimal::ONE_HUNDRED - c.client_share,
                    before - client_before,
                    so_far - client_after,
                ),
            ],
            |_| true,
        );
        let communes: Vec<(Who, Decimal, I256, I256)> = c
            .members
            .iter()
            .enumerate()
            .filter_map(|(m, member)| {
                member.key.map(|key| {
                    (
                        Who::Member(m),
                        key,
                        cumulative(earlier, m),
                        cumulative(up_to, m),
                    )
                })
            })
            .collect();
        let pool = sharing(so_far - client_after, &communes, |who| {
            member.is_none_or(|m| who == Who::Member(m))
        });
        let extras = bill
            .extras
            .iter()
            .filter(|e| member.is_none_or(|m| m == e.member))
            .map(|e| {
                let price = c.services[e.service].price;
                ExtraExplanation {
                    member: e.member,
                    service: e.service,
                    quantity: e.quantity,
                    price,
                    exact: Fraction::new(scaled(e.quantity, 6) * cents(price), ten_to(8)),
                    amount: e.amount,
                }
            })
            .collect();
        semesters.push(SemesterExplanation {
            semester: bill.semester,
            first_day: bill.first_day,
            last_day: bill.last_day,
            days: bill.days,
            semester_days: bill.semester_days,
            served,
            fraction: Fraction::new(numerator, denominator),
            exact_so_far: Fraction::new(annual_units * numerator, per * denominator),
            so_far,
            before,
            amount: cents(bill.total),
            split,
            pool,
            extras,
        });
    }
    Explanation {
        year,
        base: Fraction::new(base.0, base.1),
        adjustments: c
            .adjustments_of(year)
            .map(|(a, amount)| {
                let (n, d) = amount.fraction();
                (a.label.clone(), Fraction::new(n, d))
            })
            .collect(),
        annual: Fraction::new(annual_units, per),
        semesters,
        member,
    }
}

/// `total` cents by the weights of `parts` (who, weight in percent, cumulative part before and
/// after, as billed), by the plain largest remainder: floor = total × w div W, remainder =
/// total × w mod W, the leftover cents by remainder, then weight, then order. Keeps the parts
/// `wanted` accepts.
fn sharing(
    total: I256,
    parts: &[(Who, Decimal, I256, I256)],
    wanted: impl Fn(Who) -> bool,
) -> Sharing {
    let weights: Vec<I256> = parts.iter().map(|p| rate(p.1)).collect();
    let sum: I256 = weights.iter().sum();
    let floors: Vec<I256> = weights.iter().map(|w| total * w / sum).collect();
    let remainders: Vec<I256> = weights.iter().map(|w| total * w % sum).collect();
    let leftover = total - floors.iter().sum::<I256>();
    let mut order: Vec<usize> = (0..parts.len()).collect();
    order.sort_by_key(|&i| {
        (
            std::cmp::Reverse(remainders[i]),
            std::cmp::Reverse(weights[i]),
            i,
        )
    });
    let given = leftover.as_usize().min(parts.len());
    // Each part's place in `order`, looked up once per part.
    let mut ranks = vec![0; parts.len()];
    for (place, &i) in order.iter().enumerate() {
        ranks[i] = place;
    }
    let rank = |i: usize| ranks[i];
    // The rule that puts `a` before `b` in the order.
    let rule = |a: usize, b: usize| {
        if remainders[a] != remainders[b] {
            Rule::LargerRemainder
        } else if weights[a] != weights[b] {
            Rule::LargerWeight
        } else {
            Rule::DeclaredFirst
        }
    };
    let decision = |i: usize| -> Option<Decision> {
        if rank(i) < given {
            let first_without = *order.get(given)?;
            Some(Decision {
                rule: rule(i, first_without),
                against: parts[first_without].0,
            })
        } else {
            let last_with = order[given.checked_sub(1)?];
            Some(Decision {
                rule: rule(last_with, i),
                against: parts[last_with].0,
            })
        }
    };
    // The exact shares in euros: total cents × w / (W × 100).
    let in_euros = |cents: I256| Fraction::new(cents, sum * 100);
    let parts = (0..parts.len())
        .filter(|&i| wanted(parts[i].0))
        .map(|i| {
            let (who, weight, before, after) = parts[i];
            let cent = rank(i) < given;
            Part {
                who,
                weight,
                exact: in_euros(total * weights[i]),
                floor: floors[i],
                remainder: in_euros(remainders[i]),
                rank: rank(i) + 1,
                cent,
                decision: decision(i),
                largest_remainder: floors[i] + I256::from(u8::from(cent)),
                before,
                after,
            }
        })
        .collect();
    Sharing {
        total,
        leftover,
        parts,
    }
}

/// Cents as a decimal with two places.
pub fn money(cents: I256) -> Decimal {
    cents_to_decimal(cents)
}

#[cfg(test)]
mod tests;
