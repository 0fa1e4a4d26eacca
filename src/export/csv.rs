//! CSV for the ledger: one row per (semester, member, item), amounts as plain decimals.

use std::io::{self, Write};
use std::slice;

use super::{CsvDialect, Export, Report};
use crate::display::{fr_date, plain_amount, plain_number};
use crate::error::Result;
use crate::export::lines::{lines, Line};

pub struct CsvExport {
    pub dialect: CsvDialect,
}

/// The columns of every row; the workbook has the same.
pub(super) const COLUMNS: [&str; 11] = [
    "year",
    "semester",
    "billing_date",
    "member_id",
    "member_name",
    "item",
    "label",
    "quantity",
    "unit",
    "unit_price",
    "amount",
];

impl Export for CsvExport {
    fn write(&self, report: &Report, out: &mut dyn Write) -> Result<io::Result<()>> {
        Ok(self.rows(report, out))
    }
}

impl CsvExport {
    /// Writes the rows of `report`, a semester's at a time.
    fn rows(&self, report: &Report, out: &mut dyn Write) -> io::Result<()> {
        let mut rows = self.start(out, report.has_accounts())?;
        for bill in report.bills() {
            for line in lines(report.convention, slice::from_ref(&bill), |_| true) {
                rows.row(&line)?;
            }
        }
        rows.finish()
    }

    /// The CSV of `lines`, with an `account` column when any of them has an account.
    pub fn lines(&self, lines: &[Line]) -> String {
        let with_account = lines.iter().any(|l| l.account.is_some());
        let mut bytes = Vec::new();
        // Writing into memory cannot fail.
        let _ = self.start(&mut bytes, with_account).and_then(|mut rows| {
            lines.iter().try_for_each(|line| rows.row(line))?;
            rows.finish()
        });
        String::from_utf8(bytes).unwrap_or_default()
    }

    /// Writes the byte order mark the dialect asks for, and the header.
    fn start<W: Write>(&self, mut out: W, with_account: bool) -> io::Result<Rows<W>> {
        if self.dialect.french_spreadsheet {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut writer = csv::WriterBuilder::new()
            .delimiter(self.dialect.delimiter)
            .from_writer(out);
        let mut header: Vec<&str> = COLUMNS.to_vec();
        if with_account {
            header.push("account");
        }
        writer.write_record(&header).map_err(io_error)?;
        Ok(Rows {
            writer,
            dialect: self.dialect,
            with_account,
        })
    }
}

/// A CSV file being written, row by row.
struct Rows<W: Write> {
    writer: csv::Writer<W>,
    dialect: CsvDialect,
    with_account: bool,
}

impl<W: Write> Rows<W> {
    fn row(&mut self, line: &Line) -> io::Result<()> {
        let mark = self.dialect.mark;
        let date = if self.dialect.french_spreadsheet {
            fr_date(line.billing_date)
        } else {
            line.billing_date.to_string()
        };
        let mut record = vec![
            line.semester.year.to_string(),
            line.semester.half.to_string(),
            date,
            line.member.id.clone(),
            line.member.name.clone(),
            line.item.to_string(),
            line.label.clone(),
            plain_number(line.quantity, mark),
            line.unit.to_string(),
            plain_amount(line.unit_price, mark),
            plain_amount(line.amount, mark),
        ];
        if self.with_account {
            record.push(line.account.unwrap_or_default().to_string());
        }
        self.writer.write_record(&record).map_err(io_error)
    }

    /// Writes what the CSV writer holds.
    fn finish(mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

/// The I/O error under a CSV writer's error: writing records fails only as the output does.
fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convention::{parse, EMBEDDED, EMBEDDED_NAME};
    use crate::{billing, usage};

    /// No text cell starts as a formula would, in either dialect, for the embedded convention
    /// billed with every one of its services.
    #[test]
    fn no_text_cell_reads_as_a_formula() {
        let c = parse(EMBEDDED, EMBEDDED_NAME).unwrap();
        let usage_lines: String = c
            .services
            .iter()
            .map(|s| format!("2021-03-15,dolus-d-oleron,{},2\n", s.id))
            .collect();
        let usage = usage::read(
            format!("date,member,service,quantity\n{usage_lines}").as_bytes(),
            "u.csv",
            &c,
        )
        .unwrap();
        let lines = lines(&c, &billing::bill(&c, &usage), |_| true);
        // 6 semesters × 9 members, and the 5 services of 2021 S1.
        assert_eq!(lines.len(), 6 * 9 + 5);
        for dialect in [CsvDialect::STANDARD, CsvDialect::EXCEL_FR] {
            let text = CsvExport { dialect }.lines(&lines);
            let mut reader = ::csv::ReaderBuilder::new()
                .delimiter(dialect.delimiter)
                .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
            let header = reader.headers().unwrap().clone();
            let mut cells = 0;
            for record in reader.records() {
                for (column, cell) in header.iter().zip(&record.unwrap()) {
                    // Amounts are numbers, left as they are.
                    if ["quantity", "unit_price", "amount"].contains(&column) {
                        continue;
                    }
                    cells += 1;
                    assert!(
                        !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                        "{column}: {cell:?}"
                    );
                }
            }
            assert_eq!(cells, (6 * 9 + 5) * 8);
        }
    }
}
