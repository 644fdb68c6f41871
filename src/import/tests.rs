//! The import engine end to end: text in, analysis out.

use proptest::prelude::*;

use crate::import::columns::Mapping;
use crate::import::csv::Delimiter;
use crate::import::dates::DayOrder;
use crate::import::*;

fn run(text: &str, g: Period, order: Option<DayOrder>) -> Result<Analysis, ImportError> {
    let settings = inspect(text)?
        .guessed_settings()
        .by(g)
        .with_day_order(order);
    analyze(text, &settings, &mut |_| true)
}

const BASIC: &str = "customer,date,amount\nA,2024-01-05,10\nA,2024-01-20,5\nB,2024-01-31,7\nA,2024-02-01,3\nC,2024-02-10,4\nB,2024-03-15,1\nC,2024-02-10,2\n";

/// Every number below was worked out by hand from the seven rows.
#[test]
fn basic_months_by_hand() {
    let a = run(BASIC, Period::Month, None).unwrap();
    assert_eq!(a.cohorts.len(), 2);
    let jan = &a.cohorts[0];
    assert_eq!((jan.label.as_str(), jan.size), ("2024-01", 2));
    assert_eq!(jan.active, vec![2, 1, 1]);
    assert_eq!(jan.active_after, vec![2, 2, 1]);
    assert_eq!(jan.revenue, Some(vec![22.0, 3.0, 1.0]));
    assert_eq!(jan.orders, vec![3, 1, 1]);
    let feb = &a.cohorts[1];
    assert_eq!((feb.label.as_str(), feb.size), ("2024-02", 1));
    assert_eq!(feb.active, vec![1, 0]);
    assert_eq!(feb.revenue, Some(vec![6.0, 0.0]));
    assert_eq!(feb.orders, vec![2, 0]);
    let t = &a.totals;
    assert_eq!(
        (t.customers, t.rows, t.occasions, t.revenue),
        (3, 7, 6, Some(32.0))
    );
    crate::assert_close!(t.repeat_rate, 2.0 / 3.0);
    assert_eq!(a.repeat_curve[0], Some(2.0 / 3.0));
    assert_eq!(a.repeat_curve[1], Some(0.5));
    assert_eq!(a.repeat_curve[2], Some(0.0));
    assert_eq!(a.repeat_curve[3], None);
    assert_eq!(a.lifecycle, [1, 2, 0, 0]);
    assert_eq!(a.tiers, [1, 1, 1, 0]);
    assert_eq!(a.top20_share, Some(18.0 / 32.0));
    assert_eq!(
        (dates::iso(t.first_date), dates::iso(t.last_date)),
        ("2024-01-05".into(), "2024-03-15".into())
    );
    assert_eq!(a.skipped_count, 0);
}

#[test]
fn weeks_and_days() {
    let w = run(BASIC, Period::Week, None).unwrap();
    // 2024-01-01 is a Monday: A's first week starts 2024-01-01, B's 2024-01-29.
    let labels: Vec<&str> = w.cohorts.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, vec!["2024-01-01", "2024-01-29", "2024-02-05"]);
    assert_eq!(w.cohorts[1].active[0], 1);
    let d = run(BASIC, Period::Day, None).unwrap();
    assert_eq!(d.cohorts[0].label, "2024-01-05");
    assert_eq!(d.cohorts[0].active[15], 1, "A again on 2024-01-20");
}

#[test]
fn chinese_headers_semicolons_decimal_commas_and_dirty_rows() {
    let text = "会员;下单时间;实付金额\r\nM1;2024/01/02 10:00;\"1.234,50\"\r\nM2;bad;5\r\n;2024/01/03;5\r\nM1;2024/02/02;abc\r\nM3;2024/02/05\r\nM2;2024/02/06;12,5\r\n";
    let a = run(text, Period::Month, None).unwrap();
    assert_eq!(
        a.skipped,
        vec![
            (3, SkipReason::BadDate),
            (4, SkipReason::EmptyCustomer),
            (5, SkipReason::BadAmount),
            (6, SkipReason::MissingField)
        ]
    );
    assert_eq!(a.skipped_count, 4);
    assert_eq!(a.totals.rows, 2);
    assert_eq!(a.totals.revenue, Some(1247.0));
    assert_eq!(a.cohorts[0].revenue, Some(vec![1234.5, 0.0]));
}

#[test]
fn gbk_bytes_decode_to_the_same_result() {
    let utf8 = "客户,日期,金额\n张三,2024-01-02,10\n李四,2024-02-03,20\n张三,2024-02-04,5\n";
    let (gbk, _, _) = encoding_rs::GBK.encode(utf8);
    assert_eq!(
        crate::import::detect_encoding(&gbk),
        crate::import::Encoding::Gb18030
    );
    let decoded = encoding_rs::GB18030.decode(&gbk).0;
    assert_eq!(
        run(&decoded, Period::Month, None),
        run(utf8, Period::Month, None)
    );
    let a = run(utf8, Period::Month, None).unwrap();
    assert_eq!(a.cohorts[0].active, vec![1, 1]);
}

#[test]
fn day_order_from_the_data_or_asked() {
    let dmy = "c,d\nA,13/01/2024\nB,05/02/2024\n";
    let a = run(dmy, Period::Month, None).unwrap();
    assert_eq!(a.day_order, Some(DayOrder::Dmy));
    assert_eq!(
        a.cohorts
            .iter()
            .map(|c| c.label.clone())
            .collect::<Vec<_>>(),
        vec!["2024-01", "2024-02"]
    );
    let ambiguous = "c,d\nA,01/02/2024\nB,05/06/2024\n";
    assert_eq!(
        run(ambiguous, Period::Month, None),
        Err(ImportError::NeedsDateOrder)
    );
    let mdy = run(ambiguous, Period::Month, Some(DayOrder::Mdy)).unwrap();
    assert_eq!(mdy.cohorts[0].label, "2024-01");
    let conflicting = "c,d\nA,13/01/2024\nB,14/01/2024\nC,01/31/2024\n";
    let c = run(conflicting, Period::Month, None).unwrap();
    assert_eq!(c.skipped, vec![(4, SkipReason::WrongDayOrder)]);
}

#[test]
fn clear_errors() {
    assert_eq!(inspect(""), Err(ImportError::Empty));
    assert_eq!(inspect("\u{FEFF}  \n"), Err(ImportError::Empty));
    assert_eq!(
        inspect("customer,date,amount\n"),
        Err(ImportError::HeaderOnly)
    );
    assert_eq!(
        inspect("just one column\nC1\nC2\n"),
        Err(ImportError::OneColumn)
    );
    assert_eq!(inspect("a,b\nx,y\nz,w\n"), Err(ImportError::NoDateColumn));
    assert_eq!(
        run(
            "c,date,amount\nA,2024-01-01,x\nB,2024-01-02,y\n",
            Period::Month,
            None
        )
        .map(|_| ()),
        Err(ImportError::NoRows)
    );
}

#[test]
fn an_aggregated_table_equals_the_raw_rows() {
    let raw = run(BASIC, Period::Month, None).unwrap();
    // What docs/sql/duckdb.sql writes for BASIC (zero cells absent).
    let table = "cohort,offset,active,revenue\n2024-01,0,2,22.0\n2024-01,1,1,3.0\n2024-01,2,1,1.0\n2024-02,0,1,6.0\n";
    let i = inspect(table).unwrap();
    let t = i.table.unwrap();
    let a = analyze_table(table, i.delimiter, t, Period::Month).unwrap();
    for (x, y) in raw.cohorts.iter().zip(&a.cohorts) {
        assert_eq!(
            (&x.label, x.size, &x.active, &x.revenue),
            (&y.label, y.size, &y.active, &y.revenue)
        );
    }
    assert_eq!(a.cohorts.len(), raw.cohorts.len());
    assert_eq!(a.last_period, raw.last_period);
    assert_eq!(a.totals.customers, 3);
}

#[test]
fn regrouping_equals_reading_again() {
    let text = "customer,date,amount\nA,05/01/2024,10\nA,20/01/2024,5\nB,31/01/2024,7\nbad,row\nA,01/02/2024,3\nC,10/02/2024,4\nB,15/03/2024,1\n";
    let i = inspect(text).unwrap();
    let settings = |g| i.guessed_settings().by(g);
    let (month, rows) = analyze_rows(text, &settings(Period::Month), &mut |_| true).unwrap();
    assert_eq!(month.skipped_count, 1);
    assert_eq!(month.day_order, Some(DayOrder::Dmy));
    for g in Period::ALL {
        let (direct, _) = analyze_rows(text, &settings(g), &mut |_| true).unwrap();
        assert_eq!(regroup(&rows, &month.reading(), g), direct, "{g:?}");
    }
}

#[test]
fn json_matches_the_contract() {
    let a = run(BASIC, Period::Month, None).unwrap();
    let v: serde_json::Value = serde_json::from_str(&a.to_json(&|r| r.code().to_string())).unwrap();
    assert_eq!(v["schema_version"], 1);
    assert_eq!(v["granularity"], "month");
    assert_eq!(v["cohorts"][0]["cohort"], "2024-01");
    assert_eq!(v["cohorts"][0]["retention"][1], 0.5);
    assert_eq!(v["repeat_curve"][3], serde_json::Value::Null);
    assert_eq!(v["totals"]["first_date"], "2024-01-05");
    assert_eq!(v["skipped"]["count"], 0);
}

fn rows_strategy() -> impl Strategy<Value = Vec<(u8, i32, u16)>> {
    proptest::collection::vec((0u8..20, 0i32..400, 0u16..1000), 1..80)
}

proptest! {
    #[test]
    fn any_text_gives_a_result_or_an_error(s in "(?s).{0,400}") {
        if let Ok(i) = inspect(&s) {
            let settings = i.guessed_settings().by(Period::Week);
            let _ = analyze(&s, &settings, &mut |_| true);
        }
    }

    #[test]
    fn every_distinct_id_is_one_customer(picks in proptest::collection::vec(0usize..14, 1..60)) {
        // Same number, other shapes: other widths, prefixes, no prefix,
        // past the array's limit, longer than a packed key, padded.
        const IDS: [&str; 14] = [
            "C0007", "C007", "C07", "C7", "7", "0007", "X0007", "C0008", "C9999",
            "C99999999", "C4194304", "customer-0000000007", " C0007 ", "c0007",
        ];
        let text: String = std::iter::once("customer,date\n".to_string())
            .chain(picks.iter().enumerate().map(|(i, &p)| format!("{},{}\n", IDS[p], dates::iso(19_700 + i as i32))))
            .collect();
        let settings = Settings {
            delimiter: Delimiter::Comma,
            has_header: true,
            mapping: Mapping { customer: 0, date: 1, ..Mapping::default() },
            day_order: None,
            granularity: Period::Month,
            shop: Default::default(),
            keep_all: false,
            title_rows: 0,
            filter: None,
            brackets: Vec::new(),
        };
        let (a, rows) = analyze_rows(&text, &settings, &mut |_| true).unwrap();
        let distinct: std::collections::BTreeSet<&str> = picks.iter().map(|&p| IDS[p].trim()).collect();
        prop_assert_eq!(a.totals.customers, distinct.len() as u64);
        let named: std::collections::BTreeSet<&str> = (0..rows.customers()).map(|c| rows.name(c)).collect();
        prop_assert_eq!(named, distinct);
        for (i, &p) in picks.iter().enumerate() {
            prop_assert_eq!(rows.name(rows.cust[i] as usize), IDS[p].trim());
        }
    }

    #[test]
    fn shuffling_rows_changes_nothing_and_sizes_sum_to_customers(rows in rows_strategy(), seed in any::<u64>()) {
        let line = |(c, d, a): &(u8, i32, u16)| format!("C{c},{},{}.{:02}\n", dates::iso(19_700 + d), a / 100, a % 100);
        let text: String = std::iter::once("customer,date,amount\n".to_string()).chain(rows.iter().map(line)).collect();
        let mut shuffled = rows.clone();
        let mut x = seed | 1;
        for i in (1..shuffled.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            shuffled.swap(i, (x % (i as u64 + 1)) as usize);
        }
        let text2: String = std::iter::once("customer,date,amount\n".to_string()).chain(shuffled.iter().map(line)).collect();
        for g in Period::ALL {
            let a = run(&text, g, None).unwrap();
            let mut b = run(&text2, g, None).unwrap();
            // Sums of amounts may differ in the last bit with another order.
            for (ca, cb) in a.cohorts.iter().zip(b.cohorts.iter_mut()) {
                if let (Some(ra), Some(rb)) = (&ca.revenue, &mut cb.revenue) {
                    for (x, y) in ra.iter().zip(rb.iter_mut()) {
                        prop_assert!((x - *y).abs() < 1e-6);
                        *y = *x;
                    }
                }
            }
            b.totals.revenue = a.totals.revenue;
            b.lorenz = a.lorenz.clone();
            b.top20_share = a.top20_share;
            prop_assert_eq!(&a.cohorts, &b.cohorts);
            prop_assert_eq!(a.repeat_curve, b.repeat_curve);
            prop_assert_eq!(a.cohorts.iter().map(|c| c.size).sum::<u64>(), a.totals.customers);
            for c in &a.cohorts {
                prop_assert_eq!(c.active[0], c.size);
                prop_assert!(c.active.iter().zip(&c.active_after).all(|(x, y)| x <= y));
            }
        }
    }
}

#[test]
fn limits_are_enforced_with_the_place_named() {
    // A record over 1 MiB (a quote that never closes) refuses the file, naming its line.
    let mut text = String::from("customer,date\nA,2024-01-01\n\"B,2024-01-02\n");
    text.push_str(&"x".repeat(crate::import::inspect::MAX_LINE_BYTES));
    let settings = inspect("customer,date\nA,2024-01-01\n")
        .unwrap()
        .guessed_settings();
    assert_eq!(
        analyze(&text, &settings, &mut |_| true),
        Err(ImportError::LineTooLong { line: 3 })
    );
    // A field over 4 KiB skips its row, listed by line; the rest is read.
    let long = "C".repeat(crate::import::inspect::MAX_FIELD_BYTES + 1);
    let text = format!("customer,date\nA,2024-01-01\n{long},2024-01-02\nA,2024-02-01\n");
    let a = analyze(&text, &settings, &mut |_| true).unwrap();
    assert_eq!(a.skipped, vec![(3, SkipReason::FieldTooLong)]);
    assert_eq!(a.totals.rows, 2);
}

#[test]
fn a_skipped_row_never_lends_its_date_to_the_next() {
    // Found by the fuzzer (fuzz/artifacts/import/crash-e6177f…): a slash date
    // waiting for the column's day order, on a row then skipped for its
    // amount, was written into the next row's date (or out of bounds).
    let text = "customer,date,amount\nA,13/02/2024,x\nB,2024-03-01,5\n";
    let a = analyze(
        text,
        &inspect(text).unwrap().guessed_settings(),
        &mut |_| true,
    )
    .unwrap();
    assert_eq!(a.skipped, vec![(2, SkipReason::BadAmount)]);
    assert_eq!(a.totals.first_date, dates::days_from_civil(2024, 3, 1));
    // The fuzzer's own input: a result or an error, no panic.
    let bytes = b"c,d\nA;01/02/20201/02/20\xff\xff\xff\xff24\nB,05/06/2024\nA,4\nB,05/06/2024\x0eA,27/08/2024\n";
    let text = String::from_utf8_lossy(bytes);
    if let Ok(i) = inspect(&text) {
        let _ = analyze(&text, &i.guessed_settings(), &mut |_| true);
    }
}

/// A Shopify-shaped export, worked out by hand: #1002 has a line-item row
/// (same order, empty Paid at / Total), #1003 was never paid, #1004 was
/// cancelled (refunded, Cancelled at set), #1005 partly refunded (a purchase).
const SHOPIFY: &str = "Name,Email,Financial Status,Paid at,Created at,Total,Lineitem name,Cancelled at,Billing Country\n\
#1001,ann@example.com,paid,2024-01-05 10:00:00 -0500,2024-01-05 09:58:00 -0500,20.00,Tea,,DE\n\
#1002,bob@example.com,paid,2024-01-31 23:30:00 -0500,2024-01-31 23:29:00 -0500,35.50,Cup,,FR\n\
#1002,bob@example.com,,,2024-01-31 23:29:00 -0500,,Saucer,,\n\
#1003,ann@example.com,pending,,2024-02-02 08:00:00 -0500,12.00,Tea,,DE\n\
#1004,bob@example.com,refunded,2024-02-03 08:00:00 -0500,2024-02-03 08:00:00 -0500,9.00,Tea,2024-02-04 10:00:00 -0500,FR\n\
#1005,ann@example.com,partially_refunded,2024-03-01 12:00:00 +0800,2024-03-01 12:00:00 +0800,15.00,Pot,,DE\n";

#[test]
fn shopify_line_items_status_and_offsets() {
    let ins = inspect(SHOPIFY).unwrap();
    assert_eq!(ins.shop, shops::Shop::Shopify);
    assert_eq!(
        (
            ins.mapping.customer,
            ins.mapping.date,
            ins.mapping.amount,
            ins.mapping.order
        ),
        (1, 4, Some(5), Some(0))
    );
    let s = ins.guessed_settings();
    let a = analyze(SHOPIFY, &s, &mut |_| true).unwrap();
    assert_eq!(a.skipped_count, 0, "line items are not bad dates");
    assert_eq!(a.notes.line_items, 1);
    assert_eq!(a.notes.filtered_count, 2);
    assert_eq!(
        a.notes.filtered,
        vec![("pending".to_string(), 1), ("refunded".to_string(), 1)]
    );
    assert_eq!((a.totals.customers, a.totals.rows), (2, 3));
    assert_eq!(a.totals.revenue, Some(70.5));
    // The date as written: 2024-01-31 23:29 -0500 is still January.
    assert_eq!(a.cohorts.len(), 1);
    assert_eq!(a.cohorts[0].active, vec![2, 0, 1]);
    assert_eq!(a.cohorts[0].revenue, Some(vec![55.5, 0.0, 15.0]));
    // Kept: every row is a purchase, line items still one order.
    let keep = Settings {
        keep_all: true,
        ..s
    };
    let a = analyze(SHOPIFY, &keep, &mut |_| true).unwrap();
    assert_eq!(
        (a.notes.filtered_count, a.notes.line_items, a.totals.rows),
        (0, 1, 5)
    );
    assert_eq!(a.cohorts[0].active, vec![2, 2, 1]);
}

#[test]
fn generic_status_column_and_extra_fields() {
    let text = "customer,date,amount,status\nA,2024-01-05,10,completed\nB,2024-01-06,5,cancelled,late\nA,2024-02-01,3,Completed,x,y\nC,2024-02-03,4,交易关闭\n";
    let ins = inspect(text).unwrap();
    assert_eq!(ins.shop, shops::Shop::Generic);
    assert_eq!(ins.mapping.status, Some(3));
    let a = analyze(text, &ins.guessed_settings(), &mut |_| true).unwrap();
    assert_eq!(a.notes.filtered_count, 2);
    assert_eq!(
        (a.notes.extra_count, a.notes.extra_lines.clone()),
        (2, vec![3, 4])
    );
    assert_eq!(a.totals.customers, 1);
    let json = a.to_json(&|r| r.code().to_string());
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["filtered"]["count"], 2);
    assert_eq!(v["extra_fields"]["lines"], serde_json::json!([3, 4]));
}

#[test]
fn segments_by_first_purchase_by_hand() {
    // A's first row is in Berlin (the earliest date, the first of its two
    // rows that day); B's in Paris; C's in Berlin. Berlin: A, C; Paris: B.
    let text = "customer,date,amount,city\nA,2024-01-05,10,Berlin\nA,2024-01-05,1,Paris\nB,2024-01-20,5,Paris\nA,2024-02-01,3,Paris\nC,2024-02-10,4,Berlin\nB,2024-03-15,1,Berlin\n";
    let ins = inspect(text).unwrap();
    let mut s = ins.guessed_settings();
    s.mapping.segment = Some(3);
    let a = analyze(text, &s, &mut |_| true).unwrap();
    let names: Vec<(&str, u64)> = a
        .segments
        .iter()
        .map(|g| (g.name.as_str(), g.customers))
        .collect();
    assert_eq!(names, vec![("Berlin", 2), ("Paris", 1)]);
    let berlin = &a.segments[0];
    assert_eq!(berlin.cohorts.len(), 2);
    assert_eq!(
        berlin.cohorts[0].active,
        vec![1, 1, 0],
        "padded to the data's last month"
    );
    assert_eq!(berlin.cohorts[1].active, vec![1, 0]);
    assert_eq!(a.segments[1].cohorts[0].active, vec![1, 0, 1]);
    // Mean over complete cells: +1 is Jan's February (1 of 1; Feb's +1 is
    // March, in progress); +2 is only March, in progress.
    let mean = mean_retention(&berlin.cohorts, a.last_period, false);
    assert_eq!(mean, vec![Some(1.0), Some(1.0), None]);
    let json: serde_json::Value =
        serde_json::from_str(&a.to_json(&|r| r.code().to_string())).unwrap();
    assert_eq!(json["segments"][0]["segment"], "Berlin");
    assert_eq!(json["segments"][1]["mean"], serde_json::json!([1, 0, null]));
    // Regrouping by week keeps the split.
    let w = regroup(
        &analyze_rows(text, &s, &mut |_| true).unwrap().1,
        &a.reading(),
        Period::Week,
    );
    assert_eq!(w.segments.iter().map(|g| g.customers).sum::<u64>(), 3);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A segment split's customers sum to the total, and so do its cohorts'
    /// sizes and first-period orders; at most 12 groups are listed.
    #[test]
    fn segment_split_sums_to_the_total(rows in proptest::collection::vec((0u8..40, 0i32..400, 0u8..30), 1..300)) {
        let mut text = String::from("customer,date,amount,seg\n");
        for (c, d, s) in &rows {
            text.push_str(&format!("C{c},{},1,S{s}\n", dates::iso(19_700 + d)));
        }
        let mut s = inspect(&text).unwrap().guessed_settings();
        s.mapping.segment = Some(3);
        let a = analyze(&text, &s, &mut |_| true).unwrap();
        prop_assert!(a.segments.len() <= aggregate::SEGMENTS_LISTED);
        prop_assert_eq!(a.segments.iter().map(|g| g.customers).sum::<u64>(), a.totals.customers);
        let sizes: u64 = a.segments.iter().flat_map(|g| g.cohorts.iter().map(|c| c.size)).sum();
        prop_assert_eq!(sizes, a.totals.customers);
        let orders: u64 = a.segments.iter().flat_map(|g| g.cohorts.iter().map(|c| c.orders.iter().sum::<u64>())).sum();
        prop_assert_eq!(orders, a.totals.rows);
        for g in &a.segments {
            for c in &g.cohorts {
                prop_assert_eq!(c.active.len() as i32, a.last_period - c.period + 1);
            }
        }
    }
}

fn fixture_bytes(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn analysis_json(text: &str) -> String {
    let s = inspect(text).unwrap().guessed_settings();
    analyze(text, &s, &mut |_| true)
        .unwrap()
        .to_json(&|r| r.code().to_string())
}

/// The same rows as CSV and as a workbook (written by openpyxl / odfpy, see
/// tests/fixtures/workbooks/make.py) give the identical analysis JSON: title
/// rows above the header, a merged title cell, date cells with and without
/// a time, numbers, a number as a customer id, a second sheet.
#[test]
fn workbooks_read_as_their_csv() {
    let csv = String::from_utf8(fixture_bytes("workbooks/orders.csv")).unwrap();
    let xlsx = workbook::sheet_text(&fixture_bytes("workbooks/orders.xlsx"), None).unwrap();
    assert_eq!(xlsx.names, vec!["订单明细", "Notes"]);
    assert_eq!(xlsx.name, "订单明细");
    let ins = inspect(&xlsx.text).unwrap();
    assert_eq!((ins.title_rows, ins.mapping.status), (2, Some(4)));
    assert_eq!(analysis_json(&xlsx.text), analysis_json(&csv));
    let a: serde_json::Value = serde_json::from_str(&analysis_json(&csv)).unwrap();
    assert_eq!(a["totals"]["customers"], 4);
    assert_eq!(a["filtered"]["count"], 1);
    // The ODS has the header on row 1: same cohorts and totals.
    let ods = workbook::sheet_text(&fixture_bytes("workbooks/orders.ods"), None).unwrap();
    let o: serde_json::Value = serde_json::from_str(&analysis_json(&ods.text)).unwrap();
    assert_eq!(o["cohorts"], a["cohorts"]);
    assert_eq!(o["totals"], a["totals"]);
    // Another sheet by name; a sheet that is not there.
    let notes =
        workbook::sheet_text(&fixture_bytes("workbooks/orders.xlsx"), Some("Notes")).unwrap();
    assert!(inspect(&notes.text).is_err(), "a note is not data");
    assert_eq!(
        workbook::sheet_text(&fixture_bytes("workbooks/orders.xlsx"), Some("nope")),
        Err(ImportError::BadMapping)
    );
    for shop in ["taobao", "shopify"] {
        let csv = String::from_utf8(fixture_bytes(&format!("shops/{shop}.csv"))).unwrap();
        let book =
            workbook::sheet_text(&fixture_bytes(&format!("workbooks/{shop}.xlsx")), None).unwrap();
        assert_eq!(analysis_json(&book.text), analysis_json(&csv), "{shop}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any bytes named .xlsx give a sheet or a clear error, never a panic;
    /// so does a real workbook with bytes changed (inside its zip entries).
    #[test]
    fn any_bytes_as_a_workbook(noise in proptest::collection::vec(any::<u8>(), 0..600),
                               edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 1..8)) {
        let _ = workbook::sheet_text(&noise, None);
        let mut zip = b"PK\x03\x04".to_vec();
        zip.extend_from_slice(&noise);
        let _ = workbook::sheet_text(&zip, None);
        let mut real = fixture_bytes("workbooks/orders.xlsx");
        for (at, b) in edits {
            let n = real.len();
            real[at % n] = b;
        }
        if let Ok(sheet) = workbook::sheet_text(&real, None) {
            let _ = inspect(&sheet.text);
        }
    }
}

/// Every shop fixture against the pandas reference (tests/fixtures/shops/
/// reference.py → expected.json): recognised by its header, statuses left
/// out, line items merged, every cell equal.
#[test]
fn shop_exports_match_the_pandas_reference() {
    let expected: serde_json::Value =
        serde_json::from_slice(&fixture_bytes("shops/expected.json")).unwrap();
    for (key, file, keep_all) in [
        ("shopify", "shopify", false),
        ("shopify_keep_all", "shopify", true),
        ("woocommerce", "woocommerce", false),
        ("stripe", "stripe", false),
        ("taobao", "taobao", false),
        ("youzan", "youzan", false),
        ("jd", "jd", false),
        ("pinduoduo", "pinduoduo", false),
    ] {
        let text = String::from_utf8(fixture_bytes(&format!("shops/{file}.csv"))).unwrap();
        let ins = inspect(&text).unwrap();
        assert_eq!(ins.shop.code(), file, "{key}");
        let s = Settings {
            keep_all,
            ..ins.guessed_settings()
        };
        let a = analyze(&text, &s, &mut |_| true).unwrap();
        let r = &expected[key];
        assert_eq!(a.skipped_count, 0, "{key}: {:?}", a.skipped);
        assert_eq!(
            a.totals.customers,
            r["customers"].as_u64().unwrap(),
            "{key}"
        );
        assert_eq!(a.totals.rows, r["rows"].as_u64().unwrap(), "{key}");
        assert_eq!(
            a.notes.filtered_count,
            r["filtered"].as_u64().unwrap(),
            "{key}"
        );
        assert_eq!(
            a.notes.line_items,
            r["line_items"].as_u64().unwrap(),
            "{key}"
        );
        let revenue = r["revenue"].as_f64().unwrap();
        assert!((a.totals.revenue.unwrap() - revenue).abs() < 1e-6, "{key}");
        let cohorts = r["cohorts"].as_array().unwrap();
        assert_eq!(a.cohorts.len(), cohorts.len(), "{key}");
        for (c, e) in a.cohorts.iter().zip(cohorts) {
            let counts = |k: &str| -> Vec<u64> {
                e[k].as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_u64().unwrap())
                    .collect()
            };
            assert_eq!(c.label, e["cohort"].as_str().unwrap(), "{key}");
            assert_eq!(c.size, e["size"].as_u64().unwrap(), "{key}");
            assert_eq!(c.active, counts("active"), "{key} {}", c.label);
            assert_eq!(c.orders, counts("orders"), "{key} {}", c.label);
            for (x, y) in c
                .revenue
                .as_ref()
                .unwrap()
                .iter()
                .zip(e["revenue"].as_array().unwrap())
            {
                assert!((x - y.as_f64().unwrap()).abs() < 1e-6, "{key} {}", c.label);
            }
        }
    }
}

#[test]
fn row_filter_by_a_columns_values() {
    let text = "customer,date,amount,store\nA,2024-01-05,10,Berlin\nB,2024-01-06,5,Paris\nA,2024-02-01,3,Paris\nC,2024-02-03,4,\n";
    let mut s = inspect(text).unwrap().guessed_settings();
    s.filter = Some(RowFilter {
        column: 3,
        excluded: vec!["Paris".to_string()],
    });
    let a = analyze(text, &s, &mut |_| true).unwrap();
    assert_eq!(a.notes.row_filtered, 2);
    assert_eq!(
        a.notes.filter_values,
        vec![
            ("Paris".to_string(), 2),
            (String::new(), 1),
            ("Berlin".to_string(), 1)
        ]
    );
    assert_eq!((a.totals.customers, a.totals.rows), (2, 2));
    let round = crate::formats::wire::decode_settings(&crate::formats::wire::encode_settings(&s));
    assert_eq!(round, Some(s));
}

/// The previous-period view of the hand-worked BASIC table: Jan's active
/// 2, 1, 1 → 1, 1/2, 1/1; the means leave out in-progress cells.
#[test]
fn previous_period_view_by_hand() {
    let a = run(BASIC, Period::Month, None).unwrap();
    let jan = &a.cohorts[0];
    let v = Retention::Previous;
    let r: Vec<f64> = (0..3).map(|k| jan.retention(k, v)).collect();
    assert_eq!(r, vec![1.0, 0.5, 1.0]);
    assert_eq!((jan.base(0, v), jan.base(2, v)), (2, 1));
    let (weighted, _) = crate::chart::data_table::means(&a, v);
    assert_eq!(weighted, vec![Some(1.0), Some(0.5), None]);
    assert_eq!(
        mean_retention(&a.cohorts, a.last_period, v),
        vec![Some(1.0), Some(0.5), None]
    );
    assert_eq!(Retention::from_code("previous"), Some(v));
    // "On" and "on or after" are what they were.
    assert_eq!(jan.retention(2, false), 0.5);
    assert_eq!(jan.retention(1, true), 1.0);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Brackets of one offset each are the table's own active counts, and
    /// a bracket over every offset counts each customer once.
    #[test]
    fn single_offset_brackets_are_the_table(rows in proptest::collection::vec((0u8..30, 0i32..200), 1..200)) {
        let mut text = String::from("customer,date\n");
        for (c, d) in &rows {
            text.push_str(&format!("C{c},{}\n", dates::iso(19_700 + d)));
        }
        let mut s = inspect(&text).unwrap().guessed_settings();
        s.brackets = brackets::parse("0, 1, 2, 3, 4, 5, 6").unwrap();
        let a = analyze(&text, &s, &mut |_| true).unwrap();
        for (c, r) in a.cohorts.iter().zip(&a.bracket_rows) {
            prop_assert_eq!(c.period, r.period);
            prop_assert_eq!(c.size, r.size);
            let n = r.active.len();
            prop_assert_eq!(&r.active[..], &c.active[..n.min(c.active.len())]);
        }
        s.brackets = brackets::parse("0+").unwrap();
        let all = analyze(&text, &s, &mut |_| true).unwrap();
        prop_assert!(all.bracket_rows.iter().all(|r| r.active == vec![r.size]));
    }
}
