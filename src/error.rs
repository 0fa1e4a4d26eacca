//! Every way oleron-bill can fail. Each error carries its context as fields and is rendered
//! once, by `main`, as a single `error:` line; its kind decides the exit code.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// Exit code of a failure of the system (reading or writing a file).
pub const EXIT_IO: i32 = 1;
/// Exit code of bad input: a bad file, a bad argument, a published figure that disagrees.
pub const EXIT_INPUT: i32 = 2;

/// Where a piece of bad input sits: a file, and a line and column when they are known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
}

impl Location {
    pub fn file(file: &str) -> Self {
        Location {
            file: file.to_string(),
            line: None,
            column: None,
        }
    }

    pub fn line(file: &str, line: usize) -> Self {
        Location {
            file: file.to_string(),
            line: Some(line),
            column: None,
        }
    }
}

/// Finds the line and column of byte offsets in a text, without rescanning it for each.
pub struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset at which each line starts.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// Where byte `offset` of the text is in `file`, line and column counted from 1.
    pub fn locate(&self, file: &str, offset: usize) -> Location {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&start| start <= offset);
        let column = self.text[self.starts[line - 1]..offset].chars().count() + 1;
        Location {
            file: file.to_string(),
            line: Some(line),
            column: Some(column),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(column) = self.column {
            write!(f, ":{column}")?;
        }
        Ok(())
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A convention or usage file that does not say what it must.
    #[error("{at}: {message}")]
    Input { at: Location, message: String },
    /// A request the convention cannot answer, or a bad combination of arguments.
    #[error("{0}")]
    Request(String),
    /// Published figures of the convention that the computation does not reproduce.
    #[error("{count} published figure(s) of {file} differ from the computation")]
    Mismatch { file: String, count: usize },
    /// An output file that exists already and may not be replaced.
    #[error("{}: already exists (use --force to replace it)", path.display())]
    Exists { path: PathBuf },
    /// The system failed to read or write a file.
    #[error("{}: {action}: {source}", path.display())]
    Io {
        path: PathBuf,
        action: &'static str,
        source: io::Error,
    },
}

impl Error {
    pub fn input(at: Location, message: impl Into<String>) -> Self {
        Error::Input {
            at,
            message: message.into(),
        }
    }

    /// Wraps the I/O error of `action` on `path`: `.map_err(Error::io(path, "cannot read"))`.
    pub fn io(path: &Path, action: &'static str) -> impl FnOnce(io::Error) -> Error {
        let path = path.to_path_buf();
        move |source| Error::Io {
            path,
            action,
            source,
        }
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Io { .. } => EXIT_IO,
            _ => EXIT_INPUT,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_lines_and_columns() {
        let lines = LineIndex::new("a = 1\nbé = 2\n");
        assert_eq!(lines.locate("f", 0).to_string(), "f:1:1");
        assert_eq!(lines.locate("f", 5).to_string(), "f:1:6");
        assert_eq!(lines.locate("f", 6).to_string(), "f:2:1");
        // 'é' is two bytes but one column; an offset inside it counts as its start.
        assert_eq!(lines.locate("f", 9).to_string(), "f:2:3");
        assert_eq!(lines.locate("f", 8).to_string(), "f:2:2");
        assert_eq!(lines.locate("f", 99).to_string(), "f:3:1");
    }
}
