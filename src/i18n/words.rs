//! The messages of the page, each in English and 中文.

use super::{format_number, format_percent, Lang, L};
use crate::calculator::calculate::Advice;
use crate::calculator::presets::{JourneyKind, Preset};
use crate::calculator::repurchase::{Diagnosis, Lens};
use crate::calculator::scenario::{Param, Unit};
use crate::calculator::tools::Tier;

pub const TITLE: L = L("Repurchase Lab", "复购实验室");
pub const TAGLINE: L = L(
    "Why satisfied customers don't come back — and what would bring them back.",
    "为什么满意的客户不再回来——以及怎样让他们回来。",
);
pub const LANGUAGE: L = L("Language", "语言");
pub const PRESET: L = L("Start from", "从案例开始");
pub const FOOTER: L = L(
    "Runs entirely in your browser. Nothing you enter leaves this page.",
    "完全在浏览器中运行，您输入的内容不会离开本页。",
);
pub const DISMISS: L = L("Dismiss", "关闭");

// Sections.
pub const EXPERIENCE_HEADING: L = L("1 · Experience: what it was worth", "1 · 体验：值不值");
pub const EXPERIENCE_LEAD: L = L(
    "Perceived value is what the customer got minus what it cost them.",
    "体验感知价值 = 客户感知收益 − 客户感知成本。",
);
pub const EXPECTATION_HEADING: L = L(
    "2 · Expectation: what they hoped for",
    "2 · 预期：客户期待什么",
);
pub const EXPECTATION_LEAD: L = L(
    "A good experience is not satisfaction: satisfaction is value minus what the customer expected.",
    "体验好不等于满意：满意度 = 体验感知价值 − 客户预期价值。",
);
pub const SATISFACTION_HEADING: L = L("3 · Satisfaction: the trap", "3 · 满意度：满意陷阱");
pub const SATISFACTION_LEAD: L = L(
    "Satisfied is not loyal: between “satisfied” (4) and “neutral” (3) repurchase hardly moves; only the totally satisfied (5) come back.",
    "满意不等于忠诚：从“一般”（3）到“满意”（4）复购几乎不变，只有“非常满意”（5）的客户才会回来。",
);
pub const REPURCHASE_HEADING: L = L(
    "4 · Repurchase: habit, loyalty, and the second lens",
    "4 · 复购：习惯、忠诚与第二视角",
);
pub const REPURCHASE_LEAD: L = L(
    "Repurchase = satisfaction + stickiness or loyalty. Or, seen another way, demand × trust × exposure.",
    "复购 = 满意度 + 粘性或忠诚。换个角度看：复购 = 需求 × 信任 × 曝光。",
);
pub const TOOLS_HEADING: L = L(
    "5 · Small calculators from the articles",
    "5 · 文章中的小计算器",
);
pub const DIAGNOSIS_HEADING: L = L("Where the chain breaks", "链条断在哪里");

// Outputs.
pub const VALUE: L = L("Perceived value V", "体验感知价值 V");
pub const SATISFACTION: L = L("Satisfaction S", "客户满意度 S");
pub const SAT5: L = L("Satisfaction on the 1–5 scale", "1–5 分制满意度");
pub const TRAP_PROBABILITY: L = L("Repurchase from satisfaction ℓ", "满意带来的复购 ℓ");
pub const REPURCHASE_SCORE: L = L(
    "Literal score R(1) = S + 100·max(K, L)",
    "字面得分 R(1) = S + 100·max(K, L)",
);
pub const DTE_PROBABILITY: L = L("Demand × trust × exposure", "需求 × 信任 × 曝光");
pub const P_FIRST: L = L(
    "Comes back after the 1st purchase, p(1)",
    "首购后回购概率 p(1)",
);
pub const STICKINESS_N: L = L("Stickiness K(n)", "粘性 K(n)");
pub const P_N: L = L("Repurchase p(n) per period", "每期复购概率 p(n)");
pub const PURCHASES: L = L("purchases", "次购买");
pub const POINTS: L = L("pt", "分");
pub const FROM_JOURNEY: L = L("B from the journey builder", "B 取自旅程构建器");
pub const FROM_BUILDER: L = L("E from the expectation builder", "E 取自预期构建器");
pub const USE_JOURNEY: L = L("Build B from the customer journey", "用客户旅程计算 B");
pub const USE_BUILDER: L = L("Build E from what shapes it", "用影响因素计算 E");
pub const JOURNEY: L = L("Journey", "旅程");
pub const STAGE_SCORE: L = L("score", "得分");
pub const STAGE_WEIGHT: L = L("weight", "权重");
pub const JOURNEY_B: L = L(
    "Journey benefit B = Σ weight · score",
    "旅程收益 B = Σ 权重 · 得分",
);
pub const JOURNEY_LEVER: L = L("Biggest lever: improve", "最大杠杆：改善");
pub const TIER: L = L("Customer tier", "客户层级");
pub const PROMISE_SWEEP: L = L(
    "“Able to deliver 100, promise 99”: satisfaction S for each promise",
    "“能做到 100 分，只承诺 99 分”：不同承诺下的满意度 S",
);
pub const PROMISE: L = L("promise", "承诺");
pub const LENS: L = L("Lens that gives p(n)", "p(n) 采用的视角");
pub const CSAT_HEADING: L = L(
    "Survey mode: your CSAT answers",
    "调查模式：您的满意度答卷分布",
);
pub const CSAT_EXPECTED: L = L("Expected repurchase Σ share · ℓ", "期望复购 Σ 占比 · ℓ");
pub const CSAT_FOURS: L = L("Move x of the 4s to 5s", "把 x 的 4 分变成 5 分");
pub const CSAT_THREES: L = L("Move x of the 3s to 4s", "把 x 的 3 分变成 4 分");
pub const CV_HEADING: L = L(
    "Customer value = customers × order value × frequency",
    "客户价值 = 客户数 × 客单价 × 购买频次",
);
pub const CV_RESULT: L = L("Customer value", "客户价值");
pub const TOPUP_HEADING: L = L(
    "Prepaid top-up: “top up 3× and today's meal is free”",
    "储值：“充值 3 倍，本单免单”",
);
pub const TOPUP_DISCOUNT: L = L("Effective discount 1/(k+1)", "实际折扣 1/(k+1)");
pub const TOPUP_CASH: L = L("Cash collected today", "今日回笼现金");
pub const TOPUP_COST: L = L("Cost of the free bill", "免单成本");
pub const TOPUP_VISITS: L = L("Future visits locked in", "锁定的未来到店次数");
pub const FUNNEL_HEADING: L = L("5A path: where the funnel leaks", "5A 路径：漏斗在哪里流失");
pub const FUNNEL_LEAK: L = L("Leakiest step", "流失最多的一步");
pub const WEAKEST: L = L("weakest link", "最弱一环");

// Chart words.
pub const CHART_POINTS: L = L("points", "分值");
pub const WATERFALL_BARS: [L; 5] = [
    L("B", "收益 B"),
    L("−C", "−成本 C"),
    L("V", "价值 V"),
    L("−E", "−预期 E"),
    L("S", "满意 S"),
];
pub const WATERFALL_ALT: L = L(
    "Waterfall from perceived benefit through cost and expectation to satisfaction",
    "瀑布图：从感知收益减去成本和预期，得到满意度",
);
pub const TRAP_X: L = L(
    "satisfaction (1 = very dissatisfied … 5 = totally satisfied)",
    "满意度（1 = 非常不满意 … 5 = 非常满意）",
);
pub const TRAP_Y: L = L("repurchase", "复购概率");
pub const TRAP_ZONES: [L; 3] = [
    L("defection", "背离区"),
    L("indifference", "无差异区"),
    L("affection", "忠诚区"),
];
pub const TRAP_ALT: L = L(
    "The satisfaction trap: repurchase probability against satisfaction, flat between 3 and 4, steep from 4 to 5; the current point is marked",
    "满意陷阱：复购概率随满意度变化，3 到 4 之间平坦，4 到 5 陡升；图中标出当前位置",
);
pub const STICKY_X: L = L("purchases so far", "已购买次数");
pub const STICKY_Y: L = L("stickiness", "粘性");
pub const STICKY_TIERS: [L; 2] = [
    L("≥3: attention", "≥3 次：值得关注"),
    L("≥5: care", "≥5 次：重点维护"),
];
pub const STICKY_HABIT: L = L("habit", "习惯形成");
pub const STICKY_ALT: L = L(
    "Stickiness by number of purchases, rising fast over the first purchases and flattening after the habit point",
    "粘性随购买次数变化：前几次上升最快，习惯形成后趋于平稳",
);
pub const P_Y: L = L("repurchase per period", "每期复购概率");
pub const P_SERIES: [L; 2] = [
    L("chain lens", "链条视角"),
    L("D × T × X", "需求×信任×曝光"),
];
pub const P_ALT: L = L(
    "Per-period repurchase probability by purchase count, for both lenses",
    "两种视角下，每期复购概率随购买次数的变化",
);
pub const DTE_BARS: [L; 4] = [
    L("demand", "需求"),
    L("trust", "信任"),
    L("exposure", "曝光"),
    L("product", "乘积"),
];
pub const DTE_ALT: L = L(
    "Demand, trust and exposure as bars, with their product; the weakest link is highlighted",
    "需求、信任、曝光三个因素及其乘积的条形图，最弱一环高亮",
);
pub const JOURNEY_Y: L = L("score", "体验得分");
pub const JOURNEY_ALT: L = L(
    "The customer journey: experience score by stage; dot size shows the stage's weight, the lowest stage is marked",
    "客户旅程：各阶段的体验得分，圆点大小表示权重，最低的阶段标红",
);

// Field messages and link notices.
pub const CLAMPED_TO: L = L("Out of range, set to", "超出范围，已设为");
pub const NOT_A_NUMBER: L = L(
    "Not a number — kept the previous value.",
    "不是数字——已保留原值。",
);
pub const LINK_NOTICE: L = L(
    "Part of this link could not be used:",
    "此链接中有部分内容无法使用：",
);
pub const LINK_UNKNOWN_KEY: L = L("unknown key", "未知参数");
pub const LINK_MALFORMED: L = L("unreadable value", "无法读取的值");
pub const LINK_CLAMPED: L = L("out of range, set to", "超出范围，已设为");
pub const LINK_VERSION: L = L(
    "unknown link version, read as version 1",
    "未知的链接版本，已按版本 1 读取",
);

/// The unit shown next to a field.
pub fn unit(unit: Unit) -> L {
    match unit {
        Unit::Points => L("pt", "分"),
        Unit::Percent => L("%", "%"),
        Unit::Count => L("", ""),
        Unit::Money => L("", "元"),
    }
}

/// Name of a preset.
pub fn preset(p: Preset) -> L {
    match p {
        Preset::Blank => L("Blank (article defaults)", "空白（文章默认值）"),
        Preset::Haircut => L("Haircut chain (优剪)", "理发连锁（优剪）"),
        Preset::Hotpot => L("Hot-pot restaurant", "火锅店（海底捞）"),
        Preset::Hotel => L("Hotel (亚朵)", "酒店（亚朵）"),
        Preset::Finance => L("Internet finance", "互联网金融"),
        Preset::Ecommerce => L("E-commerce", "电商"),
    }
}

/// Name of a lens.
pub fn lens(l: Lens) -> L {
    match l {
        Lens::Chain => L("Satisfaction, stickiness or loyalty", "满意度、粘性或忠诚"),
        Lens::Dte => L("Demand × trust × exposure", "需求 × 信任 × 曝光"),
    }
}

/// Name of a customer tier.
pub fn tier(t: Tier) -> L {
    match t {
        Tier::New => L("new", "新客"),
        Tier::Returning => L("returning", "回头客"),
        Tier::Vip => L("VIP", "VIP 会员"),
    }
}

/// Name of a journey.
pub fn journey(k: JourneyKind) -> L {
    match k {
        JourneyKind::Ecommerce => L("E-commerce (seed 003)", "电商（文章 003）"),
        JourneyKind::Restaurant => L("Restaurant (seed 002)", "餐厅（文章 002）"),
    }
}

/// Names of the stages of a journey.
pub fn stages(k: JourneyKind) -> &'static [L] {
    match k {
        JourneyKind::Ecommerce => &[
            L("browse", "浏览"),
            L("purchase", "下单"),
            L("wait for delivery", "等待收货"),
            L("arrival", "收到商品"),
        ],
        JourneyKind::Restaurant => &[
            L("enter", "进店"),
            L("order", "点餐"),
            L("wait", "等餐"),
            L("eat", "用餐"),
            L("pay", "结账"),
            L("leave", "离店"),
        ],
    }
}

/// 5A step names.
pub const FUNNEL_STEPS: [L; 5] = [
    L("aware", "了解"),
    L("appeal", "吸引"),
    L("ask", "问询"),
    L("act", "行动"),
    L("advocate", "拥护"),
];

/// Label and one-line hint of an input.
pub fn input(p: Param, journey_kind: JourneyKind, lang: Lang) -> (String, &'static str) {
    let fixed = |l: L, h: L| (l.get(lang).to_string(), h.get(lang));
    match p {
        Param::Benefit => fixed(
            L("Perceived benefit B", "客户感知收益 B"),
            L(
                "What the customer feels they got: product, service, emotion.",
                "客户觉得得到了什么：产品、服务、情感。",
            ),
        ),
        Param::Cost => fixed(
            L("Perceived cost C", "客户感知成本 C"),
            L(
                "What it cost them: money, time, effort and risk.",
                "客户付出了什么：金钱、时间、精力和风险。",
            ),
        ),
        Param::Expectation => fixed(
            L("Expectation E", "客户预期价值 E"),
            L(
                "What they expected, from past visits, price and promises.",
                "客户原本期待什么：来自过往经历、价格和营销承诺。",
            ),
        ),
        Param::JourneyScore(i) | Param::JourneyWeight(i) => {
            let names = stages(journey_kind);
            let name = names.get(i as usize).map(|l| l.get(lang)).unwrap_or("—");
            let what = if matches!(p, Param::JourneyScore(_)) {
                STAGE_SCORE
            } else {
                STAGE_WEIGHT
            };
            (
                format!("{name} · {}", what.get(lang)),
                if matches!(p, Param::JourneyScore(_)) {
                    L("How this stage felt, 0–100.", "这个阶段的体验，0–100 分。").get(lang)
                } else {
                    L(
                        "How much this stage counts in the whole.",
                        "这个阶段在整体体验中的分量。",
                    )
                    .get(lang)
                },
            )
        }
        Param::ExpPast => fixed(
            L("Past experience / price signal", "过往经历 / 价格信号"),
            L(
                "The baseline a customer brings, in points.",
                "客户带来的基准预期（分）。",
            ),
        ),
        Param::ExpPromise => fixed(
            L("Marketing promise on top", "额外的营销承诺"),
            L(
                "Half of what is promised is believed and expected.",
                "承诺的一半会被相信，并计入预期。",
            ),
        ),
        Param::ExpImplicit => fixed(
            L("Implicit needs", "隐性需求"),
            L(
                "Needs nobody says aloud but everyone misses; count a quarter.",
                "没人说出口却都会在意的需求，按四分之一计入。",
            ),
        ),
        Param::Loyalty => fixed(
            L("Attitudinal loyalty L", "态度忠诚 L"),
            L(
                "Share who come back out of attachment, whatever happens.",
                "出于认同而回来的客户占比，不受单次体验影响。",
            ),
        ),
        Param::StickinessMax => fixed(
            L("Stickiness ceiling K_max", "粘性上限 K_max"),
            L(
                "The most habit can add to coming back.",
                "习惯最多能带来多少复购。",
            ),
        ),
        Param::HabitPurchase => fixed(
            L("Habit forms at purchase h", "习惯形成于第 h 次购买"),
            L(
                "By then stickiness reaches 95% of its ceiling (seed: around the 5th).",
                "此时粘性达到上限的 95%（文章：约第 5 次）。",
            ),
        ),
        Param::TrapKnot(i) => (
            format!("ℓ({})", i + 1),
            L(
                "Repurchase probability at this survey answer.",
                "该满意度答卷对应的复购概率。",
            )
            .get(lang),
        ),
        Param::PointsPerStep => fixed(
            L("Points per satisfaction step", "每级满意度对应的分值"),
            L(
                "How many points of S move the survey answer by one.",
                "S 变化多少分，满意度答卷变化一级。",
            ),
        ),
        Param::Demand => fixed(
            L("Demand D", "需求 D"),
            L(
                "Do they still need it when the next occasion comes?",
                "下一次场景出现时，客户还需要吗？",
            ),
        ),
        Param::Trust => fixed(
            L("Trust T", "信任 T"),
            L(
                "Do they trust you to deliver again?",
                "客户相信你下次还能做好吗？",
            ),
        ),
        Param::Exposure => fixed(
            L("Exposure X", "曝光 X"),
            L(
                "Are you in front of them at that moment?",
                "在那个时刻，你出现在客户面前了吗？",
            ),
        ),
        Param::Csat(i) => (
            match lang {
                Lang::En => format!("Answered {}", i + 1),
                Lang::Zh => format!("答 {} 分", i + 1),
            },
            L("Share of survey answers.", "答卷占比。").get(lang),
        ),
        Param::CsatMove => fixed(
            L("Share moved up one step x", "上移一级的比例 x"),
            L(
                "Compare two ways of improving the same share of customers.",
                "比较两种改善同等比例客户的做法。",
            ),
        ),
        Param::Aov => fixed(
            L("Average order value", "客单价"),
            L(
                "Per purchase, in your currency.",
                "每次购买金额，按您的货币计。",
            ),
        ),
        Param::CvCustomers => fixed(
            L("Customers", "客户数"),
            L("Customers in the period.", "期间内的客户数。"),
        ),
        Param::CvFrequency => fixed(
            L("Purchases per customer", "人均购买次数"),
            L("Purchase frequency in the period.", "期间内的购买频次。"),
        ),
        Param::TopUpBill => fixed(
            L("Today's bill", "本单金额"),
            L("What the customer would pay today.", "客户今天要付的金额。"),
        ),
        Param::TopUpMultiple => fixed(
            L("Top-up multiple k", "充值倍数 k"),
            L(
                "Top up k bills and today's is free.",
                "充值 k 倍本单金额，本单免单。",
            ),
        ),
        Param::Funnel(i) => (
            FUNNEL_STEPS[(i as usize).min(4)].get(lang).to_string(),
            L("People at this step.", "到达这一步的人数。").get(lang),
        ),
        Param::Decay => fixed(
            L("Dormancy decay δ per period", "每期沉睡衰减 δ"),
            L(
                "Each period away multiplies the chance of coming back by δ.",
                "每多离开一期，回购概率乘以 δ。",
            ),
        ),
        Param::ChurnAfter => fixed(
            L("Churned after s periods away", "离开 s 期后视为流失"),
            L(
                "From then on only the win-back rate applies.",
                "此后只有召回率起作用。",
            ),
        ),
        Param::SleepingFrom => fixed(
            L("Sleeping from s periods away", "离开 s 期起视为沉睡"),
            L(
                "Before that a customer who skipped a period is silent.",
                "在此之前，错过一期的客户算作沉默。",
            ),
        ),
        Param::WinBack => fixed(
            L("Win-back rate w", "流失召回率 w"),
            L(
                "Share of churned customers who buy again each period.",
                "每期重新购买的流失客户占比。",
            ),
        ),
        Param::NewCustomers => fixed(
            L("New customers per period N", "每期新客数 N"),
            L("Size of the first cohort.", "第一个同期群的规模。"),
        ),
        Param::Growth => fixed(
            L("Growth of new customers g", "新客增长率 g"),
            L(
                "Each cohort is (1 + g) times the one before.",
                "每个同期群是上一个的 (1 + g) 倍。",
            ),
        ),
        Param::Cohorts => fixed(
            L("Cohorts C", "同期群数 C"),
            L("Rows of the triangle.", "三角表的行数。"),
        ),
        Param::Window => fixed(
            L("Window H (periods)", "观察窗口 H（期）"),
            L("Columns of the triangle.", "三角表的列数。"),
        ),
        Param::Margin => fixed(
            L("Gross margin", "毛利率"),
            L(
                "Share of revenue kept as gross profit.",
                "收入中毛利所占比例。",
            ),
        ),
        Param::LtvPeriods => fixed(
            L("Lifetime value over L periods", "终身价值计算期数 L"),
            L(
                "Horizon of the per-customer lifetime value.",
                "单客终身价值的计算期限。",
            ),
        ),
        Param::HabitTarget => fixed(
            L("Habit programme: target purchase", "习惯计划：目标购买次数"),
            L(
                "Seed 000: buy 3–5 times within about a month.",
                "文章：一个月内购买 3–5 次。",
            ),
        ),
        Param::HabitBoost => fixed(
            L("Habit programme: boost", "习惯计划：提升幅度"),
            L(
                "Added to the repurchase chance below the target.",
                "未达目标前，回购概率增加的幅度。",
            ),
        ),
        Param::HabitReward => fixed(
            L("Habit programme: reward cost", "习惯计划：奖励成本"),
            L(
                "Paid each time a customer reaches the target.",
                "客户每达成一次目标就支付一次。",
            ),
        ),
        Param::ReminderAt => fixed(
            L("Reminder at recency r", "提醒时机：离开第 r 期"),
            L(
                "优剪 reminds on day 20 of a 20–30 day cycle.",
                "优剪在 20–30 天的理发周期第 20 天提醒。",
            ),
        ),
        Param::ReminderReach => fixed(
            L("Reminder: share reached ρ", "提醒触达率 ρ"),
            L(
                "Of the customers at that recency.",
                "处在该离开期数的客户中被触达的比例。",
            ),
        ),
        Param::ReminderLift => fixed(
            L("Reminder: lift", "提醒带来的提升"),
            L(
                "Relative rise of the repurchase chance of those reached.",
                "被触达客户回购概率的相对提升。",
            ),
        ),
        Param::ReminderCost => fixed(
            L("Reminder: cost per message", "提醒：每条消息成本"),
            L(
                "SMS, push or call, per message sent.",
                "短信、推送或电话，每条的成本。",
            ),
        ),
        Param::ChurnCut => fixed(
            L("Cut churn by", "降低流失"),
            L(
                "Seed 000: “cutting churn by 5% lifts profit 20–40%”.",
                "文章：“流失率降低 5%，利润提升 20%–40%”。",
            ),
        ),
        Param::Cac => fixed(
            L("Acquisition cost per new customer", "每个新客的获客成本"),
            L(
                "Seed 000: acquiring costs at least 5× keeping.",
                "文章：获客成本至少是留客的 5 倍。",
            ),
        ),
    }
}

/// The diagnosis in a sentence or two: where the chain breaks and which
/// lever helps most, with the numbers.
pub fn diagnosis(
    lang: Lang,
    d: Diagnosis,
    advice: Advice,
    lens_in_use: Lens,
) -> (&'static str, String) {
    let n = |x: f64| format_number(lang, x, 1);
    let p = |x: f64| format_percent(lang, x, 1);
    let title = match d {
        Diagnosis::Experience => L("The experience is not worth its cost", "体验不值这个成本"),
        Diagnosis::Expectation => L("Good, but below what was expected", "体验不错，但低于预期"),
        Diagnosis::Trap => L(
            "Satisfied, yet in the zone of indifference",
            "满意了，却落在无差异区",
        ),
        Diagnosis::Stickiness => L(
            "Delighted, yet no habit holds them",
            "非常满意，却没有习惯留住他们",
        ),
        Diagnosis::None => L("The chain holds", "链条完整"),
    }
    .get(lang);
    let body = match (advice, lang) {
        (Advice::RaiseValue { by }, Lang::En) => format!(
            "Perceived value V is not above zero, so nothing downstream can work. Raise the benefit or cut the cost (money, time, effort, risk) by at least {} points.",
            n(by)
        ),
        (Advice::RaiseValue { by }, Lang::Zh) => format!(
            "体验感知价值 V 不大于零，后面的环节都无从谈起。请把感知收益提高，或把成本（金钱、时间、精力、风险）降低至少 {} 分。",
            n(by)
        ),
        (Advice::CloseGap { by }, Lang::En) => format!(
            "The experience is worth something, but the customer expected more: S falls {} points short. Promise less, or deliver {} points more value.",
            n(by),
            n(by)
        ),
        (Advice::CloseGap { by }, Lang::Zh) => format!(
            "体验有价值，但客户期待更多：满意度还差 {} 分。少承诺一点，或多交付 {} 分的价值。",
            n(by),
            n(by)
        ),
        (Advice::Delight { by, to }, Lang::En) => format!(
            "Between “neutral” and “satisfied” repurchase hardly moves. Raise satisfaction by {} points to reach delight (4.5 of 5), where repurchase from satisfaction is {}.",
            n(by),
            p(to)
        ),
        (Advice::Delight { by, to }, Lang::Zh) => format!(
            "从“一般”到“满意”，复购几乎不变。把满意度再提高 {} 分，达到惊喜（4.5/5），满意带来的复购才会升到 {}。",
            n(by),
            p(to)
        ),
        (Advice::Habit { p3, loyalty }, Lang::En) => {
            let l = match loyalty {
                Some(l) => format!(" — or raise attitudinal loyalty to {}", p(l)),
                None => String::new(),
            };
            format!(
                "Fewer than half come back after one purchase. Bring them to the 3rd purchase (a stamp card, a reminder) where p is {}{l}.",
                p(p3)
            )
        }
        (Advice::Habit { p3, loyalty }, Lang::Zh) => {
            let l = match loyalty {
                Some(l) => format!("；或把态度忠诚提高到 {}", p(l)),
                None => String::new(),
            };
            format!("首购后回来的客户不到一半。用集点卡、到期提醒把他们带到第 3 次购买，那时复购概率为 {}{l}。", p(p3))
        }
        (Advice::WeakestLink { factor, to }, lang) => {
            let name = DTE_BARS[factor.min(2)].get(lang);
            match (to, lang) {
                (Some(to), Lang::En) => format!("Demand × trust × exposure is below one half. The weakest link is {name}: raising it to {} brings the product to 50%.", p(to)),
                (Some(to), Lang::Zh) => format!("需求 × 信任 × 曝光不到一半。最弱一环是{name}：把它提高到 {} 就能使乘积达到 50%。", p(to)),
                (None, Lang::En) => format!("Demand × trust × exposure is below one half. The weakest link is {name}, but even at 100% the other two keep the product under 50%: raise them too."),
                (None, Lang::Zh) => format!("需求 × 信任 × 曝光不到一半。最弱一环是{name}，但即使它达到 100%，另外两项仍使乘积低于 50%：需要一起提高。"),
            }
        }
        (Advice::Holds { p1 }, Lang::En) => format!(
            "Value, expectation, delight and {} all hold: {} come back after their first purchase.",
            if lens_in_use == Lens::Chain { "habit" } else { "demand × trust × exposure" },
            p(p1)
        ),
        (Advice::Holds { p1 }, Lang::Zh) => format!(
            "价值、预期、惊喜和{}都成立：首购后有 {} 的客户会回来。",
            if lens_in_use == Lens::Chain { "习惯" } else { "需求×信任×曝光" },
            p(p1)
        ),
    };
    (title, body)
}

// The simulator.
pub const SIM_HEADING: L = L(
    "6 · Retention cohorts: what programmes would change",
    "6 · 留存同期群：运营计划能改变什么",
);
pub const SIM_LEAD: L = L(
    "Each cohort buys first in its period, then comes back with the repurchase probability above, fading with every period away. Exact expected values, no randomness.",
    "每个同期群在自己的那一期首购，之后按上面的复购概率回购，离开越久概率越低。全部是精确的期望值，没有随机数。",
);
pub const SIM_SETUP: L = L("Cohorts and behaviour", "同期群与行为");
pub const SIM_PROGRAMMES: L = L("Programmes (scenario)", "运营计划（情景）");
pub const PERIOD: L = L("Period", "周期");
pub const HABIT_ON: L = L("Habit programme (stamp card)", "习惯计划（集点卡）");
pub const REMINDER_ON: L = L("Recall reminder", "到期提醒");
pub const MEASURE: L = L("Cells show", "单元格显示");
pub const MEASURES: [L; 3] = [
    L("retention %", "留存率 %"),
    L("customers", "客户数"),
    L("revenue", "收入"),
];
pub const DIFFERENCE: L = L(
    "Colour the scenario by its difference from the baseline",
    "按与基线的差异给情景着色",
);
pub const BASELINE: L = L("Baseline (no programmes)", "基线（无计划）");
pub const SCENARIO: L = L("Scenario (programmes on)", "情景（启用计划）");
pub const COHORT: L = L("cohort", "同期群");
pub const SIZE: L = L("size", "规模");
pub const MEAN: L = L("mean (weighted)", "加权平均");
pub const LOW: L = L("low", "低");
pub const HIGH: L = L("high", "高");
pub const OFFSET_AXIS: L = L("periods since the first purchase", "距首购的期数");
pub const CALENDAR_AXIS: L = L("calendar period", "日历期");
pub const RETENTION_AXIS: L = L("retention", "留存率");
pub const CUSTOMERS_AXIS: L = L("customers", "客户数");
pub const RETENTION_ALT: L = L(
    "Retention curves by cohort and their mean, baseline and scenario",
    "各同期群的留存曲线及平均值（基线与情景）",
);
pub const LIFECYCLE_ALT: L = L(
    "Customers by lifecycle stage over time: active, silent, sleeping, churned",
    "各生命周期阶段的客户数随时间变化：活跃、沉默、沉睡、流失",
);
pub const LIFECYCLE: [L; 4] = [
    L("active", "活跃"),
    L("silent", "沉默"),
    L("sleeping", "沉睡"),
    L("churned", "流失"),
];
pub const RETENTION_AT: L = L("Retention at period", "第几期的留存率");
pub const TOTAL_CUSTOMERS: L = L("Customers", "客户数");
pub const TOTAL_PURCHASES: L = L("Purchases", "购买次数");
pub const FREQUENCY: L = L("Purchases per customer", "人均购买次数");
pub const TOTAL_REVENUE: L = L("Revenue", "收入");
pub const CUSTOMER_VALUE: L = L(
    "Customer value = customers × AOV × frequency",
    "客户价值 = 客户数 × 客单价 × 频次",
);
pub const LTV: L = L("Lifetime value per customer", "单客终身价值");
pub const PROGRAMME_COST: L = L("Programme cost", "计划成本");
pub const PROFIT_DIFF: L = L("Profit difference after costs", "扣除成本后的利润差");
pub const CHURN_HEADING: L = L(
    "Check the claim: “acquiring costs 5× keeping; cutting churn by 5% lifts profit 20–40%”",
    "验证说法：“获客成本是留客的 5 倍；流失率降低 5%，利润提升 20%–40%”",
);
pub const PROFIT_BASE: L = L(
    "Profit (gross profit − acquisition)",
    "利润（毛利 − 获客成本）",
);
pub const PROFIT_CUT: L = L("Profit with churn cut", "降低流失后的利润");
pub const PROFIT_LIFT: L = L("Profit lift on your numbers", "按您的数字，利润提升");
pub const AOV_NOTE: L = L(
    "average order value from the simulator",
    "客单价取自同期群模拟",
);
pub const WINDOW_NOTE: L = L("over the window", "观察窗口内");

/// A period name: (singular noun, cohort prefix).
pub fn period(p: crate::calculator::scenario::Period) -> L {
    match p {
        crate::calculator::scenario::Period::Month => L("month", "月"),
        crate::calculator::scenario::Period::Week => L("week", "周"),
        crate::calculator::scenario::Period::Day => L("day", "天"),
    }
}

/// Cohort c's name: "M1" / "第1月".
pub fn cohort_name(lang: Lang, p: crate::calculator::scenario::Period, c: usize) -> String {
    match lang {
        Lang::En => format!(
            "{}{}",
            period(p)
                .0
                .chars()
                .next()
                .unwrap_or('P')
                .to_ascii_uppercase(),
            c + 1
        ),
        Lang::Zh => format!("第{}{}", c + 1, period(p).1),
    }
}

/// Tooltip of a heatmap cell.
pub fn cell_tooltip(
    lang: Lang,
    p: crate::calculator::scenario::Period,
    c: usize,
    k: usize,
    r: f64,
    a: f64,
    rev: f64,
) -> String {
    let (r, a, rev) = (
        format_percent(lang, r, 1),
        format_number(lang, a, 0),
        super::format_money(lang, rev),
    );
    match lang {
        Lang::En => format!(
            "Cohort {}, {} +{k}: {r} ({a} customers, revenue {rev})",
            cohort_name(lang, p, c),
            period(p).0
        ),
        Lang::Zh => format!(
            "{}同期群，第 +{k} {}：{r}（{a} 位客户，收入 {rev}）",
            cohort_name(lang, p, c),
            period(p).1
        ),
    }
}

// Share, embed, save, export.
pub const COPY_LINK: L = L("Copy link", "复制链接");
pub const COPIED: L = L("Link copied.", "链接已复制。");
pub const COPY_FAILED: L = L(
    "The browser would not copy: the link is selected, press Ctrl+C.",
    "浏览器不允许自动复制：链接已选中，请按 Ctrl+C。",
);
pub const SHARE_URL: L = L("Link to this scenario", "此情景的链接");
pub const EMBED: L = L("Embed…", "嵌入…");
pub const EMBED_HEADING: L = L("Embed a live panel", "嵌入实时面板");
pub const EMBED_PANEL: L = L("Panel", "面板");
pub const EMBED_THEME: L = L("Theme", "主题");
pub const EMBED_CODE: L = L(
    "Paste this into a wiki page (an HTML or iframe macro):",
    "把这段代码粘贴到 Wiki 页面（HTML 或 iframe 宏）：",
);
pub const CLOSE: L = L("Close", "关闭");
pub const THEMES: [L; 3] = [
    L("follow the reader's system", "跟随系统"),
    L("light", "浅色"),
    L("dark", "深色"),
];
pub const PRINT: L = L("Print / PDF", "打印 / PDF");
pub const EXPORT_CSV: L = L("Cohort table (CSV)", "同期群表（CSV）");
pub const EXPORT_JSON: L = L("Scenario and results (JSON)", "情景与结果（JSON）");
pub const CSV_HEADERS: [L; 7] = [
    L("table", "表"),
    L("cohort", "同期群"),
    L("size", "规模"),
    L("offset", "期数"),
    L("active", "活跃客户"),
    L("retention", "留存率"),
    L("revenue", "收入"),
];
pub const SAVED_HEADING: L = L("7 · Saved scenarios", "7 · 已保存的情景");
pub const SAVED_LEAD: L = L(
    "Saved in this browser only. Load one, rename it, or compare any two side by side.",
    "只保存在本浏览器中。可以载入、重命名，或把任意两个并排比较。",
);
pub const SAVE_NAME: L = L("Name", "名称");
pub const SAVE: L = L("Save current scenario", "保存当前情景");
pub const LOAD: L = L("Load", "载入");
pub const RENAME: L = L("Rename to the name above", "改名为上面的名称");
pub const DELETE: L = L("Delete", "删除");
pub const NOTHING_SAVED: L = L("Nothing saved yet.", "还没有保存的情景。");
pub const STORAGE_FULL: L = L(
    "The browser would not store it (storage full or blocked).",
    "浏览器无法保存（存储已满或被禁用）。",
);
pub const COMPARE: L = L("Compare", "比较");
pub const CURRENT: L = L("current scenario", "当前情景");
pub const DIFFERING_INPUTS: L = L("Inputs that differ", "不同的输入");
pub const NO_DIFFERENCES: L = L(
    "The two scenarios have the same inputs.",
    "两个情景的输入完全相同。",
);
pub const HEADLINES: L = L("Headline results", "主要结果");

/// Notice for stored content that could not be read.
pub fn storage_notice(lang: Lang, skipped: usize, foreign: bool) -> String {
    match (lang, foreign) {
        (Lang::En, true) => {
            "Saved scenarios: the stored content is not ours and was ignored.".to_string()
        }
        (Lang::Zh, true) => "已保存的情景：存储内容不是本应用的格式，已忽略。".to_string(),
        (Lang::En, false) => format!("Saved scenarios: {skipped} damaged entries were ignored."),
        (Lang::Zh, false) => format!("已保存的情景：忽略了 {skipped} 条损坏的记录。"),
    }
}

/// Name of an embeddable panel.
pub fn panel(code: &str) -> L {
    match code {
        "calculator" => L(
            "Calculator (the chain and the diagnosis)",
            "计算器（链条与诊断）",
        ),
        "trap" => L("Satisfaction trap curve", "满意陷阱曲线"),
        "stickiness" => L("Stickiness and repurchase", "粘性与复购"),
        "heatmap" => L("Cohort heatmap", "同期群热力图"),
        "retention" => L("Retention curves", "留存曲线"),
        _ => L("The whole page", "整个页面"),
    }
}

// Your data.
pub const DATA_HEADING: L = L(
    "8 · Your data: real cohorts from your transactions",
    "8 · 您的数据：用交易记录生成真实同期群",
);
pub const DATA_LEAD: L = L(
    "Drop a CSV/TSV export (customer, date, amount) anywhere on the page, pick a file, or paste rows. It is read in this browser; nothing is uploaded.",
    "把 CSV/TSV 导出文件（客户、日期、金额）拖到页面任意位置、选择文件或粘贴数据。文件只在本浏览器中读取，不会上传。",
);
pub const CHOOSE_FILE: L = L("Choose a file", "选择文件");
pub const PASTE_HERE: L = L("…or paste rows here", "……或在此粘贴数据");
pub const READ_PASTED: L = L("Read pasted rows", "读取粘贴的数据");
pub const MAP_CUSTOMER: L = L("Customer column", "客户列");
pub const MAP_DATE: L = L("Date column", "日期列");
pub const MAP_AMOUNT: L = L("Amount column", "金额列");
pub const MAP_ORDER: L = L("Order column", "订单列");
pub const NONE_COLUMN: L = L("(none)", "（无）");
pub const DATE_ORDER: L = L("Dates like 05/06/2024 are", "形如 05/06/2024 的日期是");
pub const DATE_ORDERS: [L; 4] = [
    L("decided from the data", "根据数据判断"),
    L("year first (YYYY/MM/DD)", "年在前（YYYY/MM/DD）"),
    L("day first (DD/MM/YYYY)", "日在前（DD/MM/YYYY）"),
    L("month first (MM/DD/YYYY)", "月在前（MM/DD/YYYY）"),
];
pub const DATA_PERIOD: L = L("Cohorts by", "同期群周期");
pub const RETENTION_MODE: L = L("Retention counts customers who bought", "留存计算：客户在");
pub const RETENTION_MODES: [L; 2] = [
    L("in that period", "该期购买"),
    L("in that period or later", "该期或之后购买"),
];
pub const IDLE: L = L("No file yet.", "尚未导入文件。");
pub const WORKING: L = L("Reading…", "正在读取……");
pub const SKIPPED_ROWS: L = L("Rows skipped", "跳过的行");
pub const DOWNLOAD_SKIPPED: L = L("Download the list", "下载清单");
pub const EXPORT_ANALYSIS: L = L("Analysis (JSON)", "分析结果（JSON）");
pub const REPEAT_HEADING: L = L(
    "Your repeat curve: who comes back after the n-th purchase",
    "您的复购曲线：第 n 次购买后回来的比例",
);
pub const REPEAT_SERIES: [L; 2] = [L("your data", "您的数据"), L("model p(n)", "模型 p(n)")];
pub const PARETO: L = L(
    "Revenue from the top 20% of customers",
    "前 20% 客户贡献的收入",
);
pub const TIERS: L = L(
    "Customers by purchases (1, 2, 3–4, 5+)",
    "按购买次数分层（1、2、3–4、5+）",
);
pub const SEGMENTS: L = L(
    "Customers by recency at the end of the data",
    "数据截止时按最近购买分段",
);
pub const WEIGHTED_MEAN: L = MEAN;
pub const SIMPLE_MEAN: L = L("mean (simple)", "简单平均");
pub const IN_PROGRESS: L = L("period still in progress", "该期尚未结束");
pub const DATA_TABLE: L = L(
    "Retention by cohort (your data)",
    "按同期群的留存率（您的数据）",
);

/// The status line after a successful import.
pub fn import_done(lang: Lang, rows: u64, customers: u64, cohorts: usize, skipped: u64) -> String {
    match lang {
        Lang::En => format!(
            "Read {rows} rows: {customers} customers in {cohorts} cohorts; {skipped} rows skipped."
        ),
        Lang::Zh => {
            format!("已读取 {rows} 行：{customers} 位客户，{cohorts} 个同期群；跳过 {skipped} 行。")
        }
    }
}

/// Progress of a large cohort table drawn block by block.
pub fn drawing_table(lang: Lang, done: usize, all: usize) -> String {
    let pct = (done * 100).checked_div(all).unwrap_or(100);
    match lang {
        Lang::En => format!("Drawing the table… {pct}%"),
        Lang::Zh => format!("正在绘制表格……{pct}%"),
    }
}

/// A skip reason in the page language.
pub fn skip_reason(lang: Lang, r: crate::import::SkipReason) -> &'static str {
    use crate::import::SkipReason::*;
    match r {
        MissingField => L(
            "fewer fields than the chosen columns need",
            "字段数少于所选列",
        ),
        EmptyCustomer => L("no customer id", "缺少客户编号"),
        BadDate => L("the date is not a date", "日期无法识别"),
        WrongDayOrder => L(
            "the date does not fit the column's day order",
            "日期与该列的日月顺序不符",
        ),
        BadAmount => L("the amount is not a number", "金额不是数字"),
    }
    .get(lang)
}

/// Why a file could not be read, in the page language.
pub fn import_error(lang: Lang, e: &crate::import::ImportError) -> &'static str {
    use crate::import::ImportError::*;
    match e {
        Empty => L("The file is empty (0 bytes or only blank lines).", "文件是空的（0 字节或只有空行）。"),
        NotText => L("This is not a text file (it looks like an image, a spreadsheet or an archive). Export CSV or TSV and try again.", "这不是文本文件（像是图片、Excel 表格或压缩包）。请导出为 CSV 或 TSV 再试。"),
        HeaderOnly => L("The file has a header line but no rows.", "文件只有表头，没有数据行。"),
        OneColumn => L("The file has only one column: a customer id and a date are needed.", "文件只有一列：至少需要客户编号和日期两列。"),
        NoDateColumn => L("No column holds dates. Choose the date column, or check the date format (YYYY-MM-DD, YYYYMMDD, DD/MM/YYYY …).", "没有找到日期列。请选择日期列，或检查日期格式（YYYY-MM-DD、YYYYMMDD、DD/MM/YYYY……）。"),
        NeedsDateOrder => L("Every date like 05/06/2024 could be day-first or month-first: choose the order below.", "所有形如 05/06/2024 的日期既可能是日在前也可能是月在前：请在下方选择顺序。"),
        NoRows => L("Every row was skipped: check the column choices.", "所有行都被跳过：请检查列的选择。"),
        BadMapping => L("A chosen column does not exist in the file.", "所选的列在文件中不存在。"),
        Cancelled => L("Cancelled.", "已取消。"),
        NoWorker => L("This browser could not start the background reader (Web Worker); try a current browser.", "此浏览器无法启动后台读取（Web Worker），请使用较新的浏览器。"),
        StaleWorker => L("The page was updated: reload it and import again.", "页面已更新：请刷新后重新导入。"),
    }
    .get(lang)
}
pub const CANCEL: L = L("Cancel", "取消");
pub const FIT: L = L("Fit the simulator to this data", "用这份数据拟合模拟器");
pub const FIT_LEAD: L = L(
    "Least squares on the weighted mean retention (in-progress cells left out): base repurchase, stickiness ceiling, habit point and dormancy decay.",
    "对加权平均留存率做最小二乘拟合（不含未结束的期）：基础复购率、粘性上限、习惯形成点和沉睡衰减。",
);
pub const FIT_BASE: L = L("Base repurchase", "基础复购率");
pub const FIT_RMSE: L = L("Fit error (RMSE)", "拟合误差（均方根）");
pub const FIT_SERIES: [L; 2] = [
    L("your mean retention", "您的平均留存"),
    L("fitted simulator", "拟合的模拟器"),
];
pub const USE_FIT: L = L("Use these in the simulator", "在模拟器中使用这些参数");
pub const FIT_NEEDS_DATA: L = L(
    "Not enough complete periods to fit (at least two after the first).",
    "完整的期数不够，无法拟合（首期之后至少需要两期）。",
);
pub const LORENZ: L = L(
    "Who brings the revenue: the Lorenz curve",
    "收入来自谁：洛伦兹曲线",
);
pub const LORENZ_X: L = L("top share of customers", "收入最高的客户占比");
pub const LORENZ_Y: L = L("share of revenue", "收入占比");
pub const TREND: L = L(
    "Retention at one offset, cohort by cohort",
    "同一期数的留存率，逐个同期群",
);
pub const TREND_OFFSET: L = L("Offset", "期数");
pub const EXPORT_DATA_CSV: L = EXPORT_CSV;

// Forecasts (BG/NBD, Gamma-Gamma, sBG).
pub const FORECAST_HEADING: L = L(
    "Forecasts: who is still a customer, what they will buy, how retention decays",
    "预测：谁仍是客户、还会买多少、留存如何衰减",
);
pub const FORECAST_NEEDS_DATA: L = L(
    "Import a transaction file above (one row per purchase) to fit BG/NBD and Gamma-Gamma on your own customers. The retention projection below works with pasted numbers.",
    "在上方导入交易文件（每行一次购买），即可在您自己的客户上拟合 BG/NBD 和 Gamma-Gamma。下方的留存预测可直接粘贴数字使用。",
);
pub const BGNBD_HEADING: L = L("Who is still a customer (BG/NBD)", "谁仍是客户（BG/NBD）");
pub const BGNBD_ABOUT: L = L(
    "BG/NBD assumes that while customers are \"alive\" they buy at their own steady rate (Poisson; rates vary across customers as a gamma), and that after each purchase they may quietly leave for good with their own probability (varying as a beta). From how often and how recently each customer bought, it estimates the chance they are still a customer and how many purchases they will make.",
    "BG/NBD 假设客户“活着”时按自己的稳定速率购买（泊松过程，速率在客户间服从伽马分布），且每次购买后都可能以自己的概率悄然永久离开（该概率服从贝塔分布）。模型根据每位客户购买的频率和最近一次购买的时间，估计他仍是客户的概率以及未来的购买次数。",
);
pub const GG_HEADING: L = L(
    "What they will spend (Gamma-Gamma)",
    "他们会花多少（Gamma-Gamma）",
);
pub const GG_ABOUT: L = L(
    "Gamma-Gamma assumes each customer's order values vary randomly around their own average, and that these averages differ across customers as a gamma, independently of how often they buy. It pulls each repeat customer's observed average towards everyone's, the more so the fewer purchases it rests on.",
    "Gamma-Gamma 假设每位客户的订单金额围绕其自身平均值随机波动，各客户的平均值服从伽马分布，且与购买频率无关。它把每位复购客户观察到的平均金额向总体平均拉近，所依据的购买次数越少，拉得越多。",
);
pub const SBG_HEADING: L = L(
    "How retention will decay (shifted-beta-geometric)",
    "留存将如何衰减（移位贝塔几何模型）",
);
pub const SBG_ABOUT: L = L(
    "The shifted-beta-geometric model assumes each customer renews every period with their own fixed probability, and that these probabilities vary across customers as a beta distribution. Because the least loyal leave first, the survivors' retention rate rises over time, which is why a straight-line projection underestimates long-run survival.",
    "移位贝塔几何模型假设每位客户每期以自己固定的概率续约，且这些概率在客户间服从贝塔分布。由于最不忠诚的客户最先离开，留下者的留存率随时间上升，因此直线外推会低估长期存活。",
);
pub const CALIBRATION_END: L = L("Calibration ends on", "校准期截止日");
pub const CALIBRATION_HINT: L = L(
    "The models learn from purchases up to this day; later purchases are the holdout, used only to check the forecast.",
    "模型只从截至该日的购买中学习；之后的购买作为保留期，仅用于检验预测。",
);
pub const FORECAST_UNIT: L = L("Time unit", "时间单位");
pub const HORIZON: L = L("Forecast horizon", "预测期");
pub const GROSS_MARGIN: L = L("Gross margin, %", "毛利率，%");
pub const DISCOUNT_RATE: L = L("Annual discount rate, %", "年折现率，%");
pub const FORECAST_WORKING: L = L("Fitting the models…", "正在拟合模型……");
pub const R_LABEL: L = L("r — purchase-rate shape", "r — 购买率形状参数");
pub const ALPHA_LABEL: L = L("α — purchase-rate scale", "α — 购买率尺度参数");
pub const A_LABEL: L = L("a — dropout shape", "a — 流失概率形状参数 a");
pub const B_LABEL: L = L("b — dropout shape", "b — 流失概率形状参数 b");
pub const LL_LABEL: L = L("Log-likelihood", "对数似然");
pub const P_LABEL: L = L("p — shape of order values", "p — 订单金额形状参数");
pub const Q_LABEL: L = L("q — shape across customers", "q — 客户间形状参数");
pub const V_LABEL: L = L("γ — scale across customers", "γ — 客户间尺度参数");
pub const MEAN_ALIVE: L = L("Mean P(alive)", "平均存活概率");
pub const EXPECTED_TOTAL: L = L("Expected purchases in the horizon", "预测期内预计购买次数");
pub const HOLDOUT_ACTUAL: L = L("Holdout purchases: actual", "保留期购买：实际");
pub const HOLDOUT_PREDICTED: L = L("Holdout purchases: predicted", "保留期购买：预测");
pub const ALIVE_HIST: L = L(
    "How many customers are still alive?",
    "还有多少客户“活着”？",
);
pub const TRACKING: L = L(
    "Holdout check: cumulative repeat purchases, data vs model",
    "保留期检验：累计复购次数，数据与模型对比",
);
pub const TRACKING_SERIES: [L; 2] = [L("actual", "实际"), L("BG/NBD", "BG/NBD")];
pub const BY_FREQUENCY: L = L(
    "Holdout purchases per customer, by purchases in calibration",
    "按校准期购买次数分组的每位客户保留期购买",
);
pub const REPEATS_IN_CALIBRATION: L = L("repeat purchases in calibration", "校准期复购次数");
pub const ACTUAL: L = TRACKING_SERIES[0];
pub const PREDICTED: L = L("predicted", "预测");
pub const ALIVE_GRID: L = L(
    "P(alive) by frequency and recency",
    "按频率与最近购买时间的存活概率",
);
pub const EXPECTED_GRID: L = L(
    "Expected purchases in the horizon by frequency and recency",
    "按频率与最近购买时间的预测期购买次数",
);
pub const GRID_ROWS: L = L("repeat purchases x", "复购次数 x");
pub const GRID_COLUMNS: L = L("last purchase t_x", "最近购买时间 t_x");
pub const LOOKUP: L = L("Look up a customer", "查询客户");
pub const EXPORT_CUSTOMERS: L = L("Every customer's forecast (CSV)", "每位客户的预测（CSV）");
pub const LOOKUP_PLACEHOLDER: L = L("customer id", "客户编号");
pub const LOOKUP_UNKNOWN: L = L(
    "No customer with this id in the file.",
    "文件中没有这个客户编号。",
);
pub const LOOKUP_AFTER: L = L(
    "This customer's first purchase is after the calibration end, so the model has no history for them.",
    "该客户的首次购买在校准期之后，模型没有其历史数据。",
);
pub const P_ALIVE: L = L("P(alive)", "存活概率");
pub const EXPECTED_SPEND: L = L("Expected spend per purchase", "预计每次消费金额");
pub const CLV: L = L("CLV over the horizon", "预测期内客户终身价值");
pub const CLV_TOTAL: L = L("Total CLV over the horizon", "预测期内客户终身价值合计");
pub const CLV_HIST: L = L("CLV distribution", "客户终身价值分布");
pub const CLV_NOTE: L = L(
    "CLV = margin × expected spend per purchase × expected purchases, each step of the horizon discounted at the annual rate.",
    "客户终身价值 = 毛利率 × 预计每次消费 × 预计购买次数，预测期内每一段按年折现率折现。",
);
pub const TOP_CUSTOMERS: L = L("Top customers by CLV", "客户终身价值最高的客户");
pub const TOP_BY_PURCHASES: L = L(
    "Top customers by expected purchases",
    "预计购买次数最多的客户",
);
pub const CUSTOMER_ID: L = L("customer", "客户");
pub const GG_NONE: L = L(
    "Gamma-Gamma needs an amount column and repeat customers with a positive spend.",
    "Gamma-Gamma 需要金额列，以及消费为正的复购客户。",
);
pub const SURVIVORS: L = L(
    "Survivors per period, period 0 first",
    "每期仍在的客户数，从第 0 期开始",
);
pub const SBG_EXAMPLE: L = L(
    "Example: Fader & Hardie's \"regular\" customers",
    "示例：Fader 与 Hardie 的“普通”客户",
);
pub const SBG_FROM_DATA: L = L(
    "From my data (oldest cohort, active on or after)",
    "来自我的数据（最早同期群，当期及以后仍活跃）",
);
pub const SBG_FROM_SIM: L = L(
    "From the simulator (not yet churned)",
    "来自模拟器（尚未流失）",
);
pub const SBG_FIT: L = L("Fit and project", "拟合并预测");
pub const SBG_PROJECTION: L = L("Projected survival", "预测存活比例");
pub const SBG_SERIES: [L; 2] = [L("observed", "观测"), L("sBG projection", "sBG 预测")];
pub const SBG_RATE_NOTE: L = L(
    "Grey line: the projected retention rate r(t) = S(t)/S(t − 1); hollow dots: the observed rates.",
    "灰线：预测的留存率 r(t) = S(t)/S(t − 1)；空心点：观测到的留存率。",
);
pub const PERIOD_AXIS: L = L("period", "期");
pub const SHARE_AXIS: L = L("share of the starting cohort", "占初始人数的比例");
pub const DERL: L = L(
    "Discounted expected residual lifetime of a new customer, periods",
    "新客户的折现预期剩余生命周期（期）",
);
pub const PERIOD_DISCOUNT: L = L("Discount rate per period, %", "每期折现率，%");
pub const ALPHA_SBG: L = L("α", "α");
pub const BETA_SBG: L = L("β", "β");

/// The plural name of a forecast unit ("weeks", "周").
pub fn units(u: crate::forecast::predict::Unit) -> L {
    match u {
        crate::forecast::predict::Unit::Day => L("days", "天"),
        crate::forecast::predict::Unit::Week => L("weeks", "周"),
        crate::forecast::predict::Unit::Month => L("months", "月"),
    }
}

/// The optimiser's report.
pub fn converged(lang: Lang, ok: bool, iterations: usize) -> String {
    match (lang, ok) {
        (Lang::En, true) => format!("Converged in {iterations} iterations."),
        (Lang::Zh, true) => format!("经 {iterations} 次迭代收敛。"),
        (Lang::En, false) => format!(
            "Did not converge (stopped after {iterations} iterations): a parameter may be running off to its limit; read the estimates with care."
        ),
        (Lang::Zh, false) => format!(
            "未收敛（{iterations} 次迭代后停止）：某个参数可能趋于极限，请谨慎解读估计值。"
        ),
    }
}

/// Who is in the model.
pub fn forecast_customers(lang: Lang, customers: u64, repeaters: u64) -> String {
    match lang {
        Lang::En => format!(
            "{customers} customers made their first purchase by the calibration end; {repeaters} of them bought again in it."
        ),
        Lang::Zh => format!(
            "{customers} 位客户在校准期截止前首次购买，其中 {repeaters} 位在校准期内再次购买。"
        ),
    }
}

/// Why there is no forecast.
pub fn forecast_error(lang: Lang, e: crate::forecast::predict::ForecastError) -> &'static str {
    use crate::forecast::predict::ForecastError::*;
    match e {
        NoCustomers => L(
            "No customer made a first purchase on or before the calibration end: choose a later date.",
            "校准期截止前没有客户首次购买：请选择更晚的日期。",
        ),
        NoRepeats => L(
            "No customer bought a second time by the calibration end, so the models cannot be fitted: choose a later date.",
            "校准期截止前没有客户再次购买，模型无法拟合：请选择更晚的日期。",
        ),
        NoFit => L(
            "The models could not be fitted to these numbers.",
            "无法用这些数据拟合模型。",
        ),
        Cancelled => L("Cancelled.", "已取消。"),
    }
    .get(lang)
}

/// Why survivor counts cannot be fitted (item numbers 1-based).
pub fn survivor_error(lang: Lang, e: crate::forecast::sbg::SurvivorError) -> String {
    use crate::forecast::sbg::SurvivorError::*;
    match (lang, e) {
        (Lang::En, TooFew) => {
            "Enter at least three numbers: the starting count and two later periods.".into()
        }
        (Lang::Zh, TooFew) => "请至少输入三个数字：初始人数和之后两期。".into(),
        (Lang::En, NotPositive(i)) => format!("Item {} is not a positive number.", i + 1),
        (Lang::Zh, NotPositive(i)) => format!("第 {} 项不是正数。", i + 1),
        (Lang::En, Increases(i)) => format!(
            "Item {} is larger than the one before it: survivors can only stay or fall.",
            i + 1
        ),
        (Lang::Zh, Increases(i)) => {
            format!("第 {} 项比前一项大：仍在的客户数只能持平或减少。", i + 1)
        }
    }
}
