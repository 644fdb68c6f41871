//! Inputs and outputs with the CONTRACT.md test hooks.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::calculator::clamp;
use crate::calculator::presets::JourneyKind;
use crate::calculator::scenario::Param;
use crate::formats::link::Ignored;
use crate::i18n::{self, format_number, Lang};

#[derive(Properties, PartialEq)]
pub(crate) struct ParamInputProps {
    pub param: Param,
    /// Current value in model units.
    pub value: f64,
    pub lang: Lang,
    /// Names the journey stages in their labels.
    #[prop_or_default]
    pub journey: JourneyKind,
    #[prop_or_default]
    pub disabled: bool,
    pub on_change: Callback<(Param, f64)>,
}

/// Reads what a person typed: trims, accepts a decimal comma and thousands
/// separators; `None` if it is not a finite number.
pub(crate) fn parse_typed(raw: &str) -> Option<f64> {
    let mut s = raw.trim().replace([' ', '\u{a0}', '_'], "");
    if s.contains(',') && !s.contains('.') && s.matches(',').count() == 1 && !s.ends_with(",000") {
        s = s.replace(',', ".");
    } else {
        s = s.replace(',', "");
    }
    crate::formats::decimal::parse(&s).filter(|x| x.is_finite())
}

/// A number field and a slider that move together, with a label, a hint and
/// a message when the typed value had to be changed.
#[component]
pub(crate) fn ParamInput(props: &ParamInputProps) -> Html {
    let message = use_state(|| None::<String>);
    let lang = props.lang;
    let param = props.param;
    let unit = param.unit();
    let (label, hint) = i18n::input(param, props.journey, lang);
    let (lo, hi) = param.range();
    let (slo, shi) = param.slider_range();
    let testid = param.testid();
    let field_id = format!("in-{testid}");
    let hint_id = format!("hint-{testid}");
    let shown = unit.to_field(props.value);

    let on_number = {
        let message = message.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            match parse_typed(&input.value()) {
                Some(x) => {
                    let model = unit.from_field(x);
                    let v = clamp(model, lo, hi);
                    if v != model {
                        message.set(Some(format!(
                            "{} {} ({}–{})",
                            i18n::CLAMPED_TO.get(lang),
                            format_number(lang, unit.to_field(v), 4),
                            format_number(lang, unit.to_field(lo), 4),
                            format_number(lang, unit.to_field(hi), 4)
                        )));
                        input.set_value(&unit.to_field(v).to_string());
                    } else {
                        message.set(None);
                    }
                    on_change.emit((param, v));
                }
                None => {
                    message.set(Some(i18n::NOT_A_NUMBER.get(lang).to_string()));
                    input.set_value(&shown.to_string());
                }
            }
        })
    };
    // A drag sends more input events than frames: the latest value waits
    // for the next animation frame and is sent once, marked on <html> by
    // `data-input-pending` meanwhile.
    let latest = use_mut_ref(|| None::<f64>);
    let on_slider = {
        let message = message.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(x) = parse_typed(&input.value()) {
                if message.is_some() {
                    message.set(None);
                }
                super::browser::note_drag();
                let waiting = latest.borrow_mut().replace(unit.from_field(x)).is_some();
                if !waiting {
                    super::browser::set_root_attribute("data-input-pending", Some(""));
                    let (latest, on_change) = (latest.clone(), on_change.clone());
                    super::browser::next_frame(move || {
                        super::browser::set_root_attribute("data-input-pending", None);
                        if let Some(v) = latest.borrow_mut().take() {
                            on_change.emit((param, v));
                        }
                    });
                }
            }
        })
    };

    let value = shown.to_string();
    let step = param.step().to_string();
    let unit_text = i18n::unit(unit).get(lang);
    // What a screen reader says as the slider moves: the value and its unit.
    let value_text = format!("{value} {unit_text}").trim_end().to_string();
    html! {
        <div class={classes!("field", props.disabled.then_some("disabled"))}>
            <label for={field_id.clone()}>{ label.clone() }</label>
            <div class="field-row">
                <input type="range" data-testid={format!("{testid}-slider")} aria-label={label}
                    aria-valuetext={value_text}
                    min={unit.to_field(slo).to_string()} max={unit.to_field(shi).to_string()}
                    step={step.clone()} value={value.clone()} oninput={on_slider}
                    disabled={props.disabled} />
                <input type="number" id={field_id} data-testid={testid.clone()} inputmode="decimal"
                    min={unit.to_field(lo).to_string()} max={unit.to_field(hi).to_string()} step={step}
                    value={value} aria-describedby={hint_id.clone()} onchange={on_number}
                    disabled={props.disabled} />
                <span class="unit">{ unit_text }</span>
            </div>
            <p class="hint" id={hint_id}>{ hint }</p>
            if let Some(m) = &*message {
                <p class="field-message" role="status" data-testid={format!("{testid}-message")}>{ m }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct OutputProps {
    pub testid: AttrValue,
    pub label: AttrValue,
    /// Model units, full precision in `data-value`.
    pub value: f64,
    /// The value as shown (rounded, with unit).
    pub text: AttrValue,
    #[prop_or_default]
    pub note: AttrValue,
    #[prop_or_default]
    pub emphasis: bool,
}

/// One output number: formatted text, exact `data-value`.
#[component]
pub(crate) fn Output(props: &OutputProps) -> Html {
    let exact = if props.value == 0.0 { 0.0 } else { props.value };
    let sign = if exact < 0.0 { "negative" } else { "positive" };
    html! {
        <div class={classes!("output", sign, props.emphasis.then_some("emphasis"))}>
            <span class="output-label">{ &props.label }</span>
            <output data-testid={props.testid.clone()} data-value={exact.to_string()}
                class={Some(crate::chart::number_size(&props.text)).filter(|c| !c.is_empty())}>{ &props.text }</output>
            if !props.note.is_empty() {
                <span class="formula">{ &props.note }</span>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct ChoiceProps {
    pub testid: AttrValue,
    pub label: AttrValue,
    /// (value, shown text) pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub selected: AttrValue,
    pub on_change: Callback<String>,
}

/// A labelled `<select>`.
#[component]
pub(crate) fn Choice(props: &ChoiceProps) -> Html {
    let on_change = {
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            cb.emit(select.value());
        })
    };
    html! {
        <label class="choice">
            <span>{ &props.label }</span>
            <select data-testid={props.testid.clone()} onchange={on_change}>
                { for props.options.iter().map(|(v, t)| html! {
                    <option value={v.clone()} selected={*v == props.selected}>{ t }</option>
                }) }
            </select>
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct ToggleProps {
    pub testid: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    pub on_change: Callback<bool>,
}

/// A labelled checkbox.
#[component]
pub(crate) fn Toggle(props: &ToggleProps) -> Html {
    let on_change = {
        let cb = props.on_change.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            cb.emit(input.checked());
        })
    };
    html! {
        <label class="toggle">
            <input type="checkbox" data-testid={props.testid.clone()} checked={props.checked} onchange={on_change} />
            <span>{ &props.label }</span>
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct ChartProps {
    pub testid: AttrValue,
    /// The SVG string from `crate::chart`.
    pub svg: std::rc::Rc<String>,
}

/// Downloads a chart drawn as `svg`: the SVG itself, or a 2× PNG (for slides).
pub(crate) fn export_chart(kind: &str, name: &str, svg: &str) {
    if kind == "png" {
        let size = crate::chart::svg_size(svg).unwrap_or((520, 280));
        super::browser::download_png(&format!("{name}.png"), svg, size, 2.0);
    } else {
        super::browser::download(&format!("{name}.svg"), "image/svg+xml", svg);
    }
}

/// The SVG and PNG buttons of charts drawn as HTML elsewhere (the import
/// worker writes them with `data-export`): one listener for all of them.
pub(crate) fn on_chart_export(e: MouseEvent) {
    let Some(button) = e.target_dyn_into::<web_sys::Element>() else {
        return;
    };
    let Some(kind) = button.get_attribute("data-export") else {
        return;
    };
    if kind == "csv" {
        // A table's CSV, written by the worker into the button itself.
        let name = button.get_attribute("data-name").unwrap_or_default();
        let csv = button.get_attribute("data-csv").unwrap_or_default();
        super::browser::download(&format!("{name}.csv"), "text/csv;charset=utf-8", &csv);
        return;
    }
    let Ok(Some(figure)) = button.closest("figure") else {
        return;
    };
    if let Ok(Some(svg)) = figure.query_selector("svg") {
        let name = figure.get_attribute("data-testid").unwrap_or_default();
        export_chart(&kind, &name, &svg.outer_html());
    }
}

/// A chart figure showing an SVG string made by the pure chart functions,
/// with SVG and PNG (2×, for slides) downloads of exactly that string.
/// What a chart knows of itself between renders.
#[derive(Default)]
struct ChartState {
    /// On screen, or within 200 px of it.
    on_screen: bool,
    /// The picture shown is the latest.
    fresh: bool,
    /// Counts new pictures, so a catch-up timer knows it is the last one.
    generation: u32,
}

/// A chart: its SVG is written at once when it is on screen (or within
/// 200 px of it) or when nothing is being dragged. One off screen keeps its
/// last picture during a drag, marked `data-stale`, and is brought up to
/// date when it comes into view, 300 ms after the last change, or before
/// printing. The first picture is
/// written in the task after the first frame, so the page's text shows
/// first. The numbers live elsewhere, always current.
#[component]
pub(crate) fn Chart(props: &ChartProps) -> Html {
    let body = use_node_ref();
    let state = use_mut_ref(ChartState::default);
    let latest = use_mut_ref(|| props.svg.clone());
    let write = {
        let (body, latest, state) = (body.clone(), latest.clone(), state.clone());
        Rc::new(move || {
            if state.borrow().fresh {
                return;
            }
            if let Some(el) = body.cast::<web_sys::Element>() {
                el.set_inner_html(&latest.borrow());
                let _ = el.remove_attribute("data-stale");
                state.borrow_mut().fresh = true;
            }
        })
    };
    {
        let (body, state, write) = (body.clone(), state.clone(), write.clone());
        use_effect_with((), move |_| {
            let guard = super::browser::watch_for_catch_up(
                body.cast::<web_sys::Element>(),
                move |on| state.borrow_mut().on_screen = on,
                move || write(),
            );
            move || drop(guard)
        });
    }
    {
        let (body, latest, state) = (body.clone(), latest.clone(), state.clone());
        use_effect_with(props.svg.clone(), move |svg| {
            *latest.borrow_mut() = svg.clone();
            let (first, on_screen, generation) = {
                let mut s = state.borrow_mut();
                s.fresh = false;
                s.generation = s.generation.wrapping_add(1);
                let first = body
                    .cast::<web_sys::Element>()
                    .is_some_and(|el| el.child_element_count() == 0);
                (first, s.on_screen, s.generation)
            };
            if let Some(el) = body.cast::<web_sys::Element>() {
                let _ = el.set_attribute("data-stale", "");
            }
            if !first && (on_screen || !super::browser::dragging()) {
                write();
            } else if first {
                super::browser::after_frame(move || write());
            } else {
                super::browser::after_ms(300, move || {
                    if state.borrow().generation == generation {
                        write();
                    }
                });
            }
        });
    }
    let export = |kind: &'static str| {
        let (svg, name) = (props.svg.clone(), props.testid.clone());
        Callback::from(move |_| export_chart(kind, &name, &svg))
    };
    let (on_svg, on_png) = (export("svg"), export("png"));
    html! {
        <figure class="chart" data-testid={props.testid.clone()}>
            <div class="chart-body" ref={body}></div>
            <figcaption class="chart-exports">
                <button type="button" data-testid="export-svg" onclick={on_svg}>{ "SVG" }</button>
                <button type="button" data-testid="export-png" onclick={on_png}>{ "PNG" }</button>
            </figcaption>
        </figure>
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct LinkNoticeProps {
    pub lang: Lang,
    pub items: Vec<Ignored>,
    pub on_dismiss: Callback<MouseEvent>,
}

/// Says, in the page language, which parts of an opened link were ignored.
#[component]
pub(crate) fn LinkNotice(props: &LinkNoticeProps) -> Html {
    html! {
        <div class="notice" role="status" data-testid="link-notice">
            <p>{ i18n::LINK_NOTICE.get(props.lang) }</p>
            <ul>
                { for props.items.iter().map(|i| html! { <li>{ i18n::ignored(props.lang, i) }</li> }) }
            </ul>
            <button type="button" onclick={props.on_dismiss.clone()}>{ i18n::DISMISS.get(props.lang) }</button>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::parse_typed;

    #[test]
    fn typed_numbers() {
        assert_eq!(parse_typed(" 60 "), Some(60.0));
        assert_eq!(parse_typed("0,5"), Some(0.5));
        assert_eq!(parse_typed("1,000"), Some(1000.0));
        assert_eq!(parse_typed("12,345.5"), Some(12345.5));
        assert_eq!(parse_typed("abc"), None);
        assert_eq!(parse_typed("inf"), None);
    }
}
