//! The messages of a run as a whole: the convention's period, the published figures, the
//! failures of the system, and how several errors are reported together.

use std::io;
use std::path::Path;

use super::{lang, list, tr, Lang};
use crate::calendar::Semester;

pub fn no_service_in_year(year: i32, file: &str, years: impl IntoIterator<Item = i32>) -> String {
    let years = list(years);
    match lang() {
        Lang::En => format!(
            "year {year} has no day of service in the convention {file} (valid years: {years})"
        ),
        Lang::Fr => format!(
            "l'année {year} n'a aucun jour de service dans la convention {file} (années valides : {years})"
        ),
    }
}

pub fn no_service_in_semester(
    semester: Semester,
    file: &str,
    semesters: impl IntoIterator<Item = Semester>,
) -> String {
    let semesters = list(semesters);
    match lang() {
        Lang::En => format!(
            "semester {semester} has no day of service in the convention {file} (valid semesters: {semesters})"
        ),
        Lang::Fr => format!(
            "le semestre {semester} n'a aucun jour de service dans la convention {file} (semestres valides : {semesters})"
        ),
    }
}

pub fn not_utf8() -> String {
    tr("not valid UTF-8 text", "n'est pas un texte UTF-8 valide").to_string()
}

/// `count` published figures of the convention `file` that the computation does not reproduce.
pub fn mismatch(count: usize, file: &str) -> String {
    match lang() {
        Lang::En => format!("{count} published figure(s) of {file} differ from the computation"),
        Lang::Fr => format!("{count} chiffre(s) publié(s) de {file} diffère(nt) du calcul"),
    }
}

/// `rebill` refusing the convention `file`, whose `count` published figures differ.
pub fn contradicted(count: usize, file: &str) -> String {
    match lang() {
        Lang::En => format!(
            "{count} published figure(s) of {file} differ from the computation: no titre is issued from figures the convention contradicts; correct the file, or remove the [[published]] figures that an avenant replaced"
        ),
        Lang::Fr => format!(
            "{count} chiffre(s) publié(s) de {file} diffère(nt) du calcul : aucun titre n'est émis sur des chiffres que la convention contredit ; corrigez le fichier, ou retirez les [[published]] qu'un avenant a remplacés"
        ),
    }
}

/// One published figure, `what` (`2021 S1 dolus`), that the computation does not reproduce.
pub fn differs(at: &str, what: &str, published: &str, computed: &str) -> String {
    match lang() {
        Lang::En => format!("  {at}: {what}: published {published}, computed {computed}"),
        Lang::Fr => format!("  {at} : {what} : publié {published}, calculé {computed}"),
    }
}

/// The bills of a convention whose published figures differ: computed, but a what-if.
pub fn what_if(count: usize, file: &str) -> String {
    match lang() {
        Lang::En => format!(
            "{count} published figure(s) of {file} differ from the computation: these amounts are a what-if, not the signed figures (`oleron-bill check` lists the differences)"
        ),
        Lang::Fr => format!(
            "{count} chiffre(s) publié(s) de {file} diffère(nt) du calcul : ces montants sont une simulation, pas les chiffres signés (`oleron-bill check` liste les écarts)"
        ),
    }
}

/// `rebill` of `year` without a usage file, on a convention whose `services` are priced.
pub fn no_usage_file(year: i32, services: &[&str]) -> String {
    let services = list(services);
    match lang() {
        Lang::En => format!(
            "no usage file: the titres of {year} carry no service ({services}); give the usage file with --usage FILE, or --no-usage to rebill without services on purpose"
        ),
        Lang::Fr => format!(
            "aucun fichier d'usage : les titres de {year} ne portent aucune prestation ({services}) ; donnez le fichier d'usage avec --usage FICHIER, ou --no-usage pour refacturer sans prestation exprès"
        ),
    }
}

/// The last line of a capped list of errors.
pub fn and_more(more: usize) -> String {
    match lang() {
        Lang::En => format!("and {more} more error(s)"),
        Lang::Fr => format!("et {more} autre(s) erreur(s)"),
    }
}

/// An output file that exists already.
pub fn exists(path: &Path) -> String {
    let path = path.display();
    match lang() {
        Lang::En => format!("{path}: already exists (use --force to replace it)"),
        Lang::Fr => format!("{path}: existe déjà (utilisez --force pour le remplacer)"),
    }
}

/// The system's `error` when it did `action` (one of the actions below) on `path`; the system
/// says what went wrong in its own words.
pub fn io_failed(path: &Path, action: &str, error: &io::Error) -> String {
    let path = path.display();
    match lang() {
        Lang::En => format!("{path}: {action}: {error}"),
        Lang::Fr => format!("{path}: {action} : {error}"),
    }
}

pub fn cannot_read() -> &'static str {
    tr("cannot read", "impossible de lire")
}

pub fn cannot_write() -> &'static str {
    tr("cannot write", "impossible d'écrire")
}

pub fn cannot_create() -> &'static str {
    tr("cannot create", "impossible de créer")
}

pub fn cannot_create_folder() -> &'static str {
    tr("cannot create folder", "impossible de créer le dossier")
}

pub fn cannot_keep() -> &'static str {
    tr("cannot keep", "impossible de garder")
}

pub fn cannot_lock_folder() -> &'static str {
    tr(
        "cannot lock its folder",
        "impossible de verrouiller son dossier",
    )
}

pub fn cannot_put_back_folder() -> &'static str {
    tr(
        "cannot put back the folder an interrupted run set aside",
        "impossible de remettre en place le dossier qu'une exécution interrompue a mis de côté",
    )
}

/// The temporary folder (`TMPDIR`) where a workbook's rows wait cannot be written.
pub fn cannot_write_temporary() -> &'static str {
    tr(
        "cannot write the workbook's temporary file in this folder (TMPDIR)",
        "impossible d'écrire dans ce dossier le fichier temporaire du classeur (TMPDIR)",
    )
}

pub fn cannot_make_workbook(why: impl std::fmt::Display) -> String {
    match lang() {
        Lang::En => format!("cannot make the workbook: {why}"),
        Lang::Fr => format!("impossible de faire le classeur : {why}"),
    }
}

pub fn cannot_draw_chart(why: impl std::fmt::Display) -> String {
    match lang() {
        Lang::En => format!("cannot draw the chart: {why}"),
        Lang::Fr => format!("impossible de dessiner le graphique : {why}"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{all_checked, both};
    use super::*;

    #[test]
    fn every_message_is_in_both_languages() {
        let checks: Vec<fn() -> String> = vec![
            || no_service_in_year(2023, "c.toml", 2020..=2022),
            || {
                let half = |year, half| Semester::new(year, half).unwrap();
                no_service_in_semester(half(2023, 1), "c.toml", [half(2021, 1), half(2021, 2)])
            },
            not_utf8,
            || mismatch(2, "c.toml"),
            || contradicted(2, "c.toml"),
            || differs("c.toml:45", "2021 total", "1 000,00 €", "1 000,01 €"),
            || what_if(2, "c.toml"),
            || no_usage_file(2021, &["formation", "amo"]),
            || and_more(3),
            || exists(Path::new("out.csv")),
            || {
                io_failed(
                    Path::new("out.csv"),
                    cannot_read(),
                    &io::ErrorKind::NotFound.into(),
                )
            },
            || cannot_read().to_string(),
            || cannot_write().to_string(),
            || cannot_create().to_string(),
            || cannot_create_folder().to_string(),
            || cannot_keep().to_string(),
            || cannot_lock_folder().to_string(),
            || cannot_put_back_folder().to_string(),
            || cannot_write_temporary().to_string(),
            || cannot_make_workbook("zip"),
            || cannot_draw_chart("svg"),
        ];
        for check in &checks {
            both(check);
        }
        all_checked(include_str!("run.rs"), checks.len());
    }
}
