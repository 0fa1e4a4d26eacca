//! The TOML reader's refusals of a convention file said in the user's words and language, at
//! the line to mend: the mistakes people make most (a French decimal comma, `[member]` for
//! `[[member]]`, a text without quotes, a key given twice) are named with what to write; the
//! reader's own English text follows as a detail, for the rarer mistakes and for whoever
//! knows TOML.

use std::ops::Range;

use super::super::number;
use crate::error::{Error, LineIndex, Location};
use crate::messages::toml as msg;

/// The tables that the file repeats, one per item, each written `[[name]]`.
const LISTS: [&str; 5] = [
    "member",
    "service",
    "published",
    "adjustment",
    "legal_basis.act",
];

/// What to say about `e`, the TOML reader's refusal of `text`, the file named `file`.
pub(super) fn explain(e: &toml::de::Error, text: &str, file: &str) -> Error {
    let detail = e.message().trim().replace('\n', " ");
    let lines = LineIndex::new(text);
    let Some(span) = e.span() else {
        return Error::input(Location::file(file), msg::not_toml(&detail, None));
    };
    // The number reader refuses in the user's words already.
    let value = text.get(span.clone()).unwrap_or_default().trim();
    if number::parse(value.trim_matches('"')).err().as_ref() == Some(&detail) {
        return Error::input(lines.locate(file, span.start), msg::cut_quotes(&detail));
    }
    if let Some((at, message)) = brackets(text, span.start, &detail) {
        return Error::input(lines.locate(file, at), message);
    }
    let (at, line) = (span.start, line_at(text, span.start));
    let message = decimal_comma(&text[line.clone()], &detail)
        .or_else(|| unquoted(&text[line.clone()], &detail))
        .or_else(|| date_as_text(&text[line], &detail))
        .unwrap_or_else(|| in_general(text, span, &detail));
    Error::input(lines.locate(file, at), message)
}

/// The byte range of the line of `text` that holds `offset`, without its line break.
fn line_at(text: &str, offset: usize) -> Range<usize> {
    let offset = offset.min(text.len());
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    start..end.max(start)
}

/// The key and the value of a `key = value` line, its comment left out when it has one and
/// no quotes could hold a `#`.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once('=')?;
    let value = match value.contains(['"', '\'']) {
        true => value,
        false => value.split('#').next().unwrap_or(value),
    };
    Some((key.trim(), value.trim()))
}

/// `[member]` written for `[[member]]`, or `[[cost]]` for `[cost]`: the place of the table
/// to mend, and what to say.
fn brackets(text: &str, offset: usize, detail: &str) -> Option<(usize, String)> {
    let line = &text[line_at(text, offset)];
    let header = line.trim();
    if let Some(name) = header
        .strip_prefix("[[")
        .and_then(|rest| rest.strip_suffix("]]"))
    {
        let name = name.trim();
        if !LISTS.contains(&name) && detail.starts_with("invalid type: map") {
            return Some((offset, msg::one_table(name, detail)));
        }
    }
    // A table `[member]` before or after `[[member]]` makes the reader see a key twice.
    let name = header.trim_start_matches('[').trim_end_matches(']').trim();
    if !LISTS.contains(&name) {
        return None;
    }
    let single = format!("[{name}]");
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        if line.trim() == single {
            return Some((start, msg::list_of_tables(name, detail)));
        }
        start += line.len();
    }
    None
}

/// The keys whose value is a text, in whichever table: a decimal comma written there may also
/// be meant as text, and quoted. Read from the raw tables' fields rather than found by reading
/// the file again with the value quoted, which would explain the next comma line the same way,
/// one level deeper for each, until the stack overflows.
const TEXT_KEYS: [&str; 18] = [
    "account",
    "client",
    "currency",
    "fonction",
    "id",
    "insee",
    "label",
    "member",
    "name",
    "nature",
    "object",
    "provider",
    "reference",
    "service_code",
    "siren",
    "siret",
    "title",
    "unit",
];

/// Whether `key`, as written before its `=` (perhaps dotted or quoted), takes a text.
fn takes_text(key: &str) -> bool {
    let last = key.rsplit('.').next().unwrap_or(key);
    let last = last.trim().trim_matches(['"', '\'']);
    TEXT_KEYS.contains(&last)
}

/// A number written with a French decimal comma (`key = 18,5`), at `line` of `text`.
fn decimal_comma(line: &str, detail: &str) -> Option<String> {
    let (key, value) = key_value(line)?;
    let (units, decimals) = value.split_once(',')?;
    let digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !digits(units.strip_prefix('-').unwrap_or(units)) || !digits(decimals) {
        return None;
    }
    let written = format!("{key} = {value}");
    let number = format!("{key} = {units}.{decimals}");
    let quoted = format!("{key} = \"{value}\"");
    Some(msg::decimal_comma(
        &written,
        &number,
        takes_text(key).then_some(quoted.as_str()),
        detail,
    ))
}

/// A text without its quotes (`name = Dolus`), or a number with spaces (`annual = 45 000`).
fn unquoted(line: &str, detail: &str) -> Option<String> {
    if !detail.starts_with("string values must be quoted") {
        return None;
    }
    let (key, value) = key_value(line)?;
    if value.is_empty() {
        return Some(msg::no_value(key, detail));
    }
    let digits: String = value.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return Some(msg::spaced_number(value, &digits, detail));
    }
    Some(msg::unquoted_text(key, value, detail))
}

/// A date written as text, the French way or another (`date = "25/09/2019"`).
fn date_as_text(line: &str, detail: &str) -> Option<String> {
    if !detail.ends_with("expected a TOML datetime") {
        return None;
    }
    let (key, value) = key_value(line)?;
    let parts: Vec<&str> = value
        .trim_matches(['"', '\''])
        .split(['/', '.', '-'])
        .collect();
    let iso = match parts[..] {
        [day, month, year] if year.len() == 4 && day.len() <= 2 && month.len() <= 2 => {
            let number = |part: &str| part.parse::<u32>().ok();
            chrono::NaiveDate::from_ymd_opt(year.parse().ok()?, number(month)?, number(day)?)
                .map(|date| format!("{key} = {date}"))
        }
        _ => None,
    };
    Some(msg::not_a_date(
        &format!("{key} = {value}"),
        iso.as_deref(),
        detail,
    ))
}

/// Any other refusal: what the reader names, in the user's words where its words are known.
fn in_general(text: &str, span: Range<usize>, detail: &str) -> String {
    let span_start = span.start;
    let named = |prefix: &str| {
        let rest = detail.strip_prefix(prefix)?.strip_prefix('`')?;
        rest.split_once('`').map(|(name, _)| name.to_string())
    };
    if let Some(key) = named("unknown field ") {
        return msg::unknown_key(&key, detail);
    }
    if let Some(key) = named("missing field ") {
        return msg::missing_key(&key, detail);
    }
    // Some refusals ("duplicate key") do not name what they are about: quote it (the message
    // cuts a long one).
    let quoted = text.get(span).filter(|quoted| {
        !quoted.is_empty()
            && !quoted.contains('\n')
            && !detail.contains('`')
            && !detail.contains(quoted.trim_matches('"'))
    });
    if detail == "duplicate key" {
        let line = &text[line_at(text, span_start)];
        let key = key_value(line).map(|(key, _)| key).or(quoted);
        if let Some(key) = key.filter(|key| !key.is_empty()) {
            return msg::duplicate_key(key, detail);
        }
    }
    msg::not_toml(detail, quoted)
}
