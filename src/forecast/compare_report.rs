//! The comparison's report, drawn in the worker in the page language:
//! every model's estimates with their intervals (or why it failed), the
//! table of LL, AIC, BIC and holdout error, and the recommendation
//! (`forecast-best`). The models and the numbers are [`crate::forecast::compare`].

use std::fmt::Write as _;

use crate::chart::xml_escape;
use crate::forecast::predict::Forecast;
use crate::forecast::report::{estimate, output};
use crate::i18n::{self, format_number, format_percent, Lang};

/// "Which model to believe": every model's estimates with their intervals,
/// or why it failed; the comparison table and the recommendation
/// (`forecast-best`, `data-value` = the model's hook prefix).
pub fn comparison_html(
    out: &mut String,
    c: &crate::forecast::compare::Comparison,
    unit: crate::forecast::summary::Unit,
    l: Lang,
) {
    use crate::forecast::compare::{Failure, Model};
    let unit = i18n::units(unit).get(l);
    let num = |v: f64, d: usize| format_number(l, v, d);
    let _ = write!(
        out,
        "<h4>{}</h4><p class=\"about\">{}</p>",
        xml_escape(i18n::COMPARE_HEADING.get(l)),
        xml_escape(i18n::COMPARE_ABOUT.get(l))
    );
    for (model, fit) in &c.models {
        let prefix = model.code();
        let _ = write!(out, "<h5>{}</h5>", model.name());
        match fit {
            Ok(fit) => {
                out.push_str("<div class=\"outputs\">");
                for (k, name) in model.parameters().iter().enumerate() {
                    let label = i18n::param_label(*model, name, l);
                    let n: &str = name;
                    let note = if n == "alpha" || n == "beta" {
                        unit
                    } else {
                        ""
                    };
                    estimate(
                        out,
                        &format!("{prefix}-{name}"),
                        &label,
                        fit.values[k],
                        fit.se[k],
                        note,
                        l,
                    );
                }
                if *model != Model::BgNbd {
                    output(
                        out,
                        &format!("{prefix}-ll"),
                        i18n::LL_LABEL.get(l),
                        fit.ll,
                        &num(fit.ll, 2),
                        "",
                    );
                }
                out.push_str("</div>");
            }
            Err(e) => {
                let why = match e {
                    Failure::NotConverged => i18n::FIT_NOT_CONVERGED,
                    Failure::Unbounded => i18n::FIT_UNBOUNDED,
                    Failure::Flat => i18n::FIT_FLAT,
                    Failure::OutOfTime => i18n::FIT_OUT_OF_TIME,
                };
                let _ = write!(
                    out,
                    "<p class=\"hint\" data-testid=\"{prefix}-failed\">{}</p>",
                    xml_escape(why.get(l))
                );
            }
        }
    }
    let _ = write!(
        out,
        "<div class=\"heatmap-wrap\" tabindex=\"0\" role=\"region\" aria-label=\"{0}\"><table class=\"mini-table\" data-testid=\"model-comparison\"><caption>{0}</caption><thead><tr><th scope=\"col\">{1}</th><th scope=\"col\">{2}</th><th scope=\"col\">AIC</th><th scope=\"col\">BIC</th><th scope=\"col\">{3}</th><th scope=\"col\">{4}</th></tr></thead><tbody>",
        xml_escape(i18n::COMPARE_TABLE.get(l)),
        xml_escape(i18n::MODEL.get(l)),
        xml_escape(i18n::LL_LABEL.get(l)),
        xml_escape(i18n::HOLDOUT_ERROR.get(l)),
        xml_escape(i18n::HOLDOUT_MAE.get(l)),
    );
    for (model, fit) in &c.models {
        let prefix = model.code();
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", model.name());
        match fit {
            Ok(fit) => {
                let cell = |k: &str, v: Option<f64>, text: String| match v {
                    Some(v) => {
                        format!("<td data-testid=\"{prefix}-{k}\" data-value=\"{v}\">{text}</td>")
                    }
                    None => "<td>—</td>".to_string(),
                };
                out.push_str(&cell("compare-ll", Some(fit.ll), num(fit.ll, 1)));
                out.push_str(&cell("aic", Some(fit.aic), num(fit.aic, 1)));
                out.push_str(&cell("bic", Some(fit.bic), num(fit.bic, 1)));
                out.push_str(&cell(
                    "holdout-error",
                    fit.holdout_error,
                    fit.holdout_error
                        .map_or(String::new(), |e| format_percent(l, e, 1)),
                ));
                out.push_str(&cell(
                    "holdout-mae",
                    fit.holdout_mae,
                    fit.holdout_mae.map_or(String::new(), |e| num(e, 3)),
                ));
            }
            Err(_) => {
                let _ = write!(
                    out,
                    "<td colspan=\"5\">{}</td>",
                    xml_escape(i18n::FAILED.get(l))
                );
            }
        }
        out.push_str("</tr>");
    }
    let _ = write!(
        out,
        "</tbody></table></div><p class=\"chart-exports\"><button type=\"button\" data-testid=\"export-comparison\" data-export=\"csv\" data-name=\"model-comparison\" data-csv=\"{}\">{}</button></p>",
        // Line ends as character references: a raw CR LF in an attribute is
        // read back as LF.
        xml_escape(&crate::forecast::compare::comparison_csv(c))
            .replace('\r', "&#13;")
            .replace('\n', "&#10;"),
        xml_escape(i18n::EXPORT_COMPARISON.get(l))
    );
    let best = c.best.map(|m| {
        (
            m,
            c.models
                .iter()
                .find(|(x, _)| *x == m)
                .and_then(|(_, f)| f.as_ref().ok()),
        )
    });
    match best {
        Some((m, Some(fit))) => {
            let why = match (c.by_holdout, fit.holdout_error) {
                (true, Some(e)) => i18n::best_by_holdout(l, m.name(), &format_percent(l, e, 1)),
                _ => i18n::best_by_bic(l, m.name(), &num(fit.bic, 1)),
            };
            let _ = write!(
                out,
                "<p class=\"best\" data-testid=\"forecast-best\" data-value=\"{}\">{}</p>",
                m.code(),
                xml_escape(&why)
            );
        }
        _ => {
            let _ = write!(
                out,
                "<p class=\"hint\" data-testid=\"forecast-best\" data-value=\"\">{}</p>",
                xml_escape(i18n::NO_BEST.get(l))
            );
        }
    }
}

/// The comparison as the worker sends it (or why there is none).
pub fn compare_view(
    c: Option<&crate::forecast::compare::Comparison>,
    f: &Forecast,
    l: Lang,
) -> String {
    let mut out = String::new();
    match c {
        Some(c) => comparison_html(&mut out, c, f.options.unit, l),
        None => {
            let _ = write!(
                out,
                "<p class=\"hint\" data-testid=\"forecast-best\" data-value=\"\">{}</p>",
                xml_escape(i18n::COMPARE_TOO_LONG.get(l))
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_comparison_carries_every_models_hooks_in_both_languages() {
        use crate::forecast::compare::{compare, Holdout};
        let customers = crate::testing::cdnow_customers();
        let bg = crate::forecast::bgnbd::fit(&customers, &mut |_| true).unwrap();
        let actual = vec![0.0; customers.len()];
        let holdout = Holdout {
            units: 0.0,
            actual: &actual,
        };
        let c = compare(&customers, &bg, &holdout, &mut |_| true).unwrap();
        for l in [Lang::En, Lang::Zh] {
            let mut html = String::new();
            comparison_html(&mut html, &c, crate::forecast::summary::Unit::Week, l);
            for hook in [
                "pnbd-r",
                "pnbd-beta-se",
                "pnbd-s-lower",
                "pnbd-ll",
                "mbgnbd-b-upper",
                "bgnbd-bic",
                "model-comparison",
            ] {
                assert!(html.contains(&format!("data-testid=\"{hook}\"")), "{hook}");
            }
            // Without a holdout the recommendation is by BIC.
            assert!(
                html.contains("data-testid=\"forecast-best\" data-value=\"mbgnbd\""),
                "{html}"
            );
        }
    }
}
