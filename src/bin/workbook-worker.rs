//! The workbook Web Worker's entry point (Trunk builds it with
//! `data-type="worker"`; fetched the first time a workbook is opened).

#[cfg(target_arch = "wasm32")]
fn main() {
    repurchase_lab::workbook_worker::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the workbook worker runs in the browser");
}
