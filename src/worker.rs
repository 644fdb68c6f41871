//! The import worker (wasm32 only): a Web Worker that decodes, inspects and
//! analyses a transaction file off the main thread, fits and draws the
//! forecasts, and answers lookups. What it hears and says is
//! [`crate::formats::protocol`] (`Request`, `Reply`); this file is only the
//! glue: reading the message, the worker's state (the last file, its rows,
//! the last fit) and posting replies.
//!
//! A new file's bytes (a File, read here with FileReaderSync, or pasted text
//! as a Uint8Array) arrive beside an `Import` request and are kept for later
//! requests; the forecasts are drawn here in the page language
//! (`forecast::report`), so that code never loads with the page.

use std::cell::RefCell;
use std::sync::atomic::Ordering::Relaxed;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::js_sys::{self, Reflect, Uint8Array};

use crate::forecast::predict::{self as forecast, Forecast, ForecastError, Options, Summary};
use crate::formats::protocol::{Imported, Reply, Request};
use crate::i18n::{self, Lang};
use crate::import::{self, ImportError, Rows, Settings};

/// Text of a file's bytes: UTF-8 (taken without a copy), else GB18030
/// through the browser's TextDecoder (no encoding tables in the wasm).
/// Refuses empty and binary files.
pub fn load_owned(bytes: Vec<u8>) -> Result<String, ImportError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty);
    }
    if import::looks_binary(&bytes) {
        return Err(ImportError::NotText);
    }
    String::from_utf8(bytes).or_else(|e| {
        web_sys::TextDecoder::new_with_label("gb18030")
            .ok()
            .and_then(|d| d.decode_with_u8_array(e.as_bytes()).ok())
            .ok_or(ImportError::NotText)
    })
}

/// Runs one import: (inspection, result), and the rows read (for the
/// forecasts; None for an aggregated table or an error).
pub fn run(
    text: &Result<String, ImportError>,
    settings: Option<Settings>,
    progress: &mut dyn FnMut(f64) -> bool,
) -> (Imported, Option<Rows>) {
    let mut rows = None;
    LAST.with(|l| l.borrow_mut().take());
    let inspection = match text {
        Ok(t) => import::inspect(t),
        Err(e) => Err(e.clone()),
    };
    let result = match (text, &inspection) {
        (Ok(_), Ok(i)) if i.summary.is_some() => Err(ImportError::SummaryTable),
        (Ok(t), Ok(i)) if i.table.is_some() => {
            let g = settings.map_or(import::Period::Month, |s| s.granularity);
            import::analyze_table(
                t,
                i.delimiter,
                i.table.unwrap_or(import::TableColumns {
                    cohort: 0,
                    offset: 1,
                    active: 2,
                    revenue: None,
                }),
                g,
            )
        }
        (Ok(t), Ok(i)) => reading_settings(i, settings)
            .and_then(|s| kept(&s, import::analyze_rows(t, &s, progress), &mut rows)),
        (_, Err(e)) => Err(e.clone()),
        (Err(e), _) => Err(e.clone()),
    };
    ((inspection, result), rows)
}

/// The settings a reading uses: the page's, or the inspection's guess.
fn reading_settings(
    inspection: &import::Inspection,
    settings: Option<Settings>,
) -> Result<Settings, ImportError> {
    let settings = settings.unwrap_or_else(|| inspection.guessed_settings());
    if settings.mapping.customer == settings.mapping.date {
        return Err(ImportError::BadMapping);
    }
    Ok(settings)
}

/// Keeps a reading's rows in `rows` and remembers it as the last reading.
fn kept(
    settings: &Settings,
    read: Result<(import::Analysis, Rows), ImportError>,
    rows: &mut Option<Rows>,
) -> Result<import::Analysis, ImportError> {
    read.map(|(a, r)| {
        *rows = Some(r);
        LAST.with(|l| *l.borrow_mut() = Some((settings.clone(), a.reading())));
        a
    })
}

/// Bytes of a file read at once when its rows are read (see [`Windowed`]).
const WINDOW: usize = 4 << 20;

/// A file larger than one window, of rows: kept as its source (the File, or
/// the bytes handed over) and read one window at a time whenever its rows
/// are read, so its text is never in memory whole beside the rows (5M rows
/// were 130 MB of text kept beside 170 MB of rows). Files that are smaller,
/// tables, summaries and text that is not UTF-8 are read whole as before.
#[derive(Clone)]
struct Windowed {
    source: JsValue,
    size: usize,
    /// Its first window's bytes (read to inspect it; read first).
    head: std::rc::Rc<[u8]>,
    /// Of the first window (the columns, the guessed mapping, the preview).
    inspection: Result<import::Inspection, ImportError>,
}

impl Windowed {
    /// None when the file is to be read whole: small, binary, not UTF-8, or
    /// not rows (an aggregated cohort table, a customer summary table).
    fn new(source: &JsValue, size: usize) -> Option<Windowed> {
        if size <= WINDOW {
            return None;
        }
        let mut head = Vec::new();
        if !read_range(source, 0, WINDOW, &mut head) || import::looks_binary(&head) {
            return None;
        }
        let text = match std::str::from_utf8(&head) {
            Ok(t) => t,
            Err(e) if e.error_len().is_none() => {
                std::str::from_utf8(&head[..e.valid_up_to()]).ok()?
            }
            Err(_) => return None,
        };
        if text.trim().is_empty() {
            return None;
        }
        let inspection = import::inspect(text);
        if inspection
            .as_ref()
            .is_ok_and(|i| i.table.is_some() || i.summary.is_some())
        {
            return None;
        }
        Some(Windowed {
            source: source.clone(),
            size,
            head: head.into(),
            inspection,
        })
    }

    /// [`run`] for this file; None if a window is not UTF-8 (then it is read
    /// whole and decoded as GB18030). The next window is on its way (the
    /// browser reads it on another thread) while this one is read.
    async fn read(
        self,
        settings: Option<Settings>,
        progress: &mut dyn FnMut(f64) -> bool,
    ) -> Option<(Imported, Option<Rows>)> {
        LAST.with(|l| l.borrow_mut().take());
        let mut rows = None;
        let result = match &self.inspection {
            Ok(i) => match reading_settings(i, settings) {
                Ok(s) => {
                    let read = self.rows(&s, progress).await.ok()?;
                    kept(&s, read, &mut rows)
                }
                Err(e) => Err(e),
            },
            Err(e) => Err(e.clone()),
        };
        Some(((self.inspection.clone(), result), rows))
    }

    async fn rows(
        &self,
        settings: &Settings,
        progress: &mut dyn FnMut(f64) -> bool,
    ) -> Result<Result<(import::Analysis, Rows), ImportError>, import::read::NotUtf8> {
        let mut chunks = import::RowChunks::new(settings, self.size);
        let mut piece = Vec::new();
        // Two windows on their way while one is parsed: the first window is
        // the head read when the file was inspected.
        let mut next = std::collections::VecDeque::new();
        let mut asked = self.head.len();
        while asked < self.size && next.len() < 2 {
            let end = (asked + WINDOW).min(self.size);
            next.push_back(self.start_read(asked, end));
            asked = end;
        }
        if let Err(e) = chunks.push(&self.head, progress)? {
            return Ok(Err(e));
        }
        while let Some(reading) = next.pop_front() {
            let Ok(buffer) = wasm_bindgen_futures::JsFuture::from(reading).await else {
                return Ok(Err(ImportError::NotText));
            };
            let bytes = Uint8Array::new(&buffer);
            if bytes.length() == 0 {
                return Ok(Err(ImportError::NotText));
            }
            if asked < self.size {
                let to = (asked + WINDOW).min(self.size);
                next.push_back(self.start_read(asked, to));
                asked = to;
            }
            piece.clear();
            piece.resize(bytes.length() as usize, 0);
            bytes.copy_to(&mut piece);
            release(&buffer);
            if let Err(e) = chunks.push(&piece, progress)? {
                return Ok(Err(e));
            }
        }
        Ok(chunks.finish(progress))
    }

    /// Starts reading bytes `start..end` (a promise of an ArrayBuffer).
    fn start_read(&self, start: usize, end: usize) -> js_sys::Promise {
        match self.source.dyn_ref::<web_sys::Blob>() {
            Some(blob) => blob
                .slice_with_f64_and_f64(start as f64, end as f64)
                .map(|b| b.array_buffer())
                .unwrap_or_else(|e| js_sys::Promise::reject(&e)),
            None => {
                let all = Uint8Array::new(&self.source);
                let end = end.min(all.length() as usize);
                let part = all.slice(start.min(end) as u32, end as u32);
                js_sys::Promise::resolve(&JsValue::from(part.buffer()))
            }
        }
    }
}

/// Whether an import is reading its windows (between them the worker
/// returns to its event loop): requests heard meanwhile wait their turn.
static BUSY: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

thread_local! {
    /// Requests heard while an import was reading (see [`BUSY`]).
    static WAITING: RefCell<std::collections::VecDeque<(Request, Option<JsValue>)>> =
        const { RefCell::new(std::collections::VecDeque::new()) };
    /// The last file when it is read in windows (then TEXT is empty).
    static WINDOWED: RefCell<Option<Windowed>> = const { RefCell::new(None) };
    static TEXT: RefCell<Result<String, ImportError>> = const { RefCell::new(Err(ImportError::Empty)) };
    static ROWS: RefCell<Option<Rows>> = const { RefCell::new(None) };
    static FITTED: RefCell<Option<(Vec<Option<Summary>>, Forecast)>> = const { RefCell::new(None) };
    /// The last comparison of the fitted forecast (its models join the customers' CSV).
    static COMPARED: RefCell<Option<crate::forecast::compare::Comparison>> = const { RefCell::new(None) };
    /// The settings of the last reading of the rows, and what it found
    /// besides them (skipped lines, day order).
    static LAST: RefCell<Option<(Settings, import::Reading)>> = const { RefCell::new(None) };
}

/// The kept rows by another period, when `s` differs from the last reading's
/// settings in the period only: no second reading, and the forecast fitted on
/// these rows stays. None when the text must be read again.
fn regroup_kept(s: &Settings) -> Option<Imported> {
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        let (read, reading) = last.as_mut()?;
        // The period and the brackets are views of the kept rows.
        let same_reading = Settings {
            granularity: s.granularity,
            brackets: s.brackets.clone(),
            ..read.clone()
        };
        if same_reading != *s {
            return None;
        }
        reading.brackets = s.brackets.clone();
        let analysis = ROWS.with(|rows| {
            let rows = rows.borrow();
            Some(import::regroup(rows.as_ref()?, reading, s.granularity))
        })?;
        let windowed = WINDOWED.with(|w| w.borrow().as_ref().map(|w| w.inspection.clone()));
        let inspection = windowed.unwrap_or_else(|| {
            TEXT.with(|t| match &*t.borrow() {
                Ok(t) => import::inspect(t),
                Err(e) => Err(e.clone()),
            })
        });
        *read = s.clone();
        Some((inspection, Ok(analysis)))
    })
}

/// A forecast request: fits on the kept rows (unless these options were the
/// last ones) and keeps the result for lookups; the answer is drawn.
fn run_forecast(options: Options, lang: Lang, progress: &mut dyn FnMut(f64) -> bool) -> Reply {
    let fail = |e: ForecastError| Reply::Forecast {
        done: false,
        status: i18n::forecast_error(lang, e).to_string(),
        html: String::new(),
    };
    let fitted = FITTED.with(|f| {
        f.borrow()
            .as_ref()
            .is_some_and(|(_, fc)| fc.options == options)
    });
    if !fitted {
        let result = ROWS.with(|rows| {
            let rows = rows.borrow();
            let rows = rows.as_ref().ok_or(ForecastError::NoCustomers)?;
            forecast::forecast_with_summaries(rows, &options, progress)
        });
        let kept = result.map(|(f, s)| (s, f));
        let error = kept.as_ref().err().copied();
        FITTED.with(|f| *f.borrow_mut() = kept.ok());
        COMPARED.with(|c| c.borrow_mut().take());
        if let Some(e) = error {
            return fail(e);
        }
    }
    // Drawn from the kept forecast (a language switch redraws without refitting).
    FITTED.with(|f| match f.borrow().as_ref() {
        Some((_, f)) => Reply::Forecast {
            done: true,
            status: i18n::forecast_customers(lang, f.customers, f.repeaters),
            html: crate::forecast::report::results_html(f, lang),
        },
        None => fail(ForecastError::NoFit),
    })
}

/// `f` on the kept rows and the last forecast with its summaries; None
/// before a forecast has been fitted.
fn with_fit<R>(f: impl FnOnce(&Rows, &[Option<Summary>], &Forecast) -> R) -> Option<R> {
    ROWS.with(|rows| {
        FITTED.with(
            |fitted| match (rows.borrow().as_ref(), fitted.borrow().as_ref()) {
                (Some(rows), Some((summaries, fc))) => Some(f(rows, summaries, fc)),
                _ => None,
            },
        )
    })
}

fn run_lookup(id: &str, lang: Lang) -> String {
    with_fit(|rows, summaries, f| {
        crate::forecast::report::lookup_html(&forecast::lookup(rows, summaries, f, id), f, lang)
    })
    .unwrap_or_default()
}

/// Posts a reply as `{ msg }`.
fn post(scope: &web_sys::DedicatedWorkerGlobalScope, reply: &Reply) {
    let message = js_sys::Object::new();
    let _ = Reflect::set(&message, &"msg".into(), &reply.encode().into());
    let _ = scope.post_message(&message);
}

/// A progress callback that posts at most every 2%.
fn every_two_percent<'a>(
    scope: &'a web_sys::DedicatedWorkerGlobalScope,
    reply: fn(f64) -> Reply,
) -> impl FnMut(f64) -> bool + 'a {
    let mut last = 0.0;
    move |f| {
        if f - last >= 0.02 {
            last = f;
            post(scope, &reply(f));
        }
        true
    }
}

/// Reads a new file's bytes (a File, read here, or pasted text as bytes):
/// one copy lands in wasm memory, read in slices straight into it (a
/// 130 MB file read at once was a 130 MB ArrayBuffer beside that copy).
pub(crate) fn read_bytes(source: &JsValue) -> Vec<u8> {
    const SLICE: usize = 8 << 20;
    let size = match source.dyn_ref::<web_sys::Blob>() {
        Some(blob) => blob.size() as usize,
        None => Uint8Array::new(source).length() as usize,
    };
    let mut bytes = Vec::with_capacity(size);
    let mut at = 0;
    while at < size {
        let end = (at + SLICE).min(size);
        if !read_range(source, at, end, &mut bytes) {
            return Vec::new();
        }
        at = end;
    }
    bytes
}

/// Appends bytes `start..end` of a File or a byte array to `buffer`;
/// false if they cannot be read.
fn read_range(source: &JsValue, start: usize, end: usize, buffer: &mut Vec<u8>) -> bool {
    let from = buffer.len();
    match source.dyn_ref::<web_sys::Blob>() {
        Some(blob) => {
            let Some(part) = web_sys::FileReaderSync::new()
                .and_then(|r| {
                    let slice = blob.slice_with_f64_and_f64(start as f64, end as f64)?;
                    r.read_as_array_buffer(&slice)
                })
                .ok()
            else {
                return false;
            };
            let bytes = Uint8Array::new(&part);
            buffer.resize(from + bytes.length() as usize, 0);
            bytes.copy_to(&mut buffer[from..]);
            release(&part);
        }
        None => {
            let all = Uint8Array::new(source);
            let end = end.min(all.length() as usize);
            let bytes = all.subarray(start.min(end) as u32, end as u32);
            buffer.resize(from + bytes.length() as usize, 0);
            bytes.copy_to(&mut buffer[from..]);
        }
    }
    true
}

/// Frees an ArrayBuffer's memory now rather than at the next collection:
/// `transfer(0)` detaches it (ES2024; where it is missing the collector does it).
fn release(buffer: &JsValue) {
    if let Ok(transfer) = Reflect::get(buffer, &"transfer".into()) {
        if let Some(transfer) = transfer.dyn_ref::<js_sys::Function>() {
            let _ = transfer.call1(buffer, &0.into());
        }
    }
}

/// Answers one request.
fn handle(scope: &web_sys::DedicatedWorkerGlobalScope, request: Request, bytes: Option<JsValue>) {
    match request {
        Request::Forecast { options, lang } => {
            let mut progress = every_two_percent(scope, Reply::ForecastProgress);
            post(scope, &run_forecast(options, lang, &mut progress));
        }
        Request::Sbg {
            survivors,
            discount,
            lang,
        } => {
            let (svg, html) = crate::forecast::report::sbg_view(&survivors, discount, lang);
            let svg = svg.unwrap_or_default();
            post(scope, &Reply::Sbg { svg, html });
        }
        Request::Compare { lang } => {
            // A work budget: the worker must stay free for the next request.
            let t0 = js_sys::Date::now();
            let html = with_fit(|_, summaries, f| {
                let c = forecast::compare_models(summaries, f, &mut |_| {
                    js_sys::Date::now() - t0 < 30_000.0
                });
                let html = crate::forecast::compare_report::compare_view(c.as_ref(), f, lang);
                COMPARED.with(|kept| *kept.borrow_mut() = c);
                html
            })
            .unwrap_or_default();
            post(scope, &Reply::Compare { html });
        }
        Request::Cell { cohort, offset } => {
            let g = LAST.with(|l| l.borrow().as_ref().map(|(s, _)| s.granularity));
            let customers = ROWS.with(|rows| match (rows.borrow().as_ref(), g) {
                (Some(rows), Some(g)) => Some((
                    import::drill::cell_customers(rows, g, cohort, offset),
                    rows.amt.is_some(),
                )),
                _ => None,
            });
            let (list, with_revenue) = customers.unwrap_or_default();
            let listed = list
                .iter()
                .take(crate::formats::protocol::CELL_LISTED)
                .map(|c| {
                    let id = c.id.replace(['\t', '\n', '\r'], " ");
                    format!("{id}\t{}\t{}", c.orders, c.revenue)
                })
                .collect::<Vec<_>>()
                .join("\n");
            let csv = import::drill::cell_csv(&list, with_revenue);
            post(
                scope,
                &Reply::Cell {
                    cohort,
                    offset,
                    count: list.len(),
                    listed,
                    csv,
                },
            );
        }
        Request::Customers => {
            let csv = COMPARED
                .with(|c| {
                    with_fit(|rows, summaries, f| {
                        forecast::customers_csv(rows, summaries, f, c.borrow().as_ref())
                    })
                })
                .unwrap_or_default();
            post(scope, &Reply::Customers { csv });
        }
        Request::Lookup { id, lang } => {
            let html = run_lookup(&id, lang);
            post(scope, &Reply::Lookup { html });
        }
        Request::Import { settings, lang } => {
            let new_text = bytes.is_some();
            if let Some(source) = bytes {
                // Refused before a byte is read: the tab must not freeze or run out of memory.
                let size = match source.dyn_ref::<web_sys::Blob>() {
                    Some(blob) => blob.size(),
                    None => f64::from(Uint8Array::new(&source).length()),
                };
                WINDOWED.with(|w| w.borrow_mut().take());
                TEXT.with(|t| *t.borrow_mut() = Err(ImportError::Empty));
                let text = if size > import::inspect::MAX_FILE_BYTES as f64 {
                    Err(ImportError::TooLarge)
                } else {
                    match Windowed::new(&source, size as usize) {
                        Some(w) => {
                            WINDOWED.with(|kept| *kept.borrow_mut() = Some(w));
                            Err(ImportError::Empty)
                        }
                        None => load_owned(read_bytes(&source)),
                    }
                };
                TEXT.with(|t| *t.borrow_mut() = text);
            }
            if !new_text {
                if let Some(imported) = settings.as_ref().and_then(regroup_kept) {
                    post(scope, &Reply::Imported(Box::new(imported)));
                    return;
                }
            }
            // The previous rows go first: two copies would double the memory.
            ROWS.with(|r| r.borrow_mut().take());
            FITTED.with(|f| f.borrow_mut().take());
            COMPARED.with(|c| c.borrow_mut().take());
            match WINDOWED.with(|w| w.borrow().clone()) {
                Some(w) => {
                    BUSY.store(true, Relaxed);
                    let scope = scope.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let mut progress = every_two_percent(&scope, Reply::Progress);
                        let source = w.source.clone();
                        let (imported, rows) = match w.read(settings.clone(), &mut progress).await {
                            Some(read) => read,
                            None => {
                                // Not UTF-8 after all: read whole and decoded.
                                WINDOWED.with(|w| w.borrow_mut().take());
                                let text = load_owned(read_bytes(&source));
                                TEXT.with(|t| *t.borrow_mut() = text);
                                TEXT.with(|t| run(&t.borrow(), settings, &mut progress))
                            }
                        };
                        imported_reply(&scope, imported, rows, lang);
                        BUSY.store(false, Relaxed);
                        while !BUSY.load(Relaxed) {
                            let Some((request, bytes)) =
                                WAITING.with(|q| q.borrow_mut().pop_front())
                            else {
                                break;
                            };
                            handle(&scope, request, bytes);
                        }
                    });
                }
                None => {
                    let mut progress = every_two_percent(scope, Reply::Progress);
                    let (imported, rows) = TEXT.with(|t| run(&t.borrow(), settings, &mut progress));
                    imported_reply(scope, imported, rows, lang);
                }
            }
        }
    }
}

/// Keeps an import's rows and posts its reply; a summary table's models are
/// fitted from it at once.
fn imported_reply(
    scope: &web_sys::DedicatedWorkerGlobalScope,
    imported: Imported,
    rows: Option<Rows>,
    lang: Lang,
) {
    ROWS.with(|r| *r.borrow_mut() = rows);
    let summary = imported.0.as_ref().ok().and_then(|i| i.summary);
    post(scope, &Reply::Imported(Box::new(imported)));
    let Some(kind) = summary else {
        return;
    };
    // The same work budget as a comparison: the worker must stay free for
    // the next request.
    let t0 = js_sys::Date::now();
    let mut report = every_two_percent(scope, Reply::ForecastProgress);
    let mut progress = |f| report(f) && js_sys::Date::now() - t0 < 30_000.0;
    let reply = TEXT.with(|t| match &*t.borrow() {
        Ok(text) => match crate::forecast::table::read(text, kind) {
            Ok(table) => {
                let (done, status, html) =
                    crate::forecast::table::report(&table, lang, &mut progress, &mut |html| {
                        post(scope, &Reply::ForecastFirst { html })
                    });
                Reply::Forecast { done, status, html }
            }
            Err(e) => Reply::Forecast {
                done: false,
                status: i18n::summary_table_error(lang, e.line, &e.column),
                html: String::new(),
            },
        },
        Err(_) => Reply::Forecast {
            done: false,
            status: String::new(),
            html: String::new(),
        },
    });
    post(scope, &reply);
}

/// Installs the message handler (called from the worker binary's `main`).
pub fn start() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let handler =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data();
            let field = |k: &str| {
                Reflect::get(&data, &k.into())
                    .ok()
                    .filter(|v| !v.is_null() && !v.is_undefined())
            };
            // A message this version cannot read is ignored (the page only
            // sends what `Request::encode` writes).
            if let Some(request) = field("msg")
                .and_then(|m| m.as_string())
                .and_then(|m| Request::decode(&m))
            {
                if BUSY.load(Relaxed) {
                    WAITING.with(|q| q.borrow_mut().push_back((request, field("bytes"))));
                } else {
                    handle(&reply, request, field("bytes"));
                }
            }
        });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    // Messages sent before this point were not heard: the page waits for this.
    post(&scope, &Reply::Ready);
    // The page is idle now (see `import::warm_up`); a request that comes
    // meanwhile is handled right after.
    let _ = crate::import::warm_up();
}
