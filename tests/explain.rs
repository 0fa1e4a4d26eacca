//! `oleron-bill explain`, end to end on the embedded convention. The figures are the seed's
//! (article 7.1: 28 500 € in 2020, 37 500 € in 2021; article 7.2: the Cdc bears 50 %, the
//! communes the rest by key), worked out by hand in each test's comments.

mod common;

use common::{oleron_bill, readme_example, ILE_DE_RE};
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let mut all = vec!["explain"];
    all.extend(args);
    all.extend(["-f", "json"]);
    serde_json::from_str(&oleron_bill(&all).stdout()).unwrap()
}

/// The only part of the communes' pool of the only semester explained.
fn pool_part(document: &Value) -> &Value {
    let parts = document["semesters"][0]["pool"]["parts"]
        .as_array()
        .unwrap();
    assert_eq!(parts.len(), 1);
    &parts[0]
}

#[test]
fn the_readme_example_is_what_the_program_prints() {
    let command = "oleron-bill explain 2021 --semester 1 --member saint-denis";
    let args: Vec<&str> = command.split(' ').skip(1).collect();
    assert_eq!(oleron_bill(&args).stdout(), readme_example(command));
}

#[test]
fn seed_2020_s1_saint_georges_gets_the_cent_by_the_larger_key() {
    // 2020 S1 is 28 500 / 2 = 14 250 €, 7 125 € for the communes. Saint-Georges 22,5 % of it
    // is 1 603,125 €, Saint-Denis 18,5 % is 1 318,125 €: the same remainder, 0,005 €; the
    // other keys give whole cents, so the floors leave one cent, to the larger key.
    let text = oleron_bill(&["explain", "2020", "--semester", "1"]).stdout();
    assert!(
        text.contains(
            "Saint-Georges-d'Oléron : 1 603,125 € → 1 603,13 € (rang 1), un centime restant : \
             même reste que Saint-Denis-d'Oléron, clé plus forte."
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "Saint-Denis-d'Oléron : 1 318,125 € → 1 318,12 € (rang 2), pas de centime restant : \
             même reste que Saint-Georges-d'Oléron, dont la clé est plus forte."
        ),
        "{text}"
    );
    assert!(
        text.contains("7 125,00 € − 7 124,99 € des arrondis inférieurs = 1"),
        "{text}"
    );
}

#[test]
fn seed_2021_saint_denis_in_both_semesters() {
    // S1: 37 500 / 2 = 18 750 €, the communes 9 375 €; Saint-Denis 18,5 % of it = 1 734,375 €
    // (18 750 × 9,25 %), its remainder tied with Saint-Georges' (2 109,375 €), which has the
    // larger key: 1 734,37 €.
    let s1 = json(&["2021", "--semester", "1", "--member", "St Denis"]);
    let d = pool_part(&s1);
    assert_eq!(d["exact"], "1734.375");
    assert_eq!(d["floor"], "1734.37");
    assert_eq!(d["remainder"], "0.005");
    assert_eq!(d["leftover_cent"], false);
    assert_eq!(d["decided_by"], "larger_weight");
    assert_eq!(d["decided_against"], "saint-georges-d-oleron");
    assert_eq!(d["amount"], "1734.37");
    // S2: the year is 37 500 €, the communes 18 750 €, Saint-Denis 18,5 % of it = 3 468,75 €
    // exactly, less the 1 734,37 € of S1: 1 734,38 €.
    let s2 = json(&[
        "2021",
        "--semester",
        "2",
        "--member",
        "saint-denis-d-oleron",
    ]);
    let s = &s2["semesters"][0];
    assert_eq!(
        (
            &s["year_fraction"],
            &s["so_far"],
            &s["before"],
            &s["amount"]
        ),
        (
            &Value::from("1/1"),
            &Value::from("37500.00"),
            &Value::from("18750.00"),
            &Value::from("18750.00")
        )
    );
    let d = pool_part(&s2);
    assert_eq!(
        (&d["exact"], &d["before"], &d["after"], &d["amount"]),
        (
            &Value::from("3468.75"),
            &Value::from("1734.37"),
            &Value::from("3468.75"),
            &Value::from("1734.38")
        )
    );
}

#[test]
fn a_service_is_its_quantities_times_the_price_rounded_once() {
    // Two orders of AMO (60 € an hour) by Saint-Denis in 2021 S1: 0,1 + 0,023456 = 0,123456 h,
    // × 60 = 7,40736 € → 7,41 €.
    let usage = "date,member,service,quantity\n\
                 2021-02-01,saint-denis-d-oleron,amo,0.1\n\
                 2021-03-01,Saint Denys d'Oléron,amo,0.023456\n\
                 2021-03-02,dolus-d-oleron,amo,1\n";
    let text = oleron_bill(&[
        "explain",
        "2021",
        "-s",
        "1",
        "-m",
        "saint-denis",
        "-u",
        "u.csv",
    ])
    .with_file("u.csv", usage)
    .stdout();
    assert!(
        text.contains(
            "Saint-Denis-d'Oléron, Prestations spécifiques et AMO : 0,123456 heure × 60,00 € = \
             7,40736 €, arrondi au centime : 7,41 €"
        ),
        "{text}"
    );
    // Only the member asked.
    assert!(!text.contains("Dolus"), "{text}");
    // From two units on, the unit is plural, as in the statement: 2,25 h × 60 € = 135 €.
    let text = oleron_bill(&["explain", "2021", "-s", "2", "-m", "dolus", "-u", "u.csv"])
        .with_file(
            "u.csv",
            "date,member,service,quantity\n2021-09-01,dolus,amo,\"2,25\"\n",
        )
        .stdout();
    assert!(
        text.contains(
            "Dolus-d'Oléron, Prestations spécifiques et AMO : 2,25 heures × 60,00 € = 135,00 €, \
             arrondi au centime : 135,00 €"
        ),
        "{text}"
    );
}

#[test]
fn the_client_is_explained_by_the_split() {
    // The Cdc bears 50 % of 2021 S1, 18 750 €: 9 375 € exactly; the communes' sharing is left
    // out.
    let document = json(&["2021", "-s", "1", "--member", "cdc"]);
    let s = &document["semesters"][0];
    assert_eq!(s["split"]["parts"][0]["id"], "cdc");
    assert_eq!(s["split"]["parts"][0]["exact"], "9375.00");
    assert_eq!(s["split"]["parts"][0]["amount"], "9375.00");
    assert_eq!(s["pool"]["parts"].as_array().unwrap().len(), 0);
    let text = oleron_bill(&["explain", "2021", "-s", "1", "--member", "cdc"]).stdout();
    assert!(!text.contains("Partage entre les communes"), "{text}");
}

#[test]
fn a_member_that_is_not_one_is_refused_in_french() {
    let error = oleron_bill(&["explain", "2021", "--member", "Paris"])
        .french()
        .fails(2);
    assert!(
        error.starts_with("error: membre inconnu \"Paris\" (membres : cdc, "),
        "{error}"
    );
    // Four communes are "Saint-…".
    let error = oleron_bill(&["explain", "2021", "--member", "Saint"])
        .french()
        .fails(2);
    assert_eq!(
        error,
        "error: \"Saint\" peut désigner saint-trojan-les-bains, saint-pierre-d-oleron, \
         saint-georges-d-oleron ou saint-denis-d-oleron (écrivez davantage du nom)"
    );
}

#[test]
fn a_year_without_service_is_refused() {
    let error = oleron_bill(&["explain", "2023"]).fails(2);
    assert!(error.contains("valid years: 2020, 2021, 2022"), "{error}");
}

#[test]
fn any_convention_is_explained() {
    let mut run = oleron_bill(&[
        "explain",
        "2023",
        "-s",
        "2",
        "-c",
        "re.toml",
        "-m",
        "La Flotte",
        "-f",
        "json",
    ])
    .with_file("re.toml", ILE_DE_RE);
    let document: Value = serde_json::from_str(&run.stdout()).unwrap();
    let s = &document["semesters"][0];
    // 2023 so far: 20 000 €; the communes 60 %, 12 000 €; La Flotte 33,3 % of it, 3 996 €
    // exactly, less the 1 998 € of S1.
    assert_eq!(s["so_far"], "20000.00");
    let flotte = s["pool"]["parts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "la-flotte")
        .unwrap();
    assert_eq!(flotte["exact"], "3996.00");
    assert_eq!(flotte["before"], "1998.00");
    assert_eq!(flotte["amount"], "1998.00");
}
