//! Reading a usage file: the services each member ordered, as an accountant's spreadsheet
//! exports them (',' or ';', with or without a BOM, 2021-03-15 or 15/03/2021, 1.5 or 1,5).
//! One streaming pass sums the quantities per (semester, member, service).

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Cursor, Read};

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::billing::Usage;
use crate::calendar::Semester;
use crate::convention::{names, Convention};
use crate::error::{Error, Location, Result};

/// The columns a usage file must have; `note` and any other column are ignored.
const REQUIRED: [&str; 4] = ["date", "member", "service", "quantity"];
/// Largest quantity on one line, so that no sum can overflow.
const QUANTITY_LIMIT: i64 = 1_000_000_000;

/// Reads the usage in `input`; `file` names it in error messages.
pub fn read(input: impl Read, file: &str, c: &Convention) -> Result<Usage> {
    let mut input = BufReader::new(input);
    let mut header = String::new();
    input
        .read_line(&mut header)
        .map_err(|e| bad(Location::line(file, 1), &e.to_string()))?;
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
    let headers = csv.headers().map_err(|e| csv_error(file, &e))?.clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let mut columns = [0; 4];
    for (slot, name) in columns.iter_mut().zip(REQUIRED) {
        *slot = column(name).ok_or_else(|| {
            let found: Vec<&str> = headers.iter().map(str::trim).collect();
            bad(
                Location::line(file, 1),
                &format!(
                    "missing column {name:?} (the header has: {})",
                    found.join(", ")
                ),
            )
        })?;
    }
    let [date_at, member_at, service_at, quantity_at] = columns;

    let mut matcher = Matcher::new(c);
    let mut usage = Usage::new();
    let mut record = csv::StringRecord::new();
    loop {
        match csv.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => return Err(csv_error(file, &e)),
        }
        if record.iter().all(|field| field.trim().is_empty()) {
            continue;
        }
        let line = record.position().map_or(0, |p| p.line() as usize);
        let at = || Location::line(file, line);
        let field = |i: usize| record.get(i).unwrap_or("").trim();

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
        let member = matcher
            .member(field(member_at))
            .map_err(|message| bad(at(), &message))?;
        let service = matcher
            .service(field(service_at))
            .map_err(|message| bad(at(), &message))?;
        let quantity = parse_quantity(field(quantity_at)).map_err(|message| bad(at(), &message))?;

        let sum = usage
            .entry((Semester::containing(date), member, service))
            .or_default();
        *sum = sum
            .checked_add(quantity)
            .filter(|s| *s < Decimal::from(QUANTITY_LIMIT) * Decimal::from(QUANTITY_LIMIT))
            .ok_or_else(|| {
                bad(
                    at(),
                    "the quantities of this member and service add up to too much",
                )
            })?;
    }
    Ok(usage)
}

fn bad(at: Location, message: &str) -> Error {
    Error::input(at, message)
}

fn csv_error(file: &str, e: &csv::Error) -> Error {
    let at = match e.position() {
        Some(p) => Location::line(file, p.line() as usize),
        None => Location::file(file),
    };
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => {
            format!("expected {expected_len} fields like the header, found {len}")
        }
        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8 text (save the file as UTF-8)".to_string(),
        _ => e.to_string(),
    };
    bad(at, &message)
}

/// Finds members and services by what a usage line calls them. A name is folded once per
/// distinct spelling, not once per line.
struct Matcher<'a> {
    c: &'a Convention,
    by_folded_name: HashMap<String, usize>,
    seen: HashMap<String, usize>,
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
            seen: HashMap::new(),
        }
    }

    fn member(&mut self, text: &str) -> std::result::Result<usize, String> {
        if let Some(&i) = self.seen.get(text) {
            return Ok(i);
        }
        let folded = names::fold(text);
        let Some(&i) = self.by_folded_name.get(&folded) else {
            return Err(self.unknown_member(text, &folded));
        };
        self.seen.insert(text.to_string(), i);
        Ok(i)
    }

    fn unknown_member(&self, text: &str, folded: &str) -> String {
        let closest = self
            .by_folded_name
            .iter()
            .min_by_key(|(name, i)| (strsim::levenshtein(folded, name), **i))
            .map(|(_, &i)| &self.c.members[i].id);
        match closest {
            Some(id) => format!("unknown member {text:?} (closest: {id})"),
            None => format!("unknown member {text:?}"),
        }
    }

    fn service(&self, text: &str) -> std::result::Result<usize, String> {
        self.c
            .services
            .iter()
            .position(|s| s.id.eq_ignore_ascii_case(text))
            .ok_or_else(|| {
                let valid: Vec<&str> = self.c.services.iter().map(|s| s.id.as_str()).collect();
                format!("unknown service {text:?} (services: {})", valid.join(", "))
            })
    }
}

/// A date written 2021-03-15 or 15/03/2021.
fn parse_date(text: &str) -> std::result::Result<NaiveDate, String> {
    let numbers = |parts: Vec<&str>| -> Option<Vec<u32>> {
        parts
            .iter()
            .map(|p| {
                (!p.is_empty() && p.len() <= 4)
                    .then(|| p.parse().ok())
                    .flatten()
            })
            .collect()
    };
    let ymd = if text.len() == 10 && text.as_bytes()[4] == b'-' {
        numbers(text.split('-').collect())
            .filter(|n| n.len() == 3)
            .map(|n| (n[0], n[1], n[2]))
    } else {
        numbers(text.split('/').collect())
            .filter(|n| n.len() == 3 && n[2] >= 1000)
            .map(|n| (n[2], n[1], n[0]))
    };
    let Some((year, month, day)) = ymd else {
        return Err(format!(
            "cannot read date {text:?} (write it 2021-03-15 or 15/03/2021)"
        ));
    };
    i32::try_from(year)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
        .ok_or_else(|| format!("impossible date {text:?}"))
}

/// A quantity written with '.' or ',' as its decimal mark: 1.5 or 1,5.
fn parse_quantity(text: &str) -> std::result::Result<Decimal, String> {
    let plain = text.replace(',', ".");
    let well_formed = !plain.is_empty()
        && plain.bytes().filter(|b| *b == b'.').count() <= 1
        && plain
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b'-')
        && plain.bytes().skip(1).all(|b| b != b'-')
        && plain.bytes().any(|b| b.is_ascii_digit());
    let quantity = well_formed.then(|| plain.parse::<Decimal>().ok()).flatten();
    match quantity {
        None => Err(format!(
            "cannot read quantity {text:?} as a number (write it 2, 1.5 or 1,5)"
        )),
        Some(q) if q < Decimal::ZERO => Err(format!("negative quantity {text}")),
        Some(q) if q >= Decimal::from(QUANTITY_LIMIT) => {
            Err(format!("quantity {text} is too large"))
        }
        Some(q) => Ok(q),
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
            "usage.csv:1: missing column \"service\" (the header has: date, member, qty)"
        );
    }

    #[test]
    fn quantities() {
        assert_eq!(parse_quantity("1,5"), Ok(dec("1.5")));
        assert_eq!(parse_quantity("0"), Ok(dec("0")));
        for bad in ["", "1.2.3", "1 000", "1e3", "-", ".", "+1", "2-1"] {
            assert!(parse_quantity(bad).is_err(), "{bad}");
        }
    }
}
