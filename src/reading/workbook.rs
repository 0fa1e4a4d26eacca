//! Reading a table of records from a sheet of a workbook (.xlsx, .xlsm, .xlsb, .xls, .ods): the
//! same columns and rules as a CSV file, without the detour through CSV that gets separators,
//! decimal marks and encodings wrong. A date cell or a number cell is taken as typed; a text
//! cell as in CSV. Errors name the sheet and the row: `usage.xlsx:Feuil1:12: …`.

use std::path::Path;

use calamine::{open_workbook_auto, Cell, Data, DataRef, Reader, Sheets};

use super::text::LINE_LIMIT;
use super::{columns, unpacked, Records, Scan, Source, MAX_COLUMNS};
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
/// `records`, gathering the errors; `file` names the workbook in messages. An .xlsx or .xlsb
/// sheet is read a cell at a time, so that memory holds one row and the workbook's shared
/// strings, which `unpacked` bounds; an .xls or .ods sheet is read whole.
pub fn scan<R: Records>(
    path: &Path,
    file: &str,
    sheet: Option<&str>,
    records: R,
) -> Result<Scan<R>> {
    unpacked::check(path, file)?;
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
    let mut rows = Rows::new(format!("{file}:{name}"), records);
    let read = match &mut book {
        Sheets::Xlsx(book) => {
            let mut cells = book
                .worksheet_cells_reader(&name)
                .map_err(|e| unreadable(e.into()))?;
            rows.read(|| {
                Ok(cells
                    .next_cell()
                    .map_err(|e| unreadable(e.into()))?
                    .map(owned))
            })
        }
        Sheets::Xlsb(book) => {
            let mut cells = book
                .worksheet_cells_reader(&name)
                .map_err(|e| unreadable(e.into()))?;
            rows.read(|| {
                Ok(cells
                    .next_cell()
                    .map_err(|e| unreadable(e.into()))?
                    .map(owned))
            })
        }
        book => {
            let range = book.worksheet_range(&name).map_err(unreadable)?;
            let (top, left) = range.start().unwrap_or_default();
            let mut cells = range.used_cells();
            rows.read(|| {
                Ok(cells.next().map(|(row, column, cell)| {
                    ((top + row as u32, left + column as u32), cell.clone())
                }))
            })
        }
    };
    read?;
    Ok(rows.finish(Source::Sheet(name)))
}

/// The rows of a sheet as its cells come, one row at a time: the first row that holds
/// anything is the header, and each later row a record.
struct Rows<R: Records> {
    /// `file:sheet`, as messages name the sheet.
    place: String,
    scan: Scan<R>,
    part: R::Part,
    /// Where the columns asked for are, once the header is read: by their cell's column, from
    /// the header's first.
    columns: Option<(u32, Vec<Option<usize>>)>,
    /// The row being read: its number, its cells by column (as text, or what is wrong with
    /// them), and how many bytes of text they hold.
    row: u32,
    cells: Vec<(u32, Result<String, String>)>,
    bytes: usize,
}

impl<R: Records> Rows<R> {
    fn new(place: String, records: R) -> Self {
        Rows {
            place,
            scan: Scan {
                source: Source::Sheet(String::new()),
                records,
                errors: Vec::new(),
                more: 0,
            },
            part: R::Part::default(),
            columns: None,
            row: 0,
            cells: Vec::new(),
            bytes: 0,
        }
    }

    /// Reads every cell that `next` gives, in the order of the sheet; fails at once only when
    /// the sheet cannot be read or its header is wrong.
    fn read(&mut self, mut next: impl FnMut() -> Result<Option<((u32, u32), Data)>>) -> Result<()> {
        while let Some(((row, column), value)) = next()? {
            if row != self.row {
                self.end_row()?;
                self.row = row;
            }
            if value == Data::Empty || self.bytes > LINE_LIMIT {
                continue;
            }
            let text = text(&value);
            // A row is bounded like a CSV line: a cell of a gigabyte is not kept, nor echoed.
            self.bytes += text.as_ref().map_or(0, String::len);
            match self.bytes > LINE_LIMIT {
                true => self.cells.clear(),
                false => self.cells.push((column, text)),
            }
        }
        self.end_row()
    }

    /// Reads the row gathered: the header, or a record; empty rows are skipped.
    fn end_row(&mut self) -> Result<()> {
        let (cells, bytes) = (
            std::mem::take(&mut self.cells),
            std::mem::replace(&mut self.bytes, 0),
        );
        let at = Location::line(&self.place, self.row as usize + 1);
        let Some((left, columns)) = &self.columns else {
            if bytes > LINE_LIMIT {
                return Err(Error::input(at, msg::header_too_long()));
            }
            if cells
                .iter()
                .all(|(_, cell)| cell.as_ref().map_or(true, |c| c.trim().is_empty()))
            {
                return Ok(());
            }
            return self.header(cells, at);
        };
        if bytes > LINE_LIMIT {
            self.scan.report(at, &msg::row_too_long(LINE_LIMIT / 1024));
            return Ok(());
        }
        let mut wanted = vec![""; columns.len()];
        for (column, cell) in &cells {
            let Some(relative) = column.checked_sub(*left) else {
                continue;
            };
            let slots =
                (wanted.iter_mut().zip(columns)).filter(|(_, c)| **c == Some(relative as usize));
            for (slot, _) in slots {
                match cell {
                    Ok(cell) => *slot = cell,
                    // A cell asked for that cannot be read (an error, a date out of range)
                    // spoils its row.
                    Err(message) => {
                        self.scan.report(at, message);
                        return Ok(());
                    }
                }
            }
        }
        if wanted.iter().all(|cell| cell.trim().is_empty()) {
            return Ok(());
        }
        let mut fields = [""; MAX_COLUMNS];
        for (field, cell) in fields.iter_mut().zip(&wanted) {
            *field = cell;
        }
        let line = u64::from(self.row) + 1;
        if let Err(message) = self
            .scan
            .records
            .add(&mut self.part, line, &fields[..wanted.len()])
        {
            self.scan.report(at, &message);
        }
        Ok(())
    }

    /// Finds the columns among the header's `cells`, the header being at `at`.
    fn header(&mut self, cells: Vec<(u32, Result<String, String>)>, at: Location) -> Result<()> {
        let left = cells.first().map_or(0, |(column, _)| *column);
        let width = cells.last().map_or(0, |(column, _)| column - left + 1) as usize;
        let mut header = vec![""; width];
        for (column, cell) in &cells {
            header[(column - left) as usize] = cell.as_deref().unwrap_or("");
        }
        let found = columns(&header, R::COLUMNS, R::OPTIONAL, at)?;
        self.columns = Some((left, found));
        Ok(())
    }

    /// The records, and every error found.
    fn finish(mut self, source: Source) -> Scan<R> {
        self.scan.records.take(self.part);
        for message in self.scan.records.finish() {
            self.scan.report(Location::file(&self.place), &message);
        }
        self.scan.source = source;
        self.scan
    }
}

/// A cell of a cells reader, as its position and its value.
fn owned(cell: Cell<DataRef<'_>>) -> ((u32, u32), Data) {
    (cell.get_position(), Data::from(cell.get_value().clone()))
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
