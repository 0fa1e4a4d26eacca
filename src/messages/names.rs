//! The messages about the names and texts of a convention: the characters they may not hold,
//! their length, and what the PDF of a titre can print.

use super::{lang, quoted, Lang};

/// `what` is where the text is ("[[member]] name"), `value` the text.
pub fn invisible_character(what: &str, value: &str, invisible: char) -> String {
    let (value, code) = (quoted(value), u32::from(invisible));
    match lang() {
        Lang::En => format!(
            "{what} {value} holds the invisible character U+{code:04X}: invisible characters are \
             not allowed, as they make two texts that look alike differ"
        ),
        Lang::Fr => format!(
            "{what} {value} contient le caractère invisible U+{code:04X} : les caractères \
             invisibles sont interdits, car deux textes qui se ressemblent en diffèrent"
        ),
    }
}

/// `what` is where the text is ("[[adjustment]] label"), `value` the text, `max` its limit.
pub fn text_too_long(what: &str, value: &str, chars: usize, max: usize) -> String {
    let value = quoted(value);
    match lang() {
        Lang::En => format!("{what} {value} is {chars} characters long: at most {max}"),
        Lang::Fr => format!("{what} {value} fait {chars} caractères : {max} au plus"),
    }
}

/// `what` is where the text is ("[[member]] dolus-d-oleron name"), `value` the text.
pub fn unprintable(what: &str, value: &str, c: char) -> String {
    let (value, code) = (quoted(value), u32::from(c));
    match lang() {
        Lang::En => format!(
            "{what} {value} holds {c:?} (U+{code:04X}), which the PDF of a titre cannot print (its \
             fonts have the Latin-1 and Windows-1252 letters): write the text as the titre must \
             show it, without this character"
        ),
        Lang::Fr => format!(
            "{what} {value} contient {c:?} (U+{code:04X}), que le PDF d'un titre ne peut pas \
             imprimer (ses polices ont les lettres du Latin-1 et du Windows-1252) : écrivez le \
             texte tel que le titre doit le montrer, sans ce caractère"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{all_checked, both};
    use super::*;

    #[test]
    fn every_message_is_in_both_languages() {
        let checks: Vec<fn() -> String> = vec![
            || invisible_character("[[member]] name", "Do\u{200b}lus", '\u{200b}'),
            || text_too_long("[[member]] name", "Dolus", 101, 100),
            || unprintable("[[member]] lodz name", "Łódź", 'Ł'),
        ];
        for check in &checks {
            both(check);
        }
        all_checked(include_str!("names.rs"), checks.len());
    }
}
