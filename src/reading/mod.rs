//! Reading a table of records from a file as an accountant's tools export it: CSV with ',',
//! ';' or tab, UTF-8 with or without a BOM, Windows-1252 or UTF-16, any line breaks, one record
//! per physical line. One streaming pass, one line at a time, hands each record's fields to a
//! `Records`, and gathers every bad line; the header's columns are found by `header`.

pub mod fields;
mod header;
pub mod text;
mod unpacked;
pub mod workbook;

use std::io::Read;
use std::path::Path;

use crate::error::{Error, Location, Result, MANY_LIMIT};
use crate::messages::{records as msg, run};
pub use header::{columns, MAX_COLUMNS};
use header::{header, Layout};
pub use text::Encoding;
use text::{Decoder, Fields, Lines, Problem, LINE_LIMIT};

/// What the records of a kind of file are for: the columns they need, and what to do with
/// each record.
pub trait Records {
    /// The columns a file must have, each with the other names it answers to (compared
    /// ignoring case, accents and punctuation); other columns are ignored.
    const COLUMNS: &'static [(&'static str, &'static [&'static str])];

    /// Columns a file may have, given after the required ones (empty where a file lacks them).
    const OPTIONAL: &'static [(&'static str, &'static [&'static str])] = &[];

    /// What the records of the file add up to while it is read, taken once at its end: a sum
    /// updated on every line is cheap to update, and is turned into what is kept only once.
    type Part: Default;

    /// Adds one record's fields, in the order of `COLUMNS` then `OPTIONAL`, read on `line` of
    /// the file, to `part`; what is wrong with it, if anything.
    fn add(&mut self, part: &mut Self::Part, line: u64, fields: &[&str]) -> Result<(), String>;

    /// Takes `part`, the records of every line read.
    fn take(&mut self, part: Self::Part);

    /// What is wrong with the records once all are read (a sum too large, say).
    fn finish(&mut self) -> Vec<String> {
        Vec::new()
    }
}

/// Where the records were read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A CSV file, with its encoding and separator.
    Text { encoding: Encoding, separator: char },
    /// A sheet of a workbook.
    Sheet(String),
}

/// What a file holds, as far as it could be read.
pub struct Scan<R> {
    pub source: Source,
    pub records: R,
    errors: Vec<Error>,
    /// Errors past the first `MANY_LIMIT`.
    more: usize,
}

impl<R> Scan<R> {
    /// The records, or every error found.
    pub fn into_result(mut self) -> Result<R> {
        match self.take_errors() {
            Some(errors) => Err(errors),
            None => Ok(self.records),
        }
    }

    /// How many errors were found.
    pub fn error_count(&self) -> usize {
        self.errors.len() + self.more
    }

    /// The errors found, gathered in one.
    pub fn take_errors(&mut self) -> Option<Error> {
        let errors = std::mem::take(&mut self.errors);
        match (errors.len(), self.more) {
            (0, _) => None,
            (1, 0) => errors.into_iter().next(),
            _ => Some(Error::Many {
                errors,
                more: self.more,
            }),
        }
    }

    fn report(&mut self, at: Location, message: &str) {
        if self.errors.len() < MANY_LIMIT {
            self.errors.push(Error::input(at, message));
        } else {
            self.more += 1;
        }
    }
}

/// Reads the table at `path` into `records`: the sheet `sheet` (the first by default) of a
/// workbook, or a CSV file; messages name the file as it was given.
pub fn scan_path<R: Records>(path: &Path, sheet: Option<&str>, records: R) -> Result<Scan<R>> {
    let file = path.display().to_string();
    if workbook::is_workbook(path) {
        return workbook::scan(path, &file, sheet, records);
    }
    if let Some(sheet) = sheet {
        return Err(Error::input(
            Location::file(&file),
            msg::sheet_with_csv(sheet),
        ));
    }
    let input = std::fs::File::open(path).map_err(Error::io(path, run::cannot_read()))?;
    scan(input, &file, records)
}

/// Reads every line of `input` into `records`, gathering the errors; fails at once only when
/// the file cannot be read or its header is wrong. Memory holds one line at a time, and what
/// the records keep.
pub fn scan<R: Records>(input: impl Read, file: &str, mut records: R) -> Result<Scan<R>> {
    let io_error = |e| Error::io(Path::new(file), run::cannot_read())(e);
    let (input, encoding) = text::sniff(input).map_err(io_error)?;
    let mut lines = Lines::new(input);
    let mut decoder = Decoder::new(encoding);
    let layout = header(&mut lines, &mut decoder, file, R::COLUMNS, R::OPTIONAL)?;
    let mut part = R::Part::default();
    let mut fields = Fields::default();
    let (mut errors, mut more) = (Vec::new(), 0);
    while let Some((number, line)) = lines.next_line().map_err(io_error)? {
        let read = match line {
            None => Err(problem_message(Problem::TooLong)),
            Some(line) => decoder
                .text(number, line)
                .map_err(problem_message)
                .and_then(|text| {
                    let record = Record { number, text };
                    read_line(&mut records, &mut part, &layout, &mut fields, record)
                }),
        };
        if let Err(message) = read {
            match errors.len() < MANY_LIMIT {
                true => errors.push(Error::input(Location::line(file, number as usize), message)),
                false => more += 1,
            }
        }
    }
    records.take(part);
    let mut scan = Scan {
        // The encoding as read to the end: a file may show, past its first lines, that it is
        // not UTF-8.
        source: Source::Text {
            encoding: decoder.encoding,
            separator: char::from(layout.separator),
        },
        records,
        errors,
        more,
    };
    for message in scan.records.finish() {
        scan.report(Location::file(file), &message);
    }
    Ok(scan)
}

/// A line of the file: its number and its text.
struct Record<'t> {
    number: u64,
    text: &'t str,
}

/// Reads one line into `part`: what is wrong with it, if anything.
fn read_line<R: Records>(
    records: &mut R,
    part: &mut R::Part,
    layout: &Layout,
    fields: &mut Fields,
    line: Record,
) -> Result<(), String> {
    if line.text.is_empty() {
        return Ok(());
    }
    let (text, ranges) =
        text::split(line.text, layout.separator, fields).map_err(problem_message)?;
    read_fields(records, part, layout, line.number, text, ranges)
}

/// Reads into `part` line `number`, whose fields lie in `text` at `ranges`: what is wrong
/// with it, if anything.
fn read_fields<R: Records>(
    records: &mut R,
    part: &mut R::Part,
    layout: &Layout,
    number: u64,
    text: &str,
    ranges: &[(u32, u32)],
) -> Result<(), String> {
    let field = |i: usize| &text[ranges[i].0 as usize..ranges[i].1 as usize];
    // A spreadsheet's empty rows come out as ";;;", and an empty line as nothing.
    if (0..ranges.len()).all(|i| fields::trim(field(i)).is_empty()) {
        return Ok(());
    }
    if ranges.len() != layout.width {
        let fields: Vec<&str> = (0..ranges.len()).map(field).collect();
        return Err(width_message(layout.width, &fields, layout.separator));
    }
    let mut wanted = [""; MAX_COLUMNS];
    for (slot, &column) in wanted.iter_mut().zip(&layout.columns) {
        *slot = column.map_or("", field);
    }
    records.add(part, number, &wanted[..layout.columns.len()])
}

fn problem_message(problem: Problem) -> String {
    match problem {
        Problem::TooLong => msg::line_too_long(LINE_LIMIT / 1024),
        Problem::Unclosed => msg::unclosed_quote(),
        Problem::AfterQuote => msg::text_after_quote(),
        Problem::NotUtf8 { utf8_line: None } => msg::not_utf8(),
        Problem::NotUtf8 {
            utf8_line: Some(line),
        } => msg::not_utf8_though(line),
        Problem::NotText => msg::not_text(),
    }
}

/// The message of a line with more or fewer fields than the header.
fn width_message(width: usize, fields: &[&str], separator: u8) -> String {
    let message = msg::field_count(width, fields.len());
    let split_number = fields.windows(2).any(|pair| {
        pair[0].trim_end().ends_with(|c: char| c.is_ascii_digit())
            && pair[1]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
    });
    if separator == b',' && fields.len() > width && split_number {
        msg::decimal_comma_split(&message)
    } else {
        message
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Records that keep every line as read, and count the lines they were given.
    #[derive(Default)]
    struct Rows {
        rows: Vec<String>,
        given: usize,
    }

    impl Records for Rows {
        const COLUMNS: &'static [(&'static str, &'static [&'static str])] =
            &[("a", &[]), ("b", &[])];
        type Part = Vec<String>;

        fn add(&mut self, part: &mut Vec<String>, _: u64, fields: &[&str]) -> Result<(), String> {
            self.given += 1;
            if fields[0] == "bad" {
                return Err(format!("bad {}", fields[1]));
            }
            part.push(fields.join("|"));
            Ok(())
        }

        fn take(&mut self, part: Vec<String>) {
            self.rows.extend(part);
        }
    }

    /// Everything a scan of `bytes` found, as text.
    fn read(bytes: &[u8]) -> String {
        match scan(bytes, "f.csv", Rows::default()) {
            Err(e) => e.to_string(),
            Ok(mut scan) => {
                let errors = scan.take_errors().map(|e| e.to_string());
                format!(
                    "{:?}\n{:?}\n{}\n{:?}",
                    scan.source, scan.records.rows, scan.records.given, errors
                )
            }
        }
    }

    #[test]
    fn long_lines_are_skipped_and_the_lines_after_read() {
        let mut bytes = b"a,b\r\nx,1\r\n".to_vec();
        bytes.extend(vec![b'y'; LINE_LIMIT - 2]);
        bytes.extend_from_slice(b",2\r\n");
        bytes.extend(vec![b'z'; 3 * LINE_LIMIT]);
        bytes.extend_from_slice(b"\r\nbad,4\r\n");
        bytes.extend(vec![b'w'; LINE_LIMIT + 1]);
        let lines = read(&bytes);
        let too_long = "the line is longer than 64 KiB, too long for a record";
        assert!(lines.ends_with(&format!(
            "\n3\nSome(\"f.csv:4: {too_long}\\nf.csv:5: bad 4\\nf.csv:6: {too_long}\")"
        )));
        // Several too-long lines in a row, then a record.
        bytes.extend_from_slice(b"\r\n");
        for _ in 0..5 {
            bytes.extend(vec![b'v'; 5 * LINE_LIMIT]);
            bytes.extend_from_slice(b"\n");
        }
        bytes.extend_from_slice(b"x,7\n");
        let lines = read(&bytes);
        assert!(
            lines.ends_with(&format!("f.csv:11: {too_long}\")")),
            "{}",
            &lines[lines.len() - 200..]
        );
    }

    #[test]
    fn every_line_break_ends_a_record_and_quotes_hold_separators() {
        let read = read(b"a,b\r\nx,1\n\"y,z\",2\r3,\"q\"\"\"\n\nbad,4\n");
        assert_eq!(
            read,
            "Text { encoding: Utf8, separator: ',' }\n[\"x|1\", \"y,z|2\", \"3|q\\\"\"]\n4\nSome(\"f.csv:6: bad 4\")"
        );
    }
}
