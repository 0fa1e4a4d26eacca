//! Durations as request-management tools and people write them: hours with a decimal point or
//! comma (1.5, 1,5, 1,5 h), hours and minutes (1h30, 1 h 30, 2h), minutes (90 min) or a clock
//! (01:30), read exactly into minutes. A number without its unit is hours, but not beyond a
//! working day: a log exported in minutes would otherwise weigh sixty times too much.

use rust_decimal::Decimal;

use crate::messages::copil as msg;

/// Longest duration one intervention may have: a typing slip beyond it (150 for 1,50) would
/// weigh on the whole report.
const MAX_HOURS: i64 = 1000;

/// Longest duration a number without its unit may say, in hours: a working day. Beyond it,
/// the number is more likely minutes, and is read only with its unit.
pub const MAX_BARE_HOURS: i64 = 10;

/// The minutes of `text`, or what is wrong with it.
pub fn minutes(text: &str) -> Result<Decimal, String> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let unreadable = || msg::cannot_read_duration(text);
    if compact.starts_with('-') {
        return Err(msg::negative_duration(text));
    }
    let minutes = if let Some(hours) = bare_hours(text) {
        if hours > Decimal::from(MAX_BARE_HOURS) {
            return Err(msg::bare_duration_too_long(text, MAX_BARE_HOURS));
        }
        hours * Decimal::from(60)
    } else if let Some((hours, rest)) = compact.split_once(['h', 'H', ':']) {
        let clock = compact.contains(':');
        let rest = rest.strip_suffix("min").unwrap_or(rest);
        if rest.is_empty() && !clock {
            // 2h, 1,5 h: hours, as a decimal.
            decimal_hours(hours).ok_or_else(unreadable)? * Decimal::from(60)
        } else {
            let hours = whole(hours).ok_or_else(unreadable)?;
            let minutes = match rest {
                _ if rest.len() == 2 || (!clock && rest.len() == 1) => {
                    whole(rest).filter(|m| *m < 60).ok_or_else(unreadable)?
                }
                _ => return Err(unreadable()),
            };
            Decimal::from(hours * 60 + minutes)
        }
    } else if let Some(number) = compact.strip_suffix("min").or(compact.strip_suffix("mn")) {
        decimal_hours(number).ok_or_else(unreadable)?
    } else {
        return Err(unreadable());
    };
    if minutes > Decimal::from(MAX_HOURS * 60) {
        return Err(msg::duration_too_long(text, MAX_HOURS));
    }
    Ok(minutes)
}

/// The hours of `text` when it is a number without its unit (1.5, 1,5, 90).
pub fn bare_hours(text: &str) -> Option<Decimal> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    decimal_hours(&compact)
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
        // With their unit, durations are read as written, beyond a working day too.
        for (text, expected) in [
            ("90 min", "90"),
            ("90min", "90"),
            ("7,5 min", "7.5"),
            ("45 mn", "45"),
            ("1,5 h", "90"),
            ("1.5h", "90"),
            ("12 h", "720"),
            ("600 min", "600"),
            ("12:00", "720"),
        ] {
            assert_eq!(minutes(text), Ok(dec(expected)), "{text}");
        }
        assert_eq!(minutes("10"), Ok(dec("600")));
    }

    #[test]
    fn a_bare_number_past_a_working_day_is_refused_as_likely_minutes() {
        assert_eq!(
            minutes("90"),
            Err("duration \"90\" is over 10 hours for one intervention: if it is minutes, write \"90 min\"; if hours, \"90 h\"".to_string())
        );
        assert!(minutes("10,5").is_err());
        assert_eq!(bare_hours("1,5"), Some(dec("1.5")));
        assert_eq!(bare_hours("1h30"), None);
        assert_eq!(bare_hours("90 min"), None);
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
            minutes("1001 h"),
            Err("duration \"1001 h\" is over 1000 hours for one intervention".to_string())
        );
        for bad in ["min", "1,5h30", "h30", "1.5.2 min"] {
            assert!(minutes(bad).is_err(), "{bad}");
        }
    }
}
