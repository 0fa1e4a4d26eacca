//! The spellings of a usage file already looked up: a file uses few, each on many lines.

use rustc_hash::FxHashMap;

/// How many different spellings of members, and of services, are remembered.
pub const MEMO_LIMIT: usize = 4096;

/// Spellings already looked up, with what they matched or why they match nothing: a file uses
/// few, each on many lines. Past `MEMO_LIMIT` spellings, a new one is looked up on every line.
/// Looking a member up folds its text (accents, case, words) into a new string, which costs
/// about as much as reading the rest of the line: on a long file the memo saves that on nearly
/// every line. It also counts the lines of each spelling, which `check --usage` lists.
#[derive(Default)]
pub struct Memo {
    pub index: FxHashMap<Box<str>, usize>,
    /// What each remembered spelling matched, and on how many lines that were read.
    pub found: Vec<(Result<usize, String>, u64)>,
    /// Lines read whose spelling was not remembered.
    pub unlisted: u64,
}

impl Memo {
    /// What `text` matches, and where its count is kept.
    pub fn find_or(
        &mut self,
        text: &str,
        look_up: impl FnOnce(&str) -> Result<usize, String>,
    ) -> Result<(usize, Option<usize>), String> {
        if let Some(&at) = self.index.get(text) {
            return match &self.found[at].0 {
                Ok(i) => Ok((*i, Some(at))),
                Err(message) => Err(message.clone()),
            };
        }
        let found = look_up(text);
        if self.found.len() == MEMO_LIMIT {
            return found.map(|i| (i, None));
        }
        self.index.insert(text.into(), self.found.len());
        self.found.push((found.clone(), 0));
        found.map(|i| (i, Some(self.found.len() - 1)))
    }

    pub fn count(&mut self, at: Option<usize>) {
        match at {
            Some(at) => self.found[at].1 += 1,
            None => self.unlisted += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_are_remembered_up_to_a_limit() {
        let mut memo = Memo::default();
        let mut look_ups = 0;
        for round in 0..2 {
            for n in 0..MEMO_LIMIT + 2 {
                let found = memo.find_or(&n.to_string(), |text| {
                    look_ups += 1;
                    text.parse::<usize>().map_err(|e| e.to_string())
                });
                let (i, at) = found.unwrap();
                assert_eq!(i, n);
                memo.count(at);
            }
            assert!(memo.find_or("x", |_| Err("bad".into())).is_err(), "{round}");
        }
        // Every spelling once, and the two past the limit again on the second round.
        assert_eq!(look_ups, MEMO_LIMIT + 2 + 2);
        assert_eq!(memo.found.len(), MEMO_LIMIT);
        assert_eq!(memo.unlisted, 4);
        assert_eq!(memo.found[7], (Ok(7), 2));
    }
}
