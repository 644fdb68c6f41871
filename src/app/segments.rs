//! Retention by segment (issue 14): one mean row per segment value, open to
//! that segment's cohorts, and the segments' mean curves. The numbers are
//! the analysis's (`import::Segment`, `import::mean_retention`).

use std::rc::Rc;

use yew::prelude::*;

use super::cohort_table::Same;
use super::controls::Chart;
use crate::chart::{self, curves};
use crate::i18n::{self, format_percent, Lang};
use crate::import::{mean_retention, Segment};

#[derive(Properties, PartialEq)]
pub(crate) struct SegmentProps {
    pub analysis: Same,
    pub on_or_after: crate::import::Retention,
    pub lang: Lang,
}

/// Offsets shown in the table (the chart and the JSON have all of them).
const OFFSETS_SHOWN: usize = 13;

fn name(l: Lang, s: &Segment) -> String {
    if s.other {
        i18n::OTHER_SEGMENTS.get(l).to_string()
    } else if s.name.is_empty() {
        i18n::BLANK_SEGMENT.get(l).to_string()
    } else {
        s.name.clone()
    }
}

#[component]
pub(crate) fn SegmentViews(props: &SegmentProps) -> Html {
    let l = props.lang;
    let a = props.analysis.0.clone();
    let open = use_state(|| None::<usize>);
    {
        let open = open.clone();
        use_effect_with(props.analysis.clone(), move |_| open.set(None));
    }
    let means = use_memo(
        (props.analysis.clone(), props.on_or_after),
        |(a, on_or_after)| {
            Rc::new(
                a.0.segments
                    .iter()
                    .map(|s| mean_retention(&s.cohorts, a.0.last_period, *on_or_after))
                    .collect::<Vec<_>>(),
            )
        },
    );
    let svg = use_memo((means.clone(), l), |(means, l)| {
        let l = *l;
        let series: Vec<(String, Vec<Option<f64>>)> = a
            .segments
            .iter()
            .zip(means.iter())
            .map(|(s, m)| (name(l, s), m.clone()))
            .collect();
        let percent = |v: f64| format_percent(l, v, 0);
        let labels = curves::RepurchaseLabels {
            x_title: i18n::OFFSET_AXIS.get(l),
            y_title: i18n::RETENTION_AXIS.get(l),
            series: ["", ""],
            percent: &percent,
        };
        Rc::new(chart::accessible(
            curves::segments_svg(&series, &labels, (560, 300)),
            i18n::SEGMENTS_HEADING.get(l),
        ))
    });
    let a = &props.analysis.0;
    let width = means
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .min(OFFSETS_SHOWN);
    let pct = |v: f64| format_percent(l, v, 0);
    let count = |v: u64| i18n::format_number(l, v as f64, 0);
    html! {
        <div class="segments" data-testid="segments" data-value={a.segments.len().to_string()}>
            <h3>{ i18n::SEGMENTS_HEADING.get(l) }</h3>
            <p class="hint">{ i18n::SEGMENTS_LEAD.get(l) }</p>
            <div class="grid2">
                <div class="table-scroll">
                    <table class="mini-table segment-table">
                        <thead><tr>
                            <th scope="col">{ i18n::SEGMENT.get(l) }</th>
                            <th scope="col">{ i18n::CUSTOMERS.get(l) }</th>
                            { for (0..width).map(|k| html! { <th scope="col">{ format!("+{k}") }</th> }) }
                        </tr></thead>
                        { for a.segments.iter().enumerate().map(|(i, s)| {
                            let expanded = *open == Some(i);
                            let toggle = {
                                let open = open.clone();
                                Callback::from(move |_| open.set(if *open == Some(i) { None } else { Some(i) }))
                            };
                            html! {
                                <tbody data-testid={format!("segment-{i}")} data-segment={s.name.clone()}>
                                    <tr class="segment-mean">
                                        <th scope="row">
                                            <button type="button" data-testid={format!("segment-toggle-{i}")} aria-expanded={expanded.to_string()} onclick={toggle}>
                                                { if expanded { "▾ " } else { "▸ " } }{ name(l, s) }
                                            </button>
                                        </th>
                                        <td data-testid={format!("segment-customers-{i}")} data-value={s.customers.to_string()}>{ count(s.customers) }</td>
                                        { for (0..width).map(|k| {
                                            let v = means[i].get(k).copied().flatten();
                                            html! { <td data-offset={k.to_string()} data-value={v.map_or("null".to_string(), |v| v.to_string())}>{ v.map_or("—".to_string(), pct) }</td> }
                                        }) }
                                    </tr>
                                    if expanded {
                                        { for s.cohorts.iter().map(|c| html! {
                                            <tr class="segment-cohort" data-testid="segment-cohort">
                                                <th scope="row">{ format!("{} · {}", c.label, count(c.size)) }</th>
                                                <td></td>
                                                { for (0..width).map(|k| {
                                                    let shown = k < c.active.len();
                                                    let in_progress = shown && !a.complete(c, k);
                                                    html! {
                                                        <td class={classes!(in_progress.then_some("in-progress"))} data-offset={k.to_string()}>
                                                            { if shown { pct(c.retention(k, props.on_or_after)) } else { String::new() } }
                                                        </td>
                                                    }
                                                }) }
                                            </tr>
                                        }) }
                                    }
                                </tbody>
                            }
                        }) }
                    </table>
                </div>
                <Chart testid="segment-chart" svg={(*svg).clone()} />
            </div>
        </div>
    }
}
