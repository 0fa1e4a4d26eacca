//! The messages about a convention file: the rules each table must keep (the TOML reader's
//! refusals are in `toml`).
//! `what` names a table and key as the file writes them (`[cost] fte`, `[[member]] cdc siren`),
//! which no language changes.

use std::fmt::Display;

use rust_decimal::Decimal;

use super::{lang, list, some, tr, Lang};

pub fn too_large_file() -> String {
    tr(
        "larger than 1 MiB, the most a convention file may hold",
        "dépasse 1 Mio, la taille maximale d'un fichier de convention",
    )
    .to_string()
}

/// A number of the file that is not written as one.
pub fn not_a_number(text: &str) -> String {
    match lang() {
        Lang::En => format!(
            "cannot read {text:?} as a number (write it like 45000, 18.5, \"45000.00\" or \"22.5%\")"
        ),
        Lang::Fr => format!(
            "impossible de lire {text:?} comme un nombre (écrivez-le comme 45000, 18.5, \"45000.00\" ou \"22.5%\")"
        ),
    }
}

pub fn more_than_cents(what: &str, value: Decimal) -> String {
    match lang() {
        Lang::En => format!("{what} {value} has more than 2 decimals (cents)"),
        Lang::Fr => format!("{what} {value} a plus de 2 décimales (les centimes)"),
    }
}

pub fn too_large(what: &str, value: Decimal) -> String {
    match lang() {
        Lang::En => format!("{what} {value} is too large"),
        Lang::Fr => format!("{what} {value} est trop grand"),
    }
}

pub fn percent_out_of_range(what: &str, min: Decimal, value: Decimal) -> String {
    match lang() {
        Lang::En => format!("{what} must be between {min} and 100 (percent), not {value}"),
        Lang::Fr => format!("{what} doit être entre {min} et 100 (pour cent), pas {value}"),
    }
}

pub fn too_many_decimals(what: &str, value: Decimal, places: u32) -> String {
    match lang() {
        Lang::En => format!("{what} {value} has more than {places} decimals"),
        Lang::Fr => format!("{what} {value} a plus de {places} décimales"),
    }
}

pub fn id_not_plain(what: &str, id: &str) -> String {
    match lang() {
        Lang::En => format!(
            "{what} {id:?} must be letters, digits, '-' or '_' (like \"saint-denis-d-oleron\")"
        ),
        Lang::Fr => format!(
            "{what} {id:?} ne doit avoir que des lettres, des chiffres, '-' ou '_' (comme \"saint-denis-d-oleron\")"
        ),
    }
}

pub fn id_without_letter_or_digit(what: &str, id: &str) -> String {
    match lang() {
        Lang::En => format!("{what} {id:?} must hold a letter or a digit"),
        Lang::Fr => format!("{what} {id:?} doit avoir une lettre ou un chiffre"),
    }
}

pub fn id_starts_with_dash(what: &str, id: &str) -> String {
    match lang() {
        Lang::En => format!(
            "{what} {id:?} must not start with '-' (a file named so reads as an option, a cell as a formula)"
        ),
        Lang::Fr => format!(
            "{what} {id:?} ne doit pas commencer par '-' (un fichier ainsi nommé se lit comme une option, une cellule comme une formule)"
        ),
    }
}

pub fn id_too_long(what: &str, id: &str, chars: usize, max: usize) -> String {
    match lang() {
        Lang::En => {
            format!("{what} {id:?} is {chars} characters long: at most {max}, as it names files")
        }
        Lang::Fr => format!(
            "{what} {id:?} fait {chars} caractères : {max} au plus, car il nomme des fichiers"
        ),
    }
}

pub fn id_device_name(what: &str, id: &str) -> String {
    match lang() {
        Lang::En => format!(
            "{what} {id:?} is a device name on Windows (CON, PRN, AUX, NUL, COM0 to COM9, LPT0 to LPT9, in any case): it cannot name a file there"
        ),
        Lang::Fr => format!(
            "{what} {id:?} est un nom de périphérique sous Windows (CON, PRN, AUX, NUL, COM0 à COM9, LPT0 à LPT9, en majuscules ou en minuscules) : il ne peut pas y nommer de fichier"
        ),
    }
}

/// A text starting with `start`, which a spreadsheet would read as a formula.
pub fn formula_start(what: &str, value: &str, start: char) -> String {
    match lang() {
        Lang::En => format!(
            "{what} {value:?} starts with {start:?}: a spreadsheet opening the CSV would run it as a formula"
        ),
        Lang::Fr => format!(
            "{what} {value:?} commence par {start:?} : un tableur qui ouvre le CSV l'exécuterait comme une formule"
        ),
    }
}

pub fn control_character(what: &str, value: &str, control: char) -> String {
    let code = u32::from(control);
    match lang() {
        Lang::En => format!(
            "{what} {value:?} holds the character U+{code:04X}: control and text-direction characters are not allowed"
        ),
        Lang::Fr => format!(
            "{what} {value:?} contient le caractère U+{code:04X} : les caractères de contrôle et de sens d'écriture sont interdits"
        ),
    }
}

pub fn empty(what: &str) -> String {
    match lang() {
        Lang::En => format!("{what} must not be empty"),
        Lang::Fr => format!("{what} ne doit pas être vide"),
    }
}

/// `what` (a `[convention]` or `[legal_basis]` date) is not a plain date like `example`.
pub fn not_a_date(what: &str, example: &str, value: impl Display) -> String {
    match lang() {
        Lang::En => format!("{what} must be a date like {example}, not {value}"),
        Lang::Fr => format!("{what} doit être une date comme {example}, pas {value}"),
    }
}

pub fn start_after_end(start: impl Display, end: impl Display) -> String {
    match lang() {
        Lang::En => format!("[convention] start {start} is after end {end}"),
        Lang::Fr => format!("[convention] start {start} est après end {end}"),
    }
}

pub fn terminated_outside(
    terminated: impl Display,
    start: impl Display,
    end: impl Display,
) -> String {
    match lang() {
        Lang::En => {
            format!("[convention] terminated {terminated} is outside the period {start} to {end}")
        }
        Lang::Fr => format!(
            "[convention] terminated {terminated} est hors de la période du {start} au {end}"
        ),
    }
}

pub fn annual_negative(annual: Decimal) -> String {
    match lang() {
        Lang::En => format!("[cost] annual must not be negative, not {annual}"),
        Lang::Fr => format!("[cost] annual ne doit pas être négatif (il vaut {annual})"),
    }
}

pub fn fte_zero() -> String {
    tr(
        "[cost] fte must be more than 0",
        "[cost] fte doit être supérieur à 0",
    )
    .to_string()
}

pub fn negative_once_adjusted(year: i32, cost: Decimal) -> String {
    match lang() {
        Lang::En => format!("the cost of {year} is negative ({cost}) once adjusted"),
        Lang::Fr => format!("le coût de {year} est négatif ({cost}) une fois ajusté"),
    }
}

pub fn too_large_once_adjusted(year: i32, cost: Decimal) -> String {
    match lang() {
        Lang::En => format!("the cost of {year} is {cost} once adjusted, too large (below 10^12)"),
        Lang::Fr => {
            format!("le coût de {year} est de {cost} une fois ajusté, trop grand (moins de 10^12)")
        }
    }
}

pub fn percent_or_amount(label: &str) -> String {
    match lang() {
        Lang::En => format!("[[adjustment]] {label:?} needs exactly one of percent or amount"),
        Lang::Fr => format!(
            "[[adjustment]] {label:?} doit avoir soit percent, soit amount (un seul des deux)"
        ),
    }
}

pub fn adjustment_years_empty() -> String {
    tr(
        "[[adjustment]] years is empty (leave it out for every year)",
        "[[adjustment]] years est vide (omettez-le pour toutes les années)",
    )
    .to_string()
}

/// A year of `table` that is not one of the convention's `years`.
pub fn year_outside(table: &str, year: i32, years: impl IntoIterator<Item = i32>) -> String {
    let years = list(years);
    match lang() {
        Lang::En => {
            format!("{table} year {year} is outside the convention (valid years: {years})")
        }
        Lang::Fr => {
            format!("{table} l'année {year} est hors de la convention (années valides : {years})")
        }
    }
}

pub fn semester_outside(half: u8, year: i32) -> String {
    match lang() {
        Lang::En => {
            format!("[[published]] semester {half} of {year} is not a semester of the convention")
        }
        Lang::Fr => format!(
            "[[published]] le semestre {half} de {year} n'est pas un semestre de la convention"
        ),
    }
}

pub fn empty_article() -> String {
    tr(
        "[legal_basis] articles has an empty one",
        "[legal_basis] articles en contient un vide",
    )
    .to_string()
}

pub fn article_twice(article: &str) -> String {
    match lang() {
        Lang::En => format!("[legal_basis] article {article:?} is listed twice"),
        Lang::Fr => format!("[legal_basis] l'article {article:?} figure deux fois"),
    }
}

/// `table` (`[[member]]`, `[[service]]`) has `id` twice.
pub fn duplicate_id(table: &str, id: &str) -> String {
    match lang() {
        Lang::En => format!("{table} duplicate id {id:?}"),
        Lang::Fr => format!("{table} id {id:?} en double"),
    }
}

/// The name or alias `name` of the member `id` would match a blank cell.
pub fn name_without_letter_or_digit(name: &str, id: &str) -> String {
    match lang() {
        Lang::En => format!(
            "[[member]] {name:?} of {id} has no letter or digit: it would match a blank cell of a usage file"
        ),
        Lang::Fr => format!(
            "[[member]] {name:?} de {id} n'a ni lettre ni chiffre : il désignerait une cellule vide d'un fichier de prestations"
        ),
    }
}

/// The name or alias `name` of the member `id` reads like one of `other`.
pub fn name_also_means(name: &str, id: &str, other: &str) -> String {
    match lang() {
        Lang::En => format!("[[member]] {name:?} of {id} could also mean {other}"),
        Lang::Fr => format!("[[member]] {name:?} de {id} pourrait aussi désigner {other}"),
    }
}

/// `what` (`[convention] client`, `[[published]] member`) names `id`, which is not one of the
/// `members`.
pub fn not_a_member<'a>(
    what: &str,
    id: &str,
    members: impl IntoIterator<Item = &'a str>,
) -> String {
    let members = some(members);
    match lang() {
        Lang::En => format!("{what} {id:?} is not a member (members: {members})"),
        Lang::Fr => format!("{what} {id:?} n'est pas un membre (membres : {members})"),
    }
}

pub fn client_takes_no_key(id: &str) -> String {
    match lang() {
        Lang::En => format!(
            "[[member]] {id} is the client: it takes no key (its part is [split] client_share)"
        ),
        Lang::Fr => format!(
            "[[member]] {id} est le client : il n'a pas de clé (sa part est [split] client_share)"
        ),
    }
}

pub fn no_key(id: &str) -> String {
    match lang() {
        Lang::En => {
            format!("[[member]] {id} has no key (every member but the client needs one)")
        }
        Lang::Fr => {
            format!("[[member]] {id} n'a pas de clé (chaque membre autre que le client en a une)")
        }
    }
}

pub fn no_member_but_client() -> String {
    tr(
        "the convention has no member besides the client",
        "la convention n'a aucun membre en dehors du client",
    )
    .to_string()
}

/// The keys of the members other than the client make `sum` %, not 100 %.
pub fn key_sum(sum: Decimal) -> String {
    match lang() {
        Lang::En => {
            format!("the keys of the members other than the client sum to {sum} %, not 100 %")
        }
        Lang::Fr => {
            format!("les clés des membres autres que le client font {sum} % au total, pas 100 %")
        }
    }
}

pub fn siret_not_of_siren(what: &str, siret: &str, siren: &str) -> String {
    match lang() {
        Lang::En => format!(
            "{what} siret {siret} is not an establishment of its siren {siren} (its first 9 digits differ)"
        ),
        Lang::Fr => format!(
            "{what} siret {siret} n'est pas un établissement de son siren {siren} (ses 9 premiers chiffres diffèrent)"
        ),
    }
}

pub fn digit_count(what: &str, value: &str, digits: usize) -> String {
    match lang() {
        Lang::En => format!("{what} {value:?} must be {digits} digits"),
        Lang::Fr => format!("{what} {value:?} doit compter {digits} chiffres"),
    }
}

pub fn luhn_fails(what: &str, value: &str) -> String {
    match lang() {
        Lang::En => format!(
            "{what} {value:?} fails its Luhn check: a digit is wrong or two are swapped"
        ),
        Lang::Fr => format!(
            "{what} {value:?} ne passe pas la clé de Luhn : un chiffre est faux ou deux sont inversés"
        ),
    }
}

pub fn address_lines(what: &str, lines: usize, max: usize) -> String {
    match lang() {
        Lang::En => format!(
            "{what} address has {lines} lines: a postal address has 1 to {max} (leave it out if unknown)"
        ),
        Lang::Fr => format!(
            "{what} address a {lines} lignes : une adresse postale en a de 1 à {max} (omettez-la si elle est inconnue)"
        ),
    }
}

pub fn address_empty_line(what: &str) -> String {
    match lang() {
        Lang::En => format!("{what} address has an empty line"),
        Lang::Fr => format!("{what} address a une ligne vide"),
    }
}

pub fn address_line_too_long(what: &str, line: &str, chars: usize, max: usize) -> String {
    match lang() {
        Lang::En => format!(
            "{what} address line {line:?} is {chars} characters long: at most {max} (AFNOR NF Z10-011)"
        ),
        Lang::Fr => format!(
            "{what} address : la ligne {line:?} fait {chars} caractères, {max} au plus (AFNOR NF Z10-011)"
        ),
    }
}

pub fn insee_code(what: &str, code: &str) -> String {
    match lang() {
        Lang::En => format!(
            "{what} insee {code:?} must be 5 characters: 2 digits (or 2A, 2B), then 3 digits, like \"17411\""
        ),
        Lang::Fr => format!(
            "{what} insee {code:?} doit compter 5 caractères : 2 chiffres (ou 2A, 2B), puis 3 chiffres, comme \"17411\""
        ),
    }
}

pub fn shared_siren(id: &str, siren: &str, other: &str) -> String {
    match lang() {
        Lang::En => format!("[[member]] {id} has the SIREN {siren} of {other}"),
        Lang::Fr => format!("[[member]] {id} a le SIREN {siren} de {other}"),
    }
}

pub fn shared_insee_code(id: &str, code: &str, other: &str) -> String {
    match lang() {
        Lang::En => format!("[[member]] {id} has the INSEE code {code} of {other}"),
        Lang::Fr => format!("[[member]] {id} a le code INSEE {code} de {other}"),
    }
}

/// An object template naming `name`, which is none of the `placeholders`.
pub fn unknown_placeholder(name: &str, placeholders: &[&str]) -> String {
    let placeholders = placeholders.join(", ");
    match lang() {
        Lang::En => format!("has an unknown placeholder {name} (placeholders: {placeholders})"),
        Lang::Fr => {
            format!("contient un champ inconnu {name} (champs possibles : {placeholders})")
        }
    }
}

/// An object template with a `brace` that is not paired.
pub fn unpaired_brace(brace: &str) -> String {
    match lang() {
        Lang::En => format!("has a {brace:?} without its pair"),
        Lang::Fr => format!("contient un {brace:?} sans son pendant"),
    }
}

/// The object of the titre to member `id` for `year`, `text`, is longer than `max`.
pub fn object_too_long(chars: usize, year: i32, id: &str, max: usize, text: &str) -> String {
    match lang() {
        Lang::En => format!(
            "[rebilling] object is {chars} characters long for {year} and {id}: at most {max}, as finance packages take ({text:?})"
        ),
        Lang::Fr => format!(
            "[rebilling] object fait {chars} caractères pour {year} et {id} : {max} au plus, ce que prennent les logiciels de finances ({text:?})"
        ),
    }
}

/// A budget code (`[rebilling] nature`, `fonction`) that is not 1 to 10 digits like `example`.
pub fn budget_code(what: &str, value: &str, example: &str) -> String {
    match lang() {
        Lang::En => format!("{what} {value:?} must be 1 to 10 digits, like {example:?}"),
        Lang::Fr => format!("{what} {value:?} doit compter 1 à 10 chiffres, comme {example:?}"),
    }
}

pub fn payment_days(max: i64, days: i64) -> String {
    match lang() {
        Lang::En => {
            format!("[rebilling] payment_days must be between 0 and {max} (days), not {days}")
        }
        Lang::Fr => {
            format!("[rebilling] payment_days doit être entre 0 et {max} (jours), pas {days}")
        }
    }
}

/// The service `id` reads like the service `other` once case is ignored.
pub fn service_also_means(id: &str, other: &str) -> String {
    match lang() {
        Lang::En => format!(
            "[[service]] id {id:?} could also mean {other} (a usage file names services ignoring case)"
        ),
        Lang::Fr => format!(
            "[[service]] id {id:?} pourrait aussi désigner {other} (un fichier de prestations nomme les prestations sans distinguer majuscules et minuscules)"
        ),
    }
}

pub fn negative_price(id: &str) -> String {
    match lang() {
        Lang::En => format!("[[service]] {id} has a negative price"),
        Lang::Fr => format!("[[service]] {id} a un prix négatif"),
    }
}

/// What a convention can lack for issuing titres de recettes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lacking {
    Siren,
    Siret,
    Insee,
    Address,
    LegalBasis,
    Signed,
    Articles,
    Object,
    Nature,
    Fonction,
    Ordonnateur,
    PaymentDays,
    Mentions,
}

/// A warning: what the convention lacks for titres, for the members `ids` (one empty id for
/// the convention itself), with the key that gives it.
pub fn lacking(what: Lacking, ids: &[&str]) -> String {
    let (en, fr, key) = match what {
        Lacking::Siren => ("SIREN", "SIREN", "[[member]] siren"),
        Lacking::Siret => ("SIRET", "SIRET", "[[member]] siret"),
        Lacking::Insee => ("INSEE code", "code INSEE", "[[member]] insee"),
        Lacking::Address => ("postal address", "adresse postale", "[[member]] address"),
        Lacking::LegalBasis => ("legal basis", "fondement juridique", "[legal_basis] title"),
        Lacking::Signed => (
            "signature date of the convention",
            "date de signature de la convention",
            "[legal_basis] signed",
        ),
        Lacking::Articles => (
            "articles fixing the amounts",
            "articles qui fixent les montants",
            "[legal_basis] articles",
        ),
        Lacking::Object => (
            "object of the titres",
            "objet des titres",
            "[rebilling] object",
        ),
        Lacking::Nature => ("budget nature", "nature budgétaire", "[rebilling] nature"),
        Lacking::Fonction => (
            "budget fonction",
            "fonction budgétaire",
            "[rebilling] fonction",
        ),
        Lacking::Ordonnateur => ("ordonnateur", "ordonnateur", "[rebilling] ordonnateur"),
        Lacking::PaymentDays => (
            "payment terms",
            "délai de paiement",
            "[rebilling] payment_days",
        ),
        Lacking::Mentions => (
            "mentions, such as the voies et délais de recours",
            "mentions, comme les voies et délais de recours",
            "[rebilling] mentions",
        ),
    };
    let ids = ids
        .iter()
        .filter(|id| !id.is_empty())
        .copied()
        .collect::<Vec<_>>();
    match (lang(), ids.is_empty()) {
        (Lang::En, true) => format!("no {en} ({key})"),
        (Lang::En, false) => format!("no {en} for {} ({key})", list(ids)),
        (Lang::Fr, true) => format!("il manque : {fr} ({key})"),
        (Lang::Fr, false) => format!("il manque : {fr} pour {} ({key})", list(ids)),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{all_checked, both};
    use super::*;

    #[test]
    fn every_message_is_in_both_languages() {
        fn d(text: &str) -> Decimal {
            text.parse().unwrap()
        }
        let checks: Vec<fn() -> String> = vec![
            || {
                let members = lacking(Lacking::Siret, &["dolus-d-oleron"]);
                format!("{members}\n{}", lacking(Lacking::Fonction, &[""]))
            },
            too_large_file,
            || not_a_number("45 000 €"),
            || more_than_cents("[cost] annual", d("1.001")),
            || too_large("[cost] annual", d("1000000000000")),
            || percent_out_of_range("[cost] fte", d("0"), d("150")),
            || too_many_decimals("[[member]] key", d("1.0000001"), 6),
            || id_not_plain("[[member]] id", "a b"),
            || id_without_letter_or_digit("[[member]] id", "__"),
            || id_starts_with_dash("[[member]] id", "-cdc"),
            || id_too_long("[[member]] id", "aaa", 65, 64),
            || id_device_name("[[service]] id", "con"),
            || formula_start("[cost] label", "=1+1", '='),
            || control_character("[cost] label", "a\u{1b}", '\u{1b}'),
            || empty("[legal_basis] title"),
            || not_a_date("[convention] start", "2020-01-01", "2020-01-01T08:00:00"),
            || start_after_end("2023-01-01", "2022-12-31"),
            || terminated_outside("2023-02-28", "2020-01-01", "2022-12-31"),
            || annual_negative(d("-1")),
            fte_zero,
            || negative_once_adjusted(2020, d("-4000.00")),
            || too_large_once_adjusted(2020, d("1999999999999.98")),
            || percent_or_amount("Avenant"),
            adjustment_years_empty,
            || year_outside("[[adjustment]]", 2019, 2020..=2022),
            || semester_outside(3, 2020),
            empty_article,
            || article_twice("7.1"),
            || duplicate_id("[[member]]", "cdc"),
            || name_without_letter_or_digit("?", "cdc"),
            || name_also_means("Dolus", "saint-denis-d-oleron", "dolus-d-oleron"),
            || not_a_member("[convention] client", "cdd", ["cdc", "dolus-d-oleron"]),
            || client_takes_no_key("cdc"),
            || no_key("dolus-d-oleron"),
            no_member_but_client,
            || key_sum(d("99.5")),
            || siret_not_of_siren("[[member]] cdc", "24170062400026", "356000000"),
            || digit_count("[provider] siret", "123", 14),
            || luhn_fails("[[member]] cdc siren", "241700625"),
            || address_lines("[provider]", 7, 6),
            || address_empty_line("[provider]"),
            || address_line_too_long("[provider]", "1 rue", 42, 38),
            || insee_code("[[member]] cdc", "1741"),
            || shared_siren("cdc", "241700624", "dolus-d-oleron"),
            || shared_insee_code("cdc", "17411", "dolus-d-oleron"),
            || unknown_placeholder("{annee}", &["{year}", "{member}"]),
            || unpaired_brace("{"),
            || object_too_long(161, 2020, "cdc", 160, "Participation"),
            || budget_code("[rebilling] nature", "7087S", "70875"),
            || payment_days(365, 400),
            || service_also_means("amo", "AMO"),
            || negative_price("amo"),
        ];
        for check in &checks {
            both(check);
        }
        all_checked(include_str!("convention.rs"), checks.len());
    }
}
