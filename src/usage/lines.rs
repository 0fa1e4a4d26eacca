//! What a usage file's lines were, beside what they add up to: how many of each semester, and
//! which repeat another; what a run tells it set aside or billed twice.

use std::collections::BTreeMap;

use crate::calendar::Semester;

/// How many lines of each semester a file has, and which repeat another exactly (same date,
/// member, service, quantity and reference): what a run tells it set aside or billed twice.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct LineCounts {
    pub per_semester: BTreeMap<Semester, u64>,
    /// How many lines of each semester repeat an earlier one (of the same date, so of the same
    /// semester).
    pub repeats: BTreeMap<Semester, u64>,
    /// The first `repeats::NAMED` of them in each semester, each with the line it repeats.
    pub repeated: BTreeMap<Semester, Vec<(u64, u64)>>,
    /// Lines past the first `repeats::CHECKED`, which are not looked at for repeats.
    pub unchecked: u64,
}
