//! JSON: the same lines as the CSV, plus each semester's totals; amounts are strings with two
//! decimals so that no reader turns them into floats.

use serde::Serialize;

use super::{Export, Report};
use crate::billing::lines::lines;
use crate::display::{plain_amount, plain_number, DecimalMark::Point};
use crate::error::Result;

pub struct JsonExport;

#[derive(Serialize)]
struct Document<'a> {
    convention: &'a str,
    provider: &'a str,
    client: &'a str,
    currency: &'a str,
    semesters: Vec<SemesterTotals>,
    lines: Vec<JsonLine<'a>>,
}

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
    fn render(&self, report: &Report) -> Result<Vec<u8>> {
        let c = report.convention;
        let document = Document {
            convention: &c.name,
            provider: &c.provider,
            client: &c.client().id,
            currency: &c.currency,
            semesters: report
                .bills
                .iter()
                .map(|b| SemesterTotals {
                    year: b.semester.year,
                    semester: b.semester.half,
                    first_day: b.first_day.to_string(),
                    last_day: b.last_day.to_string(),
                    billing_date: b.billing_date.to_string(),
                    advisor: plain_amount(b.total, Point),
                    extras: plain_amount(b.extras_total(), Point),
                    invoice: plain_amount(b.invoice_total(), Point),
                })
                .collect(),
            lines: lines(c, &report.bills, |_| true)
                .into_iter()
                .map(|l| JsonLine {
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
                })
                .collect(),
        };
        // Strings and integers always serialize.
        let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
        text.push('\n');
        Ok(text.into_bytes())
    }
}
