//! The core against figures worked out outside the code: the seed's printed tables, hand
//! computations with exact fractions, and properties on random conventions.

use super::*;
use crate::convention::{parse, EMBEDDED, EMBEDDED_NAME};
use crate::dec;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::Signed;
use proptest::prelude::*;

fn oleron() -> Convention {
    parse(EMBEDDED, EMBEDDED_NAME).unwrap()
}

/// The Oléron convention with `edit` applied to its text.
fn oleron_with(edit: impl Fn(&str) -> String) -> Convention {
    parse(&edit(EMBEDDED), "edited.toml").unwrap()
}

fn year_of(
    bills: &[SemesterBill],
    year: i32,
    amount: impl Fn(&SemesterBill) -> Decimal,
) -> Decimal {
    bills
        .iter()
        .filter(|b| b.semester.year == year)
        .map(amount)
        .sum()
}

fn cents(values: &[i64]) -> Vec<Decimal> {
    values.iter().map(|c| Decimal::new(*c, 2)).collect()
}

#[test]
fn seed_article_7_1_yearly_totals() {
    let bills = bill(&oleron(), &Usage::new());
    assert_eq!(bills.len(), 6);
    assert_eq!(year_of(&bills, 2020, |b| b.total), dec("28500.00"));
    assert_eq!(year_of(&bills, 2021, |b| b.total), dec("37500.00"));
    assert_eq!(year_of(&bills, 2022, |b| b.total), dec("37500.00"));
    assert_eq!(
        bills.iter().map(|b| b.total).sum::<Decimal>(),
        dec("103500.00")
    );
}

#[test]
fn seed_article_7_2_every_member_every_year() {
    let c = oleron();
    let bills = bill(&c, &Usage::new());
    // (id, 2020, 2021 and 2022), as printed in article 7.2.
    let printed = [
        ("cdc", "14250.00", "18750.00"),
        ("saint-trojan-les-bains", "997.50", "1312.50"),
        ("le-grand-village-plage", "1282.50", "1687.50"),
        ("le-chateau-d-oleron", "1140.00", "1500.00"),
        ("dolus-d-oleron", "2707.50", "3562.50"),
        ("saint-pierre-d-oleron", "1282.50", "1687.50"),
        ("saint-georges-d-oleron", "3206.25", "4218.75"),
        ("la-bree-les-bains", "997.50", "1312.50"),
        ("saint-denis-d-oleron", "2636.25", "3468.75"),
    ];
    for (id, first_year, later_years) in printed {
        let m = c.member_index(id).unwrap();
        assert_eq!(
            year_of(&bills, 2020, |b| b.shares[m]),
            dec(first_year),
            "{id} 2020"
        );
        assert_eq!(
            year_of(&bills, 2021, |b| b.shares[m]),
            dec(later_years),
            "{id} 2021"
        );
        assert_eq!(
            year_of(&bills, 2022, |b| b.shares[m]),
            dec(later_years),
            "{id} 2022"
        );
    }
}

#[test]
fn half_cents_alternate_between_semesters() {
    let c = oleron();
    let bills = bill(&c, &Usage::new());
    let georges = c.member_index("saint-georges-d-oleron").unwrap();
    let denis = c.member_index("saint-denis-d-oleron").unwrap();
    // 7 125,00 × 22,5 % = 1 603,125 and × 18,5 % = 1 318,125: the larger key takes the cent
    // in S1, and the cumulative split gives it back in S2.
    assert_eq!(
        (bills[0].shares[georges], bills[0].shares[denis]),
        (dec("1603.13"), dec("1318.12"))
    );
    assert_eq!(
        (bills[1].shares[georges], bills[1].shares[denis]),
        (dec("1603.12"), dec("1318.13"))
    );
}

#[test]
fn early_termination_prorates_the_last_semester() {
    let c = oleron_with(|t| {
        t.replace(
            "end = 2022-12-31",
            "end = 2022-12-31\nterminated = 2022-10-31",
        )
    });
    let bills = bill(&c, &Usage::new());
    let last = bills.last().unwrap();
    assert_eq!(last.semester, Semester::new(2022, 2).unwrap());
    assert_eq!((last.days, last.semester_days), (123, 184));
    assert_eq!(
        last.billing_date,
        NaiveDate::from_ymd_opt(2022, 10, 31).unwrap()
    );
    // By hand, in fractions: 2022 costs 18 750 + 18 750 × 123/184 = 31 283,967… → 31 283,97;
    // the Cdc's half 15 641,985 takes the tied cent (15 641,99), the communes share 15 641,98.
    assert_eq!(last.total, dec("12533.97"));
    assert_eq!(
        last.shares,
        cents(&[626699, 43869, 56403, 50136, 119072, 56403, 141006, 43869, 115940])
    );
}

#[test]
fn late_start_prorates_the_first_semester() {
    let c = oleron_with(|t| t.replace("start = 2020-01-01", "start = 2020-03-15"));
    let bills = bill(&c, &Usage::new());
    assert_eq!(bills.len(), 6);
    let first = &bills[0];
    // 15 March to 30 June of a leap year: 17 + 30 + 31 + 30 days out of 182.
    assert_eq!(
        (first.semester, first.days, first.semester_days),
        (Semester::new(2020, 1).unwrap(), 108, 182)
    );
    // By hand, in fractions: 14 250 × 108/182 = 8 456,043… → 8 456,04, half of it to the Cdc.
    assert_eq!(first.total, dec("8456.04"));
    assert_eq!(
        first.shares,
        cents(&[422802, 29596, 38052, 33824, 80333, 38052, 95131, 29596, 78218])
    );
    assert_eq!(year_of(&bills, 2020, |b| b.total), dec("22706.04"));
}

#[test]
fn extras_are_priced_per_semester_member_and_service() {
    let c = oleron();
    let s1 = Semester::new(2021, 1).unwrap();
    let dolus = c.member_index("dolus-d-oleron").unwrap();
    let (training, amo, copil) = (
        c.service_index("formation").unwrap(),
        c.service_index("amo").unwrap(),
        c.service_index("copil").unwrap(),
    );
    let usage = Usage::from([
        ((s1, dolus, training), dec("2.5")),
        ((s1, dolus, amo), dec("1.25")),
        ((s1, c.client, copil), dec("1")),
    ]);
    let bills = bill(&c, &usage);
    let b = &bills[2];
    assert_eq!(b.semester, s1);
    // 2,5 days × 100 € and 1,25 hours × 60 €; the COPIL is included.
    let amounts: Vec<_> = b
        .extras
        .iter()
        .map(|e| (e.member, e.service, e.amount))
        .collect();
    assert_eq!(
        amounts,
        vec![
            (c.client, copil, dec("0")),
            (dolus, training, dec("250")),
            (dolus, amo, dec("75"))
        ]
    );
    assert_eq!(b.member_total(dolus), dec("1781.25") + dec("325"));
    assert_eq!(b.invoice_total(), dec("18750") + dec("325"));
    assert!(bills[3].extras.is_empty());
}

#[test]
fn extras_round_half_up_once_per_sum() {
    let c = oleron_with(|t| t.replace("price = \"60.00\"", "price = \"0.10\""));
    let s2 = Semester::new(2020, 2).unwrap();
    // 0,05 + 0,1 hour = 0,15 hour at 0,10 € = 0,015 € → 0,02 €; rounding each line would give 0,01.
    let usage = Usage::from([((s2, 1, c.service_index("amo").unwrap()), dec("0.15"))]);
    assert_eq!(bill(&c, &usage)[1].extras[0].amount, dec("0.02"));
}

#[test]
fn services_round_half_up_not_to_even() {
    let c = oleron_with(|t| t.replace("price = \"60.00\"", "price = \"0.10\""));
    let s2 = Semester::new(2020, 2).unwrap();
    // 0,25 hour at 0,10 € = 0,025 €: half-up 0,03 € (half-to-even would say 0,02 €).
    let usage = Usage::from([((s2, 1, c.service_index("amo").unwrap()), dec("0.25"))]);
    assert_eq!(bill(&c, &usage)[1].extras[0].amount, dec("0.03"));
}

#[test]
fn a_percent_adjustment_is_a_percent_of_the_fte_bought() {
    // Half an advisor: 45 000 × 50 % = 22 500 €; the 2020 discount of 20 % is 4 500 € of that
    // (not 9 000 € of the full price), and the fixed 7 500 € stays: 10 500 € in 2020.
    let c = oleron_with(|t| t.replace("fte = 100", "fte = 50"));
    assert_eq!(c.annual(2020), dec("10500.00"));
    let bills = bill(&c, &Usage::new());
    assert_eq!(year_of(&bills, 2020, |b| b.total), dec("10500.00"));
}

#[test]
fn a_semester_total_rounds_half_up() {
    // 28 500,05 € a year: S1 is exactly 14 250,025 € → 14 250,03 € (half-to-even: ,02), and
    // S2 the rest of the year, 14 250,02 €.
    let c = oleron_with(|t| {
        t.replace("annual = \"45000.00\"", "annual = \"28500.05\"")
            .replace("percent = -20\n", "amount = \"0\"\n")
            .replace("amount = \"-7500.00\"", "amount = \"0\"")
    });
    let bills = bill(&c, &Usage::new());
    assert_eq!(
        (bills[0].total, bills[1].total),
        (dec("14250.03"), dec("14250.02"))
    );
}

#[test]
fn every_year_starts_afresh() {
    // 0,01 € a year, 2021 and 2022: each S1 is 0,005 → 0,01 €, each S2 the rest, 0,00 €.
    // Carried over from 2021, the cent already billed would leave 2022 S1 at 0,00 €.
    let text = convention_text(date("2021-01-01"), date("2022-12-31"), 1, 50, &[100]);
    let bills = bill(&parse(&text, "years.toml").unwrap(), &Usage::new());
    let totals: Vec<Decimal> = bills.iter().map(|b| b.total).collect();
    assert_eq!(totals, cents(&[1, 0, 1, 0]));
    // The client takes the tied cent (declared first) in each S1.
    assert_eq!(bills[2].shares, cents(&[1, 0]));
}

/// A convention file with the given period, price, client share and keys.
fn convention_text(
    start: NaiveDate,
    end: NaiveDate,
    annual_cents: i64,
    client_share: u32,
    keys: &[u32],
) -> String {
    convention_file(
        start,
        end,
        &Decimal::new(annual_cents, 2).to_string(),
        "",
        client_share,
        keys,
    )
}

/// A convention file; `cost` is added to the [cost] table (fte, then any [[adjustment]]).
fn convention_file(
    start: NaiveDate,
    end: NaiveDate,
    annual: &str,
    cost: &str,
    client_share: u32,
    keys: &[u32],
) -> String {
    let mut text = format!(
        "[convention]\nname = \"p\"\nprovider = \"P\"\nclient = \"c\"\nstart = {start}\nend = {end}\n\
         [cost]\nlabel = \"a\"\nannual = \"{annual}\"\n{cost}\n[split]\nclient_share = {client_share}\n\
         [[member]]\nid = \"c\"\nname = \"Client\"\n"
    );
    for (i, key) in keys.iter().enumerate() {
        text += &format!("[[member]]\nid = \"m{i}\"\nname = \"Member {i}\"\nkey = {key}\n");
    }
    text
}

/// Keys in whole percents that sum to 100.
fn keys() -> impl Strategy<Value = Vec<u32>> {
    prop::collection::vec(0u32..100, 0..8).prop_map(|mut cuts| {
        cuts.sort_unstable();
        let mut bounds = vec![0];
        bounds.extend(cuts);
        bounds.push(100);
        bounds.windows(2).map(|w| w[1] - w[0]).collect()
    })
}

fn period() -> impl Strategy<Value = (NaiveDate, NaiveDate)> {
    let origin = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap();
    (0i64..1500, 0i64..1500).prop_map(move |(a, b)| {
        let (a, b) = (a.min(b), a.max(b));
        (
            origin + chrono::Days::new(a as u64),
            origin + chrono::Days::new(b as u64),
        )
    })
}

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

#[test]
fn exact_at_the_documented_limits() {
    // Issue 7: 529 997 583 631,45 € × 59,017031 % × (1 + 52,794501 %) is exactly
    // 477 924 144 558,789 999 999 999 999 995 € a year (worked out in fractions), so S1 is
    // 238 962 072 279,394 999 999 999 999 997 5 € → ,39; the year → ,79; S2 = ,79 − ,39 = ,40.
    // In 28 significant digits S1 read …279,3950 and billed ,40.
    let text = convention_file(
        date("2021-01-01"),
        date("2021-12-31"),
        "529997583631.45",
        "fte = \"59.017031\"\n[[adjustment]]\nlabel = \"x\"\npercent = \"52.794501\"",
        50,
        &[100],
    );
    let c = parse(&text, "edge.toml").unwrap();
    let bills = bill(&c, &Usage::new());
    assert_eq!(bills[0].total, dec("238962072279.39"));
    assert_eq!(bills[1].total, dec("238962072279.40"));
    assert_eq!(c.annual(2021), dec("477924144558.79"));
}

#[test]
fn a_later_semester_never_takes_a_cent_back() {
    // Issue 7 (Alabama paradox): keys 73/25/2 of the whole cost (client share 0), 2,42 € a
    // year, service ending 1 July 2021. S1: 1,21 € is 88,33 / 30,25 / 2,42 cents → 88/30/3
    // (the cent left to the largest remainder, C's). The year: 2,42 × (1/2 + 1/368)
    // = 1,2166 → 1,22 €, i.e. 89,06 / 30,5 / 2,44 cents. The largest remainder of the year,
    // 89/31/2, would bill C −0,01 € in S2; the new cent goes to A, furthest behind (1,06).
    let text = convention_text(date("2021-01-01"), date("2021-07-01"), 242, 0, &[73, 25, 2]);
    let bills = bill(&parse(&text, "alabama.toml").unwrap(), &Usage::new());
    assert_eq!(bills[0].shares, cents(&[0, 88, 30, 3]));
    assert_eq!(bills[1].shares, cents(&[0, 1, 0, 0]));
}

#[test]
fn a_member_is_within_a_cent_of_its_share_of_the_pool() {
    // Issue 7 §8 (a case the random test found): 10 March to 5 April 2019 is 27 days of 181,
    // so the year is 97 609 624,03 × 27 / 362 = 7 280 275,8254… → 7 280 275,83 €. Its halves
    // are 3 640 137,915: a tie, the cent to the client (declared first), the pool
    // 3 640 137,91 €. The key of 94 % of it is 3 421 729,6354 € exactly; the floors
    // (72 802,75 / 3 421 729,63 / 145 605,51) leave two cents, for the remainders ,82 (2 %) and
    // ,64 (4 %). So 3 421 729,63 €: within a cent of its share of the pool, though 1,01 cent
    // from 47 % of the total (3 421 729,6401 €).
    let text = convention_text(
        date("2019-03-10"),
        date("2019-04-05"),
        9_760_962_403,
        50,
        &[2, 94, 4],
    );
    let bills = bill(&parse(&text, "pool.toml").unwrap(), &Usage::new());
    assert_eq!(bills[0].total, dec("7280275.83"));
    assert_eq!(
        bills[0].shares,
        vec![
            dec("3640137.92"),
            dec("72802.76"),
            dec("3421729.63"),
            dec("145605.52")
        ]
    );
}

fn rational(d: Decimal) -> BigRational {
    BigRational::new(BigInt::from(d.mantissa()), BigInt::from(10).pow(d.scale()))
}

fn rational_of(text: &str) -> BigRational {
    rational(dec(text))
}

fn in_cents(amount: Decimal) -> BigInt {
    (rational(amount) * BigInt::from(100)).to_integer()
}

/// Half-up to the cent, in big rationals: cents as an integer.
fn cents_half_up(amount: &BigRational) -> BigInt {
    let hundredfold = amount * BigInt::from(100);
    let half = BigRational::new(BigInt::from(1), BigInt::from(2));
    let magnitude = (hundredfold.abs() + half).floor().to_integer();
    if hundredfold.is_negative() {
        -magnitude
    } else {
        magnitude
    }
}

/// Amounts written with two decimals, up to the documented limit, often at it.
fn money(limit_cents: i64) -> impl Strategy<Value = i64> {
    prop_oneof![0..limit_cents, Just(limit_cents - 1), 0..1000i64]
}

/// Rates in millionths of a percent, often with six decimals.
fn micro_percent(low: i64, high: i64) -> impl Strategy<Value = i64> {
    prop_oneof![
        low..=high,
        Just(high),
        (low / 1_000_000..=high / 1_000_000).prop_map(|p| p * 1_000_000)
    ]
}

fn adjustment() -> impl Strategy<Value = (bool, i64)> {
    prop_oneof![
        (Just(true), micro_percent(-99_999_999, 100_000_000)),
        (Just(false), -99_999_999_999_999i64..100_000_000_000_000),
    ]
}

/// Every semester adds up, no line is negative, every year is the exact total rounded, and each
/// member's year is as close to its share as the README's rounding contract says.
fn check_accounts(
    start: NaiveDate,
    end: NaiveDate,
    annual_cents: i64,
    client_share: u32,
    keys: &[u32],
) -> Result<(), TestCaseError> {
    let c = parse(
        &convention_text(start, end, annual_cents, client_share, keys),
        "random.toml",
    )
    .unwrap();
    let bills = bill(&c, &Usage::new());
    for b in &bills {
        prop_assert_eq!(b.shares.iter().sum::<Decimal>(), b.total, "{}", b.semester);
        prop_assert!(
            b.shares.iter().all(|s| !s.is_sign_negative()),
            "{}: {:?}",
            b.semester,
            b.shares
        );
    }
    for year in c.years() {
        // The year's total, computed independently in integer arithmetic: the exact amount
        // is annual × Σ (days / (2 × semester days)), rounded half-up to the cent.
        let (mut numerator, mut denominator) = (0i128, 1i128);
        for s in Semester::of_year(year) {
            if let Some((_, _, days)) = s.overlap(start, end) {
                let d = 2 * i128::from(s.days());
                numerator = numerator * d + i128::from(days) * denominator;
                denominator *= d;
            }
        }
        let a = i128::from(annual_cents);
        let expected =
            Decimal::from_i128_with_scale((2 * a * numerator + denominator) / (2 * denominator), 2);
        let year_total = year_of(&bills, year, |b| b.total);
        prop_assert_eq!(year_total, expected, "{}", year);
        // The client's year is within a cent of its share of the total; a member's, within
        // a cent above its key's share of the communes' pool, and within a cent below unless
        // a cent it would take back is held by the members ahead of their share: then by
        // no more than what those members hold beyond their shares.
        let client_year = year_of(&bills, year, |b| b.shares[c.client]);
        let client_exact = year_total * c.client_share / Decimal::ONE_HUNDRED;
        prop_assert!(
            (client_year - client_exact).abs() < dec("0.01"),
            "{}: client {} vs {}",
            year,
            client_year,
            client_exact
        );
        let pool = year_total - client_year;
        let first_half: Vec<Decimal> = bills
            .iter()
            .filter(|b| {
                b.semester.year == year
                    && bills
                        .iter()
                        .any(|l| l.semester.year == year && l.semester > b.semester)
            })
            .flat_map(|b| b.shares.clone())
            .collect();
        let exact = |m: usize| pool * c.members[m].key.unwrap_or_default() / Decimal::ONE_HUNDRED;
        let ahead: Decimal = (0..c.members.len())
            .filter(|m| *m != c.client && !first_half.is_empty())
            .map(|m| (first_half[m] - exact(m)).max(Decimal::ZERO))
            .sum();
        for m in (0..c.members.len()).filter(|m| *m != c.client) {
            let part = year_of(&bills, year, |b| b.shares[m]);
            prop_assert!(
                part - exact(m) < dec("0.01"),
                "{} member {}: {} vs {}",
                year,
                m,
                part,
                exact(m)
            );
            let below = exact(m) - part;
            prop_assert!(
                below < dec("0.01") || below <= ahead,
                "{} member {}: {} vs {} ({} ahead)",
                year,
                m,
                part,
                exact(m),
                ahead
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(crate::money::proptest_config(200))]

    #[test]
    fn every_cent_is_accounted_for(
        (start, end) in period(),
        annual_cents in 0i64..10_000_000_000,
        client_share in 0u32..=100,
        keys in keys(),
    ) {
        check_accounts(start, end, annual_cents, client_share, &keys)?;
    }

    #[test]
    fn small_conventions_never_bill_a_negative_line(
        first_day in 0u64..181,
        days_in_s2 in 1u64..15,
        annual_cents in 0i64..1_000,
        client_share in 0u32..=100,
        keys in keys(),
    ) {
        // A few cents and a short S2: where a cent given in S1 is most often not justified by
        // the year.
        let start = date("2021-01-01") + chrono::Days::new(first_day);
        let end = date("2021-06-30") + chrono::Days::new(days_in_s2);
        check_accounts(start, end, annual_cents, client_share, &keys)?;
    }

    #[test]
    fn totals_are_exact_at_any_accepted_value(
        (start, end) in period(),
        annual_cents in money(100_000_000_000_000),
        fte in micro_percent(1, 100_000_000),
        adjustments in prop::collection::vec(adjustment(), 0..3),
    ) {
        let mut cost = format!("fte = \"{}\"\n", Decimal::new(fte, 6));
        for (is_percent, value) in &adjustments {
            let (key, value) = if *is_percent { ("percent", Decimal::new(*value, 6)) } else { ("amount", Decimal::new(*value, 2)) };
            cost += &format!("[[adjustment]]\nlabel = \"x\"\n{key} = \"{value}\"\n");
        }
        let annual = Decimal::new(annual_cents, 2).to_string();
        let Ok(c) = parse(&convention_file(start, end, &annual, &cost, 50, &[100]), "edge.toml") else {
            // A year made negative by its adjustments is refused.
            return Ok(());
        };
        // The exact yearly cost, in big rationals from the figures as written.
        let base = rational_of(&annual) * rational(Decimal::new(fte, 6)) / BigInt::from(100);
        let adjusted: BigRational = adjustments
            .iter()
            .map(|(is_percent, value)| if *is_percent {
                &base * rational(Decimal::new(*value, 6)) / BigInt::from(100)
            } else {
                rational(Decimal::new(*value, 2))
            })
            .fold(base.clone(), |sum, a| sum + a);
        prop_assert_eq!(cents_half_up(&adjusted), in_cents(c.annual(*c.years().start())));
        let bills = bill(&c, &Usage::new());
        for year in c.years() {
            let mut served = BigRational::from(BigInt::from(0));
            let mut billed = BigInt::from(0);
            for b in bills.iter().filter(|b| b.semester.year == year) {
                served += BigRational::new(BigInt::from(b.days), BigInt::from(2 * b.semester_days));
                let so_far = cents_half_up(&(&adjusted * &served));
                prop_assert_eq!(in_cents(b.total), &so_far - &billed, "{}", b.semester);
                billed = so_far;
                prop_assert_eq!(b.shares.iter().sum::<Decimal>(), b.total);
            }
        }
    }
}
