//! The lines of a usage file that repeat another exactly: billed all the same (two identical
//! orders can be real), but named, so that a line pasted twice is seen before a titre goes out.

use std::collections::hash_map::Entry;
use std::hash::{Hash, Hasher};

use rustc_hash::{FxHashMap, FxHasher};

use super::records::Lines;

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
    /// whose hashes collide (once in billions of billions of pairs) would be named as a repeat
    /// in a warning: nothing is billed on it.
    seen: FxHashMap<u64, u64>,
    checked: u64,
    count: u64,
    /// The first `NAMED` repeats, each with the line it repeats.
    named: Vec<(u64, u64)>,
    unchecked: u64,
}

impl Repeats {
    /// Looks at `line`, whose order is `fields` (date, member, service, quantity, reference).
    pub fn look(&mut self, line: u64, fields: impl Hash) {
        if self.checked == CHECKED {
            self.unchecked += 1;
            return;
        }
        self.checked += 1;
        let mut hasher = FxHasher::default();
        fields.hash(&mut hasher);
        match self.seen.entry(hasher.finish()) {
            Entry::Occupied(first) => {
                self.count += 1;
                if self.named.len() < NAMED {
                    self.named.push((line, *first.get()));
                }
            }
            Entry::Vacant(slot) => {
                slot.insert(line);
            }
        }
    }

    /// Adds what was found to the file's `lines`.
    pub fn add_to(self, lines: &mut Lines) {
        lines.repeats += self.count;
        lines.unchecked += self.unchecked;
        let room = NAMED.saturating_sub(lines.repeated.len());
        lines.repeated.extend(self.named.into_iter().take(room));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_past_the_bound_are_counted_not_looked_at() {
        let mut repeats = Repeats::default();
        for line in 0..CHECKED + 5 {
            // Every line the same order: all but the first of those looked at repeat it.
            repeats.look(line + 2, ("2021-03-15", 0, 1));
        }
        let mut lines = Lines::default();
        repeats.add_to(&mut lines);
        assert_eq!(lines.repeats, CHECKED - 1);
        assert_eq!(lines.unchecked, 5);
        assert_eq!(lines.repeated.len(), NAMED);
        assert_eq!(lines.repeated[0], (3, 2));
        assert_eq!(lines.repeated[9], (12, 2));
    }
}
