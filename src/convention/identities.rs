//! What the client needs to issue its titres de recettes: the identities of the parties, the
//! legal basis of the debt, the budget imputation and wording of the titres, and the list of
//! what a convention still lacks for them.

use chrono::NaiveDate;

use super::Convention;
use crate::messages::convention as msg;

/// The most characters a finance package takes in the object of a titre.
pub const OBJECT_MAX_CHARS: usize = 160;

/// How a party is identified on a titre; every part is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identity {
    /// The SIREN (9 digits): as given, or the first 9 digits of the SIRET.
    pub siren: Option<String>,
    /// The SIRET (14 digits: the SIREN and an establishment number).
    pub siret: Option<String>,
    /// The postal address, line by line.
    pub address: Vec<String>,
}

/// The convention as the titres cite it.
#[derive(Debug, Clone)]
pub struct LegalBasis {
    pub title: String,
    /// The date of signature, when the signed copy gives one.
    pub signed: Option<NaiveDate>,
    /// The articles that fix the amounts ("7.1").
    pub articles: Vec<String>,
    /// The decisions the convention rests on (délibérations), in the order of the file.
    pub acts: Vec<Act>,
}

/// A decision of an assembly the convention rests on.
#[derive(Debug, Clone)]
pub struct Act {
    pub label: String,
    pub date: NaiveDate,
    /// Its number, as transmitted to the prefecture ("250919_DCC26").
    pub reference: Option<String>,
}

/// What the client's titres carry besides the amounts; every part is optional.
#[derive(Debug, Clone, Default)]
pub struct Rebilling {
    pub object: Option<ObjectTemplate>,
    /// Budget nature (the account, "70875").
    pub nature: Option<String>,
    /// Budget fonction (M57).
    pub fonction: Option<String>,
    pub service_code: Option<String>,
    /// Days the debtor has to pay.
    pub payment_days: Option<u16>,
    pub ordonnateur: Option<Ordonnateur>,
    /// Lines printed at the bottom of the supporting statement (the voies et délais de recours).
    pub mentions: Vec<String>,
}

/// Who issues the titres, as the debtor's copy names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ordonnateur {
    pub name: String,
    pub title: String,
}

/// The object of a titre, with placeholders filled for each year and debtor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObjectTemplate(Vec<Part>);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Year,
    Member,
    Client,
    Provider,
    Services,
}

/// The placeholders an object may hold, as written.
pub const PLACEHOLDERS: [&str; 5] = ["{year}", "{member}", "{client}", "{provider}", "{services}"];

/// What `{services}` says of a titre that carries services, and of one that carries none: the
/// object never announces services that the titre does not bill.
pub const WITH_SERVICES: &str = "et prestations à la demande";
pub const WITHOUT_SERVICES: &str = "sans prestation à la demande";

impl ObjectTemplate {
    /// Reads `text`; the error names the first unknown placeholder or unmatched brace.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut parts = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find(['{', '}']) {
            if open > 0 {
                parts.push(Part::Text(rest[..open].to_string()));
            }
            let close = rest[open..]
                .find('}')
                .map(|i| open + i)
                .filter(|&close| {
                    rest[open..].starts_with('{') && !rest[open + 1..close].contains('{')
                })
                .ok_or_else(|| msg::unpaired_brace(&rest[open..=open]))?;
            let name = &rest[open..=close];
            parts.push(match name {
                "{year}" => Part::Year,
                "{member}" => Part::Member,
                "{client}" => Part::Client,
                "{provider}" => Part::Provider,
                "{services}" => Part::Services,
                _ => return Err(msg::unknown_placeholder(name, &PLACEHOLDERS)),
            });
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(Part::Text(rest.to_string()));
        }
        Ok(ObjectTemplate(parts))
    }

    /// The object of the titre of member `debtor` for `year`, which carries services or not.
    pub fn expand(&self, c: &Convention, year: i32, debtor: usize, services: bool) -> String {
        self.0
            .iter()
            .map(|part| match part {
                Part::Text(text) => text.clone(),
                Part::Year => year.to_string(),
                Part::Member => c.members[debtor].name.clone(),
                Part::Client => c.client().name.clone(),
                Part::Provider => c.provider.clone(),
                Part::Services if services => WITH_SERVICES.to_string(),
                Part::Services => WITHOUT_SERVICES.to_string(),
            })
            .collect()
    }
}

impl Convention {
    /// The members billed by titres: every member but the client, in the order of the file.
    pub fn debtors(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.members.len()).filter(move |&i| i != self.client)
    }

    /// What the convention lacks for the client to issue its titres, one warning a line: not an
    /// error, as the amounts can be computed without it.
    pub fn missing_for_titres(&self) -> Vec<String> {
        use crate::messages::convention::{lacking, Lacking};
        let mut missing = Vec::new();
        let mut lacks = |what: Lacking, ids: Vec<&str>| {
            if !ids.is_empty() {
                missing.push(lacking(what, &ids));
            }
        };
        let debtors = |lacks: fn(&super::Member) -> bool| -> Vec<&str> {
            self.debtors()
                .map(|i| &self.members[i])
                .filter(|m| lacks(m))
                .map(|m| m.id.as_str())
                .collect()
        };
        let client = self.client();
        let client_if = |absent: bool| {
            if absent {
                vec![client.id.as_str()]
            } else {
                vec![]
            }
        };
        lacks(Lacking::Siren, client_if(client.identity.siren.is_none()));
        lacks(
            Lacking::Address,
            client_if(client.identity.address.is_empty()),
        );
        lacks(Lacking::Siret, debtors(|m| m.identity.siret.is_none()));
        lacks(Lacking::Insee, debtors(|m| m.insee.is_none()));
        lacks(Lacking::Address, debtors(|m| m.identity.address.is_empty()));
        // Settings of the convention: no member to name.
        let whole = |absent: bool| if absent { vec![""] } else { vec![] };
        let basis = self.legal_basis.as_ref();
        let r = &self.rebilling;
        lacks(Lacking::LegalBasis, whole(basis.is_none()));
        lacks(
            Lacking::Signed,
            whole(basis.is_some_and(|b| b.signed.is_none())),
        );
        lacks(
            Lacking::Articles,
            whole(basis.is_some_and(|b| b.articles.is_empty())),
        );
        lacks(Lacking::Object, whole(r.object.is_none()));
        lacks(Lacking::Nature, whole(r.nature.is_none()));
        lacks(Lacking::Fonction, whole(r.fonction.is_none()));
        lacks(Lacking::Ordonnateur, whole(r.ordonnateur.is_none()));
        lacks(Lacking::PaymentDays, whole(r.payment_days.is_none()));
        lacks(Lacking::Mentions, whole(r.mentions.is_empty()));
        missing
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convention::{parse, EMBEDDED, EMBEDDED_NAME};

    /// What the signed document (and the official geographic code) establish, and nothing more.
    #[test]
    fn the_embedded_identities_are_the_documents() {
        let c = parse(EMBEDDED, EMBEDDED_NAME).unwrap();
        // The prefecture stamp 017-241700624-20190925-250919_DCC26-DE.
        assert_eq!(c.client().identity.siren.as_deref(), Some("241700624"));
        assert_eq!(c.client().identity.siret, None);
        assert_eq!(
            c.provider_identity,
            Identity {
                siren: None,
                siret: None,
                address: vec!["2 rue des Rochers".into(), "17100 Saintes".into()],
            }
        );
        // The domain notes' list of the communes' INSEE codes.
        let codes: Vec<_> = c
            .debtors()
            .map(|i| (c.members[i].name.as_str(), c.members[i].insee.as_deref()))
            .collect();
        assert_eq!(
            codes,
            [
                ("Saint-Trojan-les-Bains", Some("17411")),
                ("Le Grand-Village-Plage", Some("17485")),
                ("Le Château-d'Oléron", Some("17093")),
                ("Dolus-d'Oléron", Some("17140")),
                ("Saint-Pierre-d'Oléron", Some("17385")),
                ("Saint-Georges-d'Oléron", Some("17337")),
                ("La Brée-les-Bains", Some("17486")),
                ("Saint-Denis-d'Oléron", Some("17323")),
            ]
        );
        assert!(c.members.iter().all(|m| m.identity.siret.is_none()));
        let basis = c.legal_basis.as_ref().unwrap();
        assert_eq!(basis.signed, None);
        assert_eq!(basis.articles, ["7.1", "7.2", "7.3"]);
        let acts: Vec<_> = basis
            .acts
            .iter()
            .map(|a| (a.date.to_string(), a.reference.as_deref()))
            .collect();
        assert_eq!(
            acts,
            [
                ("2019-04-17".to_string(), None),
                ("2019-09-25".to_string(), Some("250919_DCC26"))
            ]
        );
        assert_eq!(c.rebilling.nature.as_deref(), Some("70875"));
        let object = c.rebilling.object.as_ref().unwrap();
        assert_eq!(
            object.expand(&c, 2021, 1, true),
            "Participation 2021 au Conseiller Numérique de proximité mutualisé et prestations à la demande — convention Soluris"
        );
        assert_eq!(
            object.expand(&c, 2021, 1, false),
            "Participation 2021 au Conseiller Numérique de proximité mutualisé sans prestation à la demande — convention Soluris"
        );
    }

    #[test]
    fn what_the_embedded_convention_lacks_for_titres() {
        let c = parse(EMBEDDED, EMBEDDED_NAME).unwrap();
        // The signed document gives the Cdc's SIREN, the communes' INSEE codes come from the
        // official list, the nature from the M57 plan; nothing else below is in the document.
        let communes = "saint-trojan-les-bains, le-grand-village-plage, le-chateau-d-oleron, \
                        dolus-d-oleron, saint-pierre-d-oleron, saint-georges-d-oleron, \
                        la-bree-les-bains, saint-denis-d-oleron";
        assert_eq!(
            c.missing_for_titres(),
            [
                "no postal address for cdc ([[member]] address)".to_string(),
                format!("no SIRET for {communes} ([[member]] siret)"),
                format!("no postal address for {communes} ([[member]] address)"),
                "no signature date of the convention ([legal_basis] signed)".to_string(),
                "no budget fonction ([rebilling] fonction)".to_string(),
                "no ordonnateur ([rebilling] ordonnateur)".to_string(),
            ]
        );
    }

    #[test]
    fn a_convention_without_identities_lacks_them_all() {
        // The embedded convention stripped of every optional identity and rebilling field.
        let mut text = EMBEDDED.to_string();
        for line in EMBEDDED.lines().filter(|l| {
            [
                "siren",
                "insee",
                "nature",
                "object",
                "payment_days",
                "mentions",
            ]
            .iter()
            .any(|k| l.starts_with(&format!("{k} =")))
        }) {
            text = text.replacen(&format!("{line}\n"), "", 1);
        }
        let start = text.find("[legal_basis]").unwrap();
        let end = text.find("[cost]").unwrap();
        text.replace_range(start..end, "");
        let mut c = parse(&text, "c.toml").unwrap();
        c.members.truncate(2);
        let missing = c.missing_for_titres();
        assert_eq!(
            missing[..5],
            [
                "no SIREN for cdc ([[member]] siren)",
                "no postal address for cdc ([[member]] address)",
                "no SIRET for saint-trojan-les-bains ([[member]] siret)",
                "no INSEE code for saint-trojan-les-bains ([[member]] insee)",
                "no postal address for saint-trojan-les-bains ([[member]] address)",
            ]
        );
        assert_eq!(missing[5], "no legal basis ([legal_basis] title)");
        assert_eq!(missing[6], "no object of the titres ([rebilling] object)");
        assert_eq!(missing[7], "no budget nature ([rebilling] nature)");
        assert_eq!(missing.len(), 12);
    }

    #[test]
    fn an_object_fills_its_placeholders() {
        let c = parse(EMBEDDED, EMBEDDED_NAME).unwrap();
        let object =
            ObjectTemplate::parse("Part {year} de {member} ({client}, {provider}) {services}")
                .unwrap();
        let dolus = c.member_index("dolus-d-oleron").unwrap();
        assert_eq!(
            object.expand(&c, 2021, dolus, false),
            "Part 2021 de Dolus-d'Oléron (Cdc de l'île d'Oléron, Soluris) sans prestation à la demande"
        );
        assert_eq!(
            object.expand(&c, 2021, dolus, true),
            "Part 2021 de Dolus-d'Oléron (Cdc de l'île d'Oléron, Soluris) et prestations à la demande"
        );
        assert_eq!(
            ObjectTemplate::parse("Participation {annee}"),
            Err("has an unknown placeholder {annee} (placeholders: {year}, {member}, {client}, {provider}, {services})".to_string())
        );
        assert_eq!(
            ObjectTemplate::parse("Participation {year"),
            Err("has a \"{\" without its pair".to_string())
        );
        assert_eq!(
            ObjectTemplate::parse("Participation year} {year}"),
            Err("has a \"}\" without its pair".to_string())
        );
    }
}
