//! `rebill --out-dir DIR`: a set of files that replaces the previous one in one step.
//!
//! The set is written into a new folder beside DIR, with links to the files of DIR that are not
//! part of the set (they are kept), synced, then exchanged with DIR in one rename (Linux's
//! `renameat2` with `RENAME_EXCHANGE`, macOS's `RENAME_SWAP`), and the old folder is removed.
//! Where the file system cannot exchange, DIR is first renamed aside to `.oleron-bill-old-DIR`,
//! then the new folder into its place; a kill between the two leaves DIR missing, and the next
//! run puts the old one back.

use std::collections::{BTreeMap, HashSet};
use std::ffi::{OsStr, OsString};
use std::fs::{self, File, OpenOptions, Permissions};
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};

use super::{
    exchange, lock, parent_of, remove, rename_noreplace, sync_folder, Inputs, Staged, OLD, STAGING,
};
use crate::error::{Error, Result};
use crate::messages::output as msg;
use crate::messages::run::{cannot_create_folder, cannot_keep, cannot_read, cannot_write};

/// A folder to write a set of files into, checked before anything is computed.
pub struct FolderOutput {
    /// The path the user gave, which messages show.
    shown: PathBuf,
}

/// What a folder holds already: its permissions, and its entries but what runs left there.
struct Existing {
    permissions: Permissions,
    entries: BTreeMap<OsString, Entry>,
}

enum Entry {
    /// A regular file, with its permissions.
    File(Permissions),
    /// A symbolic link (the link is replaced or kept, never what it points to).
    Link,
}

impl FolderOutput {
    /// Checks that `out_dir` is a folder holding only files, or nothing yet.
    pub fn prepare(out_dir: &Path) -> Result<Self> {
        let output = FolderOutput {
            shown: out_dir.to_path_buf(),
        };
        if fs::symlink_metadata(out_dir).is_ok() && fs::metadata(out_dir).is_err() {
            return Err(Error::Request(msg::folder_link_to_nothing(out_dir)));
        }
        output.scan(out_dir)?;
        Ok(output)
    }

    /// Refuses early, before anything is computed, a folder that already holds every file of
    /// the set named `names`, unless `force`. (A folder holding part of the set is judged by
    /// `write`, once the contents are known: an interrupted run may be completed.)
    pub fn check_free(&self, names: &[String], force: bool) -> Result<()> {
        let present = |name: &String| fs::symlink_metadata(self.shown.join(name)).is_ok();
        match names.first() {
            Some(first) if !force && names.iter().all(present) => Err(Error::Exists {
                path: self.shown.join(first),
            }),
            _ => Ok(()),
        }
    }

    /// Replaces the set of files `names` in the folder, the content of the `i`th made by
    /// `content(i)` when it is written, keeping the folder's other files. Without `force`,
    /// refuses if a file of the set exists, unless the folder holds part of the set exactly as
    /// it would be written (a run was interrupted). Returns the paths written.
    pub fn write(
        &self,
        names: &[String],
        mut content: impl FnMut(usize) -> Result<Vec<u8>>,
        force: bool,
        inputs: &Inputs,
    ) -> Result<Vec<PathBuf>> {
        let shown = &self.shown;
        let set = self.set_of(names)?;
        let failed = |action| Error::io(shown, action);
        let real = self.real_path()?;
        let (Some(parent), Some(_)) = (real.parent(), real.file_name()) else {
            return Err(Error::Request(msg::cannot_be_replaced(shown)));
        };
        let _lock = lock(parent, shown)?;
        let existing = self.scan(&real)?;

        let present: Vec<&str> = match &existing {
            Some(existing) => names
                .iter()
                .map(String::as_str)
                .filter(|name| existing.entries.contains_key(OsStr::new(name)))
                .collect(),
            None => Vec::new(),
        };
        for name in &present {
            inputs.refuse(&real.join(name), true, &shown.join(name))?;
        }
        let refused = |name: &str| {
            Err(Error::Exists {
                path: shown.join(name),
            })
        };
        if !force && !present.is_empty() && present.len() == names.len() {
            return refused(present[0]);
        }
        // Without `force`, a folder holding part of the set is completed only if each file of
        // it is as it would be written (a run was interrupted): checked as the files are made.
        let compare = !force && !present.is_empty();

        let staged = Staged::new(parent);
        fs::create_dir(&staged.path).map_err(failed(cannot_create_folder()))?;
        for (i, name) in names.iter().enumerate() {
            let bytes = content(i)?;
            let old = existing
                .as_ref()
                .and_then(|e| e.entries.get(OsStr::new(name)));
            let (replaced, as_written) = match old {
                None => (None, true),
                Some(Entry::File(permissions)) => (
                    Some(permissions),
                    !compare || fs::read(real.join(name)).is_ok_and(|b| b == bytes),
                ),
                Some(Entry::Link) => (None, false),
            };
            if compare && !as_written {
                return refused(name);
            }
            write_file(&staged.path.join(name), &bytes, replaced)
                .map_err(Error::io(&shown.join(name), cannot_write()))?;
        }
        if let Some(existing) = &existing {
            self.keep_others(existing, &set, &real, &staged.path)?;
        }
        // The files kept may be copies, where the file system has no links: synced too.
        sync_files(&staged.path).map_err(failed(cannot_write()))?;
        sync_folder(&staged.path).map_err(failed(cannot_write()))?;

        match existing {
            None => rename_noreplace(&staged.path, &real)
                .map(|()| staged.moved())
                .map_err(|e| match e.kind() {
                    io::ErrorKind::AlreadyExists => Error::Exists {
                        path: shown.clone(),
                    },
                    _ => failed(cannot_write())(e),
                })?,
            Some(_) => replace(staged, &real).map_err(failed(cannot_write()))?,
        }
        sync_folder(parent).map_err(failed(cannot_write()))?;
        Ok(names.iter().map(|name| shown.join(name)).collect())
    }

    /// Links (or copies) into `staged` the files of the folder `real` that are not of the `set`,
    /// and gives `staged` the folder's permissions.
    fn keep_others(
        &self,
        existing: &Existing,
        set: &HashSet<&OsStr>,
        real: &Path,
        staged: &Path,
    ) -> Result<()> {
        for (name, entry) in &existing.entries {
            if !set.contains(name.as_os_str()) {
                keep(&real.join(name), &staged.join(name), entry)
                    .map_err(Error::io(&self.shown.join(name), cannot_keep()))?;
            }
        }
        fs::set_permissions(staged, existing.permissions.clone())
            .map_err(Error::io(&self.shown, cannot_write()))
    }

    /// The names of the set, each a plain file name, none twice.
    fn set_of<'n>(&self, names: &'n [String]) -> Result<HashSet<&'n OsStr>> {
        let mut set = HashSet::new();
        for name in names {
            let mut parts = Path::new(name).components();
            let plain = matches!(
                (parts.next(), parts.next()),
                (Some(Component::Normal(_)), None)
            );
            if !plain || name.starts_with(STAGING) || !set.insert(OsStr::new(name)) {
                return Err(Error::Request(msg::not_a_file_name(&self.shown.join(name))));
            }
        }
        Ok(set)
    }

    /// The folder's path with every link of it resolved, its parent created if need be: where
    /// the new set is staged beside and swapped in.
    fn real_path(&self) -> Result<PathBuf> {
        let shown = &self.shown;
        let failed = |action| Error::io(shown, action);
        fs::create_dir_all(parent_of(shown)).map_err(failed(cannot_create_folder()))?;
        match fs::symlink_metadata(shown) {
            Ok(_) => fs::canonicalize(shown),
            Err(_) => fs::canonicalize(parent_of(shown))
                .map(|p| p.join(shown.file_name().unwrap_or(OsStr::new("")))),
        }
        .map_err(failed(cannot_write()))
    }

    /// What the folder `path` holds; refuses anything but files in it, which replacing the
    /// folder would lose.
    fn scan(&self, path: &Path) -> Result<Option<Existing>> {
        let shown = &self.shown;
        let failed = Error::io(shown, cannot_read());
        let meta = match fs::metadata(path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            meta => meta.map_err(failed)?,
        };
        if !meta.is_dir() {
            return Err(Error::Request(msg::not_a_folder(shown)));
        }
        if meta.permissions().readonly() {
            // Replacing it needs only the right to write in its parent: respect the marking.
            return Err(Error::Request(msg::read_only_folder(shown)));
        }
        let mut entries = BTreeMap::new();
        for entry in fs::read_dir(path).map_err(Error::io(shown, cannot_read()))? {
            let entry = entry.map_err(Error::io(shown, cannot_read()))?;
            let name = entry.file_name();
            if name.to_string_lossy().starts_with(STAGING) {
                // Left by an interrupted run of an earlier version: dropped with the old folder.
                continue;
            }
            let shown = shown.join(&name);
            let meta = entry.metadata().map_err(Error::io(&shown, cannot_read()))?;
            let kept = match meta.file_type() {
                t if t.is_file() => Entry::File(meta.permissions()),
                t if t.is_symlink() => Entry::Link,
                _ => {
                    return Err(Error::Request(msg::not_a_file_in_folder(
                        &shown,
                        &self.shown,
                    )))
                }
            };
            entries.insert(name, kept);
        }
        Ok(Some(Existing {
            permissions: meta.permissions(),
            entries,
        }))
    }
}

/// Puts the folder `staged` in the place of the folder `real`, in one step where the file system
/// can exchange them, and removes the old one.
fn replace(staged: Staged, real: &Path) -> io::Result<()> {
    if exchange(&staged.path, real)? {
        // The old folder, now at the staged path, is removed with it.
        return Ok(());
    }
    replace_by_renames(staged, real)
}

/// Renames `real` aside, then `staged` into its place: a run killed in between leaves the old
/// folder aside, which the next run puts back (`clean`).
fn replace_by_renames(staged: Staged, real: &Path) -> io::Result<()> {
    let mut aside = OsString::from(OLD);
    aside.push(real.file_name().unwrap_or_default());
    let aside = parent_of(real).join(aside);
    fs::rename(real, &aside)?;
    if let Err(e) = fs::rename(&staged.path, real) {
        fs::rename(&aside, real)?;
        return Err(e);
    }
    staged.moved();
    remove(&aside)
}

/// Writes a new file at `path`, with the permissions of the file it replaces if any, synced.
fn write_file(path: &Path, bytes: &[u8], replaced: Option<&Permissions>) -> io::Result<()> {
    let mut file = OpenOptions::new().write(true).create_new(true).open(path)?;
    file.write_all(bytes)?;
    if let Some(permissions) = replaced {
        file.set_permissions(permissions.clone())?;
    }
    Ok(())
}

/// Puts the files of `folder`, all written, on the disk.
fn sync_files(folder: &Path) -> io::Result<()> {
    // One call for them all where the file system is local and known to write everything
    // out: a sync per file costs seconds for the thousands of files of a large convention.
    // Network and FUSE file systems get one sync per file, which they pass on to the server.
    #[cfg(any(target_os = "linux", target_os = "android"))]
    if is_local(folder) {
        let folder = File::open(folder)?;
        return rustix::fs::syncfs(&folder).map_err(io::Error::from);
    }
    for entry in fs::read_dir(folder)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            File::open(entry.path())?.sync_all()?;
        }
    }
    Ok(())
}

/// Whether `folder` is on a local file system whose `syncfs` writes out every file.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn is_local(folder: &Path) -> bool {
    const LOCAL: [u64; 5] = [
        0xEF53,      // ext2, ext3, ext4
        0x5846_5342, // xfs
        0x9123_683E, // btrfs
        0xF2F5_2010, // f2fs
        0x0102_1994, // tmpfs
    ];
    rustix::fs::statfs(folder).is_ok_and(|s| LOCAL.contains(&(s.f_type as u64)))
}

/// Puts the file or link `from` of the old folder at `to` in the new one.
fn keep(from: &Path, to: &Path, entry: &Entry) -> io::Result<()> {
    match entry {
        // The same file, not a copy; a copy where the file system has no links.
        Entry::File(_) => fs::hard_link(from, to).or_else(|_| fs::copy(from, to).map(|_| ())),
        #[cfg(unix)]
        Entry::Link => std::os::unix::fs::symlink(fs::read_link(from)?, to),
        #[cfg(not(unix))]
        Entry::Link => Err(io::ErrorKind::Unsupported.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_an_exchange_the_new_folder_is_renamed_in_and_the_old_one_removed() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("out");
        fs::create_dir(&real).unwrap();
        fs::write(real.join("rebill-2021.csv"), "old").unwrap();
        let staged = Staged::new(dir.path());
        fs::create_dir(&staged.path).unwrap();
        fs::write(staged.path.join("rebill-2021.csv"), "new").unwrap();
        replace_by_renames(staged, &real).unwrap();
        assert_eq!(
            fs::read_to_string(real.join("rebill-2021.csv")).unwrap(),
            "new"
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
