//! The derivation of a year's amounts, cent by cent, as data: what `explain` shows and what
//! the supporting document of each titre cites. The year's cost, each semester's exact amount
//! so far and its rounding, the split between the client and the communes' pool, then each
//! commune's exact share, floor, remainder and rank, and which rule gave it a leftover cent.
//!
//! The plain largest remainder is worked out here again from the convention, on purpose apart
//! from `money::apportion`: it is an independent check of the bill, and shows where the
//! contract's rule (a cent given earlier in the year is never taken back) departs from it. The
//! parts actually billed are read from the bills, so that the derivation never contradicts
//! the bill.

use chrono::NaiveDate;
use ethnum::I256;
use rust_decimal::Decimal;

use crate::billing::SemesterBill;
use crate::calendar::Semester;
use crate::convention::Convention;
use crate::money::{rate, to_cents, Exact};

/// The derivation of a year, for the semesters and the member asked.
#[derive(Debug, Clone, PartialEq)]
pub struct Derivation {
    pub year: i32,
    /// The base (annual × fte), exactly.
    pub base: Exact,
    /// Each adjustment of the year: its label and exact amount.
    pub adjustments: Vec<(String, Exact)>,
    /// The cost of a full year, exactly: what the semesters are prorated from.
    pub annual: Exact,
    pub semesters: Vec<SemesterDerivation>,
    /// The member asked, if one was.
    pub member: Option<usize>,
}

/// How one semester's amounts come about.
#[derive(Debug, Clone, PartialEq)]
pub struct SemesterDerivation {
    pub semester: Semester,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Days of service, out of the semester's `semester_days`.
    pub days: i64,
    pub semester_days: i64,
    /// (days of service, days in the semester) of each semester of the year so far.
    pub served: Vec<(i64, i64)>,
    /// The part of the year served so far: Σ days / (2 × days in the semester).
    pub fraction: Exact,
    /// The year's exact cost so far: annual × fraction.
    pub exact_so_far: Exact,
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
    pub extras: Vec<ExtraDerivation>,
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
    pub exact: Exact,
    /// `exact` floored to the cent (cents).
    pub floor: I256,
    /// `exact − floor`, below a cent.
    pub remainder: Exact,
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
pub struct ExtraDerivation {
    pub member: usize,
    pub service: usize,
    /// The quantities of the semester, summed.
    pub quantity: Decimal,
    pub price: Decimal,
    pub exact: Exact,
    /// Rounded half-up, as billed.
    pub amount: Decimal,
}

/// The derivation of `year` (its semester `half` only, if given) for `member` (every member if
/// `None`), from `bills`, the bills of every semester of the convention.
pub fn derive(
    c: &Convention,
    bills: &[SemesterBill],
    year: i32,
    half: Option<u8>,
    member: Option<usize>,
) -> Derivation {
    let annual = c.annual_exact(year);
    let year_bills: Vec<&SemesterBill> = bills.iter().filter(|b| b.semester.year == year).collect();
    let semesters = (0..year_bills.len())
        .filter(|&at| half.is_none_or(|h| h == year_bills[at].semester.half))
        .map(|at| semester(c, annual, &year_bills[..=at], member))
        .collect();
    Derivation {
        year,
        base: c.base(),
        adjustments: c
            .adjustments_of(year)
            .map(|(a, amount)| (a.label.clone(), amount))
            .collect(),
        annual,
        semesters,
        member,
    }
}

/// The derivation of the last of `up_to`, the bills of a year up to and including it, whose
/// full year costs `annual`.
fn semester(
    c: &Convention,
    annual: Exact,
    up_to: &[&SemesterBill],
    member: Option<usize>,
) -> SemesterDerivation {
    let (bill, earlier) = up_to.split_last().expect("a semester to derive");
    let served: Vec<(i64, i64)> = up_to.iter().map(|b| (b.days, b.semester_days)).collect();
    let (numerator, denominator) = crate::billing::served_fraction(served.iter().copied());
    let total = |bills: &[&SemesterBill]| -> I256 { bills.iter().map(|b| to_cents(b.total)).sum() };
    let (so_far, before) = (total(up_to), total(earlier));
    let (split, pool) = sharings(c, so_far, before, (earlier, up_to), member);
    let extras = bill
        .extras
        .iter()
        .filter(|e| member.is_none_or(|m| m == e.member))
        .map(|e| {
            let price = c.services[e.service].price;
            ExtraDerivation {
                member: e.member,
                service: e.service,
                quantity: e.quantity,
                price,
                exact: Exact::money(e.quantity) * Exact::money(price),
                amount: e.amount,
            }
        })
        .collect();
    SemesterDerivation {
        semester: bill.semester,
        first_day: bill.first_day,
        last_day: bill.last_day,
        days: bill.days,
        semester_days: bill.semester_days,
        served,
        fraction: Exact::new(numerator, denominator),
        exact_so_far: annual.times(numerator, denominator),
        so_far,
        before,
        amount: to_cents(bill.total),
        split,
        pool,
        extras,
    }
}

/// The year so far (`so_far` cents, `before` before the semester) between the client and the
/// communes' pool, then the pool among the communes (the `member` asked only, if one is), from
/// the bills `earlier` than the semester and `up_to` it.
fn sharings(
    c: &Convention,
    so_far: I256,
    before: I256,
    (earlier, up_to): (&[&SemesterBill], &[&SemesterBill]),
    member: Option<usize>,
) -> (Sharing, Sharing) {
    let cumulative = |bills: &[&SemesterBill], m: usize| -> I256 {
        bills.iter().map(|b| to_cents(b.shares[m])).sum()
    };
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
    (split, pool)
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
    let in_euros = |cents: I256| Exact::new(cents, sum * 100);
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

#[cfg(test)]
mod tests;
