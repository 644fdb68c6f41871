//! The few browser facts the page needs: the URL fragment, the language and
//! local storage. Every call tolerates a missing window or storage.

use gloo::events::EventListener;
use wasm_bindgen::JsValue;

use crate::i18n::Lang;

const LANG_KEY: &str = "repurchase-lab.lang";

/// The URL fragment without `#` (empty when there is none).
pub(crate) fn fragment() -> String {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_string()
}

/// Rewrites the fragment in place, without adding a history entry.
pub(crate) fn replace_fragment(fragment: &str) {
    let window = gloo::utils::window();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{fragment}")));
    }
}

/// The link's writes: a fragment waiting, and whether the 150 ms cool-down
/// after the last write is running.
#[derive(Default)]
struct LinkWrites {
    waiting: Option<String>,
    cooling: bool,
}

thread_local! {
    static LINK: std::cell::RefCell<LinkWrites> = std::cell::RefCell::new(LinkWrites::default());
}

/// Rewrites the fragment: at once, but at most every 150 ms while a slider
/// is dragged (a drag is not a history write per frame: ≈ 1.4 ms
/// each in Chromium); the last one is written when the cool-down ends,
/// `<html data-link-pending>` marking the wait, or when the page is hidden
/// or left before that ([`flush_link_on_hide`]).
pub(crate) fn replace_fragment_soon(fragment: String) {
    if LINK.with(|l| l.borrow().cooling) && dragging() {
        LINK.with(|l| l.borrow_mut().waiting = Some(fragment));
        set_root_attribute("data-link-pending", Some(""));
    } else {
        write_link(&fragment);
    }
}

/// Writes the fragment and starts the cool-down (if it is not running).
fn write_link(fragment: &str) {
    replace_fragment(fragment);
    let start = LINK.with(|l| !std::mem::replace(&mut l.borrow_mut().cooling, true));
    if start {
        after_ms(150, || {
            LINK.with(|l| l.borrow_mut().cooling = false);
            flush_link();
        });
    }
}

/// Writes a waiting fragment now.
pub(crate) fn flush_link() {
    if let Some(fragment) = LINK.with(|l| l.borrow_mut().waiting.take()) {
        write_link(&fragment);
    }
    set_root_attribute("data-link-pending", None);
}

/// Writes a pending fragment when the page is hidden (tab switched, reload,
/// closed), so the link never lags what was on screen.
pub(crate) fn flush_link_on_hide() -> EventListener {
    EventListener::new(&gloo::utils::window(), "pagehide", |_| flush_link())
}

/// Runs `f` before the next frame is drawn (requestAnimationFrame).
pub(crate) fn next_frame(f: impl FnOnce() + 'static) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let callback = Closure::once_into_js(f);
    let _ = gloo::utils::window().request_animation_frame(callback.unchecked_ref());
}

/// Runs `f` in a task after the next frame has been drawn
/// (requestAnimationFrame, then a zero timeout).
pub(crate) fn after_frame(f: impl FnOnce() + 'static) {
    next_frame(move || after_ms(0, f));
}

/// Marks that a slider is being dragged now (shared by the page and the
/// rooms, which are separate wasm modules: a property of `window`).
pub(crate) fn note_drag() {
    let now = web_sys::js_sys::Date::now();
    let _ = web_sys::js_sys::Reflect::set(
        &gloo::utils::window(),
        &"repurchaseLabDrag".into(),
        &now.into(),
    );
}

/// A slider moved in the last 300 ms.
pub(crate) fn dragging() -> bool {
    web_sys::js_sys::Reflect::get(&gloo::utils::window(), &"repurchaseLabDrag".into())
        .ok()
        .and_then(|v| v.as_f64())
        .is_some_and(|t| web_sys::js_sys::Date::now() - t < 300.0)
}

/// Runs `f` in a task `ms` milliseconds from now.
pub(crate) fn after_ms(ms: u32, f: impl FnOnce() + 'static) {
    gloo::timers::callback::Timeout::new(ms, f).forget();
}

/// Calls `f(true)` when `el` comes into the viewport (with a 200 px margin)
/// and `f(false)` when it leaves, for as long as the result is kept.
pub(crate) fn watch_visible(el: &web_sys::Element, f: impl Fn(bool) + 'static) -> Option<Visible> {
    observe(el, Some("200px"), move |on, _| f(on))
}

/// For a picture that may lag while off screen: `on_screen(on)` hears
/// whether `el` is within 200 px of the screen ([`watch_visible`]), and
/// `catch_up()` runs when it comes into view and before printing. Both stop
/// when the result is dropped.
pub(crate) fn watch_for_catch_up(
    el: Option<web_sys::Element>,
    on_screen: impl Fn(bool) + 'static,
    catch_up: impl Fn() + Clone + 'static,
) -> (Option<Visible>, EventListener) {
    let watch = el.and_then(|el| {
        let catch_up = catch_up.clone();
        watch_visible(&el, move |on| {
            on_screen(on);
            if on {
                catch_up();
            }
        })
    });
    let print = EventListener::new(&gloo::utils::window(), "beforeprint", move |_| catch_up());
    (watch, print)
}

/// Calls `f` with the new fragment whenever it changes by navigation.
pub(crate) fn on_hash_change(f: impl Fn(String) + 'static) -> EventListener {
    EventListener::new(&gloo::utils::window(), "hashchange", move |_| f(fragment()))
}

/// The language chosen before on this device, else the browser's.
pub(crate) fn initial_lang() -> Lang {
    let stored = storage().and_then(|s| s.get_item(LANG_KEY).ok().flatten());
    if let Some(lang) = stored.as_deref().and_then(Lang::from_code) {
        return lang;
    }
    let navigator = gloo::utils::window().navigator();
    let tags: Vec<String> = navigator
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if tags.is_empty() {
        Lang::from_browser(navigator.language().as_deref())
    } else {
        Lang::from_browser(tags.iter().map(String::as_str))
    }
}

/// Remembers the chosen language on this device.
pub(crate) fn store_lang(lang: Lang) {
    if let Some(s) = storage() {
        let _ = s.set_item(LANG_KEY, lang.code());
    }
}

/// Sets `<html lang>` and the document title for the language.
pub(crate) fn set_document_lang(lang: Lang) {
    let document = gloo::utils::document();
    if let Some(html) = document.document_element() {
        let _ = html.set_attribute("lang", lang.html_lang());
    }
    document.set_title(crate::i18n::TITLE.get(lang));
}

fn storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// The page's address without the fragment (origin, path and query).
pub(crate) fn page_url() -> String {
    let location = gloo::utils::window().location();
    format!(
        "{}{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    )
}

/// Reads a localStorage item (None when absent or storage is unavailable).
pub(crate) fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Writes a localStorage item; false when storage is unavailable or full.
pub(crate) fn save(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Sets (or removes, with None) an attribute of `<html>`.
pub(crate) fn set_root_attribute(name: &str, value: Option<&str>) {
    if let Some(html) = gloo::utils::document().document_element() {
        let _ = match value {
            Some(v) => html.set_attribute(name, v),
            None => html.remove_attribute(name),
        };
    }
}

/// Copies text to the clipboard; calls `done(true)` on success, `done(false)`
/// when the browser refuses (then the page selects the text instead).
pub(crate) fn copy_text(text: &str, done: impl FnOnce(bool) + 'static) {
    let clipboard = gloo::utils::window().navigator().clipboard();
    let promise = clipboard.write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        done(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}

/// Offers `bytes` as a file download (a local blob: URL, never the network).
pub(crate) fn download(filename: &str, mime: &str, text: &str) {
    let parts = web_sys::js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) {
        download_blob(filename, &blob);
    }
}

fn download_blob(filename: &str, blob: &web_sys::Blob) {
    use wasm_bindgen::JsCast;
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
        return;
    };
    let document = gloo::utils::document();
    if let Some(a) = document
        .create_element("a")
        .ok()
        .and_then(|e| e.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(filename);
        a.click();
    }
    // Revoke after the click has been handled.
    gloo::timers::callback::Timeout::new(1_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

/// Renders an SVG string to a PNG at `scale` × its size and downloads it.
pub(crate) fn download_png(filename: &str, svg: &str, size: (u32, u32), scale: f64) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let parts = web_sys::js_sys::Array::of1(&JsValue::from_str(svg));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("image/svg+xml");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let Ok(image) = web_sys::HtmlImageElement::new() else {
        return;
    };
    let filename = filename.to_string();
    let img = image.clone();
    let src = url.clone();
    let onload = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&src);
        let document = gloo::utils::document();
        let Some(canvas) = document
            .create_element("canvas")
            .ok()
            .and_then(|e| e.dyn_into::<web_sys::HtmlCanvasElement>().ok())
        else {
            return;
        };
        canvas.set_width((size.0 as f64 * scale) as u32);
        canvas.set_height((size.1 as f64 * scale) as u32);
        let Some(ctx) = canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
        else {
            return;
        };
        ctx.set_fill_style_str("#ffffff");
        ctx.fill_rect(0.0, 0.0, canvas.width() as f64, canvas.height() as f64);
        let _ = ctx.scale(scale, scale);
        let _ = ctx.draw_image_with_html_image_element(&img, 0.0, 0.0);
        let callback = Closure::once_into_js(move |blob: JsValue| {
            if let Ok(blob) = blob.dyn_into::<web_sys::Blob>() {
                download_blob(&filename, &blob);
            }
        });
        let _ = canvas.to_blob_with_type(callback.unchecked_ref(), "image/png");
    });
    image.set_onload(Some(onload.unchecked_ref()));
    image.set_src(&url);
}

/// Watches `el` until it first comes into the viewport, then calls `f` once.
/// Dropping the result stops watching.
pub(crate) fn when_visible(el: &web_sys::Element, f: impl FnOnce() + 'static) -> Option<Visible> {
    let mut f = Some(f);
    observe(el, None, move |on, observer| {
        if on {
            observer.disconnect();
            if let Some(f) = f.take() {
                f();
            }
        }
    })
}

/// An IntersectionObserver on `el` (with a root margin): `f` hears whether it
/// is in view now, and may disconnect the observer.
fn observe(
    el: &web_sys::Element,
    margin: Option<&str>,
    mut f: impl FnMut(bool, &web_sys::IntersectionObserver) + 'static,
) -> Option<Visible> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let callback = Closure::<dyn FnMut(web_sys::js_sys::Array, web_sys::IntersectionObserver)>::new(
        move |entries: web_sys::js_sys::Array, observer: web_sys::IntersectionObserver| {
            let last = entries
                .iter()
                .last()
                .and_then(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok());
            if let Some(e) = last {
                f(e.is_intersecting(), &observer);
            }
        },
    );
    let options = web_sys::IntersectionObserverInit::new();
    if let Some(m) = margin {
        options.set_root_margin(m);
    }
    let observer = web_sys::IntersectionObserver::new_with_options(
        callback.as_ref().unchecked_ref(),
        &options,
    )
    .ok()?;
    observer.observe(el);
    Some(Visible {
        observer,
        _callback: callback,
    })
}

/// An element being watched by [`when_visible`] or [`watch_visible`].
pub(crate) struct Visible {
    observer: web_sys::IntersectionObserver,
    _callback: wasm_bindgen::closure::Closure<
        dyn FnMut(web_sys::js_sys::Array, web_sys::IntersectionObserver),
    >,
}

impl Drop for Visible {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}

/// Tells the embedding page our height: posts
/// `{ source: "repurchase-lab", type: "height", height, panel }` to the parent.
pub(crate) fn post_height(panel: &str) {
    let window = gloo::utils::window();
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    let height = gloo::utils::document()
        .document_element()
        .map(|e| e.scroll_height())
        .unwrap_or(0);
    let message = web_sys::js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = web_sys::js_sys::Reflect::set(&message, &JsValue::from_str(k), &v);
    };
    set("source", JsValue::from_str("repurchase-lab"));
    set("type", JsValue::from_str("height"));
    set("height", JsValue::from_f64(height as f64));
    set("panel", JsValue::from_str(panel));
    let _ = parent.post_message(&message, "*");
}

/// Calls `f` whenever the window is resized.
pub(crate) fn on_resize(f: impl Fn() + 'static) -> EventListener {
    EventListener::new(&gloo::utils::window(), "resize", move |_| f())
}

/// Calls `f` with the first file dropped anywhere on the page.
pub(crate) fn on_file_drop(f: impl Fn(web_sys::File) + 'static) -> (EventListener, EventListener) {
    use gloo::events::EventListenerOptions;
    use wasm_bindgen::JsCast;
    let document = gloo::utils::document();
    let over = EventListener::new_with_options(
        &document,
        "dragover",
        EventListenerOptions::enable_prevent_default(),
        |e| {
            e.prevent_default();
        },
    );
    let drop = EventListener::new_with_options(
        &document,
        "drop",
        EventListenerOptions::enable_prevent_default(),
        move |e| {
            e.prevent_default();
            let file = e
                .dyn_ref::<web_sys::DragEvent>()
                .and_then(|d| d.data_transfer())
                .and_then(|t| t.files())
                .and_then(|files| files.get(0));
            if let Some(file) = file {
                f(file);
            }
        },
    );
    (over, drop)
}
