//! The workbook worker's handle (wasm32 only): started the first time a
//! workbook is opened; the sheet it hands back, as CSV bytes, is imported
//! like any file (`import::workbook` does the reading, in that worker).

use std::rc::Rc;

use yew::prelude::*;

use super::import_worker::WorkerHandle;
use crate::formats::protocol::Imported;
use crate::import::ImportError;

/// Starts the workbook worker; None when the browser cannot. Its sheet
/// comes back as CSV bytes and goes to `on_source` (a new file).
pub(crate) fn spawn_workbook_worker(
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
