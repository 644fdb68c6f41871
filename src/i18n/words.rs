//! The messages of the page, each in English and 中文.

use super::{format_number, format_percent, Lang, L};
use crate::calculator::calculate::Advice;
use crate::calculator::inputs::{Label, Param, Unit};
use crate::calculator::presets::{JourneyKind, Preset};
use crate::calculator::repurchase::{Diagnosis, Lens};
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
pub const POINTS: L = L("pt", "分");
pub const FROM_BUILDER: L = L("E from the expectation builder", "E 取自预期构建器");
pub const USE_JOURNEY: L = L("Build B from the customer journey", "用客户旅程计算 B");
pub const USE_BUILDER: L = L("Build E from what shapes it", "用影响因素计算 E");
pub const JOURNEY: L = L("Journey", "旅程");
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

/// Label and one-line hint of an input (the words live in its entry of
/// [`crate::calculator::inputs`]).
pub fn input(p: Param, journey_kind: JourneyKind, lang: Lang) -> (String, &'static str) {
    let def = p.def();
    let i = p.index().unwrap_or(0);
    let label = match def.label {
        Label::Fixed(l) => l.get(lang).to_string(),
        Label::Stage(what) => {
            let names = stages(journey_kind);
            let name = names.get(i).map(|l| l.get(lang)).unwrap_or("—");
            format!("{name} · {}", what.get(lang))
        }
        Label::Knot => format!("ℓ({})", i + 1),
        Label::Answer => match lang {
            Lang::En => format!("Answered {}", i + 1),
            Lang::Zh => format!("答 {} 分", i + 1),
        },
        Label::FunnelStep => FUNNEL_STEPS[i.min(4)].get(lang).to_string(),
    };
    (label, def.hint.get(lang))
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
pub const BY_PURCHASE_TABLE: L = L(
    "Stickiness and repurchase by purchase n",
    "按购买次数 n 的粘性与复购",
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

/// The section index: its name, and a short label for each room it jumps to.
pub const INDEX_LABEL: L = L("Sections", "章节");
pub const INDEX: [L; 9] = [
    L("Experience", "体验"),
    L("Expectation", "期望"),
    L("Satisfaction", "满意度"),
    L("Repurchase", "复购"),
    L("Tools", "小工具"),
    L("Cohorts", "同期群"),
    L("Saved", "已保存"),
    L("Your data", "您的数据"),
    L("Forecasts", "预测"),
];
