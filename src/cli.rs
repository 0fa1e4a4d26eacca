//! The command line, as clap reads it. Checking what the arguments mean is `options`' job.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Bills a shared-advisor convention: what the provider invoices each semester, and what each
/// member owes, to the cent.
#[derive(Debug, Parser)]
#[command(name = "oleron-bill", version)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Year to bill; without it, every year of the convention.
    pub year: Option<i32>,

    /// Semester of YEAR to bill: 1 (January–June) or 2 (July–December).
    #[arg(short, long, value_name = "N", requires = "year",
          value_parser = clap::value_parser!(u8).range(1..=2))]
    pub semester: Option<u8>,

    /// Convention file (TOML); without it, the embedded Oléron convention.
    #[arg(short, long, value_name = "FILE", global = true)]
    pub convention: Option<PathBuf>,

    /// Services ordered on demand (CSV with date, member, service, quantity).
    #[arg(short, long, value_name = "FILE", global = true)]
    pub usage: Option<PathBuf>,

    /// Output format.
    #[arg(short, long, value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// CSV flavour: standard (',' and '.') or excel-fr (';', ',' and a BOM).
    #[arg(long, value_enum, value_name = "DIALECT", default_value_t = Dialect::Standard)]
    pub csv_dialect: Dialect,

    /// Write to FILE instead of the standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Replace output files that already exist.
    #[arg(long, global = true)]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate the convention and compare its published figures with the computation.
    Check,
    /// Print the embedded convention, to start a new one from it.
    Convention,
    /// Write the year's titles of receipt for every member but the client into a folder.
    Rebill {
        /// Year to rebill.
        year: i32,
        /// Folder to write into (created if missing).
        #[arg(long, value_name = "DIR")]
        out_dir: PathBuf,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Dialect {
    Standard,
    ExcelFr,
}
