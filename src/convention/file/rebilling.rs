//! The `[rebilling]` table: what the client's titres de recettes carry besides the amounts (the
//! object, the budget imputation, the payment terms, the ordonnateur, the mentions).

use std::cmp::Reverse;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::Validator;
use crate::convention::{Convention, ObjectTemplate, Ordonnateur, Rebilling, OBJECT_MAX_CHARS};
use crate::messages::convention as msg;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRebilling {
    object: Option<Spanned<String>>,
    nature: Option<Spanned<String>>,
    fonction: Option<Spanned<String>>,
    service_code: Option<Spanned<String>>,
    payment_days: Option<Spanned<i64>>,
    ordonnateur: Option<Spanned<RawOrdonnateur>>,
    #[serde(default)]
    mentions: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOrdonnateur {
    name: String,
    title: String,
}

impl RawRebilling {
    /// Where the object is written, if it is.
    pub(super) fn object_span(&self) -> Option<Range<usize>> {
        self.object.as_ref().map(Spanned::span)
    }
}

/// The longest payment term taken, in days: a year.
const PAYMENT_DAYS_MAX: i64 = 365;

impl Validator<'_> {
    /// What the titres carry, keeping what is valid; every mistake is recorded. The object is
    /// checked against every year and debtor of `c` once the convention is known.
    pub(super) fn rebilling(&self, raw: Option<&RawRebilling>) -> Rebilling {
        let Some(raw) = raw else {
            return Rebilling::default();
        };
        let text = |what: &str, value: &Spanned<String>| {
            let span = value.span();
            self.text(&span, what, value.get_ref());
            self.ok(self.non_empty(&span, what, value.get_ref()))
                .map(|()| value.get_ref().clone())
        };
        let object = raw.object.as_ref().and_then(|o| {
            text("[rebilling] object", o)?;
            self.ok(ObjectTemplate::parse(o.get_ref())
                .map_err(|why| self.error(o.span(), format!("[rebilling] object {why}"))))
        });
        let code = |what: &str, value: &Spanned<String>, example: &str| {
            let v = value.get_ref();
            let digits = (1..=10).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_digit());
            if !digits {
                self.report(self.error(value.span(), msg::budget_code(what, v, example)));
            }
            digits.then(|| v.clone())
        };
        let payment_days = raw.payment_days.as_ref().and_then(|days| {
            let d = *days.get_ref();
            let valid = (0..=PAYMENT_DAYS_MAX).contains(&d);
            if !valid {
                self.report(self.error(days.span(), msg::payment_days(PAYMENT_DAYS_MAX, d)));
            }
            u16::try_from(d).ok().filter(|_| valid)
        });
        let ordonnateur = raw.ordonnateur.as_ref().and_then(|o| {
            let span = o.span();
            let RawOrdonnateur { name, title } = o.get_ref();
            self.name(&span, "[rebilling] ordonnateur name", name);
            self.text(&span, "[rebilling] ordonnateur title", title);
            let name = self.non_empty(&span, "[rebilling] ordonnateur name", name);
            let title = self.non_empty(&span, "[rebilling] ordonnateur title", title);
            self.ok(name)?;
            self.ok(title)?;
            Some(Ordonnateur {
                name: o.get_ref().name.clone(),
                title: o.get_ref().title.clone(),
            })
        });
        for mention in &raw.mentions {
            self.text(&mention.span(), "[rebilling] mention", mention.get_ref());
        }
        Rebilling {
            object,
            nature: raw
                .nature
                .as_ref()
                .and_then(|n| code("[rebilling] nature", n, "70875")),
            fonction: raw
                .fonction
                .as_ref()
                .and_then(|f| code("[rebilling] fonction", f, "020")),
            service_code: raw
                .service_code
                .as_ref()
                .and_then(|s| text("[rebilling] service_code", s)),
            payment_days,
            ordonnateur,
            mentions: raw.mentions.iter().map(|m| m.get_ref().clone()).collect(),
        }
    }

    /// Records an object longer than finance packages take, for any year and debtor of `c`.
    pub(super) fn object_length(&self, span: Range<usize>, c: &Convention) {
        let Some(object) = &c.rebilling.object else {
            return;
        };
        // A titre with services and one without say {services} in words of different lengths.
        let longest = c
            .years()
            .flat_map(|year| c.debtors().map(move |debtor| (year, debtor)))
            .flat_map(|(year, debtor)| {
                [true, false]
                    .map(|services| (object.expand(c, year, debtor, services), year, debtor))
            })
            .min_by_key(|(text, _, _)| Reverse(text.chars().count()));
        if let Some((text, year, debtor)) = longest {
            let chars = text.chars().count();
            if chars > OBJECT_MAX_CHARS {
                self.report(self.error(
                    span,
                    msg::object_too_long(
                        chars,
                        year,
                        &c.members[debtor].id,
                        OBJECT_MAX_CHARS,
                        &text,
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{error_after, errors_after, line_of};
    use crate::convention::{parse, EMBEDDED};

    const NATURE: &str = "nature = \"70875\"";

    /// The embedded convention's terms of the titres, from its nature to its mentions, which
    /// the tests replace whole.
    fn terms() -> &'static str {
        let start = EMBEDDED.find(NATURE).unwrap();
        let end = EMBEDDED[start..].find("\nmentions = ").unwrap() + start;
        let end = EMBEDDED[end + 1..].find('\n').unwrap() + end + 1;
        &EMBEDDED[start..end]
    }

    #[test]
    fn the_object_knows_its_placeholders() {
        let line = line_of(NATURE) - 3;
        assert_eq!(
            error_after("Participation {year}", "Participation {annee}"),
            format!("c.toml:{line}:10: [rebilling] object has an unknown placeholder {{annee}} (placeholders: {{year}}, {{member}}, {{client}}, {{provider}}, {{services}})")
        );
        assert_eq!(
            error_after("Participation {year}", "Participation {year"),
            format!("c.toml:{line}:10: [rebilling] object has a \"{{\" without its pair")
        );
    }

    #[test]
    fn the_object_fits_finance_packages_for_every_year_and_debtor() {
        let line = line_of(NATURE) - 3;
        let object =
            |filler: usize| format!("object = \"{} {{year}} {{member}}\"", "x".repeat(filler));
        let embedded_object = EMBEDDED
            .lines()
            .find(|l| l.starts_with("object = "))
            .unwrap();
        // The longest names of the debtors have 22 characters (Saint-Trojan-les-Bains, the
        // first in the file, Le Grand-Village-Plage, Saint-Georges-d'Oléron): with a year of 4
        // digits and two spaces, a filler of 132 makes 132 + 1 + 4 + 1 + 22 = 160 characters.
        assert!(parse(&EMBEDDED.replace(embedded_object, &object(132)), "c.toml").is_ok());
        let long = format!("{} 2020 Saint-Trojan-les-Bains", "x".repeat(133));
        assert_eq!(
            error_after(embedded_object, &object(133)),
            format!("c.toml:{line}:10: [rebilling] object is 161 characters long for 2020 and saint-trojan-les-bains: at most 160, as finance packages take ({long:?})")
        );
        // {services} is 28 characters on a titre without services ("sans prestation à la
        // demande"), one more than with them, and is what the limit is held to: a filler of
        // 103 makes 103 + 1 + 4 + 1 + 22 + 1 + 28 = 160 characters.
        let with_services = |filler: usize| {
            format!(
                "object = \"{} {{year}} {{member}} {{services}}\"",
                "x".repeat(filler)
            )
        };
        assert!(parse(
            &EMBEDDED.replace(embedded_object, &with_services(103)),
            "c.toml"
        )
        .is_ok());
        let long = format!(
            "{} 2020 Saint-Trojan-les-Bains sans prestation à la demande",
            "x".repeat(104)
        );
        assert_eq!(
            error_after(embedded_object, &with_services(104)),
            format!("c.toml:{line}:10: [rebilling] object is 161 characters long for 2020 and saint-trojan-les-bains: at most 160, as finance packages take ({long:?})")
        );
    }

    #[test]
    fn the_imputation_and_the_terms_are_checked() {
        let nature = line_of(NATURE);
        let errors = errors_after(&[
            (terms(), "nature = \"7087S\"\nfonction = \"02.0\"\nservice_code = \" \"\npayment_days = 400\nordonnateur = { name = \"\", title = \"Président\" }\nmentions = [\"Voies et délais de recours\\u0007\"]"),
        ]);
        assert_eq!(
            errors,
            [
                format!("c.toml:{nature}:10: [rebilling] nature \"7087S\" must be 1 to 10 digits, like \"70875\""),
                format!("c.toml:{}:12: [rebilling] fonction \"02.0\" must be 1 to 10 digits, like \"020\"", nature + 1),
                format!("c.toml:{}:16: [rebilling] service_code must not be empty", nature + 2),
                format!("c.toml:{}:16: [rebilling] payment_days must be between 0 and 365 (days), not 400", nature + 3),
                format!("c.toml:{}:15: [rebilling] ordonnateur name must not be empty", nature + 4),
                format!("c.toml:{}:13: [rebilling] mention \"Voies et délais de recours\\u{{7}}\" holds the character U+0007: control and text-direction characters are not allowed", nature + 5),
            ]
        );
        assert_eq!(
            error_after(terms(), "nature = \"70875\"\npayment_days = -1"),
            format!(
                "c.toml:{}:16: [rebilling] payment_days must be between 0 and 365 (days), not -1",
                nature + 1
            )
        );
        assert!(error_after(terms(), "ordonnateur = { name = \"M. X\" }")
            .ends_with("missing key `title` (TOML reader: missing field `title`)"));
    }

    #[test]
    fn a_complete_rebilling_table_is_read() {
        let c = parse(
            &EMBEDDED.replace(terms(), "nature = \"70875\"\nfonction = \"020\"\nservice_code = \"FIN\"\npayment_days = 30\nordonnateur = { name = \"Prénom Nom\", title = \"Président\" }\nmentions = [\"Voies et délais de recours : deux mois (CGCT, art. L1617-5).\"]"),
            "c.toml",
        )
        .unwrap();
        let r = &c.rebilling;
        assert_eq!(r.nature.as_deref(), Some("70875"));
        assert_eq!(r.fonction.as_deref(), Some("020"));
        assert_eq!(r.service_code.as_deref(), Some("FIN"));
        assert_eq!(r.payment_days, Some(30));
        assert_eq!(r.ordonnateur.as_ref().unwrap().title, "Président");
        assert_eq!(r.mentions.len(), 1);
        let missing = c.missing_for_titres();
        assert!(
            !missing.iter().any(|m| m.contains("[rebilling]")),
            "{missing:?}"
        );
    }
}
