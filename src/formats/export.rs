//! Exports: the cohort table as CSV (UTF-8 with a BOM, so Chinese Excel reads
//! it) and the scenario with its results as JSON (schema in the README).

use crate::calculator::calculate::Calculation;
use crate::calculator::scenario::{Param, Scenario};
use crate::formats::json::Json;
use crate::formats::link;
use crate::import::{Analysis, SkipReason};
use crate::simulator::{Outcome, Simulation};

/// The byte-order mark Excel needs to read UTF-8.
pub const BOM: char = '\u{FEFF}';

/// A text field of a CSV or TSV export: quoted when it needs it (RFC 4180),
/// and neutralised against formula injection (OWASP "CSV Injection"): a
/// field starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a
/// leading `'`, so a spreadsheet shows it as text instead of running it.
/// Numbers the exports write themselves never pass through here.
pub fn field(s: &str) -> std::borrow::Cow<'_, str> {
    let live = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let s: std::borrow::Cow<'_, str> = if live {
        format!("'{s}").into()
    } else {
        s.into()
    };
    if s.contains([',', '"', '\n', '\r', '\t']) {
        format!("\"{}\"", s.replace('"', "\"\"")).into()
    } else {
        s
    }
}

/// The skipped rows of an import as CSV: line and reason (worded by `reason`).
pub fn skipped_csv(a: &Analysis, reason: &dyn Fn(SkipReason) -> String) -> String {
    let mut out = String::new();
    out.push(BOM);
    out.push_str("line,reason\r\n");
    for (line, r) in &a.skipped {
        out.push_str(&format!("{line},{}\r\n", field(&reason(*r))));
    }
    out
}

/// An import's cohort table as CSV: one row per cell, "on" or "on or after"
/// retention as the page shows it.
pub fn analysis_csv(a: &Analysis, on_or_after: impl Into<crate::import::Retention>) -> String {
    let on_or_after = on_or_after.into();
    let mut out = String::new();
    out.push(BOM);
    out.push_str("cohort,size,offset,active,retention,revenue,orders\r\n");
    for c in &a.cohorts {
        for k in 0..c.active.len() {
            let revenue = c
                .revenue
                .as_ref()
                .map_or(String::new(), |r| r[k].to_string());
            out.push_str(&format!(
                "{},{},{k},{},{},{revenue},{}\r\n",
                field(&c.label),
                c.size,
                c.active_at(k, on_or_after),
                c.retention(k, on_or_after),
                c.orders[k]
            ));
        }
    }
    out
}

/// The cohort tables (baseline, then scenario) as CSV: one row per cell.
/// `headers` name the columns (table, cohort, size, offset, active,
/// retention, revenue) and `tables` the two tables, in the page language.
pub fn cohort_csv(outcome: &Outcome, headers: [&str; 7], tables: [&str; 2]) -> String {
    let mut out = String::new();
    out.push(BOM);
    out.push_str(&headers.map(field).join(","));
    out.push_str("\r\n");
    for (name, sim) in tables.iter().zip([&outcome.baseline, &outcome.scenario]) {
        for (c, row) in sim.cells.iter().enumerate() {
            for (k, cell) in row.iter().enumerate() {
                out.push_str(&format!(
                    "{},{},{},{},{},{},{}\r\n",
                    field(name),
                    c,
                    sim.sizes[c],
                    k,
                    cell.active,
                    cell.retention,
                    cell.revenue
                ));
            }
        }
    }
    out
}

fn simulation_json(sim: &Simulation) -> Json {
    let grid = |f: &dyn Fn(&crate::simulator::Cell) -> f64| {
        Json::Arr(
            sim.cells
                .iter()
                .map(|row| Json::Arr(row.iter().map(|c| Json::Num(f(c))).collect()))
                .collect(),
        )
    };
    Json::obj([
        ("sizes", Json::nums(&sim.sizes)),
        ("retention", grid(&|c| c.retention)),
        ("active", grid(&|c| c.active)),
        ("revenue", grid(&|c| c.revenue)),
        ("customers", Json::Num(sim.customers)),
        ("purchases", Json::Num(sim.purchases)),
        ("revenue_total", Json::Num(sim.revenue)),
        ("frequency", Json::Num(sim.frequency)),
        ("customer_value", Json::Num(sim.customer_value)),
        ("ltv", Json::Num(sim.ltv)),
        ("programme_cost", Json::Num(sim.programme_cost)),
    ])
}

/// The scenario as JSON: every number by its test hook name (model units),
/// and the choices by name.
pub fn scenario_fields(s: &Scenario) -> Json {
    let mut pairs: Vec<(String, Json)> = vec![
        ("preset".into(), Json::str(s.preset.code())),
        ("lens".into(), Json::str(s.lens.code())),
        ("period".into(), Json::str(s.period.code())),
        ("journey".into(), Json::str(s.journey.code())),
        ("tier".into(), Json::str(s.tier.code())),
        ("journey_on".into(), Json::Bool(s.journey_on)),
        ("expectation_on".into(), Json::Bool(s.expectation_on)),
        ("habit_on".into(), Json::Bool(s.habit_on)),
        ("reminder_on".into(), Json::Bool(s.reminder_on)),
    ];
    pairs.extend(
        Param::ALL
            .iter()
            .map(|p| (p.testid(), Json::Num(s.get(*p)))),
    );
    Json::Obj(pairs)
}

/// The scenario, its link and every result, as pretty JSON (schema version 1).
pub fn scenario_json(scenario: &Scenario, calc: &Calculation, outcome: &Outcome) -> String {
    Json::obj([
        ("schema", Json::str("repurchase-lab/scenario")),
        ("schema_version", Json::Num(1.0)),
        ("link", Json::Str(link::encode(scenario))),
        ("scenario", scenario_fields(scenario)),
        (
            "results",
            Json::obj([
                ("value", Json::Num(calc.chain.value)),
                ("satisfaction", Json::Num(calc.chain.satisfaction)),
                ("sat5", Json::Num(calc.sat5)),
                ("trap_probability", Json::Num(calc.trap_probability)),
                ("stickiness", Json::nums(&calc.stickiness)),
                ("repurchase_probability", Json::nums(&calc.repurchase)),
                ("repurchase_score", Json::Num(calc.repurchase_score)),
                ("dte_probability", Json::Num(calc.dte_probability)),
                ("diagnosis", Json::str(calc.diagnosis.code())),
                ("baseline", simulation_json(&outcome.baseline)),
                ("scenario", simulation_json(&outcome.scenario)),
                (
                    "profit_difference",
                    Json::Num(outcome.profit_scenario - outcome.profit_baseline),
                ),
                ("churn_cut_lift", Json::Num(outcome.churn_cut_lift)),
            ]),
        ),
    ])
    .pretty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calculator::calculate::calculate;
    use crate::simulator::run;

    fn outcome(s: &Scenario) -> (Calculation, Outcome) {
        let c = calculate(s);
        let o = run(s, c.repurchase);
        (c, o)
    }

    #[test]
    fn csv_has_a_bom_and_one_row_per_cell() {
        let s = Scenario::default();
        let (_, o) = outcome(&s);
        let csv = cohort_csv(
            &o,
            [
                "table",
                "cohort",
                "size",
                "offset",
                "active",
                "retention",
                "revenue",
            ],
            ["基线", "a,b"],
        );
        assert!(csv.starts_with('\u{FEFF}'));
        let lines: Vec<&str> = csv.trim_end().split("\r\n").collect();
        assert_eq!(lines.len(), 1 + 2 * 78, "12 × 13 / 2 cells per table");
        assert!(lines[1].starts_with("基线,0,1000,0,1000,1,"));
        assert!(lines[79].starts_with("\"a,b\",0,"));
    }

    #[test]
    fn json_round_trips_the_scenario() {
        let s = Scenario {
            habit_on: true,
            ..Scenario::default()
        };
        let (c, o) = outcome(&s);
        let text = scenario_json(&s, &c, &o);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["schema_version"], 1);
        assert_eq!(v["scenario"]["habit_on"], true);
        assert_eq!(v["scenario"]["benefit"], 70.0);
        assert_eq!(v["scenario"]["loyalty"], 0.1);
        assert_eq!(v["results"]["diagnosis"], "trap");
        assert_eq!(
            v["results"]["baseline"]["retention"][0]
                .as_array()
                .unwrap()
                .len(),
            12
        );
        assert_eq!(link::decode(v["link"].as_str().unwrap(), &[]).scenario, s);
    }

    #[test]
    fn text_fields_cannot_become_formulas() {
        assert_eq!(
            field("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        for live in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            let f = field(live);
            assert!(
                f.starts_with('\'') || f.starts_with("\"'"),
                "{live:?} -> {f}"
            );
        }
        for plain in ["C001", "a@b.com", "李雷", "1-2"] {
            assert_eq!(field(plain), plain);
        }
        assert_eq!(field("a,b\"c"), "\"a,b\"\"c\"");
    }

    #[test]
    fn import_csvs_have_a_row_per_skipped_line_and_cell() {
        let text =
            "customer,date,amount\nA,2024-01-05,10\nbad,row\nA,2024-02-03,7\nB,2024-02-01,5\n";
        let a = crate::import::analyze(
            text,
            &crate::import::inspect(text).unwrap().guessed_settings(),
            &mut |_| true,
        )
        .unwrap();
        let skipped = skipped_csv(&a, &|r| format!("={}", r.code()));
        assert_eq!(skipped, "\u{feff}line,reason\r\n3,'=missing-field\r\n");
        let cells = analysis_csv(&a, false);
        assert_eq!(cells.lines().count(), 1 + 2 + 1, "{cells}");
        assert!(cells.contains("\r\n2024-01,1,1,1,1,7,1\r\n"), "{cells}");
    }
}
