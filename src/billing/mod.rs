//! The calculating core: a convention and the usage of its services in, the bill of every
//! semester out. Pure: it reads no file and prints nothing.

pub mod lines;
pub mod rounding;

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::calendar::Semester;
use crate::convention::Convention;
use rounding::{split, to_cent};

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
    pub fn extras_of(&self, member: usize) -> impl Iterator<Item = &Extra> {
        self.extras.iter().filter(move |e| e.member == member)
    }

    /// What a member owes for the semester: its share plus what it ordered.
    /// What a member ordered during the semester.
    pub fn extras_total_of(&self, member: usize) -> Decimal {
        self.extras_of(member).map(|e| e.amount).sum()
    }

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
/// Within a year, the amounts are cumulative: the year's exact amounts so far are rounded
/// once, then split; a semester gets the difference with what was split before it. So the
/// semesters add up exactly to the year and the members exactly to each semester.
pub fn bill(c: &Convention, usage: &Usage) -> Vec<SemesterBill> {
    let client_weights = [c.client_share, Decimal::ONE_HUNDRED - c.client_share];
    let keys: Vec<Decimal> = c.members.iter().filter_map(|m| m.key).collect();
    let mut bills = Vec::new();
    for year in c.years() {
        let mut exact_so_far = Decimal::ZERO;
        let mut total_so_far = Decimal::ZERO;
        let mut shares_so_far = vec![Decimal::ZERO; c.members.len()];
        for semester in Semester::of_year(year) {
            let Some((first_day, last_day, days)) = c.service_in(semester) else {
                continue;
            };
            let semester_days = semester.days();
            exact_so_far += c.annual(year) * Decimal::from(days) / Decimal::from(2 * semester_days);
            let total = to_cent(exact_so_far);

            let parts = split(total, &client_weights);
            let (client_part, pool) = (parts[0], parts[1]);
            let mut pool_parts = split(pool, &keys).into_iter();
            let cumulative: Vec<Decimal> = (0..c.members.len())
                .map(|i| {
                    if i == c.client {
                        client_part
                    } else {
                        pool_parts.next().unwrap_or_default()
                    }
                })
                .collect();
            let shares = cumulative
                .iter()
                .zip(&shares_so_far)
                .map(|(now, before)| now - before)
                .collect();

            bills.push(SemesterBill {
                semester,
                first_day,
                last_day,
                days,
                semester_days,
                billing_date: last_day,
                total: total - total_so_far,
                shares,
                extras: extras(c, usage, semester),
            });
            total_so_far = total;
            shares_so_far = cumulative;
        }
    }
    bills
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
            amount: to_cent(quantity * c.services[service].price),
        })
        .collect()
}

#[cfg(test)]
mod tests;
