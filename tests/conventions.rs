//! Convention files as people write them by mistake, or as an attacker would: every mistake is
//! reported at once with its line, and what a rebilling folder or a spreadsheet could not take
//! safely is refused.

mod common;

use common::{edited_convention, oleron_bill, Output};

/// The run of `check` on the embedded convention with each `(from, to)` replacement made.
fn check_edited(edits: &[(&str, &str)]) -> Output {
    let mut run = oleron_bill(&["check", "-c", "edited.toml"]);
    let path = edited_convention(run.dir.path(), edits[0].0, edits[0].1);
    let mut text = std::fs::read_to_string(&path).unwrap();
    for (from, to) in &edits[1..] {
        assert!(text.contains(from), "{from:?} is not in the convention");
        text = text.replacen(from, to, 1);
    }
    std::fs::write(&path, text).unwrap();
    run.command_output()
}

#[test]
fn every_independent_mistake_is_reported_in_one_run() {
    let out = check_edited(&[
        ("fte = 100", "fte = 150"),
        ("id = \"la-bree-les-bains\"", "id = \"dolus-d-oleron\""),
        ("price = \"60.00\"", "price = \"-60.00\""),
    ]);
    assert_eq!(out.code, Some(2));
    assert_eq!(out.stdout, "");
    // Lines 35, 97 and 117 are the tables [cost], the eighth [[member]] and the [[service]] amo
    // of conventions/oleron-2020-2022.toml.
    assert_eq!(
        out.stderr,
        "error: edited.toml:35:1: [cost] fte must be between 0 and 100 (percent), not 150\n\
         error: edited.toml:97:1: [[member]] duplicate id \"dolus-d-oleron\"\n\
         error: edited.toml:117:1: [[service]] amo has a negative price\n"
    );
}

#[test]
fn services_read_alike_and_names_matching_a_blank_cell_are_refused() {
    let out = check_edited(&[
        ("id = \"formation\"", "id = \"AMO\""),
        ("aliases = [\"Saint Denys d'Oléron\"]", "aliases = [\"?\"]"),
    ]);
    assert_eq!(out.code, Some(2));
    // Line 103 opens the [[member]] saint-denis-d-oleron, line 117 the [[service]] amo.
    assert_eq!(
        out.stderr,
        "error: edited.toml:103:1: [[member]] \"?\" of saint-denis-d-oleron has no letter or digit: it would match a blank cell of a usage file\n\
         error: edited.toml:117:1: [[service]] id \"amo\" could also mean AMO (a usage file names services ignoring case)\n"
    );
}

#[test]
fn ids_that_cannot_name_a_file_are_refused_before_rebilling() {
    // Today a 300-character id passes `check` and makes `rebill` fail at its 9th file.
    let long = "x".repeat(300);
    let to = format!("id = \"{long}\"");
    let out = check_edited(&[("id = \"saint-denis-d-oleron\"", &to)]);
    assert_eq!(out.code, Some(2));
    // Line 103 opens the [[member]] saint-denis-d-oleron.
    assert_eq!(
        out.stderr,
        format!("error: edited.toml:103:1: [[member]] id \"{long}\" is 300 characters long: at most 64, as it names files\n")
    );
    let out = check_edited(&[("id = \"saint-denis-d-oleron\"", "id = \"Nul\"")]);
    assert_eq!(
        out.stderr,
        "error: edited.toml:103:1: [[member]] id \"Nul\" is a device name on Windows (CON, PRN, AUX, NUL, COM0 to COM9, LPT0 to LPT9, in any case): it cannot name a file there\n"
    );
}

#[test]
fn names_that_could_disguise_a_statement_are_refused() {
    // U+202E turns the rest of the name around on screen; the error line escapes it.
    let out = check_edited(&[(
        "name = \"Dolus-d'Oléron\"",
        "name = \"Dolus-d'Oléron\u{202e}\"",
    )]);
    assert_eq!(out.code, Some(2));
    // Line 77 opens the [[member]] dolus-d-oleron.
    assert_eq!(
        out.stderr,
        "error: edited.toml:77:1: [[member]] name \"Dolus-d'Oléron\\u{202e}\" holds the character U+202E: control and text-direction characters are not allowed\n"
    );
}

#[test]
fn a_convention_file_over_one_mib_is_refused() {
    let text =
        std::fs::read_to_string(common::repo_file("conventions/oleron-2020-2022.toml")).unwrap();
    // A valid file padded with a comment to one byte over 1 MiB (1 048 576 bytes).
    let padded = format!("{text}#{}\n", "x".repeat(1_048_576 - text.len() - 1));
    let mut run = oleron_bill(&["check", "-c", "big.toml"]).with_file("big.toml", &padded);
    assert_eq!(
        run.fails(2),
        "error: big.toml: larger than 1 MiB, the most a convention file may hold"
    );
}

#[test]
fn a_name_a_spreadsheet_would_run_is_refused() {
    // Today this name goes unchanged into both CSV dialects, where a spreadsheet runs it.
    let mut run = oleron_bill(&[
        "2021",
        "-f",
        "csv",
        "--csv-dialect",
        "excel-fr",
        "-c",
        "edited.toml",
    ]);
    edited_convention(
        run.dir.path(),
        "name = \"Dolus-d'Oléron\"",
        "name = '=HYPERLINK(\"http://x\",\"Dolus\")'",
    );
    // Line 77 opens the [[member]] dolus-d-oleron.
    assert_eq!(
        run.fails(2),
        "error: edited.toml:77:1: [[member]] name \"=HYPERLINK(\\\"http://x\\\",\\\"Dolus\\\")\" starts with '=': a spreadsheet opening the CSV would run it as a formula"
    );
}

#[test]
fn identities_and_the_object_of_the_titres_are_checked_with_the_rest() {
    let long_object = format!("object = \"Participation {{year}} {}\"", "x".repeat(150));
    let out = check_edited(&[
        ("siren = \"241700624\"", "siren = \"241700642\""),
        ("insee = \"17140\"", "insee = \"1714\""),
        ("[provider]\n", "[provider]\nsiret = \"123\"\n"),
        (
            "object = \"Participation {year} au Conseiller Numérique de proximité mutualisé {services} — convention Soluris\"",
            &long_object,
        ),
    ]);
    assert_eq!(out.code, Some(2));
    // Line 33 holds the siret added under [provider] (line 32); the Cdc's SIREN (line 57),
    // the INSEE code of Dolus-d'Oléron (line 81) and the object (line 146) of
    // conventions/oleron-2020-2022.toml are one line further down. "Participation 2020 " and
    // 150 x make 19 + 150 = 169 characters, whichever commune the titre goes to.
    let object = format!("Participation 2020 {}", "x".repeat(150));
    assert_eq!(
        out.stderr,
        format!(
            "error: edited.toml:33:9: [provider] siret \"123\" must be 14 digits\n\
             error: edited.toml:58:9: [[member]] cdc siren \"241700642\" fails its Luhn check: a digit is wrong or two are swapped\n\
             error: edited.toml:82:9: [[member]] dolus-d-oleron insee \"1714\" must be 5 characters: 2 digits (or 2A, 2B), then 3 digits, like \"17411\"\n\
             error: edited.toml:147:10: [rebilling] object is 169 characters long for 2020 and saint-trojan-les-bains: at most 160, as finance packages take ({object:?})\n"
        )
    );
}
