//! The section index: a sticky row that jumps to each room (keyboard: Tab,
//! Enter). Buttons, not `#anchor` links: the fragment is the scenario's
//! share link, which a jump must not touch.

use yew::prelude::*;

use super::bridge;
use crate::i18n::{self, Lang};

/// (hook suffix, the heading jumped to), in page order, as `i18n::INDEX`.
const ROOMS: [(&str, &str); 9] = [
    ("experience", "experience-heading"),
    ("expectation", "expectation-heading"),
    ("satisfaction", "satisfaction-heading"),
    ("repurchase", "repurchase-heading"),
    ("tools", "tools-heading"),
    ("cohorts", "sim-heading"),
    ("saved", "saved-heading"),
    ("data", "data-heading"),
    ("forecasts", "forecast-heading"),
];

#[derive(Properties, PartialEq)]
pub(crate) struct IndexProps {
    pub lang: Lang,
}

#[component]
pub(crate) fn SectionIndex(props: &IndexProps) -> Html {
    let l = props.lang;
    html! {
        <nav class="section-index" aria-label={i18n::INDEX_LABEL.get(l)} data-testid="section-index">
            <ul>
                { for ROOMS.iter().zip(i18n::INDEX).map(|((key, target), word)| {
                    let target: &'static str = target;
                    html! {
                        <li key={*key}>
                            <button type="button" data-testid={format!("index-{key}")}
                                onclick={Callback::from(move |_| bridge::go_to(target))}>{ word.get(l) }</button>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}
