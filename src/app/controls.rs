//! Inputs and outputs with the CONTRACT.md test hooks.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{format_number, Lang};
use crate::model::clamp;
use crate::model::link::Ignored;
use crate::model::scenario::Param;

#[derive(Properties, PartialEq)]
pub struct ParamInputProps {
    pub param: Param,
    /// Current value in model units.
    pub value: f64,
    pub lang: Lang,
    pub on_change: Callback<(Param, f64)>,
}

/// Reads what a person typed: trims, accepts a decimal comma; `None` if it is
/// not a finite number.
pub fn parse_typed(raw: &str) -> Option<f64> {
    let s = raw.trim().replace(',', ".");
    s.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// A number field and a slider that move together, with a label, a hint and
/// a message when the typed value had to be changed.
#[component]
pub fn ParamInput(props: &ParamInputProps) -> Html {
    let message = use_state(|| None::<String>);
    let t = props.lang.text();
    let words = t.input(props.param);
    let param = props.param;
    let (lo, hi) = param.range();
    let testid = param.testid();
    let field_id = format!("in-{testid}");
    let hint_id = format!("hint-{testid}");

    let on_number = {
        let message = message.clone();
        let on_change = props.on_change.clone();
        let (value, lang) = (props.value, props.lang);
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let t = lang.text();
            match parse_typed(&input.value()) {
                Some(x) => {
                    let v = clamp(x, lo, hi);
                    if v != x {
                        message.set(Some(format!(
                            "{} {} ({}–{})",
                            t.clamped_to,
                            format_number(lang, v, 2),
                            format_number(lang, lo, 2),
                            format_number(lang, hi, 2)
                        )));
                        input.set_value(&v.to_string());
                    } else {
                        message.set(None);
                    }
                    on_change.emit((param, v));
                }
                None => {
                    message.set(Some(t.not_a_number.to_string()));
                    input.set_value(&value.to_string());
                }
            }
        })
    };
    let on_slider = {
        let message = message.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(x) = parse_typed(&input.value()) {
                message.set(None);
                on_change.emit((param, x));
            }
        })
    };

    let value = props.value.to_string();
    let (min, max, step) = (lo.to_string(), hi.to_string(), param.step().to_string());
    html! {
        <div class="field">
            <label for={field_id.clone()}>{ words.label }</label>
            <div class="field-row">
                <input type="range" data-testid={format!("{testid}-slider")} aria-label={words.label}
                    min={min.clone()} max={max.clone()} step={step.clone()} value={value.clone()}
                    oninput={on_slider} />
                <input type="number" id={field_id} data-testid={testid} inputmode="decimal"
                    min={min} max={max} step={step} value={value}
                    aria-describedby={hint_id.clone()} onchange={on_number} />
                <span class="unit">{ t.points }</span>
            </div>
            <p class="hint" id={hint_id}>{ words.hint }</p>
            if let Some(m) = &*message {
                <p class="field-message" role="status" data-testid={format!("{testid}-message")}>{ m }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct OutputProps {
    pub testid: AttrValue,
    pub label: AttrValue,
    pub formula: AttrValue,
    /// Model units, full precision in `data-value`.
    pub value: f64,
    pub unit: AttrValue,
    pub lang: Lang,
}

/// One output number: rounded text, exact `data-value`.
#[component]
pub fn Output(props: &OutputProps) -> Html {
    let exact = if props.value == 0.0 { 0.0 } else { props.value };
    let sign = if exact < 0.0 { "negative" } else { "positive" };
    html! {
        <div class={classes!("output", sign)}>
            <span class="output-label">{ &props.label }</span>
            <output data-testid={props.testid.clone()} data-value={exact.to_string()}>
                { format_number(props.lang, exact, 1) }
                <span class="unit">{ &props.unit }</span>
            </output>
            <span class="formula">{ &props.formula }</span>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct LinkNoticeProps {
    pub lang: Lang,
    pub items: Vec<Ignored>,
    pub on_dismiss: Callback<MouseEvent>,
}

/// Says, in the page language, which parts of an opened link were ignored.
#[component]
pub fn LinkNotice(props: &LinkNoticeProps) -> Html {
    let t = props.lang.text();
    html! {
        <div class="notice" role="status" data-testid="link-notice">
            <p>{ t.link_notice }</p>
            <ul>
                { for props.items.iter().map(|i| html! { <li>{ t.ignored(props.lang, i) }</li> }) }
            </ul>
            <button type="button" onclick={props.on_dismiss.clone()}>{ t.dismiss }</button>
        </div>
    }
}
