//! The share link: a scenario as readable `key=value` pairs in the URL
//! fragment (`#v=1&b=72&e=50`), never sent to a server.
//!
//! Only inputs that differ from the defaults are written, so links stay short.
//! Decoding is total: any string gives a scenario plus the list of what was
//! ignored, never a panic.

use super::scenario::{Param, Scenario};

/// The link format version written by [`encode`].
pub const VERSION: &str = "1";

/// Longest key or value quoted back in a notice (the rest becomes "…").
const QUOTE_MAX: usize = 24;
/// Longest value read as a number; anything longer is malformed.
const VALUE_MAX: usize = 40;
/// At most this many ignored items are listed; the rest are counted.
const IGNORED_MAX: usize = 20;

/// The fragment (without `#`) for a scenario: `v=1` plus every input that
/// differs from the default, as the shortest decimal that reads back exactly.
pub fn encode(scenario: &Scenario) -> String {
    let defaults = Scenario::default();
    let mut out = format!("v={VERSION}");
    for param in Param::ALL {
        let v = scenario.get(param);
        if v != defaults.get(param) {
            out.push_str(&format!("&{}={}", param.key(), v));
        }
    }
    out
}

/// Something in a link that could not be used as it stood.
#[derive(Clone, Debug, PartialEq)]
pub enum Ignored {
    /// A key this version does not know (quoted, shortened).
    UnknownKey(String),
    /// A known key whose value is not a finite number.
    Malformed { key: String, value: String },
    /// A value outside the input's range, used clamped.
    Clamped { key: String, value: String, to: f64 },
    /// A link version this page does not know; the keys were read as version 1.
    Version(String),
    /// More items were ignored than are listed.
    More(usize),
}

/// A decoded link: the scenario it describes and what was ignored on the way.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Decoded {
    /// Defaults overridden by every readable key.
    pub scenario: Scenario,
    /// What could not be used, in link order.
    pub ignored: Vec<Ignored>,
    /// Keys the caller may know (not scenario inputs): left for it to read.
    pub other: Vec<(String, String)>,
}

/// Reads a fragment (with or without the leading `#`). Total: never panics.
///
/// `shell_keys` are keys the page itself understands (for example `lang`);
/// they are passed back in [`Decoded::other`] instead of being reported.
pub fn decode(fragment: &str, shell_keys: &[&str]) -> Decoded {
    let mut decoded = Decoded::default();
    let mut ignored = Vec::new();
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    for pair in fragment.split('&').filter(|p| !p.is_empty()) {
        let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = percent_decode(raw_key);
        let value = percent_decode(raw_value);
        if key == "v" {
            if value != VERSION {
                ignored.push(Ignored::Version(quote(&value)));
            }
            continue;
        }
        if shell_keys.contains(&key.as_str()) {
            decoded.other.push((key, value));
            continue;
        }
        let Some(param) = Param::from_key(&key) else {
            ignored.push(Ignored::UnknownKey(quote(&key)));
            continue;
        };
        match parse_number(&value) {
            Some(x) => {
                if decoded.scenario.set(param, x) {
                    ignored.push(Ignored::Clamped {
                        key,
                        value: quote(&value),
                        to: decoded.scenario.get(param),
                    });
                }
            }
            None => ignored.push(Ignored::Malformed {
                key,
                value: quote(&value),
            }),
        }
    }
    if ignored.len() > IGNORED_MAX {
        let more = ignored.len() - IGNORED_MAX;
        ignored.truncate(IGNORED_MAX);
        ignored.push(Ignored::More(more));
    }
    decoded.ignored = ignored;
    decoded
}

/// A finite decimal number, or `None` (rejects `inf`, `NaN`, overflow, junk).
fn parse_number(s: &str) -> Option<f64> {
    if s.is_empty() || s.len() > VALUE_MAX {
        return None;
    }
    s.trim().parse::<f64>().ok().filter(|x| x.is_finite())
}

/// `%XX` and `+` decoding; invalid sequences are kept literally, invalid UTF-8
/// is replaced, so decoding never fails.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let hex = |i: usize| bytes.get(i).and_then(|&b| (b as char).to_digit(16));
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Shortens a string quoted back to the user, by characters, never mid-char.
fn quote(s: &str) -> String {
    if s.chars().count() <= QUOTE_MAX {
        s.to_string()
    } else {
        let head: String = s.chars().take(QUOTE_MAX).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[track_caller]
    fn round_trip(s: &Scenario) {
        let link = encode(s);
        let back = decode(&link, &[]);
        assert_eq!(&back.scenario, s, "link {link}");
        assert!(back.ignored.is_empty(), "link {link}: {:?}", back.ignored);
    }

    #[test]
    fn defaults_give_the_shortest_link() {
        assert_eq!(encode(&Scenario::default()), "v=1");
        round_trip(&Scenario::default());
    }

    #[test]
    fn only_changed_inputs_are_written() {
        let s = Scenario {
            benefit: 72.5,
            ..Scenario::default()
        };
        assert_eq!(encode(&s), "v=1&b=72.5");
        round_trip(&s);
    }

    #[test]
    fn hostile_links_open_with_a_notice() {
        let d = decode("#v=9&b=NaN&c=1e999&e=150&zz=<script>&&=&b", &["lang"]);
        assert_eq!(d.scenario.expectation, 100.0);
        assert_eq!(d.scenario.benefit, 70.0);
        assert_eq!(
            d.ignored,
            vec![
                Ignored::Version("9".into()),
                Ignored::Malformed {
                    key: "b".into(),
                    value: "NaN".into()
                },
                Ignored::Malformed {
                    key: "c".into(),
                    value: "1e999".into()
                },
                Ignored::Clamped {
                    key: "e".into(),
                    value: "150".into(),
                    to: 100.0
                },
                Ignored::UnknownKey("zz".into()),
                Ignored::UnknownKey("".into()),
                Ignored::Malformed {
                    key: "b".into(),
                    value: "".into()
                },
            ]
        );
    }

    #[test]
    fn percent_encoding_and_shell_keys() {
        let d = decode("v=1&b=%35%30&lang=zh&c=%zz", &["lang"]);
        assert_eq!(d.scenario.benefit, 50.0);
        assert_eq!(d.other, vec![("lang".to_string(), "zh".to_string())]);
        assert_eq!(
            d.ignored,
            vec![Ignored::Malformed {
                key: "c".into(),
                value: "%zz".into()
            }]
        );
    }

    #[test]
    fn long_links_are_cut_down_in_the_notice() {
        let long = format!("v=1&{}", "x=1&".repeat(5000));
        let d = decode(&long, &[]);
        assert_eq!(d.ignored.len(), 21);
        assert_eq!(d.ignored[20], Ignored::More(4980));
        let d = decode(&format!("{}=1", "k".repeat(100)), &[]);
        assert_eq!(
            d.ignored,
            vec![Ignored::UnknownKey(format!("{}…", "k".repeat(24)))]
        );
    }

    proptest! {
        #[test]
        fn any_scenario_round_trips(b in 0.0..=100.0f64, c in 0.0..=100.0f64, e in 0.0..=100.0f64) {
            round_trip(&Scenario { benefit: b, cost: c, expectation: e });
        }

        #[test]
        fn any_string_decodes_without_panic(s in ".{0,200}") {
            let d = decode(&s, &["lang"]);
            for p in Param::ALL {
                let (lo, hi) = p.range();
                prop_assert!((lo..=hi).contains(&d.scenario.get(p)));
            }
        }

        #[test]
        fn any_bytes_decode_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let s = String::from_utf8_lossy(&bytes);
            let _ = decode(&s, &[]);
        }
    }
}
