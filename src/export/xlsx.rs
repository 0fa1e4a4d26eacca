//! A workbook for spreadsheet users: the rows of the CSV export, with typed cells (amounts as
//! numbers in euros, dates as dates), a header row that stays in view, fitted columns and a
//! total row.

use std::panic::{self, AssertUnwindSafe};
use std::{io, slice};

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use rust_xlsxwriter::utility::cell_autofit_width;
use rust_xlsxwriter::{
    ColNum, DocProperties, ExcelDateTime, Format, Formula, Workbook, Worksheet, XlsxError,
};

use super::csv::COLUMNS;
use super::{Export, Report};
use crate::error::{Error, Result};
use crate::export::lines::lines;
use crate::messages::run;

/// The bills as an Excel workbook (.xlsx, which LibreOffice opens too).
pub struct XlsxExport;

impl Export for XlsxExport {
    fn write(&self, report: &Report, out: &mut dyn io::Write) -> Result<io::Result<()>> {
        // rust_xlsxwriter makes its sheet's temporary file itself, and panics when it cannot
        // make it or write it (no such folder, a full disk): the folder is tried first, and a
        // panic while the rows are written is reported as the same error.
        let temp = std::env::temp_dir();
        let cannot = || Error::io(&temp, run::cannot_write_temporary());
        tempfile::tempfile_in(&temp).map_err(cannot())?;
        let bytes = match quietly(|| workbook(report)) {
            Ok(made) => made.map_err(|e| Error::Request(run::cannot_make_workbook(e)))?,
            Err(why) => return Err(cannot()(io::Error::other(why))),
        };
        Ok(out.write_all(&bytes))
    }
}

/// Runs `f`, and returns the message of a panic in it instead of printing it. Only for a
/// library's panics on input and output: nothing else runs meanwhile (the hook is global).
fn quietly<T>(f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    let hook = panic::take_hook();
    panic::set_hook(Box::new(|_| {}));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    panic::set_hook(hook);
    result.map_err(|payload| match payload.downcast::<String>() {
        Ok(message) => *message,
        Err(payload) => payload
            .downcast_ref::<&str>()
            .map_or_else(String::new, |s| s.to_string()),
    })
}

/// French Excel shows this as "1 734,37 €": the file stores the format, each reader localises it.
const EURO: &str = "#,##0.00\\ \"€\"";
const DATE: &str = "dd/mm/yyyy";
/// `DATE` as text, for the days a workbook cannot date.
const DAY: &str = "%d/%m/%Y";
/// Where the amount is, among the columns.
const AMOUNT_COLUMN: u16 = 10;

/// The workbook of the report's lines, with an `account` column when any of them has an
/// account. Its rows go to a temporary file as they are written (rust_xlsxwriter's constant
/// memory), a semester's lines at a time, so that a long convention's lines are never all in
/// memory; the finished file is.
fn workbook(report: &Report) -> std::result::Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // A fixed date, so that the same bills give the same file.
    let epoch = ExcelDateTime::from_ymd(2000, 1, 1)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&epoch));
    let sheet = workbook.add_worksheet_with_constant_memory();
    sheet.set_name("Facturation")?;
    let bold = Format::new().set_bold();
    let euro = Format::new().set_num_format(EURO);
    let date = Format::new().set_num_format(DATE);

    let mut header: Vec<&str> = COLUMNS.to_vec();
    if report.has_accounts() {
        header.push("account");
    }
    let mut sheet = Fitted::new(sheet);
    for (column, name) in header.iter().enumerate() {
        sheet.string(0, column as ColNum, name, Some(&bold))?;
    }
    let mut row = 0;
    let mut total = Decimal::ZERO;
    for bill in report.bills() {
        for line in lines(report.convention, slice::from_ref(&bill), |_| true) {
            row += 1;
            sheet.number(row, 0, line.semester.year.into(), None)?;
            sheet.number(row, 1, line.semester.half.into(), None)?;
            match excel_date(line.billing_date)? {
                Some(billed) => sheet.date(row, 2, &billed, &date)?,
                None => sheet.string(row, 2, &line.billing_date.format(DAY).to_string(), None)?,
            }
            sheet.string(row, 3, &line.member.id, None)?;
            sheet.string(row, 4, &line.member.name, None)?;
            sheet.string(row, 5, line.item, None)?;
            sheet.string(row, 6, &line.label, None)?;
            sheet.decimal(row, 7, line.quantity, None)?;
            sheet.string(row, 8, line.unit, None)?;
            sheet.decimal(row, 9, line.unit_price, Some(&euro))?;
            sheet.decimal(row, AMOUNT_COLUMN, line.amount, Some(&euro))?;
            if let Some(account) = line.account {
                sheet.string(row, 11, account, None)?;
            }
            total += line.amount;
        }
    }
    // The total as a formula, with its value stored too, for readers that do not compute.
    let last = row + 1;
    sheet.string(last, 0, "Total", Some(&bold))?;
    let sum = format!("=SUM(K2:K{last})");
    sheet.formula(last, AMOUNT_COLUMN, &sum, total, &euro.clone().set_bold())?;
    sheet.finish()?.set_freeze_panes(1, 0)?;
    workbook.save_to_buffer()
}

/// A worksheet whose columns are fitted to what is written in them, as rust_xlsxwriter's
/// `autofit` does (Excel's character widths; 7 pixels a digit of a number; 68 for a date; the
/// result of a formula), which sees only the last row of a sheet written in constant memory.
/// As autofit without its `enhanced_autofit` feature, and for text of one line, which is all
/// a convention's names and labels can be.
struct Fitted<'a> {
    sheet: &'a mut Worksheet,
    /// The widest cell of each column, in pixels.
    widths: Vec<u32>,
}

impl<'a> Fitted<'a> {
    fn new(sheet: &'a mut Worksheet) -> Self {
        Fitted {
            sheet,
            widths: Vec::new(),
        }
    }

    fn fit(&mut self, column: ColNum, pixels: u32) {
        let column = usize::from(column);
        if self.widths.len() <= column {
            self.widths.resize(column + 1, 0);
        }
        self.widths[column] = self.widths[column].max(pixels);
    }

    fn string(
        &mut self,
        row: u32,
        column: ColNum,
        text: &str,
        format: Option<&Format>,
    ) -> std::result::Result<(), XlsxError> {
        if !text.is_empty() {
            self.fit(column, cell_autofit_width(text));
        }
        match format {
            Some(format) => self
                .sheet
                .write_string_with_format(row, column, text, format)?,
            None => self.sheet.write_string(row, column, text)?,
        };
        Ok(())
    }

    fn number(
        &mut self,
        row: u32,
        column: ColNum,
        number: f64,
        format: Option<&Format>,
    ) -> std::result::Result<(), XlsxError> {
        self.fit(column, 7 * number.to_string().len() as u32 + 7);
        match format {
            Some(format) => self
                .sheet
                .write_number_with_format(row, column, number, format)?,
            None => self.sheet.write_number(row, column, number)?,
        };
        Ok(())
    }

    fn date(
        &mut self,
        row: u32,
        column: ColNum,
        date: &ExcelDateTime,
        format: &Format,
    ) -> std::result::Result<(), XlsxError> {
        self.fit(column, 68 + 7);
        self.sheet
            .write_datetime_with_format(row, column, date, format)?;
        Ok(())
    }

    /// Writes `value` as a number when a spreadsheet's number (a double) holds it exactly,
    /// that is with at most 15 significant digits, which every amount below 10¹³ has; else as
    /// text, so that no digit is silently changed.
    fn decimal(
        &mut self,
        row: u32,
        column: ColNum,
        value: Decimal,
        format: Option<&Format>,
    ) -> std::result::Result<(), XlsxError> {
        let text = value.normalize().to_string();
        match exact_double(&text) {
            Some(number) => self.number(row, column, number, format),
            None => self.string(row, column, &text, None),
        }
    }

    /// Writes the formula `formula` with its `result`, for readers that do not compute.
    fn formula(
        &mut self,
        row: u32,
        column: ColNum,
        formula: &str,
        result: Decimal,
        format: &Format,
    ) -> std::result::Result<(), XlsxError> {
        let result = result.to_string();
        if result != "0" {
            self.fit(column, cell_autofit_width(&result));
        }
        let formula = Formula::new(formula).set_result(result);
        self.sheet
            .write_formula_with_format(row, column, formula, format)?;
        Ok(())
    }

    /// The sheet with its columns set to their widths.
    fn finish(self) -> std::result::Result<&'a mut Worksheet, XlsxError> {
        for (column, &pixels) in self.widths.iter().enumerate() {
            if pixels > 0 {
                self.sheet
                    .set_column_autofit_width(column as ColNum, pixels)?;
            }
        }
        Ok(self.sheet)
    }
}

/// The date `day` in a workbook, when it can hold it: Excel's dates run from 1900 to 9999, and
/// a day outside is written as text in the form the sheet shows the others (`DAY`), rather
/// than refused, since a convention of any year bills.
fn excel_date(day: NaiveDate) -> std::result::Result<Option<ExcelDateTime>, XlsxError> {
    match u16::try_from(day.year()) {
        Ok(year @ 1900..=9999) => {
            ExcelDateTime::from_ymd(year, day.month() as u8, day.day() as u8).map(Some)
        }
        _ => Ok(None),
    }
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

    /// The `<cols>` of the first sheet of the workbook in `bytes`.
    fn columns(bytes: Vec<u8>) -> String {
        let mut zip = zip::ZipArchive::new(io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        io::Read::read_to_string(
            &mut zip.by_name("xl/worksheets/sheet1.xml").unwrap(),
            &mut xml,
        )
        .unwrap();
        let start = xml.find("<cols>").unwrap();
        xml[start..xml.find("</cols>").unwrap()].to_string()
    }

    /// `Fitted`, on a sheet written in constant memory, sets the widths rust_xlsxwriter's
    /// `autofit` gives the same cells on a sheet held in memory.
    #[test]
    fn columns_are_fitted_as_autofit_fits_them() {
        let long = "x".repeat(240);
        let date = ExcelDateTime::from_ymd(2021, 12, 31).unwrap();
        let (bold, euro) = (Format::new().set_bold(), Format::new().set_num_format(EURO));
        let mut held = Workbook::new();
        let sheet = held.add_worksheet();
        sheet.write_string_with_format(0, 0, "year", &bold).unwrap();
        sheet
            .write_string(0, 1, "Prestation 2021 S2 — Journée de formation")
            .unwrap();
        sheet.write_string(1, 0, "").unwrap();
        sheet.write_number(1, 1, 2021).unwrap();
        sheet
            .write_number_with_format(1, 2, 1734.37, &euro)
            .unwrap();
        sheet
            .write_datetime_with_format(2, 2, &date, &Format::new().set_num_format(DATE))
            .unwrap();
        sheet.write_string(2, 3, "1000000000000.000001").unwrap();
        sheet.write_string(2, 4, &long).unwrap();
        let sum = Formula::new("=SUM(C2:C2)").set_result("1734.370001");
        sheet.write_formula_with_format(3, 5, sum, &euro).unwrap();
        sheet.autofit();
        let mut streamed = Workbook::new();
        let mut sheet = Fitted::new(streamed.add_worksheet_with_constant_memory());
        sheet.string(0, 0, "year", Some(&bold)).unwrap();
        sheet
            .string(0, 1, "Prestation 2021 S2 — Journée de formation", None)
            .unwrap();
        sheet.string(1, 0, "", None).unwrap();
        sheet.number(1, 1, 2021.0, None).unwrap();
        sheet
            .decimal(1, 2, Decimal::new(173437, 2), Some(&euro))
            .unwrap();
        sheet
            .date(2, 2, &date, &Format::new().set_num_format(DATE))
            .unwrap();
        sheet
            .decimal(2, 3, "1000000000000.000001".parse().unwrap(), None)
            .unwrap();
        sheet.string(2, 4, &long, None).unwrap();
        let result = "1734.370001".parse().unwrap();
        sheet.formula(3, 5, "=SUM(C2:C2)", result, &euro).unwrap();
        sheet.finish().unwrap();
        let expected = columns(held.save_to_buffer().unwrap());
        assert!(expected.contains("<col min=\"6\""), "{expected}");
        assert_eq!(columns(streamed.save_to_buffer().unwrap()), expected);
    }

    #[test]
    fn days_a_workbook_cannot_date_are_text() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert!(excel_date(day(1899, 12, 31)).unwrap().is_none());
        assert!(excel_date(day(10000, 1, 1)).unwrap().is_none());
        assert!(excel_date(day(-1, 6, 30)).unwrap().is_none());
        // 1 January 1900 is day 1 of Excel's calendar, 31 December 9999 its last.
        let first = excel_date(day(1900, 1, 1)).unwrap().unwrap();
        assert_eq!(first.to_excel(), 1.0);
        let last = excel_date(day(9999, 12, 31)).unwrap().unwrap();
        assert_eq!(last.to_excel(), 2_958_465.0);
        assert_eq!(day(1899, 6, 30).format(DAY).to_string(), "30/06/1899");
    }

    #[test]
    fn long_values_stay_text() {
        assert_eq!(exact_double("1734.37"), Some(1734.37));
        assert_eq!(exact_double("999999999999.99"), Some(999_999_999_999.99));
        assert_eq!(exact_double("1000000000000.000001"), None);
    }
}
