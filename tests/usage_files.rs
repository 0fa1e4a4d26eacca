//! Usage files as accountants have them, byte for byte: line breaks of every system, stray
//! quotes, long lines, several bad lines, other separators and encodings.

mod common;

use common::{oleron_bill, repo_file, Output, Run};

/// A run billing 2021 from `usage.csv`, holding `bytes`.
fn with_usage(bytes: &[u8]) -> Run {
    let run = oleron_bill(&["2021", "-f", "csv", "-u", "usage.csv"]);
    std::fs::write(run.file("usage.csv"), bytes).unwrap();
    run
}

/// The `error:` lines of a run that must fail with exit code 2 and print nothing.
fn errors(bytes: &[u8]) -> Vec<String> {
    let Output {
        code,
        stdout,
        stderr,
    } = with_usage(bytes).command_output();
    assert_eq!(code, Some(2), "{stderr}");
    assert_eq!(stdout, "");
    stderr.lines().map(String::from).collect()
}

/// `lines` joined by `eol`, each line ended by it.
fn file(lines: &[&str], eol: &str) -> Vec<u8> {
    lines
        .iter()
        .map(|l| format!("{l}{eol}"))
        .collect::<String>()
        .into_bytes()
}

const HEAD: &str = "date,member,service,quantity,note";

#[test]
fn a_stray_quote_is_refused_at_the_line_where_it_opens() {
    // Line 3's note opens a quote that never closes: read as CSV, it swallows lines 4 and 5.
    let lines = [
        HEAD,
        "2021-02-01,cdc,amo,1,",
        "2021-02-02,cdc,amo,2,\"Choix du copieur",
        "2021-02-03,dolus-d-oleron,amo,4,",
        "2021-02-04,dolus-d-oleron,amo,8,",
    ];
    for eol in ["\n", "\r\n", "\r"] {
        assert_eq!(
            errors(&file(&lines, eol)),
            ["error: usage.csv:3: a quote opens a field that is not closed on this line (a field cannot span lines: close the quote or remove it)"],
            "{eol:?}"
        );
    }
}

#[test]
fn text_after_a_closing_quote_is_refused_not_glued() {
    // "2"5 would be billed as 25 hours if the 5 were glued to the quoted 2; a space is allowed.
    let lines = [
        HEAD,
        "2021-07-15,la-bree-les-bains,amo,\"2\"5,",
        "2021-07-16,dolus-d-oleron,amo,\"1,5\" ,fin",
    ];
    assert_eq!(
        errors(&file(&lines, "\r\n")),
        ["error: usage.csv:2: a field goes on after its closing quote (as in \"2\"5): put the whole field between the quotes, or remove them"]
    );
    let fixed = [
        lines[0],
        "2021-07-15,la-bree-les-bains,amo,\"2,5\",",
        lines[2],
    ];
    let output = with_usage(&file(&fixed, "\n")).command_output();
    assert_eq!(output.code, Some(0), "{}", output.stderr);
    // 2,5 and 1,5 hours at 60 €: 150 € and 90 €.
    for line in [
        "2021,2,2021-12-31,la-bree-les-bains,La Brée-les-Bains,amo,Prestation 2021 S2 — Prestations spécifiques et AMO,2.5,heure,60.00,150.00",
        "2021,2,2021-12-31,dolus-d-oleron,Dolus-d'Oléron,amo,Prestation 2021 S2 — Prestations spécifiques et AMO,1.5,heure,60.00,90.00",
    ] {
        assert!(output.stdout.lines().any(|l| l == line), "{}", output.stdout);
    }
}

#[test]
fn a_quote_left_open_at_the_end_of_the_file_is_refused() {
    let text = format!("{HEAD}\n2021-02-01,cdc,amo,1,\"fin");
    assert_eq!(
        errors(text.as_bytes()),
        ["error: usage.csv:2: a quote opens a field that is not closed on this line (a field cannot span lines: close the quote or remove it)"]
    );
}

#[test]
fn a_quoted_field_may_not_hide_a_usage_line() {
    // In CSV, lines 2 and 3 make one record whose note holds a whole usage line.
    let text = format!("{HEAD}\n2021-02-01,cdc,amo,1,\"note\n2021-02-02,cdc,amo,1,fin\"\n");
    let errors = errors(text.as_bytes());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("error: usage.csv:2: a quote opens a field"),
        "{errors:?}"
    );
}

#[test]
fn quoted_fields_on_one_line_are_read() {
    // "1,5" quoted keeps its decimal comma; the quoted note holds the separator and a quote.
    let text = format!("{HEAD}\r\n2021-02-01,cdc,amo,\"1,5\",\"copieur, \"\"A3\"\"\"\r\n");
    let out = with_usage(text.as_bytes()).stdout();
    // 1,5 h of AMO at 60 € = 90,00 €.
    assert!(
        out.contains(",cdc,") && out.contains(",amo,") && out.contains(",1.5,heure,60.00,90.00"),
        "{out}"
    );
}

#[test]
fn errors_name_the_physical_line_whatever_the_line_breaks() {
    // Blank lines count; line 6 is the bad one in every form.
    let lines = [
        HEAD,
        "2021-02-01,cdc,amo,1,",
        "",
        "2021-02-01,cdc,amo,1,",
        "",
        "2021-02-01,cdc,amo,one,",
        "2021-02-01,cdc,amo,1,",
    ];
    let expected =
        ["error: usage.csv:6: cannot read quantity \"one\" as a number (write it 2, 1.5 or 1,5)"];
    for eol in ["\n", "\r\n", "\r"] {
        assert_eq!(errors(&file(&lines, eol)), expected, "{eol:?}");
    }
}

#[test]
fn errors_in_the_french_excel_example_name_its_lines() {
    // The example is CRLF; its line 9 (counted in a text editor) is the one edited.
    let text = std::fs::read(repo_file("examples/usage-2021-excel-fr.csv")).unwrap();
    let mut lines: Vec<&[u8]> = text.split_inclusive(|&b| b == b'\n').collect();
    assert!(lines.iter().all(|l| l.ends_with(b"\r\n")));
    let bad = String::from_utf8(lines[8].to_vec()).unwrap();
    let bad = bad.replacen("/2021;", "/2031;", 1);
    lines[8] = bad.as_bytes();
    let errors = errors(&lines.concat());
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("error: usage.csv:9: date 2031-"),
        "{errors:?}"
    );
}

#[test]
fn a_record_over_64_kib_is_refused_with_its_line() {
    // A note of 70 000 bytes: the csv crate would buffer it whole and accept the line.
    let long = format!("2021-02-02,cdc,amo,1,{}", "x".repeat(70_000));
    let text = file(
        &[
            HEAD,
            "2021-02-01,cdc,amo,1,",
            &long,
            "2021-02-03,cdc,amo,1,",
        ],
        "\r\n",
    );
    assert_eq!(
        errors(&text),
        ["error: usage.csv:3: the line is longer than 64 KiB, too long for a record"]
    );
}

#[test]
fn every_bad_line_is_reported_in_one_run() {
    let lines = [
        HEAD,
        "2021-02-01,cdc,amo,1,",
        "2021-02-31,cdc,amo,1,",
        "2021-02-01,cdc,amo,1,",
        "2021-02-01,cdc,dance,1,",
        "2021-02-01,cdc,amo,deux,",
        "2021-02-01,cdc,amo,1",
        "2021-02-01,cdc,amo,1,\"open",
    ];
    assert_eq!(
        errors(&file(&lines, "\n")),
        [
            "error: usage.csv:3: impossible date \"2021-02-31\"",
            "error: usage.csv:5: unknown service \"dance\" (services: formation, amo, forum, club, copil)",
            "error: usage.csv:6: cannot read quantity \"deux\" as a number (write it 2, 1.5 or 1,5)",
            "error: usage.csv:7: expected 5 fields like the header, found 4",
            "error: usage.csv:8: a quote opens a field that is not closed on this line (a field cannot span lines: close the quote or remove it)",
        ]
    );
}

#[test]
fn past_50_bad_lines_the_rest_are_counted() {
    let mut text = format!("{HEAD}\n");
    for day in 1..=28 {
        text += &format!("2021-02-{day:02},cdc,amo,x,\n2021-03-{day:02},cdc,amo,1,\n2021-04-{day:02},cdc,amo,-1,\n");
    }
    let errors = errors(text.as_bytes());
    // 56 bad lines (two in every three), 50 shown.
    assert_eq!(errors.len(), 51);
    assert_eq!(
        errors[0],
        "error: usage.csv:2: cannot read quantity \"x\" as a number (write it 2, 1.5 or 1,5)"
    );
    assert_eq!(errors[49], "error: usage.csv:76: negative quantity -1");
    assert_eq!(errors[50], "error: and 6 more error(s)");
}

#[test]
fn decimal_commas_in_a_comma_separated_file_are_explained() {
    let text = file(
        &[
            HEAD,
            "2021-02-01,cdc,amo,1,5,",
            "2021-02-01,cdc,amo,1,,extra",
        ],
        "\n",
    );
    assert_eq!(
        errors(&text),
        [
            "error: usage.csv:2: expected 5 fields like the header, found 6: a decimal comma probably split a number in two (write 1.5, quote it as \"1,5\", or separate the columns with ';')",
            "error: usage.csv:3: expected 5 fields like the header, found 6",
        ]
    );
}

/// The French Excel example, whose figures tests/extras.rs checks, read as csv for 2021.
fn excel_example() -> (String, String) {
    let path = repo_file("examples/usage-2021-excel-fr.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let out = with_usage(text.as_bytes()).stdout();
    (text.trim_start_matches('\u{feff}').to_string(), out)
}

#[test]
fn tab_separated_files_are_read() {
    let (text, expected) = excel_example();
    assert!(!text.contains('\t'));
    let tabbed = text.replace(';', "\t");
    assert_eq!(with_usage(tabbed.as_bytes()).stdout(), expected);
}

#[test]
fn windows_1252_files_are_read() {
    let (text, expected) = excel_example();
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable);
    // "Référence", "Château", "Oléron": the file is not UTF-8.
    assert!(std::str::from_utf8(&bytes).is_err());
    assert_eq!(with_usage(&bytes).stdout(), expected);
}

#[test]
fn utf16_files_with_a_byte_order_mark_are_read() {
    let (text, expected) = excel_example();
    let units: Vec<u16> = "\u{feff}"
        .encode_utf16()
        .chain(text.encode_utf16())
        .collect();
    let le: Vec<u8> = units.iter().flat_map(|u| u.to_le_bytes()).collect();
    let be: Vec<u8> = units.iter().flat_map(|u| u.to_be_bytes()).collect();
    assert_eq!(with_usage(&le).stdout(), expected);
    assert_eq!(with_usage(&be).stdout(), expected);
}

#[test]
fn nul_bytes_are_not_text() {
    // UTF-16 without its byte order mark.
    let units: Vec<u8> = HEAD.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    assert_eq!(
        errors(&units),
        ["error: usage.csv:1: not text: the line has NUL bytes (save the file as CSV, in UTF-8)"]
    );
}

#[test]
fn members_are_found_as_people_type_them() {
    let spellings = [
        ("St Georges", "saint-georges-d-oleron"),
        ("Dolus", "dolus-d-oleron"),
        ("Le Chateau", "le-chateau-d-oleron"),
        ("La Bree", "la-bree-les-bains"),
        ("St Trojan", "saint-trojan-les-bains"),
        ("Grand Village", "le-grand-village-plage"),
        ("St Denis", "saint-denis-d-oleron"),
    ];
    let mut text = format!("{HEAD}\n");
    for (spelling, _) in spellings {
        text += &format!("2021-02-01,{spelling},amo,1,\n");
    }
    let out = with_usage(text.as_bytes()).stdout();
    let rows = common::csv_rows(&out, b',');
    // One hour of AMO at 60 € for each, and for no one else.
    let mut amo: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| r["item"] == "amo")
        .map(|r| (r["member_id"].as_str(), r["amount"].as_str()))
        .collect();
    amo.sort();
    let mut expected: Vec<(&str, &str)> = spellings.iter().map(|(_, id)| (*id, "60.00")).collect();
    expected.sort();
    assert_eq!(amo, expected);
}

#[test]
fn a_spelling_of_several_members_or_of_none_is_refused() {
    let text = file(
        &[
            HEAD,
            "2021-02-01,Saint,amo,1,",
            "2021-02-01,Dollus,amo,1,",
            "2021-02-01,Paris,amo,1,",
        ],
        "\n",
    );
    assert_eq!(
        errors(&text),
        [
            "error: usage.csv:2: \"Saint\" could be saint-trojan-les-bains, saint-pierre-d-oleron, saint-georges-d-oleron or saint-denis-d-oleron (write more of the name)",
            "error: usage.csv:3: unknown member \"Dollus\" (closest: dolus-d-oleron)",
            "error: usage.csv:4: unknown member \"Paris\" (members: cdc, saint-trojan-les-bains, le-grand-village-plage, le-chateau-d-oleron, dolus-d-oleron, saint-pierre-d-oleron, saint-georges-d-oleron, la-bree-les-bains, saint-denis-d-oleron)",
        ]
    );
}

/// Each line of `text` with its runs of spaces made one.
fn squeezed(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// An old Excel "CSV": Windows-1252, ';', CRLF, French headers.
const OLD_EXCEL: &[u8] = b"Date;Commune;Prestation;Quantit\xe9;Note\r\n\
    12/01/2021;Dolus;amo;1,5;\r\n\
    13/01/2021;St Georges;formation;1;\r\n\
    ;;;;\r\n\
    14/07/2021;Dolus;AMO;2;\r\n\
    15/07/2021;dolus-d-oleron;amo;0,25;Choix du copieur\r\n";

#[test]
fn the_preflight_tells_how_the_file_was_read_and_bills_nothing() {
    let mut run = oleron_bill(&["check", "--usage", "usage.csv"]);
    std::fs::write(run.file("usage.csv"), OLD_EXCEL).unwrap();
    let out = run.stdout();
    let report = out.split_once("Fichier d'usage usage.csv :").unwrap().1;
    assert_eq!(
        squeezed(report),
        [
            "",
            "encodage Windows-1252 (ce n'est pas de l'UTF-8), séparateur point-virgule",
            "lignes acceptées : 4, erreurs : 0",
            "Membres reconnus :",
            "« Dolus » → Dolus-d'Oléron 2 lignes",
            "« dolus-d-oleron » → Dolus-d'Oléron 1 ligne",
            "« St Georges » → Saint-Georges-d'Oléron 1 ligne",
            "Prestations par semestre, membre et prestation :",
            "2021 S1 Dolus-d'Oléron amo 1 ligne 1,5 heure",
            "2021 S1 Saint-Georges-d'Oléron formation 1 ligne 1 jour",
            // 2 h + 0,25 h.
            "2021 S2 Dolus-d'Oléron amo 2 lignes 2,25 heures",
        ]
    );
    assert!(!report.contains('€'), "{report}");
    // docs/usage.md shows this very report.
    let readme = std::fs::read_to_string(repo_file("docs/usage.md")).unwrap();
    let shown = readme.split_once("Fichier d'usage usage.csv :").unwrap().1;
    assert_eq!(shown.split_once("```").unwrap().0, report);
}

#[test]
fn the_preflight_reports_every_error_after_what_it_could_read() {
    let text = "date\tmember\tservice\tquantity\n\
        2021-02-01\tSaint\tamo\t1\n\
        2021-02-01\tLa Bree\tamo\t1\n\
        2021-02-01\tDollus\tamo\t1\n";
    let mut run = oleron_bill(&["check", "-u", "usage.csv"]).with_file("usage.csv", text);
    let out = run.command_output();
    assert_eq!(out.code, Some(2));
    let report = out
        .stdout
        .split_once("Fichier d'usage usage.csv :")
        .unwrap()
        .1;
    let report = squeezed(report);
    assert_eq!(report[1], "encodage UTF-8, séparateur tabulation");
    assert_eq!(report[2], "lignes acceptées : 1, erreurs : 2");
    assert_eq!(report[4], "« La Bree » → La Brée-les-Bains 1 ligne");
    assert_eq!(
        out.stderr.lines().collect::<Vec<_>>(),
        [
            "error: usage.csv:2: \"Saint\" could be saint-trojan-les-bains, saint-pierre-d-oleron, saint-georges-d-oleron or saint-denis-d-oleron (write more of the name)",
            "error: usage.csv:4: unknown member \"Dollus\" (closest: dolus-d-oleron)",
        ]
    );
}
