//! A scenario through the simulator: its three chains (baseline, with the
//! programmes, with churn cut), the window, and the profit comparison.

use crate::calculator::clamp;
use crate::calculator::scenario::Scenario;
use crate::calculator::stickiness::MAX_PURCHASES;
use crate::simulator::cohorts::{mean_retention, simulate, Simulation, Window};
use crate::simulator::markov::{
    unit_cohort, Habit, Markov, Reminder, MAX_CHURN_AFTER, MAX_PERIODS,
};

/// Baseline and scenario side by side, with the numbers a manager asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// No programmes.
    pub baseline: Simulation,
    /// With the programmes that are switched on.
    pub scenario: Simulation,
    /// The baseline with churn cut by `churn_cut` (seed 000's claim).
    pub churn_cut: Simulation,
    /// Mean retention by offset, baseline (weighted by cohort size).
    pub mean_baseline: Vec<f64>,
    /// Mean retention by offset, scenario.
    pub mean_scenario: Vec<f64>,
    /// Baseline profit: gross profit − CAC × new customers, money.
    pub profit_baseline: f64,
    /// Scenario profit after programme costs, money.
    pub profit_scenario: f64,
    /// Profit with churn cut, money.
    pub profit_churn_cut: f64,
    /// (profit_churn_cut − profit_baseline) / |profit_baseline|; 0 when the baseline is 0.
    pub churn_cut_lift: f64,
}

/// The scenario's chain without programmes.
fn baseline(s: &Scenario, p0: [f64; MAX_PURCHASES]) -> Markov {
    let churn_after = s.churn_after.round().clamp(2.0, MAX_CHURN_AFTER as f64) as usize;
    Markov {
        p0,
        decay: s.decay,
        churn_after,
        sleeping_from: s.sleeping_from.round().clamp(1.0, churn_after as f64) as usize,
        win_back: s.win_back,
        habit: None,
        reminder: None,
        churn_cut: 0.0,
    }
}

/// Survivors of a cohort of 1,000 in the baseline: customers not (yet)
/// churned after each offset 0..periods, as a running minimum (win-back can
/// bring churned customers back; survivors for the sBG never rise).
pub fn survivors(s: &Scenario, p0: [f64; MAX_PURCHASES], periods: usize) -> Vec<f64> {
    let unit = unit_cohort(&baseline(s, p0), periods);
    let mut low = 1000.0f64;
    unit.mix
        .iter()
        .take(periods)
        .map(|m| {
            low = low.min(1000.0 * (1.0 - m.churned));
            low
        })
        .collect()
}

/// What the simulator reads of a scenario: the three chains, the window and
/// the acquisition cost. A page memoises on this rather than on the whole
/// scenario, so inputs the simulator does not read (the calculator's tools)
/// do not run it again.
#[derive(Clone, Debug, PartialEq)]
pub struct Inputs {
    pub baseline: Markov,
    pub scenario: Markov,
    pub churn_cut: Markov,
    pub window: Window,
    pub cac: f64,
}

/// Builds the chains and the window from a scenario and p(n, 0) of the lens
/// in use, and runs baseline, scenario and the churn-cut check.
pub fn run(s: &Scenario, p0: [f64; MAX_PURCHASES]) -> Outcome {
    Inputs::of(s, p0).run()
}

impl Inputs {
    /// The simulator's inputs from a scenario and p(n, 0) of the lens in use.
    pub fn of(s: &Scenario, p0: [f64; MAX_PURCHASES]) -> Inputs {
        let baseline_chain = baseline(s, p0);
        let churn_after = baseline_chain.churn_after;
        let scenario_chain = Markov {
            habit: s.habit_on.then_some(Habit {
                target: s.habit_target.round().clamp(2.0, MAX_PURCHASES as f64) as usize,
                boost: s.habit_boost,
                reward: s.habit_reward,
            }),
            reminder: s.reminder_on.then_some(Reminder {
                at: s.reminder_at.round().clamp(1.0, churn_after as f64 - 1.0) as usize,
                reach: s.reminder_reach,
                lift: s.reminder_lift,
                cost: s.reminder_cost,
            }),
            ..baseline_chain.clone()
        };
        let cut_chain = Markov {
            churn_cut: s.churn_cut,
            ..baseline_chain.clone()
        };
        let window = Window {
            cohorts: s.cohorts.round().clamp(1.0, MAX_PERIODS as f64) as usize,
            periods: s.window.round().clamp(1.0, MAX_PERIODS as f64) as usize,
            new_customers: s.new_customers,
            growth: s.growth,
            aov: s.aov,
            margin: s.margin,
            ltv_periods: s.ltv_periods.round().clamp(1.0, 240.0) as usize,
        };
        Inputs {
            baseline: baseline_chain,
            scenario: scenario_chain,
            churn_cut: cut_chain,
            window,
            cac: clamp(s.cac, 0.0, 1e9),
        }
    }

    /// Runs baseline, scenario and the churn-cut check.
    pub fn run(&self) -> Outcome {
        let (window, cac) = (&self.window, self.cac);
        let baseline = simulate(&self.baseline, window);
        let scenario = simulate(&self.scenario, window);
        let churn_cut = simulate(&self.churn_cut, window);
        let profit = |sim: &Simulation| sim.gross_profit - cac * sim.customers;
        let (pb, ps, pc) = (profit(&baseline), profit(&scenario), profit(&churn_cut));
        Outcome {
            mean_baseline: mean_retention(&baseline),
            mean_scenario: mean_retention(&scenario),
            baseline,
            scenario,
            churn_cut,
            profit_baseline: pb,
            profit_scenario: ps,
            profit_churn_cut: pc,
            churn_cut_lift: if pb != 0.0 { (pc - pb) / pb.abs() } else { 0.0 },
        }
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::calculator::scenario::Scenario;
    use crate::calculator::stickiness::MAX_PURCHASES;
    use crate::simulator::*;

    fn chain(p: f64) -> Markov {
        Markov {
            p0: [p; MAX_PURCHASES],
            decay: 0.5,
            churn_after: 2,
            sleeping_from: 1,
            win_back: 0.0,
            habit: None,
            reminder: None,
            churn_cut: 0.0,
        }
    }

    fn window() -> Window {
        Window {
            cohorts: 2,
            periods: 3,
            new_customers: 100.0,
            growth: 0.5,
            aov: 10.0,
            margin: 0.5,
            ltv_periods: 3,
        }
    }

    #[track_caller]
    fn near(a: f64, b: f64) {
        crate::assert_close!(a, b, 1e-9, "{a} vs {b}");
    }

    #[test]
    fn two_cohorts_three_offsets_by_hand() {
        // p = 0.4, δ = 0.5, churn after 2.
        // k=1: (1,0) buys 0.4 → (2,0) 0.4, (1,1) 0.6.
        // k=2: (2,0) buys 0.16; (1,1) buys 0.6·0.2 = 0.12 → active 0.28.
        let sim = simulate(&chain(0.4), &window());
        assert_eq!(sim.sizes, vec![100.0, 150.0]);
        let r: Vec<f64> = sim.cells[0].iter().map(|c| c.retention).collect();
        near(r[0], 1.0);
        near(r[1], 0.4);
        near(r[2], 0.28);
        assert_eq!(
            sim.cells[1].len(),
            2,
            "a triangle: cohort 1 sees two offsets"
        );
        near(sim.cells[1][1].active, 60.0);
        near(sim.purchases, 100.0 + 40.0 + 28.0 + 150.0 + 60.0);
        near(sim.revenue, 3780.0);
        near(sim.frequency, 378.0 / 250.0);
        near(sim.customer_value, 3780.0);
        // Mix at offset 2: active 0.28; (2,1) 0.24 silent-or-sleeping; (1,2) 0.48 churned.
        let m = unit_cohort(&chain(0.4), 3).mix[2];
        near(m.active, 0.28);
        near(m.sleeping, 0.24);
        near(m.churned, 0.48);
        near(sim.ltv, 10.0 * 0.5 * (1.0 + 0.4 + 0.28));
    }

    #[test]
    fn habit_programme_by_hand() {
        // Target 3, boost 0.2, reward 5: q = 0.6 for n < 3 at s = 0, 0.2 + 0.2 = 0.4 at s = 1.
        let mut c = chain(0.4);
        c.habit = Some(Habit {
            target: 3,
            boost: 0.2,
            reward: 5.0,
        });
        let u = unit_cohort(&c, 3);
        // k=1: 0.6 → (2,0); 0.4 → (1,1).
        // k=2: (2,0) buys 0.6·0.6 = 0.36 (reaching n = 3: rewarded); (1,1) buys 0.4·0.4 = 0.16.
        near(u.active[1], 0.6);
        near(u.active[2], 0.52);
        near(u.rewards[2], 0.36 * 5.0);
        near(u.rewards[1], 0.0);
        let sim = simulate(&c, &window());
        near(sim.programme_cost, 100.0 * 1.8);
    }

    #[test]
    fn reminder_by_hand() {
        // At s = 1, reach 0.5, lift 1.0: q = 0.5·0.2 + 0.5·0.4 = 0.3; cost 2 per message.
        let mut c = chain(0.4);
        c.reminder = Some(Reminder {
            at: 1,
            reach: 0.5,
            lift: 1.0,
            cost: 2.0,
        });
        let u = unit_cohort(&c, 3);
        near(u.active[2], 0.4 * 0.4 + 0.6 * 0.3);
        near(u.messages[2], 0.6 * 0.5);
        let sim = simulate(&c, &window());
        near(sim.programme_cost, 100.0 * 0.3 * 2.0);
    }

    #[test]
    fn inputs_leave_out_what_the_simulator_does_not_read() {
        use crate::calculator::scenario::Scenario;
        let s = Scenario::default();
        let p0 = crate::calculator::calculate::calculate(&s).repurchase;
        let base = Inputs::of(&s, p0);
        // The calculator's tools: CSAT, top-up, customer value.
        let tools = Scenario {
            csat_move: s.csat_move + 0.5,
            topup_bill: s.topup_bill + 10.0,
            cv_customers: s.cv_customers + 100.0,
            ..s.clone()
        };
        assert_eq!(Inputs::of(&tools, p0), base);
        // What it reads changes them.
        for changed in [
            Scenario {
                decay: s.decay / 2.0,
                ..s.clone()
            },
            Scenario {
                cac: s.cac + 1.0,
                ..s.clone()
            },
            Scenario {
                reminder_on: !s.reminder_on,
                ..s.clone()
            },
            Scenario {
                window: s.window + 1.0,
                ..s.clone()
            },
        ] {
            assert_ne!(Inputs::of(&changed, p0), base);
        }
        assert_eq!(Inputs::of(&s, p0).run(), run(&s, p0));
    }

    #[test]
    fn outcome_from_the_default_scenario() {
        let s = Scenario {
            habit_on: true,
            reminder_on: true,
            ..Default::default()
        };
        let p0 = crate::calculator::calculate::calculate(&s).repurchase;
        let o = run(&s, p0);
        assert_eq!(o.baseline.cells.len(), 12);
        assert_eq!(o.baseline.cells[11].len(), 1);
        near(o.baseline.customers, 12_000.0);
        assert!(o.scenario.purchases > o.baseline.purchases);
        assert!(o.scenario.programme_cost > 0.0);
        assert_eq!(o.baseline.programme_cost, 0.0);
        assert!(o.churn_cut_lift > 0.0);
        for (a, b) in o.mean_baseline.iter().zip(&o.mean_scenario) {
            assert!(b >= a);
        }
    }

    #[test]
    fn win_back_and_churn_cut() {
        let mut c = chain(0.4);
        c.win_back = 0.1;
        near(c.q(1, 2), 0.1);
        c.churn_cut = 0.5;
        near(c.q(1, 0), 1.0 - 0.6 * 0.5);
    }

    fn arb_chain() -> impl Strategy<Value = Markov> {
        (
            proptest::array::uniform10(0.0..=1.0f64),
            0.0..=1.0f64,
            2usize..10,
            0.0..=0.5f64,
            proptest::option::of((2usize..6, 0.0..=1.0f64)),
            proptest::option::of((1usize..3, 0.0..=1.0f64, 0.0..=2.0f64)),
        )
            .prop_map(|(mut p0, decay, churn_after, win_back, habit, reminder)| {
                // Both lenses give p(n, 0) non-decreasing in n (K(n) rises).
                p0.sort_by(f64::total_cmp);
                // Being churned is no better than sleeping (the default w = 0).
                let win_back = win_back.min(p0[0] * decay.powi(churn_after as i32 - 1));
                Markov {
                    p0,
                    decay,
                    churn_after,
                    sleeping_from: 3.min(churn_after),
                    win_back,
                    habit: habit.map(|(target, boost)| Habit {
                        target,
                        boost,
                        reward: 1.0,
                    }),
                    reminder: reminder.map(|(at, reach, lift)| Reminder {
                        at,
                        reach,
                        lift,
                        cost: 0.1,
                    }),
                    churn_cut: 0.0,
                }
            })
    }

    proptest! {
        #[test]
        fn mass_is_conserved_and_retention_is_a_share(c in arb_chain(), k in 1usize..40) {
            let u = unit_cohort(&c, k);
            for m in &u.mix {
                prop_assert!((m.active + m.silent + m.sleeping + m.churned - 1.0).abs() < 1e-9);
            }
            prop_assert!(u.active.iter().all(|a| (0.0..=1.0).contains(a)));
        }

        #[test]
        fn programmes_never_lower_retention(c in arb_chain(), boost in 0.0..=1.0f64, reach in 0.0..=1.0f64) {
            let mut base = c.clone();
            base.habit = None;
            base.reminder = None;
            let mut with = base.clone();
            with.habit = Some(Habit { target: 4, boost, reward: 1.0 });
            with.reminder = Some(Reminder { at: 1, reach, lift: 0.5, cost: 1.0 });
            let (a, b) = (unit_cohort(&base, 24), unit_cohort(&with, 24));
            for k in 0..24 {
                prop_assert!(b.active[k] >= a.active[k] - 1e-12, "k={k}");
            }
        }

        #[test]
        fn higher_p_never_lowers_retention(c in arb_chain(), d in 0.0..=0.5f64) {
            // The baseline chain (SPEC §4's invariant). With a strong habit
            // programme, reaching its target ends the boost, so there a higher
            // p can lower a later offset: the programme's cliff, shown on the page.
            let mut c = c;
            c.habit = None;
            c.reminder = None;
            let mut better = c.clone();
            better.p0 = c.p0.map(|p| (p + d).min(1.0));
            let (a, b) = (unit_cohort(&c, 24), unit_cohort(&better, 24));
            for k in 0..24 {
                prop_assert!(b.active[k] >= a.active[k] - 1e-12);
            }
        }
    }
}
