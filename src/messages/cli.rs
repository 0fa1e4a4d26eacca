//! The messages about the command line.

use std::path::Path;

use super::{lang, Lang};

pub fn not_a_year(text: &str) -> String {
    match lang() {
        Lang::En => format!("a year is a number such as 2021, not {text:?}"),
        Lang::Fr => format!("une année est un nombre comme 2021, pas {text:?}"),
    }
}

pub fn neither_year_nor_command(text: &str, closest: Option<&str>, names: &[String]) -> String {
    let names = names.join(", ");
    match (lang(), closest) {
        (Lang::En, Some(name)) => format!(
            "{text:?} is neither a year nor a command; did you mean `{name}`? (commands: {names})"
        ),
        (Lang::En, None) => {
            format!("{text:?} is neither a year nor a command (commands: {names})")
        }
        (Lang::Fr, Some(name)) => format!(
            "{text:?} n'est ni une année ni une commande ; vouliez-vous dire `{name}` ? (commandes : {names})"
        ),
        (Lang::Fr, None) => {
            format!("{text:?} n'est ni une année ni une commande (commandes : {names})")
        }
    }
}

pub fn not_a_semester() -> String {
    match lang() {
        Lang::En => "a semester is 1 or S1 (January–June), 2 or S2 (July–December)",
        Lang::Fr => "un semestre est 1 ou S1 (janvier–juin), 2 ou S2 (juillet–décembre)",
    }
    .to_string()
}

pub fn no_such_command(names: &[String]) -> String {
    let names = names.join(", ");
    match lang() {
        Lang::En => format!("no such command (commands: {names})"),
        Lang::Fr => format!("commande inconnue (commandes : {names})"),
    }
}

pub fn command_goes_first(name: &str, fixed: &str) -> String {
    match lang() {
        Lang::En => format!("the command `{name}` goes first: {fixed}"),
        Lang::Fr => format!("la commande `{name}` se place en premier : {fixed}"),
    }
}

/// An option that `command` does not take; `similar` is a close one, `options` are its
/// options.
pub fn takes_no(command: &str, unknown: &str, similar: Option<&str>, options: &[String]) -> String {
    let options = options.join(", ");
    match lang() {
        Lang::En => {
            let similar = similar
                .map(|s| format!("did you mean '{s}'? "))
                .unwrap_or_default();
            if options.is_empty() {
                format!("`{command}` takes no {unknown} ({similar}it takes no option)")
            } else {
                format!("`{command}` takes no {unknown} ({similar}its options: {options})")
            }
        }
        Lang::Fr => {
            let similar = similar
                .map(|s| format!("vouliez-vous dire '{s}' ? "))
                .unwrap_or_default();
            if options.is_empty() {
                format!("`{command}` ne prend pas {unknown} ({similar}elle ne prend aucune option)")
            } else {
                format!("`{command}` ne prend pas {unknown} ({similar}ses options : {options})")
            }
        }
    }
}

/// A word after the arguments `command` takes (`arguments`, their value names): `help_of` is
/// the command it names, if it names one; `options` are the command's options.
pub fn extra_argument(
    command: &str,
    word: &str,
    arguments: &[String],
    help_of: Option<&str>,
    options: &[String],
) -> String {
    let arguments = arguments.join(" ");
    let options = options.join(", ");
    match lang() {
        Lang::En => {
            let what = match arguments.is_empty() {
                true => format!("`{command}` takes no argument, not {word:?}"),
                false => format!("`{command}` takes only {arguments}, not also {word:?}"),
            };
            let help = help_of
                .map(|name| format!("the help of {name}: `oleron-bill help {name}`; "))
                .unwrap_or_default();
            match options.is_empty() {
                true => format!("{what} ({help}it takes no option)"),
                false => format!("{what} ({help}its options: {options})"),
            }
        }
        Lang::Fr => {
            let what = match arguments.is_empty() {
                true => format!("`{command}` ne prend aucun argument, pas {word:?}"),
                false => format!("`{command}` ne prend que {arguments}, pas aussi {word:?}"),
            };
            let help = help_of
                .map(|name| format!("l'aide de {name} : `oleron-bill help {name}` ; "))
                .unwrap_or_default();
            match options.is_empty() {
                true => format!("{what} ({help}elle ne prend aucune option)"),
                false => format!("{what} ({help}ses options : {options})"),
            }
        }
    }
}

/// A semester written where the year goes (`2021-S2`, `S2 2021`, `S2`): `fixed` is the line
/// that asks for it, YEAR standing for a year not written.
pub fn semester_for_year(written: &str, year_given: bool, fixed: &str) -> String {
    match (lang(), year_given) {
        (Lang::En, true) => {
            format!("{written:?} is a semester, which goes in its own option: {fixed}")
        }
        (Lang::En, false) => format!(
            "{written:?} is a semester, which goes in its own option after the year: {fixed}"
        ),
        (Lang::Fr, true) => {
            format!("{written:?} est un semestre, qui se donne par son option : {fixed}")
        }
        (Lang::Fr, false) => format!(
            "{written:?} est un semestre, qui se donne par son option après l'année : {fixed}"
        ),
    }
}

/// A value left out that is one of `choices`, as `example` shows.
pub fn choice_missing(command: &str, what: &str, choices: &[String], example: &str) -> String {
    let choices = choices.join(", ");
    match lang() {
        Lang::En => {
            format!("`{command}` needs {what}, one of: {choices} (for example `{example}`)")
        }
        Lang::Fr => {
            format!("`{command}` demande {what}, parmi : {choices} (par exemple `{example}`)")
        }
    }
}

pub fn invalid_value(value: &str, arg: &str, detail: &str) -> String {
    match lang() {
        Lang::En => format!("invalid value '{value}' for '{arg}': {detail}"),
        Lang::Fr => format!("valeur invalide '{value}' pour '{arg}' : {detail}"),
    }
}

/// An option typed without its value; `choices` are its possible values, if it has some.
pub fn value_required(arg: &str, choices: &str) -> String {
    match (lang(), choices.is_empty()) {
        (Lang::En, true) => format!("'{arg}' needs a value"),
        (Lang::En, false) => format!("'{arg}' needs a value ({})", possible_values(choices)),
        (Lang::Fr, true) => format!("'{arg}' demande une valeur"),
        (Lang::Fr, false) => format!("'{arg}' demande une valeur ({})", possible_values(choices)),
    }
}

pub fn possible_values(values: &str) -> String {
    match lang() {
        Lang::En => format!("possible values: {values}"),
        Lang::Fr => format!("valeurs possibles : {values}"),
    }
}

pub fn missing(arguments: &str) -> String {
    match lang() {
        Lang::En => format!("the following required arguments were not provided: {arguments}"),
        Lang::Fr => format!("arguments obligatoires manquants : {arguments}"),
    }
}

/// An option, `arg`, given with `others` that it cannot go with (none named when clap does not
/// say which).
pub fn cannot_go_with(arg: &str, others: &[String]) -> String {
    let others: Vec<String> = others.iter().map(|other| format!("'{other}'")).collect();
    match (lang(), others.is_empty()) {
        (Lang::En, false) => format!(
            "the argument '{arg}' cannot be used with {}",
            others.join(", ")
        ),
        (Lang::En, true) => format!(
            "the argument '{arg}' cannot be used with one or more of the other specified arguments"
        ),
        (Lang::Fr, false) => format!(
            "l'argument '{arg}' ne peut pas être donné avec {}",
            others.join(", ")
        ),
        (Lang::Fr, true) => {
            format!("l'argument '{arg}' ne peut pas être donné avec l'un des autres arguments")
        }
    }
}

/// An option, `arg`, given twice where it takes one value.
pub fn given_twice(arg: &str) -> String {
    match lang() {
        Lang::En => format!("the argument '{arg}' cannot be used multiple times"),
        Lang::Fr => format!("l'argument '{arg}' ne peut être donné qu'une fois"),
    }
}

pub fn see_help(message: &str) -> String {
    match lang() {
        Lang::En => format!("{message} (see --help)"),
        Lang::Fr => format!("{message} (voir --help)"),
    }
}

pub fn dialect_goes_with_csv() -> String {
    match lang() {
        Lang::En => "--csv-dialect goes with --format csv",
        Lang::Fr => "--csv-dialect va avec --format csv",
    }
    .to_string()
}

pub fn workbook_not_for_a_terminal() -> String {
    match lang() {
        Lang::En => "a workbook is not for a terminal: write it with --output FILE.xlsx",
        Lang::Fr => {
            "un classeur ne s'affiche pas dans un terminal : écrivez-le avec --output FICHIER.xlsx"
        }
    }
    .to_string()
}

/// An output file named `.{extension}` for which `option` asks another `format`; `renamed` is
/// the name that format goes by.
pub fn format_contradicts_name(
    path: &Path,
    extension: &str,
    option: &str,
    format: &str,
    renamed: &Path,
) -> String {
    let (path, renamed) = (path.display(), renamed.display());
    match lang() {
        Lang::En => format!(
            "{path}: the name says {extension} and {option} says {format}; name the file {renamed}, or drop {option}"
        ),
        Lang::Fr => format!(
            "{path}: le nom dit {extension} et {option} dit {format} ; nommez le fichier {renamed}, ou retirez {option}"
        ),
    }
}

/// An output file named `.{extension}`, a format that the command, whose `formats` are given,
/// does not write.
pub fn no_format_for_name(path: &Path, extension: &str, formats: &[String]) -> String {
    let (path, formats) = (path.display(), formats.join(", "));
    match lang() {
        Lang::En => format!(
            "{path}: the name says {extension}, which this command does not write (its formats: {formats}); give the file another extension"
        ),
        Lang::Fr => format!(
            "{path}: le nom dit {extension}, que cette commande n'écrit pas (ses formats : {formats}) ; donnez au fichier une autre extension"
        ),
    }
}

/// A year that the calendar cannot hold.
pub fn year_cannot_be_dated(year: i32) -> String {
    match lang() {
        Lang::En => format!("year {year} cannot be dated"),
        Lang::Fr => format!("l'année {year} ne peut pas être datée"),
    }
}

/// The layout of a command's help, with its headings: the commands, if it has some, the
/// arguments, if it takes some, and the options.
pub fn help_template(commands: bool, arguments: bool) -> String {
    let (usage, headings) = match lang() {
        Lang::En => ("Usage:", ["Commands:", "Arguments:", "Options:"]),
        Lang::Fr => ("Utilisation :", ["Commandes :", "Arguments :", "Options :"]),
    };
    let [commands_heading, arguments_heading, options_heading] = headings;
    let mut sections = Vec::new();
    if commands {
        sections.push(format!("{commands_heading}\n{{subcommands}}"));
    }
    if arguments {
        sections.push(format!("{arguments_heading}\n{{positionals}}"));
    }
    sections.push(format!("{options_heading}\n{{options}}"));
    format!(
        "{{about-with-newline}}\n{usage} {{usage}}\n\n{}{{after-help}}",
        sections.join("\n\n")
    )
}

#[cfg(test)]
mod tests {
    use super::super::tests::{all_checked, both};
    use super::*;

    #[test]
    fn every_message_is_in_both_languages() {
        fn names() -> Vec<String> {
            vec!["check".to_string(), "rebill".to_string()]
        }
        let checks: Vec<fn() -> String> = vec![
            || not_a_year("20x1"),
            || neither_year_nor_command("chek", Some("check"), &names()),
            not_a_semester,
            || no_such_command(&names()),
            || command_goes_first("rebill", "oleron-bill rebill 2021"),
            || takes_no("oleron-bill check", "--force", Some("--format"), &names()),
            || invalid_value("3", "--semester <N>", "bad"),
            || possible_values("csv, json"),
            || value_required("--format <FORMAT>", "table, csv"),
            || missing("<YEAR>"),
            || see_help("bad"),
            || cannot_go_with("--no-usage", &["--usage <FILE>".to_string()]),
            || given_twice("--format <FORMAT>"),
            dialect_goes_with_csv,
            workbook_not_for_a_terminal,
            || year_cannot_be_dated(300000),
            || {
                let (path, renamed) = (Path::new("2021.csv"), Path::new("2021.json"));
                format_contradicts_name(path, "csv", "--format", "json", renamed)
            },
            || no_format_for_name(Path::new("c.xlsx"), "xlsx", &names()),
            || help_template(true, true),
            || extra_argument("oleron-bill man", "check", &[], Some("check"), &[]),
            || semester_for_year("S2", false, "oleron-bill YEAR --semester 2"),
            || choice_missing("oleron-bill completions", "<SHELL>", &names(), "x"),
        ];
        for check in &checks {
            both(check);
        }
        both(|| cannot_go_with("--no-usage", &[]));
        all_checked(include_str!("cli.rs"), checks.len());
    }
}
