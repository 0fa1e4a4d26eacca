//! Reading the numbers of a convention file exactly: a TOML integer, a TOML float taken by its
//! shortest decimal form (18.5 is exactly 18.5), or a string such as "45000.00" or "22.5%".

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::de::{self, Deserialize, Deserializer, Visitor};

/// A decimal number as written in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Number(pub Decimal);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NumberVisitor)
    }
}

struct NumberVisitor;

impl Visitor<'_> for NumberVisitor {
    type Value = Number;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a number such as 45000, 18.5, \"45000.00\" or \"22.5%\"")
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
        Ok(Number(Decimal::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Number, E> {
        Ok(Number(Decimal::from(v)))
    }

    // The one place a float is seen: its shortest round-trip form is the decimal the user wrote.
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Number, E> {
        parse(&v.to_string()).map_err(E::custom)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Number, E> {
        parse(v).map_err(E::custom)
    }
}

/// Parses a plain decimal with '.' as its mark, optionally followed by '%'.
pub fn parse(text: &str) -> Result<Number, String> {
    let digits = text.trim();
    let digits = digits.strip_suffix('%').unwrap_or(digits).trim_end();
    let well_formed = {
        let unsigned = digits.strip_prefix(['-', '+']).unwrap_or(digits);
        let mut parts = unsigned.splitn(2, '.');
        let whole = parts.next().unwrap_or("");
        let fraction = parts.next().unwrap_or("");
        !(whole.is_empty() && fraction.is_empty())
            && whole.bytes().all(|b| b.is_ascii_digit())
            && fraction.bytes().all(|b| b.is_ascii_digit())
            && whole.len() + fraction.len() <= 28
    };
    match Decimal::from_str(digits) {
        Ok(value) if well_formed => Ok(Number(value)),
        _ => Err(crate::messages::convention::not_a_number(text)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(toml_value: &str) -> Result<Decimal, String> {
        #[derive(serde::Deserialize)]
        struct Doc {
            n: Number,
        }
        toml::from_str::<Doc>(&format!("n = {toml_value}"))
            .map(|d| d.n.0)
            .map_err(|e| e.message().to_string())
    }

    #[test]
    fn integers_floats_and_strings_are_exact() {
        assert_eq!(read("45000").unwrap(), Decimal::new(45000, 0));
        assert_eq!(read("18.5").unwrap(), Decimal::new(185, 1));
        assert_eq!(read("0.1").unwrap(), Decimal::new(1, 1));
        assert_eq!(read("-7500.00").unwrap(), Decimal::new(-7500, 0));
        assert_eq!(read("\"45000.00\"").unwrap(), Decimal::new(4500000, 2));
        assert_eq!(read("\"22.5%\"").unwrap(), Decimal::new(225, 1));
        assert_eq!(read("\" 22.5 % \"").unwrap(), Decimal::new(225, 1));
    }

    #[test]
    fn what_is_not_a_plain_decimal_is_refused() {
        for bad in [
            "\"45 000 €\"",
            "\"12,5\"",
            "\"\"",
            "\"1e3\"",
            "\"%\"",
            "\"--1\"",
            "nan",
            "inf",
        ] {
            let err = read(bad).unwrap_err();
            assert!(
                err.contains("cannot read") || err.contains("a number"),
                "{bad}: {err}"
            );
        }
    }
}
