//! The messages about a convention file that the TOML reader refuses: what to write, in the
//! user's words, then the reader's own English text as a detail (`detail`).

use super::{cut, lang, Lang, QUOTED_CHARS};

/// The reader's text, after the explanation, each text it quotes cut as `cut` cuts it: the
/// reader echoes a value whole, and a value of a megabyte would otherwise fill the screen.
fn with_detail(explanation: String, detail: &str) -> String {
    let detail = cut_quotes(detail);
    match lang() {
        Lang::En => format!("{explanation} (TOML reader: {detail})"),
        Lang::Fr => format!("{explanation} (lecteur TOML : {detail})"),
    }
}

/// `detail` with each text between quotes or backticks cut after `QUOTED_CHARS` characters,
/// an ellipsis marking the cut before the closing quote.
pub(crate) fn cut_quotes(detail: &str) -> String {
    let mut out = String::with_capacity(detail.len().min(4 * QUOTED_CHARS));
    let (mut open, mut inside, mut escaped) = (None, 0, false);
    for c in detail.chars() {
        let Some(quote) = open else {
            out.push(c);
            if c == '"' || c == '`' {
                (open, inside, escaped) = (Some(c), 0, false);
            }
            continue;
        };
        if c == quote && !escaped {
            if inside > QUOTED_CHARS {
                out.push('…');
            }
            out.push(c);
            open = None;
            continue;
        }
        escaped = !escaped && c == '\\';
        inside += 1;
        if inside <= QUOTED_CHARS {
            out.push(c);
        }
    }
    if inside > QUOTED_CHARS && open.is_some() {
        out.push('…');
    }
    out
}

/// A number written `written` with a decimal comma: `number` with a point, or `text` quoted
/// when the key takes text.
pub fn decimal_comma(written: &str, number: &str, text: Option<&str>, detail: &str) -> String {
    let (written, number, text) = (cut(written), cut(number), text.map(cut));
    let explanation = match (lang(), text) {
        (Lang::En, None) => {
            format!("`{written}`: a number takes a decimal point, not a comma: write `{number}`")
        }
        (Lang::En, Some(text)) => format!(
            "`{written}`: a number takes a decimal point, not a comma: write `{number}`, or `{text}` if it is meant as text"
        ),
        (Lang::Fr, None) => format!(
            "`{written}` : un nombre s'écrit avec un point décimal, pas une virgule : écrivez `{number}`"
        ),
        (Lang::Fr, Some(text)) => format!(
            "`{written}` : un nombre s'écrit avec un point décimal, pas une virgule : écrivez `{number}`, ou `{text}` s'il s'agit d'un texte"
        ),
    };
    with_detail(explanation, detail)
}

/// `[name]` written for `[[name]]`, a list of tables.
pub fn list_of_tables(name: &str, detail: &str) -> String {
    let name = cut(name);
    let explanation = match lang() {
        Lang::En => format!(
            "`[{name}]` opens a single table, where each item of the list is a table of its own: write `[[{name}]]`, with two brackets, before each"
        ),
        Lang::Fr => format!(
            "`[{name}]` ouvre une table unique, alors que chaque élément de la liste est une table à part : écrivez `[[{name}]]`, avec deux crochets, avant chacun"
        ),
    };
    with_detail(explanation, detail)
}

/// `[[name]]` written for `[name]`, a single table.
pub fn one_table(name: &str, detail: &str) -> String {
    let name = cut(name);
    let explanation = match lang() {
        Lang::En => format!(
            "`[[{name}]]` opens one of a list of tables, but the file has a single [{name}]: write `[{name}]`, with one bracket"
        ),
        Lang::Fr => format!(
            "`[[{name}]]` ouvre l'une d'une liste de tables, mais le fichier n'a qu'une table [{name}] : écrivez `[{name}]`, avec un seul crochet"
        ),
    };
    with_detail(explanation, detail)
}

/// A key written without its value.
pub fn no_value(key: &str, detail: &str) -> String {
    let key = cut(key);
    let explanation = match lang() {
        Lang::En => format!("`{key}` has no value after its `=`"),
        Lang::Fr => format!("`{key}` n'a pas de valeur après son `=`"),
    };
    with_detail(explanation, detail)
}

/// A number written `written` with spaces between its digits.
pub fn spaced_number(written: &str, number: &str, detail: &str) -> String {
    let (written, number) = (cut(written), cut(number));
    let explanation = match lang() {
        Lang::En => format!("`{written}`: a number is written without spaces: write `{number}`"),
        Lang::Fr => {
            format!("`{written}` : un nombre s'écrit sans espaces : écrivez `{number}`")
        }
    };
    with_detail(explanation, detail)
}

/// A text written without its quotes.
pub fn unquoted_text(key: &str, value: &str, detail: &str) -> String {
    let (key, value) = (cut(key), cut(value));
    let explanation = match lang() {
        Lang::En => format!("a text is written between quotes: `{key} = \"{value}\"`"),
        Lang::Fr => format!("un texte s'écrit entre guillemets : `{key} = \"{value}\"`"),
    };
    with_detail(explanation, detail)
}

/// A date written as text (`"25/09/2019"`): `iso`, the same date as the file writes dates,
/// when it could be read.
pub fn not_a_date(written: &str, iso: Option<&str>, detail: &str) -> String {
    let (written, iso) = (cut(written), iso.map(cut));
    let explanation = match (lang(), iso) {
        (Lang::En, Some(iso)) => {
            format!("`{written}`: a date is written year first, without quotes: write `{iso}`")
        }
        (Lang::En, None) => {
            format!("`{written}`: a date is written year first, without quotes, like 2021-12-31")
        }
        (Lang::Fr, Some(iso)) => format!(
            "`{written}` : une date s'écrit l'année d'abord, sans guillemets : écrivez `{iso}`"
        ),
        (Lang::Fr, None) => format!(
            "`{written}` : une date s'écrit l'année d'abord, sans guillemets, comme 2021-12-31"
        ),
    };
    with_detail(explanation, detail)
}

/// A key given twice in one table.
pub fn duplicate_key(key: &str, detail: &str) -> String {
    let key = cut(key);
    let explanation = match lang() {
        Lang::En => format!("`{key}` is given a second time in the same table"),
        Lang::Fr => format!("`{key}` est donné une deuxième fois dans la même table"),
    };
    with_detail(explanation, detail)
}

/// A key that the table does not have.
pub fn unknown_key(key: &str, detail: &str) -> String {
    let key = cut(key);
    let explanation = match lang() {
        Lang::En => format!("unknown key `{key}`"),
        Lang::Fr => format!("clé `{key}` inconnue"),
    };
    with_detail(explanation, detail)
}

/// A key the table must have.
pub fn missing_key(key: &str, detail: &str) -> String {
    let key = cut(key);
    let explanation = match lang() {
        Lang::En => format!("missing key `{key}`"),
        Lang::Fr => format!("clé `{key}` manquante"),
    };
    with_detail(explanation, detail)
}

/// Any other refusal, and the text it is about when the reader does not quote it.
pub fn not_toml(detail: &str, quoted: Option<&str>) -> String {
    let quoted = quoted.map(cut);
    let explanation = match (lang(), quoted) {
        (Lang::En, None) => "not valid TOML here".to_string(),
        (Lang::En, Some(quoted)) => format!("not valid TOML at `{quoted}`"),
        (Lang::Fr, None) => "TOML non valide ici".to_string(),
        (Lang::Fr, Some(quoted)) => format!("TOML non valide à `{quoted}`"),
    };
    with_detail(explanation, detail)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{all_checked, both};
    use super::*;

    #[test]
    fn every_message_is_in_both_languages() {
        let detail = "unexpected key or value, expected newline, `#`";
        let checks: Vec<fn() -> String> = vec![
            || decimal_comma("key = 18,5", "key = 18.5", None, "x"),
            || list_of_tables("member", "duplicate key"),
            || one_table("cost", "x"),
            || no_value("fte", "x"),
            || spaced_number("45 000", "45000", "x"),
            || unquoted_text("name", "Dolus", "x"),
            || duplicate_key("id", "duplicate key"),
            || unknown_key("anual", "x"),
            || missing_key("provider", "x"),
            || not_toml("x", Some(".3")),
            || not_a_date("date = \"25/09/2019\"", Some("date = 2019-09-25"), "x"),
        ];
        for check in &checks {
            both(check);
        }
        both(|| not_a_date("date = \"2019\"", None, "x"));
        both(|| decimal_comma("key = 18,5", "key = 18.5", Some("key = \"18,5\""), detail));
        all_checked(include_str!("toml.rs"), checks.len());
    }

    #[test]
    fn long_texts_are_cut_in_the_explanation_and_in_the_readers_words() {
        let long = "y".repeat(100);
        let sixty = format!("{}…", "y".repeat(60));
        assert_eq!(
            not_toml(&format!("invalid `{long}` here"), Some(&long)),
            format!("not valid TOML at `{sixty}` (TOML reader: invalid `{sixty}` here)")
        );
        // An escaped quote does not close the text (`a`, the backslash and the quote are three of
        // the sixty); a short text and the words between are kept.
        assert_eq!(
            cut_quotes(&format!("string \"a\\\"{long}\", expected `x`")),
            format!("string \"a\\\"{}…\", expected `x`", "y".repeat(57))
        );
        assert_eq!(
            unquoted_text(&long, &long, "x"),
            format!("a text is written between quotes: `{sixty} = \"{sixty}\"` (TOML reader: x)")
        );
    }
}
