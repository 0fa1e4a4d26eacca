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
        ["error: usage.csv:3: the line is longer than 64 KiB, too long for a usage record"]
    );
}
