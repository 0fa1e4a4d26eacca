//! Reading a usage file: the services each member ordered, as an accountant's spreadsheet
//! exports them (',', ';' or tab, UTF-8 with or without a BOM, Windows-1252 or UTF-16, any line
//! breaks, 2021-03-15 or 15/03/2021, 1.5 or 1,5). One streaming pass sums the quantities per
//! (semester, member, service) and gathers every bad line.

mod lines;
mod memo;
mod records;
mod repeats;

use std::io::Read;
use std::path::Path;

use crate::billing::Usage;
use crate::calendar::Semester;
use crate::convention::Convention;
use crate::error::Result;
use crate::reading;
pub use lines::LineCounts;
use records::Tally;
pub use records::{Count, Order};
pub use repeats::{CHECKED as REPEATS_CHECKED, NAMED as REPEATS_NAMED};

/// What a usage file holds, as far as it could be read.
pub type Scan<'c> = reading::Scan<Tally<'c>>;

/// The usage at `path` and its lines, with its orders, in the file's order, for documents
/// that list them (at most 100 of a service for a member in a semester: past that, none).
pub fn read_orders(
    path: &Path,
    sheet: Option<&str>,
    c: &Convention,
) -> Result<(Usage, LineCounts, Vec<Order>)> {
    let mut tally = reading::scan_path(path, sheet, Tally::keeping_orders(c))?.into_result()?;
    let orders = tally.take_orders();
    let (usage, lines) = tally.into_usage();
    Ok((usage, lines, orders))
}

/// The usage in the file at `path`, a CSV file or a workbook (its sheet `sheet`, the first by
/// default), and its lines; its errors, if any, as one.
pub fn read_path(path: &Path, sheet: Option<&str>, c: &Convention) -> Result<(Usage, LineCounts)> {
    reading::scan_path(path, sheet, Tally::new(c))?
        .into_result()
        .map(|tally| tally.into_usage())
}

/// Reads the usage file at `path` as `read_path` does, gathering the errors, and counts the
/// lines of each sum.
pub fn scan_path<'c>(path: &Path, sheet: Option<&str>, c: &'c Convention) -> Result<Scan<'c>> {
    reading::scan_path(path, sheet, Tally::counting_lines(c))
}

/// Reads the usage in `input`; `file` names it in error messages, each bad line in one.
pub fn read(input: impl Read, file: &str, c: &Convention) -> Result<Usage> {
    reading::scan(input, file, Tally::new(c))?
        .into_result()
        .map(|tally| tally.into_usage().0)
}

impl Scan<'_> {
    /// The lines and quantity of each (semester, member, service) read.
    pub fn counts(&self) -> impl Iterator<Item = (&(Semester, usize, usize), Count)> + '_ {
        self.records.counts()
    }

    /// Each spelling of a member on the lines read, with the member it designates and its
    /// number of lines; and the number of lines whose spelling was not kept (past thousands).
    pub fn spellings(&self) -> (Vec<(&str, usize, u64)>, u64) {
        self.records.spellings()
    }

    /// How many lines of each semester the file has, and which repeat another.
    pub fn lines(&self) -> &LineCounts {
        self.records.lines()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convention::{parse, EMBEDDED, EMBEDDED_NAME};
    use crate::dec;

    fn usage(text: &str) -> Result<Usage> {
        let c = parse(EMBEDDED, EMBEDDED_NAME).unwrap();
        read(text.as_bytes(), "usage.csv", &c)
    }

    fn error(text: &str) -> String {
        usage(text).unwrap_err().to_string()
    }

    #[test]
    fn quantities_are_summed_per_semester_member_and_service() {
        let u = usage(
            "Date,Member,Service,Quantity,Note\n\
             2021-03-15,dolus-d-oleron,formation,1,bureautique\n\
             15/06/2021,Dolus d'Oléron,FORMATION,0.5,\n\
             2021-07-01,DOLUS-D-OLERON,formation,2,\n\
             2021-03-16,Saint Denys d'Oléron,amo,\"1,5\",\n",
        )
        .unwrap();
        let s1 = Semester::new(2021, 1).unwrap();
        let s2 = Semester::new(2021, 2).unwrap();
        // Member and service indexes follow the order of the embedded file.
        assert_eq!(u.get(&(s1, 4, 0)), Some(&dec("1.5")));
        assert_eq!(u.get(&(s2, 4, 0)), Some(&dec("2")));
        assert_eq!(u.get(&(s1, 8, 1)), Some(&dec("1.5")));
        assert_eq!(u.len(), 3);
    }

    /// The closest names are looked for only for the errors a reader shows (the first 50):
    /// past them, a file of bad lines would cost lines × members.
    #[test]
    fn the_errors_shown_name_the_closest_member() {
        // Sixty spellings of "Dollus", each its own look-up: "dollus", "Dollus", "dOllus"…
        let spelling = |i: usize| -> String {
            "dollus"
                .chars()
                .enumerate()
                .map(|(bit, c)| match i >> bit & 1 {
                    1 => c.to_ascii_uppercase(),
                    _ => c,
                })
                .collect()
        };
        let lines: String = (0..60)
            .map(|i| format!("2021-03-15,{},amo,1\n", spelling(i)))
            .collect();
        let errors = error(&format!("date,member,service,quantity\n{lines}"));
        let shown: Vec<&str> = errors.lines().collect();
        assert_eq!(shown.len(), 51, "{errors}");
        for (i, line) in shown[..50].iter().enumerate() {
            let expected = format!(
                "usage.csv:{}: unknown member \"{}\" (closest: dolus-d-oleron)",
                i + 2,
                spelling(i)
            );
            assert_eq!(*line, expected);
        }
        assert_eq!(shown[50], "and 10 more error(s)");
    }

    #[test]
    fn french_headers_are_read() {
        let u = usage("DATE;Commune;Prestation;Quantité\n15/03/2021;cdc;amo;2\n").unwrap();
        assert_eq!(u.values().copied().collect::<Vec<_>>(), vec![dec("2")]);
    }

    #[test]
    fn french_excel_exports_are_read() {
        let u =
            usage("\u{feff}date;member;service;quantity\n15/03/2021;cdc;amo;2,25\n;;;\n").unwrap();
        assert_eq!(u.values().copied().collect::<Vec<_>>(), vec![dec("2.25")]);
    }

    #[test]
    fn bad_lines_are_named() {
        let head = "date,member,service,quantity\n";
        let cases = [
            ("2021-03-15,saint pierr,amo,1", "usage.csv:2: unknown member \"saint pierr\" (closest: saint-pierre-d-oleron)"),
            ("2021-03-15,St,amo,1", "usage.csv:2: \"St\" could be saint-trojan-les-bains, saint-pierre-d-oleron, saint-georges-d-oleron or saint-denis-d-oleron (write more of the name)"),
            ("2021-03-15,,amo,1", "usage.csv:2: no member given"),
            ("2021-03-15,d',amo,1", "usage.csv:2: \"d'\" names no member"),
            ("2021-03-15,cdc,dance,1", "usage.csv:2: unknown service \"dance\" (services: formation, amo, forum, club, copil)"),
            ("31/06/2022,cdc,amo,1", "usage.csv:2: impossible date \"31/06/2022\""),
            ("2021-13-01,cdc,amo,1", "usage.csv:2: impossible date \"2021-13-01\""),
            ("March 3,cdc,amo,1", "usage.csv:2: cannot read date \"March 3\" (write it 2021-03-15 or 15/03/2021)"),
            ("2023-01-02,cdc,amo,1", "usage.csv:2: date 2023-01-02 is outside the convention (2020-01-01 to 2022-12-31)"),
            ("2021-03-15,cdc,amo,-1", "usage.csv:2: negative quantity -1"),
            ("2021-03-15,cdc,amo,two", "usage.csv:2: cannot read quantity \"two\" as a number (write it 2, 1.5 or 1,5)"),
            ("2021-03-15,cdc,amo", "usage.csv:2: expected 4 fields like the header, found 3"),
        ];
        for (line, expected) in cases {
            assert_eq!(error(&format!("{head}{line}\n")), expected);
        }
        assert_eq!(
            error("date,member,qty\n"),
            "usage.csv:1: missing column \"service\" or \"prestation\" (the header has: date, member, qty)"
        );
    }

    #[test]
    fn text_that_is_not_utf8_is_read_as_windows_1252() {
        let c = parse(EMBEDDED, EMBEDDED_NAME).unwrap();
        let head = "date,commune,service,quantity\n2021-03-15,cdc,amo,1\n";
        // 0xE9 is 'é' in Windows-1252; the file's first bytes that are not ASCII decide.
        let latin1 = [head.as_bytes(), b"2021-03-15,Dolus-d'Ol\xe9ron,amo,2\n"].concat();
        let u = read(&latin1[..], "usage.csv", &c).unwrap();
        let s1 = Semester::new(2021, 1).unwrap();
        assert_eq!(u.get(&(s1, 4, 1)), Some(&dec("2")));
        let mut latin1_header = b"date,membre,service,quantit\xe9\n".to_vec();
        latin1_header.extend_from_slice(b"2021-03-15,cdc,amo,1\n");
        assert_eq!(read(&latin1_header[..], "usage.csv", &c).unwrap().len(), 1);
        let mixed = [
            head.as_bytes(),
            "2021-03-15,Dolus-d'Oléron,amo,2\n".as_bytes(),
            b"2021-03-15,Dolus-d'Ol\xe9ron,amo,2\n",
        ]
        .concat();
        assert_eq!(
            read(&mixed[..], "usage.csv", &c).unwrap_err().to_string(),
            "usage.csv:4: not valid UTF-8 text, though line 3 is (save the whole file as UTF-8)"
        );
    }

    #[test]
    fn a_file_without_line_breaks_is_not_read_whole() {
        let c = parse(EMBEDDED, EMBEDDED_NAME).unwrap();
        let one_line = "date,".repeat(100_000);
        let err = read(one_line.as_bytes(), "usage.csv", &c)
            .unwrap_err()
            .to_string();
        assert_eq!(err, "usage.csv:1: the first line is too long for a header");
    }

    const MEMBERS: &str = "cdc, saint-trojan-les-bains, le-grand-village-plage, \
        le-chateau-d-oleron, dolus-d-oleron, saint-pierre-d-oleron, saint-georges-d-oleron, \
        la-bree-les-bains, saint-denis-d-oleron";

    #[test]
    fn long_files_are_read_buffer_after_buffer() {
        // 690 000 bytes of lines, three runs read side by side, with the bad one far down.
        let line = "2021-03-15,cdc,amo,0.5\n";
        let mut text = format!("date,member,service,quantity\n{}", line.repeat(30_000));
        let total = usage(&text).unwrap();
        assert_eq!(
            total.values().copied().collect::<Vec<_>>(),
            vec![dec("15000")]
        );
        text.push_str("2021-03-15,nobody,amo,1\n");
        assert_eq!(
            error(&text),
            format!("usage.csv:30002: unknown member \"nobody\" (members: {MEMBERS})")
        );
    }

    #[test]
    fn sums_are_bounded() {
        assert_eq!(records::SUM_LIMIT, dec("1000000000000"));
        let line = "2021-03-15,cdc,amo,999999999\n";
        let text = format!("date,member,service,quantity\n{}", line.repeat(1001));
        assert_eq!(
            error(&text),
            "usage.csv: the amo quantities of cdc in 2021 S1 add up to 1000999998999, too much to bill"
        );
    }

    #[test]
    fn a_semester_s_services_are_bounded_altogether() {
        // AMO at 999 999 999 999,99 € an hour: 1 000 hours for each of the nine members make
        // 9 × 999 999 999 999 990,00 € = 8 999 999 999 999 910,00 €, past 10^15 €.
        let c = parse(
            &EMBEDDED.replacen("price = \"60.00\"", "price = \"999999999999.99\"", 1),
            "c.toml",
        )
        .unwrap();
        let mut text = "date,member,service,quantity\n".to_string();
        for m in &c.members {
            text.push_str(&format!("2021-03-15,{},amo,1000\n", m.id));
        }
        assert_eq!(
            read(text.as_bytes(), "usage.csv", &c).unwrap_err().to_string(),
            "usage.csv: the services of 2021 S1 cost 8999999999999910.00 altogether, more than the 10^15 a semester may bill"
        );
        // Up to the limit, they are billed.
        let one = "date,member,service,quantity\n2021-03-15,cdc,amo,1000\n";
        assert!(read(one.as_bytes(), "usage.csv", &c).is_ok());
    }
}
