//! The share link: a scenario as readable `key=value` pairs in the URL
//! fragment (`#v=1&b=72&e=50`), never sent to a server.
//!
//! Only inputs that differ from the chosen preset (`p=haircut`; none means the
//! blank preset) are written, so links stay short.
//! Decoding is total: any string gives a scenario plus the list of what was
//! ignored, never a panic.

use crate::calculator::presets::{JourneyKind, Preset};
use crate::calculator::repurchase::Lens;
use crate::calculator::scenario::{Param, Period, Scenario};
use crate::calculator::tools::Tier;

/// The link format version written by [`encode`].
pub const VERSION: &str = "1";

/// Longest key or value quoted back in a notice (the rest becomes "…").
const QUOTE_MAX: usize = 24;
/// Longest value read as a number; anything longer is malformed.
const VALUE_MAX: usize = 40;
/// At most this many ignored items are listed; the rest are counted.
const IGNORED_MAX: usize = 20;

/// The fragment (without `#`) for a scenario: `v=1`, the preset if it is
/// not the blank one, then every input that differs from the preset, numbers
/// as the shortest decimal that reads back exactly.
pub fn encode(scenario: &Scenario) -> String {
    let base = scenario.preset.scenario();
    let mut out = format!("v={VERSION}");
    if scenario.preset != Preset::Blank {
        out.push_str(&format!("&p={}", scenario.preset.code()));
    }
    for param in Param::ALL {
        let v = scenario.get(*param);
        if v != base.get(*param) {
            out.push_str(&format!("&{}={}", param.key(), shortest(v)));
        }
    }
    let flag = |b: bool| if b { "1" } else { "0" };
    let choices = [
        ("lens", scenario.lens != base.lens, scenario.lens.code()),
        (
            "jo",
            scenario.journey_on != base.journey_on,
            flag(scenario.journey_on),
        ),
        (
            "jk",
            scenario.journey != base.journey,
            scenario.journey.code(),
        ),
        (
            "eo",
            scenario.expectation_on != base.expectation_on,
            flag(scenario.expectation_on),
        ),
        ("tier", scenario.tier != base.tier, scenario.tier.code()),
        (
            "per",
            scenario.period != base.period,
            scenario.period.code(),
        ),
        (
            "ho",
            scenario.habit_on != base.habit_on,
            flag(scenario.habit_on),
        ),
        (
            "ro",
            scenario.reminder_on != base.reminder_on,
            flag(scenario.reminder_on),
        ),
    ];
    for (key, differs, value) in choices {
        if differs {
            out.push_str(&format!("&{key}={value}"));
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
    let pairs = fragment.split('&').filter(|p| !p.is_empty()).map(|pair| {
        let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        (percent_decode(raw_key), percent_decode(raw_value))
    });
    // The preset first, wherever it stands: every other key is relative to it.
    for (key, value) in pairs.clone().filter(|(k, _)| k == "p") {
        match Preset::from_code(&value) {
            Some(preset) => decoded.scenario = preset.scenario(),
            None => ignored.push(Ignored::Malformed {
                key,
                value: quote(&value),
            }),
        }
    }
    for (key, value) in pairs {
        if key == "p" {
            continue;
        }
        if let Some(done) = decode_choice(&mut decoded.scenario, &key, &value) {
            if !done {
                ignored.push(Ignored::Malformed {
                    key,
                    value: quote(&value),
                });
            }
            continue;
        }
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

/// The shorter of plain and exponent notation; both read back exactly.
fn shortest(v: f64) -> String {
    let plain = format!("{v}");
    let exp = format!("{v:e}");
    if exp.len() < plain.len() {
        exp
    } else {
        plain
    }
}

/// Reads a non-numeric key into the scenario: `None` if `key` is not one,
/// `Some(false)` if its value is unreadable.
fn decode_choice(s: &mut Scenario, key: &str, value: &str) -> Option<bool> {
    let flag = |v: &str| match v {
        "1" | "true" => Some(true),
        "0" | "false" => Some(false),
        _ => None,
    };
    let read = match key {
        "lens" => Lens::from_code(value).map(|v| s.lens = v),
        "jo" => flag(value).map(|v| s.journey_on = v),
        "jk" => JourneyKind::from_code(value).map(|v| s.journey = v),
        "eo" => flag(value).map(|v| s.expectation_on = v),
        "tier" => Tier::from_code(value).map(|v| s.tier = v),
        "per" => Period::from_code(value).map(|v| s.period = v),
        "ho" => flag(value).map(|v| s.habit_on = v),
        "ro" => flag(value).map(|v| s.reminder_on = v),
        _ => return None,
    };
    Some(read.is_some())
}

/// A finite decimal number, or `None` (rejects `inf`, `NaN`, overflow, junk).
fn parse_number(s: &str) -> Option<f64> {
    if s.is_empty() || s.len() > VALUE_MAX {
        return None;
    }
    crate::formats::decimal::parse(s.trim()).filter(|x| x.is_finite())
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
    fn every_preset_round_trips_with_a_short_link() {
        for preset in Preset::ALL {
            let s = preset.scenario();
            let link = encode(&s);
            assert!(link.len() <= 16, "{link}");
            round_trip(&s);
        }
        let mut s = Preset::Haircut.scenario();
        s.lens = Lens::Dte;
        s.set(Param::TrapKnot(4), 0.8);
        assert_eq!(encode(&s), "v=1&p=haircut&k5=0.8&lens=dte");
        round_trip(&s);
    }

    /// Link lengths (fragment characters) reported in the README:
    /// `cargo test --lib link_lengths -- --nocapture`.
    #[test]
    fn link_lengths() {
        for preset in Preset::ALL {
            let link = encode(&preset.scenario());
            println!("{:>10}: {:>4} chars  #{link}", preset.code(), link.len());
        }
        // Heavily edited: every number moved a little, every choice flipped.
        let mut s = Preset::Ecommerce.scenario();
        for p in Param::ALL {
            let (lo, hi) = p.range();
            let v = s.get(*p);
            s.set(
                *p,
                if v + (hi - lo) * 0.013 <= hi {
                    v + (hi - lo) * 0.013
                } else {
                    lo
                },
            );
        }
        s.lens = Lens::Dte;
        s.journey_on = false;
        s.expectation_on = true;
        s.habit_on = true;
        s.reminder_on = true;
        let link = encode(&s);
        println!("    edited: {:>4} chars", link.len());
        round_trip(&s);
        assert!(link.len() < 1500, "{}", link.len());
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
        let long = format!("v=1&{}", "zz=1&".repeat(5000));
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
        fn any_scenario_round_trips(
            preset in 0..Preset::ALL.len(),
            values in proptest::collection::vec(proptest::option::of(any::<f64>()), Param::ALL.len()),
            lens in any::<bool>(), jo in any::<bool>(), eo in any::<bool>(), jk in any::<bool>(), tier in 0..3usize,
        ) {
            let mut s = Preset::ALL[preset].scenario();
            for (p, v) in Param::ALL.iter().zip(values) {
                if let Some(v) = v {
                    let (lo, hi) = p.range();
                    s.set(*p, lo + (hi - lo) * (v.abs().fract()));
                    // set() rounds whole-number inputs; the link keeps what set() stored.
                }
            }
            s.lens = if lens { Lens::Dte } else { Lens::Chain };
            s.journey_on = jo;
            s.expectation_on = eo;
            s.journey = if jk { JourneyKind::Restaurant } else { JourneyKind::Ecommerce };
            s.tier = Tier::ALL[tier];
            s.period = if lens { Period::Week } else { Period::Month };
            s.habit_on = jo;
            s.reminder_on = eo;
            round_trip(&s);
        }

        #[test]
        fn any_string_decodes_without_panic(s in ".{0,200}") {
            let d = decode(&s, &["lang"]);
            for p in Param::ALL {
                let (lo, hi) = p.range();
                prop_assert!((lo..=hi).contains(&d.scenario.get(*p)));
            }
        }

        #[test]
        fn any_bytes_decode_without_panic(bytes in proptest::collection::vec(any::<u8>(), 0..300)) {
            let s = String::from_utf8_lossy(&bytes);
            let _ = decode(&s, &[]);
        }
    }
}
