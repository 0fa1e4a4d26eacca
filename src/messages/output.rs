//! The messages about where results go: the output file, the rebilling folder.

use std::path::Path;

use super::{lang, tr, Lang};

/// How messages name the standard output, where a path would be.
pub fn stdout_name() -> &'static str {
    tr("<standard output>", "<sortie standard>")
}

/// `shown`, an output, is the `input` file of the run.
pub fn is_an_input(shown: &Path, input: &Path) -> String {
    let (shown, input) = (shown.display(), input.display());
    match lang() {
        Lang::En => format!(
            "{shown}: is the input file {input}; an input is never written over (name another output)"
        ),
        Lang::Fr => format!(
            "{shown}: est le fichier d'entrée {input} ; une entrée n'est jamais écrasée (nommez une autre sortie)"
        ),
    }
}

pub fn file_link_to_nothing(path: &Path) -> String {
    let path = path.display();
    match lang() {
        Lang::En => {
            format!("{path}: is a symbolic link to nothing; remove it or name another file")
        }
        Lang::Fr => format!(
            "{path}: est un lien symbolique qui ne mène à rien ; supprimez-le ou nommez un autre fichier"
        ),
    }
}

pub fn folder_link_to_nothing(path: &Path) -> String {
    let path = path.display();
    match lang() {
        Lang::En => {
            format!("{path}: is a symbolic link to nothing; remove it or name another folder")
        }
        Lang::Fr => format!(
            "{path}: est un lien symbolique qui ne mène à rien ; supprimez-le ou nommez un autre dossier"
        ),
    }
}

/// An output file that is a folder.
pub fn is_a_folder(path: &Path) -> String {
    let path = path.display();
    match lang() {
        Lang::En => format!("{path}: is a folder; name a file to write to"),
        Lang::Fr => format!("{path}: est un dossier ; nommez un fichier où écrire"),
    }
}

/// `shown`, the file `option` names, is `other`, the file `other_option` names: one file for two
/// outputs of a run.
pub fn same_output(shown: &Path, option: &str, other: &Path, other_option: &str) -> String {
    let (shown, other) = (shown.display(), other.display());
    match lang() {
        Lang::En => format!(
            "{shown}: is the file {other} that {other_option} writes; give {option} a file of its own"
        ),
        Lang::Fr => format!(
            "{shown}: est le fichier {other} qu'écrit {other_option} ; donnez à {option} un fichier à lui"
        ),
    }
}

/// The chart, always SVG, named `path` with another `extension`.
pub fn chart_not_svg(path: &Path, extension: &str, renamed: &Path) -> String {
    let (path, renamed) = (path.display(), renamed.display());
    match lang() {
        Lang::En => format!(
            "{path}: the chart is SVG and the name says {extension}; name the file {renamed}"
        ),
        Lang::Fr => format!(
            "{path}: le graphique est en SVG et le nom dit {extension} ; nommez le fichier {renamed}"
        ),
    }
}

/// An output file named `.{extension}`, a format that the command, whose `formats` are given,
/// does not write; `renamed` are the names that would choose the formats it writes, best first.
pub fn format_not_written(
    path: &Path,
    extension: &str,
    formats: &[String],
    renamed: &[std::path::PathBuf],
) -> String {
    let (shown, formats) = (path.display(), formats.join(", "));
    let names = |or: &str| match renamed {
        [] => String::new(),
        [first] => first.display().to_string(),
        [first, rest @ ..] => {
            let rest: Vec<String> = rest.iter().map(|r| r.display().to_string()).collect();
            format!("{} ({or} {})", first.display(), rest.join(", "))
        }
    };
    match lang() {
        Lang::En => format!(
            "{shown}: the name says {extension}, which this command does not write (its formats: {formats}); name the file {}",
            names("or")
        ),
        Lang::Fr => format!(
            "{shown}: le nom dit {extension}, que cette commande n'écrit pas (ses formats : {formats}) ; nommez le fichier {}",
            names("ou")
        ),
    }
}

/// A file of a set whose name is not a plain name, or that a set holds twice.
pub fn not_a_file_name(path: &Path) -> String {
    let path = path.display();
    match lang() {
        Lang::En => format!("{path}: not a file name of its own"),
        Lang::Fr => format!("{path}: n'est pas un nom de fichier à part entière"),
    }
}

/// An output folder that has no parent and name (`/`, `..`).
pub fn cannot_be_replaced(path: &Path) -> String {
    let path = path.display();
    match lang() {
        Lang::En => format!("{path}: cannot be replaced; name a folder inside it"),
        Lang::Fr => format!("{path}: ne peut pas être remplacé ; nommez un dossier qu'il contient"),
    }
}

pub fn not_a_folder(path: &Path) -> String {
    let path = path.display();
    match lang() {
        Lang::En => format!("{path}: is not a folder; name a folder to write into"),
        Lang::Fr => format!("{path}: n'est pas un dossier ; nommez un dossier où écrire"),
    }
}

pub fn read_only_folder(path: &Path) -> String {
    let path = path.display();
    match lang() {
        Lang::En => format!("{path}: is read-only; make it writable to rebill into it"),
        Lang::Fr => format!(
            "{path}: est en lecture seule ; rendez-le modifiable pour y écrire la refacturation"
        ),
    }
}

/// `entry` of the rebilling folder `folder` is not a file (a folder, a FIFO...).
pub fn not_a_file_in_folder(entry: &Path, folder: &Path) -> String {
    let (entry, folder) = (entry.display(), folder.display());
    match lang() {
        Lang::En => format!(
            "{entry}: is not a file; rebill replaces {folder} as a whole and keeps only the files beside its own (move it elsewhere)"
        ),
        Lang::Fr => format!(
            "{entry}: n'est pas un fichier ; rebill remplace {folder} en entier et ne garde que les fichiers à côté des siens (déplacez-le ailleurs)"
        ),
    }
}

/// The supporting document of member `id`'s titre does not add up to what the bills say it
/// owes: a defect of the program, reported rather than written.
pub fn titres_in_euros(currency: &str) -> String {
    match lang() {
        Lang::En => format!(
            "titres de recettes are in euros, and the convention's currency is {currency}: rebill needs currency = \"EUR\""
        ),
        Lang::Fr => format!(
            "les titres de recettes sont en euros, et la devise de la convention est {currency} : rebill demande currency = \"EUR\""
        ),
    }
}

pub fn titre_does_not_add_up(
    id: &str,
    billed: rust_decimal::Decimal,
    lines: rust_decimal::Decimal,
) -> String {
    match lang() {
        Lang::En => format!(
            "the titre of {id} does not add up: {billed} billed, {lines} in its document (nothing was written; please report this defect)"
        ),
        Lang::Fr => format!(
            "le titre de {id} ne se vérifie pas : {billed} facturés, {lines} dans son document (rien n'a été écrit ; merci de signaler ce défaut)"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{all_checked, both};
    use super::*;

    #[test]
    fn every_message_is_in_both_languages() {
        fn path() -> &'static Path {
            Path::new("out/x.csv")
        }
        let checks: Vec<fn() -> String> = vec![
            || stdout_name().to_string(),
            || is_an_input(path(), Path::new("u.csv")),
            || file_link_to_nothing(path()),
            || folder_link_to_nothing(path()),
            || is_a_folder(path()),
            || same_output(path(), "--output", Path::new("./out/x.csv"), "--chart"),
            || not_a_file_name(path()),
            || chart_not_svg(path(), "csv", Path::new("out/x.svg")),
            || {
                let formats = ["table".to_string(), "csv".to_string()];
                let renamed = [Path::new("x.xlsx").into(), Path::new("x.csv").into()];
                format_not_written(Path::new("x.xls"), "xls", &formats, &renamed)
            },
            || cannot_be_replaced(path()),
            || not_a_folder(path()),
            || read_only_folder(path()),
            || not_a_file_in_folder(path(), Path::new("out")),
            || titre_does_not_add_up("dolus-d-oleron", 1.into(), 2.into()),
            || titres_in_euros("CHF"),
        ];
        for check in &checks {
            both(check);
        }
        all_checked(include_str!("output.rs"), checks.len());
    }
}
