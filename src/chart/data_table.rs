//! The real cohorts of an imported file as an HTML table: rows = cohorts
//! (label and size), columns = offsets; "on" or "on or after" retention; the
//! cell in the data's last period is flagged as in progress and left out of
//! the two mean rows (weighted by cohort size, and simple). A large table is
//! also written in parts the page draws one after another ([`split`]).

use std::fmt::Write as _;
use std::ops::Range;

use super::heatmap::seq_bucket;
use super::xml_escape;
use crate::import::{Analysis, Retention};

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
    /// Percent formatter.
    pub percent: &'a dyn Fn(f64) -> String,
}

/// The weighted and simple means by offset, leaving out in-progress cells.
pub fn means(a: &Analysis, view: impl Into<Retention>) -> (Vec<Option<f64>>, Vec<Option<f64>>) {
    let view = view.into();
    let width = a.cohorts.iter().map(|c| c.active.len()).max().unwrap_or(0);
    (0..width)
        .map(|k| {
            let (mut active, mut size, mut sum, mut n) = (0.0, 0.0, 0.0, 0.0);
            for c in &a.cohorts {
                // A previous-period cell over nobody is no cell.
                if a.complete(c, k) && c.base(k, view) > 0 {
                    let r = c.retention(k, view);
                    active += c.active_at(k, view) as f64;
                    size += c.base(k, view) as f64;
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

/// A table with more cells than this is drawn in parts (see [`split`]).
pub const SPLIT_ABOVE: usize = 12_000;
/// Cohorts (rows) per block of a split table.
pub const BLOCK_ROWS: usize = 32;
/// Offsets (columns) per band of a block.
pub const BAND_COLUMNS: usize = 64;

/// How many cohort cells the table has.
pub fn cell_count(a: &Analysis) -> usize {
    a.cohorts.iter().map(|c| c.active.len()).sum()
}

fn width(a: &Analysis) -> usize {
    a.cohorts.iter().map(|c| c.active.len()).max().unwrap_or(0)
}

/// The table with `data-cohort-cell` hooks (CONTRACT.md), as one HTML table.
/// Cells name a colour bucket (`h0` … `h19`, [`super::heatmap::stylesheet`])
/// and carry no tooltip: the page writes it when the pointer arrives.
pub fn data_table_html(
    a: &Analysis,
    on_or_after: impl Into<Retention>,
    labels: &DataTableLabels,
) -> String {
    let on_or_after = on_or_after.into();
    let w = width(a);
    let mut out = String::with_capacity(170 * (w * w / 2 + w) + 512);
    out.push_str("<table class=\"heatmap data-table\">");
    write_head(&mut out, w, labels, true);
    out.push_str("<tbody>");
    write_rows(&mut out, a, 0..a.cohorts.len(), 0..w, on_or_after, true);
    out.push_str("</tbody>");
    write_means(&mut out, a, on_or_after, labels);
    out.push_str("</table>");
    out
}

/// A large table cut into parts that the page draws one after another, so
/// that no single task parses, styles and lays out a quarter of a million
/// cells (daily cohorts over two years): a header table; blocks of
/// [`BLOCK_ROWS`] cohorts, each cut into bands of [`BAND_COLUMNS`] offsets,
/// every band its own small table in a box the page leaves undrawn while it
/// is out of sight (so what is drawn is about what the scroll box shows, in
/// both directions), after a column of the block's cohort labels and sizes
/// that stays in view when the table scrolls sideways; and a table of the
/// two mean rows. Every cell keeps its hook. Columns and rows have fixed
/// sizes (`.data-table.split`), so the parts line up as one table.
pub struct Split {
    /// The caption and column headers.
    pub head: String,
    /// Cohort ranges, one per block, in order.
    pub blocks: Vec<Range<usize>>,
    /// The weighted and simple mean rows.
    pub foot: String,
    /// Width of the table, in px.
    width: usize,
}

// Sizes of a split table's parts, in whole pixels (`.split` in style.css):
// widths in em would round per cell, and the parts would drift apart.
/// Width of one offset column.
const COLUMN_PX: usize = 40;
/// Width of the label column (a day `2024-01-01`, "mean (weighted)").
const LABEL_PX: usize = 96;
/// Width of the size column (up to seven digits).
const SIZE_PX: usize = 56;
/// Height of a row (an estimate for bands not drawn yet).
const ROW_PX: usize = 21;

/// Cuts the table into parts (see [`Split`]).
pub fn split(a: &Analysis, on_or_after: impl Into<Retention>, labels: &DataTableLabels) -> Split {
    let on_or_after = on_or_after.into();
    let w = width(a);
    let width = LABEL_PX + SIZE_PX + w * COLUMN_PX;
    let open = |out: &mut String| {
        let _ = write!(
            out,
            "<table class=\"heatmap data-table split\" data-w=\"{width}\">"
        );
    };
    // The caption stays above; the column headers stick to the top.
    let mut head = format!(
        "<div class=\"data-caption\">{}</div><table class=\"heatmap data-table split data-head\" data-w=\"{width}\">",
        xml_escape(labels.caption)
    );
    write_head(&mut head, w, labels, false);
    head.push_str("</table>");
    let mut foot = String::new();
    open(&mut foot);
    write_means(&mut foot, a, on_or_after, labels);
    foot.push_str("</table>");
    let n = a.cohorts.len();
    Split {
        head,
        blocks: (0..n)
            .step_by(BLOCK_ROWS)
            .map(|s| s..(s + BLOCK_ROWS).min(n))
            .collect(),
        foot,
        width,
    }
}

impl Split {
    /// The box of block `i`, as wide as the table, with its cohort labels
    /// and sizes; its bands go after them.
    pub fn block_html(&self, a: &Analysis, i: usize) -> String {
        let rows = self.blocks[i].clone();
        let mut out = String::with_capacity(80 * rows.len() + 256);
        let _ = write!(
            out,
            "<div class=\"data-block\" data-w=\"{}\"><div class=\"data-labels\"><table class=\"heatmap data-table split\" data-w=\"{}\"><tbody>",
            self.width,
            LABEL_PX + SIZE_PX
        );
        write_rows(&mut out, a, rows, 0..0, Retention::On, true);
        out.push_str("</tbody></table></div></div>");
        out
    }

    /// How many bands block `i` has.
    pub fn bands(&self, a: &Analysis, i: usize) -> usize {
        let longest = a.cohorts[self.blocks[i].clone()]
            .iter()
            .map(|c| c.active.len())
            .max()
            .unwrap_or(0);
        longest.div_ceil(BAND_COLUMNS).max(1)
    }

    /// Band `j` of block `i`: the block's rows over offsets
    /// `j·BAND_COLUMNS …`, in a box sized for the page to leave undrawn while
    /// out of sight (`.data-band`). Rows after the last one reaching into the
    /// band are left out; a shorter row before it is an empty row that keeps
    /// the height.
    pub fn band_html(
        &self,
        a: &Analysis,
        i: usize,
        j: usize,
        on_or_after: impl Into<Retention>,
    ) -> String {
        let on_or_after = on_or_after.into();
        let block = self.blocks[i].clone();
        let cols = j * BAND_COLUMNS..(j + 1) * BAND_COLUMNS;
        let end = block
            .clone()
            .rfind(|&c| j == 0 || a.cohorts[c].active.len() > cols.start)
            .map_or(block.start, |c| c + 1);
        let rows = block.start..end;
        // As wide as the columns it has: the block's first row is its
        // longest, and may end inside the band (a fixed-layout table spreads
        // spare width over its columns, which would then miss their headers).
        let longest = a.cohorts[block.start].active.len();
        let n = cols.end.min(longest).saturating_sub(cols.start).max(1);
        let (w, h) = (n * COLUMN_PX, rows.len() * ROW_PX);
        let mut out = String::with_capacity(170 * rows.len() * cols.len() + 256);
        let _ = write!(
            out,
            "<div class=\"data-band\" data-w=\"{w}\" data-h=\"{h}\"><table class=\"heatmap data-table split\" data-w=\"{w}\"><colgroup><col class=\"ax\"><col span=\"{n}\"></colgroup><thead class=\"ax\"><tr><td></td>"
        );
        // A band is its own table: its offset headers and each row's cohort
        // header are here for screen readers (`.ax`: no width, no height),
        // since the visible ones are in the head table and the label column.
        for k in cols.start..cols.start + n {
            let _ = write!(out, "<th scope=\"col\">+{k}</th>");
        }
        out.push_str("</tr></thead><tbody>");
        write_rows(&mut out, a, rows, cols, on_or_after, false);
        out.push_str("</tbody></table></div>");
        out
    }
}

fn write_head(out: &mut String, width: usize, labels: &DataTableLabels, caption: bool) {
    if caption {
        let _ = write!(out, "<caption>{}</caption>", xml_escape(labels.caption));
    }
    let _ = write!(
        out,
        "<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>",
        xml_escape(labels.cohort),
        xml_escape(labels.size)
    );
    for k in 0..width {
        let _ = write!(out, "<th scope=\"col\">+{k}</th>");
    }
    out.push_str("</tr></thead>");
}

/// The rows of the cohorts in `rows` over the offsets in `cols`, led by the
/// cohort and size columns when `lead`. A row with nothing to show holds an
/// empty cell, to keep its height.
fn write_rows(
    out: &mut String,
    a: &Analysis,
    rows: Range<usize>,
    cols: Range<usize>,
    on_or_after: Retention,
    lead: bool,
) {
    for c in &a.cohorts[rows] {
        let label = xml_escape(&c.label);
        out.push_str("<tr>");
        if !lead {
            let _ = write!(out, "<th scope=\"row\" class=\"ax\">{label}</th>");
        }
        if !lead && cols.start >= c.active.len() {
            out.push_str("<td></td>");
        }
        if lead {
            let _ = write!(
                out,
                "<th scope=\"row\">{label}</th><td class=\"size\">{}</td>",
                c.size
            );
        }
        for k in cols.start..cols.end.min(c.active.len()) {
            let r = c.retention(k, on_or_after);
            let progress = c.period + k as i32 == a.last_period;
            let _ = write!(
                out,
                "<td data-testid=\"data-cohort-cell\" data-cohort=\"{label}\" data-offset=\"{k}\" data-value=\"{r}\" data-active=\"{}\" data-revenue=\"",
                c.active_at(k, on_or_after),
            );
            if let Some(v) = &c.revenue {
                let _ = write!(out, "{}", v[k]);
            }
            // Whole percents fit a cell (digits and % read the same in both
            // languages); the exact value is in data-value.
            let _ = write!(
                out,
                "\" class=\"h{}{}\"{}>{:.0}%</td>",
                seq_bucket(r),
                if progress { " in-progress" } else { "" },
                if progress {
                    " data-in-progress=\"true\""
                } else {
                    ""
                },
                r * 100.0
            );
        }
        out.push_str("</tr>");
    }
}

fn write_means(out: &mut String, a: &Analysis, on_or_after: Retention, labels: &DataTableLabels) {
    out.push_str("<tfoot>");
    let (weighted, simple) = means(a, on_or_after);
    for (name, row, testid) in [
        (labels.weighted, &weighted, "data-mean-weighted"),
        (labels.simple, &simple, "data-mean-simple"),
    ] {
        let _ = write!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"size\"></td>",
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
    out.push_str("</tfoot>");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{analyze, inspect, Period};

    fn analysis() -> Analysis {
        let text = "customer,date,amount\nA,2024-01-05,10\nA,2024-01-20,5\nB,2024-01-31,7\nA,2024-02-01,3\nC,2024-02-10,4\nB,2024-03-15,1\nC,2024-02-10,2\n";
        let i = inspect(text).unwrap();
        let s = i.guessed_settings();
        analyze(text, &s, &mut |_| true).unwrap()
    }

    fn labels() -> DataTableLabels<'static> {
        DataTableLabels {
            caption: "c",
            cohort: "cohort",
            size: "size",
            weighted: "w",
            simple: "s",
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

    /// A year of daily cohorts: 366 cohorts, 67,161 cells.
    fn daily() -> Analysis {
        let mut text = String::from("customer,date,amount\n");
        for d in 0..366 {
            let day = crate::import::dates::iso(19723 + d);
            for c in 0..(1 + d % 3) {
                let _ = writeln!(text, "C{d}_{c},{day},5");
                let _ = writeln!(text, "C{}_{c},{day},2", d / 2);
            }
        }
        let i = inspect(&text).unwrap();
        let s = i.guessed_settings().by(Period::Day);
        analyze(&text, &s, &mut |_| true).unwrap()
    }

    #[test]
    fn split_parts_hold_the_same_cells_as_one_table() {
        let a = daily();
        assert_eq!(a.cohorts.len(), 366);
        assert_eq!(cell_count(&a), 366 * 367 / 2);
        assert!(cell_count(&a) > SPLIT_ABOVE);
        let whole = data_table_html(&a, true, &labels());
        let parts = split(&a, true, &labels());
        // Blocks cover every cohort once, in order.
        assert_eq!(parts.blocks.len(), 366usize.div_ceil(BLOCK_ROWS));
        assert_eq!(parts.blocks.first().unwrap().start, 0);
        assert_eq!(parts.blocks.last().unwrap().end, a.cohorts.len());
        for (b, next) in parts.blocks.iter().zip(parts.blocks.iter().skip(1)) {
            assert_eq!(b.end, next.start);
        }
        // Every cell of the whole table is in exactly one band, and no band
        // holds more than BLOCK_ROWS × BAND_COLUMNS cells.
        let cells = |html: &str| {
            html.split("<td data-testid=")
                .skip(1)
                .map(|c| c.split("</td>").next().unwrap().to_string())
                .collect::<Vec<_>>()
        };
        let mut joined = Vec::new();
        let mut row_heads = 0;
        for i in 0..parts.blocks.len() {
            // The block's label column: its cohorts' labels and sizes, in order.
            let block = parts.block_html(&a, i);
            assert!(cells(&block).is_empty());
            for c in &a.cohorts[parts.blocks[i].clone()] {
                let row = format!(
                    "<th scope=\"row\">{}</th><td class=\"size\">{}</td>",
                    c.label, c.size
                );
                assert!(block.contains(&row));
                row_heads += 1;
            }
            for j in 0..parts.bands(&a, i) {
                let band = parts.band_html(&a, i, j, true);
                let c = cells(&band);
                assert!(!c.is_empty() && c.len() <= BLOCK_ROWS * BAND_COLUMNS);
                // Visible labels are the block's; a band's own headers are
                // for screen readers only (class ax): one per row, and the
                // band's offsets.
                let (head, body) = band.split_once("</thead>").unwrap();
                assert!(head.contains("<thead class=\"ax\">"));
                let rows = body.matches("<tr>").count();
                assert_eq!(
                    body.matches("<th scope=\"row\" class=\"ax\">").count(),
                    rows
                );
                assert_eq!(body.matches("<th").count(), rows);
                // Rows line up: a band's rows start at its block's first cohort.
                let first = &a.cohorts[parts.blocks[i].start].label;
                assert!(c[0].contains(&format!("data-cohort=\"{first}\"")));
                joined.extend(c);
            }
        }
        let mut whole_cells = cells(&whole);
        assert_eq!(joined.len(), whole_cells.len());
        whole_cells.sort();
        joined.sort();
        assert_eq!(joined, whole_cells);
        assert_eq!(row_heads, a.cohorts.len());
        // The header and the means are those of the whole table.
        assert!(whole.contains(
            &parts.head[parts.head.find("<thead>").unwrap()..parts.head.len() - "</table>".len()]
        ));
        assert!(parts
            .head
            .starts_with("<div class=\"data-caption\">c</div>"));
        assert!(whole.contains(
            &parts.foot[parts.foot.find("<tfoot>").unwrap()..parts.foot.len() - "</table>".len()]
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
