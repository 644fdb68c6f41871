//! The views of an imported file: exports, skipped rows, the cohort table
//! and who is in a cell, brackets and segments, Pareto and the trend, the
//! fit to the simulator and the repeat curve.

use std::rc::Rc;

use yew::prelude::*;

use super::browser;
use super::cohort_table::{CohortTable, Same};
use super::controls::{Chart, Choice, Output};
use crate::chart::{self, curves, data_table};
use crate::i18n::{self, format_percent, Lang};
use crate::import::{self, Analysis, Period};

#[derive(Properties)]
pub(crate) struct ViewsProps {
    pub lang: Lang,
    pub analysis: Rc<Analysis>,
    pub on_or_after: import::Retention,
    pub model_p: [f64; 10],
    pub on_fit: Callback<(Rc<crate::simulator::fit::Fit>, Period)>,
    /// Asks for a cell's customers: (cohort period, offset).
    pub on_cell: Callback<(i32, usize)>,
    pub cell: Option<Rc<super::cell_customers::CellView>>,
}

impl PartialEq for ViewsProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && Rc::ptr_eq(&self.analysis, &other.analysis)
            && self.on_or_after == other.on_or_after
            && self.model_p == other.model_p
            && self.on_fit == other.on_fit
            && self.on_cell == other.on_cell
            && self.cell == other.cell
    }
}

#[component]
pub(crate) fn DataViews(props: &ViewsProps) -> Html {
    let l = props.lang;
    let a = &props.analysis;
    // None: not fitted yet; Some(None): not enough data. The fit keeps the
    // weighted means it was fitted to (its chart draws them; they cover every
    // cell, so they are not worked out again on each render).
    let fit = use_state(|| None::<Option<(Rc<crate::simulator::fit::Fit>, Rc<Vec<Option<f64>>>)>>);
    {
        let fit = fit.clone();
        use_effect_with(props.analysis.clone(), move |_| fit.set(None));
    }
    let on_fit_click = {
        let (fit, a) = (fit.clone(), a.clone());
        Callback::from(move |_| {
            let (weighted, _) = data_table::means(&a, false);
            let f = crate::simulator::fit::fit_retention(&weighted).map(Rc::new);
            fit.set(Some(f.map(|f| (f, Rc::new(weighted)))));
        })
    };
    let on_use = {
        let (fit, on_fit, g) = (fit.clone(), props.on_fit.clone(), a.granularity);
        Callback::from(move |_| {
            if let Some(Some((f, _))) = &*fit {
                on_fit.emit((f.clone(), g));
            }
        })
    };
    let pct = |v: f64| format_percent(l, v, 1);
    // Drawn on every render: ten bars and a line, against the model's p(n),
    // which a slider move changes.
    let repeat = {
        let percent = |v: f64| format_percent(l, v, 0);
        let labels = curves::RepurchaseLabels {
            x_title: i18n::STICKY_X.get(l),
            y_title: i18n::P_Y.get(l),
            series: i18n::REPEAT_SERIES.map(|w| w.get(l)),
            percent: &percent,
        };
        Rc::new(chart::accessible(
            curves::repeat_svg(&a.repeat_curve, &props.model_p, &labels, (520, 280)),
            i18n::REPEAT_HEADING.get(l),
        ))
    };
    let on_export = {
        let a = a.clone();
        Callback::from(move |_| {
            let json = a.to_json(&|r| i18n::skip_reason(l, r).to_string());
            browser::download("repurchase-lab-analysis.json", "application/json", &json);
        })
    };
    let on_skipped = {
        let a = a.clone();
        Callback::from(move |_| {
            let csv =
                crate::formats::export::skipped_csv(&a, &|r| i18n::skip_reason(l, r).to_string());
            browser::download(
                "repurchase-lab-skipped-rows.csv",
                "text/csv;charset=utf-8",
                &csv,
            );
        })
    };
    let trend_offset = use_state(|| 1usize);
    // Drawn once per analysis, view and language: a slider move re-renders
    // this component (the model's p(n) and the fit callback change) but
    // leaves these as they are.
    let on_trend = {
        let trend_offset = trend_offset.clone();
        Callback::from(move |v: String| trend_offset.set(v.parse().unwrap_or(1)))
    };
    let on_data_csv = {
        let (a, on_or_after) = (a.clone(), props.on_or_after);
        Callback::from(move |_| {
            let csv = crate::formats::export::analysis_csv(&a, on_or_after);
            browser::download(
                "repurchase-lab-your-cohorts.csv",
                "text/csv;charset=utf-8",
                &csv,
            );
        })
    };
    let lorenz = use_memo((Same(a.clone()), l), |(a, l)| {
        let l = *l;
        a.0.lorenz.as_ref().map(|points| {
            let percent = |v: f64| format_percent(l, v, 0);
            let labels = curves::RepurchaseLabels {
                x_title: i18n::LORENZ_X.get(l),
                y_title: i18n::LORENZ_Y.get(l),
                series: ["", ""],
                percent: &percent,
            };
            Rc::new(chart::accessible(
                curves::lorenz_svg(points, &labels, (520, 280)),
                i18n::LORENZ.get(l),
            ))
        })
    });
    let trend = use_memo(
        (Same(a.clone()), props.on_or_after, l, *trend_offset),
        |(a, on_or_after, l, k)| {
            let (a, l, k) = (&a.0, *l, *k);
            let values: Vec<(String, Option<f64>)> = a
                .cohorts
                .iter()
                .map(|c| {
                    let v = a.complete(c, k).then(|| c.retention(k, *on_or_after));
                    (c.label.clone(), v)
                })
                .collect();
            let percent = |v: f64| format_percent(l, v, 0);
            let labels = curves::RepurchaseLabels {
                x_title: i18n::COHORT.get(l),
                y_title: i18n::RETENTION_AXIS.get(l),
                series: ["", ""],
                percent: &percent,
            };
            Rc::new(chart::accessible(
                curves::trend_svg(&values, &labels, (520, 240)),
                i18n::TREND.get(l),
            ))
        },
    );
    let count = |v: u64| crate::i18n::format_number(l, v as f64, 0);
    html! {
        <div class="data-views">
            <div class="exports">
                <button type="button" data-testid="export-analysis" onclick={on_export}>{ i18n::EXPORT_ANALYSIS.get(l) }</button>
                <button type="button" data-testid="export-data-csv" onclick={on_data_csv}>{ i18n::EXPORT_DATA_CSV.get(l) }</button>
            </div>
            <div class="skipped" data-testid="skipped-rows" data-value={a.skipped_count.to_string()}>
                <strong>{ format!("{}: {}", i18n::SKIPPED_ROWS.get(l), count(a.skipped_count)) }</strong>
                if a.skipped_count > 0 {
                    <ul>
                        { for a.skipped.iter().take(20).map(|(line, r)| html! { <li>{ format!("{line}: {}", i18n::skip_reason(l, *r)) }</li> }) }
                    </ul>
                    <button type="button" data-testid="download-skipped" onclick={on_skipped}>{ i18n::DOWNLOAD_SKIPPED.get(l) }</button>
                }
            </div>
            <CohortTable analysis={Same(a.clone())} on_or_after={props.on_or_after} lang={l} on_cell={{
                let (a, on_cell) = (a.clone(), props.on_cell.clone());
                Callback::from(move |(label, k): (String, usize)| {
                    if let Some(c) = a.cohorts.iter().find(|c| c.label == label) {
                        on_cell.emit((c.period, k));
                    }
                })
            }} />
            <super::cell_customers::CellCustomers lang={l} analysis={Same(a.clone())} on_cell={props.on_cell.clone()} cell={props.cell.clone()} />
            if !a.brackets.is_empty() {
                <super::bracket_table::BracketTable analysis={Same(a.clone())} lang={l} />
            }
            if !a.segments.is_empty() {
                <super::segments::SegmentViews analysis={Same(a.clone())} on_or_after={props.on_or_after} lang={l} />
            }
            <div class="outputs">
                if let Some(share) = a.top20_share {
                    <Output testid="pareto-top20-share" label={i18n::PARETO.get(l)} value={share} text={pct(share)} emphasis=true />
                }
                <Output testid="data-repeat-rate" label={i18n::FREQUENCY.get(l)} value={a.totals.occasions as f64 / a.totals.customers.max(1) as f64}
                    text={crate::i18n::format_number(l, a.totals.occasions as f64 / a.totals.customers.max(1) as f64, 2)} />
            </div>
            <p>{ format!("{}: {}", i18n::TIERS.get(l), a.tiers.iter().map(|t| count(*t)).collect::<Vec<_>>().join(" · ")) }</p>
            <p>{ format!("{}: {}", i18n::SEGMENTS.get(l), a.lifecycle.iter().zip(i18n::LIFECYCLE).map(|(n, w)| format!("{} {}", w.get(l), count(*n))).collect::<Vec<_>>().join(" · ")) }</p>
            <div class="grid2">
                if let Some(svg) = (*lorenz).clone() {
                    <div>
                        <h3>{ i18n::LORENZ.get(l) }</h3>
                        <Chart testid="lorenz-chart" svg={svg} />
                    </div>
                }
                <div>
                    <h3>{ i18n::TREND.get(l) }</h3>
                    <Choice testid="trend-offset" label={i18n::TREND_OFFSET.get(l)}
                        options={[1usize, 2, 3, 6, 12].iter().map(|k| (AttrValue::from(k.to_string()), AttrValue::from(format!("+{k}")))).collect::<Vec<_>>()}
                        selected={trend_offset.to_string()} on_change={on_trend} />
                    <Chart testid="trend-chart" svg={(*trend).clone()} />
                </div>
            </div>
            <h3>{ i18n::FIT.get(l) }</h3>
            <p class="hint">{ i18n::FIT_LEAD.get(l) }</p>
            <button type="button" data-testid="fit-simulator" onclick={on_fit_click}>{ i18n::FIT.get(l) }</button>
            if let Some(result) = &*fit {
                if let Some((f, weighted)) = result {
                    <div class="grid">
                        <Chart testid="fit-chart" svg={{
                            let percent = |v: f64| format_percent(l, v, 0);
                            let labels = curves::RepurchaseLabels {
                                x_title: i18n::OFFSET_AXIS.get(l),
                                y_title: i18n::RETENTION_AXIS.get(l),
                                series: i18n::FIT_SERIES.map(|w| w.get(l)),
                                percent: &percent,
                            };
                            Rc::new(chart::accessible(curves::fit_svg(weighted, &f.curve, &labels, (520, 280)), i18n::FIT.get(l)))
                        }} />
                        <div class="outputs">
                            <Output testid="fit-base" label={i18n::FIT_BASE.get(l)} value={f.base} text={pct(f.base)} />
                            <Output testid="fit-stickiness-max" label={i18n::input(crate::calculator::scenario::Param::StickinessMax, Default::default(), l).0} value={f.k_max} text={pct(f.k_max)} />
                            <Output testid="fit-habit" label={i18n::input(crate::calculator::scenario::Param::HabitPurchase, Default::default(), l).0} value={f.habit} text={crate::i18n::format_number(l, f.habit, 1)} />
                            <Output testid="fit-decay" label={i18n::input(crate::calculator::scenario::Param::Decay, Default::default(), l).0} value={f.decay} text={pct(f.decay)} />
                            <Output testid="fit-rmse" label={i18n::FIT_RMSE.get(l)} value={f.rmse} text={format_percent(l, f.rmse, 2)} />
                            <button type="button" data-testid="use-in-simulator" onclick={on_use}>{ i18n::USE_FIT.get(l) }</button>
                        </div>
                    </div>
                } else {
                    <p class="hint" data-testid="fit-notice">{ i18n::FIT_NEEDS_DATA.get(l) }</p>
                }
            }
            <h3>{ i18n::REPEAT_HEADING.get(l) }</h3>
            <div class="grid">
                <Chart testid="repeat-chart" svg={repeat} />
                <table class="mini-table">
                    { for a.repeat_curve.iter().enumerate().map(|(i, r)| html! {
                        <tr><th scope="row">{ format!("{} → {}", i + 1, i + 2) }</th>
                            <td data-testid={format!("repeat-curve-{}", i + 1)} data-value={r.map_or("null".to_string(), |v| v.to_string())}>
                                { r.map_or("—".to_string(), pct) }
                            </td></tr>
                    }) }
                </table>
            </div>
        </div>
    }
}
