//! The calculating core: a convention and the usage of its services in, the bill of every
//! semester out. Pure: it reads no file and prints nothing.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use ethnum::I256;
use rust_decimal::Decimal;

use crate::calendar::Semester;
use crate::convention::Convention;
use crate::money::{apportion, from_cents, hundred_percent, price_cents, rate};

pub mod published;

/// Quantities of services ordered, summed per (semester, member, service) index.
pub type Usage = BTreeMap<(Semester, usize, usize), Decimal>;

/// What one semester costs, and who pays what.
#[derive(Debug, Clone, PartialEq)]
pub struct SemesterBill {
    pub semester: Semester,
    /// First and last day of service in the semester.
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Days of service, out of the semester's `semester_days`.
    pub days: i64,
    pub semester_days: i64,
    /// Billed in arrears, once the service is done: the last day of service.
    pub billing_date: NaiveDate,
    /// The advisor's cost for the semester, to the cent.
    pub total: Decimal,
    /// Each member's part of `total`, in the order of the convention's members.
    pub shares: Vec<Decimal>,
    /// Services ordered, by member then service.
    pub extras: Vec<Extra>,
}

/// A service a member ordered during a semester.
#[derive(Debug, Clone, PartialEq)]
pub struct Extra {
    pub member: usize,
    pub service: usize,
    pub quantity: Decimal,
    /// quantity × price, to the cent.
    pub amount: Decimal,
}

impl SemesterBill {
    /// The services `member` ordered. `extras` is in member order, so they are found by
    /// bisection: a report over every member stays linear in their number.
    pub fn extras_of(&self, member: usize) -> impl Iterator<Item = &Extra> {
        let first = self.extras.partition_point(|e| e.member < member);
        let end = self.extras.partition_point(|e| e.member <= member);
        self.extras[first..end].iter()
    }

    /// What a member ordered during the semester.
    pub fn extras_total_of(&self, member: usize) -> Decimal {
        self.extras_of(member).map(|e| e.amount).sum()
    }

    /// What a member owes for the semester: its share plus what it ordered.
    pub fn member_total(&self, member: usize) -> Decimal {
        self.shares[member] + self.extras_total_of(member)
    }

    pub fn extras_total(&self) -> Decimal {
        self.extras.iter().map(|e| e.amount).sum()
    }

    /// What the provider invoices the client for the semester: the advisor and every extra.
    pub fn invoice_total(&self) -> Decimal {
        self.total + self.extras_total()
    }
}

/// The bill of every semester of service, in order.
///
/// Within a year, the amounts are cumulative: the year's exact amount so far is rounded once,
/// then shared out between the client and the members' pool, and the pool among the members,
/// on top of what each was given before in the year; a semester gets the difference. So the
/// semesters add up exactly to the year, the members exactly to each semester, and no
/// member's semester is negative.
pub fn bill(c: &Convention, usage: &Usage) -> Vec<SemesterBill> {
    c.years()
        .flat_map(|year| bill_year(c, usage, year))
        .collect()
}

/// The bills of the semesters of service of `year`, in order: a year is billed on its own, so
/// that a long convention can be billed a year at a time.
pub fn bill_year(c: &Convention, usage: &Usage, year: i32) -> Vec<SemesterBill> {
    let client_rate = rate(c.client_share);
    let client_weights = [client_rate, hundred_percent() - client_rate];
    let keys: Vec<I256> = c.members.iter().filter_map(|m| m.key).map(rate).collect();
    let mut bills = Vec::new();
    let mut total_before = I256::ZERO;
    let mut split_before = [I256::ZERO; 2];
    let mut pool_before = vec![I256::ZERO; keys.len()];
    let mut shares_before = vec![I256::ZERO; c.members.len()];
    for semester in Semester::of_year(year) {
        let Some((first_day, last_day, days)) = c.service_in(semester) else {
            continue;
        };
        let total = year_so_far_cents(c, semester);

        let split = apportion(total, &client_weights, &split_before);
        let pool = apportion(split[1], &keys, &pool_before);
        let mut pool_parts = pool.iter();
        let cumulative: Vec<I256> = (0..c.members.len())
            .map(|i| {
                if i == c.client {
                    split[0]
                } else {
                    pool_parts.next().copied().unwrap_or_default()
                }
            })
            .collect();
        let shares = cumulative
            .iter()
            .zip(&shares_before)
            .map(|(now, before)| from_cents(now - before))
            .collect();

        bills.push(SemesterBill {
            semester,
            first_day,
            last_day,
            days,
            semester_days: semester.days(),
            billing_date: last_day,
            total: from_cents(total - total_before),
            shares,
            extras: extras(c, usage, semester),
        });
        total_before = total;
        split_before = [split[0], split[1]];
        pool_before = pool;
        shares_before = cumulative;
    }
    bills
}

/// What the year of `semester` bills up to and including it: the exact cost of the days served
/// so far in the year (the year's cost × Σ days / (2 × semester days)), rounded half-up once.
pub fn year_so_far(c: &Convention, semester: Semester) -> Decimal {
    from_cents(year_so_far_cents(c, semester))
}

fn year_so_far_cents(c: &Convention, semester: Semester) -> I256 {
    let served = Semester::of_year(semester.year)
        .filter(|s| *s <= semester)
        .filter_map(|s| c.service_in(s).map(|(_, _, days)| (days, s.days())));
    let (served, out_of) = served_fraction(served);
    c.annual_exact(semester.year)
        .times(served, out_of)
        .to_cents()
}

/// The fraction of a year's cost that semesters of (days served, days in the semester) bill:
/// Σ days / (2 × semester days), as a numerator and a denominator.
pub fn served_fraction(semesters: impl IntoIterator<Item = (i64, i64)>) -> (I256, I256) {
    let (mut served, mut out_of) = (I256::ZERO, I256::ONE);
    for (days, semester_days) in semesters {
        let twice_days = I256::from(2 * semester_days);
        served = served * twice_days + I256::from(days) * out_of;
        out_of *= twice_days;
    }
    (served, out_of)
}

fn extras(c: &Convention, usage: &Usage, semester: Semester) -> Vec<Extra> {
    let first = (semester, 0, 0);
    let last = (semester, usize::MAX, usize::MAX);
    usage
        .range(first..=last)
        .map(|(&(_, member, service), &quantity)| Extra {
            member,
            service,
            quantity,
            amount: from_cents(price_cents(quantity, c.services[service].price)),
        })
        .collect()
}

#[cfg(test)]
mod tests;
