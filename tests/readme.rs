//! Every example of the README and of the chapters of `docs/` that shows a command
//! (`$ oleron-bill …`) is run, and what it prints compared with what the page shows: the
//! standard output, or the standard error when the page shows `error:` lines. A line `...` in
//! a page stands for any number of lines. The commands of one block run in turn in one folder,
//! so that a block may show a file the command before wrote with `$ cat FILE`.

mod common;

use std::path::Path;
use std::process::Command;

use common::repo_file;

/// A command of a page and what the page shows after it.
struct Example {
    /// The page and the line of the command, `docs/usage.md:12`.
    place: String,
    /// Which block of its page it is in: the commands of a block share a folder.
    block: (String, usize),
    command: String,
    shown: Vec<String>,
}

/// The README, then the chapters of `docs/` in the order of their names.
fn pages() -> Vec<String> {
    let mut docs: Vec<String> = std::fs::read_dir(repo_file("docs"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".md"))
        .map(|name| format!("docs/{name}"))
        .collect();
    docs.sort();
    let mut pages = vec!["README.md".to_string()];
    pages.extend(docs);
    pages
}

fn examples_of(page: &str) -> Vec<Example> {
    let text = std::fs::read_to_string(repo_file(page)).unwrap();
    let mut examples: Vec<Example> = Vec::new();
    let mut in_block = false;
    let mut blocks = 0;
    // The line of the command whose output the block's next lines are, if any.
    let mut showing: Option<usize> = None;
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("```") {
            in_block = !in_block;
            blocks += usize::from(in_block);
            showing = None;
            continue;
        }
        if !in_block {
            continue;
        }
        match line.strip_prefix("$ ") {
            Some(command) if command.contains("oleron-bill") || command.starts_with("cat ") => {
                examples.push(Example {
                    place: format!("{page}:{}", i + 1),
                    block: (page.to_string(), blocks),
                    command: command.to_string(),
                    shown: Vec::new(),
                });
                showing = Some(examples.len() - 1);
            }
            _ => {
                if let Some(index) = showing {
                    examples[index].shown.push(line.to_string());
                }
            }
        }
    }
    examples
}

fn examples() -> Vec<Example> {
    pages().iter().flat_map(|page| examples_of(page)).collect()
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

/// What `command` prints, run in `dir`: the standard error when `shown` starts with an
/// `error:` or a `warning:` line, else the standard output.
fn printed(command: &str, shown: &[String], dir: &Path, place: &str) -> String {
    if let Some(file) = command.strip_prefix("cat ") {
        return std::fs::read_to_string(dir.join(file.trim()))
            .unwrap_or_else(|e| panic!("{place}: `{command}`: {e}"));
    }
    let binary = assert_cmd::cargo::cargo_bin("oleron-bill");
    let mut words = command.split_whitespace().peekable();
    let mut run = Command::new(&binary);
    run.current_dir(dir)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8");
    while let Some((name, value)) = words.peek().and_then(|w| w.split_once('=')) {
        run.env(name, value);
        words.next();
    }
    assert_eq!(words.next(), Some("oleron-bill"), "{place}");
    let output = run.args(words).output().unwrap();
    let on_stderr = |l: &String| l.starts_with("error:") || l.starts_with("warning:");
    let printed = if shown.first().is_some_and(on_stderr) {
        output.stderr
    } else {
        output.stdout
    };
    String::from_utf8_lossy(&printed).into_owned()
}

#[test]
fn every_command_of_the_readme_and_the_docs_prints_what_they_show() {
    let examples = examples();
    assert!(
        examples.len() >= 8,
        "only {} examples found",
        examples.len()
    );
    let mut folder: Option<((String, usize), tempfile::TempDir)> = None;
    for example in examples {
        if folder
            .as_ref()
            .is_none_or(|(block, _)| *block != example.block)
        {
            let dir = tempfile::tempdir().unwrap();
            with_examples(dir.path());
            folder = Some((example.block.clone(), dir));
        }
        let dir = folder.as_ref().unwrap().1.path();
        let printed = printed(&example.command, &example.shown, dir, &example.place);
        let lines: Vec<&str> = printed.lines().collect();
        assert!(
            matches(&example.shown, &lines),
            "{}: `{}` prints\n{printed}\nbut the page shows\n{}",
            example.place,
            example.command,
            example.shown.join("\n")
        );
    }
}

#[test]
fn the_readme_and_the_docs_have_examples() {
    let examples = examples();
    for page in ["README.md", "docs/usage.md", "docs/errors.md"] {
        assert!(
            examples.iter().any(|e| e.block.0 == page),
            "{page} shows no command"
        );
    }
}
