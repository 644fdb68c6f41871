//! The import worker's protocol: every request the page sends and every
//! reply the worker posts, as two enums used by both sides (`app::import`
//! and `worker`). On the wire a message is one string (`msg`); a new file's
//! bytes travel beside it, untouched (`bytes`: a File or a Uint8Array), so a
//! large file is never copied into a string.
//!
//! The string is a tag line, then each field as its byte length on a line
//! and the bytes: `forecast\n27\n<options>\n2\nen`. Any field may hold any
//! text (HTML with customer ids, CSV), and reading is total: a malformed
//! message is `None`, never a panic.
//!
//! Why not serde: the fields are a handful of strings and numbers, the
//! analysis already has its exact text form ([`crate::formats::wire`]), and
//! serde_json + serde-wasm-bindgen would add to both wasm files for no
//! gain in what can be expressed (see the README's first-load figures).

use crate::forecast::predict::Options;
use crate::formats::wire;
use crate::i18n::Lang;
use crate::import::{Analysis, ImportError, Inspection, Settings};

/// What the page asks the worker.
#[derive(Clone, Debug, PartialEq)]
pub enum Request {
    /// Read the file sent beside this message (or, without one, the last
    /// file) with these settings, or the guessed ones.
    Import {
        settings: Option<Settings>,
        /// The page language (a summary table's report is drawn in it).
        lang: Lang,
    },
    /// Fit and draw the forecasts on the rows of the last import.
    Forecast { options: Options, lang: Lang },
    /// One customer of the last forecast.
    Lookup { id: String, lang: Lang },
    /// Every customer's forecast as CSV.
    Customers,
    /// Fit Pareto/NBD and MBG/NBD beside the last BG/NBD and compare them.
    Compare { lang: Lang },
    /// The customers of one cell of the last import's cohort table.
    Cell { cohort: i32, offset: usize },
    /// Fit the sBG to survivor counts (needs no import).
    Sbg {
        survivors: String,
        discount: f64,
        lang: Lang,
    },
}

/// An import's outcome: the first look and the analysis.
pub type Imported = (
    Result<Inspection, ImportError>,
    Result<Analysis, ImportError>,
);

/// What the worker posts back.
#[derive(Clone, Debug, PartialEq)]
pub enum Reply {
    /// The worker listens (messages sent before this were not heard).
    Ready,
    /// Reading progress, 0–1.
    Progress(f64),
    /// An import finished.
    Imported(Box<Imported>),
    /// Forecast progress, 0–1.
    ForecastProgress(f64),
    /// A first look while a summary table's models are still being fitted:
    /// BG/NBD's estimates, drawn (the `Forecast` that follows replaces it).
    ForecastFirst { html: String },
    /// The forecasts, drawn (or why not: `done` false, `status` says).
    Forecast {
        done: bool,
        status: String,
        html: String,
    },
    /// A lookup's answer, drawn ("" before a forecast).
    Lookup { html: String },
    /// Every customer's forecast as CSV ("" before a forecast).
    Customers { csv: String },
    /// The models compared, drawn ("" before a forecast).
    Compare { html: String },
    /// A cell's customers: how many, the first [`CELL_LISTED`] as
    /// `id\torders\trevenue` lines (for the page), and all as CSV.
    Cell {
        cohort: i32,
        offset: usize,
        count: usize,
        listed: String,
        csv: String,
    },
    /// The sBG panel: its chart (or "") and its numbers.
    Sbg { svg: String, html: String },
}

/// Customers of a cell listed on the page (all of them are in the CSV).
pub const CELL_LISTED: usize = 100;

/// Writes a tag and its fields.
fn write(tag: &str, fields: &[&str]) -> String {
    let mut out =
        String::with_capacity(tag.len() + fields.iter().map(|f| f.len() + 8).sum::<usize>());
    out.push_str(tag);
    for f in fields {
        out.push('\n');
        out.push_str(&f.len().to_string());
        out.push('\n');
        out.push_str(f);
    }
    out
}

/// Reads a tag and its fields (None when a length does not fit).
fn read(text: &str) -> Option<(&str, Vec<&str>)> {
    let (tag, mut rest) = match text.split_once('\n') {
        Some((tag, rest)) => (tag, Some(rest)),
        None => (text, None),
    };
    let mut fields = Vec::new();
    while let Some(r) = rest {
        let (len, body) = r.split_once('\n')?;
        let len: usize = len.parse().ok()?;
        fields.push(body.get(..len)?);
        rest = match &body[len..] {
            "" => None,
            more => Some(more.strip_prefix('\n')?),
        };
    }
    Some((tag, fields))
}

fn number(s: &str) -> Option<f64> {
    crate::formats::decimal::parse(s).filter(|x| x.is_finite())
}

impl Request {
    /// The message string.
    pub fn encode(&self) -> String {
        match self {
            Request::Import { settings, lang } => write(
                "import",
                &[
                    &settings
                        .as_ref()
                        .map(wire::encode_settings)
                        .unwrap_or_default(),
                    lang.code(),
                ],
            ),
            Request::Forecast { options, lang } => {
                write("forecast", &[&wire::encode_options(options), lang.code()])
            }
            Request::Lookup { id, lang } => write("lookup", &[id, lang.code()]),
            Request::Customers => write("customers", &[]),
            Request::Cell { cohort, offset } => {
                write("cell", &[&cohort.to_string(), &offset.to_string()])
            }
            Request::Compare { lang } => write("compare", &[lang.code()]),
            Request::Sbg {
                survivors,
                discount,
                lang,
            } => write("sbg", &[survivors, &discount.to_string(), lang.code()]),
        }
    }

    /// Reads a message string (None when it is not one).
    pub fn decode(text: &str) -> Option<Request> {
        let (tag, fields) = read(text)?;
        Some(match (tag, fields.as_slice()) {
            ("import", [settings, lang]) => Request::Import {
                settings: match *settings {
                    "" => None,
                    s => Some(wire::decode_settings(s)?),
                },
                lang: Lang::from_code(lang)?,
            },
            ("forecast", [options, lang]) => Request::Forecast {
                options: wire::decode_options(options)?,
                lang: Lang::from_code(lang)?,
            },
            ("lookup", [id, lang]) => Request::Lookup {
                id: id.to_string(),
                lang: Lang::from_code(lang)?,
            },
            ("customers", []) => Request::Customers,
            ("cell", [cohort, offset]) => Request::Cell {
                cohort: cohort.parse().ok()?,
                offset: offset.parse().ok()?,
            },
            ("compare", [lang]) => Request::Compare {
                lang: Lang::from_code(lang)?,
            },
            ("sbg", [survivors, discount, lang]) => Request::Sbg {
                survivors: survivors.to_string(),
                discount: number(discount)?,
                lang: Lang::from_code(lang)?,
            },
            _ => return None,
        })
    }
}

impl Reply {
    /// The message string.
    pub fn encode(&self) -> String {
        match self {
            Reply::Ready => write("ready", &[]),
            Reply::Progress(v) => write("progress", &[&v.to_string()]),
            Reply::Imported(outcome) => write("imported", &[&wire::encode(&outcome.0, &outcome.1)]),
            Reply::ForecastProgress(v) => write("forecast-progress", &[&v.to_string()]),
            Reply::Forecast { done, status, html } => write(
                "forecast",
                &[if *done { "done" } else { "error" }, status, html],
            ),
            Reply::ForecastFirst { html } => write("forecast-first", &[html]),
            Reply::Lookup { html } => write("lookup", &[html]),
            Reply::Customers { csv } => write("customers", &[csv]),
            Reply::Cell {
                cohort,
                offset,
                count,
                listed,
                csv,
            } => write(
                "cell",
                &[
                    &cohort.to_string(),
                    &offset.to_string(),
                    &count.to_string(),
                    listed,
                    csv,
                ],
            ),
            Reply::Compare { html } => write("compare", &[html]),
            Reply::Sbg { svg, html } => write("sbg", &[svg, html]),
        }
    }

    /// Reads a message string (None when it is not one).
    pub fn decode(text: &str) -> Option<Reply> {
        let (tag, fields) = read(text)?;
        Some(match (tag, fields.as_slice()) {
            ("ready", []) => Reply::Ready,
            ("progress", [v]) => Reply::Progress(number(v)?),
            ("imported", [wire]) => Reply::Imported(Box::new(wire::decode(wire)?)),
            ("forecast-progress", [v]) => Reply::ForecastProgress(number(v)?),
            ("forecast", [state, status, html]) => Reply::Forecast {
                done: *state == "done",
                status: status.to_string(),
                html: html.to_string(),
            },
            ("forecast-first", [html]) => Reply::ForecastFirst {
                html: html.to_string(),
            },
            ("lookup", [html]) => Reply::Lookup {
                html: html.to_string(),
            },
            ("customers", [csv]) => Reply::Customers {
                csv: csv.to_string(),
            },
            ("cell", [cohort, offset, count, listed, csv]) => Reply::Cell {
                cohort: cohort.parse().ok()?,
                offset: offset.parse().ok()?,
                count: count.parse().ok()?,
                listed: listed.to_string(),
                csv: csv.to_string(),
            },
            ("compare", [html]) => Reply::Compare {
                html: html.to_string(),
            },
            ("sbg", [svg, html]) => Reply::Sbg {
                svg: svg.to_string(),
                html: html.to_string(),
            },
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::forecast::summary::Unit;
    use crate::import::{analyze, inspect};

    fn requests() -> Vec<Request> {
        let text = "customer,date,amount\nA,2024-01-05,10\nB,2024-02-01,5\n";
        let settings = inspect(text).unwrap().guessed_settings();
        vec![
            Request::Import {
                settings: None,
                lang: Lang::Zh,
            },
            Request::Import {
                lang: Lang::En,
                settings: Some(settings),
            },
            Request::Forecast {
                options: Options {
                    calibration_end: 19_000,
                    unit: Unit::Week,
                    horizon: 52.0,
                    margin: 0.3,
                    discount: 0.1,
                },
                lang: Lang::Zh,
            },
            Request::Lookup {
                id: "李\n12\n=x".into(),
                lang: Lang::En,
            },
            Request::Customers,
            Request::Cell {
                cohort: -3,
                offset: 12,
            },
            Request::Compare { lang: Lang::Zh },
            Request::Sbg {
                survivors: "1000\n631\n468".into(),
                discount: 0.1,
                lang: Lang::En,
            },
        ]
    }

    #[test]
    fn requests_round_trip() {
        for r in requests() {
            assert_eq!(Request::decode(&r.encode()), Some(r.clone()), "{r:?}");
        }
    }

    #[test]
    fn replies_round_trip() {
        let text = "customer,date,amount\nA,2024-01-05,10\nB,2024-02-01,5\nA,2024-02-03,7\n";
        let i = inspect(text);
        let settings = inspect(text).unwrap().guessed_settings();
        let a = analyze(text, &settings, &mut |_| true);
        for r in [
            Reply::Ready,
            Reply::Progress(0.25),
            Reply::Imported(Box::new((i, a))),
            Reply::Imported(Box::new((
                Err(ImportError::NotText),
                Err(ImportError::NotText),
            ))),
            Reply::Imported(Box::new((
                Err(ImportError::TooLarge),
                Err(ImportError::LineTooLong { line: 7 }),
            ))),
            Reply::ForecastProgress(1.0),
            Reply::ForecastFirst {
                html: "<p>r\n</p>".into(),
            },
            Reply::Forecast {
                done: true,
                status: "2 customers".into(),
                html: "<p>\n3\n</p>".into(),
            },
            Reply::Lookup {
                html: String::new(),
            },
            Reply::Compare {
                html: "<p>\n</p>".into(),
            },
            Reply::Customers {
                csv: "\u{feff}id\n=1+1\n".into(),
            },
            Reply::Cell {
                cohort: 648,
                offset: 2,
                count: 2,
                listed: "a@x.com\t2\t15.5\nB\t1\t0".into(),
                csv: "customer,orders,revenue\r\n\"a,b\",1,2\r\n".into(),
            },
            Reply::Imported(Box::new((
                Err(ImportError::BadWorkbook("zip: bad\tentry, 3%".into())),
                Err(ImportError::EmptyWorkbook),
            ))),
            Reply::Sbg {
                svg: String::new(),
                html: "<b>α</b>".into(),
            },
        ] {
            let back = Reply::decode(&r.encode()).expect("a reply decodes");
            // The wire text carries no preview rows: compare what is sent.
            assert_eq!(back.encode(), r.encode(), "{r:?}");
            if !matches!(r, Reply::Imported(_)) {
                assert_eq!(back, r);
            }
        }
    }

    #[test]
    fn malformed_messages_are_none() {
        for bad in [
            "",
            "nonsense",
            "lookup\n3\nab",
            "lookup\n99\nab\n2\nen",
            "lookup\n2\nab\n2\nxx",
            "customers\n1\na",
            "progress\n3\nNaN",
            "forecast\n1\na",
        ] {
            assert_eq!(Request::decode(bad), None, "{bad:?}");
        }
        assert_eq!(Reply::decode("imported\n9\nhello"), None);
        // A result from a worker of another version says so.
        let stale = ImportError::StaleWorker;
        assert_eq!(
            Reply::decode("imported\n5\nhello"),
            Some(Reply::Imported(Box::new((Err(stale.clone()), Err(stale)))))
        );
    }

    proptest! {
        #[test]
        fn any_text_decodes_or_is_none(text in "\\PC*") {
            let _ = Request::decode(&text);
            let _ = Reply::decode(&text);
        }

        #[test]
        fn any_lookup_id_round_trips(id in "\\PC*") {
            let r = Request::Lookup { id, lang: Lang::Zh };
            prop_assert_eq!(Request::decode(&r.encode()), Some(r));
        }
    }
}
