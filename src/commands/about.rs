//! What the program says about itself: its help, its shell completions, its manual page, and
//! the embedded convention as a starting point for a file of one's own.

use crate::cli;
use crate::convention;
use crate::error::Result;
use crate::output;

/// `oleron-bill convention`: the embedded convention's TOML.
pub fn print_convention() -> Result<()> {
    output::to_stdout(convention::EMBEDDED.as_bytes())
}

/// `oleron-bill help [COMMAND]`.
pub fn help(command: Option<&str>) -> Result<()> {
    output::to_stdout(cli::help(command).as_bytes())
}

/// `oleron-bill completions SHELL`.
pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    output::to_stdout(&cli::completions(shell))
}

/// `oleron-bill man`.
pub fn manual() -> Result<()> {
    output::to_stdout(&cli::manual())
}
