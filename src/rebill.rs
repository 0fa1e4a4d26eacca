//! `oleron-bill rebill YEAR`: what the client bills back to each other member for a year. One
//! CSV of every member's lines for the ledger, and one statement per member showing how its
//! amount was computed.

use std::fmt::Write;

use rust_decimal::Decimal;

use crate::billing::exact::Exact;
use crate::billing::lines::lines;
use crate::billing::SemesterBill;
use crate::convention::Convention;
use crate::display::{fr_exact_money, fr_money, fr_number, fr_semester};
use crate::export::{CsvDialect, CsvExport};

/// A file to write: its name in the output folder, and its text.
pub struct RebillFile {
    pub name: String,
    pub text: String,
}

/// The names of the files of `year`'s rebilling, known before anything is computed: the
/// ledger's CSV, then one statement per member but the client.
pub fn file_names(c: &Convention, year: i32) -> Vec<String> {
    let statements = (0..c.members.len())
        .filter(|m| *m != c.client)
        .map(|m| format!("rebill-{year}-{}.txt", c.members[m].id));
    std::iter::once(format!("rebill-{year}.csv"))
        .chain(statements)
        .collect()
}

/// The files of `year`'s rebilling; `bills` are the year's semesters.
pub fn rebill(c: &Convention, year: i32, bills: &[SemesterBill]) -> Vec<RebillFile> {
    let billed = |m: &usize| *m != c.client;
    let ledger = CsvExport {
        dialect: CsvDialect::STANDARD,
    }
    .lines(&lines(c, bills, |m| billed(&m)));
    let statements = (0..c.members.len())
        .filter(billed)
        .map(|m| statement(c, year, bills, m));
    file_names(c, year)
        .into_iter()
        .zip(std::iter::once(ledger).chain(statements))
        .map(|(name, text)| RebillFile { name, text })
        .collect()
}

/// How member `m`'s amount for `year` is made up, line by line.
fn statement(c: &Convention, year: i32, bills: &[SemesterBill], m: usize) -> String {
    let money = |a: Decimal| fr_money(a, &c.currency);
    let member = &c.members[m];
    let share = c.share_of(m);
    let mut out = String::new();
    let _ = writeln!(out, "Refacturation {year} — {}", member.name);
    let _ = writeln!(
        out,
        "Émise par {} au titre de : {}",
        c.client().name,
        c.name
    );
    if !member.assistance {
        let _ = writeln!(out, "Contribution sans accès à l'assistance du conseiller.");
    }
    let _ = writeln!(out, "\n{}", c.cost.label);
    let _ = writeln!(
        out,
        "  Part de {} : clé {} % des {} % laissés aux communes, soit {} % du coût de chaque semestre.",
        member.name,
        fr_number(member.key.unwrap_or_default()),
        fr_number(Decimal::ONE_HUNDRED - c.client_share),
        fr_number(share)
    );
    for bill in bills {
        // Exactly, whatever its decimals: the key's share of the communes' part of the total.
        let exact = Exact::money(bill.total)
            .percent(Decimal::ONE_HUNDRED - c.client_share)
            .percent(member.key.unwrap_or_default());
        let _ = writeln!(
            out,
            "  {} : {} × {} % = {} → {}",
            fr_semester(bill.semester),
            money(bill.total),
            fr_number(share),
            fr_exact_money(exact, &c.currency),
            money(bill.shares[m])
        );
    }
    let advisor: Decimal = bills.iter().map(|b| b.shares[m]).sum();
    let _ = writeln!(
        out,
        "  Total {year} : {} (arrondi au centime sur le cumul de l'année, sans perte ni création de centime)",
        money(advisor)
    );

    let _ = writeln!(out, "\nPrestations à la demande");
    let extras: Vec<_> = bills
        .iter()
        .flat_map(|b| b.extras_of(m).map(move |e| (b.semester, e)))
        .collect();
    if extras.is_empty() {
        let _ = writeln!(out, "  aucune");
    }
    for (semester, extra) in &extras {
        let service = &c.services[extra.service];
        let _ = writeln!(
            out,
            "  {} : {} — {} {} × {} = {}",
            fr_semester(*semester),
            service.label,
            fr_number(extra.quantity),
            service.unit,
            money(service.price),
            money(extra.amount)
        );
    }
    let extras_total: Decimal = extras.iter().map(|(_, e)| e.amount).sum();
    let _ = writeln!(out, "  Total {year} : {}", money(extras_total));
    let _ = writeln!(
        out,
        "\nTotal dû pour {year} : {}",
        money(advisor + extras_total)
    );
    out
}
