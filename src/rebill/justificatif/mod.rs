//! The pièce justificative of a commune's titre: a `documents::Statement` filled from the
//! convention (parties, object, legal basis, rebilling settings) and the year's bills (the bases
//! of each semester's share, the services ordered), so that `documents::statement` can print it.

use std::collections::HashMap;

use rust_decimal::Decimal;

use ethnum::I256;

use crate::billing::SemesterBill;
use crate::calendar::Semester;
use crate::convention::{Convention, Identity};
use crate::derivation::{self, Part, Rule, Who};
use crate::display::{fr_date, fr_money, fr_semester};
use crate::documents::french::de;
use crate::documents::{
    ConventionRef, CostLine, Party, SemesterBasis, ServiceLine, Signatory, Statement,
};
use crate::money::{from_cents, price_cents, to_cents, Exact};
use crate::titres;
use crate::usage::Order;

/// What the titres of a year draw on, worked out once for every member: a member's document
/// then costs the same whatever the number of members.
pub struct Year<'a> {
    c: &'a Convention,
    year: i32,
    /// The year's semesters, in order.
    bills: &'a [SemesterBill],
    /// Each member's exact share of each semester, and why its bill differs (`exact_shares`).
    exact: Vec<Vec<Share>>,
    /// The orders of each (member, service, semester), in the order of the usage file.
    orders: HashMap<(usize, usize, Semester), Vec<&'a Order>>,
}

impl<'a> Year<'a> {
    /// The titres of `year`; `bills` are its semesters, in order; `orders` the usage file's
    /// lines, if any, listed on the documents.
    pub fn new(
        c: &'a Convention,
        year: i32,
        bills: &'a [SemesterBill],
        orders: &'a [Order],
    ) -> Self {
        let mut by_item: HashMap<_, Vec<&Order>> = HashMap::new();
        for o in orders {
            by_item.entry(o.item()).or_default().push(o);
        }
        Year {
            c,
            year,
            bills,
            exact: exact_shares(c, bills, year),
            orders: by_item,
        }
    }

    /// Member `m`'s exact share of each semester of the year, and why its bill differs.
    pub fn exact_shares(&self, m: usize) -> &[Share] {
        &self.exact[m]
    }

    /// The statement of member `m`'s titre.
    pub fn statement(&self, m: usize) -> Statement {
        let Year { c, year, bills, .. } = *self;
        statement(c, year, bills, m, self.exact_shares(m), |item| {
            self.orders.get(&item).map_or(&[][..], Vec::as_slice)
        })
    }
}

/// The statement of member `m`'s titre for `year`; `bills` are the year's semesters, in order,
/// `exact` the member's exact share of each; `orders` gives the usage file's lines of a
/// (member, service, semester), listed on the document.
fn statement<'o>(
    c: &Convention,
    year: i32,
    bills: &[SemesterBill],
    m: usize,
    exact: &[Share],
    orders: impl Fn((usize, usize, Semester)) -> &'o [&'o Order],
) -> Statement {
    let member = &c.members[m];
    let client = c.client();
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
    let services: Vec<_> = bills
        .iter()
        .flat_map(|b| service_lines(c, b, m, &orders))
        .collect();
    Statement {
        issuer: party(&client.name, &client.identity, None),
        debtor: party(&member.name, &member.identity, member.insee.as_deref()),
        object: titres::object(c, year, m, !services.is_empty()),
        year,
        convention: convention_ref(c),
        issued: issue_date(bills),
        semesters: bases(c, year, bills, m, exact),
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

/// The bases of member `m`'s share of each of `bills`, `exact` its exact share of each. The
/// contract's derivation, which the bills follow: each semester's exact share is the member's
/// exact share of the communes' pool cumulated in the year, less the same before.
fn bases(
    c: &Convention,
    year: i32,
    bills: &[SemesterBill],
    m: usize,
    exact: &[Share],
) -> Vec<SemesterBasis> {
    let mut cost_lines = vec![CostLine {
        label: c.cost.label.clone(),
        amount: c.base().to_cent(),
    }];
    cost_lines.extend(c.adjustments_of(year).map(|(a, amount)| CostLine {
        label: a.label.clone(),
        amount: amount.to_cent(),
    }));
    bills
        .iter()
        .zip(exact)
        .map(|(b, share)| SemesterBasis {
            first_day: b.first_day,
            last_day: b.last_day,
            days: b.days,
            semester_days: b.semester_days,
            cost_lines: cost_lines.clone(),
            amount: b.total,
            pool_percent: Decimal::ONE_HUNDRED - c.client_share,
            key: c.members[m].key.unwrap_or_default(),
            exact: share.exact.plain(),
            rounded: b.shares[m],
            rounding_note: share.rounding_note.clone(),
        })
        .collect()
}

/// The services member `m` ordered during the semester of `b`: one line per order, with its
/// date and reference, when the orders' own amounts add up to what the semester bills for the
/// service (its summed quantity × the price, rounded once); else one line for the semester,
/// which is what is billed.
fn service_lines<'o>(
    c: &Convention,
    b: &SemesterBill,
    m: usize,
    orders: &impl Fn((usize, usize, Semester)) -> &'o [&'o Order],
) -> Vec<ServiceLine> {
    b.extras_of(m)
        .flat_map(|e| {
            let service = &c.services[e.service];
            let line = |date, reference, quantity| ServiceLine {
                date,
                reference,
                label: format!("{} — {}", fr_semester(b.semester), service.label),
                quantity,
                unit: service.unit.clone(),
                unit_price: service.price,
                amount: from_cents(price_cents(quantity, service.price)),
            };
            let each: Vec<ServiceLine> = orders((m, e.service, b.semester))
                .iter()
                .map(|o| line(Some(o.date), o.reference.clone(), o.quantity))
                .collect();
            let adds_up =
                !each.is_empty() && each.iter().map(|l| l.amount).sum::<Decimal>() == e.amount;
            match adds_up {
                true => each,
                false => vec![line(None, None, e.quantity)],
            }
        })
        .collect()
}

/// The convention as the titre cites it: its legal basis, or its name.
fn convention_ref(c: &Convention) -> ConventionRef {
    let basis = c.legal_basis.as_ref();
    ConventionRef {
        title: basis.map_or_else(|| c.name.clone(), |b| b.title.clone()),
        signed: basis.and_then(|b| b.signed),
        deliberation: basis.and_then(|b| {
            b.acts.iter().rev().find_map(|a| {
                a.reference
                    .as_ref()
                    .map(|r| format!("{r} du {}", fr_date(a.date)))
            })
        }),
        articles: basis.map(|b| b.articles.clone()).unwrap_or_default(),
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

fn party(name: &str, identity: &Identity, insee: Option<&str>) -> Party {
    Party {
        name: name.to_string(),
        siren: identity.siren.clone(),
        siret: identity.siret.clone(),
        insee: insee.map(str::to_string),
        address: identity.address.clone(),
    }
}

/// A member's exact share of a semester, and why its bill differs from it, if it does.
#[derive(Debug, Clone, PartialEq)]
pub struct Share {
    pub exact: Exact,
    pub rounding_note: Option<String>,
}

/// Each member's exact share of each of `bills` (the year's semesters), from the contract's
/// derivation, with its part of the communes' pool cumulated in the year: the share of the
/// pool so far, less the same before the semester. The year is derived once for every member;
/// of each part only what the documents print is kept, so that memory does not hold every
/// part of every member.
fn exact_shares(c: &Convention, bills: &[SemesterBill], year: i32) -> Vec<Vec<Share>> {
    let derivation = derivation::derive(c, bills, year, None, None);
    let mut shares = vec![Vec::with_capacity(derivation.semesters.len()); c.members.len()];
    let mut exact_before = vec![Exact::cents(I256::ZERO); c.members.len()];
    for (b, d) in bills.iter().zip(derivation.semesters) {
        let mut parts: Vec<Option<Part>> = vec![None; c.members.len()];
        for p in d.pool.parts {
            if let Some(m) = part_member(&p) {
                parts[m] = Some(p);
            }
        }
        for (m, part) in parts.into_iter().enumerate() {
            shares[m].push(share(c, b, &mut exact_before[m], part.as_ref()));
        }
    }
    shares
}

/// A member's share of semester `b`, from its `part` of the pool cumulated in the year and its
/// exact share of the year before the semester, which becomes the year's up to its end.
fn share(c: &Convention, b: &SemesterBill, exact_before: &mut Exact, part: Option<&Part>) -> Share {
    let exact_after = part.map_or(*exact_before, |p| p.exact);
    let exact = exact_after - *exact_before;
    *exact_before = exact_after;
    Share {
        exact,
        rounding_note: part.and_then(|p| rounding_note(c, b, p, exact)),
    }
}

/// Why the member's share of semester `b` is not `exact`, its exact share, read from the
/// contract's derivation `part` (the member's part of the pool cumulated in the year).
fn rounding_note(c: &Convention, b: &SemesterBill, part: &Part, exact: Exact) -> Option<String> {
    if exact == Exact::cents(to_cents(b.shares[part_member(part)?])) {
        return None;
    }
    let money = |cents: I256| fr_money(from_cents(cents), &c.currency);
    let name = |who: Who| match who {
        Who::Member(i) => c.members[i].name.clone(),
        Who::Pool => "les communes".to_string(),
    };
    if part.never_taken_back() {
        return Some(format!(
            "Aucun centime facturé plus tôt dans l'année n'est repris : la part cumulée reste de {} \
             (le plus fort reste donnerait {}).",
            money(part.after),
            money(part.largest_remainder)
        ));
    }
    if part.remainder.numerator() == 0 && part.before != I256::ZERO {
        // The year's cumulated share is whole again: the cent of an earlier semester comes back.
        let earlier = if b.semester.half == 2 {
            "1er semestre"
        } else {
            "semestre précédent"
        };
        // Below its exact share before this semester, the member had a cent withheld.
        let exact_before = part.exact - exact;
        // `<` and `<=` alike (a surviving mutant): the cumul being whole, this semester's bill
        // is the cumul less `part.before` and its exact share the cumul less `exact_before`; they
        // differ (else the first line returned), so `part.before` is never `exact_before`.
        let withheld = part.before * exact_before.denominator() < exact_before.numerator() * 100;
        let cent = match withheld {
            true => format!("le centime retenu au {earlier} est rendu"),
            false => format!("le centime reçu au {earlier} est repris"),
        };
        return Some(format!(
            "Cumul de l'année : {} − {} facturés au {earlier} = {} ({cent}).",
            money(part.after),
            money(part.before),
            money(part.amount()),
        ));
    }
    let decision = part.decision?;
    let other = name(decision.against);
    Some(match (part.cent, decision.rule) {
        (true, Rule::LargerRemainder) => format!(
            "Le centime restant lui revient : son reste est plus fort que celui {} (plus fort reste).",
            de(&other)
        ),
        (true, Rule::LargerWeight) => format!(
            "Le centime restant lui revient : à reste égal, sa clé est plus forte que celle {}.",
            de(&other)
        ),
        (true, Rule::DeclaredFirst) => format!(
            "Le centime restant lui revient : à reste et clé égaux, elle précède {other} dans la convention."
        ),
        (false, Rule::LargerRemainder) => format!(
            "Pas de centime restant : son reste est plus petit que celui {}, dernier servi (plus fort reste).",
            de(&other)
        ),
        (false, Rule::LargerWeight) => format!(
            "Le centime restant revient {} : à reste égal, sa clé est plus forte.",
            a(&other)
        ),
        (false, Rule::DeclaredFirst) => format!(
            "Le centime restant revient {} : à reste et clé égaux, elle la précède dans la convention.",
            a(&other)
        ),
    })
}

/// The member a part is of.
fn part_member(part: &Part) -> Option<usize> {
    match part.who {
        Who::Member(m) => Some(m),
        Who::Pool => None,
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
mod tests;
