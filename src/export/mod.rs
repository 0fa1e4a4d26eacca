//! The output formats. Each turns a `Report` (the bills of the period asked for) into text, and
//! lives in a module of its own behind the `Export` trait.

mod csv;
mod json;
pub(crate) mod table;
pub mod xlsx;

use crate::billing::SemesterBill;
use crate::calendar::Semester;
use crate::convention::Convention;
use crate::display::DecimalMark;
use crate::error::Result;

pub use self::csv::CsvExport;
pub use self::json::JsonExport;
pub use self::table::{terminal_width, TableExport};
pub use self::xlsx::XlsxExport;

/// The period a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Convention,
    Year(i32),
    Semester(Semester),
}

impl Scope {
    pub fn contains(self, semester: Semester) -> bool {
        match self {
            Scope::Convention => true,
            Scope::Year(year) => semester.year == year,
            Scope::Semester(s) => s == semester,
        }
    }
}

/// The bills of the semesters in `scope`, with the convention they come from.
pub struct Report<'a> {
    pub convention: &'a Convention,
    pub scope: Scope,
    pub bills: Vec<SemesterBill>,
    /// Whether a usage file was given, so that a report without extras can say it has none.
    pub with_usage: bool,
}

pub trait Export {
    /// The bytes of the report: text for the text formats.
    fn render(&self, report: &Report) -> Result<Vec<u8>>;
}

/// The separator, decimal mark and date style of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvDialect {
    pub delimiter: u8,
    pub mark: DecimalMark,
    /// A UTF-8 byte order mark, dates as 31/12/2021: what French Excel and LibreOffice expect.
    pub french_spreadsheet: bool,
}

impl CsvDialect {
    pub const STANDARD: CsvDialect = CsvDialect {
        delimiter: b',',
        mark: DecimalMark::Point,
        french_spreadsheet: false,
    };
    pub const EXCEL_FR: CsvDialect = CsvDialect {
        delimiter: b';',
        mark: DecimalMark::Comma,
        french_spreadsheet: true,
    };
}
