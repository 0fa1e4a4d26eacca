//! The command line, as clap reads it: each command with exactly the options it takes. Checking
//! what the arguments mean together is `options`' job.

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

/// Bills a shared-advisor convention: what the provider invoices each semester, and what each
/// member owes, to the cent.
#[derive(Debug, Parser)]
#[command(
    name = "oleron-bill",
    version,
    args_conflicts_with_subcommands = true,
    disable_help_subcommand = true,
    subcommand_value_name = "COMMAND",
    after_help = "Without a command, prints the bills of YEAR (or of the whole convention).\n\
                  Examples:\n  oleron-bill 2021 --semester 2\n  oleron-bill 2021 -f csv -o 2021.csv\n  \
                  oleron-bill rebill 2021 --out-dir titres/2021"
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
    /// Year to bill; without it, every year of the convention.
    #[arg(value_parser = year_or_command)]
    pub year: Option<i32>,

    /// Semester of YEAR: 1 or S1 (January–June), 2 or S2 (July–December).
    #[arg(short, long, value_name = "N", requires = "year", value_parser = semester)]
    pub semester: Option<u8>,

    #[command(flatten)]
    pub inputs: Inputs,

    /// Output format [default: table, or csv with --csv-dialect].
    #[arg(short, long, value_enum)]
    pub format: Option<Format>,

    /// CSV flavour: standard (',' and '.') or excel-fr (';', ',' and a BOM); implies csv.
    #[arg(long, value_enum, value_name = "DIALECT")]
    pub csv_dialect: Option<Dialect>,

    /// Write to FILE instead of the standard output ('-' is the standard output).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace the output FILE if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

/// The files a computation reads.
#[derive(Debug, Args)]
pub struct Inputs {
    /// Convention file (TOML); without it, the embedded Oléron convention.
    #[arg(short, long, value_name = "FILE")]
    pub convention: Option<PathBuf>,

    /// Services ordered on demand (CSV with date, member, service, quantity).
    #[arg(short, long, value_name = "FILE")]
    pub usage: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the convention and compare its published figures with the computation; with
    /// --usage, check a usage file without billing it.
    Check {
        #[command(flatten)]
        inputs: Inputs,
    },
    /// Print the embedded convention, to start a new one from it.
    Convention,
    /// Write the year's rebilling of every member but the client into a folder.
    Rebill {
        /// Year to rebill.
        #[arg(value_parser = year)]
        year: i32,
        /// Folder to write into (created if missing).
        #[arg(long, value_name = "DIR")]
        out_dir: PathBuf,
        #[command(flatten)]
        inputs: Inputs,
        /// Replace the files of an earlier rebilling in DIR.
        #[arg(long)]
        force: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `oleron-bill man > oleron-bill.1`.
    Man,
    /// Print the help of oleron-bill, or of one of its commands.
    Help {
        /// The command to explain.
        #[arg(value_parser = command_name)]
        command: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    /// An Excel workbook; needs --output.
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Dialect {
    Standard,
    ExcelFr,
}

/// The help of the program, or of `command`, as `--help` prints it.
pub fn help(command: Option<&str>) -> String {
    let mut cli = Cli::command();
    let mut target = match command.and_then(|name| cli.find_subcommand_mut(name)) {
        Some(sub) => sub
            .clone()
            .bin_name(format!("oleron-bill {}", sub.get_name())),
        None => cli,
    };
    target.render_help().to_string()
}

/// The completion script of `shell`.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "oleron-bill", &mut script);
    script
}

/// The manual page, in roff.
pub fn manual() -> Vec<u8> {
    let mut page = Vec::new();
    // Writing into memory cannot fail.
    let _ = clap_mangen::Man::new(Cli::command()).render(&mut page);
    page
}

/// The names of the commands, for suggestions.
fn command_names() -> Vec<String> {
    Cli::command()
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect()
}

fn year(text: &str) -> Result<i32, String> {
    text.parse()
        .map_err(|_| format!("a year is a number such as 2021, not {text:?}"))
}

/// YEAR, when no command is given: a word that is not a number was probably meant as a command.
fn year_or_command(text: &str) -> Result<i32, String> {
    year(text).map_err(|message| {
        if !text.chars().any(|c| c.is_ascii_alphabetic()) {
            return message;
        }
        let names = command_names();
        match closest(text, &names) {
            Some(name) => format!(
                "neither a year nor a command; did you mean `{name}`? (commands: {})",
                names.join(", ")
            ),
            None => format!(
                "neither a year nor a command (commands: {})",
                names.join(", ")
            ),
        }
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

/// Reads the command line, with messages that say how to write it right: a command written
/// after options or a year is moved first in the suggestion, and an option a command does not
/// take is named with the options it does take.
pub fn parse(args: Vec<std::ffi::OsString>) -> Result<Cli, clap::Error> {
    let words: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let names = command_names();
    // The first word that is not an option or its value: a command, or else a year.
    let mut positional = (1..words.len()).filter(|&i| is_positional(&words, i));
    let first_is_command = positional.next().is_some_and(|i| names.contains(&words[i]));
    let misplaced = positional.find(|&i| names.contains(&words[i]));
    if let (false, Some(at)) = (first_is_command, misplaced) {
        let mut fixed: Vec<&str> = words.iter().map(String::as_str).collect();
        fixed[0] = "oleron-bill";
        let name = fixed.remove(at);
        fixed.insert(1, name);
        let message = format!("the command `{name}` goes first: {}", fixed.join(" "));
        return Err(Cli::command().error(clap::error::ErrorKind::ArgumentConflict, message));
    }
    // A first word that is neither a year nor a command: say so before clap reads the rest.
    if let Some(first) = words
        .get(1)
        .filter(|w| w.starts_with(|c: char| c.is_ascii_alphabetic()) && !names.contains(w))
    {
        if let Err(message) = year_or_command(first) {
            return Err(Cli::command().error(
                clap::error::ErrorKind::InvalidSubcommand,
                format!("{first:?} is {message}"),
            ));
        }
    }
    Cli::try_parse_from(&args).map_err(|e| explain_unknown_argument(e, &words))
}

/// Whether `words[at]` stands where a positional value would, not as the value of an option.
fn is_positional(words: &[String], at: usize) -> bool {
    if words[at].starts_with('-') {
        return false;
    }
    let previous = &words[at - 1];
    if at == 1 || !previous.starts_with('-') || previous.contains('=') {
        return true;
    }
    let takes_value = |arg: &clap::Arg| arg.get_action().takes_values();
    let command = Cli::command();
    let option = command.get_arguments().find(|arg| {
        previous
            .strip_prefix("--")
            .is_some_and(|long| arg.get_long() == Some(long))
            || (previous.len() == 2 && arg.get_short() == previous.chars().nth(1))
    });
    !option.is_some_and(takes_value)
}

/// Replaces clap's tip for an unknown option ("use '-- --semester'") by the options the
/// command does take.
fn explain_unknown_argument(e: clap::Error, words: &[String]) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::UnknownArgument {
        return e;
    }
    let Some(ContextValue::String(unknown)) = e.get(ContextKind::InvalidArg) else {
        return e;
    };
    let mut root = Cli::command();
    let (title, command) = match words.get(1).and_then(|w| root.find_subcommand(w)) {
        Some(sub) => (format!("oleron-bill {}", sub.get_name()), sub.clone()),
        None => {
            root.build();
            ("oleron-bill".to_string(), root)
        }
    };
    let options: Vec<String> = command
        .get_arguments()
        .filter(|arg| {
            arg.get_long().is_some() && arg.get_id() != "help" && arg.get_id() != "version"
        })
        .map(|arg| match (arg.get_short(), arg.get_long()) {
            (Some(short), Some(long)) => format!("-{short}/--{long}"),
            (_, long) => format!("--{}", long.unwrap_or_default()),
        })
        .collect();
    let suggestion = match e.get(ContextKind::SuggestedArg) {
        Some(ContextValue::String(similar)) => format!("did you mean '{similar}'? "),
        _ => String::new(),
    };
    let options = if options.is_empty() {
        "it takes no option".to_string()
    } else {
        format!("its options: {}", options.join(", "))
    };
    Cli::command().error(
        ErrorKind::UnknownArgument,
        format!("`{title}` takes no {unknown} ({suggestion}{options})"),
    )
}

fn semester(text: &str) -> Result<u8, String> {
    match text.trim().to_ascii_uppercase().as_str() {
        "1" | "S1" => Ok(1),
        "2" | "S2" => Ok(2),
        _ => Err("a semester is 1 or S1 (January–June), 2 or S2 (July–December)".to_string()),
    }
}

fn command_name(text: &str) -> Result<String, String> {
    let names = command_names();
    if names.iter().any(|n| n == text) {
        Ok(text.to_string())
    } else {
        Err(format!("no such command (commands: {})", names.join(", ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn semesters_as_people_write_them() {
        for (text, half) in [("1", 1), ("S1", 1), ("s2", 2), ("2", 2)] {
            assert_eq!(semester(text), Ok(half), "{text}");
        }
        assert!(semester("3").is_err());
        assert!(semester("S").is_err());
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
            "neither a year nor a command (commands: check, convention, rebill, completions, man, help)"
        );
    }
}
