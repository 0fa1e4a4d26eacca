//! The printed documents. The pièce justificative of a titre de recettes: what one debtor owes
//! for a year and how each amount was computed, as plain data (`Statement`) that `statement`
//! prints on the pages `layout` lays out. Where the data comes from (the convention, the bills,
//! the usage) is the caller's business: the document computes no amount of the titre; it
//! writes the amounts it is given and adds up its lines only to print their subtotals.

pub mod french;
mod layout;
pub mod statement;
mod winansi;
pub mod words;

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// The first character of `text` that the documents cannot print as itself: the standard
/// fonts they use hold Latin-1 and the letters of Windows-1252, and anything else would be
/// printed as a look-alike ("Ł" as "L") or "?".
pub fn unprintable(text: &str) -> Option<char> {
    text.chars().find(|&c| !winansi::prints(c))
}

/// The supporting statement of one titre de recettes.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// Who issues the titre (the ordonnateur's body: the Cdc).
    pub issuer: Party,
    /// Who owes the amount (a commune).
    pub debtor: Party,
    /// The nature of the debt: "Participation 2021 au conseiller numérique de proximité".
    pub object: String,
    pub year: i32,
    /// The legal basis of the debt.
    pub convention: ConventionRef,
    /// Date of issue of the titre.
    pub issued: NaiveDate,
    /// The bases of the calculation of the debtor's share, one per semester.
    pub semesters: Vec<SemesterBasis>,
    /// The services the debtor ordered, in the order they are to be printed.
    pub services: Vec<ServiceLine>,
    /// The amount of the titre: the rounded shares plus the services.
    pub total: Decimal,
    /// Days the debtor has to pay from the receipt of the avis des sommes à payer.
    pub payment_days: Option<u32>,
    pub ordonnateur: Option<Signatory>,
    /// Lines printed at the bottom, such as the voies et délais de recours.
    pub mentions: Vec<String>,
}

/// A public body and what identifies it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Party {
    pub name: String,
    /// 9 digits.
    pub siren: Option<String>,
    /// 14 digits: the SIREN and an establishment number; printed instead of the SIREN.
    pub siret: Option<String>,
    /// The commune's code in INSEE's official geographic code: "17093".
    pub insee: Option<String>,
    /// Postal address, one line per entry.
    pub address: Vec<String>,
}

/// The convention the debt rests on, and its articles that fix the amounts.
#[derive(Debug, Clone, PartialEq)]
pub struct ConventionRef {
    pub title: String,
    pub signed: Option<NaiveDate>,
    /// The délibération that approved it: "250919_DCC26 transmise le 25/09/2019".
    pub deliberation: Option<String>,
    /// "7.1", "7.2", "7.3".
    pub articles: Vec<String>,
}

/// How the debtor's share of one semester was computed.
#[derive(Debug, Clone, PartialEq)]
pub struct SemesterBasis {
    /// First and last day of service in the semester.
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Days of service, out of the semester's `semester_days`.
    pub days: i64,
    pub semester_days: i64,
    /// The year's cost: its base, then each adjustment (negative for a discount).
    pub cost_lines: Vec<CostLine>,
    /// The cost of the semester, split between the members.
    pub amount: Decimal,
    /// Percent of `amount` left to the members other than the client (the pool).
    pub pool_percent: Decimal,
    /// The debtor's key: its percent of the pool.
    pub key: Decimal,
    /// The exact share, `amount` × `pool_percent` × `key` / 10 000, with all its digits in a
    /// plain decimal text ("1734.375").
    pub exact: String,
    /// The share billed, to the cent.
    pub rounded: Decimal,
    /// Why a rounding cent was given or withheld, in one line, when one was.
    pub rounding_note: Option<String>,
}

/// One line of the year's cost.
#[derive(Debug, Clone, PartialEq)]
pub struct CostLine {
    pub label: String,
    pub amount: Decimal,
}

/// A service the debtor ordered.
#[derive(Debug, Clone, PartialEq)]
pub struct ServiceLine {
    pub date: Option<NaiveDate>,
    pub reference: Option<String>,
    pub label: String,
    pub quantity: Decimal,
    /// In the singular: "heure"; the document makes it agree with the quantity.
    pub unit: String,
    pub unit_price: Decimal,
    /// quantity × unit price, to the cent.
    pub amount: Decimal,
}

/// Who signs the titre for the issuer: a name and a title ("Président").
#[derive(Debug, Clone, PartialEq)]
pub struct Signatory {
    pub name: String,
    pub title: String,
}
