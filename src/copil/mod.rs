//! The COPIL report: the advisor's time spent per member over a year, against what each member
//! pays (article "Comité de pilotage": "analyser le reporting sur 1 an des temps d'intervention
//! par collectivité par rapport à la répartition économique"). Pure: interventions and bills in,
//! one row per member out.

pub mod chart;
pub mod data;
pub mod duration;
pub mod log;
pub mod table;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use crate::billing::SemesterBill;
use crate::calendar::Semester;
use crate::convention::Convention;
use crate::money::split;

/// One intervention of the advisor, as the request-management tool logged it.
#[derive(Debug, Clone, PartialEq)]
pub struct Intervention {
    pub date: NaiveDate,
    pub member: usize,
    pub minutes: Decimal,
}

/// The twelve months a COPIL looks back on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Period {
    /// The twelve months ending with `semester`: July to June for a first semester, the
    /// calendar year for a second.
    pub fn ending_with(semester: Semester) -> Period {
        let last = semester.last_day();
        let first = NaiveDate::from_ymd_opt(last.year() - 1, last.month(), 1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
            .unwrap_or(last);
        Period { first, last }
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        (self.first..=self.last).contains(&date)
    }
}

/// What the COPIL weighs for one member.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberTime {
    pub member: usize,
    pub minutes: Decimal,
    pub interventions: usize,
    /// Percent of the advisor's time logged in the period; `None` when none was logged.
    pub time_share: Option<Decimal>,
    /// Percent of the cost the member bears (the client's share, or its key of the pool).
    pub cost_share: Decimal,
    /// What the member was billed for the advisor for the semesters of the period.
    pub cost: Decimal,
    /// The key that time alone would give, for discussion; `None` for the client.
    pub key_by_time: Option<Decimal>,
}

impl MemberTime {
    /// Time share minus cost share, in points.
    pub fn points(&self) -> Option<Decimal> {
        self.time_share.map(|t| t - self.cost_share)
    }

    /// Cost of an hour of the advisor's time spent for the member; `None` without time.
    pub fn cost_per_hour(&self) -> Option<Decimal> {
        (!self.minutes.is_zero()).then(|| self.cost * Decimal::from(60) / self.minutes)
    }
}

/// The COPIL report of a period.
#[derive(Debug, Clone, PartialEq)]
pub struct Copil {
    pub period: Period,
    /// The semesters of the period that the convention serves.
    pub semesters: Vec<Semester>,
    pub rows: Vec<MemberTime>,
    /// Interventions of the log outside the period, left out.
    pub outside: usize,
}

impl Copil {
    pub fn total_minutes(&self) -> Decimal {
        self.rows.iter().map(|r| r.minutes).sum()
    }

    pub fn total_interventions(&self) -> usize {
        self.rows.iter().map(|r| r.interventions).sum()
    }

    pub fn total_cost(&self) -> Decimal {
        self.rows.iter().map(|r| r.cost).sum()
    }
}

/// Weighs the time logged in `interventions` during `period` against what each member pays,
/// from `bills`, the bills of every semester.
pub fn copil(
    c: &Convention,
    bills: &[SemesterBill],
    interventions: &[Intervention],
    period: Period,
) -> Copil {
    let mut minutes = vec![Decimal::ZERO; c.members.len()];
    let mut counts = vec![0; c.members.len()];
    let mut outside = 0;
    for i in interventions {
        if period.contains(i.date) {
            minutes[i.member] += i.minutes;
            counts[i.member] += 1;
        } else {
            outside += 1;
        }
    }
    let in_period: Vec<&SemesterBill> = bills
        .iter()
        .filter(|b| period.contains(b.first_day) && period.contains(b.last_day))
        .collect();
    let total: Decimal = minutes.iter().sum();
    let keys = key_by_time(c, &minutes);
    let rows = (0..c.members.len())
        .map(|m| MemberTime {
            member: m,
            minutes: minutes[m],
            interventions: counts[m],
            time_share: (!total.is_zero()).then(|| minutes[m] * Decimal::ONE_HUNDRED / total),
            cost_share: c.share_of(m),
            cost: in_period.iter().map(|b| b.shares[m]).sum(),
            key_by_time: keys[m],
        })
        .collect();
    Copil {
        period,
        semesters: in_period.iter().map(|b| b.semester).collect(),
        rows,
        outside,
    }
}

/// The key each member but the client would have if it were its share of the time spent for
/// the members with a key: percents at the precision of the convention's keys, summing to
/// exactly 100 by the largest remainder. `None` for the client, and for everyone when no time
/// was spent for the members with a key.
fn key_by_time(c: &Convention, minutes: &[Decimal]) -> Vec<Option<Decimal>> {
    let keyed: Vec<usize> = (0..c.members.len()).filter(|&m| m != c.client).collect();
    let weights: Vec<Decimal> = keyed.iter().map(|&m| minutes[m]).collect();
    let mut keys = vec![None; c.members.len()];
    if weights.iter().all(|w| w.is_zero()) {
        return keys;
    }
    let places = c
        .members
        .iter()
        .filter_map(|m| m.key)
        .map(|k| k.normalize().scale())
        .max()
        .unwrap_or(0);
    // `split` shares out hundredths: splitting 10^places into hundredths and scaling each part
    // by 100 / 10^places gives percents with `places` decimals that sum to 100.
    let unit = Decimal::from(10i64.pow(places));
    // The weights are minutes, never negative, not all zero: split can refuse only weights
    // too far apart for its exact arithmetic, and then no key is suggested.
    let Ok(parts) = split(unit, &weights) else {
        return keys;
    };
    for (&m, part) in keyed.iter().zip(parts) {
        keys[m] = Some((part * Decimal::ONE_HUNDRED / unit).normalize());
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::billing::{bill, Usage};
    use crate::convention::{parse, EMBEDDED, EMBEDDED_NAME};
    use crate::dec;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_copil_looks_back_twelve_months() {
        let s1 = Period::ending_with(Semester::new(2021, 1).unwrap());
        assert_eq!((s1.first, s1.last), (date(2020, 7, 1), date(2021, 6, 30)));
        let s2 = Period::ending_with(Semester::new(2021, 2).unwrap());
        assert_eq!((s2.first, s2.last), (date(2021, 1, 1), date(2021, 12, 31)));
    }

    #[test]
    fn time_is_weighed_against_the_key() {
        let c = parse(EMBEDDED, EMBEDDED_NAME).unwrap();
        let bills = bill(&c, &Usage::new());
        let member = |id| c.member_index(id).unwrap();
        let (dolus, denis, pierre, cdc) = (
            member("dolus-d-oleron"),
            member("saint-denis-d-oleron"),
            member("saint-pierre-d-oleron"),
            member("cdc"),
        );
        let log = [
            (date(2021, 3, 1), dolus, 180),
            (date(2021, 9, 1), dolus, 90),
            (date(2021, 4, 2), denis, 30),
            (date(2021, 5, 3), cdc, 300),
            (date(2021, 5, 4), pierre, 0),
            // Before the period of the 2021 S2 COPIL: left out.
            (date(2020, 12, 31), denis, 600),
        ]
        .map(|(date, member, minutes)| Intervention {
            date,
            member,
            minutes: Decimal::from(minutes),
        });
        let report = copil(
            &c,
            &bills,
            &log,
            Period::ending_with(Semester::new(2021, 2).unwrap()),
        );
        assert_eq!(report.outside, 1);
        assert_eq!(report.total_minutes(), dec("600"));
        assert_eq!(report.total_interventions(), 5);
        assert_eq!(report.semesters.len(), 2);
        // 2021 costs 37 500 € (article 7.1); Dolus pays 9,5 % of it: 3 562,50 € (article 7.2).
        let d = &report.rows[dolus];
        assert_eq!((d.minutes, d.interventions), (dec("270"), 2));
        assert_eq!(d.time_share, Some(dec("45")));
        assert_eq!(d.cost_share, dec("9.5"));
        assert_eq!(d.points(), Some(dec("35.5")));
        assert_eq!(d.cost, dec("3562.50"));
        // 3 562,50 € for 4,5 hours: 791,666… € an hour.
        assert_eq!(d.cost_per_hour().unwrap().round_dp(2), dec("791.67"));
        // Time for the communes alone: Dolus 270 and Saint-Denis 30 of 300 minutes, so keys
        // of 90 % and 10 %, at the key's precision (one decimal: 22,5 %); the others 0.
        assert_eq!(d.key_by_time, Some(dec("90")));
        assert_eq!(report.rows[denis].key_by_time, Some(dec("10")));
        assert_eq!(report.rows[pierre].key_by_time, Some(dec("0")));
        assert_eq!(report.rows[cdc].key_by_time, None);
        assert_eq!(report.rows[cdc].cost, dec("18750.00"));
        assert_eq!(report.rows[pierre].cost_per_hour(), None);
        assert_eq!(report.total_cost(), dec("37500.00"));
        chart_is_well_formed(&c, &report);
    }

    /// The chart is XML that holds, for each member, its name, a dark bar for its time and an
    /// outlined bar for its cost.
    fn chart_is_well_formed(c: &Convention, report: &Copil) {
        let svg = chart::svg(c, report).unwrap();
        let mut reader = quick_xml::Reader::from_str(&svg);
        let (mut dark, mut outlined) = (0, 0);
        loop {
            match reader.read_event().expect("well-formed XML") {
                quick_xml::events::Event::Eof => break,
                quick_xml::events::Event::Empty(e) if e.name().as_ref() == b"rect" => {
                    let attr = |name: &[u8]| {
                        e.try_get_attribute(name)
                            .unwrap()
                            .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                    };
                    match (attr(b"fill").as_deref(), attr(b"stroke").as_deref()) {
                        (Some("#282828"), _) => dark += 1,
                        (Some("none"), Some("#000000")) => outlined += 1,
                        _ => {}
                    }
                }
                _ => {}
            }
        }
        // One bar per member and series, and the legend's two boxes, both outlined.
        assert_eq!(dark, c.members.len() + 1, "{svg}");
        assert_eq!(outlined, c.members.len() + 2, "{svg}");
        for m in &c.members {
            let name = quick_xml::escape::escape(m.name.as_str());
            assert!(svg.contains(&format!("\n{name}")), "{}", m.name);
        }
    }

    #[test]
    fn the_key_by_time_sums_to_100_at_the_key_precision() {
        let c = parse(EMBEDDED, EMBEDDED_NAME).unwrap();
        // Three communes with a third of the time each: 33,3 + 33,3 + 33,3 leaves 0,1 point,
        // which goes to the first declared (equal weights).
        let mut minutes = vec![Decimal::ZERO; c.members.len()];
        for id in [
            "saint-trojan-les-bains",
            "dolus-d-oleron",
            "la-bree-les-bains",
        ] {
            minutes[c.member_index(id).unwrap()] = dec("60");
        }
        let keys = key_by_time(&c, &minutes);
        let of = |id| keys[c.member_index(id).unwrap()];
        assert_eq!(of("saint-trojan-les-bains"), Some(dec("33.4")));
        assert_eq!(of("dolus-d-oleron"), Some(dec("33.3")));
        assert_eq!(of("la-bree-les-bains"), Some(dec("33.3")));
        assert_eq!(keys.iter().flatten().sum::<Decimal>(), dec("100"));
    }
}
