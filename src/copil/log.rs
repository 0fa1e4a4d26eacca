//! The interventions log, as the request-management tool exports it: one line per intervention
//! with its date, the member and the time spent (a type and a reference may follow; they are
//! not needed to weigh the time). Read like a usage file: any CSV dialect, member names as
//! people type them, every bad line reported. A log whose numbers without a unit look like
//! minutes (none with a fraction, most past a working day) is refused once read, naming the
//! first of those lines, as each would otherwise be read as hours: the log is read once, as a
//! pipe can be read only once.

use std::path::Path;

use rust_decimal::Decimal;

use super::duration;
use super::Intervention;
use crate::convention::{names::Names, Convention};
use crate::error::Result;
use crate::messages::copil as msg;
use crate::messages::records::field_count;
use crate::reading::fields::{date_of_service, trim};
use crate::reading::{self, Records};

/// The interventions read so far.
#[derive(Clone)]
pub struct Log<'c> {
    c: &'c Convention,
    members: Names,
    pub interventions: Vec<Intervention>,
    bare: Bare,
}

/// The most lines a refusal of a log in minutes names: the count says how many more.
const LINES_NAMED: usize = 10;

/// The durations written as numbers without a unit.
#[derive(Clone, Default)]
struct Bare {
    count: usize,
    with_fraction: usize,
    past_a_day: usize,
    /// Those that are not zero (zero is zero in any unit), which a log in minutes refuses:
    /// how many, the first as written, and the lines of the first `LINES_NAMED`.
    not_zero: usize,
    first: String,
    lines: Vec<u64>,
}

impl Bare {
    /// Whether they look like minutes: none with a fraction, most past a working day.
    fn look_like_minutes(&self) -> bool {
        self.with_fraction == 0 && self.past_a_day * 2 > self.count
    }
}

impl Records for Log<'_> {
    const COLUMNS: &'static [(&'static str, &'static [&'static str])] = &[
        ("date", &[]),
        ("member", &["membre", "commune", "collectivite"]),
        (
            "duration",
            &["duree", "temps", "temps passe", "hours", "heures"],
        ),
    ];

    type Part = Part;

    fn add(&mut self, part: &mut Self::Part, line: u64, fields: &[&str]) -> Result<(), String> {
        let [date, member, spent] = fields else {
            // The reader gives as many fields as columns asked.
            return Err(field_count(Self::COLUMNS.len(), fields.len()));
        };
        let c = self.c;
        let date = date_of_service(trim(date), c)?;
        let text = trim(member);
        let member = self
            .members
            .find_on_line(text, &c.members, &mut part.explained)?;
        let spent = trim(spent);
        if let Some(hours) = duration::bare_hours(spent) {
            self.count_bare(hours, spent, line);
        }
        let minutes: Decimal = duration::minutes(spent)?;
        part.interventions.push(Intervention {
            date,
            member,
            minutes,
        });
        Ok(())
    }

    fn take(&mut self, part: Self::Part) {
        self.interventions.extend(part.interventions);
    }

    fn finish(&mut self) -> Vec<String> {
        let bare = &self.bare;
        if !bare.look_like_minutes() || bare.not_zero == 0 {
            return Vec::new();
        }
        vec![msg::durations_look_like_minutes(
            (bare.not_zero, &bare.lines, &bare.first),
            bare.past_a_day,
            bare.count,
            duration::MAX_BARE_HOURS,
        )]
    }
}

/// The interventions of a run of lines.
#[derive(Default)]
pub struct Part {
    interventions: Vec<Intervention>,
    /// Unknown member spellings whose closest names were looked for (`Names::find_on_line`).
    explained: usize,
}

impl<'c> Log<'c> {
    fn new(c: &'c Convention) -> Self {
        Log {
            c,
            members: Names::new(&c.members),
            interventions: Vec::new(),
            bare: Bare::default(),
        }
    }

    /// Counts `hours`, written `spent` without a unit on `line`.
    fn count_bare(&mut self, hours: Decimal, spent: &str, line: u64) {
        let bare = &mut self.bare;
        bare.count += 1;
        bare.with_fraction += usize::from(!hours.fract().is_zero());
        bare.past_a_day += usize::from(hours > Decimal::from(duration::MAX_BARE_HOURS));
        if hours.is_zero() {
            return;
        }
        if bare.not_zero == 0 {
            bare.first = spent.to_string();
        }
        bare.not_zero += 1;
        if bare.lines.len() < LINES_NAMED {
            bare.lines.push(line);
        }
    }
}

/// Reads the interventions in `input`; `file` names it in error messages, each bad line in one.
pub fn read(input: &[u8], file: &str, c: &Convention) -> Result<Vec<Intervention>> {
    Ok(reading::scan(input, file, Log::new(c))?
        .into_result()?
        .interventions)
}

/// Reads the interventions in the CSV file or workbook at `path`.
pub fn read_path(path: &Path, c: &Convention) -> Result<Vec<Intervention>> {
    Ok(reading::scan_path(path, None, Log::new(c))?
        .into_result()?
        .interventions)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convention::{parse, EMBEDDED, EMBEDDED_NAME};
    use crate::dec;

    fn read_text(text: &str) -> Result<Vec<Intervention>> {
        let c = parse(EMBEDDED, EMBEDDED_NAME).unwrap();
        read(text.as_bytes(), "log.csv", &c)
    }

    #[test]
    fn a_log_is_read_in_any_dialect() {
        let log = read_text(
            "\u{feff}Date;Collectivité;Durée;Type;Référence\r\n\
             15/03/2021;St Georges;1h30;Assistance;DEM-1\r\n\
             \r\n\
             2021-03-16;Dolus;0,5;Formation;DEM-2\r\n",
        )
        .unwrap();
        let minutes: Vec<Decimal> = log.iter().map(|i| i.minutes).collect();
        assert_eq!(minutes, [dec("90"), dec("30")]);
        assert_eq!((log[0].member, log[1].member), (6, 4));
    }

    #[test]
    fn a_log_in_minutes_is_refused_in_one_line_once_read() {
        let log = "date,member,duration\n\
                   2021-03-15,Dolus,90\n\
                   2021-03-16,Dolus,45\n\
                   2021-03-17,Dolus,1h30\n\
                   2021-03-18,Dolus,5\n\
                   2021-03-19,Dolus,0\n\
                   2021-03-20,Dolus,30\n";
        // The three past 10 at their lines; then the four not zero among the five numbers
        // without a unit (90, 45, 5, 30; the 0 is zero in any unit), three of them past 10.
        let mut expected: Vec<String> = [(2, "90"), (3, "45"), (7, "30")]
            .iter()
            .map(|(line, n)| format!("log.csv:{line}: duration \"{n}\" is over 10 hours for one intervention: if it is minutes, write \"{n} min\"; if hours, \"{n} h\""))
            .collect();
        expected.push("log.csv: 4 durations without a unit would be read as hours, but the log's durations look like minutes (3 of its 5 numbers without a unit are over 10 and none has a fraction), lines 2, 3, 5, 7: write each with its unit, like \"90 min\"".to_string());
        assert_eq!(read_text(log).unwrap_err().lines(), expected);
        // A log in hours with one slip: only the slip is refused, as likely minutes.
        let err = read_text(
            "date,member,duration\n2021-03-15,Dolus,1.5\n2021-03-16,Dolus,90\n2021-03-17,Dolus,2\n",
        )
        .unwrap_err();
        assert_eq!(err.lines(), ["log.csv:3: duration \"90\" is over 10 hours for one intervention: if it is minutes, write \"90 min\"; if hours, \"90 h\""]);
        // With its unit, a log in minutes is read as written.
        let minutes: Vec<Decimal> =
            read_text("date,member,duration\n2021-03-15,Dolus,90 min\n2021-03-16,Dolus,12 h\n")
                .unwrap()
                .iter()
                .map(|i| i.minutes)
                .collect();
        assert_eq!(minutes, [dec("90"), dec("720")]);
    }

    #[test]
    fn every_bad_line_is_named() {
        let err = read_text(
            "date,member,duration\n\
             2021-03-15,Dollus,1\n\
             2021-03-15,Dolus,-1\n\
             2021-03-15,Dolus,une heure\n\
             2023-01-02,Dolus,1\n",
        )
        .unwrap_err();
        assert_eq!(
            err.lines(),
            [
                "log.csv:2: unknown member \"Dollus\" (closest: dolus-d-oleron)",
                "log.csv:3: negative duration \"-1\"",
                "log.csv:4: cannot read duration \"une heure\" (write it 1.5, 1,5, 1h30 or 01:30)",
                "log.csv:5: date 2023-01-02 is outside the convention (2020-01-01 to 2022-12-31)",
            ]
        );
        assert_eq!(
            read_text("date,member,type\n").unwrap_err().to_string(),
            "log.csv:1: missing column \"duration\" or \"duree\" or \"temps\" or \"temps passe\" or \"hours\" or \"heures\" (the header has: date, member, type)"
        );
    }
}
