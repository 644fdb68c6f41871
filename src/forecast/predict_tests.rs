//! Tests of [`super`]: fits, predictions, lookups and the customers' CSV
//! on the CDNOW sample.

use super::*;
use crate::import::dates::days_from_civil;

fn paper_options() -> Options {
    Options {
        calibration_end: days_from_civil(1997, 9, 30),
        unit: Unit::Week,
        horizon: 39.0,
        margin: 1.0,
        discount: 0.0,
    }
}

#[test]
fn cdnow_reproduces_the_published_estimates() {
    let rows = crate::testing::cdnow_rows();
    let f = forecast(&rows, &paper_options(), &mut |_| true).unwrap();
    assert_eq!(f.customers, 2357);
    let p = f.bgnbd.params;
    // Fader, Hardie & Lee (2005), Table/§5: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
    assert_eq!(
        format!(
            "{:.3} {:.3} {:.3} {:.3} {:.1}",
            p.r, p.alpha, p.a, p.b, f.bgnbd.ll
        ),
        "0.243 4.414 0.793 2.426 -9582.4"
    );
    assert!(f.bgnbd.converged);
    // "RFM and CLV": p = 6.25, q = 3.74, γ = 15.44 on the 946 repeat customers.
    let g = f.gg.unwrap();
    assert_eq!(
        format!("{:.2} {:.2} {:.2}", g.params.p, g.params.q, g.params.v),
        "6.25 3.74 15.44"
    );
    assert_eq!(f.repeaters, 946);
    // The 78-week file: the model's cumulative repeat purchases track the data
    // (paper Figure 2: within a few per cent at week 78).
    let (_, actual, model) = *f.tracking.last().unwrap();
    assert!(
        (model - actual).abs() / actual < 0.05,
        "{actual} vs {model}"
    );
}

#[test]
fn the_time_unit_only_rescales_alpha() {
    // The likelihood in days is the one in weeks with α × 7: the fit must
    // land on the same r, a, b, by the same path (the start scales with
    // the data), and be reported converged in every unit.
    let rows = crate::testing::cdnow_rows();
    let fit = |unit| {
        let o = Options {
            unit,
            ..paper_options()
        };
        forecast(&rows, &o, &mut |_| true).unwrap().bgnbd
    };
    let (week, day, month) = (fit(Unit::Week), fit(Unit::Day), fit(Unit::Month));
    for (e, scale) in [(day, 7.0), (month, 7.0 / Unit::Month.days())] {
        assert!(e.converged, "{e:?}");
        let (p, q) = (e.params, week.params);
        for (a, b) in [
            (p.r, q.r),
            (p.alpha, q.alpha * scale),
            (p.a, q.a),
            (p.b, q.b),
        ] {
            assert!((a - b).abs() < 1e-5 * b, "{e:?} vs {week:?}");
        }
        assert!(
            e.iterations.abs_diff(week.iterations) <= 2,
            "{e:?} vs {week:?}"
        );
    }
}

#[test]
fn summary_matches_the_published_customer() {
    // Customer 0001: purchases 1997-01-01, 01-18, 08-02 (and 12-12, holdout):
    // x = 2, t_x = 30.43, T = 38.86 weeks — the paper's worked example.
    let rows = crate::testing::cdnow_rows();
    let (s, _) = summarise(&rows, days_from_civil(1997, 9, 30));
    let c = rows.find("0001").unwrap();
    let s = s[c].unwrap();
    assert_eq!((s.x, s.holdout), (2, 1));
    assert_eq!(
        format!(
            "{:.2} {:.2}",
            s.t_x_days as f64 / 7.0,
            s.t_days as f64 / 7.0
        ),
        "30.43 38.86"
    );
    crate::assert_close!(s.mean_spend, (29.73 + 14.96) / 2.0, 1e-9);
}

#[test]
fn holdout_prediction_is_close_to_the_actual() {
    let f = forecast(&crate::testing::cdnow_rows(), &paper_options(), &mut |_| {
        true
    })
    .unwrap();
    crate::assert_close!(f.holdout_units, 39.0, 0.2, "{}", f.holdout_units);
    let ratio = f.holdout_predicted / f.holdout_actual;
    assert!((0.85..1.15).contains(&ratio), "{ratio}");
    assert_eq!(f.by_frequency.iter().map(|b| b.0).sum::<f64>(), 2357.0);
    assert!(f.clv_total.unwrap() > 0.0);
    assert_eq!(f.top.len(), 20);
    assert!(f.top.windows(2).all(|w| w[0].clv >= w[1].clv));
    let (sums, _) = summarise(
        &crate::testing::cdnow_rows(),
        paper_options().calibration_end,
    );
    let rows = crate::testing::cdnow_rows();
    match lookup(&rows, &sums, &f, " 0001 ") {
        Lookup::Found { x, prediction, .. } => {
            assert_eq!(x, 2);
            // The paper's worked example: 1.226 purchases in the next 39 weeks.
            assert_eq!(format!("{:.3}", prediction.expected), "1.226");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(lookup(&rows, &sums, &f, "nobody"), Lookup::Unknown);
}

#[test]
fn customers_csv_has_every_customer_with_the_lookup_numbers() {
    let rows = crate::testing::cdnow_rows();
    let (f, sums) = forecast_with_summaries(&rows, &paper_options(), &mut |_| true).unwrap();
    let csv = customers_csv(&rows, &sums, &f, None);
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert_eq!(
        lines[0],
        "\u{feff}customer,x,t_x_weeks,T_weeks,p_alive,expected_purchases_39_weeks,expected_spend,clv"
    );
    assert_eq!(lines.len(), 1 + 2357);
    let line = lines.iter().find(|l| l.starts_with("0001,")).unwrap();
    let v: Vec<f64> = line
        .split(',')
        .skip(1)
        .map(|x| x.parse().unwrap())
        .collect();
    let Lookup::Found { prediction: p, .. } = lookup(&rows, &sums, &f, "0001") else {
        panic!("0001 not found");
    };
    assert_eq!(format!("{:.2} {:.2}", v[1], v[2]), "30.43 38.86");
    for (got, want) in v[3..].iter().zip([p.p_alive, p.expected, p.spend, p.clv]) {
        assert!(
            (got - want).abs() <= 1e-12 * want.abs().max(1.0),
            "{line}: {got} vs {want}"
        );
    }
    assert_eq!(format!("{:.3}", v[4]), "1.226");
    assert_eq!(crate::formats::export::field("a,b\"c"), "\"a,b\"\"c\"");
    // After a comparison, every model's numbers for every customer.
    let c = compare_models(&sums, &f, &mut |_| true).unwrap();
    let csv = customers_csv(&rows, &sums, &f, Some(&c));
    let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
    assert!(lines[0].ends_with(",clv,pnbd_p_alive,pnbd_expected_purchases_39_weeks,mbgnbd_p_alive,mbgnbd_expected_purchases_39_weeks"), "{}", lines[0]);
    assert_eq!(lines.len(), 1 + 2357);
    let line = lines.iter().find(|l| l.starts_with("0001,")).unwrap();
    let v: Vec<f64> = line
        .split(',')
        .skip(1)
        .map(|x| x.parse().unwrap())
        .collect();
    let pn = c
        .models
        .iter()
        .find(|(m, _)| *m == crate::forecast::compare::Model::ParetoNbd)
        .unwrap()
        .1
        .as_ref()
        .unwrap()
        .values;
    let p = crate::forecast::pnbd::Params {
        r: pn[0],
        alpha: pn[1],
        s: pn[2],
        beta: pn[3],
    };
    crate::assert_close!(v[7], p.p_alive(2, v[1], v[2]), rel 1e-9);
    crate::assert_close!(v[8], p.expected(39.0, 2, v[1], v[2]), rel 1e-9);
}

#[test]
fn errors_are_named() {
    let rows = crate::testing::cdnow_rows();
    let mut o = paper_options();
    o.calibration_end = days_from_civil(1990, 1, 1);
    assert_eq!(
        forecast(&rows, &o, &mut |_| true),
        Err(ForecastError::NoCustomers)
    );
    o.calibration_end = days_from_civil(1997, 1, 1);
    assert_eq!(
        forecast(&rows, &o, &mut |_| true),
        Err(ForecastError::NoRepeats)
    );
    assert_eq!(
        forecast(&rows, &paper_options(), &mut |_| false),
        Err(ForecastError::Cancelled)
    );
}
