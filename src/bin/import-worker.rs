//! The import Web Worker's entry point (Trunk builds it with `data-type="worker"`).

#[cfg(target_arch = "wasm32")]
fn main() {
    repurchase_lab::worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the import worker runs in the browser");
}
