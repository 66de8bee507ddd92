//! Calendar dates as the files write them (`YYYY-MM-DD`), and today's date.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// A date in the proleptic Gregorian calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Parses exactly `YYYY-MM-DD`, rejecting dates that do not exist (2023-02-29).
    pub fn parse(text: &str) -> Option<Date> {
        let mut parts = text.split('-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if !(all_digits(y) && all_digits(m) && all_digits(d)) {
            return None;
        }
        let date = Date {
            year: y.parse().ok()?,
            month: m.parse().ok()?,
            day: d.parse().ok()?,
        };
        (1..=12)
            .contains(&date.month)
            .then_some(())
            .filter(|_| (1..=days_in_month(date.year, date.month)).contains(&date.day))
            .map(|_| date)
    }

    /// Today (UTC), or `RG_TODAY=YYYY-MM-DD` when set, so outputs can be reproduced. The
    /// program refuses an `RG_TODAY` that is not a date before it runs ([`today_override`]).
    pub fn today() -> Date {
        if let Ok(Some(date)) = today_override() {
            return date;
        }
        let seconds = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days_since_epoch((seconds / 86_400) as i64)
    }

    /// Civil date from days since 1970-01-01 (the era-based algorithm for the Gregorian calendar).
    fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z.rem_euclid(146_097);
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153;
        let day = (day_of_year - (153 * shifted_month + 2) / 5 + 1) as u32;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        } as u32;
        let year = (year_of_era + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Whole months from `self` to `later` (negative when `later` is earlier).
    pub fn months_until(self, later: Date) -> i64 {
        let months =
            i64::from(later.year - self.year) * 12 + i64::from(later.month) - i64::from(self.month);
        if later.day < self.day {
            months - 1
        } else {
            months
        }
    }
}

/// `RG_TODAY` as a date: `None` when it is unset or empty, an error naming the variable and
/// the format when it is not a date (a typo must not quietly mean today).
pub fn today_override() -> Result<Option<Date>, String> {
    override_from(std::env::var_os("RG_TODAY"))
}

fn override_from(value: Option<std::ffi::OsString>) -> Result<Option<Date>, String> {
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    match value.to_str().and_then(Date::parse) {
        Some(date) => Ok(Some(date)),
        None => Err(format!(
            "RG_TODAY is `{}`, not a date; write it as YYYY-MM-DD (e.g. RG_TODAY=2024-03-01), or unset it",
            value.to_string_lossy()
        )),
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_only_real_dates() {
        assert_eq!(
            Date::parse("2024-02-29"),
            Some(Date {
                year: 2024,
                month: 2,
                day: 29
            })
        );
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(Date::parse("2024-13-01"), None);
        assert_eq!(Date::parse("2024-1-01"), None);
        assert_eq!(Date::parse("1. marts 2024"), None);
    }

    #[test]
    fn epoch_days_to_civil() {
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
        assert_eq!(
            Date::from_days_since_epoch(19_782).to_string(),
            "2024-02-29"
        );
        assert_eq!(
            Date::from_days_since_epoch(20_781).to_string(),
            "2026-11-24"
        );
    }

    #[test]
    fn rg_today_must_be_a_date() {
        let date = |text: &str| override_from(Some(text.into()));
        assert_eq!(date("2024-02-29").unwrap(), Date::parse("2024-02-29"));
        assert_eq!(override_from(None), Ok(None));
        assert_eq!(date(""), Ok(None));
        let error = date("garbage").unwrap_err();
        assert!(
            error.contains("RG_TODAY") && error.contains("YYYY-MM-DD"),
            "{error}"
        );
        assert!(date("2023-02-29").is_err());
    }

    #[test]
    fn whole_months() {
        let a = Date::parse("2025-03-15").unwrap();
        assert_eq!(a.months_until(Date::parse("2026-03-15").unwrap()), 12);
        assert_eq!(a.months_until(Date::parse("2026-03-14").unwrap()), 11);
    }
}
