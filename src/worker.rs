//! The import worker (wasm32 only): a Web Worker that decodes, inspects and
//! analyses a transaction file off the main thread, posting progress and the
//! result (as `data::wire` text) back to the page.
//!
//! Messages in: `{ bytes: File | Uint8Array | null, settings: string | null }` —
//! bytes (a File, read here, or pasted text) load a new file (kept for later requests); settings (see
//! `data::wire::encode_settings`) re-read it with other choices, or null for
//! the guessed ones. Messages out: `{ type: "progress", value }` (0–1) and
//! `{ type: "result", text }`; and `{ type: "ready" }` once, when it listens.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::js_sys::{self, Reflect, Uint8Array};

use crate::data::{self, wire, ImportError, Inspection, Settings};

/// Text of a file's bytes: UTF-8 (taken without a copy), else GB18030
/// through the browser's TextDecoder (no encoding tables in the wasm).
/// Refuses empty and binary files.
pub fn load_owned(bytes: Vec<u8>) -> Result<String, ImportError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty);
    }
    if data::looks_binary(&bytes) {
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
        granularity: data::Granularity::Month,
    }
}

/// Runs one request: the wire text of (inspection, result).
pub fn run(
    text: &Result<String, ImportError>,
    settings: Option<Settings>,
    progress: &mut dyn FnMut(f64) -> bool,
) -> String {
    let inspection = match text {
        Ok(t) => data::inspect(t),
        Err(e) => Err(e.clone()),
    };
    let result = match (text, &inspection) {
        (Ok(t), Ok(i)) if i.table.is_some() => {
            let g = settings.map_or(data::Granularity::Month, |s| s.granularity);
            data::analyze_table(
                t,
                i.delimiter,
                i.table.unwrap_or(data::TableColumns {
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
                data::analyze(t, &settings, progress)
            }
        }
        (_, Err(e)) => Err(e.clone()),
        (Err(e), _) => Err(e.clone()),
    };
    wire::encode(&inspection, &result)
}

thread_local! {
    static TEXT: RefCell<Result<String, ImportError>> = const { RefCell::new(Err(ImportError::Empty)) };
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
            let mut last = 0.0;
            let text = TEXT.with(|t| {
                run(&t.borrow(), settings, &mut |f| {
                    if f - last >= 0.02 {
                        last = f;
                        post(&reply, "progress", "value", JsValue::from_f64(f));
                    }
                    true
                })
            });
            post(&reply, "result", "text", JsValue::from_str(&text));
        });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    // Messages sent before this point were not heard: the page waits for this.
    post(&scope, "ready", "value", JsValue::TRUE);
}
