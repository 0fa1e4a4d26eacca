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
fn a_semester_written_for_the_year_of_explain_or_copil_gets_the_line_with_semester() {
    let cases: [(&[&str], &str, &str); 3] = [
        (&["explain", "2021-S2"],
         "error: \"2021-S2\" is a semester, which goes in its own option: oleron-bill explain 2021 --semester 2 (see --help)",
         "error: \"2021-S2\" est un semestre, qui se donne par son option : oleron-bill explain 2021 --semester 2 (voir --help)"),
        // The rest of the line is kept, the options of the command too.
        (&["copil", "2021-S1", "--interventions", "x"],
         "error: \"2021-S1\" is a semester, which goes in its own option: oleron-bill copil 2021 --semester 1 --interventions x (see --help)",
         "error: \"2021-S1\" est un semestre, qui se donne par son option : oleron-bill copil 2021 --semester 1 --interventions x (voir --help)"),
        (&["explain", "S2"],
         "error: \"S2\" is a semester, which goes in its own option after the year: oleron-bill explain YEAR --semester 2 (see --help)",
         "error: \"S2\" est un semestre, qui se donne par son option après l'année : oleron-bill explain ANNÉE --semester 2 (voir --help)"),
    ];
    for (args, english, french) in cases {
        assert_eq!(oleron_bill(args).fails(2), english, "{args:?}");
        assert_eq!(oleron_bill(args).french().fails(2), french, "{args:?}");
    }
    // `rebill` bills both semesters and takes no `--semester`: nothing to suggest.
    assert_eq!(
        oleron_bill(&["rebill", "2021-S2"]).fails(2),
        "error: invalid value '2021-S2' for '<YEAR>': a year is a number such as 2021, not \"2021-S2\" (see --help)"
    );
}

#[test]
fn options_that_cannot_go_together_or_twice_are_refused_in_the_users_language() {
    let cases: [(&[&str], &str, &str); 2] = [
        (&["rebill", "2021", "--no-usage", "-u", "u.csv", "--out-dir", "x"],
         "error: the argument '--no-usage' cannot be used with '--usage <FILE>' (see --help)",
         "error: l'argument '--no-usage' ne peut pas être donné avec '--usage <FICHIER>' (voir --help)"),
        (&["2021", "-f", "csv", "-f", "json"],
         "error: the argument '--format <FORMAT>' cannot be used multiple times (see --help)",
         "error: l'argument '--format <FORMAT>' ne peut être donné qu'une fois (voir --help)"),
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
         "error: `oleron-bill rebill` takes only <YEAR>, not also \"2022\" (its options: --out-dir, -c/--convention, -u/--usage, --sheet, --csv-dialect, --no-usage, --force) (see --help)",
         "error: `oleron-bill rebill` ne prend que <ANNÉE>, pas aussi \"2022\" (ses options : --out-dir, -c/--convention, -u/--usage, --sheet, --csv-dialect, --no-usage, --force) (voir --help)"),
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
    for heading in [
        "\nUsage: oleron-bill",
        "\nCommands:\n",
        "\nArguments:\n",
        "\nOptions:\n",
    ] {
        assert!(help.contains(heading), "{heading:?} in {help}");
    }
}

/// The convention with `from` replaced by `to`, checked in English and in French: the two
/// error lines.
fn convention_error(from: &str, to: &str) -> (String, String) {
    let mut run = oleron_bill(&["check", "-c", "edited.toml"]);
    edited_convention(run.dir.path(), from, to);
    let english = run.fails(2);
    let mut run = oleron_bill(&["check", "-c", "edited.toml"]).french();
    edited_convention(run.dir.path(), from, to);
    (english, run.fails(2))
}

#[test]
fn a_french_decimal_comma_in_the_convention_says_to_write_a_point() {
    // Saint-Denis's key, line 106 of conventions/oleron-2020-2022.toml; the reader stops at the
    // comma, column 9.
    assert_eq!(
        convention_error("key = 18.5", "key = 18,5"),
        (
            "error: edited.toml:106:9: `key = 18,5`: a number takes a decimal point, not a comma: write `key = 18.5` (TOML reader: unexpected key or value, expected newline, `#`)".to_string(),
            "error: edited.toml:106:9: `key = 18,5` : un nombre s'écrit avec un point décimal, pas une virgule : écrivez `key = 18.5` (lecteur TOML : unexpected key or value, expected newline, `#`)".to_string(),
        )
    );
    // A key that takes text (the Cdc's name, line 56) may also be quoted.
    assert_eq!(
        convention_error("name = \"Cdc de l'île d'Oléron\"", "name = 18,5").0,
        "error: edited.toml:56:10: `name = 18,5`: a number takes a decimal point, not a comma: write `name = 18.5`, or `name = \"18,5\"` if it is meant as text (TOML reader: unexpected key or value, expected newline, `#`)"
    );
}

#[test]
fn thousands_of_decimal_commas_are_refused_at_the_first_without_reading_the_file_again() {
    // Saint-Denis's key (line 106) then eight thousand more commas: the explanation of the first
    // used to read the file again with it quoted, which stopped at the next comma and explained
    // it the same way, one level deeper each time, until the stack overflowed.
    let more: String = (0..8000).map(|i| format!("k{i} = 1,5\n")).collect();
    let (english, french) = convention_error("key = 18.5", &format!("key = 18,5\n{more}"));
    assert_eq!(
        english,
        "error: edited.toml:106:9: `key = 18,5`: a number takes a decimal point, not a comma: write `key = 18.5` (TOML reader: unexpected key or value, expected newline, `#`)"
    );
    assert!(
        french.starts_with("error: edited.toml:106:9: `key = 18,5` : "),
        "{french}"
    );
    // The Cdc's name (line 56), a text, may still be quoted when more commas follow.
    let (english, _) = convention_error(
        "name = \"Cdc de l'île d'Oléron\"",
        &format!("name = 18,5\n{more}"),
    );
    assert_eq!(
        english,
        "error: edited.toml:56:10: `name = 18,5`: a number takes a decimal point, not a comma: write `name = 18.5`, or `name = \"18,5\"` if it is meant as text (TOML reader: unexpected key or value, expected newline, `#`)"
    );
}

#[test]
fn a_long_value_is_quoted_cut_in_a_toml_error() {
    // The Cdc's name (line 56) unquoted and a hundred thousand characters long: sixty are
    // quoted, then an ellipsis; the reader's words do not echo it.
    let long = format!("Dolus{}", "x".repeat(100_000));
    let (english, french) = convention_error(
        "name = \"Cdc de l'île d'Oléron\"",
        &format!("name = {long}"),
    );
    let cut = format!("Dolus{}…", "x".repeat(55));
    assert_eq!(
        english,
        format!("error: edited.toml:56:8: a text is written between quotes: `name = \"{cut}\"` (TOML reader: string values must be quoted, expected literal string)")
    );
    assert_eq!(
        french,
        format!("error: edited.toml:56:8: un texte s'écrit entre guillemets : `name = \"{cut}\"` (lecteur TOML : string values must be quoted, expected literal string)")
    );
    // The start date (line 10) as French text followed by a hundred thousand characters: the
    // line written is cut after sixty characters, the value the reader quotes after sixty too.
    let (english, french) = convention_error(
        "start = 2020-01-01",
        &format!("start = \"01/01/2020{}\"", "x".repeat(100_000)),
    );
    let written = format!("start = \"01/01/2020{}…", "x".repeat(41));
    let value = format!("01/01/2020{}…", "x".repeat(50));
    assert_eq!(
        english,
        format!("error: edited.toml:10:9: `{written}`: a date is written year first, without quotes, like 2021-12-31 (TOML reader: invalid type: string \"{value}\", expected a TOML datetime)")
    );
    assert_eq!(
        french,
        format!("error: edited.toml:10:9: `{written}` : une date s'écrit l'année d'abord, sans guillemets, comme 2021-12-31 (lecteur TOML : invalid type: string \"{value}\", expected a TOML datetime)")
    );
}

#[test]
fn a_single_bracketed_member_says_to_write_two_brackets() {
    // Dolus's table, line 77, written `[member]`: the reader sees `member` twice at the next
    // `[[member]]` (line 83), the mistake is named at line 77.
    let from = "[[member]]\nid = \"dolus-d-oleron\"";
    let to = "[member]\nid = \"dolus-d-oleron\"";
    assert_eq!(
        convention_error(from, to),
        (
            "error: edited.toml:77:1: `[member]` opens a single table, where each item of the list is a table of its own: write `[[member]]`, with two brackets, before each (TOML reader: duplicate key)".to_string(),
            "error: edited.toml:77:1: `[member]` ouvre une table unique, alors que chaque élément de la liste est une table à part : écrivez `[[member]]`, avec deux crochets, avant chacun (lecteur TOML : duplicate key)".to_string(),
        )
    );
}

#[test]
fn every_toml_error_is_explained_in_the_users_language_before_the_readers_words() {
    let cases = [
        // Saint-Denis's key (line 106) as text without quotes, or with a thousands space.
        ("key = 18.5", "key = dix", "106:7: a text is written between quotes: `key = \"dix\"` (TOML reader: string values must be quoted, expected literal string)",
         "106:7: un texte s'écrit entre guillemets : `key = \"dix\"` (lecteur TOML : string values must be quoted, expected literal string)"),
        ("annual = \"45000.00\"", "annual = 45 000", "37:10: `45 000`: a number is written without spaces: write `45000` (TOML reader: string values must be quoted, expected literal string)",
         "37:10: `45 000` : un nombre s'écrit sans espaces : écrivez `45000` (lecteur TOML : string values must be quoted, expected literal string)"),
        // [cost] (line 35) written as a list of tables.
        ("[cost]", "[[cost]]", "35:1: `[[cost]]` opens one of a list of tables, but the file has a single [cost]: write `[cost]`, with one bracket (TOML reader: invalid type: map, expected a string)",
         "35:1: `[[cost]]` ouvre l'une d'une liste de tables, mais le fichier n'a qu'une table [cost] : écrivez `[cost]`, avec un seul crochet (lecteur TOML : invalid type: map, expected a string)"),
        ("fte = 100", "fte = 100\nfte = 90", "39:1: `fte` is given a second time in the same table (TOML reader: duplicate key)",
         "39:1: `fte` est donné une deuxième fois dans la même table (lecteur TOML : duplicate key)"),
        ("fte = 100", "fte = 100\nfte_ = 90", "39:1: unknown key `fte_` (TOML reader: unknown field `fte_`, expected one of `label`, `annual`, `fte`, `account`)",
         "39:1: clé `fte_` inconnue (lecteur TOML : unknown field `fte_`, expected one of `label`, `annual`, `fte`, `account`)"),
        ("start = 2020-01-01", "start = \"01/01/2020\"", "10:9: `start = \"01/01/2020\"`: a date is written year first, without quotes: write `start = 2020-01-01` (TOML reader: invalid type: string \"01/01/2020\", expected a TOML datetime)",
         "10:9: `start = \"01/01/2020\"` : une date s'écrit l'année d'abord, sans guillemets : écrivez `start = 2020-01-01` (lecteur TOML : invalid type: string \"01/01/2020\", expected a TOML datetime)"),
        ("key = 18.5", "key = 18.5.1", "106:11: not valid TOML at `.1` (TOML reader: invalid float, expected nothing)",
         "106:11: TOML non valide à `.1` (lecteur TOML : invalid float, expected nothing)"),
    ];
    for (from, to, english, french) in cases {
        let (en, fr) = convention_error(from, to);
        assert_eq!(en, format!("error: edited.toml:{english}"), "{to}");
        assert_eq!(fr, format!("error: edited.toml:{french}"), "{to}");
    }
}

#[test]
fn a_copil_duration_over_a_working_day_without_its_unit_is_refused_as_likely_minutes() {
    let log = "date,member,duration\n2021-03-15,Dolus,1.5\n2021-03-16,Dolus,90\n";
    let args = ["copil", "2021", "--interventions", "log.csv"];
    assert_eq!(
        oleron_bill(&args).with_file("log.csv", log).fails(2),
        "error: log.csv:3: duration \"90\" is over 10 hours for one intervention: if it is minutes, write \"90 min\"; if hours, \"90 h\""
    );
    assert_eq!(
        oleron_bill(&args).with_file("log.csv", log).french().fails(2),
        "error: log.csv:3: la durée \"90\" dépasse 10 heures pour une intervention : en minutes, écrivez \"90 min\" ; en heures, \"90 h\""
    );
    // With their unit, the same durations are read as written: Dolus's 1 h 30 + 1 h 30 = 3 h.
    let log = "date,member,duration\n2021-03-15,Dolus,1,5 h\n2021-03-16,Dolus,90 min\n";
    let report = oleron_bill(&args)
        .arg("-f")
        .arg("csv")
        .with_file("log.csv", &log.replace("1,5 h", "\"1,5 h\""))
        .stdout();
    let rows = common::csv_rows(&report, b',');
    let dolus = rows
        .iter()
        .find(|row| row["member_id"] == "dolus-d-oleron")
        .unwrap();
    assert_eq!(dolus["minutes"], "180");
}

#[test]
fn a_copil_log_in_minutes_is_refused_in_one_line_naming_the_lines_without_a_unit() {
    // Four numbers without a unit, none with a fraction, three past 10: minutes, most likely;
    // the three past 10 are refused each at its line, and the 5 of line 4, which would be read
    // as five hours, is named with them in one line once the log is read.
    let log = "date,member,duration\n2021-03-15,Dolus,90\n2021-03-16,Dolus,45\n\
               2021-03-17,Dolus,5\n2021-03-18,Dolus,1h30\n2021-03-19,Dolus,30\n";
    let args = ["copil", "2021", "--interventions", "log.csv"];
    let output = oleron_bill(&args)
        .with_file("log.csv", log)
        .command_output();
    assert_eq!(output.code, Some(2));
    let mut english: Vec<String> = [(2, "90"), (3, "45"), (6, "30")]
        .iter()
        .map(|(line, n)| format!("error: log.csv:{line}: duration \"{n}\" is over 10 hours for one intervention: if it is minutes, write \"{n} min\"; if hours, \"{n} h\""))
        .collect();
    english.push("error: log.csv: 4 durations without a unit would be read as hours, but the log's durations look like minutes (3 of its 4 numbers without a unit are over 10 and none has a fraction), lines 2, 3, 4, 6: write each with its unit, like \"90 min\"".to_string());
    assert_eq!(output.stderr.lines().collect::<Vec<_>>(), english);
    let output = oleron_bill(&args)
        .with_file("log.csv", log)
        .french()
        .command_output();
    assert_eq!(
        output.stderr.lines().nth(3).unwrap(),
        "error: log.csv: 4 durées sans unité seraient lues en heures, mais les durées du journal ressemblent à des minutes (3 de ses 4 nombres sans unité dépassent 10 et aucun n'a de décimale), lignes 2, 3, 4, 6 : écrivez chacune avec son unité, comme \"90 min\""
    );
}

#[test]
fn a_copil_log_in_minutes_names_its_first_ten_lines_and_how_many_more() {
    // Two durations of 5 then twelve of 60, on lines 2 to 15: twelve of fourteen past 10 and
    // none with a fraction, minutes; the lines named are the first ten, 2 to 11, and 4 more.
    let line = |n: &str| format!("2021-03-15,Dolus,{n}\n");
    let log: String = std::iter::once("date,member,duration\n".to_string())
        .chain((0..2).map(|_| line("5")))
        .chain((0..12).map(|_| line("60")))
        .collect();
    let args = ["copil", "2021", "--interventions", "log.csv"];
    let output = oleron_bill(&args)
        .with_file("log.csv", &log)
        .command_output();
    assert_eq!(output.code, Some(2));
    assert_eq!(
        output.stderr.lines().last().unwrap(),
        "error: log.csv: 14 durations without a unit would be read as hours, but the log's durations look like minutes (12 of its 14 numbers without a unit are over 10 and none has a fraction), lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 4 more: write each with its unit, like \"5 min\""
    );
    let output = oleron_bill(&args)
        .with_file("log.csv", &log)
        .french()
        .command_output();
    assert_eq!(
        output.stderr.lines().last().unwrap(),
        "error: log.csv: 14 durées sans unité seraient lues en heures, mais les durées du journal ressemblent à des minutes (12 de ses 14 nombres sans unité dépassent 10 et aucun n'a de décimale), lignes 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 et 4 autres : écrivez chacune avec son unité, comme \"5 min\""
    );
}

#[test]
fn a_copil_log_given_through_a_pipe_is_read_once() {
    // Dolus's 1 h 30 + 90 min = 180 minutes, read from standard input; a log in minutes from
    // the pipe is refused as from a file, not as a file without its columns.
    let log = "date,member,duration\n2021-03-15,Dolus,1h30\n2021-03-16,Dolus,90 min\n";
    let output = assert_cmd::Command::cargo_bin("oleron-bill")
        .unwrap()
        .args([
            "copil",
            "2021",
            "--interventions",
            "/dev/stdin",
            "-f",
            "csv",
        ])
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .write_stdin(log)
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    );
    assert!(output.status.success(), "{stderr}");
    let rows = common::csv_rows(&stdout, b',');
    let dolus = rows
        .iter()
        .find(|row| row["member_id"] == "dolus-d-oleron")
        .unwrap();
    assert_eq!(dolus["minutes"], "180");
    let output = assert_cmd::Command::cargo_bin("oleron-bill")
        .unwrap()
        .args(["copil", "2021", "--interventions", "/dev/stdin"])
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .write_stdin(
            "date,member,duration\n2021-03-15,Dolus,5\n2021-03-16,Dolus,45\n2021-03-17,Dolus,60\n",
        )
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        stderr.lines().last().unwrap(),
        "error: /dev/stdin: 3 durations without a unit would be read as hours, but the log's durations look like minutes (2 of its 3 numbers without a unit are over 10 and none has a fraction), lines 2, 3, 4: write each with its unit, like \"5 min\""
    );
}
