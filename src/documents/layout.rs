//! The page layout of oleron-bill's printed documents: A4 pages with their margins, text in
//! the standard fonts wrapped as French typography wants, tables whose header is repeated on
//! each page they run onto, content that flows onto further pages, which are then numbered.
//! What a document says is its own module's; how it is laid out on pages is here.
//!
//! The text is in the standard fonts Helvetica with WinAnsiEncoding, so no font file is
//! embedded and the text can be copied. The same content always gives the same bytes: the
//! file has no date and no random identifier.

use std::mem;

use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

use super::winansi::{encode, Font};

/// A4, in points.
pub(super) const PAGE_WIDTH: f32 = 595.28;
pub(super) const PAGE_HEIGHT: f32 = 841.89;
/// 2 cm on the sides, 1,5 cm at the top and bottom.
pub(super) const LEFT: f32 = 56.7;
pub(super) const RIGHT: f32 = PAGE_WIDTH - 56.7;
pub(super) const TOP: f32 = PAGE_HEIGHT - 42.5 - 10.0;
/// Lowest baseline of the content; the page number goes below.
pub(super) const BOTTOM: f32 = 42.5 + 14.0;
/// Baselines of the page number and, on pages after the first, of the running header.
pub(super) const PAGE_NUMBER: f32 = 30.0;
pub(super) const RUNNING_HEADER: f32 = PAGE_HEIGHT - 34.0;

pub(super) const BODY: f32 = 9.0;
pub(super) const SMALL: f32 = 8.0;
/// Width of an amount column.
pub(super) const AMOUNT: f32 = 92.0;
pub(super) const GRAY: f32 = 0.35;
pub(super) const RULE_GRAY: f32 = 0.7;
pub(super) const HEADER_FILL: f32 = 0.9;

/// What the document's properties say of it.
pub(super) struct Info {
    pub(super) title: String,
    pub(super) author: String,
}

pub(super) fn row_height(size: f32) -> f32 {
    size * 1.3
}

/// A table across the text width, whose header is repeated on each page it runs onto.
pub(super) struct Table {
    /// (title, width, right-aligned)
    columns: Vec<(&'static str, f32, bool)>,
}

impl Table {
    /// The columns, the one at `flexible` taking the width the others leave.
    pub(super) fn new(columns: &[(&'static str, f32, bool)], flexible: usize) -> Self {
        let mut columns = columns.to_vec();
        let taken: f32 = columns.iter().map(|c| c.1).sum();
        columns[flexible].1 = RIGHT - LEFT - taken;
        Table { columns }
    }

    /// Each cell wrapped to its column.
    pub(super) fn wrapped(&self, cells: &[String], font: Font) -> Vec<Vec<String>> {
        cells
            .iter()
            .zip(&self.columns)
            .map(|(text, (_, width, _))| wrap(text, font, BODY, width - 2.0 * CELL_PAD))
            .collect()
    }

    /// The height of a row of cells wrapped to their columns.
    pub(super) fn height(wrapped: &[Vec<String>]) -> f32 {
        let lines = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        lines as f32 * row_height(BODY) + ROW_GAP
    }

    /// The titles on a shaded band, kept on a page with the first row.
    pub(super) fn header(&self, sheet: &mut Sheet) {
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
    pub(super) fn row(&self, sheet: &mut Sheet, cells: &[String], font: Font, keep_after: f32) {
        // Wrapped once, for its height and its lines.
        let wrapped = self.wrapped(cells, font);
        if sheet.room_for(Table::height(&wrapped) + keep_after) {
            self.header(sheet);
        }
        self.draw(sheet, &wrapped, font);
    }

    /// A row of cells wrapped to their columns.
    pub(super) fn draw(&self, sheet: &mut Sheet, wrapped: &[Vec<String>], font: Font) {
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

pub(super) const CELL_PAD: f32 = 3.0;
/// Space below a table row.
pub(super) const ROW_GAP: f32 = 3.0;

/// A line of text with its font, size and gray level.
pub(super) struct Line {
    pub(super) font: Font,
    pub(super) size: f32,
    pub(super) text: String,
    pub(super) gray: f32,
}

impl Line {
    pub(super) fn new(font: Font, size: f32, text: String) -> Self {
        Line {
            font,
            size,
            text,
            gray: 0.0,
        }
    }

    pub(super) fn gray(font: Font, size: f32, text: String) -> Self {
        Line {
            font,
            size,
            text,
            gray: GRAY,
        }
    }
}

pub(super) fn lines_height(lines: &[Line]) -> f32 {
    lines.iter().map(|l| row_height(l.size)).sum()
}

/// `text` cut into lines no wider than `width`: at its line breaks, and between words. A space
/// is not a place to cut inside a number ("1 734,37"), before "€", "%", ":", ";", "?", "!" or
/// "»", or after "«", as French typography wants; a word wider than the line is cut anywhere.
pub(super) fn wrap(text: &str, font: Font, size: f32, width: f32) -> Vec<String> {
    text.split('\n')
        .flat_map(|line| wrap_line(line, font, size, width))
        .collect()
}

pub(super) fn wrap_line(text: &str, font: Font, size: f32, width: f32) -> Vec<String> {
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
pub(super) struct Sheet {
    done: Vec<Content>,
    page: Content,
    pub(super) y: f32,
}

impl Sheet {
    pub(super) fn new() -> Self {
        Sheet {
            done: Vec::new(),
            page: Content::new(),
            y: TOP,
        }
    }

    /// Starts a new page when `height` does not fit above the bottom margin; says whether it did.
    /// On a fresh page, anything fits: what is taller than a page runs off rather than looping.
    pub(super) fn room_for(&mut self, height: f32) -> bool {
        if self.y - height + row_height(BODY) < BOTTOM && self.y < TOP {
            self.done.push(mem::replace(&mut self.page, Content::new()));
            self.y = TOP;
            true
        } else {
            false
        }
    }

    /// Keeps the next `height` together on one page (a heading with the start of its content).
    pub(super) fn keep(&mut self, height: f32) {
        self.room_for(height);
    }

    pub(super) fn section(&mut self, title: &str) {
        self.keep(3.0 * row_height(BODY) + row_height(11.0));
        self.text(LEFT, self.y, Font::Bold, 11.0, title, 0.0);
        self.y -= row_height(11.0) + 4.0;
    }

    pub(super) fn subheading(&mut self, title: &str) {
        self.text(LEFT, self.y, Font::Bold, BODY, title, 0.0);
        self.y -= row_height(BODY) + 1.0;
    }

    /// A label in bold, its value wrapped beside it.
    pub(super) fn field(&mut self, label: &str, value: &str) {
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
    pub(super) fn amount_row(&mut self, font: Font, label: &str, amount: Option<String>) {
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
    pub(super) fn paragraph(&mut self, x: f32, width: f32, font: Font, size: f32, text: &str) {
        for line in wrap(text, font, size, width) {
            self.room_for(row_height(size));
            self.text(x, self.y, font, size, &line, 0.0);
            self.y -= row_height(size);
        }
        self.y -= 2.0;
    }

    /// Draws `lines` from the baseline `top` down at `x`; returns the baseline after them.
    pub(super) fn lines_at(&mut self, x: f32, top: f32, lines: &[Line]) -> f32 {
        let mut y = top;
        for line in lines {
            self.text(x, y, line.font, line.size, &line.text, line.gray);
            y -= row_height(line.size);
        }
        y
    }

    pub(super) fn text(&mut self, x: f32, y: f32, font: Font, size: f32, text: &str, gray: f32) {
        show(&mut self.page, x, y, font, size, text, gray);
    }

    pub(super) fn text_right(
        &mut self,
        right: f32,
        y: f32,
        font: Font,
        size: f32,
        text: &str,
        gray: f32,
    ) {
        self.text(right - font.width(text, size), y, font, size, text, gray);
    }

    pub(super) fn rule(&mut self, x1: f32, x2: f32, y: f32, width: f32) {
        self.page
            .set_stroke_gray(RULE_GRAY)
            .set_line_width(width)
            .move_to(x1, y)
            .line_to(x2, y)
            .stroke();
    }

    pub(super) fn fill(&mut self, x: f32, y: f32, width: f32, height: f32, gray: f32) {
        self.page
            .set_fill_gray(gray)
            .rect(x, y, width, height)
            .fill_nonzero();
    }

    /// The PDF of the pages drawn, numbered when there are several; each page after the first
    /// says what it continues (`running`).
    pub(super) fn finish(mut self, running: &str, info: &Info) -> Vec<u8> {
        self.done.push(self.page);
        let mut pages = self.done;
        let count = pages.len();
        if count > 1 {
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
                        running,
                        GRAY,
                    );
                }
            }
        }

        let catalog = Ref::new(1);
        let tree = Ref::new(2);
        let info_id = Ref::new(3);
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
        pdf.document_info(info_id)
            .title(TextStr(&info.title))
            .author(TextStr(&info.author))
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
pub(super) fn show(
    page: &mut Content,
    x: f32,
    y: f32,
    font: Font,
    size: f32,
    text: &str,
    gray: f32,
) {
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
}
