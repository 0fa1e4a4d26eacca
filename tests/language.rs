//! The messages in a French locale: every error the program can make from the convention, the
//! output or the system reads in French, with its location kept as `file:line:`.

mod common;

use common::{edited_convention, oleron_bill, repo_file};

#[test]
fn a_convention_error_is_in_french_with_its_line() {
    let mut run = oleron_bill(&["2021", "-c", "edited.toml"]).french();
    // The keys of the communes make 100 % (article 7.2): Dolus's 19 made 18.5 leaves 99.5 %. The
    // sum is reported at the first commune's table, whose [[member]] is line 59 of
    // conventions/oleron-2020-2022.toml.
    edited_convention(run.dir.path(), "key = 19", "key = 18.5");
    assert_eq!(
        run.fails(2),
        "error: edited.toml:59:1: les clés des membres autres que le client font 99.5 % au total, pas 100 %"
    );
}

#[test]
fn many_errors_end_with_how_many_more_in_french() {
    // 53 figures published for 2031, a year outside the convention, appended as 4-line tables
    // after the 302 lines of the convention: the k-th table opens on line 304 + 4k.
    let mut text = std::fs::read_to_string(repo_file("conventions/oleron-2020-2022.toml")).unwrap();
    assert_eq!(text.lines().count(), 302);
    for _ in 0..53 {
        text.push_str("\n[[published]]\nyear = 2031\namount = \"1.00\"\n");
    }
    let out = oleron_bill(&["2021", "-c", "many.toml"])
        .french()
        .with_file("many.toml", &text)
        .command_output();
    assert_eq!(out.code, Some(2));
    let lines: Vec<&str> = out.stderr.lines().collect();
    let outside =
        "[[published]] l'année 2031 est hors de la convention (années valides : 2020, 2021, 2022)";
    // The first 50 are reported (tables 0 to 49, the last on line 304 + 4 × 49 = 500), then
    // the 3 left.
    assert_eq!(lines.len(), 51, "{}", out.stderr);
    assert_eq!(lines[0], format!("error: many.toml:304:1: {outside}"));
    assert_eq!(lines[49], format!("error: many.toml:500:1: {outside}"));
    assert_eq!(lines[50], "error: et 3 autre(s) erreur(s)");
}

#[test]
fn an_existing_output_is_refused_in_french() {
    let mut run = oleron_bill(&["2021", "-f", "csv", "-o", "2021.csv"])
        .french()
        .with_file("2021.csv", "kept");
    assert_eq!(
        run.fails(2),
        "error: 2021.csv: existe déjà (utilisez --force pour le remplacer)"
    );
    assert_eq!(
        std::fs::read_to_string(run.file("2021.csv")).unwrap(),
        "kept"
    );
}

#[test]
fn a_year_without_service_is_refused_in_french() {
    // The embedded convention runs from 2020-01-01 to 2022-12-31.
    let expected = "error: l'année 2023 n'a aucun jour de service dans la convention <embedded oleron-2020-2022.toml> (années valides : 2020, 2021, 2022)";
    assert_eq!(oleron_bill(&["2023"]).french().fails(2), expected);
    // docs/language.md shows this very line.
    let readme = std::fs::read_to_string(repo_file("docs/language.md")).unwrap();
    assert!(
        readme.contains(&format!(
            "$ LANG=fr_FR.UTF-8 oleron-bill 2023\n{expected}\n"
        )),
        "docs/language.md's example of a French error"
    );
}

#[test]
fn a_failure_of_the_system_is_in_french_but_for_the_systems_own_words() {
    assert_eq!(
        oleron_bill(&["2021", "-c", "absent.toml"])
            .french()
            .fails(1),
        "error: absent.toml: impossible de lire : No such file or directory (os error 2)"
    );
}

#[test]
fn usage_logs_and_warnings_are_in_french() {
    let text = "date;commune;prestation;quantité\n\
        15/03/2021;Saint;amo;1\n\
        15/03/2021;Dollus;amo;1\n\
        15/03/2021;Dolus;danse;1\n\
        31/06/2021;Dolus;amo;1\n\
        15/03/2021;Dolus;amo;-1\n";
    let mut run = oleron_bill(&["2021", "-u", "u.csv"])
        .french()
        .with_file("u.csv", text);
    let out = run.command_output();
    assert_eq!(out.code, Some(2));
    assert_eq!(
        out.stderr,
        "error: u.csv:2: \"Saint\" peut désigner saint-trojan-les-bains, saint-pierre-d-oleron, saint-georges-d-oleron ou saint-denis-d-oleron (écrivez davantage du nom)\n\
         error: u.csv:3: membre inconnu \"Dollus\" (le plus proche : dolus-d-oleron)\n\
         error: u.csv:4: prestation inconnue \"danse\" (prestations : formation, amo, forum, club, copil)\n\
         error: u.csv:5: date impossible \"31/06/2021\"\n\
         error: u.csv:6: quantité négative -1\n"
    );
    let log = "date,member,duration\n2021-03-15,Dolus,une heure\n";
    let mut run = oleron_bill(&["copil", "2021", "--interventions", "log.csv"])
        .french()
        .with_file("log.csv", log);
    assert_eq!(
        run.fails(2),
        "error: log.csv:2: durée illisible \"une heure\" (écrivez-la 1.5, 1,5, 1h30 ou 01:30)"
    );
    // What titres need beyond the amounts, as warnings.
    let checked = oleron_bill(&["check"]).french().command_output();
    assert!(
        checked
            .stderr
            .contains("warning: il manque : ordonnateur ([rebilling] ordonnateur)\n"),
        "{}",
        checked.stderr
    );
}
