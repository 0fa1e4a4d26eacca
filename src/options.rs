//! The command line checked and turned into what to do: a typed `Options`.

use std::path::PathBuf;

use crate::calendar::Semester;
use crate::cli::{Cli, Command, Dialect, Format};
use crate::error::{Error, Result};
use crate::export::{CsvDialect, CsvExport, Export, JsonExport, Scope, TableExport};

pub struct Options {
    /// The convention file; `None` is the embedded one.
    pub convention: Option<PathBuf>,
    pub usage: Option<PathBuf>,
    pub action: Action,
}

pub enum Action {
    /// Print the bills of a period.
    Report {
        scope: Scope,
        export: Box<dyn Export>,
        output: Option<Output>,
    },
    Check,
    PrintConvention,
    Rebill {
        year: i32,
        out_dir: PathBuf,
        force: bool,
    },
}

/// A file to write the report to.
pub struct Output {
    pub path: PathBuf,
    pub force: bool,
}

impl TryFrom<Cli> for Options {
    type Error = Error;

    fn try_from(cli: Cli) -> Result<Self> {
        refuse_unused(&cli)?;
        let action = match cli.command {
            Some(Command::Check) => Action::Check,
            Some(Command::Convention) => Action::PrintConvention,
            Some(Command::Rebill { year, out_dir }) => Action::Rebill {
                year,
                out_dir,
                force: cli.force,
            },
            None => {
                let scope = match (cli.year, cli.semester) {
                    (None, _) => Scope::Convention,
                    (Some(year), None) => Scope::Year(year),
                    (Some(year), Some(half)) => {
                        Scope::Semester(Semester::new(year, half).ok_or_else(|| {
                            Error::Request(format!("year {year} cannot be dated"))
                        })?)
                    }
                };
                if cli.csv_dialect != Dialect::Standard && cli.format != Format::Csv {
                    return Err(Error::Request(
                        "--csv-dialect goes with --format csv".to_string(),
                    ));
                }
                if cli.output.is_none() && cli.force {
                    return Err(Error::Request(
                        "--force goes with --output (or rebill --out-dir)".to_string(),
                    ));
                }
                let export: Box<dyn Export> = match cli.format {
                    Format::Table => Box::new(TableExport),
                    Format::Json => Box::new(JsonExport),
                    Format::Csv => Box::new(CsvExport {
                        dialect: match cli.csv_dialect {
                            Dialect::Standard => CsvDialect::STANDARD,
                            Dialect::ExcelFr => CsvDialect::EXCEL_FR,
                        },
                    }),
                };
                let output = cli.output.map(|path| Output {
                    path,
                    force: cli.force,
                });
                Action::Report {
                    scope,
                    export,
                    output,
                }
            }
        };
        Ok(Options {
            convention: cli.convention,
            usage: cli.usage,
            action,
        })
    }
}

/// Refuses the options a subcommand would silently ignore.
fn refuse_unused(cli: &Cli) -> Result<()> {
    let Some(command) = &cli.command else {
        return Ok(());
    };
    let (name, uses_inputs, writes) = match command {
        Command::Check => ("check", true, false),
        Command::Convention => ("convention", false, false),
        Command::Rebill { .. } => ("rebill", true, true),
    };
    let given = [
        ("YEAR", cli.year.is_some()),
        ("--semester", cli.semester.is_some()),
        ("--format", cli.format != Format::Table),
        ("--csv-dialect", cli.csv_dialect != Dialect::Standard),
        ("--output", cli.output.is_some()),
        ("--convention", !uses_inputs && cli.convention.is_some()),
        ("--usage", !uses_inputs && cli.usage.is_some()),
        ("--force", !writes && cli.force),
    ];
    let unused: Vec<&str> = given
        .iter()
        .filter(|(_, given)| *given)
        .map(|(option, _)| *option)
        .collect();
    if unused.is_empty() {
        return Ok(());
    }
    Err(Error::Request(format!(
        "`oleron-bill {name}` takes no {}",
        unused.join(", ")
    )))
}
