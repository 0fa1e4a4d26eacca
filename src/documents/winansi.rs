//! Text in the standard PDF fonts Helvetica and Helvetica-Bold with WinAnsiEncoding, which
//! covers every French letter (œ, Ÿ, « ») and € without embedding a font file: the bytes of a
//! text, and how wide it is, to align and wrap it.
//!
//! The widths are those of the fonts' Adobe metrics (AFM), in thousandths of the font size, by
//! WinAnsi code from 32 to 255, as read from URW's metric-compatible Nimbus Sans AFM files
//! (Debian's fonts-urw-base35); codes without a glyph are 0.

/// A standard font the documents use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Font {
    Regular,
    Bold,
    Oblique,
}

impl Font {
    /// The width of `text` at `size` points.
    pub fn width(self, text: &str, size: f32) -> f32 {
        self.points(self.thousandths(text), size)
    }

    /// The width of `text` in thousandths of the font size: the sum of its characters' widths,
    /// so that the width of a text that grows is kept up to date by adding.
    pub fn thousandths(self, text: &str) -> u32 {
        let widths = match self {
            // The oblique is the regular slanted: same widths.
            Font::Regular | Font::Oblique => &REGULAR,
            Font::Bold => &BOLD,
        };
        encode(text)
            .iter()
            .map(|&b| u32::from(widths[usize::from(b.max(32)) - 32]))
            .sum()
    }

    /// `thousandths` of the font size at `size` points.
    pub fn points(self, thousandths: u32, size: f32) -> f32 {
        thousandths as f32 * size / 1000.0
    }
}

/// `text` in WinAnsiEncoding. A character it lacks is written as its closest ASCII ("→" as
/// "->"), or "?".
pub fn encode(text: &str) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.chars() {
        match byte(c) {
            Some(b) => bytes.push(b),
            None => {
                // deunicode writes an arrow as a mere "-".
                let ascii = match c {
                    '→' => "->",
                    _ => deunicode::deunicode_char(c).unwrap_or("?"),
                };
                let ascii = if ascii.is_empty() { "?" } else { ascii };
                bytes.extend(ascii.chars().map(|a| byte(a).unwrap_or(b'?')));
            }
        }
    }
    bytes
}

/// Whether `c` prints as itself, not as a look-alike or a "?".
pub fn prints(c: char) -> bool {
    byte(c).is_some()
}

/// The WinAnsi code of `c`: ASCII and Latin-1 as themselves, plus the 27 characters of
/// Windows-1252 at 0x80 to 0x9F; spaces of other widths as a space.
fn byte(c: char) -> Option<u8> {
    let code = match c {
        ' '..='~' | '\u{A0}'..='ÿ' => return u8::try_from(u32::from(c)).ok(),
        '\u{2002}'..='\u{200A}' | '\u{202F}' => b' ',
        '€' => 0x80,
        '‚' => 0x82,
        'ƒ' => 0x83,
        '„' => 0x84,
        '…' => 0x85,
        '†' => 0x86,
        '‡' => 0x87,
        'ˆ' => 0x88,
        '‰' => 0x89,
        'Š' => 0x8A,
        '‹' => 0x8B,
        'Œ' => 0x8C,
        'Ž' => 0x8E,
        '‘' => 0x91,
        '’' => 0x92,
        '“' => 0x93,
        '”' => 0x94,
        '•' => 0x95,
        '–' => 0x96,
        '—' => 0x97,
        '˜' => 0x98,
        '™' => 0x99,
        'š' => 0x9A,
        '›' => 0x9B,
        'œ' => 0x9C,
        'ž' => 0x9E,
        'Ÿ' => 0x9F,
        _ => return None,
    };
    Some(code)
}

const REGULAR: [u16; 224] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    0, 556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, 0, 222, 222,
    333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667, 278, 333, 556, 556, 556, 556,
    260, 556, 333, 737, 370, 556, 584, 333, 737, 333, 400, 584, 333, 333, 333, 556, 537, 278, 333,
    333, 365, 556, 834, 834, 834, 611, 667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667,
    278, 278, 278, 278, 722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667,
    611, 556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278, 556, 556,
    556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];
const BOLD: [u16; 224] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
    611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
    278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    0, 556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, 0, 278, 278,
    500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667, 278, 333, 556, 556, 556, 556,
    280, 556, 333, 737, 370, 556, 584, 333, 737, 333, 400, 584, 333, 333, 333, 611, 556, 278, 333,
    333, 365, 556, 834, 834, 834, 611, 722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667,
    278, 278, 278, 278, 722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667,
    611, 556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278, 611, 611,
    611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_letters_and_the_euro() {
        // Windows-1252 code points, from its published table.
        assert_eq!(encode("é"), [0xE9]);
        assert_eq!(
            encode("À ç œ Œ Ÿ « » €"),
            [
                0xC0, b' ', 0xE7, b' ', 0x9C, b' ', 0x8C, b' ', 0x9F, b' ', 0xAB, b' ', 0xBB, b' ',
                0x80
            ]
        );
        assert_eq!(
            encode("d’Oléron"),
            [b'd', 0x92, b'O', b'l', 0xE9, b'r', b'o', b'n']
        );
        assert_eq!(encode("1\u{202F}734 → 5"), b"1 734 -> 5");
        assert_eq!(encode("≤ ½"), [b'<', b'=', b' ', 0xBD]);
        assert_eq!(encode("\u{E000}"), b"?");
    }

    #[test]
    fn widths_from_the_metrics() {
        // Helvetica.afm: space 278, "1" 556, "€" 556, "W" 944; Helvetica-Bold.afm: "W" 944,
        // "a" 556, "b" 611.
        assert_eq!(
            Font::Regular.width("1 1", 10.0),
            (556.0 * 2.0 + 278.0) / 100.0
        );
        assert_eq!(Font::Regular.width("€W", 1000.0), 556.0 + 944.0);
        assert_eq!(Font::Bold.width("ab", 1000.0), 556.0 + 611.0);
    }
}
