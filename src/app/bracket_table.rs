//! Retention by custom offset brackets (issue 14): `0, 1-2, 3-5, 6-11, 12+`
//! typed by the user, the worker counts each cohort's customers per bracket
//! (`import::brackets`), drawn here with a customer-weighted mean row.

use yew::prelude::*;

use super::cohort_table::Same;
use crate::i18n::{self, format_percent, Lang};
use crate::import::brackets;

#[derive(Properties, PartialEq)]
pub(crate) struct BracketProps {
    pub analysis: Same,
    pub lang: Lang,
}

#[component]
pub(crate) fn BracketTable(props: &BracketProps) -> Html {
    let l = props.lang;
    let a = &props.analysis.0;
    let pct = |v: f64| format_percent(l, v, 0);
    // Weighted mean per bracket over the cohorts whose bracket is over.
    let means: Vec<Option<f64>> = a
        .brackets
        .iter()
        .enumerate()
        .map(|(b, br)| {
            let (mut active, mut size) = (0u64, 0u64);
            for r in &a.bracket_rows {
                if b < r.active.len() && brackets::complete(br, r.period, a.last_period) {
                    active += r.active[b];
                    size += r.size;
                }
            }
            (size > 0).then(|| active as f64 / size as f64)
        })
        .collect();
    html! {
        <div class="table-scroll">
            <table class="mini-table bracket-table" data-testid="bracket-table">
                <caption>{ i18n::BRACKETS_CAPTION.get(l) }</caption>
                <thead><tr>
                    <th scope="col">{ i18n::COHORT.get(l) }</th>
                    <th scope="col">{ i18n::SIZE.get(l) }</th>
                    { for a.brackets.iter().map(|b| html! { <th scope="col">{ format!("+{}", b.label()) }</th> }) }
                </tr></thead>
                <tbody>
                    { for a.bracket_rows.iter().map(|r| html! {
                        <tr>
                            <th scope="row">{ r.label.clone() }</th>
                            <td>{ r.size }</td>
                            { for a.brackets.iter().enumerate().map(|(b, br)| match r.active.get(b) {
                                Some(&n) => {
                                    let v = n as f64 / r.size.max(1) as f64;
                                    let open = !brackets::complete(br, r.period, a.last_period);
                                    html! {
                                        <td data-testid="bracket-cell" data-cohort={r.label.clone()} data-bracket={br.label()}
                                            data-value={v.to_string()} data-active={n.to_string()}
                                            class={classes!(open.then_some("in-progress"))}>{ pct(v) }</td>
                                    }
                                }
                                None => html! { <td></td> },
                            }) }
                        </tr>
                    }) }
                </tbody>
                <tfoot><tr>
                    <th scope="row">{ i18n::WEIGHTED_MEAN.get(l) }</th><td></td>
                    { for means.iter().zip(&a.brackets).map(|(m, b)| html! {
                        <td data-testid="bracket-mean" data-bracket={b.label()} data-value={m.map_or("null".to_string(), |v| v.to_string())}>
                            { m.map_or("—".to_string(), pct) }
                        </td>
                    }) }
                </tr></tfoot>
            </table>
        </div>
    }
}
