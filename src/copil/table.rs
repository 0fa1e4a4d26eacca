//! The COPIL report as the French table shown at the meeting.

use std::fmt::Write;

use comfy_table::Table;
use rust_decimal::Decimal;

use super::Copil;
use crate::convention::Convention;
use crate::display::table::{align_right, new_table, push_table};
use crate::display::{fr_date, fr_money, fr_number};
use crate::money::round_to_cent;

/// The report, with its period, its table and what the table leaves out.
/// `width` is the terminal's, when the table is shown on one.
pub fn table(c: &Convention, report: &Copil, width: Option<u16>) -> String {
    let mut out = format!("{}\n", c.name);
    let _ = writeln!(
        out,
        "Comité de pilotage : temps d'intervention par membre et répartition du coût\n\
         Période : du {} au {}{}\n",
        fr_date(report.period.first),
        fr_date(report.period.last),
        match report.semesters.as_slice() {
            [] => " (aucun semestre facturé)".to_string(),
            semesters => format!(
                " (coût des semestres {})",
                semesters
                    .iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    );
    push_table(&mut out, &rows(c, report, width), "");
    for row in report
        .rows
        .iter()
        .filter(|r| !c.members[r.member].assistance)
    {
        let _ = writeln!(
            out,
            "{} paie sa part sans accès à l'assistance du conseiller : {} intervention(s) saisie(s) pour elle, {}.",
            c.members[row.member].name,
            row.interventions,
            hours(row.minutes)
        );
    }
    let _ = writeln!(
        out,
        "Écart : part du temps moins part du coût, en points. La clé selon le temps répartit 100 % \
         entre les membres autres que {} au prorata de leurs heures, à la précision des clés : \
         pour discussion, elle n'est jamais appliquée.",
        c.client().name
    );
    if report.outside > 0 {
        let _ = writeln!(
            out,
            "{} intervention(s) du journal hors de la période, non comptée(s).",
            report.outside
        );
    }
    out
}

/// The table of the members, then the total.
fn rows(c: &Convention, report: &Copil, width: Option<u16>) -> Table {
    let money = |a: Decimal| fr_money(a, &c.currency);
    let percent = |p: Decimal| format!("{} %", fr_number(round_to_cent(p)));
    let mut table = new_table(
        vec![
            "Membre",
            "Heures",
            "Interv.",
            "Part du temps",
            "Part du coût",
            "Écart",
            "Coût facturé",
            "Coût par heure",
            "Clé selon le temps",
        ],
        width,
    );
    for row in &report.rows {
        let member = &c.members[row.member];
        let name = if member.assistance {
            member.name.clone()
        } else {
            format!("{} (sans accès à l'assistance)", member.name)
        };
        table.add_row(vec![
            name,
            hours(row.minutes),
            row.interventions.to_string(),
            row.time_share.map(percent).unwrap_or_else(|| "—".into()),
            percent(row.cost_share),
            row.points().map(points).unwrap_or_else(|| "—".into()),
            money(row.cost),
            row.cost_per_hour().map(money).unwrap_or_else(|| "—".into()),
            row.key_by_time.map(percent).unwrap_or_default(),
        ]);
    }
    let total = report.total_minutes();
    let (time_share, per_hour) = match total.is_zero() {
        true => ("—".into(), "—".into()),
        false => (
            "100 %".into(),
            money(report.total_cost() * Decimal::from(60) / total),
        ),
    };
    table.add_row(vec![
        "Total".to_string(),
        hours(total),
        report.total_interventions().to_string(),
        time_share,
        "100 %".to_string(),
        String::new(),
        money(report.total_cost()),
        per_hour,
        String::new(),
    ]);
    align_right(&mut table, 1);
    table
}

/// Minutes as hours and minutes, to the nearest minute: "4 h 30", "0 h 05".
pub fn hours(minutes: Decimal) -> String {
    let whole =
        minutes.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
    let total = whole.mantissa() / 10i128.pow(whole.scale());
    format!("{} h {:02}", total / 60, total % 60)
}

/// A difference in points, with its sign: "+35,5", "-4".
fn points(value: Decimal) -> String {
    let value = round_to_cent(value);
    if value > Decimal::ZERO {
        format!("+{}", fr_number(value))
    } else {
        fr_number(value)
    }
}
