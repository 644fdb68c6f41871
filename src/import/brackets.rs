//! Custom offset brackets (Amplitude's and PostHog's "custom brackets"): a
//! cohort's retention over a range of offsets — the customers who bought in
//! any period of the range, over the cohort's size — e.g. `0, 1-2, 3-5,
//! 6-11, 12+`. A view of the same rows: regrouping is enough, no reading.

use crate::import::ids::group_by_customer;
use crate::import::read::Rows;
use crate::period::Period;

/// Offsets `lo ..= hi` (`hi` None: `lo` and every later one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bracket {
    /// First offset.
    pub lo: u32,
    /// Last offset, None for "and later".
    pub hi: Option<u32>,
}

impl Bracket {
    /// `0`, `1–2`, `12+`.
    pub fn label(&self) -> String {
        match self.hi {
            Some(hi) if hi == self.lo => self.lo.to_string(),
            Some(hi) => format!("{}–{hi}", self.lo),
            None => format!("{}+", self.lo),
        }
    }

    /// Whether offset k is in the bracket.
    pub fn contains(&self, k: u32) -> bool {
        k >= self.lo && self.hi.is_none_or(|hi| k <= hi)
    }
}

/// Why a bracket list cannot be read: which item (1-based) and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BracketError {
    /// The item is not `n`, `n-m` or `n+`.
    NotARange { item: usize, text: String },
    /// The item starts before the previous one ends (brackets go up and do
    /// not overlap), or ends before it starts.
    OutOfOrder { item: usize, text: String },
    /// An item after an open-ended `n+` one.
    AfterOpen { item: usize, text: String },
}

/// Reads `0, 1-2, 3-5, 6-11, 12+` (en dash, spaces, `，` and `、` allowed).
/// An empty text is no brackets.
pub fn parse(text: &str) -> Result<Vec<Bracket>, BracketError> {
    let mut out: Vec<Bracket> = Vec::new();
    let items = text
        .split([',', '，', '、', ';'])
        .map(str::trim)
        .filter(|s| !s.is_empty());
    for (i, item) in items.enumerate() {
        let n = i + 1;
        let bad = || BracketError::NotARange {
            item: n,
            text: item.to_string(),
        };
        let num = |s: &str| s.trim().parse::<u32>().ok().filter(|v| *v < 100_000);
        let b = if let Some(lo) = item.strip_suffix('+') {
            Bracket {
                lo: num(lo).ok_or_else(bad)?,
                hi: None,
            }
        } else if let Some((lo, hi)) = item.split_once(['-', '–', '—', '~', '～']) {
            Bracket {
                lo: num(lo).ok_or_else(bad)?,
                hi: Some(num(hi).ok_or_else(bad)?),
            }
        } else {
            let v = num(item).ok_or_else(bad)?;
            Bracket { lo: v, hi: Some(v) }
        };
        if let Some(prev) = out.last() {
            match prev.hi {
                None => {
                    return Err(BracketError::AfterOpen {
                        item: n,
                        text: item.to_string(),
                    })
                }
                Some(hi) if b.lo <= hi => {
                    return Err(BracketError::OutOfOrder {
                        item: n,
                        text: item.to_string(),
                    })
                }
                _ => {}
            }
        }
        if b.hi.is_some_and(|hi| hi < b.lo) {
            return Err(BracketError::OutOfOrder {
                item: n,
                text: item.to_string(),
            });
        }
        out.push(b);
    }
    Ok(out)
}

/// The brackets written back (`0,1-2,12+`).
pub fn write(brackets: &[Bracket]) -> String {
    brackets
        .iter()
        .map(|b| match b.hi {
            Some(hi) if hi == b.lo => b.lo.to_string(),
            Some(hi) => format!("{}-{hi}", b.lo),
            None => format!("{}+", b.lo),
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// One cohort's customers per bracket.
#[derive(Clone, Debug, PartialEq)]
pub struct BracketRow {
    /// Period index of the cohort.
    pub period: i32,
    /// Its label.
    pub label: String,
    /// Customers in the cohort.
    pub size: u64,
    /// Distinct customers who bought in any period of bracket b, for every
    /// bracket that has begun by the data's last period.
    pub active: Vec<u64>,
}

/// The bracket table of the rows (cohorts in period order).
pub fn table(rows: &Rows, g: Period, brackets: &[Bracket]) -> Vec<BracketRow> {
    if brackets.is_empty() || rows.cust.is_empty() {
        return Vec::new();
    }
    let n = rows.customers();
    let last = rows.day.iter().map(|&d| g.of_day(d)).max().unwrap_or(0);
    let (start, mut days) = group_by_customer(&rows.cust, n, |i| rows.day[i]);
    let mut by_period: std::collections::BTreeMap<i32, (u64, Vec<u64>)> = Default::default();
    for c in 0..n {
        let slice = &mut days[start[c] as usize..start[c + 1] as usize];
        if slice.is_empty() {
            continue;
        }
        slice.sort_unstable();
        let coh = g.of_day(slice[0]);
        let begun = brackets
            .iter()
            .take_while(|b| coh + b.lo as i32 <= last)
            .count();
        let row = by_period.entry(coh).or_insert_with(|| (0, vec![0; begun]));
        row.0 += 1;
        let (mut last_p, mut last_b) = (i32::MIN, usize::MAX);
        for &d in slice.iter() {
            let p = g.of_day(d);
            if p == last_p {
                continue;
            }
            last_p = p;
            let k = (p - coh) as u32;
            if let Some(b) = brackets.iter().position(|b| b.contains(k)) {
                if b != last_b {
                    row.1[b] += 1;
                    last_b = b;
                }
            }
        }
    }
    by_period
        .into_iter()
        .map(|(period, (size, active))| BracketRow {
            period,
            label: g.label(period),
            size,
            active,
        })
        .collect()
}

/// Whether a bracket's cell of a cohort is over (its last period before the
/// data's last, which is in progress); an open bracket never is.
pub fn complete(b: &Bracket, cohort: i32, last_period: i32) -> bool {
    b.hi.is_some_and(|hi| cohort + (hi as i32) < last_period)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{analyze_rows, inspect};

    #[test]
    fn reading_brackets() {
        let b = parse("0, 1-2, 3–5, 6-11, 12+").unwrap();
        assert_eq!(b.len(), 5);
        assert_eq!(
            b.iter().map(Bracket::label).collect::<Vec<_>>(),
            ["0", "1–2", "3–5", "6–11", "12+"]
        );
        assert_eq!(write(&b), "0,1-2,3-5,6-11,12+");
        assert_eq!(parse(&write(&b)), Ok(b));
        assert_eq!(parse(""), Ok(vec![]));
        assert_eq!(
            parse("0，1~3"),
            Ok(vec![
                Bracket { lo: 0, hi: Some(0) },
                Bracket { lo: 1, hi: Some(3) }
            ])
        );
        assert!(matches!(
            parse("0, x"),
            Err(BracketError::NotARange { item: 2, .. })
        ));
        assert!(matches!(
            parse("0-3, 2-4"),
            Err(BracketError::OutOfOrder { item: 2, .. })
        ));
        assert!(matches!(
            parse("5-3"),
            Err(BracketError::OutOfOrder { item: 1, .. })
        ));
        assert!(matches!(
            parse("3+, 5"),
            Err(BracketError::AfterOpen { item: 2, .. })
        ));
    }

    #[test]
    fn bracket_cells_by_hand() {
        // A: Jan, Feb, Mar; B: Jan, Apr; C: Feb. Last month April.
        let text = "customer,date\nA,2024-01-05\nA,2024-02-01\nA,2024-03-09\nB,2024-01-20\nB,2024-04-02\nC,2024-02-10\n";
        let s = inspect(text).unwrap().guessed_settings();
        let (_, rows) = analyze_rows(text, &s, &mut |_| true).unwrap();
        let b = parse("0, 1-2, 3+").unwrap();
        let t = table(&rows, Period::Month, &b);
        assert_eq!(t.len(), 2);
        // Jan: +0 both; +1–2 only A (once, though twice); 3+ only B.
        assert_eq!(
            (t[0].label.as_str(), t[0].size, t[0].active.clone()),
            ("2024-01", 2, vec![2, 1, 1])
        );
        // Feb: +0 C; +1–2 nobody; 3+ not begun (Feb + 3 = May > April).
        assert_eq!((t[1].size, t[1].active.clone()), (1, vec![1, 0]));
        let last = rows
            .day
            .iter()
            .map(|&d| Period::Month.of_day(d))
            .max()
            .unwrap();
        assert!(complete(&b[1], t[0].period, last));
        assert!(
            !complete(&b[1], t[1].period, last),
            "Feb +1–2 reaches April"
        );
        assert!(!complete(&b[2], t[0].period, last));
    }
}
