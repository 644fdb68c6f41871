//! Warehouse scale (issue 15): a customer summary table imported instead of
//! transactions — `frequency,recency,T[,monetary_value][,count]` (lifetimes'
//! `summary_data_from_transaction_data` columns; `count` = customers with
//! that pattern) or, for BG/BB, `frequency,recency,periods,weights`
//! (lifetimes' `donations.csv`). Identical patterns are fitted once. The
//! models are fitted straight from it and drawn as the Forecasts report.

use std::borrow::Cow;
use std::fmt::Write as _;

use crate::chart::xml_escape;
use crate::forecast::bgnbd::{self, Customer};
use crate::forecast::gamma_gamma::{self, Spender};
use crate::forecast::{bgbb, compare, optimize};
use crate::i18n::{self, format_number, Lang};
use crate::import::csv::{sniff, Records};
use crate::import::SummaryKind;

/// A summary table, read.
#[derive(Clone, Debug, PartialEq)]
pub enum SummaryTable {
    /// Continuous time: one weighted customer per distinct (x, t_x, T), and
    /// the repeat customers' spend when `monetary_value` is there.
    Customers {
        customers: Vec<Customer>,
        spenders: Vec<Spender>,
    },
    /// Discrete opportunities (BG/BB): the patterns.
    Patterns(Vec<bgbb::Pattern>),
}

/// Why a summary table cannot be read: 1-based line and the column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableError {
    pub line: usize,
    pub column: String,
}

/// Sorts (key, weight) pairs by key and adds up the weights of equal keys:
/// what a `BTreeMap` gathering them gives, in its order.
fn merged<K: Ord + Copy>(mut pairs: Vec<(K, f64)>) -> Vec<(K, f64)> {
    pairs.sort_unstable_by_key(|p| p.0);
    let mut out: Vec<(K, f64)> = Vec::with_capacity(pairs.len());
    for (k, w) in pairs {
        match out.last_mut() {
            Some(last) if last.0 == k => last.1 += w,
            _ => out.push((k, w)),
        }
    }
    out
}

/// Reads the table (its header already recognised as `kind`).
pub fn read(text: &str, kind: SummaryKind) -> Result<SummaryTable, TableError> {
    let mut records = Records::new(text, sniff(text));
    let mut fields: Vec<Cow<str>> = Vec::new();
    let Some(_) = records.next_into(&mut fields) else {
        return Err(TableError {
            line: 1,
            column: String::new(),
        });
    };
    let header: Vec<String> = fields.iter().map(|f| f.trim().to_string()).collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim_matches('\u{feff}').eq_ignore_ascii_case(name))
    };
    let num = |fields: &[Cow<str>],
               k: Option<usize>,
               line: usize,
               name: &str|
     -> Result<Option<f64>, TableError> {
        match k {
            None => Ok(None),
            Some(k) => {
                let v = fields.get(k).map_or("", |f| f.trim());
                crate::formats::decimal::parse(v)
                    .filter(|v| v.is_finite() && *v >= 0.0)
                    .map(Some)
                    .ok_or_else(|| TableError {
                        line,
                        column: name.to_string(),
                    })
            }
        }
    };
    let whole = |v: f64, line: usize, name: &str| -> Result<u32, TableError> {
        if v.fract() == 0.0 && v <= u32::MAX as f64 {
            Ok(v as u32)
        } else {
            Err(TableError {
                line,
                column: name.to_string(),
            })
        }
    };
    match kind {
        SummaryKind::Customers => {
            let (f, r, t) = (col("frequency"), col("recency"), col("T"));
            let (m, c) = (col("monetary_value"), col("count"));
            // Gathered, then sorted and merged: a million rows go into a map
            // at ≈ 0.5 µs each, and sort in a tenth of that.
            let mut grouped: Vec<((u32, u64, u64), f64)> = Vec::new();
            let mut spend: Vec<((u32, u64), f64)> = Vec::new();
            while let Some(line) = records.next_into(&mut fields) {
                let x = whole(
                    num(&fields, f, line, "frequency")?.unwrap_or(0.0),
                    line,
                    "frequency",
                )?;
                let t_x = num(&fields, r, line, "recency")?.unwrap_or(0.0);
                let age = num(&fields, t, line, "T")?.unwrap_or(0.0);
                if t_x > age || (x == 0 && t_x != 0.0) {
                    return Err(TableError {
                        line,
                        column: "recency".to_string(),
                    });
                }
                let weight = num(&fields, c, line, "count")?.unwrap_or(1.0);
                grouped.push(((x, t_x.to_bits(), age.to_bits()), weight));
                if let Some(mv) = num(&fields, m, line, "monetary_value")? {
                    if x > 0 && mv > 0.0 {
                        spend.push(((x, mv.to_bits()), weight));
                    }
                }
            }
            let (grouped, spend) = (merged(grouped), merged(spend));
            let customers = grouped
                .into_iter()
                .filter(|(_, w)| *w > 0.0)
                .map(|((x, t_x, t), weight)| Customer {
                    x,
                    t_x: f64::from_bits(t_x),
                    t: f64::from_bits(t),
                    weight,
                })
                .collect();
            let spenders = spend
                .into_iter()
                .map(|((x, m), weight)| Spender {
                    x,
                    m: f64::from_bits(m),
                    weight,
                })
                .collect();
            Ok(SummaryTable::Customers {
                customers,
                spenders,
            })
        }
        SummaryKind::Patterns => {
            let (f, r, n, w) = (
                col("frequency"),
                col("recency"),
                col("periods"),
                col("weights"),
            );
            let mut patterns = Vec::new();
            while let Some(line) = records.next_into(&mut fields) {
                let x = whole(
                    num(&fields, f, line, "frequency")?.unwrap_or(0.0),
                    line,
                    "frequency",
                )?;
                let t_x = whole(
                    num(&fields, r, line, "recency")?.unwrap_or(0.0),
                    line,
                    "recency",
                )?;
                let periods = whole(
                    num(&fields, n, line, "periods")?.unwrap_or(0.0),
                    line,
                    "periods",
                )?;
                let weight = num(&fields, w, line, "weights")?.unwrap_or(1.0);
                let ok = x <= periods && t_x <= periods && (x == 0) == (t_x == 0) && x <= t_x;
                if !ok {
                    return Err(TableError {
                        line,
                        column: "recency".to_string(),
                    });
                }
                patterns.push(bgbb::Pattern {
                    x,
                    t_x,
                    n: periods,
                    weight,
                });
            }
            Ok(SummaryTable::Patterns(patterns))
        }
    }
}

impl SummaryTable {
    /// Customers in the table (Σ weights).
    pub fn customers(&self) -> f64 {
        match self {
            SummaryTable::Customers { customers, .. } => customers.iter().map(|c| c.weight).sum(),
            SummaryTable::Patterns(p) => p.iter().map(|p| p.weight).sum(),
        }
    }

    /// Distinct patterns (what is fitted).
    pub fn patterns(&self) -> usize {
        match self {
            SummaryTable::Customers { customers, .. } => customers.len(),
            SummaryTable::Patterns(p) => p.len(),
        }
    }
}

/// BG/NBD's estimates and log-likelihood, drawn for a first look (the
/// standard errors and the other models follow in the report).
fn first_look(bg: &bgnbd::Estimate, l: Lang) -> String {
    let p = bg.params;
    let mut out = format!(
        "<p class=\"hint\" data-testid=\"first-look\">{}</p><div class=\"outputs\">",
        xml_escape(i18n::FIRST_LOOK.get(l))
    );
    let model = compare::Model::BgNbd;
    for (name, v) in model.parameters().into_iter().zip([p.r, p.alpha, p.a, p.b]) {
        crate::forecast::report::output(
            &mut out,
            &format!("bgnbd-{name}"),
            &i18n::param_label(model, name, l),
            v,
            &format_number(l, v, 3),
            "",
        );
    }
    crate::forecast::report::ll_output(&mut out, "bgnbd-ll", bg.ll, l);
    out.push_str("</div>");
    out
}

/// Fits every model the table allows and draws the report: BG/NBD,
/// Pareto/NBD and MBG/NBD with their intervals, compared (by BIC: a summary
/// table has no holdout), and Gamma-Gamma with `monetary_value`; or BG/BB
/// for patterns. Returns (whether something was fitted, the status line,
/// the HTML).
/// `first` hears a first look as soon as BG/NBD is fitted (its estimates
/// and log-likelihood, drawn), while the other models are still to come: on
/// a million patterns they take several times as long.
pub fn report(
    table: &SummaryTable,
    l: Lang,
    progress: &mut dyn FnMut(f64) -> bool,
    first: &mut dyn FnMut(String),
) -> (bool, String, String) {
    use crate::forecast::predict::ForecastError;
    let mut out = String::new();
    let status = i18n::summary_status(l, table.customers(), table.patterns());
    let fail = |e: ForecastError| (false, i18n::forecast_error(l, e).to_string(), String::new());
    match table {
        SummaryTable::Customers {
            customers,
            spenders,
        } => {
            if !customers.iter().any(|c| c.x > 0) {
                return fail(ForecastError::NoRepeats);
            }
            let Some(bg) = bgnbd::fit(customers, &mut |i| {
                progress(0.3 * (i as f64 / 60.0).min(1.0))
            }) else {
                return fail(ForecastError::NoFit);
            };
            first(first_look(&bg, l));
            let actual = vec![0.0; customers.len()];
            let holdout = compare::Holdout {
                units: 0.0,
                actual: &actual,
            };
            let c = compare::compare(customers, &bg, &holdout, &mut |f| progress(0.3 + 0.6 * f));
            let Some(c) = c else {
                return fail(ForecastError::Cancelled);
            };
            let _ = write!(
                out,
                "<p class=\"hint\">{}</p>",
                xml_escape(i18n::SUMMARY_UNITS.get(l))
            );
            // BG/NBD's log-likelihood (the comparison writes the others').
            out.push_str("<div class=\"outputs\">");
            crate::forecast::report::ll_output(&mut out, "bgnbd-ll", bg.ll, l);
            out.push_str("</div>");
            crate::forecast::compare_report::comparison_html(
                &mut out,
                &c,
                crate::forecast::summary::Unit::Week,
                l,
            );
            if let Some(gg) = gamma_gamma::fit(spenders, &mut |_| true) {
                let _ = write!(
                    out,
                    "<h4>{}</h4><div class=\"outputs\">",
                    xml_escape(i18n::GG_HEADING.get(l))
                );
                for (testid, name, v) in [
                    ("gg-p", "p", gg.params.p),
                    ("gg-q", "q", gg.params.q),
                    ("gg-v", "γ", gg.params.v),
                ] {
                    crate::forecast::report::output(
                        &mut out,
                        testid,
                        name,
                        v,
                        &format_number(l, v, 3),
                        "",
                    );
                }
                let _ = write!(
                    out,
                    "</div><p class=\"hint\" data-testid=\"gg-converged\" data-value=\"{}\"></p>",
                    gg.converged
                );
            }
            progress(1.0);
            (true, status, out)
        }
        SummaryTable::Patterns(patterns) => {
            let Some(e) = bgbb::fit(patterns, &mut |i| progress((i as f64 / 80.0).min(0.9))) else {
                return fail(ForecastError::NoFit);
            };
            let p = e.params;
            let unbounded = [p.alpha, p.beta, p.gamma, p.delta]
                .iter()
                .any(|v| !v.is_finite() || v.ln().abs() > optimize::RUNAWAY);
            let se = bgbb::standard_errors(&e, patterns);
            let (true, false, Some(se)) = (e.converged, unbounded, se) else {
                return fail(ForecastError::NoConvergence);
            };
            let _ = write!(
                out,
                "<h4>BG/BB</h4><p class=\"about\">{}</p><div class=\"outputs\">",
                xml_escape(i18n::BGBB_ABOUT.get(l))
            );
            for (k, (name, symbol, v)) in [
                ("alpha", "α", p.alpha),
                ("beta", "β", p.beta),
                ("gamma", "γ", p.gamma),
                ("delta", "δ", p.delta),
            ]
            .into_iter()
            .enumerate()
            {
                crate::forecast::report::estimate(
                    &mut out,
                    &format!("bgbb-{name}"),
                    symbol,
                    v,
                    se[k],
                    "",
                    l,
                );
            }
            crate::forecast::report::ll_output(&mut out, "bgbb-ll", e.ll, l);
            let _ = write!(
                out,
                "</div><p class=\"best\" data-testid=\"forecast-best\" data-value=\"bgbb\">{}</p>",
                xml_escape(i18n::BGBB_BEST.get(l))
            );
            progress(1.0);
            (true, status, out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn donations_table_gives_the_published_bgbb() {
        let text = crate::testing::fixture("donations/donations.csv");
        let t = read(&text, SummaryKind::Patterns).unwrap();
        assert_eq!(t.customers(), 11_104.0);
        let (done, _, html) = report(&t, Lang::En, &mut |_| true, &mut |_| {});
        assert!(done);
        assert!(
            html.contains("data-testid=\"bgbb-alpha\" data-value=\"1.20"),
            "{html}"
        );
        assert!(html.contains("data-testid=\"bgbb-delta-se\""));
        // Every CONTRACT hook of BG/BB, with its SE.
        for hook in ["bgbb-alpha", "bgbb-beta", "bgbb-gamma", "bgbb-delta"] {
            assert!(html.contains(&format!("data-testid=\"{hook}\"")), "{hook}");
            assert!(
                html.contains(&format!("data-testid=\"{hook}-se\"")),
                "{hook}-se"
            );
        }
        assert!(html.contains("data-testid=\"bgbb-ll\" data-value=\"-33225.5"));
    }

    /// tests/fixtures/cdnow/cdnow_summary.csv: the CDNOW sample summarised
    /// (weeks, calibration to 1997-09-30) as lifetimes writes it. Fitted from
    /// the table: Fader, Hardie & Lee (2005)'s r 0.243, α 4.414, a 0.793,
    /// b 2.426 — the same as from the raw rows.
    #[test]
    fn the_cdnow_summary_table_gives_the_published_bgnbd() {
        let text = crate::testing::fixture("cdnow/cdnow_summary.csv");
        let t = read(&text, SummaryKind::Customers).unwrap();
        assert_eq!(t.customers(), 2357.0);
        let SummaryTable::Customers {
            customers,
            spenders,
        } = &t
        else {
            panic!()
        };
        let e = bgnbd::fit(customers, &mut |_| true).unwrap();
        let p = e.params;
        assert_eq!(
            format!("{:.3} {:.3} {:.3} {:.3}", p.r, p.alpha, p.a, p.b),
            "0.243 4.414 0.793 2.426"
        );
        let raw = bgnbd::fit(&crate::testing::cdnow_customers(), &mut |_| true).unwrap();
        assert!((raw.ll - e.ll).abs() < 1e-6);
        assert!(!spenders.is_empty());
    }

    #[test]
    fn a_customer_summary_equals_the_rows_fit() {
        // CDNOW as its summary table (weeks), written the way lifetimes does.
        let customers = crate::testing::cdnow_customers();
        let mut text = String::from("frequency,recency,T,count\n");
        for c in &customers {
            let _ = writeln!(text, "{}.0,{},{},{}", c.x, c.t_x, c.t, c.weight);
        }
        let t = read(&text, SummaryKind::Customers).unwrap();
        let SummaryTable::Customers {
            customers: read_back,
            ..
        } = &t
        else {
            panic!()
        };
        assert_eq!(read_back.len(), customers.len());
        let a = bgnbd::fit(&customers, &mut |_| true).unwrap();
        let b = bgnbd::fit(read_back, &mut |_| true).unwrap();
        assert!((a.ll - b.ll).abs() < 1e-6 && (a.params.r - b.params.r).abs() < 1e-6);
        let (done, _, html) = report(&t, Lang::Zh, &mut |_| true, &mut |_| {});
        assert!(done);
        for hook in [
            "bgnbd-r",
            "bgnbd-r-se",
            "pnbd-alpha",
            "mbgnbd-r",
            "mbgnbd-alpha",
            "mbgnbd-a",
            "mbgnbd-b",
            "mbgnbd-ll",
            "forecast-best",
        ] {
            assert!(html.contains(&format!("data-testid=\"{hook}\"")), "{hook}");
        }
        assert_eq!(
            read("frequency,recency,T\n2,5,3\n", SummaryKind::Customers),
            Err(TableError {
                line: 2,
                column: "recency".into()
            })
        );
        assert_eq!(
            read("frequency,recency,T\nx,1,3\n", SummaryKind::Customers),
            Err(TableError {
                line: 2,
                column: "frequency".into()
            })
        );
    }
}
