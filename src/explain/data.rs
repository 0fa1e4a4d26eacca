//! The explanation as JSON, for an auditor's script. Amounts are strings: cents with two
//! decimals, exact amounts with all their decimals or as "numerator/denominator" when they have
//! no end, so that no reader turns them into floats.

use std::io;

use serde::Serialize;

use crate::convention::Convention;
use crate::derivation::{Derivation, Part, Rule, SemesterDerivation, Sharing, Who};
use crate::display::{plain_amount, plain_number, DecimalMark::Point};
use crate::money::Exact;

#[derive(Serialize)]
struct Document<'a> {
    convention: &'a str,
    currency: &'a str,
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    member_id: Option<&'a str>,
    base: String,
    adjustments: Vec<Adjustment<'a>>,
    annual: String,
    semesters: Vec<SemesterData<'a>>,
}

#[derive(Serialize)]
struct Adjustment<'a> {
    label: &'a str,
    amount: String,
}

#[derive(Serialize)]
struct SemesterData<'a> {
    year: i32,
    semester: u8,
    first_day: String,
    last_day: String,
    days: i64,
    semester_days: i64,
    /// The part of the year served so far.
    year_fraction: String,
    exact_so_far: String,
    so_far: String,
    before: String,
    amount: String,
    split: SharingData<'a>,
    pool: SharingData<'a>,
    extras: Vec<ExtraData<'a>>,
}

#[derive(Serialize)]
struct SharingData<'a> {
    total: String,
    leftover_cents: usize,
    parts: Vec<PartData<'a>>,
}

#[derive(Serialize)]
struct PartData<'a> {
    /// A member's id, or "pool" for the communes' part of the split.
    id: &'a str,
    weight: String,
    exact: String,
    floor: String,
    remainder: String,
    rank: usize,
    /// Whether the plain largest remainder gives it a leftover cent.
    leftover_cent: bool,
    /// What put it before the first part left without a cent (if it got one), or after the
    /// last part that got one: "larger_remainder", "larger_weight" or "declared_first".
    decided_by: Option<&'static str>,
    /// That other part.
    decided_against: Option<&'a str>,
    largest_remainder: String,
    before: String,
    after: String,
    amount: String,
    /// Whether the bill keeps a cent given earlier in the year instead of the largest
    /// remainder.
    never_taken_back: bool,
}

#[derive(Serialize)]
struct ExtraData<'a> {
    member_id: &'a str,
    service_id: &'a str,
    quantity: String,
    price: String,
    exact: String,
    amount: String,
}

/// The explanation as a JSON document.
pub fn write_json(c: &Convention, e: &Derivation, to: &mut dyn io::Write) -> io::Result<()> {
    let document = Document {
        convention: &c.name,
        currency: &c.currency,
        year: e.year,
        member_id: e.member.map(|m| c.members[m].id.as_str()),
        base: e.base.plain(),
        adjustments: e
            .adjustments
            .iter()
            .map(|(label, amount)| Adjustment {
                label,
                amount: amount.plain(),
            })
            .collect(),
        annual: e.annual.plain(),
        semesters: e.semesters.iter().map(|s| semester(c, s)).collect(),
    };
    serde_json::to_writer_pretty(&mut *to, &document)?;
    to.write_all(b"\n")
}

fn semester<'a>(c: &'a Convention, s: &SemesterDerivation) -> SemesterData<'a> {
    SemesterData {
        year: s.semester.year,
        semester: s.semester.half,
        first_day: s.first_day.to_string(),
        last_day: s.last_day.to_string(),
        days: s.days,
        semester_days: s.semester_days,
        year_fraction: format!("{}/{}", s.fraction.numerator(), s.fraction.denominator()),
        exact_so_far: s.exact_so_far.plain(),
        so_far: plain_cents(s.so_far),
        before: plain_cents(s.before),
        amount: plain_cents(s.amount),
        split: sharing(c, &s.split),
        pool: sharing(c, &s.pool),
        extras: s
            .extras
            .iter()
            .map(|x| ExtraData {
                member_id: &c.members[x.member].id,
                service_id: &c.services[x.service].id,
                quantity: plain_number(x.quantity, Point),
                price: plain_amount(x.price, Point),
                exact: x.exact.plain(),
                amount: plain_amount(x.amount, Point),
            })
            .collect(),
    }
}

fn sharing<'a>(c: &'a Convention, s: &Sharing) -> SharingData<'a> {
    SharingData {
        total: plain_cents(s.total),
        leftover_cents: s.leftover.as_usize(),
        parts: s.parts.iter().map(|p| part(c, p)).collect(),
    }
}

fn part<'a>(c: &'a Convention, p: &Part) -> PartData<'a> {
    PartData {
        id: id(c, p.who),
        weight: plain_number(p.weight, Point),
        exact: p.exact.plain(),
        floor: plain_cents(p.floor),
        remainder: p.remainder.plain(),
        rank: p.rank,
        leftover_cent: p.cent,
        decided_by: p.decision.map(|d| match d.rule {
            Rule::LargerRemainder => "larger_remainder",
            Rule::LargerWeight => "larger_weight",
            Rule::DeclaredFirst => "declared_first",
        }),
        decided_against: p.decision.map(|d| id(c, d.against)),
        largest_remainder: plain_cents(p.largest_remainder),
        before: plain_cents(p.before),
        after: plain_cents(p.after),
        amount: plain_cents(p.amount()),
        never_taken_back: p.never_taken_back(),
    }
}

fn id(c: &Convention, who: Who) -> &str {
    match who {
        Who::Member(m) => &c.members[m].id,
        Who::Pool => "pool",
    }
}

fn plain_cents(cents: ethnum::I256) -> String {
    Exact::cents(cents).plain()
}
