//! "Your data": drop, pick or paste a transaction export; see its real
//! cohorts. Decoding happens here (the browser's TextDecoder); everything
//! else is `crate::import`, pure Rust. Numbered hooks are written with
//! `format!`: repeat-curve-1 … repeat-curve-10 (CONTRACT.md).

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::browser;
use super::cohort_table::{CohortTable, Same};
use super::controls::{Chart, Choice, Output};
use super::forecast;
use crate::chart::{self, curves, data_table};
use crate::forecast::predict::Options;
use crate::formats::protocol::{Imported, Reply, Request};
use crate::i18n::{self, format_percent, Lang};
use crate::import::{self, dates::DayOrder, Analysis, ImportError, Inspection, Period, Settings};

#[derive(Properties, PartialEq)]
pub(crate) struct ImportProps {
    pub lang: Lang,
    /// The model's p(n, 0), drawn against the data's repeat curve.
    pub model_p: [f64; 10],
    /// Applies a fit to the simulator: (fit, the data's period).
    pub on_fit: Callback<(Rc<crate::simulator::fit::Fit>, Period)>,
    /// The scenario (the forecasts' sBG can start from its cohort).
    pub scenario: Rc<crate::calculator::scenario::Scenario>,
}

/// The user's choices (start from the inspection's guesses).
#[derive(Clone, Debug, PartialEq)]
struct Choices {
    customer: usize,
    date: usize,
    amount: Option<usize>,
    order: Option<usize>,
    status: Option<usize>,
    cancelled: Option<usize>,
    segment: Option<usize>,
    keep_all: bool,
    filter: Option<import::RowFilter>,
    brackets: Vec<import::brackets::Bracket>,
    day_order: &'static str,
    granularity: Period,
    on_or_after: import::Retention,
}

impl Choices {
    fn from(i: &Inspection) -> Choices {
        Choices {
            customer: i.mapping.customer,
            date: i.mapping.date,
            amount: i.mapping.amount,
            order: i.mapping.order,
            status: i.mapping.status,
            cancelled: i.mapping.cancelled,
            segment: None,
            keep_all: false,
            filter: None,
            brackets: Vec::new(),
            day_order: "auto",
            granularity: Period::Month,
            on_or_after: import::Retention::On,
        }
    }

    fn settings(&self, i: &Inspection) -> Settings {
        Settings {
            delimiter: i.delimiter,
            has_header: i.has_header,
            mapping: import::columns::Mapping {
                customer: self.customer,
                date: self.date,
                amount: self.amount,
                order: self.order,
                status: self.status,
                cancelled: self.cancelled,
                segment: self.segment,
            },
            day_order: match self.day_order {
                "dmy" => Some(DayOrder::Dmy),
                "mdy" => Some(DayOrder::Mdy),
                _ => None,
            },
            granularity: self.granularity,
            shop: i.shop,
            keep_all: self.keep_all,
            title_rows: i.title_rows,
            filter: self.filter.clone(),
            brackets: self.brackets.clone(),
        }
    }
}

/// The running import worker and its message handler.
struct WorkerHandle {
    worker: web_sys::Worker,
    /// Requests made before the worker said "ready".
    queue: Rc<std::cell::RefCell<Option<Vec<wasm_bindgen::JsValue>>>>,
    _on_message: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl WorkerHandle {
    /// Sends a request as `{ msg, bytes }` (bytes: a new file, beside the
    /// message so it is never copied into a string).
    fn send(&self, request: &Request, bytes: Option<wasm_bindgen::JsValue>) {
        let message = web_sys::js_sys::Object::new();
        let set = |k: &str, v: &wasm_bindgen::JsValue| {
            let _ = web_sys::js_sys::Reflect::set(&message, &k.into(), v);
        };
        set("msg", &request.encode().into());
        set("bytes", &bytes.unwrap_or(wasm_bindgen::JsValue::NULL));
        self.post(message.into());
    }

    /// Posts a message, or holds it until the worker says it listens.
    fn post(&self, message: wasm_bindgen::JsValue) {
        match self.queue.borrow_mut().as_mut() {
            Some(waiting) => waiting.push(message),
            None => {
                let _ = self.worker.post_message(&message);
            }
        }
    }
}

impl Drop for WorkerHandle {
    fn drop(&mut self) {
        self.worker.terminate();
    }
}

/// What the worker says about forecasts (the replies other than an import's).
type ForecastMessage = Rc<dyn Fn(Reply)>;

/// The import section.
#[component]
pub(crate) fn YourData(props: &ImportProps) -> Html {
    let l = props.lang;
    let inspection = use_state(|| None::<Result<Inspection, ImportError>>);
    let result = use_state(|| None::<Result<Rc<Analysis>, ImportError>>);
    let progress = use_state(|| None::<f64>);
    // Finished requests, so a test (or a person) can tell a new result from the last one.
    let runs = use_state(|| 0u32);
    let run_count = use_mut_ref(|| 0u32);
    let choices = use_state(|| None::<Choices>);
    let worker = use_mut_ref(|| None::<WorkerHandle>);
    // The workbook worker, and the open workbook's sheets and the one read.
    let book = use_mut_ref(|| None::<WorkerHandle>);
    let sheets = use_state(|| None::<(Rc<Vec<String>>, String)>);
    let bracket_error = use_state(|| None::<import::brackets::BracketError>);
    // The file (or pasted text) last imported: the worker reads it, so the
    // page never holds a copy; kept to re-send after a cancel.
    let source = use_mut_ref(|| None::<wasm_bindgen::JsValue>);
    let new_file = use_mut_ref(|| false);
    let paste_ref = use_node_ref();
    let forecast = use_state(|| None::<Rc<forecast::Drawn>>);
    let forecast_progress = use_state(|| None::<f64>);
    let forecast_runs = use_state(|| 0u32);
    let forecast_count = use_mut_ref(|| 0u32);
    // A forecast is being fitted in the worker: a new file then starts a new
    // worker instead of waiting for a fit of the old rows to finish.
    let forecast_busy = use_mut_ref(|| false);
    let lookup = use_state(|| None::<AttrValue>);
    // The models compared (on request): None, asked (""), or drawn.
    let comparison = use_state(|| None::<AttrValue>);
    let sbg = use_state(|| None::<Rc<forecast::Drawn>>);
    // The customers of the cell asked about last (from the worker).
    let cell = use_state(|| None::<Rc<CellView>>);
    let sbg_count = use_mut_ref(|| 0u32);
    let on_forecast_message: ForecastMessage = {
        let (forecast, progress, runs, count, lookup) = (
            forecast.setter(),
            forecast_progress.setter(),
            forecast_runs.setter(),
            forecast_count.clone(),
            lookup.setter(),
        );
        let (sbg, sbg_count) = (sbg.setter(), sbg_count.clone());
        let compared = comparison.setter();
        let cell = cell.setter();
        let busy = forecast_busy.clone();
        Rc::new(move |reply: Reply| match reply {
            Reply::Cell {
                cohort,
                offset,
                count,
                listed,
                csv,
            } => cell.set(Some(Rc::new(CellView {
                cohort,
                offset,
                count,
                listed: listed
                    .lines()
                    .map(|l| {
                        let mut f = l.split('\t').map(str::to_string);
                        (
                            f.next().unwrap_or_default(),
                            f.next().unwrap_or_default(),
                            f.next().unwrap_or_default(),
                        )
                    })
                    .collect(),
                csv,
            }))),
            Reply::Compare { html } => compared.set(Some(AttrValue::from(html))),
            Reply::ForecastProgress(v) => progress.set(Some(v)),
            Reply::Forecast { done, status, html } => {
                *busy.borrow_mut() = false;
                *count.borrow_mut() += 1;
                runs.set(*count.borrow());
                compared.set(None);
                forecast.set(Some(Rc::new(forecast::Drawn {
                    state: if done { "done" } else { "error" }.to_string(),
                    status,
                    html: AttrValue::from(html),
                })));
                progress.set(None);
            }
            Reply::Sbg { svg, html } => {
                *sbg_count.borrow_mut() += 1;
                sbg.set(Some(Rc::new(forecast::Drawn {
                    state: sbg_count.borrow().to_string(),
                    status: svg,
                    html: AttrValue::from(html),
                })));
            }
            Reply::Lookup { html } => lookup.set(Some(AttrValue::from(html))),
            Reply::Customers { csv } if !csv.is_empty() => super::browser::download(
                "repurchase-lab-customers.csv",
                "text/csv;charset=utf-8",
                &csv,
            ),
            _ => {}
        })
    };

    // Applies a finished request to the page.
    let apply = {
        let (inspection, result, progress, choices, new_file) = (
            inspection.setter(),
            result.setter(),
            progress.setter(),
            choices.setter(),
            new_file.clone(),
        );
        let (runs, run_count) = (runs.setter(), run_count.clone());
        Rc::new(move |(ins, res): Imported| {
            // A counter in a cell: this closure outlives renders (the worker keeps it).
            *run_count.borrow_mut() += 1;
            runs.set(*run_count.borrow());
            if std::mem::take(&mut *new_file.borrow_mut()) {
                choices.set(ins.as_ref().ok().map(Choices::from));
            }
            inspection.set(Some(ins));
            result.set(Some(res.map(Rc::new)));
            progress.set(None);
        })
    };
    // Sends a request to the worker (started on first use), or runs it here
    // when the browser cannot start one.
    let request = {
        let (worker, source, progress, apply, on_forecast_message) = (
            worker.clone(),
            source.clone(),
            progress.setter(),
            apply.clone(),
            on_forecast_message.clone(),
        );
        let (forecast_busy, forecast_progress) =
            (forecast_busy.clone(), forecast_progress.setter());
        Rc::new(
            move |new_source: Option<wasm_bindgen::JsValue>, settings: Option<Settings>| {
                progress.set(Some(0.0));
                if new_source.is_some() && std::mem::take(&mut *forecast_busy.borrow_mut()) {
                    // The worker is fitting the old rows: stop it (the new
                    // file goes to a new worker at once).
                    worker.borrow_mut().take();
                    forecast_progress.set(None);
                }
                let mut send = new_source.clone();
                if let Some(src) = new_source {
                    *source.borrow_mut() = Some(src);
                }
                let mut slot = worker.borrow_mut();
                if slot.is_none() {
                    *slot =
                        spawn_worker(progress.clone(), apply.clone(), on_forecast_message.clone());
                    send = source.borrow().clone();
                }
                match slot.as_ref() {
                    Some(h) => h.send(&Request::Import { settings, lang: l }, send),
                    None => {
                        // No Web Worker here: say so rather than freeze the page.
                        apply((Err(ImportError::NoWorker), Err(ImportError::NoWorker)));
                    }
                }
            },
        )
    };

    // sBG requests start the worker if needed (it also fits the sBG).
    let on_sbg = {
        let (worker, progress, apply, on_forecast_message) = (
            worker.clone(),
            progress.setter(),
            apply.clone(),
            on_forecast_message.clone(),
        );
        Callback::from(move |(text, discount): (String, f64)| {
            let mut slot = worker.borrow_mut();
            if slot.is_none() {
                *slot = spawn_worker(progress.clone(), apply.clone(), on_forecast_message.clone());
            }
            if let Some(h) = slot.as_ref() {
                let request = Request::Sbg {
                    survivors: text,
                    discount,
                    lang: l,
                };
                h.send(&request, None);
            }
        })
    };
    // Forecast requests go to the worker that holds the rows.
    let ask = {
        let worker = worker.clone();
        move |request: Request| {
            if let Some(h) = worker.borrow().as_ref() {
                h.send(&request, None);
                return true;
            }
            false
        }
    };
    let on_forecast = {
        let (ask, progress, busy) = (
            ask.clone(),
            forecast_progress.setter(),
            forecast_busy.clone(),
        );
        Callback::from(move |o: Options| {
            if ask(Request::Forecast {
                options: o,
                lang: l,
            }) {
                *busy.borrow_mut() = true;
                progress.set(Some(0.0));
            }
        })
    };
    let on_customers = {
        let ask = ask.clone();
        Callback::from(move |_: MouseEvent| {
            ask(Request::Customers);
        })
    };
    let on_compare = {
        let (ask, comparison) = (ask.clone(), comparison.setter());
        Callback::from(move |_: MouseEvent| {
            if ask(Request::Compare { lang: l }) {
                comparison.set(Some(AttrValue::default()));
            }
        })
    };
    let on_cell = {
        let (ask, cell) = (ask.clone(), cell.setter());
        Callback::from(move |(cohort, offset): (i32, usize)| {
            if !ask(Request::Cell { cohort, offset }) {
                cell.set(None);
            }
        })
    };
    {
        // A new result: the cell asked about belongs to the old one.
        let cell = cell.setter();
        use_effect_with(*runs, move |_| cell.set(None));
    }
    let on_lookup = {
        let lookup = lookup.setter();
        Callback::from(move |id: String| {
            if id.trim().is_empty()
                || !ask(Request::Lookup {
                    id: id.clone(),
                    lang: l,
                })
            {
                lookup.set(None);
            }
        })
    };

    let on_source = {
        let (request, new_file) = (request.clone(), new_file.clone());
        Callback::from(move |src: wasm_bindgen::JsValue| {
            *new_file.borrow_mut() = true;
            request(Some(src), None);
        })
    };
    // Workbooks go to the workbook worker first (fetched on first use); the
    // sheet it hands back, as CSV, is then imported like any file.
    let open_book = {
        let (book, progress, sheets, on_source, apply) = (
            book.clone(),
            progress.setter(),
            sheets.setter(),
            on_source.clone(),
            apply.clone(),
        );
        Rc::new(
            move |file: Option<wasm_bindgen::JsValue>, sheet: Option<String>| {
                progress.set(Some(0.0));
                let mut slot = book.borrow_mut();
                if slot.is_none() {
                    *slot = spawn_workbook_worker(sheets.clone(), on_source.clone(), apply.clone());
                }
                let Some(h) = slot.as_ref() else {
                    apply((Err(ImportError::NoWorker), Err(ImportError::NoWorker)));
                    return;
                };
                let message = web_sys::js_sys::Object::new();
                if let Some(f) = file {
                    let _ = web_sys::js_sys::Reflect::set(&message, &"file".into(), &f);
                }
                if let Some(s) = sheet {
                    let _ = web_sys::js_sys::Reflect::set(&message, &"sheet".into(), &s.into());
                }
                h.post(message.into());
            },
        )
    };
    let on_sheet = {
        let open_book = open_book.clone();
        Callback::from(move |name: String| open_book(None, Some(name)))
    };
    let on_file = {
        let (on_source, sheets) = (on_source.clone(), sheets.setter());
        Callback::from(move |file: web_sys::File| {
            if import::workbook::is_workbook_name(&file.name()) {
                open_book(Some(file.into()), None);
            } else {
                sheets.set(None);
                on_source.emit(file.into());
            }
        })
    };
    {
        // Files dropped on the page come through the page (super::bridge),
        // also one dropped before the rooms were up.
        let on_file = on_file.clone();
        use_effect_with((), move |_| {
            if let Some(file) = super::bridge::take_file() {
                on_file.emit(file);
            }
            let listener = super::bridge::on_file(move |f| on_file.emit(f));
            move || drop(listener)
        });
    }
    let on_pick = {
        let on_file = on_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                on_file.emit(file);
            }
            input.set_value("");
        })
    };
    let on_paste = {
        let (on_source, paste_ref, sheets) =
            (on_source.clone(), paste_ref.clone(), sheets.setter());
        Callback::from(move |_| {
            sheets.set(None);
            if let Some(area) = paste_ref.cast::<HtmlTextAreaElement>() {
                let bytes = area.value().into_bytes();
                on_source.emit(web_sys::js_sys::Uint8Array::from(&bytes[..]).into());
            }
        })
    };
    let on_cancel = {
        let (worker, progress, result) = (worker.clone(), progress.setter(), result.setter());
        Callback::from(move |_| {
            // Stops the work at once; the next request starts a new worker.
            worker.borrow_mut().take();
            progress.set(None);
            result.set(Some(Err(ImportError::Cancelled)));
        })
    };

    let set_choice = |f: fn(&mut Choices, &str)| {
        let (choices, inspection, request) = (choices.clone(), inspection.clone(), request.clone());
        Callback::from(move |v: String| {
            if let (Some(mut c), Some(Ok(i))) = ((*choices).clone(), (*inspection).clone()) {
                f(&mut c, &v);
                // Only what the worker reads sends the file back to it ("on or
                // after" is a view of the same result).
                let old = choices.as_ref().map(|o| o.settings(&i));
                if old != Some(c.settings(&i)) {
                    request(None, Some(c.settings(&i)));
                }
                choices.set(Some(c));
            }
        })
    };
    // Like `set_choice`, for a change that needs its own data (a value).
    let set_choice_with = {
        let (choices, inspection, request) = (choices.clone(), inspection.clone(), request.clone());
        Callback::from(move |f: Box<dyn Fn(&mut Choices)>| {
            if let (Some(mut c), Some(Ok(i))) = ((*choices).clone(), (*inspection).clone()) {
                f(&mut c);
                request(None, Some(c.settings(&i)));
                choices.set(Some(c));
            }
        })
    };
    let (state, status) = match (&*progress, &*result) {
        (Some(_), _) => ("working", i18n::WORKING.get(l).to_string()),
        (None, None) => ("idle", i18n::IDLE.get(l).to_string()),
        (None, Some(Ok(a))) => (
            "done",
            i18n::import_done(
                l,
                a.totals.rows,
                a.totals.customers,
                a.cohorts.len(),
                a.skipped_count,
            ) + &i18n::left_out(l, a.notes.filtered_count, a.notes.row_filtered),
        ),
        (None, Some(Err(ImportError::SummaryTable))) => {
            ("done", i18n::SUMMARY_TABLE.get(l).to_string())
        }
        (None, Some(Err(e))) => ("error", i18n::import_error(l, e)),
    };
    let columns: Vec<(AttrValue, AttrValue)> = match &*inspection {
        Some(Ok(i)) => i
            .columns
            .iter()
            .enumerate()
            .map(|(k, n)| {
                (
                    AttrValue::from(k.to_string()),
                    // The file's own header, isolated so a right-to-left
                    // override in it cannot turn the label around.
                    AttrValue::from(format!("{}: \u{2068}{n}\u{2069}", k + 1)),
                )
            })
            .collect(),
        _ => Vec::new(),
    };
    let with_none = |cols: &[(AttrValue, AttrValue)]| {
        std::iter::once((
            AttrValue::from("none"),
            AttrValue::from(i18n::NONE_COLUMN.get(l)),
        ))
        .chain(cols.iter().cloned())
        .collect::<Vec<_>>()
    };
    let slash = matches!(&*inspection, Some(Ok(i)) if i.slash_dates)
        || matches!(&*result, Some(Err(ImportError::NeedsDateOrder)));
    let analysis = match (&*progress, &*result) {
        (None, Some(Ok(a))) => Some(a.clone()),
        _ => None,
    };

    let is_table = matches!(&*inspection, Some(Ok(i)) if i.table.is_some());
    let range = analysis
        .as_ref()
        .filter(|_| !is_table)
        .map(|a| (a.totals.first_date, a.totals.last_date));
    let data_survivors = analysis.as_ref().and_then(|a| {
        let c = a.cohorts.first()?;
        let complete: Vec<f64> = c
            .active_after
            .iter()
            .enumerate()
            .take_while(|(k, _)| c.period + (*k as i32) < a.last_period)
            .map(|(_, v)| *v as f64)
            .collect();
        (complete.len() >= 3).then(|| Rc::new(complete))
    });

    html! {
        <>
        <section class="panel" aria-labelledby="data-heading">
            <h2 id="data-heading" tabindex="-1">{ i18n::DATA_HEADING.get(l) }</h2>
            <p class="lead">{ i18n::DATA_LEAD.get(l) }</p>
            <div class="import-row">
                <label class="file-pick">
                    <span>{ i18n::CHOOSE_FILE.get(l) }</span>
                    <input type="file" data-testid="import-file" accept=".csv,.tsv,.txt,.xlsx,.xlsm,.xlsb,.xls,.ods,text/csv,text/plain" onchange={on_pick} />
                </label>
                if let Some((names, name)) = (*sheets).clone() {
                    <Choice testid="import-sheet" label={i18n::SHEET.get(l)}
                        options={names.iter().map(|n| (AttrValue::from(n.clone()), AttrValue::from(n.clone()))).collect::<Vec<_>>()}
                        selected={AttrValue::from(name)} on_change={on_sheet} />
                }
            </div>
            <label for="import-text">{ i18n::PASTE_HERE.get(l) }</label>
            <textarea id="import-text" data-testid="import-text" rows="3" ref={paste_ref}
                placeholder={"customer,date,amount\nC1,2024-01-05,12.50"} />
            <button type="button" data-testid="import-paste" onclick={on_paste}>{ i18n::READ_PASTED.get(l) }</button>
            <p class={classes!("import-status", state)} role="status" data-testid="import-status" data-state={state} data-run={runs.to_string()}>{ status }</p>
            if let Some(p) = *progress {
                <div class="import-working">
                    <progress data-testid="import-progress" max="1" value={p.to_string()}></progress>
                    <button type="button" data-testid="import-cancel" onclick={on_cancel}>{ i18n::CANCEL.get(l) }</button>
                </div>
            }
            if let Some(c) = (*choices).clone().filter(|_| !columns.is_empty() && !matches!(&*inspection, Some(Ok(i)) if i.table.is_some() || i.summary.is_some())) {
                <div class="mapping">
                    <Choice testid="map-customer" label={i18n::MAP_CUSTOMER.get(l)} options={columns.clone()} selected={c.customer.to_string()}
                        on_change={set_choice(|c, v| if let Ok(i) = v.parse() { c.customer = i })} />
                    <Choice testid="map-date" label={i18n::MAP_DATE.get(l)} options={columns.clone()} selected={c.date.to_string()}
                        on_change={set_choice(|c, v| if let Ok(i) = v.parse() { c.date = i })} />
                    <Choice testid="map-amount" label={i18n::MAP_AMOUNT.get(l)} options={with_none(&columns)} selected={c.amount.map_or("none".to_string(), |i| i.to_string())}
                        on_change={set_choice(|c, v| c.amount = v.parse().ok())} />
                    <Choice testid="map-order" label={i18n::MAP_ORDER.get(l)} options={with_none(&columns)} selected={c.order.map_or("none".to_string(), |i| i.to_string())}
                        on_change={set_choice(|c, v| c.order = v.parse().ok())} />
                    <Choice testid="map-status" label={i18n::MAP_STATUS.get(l)} options={with_none(&columns)} selected={c.status.map_or("none".to_string(), |i| i.to_string())}
                        on_change={set_choice(|c, v| c.status = v.parse().ok())} />
                    <Choice testid="map-filter" label={i18n::MAP_FILTER.get(l)} options={with_none(&columns)} selected={c.filter.as_ref().map_or("none".to_string(), |f| f.column.to_string())}
                        on_change={set_choice(|c, v| c.filter = v.parse().ok().map(|column| import::RowFilter { column, excluded: Vec::new() }))} />
                    <Choice testid="map-segment" label={i18n::MAP_SEGMENT.get(l)} options={with_none(&columns)} selected={c.segment.map_or("none".to_string(), |i| i.to_string())}
                        on_change={set_choice(|c, v| c.segment = v.parse().ok())} />
                    if slash {
                        <Choice testid="date-order" label={i18n::DATE_ORDER.get(l)}
                            options={["auto", "ymd", "dmy", "mdy"].iter().zip(i18n::DATE_ORDERS).map(|(v, w)| (AttrValue::from(*v), AttrValue::from(w.get(l)))).collect::<Vec<_>>()}
                            selected={c.day_order}
                            on_change={set_choice(|c, v| c.day_order = match v { "dmy" => "dmy", "mdy" => "mdy", "ymd" => "ymd", _ => "auto" })} />
                    }
                    <Choice testid="data-period" label={i18n::DATA_PERIOD.get(l)}
                        options={Period::ALL.iter().map(|g| (AttrValue::from(g.code()), AttrValue::from(i18n::period(*g).get(l)))).collect::<Vec<_>>()}
                        selected={c.granularity.code()}
                        on_change={set_choice(|c, v| if let Some(g) = Period::from_code(v) { c.granularity = g })} />
                    <Choice testid="retention-mode" label={i18n::RETENTION_MODE.get(l)}
                        options={vec![(AttrValue::from("on"), AttrValue::from(i18n::RETENTION_MODES[0].get(l))), (AttrValue::from("on-or-after"), AttrValue::from(i18n::RETENTION_MODES[1].get(l))), (AttrValue::from("previous"), AttrValue::from(i18n::RETENTION_PREVIOUS.get(l)))]}
                        selected={c.on_or_after.code()}
                        on_change={set_choice(|c, v| c.on_or_after = import::Retention::from_code(v).unwrap_or_default())} />
                    <label class="choice">{ i18n::BRACKETS.get(l) }
                        <input type="text" data-testid="offset-brackets" placeholder="0, 1-2, 3-5, 6-11, 12+" size="18"
                            aria-describedby="offset-brackets-error"
                            value={import::brackets::write(&c.brackets)}
                            onchange={{
                                let (set, error) = (set_choice(|c, v| if let Ok(b) = import::brackets::parse(v) { c.brackets = b }), bracket_error.setter());
                                Callback::from(move |e: Event| {
                                    let input: HtmlInputElement = e.target_unchecked_into();
                                    match import::brackets::parse(&input.value()) {
                                        Ok(_) => { error.set(None); set.emit(input.value()); }
                                        Err(err) => error.set(Some(err)),
                                    }
                                })
                            }} />
                    </label>
                    if let Some(err) = (*bracket_error).clone() {
                        <p class="field-message" id="offset-brackets-error" role="alert" data-testid="offset-brackets-error">{ i18n::bracket_error(l, &err) }</p>
                    }
                </div>
            }
            if let Some(Ok(i)) = &*inspection {
                if i.table.is_none() && i.summary.is_none() {
                    <p class="hint import-format" data-testid="import-format" data-value={i.shop.code()}>{ i18n::format_recognised(l, i.shop) }</p>
                }
            }
            if let (Some(a), Some(c)) = (analysis.as_ref(), (*choices).clone()) {
                if c.status.is_some() || c.cancelled.is_some() || a.notes.filtered_count > 0 || c.keep_all {
                    <div class="filtered" data-testid="filtered-rows" data-value={a.notes.filtered_count.to_string()}>
                        <span>{ i18n::filtered_rows(l, a.notes.filtered_count, &a.notes.filtered.iter().take(6).map(|(v, n)| format!("{v} {n}")).collect::<Vec<_>>().join(" · ")) }</span>
                        <label class="check">
                            <input type="checkbox" data-testid="filter-keep-all" checked={c.keep_all}
                                onchange={{
                                    let set = set_choice(|c, v| c.keep_all = v == "true");
                                    Callback::from(move |e: Event| {
                                        let input: HtmlInputElement = e.target_unchecked_into();
                                        set.emit(input.checked().to_string());
                                    })
                                }} />
                            { i18n::KEEP_ALL.get(l) }
                        </label>
                    </div>
                }
                if let Some(f) = c.filter.clone() {
                    <fieldset class="row-filter" data-testid="row-filter-rows" data-value={a.notes.row_filtered.to_string()}>
                        <legend>{ i18n::row_filter(l, columns.get(f.column).map_or("", |(_, n)| n.as_str()), a.notes.row_filtered) }</legend>
                        { for a.notes.filter_values.iter().map(|(v, n)| {
                            let kept = !f.excluded.contains(v);
                            let value = v.clone();
                            let on_toggle = {
                                let set = set_choice_with.clone();
                                Callback::from(move |e: Event| {
                                    let input: HtmlInputElement = e.target_unchecked_into();
                                    let (value, keep) = (value.clone(), input.checked());
                                    set.emit(Box::new(move |c: &mut Choices| {
                                        if let Some(f) = c.filter.as_mut() {
                                            f.excluded.retain(|x| *x != value);
                                            if !keep {
                                                f.excluded.push(value.clone());
                                                f.excluded.sort();
                                            }
                                        }
                                    }));
                                })
                            };
                            html! {
                                <label class="check">
                                    <input type="checkbox" data-testid="filter-value" data-value={v.clone()} checked={kept} onchange={on_toggle} />
                                    { format!("\u{2068}{}\u{2069} ({})", if v.is_empty() { i18n::BLANK_SEGMENT.get(l) } else { v.as_str() }, i18n::format_number(l, *n as f64, 0)) }
                                </label>
                            }
                        }) }
                    </fieldset>
                }
                if a.notes.line_items > 0 {
                    <p class="hint" data-testid="line-item-rows" data-value={a.notes.line_items.to_string()}>{ i18n::line_items(l, a.notes.line_items) }</p>
                }
                <p class={classes!("hint", (a.notes.extra_count > 0).then_some("warning"))} data-testid="extra-field-rows" data-value={a.notes.extra_count.to_string()}
                    hidden={a.notes.extra_count == 0}>
                    { i18n::extra_fields(l, a.notes.extra_count, &{
                        let shown: Vec<String> = a.notes.extra_lines.iter().take(20).map(|n| n.to_string()).collect();
                        if a.notes.extra_count as usize > shown.len() { format!("{} …", shown.join(", ")) } else { shown.join(", ") }
                    }) }
                </p>
            }
            if let (Some(a), Some(c)) = (analysis, (*choices).clone()) {
                <DataViews lang={l} analysis={a} on_or_after={c.on_or_after} model_p={props.model_p} on_fit={props.on_fit.clone()}
                    on_cell={on_cell.clone()} cell={(*cell).clone()} />
            }
        </section>
        <forecast::Forecasts lang={l} {range} import_run={*runs}
            summary={matches!(&*inspection, Some(Ok(i)) if i.summary.is_some())} result={(*forecast).clone()} progress={*forecast_progress}
            runs={*forecast_runs} lookup={(*lookup).clone()} on_request={on_forecast} {on_lookup} {on_customers}
            comparison={(*comparison).clone()} {on_compare}
            {data_survivors} scenario={props.scenario.clone()} model_p={props.model_p} sbg={(*sbg).clone()} {on_sbg} />
        </>
    }
}

/// Starts the import worker; None when the browser cannot.
fn spawn_worker(
    progress: UseStateSetter<Option<f64>>,
    apply: Rc<dyn Fn(Imported)>,
    on_forecast: ForecastMessage,
) -> Option<WorkerHandle> {
    use wasm_bindgen::JsCast;
    // The one-file build (scripts/singlefile.mjs) starts its worker from a
    // blob: URL it names in `window.repurchaseLabWorker`.
    let url = web_sys::js_sys::Reflect::get(&gloo::utils::window(), &"repurchaseLabWorker".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "./import-worker-loader.js".to_string());
    let worker = web_sys::Worker::new(&url).ok()?;
    let queue = Rc::new(std::cell::RefCell::new(Some(
        Vec::<wasm_bindgen::JsValue>::new(),
    )));
    let (ready_queue, ready_worker) = (queue.clone(), worker.clone());
    let on_message = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
        move |e: web_sys::MessageEvent| {
            let msg = web_sys::js_sys::Reflect::get(&e.data(), &"msg".into())
                .ok()
                .and_then(|m| m.as_string());
            let Some(msg) = msg else {
                // A worker from before this protocol (cached across an update).
                let stale = ImportError::StaleWorker;
                apply((Err(stale.clone()), Err(stale)));
                return;
            };
            match Reply::decode(&msg) {
                Some(Reply::Progress(v)) => progress.set(Some(v)),
                Some(Reply::Ready) => {
                    for message in ready_queue.borrow_mut().take().unwrap_or_default() {
                        let _ = ready_worker.post_message(&message);
                    }
                }
                Some(Reply::Imported(outcome)) => apply(*outcome),
                Some(other) => on_forecast(other),
                None => {}
            }
        },
    );
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    Some(WorkerHandle {
        worker,
        queue,
        _on_message: on_message,
    })
}

/// Starts the workbook worker; None when the browser cannot. Its sheet
/// comes back as CSV bytes and goes to `on_source` (a new file).
fn spawn_workbook_worker(
    sheets: UseStateSetter<Option<(Rc<Vec<String>>, String)>>,
    on_source: Callback<wasm_bindgen::JsValue>,
    apply: Rc<dyn Fn(Imported)>,
) -> Option<WorkerHandle> {
    use wasm_bindgen::JsCast;
    use web_sys::js_sys::{Array, Reflect};
    let url = Reflect::get(&gloo::utils::window(), &"repurchaseLabWorkbook".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "./workbook-worker-loader.js".to_string());
    let worker = web_sys::Worker::new(&url).ok()?;
    let queue = Rc::new(std::cell::RefCell::new(Some(
        Vec::<wasm_bindgen::JsValue>::new(),
    )));
    let (ready_queue, ready_worker) = (queue.clone(), worker.clone());
    let on_error = {
        let apply = apply.clone();
        wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::Event)>::new(
            move |_: web_sys::Event| {
                let e = ImportError::BadWorkbook("the reader stopped".to_string());
                apply((Err(e.clone()), Err(e)));
            },
        )
    };
    let on_message = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
        move |e: web_sys::MessageEvent| {
            let data = e.data();
            let get = |k: &str| {
                Reflect::get(&data, &k.into())
                    .ok()
                    .filter(|v| !v.is_null() && !v.is_undefined())
            };
            if get("ready").is_some() {
                for message in ready_queue.borrow_mut().take().unwrap_or_default() {
                    let _ = ready_worker.post_message(&message);
                }
            } else if let Some(code) = get("error").and_then(|c| c.as_string()) {
                let error = crate::formats::wire::error_from(&code);
                apply((Err(error.clone()), Err(error)));
            } else if let (Some(names), Some(name), Some(bytes)) = (
                get("names"),
                get("name").and_then(|n| n.as_string()),
                get("bytes"),
            ) {
                let names: Vec<String> = Array::from(&names)
                    .iter()
                    .filter_map(|n| n.as_string())
                    .collect();
                sheets.set(Some((Rc::new(names), name)));
                on_source.emit(bytes);
            }
        },
    );
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // A reader that dies (out of memory on a huge workbook) says so.
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    on_error.forget();
    Some(WorkerHandle {
        worker,
        queue,
        _on_message: on_message,
    })
}

#[derive(Properties, PartialEq)]
struct CellProps {
    lang: Lang,
    analysis: Same,
    on_cell: Callback<(i32, usize)>,
    cell: Option<Rc<CellView>>,
}

/// "Who is in a cell": a cohort and an offset (or a click on the table),
/// the cell's customers listed, and all of them as CSV.
#[component]
fn CellCustomers(props: &CellProps) -> Html {
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
struct CellView {
    cohort: i32,
    offset: usize,
    count: usize,
    /// (id, orders, revenue) of the first ones listed.
    listed: Vec<(String, String, String)>,
    csv: String,
}

#[derive(Properties)]
struct ViewsProps {
    lang: Lang,
    analysis: Rc<Analysis>,
    on_or_after: import::Retention,
    model_p: [f64; 10],
    on_fit: Callback<(Rc<crate::simulator::fit::Fit>, Period)>,
    /// Asks for a cell's customers: (cohort period, offset).
    on_cell: Callback<(i32, usize)>,
    cell: Option<Rc<CellView>>,
}

impl PartialEq for ViewsProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && Rc::ptr_eq(&self.analysis, &other.analysis)
            && self.on_or_after == other.on_or_after
            && self.model_p == other.model_p
            && self.on_fit == other.on_fit
            && self.on_cell == other.on_cell
            && self.cell == other.cell
    }
}

#[component]
fn DataViews(props: &ViewsProps) -> Html {
    let l = props.lang;
    let a = &props.analysis;
    // None: not fitted yet; Some(None): not enough data. The fit keeps the
    // weighted means it was fitted to (its chart draws them; they cover every
    // cell, so they are not worked out again on each render).
    let fit = use_state(|| None::<Option<(Rc<crate::simulator::fit::Fit>, Rc<Vec<Option<f64>>>)>>);
    {
        let fit = fit.clone();
        use_effect_with(props.analysis.clone(), move |_| fit.set(None));
    }
    let on_fit_click = {
        let (fit, a) = (fit.clone(), a.clone());
        Callback::from(move |_| {
            let (weighted, _) = data_table::means(&a, false);
            let f = crate::simulator::fit::fit_retention(&weighted).map(Rc::new);
            fit.set(Some(f.map(|f| (f, Rc::new(weighted)))));
        })
    };
    let on_use = {
        let (fit, on_fit, g) = (fit.clone(), props.on_fit.clone(), a.granularity);
        Callback::from(move |_| {
            if let Some(Some((f, _))) = &*fit {
                on_fit.emit((f.clone(), g));
            }
        })
    };
    let pct = |v: f64| format_percent(l, v, 1);
    // Drawn on every render: ten bars and a line, against the model's p(n),
    // which a slider move changes.
    let repeat = {
        let percent = |v: f64| format_percent(l, v, 0);
        let labels = curves::RepurchaseLabels {
            x_title: i18n::STICKY_X.get(l),
            y_title: i18n::P_Y.get(l),
            series: i18n::REPEAT_SERIES.map(|w| w.get(l)),
            percent: &percent,
        };
        Rc::new(chart::accessible(
            curves::repeat_svg(&a.repeat_curve, &props.model_p, &labels, (520, 280)),
            i18n::REPEAT_HEADING.get(l),
        ))
    };
    let on_export = {
        let a = a.clone();
        Callback::from(move |_| {
            let json = a.to_json(&|r| i18n::skip_reason(l, r).to_string());
            browser::download("repurchase-lab-analysis.json", "application/json", &json);
        })
    };
    let on_skipped = {
        let a = a.clone();
        Callback::from(move |_| {
            let csv =
                crate::formats::export::skipped_csv(&a, &|r| i18n::skip_reason(l, r).to_string());
            browser::download(
                "repurchase-lab-skipped-rows.csv",
                "text/csv;charset=utf-8",
                &csv,
            );
        })
    };
    let trend_offset = use_state(|| 1usize);
    // Drawn once per analysis, view and language: a slider move re-renders
    // this component (the model's p(n) and the fit callback change) but
    // leaves these as they are.
    let on_trend = {
        let trend_offset = trend_offset.clone();
        Callback::from(move |v: String| trend_offset.set(v.parse().unwrap_or(1)))
    };
    let on_data_csv = {
        let (a, on_or_after) = (a.clone(), props.on_or_after);
        Callback::from(move |_| {
            let csv = crate::formats::export::analysis_csv(&a, on_or_after);
            browser::download(
                "repurchase-lab-your-cohorts.csv",
                "text/csv;charset=utf-8",
                &csv,
            );
        })
    };
    let lorenz = use_memo((Same(a.clone()), l), |(a, l)| {
        let l = *l;
        a.0.lorenz.as_ref().map(|points| {
            let percent = |v: f64| format_percent(l, v, 0);
            let labels = curves::RepurchaseLabels {
                x_title: i18n::LORENZ_X.get(l),
                y_title: i18n::LORENZ_Y.get(l),
                series: ["", ""],
                percent: &percent,
            };
            Rc::new(chart::accessible(
                curves::lorenz_svg(points, &labels, (520, 280)),
                i18n::LORENZ.get(l),
            ))
        })
    });
    let trend = use_memo(
        (Same(a.clone()), props.on_or_after, l, *trend_offset),
        |(a, on_or_after, l, k)| {
            let (a, l, k) = (&a.0, *l, *k);
            let values: Vec<(String, Option<f64>)> = a
                .cohorts
                .iter()
                .map(|c| {
                    let v = a.complete(c, k).then(|| c.retention(k, *on_or_after));
                    (c.label.clone(), v)
                })
                .collect();
            let percent = |v: f64| format_percent(l, v, 0);
            let labels = curves::RepurchaseLabels {
                x_title: i18n::COHORT.get(l),
                y_title: i18n::RETENTION_AXIS.get(l),
                series: ["", ""],
                percent: &percent,
            };
            Rc::new(chart::accessible(
                curves::trend_svg(&values, &labels, (520, 240)),
                i18n::TREND.get(l),
            ))
        },
    );
    let count = |v: u64| crate::i18n::format_number(l, v as f64, 0);
    html! {
        <div class="data-views">
            <div class="exports">
                <button type="button" data-testid="export-analysis" onclick={on_export}>{ i18n::EXPORT_ANALYSIS.get(l) }</button>
                <button type="button" data-testid="export-data-csv" onclick={on_data_csv}>{ i18n::EXPORT_DATA_CSV.get(l) }</button>
            </div>
            <div class="skipped" data-testid="skipped-rows" data-value={a.skipped_count.to_string()}>
                <strong>{ format!("{}: {}", i18n::SKIPPED_ROWS.get(l), count(a.skipped_count)) }</strong>
                if a.skipped_count > 0 {
                    <ul>
                        { for a.skipped.iter().take(20).map(|(line, r)| html! { <li>{ format!("{line}: {}", i18n::skip_reason(l, *r)) }</li> }) }
                    </ul>
                    <button type="button" data-testid="download-skipped" onclick={on_skipped}>{ i18n::DOWNLOAD_SKIPPED.get(l) }</button>
                }
            </div>
            <CohortTable analysis={Same(a.clone())} on_or_after={props.on_or_after} lang={l} on_cell={{
                let (a, on_cell) = (a.clone(), props.on_cell.clone());
                Callback::from(move |(label, k): (String, usize)| {
                    if let Some(c) = a.cohorts.iter().find(|c| c.label == label) {
                        on_cell.emit((c.period, k));
                    }
                })
            }} />
            <CellCustomers lang={l} analysis={Same(a.clone())} on_cell={props.on_cell.clone()} cell={props.cell.clone()} />
            if !a.brackets.is_empty() {
                <super::bracket_table::BracketTable analysis={Same(a.clone())} lang={l} />
            }
            if !a.segments.is_empty() {
                <super::segments::SegmentViews analysis={Same(a.clone())} on_or_after={props.on_or_after} lang={l} />
            }
            <div class="outputs">
                if let Some(share) = a.top20_share {
                    <Output testid="pareto-top20-share" label={i18n::PARETO.get(l)} value={share} text={pct(share)} emphasis=true />
                }
                <Output testid="data-repeat-rate" label={i18n::FREQUENCY.get(l)} value={a.totals.occasions as f64 / a.totals.customers.max(1) as f64}
                    text={crate::i18n::format_number(l, a.totals.occasions as f64 / a.totals.customers.max(1) as f64, 2)} />
            </div>
            <p>{ format!("{}: {}", i18n::TIERS.get(l), a.tiers.iter().map(|t| count(*t)).collect::<Vec<_>>().join(" · ")) }</p>
            <p>{ format!("{}: {}", i18n::SEGMENTS.get(l), a.lifecycle.iter().zip(i18n::LIFECYCLE).map(|(n, w)| format!("{} {}", w.get(l), count(*n))).collect::<Vec<_>>().join(" · ")) }</p>
            <div class="grid2">
                if let Some(svg) = (*lorenz).clone() {
                    <div>
                        <h3>{ i18n::LORENZ.get(l) }</h3>
                        <Chart testid="lorenz-chart" svg={svg} />
                    </div>
                }
                <div>
                    <h3>{ i18n::TREND.get(l) }</h3>
                    <Choice testid="trend-offset" label={i18n::TREND_OFFSET.get(l)}
                        options={[1usize, 2, 3, 6, 12].iter().map(|k| (AttrValue::from(k.to_string()), AttrValue::from(format!("+{k}")))).collect::<Vec<_>>()}
                        selected={trend_offset.to_string()} on_change={on_trend} />
                    <Chart testid="trend-chart" svg={(*trend).clone()} />
                </div>
            </div>
            <h3>{ i18n::FIT.get(l) }</h3>
            <p class="hint">{ i18n::FIT_LEAD.get(l) }</p>
            <button type="button" data-testid="fit-simulator" onclick={on_fit_click}>{ i18n::FIT.get(l) }</button>
            if let Some(result) = &*fit {
                if let Some((f, weighted)) = result {
                    <div class="grid">
                        <Chart testid="fit-chart" svg={{
                            let percent = |v: f64| format_percent(l, v, 0);
                            let labels = curves::RepurchaseLabels {
                                x_title: i18n::OFFSET_AXIS.get(l),
                                y_title: i18n::RETENTION_AXIS.get(l),
                                series: i18n::FIT_SERIES.map(|w| w.get(l)),
                                percent: &percent,
                            };
                            Rc::new(chart::accessible(curves::fit_svg(weighted, &f.curve, &labels, (520, 280)), i18n::FIT.get(l)))
                        }} />
                        <div class="outputs">
                            <Output testid="fit-base" label={i18n::FIT_BASE.get(l)} value={f.base} text={pct(f.base)} />
                            <Output testid="fit-stickiness-max" label={i18n::input(crate::calculator::scenario::Param::StickinessMax, Default::default(), l).0} value={f.k_max} text={pct(f.k_max)} />
                            <Output testid="fit-habit" label={i18n::input(crate::calculator::scenario::Param::HabitPurchase, Default::default(), l).0} value={f.habit} text={crate::i18n::format_number(l, f.habit, 1)} />
                            <Output testid="fit-decay" label={i18n::input(crate::calculator::scenario::Param::Decay, Default::default(), l).0} value={f.decay} text={pct(f.decay)} />
                            <Output testid="fit-rmse" label={i18n::FIT_RMSE.get(l)} value={f.rmse} text={format_percent(l, f.rmse, 2)} />
                            <button type="button" data-testid="use-in-simulator" onclick={on_use}>{ i18n::USE_FIT.get(l) }</button>
                        </div>
                    </div>
                } else {
                    <p class="hint" data-testid="fit-notice">{ i18n::FIT_NEEDS_DATA.get(l) }</p>
                }
            }
            <h3>{ i18n::REPEAT_HEADING.get(l) }</h3>
            <div class="grid">
                <Chart testid="repeat-chart" svg={repeat} />
                <table class="mini-table">
                    { for a.repeat_curve.iter().enumerate().map(|(i, r)| html! {
                        <tr><th scope="row">{ format!("{} → {}", i + 1, i + 2) }</th>
                            <td data-testid={format!("repeat-curve-{}", i + 1)} data-value={r.map_or("null".to_string(), |v| v.to_string())}>
                                { r.map_or("—".to_string(), pct) }
                            </td></tr>
                    }) }
                </table>
            </div>
        </div>
    }
}
