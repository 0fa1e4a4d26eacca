//! `oleron-bill rebill YEAR --out-dir DIR`: the year's rebilling of every member but the client
//! (the ledger, the statements, the titres and their documents), written into DIR as one set
//! that replaces the previous one whole.

use std::path::Path;

use super::{check_scope, Inputs};
use crate::billing::{self, Usage};
use crate::error::Result;
use crate::export::{CsvDialect, Scope};
use crate::output::{self, FolderOutput};
use crate::rebill;
use crate::usage;

pub fn run(
    inputs: &Inputs,
    year: i32,
    out_dir: &Path,
    force: bool,
    dialect: CsvDialect,
) -> Result<()> {
    let folder = FolderOutput::prepare(out_dir)?;
    let (c, name) = inputs.convention()?;
    rebill::printable::check(&c, &name)?;
    let names = rebill::file_names(&c, year);
    folder.check_free(&names, force)?;
    // The titres list every order, with its date and reference.
    let (usage, orders) = match inputs.usage.as_deref() {
        Some(path) => usage::read_orders(path, inputs.sheet.as_deref(), &c)?,
        None => (Usage::new(), Vec::new()),
    };
    check_scope(&c, &name, Scope::Year(year))?;
    let bills = billing::bill_year(&c, &usage, year);
    let mut rebilling = rebill::rebill(&c, year, &bills, &orders, dialect)?;
    let written = folder.write(&names, |i| rebilling.file(i), force, &inputs.read())?;
    let list: String = written
        .iter()
        .map(|path| format!("{}\n", path.display()))
        .collect();
    // The files are written: the list is only informative, and a failure to print it (a full
    // or closed standard output) does not undo them.
    let _ = output::to_stdout(list.as_bytes());
    Ok(())
}
