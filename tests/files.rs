//! The files oleron-bill writes: a rebilling folder replaced whole or not at all, whatever
//! happens (kills, failures, runs at once), `--output` that never destroys what it should not,
//! and the standard output's failures.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{oleron_bill, repo_file};

fn binary() -> PathBuf {
    assert_cmd::cargo::cargo_bin("oleron-bill")
}

/// `rebill 2021` into `out`, with the example usage (`with_usage`) or without: two different
/// sets of the same twenty file names.
fn rebill(out: &Path, with_usage: bool) -> Command {
    let mut command = Command::new(binary());
    command
        .args(["rebill", "2021", "--force", "--out-dir"])
        .arg(out);
    if with_usage {
        command.arg("-u").arg(repo_file("examples/usage-2021.csv"));
    }
    command.stdout(Stdio::null()).stderr(Stdio::null());
    command
}

/// The files of folder `dir` by name, or `None` if there is no folder.
fn set_of(dir: &Path) -> Option<BTreeMap<String, Vec<u8>>> {
    let entries = fs::read_dir(dir).ok()?;
    Some(
        entries
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().into_string().unwrap(),
                    fs::read(e.path()).unwrap_or_default(),
                )
            })
            .collect(),
    )
}

/// Asserts that folder `dir` holds exactly the files `expected`, naming those that differ.
fn assert_set(dir: &Path, expected: &BTreeMap<String, Vec<u8>>) {
    let found = set_of(dir).expect("a folder");
    let differ: Vec<&String> = found
        .keys()
        .chain(expected.keys())
        .filter(|name| found.get(*name) != expected.get(*name))
        .collect();
    assert!(differ.is_empty(), "{} differ: {differ:?}", dir.display());
}

/// The names of the temporary files and folders in `dir` and its sub-folders.
fn leftovers(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with(".oleron-bill")
        {
            found.push(path.clone());
        }
        if path.is_dir() && !path.is_symlink() {
            found.extend(leftovers(&path));
        }
    }
    found
}

/// The two sets `rebill` writes, with and without the usage: twenty files each (the ledger, 8
/// statements, 8 PDFs, the 2 titres files, the client's statement).
fn reference_sets() -> (BTreeMap<String, Vec<u8>>, BTreeMap<String, Vec<u8>>) {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    assert!(rebill(&a, true).status().unwrap().success());
    assert!(rebill(&b, false).status().unwrap().success());
    let (a, b) = (set_of(&a).unwrap(), set_of(&b).unwrap());
    assert_eq!(a.len(), 20);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    assert_ne!(a, b);
    (a, b)
}

#[test]
fn a_killed_rebill_leaves_the_old_set_or_the_new_one() {
    let (a, b) = reference_sets();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    // How long a whole run takes here, so that the kills fall before, during and after writing.
    let started = Instant::now();
    assert!(rebill(&out, true).status().unwrap().success());
    let span = started.elapsed().as_micros() as u64 * 6 / 5 + 1;
    fs::remove_dir_all(&out).unwrap();

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos() as u64
        | 1;
    let mut random = seed;
    let mut complete = false;
    for run in 0..24 {
        // xorshift: a different moment each run; the seed is in the failure message.
        random ^= random << 13;
        random ^= random >> 7;
        random ^= random << 17;
        let mut child = rebill(&out, run % 2 == 0).spawn().unwrap();
        std::thread::sleep(Duration::from_micros(random % span));
        let _ = child.kill();
        child.wait().unwrap();
        match set_of(&out) {
            None => assert!(!complete, "run {run} (seed {seed}): the folder vanished"),
            Some(set) => {
                assert!(
                    set == a || set == b,
                    "run {run} (seed {seed}): a mixed or partial set: {:?}",
                    set.keys()
                );
                complete = true;
            }
        }
    }
    assert!(rebill(&out, false).status().unwrap().success());
    assert_set(&out, &b);
    assert_eq!(leftovers(dir.path()), Vec::<PathBuf>::new());
}

#[test]
fn rebills_at_once_into_one_folder_take_turns() {
    let (a, b) = reference_sets();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    for round in 0..6 {
        let mut first = rebill(&out, true).spawn().unwrap();
        let mut second = rebill(&out, false).spawn().unwrap();
        assert!(first.wait().unwrap().success());
        assert!(second.wait().unwrap().success());
        let set = set_of(&out).unwrap();
        assert!(set == a || set == b, "round {round}: {:?}", set.keys());
    }
    assert_eq!(leftovers(dir.path()), Vec::<PathBuf>::new());
}

#[test]
fn a_failure_midway_leaves_the_previous_set() {
    let (_, b) = reference_sets();
    let mut run = oleron_bill(&[
        "rebill",
        "2021",
        "-c",
        "edited.toml",
        "--force",
        "--out-dir",
        "out",
    ]);
    assert!(rebill(&run.file("out"), false).status().unwrap().success());
    // A member id too long for a file name: its statement, the last file, cannot be written.
    let long = "x".repeat(300);
    let text = fs::read_to_string(repo_file("conventions/oleron-2020-2022.toml")).unwrap();
    fs::write(
        run.file("edited.toml"),
        text.replace("saint-denis-d-oleron", &long),
    )
    .unwrap();
    let out = run.command_output();
    assert_ne!(out.code, Some(0), "{}", out.stderr);
    assert_set(&run.file("out"), &b);
    assert_eq!(leftovers(run.dir.path()), Vec::<PathBuf>::new());
}

#[test]
fn a_dangling_link_named_like_an_output_counts_as_existing() {
    let mut run = oleron_bill(&["rebill", "2021", "--out-dir", "out"]);
    fs::create_dir(run.file("out")).unwrap();
    std::os::unix::fs::symlink("nowhere", run.file("out/rebill-2021-dolus-d-oleron.txt")).unwrap();
    assert!(run.fails(2).ends_with(
        "out/rebill-2021-dolus-d-oleron.txt: already exists (use --force to replace it)"
    ));
    let names: Vec<_> = set_of(&run.file("out")).unwrap().into_keys().collect();
    assert_eq!(names, ["rebill-2021-dolus-d-oleron.txt"]);
}

#[test]
fn a_folder_in_the_way_replaces_nothing_even_with_force() {
    let (a, _) = reference_sets();
    let mut run = oleron_bill(&["rebill", "2021", "--force", "--out-dir", "out"]);
    let out = run.file("out");
    assert!(rebill(&out, true).status().unwrap().success());
    let statement = out.join("rebill-2021-la-bree-les-bains.txt");
    fs::remove_file(&statement).unwrap();
    fs::create_dir(&statement).unwrap();
    assert_eq!(
        run.fails(2),
        "error: out/rebill-2021-la-bree-les-bains.txt: is not a file; rebill replaces out as a \
         whole and keeps only the files beside its own (move it elsewhere)"
    );
    let mut expected = a;
    expected.insert("rebill-2021-la-bree-les-bains.txt".to_string(), Vec::new());
    assert_set(&out, &expected);
    assert!(statement.is_dir());
}

#[test]
fn a_read_only_folder_is_not_replaced() {
    use std::os::unix::fs::PermissionsExt;
    let (a, _) = reference_sets();
    let mut run = oleron_bill(&["rebill", "2021", "--force", "--out-dir", "out"]);
    let out = run.file("out");
    assert!(rebill(&out, true).status().unwrap().success());
    fs::set_permissions(&out, fs::Permissions::from_mode(0o555)).unwrap();
    assert_eq!(
        run.fails(2),
        "error: out: is read-only; make it writable to rebill into it"
    );
    assert_set(&out, &a);
    fs::set_permissions(&out, fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_plain_rerun_completes_an_interrupted_rebilling() {
    let (a, _) = reference_sets();
    let mut run = oleron_bill(&["rebill", "2021", "-u"])
        .arg(repo_file("examples/usage-2021.csv"))
        .arg("--out-dir")
        .arg("out");
    let out = run.file("out");
    // What a killed run of the previous version left: four files of the set and a temporary
    // file beside them; and what a killed run of this one leaves beside the folder.
    fs::create_dir(&out).unwrap();
    for (name, bytes) in a.iter().take(4) {
        fs::write(out.join(name), bytes).unwrap();
    }
    fs::write(out.join(".oleron-bill-Xy12Zq"), "partial").unwrap();
    fs::create_dir(run.file(".oleron-bill-new")).unwrap();
    fs::write(run.file(".oleron-bill-new/rebill-2021.csv"), "partial").unwrap();
    // A file of the user's, which is kept.
    fs::write(out.join("notes.txt"), "à garder").unwrap();
    run.stdout_with_warnings();
    let mut expected = a.clone();
    expected.insert("notes.txt".to_string(), "à garder".into());
    assert_set(&out, &expected);
    assert_eq!(leftovers(run.dir.path()), Vec::<PathBuf>::new());

    // A file that differs is not completed but refused.
    let name = a.keys().nth(2).unwrap();
    fs::remove_file(out.join(a.keys().nth(5).unwrap())).unwrap();
    fs::write(out.join(name), "changed by hand").unwrap();
    let mut again = oleron_bill(&["rebill", "2021", "-u"])
        .arg(repo_file("examples/usage-2021.csv"))
        .arg("--out-dir")
        .arg(&out);
    let before = set_of(&out);
    // The message names the file that differs, and nothing is changed or left behind.
    assert!(again.fails(2).ends_with(&format!(
        "out/{name}: already exists (use --force to replace it)"
    )));
    assert_eq!(set_of(&out), before);
    assert_eq!(leftovers(run.dir.path()), Vec::<PathBuf>::new());
}

#[test]
fn the_output_folder_is_checked_before_the_computation() {
    // Year 2023 has no day of service: the folder is refused before that is found.
    let mut run = oleron_bill(&["rebill", "2023", "--out-dir", "out"]).with_file("out", "");
    assert_eq!(
        run.fails(2),
        "error: out: is not a folder; name a folder to write into"
    );
    let mut run = oleron_bill(&["2023", "-o", "out"]).with_file("out", "");
    assert_eq!(
        run.fails(2),
        "error: out: already exists (use --force to replace it)"
    );
    // A folder holding a whole earlier rebilling is refused before the usage file is read:
    // the bad usage line would be reported otherwise.
    let mut run = oleron_bill(&["rebill", "2021", "--out-dir", "out"]);
    assert_eq!(run.stdout_with_warnings().0.lines().count(), 20);
    let mut rerun = oleron_bill(&["rebill", "2021", "--out-dir", "out", "-u", "u.csv"]).with_file(
        "u.csv",
        "date,member,service,quantity\n2021-03-15,nobody,amo,1\n",
    );
    fs::create_dir(rerun.file("out")).unwrap();
    for entry in fs::read_dir(run.file("out")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), rerun.file("out").join(entry.file_name())).unwrap();
    }
    assert_eq!(
        rerun.fails(2),
        "error: out/rebill-2021.csv: already exists (use --force to replace it)"
    );
}

/// `oleron-bill args` run by bash in `dir` under `umask`.
fn with_umask(dir: &Path, umask: &str, args: &[&str]) -> std::process::Output {
    Command::new("bash")
        .args(["-c", &format!("umask {umask} && exec \"$0\" \"$@\"")])
        .arg(binary())
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[test]
fn files_get_the_umask_permissions_and_replaced_ones_keep_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let at = |name: &str| dir.path().join(name);
    // umask 027: a new file is 0640 (0666 less 0027), a new folder 0750 (0777 less 0027).
    for args in [
        &["2021", "-o", "report.txt"][..],
        &["rebill", "2021", "--out-dir", "out"],
    ] {
        assert!(with_umask(dir.path(), "027", args).status.success());
    }
    assert_eq!(mode(&at("report.txt")), 0o640);
    assert_eq!(mode(&at("out")), 0o750);
    assert_eq!(mode(&at("out/rebill-2021.csv")), 0o640);
    assert_eq!(mode(&at("out/rebill-2021-dolus-d-oleron.txt")), 0o640);

    use std::os::unix::fs::PermissionsExt;
    let set = |name: &str, mode: u32| {
        fs::set_permissions(at(name), fs::Permissions::from_mode(mode)).unwrap()
    };
    set("report.txt", 0o604);
    set("out", 0o705);
    set("out/rebill-2021.csv", 0o604);
    for args in [
        &["2020", "-o", "report.txt", "--force"][..],
        &["rebill", "2021", "--out-dir", "out", "--force"],
    ] {
        assert!(with_umask(dir.path(), "022", args).status.success());
    }
    assert!(fs::read_to_string(at("report.txt"))
        .unwrap()
        .contains("2020"));
    assert_eq!(mode(&at("report.txt")), 0o604);
    assert_eq!(mode(&at("out")), 0o705);
    assert_eq!(mode(&at("out/rebill-2021.csv")), 0o604);
    assert_eq!(mode(&at("out/rebill-2021-dolus-d-oleron.txt")), 0o640);
}

#[test]
fn output_writes_through_a_fifo_rather_than_replacing_it() {
    use std::os::unix::fs::FileTypeExt;
    let run = oleron_bill(&["2021", "-s", "2", "-f", "csv", "--force", "-o", "fifo"]);
    let fifo = run.file("fifo");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || fs::read_to_string(fifo).unwrap())
    };
    let mut run = run;
    run.stdout();
    assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
    // The second semester of 2021: nine lines after the header.
    assert_eq!(reader.join().unwrap().lines().count(), 10);
}

#[test]
fn output_writes_through_a_device_rather_than_replacing_it() {
    use std::os::unix::fs::FileTypeExt;
    let mut run = oleron_bill(&["2021", "--force", "-o", "null"]);
    let null = run.file("null");
    // A node like /dev/null (character device 1, 3); only root may make one.
    if !Command::new("mknod")
        .arg(&null)
        .args(["c", "1", "3"])
        .stderr(Stdio::null())
        .status()
        .unwrap()
        .success()
    {
        eprintln!("not root: no device node to write through");
        return;
    }
    run.stdout();
    assert!(fs::symlink_metadata(&null)
        .unwrap()
        .file_type()
        .is_char_device());
}

#[test]
fn output_refuses_a_folder() {
    for force in [false, true] {
        let mut run = oleron_bill(&["2021", "-o", "out"]);
        if force {
            run = run.arg("--force");
        }
        fs::create_dir(run.file("out")).unwrap();
        assert_eq!(
            run.fails(2),
            "error: out: is a folder; name a file to write to"
        );
    }
}

#[test]
fn output_never_writes_over_an_input() {
    let usage = fs::read(repo_file("examples/usage-2021.csv")).unwrap();
    let convention = fs::read(repo_file("conventions/oleron-2020-2022.toml")).unwrap();
    for (output, refused) in [
        ("./u.csv", "u.csv"),
        ("link-to-usage", "u.csv"),
        ("hard-link-to-convention", "c.toml"),
    ] {
        let mut run =
            oleron_bill(&["2021", "-c", "c.toml", "-u", "u.csv", "--force", "-o"]).arg(output);
        fs::write(run.file("u.csv"), &usage).unwrap();
        fs::write(run.file("c.toml"), &convention).unwrap();
        std::os::unix::fs::symlink("u.csv", run.file("link-to-usage")).unwrap();
        fs::hard_link(run.file("c.toml"), run.file("hard-link-to-convention")).unwrap();
        assert_eq!(
            run.fails(2),
            format!(
                "error: {output}: is the input file {refused}; an input is never written over \
                 (name another output)"
            )
        );
        assert_eq!(fs::read(run.file("u.csv")).unwrap(), usage);
        assert_eq!(fs::read(run.file("c.toml")).unwrap(), convention);
    }

    // Nor in a rebilling folder.
    let mut run = oleron_bill(&[
        "rebill",
        "2021",
        "-u",
        "out/rebill-2021.csv",
        "--force",
        "--out-dir",
        "out",
    ]);
    fs::create_dir(run.file("out")).unwrap();
    fs::write(
        run.file("out/rebill-2021.csv"),
        "date,member,service,quantity\n",
    )
    .unwrap();
    assert!(run.fails(2).ends_with(
        "out/rebill-2021.csv: is the input file out/rebill-2021.csv; an input is never \
         written over (name another output)"
    ));
}

#[test]
fn messages_name_the_file_asked_for_not_a_temporary_one() {
    let mut run = oleron_bill(&["2021", "-o", "missing/out.csv"]);
    assert_eq!(
        run.fails(1),
        "error: missing/out.csv: cannot create: No such file or directory (os error 2)"
    );
}

#[test]
fn an_export_to_a_closed_standard_output_fails() {
    let run = |redirect: &str| {
        Command::new("bash")
            .args(["-c", &format!("exec \"$0\" 2021 -f csv {redirect}")])
            .arg(binary())
            .output()
            .unwrap()
    };
    let closed = run(">&-");
    assert_eq!(closed.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&closed.stderr),
        "error: <standard output>: cannot write: Bad file descriptor (os error 9)\n"
    );
    // Writing to /dev/null on purpose is no failure.
    let null = run(">/dev/null");
    assert_eq!(null.status.code(), Some(0));
    assert_eq!(null.stderr, b"");
}

#[test]
fn rebill_with_a_full_standard_output_writes_every_file_and_succeeds() {
    let dir = tempfile::tempdir().unwrap();
    let full = fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let status = Command::new(binary())
        .args(["rebill", "2021", "--out-dir", "out"])
        .current_dir(dir.path())
        .stdout(full)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0));
    assert_eq!(set_of(&dir.path().join("out")).unwrap().len(), 20);
}

#[test]
fn a_convention_file_over_1_mib_is_refused_unread() {
    let mut run = oleron_bill(&["check", "-c", "big.toml"]);
    // 1 MiB and one byte of line breaks.
    fs::write(run.file("big.toml"), "\n".repeat((1 << 20) + 1)).unwrap();
    assert_eq!(
        run.fails(2),
        "error: big.toml: larger than 1 MiB, the most a convention file may hold"
    );
    // Exactly 1 MiB is read, and found to lack what a convention needs.
    fs::write(run.file("big.toml"), "\n".repeat(1 << 20)).unwrap();
    let message = run.fails(2);
    assert!(!message.contains("1 MiB"), "{message}");
}

#[test]
fn an_output_that_fails_midway_leaves_the_old_file_and_one_error_line() {
    // Eighty years of CSV rows (about 200 kB), into a file that may not grow past 64 kB: bash
    // sets the limit (`ulimit -f`, in blocks of 1 kB) and ignores the signal it would send,
    // so that the write fails with EFBIG partway through.
    let dir = tempfile::tempdir().unwrap();
    let convention = common::edited_convention(dir.path(), "end = 2022-12-31", "end = 2099-12-31");
    fs::write(dir.path().join("out.csv"), "the old report").unwrap();
    let out = Command::new("bash")
        .args(["-c", "trap '' XFSZ; ulimit -f 64; exec \"$0\" \"$@\""])
        .arg(binary())
        .args(["-f", "csv", "-o", "out.csv", "--force", "-c"])
        .arg(&convention)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: out.csv: cannot write: File too large (os error 27)\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("out.csv")).unwrap(),
        "the old report"
    );
    // No temporary file is left beside it.
    let mut names: Vec<_> = set_of(dir.path()).unwrap().into_keys().collect();
    names.sort();
    assert_eq!(names, ["edited.toml", "out.csv"]);

    // A device that is full: the same one line, after the first rows.
    let mut run = oleron_bill(&["-f", "json", "-o", "/dev/full", "--force"]);
    assert_eq!(
        run.fails(1),
        "error: /dev/full: cannot write: No space left on device (os error 28)"
    );
}
