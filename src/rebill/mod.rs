//! `oleron-bill rebill YEAR`: what the client bills back to each other member for a year. One
//! CSV of every member's lines for the ledger, one statement per member showing how its amount
//! was computed, the PDF of each member's titre de recettes (`justificatif`), the titres'
//! import files (`titres::csv`), and the client's own statement (`client`).

mod client;
mod justificatif;
pub mod printable;

use std::collections::HashMap;
use std::fmt::Write;

use rust_decimal::Decimal;

use crate::billing::SemesterBill;
use crate::convention::Convention;
use crate::display::{fr_money, fr_number, fr_plain_money, fr_semester};
use crate::documents::statement;
use crate::error::{Error, Result};
use crate::export::lines::lines;
use crate::export::{CsvDialect, CsvExport};
use crate::messages::output as msg;
use crate::titres;
use crate::usage::Order;

/// The names of the files of `year`'s rebilling, known before anything is computed: the
/// ledger's CSV, one statement per member but the client, the PDF of each member's titre, the
/// titres' import files, and the client's statement.
pub fn file_names(c: &Convention, year: i32) -> Vec<String> {
    let statements = c
        .debtors()
        .map(|m| format!("rebill-{year}-{}.txt", c.members[m].id));
    let pdfs = c.debtors().map(|m| pdf_name(c, year, m));
    std::iter::once(format!("rebill-{year}.csv"))
        .chain(statements)
        .chain(pdfs)
        .chain([
            format!("titres-{year}.csv"),
            format!("titres-{year}-lignes.csv"),
            format!("rebill-{year}-{}.txt", c.client().id),
        ])
        .collect()
}

/// The pièce justificative of member `m`'s titre.
fn pdf_name(c: &Convention, year: i32, m: usize) -> String {
    format!("rebill-{year}-{}.pdf", c.members[m].id)
}

/// The files of `year`'s rebilling, its CSV files in `dialect`; `bills` are the year's
/// semesters. Each file is made when it is asked for (`Rebilling::file`), so that the
/// thousands of documents of a large convention are never all held at once.
pub fn rebill<'a>(
    c: &'a Convention,
    year: i32,
    bills: &'a [SemesterBill],
    orders: &'a [Order],
    dialect: CsvDialect,
) -> Result<Rebilling<'a>> {
    // Titres de recettes are French public accounting: in euros.
    if c.currency != "EUR" {
        return Err(Error::Request(msg::titres_in_euros(&c.currency)));
    }
    let ledger_lines = lines(c, bills, |m| m != c.client);
    // What the ledger bills each member, by its own path (the ledger's rows), by id.
    let mut billed: HashMap<&str, Decimal> = HashMap::new();
    for row in &ledger_lines {
        *billed.entry(row.member.id.as_str()).or_default() += row.amount;
    }
    // Made now, while memory holds the least: its rows are dropped before the titres' bases are
    // worked out.
    let ledger = CsvExport { dialect }.lines(&ledger_lines);
    drop(ledger_lines);
    Ok(Rebilling {
        c,
        year,
        bills,
        dialect,
        debtors: c.debtors().collect(),
        titres_year: justificatif::Year::new(c, year, bills, orders),
        billed,
        ledger: Some(ledger),
        titre_lines: None,
    })
}

/// A year's rebilling, whose files are made one at a time, in the order of `file_names`: a
/// large convention's ledger is not held while its titres are made.
pub struct Rebilling<'a> {
    c: &'a Convention,
    year: i32,
    bills: &'a [SemesterBill],
    dialect: CsvDialect,
    debtors: Vec<usize>,
    titres_year: justificatif::Year<'a>,
    /// What the ledger bills each member, by id.
    billed: HashMap<&'a str, Decimal>,
    /// The ledger, until it is asked for.
    ledger: Option<String>,
    /// The titres' lines, made with the titres and kept until they are asked for.
    titre_lines: Option<String>,
}

impl Rebilling<'_> {
    /// The file `i` of `file_names`, made anew if it was asked for before. Fails if a titre's
    /// document does not add up to the bills: the titre is not printed.
    pub fn file(&mut self, i: usize) -> Result<Vec<u8>> {
        let Rebilling { c, year, bills, .. } = *self;
        let debtors = self.debtors.len();
        let titres = || {
            let titres = titres::of_year(c, year, bills, |m| pdf_name(c, year, m));
            titres::csv::files(c, titres, self.dialect)
        };
        Ok(match i {
            0 => match self.ledger.take() {
                Some(ledger) => ledger,
                None => CsvExport {
                    dialect: self.dialect,
                }
                .lines(&lines(c, bills, |m| m != c.client)),
            }
            .into_bytes(),
            i if i <= debtors => {
                let m = self.debtors[i - 1];
                statement(c, year, bills, m, self.titres_year.exact_shares(m)).into_bytes()
            }
            i if i <= 2 * debtors => self.pdf(self.debtors[i - 1 - debtors])?,
            i if i == 2 * debtors + 1 => {
                let (titres, lines) = titres();
                self.titre_lines = Some(lines);
                titres.into_bytes()
            }
            i if i == 2 * debtors + 2 => match self.titre_lines.take() {
                Some(lines) => lines,
                None => titres().1,
            }
            .into_bytes(),
            _ => client::statement(c, year, bills).into_bytes(),
        })
    }

    /// The pièce justificative of member `m`'s titre, once its amount is checked.
    fn pdf(&self, m: usize) -> Result<Vec<u8>> {
        let document = self.titres_year.statement(m);
        let id = self.c.members[m].id.as_str();
        let billed = self.billed.get(id).copied().unwrap_or_default();
        adds_up(id, &document, billed)?;
        Ok(statement::render(&document))
    }
}

/// Refuses the titre of member `id`, `document`, unless its total and the sum of its lines are
/// both what the ledger bills the member, `billed`. A safeguard against a defect of the
/// program: on valid inputs the three are always equal.
fn adds_up(id: &str, document: &crate::documents::Statement, billed: Decimal) -> Result<()> {
    let lines: Decimal = document
        .semesters
        .iter()
        .map(|s| s.rounded)
        .sum::<Decimal>()
        + document.services.iter().map(|s| s.amount).sum::<Decimal>();
    if document.total != billed || lines != billed {
        // The amount of the document that differs: its lines, else its total.
        let found = if lines != billed {
            lines
        } else {
            document.total
        };
        return Err(Error::Request(msg::titre_does_not_add_up(
            id, billed, found,
        )));
    }
    Ok(())
}

/// How member `m`'s amount for `year` is made up, line by line; `exact` is its exact share of
/// each semester.
fn statement(
    c: &Convention,
    year: i32,
    bills: &[SemesterBill],
    m: usize,
    exact: &[justificatif::Share],
) -> String {
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
    // Exactly, as the contract takes it: the key's share of the communes' part, in cents.
    for (bill, share) in bills.iter().zip(exact) {
        let _ = writeln!(
            out,
            "  {} : {} du semestre, part exacte {} → {}",
            fr_semester(bill.semester),
            money(bill.total),
            fr_plain_money(&share.exact.plain(), &c.currency),
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
            crate::documents::french::unit(extra.quantity, &service.unit),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::{bill_year, Usage};
    use crate::convention::{parse, EMBEDDED, EMBEDDED_NAME};

    /// Files made once and handed over are made anew when asked for again, in any order: the
    /// ledger and the titres' lines are the same the second time, not empty.
    #[test]
    fn a_file_asked_for_again_is_the_same() {
        let c = parse(EMBEDDED, EMBEDDED_NAME).unwrap();
        let bills = bill_year(&c, &Usage::new(), 2021);
        let count = file_names(&c, 2021).len();
        let (ledger, titres, lines) = (0, count - 3, count - 2);
        let mut rebilling = rebill(&c, 2021, &bills, &[], CsvDialect::STANDARD).unwrap();
        let titre_lines = rebilling.file(lines).unwrap();
        let first: Vec<Vec<u8>> = (0..count).map(|i| rebilling.file(i).unwrap()).collect();
        assert_eq!(first[lines], titre_lines);
        for i in [ledger, titres, lines] {
            assert_eq!(rebilling.file(i).unwrap(), first[i], "{i}");
        }
        let ledger_text = String::from_utf8(first[ledger].clone()).unwrap();
        // A header and two semesters of eight communes.
        assert_eq!(ledger_text.lines().count(), 1 + 2 * 8);
        assert!(String::from_utf8_lossy(&titre_lines).starts_with("titre,debtor_id,line,"));
    }

    /// A titre is printed only if its total and its lines both make what the ledger bills: one
    /// of the two a cent off is enough to refuse it, and the message gives the amount that is
    /// off. In 2021 the communes pay 9 375 € a semester (half of the semester's 18 750 €) and
    /// Dolus-d'Oléron's key is 19 %: 1 781,25 € a semester; with 1,5 hour of AMO at 60 € in
    /// S1 (90 €), 3 652,50 € billed.
    #[test]
    fn a_titre_whose_total_or_whose_lines_miss_the_bill_is_refused() {
        let c = parse(EMBEDDED, EMBEDDED_NAME).unwrap();
        let dolus = c.member_index("dolus-d-oleron").unwrap();
        let mut usage = Usage::new();
        let s1 = crate::calendar::Semester::new(2021, 1).unwrap();
        usage.insert(
            (s1, dolus, c.service_index("amo").unwrap()),
            crate::dec("1.5"),
        );
        let bills = bill_year(&c, &usage, 2021);
        let rebilling = rebill(&c, 2021, &bills, &[], CsvDialect::STANDARD).unwrap();
        let billed = crate::dec("3652.50");
        assert_eq!(rebilling.billed["dolus-d-oleron"], billed);
        let document = rebilling.titres_year.statement(dolus);
        assert_eq!(document.services.len(), 1);
        assert!(adds_up("dolus-d-oleron", &document, billed).is_ok());
        let refused = |document: &crate::documents::Statement| {
            adds_up("dolus-d-oleron", document, billed)
                .unwrap_err()
                .to_string()
        };
        let message = "the titre of dolus-d-oleron does not add up: 3652.50 billed, 3652.51 in its document (nothing was written; please report this defect)";
        // The total a cent above its lines, which still make 3 652,50 €.
        let mut total_off = document.clone();
        total_off.total = crate::dec("3652.51");
        assert_eq!(refused(&total_off), message);
        // The S2 line a cent above, the total still 3 652,50 €.
        let mut line_off = document.clone();
        line_off.semesters[1].rounded = crate::dec("1781.26");
        assert_eq!(refused(&line_off), message);
    }
}
