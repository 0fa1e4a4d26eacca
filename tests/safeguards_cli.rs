//! The mistakes of a hurried user at the edges of the program, each said in the user's words
//! and language: a semester written for the year, a word after a command that takes none, a
//! shell left out, the French help's headings, the manual's references, a convention file
//! written as French numbers are, a COPIL log exported in minutes.

mod common;

use common::{edited_convention, oleron_bill};

#[test]
fn a_semester_written_for_the_year_gets_the_command_that_bills_it() {
    let cases: [(&[&str], &str, &str); 4] = [
        (&["2021-S2"],
         "error: \"2021-S2\" is a semester, which goes in its own option: oleron-bill 2021 --semester 2 (see --help)",
         "error: \"2021-S2\" est un semestre, qui se donne par son option : oleron-bill 2021 --semester 2 (voir --help)"),
        (&["S2", "2021"],
         "error: \"S2 2021\" is a semester, which goes in its own option: oleron-bill 2021 --semester 2 (see --help)",
         "error: \"S2 2021\" est un semestre, qui se donne par son option : oleron-bill 2021 --semester 2 (voir --help)"),
        (&["S2"],
         "error: \"S2\" is a semester, which goes in its own option after the year: oleron-bill YEAR --semester 2 (see --help)",
         "error: \"S2\" est un semestre, qui se donne par son option après l'année : oleron-bill ANNÉE --semester 2 (voir --help)"),
        // The rest of the line is kept.
        (&["2021s1", "-f", "csv"],
         "error: \"2021s1\" is a semester, which goes in its own option: oleron-bill 2021 --semester 1 -f csv (see --help)",
         "error: \"2021s1\" est un semestre, qui se donne par son option : oleron-bill 2021 --semester 1 -f csv (voir --help)"),
    ];
    for (args, english, french) in cases {
        assert_eq!(oleron_bill(args).fails(2), english, "{args:?}");
        assert_eq!(oleron_bill(args).french().fails(2), french, "{args:?}");
    }
}

#[test]
fn a_word_after_a_command_that_takes_no_argument_is_named_as_an_argument() {
    let cases: [(&[&str], &str, &str); 3] = [
        (&["man", "check"],
         "error: `oleron-bill man` takes no argument, not \"check\" (the help of check: `oleron-bill help check`; it takes no option) (see --help)",
         "error: `oleron-bill man` ne prend aucun argument, pas \"check\" (l'aide de check : `oleron-bill help check` ; elle ne prend aucune option) (voir --help)"),
        (&["check", "2021"],
         "error: `oleron-bill check` takes no argument, not \"2021\" (its options: -c/--convention, -u/--usage, --sheet) (see --help)",
         "error: `oleron-bill check` ne prend aucun argument, pas \"2021\" (ses options : -c/--convention, -u/--usage, --sheet) (voir --help)"),
        (&["rebill", "2021", "--out-dir", "x", "2022"],
         "error: `oleron-bill rebill` takes only <YEAR>, not also \"2022\" (its options: --out-dir, -c/--convention, -u/--usage, --sheet, --csv-dialect, --force) (see --help)",
         "error: `oleron-bill rebill` ne prend que <ANNÉE>, pas aussi \"2022\" (ses options : --out-dir, -c/--convention, -u/--usage, --sheet, --csv-dialect, --force) (voir --help)"),
    ];
    for (args, english, french) in cases {
        assert_eq!(oleron_bill(args).fails(2), english, "{args:?}");
        assert_eq!(oleron_bill(args).french().fails(2), french, "{args:?}");
    }
}

#[test]
fn completions_without_a_shell_lists_the_shells() {
    assert_eq!(
        oleron_bill(&["completions"]).fails(2),
        "error: `oleron-bill completions` needs <SHELL>, one of: bash, elvish, fish, powershell, zsh (for example `oleron-bill completions bash`) (see --help)"
    );
    assert_eq!(
        oleron_bill(&["completions"]).french().fails(2),
        "error: `oleron-bill completions` demande <SHELL>, parmi : bash, elvish, fish, powershell, zsh (par exemple `oleron-bill completions bash`) (voir --help)"
    );
}

#[test]
fn the_manual_page_names_no_page_it_does_not_ship() {
    for french in [false, true] {
        let run = oleron_bill(&["man"]);
        let page = if french { run.french() } else { run }.stdout();
        // clap_mangen's default names `oleron\-bill\-check(1)`, a page no command writes.
        assert!(!page.contains("oleron\\-bill\\-"), "{page}");
        assert_eq!(page.matches("(1)").count(), 0, "{page}");
        for command in ["check", "convention", "rebill", "copil", "explain", "man"] {
            let named = format!(".TP\n\\fBoleron\\-bill {command}\\fR\n");
            assert!(page.contains(&named), "{command}: {page}");
        }
    }
}

#[test]
fn the_french_help_puts_a_space_before_every_heading_colon() {
    let help = oleron_bill(&["--help"]).french().stdout();
    for heading in [
        "\nUtilisation : oleron-bill [OPTIONS] [ANNÉE]\n",
        "\nCommandes :\n  check ",
        "\nArguments :\n  [ANNÉE] ",
        "\nOptions :\n  -s, --semester <N> ",
    ] {
        assert!(help.contains(heading), "{heading:?} in {help}");
    }
    for command in ["check", "rebill", "copil", "completions", "man"] {
        let help = oleron_bill(&["help", command]).french().stdout();
        assert!(help.contains("\nOptions :\n"), "{command}: {help}");
        assert!(!help.contains("s:\n"), "{command}: {help}");
    }
    // The English help keeps clap's headings.
    let help = oleron_bill(&["--help"]).stdout();
    for heading in ["\nUsage: oleron-bill", "\nCommands:\n", "\nArguments:\n", "\nOptions:\n"] {
        assert!(help.contains(heading), "{heading:?} in {help}");
    }
}
