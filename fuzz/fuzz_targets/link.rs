//! The share-link decoder: any fragment gives a scenario (clamped, with a
//! notice of what was ignored), which encodes and decodes to itself.
#![no_main]
use libfuzzer_sys::fuzz_target;
use repurchase_lab::formats::link;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let decoded = link::decode(&text, &["embed", "theme"]);
    let again = link::decode(&link::encode(&decoded.scenario), &[]);
    assert_eq!(again.scenario, decoded.scenario, "the link round-trips what it decoded");
});
