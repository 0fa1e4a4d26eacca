//! The pièce justificative's bases and rounding notes, against amounts worked out by hand.

use super::*;
use crate::billing::{self, Usage};
use crate::convention::{parse, EMBEDDED, EMBEDDED_NAME};

/// The notes of 2021 (37 500 €, 18 750 € a semester, 9 375 € for the communes): Saint-Denis
/// (18,5 %) and Saint-Georges (22,5 %) both have an exact 0,5 cent left in S1; the cent goes
/// to the larger key, and the year's cumul gives it back in S2 (the README's contract).
#[test]
fn the_rounding_notes_of_2021() {
    let c = parse(EMBEDDED, EMBEDDED_NAME).unwrap();
    let bills: Vec<_> = billing::bill(&c, &Usage::new())
        .into_iter()
        .filter(|b| b.semester.year == 2021)
        .collect();
    let notes = |id: &str| {
        let m = c.member_index(id).unwrap();
        Year::new(&c, 2021, &bills, &[])
            .statement(m)
            .semesters
            .into_iter()
            .map(|s| s.rounding_note)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        notes("saint-denis-d-oleron"),
        [
            Some("Le centime restant revient à Saint-Georges-d'Oléron : à reste égal, sa clé est plus forte.".to_string()),
            Some("Cumul de l'année : 3 468,75 € − 1 734,37 € facturés au 1er semestre = 1 734,38 € (le centime retenu au 1er semestre est rendu).".to_string()),
        ]
    );
    assert_eq!(
        notes("saint-georges-d-oleron"),
        [
            Some("Le centime restant lui revient : à reste égal, sa clé est plus forte que celle de Saint-Denis-d'Oléron.".to_string()),
            Some("Cumul de l'année : 4 218,75 € − 2 109,38 € facturés au 1er semestre = 2 109,37 € (le centime reçu au 1er semestre est repris).".to_string()),
        ]
    );
    // 7 % of 9 375 € is 656,25 € exactly: nothing to explain.
    assert_eq!(notes("la-bree-les-bains"), [None, None]);
}

/// The exact share is the member's share of the communes' pool, in whole cents, not of
/// the semester's total: with 2021 S1 at 18 750,01 € (annual 37 500,02 €), the Cdc takes
/// the odd cent (9 375,01 €: a tie goes to the client), the pool is 9 375,00 € and
/// Saint-Denis' exact share 9 375,00 × 18,5 % = 1 734,375 € (not 18 750,01 × 9,25 % =
/// 1 734,375925 €).
#[test]
fn exact_shares_are_of_the_pool_with_every_digit() {
    let text = EMBEDDED.replacen("annual = \"45000.00\"", "annual = \"45000.02\"", 1);
    let c = parse(&text, "c.toml").unwrap();
    let bills: Vec<_> = billing::bill(&c, &Usage::new())
        .into_iter()
        .filter(|b| b.semester.year == 2021)
        .collect();
    assert_eq!(bills[0].total, crate::dec("18750.01"));
    let m = c.member_index("saint-denis-d-oleron").unwrap();
    let exact: Vec<String> = Year::new(&c, 2021, &bills, &[])
        .statement(m)
        .semesters
        .into_iter()
        .map(|s| s.exact)
        .collect();
    // The year: 37 500,02 €, the Cdc 18 750,01 €, the pool 18 750,01 €, Saint-Denis
    // 3 468,751850 €, of which 1 734,375 € in S1: 1 734,37685 € in S2.
    assert_eq!(exact, ["1734.375", "1734.37685"]);
    let la_bree = c.member_index("la-bree-les-bains").unwrap();
    let s1 = &Year::new(&c, 2021, &bills, &[])
        .statement(la_bree)
        .semesters[0];
    // 7 % of 9 375,00 €: 656,25 € exactly, nothing to explain.
    assert_eq!(
        (s1.exact.as_str(), s1.rounding_note.as_ref()),
        ("656.25", None)
    );
}

/// A semester after the first whose cumul in the year is not whole cents is explained by
/// the largest remainder of the cumul, not as a cent given back. With 2021 at 37 500,02 €
/// (see above), the pool's 9 375,00 € of S1 gives Saint-Denis (18,5 %) and Saint-Georges
/// (22,5 %) 1 734,375 € and 2 109,375 €: a tie of 0,5 cent, the cent to the larger key,
/// 1 734,37 € and 2 109,38 €. The year's 18 750,01 € gives them 3 468,75185 € and
/// 4 218,75225 €; the one cent left over the floors goes to the largest remainder,
/// Saint-Georges' 0,225 cent, before Dolus' 0,19 (19 %) and Saint-Denis' 0,185: the cumuls
/// 3 468,75 € and 4 218,76 € bill S2 1 734,38 € and 2 109,38 €, for exact shares of
/// 1 734,37685 € and 2 109,37725 €.
#[test]
fn a_cumul_that_is_not_whole_is_explained_by_its_largest_remainder() {
    let text = EMBEDDED.replacen("annual = \"45000.00\"", "annual = \"45000.02\"", 1);
    let c = parse(&text, "c.toml").unwrap();
    let bills: Vec<_> = billing::bill(&c, &Usage::new())
        .into_iter()
        .filter(|b| b.semester.year == 2021)
        .collect();
    let titres = Year::new(&c, 2021, &bills, &[]);
    let semesters = |id: &str| {
        let m = c.member_index(id).unwrap();
        titres
            .statement(m)
            .semesters
            .into_iter()
            .map(|s| (s.rounded, s.exact, s.rounding_note))
            .collect::<Vec<_>>()
    };
    let note = |text: &str| Some(text.to_string());
    assert_eq!(
        semesters("saint-denis-d-oleron"),
        [
            (
                crate::dec("1734.37"),
                "1734.375".to_string(),
                note("Le centime restant revient à Saint-Georges-d'Oléron : à reste égal, sa clé est plus forte.")
            ),
            (
                crate::dec("1734.38"),
                "1734.37685".to_string(),
                note("Pas de centime restant : son reste est plus petit que celui de Saint-Georges-d'Oléron, dernier servi (plus fort reste).")
            ),
        ]
    );
    assert_eq!(
        semesters("saint-georges-d-oleron"),
        [
            (
                crate::dec("2109.38"),
                "2109.375".to_string(),
                note("Le centime restant lui revient : à reste égal, sa clé est plus forte que celle de Saint-Denis-d'Oléron.")
            ),
            (
                crate::dec("2109.38"),
                "2109.37725".to_string(),
                note("Le centime restant lui revient : son reste est plus fort que celui de Dolus-d'Oléron (plus fort reste).")
            ),
        ]
    );
}

/// The year derived once for every member gives each member the parts, and so the exact
/// shares and rounding notes, that deriving it for that member alone gives (`explain -m`),
/// with cents left over and ties: 2021 with an odd cent (see above) and 2020 (the tie of
/// Saint-Georges and Saint-Denis).
#[test]
fn the_year_derived_once_is_each_member_s_derivation() {
    let text = EMBEDDED.replacen("annual = \"45000.00\"", "annual = \"45000.02\"", 1);
    for c in [
        parse(EMBEDDED, EMBEDDED_NAME).unwrap(),
        parse(&text, "c.toml").unwrap(),
    ] {
        let all = billing::bill(&c, &Usage::new());
        for year in [2020, 2021] {
            let bills: Vec<_> = all
                .iter()
                .filter(|b| b.semester.year == year)
                .cloned()
                .collect();
            let titres = Year::new(&c, year, &bills, &[]);
            let together = derivation::derive(&c, &bills, year, None, None);
            for m in c.debtors() {
                let alone = derivation::derive(&c, &bills, year, None, Some(m));
                let part_of_m = |s: &derivation::SemesterDerivation| {
                    s.pool
                        .parts
                        .iter()
                        .find(|p| p.who == Who::Member(m))
                        .cloned()
                };
                for (t, a) in together.semesters.iter().zip(&alone.semesters) {
                    assert_eq!(part_of_m(t), part_of_m(a), "{year} {m}");
                }
                let mut exact_before = Exact::cents(I256::ZERO);
                let expected: Vec<Share> = (bills.iter().zip(alone.semesters))
                    .map(|(b, d)| {
                        let part = d.pool.parts.into_iter().find(|p| p.who == Who::Member(m));
                        share(&c, b, &mut exact_before, part.as_ref())
                    })
                    .collect();
                assert_eq!(titres.exact_shares(m), expected, "{year} {m}");
            }
        }
    }
}

/// Two orders of 0,25 hour at 0,10 € would each round to 0,03 € (0,025 half-up), 0,06 €
/// together, while the semester bills 0,5 hour × 0,10 € = 0,05 €: the document then shows
/// the semester's one line, what is billed. Orders that add up are listed one by one.
#[test]
fn orders_are_listed_when_they_add_up_to_the_bill() {
    let text = EMBEDDED.replacen("price = \"60.00\"", "price = \"0.10\"", 1);
    let c = parse(&text, "c.toml").unwrap();
    let m = c.member_index("dolus-d-oleron").unwrap();
    let amo = c.service_index("amo").unwrap();
    let day = |d| chrono::NaiveDate::from_ymd_opt(2021, 3, d).unwrap();
    let order = |d, quantity: &str| Order {
        date: day(d),
        member: m,
        service: amo,
        quantity: crate::dec(quantity),
        reference: None,
    };
    let lines_for = |orders: &[Order]| {
        let mut usage = Usage::new();
        let s1 = Semester::new(2021, 1).unwrap();
        let total: Decimal = orders.iter().map(|o| o.quantity).sum();
        usage.insert((s1, m, amo), total);
        let bills: Vec<_> = billing::bill(&c, &usage)
            .into_iter()
            .filter(|b| b.semester.year == 2021)
            .collect();
        Year::new(&c, 2021, &bills, orders)
            .statement(m)
            .services
            .into_iter()
            .map(|l| (l.date, l.quantity, l.amount))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        lines_for(&[order(1, "0.25"), order(2, "0.25")]),
        [(None, crate::dec("0.5"), crate::dec("0.05"))]
    );
    assert_eq!(
        lines_for(&[order(1, "1"), order(2, "0.5")]),
        [
            (Some(day(1)), crate::dec("1"), crate::dec("0.10")),
            (Some(day(2)), crate::dec("0.5"), crate::dec("0.05")),
        ]
    );
}

#[test]
fn names_after_a() {
    assert_eq!(a("Le Château-d'Oléron"), "au Château-d'Oléron");
    assert_eq!(a("Les Mathes"), "aux Mathes");
    assert_eq!(a("La Brée-les-Bains"), "à La Brée-les-Bains");
    assert_eq!(a("Saint-Georges-d'Oléron"), "à Saint-Georges-d'Oléron");
}
