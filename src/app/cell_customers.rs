//! "Who is in a cell": the customers of one cohort cell, as the import
//! worker lists them (`import::drill`), with their CSV. Never in the link.

use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::browser;
use super::cohort_table::Same;
use super::controls::Choice;
use crate::i18n::{self, Lang};

#[derive(Properties, PartialEq)]
pub(crate) struct CellProps {
    pub lang: Lang,
    pub analysis: Same,
    pub on_cell: Callback<(i32, usize)>,
    pub cell: Option<Rc<CellView>>,
}

/// "Who is in a cell": a cohort and an offset (or a click on the table),
/// the cell's customers listed, and all of them as CSV.
#[component]
pub(crate) fn CellCustomers(props: &CellProps) -> Html {
    let l = props.lang;
    let a = &props.analysis.0;
    let cohort = use_state(|| None::<i32>);
    let offset = use_state(|| 0usize);
    {
        // A cell clicked in the table: the choices follow it.
        let (cohort, offset) = (cohort.setter(), offset.setter());
        use_effect_with(props.cell.clone(), move |cell| {
            if let Some(c) = cell {
                cohort.set(Some(c.cohort));
                offset.set(c.offset);
            }
        });
    }
    let chosen = (*cohort).or(a.cohorts.first().map(|c| c.period));
    let k = *offset;
    let on_show = {
        let (on_cell, cohort) = (props.on_cell.clone(), chosen);
        let offset = k;
        Callback::from(move |_| {
            if let Some(c) = cohort {
                on_cell.emit((c, offset));
            }
        })
    };
    let on_cohort = {
        let cohort = cohort.clone();
        Callback::from(move |v: String| cohort.set(v.parse().ok()))
    };
    let on_offset = {
        let offset = offset.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            offset.set(input.value().parse().unwrap_or(0));
        })
    };
    let on_csv = {
        let cell = props.cell.clone();
        Callback::from(move |_| {
            if let Some(c) = &cell {
                browser::download(
                    "repurchase-lab-cell-customers.csv",
                    "text/csv;charset=utf-8",
                    &format!("{}{}", crate::formats::export::BOM, c.csv),
                );
            }
        })
    };
    let label = |p: i32| {
        a.cohorts
            .iter()
            .find(|c| c.period == p)
            .map_or_else(String::new, |c| c.label.clone())
    };
    html! {
        <div class="cell-customers">
            <h3>{ i18n::CELL_HEADING.get(l) }</h3>
            <p class="hint">{ i18n::CELL_LEAD.get(l) }</p>
            <div class="mapping">
                <Choice testid="cell-cohort" label={i18n::COHORT.get(l)}
                    options={a.cohorts.iter().map(|c| (AttrValue::from(c.period.to_string()), AttrValue::from(c.label.clone()))).collect::<Vec<_>>()}
                    selected={AttrValue::from(chosen.map_or(String::new(), |c| c.to_string()))} on_change={on_cohort} />
                <label class="choice">{ i18n::CELL_OFFSET.get(l) }
                    <input type="number" min="0" step="1" data-testid="cell-offset" value={k.to_string()} onchange={on_offset} />
                </label>
                <button type="button" data-testid="cell-show" onclick={on_show}>{ i18n::CELL_SHOW.get(l) }</button>
            </div>
            if let Some(c) = &props.cell {
                <div data-testid="cell-customers" data-value={c.count.to_string()} data-cohort={label(c.cohort)} data-offset={c.offset.to_string()}>
                    <p>{ i18n::cell_count(l, &label(c.cohort), c.offset, c.count) }</p>
                    if c.count > 0 {
                        <button type="button" data-testid="cell-customers-csv" onclick={on_csv}>{ i18n::CELL_CSV.get(l) }</button>
                        <div class="table-scroll cell-list">
                            <table class="mini-table">
                                <thead><tr>
                                    <th scope="col">{ i18n::CUSTOMER.get(l) }</th>
                                    <th scope="col">{ i18n::ORDERS.get(l) }</th>
                                    if a.totals.revenue.is_some() {
                                        <th scope="col">{ i18n::REVENUE.get(l) }</th>
                                    }
                                </tr></thead>
                                <tbody>
                                    { for c.listed.iter().map(|(id, orders, revenue)| html! {
                                        <tr>
                                            <th scope="row">{ format!("\u{2068}{id}\u{2069}") }</th>
                                            <td>{ orders.clone() }</td>
                                            if a.totals.revenue.is_some() {
                                                <td>{ crate::formats::decimal::parse(revenue).map_or(String::new(), |v| crate::i18n::format_number(l, v, 2)) }</td>
                                            }
                                        </tr>
                                    }) }
                                </tbody>
                            </table>
                        </div>
                    }
                </div>
            }
        </div>
    }
}

/// The customers of one cohort cell, as the worker sent them.
#[derive(Debug, PartialEq)]
pub(crate) struct CellView {
    pub cohort: i32,
    pub offset: usize,
    pub count: usize,
    /// (id, orders, revenue) of the first ones listed.
    pub listed: Vec<(String, String, String)>,
    pub csv: String,
}
