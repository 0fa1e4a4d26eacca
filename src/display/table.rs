//! How a table looks for people: comfy-table's condensed UTF-8 frame, fitted to the terminal
//! when it is shown on one, names wrapping and amounts never, right-aligned.

use std::io;

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{CellAlignment, ColumnConstraint, ContentArrangement, Table, Width};

/// A table with `header`, fitting `width` when it is given.
pub fn new_table<T: Into<comfy_table::Cell>>(header: Vec<T>, width: Option<u16>) -> Table {
    let mut table = Table::new();
    // The width is decided by the caller, who knows where the table goes.
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_header(header)
        .force_no_tty();
    if let Some(width) = width {
        table
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width);
    }
    table
}

/// Appends `table` to `out` a line at a time, each after `indent`: printing it (`{table}`)
/// would first join its lines into one more copy of the whole table.
pub fn push_table(out: &mut String, table: &Table, indent: &str) {
    for line in table.lines() {
        out.push_str(indent);
        out.push_str(&line);
        out.push('\n');
    }
}

/// Right-aligns every column from `first`: they hold numbers, which never wrap (their header
/// may). On a narrow terminal, a table that cannot fit without cutting an amount or squeezing
/// the first column below 16 characters is wider than the terminal.
pub fn align_right(table: &mut Table, first: usize) {
    let widest: Vec<u16> = (0..table.column_count())
        .map(|i| {
            let cells = table.column_cells_iter(i).flatten();
            let widest = cells.map(|cell| cell.content().chars().count()).max();
            u16::try_from(widest.unwrap_or(0)).unwrap_or(u16::MAX)
        })
        .collect();
    // Names wrap, but keep 16 characters at least: a name cut letter by letter is unreadable.
    if let (Some(names), Some(&width)) = (table.column_mut(0), widest.first()) {
        let width = width.min(16).saturating_add(2);
        names.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(width)));
    }
    for (column, width) in table.column_iter_mut().zip(widest).skip(first) {
        column.set_cell_alignment(CellAlignment::Right);
        // The width counts the padding, one space on each side.
        column.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(
            width.saturating_add(2),
        )));
    }
}

/// The width of the terminal the standard output is, if it is one.
pub fn terminal_width() -> Option<u16> {
    // Most runs write to a pipe or a file: they need no table to say so.
    use std::io::IsTerminal;
    io::stdout()
        .is_terminal()
        .then(|| Table::new().width())
        .flatten()
}
