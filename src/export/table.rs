//! Tables for the Cdc's accountant, in French: the semester statement, the year by member, the
//! whole convention by year.

use std::fmt::Write;
use std::io;

use comfy_table::Table;
use ethnum::I256;
use rust_decimal::Decimal;

use super::{Export, Report, Scope};
use crate::billing::{year_so_far, SemesterBill};
use crate::calendar::Semester;
use crate::convention::Convention;
use crate::display::table::{align_right, new_table, push_table};
use crate::display::{fr_date, fr_exact_money, fr_money, fr_number, fr_semester};
use crate::error::Result;
use crate::money::from_cents;

/// Tables for people; `width` is the terminal's, when they are shown on one: they fit it, and
/// only text columns wrap, never amounts. In a pipe or a file they keep their full width.
pub struct TableExport {
    pub width: Option<u16>,
}

impl Export for TableExport {
    fn write(&self, report: &Report, out: &mut dyn io::Write) -> Result<io::Result<()>> {
        let c = report.convention;
        let w = self.width;
        let mut text = format!("{}\n", c.name);
        match report.scope {
            Scope::Semester(semester) => {
                let bills: Vec<SemesterBill> = report.bills().collect();
                semester_statement(&mut text, report, &bills, semester, w)
            }
            Scope::Year(year) => {
                let bills: Vec<SemesterBill> = report.bills().collect();
                year_statement(&mut text, report, &bills, year, w)
            }
            Scope::Convention => return Ok(convention_statement(text, report, w, out)),
        }
        Ok(out.write_all(text.as_bytes()))
    }
}

/// Formats amounts in the convention's currency.
struct Amounts<'a>(&'a str);

impl Amounts<'_> {
    fn of(&self, amount: Decimal) -> String {
        fr_money(amount, self.0)
    }
}

fn semester_statement(
    out: &mut String,
    report: &Report,
    bills: &[SemesterBill],
    semester: Semester,
    w: Option<u16>,
) {
    let c = report.convention;
    let money = Amounts(&c.currency);
    let Some(bill) = bills.iter().find(|b| b.semester == semester) else {
        return;
    };
    let _ = writeln!(
        out,
        "{} : du {} au {} ({} jours de service sur {})",
        fr_semester(semester),
        fr_date(bill.first_day),
        fr_date(bill.last_day),
        bill.days,
        bill.semester_days
    );
    let _ = writeln!(
        out,
        "Facturation à terme échu le {} : {} → {}\n",
        fr_date(bill.billing_date),
        c.provider,
        c.client().name
    );
    out.push_str(&year_costs(c, semester.year, w));
    let _ = writeln!(
        out,
        "\nMontant du semestre : {}\n",
        semester_formula(c, bill)
    );

    let extras = report.with_usage;
    push_table(out, &members_table(c, bill, extras, w), "");

    if extras {
        out.push_str(&extras_table(c, bill, w));
        let _ = writeln!(
            out,
            "\nFacture {} du semestre : {} (conseiller) + {} (prestations) = {}",
            c.provider,
            money.of(bill.total),
            money.of(bill.extras_total()),
            money.of(bill.invoice_total())
        );
    }
}

/// Each member's share of the semester (and what it ordered, `extras`), then the total.
fn members_table(c: &Convention, bill: &SemesterBill, extras: bool, w: Option<u16>) -> Table {
    let money = Amounts(&c.currency);
    let mut header = vec!["Membre", "Clé", "Part du total", "Conseiller"];
    if extras {
        header.extend(["Prestations", "Total dû"]);
    }
    let mut table = new_table(header, w);
    for (m, member) in c.members.iter().enumerate() {
        let mut row = vec![
            member_name(c, m),
            member
                .key
                .map(|k| format!("{} %", fr_number(k)))
                .unwrap_or_default(),
            format!("{} %", fr_number(c.share_of(m))),
            money.of(bill.shares[m]),
        ];
        if extras {
            row.push(money.of(bill.extras_total_of(m)));
            row.push(money.of(bill.member_total(m)));
        }
        table.add_row(row);
    }
    let mut total = vec![
        "Total".to_string(),
        String::new(),
        "100 %".to_string(),
        money.of(bill.total),
    ];
    if extras {
        total.push(money.of(bill.extras_total()));
        total.push(money.of(bill.invoice_total()));
    }
    table.add_row(total);
    align_right(&mut table, 1);
    table
}

/// The services each member ordered during the semester.
fn extras_table(c: &Convention, bill: &SemesterBill, w: Option<u16>) -> String {
    if bill.extras.is_empty() {
        return "\nPrestations à la demande : aucune ce semestre.\n".to_string();
    }
    let money = Amounts(&c.currency);
    let mut table = new_table(
        vec![
            "Membre",
            "Prestation",
            "Quantité",
            "Prix unitaire",
            "Montant",
        ],
        w,
    );
    for extra in &bill.extras {
        let service = &c.services[extra.service];
        table.add_row(vec![
            c.members[extra.member].name.clone(),
            service.label.clone(),
            format!(
                "{} {}",
                fr_number(extra.quantity),
                crate::documents::french::unit(extra.quantity, &service.unit)
            ),
            money.of(service.price),
            money.of(extra.amount),
        ]);
    }
    align_right(&mut table, 2);
    let mut text = "\nPrestations à la demande\n".to_string();
    push_table(&mut text, &table, "");
    text
}

fn year_statement(
    out: &mut String,
    report: &Report,
    bills: &[SemesterBill],
    year: i32,
    w: Option<u16>,
) {
    let c = report.convention;
    let money = Amounts(&c.currency);
    let bills: Vec<&SemesterBill> = bills.iter().filter(|b| b.semester.year == year).collect();
    let (Some(first), Some(last)) = (bills.first(), bills.last()) else {
        return;
    };
    let _ = writeln!(
        out,
        "Année {year} : du {} au {}, facturée par semestre à terme échu\n",
        fr_date(first.first_day),
        fr_date(last.last_day)
    );
    out.push_str(&year_costs(c, year, w));
    out.push('\n');

    let extras = report.with_usage;
    let mut header = vec!["Membre".to_string(), "Clé".to_string()];
    header.extend(bills.iter().map(|b| fr_semester(b.semester)));
    header.push(format!("Conseiller {year}"));
    if extras {
        header.extend(["Prestations".to_string(), "Total dû".to_string()]);
    }
    let mut table = new_table(header, w);
    let mut add_row = |name: String, key: String, shares: Vec<Decimal>, extra: Decimal| {
        let advisor: Decimal = shares.iter().sum();
        let mut row = vec![name, key];
        row.extend(shares.iter().map(|s| money.of(*s)));
        row.push(money.of(advisor));
        if extras {
            row.push(money.of(extra));
            row.push(money.of(advisor + extra));
        }
        table.add_row(row);
    };
    for (m, member) in c.members.iter().enumerate() {
        add_row(
            member_name(c, m),
            member
                .key
                .map(|k| format!("{} %", fr_number(k)))
                .unwrap_or_default(),
            bills.iter().map(|b| b.shares[m]).collect(),
            bills.iter().map(|b| b.extras_total_of(m)).sum(),
        );
    }
    add_row(
        "Total".to_string(),
        String::new(),
        bills.iter().map(|b| b.total).collect(),
        bills.iter().map(|b| b.extras_total()).sum(),
    );
    align_right(&mut table, 1);
    push_table(out, &table, "");
}

/// The most years side by side in a table of the whole convention: a longer convention has a
/// table for each run of as many years, written as its bills are computed, the last with the
/// totals.
const YEARS_PER_TABLE: usize = 10;

/// Writes `head`, then the amounts of each member by year and for the whole convention.
fn convention_statement(
    mut head: String,
    report: &Report,
    w: Option<u16>,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let c = report.convention;
    let money = Amounts(&c.currency);
    let _ = writeln!(
        head,
        "Du {} au {}{}",
        fr_date(c.start),
        fr_date(c.last_day()),
        termination(c)
    );
    let title = if report.with_usage {
        "Montants dus par année, conseiller et prestations à la demande"
    } else {
        "Montants dus par année"
    };
    let _ = writeln!(head, "{title}\n");
    out.write_all(head.as_bytes())?;
    let years: Vec<i32> = c.years().collect();
    let tables = years.len().div_ceil(YEARS_PER_TABLE);
    let mut bills = report.bills().peekable();
    // Each member's amount over the whole convention, then the total's.
    let mut totals = vec![Decimal::ZERO; c.members.len() + 1];
    for (table_number, run) in years.chunks(YEARS_PER_TABLE).enumerate() {
        let last = table_number + 1 == tables;
        // The bills come in the order of the semesters: each year's are together.
        let per_year: Vec<Vec<SemesterBill>> = run
            .iter()
            .map(|&year| {
                std::iter::from_fn(|| bills.next_if(|b| b.semester.year == year)).collect()
            })
            .collect();
        let mut header = vec!["Membre".to_string()];
        header.extend(run.iter().map(i32::to_string));
        if last {
            header.push(match tables {
                1 => "Total".to_string(),
                _ => "Total de la convention".to_string(),
            });
        }
        let mut table = new_table(header, w);
        let amounts = |amount: &dyn Fn(&SemesterBill) -> Decimal| -> Vec<Decimal> {
            per_year
                .iter()
                .map(|bills| bills.iter().map(amount).sum())
                .collect()
        };
        let rows = (0..c.members.len())
            .map(|m| (member_name(c, m), amounts(&|b| b.member_total(m))))
            .chain([("Total".to_string(), amounts(&|b| b.invoice_total()))]);
        for ((name, amounts), total) in rows.zip(&mut totals) {
            *total += amounts.iter().sum::<Decimal>();
            let mut row = vec![name];
            row.extend(amounts.iter().map(|a| money.of(*a)));
            if last {
                row.push(money.of(*total));
            }
            table.add_row(row);
        }
        align_right(&mut table, 1);
        let mut text = String::new();
        push_table(&mut text, &table, "");
        if !last {
            text.push('\n');
        }
        out.write_all(text.as_bytes())?;
    }
    debug_assert!(
        bills.next().is_none(),
        "a bill outside the convention's years"
    );
    Ok(())
}

/// How the semester's amount comes from the year's cost, true as printed: the year's cost
/// over two, prorated, rounded half-up; when that is not what the cumulative rounding of the
/// year gave, the year so far rounded once, less what the year billed before.
fn semester_formula(c: &Convention, bill: &SemesterBill) -> String {
    let money = Amounts(&c.currency);
    let year = bill.semester.year;
    let annual = c.annual_exact(year);
    // With all its decimals, so that the formula is true as printed: "99,999 €", "37 500,00 €".
    let annual_text = fr_exact_money(annual, &c.currency);
    let alone = annual
        .times(I256::from(bill.days), I256::from(2 * bill.semester_days))
        .to_cents();
    let earlier: Vec<(Semester, i64)> = Semester::of_year(year)
        .filter(|s| *s < bill.semester)
        .filter_map(|s| c.service_in(s).map(|(_, _, days)| (s, days)))
        .collect();
    let Some(&(last_earlier, _)) = earlier.last().filter(|_| from_cents(alone) != bill.total)
    else {
        return format!(
            "{} = {annual_text} / 2 × {} / {} jours",
            money.of(bill.total),
            bill.days,
            bill.semester_days
        );
    };
    let fractions: Vec<String> = earlier
        .iter()
        .map(|(s, days)| format!("{days} / {}", s.days()))
        .chain([format!("{} / {}", bill.days, bill.semester_days)])
        .collect();
    format!(
        "{} = {annual_text} / 2 × ({}) jours, arrondi au centime pour le cumul de l'année, \
         moins {} déjà facturés en {year}",
        money.of(bill.total),
        fractions.join(" + "),
        money.of(year_so_far(c, last_earlier)),
    )
}

/// The cost lines of a year: the base, each adjustment, each rounded half-up; the total for a
/// full year, rounded once, with the rounding difference when the lines do not add up to it.
fn year_costs(c: &Convention, year: i32, w: Option<u16>) -> String {
    let money = Amounts(&c.currency);
    let mut table = new_table(
        vec![format!("Coût annuel {year}"), "Montant".to_string()],
        w,
    );
    let base = c.base().to_cent();
    table.add_row(vec![
        format!(
            "{} ({} % ETP × {})",
            c.cost.label,
            fr_number(c.cost.fte),
            money.of(c.cost.annual)
        ),
        money.of(base),
    ]);
    let mut lines = base;
    for (adjustment, amount) in c.adjustments_of(year) {
        lines += amount.to_cent();
        table.add_row(vec![adjustment.label.clone(), money.of(amount.to_cent())]);
    }
    let annual = c.annual(year);
    if lines != annual {
        table.add_row(vec![
            "Arrondi au centime du total".to_string(),
            money.of(annual - lines),
        ]);
    }
    table.add_row(vec![
        format!("Total {year} (année complète)"),
        money.of(annual),
    ]);
    align_right(&mut table, 1);
    let mut text = String::new();
    push_table(&mut text, &table, "");
    text
}

fn member_name(c: &Convention, m: usize) -> String {
    let member = &c.members[m];
    if member.assistance {
        member.name.clone()
    } else {
        format!("{} (sans accès à l'assistance)", member.name)
    }
}

fn termination(c: &Convention) -> String {
    match c.terminated {
        Some(_) => format!(" (résiliée ; fin prévue le {})", fr_date(c.end)),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::{bill, Usage};
    use crate::convention::parse;

    /// A one-year convention (2021) with this [cost] table and one commune.
    fn convention(cost: &str) -> Convention {
        let text = format!(
            "[convention]\nname = \"p\"\nprovider = \"P\"\nclient = \"c\"\nstart = 2021-01-01\n\
             end = 2021-12-31\n[cost]\nlabel = \"Conseiller\"\n{cost}\n[split]\nclient_share = 50\n\
             [[member]]\nid = \"c\"\nname = \"Client\"\n[[member]]\nid = \"m\"\nname = \"M\"\nkey = 100\n"
        );
        parse(&text, "t.toml").unwrap()
    }

    /// Whether a row of `table` has `label` and `amount`.
    fn has_row(table: &str, label: &str, amount: &str) -> bool {
        table
            .lines()
            .any(|l| l.contains(label) && l.contains(&format!(" {amount} ")))
    }

    #[test]
    fn a_long_convention_has_a_table_for_each_ten_years_the_last_with_the_totals() {
        // 1 000,00 € a year over 2021-2032, half for the client, half for the commune: 500,00 € a
        // year each, 6 000,00 € each over the twelve years, 12 000,00 € in all.
        let twelve_years = "[convention]\nname = \"p\"\nprovider = \"P\"\nclient = \"c\"\n\
             start = 2021-01-01\nend = 2032-12-31\n[cost]\nlabel = \"Conseiller\"\n\
             annual = \"1000.00\"\n[split]\nclient_share = 50\n[[member]]\nid = \"c\"\n\
             name = \"Client\"\n[[member]]\nid = \"m\"\nname = \"M\"\nkey = 100\n";
        let c = parse(twelve_years, "t.toml").unwrap();
        let report = Report {
            convention: &c,
            scope: Scope::Convention,
            usage: &Usage::new(),
            with_usage: false,
        };
        let mut out = Vec::new();
        TableExport { width: None }
            .write(&report, &mut out)
            .unwrap()
            .unwrap();
        let text = String::from_utf8(out).unwrap();
        let tables: Vec<&str> = text.split('┌').skip(1).collect();
        assert_eq!(tables.len(), 2, "{text}");
        let header = |table: &str| -> Vec<String> {
            let line = table.lines().nth(1).unwrap();
            line.split(['│', '┆'])
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty())
                .collect()
        };
        let years: Vec<String> = (2021..=2030).map(|y| y.to_string()).collect();
        assert_eq!(header(tables[0])[1..], years[..]);
        assert_eq!(
            header(tables[1])[1..],
            ["2031", "2032", "Total de la convention"]
        );
        assert!(has_row(tables[0], "Client", "500,00 €"), "{text}");
        assert!(tables[1]
            .lines()
            .any(|l| l.contains("Client") && l.ends_with(" 6 000,00 € │")));
        assert!(tables[1]
            .lines()
            .any(|l| l.contains(" M ") && l.ends_with(" 6 000,00 € │")));
        assert!(tables[1]
            .lines()
            .any(|l| l.contains("Total") && l.ends_with(" 12 000,00 € │")));
    }

    #[test]
    fn the_year_is_rounded_not_truncated() {
        // 100,00 € × 99,999 % = 99,999 € → 100,00 € (half-up), what the members' year adds up to;
        // S1 is 99,999 / 2 = 49,9995 → 50,00 €, shown with the exact cost.
        let c = convention("annual = \"100.00\"\nfte = \"99.999\"");
        let costs = year_costs(&c, 2021, None);
        assert!(
            has_row(&costs, "Total 2021 (année complète)", "100,00 €"),
            "{costs}"
        );
        assert!(!costs.contains("99,99 "), "{costs}");
        let bills = bill(&c, &Usage::new());
        assert_eq!(bills[0].total + bills[1].total, crate::dec("100.00"));
        assert_eq!(
            semester_formula(&c, &bills[0]),
            "50,00 € = 99,999 € / 2 × 181 / 181 jours"
        );
    }

    #[test]
    fn cost_lines_that_do_not_add_up_show_the_rounding() {
        // 100,01 € × 50 % = 50,005 € → 50,01 €; −20 % of it is −10,001 € → −10,00 €; the year is
        // 40,004 € → 40,00 €, one cent less than the lines: an "Arrondi" line of −0,01 €.
        let c = convention(
            "annual = \"100.01\"\nfte = 50\n[[adjustment]]\nlabel = \"Remise\"\npercent = -20",
        );
        let costs = year_costs(&c, 2021, None);
        assert!(
            has_row(&costs, "Arrondi au centime du total", "-0,01 €"),
            "{costs}"
        );
        assert!(
            has_row(&costs, "Total 2021 (année complète)", "40,00 €"),
            "{costs}"
        );
    }

    #[test]
    fn the_second_semester_says_the_year_is_rounded_cumulatively() {
        // 0,03 € a year: S1 is 0,015 → 0,02 €; the year 0,03 €, so S2 bills 0,01 €, which is
        // not 0,03 / 2 → 0,02 €: the formula gives the year so far less what S1 billed.
        let c = convention("annual = \"0.03\"");
        let bills = bill(&c, &Usage::new());
        assert_eq!(
            semester_formula(&c, &bills[0]),
            "0,02 € = 0,03 € / 2 × 181 / 181 jours"
        );
        assert_eq!(
            semester_formula(&c, &bills[1]),
            "0,01 € = 0,03 € / 2 × (181 / 181 + 184 / 184) jours, arrondi au centime pour le \
             cumul de l'année, moins 0,02 € déjà facturés en 2021"
        );
    }
}
