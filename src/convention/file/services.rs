//! The `[[service]]` tables: what members may order on demand, at which price per unit.

use std::collections::HashSet;

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use super::Validator;
use crate::convention::number::Number;
use crate::convention::Service;

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
    /// The services without a mistake; the others' mistakes are recorded.
    pub(super) fn services(&self, raw: &[Spanned<RawService>]) -> Vec<Service> {
        let mut ids = HashSet::new();
        raw.iter()
            .filter_map(|entry| {
                let span = entry.span();
                let s = entry.get_ref();
                let mut sound = self
                    .ok(self.identifier(&span, "[[service]] id", &s.id))
                    .is_some();
                if !ids.insert(s.id.as_str()) {
                    sound = false;
                    self.report(
                        self.error(span.clone(), format!("[[service]] duplicate id {:?}", s.id)),
                    );
                }
                let price =
                    self.ok(self
                        .money(&span, "[[service]] price", s.price)
                        .and_then(|price| {
                            if price < Decimal::ZERO {
                                return Err(self.error(
                                    span.clone(),
                                    format!("[[service]] {} has a negative price", s.id),
                                ));
                            }
                            Ok(price)
                        }));
                Some(Service {
                    id: s.id.clone(),
                    label: s.label.clone(),
                    unit: s.unit.clone(),
                    price: price?,
                    account: s.account.clone(),
                })
                .filter(|_| sound)
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
}
