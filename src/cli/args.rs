//! The command line as clap reads it: each command with exactly the options it takes, and the
//! readers of the values that are not plain text (years, semesters, command names).

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::messages::cli as msg;

/// The whole command line. Its help texts are in the message catalogue (`messages::HELP`), in
/// English and French: `super::command_line()` puts them in.
#[derive(Debug, Parser)]
#[command(
    name = "oleron-bill",
    version,
    args_conflicts_with_subcommands = true,
    disable_help_subcommand = true,
    subcommand_value_name = "COMMAND",
    disable_help_flag = true,
    disable_version_flag = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub report: ReportArgs,
}

/// The options of the report, the command without a name.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[arg(value_parser = year_or_command)]
    pub year: Option<i32>,

    #[arg(short, long, value_name = "N", requires = "year", value_parser = semester)]
    pub semester: Option<u8>,

    #[command(flatten)]
    pub inputs: Inputs,

    #[arg(short, long, value_enum)]
    pub format: Option<Format>,

    #[arg(long, value_enum, value_name = "DIALECT")]
    pub csv_dialect: Option<Dialect>,

    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    #[arg(long, requires = "output")]
    pub force: bool,
}

/// The files a computation reads.
#[derive(Debug, Args)]
pub struct Inputs {
    #[arg(short, long, value_name = "FILE")]
    pub convention: Option<PathBuf>,

    #[arg(short, long, value_name = "FILE")]
    pub usage: Option<PathBuf>,

    #[arg(long, value_name = "NAME", requires = "usage")]
    pub sheet: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validates the convention, or a usage file.
    Check {
        #[command(flatten)]
        inputs: Inputs,
    },
    /// Prints the embedded convention.
    Convention,
    /// Writes a year's rebilling.
    Rebill {
        #[arg(value_parser = year)]
        year: i32,
        #[arg(long, value_name = "DIR")]
        out_dir: PathBuf,
        #[command(flatten)]
        inputs: Inputs,
        #[arg(long, value_enum, value_name = "DIALECT")]
        csv_dialect: Option<Dialect>,
        #[arg(long, conflicts_with = "usage")]
        no_usage: bool,
        #[arg(long)]
        force: bool,
    },
    /// Weighs the advisor's time per member against the cost key, for the COPIL.
    Copil {
        #[arg(value_parser = year)]
        year: i32,
        #[arg(short, long, value_name = "N", value_parser = semester)]
        semester: Option<u8>,
        #[arg(long, value_name = "FILE")]
        interventions: PathBuf,
        #[arg(short, long, value_name = "FILE")]
        convention: Option<PathBuf>,
        #[arg(short, long, value_enum, value_name = "FORMAT")]
        format: Option<CopilFormat>,
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        #[arg(long, value_name = "FILE")]
        chart: Option<PathBuf>,
        #[arg(long)]
        force: bool,
    },
    /// Shows how every cent of a year's amounts is worked out.
    Explain {
        #[arg(value_parser = year)]
        year: i32,
        #[arg(short, long, value_name = "N", value_parser = semester)]
        semester: Option<u8>,
        #[arg(short, long, value_name = "MEMBER")]
        member: Option<String>,
        #[command(flatten)]
        inputs: Inputs,
        #[arg(short, long, value_enum, value_name = "FORMAT")]
        format: Option<ExplainFormat>,
    },
    /// Prints a completion script.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Prints the manual page.
    Man,
    /// Prints the help.
    Help {
        #[arg(value_parser = command_name)]
        command: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Xlsx,
}

/// The formats of the COPIL report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CopilFormat {
    Table,
    Csv,
    Json,
}

/// The formats of the explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Dialect {
    Standard,
    ExcelFr,
}

/// The names of the commands, for suggestions.
pub(super) fn command_names() -> Vec<String> {
    // The bare command: names need no help texts.
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

fn year(text: &str) -> Result<i32, String> {
    text.parse().map_err(|_| msg::not_a_year(text))
}

/// YEAR, when no command is given: a word that is not a number was probably meant as a command.
pub(super) fn year_or_command(text: &str) -> Result<i32, String> {
    year(text).map_err(|message| {
        if !text.chars().any(|c| c.is_ascii_alphabetic()) {
            return message;
        }
        let names = command_names();
        msg::neither_year_nor_command(text, closest(text, &names).map(String::as_str), &names)
    })
}

/// The name in `names` closest to `text`, if it is close enough to be a typing slip.
fn closest<'a>(text: &str, names: &'a [String]) -> Option<&'a String> {
    names
        .iter()
        .map(|name| (strsim::damerau_levenshtein(text, name), name))
        .filter(|(distance, name)| *distance <= name.len() / 2)
        .min()
        .map(|(_, name)| name)
}

/// A semester written where the year goes, as people write one (`2021-S2`, `S2-2021`,
/// `2021S2`, `S2 2021`, `2021 S2`, or `S2` alone), `next` the word after `text`: the year if
/// written, the semester, and how many words they take.
pub(super) fn semester_spelling(
    text: &str,
    next: Option<&str>,
) -> Option<(Option<i32>, u8, usize)> {
    let compact = |text: &str| -> String {
        text.chars()
            .filter(|c| !matches!(c, '-' | '_' | '/' | '.' | ' '))
            .collect::<String>()
            .to_ascii_uppercase()
    };
    let year = |text: &str| {
        let digits = text.len() == 4 && text.bytes().all(|b| b.is_ascii_digit());
        digits.then(|| text.parse().ok()).flatten()
    };
    let half = |text: &str| match text {
        "S1" => Some(1),
        "S2" => Some(2),
        _ => None,
    };
    let (text, next) = (compact(text), next.map(compact));
    if let Some(half) = half(&text) {
        let year = next.as_deref().and_then(year);
        return Some((year, half, 1 + usize::from(year.is_some())));
    }
    if let (Some(year), Some(half)) = (year(&text), next.as_deref().and_then(half)) {
        return Some((Some(year), half, 2));
    }
    if text.len() != 6 || !text.is_ascii() {
        return None;
    }
    let (first, last) = text.split_at(4);
    if let (Some(year), Some(half)) = (year(first), half(last)) {
        return Some((Some(year), half, 1));
    }
    let (first, last) = text.split_at(2);
    match (half(first), year(last)) {
        (Some(half), Some(year)) => Some((Some(year), half, 1)),
        _ => None,
    }
}

fn semester(text: &str) -> Result<u8, String> {
    match text.trim().to_ascii_uppercase().as_str() {
        "1" | "S1" => Ok(1),
        "2" | "S2" => Ok(2),
        _ => Err(msg::not_a_semester()),
    }
}

fn command_name(text: &str) -> Result<String, String> {
    let names = command_names();
    if names.iter().any(|n| n == text) {
        Ok(text.to_string())
    } else {
        Err(msg::no_such_command(&names))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semesters_as_people_write_them() {
        for (text, half) in [("1", 1), ("S1", 1), ("s2", 2), ("2", 2)] {
            assert_eq!(semester(text), Ok(half), "{text}");
        }
        assert!(semester("3").is_err());
        assert!(semester("S").is_err());
    }

    #[test]
    fn semesters_written_for_the_year_are_recognised() {
        let spelling = |text, next| semester_spelling(text, next);
        assert_eq!(spelling("2021-S2", None), Some((Some(2021), 2, 1)));
        assert_eq!(spelling("2021s1", Some("-f")), Some((Some(2021), 1, 1)));
        assert_eq!(spelling("S2-2022", None), Some((Some(2022), 2, 1)));
        assert_eq!(spelling("S2", Some("2021")), Some((Some(2021), 2, 2)));
        assert_eq!(spelling("2021", Some("S1")), Some((Some(2021), 1, 2)));
        assert_eq!(spelling("s2", None), Some((None, 2, 1)));
        assert_eq!(spelling("S2", Some("--format")), Some((None, 2, 1)));
        for no in ["2021", "S3", "2021-S3", "202-S2", "check", "2021é2", "S"] {
            assert_eq!(spelling(no, None), None, "{no}");
        }
        assert_eq!(spelling("2021", Some("2")), None);
    }

    #[test]
    fn a_mistyped_command_gets_a_suggestion() {
        assert!(year_or_command("chek")
            .unwrap_err()
            .contains("did you mean `check`?"));
        assert!(year_or_command("rebil")
            .unwrap_err()
            .contains("did you mean `rebill`?"));
        assert_eq!(year_or_command("2021"), Ok(2021));
        assert_eq!(
            year_or_command("20x1").unwrap_err(),
            "\"20x1\" is neither a year nor a command (commands: check, convention, rebill, copil, explain, completions, man, help)"
        );
    }
}
