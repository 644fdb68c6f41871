// Starts the rooms (saved scenarios, Your data, forecasts): wasm-bindgen's
// no-modules glue, then its wasm. Added to the page by src/app/bridge.rs
// when the page is idle or a person heads to a room.
(() => {
  const glue = document.createElement('script');
  glue.src = './rooms.js';
  glue.onload = () => wasm_bindgen({ module_or_path: './rooms_bg.wasm' });
  document.head.append(glue);
})();
