//! Saved scenarios: save under a name, list, load, rename, delete, and
//! compare any two side by side (inputs, headline results, both heatmaps).

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::browser;
use super::controls::Choice;
use crate::calculator::calculate::calculate;
use crate::calculator::scenario::{Param, Scenario};
use crate::chart::heatmap;
use crate::formats::saved::{self, Saved};
use crate::i18n::{self, format_money, format_number, format_percent, Lang};
use crate::simulator::{self, Outcome};

const KEY: &str = "repurchase-lab.saved";

#[derive(Properties, PartialEq)]
pub(crate) struct SavedProps {
    pub scenario: Rc<Scenario>,
    pub lang: Lang,
    /// Show this scenario on the page (a saved one loaded).
    pub on_replace: Callback<Scenario>,
}

/// A storage problem to show.
#[derive(Clone, Copy, PartialEq)]
enum Notice {
    /// Entries that could not be read were ignored (`foreign`: not ours at all).
    Damaged { skipped: usize, foreign: bool },
    /// The browser would not store the list.
    Full,
}

/// The saved-scenarios section.
#[component]
pub(crate) fn SavedScenarios(props: &SavedProps) -> Html {
    let l = props.lang;
    let loaded = use_memo((), |_| saved::read(&browser::load(KEY).unwrap_or_default()));
    let items = use_state(|| loaded.items.clone());
    // What went wrong with storage, worded at render time in the page's language.
    let notice = use_state(|| {
        (loaded.skipped > 0 || loaded.foreign).then_some(Notice::Damaged {
            skipped: loaded.skipped,
            foreign: loaded.foreign,
        })
    });
    let name_ref = use_node_ref();
    let compare = use_state(|| (None::<usize>, None::<usize>));
    // The comparison runs two more simulations: only while it is open.
    let compare_open = use_state(|| false);
    let on_compare_open = {
        let compare_open = compare_open.clone();
        Callback::from(move |_| compare_open.set(!*compare_open))
    };

    let store = {
        let items = items.clone();
        let notice = notice.clone();
        move |next: Vec<Saved>| {
            if !browser::save(KEY, &saved::write(&next)) {
                notice.set(Some(Notice::Full));
            }
            items.set(next);
        }
    };
    let typed_name = {
        let name_ref = name_ref.clone();
        move || {
            name_ref
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default()
        }
    };
    let on_save = {
        let (items, store, typed_name, scenario) = (
            items.clone(),
            store.clone(),
            typed_name.clone(),
            props.scenario.clone(),
        );
        Callback::from(move |_| {
            let mut next = (*items).clone();
            next.push(Saved::new(&typed_name(), &scenario));
            store(next);
        })
    };
    let item_action = |i: usize, what: &'static str| {
        let (items, store, typed_name, on_replace) = (
            items.clone(),
            store.clone(),
            typed_name.clone(),
            props.on_replace.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let mut next = (*items).clone();
            match what {
                "load" => {
                    if let Some(item) = next.get(i) {
                        on_replace.emit(item.scenario());
                    }
                    return;
                }
                "rename" => {
                    if let Some(item) = next.get_mut(i) {
                        item.name = saved::clean_name(&typed_name());
                    }
                }
                _ => {
                    if i < next.len() {
                        next.remove(i);
                    }
                }
            }
            store(next);
        })
    };
    let on_compare = |side: usize| {
        let compare = compare.clone();
        Callback::from(move |code: String| {
            let pick = code.parse::<usize>().ok();
            let (a, b) = *compare;
            compare.set(if side == 0 { (pick, b) } else { (a, pick) });
        })
    };

    let scenario_of = |pick: Option<usize>| -> (String, Scenario) {
        match pick.and_then(|i| items.get(i)) {
            Some(item) => (item.name.clone(), item.scenario()),
            None => (i18n::CURRENT.get(l).to_string(), (*props.scenario).clone()),
        }
    };
    let (a, b) = *compare;
    let options = std::iter::once((
        AttrValue::from("current"),
        AttrValue::from(i18n::CURRENT.get(l)),
    ))
    .chain(items.iter().enumerate().map(|(i, it)| {
        (
            AttrValue::from(i.to_string()),
            AttrValue::from(it.name.clone()),
        )
    }))
    .collect::<Vec<_>>();
    let selected = |pick: Option<usize>| {
        AttrValue::from(pick.map_or("current".to_string(), |i| i.to_string()))
    };

    html! {
        <section class="panel" aria-labelledby="saved-heading">
            <h2 id="saved-heading" tabindex="-1">{ i18n::SAVED_HEADING.get(l) }</h2>
            <p class="lead">{ i18n::SAVED_LEAD.get(l) }</p>
            if let Some(n) = *notice {
                <p class="notice" role="status" data-testid="saved-notice">{ match n {
                    Notice::Damaged { skipped, foreign } => i18n::storage_notice(l, skipped, foreign),
                    Notice::Full => i18n::STORAGE_FULL.get(l).to_string(),
                } }</p>
            }
            <div class="save-row">
                <label for="save-name">{ i18n::SAVE_NAME.get(l) }</label>
                <input id="save-name" type="text" data-testid="save-name" maxlength="60" ref={name_ref} />
                <button type="button" data-testid="save-scenario" onclick={on_save}>{ i18n::SAVE.get(l) }</button>
            </div>
            if items.is_empty() {
                <p class="hint">{ i18n::NOTHING_SAVED.get(l) }</p>
            } else {
                <ul class="saved-list">
                    { for items.iter().enumerate().map(|(i, it)| html! {
                        <li data-testid="saved-scenario" data-name={it.name.clone()} key={format!("{i}-{}", it.name)}>
                            <span class="saved-name">{ &it.name }</span>
                            <button type="button" data-testid="saved-load" onclick={item_action(i, "load")}>{ i18n::LOAD.get(l) }</button>
                            <button type="button" data-testid="saved-rename" onclick={item_action(i, "rename")}>{ i18n::RENAME.get(l) }</button>
                            <button type="button" data-testid="saved-delete" onclick={item_action(i, "delete")}>{ i18n::DELETE.get(l) }</button>
                        </li>
                    }) }
                </ul>
            }
            <button type="button" data-testid="compare-open" aria-expanded={compare_open.to_string()} onclick={on_compare_open}>
                { i18n::COMPARE.get(l) }
            </button>
            if *compare_open {
                <div class="compare-choices">
                    <Choice testid="compare-a" label="A" options={options.clone()} selected={selected(a)} on_change={on_compare(0)} />
                    <Choice testid="compare-b" label="B" options={options} selected={selected(b)} on_change={on_compare(1)} />
                </div>
                // Saved scenarios are decoded only while the comparison is open.
                { {
                    let ((name_a, sa), (name_b, sb)) = (scenario_of(a), scenario_of(b));
                    html! { <Comparison {l} {name_a} {name_b} a={Rc::new(sa)} b={Rc::new(sb)} /> }
                } }
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ComparisonProps {
    l: Lang,
    name_a: AttrValue,
    name_b: AttrValue,
    a: Rc<Scenario>,
    b: Rc<Scenario>,
}

fn outcome(s: &Scenario) -> (crate::calculator::calculate::Calculation, Outcome) {
    let calc = calculate(s);
    let o = simulator::run(s, calc.repurchase);
    (calc, o)
}

/// A vs B: the inputs that differ, headline results and both heatmaps.
#[component]
fn Comparison(props: &ComparisonProps) -> Html {
    let l = props.l;
    let results = use_memo((props.a.clone(), props.b.clone()), |(a, b)| {
        (outcome(a), outcome(b))
    });
    let ((ca, oa), (cb, ob)) = &*results;
    let diffs: Vec<Param> = Param::ALL
        .iter()
        .copied()
        .filter(|p| props.a.get(*p) != props.b.get(*p))
        .collect();
    let show = |p: Param, v: f64| {
        let (label, _) = i18n::input(p, props.a.journey, l);
        let text = match p.unit() {
            crate::calculator::scenario::Unit::Percent => format_percent(l, v, 1),
            crate::calculator::scenario::Unit::Money => format_money(l, v),
            _ => format_number(l, v, 2),
        };
        (label, text)
    };
    let pct = |x: f64| format_percent(l, x, 1);
    let headline: Vec<(&'static str, String, String)> = vec![
        (
            i18n::VALUE.get(l),
            format_number(l, ca.chain.value, 1),
            format_number(l, cb.chain.value, 1),
        ),
        (
            i18n::SATISFACTION.get(l),
            format_number(l, ca.chain.satisfaction, 1),
            format_number(l, cb.chain.satisfaction, 1),
        ),
        (
            i18n::P_FIRST.get(l),
            pct(ca.repurchase[0]),
            pct(cb.repurchase[0]),
        ),
        (
            i18n::DTE_PROBABILITY.get(l),
            pct(ca.dte_probability),
            pct(cb.dte_probability),
        ),
        (
            i18n::TOTAL_REVENUE.get(l),
            format_money(l, oa.scenario.revenue),
            format_money(l, ob.scenario.revenue),
        ),
        (
            i18n::LTV.get(l),
            format_money(l, oa.scenario.ltv),
            format_money(l, ob.scenario.ltv),
        ),
        (
            i18n::PROGRAMME_COST.get(l),
            format_money(l, oa.scenario.programme_cost),
            format_money(l, ob.scenario.programme_cost),
        ),
    ];
    let table = |o: &Outcome, testid: &str, caption: &str| {
        AttrValue::from(super::simulator::heatmap_for(
            &o.scenario,
            None,
            heatmap::Measure::Retention,
            testid,
            caption,
            l,
            props.a.period,
        ))
    };
    html! {
        <div class="comparison" data-testid="comparison">
            <div class="table-scroll" tabindex="0" role="region" aria-label={i18n::DIFFERING_INPUTS.get(l)}>
                <table class="mini-table">
                    <caption>{ i18n::DIFFERING_INPUTS.get(l) }</caption>
                    <tr><td></td><th scope="col">{ format!("A: {}", props.name_a) }</th><th scope="col">{ format!("B: {}", props.name_b) }</th></tr>
                    { for diffs.iter().map(|p| {
                        let (label, va) = show(*p, props.a.get(*p));
                        let (_, vb) = show(*p, props.b.get(*p));
                        html! { <tr data-testid="compare-diff" data-key={p.key()}><th scope="row">{ label }</th><td>{ va }</td><td>{ vb }</td></tr> }
                    }) }
                </table>
                if diffs.is_empty() {
                    <p class="hint">{ i18n::NO_DIFFERENCES.get(l) }</p>
                }
                <table class="mini-table">
                    <caption>{ i18n::HEADLINES.get(l) }</caption>
                    { for headline.iter().map(|(name, a, b)| html! { <tr><th scope="row">{ *name }</th><td>{ a }</td><td>{ b }</td></tr> }) }
                </table>
            </div>
            <div class="heatmaps">
                <div class="heatmap-wrap" tabindex="0" role="region" aria-label={format!("A: {}", props.name_a)}>{ Html::from_html_unchecked(table(oa, "compare-a-cell", &format!("A: {}", props.name_a))) }</div>
                <div class="heatmap-wrap" tabindex="0" role="region" aria-label={format!("B: {}", props.name_b)}>{ Html::from_html_unchecked(table(ob, "compare-b-cell", &format!("B: {}", props.name_b))) }</div>
            </div>
        </div>
    }
}
