//! The words the program says to people, in English and in French: the one catalogue. The
//! language is French when the first of LC_ALL, LC_MESSAGES and LANG that is set starts with
//! "fr", English otherwise. Files for machines (CSV, JSON, workbooks) never change with it.

use std::sync::OnceLock;

/// The language of help and messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
}

/// The language of this run, read once from the environment.
pub fn lang() -> Lang {
    // Unit tests read the English messages whatever the machine's locale; the French ones are
    // tested end to end, through the binary.
    if cfg!(test) {
        return Lang::En;
    }
    static LANG: OnceLock<Lang> = OnceLock::new();
    *LANG.get_or_init(|| lang_of(|name| std::env::var(name).ok()))
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
    ("", "format", "Output format: table (the default, or csv with --csv-dialect), csv, json or xlsx (a workbook, with --output)",
     "Format de sortie : table (par défaut, ou csv avec --csv-dialect), csv, json ou xlsx (un classeur, avec --output)"),
    ("", "csv_dialect", "CSV flavour: standard (',' and '.') or excel-fr (';', ',' and a BOM); implies csv",
     "Variante de CSV : standard (',' et '.') ou excel-fr (';', ',' et un BOM) ; implique csv"),
    ("", "output", "Write to FILE instead of the standard output ('-' is the standard output)",
     "Écrire dans FICHIER plutôt que sur la sortie standard ('-' est la sortie standard)"),
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
    ("rebill", "force", "Replace the files of an earlier rebilling in DIR",
     "Remplacer les fichiers d'une refacturation antérieure dans DOSSIER"),
    ("copil", "", "Weigh the advisor's time per member over a year against the cost key, for the COPIL (table, CSV, JSON and an SVG chart)",
     "Comparer le temps du conseiller par membre sur un an à la clé de répartition, pour le COPIL (tableau, CSV, JSON et graphique SVG)"),
    ("copil", "year", "Year of the COPIL", "Année du COPIL"),
    ("copil", "semester", "The twelve months end with this semester of YEAR: 1 or S1 (June), 2 or S2 (December, the default)",
     "Les douze mois se terminent avec ce semestre de l'ANNÉE : 1 ou S1 (juin), 2 ou S2 (décembre, par défaut)"),
    ("copil", "interventions", "The advisor's interventions log (CSV with date, member, duration; type and reference optional)",
     "Le journal des interventions du conseiller (CSV : date, commune, durée ; type et référence facultatifs)"),
    ("copil", "format", "Report format: table (the default), csv or json",
     "Format du rapport : table (par défaut), csv ou json"),
    ("copil", "chart", "Also draw the chart of time and cost shares into FILE (SVG)",
     "Dessiner aussi le graphique des parts de temps et de coût dans FICHIER (SVG)"),
    ("copil", "force", "Replace the output FILE and the chart if they exist",
     "Remplacer le FICHIER de sortie et le graphique s'ils existent"),
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
];

/// The text after the program's help.
pub fn help_footer() -> &'static str {
    tr(
        "Without a command, prints the bills of YEAR (or of the whole convention).\n\
         Examples:\n  oleron-bill 2021 --semester 2\n  oleron-bill 2021 -f csv -o 2021.csv\n  \
         oleron-bill rebill 2021 --out-dir titres/2021",
        "Sans commande, affiche la facturation de l'ANNÉE (ou de toute la convention).\n\
         Exemples :\n  oleron-bill 2021 --semester 2\n  oleron-bill 2021 -f csv -o 2021.csv\n  \
         oleron-bill rebill 2021 --out-dir titres/2021",
    )
}

/// The messages about the command line.
pub mod cli {
    use super::{lang, Lang};

    pub fn not_a_year(text: &str) -> String {
        match lang() {
            Lang::En => format!("a year is a number such as 2021, not {text:?}"),
            Lang::Fr => format!("une année est un nombre comme 2021, pas {text:?}"),
        }
    }

    pub fn neither_year_nor_command(text: &str, closest: Option<&str>, names: &[String]) -> String {
        let names = names.join(", ");
        match (lang(), closest) {
            (Lang::En, Some(name)) => format!(
                "{text:?} is neither a year nor a command; did you mean `{name}`? (commands: {names})"
            ),
            (Lang::En, None) => {
                format!("{text:?} is neither a year nor a command (commands: {names})")
            }
            (Lang::Fr, Some(name)) => format!(
                "{text:?} n'est ni une année ni une commande ; vouliez-vous dire `{name}` ? (commandes : {names})"
            ),
            (Lang::Fr, None) => {
                format!("{text:?} n'est ni une année ni une commande (commandes : {names})")
            }
        }
    }

    pub fn not_a_semester() -> String {
        match lang() {
            Lang::En => "a semester is 1 or S1 (January–June), 2 or S2 (July–December)",
            Lang::Fr => "un semestre est 1 ou S1 (janvier–juin), 2 ou S2 (juillet–décembre)",
        }
        .to_string()
    }

    pub fn no_such_command(names: &[String]) -> String {
        let names = names.join(", ");
        match lang() {
            Lang::En => format!("no such command (commands: {names})"),
            Lang::Fr => format!("commande inconnue (commandes : {names})"),
        }
    }

    pub fn command_goes_first(name: &str, fixed: &str) -> String {
        match lang() {
            Lang::En => format!("the command `{name}` goes first: {fixed}"),
            Lang::Fr => format!("la commande `{name}` se place en premier : {fixed}"),
        }
    }

    /// An option that `command` does not take; `similar` is a close one, `options` are its
    /// options.
    pub fn takes_no(
        command: &str,
        unknown: &str,
        similar: Option<&str>,
        options: &[String],
    ) -> String {
        let options = options.join(", ");
        match lang() {
            Lang::En => {
                let similar = similar
                    .map(|s| format!("did you mean '{s}'? "))
                    .unwrap_or_default();
                if options.is_empty() {
                    format!("`{command}` takes no {unknown} ({similar}it takes no option)")
                } else {
                    format!("`{command}` takes no {unknown} ({similar}its options: {options})")
                }
            }
            Lang::Fr => {
                let similar = similar
                    .map(|s| format!("vouliez-vous dire '{s}' ? "))
                    .unwrap_or_default();
                if options.is_empty() {
                    format!(
                        "`{command}` ne prend pas {unknown} ({similar}elle ne prend aucune option)"
                    )
                } else {
                    format!("`{command}` ne prend pas {unknown} ({similar}ses options : {options})")
                }
            }
        }
    }

    pub fn invalid_value(value: &str, arg: &str, detail: &str) -> String {
        match lang() {
            Lang::En => format!("invalid value '{value}' for '{arg}': {detail}"),
            Lang::Fr => format!("valeur invalide '{value}' pour '{arg}' : {detail}"),
        }
    }

    pub fn possible_values(values: &str) -> String {
        match lang() {
            Lang::En => format!("possible values: {values}"),
            Lang::Fr => format!("valeurs possibles : {values}"),
        }
    }

    pub fn missing(arguments: &str) -> String {
        match lang() {
            Lang::En => format!("the following required arguments were not provided: {arguments}"),
            Lang::Fr => format!("arguments obligatoires manquants : {arguments}"),
        }
    }

    pub fn see_help(message: &str) -> String {
        match lang() {
            Lang::En => format!("{message} (see --help)"),
            Lang::Fr => format!("{message} (voir --help)"),
        }
    }

    pub fn dialect_goes_with_csv() -> String {
        match lang() {
            Lang::En => "--csv-dialect goes with --format csv",
            Lang::Fr => "--csv-dialect va avec --format csv",
        }
        .to_string()
    }

    pub fn workbook_not_for_a_terminal() -> String {
        match lang() {
            Lang::En => "a workbook is not for a terminal: write it with --output FILE.xlsx",
            Lang::Fr => "un classeur ne s'affiche pas dans un terminal : écrivez-le avec --output FICHIER.xlsx",
        }
        .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lang_with(vars: &[(&str, &str)]) -> Lang {
        lang_of(|name| {
            vars.iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.to_string())
        })
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
