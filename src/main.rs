//! The `oleron-bill` binary: turns the result of a run into a message and an exit code.

use std::process::ExitCode;

use clap::error::ErrorKind;
use clap::Parser;

use oleron_bill::cli::Cli;
use oleron_bill::error::EXIT_INPUT;
use oleron_bill::options::Options;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            // clap's first line says what is wrong; its usage and tips follow on other lines.
            let rendered = e.render().to_string();
            let first = rendered.lines().next().unwrap_or("error: bad arguments");
            eprintln!("{first} (see --help)");
            return ExitCode::from(EXIT_INPUT as u8);
        }
    };
    match Options::try_from(cli).and_then(oleron_bill::run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
