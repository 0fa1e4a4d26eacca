//! The `oleron-bill` binary: turns the result of a run into a message and an exit code.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::error::ErrorKind;

use oleron_bill::error::{escape_controls, EXIT_INPUT};
use oleron_bill::options::Options;

fn main() -> ExitCode {
    let cli = match oleron_bill::cli::parse(std::env::args_os().collect()) {
        Ok(cli) => cli,
        Err(e) if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) => {
            // A closed or full standard output is no reason to panic.
            let _ = write!(io::stdout(), "{}", e.render());
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            let message = oleron_bill::cli::error_message(&e);
            report(&[format!("error: {}", escape_controls(&message))]);
            return ExitCode::from(EXIT_INPUT as u8);
        }
    };
    match Options::try_from(cli).and_then(oleron_bill::run) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let lines: Vec<String> = e.lines().iter().map(|l| format!("error: {l}")).collect();
            report(&lines);
            ExitCode::from(e.exit_code() as u8)
        }
    }
}

/// Writes `lines` to the standard error. If that fails (closed or full), the exit code still
/// tells the failure: there is nowhere else to say it.
fn report(lines: &[String]) {
    let mut stderr = io::stderr().lock();
    for line in lines {
        if writeln!(stderr, "{line}").is_err() {
            return;
        }
    }
}

/// zopfli, which the zip crate of the workbook reader and writer brings in and which only runs
/// for compression levels above 9 (never asked for), is the one user of the C math library.
/// Giving it `log2` here spares every run loading `libm.so`: 0.11 ms, a tenth of the start of a
/// process on the bench's machine.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[no_mangle]
pub extern "C" fn log2(x: f64) -> f64 {
    libm::log2(x)
}

#[cfg(all(test, target_os = "linux", target_env = "gnu"))]
mod tests {
    #[test]
    fn log2_is_the_logarithm_in_base_two() {
        assert_eq!(super::log2(1.0), 0.0);
        assert_eq!(super::log2(8.0), 3.0);
        assert_eq!(super::log2(0.5), -1.0);
        assert_eq!(super::log2(10.0), std::f64::consts::LOG2_10);
        assert!(super::log2(0.0) == f64::NEG_INFINITY && super::log2(-1.0).is_nan());
    }
}
