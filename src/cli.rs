//! The command line, as clap reads it: each command with exactly the options it takes. Checking
//! what the arguments mean together is `options`' job.

use std::path::PathBuf;

use clap::{Arg, ArgAction, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::messages::{cli as msg, help_footer, tr, HELP, VALUE_NAMES};

/// The whole command line. Its help texts are in the message catalogue (`messages::HELP`), in
/// English and French: `command_line()` puts them in.
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

/// The command line with its help in the language of this run.
pub fn command_line() -> clap::Command {
    localize(Cli::command(), "").after_help(help_footer())
}

/// Puts the catalogue's help texts into `command`, named `path` in the catalogue, and into
/// its subcommands.
fn localize(mut command: clap::Command, path: &str) -> clap::Command {
    // A command's own text, else the program's (options shared by commands), else the text
    // of every command (help, version).
    let text = |arg: &str| {
        [path, "", "*"].iter().find_map(|place| {
            HELP.iter()
                .find(|(c, a, ..)| c == place && *a == arg)
                .map(|(_, _, en, fr)| tr(en, fr))
        })
    };
    if let Some(about) = text("") {
        command = command.about(about);
    }
    let ids: Vec<String> = command
        .get_arguments()
        .map(|arg| arg.get_id().to_string())
        .collect();
    for id in ids {
        let help = text(&id);
        command = command.mut_arg(id, |arg| {
            let names: Vec<&'static str> = arg
                .get_value_names()
                .unwrap_or_default()
                .iter()
                .map(|name| value_name(name.as_str()))
                .collect();
            let arg = arg.help(help);
            if names.is_empty() || !arg.get_action().takes_values() {
                arg
            } else {
                // The catalogue's text lists the values, in the reader's language.
                arg.value_names(names).hide_possible_values(true)
            }
        });
    }
    command = command
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(text("help")),
        )
        .help_template(tr(
            "{about-with-newline}\nUsage: {usage}\n\n{all-args}{after-help}",
            "{about-with-newline}\nUtilisation : {usage}\n\n{all-args}{after-help}",
        ))
        .subcommand_help_heading(tr("Commands", "Commandes"))
        .subcommand_value_name(value_name("COMMAND"));
    if path.is_empty() {
        command = command.arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(text("version")),
        );
    }
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    for name in names {
        command = command.mut_subcommand(&name, |sub| localize(sub, &name));
    }
    command
}

/// The name of a value in the help, in the language of this run.
fn value_name(name: &str) -> &'static str {
    VALUE_NAMES
        .iter()
        .find(|(en, _)| *en == name)
        .map_or("VALUE", |(en, fr)| tr(en, fr))
}

/// The help of the program, or of `command`, as `--help` prints it.
pub fn help(command: Option<&str>) -> String {
    let mut cli = command_line();
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
    clap_complete::generate(shell, &mut command_line(), "oleron-bill", &mut script);
    script
}

/// The manual page, in roff.
pub fn manual() -> Vec<u8> {
    let mut page = Vec::new();
    // Writing into memory cannot fail.
    let _ = clap_mangen::Man::new(command_line()).render(&mut page);
    page
}

/// The names of the commands, for suggestions.
fn command_names() -> Vec<String> {
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
fn year_or_command(text: &str) -> Result<i32, String> {
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

/// Reads the command line, with messages that say how to write it right: a command written
/// after options or a year is moved first in the suggestion, and an option a command does not
/// take is named with the options it does take.
pub fn parse(args: Vec<std::ffi::OsString>) -> Result<Cli, clap::Error> {
    let words: Vec<String> = args
        .iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let is_command = |word: &String| Command::has_subcommand(word);
    // The report's options are the program's own: they say where a positional word stands.
    let report = report_command();
    // The first word that is not an option or its value: a command, or else a year.
    let mut positional = (1..words.len()).filter(|&i| is_positional(&report, &words, i));
    let first = positional.next();
    let first_is_command = first.is_some_and(|i| is_command(&words[i]));
    // A command goes first: not after a year (`2021 rebill`) nor after options (`--force
    // rebill`), unless they ask for the help or the version, which clap then shows.
    let asks = |w: &String| matches!(w.as_str(), "-h" | "--help" | "-V" | "--version");
    let misplaced = match first_is_command {
        true => first.filter(|&i| i > 1 && !words[1..i].iter().any(asks)),
        false => positional.find(|&i| is_command(&words[i])),
    };
    if let Some(at) = misplaced {
        let mut fixed: Vec<&str> = words.iter().map(String::as_str).collect();
        fixed[0] = "oleron-bill";
        let name = fixed.remove(at);
        fixed.insert(1, name);
        let message = msg::command_goes_first(name, &fixed.join(" "));
        return Err(command_line().error(clap::error::ErrorKind::ArgumentConflict, message));
    }
    // A first word that is neither a year nor a command: say so before clap reads the rest.
    let first_word = words
        .get(1)
        .filter(|w| w.starts_with(|c: char| c.is_ascii_alphabetic()) && !is_command(w));
    if let Some(Err(message)) = first_word.map(|word| year_or_command(word)) {
        return Err(command_line().error(clap::error::ErrorKind::InvalidSubcommand, message));
    }
    // A line that reads is read by a bare command: the report's alone when no command is
    // named, since building the others costs at every start. The help, the version and the
    // mistakes are rendered by the command with its words, which costs more, so only then.
    let read = |command: clap::Command| {
        command
            .try_get_matches_from(&args)
            .and_then(|matches| Cli::from_arg_matches(&matches))
    };
    match first_is_command {
        true => read(Cli::command()),
        false => read_report(report, &args),
    }
    .or_else(|_| read(command_line()))
    .map_err(|e| explain_unknown_argument(e, &words))
}

/// Reads `args`, a line without a command, with `report`, the program's `report_command`.
fn read_report(report: clap::Command, args: &[std::ffi::OsString]) -> Result<Cli, clap::Error> {
    let matches = report.try_get_matches_from(args)?;
    Ok(Cli {
        command: None,
        report: ReportArgs::from_arg_matches(&matches)?,
    })
}

/// The program without its commands: the report's options, nothing else (no help, no version).
fn report_command() -> clap::Command {
    let bare = clap::Command::new("oleron-bill")
        .disable_help_flag(true)
        .disable_version_flag(true);
    ReportArgs::augment_args(bare)
}

/// Whether `words[at]` stands where a positional value would, not as the value of an option
/// of `command`.
fn is_positional(command: &clap::Command, words: &[String], at: usize) -> bool {
    if words[at].starts_with('-') {
        return false;
    }
    let previous = &words[at - 1];
    if at == 1 || !previous.starts_with('-') || previous.contains('=') {
        return true;
    }
    let takes_value = |arg: &clap::Arg| arg.get_action().takes_values();
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
    let mut root = command_line();
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
    // Clap's suggestion, if it is a typing slip away (not `--sheet` for `--semester`).
    let similar = match e.get(ContextKind::SuggestedArg) {
        Some(ContextValue::String(similar))
            if strsim::damerau_levenshtein(unknown, similar) <= unknown.len() / 3 =>
        {
            Some(similar.as_str())
        }
        _ => None,
    };
    command_line().error(
        ErrorKind::UnknownArgument,
        msg::takes_no(&title, unknown, similar, &options),
    )
}

/// One line saying what is wrong with the command line, in the language of this run, without
/// the usage clap prints after it.
pub fn error_message(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let context = |kind| match e.get(kind) {
        Some(ContextValue::String(text)) => Some(text.clone()),
        Some(ContextValue::Strings(texts)) => Some(texts.join(", ")),
        Some(ContextValue::StyledStr(text)) => Some(text.to_string()),
        Some(ContextValue::StyledStrs(texts)) => Some(
            texts
                .iter()
                .map(|t| t.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => None,
    };
    let arg = context(ContextKind::InvalidArg);
    let value = context(ContextKind::InvalidValue);
    let message = match (e.kind(), arg, value) {
        (ErrorKind::ValueValidation, Some(arg), Some(value)) => {
            let detail = std::error::Error::source(e).map(|s| s.to_string());
            msg::invalid_value(&value, &arg, &detail.unwrap_or_default())
        }
        // Clap's way of saying an option came last, without its value.
        (ErrorKind::InvalidValue, Some(arg), Some(value)) if value.is_empty() => {
            msg::value_required(&arg, &context(ContextKind::ValidValue).unwrap_or_default())
        }
        (ErrorKind::InvalidValue, Some(arg), Some(value)) => {
            let valid = context(ContextKind::ValidValue).unwrap_or_default();
            msg::invalid_value(&value, &arg, &msg::possible_values(&valid))
        }
        (ErrorKind::MissingRequiredArgument, Some(arg), _) => msg::missing(&arg),
        _ => {
            // Clap's own words (and ours, for the errors made here): the first paragraph.
            let rendered = e.render().to_string();
            let lines = rendered
                .lines()
                .take_while(|line| !line.starts_with("Usage:") && !line.starts_with("Utilisation"))
                .map(str::trim)
                .filter(|line| !line.is_empty() && !line.starts_with("For more information"));
            let mut message = String::new();
            for line in lines {
                if !message.is_empty() {
                    message.push_str(if message.ends_with(':') { " " } else { "; " });
                }
                message.push_str(line.strip_prefix("error: ").unwrap_or(line));
            }
            message
        }
    };
    msg::see_help(&message)
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
    fn the_command_line_is_consistent() {
        command_line().debug_assert();
    }

    /// The report's own command reads what the whole command line reads, and refuses what
    /// it refuses.
    #[test]
    fn the_report_alone_reads_as_the_whole_command_line() {
        let args = |line: &str| -> Vec<std::ffi::OsString> {
            std::iter::once("oleron-bill")
                .chain(line.split_whitespace())
                .map(Into::into)
                .collect()
        };
        let whole = |line: &str| {
            Cli::command()
                .try_get_matches_from(args(line))
                .and_then(|matches| Cli::from_arg_matches(&matches))
        };
        let lines = [
            "",
            "2021",
            "2021 --semester 2",
            "2021 -s S1 -f csv -o out.csv --force",
            "--usage u.csv --sheet Feuil1 2022",
            "2020 --csv-dialect excel-fr -c other.toml",
            "-f json --output=-",
        ];
        for line in lines {
            let read = read_report(report_command(), &args(line)).unwrap();
            assert_eq!(
                format!("{read:?}"),
                format!("{:?}", whole(line).unwrap()),
                "{line}"
            );
        }
        for wrong in [
            "--help",
            "-V",
            "2021 -s 3",
            "-s 2",
            "2021 --force",
            "2021 --nope",
        ] {
            assert!(whole(wrong).is_err(), "{wrong}");
            assert!(
                read_report(report_command(), &args(wrong)).is_err(),
                "{wrong}"
            );
        }
        // Every command's name is known without building the commands.
        for name in command_names() {
            assert!(Command::has_subcommand(&name), "{name}");
        }
        assert!(!Command::has_subcommand("2021"));
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
            "\"20x1\" is neither a year nor a command (commands: check, convention, rebill, copil, explain, completions, man, help)"
        );
    }
}
