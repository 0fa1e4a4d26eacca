//! The `[[service]]` tables: what members may order on demand, at which price per unit.

use std::collections::HashSet;

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use super::Validator;
use crate::convention::number::Number;
use crate::convention::Service;
use crate::error::Result;

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
    pub(super) fn services(&self, raw: &[Spanned<RawService>]) -> Result<Vec<Service>> {
        let mut ids = HashSet::new();
        raw.iter()
            .map(|entry| {
                let span = entry.span();
                let s = entry.get_ref();
                self.identifier(&span, "[[service]] id", &s.id)?;
                if !ids.insert(s.id.as_str()) {
                    return Err(self.error(span, format!("[[service]] duplicate id {:?}", s.id)));
                }
                let price = self.money(&span, "[[service]] price", s.price)?;
                if price < Decimal::ZERO {
                    return Err(
                        self.error(span, format!("[[service]] {} has a negative price", s.id))
                    );
                }
                Ok(Service {
                    id: s.id.clone(),
                    label: s.label.clone(),
                    unit: s.unit.clone(),
                    price,
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
}
