//! The COPIL chart: per member, the share of the advisor's time beside the share of the cost,
//! as grouped horizontal bars in an SVG file. It reads in black and white: time is a solid
//! dark bar, cost an outlined light one, and every bar carries its value.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use rust_decimal::Decimal;

use super::Copil;
use crate::convention::Convention;
use crate::display::{fr_date, fr_number};
use crate::money::round_to_cent;

/// Height of one member's pair of bars, in units of the chart's vertical axis.
const ROW: i32 = 10;
const WIDTH: u32 = 900;
const LEFT: u32 = 260;

/// The SVG of `report`'s chart.
pub fn svg(c: &Convention, report: &Copil) -> Result<String, String> {
    let mut svg = String::new();
    draw(c, report, &mut svg).map_err(crate::messages::run::cannot_draw_chart)?;
    Ok(svg)
}

/// A percent in tenths of a point, the chart's horizontal unit.
fn tenths(percent: Decimal) -> i32 {
    let tenths = (percent * Decimal::TEN).round();
    i32::try_from(tenths.mantissa() / 10i128.pow(tenths.scale())).unwrap_or(0)
}

fn draw(
    c: &Convention,
    report: &Copil,
    svg: &mut String,
) -> Result<(), Box<dyn std::error::Error>> {
    let rows = report.rows.len() as i32;
    let height = 150 + 46 * rows as u32;
    let root = SVGBackend::with_string(svg, (WIDTH, height)).into_drawing_area();
    root.fill(&WHITE)?;
    let widest = report
        .rows
        .iter()
        .flat_map(|r| [r.time_share.unwrap_or_default(), r.cost_share])
        .max()
        .unwrap_or_default();
    // Ten points past the longest bar, for its value, and no more than 100 %.
    let x_max = ((tenths(widest) / 100 + 2) * 100).min(1000);
    let (first, last) = (report.period.first, report.period.last);
    let title = format!(
        "Temps d'intervention et répartition du coût, du {} au {}",
        fr_date(first),
        fr_date(last)
    );
    let mut chart = ChartBuilder::on(&root)
        .caption(title, ("sans-serif", 20))
        .margin(12)
        .margin_bottom(50)
        .x_label_area_size(45)
        .y_label_area_size(LEFT)
        .build_cartesian_2d(0..x_max, 0..rows * ROW)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(2)
        .y_label_formatter(&|_| String::new())
        .x_labels(11)
        .x_label_formatter(&|t| format!("{} %", t / 10))
        .x_desc("Part du total (%)")
        .axis_desc_style(("sans-serif", 14))
        .label_style(("sans-serif", 13))
        .draw()?;

    let dark = RGBColor(40, 40, 40);
    let outline = ShapeStyle::from(&BLACK).stroke_width(1);
    let label = |anchor| {
        TextStyle::from(("sans-serif", 13).into_font())
            .color(&BLACK)
            .pos(Pos::new(anchor, VPos::Center))
    };
    for (i, row) in report.rows.iter().enumerate() {
        // The first member at the top.
        let top = (rows - i as i32) * ROW;
        let time = tenths(row.time_share.unwrap_or_default());
        let cost = tenths(row.cost_share);
        chart.draw_series([
            Rectangle::new([(0, top - 1), (time, top - 5)], dark.filled()),
            Rectangle::new([(0, top - 5), (cost, top - 9)], WHITE.filled()),
            Rectangle::new([(0, top - 5), (cost, top - 9)], outline),
        ])?;
        let values = [
            (time, top - 3, row.time_share.unwrap_or_default()),
            (cost, top - 7, row.cost_share),
        ];
        for (end, y, value) in values {
            let at = chart.backend_coord(&(end, y));
            root.draw(&Text::new(
                format!("{} %", fr_number(round_to_cent(value))),
                (at.0 + 4, at.1),
                label(HPos::Left),
            ))?;
        }
        let member = &c.members[row.member];
        let name = if member.assistance {
            member.name.clone()
        } else {
            format!("{} (sans accès)", member.name)
        };
        let at = chart.backend_coord(&(0, top - 5));
        root.draw(&Text::new(name, (at.0 - 8, at.1), label(HPos::Right)))?;
    }

    legend(&root, height)?;
    root.present()?;
    Ok(())
}

/// The legend, under the axis, on a chart `height` pixels high.
fn legend(
    root: &DrawingArea<SVGBackend, Shift>,
    height: u32,
) -> Result<(), Box<dyn std::error::Error>> {
    let outline = ShapeStyle::from(&BLACK).stroke_width(1);
    let label = TextStyle::from(("sans-serif", 13).into_font())
        .color(&BLACK)
        .pos(Pos::new(HPos::Left, VPos::Center));
    let legend = [
        (
            "Part du temps d'intervention",
            RGBColor(40, 40, 40).filled(),
        ),
        ("Part du coût payée", WHITE.filled()),
    ];
    for (i, (text, style)) in legend.into_iter().enumerate() {
        let x = LEFT as i32 + 40 + i as i32 * 280;
        let y = height as i32 - 26;
        root.draw(&Rectangle::new([(x, y - 7), (x + 24, y + 7)], style))?;
        root.draw(&Rectangle::new([(x, y - 7), (x + 24, y + 7)], outline))?;
        root.draw(&Text::new(text, (x + 32, y), label.clone()))?;
    }
    Ok(())
}
