//! Services ordered on demand: the usage files of examples/, the statements that include
//! them, the yearly rebilling of the communes, and bad usage input.

mod common;

use common::{csv_rows, edited_convention, oleron_bill, repo_file};

fn example(name: &str) -> String {
    repo_file(&format!("examples/{name}")).display().to_string()
}

#[test]
fn the_semester_statement_adds_the_extras_to_the_invoice() {
    let (out, warnings) = oleron_bill(&[
        "2021",
        "--semester",
        "1",
        "--usage",
        &example("usage-2021.csv"),
    ])
    .stdout_with_warnings();
    // The example file has 16 lines of 2021 S1 and 14 of S2, which the bill of S1 sets aside.
    assert_eq!(
        warnings,
        format!(
            "warning: {}: 14 line(s) outside 2021 S1 set aside\n",
            example("usage-2021.csv")
        )
    );
    // Worked out by hand from the example file: S1 extras are 6 h (Cdc) + 0,5 + 1,25 h … of
    // formation at 100 € and AMO at 60 €, 1 860,00 € in all.
    assert!(out.contains("Facture Soluris du semestre : 18 750,00 € (conseiller) + 1 860,00 € (prestations) = 20 610,00 €"), "{out}");
    assert!(out.contains("│ Dolus-d'Oléron                                    ┆   19 % ┆         9,5 % ┆  1 781,25 € ┆    340,00 € ┆  2 121,25 € │"), "{out}");
    assert!(
        out.contains("Saint-Pierre-d'Oléron (sans accès à l'assistance)"),
        "{out}"
    );
    // Included services are listed at 0,00 €.
    assert!(
        out.contains("│ Cdc de l'île d'Oléron  ┆ COPIL semestriel"),
        "{out}"
    );
    assert!(
        out.contains("   1 séance ┆        0,00 € ┆   0,00 € │"),
        "{out}"
    );
    insta::assert_snapshot!("table_2021_s1_usage", out);
}

#[test]
fn year_and_convention_views_include_the_extras() {
    let usage = example("usage-2021.csv");
    let year = oleron_bill(&["2021", "-u", &usage]).stdout();
    assert!(year.contains("┆       18 750,00 € ┆      18 750,00 € ┆     37 500,00 € ┆  3 120,00 € ┆ 40 620,00 € │"), "{year}");
    let all = oleron_bill(&["-u", &usage]).stdout();
    // 103 500,00 € of advisor + 1 860,00 € + 1 260,00 € of extras in 2021.
    assert!(
        all.contains("┆ 28 500,00 € ┆ 40 620,00 € ┆ 37 500,00 € ┆ 106 620,00 € │"),
        "{all}"
    );
}

#[test]
fn the_json_invoice_includes_the_services() {
    let out = oleron_bill(&[
        "2021",
        "-s",
        "1",
        "-f",
        "json",
        "-u",
        &example("usage-2021.csv"),
    ])
    .stdout_with_warnings()
    .0;
    let doc: serde_json::Value = serde_json::from_str(&out).unwrap();
    // The same S1 as the statement above: 18 750,00 € + 1 860,00 € of services.
    let s1 = &doc["semesters"][0];
    assert_eq!(
        (&s1["advisor"], &s1["extras"], &s1["invoice"]),
        (
            &serde_json::json!("18750.00"),
            &serde_json::json!("1860.00"),
            &serde_json::json!("20610.00")
        )
    );
}

#[test]
fn csv_rows_carry_the_service_lines() {
    let (out, warnings) = oleron_bill(&[
        "2021",
        "-s",
        "2",
        "-f",
        "csv",
        "-u",
        &example("usage-2021.csv"),
    ])
    .stdout_with_warnings();
    assert!(
        warnings.ends_with(": 16 line(s) outside 2021 S2 set aside\n"),
        "{warnings}"
    );
    let rows = csv_rows(&out, b',');
    let georges: Vec<_> = rows
        .iter()
        .filter(|r| r["member_id"] == "saint-georges-d-oleron")
        .collect();
    assert_eq!(georges.len(), 2);
    let amo = georges[1];
    assert_eq!(amo["item"], "amo");
    assert_eq!(
        amo["label"],
        "Prestation 2021 S2 — Prestations spécifiques et AMO"
    );
    // 5 h + 1,25 h at 60 €.
    assert_eq!(
        (amo["quantity"].as_str(), amo["unit"].as_str()),
        ("6.25", "heure")
    );
    assert_eq!(
        (amo["unit_price"].as_str(), amo["amount"].as_str()),
        ("60.00", "375.00")
    );
    let cents: i64 = rows
        .iter()
        .map(|r| r["amount"].replace('.', "").parse::<i64>().unwrap())
        .sum();
    assert_eq!(cents, 2_001_000, "18 750,00 € + 1 260,00 €");
}

#[test]
fn the_french_excel_export_reads_like_the_plain_file() {
    let plain = oleron_bill(&["2021", "-f", "csv", "-u", &example("usage-2021.csv")]).stdout();
    let excel = oleron_bill(&[
        "2021",
        "-f",
        "csv",
        "-u",
        &example("usage-2021-excel-fr.csv"),
    ])
    .stdout();
    assert_eq!(plain, excel);
    // 18 advisor rows, and 30 usage lines less the 4 that add to another of the same
    // semester, member and service.
    assert_eq!(csv_rows(&plain, b',').len(), 18 + 30 - 4);
}

#[test]
fn accounts_get_a_column_when_the_convention_has_them() {
    let mut run = oleron_bill(&[
        "2021",
        "-s",
        "1",
        "-f",
        "csv",
        "-c",
        "edited.toml",
        "-u",
        &example("usage-2021.csv"),
    ]);
    let path = edited_convention(
        run.dir.path(),
        "fte = 100",
        "fte = 100\naccount = \"70875\"",
    );
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("unit = \"heure\"", "unit = \"heure\"\naccount = \"70688\"");
    std::fs::write(&path, text).unwrap();
    let rows = csv_rows(&run.stdout_with_warnings().0, b',');
    assert_eq!(rows[0]["account"], "70875");
    let accounts: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r["item"].as_str(), r["account"].as_str()))
        .collect();
    assert!(accounts.contains(&("amo", "70688")));
    assert!(accounts.contains(&("club", "")));
}

/// (semester, member, item, quantity, amount) of every line of rebill-2021.csv for the example
/// usage, worked out by hand: each commune's advisor part is its key of 9 375,00 € (half of a
/// semester's 18 750,00 €), the half cents of 22,5 % and 18,5 % going to Saint-Georges in S1
/// and back to Saint-Denis in S2; each service is the semester's summed quantity × its price.
const REBILL_2021: [(&str, &str, &str, &str, &str); 32] = [
    ("1", "saint-trojan-les-bains", "advisor", "1", "656.25"),
    ("1", "saint-trojan-les-bains", "formation", "0.5", "50.00"),
    ("1", "le-grand-village-plage", "advisor", "1", "843.75"),
    ("1", "le-grand-village-plage", "amo", "1.25", "75.00"),
    ("1", "le-chateau-d-oleron", "advisor", "1", "750.00"),
    ("1", "le-chateau-d-oleron", "formation", "1", "100.00"),
    ("1", "le-chateau-d-oleron", "amo", "2.75", "165.00"),
    ("1", "dolus-d-oleron", "advisor", "1", "1781.25"),
    ("1", "dolus-d-oleron", "formation", "1", "100.00"),
    ("1", "dolus-d-oleron", "amo", "4", "240.00"),
    ("1", "saint-pierre-d-oleron", "advisor", "1", "843.75"),
    ("1", "saint-pierre-d-oleron", "formation", "1", "100.00"),
    ("1", "saint-georges-d-oleron", "advisor", "1", "2109.38"),
    ("1", "saint-georges-d-oleron", "formation", "2", "200.00"),
    ("1", "saint-georges-d-oleron", "amo", "3.5", "210.00"),
    ("1", "la-bree-les-bains", "advisor", "1", "656.25"),
    ("1", "la-bree-les-bains", "formation", "0.5", "50.00"),
    ("1", "saint-denis-d-oleron", "advisor", "1", "1734.37"),
    ("1", "saint-denis-d-oleron", "amo", "3.5", "210.00"),
    ("2", "saint-trojan-les-bains", "advisor", "1", "656.25"),
    ("2", "saint-trojan-les-bains", "amo", "0.75", "45.00"),
    ("2", "le-grand-village-plage", "advisor", "1", "843.75"),
    ("2", "le-grand-village-plage", "formation", "1.5", "150.00"),
    ("2", "le-chateau-d-oleron", "advisor", "1", "750.00"),
    ("2", "dolus-d-oleron", "advisor", "1", "1781.25"),
    ("2", "dolus-d-oleron", "formation", "2", "200.00"),
    ("2", "dolus-d-oleron", "amo", "0.5", "30.00"),
    ("2", "saint-pierre-d-oleron", "advisor", "1", "843.75"),
    ("2", "saint-pierre-d-oleron", "amo", "2", "120.00"),
    ("2", "saint-georges-d-oleron", "advisor", "1", "2109.37"),
    ("2", "saint-georges-d-oleron", "amo", "6.25", "375.00"),
    ("2", "la-bree-les-bains", "advisor", "1", "656.25"),
];

#[test]
fn rebilling_writes_the_ledger_csv_and_one_statement_per_commune() {
    let mut run = oleron_bill(&[
        "rebill",
        "2021",
        "--out-dir",
        "out",
        "-u",
        &example("usage-2021.csv"),
    ]);
    run.stdout_with_warnings();
    let out = run.file("out");
    let csv = std::fs::read_to_string(out.join("rebill-2021.csv")).unwrap();
    let rows = csv_rows(&csv, b',');
    let got: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r["semester"].as_str(),
                r["member_id"].as_str(),
                r["item"].as_str(),
                r["quantity"].as_str(),
                r["amount"].as_str(),
            )
        })
        .collect();
    let mut expected = REBILL_2021.to_vec();
    expected.extend([
        ("2", "la-bree-les-bains", "amo", "1", "60.00"),
        ("2", "saint-denis-d-oleron", "advisor", "1", "1734.38"),
        ("2", "saint-denis-d-oleron", "formation", "1", "100.00"),
    ]);
    assert_eq!(got, expected);
    assert!(rows.iter().all(|r| r["member_id"] != "cdc"));
    assert_eq!(
        rows[7]["label"],
        "Participation 2021 S1 — Conseiller numérique de proximité (19 % de 50 %)"
    );

    // A statement and a PDF per commune; the client's statement is apart.
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    for ext in [".txt", ".pdf"] {
        let communes = names
            .iter()
            .filter(|n| n.ends_with(ext) && *n != "rebill-2021-cdc.txt")
            .count();
        assert_eq!(communes, 8, "{ext}");
    }
    let pierre =
        std::fs::read_to_string(out.join("rebill-2021-saint-pierre-d-oleron.txt")).unwrap();
    for expected in [
        "Contribution sans accès à l'assistance du conseiller.",
        "clé 9 % des 50 % laissés aux communes, soit 4,5 % du coût de chaque semestre.",
        "1er semestre 2021 : 18 750,00 € du semestre, part exacte 843,75 € → 843,75 €",
        "2e semestre 2021 : Prestations spécifiques et AMO — 2 heures × 60,00 € = 120,00 €",
        "Total dû pour 2021 : 1 907,50 €",
    ] {
        assert!(
            pierre.contains(expected),
            "{expected:?} missing from:\n{pierre}"
        );
    }
}

#[test]
fn rebilling_again_is_refused_then_byte_identical_with_force() {
    let mut run = oleron_bill(&["rebill", "2022", "--out-dir", "out"]);
    run.stdout_with_warnings();
    let out = run.file("out");
    let first: Vec<Vec<u8>> = files_of(&out);
    let refused = oleron_bill(&["rebill", "2022", "--out-dir"])
        .arg(&out)
        .fails(2);
    assert!(
        refused.ends_with("rebill-2022.csv: already exists (use --force to replace it)"),
        "{refused}"
    );
    oleron_bill(&["rebill", "2022", "--force", "--out-dir"])
        .arg(&out)
        .stdout_with_warnings();
    assert_eq!(files_of(&out), first);
}

fn files_of(dir: &std::path::Path) -> Vec<Vec<u8>> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

#[test]
fn the_example_script_rebills_every_year() {
    let dir = tempfile::tempdir().unwrap();
    let script = |extra: &[&str]| {
        std::process::Command::new("bash")
            .arg(repo_file("examples/rebill-every-year.sh"))
            .arg(dir.path())
            .args(["--usage", &example("usage-2021.csv")])
            .args(extra)
            .env("OLERON_BILL", assert_cmd::cargo::cargo_bin("oleron-bill"))
            .output()
            .unwrap()
    };
    let first = script(&[]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    for year in ["2020", "2021", "2022"] {
        let folder = dir.path().join(year);
        // The ledger, 8 statements, 8 PDFs, 2 titres files and the client's statement.
        assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 20, "{year}");
        let rows = csv_rows(
            &std::fs::read_to_string(folder.join(format!("rebill-{year}.csv"))).unwrap(),
            b',',
        );
        let cents: i64 = rows
            .iter()
            .map(|r| r["amount"].replace('.', "").parse::<i64>().unwrap())
            .sum();
        // The communes' half of the year (article 7.2), plus their 2021 extras.
        let expected = match year {
            "2020" => 1_425_000,
            "2021" => 1_875_000 + 258_000,
            _ => 1_875_000,
        };
        assert_eq!(cents, expected, "{year}");
    }
    // A second run keeps the files, unless told to replace them.
    assert_eq!(script(&[]).status.code(), Some(2));
    assert!(script(&["--force"]).status.success());
}

#[test]
fn bad_usage_files_are_named_with_their_line() {
    let head = "date;member;service;quantity\n2021-02-01;cdc;amo;1\n";
    let cases = [
        ("2021-02-02;Saint Pier d'Oleron;amo;1", "error: usage.csv:3: unknown member \"Saint Pier d'Oleron\" (closest: saint-pierre-d-oleron)"),
        ("2021-02-02;cdc;training;1", "error: usage.csv:3: unknown service \"training\" (services: formation, amo, forum, club, copil)"),
        ("31/06/2022;cdc;amo;1", "error: usage.csv:3: impossible date \"31/06/2022\""),
        ("2019-12-31;cdc;amo;1", "error: usage.csv:3: date 2019-12-31 is outside the convention (2020-01-01 to 2022-12-31)"),
        ("2021-02-02;cdc;amo;-2", "error: usage.csv:3: negative quantity -2"),
        ("2021-02-02;cdc;amo;deux", "error: usage.csv:3: cannot read quantity \"deux\" as a number (write it 2, 1.5 or 1,5)"),
    ];
    // Every bad line in one run, and no output file.
    let lines: Vec<&str> = cases.iter().map(|(line, _)| *line).collect();
    let mut run = oleron_bill(&["2021", "-u", "usage.csv", "-f", "csv", "-o", "out.csv"])
        .with_file("usage.csv", &format!("{head}{}\n", lines.join("\n")));
    let out = run.command_output();
    assert_eq!(out.code, Some(2));
    let expected: Vec<String> = cases
        .iter()
        .enumerate()
        .map(|(i, (_, message))| message.replacen(":3:", &format!(":{}:", i + 3), 1))
        .collect();
    assert_eq!(out.stderr.lines().collect::<Vec<_>>(), expected);
    assert!(!run.file("out.csv").exists());
    let mut missing =
        oleron_bill(&["2021", "-u", "usage.csv"]).with_file("usage.csv", "date,member,quantity\n");
    assert_eq!(
        missing.fails(2),
        "error: usage.csv:1: missing column \"service\" or \"prestation\" (the header has: date, member, quantity)"
    );
    assert_eq!(
        oleron_bill(&["2021", "-u", "nowhere.csv"]).fails(1),
        "error: nowhere.csv: cannot read: No such file or directory (os error 2)"
    );
}

#[test]
fn a_failure_after_900_000_good_lines_leaves_the_output_untouched() {
    let mut text = String::from("date,member,service,quantity\n");
    for i in 0..900_000 {
        text += [
            "2021-03-15,cdc,amo,1\n",
            "16/09/2021;dolus-d-oleron;formation;0,5\n",
        ][i % 2]
            .replace(';', ",")
            .replace("0,5", "0.5")
            .as_str();
    }
    text += "2021-10-01,Dollus,amo,1\n";
    let mut run = oleron_bill(&[
        "2021",
        "-f",
        "csv",
        "-u",
        "usage.csv",
        "--force",
        "-o",
        "out.csv",
    ])
    .with_file("usage.csv", &text)
    .with_file("out.csv", "previous\n");
    assert_eq!(
        run.fails(2),
        "error: usage.csv:900002: unknown member \"Dollus\" (closest: dolus-d-oleron)"
    );
    assert_eq!(
        std::fs::read_to_string(run.file("out.csv")).unwrap(),
        "previous\n"
    );
    assert_eq!(
        std::fs::read_dir(run.dir.path()).unwrap().count(),
        2,
        "no temporary file is left"
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    // Eighty years of lines, far more than a pipe holds; one line is read, then the pipe closed.
    let run = oleron_bill(&[]);
    let convention = edited_convention(run.dir.path(), "end = 2022-12-31", "end = 2099-12-31");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("oleron-bill"))
        .args(["--format", "csv", "--convention"])
        .arg(&convention)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    std::io::BufRead::read_line(&mut stdout, &mut first).unwrap();
    assert!(first.starts_with("year,semester,"), "{first}");
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    assert!(out.status.success(), "{:?}", out.status);
}
