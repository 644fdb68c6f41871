//! The import worker (wasm32 only): a Web Worker that decodes, inspects and
//! analyses a transaction file off the main thread, posting progress and the
//! result (as `import::wire` text) back to the page.
//!
//! Messages in: `{ bytes: File | Uint8Array | null, settings: string | null }` —
//! bytes (a File, read here, or pasted text) load a new file (kept for later requests); settings (see
//! `crate::formats::wire::encode_settings`) re-read it with other choices, or null for
//! the guessed ones. Messages out: `{ type: "progress", value }` (0–1) and
//! `{ type: "result", text }`; and `{ type: "ready" }` once, when it listens.
//!
//! Forecasts on the rows of the last import: `{ forecast: options, lang }`
//! (see `crate::formats::wire::encode_options`) answers `{ type: "forecast-progress",
//! value }` and `{ type: "forecast", state: "done" | "error", status, html }` —
//! the results drawn here (`chart::forecast::results_html`) in the page
//! language, so that code never loads with the page; the same options again
//! (a language switch) redraw without refitting. `{ lookup: id }` answers
//! `{ type: "lookup", text }` (HTML, `chart::forecast::lookup_html`) from the last forecast;
//! `{ customers }` answers `{ type: "customers", text }`: every customer's
//! forecast as CSV (`crate::forecast::predict::customers_csv`).
//! `{ sbg: survivor text, discount, lang }` answers `{ type: "sbg", svg, html }`
//! (`chart::forecast::sbg_view`); it needs no import.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::js_sys::{self, Reflect, Uint8Array};

use crate::forecast::predict::{self as forecast, Forecast, ForecastError, Summary};
use crate::formats::wire;
use crate::i18n::{self, Lang};
use crate::import::{self, ImportError, Inspection, Rows, Settings};

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

/// The settings the page would start from for an inspection.
pub fn guessed_settings(i: &Inspection) -> Settings {
    Settings {
        delimiter: i.delimiter,
        has_header: i.has_header,
        mapping: i.mapping,
        day_order: None,
        granularity: import::Period::Month,
    }
}

/// Runs one request: the wire text of (inspection, result), and the rows
/// read (for the forecasts; None for an aggregated table or an error).
pub fn run(
    text: &Result<String, ImportError>,
    settings: Option<Settings>,
    progress: &mut dyn FnMut(f64) -> bool,
) -> (String, Option<Rows>) {
    let mut rows = None;
    LAST.with(|l| l.borrow_mut().take());
    let inspection = match text {
        Ok(t) => import::inspect(t),
        Err(e) => Err(e.clone()),
    };
    let result = match (text, &inspection) {
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
        (Ok(t), Ok(i)) => {
            let settings = settings.unwrap_or_else(|| guessed_settings(i));
            if settings.mapping.customer == settings.mapping.date {
                Err(ImportError::BadMapping)
            } else {
                import::analyze_rows(t, &settings, progress).map(|(a, r)| {
                    rows = Some(r);
                    LAST.with(|l| *l.borrow_mut() = Some((settings.clone(), a.reading())));
                    a
                })
            }
        }
        (_, Err(e)) => Err(e.clone()),
        (Err(e), _) => Err(e.clone()),
    };
    (wire::encode(&inspection, &result), rows)
}

thread_local! {
    static TEXT: RefCell<Result<String, ImportError>> = const { RefCell::new(Err(ImportError::Empty)) };
    static ROWS: RefCell<Option<Rows>> = const { RefCell::new(None) };
    static FITTED: RefCell<Option<(Vec<Option<Summary>>, Forecast)>> = const { RefCell::new(None) };
    /// The settings of the last reading of the rows, and what it found
    /// besides them (skipped lines, day order).
    static LAST: RefCell<Option<(Settings, import::Reading)>> = const { RefCell::new(None) };
}

/// The kept rows by another period, when `s` differs from the last reading's
/// settings in the period only: no second reading, and the forecast fitted on
/// these rows stays. None when the text must be read again.
fn regroup_kept(s: &Settings) -> Option<String> {
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        let (read, reading) = last.as_mut()?;
        let same_reading = Settings {
            granularity: s.granularity,
            ..read.clone()
        };
        if same_reading != *s {
            return None;
        }
        let analysis = ROWS.with(|rows| {
            let rows = rows.borrow();
            Some(import::regroup(rows.as_ref()?, reading, s.granularity))
        })?;
        let inspection = TEXT.with(|t| match &*t.borrow() {
            Ok(t) => import::inspect(t),
            Err(e) => Err(e.clone()),
        });
        *read = s.clone();
        Some(wire::encode(&inspection, &Ok(analysis)))
    })
}

/// A forecast request's answer: (state, status, html).
type Drawn = (&'static str, String, String);

/// A forecast request: fits on the kept rows (unless these options were the
/// last ones) and keeps the result for lookups.
fn run_forecast(options: &str, lang: Lang, progress: &mut dyn FnMut(f64) -> bool) -> Drawn {
    let fail = |e: ForecastError| {
        (
            "error",
            i18n::forecast_error(lang, e).to_string(),
            String::new(),
        )
    };
    let Some(options) = wire::decode_options(options) else {
        return fail(ForecastError::NoFit);
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
        if let Some(e) = error {
            return fail(e);
        }
    }
    // Drawn from the kept forecast (a language switch redraws without refitting).
    FITTED.with(|f| match f.borrow().as_ref() {
        Some((_, f)) => (
            "done",
            i18n::forecast_customers(lang, f.customers, f.repeaters),
            crate::forecast::report::results_html(f, lang),
        ),
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

fn post(scope: &web_sys::DedicatedWorkerGlobalScope, kind: &str, key: &str, value: JsValue) {
    let message = js_sys::Object::new();
    let _ = Reflect::set(&message, &"type".into(), &kind.into());
    let _ = Reflect::set(&message, &key.into(), &value);
    let _ = scope.post_message(&message);
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
            let lang = || {
                field("lang")
                    .and_then(|v| v.as_string())
                    .and_then(|c| Lang::from_code(&c))
                    .unwrap_or(Lang::En)
            };
            if let Some(options) = field("forecast").and_then(|v| v.as_string()) {
                let lang = lang();
                let mut last = 0.0;
                let (state, status, html) = run_forecast(&options, lang, &mut |f| {
                    if f - last >= 0.02 {
                        last = f;
                        post(&reply, "forecast-progress", "value", JsValue::from_f64(f));
                    }
                    true
                });
                let message = js_sys::Object::new();
                for (k, v) in [
                    ("type", "forecast"),
                    ("state", state),
                    ("status", &status),
                    ("html", &html),
                ] {
                    let _ = Reflect::set(&message, &k.into(), &v.into());
                }
                let _ = reply.post_message(&message);
                return;
            }
            if let Some(text) = field("sbg").and_then(|v| v.as_string()) {
                let lang = lang();
                let discount = field("discount").and_then(|v| v.as_f64()).unwrap_or(0.1);
                let (svg, html) = crate::forecast::report::sbg_view(&text, discount, lang);
                let message = js_sys::Object::new();
                for (k, v) in [
                    ("type", "sbg"),
                    ("svg", &svg.unwrap_or_default()),
                    ("html", &html),
                ] {
                    let _ = Reflect::set(&message, &k.into(), &v.into());
                }
                let _ = reply.post_message(&message);
                return;
            }
            if field("customers").is_some() {
                let csv = with_fit(forecast::customers_csv).unwrap_or_default();
                post(&reply, "customers", "text", JsValue::from_str(&csv));
                return;
            }
            if let Some(id) = field("lookup").and_then(|v| v.as_string()) {
                let html = run_lookup(&id, lang());
                post(&reply, "lookup", "text", JsValue::from_str(&html));
                return;
            }
            let new_text = field("bytes").is_some();
            if let Some(source) = field("bytes") {
                // A File is read here, in the worker (FileReaderSync); pasted
                // text arrives as bytes. Either way one copy lands in wasm memory.
                let buffer = match source.dyn_ref::<web_sys::Blob>() {
                    Some(blob) => web_sys::FileReaderSync::new()
                        .and_then(|r| r.read_as_array_buffer(blob))
                        .ok()
                        .map(JsValue::from),
                    None => Some(source.clone()),
                };
                let bytes = buffer
                    .map(|b| Uint8Array::new(&b).to_vec())
                    .unwrap_or_default();
                TEXT.with(|t| *t.borrow_mut() = load_owned(bytes));
            }
            let settings = field("settings")
                .and_then(|v| v.as_string())
                .and_then(|s| wire::decode_settings(&s));
            if !new_text {
                if let Some(text) = settings.as_ref().and_then(regroup_kept) {
                    post(&reply, "result", "text", JsValue::from_str(&text));
                    return;
                }
            }
            let mut last = 0.0;
            // The previous rows go first: two copies would double the memory.
            ROWS.with(|r| r.borrow_mut().take());
            FITTED.with(|f| f.borrow_mut().take());
            let (text, rows) = TEXT.with(|t| {
                run(&t.borrow(), settings, &mut |f| {
                    if f - last >= 0.02 {
                        last = f;
                        post(&reply, "progress", "value", JsValue::from_f64(f));
                    }
                    true
                })
            });
            ROWS.with(|r| *r.borrow_mut() = rows);
            post(&reply, "result", "text", JsValue::from_str(&text));
        });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    // Messages sent before this point were not heard: the page waits for this.
    post(&scope, "ready", "value", JsValue::TRUE);
}
