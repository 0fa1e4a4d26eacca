//! `cargo bench`: oleron-bill's speed against baselines, side by side in one run.
//!
//! 1. `oleron-bill 2021 --usage FILE --format csv` on a generated 1,000,000-line usage file,
//!    against a baseline that only parses the same file with the csv crate and sums its
//!    quantity column as decimals. Target: at most 1.3×.
//! 2. `oleron-bill 2021 --semester 2` on the embedded convention, against the trivial start of
//!    the same binary (`oleron-bill --version`), then of the smallest program (`true`).
//!    Target: at most 2×.
//!
//! 3. The peak resident memory of this process after it has read the same file with
//!    `usage::read`, as the binary does. Target: under 30 MB.
//!
//! Each figure is the median of several runs, the two sides taking turns; the binary runs as
//! a child process, the baseline in this one.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use oleron_bill::{convention, usage};
use rust_decimal::Decimal;

const LINES: usize = 1_000_000;
const MEMBERS: [&str; 9] = [
    "cdc",
    "saint-trojan-les-bains",
    "Le Grand-Village-Plage",
    "le-chateau-d-oleron",
    "Dolus-d'Oléron",
    "saint-pierre-d-oleron",
    "Saint Georges d'Oléron",
    "la-bree-les-bains",
    "Saint Denys d'Oléron",
];
const SERVICES: [&str; 5] = ["formation", "amo", "club", "copil", "forum"];

fn main() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let usage = dir.path().join("usage.csv");
    let expected = generate(&usage);
    let binary = env!("CARGO_BIN_EXE_oleron-bill");

    let usage = usage.to_str().expect("a UTF-8 path");
    let (baseline, ours) = side_by_side(
        11,
        || assert_eq!(parse_and_sum(Path::new(usage)), expected),
        || run(binary, &["2021", "--format", "csv", "--usage", usage]),
    );
    report(
        &format!("usage file of {LINES} lines"),
        "csv parse + sum",
        baseline,
        ours,
        1.3,
    );

    let (start, statement) = side_by_side(
        101,
        || run(binary, &["--version"]),
        || run(binary, &["2021", "--semester", "2"]),
    );
    report("2021 --semester 2", "--version", start, statement, 2.0);
    let (bare, statement) = side_by_side(
        101,
        || run("true", &[]),
        || run(binary, &["2021", "--semester", "2"]),
    );
    report("2021 --semester 2", "`true`", bare, statement, 2.0);

    let c = convention::parse(convention::EMBEDDED, convention::EMBEDDED_NAME)
        .expect("the embedded convention");
    let file = std::fs::File::open(usage).expect("the usage file");
    let sums = usage::read(file, usage, &c).expect("a valid usage file");
    assert_eq!(sums.values().copied().sum::<Decimal>(), expected);
    match peak_memory_kb() {
        Some(kb) => println!(
            "peak resident memory after reading {LINES} lines: {:.1} MB ({} the 30 MB target)",
            kb as f64 / 1024.0,
            if kb < 30 * 1024 { "within" } else { "OVER" }
        ),
        None => println!("peak resident memory: not measured (no /proc/self/status)"),
    }
}

/// The peak resident set size of this process (Linux), in kB.
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Writes a usage file of `LINES` lines over 2021; returns the sum of its quantities.
fn generate(path: &Path) -> Decimal {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("the usage file"));
    writeln!(out, "date,member,service,quantity,note").unwrap();
    let mut seed: u64 = 0x2021;
    let mut next = |n: u64| {
        // A fixed linear congruential sequence: the same file on every run.
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let mut sum = Decimal::ZERO;
    for i in 0..LINES {
        let quarters = next(40) + 1;
        let quantity = Decimal::new(quarters as i64 * 25, 2);
        sum += quantity;
        writeln!(
            out,
            "2021-{:02}-{:02},{},{},{},ligne {i}",
            next(12) + 1,
            next(28) + 1,
            MEMBERS[next(9) as usize],
            SERVICES[next(5) as usize],
            quantity
        )
        .unwrap();
    }
    out.flush().unwrap();
    sum
}

/// The baseline: parse the file with the csv crate, sum the quantities as decimals.
fn parse_and_sum(path: &Path) -> Decimal {
    let mut reader = csv::Reader::from_path(path).expect("the usage file");
    let mut record = csv::StringRecord::new();
    let mut sum = Decimal::ZERO;
    while reader.read_record(&mut record).expect("a record") {
        sum += record[3].parse::<Decimal>().expect("a quantity");
    }
    sum
}

fn run(binary: &str, args: &[&str]) {
    let status = Command::new(binary)
        .args(args)
        .stdout(Stdio::null())
        .status()
        .expect("oleron-bill runs");
    assert!(status.success(), "oleron-bill {args:?} failed");
}

/// The median times of `baseline` and `ours`, run in turn so that both see the same load.
fn side_by_side(
    runs: usize,
    mut baseline: impl FnMut(),
    mut ours: impl FnMut(),
) -> (Duration, Duration) {
    let time = |f: &mut dyn FnMut()| {
        let start = Instant::now();
        f();
        start.elapsed()
    };
    let (mut base_times, mut our_times): (Vec<_>, Vec<_>) = (0..runs)
        .map(|_| (time(&mut baseline), time(&mut ours)))
        .unzip();
    base_times.sort();
    our_times.sort();
    (base_times[runs / 2], our_times[runs / 2])
}

fn report(what: &str, baseline_name: &str, baseline: Duration, ours: Duration, target: f64) {
    let ratio = ours.as_secs_f64() / baseline.as_secs_f64();
    let verdict = if ratio <= target { "within" } else { "OVER" };
    println!(
        "{what}: oleron-bill {:.1} ms, {baseline_name} {:.1} ms, ratio {ratio:.2} ({verdict} the {target}× target)",
        ours.as_secs_f64() * 1e3,
        baseline.as_secs_f64() * 1e3,
    );
}
