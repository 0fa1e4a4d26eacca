//! The `[[service]]` tables: what members may order on demand, at which price per unit.

use std::collections::HashMap;

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use super::Validator;
use crate::convention::number::Number;
use crate::convention::{names, Service};
use crate::messages::convention as msg;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawService {
    id: String,
    label: String,
    unit: String,
    price: Number,
    account: Option<String>,
}

impl Validator<'_> {
    /// The services whose price could be read; every mistake is recorded.
    pub(super) fn services(&self, raw: &[Spanned<RawService>]) -> Vec<Service> {
        let mut folded_ids: HashMap<String, &str> = HashMap::new();
        raw.iter()
            .filter_map(|entry| {
                let span = entry.span();
                let s = entry.get_ref();
                self.text(&span, "[[service]] label", &s.label);
                self.text(&span, "[[service]] unit", &s.unit);
                if let Some(account) = &s.account {
                    self.text(&span, "[[service]] account", account);
                }
                let plain = self.ok(self.identifier(&span, "[[service]] id", &s.id));
                // A usage line names its service ignoring case: two ids read alike would
                // leave it to chance which one is billed.
                if let Some(other) =
                    plain.and_then(|()| folded_ids.insert(names::fold(&s.id), &s.id))
                {
                    let message = if other == s.id {
                        msg::duplicate_id("[[service]]", &s.id)
                    } else {
                        msg::service_also_means(&s.id, other)
                    };
                    self.report(self.error(span.clone(), message));
                }
                let price = self
                    .amount(&span, "[[service]] price", s.price)
                    .and_then(|price| {
                        if price < Decimal::ZERO {
                            return Err(self.error(span.clone(), msg::negative_price(&s.id)));
                        }
                        Ok(price)
                    });
                Some(Service {
                    id: s.id.clone(),
                    label: s.label.clone(),
                    unit: s.unit.clone(),
                    price: self.ok(price)?,
                    account: s.account.clone(),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::error_after;

    #[test]
    fn service_ids_are_plain() {
        assert!(error_after("id = \"amo\"", "id = \"\"")
            .contains("[[service]] id \"\" must be letters"));
    }

    #[test]
    fn service_ids_read_alike_are_refused() {
        // The [[service]] tables of conventions/oleron-2020-2022.toml start on lines 111 and 117.
        assert_eq!(
            error_after("id = \"formation\"", "id = \"AMO\""),
            "c.toml:117:1: [[service]] id \"amo\" could also mean AMO (a usage file names services ignoring case)"
        );
        assert_eq!(
            error_after("id = \"formation\"", "id = \"amo\""),
            "c.toml:117:1: [[service]] duplicate id \"amo\""
        );
    }
}
