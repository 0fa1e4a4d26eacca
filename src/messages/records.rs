//! The messages about tables of records (usage files, interventions logs, workbooks): their
//! text, their columns and each field, and the members and services they name.

use std::fmt::Display;

use super::{cut, lang, list, quoted, some, Lang, LIST_LIMIT};

pub fn cannot_read_date(text: &str) -> String {
    let text = quoted(text);
    match lang() {
        Lang::En => format!("cannot read date {text} (write it 2021-03-15 or 15/03/2021)"),
        Lang::Fr => format!("date illisible {text} (écrivez-la 2021-03-15 ou 15/03/2021)"),
    }
}

pub fn impossible_date(text: &str) -> String {
    let text = quoted(text);
    match lang() {
        Lang::En => format!("impossible date {text}"),
        Lang::Fr => format!("date impossible {text}"),
    }
}

pub fn outside_convention(date: impl Display, first: impl Display, last: impl Display) -> String {
    match lang() {
        Lang::En => format!("date {date} is outside the convention ({first} to {last})"),
        Lang::Fr => format!("la date {date} est hors de la convention (du {first} au {last})"),
    }
}

/// `names` are the accepted names of the column, quoted; `found` the header's cells.
pub fn missing_column(names: &[String], found: &[&str]) -> String {
    let found = list(found.iter().map(|cell| cut(cell)));
    match lang() {
        Lang::En => format!(
            "missing column {} (the header has: {found})",
            names.join(" or ")
        ),
        Lang::Fr => format!(
            "colonne manquante {} (l'en-tête a : {found})",
            names.join(" ou ")
        ),
    }
}

/// `first` and `second` are the header's cells, `column` the column both name.
pub fn repeated_column(first: &str, second: &str, column: &str) -> String {
    let (first, second) = (quoted(first), quoted(second));
    match lang() {
        Lang::En => format!(
            "the columns {first} and {second} both name the column {column}: keep one of them \
             (which one was meant cannot be told)"
        ),
        Lang::Fr => format!(
            "les colonnes {first} et {second} désignent toutes deux la colonne {column} : \
             gardez-en une seule (on ne peut pas savoir laquelle compte)"
        ),
    }
}

pub fn header_too_long() -> String {
    match lang() {
        Lang::En => "the first line is too long for a header",
        Lang::Fr => "la première ligne est trop longue pour un en-tête",
    }
    .to_string()
}

pub fn line_too_long(kib: usize) -> String {
    match lang() {
        Lang::En => format!("the line is longer than {kib} KiB, too long for a record"),
        Lang::Fr => format!("la ligne dépasse {kib} Kio, trop longue pour un enregistrement"),
    }
}

pub fn text_after_quote() -> String {
    match lang() {
        Lang::En => {
            "a field goes on after its closing quote (as in \"2\"5): put the whole field \
                     between the quotes, or remove them"
        }
        Lang::Fr => {
            "un champ continue après son guillemet fermant (comme \"2\"5) : mettez tout le \
                     champ entre les guillemets, ou supprimez-les"
        }
    }
    .to_string()
}

pub fn unclosed_quote() -> String {
    match lang() {
        Lang::En => {
            "a quote opens a field that is not closed on this line (a field cannot span \
                     lines: close the quote or remove it)"
        }
        Lang::Fr => {
            "un guillemet ouvre un champ qui ne se ferme pas sur cette ligne (un champ ne \
                     peut pas s'étendre sur plusieurs lignes : fermez le guillemet ou supprimez-le)"
        }
    }
    .to_string()
}

pub fn not_utf8() -> String {
    match lang() {
        Lang::En => "not valid UTF-8 text (save the file as UTF-8)",
        Lang::Fr => "texte qui n'est pas de l'UTF-8 valide (enregistrez le fichier en UTF-8)",
    }
    .to_string()
}

pub fn not_utf8_though(line: u64) -> String {
    match lang() {
        Lang::En => {
            format!("not valid UTF-8 text, though line {line} is (save the whole file as UTF-8)")
        }
        Lang::Fr => format!(
            "texte qui n'est pas de l'UTF-8 valide, alors que la ligne {line} l'est (enregistrez \
             tout le fichier en UTF-8)"
        ),
    }
}

pub fn not_text() -> String {
    match lang() {
        Lang::En => "not text: the line has NUL bytes (save the file as CSV, in UTF-8)",
        Lang::Fr => {
            "pas du texte : la ligne contient des octets NUL (enregistrez le fichier en \
                     CSV, en UTF-8)"
        }
    }
    .to_string()
}

pub fn field_count(expected: usize, found: usize) -> String {
    match lang() {
        Lang::En => format!("expected {expected} fields like the header, found {found}"),
        Lang::Fr => format!("{expected} champs attendus comme dans l'en-tête, {found} trouvés"),
    }
}

/// `count` is `field_count`'s message.
pub fn decimal_comma_split(count: &str) -> String {
    match lang() {
        Lang::En => format!(
            "{count}: a decimal comma probably split a number in two (write 1.5, quote it as \
             \"1,5\", or separate the columns with ';')"
        ),
        Lang::Fr => format!(
            "{count} : une virgule décimale a sans doute coupé un nombre en deux (écrivez 1.5, \
             mettez \"1,5\" entre guillemets, ou séparez les colonnes par des ';')"
        ),
    }
}

pub fn sheet_with_csv(sheet: &str) -> String {
    match lang() {
        Lang::En => format!(
            "--sheet {sheet:?} goes with a workbook (.xlsx, .xlsm, .xlsb, .xls or .ods), not a CSV file"
        ),
        Lang::Fr => format!(
            "--sheet {sheet:?} va avec un classeur (.xlsx, .xlsm, .xlsb, .xls ou .ods), pas avec un fichier CSV"
        ),
    }
}

pub fn cannot_read_workbook(why: impl Display) -> String {
    match lang() {
        Lang::En => format!("cannot read the workbook: {why}"),
        Lang::Fr => format!("impossible de lire le classeur : {why}"),
    }
}

pub fn no_sheet(wanted: &str, sheets: &[String]) -> String {
    let sheets = list(sheets);
    match lang() {
        Lang::En => format!("no sheet {wanted:?} (sheets: {sheets})"),
        Lang::Fr => format!("pas de feuille {wanted:?} (feuilles : {sheets})"),
    }
}

pub fn no_sheet_at_all() -> String {
    match lang() {
        Lang::En => "the workbook has no sheet",
        Lang::Fr => "le classeur n'a aucune feuille",
    }
    .to_string()
}

pub fn workbook_run_too_long(kib: usize) -> String {
    match lang() {
        Lang::En => format!(
            "the workbook's sheet holds a cell or a run of blanks of more than {kib} KiB, more than a line of a usage file may hold (save its sheet of usage alone, or as CSV)"
        ),
        Lang::Fr => format!(
            "la feuille du classeur contient une cellule ou une suite de blancs de plus de {kib} Kio, plus qu'une ligne de fichier de prestations ne peut en contenir (enregistrez sa feuille de prestations seule, ou en CSV)"
        ),
    }
}

pub fn workbook_too_large(mib: u64) -> String {
    match lang() {
        Lang::En => format!(
            "the workbook holds more than {mib} MiB once unpacked, the most a usage file may hold \
             (save its sheet of usage alone, or as CSV)"
        ),
        Lang::Fr => format!(
            "le classeur contient plus de {mib} Mio une fois décompressé, le plus qu'un fichier \
             de prestations puisse contenir (enregistrez sa feuille de prestations seule, ou en CSV)"
        ),
    }
}

pub fn row_too_long(kib: usize) -> String {
    match lang() {
        Lang::En => {
            format!("the row's cells hold more than {kib} KiB of text, too long for a record")
        }
        Lang::Fr => format!(
            "les cellules de la ligne contiennent plus de {kib} Kio de texte, trop pour un \
             enregistrement"
        ),
    }
}

pub fn cannot_read_date_cell(serial: impl Display) -> String {
    match lang() {
        Lang::En => format!("cannot read the date cell {serial}"),
        Lang::Fr => format!("cellule de date illisible {serial}"),
    }
}

pub fn cell_error(error: impl Display) -> String {
    match lang() {
        Lang::En => format!("the cell holds the error {error}"),
        Lang::Fr => format!("la cellule contient l'erreur {error}"),
    }
}

/// `ids` joined by commas, the last by "or"; past twenty, the first twenty and how many more
/// (a spelling shared by thousands of members' names, "Commune", would fill the screen).
fn or(ids: &[&str]) -> String {
    if ids.len() > LIST_LIMIT {
        return some(ids);
    }
    match ids.split_last() {
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => match lang() {
            Lang::En => format!("{} or {last}", rest.join(", ")),
            Lang::Fr => format!("{} ou {last}", rest.join(", ")),
        },
        None => String::new(),
    }
}

pub fn no_member_given() -> String {
    match lang() {
        Lang::En => "no member given",
        Lang::Fr => "aucun membre indiqué",
    }
    .to_string()
}

pub fn names_no_member(text: &str) -> String {
    let text = quoted(text);
    match lang() {
        Lang::En => format!("{text} names no member"),
        Lang::Fr => format!("{text} ne désigne aucun membre"),
    }
}

pub fn could_be(text: &str, ids: &[&str]) -> String {
    let text = quoted(text);
    match lang() {
        Lang::En => format!("{text} could be {} (write more of the name)", or(ids)),
        Lang::Fr => format!(
            "{text} peut désigner {} (écrivez davantage du nom)",
            or(ids)
        ),
    }
}

pub fn unknown_member_closest(text: &str, ids: &[&str]) -> String {
    let text = quoted(text);
    match lang() {
        Lang::En => format!("unknown member {text} (closest: {})", or(ids)),
        Lang::Fr => format!("membre inconnu {text} (le plus proche : {})", or(ids)),
    }
}

pub fn unknown_member(text: &str, ids: &[&str]) -> String {
    let text = quoted(text);
    match lang() {
        Lang::En => format!("unknown member {text} (members: {})", some(ids)),
        Lang::Fr => format!("membre inconnu {text} (membres : {})", some(ids)),
    }
}

pub fn unknown_service(text: &str, ids: &[&str]) -> String {
    let text = quoted(text);
    match lang() {
        Lang::En => format!("unknown service {text} (services: {})", list(ids)),
        Lang::Fr => format!("prestation inconnue {text} (prestations : {})", list(ids)),
    }
}

pub fn cannot_read_quantity(text: &str) -> String {
    let text = quoted(text);
    match lang() {
        Lang::En => format!("cannot read quantity {text} as a number (write it 2, 1.5 or 1,5)"),
        Lang::Fr => format!("quantité illisible {text} (écrivez-la 2, 1.5 ou 1,5)"),
    }
}

pub fn quantity_too_large(text: &str) -> String {
    let text = cut(text);
    match lang() {
        Lang::En => {
            format!("quantity {text} is too large or too precise (at most 999999999.999999)")
        }
        Lang::Fr => {
            format!("quantité {text} trop grande ou trop précise (au plus 999999999.999999)")
        }
    }
}

pub fn negative_quantity(text: &str) -> String {
    let text = cut(text);
    match lang() {
        Lang::En => format!("negative quantity {text}"),
        Lang::Fr => format!("quantité négative {text}"),
    }
}

pub fn too_much_to_bill(
    service: &str,
    member: &str,
    semester: impl Display,
    sum: impl Display,
) -> String {
    match lang() {
        Lang::En => format!(
            "the {service} quantities of {member} in {semester} add up to {sum}, too much to bill"
        ),
        Lang::Fr => format!(
            "les quantités de {service} de {member} en {semester} font {sum}, trop pour être facturées"
        ),
    }
}

pub fn semester_too_much(semester: impl Display, total: impl Display) -> String {
    match lang() {
        Lang::En => format!(
            "the services of {semester} cost {total} altogether, more than the 10^15 a semester may bill"
        ),
        Lang::Fr => format!(
            "les prestations de {semester} coûtent {total} en tout, plus que les 10^15 qu'un semestre peut facturer"
        ),
    }
}

/// What a usage file held beside the lines billed: `outside` lines of semesters that `billed`
/// (`2021 S2`, `2021`) does not cover, set aside (`all` the lines of the file); `repeats` lines that repeat another exactly,
/// billed all the same, the first of them named as (line, line it repeats); `unchecked` lines
/// past the first `checked`, not looked at for repeats.
pub fn set_aside(
    file: &str,
    (outside, all, billed): (u64, bool, &str),
    (repeats, named): (u64, &[(u64, u64)]),
    (unchecked, checked): (u64, u64),
) -> String {
    let en_named = list(
        named
            .iter()
            .map(|(line, first)| format!("{line} (same as {first})")),
    );
    let fr_named = list(
        named
            .iter()
            .map(|(line, first)| format!("{line} (comme {first})")),
    );
    let more = repeats.saturating_sub(named.len() as u64);
    let mut parts = Vec::new();
    match lang() {
        Lang::En => {
            if outside > 0 {
                parts.push(format!("{outside} line(s) outside {billed} set aside"));
            }
            if all {
                parts.push(format!(
                    "no line of the file is of {billed}: is it the right file?"
                ));
            }
            if repeats > 0 {
                let more = match more {
                    0 => String::new(),
                    _ => format!(" and {more} more"),
                };
                parts.push(format!(
                    "{repeats} line(s) repeat another exactly (date, member, service, quantity, reference) and are billed all the same: line(s) {en_named}{more}"
                ));
            }
            if unchecked > 0 {
                parts.push(format!(
                    "the {unchecked} line(s) past the first {checked} were not looked at for repeats"
                ));
            }
            format!("{file}: {}", parts.join("; "))
        }
        Lang::Fr => {
            if outside > 0 {
                parts.push(format!("{outside} ligne(s) hors de {billed} écartée(s)"));
            }
            if all {
                parts.push(format!(
                    "aucune ligne du fichier n'est de {billed} : est-ce le bon fichier ?"
                ));
            }
            if repeats > 0 {
                let more = match more {
                    0 => String::new(),
                    _ => format!(" et {more} autre(s)"),
                };
                parts.push(format!(
                    "{repeats} ligne(s) répète(nt) exactement une autre (date, membre, prestation, quantité, référence) et sont facturée(s) quand même : ligne(s) {fr_named}{more}"
                ));
            }
            if unchecked > 0 {
                parts.push(format!(
                    "les {unchecked} ligne(s) au-delà des {checked} premières n'ont pas été comparées aux autres"
                ));
            }
            format!("{file}: {}", parts.join(" ; "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{all_checked, both};
    use super::*;

    #[test]
    fn an_ambiguous_spelling_lists_twenty_members_at_most() {
        let ids: Vec<String> = (0..3000).map(|i| format!("m{i}")).collect();
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        assert_eq!(
            could_be("Commune", &ids[..3]),
            "\"Commune\" could be m0, m1 or m2 (write more of the name)"
        );
        assert_eq!(
            could_be("Commune", &ids),
            "\"Commune\" could be m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, \
             m14, m15, m16, m17, m18, m19 and 2980 more (write more of the name)"
        );
    }

    #[test]
    fn every_message_is_in_both_languages() {
        fn ids() -> [&'static str; 2] {
            ["cdc", "dolus-d-oleron"]
        }
        let checks: Vec<fn() -> String> = vec![
            || {
                let named = [(8, 5), (9, 3)];
                set_aside(
                    "usage.csv",
                    (12, true, "2021 S2"),
                    (12, &named),
                    (4, 100_000),
                )
            },
            || cannot_read_date("3 mars"),
            || impossible_date("31/06/2021"),
            || outside_convention("2023-01-02", "2020-01-01", "2022-12-31"),
            || missing_column(&["\"date\"".to_string()], &["membre"]),
            || repeated_column("member", "membre", "member"),
            header_too_long,
            || line_too_long(64),
            unclosed_quote,
            text_after_quote,
            not_utf8,
            || not_utf8_though(3),
            not_text,
            || field_count(4, 5),
            || decimal_comma_split("expected 4 fields"),
            || sheet_with_csv("Feuil1"),
            || cannot_read_workbook("zip"),
            || no_sheet("Feuil2", &["Feuil1".to_string()]),
            no_sheet_at_all,
            || workbook_too_large(32),
            || workbook_run_too_long(64),
            || row_too_long(64),
            || cannot_read_date_cell(1.5),
            || cell_error("#N/A"),
            no_member_given,
            || names_no_member("d'"),
            || could_be("Saint", &ids()),
            || unknown_member_closest("Dollus", &ids()),
            || unknown_member("nobody", &ids()),
            || unknown_service("dance", &ids()),
            || cannot_read_quantity("two"),
            || quantity_too_large("1e12"),
            || negative_quantity("-1"),
            || too_much_to_bill("amo", "cdc", "2021 S1", "1000000000000"),
            || semester_too_much("2021 S1", "2000000000000000.00"),
        ];
        for check in &checks {
            both(check);
        }
        all_checked(include_str!("records.rs"), checks.len());
    }
}
