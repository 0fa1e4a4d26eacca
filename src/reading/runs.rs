//! Cutting a file into runs of whole lines, as text, so that runs can be read side by side.
//!
//! The encoding is settled here, in the file's order, with the rules of `text::Decoder`: a run
//! is checked as UTF-8 at once, or decoded from Windows-1252 once the file has shown it is
//! not UTF-8. Bytes those rules must read line by line (a line that is not UTF-8 after one
//! that is, a line too long to read) end the runs: the caller reads the rest one line at a
//! time, as a file with mistakes may be.

use std::borrow::Cow;
use std::io::{self, Cursor, Read};

use encoding_rs::WINDOWS_1252;
use memchr::{memchr, memchr2, memrchr2};

use super::text::{Encoding, LINE_LIMIT};

/// The size of a run, in bytes: a run ends with a line, so it may be shorter, or longer to
/// hold a long line.
pub const RUN_BYTES: usize = 256 * 1024;

/// A piece of the file.
pub enum Run {
    /// Whole lines; `first_non_ascii` when the file's first line that is UTF-8 and not ASCII
    /// lies in it.
    Text { text: Text, first_non_ascii: bool },
    /// Whole lines that must be read one at a time, as the rest of the file
    /// (`Runs::line_by_line`).
    LineByLine(Vec<u8>),
}

/// Bytes found to be UTF-8.
pub struct Text(Vec<u8>);

impl Text {
    /// The text. It was checked when read, and is checked again here rather than trusted
    /// unsafely: a vector check costs about a quarter of an instruction a byte.
    pub fn as_str(&self) -> Cow<'_, str> {
        match simdutf8::basic::from_utf8(&self.0) {
            Ok(text) => Cow::Borrowed(text),
            Err(_) => String::from_utf8_lossy(&self.0),
        }
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.0
    }
}

/// The runs of an input.
pub struct Runs<R> {
    input: R,
    /// Bytes read past the last run.
    rest: Vec<u8>,
    at_end: bool,
    /// The last run ended with '\r': a '\n' right after it is part of that line break.
    after_cr: bool,
    /// How many bytes a run is read in.
    size: usize,
    pub encoding: Encoding,
    /// Whether a line read so far was UTF-8 and not ASCII.
    non_ascii: bool,
}

impl<R: Read> Runs<R> {
    /// The runs of about `size` bytes of `input` after the bytes `rest`, in a file read so far
    /// as `encoding` (`non_ascii` if a line was UTF-8 and not ASCII).
    pub fn new(
        rest: Vec<u8>,
        input: R,
        after_cr: bool,
        encoding: Encoding,
        non_ascii: bool,
        size: usize,
    ) -> Self {
        Runs {
            input,
            rest,
            at_end: false,
            after_cr,
            size,
            encoding,
            non_ascii,
        }
    }

    /// The next run, read into `buffer`; `None` at the end of the input.
    pub fn next(&mut self, mut buffer: Vec<u8>) -> io::Result<Option<Run>> {
        buffer.clear();
        self.fill(&mut buffer)?;
        if std::mem::take(&mut self.after_cr) && buffer.first() == Some(&b'\n') {
            // Rare: a read ended between the '\r' and the '\n' of a line break.
            buffer.remove(0);
            self.fill(&mut buffer)?;
        }
        if buffer.is_empty() {
            return Ok(None);
        }
        let cut = loop {
            match memrchr2(b'\n', b'\r', &buffer) {
                _ if self.exhausted() => break buffer.len(),
                Some(i) => break i + 1,
                None if buffer.len() > LINE_LIMIT => return Ok(Some(Run::LineByLine(buffer))),
                // A line longer than a run, though not too long: a longer run.
                None => {
                    let more = buffer.len().max(self.size);
                    self.read(&mut buffer, more)?;
                }
            }
        };
        self.after_cr = buffer[cut - 1] == b'\r';
        self.give_back(&buffer[cut..]);
        buffer.truncate(cut);
        if has_long_line(&buffer) {
            return Ok(Some(Run::LineByLine(buffer)));
        }
        Ok(Some(self.text(buffer)))
    }

    /// Reads until `buffer` holds a run's bytes or the input ends.
    fn fill(&mut self, buffer: &mut Vec<u8>) -> io::Result<()> {
        match buffer.len() < self.size {
            true => self.read(buffer, self.size - buffer.len()),
            false => Ok(()),
        }
    }

    /// Reads `wanted` bytes more into `buffer`, or until the input ends.
    fn read(&mut self, buffer: &mut Vec<u8>, wanted: usize) -> io::Result<()> {
        let early = self.rest.len().min(wanted);
        buffer.extend(self.rest.drain(..early));
        let wanted = wanted - early;
        if wanted == 0 || self.at_end {
            return Ok(());
        }
        let read = (&mut self.input).take(wanted as u64).read_to_end(buffer)?;
        self.at_end = read < wanted;
        Ok(())
    }

    /// Puts `bytes` back, to be read first.
    fn give_back(&mut self, bytes: &[u8]) {
        self.rest.splice(..0, bytes.iter().copied());
    }

    /// Whether every byte was read.
    fn exhausted(&self) -> bool {
        self.at_end && self.rest.is_empty()
    }

    /// The lines in `bytes` as text.
    fn text(&mut self, bytes: Vec<u8>) -> Run {
        if self.encoding == Encoding::Windows1252 {
            return windows_1252(&bytes);
        }
        // Four times faster than the standard library's check on text with accents.
        if simdutf8::basic::from_utf8(&bytes).is_ok() {
            let first_non_ascii = !self.non_ascii && !bytes.is_ascii();
            self.non_ascii |= first_non_ascii;
            return Run::Text {
                text: Text(bytes),
                first_non_ascii,
            };
        }
        let valid = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), str::len);
        let line_start = memrchr2(b'\n', b'\r', &bytes[..valid]).map_or(0, |i| i + 1);
        let line_end = memchr2(b'\n', b'\r', &bytes[valid..]).map_or(bytes.len(), |i| valid + i);
        // As the decoder does: a file that is not UTF-8, and showed no sign of being so before
        // this line, is Windows-1252 from here on (a NUL byte says it is not text at all).
        if self.encoding == Encoding::Utf8
            && !self.non_ascii
            && bytes[..line_start].is_ascii()
            && memchr(0, &bytes[line_start..line_end]).is_none()
        {
            self.encoding = Encoding::Windows1252;
            return windows_1252(&bytes);
        }
        Run::LineByLine(bytes)
    }

    /// The rest of the input, from the `bytes` of `Run::LineByLine`.
    pub fn line_by_line(self, bytes: Vec<u8>) -> impl Read {
        Cursor::new(bytes)
            .chain(Cursor::new(self.rest))
            .chain(self.input)
    }
}

/// Whether the lines in `bytes` hold one longer than `LINE_LIMIT`.
fn has_long_line(bytes: &[u8]) -> bool {
    // Such a line holds a whole window of half that length, at a multiple of it: only a
    // window without a line break needs a closer look, and a run has a few windows.
    let half = LINE_LIMIT / 2;
    (0..bytes.len() / half).any(|k| {
        let (start, end) = (k * half, (k + 1) * half);
        memchr2(b'\n', b'\r', &bytes[start..end]).is_none() && {
            let first = memrchr2(b'\n', b'\r', &bytes[..start]).map_or(0, |i| i + 1);
            let last = memchr2(b'\n', b'\r', &bytes[end..]).map_or(bytes.len(), |i| end + i);
            last - first > LINE_LIMIT
        }
    })
}

fn windows_1252(bytes: &[u8]) -> Run {
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    Run::Text {
        text: Text(text.into_owned().into_bytes()),
        first_non_ascii: false,
    }
}
