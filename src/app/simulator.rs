//! The retention-cohort simulator section: inputs, the two heatmaps, the
//! curves, the lifecycle mix and the numbers a manager asks for.

use std::rc::Rc;

use yew::prelude::*;

use super::controls::{Chart, Choice, Output, ParamInput, Toggle};
use super::view::Parts;
use super::{browser, Action, ScenarioState};
use crate::calculator::calculate::Calculation;
use crate::calculator::scenario::{Param, Period, Scenario};
use crate::chart::{self, cohorts, heatmap};
use crate::i18n::{self, format_money, format_number, format_percent, Lang};
use crate::simulator::{self, Outcome, Simulation};

#[derive(Properties, PartialEq)]
pub(crate) struct SimulatorProps {
    pub scenario: Rc<Scenario>,
    /// The calculation of `scenario` (p(n, 0) of the lens in use feeds the chain).
    pub calc: super::Shared<Calculation>,
    /// The page's scenario has moved on; this update follows within a task.
    pub pending: bool,
    pub lang: Lang,
    pub dispatch: UseReducerDispatcher<ScenarioState>,
    /// Which blocks show.
    pub parts: Parts,
}

const WIDE: u32 = 520;

/// A simulation's heatmap in the page language (also used by the A/B comparison).
pub(super) fn heatmap_for(
    sim: &Simulation,
    compare: Option<&Simulation>,
    measure: heatmap::Measure,
    testid: &str,
    caption: &str,
    l: Lang,
    period: Period,
) -> String {
    let percent = |v: f64| format_percent(l, v, if v < 0.1 { 1 } else { 0 });
    let count = |v: f64| compact(l, v);
    let money = |v: f64| compact(l, v);
    let cohort_name = |c: usize| i18n::cohort_name(l, period, c);
    let offset_name = |k: usize| format!("+{k}");
    let labels = heatmap::HeatmapLabels {
        caption,
        cohort: i18n::COHORT.get(l),
        size: i18n::SIZE.get(l),
        mean: i18n::MEAN.get(l),
        cohort_name: &cohort_name,
        offset_name: &offset_name,
        percent: &percent,
        count: &count,
        money: &money,
    };
    heatmap::heatmap_html(sim, measure, testid, &labels, compare)
}

/// A short number for a cell: 950, 9.5k, 95k, 1.2M (中文: 9,500, 9.5万).
fn compact(l: Lang, v: f64) -> String {
    let a = v.abs();
    match l {
        Lang::En if a >= 1e6 => format!("{}M", format_number(l, v / 1e6, 1)),
        Lang::En if a >= 1e4 => format!("{}k", format_number(l, v / 1e3, 0)),
        Lang::En if a >= 1e3 => format!("{}k", format_number(l, v / 1e3, 1)),
        Lang::Zh if a >= 1e8 => format!("{}亿", format_number(l, v / 1e8, 1)),
        Lang::Zh if a >= 1e4 => format!("{}万", format_number(l, v / 1e4, 1)),
        _ => format_number(l, v, 0),
    }
}

#[derive(Properties, PartialEq)]
struct HeatmapWrapProps {
    testid: AttrValue,
    label: AttrValue,
    /// The table, from [`heatmap_for`].
    html: AttrValue,
    on_hover: Callback<MouseEvent>,
}

/// What a heatmap knows of itself between renders.
#[derive(Default)]
struct Resting {
    /// On screen, or within 200 px of it.
    on_screen: bool,
    /// Counts tables written, so a wake-up timer knows it is the last one.
    generation: u32,
}

/// A heatmap's scrolling box. Its table is always written at once, so every
/// cell's `data-value` is current; but while a slider is being dragged and
/// the box is off screen it rests (`data-resting`: `content-visibility:
/// hidden`, keeping its remembered size), so the browser skips the style,
/// layout and paint of 1,400 cells nobody sees. It wakes when it comes
/// within 200 px of the screen, 300 ms after the last change, or before
/// printing.
#[component]
fn HeatmapWrap(props: &HeatmapWrapProps) -> Html {
    let wrap = use_node_ref();
    let state = use_mut_ref(Resting::default);
    let wake = {
        let wrap = wrap.clone();
        move || {
            if let Some(el) = wrap.cast::<web_sys::Element>() {
                let _ = el.remove_attribute("data-resting");
            }
        }
    };
    {
        let (wrap, state, wake) = (wrap.clone(), state.clone(), wake.clone());
        use_effect_with((), move |_| {
            let guard = browser::watch_for_catch_up(
                wrap.cast::<web_sys::Element>(),
                move |on| state.borrow_mut().on_screen = on,
                wake,
            );
            move || drop(guard)
        });
    }
    {
        let (wrap, state) = (wrap.clone(), state.clone());
        use_effect_with(props.html.clone(), move |_| {
            let (on_screen, generation) = {
                let mut s = state.borrow_mut();
                s.generation = s.generation.wrapping_add(1);
                (s.on_screen, s.generation)
            };
            if on_screen || !browser::dragging() {
                wake();
            } else if let Some(el) = wrap.cast::<web_sys::Element>() {
                let _ = el.set_attribute("data-resting", "");
                browser::after_ms(300, move || {
                    if state.borrow().generation == generation {
                        wake();
                    }
                });
            }
        });
    }
    html! {
        <div class="heatmap-wrap" ref={wrap} data-testid={props.testid.clone()} tabindex="0" role="region"
            aria-label={props.label.clone()} onmouseover={props.on_hover.clone()}>
            { Html::from_html_unchecked(props.html.clone()) }
        </div>
    }
}

/// The simulator.
#[component]
pub(crate) fn Simulator(props: &SimulatorProps) -> Html {
    let s = &*props.scenario;
    let l = props.lang;
    // Run again only when what the simulator reads changes (not on the
    // calculator's tools).
    let outcome: Rc<Outcome> =
        use_memo(simulator::Inputs::of(s, props.calc.repurchase), |i| i.run());
    let measure = use_state(heatmap::Measure::default);
    let difference = use_state(|| false);
    let d = props.dispatch.clone();
    let on_param = use_callback(d.clone(), |(p, v): (Param, f64), d| {
        d.dispatch(Action::Set(p, v))
    });
    let on_habit = use_callback(d.clone(), |on: bool, d| d.dispatch(Action::SetHabitOn(on)));
    let on_reminder = use_callback(d.clone(), |on: bool, d| {
        d.dispatch(Action::SetReminderOn(on))
    });
    let on_period = use_callback(d, |code: String, d| {
        if let Some(p) = Period::from_code(&code) {
            d.dispatch(Action::SetPeriod(p));
        }
    });
    let on_measure = {
        let measure = measure.clone();
        use_callback((), move |code: String, _| {
            if let Some(m) = heatmap::Measure::from_code(&code) {
                measure.set(m);
            }
        })
    };
    let on_difference = {
        let difference = difference.clone();
        use_callback((), move |on: bool, _| difference.set(on))
    };

    let period = s.period;
    // A cell's tooltip is written when the pointer reaches it.
    let on_hover = Callback::from(move |e: MouseEvent| {
        let Some(td) = e.target_dyn_into::<web_sys::HtmlElement>() else {
            return;
        };
        let get = |a: &str| {
            td.get_attribute(a)
                .and_then(|v| crate::formats::decimal::parse(&v))
        };
        if let (Some(c), Some(k), Some(r), Some(a), Some(rev)) = (
            get("data-cohort"),
            get("data-offset"),
            get("data-value"),
            get("data-active"),
            get("data-revenue"),
        ) {
            let tip = i18n::cell_tooltip(l, period, c as usize, k as usize, r, a, rev);
            let _ = td.set_attribute("title", &tip);
        }
    });
    let maps = use_memo(
        (outcome.clone(), *measure, *difference, l, period),
        |(o, m, diff, l, period)| {
            let base = heatmap_for(
                &o.baseline,
                None,
                *m,
                "cohort-cell",
                i18n::BASELINE.get(*l),
                *l,
                *period,
            );
            let scen = heatmap_for(
                &o.scenario,
                diff.then_some(&o.baseline),
                *m,
                "scenario-cohort-cell",
                i18n::SCENARIO.get(*l),
                *l,
                *period,
            );
            (AttrValue::from(base), AttrValue::from(scen))
        },
    );
    let curves = use_memo((outcome.clone(), l), |(o, l)| {
        let l = *l;
        let pct = move |v: f64| format_percent(l, v, 0);
        let labels = cohorts::CohortLabels {
            title: String::new(),
            x_title: i18n::OFFSET_AXIS.get(l),
            y_title: i18n::RETENTION_AXIS.get(l),
            legend: vec![i18n::BASELINE.get(l).into(), i18n::SCENARIO.get(l).into()],
            y_fmt: &pct,
        };
        let retention = chart::accessible(
            cohorts::retention_svg(
                &o.baseline,
                &o.scenario,
                (&o.mean_baseline, &o.mean_scenario),
                &labels,
                (WIDE, 300),
            ),
            i18n::RETENTION_ALT.get(l),
        );
        let count = move |v: f64| compact(l, v);
        let mix_labels = |title: &str| {
            cohorts::CohortLabels {
                title: String::new(),
                x_title: i18n::CALENDAR_AXIS.get(l),
                y_title: i18n::CUSTOMERS_AXIS.get(l),
                legend: i18n::LIFECYCLE
                    .iter()
                    .map(|w| w.get(l).to_string())
                    .collect(),
                y_fmt: &count,
            }
            .with_title(title)
        };
        let mix_base = chart::accessible(
            cohorts::lifecycle_svg(
                &o.baseline.mix_by_period,
                &mix_labels(i18n::BASELINE.get(l)),
                (WIDE, 280),
            ),
            i18n::LIFECYCLE_ALT.get(l),
        );
        let mix_scen = chart::accessible(
            cohorts::lifecycle_svg(
                &o.scenario.mix_by_period,
                &mix_labels(i18n::SCENARIO.get(l)),
                (WIDE, 280),
            ),
            i18n::LIFECYCLE_ALT.get(l),
        );
        (Rc::new(retention), Rc::new(mix_base), Rc::new(mix_scen))
    });

    let parts = props.parts;
    let on_csv = {
        let outcome = outcome.clone();
        Callback::from(move |_| {
            let csv = crate::formats::export::cohort_csv(
                &outcome,
                i18n::CSV_HEADERS.map(|w| w.get(l)),
                [i18n::BASELINE.get(l), i18n::SCENARIO.get(l)],
            );
            browser::download("repurchase-lab-cohorts.csv", "text/csv;charset=utf-8", &csv);
        })
    };
    let on_json = {
        let outcome = outcome.clone();
        let (scenario, calc) = (props.scenario.clone(), props.calc.clone());
        Callback::from(move |_| {
            let json = crate::formats::export::scenario_json(&scenario, &calc, &outcome);
            browser::download("repurchase-lab-scenario.json", "application/json", &json);
        })
    };
    let input = |p: Param| {
        html! { <ParamInput key={p.testid()} param={p} value={s.get(p)} lang={l} on_change={on_param.clone()} /> }
    };
    let o = &*outcome;
    let (b, sc) = (&o.baseline, &o.scenario);
    let pct = |x: f64| format_percent(l, x, 1);
    let money = |x: f64| format_money(l, x);
    let at = |m: &[f64], k: usize| m.get(k).copied();
    let retention_row = [1usize, 3, 6, 12]
        .into_iter()
        .filter_map(|k| Some((k, at(&o.mean_baseline, k)?, at(&o.mean_scenario, k)?)))
        .collect::<Vec<_>>();
    let measure_options = heatmap::Measure::ALL
        .iter()
        .zip(i18n::MEASURES)
        .map(|(m, w)| (AttrValue::from(m.code()), AttrValue::from(w.get(l))))
        .collect::<Vec<_>>();
    let period_options = Period::ALL
        .iter()
        .map(|p| {
            (
                AttrValue::from(p.code()),
                AttrValue::from(i18n::period(*p).get(l)),
            )
        })
        .collect::<Vec<_>>();

    html! {
        <section class="panel" aria-labelledby="sim-heading" aria-busy={props.pending.to_string()}
            data-sim-pending={props.pending.then_some("true")}>
            <h2 id="sim-heading" tabindex="-1">{ i18n::SIM_HEADING.get(l) }</h2>
            <p class="lead">{ i18n::SIM_LEAD.get(l) }</p>
            if parts.sim_inputs {
            <div class="sim-inputs">
                <div class="inputs">
                    <h3>{ i18n::SIM_SETUP.get(l) }</h3>
                    <Choice testid="period" label={i18n::PERIOD.get(l)} options={period_options} selected={period.code()} on_change={on_period} />
                    { input(Param::NewCustomers) }
                    { input(Param::Growth) }
                    { input(Param::Cohorts) }
                    { input(Param::Window) }
                    { input(Param::Decay) }
                    { input(Param::ChurnAfter) }
                    { input(Param::SleepingFrom) }
                    { input(Param::WinBack) }
                    { input(Param::Aov) }
                    { input(Param::Margin) }
                    { input(Param::LtvPeriods) }
                </div>
                <div class="inputs">
                    <h3>{ i18n::SIM_PROGRAMMES.get(l) }</h3>
                    <Toggle testid="habit-on" label={i18n::HABIT_ON.get(l)} checked={s.habit_on} on_change={on_habit} />
                    { input(Param::HabitTarget) }
                    { input(Param::HabitBoost) }
                    { input(Param::HabitReward) }
                    <Toggle testid="reminder-on" label={i18n::REMINDER_ON.get(l)} checked={s.reminder_on} on_change={on_reminder} />
                    { input(Param::ReminderAt) }
                    { input(Param::ReminderReach) }
                    { input(Param::ReminderLift) }
                    { input(Param::ReminderCost) }
                </div>
            </div>
            }

            if parts.sim_numbers {
            <div class="outputs sim-numbers">
                <Output testid="total-customers" label={i18n::TOTAL_CUSTOMERS.get(l)} value={b.customers} text={format_number(l, b.customers, 0)} />
                <Output testid="total-purchases" label={i18n::TOTAL_PURCHASES.get(l)} value={b.purchases} text={format_number(l, b.purchases, 0)}
                    note={format!("{} {}", i18n::SCENARIO.get(l), format_number(l, sc.purchases, 0))} />
                <Output testid="purchase-frequency" label={i18n::FREQUENCY.get(l)} value={b.frequency} text={format_number(l, b.frequency, 2)}
                    note={format!("{} {}", i18n::SCENARIO.get(l), format_number(l, sc.frequency, 2))} />
                <Output testid="total-revenue" label={i18n::TOTAL_REVENUE.get(l)} value={b.revenue} text={money(b.revenue)}
                    note={format!("{} {}", i18n::SCENARIO.get(l), money(sc.revenue))} />
                <Output testid="customer-value" label={i18n::CUSTOMER_VALUE.get(l)} value={b.customer_value} text={money(b.customer_value)} />
                <Output testid="ltv" label={i18n::LTV.get(l)} value={b.ltv} text={money(b.ltv)} note={i18n::BASELINE.get(l)} />
                <Output testid="scenario-ltv" label={i18n::LTV.get(l)} value={sc.ltv} text={money(sc.ltv)} note={i18n::SCENARIO.get(l)} emphasis=true />
                <Output testid="scenario-cost" label={i18n::PROGRAMME_COST.get(l)} value={sc.programme_cost} text={money(sc.programme_cost)} note={i18n::WINDOW_NOTE.get(l)} />
                <Output testid="profit-difference" label={i18n::PROFIT_DIFF.get(l)} value={o.profit_scenario - o.profit_baseline}
                    text={money(o.profit_scenario - o.profit_baseline)} emphasis=true />
            </div>
            <div class="table-scroll" tabindex="0" role="region" aria-label={i18n::RETENTION_AT.get(l)}>
                <table class="mini-table retention-at">
                    <caption>{ i18n::RETENTION_AT.get(l) }</caption>
                    <tr><td></td>{ for retention_row.iter().map(|(k, _, _)| html! { <th scope="col">{ format!("+{k}") }</th> }) }</tr>
                    <tr><th scope="row">{ i18n::BASELINE.get(l) }</th>{ for retention_row.iter().map(|(k, v, _)| html! {
                        <td data-testid={format!("retention-at-{k}")} data-value={v.to_string()}>{ pct(*v) }</td> }) }</tr>
                    <tr><th scope="row">{ i18n::SCENARIO.get(l) }</th>{ for retention_row.iter().map(|(k, _, v)| html! {
                        <td data-testid={format!("scenario-retention-at-{k}")} data-value={v.to_string()}>{ pct(*v) }</td> }) }</tr>
                </table>
            </div>
            <div class="exports">
                <button type="button" data-testid="export-csv" onclick={on_csv}>{ i18n::EXPORT_CSV.get(l) }</button>
                <button type="button" data-testid="export-json" onclick={on_json}>{ i18n::EXPORT_JSON.get(l) }</button>
            </div>
            }

            if parts.heatmaps {
            <div class="heatmap-controls">
                <Choice testid="heatmap-measure" label={i18n::MEASURE.get(l)} options={measure_options} selected={measure.code()} on_change={on_measure} />
                <Toggle testid="heatmap-difference" label={i18n::DIFFERENCE.get(l)} checked={*difference} on_change={on_difference} />
                { Html::from_html_unchecked(AttrValue::from(heatmap::legend_html(i18n::LOW.get(l), i18n::HIGH.get(l)))) }
            </div>
            <div class="heatmaps">
                <HeatmapWrap testid="baseline-heatmap" label={i18n::BASELINE.get(l)} html={maps.0.clone()} on_hover={on_hover.clone()} />
                <HeatmapWrap testid="scenario-heatmap" label={i18n::SCENARIO.get(l)} html={maps.1.clone()} on_hover={on_hover} />
            </div>
            }
            if parts.curves {
            <div class="grid2">
                <Chart testid="retention-chart" svg={curves.0.clone()} />
                <Chart testid="lifecycle-chart" svg={curves.1.clone()} />
                <Chart testid="scenario-lifecycle-chart" svg={curves.2.clone()} />
            </div>
            }
            if parts.churn {
            <h3>{ i18n::CHURN_HEADING.get(l) }</h3>
            <div class="grid">
                <div class="inputs">
                    { input(Param::ChurnCut) }
                    { input(Param::Cac) }
                </div>
                <div class="outputs">
                    <Output testid="profit-baseline" label={i18n::PROFIT_BASE.get(l)} value={o.profit_baseline} text={money(o.profit_baseline)} />
                    <Output testid="profit-churn-cut" label={i18n::PROFIT_CUT.get(l)} value={o.profit_churn_cut} text={money(o.profit_churn_cut)} />
                    <Output testid="churn-cut-lift" label={i18n::PROFIT_LIFT.get(l)} value={o.churn_cut_lift} text={pct(o.churn_cut_lift)} emphasis=true />
                </div>
            </div>
            }
        </section>
    }
}
