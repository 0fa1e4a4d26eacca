//! `oleron-bill copil`: the advisor's time per member against the cost key, end to end on the
//! example interventions log. The expected figures were summed by hand from the log (its 43
//! lines, 35 of them in 2021) and checked with exact fractions.

mod common;

use common::{csv_rows, oleron_bill, readme_example, repo_file, ILE_DE_RE};

fn log() -> String {
    repo_file("examples/interventions-2021.csv")
        .to_str()
        .unwrap()
        .to_string()
}

#[test]
fn the_year_s_time_is_weighed_against_the_key() {
    let rows = csv_rows(
        &oleron_bill(&["copil", "2021", "--interventions", &log(), "-f", "csv"]).stdout(),
        b',',
    );
    let row = |id: &str| rows.iter().find(|r| r["member_id"] == id).unwrap().clone();
    // (id, minutes logged in 2021, interventions, key that time alone gives among the
    // communes' 2 775 minutes, largest remainder at one decimal like the keys).
    let expected = [
        ("cdc", "840", "10", ""),
        ("saint-trojan-les-bains", "390", "2", "14.1"),
        ("le-grand-village-plage", "525", "3", "18.9"),
        ("le-chateau-d-oleron", "600", "4", "21.6"),
        ("dolus-d-oleron", "75", "2", "2.7"),
        ("saint-pierre-d-oleron", "45", "1", "1.6"),
        ("saint-georges-d-oleron", "555", "6", "20"),
        ("la-bree-les-bains", "135", "2", "4.9"),
        ("saint-denis-d-oleron", "450", "5", "16.2"),
    ];
    for (id, minutes, count, key) in expected {
        let r = row(id);
        assert_eq!(
            (
                r["minutes"].as_str(),
                r["interventions"].as_str(),
                r["key_by_time"].as_str()
            ),
            (minutes, count, key),
            "{id}"
        );
    }
    // The Cdc: 840 of 3 615 minutes is 23,2365… %; it pays 50 % of 37 500 € (article 7.1),
    // 18 750 € for 14 hours, 1 339,2857… € an hour.
    let cdc = row("cdc");
    assert_eq!(cdc["time_share"], "23.24");
    assert_eq!(cdc["points"], "-26.76");
    assert_eq!(cdc["cost"], "18750.00");
    assert_eq!(cdc["cost_per_hour"], "1339.29");
    // Saint-Pierre pays without access to the assistance, and its logged time is shown.
    let pierre = row("saint-pierre-d-oleron");
    assert_eq!(
        (pierre["assistance"].as_str(), pierre["hours"].as_str()),
        ("false", "0.75")
    );
}

#[test]
fn a_first_semester_copil_looks_back_from_july() {
    let rows = csv_rows(
        &oleron_bill(&[
            "copil",
            "2021",
            "-s",
            "S1",
            "--interventions",
            &log(),
            "-f",
            "csv",
        ])
        .stdout(),
        b',',
    );
    // July 2020 to June 2021: the Cdc pays half of 2020 S2 (14 250 / 2) and of 2021 S1
    // (18 750 / 2): 7 125 + 9 375 = 16 500 €.
    assert_eq!(rows[0]["cost"], "16500.00");
}

#[test]
fn the_readme_shows_the_real_table_and_chart() {
    let mut run = oleron_bill(&[
        "copil",
        "2021",
        "--interventions",
        "examples/interventions-2021.csv",
        "--chart",
        "copil-2021.svg",
    ]);
    std::fs::create_dir(run.file("examples")).unwrap();
    std::fs::copy(log(), run.file("examples/interventions-2021.csv")).unwrap();
    assert_eq!(
        run.stdout(),
        readme_example("oleron-bill copil 2021 --interventions examples/interventions-2021.csv --chart copil-2021.svg")
    );
    let drawn = std::fs::read_to_string(run.file("copil-2021.svg")).unwrap();
    let shown = std::fs::read_to_string(repo_file("docs/copil-2021.svg")).unwrap();
    assert_eq!(
        drawn, shown,
        "docs/copil-2021.svg is not what the program draws"
    );
}

#[test]
fn bad_logs_get_one_line_per_bad_line() {
    let text = "Date;Commune;Durée\n\
        15/03/2021;Dollus;1h\n\
        16/03/2021;Dolus;-2\n\
        17/03/2021;Dolus;beaucoup\n\
        02/01/2023;Dolus;1\n";
    let mut run =
        oleron_bill(&["copil", "2021", "--interventions", "log.csv"]).with_file("log.csv", text);
    let out = run.command_output();
    assert_eq!(out.code, Some(2));
    assert_eq!(
        out.stderr,
        "error: log.csv:2: unknown member \"Dollus\" (closest: dolus-d-oleron)\n\
         error: log.csv:3: negative duration \"-2\"\n\
         error: log.csv:4: cannot read duration \"beaucoup\" (write it 1.5, 1,5, 1h30 or 01:30)\n\
         error: log.csv:5: date 2023-01-02 is outside the convention (2020-01-01 to 2022-12-31)\n"
    );
    assert_eq!(out.stdout, "");
}

#[test]
fn any_convention_has_its_copil() {
    let log = "Date;Collectivité;Durée\n\
        10/02/2023;La Flotte;2h\n\
        11/05/2023;St Martin;1,5\n\
        12/09/2023;Ars;00:30\n\
        13/10/2023;Cdc de l'île de Ré;1h\n";
    let mut run = oleron_bill(&[
        "copil",
        "2023",
        "-c",
        "re.toml",
        "--interventions",
        "log.csv",
        "-f",
        "csv",
    ])
    .with_file("re.toml", ILE_DE_RE)
    .with_file("log.csv", log);
    let rows = csv_rows(&run.stdout(), b',');
    let row = |id: &str| rows.iter().find(|r| r["member_id"] == id).unwrap().clone();
    // 20 000 € a year (40 000 × 50 %); the communes' 60 % is 12 000 €, La Flotte's 33,3 % of it
    // 3 996 € for 2 hours: 1 998 € an hour. 120 of 300 minutes is 40 % of the time against
    // 19,98 % of the cost: +20,02 points. Time alone among the communes' 240 minutes gives
    // 50 %, 37,5 % and 12,5 %, exact at the keys' one decimal.
    let flotte = row("la-flotte");
    assert_eq!(flotte["cost"], "3996.00");
    assert_eq!(flotte["cost_per_hour"], "1998.00");
    assert_eq!(flotte["time_share"], "40.00");
    assert_eq!(flotte["points"], "20.02");
    assert_eq!(flotte["key_by_time"], "50");
    assert_eq!(row("saint-martin")["key_by_time"], "37.5");
    assert_eq!(row("ars")["key_by_time"], "12.5");
    assert_eq!(row("cdc-re")["minutes"], "60");
}
