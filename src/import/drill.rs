//! Who is in a cell: the customers of cohort c active at offset k, with
//! their orders and revenue in that cell — from the kept rows, in the worker
//! (never in a link: these are customer ids).

use crate::import::read::Rows;
use crate::period::Period;

/// One customer of a cell.
#[derive(Clone, Debug, PartialEq)]
pub struct CellCustomer {
    /// The customer id as written in the file.
    pub id: String,
    /// Rows (orders) of this customer in the cell's period.
    pub orders: u64,
    /// Their amounts in the cell's period (0 without an amount column).
    pub revenue: f64,
}

/// The customers of the cell (cohort period `cohort`, offset `k`), most
/// revenue first, then most orders, then by id.
pub fn cell_customers(rows: &Rows, g: Period, cohort: i32, k: usize) -> Vec<CellCustomer> {
    let n = rows.customers();
    let mut first = vec![i32::MAX; n];
    for (i, &c) in rows.cust.iter().enumerate() {
        let f = &mut first[c as usize];
        *f = (*f).min(rows.day[i]);
    }
    let target = cohort + k as i32;
    let mut orders = vec![0u64; n];
    let mut revenue = vec![0f64; n];
    for (i, &c) in rows.cust.iter().enumerate() {
        let c = c as usize;
        if g.of_day(first[c]) == cohort && g.of_day(rows.day[i]) == target {
            orders[c] += 1;
            if let Some(a) = &rows.amt {
                revenue[c] += a[i];
            }
        }
    }
    let mut out: Vec<CellCustomer> = (0..n)
        .filter(|&c| orders[c] > 0)
        .map(|c| CellCustomer {
            id: rows.name(c).to_string(),
            orders: orders[c],
            revenue: revenue[c],
        })
        .collect();
    out.sort_by(|a, b| {
        b.revenue
            .total_cmp(&a.revenue)
            .then(b.orders.cmp(&a.orders))
            .then_with(|| a.id.cmp(&b.id))
    });
    out
}

/// The customers as CSV (`customer,orders,revenue`), ids quoted and
/// neutralised against formula injection.
pub fn cell_csv(customers: &[CellCustomer], with_revenue: bool) -> String {
    let mut out = String::from(if with_revenue {
        "customer,orders,revenue\r\n"
    } else {
        "customer,orders\r\n"
    });
    for c in customers {
        out.push_str(&crate::formats::export::field(&c.id));
        out.push(',');
        out.push_str(&c.orders.to_string());
        if with_revenue {
            out.push(',');
            out.push_str(&c.revenue.to_string());
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{analyze_rows, inspect};

    #[test]
    fn the_cells_customers_by_hand() {
        let text = "customer,date,amount\nA,2024-01-05,10\nA,2024-01-20,5\nB,2024-01-31,7\nA,2024-02-01,3\nC,2024-02-10,4\nB,2024-03-15,1\nC,2024-02-10,2\n";
        let s = inspect(text).unwrap().guessed_settings();
        let (a, rows) = analyze_rows(text, &s, &mut |_| true).unwrap();
        let jan = a.cohorts[0].period;
        let cell = cell_customers(&rows, Period::Month, jan, 0);
        let got: Vec<(&str, u64, f64)> = cell
            .iter()
            .map(|c| (c.id.as_str(), c.orders, c.revenue))
            .collect();
        assert_eq!(got, vec![("A", 2, 15.0), ("B", 1, 7.0)]);
        assert_eq!(cell.len() as u64, a.cohorts[0].active[0]);
        let feb = cell_customers(&rows, Period::Month, jan, 1);
        assert_eq!(
            feb.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
            vec!["A"]
        );
        assert_eq!(cell_customers(&rows, Period::Month, jan + 1, 0).len(), 1);
        assert_eq!(
            cell_csv(&cell, true),
            "customer,orders,revenue\r\nA,2,15\r\nB,1,7\r\n"
        );
        // An id that would run as a formula is written as text.
        let evil = [CellCustomer {
            id: "=HYPERLINK(\"x\")".into(),
            orders: 1,
            revenue: 0.0,
        }];
        assert!(cell_csv(&evil, false).contains("\"'=HYPERLINK(\"\"x\"\")\""));
    }
}
