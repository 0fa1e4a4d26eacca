//! A `Statement` as a printable A4 PDF in French: the parties, the object and legal basis, the
//! bases of the calculation semester by semester, the services, the total in figures and in
//! words, the payment terms and the mentions. Long content flows onto further pages, which are
//! then numbered.
//!
//! The text is in the standard fonts Helvetica with WinAnsiEncoding, so no font file is
//! embedded and the text can be copied. The same statement always gives the same bytes: the
//! file has no date and no random identifier.

use std::mem;

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use rust_decimal::Decimal;

use super::french::{de, unit};
use super::winansi::{encode, Font};
use super::words::amount_in_words;
use super::{Party, SemesterBasis, Statement};
use crate::calendar::Semester;
use crate::display::{fr_date, fr_digits, fr_money, fr_number, fr_semester};

/// A4, in points.
const PAGE_WIDTH: f32 = 595.28;
const PAGE_HEIGHT: f32 = 841.89;
/// 2 cm on the sides, 1,5 cm at the top and bottom.
const LEFT: f32 = 56.7;
const RIGHT: f32 = PAGE_WIDTH - 56.7;
const TOP: f32 = PAGE_HEIGHT - 42.5 - 10.0;
/// Lowest baseline of the content; the page number goes below.
const BOTTOM: f32 = 42.5 + 14.0;
/// Baselines of the page number and, on pages after the first, of the running header.
const PAGE_NUMBER: f32 = 30.0;
const RUNNING_HEADER: f32 = PAGE_HEIGHT - 34.0;

const BODY: f32 = 9.0;
const SMALL: f32 = 8.0;
/// Width of an amount column.
const AMOUNT: f32 = 92.0;
const GRAY: f32 = 0.35;
const RULE_GRAY: f32 = 0.7;
const HEADER_FILL: f32 = 0.9;

/// The PDF of `s`.
pub fn render(s: &Statement) -> Vec<u8> {
    let mut sheet = Sheet::new();
    parties(&mut sheet, s);
    heading(&mut sheet, s);
    bases(&mut sheet, s);
    services(&mut sheet, s);
    total(&mut sheet, s);
    closing(&mut sheet, s);
    sheet.finish(s)
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
            &format!("Aucune prestation commandée en {}.", s.year),
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

/// A table across the text width, whose header is repeated on each page it runs onto.
struct Table {
    /// (title, width, right-aligned)
    columns: Vec<(&'static str, f32, bool)>,
}

impl Table {
    /// The columns, the one at `flexible` taking the width the others leave.
    fn new(columns: &[(&'static str, f32, bool)], flexible: usize) -> Self {
        let mut columns = columns.to_vec();
        let taken: f32 = columns.iter().map(|c| c.1).sum();
        columns[flexible].1 = RIGHT - LEFT - taken;
        Table { columns }
    }

    /// Each cell wrapped to its column.
    fn wrapped(&self, cells: &[String], font: Font) -> Vec<Vec<String>> {
        cells
            .iter()
            .zip(&self.columns)
            .map(|(text, (_, width, _))| wrap(text, font, BODY, width - 2.0 * CELL_PAD))
            .collect()
    }

    /// The height of a row of cells wrapped to their columns.
    fn height(wrapped: &[Vec<String>]) -> f32 {
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        lines as f32 * row_height(BODY) + ROW_GAP
    }

    /// The titles on a shaded band, kept on a page with the first row.
    fn header(&self, sheet: &mut Sheet) {
        let titles: Vec<String> = self.columns.iter().map(|c| c.0.to_string()).collect();
        let wrapped = self.wrapped(&titles, Font::Bold);
        let height = Table::height(&wrapped);
        sheet.keep(height + 2.0 * row_height(BODY));
        sheet.fill(
            LEFT,
            sheet.y + row_height(BODY) - 2.0 - height,
            RIGHT - LEFT,
            height,
            HEADER_FILL,
        );
        self.draw(sheet, &wrapped, Font::Bold);
    }

    /// A row, on the next page after the header if it does not fit on this one with the
    /// `keep_after` points that must follow it on the same page.
    fn row(&self, sheet: &mut Sheet, cells: &[String], font: Font, keep_after: f32) {
        // Wrapped once, for its height and its lines.
        let wrapped = self.wrapped(cells, font);
        if sheet.room_for(Table::height(&wrapped) + keep_after) {
            self.header(sheet);
        }
        self.draw(sheet, &wrapped, font);
    }

    /// A row of cells wrapped to their columns.
    fn draw(&self, sheet: &mut Sheet, wrapped: &[Vec<String>], font: Font) {
        let mut x = LEFT;
        let top = sheet.y;
        for (lines, (_, width, right)) in wrapped.iter().zip(&self.columns) {
            let mut y = top;
            for line in lines {
                if *right {
                    sheet.text_right(x + width - CELL_PAD, y, font, BODY, line, 0.0);
                } else {
                    sheet.text(x + CELL_PAD, y, font, BODY, line, 0.0);
                }
                y -= row_height(BODY);
            }
            x += width;
        }
        sheet.y = top - Table::height(wrapped);
    }
}

const CELL_PAD: f32 = 3.0;
/// Space below a table row.
const ROW_GAP: f32 = 3.0;

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

fn row_height(size: f32) -> f32 {
    size * 1.3
}

/// A line of text with its font, size and gray level.
struct Line {
    font: Font,
    size: f32,
    text: String,
    gray: f32,
}

impl Line {
    fn new(font: Font, size: f32, text: String) -> Self {
        Line {
            font,
            size,
            text,
            gray: 0.0,
        }
    }

    fn gray(font: Font, size: f32, text: String) -> Self {
        Line {
            font,
            size,
            text,
            gray: GRAY,
        }
    }
}

fn lines_height(lines: &[Line]) -> f32 {
    lines.iter().map(|l| row_height(l.size)).sum()
}

/// `text` cut into lines no wider than `width`: at its line breaks, and between words. A space
/// is not a place to cut inside a number ("1 734,37"), before "€", "%", ":", ";", "?", "!" or
/// "»", or after "«", as French typography wants; a word wider than the line is cut anywhere.
fn wrap(text: &str, font: Font, size: f32, width: f32) -> Vec<String> {
    text.split('\n')
        .flat_map(|line| wrap_line(line, font, size, width))
        .collect()
}

fn wrap_line(text: &str, font: Font, size: f32, width: f32) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    for word in text.split(' ') {
        let glue = units.last().is_some_and(|prev: &String| {
            prev == "«"
                || word.starts_with(['€', '%', ':', ';', '?', '!', '»'])
                || (prev.ends_with(|c: char| c.is_ascii_digit())
                    && word.starts_with(|c: char| c.is_ascii_digit()))
        });
        match units.last_mut() {
            Some(prev) if glue => {
                prev.push(' ');
                prev.push_str(word);
            }
            _ => units.push(word.to_string()),
        }
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    // The width of `line`, kept by adding each piece's: measuring the whole line at each word
    // would make wrapping quadratic in its length.
    let mut line_width = 0;
    let space = font.thousandths(" ");
    for unit in units {
        let unit_width = font.thousandths(&unit);
        let candidate = match line.is_empty() {
            true => unit_width,
            false => line_width + space + unit_width,
        };
        if font.points(candidate, size) <= width {
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&unit);
            line_width = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(mem::take(&mut line));
            line_width = 0;
        }
        let mut chars = 0;
        for c in unit.chars() {
            let mut buffer = [0; 4];
            let c_width = font.thousandths(c.encode_utf8(&mut buffer));
            line.push(c);
            line_width += c_width;
            chars += 1;
            if font.points(line_width, size) > width && chars > 1 {
                line.pop();
                lines.push(line.trim_end().to_string());
                line = c.to_string().trim_start().to_string();
                line_width = font.thousandths(&line);
                chars = line.chars().count();
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The pages being drawn, and the baseline of the next line on the current one.
struct Sheet {
    done: Vec<Content>,
    page: Content,
    y: f32,
}

impl Sheet {
    fn new() -> Self {
        Sheet {
            done: Vec::new(),
            page: Content::new(),
            y: TOP,
        }
    }

    /// Starts a new page when `height` does not fit above the bottom margin; says whether it did.
    /// On a fresh page, anything fits: what is taller than a page runs off rather than looping.
    fn room_for(&mut self, height: f32) -> bool {
        if self.y - height + row_height(BODY) < BOTTOM && self.y < TOP {
            self.done.push(mem::replace(&mut self.page, Content::new()));
            self.y = TOP;
            true
        } else {
            false
        }
    }

    /// Keeps the next `height` together on one page (a heading with the start of its content).
    fn keep(&mut self, height: f32) {
        self.room_for(height);
    }

    fn section(&mut self, title: &str) {
        self.keep(3.0 * row_height(BODY) + row_height(11.0));
        self.text(LEFT, self.y, Font::Bold, 11.0, title, 0.0);
        self.y -= row_height(11.0) + 4.0;
    }

    fn subheading(&mut self, title: &str) {
        self.text(LEFT, self.y, Font::Bold, BODY, title, 0.0);
        self.y -= row_height(BODY) + 1.0;
    }

    /// A label in bold, its value wrapped beside it.
    fn field(&mut self, label: &str, value: &str) {
        let indent = 95.0;
        let lines = wrap(value, Font::Regular, BODY, RIGHT - LEFT - indent);
        self.keep(lines.len() as f32 * row_height(BODY));
        self.text(LEFT, self.y, Font::Bold, BODY, label, 0.0);
        for line in lines {
            self.text(LEFT + indent, self.y, Font::Regular, BODY, &line, 0.0);
            self.y -= row_height(BODY);
        }
        self.y -= 2.0;
    }

    /// A label (wrapped) with an amount aligned on the right.
    fn amount_row(&mut self, font: Font, label: &str, amount: Option<String>) {
        let lines = wrap(label, font, BODY, RIGHT - LEFT - 10.0 - AMOUNT);
        self.keep(lines.len() as f32 * row_height(BODY));
        if let Some(amount) = amount {
            self.text_right(RIGHT - CELL_PAD, self.y, font, BODY, &amount, 0.0);
        }
        for line in lines {
            self.text(LEFT + 10.0, self.y, font, BODY, &line, 0.0);
            self.y -= row_height(BODY);
        }
    }

    /// `text` wrapped to `width`, line after line, flowing onto the next page if need be.
    fn paragraph(&mut self, x: f32, width: f32, font: Font, size: f32, text: &str) {
        for line in wrap(text, font, size, width) {
            self.room_for(row_height(size));
            self.text(x, self.y, font, size, &line, 0.0);
            self.y -= row_height(size);
        }
        self.y -= 2.0;
    }

    /// Draws `lines` from the baseline `top` down at `x`; returns the baseline after them.
    fn lines_at(&mut self, x: f32, top: f32, lines: &[Line]) -> f32 {
        let mut y = top;
        for line in lines {
            self.text(x, y, line.font, line.size, &line.text, line.gray);
            y -= row_height(line.size);
        }
        y
    }

    fn text(&mut self, x: f32, y: f32, font: Font, size: f32, text: &str, gray: f32) {
        show(&mut self.page, x, y, font, size, text, gray);
    }

    fn text_right(&mut self, right: f32, y: f32, font: Font, size: f32, text: &str, gray: f32) {
        self.text(right - font.width(text, size), y, font, size, text, gray);
    }

    fn rule(&mut self, x1: f32, x2: f32, y: f32, width: f32) {
        self.page
            .set_stroke_gray(RULE_GRAY)
            .set_line_width(width)
            .move_to(x1, y)
            .line_to(x2, y)
            .stroke();
    }

    fn fill(&mut self, x: f32, y: f32, width: f32, height: f32, gray: f32) {
        self.page
            .set_fill_gray(gray)
            .rect(x, y, width, height)
            .fill_nonzero();
    }

    /// The PDF of the pages drawn, numbered when there are several.
    fn finish(mut self, s: &Statement) -> Vec<u8> {
        self.done.push(self.page);
        let mut pages = self.done;
        let count = pages.len();
        if count > 1 {
            // Numbered, and each page after the first says what it continues.
            let running = format!(
                "{} — pièce justificative du titre de recettes {} (suite)",
                s.debtor.name, s.year
            );
            for (i, page) in pages.iter_mut().enumerate() {
                let number = format!("Page {} / {count}", i + 1);
                let x = (PAGE_WIDTH - Font::Regular.width(&number, SMALL)) / 2.0;
                show(page, x, PAGE_NUMBER, Font::Regular, SMALL, &number, GRAY);
                if i > 0 {
                    show(
                        page,
                        LEFT,
                        RUNNING_HEADER,
                        Font::Regular,
                        SMALL,
                        &running,
                        GRAY,
                    );
                }
            }
        }

        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let info = Ref::new(3);
        let fonts = [
            (REGULAR, Ref::new(4), "Helvetica"),
            (BOLD, Ref::new(5), "Helvetica-Bold"),
            (OBLIQUE, Ref::new(6), "Helvetica-Oblique"),
        ];
        let first_page = 7;
        let page_ids: Vec<Ref> = (0..count)
            .map(|i| Ref::new(first_page + 2 * i as i32))
            .collect();

        let mut pdf = Pdf::new();
        pdf.catalog(catalog).pages(tree).lang(TextStr("fr-FR"));
        pdf.pages(tree)
            .kids(page_ids.iter().copied())
            .count(count as i32);
        pdf.document_info(info)
            .title(TextStr(&format!(
                "Pièce justificative — {} — {}",
                s.debtor.name, s.object
            )))
            .author(TextStr(&s.issuer.name))
            .creator(TextStr("oleron-bill"));
        for (_, id, base) in fonts {
            pdf.type1_font(id)
                .base_font(Name(base.as_bytes()))
                .encoding_predefined(Name(b"WinAnsiEncoding"));
        }
        for (page, &id) in pages.into_iter().zip(&page_ids) {
            let contents = Ref::new(id.get() + 1);
            let mut p = pdf.page(id);
            p.media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
                .parent(tree)
                .contents(contents);
            {
                let mut resources = p.resources();
                let mut dict = resources.fonts();
                for (name, font, _) in fonts {
                    dict.pair(Name(name), font);
                }
            }
            p.finish();
            pdf.stream(contents, &page.finish());
        }
        pdf.finish()
    }
}

/// Draws `text` with its left end at `x` on the baseline `y`.
fn show(page: &mut Content, x: f32, y: f32, font: Font, size: f32, text: &str, gray: f32) {
    let name = match font {
        Font::Regular => REGULAR,
        Font::Bold => BOLD,
        Font::Oblique => OBLIQUE,
    };
    page.set_fill_gray(gray)
        .begin_text()
        .set_font(Name(name), size)
        .next_line(x, y)
        .show(Str(&encode(text)))
        .end_text();
}

/// The names of the fonts in each page's resources.
const REGULAR: &[u8] = b"F1";
const BOLD: &[u8] = b"F2";
const OBLIQUE: &[u8] = b"F3";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_cut_between_words_but_not_inside_amounts() {
        // In Helvetica.afm, digits and € are 556 thousandths of the size, "," and space 278:
        // "1 734,37 €" is 6 × 556 + 3 × 278 + 556 = 4 726, so 47,26 pt at 10 pt.
        let amount = "1 734,37 €";
        assert_eq!(Font::Regular.width(amount, 10.0), 47.26);
        assert_eq!(
            wrap(&format!("soit {amount}"), Font::Regular, 10.0, 48.0),
            ["soit", amount]
        );
        assert_eq!(
            wrap(
                "remise « Solutions Technologies » : 50 %",
                Font::Regular,
                10.0,
                75.0
            ),
            ["remise", "« Solutions", "Technologies » :", "50 %"]
        );
        assert_eq!(wrap("", Font::Regular, 10.0, 60.0), [""]);
        assert_eq!(wrap("a\nb", Font::Regular, 10.0, 60.0), ["a", "b"]);
        // A word wider than the line is cut where it must: "WWW" is 3 × 9,44 pt at 10 pt.
        assert_eq!(wrap("WWW", Font::Regular, 10.0, 20.0), ["WW", "W"]);
        assert_eq!(wrap("W W W", Font::Regular, 10.0, 9.5), ["W", "W", "W"]);
        assert_eq!(
            wrap("1 000 000", Font::Regular, 10.0, 20.0),
            ["1 00", "0 00", "0"]
        );
    }

    /// Wrapping as it was done before widths were added up: each candidate line measured
    /// whole.
    fn wrap_by_measuring(text: &str, font: Font, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        for text in text.split('\n') {
            let mut units: Vec<String> = Vec::new();
            for word in text.split(' ') {
                let glue = units.last().is_some_and(|prev: &String| {
                    prev == "«"
                        || word.starts_with(['€', '%', ':', ';', '?', '!', '»'])
                        || (prev.ends_with(|c: char| c.is_ascii_digit())
                            && word.starts_with(|c: char| c.is_ascii_digit()))
                });
                match units.last_mut() {
                    Some(prev) if glue => *prev = format!("{prev} {word}"),
                    _ => units.push(word.to_string()),
                }
            }
            let mut line = String::new();
            let first = lines.len();
            for unit in units {
                let candidate = match line.is_empty() {
                    true => unit.clone(),
                    false => format!("{line} {unit}"),
                };
                if font.width(&candidate, size) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(mem::take(&mut line));
                }
                for c in unit.chars() {
                    line.push(c);
                    if font.width(&line, size) > width && line.chars().count() > 1 {
                        line.pop();
                        lines.push(line.trim_end().to_string());
                        line = c.to_string().trim_start().to_string();
                    }
                }
            }
            if !line.is_empty() || lines.len() == first {
                lines.push(line);
            }
        }
        lines
    }

    /// A long paragraph (amounts, guillemets, characters outside WinAnsi, words wider than the
    /// line, runs of spaces) wraps as measuring each line whole would, at many widths.
    #[test]
    fn a_long_paragraph_wraps_as_measuring_each_line_would() {
        let sentence = "Participation 2021 au Conseiller numérique — « Solutions Technologies » : \
                        1 734,37 € soit 22,5 % de 50 %, Saint-Georges-d'Oléron → Cdc ; \
                        Anticonstitutionnellementissimement  WWWWWWWWWWWWWWWW fin.\n";
        let text = sentence.repeat(20);
        for width in [8.0, 30.0, 47.26, 75.0, 150.0, 400.0] {
            for font in [Font::Regular, Font::Bold] {
                assert_eq!(
                    wrap(&text, font, 9.0, width),
                    wrap_by_measuring(&text, font, 9.0, width),
                    "{width} {font:?}"
                );
            }
        }
    }

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
