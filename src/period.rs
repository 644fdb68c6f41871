//! The one period enum: the simulator's period length (labels only: every
//! rate is per period) and the calendar period of imported cohorts. Owns the
//! codes used in the link, the selects and the JSON, and the calendar maths
//! from a day to its period. Imports only the calendar helpers of
//! [`crate::import::dates`].

use crate::import::dates;

/// A period: a calendar month, an ISO week or a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum Period {
    /// Calendar months (`year*12 + month` differences); the default.
    #[default]
    Month,
    /// ISO weeks starting Monday.
    Week,
    /// Days.
    Day,
}

impl Period {
    /// Every period, in the order the selects show them.
    pub const ALL: [Period; 3] = [Period::Month, Period::Week, Period::Day];

    /// The code in the link, the selects and the JSON.
    pub fn code(self) -> &'static str {
        match self {
            Period::Month => "month",
            Period::Week => "week",
            Period::Day => "day",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<Period> {
        Period::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The period index of a day (days since 1970-01-01).
    pub fn of_day(self, day: i32) -> i32 {
        match self {
            Period::Month => {
                let (y, m, _) = dates::civil_from_days(day);
                y * 12 + m as i32 - 1
            }
            // 1970-01-01 was a Thursday: +3 puts Mondays on multiples of 7.
            Period::Week => (day + 3).div_euclid(7),
            Period::Day => day,
        }
    }

    /// The label of a period: `YYYY-MM`, the Monday `YYYY-MM-DD`, or the day.
    pub fn label(self, period: i32) -> String {
        match self {
            Period::Month => format!(
                "{:04}-{:02}",
                period.div_euclid(12),
                period.rem_euclid(12) + 1
            ),
            Period::Week => dates::iso(period * 7 - 3),
            Period::Day => dates::iso(period),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_periods_label_their_start() {
        for p in Period::ALL {
            assert_eq!(Period::from_code(p.code()), Some(p));
        }
        let day = dates::days_from_civil(2024, 3, 14); // a Thursday
        assert_eq!(Period::Month.label(Period::Month.of_day(day)), "2024-03");
        assert_eq!(Period::Week.label(Period::Week.of_day(day)), "2024-03-11");
        assert_eq!(Period::Day.label(Period::Day.of_day(day)), "2024-03-14");
    }
}
