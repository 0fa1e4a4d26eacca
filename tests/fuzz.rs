//! No input crashes oleron-bill: generated convention files, usage files and command lines
//! each give a result or a clean error, never a panic.
//!
//! Each property runs PROPTEST_CASES cases (256 by default, a few seconds in all); to fuzz
//! longer: `PROPTEST_CASES=100000 cargo test --release --test fuzz`. A failure is printed
//! with its smallest input; keep it as a case in `regressions` below once fixed.

mod common;

use chrono::Datelike;
use oleron_bill::billing::{self, Usage};
use oleron_bill::commands::check;
use oleron_bill::convention::{self, Convention, EMBEDDED};
use oleron_bill::export::{CsvDialect, CsvExport, Export, JsonExport, Report, Scope, TableExport};
use oleron_bill::{rebill, usage};
use proptest::prelude::*;

/// Computes and renders everything a convention and its usage can give.
fn exercise(c: &Convention, usage: &Usage) {
    let bills = billing::bill(c, usage);
    let mut scopes = vec![Scope::Convention];
    scopes.extend(c.years().map(Scope::Year));
    scopes.extend(bills.iter().map(|b| Scope::Semester(b.semester)));
    let exports: [&dyn Export; 4] = [
        &TableExport { width: None },
        &JsonExport,
        &CsvExport {
            dialect: CsvDialect::STANDARD,
        },
        &CsvExport {
            dialect: CsvDialect::EXCEL_FR,
        },
    ];
    for scope in scopes {
        let report = Report {
            convention: c,
            scope,
            usage,
            with_usage: !usage.is_empty(),
        };
        for export in exports {
            export
                .write(&report, &mut std::io::sink())
                .unwrap()
                .unwrap();
        }
    }
    check::summary(c, &bills);
    // One year (the first, often partial): the documents are the slowest part to render, and
    // the other years are alike.
    // Titres de recettes are in euros: rebill refuses another currency, as tests/rebill.rs shows.
    let years = if c.currency == "EUR" { 1 } else { 0 };
    for year in c.years().take(years) {
        let of_year: Vec<_> = bills
            .iter()
            .filter(|b| b.semester.year == year)
            .cloned()
            .collect();
        let mut rebilling = rebill::rebill(c, year, &of_year, &[], CsvDialect::STANDARD).unwrap();
        for i in 0..rebill::file_names(c, year).len() {
            rebilling.file(i).unwrap();
        }
    }
}

fn oleron() -> Convention {
    convention::parse(EMBEDDED, "oleron.toml").unwrap()
}

/// Values a hand-edited file may hold where a number, a date or a name is expected.
fn tricky_value() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "",
            "0",
            "-0",
            "-1",
            "1",
            "50",
            "100",
            "100.000001",
            "100.0000001",
            "0.000001",
            "1e400",
            "-1e400",
            "nan",
            "inf",
            "\"45 000 €\"",
            "\"\"",
            "\"%\"",
            "\"-0\"",
            "\"22.5%\"",
            "999999999999.99",
            "1000000000000",
            "-999999999999.99",
            "\"0.001\"",
            "18446744073709551616",
            "-9223372036854775808",
            "2020-02-30",
            "2020-02-29",
            "0000-01-01",
            "9999-12-31",
            "2022-06-30",
            "2022-07-01",
            "2021-12-31",
            "1979-05-27T07:32:00Z",
            "07:32:00",
            "[2020, 2020]",
            "[]",
            "[2021]",
            "[-1]",
            "true",
            "\"cdc\"",
            "\"dolus-d-oleron\"",
            "{}",
            "[[]]",
            "\"Saint Denys d'Oléron\"",
            "\"é\"",
            "'''\n'''",
        ])
        .prop_map(String::from),
        "[ -~]{0,12}",
        any::<String>().prop_map(|s| s.chars().take(12).collect()),
    ]
}

/// The embedded convention with a few lines deleted, doubled, or given another value.
fn edited_convention() -> impl Strategy<Value = String> {
    let lines: Vec<String> = EMBEDDED.lines().map(String::from).collect();
    let count = lines.len();
    prop::collection::vec((0..count, 0..4u8, tricky_value()), 1..3).prop_map(move |edits| {
        let mut lines = lines.clone();
        for (at, kind, value) in edits {
            let at = at % lines.len().max(1);
            match kind {
                0 if !lines.is_empty() => {
                    lines.remove(at);
                }
                1 if !lines.is_empty() => {
                    let line = lines[at].clone();
                    lines.insert(at, line);
                }
                2 => match lines.get(at).and_then(|l| l.split_once(" = ")) {
                    Some((key, _)) => lines[at] = format!("{key} = {value}"),
                    None => lines.insert(at, value),
                },
                _ => lines.insert(at, value),
            }
        }
        lines.join("\n")
    })
}

/// The date, member, service and quantity of a line.
fn usage_line() -> impl Strategy<Value = [String; 4]> {
    // Mostly valid fields, so that most files are read through; now and then a tricky one.
    let date = prop_oneof![
        20 => (2020u32..2023, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        10 => (2020u32..2023, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{d}/{m}/{y}")),
        1 => prop_oneof![
            (0u32..10000, 0u32..14, 0u32..33).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
            "[-/0-9]{0,11}",
        ],
    ];
    let member = prop_oneof![
        30 => prop::sample::select(vec![
            "cdc", "dolus-d-oleron", "Saint Denys d'Oléron", "ST-GEORGES-D'OLÉRON", "la bree les bains",
            " Le Château-d'Oléron ", "\"saint-pierre-d-oleron\"",
        ])
        .prop_map(String::from),
        1 => prop_oneof![
            prop::sample::select(vec!["", "  ", "x", "ﬁ", "é", "\"quoted, with comma\"", "saint"]).prop_map(String::from),
            any::<String>().prop_map(|s| s.chars().take(20).collect()),
        ],
    ];
    let service = prop_oneof![
        30 => prop::sample::select(vec!["formation", "AMO", "club", "copil", "forum"]),
        1 => prop::sample::select(vec!["", "x", "amo ", "formations"]),
    ];
    let quantity = prop_oneof![
        24 => "[0-9]{1,3}([.,][0-9]{1,3})?",
        4 => "[0-9]{1,9}([.,][0-9]{1,6})?",
        1 => "[-0-9.,]{0,14}",
        1 => any::<String>().prop_map(|s| s.chars().take(6).collect()),
    ];
    (date, member, service, quantity).prop_map(|(d, m, s, q)| [d, m, s.to_string(), q])
}

/// A usage file: a header in some order and dialect, then lines, or else any bytes at all.
fn usage_file() -> impl Strategy<Value = Vec<u8>> {
    let names = ["date", "member", "service", "quantity"];
    let layout = (
        prop::sample::select(vec![',', ';']),
        any::<bool>(),
        Just([0usize, 1, 2, 3]).prop_shuffle(),
        prop_oneof![8 => Just(4usize), 1 => 0usize..4],
    );
    let file = (layout, prop::collection::vec(usage_line(), 0..20)).prop_map(
        move |((sep, bom, order, columns), lines)| {
            let quote = |field: &str| {
                if field.contains(sep) || field.contains('"') || field.contains('\n') {
                    format!("\"{}\"", field.replace('"', "\"\""))
                } else {
                    field.to_string()
                }
            };
            let header: Vec<&str> = order.iter().take(columns).map(|&i| names[i]).collect();
            let mut text = if bom {
                "\u{feff}".to_string()
            } else {
                String::new()
            };
            text += &header.join(&sep.to_string());
            for line in lines {
                let fields: Vec<String> = order
                    .iter()
                    .take(columns)
                    .map(|&i| quote(&line[i]))
                    .collect();
                text += &format!("\n{}", fields.join(&sep.to_string()));
            }
            text.into_bytes()
        },
    );
    prop_oneof![9 => file, 1 => prop::collection::vec(any::<u8>(), 0..300)]
}

/// A decimal with up to `places` decimals below `limit` (in units of the last place).
fn decimal(limit: i64, places: u32) -> impl Strategy<Value = rust_decimal::Decimal> {
    prop_oneof![
        1 => Just(limit - 1),
        1 => Just(0),
        8 => 0..limit,
    ]
    .prop_map(move |units| rust_decimal::Decimal::new(units, places))
}

/// A valid-looking convention at the edges of what a file may hold: any dates from year 0 to
/// 9999, prices up to a trillion, percents with six decimals, many small keys.
fn extreme_convention() -> impl Strategy<Value = String> {
    let period = (
        0i32..9990,
        0u32..366,
        0u32..(366 * 8),
        prop::option::of(0u32..(366 * 8)),
    );
    let adjustment = (
        any::<bool>(),
        decimal(200_000_000, 6),
        decimal(199_999_999_999_999, 2),
        prop::option::of(0i32..9),
    );
    (
        period,
        decimal(100_000_000_000_000, 2),
        decimal(100_000_000, 6),
        prop::collection::vec(adjustment, 0..4),
        decimal(100_000_001, 6),
        prop::collection::vec(1i64..100_000_000, 0..11),
        prop::collection::vec(decimal(100_000_000_000_000, 2), 0..4),
    )
        .prop_map(|((year, day, length, terminated), annual, fte, adjustments, client_share, cuts, prices)| {
            let start = chrono::NaiveDate::from_ymd_opt(year, 1, 1).unwrap() + chrono::Days::new(day.into());
            let end = start + chrono::Days::new(length.into());
            let mut text = format!(
                "[convention]\nname = \"x\"\nprovider = \"p\"\nclient = \"c\"\nstart = {start}\nend = {end}\n"
            );
            let terminated = terminated.filter(|t| *t <= length).map(|t| start + chrono::Days::new(t.into()));
            if let Some(t) = terminated {
                text += &format!("terminated = {t}\n");
            }
            let (first_year, last_year) = (start.year(), terminated.unwrap_or(end).year());
            text += &format!("[cost]\nlabel = \"a\"\nannual = \"{annual}\"\nfte = \"{}\"\n", fte.max(rust_decimal::Decimal::new(1, 6)));
            for (is_percent, percent, amount, offset) in adjustments {
                let change = if is_percent {
                    format!("percent = \"{}\"", percent - rust_decimal::Decimal::ONE_HUNDRED)
                } else {
                    format!("amount = \"{}\"", amount - rust_decimal::Decimal::new(99_999_999_999_999, 2))
                };
                let years = offset
                    .map(|o| format!("\nyears = [{}]", first_year + o % (last_year - first_year + 1)))
                    .unwrap_or_default();
                text += &format!("[[adjustment]]\nlabel = \"adj\"\n{change}{years}\n");
            }
            text += &format!("[split]\nclient_share = \"{client_share}\"\n[[member]]\nid = \"c\"\nname = \"Client\"\n");
            // Keys in millionths of a percent, cut from 100 % at random points.
            let mut bounds: Vec<i64> = cuts;
            bounds.extend([0, 100_000_000]);
            bounds.sort_unstable();
            bounds.dedup();
            for (i, w) in bounds.windows(2).enumerate() {
                text += &format!("[[member]]\nid = \"m{i}\"\nname = \"Member {i}\"\nkey = \"{}\"\n", rust_decimal::Decimal::new(w[1] - w[0], 6));
            }
            for (i, price) in prices.iter().enumerate() {
                text += &format!("[[service]]\nid = \"s{i}\"\nlabel = \"S\"\nunit = \"u\"\nprice = \"{price}\"\n");
            }
            text
        })
}

proptest! {
    #[test]
    fn any_edit_of_the_convention_is_read_or_refused(text in edited_convention()) {
        if let Ok(c) = convention::parse(&text, "edited.toml") {
            exercise(&c, &Usage::new());
        }
    }

    #[test]
    fn conventions_at_the_edges_compute(text in extreme_convention(), quantities in prop::collection::vec(decimal(1_000_000_000_000_000_000, 6), 0..6)) {
        let c = convention::parse(&text, "extreme.toml");
        if let Ok(c) = c {
            // Sums of quantities as large as a usage file may hold, on the first semesters.
            let (members, services) = (c.members.len(), c.services.len());
            let usage: Usage = billing::bill(&c, &Usage::new())
                .iter()
                .zip(&quantities)
                .flat_map(|(b, q)| (0..members).flat_map(move |m| (0..services).map(move |s| ((b.semester, m, s), *q))))
                .collect();
            exercise(&c, &usage);
        } else {
            // Only a year that its adjustments make negative, or 10^12 and more, may be refused.
            let message = c.unwrap_err().to_string();
            prop_assert!(
                message.contains("is negative") || message.contains("once adjusted, too large"),
                "{}\n{}",
                message,
                text
            );
        }
    }

    #[test]
    fn any_text_as_a_convention_is_refused_cleanly(text in any::<String>()) {
        prop_assert!(convention::parse(&text, "noise.toml").is_err());
    }

    #[test]
    fn any_usage_file_is_read_or_refused(bytes in usage_file()) {
        let c = oleron();
        if let Ok(u) = usage::read(&bytes[..], "usage.csv", &c) {
            exercise(&c, &u);
        }
    }
}

proptest! {
    // Each case starts the binary: fewer of them.
    #![proptest_config(ProptestConfig { cases: ProptestConfig::default().cases / 8, ..ProptestConfig::default() })]

    #[test]
    fn any_year_and_semester_on_the_command_line(
        year in prop_oneof!["-?[0-9]{1,12}", "[ -~]{0,6}"],
        semester in prop_oneof!["[0-9]{1,4}", "[ -~]{0,3}"],
        format in prop::sample::select(vec!["table", "csv", "json"]),
    ) {
        let mut run = common::oleron_bill(&["--format", format, &year, "--semester", &semester]);
        let out = run.command_output();
        match out.code {
            Some(0) => prop_assert!(out.stderr.is_empty()),
            Some(2) => {
                prop_assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
                prop_assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
            }
            other => prop_assert!(false, "exit {:?}: {}", other, out.stderr),
        }
    }
}
