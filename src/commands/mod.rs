//! The commands, one file each: each reads the inputs its command line names, computes through
//! the layers below and writes the result. What they share is here: reading the convention
//! (a file, or the embedded one) and the usage file, and refusing a period without service.

pub mod about;
pub mod check;
pub mod copil;
pub mod explain;
pub mod rebill;
pub mod report;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::billing::{published, Usage};
use crate::convention::{self, Convention, Published};
use crate::display::fr_money;
use crate::error::{self, Error, Result};
use crate::export::Scope;
use crate::messages::records as msg_records;
use crate::messages::run as msg;
use crate::output;
use crate::usage;

/// The files a command line names beside its command.
pub struct Inputs {
    /// The convention file; `None` is the embedded one.
    pub convention: Option<PathBuf>,
    pub usage: Option<PathBuf>,
    /// The sheet of a workbook usage file to read; the first by default.
    pub sheet: Option<String>,
}

impl Inputs {
    /// The convention, with the name messages give it.
    fn convention(&self) -> Result<(Convention, String)> {
        load_convention(self.convention.as_deref())
    }

    /// The convention, with its name, and the usage read from the usage file, if any, for
    /// bills of `scope`; what the file held beside them is told on the standard error.
    fn convention_and_usage(&self, scope: Scope) -> Result<(Convention, String, Usage)> {
        let (c, name) = self.convention()?;
        let usage = match self.usage.as_deref() {
            Some(path) => {
                let (usage, lines) = usage::read_path(path, self.sheet.as_deref(), &c)?;
                tell_set_aside(path, &lines, scope);
                usage
            }
            None => Usage::new(),
        };
        Ok((c, name, usage))
    }

    /// The files read, which no output may write over.
    fn read(&self) -> output::Inputs {
        output::Inputs::new(
            self.convention
                .iter()
                .chain(&self.usage)
                .map(PathBuf::as_path),
        )
    }
}

/// The convention in `path`, or the embedded one; with the name messages give it.
fn load_convention(path: Option<&Path>) -> Result<(Convention, String)> {
    let Some(path) = path else {
        return Ok((
            convention::embedded()?,
            convention::EMBEDDED_NAME.to_string(),
        ));
    };
    let name = path.display().to_string();
    let mut text = Vec::new();
    File::open(path)
        // Read no further than the limit, so that a huge file cannot fill the memory.
        .and_then(|f| {
            f.take(convention::MAX_FILE_BYTES as u64 + 1)
                .read_to_end(&mut text)
        })
        .map_err(Error::io(path, msg::cannot_read()))?;
    convention::check_size(&name, text.len())?;
    let text = String::from_utf8(text)
        .map_err(|_| Error::input(error::Location::file(&name), msg::not_utf8()))?;
    Ok((convention::parse(&text, &name)?, name))
}

/// `2021 S1 dolus`: which figure a published one is, as `check` and `rebill` name it.
fn published_label(c: &Convention, p: &Published) -> String {
    format!(
        "{}{} {}",
        p.year,
        p.semester.map(|h| format!(" S{h}")).unwrap_or_default(),
        p.member.map_or("total", |m| c.members[m].id.as_str())
    )
}

/// Refuses to issue titres from a convention whose published figures the computation does
/// not reproduce: a figure mistyped, or an avenant not yet written into the file.
fn refuse_contradicted(c: &Convention, file: &str) -> Result<()> {
    let contradicted = published::contradicted(c);
    if contradicted.is_empty() {
        return Ok(());
    }
    let money = |amount| fr_money(amount, &c.currency);
    let differences = contradicted
        .iter()
        .map(|d| {
            msg::differs(
                &error::Location::line(file, d.published.line).to_string(),
                &published_label(c, d.published),
                &money(d.published.amount),
                &money(d.computed),
            )
        })
        .collect();
    Err(Error::Contradicted {
        file: file.to_string(),
        differences,
    })
}

/// Warns that the bills of a convention whose published figures differ are a what-if: they
/// are computed all the same, to try a change before its avenant.
fn warn_contradicted(c: &Convention, file: &str) {
    let count = published::contradicted(c).len();
    if count > 0 {
        let check = if file == convention::EMBEDDED_NAME {
            "oleron-bill check".to_string()
        } else {
            format!("oleron-bill check -c {file}")
        };
        output::warn(&[msg::what_if(count, file, &check)]);
    }
}

/// Tells, in one warning, what the usage file at `path` held beside the bills of `scope`:
/// lines of other semesters, set aside, and lines that repeat another exactly, which are
/// billed (two identical orders can be real) but named, so that a line pasted twice is seen.
fn tell_set_aside(path: &Path, lines: &usage::LineCounts, scope: Scope) {
    let outside: u64 = lines
        .per_semester
        .iter()
        .filter(|(semester, _)| !scope.contains(**semester))
        .map(|(_, count)| count)
        .sum();
    // Only the repeats billed are told: those of the semesters in scope.
    let repeats: u64 = lines
        .repeats
        .iter()
        .filter(|(semester, _)| scope.contains(**semester))
        .map(|(_, count)| count)
        .sum();
    let mut named: Vec<(u64, u64)> = lines
        .repeated
        .iter()
        .filter(|(semester, _)| scope.contains(**semester))
        .flat_map(|(_, named)| named.iter().copied())
        .collect();
    named.sort_unstable();
    named.truncate(usage::REPEATS_NAMED);
    if outside == 0 && repeats == 0 && lines.unchecked == 0 {
        return;
    }
    let all = outside == lines.per_semester.values().sum::<u64>();
    let billed = match scope {
        Scope::Convention => String::new(),
        Scope::Year(year) => year.to_string(),
        Scope::Semester(semester) => semester.to_string(),
    };
    output::warn(&[msg_records::set_aside(
        &path.display().to_string(),
        (outside, all, &billed),
        (repeats, &named),
        (lines.unchecked, usage::REPEATS_CHECKED),
    )]);
}

/// Refuses a year or semester without a day of service, listing the valid ones.
fn check_scope(c: &Convention, file: &str, scope: Scope) -> Result<()> {
    let message = match scope {
        Scope::Convention => return Ok(()),
        Scope::Year(year) if c.years().contains(&year) => return Ok(()),
        Scope::Semester(s) if c.service_in(s).is_some() => return Ok(()),
        Scope::Year(year) => msg::no_service_in_year(year, file, c.years()),
        Scope::Semester(s) => msg::no_service_in_semester(s, file, c.semesters()),
    };
    Err(Error::Request(message))
}
