//! How much a workbook holds once unpacked, measured before it is opened: an .xlsx is a zip
//! archive, and a megabyte of it can unpack to gigabytes that the workbook reader would hold in
//! memory (its shared strings) or read through (its sheet).

use std::fs::File;
use std::io::{self, BufReader, Read, Seek};
use std::path::Path;

use crate::error::{Error, Location, Result};
use crate::messages::{records as msg, run};

/// The most bytes the parts of a workbook may unpack to, all together: a usage file of tens of
/// thousands of lines takes a few MiB.
pub const UNPACKED_LIMIT: u64 = 32 << 20;

/// Refuses the workbook at `path` (`file` in messages) when its parts unpack to more than
/// `UNPACKED_LIMIT`, or, not being an archive (.xls), when it is larger than that itself. The
/// parts are unpacked to count their bytes, without keeping them: the sizes an archive's
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
    match unpacked_within(BufReader::new(input), UNPACKED_LIMIT) {
        Some(false) => too_large(),
        _ => Ok(()),
    }
}

/// Whether the entries of the archive `input` unpack to at most `limit` bytes all together;
/// `None` when it cannot be read as an archive.
fn unpacked_within(input: impl Read + Seek, limit: u64) -> Option<bool> {
    let mut archive = zip::ZipArchive::new(input).ok()?;
    let mut left = limit;
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).ok()?;
        if entry.size() > left {
            return Some(false);
        }
        let read = io::copy(&mut (&mut entry).take(left + 1), &mut io::sink()).ok()?;
        match left.checked_sub(read) {
            Some(rest) => left = rest,
            None => return Some(false),
        }
    }
    Some(true)
}

#[cfg(test)]
mod tests {
    use std::io::{Cursor, Write};

    use super::*;

    /// An archive of one entry of `len` spaces, deflated, its directory giving its size.
    fn archive(len: usize) -> Cursor<Vec<u8>> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
        zip.write_all(&vec![b' '; len]).unwrap();
        let mut cursor = zip.finish().unwrap();
        cursor.set_position(0);
        cursor
    }

    #[test]
    fn entries_are_counted_up_to_the_limit() {
        assert_eq!(unpacked_within(archive(1000), 1000), Some(true));
        assert_eq!(unpacked_within(archive(1001), 1000), Some(false));
        assert_eq!(
            unpacked_within(Cursor::new(b"PK\x03\x04".to_vec()), 1000),
            None
        );
    }
}
