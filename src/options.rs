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
        let action = match cli.command {
            Some(Command::Check) if cli.force => {
                return Err(Error::Request(
                    "`oleron-bill check` writes no file: it takes no --force".to_string(),
                ))
            }
            Some(Command::Check) => Action::Check,
            Some(Command::Convention) => {
                if cli.convention.is_some() || cli.usage.is_some() || cli.force {
                    return Err(Error::Request(
                        "`oleron-bill convention` prints the embedded convention: it takes no --convention, --usage or --force".to_string(),
                    ));
                }
                Action::PrintConvention
            }
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
