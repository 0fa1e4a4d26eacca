//! The binary as the accountant, the ledger and a script use it: the embedded Oléron
//! convention, every output format, and every kind of bad input.

mod common;

use common::{csv_rows, edited_convention, oleron_bill, repo_file};

/// The seed's article 7.2, halved: every member's part of a 2021 semester (18 750,00 €).
const OLERON_2021_S2: [(&str, &str); 9] = [
    ("cdc", "9375.00"),
    ("saint-trojan-les-bains", "656.25"),
    ("le-grand-village-plage", "843.75"),
    ("le-chateau-d-oleron", "750.00"),
    ("dolus-d-oleron", "1781.25"),
    ("saint-pierre-d-oleron", "843.75"),
    // 2 109,375 and 1 734,375: S1 gave the half cent to the larger key, S2 evens it out.
    ("saint-georges-d-oleron", "2109.37"),
    ("la-bree-les-bains", "656.25"),
    ("saint-denis-d-oleron", "1734.38"),
];

#[test]
fn the_main_job_prints_the_semester_statement() {
    let out = oleron_bill(&["2021", "--semester", "2"]).stdout();
    for expected in [
        "2e semestre 2021 : du 01/07/2021 au 31/12/2021",
        "Facturation à terme échu le 31/12/2021 : Soluris → Cdc de l'île d'Oléron",
        "45 000,00 €",
        "-7 500,00 €",
        "Montant du semestre : 18 750,00 €",
        "Saint-Pierre-d'Oléron (sans accès à l'assistance)",
        "2 109,37 €",
        "1 734,38 €",
        "9 375,00 €",
    ] {
        assert!(out.contains(expected), "{expected:?} missing from:\n{out}");
    }
    insta::assert_snapshot!("table_2021_s2", out);
}

#[test]
fn the_year_shows_both_semesters() {
    let out = oleron_bill(&["2020"]).stdout();
    // 2020 S1 / S2 / year for Saint-Georges and Saint-Denis.
    assert!(
        out.contains("1 603,13 € ┆       1 603,12 € ┆      3 206,25 €"),
        "{out}"
    );
    assert!(
        out.contains("1 318,12 € ┆       1 318,13 € ┆      2 636,25 €"),
        "{out}"
    );
    assert!(out.contains("-9 000,00 €"), "{out}");
    insta::assert_snapshot!("table_2020", out);
}

#[test]
fn the_whole_convention_totals_103_500() {
    let out = oleron_bill(&[]).stdout();
    assert!(out.contains("│ Total                                             ┆ 28 500,00 € ┆ 37 500,00 € ┆ 37 500,00 € ┆ 103 500,00 € │"), "{out}");
    insta::assert_snapshot!("table_convention", out);
}

#[test]
fn csv_has_a_row_per_semester_member_and_item() {
    let out = oleron_bill(&["2021", "--semester", "2", "--format", "csv"]).stdout();
    assert!(out.starts_with(
        "year,semester,billing_date,member_id,member_name,item,label,quantity,unit,unit_price,amount\n"
    ));
    let rows = csv_rows(&out, b',');
    assert_eq!(rows.len(), 9);
    for (row, (id, amount)) in rows.iter().zip(OLERON_2021_S2) {
        assert_eq!(
            (row["member_id"].as_str(), row["amount"].as_str()),
            (id, amount)
        );
        assert_eq!(
            (row["year"].as_str(), row["semester"].as_str()),
            ("2021", "2")
        );
        assert_eq!(row["billing_date"], "2021-12-31");
        assert_eq!(row["item"], "advisor");
    }
    assert_eq!(
        rows[4]["label"],
        "Participation 2021 S2 — Conseiller numérique de proximité (19 % de 50 %)"
    );
    insta::assert_snapshot!("csv_2021_s2", out);
}

#[test]
fn a_year_csv_holds_semester_rows_that_add_up() {
    let out = oleron_bill(&["--format", "csv"]).stdout();
    let rows = csv_rows(&out, b',');
    assert_eq!(rows.len(), 6 * 9);
    let total_cents: i64 = rows
        .iter()
        .map(|r| r["amount"].replace('.', "").parse::<i64>().unwrap())
        .sum();
    assert_eq!(total_cents, 10_350_000); // 103 500,00 €
}

#[test]
fn excel_fr_csv_opens_in_french_spreadsheets() {
    let out = oleron_bill(&["2021", "-s", "2", "-f", "csv", "--csv-dialect", "excel-fr"]).stdout();
    let body = out
        .strip_prefix('\u{feff}')
        .expect("a UTF-8 byte order mark");
    assert!(body.starts_with("year;semester;billing_date;"), "{body}");
    let rows = csv_rows(body, b';');
    assert_eq!(rows[4]["amount"], "1781,25");
    assert_eq!(rows[4]["billing_date"], "31/12/2021");
    assert_eq!(rows[0]["unit_price"], "9375,00");
}

#[test]
fn json_carries_amounts_as_strings() {
    let out = oleron_bill(&["2021", "-s", "2", "-f", "json"]).stdout();
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["semesters"][0]["advisor"], "18750.00");
    assert_eq!(doc["semesters"][0]["invoice"], "18750.00");
    assert_eq!(doc["lines"].as_array().unwrap().len(), 9);
    for (line, (id, amount)) in doc["lines"].as_array().unwrap().iter().zip(OLERON_2021_S2) {
        assert_eq!(
            (line["member_id"].as_str(), line["amount"].as_str()),
            (Some(id), Some(amount))
        );
    }
    insta::assert_snapshot!("json_2021_s2", out);
}

#[test]
fn output_files_are_written_whole_and_never_replaced_silently() {
    let mut run = oleron_bill(&["2021", "-f", "csv", "-o", "out.csv"]);
    run.stdout();
    let path = run.file("out.csv");
    let first = std::fs::read_to_string(&path).unwrap();
    assert_eq!(csv_rows(&first, b',').len(), 18);

    let mut again = oleron_bill(&["2020", "-f", "csv", "-o"]).arg(&path);
    assert_eq!(
        again.fails(2),
        format!(
            "error: {}: already exists (use --force to replace it)",
            path.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), first);

    oleron_bill(&["2020", "-f", "csv", "--force", "-o"])
        .arg(&path)
        .stdout();
    assert!(std::fs::read_to_string(&path)
        .unwrap()
        .contains("2020,1,2020-06-30"));
    assert_eq!(
        std::fs::read_dir(run.dir.path()).unwrap().count(),
        1,
        "a temporary file was left behind"
    );
}

#[test]
fn bad_input_writes_no_output_file() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("out.csv");
    oleron_bill(&["2023", "-f", "csv", "-o"])
        .arg(&path)
        .fails(2);
    let usage = folder.path().join("usage.csv");
    std::fs::write(
        &usage,
        "date,member,service,quantity\n2021-01-04,cdc,amo,1\n2021-01-05,nobody,amo,1\n",
    )
    .unwrap();
    oleron_bill(&["2021", "-f", "csv", "-u"])
        .arg(&usage)
        .arg("-o")
        .arg(&path)
        .fails(2);
    assert!(!path.exists());
    assert_eq!(
        std::fs::read_dir(folder.path()).unwrap().count(),
        1,
        "only the usage file"
    );
}

#[test]
fn check_compares_every_published_figure() {
    let checked = oleron_bill(&["check"]).command_output();
    assert_eq!(checked.code, Some(0));
    let out = checked.stdout;
    assert_eq!(out.matches("\n  ok ").count(), 30, "{out}");
    // What the signed document does not establish for titres de recettes is a warning, not an
    // error: 1 + 2 member lines, then the signature date, fonction and ordonnateur (the terms of
    // payment and the voies et délais de recours are in the embedded convention).
    assert_eq!(checked.stderr.lines().count(), 6, "{}", checked.stderr);
    assert!(checked
        .stderr
        .starts_with("warning: no postal address for cdc ([[member]] address)\n"));
    assert!(checked
        .stderr
        .contains("warning: no SIRET for saint-trojan-les-bains, "));
    assert!(out.contains("Période : du 01/01/2020 au 31/12/2022"));
    assert!(out.contains("  2021     37 500,00 €\n"), "{out}");

    let mut run = oleron_bill(&["check", "--convention", "edited.toml"]);
    edited_convention(
        run.dir.path(),
        "amount = \"3562.50\"",
        "amount = \"3562.51\"",
    );
    let out = run.command_output();
    assert_eq!(out.code, Some(2));
    assert!(
        out.stdout.contains("DIFFÉRENT 2021 dolus-d-oleron"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("publié 3 562,51 €"), "{}", out.stdout);
    assert!(out.stdout.contains("calculé 3 562,50 €"), "{}", out.stdout);
    assert!(
        out.stderr.ends_with(
            "\nerror: 1 published figure(s) of edited.toml differ from the computation\n"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn the_embedded_convention_can_start_a_new_one() {
    let printed = oleron_bill(&["convention"]).stdout();
    let shipped = std::fs::read_to_string(repo_file("conventions/oleron-2020-2022.toml")).unwrap();
    assert_eq!(printed, shipped);
    let mut run = oleron_bill(&["check", "-c", "mine.toml"]).with_file("mine.toml", &printed);
    assert!(run.command_output().stdout.contains("ok        2022 total"));
}

#[test]
fn another_convention_is_a_new_file() {
    // Four communes, a 60 % advisor at 50 000 €, the client keeping 40 %, terminated after
    // eighteen months.
    let toml = r#"
[convention]
name = "Test"
provider = "Prestataire"
client = "epci"
start = 2023-01-01
end = 2025-12-31
terminated = 2024-06-30

[cost]
label = "Conseiller"
annual = 50000
fte = "60%"

[split]
client_share = 40

[[member]]
id = "epci"
name = "EPCI"

[[member]]
id = "a"
name = "A"
key = 25

[[member]]
id = "b"
name = "B"
key = 25

[[member]]
id = "c"
name = "C"
key = 50
"#;
    let out = oleron_bill(&["-c", "test.toml", "-f", "csv"])
        .with_file("test.toml", toml)
        .stdout();
    let rows = csv_rows(&out, b',');
    // 30 000 € a year: 15 000 € a semester, in 2023 S1, S2 and 2024 S1, nothing after.
    assert_eq!(rows.len(), 3 * 4);
    let amounts: Vec<&str> = rows[..4].iter().map(|r| r["amount"].as_str()).collect();
    // 40 % of 15 000 to the client; 9 000 split 25/25/50.
    assert_eq!(amounts, ["6000.00", "2250.00", "2250.00", "4500.00"]);
    assert_eq!(rows[11]["billing_date"], "2024-06-30");
}

#[test]
fn works_from_any_folder_without_files() {
    let mut run = oleron_bill(&["2022", "--semester", "1", "-f", "csv"]);
    assert!(run.dir.path().read_dir().unwrap().next().is_none());
    assert_eq!(csv_rows(&run.stdout(), b',').len(), 9);
}

#[test]
fn bad_command_lines_are_refused() {
    let cases: [(&[&str], &str); 22] = [
        (&["2023"], "error: year 2023 has no day of service in the convention <embedded oleron-2020-2022.toml> (valid years: 2020, 2021, 2022)"),
        (&["2021", "--semester", "3"], "error: invalid value '3' for '--semester <N>': a semester is 1 or S1 (January–June), 2 or S2 (July–December) (see --help)"),
        (&["--semester", "1"], "error: the following required arguments were not provided: <YEAR> (see --help)"),
        (&["twenty"], "error: \"twenty\" is neither a year nor a command (commands: check, convention, rebill, copil, explain, completions, man, help) (see --help)"),
        (&["20.5"], "error: invalid value '20.5' for '[YEAR]': a year is a number such as 2021, not \"20.5\" (see --help)"),
        (&["2021", "--format", "pdf"], "error: invalid value 'pdf' for '--format <FORMAT>': possible values: table, csv, json, xlsx (see --help)"),
        (&["2021", "--semster", "1"], "error: `oleron-bill` takes no --semster (did you mean '--semester'? its options: -s/--semester, -c/--convention, -u/--usage, --sheet, -f/--format, --csv-dialect, -o/--output, --force) (see --help)"),
        (&["convention", "-c", "mine.toml"], "error: `oleron-bill convention` takes no -c (it takes no option) (see --help)"),
        (&["check", "--force"], "error: `oleron-bill check` takes no --force (its options: -c/--convention, -u/--usage, --sheet) (see --help)"),
        (&["2021", "--csv-dialect", "excel-fr", "-f", "json"], "error: --csv-dialect goes with --format csv"),
        (&["2021", "--force"], "error: the following required arguments were not provided: --output <FILE> (see --help)"),
        // An option typed last, or followed by another, without its value.
        (&["rebill", "2021", "--out-dir"], "error: '--out-dir <DIR>' needs a value (see --help)"),
        (&["2021", "-o", "-f", "csv"], "error: '--output <FILE>' needs a value (see --help)"),
        (&["2021", "--format"], "error: '--format <FORMAT>' needs a value (possible values: table, csv, json, xlsx) (see --help)"),
        // A mistyped command gets a suggestion; a command after a year or options is moved first.
        (&["chek"], "error: \"chek\" is neither a year nor a command; did you mean `check`? (commands: check, convention, rebill, copil, explain, completions, man, help) (see --help)"),
        (&["rebil", "2021", "--out-dir", "x"], "error: \"rebil\" is neither a year nor a command; did you mean `rebill`? (commands: check, convention, rebill, copil, explain, completions, man, help) (see --help)"),
        (&["2021", "rebill", "--out-dir", "x"], "error: the command `rebill` goes first: oleron-bill rebill 2021 --out-dir x (see --help)"),
        (&["-f", "csv", "2021", "check"], "error: the command `check` goes first: oleron-bill check -f csv 2021 (see --help)"),
        (&["--force", "rebill", "2021", "--out-dir", "x"], "error: the command `rebill` goes first: oleron-bill rebill --force 2021 --out-dir x (see --help)"),
        (&["-s", "2", "explain", "2021"], "error: the command `explain` goes first: oleron-bill explain -s 2 2021 (see --help)"),
        (&["-c", "mine.toml", "check"], "error: the command `check` goes first: oleron-bill check -c mine.toml (see --help)"),
        // rebill bills a whole year: no --semester, and no tip to pass it "as a value".
        (&["rebill", "2021", "--out-dir", "y", "--semester", "2"], "error: `oleron-bill rebill` takes no --semester (its options: --out-dir, -c/--convention, -u/--usage, --sheet, --csv-dialect, --no-usage, --force) (see --help)"),
    ];
    for (args, expected) in cases {
        assert_eq!(oleron_bill(args).fails(2), expected, "{args:?}");
    }
}

#[test]
fn semesters_are_written_as_people_write_them() {
    let numbered = oleron_bill(&["2021", "--semester", "2", "-f", "csv"]).stdout();
    assert_eq!(
        oleron_bill(&["2021", "-s", "S2", "-f", "csv"]).stdout(),
        numbered
    );
    assert_eq!(
        oleron_bill(&["2021", "-s", "s2", "-f", "csv"]).stdout(),
        numbered
    );
}

#[test]
fn a_csv_dialect_implies_csv_and_dash_is_the_standard_output() {
    let out = oleron_bill(&["2021", "-s", "2", "--csv-dialect", "excel-fr", "-o", "-"]).stdout();
    assert!(
        out.starts_with("\u{feff}year;semester;billing_date;"),
        "{out}"
    );
    // 18 750,00 € split among the 9 members: the Cdc's half, as article 7.2 prints it.
    assert!(out.contains(";cdc;Cdc de l'île d'Oléron;advisor;"), "{out}");
    assert!(out.contains(";9375,00;9375,00\n"), "{out}");
}

#[test]
fn each_command_lists_exactly_the_options_it_takes() {
    let options = |help: &str| -> Vec<String> {
        // The option lines of the help: "  -c, --convention <FILE>  ..." or "      --force".
        help.lines()
            .filter(|line| line.trim_start().starts_with('-'))
            .filter_map(|line| line.split_whitespace().find(|w| w.starts_with("--")))
            .map(|w| w.trim_end_matches(',').to_string())
            .collect()
    };
    let check = oleron_bill(&["check", "--help"]).stdout();
    assert_eq!(
        options(&check),
        ["--convention", "--usage", "--sheet", "--help"]
    );
    let convention = oleron_bill(&["convention", "--help"]).stdout();
    assert_eq!(options(&convention), ["--help"]);
    let rebill = oleron_bill(&["rebill", "--help"]).stdout();
    assert_eq!(
        options(&rebill),
        [
            "--out-dir",
            "--convention",
            "--usage",
            "--sheet",
            "--csv-dialect",
            "--no-usage",
            "--force",
            "--help"
        ]
    );
    // `help COMMAND` and `help --help` work as in git or cargo.
    assert_eq!(oleron_bill(&["help", "rebill"]).stdout(), rebill);
    assert!(oleron_bill(&["help", "--help"])
        .stdout()
        .starts_with("Print the help of oleron-bill, or of one of its commands"));
}

#[test]
fn completions_load_in_bash_and_complete_a_command() {
    let script = oleron_bill(&["completions", "bash"]).stdout();
    let run = oleron_bill(&[]).with_file("oleron-bill.bash", &script);
    let completed = std::process::Command::new("bash")
        .current_dir(run.dir.path())
        .args([
            "-c",
            "set -e; source oleron-bill.bash; COMP_WORDS=(oleron-bill reb); COMP_CWORD=1; \
             _oleron__bill oleron-bill reb oleron-bill; echo \"${COMPREPLY[@]}\"",
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&completed.stderr), "");
    assert_eq!(String::from_utf8_lossy(&completed.stdout), "rebill\n");
    for shell in ["zsh", "fish", "powershell"] {
        assert!(oleron_bill(&["completions", shell])
            .stdout()
            .contains("rebill"));
    }
}

#[test]
fn the_manual_page_is_roff_naming_every_command() {
    let page = oleron_bill(&["man"]).stdout();
    assert!(page.contains(".TH oleron-bill 1"), "{page}");
    for command in ["check", "convention", "rebill", "completions"] {
        assert!(page.contains(command), "{command}");
    }
}

#[test]
fn bad_convention_files_are_named_with_their_line() {
    let cases = [
        // TOML syntax, unknown and missing keys, as the TOML parser locates them.
        ("fte = 100", "fte = ", "edited.toml:38:7: `fte` has no value after its `=` (TOML reader: string values must be quoted, expected literal string)"),
        ("fte = 100", "fte = 100\nfte = 90", "edited.toml:39:1: `fte` is given a second time in the same table (TOML reader: duplicate key)"),
        ("fte = 100", "anual = 100", "edited.toml:38:1: unknown key `anual` (TOML reader: unknown field `anual`, expected one of `label`, `annual`, `fte`, `account`)"),
        ("provider = \"Soluris\"\n", "", "edited.toml:6:1: missing key `provider` (TOML reader: missing field `provider`)"),
        ("annual = \"45000.00\"", "annual = \"45 000 €\"", "edited.toml:37:10: cannot read \"45 000 €\" as a number (write it like 45000, 18.5, \"45000.00\" or \"22.5%\")"),
        // The members.
        ("key = 18.5", "key = 18", "edited.toml:59:1: the keys of the members other than the client sum to 99.5 %, not 100 %"),
        ("id = \"la-bree-les-bains\"", "id = \"dolus-d-oleron\"", "edited.toml:97:1: [[member]] duplicate id \"dolus-d-oleron\""),
        ("client = \"cdc\"", "client = \"oleron\"", "edited.toml:6:1: [convention] client \"oleron\" is not a member (members: cdc, saint-trojan-les-bains, le-grand-village-plage, le-chateau-d-oleron, dolus-d-oleron, saint-pierre-d-oleron, saint-georges-d-oleron, la-bree-les-bains, saint-denis-d-oleron)"),
        ("name = \"Cdc de l'île d'Oléron\"", "name = \"Cdc\"\nkey = 50", "edited.toml:54:1: [[member]] cdc is the client: it takes no key (its part is [split] client_share)"),
        ("key = 19\n", "", "edited.toml:77:1: [[member]] dolus-d-oleron has no key (every member but the client needs one)"),
        // The period.
        ("start = 2020-01-01", "start = 2023-01-01", "edited.toml:6:1: [convention] start 2023-01-01 is after end 2022-12-31"),
        ("end = 2022-12-31", "end = 2022-12-31\nterminated = 2019-12-31", "edited.toml:6:1: [convention] terminated 2019-12-31 is outside the period 2020-01-01 to 2022-12-31"),
        // Percents and amounts.
        ("client_share = 50", "client_share = 150", "edited.toml:50:1: [split] client_share must be between 0 and 100 (percent), not 150"),
        ("key = 7", "key = -7", "edited.toml:59:1: [[member]] key must be between 0 and 100 (percent), not -7"),
        ("amount = \"-7500.00\"", "amount = \"-37500.00\"", "edited.toml:35:1: the cost of 2020 is negative (-1500.00) once adjusted"),
    ];
    for (from, to, expected) in cases {
        let mut run = oleron_bill(&["2021", "-c", "edited.toml"]);
        edited_convention(run.dir.path(), from, to);
        assert_eq!(run.fails(2), format!("error: {expected}"), "{from} → {to}");
    }
    assert_eq!(
        oleron_bill(&["-c", "missing.toml"]).fails(1),
        "error: missing.toml: cannot read: No such file or directory (os error 2)"
    );
}

#[test]
fn help_and_errors_are_in_french_for_a_french_locale() {
    let help = oleron_bill(&["rebill", "--help"]).french().stdout();
    assert!(
        help.starts_with("Écrire dans un dossier la refacturation de l'année"),
        "{help}"
    );
    assert!(
        help.contains("Utilisation : oleron-bill rebill [OPTIONS] --out-dir <DOSSIER> <ANNÉE>"),
        "{help}"
    );
    assert!(
        help.contains("Remplacer les fichiers d'une refacturation antérieure dans DOSSIER"),
        "{help}"
    );
    let cases: [(&[&str], &str); 5] = [
        (&["chek"], "error: \"chek\" n'est ni une année ni une commande ; vouliez-vous dire `check` ? (commandes : check, convention, rebill, copil, explain, completions, man, help) (voir --help)"),
        (&["2021", "-s", "3"], "error: valeur invalide '3' pour '--semester <N>' : un semestre est 1 ou S1 (janvier–juin), 2 ou S2 (juillet–décembre) (voir --help)"),
        (&["2021", "-f", "pdf"], "error: valeur invalide 'pdf' pour '--format <FORMAT>' : valeurs possibles : table, csv, json, xlsx (voir --help)"),
        (&["rebill", "2021", "--out-dir", "x", "-s", "2"], "error: `oleron-bill rebill` ne prend pas -s (ses options : --out-dir, -c/--convention, -u/--usage, --sheet, --csv-dialect, --no-usage, --force) (voir --help)"),
        (&["2021", "--csv-dialect", "excel-fr", "-f", "json"], "error: --csv-dialect va avec --format csv"),
    ];
    for (args, expected) in cases {
        assert_eq!(oleron_bill(args).french().fails(2), expected, "{args:?}");
    }
    // Files for machines keep their column names.
    let csv = oleron_bill(&["2021", "-s", "2", "-f", "csv"])
        .french()
        .stdout();
    assert!(csv.starts_with("year,semester,billing_date,member_id,"));
}

/// What `oleron-bill args` shows on a terminal `columns` wide (run by `script` on a
/// pseudo-terminal); `None` where `script` is missing.
fn on_terminal(columns: u16, args: &str) -> Option<String> {
    let binary = assert_cmd::cargo::cargo_bin("oleron-bill");
    let command = format!(
        "stty cols {columns} rows 50; LANG=C.UTF-8 {} {args}",
        binary.display()
    );
    let output = std::process::Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .current_dir(repo_file("."))
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&output.stdout).replace('\r', ""))
}

#[test]
fn tables_fit_the_terminal_without_cutting_amounts() {
    let Some(shown) = on_terminal(80, "2021 --semester 2") else {
        return;
    };
    let widest = shown.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(widest <= 80, "{widest} columns:\n{shown}");
    // Every amount whole, on one line; the names wrap instead.
    for amount in ["9 375,00 €", "1 734,38 €", "2 109,37 €", "18 750,00 €"] {
        assert!(shown.contains(amount), "{amount} in\n{shown}");
    }
    let year = on_terminal(100, "2021 -u examples/usage-2021.csv").unwrap();
    assert!(year.lines().all(|l| l.chars().count() <= 100), "{year}");
    // In a pipe the table keeps its full width: 119 columns for the same year.
    let piped = oleron_bill(&[
        "2021",
        "-u",
        repo_file("examples/usage-2021.csv").to_str().unwrap(),
    ])
    .stdout();
    assert!(piped.lines().any(|l| l.chars().count() > 100), "{piped}");
}

#[test]
fn an_error_on_a_full_or_closed_standard_error_keeps_its_exit_code() {
    // bash runs the program with its standard error on /dev/full, then closed: no panic
    // (exit 101), the exit code of the bad input (2) all the same.
    let binary = assert_cmd::cargo::cargo_bin("oleron-bill");
    for redirect in ["2>/dev/full", "2>&-"] {
        let status = std::process::Command::new("bash")
            .args(["-c", &format!("\"$0\" 2023 {redirect}")])
            .arg(&binary)
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(2), "{redirect}");
        let status = std::process::Command::new("bash")
            .args(["-c", &format!("\"$0\" --semster 1 {redirect}")])
            .arg(&binary)
            .status()
            .unwrap();
        assert_eq!(status.code(), Some(2), "clap's error, {redirect}");
    }
}

/// CSV and JSON, written row by row, are the same bytes as when they were built whole in memory
/// (the snapshots were taken from that implementation): the whole convention, a year and a
/// semester, with usage, in both CSV dialects. One service has a ledger account: the `account`
/// column appears when a row of the report has one (the whole convention, where that service is
/// ordered), and not in 2020, where it is not.
#[test]
fn csv_and_json_keep_their_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let convention = edited_convention(
        dir.path(),
        "unit = \"heure\"",
        "unit = \"heure\"\naccount = \"70688\"",
    );
    let convention = convention.to_str().unwrap();
    let usage = repo_file("examples/usage-2021.csv");
    let usage = usage.to_str().unwrap();
    let excel_fr = repo_file("examples/usage-2021-excel-fr.csv");
    let excel_fr = excel_fr.to_str().unwrap();
    for (name, args) in [
        (
            "stream_json_convention",
            vec!["-c", convention, "-u", usage, "-f", "json"],
        ),
        (
            "stream_csv_convention",
            vec!["-c", convention, "-u", usage, "-f", "csv"],
        ),
        (
            "stream_csv_2020",
            vec!["-c", convention, "-u", usage, "2020", "-f", "csv"],
        ),
        ("stream_json_2021", vec!["-u", usage, "2021", "-f", "json"]),
        (
            "stream_csv_2021_s1_excel_fr",
            vec![
                "-u",
                excel_fr,
                "2021",
                "-s",
                "1",
                "--csv-dialect",
                "excel-fr",
            ],
        ),
        (
            "stream_json_2021_s2",
            vec![
                "-c", convention, "-u", usage, "2021", "-s", "2", "-f", "json",
            ],
        ),
    ] {
        // The runs of one year or semester set aside the example's other lines, with a warning.
        let out = oleron_bill(&args).stdout_with_warnings().0;
        // The snapshot leaves out the end of the text: one line break, as before.
        assert!(out.ends_with('\n') && !out.ends_with("\n\n"), "{name}");
        insta::assert_snapshot!(name, out);
    }
}
