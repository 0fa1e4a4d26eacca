//! How members are named in usage files: as people type them. Names are compared ignoring
//! case, accents, and the difference between spaces, hyphens and apostrophes; "St" and "Ste"
//! are read as "Saint" and "Sainte", as French place names are often abbreviated. A spelling
//! designates a member when it is one of its names, or else when its words are all words of
//! one name of exactly one member, articles aside: "St Georges" and "Le Chateau" are enough.

use std::collections::HashMap;

use super::Member;
use crate::error::MANY_LIMIT;
use crate::messages::records as msg;

/// Words that do not tell places apart: the articles and prepositions of French place names.
const SMALL_WORDS: [&str; 8] = ["le", "la", "les", "l", "de", "d", "du", "des"];

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

/// The words of a folded name that tell it apart.
fn telling_words(folded: &str) -> impl Iterator<Item = &str> {
    folded
        .split(' ')
        .filter(|word| !word.is_empty() && !SMALL_WORDS.contains(word))
}

/// Why a spelling designates no member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Miss {
    /// Nothing but spaces, punctuation or small words.
    Empty,
    /// It could be any of these members, in the convention's order.
    Ambiguous(Vec<usize>),
    /// No member has all its words; the closest ones by words, if any is close.
    Unknown { closest: Vec<usize> },
}

impl Miss {
    /// Why `text` designates no member.
    pub fn message(self, text: &str, members: &[Member]) -> String {
        let ids = |list: Vec<usize>| -> Vec<&str> {
            list.into_iter().map(|i| members[i].id.as_str()).collect()
        };
        match self {
            Miss::Empty if text.is_empty() => msg::no_member_given(),
            Miss::Empty => msg::names_no_member(text),
            Miss::Ambiguous(list) => msg::could_be(text, &ids(list)),
            Miss::Unknown { closest } if !closest.is_empty() => {
                msg::unknown_member_closest(text, &ids(closest))
            }
            Miss::Unknown { .. } => msg::unknown_member(text, &ids((0..members.len()).collect())),
        }
    }
}

/// Finds members by what people call them.
#[derive(Clone)]
pub struct Names {
    /// Every name, id and alias folded, with its member.
    exact: HashMap<String, usize>,
    /// The telling words of each name, id and alias; its member; whether it is an id.
    words: Vec<(Vec<String>, usize, bool)>,
    /// For each telling word, the entries of `words` that have it, in order: a spelling is
    /// matched against the names that have its rarest word, not against every name.
    having: HashMap<String, Vec<usize>>,
}

impl Names {
    /// The names of `members`, which validation has made distinct once folded.
    pub fn new(members: &[Member]) -> Self {
        let mut exact = HashMap::new();
        let mut words: Vec<(Vec<String>, usize, bool)> = Vec::new();
        for (i, m) in members.iter().enumerate() {
            let named = std::iter::once((&m.id, true)).chain(
                std::iter::once(&m.name)
                    .chain(&m.aliases)
                    .map(|n| (n, false)),
            );
            for (name, is_id) in named {
                let folded = fold(name);
                words.push((telling_words(&folded).map(String::from).collect(), i, is_id));
                exact.insert(folded, i);
            }
        }
        let mut having: HashMap<String, Vec<usize>> = HashMap::new();
        for (entry, (entry_words, _, _)) in words.iter().enumerate() {
            for word in entry_words {
                let entries = having.entry(word.clone()).or_default();
                // A word twice in a name lists the name once.
                if entries.last() != Some(&entry) {
                    entries.push(entry);
                }
            }
        }
        Names {
            exact,
            words,
            having,
        }
    }

    /// The member `text` designates.
    pub fn find(&self, text: &str) -> Result<usize, Miss> {
        self.look_up(text, true)
    }

    /// The member `text`, on a line of a file, designates; else why not, as a message.
    /// `explained` counts the unknown spellings of the file (or of a part of it) whose closest
    /// names were looked for: past `MANY_LIMIT` the message only lists the members. A reader
    /// shows the first `MANY_LIMIT` errors of a file, and comparing every bad line with every
    /// name would cost lines × members.
    pub fn find_on_line(
        &self,
        text: &str,
        members: &[Member],
        explained: &mut usize,
    ) -> Result<usize, String> {
        let explain = *explained < MANY_LIMIT;
        self.look_up(text, explain).map_err(|miss| {
            if let (true, Miss::Unknown { .. }) = (explain, &miss) {
                *explained += 1;
            }
            miss.message(text, members)
        })
    }

    /// The member `text` designates; with the closest names when none does, if `closest`.
    fn look_up(&self, text: &str, closest: bool) -> Result<usize, Miss> {
        let folded = fold(text);
        if let Some(&i) = self.exact.get(&folded) {
            return Ok(i);
        }
        let spelled: Vec<&str> = telling_words(&folded).collect();
        if spelled.is_empty() {
            return Err(Miss::Empty);
        }
        let candidates = self.candidates(&spelled);
        match candidates[..] {
            [i] => Ok(i),
            [] => Err(Miss::Unknown {
                closest: match closest {
                    true => self.closest(&spelled),
                    false => Vec::new(),
                },
            }),
            _ => Err(Miss::Ambiguous(candidates)),
        }
    }

    /// The members with a name, id or alias that has every word of `spelled` (not empty), in
    /// order.
    fn candidates(&self, spelled: &[&str]) -> Vec<usize> {
        // They are among the names with the rarest word spelled.
        let rarest = spelled
            .iter()
            .map(|w| self.having.get(*w).map_or(&[][..], Vec::as_slice))
            .min_by_key(|entries| entries.len())
            .unwrap_or_default();
        let mut candidates: Vec<usize> = rarest
            .iter()
            .map(|&entry| &self.words[entry])
            .filter(|(words, _, _)| spelled.iter().all(|w| words.iter().any(|v| v == w)))
            .map(|&(_, i, _)| i)
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
    }

    /// The members with a name or alias closest to `spelled` by words: each word counts the
    /// edits that make it the nearest word of the name. Close means at most one edit for
    /// three letters.
    fn closest(&self, spelled: &[&str]) -> Vec<usize> {
        let letters: usize = spelled.iter().map(|w| w.len()).sum();
        let distance = |words: &[String]| -> usize {
            spelled
                .iter()
                .map(|w| {
                    words
                        .iter()
                        .map(|v| strsim::levenshtein(w, v))
                        .min()
                        .unwrap_or(w.len())
                })
                .sum()
        };
        let scored: Vec<(usize, usize)> = self
            .words
            .iter()
            .filter(|(_, _, is_id)| !is_id)
            .map(|(words, i, _)| (distance(words), *i))
            .filter(|(d, _)| 3 * d <= letters)
            .collect();
        let Some(best) = scored.iter().map(|(d, _)| *d).min() else {
            return Vec::new();
        };
        let mut closest: Vec<usize> = scored
            .into_iter()
            .filter(|(d, _)| *d == best)
            .map(|(_, i)| i)
            .collect();
        closest.sort_unstable();
        closest.dedup();
        closest
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convention::{parse, EMBEDDED, EMBEDDED_NAME};

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

    /// What each spelling gives with `members`, as ids.
    fn found<'a>(members: &'a [Member], spelling: &str) -> Result<&'a str, Vec<&'a str>> {
        let names = Names::new(members);
        let ids = |list: Vec<usize>| list.into_iter().map(|i| members[i].id.as_str()).collect();
        match names.find(spelling) {
            Ok(i) => Ok(&members[i].id),
            Err(Miss::Empty) => Err(vec!["<empty>"]),
            Err(Miss::Ambiguous(list)) => Err(ids(list)),
            Err(Miss::Unknown { closest }) => {
                let mut list = ids(closest);
                list.insert(0, "<unknown>");
                Err(list)
            }
        }
    }

    #[test]
    fn a_file_s_unknown_spellings_get_their_closest_names_fifty_times() {
        let c = parse(EMBEDDED, EMBEDDED_NAME).unwrap();
        let names = Names::new(&c.members);
        let mut explained = MANY_LIMIT - 1;
        let closest = "unknown member \"Dollus\" (closest: dolus-d-oleron)";
        assert_eq!(
            names.find_on_line("Dollus", &c.members, &mut explained),
            Err(closest.into())
        );
        assert_eq!(explained, MANY_LIMIT);
        // Misses that need no search do not count.
        assert!(names
            .find_on_line("St", &c.members, &mut explained)
            .is_err());
        assert_eq!(
            names.find_on_line("Dolus", &c.members, &mut explained),
            Ok(4)
        );
        assert_eq!(explained, MANY_LIMIT);
        let listed = names
            .find_on_line("Dollus", &c.members, &mut explained)
            .unwrap_err();
        assert!(
            listed.starts_with("unknown member \"Dollus\" (members: cdc, "),
            "{listed}"
        );
        assert_eq!(explained, MANY_LIMIT);
    }

    #[test]
    fn oleron_communes_as_people_type_them() {
        let c = parse(EMBEDDED, EMBEDDED_NAME).unwrap();
        let m = &c.members;
        for (spelling, id) in [
            ("St Georges", "saint-georges-d-oleron"),
            ("Dolus", "dolus-d-oleron"),
            ("Le Chateau", "le-chateau-d-oleron"),
            ("La Bree", "la-bree-les-bains"),
            ("St Trojan", "saint-trojan-les-bains"),
            ("Grand Village", "le-grand-village-plage"),
            ("St Denis", "saint-denis-d-oleron"),
            ("saint denys", "saint-denis-d-oleron"),
            ("DOLUS D'OLERON", "dolus-d-oleron"),
            ("Île d'Oléron", "cdc"),
            ("cdc", "cdc"),
        ] {
            assert_eq!(found(m, spelling), Ok(id), "{spelling}");
        }
        assert_eq!(
            found(m, "Saint"),
            Err(vec![
                "saint-trojan-les-bains",
                "saint-pierre-d-oleron",
                "saint-georges-d-oleron",
                "saint-denis-d-oleron"
            ])
        );
        assert_eq!(found(m, "Dollus"), Err(vec!["<unknown>", "dolus-d-oleron"]));
        assert_eq!(
            found(m, "Saint Pier d'Oleron"),
            Err(vec!["<unknown>", "saint-pierre-d-oleron"])
        );
        assert_eq!(found(m, "nobody"), Err(vec!["<unknown>"]));
        assert_eq!(found(m, "Le"), Err(vec!["<empty>"]));
        assert_eq!(found(m, ""), Err(vec!["<empty>"]));
        // A word that is in no name, beside words of one: no member has them all.
        assert_eq!(found(m, "Dolus Plage"), Err(vec!["<unknown>"]));
    }

    fn member(id: &str, name: &str, aliases: &[&str]) -> Member {
        Member {
            id: id.to_string(),
            name: name.to_string(),
            key: None,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            assistance: true,
            identity: Default::default(),
            insee: None,
        }
    }

    /// The members that have every word of `spelled` as `candidates` found them before names
    /// were indexed by word: by scanning every name, id and alias.
    fn candidates_by_scanning(names: &Names, spelled: &[&str]) -> Vec<usize> {
        let mut candidates: Vec<usize> = (names.words.iter())
            .filter(|(words, _, _)| spelled.iter().all(|w| words.iter().any(|v| v == w)))
            .map(|&(_, i, _)| i)
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
    }

    /// Among many members whose names share most of their words, the index finds the members
    /// that scanning every name would: for single words, pairs of words of one name or of two,
    /// words repeated, words of no name.
    #[test]
    fn the_index_of_words_finds_what_a_scan_finds() {
        let places = [
            "Saint-Martin",
            "Le Bois-Plage",
            "La Roche",
            "Sainte-Marie",
            "Port",
        ];
        let members: Vec<Member> = (0..200)
            .map(|i| {
                let name = format!("{}-{}", places[i % places.len()], i % 40);
                let alias = format!("Bourg {} {}", i % 7, i);
                member(&format!("m-{i}"), &name, &[&alias])
            })
            .collect();
        let names = Names::new(&members);
        let words = [
            "saint", "martin", "bois", "roche", "marie", "port", "bourg", "plaige",
        ];
        let words: Vec<String> = (words.iter().map(|w| w.to_string()))
            .chain((0..45).map(|n| n.to_string()))
            .collect();
        let mut spellings = vec!["Bourg 3 3 73".to_string(), "St Martin 5".into()];
        for a in &words {
            spellings.push(a.clone());
            spellings.extend(words.iter().map(|b| format!("{a} {b}")));
        }
        let (mut one, mut several, mut none) = (0, 0, 0);
        for spelling in &spellings {
            let folded = fold(spelling);
            let spelled: Vec<&str> = telling_words(&folded).collect();
            let found = names.candidates(&spelled);
            match found.len() {
                0 => none += 1,
                1 => one += 1,
                _ => several += 1,
            }
            assert_eq!(
                found,
                candidates_by_scanning(&names, &spelled),
                "{spelling}"
            );
        }
        // Each outcome is met.
        assert!(one > 0 && several > 0 && none > 0);
    }

    /// The rule knows no place: the communes of another island follow it alike.
    #[test]
    fn any_convention_follows_the_rule() {
        let m = [
            member(
                "cdc-re",
                "Communauté de communes de l'Île de Ré",
                &["CdC Ré"],
            ),
            member("ste-marie", "Sainte-Marie-de-Ré", &[]),
            member("st-martin", "Saint-Martin-de-Ré", &[]),
            member("flotte", "La Flotte", &[]),
            member("bois", "Le Bois-Plage-en-Ré", &[]),
            member("st-clement", "Saint-Clément-des-Baleines", &[]),
            member("ars", "Ars-en-Ré", &["Ars"]),
            member("couarde", "La Couarde-sur-Mer", &[]),
        ];
        for (spelling, id) in [
            ("Ste Marie", "ste-marie"),
            ("marie", "ste-marie"),
            ("St Martin", "st-martin"),
            ("Flotte", "flotte"),
            ("bois plage", "bois"),
            ("ST CLEMENT", "st-clement"),
            ("Ars", "ars"),
            ("Couarde", "couarde"),
            ("communes", "cdc-re"),
        ] {
            assert_eq!(found(&m, spelling), Ok(id), "{spelling}");
        }
        // "Sainte" is not "Saint".
        assert_eq!(found(&m, "Saint"), Err(vec!["st-martin", "st-clement"]));
        assert_eq!(
            found(&m, "Ré"),
            Err(vec!["cdc-re", "ste-marie", "st-martin", "bois", "ars"])
        );
        assert_eq!(found(&m, "Baleine"), Err(vec!["<unknown>", "st-clement"]));
        assert_eq!(found(&m, "Flote"), Err(vec!["<unknown>", "flotte"]));
        assert_eq!(found(&m, "Paris"), Err(vec!["<unknown>"]));
    }
}
