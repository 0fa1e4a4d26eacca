//! A small builder to run the binary and read its output, shared by the integration tests.
#![allow(dead_code)]

pub mod generate;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// `oleron-bill` with `args`, run from a fresh empty folder so that nothing depends on where
/// the tests are started.
pub struct Run {
    command: Command,
    pub dir: tempfile::TempDir,
}

pub fn oleron_bill(args: &[&str]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    let mut command = Command::cargo_bin("oleron-bill").unwrap();
    // In English whatever the machine's locale; `french()` asks for French.
    command
        .args(args)
        .current_dir(dir.path())
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8");
    Run { command, dir }
}

/// A file of the repository, by its path from the root.
pub fn repo_file(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// The embedded convention with `from` replaced by `to`, as a file in `dir`.
pub fn edited_convention(dir: &Path, from: &str, to: &str) -> PathBuf {
    let text = std::fs::read_to_string(repo_file("conventions/oleron-2020-2022.toml")).unwrap();
    assert!(text.contains(from), "{from:?} is not in the convention");
    let path = dir.join("edited.toml");
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    path
}

impl Run {
    /// Runs it in a French locale.
    pub fn french(mut self) -> Self {
        self.command.env("LANG", "fr_FR.UTF-8");
        self
    }

    pub fn arg(mut self, arg: impl AsRef<std::ffi::OsStr>) -> Self {
        self.command.arg(arg);
        self
    }

    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes `text` to `name` in the run's folder.
    pub fn with_file(self, name: &str, text: &str) -> Self {
        std::fs::write(self.file(name), text).unwrap();
        self
    }

    /// Runs it, expects success and an empty standard error, returns the standard output.
    pub fn stdout(&mut self) -> String {
        let output = self.command.output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            output.status.success(),
            "failed with {:?}: {stderr}",
            output.status.code()
        );
        assert_eq!(stderr, "");
        String::from_utf8(output.stdout).unwrap()
    }

    /// Runs it, expects success and only `warning:` lines on the standard error; returns the
    /// standard output and the warnings.
    pub fn stdout_with_warnings(&mut self) -> (String, String) {
        let output = self.command.output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(output.status.success(), "failed: {stderr}");
        assert!(
            stderr.lines().all(|l| l.starts_with("warning: ")),
            "{stderr}"
        );
        (String::from_utf8(output.stdout).unwrap(), stderr)
    }

    /// Runs it, expects exit code `code` and only `error:` lines (as many as it takes),
    /// returns them.
    pub fn fails_with_lines(&mut self, code: i32) -> String {
        let output = self.command.output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(code), "stderr: {stderr}");
        assert!(stderr.lines().all(|l| l.starts_with("error: ")), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        stderr
    }

    /// Runs it, expects exit code `code` and a one-line `error:` message, returns the message.
    pub fn fails(&mut self, code: i32) -> String {
        let output = self.command.output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(code), "stderr: {stderr}");
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        stderr.trim_end().to_string()
    }
}

/// The rows of a CSV text (after its header), as maps from column name to value.
pub fn csv_rows(text: &str, delimiter: u8) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            headers
                .iter()
                .map(String::from)
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

/// What a run printed, whatever its exit code.
pub struct Output {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn command_output(&mut self) -> Output {
        let output = self.command.output().unwrap();
        Output {
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).unwrap(),
            stderr: String::from_utf8(output.stderr).unwrap(),
        }
    }
}

/// What the README or a chapter of `docs/` shows after `$ <command>` in one of its examples,
/// up to the end of the block: what the program must print.
pub fn readme_example(command: &str) -> String {
    let start = format!("$ {command}\n");
    let mut pages = vec![repo_file("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(repo_file("docs"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    let text = pages
        .iter()
        .map(|page| std::fs::read_to_string(page).unwrap())
        .find(|text| text.contains(&start))
        .unwrap_or_else(|| panic!("neither the README nor docs/ has an example `$ {command}`"));
    let (_, after) = text.split_once(&start).unwrap();
    after.split_once("```").unwrap().0.to_string()
}

/// A convention of the same kind elsewhere: three communes of the Île de Ré with keys of one
/// decimal, an advisor at half time for 40 000 € a year, the client keeping 40 %.
pub const ILE_DE_RE: &str = r#"
[convention]
name = "Conseiller mutualisé — Île de Ré"
provider = "Prestataire"
client = "cdc-re"
start = 2023-01-01
end = 2024-12-31

[cost]
label = "Conseiller"
annual = 40000
fte = 50

[split]
client_share = 40

[[member]]
id = "cdc-re"
name = "Cdc de l'île de Ré"

[[member]]
id = "ars"
name = "Ars-en-Ré"
key = 33.3

[[member]]
id = "la-flotte"
name = "La Flotte"
key = 33.3

[[member]]
id = "saint-martin"
name = "Saint-Martin-de-Ré"
key = 33.4
"#;

/// The text of every page of a PDF, its line breaks and spacing folded to single spaces.
pub fn pdf_text(bytes: &[u8]) -> String {
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let text = doc.extract_text(&pages).unwrap();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
