//! The cohort simulator.

pub mod cohorts;
pub mod fit;
pub mod markov;
pub mod run;

pub use cohorts::{mean_retention, simulate, Cell, Simulation, Window};
pub use markov::{
    unit_cohort, Habit, Markov, Mix, Reminder, UnitCohort, MAX_CHURN_AFTER, MAX_PERIODS,
};
pub use run::{run, survivors, Inputs, Outcome};
