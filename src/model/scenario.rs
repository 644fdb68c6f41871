//! The one `Scenario`: every input the user can set. The share link, presets
//! and saved scenarios are all forms of it; every number on the page is a
//! function of it.

use serde::{Deserialize, Serialize};

use super::{chain, clamp};

/// Every input of the page, in model units (points for B, C, E).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Scenario {
    /// Perceived benefit B (客户感知收益), points 0–100. Default 70 (SPEC §2).
    pub benefit: f64,
    /// Perceived cost C (客户感知成本: money, time, effort, risk), points 0–100. Default 30.
    pub cost: f64,
    /// Expected value E (客户预期价值), points 0–100. Default 35.
    pub expectation: f64,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            benefit: 70.0,
            cost: 30.0,
            expectation: 35.0,
        }
    }
}

impl Scenario {
    /// The formula chain for this scenario (SPEC §2).
    pub fn chain(&self) -> chain::Chain {
        chain::evaluate(self.benefit, self.cost, self.expectation)
    }

    /// The value of one input, in model units.
    pub fn get(&self, param: Param) -> f64 {
        match param {
            Param::Benefit => self.benefit,
            Param::Cost => self.cost,
            Param::Expectation => self.expectation,
        }
    }

    /// Sets one input, clamped into its range (a NaN becomes the minimum).
    /// Returns whether the value had to be clamped.
    pub fn set(&mut self, param: Param, value: f64) -> bool {
        let (lo, hi) = param.range();
        let v = clamp(value, lo, hi);
        let slot = match param {
            Param::Benefit => &mut self.benefit,
            Param::Cost => &mut self.cost,
            Param::Expectation => &mut self.expectation,
        };
        *slot = v;
        v != value
    }
}

/// One user-settable input: its link key, test hook, range and step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Param {
    /// Perceived benefit B, points.
    Benefit,
    /// Perceived cost C, points.
    Cost,
    /// Expectation E, points.
    Expectation,
}

impl Param {
    /// Every input, in the order the page shows them.
    pub const ALL: [Param; 3] = [Param::Benefit, Param::Cost, Param::Expectation];

    /// The short, readable key used in the share link (`b=70`).
    pub fn key(self) -> &'static str {
        match self {
            Param::Benefit => "b",
            Param::Cost => "c",
            Param::Expectation => "e",
        }
    }

    /// The `data-testid` of the number field (CONTRACT.md); the slider adds `-slider`.
    pub fn testid(self) -> &'static str {
        match self {
            Param::Benefit => "benefit",
            Param::Cost => "cost",
            Param::Expectation => "expectation",
        }
    }

    /// Inclusive range in model units.
    pub fn range(self) -> (f64, f64) {
        (0.0, 100.0)
    }

    /// Slider step in model units.
    pub fn step(self) -> f64 {
        1.0
    }

    /// The input with this link key, if any.
    pub fn from_key(key: &str) -> Option<Param> {
        Param::ALL.into_iter().find(|p| p.key() == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_spec() {
        let s = Scenario::default();
        assert_eq!((s.benefit, s.cost, s.expectation), (70.0, 30.0, 35.0));
        let chain = s.chain();
        assert_eq!((chain.value, chain.satisfaction), (40.0, 5.0));
    }

    #[test]
    fn set_clamps_and_reports() {
        let mut s = Scenario::default();
        assert!(!s.set(Param::Benefit, 55.5));
        assert_eq!(s.benefit, 55.5);
        assert!(s.set(Param::Cost, 140.0));
        assert_eq!(s.cost, 100.0);
        assert!(s.set(Param::Expectation, f64::NAN));
        assert_eq!(s.expectation, 0.0);
    }

    #[test]
    fn keys_and_testids_are_unique() {
        for (i, a) in Param::ALL.iter().enumerate() {
            assert_eq!(Param::from_key(a.key()), Some(*a));
            for b in &Param::ALL[i + 1..] {
                assert_ne!(a.key(), b.key());
                assert_ne!(a.testid(), b.testid());
            }
        }
    }
}
