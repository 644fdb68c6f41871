//! Every word the page shows, in English and Simplified Chinese.
//!
//! Each message is an [`L`] pair (English, 中文), so a message cannot exist in
//! one language only: nothing silently falls back to English. How numbers
//! and errors are *shown* to a person lives here too, in both languages.

pub mod data_words;
pub mod words;

use crate::formats::link::Ignored;

pub use data_words::*;
pub use words::*;

/// The page language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Both languages, in the order of the language switch.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The code used in the language switch (`en`, `zh`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language's own name, shown in the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文",
        }
    }

    /// Parses a switch code; anything unknown is `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language for a browser language list (`navigator.languages`):
    /// the first entry that is English or Chinese wins; otherwise English.
    pub fn from_browser<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        for tag in tags {
            let primary = tag
                .split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            match primary.as_str() {
                "zh" => return Lang::Zh,
                "en" => return Lang::En,
                _ => {}
            }
        }
        Lang::En
    }
}

/// One message in both languages: (English, 中文).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct L(pub &'static str, pub &'static str);

impl L {
    /// The message in `lang`.
    pub fn get(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.0,
            Lang::Zh => self.1,
        }
    }
}

/// A number for display: at most `decimals` decimals, trailing zeros dropped,
/// thousands grouped with commas (both languages use `1,234.5`), a true minus
/// sign, and never `-0`. Non-finite numbers show as `—`.
pub fn format_number(lang: Lang, x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "—".to_string();
    }
    if x.abs() >= 1e9 {
        // Ten digits or more never fit a card: 2.21 billion, 22.1亿.
        return compact(lang, x);
    }
    grouped(x, decimals)
}

/// An estimate (a model parameter, a rate, an expectation) in a card:
/// three decimals in the usual range, a word for millions and up
/// (2.21 million, 221万), and powers of ten below a thousandth
/// (3.2 × 10⁻⁵), so that no value overflows the box made for 0.243.
pub fn format_estimate(lang: Lang, x: f64) -> String {
    let a = x.abs();
    if !x.is_finite() {
        "—".to_string()
    } else if a >= 1e6 {
        compact(lang, x)
    } else if a > 0.0 && a < 1e-3 {
        scientific(x)
    } else {
        grouped(x, 3)
    }
}

/// A large number with its word: 2.21 million / billion / trillion
/// (中文: 万, 亿, 万亿); past those, a power of ten.
fn compact(lang: Lang, x: f64) -> String {
    let a = x.abs();
    let units: &[(f64, &str)] = match lang {
        Lang::En => &[(1e12, " trillion"), (1e9, " billion"), (1e6, " million")],
        Lang::Zh => &[(1e12, "万亿"), (1e8, "亿"), (1e4, "万")],
    };
    if a >= 1e15 {
        return scientific(x);
    }
    match units.iter().find(|(size, _)| a >= *size) {
        Some((size, word)) => {
            let v = x / size;
            let decimals = if v.abs() >= 100.0 {
                0
            } else if v.abs() >= 10.0 {
                1
            } else {
                2
            };
            format!("{}{word}", grouped(v, decimals))
        }
        None => grouped(x, 0),
    }
}

/// x as m × 10ⁿ with two decimals of m: 3.2 × 10⁻⁵.
fn scientific(x: f64) -> String {
    const SUP: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let text = format!("{:.2e}", x.abs());
    let (m, e) = text.split_once('e').unwrap_or((&text, "0"));
    let e: i32 = e.parse().unwrap_or(0);
    let mut power: String = e
        .unsigned_abs()
        .to_string()
        .chars()
        .map(|d| SUP[d.to_digit(10).unwrap_or(0) as usize])
        .collect();
    if e < 0 {
        power.insert(0, '⁻');
    }
    let m = m.trim_end_matches('0').trim_end_matches('.');
    format!("{}{m} × 10{power}", if x < 0.0 { "−" } else { "" })
}

/// Thousands separators and up to `decimals` decimals, trailing zeros dropped.
fn grouped(x: f64, decimals: usize) -> String {
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let negative = x < 0.0 && (grouped != "0" || !frac.is_empty());
    let mut out = String::new();
    if negative {
        out.push('−');
    }
    out.push_str(&grouped);
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

/// A fraction as a percent: `0.2345` → `23.5%` (`decimals` after the point).
pub fn format_percent(lang: Lang, x: f64, decimals: usize) -> String {
    format!("{}%", format_number(lang, x * 100.0, decimals))
}

/// Money with a currency-neutral look: `1,234` / `1,234 元`-free (the page
/// works in the user's own currency), large values shortened per language:
/// `1.2M` in English, `120万` in Chinese.
pub fn format_money(lang: Lang, x: f64) -> String {
    let a = x.abs();
    match lang {
        Lang::En if a >= 1e9 => format!("{}B", format_number(lang, x / 1e9, 2)),
        Lang::En if a >= 1e6 => format!("{}M", format_number(lang, x / 1e6, 2)),
        Lang::Zh if a >= 1e8 => format!("{}亿", format_number(lang, x / 1e8, 2)),
        Lang::Zh if a >= 1e4 => format!("{}万", format_number(lang, x / 1e4, 2)),
        _ => format_number(lang, x, 2),
    }
}

/// One ignored part of a link, as a short phrase.
pub fn ignored(lang: Lang, item: &Ignored) -> String {
    match item {
        Ignored::UnknownKey(k) => format!("{} “{k}”", LINK_UNKNOWN_KEY.get(lang)),
        Ignored::Malformed { key, value } => {
            format!("{key}: {} “{value}”", LINK_MALFORMED.get(lang))
        }
        Ignored::Clamped { key, value, to } => {
            format!(
                "{key}={value}: {} {}",
                LINK_CLAMPED.get(lang),
                format_number(lang, *to, 4)
            )
        }
        Ignored::Version(v) => format!("v={v}: {}", LINK_VERSION.get(lang)),
        Ignored::More(n) => match lang {
            Lang::En => format!("and {n} more"),
            Lang::Zh => format!("另有 {n} 项未列出"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_and_tiny_numbers_fit_a_card() {
        assert_eq!(format_number(Lang::En, 2_212_642_365.0, 3), "2.21 billion");
        assert_eq!(format_number(Lang::Zh, 2_212_642_365.0, 3), "22.1亿");
        assert_eq!(format_number(Lang::En, 250_000.0, 0), "250,000");
        assert_eq!(format_estimate(Lang::En, 0.243), "0.243");
        assert_eq!(format_estimate(Lang::En, 2_212_642.0), "2.21 million");
        assert_eq!(format_estimate(Lang::Zh, 2_212_642.0), "221万");
        assert_eq!(format_estimate(Lang::En, 3.2e-5), "3.2 × 10⁻⁵");
        assert_eq!(format_estimate(Lang::En, -0.000_012_34), "−1.23 × 10⁻⁵");
        assert_eq!(format_estimate(Lang::En, 0.0), "0");
        assert_eq!(format_estimate(Lang::En, 4.0e20), "4 × 10²⁰");
        assert_eq!(format_estimate(Lang::En, f64::NAN), "—");
        for x in [1e6, 9.99e8, 1e9, 1.5e12, 3e15, 1e-4, 1e-300] {
            for l in Lang::ALL {
                assert!(format_estimate(l, x).chars().count() <= 14, "{x} {l:?}");
            }
        }
    }

    #[test]
    fn counts_are_singular_or_plural() {
        assert_eq!(
            import_done(Lang::En, 8, 1, 2, 0),
            "Read 8 rows: 1 customer in 2 cohorts; 0 rows skipped."
        );
        assert_eq!(
            import_done(Lang::En, 1, 4, 1, 1),
            "Read 1 row: 4 customers in 1 cohort; 1 row skipped."
        );
        assert_eq!(left_out(Lang::En, 1, 0), " 1 row left out by status.");
        assert_eq!(left_out(Lang::En, 0, 3), " 3 rows left out by the filter.");
        assert!(filtered_rows(Lang::En, 1, "cancelled 1").starts_with("1 row left out:"));
        assert_eq!(
            import_done(Lang::Zh, 1, 1, 1, 0),
            "已读取 1 行：1 位客户，1 个同期群；跳过 0 行。"
        );
    }

    #[test]
    fn browser_language_picks_the_first_known() {
        assert_eq!(Lang::from_browser(["zh-CN", "en-US"]), Lang::Zh);
        assert_eq!(Lang::from_browser(["de-DE", "zh_TW"]), Lang::Zh);
        assert_eq!(Lang::from_browser(["en-GB", "zh"]), Lang::En);
        assert_eq!(Lang::from_browser(["fr"]), Lang::En);
        assert_eq!(Lang::from_browser([]), Lang::En);
    }

    #[test]
    fn numbers_format_plainly() {
        assert_eq!(format_number(Lang::En, 40.0, 1), "40");
        assert_eq!(format_number(Lang::En, -20.25, 1), "−20.2");
        assert_eq!(format_number(Lang::Zh, 1234567.891, 2), "1,234,567.89");
        assert_eq!(format_number(Lang::En, -0.0001, 2), "0");
        assert_eq!(format_number(Lang::En, f64::NAN, 2), "—");
        assert_eq!(format_number(Lang::En, 999.999, 2), "1,000");
        assert_eq!(format_percent(Lang::En, 0.2346, 1), "23.5%");
        assert_eq!(format_money(Lang::En, 250_000.0), "250,000");
        assert_eq!(format_money(Lang::Zh, 250_000.0), "25万");
        assert_eq!(format_money(Lang::En, 2_500_000.0), "2.5M");
    }
}
