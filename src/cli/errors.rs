//! Clap's refusals of a command line, said the program's way: a command written after options
//! or a year is moved first in the suggestion, a first word that is neither a year nor a
//! command gets the closest command, an option a command does not take is named with the
//! options it does take, and every message is one line in the language of this run.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, Subcommand};

use super::args::{semester_spelling, year_or_command};
use super::localize::value_name;
use super::{command_line, Cli, Command};
use crate::messages::cli as msg;

/// The error to report for `e`, clap's refusal of `words` (the whole command line), or of
/// its request for the help or the version.
pub(super) fn rewrite(e: clap::Error, words: &[String]) -> clap::Error {
    misplaced_command(words)
        .or_else(|| semester_for_year(words))
        .or_else(|| neither_year_nor_command(words))
        .or_else(|| missing_choice(&e, words))
        .unwrap_or_else(|| explain_unknown_argument(e, words))
}

/// A semester written where the year goes (`2021-S2`, `S2 2021`, `S2`), of the program or of
/// a command whose year takes `--semester` (`explain 2021-S2`): the line that asks for it,
/// with `--semester`.
fn semester_for_year(words: &[String]) -> Option<clap::Error> {
    let root = Cli::command();
    let first = (1..words.len()).find(|&i| is_positional(&root, words, i))?;
    let at = match Command::has_subcommand(&words[first]) {
        false => first,
        true => {
            let command = root.find_subcommand(&words[first])?;
            command
                .get_arguments()
                .find(|arg| arg.get_long() == Some("semester"))?;
            (first + 1..words.len()).find(|&i| is_positional(command, words, i))?
        }
    };
    let next = words.get(at + 1).map(String::as_str);
    let (year, half, taken) = semester_spelling(&words[at], next)?;
    let year_given = year.is_some();
    let year = year.map_or_else(|| value_name("YEAR").to_string(), |y| y.to_string());
    let mut fixed: Vec<String> = words.to_vec();
    fixed[0] = "oleron-bill".to_string();
    fixed.splice(
        at..at + taken,
        [year, "--semester".to_string(), half.to_string()],
    );
    let written = words[at..at + taken].join(" ");
    let message = msg::semester_for_year(&written, year_given, &fixed.join(" "));
    Some(command_line().error(ErrorKind::InvalidValue, message))
}

/// A command's value left out that is one of a few (`completions` without its shell): the
/// values it may be.
fn missing_choice(e: &clap::Error, words: &[String]) -> Option<clap::Error> {
    if e.kind() != ErrorKind::MissingRequiredArgument {
        return None;
    }
    let root = command_line();
    let command = root.find_subcommand(words.get(1)?)?;
    let arg = command
        .get_positionals()
        .find(|arg| arg.is_required_set() && !arg.get_possible_values().is_empty())?;
    let name = format!("<{}>", arg.get_value_names()?.first()?);
    let missing = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::Strings(missing)) => missing.contains(&name),
        _ => false,
    };
    let choices: Vec<String> = arg
        .get_possible_values()
        .iter()
        .map(|value| value.get_name().to_string())
        .collect();
    let title = format!("oleron-bill {}", command.get_name());
    let example = format!("{title} {}", choices.first()?);
    let message = msg::choice_missing(&title, &name, &choices, &example);
    missing.then(|| command_line().error(ErrorKind::MissingRequiredArgument, message))
}

/// A command that does not come first: not after a year (`2021 rebill`) nor after options
/// (`--force rebill`), unless they ask for the help or the version, which clap then shows.
fn misplaced_command(words: &[String]) -> Option<clap::Error> {
    let is_command = |word: &String| Command::has_subcommand(word);
    // The program's own options say where a positional word stands.
    let root = Cli::command();
    // The first word that is not an option or its value: a command, or else a year.
    let mut positional = (1..words.len()).filter(|&i| is_positional(&root, words, i));
    let first = positional.next();
    let asks = |w: &String| matches!(w.as_str(), "-h" | "--help" | "-V" | "--version");
    let at = match first.is_some_and(|i| is_command(&words[i])) {
        true => first.filter(|&i| i > 1 && !words[1..i].iter().any(asks)),
        false => positional.find(|&i| is_command(&words[i])),
    }?;
    let mut fixed: Vec<&str> = words.iter().map(String::as_str).collect();
    fixed[0] = "oleron-bill";
    let name = fixed.remove(at);
    fixed.insert(1, name);
    let message = msg::command_goes_first(name, &fixed.join(" "));
    Some(command_line().error(ErrorKind::ArgumentConflict, message))
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

/// A first word that is neither a year nor a command, whatever clap found wrong after it.
fn neither_year_nor_command(words: &[String]) -> Option<clap::Error> {
    let word = words
        .get(1)
        .filter(|w| w.starts_with(|c: char| c.is_ascii_alphabetic()))
        .filter(|w| !Command::has_subcommand(w))?;
    let message = year_or_command(word).err()?;
    Some(command_line().error(ErrorKind::InvalidSubcommand, message))
}

/// Replaces clap's tip for an unknown option ("use '-- --semester'") by the options the
/// command does take.
fn explain_unknown_argument(e: clap::Error, words: &[String]) -> clap::Error {
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
    let message = match unknown.starts_with('-') {
        true => msg::takes_no(&title, unknown, similar, &options),
        false => {
            let arguments: Vec<String> = command
                .get_positionals()
                .filter_map(|arg| arg.get_value_names()?.first().map(|n| format!("<{n}>")))
                .collect();
            let help_of = Command::has_subcommand(unknown).then_some(unknown.as_str());
            msg::extra_argument(&title, unknown, &arguments, help_of, &options)
        }
    };
    command_line().error(ErrorKind::UnknownArgument, message)
}

/// One line saying what is wrong with the command line, in the language of this run, without
/// the usage clap prints after it.
pub fn error_message(e: &clap::Error) -> String {
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
        (ErrorKind::ArgumentConflict, Some(arg), _) => argument_conflict(e, &arg),
        _ => first_paragraph(e),
    };
    msg::see_help(&message)
}

/// Two options that cannot go together, or one given twice, `arg` the one clap refused: clap
/// says it in English whatever the locale.
fn argument_conflict(e: &clap::Error, arg: &str) -> String {
    let others = match e.get(ContextKind::PriorArg) {
        Some(ContextValue::String(other)) if other == arg => return msg::given_twice(arg),
        Some(ContextValue::String(other)) => vec![other.clone()],
        Some(ContextValue::Strings(others)) => others.clone(),
        _ => Vec::new(),
    };
    msg::cannot_go_with(arg, &others)
}

/// Clap's own words (and ours, for the errors made here): the first paragraph of the rendered
/// error, on one line.
fn first_paragraph(e: &clap::Error) -> String {
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
