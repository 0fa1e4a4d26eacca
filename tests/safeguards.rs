//! The safeguards where titres are made: no titre from a convention that contradicts its own
//! published figures, nothing set aside without a word, what a titre lacks said once.

mod common;

use common::{edited_convention, oleron_bill, repo_file};

/// The embedded convention with `annual = "46000.00"` for the signed 45 000 €: its
/// `[[published]]` figures then all differ. 2021 costs the annual cost less the fixed
/// 7 500 € discount: published 37 500 €, computed 46 000 − 7 500 = 38 500 €.
fn mistyped_annual(dir: &std::path::Path) -> std::path::PathBuf {
    edited_convention(dir, "annual = \"45000.00\"", "annual = \"46000.00\"")
}

#[test]
fn rebill_refuses_a_convention_whose_published_figures_differ_and_writes_nothing() {
    let run = oleron_bill(&["rebill", "2021", "--out-dir", "out"]);
    let file = mistyped_annual(run.dir.path());
    let mut run = run.arg("-c").arg(&file);
    let stderr = run.fails_with_lines(2);
    let first = stderr.lines().next().unwrap();
    assert!(
        first.contains("30 published figure(s)") && first.contains("no titre is issued"),
        "{first}"
    );
    assert!(
        first.contains("remove the [[published]] figures"),
        "{first}"
    );
    assert!(
        stderr.contains(":154: 2021 total: published 37 500,00 €, computed 38 500,00 €"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 31, "{stderr}");
    assert!(!run.file("out").exists(), "no folder is written");
}

#[test]
fn rebill_refuses_a_contradicted_convention_in_french() {
    let run = oleron_bill(&["rebill", "2021", "--out-dir", "out"]).french();
    let file = mistyped_annual(run.dir.path());
    let stderr = run.arg("-c").arg(&file).fails_with_lines(2);
    assert!(stderr.contains("aucun titre n'est émis"), "{stderr}");
    assert!(
        stderr.contains(":154 : 2021 total : publié 37 500,00 €, calculé 38 500,00 €"),
        "{stderr}"
    );
}

#[test]
fn the_bills_of_a_contradicted_convention_are_computed_with_a_warning() {
    let run = oleron_bill(&["2021", "--format", "csv"]);
    let file = mistyped_annual(run.dir.path());
    let (stdout, stderr) = run.arg("-c").arg(&file).stdout_with_warnings();
    // 38 500 € for 2021, 19 250 € a semester, of which the Cdc keeps 50 %.
    assert!(
        stdout.contains("\n2021,1,2021-06-30,cdc,")
            && stdout.contains(",1,semestre,9625.00,9625.00\n"),
        "{stdout}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("30 published figure(s)") && stderr.contains("what-if"));

    for args in [vec!["explain", "2021"], vec!["copil", "2021"]] {
        let run = oleron_bill(&args);
        let file = mistyped_annual(run.dir.path());
        let mut run = run.arg("-c").arg(&file);
        if args[0] == "copil" {
            run = run
                .arg("--interventions")
                .arg(repo_file("examples/interventions-2021.csv"));
        }
        let (_, stderr) = run.stdout_with_warnings();
        assert!(stderr.contains("what-if"), "{args:?}: {stderr}");
    }
}

#[test]
fn the_signed_convention_gives_no_warning() {
    oleron_bill(&["2021", "--semester", "2"]).stdout();
}
