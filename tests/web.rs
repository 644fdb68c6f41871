//! The page mounted in real headless Chromium (wasm-bindgen-test): the DOM
//! is read after `yew::scheduler::flush` (and the next frame where the page
//! draws there), never after a sleep.
#![cfg(target_arch = "wasm32")]

use repurchase_lab::app::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, EventInit, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts a fresh page with an empty link (tests share one browser page).
async fn mount() -> Element {
    let history = gloo::utils::window().history().unwrap();
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some("#"))
        .unwrap();
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    // Charts and the simulator arrive in the task after the first frame.
    after_frame().await;
    yew::scheduler::flush().await;
    root
}

/// Waits for the next animation frame, then a task after it (an event the
/// page schedules work on, not a sleep).
async fn after_frame() {
    use wasm_bindgen::closure::Closure;
    let promise = web_sys::js_sys::Promise::new(&mut |resolve, _| {
        let window = gloo::utils::window();
        let later = Closure::once_into_js(move || {
            let _ = gloo::utils::window()
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        });
        let _ = window.request_animation_frame(later.unchecked_ref());
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn hook(root: &Element, testid: &str) -> Element {
    root.query_selector(&format!("[data-testid='{testid}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("no element with data-testid={testid}"))
}

fn data_value(root: &Element, testid: &str) -> f64 {
    hook(root, testid)
        .get_attribute("data-value")
        .unwrap()
        .parse()
        .unwrap()
}

fn fire(target: &Element, kind: &str) {
    let init = EventInit::new();
    init.set_bubbles(true);
    let event = Event::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// Types `value` into the number field `testid` (the CONTRACT way: set it,
/// fire `change`) and lets the page settle; returns the field.
async fn type_into(root: &Element, testid: &str, value: &str) -> HtmlInputElement {
    let field: HtmlInputElement = hook(root, testid).dyn_into().unwrap();
    field.set_value(value);
    fire(&field, "change");
    yew::scheduler::flush().await;
    field
}

#[wasm_bindgen_test]
async fn typed_input_updates_value_satisfaction_and_chart() {
    let root = mount().await;
    assert_eq!(data_value(&root, "value"), 40.0);
    assert_eq!(data_value(&root, "satisfaction"), 5.0);
    let chart_before = hook(&root, "chain-chart").inner_html();
    assert!(chart_before.contains("<svg"));

    type_into(&root, "benefit", "90").await;

    assert_eq!(data_value(&root, "value"), 60.0);
    assert_eq!(data_value(&root, "satisfaction"), 25.0);
    let slider: HtmlInputElement = hook(&root, "benefit-slider").dyn_into().unwrap();
    assert_eq!(slider.value(), "90");
    assert_ne!(hook(&root, "chain-chart").inner_html(), chart_before);
    // The link mirrors the scenario.
    let hash = gloo::utils::window().location().hash().unwrap();
    assert!(hash.contains("b=90"), "{hash}");
    root.remove();
}

#[wasm_bindgen_test]
async fn out_of_range_input_is_clamped_with_a_message() {
    let root = mount().await;
    let expectation = type_into(&root, "expectation", "250").await;
    assert_eq!(expectation.value(), "100");
    assert_eq!(
        data_value(&root, "satisfaction"),
        data_value(&root, "value") - 100.0
    );
    assert!(hook(&root, "expectation-message")
        .text_content()
        .unwrap()
        .contains("100"));
    root.remove();
}

#[wasm_bindgen_test]
async fn language_switch_translates_the_page() {
    let root = mount().await;
    let select: HtmlSelectElement = hook(&root, "language").dyn_into().unwrap();
    select.set_value("zh");
    fire(&select, "change");
    yew::scheduler::flush().await;
    assert_eq!(
        root.query_selector("h1")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "复购实验室"
    );
    let html = gloo::utils::document().document_element().unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("zh-CN"));
    select.set_value("en");
    fire(&select, "change");
    yew::scheduler::flush().await;
    assert_eq!(
        root.query_selector("h1")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Repurchase Lab"
    );
    root.remove();
}
