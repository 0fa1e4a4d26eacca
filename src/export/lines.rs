//! The bills as line items, one per (semester, member, item), with the label the ledger shows:
//! the rows of the CSV, JSON and workbook exports and of the rebilling's ledger file.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::billing::SemesterBill;
use crate::calendar::Semester;
use crate::convention::{Convention, Member};
use crate::display::fr_number;

/// The `item` of a member's share of the advisor's cost; other items are service ids.
pub const ADVISOR: &str = "advisor";

#[derive(Debug, Clone)]
pub struct Line<'a> {
    pub semester: Semester,
    pub billing_date: NaiveDate,
    pub member: &'a Member,
    pub item: &'a str,
    pub label: String,
    pub quantity: Decimal,
    pub unit: &'a str,
    pub unit_price: Decimal,
    pub amount: Decimal,
    pub account: Option<&'a str>,
}

/// The lines of `bills` for the members `wanted` accepts: each member's share of the advisor,
/// then each service it ordered.
pub fn lines<'a>(
    c: &'a Convention,
    bills: &[SemesterBill],
    wanted: impl Fn(usize) -> bool,
) -> Vec<Line<'a>> {
    let mut lines = Vec::new();
    for bill in bills {
        for (m, member) in c.members.iter().enumerate().filter(|(m, _)| wanted(*m)) {
            lines.push(Line {
                semester: bill.semester,
                billing_date: bill.billing_date,
                member,
                item: ADVISOR,
                label: advisor_label(c, m, bill.semester),
                quantity: Decimal::ONE,
                unit: "semestre",
                unit_price: bill.shares[m],
                amount: bill.shares[m],
                account: c.cost.account.as_deref(),
            });
            for extra in bill.extras_of(m) {
                let service = &c.services[extra.service];
                lines.push(Line {
                    semester: bill.semester,
                    billing_date: bill.billing_date,
                    member,
                    item: &service.id,
                    label: format!("Prestation {} — {}", bill.semester, service.label),
                    quantity: extra.quantity,
                    unit: &service.unit,
                    unit_price: service.price,
                    amount: extra.amount,
                    account: service.account.as_deref(),
                });
            }
        }
    }
    lines
}

/// "Participation 2021 S1 — Conseiller numérique de proximité (19 % de 50 %)".
fn advisor_label(c: &Convention, member: usize, semester: Semester) -> String {
    let part = match c.members[member].key {
        None => format!("{} %", fr_number(c.client_share)),
        Some(key) => format!(
            "{} % de {} %",
            fr_number(key),
            fr_number(Decimal::ONE_HUNDRED - c.client_share)
        ),
    };
    format!("Participation {semester} — {} ({part})", c.cost.label)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convention::{parse, EMBEDDED};

    #[test]
    fn the_label_names_the_key_and_the_communes_part() {
        // With the Cdc keeping 30 %, Dolus-d'Oléron pays its key, 19 %, of the other 70 %.
        let c = parse(
            &EMBEDDED.replace("client_share = 50", "client_share = 30"),
            "t.toml",
        )
        .unwrap();
        let s1 = Semester::new(2021, 1).unwrap();
        let dolus = c.member_index("dolus-d-oleron").unwrap();
        assert_eq!(
            advisor_label(&c, dolus, s1),
            "Participation 2021 S1 — Conseiller numérique de proximité (19 % de 70 %)"
        );
        assert_eq!(
            advisor_label(&c, c.client, s1),
            "Participation 2021 S1 — Conseiller numérique de proximité (30 %)"
        );
    }
}
