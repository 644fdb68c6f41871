//! The few browser facts the page needs: the URL fragment, the language and
//! local storage. Every call tolerates a missing window or storage.

use gloo::events::EventListener;
use wasm_bindgen::JsValue;

use crate::i18n::Lang;

const LANG_KEY: &str = "repurchase-lab.lang";

/// The URL fragment without `#` (empty when there is none).
pub fn fragment() -> String {
    let hash = gloo::utils::window().location().hash().unwrap_or_default();
    hash.strip_prefix('#').unwrap_or(&hash).to_string()
}

/// Rewrites the fragment in place, without adding a history entry.
pub fn replace_fragment(fragment: &str) {
    let window = gloo::utils::window();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{fragment}")));
    }
}

/// Calls `f` with the new fragment whenever it changes by navigation.
pub fn on_hash_change(f: impl Fn(String) + 'static) -> EventListener {
    EventListener::new(&gloo::utils::window(), "hashchange", move |_| f(fragment()))
}

/// The language chosen before on this device, else the browser's.
pub fn initial_lang() -> Lang {
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
pub fn store_lang(lang: Lang) {
    if let Some(s) = storage() {
        let _ = s.set_item(LANG_KEY, lang.code());
    }
}

/// Sets `<html lang>` and the document title for the language.
pub fn set_document_lang(lang: Lang) {
    let document = gloo::utils::document();
    if let Some(html) = document.document_element() {
        let _ = html.set_attribute("lang", lang.html_lang());
    }
    document.set_title(crate::i18n::TITLE.get(lang));
}

fn storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}
