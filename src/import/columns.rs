//! Which column is which: header names in English or Chinese, else the
//! content (dates, amounts). The user can always remap.

use crate::import::{amount, dates};

/// Columns used by the analysis (0-based indices).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mapping {
    /// Customer id.
    pub customer: usize,
    /// Date (with or without time).
    pub date: usize,
    /// Amount, if any.
    pub amount: Option<usize>,
    /// Order id, if any (counted, not required).
    pub order: Option<usize>,
    /// Order status, if any: rows whose status says "not a purchase" are
    /// left out unless the user keeps them (see `shops::status_excluded`).
    pub status: Option<usize>,
    /// A "cancelled at" / after-sale column: a date or an excluded status
    /// there leaves the row out too.
    pub cancelled: Option<usize>,
    /// The segment column, if the user picked one.
    pub segment: Option<usize>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Customer,
    Date,
    Amount,
    Order,
}

/// The role a header name suggests, by keywords in English and Chinese.
fn role_of(name: &str) -> Option<Role> {
    let n = name.trim().to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| n.contains(w));
    if has(&[
        "date",
        "time",
        "day",
        "created",
        "日期",
        "时间",
        "下单时间",
        "付款时间",
        "交易时间",
    ]) {
        Some(Role::Date)
    } else if has(&[
        "amount",
        "revenue",
        "sales",
        "total",
        "price",
        "value",
        "spend",
        "paid",
        "金额",
        "实付",
        "销售额",
        "收入",
        "价",
    ]) {
        Some(Role::Amount)
    } else if has(&[
        "customer", "cust", "client", "user", "member", "buyer", "account", "客户", "会员", "用户",
        "顾客", "买家", "cid",
    ]) {
        Some(Role::Customer)
    } else if has(&[
        "order",
        "invoice",
        "transaction",
        "receipt",
        "订单",
        "单号",
        "交易号",
        "流水",
    ]) {
        Some(Role::Order)
    } else {
        None
    }
}

/// Whether the first record looks like a header: none of its fields is a
/// date, and either a field names a known role or the next record has a date.
pub fn is_header(first: &[String], next: Option<&[String]>) -> bool {
    let no_dates = first.iter().all(|f| dates::parse(f).is_none());
    let named = first.iter().any(|f| role_of(f).is_some());
    let next_has_date = next.is_some_and(|r| r.iter().any(|f| dates::parse(f).is_some()));
    no_dates && (named || next_has_date)
}

/// A guess at the mapping from the header (if any) and sample rows; None if
/// no column holds dates.
pub fn guess(header: Option<&[String]>, sample: &[Vec<String>], columns: usize) -> Option<Mapping> {
    let share = |col: usize, ok: &dyn Fn(&str) -> bool| {
        let values: Vec<&str> = sample
            .iter()
            .filter_map(|r| r.get(col).map(String::as_str))
            .filter(|v| !v.trim().is_empty())
            .collect();
        if values.is_empty() {
            0.0
        } else {
            values.iter().filter(|v| ok(v)).count() as f64 / values.len() as f64
        }
    };
    let mut by_name = [None; 4];
    if let Some(h) = header {
        for (i, name) in h.iter().enumerate() {
            if let Some(role) = role_of(name) {
                let slot = &mut by_name[role as usize];
                if slot.is_none() {
                    *slot = Some(i);
                }
            }
        }
    }
    let date_share = |c: usize| share(c, &|v| dates::parse(v).is_some());
    let date = by_name[Role::Date as usize]
        .filter(|&c| date_share(c) > 0.5)
        .or_else(|| {
            (0..columns)
                .map(|c| (c, date_share(c)))
                .filter(|(_, s)| *s > 0.5)
                .max_by(|a, b| a.1.total_cmp(&b.1))
                .map(|(c, _)| c)
        })?;
    let amount_share = |c: usize| share(c, &|v| amount::parse(v).is_some());
    let amount = by_name[Role::Amount as usize]
        .filter(|&c| c != date)
        .or_else(|| {
            // Content: a numeric column with decimals, or any numeric column after the date.
            (0..columns)
                .filter(|&c| c != date && Some(c) != by_name[Role::Customer as usize])
                .filter(|&c| amount_share(c) > 0.9)
                .find(|&c| {
                    header.is_some()
                        || sample
                            .iter()
                            .any(|r| r.get(c).is_some_and(|v| v.contains(['.', ','])))
                        || c > date
                })
        });
    let customer = by_name[Role::Customer as usize]
        .filter(|&c| c != date && Some(c) != amount)
        .or_else(|| (0..columns).find(|&c| c != date && Some(c) != amount))?;
    let order =
        by_name[Role::Order as usize].filter(|&c| c != date && c != customer && Some(c) != amount);
    Some(Mapping {
        customer,
        date,
        amount,
        order,
        status: header.and_then(crate::import::shops::status_column),
        cancelled: None,
        segment: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &[&[&str]]) -> Vec<Vec<String>> {
        text.iter()
            .map(|r| r.iter().map(|s| s.to_string()).collect())
            .collect()
    }

    #[test]
    fn english_and_chinese_headers() {
        let h = rows(&[&["Order ID", "Customer", "Order Date", "Amount"]]);
        let s = rows(&[
            &["O1", "C1", "2024-01-02", "12.5"],
            &["O2", "C2", "2024-01-03", "8"],
        ]);
        assert!(is_header(&h[0], Some(&s[0])));
        assert_eq!(
            guess(Some(&h[0]), &s, 4),
            Some(Mapping {
                customer: 1,
                date: 2,
                amount: Some(3),
                order: Some(0),
                ..Mapping::default()
            })
        );
        let h = rows(&[&["会员编号", "下单时间", "实付金额"]]);
        let s = rows(&[&["M1", "2024/01/02 10:00", "¥12.50"]]);
        assert_eq!(
            guess(Some(&h[0]), &s, 3),
            Some(Mapping {
                customer: 0,
                date: 1,
                amount: Some(2),
                order: None,
                ..Mapping::default()
            })
        );
    }

    #[test]
    fn content_without_header() {
        let s = rows(&[&["C1", "2024-01-02", "12.5"], &["C2", "2024-01-03", "8"]]);
        assert!(!is_header(&s[0], Some(&s[1])));
        assert_eq!(
            guess(None, &s, 3),
            Some(Mapping {
                customer: 0,
                date: 1,
                amount: Some(2),
                order: None,
                ..Mapping::default()
            })
        );
        let s = rows(&[&["2024-01-02", "C1"], &["2024-01-05", "C2"]]);
        assert_eq!(
            guess(None, &s, 2),
            Some(Mapping {
                customer: 1,
                date: 0,
                amount: None,
                order: None,
                ..Mapping::default()
            })
        );
        assert_eq!(guess(None, &rows(&[&["a", "b"]]), 2), None);
    }
}
