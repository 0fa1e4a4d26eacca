//! `oleron-bill explain YEAR`: the derivation of a year's amounts (of one semester, for one
//! member, if asked), in French or as JSON.

use super::{check_scope, warn_contradicted, Inputs};
use crate::billing;
use crate::calendar::Semester;
use crate::cli::ExplainFormat;
use crate::convention::names::Names;
use crate::derivation;
use crate::error::{Error, Result};
use crate::explain;
use crate::export::{self, Scope};
use crate::output;

pub fn run(
    inputs: &Inputs,
    year: i32,
    semester: Option<Semester>,
    member: Option<String>,
    format: ExplainFormat,
) -> Result<()> {
    let scope = semester.map_or(Scope::Year(year), Scope::Semester);
    let (c, name, usage) = inputs.convention_and_usage(scope)?;
    check_scope(&c, &name, scope)?;
    warn_contradicted(&c, &name);
    let member = member
        .map(|text| {
            Names::new(&c.members)
                .find(&text)
                .map_err(|miss| Error::Request(miss.message(&text, &c.members)))
        })
        .transpose()?;
    let bills = billing::bill_year(&c, &usage, year);
    let derivation = derivation::derive(&c, &bills, year, semester.map(|s| s.half), member);
    output::stdout_with(|out| {
        Ok(match format {
            ExplainFormat::Table => {
                explain::text::write(&c, &derivation, export::terminal_width(), out)
            }
            ExplainFormat::Json => explain::data::write_json(&c, &derivation, out),
        })
    })
}
