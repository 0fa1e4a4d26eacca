//! Reading a usage file: the services each member ordered, as an accountant's spreadsheet
//! exports them (',' or ';', with or without a BOM, 2021-03-15 or 15/03/2021, 1.5 or 1,5).
//! One streaming pass sums the quantities per (semester, member, service).

use std::collections::HashMap;
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::Path;
use std::sync::mpsc;
use std::thread;

use chrono::NaiveDate;
use csv::{ByteRecord, StringRecord};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use crate::billing::Usage;
use crate::calendar::Semester;
use crate::convention::{names, Convention};
use crate::error::{Error, Location, Result};

/// The columns a usage file must have; `note` and any other column are ignored.
/// Each also answers to French names, compared ignoring case and accents.
const REQUIRED: [(&str, &[&str]); 4] = [
    ("date", &[]),
    ("member", &["membre", "commune", "collectivite"]),
    ("service", &["prestation"]),
    ("quantity", &["quantite", "qte"]),
];
/// Largest sum of quantities of one service for one member in one semester.
const SUM_LIMIT: Decimal = Decimal::from_parts(3_567_587_328, 232, 0, false, 0); // 10¹²

/// Longest header line read.
const HEADER_LIMIT: u64 = 64 * 1024;
const NOT_UTF8: &str = "not valid UTF-8 text (save the file as UTF-8)";

/// Records handed from the parsing thread to the counting one at a time.
const BATCH: usize = 1024;

/// Reads the usage in `input`; `file` names it in error messages.
///
/// One thread parses the CSV while the calling thread matches and sums its records, batch by
/// batch; batches go back to the parser to be refilled, so memory stays flat.
pub fn read(input: impl Read + Send, file: &str, c: &Convention) -> Result<Usage> {
    let (mut csv, columns) = open(input, file)?;
    let mut tally = Tally::new(c, file, columns);
    thread::scope(|scope| {
        let (full, filled) = mpsc::sync_channel::<csv::Result<(Vec<ByteRecord>, usize)>>(2);
        let (empty, to_fill) = mpsc::sync_channel::<Vec<ByteRecord>>(3);
        for _ in 0..3 {
            let _ = empty.send(vec![ByteRecord::new(); BATCH]);
        }
        scope.spawn(move || {
            // Ends when the batch it would fill is not sent back, or the counter hangs up.
            for mut batch in to_fill {
                let mut count = 0;
                while count < BATCH {
                    match csv.read_byte_record(&mut batch[count]) {
                        Ok(true) => count += 1,
                        Ok(false) => break,
                        Err(e) => {
                            let _ = full.send(Err(e));
                            return;
                        }
                    }
                }
                if full.send(Ok((batch, count))).is_err() || count < BATCH {
                    return;
                }
            }
        });
        let mut spare = ByteRecord::new();
        for message in filled {
            let (mut batch, count) = message.map_err(|e| csv_error(file, e))?;
            for slot in &mut batch[..count] {
                // Checking the text here, not in the parsing thread, shares the work evenly.
                // The record is swapped out and back, so its buffers are reused.
                let line = slot.position().map_or(0, |p| p.line() as usize);
                std::mem::swap(slot, &mut spare);
                let record = StringRecord::from_byte_record(spare)
                    .map_err(|_| bad(Location::line(file, line), NOT_UTF8))?;
                tally.add(&record)?;
                spare = std::mem::replace(slot, record.into_byte_record());
            }
            let _ = empty.send(batch);
        }
        Ok(())
    })?;
    tally.finish()
}

/// Reads the header: detects the delimiter, skips a byte order mark, finds the columns.
fn open(input: impl Read, file: &str) -> Result<(csv::Reader<impl Read>, [usize; 4])> {
    let mut input = BufReader::new(input);
    let mut header = String::new();
    // Bounded, so that a file without line breaks is not read whole into memory.
    match (&mut input).take(HEADER_LIMIT).read_line(&mut header) {
        Ok(_) if header.len() as u64 == HEADER_LIMIT => {
            return Err(bad(
                Location::line(file, 1),
                "the first line is too long for a header",
            ))
        }
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::InvalidData => {
            return Err(bad(Location::line(file, 1), NOT_UTF8))
        }
        Err(e) => return Err(Error::io(Path::new(file), "cannot read")(e)),
    }
    let header = header
        .strip_prefix('\u{feff}')
        .unwrap_or(&header)
        .to_string();
    let delimiter = if header.matches(';').count() > header.matches(',').count() {
        b';'
    } else {
        b','
    };

    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .from_reader(Cursor::new(header.into_bytes()).chain(input));
    let headers = csv.headers().map_err(|e| csv_error(file, e))?;
    let mut columns = [0; 4];
    let folded: Vec<String> = headers.iter().map(names::fold).collect();
    for (slot, (name, french)) in columns.iter_mut().zip(REQUIRED) {
        let accepted = || std::iter::once(&name).chain(french);
        *slot = folded
            .iter()
            .position(|h| accepted().any(|a| h == a))
            .ok_or_else(|| {
                let found: Vec<&str> = headers.iter().map(str::trim).collect();
                let names: Vec<String> = accepted().map(|a| format!("{a:?}")).collect();
                bad(
                    Location::line(file, 1),
                    &format!(
                        "missing column {} (the header has: {})",
                        names.join(" or "),
                        found.join(", ")
                    ),
                )
            })?;
    }
    Ok((csv, columns))
}

/// The sums of the records read so far.
struct Tally<'a> {
    c: &'a Convention,
    file: &'a str,
    /// Where date, member, service and quantity are in a record.
    columns: [usize; 4],
    matcher: Matcher<'a>,
    /// The sum of each (semester, member, service), in a map with a hash cheap enough to
    /// update on every line.
    sums: FxHashMap<(Semester, usize, usize), Decimal>,
}

impl<'a> Tally<'a> {
    fn new(c: &'a Convention, file: &'a str, columns: [usize; 4]) -> Self {
        let sums = FxHashMap::default();
        Tally {
            c,
            file,
            columns,
            matcher: Matcher::new(c),
            sums,
        }
    }

    fn add(&mut self, record: &StringRecord) -> Result<()> {
        let [date_at, member_at, service_at, quantity_at] = self.columns;
        let field = |i: usize| trim(record.get(i).unwrap_or_default());
        // A spreadsheet's empty rows come out as ";;;".
        if field(date_at).is_empty() && record.iter().all(|f| f.trim().is_empty()) {
            return Ok(());
        }
        let at = || {
            Location::line(
                self.file,
                record.position().map_or(0, |p| p.line() as usize),
            )
        };

        let c = self.c;
        let date = parse_date(field(date_at)).map_err(|message| bad(at(), &message))?;
        if date < c.start || date > c.last_day() {
            return Err(bad(
                at(),
                &format!(
                    "date {date} is outside the convention ({} to {})",
                    c.start,
                    c.last_day()
                ),
            ));
        }
        let member = self
            .matcher
            .member(field(member_at))
            .map_err(|message| bad(at(), &message))?;
        let service = self
            .matcher
            .service(field(service_at))
            .map_err(|message| bad(at(), &message))?;
        let quantity = parse_quantity(field(quantity_at)).map_err(|message| bad(at(), &message))?;
        *self
            .sums
            .entry((Semester::containing(date), member, service))
            .or_default() += quantity;
        Ok(())
    }

    /// The sums, once each is known to be billable.
    fn finish(self) -> Result<Usage> {
        // Each line is below a billion with at most six decimals, so the sums are exact;
        // bounding them keeps quantity × price far from the limits of a decimal.
        if let Some(((semester, member, service), sum)) =
            self.sums.iter().find(|(_, sum)| **sum >= SUM_LIMIT)
        {
            return Err(bad(
                Location::file(self.file),
                &format!(
                    "the {} quantities of {} in {semester} add up to {sum}, too much to bill",
                    self.c.services[*service].id, self.c.members[*member].id
                ),
            ));
        }
        Ok(self.sums.into_iter().collect())
    }
}

/// Trims white space, without looking twice at a field that has none.
fn trim(field: &str) -> &str {
    match field.as_bytes() {
        [] => field,
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => field,
        [only] if only.is_ascii_graphic() => field,
        _ => field.trim(),
    }
}

fn bad(at: Location, message: &str) -> Error {
    Error::input(at, message)
}

fn csv_error(file: &str, e: csv::Error) -> Error {
    let at = match e.position() {
        Some(p) => Location::line(file, p.line() as usize),
        None => Location::file(file),
    };
    let message = e.to_string();
    match e.into_kind() {
        csv::ErrorKind::Io(source) => Error::io(Path::new(file), "cannot read")(source),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => bad(
            at,
            &format!("expected {expected_len} fields like the header, found {len}"),
        ),
        csv::ErrorKind::Utf8 { .. } => bad(at, NOT_UTF8),
        _ => bad(at, &message),
    }
}

/// Finds members and services by what a usage line calls them. A spelling is looked up once,
/// then remembered.
struct Matcher<'a> {
    c: &'a Convention,
    by_folded_name: HashMap<String, usize>,
    members_seen: Spellings,
    services_seen: Spellings,
}

impl<'a> Matcher<'a> {
    fn new(c: &'a Convention) -> Self {
        let mut by_folded_name = HashMap::new();
        for (i, m) in c.members.iter().enumerate() {
            for name in [&m.id, &m.name].into_iter().chain(&m.aliases) {
                by_folded_name.insert(names::fold(name), i);
            }
        }
        Matcher {
            c,
            by_folded_name,
            members_seen: Spellings::default(),
            services_seen: Spellings::default(),
        }
    }

    fn member(&mut self, text: &str) -> std::result::Result<usize, String> {
        self.members_seen.find_or(text, |text| {
            let folded = names::fold(text);
            self.by_folded_name.get(&folded).copied().ok_or_else(|| {
                let closest = self
                    .by_folded_name
                    .iter()
                    .min_by_key(|(name, i)| (strsim::levenshtein(&folded, name), **i))
                    .map(|(_, &i)| &self.c.members[i].id);
                match closest {
                    Some(id) => format!("unknown member {text:?} (closest: {id})"),
                    None => format!("unknown member {text:?}"),
                }
            })
        })
    }

    fn service(&mut self, text: &str) -> std::result::Result<usize, String> {
        let services = &self.c.services;
        self.services_seen.find_or(text, |text| {
            services
                .iter()
                .position(|s| s.id.eq_ignore_ascii_case(text))
                .ok_or_else(|| {
                    let valid: Vec<&str> = services.iter().map(|s| s.id.as_str()).collect();
                    format!("unknown service {text:?} (services: {})", valid.join(", "))
                })
        })
    }
}

/// Spellings already matched, with what they matched. A file uses few, so a short list beats
/// hashing every line; past `SEEN_LIMIT` new spellings are looked up every time.
#[derive(Default)]
struct Spellings(Vec<(Box<str>, usize)>);

const SEEN_LIMIT: usize = 64;

impl Spellings {
    fn find_or(
        &mut self,
        text: &str,
        look_up: impl FnOnce(&str) -> std::result::Result<usize, String>,
    ) -> std::result::Result<usize, String> {
        if let Some((_, i)) = self.0.iter().find(|(spelling, _)| **spelling == *text) {
            return Ok(*i);
        }
        let i = look_up(text)?;
        if self.0.len() < SEEN_LIMIT {
            self.0.push((text.into(), i));
        }
        Ok(i)
    }
}

/// A date written 2021-03-15 or 15/03/2021.
fn parse_date(text: &str) -> std::result::Result<NaiveDate, String> {
    let b = text.as_bytes();
    // The year, month and day as written, in either order.
    let parts = if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        Some((&b[..4], &b[5..7], &b[8..]))
    } else {
        let mut parts = text.split('/').map(str::as_bytes);
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(d), Some(m), Some(y), None) if d.len() <= 2 && m.len() <= 2 && y.len() == 4 => {
                Some((y, m, d))
            }
            _ => None,
        }
    };
    let ymd = parts.and_then(|(y, m, d)| Some((number(y)?, number(m)?, number(d)?)));
    let Some((year, month, day)) = ymd else {
        return Err(format!(
            "cannot read date {text:?} (write it 2021-03-15 or 15/03/2021)"
        ));
    };
    NaiveDate::from_ymd_opt(year as i32, month, day)
        .ok_or_else(|| format!("impossible date {text:?}"))
}

/// A number of one to four ASCII digits.
fn number(digits: &[u8]) -> Option<u32> {
    let valid = (1..=4).contains(&digits.len()) && digits.iter().all(u8::is_ascii_digit);
    valid.then(|| digits.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
}

/// A quantity written with '.' or ',' as its decimal mark: 1.5 or 1,5. At most nine digits
/// before the mark and six after.
fn parse_quantity(text: &str) -> std::result::Result<Decimal, String> {
    let unreadable =
        || format!("cannot read quantity {text:?} as a number (write it 2, 1.5 or 1,5)");
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = match unsigned.find([',', '.']) {
        Some(i) => (&unsigned[..i], &unsigned[i + 1..]),
        None => (unsigned, ""),
    };
    let all_digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    if whole.len() + fraction.len() == 0 || !all_digits(whole) || !all_digits(fraction) {
        return Err(unreadable());
    }
    if whole.trim_start_matches('0').len() > 9 || fraction.len() > 6 {
        return Err(format!(
            "quantity {text} is too large or too precise (at most 999999999.999999)"
        ));
    }
    if sign && (whole.bytes().chain(fraction.bytes())).any(|b| b != b'0') {
        return Err(format!("negative quantity {text}"));
    }
    // At most fifteen significant digits: the mantissa fits an i64 exactly.
    let mantissa = whole
        .bytes()
        .chain(fraction.bytes())
        .fold(0i64, |n, d| n * 10 + i64::from(d - b'0'));
    Ok(Decimal::new(mantissa, fraction.len() as u32))
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
            ("2021-03-15,saint pierre,amo,1", "usage.csv:2: unknown member \"saint pierre\" (closest: saint-pierre-d-oleron)"),
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
    fn text_must_be_utf8() {
        let c = parse(EMBEDDED, EMBEDDED_NAME).unwrap();
        let latin1 =
            b"date,member,service,quantity\n2021-03-15,cdc,amo,1\n2021-03-15,Ol\xe9ron,amo,1\n";
        let err = read(&latin1[..], "usage.csv", &c).unwrap_err().to_string();
        assert_eq!(
            err,
            "usage.csv:3: not valid UTF-8 text (save the file as UTF-8)"
        );
        let latin1_header = b"date,membre,quantit\xe9\n";
        let err = read(&latin1_header[..], "usage.csv", &c)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "usage.csv:1: not valid UTF-8 text (save the file as UTF-8)"
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
                "usage.csv:{}: unknown member \"nobody\" (closest: cdc)",
                2 * BATCH + 12
            )
        );
    }

    #[test]
    fn quantities() {
        assert_eq!(parse_quantity("1,5"), Ok(dec("1.5")));
        assert_eq!(parse_quantity("0"), Ok(dec("0")));
        assert_eq!(
            parse_quantity("999999999.999999"),
            Ok(dec("999999999.999999"))
        );
        assert_eq!(parse_quantity("0001"), Ok(dec("1")));
        assert_eq!(parse_quantity("-0"), Ok(dec("0")));
        for bad in [
            "", "1.2.3", "1,2.3", "1 000", "1e3", "-", ".", "+1", "2-1", "--1", "٣",
        ] {
            assert!(
                parse_quantity(bad)
                    .unwrap_err()
                    .starts_with("cannot read quantity"),
                "{bad}"
            );
        }
        for too_much in ["1000000000", "0.0000001"] {
            assert!(
                parse_quantity(too_much)
                    .unwrap_err()
                    .contains("too large or too precise"),
                "{too_much}"
            );
        }
    }

    #[test]
    fn sums_are_bounded() {
        assert_eq!(SUM_LIMIT, dec("1000000000000"));
        let line = "2021-03-15,cdc,amo,999999999\n";
        let text = format!("date,member,service,quantity\n{}", line.repeat(1001));
        assert_eq!(
            error(&text),
            "usage.csv: the amo quantities of cdc in 2021 S1 add up to 1000999998999, too much to bill"
        );
    }
}
