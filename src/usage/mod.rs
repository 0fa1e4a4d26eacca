//! Reading a usage file: the services each member ordered, as an accountant's spreadsheet
//! exports them (',', ';' or tab, UTF-8 with or without a BOM, Windows-1252 or UTF-16, any line
//! breaks, 2021-03-15 or 15/03/2021, 1.5 or 1,5). One streaming pass sums the quantities per
//! (semester, member, service) and gathers every bad line.

mod records;
mod text;

use std::io::{self, Read};
use std::path::Path;
use std::sync::mpsc;
use std::thread;

use crate::billing::Usage;
use crate::calendar::Semester;
use crate::convention::{names, Convention};
use crate::error::{Error, Location, Result, MANY_LIMIT};
pub use records::Count;
use records::Tally;
pub use text::Encoding;
use text::{Decoder, Lines, Problem, LINE_LIMIT};

/// The columns a usage file must have; `note` and any other column are ignored.
/// Each also answers to French names, compared ignoring case and accents.
const REQUIRED: [(&str, &[&str]); 4] = [
    ("date", &[]),
    ("member", &["membre", "commune", "collectivite"]),
    ("service", &["prestation"]),
    ("quantity", &["quantite", "qte"]),
];

/// Lines handed from the parsing thread to the counting one at a time, and the most text
/// they may hold.
const BATCH: usize = 1024;
const BATCH_TEXT: usize = 256 * 1024;

/// Reads the usage in `input`; `file` names it in error messages, each bad line in one.
pub fn read(input: impl Read + Send, file: &str, c: &Convention) -> Result<Usage> {
    let mut scan = scan(input, file, c)?;
    match scan.take_errors() {
        Some(errors) => Err(errors),
        None => Ok(scan.usage()),
    }
}

/// What a usage file holds, as far as it could be read.
pub struct Scan<'a> {
    pub encoding: Encoding,
    pub separator: char,
    tally: Tally<'a>,
    errors: Vec<Error>,
    /// Errors past the first `MANY_LIMIT`.
    more: usize,
}

impl Scan<'_> {
    /// The quantities to bill.
    pub fn usage(&self) -> Usage {
        self.counts()
            .map(|(key, count)| (*key, count.quantity))
            .collect()
    }

    /// The lines and quantity of each (semester, member, service) read.
    pub fn counts(&self) -> impl Iterator<Item = (&(Semester, usize, usize), &Count)> {
        self.tally.sums.iter()
    }

    /// Each spelling of a member on the lines read, with the member it designates and its
    /// number of lines; and the number of lines whose spelling was not kept (past thousands).
    pub fn spellings(&self) -> (Vec<(&str, usize, u64)>, u64) {
        self.tally.spellings()
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

/// Reads every line of `input`, gathering the errors; fails at once only when the file
/// cannot be read or its header is wrong.
///
/// One thread reads, decodes and splits the lines while the calling thread matches and sums
/// them, batch by batch; batches go back to the reader to be refilled, so memory stays flat.
pub fn scan<'c>(input: impl Read + Send, file: &str, c: &'c Convention) -> Result<Scan<'c>> {
    let io_error = |e| Error::io(Path::new(file), "cannot read")(e);
    let (input, encoding) = text::sniff(input).map_err(io_error)?;
    let mut lines = Lines::new(input);
    let mut decoder = Decoder::new(encoding);
    let (separator, columns, width) = header(&mut lines, &mut decoder, file)?;
    let mut scan = Scan {
        encoding,
        separator: char::from(separator),
        tally: Tally::new(c),
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
                if (0..ends.len()).all(|i| records::trim(field(i)).is_empty()) {
                    continue;
                }
                if ends.len() != width {
                    let fields: Vec<&str> = (0..ends.len()).map(field).collect();
                    scan.report(at(), &width_message(width, &fields, separator));
                    continue;
                }
                if let Err(message) = scan.tally.add(columns.map(field)) {
                    scan.report(at(), &message);
                }
            }
            let _ = empty.send(batch);
        }
        Ok(reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })?;
    scan.encoding = encoding;
    for message in scan.tally.too_large() {
        scan.report(Location::file(file), &message);
    }
    Ok(scan)
}

/// Reads the header: the separator, where the required columns are, and how many there are.
fn header(
    lines: &mut Lines<impl Read>,
    decoder: &mut Decoder,
    file: &str,
) -> Result<(u8, [usize; 4], usize)> {
    let at = || Location::line(file, 1);
    let line = match lines.next_line() {
        Err(e) => return Err(Error::io(Path::new(file), "cannot read")(e)),
        Ok(None) => &b""[..],
        Ok(Some((_, Some(line)))) => line,
        Ok(Some((_, None))) => {
            return Err(Error::input(
                at(),
                "the first line is too long for a header",
            ))
        }
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
    let folded: Vec<String> = headers.iter().map(|h| names::fold(h)).collect();
    let mut columns = [0; 4];
    for (slot, (name, french)) in columns.iter_mut().zip(REQUIRED) {
        let accepted = || std::iter::once(&name).chain(french);
        *slot = folded
            .iter()
            .position(|h| accepted().any(|a| h == a))
            .ok_or_else(|| {
                let found: Vec<&str> = headers.iter().map(|h| h.trim()).collect();
                let names: Vec<String> = accepted().map(|a| format!("{a:?}")).collect();
                Error::input(
                    at(),
                    format!(
                        "missing column {} (the header has: {})",
                        names.join(" or "),
                        found.join(", ")
                    ),
                )
            })?;
    }
    Ok((separator, columns, headers.len()))
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
        Problem::TooLong => format!(
            "the line is longer than {} KiB, too long for a usage record",
            LINE_LIMIT / 1024
        ),
        Problem::Unclosed => "a quote opens a field that is not closed on this line (a field \
            cannot span lines: close the quote or remove it)"
            .to_string(),
        Problem::NotUtf8 { utf8_line: None } => {
            "not valid UTF-8 text (save the file as UTF-8)".to_string()
        }
        Problem::NotUtf8 {
            utf8_line: Some(line),
        } => format!("not valid UTF-8 text, though line {line} is (save the whole file as UTF-8)"),
        Problem::NotText => {
            "not text: the line has NUL bytes (save the file as CSV, in UTF-8)".to_string()
        }
    }
}

/// The message of a line with more or fewer fields than the header.
fn width_message(width: usize, fields: &[&str], separator: u8) -> String {
    let message = format!(
        "expected {width} fields like the header, found {}",
        fields.len()
    );
    let split_number = fields.windows(2).any(|pair| {
        pair[0].trim_end().ends_with(|c: char| c.is_ascii_digit())
            && pair[1]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
    });
    if separator == b',' && fields.len() > width && split_number {
        format!(
            "{message}: a decimal comma probably split a number in two (write 1.5, \
             quote it as \"1,5\", or separate the columns with ';')"
        )
    } else {
        message
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
    fn long_files_are_read_batch_after_batch() {
        // More lines than a batch, with the bad one far down.
        let line = "2021-03-15,cdc,amo,0.5\n";
        let mut text = format!(
            "date,member,service,quantity\n{}",
            line.repeat(2 * BATCH + 10)
        );
        let total = usage(&text).unwrap();
        assert_eq!(
            total.values().copied().collect::<Vec<_>>(),
            vec![dec("1029")]
        );
        text.push_str("2021-03-15,nobody,amo,1\n");
        assert_eq!(
            error(&text),
            format!(
                "usage.csv:{}: unknown member \"nobody\" (members: {MEMBERS})",
                2 * BATCH + 12
            )
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
}
