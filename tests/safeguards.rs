//! The safeguards where titres are made: no titre from a convention that contradicts its own
//! published figures, nothing set aside without a word, what a titre lacks said once.

mod common;

use common::{edited_convention, oleron_bill, pdf_text, repo_file};

/// The embedded convention with `annual = "46000.00"` for the signed 45 000 €: its
/// `[[published]]` figures then all differ. 2021 costs the annual cost less the fixed
/// 7 500 € discount: published 37 500 €, computed 46 000 − 7 500 = 38 500 €.
fn mistyped_annual(dir: &std::path::Path) -> std::path::PathBuf {
    edited_convention(dir, "annual = \"45000.00\"", "annual = \"46000.00\"")
}

/// The line of the `[[published]]` table of 2021's total in the embedded convention.
fn published_2021_line() -> usize {
    let text = std::fs::read_to_string(repo_file("conventions/oleron-2020-2022.toml")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let amount = lines
        .iter()
        .position(|l| *l == "amount = \"37500.00\"")
        .unwrap();
    assert_eq!(lines[amount - 1], "year = 2021");
    // 1-based: the table opens on the line above the year, at index amount - 2.
    amount - 1
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
        stderr.contains(&format!(
            ":{}: 2021 total: published 37 500,00 €, computed 38 500,00 €",
            published_2021_line()
        )),
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
        stderr.contains(&format!(
            ":{} : 2021 total : publié 37 500,00 €, calculé 38 500,00 €",
            published_2021_line()
        )),
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
    // The check to run is the one of this file, not of the embedded convention.
    assert!(
        stderr.contains(&format!(
            "(`oleron-bill check -c {}` lists the differences)",
            file.display()
        )),
        "{stderr}"
    );

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

#[test]
fn the_lines_of_other_periods_are_counted_in_one_warning() {
    // All 30 lines of the example are of 2021.
    let (out, warnings) = oleron_bill(&["2020", "-f", "csv", "-u"])
        .arg(repo_file("examples/usage-2021.csv"))
        .stdout_with_warnings();
    assert!(
        !out.contains(",formation,") && !out.contains(",amo,"),
        "{out}"
    );
    assert!(
        warnings.ends_with(
            "usage-2021.csv: 30 line(s) outside 2020 set aside; no line of the file is of 2020: is it the right file?\n"
        ),
        "{warnings}"
    );
    let (_, warnings) = oleron_bill(&["2021", "-s", "2", "-u"])
        .arg(repo_file("examples/usage-2021.csv"))
        .french()
        .stdout_with_warnings();
    assert!(
        warnings.ends_with("usage-2021.csv: 16 ligne(s) hors de 2021 S2 écartée(s)\n"),
        "{warnings}"
    );
}

/// The example file with its line 3 pasted again at the end (line 32), and its line 14
/// typed again with other spellings of the member and the quantity and another note, which is
/// not part of an order (line 33).
fn usage_with_repeats() -> String {
    let text = std::fs::read_to_string(repo_file("examples/usage-2021.csv")).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[13],
        "2021-05-25,saint-denis-d-oleron,amo,1.5,Choix du copieur (suite)"
    );
    format!(
        "{text}{}\n2021-05-25,St Denis,AMO,\"1,50\",retapé\n",
        lines[2]
    )
}

#[test]
fn repeated_lines_are_billed_and_named_with_the_line_they_repeat() {
    let run = oleron_bill(&["2021", "-f", "csv", "-u", "u.csv"])
        .with_file("u.csv", &usage_with_repeats());
    let (out, warnings) = {
        let mut run = run;
        run.stdout_with_warnings()
    };
    assert_eq!(
        warnings,
        "warning: u.csv: 2 line(s) repeat another exactly (date, member, service, quantity, reference) and are billed all the same: line(s) 32 (same as 3), 33 (same as 14)\n"
    );
    let plain = oleron_bill(&["2021", "-f", "csv", "-u"])
        .arg(repo_file("examples/usage-2021.csv"))
        .stdout();
    assert_ne!(out, plain, "the repeats are billed");
    let (_, warnings) = oleron_bill(&["2021", "-u", "u.csv"])
        .with_file("u.csv", &usage_with_repeats())
        .french()
        .stdout_with_warnings();
    assert!(
        warnings.contains("2 ligne(s) répète(nt) exactement une autre")
            && warnings.contains("ligne(s) 32 (comme 3), 33 (comme 14)"),
        "{warnings}"
    );
}

#[test]
fn rebill_without_a_usage_file_says_the_titres_carry_no_services() {
    let mut run = oleron_bill(&["rebill", "2021", "--out-dir", "out"]);
    let (_, warnings) = run.stdout_with_warnings();
    assert!(
        warnings.ends_with("warning: no usage file: the titres of 2021 carry no service (formation, amo); give the usage file with --usage FILE, or --no-usage to rebill without services on purpose\n"),
        "{warnings}"
    );
    // What the titres lack, once for all eight: three identity lines, the signature date, the
    // fonction and the ordonnateur; the terms of payment and the mentions are in the file.
    assert_eq!(warnings.lines().count(), 7, "{warnings}");
    assert_eq!(warnings.matches("([rebilling] ordonnateur)").count(), 1);
    let dolus = pdf_text(&std::fs::read(run.file("out/rebill-2021-dolus-d-oleron.pdf")).unwrap());
    assert!(dolus.contains("Objet Participation 2021 au Conseiller Numérique de proximité mutualisé sans prestation à la demande — convention Soluris"), "{dolus}");
    assert!(
        dolus.contains("Sans prestation à la demande en 2021."),
        "{dolus}"
    );
    assert!(dolus.contains("Délai de paiement : 30 jours"), "{dolus}");
    assert!(
        dolus.contains("Voies et délais de recours : dans un délai de deux mois"),
        "{dolus}"
    );
    let titres = std::fs::read_to_string(run.file("out/titres-2021.csv")).unwrap();
    assert!(titres.contains("mutualisé sans prestation à la demande — convention Soluris"));

    let (_, warnings) =
        oleron_bill(&["rebill", "2021", "--out-dir", "out", "--no-usage"]).stdout_with_warnings();
    assert!(!warnings.contains("usage"), "{warnings}");
    let (_, warnings) = oleron_bill(&["rebill", "2021", "--out-dir", "out"])
        .french()
        .stdout_with_warnings();
    assert!(warnings.contains("aucun fichier d'usage : les titres de 2021 ne portent aucune prestation (formation, amo)"), "{warnings}");
}

#[test]
fn a_titre_with_services_says_so_in_its_object() {
    let mut run = oleron_bill(&["rebill", "2021", "--out-dir", "out", "-u"])
        .arg(repo_file("examples/usage-2021.csv"));
    let (_, warnings) = run.stdout_with_warnings();
    assert!(!warnings.contains("no usage file"), "{warnings}");
    let titres = common::csv_rows(
        &std::fs::read_to_string(run.file("out/titres-2021.csv")).unwrap(),
        b',',
    );
    let dolus = titres
        .iter()
        .find(|r| r["debtor_id"] == "dolus-d-oleron")
        .unwrap();
    assert_eq!(dolus["object"], "Participation 2021 au Conseiller Numérique de proximité mutualisé et prestations à la demande — convention Soluris");
}

#[test]
fn no_usage_and_a_usage_file_contradict_each_other() {
    let refused = oleron_bill(&[
        "rebill",
        "2021",
        "--out-dir",
        "out",
        "--no-usage",
        "-u",
        "u.csv",
    ])
    .fails(2);
    assert!(
        refused.contains("'--no-usage' cannot be used with '--usage <FILE>'"),
        "{refused}"
    );
}

#[test]
fn lines_past_the_first_hundred_thousand_are_said_not_looked_at_for_repeats() {
    // 100 002 times one hour of AMO for the Cdc on one day: the first 100 000 are looked at,
    // and 99 999 of them repeat line 2; the last two are not looked at.
    let usage = format!(
        "date,member,service,quantity\n{}",
        "2021-03-15,cdc,amo,1\n".repeat(100_002)
    );
    let (out, warnings) = oleron_bill(&["2021", "-s", "1", "-f", "csv", "-u", "u.csv"])
        .with_file("u.csv", &usage)
        .stdout_with_warnings();
    assert!(
        warnings.starts_with("warning: u.csv: 99999 line(s) repeat another exactly")
            && warnings.contains(": line(s) 3 (same as 2), 4 (same as 2),")
            && warnings.ends_with(
                ", 12 (same as 2) and 99989 more; the 2 line(s) past the first 100000 were not looked at for repeats\n"
            ),
        "{warnings}"
    );
    // Every line is billed: 100 002 hours at 60,00 €.
    assert!(out.contains(",100002,heure,60.00,6000120.00\n"), "{out}");
}

#[test]
fn a_repeat_of_another_semester_is_set_aside_not_said_billed() {
    // The example file with its line 5 (2021-02-09, of S1) pasted again as line 32: the bill
    // of S2 sets it aside with the other 16 lines of S1 and bills no repeat.
    let text = std::fs::read_to_string(repo_file("examples/usage-2021.csv")).unwrap();
    let fifth = text.lines().nth(4).unwrap().to_string();
    assert!(fifth.starts_with("2021-02-09,"), "{fifth}");
    let usage = format!("{text}{fifth}\n");
    let (_, warnings) = oleron_bill(&["2021", "-s", "2", "-u", "u.csv"])
        .with_file("u.csv", &usage)
        .stdout_with_warnings();
    assert_eq!(
        warnings,
        "warning: u.csv: 17 line(s) outside 2021 S2 set aside\n"
    );
    let (_, warnings) = oleron_bill(&["2021", "-s", "1", "-u", "u.csv"])
        .with_file("u.csv", &usage)
        .stdout_with_warnings();
    assert!(
        warnings.ends_with(": line(s) 32 (same as 5)\n")
            && warnings.contains("14 line(s) outside 2021 S1"),
        "{warnings}"
    );
}

/// The text statement of a commune, worked out by hand: Saint-Pierre-d'Oléron's key is 9 % of
/// the communes' 50 %, 4,5 % of each semester's 18 750,00 €: 843,75 € twice, 1 687,50 € for
/// 2021; it contributes without access to the advisor and ordered nothing.
#[test]
fn the_text_statement_of_a_commune_gives_its_key_its_shares_and_its_total() {
    let mut run = oleron_bill(&["rebill", "2021", "--out-dir", "out", "--no-usage"]);
    run.stdout_with_warnings();
    let text =
        std::fs::read_to_string(run.file("out/rebill-2021-saint-pierre-d-oleron.txt")).unwrap();
    assert_eq!(
        text,
        "Refacturation 2021 — Saint-Pierre-d'Oléron\n\
         Émise par Cdc de l'île d'Oléron au titre de : Conseiller numérique de proximité — Soluris / Cdc de l'île d'Oléron 2020-2022\n\
         Contribution sans accès à l'assistance du conseiller.\n\
         \n\
         Conseiller numérique de proximité\n  \
         Part de Saint-Pierre-d'Oléron : clé 9 % des 50 % laissés aux communes, soit 4,5 % du coût de chaque semestre.\n  \
         1er semestre 2021 : 18 750,00 € du semestre, part exacte 843,75 € → 843,75 €\n  \
         2e semestre 2021 : 18 750,00 € du semestre, part exacte 843,75 € → 843,75 €\n  \
         Total 2021 : 1 687,50 € (arrondi au centime sur le cumul de l'année, sans perte ni création de centime)\n\
         \n\
         Prestations à la demande\n  \
         aucune\n  \
         Total 2021 : 0,00 €\n\
         \n\
         Total dû pour 2021 : 1 687,50 €\n"
    );
    // A commune with access to the advisor has no such line.
    let dolus = std::fs::read_to_string(run.file("out/rebill-2021-dolus-d-oleron.txt")).unwrap();
    assert!(!dolus.contains("sans accès"), "{dolus}");
    assert!(
        dolus.ends_with("Total dû pour 2021 : 3 562,50 €\n"),
        "{dolus}"
    );
}
