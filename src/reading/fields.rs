//! The fields every kind of record shares: trimmed text, and dates as people write them.

use chrono::NaiveDate;

use crate::convention::Convention;
use crate::messages::records as msg;

/// Trims white space, without looking twice at a field that has none.
pub fn trim(field: &str) -> &str {
    match field.as_bytes() {
        [] => field,
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => field,
        [only] if only.is_ascii_graphic() => field,
        _ => field.trim(),
    }
}

/// A date written 2021-03-15 or 15/03/2021, within `c`'s days of service.
pub fn date_of_service(text: &str, c: &Convention) -> Result<NaiveDate, String> {
    let date = parse_date(text)?;
    if date < c.start || date > c.last_day() {
        return Err(msg::outside_convention(date, c.start, c.last_day()));
    }
    Ok(date)
}

/// A date written 2021-03-15 or 15/03/2021.
fn parse_date(text: &str) -> std::result::Result<NaiveDate, String> {
    let b = text.as_bytes();
    // The year, month and day as written, in either order.
    let parts = if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        Some((&b[..4], &b[5..7], &b[8..]))
    } else if b.len() == 10 && b[2] == b'/' && b[5] == b'/' {
        // 15/03/2021, the usual way, without a search for the slashes.
        Some((&b[6..], &b[3..5], &b[..2]))
    } else {
        let mut parts = text.split('/').map(str::as_bytes);
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some(d), Some(m), Some(y), None) if d.len() <= 2 && m.len() <= 2 && y.len() == 4 => {
                Some((y, m, d))
            }
            _ => None,
        }
    };
    let ymd = parts.and_then(|(y, m, d)| Some((number(y)?, number(m)?, number(d)?)));
    let Some((year, month, day)) = ymd else {
        return Err(msg::cannot_read_date(text));
    };
    NaiveDate::from_ymd_opt(year as i32, month, day).ok_or_else(|| msg::impossible_date(text))
}

/// A number of one to four ASCII digits.
fn number(digits: &[u8]) -> Option<u32> {
    if !(1..=4).contains(&digits.len()) {
        return None;
    }
    digits
        .iter()
        .try_fold(0, |n, d| match d.wrapping_sub(b'0') {
            digit @ 0..=9 => Some(n * 10 + u32::from(digit)),
            _ => None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_people_write_them() {
        let day = |y, m, d| Ok(NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(parse_date("2021-03-15"), day(2021, 3, 15));
        assert_eq!(parse_date("15/03/2021"), day(2021, 3, 15));
        assert_eq!(parse_date("5/3/2021"), day(2021, 3, 5));
        assert_eq!(parse_date("05/3/2021"), day(2021, 3, 5));
        assert_eq!(parse_date("31/12/2021"), day(2021, 12, 31));
        for unreadable in [
            "15/03/21",
            "2021-3-15",
            "15-03-2021",
            "1x/03/2021",
            "15/03/2O21",
            "/03/2021",
        ] {
            assert!(
                parse_date(unreadable)
                    .unwrap_err()
                    .starts_with("cannot read date"),
                "{unreadable}"
            );
        }
        for impossible in ["31/06/2021", "2021-02-29", "00/01/2021", "2021-13-01"] {
            assert!(
                parse_date(impossible)
                    .unwrap_err()
                    .starts_with("impossible date"),
                "{impossible}"
            );
        }
    }
}
