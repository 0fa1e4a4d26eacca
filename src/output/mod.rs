//! Where results go: the standard output, where a closed pipe ends the program quietly, or files
//! that are written whole or not at all.
//!
//! A file (`file`) or a rebilling folder (`folder`) is first written beside its destination
//! under a name starting with `.oleron-bill-`, synced, then renamed into place, and the folder
//! that holds it synced, so that a crash or a kill leaves the old version or the new one. Meanwhile
//! the run holds a lock on that folder, so that two runs writing into it take turns, and the
//! first thing it does under the lock is to remove what a killed run left there.

mod batch;
mod file;
mod folder;

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

pub use batch::{apart, stage_all, Ready};
pub use file::FileOutput;
pub use folder::FolderOutput;

use crate::error::{Error, Result};
use crate::messages::output as msg;
use crate::messages::run::{cannot_lock_folder, cannot_put_back_folder, cannot_read, cannot_write};

/// How the names of what is being written start: `.oleron-bill-new-PID` is the file or folder
/// being written, `.oleron-bill-old-NAME` a folder `NAME` set aside while its replacement is
/// moved in.
const STAGING: &str = ".oleron-bill-";
const NEW: &str = ".oleron-bill-new-";
const OLD: &str = ".oleron-bill-old-";

/// The bytes gathered before a write to a file or the standard output.
const BUFFER: usize = 64 * 1024;

/// Writes `bytes` to the standard output. A reader that went away (`| head`) is not an error; a
/// standard output that was closed when the program started is.
pub fn to_stdout(bytes: &[u8]) -> Result<()> {
    stdout_with(|out| Ok(out.write_all(bytes)))
}

/// Writes what `write` writes into the writer it is given to the standard output, as it comes,
/// as `to_stdout` does; `write` stops at the first error of its writer (as in `Export::write`).
pub fn stdout_with(write: impl FnOnce(&mut dyn Write) -> Result<io::Result<()>>) -> Result<()> {
    let failed = Error::io(Path::new(msg::stdout_name()), cannot_write());
    if stdout_was_closed() {
        return Err(failed(io::Error::from_raw_os_error(9 /* EBADF */)));
    }
    match file::write_through(io::stdout().lock(), write)? {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(failed(e)),
        _ => Ok(()),
    }
}

/// Writes each warning on the standard error, after `warning: `, with its control characters
/// escaped. A standard error that cannot be written to is no reason to fail: the warnings
/// change nothing computed.
pub fn warn(warnings: &[String]) {
    let mut stderr = io::stderr().lock();
    for warning in warnings {
        let _ = writeln!(
            stderr,
            "warning: {}",
            crate::error::escape_controls(warning)
        );
    }
}

/// Whether the standard output was closed (`>&-`) when the program started. The standard library
/// then opens /dev/null in its place, read-write, so that writing to it silently succeeds; a
/// shell's `>/dev/null` opens it write-only.
#[cfg(unix)]
fn stdout_was_closed() -> bool {
    use rustix::fs::{fcntl_getfl, fstat, stat, FileType, OFlags};
    use std::os::fd::AsFd;
    let out = io::stdout();
    let (Ok(flags), Ok(file), Ok(null)) = (
        fcntl_getfl(out.as_fd()),
        fstat(out.as_fd()),
        stat("/dev/null"),
    ) else {
        return false;
    };
    flags & OFlags::RWMODE == OFlags::RDWR
        && FileType::from_raw_mode(file.st_mode) == FileType::CharacterDevice
        && file.st_rdev == null.st_rdev
}

#[cfg(not(unix))]
fn stdout_was_closed() -> bool {
    false
}

/// The files a run reads, which it must never write over.
pub struct Inputs(Vec<(PathBuf, Identity)>);

#[cfg(unix)]
type Identity = (u64, u64);
#[cfg(not(unix))]
type Identity = PathBuf;

/// Which file `path` is (device and inode), whatever name it is reached by; `None` if there is
/// none. Symbolic links are followed unless `of_link`.
fn identity(path: &Path, of_link: bool) -> Option<Identity> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let meta = if of_link {
            fs::symlink_metadata(path)
        } else {
            fs::metadata(path)
        };
        meta.ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = of_link;
        fs::canonicalize(path).ok()
    }
}

impl Inputs {
    pub fn new<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Self {
        Inputs(
            paths
                .into_iter()
                .filter_map(|p| Some((p.to_path_buf(), identity(p, false)?)))
                .collect(),
        )
    }

    /// Refuses to write to `path` (shown as `shown`) if it is one of the inputs.
    fn refuse(&self, path: &Path, of_link: bool, shown: &Path) -> Result<()> {
        let Some(id) = identity(path, of_link) else {
            return Ok(());
        };
        match self.0.iter().find(|(_, input)| *input == id) {
            Some((input, _)) => Err(Error::Request(msg::is_an_input(shown, input))),
            None => Ok(()),
        }
    }
}

/// A lock on a folder: the other runs writing into it wait until it is dropped.
struct FolderLock {
    _file: File,
}

/// Locks `folder` (shown as `shown` in messages), then removes what killed runs left in it.
fn lock(folder: &Path, shown: &Path) -> Result<FolderLock> {
    #[cfg(unix)]
    let file = File::open(folder);
    // Elsewhere a folder cannot be opened as a file: a lock file stands for it.
    #[cfg(not(unix))]
    let file = fs::OpenOptions::new()
        .create(true)
        .write(true)
        .open(folder.join(".oleron-bill.lock"));
    let file = file
        .and_then(|f| f.lock().map(|()| f))
        .map_err(Error::io(shown, cannot_lock_folder()))?;
    clean(folder)?;
    Ok(FolderLock { _file: file })
}

/// Removes what runs killed while writing into `folder` left there, and puts back a folder that
/// was set aside when its replacement never came.
fn clean(folder: &Path) -> Result<()> {
    let unread = || Error::io(folder, cannot_read());
    for entry in fs::read_dir(folder).map_err(unread())? {
        let entry = entry.map_err(unread())?;
        let name = entry.file_name();
        let Some(name) = name.to_str().filter(|n| n.starts_with(STAGING)) else {
            continue;
        };
        let path = entry.path();
        if let Some(target) = name.strip_prefix(OLD) {
            let target = folder.join(target);
            if fs::symlink_metadata(&target).is_err() {
                fs::rename(&path, &target).map_err(Error::io(&path, cannot_put_back_folder()))?;
                continue;
            }
        }
        // What cannot be removed (another user's, in a shared folder) is left alone: each run
        // writes under a name of its own.
        let _ = remove(&path);
    }
    Ok(())
}

/// Removes the file or folder at `path`.
fn remove(path: &Path) -> io::Result<()> {
    match fs::symlink_metadata(path)?.is_dir() {
        true => fs::remove_dir_all(path),
        false => fs::remove_file(path),
    }
}

/// A file or folder being written, removed when dropped unless it was moved into place.
struct Staged {
    path: PathBuf,
    moved: bool,
}

impl Staged {
    /// The name in `folder` of what this run writes: `NEW` and the process id, and after the
    /// first a number, for the files of one run may share a folder.
    fn new(folder: &Path) -> Self {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static MADE: AtomicUsize = AtomicUsize::new(0);
        let name = match MADE.fetch_add(1, Ordering::Relaxed) {
            0 => format!("{NEW}{}", std::process::id()),
            n => format!("{NEW}{}-{n}", std::process::id()),
        };
        Staged {
            path: folder.join(name),
            moved: false,
        }
    }

    /// Keeps it: it was moved into place.
    fn moved(mut self) {
        self.moved = true;
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.moved {
            // Whatever remains is removed by the next run.
            let _ = remove(&self.path);
        }
    }
}

/// Makes the renames in `folder` survive a power cut.
fn sync_folder(folder: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(folder)?.sync_all()?;
    #[cfg(not(unix))]
    let _ = folder;
    Ok(())
}

/// Renames `from` to `to` unless `to` exists (then fails with `AlreadyExists`).
fn rename_noreplace(from: &Path, to: &Path) -> io::Result<()> {
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        match renameat_with(CWD, from, CWD, to, RenameFlags::NOREPLACE) {
            Err(e) if unsupported(e) => {}
            done => return done.map_err(io::Error::from),
        }
    }
    // Without the kernel's help, another program could slip a file in between.
    if fs::symlink_metadata(to).is_ok() {
        return Err(io::ErrorKind::AlreadyExists.into());
    }
    fs::rename(from, to)
}

/// Exchanges `a` and `b` in one step; `Ok(false)` where the system or file system cannot.
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    #[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
            Err(e) if unsupported(e) => {}
            done => return done.map(|()| true).map_err(io::Error::from),
        }
    }
    let _ = (a, b);
    Ok(false)
}

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn unsupported(e: rustix::io::Errno) -> bool {
    use rustix::io::Errno;
    [Errno::INVAL, Errno::NOSYS, Errno::NOTSUP, Errno::OPNOTSUPP].contains(&e)
}

/// The folder `path` is in.
fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftovers_are_removed_and_a_folder_set_aside_is_put_back() {
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str| dir.path().join(name);
        fs::write(at(".oleron-bill-new-1"), "partial").unwrap();
        fs::create_dir(at(".oleron-bill-old-gone")).unwrap();
        fs::write(at(".oleron-bill-old-gone/rebill-2021.csv"), "old").unwrap();
        fs::create_dir(at(".oleron-bill-old-here")).unwrap();
        fs::create_dir(at("here")).unwrap();
        fs::write(at("mine.txt"), "kept").unwrap();
        drop(lock(dir.path(), dir.path()).unwrap());
        let mut names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        assert_eq!(names, ["gone", "here", "mine.txt"]);
        assert_eq!(
            fs::read_to_string(at("gone/rebill-2021.csv")).unwrap(),
            "old"
        );
    }

    #[test]
    fn an_exchange_swaps_two_folders() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        fs::write(a.join("x"), "a").unwrap();
        if exchange(&a, &b).unwrap() {
            assert_eq!(fs::read_to_string(b.join("x")).unwrap(), "a");
            assert!(!a.join("x").exists());
        }
        assert!(matches!(
            rename_noreplace(&a, &b).map_err(|e| e.kind()),
            Err(io::ErrorKind::AlreadyExists)
        ));
    }
}
