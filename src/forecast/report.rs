//! The Forecasts report, drawn in the worker in the page language: the
//! fitted estimates, the charts and grids, the customer lookup and the sBG
//! panel, as HTML strings carrying the CONTRACT hooks.

use std::fmt::Write as _;

use crate::chart::curves::Fmt;
use crate::chart::forecast::{
    grid_html, histogram_svg, survival_svg, tracking_svg, GridLabels, Labels,
};
use crate::chart::xml_escape;
use crate::forecast::bands::Interval;
use crate::forecast::predict::Forecast;
use crate::i18n::{self, format_estimate, format_money, format_number, format_percent, Lang};

/// The `<output>` of a card: the hook, the exact value, the text (set
/// smaller when long: [`crate::chart::number_size`]).
fn output_tag(testid: &str, value: f64, text: &str) -> String {
    let size = crate::chart::number_size(text);
    let class = if size.is_empty() {
        String::new()
    } else {
        format!(" class=\"{size}\"")
    };
    format!(
        "<output data-testid=\"{testid}\" data-value=\"{value}\"{class}>{}</output>",
        xml_escape(text)
    )
}

/// One output number as the page's `Output` component writes it: formatted
/// text, exact `data-value`.
pub(crate) fn output(
    out: &mut String,
    testid: &str,
    label: &str,
    value: f64,
    text: &str,
    note: &str,
) {
    let value = if value == 0.0 { 0.0 } else { value };
    let sign = if value < 0.0 { "negative" } else { "positive" };
    let _ = write!(
        out,
        "<div class=\"output {sign}\"><span class=\"output-label\">{}</span>{}",
        xml_escape(label),
        output_tag(testid, value, text)
    );
    if !note.is_empty() {
        let _ = write!(out, "<span class=\"formula\">{}</span>", xml_escape(note));
    }
    out.push_str("</div>");
}

/// A model's log-likelihood card (one decimal): hook `testid`.
pub(crate) fn ll_output(out: &mut String, testid: &str, ll: f64, l: Lang) {
    output(
        out,
        testid,
        i18n::LL_LABEL.get(l),
        ll,
        &format_number(l, ll, 1),
        "",
    );
}

/// A forecast with its standard error and 95 % interval (delta method,
/// [`crate::forecast::bands`]): hooks `{testid}`, `{testid}-se`, `-lower`,
/// `-upper`; without an interval, a plain [`output`].
#[allow(clippy::too_many_arguments)]
fn forecast_output(
    out: &mut String,
    testid: &str,
    label: &str,
    value: f64,
    text: &str,
    interval: Option<Interval>,
    fmt: &dyn Fn(f64) -> String,
    note: &str,
    l: Lang,
) {
    let Some(iv) = interval else {
        return output(out, testid, label, value, text, note);
    };
    let _ = write!(
        out,
        "<div class=\"output positive\"><span class=\"output-label\">{}</span>{}<span class=\"formula\">{}<span data-testid=\"{testid}-se\" data-value=\"{}\">{}</span> · 95 %: <span data-testid=\"{testid}-lower\" data-value=\"{}\">{}</span> – <span data-testid=\"{testid}-upper\" data-value=\"{}\">{}</span>{}</span></div>",
        xml_escape(label),
        output_tag(testid, value, text),
        xml_escape(i18n::SE_LABEL.get(l)),
        iv.se,
        xml_escape(&fmt(iv.se)),
        iv.lower,
        xml_escape(&fmt(iv.lower)),
        iv.upper,
        xml_escape(&fmt(iv.upper)),
        if note.is_empty() { String::new() } else { format!(" · {}", xml_escape(note)) }
    );
}

/// An estimate with its standard error and 95 % interval (estimate ± 1.96 SE,
/// as lifetimes' summary): hooks `{testid}`, `{testid}-se`, `-lower`, `-upper`.
pub(crate) fn estimate(
    out: &mut String,
    testid: &str,
    label: &str,
    value: f64,
    se: f64,
    note: &str,
    l: Lang,
) {
    let num = |v: f64| format_estimate(l, v);
    let (lo, hi) = (value - 1.96 * se, value + 1.96 * se);
    let _ = write!(
        out,
        "<div class=\"output positive\"><span class=\"output-label\">{}</span>{}<span class=\"formula\">{}<span data-testid=\"{testid}-se\" data-value=\"{se}\">{}</span> · 95 %: <span data-testid=\"{testid}-lower\" data-value=\"{lo}\">{}</span> – <span data-testid=\"{testid}-upper\" data-value=\"{hi}\">{}</span>{}</span></div>",
        xml_escape(label),
        output_tag(testid, value, &num(value)),
        xml_escape(i18n::SE_LABEL.get(l)),
        num(se),
        num(lo),
        num(hi),
        if note.is_empty() { String::new() } else { format!(" · {}", xml_escape(note)) }
    );
}

/// [`estimate`] with a standard error, else the value alone.
fn estimate_or_plain(
    out: &mut String,
    testid: &str,
    label: &str,
    value: f64,
    se: Option<f64>,
    note: &str,
    l: Lang,
) {
    match se {
        Some(se) => estimate(out, testid, label, value, se, note, l),
        None => output(out, testid, label, value, &format_estimate(l, value), note),
    }
}

/// A chart as the page's `Chart` component writes it, with its SVG and PNG
/// buttons (the page answers them with one listener on the results).
fn figure(out: &mut String, testid: &str, title: &str, svg: String) {
    let _ = write!(
        out,
        "<h4>{}</h4><figure class=\"chart\" data-testid=\"{testid}\">{}<figcaption class=\"chart-exports\"><button type=\"button\" data-testid=\"export-svg\" data-export=\"svg\">SVG</button><button type=\"button\" data-testid=\"export-png\" data-export=\"png\">PNG</button></figcaption></figure>",
        xml_escape(title),
        crate::chart::accessible(svg, title)
    );
}

/// The BG/NBD and Gamma-Gamma results as HTML in the page language (built in
/// the import worker, so none of this code weighs on the page's first load).
pub fn results_html(f: &Forecast, l: Lang) -> String {
    let o = f.options;
    let unit = i18n::units(o.unit).get(l);
    let b = f.bgnbd;
    let num = |v: f64, d: usize| format_number(l, v, d);
    let money = |v: f64| format_money(l, v);
    let count = |v: f64| format_number(l, v, 0);
    let horizon_note = format!("{} {unit}", num(o.horizon, 0));
    let holdout_note = format!("{} {unit}", num(f.holdout_units, 1));
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<p class=\"about\">{}</p><div class=\"outputs\">",
        xml_escape(i18n::BGNBD_ABOUT.get(l))
    );
    let bg_se = f.bgnbd_se;
    for (k, (testid, label, value, note)) in [
        ("bgnbd-r", i18n::R_LABEL.get(l), b.params.r, ""),
        (
            "bgnbd-alpha",
            i18n::ALPHA_LABEL.get(l),
            b.params.alpha,
            unit,
        ),
        ("bgnbd-a", i18n::A_LABEL.get(l), b.params.a, ""),
        ("bgnbd-b", i18n::B_LABEL.get(l), b.params.b, ""),
    ]
    .into_iter()
    .enumerate()
    {
        estimate_or_plain(
            &mut out,
            testid,
            label,
            value,
            bg_se.map(|se| se[k]),
            note,
            l,
        );
    }
    ll_output(&mut out, "bgnbd-ll", b.ll, l);
    let _ = write!(
        out,
        "</div><p class=\"hint\" data-testid=\"bgnbd-converged\" data-value=\"{}\">{}</p><div class=\"outputs\">",
        b.converged,
        xml_escape(&i18n::converged(l, b.converged, b.iterations))
    );
    let whole = |v: f64| num(v, 0);
    for (testid, label, value, text, interval, note) in [
        (
            "mean-p-alive",
            i18n::MEAN_ALIVE.get(l),
            f.mean_alive,
            format_percent(l, f.mean_alive, 1),
            None,
            "",
        ),
        (
            "expected-purchases",
            i18n::EXPECTED_TOTAL.get(l),
            f.expected_total,
            num(f.expected_total, 0),
            f.bands.as_ref().map(|b| b.expected_total),
            &horizon_note,
        ),
        (
            "holdout-actual",
            i18n::HOLDOUT_ACTUAL.get(l),
            f.holdout_actual,
            num(f.holdout_actual, 0),
            None,
            &holdout_note,
        ),
        (
            "holdout-predicted",
            i18n::HOLDOUT_PREDICTED.get(l),
            f.holdout_predicted,
            num(f.holdout_predicted, 0),
            f.bands.as_ref().map(|b| b.holdout_predicted),
            &holdout_note,
        ),
    ] {
        forecast_output(
            &mut out, testid, label, value, &text, interval, &whole, note, l,
        );
    }
    if f.bands.is_some() {
        let _ = write!(
            out,
            "</div><p class=\"hint\" data-testid=\"bands-about\">{}</p><div>",
            xml_escape(i18n::BANDS_ABOUT.get(l))
        );
    }
    out.push_str("</div><div class=\"grid2\"><div>");
    let bars: Vec<(String, f64)> = f
        .alive_hist
        .iter()
        .enumerate()
        .map(|(i, c)| (format!("{}", i * 10), *c))
        .collect();
    let labels = Labels {
        x_title: "P(alive), %",
        y_title: i18n::CUSTOMERS_AXIS.get(l),
        series: ["", ""],
        band: "",
        y: &count,
    };
    figure(
        &mut out,
        "alive-chart",
        i18n::ALIVE_HIST.get(l),
        histogram_svg(&bars, &labels, (520, 260)),
    );
    out.push_str("</div><div>");
    let labels = Labels {
        x_title: unit,
        y_title: i18n::REPEAT_PURCHASES_AXIS.get(l),
        series: i18n::TRACKING_SERIES.map(|w| w.get(l)),
        band: i18n::TRACKING_BAND.get(l),
        y: &count,
    };
    let at = (o.calibration_end - f.first_day) as f64 / o.unit.days();
    figure(
        &mut out,
        "tracking-chart",
        i18n::TRACKING.get(l),
        tracking_svg(
            &f.tracking,
            f.bands.as_ref().map_or(&[][..], |b| &b.tracking),
            at,
            i18n::CALIBRATION_END.get(l),
            &labels,
            (520, 280),
        ),
    );
    let _ = write!(
        out,
        "</div></div><h4>{}</h4><table class=\"mini-table\" data-testid=\"holdout-by-frequency\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        xml_escape(i18n::BY_FREQUENCY.get(l)),
        xml_escape(i18n::REPEATS_IN_CALIBRATION.get(l)),
        xml_escape(i18n::CUSTOMERS_AXIS.get(l)),
        xml_escape(i18n::ACTUAL.get(l)),
        xml_escape(i18n::PREDICTED.get(l))
    );
    for (x, (n, a, p)) in f.by_frequency.iter().enumerate().filter(|(_, r)| r.0 > 0.0) {
        let name = if x == 7 {
            "7+".to_string()
        } else {
            x.to_string()
        };
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{name}</th><td>{}</td><td data-value=\"{a}\">{}</td><td data-value=\"{p}\">{}</td></tr>",
            num(*n, 0),
            num(*a, 2),
            num(*p, 2)
        );
    }
    out.push_str("</tbody></table>");
    let recency = |v: f64| format_number(l, v, 0);
    let columns = format!("{} ({unit})", i18n::GRID_COLUMNS.get(l));
    let percent = |v: f64| format_percent(l, v, 0);
    let one = |v: f64| format_number(l, v, 1);
    for (g, testid, caption, value) in [
        (
            &f.alive_grid,
            "alive-grid",
            i18n::ALIVE_GRID.get(l).to_string(),
            &percent as Fmt,
        ),
        (
            &f.expected_grid,
            "expected-grid",
            format!("{} ({horizon_note})", i18n::EXPECTED_GRID.get(l)),
            &one as Fmt,
        ),
    ] {
        let caption = format!("{caption} · T = {} {unit}", format_number(l, g.t, 1));
        let _ = write!(
            out,
            "<div class=\"heatmap-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{}\">",
            xml_escape(&caption)
        );
        out.push_str(&grid_html(
            g,
            testid,
            &GridLabels {
                caption: &caption,
                rows: i18n::GRID_ROWS.get(l),
                columns: &columns,
                value,
                recency: &recency,
            },
        ));
        out.push_str("</div>");
    }
    let _ = write!(
        out,
        "<h3>{}</h3><p class=\"about\">{}</p>",
        xml_escape(i18n::GG_HEADING.get(l)),
        xml_escape(i18n::GG_ABOUT.get(l))
    );
    match (f.gg, f.clv_total) {
        (Some(g), Some(total)) => {
            out.push_str("<div class=\"outputs\">");
            for (k, (testid, label, value)) in [
                ("gg-p", i18n::P_LABEL.get(l), g.params.p),
                ("gg-q", i18n::Q_LABEL.get(l), g.params.q),
                ("gg-v", i18n::V_LABEL.get(l), g.params.v),
            ]
            .into_iter()
            .enumerate()
            {
                estimate_or_plain(
                    &mut out,
                    testid,
                    label,
                    value,
                    f.gg_se.map(|se| se[k]),
                    "",
                    l,
                );
            }
            ll_output(&mut out, "gg-ll", g.ll, l);
            forecast_output(
                &mut out,
                "clv-total",
                i18n::CLV_TOTAL.get(l),
                total,
                &money(total),
                f.bands.as_ref().and_then(|b| b.clv_total),
                &money,
                &horizon_note,
                l,
            );
            let _ = write!(
                out,
                "</div><p class=\"hint\" data-testid=\"gg-converged\" data-value=\"{}\">{}</p><p class=\"hint\">{}</p>",
                g.converged,
                xml_escape(&i18n::converged(l, g.converged, g.iterations)),
                xml_escape(i18n::CLV_NOTE.get(l))
            );
            let bars: Vec<(String, f64)> = f
                .clv_hist
                .iter()
                .map(|(edge, c)| (format_number(l, *edge, 0), *c))
                .collect();
            let labels = Labels {
                x_title: i18n::CLV.get(l),
                y_title: i18n::CUSTOMERS_AXIS.get(l),
                series: ["", ""],
                band: "",
                y: &count,
            };
            figure(
                &mut out,
                "clv-chart",
                i18n::CLV_HIST.get(l),
                histogram_svg(&bars, &labels, (520, 260)),
            );
        }
        _ => {
            let _ = write!(
                out,
                "<p class=\"hint\" data-testid=\"gg-notice\">{}</p>",
                xml_escape(i18n::GG_NONE.get(l))
            );
        }
    }
    let spend = f.gg.is_some();
    let _ = write!(
        out,
        "<h4>{}</h4><div class=\"heatmap-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{0}\"><table class=\"mini-table\" data-testid=\"top-customers\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">x</th><th scope=\"col\">t_x ({unit})</th><th scope=\"col\">T ({unit})</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th>",
        xml_escape(if spend { i18n::TOP_CUSTOMERS.get(l) } else { i18n::TOP_BY_PURCHASES.get(l) }),
        xml_escape(i18n::CUSTOMER_ID.get(l)),
        xml_escape(i18n::P_ALIVE.get(l)),
        xml_escape(&format!("{} ({horizon_note})", i18n::EXPECTED_TOTAL.get(l)))
    );
    if spend {
        let _ = write!(
            out,
            "<th scope=\"col\">{}</th><th scope=\"col\">{}</th>",
            xml_escape(i18n::EXPECTED_SPEND.get(l)),
            xml_escape(i18n::CLV.get(l))
        );
    }
    out.push_str("</tr></thead><tbody>");
    for t in &f.top {
        let _ = write!(
            out,
            "<tr><th scope=\"row\"><bdi>{}</bdi></th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
            xml_escape(&t.id),
            t.x,
            num(t.t_x, 1),
            num(t.t, 1),
            format_percent(l, t.p_alive, 0),
            num(t.expected, 2)
        );
        if spend {
            let _ = write!(
                out,
                "<td>{}</td><td data-value=\"{}\">{}</td>",
                money(t.spend),
                t.clv,
                money(t.clv)
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
    out
}

/// The sBG estimates, DERL and the projected survival table (periods 1–12,
/// observed shares beside) as HTML in the page language.
pub fn sbg_html(
    survivors: &[f64],
    fit: &crate::forecast::sbg::Estimate,
    derl: f64,
    l: Lang,
) -> String {
    let mut out = String::with_capacity(4096);
    out.push_str("<div class=\"outputs\">");
    for (testid, label, value, text, note) in [
        (
            "sbg-alpha",
            "α",
            fit.alpha,
            format_estimate(l, fit.alpha),
            "",
        ),
        ("sbg-beta", "β", fit.beta, format_estimate(l, fit.beta), ""),
        (
            "sbg-ll",
            i18n::LL_LABEL.get(l),
            fit.ll,
            format_number(l, fit.ll, 1),
            "",
        ),
        (
            "sbg-derl",
            i18n::DERL.get(l),
            derl,
            format_number(l, derl, 2),
            "",
        ),
    ] {
        output(&mut out, testid, label, value, &text, note);
    }
    let _ = write!(
        out,
        "</div><table class=\"mini-table\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        xml_escape(i18n::SBG_PROJECTION.get(l)),
        xml_escape(i18n::PERIOD_AXIS.get(l)),
        xml_escape(i18n::SBG_SERIES[1].get(l)),
        xml_escape(i18n::SBG_SERIES[0].get(l))
    );
    let start = survivors.first().copied().unwrap_or(1.0);
    for t in 1..=12 {
        let v = fit.survival(t);
        let seen = survivors
            .get(t)
            .map_or(String::new(), |o| format_percent(l, o / start, 1));
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{t}</th><td data-testid=\"sbg-survival-{t}\" data-value=\"{v}\">{}</td><td>{seen}</td></tr>",
            format_percent(l, v, 1)
        );
    }
    let _ = write!(
        out,
        "</tbody></table><p class=\"hint\">{}</p>",
        xml_escape(i18n::SBG_RATE_NOTE.get(l))
    );
    out
}

/// A customer lookup's answer as HTML (hooks `customer-p-alive`,
/// `customer-expected`, and with a spend model `customer-spend`, `customer-clv`).
pub fn lookup_html(answer: &crate::forecast::predict::Lookup, f: &Forecast, l: Lang) -> String {
    use crate::forecast::predict::Lookup;
    let notice = |m: &str| {
        format!(
            "<p class=\"hint\" data-testid=\"customer-notice\">{}</p>",
            xml_escape(m)
        )
    };
    let (x, t_x, t, p) = match answer {
        Lookup::Unknown => return notice(i18n::LOOKUP_UNKNOWN.get(l)),
        Lookup::AfterCalibration => return notice(i18n::LOOKUP_AFTER.get(l)),
        Lookup::Found {
            x,
            t_x,
            t,
            prediction,
        } => (x, t_x, t, prediction),
    };
    let unit = i18n::units(f.options.unit).get(l);
    let horizon = format!("{} {unit}", format_number(l, f.options.horizon, 0));
    let mut out = String::from("<div class=\"outputs\">");
    for (testid, label, value, text, note) in [
        (
            "customer-p-alive",
            i18n::P_ALIVE.get(l),
            p.p_alive,
            format_percent(l, p.p_alive, 1),
            "",
        ),
        (
            "customer-expected",
            i18n::EXPECTED_TOTAL.get(l),
            p.expected,
            format_estimate(l, p.expected),
            &horizon,
        ),
    ] {
        output(&mut out, testid, label, value, &text, note);
    }
    if f.gg.is_some() {
        for (testid, label, value, text, note) in [
            (
                "customer-spend",
                i18n::EXPECTED_SPEND.get(l),
                p.spend,
                format_money(l, p.spend),
                "",
            ),
            (
                "customer-clv",
                i18n::CLV.get(l),
                p.clv,
                format_money(l, p.clv),
                &horizon,
            ),
        ] {
            output(&mut out, testid, label, value, &text, note);
        }
    }
    let _ = write!(
        out,
        "<p class=\"formula\">x = {x}, t_x = {} {unit}, T = {} {unit}</p></div>",
        format_number(l, *t_x, 2),
        format_number(l, *t, 2)
    );
    out
}

/// The whole sBG panel's results for survivor text: (the chart's SVG, the
/// estimates and table as HTML), or (None, a message naming the bad item).
/// `discount` is per period (0.1 = 10%).
pub fn sbg_view(text: &str, discount: f64, l: Lang) -> (Option<String>, String) {
    use crate::forecast::sbg;
    let error = |m: &str| {
        (
            None,
            format!(
                "<p class=\"error\" role=\"alert\" data-testid=\"sbg-error\">{}</p>",
                xml_escape(m)
            ),
        )
    };
    let s = match sbg::parse_survivors(text) {
        Ok(s) => s,
        Err(e) => return error(&i18n::survivor_error(l, e)),
    };
    let Some(fit) = sbg::fit(&s) else {
        return error(i18n::forecast_error(
            l,
            crate::forecast::predict::ForecastError::NoFit,
        ));
    };
    let n = s.len() - 1;
    let ahead = (n + 12).max(12);
    let projected: Vec<f64> = (0..=ahead).map(|t| fit.survival(t)).collect();
    let retention: Vec<f64> = (1..=ahead).map(|t| fit.retention(t)).collect();
    let observed: Vec<f64> = s.iter().map(|v| v / s[0]).collect();
    let percent = |v: f64| format_percent(l, v, 0);
    let labels = Labels {
        x_title: i18n::PERIOD_AXIS.get(l),
        y_title: i18n::SHARE_AXIS.get(l),
        series: i18n::SBG_SERIES.map(|w| w.get(l)),
        band: "",
        y: &percent,
    };
    let svg = crate::chart::accessible(
        survival_svg(&observed, &projected, &retention, &labels, (560, 300)),
        i18n::SBG_HEADING.get(l),
    );
    let derl = fit.derl(discount.max(0.0), 1);
    let about = format!(
        "<p class=\"about\">{}</p>",
        xml_escape(i18n::SBG_ABOUT.get(l))
    );
    (Some(svg), about + &sbg_html(&s, &fit, derl, l))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cdnow_results_carry_the_hooks_in_both_languages() {
        use crate::forecast::predict as forecast;
        // The CDNOW sample, read as the forecast tests read it.
        let rows = crate::testing::cdnow_rows();
        let o = forecast::Options {
            calibration_end: crate::import::dates::days_from_civil(1997, 9, 30),
            unit: forecast::Unit::Week,
            horizon: 39.0,
            margin: 0.3,
            discount: 0.1,
        };
        let f = forecast::forecast(&rows, &o, &mut |_| true).unwrap();
        for l in [Lang::En, Lang::Zh] {
            let html = results_html(&f, l);
            for hook in [
                "bgnbd-r",
                "bgnbd-alpha",
                "bgnbd-a",
                "bgnbd-b",
                "bgnbd-ll",
                "gg-p",
                "gg-q",
                "gg-v",
            ] {
                assert!(
                    html.contains(&format!("data-testid=\"{hook}\" data-value=\"")),
                    "{hook}"
                );
            }
            assert!(html.contains(&format!(
                "data-testid=\"bgnbd-r\" data-value=\"{}\"",
                f.bgnbd.params.r
            )));
            assert_eq!(html.matches("data-testid=\"alive-grid\"").count(), 1);
            // Every forecast total and spend estimate with an interval round it.
            let value_of = |hook: &str| -> f64 {
                let key = format!("data-testid=\"{hook}\" data-value=\"");
                let at = html.find(&key).unwrap_or_else(|| panic!("{hook}")) + key.len();
                html[at..].split('"').next().unwrap().parse().unwrap()
            };
            for hook in [
                "expected-purchases",
                "holdout-predicted",
                "clv-total",
                "gg-p",
                "gg-q",
                "gg-v",
            ] {
                let (v, se) = (value_of(hook), value_of(&format!("{hook}-se")));
                let (lo, hi) = (
                    value_of(&format!("{hook}-lower")),
                    value_of(&format!("{hook}-upper")),
                );
                assert!(se > 0.0 && lo < v && v < hi, "{hook}: {lo} {v} {hi}");
                crate::assert_close!(hi - lo, 2.0 * 1.96 * se, rel 1e-9);
            }
            assert!(html.contains("data-testid=\"bands-about\""));
        }
        let b = f.bands.as_ref().unwrap();
        assert!(
            b.tracking.len() > 10
                && b.tracking.len() <= crate::forecast::bands::TRACKING_POINTS + 1
        );
        // The band holds the model line at its points.
        for &(k, lo, hi) in &b.tracking {
            let m = f.tracking.iter().find(|t| t.0 == k).unwrap().2;
            assert!(lo <= m && m <= hi, "{k}: {lo} {m} {hi}");
        }
        assert!(results_html(&f, Lang::Zh).contains("周"));
    }

    #[test]
    fn sbg_view_shows_the_fit_or_names_the_item() {
        let (svg, html) = sbg_view("1000, 631, 468, 382, 326, 289, 262, 241", 0.1, Lang::En);
        assert!(svg.unwrap().contains("<svg"));
        assert!(
            html.contains("data-testid=\"sbg-alpha\" data-value=\"0.70"),
            "{html}"
        );
        assert_eq!(html.matches("data-testid=\"sbg-survival-").count(), 12);
        let (svg, html) = sbg_view("1000, 631, abc", 0.1, Lang::Zh);
        assert!(svg.is_none() && html.contains("第 3 项"), "{html}");
    }
}
