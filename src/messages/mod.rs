//! The words the program says to people, in English and in French: the one catalogue. The
//! language is French when the first of LC_ALL, LC_MESSAGES and LANG that is set starts with
//! "fr", English otherwise. Files for machines (CSV, JSON, workbooks) never change with it.
//!
//! This module holds the language, the help texts and `tr`; each area of the program has its
//! module of message functions, one per message, giving both languages side by side. A message
//! takes typed values and formats them itself, so that no text is written anywhere else.

pub mod cli;
pub mod convention;
pub mod copil;
pub mod names;
pub mod output;
pub mod records;
pub mod run;
pub mod toml;

#[cfg(not(test))]
use std::sync::OnceLock;

/// The language of help and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
}

/// The language of this run, read once from the environment.
#[cfg(not(test))]
pub fn lang() -> Lang {
    static LANG: OnceLock<Lang> = OnceLock::new();
    *LANG.get_or_init(|| lang_of(|name| std::env::var(name).ok()))
}

/// Unit tests read the English messages whatever the machine's locale, unless a test asks for
/// French (`tests::both`); the French messages are also tested end to end, through the binary.
#[cfg(test)]
pub fn lang() -> Lang {
    tests::LANG.get()
}

/// The language the locale variables given by `var` ask for, as the C library reads them.
fn lang_of(var: impl Fn(&str) -> Option<String>) -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .filter_map(var)
        .find(|value| !value.is_empty());
    match locale {
        Some(value) if value.starts_with("fr") => Lang::Fr,
        _ => Lang::En,
    }
}

/// `en` or `fr`, in the language of this run.
pub fn tr<'a>(en: &'a str, fr: &'a str) -> &'a str {
    match lang() {
        Lang::En => en,
        Lang::Fr => fr,
    }
}

/// `items` separated by commas, as messages list the valid choices.
fn list(items: impl IntoIterator<Item = impl std::fmt::Display>) -> String {
    items
        .into_iter()
        .map(|item| item.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The most characters of a field, a cell or a name that a message quotes: a cell of a megabyte would
/// otherwise be echoed whole, and sixty show which one it is.
const QUOTED_CHARS: usize = 60;

/// `text` cut after `QUOTED_CHARS` characters, an ellipsis marking the cut.
fn cut(text: &str) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(QUOTED_CHARS) {
        None => text.into(),
        Some((end, _)) => format!("{}…", &text[..end]).into(),
    }
}

/// `text` quoted, cut as `cut` cuts it.
fn quoted(text: &str) -> String {
    format!("{:?}", cut(text))
}

/// The most members a message lists as the valid choices.
const LIST_LIMIT: usize = 20;

/// The first twenty `items` separated by commas, and how many more: the members of a
/// convention of thousands would fill the screen, for a spelling that a list of twenty, or
/// the closest name given beside it, mends.
fn some(items: impl IntoIterator<Item = impl std::fmt::Display>) -> String {
    let mut items = items.into_iter();
    let shown: Vec<String> = items
        .by_ref()
        .take(LIST_LIMIT)
        .map(|item| item.to_string())
        .collect();
    let shown = shown.join(", ");
    match items.count() {
        0 => shown,
        more => match lang() {
            Lang::En => format!("{shown} and {more} more"),
            Lang::Fr if more == 1 => format!("{shown} et 1 autre"),
            Lang::Fr => format!("{shown} et {more} autres"),
        },
    }
}

/// The help of the command line: for each command (`""` is the program) and argument id, its
/// text in English and in French.
pub const HELP: &[(&str, &str, &str, &str)] = &[
    ("", "", "Bills a shared-advisor convention: what the provider invoices each semester, and what each member owes, to the cent.",
     "Facture une convention de conseiller mutualisé : ce que le prestataire facture chaque semestre, et ce que doit chaque membre, au centime près."),
    ("", "year", "Year to bill; without it, every year of the convention",
     "Année à facturer ; sans elle, toutes les années de la convention"),
    ("", "semester", "Semester of YEAR: 1 or S1 (January–June), 2 or S2 (July–December)",
     "Semestre de l'ANNÉE : 1 ou S1 (janvier–juin), 2 ou S2 (juillet–décembre)"),
    ("", "convention", "Convention file (TOML); without it, the embedded Oléron convention",
     "Fichier de convention (TOML) ; sans lui, la convention d'Oléron intégrée"),
    ("", "usage", "Services ordered on demand (CSV or workbook with date, member, service, quantity)",
     "Prestations commandées à la demande (CSV ou classeur : date, commune, prestation, quantité)"),
    ("", "sheet", "The sheet of a workbook usage file (the first by default)",
     "La feuille d'un classeur de prestations (la première par défaut)"),
    ("", "format", "Output format: table (the default, or csv with --csv-dialect), csv, json or xlsx (a workbook, with --output); without it, a FILE named .csv, .json or .xlsx chooses",
     "Format de sortie : table (par défaut, ou csv avec --csv-dialect), csv, json ou xlsx (un classeur, avec --output) ; sans lui, un FICHIER nommé .csv, .json ou .xlsx le choisit"),
    ("", "csv_dialect", "CSV flavour: standard (',' and '.') or excel-fr (';', ',' and a BOM); implies csv",
     "Variante de CSV : standard (',' et '.') ou excel-fr (';', ',' et un BOM) ; implique csv"),
    ("", "output", "Write to FILE instead of the standard output ('-' is the standard output); its extension (.csv, .json, .xlsx) chooses the format when --format is not given",
     "Écrire dans FICHIER plutôt que sur la sortie standard ('-' est la sortie standard) ; son extension (.csv, .json, .xlsx) choisit le format quand --format n'est pas donné"),
    ("", "force", "Replace the output FILE if it exists",
     "Remplacer le FICHIER de sortie s'il existe"),
    ("check", "", "Validate the convention and compare its published figures with the computation; with --usage, check a usage file without billing it",
     "Valider la convention et comparer ses chiffres publiés au calcul ; avec --usage, vérifier un fichier de prestations sans rien facturer"),
    ("convention", "", "Print the embedded convention, to start a new one from it",
     "Afficher la convention intégrée, pour en commencer une nouvelle"),
    ("rebill", "", "Write the year's rebilling of every member but the client into a folder",
     "Écrire dans un dossier la refacturation de l'année à chaque membre autre que le client"),
    ("rebill", "year", "Year to rebill", "Année à refacturer"),
    ("rebill", "out_dir", "Folder to write into (created if missing)",
     "Dossier où écrire (créé s'il n'existe pas)"),
    ("rebill", "csv_dialect", "CSV flavour of every CSV file: standard (',' and '.') or excel-fr (';', ',' and a BOM)",
     "Variante de tous les fichiers CSV : standard (',' et '.') ou excel-fr (';', ',' et un BOM)"),
    ("rebill", "no_usage", "Rebill without a usage file on purpose: the titres carry no services",
        "Refacturer sans fichier d'usage, exprès : les titres ne portent aucune prestation"),
    ("rebill", "force", "Replace the files of an earlier rebilling in DIR",
     "Remplacer les fichiers d'une refacturation antérieure dans DOSSIER"),
    ("copil", "", "Weigh the advisor's time per member over a year against the cost key, for the COPIL (table, CSV, JSON and an SVG chart)",
     "Comparer le temps du conseiller par membre sur un an à la clé de répartition, pour le COPIL (tableau, CSV, JSON et graphique SVG)"),
    ("copil", "year", "Year of the COPIL", "Année du COPIL"),
    ("copil", "semester", "The twelve months end with this semester of YEAR: 1 or S1 (June), 2 or S2 (December, the default)",
     "Les douze mois se terminent avec ce semestre de l'ANNÉE : 1 ou S1 (juin), 2 ou S2 (décembre, par défaut)"),
    ("copil", "interventions", "The advisor's interventions log (CSV with date, member, duration; type and reference optional)",
     "Le journal des interventions du conseiller (CSV : date, commune, durée ; type et référence facultatifs)"),
    ("copil", "format", "Report format: table (the default), csv or json; without it, a FILE named .csv or .json chooses",
     "Format du rapport : table (par défaut), csv ou json ; sans lui, un FICHIER nommé .csv ou .json le choisit"),
    ("copil", "output", "Write the report to FILE instead of the standard output ('-' is the standard output); its extension (.csv, .json) chooses the format when --format is not given",
     "Écrire le rapport dans FICHIER plutôt que sur la sortie standard ('-' est la sortie standard) ; son extension (.csv, .json) choisit le format quand --format n'est pas donné"),
    ("copil", "chart", "Also draw the chart of time and cost shares into FILE (SVG, named .svg)",
     "Dessiner aussi le graphique des parts de temps et de coût dans FICHIER (SVG, nommé .svg)"),
    ("copil", "force", "Replace the output FILE and the chart if they exist",
     "Remplacer le FICHIER de sortie et le graphique s'ils existent"),
    ("explain", "", "Show, in French, how every cent of a year is worked out: the exact amounts, their rounding, the split by key and where each leftover cent goes",
     "Montrer, en français, comment chaque centime d'une année est calculé : les montants exacts, leur arrondi, la répartition par clé et où va chaque centime restant"),
    ("explain", "year", "Year to explain", "Année à expliquer"),
    ("explain", "semester", "Only this semester of YEAR: 1 or S1 (January–June), 2 or S2 (July–December); both by default",
     "Seulement ce semestre de l'ANNÉE : 1 ou S1 (janvier–juin), 2 ou S2 (juillet–décembre) ; les deux par défaut"),
    ("explain", "member", "Only this member, by its id or its name as people write it",
     "Seulement ce membre, par son identifiant ou son nom tel qu'on l'écrit"),
    ("explain", "usage", "Services ordered on demand: also explain each one's quantity × price and its rounding",
     "Prestations commandées à la demande : expliquer aussi la quantité × le prix de chacune et son arrondi"),
    ("explain", "format", "Output format: table (French text, the default) or json (the same as data)",
     "Format de sortie : table (texte en français, par défaut) ou json (les mêmes données)"),
    ("completions", "", "Print a shell completion script (bash, zsh, fish, powershell, elvish)",
     "Afficher un script de complétion pour le shell (bash, zsh, fish, powershell, elvish)"),
    ("completions", "shell", "The shell: bash, zsh, fish, powershell or elvish", "Le shell : bash, zsh, fish, powershell ou elvish"),
    ("man", "", "Print the manual page (roff), e.g. `oleron-bill man > oleron-bill.1`",
     "Afficher la page de manuel (roff), par ex. `oleron-bill man > oleron-bill.1`"),
    ("help", "", "Print the help of oleron-bill, or of one of its commands",
     "Afficher l'aide d'oleron-bill, ou de l'une de ses commandes"),
    ("help", "command", "The command to explain", "La commande à expliquer"),
    ("*", "help", "Print help", "Afficher l'aide"),
    ("*", "version", "Print version", "Afficher la version"),
];

/// The names of values in the help: English, French.
pub const VALUE_NAMES: &[(&str, &str)] = &[
    ("YEAR", "ANNÉE"),
    ("N", "N"),
    ("FILE", "FICHIER"),
    ("DIR", "DOSSIER"),
    ("FORMAT", "FORMAT"),
    ("DIALECT", "DIALECTE"),
    ("SHELL", "SHELL"),
    ("COMMAND", "COMMANDE"),
    ("NAME", "NOM"),
    ("MEMBER", "MEMBRE"),
];

/// The text after the program's help.
pub fn help_footer() -> &'static str {
    tr(
        "Without a command, prints the bills of YEAR (or of the whole convention).\n\
         Examples:\n  oleron-bill 2021 --semester 2\n  oleron-bill 2021 -o 2021.csv\n  \
         oleron-bill rebill 2021 --out-dir titres/2021",
        "Sans commande, affiche la facturation de l'ANNÉE (ou de toute la convention).\n\
         Exemples :\n  oleron-bill 2021 --semester 2\n  oleron-bill 2021 -o 2021.csv\n  \
         oleron-bill rebill 2021 --out-dir titres/2021",
    )
}

#[cfg(test)]
pub(crate) mod tests {
    use std::cell::Cell;

    use super::*;

    thread_local! {
        /// The language of the messages in this test's thread.
        pub(super) static LANG: Cell<Lang> = const { Cell::new(Lang::En) };
    }

    /// Checks that `message` says something in English and something else in French, and that
    /// the French puts a space before its ':' ';' '?' '!'. Text up to the first ": " is taken
    /// for a location or a path (`file:line: ...`), which keeps the plain colon of compilers
    /// and editors.
    pub(crate) fn both(message: impl Fn() -> String) {
        LANG.set(Lang::En);
        let en = message();
        LANG.set(Lang::Fr);
        let fr = message();
        LANG.set(Lang::En);
        assert!(!en.is_empty() && !fr.is_empty(), "{en:?} / {fr:?}");
        assert_ne!(en, fr, "the same in both languages");
        let text = match fr.split_once(": ") {
            Some((place, rest)) if !place.contains(' ') => rest,
            _ => fr.as_str(),
        };
        let chars: Vec<char> = text.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if matches!(c, ':' | ';' | '?' | '!') && i > 0 {
                assert!(
                    chars[i - 1] == ' ' || chars.get(i + 1).is_some_and(|n| *n != ' '),
                    "no space before {c:?} in {fr:?}"
                );
            }
        }
    }

    /// Checks that an area's test checked (`checked`) as many messages as its file (`source`)
    /// has functions, so that a new message cannot go untested in either language.
    pub(crate) fn all_checked(source: &str, checked: usize) {
        let functions = source.lines().filter(|l| l.starts_with("pub fn ")).count();
        assert_eq!(
            checked, functions,
            "every message function is checked in both languages"
        );
    }

    fn lang_with(vars: &[(&str, &str)]) -> Lang {
        lang_of(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn long_lists_of_members_are_cut_after_twenty() {
        let ids: Vec<String> = (0..2000).map(|i| format!("m{i}")).collect();
        assert_eq!(some(&ids[..3]), "m0, m1, m2");
        assert_eq!(some(&ids[..20]).matches(", ").count(), 19);
        assert_eq!(list(&ids).matches(", ").count(), 1999);
        assert_eq!(
            some(&ids),
            "m0, m1, m2, m3, m4, m5, m6, m7, m8, m9, m10, m11, m12, m13, m14, m15, m16, m17, \
             m18, m19 and 1980 more"
        );
        LANG.set(Lang::Fr);
        let french = some(&ids[..21]);
        LANG.set(Lang::En);
        assert!(french.ends_with("m19 et 1 autre"), "{french}");
    }

    #[test]
    fn the_locale_chooses_the_language() {
        assert_eq!(lang_with(&[]), Lang::En);
        assert_eq!(lang_with(&[("LANG", "fr_FR.UTF-8")]), Lang::Fr);
        assert_eq!(lang_with(&[("LANG", "en_GB.UTF-8")]), Lang::En);
        assert_eq!(lang_with(&[("LANG", "C.UTF-8")]), Lang::En);
        // LC_ALL overrides LC_MESSAGES, which overrides LANG; an empty one does not count.
        assert_eq!(
            lang_with(&[("LC_ALL", "C"), ("LANG", "fr_FR.UTF-8")]),
            Lang::En
        );
        assert_eq!(
            lang_with(&[("LC_MESSAGES", "fr_CA"), ("LANG", "C")]),
            Lang::Fr
        );
        assert_eq!(
            lang_with(&[("LC_ALL", ""), ("LANG", "fr_BE.UTF-8")]),
            Lang::Fr
        );
    }

    #[test]
    fn every_text_is_in_both_languages() {
        for (command, arg, en, fr) in HELP {
            assert!(!en.is_empty() && !fr.is_empty(), "{command} {arg}");
            assert_ne!(en, fr, "{command} {arg}");
        }
    }
}
