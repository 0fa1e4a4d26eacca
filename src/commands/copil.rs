//! `oleron-bill copil SEMESTER --interventions FILE`: the COPIL report of the twelve months
//! ending with a semester, as a table, CSV or JSON, and its chart.

use std::path::Path;

use super::{check_scope, load_convention};
use crate::billing::{self, Usage};
use crate::calendar::Semester;
use crate::cli::CopilFormat;
use crate::copil;
use crate::error::{Error, Result};
use crate::export::{self, Scope};
use crate::options::Output;
use crate::output::{self, FileOutput};

pub fn run(
    convention: Option<&Path>,
    semester: Semester,
    interventions: &Path,
    format: CopilFormat,
    (file, chart): (Option<Output>, Option<Output>),
) -> Result<()> {
    let read = output::Inputs::new(convention.into_iter().chain([interventions]));
    let prepare = |out: &Output| FileOutput::prepare(&out.path, out.force, &read);
    let file = file.as_ref().map(prepare).transpose()?;
    let chart = chart.as_ref().map(prepare).transpose()?;
    if let (Some(file), Some(chart)) = (&file, &chart) {
        output::apart(&[(chart, "--chart"), (file, "--output")])?;
    }
    let (c, name) = load_convention(convention)?;
    check_scope(&c, &name, Scope::Year(semester.year))?;
    super::warn_contradicted(&c, &name);
    let log = copil::log::read_path(interventions, &c)?;
    let bills = billing::bill(&c, &Usage::new());
    let report = copil::copil(&c, &bills, &log, copil::Period::ending_with(semester));
    let text = match format {
        CopilFormat::Table => copil::table::table(
            &c,
            &report,
            file.is_none().then(export::terminal_width).flatten(),
        ),
        CopilFormat::Csv => copil::data::csv(&c, &report),
        CopilFormat::Json => copil::data::json(&c, &report),
    };
    let mut files = Vec::new();
    if let Some(chart) = chart {
        let svg = copil::chart::svg(&c, &report).map_err(Error::Request)?;
        files.push((chart, svg.into_bytes()));
    }
    // The table and the chart are written both or neither: each is written whole beside its
    // place, and moved in once the other is ready.
    let stdout = match file {
        Some(file) => {
            files.push((file, text.into_bytes()));
            None
        }
        None => Some(text),
    };
    let ready = output::stage_all(files)?;
    if let Some(text) = stdout {
        output::to_stdout(text.as_bytes())?;
    }
    ready.commit()
}
