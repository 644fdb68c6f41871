//! "Your data": drop, pick or paste a transaction export; see its real
//! cohorts. Decoding happens here (the browser's TextDecoder); everything
//! else is `crate::data`, pure Rust.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::browser;
use super::controls::{Chart, Choice, Output};
use crate::chart::{self, curves, data_table};
use crate::data::{
    self, dates::DayOrder, Analysis, Encoding, Granularity, ImportError, Inspection, Settings,
};
use crate::i18n::{self, format_percent, Lang};

#[derive(Properties, PartialEq)]
pub struct ImportProps {
    pub lang: Lang,
    /// The model's p(n, 0), drawn against the data's repeat curve.
    pub model_p: [f64; 10],
}

/// The loaded text, numbered so memos compare a number, not megabytes.
#[derive(Clone)]
struct Loaded {
    version: u32,
    text: Rc<String>,
    inspection: Result<Inspection, ImportError>,
}

/// The user's choices (start from the inspection's guesses).
#[derive(Clone, Debug, PartialEq)]
struct Choices {
    customer: usize,
    date: usize,
    amount: Option<usize>,
    order: Option<usize>,
    day_order: &'static str,
    granularity: Granularity,
    on_or_after: bool,
}

fn load(bytes: &[u8]) -> Result<String, ImportError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty);
    }
    if data::looks_binary(bytes) {
        return Err(ImportError::NotText);
    }
    match data::detect_encoding(bytes) {
        Encoding::Utf8 => Ok(String::from_utf8_lossy(bytes).into_owned()),
        Encoding::Gb18030 => browser::decode_gb18030(bytes).ok_or(ImportError::NotText),
    }
}

/// The import section.
#[component]
pub fn YourData(props: &ImportProps) -> Html {
    let l = props.lang;
    let loaded = use_state(|| None::<Loaded>);
    let choices = use_state(|| None::<Choices>);
    let paste_ref = use_node_ref();

    let accept = {
        let (loaded, choices) = (loaded.clone(), choices.clone());
        Callback::from(move |result: Result<String, ImportError>| {
            let version = loaded.as_ref().map_or(1, |l| l.version + 1);
            let (text, inspection) = match result {
                Ok(text) => {
                    let inspection = data::inspect(&text);
                    (text, inspection)
                }
                Err(e) => (String::new(), Err(e)),
            };
            if let Ok(i) = &inspection {
                choices.set(Some(Choices {
                    customer: i.mapping.customer,
                    date: i.mapping.date,
                    amount: i.mapping.amount,
                    order: i.mapping.order,
                    day_order: "auto",
                    granularity: Granularity::Month,
                    on_or_after: false,
                }));
            }
            loaded.set(Some(Loaded {
                version,
                text: Rc::new(text),
                inspection,
            }));
        })
    };
    let on_file = {
        let accept = accept.clone();
        Callback::from(move |file: web_sys::File| {
            let accept = accept.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let result = match browser::file_bytes(&file).await {
                    Some(bytes) => load(&bytes),
                    None => Err(ImportError::NotText),
                };
                accept.emit(result);
            });
        })
    };
    {
        let on_file = on_file.clone();
        use_effect_with((), move |_| {
            let listeners = browser::on_file_drop(move |f| on_file.emit(f));
            move || drop(listeners)
        });
    }
    let on_pick = {
        let on_file = on_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                on_file.emit(file);
            }
            input.set_value("");
        })
    };
    let on_paste = {
        let (accept, paste_ref) = (accept.clone(), paste_ref.clone());
        Callback::from(move |_| {
            if let Some(area) = paste_ref.cast::<HtmlTextAreaElement>() {
                accept.emit(load(area.value().as_bytes()));
            }
        })
    };

    // The analysis, recomputed when the file or a choice changes.
    let result = use_memo(
        ((*loaded).as_ref().map(|l| l.version), (*choices).clone()),
        {
            let loaded = (*loaded).clone();
            move |(_, choices)| -> Option<Result<Rc<Analysis>, ImportError>> {
                let loaded = loaded?;
                let inspection = match &loaded.inspection {
                    Ok(i) => i,
                    Err(e) => return Some(Err(e.clone())),
                };
                let c = choices.as_ref()?;
                let settings = Settings {
                    delimiter: inspection.delimiter,
                    has_header: inspection.has_header,
                    mapping: data::columns::Mapping {
                        customer: c.customer,
                        date: c.date,
                        amount: c.amount,
                        order: c.order,
                    },
                    day_order: match c.day_order {
                        "dmy" => Some(DayOrder::Dmy),
                        "mdy" => Some(DayOrder::Mdy),
                        _ => None,
                    },
                    granularity: c.granularity,
                };
                if settings.mapping.customer == settings.mapping.date {
                    return Some(Err(ImportError::BadMapping));
                }
                Some(data::analyze(&loaded.text, &settings, &mut |_| true).map(Rc::new))
            }
        },
    );

    let set_choice = |f: fn(&mut Choices, &str)| {
        let choices = choices.clone();
        Callback::from(move |v: String| {
            if let Some(mut c) = (*choices).clone() {
                f(&mut c, &v);
                choices.set(Some(c));
            }
        })
    };
    let (state, status) = match (&*loaded, &*result) {
        (None, _) => ("idle", i18n::IDLE.get(l).to_string()),
        (_, Some(Ok(a))) => (
            "done",
            i18n::import_done(
                l,
                a.totals.rows,
                a.totals.customers,
                a.cohorts.len(),
                a.skipped_count,
            ),
        ),
        (_, Some(Err(e))) => ("error", i18n::import_error(l, e).to_string()),
        (_, None) => ("working", i18n::WORKING.get(l).to_string()),
    };
    let columns: Vec<(AttrValue, AttrValue)> = match (*loaded).as_ref().map(|l| &l.inspection) {
        Some(Ok(i)) => i
            .columns
            .iter()
            .enumerate()
            .map(|(k, n)| {
                (
                    AttrValue::from(k.to_string()),
                    AttrValue::from(format!("{}: {n}", k + 1)),
                )
            })
            .collect(),
        _ => Vec::new(),
    };
    let with_none = |cols: &[(AttrValue, AttrValue)]| {
        std::iter::once((
            AttrValue::from("none"),
            AttrValue::from(i18n::NONE_COLUMN.get(l)),
        ))
        .chain(cols.iter().cloned())
        .collect::<Vec<_>>()
    };
    let slash = matches!((*loaded).as_ref().map(|l| &l.inspection), Some(Ok(i)) if i.slash_dates)
        || matches!(&*result, Some(Err(ImportError::NeedsDateOrder)));
    let analysis = match &*result {
        Some(Ok(a)) => Some(a.clone()),
        _ => None,
    };

    html! {
        <section class="panel" aria-labelledby="data-heading">
            <h2 id="data-heading">{ i18n::DATA_HEADING.get(l) }</h2>
            <p class="lead">{ i18n::DATA_LEAD.get(l) }</p>
            <div class="import-row">
                <label class="file-pick">
                    <span>{ i18n::CHOOSE_FILE.get(l) }</span>
                    <input type="file" data-testid="import-file" accept=".csv,.tsv,.txt,text/csv,text/plain" onchange={on_pick} />
                </label>
            </div>
            <label for="import-text">{ i18n::PASTE_HERE.get(l) }</label>
            <textarea id="import-text" data-testid="import-text" rows="3" ref={paste_ref}
                placeholder="customer,date,amount&#10;C1,2024-01-05,12.50" />
            <button type="button" data-testid="import-paste" onclick={on_paste}>{ i18n::READ_PASTED.get(l) }</button>
            <p class={classes!("import-status", state)} role="status" data-testid="import-status" data-state={state}>{ status }</p>
            if let Some(c) = (*choices).clone().filter(|_| !columns.is_empty()) {
                <div class="mapping">
                    <Choice testid="map-customer" label={i18n::MAP_CUSTOMER.get(l)} options={columns.clone()} selected={c.customer.to_string()}
                        on_change={set_choice(|c, v| if let Ok(i) = v.parse() { c.customer = i })} />
                    <Choice testid="map-date" label={i18n::MAP_DATE.get(l)} options={columns.clone()} selected={c.date.to_string()}
                        on_change={set_choice(|c, v| if let Ok(i) = v.parse() { c.date = i })} />
                    <Choice testid="map-amount" label={i18n::MAP_AMOUNT.get(l)} options={with_none(&columns)} selected={c.amount.map_or("none".to_string(), |i| i.to_string())}
                        on_change={set_choice(|c, v| c.amount = v.parse().ok())} />
                    <Choice testid="map-order" label={i18n::MAP_ORDER.get(l)} options={with_none(&columns)} selected={c.order.map_or("none".to_string(), |i| i.to_string())}
                        on_change={set_choice(|c, v| c.order = v.parse().ok())} />
                    if slash {
                        <Choice testid="date-order" label={i18n::DATE_ORDER.get(l)}
                            options={["auto", "ymd", "dmy", "mdy"].iter().zip(i18n::DATE_ORDERS).map(|(v, w)| (AttrValue::from(*v), AttrValue::from(w.get(l)))).collect::<Vec<_>>()}
                            selected={c.day_order}
                            on_change={set_choice(|c, v| c.day_order = match v { "dmy" => "dmy", "mdy" => "mdy", "ymd" => "ymd", _ => "auto" })} />
                    }
                    <Choice testid="data-period" label={i18n::DATA_PERIOD.get(l)}
                        options={Granularity::ALL.iter().map(|g| (AttrValue::from(g.code()), AttrValue::from(i18n::period(match g { Granularity::Month => crate::model::scenario::Period::Month, Granularity::Week => crate::model::scenario::Period::Week, Granularity::Day => crate::model::scenario::Period::Day }).get(l)))).collect::<Vec<_>>()}
                        selected={c.granularity.code()}
                        on_change={set_choice(|c, v| if let Some(g) = Granularity::from_code(v) { c.granularity = g })} />
                    <Choice testid="retention-mode" label={i18n::RETENTION_MODE.get(l)}
                        options={vec![(AttrValue::from("on"), AttrValue::from(i18n::RETENTION_MODES[0].get(l))), (AttrValue::from("on-or-after"), AttrValue::from(i18n::RETENTION_MODES[1].get(l)))]}
                        selected={if c.on_or_after { "on-or-after" } else { "on" }}
                        on_change={set_choice(|c, v| c.on_or_after = v == "on-or-after")} />
                </div>
            }
            if let (Some(a), Some(c)) = (analysis, (*choices).clone()) {
                <DataViews lang={l} analysis={a} on_or_after={c.on_or_after} model_p={props.model_p} />
            }
        </section>
    }
}

#[derive(Properties)]
struct ViewsProps {
    lang: Lang,
    analysis: Rc<Analysis>,
    on_or_after: bool,
    model_p: [f64; 10],
}

impl PartialEq for ViewsProps {
    fn eq(&self, other: &Self) -> bool {
        self.lang == other.lang
            && Rc::ptr_eq(&self.analysis, &other.analysis)
            && self.on_or_after == other.on_or_after
            && self.model_p == other.model_p
    }
}

#[component]
fn DataViews(props: &ViewsProps) -> Html {
    let l = props.lang;
    let a = &props.analysis;
    let pct = |v: f64| format_percent(l, v, 1);
    let table = {
        let percent = |v: f64| format_percent(l, v, 0);
        let labels = data_table::DataTableLabels {
            caption: i18n::DATA_TABLE.get(l),
            cohort: i18n::COHORT.get(l),
            size: i18n::SIZE.get(l),
            weighted: i18n::WEIGHTED_MEAN.get(l),
            simple: i18n::SIMPLE_MEAN.get(l),
            in_progress: i18n::IN_PROGRESS.get(l),
            percent: &percent,
        };
        AttrValue::from(data_table::data_table_html(a, props.on_or_after, &labels))
    };
    let repeat = {
        let percent = |v: f64| format_percent(l, v, 0);
        let labels = curves::RepurchaseLabels {
            x_title: i18n::STICKY_X.get(l),
            y_title: i18n::P_Y.get(l),
            series: i18n::REPEAT_SERIES.map(|w| w.get(l)),
            percent: &percent,
        };
        Rc::new(chart::accessible(
            curves::repeat_svg(&a.repeat_curve, &props.model_p, &labels, (520, 280)),
            i18n::REPEAT_HEADING.get(l),
        ))
    };
    let on_export = {
        let a = a.clone();
        Callback::from(move |_| {
            let json = a.to_json(&|r| i18n::skip_reason(l, r).to_string());
            browser::download("repurchase-lab-analysis.json", "application/json", &json);
        })
    };
    let on_skipped = {
        let a = a.clone();
        Callback::from(move |_| {
            let mut csv = String::from("\u{FEFF}line,reason\r\n");
            for (line, r) in &a.skipped {
                csv.push_str(&format!("{line},\"{}\"\r\n", i18n::skip_reason(l, *r)));
            }
            browser::download(
                "repurchase-lab-skipped-rows.csv",
                "text/csv;charset=utf-8",
                &csv,
            );
        })
    };
    let count = |v: u64| crate::i18n::format_number(l, v as f64, 0);
    html! {
        <div class="data-views">
            <div class="exports">
                <button type="button" data-testid="export-analysis" onclick={on_export}>{ i18n::EXPORT_ANALYSIS.get(l) }</button>
            </div>
            <div class="skipped" data-testid="skipped-rows" data-value={a.skipped_count.to_string()}>
                <strong>{ format!("{}: {}", i18n::SKIPPED_ROWS.get(l), count(a.skipped_count)) }</strong>
                if a.skipped_count > 0 {
                    <ul>
                        { for a.skipped.iter().take(20).map(|(line, r)| html! { <li>{ format!("{line}: {}", i18n::skip_reason(l, *r)) }</li> }) }
                    </ul>
                    <button type="button" data-testid="download-skipped" onclick={on_skipped}>{ i18n::DOWNLOAD_SKIPPED.get(l) }</button>
                }
            </div>
            <div class="heatmap-wrap">{ Html::from_html_unchecked(table) }</div>
            <div class="outputs">
                if let Some(share) = a.top20_share {
                    <Output testid="pareto-top20-share" label={i18n::PARETO.get(l)} value={share} text={pct(share)} emphasis=true />
                }
                <Output testid="data-repeat-rate" label={i18n::FREQUENCY.get(l)} value={a.totals.occasions as f64 / a.totals.customers.max(1) as f64}
                    text={crate::i18n::format_number(l, a.totals.occasions as f64 / a.totals.customers.max(1) as f64, 2)} />
            </div>
            <p>{ format!("{}: {}", i18n::TIERS.get(l), a.tiers.iter().map(|t| count(*t)).collect::<Vec<_>>().join(" · ")) }</p>
            <p>{ format!("{}: {}", i18n::SEGMENTS.get(l), a.lifecycle.iter().zip(i18n::LIFECYCLE).map(|(n, w)| format!("{} {}", w.get(l), count(*n))).collect::<Vec<_>>().join(" · ")) }</p>
            <h3>{ i18n::REPEAT_HEADING.get(l) }</h3>
            <div class="grid">
                <Chart testid="repeat-chart" svg={repeat} />
                <table class="mini-table">
                    { for a.repeat_curve.iter().enumerate().map(|(i, r)| html! {
                        <tr><th scope="row">{ format!("{} → {}", i + 1, i + 2) }</th>
                            <td data-testid={format!("repeat-curve-{}", i + 1)} data-value={r.map_or("null".to_string(), |v| v.to_string())}>
                                { r.map_or("—".to_string(), pct) }
                            </td></tr>
                    }) }
                </table>
            </div>
        </div>
    }
}
