//! The saved-scenario reader: any stored text loads what it can and skips
//! the rest, and what it loaded writes and reads back the same.
#![no_main]
use libfuzzer_sys::fuzz_target;
use repurchase_lab::formats::saved;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let loaded = saved::read(&text);
    let again = saved::read(&saved::write(&loaded.items));
    assert_eq!(again.items, loaded.items, "saved scenarios round-trip what was read");
});
