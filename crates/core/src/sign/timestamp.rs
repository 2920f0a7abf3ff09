//! The two clouds' timestamp formats, as seconds since the Unix epoch (UTC).

use time::{format_description::FormatItem, macros::format_description, OffsetDateTime, PrimitiveDateTime};

/// Baidu: `2015-04-27T08:23:49Z`.
const BCE: &[FormatItem<'static>] = format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]Z");
/// Huawei `X-Sdk-Date`: `20191115T033655Z`.
const SDK_DATE: &[FormatItem<'static>] = format_description!("[year][month][day]T[hour][minute][second]Z");

fn format(unix: i64, fmt: &[FormatItem<'_>]) -> Option<String> {
    OffsetDateTime::from_unix_timestamp(unix).ok()?.format(fmt).ok()
}

fn parse(s: &str, fmt: &[FormatItem<'_>]) -> Option<i64> {
    PrimitiveDateTime::parse(s, fmt).ok().map(|t| t.assume_utc().unix_timestamp())
}

/// `None` only for instants outside years 0..=9999.
pub fn format_bce(unix: i64) -> Option<String> {
    format(unix, BCE)
}

pub fn parse_bce(s: &str) -> Option<i64> {
    parse(s, BCE)
}

pub fn format_sdk_date(unix: i64) -> Option<String> {
    format(unix, SDK_DATE)
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
    }

    #[test]
    fn rejects_other_shapes() {
        assert_eq!(parse_bce("2015-04-27 08:23:49"), None);
        assert_eq!(parse_bce("2015-04-27T08:23:49+08:00"), None);
        assert_eq!(parse_sdk_date("2019-11-15T03:36:55Z"), None);
        assert_eq!(parse_rfc3339("2026-03-02T04:58:06Z"), Some(1772427486));
    }
}
