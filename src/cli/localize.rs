//! The command line in the reader's language: the catalogue's help texts and value names put
//! into clap's command, and what is rendered from it (help, completion scripts, manual page).

use clap::{Arg, ArgAction, CommandFactory};

use super::Cli;
use crate::messages::{cli as msg, help_footer, tr, HELP, VALUE_NAMES};

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
    // Clap writes its own headings ("Options:"), which French writes with a space.
    let template = msg::help_template(
        command.has_subcommands(),
        command.get_positionals().next().is_some(),
    );
    command = command.help_template(template);
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
pub(super) fn value_name(name: &str) -> &'static str {
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

/// The manual page, in roff: one page for the program and its commands. Clap's page names
/// each command as a page of its own (`oleron-bill-check(1)`), which is not shipped: the
/// commands are named as they are typed (`oleron-bill check`) instead.
pub fn manual() -> Vec<u8> {
    let command = command_line();
    let names: Vec<String> = command
        .get_subcommands()
        .map(|sub| sub.get_name().to_string())
        .collect();
    let mut page = Vec::new();
    // Writing into memory cannot fail.
    let _ = clap_mangen::Man::new(command).render(&mut page);
    let mut page = String::from_utf8_lossy(&page).into_owned();
    for name in names {
        let name = name.replace('-', "\\-");
        page = page.replace(
            &format!("oleron\\-bill\\-{name}(1)"),
            &format!("\\fBoleron\\-bill {name}\\fR"),
        );
    }
    page.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_consistent() {
        command_line().debug_assert();
    }
}
