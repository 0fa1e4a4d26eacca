//! Semesters and the days of service inside them: S1 runs from 1 January to 30 June,
//! S2 from 1 July to 31 December.

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// One half of a calendar year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Semester {
    pub year: i32,
    /// 1 or 2.
    pub half: u8,
}

impl Semester {
    /// The semester, if `half` is 1 or 2 and the year is one chrono can date.
    pub fn new(year: i32, half: u8) -> Option<Self> {
        let semester = Semester { year, half };
        ((half == 1 || half == 2) && NaiveDate::from_ymd_opt(year, 12, 31).is_some())
            .then_some(semester)
    }

    /// Both semesters of `year`, in order.
    pub fn of_year(year: i32) -> impl Iterator<Item = Semester> {
        [1, 2]
            .into_iter()
            .filter_map(move |half| Semester::new(year, half))
    }

    /// The semester `date` falls in.
    pub fn containing(date: NaiveDate) -> Self {
        Semester {
            year: date.year(),
            half: if date.month() <= 6 { 1 } else { 2 },
        }
    }

    pub fn first_day(self) -> NaiveDate {
        let month = if self.half == 1 { 1 } else { 7 };
        NaiveDate::from_ymd_opt(self.year, month, 1).expect("Semester::new checked the year")
    }

    pub fn last_day(self) -> NaiveDate {
        let (month, day) = if self.half == 1 { (6, 30) } else { (12, 31) };
        NaiveDate::from_ymd_opt(self.year, month, day).expect("Semester::new checked the year")
    }

    /// 181 or 182 days for S1 (leap years), 184 for S2.
    pub fn days(self) -> i64 {
        days_between(self.first_day(), self.last_day())
    }

    /// The days of the semester inside `first..=last`, as (first, last, count); `None` if none.
    pub fn overlap(self, first: NaiveDate, last: NaiveDate) -> Option<(NaiveDate, NaiveDate, i64)> {
        let from = first.max(self.first_day());
        let to = last.min(self.last_day());
        (from <= to).then(|| (from, to, days_between(from, to)))
    }
}

/// Days from `first` to `last`, both counted.
fn days_between(first: NaiveDate, last: NaiveDate) -> i64 {
    (last - first).num_days() + 1
}

impl fmt::Display for Semester {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} S{}", self.year, self.half)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn semester_lengths() {
        assert_eq!(Semester::new(2021, 1).unwrap().days(), 181);
        assert_eq!(Semester::new(2020, 1).unwrap().days(), 182); // 29 February
        assert_eq!(Semester::new(2021, 2).unwrap().days(), 184);
        assert!(Semester::new(2021, 3).is_none());
        assert!(Semester::new(2021, 0).is_none());
    }

    #[test]
    fn overlap_counts_both_ends() {
        let s2 = Semester::new(2022, 2).unwrap();
        // Service ending on 31 October 2022: July to October is 31+31+30+31 days.
        assert_eq!(
            s2.overlap(date(2020, 1, 1), date(2022, 10, 31)),
            Some((date(2022, 7, 1), date(2022, 10, 31), 123))
        );
        assert_eq!(s2.overlap(date(2020, 1, 1), date(2022, 6, 30)), None);
        assert_eq!(
            s2.overlap(date(2022, 12, 31), date(2023, 6, 30))
                .map(|o| o.2),
            Some(1)
        );
    }

    #[test]
    fn dates_find_their_semester() {
        assert_eq!(
            Semester::containing(date(2021, 6, 30)),
            Semester {
                year: 2021,
                half: 1
            }
        );
        assert_eq!(
            Semester::containing(date(2021, 7, 1)),
            Semester {
                year: 2021,
                half: 2
            }
        );
    }
}
