//! French grammar of the names and units a document prints: "Part du Château-d'Oléron",
//! "de La Brée-les-Bains", "4 heures", "1,5 heure".

use rust_decimal::Decimal;

/// The name of a place `name` after the preposition "de", with the article of the name contracted as INSEE's
/// official geographic code writes it: "Le" becomes "du", "Les" becomes "des", "La" and "L'"
/// stay after "de" with their capital (part of the official name), and a name starting with a
/// vowel takes "d'" ("d'Arvert", "d'Île-d'Aix").
///
/// A name starting with "H" takes "de": whether the h is mute ("d'Hiers-Brouage") cannot be
/// read from the spelling, and "de" before a mute h is understood where "d'" before an
/// aspirated one is a mistake.
pub fn de(name: &str) -> String {
    if let Some(rest) = name.strip_prefix("Les ") {
        format!("des {rest}")
    } else if let Some(rest) = name.strip_prefix("Le ") {
        format!("du {rest}")
    } else if name.chars().next().is_some_and(is_vowel) {
        format!("d'{name}")
    } else {
        format!("de {name}")
    }
}

fn is_vowel(c: char) -> bool {
    "AÀÂÄEÉÈÊËIÎÏOÔÖUÙÛÜYŸaàâäeéèêëiîïoôöuùûüyÿ".contains(c)
}

/// `unit` agreed with `quantity`: plural from 2, as French counts ("0,5 heure", "1,5 heure",
/// "2 jours"). Only the first word of a unit agrees ("heures de formation"); "demi-" stays
/// singular ("demi-journées"); words ending in s, x or z do not change ("mois"), those in "au"
/// and "eu" take an x ("niveaux").
pub fn unit(quantity: Decimal, unit: &str) -> String {
    if quantity.abs() < Decimal::TWO {
        return unit.to_string();
    }
    let (head, tail) = unit.split_at(unit.find(' ').unwrap_or(unit.len()));
    format!("{}{tail}", plural(head))
}

fn plural(word: &str) -> String {
    if word.is_empty() || word.ends_with(['s', 'x', 'z']) {
        word.to_string()
    } else if word.ends_with("au") || word.ends_with("eu") {
        format!("{word}x")
    } else {
        format!("{word}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dec;

    /// The eight communes of Oléron, their Cdc, and communes of Charente-Maritime whose names
    /// start with a vowel, as INSEE's code writes them after "de".
    #[test]
    fn contractions_of_the_article() {
        assert_eq!(de("Le Château-d'Oléron"), "du Château-d'Oléron");
        assert_eq!(de("Le Grand-Village-Plage"), "du Grand-Village-Plage");
        assert_eq!(de("La Brée-les-Bains"), "de La Brée-les-Bains");
        assert_eq!(de("Les Mathes"), "des Mathes");
        assert_eq!(de("Dolus-d'Oléron"), "de Dolus-d'Oléron");
        assert_eq!(de("Saint-Pierre-d'Oléron"), "de Saint-Pierre-d'Oléron");
        assert_eq!(de("Saint-Trojan-les-Bains"), "de Saint-Trojan-les-Bains");
        assert_eq!(de("Arvert"), "d'Arvert");
        assert_eq!(de("Île-d'Aix"), "d'Île-d'Aix");
        assert_eq!(de("Étaules"), "d'Étaules");
        assert_eq!(de("Yves"), "d'Yves");
        assert_eq!(de("L'Houmeau"), "de L'Houmeau");
        assert_eq!(de("Hiers-Brouage"), "de Hiers-Brouage");
        // "Les" and "Le" only as whole words.
        assert_eq!(de("Lesparre"), "de Lesparre");
        assert_eq!(de("Lezay"), "de Lezay");
    }

    #[test]
    fn units_agree_from_two() {
        assert_eq!(unit(dec("4"), "heure"), "heures");
        assert_eq!(unit(dec("0.5"), "heure"), "heure");
        assert_eq!(unit(dec("1.5"), "heure"), "heure");
        assert_eq!(unit(dec("1.99"), "heure"), "heure");
        assert_eq!(unit(dec("1"), "jour"), "jour");
        assert_eq!(unit(dec("2"), "jour"), "jours");
        assert_eq!(unit(dec("2.5"), "demi-journée"), "demi-journées");
        assert_eq!(unit(dec("3"), "heure de formation"), "heures de formation");
        assert_eq!(unit(dec("12"), "mois"), "mois");
        assert_eq!(unit(dec("2"), "niveau"), "niveaux");
        assert_eq!(unit(dec("0"), "heure"), "heure");
    }
}
