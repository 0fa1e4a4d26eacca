//! The pièce justificative of a titre de recettes, printed: a `Statement` as an A4 PDF in
//! French, with the parties, the object and legal basis, the bases of the calculation semester
//! by semester, the services, the total in figures and in words, the payment terms and the
//! mentions. The pages themselves are `layout`'s.

use rust_decimal::Decimal;

use super::french::{de, unit};
use super::layout::*;
use super::winansi::Font;
use super::words::amount_in_words;
use super::{Party, SemesterBasis, Statement};
use crate::calendar::Semester;
use crate::display::{fr_date, fr_digits, fr_money, fr_number, fr_semester};

/// The PDF of `s`.
pub fn render(s: &Statement) -> Vec<u8> {
    let mut sheet = Sheet::new();
    parties(&mut sheet, s);
    heading(&mut sheet, s);
    bases(&mut sheet, s);
    services(&mut sheet, s);
    total(&mut sheet, s);
    closing(&mut sheet, s);
    let running = format!(
        "{} — pièce justificative du titre de recettes {} (suite)",
        s.debtor.name, s.year
    );
    let info = Info {
        title: format!("Pièce justificative — {} — {}", s.debtor.name, s.object),
        author: s.issuer.name.clone(),
    };
    sheet.finish(&running, &info)
}

/// Issuer on the left, debtor on the right.
fn parties(sheet: &mut Sheet, s: &Statement) {
    let column = (RIGHT - LEFT - 20.0) / 2.0;
    let top = sheet.y;
    let left = party_lines("Émetteur", &s.issuer, column);
    let right = party_lines("Débiteur", &s.debtor, column);
    let bottom_left = sheet.lines_at(LEFT, top, &left);
    let bottom_right = sheet.lines_at(LEFT + column + 20.0, top, &right);
    sheet.y = bottom_left.min(bottom_right) - 6.0;
    sheet.rule(LEFT, RIGHT, sheet.y, 0.8);
    sheet.y -= 18.0;
}

fn party_lines(caption: &str, party: &Party, width: f32) -> Vec<Line> {
    let mut lines = vec![Line::gray(Font::Bold, SMALL, caption.to_uppercase())];
    lines.extend(
        wrap(&party.name, Font::Bold, 11.0, width)
            .into_iter()
            .map(|t| Line::new(Font::Bold, 11.0, t)),
    );
    for line in &party.address {
        lines.extend(
            wrap(line, Font::Regular, BODY, width)
                .into_iter()
                .map(|t| Line::new(Font::Regular, BODY, t)),
        );
    }
    match (&party.siret, &party.siren) {
        (Some(siret), _) => lines.push(Line::new(
            Font::Regular,
            BODY,
            format!("SIRET {}", grouped(siret, &[3, 3, 3, 5])),
        )),
        (None, Some(siren)) => lines.push(Line::new(
            Font::Regular,
            BODY,
            format!("SIREN {}", grouped(siren, &[3, 3, 3])),
        )),
        (None, None) => {}
    }
    if let Some(insee) = &party.insee {
        lines.push(Line::new(
            Font::Regular,
            BODY,
            format!("Code INSEE {insee}"),
        ));
    }
    lines
}

/// "241700624" as "241 700 624"; any other text as it is.
fn grouped(digits: &str, groups: &[usize]) -> String {
    if !digits.bytes().all(|b| b.is_ascii_digit()) || digits.len() != groups.iter().sum::<usize>() {
        return digits.to_string();
    }
    let mut parts = Vec::new();
    let mut rest = digits;
    for &g in groups {
        let (part, tail) = rest.split_at(g);
        parts.push(part);
        rest = tail;
    }
    parts.join(" ")
}

/// The title, object, legal basis and date of issue.
fn heading(sheet: &mut Sheet, s: &Statement) {
    sheet.paragraph(
        LEFT,
        RIGHT - LEFT,
        Font::Bold,
        14.0,
        &format!(
            "Pièce justificative du titre de recettes — exercice {}",
            s.year
        ),
    );
    sheet.y -= 6.0;
    sheet.field("Objet", &s.object);
    let c = &s.convention;
    // A title that names itself a convention is quoted as it is.
    let mut basis = match c.title.starts_with("Convention") {
        true => c.title.clone(),
        false => format!("Convention « {} »", c.title),
    };
    if let Some(signed) = c.signed {
        basis.push_str(&format!(" signée le {}", fr_date(signed)));
    }
    if let Some(deliberation) = &c.deliberation {
        basis.push_str(&format!(", approuvée par la délibération {deliberation}"));
    }
    match c.articles.as_slice() {
        [] => {}
        [one] => basis.push_str(&format!(" ; article {one}")),
        [init @ .., last] => basis.push_str(&format!(" ; articles {} et {last}", init.join(", "))),
    }
    basis.push('.');
    sheet.field("Fondement", &basis);
    sheet.field("Date d'émission", &fr_date(s.issued));
    sheet.y -= 10.0;
}

/// Section 1: the year's cost, then the debtor's share of each semester to the cent.
fn bases(sheet: &mut Sheet, s: &Statement) {
    sheet.section("1. Bases de calcul de la participation");
    let debtor = de(&s.debtor.name);
    // The cost lines are the year's: printed once when every semester has the same.
    let same_cost = s
        .semesters
        .windows(2)
        .all(|w| w[0].cost_lines == w[1].cost_lines);
    if let (true, Some(first)) = (same_cost, s.semesters.first()) {
        sheet.subheading(&format!("Coût de l'année {}", s.year));
        cost_lines(sheet, first);
    }
    let rule = rule(s, &debtor);
    sheet.paragraph(LEFT, RIGHT - LEFT, Font::Regular, BODY, &rule);
    sheet.y -= 4.0;
    let table = Table::new(
        &[
            ("Semestre", 92.0, false),
            ("Période", 0.0, false),
            ("Coût du semestre", 80.0, true),
            ("Taux", 46.0, true),
            ("Part exacte", 80.0, true),
            ("Part arrondie", 72.0, true),
        ],
        1,
    );
    table.header(sheet);
    for (i, b) in s.semesters.iter().enumerate() {
        if !same_cost {
            sheet.subheading(&format!("Coût de l'année {}", s.year));
            cost_lines(sheet, b);
        }
        let mut period = format!("{} – {}", fr_date(b.first_day), fr_date(b.last_day));
        if b.days != b.semester_days {
            period.push_str(&format!(" ({} jours sur {})", b.days, b.semester_days));
        }
        let cells = [
            fr_semester(Semester::containing(b.first_day)),
            period,
            money(b.amount),
            format!("{} %", fr_number(rate(b))),
            format!("{} €", fr_digits(&b.exact)),
            money(b.rounded),
        ];
        // The note stays with its row, and the last row with the year's participation.
        let note = if b.rounding_note.is_some() {
            row_height(SMALL)
        } else {
            0.0
        };
        let last = if i + 1 == s.semesters.len() {
            row_height(BODY)
        } else {
            0.0
        };
        table.row(sheet, &cells, Font::Regular, note + last);
        if let Some(note) = &b.rounding_note {
            sheet.y += 2.0;
            sheet.paragraph(LEFT + CELL_PAD, RIGHT - LEFT, Font::Oblique, SMALL, note);
        }
        sheet.rule(LEFT, RIGHT, sheet.y + row_height(BODY) - 2.0, 0.3);
    }
    let shares: Decimal = s.semesters.iter().map(|b| b.rounded).sum();
    sheet.amount_row(
        Font::Bold,
        &format!("Participation {debtor} pour {}", s.year),
        Some(money(shares)),
    );
    sheet.y -= 8.0;
}

/// How each semester's share is worked out, in words, with the debtor's rate when every
/// semester has the same.
fn rule(s: &Statement, debtor: &str) -> String {
    let same_rate = s
        .semesters
        .windows(2)
        .all(|w| (w[0].key, w[0].pool_percent) == (w[1].key, w[1].pool_percent));
    let partial = s.semesters.iter().any(|b| b.days != b.semester_days);
    let mut rule = "Le coût d'un semestre est la moitié du coût de l'année".to_string();
    if partial {
        rule.push_str(", au prorata des jours de service pour un semestre incomplet");
    }
    rule.push('.');
    if let (true, Some(first)) = (same_rate, s.semesters.first()) {
        rule = format!(
            "Part {debtor} : clé de {} % de la part des communes ({} % du coût), soit {} % du \
             coût de chaque semestre. {rule}",
            fr_number(first.key),
            fr_number(first.pool_percent),
            fr_number(rate(first))
        );
    }
    rule
}

/// The lines of the year's cost of `b`, and their sum when there are several.
fn cost_lines(sheet: &mut Sheet, b: &SemesterBasis) {
    for line in &b.cost_lines {
        sheet.amount_row(Font::Regular, &line.label, Some(money(line.amount)));
    }
    if b.cost_lines.len() > 1 {
        let year_cost: Decimal = b.cost_lines.iter().map(|l| l.amount).sum();
        sheet.amount_row(Font::Bold, "Coût de l'année", Some(money(year_cost)));
    }
    sheet.y -= 6.0;
}

/// The debtor's percent of a semester's cost: its key of the pool's percent.
fn rate(b: &SemesterBasis) -> Decimal {
    b.pool_percent * b.key / Decimal::ONE_HUNDRED
}

/// Section 2: the services ordered; the date and reference columns only when some line has
/// one.
fn services(sheet: &mut Sheet, s: &Statement) {
    sheet.section("2. Prestations à la demande");
    if s.services.is_empty() {
        sheet.paragraph(
            LEFT,
            RIGHT - LEFT,
            Font::Regular,
            BODY,
            &format!("Sans prestation à la demande en {}.", s.year),
        );
        sheet.y -= 8.0;
        return;
    }
    let date = s.services.iter().any(|l| l.date.is_some());
    let references: Vec<&str> = s
        .services
        .iter()
        .filter_map(|l| l.reference.as_deref())
        .collect();
    let mut columns = Vec::new();
    if date {
        columns.push(("Date", 56.0, false));
    }
    if !references.is_empty() {
        // As wide as the longest reference, within reason.
        let widest = references
            .iter()
            .map(|r| Font::Regular.width(r, BODY))
            .fold(0.0, f32::max);
        columns.push((
            "Référence",
            (widest + 2.0 * CELL_PAD + 1.0).clamp(60.0, 110.0),
            false,
        ));
    }
    let flexible = columns.len();
    columns.extend([
        ("Prestation", 0.0, false),
        ("Quantité", 66.0, true),
        ("Prix unitaire", 66.0, true),
        ("Montant", 72.0, true),
    ]);
    let table = Table::new(&columns, flexible);
    table.header(sheet);
    for (i, l) in s.services.iter().enumerate() {
        let mut cells = Vec::new();
        if date {
            cells.push(l.date.map(fr_date).unwrap_or_default());
        }
        if !references.is_empty() {
            cells.push(l.reference.clone().unwrap_or_default());
        }
        cells.extend([
            l.label.clone(),
            format!("{} {}", fr_number(l.quantity), unit(l.quantity, &l.unit)),
            money(l.unit_price),
            money(l.amount),
        ]);
        // The last row stays with the total.
        let last = if i + 1 == s.services.len() {
            row_height(BODY)
        } else {
            0.0
        };
        table.row(sheet, &cells, Font::Regular, last);
        sheet.rule(LEFT, RIGHT, sheet.y + row_height(BODY) - 2.0, 0.3);
    }
    let sum: Decimal = s.services.iter().map(|l| l.amount).sum();
    sheet.amount_row(
        Font::Bold,
        &format!("Total des prestations pour {}", s.year),
        Some(money(sum)),
    );
    sheet.y -= 8.0;
}

/// Section 3: the amount of the titre, in figures and in words.
fn total(sheet: &mut Sheet, s: &Statement) {
    sheet.section("3. Montant du titre");
    let shares: Decimal = s.semesters.iter().map(|b| b.rounded).sum();
    let services: Decimal = s.services.iter().map(|l| l.amount).sum();
    sheet.amount_row(
        Font::Regular,
        "Participation (section 1)",
        Some(money(shares)),
    );
    sheet.amount_row(
        Font::Regular,
        "Prestations à la demande (section 2)",
        Some(money(services)),
    );
    // A shaded band from just under the row above to just under this one.
    sheet.y -= 6.0;
    sheet.keep(row_height(12.0));
    let band = row_height(12.0) + 4.0;
    sheet.fill(LEFT, sheet.y - 5.0, RIGHT - LEFT, band, HEADER_FILL);
    sheet.text(LEFT + 10.0, sheet.y, Font::Bold, 12.0, "Total dû", 0.0);
    sheet.text_right(
        RIGHT - CELL_PAD,
        sheet.y,
        Font::Bold,
        12.0,
        &money(s.total),
        0.0,
    );
    sheet.y -= band + 4.0;
    sheet.paragraph(
        LEFT,
        RIGHT - LEFT,
        Font::Regular,
        BODY,
        &format!("Arrêté à la somme de {}.", amount_in_words(s.total)),
    );
    sheet.paragraph(
        LEFT,
        RIGHT - LEFT,
        Font::Regular,
        BODY,
        "Montants nets, non soumis à la TVA.",
    );
    if let Some(days) = s.payment_days {
        sheet.paragraph(
            LEFT,
            RIGHT - LEFT,
            Font::Regular,
            BODY,
            &format!("Délai de paiement : {days} jours à compter de la réception de l'avis des sommes à payer."),
        );
    }
    sheet.y -= 8.0;
}

/// The ordonnateur's signature block, then the mentions at the foot of the last page.
fn closing(sheet: &mut Sheet, s: &Statement) {
    if let Some(o) = &s.ordonnateur {
        let x = LEFT + (RIGHT - LEFT) / 2.0;
        let lines = vec![
            Line::gray(Font::Bold, SMALL, "L'ORDONNATEUR".to_string()),
            Line::new(Font::Regular, BODY, o.title.clone()),
            Line::new(Font::Bold, BODY, o.name.clone()),
        ];
        sheet.keep(lines_height(&lines));
        sheet.y = sheet.lines_at(x, sheet.y, &lines) - 12.0;
    }
    let width = RIGHT - LEFT;
    let lines: Vec<Line> = s
        .mentions
        .iter()
        .flat_map(|m| wrap(m, Font::Regular, SMALL, width))
        .map(|t| Line::gray(Font::Regular, SMALL, t))
        .collect();
    if lines.is_empty() {
        return;
    }
    let height = lines_height(&lines) + 8.0;
    sheet.keep(height);
    // At the foot of the page, unless it is too long for one: then it flows.
    let top = (BOTTOM + height).min(sheet.y);
    sheet.rule(LEFT, RIGHT, top, 0.5);
    sheet.y = top - 8.0 - SMALL;
    for line in &lines {
        sheet.room_for(row_height(SMALL));
        sheet.text(LEFT, sheet.y, line.font, line.size, &line.text, line.gray);
        sheet.y -= row_height(line.size);
    }
}

fn money(amount: Decimal) -> String {
    fr_money(amount, "EUR")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_grouped() {
        assert_eq!(grouped("241700624", &[3, 3, 3]), "241 700 624");
        assert_eq!(
            grouped("12345678900017", &[3, 3, 3, 5]),
            "123 456 789 00017"
        );
        assert_eq!(grouped("2417 00624", &[3, 3, 3]), "2417 00624");
        assert_eq!(grouped("24170062", &[3, 3, 3]), "24170062");
    }
}
