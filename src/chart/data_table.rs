//! The real cohorts of an imported file as an HTML table: rows = cohorts
//! (label and size), columns = offsets; "on" or "on or after" retention; the
//! cell in the data's last period is flagged as in progress and left out of
//! the two mean rows (weighted by cohort size, and simple).

use std::fmt::Write as _;

use super::heatmap::{text_colour, viridis};
use super::xml_escape;
use crate::data::Analysis;

/// Words of the table, in the page language.
pub struct DataTableLabels<'a> {
    /// Caption.
    pub caption: &'a str,
    /// Cohort column header.
    pub cohort: &'a str,
    /// Size column header.
    pub size: &'a str,
    /// Weighted mean row label.
    pub weighted: &'a str,
    /// Simple mean row label.
    pub simple: &'a str,
    /// Tooltip suffix of an in-progress cell.
    pub in_progress: &'a str,
    /// Percent formatter.
    pub percent: &'a dyn Fn(f64) -> String,
}

/// The weighted and simple means by offset, leaving out in-progress cells.
pub fn means(a: &Analysis, on_or_after: bool) -> (Vec<Option<f64>>, Vec<Option<f64>>) {
    let width = a.cohorts.iter().map(|c| c.active.len()).max().unwrap_or(0);
    (0..width)
        .map(|k| {
            let (mut active, mut size, mut sum, mut n) = (0.0, 0.0, 0.0, 0.0);
            for c in &a.cohorts {
                if a.complete(c, k) {
                    let r = c.retention(k, on_or_after);
                    active += r * c.size as f64;
                    size += c.size as f64;
                    sum += r;
                    n += 1.0;
                }
            }
            (
                (size > 0.0).then(|| active / size),
                (n > 0.0).then(|| sum / n),
            )
        })
        .unzip()
}

/// The table with `data-cohort-cell` hooks (CONTRACT.md).
pub fn data_table_html(a: &Analysis, on_or_after: bool, labels: &DataTableLabels) -> String {
    let width = a.cohorts.iter().map(|c| c.active.len()).max().unwrap_or(0);
    let mut out = String::with_capacity(200 * (width * width / 2 + width) + 512);
    let _ = write!(
        out,
        "<table class=\"heatmap data-table\"><caption>{}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>",
        xml_escape(labels.caption),
        xml_escape(labels.cohort),
        xml_escape(labels.size)
    );
    for k in 0..width {
        let _ = write!(out, "<th scope=\"col\">+{k}</th>");
    }
    out.push_str("</tr></thead><tbody>");
    for c in &a.cohorts {
        let label = xml_escape(&c.label);
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{label}</th><td class=\"size\">{}</td>",
            c.size
        );
        for k in 0..c.active.len() {
            let r = c.retention(k, on_or_after);
            let bg = viridis(r);
            let progress = c.period + k as i32 == a.last_period;
            let revenue = c
                .revenue
                .as_ref()
                .map_or(String::new(), |v| v[k].to_string());
            let _ = write!(
                out,
                "<td data-testid=\"data-cohort-cell\" data-cohort=\"{label}\" data-offset=\"{k}\" data-value=\"{r}\" data-active=\"{}\" data-revenue=\"{revenue}\"{} style=\"background:rgb({},{},{});color:{}\" title=\"{} +{k}: {}{}\">{}</td>",
                c.active_at(k, on_or_after),
                if progress { " class=\"in-progress\" data-in-progress=\"true\"" } else { "" },
                bg.0,
                bg.1,
                bg.2,
                text_colour(bg),
                label,
                xml_escape(&(labels.percent)(r)),
                if progress { format!(" ({})", xml_escape(labels.in_progress)) } else { String::new() },
                xml_escape(&(labels.percent)(r))
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody><tfoot>");
    let (weighted, simple) = means(a, on_or_after);
    for (name, row, testid) in [
        (labels.weighted, &weighted, "data-mean-weighted"),
        (labels.simple, &simple, "data-mean-simple"),
    ] {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td></td>",
            xml_escape(name)
        );
        for (k, v) in row.iter().enumerate() {
            match v {
                Some(v) => {
                    let _ = write!(out, "<td class=\"mean\" data-testid=\"{testid}\" data-offset=\"{k}\" data-value=\"{v}\">{}</td>", xml_escape(&(labels.percent)(*v)));
                }
                None => out.push_str("<td class=\"mean\"></td>"),
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</tfoot></table>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{analyze, inspect, Granularity, Settings};

    fn analysis() -> Analysis {
        let text = "customer,date,amount\nA,2024-01-05,10\nA,2024-01-20,5\nB,2024-01-31,7\nA,2024-02-01,3\nC,2024-02-10,4\nB,2024-03-15,1\nC,2024-02-10,2\n";
        let i = inspect(text).unwrap();
        let s = Settings {
            delimiter: i.delimiter,
            has_header: i.has_header,
            mapping: i.mapping,
            day_order: None,
            granularity: Granularity::Month,
        };
        analyze(text, &s, &mut |_| true).unwrap()
    }

    fn labels() -> DataTableLabels<'static> {
        DataTableLabels {
            caption: "c",
            cohort: "cohort",
            size: "size",
            weighted: "w",
            simple: "s",
            in_progress: "in progress",
            percent: &|v| format!("{:.0}%", v * 100.0),
        }
    }

    #[test]
    fn cells_hooks_and_in_progress_flags() {
        let a = analysis();
        let html = data_table_html(&a, false, &labels());
        assert_eq!(html.matches("data-testid=\"data-cohort-cell\"").count(), 5);
        assert!(html.contains("data-cohort=\"2024-01\" data-offset=\"1\" data-value=\"0.5\" data-active=\"1\" data-revenue=\"3\""));
        // March (the last period) is in progress: 2024-01 +2 and 2024-02 +1.
        assert_eq!(html.matches("data-in-progress=\"true\"").count(), 2);
        let after = data_table_html(&a, true, &labels());
        assert!(after.contains(
            "data-cohort=\"2024-01\" data-offset=\"1\" data-value=\"1\" data-active=\"2\""
        ));
    }

    #[test]
    fn means_leave_out_in_progress_cells() {
        let (w, s) = means(&analysis(), false);
        // Offset 0: Jan (2 of 2) and Feb (1 of 1) complete; offset 1: Jan only; offset 2: only in progress.
        assert_eq!(w, vec![Some(1.0), Some(0.5), None]);
        assert_eq!(s, vec![Some(1.0), Some(0.5), None]);
    }
}
