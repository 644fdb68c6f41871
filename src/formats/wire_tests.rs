//! Tests of the wire format (`formats::wire`): round trips, and every
//! malformed text read without a panic.

use proptest::prelude::*;

use super::*;
use crate::import::{analyze, inspect};

/// The settings a first look proposes, with a period.
fn settings_of(ins: &Inspection, granularity: Period) -> Settings {
    ins.guessed_settings().by(granularity)
}

#[test]
fn round_trips_a_real_result() {
    let text = "会员;下单时间;实付金额\nM1;2024/01/02 10:00;\"1.234,50\"\nM2;bad;5\nM2;2024/02/06;12,5\nM3;2024/03/01;7\n";
    let i = inspect(text);
    let ins = i.clone().unwrap();
    let settings = settings_of(&ins, Period::Week);
    let a = analyze(text, &settings, &mut |_| true);
    let (i2, a2) = decode(&encode(&i, &a)).unwrap();
    let mut expected = ins;
    expected.preview = Vec::new();
    assert_eq!(i2, Ok(expected));
    assert_eq!(a2, a);
    assert_eq!(decode_settings(&encode_settings(&settings)), Some(settings));
    let err: Result<Analysis, _> = Err(ImportError::NeedsDateOrder);
    assert_eq!(
        decode(&encode(&Err(ImportError::OneColumn), &err)),
        Some((Err(ImportError::OneColumn), err))
    );
}

proptest! {
    #[test]
    fn any_text_decodes_without_panic(s in "(?s).{0,300}") {
        let _ = decode(&s);
        let _ = decode_settings(&s);
    }

    /// The one-pass count reader accepts exactly what `str::parse` does
    /// on what the encoder writes (plain digits), and nothing else.
    #[test]
    fn count_lists_read_as_str_parse(s in "[0-9,+a ]{1,40}|[0-9]{18,22}(,[0-9]{1,3}){0,3}") {
        let split: Option<Vec<u64>> = s.split(',').map(|f| {
            if f.bytes().all(|b| b.is_ascii_digit()) { f.parse().ok() } else { None }
        }).collect();
        prop_assert_eq!(u64::read_list(&s), split);
    }
}

proptest! {
    #[test]
    fn amounts_round_trip_bit_for_bit(v in proptest::collection::vec(any::<f64>(), 0..20)) {
        let back = parse_bits_list(&bits_list(&v)).unwrap();
        prop_assert_eq!(back.iter().map(|x| x.to_bits()).collect::<Vec<_>>(), v.iter().map(|x| x.to_bits()).collect::<Vec<_>>());
    }
}

#[test]
fn amount_lists() {
    for bad in [",", "1,", "+1", "-1", "g", "10000000000000000"] {
        assert_eq!(parse_bits_list(bad), None, "{bad}");
    }
    assert_eq!(parse_bits_list(""), Some(vec![]));
}

#[test]
fn another_version_or_uneven_rows_are_not_misread() {
    let text = "customer,date,amount\nA,2024-01-05,10\nA,2024-02-20,5\n";
    let i = inspect(text);
    let settings = settings_of(&i.clone().unwrap(), Period::Month);
    let wire = encode(&i, &analyze(text, &settings, &mut |_| true));
    assert!(matches!(decode(&wire), Some((Ok(_), Ok(_)))));
    // A worker of another version (older ones wrote no version line).
    let stale = Some((Err(ImportError::StaleWorker), Err(ImportError::StaleWorker)));
    assert_eq!(
        decode(&wire.replacen(&format!("wire\t{VERSION}"), "wire\t1", 1)),
        stale
    );
    assert_eq!(decode(wire.split_once('\n').unwrap().1), stale);
    // A cohort row whose lists differ in length is refused, not indexed.
    let row = wire.lines().find(|l| l.starts_with("cohort")).unwrap();
    let f: Vec<&str> = row.split('\t').collect();
    let shorter = [f[0], f[1], f[2], f[3], f[4], f[5], f[6], "1"].join("\t");
    assert_eq!(decode(&wire.replace(row, &shorter)), None);
}

#[test]
fn integer_fields_read_as_str_parse() {
    for t in [
        "0",
        "7",
        "-7",
        "2147483647",
        "-2147483648",
        "2147483648",
        "-2147483649",
        "",
        "-",
        "+1",
        "1,2",
        "1 ",
        "a",
    ] {
        assert_eq!(
            i32::read(t),
            t.parse::<i32>().ok().filter(|_| !t.starts_with('+')),
            "{t}"
        );
        assert_eq!(
            u64::read(t),
            t.parse::<u64>().ok().filter(|_| !t.starts_with('+')),
            "{t}"
        );
        assert_eq!(
            usize::read(t),
            t.parse::<usize>().ok().filter(|_| !t.starts_with('+')),
            "{t}"
        );
    }
}

#[test]
fn count_lists() {
    assert_eq!(u64::read_list("0,12,3"), Some(vec![0, 12, 3]));
    for bad in [
        "",
        ",",
        "1,",
        ",1",
        "1,,2",
        "1,a",
        "+1",
        "18446744073709551616",
    ] {
        assert_eq!(u64::read_list(bad), None, "{bad}");
    }
    assert_eq!(u64::read_list("18446744073709551615"), Some(vec![u64::MAX]));
}

#[test]
fn forecast_options_round_trip() {
    let o = Options {
        calibration_end: crate::import::dates::days_from_civil(1997, 9, 30),
        unit: Unit::Week,
        horizon: 52.0,
        margin: 0.3,
        discount: 0.1,
    };
    assert_eq!(decode_options(&encode_options(&o)), Some(o));
}
