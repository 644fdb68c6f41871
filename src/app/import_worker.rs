//! The page's side of the import worker: starting it, posting requests
//! (held until it says it listens), and routing its replies.

use std::rc::Rc;

use yew::prelude::*;

use super::import::ForecastMessage;
use crate::formats::protocol::{Imported, Reply, Request};
use crate::import::ImportError;

/// The running import worker and its message handler.
pub(crate) struct WorkerHandle {
    pub(crate) worker: web_sys::Worker,
    /// Requests made before the worker said "ready".
    pub(crate) queue: Rc<std::cell::RefCell<Option<Vec<wasm_bindgen::JsValue>>>>,
    pub(crate) _on_message: wasm_bindgen::closure::Closure<dyn FnMut(web_sys::MessageEvent)>,
}

impl WorkerHandle {
    /// Sends a request as `{ msg, bytes }` (bytes: a new file, beside the
    /// message so it is never copied into a string).
    pub(crate) fn send(&self, request: &Request, bytes: Option<wasm_bindgen::JsValue>) {
        let message = web_sys::js_sys::Object::new();
        let set = |k: &str, v: &wasm_bindgen::JsValue| {
            let _ = web_sys::js_sys::Reflect::set(&message, &k.into(), v);
        };
        set("msg", &request.encode().into());
        set("bytes", &bytes.unwrap_or(wasm_bindgen::JsValue::NULL));
        self.post(message.into());
    }

    /// Posts a message, or holds it until the worker says it listens.
    pub(crate) fn post(&self, message: wasm_bindgen::JsValue) {
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

/// Starts the import worker; None when the browser cannot.
pub(crate) fn spawn_worker(
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
