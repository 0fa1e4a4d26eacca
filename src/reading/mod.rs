//! Reading a table of records from a file as an accountant's tools export it: CSV with ',',
//! ';' or tab, UTF-8 with or without a BOM, Windows-1252 or UTF-16, any line breaks, one record
//! per physical line. One streaming pass hands each record's fields to a `Records`, and gathers
//! every bad line.

pub mod fields;
pub mod text;
pub mod workbook;

use std::io::{self, Read};
use std::path::Path;
use std::sync::mpsc;
use std::thread;

use crate::convention::names;
use crate::error::{Error, Location, Result, MANY_LIMIT};
use crate::messages::{records as msg, run};
pub use text::Encoding;
use text::{Decoder, Lines, Problem, LINE_LIMIT};

/// Lines handed from the parsing thread to the counting one at a time, and the most text
/// they may hold.
pub const BATCH: usize = 1024;
const BATCH_TEXT: usize = 256 * 1024;
/// The most columns a record is asked for.
const MAX_COLUMNS: usize = 8;

/// What the records of a kind of file are for: the columns they need, and what to do with
/// each record.
pub trait Records {
    /// The columns a file must have, each with the other names it answers to (compared
    /// ignoring case, accents and punctuation); other columns are ignored.
    const COLUMNS: &'static [(&'static str, &'static [&'static str])];

    /// Columns a file may have, given after the required ones (empty where a file lacks them).
    const OPTIONAL: &'static [(&'static str, &'static [&'static str])] = &[];

    /// Takes one record's fields, in the order of `COLUMNS` then `OPTIONAL`; what is wrong with
    /// it, if anything.
    fn add(&mut self, fields: &[&str]) -> Result<(), String>;

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

/// A batch of lines: the text of their fields one after the other, where each field ends,
/// and each line's number and last field (or what kept it from being read).
#[derive(Default)]
struct Batch {
    text: String,
    ends: Vec<u32>,
    lines: Vec<(u64, Result<u32, Problem>)>,
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
/// the file cannot be read or its header is wrong.
///
/// One thread reads, decodes and splits the lines while the calling thread hands them to
/// `records`, batch by batch; batches go back to the reader to be refilled, so memory stays
/// flat.
pub fn scan<R: Records>(input: impl Read + Send, file: &str, records: R) -> Result<Scan<R>> {
    let io_error = |e| Error::io(Path::new(file), run::cannot_read())(e);
    let (input, encoding) = text::sniff(input).map_err(io_error)?;
    let mut lines = Lines::new(input);
    let mut decoder = Decoder::new(encoding);
    let (separator, columns, width) =
        header(&mut lines, &mut decoder, file, R::COLUMNS, R::OPTIONAL)?;
    let mut scan = Scan {
        source: Source::Text {
            encoding,
            separator: char::from(separator),
        },
        records,
        errors: Vec::new(),
        more: 0,
    };
    let encoding = thread::scope(|scope| {
        let (full, filled) = mpsc::sync_channel::<io::Result<Batch>>(2);
        let (empty, to_fill) = mpsc::sync_channel::<Batch>(3);
        for _ in 0..3 {
            let _ = empty.send(Batch::default());
        }
        let reader = scope.spawn(move || {
            // Ends when the batch it would fill is not sent back, or the counter hangs up.
            for mut batch in to_fill {
                let filled = fill(&mut batch, &mut lines, &mut decoder, separator);
                let last = !matches!(filled, Ok(true));
                if full.send(filled.map(|_| batch)).is_err() || last {
                    break;
                }
            }
            decoder.encoding
        });
        for batch in filled {
            let batch = batch.map_err(io_error)?;
            let mut first: usize = 0;
            for &(line, fields) in &batch.lines {
                let at = || Location::line(file, line as usize);
                let end = match fields {
                    Ok(end) => end as usize,
                    Err(problem) => {
                        scan.report(at(), &problem_message(problem));
                        continue;
                    }
                };
                let start = first.checked_sub(1).map_or(0, |i| batch.ends[i] as usize);
                let ends = &batch.ends[first..end];
                first = end;
                let field = |i: usize| {
                    let from = i.checked_sub(1).map_or(start, |i| ends[i] as usize);
                    &batch.text[from..ends[i] as usize]
                };
                // A spreadsheet's empty rows come out as ";;;".
                if (0..ends.len()).all(|i| fields::trim(field(i)).is_empty()) {
                    continue;
                }
                if ends.len() != width {
                    let fields: Vec<&str> = (0..ends.len()).map(field).collect();
                    scan.report(at(), &width_message(width, &fields, separator));
                    continue;
                }
                let mut wanted = [""; MAX_COLUMNS];
                for (slot, &column) in wanted.iter_mut().zip(&columns) {
                    *slot = column.map_or("", field);
                }
                if let Err(message) = scan.records.add(&wanted[..columns.len()]) {
                    scan.report(at(), &message);
                }
            }
            let _ = empty.send(batch);
        }
        Ok(reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })?;
    // The reader may have found, past the first lines, that the file is not UTF-8.
    if let Source::Text {
        encoding: read_as, ..
    } = &mut scan.source
    {
        *read_as = encoding;
    }
    for message in scan.records.finish() {
        scan.report(Location::file(file), &message);
    }
    Ok(scan)
}

/// Reads the header: the separator, where the `required` columns are, and how many there are.
fn header(
    lines: &mut Lines<impl Read>,
    decoder: &mut Decoder,
    file: &str,
    required: &[(&str, &[&str])],
    optional: &[(&str, &[&str])],
) -> Result<(u8, Vec<Option<usize>>, usize)> {
    let at = || Location::line(file, 1);
    let line = match lines.next_line() {
        Err(e) => return Err(Error::io(Path::new(file), run::cannot_read())(e)),
        Ok(None) => &b""[..],
        Ok(Some((_, Some(line)))) => line,
        Ok(Some((_, None))) => return Err(Error::input(at(), msg::header_too_long())),
    };
    let header = decoder
        .text(1, line)
        .and_then(|text| match text.contains('\0') {
            true => Err(Problem::NotText),
            false => Ok(text),
        })
        .map_err(|problem| Error::input(at(), problem_message(problem)))?;
    let separator = text::separator(header);
    let (mut text, mut ends) = (String::new(), Vec::new());
    text::split(header, separator, &mut text, &mut ends)
        .map_err(|problem| Error::input(at(), problem_message(problem)))?;
    let mut start = 0;
    let headers: Vec<&str> = ends
        .iter()
        .map(|&end| {
            let cell = &text[start..end as usize];
            start = end as usize;
            cell
        })
        .collect();
    let columns = columns(&headers, required, optional, at())?;
    Ok((separator, columns, headers.len()))
}

/// Where each of the `required` columns, then each of the `optional` ones, is among
/// `headers`, the header being at `at`.
fn columns(
    headers: &[&str],
    required: &[(&str, &[&str])],
    optional: &[(&str, &[&str])],
    at: Location,
) -> Result<Vec<Option<usize>>> {
    let folded: Vec<String> = headers.iter().map(|h| names::fold(h)).collect();
    let find = |name: &str, others: &[&str]| {
        folded
            .iter()
            .position(|h| h == name || others.iter().any(|o| h == o))
    };
    let mut columns = Vec::new();
    for &(name, others) in required {
        let column = find(name, others).ok_or_else(|| {
            let found: Vec<&str> = headers.iter().map(|h| h.trim()).collect();
            let names: Vec<String> = std::iter::once(&name)
                .chain(others)
                .map(|a| format!("{a:?}"))
                .collect();
            Error::input(at.clone(), msg::missing_column(&names, &found))
        })?;
        columns.push(Some(column));
    }
    columns.extend(optional.iter().map(|&(name, others)| find(name, others)));
    columns.truncate(MAX_COLUMNS);
    Ok(columns)
}

/// Fills `batch` with the next lines; false at the end of the input.
fn fill(
    batch: &mut Batch,
    lines: &mut Lines<impl Read>,
    decoder: &mut Decoder,
    separator: u8,
) -> io::Result<bool> {
    batch.text.clear();
    batch.ends.clear();
    batch.lines.clear();
    while batch.lines.len() < BATCH && batch.text.len() < BATCH_TEXT {
        let Some((number, line)) = lines.next_line()? else {
            return Ok(false);
        };
        let fields = match line {
            None => Err(Problem::TooLong),
            Some([]) => continue,
            Some(line) => {
                let (text, ends) = (batch.text.len(), batch.ends.len());
                let split = decoder.text(number, line).and_then(|line| {
                    text::split(line, separator, &mut batch.text, &mut batch.ends)
                });
                if split.is_err() {
                    // What the line added is dropped, so that fields stay in step with lines.
                    batch.text.truncate(text);
                    batch.ends.truncate(ends);
                }
                split.map(|()| batch.ends.len() as u32)
            }
        };
        batch.lines.push((number, fields));
    }
    Ok(true)
}

fn problem_message(problem: Problem) -> String {
    match problem {
        Problem::TooLong => msg::line_too_long(LINE_LIMIT / 1024),
        Problem::Unclosed => msg::unclosed_quote(),
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
