//! The titres de recettes the client issues to the other members for a year: one `Titre` per
//! debtor, with its number, its period, its object, its lines (its share of each semester, then
//! each service it ordered) and the supporting document attached to it. They are made from the
//! year's bills; `csv` writes them for the client's finance package.

pub mod csv;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::billing::SemesterBill;
use crate::calendar::Semester;
use crate::convention::{Convention, WITHOUT_SERVICES, WITH_SERVICES};
use crate::display::fr_number;

/// One titre de recettes: what one debtor owes for a year.
#[derive(Debug, Clone, PartialEq)]
pub struct Titre {
    /// Its number in the series of the titres issued together, from 1.
    pub number: u32,
    /// The debtor, by its index in the convention's members.
    pub debtor: usize,
    pub year: i32,
    /// The first and last day of service billed.
    pub period: (NaiveDate, NaiveDate),
    /// The nature of the debt, as the titre states it.
    pub object: String,
    pub lines: Vec<TitreLine>,
    /// The file name of its supporting document (pièce justificative).
    pub attachment: String,
}

/// A line of a titre.
#[derive(Debug, Clone, PartialEq)]
pub struct TitreLine {
    pub semester: Semester,
    /// `None` for the debtor's share of the advisor, else the service ordered (an index in the
    /// convention's services).
    pub service: Option<usize>,
    pub label: String,
    pub quantity: Decimal,
    pub unit: String,
    pub unit_price: Decimal,
    pub amount: Decimal,
}

impl Titre {
    /// The amount of the titre: the sum of its lines.
    pub fn total(&self) -> Decimal {
        self.lines.iter().map(|l| l.amount).sum()
    }
}

/// The titres of `year`, one per debtor in the convention's order, numbered from 1; `bills`
/// are the year's semesters and `attachment` names the supporting document of a member's
/// titre. They are made one at a time, as they are asked for.
pub fn of_year<'a>(
    c: &'a Convention,
    year: i32,
    bills: &'a [SemesterBill],
    attachment: impl Fn(usize) -> String + 'a,
) -> impl Iterator<Item = Titre> + 'a {
    let period = (
        bills.first().map(|b| b.first_day).unwrap_or_default(),
        bills.last().map(|b| b.last_day).unwrap_or_default(),
    );
    c.debtors().zip(1..).map(move |(m, number)| {
        let lines = lines_of(c, bills, m);
        Titre {
            number,
            debtor: m,
            year,
            period,
            object: object(c, year, m, lines.iter().any(|l| l.service.is_some())),
            lines,
            attachment: attachment(m),
        }
    })
}

/// The object of member `m`'s titre, which carries services or not: the convention's
/// template, or a wording of its own.
pub fn object(c: &Convention, year: i32, m: usize, services: bool) -> String {
    match &c.rebilling.object {
        Some(template) => template.expand(c, year, m, services),
        None => format!(
            "Participation {year} : {} {}",
            c.cost.label,
            if services {
                WITH_SERVICES
            } else {
                WITHOUT_SERVICES
            }
        ),
    }
}

/// Member `m`'s lines: its share of each semester, then each service of each semester.
fn lines_of(c: &Convention, bills: &[SemesterBill], m: usize) -> Vec<TitreLine> {
    let key = c.members[m].key.unwrap_or_default();
    let shares = bills.iter().map(|b| TitreLine {
        semester: b.semester,
        service: None,
        label: format!(
            "Participation {} (clé {} % de {} %)",
            b.semester,
            fr_number(key),
            fr_number(Decimal::ONE_HUNDRED - c.client_share)
        ),
        quantity: Decimal::ONE,
        unit: "semestre".into(),
        unit_price: b.shares[m],
        amount: b.shares[m],
    });
    let services = bills.iter().flat_map(|b| {
        b.extras_of(m).map(|e| {
            let service = &c.services[e.service];
            TitreLine {
                semester: b.semester,
                service: Some(e.service),
                label: format!("{} {}", b.semester, service.label),
                quantity: e.quantity,
                unit: service.unit.clone(),
                unit_price: service.price,
                amount: e.amount,
            }
        })
    });
    shares.chain(services).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::{bill_year, Usage};
    use crate::convention::{parse, EMBEDDED, EMBEDDED_NAME};
    use crate::dec;

    #[test]
    fn one_titre_per_commune_numbered_in_order() {
        // Article 7.1, 2021: 45 000 − 7 500 = 37 500 € a year, 18 750 € a semester, half of it
        // to the communes (9 375 €); Dolus-d'Oléron's key is 19 %: 1 781,25 € a semester.
        let c = parse(EMBEDDED, EMBEDDED_NAME).unwrap();
        let bills = bill_year(&c, &Usage::new(), 2021);
        let titres: Vec<Titre> = of_year(&c, 2021, &bills, |m| format!("{m}.pdf")).collect();
        assert_eq!(titres.len(), 8);
        assert_eq!(
            titres.iter().map(|t| t.number).collect::<Vec<_>>(),
            (1..=8).collect::<Vec<_>>()
        );
        let dolus = c.member_index("dolus-d-oleron").unwrap();
        let titre = titres.iter().find(|t| t.debtor == dolus).unwrap();
        assert_eq!(titre.attachment, format!("{dolus}.pdf"));
        assert_eq!(titre.lines.len(), 2);
        assert_eq!(
            titre.lines[0].label,
            "Participation 2021 S1 (clé 19 % de 50 %)"
        );
        assert_eq!(titre.lines[0].amount, dec("1781.25"));
        assert_eq!(titre.total(), dec("3562.50"));
        let day = |m, d| NaiveDate::from_ymd_opt(2021, m, d).unwrap();
        assert_eq!(titre.period, (day(1, 1), day(12, 31)));
    }

    #[test]
    fn without_a_template_the_object_says_what_is_billed() {
        let text = EMBEDDED.replacen("object = ", "# object = ", 1);
        let c = parse(&text, "c.toml").unwrap();
        assert_eq!(
            object(&c, 2021, 1, true),
            "Participation 2021 : Conseiller numérique de proximité et prestations à la demande"
        );
        assert_eq!(
            object(&c, 2021, 1, false),
            "Participation 2021 : Conseiller numérique de proximité sans prestation à la demande"
        );
    }
}
