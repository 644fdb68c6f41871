//! Criterion benchmarks of the pure core: `cargo bench --bench core`.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;

    use criterion::{criterion_group, Criterion};
    use repurchase_lab::calculator::calculate::calculate;
    use repurchase_lab::calculator::presets::Preset;
    use repurchase_lab::chart::{curves, waterfall};
    use repurchase_lab::formats::link;

    fn calculator(c: &mut Criterion) {
        let s = Preset::Ecommerce.scenario();
        c.bench_function("calculate (every calculator output)", |b| {
            b.iter(|| calculate(black_box(&s)))
        });
        c.bench_function("link encode + decode", |b| {
            b.iter(|| link::decode(&link::encode(black_box(&s)), &[]))
        });
        let calc = calculate(&s);
        let number = |x: f64| format!("{x:.0}");
        c.bench_function("waterfall svg", |b| {
            let labels = waterfall::WaterfallLabels {
                bars: ["B", "−C", "V", "−E", "S"],
                axis: "points",
                number: &number,
            };
            b.iter(|| waterfall::waterfall_svg(black_box(&calc.chain), &labels, (520, 280)))
        });
        c.bench_function("trap curve svg", |b| {
            let labels = curves::TrapLabels {
                x_title: "sat",
                y_title: "p",
                zones: ["d", "i", "a"],
                percent: &number,
            };
            b.iter(|| {
                curves::trap_svg(
                    &calc.curve,
                    (calc.sat5, calc.trap_probability),
                    &labels,
                    (520, 300),
                )
            })
        });
    }

    fn simulator(c: &mut Criterion) {
        use repurchase_lab::calculator::scenario::Scenario;
        use repurchase_lab::simulator::run;
        let s = Scenario {
            cohorts: 60.0,
            window: 60.0,
            habit_on: true,
            reminder_on: true,
            ..Scenario::default()
        };
        let p0 = calculate(&s).repurchase;
        c.bench_function(
            "simulate 60 cohorts × 60 periods: baseline + scenario + churn check",
            |b| b.iter(|| run(black_box(&s), p0)),
        );
    }

    /// A generated shop (customer, date, amount), deterministic: `rows` rows,
    /// ids shaped like the generator's ("C0008992") or, with `named`, like
    /// e-mail addresses (the hash-table path).
    fn shop(rows: usize, named: bool) -> String {
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        let mut text = String::from("customer_id,date,amount\n");
        for i in 0..rows {
            let c = next() % (rows as u64 / 3 + 1);
            let day = 19_358 + (i * 730 / rows) as i32;
            let (y, m, d) = repurchase_lab::import::dates::civil_from_days(day);
            let cents = next() % 10_000;
            if named {
                text.push_str(&format!("shopper{c}@example.com,"));
            } else {
                text.push_str(&format!("C{c:07},"));
            }
            text.push_str(&format!(
                "{y}-{m:02}-{d:02},{}.{:02}\n",
                cents / 100,
                cents % 100
            ));
        }
        text
    }

    fn data(c: &mut Criterion) {
        use repurchase_lab::import;
        for named in [false, true] {
            let text = shop(100_000, named);
            let i = import::inspect(&text).unwrap();
            let settings = i.guessed_settings();
            let name = if named {
                "analyze 100k rows, e-mail ids (hash table)"
            } else {
                "analyze 100k rows, numbered ids (array)"
            };
            c.bench_function(name, |b| {
                b.iter(|| import::analyze(black_box(&text), &settings, &mut |_| true))
            });
        }
        let numbers: Vec<String> = (0..1000)
            .map(|i| format!("{}.{:02}", i * 37 % 5000, i % 100))
            .collect();
        c.bench_function("decimal::parse, 1000 prices", |b| {
            b.iter(|| {
                numbers
                    .iter()
                    .map(|n| repurchase_lab::formats::decimal::parse(black_box(n)).unwrap_or(0.0))
                    .sum::<f64>()
            })
        });
        c.bench_function("str::parse::<f64>, the same 1000 prices", |b| {
            b.iter(|| {
                numbers
                    .iter()
                    .map(|n| black_box(n).parse::<f64>().unwrap_or(0.0))
                    .sum::<f64>()
            })
        });
    }

    fn forecasts(c: &mut Criterion) {
        use repurchase_lab::forecast::{bgnbd, predict as forecast, sbg};
        use repurchase_lab::import;
        let rows = repurchase_lab::testing::cdnow_rows();
        let end = import::dates::days_from_civil(1997, 9, 30);
        let (summaries, _) = forecast::summarise(&rows, end);
        let customers =
            forecast::bgnbd_customers(&forecast::groups(&summaries), forecast::Unit::Week);
        c.bench_function("BG/NBD fit, CDNOW (2,357 customers)", |b| {
            b.iter(|| bgnbd::fit(black_box(&customers), &mut |_| true))
        });
        let options = forecast::Options {
            calibration_end: end,
            unit: forecast::Unit::Week,
            horizon: 39.0,
            margin: 0.3,
            discount: 0.1,
        };
        c.bench_function(
            "whole forecast, CDNOW (fits, predictions, grids, CLV)",
            |b| b.iter(|| forecast::forecast(black_box(&rows), &options, &mut |_| true)),
        );
        let regular = [1000.0, 631.0, 468.0, 382.0, 326.0, 289.0, 262.0, 241.0];
        c.bench_function("sBG fit, 8 survivor counts", |b| {
            b.iter(|| sbg::fit(black_box(&regular)))
        });
    }

    criterion_group!(benches, calculator, simulator, data, forecasts);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
