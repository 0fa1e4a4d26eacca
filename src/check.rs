//! `oleron-bill check`: a summary of the convention, and every figure printed in the signed
//! document compared with the computation.

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::billing::SemesterBill;
use crate::convention::Convention;
use crate::display::{fr_date, fr_money, fr_number};

/// The report, and how many published figures differ from the computation.
pub fn check(c: &Convention, bills: &[SemesterBill]) -> (String, usize) {
    let money = |a: Decimal| fr_money(a, &c.currency);
    let mut out = String::new();
    let _ = writeln!(out, "{}", c.name);
    let _ = writeln!(
        out,
        "Période : du {} au {}",
        fr_date(c.start),
        fr_date(c.end)
    );
    if let Some(t) = c.terminated {
        let _ = writeln!(out, "Résiliée : dernier jour de service le {}", fr_date(t));
    }
    let _ = writeln!(
        out,
        "{} facture {}, qui garde {} % du coût.",
        c.provider,
        c.client().name,
        fr_number(c.client_share)
    );
    let _ = writeln!(out, "Clés de répartition du reste :");
    for m in c.members.iter() {
        if let Some(key) = m.key {
            let _ = writeln!(out, "  {:<32} {:>6} %", m.name, fr_number(key));
        }
    }
    let _ = writeln!(out, "Coût par année :");
    for year in c.years() {
        let billed: Decimal = bills
            .iter()
            .filter(|b| b.semester.year == year)
            .map(|b| b.total)
            .sum();
        let _ = writeln!(out, "  {year}  {:>14}", money(billed));
    }

    let mut differ = 0;
    if !c.published.is_empty() {
        let _ = writeln!(out, "Chiffres publiés :");
    }
    for p in &c.published {
        let in_period = bills.iter().filter(|b| {
            b.semester.year == p.year && p.semester.is_none_or(|half| b.semester.half == half)
        });
        let computed: Decimal = match p.member {
            Some(m) => in_period.map(|b| b.shares[m]).sum(),
            None => in_period.map(|b| b.total).sum(),
        };
        let what = format!(
            "{}{} {}",
            p.year,
            p.semester.map(|h| format!(" S{h}")).unwrap_or_default(),
            p.member.map_or("total", |m| c.members[m].id.as_str())
        );
        if computed == p.amount {
            let _ = writeln!(out, "  ok        {what:<36} {:>14}", money(computed));
        } else {
            differ += 1;
            let _ = writeln!(
                out,
                "  DIFFÉRENT {what:<36} publié {} (ligne {}), calculé {}",
                money(p.amount),
                p.line,
                money(computed)
            );
        }
    }
    (out, differ)
}
