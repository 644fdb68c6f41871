//! Exports: the cohort table as CSV (UTF-8 with a BOM, so Chinese Excel reads
//! it) and the scenario with its results as JSON (schema in the README).

use serde_json::{json, Value};

use super::calculator::Calculation;
use super::link;
use super::scenario::Scenario;
use super::simulator::{Outcome, Simulation};

/// The byte-order mark Excel needs to read UTF-8.
pub const BOM: char = '\u{FEFF}';

/// Quotes a CSV field when it needs it (RFC 4180).
fn field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
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

fn simulation_json(sim: &Simulation) -> Value {
    let grid = |f: &dyn Fn(&super::simulator::Cell) -> f64| -> Vec<Vec<f64>> {
        sim.cells
            .iter()
            .map(|row| row.iter().map(f).collect())
            .collect()
    };
    json!({
        "sizes": sim.sizes,
        "retention": grid(&|c| c.retention),
        "active": grid(&|c| c.active),
        "revenue": grid(&|c| c.revenue),
        "customers": sim.customers,
        "purchases": sim.purchases,
        "revenue_total": sim.revenue,
        "frequency": sim.frequency,
        "customer_value": sim.customer_value,
        "ltv": sim.ltv,
        "programme_cost": sim.programme_cost,
    })
}

/// The scenario, its link and every result, as pretty JSON (schema version 1).
pub fn scenario_json(scenario: &Scenario, calc: &Calculation, outcome: &Outcome) -> String {
    let value = json!({
        "schema": "repurchase-lab/scenario",
        "schema_version": 1,
        "link": link::encode(scenario),
        "scenario": scenario,
        "results": {
            "value": calc.chain.value,
            "satisfaction": calc.chain.satisfaction,
            "sat5": calc.sat5,
            "trap_probability": calc.trap_probability,
            "stickiness": calc.stickiness,
            "repurchase_probability": calc.repurchase,
            "repurchase_score": calc.repurchase_score,
            "dte_probability": calc.dte_probability,
            "diagnosis": calc.diagnosis.code(),
            "baseline": simulation_json(&outcome.baseline),
            "scenario": simulation_json(&outcome.scenario),
            "profit_difference": outcome.profit_scenario - outcome.profit_baseline,
            "churn_cut_lift": outcome.churn_cut_lift,
        }
    });
    serde_json::to_string_pretty(&value).unwrap_or_else(|_| "{}".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::calculator::calculate;
    use crate::model::simulator::run;

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
        let v: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["schema_version"], 1);
        let back: Scenario = serde_json::from_value(v["scenario"].clone()).unwrap();
        assert_eq!(back, s);
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
}
