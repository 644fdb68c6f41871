//! The rooms opened more rarely (saved scenarios, Your data, forecasts),
//! loaded after the first frame (Trunk builds it with `data-type="worker"`:
//! wasm-bindgen's no-modules output, started by `static/rooms-loader.js`).

#[cfg(target_arch = "wasm32")]
fn main() {
    repurchase_lab::app::rooms::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the rooms run in the browser");
}
