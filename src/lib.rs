//! oleron-bill: exact semester billing of a shared-advisor convention.
//!
//! A convention file is parsed and validated (`convention`), the usage of on-demand services
//! is read (`usage`), the pure core computes every semester's bill (`billing`, with its
//! `rounding` contract), and an output format renders it (`export`).

pub mod billing;
pub mod calendar;
pub mod check;
pub mod cli;
pub mod convention;
pub mod copil;
pub mod derivation;
pub mod display;
pub mod documents;
pub mod error;
pub mod explain;
pub mod export;
pub mod messages;
pub mod money;
pub mod options;
pub mod output;
pub mod reading;
pub mod rebill;
pub mod titres;
pub mod usage;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use billing::{SemesterBill, Usage};
use convention::Convention;
use error::{Error, Result};
use export::{Report, Scope};
use messages::run as msg;
use options::{Action, Options};

/// Does what the command line asks.
pub fn run(options: Options) -> Result<()> {
    let Options {
        convention,
        usage,
        sheet,
        action,
    } = options;
    let with_usage = usage.is_some();
    let inputs = || load(convention.as_deref(), usage.as_deref(), sheet.as_deref());
    let read = || output::Inputs::new(convention.iter().chain(&usage).map(PathBuf::as_path));
    match action {
        Action::PrintConvention => output::to_stdout(convention::EMBEDDED.as_bytes()),
        Action::Help(command) => output::to_stdout(cli::help(command.as_deref()).as_bytes()),
        Action::Completions(shell) => output::to_stdout(&cli::completions(shell)),
        Action::Manual => output::to_stdout(&cli::manual()),
        Action::Report {
            scope,
            export,
            output,
        } => {
            let output = output
                .map(|out| output::FileOutput::prepare(&out.path, out.force, &read()))
                .transpose()?;
            let (c, file, usage) = inputs()?;
            check_scope(&c, &file, scope)?;
            let report = Report {
                convention: &c,
                scope,
                usage: &usage,
                with_usage,
            };
            let write = |out: &mut dyn std::io::Write| export.write(&report, out);
            match output {
                Some(output) => output.write_with(write),
                None => output::stdout_with(write),
            }
        }
        Action::Copil {
            semester,
            interventions,
            format,
            output,
            chart,
        } => {
            let inputs = output::Inputs::new(
                convention
                    .iter()
                    .chain([&interventions])
                    .map(PathBuf::as_path),
            );
            let prepare =
                |out: &options::Output| output::FileOutput::prepare(&out.path, out.force, &inputs);
            let output = output.as_ref().map(prepare).transpose()?;
            let chart = chart.as_ref().map(prepare).transpose()?;
            let (c, file) = load_convention(convention.as_deref())?;
            check_scope(&c, &file, Scope::Year(semester.year))?;
            let log = copil::log::read_path(&interventions, &c)?;
            let bills = billing::bill(&c, &Usage::new());
            let report = copil::copil(&c, &bills, &log, copil::Period::ending_with(semester));
            let text = match format {
                cli::CopilFormat::Table => copil::table::table(
                    &c,
                    &report,
                    output.is_none().then(export::terminal_width).flatten(),
                ),
                cli::CopilFormat::Csv => copil::data::csv(&c, &report),
                cli::CopilFormat::Json => copil::data::json(&c, &report),
            };
            if let Some(chart) = chart {
                let svg = copil::chart::svg(&c, &report).map_err(Error::Request)?;
                chart.write(svg.as_bytes())?;
            }
            match output {
                Some(output) => output.write(text.as_bytes()),
                None => output::to_stdout(text.as_bytes()),
            }
        }
        Action::Explain {
            year,
            semester,
            member,
            format,
        } => {
            let (c, file, usage) = inputs()?;
            check_scope(
                &c,
                &file,
                semester.map_or(Scope::Year(year), Scope::Semester),
            )?;
            let half = semester.map(|s| s.half);
            let member = member
                .map(|text| {
                    convention::names::Names::new(&c.members)
                        .find(&text)
                        .map_err(|miss| Error::Request(miss.message(&text, &c.members)))
                })
                .transpose()?;
            let bills = billing::bill_year(&c, &usage, year);
            let explanation = derivation::derive(&c, &bills, year, half, member);
            output::stdout_with(|out| {
                Ok(match format {
                    cli::ExplainFormat::Table => {
                        explain::text::write(&c, &explanation, export::terminal_width(), out)
                    }
                    cli::ExplainFormat::Json => explain::data::write_json(&c, &explanation, out),
                })
            })
        }
        Action::Check => {
            let (c, file) = load_convention(convention.as_deref())?;
            // The published figures are the advisor's: the usage file is only looked at.
            let (text, differ) = check::check(&c, &billing::bill(&c, &Usage::new()));
            output::to_stdout(text.as_bytes())?;
            // What titres de recettes need beyond the amounts: reported, not refused; not in
            // the preflight of a usage file, which is about that file.
            if usage.is_none() {
                output::warn(&c.missing_for_titres());
            }
            let mut failures = Vec::new();
            if let Some(path) = usage.as_deref() {
                let name = path.display().to_string();
                let mut scan = usage::scan_path(path, sheet.as_deref(), &c)?;
                output::stdout_with(|out| Ok(check::usage(&c, &name, &scan, out)))?;
                failures.extend(scan.take_errors());
            }
            if differ > 0 {
                failures.push(Error::Mismatch {
                    file,
                    count: differ,
                });
            }
            match failures.is_empty() {
                true => Ok(()),
                false => Err(Error::many(failures)),
            }
        }
        Action::Rebill {
            year,
            out_dir,
            force,
            dialect,
        } => {
            let folder = output::FolderOutput::prepare(&out_dir)?;
            let (c, file) = load_convention(convention.as_deref())?;
            folder.check_free(&rebill::file_names(&c, year), force)?;
            // The titres list every order, with its date and reference.
            let (usage, orders) = match usage.as_deref() {
                Some(path) => usage::read_orders(path, sheet.as_deref(), &c)?,
                None => (Usage::new(), Vec::new()),
            };
            let bills = bills_of_year(&c, &file, &usage, year)?;
            let mut rebilling = rebill::rebill(&c, year, &bills, &orders, dialect)?;
            let names = rebill::file_names(&c, year);
            let written = folder.write(&names, |i| rebilling.file(i), force, &read())?;
            let list: String = written
                .iter()
                .map(|path| format!("{}\n", path.display()))
                .collect();
            // The files are written: the list is only informative, and a failure to print it
            // (a full or closed standard output) does not undo them.
            let _ = output::to_stdout(list.as_bytes());
            Ok(())
        }
    }
}

/// The convention (from `path`, or the embedded one) with the name messages give it, and the
/// usage read from `usage`, if any.
fn load(
    path: Option<&Path>,
    usage: Option<&Path>,
    sheet: Option<&str>,
) -> Result<(Convention, String, Usage)> {
    let (c, name) = load_convention(path)?;
    let usage = load_usage(usage, sheet, &c)?;
    Ok((c, name, usage))
}

/// The usage read from `path`, if any.
fn load_usage(path: Option<&Path>, sheet: Option<&str>, c: &Convention) -> Result<Usage> {
    match path {
        Some(path) => usage::read_path(path, sheet, c),
        None => Ok(Usage::new()),
    }
}

/// The convention in `path`, or the embedded one; with the name messages give it.
fn load_convention(path: Option<&Path>) -> Result<(Convention, String)> {
    match path {
        None => Ok((
            convention::embedded()?,
            convention::EMBEDDED_NAME.to_string(),
        )),
        Some(path) => {
            let name = path.display().to_string();
            let mut text = Vec::new();
            File::open(path)
                // Read no further than the limit, so that a huge file cannot fill the memory.
                .and_then(|f| {
                    f.take(convention::MAX_FILE_BYTES as u64 + 1)
                        .read_to_end(&mut text)
                })
                .map_err(Error::io(path, msg::cannot_read()))?;
            convention::check_size(&name, text.len())?;
            let text = String::from_utf8(text)
                .map_err(|_| Error::input(error::Location::file(&name), msg::not_utf8()))?;
            Ok((convention::parse(&text, &name)?, name))
        }
    }
}

/// The bills of the semesters of `year`, once the year is known to be served.
fn bills_of_year(
    c: &Convention,
    file: &str,
    usage: &Usage,
    year: i32,
) -> Result<Vec<SemesterBill>> {
    check_scope(c, file, Scope::Year(year))?;
    Ok(billing::bill_year(c, usage, year))
}

/// Refuses a year or semester without a day of service, listing the valid ones.
fn check_scope(c: &Convention, file: &str, scope: Scope) -> Result<()> {
    let message = match scope {
        Scope::Convention => return Ok(()),
        Scope::Year(year) if c.years().contains(&year) => return Ok(()),
        Scope::Semester(s) if c.service_in(s).is_some() => return Ok(()),
        Scope::Year(year) => msg::no_service_in_year(year, file, c.years()),
        Scope::Semester(s) => msg::no_service_in_semester(s, file, c.semesters()),
    };
    Err(Error::Request(message))
}

/// A decimal from its text, for tests.
#[cfg(test)]
pub(crate) fn dec(text: &str) -> rust_decimal::Decimal {
    text.parse().expect("a decimal literal")
}
