//! Presets from the seeds' cases (SPEC §7) and the journeys of the journey
//! builder (SPEC §6.3). A preset is a starting point: the share link records
//! only what differs from it.
//!
//! The numbers are illustrative readings of each story, not measurements;
//! every one is visible and adjustable on the page.

use crate::calculator::repurchase::Lens;
use crate::calculator::scenario::Scenario;
use crate::calculator::tools::Tier;

/// A named starting point.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Preset {
    /// The SPEC §2 defaults.
    #[default]
    Blank,
    /// 优剪 haircut chain: a 20–30 day cycle, a reminder on day 20 (seed 000).
    Haircut,
    /// Hot-pot restaurant (haidilao): the playground lowers parents' cost (seed 000).
    Hotpot,
    /// Hotel (亚朵): service recovery after a bad room (seed 002).
    Hotel,
    /// Internet finance (seed 000): retention 19.1% / 52.85% / 70.8% by early purchases.
    Finance,
    /// E-commerce with the seed 003 journey weights.
    Ecommerce,
}

impl Preset {
    /// Every preset, in menu order.
    pub const ALL: [Preset; 6] = [
        Preset::Blank,
        Preset::Haircut,
        Preset::Hotpot,
        Preset::Hotel,
        Preset::Finance,
        Preset::Ecommerce,
    ];

    /// The code in the `preset` select and the link (`p=haircut`).
    pub fn code(self) -> &'static str {
        match self {
            Preset::Blank => "blank",
            Preset::Haircut => "haircut",
            Preset::Hotpot => "hotpot",
            Preset::Hotel => "hotel",
            Preset::Finance => "finance",
            Preset::Ecommerce => "ecommerce",
        }
    }

    /// Parses a code; unknown is `None`.
    pub fn from_code(code: &str) -> Option<Preset> {
        Preset::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The scenario this preset starts from.
    pub fn scenario(self) -> Scenario {
        let base = Scenario {
            preset: self,
            ..Scenario::default()
        };
        match self {
            Preset::Blank => base,
            // Frequent, cheap, easily forgotten: exposure (being remembered on
            // day 20) is the weak link; habit forms fast (4th visit).
            Preset::Haircut => Scenario {
                benefit: 72.0,
                cost: 32.0,
                expectation: 38.0,
                loyalty: 0.10,
                stickiness_max: 0.70,
                habit_purchase: 4.0,
                demand: 0.95,
                trust: 0.70,
                exposure: 0.40,
                aov: 60.0,
                ..base
            },
            // The playground lowers the parents' perceived cost (time, effort).
            Preset::Hotpot => Scenario {
                benefit: 82.0,
                cost: 22.0,
                expectation: 45.0,
                loyalty: 0.20,
                stickiness_max: 0.50,
                habit_purchase: 5.0,
                demand: 0.70,
                trust: 0.85,
                exposure: 0.60,
                aov: 300.0,
                journey: JourneyKind::Restaurant,
                journey_scores: [85.0, 80.0, 90.0, 85.0, 75.0, 88.0],
                journey_weights: [0.10, 0.10, 0.20, 0.35, 0.10, 0.15],
                ..base
            },
            // A bad room, then a recovery that lifts the benefit back; members
            // expect more.
            Preset::Hotel => Scenario {
                benefit: 74.0,
                cost: 40.0,
                expectation: 45.0,
                expectation_on: true,
                exp_past: 30.0,
                exp_promise: 10.0,
                exp_implicit: 20.0,
                tier: Tier::Returning,
                loyalty: 0.25,
                stickiness_max: 0.40,
                habit_purchase: 5.0,
                demand: 0.50,
                trust: 0.80,
                exposure: 0.70,
                aov: 450.0,
                ..base
            },
            // Habit is everything: retention 19.1% with no purchase in the first
            // month, 52.85% with one, 70.8% with two consecutive months.
            Preset::Finance => Scenario {
                benefit: 60.0,
                cost: 25.0,
                expectation: 30.0,
                loyalty: 0.05,
                stickiness_max: 0.75,
                habit_purchase: 3.0,
                demand: 0.60,
                trust: 0.50,
                exposure: 0.80,
                aov: 1000.0,
                ..base
            },
            // Seed 003: browse 10%, purchase 10%, waiting for delivery 20%,
            // arrival 60%; slow delivery drags the journey.
            Preset::Ecommerce => Scenario {
                journey_on: true,
                journey: JourneyKind::Ecommerce,
                journey_scores: [85.0, 80.0, 45.0, 70.0, 70.0, 70.0],
                journey_weights: [0.10, 0.10, 0.20, 0.60, 0.0, 0.0],
                cost: 28.0,
                expectation: 40.0,
                loyalty: 0.08,
                demand: 0.75,
                trust: 0.65,
                exposure: 0.45,
                aov: 150.0,
                ..base
            },
        }
    }
}

/// Which journey the journey builder shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum JourneyKind {
    /// Seed 003: browse → purchase → wait for delivery → arrival.
    #[default]
    Ecommerce,
    /// Seed 002: enter → order → wait → eat → pay → leave.
    Restaurant,
}

impl JourneyKind {
    /// Both journeys.
    pub const ALL: [JourneyKind; 2] = [JourneyKind::Ecommerce, JourneyKind::Restaurant];

    /// Number of stages.
    pub fn stages(self) -> usize {
        match self {
            JourneyKind::Ecommerce => 4,
            JourneyKind::Restaurant => 6,
        }
    }

    /// The code in the select and the link (`jk=restaurant`).
    pub fn code(self) -> &'static str {
        match self {
            JourneyKind::Ecommerce => "ecommerce",
            JourneyKind::Restaurant => "restaurant",
        }
    }

    /// Parses a code.
    pub fn from_code(code: &str) -> Option<JourneyKind> {
        JourneyKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The seed's weights for this journey (fractions summing to 1).
    pub fn default_weights(self) -> [f64; 6] {
        match self {
            JourneyKind::Ecommerce => [0.10, 0.10, 0.20, 0.60, 0.0, 0.0],
            JourneyKind::Restaurant => [0.10, 0.15, 0.15, 0.35, 0.10, 0.15],
        }
    }
}

impl Lens {
    /// Every lens.
    pub const ALL: [Lens; 2] = [Lens::Chain, Lens::Dte];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_are_distinct_and_in_range() {
        for (i, a) in Preset::ALL.iter().enumerate() {
            let s = a.scenario();
            assert_eq!(s.preset, *a);
            assert_eq!(s.clone().clamped(), s, "{a:?} is within every range");
            assert_eq!(Preset::from_code(a.code()), Some(*a));
            for b in &Preset::ALL[i + 1..] {
                assert_ne!(s, b.scenario());
            }
        }
        let w: f64 = JourneyKind::Restaurant.default_weights().iter().sum();
        crate::assert_close!(w, 1.0);
    }
}
