//! Stage 4, the analysis JSON of CONTRACT.md (schema version 1).

use crate::formats::json::Json;
use crate::import::aggregate::{mean_retention, Analysis, CohortRow};
use crate::import::dates;
use crate::import::read::SkipReason;
use crate::import::shops::Shop;

impl Analysis {
    /// The analysis JSON of CONTRACT.md (schema version 1); `reason` words a
    /// skip reason.
    pub fn to_json(&self, reason: &dyn Fn(SkipReason) -> String) -> String {
        let cohorts = cohorts_json(&self.cohorts);
        let t = &self.totals;
        let mut fields = vec![
            ("schema_version", Json::Num(1.0)),
            ("granularity", Json::str(self.granularity.code())),
            ("cohorts", cohorts),
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
        ];
        let n = &self.notes;
        if n.shop != Shop::Generic {
            fields.push(("format", Json::str(n.shop.code())));
        }
        if n.filtered_count > 0 {
            fields.push((
                "filtered",
                Json::obj([
                    ("count", Json::Num(n.filtered_count as f64)),
                    (
                        "by_status",
                        Json::Arr(
                            n.filtered
                                .iter()
                                .map(|(v, c)| {
                                    Json::obj([
                                        ("status", Json::Str(v.clone())),
                                        ("rows", Json::Num(*c as f64)),
                                    ])
                                })
                                .collect(),
                        ),
                    ),
                ]),
            ));
        }
        if n.row_filtered > 0 {
            fields.push((
                "row_filter",
                Json::obj([("rows", Json::Num(n.row_filtered as f64))]),
            ));
        }
        if n.line_items > 0 {
            fields.push(("line_items", Json::Num(n.line_items as f64)));
        }
        if n.extra_count > 0 {
            fields.push((
                "extra_fields",
                Json::obj([
                    ("count", Json::Num(n.extra_count as f64)),
                    (
                        "lines",
                        Json::Arr(n.extra_lines.iter().map(|l| Json::Num(*l as f64)).collect()),
                    ),
                ]),
            ));
        }
        if !self.brackets.is_empty() {
            let counts = |v: &[u64]| Json::Arr(v.iter().map(|x| Json::Num(*x as f64)).collect());
            fields.push((
                "brackets",
                Json::obj([
                    (
                        "labels",
                        Json::Arr(self.brackets.iter().map(|b| Json::Str(b.label())).collect()),
                    ),
                    (
                        "cohorts",
                        Json::Arr(
                            self.bracket_rows
                                .iter()
                                .map(|r| {
                                    Json::obj([
                                        ("cohort", Json::Str(r.label.clone())),
                                        ("size", Json::Num(r.size as f64)),
                                        ("active", counts(&r.active)),
                                        (
                                            "retention",
                                            Json::Arr(
                                                r.active
                                                    .iter()
                                                    .map(|a| {
                                                        Json::Num(*a as f64 / r.size.max(1) as f64)
                                                    })
                                                    .collect(),
                                            ),
                                        ),
                                    ])
                                })
                                .collect(),
                        ),
                    ),
                ]),
            ));
        }
        if !self.segments.is_empty() {
            let segments = self
                .segments
                .iter()
                .map(|s| {
                    Json::obj([
                        ("segment", Json::Str(s.name.clone())),
                        ("customers", Json::Num(s.customers as f64)),
                        ("cohorts", cohorts_json(&s.cohorts)),
                        (
                            "mean",
                            Json::Arr(
                                mean_retention(&s.cohorts, self.last_period, false)
                                    .into_iter()
                                    .map(|m| m.map_or(Json::Null, Json::Num))
                                    .collect(),
                            ),
                        ),
                    ])
                })
                .collect();
            fields.push(("segments", Json::Arr(segments)));
        }
        Json::obj(fields).pretty()
    }
}

/// Cohort rows as the JSON's `cohorts` array.
fn cohorts_json(cohorts: &[CohortRow]) -> Json {
    let counts = |v: &[u64]| Json::Arr(v.iter().map(|x| Json::Num(*x as f64)).collect());
    Json::Arr(
        cohorts
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
            .collect(),
    )
}
