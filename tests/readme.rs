//! Every example of the README that shows a command (`$ oleron-bill …`) is run, and what it
//! prints compared with what the README shows: the standard output, or the standard error when
//! the README shows `error:` lines. A line `...` in the README stands for any number of lines.

mod common;

use std::path::Path;
use std::process::Command;

use common::repo_file;

/// A command of the README and what it shows after it.
struct Example {
    line: usize,
    command: String,
    shown: Vec<String>,
}

fn examples() -> Vec<Example> {
    let readme = std::fs::read_to_string(repo_file("README.md")).unwrap();
    let mut examples: Vec<Example> = Vec::new();
    let mut in_block = false;
    for (i, line) in readme.lines().enumerate() {
        if line.starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if !in_block {
            continue;
        }
        match line.strip_prefix("$ ") {
            Some(command) if command.contains("oleron-bill") => examples.push(Example {
                line: i + 1,
                command: command.to_string(),
                shown: Vec::new(),
            }),
            _ => {
                if let Some(last) = examples.last_mut().filter(|e| e.line < i + 1) {
                    // Only the lines of the block the command opened.
                    if last.shown.len() + last.line == i {
                        last.shown.push(line.to_string());
                    }
                }
            }
        }
    }
    examples
}

/// Whether `actual` is what `shown` shows, `...` standing for any lines.
fn matches(shown: &[String], actual: &[&str]) -> bool {
    match shown.split_first() {
        None => actual.is_empty(),
        Some((first, rest)) if first == "..." => {
            (0..=actual.len()).any(|skip| matches(rest, &actual[skip..]))
        }
        Some((first, rest)) => {
            actual
                .first()
                .is_some_and(|a| a.trim_end() == first.trim_end())
                && matches(rest, &actual[1..])
        }
    }
}

/// Copies the repository's examples into `dir`, so that commands can name them.
fn with_examples(dir: &Path) {
    std::fs::create_dir(dir.join("examples")).unwrap();
    for entry in std::fs::read_dir(repo_file("examples")).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.join("examples").join(entry.file_name())).unwrap();
    }
}

#[test]
fn every_command_of_the_readme_prints_what_the_readme_shows() {
    let examples = examples();
    assert!(
        examples.len() >= 8,
        "only {} examples found",
        examples.len()
    );
    let binary = assert_cmd::cargo::cargo_bin("oleron-bill");
    for example in examples {
        let dir = tempfile::tempdir().unwrap();
        with_examples(dir.path());
        let mut words = example.command.split_whitespace().peekable();
        let mut command = Command::new(&binary);
        command
            .current_dir(dir.path())
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8");
        while let Some((name, value)) = words.peek().and_then(|w| w.split_once('=')) {
            command.env(name, value);
            words.next();
        }
        assert_eq!(words.next(), Some("oleron-bill"), "line {}", example.line);
        let output = command.args(words).output().unwrap();
        let printed = if example
            .shown
            .first()
            .is_some_and(|l| l.starts_with("error:"))
        {
            output.stderr
        } else {
            output.stdout
        };
        let printed = String::from_utf8_lossy(&printed).into_owned();
        let lines: Vec<&str> = printed.lines().collect();
        assert!(
            matches(&example.shown, &lines),
            "README line {}: `{}` prints\n{printed}\nbut the README shows\n{}",
            example.line,
            example.command,
            example.shown.join("\n")
        );
    }
}
