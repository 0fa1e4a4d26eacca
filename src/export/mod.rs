//! The output formats. Each writes a `Report` (the bills of the period asked for), and lives in
//! a module of its own behind the `Export` trait. CSV and JSON are written row by row as the
//! bills are computed, a year at a time, so that their memory does not grow with the rows; the
//! table (which needs its column widths) and the workbook are built whole, then written.

mod csv;
mod json;
pub mod lines;
pub(crate) mod table;
pub mod xlsx;

use std::io::{self, Write};

use crate::billing::{self, SemesterBill, Usage};
use crate::calendar::Semester;
use crate::convention::Convention;
use crate::display::DecimalMark;
use crate::error::Result;

pub use self::csv::CsvExport;
pub use self::json::JsonExport;
pub use self::table::TableExport;
pub use self::xlsx::XlsxExport;
pub use crate::display::table::terminal_width;

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

/// The period asked for, and what is needed to bill it.
pub struct Report<'a> {
    pub convention: &'a Convention,
    pub scope: Scope,
    /// The services ordered.
    pub usage: &'a Usage,
    /// Whether a usage file was given, so that a report without extras can say it has none.
    pub with_usage: bool,
}

impl Report<'_> {
    /// The bills of the semesters in scope, in order, computed a year at a time as they are
    /// taken, so that a long convention's are never all in memory.
    pub fn bills(&self) -> impl Iterator<Item = SemesterBill> + '_ {
        let (c, scope) = (self.convention, self.scope);
        let years = match scope {
            Scope::Convention => c.years(),
            Scope::Year(year) => year..=year,
            Scope::Semester(s) => s.year..=s.year,
        };
        years
            .flat_map(|year| billing::bill_year(c, self.usage, year))
            .filter(move |b| scope.contains(b.semester))
    }

    /// Whether a line of the report has a ledger account, without computing the lines: every
    /// semester in scope has a line for the advisor, and a line for each service ordered in it.
    pub fn has_accounts(&self) -> bool {
        let c = self.convention;
        let served = |s| self.scope.contains(s) && c.service_in(s).is_some();
        (c.cost.account.is_some() && c.semesters().any(|s| self.scope.contains(s)))
            || self
                .usage
                .keys()
                .any(|&(s, _, service)| c.services[service].account.is_some() && served(s))
    }
}

pub trait Export {
    /// Writes the report into `out`. The outer error is the report's own (a workbook that
    /// cannot be made), found before anything is written; the inner one is `out`'s.
    fn write(&self, report: &Report, out: &mut dyn Write) -> Result<io::Result<()>>;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convention::{parse, EMBEDDED};
    use crate::export::lines::lines;
    use crate::usage;

    /// Every scope of the embedded convention, with the example usage (services in 2021 only).
    fn scopes(c: &Convention) -> Vec<Scope> {
        let mut scopes = vec![Scope::Convention];
        scopes.extend(c.years().map(Scope::Year));
        scopes.extend(c.semesters().map(Scope::Semester));
        scopes
    }

    fn example_usage(c: &Convention) -> Usage {
        let text = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/usage-2021.csv"
        ))
        .unwrap();
        usage::read(&text[..], "usage-2021.csv", c).unwrap()
    }

    /// The report of `usage` over `scope`.
    fn report_of<'a>(c: &'a Convention, scope: Scope, usage: &'a Usage) -> Report<'a> {
        Report {
            convention: c,
            scope,
            usage,
            with_usage: true,
        }
    }

    /// The bills computed a year at a time are those of the whole convention, for every scope.
    #[test]
    fn bills_a_year_at_a_time_are_the_bills_of_the_convention() {
        let c = parse(EMBEDDED, "c.toml").unwrap();
        let usage = example_usage(&c);
        let all = billing::bill(&c, &usage);
        for scope in scopes(&c) {
            let report = report_of(&c, scope, &usage);
            let expected: Vec<_> = all
                .iter()
                .filter(|b| scope.contains(b.semester))
                .cloned()
                .collect();
            assert_eq!(report.bills().collect::<Vec<_>>(), expected, "{scope:?}");
        }
    }

    /// `has_accounts` says what a look at every line would: with an account on the advisor, on
    /// a service the example orders in both semesters of 2021 (amo) or in the second only
    /// (forum), or on none; with that usage and with none.
    #[test]
    fn accounts_are_known_without_the_lines() {
        for (from, to) in [
            ("fte = 100", "fte = 100\naccount = \"6228\""),
            ("unit = \"heure\"", "unit = \"heure\"\naccount = \"70688\""),
            ("price = 0\n", "price = 0\naccount = \"70688\"\n"),
            ("", ""),
        ] {
            let c = parse(&EMBEDDED.replacen(from, to, 1), "c.toml").unwrap();
            for usage in [Usage::new(), example_usage(&c)] {
                for scope in scopes(&c) {
                    let report = report_of(&c, scope, &usage);
                    let bills: Vec<_> = report.bills().collect();
                    let any = lines(&c, &bills, |_| true)
                        .iter()
                        .any(|l| l.account.is_some());
                    assert_eq!(report.has_accounts(), any, "{to} {scope:?}");
                }
            }
        }
    }
}
