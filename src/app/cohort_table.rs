//! The cohort table of imported data (`data-cohort-cell` hooks).
//!
//! Up to [`data_table::SPLIT_ABOVE`] cells it is one table, drawn with the
//! rest of the view. Above that (daily cohorts over two years are a quarter
//! of a million cells) one task would parse, style and lay it out for
//! seconds, so it is drawn in parts ([`data_table::split`]): the header at
//! once, then, from the next task on, band after band of cohort blocks, as
//! many per task as fit in [`BUDGET_MS`], yielding to the browser in between. Bands stay undrawn
//! (`content-visibility: hidden`) unless they are near what the table's
//! scroll box shows, so drawing costs what is in sight, not what exists.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::chart::data_table;
use crate::i18n::{self, format_percent, Lang};
use crate::import::Analysis;

/// An analysis compared by identity (each import result is a new `Rc`), so
/// the views' memos cost nothing to compare.
#[derive(Clone)]
pub(crate) struct Same(pub Rc<Analysis>);

impl PartialEq for Same {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

#[derive(Properties, PartialEq)]
pub(crate) struct TableProps {
    pub analysis: Same,
    pub on_or_after: crate::import::Retention,
    pub lang: Lang,
    /// A cell was clicked: (its cohort's label, offset).
    #[prop_or_default]
    pub on_cell: Option<Callback<(String, usize)>>,
}

/// Time one task may spend adding blocks before it yields, in ms.
const BUDGET_MS: f64 = 16.0;

#[component]
pub(crate) fn CohortTable(props: &TableProps) -> Html {
    let l = props.lang;
    let big = data_table::cell_count(&props.analysis.0) > data_table::SPLIT_ABOVE;
    let host = use_node_ref();
    // Blocks drawn and their number, while a split table is being drawn.
    let drawing = use_state(|| None::<(usize, usize)>);
    let key = (props.analysis.clone(), props.on_or_after, l);
    let single = use_memo(key.clone(), |(a, on_or_after, l)| {
        (!big).then(|| {
            AttrValue::from(data_table::data_table_html(
                &a.0,
                *on_or_after,
                &labels(*l, &|v| format_percent(*l, v, 0)),
            ))
        })
    });
    {
        let (host, drawing) = (host.clone(), drawing.setter());
        use_effect_with(key, move |(a, on_or_after, l)| {
            let job = if big {
                Drawing::start(&host, a.0.clone(), *on_or_after, *l, drawing.clone())
            } else {
                None
            };
            move || {
                drop(job);
                drawing.set(None);
                if let Some(el) = host.cast::<web_sys::Element>() {
                    el.set_inner_html("");
                }
            }
        });
    }
    html! {
        <>
            if let Some((done, all)) = *drawing {
                <p class="drawing" role="status">{ i18n::drawing_table(l, done, all) }</p>
            }
            <div class="heatmap-wrap data-wrap" role="region" aria-label={i18n::DATA_TABLE.get(l)} tabindex="0"
                aria-busy={drawing.is_some().then_some("true")}
                onmouseover={Callback::from(move |e: MouseEvent| tooltip(l, e))}
                onclick={props.on_cell.clone().map(|cb| Callback::from(move |e: MouseEvent| {
                    let Some(td) = e.target_dyn_into::<web_sys::Element>() else { return };
                    let (Some(cohort), Some(k)) = (td.get_attribute("data-cohort"), td.get_attribute("data-offset").and_then(|k| k.parse().ok())) else { return };
                    cb.emit((cohort, k));
                }))}
                data-drawing={drawing.map(|(done, all)| format!("{done}/{all}"))}>
                if let Some(table) = (*single).clone() {
                    { Html::from_html_unchecked(table) }
                }
                <div class="split-host" ref={host}></div>
            </div>
        </>
    }
}

fn labels<'a>(l: Lang, percent: &'a dyn Fn(f64) -> String) -> data_table::DataTableLabels<'a> {
    data_table::DataTableLabels {
        caption: i18n::DATA_TABLE.get(l),
        cohort: i18n::COHORT.get(l),
        size: i18n::SIZE.get(l),
        weighted: i18n::WEIGHTED_MEAN.get(l),
        simple: i18n::SIMPLE_MEAN.get(l),
        percent,
    }
}

/// A cell's tooltip, written when the pointer reaches it (the markup carries
/// none): "2024-01 +1: 50%", and "(in progress)" for the last period.
fn tooltip(l: Lang, e: MouseEvent) {
    let Some(td) = e.target_dyn_into::<web_sys::Element>() else {
        return;
    };
    let (Some(cohort), Some(k), Some(r)) = (
        td.get_attribute("data-cohort"),
        td.get_attribute("data-offset"),
        td.get_attribute("data-value")
            .and_then(|v| crate::formats::decimal::parse(&v)),
    ) else {
        return;
    };
    let mut tip = format!("{cohort} +{k}: {}", format_percent(l, r, 1));
    if td.has_attribute("data-in-progress") {
        tip.push_str(&format!(" ({})", i18n::IN_PROGRESS.get(l)));
    }
    let _ = td.set_attribute("title", &tip);
}

/// The task that adds the next blocks (it schedules itself again).
type Step = Rc<RefCell<Option<Closure<dyn FnMut()>>>>;

/// A split table being drawn; dropping it stops the drawing and the watching.
struct Drawing {
    stopped: Rc<Cell<bool>>,
    /// The pending task: cleared on drop, since it would call a freed closure.
    timer: Rc<Cell<Option<i32>>>,
    observer: web_sys::IntersectionObserver,
    _seen: Closure<dyn FnMut(web_sys::js_sys::Array)>,
    _step: Step,
}

impl Drop for Drawing {
    fn drop(&mut self) {
        self.stopped.set(true);
        if let Some(id) = self.timer.take() {
            gloo::utils::window().clear_timeout_with_handle(id);
        }
        // Queued notifications would call the freed callback (browsers other
        // than Chromium keep them after disconnect): take them first.
        let _ = self.observer.take_records();
        self.observer.disconnect();
    }
}

impl Drawing {
    fn start(
        host: &NodeRef,
        a: Rc<Analysis>,
        on_or_after: crate::import::Retention,
        l: Lang,
        drawing: UseStateSetter<Option<(usize, usize)>>,
    ) -> Option<Drawing> {
        let el = host.cast::<web_sys::Element>()?;
        let percent = |v: f64| format_percent(l, v, 0);
        let parts = data_table::split(&a, on_or_after, &labels(l, &percent));
        let seen =
            Closure::<dyn FnMut(web_sys::js_sys::Array)>::new(|entries: web_sys::js_sys::Array| {
                for e in entries.iter() {
                    let Ok(e) = e.dyn_into::<web_sys::IntersectionObserverEntry>() else {
                        continue;
                    };
                    let target = e.target();
                    let _ = if e.is_intersecting() {
                        target.set_attribute("data-shown", "")
                    } else {
                        target.remove_attribute("data-shown")
                    };
                }
            });
        // The table's own scroll box is the root: blocks a box-height above
        // and below what it shows are drawn.
        let init = web_sys::IntersectionObserverInit::new();
        if let Some(wrap) = el.parent_element() {
            init.set_root(Some(&wrap));
        }
        init.set_root_margin("100% 0px");
        let observer =
            web_sys::IntersectionObserver::new_with_options(seen.as_ref().unchecked_ref(), &init)
                .ok()?;
        el.set_inner_html(&parts.head);
        size(Some(el.clone()));
        let stopped = Rc::new(Cell::new(false));
        let step: Step = Rc::new(RefCell::new(None));
        let all = parts.blocks.len();
        let next = Rc::new(Cell::new(0usize));
        let band = Cell::new(0usize);
        let shown_tenth = Cell::new(0usize);
        let announce = drawing.clone();
        let timer = Rc::new(Cell::new(None));
        let body = {
            let (el, observer, stopped, step_slot, next, timer) = (
                el.clone(),
                observer.clone(),
                stopped.clone(),
                Rc::downgrade(&step),
                next.clone(),
                timer.clone(),
            );
            move || {
                if stopped.get() {
                    return;
                }
                let t0 = web_sys::js_sys::Date::now();
                // One band at a time: a block's box first, then its bands.
                while next.get() < all {
                    let i = next.get();
                    let j = band.get();
                    if j == 0 {
                        let _ = el.insert_adjacent_html("beforeend", &parts.block_html(&a, i));
                        size(el.last_element_child());
                    }
                    if let Some(block) = el.last_element_child() {
                        let _ = block.insert_adjacent_html(
                            "beforeend",
                            &parts.band_html(&a, i, j, on_or_after),
                        );
                        if let Some(b) = block.last_element_child() {
                            observer.observe(&b);
                            size(Some(b));
                        }
                    }
                    if j + 1 < parts.bands(&a, i) {
                        band.set(j + 1);
                    } else {
                        band.set(0);
                        next.set(i + 1);
                    }
                    if web_sys::js_sys::Date::now() - t0 > BUDGET_MS {
                        break;
                    }
                }
                if next.get() < all {
                    // Progress in tenths: a status that changes every task
                    // would flood a screen reader.
                    let tenth = next.get() * 10 / all;
                    if tenth != shown_tenth.replace(tenth) {
                        drawing.set(Some((next.get(), all)));
                    }
                    if let Some(slot) = step_slot.upgrade() {
                        if let Some(f) = slot.borrow().as_ref() {
                            timer.set(
                                gloo::utils::window()
                                    .set_timeout_with_callback(f.as_ref().unchecked_ref())
                                    .ok(),
                            );
                        }
                    }
                } else {
                    let _ = el.insert_adjacent_html("beforeend", &parts.foot);
                    size(el.last_element_child());
                    drawing.set(None);
                }
            }
        };
        // The header now; the blocks task by task, from the next task on
        // (this one already decoded the result and drew the other views).
        let closure = Closure::<dyn FnMut()>::new(body);
        timer.set(
            gloo::utils::window()
                .set_timeout_with_callback(closure.as_ref().unchecked_ref())
                .ok(),
        );
        *step.borrow_mut() = Some(closure);
        announce.set(Some((0, all)));
        Some(Drawing {
            stopped,
            timer,
            observer,
            _seen: seen,
            _step: step,
        })
    }
}

/// Gives the parts of a split table their sizes (`data-w`, `data-h` in
/// whole px) through the CSSOM: a strict Content-Security-Policy blocks
/// `style` attributes written as HTML, not styles set from script.
fn size(part: Option<web_sys::Element>) {
    let Some(part) = part else { return };
    let apply = |e: &web_sys::Element| {
        let (Some(w), Some(style)) = (
            e.get_attribute("data-w"),
            e.dyn_ref::<web_sys::HtmlElement>().map(|h| h.style()),
        ) else {
            return;
        };
        let _ = style.set_property("width", &format!("{w}px"));
        if let Some(h) = e.get_attribute("data-h") {
            let _ = style.set_property("contain-intrinsic-size", &format!("auto {w}px auto {h}px"));
        }
    };
    apply(&part);
    if let Ok(inner) = part.query_selector_all("[data-w]") {
        for i in 0..inner.length() {
            if let Some(e) = inner
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            {
                apply(&e);
            }
        }
    }
}
