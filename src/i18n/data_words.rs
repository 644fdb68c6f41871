//! The messages of Your data and the Forecasts, each in English and 中文.

use super::words::{EXPORT_CSV, MEAN};
use super::{Lang, L};

// Your data.
pub const DATA_HEADING: L = L(
    "8 · Your data: real cohorts from your transactions",
    "8 · 您的数据：用交易记录生成真实同期群",
);
pub const DATA_LEAD: L = L(
    "Drop an export (CSV, TSV or an Excel/ODS workbook: customer, date, amount) anywhere on the page, pick a file, or paste rows. Shopify, WooCommerce, Stripe, 淘宝/天猫, 有赞, 京东 and 拼多多 exports are recognised. It is read in this browser; nothing is uploaded.",
    "把导出文件（CSV、TSV 或 Excel/ODS 工作簿：客户、日期、金额）拖到页面任意位置、选择文件或粘贴数据。可识别 Shopify、WooCommerce、Stripe、淘宝/天猫、有赞、京东和拼多多的导出文件。文件只在本浏览器中读取，不会上传。",
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

/// "1 row", "2 rows" (English counts; Chinese has no plural).
fn count(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The status line after a successful import.
pub fn import_done(lang: Lang, rows: u64, customers: u64, cohorts: usize, skipped: u64) -> String {
    match lang {
        Lang::En => format!(
            "Read {}: {} in {}; {} skipped.",
            count(rows, "row", "rows"),
            count(customers, "customer", "customers"),
            count(cohorts as u64, "cohort", "cohorts"),
            count(skipped, "row", "rows")
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
        FieldTooLong => L("a field is longer than 4,096 bytes", "字段超过 4,096 字节"),
    }
    .get(lang)
}

/// Why a file could not be read, in the page language.
pub fn import_error(lang: Lang, e: &crate::import::ImportError) -> String {
    use crate::import::ImportError::*;
    if let LineTooLong { line } = e {
        return match lang {
            Lang::En => format!("Line {line} is longer than 1 MiB: a file without line breaks, or a quote that never closes? Nothing was read."),
            Lang::Zh => format!("第 {line} 行超过 1 MiB：文件没有换行，或者有未闭合的引号？未读取任何数据。"),
        };
    }
    if let BadWorkbook(why) = e {
        return match lang {
            Lang::En => format!("This workbook could not be read (damaged, password-protected, or not really a workbook?): {why}. Save it again from Excel, or export CSV."),
            Lang::Zh => format!("无法读取此工作簿（文件损坏、设有密码，或并非真正的工作簿？）：{why}。请在 Excel 中重新保存，或导出为 CSV。"),
        };
    }
    match e {
        Empty => L("The file is empty (0 bytes or only blank lines).", "文件是空的（0 字节或只有空行）。"),
        NotText => L("This is not a text file or a workbook (it looks like an image or an archive). Export CSV, TSV or .xlsx and try again.", "这不是文本文件或工作簿（像是图片或压缩包）。请导出为 CSV、TSV 或 .xlsx 再试。"),
        HeaderOnly => L("The file has a header line but no rows.", "文件只有表头，没有数据行。"),
        OneColumn => L("The file has only one column: a customer id and a date are needed.", "文件只有一列：至少需要客户编号和日期两列。"),
        NoDateColumn => L("No column holds dates. Choose the date column, or check the date format (YYYY-MM-DD, YYYYMMDD, DD/MM/YYYY …).", "没有找到日期列。请选择日期列，或检查日期格式（YYYY-MM-DD、YYYYMMDD、DD/MM/YYYY……）。"),
        NeedsDateOrder => L("Every date like 05/06/2024 could be day-first or month-first: choose the order below.", "所有形如 05/06/2024 的日期既可能是日在前也可能是月在前：请在下方选择顺序。"),
        NoRows => L("Every row was skipped: check the column choices.", "所有行都被跳过：请检查列的选择。"),
        BadMapping => L("A chosen column does not exist in the file.", "所选的列在文件中不存在。"),
        Cancelled => L("Cancelled.", "已取消。"),
        NoWorker => L("This browser could not start the background reader (Web Worker); try a current browser.", "此浏览器无法启动后台读取（Web Worker），请使用较新的浏览器。"),
        StaleWorker => L("The page was updated: reload it and import again.", "页面已更新：请刷新后重新导入。"),
        TooLarge => L("The file is over 512 MiB, more than this page reads at once. Aggregate it first (docs/sql/ writes a cohort table) or split it by date.", "文件超过 512 MiB，超出本页一次可读取的大小。请先汇总（docs/sql/ 可生成同期群表）或按日期拆分。"),
        LineTooLong { .. } | BadWorkbook(_) => L("", ""),
        EmptyWorkbook => L("No sheet of this workbook has data.", "此工作簿的所有工作表都没有数据。"),
        SummaryTable => SUMMARY_TABLE,
    }
    .get(lang)
    .to_string()
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
        NoConvergence => L(
            "BG/NBD did not converge: with this few repeat customers, or this short a calibration period, its parameters cannot be estimated (one runs off without bound). No numbers are shown. Choose a later calibration end or import more history.",
            "BG/NBD 未收敛：重复购买的客户太少，或校准期太短，无法估计参数（有参数趋于无穷）。因此不显示任何数字。请选择更晚的校准截止日，或导入更长的历史数据。",
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

// Which model to believe.
pub const SE_LABEL: L = L("SE ", "标准误 ");
pub const EXPORT_COMPARISON: L = L("Download the comparison (CSV)", "下载模型比较（CSV）");
pub const REPEAT_PURCHASES_AXIS: L = L("repeat purchases (cumulative)", "累计重复购买次数");
pub const TRACKING_BAND: L = L("BG/NBD 95 % interval", "BG/NBD 95% 区间");
pub const BANDS_ABOUT: L = L(
    "Intervals on the forecasts (95 %, delta method: the uncertainty of the fitted parameters carried through to each number) are for the model's expectation; the purchases that actually happen scatter around it by more.",
    "预测的区间（95%，Delta 方法：把拟合参数的不确定性传递到每个数字）针对的是模型的期望值；实际发生的购买会在其周围有更大的波动。",
);
pub const COMPARE_HEADING: L = L("Which model to believe", "该相信哪个模型");
pub const COMPARE_ABOUT: L = L(
    "BG/NBD, Pareto/NBD and MBG/NBD fitted on the same customers. Each estimate has its standard error (from the curvature of the likelihood at the estimate) and a 95 % interval (estimate ± 1.96 SE). The holdout is the period after the calibration end: the model that forecast it best is recommended; without a holdout, the lowest BIC.",
    "在同一批客户上拟合 BG/NBD、Pareto/NBD 和 MBG/NBD。每个估计值都附有标准误（由似然函数在估计点的曲率得出）和 95% 区间（估计值 ± 1.96 倍标准误）。留出期是校准截止之后的时间：推荐对留出期预测最准的模型；没有留出期时，推荐 BIC 最低的模型。",
);
pub const COMPARE_TABLE: L = L("Models compared", "模型比较");
pub const MODEL: L = L("Model", "模型");
pub const HOLDOUT_ERROR: L = L(
    "Holdout purchases, forecast vs actual",
    "留出期购买：预测相对实际",
);
pub const HOLDOUT_MAE: L = L(
    "Mean error per customer, by frequency",
    "按频次的每客户平均误差",
);
pub const FAILED: L = L("did not fit — no numbers", "未能拟合——不显示数字");
pub const FIT_NOT_CONVERGED: L = L(
    "Did not converge: the optimiser stopped before the likelihood settled. Too few repeat customers, or too short a calibration period, to estimate this model; no numbers are shown.",
    "未收敛：似然尚未稳定优化器就停止了。重复购买的客户太少或校准期太短，无法估计此模型；因此不显示数字。",
);
pub const FIT_UNBOUNDED: L = L(
    "A parameter runs off without bound (the likelihood keeps rising towards 0 or ∞): these data cannot pin this model down; no numbers are shown.",
    "有参数趋于无穷（似然朝 0 或 ∞ 方向一直上升）：这些数据无法确定此模型；因此不显示数字。",
);
pub const FIT_FLAT: L = L(
    "The likelihood is flat around the estimate: no standard errors or intervals exist, so no numbers are shown.",
    "似然在估计点附近是平的：无法给出标准误和区间，因此不显示数字。",
);
pub const FIT_OUT_OF_TIME: L = L(
    "Not fitted: on this many customer patterns it needs longer than the 30 seconds the page allows (its gradient is numerical); the other models are shown.",
    "未拟合：客户模式这么多时，它需要的时间超过页面允许的 30 秒（其梯度为数值计算）；其他模型照常显示。",
);
pub const NO_BEST: L = L(
    "No model could be fitted to these data.",
    "没有模型能拟合这些数据。",
);

/// The recommendation by the holdout.
pub fn best_by_holdout(lang: Lang, model: &str, error: &str) -> String {
    match lang {
        Lang::En => format!("Believe {model}: it forecast the holdout best ({error} off the actual repeat purchases)."),
        Lang::Zh => format!("建议相信 {model}：它对留出期的预测最准（与实际重复购买相差 {error}）。"),
    }
}

/// The recommendation by BIC (no holdout).
pub fn best_by_bic(lang: Lang, model: &str, bic: &str) -> String {
    match lang {
        Lang::En => format!(
            "Believe {model}: without a holdout to check against, it has the lowest BIC ({bic})."
        ),
        Lang::Zh => format!("建议相信 {model}：没有留出期可供检验，它的 BIC 最低（{bic}）。"),
    }
}

/// A parameter's symbol.
pub fn param_symbol(name: &str) -> &'static str {
    match name {
        "r" => "r",
        "alpha" => "α",
        "a" => "a",
        "b" => "b",
        "s" => "s",
        _ => "β",
    }
}

/// A parameter's card label: its symbol and what it shapes ("r — purchase-rate shape").
pub fn param_label(model: crate::forecast::compare::Model, name: &str, l: super::Lang) -> String {
    format!(
        "{} — {}",
        param_symbol(name),
        param_role(model, name).get(l)
    )
}

/// What a parameter of a model shapes.
pub fn param_role(model: crate::forecast::compare::Model, name: &str) -> L {
    use crate::forecast::compare::Model;
    match (model, name) {
        (_, "r") => L("purchase-rate shape", "购买率形状参数"),
        (_, "alpha") => L("purchase-rate scale", "购买率尺度参数"),
        (Model::ParetoNbd, "s") => L("dropout-rate shape", "流失率形状参数"),
        (Model::ParetoNbd, _) => L("dropout-rate scale", "流失率尺度参数"),
        _ => L("dropout shape", "流失概率形状参数"),
    }
}
pub const COMPARE_BUTTON: L = L(
    "Compare with Pareto/NBD and MBG/NBD",
    "与 Pareto/NBD 和 MBG/NBD 比较",
);
pub const COMPARING: L = L("Fitting the other models…", "正在拟合其他模型……");
pub const FIRST_LOOK: L = L(
    "BG/NBD is fitted: its estimates, first. Their standard errors, Pareto/NBD, MBG/NBD and the comparison are still being fitted…",
    "BG/NBD 已拟合：先看它的估计值。标准误、Pareto/NBD、MBG/NBD 及模型比较仍在拟合中……",
);
pub const COMPARE_TOO_LONG: L = L(
    "The comparison was stopped after 30 seconds: these data make Pareto/NBD or MBG/NBD slow to fit here. BG/NBD above is unaffected.",
    "比较在 30 秒后停止：这些数据使 Pareto/NBD 或 MBG/NBD 在此拟合很慢。上面的 BG/NBD 不受影响。",
);

// Shop exports, status filter, extra fields, segments (issue 14).
pub const SHEET: L = L("Sheet", "工作表");
pub const MAP_STATUS: L = L("Status column", "状态列");
pub const MAP_SEGMENT: L = L("Split by (segment)", "按此列分组（细分）");
pub const KEEP_ALL: L = L(
    "Keep them (count every row as a purchase)",
    "保留这些行（每行都算作购买）",
);
pub const SEGMENTS_HEADING: L = L("Retention by segment", "按细分的留存率");
pub const SEGMENTS_LEAD: L = L(
    "Each customer belongs to the segment of their first purchase. The mean row is the customer-weighted retention over complete periods; open a segment for its cohorts.",
    "每位客户归入其首次购买时的细分。均值行为按客户数加权、只计已结束周期的留存率；展开某个细分可查看其各同期群。",
);
pub const SEGMENT: L = L("Segment", "细分");
pub const CUSTOMERS: L = L("Customers", "客户数");
pub const OTHER_SEGMENTS: L = L("(other)", "（其他）");
pub const BLANK_SEGMENT: L = L("(blank)", "（空）");

/// Which export layout was recognised.
pub fn format_recognised(lang: Lang, shop: crate::import::shops::Shop) -> String {
    use crate::import::shops::Shop;
    match (lang, shop) {
        (Lang::En, Shop::Generic) => "Read as a generic export (columns guessed from their names and content).".to_string(),
        (Lang::Zh, Shop::Generic) => "按通用导出文件读取（根据列名和内容判断各列）。".to_string(),
        (Lang::En, s) => format!("Recognised: {} export — its customer, date, amount, order and status columns are chosen for you.", s.name()),
        (Lang::Zh, s) => format!("已识别：{} 导出文件——已自动选好客户、日期、金额、订单和状态列。", s.name()),
    }
}

/// Rows left out because their status says they are not purchases.
pub fn filtered_rows(lang: Lang, count: u64, by: &str) -> String {
    match lang {
        Lang::En => format!(
            "{} left out: not paid, closed, cancelled, voided or refunded ({by}).",
            self::count(count, "row", "rows")
        ),
        Lang::Zh => format!("已排除 {count} 行：未付款、已关闭、已取消、已作废或已退款（{by}）。"),
    }
}

/// Rows read that had more fields than the header.
pub fn extra_fields(lang: Lang, count: u64, lines: &str) -> String {
    match lang {
        Lang::En => format!("{count} rows have more fields than the header; they were read, the extra fields ignored (lines {lines})."),
        Lang::Zh => format!("{count} 行的字段数多于表头；这些行已读取，多出的字段被忽略（第 {lines} 行）。"),
    }
}

/// Line-item rows merged into the order above them.
pub fn line_items(lang: Lang, count: u64) -> String {
    match lang {
        Lang::En => format!("{count} line-item rows belong to the order above them: each order counts once, with its total."),
        Lang::Zh => format!("{count} 行为上方订单的商品明细行：每个订单只计一次，金额取订单总额。"),
    }
}

// Who is in a cell.
pub const CELL_HEADING: L = L("Who is in a cell", "某个单元格里有哪些客户");
pub const CELL_LEAD: L = L(
    "Click a cell of the table, or choose a cohort and an offset: its customers are listed here (ids stay in this browser, never in a link).",
    "点击表格中的单元格，或选择同期群和期数：这里列出其中的客户（客户编号只留在本浏览器中，不会进入链接）。",
);
pub const CELL_OFFSET: L = L("Periods after the first purchase", "首购后的期数");
pub const CELL_SHOW: L = L("Show its customers", "显示这些客户");
pub const CELL_CSV: L = L("Download them (CSV)", "下载（CSV）");
pub const CUSTOMER: L = L("Customer", "客户");
pub const ORDERS: L = L("Orders", "订单数");
pub const REVENUE: L = L("Revenue", "金额");

/// How many customers a cell has.
pub fn cell_count(lang: Lang, cohort: &str, offset: usize, count: usize) -> String {
    let shown = count.min(crate::formats::protocol::CELL_LISTED);
    match (lang, count > shown) {
        (Lang::En, false) => format!("Cohort {cohort}, +{offset}: {count} customers."),
        (Lang::En, true) => format!("Cohort {cohort}, +{offset}: {count} customers; the first {shown} by revenue are listed, all are in the CSV."),
        (Lang::Zh, false) => format!("同期群 {cohort}，+{offset}：{count} 位客户。"),
        (Lang::Zh, true) => format!("同期群 {cohort}，+{offset}：{count} 位客户；按金额列出前 {shown} 位，全部客户见 CSV。"),
    }
}

// The row filter.
pub const MAP_FILTER: L = L("Keep rows by (filter)", "按此列筛选行");

/// The row filter's legend: the column and the rows it leaves out.
pub fn row_filter(lang: Lang, column: &str, rows: u64) -> String {
    match lang {
        Lang::En => {
            format!("Rows kept by {column} (untick a value to leave its rows out; {rows} left out)")
        }
        Lang::Zh => {
            format!("按「{column}」保留的行（取消勾选某个值即排除其所在行；已排除 {rows} 行）")
        }
    }
}

/// What the summary line adds for rows left out by status and by the filter.
pub fn left_out(lang: Lang, by_status: u64, by_filter: u64) -> String {
    match (lang, by_status, by_filter) {
        (_, 0, 0) => String::new(),
        (Lang::En, s, 0) => format!(" {} left out by status.", count(s, "row", "rows")),
        (Lang::En, 0, f) => format!(" {} left out by the filter.", count(f, "row", "rows")),
        (Lang::En, s, f) => format!(
            " {} left out by status, {f} by the filter.",
            count(s, "row", "rows")
        ),
        (Lang::Zh, s, 0) => format!("按状态排除 {s} 行。"),
        (Lang::Zh, 0, f) => format!("按筛选排除 {f} 行。"),
        (Lang::Zh, s, f) => format!("按状态排除 {s} 行，按筛选排除 {f} 行。"),
    }
}

pub const RETENTION_PREVIOUS: L = L(
    "in that period, of those who bought in the period before",
    "在该期购买，占上一期购买者的比例",
);

// Custom offset brackets.
pub const BRACKETS: L = L("Offset brackets", "期数分段");
pub const BRACKETS_CAPTION: L = L(
    "Retention by offset bracket: customers who bought in any period of the bracket",
    "按期数分段的留存率：在该段任一期购买过的客户",
);

/// Why an offset bracket list cannot be read, and where.
pub fn bracket_error(lang: Lang, e: &crate::import::brackets::BracketError) -> String {
    use crate::import::brackets::BracketError::*;
    match (lang, e) {
        (Lang::En, NotARange { item, text }) => format!("Bracket {item} (“{text}”) is not a range: write 3, 1-2 or 12+."),
        (Lang::Zh, NotARange { item, text }) => format!("第 {item} 段（“{text}”）不是范围：请写成 3、1-2 或 12+。"),
        (Lang::En, OutOfOrder { item, text }) => format!("Bracket {item} (“{text}”) must start after the one before it ends, and end after it starts."),
        (Lang::Zh, OutOfOrder { item, text }) => format!("第 {item} 段（“{text}”）必须在上一段结束之后开始，且结束不早于开始。"),
        (Lang::En, AfterOpen { item, text }) => format!("Bracket {item} (“{text}”) comes after an open one (n+): put it before."),
        (Lang::Zh, AfterOpen { item, text }) => format!("第 {item} 段（“{text}”）在开放段（n+）之后：请放到前面。"),
    }
}

// A customer summary table (issue 15).
pub const SUMMARY_UNITS: L = L(
    "Fitted from the summary table as given: rates and horizons are in the table's own time unit (the unit its recency and T were counted in).",
    "直接用汇总表拟合：速率与时长都以表本身的时间单位计（即 recency 和 T 的单位）。",
);
pub const BGBB_ABOUT: L = L(
    "BG/BB (Fader, Hardie & Shang 2010): discrete transaction opportunities (a yearly donation, a monthly renewal); a customer buys at each opportunity with probability p while alive, and drops out with probability θ before each one; p ~ Beta(α, β), θ ~ Beta(γ, δ).",
    "BG/BB（Fader、Hardie 与 Shang，2010）：离散的交易机会（每年一次捐赠、每月一次续费）；客户存活时每次机会以概率 p 购买，每次机会前以概率 θ 流失；p ~ Beta(α, β)，θ ~ Beta(γ, δ)。",
);
pub const BGBB_BEST: L = L(
    "A pattern table of discrete opportunities: BG/BB is the model for it.",
    "离散机会的模式表：适用模型为 BG/BB。",
);
pub const SUMMARY_TABLE: L = L(
    "A customer summary table (not transactions): there is no cohort table for it; the forecasts below are fitted from it directly.",
    "客户汇总表（不是交易记录）：没有同期群表；下方的预测直接用它拟合。",
);

/// The forecast status for a summary table.
pub fn summary_status(lang: Lang, customers: f64, patterns: usize) -> String {
    let n = super::format_number(lang, customers, 0);
    match lang {
        Lang::En => format!("Fitted on {n} customers in {patterns} distinct patterns (each pattern once, weighted)."),
        Lang::Zh => format!("基于 {n} 位客户、{patterns} 种不同模式拟合（每种模式计算一次，按人数加权）。"),
    }
}

/// A summary table's line that cannot be read.
pub fn summary_table_error(lang: Lang, line: usize, column: &str) -> String {
    match lang {
        Lang::En => format!("Line {line}, column {column}: not a number the summary table allows (whole repeat counts; 0 ≤ recency ≤ T; counts ≥ 0). Nothing was fitted."),
        Lang::Zh => format!("第 {line} 行「{column}」列：不是汇总表允许的数值（重复购买次数为整数；0 ≤ recency ≤ T；人数 ≥ 0）。未做拟合。"),
    }
}
