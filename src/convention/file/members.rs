//! The `[[member]]` tables and `[split]`: who shares the cost, by which key, under which names.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use super::Validator;
use crate::convention::number::Number;
use crate::convention::{names, Member};
use crate::error::{Error, Location, Result};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawSplit {
    pub client_share: Number,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMember {
    id: String,
    name: String,
    key: Option<Number>,
    #[serde(default)]
    aliases: Vec<String>,
    assistance: Option<bool>,
}

impl Validator<'_> {
    pub(super) fn members(&self, raw: &[Spanned<RawMember>]) -> Result<Vec<Member>> {
        let mut ids = HashSet::new();
        let mut folded_names: HashMap<String, &str> = HashMap::new();
        let mut members = Vec::with_capacity(raw.len());
        for entry in raw {
            let span = entry.span();
            let m = entry.get_ref();
            self.identifier(&span, "[[member]] id", &m.id)?;
            if !ids.insert(m.id.as_str()) {
                return Err(self.error(span, format!("[[member]] duplicate id {:?}", m.id)));
            }
            // A usage file names members by id, name or alias: each must point to one member.
            for name in [&m.id, &m.name].into_iter().chain(&m.aliases) {
                match folded_names.insert(names::fold(name), &m.id) {
                    Some(other) if other != m.id => {
                        return Err(self.error(
                            span,
                            format!("[[member]] {:?} of {} could also mean {other}", name, m.id),
                        ))
                    }
                    _ => {}
                }
            }
            let key = match m.key {
                Some(key) => Some(self.percent(&span, "[[member]] key", key, Decimal::ZERO)?),
                None => None,
            };
            members.push(Member {
                id: m.id.clone(),
                name: m.name.clone(),
                key,
                aliases: m.aliases.clone(),
                assistance: m.assistance.unwrap_or(true),
            });
        }
        Ok(members)
    }

    /// Every member but the client has a key, and those keys make exactly 100 %.
    pub(super) fn keys(
        &self,
        raw: &[Spanned<RawMember>],
        members: &[Member],
        client: usize,
    ) -> Result<()> {
        for (i, (m, entry)) in members.iter().zip(raw).enumerate() {
            match (i == client, m.key) {
                (true, Some(_)) => {
                    return Err(self.error(
                        entry.span(),
                        format!("[[member]] {} is the client: it takes no key (its part is [split] client_share)", m.id),
                    ))
                }
                (false, None) => {
                    return Err(self.error(
                        entry.span(),
                        format!("[[member]] {} has no key (every member but the client needs one)", m.id),
                    ))
                }
                _ => {}
            }
        }
        let Some(first) = raw
            .iter()
            .enumerate()
            .find(|(i, _)| *i != client)
            .map(|(_, e)| e)
        else {
            return Err(Error::input(
                Location::file(self.file),
                "the convention has no member besides the client",
            ));
        };
        let sum: Decimal = members.iter().filter_map(|m| m.key).sum();
        if sum != Decimal::ONE_HUNDRED {
            return Err(self.error(
                first.span(),
                format!(
                    "the keys of the members other than the client sum to {} %, not 100 %",
                    sum.normalize()
                ),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{error_after, line_of};

    #[test]
    fn keys_must_make_exactly_100() {
        let first_commune = line_of("id = \"saint-trojan-les-bains\"") - 1;
        assert_eq!(
            error_after("key = 18.5", "key = 18"),
            format!("c.toml:{first_commune}:1: the keys of the members other than the client sum to 99.5 %, not 100 %")
        );
        assert!(error_after("key = 7", "key = \"107%\"")
            .ends_with("[[member]] key must be between 0 and 100 (percent), not 107"));
        assert_eq!(
            error_after("client_share = 50", "client_share = -5"),
            format!(
                "c.toml:{}:1: [split] client_share must be between 0 and 100 (percent), not -5",
                line_of("[split]")
            )
        );
    }

    #[test]
    fn members_are_checked() {
        assert!(
            error_after("id = \"la-bree-les-bains\"", "id = \"dolus-d-oleron\"")
                .ends_with("[[member]] duplicate id \"dolus-d-oleron\"")
        );
        assert_eq!(
            error_after("client = \"cdc\"", "client = \"cdd\""),
            "c.toml:6:1: [convention] client \"cdd\" is not a member (members: cdc, saint-trojan-les-bains, \
             le-grand-village-plage, le-chateau-d-oleron, dolus-d-oleron, saint-pierre-d-oleron, \
             saint-georges-d-oleron, la-bree-les-bains, saint-denis-d-oleron)"
        );
        let cdc = line_of("id = \"cdc\"") - 1;
        assert_eq!(
            error_after("name = \"Cdc de l'île d'Oléron\"", "name = \"Cdc de l'île d'Oléron\"\nkey = 0"),
            format!("c.toml:{cdc}:1: [[member]] cdc is the client: it takes no key (its part is [split] client_share)")
        );
        assert!(error_after("key = 19\n", "").ends_with(
            "[[member]] dolus-d-oleron has no key (every member but the client needs one)"
        ));
        assert!(error_after(
            "aliases = [\"Saint Denys d'Oléron\"]",
            "aliases = [\"Dolus d'Oleron\"]"
        )
        .ends_with(
            "[[member]] \"Dolus d'Oleron\" of saint-denis-d-oleron could also mean dolus-d-oleron"
        ));
    }

    #[test]
    fn ids_are_plain_so_that_they_can_name_files() {
        assert!(error_after("id = \"cdc\"", "id = \"../cdc\"").ends_with(
            "[[member]] id \"../cdc\" must be letters, digits, '-' or '_' (like \"saint-denis-d-oleron\")"
        ));
    }
}
