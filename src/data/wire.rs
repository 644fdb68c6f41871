//! A compact text form of an import's result, so the Web Worker that parses
//! a file can hand it to the page (numbers exact, strings escaped), and of
//! the settings the page sends to the worker. Reading is total.

use super::analysis::{CohortRow, Totals};
use super::columns::Mapping;
use super::dates::DayOrder;
use super::forecast::{Options, Unit};
use super::table::Delimiter;
use super::{Analysis, Granularity, ImportError, Inspection, Settings, SkipReason};

fn esc(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\t', "%09")
        .replace('\n', "%0A")
        .replace('\r', "%0D")
        .replace(',', "%2C")
}

fn unesc(s: &str) -> String {
    s.replace("%2C", ",")
        .replace("%0D", "\r")
        .replace("%0A", "\n")
        .replace("%09", "\t")
        .replace("%25", "%")
}

fn list<T: ToString>(v: &[T]) -> String {
    v.iter().map(T::to_string).collect::<Vec<_>>().join(",")
}

fn parse_list<T: std::str::FromStr>(s: &str) -> Option<Vec<T>> {
    if s.is_empty() {
        return Some(Vec::new());
    }
    s.split(',').map(|x| x.parse().ok()).collect()
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map_or("-".to_string(), |x| x.to_string())
}

fn parse_opt<T: std::str::FromStr>(s: &str) -> Option<Option<T>> {
    if s == "-" {
        Some(None)
    } else {
        s.parse().ok().map(Some)
    }
}

fn delimiter_code(d: Delimiter) -> &'static str {
    match d {
        Delimiter::Comma => "comma",
        Delimiter::Semicolon => "semicolon",
        Delimiter::Tab => "tab",
        Delimiter::Spaces => "spaces",
    }
}

fn delimiter_from(s: &str) -> Option<Delimiter> {
    Some(match s {
        "comma" => Delimiter::Comma,
        "semicolon" => Delimiter::Semicolon,
        "tab" => Delimiter::Tab,
        "spaces" => Delimiter::Spaces,
        _ => return None,
    })
}

fn error_code(e: &ImportError) -> &'static str {
    match e {
        ImportError::Empty => "empty",
        ImportError::NotText => "not-text",
        ImportError::HeaderOnly => "header-only",
        ImportError::OneColumn => "one-column",
        ImportError::NoDateColumn => "no-date-column",
        ImportError::NeedsDateOrder => "needs-date-order",
        ImportError::NoRows => "no-rows",
        ImportError::BadMapping => "bad-mapping",
        ImportError::Cancelled => "cancelled",
        ImportError::NoWorker => "no-worker",
    }
}

fn error_from(s: &str) -> ImportError {
    match s {
        "empty" => ImportError::Empty,
        "not-text" => ImportError::NotText,
        "header-only" => ImportError::HeaderOnly,
        "one-column" => ImportError::OneColumn,
        "no-date-column" => ImportError::NoDateColumn,
        "needs-date-order" => ImportError::NeedsDateOrder,
        "no-rows" => ImportError::NoRows,
        "cancelled" => ImportError::Cancelled,
        "no-worker" => ImportError::NoWorker,
        _ => ImportError::BadMapping,
    }
}

fn reason_from(s: &str) -> Option<SkipReason> {
    use SkipReason::*;
    [
        MissingField,
        EmptyCustomer,
        BadDate,
        WrongDayOrder,
        BadAmount,
    ]
    .into_iter()
    .find(|r| r.code() == s)
}

fn order_code(o: Option<DayOrder>) -> &'static str {
    match o {
        Some(DayOrder::Dmy) => "dmy",
        Some(DayOrder::Mdy) => "mdy",
        None => "-",
    }
}

fn order_from(s: &str) -> Option<DayOrder> {
    match s {
        "dmy" => Some(DayOrder::Dmy),
        "mdy" => Some(DayOrder::Mdy),
        _ => None,
    }
}

/// Settings as one line.
pub fn encode_settings(s: &Settings) -> String {
    let m = s.mapping;
    [
        delimiter_code(s.delimiter).to_string(),
        (s.has_header as u8).to_string(),
        m.customer.to_string(),
        m.date.to_string(),
        opt(m.amount),
        opt(m.order),
        order_code(s.day_order).to_string(),
        s.granularity.code().to_string(),
    ]
    .join("\t")
}

/// Reads settings written by [`encode_settings`].
pub fn decode_settings(text: &str) -> Option<Settings> {
    let f: Vec<&str> = text.split('\t').collect();
    if f.len() != 8 {
        return None;
    }
    Some(Settings {
        delimiter: delimiter_from(f[0])?,
        has_header: f[1] == "1",
        mapping: Mapping {
            customer: f[2].parse().ok()?,
            date: f[3].parse().ok()?,
            amount: parse_opt(f[4])?,
            order: parse_opt(f[5])?,
        },
        day_order: order_from(f[6]),
        granularity: Granularity::from_code(f[7])?,
    })
}

/// An inspection and a result as text.
pub fn encode(
    inspection: &Result<Inspection, ImportError>,
    result: &Result<Analysis, ImportError>,
) -> String {
    let mut out = Vec::new();
    match inspection {
        Ok(i) => {
            out.push(format!(
                "inspection\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                delimiter_code(i.delimiter),
                i.has_header as u8,
                i.mapping.customer,
                i.mapping.date,
                opt(i.mapping.amount),
                opt(i.mapping.order),
                i.slash_dates as u8,
                i.table.map_or("-".to_string(), |t| format!(
                    "{},{},{},{}",
                    t.cohort,
                    t.offset,
                    t.active,
                    opt(t.revenue)
                ))
            ));
            out.push(format!(
                "columns\t{}",
                i.columns
                    .iter()
                    .map(|c| esc(c))
                    .collect::<Vec<_>>()
                    .join("\t")
            ));
        }
        Err(e) => out.push(format!("inspection-error\t{}", error_code(e))),
    }
    match result {
        Err(e) => out.push(format!("error\t{}", error_code(e))),
        Ok(a) => {
            let t = &a.totals;
            out.push(format!(
                "analysis\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                a.granularity.code(),
                a.last_period,
                t.customers,
                t.rows,
                t.occasions,
                opt(t.revenue),
                t.repeat_rate,
                t.first_date,
                t.last_date,
                a.skipped_count,
                order_code(a.day_order),
                opt(a.top20_share)
            ));
            out.push(format!(
                "repeat\t{}",
                a.repeat_curve
                    .iter()
                    .map(|r| opt(*r))
                    .collect::<Vec<_>>()
                    .join(",")
            ));
            out.push(format!("tiers\t{}\t{}", list(&a.tiers), list(&a.lifecycle)));
            out.push(format!(
                "lorenz\t{}",
                a.lorenz.as_ref().map_or("-".to_string(), |l| list(l))
            ));
            out.push(format!(
                "skipped\t{}",
                a.skipped
                    .iter()
                    .map(|(l, r)| format!("{l}:{}", r.code()))
                    .collect::<Vec<_>>()
                    .join(",")
            ));
            for c in &a.cohorts {
                out.push(format!(
                    "cohort\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    c.period,
                    esc(&c.label),
                    c.size,
                    list(&c.active),
                    list(&c.active_after),
                    c.revenue.as_ref().map_or("-".to_string(), |r| list(r)),
                    list(&c.orders)
                ));
            }
        }
    }
    out.join("\n")
}

/// Reads what [`encode`] wrote; None if the text is not such a result.
#[allow(clippy::type_complexity)]
pub fn decode(
    text: &str,
) -> Option<(
    Result<Inspection, ImportError>,
    Result<Analysis, ImportError>,
)> {
    let mut inspection = None;
    let mut columns = Vec::new();
    let mut result: Option<Result<Analysis, ImportError>> = None;
    let mut analysis: Option<Analysis> = None;
    for line in text.lines() {
        let f: Vec<&str> = line.split('\t').collect();
        match f[0] {
            "inspection" if f.len() == 9 => {
                inspection = Some(Ok(Inspection {
                    delimiter: delimiter_from(f[1])?,
                    has_header: f[2] == "1",
                    columns: Vec::new(),
                    preview: Vec::new(),
                    mapping: Mapping {
                        customer: f[3].parse().ok()?,
                        date: f[4].parse().ok()?,
                        amount: parse_opt(f[5])?,
                        order: parse_opt(f[6])?,
                    },
                    slash_dates: f[7] == "1",
                    table: if f[8] == "-" {
                        None
                    } else {
                        let t: Vec<&str> = f[8].split(',').collect();
                        if t.len() != 4 {
                            return None;
                        }
                        Some(super::TableColumns {
                            cohort: t[0].parse().ok()?,
                            offset: t[1].parse().ok()?,
                            active: t[2].parse().ok()?,
                            revenue: parse_opt(t[3])?,
                        })
                    },
                }))
            }
            "inspection-error" if f.len() == 2 => inspection = Some(Err(error_from(f[1]))),
            "columns" => columns = f[1..].iter().map(|c| unesc(c)).collect(),
            "error" if f.len() == 2 => result = Some(Err(error_from(f[1]))),
            "analysis" if f.len() == 13 => {
                analysis = Some(Analysis {
                    granularity: Granularity::from_code(f[1])?,
                    last_period: f[2].parse().ok()?,
                    cohorts: Vec::new(),
                    repeat_curve: [None; 10],
                    tiers: [0; 4],
                    lifecycle: [0; 4],
                    lorenz: None,
                    top20_share: parse_opt(f[12])?,
                    totals: Totals {
                        customers: f[3].parse().ok()?,
                        rows: f[4].parse().ok()?,
                        occasions: f[5].parse().ok()?,
                        revenue: parse_opt(f[6])?,
                        repeat_rate: f[7].parse().ok()?,
                        first_date: f[8].parse().ok()?,
                        last_date: f[9].parse().ok()?,
                    },
                    skipped: Vec::new(),
                    skipped_count: f[10].parse().ok()?,
                    day_order: order_from(f[11]),
                })
            }
            "repeat" if f.len() == 2 => {
                let a = analysis.as_mut()?;
                let values: Vec<Option<f64>> =
                    f[1].split(',').map(parse_opt).collect::<Option<_>>()?;
                a.repeat_curve = values.try_into().ok()?;
            }
            "tiers" if f.len() == 3 => {
                let a = analysis.as_mut()?;
                a.tiers = parse_list::<u64>(f[1])?.try_into().ok()?;
                a.lifecycle = parse_list::<u64>(f[2])?.try_into().ok()?;
            }
            "lorenz" if f.len() == 2 => {
                analysis.as_mut()?.lorenz = if f[1] == "-" {
                    None
                } else {
                    Some(parse_list(f[1])?)
                };
            }
            "skipped" if f.len() == 2 => {
                let a = analysis.as_mut()?;
                if !f[1].is_empty() {
                    for item in f[1].split(',') {
                        let (l, r) = item.split_once(':')?;
                        a.skipped.push((l.parse().ok()?, reason_from(r)?));
                    }
                }
            }
            "cohort" if f.len() == 8 => analysis.as_mut()?.cohorts.push(CohortRow {
                period: f[1].parse().ok()?,
                label: unesc(f[2]),
                size: f[3].parse().ok()?,
                active: parse_list(f[4])?,
                active_after: parse_list(f[5])?,
                revenue: if f[6] == "-" {
                    None
                } else {
                    Some(parse_list(f[6])?)
                },
                orders: parse_list(f[7])?,
            }),
            _ => return None,
        }
    }
    if let Some(Ok(i)) = inspection.as_mut() {
        i.columns = columns;
    }
    let result = match (result, analysis) {
        (Some(r), _) => r,
        (None, Some(a)) => Ok(a),
        (None, None) => return None,
    };
    Some((inspection?, result))
}

/// Forecast options as one line.
pub fn encode_options(o: &Options) -> String {
    format!(
        "{}\t{}\t{}\t{}\t{}",
        o.calibration_end,
        o.unit.code(),
        o.horizon,
        o.margin,
        o.discount
    )
}

/// Reads options written by [`encode_options`].
pub fn decode_options(text: &str) -> Option<Options> {
    let f: Vec<&str> = text.split('\t').collect();
    if f.len() != 5 {
        return None;
    }
    Some(Options {
        calibration_end: f[0].parse().ok()?,
        unit: Unit::from_code(f[1])?,
        horizon: f[2].parse().ok()?,
        margin: f[3].parse().ok()?,
        discount: f[4].parse().ok()?,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::data::{analyze, inspect};

    #[test]
    fn round_trips_a_real_result() {
        let text = "会员;下单时间;实付金额\nM1;2024/01/02 10:00;\"1.234,50\"\nM2;bad;5\nM2;2024/02/06;12,5\nM3;2024/03/01;7\n";
        let i = inspect(text);
        let ins = i.clone().unwrap();
        let settings = Settings {
            delimiter: ins.delimiter,
            has_header: ins.has_header,
            mapping: ins.mapping,
            day_order: None,
            granularity: Granularity::Week,
        };
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
    }

    #[test]
    fn forecast_options_round_trip() {
        let o = Options {
            calibration_end: crate::data::dates::days_from_civil(1997, 9, 30),
            unit: Unit::Week,
            horizon: 52.0,
            margin: 0.3,
            discount: 0.1,
        };
        assert_eq!(decode_options(&encode_options(&o)), Some(o));
    }
}
