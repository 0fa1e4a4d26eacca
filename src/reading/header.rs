//! The header of a table of records: its separator, and where the columns asked for are,
//! matched by their names as spreadsheets write them (ignoring case, accents and punctuation).

use std::io::Read;
use std::path::Path;

use super::problem_message;
use super::text::{self, Decoder, Fields, Lines, Problem};
use crate::convention::names;
use crate::error::{Error, Location, Result};
use crate::messages::{records as msg, run};

/// The most columns a record is asked for.
pub const MAX_COLUMNS: usize = 8;

/// Where the columns are.
pub(super) struct Layout {
    pub(super) separator: u8,
    /// Where each column asked for is, in the order of `COLUMNS` then `OPTIONAL`.
    pub(super) columns: Vec<Option<usize>>,
    /// How many fields a line has.
    pub(super) width: usize,
}

/// Reads the header: the separator, where the `required` columns are, and how many there are.
pub(super) fn header(
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
pub fn columns(
    headers: &[&str],
    required: &[(&str, &[&str])],
    optional: &[(&str, &[&str])],
    at: Location,
) -> Result<Vec<Option<usize>>> {
    let folded: Vec<String> = headers.iter().map(|h| names::fold(h)).collect();
    let answers = |h: &String, name: &str, others: &[&str]| h == name || others.contains(&&**h);
    // Two cells naming one column ("member" and "membre") would leave one of them unread
    // without a word: which one the accountant meant cannot be told.
    for &(name, others) in required.iter().chain(optional) {
        let mut named = (folded.iter().enumerate()).filter(|(_, h)| answers(h, name, others));
        if let (Some((first, _)), Some((second, _))) = (named.next(), named.next()) {
            let message = msg::repeated_column(headers[first].trim(), headers[second].trim(), name);
            return Err(Error::input(at, message));
        }
    }
    let find = |name: &str, others: &[&str]| folded.iter().position(|h| answers(h, name, others));
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
