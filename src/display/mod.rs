//! How values are written, kept apart from the values: French for people (1 312,50 €, 22,5 %,
//! 31/12/2021, 2e semestre 2021), plain for machines (1312.50).

pub mod table;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::calendar::Semester;
use crate::money::{round_to_cent, Exact};

/// The decimal mark of a file written for machines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecimalMark {
    Point,
    Comma,
}

/// An amount rounded half-up to two decimals, without grouping: "1312.50", or "1312,50".
pub fn plain_amount(amount: Decimal, mark: DecimalMark) -> String {
    with_mark(two_places(amount), mark)
}

/// An amount rounded half-up to the cent, as plain text: "-7500.00"; never "-0.00".
fn two_places(amount: Decimal) -> String {
    let rounded = round_to_cent(amount);
    let rounded = if rounded.is_zero() {
        Decimal::ZERO
    } else {
        rounded
    };
    format!("{rounded:.2}")
}

/// A quantity or rate as short as it is exact: "1.5", "22.5", "100".
pub fn plain_number(value: Decimal, mark: DecimalMark) -> String {
    with_mark(value.normalize().to_string(), mark)
}

fn with_mark(text: String, mark: DecimalMark) -> String {
    match mark {
        DecimalMark::Point => text,
        DecimalMark::Comma => text.replace('.', ","),
    }
}

/// An amount for a French reader, rounded half-up to the cent: "1 312,50 €"; `currency` other
/// than EUR is written as its code.
pub fn fr_money(amount: Decimal, currency: &str) -> String {
    fr_plain_money(&two_places(amount), currency)
}

/// An exact amount for a French reader, with all its decimals: "99,999 €", "37 500,00 €".
pub fn fr_exact_money(amount: Exact, currency: &str) -> String {
    fr_plain_money(&amount.plain(), currency)
}

/// An amount given as a plain decimal of any length ("1734.375") for a French reader:
/// "1 734,375 €".
pub fn fr_plain_money(plain: &str, currency: &str) -> String {
    format!("{} {}", fr_digits(plain), symbol(currency))
}

/// How a currency is written after an amount: "€" for EUR, else its code.
pub fn symbol(currency: &str) -> &str {
    if currency == "EUR" {
        "€"
    } else {
        currency
    }
}

/// A number for a French reader, as short as it is exact: "22,5", "1 500".
pub fn fr_number(value: Decimal) -> String {
    fr_digits(&value.normalize().to_string())
}

/// A date for a French reader: "31/12/2021".
pub fn fr_date(date: NaiveDate) -> String {
    // Not chrono's `format`, which parses its pattern on every call; conventions are dated
    // from year 0 to 9999.
    format!("{:02}/{:02}/{:04}", date.day(), date.month(), date.year())
}

/// A semester for a French reader: "1er semestre 2021", "2e semestre 2021".
pub fn fr_semester(semester: Semester) -> String {
    let ordinal = if semester.half == 1 { "1er" } else { "2e" };
    format!("{ordinal} semestre {}", semester.year)
}

/// Groups the digits of a plain decimal by three with spaces and writes its mark as a comma.
pub fn fr_digits(plain: &str) -> String {
    let (sign, unsigned) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain),
    };
    let (whole, fraction) = unsigned
        .split_once('.')
        .map_or((unsigned, None), |(w, f)| (w, Some(f)));
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(' ');
        }
        grouped.push(digit);
    }
    match fraction {
        Some(f) => format!("{sign}{grouped},{f}"),
        None => format!("{sign}{grouped}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dec;

    #[test]
    fn french_amounts() {
        assert_eq!(fr_money(dec("1312.5"), "EUR"), "1 312,50 €");
        assert_eq!(fr_money(dec("103500"), "EUR"), "103 500,00 €");
        assert_eq!(fr_money(dec("-7500"), "EUR"), "-7 500,00 €");
        assert_eq!(fr_money(dec("0.05"), "EUR"), "0,05 €");
        assert_eq!(fr_money(dec("999.99"), "CHF"), "999,99 CHF");
        assert_eq!(fr_money(dec("1234567.891"), "EUR"), "1 234 567,89 €");
        // Rounded half-up, never truncated: 99,999 € is 100,00 €, and 0,005 € is 0,01 €.
        assert_eq!(fr_money(dec("99.999"), "EUR"), "100,00 €");
        assert_eq!(fr_money(dec("0.005"), "EUR"), "0,01 €");
        assert_eq!(fr_money(dec("-0.001"), "EUR"), "0,00 €");
        assert_eq!(
            fr_exact_money(Exact::money(dec("100")).percent(dec("99.999")), "EUR"),
            "99,999 €"
        );
    }

    #[test]
    fn french_numbers() {
        assert_eq!(fr_number(dec("22.50")), "22,5");
        assert_eq!(fr_number(dec("100")), "100");
        assert_eq!(fr_number(dec("1500.0")), "1 500");
    }

    #[test]
    fn french_dates() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(fr_date(date(2021, 12, 31)), "31/12/2021");
        assert_eq!(fr_date(date(2022, 3, 5)), "05/03/2022");
        assert_eq!(fr_date(date(5, 1, 9)), "09/01/0005");
        assert_eq!(fr_date(date(0, 2, 29)), "29/02/0000");
    }

    #[test]
    fn plain_amounts() {
        assert_eq!(plain_amount(dec("1312.5"), DecimalMark::Point), "1312.50");
        assert_eq!(plain_amount(dec("18750"), DecimalMark::Comma), "18750,00");
        assert_eq!(plain_amount(dec("-0.5"), DecimalMark::Point), "-0.50");
        assert_eq!(plain_amount(dec("2.675"), DecimalMark::Point), "2.68");
        assert_eq!(plain_number(dec("1.50"), DecimalMark::Comma), "1,5");
    }
}
