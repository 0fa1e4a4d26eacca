//! Every way oleron-bill can fail. Each error carries its context as fields and is rendered
//! once, by `main`, as a single `error:` line; its kind decides the exit code.

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

use crate::messages::run as msg;

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
    #[error("{}", msg::mismatch(*.count, .file))]
    Mismatch { file: String, count: usize },
    /// Titres asked of a convention whose published figures the computation does not
    /// reproduce: each difference is one line of `differences`.
    #[error("{}", msg::contradicted(.differences.len(), .file))]
    Contradicted {
        file: String,
        differences: Vec<String>,
    },
    /// An output file that exists already and may not be replaced.
    #[error("{}", msg::exists(.path))]
    Exists { path: PathBuf },
    /// The system failed to read or write a file; `action` is one of the catalogue's
    /// (`messages::run::cannot_read` ...).
    #[error("{}", msg::io_failed(.path, .action, .source))]
    Io {
        path: PathBuf,
        action: &'static str,
        source: io::Error,
    },
    /// Several errors of one input, reported in one run: the first `MANY_LIMIT`, and how many
    /// more were found.
    #[error("{}", many_lines(.errors, *.more).join("\n"))]
    Many { errors: Vec<Error>, more: usize },
}

/// How many errors of one input are reported before "and N more".
pub const MANY_LIMIT: usize = 50;

fn many_lines(errors: &[Error], more: usize) -> Vec<String> {
    let mut lines: Vec<String> = errors.iter().flat_map(Error::lines).collect();
    if more > 0 {
        lines.push(msg::and_more(more));
    }
    lines
}

impl Error {
    pub fn input(at: Location, message: impl Into<String>) -> Self {
        Error::Input {
            at,
            message: message.into(),
        }
    }

    /// Wraps the I/O error of `action` on `path`:
    /// `.map_err(Error::io(path, messages::run::cannot_read()))`.
    pub fn io(path: &Path, action: &'static str) -> impl FnOnce(io::Error) -> Error {
        let path = path.to_path_buf();
        move |source| Error::Io {
            path,
            action,
            source,
        }
    }

    /// Gathers `errors` (at least one) into one error: itself when it is alone.
    pub fn many(mut errors: Vec<Error>) -> Self {
        if errors.len() == 1 {
            return errors.remove(0);
        }
        let more = errors.len().saturating_sub(MANY_LIMIT);
        errors.truncate(MANY_LIMIT);
        Error::Many { errors, more }
    }

    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Io { .. } => EXIT_IO,
            Error::Many { errors, .. } => errors
                .iter()
                .map(Error::exit_code)
                .min()
                .unwrap_or(EXIT_INPUT),
            _ => EXIT_INPUT,
        }
    }

    /// The lines that report this error, each to be printed after `error: `. Text that came
    /// from a file is shown with its control characters escaped, so that no input can forge a
    /// line of its own or drive the terminal.
    pub fn lines(&self) -> Vec<String> {
        match self {
            Error::Many { errors, more } => many_lines(errors, *more),
            Error::Contradicted { differences, .. } => {
                let more = differences.len().saturating_sub(MANY_LIMIT);
                std::iter::once(self.to_string())
                    .chain(differences.iter().take(MANY_LIMIT).cloned())
                    .chain((more > 0).then(|| msg::and_more(more)))
                    .map(|line| escape_controls(&line))
                    .collect()
            }
            _ => vec![escape_controls(&self.to_string())],
        }
    }
}

/// `text` with control characters (line breaks, escapes, bidirectional overrides) written as
/// `\u{..}` escapes.
pub fn escape_controls(text: &str) -> String {
    if !text.chars().any(is_control) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if is_control(c) {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Whether `c` is a control character, one that reorders text on display, or one that shows
/// nothing (`is_invisible`).
pub fn is_control(c: char) -> bool {
    c.is_control() || is_invisible(c) || is_direction(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Whether `c` is one of the marks, embeddings, overrides and isolates that set the direction
/// of the text around them, so that a text shows in another order than it is written.
pub fn is_direction(c: char) -> bool {
    matches!(c, '\u{200e}' | '\u{200f}' | '\u{061c}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The code points Unicode calls Default_Ignorable (DerivedCoreProperties.txt): those a text
/// shows as nothing when no font has them, such as the soft hyphen, the zero-width space and
/// joiners, the variation selectors, the Hangul fillers, the byte order mark and the tag
/// characters. Adjacent ranges of the list are merged; the ranges are sorted, for a binary
/// search.
const DEFAULT_IGNORABLE: [(char, char); 17] = [
    ('\u{00ad}', '\u{00ad}'),
    ('\u{034f}', '\u{034f}'),
    ('\u{061c}', '\u{061c}'),
    ('\u{115f}', '\u{1160}'),
    ('\u{17b4}', '\u{17b5}'),
    ('\u{180b}', '\u{180f}'),
    ('\u{200b}', '\u{200f}'),
    ('\u{202a}', '\u{202e}'),
    ('\u{2060}', '\u{206f}'),
    ('\u{3164}', '\u{3164}'),
    ('\u{fe00}', '\u{fe0f}'),
    ('\u{feff}', '\u{feff}'),
    ('\u{ffa0}', '\u{ffa0}'),
    ('\u{fff0}', '\u{fff8}'),
    ('\u{1bca0}', '\u{1bca3}'),
    ('\u{1d173}', '\u{1d17a}'),
    ('\u{e0000}', '\u{e0fff}'),
];

/// Whether `c` may print as nothing, so that a text holding it looks like one without it: a
/// Default_Ignorable code point of Unicode (`DEFAULT_IGNORABLE`).
pub fn is_invisible(c: char) -> bool {
    let after = DEFAULT_IGNORABLE.partition_point(|&(_, last)| last < c);
    DEFAULT_IGNORABLE
        .get(after)
        .is_some_and(|&(first, _)| first <= c)
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

    #[test]
    fn controls_in_messages_are_escaped() {
        let forged = Error::input(
            Location::file("u.csv"),
            "unknown member \"x\nerror: \u{1b}[2J\u{202e}\"",
        );
        assert_eq!(
            forged.lines(),
            vec!["u.csv: unknown member \"x\\u{a}error: \\u{1b}[2J\\u{202e}\"".to_string()]
        );
    }

    #[test]
    fn every_default_ignorable_code_point_is_invisible() {
        let invisible = [
            '\u{ad}',
            '\u{34f}',
            '\u{61c}',
            '\u{115f}',
            '\u{1160}',
            '\u{17b4}',
            '\u{180b}',
            '\u{180f}',
            '\u{200b}',
            '\u{200f}',
            '\u{202a}',
            '\u{202e}',
            '\u{2060}',
            '\u{206f}',
            '\u{3164}',
            '\u{fe00}',
            '\u{fe0f}',
            '\u{feff}',
            '\u{ffa0}',
            '\u{fff8}',
            '\u{1bca3}',
            '\u{1d173}',
            '\u{e0001}',
            '\u{e0041}',
            '\u{e0100}',
            '\u{e01ef}',
            '\u{e0fff}',
        ];
        for c in invisible {
            assert!(is_invisible(c), "U+{:04X}", u32::from(c));
        }
        // Their neighbours, and the letters and spaces of a name, show.
        let visible = [
            'a',
            'é',
            ' ',
            '\u{a0}',
            '\u{ac}',
            '\u{ae}',
            '\u{34e}',
            '\u{350}',
            '\u{1161}',
            '\u{180a}',
            '\u{1810}',
            '\u{200a}',
            '\u{2010}',
            '\u{2070}',
            '\u{3000}',
            '\u{fe10}',
            '\u{fffd}',
            '\u{1d17b}',
            '\u{dffff}',
            '\u{e1000}',
            '\u{10ffff}',
        ];
        for c in visible {
            assert!(!is_invisible(c), "U+{:04X}", u32::from(c));
        }
    }

    #[test]
    fn many_errors_are_capped() {
        let errors: Vec<Error> = (1..=53)
            .map(|line| Error::input(Location::line("u.csv", line), "bad"))
            .collect();
        let lines = Error::many(errors).lines();
        assert_eq!(lines.len(), MANY_LIMIT + 1);
        assert_eq!(lines[0], "u.csv:1: bad");
        assert_eq!(lines[MANY_LIMIT - 1], "u.csv:50: bad");
        assert_eq!(lines[MANY_LIMIT], "and 3 more error(s)");
        let one = Error::many(vec![Error::input(Location::line("u.csv", 7), "bad")]);
        assert!(matches!(one, Error::Input { .. }));
    }
}
