//! The browser entry point (Trunk builds this binary to wasm32).

#[cfg(target_arch = "wasm32")]
fn main() {
    repurchase_lab::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Repurchase Lab is a web page: run ./scripts/serve and open http://127.0.0.1:8080");
}
