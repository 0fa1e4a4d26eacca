//! The identities of the parties: the `[provider]` table and the identity fields of each
//! `[[member]]` (SIREN, SIRET, postal address, INSEE code), as a titre identifies its debtor.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::Validator;
use crate::convention::Identity;
use crate::error::Result;
use crate::messages::convention as msg;

/// The identity fields: the `[provider]` table (its name is `[convention] provider`), and
/// fields of each `[[member]]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIdentity {
    pub siren: Option<Spanned<String>>,
    pub siret: Option<Spanned<String>>,
    pub address: Option<Spanned<Vec<String>>>,
}

/// Lines of a postal address and characters in a line, at most (AFNOR NF Z10-011).
const ADDRESS_LINES: usize = 6;
const ADDRESS_LINE_CHARS: usize = 38;

impl Validator<'_> {
    /// The provider's identity; every mistake is recorded.
    pub(super) fn provider(&self, raw: Option<&RawIdentity>) -> Identity {
        raw.map(|raw| self.identity("[provider]", raw))
            .unwrap_or_default()
    }

    /// The identity `raw` gives, keeping only what is valid; every mistake is recorded under
    /// `what` ("[provider]", "[[member]] cdc").
    pub(super) fn identity(&self, what: &str, raw: &RawIdentity) -> Identity {
        let number = |field: &str, value: &Option<Spanned<String>>, digits: usize| {
            let value = value.as_ref()?;
            self.ok(self.registration(value, &format!("{what} {field}"), digits))
        };
        let siren = number("siren", &raw.siren, 9);
        let siret = number("siret", &raw.siret, 14);
        if let (Some(siren), Some(siret), Some(span)) = (&siren, &siret, raw.siret.as_ref()) {
            if !siret.starts_with(siren.as_str()) {
                self.report(self.error(span.span(), msg::siret_not_of_siren(what, siret, siren)));
            }
        }
        let address = raw
            .address
            .as_ref()
            .map(|a| self.address(&a.span(), what, a.get_ref()))
            .unwrap_or_default();
        Identity {
            siren: siren.or_else(|| siret.as_ref().map(|s| s[..9].to_string())),
            siret,
            address,
        }
    }

    /// A SIREN (9 digits) or SIRET (14 digits) without its spaces, once its length and Luhn
    /// check digit are right.
    fn registration(&self, raw: &Spanned<String>, what: &str, digits: usize) -> Result<String> {
        let (span, value) = (raw.span(), raw.get_ref());
        self.text(&span, what, value);
        // "241 700 624" is how a SIREN is often printed.
        let number: String = value.chars().filter(|c| !c.is_whitespace()).collect();
        if number.len() != digits || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(self.error(span, msg::digit_count(what, value, digits)));
        }
        // A SIRET is a SIREN and an establishment number: both carry a check digit.
        if !luhn(&number) || !luhn(&number[..9]) {
            return Err(self.error(span, msg::luhn_fails(what, value)));
        }
        Ok(number)
    }

    fn address(&self, span: &Range<usize>, what: &str, lines: &[String]) -> Vec<String> {
        let mut valid = true;
        let mut complain = |message: String| {
            valid = false;
            self.report(self.error(span.clone(), message));
        };
        if lines.is_empty() || lines.len() > ADDRESS_LINES {
            complain(msg::address_lines(what, lines.len(), ADDRESS_LINES));
        }
        for line in lines {
            let chars = line.chars().count();
            if line.trim().is_empty() {
                complain(msg::address_empty_line(what));
            } else if chars > ADDRESS_LINE_CHARS {
                complain(msg::address_line_too_long(
                    what,
                    line,
                    chars,
                    ADDRESS_LINE_CHARS,
                ));
            }
            // Bounded above, by its own limit.
            self.safe_text(span, &format!("{what} address"), line);
        }
        if valid {
            lines.to_vec()
        } else {
            Vec::new()
        }
    }

    /// A commune's INSEE code: the department (2 digits, or 2A, 2B for Corsica), then 3 digits.
    pub(super) fn insee(&self, what: &str, raw: &Spanned<String>) -> Option<String> {
        let code = raw.get_ref();
        let b = code.as_bytes();
        let department = b.len() == 5
            && b[0].is_ascii_digit()
            && (b[1].is_ascii_digit() || (b[0] == b'2' && matches!(b[1], b'A' | b'B')));
        if department && b[2..].iter().all(u8::is_ascii_digit) {
            return Some(code.clone());
        }
        self.report(self.error(raw.span(), msg::insee_code(what, code)));
        None
    }
}

/// Whether `digits` (ASCII digits) pass the Luhn check: doubling every second digit from the
/// right, the digits of the results sum to a multiple of 10.
fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                let double = d * 2;
                double / 10 + double % 10
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{error_after, errors_after, line_of};
    use super::luhn;
    use crate::convention::{parse, EMBEDDED};

    /// The embedded convention with `from` replaced by `to`, parsed.
    fn parsed_after(from: &str, to: &str) -> crate::convention::Convention {
        assert!(EMBEDDED.contains(from), "{from:?}");
        parse(&EMBEDDED.replacen(from, to, 1), "c.toml").unwrap()
    }

    const CDC_SIREN: &str = "siren = \"241700624\"";

    #[test]
    fn the_luhn_check() {
        // The Cdc's SIREN, from the prefecture stamp: 4 + 2×2 + 6 + 0 + 0 + (1+4) + 1 + 8 + 2 = 30.
        assert!(luhn("241700624"));
        // One digit changed, or two neighbours swapped, and the sum is no multiple of 10.
        assert!(!luhn("241700625"));
        assert!(!luhn("241700642"));
        // A SIRET of the Cdc made up by hand for these tests (establishment 0001, check digit 8:
        // the other 13 digits weigh 32).
        assert!(luhn("24170062400018"));
        assert!(!luhn("24170062400019"));
    }

    #[test]
    fn a_siret_must_start_with_a_valid_siren() {
        // 12345678900015 passes the Luhn check over its 14 digits (5 + 2 + 9 + 8 + 5 + 6 + 1 + 4
        // + 6 + 2 + 2 = 50), but 123456789 does not (9 + 7 + 7 + 3 + 5 + 8 + 3 + 4 + 1 = 47).
        assert!(luhn("12345678900015"));
        assert!(!luhn("123456789"));
        let cdc = line_of("siren = \"241700624\"           # from the prefecture stamp");
        assert_eq!(
            error_after(CDC_SIREN, "siret = \"12345678900015\""),
            format!("c.toml:{cdc}:9: [[member]] cdc siret \"12345678900015\" fails its Luhn check: a digit is wrong or two are swapped")
        );
    }

    #[test]
    fn a_siren_or_siret_must_have_its_digits_and_check_digit() {
        let provider = line_of("[provider]");
        assert_eq!(
            error_after("[provider]\n", "[provider]\nsiret = \"123\"\n"),
            format!(
                "c.toml:{}:9: [provider] siret \"123\" must be 14 digits",
                provider + 1
            )
        );
        let cdc = line_of("siren = \"241700624\"           # from the prefecture stamp");
        assert_eq!(
            error_after(CDC_SIREN, "siren = \"241700625\""),
            format!("c.toml:{cdc}:9: [[member]] cdc siren \"241700625\" fails its Luhn check: a digit is wrong or two are swapped")
        );
        assert_eq!(
            error_after(CDC_SIREN, "siren = \"24170062A\""),
            format!("c.toml:{cdc}:9: [[member]] cdc siren \"24170062A\" must be 9 digits")
        );
        assert_eq!(
            error_after(CDC_SIREN, "siret = \"24170062400019\""),
            format!("c.toml:{cdc}:9: [[member]] cdc siret \"24170062400019\" fails its Luhn check: a digit is wrong or two are swapped")
        );
        assert_eq!(
            error_after(CDC_SIREN, "siret = \"2417006240001\""),
            format!("c.toml:{cdc}:9: [[member]] cdc siret \"2417006240001\" must be 14 digits")
        );
    }

    #[test]
    fn a_siret_gives_its_siren_and_spaces_are_read_past() {
        let c = parsed_after(CDC_SIREN, "siret = \"241 700 624 00018\"");
        assert_eq!(c.client().identity.siret.as_deref(), Some("24170062400018"));
        assert_eq!(c.client().identity.siren.as_deref(), Some("241700624"));
        let c = parsed_after(
            CDC_SIREN,
            "siren = \"241 700 624\"\nsiret = \"24170062400018\"",
        );
        assert_eq!(c.client().identity.siren.as_deref(), Some("241700624"));
    }

    #[test]
    fn a_siret_must_be_an_establishment_of_the_siren_given() {
        // 24170062400026 passes the Luhn check (establishment 0002, check digit 6); 356000000,
        // La Poste's SIREN, passes it too (3 + 1 + 6 = 10).
        let cdc = line_of("siren = \"241700624\"           # from the prefecture stamp");
        assert_eq!(
            error_after(CDC_SIREN, "siren = \"356000000\"\nsiret = \"24170062400026\""),
            format!("c.toml:{}:9: [[member]] cdc siret 24170062400026 is not an establishment of its siren 356000000 (its first 9 digits differ)", cdc + 1)
        );
    }

    #[test]
    fn an_insee_code_is_a_department_then_3_digits() {
        let line = line_of("insee = \"17411\"");
        for bad in ["1741", "174111", "2C411", "17A11", "17 41"] {
            assert_eq!(
                error_after("insee = \"17411\"", &format!("insee = \"{bad}\"")),
                format!("c.toml:{line}:9: [[member]] saint-trojan-les-bains insee \"{bad}\" must be 5 characters: 2 digits (or 2A, 2B), then 3 digits, like \"17411\"")
            );
        }
        // Corsica: Ajaccio 2A004, Bastia 2B033.
        let c = parsed_after("insee = \"17411\"", "insee = \"2A004\"");
        assert_eq!(c.members[1].insee.as_deref(), Some("2A004"));
        assert!(parse(&EMBEDDED.replacen("\"17411\"", "\"2B033\"", 1), "c.toml").is_ok());
    }

    #[test]
    fn two_members_cannot_share_an_identity() {
        let grand_village = line_of("id = \"le-grand-village-plage\"") - 1;
        assert_eq!(
            error_after("insee = \"17485\"", "insee = \"17411\""),
            format!("c.toml:{grand_village}:1: [[member]] le-grand-village-plage has the INSEE code 17411 of saint-trojan-les-bains")
        );
        assert_eq!(
            error_after("insee = \"17485\"", "insee = \"17485\"\nsiret = \"24170062400018\""),
            format!("c.toml:{grand_village}:1: [[member]] le-grand-village-plage has the SIREN 241700624 of cdc")
        );
    }

    #[test]
    fn an_address_is_1_to_6_lines_of_38_characters() {
        let line = line_of("address = [\"2 rue des Rochers\", \"17100 Saintes\"]");
        let errors = errors_after(&[
            ("address = [\"2 rue des Rochers\", \"17100 Saintes\"]", "address = []"),
            ("insee = \"17411\"", "insee = \"17411\"\naddress = [\"1 rue de la République et de la Libération\", \" \", \"=1+1\"]"),
        ]);
        let trojan = line_of("insee = \"17411\"") + 1;
        assert_eq!(
            errors,
            [
                format!("c.toml:{line}:11: [provider] address has 0 lines: a postal address has 1 to 6 (leave it out if unknown)"),
                format!("c.toml:{trojan}:11: [[member]] saint-trojan-les-bains address line \"1 rue de la République et de la Libération\" is 42 characters long: at most 38 (AFNOR NF Z10-011)"),
                format!("c.toml:{trojan}:11: [[member]] saint-trojan-les-bains address has an empty line"),
                format!("c.toml:{trojan}:11: [[member]] saint-trojan-les-bains address \"=1+1\" starts with '=': a spreadsheet opening the CSV would run it as a formula"),
            ]
        );
        let seven = format!("address = [{}]", ["\"l\""; 7].join(", "));
        assert_eq!(
            error_after("address = [\"2 rue des Rochers\", \"17100 Saintes\"]", &seven),
            format!("c.toml:{line}:11: [provider] address has 7 lines: a postal address has 1 to 6 (leave it out if unknown)")
        );
    }
}
