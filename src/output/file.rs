//! `--output FILE`: one file, replaced whole or written through when it is a FIFO or a device.

use std::fs::{self, OpenOptions, Permissions};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use super::{lock, parent_of, rename_noreplace, sync_folder, Inputs, Staged, BUFFER};
use crate::error::{Error, Result};
use crate::messages::output as msg;
use crate::messages::run::{cannot_create, cannot_write};

/// A file to write a report to, checked before anything is computed.
pub struct FileOutput {
    /// The path the user gave, which messages show.
    shown: PathBuf,
    kind: Kind,
}

enum Kind {
    /// No file yet.
    New,
    /// A regular file (`path`, links followed) to replace, keeping its permissions.
    Replace {
        path: PathBuf,
        permissions: Permissions,
    },
    /// A FIFO or a device, written to rather than replaced.
    Through,
}

impl FileOutput {
    /// Checks that `path` may be written: a new file, or with `force` an existing regular file,
    /// FIFO or device, but never a folder or one of the `inputs`.
    pub fn prepare(path: &Path, force: bool, inputs: &Inputs) -> Result<Self> {
        let shown = path.to_path_buf();
        let exists = || Error::Exists {
            path: shown.clone(),
        };
        let kind = match fs::symlink_metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::metadata(parent_of(path))
                    .and_then(|m| match m.is_dir() {
                        true => Ok(()),
                        false => Err(io::ErrorKind::NotADirectory.into()),
                    })
                    .map_err(Error::io(path, cannot_create()))?;
                Kind::New
            }
            Err(e) => return Err(Error::io(path, cannot_write())(e)),
            Ok(_) => {
                inputs.refuse(path, false, path)?;
                let meta = match fs::metadata(path) {
                    Ok(meta) => meta,
                    Err(_) if !force => return Err(exists()),
                    Err(_) => return Err(Error::Request(msg::file_link_to_nothing(path))),
                };
                if meta.is_dir() {
                    return Err(Error::Request(msg::is_a_folder(path)));
                }
                if !force {
                    return Err(exists());
                }
                if meta.is_file() {
                    Kind::Replace {
                        path: fs::canonicalize(path).map_err(Error::io(path, cannot_write()))?,
                        permissions: meta.permissions(),
                    }
                } else {
                    Kind::Through
                }
            }
        };
        Ok(FileOutput { shown, kind })
    }

    /// Writes `bytes`: a reader of the file sees the old one or the whole new one.
    pub fn write(self, bytes: &[u8]) -> Result<()> {
        self.write_with(|out| Ok(out.write_all(bytes)))
    }

    /// Writes what `write` writes into the writer it is given, as it comes: a reader of the
    /// file sees the old one or the whole new one, never part of it. `write`'s error and its
    /// writer's (as in `Export::write`) leave the old file, or none, as it was.
    pub fn write_with(
        self,
        write: impl FnOnce(&mut dyn Write) -> Result<io::Result<()>>,
    ) -> Result<()> {
        let shown = &self.shown;
        let failed = || Error::io(shown, cannot_write());
        let (path, permissions) = match &self.kind {
            Kind::Through => {
                let file = OpenOptions::new()
                    .write(true)
                    .open(shown)
                    .map_err(failed())?;
                return write_through(file, write)?.map(drop).map_err(failed());
            }
            Kind::New => (shown.as_path(), None),
            Kind::Replace { path, permissions } => (path.as_path(), Some(permissions)),
        };
        let folder = parent_of(path);
        let _lock = lock(folder, shown)?;
        let staged = Staged::new(folder);
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&staged.path)
            .map_err(failed())?;
        let file = write_through(file, write)?.map_err(failed())?;
        match permissions {
            Some(p) => file.set_permissions(p.clone()),
            None => Ok(()),
        }
        .and_then(|()| file.sync_all())
        .map_err(failed())?;
        match permissions {
            Some(_) => fs::rename(&staged.path, path),
            None => rename_noreplace(&staged.path, path),
        }
        .map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => Error::Exists {
                path: shown.clone(),
            },
            _ => failed()(e),
        })?;
        staged.moved();
        sync_folder(folder).map_err(failed())
    }
}

/// Runs `write` into `out` through a buffer, then flushes it; returns `out`, or `write`'s own
/// error (outside) or the first error of writing (inside).
pub(super) fn write_through<W: Write>(
    out: W,
    write: impl FnOnce(&mut dyn Write) -> Result<io::Result<()>>,
) -> Result<io::Result<W>> {
    let mut out = BufWriter::with_capacity(BUFFER, out);
    let written = write(&mut out).map(|w| w.and_then(|()| out.flush()));
    // After an error, what the buffer holds is dropped, not written.
    let (out, _) = out.into_parts();
    Ok(written?.map(|()| out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str, force: bool) -> Result<()> {
        FileOutput::prepare(path, force, &Inputs::new([]))?.write(text.as_bytes())
    }

    #[test]
    fn files_are_replaced_only_with_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write(&path, "first", false).unwrap();
        let err = write(&path, "second", false).unwrap_err();
        assert!(matches!(err, Error::Exists { .. }), "{err}");
        assert_eq!(fs::read(&path).unwrap(), b"first");
        write(&path, "second", true).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"second");
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    /// A report that fails after part of it is written, as a full disk or a report that cannot
    /// be made would: the old file stays as it was, and nothing is left beside it.
    #[test]
    fn a_write_that_fails_midway_leaves_the_old_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        fs::write(&path, "old").unwrap();
        let partial = |out: &mut dyn Write| {
            // More than the buffer holds, so that part of it reaches the file.
            out.write_all(&[b'x'; 2 * super::BUFFER])?;
            Err(io::Error::from_raw_os_error(28 /* ENOSPC */))
        };
        let output = FileOutput::prepare(&path, true, &Inputs::new([])).unwrap();
        let err = output.write_with(|out| Ok(partial(out))).unwrap_err();
        assert_eq!(
            err.to_string(),
            format!(
                "{}: cannot write: No space left on device (os error 28)",
                path.display()
            )
        );
        let output = FileOutput::prepare(&path, true, &Inputs::new([])).unwrap();
        let err = output
            .write_with(|out| {
                let _ = partial(out);
                Err(Error::Request("no workbook".into()))
            })
            .unwrap_err();
        assert_eq!(err.to_string(), "no workbook");
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_file_that_appears_after_the_check_is_not_replaced_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        let output = FileOutput::prepare(&path, false, &Inputs::new([])).unwrap();
        fs::write(&path, "someone else's").unwrap();
        let err = output.write(b"report").unwrap_err();
        assert!(matches!(err, Error::Exists { .. }), "{err}");
        assert_eq!(fs::read(&path).unwrap(), b"someone else's");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
