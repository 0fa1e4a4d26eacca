//! Reading a table of records from a file as an accountant's tools export it: CSV with ',',
//! ';' or tab, UTF-8 with or without a BOM, Windows-1252 or UTF-16, any line breaks, one record
//! per physical line. One streaming pass hands each record's fields to a `Records`, and gathers
//! every bad line.

pub mod fields;
pub mod runs;
pub mod text;
pub mod workbook;

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::sync::mpsc;
use std::thread;

use memchr::{memchr, memchr2, memchr3_iter};

use crate::convention::names;
use crate::error::{Error, Location, Result, MANY_LIMIT};
use crate::messages::{records as msg, run};
use runs::{Run, Runs, Text, RUN_BYTES};
pub use text::Encoding;
use text::{Decoder, Fields, Lines, Problem, LINE_LIMIT};

/// The most columns a record is asked for.
const MAX_COLUMNS: usize = 8;

/// What the records of a kind of file are for: the columns they need, and what to do with
/// each record.
///
/// A file is read in runs of lines, side by side on several cores: each reader is a clone of
/// the records it was given, adds the lines of a run to that run's `Part`, and the parts are
/// taken in the order of the file.
pub trait Records: Clone + Send {
    /// The columns a file must have, each with the other names it answers to (compared
    /// ignoring case, accents and punctuation); other columns are ignored.
    const COLUMNS: &'static [(&'static str, &'static [&'static str])];

    /// Columns a file may have, given after the required ones (empty where a file lacks them).
    const OPTIONAL: &'static [(&'static str, &'static [&'static str])] = &[];

    /// What the records of a run of lines add up to.
    type Part: Default + Send;

    /// Adds one record's fields, in the order of `COLUMNS` then `OPTIONAL`, to `part`; what is
    /// wrong with it, if anything.
    fn add(&mut self, part: &mut Self::Part, fields: &[&str]) -> Result<(), String>;

    /// Takes `part`, the records of the lines after those already taken.
    fn take(&mut self, part: Self::Part);

    /// Takes what a clone learnt besides its parts (how often it met each spelling, say).
    fn join(&mut self, _clone: Self) {}

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
    // A reading thread costs its start and memory of its own (the allocator gives each thread
    // its arena): a file of a few runs is read on this one, in a few milliseconds.
    let small = input
        .metadata()
        .is_ok_and(|m| m.is_file() && m.len() <= SMALL_FILE);
    let readers = if small { 1 } else { readers() };
    scan_on(input, &file, records, readers)
}

/// The largest file read without threads: four runs.
const SMALL_FILE: u64 = 4 * RUN_BYTES as u64;

/// Reads every line of `input` into `records`, gathering the errors; fails at once only when
/// the file cannot be read or its header is wrong.
///
/// After the header, this thread cuts the file into runs of whole lines (`runs`) and as many
/// threads as the machine has cores (up to `MAX_READERS`; none on one core) read them side by
/// side. Memory holds a few runs at a time, and what the records keep.
pub fn scan<R: Records>(input: impl Read, file: &str, records: R) -> Result<Scan<R>> {
    scan_on(input, file, records, readers())
}

/// Reads as `scan` does, on `readers` threads.
fn scan_on<R: Records>(
    input: impl Read,
    file: &str,
    records: R,
    readers: usize,
) -> Result<Scan<R>> {
    let how = How::Runs {
        readers,
        bytes: RUN_BYTES,
    };
    scan_as(input, file, records, how)
}

/// As many reading threads as the machine has cores, up to `MAX_READERS`.
fn readers() -> usize {
    thread::available_parallelism().map_or(1, |n| n.get().min(MAX_READERS))
}

/// The most threads reading runs side by side.
const MAX_READERS: usize = 4;

/// How a file is read after its header.
#[derive(Debug, Clone, Copy)]
enum How {
    /// In runs of about `bytes`, by `readers` threads side by side (in this one if 1).
    Runs { readers: usize, bytes: usize },
    /// One line at a time, the straightforward way the runs must agree with.
    #[cfg(test)]
    LineByLine,
}

/// Reads as `scan` does, the way `how` says.
fn scan_as<R: Records>(input: impl Read, file: &str, records: R, how: How) -> Result<Scan<R>> {
    let io_error = |e| Error::io(Path::new(file), run::cannot_read())(e);
    let (input, encoding) = text::sniff(input).map_err(io_error)?;
    let mut lines = Lines::new(input);
    let mut decoder = Decoder::new(encoding);
    let layout = header(&mut lines, &mut decoder, file, R::COLUMNS, R::OPTIONAL)?;
    let mut reading = Reading {
        scan: Scan {
            source: Source::Text {
                encoding,
                separator: char::from(layout.separator),
            },
            records,
            errors: Vec::new(),
            more: 0,
        },
        file,
        next_line: 2,
        utf8_line: decoder.utf8_line(),
    };
    let (readers, bytes) = match how {
        How::Runs { readers, bytes } => (readers, bytes),
        #[cfg(test)]
        How::LineByLine => {
            let encoding = reading.line_by_line(lines, decoder, &layout);
            return reading.finish(encoding.map_err(io_error)?);
        }
    };
    let (rest, input, after_cr) = lines.into_parts();
    let non_ascii = decoder.utf8_line().is_some();
    let mut runs = Runs::new(rest, input, after_cr, decoder.encoding, non_ascii, bytes);
    let line_by_line = match readers {
        1 => reading.one_run_at_a_time(&mut runs, &layout),
        _ => reading.side_by_side(&mut runs, &layout, readers),
    }
    .map_err(io_error)?;
    let mut encoding = runs.encoding;
    if let Some(bytes) = line_by_line {
        let lines = Lines::resume(runs.line_by_line(bytes), reading.next_line);
        encoding = reading
            .line_by_line(lines, Decoder::resume(encoding, reading.utf8_line), &layout)
            .map_err(io_error)?;
    }
    reading.finish(encoding)
}

impl<R: Records> Reading<'_, R> {
    /// The scan of the file, read in `encoding` (the file may have shown, past its first
    /// lines, that it is not UTF-8).
    fn finish(self, encoding: Encoding) -> Result<Scan<R>> {
        let Reading { mut scan, file, .. } = self;
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
}

/// Where the columns are.
struct Layout {
    separator: u8,
    /// Where each column asked for is, in the order of `COLUMNS` then `OPTIONAL`.
    columns: Vec<Option<usize>>,
    /// How many fields a line has.
    width: usize,
}

/// What a run of lines added up to, and what was wrong with its lines (numbered from 0 in
/// the run).
struct RunRead<P> {
    part: P,
    lines: u64,
    errors: Vec<(u64, String)>,
    more: usize,
    /// The run's first line that is UTF-8 and not ASCII, when it is the file's.
    first_non_ascii: Option<u64>,
}

/// A file being read: the runs read so far, in the file's order.
struct Reading<'f, R: Records> {
    scan: Scan<R>,
    file: &'f str,
    /// The number of the line after those read.
    next_line: u64,
    /// The first line that is UTF-8 and not ASCII.
    utf8_line: Option<u64>,
}

impl<R: Records> Reading<'_, R> {
    /// Reads the runs one after the other in this thread; the bytes left to read line by line.
    fn one_run_at_a_time(
        &mut self,
        runs: &mut Runs<impl Read>,
        layout: &Layout,
    ) -> io::Result<Option<Vec<u8>>> {
        let mut records = self.scan.records.clone();
        let mut buffer = Vec::new();
        let left = loop {
            let read = match runs.next(buffer)? {
                None => break None,
                Some(Run::LineByLine(bytes)) => break Some(bytes),
                Some(Run::Text {
                    text,
                    first_non_ascii,
                }) => {
                    let read = read_run(&mut records, layout, &text.as_str(), first_non_ascii);
                    buffer = text.into_bytes();
                    read
                }
            };
            self.take(read);
        };
        self.scan.records.join(records);
        Ok(left)
    }

    /// Reads the runs on `readers` threads, taking what they read in the file's order; the
    /// bytes left to read line by line.
    fn side_by_side(
        &mut self,
        runs: &mut Runs<impl Read>,
        layout: &Layout,
        readers: usize,
    ) -> io::Result<Option<Vec<u8>>> {
        type Done<P> = (usize, std::thread::Result<RunRead<P>>, Text);
        thread::scope(|scope| {
            let (done, finished) = mpsc::channel::<Done<R::Part>>();
            let mut to_read = Vec::new();
            let mut clones = Vec::new();
            for _ in 0..readers {
                let (send, runs) = mpsc::sync_channel::<(usize, Text, bool)>(2);
                let mut records = self.scan.records.clone();
                let done = done.clone();
                clones.push(scope.spawn(move || {
                    for (index, text, first_non_ascii) in runs {
                        // A panic is handed over to be raised where the runs are taken, so
                        // that no one waits for the run that will never come.
                        let read = panic::catch_unwind(AssertUnwindSafe(|| {
                            read_run(&mut records, layout, &text.as_str(), first_non_ascii)
                        }));
                        if done.send((index, read, text)).is_err() {
                            break;
                        }
                    }
                    records
                }));
                to_read.push(send);
            }
            drop(done);
            let mut waiting: BTreeMap<usize, RunRead<R::Part>> = BTreeMap::new();
            let mut buffers: Vec<Vec<u8>> = Vec::new();
            let (mut sent, mut taken) = (0, 0);
            let take_one = |waiting: &mut BTreeMap<usize, RunRead<R::Part>>,
                            buffers: &mut Vec<Vec<u8>>| {
                // The readers are alive until `to_read` is dropped: one is always coming.
                let Ok((index, read, text)) = finished.recv() else {
                    return;
                };
                waiting.insert(index, read.unwrap_or_else(|p| panic::resume_unwind(p)));
                buffers.push(text.into_bytes());
            };
            let left = loop {
                // At most two runs a thread on their way, so that memory stays flat.
                while sent - taken >= 2 * readers {
                    match waiting.remove(&taken) {
                        Some(read) => {
                            self.take(read);
                            taken += 1;
                        }
                        None => take_one(&mut waiting, &mut buffers),
                    }
                }
                match runs.next(buffers.pop().unwrap_or_default())? {
                    None => break None,
                    Some(Run::LineByLine(bytes)) => break Some(bytes),
                    Some(Run::Text {
                        text,
                        first_non_ascii,
                    }) => {
                        let _ = to_read[sent % readers].send((sent, text, first_non_ascii));
                    }
                }
                sent += 1;
            };
            while taken < sent {
                match waiting.remove(&taken) {
                    Some(read) => {
                        self.take(read);
                        taken += 1;
                    }
                    None => take_one(&mut waiting, &mut buffers),
                }
            }
            drop(to_read);
            for clone in clones {
                let clone = clone.join().unwrap_or_else(|p| panic::resume_unwind(p));
                self.scan.records.join(clone);
            }
            Ok(left)
        })
    }

    /// Reads the rest of the file one line at a time; the encoding it was read in.
    fn line_by_line(
        &mut self,
        mut lines: Lines<impl Read>,
        mut decoder: Decoder,
        layout: &Layout,
    ) -> io::Result<Encoding> {
        let mut part = R::Part::default();
        let mut fields = Fields::default();
        while let Some((number, line)) = lines.next_line()? {
            let read = match line {
                None => Err(problem_message(Problem::TooLong)),
                Some(line) => decoder
                    .text(number, line)
                    .map_err(problem_message)
                    .and_then(|text| {
                        read_line(&mut self.scan.records, &mut part, layout, &mut fields, text)
                    }),
            };
            if let Err(message) = read {
                self.scan
                    .report(Location::line(self.file, number as usize), &message);
            }
        }
        self.scan.records.take(part);
        Ok(decoder.encoding)
    }

    /// Takes what a run read, the run after those taken.
    fn take(&mut self, read: RunRead<R::Part>) {
        for (line, message) in read.errors {
            let at = Location::line(self.file, (self.next_line + line) as usize);
            self.scan.report(at, &message);
        }
        self.scan.more += read.more;
        if self.utf8_line.is_none() {
            self.utf8_line = read.first_non_ascii.map(|line| self.next_line + line);
        }
        self.scan.records.take(read.part);
        self.next_line += read.lines;
    }
}

/// Reads the lines of `text` into a part of `records`.
fn read_run<R: Records>(
    records: &mut R,
    layout: &Layout,
    text: &str,
    first_non_ascii: bool,
) -> RunRead<R::Part> {
    let mut read = RunRead {
        part: R::Part::default(),
        lines: 0,
        errors: Vec::new(),
        more: 0,
        first_non_ascii: None,
    };
    if memchr(b'"', text.as_bytes()).is_some() {
        let mut fields = Fields::default();
        for line in lines(text) {
            read.line(line, first_non_ascii, |part| {
                read_line(records, part, layout, &mut fields, line)
            });
        }
    } else {
        cut(text, layout.separator, |line, ranges| {
            read.line(line, first_non_ascii, |part| {
                read_fields(records, part, layout, line, ranges)
            });
        });
    }
    read
}

impl<P> RunRead<P> {
    /// Reads the next `line` of the run with `read`, and notes what is wrong with it.
    fn line(
        &mut self,
        line: &str,
        first_non_ascii: bool,
        read: impl FnOnce(&mut P) -> Result<(), String>,
    ) {
        if first_non_ascii && self.first_non_ascii.is_none() && !line.is_ascii() {
            self.first_non_ascii = Some(self.lines);
        }
        // A run holds no line too long to read (`runs`).
        if let Err(message) = read(&mut self.part) {
            match self.errors.len() < MANY_LIMIT {
                true => self.errors.push((self.lines, message)),
                false => self.more += 1,
            }
        }
        self.lines += 1;
    }
}

/// The lines of `text`, without their line breaks (LF, CRLF or CR).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start == bytes.len() {
            return None;
        }
        let end = memchr2(b'\n', b'\r', &bytes[start..]).map_or(bytes.len(), |i| start + i);
        let line = &text[start..end];
        start = (end + 1).min(bytes.len());
        if bytes.get(end) == Some(&b'\r') && bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        Some(line)
    })
}

/// Hands each line of `text`, which has no quote, to `line` with where its fields start and
/// end: one search through the whole text finds every separator and line break, which costs
/// less than a search per field.
fn cut(text: &str, separator: u8, line: impl FnMut(&str, &[(u32, u32)])) {
    let bytes = text.as_bytes();
    // The vector search itself rather than through the crate's choice at every call: a third
    // of the cost of a search that stops every few bytes.
    #[cfg(target_arch = "x86_64")]
    if let Some(search) = memchr::arch::x86_64::avx2::memchr::Three::new(separator, b'\n', b'\r') {
        return cut_at(text, separator, search.iter(bytes), line);
    }
    cut_at(
        text,
        separator,
        memchr3_iter(separator, b'\n', b'\r', bytes),
        line,
    )
}

/// `cut`, where `marks` are the places of the separators and line breaks in `text`.
fn cut_at(
    text: &str,
    separator: u8,
    marks: impl Iterator<Item = usize>,
    mut line: impl FnMut(&str, &[(u32, u32)]),
) {
    let bytes = text.as_bytes();
    let mut ranges = Vec::new();
    // Where the line and the field being read start.
    let (mut start, mut field) = (0, 0);
    let mut after_cr = false;
    for at in marks {
        let byte = bytes[at];
        if byte == separator {
            ranges.push(((field - start) as u32, (at - start) as u32));
            field = at + 1;
            continue;
        }
        if byte == b'\n' && after_cr && at == start {
            // The second half of a CRLF.
            (start, field, after_cr) = (at + 1, at + 1, false);
            continue;
        }
        ranges.push(((field - start) as u32, (at - start) as u32));
        line(&text[start..at], &ranges);
        ranges.clear();
        (start, field, after_cr) = (at + 1, at + 1, byte == b'\r');
    }
    if start < bytes.len() {
        ranges.push(((field - start) as u32, (bytes.len() - start) as u32));
        line(&text[start..], &ranges);
    }
}

/// Reads one line into `part`: what is wrong with it, if anything.
fn read_line<R: Records>(
    records: &mut R,
    part: &mut R::Part,
    layout: &Layout,
    fields: &mut Fields,
    line: &str,
) -> Result<(), String> {
    if line.is_empty() {
        return Ok(());
    }
    let (text, ranges) = text::split(line, layout.separator, fields).map_err(problem_message)?;
    read_fields(records, part, layout, text, ranges)
}

/// Reads into `part` one line whose fields lie in `text` at `ranges`: what is wrong with it,
/// if anything.
fn read_fields<R: Records>(
    records: &mut R,
    part: &mut R::Part,
    layout: &Layout,
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
    records.add(part, &wanted[..layout.columns.len()])
}

/// Reads the header: the separator, where the `required` columns are, and how many there are.
fn header(
    lines: &mut Lines<impl Read>,
    decoder: &mut Decoder,
    file: &str,
    required: &[(&str, &[&str])],
    optional: &[(&str, &[&str])],
) -> Result<Layout> {
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
    let mut fields = Fields::default();
    let (text, ranges) = text::split(header, separator, &mut fields)
        .map_err(|problem| Error::input(at(), problem_message(problem)))?;
    let headers: Vec<&str> = ranges
        .iter()
        .map(|&(start, end)| &text[start as usize..end as usize])
        .collect();
    Ok(Layout {
        separator,
        columns: columns(&headers, required, optional, at())?,
        width: headers.len(),
    })
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
    use proptest::prelude::*;

    /// Records that keep every line as read, and count the lines they were given.
    #[derive(Clone, Default)]
    struct Rows {
        rows: Vec<String>,
        given: usize,
    }

    impl Records for Rows {
        const COLUMNS: &'static [(&'static str, &'static [&'static str])] =
            &[("a", &[]), ("b", &[])];
        type Part = Vec<String>;

        fn add(&mut self, part: &mut Vec<String>, fields: &[&str]) -> Result<(), String> {
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

        fn join(&mut self, clone: Self) {
            self.given += clone.given;
        }
    }

    /// Everything a scan of `bytes` found, as text.
    fn read(bytes: &[u8], how: How) -> String {
        match scan_as(bytes, "f.csv", Rows::default(), how) {
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

    /// Pieces of lines: records, bad ones, quotes, empty rows, other encodings, NUL bytes,
    /// and lines as long as may be read, or one byte longer.
    fn pieces() -> Vec<Vec<u8>> {
        let long = |fill: &[u8], total: usize| {
            let mut line = fill.repeat(total / fill.len());
            line.extend_from_slice(b",1");
            line
        };
        let short: [&[u8]; 12] = [
            b"x,y",
            b"bad,1",
            b"bad,2",
            "é,ü".as_bytes(),
            b"\"q,\"\"\",z",
            b"\"open,z",
            b"a,b,c",
            b",",
            b"",
            b"\xe9t\xe9,1",
            b"\0\xff,1",
            b"n\0,1",
        ];
        let mut all: Vec<Vec<u8>> = short.iter().map(|p| p.to_vec()).collect();
        all.extend([
            long(b"y", LINE_LIMIT - 2),
            long(b"z", LINE_LIMIT - 1),
            long("é".as_bytes(), LINE_LIMIT),
            long(b"\xe9", LINE_LIMIT),
        ]);
        all
    }
    const BREAKS: &[&[u8]] = &[b"\n", b"\r\n", b"\r"];

    fn file() -> impl Strategy<Value = Vec<u8>> {
        let count = pieces().len();
        // Long lines are rare, as in real files: one chance in eight.
        let piece = prop_oneof![7 => 0..12usize, 1 => 12..count];
        let line = (piece, 0..BREAKS.len());
        (
            (0..3usize, 0..BREAKS.len(), any::<bool>()),
            proptest::collection::vec(line, 0..40),
            any::<bool>(),
        )
            .prop_map(|((head, head_break, semicolons), lines, last_break)| {
                let pieces = pieces();
                let mut bytes =
                    [&b"a,b"[..], b"\xef\xbb\xbfa,b", "a,b é".as_bytes()][head].to_vec();
                bytes.extend_from_slice(BREAKS[head_break]);
                let count = lines.len();
                for (i, (piece, end)) in lines.into_iter().enumerate() {
                    bytes.extend_from_slice(&pieces[piece]);
                    if i + 1 < count || last_break {
                        bytes.extend_from_slice(BREAKS[end]);
                    }
                }
                if semicolons {
                    for byte in &mut bytes {
                        if *byte == b',' {
                            *byte = b';';
                        }
                    }
                }
                bytes
            })
    }

    proptest! {
        #[test]
        fn runs_read_what_lines_read(
            bytes in file(),
            readers in 1..4usize,
            size in 1..64usize,
        ) {
            // Runs of a few bytes, so that every way a run can end is met.
            let lines = read(&bytes, How::LineByLine);
            prop_assert_eq!(read(&bytes, How::Runs { readers, bytes: size }), lines);
        }
    }

    #[test]
    fn long_lines_are_read_or_skipped_whatever_the_runs() {
        let mut bytes = b"a,b\r\nx,1\r\n".to_vec();
        bytes.extend(vec![b'y'; LINE_LIMIT - 2]);
        bytes.extend_from_slice(b",2\r\n");
        bytes.extend(vec![b'z'; 3 * LINE_LIMIT]);
        bytes.extend_from_slice(b"\r\nbad,4\r\n");
        bytes.extend(vec![b'w'; LINE_LIMIT + 1]);
        let lines = read(&bytes, How::LineByLine);
        let too_long = "the line is longer than 64 KiB, too long for a record";
        assert!(lines.ends_with(&format!(
            "\n3\nSome(\"f.csv:4: {too_long}\\nf.csv:5: bad 4\\nf.csv:6: {too_long}\")"
        )));
        // More too-long lines in a row than runs are read at once on two threads.
        bytes.extend_from_slice(b"\r\n");
        for _ in 0..5 {
            bytes.extend(vec![b'v'; 5 * LINE_LIMIT]);
            bytes.extend_from_slice(b"\n");
        }
        bytes.extend_from_slice(b"x,7\n");
        let lines = read(&bytes, How::LineByLine);
        assert!(
            lines.ends_with(&format!("f.csv:11: {too_long}\")")),
            "{}",
            &lines[lines.len() - 200..]
        );
        for (readers, size) in [
            (1, 1),
            (2, 1000),
            (1, RUN_BYTES),
            (2, RUN_BYTES),
            (3, RUN_BYTES),
        ] {
            // Not assert_eq: the rows are too long to print.
            assert!(
                read(
                    &bytes,
                    How::Runs {
                        readers,
                        bytes: size
                    }
                ) == lines
            );
        }
    }
}
