//! The files the bench runs the program on, generated afresh in a temporary folder: the same
//! bytes on every run, from a fixed sequence of numbers.

use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};

use rust_decimal::Decimal;

/// Lines of the usage log of section 1.
pub const LINES: usize = 1_000_000;
/// Lines of each usage file of section 2.
pub const SPELLING_LINES: usize = 500_000;
/// Members of the convention of section 2 besides the client, each spelled one way.
pub const SPELLED: usize = 500;
/// The members of section 2's few spellings.
pub const FEW: usize = 10;

/// Each Oléron member as a usage file may write it: by its id or by its name.
const OLERON: [&str; 9] = [
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
const OLERON_SERVICES: [&str; 5] = ["formation", "amo", "club", "copil", "forum"];

/// A fixed linear congruential sequence: the same files on every run.
struct Sequence(u64);

impl Sequence {
    /// The next number below `n`.
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

fn create(path: &Path) -> std::io::BufWriter<std::fs::File> {
    std::io::BufWriter::new(std::fs::File::create(path).unwrap())
}

/// A quantity of 0.25 to 10, in quarters.
fn quantity(next: &mut impl FnMut(u64) -> u64) -> Decimal {
    Decimal::new((next(40) as i64 + 1) * 25, 2)
}

/// Writes `LINES` lines over 2021 for the embedded Oléron convention, its nine members spelled
/// as people do, with a note column the program ignores; returns the sum of their quantities.
pub fn usage_log(path: &Path) -> Decimal {
    let mut out = create(path);
    writeln!(out, "date,member,service,quantity,note").unwrap();
    let mut sequence = Sequence(0x2021);
    let mut next = |n| sequence.below(n);
    let mut sum = Decimal::ZERO;
    for i in 0..LINES {
        let quantity = quantity(&mut next);
        sum += quantity;
        let (month, day) = (next(12) + 1, next(28) + 1);
        let member = OLERON[next(9) as usize];
        let service = OLERON_SERVICES[next(5) as usize];
        writeln!(
            out,
            "2021-{month:02}-{day:02},{member},{service},{quantity},ligne {i}"
        )
        .unwrap();
    }
    out.flush().unwrap();
    sum
}

/// The Oléron convention's head (its period changed to end with `last_year`), then `members`
/// given as TOML, then the services and rebilling tables, without the published figures
/// (which a convention of other members would not match).
fn convention_text(last_year: u32, members: &str, services: Option<&str>) -> String {
    let oleron = include_str!("../../conventions/oleron-2020-2022.toml");
    let head = &oleron[..oleron.find("[[member]]").unwrap()];
    let head = head.replacen("end = 2022-12-31", &format!("end = {last_year}-12-31"), 1);
    let rest = &oleron[oleron.find("# Article 7.3").unwrap()..oleron.find("# Figures").unwrap()];
    let rest = match services {
        Some(services) => format!("{services}{}", &rest[rest.find("[rebilling]").unwrap()..]),
        None => rest.to_string(),
    };
    format!("{head}[[member]]\nid = \"cdc\"\nname = \"Cdc\"\n\n{members}{rest}")
}

/// The convention and the two usage files of section 2: 501 members (the client and
/// "Commune 100" to "Commune 599", each bearing a 500th of the communes' part) and three
/// services; `SPELLING_LINES` lines of 2021's first semester spread over the 500 communes,
/// and the same lines over 10 of them, byte for byte as long.
pub fn spellings(dir: &Path) -> (PathBuf, PathBuf, PathBuf) {
    let mut members = String::new();
    let key = Decimal::from(100) / Decimal::from(SPELLED);
    for i in 100..100 + SPELLED {
        write!(
            members,
            "[[member]]\nid = \"m{i}\"\nname = \"Commune {i}\"\nkey = \"{key}\"\n\n"
        )
        .unwrap();
    }
    let services: String = [("formation", "100.00"), ("amo", "60.00"), ("club", "0")]
        .iter()
        .map(|(id, price)| {
            format!(
                "[[service]]\nid = \"{id}\"\nlabel = \"{id}\"\nunit = \"jour\"\nprice = \"{price}\"\n\n"
            )
        })
        .collect();
    let convention = dir.join("convention-501.toml");
    std::fs::write(
        &convention,
        convention_text(2022, &members, Some(&services)),
    )
    .unwrap();
    let (few, many) = (dir.join("usage-10.csv"), dir.join("usage-500.csv"));
    let (mut out_few, mut out_many) = (create(&few), create(&many));
    for out in [&mut out_few, &mut out_many] {
        writeln!(out, "date,member,service,quantity").unwrap();
    }
    let mut sequence = Sequence(0x500);
    let mut next = |n| sequence.below(n);
    for _ in 0..SPELLING_LINES {
        let quantity = quantity(&mut next);
        let (month, day) = (next(6) + 1, next(28) + 1);
        let member = next(SPELLED as u64) as usize;
        let service = ["formation", "amo", "club"][next(3) as usize];
        for (out, commune) in [(&mut out_few, member % FEW), (&mut out_many, member)] {
            let commune = 100 + commune;
            writeln!(
                out,
                "2021-{month:02}-{day:02},Commune {commune},{service},{quantity}"
            )
            .unwrap();
        }
    }
    out_few.flush().unwrap();
    out_many.flush().unwrap();
    (convention, few, many)
}

/// A convention of many members over some years, and the files to run every command on.
pub struct Large {
    pub convention: PathBuf,
    /// One order a member and a semester: formation in the first, AMO in the second.
    pub usage: PathBuf,
    /// One intervention a member and a semester, for the COPIL.
    pub interventions: PathBuf,
}

/// A convention of `members` communes sharing the key evenly (`members` divides 100 into a
/// short decimal), over the Oléron convention's services and `years` years from 2020, and
/// its usage and interventions files. Members are written tersely, to stay within the 1 MiB a
/// convention file may hold.
pub fn large(dir: &Path, members: usize, years: u32) -> Large {
    let key = Decimal::from(100) / Decimal::from(members);
    let mut text = String::new();
    for i in 0..members {
        write!(text, "[[member]]\nid=\"m{i}\"\nname=\"C {i}\"\nkey={key}\n").unwrap();
    }
    let name = format!("{members}-{years}");
    let convention = dir.join(format!("convention-{name}.toml"));
    std::fs::write(&convention, convention_text(2019 + years, &text, None)).unwrap();
    let usage = dir.join(format!("usage-{name}.csv"));
    let interventions = dir.join(format!("interventions-{name}.csv"));
    let (mut orders, mut times) = (create(&usage), create(&interventions));
    writeln!(orders, "date,member,service,quantity").unwrap();
    writeln!(times, "date,member,duration").unwrap();
    for i in 0..members {
        for year in 2020..2020 + years {
            let quantity = i % 7 + 1;
            writeln!(orders, "{year}-03-15,C {i},formation,{quantity}").unwrap();
            writeln!(orders, "{year}-09-15,C {i},amo,{quantity}").unwrap();
            writeln!(times, "{year}-02-10,C {i},1h30").unwrap();
            writeln!(times, "{year}-10-10,C {i},0.75").unwrap();
        }
    }
    orders.flush().unwrap();
    times.flush().unwrap();
    Large {
        convention,
        usage,
        interventions,
    }
}
