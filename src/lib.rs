//! oleron-bill: exact semester billing of a shared-advisor convention.
//!
//! The layers point down only. At the bottom, exact money (`money`), then the convention and
//! its file (`convention`), the usage files (`reading`, `usage`), the bills as data
//! (`billing`) and how each amount is derived (`derivation`); above them the titres
//! (`titres`), the documents (`documents`, `rebill`) and the views (`display`, `export`,
//! `explain`, `copil`); then one module per command (`commands`), and the command line
//! (`cli`, `options`), which `run` dispatches. Every text is in `messages`, every failure in
//! `error`, every write in `output`.

pub mod billing;
pub mod calendar;
pub mod cli;
pub mod commands;
pub mod convention;
pub mod copil;
pub mod derivation;
pub mod display;
pub mod documents;
pub mod error;
pub mod explain;
pub mod export;
pub mod messages;
pub mod money;
pub mod options;
pub mod output;
pub mod reading;
pub mod rebill;
pub mod titres;
pub mod usage;

use commands::Inputs;
use error::Result;
use options::{Action, Options};

/// Does what the command line asks.
pub fn run(options: Options) -> Result<()> {
    let Options {
        convention,
        usage,
        sheet,
        action,
    } = options;
    let inputs = Inputs {
        convention,
        usage,
        sheet,
    };
    match action {
        Action::PrintConvention => commands::about::print_convention(),
        Action::Help(command) => commands::about::help(command.as_deref()),
        Action::Completions(shell) => commands::about::completions(shell),
        Action::Manual => commands::about::manual(),
        Action::Report {
            scope,
            export,
            output,
        } => commands::report::run(&inputs, scope, export.as_ref(), output),
        Action::Copil {
            semester,
            interventions,
            format,
            output,
            chart,
        } => commands::copil::run(
            inputs.convention.as_deref(),
            semester,
            &interventions,
            format,
            (output, chart),
        ),
        Action::Explain {
            year,
            semester,
            member,
            format,
        } => commands::explain::run(&inputs, year, semester, member, format),
        Action::Check => commands::check::run(&inputs),
        Action::Rebill {
            year,
            out_dir,
            force,
            dialect,
            no_usage,
        } => {
            let out = commands::rebill::Out {
                dir: &out_dir,
                force,
                dialect,
            };
            commands::rebill::run(&inputs, year, out, no_usage)
        }
    }
}

/// A decimal from its text, for tests.
#[cfg(test)]
pub(crate) fn dec(text: &str) -> rust_decimal::Decimal {
    text.parse().expect("a decimal literal")
}
