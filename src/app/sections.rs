//! The calculator page, grouped the way the story goes: experience →
//! expectation → satisfaction → repurchase, then the small calculators.
//! Numbered hooks are written with `format!`: stickiness-1 … stickiness-10,
//! repurchase-probability-1 … repurchase-probability-10 (CONTRACT.md).

use std::rc::Rc;

use yew::prelude::*;

use super::controls::{Chart, Choice, Output, ParamInput, Toggle};
use super::view::Parts;
use super::{Action, ScenarioState};
use crate::calculator::calculate::Calculation;
use crate::calculator::presets::JourneyKind;
use crate::calculator::repurchase::Lens;
use crate::calculator::scenario::{Param, Scenario};
use crate::calculator::stickiness::MAX_PURCHASES;
use crate::calculator::tools::Tier;
use crate::chart::{self, curves, waterfall};
use crate::i18n::{self, format_money, format_number, format_percent, Lang};

#[derive(Properties, PartialEq)]
pub(crate) struct CalculatorProps {
    pub scenario: Rc<Scenario>,
    /// The calculation of `scenario` (computed once, by the page).
    pub calc: super::Shared<Calculation>,
    pub lang: Lang,
    pub dispatch: UseReducerDispatcher<ScenarioState>,
    /// Which sections show (all of them on the normal page).
    pub parts: Parts,
}

const WIDE: u32 = 520;

/// Every section of the calculator.
#[component]
pub(crate) fn Calculator(props: &CalculatorProps) -> Html {
    let s = &*props.scenario;
    let l = props.lang;
    let calc = &props.calc;
    let d = props.dispatch.clone();
    let on_param = use_callback(d.clone(), |(p, v): (Param, f64), d| {
        d.dispatch(Action::Set(p, v))
    });
    let on_journey_on = use_callback(d.clone(), |on: bool, d| {
        d.dispatch(Action::SetJourneyOn(on))
    });
    let on_expectation_on = use_callback(d.clone(), |on: bool, d| {
        d.dispatch(Action::SetExpectationOn(on))
    });
    let on_journey = use_callback(d.clone(), |code: String, d| {
        if let Some(k) = JourneyKind::from_code(&code) {
            d.dispatch(Action::SetJourney(k));
        }
    });
    let on_tier = use_callback(d.clone(), |code: String, d| {
        if let Some(t) = Tier::from_code(&code) {
            d.dispatch(Action::SetTier(t));
        }
    });
    let on_lens = use_callback(d, |code: String, d| {
        if let Some(lens) = Lens::from_code(&code) {
            d.dispatch(Action::SetLens(lens));
        }
    });

    // The simulator follows in a microtask: the calculator's own DOM is
    // complete first, and both are done before the browser paints.
    let deferred = use_state(|| (props.scenario.clone(), props.calc.clone()));
    {
        let deferred = deferred.setter();
        use_effect_with((props.scenario.clone(), props.calc.clone()), move |next| {
            let next = next.clone();
            yew::platform::spawn_local(async move { deferred.set(next) });
        });
    }
    let pending = deferred.0 != props.scenario || deferred.1 != props.calc;
    // The first frame shows the diagnosis and section 1; sections 2–5 and
    // the simulator join in the task after it (the simulator's place is
    // marked `data-sim-pending` meanwhile, so "settled" waits for them).
    let started = use_state(|| false);
    {
        let started = started.setter();
        use_effect_with((), move |_| {
            super::browser::after_frame(move || started.set(true))
        });
    }
    // Once everything has been rendered, lay every section out for one
    // frame, off the first paint's path, so each remembers its real size
    // (static/style.css, `data-measure`).
    use_effect_with(*started, |started| {
        if *started {
            super::browser::after_frame(|| {
                super::browser::set_root_attribute("data-measure", Some(""));
                super::browser::after_frame(|| {
                    super::browser::set_root_attribute("data-measure", None)
                });
            });
        }
    });

    // Charts: each recomputed only when its own inputs change.
    let waterfall_svg = use_memo((calc.chain, l), |(chain, l)| {
        let l = *l;
        let number = move |x: f64| format_number(l, x, 1);
        let labels = waterfall::WaterfallLabels {
            bars: i18n::WATERFALL_BARS.map(|w| w.get(l)),
            axis: i18n::CHART_POINTS.get(l),
            number: &number,
        };
        chart::accessible(
            waterfall::waterfall_svg(chain, &labels, (WIDE, 280)),
            i18n::WATERFALL_ALT.get(l),
        )
    });
    let trap_svg = use_memo((s.trap_knots, calc.sat5, l), |(_, sat5, l)| {
        let l = *l;
        let percent = move |x: f64| format_percent(l, x, 0);
        let labels = curves::TrapLabels {
            x_title: i18n::TRAP_X.get(l),
            y_title: i18n::TRAP_Y.get(l),
            zones: i18n::TRAP_ZONES.map(|w| w.get(l)),
            percent: &percent,
        };
        let curve = &calc.curve;
        chart::accessible(
            curves::trap_svg(curve, (*sat5, curve.eval(*sat5)), &labels, (WIDE, 300)),
            i18n::TRAP_ALT.get(l),
        )
    });
    let sticky_svg = use_memo(
        (calc.stickiness, s.stickiness_max, s.habit_purchase, l),
        |(k, kmax, h, l)| {
            let l = *l;
            let percent = move |x: f64| format_percent(l, x, 0);
            let labels = curves::StickinessLabels {
                x_title: i18n::STICKY_X.get(l),
                y_title: i18n::STICKY_Y.get(l),
                tiers: [
                    i18n::STICKY_TIERS[0].get(l),
                    i18n::STICKY_TIERS[1].get(l),
                    i18n::STICKY_HABIT.get(l),
                ],
                percent: &percent,
            };
            chart::accessible(
                curves::stickiness_svg(k, *kmax, *h, &labels, (WIDE, 280)),
                i18n::STICKY_ALT.get(l),
            )
        },
    );
    let p_svg = use_memo(
        (calc.chain_probability, calc.dte_probability, s.lens, l),
        |(p, dte, lens, l)| {
            let l = *l;
            let percent = move |x: f64| format_percent(l, x, 0);
            let labels = curves::RepurchaseLabels {
                x_title: i18n::STICKY_X.get(l),
                y_title: i18n::P_Y.get(l),
                series: i18n::P_SERIES.map(|w| w.get(l)),
                percent: &percent,
            };
            chart::accessible(
                curves::repurchase_svg(p, *dte, *lens == Lens::Chain, &labels, (WIDE, 280)),
                i18n::P_ALT.get(l),
            )
        },
    );
    let dte_svg = use_memo(
        ([s.demand, s.trust, s.exposure], calc.weakest, l),
        |(f, weakest, l)| {
            let l = *l;
            let percent = move |x: f64| format_percent(l, x, 0);
            let labels = curves::DteLabels {
                bars: i18n::DTE_BARS.map(|w| w.get(l)),
                weakest: i18n::WEAKEST.get(l),
                percent: &percent,
            };
            chart::accessible(
                curves::dte_svg(*f, *weakest, &labels, (WIDE, 190)),
                i18n::DTE_ALT.get(l),
            )
        },
    );
    let journey_svg = use_memo(
        (s.journey, s.journey_scores, s.journey_weights, l),
        |(kind, scores, weights, l)| {
            let l = *l;
            let n = kind.stages();
            let number = move |x: f64| format_number(l, x, 0);
            let labels = curves::JourneyLabels {
                stages: i18n::stages(*kind)
                    .iter()
                    .map(|w| w.get(l).to_string())
                    .collect(),
                y_title: i18n::JOURNEY_Y.get(l),
                number: &number,
            };
            chart::accessible(
                curves::journey_svg(&scores[..n], &weights[..n], &labels, (WIDE, 240)),
                i18n::JOURNEY_ALT.get(l),
            )
        },
    );

    let input = |p: Param| {
        html! {
            <ParamInput key={p.testid()} param={p} value={s.get(p)} lang={l} journey={s.journey}
                on_change={on_param.clone()} />
        }
    };
    let pts = |x: f64| format!("{} {}", format_number(l, x, 1), i18n::POINTS.get(l));
    let pct = |x: f64| format_percent(l, x, 1);
    let c: &Calculation = calc;
    let (diag_title, diag_body) = i18n::diagnosis(l, c.diagnosis, c.advice, s.lens);
    let stage_names = i18n::stages(s.journey);
    let parts = props.parts;

    html! {
        <>
        if parts.summary {
        <section class="panel summary" aria-labelledby="diagnosis-heading">
            <div class="diagnosis" data-testid="diagnosis" data-value={c.diagnosis.code()}>
                <h2 id="diagnosis-heading" tabindex="-1">{ i18n::DIAGNOSIS_HEADING.get(l) }{ ": " }{ diag_title }</h2>
                <p>{ diag_body }</p>
            </div>
            <div class="outputs">
                <Output testid="value" label={i18n::VALUE.get(l)} value={c.chain.value} text={pts(c.chain.value)} note="V = B − C" />
                <Output testid="satisfaction" label={i18n::SATISFACTION.get(l)} value={c.chain.satisfaction}
                    text={pts(c.chain.satisfaction)} note="S = V − E" />
                <Output testid="sat5" label={i18n::SAT5.get(l)} value={c.sat5} text={format!("{} / 5", format_number(l, c.sat5, 2))} />
                <Output testid="repurchase-first" label={i18n::P_FIRST.get(l)} value={c.repurchase[0]} text={pct(c.repurchase[0])} emphasis=true />
            </div>
        </section>
        }

        if parts.experience {
        <section class="panel" aria-labelledby="experience-heading">
            <h2 id="experience-heading" tabindex="-1">{ i18n::EXPERIENCE_HEADING.get(l) }</h2>
            <p class="lead">{ i18n::EXPERIENCE_LEAD.get(l) }</p>
            <div class="grid">
                <div class="inputs">
                    <Toggle testid="journey-on" label={i18n::USE_JOURNEY.get(l)} checked={s.journey_on} on_change={on_journey_on} />
                    if s.journey_on {
                        <Choice testid="journey" label={i18n::JOURNEY.get(l)}
                            options={JourneyKind::ALL.iter().map(|k| (AttrValue::from(k.code()), AttrValue::from(i18n::journey(*k).get(l)))).collect::<Vec<_>>()}
                            selected={s.journey.code()} on_change={on_journey} />
                        <div class="stages">
                            { for (0..s.journey.stages()).map(|i| html! {
                                <div class="stage" key={i}>
                                    { input(Param::JourneyScore(i as u8)) }
                                    { input(Param::JourneyWeight(i as u8)) }
                                </div>
                            }) }
                        </div>
                    } else {
                        { input(Param::Benefit) }
                    }
                    { input(Param::Cost) }
                </div>
                <div class="results">
                    if s.journey_on {
                        <div class="outputs">
                            <Output testid="journey-benefit" label={i18n::JOURNEY_B.get(l)} value={c.journey_benefit} text={pts(c.journey_benefit)}
                                note={c.journey_lever.map(|i| format!("{} {}", i18n::JOURNEY_LEVER.get(l), stage_names.get(i).map(|w| w.get(l)).unwrap_or(""))).unwrap_or_default()} />
                        </div>
                        <Chart testid="journey-chart" svg={journey_svg.clone()} />
                    }
                    <Chart testid="chain-chart" svg={waterfall_svg.clone()} />
                </div>
            </div>
        </section>
        }

        if parts.expectation && *started {
        <section class="panel" aria-labelledby="expectation-heading">
            <h2 id="expectation-heading" tabindex="-1">{ i18n::EXPECTATION_HEADING.get(l) }</h2>
            <p class="lead">{ i18n::EXPECTATION_LEAD.get(l) }</p>
            <div class="grid">
                <div class="inputs">
                    <Toggle testid="expectation-on" label={i18n::USE_BUILDER.get(l)} checked={s.expectation_on} on_change={on_expectation_on} />
                    if s.expectation_on {
                        { input(Param::ExpPast) }
                        { input(Param::ExpPromise) }
                        { input(Param::ExpImplicit) }
                        <Choice testid="expectation-tier" label={i18n::TIER.get(l)}
                            options={Tier::ALL.iter().map(|t| (AttrValue::from(t.code()), AttrValue::from(i18n::tier(*t).get(l)))).collect::<Vec<_>>()}
                            selected={s.tier.code()} on_change={on_tier} />
                    } else {
                        { input(Param::Expectation) }
                    }
                </div>
                <div class="results">
                    <div class="outputs">
                        if s.expectation_on {
                            <Output testid="built-expectation" label={i18n::FROM_BUILDER.get(l)} value={c.built_expectation} text={pts(c.built_expectation)} />
                        }
                        <Output testid="satisfaction-2" label={i18n::SATISFACTION.get(l)} value={c.chain.satisfaction} text={pts(c.chain.satisfaction)} note="S = V − E" />
                    </div>
                    <div class="table-scroll" tabindex="0" role="region" aria-label={i18n::PROMISE_SWEEP.get(l)}>
                    <table class="mini-table" data-testid="promise-sweep">
                        <caption>{ i18n::PROMISE_SWEEP.get(l) }</caption>
                        <tr>
                            <th scope="row">{ i18n::PROMISE.get(l) }</th>
                            { for c.promise_sweep.iter().map(|(p, _)| html! { <td>{ format_number(l, *p, 0) }</td> }) }
                        </tr>
                        <tr>
                            <th scope="row">{ "S" }</th>
                            { for c.promise_sweep.iter().map(|(_, sv)| html! {
                                <td class={classes!((*sv < 0.0).then_some("negative"))} data-value={sv.to_string()}>{ format_number(l, *sv, 1) }</td>
                            }) }
                        </tr>
                    </table>
                    </div>
                </div>
            </div>
        </section>
        }

        if parts.trap && *started {
        <section class="panel" aria-labelledby="satisfaction-heading">
            <h2 id="satisfaction-heading" tabindex="-1">{ i18n::SATISFACTION_HEADING.get(l) }</h2>
            <p class="lead">{ i18n::SATISFACTION_LEAD.get(l) }</p>
            <div class="grid">
                <div class="inputs">
                    { for (0..5u8).map(|i| input(Param::TrapKnot(i))) }
                    { input(Param::PointsPerStep) }
                </div>
                <div class="results">
                    <div class="outputs">
                        <Output testid="sat5-2" label={i18n::SAT5.get(l)} value={c.sat5} text={format!("{} / 5", format_number(l, c.sat5, 2))} />
                        <Output testid="trap-probability" label={i18n::TRAP_PROBABILITY.get(l)} value={c.trap_probability} text={pct(c.trap_probability)} />
                    </div>
                    <Chart testid="trap-chart" svg={trap_svg.clone()} />
                </div>
            </div>
            <h3>{ i18n::CSAT_HEADING.get(l) }</h3>
            <div class="grid">
                <div class="inputs compact">
                    { for (0..5u8).map(|i| input(Param::Csat(i))) }
                    { input(Param::CsatMove) }
                </div>
                <div class="outputs">
                    <Output testid="csat-expected" label={i18n::CSAT_EXPECTED.get(l)} value={c.csat.base} text={pct(c.csat.base)} />
                    <Output testid="csat-fours-to-fives" label={i18n::CSAT_FOURS.get(l)} value={c.csat.fours_to_fives} text={pct(c.csat.fours_to_fives)}
                        note={format!("+{}", format_percent(l, c.csat.fours_to_fives - c.csat.base, 2))} emphasis=true />
                    <Output testid="csat-threes-to-fours" label={i18n::CSAT_THREES.get(l)} value={c.csat.threes_to_fours} text={pct(c.csat.threes_to_fours)}
                        note={format!("+{}", format_percent(l, c.csat.threes_to_fours - c.csat.base, 2))} />
                </div>
            </div>
        </section>
        }

        if parts.repurchase && *started {
        <section class="panel" aria-labelledby="repurchase-heading">
            <h2 id="repurchase-heading" tabindex="-1">{ i18n::REPURCHASE_HEADING.get(l) }</h2>
            <p class="lead">{ i18n::REPURCHASE_LEAD.get(l) }</p>
            <div class="grid">
                <div class="inputs">
                    { input(Param::Loyalty) }
                    { input(Param::StickinessMax) }
                    { input(Param::HabitPurchase) }
                </div>
                <div class="results">
                    <Chart testid="stickiness-chart" svg={sticky_svg.clone()} />
                </div>
            </div>
            <div class="grid">
                <div class="inputs">
                    <Choice testid="lens" label={i18n::LENS.get(l)}
                        options={Lens::ALL.iter().map(|x| (AttrValue::from(x.code()), AttrValue::from(i18n::lens(*x).get(l)))).collect::<Vec<_>>()}
                        selected={s.lens.code()} on_change={on_lens} />
                    { input(Param::Demand) }
                    { input(Param::Trust) }
                    { input(Param::Exposure) }
                </div>
                <div class="results">
                    <div class="outputs">
                        <Output testid="dte-probability" label={i18n::DTE_PROBABILITY.get(l)} value={c.dte_probability} text={pct(c.dte_probability)}
                            note={format!("{}: {}", i18n::WEAKEST.get(l), i18n::DTE_BARS[c.weakest].get(l))} />
                        <Output testid="repurchase-score" label={i18n::REPURCHASE_SCORE.get(l)} value={c.repurchase_score} text={pts(c.repurchase_score)} />
                    </div>
                    <Chart testid="dte-chart" svg={dte_svg.clone()} />
                </div>
            </div>
            <Chart testid="repurchase-chart" svg={p_svg.clone()} />
            <div class="table-scroll" tabindex="0" role="region" aria-label={i18n::BY_PURCHASE_TABLE.get(l)}>
                <table class="by-n">
                    <tr>
                        <th scope="row">{ "n" }</th>
                        { for (1..=MAX_PURCHASES).map(|n| html! { <th scope="col">{ if n == MAX_PURCHASES { "10+".to_string() } else { n.to_string() } }</th> }) }
                    </tr>
                    <tr>
                        <th scope="row">{ i18n::STICKINESS_N.get(l) }</th>
                        { for c.stickiness.iter().enumerate().map(|(i, k)| html! {
                            <td data-testid={format!("stickiness-{}", i + 1)} data-value={k.to_string()}>{ format_percent(l, *k, 1) }</td>
                        }) }
                    </tr>
                    <tr>
                        <th scope="row">{ i18n::P_N.get(l) }</th>
                        { for c.repurchase.iter().enumerate().map(|(i, p)| html! {
                            <td data-testid={format!("repurchase-probability-{}", i + 1)} data-value={p.to_string()}>{ format_percent(l, *p, 1) }</td>
                        }) }
                    </tr>
                </table>
            </div>
        </section>
        }

        if parts.tools && *started {
        <section class="panel" aria-labelledby="tools-heading">
            <h2 id="tools-heading" tabindex="-1">{ i18n::TOOLS_HEADING.get(l) }</h2>
            <div class="tools">
                <div class="tool">
                    <h3>{ i18n::CV_HEADING.get(l) }</h3>
                    { input(Param::CvCustomers) }
                    { input(Param::CvFrequency) }
                    <p class="hint">{ format!("{}: {}", i18n::AOV_NOTE.get(l), format_money(l, s.aov)) }</p>
                    <div class="outputs">
                        <Output testid="cv-result" label={i18n::CV_RESULT.get(l)} value={c.customer_value} text={format_money(l, c.customer_value)} emphasis=true />
                    </div>
                </div>
                <div class="tool">
                    <h3>{ i18n::TOPUP_HEADING.get(l) }</h3>
                    { input(Param::TopUpBill) }
                    { input(Param::TopUpMultiple) }
                    <div class="outputs">
                        <Output testid="topup-discount" label={i18n::TOPUP_DISCOUNT.get(l)} value={c.topup.discount} text={pct(c.topup.discount)} emphasis=true />
                        <Output testid="topup-cash" label={i18n::TOPUP_CASH.get(l)} value={c.topup.cash_today} text={format_money(l, c.topup.cash_today)} />
                        <Output testid="topup-cost" label={i18n::TOPUP_COST.get(l)} value={c.topup.discount_cost} text={format_money(l, c.topup.discount_cost)} />
                        <Output testid="topup-visits" label={i18n::TOPUP_VISITS.get(l)} value={c.topup.visits_locked} text={format_number(l, c.topup.visits_locked, 1)} />
                    </div>
                </div>
                <div class="tool">
                    <h3>{ i18n::FUNNEL_HEADING.get(l) }</h3>
                    { for (0..5u8).map(|i| input(Param::Funnel(i))) }
                    <ol class="funnel">
                        { for c.funnel_rates.iter().enumerate().map(|(i, r)| html! {
                            <li class={classes!((i + 1 == c.funnel_leak).then_some("leak"))}
                                data-testid={format!("funnel-rate-{}", i + 1)} data-value={r.to_string()}>
                                { format!("{} → {}: {}", i18n::FUNNEL_STEPS[i].get(l), i18n::FUNNEL_STEPS[i + 1].get(l), format_percent(l, *r, 1)) }
                            </li>
                        }) }
                    </ol>
                    <div class="outputs">
                        <Output testid="funnel-leak" label={i18n::FUNNEL_LEAK.get(l)} value={c.funnel_leak as f64}
                            text={format!("{} → {}", i18n::FUNNEL_STEPS[c.funnel_leak - 1].get(l), i18n::FUNNEL_STEPS[c.funnel_leak].get(l))} />
                    </div>
                </div>
            </div>
        </section>
        }
        if !parts.simulator() && !*started {
            <div hidden=true data-sim-pending="true"></div>
        }
        if parts.simulator() && !*started {
            <section class="panel" aria-labelledby="sim-heading" aria-busy="true" data-sim-pending="true">
                <h2 id="sim-heading" tabindex="-1">{ i18n::SIM_HEADING.get(l) }</h2>
            </section>
        } else if parts.simulator() {
            <super::simulator::Simulator scenario={deferred.0.clone()} calc={deferred.1.clone()} {pending} lang={l} dispatch={props.dispatch.clone()} {parts} />
        }
        </>
    }
}
