//! The typed description of a convention: who pays, how much, split how. A `Convention` is only
//! ever built by `file::parse`, or read back from the copy of what it gave for the embedded
//! file (`embedded`), so every one in the program has passed validation.

mod embedded;
mod file;
mod identities;
pub mod names;
mod number;

use std::ops::RangeInclusive;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::calendar::Semester;
use crate::money::Exact;

pub use embedded::{embedded, EMBEDDED, EMBEDDED_NAME};
pub use file::{check_size, parse, MAX_FILE_BYTES};
pub use identities::{
    Act, Identity, LegalBasis, ObjectTemplate, Ordonnateur, Rebilling, OBJECT_MAX_CHARS,
    PLACEHOLDERS, WITHOUT_SERVICES, WITH_SERVICES,
};

#[derive(Debug, Clone)]
pub struct Convention {
    pub name: String,
    pub provider: String,
    pub provider_identity: Identity,
    /// What the titres cite as their legal basis.
    pub legal_basis: Option<LegalBasis>,
    /// Index in `members` of the member the provider invoices.
    pub client: usize,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Last day of service after an early termination.
    pub terminated: Option<NaiveDate>,
    pub currency: String,
    pub cost: Cost,
    pub adjustments: Vec<Adjustment>,
    /// Percent of each period's total borne by the client.
    pub client_share: Decimal,
    pub members: Vec<Member>,
    pub services: Vec<Service>,
    pub published: Vec<Published>,
    pub rebilling: Rebilling,
}

/// The price of the advisor.
#[derive(Debug, Clone)]
pub struct Cost {
    pub label: String,
    /// Price of one full-time equivalent for a year.
    pub annual: Decimal,
    /// Full-time equivalent bought, in percent.
    pub fte: Decimal,
    /// Ledger account the client posts the advisor's cost to.
    pub account: Option<String>,
}

/// A discount or surcharge on the yearly cost.
#[derive(Debug, Clone)]
pub struct Adjustment {
    pub label: String,
    pub change: Change,
    /// The years it applies to; `None` is every year.
    pub years: Option<Vec<i32>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Percent of the base cost (negative for a discount).
    Percent(Decimal),
    /// A fixed amount (negative for a discount).
    Amount(Decimal),
}

#[derive(Debug, Clone)]
pub struct Member {
    pub id: String,
    pub name: String,
    /// Percent of the communes' part; `None` on the client only.
    pub key: Option<Decimal>,
    pub aliases: Vec<String>,
    /// Whether the member may call on the advisor (it pays its share either way).
    pub assistance: bool,
    pub identity: Identity,
    /// The commune's code in the INSEE's official geographic code ("17411").
    pub insee: Option<String>,
}

/// A service ordered on demand, priced per unit.
#[derive(Debug, Clone)]
pub struct Service {
    pub id: String,
    pub label: String,
    pub unit: String,
    pub price: Decimal,
    pub account: Option<String>,
}

/// A figure printed in the signed document, for `check` to compare with the computation.
#[derive(Debug, Clone)]
pub struct Published {
    pub year: i32,
    pub semester: Option<u8>,
    /// Index in `members`; `None` is the total.
    pub member: Option<usize>,
    pub amount: Decimal,
    /// Line of the file it was read from.
    pub line: usize,
}

impl Convention {
    /// The last day the advisor serves: the end, or the termination when there is one.
    pub fn last_day(&self) -> NaiveDate {
        self.terminated.unwrap_or(self.end)
    }

    /// The calendar years with at least one day of service.
    pub fn years(&self) -> RangeInclusive<i32> {
        self.start.year()..=self.last_day().year()
    }

    /// The days of `semester` the advisor serves, as (first, last, count); `None` if none.
    pub fn service_in(&self, semester: Semester) -> Option<(NaiveDate, NaiveDate, i64)> {
        semester.overlap(self.start, self.last_day())
    }

    /// The semesters with at least one day of service, in order.
    pub fn semesters(&self) -> impl Iterator<Item = Semester> + '_ {
        self.years()
            .flat_map(Semester::of_year)
            .filter(|s| self.service_in(*s).is_some())
    }

    pub fn client(&self) -> &Member {
        &self.members[self.client]
    }

    /// Price of the full-time equivalents bought, before adjustments, exactly.
    pub fn base(&self) -> Exact {
        Exact::money(self.cost.annual).percent(self.cost.fte)
    }

    /// Each adjustment that applies to `year`, with its exact amount.
    pub fn adjustments_of(&self, year: i32) -> impl Iterator<Item = (&Adjustment, Exact)> {
        let base = self.base();
        self.adjustments
            .iter()
            .filter(move |a| a.years.as_ref().is_none_or(|years| years.contains(&year)))
            .map(move |a| {
                let amount = match a.change {
                    Change::Percent(p) => base.percent(p),
                    Change::Amount(amount) => Exact::money(amount),
                };
                (a, amount)
            })
    }

    /// The exact cost of a full year of service in `year`: the base plus its adjustments.
    pub fn annual_exact(&self, year: i32) -> Exact {
        std::iter::once(self.base())
            .chain(self.adjustments_of(year).map(|(_, amount)| amount))
            .sum()
    }

    /// The cost of a full year of service in `year`, rounded half-up to the cent: what a full
    /// year bills.
    pub fn annual(&self, year: i32) -> Decimal {
        self.annual_exact(year).to_cent()
    }

    /// Percent of a period's total borne by member `index`.
    pub fn share_of(&self, index: usize) -> Decimal {
        match self.members[index].key {
            None => self.client_share,
            Some(key) => (Decimal::ONE_HUNDRED - self.client_share) * key / Decimal::ONE_HUNDRED,
        }
    }

    pub fn member_index(&self, id: &str) -> Option<usize> {
        self.members.iter().position(|m| m.id == id)
    }

    pub fn service_index(&self, id: &str) -> Option<usize> {
        self.services.iter().position(|s| s.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dec;

    /// The embedded file is the seed's convention, article by article.
    #[test]
    fn embedded_convention_is_the_seed() {
        let c = embedded().unwrap();
        assert_eq!(c.years(), 2020..=2022);
        assert_eq!(c.client().id, "cdc");
        assert_eq!(c.client_share, dec("50"));
        assert_eq!(c.members.len(), 9);
        // Article 7.1: 45 000 − 9 000 − 7 500 in 2020, 45 000 − 7 500 after.
        assert_eq!(c.annual(2020), dec("28500"));
        assert_eq!(c.annual(2021), dec("37500"));
        assert_eq!(c.annual(2022), dec("37500"));
        let keys: Vec<_> = c.members.iter().filter_map(|m| m.key).collect();
        assert_eq!(keys.iter().sum::<Decimal>(), dec("100"));
        let st_pierre = &c.members[c.member_index("saint-pierre-d-oleron").unwrap()];
        assert!(!st_pierre.assistance);
        let prices: Vec<_> = c
            .services
            .iter()
            .map(|s| (s.id.as_str(), s.price))
            .collect();
        assert!(prices.contains(&("formation", dec("100"))));
        assert!(prices.contains(&("amo", dec("60"))));
        // Nine members × three years, plus the three yearly totals.
        assert_eq!(c.published.len(), 30);
    }

    #[test]
    fn a_termination_ends_the_years() {
        // Planned for 2021–2022, ended on 31 October 2021: 2022 has no day of service.
        let text = "[convention]\nname = \"p\"\nprovider = \"P\"\nclient = \"c\"\n\
                    start = 2021-01-01\nend = 2022-12-31\nterminated = 2021-10-31\n\
                    [cost]\nlabel = \"a\"\nannual = 100\n[split]\nclient_share = 50\n\
                    [[member]]\nid = \"c\"\nname = \"C\"\n\
                    [[member]]\nid = \"m\"\nname = \"M\"\nkey = 100\n";
        let c = parse(text, "t.toml").unwrap();
        assert_eq!(c.years(), 2021..=2021);
        assert_eq!(c.semesters().count(), 2);
    }

    #[test]
    fn shares_of_the_total() {
        let c = parse(EMBEDDED, EMBEDDED_NAME).unwrap();
        assert_eq!(c.share_of(c.client), dec("50"));
        assert_eq!(
            c.share_of(c.member_index("dolus-d-oleron").unwrap()),
            dec("9.5")
        );
    }
}
