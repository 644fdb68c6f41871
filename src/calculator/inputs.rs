//! Every number the user can set, defined once: its link key, test hook,
//! unit, range, slider range and step, whether it is whole, its wording in
//! both languages, and the [`Scenario`] field it lives in. A new input is one
//! entry in the table below (as ripgrep defines each flag once); the link,
//! the saved scenarios, the JSON export, the page's fields and the i18n all
//! read it from here.
//!
//! May import: the scenario, `i18n::L` (a pair of strings). Nothing else.

use crate::calculator::clamp;
use crate::calculator::scenario::{Scenario, MAX_STAGES};
use crate::i18n::L;

/// How an input is shown and typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Points on the 0–100 scale.
    Points,
    /// A fraction shown and typed as a percent (60 means 0.60).
    Percent,
    /// A count (customers, purchases, people).
    Count,
    /// Currency units.
    Money,
}

impl Unit {
    /// Model value → the number shown in the field.
    pub fn to_field(self, v: f64) -> f64 {
        match self {
            Unit::Percent => round_to(v * 100.0, 1e-9),
            _ => v,
        }
    }

    /// Number typed in the field → model value.
    pub fn from_field(self, x: f64) -> f64 {
        match self {
            Unit::Percent => x / 100.0,
            _ => x,
        }
    }
}

/// Removes float noise such as 60.00000000000001 from a converted value.
fn round_to(x: f64, eps: f64) -> f64 {
    let r = (x * 1e6).round() / 1e6;
    if (r - x).abs() < eps.max(x.abs() * 1e-12) {
        r
    } else {
        x
    }
}

/// An input's label: fixed, or made from its index.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Label {
    /// The same words whatever the index.
    Fixed(L),
    /// "<journey stage name> · <this>".
    Stage(L),
    /// "ℓ(i)".
    Knot,
    /// "Answered i".
    Answer,
    /// The 5A step's name.
    FunnelStep,
}

/// Where an input lives in the [`Scenario`]: one slot, or an array indexed
/// by the input's index.
#[derive(Clone, Copy)]
pub struct Field {
    /// The slot(s), read.
    pub get: fn(&Scenario) -> &[f64],
    /// The slot(s), written.
    pub get_mut: fn(&mut Scenario) -> &mut [f64],
}

/// One input's definition (one entry of the table).
#[derive(Clone, Copy)]
pub struct Def {
    /// The short, readable key of the share link (`b=70`); indexed inputs
    /// append their 1-based index (`k1`).
    pub key: &'static str,
    /// The `data-testid` of the number field (CONTRACT.md); the slider adds
    /// `-slider`, indexed inputs `-1`, `-2`, ….
    pub hook: &'static str,
    /// How it is shown and typed.
    pub unit: Unit,
    /// Inclusive range in model units.
    pub range: (f64, f64),
    /// A narrower slider range in model units (wide-ranging counts), if any.
    pub slider: Option<(f64, f64)>,
    /// Slider step in field units.
    pub step: f64,
    /// Only whole numbers (periods, cohorts, purchase counts).
    pub whole: bool,
    /// Label.
    pub label: Label,
    /// One-line hint.
    pub hint: L,
    /// Where it lives.
    pub field: Field,
}

impl Def {
    /// What an entry does not say: a 0–1 range, step 1, not whole.
    pub const BASE: Def = Def {
        key: "",
        hook: "",
        unit: Unit::Count,
        range: (0.0, 1.0),
        slider: None,
        step: 1.0,
        whole: false,
        label: Label::Fixed(L("", "")),
        hint: L("", ""),
        field: Field {
            get: |_| &[],
            get_mut: |_| &mut [],
        },
    };
}

/// A field of the scenario: `field!(benefit)` or, for an array, `field!([funnel])`.
macro_rules! field {
    ([$f:ident]) => {
        Field {
            get: |s| &s.$f[..],
            get_mut: |s| &mut s.$f[..],
        }
    };
    ($f:ident) => {
        Field {
            get: |s| std::slice::from_ref(&s.$f),
            get_mut: |s| std::slice::from_mut(&mut s.$f),
        }
    };
}

macro_rules! index_type {
    ($n:expr) => {
        u8
    };
}

macro_rules! wild {
    ($n:expr) => {
        _
    };
}

macro_rules! bind {
    ($n:expr, $i:ident) => {
        $i
    };
}

macro_rules! index_of {
    () => {
        None
    };
    ($n:expr, $i:ident) => {
        Some($i as usize)
    };
}

macro_rules! count {
    () => {
        1
    };
    ($n:expr) => {
        $n
    };
}

macro_rules! fill {
    ($all:ident, $at:ident, $name:ident) => {
        $all[$at] = Some(Param::$name);
        $at += 1;
    };
    ($all:ident, $at:ident, $name:ident, $n:expr) => {
        let mut k = 0;
        while k < $n {
            $all[$at] = Some(Param::$name(k as u8));
            $at += 1;
            k += 1;
        }
    };
}

/// Defines [`Param`] (one variant per entry; `Name[n]` takes a 0-based
/// index below n), [`Param::ALL`] in table order and [`Param::def`].
macro_rules! inputs {
    ($( $(#[$doc:meta])* $name:ident $([$n:expr])? = $def:expr; )*) => {
        /// One user-settable number (see the table in this module).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Param {
            $( $(#[$doc])* $name $( (index_type!($n)) )?, )*
        }

        const COUNT: usize = 0 $( + count!($($n)?) )*;

        const ALL_OPTIONS: [Option<Param>; COUNT] = {
            let mut all = [None; COUNT];
            let mut at = 0;
            $( fill!(all, at, $name $(, $n)?); )*
            assert!(at == COUNT);
            all
        };

        impl Param {
            /// Every numeric input, in page order (the table's order).
            pub const ALL: &'static [Param] = &{
                let mut out = [Param::Benefit; COUNT];
                let mut i = 0;
                while i < COUNT {
                    out[i] = match ALL_OPTIONS[i] {
                        Some(p) => p,
                        None => panic!("the table fills every slot"),
                    };
                    i += 1;
                }
                out
            };

            /// This input's definition.
            pub fn def(self) -> &'static Def {
                match self {
                    $( Param::$name $( (wild!($n)) )? => {
                        const D: Def = $def;
                        &D
                    } )*
                }
            }

            /// The 0-based index of an indexed input (a journey stage, a knot…).
            pub fn index(self) -> Option<usize> {
                match self {
                    $( Param::$name $( (bind!($n, i)) )? => index_of!($($n, i)?), )*
                }
            }
        }
    };
}

inputs! {
    /// Perceived benefit B, points.
    Benefit = Def { key: "b", hook: "benefit", unit: Unit::Points, range: (0.0, 100.0),
        field: field!(benefit), label: Label::Fixed(L("Perceived benefit B", "客户感知收益 B")),
        hint: L("What the customer feels they got: product, service, emotion.", "客户觉得得到了什么：产品、服务、情感。"), ..Def::BASE };
    /// Perceived cost C, points.
    Cost = Def { key: "c", hook: "cost", unit: Unit::Points, range: (0.0, 100.0),
        field: field!(cost), label: Label::Fixed(L("Perceived cost C", "客户感知成本 C")),
        hint: L("What it cost them: money, time, effort and risk.", "客户付出了什么：金钱、时间、精力和风险。"), ..Def::BASE };
    /// Expectation E, points.
    Expectation = Def { key: "e", hook: "expectation", unit: Unit::Points, range: (0.0, 100.0),
        field: field!(expectation), label: Label::Fixed(L("Expectation E", "客户预期价值 E")),
        hint: L("What they expected, from past visits, price and promises.", "客户原本期待什么：来自过往经历、价格和营销承诺。"), ..Def::BASE };
    /// Journey stage score (0-based stage), points.
    JourneyScore[MAX_STAGES] = Def { key: "js", hook: "journey-score", unit: Unit::Points, range: (0.0, 100.0),
        field: field!([journey_scores]), label: Label::Stage(L("score", "得分")),
        hint: L("How this stage felt, 0–100.", "这个阶段的体验，0–100 分。"), ..Def::BASE };
    /// Journey stage weight (0-based stage), fraction.
    JourneyWeight[MAX_STAGES] = Def { key: "jw", hook: "journey-weight", unit: Unit::Percent, range: (0.0, 1.0),
        field: field!([journey_weights]), label: Label::Stage(L("weight", "权重")),
        hint: L("How much this stage counts in the whole.", "这个阶段在整体体验中的分量。"), ..Def::BASE };
    /// Expectation builder: past experience, points.
    ExpPast = Def { key: "ep", hook: "expectation-past", unit: Unit::Points, range: (0.0, 100.0),
        field: field!(exp_past), label: Label::Fixed(L("Past experience / price signal", "过往经历 / 价格信号")),
        hint: L("The baseline a customer brings, in points.", "客户带来的基准预期（分）。"), ..Def::BASE };
    /// Expectation builder: promise, points.
    ExpPromise = Def { key: "epr", hook: "expectation-promise", unit: Unit::Points, range: (0.0, 100.0),
        field: field!(exp_promise), label: Label::Fixed(L("Marketing promise on top", "额外的营销承诺")),
        hint: L("Half of what is promised is believed and expected.", "承诺的一半会被相信，并计入预期。"), ..Def::BASE };
    /// Expectation builder: implicit needs, points.
    ExpImplicit = Def { key: "ei", hook: "expectation-implicit", unit: Unit::Points, range: (0.0, 100.0),
        field: field!(exp_implicit), label: Label::Fixed(L("Implicit needs", "隐性需求")),
        hint: L("Needs nobody says aloud but everyone misses; count a quarter.", "没人说出口却都会在意的需求，按四分之一计入。"), ..Def::BASE };
    /// Trap knot ℓ(i+1) (0-based), fraction.
    TrapKnot[5] = Def { key: "k", hook: "trap-knot", unit: Unit::Percent, range: (0.0, 1.0),
        field: field!([trap_knots]), label: Label::Knot,
        hint: L("Repurchase probability at this survey answer.", "该满意度答卷对应的复购概率。"), ..Def::BASE };
    /// Points per satisfaction step.
    PointsPerStep = Def { key: "pps", hook: "points-per-step", unit: Unit::Points, range: (1.0, 100.0),
        field: field!(points_per_step), label: Label::Fixed(L("Points per satisfaction step", "每级满意度对应的分值")),
        hint: L("How many points of S move the survey answer by one.", "S 变化多少分，满意度答卷变化一级。"), ..Def::BASE };
    /// CSAT share of answer i+1 (0-based), fraction.
    Csat[5] = Def { key: "cs", hook: "csat", unit: Unit::Percent, range: (0.0, 1.0),
        field: field!([csat]), label: Label::Answer,
        hint: L("Share of survey answers.", "答卷占比。"), ..Def::BASE };
    /// CSAT share moved up, fraction.
    CsatMove = Def { key: "cm", hook: "csat-move", unit: Unit::Percent, range: (0.0, 1.0),
        field: field!(csat_move), label: Label::Fixed(L("Share moved up one step x", "上移一级的比例 x")),
        hint: L("Compare two ways of improving the same share of customers.", "比较两种改善同等比例客户的做法。"), ..Def::BASE };
    /// Attitudinal loyalty L, fraction.
    Loyalty = Def { key: "l", hook: "loyalty", unit: Unit::Percent, range: (0.0, 1.0),
        field: field!(loyalty), label: Label::Fixed(L("Attitudinal loyalty L", "态度忠诚 L")),
        hint: L("Share who come back out of attachment, whatever happens.", "出于认同而回来的客户占比，不受单次体验影响。"), ..Def::BASE };
    /// Stickiness ceiling K_max, fraction.
    StickinessMax = Def { key: "km", hook: "stickiness-max", unit: Unit::Percent, range: (0.0, 1.0),
        field: field!(stickiness_max), label: Label::Fixed(L("Stickiness ceiling K_max", "粘性上限 K_max")),
        hint: L("The most habit can add to coming back.", "习惯最多能带来多少复购。"), ..Def::BASE };
    /// Habit point h, count.
    HabitPurchase = Def { key: "h", hook: "habit-purchase", unit: Unit::Count, range: (1.0, 10.0),
        field: field!(habit_purchase), label: Label::Fixed(L("Habit forms at purchase h", "习惯形成于第 h 次购买")),
        hint: L("By then stickiness reaches 95% of its ceiling (seed: around the 5th).", "此时粘性达到上限的 95%（文章：约第 5 次）。"), ..Def::BASE };
    /// Demand D, fraction.
    Demand = Def { key: "d", hook: "demand", unit: Unit::Percent, range: (0.0, 1.0),
        field: field!(demand), label: Label::Fixed(L("Demand D", "需求 D")),
        hint: L("Do they still need it when the next occasion comes?", "下一次场景出现时，客户还需要吗？"), ..Def::BASE };
    /// Trust T, fraction.
    Trust = Def { key: "t", hook: "trust", unit: Unit::Percent, range: (0.0, 1.0),
        field: field!(trust), label: Label::Fixed(L("Trust T", "信任 T")),
        hint: L("Do they trust you to deliver again?", "客户相信你下次还能做好吗？"), ..Def::BASE };
    /// Exposure X, fraction.
    Exposure = Def { key: "x", hook: "exposure", unit: Unit::Percent, range: (0.0, 1.0),
        field: field!(exposure), label: Label::Fixed(L("Exposure X", "曝光 X")),
        hint: L("Are you in front of them at that moment?", "在那个时刻，你出现在客户面前了吗？"), ..Def::BASE };
    /// Average order value, money.
    Aov = Def { key: "aov", hook: "aov", unit: Unit::Money, range: (0.0, 1e7), slider: Some((0.0, 2_000.0)),
        field: field!(aov), label: Label::Fixed(L("Average order value", "客单价")),
        hint: L("Per purchase, in your currency.", "每次购买金额，按您的货币计。"), ..Def::BASE };
    /// Customer value: customers, count.
    CvCustomers = Def { key: "cvn", hook: "cv-customers", unit: Unit::Count, range: (0.0, 1e9), slider: Some((0.0, 100_000.0)), step: 100.0,
        field: field!(cv_customers), label: Label::Fixed(L("Customers", "客户数")),
        hint: L("Customers in the period.", "期间内的客户数。"), ..Def::BASE };
    /// Customer value: purchases per customer, count.
    CvFrequency = Def { key: "cvf", hook: "cv-frequency", unit: Unit::Count, range: (0.0, 1_000.0), slider: Some((0.0, 20.0)), step: 0.1,
        field: field!(cv_frequency), label: Label::Fixed(L("Purchases per customer", "人均购买次数")),
        hint: L("Purchase frequency in the period.", "期间内的购买频次。"), ..Def::BASE };
    /// Top-up: bill, money.
    TopUpBill = Def { key: "tub", hook: "topup-bill", unit: Unit::Money, range: (0.0, 1e7), slider: Some((0.0, 2_000.0)),
        field: field!(topup_bill), label: Label::Fixed(L("Today's bill", "本单金额")),
        hint: L("What the customer would pay today.", "客户今天要付的金额。"), ..Def::BASE };
    /// Top-up: multiple k, count.
    TopUpMultiple = Def { key: "tuk", hook: "topup-multiple", unit: Unit::Count, range: (0.0, 20.0), step: 0.1,
        field: field!(topup_multiple), label: Label::Fixed(L("Top-up multiple k", "充值倍数 k")),
        hint: L("Top up k bills and today's is free.", "充值 k 倍本单金额，本单免单。"), ..Def::BASE };
    /// 5A path step (0-based), people.
    Funnel[5] = Def { key: "f", hook: "funnel", unit: Unit::Count, range: (0.0, 1e9), slider: Some((0.0, 100_000.0)), step: 100.0,
        field: field!([funnel]), label: Label::FunnelStep,
        hint: L("People at this step.", "到达这一步的人数。"), ..Def::BASE };
    /// Dormancy decay δ, fraction.
    Decay = Def { key: "dl", hook: "decay", unit: Unit::Percent, range: (0.0, 1.0),
        field: field!(decay), label: Label::Fixed(L("Dormancy decay δ per period", "每期沉睡衰减 δ")),
        hint: L("Each period away multiplies the chance of coming back by δ.", "每多离开一期，回购概率乘以 δ。"), ..Def::BASE };
    /// Churn after s periods, count.
    ChurnAfter = Def { key: "sc", hook: "churn-after", unit: Unit::Count, range: (2.0, 24.0), whole: true,
        field: field!(churn_after), label: Label::Fixed(L("Churned after s periods away", "离开 s 期后视为流失")),
        hint: L("From then on only the win-back rate applies.", "此后只有召回率起作用。"), ..Def::BASE };
    /// Sleeping from s periods, count.
    SleepingFrom = Def { key: "sf", hook: "sleeping-from", unit: Unit::Count, range: (1.0, 23.0), whole: true,
        field: field!(sleeping_from), label: Label::Fixed(L("Sleeping from s periods away", "离开 s 期起视为沉睡")),
        hint: L("Before that a customer who skipped a period is silent.", "在此之前，错过一期的客户算作沉默。"), ..Def::BASE };
    /// Win-back rate w, fraction.
    WinBack = Def { key: "wb", hook: "win-back", unit: Unit::Percent, range: (0.0, 1.0),
        field: field!(win_back), label: Label::Fixed(L("Win-back rate w", "流失召回率 w")),
        hint: L("Share of churned customers who buy again each period.", "每期重新购买的流失客户占比。"), ..Def::BASE };
    /// New customers per period N, count.
    NewCustomers = Def { key: "n", hook: "new-customers", unit: Unit::Count, range: (0.0, 1e9), slider: Some((0.0, 20_000.0)), step: 100.0,
        field: field!(new_customers), label: Label::Fixed(L("New customers per period N", "每期新客数 N")),
        hint: L("Size of the first cohort.", "第一个同期群的规模。"), ..Def::BASE };
    /// Growth per period g, fraction.
    Growth = Def { key: "g", hook: "growth", unit: Unit::Percent, range: (-1.0, 1.0), slider: Some((-0.2, 0.2)),
        field: field!(growth), label: Label::Fixed(L("Growth of new customers g", "新客增长率 g")),
        hint: L("Each cohort is (1 + g) times the one before.", "每个同期群是上一个的 (1 + g) 倍。"), ..Def::BASE };
    /// Cohorts C, count.
    Cohorts = Def { key: "cc", hook: "cohorts", unit: Unit::Count, range: (1.0, 120.0), slider: Some((1.0, 60.0)), whole: true,
        field: field!(cohorts), label: Label::Fixed(L("Cohorts C", "同期群数 C")),
        hint: L("Rows of the triangle.", "三角表的行数。"), ..Def::BASE };
    /// Window H, count.
    Window = Def { key: "hw", hook: "window", unit: Unit::Count, range: (1.0, 120.0), slider: Some((1.0, 60.0)), whole: true,
        field: field!(window), label: Label::Fixed(L("Window H (periods)", "观察窗口 H（期）")),
        hint: L("Columns of the triangle.", "三角表的列数。"), ..Def::BASE };
    /// Gross margin, fraction.
    Margin = Def { key: "gm", hook: "margin", unit: Unit::Percent, range: (0.0, 1.0),
        field: field!(margin), label: Label::Fixed(L("Gross margin", "毛利率")),
        hint: L("Share of revenue kept as gross profit.", "收入中毛利所占比例。"), ..Def::BASE };
    /// LTV periods L, count.
    LtvPeriods = Def { key: "lp", hook: "ltv-periods", unit: Unit::Count, range: (1.0, 240.0), slider: Some((1.0, 120.0)), whole: true,
        field: field!(ltv_periods), label: Label::Fixed(L("Lifetime value over L periods", "终身价值计算期数 L")),
        hint: L("Horizon of the per-customer lifetime value.", "单客终身价值的计算期限。"), ..Def::BASE };
    /// Habit programme target, count.
    HabitTarget = Def { key: "ht", hook: "habit-target", unit: Unit::Count, range: (2.0, 10.0), whole: true,
        field: field!(habit_target), label: Label::Fixed(L("Habit programme: target purchase", "习惯计划：目标购买次数")),
        hint: L("Seed 000: buy 3–5 times within about a month.", "文章：一个月内购买 3–5 次。"), ..Def::BASE };
    /// Habit programme boost, fraction.
    HabitBoost = Def { key: "hb", hook: "habit-boost", unit: Unit::Percent, range: (0.0, 1.0),
        field: field!(habit_boost), label: Label::Fixed(L("Habit programme: boost", "习惯计划：提升幅度")),
        hint: L("Added to the repurchase chance below the target.", "未达目标前，回购概率增加的幅度。"), ..Def::BASE };
    /// Habit programme reward cost, money.
    HabitReward = Def { key: "hr", hook: "habit-reward", unit: Unit::Money, range: (0.0, 1e7), slider: Some((0.0, 500.0)),
        field: field!(habit_reward), label: Label::Fixed(L("Habit programme: reward cost", "习惯计划：奖励成本")),
        hint: L("Paid each time a customer reaches the target.", "客户每达成一次目标就支付一次。"), ..Def::BASE };
    /// Reminder recency r, count.
    ReminderAt = Def { key: "ra", hook: "reminder-at", unit: Unit::Count, range: (1.0, 23.0), whole: true,
        field: field!(reminder_at), label: Label::Fixed(L("Reminder at recency r", "提醒时机：离开第 r 期")),
        hint: L("优剪 reminds on day 20 of a 20–30 day cycle.", "优剪在 20–30 天的理发周期第 20 天提醒。"), ..Def::BASE };
    /// Reminder reach ρ, fraction.
    ReminderReach = Def { key: "rr", hook: "reminder-reach", unit: Unit::Percent, range: (0.0, 1.0),
        field: field!(reminder_reach), label: Label::Fixed(L("Reminder: share reached ρ", "提醒触达率 ρ")),
        hint: L("Of the customers at that recency.", "处在该离开期数的客户中被触达的比例。"), ..Def::BASE };
    /// Reminder lift, fraction (0.5 = +50%).
    ReminderLift = Def { key: "rl", hook: "reminder-lift", unit: Unit::Percent, range: (0.0, 10.0), slider: Some((0.0, 3.0)),
        field: field!(reminder_lift), label: Label::Fixed(L("Reminder: lift", "提醒带来的提升")),
        hint: L("Relative rise of the repurchase chance of those reached.", "被触达客户回购概率的相对提升。"), ..Def::BASE };
    /// Reminder message cost, money.
    ReminderCost = Def { key: "rc", hook: "reminder-cost", unit: Unit::Money, range: (0.0, 1e7), slider: Some((0.0, 20.0)), step: 0.1,
        field: field!(reminder_cost), label: Label::Fixed(L("Reminder: cost per message", "提醒：每条消息成本")),
        hint: L("SMS, push or call, per message sent.", "短信、推送或电话，每条的成本。"), ..Def::BASE };
    /// Churn cut for the profit check, fraction.
    ChurnCut = Def { key: "cut", hook: "churn-cut", unit: Unit::Percent, range: (0.0, 1.0),
        field: field!(churn_cut), label: Label::Fixed(L("Cut churn by", "降低流失")),
        hint: L("Seed 000: “cutting churn by 5% lifts profit 20–40%”.", "文章：“流失率降低 5%，利润提升 20%–40%”。"), ..Def::BASE };
    /// Acquisition cost per customer, money.
    Cac = Def { key: "cac", hook: "cac", unit: Unit::Money, range: (0.0, 1e7), slider: Some((0.0, 500.0)),
        field: field!(cac), label: Label::Fixed(L("Acquisition cost per new customer", "每个新客的获客成本")),
        hint: L("Seed 000: acquiring costs at least 5× keeping.", "文章：获客成本至少是留客的 5 倍。"), ..Def::BASE };
}

impl Param {
    /// The short, readable key used in the share link (`b=70`).
    pub fn key(self) -> String {
        match self.index() {
            Some(i) => format!("{}{}", self.def().key, i + 1),
            None => self.def().key.to_string(),
        }
    }

    /// The `data-testid` of the number field (CONTRACT.md); the slider adds `-slider`.
    pub fn testid(self) -> String {
        match self.index() {
            Some(i) => format!("{}-{}", self.def().hook, i + 1),
            None => self.def().hook.to_string(),
        }
    }

    /// How the input is shown and typed.
    pub fn unit(self) -> Unit {
        self.def().unit
    }

    /// Inclusive range in model units.
    pub fn range(self) -> (f64, f64) {
        self.def().range
    }

    /// The slider's range in model units (wide-ranging counts get a smaller slider).
    pub fn slider_range(self) -> (f64, f64) {
        self.def().slider.unwrap_or(self.def().range)
    }

    /// Slider step in field units.
    pub fn step(self) -> f64 {
        self.def().step
    }

    /// Whether the input only takes whole numbers (periods, cohorts, purchase counts).
    pub fn whole(self) -> bool {
        self.def().whole
    }

    /// The input with this link key, if any.
    pub fn from_key(key: &str) -> Option<Param> {
        Param::ALL.iter().copied().find(|p| p.key() == key)
    }
}

impl Scenario {
    /// The value of one input, in model units.
    pub fn get(&self, param: Param) -> f64 {
        let slots = (param.def().field.get)(self);
        slots[param.index().unwrap_or(0).min(slots.len() - 1)]
    }

    /// Sets one input, clamped into its range (a NaN becomes the minimum).
    /// Returns whether the value had to be clamped.
    pub fn set(&mut self, param: Param, value: f64) -> bool {
        let (lo, hi) = param.range();
        let mut v = clamp(value, lo, hi);
        if param.whole() {
            v = v.round();
        }
        let slots = (param.def().field.get_mut)(self);
        let at = param.index().unwrap_or(0).min(slots.len() - 1);
        slots[at] = v;
        v != value
    }

    /// A copy with every number clamped into its range (for scenarios read
    /// from storage or JSON).
    pub fn clamped(mut self) -> Scenario {
        for p in Param::ALL {
            let v = self.get(*p);
            self.set(*p, v);
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_input_has_its_own_slot_and_words() {
        for p in Param::ALL {
            let mut s = Scenario::default();
            let (lo, hi) = p.range();
            let v = if s.get(*p) == hi { lo } else { hi };
            s.set(*p, v);
            let moved: Vec<_> = Param::ALL
                .iter()
                .filter(|q| s.get(**q) != Scenario::default().get(**q))
                .collect();
            assert_eq!(moved, [p], "{p:?} writes another input's slot");
            assert!(!p.def().hint.0.is_empty() && !p.def().hint.1.is_empty());
            let (slo, shi) = p.slider_range();
            assert!(
                lo <= slo && slo < shi && shi <= hi,
                "{p:?} slider outside its range"
            );
        }
        assert_eq!(Param::ALL.len(), 65);
    }
}
