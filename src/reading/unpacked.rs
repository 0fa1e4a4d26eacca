//! How much a workbook holds once unpacked, measured before it is opened: an .xlsx is a zip
//! archive, and a megabyte of it can unpack to gigabytes that the workbook reader would hold in
//! memory (its shared strings, or a run of text in a sheet) or read through (its sheet).

use std::fs::File;
use std::io::{self, BufReader, Read, Seek};
use std::path::Path;

use super::text::LINE_LIMIT;
use crate::error::{Error, Location, Result};
use crate::messages::{records as msg, run};

/// The most bytes the parts of a workbook that are read whole (its shared strings, styles, an
/// .ods's content) may unpack to, all together: a usage file of tens of thousands of lines
/// takes a few MiB.
pub const UNPACKED_LIMIT: u64 = 32 << 20;

/// The most bytes an .xlsx or .xlsb sheet may unpack to. A sheet is read a cell at a time, so
/// its size bounds the time of a run, not its memory: a million rows take a few hundred MiB.
pub const SHEET_LIMIT: u64 = 1 << 30;

/// The longest run of a sheet's bytes without a tag: the reader holds one such run whole (a
/// cell's text, or blanks between two tags), so it is bounded like a line of a CSV file.
pub const RUN_LIMIT: usize = LINE_LIMIT;

/// Refuses the workbook at `path` (`file` in messages) when the parts read whole unpack to
/// more than `UNPACKED_LIMIT`, a sheet to more than `SHEET_LIMIT` or holds a run longer than
/// `RUN_LIMIT`; or, not being an archive (.xls), when it is larger than `UNPACKED_LIMIT` itself.
/// The parts are unpacked to count their bytes, without keeping them: the sizes an archive's
/// directory gives may lie. What cannot be read is left to the workbook reader to report.
pub fn check(path: &Path, file: &str) -> Result<()> {
    let mut input = File::open(path).map_err(Error::io(path, run::cannot_read()))?;
    let too_large = || {
        let mib = UNPACKED_LIMIT >> 20;
        Err(Error::input(
            Location::file(file),
            msg::workbook_too_large(mib),
        ))
    };
    let mut magic = [0; 4];
    let archive = input.read_exact(&mut magic).is_ok() && magic == *b"PK\x03\x04";
    if !archive {
        let len = input.metadata().map_or(0, |m| m.len());
        return if len > UNPACKED_LIMIT {
            too_large()
        } else {
            Ok(())
        };
    }
    let _ = input.rewind();
    match unpacked(BufReader::new(input)) {
        Some(Unpacked::TooLarge) => too_large(),
        Some(Unpacked::RunTooLong) => Err(Error::input(
            Location::file(file),
            msg::workbook_run_too_long(RUN_LIMIT / 1024),
        )),
        _ => Ok(()),
    }
}

/// What unpacking an archive found wrong, if anything.
#[derive(Debug, PartialEq, Eq)]
enum Unpacked {
    Within,
    TooLarge,
    RunTooLong,
}

/// Whether the entries of the archive `input` are within the limits; `None` when it cannot
/// be read as an archive.
fn unpacked(input: impl Read + Seek) -> Option<Unpacked> {
    let mut archive = zip::ZipArchive::new(input).ok()?;
    let (mut whole, mut sheets) = (UNPACKED_LIMIT, SHEET_LIMIT);
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).ok()?;
        let name = entry.name().to_string();
        // The sheets calamine streams: those of .xlsx and .xlsb files.
        let streamed = name.starts_with("xl/worksheets/") && !name.ends_with(".rels");
        let left = if streamed { &mut sheets } else { &mut whole };
        if entry.size() > *left {
            return Some(Unpacked::TooLarge);
        }
        let (read, longest) = count(&mut (&mut entry).take(*left + 1)).ok()?;
        if streamed && longest > RUN_LIMIT && !name.ends_with(".bin") {
            return Some(Unpacked::RunTooLong);
        }
        match left.checked_sub(read) {
            Some(rest) => *left = rest,
            None => return Some(Unpacked::TooLarge),
        }
    }
    Some(Unpacked::Within)
}

/// The bytes of `input`, and its longest run of bytes without `<` or `>`.
fn count(mut input: impl Read) -> io::Result<(u64, usize)> {
    let mut buffer = vec![0; 64 * 1024];
    let (mut read, mut run, mut longest) = (0u64, 0usize, 0usize);
    loop {
        let n = match input.read(&mut buffer) {
            Ok(0) => return Ok((read, longest.max(run))),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        read += n as u64;
        let mut rest = &buffer[..n];
        while let Some(at) = memchr::memchr2(b'<', b'>', rest) {
            longest = longest.max(run + at);
            run = 0;
            rest = &rest[at + 1..];
        }
        run += rest.len();
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use super::*;

    /// An archive of one entry `name` holding `text`, deflated, its directory giving its size.
    fn archive(name: &str, text: &[u8]) -> Cursor<Vec<u8>> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file(name, options).unwrap();
        zip.write_all(text).unwrap();
        let mut cursor = zip.finish().unwrap();
        cursor.set_position(0);
        cursor
    }

    #[test]
    fn a_sheet_is_held_to_its_longest_run_and_other_parts_to_their_size() {
        let sheet = |text: &[u8]| archive("xl/worksheets/sheet1.xml", text);
        let cell = |len: usize| [b"<c><v>".as_slice(), &vec![b'7'; len], b"</v></c>"].concat();
        assert_eq!(unpacked(sheet(&cell(RUN_LIMIT))), Some(Unpacked::Within));
        assert_eq!(
            unpacked(sheet(&cell(RUN_LIMIT + 1))),
            Some(Unpacked::RunTooLong)
        );
        // A run split across the reading buffer's edge is one run.
        let mut split = vec![b'<'; 64 * 1024 - 10];
        split.extend(vec![b' '; RUN_LIMIT + 1]);
        assert_eq!(unpacked(sheet(&split)), Some(Unpacked::RunTooLong));
        // Parts read whole are held to their size, whatever their runs.
        let strings = |len: usize| archive("xl/sharedStrings.xml", &vec![b' '; len]);
        assert_eq!(unpacked(strings(100_000)), Some(Unpacked::Within));
        let over = UNPACKED_LIMIT as usize + 1;
        assert_eq!(unpacked(strings(over)), Some(Unpacked::TooLarge));
        assert_eq!(unpacked(Cursor::new(b"PK\x03\x04".to_vec())), None);
    }
}
