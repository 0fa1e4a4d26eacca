//! The text of a table file, one physical line at a time: its encoding (UTF-8, Windows-1252 or
//! UTF-16), its line breaks (LF, CRLF or CR alone, each one line) and its fields.
//!
//! A record is one line: a quoted field may hold the separator, never a line break, so
//! that a stray quote cannot swallow the lines after it.

use std::io::{self, Cursor, Read};

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};
use encoding_rs_io::DecodeReaderBytesBuilder;
use memchr::{memchr, memchr2};

/// Longest line read, in bytes: a longer one is refused, never held whole.
pub const LINE_LIMIT: usize = 64 * 1024;

/// How the bytes of a file were read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// UTF-8 with a byte order mark, as Excel's "CSV UTF-8" writes it.
    Utf8Bom,
    /// Old Excel "CSV": a file that is not UTF-8 and has no NUL byte.
    Windows1252,
    /// Excel's "Texte Unicode", with its byte order mark.
    Utf16Le,
    Utf16Be,
}

/// What keeps a line from being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    TooLong,
    /// A quote opens a field that does not close on its line.
    Unclosed,
    /// A quoted field goes on after its closing quote (`"2"5`): which text was meant is a guess.
    AfterQuote,
    /// Bytes that are not UTF-8 in a file whose earlier line `utf8_line` is (or with a BOM).
    NotUtf8 {
        utf8_line: Option<u64>,
    },
    /// NUL bytes: not text, or UTF-16 without a byte order mark.
    NotText,
}

/// Reads the byte order mark, if any: the input to read lines from, decoded to UTF-8 when it is
/// UTF-16, and its encoding as far as the mark tells.
pub fn sniff<'a>(mut input: impl Read + 'a) -> io::Result<(Box<dyn Read + 'a>, Encoding)> {
    let mut head = [0; 3];
    let mut len = 0;
    while len < head.len() {
        match input.read(&mut head[len..]) {
            Ok(0) => break,
            Ok(n) => len += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    let head = &head[..len];
    let utf16 = match head {
        [0xFF, 0xFE, ..] => Some((UTF_16LE, Encoding::Utf16Le)),
        [0xFE, 0xFF, ..] => Some((UTF_16BE, Encoding::Utf16Be)),
        _ => None,
    };
    if let Some((encoding, name)) = utf16 {
        let whole = Cursor::new(head.to_vec()).chain(input);
        let decoded = DecodeReaderBytesBuilder::new()
            .encoding(Some(encoding))
            .build(whole);
        return Ok((Box::new(decoded), name));
    }
    if head == [0xEF, 0xBB, 0xBF] {
        return Ok((Box::new(input), Encoding::Utf8Bom));
    }
    Ok((
        Box::new(Cursor::new(head.to_vec()).chain(input)),
        Encoding::Utf8,
    ))
}

/// The physical lines of an input, numbered from 1, without their line breaks.
pub struct Lines<R> {
    input: R,
    buffer: Vec<u8>,
    /// The bytes of `buffer` not yet handed out.
    start: usize,
    end: usize,
    at_end: bool,
    /// Number of the next line.
    number: u64,
    /// The last line ended with '\r': a '\n' right after it is part of that line break.
    after_cr: bool,
}

/// A physical line: its bytes, or `None` when it is over `LINE_LIMIT` and was skipped.
pub type Line<'a> = Option<&'a [u8]>;

impl<R: Read> Lines<R> {
    pub fn new(input: R) -> Self {
        Lines {
            input,
            buffer: vec![0; 2 * LINE_LIMIT],
            start: 0,
            end: 0,
            at_end: false,
            number: 1,
            after_cr: false,
        }
    }

    /// The next line and its number, or `None` at the end of the input.
    pub fn next_line(&mut self) -> io::Result<Option<(u64, Line<'_>)>> {
        let mut too_long = false;
        loop {
            if self.after_cr && self.start < self.end {
                self.after_cr = false;
                if self.buffer[self.start] == b'\n' {
                    self.start += 1;
                }
            }
            let pending = &self.buffer[self.start..self.end];
            if let Some(i) = memchr2(b'\n', b'\r', pending) {
                let (start, end) = (self.start, self.start + i);
                self.after_cr = self.buffer[end] == b'\r';
                self.start = end + 1;
                return Ok(Some(self.line(start, end, too_long)));
            }
            if self.at_end {
                if self.start == self.end && !too_long {
                    return Ok(None);
                }
                let (start, end) = (self.start, self.end);
                self.start = end;
                return Ok(Some(self.line(start, end, too_long)));
            }
            if too_long || pending.len() > LINE_LIMIT {
                // Dropped as it comes, so that memory does not follow the line.
                too_long = true;
                self.start = self.end;
            }
            self.buffer.copy_within(self.start..self.end, 0);
            self.end -= self.start;
            self.start = 0;
            match self.input.read(&mut self.buffer[self.end..]) {
                Ok(0) => self.at_end = true,
                Ok(n) => self.end += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }

    fn line(&mut self, start: usize, end: usize, too_long: bool) -> (u64, Line<'_>) {
        let number = self.number;
        self.number += 1;
        let line = &self.buffer[start..end];
        (
            number,
            (!too_long && line.len() <= LINE_LIMIT).then_some(line),
        )
    }
}

/// Turns lines into text, in the file's encoding: UTF-8 until a line is not, then (when no
/// earlier line needed UTF-8 to be read) Windows-1252.
pub struct Decoder {
    pub encoding: Encoding,
    /// The first line that is UTF-8 and not ASCII: past it, the file is UTF-8 for sure.
    utf8_line: Option<u64>,
    decoded: String,
}

impl Decoder {
    pub fn new(encoding: Encoding) -> Self {
        Decoder {
            encoding,
            utf8_line: None,
            decoded: String::new(),
        }
    }

    pub fn text<'a>(&'a mut self, number: u64, line: &'a [u8]) -> Result<&'a str, Problem> {
        if self.encoding == Encoding::Windows1252 {
            return Ok(self.windows_1252(line));
        }
        match std::str::from_utf8(line) {
            Ok(text) => {
                if self.utf8_line.is_none() && !text.is_ascii() {
                    self.utf8_line = Some(number);
                }
                Ok(text)
            }
            Err(_) if memchr(0, line).is_some() => Err(Problem::NotText),
            Err(_) if self.encoding == Encoding::Utf8 && self.utf8_line.is_none() => {
                self.encoding = Encoding::Windows1252;
                Ok(self.windows_1252(line))
            }
            Err(_) => Err(Problem::NotUtf8 {
                utf8_line: self.utf8_line,
            }),
        }
    }

    fn windows_1252(&mut self, line: &[u8]) -> &str {
        let mut decoder = WINDOWS_1252.new_decoder_without_bom_handling();
        self.decoded.clear();
        self.decoded
            .reserve(decoder.max_utf8_buffer_length(line.len()).unwrap_or(0));
        // Every byte has a character in Windows-1252, and the room is reserved: it all fits.
        let _ = decoder.decode_to_string(line, &mut self.decoded, true);
        &self.decoded
    }
}

/// The separator of a file: whichever of ';', tab and ',' its header holds most of (',' when
/// none).
pub fn separator(header: &str) -> u8 {
    // On a tie the last one wins.
    [b';', b'\t', b',']
        .into_iter()
        .max_by_key(|&s| header.bytes().filter(|&b| b == s).count())
        .unwrap_or(b',')
}

/// Where the fields of a line are, and the text of its quoted fields.
#[derive(Default)]
pub struct Fields {
    /// Each field's start and end, in the line or, when it has a quote, in `unquoted`.
    ranges: Vec<(u32, u32)>,
    unquoted: String,
}

/// The text the fields of a line lie in, and where each starts and ends in it.
pub type Split<'a> = (&'a str, &'a [(u32, u32)]);

/// The fields of `line`: the text they lie in, and where each starts and ends. A field that
/// starts with '"' is quoted: it runs to the next lone '"' on the line, with '""' for a quote,
/// and only spaces or tabs may follow it before the separator.
///
/// A line without a quote is only cut, never copied: most lines are read that way.
pub fn split<'a>(
    line: &'a str,
    separator: u8,
    fields: &'a mut Fields,
) -> Result<Split<'a>, Problem> {
    let Fields { ranges, unquoted } = fields;
    ranges.clear();
    let bytes = line.as_bytes();
    let mut start = 0;
    while let Some(i) = memchr2(separator, b'"', &bytes[start..]) {
        if bytes[start + i] == b'"' {
            unquote(line, separator, ranges, unquoted)?;
            return Ok((unquoted, ranges));
        }
        ranges.push((start as u32, (start + i) as u32));
        start += i + 1;
    }
    ranges.push((start as u32, bytes.len() as u32));
    Ok((line, ranges))
}

/// Splits a line that has quotes, copying its fields into `text`.
fn unquote(
    line: &str,
    separator: u8,
    ranges: &mut Vec<(u32, u32)>,
    text: &mut String,
) -> Result<(), Problem> {
    ranges.clear();
    text.clear();
    let bytes = line.as_bytes();
    let mut at = 0;
    loop {
        let start = text.len() as u32;
        let quoted = bytes.get(at) == Some(&b'"');
        if quoted {
            at += 1;
            loop {
                let Some(quote) = memchr(b'"', &bytes[at..]) else {
                    return Err(Problem::Unclosed);
                };
                text.push_str(&line[at..at + quote]);
                at += quote + 1;
                if bytes.get(at) != Some(&b'"') {
                    break;
                }
                text.push('"');
                at += 1;
            }
        }
        let end = memchr(separator, &bytes[at..]).map_or(bytes.len(), |i| at + i);
        let rest = &line[at..end];
        if quoted && !rest.trim_matches([' ', '\t']).is_empty() {
            return Err(Problem::AfterQuote);
        }
        text.push_str(rest);
        ranges.push((start, text.len() as u32));
        if end == bytes.len() {
            return Ok(());
        }
        at = end + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(bytes: &[u8]) -> Vec<(u64, Option<String>)> {
        let mut lines = Lines::new(bytes);
        let mut all = Vec::new();
        while let Some((n, line)) = lines.next_line().unwrap() {
            all.push((n, line.map(|l| String::from_utf8_lossy(l).into_owned())));
        }
        all
    }

    fn numbered(texts: &[&str]) -> Vec<(u64, Option<String>)> {
        (1..)
            .zip(texts.iter().map(|t| Some(t.to_string())))
            .collect()
    }

    #[test]
    fn every_line_break_counts_once() {
        let expected = numbered(&["a", "", "b", "c"]);
        assert_eq!(lines(b"a\n\nb\nc\n"), expected);
        assert_eq!(lines(b"a\r\n\r\nb\r\nc\r\n"), expected);
        assert_eq!(lines(b"a\r\rb\rc\r"), expected);
        assert_eq!(lines(b"a\r\n\nb\rc"), expected);
        assert_eq!(lines(b""), numbered(&[]));
    }

    proptest::proptest! {
        #[test]
        fn lines_are_what_an_editor_shows(text in "[a\r\n]{0,40}") {
            // An editor's reading: CRLF, CR and LF are one break each; a last break ends a line.
            let unix = text.replace("\r\n", "\n").replace('\r', "\n");
            let mut expected: Vec<&str> = unix.split('\n').collect();
            if unix.ends_with('\n') || unix.is_empty() {
                expected.pop();
            }
            let read = lines(text.as_bytes());
            proptest::prop_assert_eq!(read, numbered(&expected));
        }
    }

    #[test]
    fn a_line_break_split_between_reads_counts_once() {
        // A CRLF astride the end of the buffer.
        let mut text = vec![b'x'; 2 * LINE_LIMIT - 1 - 3];
        text.extend_from_slice(b"\r\nab\r\n");
        let read = lines(&text);
        assert_eq!(read.len(), 2);
        assert_eq!(read[1], (2, Some("ab".to_string())));
    }

    #[test]
    fn long_lines_are_skipped_not_held() {
        let mut text = b"a\n".to_vec();
        text.extend(vec![b'x'; 5 * LINE_LIMIT]);
        text.extend_from_slice(b"\nb\n");
        text.extend(vec![b'y'; LINE_LIMIT]);
        let read = lines(&text);
        assert_eq!(
            read[..3],
            [(1, Some("a".into())), (2, None), (3, Some("b".into()))]
        );
        assert_eq!(read[3].1.as_ref().map(String::len), Some(LINE_LIMIT));
    }

    fn fields(line: &str) -> Result<Vec<String>, Problem> {
        let mut fields = Fields::default();
        let (text, ranges) = split(line, b',', &mut fields)?;
        Ok(ranges
            .iter()
            .map(|&(start, end)| text[start as usize..end as usize].to_string())
            .collect())
    }

    #[test]
    fn fields_and_quotes() {
        assert_eq!(fields("a,,b").unwrap(), ["a", "", "b"]);
        assert_eq!(fields("").unwrap(), [""]);
        assert_eq!(
            fields("\"a,b\",\"say \"\"hi\"\"\"").unwrap(),
            ["a,b", "say \"hi\""]
        );
        // Text after a closing quote is refused: "2"5 is neither 2 nor 25 for sure.
        assert_eq!(fields("\"a\"b,c"), Err(Problem::AfterQuote));
        assert_eq!(fields("x,\"2\"5,y"), Err(Problem::AfterQuote));
        assert_eq!(fields("\"a\" ,c").unwrap(), ["a ", "c"]);
        assert_eq!(fields("a\"b,c").unwrap(), ["a\"b", "c"]);
        assert_eq!(fields("x,\"Choix du copieur"), Err(Problem::Unclosed));
        assert_eq!(fields("x,\"a\"\""), Err(Problem::Unclosed));
    }

    #[test]
    fn separators() {
        assert_eq!(separator("date,member,service,quantity"), b',');
        assert_eq!(
            separator("Date;Référence;Commune;Prestation;Quantité;Note"),
            b';'
        );
        assert_eq!(separator("date\tmember\tservice\tquantity"), b'\t');
        assert_eq!(separator("date"), b',');
    }

    #[test]
    fn encodings() {
        let mut d = Decoder::new(Encoding::Utf8);
        assert_eq!(d.text(1, b"abc"), Ok("abc"));
        assert_eq!(d.text(2, b"Ol\xe9ron"), Ok("Oléron"));
        assert_eq!(d.encoding, Encoding::Windows1252);
        let mut d = Decoder::new(Encoding::Utf8);
        assert_eq!(d.text(1, "Oléron".as_bytes()), Ok("Oléron"));
        assert_eq!(
            d.text(2, b"Ol\xe9ron"),
            Err(Problem::NotUtf8 { utf8_line: Some(1) })
        );
        assert_eq!(d.text(3, b"a\0\xff"), Err(Problem::NotText));
        let mut d = Decoder::new(Encoding::Utf8Bom);
        assert_eq!(
            d.text(2, b"Ol\xe9ron"),
            Err(Problem::NotUtf8 { utf8_line: None })
        );
    }
}
