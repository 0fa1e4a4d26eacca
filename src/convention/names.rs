//! How member names are compared: ignoring case, accents, and the difference between spaces,
//! hyphens and apostrophes, so that "saint denys d oleron" finds "Saint Denys d'Oléron"; "St"
//! and "Ste" are read as "Saint" and "Sainte", as French place names are often abbreviated.

use std::collections::HashMap;

use super::Member;

/// The comparable form of a name: lowercase ASCII words joined by single spaces.
pub fn fold(name: &str) -> String {
    deunicode::deunicode(name)
        .to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| match word {
            "st" => "saint",
            "ste" => "sainte",
            _ => word,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Finds members by what people call them.
pub struct Names<'a> {
    members: &'a [Member],
    by_folded_name: HashMap<String, usize>,
}

impl<'a> Names<'a> {
    pub fn new(members: &'a [Member]) -> Self {
        let mut by_folded_name = HashMap::new();
        for (i, m) in members.iter().enumerate() {
            for name in [&m.id, &m.name].into_iter().chain(&m.aliases) {
                by_folded_name.insert(fold(name), i);
            }
        }
        Names {
            members,
            by_folded_name,
        }
    }

    /// The member `text` designates, or why none.
    pub fn find(&self, text: &str) -> Result<usize, String> {
        let folded = fold(text);
        self.by_folded_name.get(&folded).copied().ok_or_else(|| {
            let closest = self
                .by_folded_name
                .iter()
                .min_by_key(|(name, i)| (strsim::levenshtein(&folded, name), **i))
                .map(|(_, &i)| &self.members[i].id);
            match closest {
                Some(id) => format!("unknown member {text:?} (closest: {id})"),
                None => format!("unknown member {text:?}"),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_commune_fold_alike() {
        let official = fold("saint-denis-d-oleron");
        assert_eq!(official, "saint denis d oleron");
        assert_eq!(fold("SAINT-DENIS-D'OLÉRON"), official);
        assert_eq!(fold("Saint Denis d’Oléron"), official);
        assert_eq!(fold("  saint--denis  d oleron "), official);
        assert_eq!(fold("Saint Denys d'Oléron"), "saint denys d oleron");
        assert_eq!(fold("Le Château-d'Oléron"), "le chateau d oleron");
        assert_eq!(fold("St-Georges d'Oléron"), "saint georges d oleron");
        assert_eq!(fold("Ste-Marie-de-Ré"), "sainte marie de re");
        assert_eq!(fold("Stella"), "stella");
    }
}
