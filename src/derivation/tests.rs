//! The explanation against figures worked out by hand, and against the bill on random
//! conventions.

use super::*;
use crate::billing::{bill, Usage};
use crate::convention::{parse, EMBEDDED, EMBEDDED_NAME};
use proptest::prelude::*;

fn oleron() -> Convention {
    parse(EMBEDDED, EMBEDDED_NAME).unwrap()
}

fn explained(c: &Convention, year: i32, half: Option<u8>, member: Option<usize>) -> Derivation {
    derive(c, &bill(c, &Usage::new()), year, half, member)
}

/// The part of `member` in the pool of the semester explained.
fn pool_part(e: &Derivation, member: usize) -> &Part {
    e.semesters[0]
        .pool
        .parts
        .iter()
        .find(|p| p.who == Who::Member(member))
        .unwrap()
}

/// A one-year convention (2021, or up to `end`), client share `client`, and members of `keys`.
fn small(annual: &str, end: &str, client: u32, keys: &[u32]) -> Convention {
    let mut text = format!(
        "[convention]\nname = \"p\"\nprovider = \"P\"\nclient = \"c\"\nstart = 2021-01-01\n\
         end = {end}\n[cost]\nlabel = \"a\"\nannual = \"{annual}\"\n[split]\n\
         client_share = {client}\n[[member]]\nid = \"c\"\nname = \"Client\"\n"
    );
    for (i, key) in keys.iter().enumerate() {
        text.push_str(&format!(
            "[[member]]\nid = \"m{i}\"\nname = \"M{i}\"\nkey = {key}\n"
        ));
    }
    parse(&text, "small.toml").unwrap()
}

#[test]
fn fractions_in_decimals_or_as_fractions() {
    let f = |n: i64, d: i64| Exact::new(I256::from(n), I256::from(d));
    assert_eq!(f(1_603_125, 1000).plain(), "1603.125");
    assert_eq!(f(1_425_000, 100).plain(), "14250.00");
    assert_eq!(f(-1, 2).plain(), "-0.50");
    assert_eq!(f(1, 200).plain(), "0.005");
    assert_eq!(f(0, 7).plain(), "0.00");
    // 2/6 is 1/3: no end in decimals.
    assert_eq!(f(2, 6).plain(), "1/3");
    assert_eq!(f(2, -6), f(-1, 3));
}

#[test]
fn seed_2020_s1_the_tie_goes_to_the_larger_key() {
    // Article 7.1: 2020 is 45 000 − 9 000 − 7 500 = 28 500 €; S1 is 182 days of 182: 14 250 €,
    // 7 125 € to the Cdc (50 %), 7 125 € to the communes. Saint-Georges 22,5 % of it is
    // 1 603,125 €, Saint-Denis 18,5 % is 1 318,125 €; the other keys (7, 9, 8, 19, 9, 7 %)
    // give whole cents (498,75, 641,25, 570, 1 353,75, 641,25, 498,75). The floors leave
    // 1 cent; both remainders are 0,005 €: the cent goes to the larger key, Saint-Georges.
    let c = oleron();
    let e = explained(&c, 2020, Some(1), None);
    assert_eq!(e.annual.plain(), "28500.00");
    let s = &e.semesters[0];
    assert_eq!((s.days, s.semester_days), (182, 182));
    assert_eq!(s.exact_so_far.plain(), "14250.00");
    assert_eq!(
        (s.so_far, s.before, s.amount),
        (I256::new(1_425_000), I256::ZERO, I256::new(1_425_000))
    );
    assert_eq!(s.split.parts[0].exact.plain(), "7125.00");
    assert_eq!(s.pool.total, I256::new(712_500));
    assert_eq!(s.pool.leftover, I256::ONE);
    let georges = c.member_index("saint-georges-d-oleron").unwrap();
    let denis = c.member_index("saint-denis-d-oleron").unwrap();
    let g = pool_part(&e, georges);
    assert_eq!(
        (g.exact.plain(), g.floor, g.remainder.plain(), g.rank),
        (
            "1603.125".to_string(),
            I256::new(160_312),
            "0.005".to_string(),
            1
        )
    );
    assert!(g.cent);
    assert_eq!(
        g.decision,
        Some(Decision {
            rule: Rule::LargerWeight,
            against: Who::Member(denis)
        })
    );
    assert_eq!(
        (g.after, g.amount()),
        (I256::new(160_313), I256::new(160_313))
    );
    let d = pool_part(&e, denis);
    assert_eq!(
        (
            d.exact.plain(),
            d.floor,
            d.remainder.plain(),
            d.rank,
            d.cent
        ),
        (
            "1318.125".to_string(),
            I256::new(131_812),
            "0.005".to_string(),
            2,
            false
        )
    );
    // Saint-Denis lost the tie to Saint-Georges, by the key.
    assert_eq!(
        d.decision,
        Some(Decision {
            rule: Rule::LargerWeight,
            against: Who::Member(georges)
        })
    );
    assert_eq!(d.amount(), I256::new(131_812));
    assert!(!g.never_taken_back() && !d.never_taken_back());
}

#[test]
fn seed_2021_saint_denis_s1_then_s2() {
    // 2021 is 37 500 €; S1 18 750 €, the communes 9 375 €. Saint-Denis: 18,5 % of it is
    // 1 734,375 € (= 18 750 × 9,25 %), Saint-Georges 2 109,375 €: the one cent left goes to
    // Saint-Georges (larger key), so Saint-Denis pays 1 734,37 €. At the end of S2 the year is
    // 37 500 €, the communes 18 750 €, Saint-Denis 18,5 % of it = 3 468,75 € exactly, of which
    // 1 734,37 € was billed in S1: S2 bills 1 734,38 €.
    let c = oleron();
    let denis = c.member_index("saint-denis-d-oleron").unwrap();
    let s1 = explained(&c, 2021, Some(1), Some(denis));
    assert_eq!(s1.semesters[0].pool.parts.len(), 1);
    let d = pool_part(&s1, denis);
    assert_eq!(
        (d.exact.plain(), d.after),
        ("1734.375".to_string(), I256::new(173_437))
    );
    let s2 = explained(&c, 2021, Some(2), Some(denis));
    let s = &s2.semesters[0];
    assert_eq!(s.fraction, Exact::new(I256::ONE, I256::ONE));
    assert_eq!(
        (s.so_far, s.before),
        (I256::new(3_750_000), I256::new(1_875_000))
    );
    let d = pool_part(&s2, denis);
    assert_eq!(
        (d.exact.plain(), d.floor, d.remainder.plain(), d.cent),
        (
            "3468.75".to_string(),
            I256::new(346_875),
            "0.00".to_string(),
            false
        )
    );
    assert_eq!(
        (d.before, d.after, d.amount()),
        (I256::new(173_437), I256::new(346_875), I256::new(173_438))
    );
}

#[test]
fn a_remainder_without_end_is_a_fraction() {
    // Terminated on 31 October 2022: S2 2022 is 123 days of 184, so the year so far is
    // 37 500 × (1/2 + 123/368) = 37 500 × 307/368 = 2 878 125/92 € = 31 283,967… € → 31 283,97 €.
    let c = parse(
        &EMBEDDED.replace(
            "end = 2022-12-31",
            "end = 2022-12-31\nterminated = 2022-10-31",
        ),
        "t.toml",
    )
    .unwrap();
    let s = &explained(&c, 2022, Some(2), None).semesters[0];
    assert_eq!(s.fraction, Exact::new(I256::new(307), I256::new(368)));
    assert_eq!(s.exact_so_far.plain(), "2878125/92");
    assert_eq!(s.so_far, I256::new(3_128_397));
}

#[test]
fn the_other_rules_of_the_leftover_cent() {
    // Keys 20/80 of the whole cost, 0,06 € a year: S1 is 0,03 €, 0,6 and 2,4 cents: floors 0
    // and 2, one cent left, to the larger remainder (0,6), the smaller key.
    let c = small("0.06", "2021-12-31", 0, &[20, 80]);
    let e = explained(&c, 2021, Some(1), None);
    let first = &e.semesters[0].pool.parts[0];
    assert_eq!(
        first.decision,
        Some(Decision {
            rule: Rule::LargerRemainder,
            against: Who::Member(2)
        })
    );
    assert_eq!(first.after, I256::ONE);
    // Keys 50/50, 0,02 € a year: S1 is 0,01 €, half a cent each: the first declared.
    let c = small("0.02", "2021-12-31", 0, &[50, 50]);
    let e = explained(&c, 2021, Some(1), None);
    let parts = &e.semesters[0].pool.parts;
    assert_eq!(
        (parts[0].cent, parts[0].decision),
        (
            true,
            Some(Decision {
                rule: Rule::DeclaredFirst,
                against: Who::Member(2)
            })
        )
    );
    assert_eq!((parts[0].after, parts[1].after), (I256::ONE, I256::ZERO));
}

#[test]
fn a_cent_billed_is_not_taken_back() {
    // README and billing's test: keys 73/25/2 of the whole cost, 2,42 € a year, service to
    // 1 July 2021. S1 1,21 € → 88/30/3 cents. The year so far: 2,42 × (1/2 + 1/368) =
    // 1,2166 € → 1,22 €: 89,06 / 30,5 / 2,44 cents, floors 89/30/2, one cent left, to the
    // largest remainder (30,5): 89/31/2. It would take C's third cent back: the bill keeps
    // it (3), B stays at 30 and the new cent goes to A (89).
    let c = small("2.42", "2021-07-01", 0, &[73, 25, 2]);
    let e = explained(&c, 2021, Some(2), None);
    let parts = &e.semesters[0].pool.parts;
    let got: Vec<(I256, I256, I256, bool)> = parts
        .iter()
        .map(|p| {
            (
                p.largest_remainder,
                p.after,
                p.amount(),
                p.never_taken_back(),
            )
        })
        .collect();
    let i = I256::new;
    assert_eq!(
        got,
        vec![
            (i(89), i(89), i(1), false),
            (i(31), i(30), i(0), true),
            (i(2), i(3), i(0), true)
        ]
    );
}

fn add(a: Exact, b: Exact) -> Exact {
    Exact::new(
        a.numerator() * b.denominator() + b.numerator() * a.denominator(),
        a.denominator() * b.denominator(),
    )
}

/// Keys in whole percents that sum to 100.
fn keys() -> impl Strategy<Value = Vec<u32>> {
    prop::collection::vec(0u32..100, 0..6).prop_map(|mut cuts| {
        cuts.sort_unstable();
        let mut bounds = vec![0];
        bounds.extend(cuts);
        bounds.push(100);
        bounds.windows(2).map(|w| w[1] - w[0]).collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig {
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
        )),
        ..ProptestConfig::with_cases(64)
    })]

    #[test]
    fn the_explanation_is_the_bill(
        keys in keys(),
        client in 0u32..=100,
        annual in prop_oneof![0i64..1000, 0i64..10_000_000_000],
        (start, length) in (0u64..700, 0u64..700),
    ) {
        let origin = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        let start = origin + chrono::Days::new(start);
        let end = start + chrono::Days::new(length);
        let mut text = format!(
            "[convention]\nname = \"p\"\nprovider = \"P\"\nclient = \"c\"\nstart = {start}\n\
             end = {end}\n[cost]\nlabel = \"a\"\nannual = \"{}\"\n[split]\n\
             client_share = {client}\n[[member]]\nid = \"c\"\nname = \"Client\"\n",
            Decimal::new(annual, 2)
        );
        for (i, key) in keys.iter().enumerate() {
            text.push_str(&format!("[[member]]\nid = \"m{i}\"\nname = \"M{i}\"\nkey = {key}\n"));
        }
        let c = parse(&text, "random.toml").unwrap();
        let bills = bill(&c, &Usage::new());
        for year in c.years() {
            let e = derive(&c, &bills, year, None, None);
            let year_bills: Vec<&SemesterBill> =
                bills.iter().filter(|b| b.semester.year == year).collect();
            prop_assert_eq!(e.semesters.len(), year_bills.len());
            for (s, b) in e.semesters.iter().zip(&year_bills) {
                // The exact amount so far, rounded half-up, is what the bill adds up to.
                let (n, d) = (s.exact_so_far.numerator(), s.exact_so_far.denominator());
                prop_assert_eq!((n * 200 + d) / (d * 2), s.so_far);
                prop_assert_eq!(s.so_far - s.before, to_cents(b.total));
                for sharing in [&s.split, &s.pool] {
                    // The exact shares add up to the total, the plain largest remainder too.
                    let exact = sharing
                        .parts
                        .iter()
                        .fold(Exact::cents(I256::ZERO), |sum, p| add(sum, p.exact));
                    prop_assert_eq!(exact, Exact::cents(sharing.total));
                    let plain: I256 = sharing.parts.iter().map(|p| p.largest_remainder).sum();
                    let after: I256 = sharing.parts.iter().map(|p| p.after).sum();
                    prop_assert_eq!(plain, sharing.total);
                    prop_assert_eq!(after, sharing.total);
                    let mut ranks: Vec<usize> = sharing.parts.iter().map(|p| p.rank).collect();
                    ranks.sort_unstable();
                    prop_assert_eq!(ranks, (1..=sharing.parts.len()).collect::<Vec<_>>());
                    for p in &sharing.parts {
                        // The plain largest remainder gives the leftover cents by rank.
                        prop_assert_eq!(p.cent, I256::from(p.rank as u64) <= sharing.leftover);
                        // exact = floor + remainder, the remainder below a cent.
                        prop_assert_eq!(add(Exact::cents(p.floor), p.remainder), p.exact);
                        prop_assert!(p.remainder.numerator() >= 0);
                        prop_assert!(p.remainder.numerator() * 100 < p.remainder.denominator());
                    }
                }
                // Every member's semester amount is its billed share; the members add up to
                // the semester, and the first semester of a year is the plain largest remainder.
                let mut sum = I256::ZERO;
                for p in s.split.parts.iter().take(1).chain(&s.pool.parts) {
                    let Who::Member(m) = p.who else { unreachable!() };
                    prop_assert_eq!(p.amount(), to_cents(b.shares[m]));
                    sum += p.amount();
                    if s.before == 0 {
                        prop_assert!(!p.never_taken_back());
                    }
                }
                prop_assert_eq!(sum, to_cents(b.total));
            }
        }
    }
}
