//! CSV for the ledger: one row per (semester, member, item), amounts as plain decimals.

use super::{CsvDialect, Export, Report};
use crate::billing::lines::{lines, Line};
use crate::display::{fr_date, plain_amount, plain_number};
use crate::error::Result;

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
    fn render(&self, report: &Report) -> Result<Vec<u8>> {
        Ok(self
            .lines(&lines(report.convention, &report.bills, |_| true))
            .into_bytes())
    }
}

impl CsvExport {
    /// The CSV of `lines`, with an `account` column when any of them has an account.
    pub fn lines(&self, lines: &[Line]) -> String {
        let with_account = lines.iter().any(|l| l.account.is_some());
        let mut writer = csv::WriterBuilder::new()
            .delimiter(self.dialect.delimiter)
            .from_writer(Vec::new());
        let mut header: Vec<&str> = COLUMNS.to_vec();
        if with_account {
            header.push("account");
        }
        // Writing into memory cannot fail.
        let _ = writer.write_record(&header);
        let mark = self.dialect.mark;
        for line in lines {
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
            if with_account {
                record.push(line.account.unwrap_or_default().to_string());
            }
            let _ = writer.write_record(&record);
        }
        let bytes = writer.into_inner().unwrap_or_default();
        let text = String::from_utf8(bytes).unwrap_or_default();
        if self.dialect.french_spreadsheet {
            format!("\u{feff}{text}")
        } else {
            text
        }
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
