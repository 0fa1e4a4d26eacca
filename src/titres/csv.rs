//! The import file of the titres de recettes, for the client's finance package: one row per
//! titre (`titres-YEAR.csv`) and its detail lines (`titres-YEAR-lignes.csv`), joined by the
//! titre's number.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::Titre;
use crate::convention::{Convention, OBJECT_MAX_CHARS};
use crate::display::{fr_date, plain_amount, plain_number};
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

/// The two files of `titres`: the titres, then their lines.
pub fn files(
    c: &Convention,
    titres: impl IntoIterator<Item = Titre>,
    dialect: CsvDialect,
) -> (String, String) {
    let date = |d: NaiveDate| match dialect.french_spreadsheet {
        true => fr_date(d),
        false => d.to_string(),
    };
    let amount = |a: Decimal| plain_amount(a, dialect.mark);
    let r = &c.rebilling;
    // Rows are written as they are made: no copy of them is held beside the files' bytes.
    let mut titres_file = csv(dialect, &TITRES);
    let mut details = csv(dialect, &LINES);
    for titre in titres {
        let member = &c.members[titre.debtor];
        let number = titre.number.to_string();
        for (i, l) in titre.lines.iter().enumerate() {
            let _ = details.write_record([
                number.clone(),
                member.id.clone(),
                (i + 1).to_string(),
                shortened(&l.label, LABEL_MAX_CHARS),
                plain_number(l.quantity, dialect.mark),
                l.unit.clone(),
                amount(l.unit_price),
                amount(l.amount),
            ]);
        }
        let identity = &member.identity;
        let _ = titres_file.write_record([
            number,
            member.id.clone(),
            member.name.clone(),
            identity.siren.clone().unwrap_or_default(),
            identity.siret.clone().unwrap_or_default(),
            member.insee.clone().unwrap_or_default(),
            shortened(&titre.object, OBJECT_MAX_CHARS),
            r.nature.clone().unwrap_or_default(),
            r.fonction.clone().unwrap_or_default(),
            r.service_code.clone().unwrap_or_default(),
            amount(titre.total()),
            date(titre.period.0),
            date(titre.period.1),
            titre.lines.len().to_string(),
            titre.attachment,
        ]);
    }
    (text(titres_file), text(details))
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
