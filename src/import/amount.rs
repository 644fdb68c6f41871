//! Amounts as shops export them: currency signs and codes (¥ $ € £ 元 RMB
//! CNY USD …), thousands separators, a decimal comma, a minus or parentheses
//! for refunds.

/// Reads an amount; None if it is not a finite number.
///
/// With both `,` and `.` present, the last one is the decimal mark
/// (`1.234,56`, `1,234.56`); a lone `,` followed by exactly three digits is a
/// thousands separator (`1,234`), otherwise a decimal comma (`12,5`).
pub fn parse(s: &str) -> Option<f64> {
    let t = crate::import::csv::trim(s);
    if let Some(v) = crate::formats::decimal::parse(t) {
        return v.is_finite().then_some(v);
    }
    let (neg, t) = match t.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        Some(inner) => (true, inner),
        None => (false, t),
    };
    // Currency codes are dropped; any other letter means it is not an amount.
    let mut t = t.to_ascii_uppercase();
    for code in [
        "RMB", "CNY", "USD", "EUR", "GBP", "HKD", "JPY", "TWD", "SGD", "AUD", "CAD",
    ] {
        t = t.replace(code, "");
    }
    let mut cleaned = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '0'..='9' | '.' | ',' | '-' | '+' => cleaned.push(c),
            ' ' | '\u{a0}' | '\'' | '_' | '¥' | '￥' | '$' | '€' | '£' | '元' => {}
            _ => return None,
        }
    }
    if !cleaned.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let (dots, commas) = (cleaned.matches('.').count(), cleaned.matches(',').count());
    let normal = match (dots, commas) {
        (_, 0) => cleaned,
        (0, 1) => {
            let after = cleaned.len() - cleaned.find(',')? - 1;
            if after == 3 {
                cleaned.replace(',', "")
            } else {
                cleaned.replace(',', ".")
            }
        }
        (0, _) => cleaned.replace(',', ""),
        _ => {
            if cleaned.rfind(',')? > cleaned.rfind('.')? {
                cleaned.replace('.', "").replace(',', ".")
            } else {
                cleaned.replace(',', "")
            }
        }
    };
    let v = crate::formats::decimal::parse(&normal)?;
    v.is_finite().then_some(if neg { -v } else { v })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shop_amounts() {
        for (s, v) in [
            ("12.5", 12.5),
            ("  7 ", 7.0),
            ("12,5", 12.5),
            ("1,234", 1234.0),
            ("1,234.56", 1234.56),
            ("1.234,56", 1234.56),
            ("¥1,299.00", 1299.0),
            ("￥ 88", 88.0),
            ("88元", 88.0),
            ("RMB 1 299,50", 1299.5),
            ("$-3.20", -3.2),
            ("(15.00)", -15.0),
            ("€2.000.000,00", 2_000_000.0),
        ] {
            assert_eq!(parse(s), Some(v), "{s}");
        }
        for s in ["", "abc", "1e999", "NaN", "12/3", "--", "C1", "A12"] {
            assert_eq!(parse(s), None, "{s}");
        }
    }
}
