//! The interventions log, as the request-management tool exports it: one line per intervention
//! with its date, the member and the time spent (a type and a reference may follow; they are
//! not needed to weigh the time). Read like a usage file: any CSV dialect, member names as
//! people type them, every bad line reported.

use std::io::Read;
use std::path::Path;

use rust_decimal::Decimal;

use super::duration;
use super::Intervention;
use crate::convention::{names::Names, Convention};
use crate::error::Result;
use crate::messages::records as msg;
use crate::reading::fields::{date_of_service, trim};
use crate::reading::{self, Records};

/// The interventions read so far.
#[derive(Clone)]
pub struct Log<'c> {
    c: &'c Convention,
    members: Names,
    pub interventions: Vec<Intervention>,
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

    fn add(&mut self, part: &mut Self::Part, _: u64, fields: &[&str]) -> Result<(), String> {
        let [date, member, spent] = fields else {
            // The reader gives as many fields as columns asked.
            return Err(msg::field_count(Self::COLUMNS.len(), fields.len()));
        };
        let c = self.c;
        let date = date_of_service(trim(date), c)?;
        let text = trim(member);
        let member = self
            .members
            .find_on_line(text, &c.members, &mut part.explained)?;
        let minutes: Decimal = duration::minutes(trim(spent))?;
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
        }
    }
}

/// Reads the interventions in `input`; `file` names it in error messages, each bad line in one.
pub fn read(input: impl Read, file: &str, c: &Convention) -> Result<Vec<Intervention>> {
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
