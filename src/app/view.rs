//! How the page is shown: the whole page or one embedded panel, and the theme.
//! Both come from the link (`embed=trap&theme=dark`) and are not part of the
//! scenario.

/// A panel that can be embedded on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Panel {
    /// The whole page (with the site chrome hidden when embedded).
    Page,
    /// The chain: summary, experience and expectation sections.
    Calculator,
    /// The satisfaction trap.
    Trap,
    /// Stickiness, loyalty and both lenses.
    Stickiness,
    /// The cohort heatmaps.
    Heatmap,
    /// The retention curves and lifecycle mix.
    Retention,
}

impl Panel {
    /// Every panel, in the embed dialog's order.
    pub(crate) const ALL: [Panel; 6] = [
        Panel::Calculator,
        Panel::Trap,
        Panel::Stickiness,
        Panel::Heatmap,
        Panel::Retention,
        Panel::Page,
    ];

    /// The code in the link and the select.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Panel::Page => "page",
            Panel::Calculator => "calculator",
            Panel::Trap => "trap",
            Panel::Stickiness => "stickiness",
            Panel::Heatmap => "heatmap",
            Panel::Retention => "retention",
        }
    }

    /// Parses a code.
    pub(crate) fn from_code(code: &str) -> Option<Panel> {
        Panel::ALL.into_iter().find(|p| p.code() == code)
    }

    /// A sensible iframe height for the snippet, px (the page also posts its real height).
    pub(crate) fn height(self) -> u32 {
        match self {
            Panel::Page => 1600,
            Panel::Calculator => 1500,
            Panel::Trap => 1100,
            Panel::Stickiness => 1500,
            Panel::Heatmap => 1300,
            Panel::Retention => 1200,
        }
    }
}

/// Which parts of the page are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Parts {
    pub summary: bool,
    pub experience: bool,
    pub expectation: bool,
    pub trap: bool,
    pub repurchase: bool,
    pub tools: bool,
    pub sim_inputs: bool,
    pub sim_numbers: bool,
    pub heatmaps: bool,
    pub curves: bool,
    pub churn: bool,
}

impl Parts {
    /// The parts of a panel.
    pub(crate) fn of(panel: Panel) -> Parts {
        let none = Parts {
            summary: false,
            experience: false,
            expectation: false,
            trap: false,
            repurchase: false,
            tools: false,
            sim_inputs: false,
            sim_numbers: false,
            heatmaps: false,
            curves: false,
            churn: false,
        };
        match panel {
            Panel::Page => Parts {
                summary: true,
                experience: true,
                expectation: true,
                trap: true,
                repurchase: true,
                tools: true,
                sim_inputs: true,
                sim_numbers: true,
                heatmaps: true,
                curves: true,
                churn: true,
            },
            Panel::Calculator => Parts {
                summary: true,
                experience: true,
                expectation: true,
                ..none
            },
            Panel::Trap => Parts { trap: true, ..none },
            Panel::Stickiness => Parts {
                repurchase: true,
                ..none
            },
            Panel::Heatmap => Parts {
                sim_inputs: true,
                heatmaps: true,
                ..none
            },
            Panel::Retention => Parts {
                sim_inputs: true,
                curves: true,
                ..none
            },
        }
    }

    /// Whether the simulator section shows at all.
    pub(crate) fn simulator(&self) -> bool {
        self.sim_inputs || self.sim_numbers || self.heatmaps || self.curves || self.churn
    }
}

/// Light, dark, or whatever the reader's system prefers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub(crate) enum Theme {
    /// Follow `prefers-color-scheme`.
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// Every theme.
    pub(crate) const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];

    /// The code in the link.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Parses a code.
    pub(crate) fn from_code(code: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// The page's view, read from the link's shell keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct View {
    /// Embedded panel, or None for the normal page.
    pub embed: Option<Panel>,
    /// Theme.
    pub theme: Theme,
}

impl View {
    /// Reads `embed` and `theme` from the link's other keys; unknown values
    /// fall back to the normal page and the automatic theme.
    pub(crate) fn from_keys(keys: &[(String, String)]) -> View {
        let get = |k: &str| {
            keys.iter()
                .rev()
                .find(|(key, _)| key == k)
                .map(|(_, v)| v.as_str())
        };
        View {
            embed: get("embed").map(|v| Panel::from_code(v).unwrap_or(Panel::Page)),
            theme: get("theme").and_then(Theme::from_code).unwrap_or_default(),
        }
    }

    /// The link suffix that keeps this view (`&embed=trap&theme=dark`).
    pub(crate) fn suffix(&self) -> String {
        let mut s = String::new();
        if let Some(p) = self.embed {
            s.push_str(&format!("&embed={}", p.code()));
        }
        if self.theme != Theme::Auto {
            s.push_str(&format!("&theme={}", self.theme.code()));
        }
        s
    }
}
