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
    pub(super) shown: PathBuf,
    /// Where the file is, however it was spelled: its folder's real path and its name (for a
    /// file that exists, the real path of the file links lead to).
    pub(super) place: PathBuf,
    pub(super) kind: Kind,
}

pub(super) enum Kind {
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
                let place = fs::canonicalize(parent_of(path))
                    .ok()
                    .zip(path.file_name())
                    .map_or_else(|| path.to_path_buf(), |(folder, name)| folder.join(name));
                return Ok(FileOutput {
                    shown,
                    place,
                    kind: Kind::New,
                });
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
        let place = match &kind {
            Kind::Replace { path, .. } => path.clone(),
            _ => fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
        };
        Ok(FileOutput { shown, place, kind })
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
        let Some(folder) = self.folder().map(Path::to_path_buf) else {
            return self.write_through(write);
        };
        let _lock = lock(&folder, &self.shown)?;
        self.stage(write)?.commit()
    }

    /// The folder a regular file is written in, beside it; `None` for a FIFO or a device.
    pub(super) fn folder(&self) -> Option<&Path> {
        match &self.kind {
            Kind::Through => None,
            Kind::New => Some(parent_of(&self.shown)),
            Kind::Replace { path, .. } => Some(parent_of(path)),
        }
    }

    /// Writes what `write` writes into the FIFO or device, as it comes.
    pub(super) fn write_through(
        self,
        write: impl FnOnce(&mut dyn Write) -> Result<io::Result<()>>,
    ) -> Result<()> {
        let failed = || Error::io(&self.shown, cannot_write());
        let file = OpenOptions::new()
            .write(true)
            .open(&self.shown)
            .map_err(failed())?;
        write_through(file, write)?.map(drop).map_err(failed())
    }

    /// Writes what `write` writes into a new file beside this one, synced, which `commit`
    /// moves into place; dropped uncommitted, it is removed. The folder must be locked
    /// meanwhile, and the file a regular one (`folder` is `Some`).
    pub(super) fn stage(
        self,
        write: impl FnOnce(&mut dyn Write) -> Result<io::Result<()>>,
    ) -> Result<StagedFile> {
        let failed = || Error::io(&self.shown, cannot_write());
        let Some(folder) = self.folder() else {
            return Err(failed()(io::ErrorKind::Unsupported.into()));
        };
        let staged = Staged::new(folder);
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&staged.path)
            .map_err(failed())?;
        let file = write_through(file, write)?.map_err(failed())?;
        match &self.kind {
            Kind::Replace { permissions, .. } => file.set_permissions(permissions.clone()),
            _ => Ok(()),
        }
        .and_then(|()| file.sync_all())
        .map_err(failed())?;
        Ok(StagedFile {
            output: self,
            staged,
        })
    }
}

/// A file written whole beside its destination, waiting to be moved into place.
pub(super) struct StagedFile {
    output: FileOutput,
    staged: Staged,
}

impl StagedFile {
    /// Moves the file into place: a new one never over a file that appeared meanwhile, a
    /// replacement over the old one in one step.
    pub(super) fn commit(self) -> Result<()> {
        let StagedFile { output, staged } = self;
        let shown = &output.shown;
        let failed = || Error::io(shown, cannot_write());
        let path = match &output.kind {
            Kind::Replace { path, .. } => path.as_path(),
            _ => shown.as_path(),
        };
        match output.kind {
            Kind::Replace { .. } => fs::rename(&staged.path, path),
            _ => rename_noreplace(&staged.path, path),
        }
        .map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => Error::Exists {
                path: shown.clone(),
            },
            _ => failed()(e),
        })?;
        staged.moved();
        sync_folder(parent_of(path)).map_err(failed())
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
