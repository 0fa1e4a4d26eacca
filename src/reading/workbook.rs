//! Reading a table of records from a sheet of a workbook (.xlsx, .xlsm, .xlsb, .xls, .ods): the
//! same columns and rules as a CSV file, without the detour through CSV that gets separators,
//! decimal marks and encodings wrong. A date cell or a number cell is taken as typed; a text
//! cell as in CSV. Errors name the sheet and the row: `usage.xlsx:Feuil1:12: …`.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};

use super::{columns, Records, Scan, Source, MAX_COLUMNS};
use crate::error::{Error, Location, Result};
use crate::messages::{records as msg, run};

/// Whether `path` names a workbook, by its extension.
pub fn is_workbook(path: &Path) -> bool {
    let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    ["xlsx", "xlsm", "xlsb", "xls", "ods"]
        .iter()
        .any(|known| extension.eq_ignore_ascii_case(known))
}

/// Reads every row of the sheet `sheet` (the first by default) of the workbook at `path` into
/// `records`, gathering the errors; `file` names the workbook in messages.
pub fn scan<R: Records>(
    path: &Path,
    file: &str,
    sheet: Option<&str>,
    records: R,
) -> Result<Scan<R>> {
    let unreadable = |e: calamine::Error| match e {
        calamine::Error::Io(e) => Error::io(path, run::cannot_read())(e),
        e => Error::input(Location::file(file), msg::cannot_read_workbook(e)),
    };
    let mut book = open_workbook_auto(path).map_err(unreadable)?;
    let sheets = book.sheet_names();
    let name = match sheet {
        Some(wanted) => sheets
            .iter()
            .find(|s| *s == wanted)
            .cloned()
            .ok_or_else(|| Error::input(Location::file(file), msg::no_sheet(wanted, &sheets)))?,
        None => sheets
            .first()
            .cloned()
            .ok_or_else(|| Error::input(Location::file(file), msg::no_sheet_at_all()))?,
    };
    let range = book.worksheet_range(&name).map_err(unreadable)?;
    let place = format!("{file}:{name}");
    // Rows are numbered as the spreadsheet shows them, from the sheet's first used row.
    let first_row = range.start().map_or(1, |(row, _)| row as usize + 1);
    let mut rows = range.rows();
    let header: Vec<String> = rows
        .next()
        .unwrap_or_default()
        .iter()
        .map(|cell| text(cell).unwrap_or_default())
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let columns = columns(
        &header,
        R::COLUMNS,
        R::OPTIONAL,
        Location::line(&place, first_row),
    )?;
    let mut scan = Scan {
        source: Source::Sheet(name),
        records,
        errors: Vec::new(),
        more: 0,
    };
    let mut part = R::Part::default();
    for (i, row) in rows.enumerate() {
        let at = Location::line(&place, first_row + 1 + i);
        let cells: Result<Vec<String>, String> = columns
            .iter()
            .map(|&column| {
                column
                    .and_then(|c| row.get(c))
                    .map_or(Ok(String::new()), text)
            })
            .collect();
        let cells = match cells {
            Ok(cells) => cells,
            Err(message) => {
                scan.report(at, &message);
                continue;
            }
        };
        if cells.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let mut fields = [""; MAX_COLUMNS];
        for (field, cell) in fields.iter_mut().zip(&cells) {
            *field = cell;
        }
        let line = (first_row + 1 + i) as u64;
        if let Err(message) = scan.records.add(&mut part, line, &fields[..cells.len()]) {
            scan.report(at, &message);
        }
    }
    scan.records.take(part);
    for message in scan.records.finish() {
        scan.report(Location::file(&place), &message);
    }
    Ok(scan)
}

/// A cell as the text a CSV file would hold: a date as 2021-03-15, a time of day as 01:30, a
/// number by the shortest decimal that is the value the file stores (so 1.5, not
/// 1.4999999999999999).
fn text(cell: &Data) -> Result<String, String> {
    Ok(match cell {
        Data::Empty => String::new(),
        Data::String(text) => text.clone(),
        Data::Int(n) => n.to_string(),
        // The one place a float is seen: its shortest round-trip form is the decimal the
        // spreadsheet shows.
        Data::Float(x) => x.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(date) => match date.as_datetime() {
            // A time alone (a duration typed 01:30) counts from day 0.
            Some(moment) if date.as_f64() < 1.0 => moment.format("%H:%M").to_string(),
            Some(moment) => moment.date().to_string(),
            None => return Err(msg::cannot_read_date_cell(date.as_f64())),
        },
        Data::DateTimeIso(text) => text.get(..10).unwrap_or(text).to_string(),
        Data::DurationIso(text) => text.clone(),
        Data::Error(error) => return Err(msg::cell_error(error)),
    })
}
