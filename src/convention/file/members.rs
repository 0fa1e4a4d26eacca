//! The `[[member]]` tables and `[split]`: who shares the cost, by which key, under which names;
//! their identity fields are read in `parties`, and no two members may share one.

use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;
use serde::Deserialize;
use toml::Spanned;

use super::header::RawHeader;
use super::parties::RawIdentity;
use super::Validator;
use crate::convention::number::Number;
use crate::convention::{names, Identity, Member};
use crate::error::{Error, Location};
use crate::messages::convention as msg;

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
    siren: Option<Spanned<String>>,
    siret: Option<Spanned<String>>,
    address: Option<Spanned<Vec<String>>>,
    insee: Option<Spanned<String>>,
}

impl Validator<'_> {
    /// The members, one per table whatever its mistakes (each recorded), so that the client and
    /// the keys can still be checked; and whether every key given could be read.
    pub(super) fn members(&self, raw: &[Spanned<RawMember>]) -> (Vec<Member>, bool) {
        let mut ids = HashSet::new();
        let mut folded_names: HashMap<String, &str> = HashMap::new();
        let mut keys_read = true;
        let mut members = Vec::with_capacity(raw.len());
        for entry in raw {
            let span = entry.span();
            let m = entry.get_ref();
            self.ok(self.identifier(&span, "[[member]] id", &m.id));
            if !ids.insert(m.id.as_str()) {
                self.report(self.error(span.clone(), msg::duplicate_id("[[member]]", &m.id)));
            }
            self.name(&span, "[[member]] name", &m.name);
            for alias in &m.aliases {
                self.name(&span, "[[member]] alias", alias);
            }
            // A usage file names members by id, name or alias: each must point to one member,
            // and none may match a blank cell.
            for name in [&m.id, &m.name].into_iter().chain(&m.aliases) {
                let folded = names::fold(name);
                let message = if folded.is_empty() {
                    msg::name_without_letter_or_digit(name, &m.id)
                } else {
                    match folded_names.insert(folded, &m.id) {
                        Some(other) if other != m.id => msg::name_also_means(name, &m.id, other),
                        _ => continue,
                    }
                };
                self.report(self.error(span.clone(), message));
            }
            let key = m.key.and_then(|key| {
                let key = self.ok(self.percent(&span, "[[member]] key", key, Decimal::ZERO));
                keys_read &= key.is_some();
                key
            });
            members.push(Member {
                id: m.id.clone(),
                name: m.name.clone(),
                key,
                aliases: m.aliases.clone(),
                assistance: m.assistance.unwrap_or(true),
                identity: Identity::default(),
                insee: None,
            });
        }
        (members, keys_read)
    }

    /// Gives each member the identity its table gives, keeping what is valid; a mistake there
    /// is recorded but does not stop the checks of the members' keys and names.
    pub(super) fn identities(&self, raw: &[Spanned<RawMember>], members: &mut [Member]) {
        for (member, entry) in members.iter_mut().zip(raw) {
            let m = entry.get_ref();
            let what = format!("[[member]] {}", m.id);
            let identity = RawIdentity {
                siren: m.siren.clone(),
                siret: m.siret.clone(),
                address: m.address.clone(),
            };
            member.identity = self.identity(&what, &identity);
            member.insee = m.insee.as_ref().and_then(|code| self.insee(&what, code));
        }
        self.distinct_identities(raw, members);
    }

    /// The index of the `[convention]` client among the members; its absence is reported only
    /// from a list of members without mistakes (`sound`).
    pub(super) fn client(
        &self,
        header: &Spanned<RawHeader>,
        members: &[Member],
        sound: bool,
    ) -> Option<usize> {
        let client = &header.get_ref().client;
        let found = members.iter().position(|m| m.id == *client);
        if found.is_none() && sound {
            self.report(self.error(
                header.span(),
                msg::not_a_member(
                    "[convention] client",
                    client,
                    members.iter().map(|m| m.id.as_str()),
                ),
            ));
        }
        found
    }

    /// Every member but the client has a key, and those keys make exactly 100 %; their sum is
    /// only checked when every key is there and could be read.
    pub(super) fn keys(
        &self,
        raw: &[Spanned<RawMember>],
        members: &[Member],
        client: usize,
        keys_read: bool,
    ) {
        let mut complete = keys_read;
        for (i, (m, entry)) in members.iter().zip(raw).enumerate() {
            let message = match (i == client, entry.get_ref().key.is_some()) {
                (true, true) => msg::client_takes_no_key(&m.id),
                (false, false) => msg::no_key(&m.id),
                _ => continue,
            };
            complete = false;
            self.report(self.error(entry.span(), message));
        }
        let Some(first) = raw
            .iter()
            .enumerate()
            .find(|(i, _)| *i != client)
            .map(|(_, e)| e)
        else {
            return self.report(Error::input(
                Location::file(self.file),
                msg::no_member_but_client(),
            ));
        };
        let sum: Decimal = members.iter().filter_map(|m| m.key).sum();
        if complete && sum != Decimal::ONE_HUNDRED {
            self.report(self.error(first.span(), msg::key_sum(sum.normalize())));
        }
    }

    /// Two members cannot share a SIREN, nor an INSEE code: a titre would go to the wrong one.
    pub(super) fn distinct_identities(&self, raw: &[Spanned<RawMember>], members: &[Member]) {
        let mut sirens: HashMap<&str, &str> = HashMap::new();
        let mut codes: HashMap<&str, &str> = HashMap::new();
        for (m, entry) in members.iter().zip(raw) {
            if let Some(siren) = m.identity.siren.as_deref() {
                if let Some(other) = sirens.insert(siren, &m.id) {
                    self.report(self.error(entry.span(), msg::shared_siren(&m.id, siren, other)));
                }
            }
            if let Some(code) = m.insee.as_deref() {
                if let Some(other) = codes.insert(code, &m.id) {
                    self.report(
                        self.error(entry.span(), msg::shared_insee_code(&m.id, code, other)),
                    );
                }
            }
        }
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
    fn no_name_or_alias_matches_a_blank_cell() {
        let saint_denis = line_of("id = \"saint-denis-d-oleron\"") - 1;
        assert_eq!(
            error_after("aliases = [\"Saint Denys d'Oléron\"]", "aliases = [\"?\"]"),
            format!("c.toml:{saint_denis}:1: [[member]] \"?\" of saint-denis-d-oleron has no letter or digit: it would match a blank cell of a usage file")
        );
        let cdc = line_of("id = \"cdc\"") - 1;
        assert_eq!(
            error_after("name = \"Cdc de l'île d'Oléron\"", "name = \" . \""),
            format!("c.toml:{cdc}:1: [[member]] \" . \" of cdc has no letter or digit: it would match a blank cell of a usage file")
        );
    }

    #[test]
    fn ids_are_plain_so_that_they_can_name_files() {
        assert!(error_after("id = \"cdc\"", "id = \"../cdc\"").ends_with(
            "[[member]] id \"../cdc\" must be letters, digits, '-' or '_' (like \"saint-denis-d-oleron\")"
        ));
    }
}
