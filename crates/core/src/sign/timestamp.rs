//! The two clouds' timestamp formats, as seconds since the Unix epoch (UTC).

use time::{format_description::FormatItem, macros::format_description, OffsetDateTime, PrimitiveDateTime};

/// Baidu: `2015-04-27T08:23:49Z`.
const BCE: &[FormatItem<'static>] = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
/// Huawei `X-Sdk-Date`: `20191115T033655Z`.
const SDK_DATE: &[FormatItem<'static>] = format_description!("[year][month][day]T[hour][minute][second]Z");

fn parse(s: &str, fmt: &[FormatItem<'_>]) -> Option<i64> {
    PrimitiveDateTime::parse(s, fmt).ok().map(|t| t.assume_utc().unix_timestamp())
}

/// The calendar fields, from `time`; the formatting below is done by hand because the
/// format-description interpreter cost more than a whole HMAC on signing's hot path.
fn fields(unix: i64) -> Option<(i32, u8, u8, u8, u8, u8)> {
    let t = OffsetDateTime::from_unix_timestamp(unix).ok()?;
    // One call each for the date and the time: the separate accessors each redo the
    // calendar arithmetic.
    let (year, month, day) = t.to_calendar_date();
    let (hour, minute, second) = t.to_hms();
    (0..=9999).contains(&year).then_some((year, u8::from(month), day, hour, minute, second))
}

/// Appends `n` (below 100) as two decimal digits. Constant divisors compile to
/// multiplications; the earlier `10.pow(i)` divisor was a real division per digit.
fn push_two(out: &mut String, n: u8) {
    out.push(char::from(b'0' + n / 10));
    out.push(char::from(b'0' + n % 10));
}

/// Both formats, with or without the separators; `std::fmt` costs more than an HMAC here.
fn push_fields(out: &mut String, unix: i64, separators: bool) -> Option<()> {
    let (y, mo, d, h, mi, s) = fields(unix)?;
    // `fields` keeps the year in 0..=9999.
    push_two(out, (y / 100) as u8);
    push_two(out, (y % 100) as u8);
    for (v, sep) in [(mo, '-'), (d, '-'), (h, 'T'), (mi, ':'), (s, ':')] {
        if separators || sep == 'T' {
            out.push(sep);
        }
        push_two(out, v);
    }
    out.push('Z');
    Some(())
}

fn format_fields(unix: i64, separators: bool) -> Option<String> {
    let mut out = String::with_capacity(20);
    push_fields(&mut out, unix, separators)?;
    Some(out)
}

/// Appends the Baidu form to `out` (the signer writes it straight into the
/// authorization string); `None`, with nothing appended, outside years 0..=9999.
pub fn push_bce(out: &mut String, unix: i64) -> Option<()> {
    push_fields(out, unix, true)
}

/// `None` only for instants outside years 0..=9999.
pub fn format_bce(unix: i64) -> Option<String> {
    format_fields(unix, true)
}

pub fn parse_bce(s: &str) -> Option<i64> {
    parse(s, BCE)
}

pub fn format_sdk_date(unix: i64) -> Option<String> {
    format_fields(unix, false)
}

pub fn parse_sdk_date(s: &str) -> Option<i64> {
    parse(s, SDK_DATE)
}

/// RFC 3339 UTC as `palisade sign --timestamp` takes it (`2026-03-02T04:58:06Z`).
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok().map(|t| t.unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_both_formats() {
        assert_eq!(format_bce(1430123029).unwrap(), "2015-04-27T08:23:49Z");
        assert_eq!(parse_bce("2015-04-27T08:23:49Z"), Some(1430123029));
        assert_eq!(format_sdk_date(1573789015).unwrap(), "20191115T033655Z");
        assert_eq!(parse_sdk_date("20191115T033655Z"), Some(1573789015));
        assert_eq!(format_bce(1).unwrap(), "1970-01-01T00:00:01Z");
        assert_eq!(format_bce(253402300799).unwrap(), "9999-12-31T23:59:59Z");
        assert_eq!(format_bce(253402300800), None);
        for t in [0, 951782400, 1709251199, 4102444800] {
            assert_eq!(parse_bce(&format_bce(t).unwrap()), Some(t), "{t}");
            assert_eq!(parse_sdk_date(&format_sdk_date(t).unwrap()), Some(t), "{t}");
        }
    }

    #[test]
    fn rejects_other_shapes() {
        assert_eq!(parse_bce("2015-04-27 08:23:49"), None);
        assert_eq!(parse_bce("2015-04-27T08:23:49+08:00"), None);
        assert_eq!(parse_sdk_date("2019-11-15T03:36:55Z"), None);
        assert_eq!(parse_rfc3339("2026-03-02T04:58:06Z"), Some(1772427486));
    }
}
