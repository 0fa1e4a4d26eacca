//! The COPIL report for machines: CSV (one row per member) and JSON (the period and the same
//! rows). Exact minutes are given beside rounded hours; percents and amounts are plain
//! decimals with two places, rounded half-up.

use rust_decimal::Decimal;
use serde::Serialize;

use super::Copil;
use crate::convention::Convention;
use crate::display::{plain_amount, plain_number, DecimalMark};

#[derive(Serialize)]
struct Row<'a> {
    member_id: &'a str,
    member_name: &'a str,
    assistance: bool,
    minutes: String,
    hours: String,
    interventions: usize,
    time_share: String,
    cost_share: String,
    points: String,
    cost: String,
    cost_per_hour: String,
    key_by_time: String,
}

#[derive(Serialize)]
struct Document<'a> {
    convention: &'a str,
    first_day: String,
    last_day: String,
    semesters: Vec<String>,
    outside_period: usize,
    members: Vec<Row<'a>>,
}

fn rows<'a>(c: &'a Convention, report: &Copil) -> Vec<Row<'a>> {
    let two = |value: Decimal| plain_amount(value, DecimalMark::Point);
    let or_empty = |value: Option<Decimal>| value.map(two).unwrap_or_default();
    report
        .rows
        .iter()
        .map(|row| {
            let member = &c.members[row.member];
            Row {
                member_id: &member.id,
                member_name: &member.name,
                assistance: member.assistance,
                minutes: plain_number(row.minutes, DecimalMark::Point),
                hours: two(row.minutes / Decimal::from(60)),
                interventions: row.interventions,
                time_share: or_empty(row.time_share),
                cost_share: plain_number(row.cost_share, DecimalMark::Point),
                points: or_empty(row.points()),
                cost: two(row.cost),
                cost_per_hour: or_empty(row.cost_per_hour()),
                key_by_time: row
                    .key_by_time
                    .map(|k| plain_number(k, DecimalMark::Point))
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// One row per member.
pub fn csv(c: &Convention, report: &Copil) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows(c, report) {
        // Writing strings and numbers into memory cannot fail.
        let _ = writer.serialize(row);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The period and the rows.
pub fn json(c: &Convention, report: &Copil) -> String {
    let document = Document {
        convention: &c.name,
        first_day: report.period.first.to_string(),
        last_day: report.period.last.to_string(),
        semesters: report.semesters.iter().map(|s| s.to_string()).collect(),
        outside_period: report.outside,
        members: rows(c, report),
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
