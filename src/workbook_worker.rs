//! The workbook worker (wasm32 only): opens an `.xlsx` / `.xls` / `.ods`
//! off the main thread and hands one sheet back as CSV bytes, which the
//! page then imports like any CSV (`import::workbook` does the reading).
//! It is its own wasm file, fetched the first time a workbook is opened, so
//! the reader weighs nothing before that (see the README's size table).
//!
//! Hears `{ file?: Blob | Uint8Array, sheet?: string }` (a new file is kept
//! for the next sheet); says `{ names: [..], name, bytes: Uint8Array }` or
//! `{ error }` (an import error code, `formats::wire`), and `{ ready: true }`
//! once it listens.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::js_sys::{self, Array, Reflect, Uint8Array};

use crate::formats::wire;
use crate::import::workbook;

thread_local! {
    static BYTES: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

fn answer(data: &JsValue) -> js_sys::Object {
    let field = |k: &str| {
        Reflect::get(data, &k.into())
            .ok()
            .filter(|v| !v.is_null() && !v.is_undefined())
    };
    if let Some(file) = field("file") {
        let size = match file.dyn_ref::<web_sys::Blob>() {
            Some(b) => b.size(),
            None => f64::from(Uint8Array::new(&file).length()),
        };
        let bytes = if size > crate::import::inspect::MAX_FILE_BYTES as f64 {
            Vec::new()
        } else {
            crate::worker::read_bytes(&file)
        };
        let too_large = size > crate::import::inspect::MAX_FILE_BYTES as f64;
        BYTES.with(|b| *b.borrow_mut() = bytes);
        if too_large {
            return reply_error(&crate::import::ImportError::TooLarge);
        }
    }
    let sheet = field("sheet").and_then(|s| s.as_string());
    let result = BYTES.with(|b| workbook::sheet_text(&b.borrow(), sheet.as_deref()));
    match result {
        Ok(s) => {
            let out = js_sys::Object::new();
            let names: Array = s.names.iter().map(|n| JsValue::from_str(n)).collect();
            let _ = Reflect::set(&out, &"names".into(), &names);
            let _ = Reflect::set(&out, &"name".into(), &s.name.into());
            let bytes = Uint8Array::from(s.text.as_bytes());
            let _ = Reflect::set(&out, &"bytes".into(), &bytes);
            out
        }
        Err(e) => reply_error(&e),
    }
}

fn reply_error(e: &crate::import::ImportError) -> js_sys::Object {
    let out = js_sys::Object::new();
    let _ = Reflect::set(&out, &"error".into(), &wire::error_code(e).into());
    out
}

/// Installs the message handler (called from the worker binary's `main`).
pub fn start() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let handler =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let out = answer(&e.data());
            // The CSV's buffer moves to the page rather than being copied.
            let transfer = Array::new();
            if let Ok(b) = Reflect::get(&out, &"bytes".into()) {
                if let Some(b) = b.dyn_ref::<Uint8Array>() {
                    transfer.push(&b.buffer());
                }
            }
            let _ = reply.post_message_with_transfer(&out, &transfer);
        });
    scope.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    let ready = js_sys::Object::new();
    let _ = Reflect::set(&ready, &"ready".into(), &JsValue::TRUE);
    let _ = scope.post_message(&ready);
}
