//! The command line: what clap reads (`args`), its help in the reader's language
//! (`localize`), and clap's refusals said the program's way (`errors`). Checking what the
//! arguments mean together is `options`' job.

mod args;
mod errors;
mod localize;

use std::ffi::OsString;

use clap::{CommandFactory, FromArgMatches};

pub use args::{Cli, Command, CopilFormat, Dialect, ExplainFormat, Format, Inputs, ReportArgs};
pub use errors::error_message;
pub use localize::{command_line, completions, help, manual};

/// Reads the command line `args`, its first word the program's name. A refusal, or a request
/// for the help or the version, is an error for `error_message`, or for clap to render.
pub fn parse(args: Vec<OsString>) -> Result<Cli, clap::Error> {
    // The bare command reads a right line as the translated one does, but for `--help` and
    // `--version`, which it lacks: the help texts are put in only when there is something to
    // show, so that a run that bills does not pay for translating every help text.
    let bare = Cli::command()
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches));
    if let Ok(cli) = bare {
        return Ok(cli);
    }
    command_line()
        .try_get_matches_from(&args)
        .and_then(|matches| Cli::from_arg_matches(&matches))
        .map_err(|e| {
            let words: Vec<String> = args
                .iter()
                .map(|a| a.to_string_lossy().into_owned())
                .collect();
            errors::rewrite(e, &words)
        })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use clap::Subcommand;

    use super::*;

    fn read(line: &str) -> Result<Cli, clap::Error> {
        let words = line.split_whitespace().map(OsString::from);
        parse(std::iter::once("oleron-bill".into()).chain(words).collect())
    }

    /// The options of the report in `line`, a line without a command.
    fn report(line: &str) -> ReportArgs {
        let cli = read(line).unwrap();
        assert!(cli.command.is_none(), "{line}");
        cli.report
    }

    #[test]
    fn the_report_reads_its_options() {
        let none = report("");
        assert_eq!((none.year, none.semester, none.format), (None, None, None));
        assert_eq!(report("2021").year, Some(2021));
        let s2 = report("2021 --semester 2");
        assert_eq!((s2.year, s2.semester), (Some(2021), Some(2)));
        let file = report("2021 -s S1 -f csv -o out.csv --force");
        assert_eq!(
            (file.semester, file.format, file.force),
            (Some(1), Some(Format::Csv), true)
        );
        assert_eq!(file.output.as_deref(), Some(Path::new("out.csv")));
        let usage = report("--usage u.csv --sheet Feuil1 2022");
        assert_eq!(usage.year, Some(2022));
        assert_eq!(usage.inputs.usage.as_deref(), Some(Path::new("u.csv")));
        assert_eq!(usage.inputs.sheet.as_deref(), Some("Feuil1"));
        let other = report("2020 --csv-dialect excel-fr -c other.toml");
        assert_eq!(other.csv_dialect, Some(Dialect::ExcelFr));
        assert_eq!(
            other.inputs.convention.as_deref(),
            Some(Path::new("other.toml"))
        );
        let json = report("-f json --output=-");
        assert_eq!(json.format, Some(Format::Json));
        assert_eq!(json.output.as_deref(), Some(Path::new("-")));
    }

    #[test]
    fn wrong_lines_are_refused() {
        for wrong in [
            "--help",
            "-V",
            "2021 -s 3",
            "-s 2",
            "2021 --force",
            "2021 --nope",
        ] {
            assert!(read(wrong).is_err(), "{wrong}");
        }
        // Every command's name is known without building the commands.
        for name in args::command_names() {
            assert!(Command::has_subcommand(&name), "{name}");
        }
        assert!(!Command::has_subcommand("2021"));
    }
}
