//! The files of one run that writes more than one (the COPIL table and its chart), written all
//! or none: each is checked against the others before anything is computed, then all are
//! written whole beside their destinations, and moved into place only once every one is ready.

use std::path::{Path, PathBuf};

use super::file::{FileOutput, StagedFile};
use super::{lock, parent_of, FolderLock};
use crate::error::{Error, Result};
use crate::messages::output as msg;

/// Refuses two of a run's `outputs`, each given with the option that names it, that are one
/// file however they are spelled (`c.svg`, `./c.svg`, `dir/../c.svg`, a link to it): the
/// second written would replace the first, or be refused after the first was written.
pub fn apart(outputs: &[(&FileOutput, &str)]) -> Result<()> {
    for (i, (output, option)) in outputs.iter().enumerate() {
        let earlier = outputs[..i].iter().find(|(o, _)| o.place == output.place);
        if let Some((other, other_option)) = earlier {
            return Err(Error::Request(msg::same_output(
                &output.shown,
                option,
                &other.shown,
                other_option,
            )));
        }
    }
    Ok(())
}

/// A run's files written whole beside their destinations, waiting to be moved into place,
/// with the locks on their folders. Dropped uncommitted, it leaves every destination as it was.
pub struct Ready {
    staged: Vec<StagedFile>,
    /// The FIFOs and devices, with what to write to them: they cannot be written beside.
    through: Vec<(FileOutput, Vec<u8>)>,
    _locks: Vec<FolderLock>,
}

/// Writes each of `files` its bytes beside its destination. The folders are locked in the
/// order of their real paths, each once, so that two runs writing into the same folders never
/// wait for each other.
pub fn stage_all(files: Vec<(FileOutput, Vec<u8>)>) -> Result<Ready> {
    let mut folders: Vec<(PathBuf, &Path)> = files
        .iter()
        .filter(|(file, _)| file.folder().is_some())
        .map(|(file, _)| (parent_of(&file.place).to_path_buf(), file.shown.as_path()))
        .collect();
    folders.sort_by(|a, b| a.0.cmp(&b.0));
    folders.dedup_by(|a, b| a.0 == b.0);
    let locks = folders
        .into_iter()
        .map(|(folder, shown)| lock(&folder, shown))
        .collect::<Result<Vec<_>>>()?;
    let mut ready = Ready {
        staged: Vec::new(),
        through: Vec::new(),
        _locks: locks,
    };
    for (file, bytes) in files {
        if file.folder().is_none() {
            ready.through.push((file, bytes));
        } else {
            ready
                .staged
                .push(file.stage(|out| Ok(out.write_all(&bytes)))?);
        }
    }
    Ok(ready)
}

impl Ready {
    /// Writes the FIFOs and devices first, as they are the ones that can still fail (a full
    /// device), then moves every file into place.
    pub fn commit(self) -> Result<()> {
        let Ready {
            staged,
            through,
            _locks,
        } = self;
        for (file, bytes) in through {
            file.write_through(|out| Ok(out.write_all(&bytes)))?;
        }
        staged.into_iter().try_for_each(StagedFile::commit)
    }
}

#[cfg(test)]
mod tests {
    use std::fs;

    use super::*;
    use crate::output::Inputs;

    fn prepare(path: &Path) -> FileOutput {
        FileOutput::prepare(path, true, &Inputs::new([])).unwrap()
    }

    /// Two files of a run in one folder: staged under names of their own under one lock,
    /// neither is there until both are moved in, and a batch dropped leaves nothing.
    #[test]
    fn files_of_one_folder_are_written_all_or_none() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.csv"), dir.path().join("b.svg"));
        fs::write(&b, "old").unwrap();
        let files = || {
            vec![
                (prepare(&a), b"table".to_vec()),
                (prepare(&b), b"chart".to_vec()),
            ]
        };
        let ready = stage_all(files()).unwrap();
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 3);
        assert!(!a.exists());
        drop(ready);
        assert_eq!(fs::read_to_string(&b).unwrap(), "old");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        stage_all(files()).unwrap().commit().unwrap();
        assert_eq!(fs::read_to_string(&a).unwrap(), "table");
        assert_eq!(fs::read_to_string(&b).unwrap(), "chart");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn one_file_spelled_two_ways_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        let a = prepare(&dir.path().join("c.svg"));
        let b = prepare(&dir.path().join("sub/../c.svg"));
        let c = prepare(&dir.path().join("sub/c.svg"));
        assert!(apart(&[(&a, "--chart"), (&c, "--output")]).is_ok());
        let err = apart(&[(&a, "--chart"), (&b, "--output")]).unwrap_err();
        assert!(
            err.to_string().ends_with("give --output a file of its own"),
            "{err}"
        );
    }
}
