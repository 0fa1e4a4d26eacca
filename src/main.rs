//! The `oleron-bill` binary: turns the result of a run into a message and an exit code.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::error::ErrorKind;

use oleron_bill::error::{Error, Result};
use oleron_bill::options::Options;

fn main() -> ExitCode {
    match run(std::env::args_os().collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&e.lines());
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// Reads the command line `args` and does what it asks.
fn run(args: Vec<std::ffi::OsString>) -> Result<()> {
    match oleron_bill::cli::parse(args) {
        Ok(cli) => Options::try_from(cli).and_then(oleron_bill::run),
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            // A closed or full standard output is no reason to fail.
            let _ = write!(io::stdout(), "{}", e.render());
            Ok(())
        }
        Err(e) => Err(Error::Request(oleron_bill::cli::error_message(&e))),
    }
}

/// Writes each line to the standard error, after `error: `. If that fails (closed or full),
/// the exit code still tells the failure: there is nowhere else to say it.
fn report(lines: &[String]) {
    let mut stderr = io::stderr().lock();
    for line in lines {
        if writeln!(stderr, "error: {line}").is_err() {
            return;
        }
    }
}
