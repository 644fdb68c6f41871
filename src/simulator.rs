//! The retention-cohort simulator (SPEC §4): an exact expected-value Markov
//! chain on (purchases so far, periods since the last purchase) (`markov`),
//! the window of cohorts scaled from one unit cohort (`cohorts`), the
//! scenario run as baseline, with programmes and with churn cut (`run`), and
//! the fit of its parameters to observed retention (`fit`).
//!
//! May import: the calculator (the Scenario, K(n), p(n)). Never a web crate.

pub mod cohorts;
pub mod fit;
pub mod markov;
pub mod run;

pub use cohorts::{mean_retention, simulate, Cell, Simulation, Window};
pub use markov::{
    unit_cohort, Habit, Markov, Mix, Reminder, UnitCohort, MAX_CHURN_AFTER, MAX_PERIODS,
};
pub use run::{run, survivors, Inputs, Outcome};
