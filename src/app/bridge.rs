//! The seam between the first load and the rooms loaded later.
//!
//! The first load (`repurchase-lab` binary) carries the header, the share
//! bar, the calculator and the simulator. The rooms opened more rarely —
//! saved scenarios and their comparison, Your data, the forecasts — are a
//! second binary (`rooms`, built like the worker: wasm-bindgen's no-modules
//! output), fetched when the page is idle after its first frame, or at once
//! when a person heads there (the section index, a dropped file). It mounts
//! its own Yew app on the host element `#rooms`, beside the page's `#app` in
//! `index.html` (not inside it: each Yew app listens for events at its root,
//! and one nested in the other would see, and misroute, the other's).
//!
//! The two talk through that element only, in strings the core already
//! round-trips exactly:
//! - page → rooms: the attributes `data-scenario` (the share link's
//!   fragment, [`crate::formats::link`]) and `data-lang`, then an `rl-state`
//!   event;
//! - rooms → page: `data-action` = `replace:<fragment>` (load a saved
//!   scenario, "use these in the simulator"), then an `rl-action` event;
//! - a file dropped on the page before or after the rooms are up is handed
//!   over as the host's `pendingFile` property and an `rl-file` event;
//! - the rooms set `data-state="ready"` (a test hook: `rooms`) and send
//!   `rl-ready` once mounted.

use gloo::events::EventListener;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::i18n::Lang;

/// The id of the host element (in `index.html`, beside `#app`).
pub(crate) const HOST: &str = "rooms";
const REPLACE: &str = "replace:";

fn host() -> Option<web_sys::Element> {
    gloo::utils::document().get_element_by_id(HOST)
}

fn fire(el: &web_sys::Element, name: &str) {
    if let Ok(e) = web_sys::Event::new(name) {
        let _ = el.dispatch_event(&e);
    }
}

/// Page side: the rooms' view of the scenario follows the page's.
pub(crate) fn publish(fragment: &str, lang: Lang) {
    if let Some(el) = host() {
        let _ = el.set_attribute("data-scenario", fragment);
        let _ = el.set_attribute("data-lang", lang.code());
        fire(&el, "rl-state");
    }
}

/// Page side: calls `f` with the fragment of each scenario the rooms ask for.
pub(crate) fn on_replace(f: impl Fn(String) + 'static) -> Option<EventListener> {
    let el = host()?;
    let target = el.clone();
    Some(EventListener::new(&el, "rl-action", move |_| {
        if let Some(action) = target.get_attribute("data-action") {
            if let Some(fragment) = action.strip_prefix(REPLACE) {
                f(fragment.to_string());
            }
        }
    }))
}

/// Rooms side: asks the page to show this scenario.
pub(crate) fn send_replace(fragment: &str) {
    if let Some(el) = host() {
        let _ = el.set_attribute("data-action", &format!("{REPLACE}{fragment}"));
        fire(&el, "rl-action");
    }
}

/// Rooms side: the page's current scenario fragment and language.
pub(crate) fn current() -> (String, Lang) {
    let el = host();
    let attr = |name: &str| el.as_ref().and_then(|e| e.get_attribute(name));
    let lang = attr("data-lang")
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or_default();
    (attr("data-scenario").unwrap_or_default(), lang)
}

/// Rooms side: calls `f` whenever the page's scenario or language changes.
pub(crate) fn on_state(f: impl Fn(String, Lang) + 'static) -> Option<EventListener> {
    let el = host()?;
    Some(EventListener::new(&el, "rl-state", move |_| {
        let (fragment, lang) = current();
        f(fragment, lang)
    }))
}

/// Rooms side: mounted; the page may hand over files and scroll to rooms.
pub(crate) fn ready() {
    if let Some(el) = host() {
        let _ = el.set_attribute("data-state", "ready");
        fire(&el, "rl-ready");
    }
}

fn is_ready() -> bool {
    host()
        .and_then(|e| e.get_attribute("data-state"))
        .as_deref()
        == Some("ready")
}

/// Rooms side: takes a file the page was handed (dropped), if any.
pub(crate) fn take_file() -> Option<web_sys::File> {
    let el = host()?;
    let file = web_sys::js_sys::Reflect::get(&el, &"pendingFile".into()).ok()?;
    let _ = web_sys::js_sys::Reflect::set(&el, &"pendingFile".into(), &JsValue::NULL);
    file.dyn_into::<web_sys::File>().ok()
}

/// Rooms side: calls `f` with each file dropped on the page.
pub(crate) fn on_file(f: impl Fn(web_sys::File) + 'static) -> Option<EventListener> {
    let el = host()?;
    Some(EventListener::new(&el, "rl-file", move |_| {
        if let Some(file) = take_file() {
            f(file)
        }
    }))
}

/// Page side: a file dropped anywhere on the page goes to Your data (the
/// browser would otherwise leave the page to show the file, losing the
/// scenario), loading the rooms first if they are not up yet.
pub(crate) fn catch_drops() -> (EventListener, EventListener) {
    super::browser::on_file_drop(|file| {
        if let Some(el) = host() {
            let _ = web_sys::js_sys::Reflect::set(&el, &"pendingFile".into(), &file);
            if is_ready() {
                fire(&el, "rl-file");
            } else {
                load();
            }
        }
    })
}

/// Page side: scrolls to the element `id` and focuses it; a room's element
/// is waited for (and the rooms loaded) when it is not there yet.
pub(crate) fn go_to(id: &'static str) {
    if gloo::utils::document().get_element_by_id(id).is_some() {
        go_to_loaded(id);
        return;
    }
    let Some(el) = host() else { return };
    let once = EventListener::once(&el, "rl-ready", move |_| go_to_loaded(id));
    once.forget();
    load();
}

/// Focuses the heading and scrolls it to the top; again before each of the
/// next three frames, in case a section passed over changed size when it
/// was drawn (until then it counts as its remembered height).
fn go_to_loaded(id: &'static str) {
    if let Some(target) = gloo::utils::document().get_element_by_id(id) {
        if let Some(el) = target.dyn_ref::<web_sys::HtmlElement>() {
            let _ = el.focus();
        }
        scroll_again(id, 3);
    }
}

fn scroll_again(id: &'static str, times: u32) {
    if let Some(target) = gloo::utils::document().get_element_by_id(id) {
        target.scroll_into_view();
    }
    if times > 0 {
        super::browser::next_frame(move || scroll_again(id, times - 1));
    }
}

/// Page side: fetches and starts the rooms (once): `rooms-loader.js` loads
/// the glue and starts the wasm. The one-file build names a blob: URL for a
/// script that does both in `window.repurchaseLabRooms`.
pub(crate) fn load() {
    let Some(el) = host() else { return };
    if el.has_attribute("data-state") {
        return;
    }
    let _ = el.set_attribute("data-state", "loading");
    let src = web_sys::js_sys::Reflect::get(&gloo::utils::window(), &"repurchaseLabRooms".into())
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| "./rooms-loader.js".to_string());
    let document = gloo::utils::document();
    if let (Ok(script), Some(head)) = (document.create_element("script"), document.head()) {
        let _ = script.set_attribute("src", &src);
        let _ = head.append_child(&script);
    }
}

/// Page side: loads the rooms when the browser is next idle (within 2 s),
/// so they are there before anyone scrolls to them, without delaying the
/// first frame.
pub(crate) fn load_when_idle() {
    let window = gloo::utils::window();
    let callback = Closure::once_into_js(load);
    let idle = web_sys::js_sys::Reflect::get(&window, &"requestIdleCallback".into())
        .ok()
        .and_then(|f| f.dyn_into::<web_sys::js_sys::Function>().ok());
    match idle {
        Some(idle) => {
            let options = web_sys::js_sys::Object::new();
            let _ = web_sys::js_sys::Reflect::set(&options, &"timeout".into(), &2000.into());
            let _ = idle.call2(&window, &callback, &options);
        }
        None => {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
                callback.unchecked_ref(),
                200,
            );
        }
    }
}
