//! A workbook for spreadsheet users: the rows of the CSV export, with typed cells (amounts as
//! numbers in euros, dates as dates), a header row that stays in view, fitted columns and a
//! total row.

use std::io;

use rust_decimal::Decimal;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Formula, Workbook, XlsxError};

use super::csv::COLUMNS;
use super::{Export, Report};
use crate::billing::lines::{lines, Line};
use crate::billing::SemesterBill;
use crate::error::{Error, Result};
use crate::messages::run;

/// The bills as an Excel workbook (.xlsx, which LibreOffice opens too).
pub struct XlsxExport;

impl Export for XlsxExport {
    fn write(&self, report: &Report, out: &mut dyn io::Write) -> Result<io::Result<()>> {
        let bills: Vec<SemesterBill> = report.bills().collect();
        let bytes = workbook(&lines(report.convention, &bills, |_| true))
            .map_err(|e| Error::Request(run::cannot_make_workbook(e)))?;
        Ok(out.write_all(&bytes))
    }
}

/// French Excel shows this as "1 734,37 €": the file stores the format, each reader localises it.
const EURO: &str = "#,##0.00\\ \"€\"";
const DATE: &str = "dd/mm/yyyy";
/// Where the amount is, among the columns.
const AMOUNT_COLUMN: u16 = 10;

/// The workbook of `lines`, with an `account` column when any of them has an account.
pub fn workbook(lines: &[Line]) -> std::result::Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // A fixed date, so that the same bills give the same file.
    let epoch = ExcelDateTime::from_ymd(2000, 1, 1)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&epoch));
    let sheet = workbook.add_worksheet();
    sheet.set_name("Facturation")?;
    let bold = Format::new().set_bold();
    let euro = Format::new().set_num_format(EURO);
    let date = Format::new().set_num_format(DATE);

    let with_account = lines.iter().any(|l| l.account.is_some());
    let mut header: Vec<&str> = COLUMNS.to_vec();
    if with_account {
        header.push("account");
    }
    sheet.write_row_with_format(0, 0, header, &bold)?;
    for (i, line) in lines.iter().enumerate() {
        let row = i as u32 + 1;
        let day = line.billing_date;
        let billed = ExcelDateTime::from_ymd(
            u16::try_from(chrono::Datelike::year(&day))
                .map_err(|_| XlsxError::ParameterError(run::no_excel_date(day)))?,
            chrono::Datelike::month(&day) as u8,
            chrono::Datelike::day(&day) as u8,
        )?;
        sheet.write_number(row, 0, line.semester.year)?;
        sheet.write_number(row, 1, line.semester.half)?;
        sheet.write_datetime_with_format(row, 2, &billed, &date)?;
        sheet.write_string(row, 3, &line.member.id)?;
        sheet.write_string(row, 4, &line.member.name)?;
        sheet.write_string(row, 5, line.item)?;
        sheet.write_string(row, 6, &line.label)?;
        write_decimal(sheet, row, 7, line.quantity, None)?;
        sheet.write_string(row, 8, line.unit)?;
        write_decimal(sheet, row, 9, line.unit_price, Some(&euro))?;
        write_decimal(sheet, row, AMOUNT_COLUMN, line.amount, Some(&euro))?;
        if let Some(account) = line.account {
            sheet.write_string(row, 11, account)?;
        }
    }
    // The total as a formula, with its value stored too, for readers that do not compute.
    let last = lines.len() as u32 + 1;
    let total: Decimal = lines.iter().map(|l| l.amount).sum();
    sheet.write_string_with_format(last, 0, "Total", &bold)?;
    let sum = Formula::new(format!("=SUM(K2:K{last})")).set_result(total.to_string());
    sheet.write_formula_with_format(last, AMOUNT_COLUMN, sum, &euro.clone().set_bold())?;
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit();
    workbook.save_to_buffer()
}

/// Writes `value` as a number when a spreadsheet's number (a double) holds it exactly, that is
/// with at most 15 significant digits, which every amount below 10¹³ has; else as text, so that
/// no digit is silently changed.
fn write_decimal(
    sheet: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    column: u16,
    value: Decimal,
    format: Option<&Format>,
) -> Result<(), XlsxError> {
    let text = value.normalize().to_string();
    match exact_double(&text) {
        Some(number) => match format {
            Some(format) => sheet.write_number_with_format(row, column, number, format)?,
            None => sheet.write_number(row, column, number)?,
        },
        None => sheet.write_string(row, column, &text)?,
    };
    Ok(())
}

/// The double nearest to the decimal `text`, when it has at most 15 significant digits: then
/// the shortest form of that double, which the file stores, is `text` again.
fn exact_double(text: &str) -> Option<f64> {
    let digits = text
        .bytes()
        .filter(u8::is_ascii_digit)
        .skip_while(|d| *d == b'0')
        .count();
    (digits <= 15).then(|| text.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Every value of at most 15 significant digits (amounts below 10¹³ with two decimals,
        /// quantities with six) is stored digit for digit.
        #[test]
        fn numbers_are_stored_digit_for_digit(mantissa in -999_999_999_999_999i64..=999_999_999_999_999, places in 0u32..=6) {
            let value = Decimal::new(mantissa, places);
            let number = exact_double(&value.normalize().to_string());
            prop_assert!(number.is_some());
            let stored: Decimal = number.unwrap().to_string().parse().unwrap();
            prop_assert_eq!(stored, value);
        }
    }

    #[test]
    fn long_values_stay_text() {
        assert_eq!(exact_double("1734.37"), Some(1734.37));
        assert_eq!(exact_double("999999999999.99"), Some(999_999_999_999.99));
        assert_eq!(exact_double("1000000000000.000001"), None);
    }
}
