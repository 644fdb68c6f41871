//! The rooms loaded after the first frame: saved scenarios (with their
//! comparison), Your data and the forecasts — a second Yew app in its own
//! binary (`src/bin/rooms.rs`), so none of their code is in the first load.
//! It follows the page's scenario and language and asks the page for a new
//! scenario through [`super::bridge`].

use std::rc::Rc;

use yew::prelude::*;

use super::{bridge, import, saved, SHELL_KEYS};
use crate::calculator::calculate::calculate;
use crate::calculator::scenario::{Period, Scenario};
use crate::formats::link;
use crate::i18n::{self, Lang};
use crate::simulator::fit::Fit;

/// Mounts the rooms on the page's `#rooms` element.
pub fn start() {
    if let Some(root) = gloo::utils::document().get_element_by_id(bridge::HOST) {
        yew::Renderer::<Rooms>::with_root(root).render();
    }
}

/// The page's scenario as the rooms see it, with the p(n) of its lens.
#[derive(Clone, PartialEq)]
struct Seen {
    scenario: Rc<Scenario>,
    model_p: [f64; 10],
    lang: Lang,
}

impl Seen {
    fn of(fragment: &str, lang: Lang) -> Seen {
        let scenario = link::decode(fragment, SHELL_KEYS).scenario;
        let model_p = calculate(&scenario).repurchase;
        Seen {
            scenario: Rc::new(scenario),
            model_p,
            lang,
        }
    }
}

#[component]
fn Rooms() -> Html {
    let seen = use_state(|| {
        let (fragment, lang) = bridge::current();
        Seen::of(&fragment, lang)
    });
    {
        let seen = seen.clone();
        use_effect_with((), move |_| {
            let listener = bridge::on_state(move |fragment, lang| {
                let next = Seen::of(&fragment, lang);
                if *seen != next {
                    seen.set(next);
                }
            });
            bridge::ready();
            move || drop(listener)
        });
    }
    let on_replace = use_callback((), |scenario: Scenario, _| {
        bridge::send_replace(&link::encode(&scenario))
    });
    let on_fit = {
        let scenario = seen.scenario.clone();
        use_callback(scenario, |(fit, period): (Rc<Fit>, Period), scenario| {
            let mut next = (**scenario).clone();
            fit.apply_to(&mut next, period);
            bridge::send_replace(&link::encode(&next));
        })
    };
    let l = seen.lang;
    html! {
        <>
        <saved::SavedScenarios scenario={seen.scenario.clone()} lang={l} {on_replace} />
        <import::YourData lang={l} model_p={seen.model_p} {on_fit} scenario={seen.scenario.clone()} />
        <footer class="site-footer">{ i18n::FOOTER.get(l) }</footer>
        </>
    }
}
