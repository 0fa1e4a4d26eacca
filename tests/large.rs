//! Conventions of hundreds of members (tests/common/generate.rs), built so that every amount
//! is known without the program: each member's yearly share is 2 cents per unit of its key, and
//! each service line's amount is its quantity × its price. Every command must give those
//! amounts, and every spelling of the usage file must designate the member it was written for.

mod common;

use std::collections::HashMap;

use common::generate::{self, key_units, member_id, member_name, member_spelling};
use common::{csv_rows, oleron_bill};

/// Members of the conventions of these tests: enough for names to share most of their words.
const MEMBERS: usize = 300;

/// A run with the generated convention `c.toml` of `members` members, its usage file `u.csv`
/// (two lines per member) and its interventions log `log.csv` (two per member).
fn generated(members: usize, args: &[&str]) -> common::Run {
    oleron_bill(args)
        .with_file("c.toml", &generate::convention(members))
        .with_file("u.csv", &generate::usage(members, 2))
        .with_file("log.csv", &generate::interventions(members, 2))
}

/// `amount` cents as the CSV of the titres writes it: "1234.56".
fn plain(cents: u64) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

#[test]
fn every_published_figure_of_a_large_convention_is_met() {
    let out = generated(MEMBERS, &["check", "-c", "c.toml"]).stdout();
    // Each of the two years publishes its total, the client's half and each member's share.
    let ok = out.lines().filter(|l| l.starts_with("  ok ")).count();
    assert_eq!(ok, 2 * (MEMBERS + 1), "{out}");
    assert!(!out.contains("DIFFÉRENT"), "{out}");
}

#[test]
fn every_spelling_designates_the_member_it_was_written_for() {
    let out = generated(MEMBERS, &["check", "-c", "c.toml", "-u", "u.csv"]).stdout();
    let found: HashMap<String, String> = out
        .lines()
        .skip_while(|l| *l != "Membres reconnus :")
        .skip(1)
        .take_while(|l| l.starts_with("  « "))
        .map(|l| {
            let (spelling, rest) = l.trim_start_matches("  « ").split_once(" » ").unwrap();
            let name = rest.trim_start().trim_start_matches("→ ");
            let name = name.rsplitn(3, ' ').nth(2).unwrap().trim_end();
            (spelling.to_string(), name.to_string())
        })
        .collect();
    // Line n of the usage file is member n mod MEMBERS, spelled the (n mod 4)th way.
    for n in 0..2 * MEMBERS {
        let i = n % MEMBERS;
        let spelling = member_spelling(i, n);
        assert_eq!(found.get(&spelling), Some(&member_name(i)), "{spelling}");
    }
}

/// The titres of 2023 of 120 members: each is 2 cents per key unit (50 000,00 € for the pool
/// in 2023, as `key_units` makes it) plus the member's 2023 lines of the usage file. Those are
/// its even lines n (2023 + n mod 2), all of formation at 100,00 € a day, of 1 + n mod 3 days
/// and a half more when n mod 4 is 2.
#[test]
fn the_titres_of_a_large_convention_are_its_keys_and_its_orders() {
    let members = 120;
    let mut run = generated(
        members,
        &[
            "rebill",
            "2023",
            "--out-dir",
            "t",
            "-c",
            "c.toml",
            "-u",
            "u.csv",
        ],
    );
    let (_, warnings) = run.stdout_with_warnings();
    // The usage file's odd lines n are of 2024.
    assert!(
        warnings.contains(&format!("{members} line(s) outside 2023 set aside")),
        "{warnings}"
    );
    let titres = std::fs::read_to_string(run.file("t/titres-2023.csv")).unwrap();
    let rows = csv_rows(&titres, b',');
    assert_eq!(rows.len(), members - 1);
    let units = key_units(members);
    for (row, i) in rows.iter().zip(1..) {
        let services: u64 = (0..2 * members)
            .filter(|n| n % members == i && n % 2 == 0)
            .map(|n| (1 + n as u64 % 3) * 10_000 + if n % 4 == 2 { 5_000 } else { 0 })
            .sum();
        assert_eq!(row["debtor_id"], member_id(i));
        assert_eq!(row["amount"], plain(2 * units[i - 1] + services), "{i}");
    }
}

/// `explain` of one member among many: its key's share of the pool exactly (2 cents per unit
/// for the year, one per unit each semester), and its rank among the 299 communes. No cent is
/// left over, so the rank follows the keys, then the order: commune-17 has weight 3 (weights
/// run 1 to 7 from commune-1, with the units of `key_units`); the communes of weights 4 to 7
/// are those with (i − 1) mod 7 in 3..=6, 43 + 43 + 42 + 42 = 170 of the 299 (299 = 42 × 7 +
/// 5); commune-3 and commune-10 have weight 3 and come before: rank 173.
#[test]
fn explain_finds_one_member_among_many() {
    let units = key_units(MEMBERS);
    let out = generated(
        MEMBERS,
        &[
            "explain",
            "2023",
            "-m",
            "commune-17",
            "-c",
            "c.toml",
            "-f",
            "json",
        ],
    )
    .stdout();
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    for (s, semester) in json["semesters"].as_array().unwrap().iter().enumerate() {
        let parts = semester["pool"]["parts"].as_array().unwrap();
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0]["id"], "commune-17");
        assert_eq!(parts[0]["exact"], plain((s as u64 + 1) * units[16]));
        assert_eq!(parts[0]["amount"], plain(units[16]));
        assert_eq!(parts[0]["rank"], 173);
    }
}

/// The COPIL of a large convention counts every intervention of the log for its member: two
/// each, whatever the spelling.
#[test]
fn the_copil_of_a_large_convention_counts_every_intervention() {
    let out = generated(
        MEMBERS,
        &[
            "copil",
            "2023",
            "--interventions",
            "log.csv",
            "-c",
            "c.toml",
            "-f",
            "csv",
        ],
    )
    .stdout();
    let rows = csv_rows(&out, b',');
    assert_eq!(rows.len(), MEMBERS);
    for (row, i) in rows.iter().zip(0..) {
        assert_eq!(row["member_id"], member_id(i));
        assert_eq!(row["interventions"], "2", "{i}");
    }
}
