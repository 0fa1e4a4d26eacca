//! Durations as request-management tools and people write them: hours with a decimal point or
//! comma (1.5, 1,5), hours and minutes (1h30, 1 h 30, 2h) or a clock (01:30), read exactly
//! into minutes.

use rust_decimal::Decimal;

use crate::messages::records as msg;

/// Longest duration one intervention may have: a typing slip beyond it (150 for 1,50) would
/// weigh on the whole report.
const MAX_HOURS: i64 = 1000;

/// The minutes of `text`, or what is wrong with it.
pub fn minutes(text: &str) -> Result<Decimal, String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let unreadable = || msg::cannot_read_duration(text);
    if compact.starts_with('-') {
        return Err(msg::negative_duration(text));
    }
    let minutes = if let Some((hours, rest)) = compact.split_once(['h', 'H', ':']) {
        let clock = compact.contains(':');
        let rest = rest.strip_suffix("min").unwrap_or(rest);
        let hours = whole(hours).ok_or_else(unreadable)?;
        let minutes = match rest {
            "" if !clock => 0,
            _ if rest.len() == 2 || (!clock && rest.len() == 1) => {
                whole(rest).filter(|m| *m < 60).ok_or_else(unreadable)?
            }
            _ => return Err(unreadable()),
        };
        Decimal::from(hours * 60 + minutes)
    } else {
        let hours = decimal_hours(&compact).ok_or_else(unreadable)?;
        hours * Decimal::from(60)
    };
    if minutes > Decimal::from(MAX_HOURS * 60) {
        return Err(msg::duration_too_long(text, MAX_HOURS));
    }
    Ok(minutes)
}

/// A number of one to four ASCII digits.
fn whole(digits: &str) -> Option<i64> {
    let valid = (1..=4).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
    valid.then(|| digits.parse().ok()).flatten()
}

/// Hours with '.' or ',' as the decimal mark, at most six decimals.
fn decimal_hours(text: &str) -> Option<Decimal> {
    let (whole_part, fraction) = text.split_once(['.', ',']).unwrap_or((text, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let valid = !(whole_part.is_empty() && fraction.is_empty())
        && digits(whole_part)
        && digits(fraction)
        && whole_part.len() <= 6
        && fraction.len() <= 6;
    valid
        .then(|| format!("{whole_part}.{fraction}0").parse().ok())
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dec;

    #[test]
    fn every_way_of_writing_an_hour_and_a_half() {
        for text in [
            "1.5", "1,5", "1h30", "1 h 30", "1H30", "01:30", "1:30", "1h30min",
        ] {
            assert_eq!(minutes(text), Ok(dec("90")), "{text}");
        }
        assert_eq!(minutes("2h"), Ok(dec("120")));
        assert_eq!(minutes("0h05"), Ok(dec("5")));
        assert_eq!(minutes("3,5"), Ok(dec("210"))); // a half-day of presence
        assert_eq!(minutes("0.01"), Ok(dec("0.6")));
        assert_eq!(minutes("0"), Ok(dec("0")));
        assert_eq!(minutes(".5"), Ok(dec("30")));
    }

    #[test]
    fn what_is_not_a_duration_is_refused() {
        assert_eq!(minutes("-1"), Err("negative duration \"-1\"".to_string()));
        assert_eq!(
            minutes("-0h30"),
            Err("negative duration \"-0h30\"".to_string())
        );
        for bad in [
            "",
            "h",
            "1h60",
            "01:3",
            "1:300",
            "1.2.3",
            "une heure",
            "1e3",
            "1h30h",
            ":30",
        ] {
            assert!(
                minutes(bad)
                    .unwrap_err()
                    .starts_with("cannot read duration"),
                "{bad}"
            );
        }
        assert_eq!(
            minutes("1001"),
            Err("duration \"1001\" is over 1000 hours for one intervention".to_string())
        );
    }
}
