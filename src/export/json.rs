//! JSON: the same lines as the CSV, plus each semester's totals; amounts are strings with two
//! decimals so that no reader turns them into floats. The document is written as it is
//! serialized: the semesters and the lines are sequences computed while they are written.

use std::io::{self, Write};
use std::slice;

use serde::{Serialize, Serializer};

use super::{Export, Report};
use crate::billing::SemesterBill;
use crate::display::{plain_amount, plain_number, DecimalMark::Point};
use crate::error::Result;
use crate::export::lines::{lines, Line};

pub struct JsonExport;

#[derive(Serialize)]
struct Document<'a> {
    convention: &'a str,
    provider: &'a str,
    client: &'a str,
    currency: &'a str,
    semesters: Semesters<'a>,
    lines: Lines<'a>,
}

/// The totals of every semester of a report, computed as they are serialized.
struct Semesters<'a>(&'a Report<'a>);

/// The lines of every semester of a report, computed as they are serialized.
struct Lines<'a>(&'a Report<'a>);

#[derive(Serialize)]
struct SemesterTotals {
    year: i32,
    semester: u8,
    first_day: String,
    last_day: String,
    billing_date: String,
    advisor: String,
    extras: String,
    invoice: String,
}

#[derive(Serialize)]
struct JsonLine<'a> {
    year: i32,
    semester: u8,
    billing_date: String,
    member_id: &'a str,
    member_name: &'a str,
    item: &'a str,
    label: String,
    quantity: String,
    unit: &'a str,
    unit_price: String,
    amount: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    account: Option<&'a str>,
}

impl Export for JsonExport {
    fn write(&self, report: &Report, out: &mut dyn Write) -> Result<io::Result<()>> {
        let c = report.convention;
        let document = Document {
            convention: &c.name,
            provider: &c.provider,
            client: &c.client().id,
            currency: &c.currency,
            semesters: Semesters(report),
            lines: Lines(report),
        };
        // Strings and integers always serialize: an error is the output's.
        Ok(document
            .serialize(&mut serde_json::Serializer::pretty(&mut *out))
            .map_err(io::Error::from)
            .and_then(|()| out.write_all(b"\n")))
    }
}

impl Serialize for Semesters<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.bills().map(|b| totals(&b)))
    }
}

impl Serialize for Lines<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let c = self.0.convention;
        serializer.collect_seq(self.0.bills().flat_map(|bill| {
            lines(c, slice::from_ref(&bill), |_| true)
                .into_iter()
                .map(json_line)
        }))
    }
}

fn totals(b: &SemesterBill) -> SemesterTotals {
    SemesterTotals {
        year: b.semester.year,
        semester: b.semester.half,
        first_day: b.first_day.to_string(),
        last_day: b.last_day.to_string(),
        billing_date: b.billing_date.to_string(),
        advisor: plain_amount(b.total, Point),
        extras: plain_amount(b.extras_total(), Point),
        invoice: plain_amount(b.invoice_total(), Point),
    }
}

fn json_line(l: Line) -> JsonLine {
    JsonLine {
        year: l.semester.year,
        semester: l.semester.half,
        billing_date: l.billing_date.to_string(),
        member_id: &l.member.id,
        member_name: &l.member.name,
        item: l.item,
        label: l.label,
        quantity: plain_number(l.quantity, Point),
        unit: l.unit,
        unit_price: plain_amount(l.unit_price, Point),
        amount: plain_amount(l.amount, Point),
        account: l.account,
    }
}
