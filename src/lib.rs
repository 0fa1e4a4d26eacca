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
pub mod display;
pub mod documents;
pub mod error;
pub mod export;
pub mod options;
pub mod output;
pub mod rebill;
pub mod usage;

use std::fs::{self, File};
use std::path::Path;

use billing::{SemesterBill, Usage};
use convention::Convention;
use error::{Error, Result};
use export::{Report, Scope};
use options::{Action, Options};

/// Does what the command line asks.
pub fn run(options: Options) -> Result<()> {
    let Options {
        convention,
        usage,
        action,
    } = options;
    let with_usage = usage.is_some();
    let inputs = || load(convention.as_deref(), usage.as_deref());
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
            let (c, file, usage) = inputs()?;
            let bills = bills_in(&c, &file, &usage, scope)?;
            if let Some(out) = &output {
                output::check_free(&out.path, out.force)?;
            }
            let bytes = export.render(&Report {
                convention: &c,
                scope,
                bills,
                with_usage,
            })?;
            match output {
                Some(out) => output::to_file(&out.path, &bytes, out.force),
                None => output::to_stdout(&bytes),
            }
        }
        Action::Check => {
            let (c, file, usage) = inputs()?;
            let (text, differ) = check::check(&c, &billing::bill(&c, &usage));
            output::to_stdout(text.as_bytes())?;
            match differ {
                0 => Ok(()),
                count => Err(Error::Mismatch { file, count }),
            }
        }
        Action::Rebill {
            year,
            out_dir,
            force,
        } => {
            let (c, file, usage) = inputs()?;
            let bills = bills_in(&c, &file, &usage, Scope::Year(year))?;
            let files = rebill::rebill(&c, year, &bills);
            // Refused before anything is written, so that no folder is left half rebilled.
            for f in &files {
                output::check_free(&out_dir.join(&f.name), force)?;
            }
            fs::create_dir_all(&out_dir).map_err(Error::io(&out_dir, "cannot create folder"))?;
            let mut written = String::new();
            for f in &files {
                let path = out_dir.join(&f.name);
                output::to_file(&path, f.text.as_bytes(), force)?;
                written.push_str(&format!("{}\n", path.display()));
            }
            output::to_stdout(written.as_bytes())
        }
    }
}

/// The convention (from `path`, or the embedded one) with the name messages give it, and the
/// usage read from `usage`, if any.
fn load(path: Option<&Path>, usage: Option<&Path>) -> Result<(Convention, String, Usage)> {
    let (c, name) = load_convention(path)?;
    let usage = match usage {
        Some(path) => {
            let input = File::open(path).map_err(Error::io(path, "cannot read"))?;
            usage::read(input, &path.display().to_string(), &c)?
        }
        None => Usage::new(),
    };
    Ok((c, name, usage))
}

/// The convention in `path`, or the embedded one; with the name messages give it.
fn load_convention(path: Option<&Path>) -> Result<(Convention, String)> {
    match path {
        None => Ok((
            convention::parse(convention::EMBEDDED, convention::EMBEDDED_NAME)?,
            convention::EMBEDDED_NAME.to_string(),
        )),
        Some(path) => {
            let name = path.display().to_string();
            let text = fs::read(path).map_err(Error::io(path, "cannot read"))?;
            let text = String::from_utf8(text)
                .map_err(|_| Error::input(error::Location::file(&name), "not valid UTF-8 text"))?;
            Ok((convention::parse(&text, &name)?, name))
        }
    }
}

/// The bills of the semesters in `scope`, once the scope is known to be served.
fn bills_in(c: &Convention, file: &str, usage: &Usage, scope: Scope) -> Result<Vec<SemesterBill>> {
    check_scope(c, file, scope)?;
    Ok(billing::bill(c, usage)
        .into_iter()
        .filter(|b| scope.contains(b.semester))
        .collect())
}

/// Refuses a year or semester without a day of service, listing the valid ones.
fn check_scope(c: &Convention, file: &str, scope: Scope) -> Result<()> {
    let (asked, kind, valid): (String, &str, Vec<String>) = match scope {
        Scope::Convention => return Ok(()),
        Scope::Year(year) if c.years().contains(&year) => return Ok(()),
        Scope::Semester(s) if c.service_in(s).is_some() => return Ok(()),
        Scope::Year(year) => (
            format!("year {year}"),
            "years",
            c.years().map(|y| y.to_string()).collect(),
        ),
        Scope::Semester(s) => (
            format!("semester {s}"),
            "semesters",
            c.semesters().map(|s| s.to_string()).collect(),
        ),
    };
    Err(Error::Request(format!(
        "{asked} has no day of service in the convention {file} (valid {kind}: {})",
        valid.join(", ")
    )))
}

/// A decimal from its text, for tests.
#[cfg(test)]
pub(crate) fn dec(text: &str) -> rust_decimal::Decimal {
    text.parse().expect("a decimal literal")
}
