//! The command line checked and turned into what to do: a typed `Options`.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use clap::ValueEnum;

use crate::calendar::Semester;
use crate::cli::{Cli, Command, CopilFormat, Dialect, ExplainFormat, Format, Inputs, ReportArgs};
use crate::error::{Error, Result};
use crate::export::{
    terminal_width, CsvDialect, CsvExport, Export, JsonExport, Scope, TableExport, XlsxExport,
};
use crate::messages::cli as msg;
use crate::messages::output as out_msg;

pub struct Options {
    /// The convention file; `None` is the embedded one.
    pub convention: Option<PathBuf>,
    pub usage: Option<PathBuf>,
    /// The sheet of a workbook usage file to read; the first by default.
    pub sheet: Option<String>,
    pub action: Action,
}

pub enum Action {
    /// Print the bills of a period.
    Report {
        scope: Scope,
        export: Box<dyn Export>,
        /// `None` is the standard output.
        output: Option<Output>,
    },
    Check,
    PrintConvention,
    Rebill {
        year: i32,
        out_dir: PathBuf,
        force: bool,
        /// The dialect of every CSV file written.
        dialect: CsvDialect,
        /// Whether the titres are to carry no services on purpose, without a usage file.
        no_usage: bool,
    },
    /// The COPIL report of the twelve months ending with `semester`.
    Copil {
        semester: Semester,
        interventions: PathBuf,
        format: CopilFormat,
        output: Option<Output>,
        chart: Option<Output>,
    },
    /// The derivation of a year's amounts, of one semester if `half` is given, for one member
    /// if `member` names one.
    /// The derivation of `year`, or of its `semester`.
    Explain {
        year: i32,
        semester: Option<Semester>,
        member: Option<String>,
        format: ExplainFormat,
    },
    Completions(clap_complete::Shell),
    Manual,
    /// The help of the program, or of one command.
    Help(Option<String>),
}

/// A file to write the report to.
pub struct Output {
    pub path: PathBuf,
    pub force: bool,
}

impl TryFrom<Cli> for Options {
    type Error = Error;

    fn try_from(cli: Cli) -> Result<Self> {
        let (inputs, action) = match cli.command {
            Some(Command::Check { inputs }) => (inputs, Action::Check),
            Some(Command::Convention) => (Inputs::none(), Action::PrintConvention),
            Some(Command::Rebill {
                year,
                out_dir,
                inputs,
                force,
                csv_dialect,
                no_usage,
            }) => (
                inputs,
                Action::Rebill {
                    year,
                    out_dir,
                    force,
                    dialect: csv_dialect_of(csv_dialect),
                    no_usage,
                },
            ),
            Some(Command::Copil {
                year,
                semester,
                interventions,
                convention,
                format,
                output,
                chart,
                force,
            }) => {
                let semester = Semester::new(year, semester.unwrap_or(2))
                    .ok_or_else(|| Error::Request(msg::year_cannot_be_dated(year)))?;
                let output = output.filter(|p| p.as_os_str() != "-");
                let asked = format.map(|f| (f, "--format"));
                let format = format_for(output.as_deref(), asked, CopilFormat::Table)?;
                if let Some(chart) = &chart {
                    chart_is_svg(chart)?;
                }
                let file = |path: PathBuf| Output { path, force };
                (
                    Inputs {
                        convention,
                        usage: None,
                        sheet: None,
                    },
                    Action::Copil {
                        semester,
                        interventions,
                        format,
                        output: output.map(file),
                        chart: chart.map(file),
                    },
                )
            }
            Some(Command::Explain {
                year,
                semester,
                member,
                inputs,
                format,
            }) => (
                inputs,
                Action::Explain {
                    year,
                    semester: match scope(year, semester)? {
                        Scope::Semester(s) => Some(s),
                        _ => None,
                    },
                    member,
                    format: format.unwrap_or(ExplainFormat::Table),
                },
            ),
            Some(Command::Completions { shell }) => (Inputs::none(), Action::Completions(shell)),
            Some(Command::Man) => (Inputs::none(), Action::Manual),
            Some(Command::Help { command }) => (Inputs::none(), Action::Help(command)),
            None => report(cli.report)?,
        };
        Ok(Options {
            convention: inputs.convention,
            usage: inputs.usage,
            sheet: inputs.sheet,
            action,
        })
    }
}

/// The bills, the command without a name: their period, their format (asked, or named by the
/// output file's extension) and where they go.
fn report(args: ReportArgs) -> Result<(Inputs, Action)> {
    let scope = match args.year {
        None => Scope::Convention,
        Some(year) => scope(year, args.semester)?,
    };
    // A CSV dialect implies CSV.
    let asked = match (args.format, args.csv_dialect) {
        (Some(format), Some(_)) if format != Format::Csv => {
            return Err(Error::Request(msg::dialect_goes_with_csv()))
        }
        (Some(format), _) => Some((format, "--format")),
        (None, Some(_)) => Some((Format::Csv, "--csv-dialect")),
        (None, None) => None,
    };
    // `-o -` is the standard output, as in other command-line tools.
    let output = args.output.filter(|path| path.as_os_str() != "-");
    let format = format_for(output.as_deref(), asked, Format::Table)?;
    let output = output.map(|path| Output {
        path,
        force: args.force,
    });
    let export: Box<dyn Export> = match format {
        // On a terminal, tables fit its width.
        Format::Table => Box::new(TableExport {
            width: output.is_none().then(terminal_width).flatten(),
        }),
        Format::Json => Box::new(JsonExport),
        Format::Xlsx => Box::new(XlsxExport),
        Format::Csv => Box::new(CsvExport {
            dialect: csv_dialect_of(args.csv_dialect),
        }),
    };
    if format == Format::Xlsx && output.is_none() && std::io::stdout().is_terminal() {
        return Err(Error::Request(msg::workbook_not_for_a_terminal()));
    }
    Ok((
        args.inputs,
        Action::Report {
            scope,
            export,
            output,
        },
    ))
}

/// The extensions that name a format: a file so named is written in it.
const NAMED: [&str; 3] = ["csv", "json", "xlsx"];

/// The extensions of formats that no `-o` writes: a file so named would hold text that the
/// program its name opens refuses (a spreadsheet, a PDF reader, an image viewer).
const FOREIGN: [&str; 4] = ["xls", "ods", "pdf", "svg"];

/// The extensions to suggest, best first, for a file named in a format the command does not
/// write: a workbook is what a spreadsheet user wants, then CSV, which it also opens.
const SUGGESTED: [&str; 3] = ["xlsx", "csv", "json"];

/// The chart is SVG: a name with another extension (`chart.csv`) would hold SVG under a name
/// that another program opens, and refuses. A name without an extension is taken as given.
fn chart_is_svg(path: &Path) -> Result<()> {
    match path.extension() {
        Some(extension) if !extension.eq_ignore_ascii_case("svg") => {
            Err(Error::Request(out_msg::chart_not_svg(
                path,
                &extension.to_string_lossy(),
                &path.with_extension("svg"),
            )))
        }
        _ => Ok(()),
    }
}

/// The format to write `path` in (`None` is the standard output): the one `asked` for by an
/// option (`--format`, or `--csv-dialect` for CSV), else the one the file's extension names,
/// else `default`. A file named `.csv`, `.json` or `.xlsx` is never written in another format:
/// an option that asks for one, or a command without that format, is refused; nor is a file
/// named in a format that no command writes there (`.xls`, `.pdf`).
fn format_for<F: ValueEnum + PartialEq>(
    path: Option<&Path>,
    asked: Option<(F, &str)>,
    default: F,
) -> Result<F> {
    let extension =
        path.and_then(|path| Some((path, path.extension()?.to_str()?.to_ascii_lowercase())));
    if let Some((path, extension)) = &extension {
        if FOREIGN.contains(&extension.as_str()) {
            return Err(foreign_name::<F>(path, extension));
        }
    }
    let named = extension.filter(|(_, extension)| NAMED.contains(&extension.as_str()));
    let Some((path, extension)) = named else {
        return Ok(asked.map_or(default, |(format, _)| format));
    };
    let of_name = F::from_str(&extension, true).ok();
    match (asked, of_name) {
        (None, Some(format)) => Ok(format),
        (None, None) => Err(Error::Request(msg::no_format_for_name(
            path,
            &extension,
            &F::value_variants().iter().map(name_of).collect::<Vec<_>>(),
        ))),
        (Some((format, _)), Some(named)) if format == named => Ok(format),
        (Some((format, option)), _) => {
            let name = name_of(&format);
            // A table is text.
            let renamed = path.with_extension(if name == "table" { "txt" } else { &name });
            Err(Error::Request(msg::format_contradicts_name(
                path, &extension, option, &name, &renamed,
            )))
        }
    }
}

/// The refusal of `path`, named `.{extension}`, a format that no command writes to `-o`: it
/// names the formats the command writes and the names that would choose them.
fn foreign_name<F: ValueEnum>(path: &Path, extension: &str) -> Error {
    let renamed: Vec<PathBuf> = SUGGESTED
        .iter()
        .filter(|suggested| F::from_str(suggested, true).is_ok())
        .take(2)
        .map(|suggested| path.with_extension(suggested))
        .collect();
    Error::Request(out_msg::format_not_written(
        path,
        extension,
        &F::value_variants().iter().map(name_of).collect::<Vec<_>>(),
        &renamed,
    ))
}

/// The name of `format` on the command line (`csv`, `table`).
fn name_of<F: ValueEnum>(format: &F) -> String {
    format
        .to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_string())
}

/// The CSV dialect asked for; standard by default.
fn csv_dialect_of(dialect: Option<Dialect>) -> CsvDialect {
    match dialect {
        Some(Dialect::ExcelFr) => CsvDialect::EXCEL_FR,
        Some(Dialect::Standard) | None => CsvDialect::STANDARD,
    }
}

/// `year`, or its semester `half`.
fn scope(year: i32, half: Option<u8>) -> Result<Scope> {
    Ok(match half {
        None => Scope::Year(year),
        Some(half) => Scope::Semester(
            Semester::new(year, half)
                .ok_or_else(|| Error::Request(msg::year_cannot_be_dated(year)))?,
        ),
    })
}

impl Inputs {
    fn none() -> Self {
        Inputs {
            convention: None,
            usage: None,
            sheet: None,
        }
    }
}
