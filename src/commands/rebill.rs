//! `oleron-bill rebill YEAR --out-dir DIR`: the year's rebilling of every member but the client
//! (the ledger, the statements, the titres and their documents), written into DIR as one set
//! that replaces the previous one whole.

use std::path::Path;

use super::{check_scope, refuse_contradicted, tell_set_aside, Inputs};
use crate::billing::{self, Usage};
use crate::convention::Convention;
use crate::error::Result;
use crate::export::{CsvDialect, Scope};
use crate::messages::run as msg;
use crate::output::{self, FolderOutput};
use crate::rebill;
use crate::usage;

/// Where and how the rebilling is written.
pub struct Out<'a> {
    pub dir: &'a Path,
    /// Whether the files of an earlier rebilling may be replaced.
    pub force: bool,
    pub dialect: CsvDialect,
}

/// Writes the rebilling of `year`; `no_usage` says that the titres are to carry no services
/// on purpose, without a usage file.
pub fn run(inputs: &Inputs, year: i32, out: Out, no_usage: bool) -> Result<()> {
    let folder = FolderOutput::prepare(out.dir)?;
    let (c, name) = inputs.convention()?;
    check_scope(&c, &name, Scope::Year(year))?;
    refuse_contradicted(&c, &name)?;
    rebill::printable::check(&c, &name)?;
    let names = rebill::file_names(&c, year);
    folder.check_free(&names, out.force)?;
    // The titres list every order, with its date and reference.
    let (usage, orders) = match inputs.usage.as_deref() {
        Some(path) => {
            let (usage, lines, orders) = usage::read_orders(path, inputs.sheet.as_deref(), &c)?;
            tell_set_aside(path, &lines, Scope::Year(year));
            (usage, orders)
        }
        None => (Usage::new(), Vec::new()),
    };
    let bills = billing::bill_year(&c, &usage, year);
    let mut rebilling = rebill::rebill(&c, year, &bills, &orders, out.dialect)?;
    let written = folder.write(&names, |i| rebilling.file(i), out.force, &inputs.read())?;
    // What the titres lack is said where they are made, once for all of them.
    output::warn(&c.missing_for_titres());
    if inputs.usage.is_none() {
        warn_without_usage(&c, year, no_usage);
    }
    let list: String = written
        .iter()
        .map(|path| format!("{}\n", path.display()))
        .collect();
    // The files are written: the list is only informative, and a failure to print it (a full
    // or closed standard output) does not undo them.
    let _ = output::to_stdout(list.as_bytes());
    Ok(())
}

/// Says that titres made without a usage file carry no services, unless `on_purpose`, when
/// the convention prices some: titres sent without them could not be completed but by a
/// second titre.
fn warn_without_usage(c: &Convention, year: i32, on_purpose: bool) {
    let priced: Vec<&str> = c
        .services
        .iter()
        .filter(|s| !s.price.is_zero())
        .map(|s| s.id.as_str())
        .collect();
    if !on_purpose && !priced.is_empty() {
        output::warn(&[msg::no_usage_file(year, &priced)]);
    }
}
