//! The import file of the titres de recettes, for the client's finance package: one row per
//! titre (`titres-YEAR.csv`) and its detail lines (`titres-YEAR-lignes.csv`), joined by the
//! titre's number.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::justificatif::object;
use crate::billing::SemesterBill;
use crate::convention::{Convention, OBJECT_MAX_CHARS};
use crate::display::{fr_date, fr_number, plain_amount, plain_number};
use crate::export::CsvDialect;

/// The most characters a finance package takes in the label of a line of a titre.
pub const LABEL_MAX_CHARS: usize = 50;

const TITRES: [&str; 15] = [
    "titre",
    "debtor_id",
    "debtor_name",
    "siren",
    "siret",
    "insee",
    "object",
    "nature",
    "fonction",
    "service_code",
    "amount",
    "period_start",
    "period_end",
    "lines",
    "attachment",
];

const LINES: [&str; 8] = [
    "titre",
    "debtor_id",
    "line",
    "label",
    "quantity",
    "unit",
    "unit_price",
    "amount",
];

/// A line of a titre.
struct Line {
    label: String,
    quantity: Decimal,
    unit: String,
    unit_price: Decimal,
    amount: Decimal,
}

/// The two files: the titres, then their lines. `pdf` names the attachment of a member's titre.
pub fn files(
    c: &Convention,
    year: i32,
    bills: &[SemesterBill],
    dialect: CsvDialect,
    pdf: impl Fn(usize) -> String,
) -> (String, String) {
    let date = |d: NaiveDate| match dialect.french_spreadsheet {
        true => fr_date(d),
        false => d.to_string(),
    };
    let amount = |a: Decimal| plain_amount(a, dialect.mark);
    let (start, end) = (
        bills.first().map(|b| b.first_day).unwrap_or_default(),
        bills.last().map(|b| b.last_day).unwrap_or_default(),
    );
    let r = &c.rebilling;
    // Rows are written as they are made: no copy of them is held beside the files' bytes.
    let mut titres = csv(dialect, &TITRES);
    let mut details = csv(dialect, &LINES);
    for (number, m) in c.debtors().enumerate() {
        let member = &c.members[m];
        let titre = (number + 1).to_string();
        let lines = lines_of(c, bills, m);
        for (i, l) in lines.iter().enumerate() {
            let _ = details.write_record([
                titre.clone(),
                member.id.clone(),
                (i + 1).to_string(),
                l.label.clone(),
                plain_number(l.quantity, dialect.mark),
                l.unit.clone(),
                amount(l.unit_price),
                amount(l.amount),
            ]);
        }
        let identity = &member.identity;
        let _ = titres.write_record([
            titre,
            member.id.clone(),
            member.name.clone(),
            identity.siren.clone().unwrap_or_default(),
            identity.siret.clone().unwrap_or_default(),
            member.insee.clone().unwrap_or_default(),
            shortened(&object(c, year, m), OBJECT_MAX_CHARS),
            r.nature.clone().unwrap_or_default(),
            r.fonction.clone().unwrap_or_default(),
            r.service_code.clone().unwrap_or_default(),
            amount(lines.iter().map(|l| l.amount).sum()),
            date(start),
            date(end),
            lines.len().to_string(),
            pdf(m),
        ]);
    }
    (text(titres), text(details))
}

/// Member `m`'s lines: its share of each semester, then each service of each semester.
fn lines_of(c: &Convention, bills: &[SemesterBill], m: usize) -> Vec<Line> {
    let key = c.members[m].key.unwrap_or_default();
    let shares = bills.iter().map(|b| Line {
        label: shortened(
            &format!(
                "Participation {} (clé {} % de {} %)",
                b.semester,
                fr_number(key),
                fr_number(Decimal::ONE_HUNDRED - c.client_share)
            ),
            LABEL_MAX_CHARS,
        ),
        quantity: Decimal::ONE,
        unit: "semestre".into(),
        unit_price: b.shares[m],
        amount: b.shares[m],
    });
    let services = bills.iter().flat_map(|b| {
        b.extras_of(m).map(|e| {
            let service = &c.services[e.service];
            Line {
                label: shortened(
                    &format!("{} {}", b.semester, service.label),
                    LABEL_MAX_CHARS,
                ),
                quantity: e.quantity,
                unit: service.unit.clone(),
                unit_price: service.price,
                amount: e.amount,
            }
        })
    });
    shares.chain(services).collect()
}

/// `text` in at most `max` characters: cut at a word and ended by "..." when too long.
fn shortened(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max - 3).collect();
    let cut = match cut.rfind(' ') {
        Some(space) if space > 0 => &cut[..space],
        _ => cut.as_str(),
    };
    format!("{}...", cut.trim_end_matches([' ', ',', '(']))
}

/// A CSV file in `dialect`, in memory, its header written.
fn csv(dialect: CsvDialect, header: &[&str]) -> csv::Writer<Vec<u8>> {
    let bom = match dialect.french_spreadsheet {
        true => "\u{feff}".as_bytes().to_vec(),
        false => Vec::new(),
    };
    let mut writer = csv::WriterBuilder::new()
        .delimiter(dialect.delimiter)
        .from_writer(bom);
    // Writing into memory cannot fail.
    let _ = writer.write_record(header);
    writer
}

/// The text of a CSV file written in memory.
fn text(writer: csv::Writer<Vec<u8>>) -> String {
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_are_cut_at_a_word() {
        let label =
            "2021 S1 Formation intra-île catalogue Soluris (à la journée, déplacement inclus)";
        let short = shortened(label, 50);
        assert_eq!(short, "2021 S1 Formation intra-île catalogue Soluris...");
        assert!(short.chars().count() <= 50);
        assert_eq!(shortened("Participation", 50), "Participation");
    }
}
