// Starts the workbook worker's wasm (classic worker: wasm-bindgen's no-modules output).
importScripts("./workbook-worker.js");
wasm_bindgen({ module_or_path: "./workbook-worker_bg.wasm" });
