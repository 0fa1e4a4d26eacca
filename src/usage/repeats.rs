//! The lines of a usage file that repeat another exactly: billed all the same (two identical
//! orders can be real), but named, so that a line pasted twice is seen before a titre goes out.

use std::collections::hash_map::Entry;
use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use super::lines::LineCounts;
use crate::calendar::Semester;

/// How many lines are looked at for repeats: far more than a year of a Cdc's orders, and a
/// bound on the memory and time that a log of millions of lines would otherwise spend on a
/// warning. The lines past it are counted and said.
pub const CHECKED: u64 = 100_000;

/// How many of the lines that repeat another a warning names.
pub const NAMED: usize = 10;

/// The lines looked at so far, and those that repeat another.
#[derive(Default)]
pub struct Repeats {
    /// The first line of each order looked at, by a hash of its fields. Two different orders
    /// whose hashes collide would be named as a repeat in a warning, and nothing else: the
    /// lines are billed whatever the warning says, so a fast hash that is not proof against
    /// a file made to collide is enough.
    seen: FxHashMap<u64, u64>,
    checked: u64,
    /// The repeats of each semester, and the first `NAMED` of them, each with the line it
    /// repeats.
    count: BTreeMap<Semester, u64>,
    named: BTreeMap<Semester, Vec<(u64, u64)>>,
    unchecked: u64,
}

impl Repeats {
    /// Looks at `line`, of `semester`, whose order is `fields` (date, member, service,
    /// quantity, reference).
    pub fn look(&mut self, line: u64, semester: Semester, fields: impl Hash) {
        if self.checked == CHECKED {
            self.unchecked += 1;
            return;
        }
        self.checked += 1;
        let mut hasher = FxHasher::default();
        fields.hash(&mut hasher);
        match self.seen.entry(hasher.finish()) {
            Entry::Occupied(first) => {
                *self.count.entry(semester).or_default() += 1;
                let named = self.named.entry(semester).or_default();
                if named.len() < NAMED {
                    named.push((line, *first.get()));
                }
            }
            Entry::Vacant(slot) => {
                slot.insert(line);
            }
        }
    }

    /// Adds what was found to the file's `lines`.
    pub fn add_to(self, lines: &mut LineCounts) {
        for (semester, count) in self.count {
            *lines.repeats.entry(semester).or_default() += count;
        }
        for (semester, named) in self.named {
            let all = lines.repeated.entry(semester).or_default();
            let room = NAMED.saturating_sub(all.len());
            all.extend(named.into_iter().take(room));
        }
        lines.unchecked += self.unchecked;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_past_the_bound_are_counted_not_looked_at() {
        let mut repeats = Repeats::default();
        let s1 = Semester::new(2021, 1).unwrap();
        for line in 0..CHECKED + 5 {
            // Every line the same order: all but the first of those looked at repeat it.
            repeats.look(line + 2, s1, ("2021-03-15", 0, 1));
        }
        let mut lines = LineCounts::default();
        repeats.add_to(&mut lines);
        assert_eq!(lines.repeats[&s1], CHECKED - 1);
        assert_eq!(lines.unchecked, 5);
        let named = &lines.repeated[&s1];
        assert_eq!(named.len(), NAMED);
        assert_eq!((named[0], named[9]), ((3, 2), (12, 2)));
    }
}
