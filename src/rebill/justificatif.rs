//! The pièce justificative of a commune's titre: a `documents::Statement` filled from the
//! convention (parties, object, legal basis, rebilling settings) and the year's bills (the bases
//! of each semester's share, the services ordered), so that `documents::pdf` can print it.

use rust_decimal::Decimal;

use crate::billing::SemesterBill;
use crate::convention::{Convention, Identity};
use crate::display::{fr_date, fr_money, fr_semester};
use crate::documents::{
    ConventionRef, CostLine, Party, SemesterBasis, ServiceLine, Signatory, Statement,
};

/// The statement of member `m`'s titre for `year`; `bills` are the year's semesters, in order.
pub fn statement(c: &Convention, year: i32, bills: &[SemesterBill], m: usize) -> Statement {
    let member = &c.members[m];
    let client = c.client();
    let pool_percent = Decimal::ONE_HUNDRED - c.client_share;
    let mut cost_lines = vec![CostLine {
        label: c.cost.label.clone(),
        amount: c.base().to_cent(),
    }];
    cost_lines.extend(c.adjustments_of(year).map(|(a, amount)| CostLine {
        label: a.label.clone(),
        amount: amount.to_cent(),
    }));
    let semesters = bills
        .iter()
        .enumerate()
        .map(|(i, b)| SemesterBasis {
            first_day: b.first_day,
            last_day: b.last_day,
            days: b.days,
            semester_days: b.semester_days,
            cost_lines: cost_lines.clone(),
            amount: b.total,
            pool_percent,
            key: member.key.unwrap_or_default(),
            exact: all_digits(exact(c, b, m)),
            rounded: b.shares[m],
            rounding_note: rounding_note(c, &bills[..=i], m),
        })
        .collect();
    // One line per service and semester: the billed amount is the semester's summed quantity
    // times the price, rounded once (the rounding contract), so these lines add up to the
    // titre where lines per order might not.
    let services = bills
        .iter()
        .flat_map(|b| {
            b.extras_of(m).map(move |e| {
                let service = &c.services[e.service];
                ServiceLine {
                    date: None,
                    reference: None,
                    label: format!("{} — {}", fr_semester(b.semester), service.label),
                    quantity: e.quantity,
                    unit: service.unit.clone(),
                    unit_price: service.price,
                    amount: e.amount,
                }
            })
        })
        .collect();
    let rebilling = &c.rebilling;
    // A member that pays without calling on the advisor is told so where the terms are.
    let mentions = (!member.assistance)
        .then(|| {
            format!(
                "{} contribue sans accès à l'assistance du conseiller, comme le prévoit la convention.",
                member.name
            )
        })
        .into_iter()
        .chain(rebilling.mentions.iter().cloned())
        .collect();
    Statement {
        issuer: party(&client.name, &client.identity, None),
        debtor: party(&member.name, &member.identity, member.insee.as_deref()),
        object: object(c, year, m),
        year,
        convention: ConventionRef {
            title: c
                .legal_basis
                .as_ref()
                .map_or_else(|| c.name.clone(), |b| b.title.clone()),
            signed: c.legal_basis.as_ref().and_then(|b| b.signed),
            deliberation: c.legal_basis.as_ref().and_then(|b| {
                b.acts.iter().rev().find_map(|a| {
                    a.reference
                        .as_ref()
                        .map(|r| format!("{r} du {}", fr_date(a.date)))
                })
            }),
            articles: c
                .legal_basis
                .as_ref()
                .map(|b| b.articles.clone())
                .unwrap_or_default(),
        },
        issued: issue_date(bills),
        semesters,
        services,
        total: bills.iter().map(|b| b.member_total(m)).sum(),
        payment_days: rebilling.payment_days.map(u32::from),
        ordonnateur: rebilling.ordonnateur.as_ref().map(|o| Signatory {
            name: o.name.clone(),
            title: o.title.clone(),
        }),
        mentions,
    }
}

/// The date of issue: the year's last billing date (the services are billed in arrears), so
/// that the same inputs always give the same document.
pub fn issue_date(bills: &[SemesterBill]) -> chrono::NaiveDate {
    bills
        .iter()
        .map(|b| b.billing_date)
        .max()
        .unwrap_or_default()
}

/// The object of member `m`'s titre: the convention's template, or a wording of its own.
pub fn object(c: &Convention, year: i32, m: usize) -> String {
    match &c.rebilling.object {
        Some(template) => template.expand(c, year, m),
        None => format!(
            "Participation {year} : {} et prestations à la demande",
            c.cost.label
        ),
    }
}

fn party(name: &str, identity: &Identity, insee: Option<&str>) -> Party {
    Party {
        name: name.to_string(),
        siren: identity.siren.clone(),
        siret: identity.siret.clone(),
        insee: insee.map(str::to_string),
        address: identity.address.clone(),
    }
}

/// Member `m`'s exact share of the cost of semester `b`, with all its digits.
fn exact(c: &Convention, b: &SemesterBill, m: usize) -> Decimal {
    b.total * c.share_of(m) / Decimal::ONE_HUNDRED
}

/// `amount` with all its digits, and at least the cents: "1734.375", "750.00".
fn all_digits(amount: Decimal) -> String {
    let mut amount = amount.normalize();
    if amount.scale() < 2 {
        amount.rescale(2);
    }
    amount.to_string()
}

/// Why member `m`'s share of the last of `so_far` (the year's semesters up to it) is not its
/// exact share, read from the bills: either the year's cumulated share is exact again (a cent
/// withheld earlier comes back), or the cents of the cumulated split went by largest remainder.
fn rounding_note(c: &Convention, so_far: &[SemesterBill], m: usize) -> Option<String> {
    let last = so_far.last()?;
    if last.shares[m] == exact(c, last, m) {
        return None;
    }
    let money = |a: Decimal| fr_money(a, &c.currency);
    let cumulated = |i: usize| -> (Decimal, Decimal) {
        let exact = so_far.iter().map(|b| exact(c, b, i)).sum();
        let rounded = so_far.iter().map(|b| b.shares[i]).sum();
        (exact, rounded)
    };
    let (exact_m, rounded_m) = cumulated(m);
    if exact_m == rounded_m {
        let before = rounded_m - last.shares[m];
        // The year is the titre's: "1er semestre" is enough.
        let earlier = match so_far[0].semester.half {
            1 => "1er semestre",
            _ => "2e semestre",
        };
        let cent = match before < exact_m - exact(c, last, m) {
            true => format!("le centime retenu au {earlier} est rendu"),
            false => format!("le centime reçu au {earlier} est repris"),
        };
        return Some(format!(
            "Cumul de l'année : {} − {} facturés au {earlier} = {} ({cent}).",
            money(exact_m),
            money(before),
            money(last.shares[m]),
        ));
    }
    // The members whose cumulated share was rounded up took the cents left over.
    let takers: Vec<usize> = (0..c.members.len())
        .filter(|&i| {
            let (exact, rounded) = cumulated(i);
            rounded > exact
        })
        .collect();
    if takers.is_empty() {
        return None;
    }
    let remainder = |i: usize| (cumulated(i).0 * Decimal::ONE_HUNDRED).fract();
    let names: Vec<String> = takers.iter().map(|&i| c.members[i].name.clone()).collect();
    let tie = !takers.contains(&m) && takers.iter().any(|&i| remainder(i) == remainder(m));
    let rule = if tie {
        "plus fort reste, clé la plus forte à égalité"
    } else {
        "plus fort reste"
    };
    let (what, goes) = if takers.len() == 1 {
        ("Le centime restant", "revient")
    } else {
        ("Les centimes restants", "reviennent")
    };
    Some(format!("{what} {goes} {} ({rule}).", to_names(&names)))
}

/// "à A", "au Château-d'Oléron", "à A, B et C".
fn to_names(names: &[String]) -> String {
    let each: Vec<String> = names.iter().map(|n| a(n)).collect();
    match each.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} et {last}", init.join(", ")),
    }
}

/// The name of a place after the preposition "à", contracted with its article: "au
/// Château-d'Oléron", "aux Mathes", "à La Brée-les-Bains".
fn a(name: &str) -> String {
    if let Some(rest) = name.strip_prefix("Les ") {
        format!("aux {rest}")
    } else if let Some(rest) = name.strip_prefix("Le ") {
        format!("au {rest}")
    } else {
        format!("à {name}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::{self, Usage};
    use crate::convention::{parse, EMBEDDED, EMBEDDED_NAME};

    /// The notes of 2021 (37 500 €, 18 750 € a semester, 9 375 € for the communes): Saint-Denis
    /// (18,5 %) and Saint-Georges (22,5 %) both have an exact 0,5 cent left in S1; the cent goes
    /// to the larger key, and the year's cumul gives it back in S2 (the README's contract).
    #[test]
    fn the_rounding_notes_of_2021() {
        let c = parse(EMBEDDED, EMBEDDED_NAME).unwrap();
        let bills: Vec<_> = billing::bill(&c, &Usage::new())
            .into_iter()
            .filter(|b| b.semester.year == 2021)
            .collect();
        let notes = |id: &str| {
            let m = c.member_index(id).unwrap();
            statement(&c, 2021, &bills, m)
                .semesters
                .into_iter()
                .map(|s| s.rounding_note)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            notes("saint-denis-d-oleron"),
            [
                Some("Le centime restant revient à Saint-Georges-d'Oléron (plus fort reste, clé la plus forte à égalité).".to_string()),
                Some("Cumul de l'année : 3 468,75 € − 1 734,37 € facturés au 1er semestre = 1 734,38 € (le centime retenu au 1er semestre est rendu).".to_string()),
            ]
        );
        assert_eq!(
            notes("saint-georges-d-oleron"),
            [
                Some("Le centime restant revient à Saint-Georges-d'Oléron (plus fort reste).".to_string()),
                Some("Cumul de l'année : 4 218,75 € − 2 109,38 € facturés au 1er semestre = 2 109,37 € (le centime reçu au 1er semestre est repris).".to_string()),
            ]
        );
        // 7 % of 9 375 € is 656,25 € exactly: nothing to explain.
        assert_eq!(notes("la-bree-les-bains"), [None, None]);
    }

    #[test]
    fn without_a_template_the_object_says_what_is_billed() {
        let text = EMBEDDED.replacen("object = ", "# object = ", 1);
        let c = parse(&text, "c.toml").unwrap();
        assert_eq!(
            object(&c, 2021, 1),
            "Participation 2021 : Conseiller numérique de proximité et prestations à la demande"
        );
    }

    #[test]
    fn exact_shares_keep_every_digit_and_the_cents() {
        assert_eq!(all_digits(crate::dec("1734.3750")), "1734.375");
        assert_eq!(all_digits(crate::dec("750")), "750.00");
        assert_eq!(all_digits(crate::dec("656.25")), "656.25");
    }

    #[test]
    fn names_after_a() {
        assert_eq!(a("Le Château-d'Oléron"), "au Château-d'Oléron");
        assert_eq!(a("Les Mathes"), "aux Mathes");
        assert_eq!(a("La Brée-les-Bains"), "à La Brée-les-Bains");
        assert_eq!(a("Saint-Georges-d'Oléron"), "à Saint-Georges-d'Oléron");
        assert_eq!(
            to_names(&["Dolus-d'Oléron".into(), "Le Grand-Village-Plage".into()]),
            "à Dolus-d'Oléron et au Grand-Village-Plage"
        );
    }
}
