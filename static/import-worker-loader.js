// Starts the import worker's wasm (classic worker: wasm-bindgen's no-modules output).
importScripts("./import-worker.js");
wasm_bindgen({ module_or_path: "./import-worker_bg.wasm" });
