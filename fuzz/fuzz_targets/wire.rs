//! What crosses between the page and the worker: any message decodes to a
//! request, a reply or nothing; a reply re-encodes stably.
#![no_main]
use libfuzzer_sys::fuzz_target;
use repurchase_lab::formats::{protocol, wire};

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    let _ = wire::decode(&text);
    let _ = wire::decode_settings(&text);
    let _ = wire::decode_options(&text);
    let _ = protocol::Request::decode(&text);
    if let Some(reply) = protocol::Reply::decode(&text) {
        let once = reply.encode();
        let twice = protocol::Reply::decode(&once).map(|r| r.encode());
        assert_eq!(twice.as_deref(), Some(once.as_str()), "a reply re-encodes stably");
    }
});
