//! Stage 4, the analysis JSON of CONTRACT.md (schema version 1).

use crate::formats::json::Json;
use crate::import::aggregate::Analysis;
use crate::import::dates;
use crate::import::read::SkipReason;

impl Analysis {
    /// The analysis JSON of CONTRACT.md (schema version 1); `reason` words a
    /// skip reason.
    pub fn to_json(&self, reason: &dyn Fn(SkipReason) -> String) -> String {
        let counts = |v: &[u64]| Json::Arr(v.iter().map(|x| Json::Num(*x as f64)).collect());
        let cohorts = self
            .cohorts
            .iter()
            .map(|c| {
                Json::obj([
                    ("cohort", Json::Str(c.label.clone())),
                    ("size", Json::Num(c.size as f64)),
                    ("active", counts(&c.active)),
                    (
                        "retention",
                        Json::Arr(
                            c.active
                                .iter()
                                .map(|a| Json::Num(*a as f64 / c.size as f64))
                                .collect(),
                        ),
                    ),
                    (
                        "revenue",
                        c.revenue.as_ref().map_or(Json::Null, |r| Json::nums(r)),
                    ),
                    ("orders", counts(&c.orders)),
                ])
            })
            .collect();
        let t = &self.totals;
        Json::obj([
            ("schema_version", Json::Num(1.0)),
            ("granularity", Json::str(self.granularity.code())),
            ("cohorts", Json::Arr(cohorts)),
            (
                "repeat_curve",
                Json::Arr(
                    self.repeat_curve
                        .iter()
                        .map(|r| r.map_or(Json::Null, Json::Num))
                        .collect(),
                ),
            ),
            (
                "totals",
                Json::obj([
                    ("customers", Json::Num(t.customers as f64)),
                    ("rows", Json::Num(t.rows as f64)),
                    ("occasions", Json::Num(t.occasions as f64)),
                    ("revenue", t.revenue.map_or(Json::Null, Json::Num)),
                    ("repeat_rate", Json::Num(t.repeat_rate)),
                    ("first_date", Json::Str(dates::iso(t.first_date))),
                    ("last_date", Json::Str(dates::iso(t.last_date))),
                ]),
            ),
            (
                "skipped",
                Json::obj([
                    ("count", Json::Num(self.skipped_count as f64)),
                    (
                        "lines",
                        Json::Arr(
                            self.skipped
                                .iter()
                                .map(|(line, r)| {
                                    Json::obj([
                                        ("line", Json::Num(*line as f64)),
                                        ("reason", Json::Str(reason(*r))),
                                    ])
                                })
                                .collect(),
                        ),
                    ),
                ]),
            ),
        ])
        .pretty()
    }
}
