//! The web shell: turns inputs into calls of the pure core and results into
//! markup. All state is one [`Scenario`]; every number and chart is derived.

mod browser;
mod controls;

use std::rc::Rc;

use yew::prelude::*;

use crate::chart::{self, waterfall};
use crate::i18n::{format_number, Lang};
use crate::model::link::{self, Ignored};
use crate::model::scenario::{Param, Scenario};
use controls::{LinkNotice, Output, ParamInput};

/// Mounts the page on `<main id="app">` (or `<body>` when there is none).
pub fn start() {
    match gloo::utils::document().get_element_by_id("app") {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}

/// Keys of the link that belong to the page, not to the scenario.
const SHELL_KEYS: &[&str] = &[];

/// The scenario as reducer state: one action per kind of change.
#[derive(Clone, Debug, PartialEq)]
struct ScenarioState(Scenario);

/// Every way the scenario changes.
enum Action {
    /// One input moved (clamped by the model).
    Set(Param, f64),
    /// A whole new scenario (a link pasted into the address bar).
    Replace(Scenario),
}

impl Reducible for ScenarioState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = self.0.clone();
        match action {
            Action::Set(param, value) => {
                next.set(param, value);
            }
            Action::Replace(scenario) => next = scenario,
        }
        if next == self.0 {
            self
        } else {
            Rc::new(ScenarioState(next))
        }
    }
}

/// The whole page.
#[component]
pub fn App() -> Html {
    let initial = use_memo((), |_| link::decode(&browser::fragment(), SHELL_KEYS));
    let scenario = use_reducer({
        let initial = initial.clone();
        move || ScenarioState(initial.scenario.clone())
    });
    let ignored = use_state({
        let initial = initial.clone();
        move || initial.ignored.clone()
    });
    let lang = use_state(browser::initial_lang);

    // The link mirrors the scenario (replaceState: no history entry per tick).
    use_effect_with(scenario.0.clone(), |s| {
        browser::replace_fragment(&link::encode(s))
    });
    use_effect_with(*lang, |lang| browser::set_document_lang(*lang));
    {
        // A different link pasted into this tab's address bar.
        let scenario = scenario.dispatcher();
        let ignored = ignored.setter();
        use_effect_with((), move |_| {
            let listener = browser::on_hash_change(move |fragment| {
                let decoded = link::decode(&fragment, SHELL_KEYS);
                ignored.set(decoded.ignored);
                scenario.dispatch(Action::Replace(decoded.scenario));
            });
            move || drop(listener)
        });
    }

    let lang_v = *lang;
    let t = lang_v.text();
    let chain = scenario.0.chain();
    let svg = use_memo((chain, lang_v), |(chain, lang)| {
        let t = lang.text();
        let number = |x: f64| format_number(*lang, x, 1);
        let labels = waterfall::WaterfallLabels {
            bars: t.waterfall_bars,
            axis: t.waterfall_axis,
            number: &number,
        };
        chart::accessible(
            waterfall::waterfall_svg(chain, &labels, (520, 280)),
            t.waterfall_alt,
        )
    });

    let on_param = {
        let scenario = scenario.dispatcher();
        Callback::from(move |(param, value): (Param, f64)| {
            scenario.dispatch(Action::Set(param, value))
        })
    };
    let on_lang = {
        let lang = lang.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            if let Some(l) = Lang::from_code(&select.value()) {
                browser::store_lang(l);
                lang.set(l);
            }
        })
    };
    let on_dismiss = {
        let ignored = ignored.clone();
        Callback::from(move |_| ignored.set(Vec::<Ignored>::new()))
    };

    html! {
        <>
        <header class="site-header">
            <div>
                <h1>{ t.title }</h1>
                <p class="tagline">{ t.tagline }</p>
            </div>
            <label class="lang-switch">
                <span>{ t.language }</span>
                <select data-testid="language" onchange={on_lang}>
                    { for Lang::ALL.iter().map(|l| html! {
                        <option value={l.code()} selected={*l == lang_v}>{ l.native_name() }</option>
                    }) }
                </select>
            </label>
        </header>
        if !ignored.is_empty() {
            <LinkNotice lang={lang_v} items={(*ignored).clone()} on_dismiss={on_dismiss} />
        }
        <section class="panel" aria-labelledby="chain-heading">
            <h2 id="chain-heading">{ t.chain_heading }</h2>
            <p class="lead">{ t.chain_lead }</p>
            <div class="chain-grid">
                <div class="inputs">
                    { for Param::ALL.iter().map(|p| html! {
                        <ParamInput key={p.testid()} param={*p} value={scenario.0.get(*p)}
                            lang={lang_v} on_change={on_param.clone()} />
                    }) }
                </div>
                <div class="results">
                    <div class="outputs">
                        <Output testid="value" label={t.value} formula={t.value_formula}
                            value={chain.value} unit={t.points} lang={lang_v} />
                        <Output testid="satisfaction" label={t.satisfaction}
                            formula={t.satisfaction_formula} value={chain.satisfaction}
                            unit={t.points} lang={lang_v} />
                    </div>
                    <figure class="chart" data-testid="chain-chart">
                        { Html::from_html_unchecked(AttrValue::from((*svg).clone())) }
                    </figure>
                </div>
            </div>
        </section>
        <footer class="site-footer">{ t.footer }</footer>
        </>
    }
}
