//! "Your data": drop, pick or paste a transaction export; see its real
//! cohorts. Decoding happens here (the browser's TextDecoder); everything
//! else is `crate::import`, pure Rust. Numbered hooks are written with
//! `format!`: repeat-curve-1 … repeat-curve-10 (CONTRACT.md).

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::controls::Choice;
use super::forecast;
use super::import_worker::{spawn_worker, WorkerHandle};
use crate::forecast::predict::Options;
use crate::formats::protocol::{Imported, Reply, Request};
use crate::i18n::{self, Lang};
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

/// What the worker says about forecasts (the replies other than an import's).
pub(crate) type ForecastMessage = Rc<dyn Fn(Reply)>;

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
    // A summary table's first look (BG/NBD fitted, the rest still to come).
    let first_look = use_state(|| None::<AttrValue>);
    let sbg = use_state(|| None::<Rc<forecast::Drawn>>);
    // The customers of the cell asked about last (from the worker).
    let cell = use_state(|| None::<Rc<super::cell_customers::CellView>>);
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
        let first = first_look.setter();
        let cell = cell.setter();
        let busy = forecast_busy.clone();
        Rc::new(move |reply: Reply| match reply {
            Reply::Cell {
                cohort,
                offset,
                count,
                listed,
                csv,
            } => cell.set(Some(Rc::new(super::cell_customers::CellView {
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
            Reply::ForecastFirst { html } => first.set(Some(AttrValue::from(html))),
            Reply::Forecast { done, status, html } => {
                first.set(None);
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
    // Workers are started ahead, so a picked file does not wait for one to
    // load and compile: the first when this room mounts (the page is idle
    // then), a spare while a forecast keeps the running one busy (a new file
    // stops that one and takes the spare).
    let spare = use_mut_ref(|| None::<WorkerHandle>);
    let spawn: Rc<dyn Fn() -> Option<WorkerHandle>> = {
        let (progress, apply, on_forecast_message) = (
            progress.setter(),
            apply.clone(),
            on_forecast_message.clone(),
        );
        Rc::new(move || spawn_worker(progress.clone(), apply.clone(), on_forecast_message.clone()))
    };
    let start_worker: Rc<dyn Fn() -> Option<WorkerHandle>> = {
        let (spare, spawn) = (spare.clone(), spawn.clone());
        Rc::new(move || spare.borrow_mut().take().or_else(|| spawn()))
    };
    {
        let (worker, start_worker) = (worker.clone(), start_worker.clone());
        use_effect_with((), move |_| {
            let mut slot = worker.borrow_mut();
            if slot.is_none() {
                *slot = start_worker();
            }
        });
    }
    // Sends a request to the worker (started on first use), or runs it here
    // when the browser cannot start one.
    let request = {
        let (worker, source, start_worker) = (worker.clone(), source.clone(), start_worker.clone());
        let (progress, apply) = (progress.setter(), apply.clone());
        let (forecast_busy, forecast_progress) =
            (forecast_busy.clone(), forecast_progress.setter());
        let first_look = first_look.setter();
        Rc::new(
            move |new_source: Option<wasm_bindgen::JsValue>, settings: Option<Settings>| {
                progress.set(Some(0.0));
                first_look.set(None);
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
                    *slot = start_worker();
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
        let (worker, start_worker) = (worker.clone(), start_worker.clone());
        Callback::from(move |(text, discount): (String, f64)| {
            let mut slot = worker.borrow_mut();
            if slot.is_none() {
                *slot = start_worker();
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
        let (spare, spawn) = (spare.clone(), spawn.clone());
        Callback::from(move |o: Options| {
            if ask(Request::Forecast {
                options: o,
                lang: l,
            }) {
                *busy.borrow_mut() = true;
                progress.set(Some(0.0));
                let mut spare = spare.borrow_mut();
                if spare.is_none() {
                    *spare = spawn();
                }
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
                    *slot = super::workbook::spawn_workbook_worker(
                        sheets.clone(),
                        on_source.clone(),
                        apply.clone(),
                    );
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
                <super::data_views::DataViews lang={l} analysis={a} on_or_after={c.on_or_after} model_p={props.model_p} on_fit={props.on_fit.clone()}
                    on_cell={on_cell.clone()} cell={(*cell).clone()} />
            }
        </section>
        <forecast::Forecasts lang={l} {range} import_run={*runs}
            summary={matches!(&*inspection, Some(Ok(i)) if i.summary.is_some())} result={(*forecast).clone()} progress={*forecast_progress}
            runs={*forecast_runs} lookup={(*lookup).clone()} on_request={on_forecast} {on_lookup} {on_customers}
            comparison={(*comparison).clone()} {on_compare} first_look={(*first_look).clone()}
            {data_survivors} scenario={props.scenario.clone()} model_p={props.model_p} sbg={(*sbg).clone()} {on_sbg} />
        </>
    }
}
