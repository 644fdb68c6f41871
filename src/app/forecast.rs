//! The Forecasts section: BG/NBD and Gamma-Gamma are fitted and drawn in the
//! import worker on the imported rows (`chart::forecast::results_html`); this
//! file sends the options, shows the worker's HTML and asks for lookups and
//! the customers' CSV. The sBG retention projection is fitted and drawn in the
//! worker too (`chart::forecast::sbg_view`, which writes the numbered hooks
//! sbg-survival-1 … sbg-survival-12 of CONTRACT.md).

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::controls::{Chart, Choice};
use crate::forecast::predict::{Options, Unit};
use crate::i18n::{self, Lang};
use crate::import::dates;

#[derive(Properties, PartialEq)]
pub(crate) struct ForecastProps {
    pub lang: Lang,
    /// First and last day of the imported rows (None without a transaction file).
    pub range: Option<(i32, i32)>,
    /// The import is a customer summary table: its fit arrives on its own.
    #[prop_or_default]
    pub summary: bool,
    /// Finished import requests (each one is fitted again).
    pub import_run: u32,
    /// The last forecast as the worker drew it.
    pub result: Option<Rc<Drawn>>,
    /// Progress of a running forecast.
    pub progress: Option<f64>,
    /// Finished forecasts (a counter for tests).
    pub runs: u32,
    /// The last lookup's answer, drawn by the worker.
    pub lookup: Option<AttrValue>,
    /// Asks the worker for a forecast.
    pub on_request: Callback<Options>,
    /// Asks the worker about a customer.
    pub on_lookup: Callback<String>,
    /// Asks the worker for every customer's forecast as a CSV download.
    pub on_customers: Callback<MouseEvent>,
    /// The models compared: None, asked (empty: fitting), or drawn.
    pub comparison: Option<AttrValue>,
    /// Asks the worker to fit and compare Pareto/NBD and MBG/NBD.
    pub on_compare: Callback<MouseEvent>,
    /// A summary table's first look while its other models are fitted.
    #[prop_or_default]
    pub first_look: Option<AttrValue>,
    /// Survivors of the imported data's oldest cohort (on or after), complete periods.
    pub data_survivors: Option<Rc<Vec<f64>>>,
    /// The scenario (its baseline cohort gives survivors on request).
    pub scenario: Rc<crate::calculator::scenario::Scenario>,
    /// The scenario's p(n, 0) (computed once, by the page).
    pub model_p: [f64; 10],
    /// The last sBG result from the worker (`status` holds the chart's SVG).
    pub sbg: Option<Rc<Drawn>>,
    /// Asks the worker for an sBG fit: (survivor text, discount per period).
    pub on_sbg: Callback<(String, f64)>,
}

/// A forecast drawn by the worker: "done" or "error", the status line, the results' HTML.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Drawn {
    pub state: String,
    pub status: String,
    pub html: AttrValue,
}

/// The options the user edits (percent inputs kept as the user's numbers).
#[derive(Clone, Copy, PartialEq)]
struct Edit {
    end: i32,
    unit: Unit,
    horizon: f64,
    margin_pct: f64,
    discount_pct: f64,
}

impl Edit {
    fn options(&self) -> Options {
        Options {
            calibration_end: self.end,
            unit: self.unit,
            horizon: self.horizon,
            margin: self.margin_pct / 100.0,
            discount: self.discount_pct / 100.0,
        }
    }
}

fn number_input(
    testid: &'static str,
    label: &'static str,
    value: f64,
    step: &'static str,
    on: Callback<f64>,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        if let Some(v) = super::controls::parse_typed(&input.value()) {
            if v.is_finite() {
                on.emit(v);
            }
        }
    });
    html! {
        <label class="field">
            <span>{ label }</span>
            <input type="number" data-testid={testid} value={value.to_string()} step={step} {onchange} />
        </label>
    }
}

#[component]
pub(crate) fn Forecasts(props: &ForecastProps) -> Html {
    let l = props.lang;
    let edit = use_state(|| None::<Edit>);
    let lookup_text = use_state(String::new);
    // Every import result (a new file, or the same one read with other
    // columns) is fitted again; a new date range starts from the middle of
    // its dates, in weeks, otherwise the user's options stay.
    {
        let (edit, on_request) = (edit.clone(), props.on_request.clone());
        let last_range = use_mut_ref(|| None::<(i32, i32)>);
        use_effect_with((props.range, props.import_run), move |(range, _)| {
            if let Some((first, last)) = *range {
                let e = match *edit {
                    Some(e) if *last_range.borrow() == Some((first, last)) => e,
                    _ => Edit {
                        end: first + (last - first) / 2,
                        unit: Unit::Week,
                        horizon: 52.0,
                        margin_pct: 30.0,
                        discount_pct: 10.0,
                    },
                };
                *last_range.borrow_mut() = Some((first, last));
                edit.set(Some(e));
                on_request.emit(e.options());
            } else {
                edit.set(None);
            }
        });
    }
    // Another language: the worker draws the same forecast again.
    {
        let (edit, on_request) = (edit.clone(), props.on_request.clone());
        use_effect_with(l, move |_| {
            if let Some(e) = *edit {
                on_request.emit(e.options());
            }
        });
    }
    // A new forecast answers the standing lookup again.
    {
        let (text, on_lookup) = (lookup_text.clone(), props.on_lookup.clone());
        let key = props.result.as_ref().map(Rc::as_ptr);
        use_effect_with(key, move |_| {
            if !text.is_empty() {
                on_lookup.emit((*text).clone());
            }
        });
    }
    let change = |f: fn(&mut Edit, f64)| {
        let (edit, on_request) = (edit.clone(), props.on_request.clone());
        Callback::from(move |v: f64| {
            if let Some(mut e) = *edit {
                f(&mut e, v);
                if Some(e) != *edit {
                    edit.set(Some(e));
                    on_request.emit(e.options());
                }
            }
        })
    };
    let on_end = {
        let set = change(|e, v| e.end = v as i32);
        Callback::from(move |ev: Event| {
            let input: HtmlInputElement = ev.target_unchecked_into();
            if let Some(d) = dates::parse_iso_fast(input.value().trim().as_bytes()) {
                set.emit(d as f64);
            }
        })
    };
    let on_unit = {
        let (edit, on_request) = (edit.clone(), props.on_request.clone());
        Callback::from(move |v: String| {
            if let (Some(mut e), Some(u)) = (*edit, Unit::from_code(&v)) {
                e.unit = u;
                edit.set(Some(e));
                on_request.emit(e.options());
            }
        })
    };
    let on_lookup_input = {
        let (text, on_lookup) = (lookup_text.clone(), props.on_lookup.clone());
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            text.set(input.value());
            on_lookup.emit(input.value());
        })
    };

    let bgnbd = match (props.range, *edit) {
        (Some(_), Some(e)) => {
            let unit_name = i18n::units(e.unit).get(l);
            let (state, status) = status_of(props, l);
            let lookup_view = match &props.lookup {
                Some(html) if !lookup_text.trim().is_empty() => {
                    Html::from_html_unchecked(html.clone())
                }
                _ => html! {},
            };
            let done = props.progress.is_none()
                && props.result.as_ref().is_some_and(|d| d.state == "done");
            html! {
                <>
                <div class="mapping forecast-options">
                    <label class="field">
                        <span>{ i18n::CALIBRATION_END.get(l) }</span>
                        <input type="date" data-testid="calibration-end" value={dates::iso(e.end)} onchange={on_end} />
                    </label>
                    <Choice testid="forecast-unit" label={i18n::FORECAST_UNIT.get(l)}
                        options={Unit::ALL.iter().map(|u| (AttrValue::from(u.code()), AttrValue::from(i18n::units(*u).get(l)))).collect::<Vec<_>>()}
                        selected={e.unit.code()} on_change={on_unit} />
                    { number_input("forecast-horizon", i18n::HORIZON.get(l), e.horizon, "1", change(|e, v| e.horizon = v.clamp(0.0, 10_000.0))) }
                    <span class="unit-note">{ unit_name }</span>
                    { number_input("forecast-margin", i18n::GROSS_MARGIN.get(l), e.margin_pct, "1", change(|e, v| e.margin_pct = v.clamp(0.0, 100.0))) }
                    { number_input("forecast-discount", i18n::DISCOUNT_RATE.get(l), e.discount_pct, "1", change(|e, v| e.discount_pct = v.clamp(0.0, 100.0))) }
                </div>
                <p class="hint">{ i18n::CALIBRATION_HINT.get(l) }</p>
                <p class={classes!("import-status", state.clone())} role="status" data-testid="forecast-status" data-state={state.clone()} data-run={props.runs.to_string()}>{ status }</p>
                if let Some(p) = props.progress {
                    <progress data-testid="forecast-progress" max="1" value={p.to_string()}></progress>
                }
                if let Some(d) = props.result.as_ref().filter(|_| done) {
                    <div class="forecast-results" onclick={super::controls::on_chart_export}>{ Html::from_html_unchecked(d.html.clone()) }</div>
                    <div class="exports">
                        <button type="button" data-testid="export-customers" onclick={props.on_customers.clone()}>{ i18n::EXPORT_CUSTOMERS.get(l) }</button>
                        <button type="button" data-testid="compare-models" onclick={props.on_compare.clone()}
                            disabled={props.comparison.as_ref().is_some_and(|c| c.is_empty())}>{ i18n::COMPARE_BUTTON.get(l) }</button>
                    </div>
                    { match props.comparison.as_ref() {
                        Some(c) if c.is_empty() => html! { <p class="hint" role="status">{ i18n::COMPARING.get(l) }</p> },
                        Some(c) => html! { <div class="forecast-results" data-testid="comparison" onclick={super::controls::on_chart_export}>{ Html::from_html_unchecked(c.clone()) }</div> },
                        None => html! {},
                    } }
                    <h4>{ i18n::LOOKUP.get(l) }</h4>
                    <input type="text" data-testid="customer-lookup" aria-label={i18n::LOOKUP.get(l)} placeholder={i18n::LOOKUP_PLACEHOLDER.get(l)}
                        value={(*lookup_text).clone()} oninput={on_lookup_input.clone()} />
                    { lookup_view }
                }
                </>
            }
        }
        _ if props.summary => {
            let (state, status) = status_of(props, l);
            html! {
                <>
                <p class={classes!("import-status", state.clone())} role="status" data-testid="forecast-status" data-state={state.clone()} data-run={props.runs.to_string()}>{ status }</p>
                if let Some(p) = props.progress {
                    <progress data-testid="forecast-progress" max="1" value={p.to_string()}></progress>
                    if let Some(html) = props.first_look.clone() {
                        <div class="forecast-results" data-testid="forecast-first">{ Html::from_html_unchecked(html) }</div>
                    }
                }
                if let Some(d) = props.result.as_ref().filter(|d| props.progress.is_none() && d.state == "done") {
                    <div class="forecast-results">{ Html::from_html_unchecked(d.html.clone()) }</div>
                }
                </>
            }
        }
        _ => {
            html! { <p class="hint" data-testid="forecast-needs-data">{ i18n::FORECAST_NEEDS_DATA.get(l) }</p> }
        }
    };

    html! {
        <section class="panel" aria-labelledby="forecast-heading">
            <h2 id="forecast-heading" tabindex="-1">{ i18n::FORECAST_HEADING.get(l) }</h2>
            <h3>{ i18n::BGNBD_HEADING.get(l) }</h3>
            { bgnbd }
            <Sbg lang={l} data_survivors={props.data_survivors.clone()} scenario={props.scenario.clone()} p0={props.model_p} result={props.sbg.clone()} on_request={props.on_sbg.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct SbgProps {
    lang: Lang,
    data_survivors: Option<Rc<Vec<f64>>>,
    scenario: Rc<crate::calculator::scenario::Scenario>,
    p0: [f64; 10],
    result: Option<Rc<Drawn>>,
    on_request: Callback<(String, f64)>,
}

const EXAMPLE: &str = "1000, 631, 468, 382, 326, 289, 262, 241";

fn survivors_text(v: &[f64]) -> String {
    v.iter()
        .map(|x| format!("{}", (x * 100.0).round() / 100.0))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The sBG panel: survivors in, the worker's fit out (the worker starts on
/// the first request, so the page does not load it until then).
#[component]
fn Sbg(props: &SbgProps) -> Html {
    let l = props.lang;
    let text = use_state(|| EXAMPLE.to_string());
    let discount_pct = use_state(|| 10.0f64);
    let send = {
        let (text, d, on_request) = (text.clone(), discount_pct.clone(), props.on_request.clone());
        move |t: String, pct: f64| {
            text.set(t.clone());
            d.set(pct);
            on_request.emit((t, pct / 100.0));
        }
    };
    let on_data = {
        let (send, source, d) = (
            send.clone(),
            props.data_survivors.clone(),
            discount_pct.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if let Some(v) = &source {
                send(survivors_text(v), *d);
            }
        })
    };
    let on_sim = {
        let (send, scenario, d) = (send.clone(), props.scenario.clone(), discount_pct.clone());
        let p0 = props.p0;
        Callback::from(move |_: MouseEvent| {
            let s = crate::simulator::survivors(&scenario, p0, 13);
            send(survivors_text(&s), *d);
        })
    };
    let on_example = {
        let (send, d) = (send.clone(), discount_pct.clone());
        Callback::from(move |_: MouseEvent| send(EXAMPLE.to_string(), *d))
    };
    let on_input = {
        let (send, d) = (send.clone(), discount_pct.clone());
        Callback::from(move |e: InputEvent| {
            let a: HtmlTextAreaElement = e.target_unchecked_into();
            send(a.value(), *d);
        })
    };
    let on_discount = {
        let (send, text) = (send.clone(), text.clone());
        Callback::from(move |v: f64| send((*text).clone(), v.clamp(0.0, 1000.0)))
    };
    let on_fit = {
        let (send, text, d) = (send.clone(), text.clone(), discount_pct.clone());
        Callback::from(move |_: MouseEvent| send((*text).clone(), *d))
    };
    // Fitted as soon as the panel comes into view (that is when the worker
    // loads), so the example's projection is there without a click.
    let panel = use_node_ref();
    let seen = use_state(|| false);
    {
        let (panel, seen) = (panel.clone(), seen.clone());
        use_effect_with((), move |_| {
            let observer = panel
                .cast::<web_sys::Element>()
                .and_then(|el| super::browser::when_visible(&el, move || seen.set(true)));
            move || drop(observer)
        });
    }
    {
        let (text, d, on_request, shown) = (
            text.clone(),
            discount_pct.clone(),
            props.on_request.clone(),
            props.result.is_some(),
        );
        use_effect_with(*seen, move |seen| {
            if *seen && !shown {
                on_request.emit(((*text).clone(), *d / 100.0));
            }
        });
    }
    // Another language: ask for the same numbers in it (only once shown).
    {
        let (text, d, on_request, shown) = (
            text.clone(),
            discount_pct.clone(),
            props.on_request.clone(),
            props.result.is_some(),
        );
        use_effect_with(l, move |_| {
            if shown {
                on_request.emit(((*text).clone(), *d / 100.0));
            }
        });
    }
    html! {
        <>
        <h3 ref={panel}>{ i18n::SBG_HEADING.get(l) }</h3>
        <label for="sbg-survivors">{ i18n::SURVIVORS.get(l) }</label>
        <textarea id="sbg-survivors" data-testid="sbg-survivors" rows="2" value={(*text).clone()} oninput={on_input} />
        <div class="exports">
            <button type="button" data-testid="sbg-fit" onclick={on_fit}>{ i18n::SBG_FIT.get(l) }</button>
            <button type="button" data-testid="sbg-example" onclick={on_example}>{ i18n::SBG_EXAMPLE.get(l) }</button>
            if props.data_survivors.is_some() {
                <button type="button" data-testid="sbg-from-data" onclick={on_data}>{ i18n::SBG_FROM_DATA.get(l) }</button>
            }
            <button type="button" data-testid="sbg-from-simulator" onclick={on_sim}>{ i18n::SBG_FROM_SIM.get(l) }</button>
        </div>
        { number_input("sbg-discount", i18n::PERIOD_DISCOUNT.get(l), *discount_pct, "1", on_discount) }
        if let Some(r) = &props.result {
            <div class="grid" data-testid="sbg-results" data-run={r.state.clone()}>
                if !r.status.is_empty() {
                    <Chart testid="sbg-chart" svg={Rc::new(r.status.clone())} />
                }
                <div>{ Html::from_html_unchecked(r.html.clone()) }</div>
            </div>
        }
        </>
    }
}

/// The forecast status line: working, or the last result's state and words.
fn status_of(props: &ForecastProps, l: Lang) -> (String, String) {
    match (&props.progress, &props.result) {
        (Some(_), _) => (
            "working".to_string(),
            i18n::FORECAST_WORKING.get(l).to_string(),
        ),
        (None, Some(d)) => (d.state.clone(), d.status.clone()),
        (None, None) => ("idle".to_string(), String::new()),
    }
}
