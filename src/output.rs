//! Where results go: the standard output, where a closed pipe ends the program quietly, or
//! files written whole or not at all (a temporary file in the same folder, then a rename).

use std::io::{self, Write};
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `text` to the standard output. A reader that went away (`| head`) is not an error.
pub fn to_stdout(bytes: &[u8]) -> Result<()> {
    let mut stdout = io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(Error::io(Path::new("<standard output>"), "cannot write")(e))
        }
        _ => Ok(()),
    }
}

/// Refuses early, before any work, to replace an existing file without `force`.
pub fn check_free(path: &Path, force: bool) -> Result<()> {
    if !force && path.exists() {
        return Err(Error::Exists {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// Writes `bytes` to `path` atomically: readers see the old file or the whole new one.
pub fn to_file(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".oleron-bill-")
        .tempfile_in(folder)
        .map_err(Error::io(path, "cannot create a temporary file beside it"))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(Error::io(path, "cannot write"))?;
    let persisted = if force {
        temp.persist(path)
    } else {
        temp.persist_noclobber(path)
    };
    persisted.map_err(|e| match e.error.kind() {
        io::ErrorKind::AlreadyExists => Error::Exists {
            path: path.to_path_buf(),
        },
        _ => Error::io(path, "cannot write")(e.error),
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_replaced_only_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        to_file(&path, b"first", false).unwrap();
        let err = to_file(&path, b"second", false).unwrap_err();
        assert!(matches!(err, Error::Exists { .. }), "{err}");
        assert!(check_free(&path, false).is_err());
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        to_file(&path, b"second", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"second");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
