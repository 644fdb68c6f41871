//! The web shell: turns inputs into calls of the pure core and results into
//! markup. All state is one [`Scenario`]; every number and chart is derived
//! from it: `calculator::calculate` once per scenario here, handed down to
//! the sections, and the `chart` functions.

mod bracket_table;
mod bridge;
mod browser;
mod cell_customers;
mod cohort_table;
mod controls;
mod data_views;
mod forecast;
mod import;
mod import_worker;
pub mod rooms;
mod saved;
mod section_index;
mod sections;
mod segments;
mod share;
mod simulator;
mod view;
mod workbook;

use std::rc::Rc;

use yew::prelude::*;

use crate::calculator::calculate::{calculate, Calculation};
use crate::calculator::presets::{JourneyKind, Preset};
use crate::calculator::repurchase::Lens;
use crate::calculator::scenario::{Param, Period, Scenario};
use crate::calculator::tools::Tier;
use crate::formats::link::{self, Ignored};
use crate::i18n::{self, Lang};
use controls::{Choice, LinkNotice};
use view::{Parts, View};

/// Mounts the page on `<div id="app">` (or `<body>` when there is none).
pub fn start() {
    match gloo::utils::document().get_element_by_id("app") {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}

/// A value the page computes once and hands down, compared by identity: a
/// new one exists only when its inputs changed, so a props check is one
/// pointer comparison instead of a walk over every field.
#[derive(Debug)]
pub(crate) struct Shared<T>(pub(crate) Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Keys of the link that belong to the page, not to the scenario.
pub(crate) const SHELL_KEYS: &[&str] = &["embed", "theme"];

/// The scenario as reducer state (one action per kind of change), with its
/// calculation: computed here, once per new scenario, and handed down.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioState(pub Scenario, Shared<Calculation>);

impl ScenarioState {
    fn of(scenario: Scenario) -> ScenarioState {
        let calc = Shared(Rc::new(calculate(&scenario)));
        ScenarioState(scenario, calc)
    }
}

/// Every way the scenario changes.
pub enum Action {
    /// One number moved (clamped by the model).
    Set(Param, f64),
    /// The lens that gives p(n).
    SetLens(Lens),
    /// B from the journey builder or not.
    SetJourneyOn(bool),
    /// Which journey; its seed weights come with it.
    SetJourney(JourneyKind),
    /// E from the expectation builder or not.
    SetExpectationOn(bool),
    /// Customer tier of the expectation builder.
    SetTier(Tier),
    /// The habit programme on or off.
    SetHabitOn(bool),
    /// The recall reminder on or off.
    SetReminderOn(bool),
    /// The simulator's period length.
    SetPeriod(Period),
    /// Start again from a preset.
    LoadPreset(Preset),
    /// A whole new scenario (a link pasted into the address bar).
    Replace(Box<Scenario>),
}

impl Reducible for ScenarioState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = self.0.clone();
        match action {
            Action::Set(param, value) => {
                next.set(param, value);
            }
            Action::SetLens(lens) => next.lens = lens,
            Action::SetJourneyOn(on) => next.journey_on = on,
            Action::SetJourney(kind) => {
                next.journey = kind;
                next.journey_weights = kind.default_weights();
            }
            Action::SetExpectationOn(on) => next.expectation_on = on,
            Action::SetTier(tier) => next.tier = tier,
            Action::SetHabitOn(on) => next.habit_on = on,
            Action::SetReminderOn(on) => next.reminder_on = on,
            Action::SetPeriod(p) => next.period = p,
            Action::LoadPreset(preset) => next = preset.scenario(),
            Action::Replace(scenario) => next = *scenario,
        }
        if next == self.0 {
            self
        } else {
            Rc::new(ScenarioState::of(next))
        }
    }
}

/// The whole page.
#[component]
pub fn App() -> Html {
    let initial = use_memo((), |_| link::decode(&browser::fragment(), SHELL_KEYS));
    let scenario = use_reducer({
        let initial = initial.clone();
        move || ScenarioState::of(initial.scenario.clone())
    });
    let ignored = use_state({
        let initial = initial.clone();
        move || initial.ignored.clone()
    });
    let lang = use_state(browser::initial_lang);
    let view = use_memo((), {
        let initial = initial.clone();
        move |_| View::from_keys(&initial.other)
    });

    // The scenario as its link fragment: encoded once per render, it is the
    // share link, the address bar's fragment and what the rooms are told.
    let fragment = link::encode(&scenario.0);
    // The link mirrors the scenario (replaceState: no history entry per tick),
    // keeping an embedded view's own keys.
    {
        let suffix = view.suffix();
        use_effect_with(fragment.clone(), move |f| {
            browser::replace_fragment_soon(format!("{f}{suffix}"))
        });
        use_effect_with((), |_| {
            let listener = browser::flush_link_on_hide();
            move || drop(listener)
        });
    }
    use_effect_with(*lang, |lang| browser::set_document_lang(*lang));
    {
        // The rooms (super::rooms) follow the scenario and language, ask for
        // a new scenario, receive dropped files; loaded once the page is idle.
        let page = view.embed.is_none();
        use_effect_with((fragment.clone(), *lang), move |(f, l)| {
            if page {
                bridge::publish(f, *l);
            }
        });
        let dispatch = scenario.dispatcher();
        use_effect_with((), move |_| {
            let listeners = page.then(|| {
                bridge::load_when_idle();
                let replace = bridge::on_replace(move |fragment| {
                    let decoded = link::decode(&fragment, SHELL_KEYS);
                    dispatch.dispatch(Action::Replace(Box::new(decoded.scenario)));
                });
                (replace, bridge::catch_drops())
            });
            move || drop(listeners)
        });
    }
    use_effect_with(*view, |v| {
        browser::set_root_attribute("data-mode", v.embed.map(|_| "embed"));
        browser::set_root_attribute("data-theme", Some(v.theme.code()));
    });
    {
        // Embedded: tell the parent page our height after every render and resize.
        let panel = view.embed.map(|p| p.code());
        use_effect(move || {
            if let Some(p) = panel {
                browser::post_height(p);
            }
        });
        use_effect_with(panel, |panel| {
            let listener = panel.map(|p| browser::on_resize(move || browser::post_height(p)));
            move || drop(listener)
        });
    }
    {
        // A different link pasted into this tab's address bar.
        let scenario = scenario.dispatcher();
        let ignored = ignored.setter();
        use_effect_with((), move |_| {
            let listener = browser::on_hash_change(move |fragment| {
                let decoded = link::decode(&fragment, SHELL_KEYS);
                ignored.set(decoded.ignored);
                scenario.dispatch(Action::Replace(Box::new(decoded.scenario)));
            });
            move || drop(listener)
        });
    }

    let dispatch = scenario.dispatcher();
    let on_lang = {
        let lang = lang.clone();
        use_callback((), move |code: String, _| {
            if let Some(l) = Lang::from_code(&code) {
                browser::store_lang(l);
                lang.set(l);
            }
        })
    };
    let on_preset = {
        let dispatch = dispatch.clone();
        use_callback((), move |code: String, _| {
            if let Some(p) = Preset::from_code(&code) {
                dispatch.dispatch(Action::LoadPreset(p));
            }
        })
    };
    // The model's outputs (computed by the reducer, once per scenario) go
    // down to every section; once per render: the link and a shared scenario.
    let calc = scenario.1.clone();
    let shared = Rc::new(scenario.0.clone());
    let on_dismiss = {
        let ignored = ignored.clone();
        Callback::from(move |_| ignored.set(Vec::<Ignored>::new()))
    };

    let l = *lang;
    let s = &scenario.0;
    let preset_options = Preset::ALL
        .iter()
        .map(|p| {
            (
                AttrValue::from(p.code()),
                AttrValue::from(i18n::preset(*p).get(l)),
            )
        })
        .collect::<Vec<_>>();
    let lang_options = Lang::ALL
        .iter()
        .map(|x| (AttrValue::from(x.code()), AttrValue::from(x.native_name())))
        .collect::<Vec<_>>();

    let parts = Parts::of(view.embed.unwrap_or(view::Panel::Page));
    let share_url = format!("{}#{fragment}", browser::page_url());
    let notice = html! {
        if !ignored.is_empty() {
            <LinkNotice lang={l} items={(*ignored).clone()} on_dismiss={on_dismiss} />
        }
    };
    if view.embed.is_some() {
        return html! {
            <>
            { notice }
            <sections::Calculator scenario={shared} calc={calc} lang={l} dispatch={dispatch} {parts} />
            </>
        };
    }

    html! {
        <>
        <header class="site-header">
            <div>
                <h1>{ i18n::TITLE.get(l) }</h1>
                <p class="tagline">{ i18n::TAGLINE.get(l) }</p>
            </div>
            <div class="header-controls">
                <Choice testid="preset" label={i18n::PRESET.get(l)} options={preset_options}
                    selected={s.preset.code()} on_change={on_preset} />
                <span class="lang-switch">
                    <Choice testid="language" label={i18n::LANGUAGE.get(l)} options={lang_options}
                        selected={l.code()} on_change={on_lang} />
                </span>
            </div>
        </header>
        <share::ShareBar lang={l} url={share_url} page_url={browser::page_url()} {fragment} />
        <section_index::SectionIndex lang={l} />
        { notice }
        <sections::Calculator scenario={shared.clone()} calc={calc.clone()} lang={l} dispatch={dispatch.clone()} {parts} />
        </>
    }
}
