//! Criterion benchmarks of the pure core: `cargo bench --bench core`.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use std::hint::black_box;

    use criterion::{criterion_group, Criterion};
    use repurchase_lab::chart::{curves, waterfall};
    use repurchase_lab::model::calculator::calculate;
    use repurchase_lab::model::link;
    use repurchase_lab::model::presets::Preset;

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
        use repurchase_lab::model::scenario::Scenario;
        use repurchase_lab::model::simulator::run;
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

    criterion_group!(benches, calculator, simulator);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(native::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
