//! An amount written out in French words, as a titre de recettes states it beside the figures:
//! 4 132,50 € is "quatre mille cent trente-deux euros et cinquante centimes".
//!
//! The spelling is the traditional one, not the 1990 reform: hyphens join only tens and units
//! below one hundred ("quatre-vingt-dix-sept", "cent deux", "deux mille"), 21 to 71 take "et"
//! ("vingt et un", "soixante et onze"), 81 and 91 do not ("quatre-vingt-un"). "Vingt" and "cent"
//! take an "s" when multiplied and ending the number ("quatre-vingts", "deux cents"), including
//! before "millions" and "milliards", which are nouns, but not before "mille", an invariable
//! adjective ("deux cent mille", "deux cents millions"). A whole number of millions or
//! milliards is "d'euros" ("un million d'euros").

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use crate::money::round_to_cent;

const UNITS: [&str; 17] = [
    "zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze",
    "douze", "treize", "quatorze", "quinze", "seize",
];
const TENS: [&str; 7] = [
    "",
    "dix",
    "vingt",
    "trente",
    "quarante",
    "cinquante",
    "soixante",
];

const MILLION: u128 = 1_000_000;
const MILLIARD: u128 = 1_000_000_000;

/// `amount` in words, rounded half-up to the cent: "un euro", "un centime", "deux millions
/// d'euros", "moins dix euros".
pub fn amount_in_words(amount: Decimal) -> String {
    let amount = round_to_cent(amount);
    let cents = (amount.abs() * Decimal::ONE_HUNDRED)
        .to_u128()
        .unwrap_or_default();
    let (euros, cents) = (cents / 100, cents % 100);
    let sign = if amount.is_sign_negative() && !amount.is_zero() {
        "moins "
    } else {
        ""
    };
    let euros_part = match euros {
        1 => "un euro".to_string(),
        n if n >= MILLION && n % MILLION == 0 => format!("{} d'euros", number(n)),
        n => format!("{} euros", number(n)),
    };
    let cents_part = match cents {
        1 => "un centime".to_string(),
        n => format!("{} centimes", number(n)),
    };
    match (euros, cents) {
        (0, 0) => "zéro euro".to_string(),
        (0, _) => format!("{sign}{cents_part}"),
        (_, 0) => format!("{sign}{euros_part}"),
        _ => format!("{sign}{euros_part} et {cents_part}"),
    }
}

/// A whole number in words: "deux cent mille", "un milliard".
pub fn number(n: u128) -> String {
    if n == 0 {
        return UNITS[0].to_string();
    }
    let mut words = Vec::new();
    let (milliards, rest) = (n / MILLIARD, n % MILLIARD);
    if milliards > 0 {
        words.push(counted(milliards, "milliard"));
    }
    let (millions, rest) = (rest / MILLION, rest % MILLION);
    if millions > 0 {
        words.push(counted(millions, "million"));
    }
    let (thousands, rest) = (rest / 1000, rest % 1000);
    match thousands {
        0 => {}
        1 => words.push("mille".to_string()),
        t => words.push(format!("{} mille", below_1000(t as u16, false))),
    }
    if rest > 0 {
        words.push(below_1000(rest as u16, true));
    }
    words.join(" ")
}

/// "un million", "quatre-vingts milliards": a count of a noun, which takes the plural.
fn counted(count: u128, noun: &str) -> String {
    let plural = if count > 1 { "s" } else { "" };
    format!("{} {noun}{plural}", number(count))
}

/// 1 to 999; `last` says whether nothing but a noun follows, so that "cent" and "vingt" may
/// take their plural "s".
fn below_1000(n: u16, last: bool) -> String {
    let (hundreds, rest) = (n / 100, n % 100);
    let mut words = match hundreds {
        0 => String::new(),
        1 => "cent".to_string(),
        h if rest == 0 && last => format!("{} cents", UNITS[h as usize]),
        h => format!("{} cent", UNITS[h as usize]),
    };
    if rest > 0 {
        if !words.is_empty() {
            words.push(' ');
        }
        words.push_str(&below_100(rest, last));
    }
    words
}

/// 1 to 99.
fn below_100(n: u16, last: bool) -> String {
    let (tens, units) = (n / 10, n % 10);
    match (tens, units) {
        (0, _) | (1, 0..=6) => UNITS[n as usize].to_string(),
        (1, _) => format!("dix-{}", UNITS[units as usize]),
        (2..=6, 0) => TENS[tens as usize].to_string(),
        (2..=6, 1) => format!("{} et un", TENS[tens as usize]),
        (2..=6, _) => format!("{}-{}", TENS[tens as usize], UNITS[units as usize]),
        (7, 1) => "soixante et onze".to_string(),
        (7, _) => format!("soixante-{}", below_100(n - 60, last)),
        (8, 0) if last => "quatre-vingts".to_string(),
        (8, 0) => "quatre-vingt".to_string(),
        _ => format!("quatre-vingt-{}", below_100(n - 80, last)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dec;

    fn words(amount: &str) -> String {
        amount_in_words(dec(amount))
    }

    /// Each expected text is written from the French rules stated in the module doc, digit
    /// group by digit group, not from the program's output.
    #[test]
    fn amounts_of_the_brief() {
        assert_eq!(
            words("4132.50"),
            "quatre mille cent trente-deux euros et cinquante centimes"
        );
        assert_eq!(words("1.00"), "un euro");
        assert_eq!(words("0.01"), "un centime");
        assert_eq!(words("80"), "quatre-vingts euros");
        assert_eq!(words("81"), "quatre-vingt-un euros");
        assert_eq!(words("200"), "deux cents euros");
        assert_eq!(words("201"), "deux cent un euros");
        assert_eq!(words("1000"), "mille euros");
        assert_eq!(words("1000000"), "un million d'euros");
        assert_eq!(words("2000000"), "deux millions d'euros");
        assert_eq!(words("21"), "vingt et un euros");
        assert_eq!(words("71"), "soixante et onze euros");
    }

    #[test]
    fn below_one_hundred() {
        let expected = [
            (0, "zéro"),
            (1, "un"),
            (10, "dix"),
            (11, "onze"),
            (16, "seize"),
            (17, "dix-sept"),
            (19, "dix-neuf"),
            (20, "vingt"),
            (22, "vingt-deux"),
            (31, "trente et un"),
            (41, "quarante et un"),
            (51, "cinquante et un"),
            (59, "cinquante-neuf"),
            (60, "soixante"),
            (61, "soixante et un"),
            (69, "soixante-neuf"),
            (70, "soixante-dix"),
            (72, "soixante-douze"),
            (77, "soixante-dix-sept"),
            (79, "soixante-dix-neuf"),
            (80, "quatre-vingts"),
            (88, "quatre-vingt-huit"),
            (90, "quatre-vingt-dix"),
            (91, "quatre-vingt-onze"),
            (96, "quatre-vingt-seize"),
            (97, "quatre-vingt-dix-sept"),
            (99, "quatre-vingt-dix-neuf"),
        ];
        for (n, text) in expected {
            assert_eq!(number(n), text, "{n}");
        }
    }

    #[test]
    fn hundreds_thousands_and_the_plural_s() {
        let expected = [
            (100, "cent"),
            (101, "cent un"),
            (180, "cent quatre-vingts"),
            (181, "cent quatre-vingt-un"),
            (300, "trois cents"),
            (310, "trois cent dix"),
            (480, "quatre cent quatre-vingts"),
            (999, "neuf cent quatre-vingt-dix-neuf"),
            (1001, "mille un"),
            (1100, "mille cent"),
            (1980, "mille neuf cent quatre-vingts"),
            (2000, "deux mille"),
            (21_000, "vingt et un mille"),
            (80_000, "quatre-vingt mille"),
            (80_080, "quatre-vingt mille quatre-vingts"),
            (100_000, "cent mille"),
            (101_000, "cent un mille"),
            (200_000, "deux cent mille"),
            (200_200, "deux cent mille deux cents"),
            (1_001_000, "un million mille"),
            (1_500_000, "un million cinq cent mille"),
            (80_000_000, "quatre-vingts millions"),
            (200_000_000, "deux cents millions"),
            (1_000_000_000, "un milliard"),
            (3_000_000_001, "trois milliards un"),
            (1_000_000_000_000, "mille milliards"),
        ];
        for (n, text) in expected {
            assert_eq!(number(n), text, "{n}");
        }
    }

    #[test]
    fn euros_and_centimes() {
        assert_eq!(words("0"), "zéro euro");
        assert_eq!(words("0.5"), "cinquante centimes");
        assert_eq!(words("0.80"), "quatre-vingts centimes");
        assert_eq!(words("1.01"), "un euro et un centime");
        assert_eq!(words("2.21"), "deux euros et vingt et un centimes");
        assert_eq!(words("1000000.01"), "un million d'euros et un centime");
        assert_eq!(words("1000100"), "un million cent euros");
        assert_eq!(words("2000000000"), "deux milliards d'euros");
        assert_eq!(words("-10"), "moins dix euros");
        // Half-up to the cent, as every amount of the program.
        assert_eq!(words("0.005"), "un centime");
        // The Oléron figures: 1 781,25 € and 37 500 €.
        assert_eq!(
            words("1781.25"),
            "mille sept cent quatre-vingt-un euros et vingt-cinq centimes"
        );
        assert_eq!(words("37500"), "trente-sept mille cinq cents euros");
        assert_eq!(
            words("1734.37"),
            "mille sept cent trente-quatre euros et trente-sept centimes"
        );
    }

    #[test]
    fn the_largest_amount() {
        assert_eq!(
            words("999999999999.99"),
            "neuf cent quatre-vingt-dix-neuf milliards neuf cent quatre-vingt-dix-neuf millions \
             neuf cent quatre-vingt-dix-neuf mille neuf cent quatre-vingt-dix-neuf euros et \
             quatre-vingt-dix-neuf centimes"
        );
        assert_eq!(
            words("480080200180.80"),
            "quatre cent quatre-vingts milliards quatre-vingts millions deux cent mille cent \
             quatre-vingts euros et quatre-vingts centimes"
        );
    }
}
