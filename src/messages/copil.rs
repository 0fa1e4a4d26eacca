//! The messages about a COPIL interventions log's durations: one that cannot be read, one
//! too long for an intervention, and a log whose numbers without a unit look like minutes.

use super::{cut, lang, list, quoted, Lang};

pub fn cannot_read_duration(text: &str) -> String {
    let text = quoted(text);
    match lang() {
        Lang::En => format!("cannot read duration {text} (write it 1.5, 1,5, 1h30 or 01:30)"),
        Lang::Fr => format!("durée illisible {text} (écrivez-la 1.5, 1,5, 1h30 ou 01:30)"),
    }
}

pub fn negative_duration(text: &str) -> String {
    let text = quoted(text);
    match lang() {
        Lang::En => format!("negative duration {text}"),
        Lang::Fr => format!("durée négative {text}"),
    }
}

pub fn duration_too_long(text: &str, hours: i64) -> String {
    let text = quoted(text);
    match lang() {
        Lang::En => format!("duration {text} is over {hours} hours for one intervention"),
        Lang::Fr => format!("la durée {text} dépasse {hours} heures pour une intervention"),
    }
}

/// A number without its unit past a working day (`hours`).
pub fn bare_duration_too_long(text: &str, hours: i64) -> String {
    let number = text.trim();
    match lang() {
        Lang::En => format!(
            "duration {text:?} is over {hours} hours for one intervention: if it is minutes, write \"{number} min\"; if hours, \"{number} h\""
        ),
        Lang::Fr => format!(
            "la durée {text:?} dépasse {hours} heures pour une intervention : en minutes, écrivez \"{number} min\" ; en heures, \"{number} h\""
        ),
    }
}

/// The durations without a unit of a log whose numbers look like minutes (`whole` of them
/// without a fraction, `over` past `hours`), each of which would be read as hours: `count` of
/// them not zero, on `lines` (the first of them), the first written `first`.
pub fn durations_look_like_minutes(
    (count, lines, first): (usize, &[u64], &str),
    over: usize,
    whole: usize,
    hours: i64,
) -> String {
    let first = cut(first.trim());
    let more = count.saturating_sub(lines.len());
    let lines = list(lines);
    match (lang(), count) {
        (Lang::En, 1) => format!(
            "a duration without a unit would be read as hours, but the log's durations look like minutes ({over} of its {whole} numbers without a unit are over {hours} and none has a fraction), line {lines}: write it with its unit, like \"{first} min\""
        ),
        (Lang::En, _) => {
            let more = match more {
                0 => String::new(),
                more => format!(" and {more} more"),
            };
            format!(
                "{count} durations without a unit would be read as hours, but the log's durations look like minutes ({over} of its {whole} numbers without a unit are over {hours} and none has a fraction), lines {lines}{more}: write each with its unit, like \"{first} min\""
            )
        }
        (Lang::Fr, 1) => format!(
            "une durée sans unité serait lue en heures, mais les durées du journal ressemblent à des minutes ({over} de ses {whole} nombres sans unité dépassent {hours} et aucun n'a de décimale), ligne {lines} : écrivez-la avec son unité, comme \"{first} min\""
        ),
        (Lang::Fr, _) => {
            let more = match more {
                0 => String::new(),
                1 => " et 1 autre".to_string(),
                more => format!(" et {more} autres"),
            };
            format!(
                "{count} durées sans unité seraient lues en heures, mais les durées du journal ressemblent à des minutes ({over} de ses {whole} nombres sans unité dépassent {hours} et aucun n'a de décimale), lignes {lines}{more} : écrivez chacune avec son unité, comme \"{first} min\""
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{all_checked, both};
    use super::*;

    #[test]
    fn every_message_is_in_both_languages() {
        let checks: Vec<fn() -> String> = vec![
            || cannot_read_duration("une heure"),
            || negative_duration("-1"),
            || duration_too_long("1001", 1000),
            || bare_duration_too_long("90", 10),
            || durations_look_like_minutes((12, &[2, 3, 4, 5, 6, 7, 8, 9, 10, 11], "90"), 7, 9, 10),
        ];
        for check in &checks {
            both(check);
        }
        both(|| durations_look_like_minutes((1, &[2], "90"), 1, 1, 10));
        both(|| durations_look_like_minutes((2, &[2, 3], "90"), 2, 2, 10));
        all_checked(include_str!("copil.rs"), checks.len());
    }
}
