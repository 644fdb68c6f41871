//! Every word the page shows, in English and Simplified Chinese.
//!
//! One [`Text`] struct per language: a missing translation is a compile error,
//! so nothing silently falls back to English. How numbers and errors are
//! *shown* to a person lives here too, in both languages.

use crate::model::link::Ignored;
use crate::model::scenario::Param;

/// The page language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Both languages, in the order of the language switch.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The code used in the language switch and `<html lang>` (`en`, `zh`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The BCP 47 tag for `<html lang>`.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The language's own name, shown in the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "中文",
        }
    }

    /// Parses a switch code; anything unknown is `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language for a browser language list (`navigator.languages`):
    /// the first entry that is English or Chinese wins; otherwise English.
    pub fn from_browser<'a>(tags: impl IntoIterator<Item = &'a str>) -> Lang {
        for tag in tags {
            let primary = tag
                .split(['-', '_'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            match primary.as_str() {
                "zh" => return Lang::Zh,
                "en" => return Lang::En,
                _ => {}
            }
        }
        Lang::En
    }

    /// All the words of the page in this language.
    pub fn text(self) -> &'static Text {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }
}

/// The words of one input: label, unit and a one-line hint.
pub struct InputText {
    /// Field label.
    pub label: &'static str,
    /// One-line hint under the field.
    pub hint: &'static str,
}

/// Every string of the page in one language.
pub struct Text {
    /// Page title and header.
    pub title: &'static str,
    /// One line under the title.
    pub tagline: &'static str,
    /// Label of the language switch.
    pub language: &'static str,
    /// Section heading: the chain.
    pub chain_heading: &'static str,
    /// Lead paragraph of the chain section.
    pub chain_lead: &'static str,
    /// Unit after point values.
    pub points: &'static str,
    /// Perceived benefit B.
    pub benefit: InputText,
    /// Perceived cost C.
    pub cost: InputText,
    /// Expectation E.
    pub expectation: InputText,
    /// Output V.
    pub value: &'static str,
    /// Output S.
    pub satisfaction: &'static str,
    /// Formula under V.
    pub value_formula: &'static str,
    /// Formula under S.
    pub satisfaction_formula: &'static str,
    /// Bar labels of the waterfall: B, −C, V, −E, S.
    pub waterfall_bars: [&'static str; 5],
    /// Y axis of the waterfall.
    pub waterfall_axis: &'static str,
    /// Text alternative of the waterfall chart.
    pub waterfall_alt: &'static str,
    /// Field message: the value was clamped (the range follows).
    pub clamped_to: &'static str,
    /// Field message: not a number.
    pub not_a_number: &'static str,
    /// Link notice lead.
    pub link_notice: &'static str,
    /// Link notice: unknown key.
    pub link_unknown_key: &'static str,
    /// Link notice: unreadable value.
    pub link_malformed: &'static str,
    /// Link notice: clamped value.
    pub link_clamped: &'static str,
    /// Link notice: unknown version.
    pub link_version: &'static str,
    /// Link notice: more items.
    pub link_more: &'static str,
    /// Dismiss button.
    pub dismiss: &'static str,
    /// Footer line.
    pub footer: &'static str,
}

static EN: Text = Text {
    title: "Repurchase Lab",
    tagline: "Why satisfied customers don't come back — and what would bring them back.",
    language: "Language",
    chain_heading: "Experience → expectation → satisfaction",
    chain_lead: "A good experience is not satisfaction: satisfaction is what the experience was worth, minus what the customer expected.",
    points: "pt",
    benefit: InputText {
        label: "Perceived benefit B",
        hint: "What the customer feels they got: product, service, emotion.",
    },
    cost: InputText {
        label: "Perceived cost C",
        hint: "What it cost them: money, time, effort and risk.",
    },
    expectation: InputText {
        label: "Expectation E",
        hint: "What they expected, from past visits, price and promises.",
    },
    value: "Perceived value V",
    satisfaction: "Satisfaction S",
    value_formula: "V = B − C",
    satisfaction_formula: "S = V − E",
    waterfall_bars: ["B", "−C", "V", "−E", "S"],
    waterfall_axis: "points",
    waterfall_alt: "Waterfall from perceived benefit through cost and expectation to satisfaction",
    clamped_to: "Out of range, set to",
    not_a_number: "Not a number — kept the previous value.",
    link_notice: "Part of this link could not be used:",
    link_unknown_key: "unknown key",
    link_malformed: "unreadable value",
    link_clamped: "out of range, set to",
    link_version: "unknown link version, read as version 1",
    link_more: "more",
    dismiss: "Dismiss",
    footer: "Runs entirely in your browser. Nothing you enter leaves this page.",
};

static ZH: Text = Text {
    title: "复购实验室",
    tagline: "为什么满意的客户不再回来——以及怎样让他们回来。",
    language: "语言",
    chain_heading: "体验 → 预期 → 满意度",
    chain_lead: "体验好不等于满意：满意度是体验的感知价值减去客户的预期。",
    points: "分",
    benefit: InputText {
        label: "客户感知收益 B",
        hint: "客户觉得得到了什么：产品、服务、情感。",
    },
    cost: InputText {
        label: "客户感知成本 C",
        hint: "客户付出了什么：金钱、时间、精力和风险。",
    },
    expectation: InputText {
        label: "客户预期价值 E",
        hint: "客户原本期待什么：来自过往经历、价格和营销承诺。",
    },
    value: "体验感知价值 V",
    satisfaction: "客户满意度 S",
    value_formula: "V = B − C",
    satisfaction_formula: "S = V − E",
    waterfall_bars: ["收益 B", "−成本 C", "价值 V", "−预期 E", "满意 S"],
    waterfall_axis: "分值",
    waterfall_alt: "瀑布图：从感知收益减去成本和预期，得到满意度",
    clamped_to: "超出范围，已设为",
    not_a_number: "不是数字——已保留原值。",
    link_notice: "此链接中有部分内容无法使用：",
    link_unknown_key: "未知参数",
    link_malformed: "无法读取的值",
    link_clamped: "超出范围，已设为",
    link_version: "未知的链接版本，已按版本 1 读取",
    link_more: "项未列出",
    dismiss: "关闭",
    footer: "完全在浏览器中运行，您输入的内容不会离开本页。",
};

impl Text {
    /// The words of one input.
    pub fn input(&self, param: Param) -> &InputText {
        match param {
            Param::Benefit => &self.benefit,
            Param::Cost => &self.cost,
            Param::Expectation => &self.expectation,
        }
    }

    /// One ignored part of a link, as a short phrase in this language.
    pub fn ignored(&self, lang: Lang, item: &Ignored) -> String {
        match item {
            Ignored::UnknownKey(k) => format!("{} “{k}”", self.link_unknown_key),
            Ignored::Malformed { key, value } => {
                format!("{key}: {} “{value}”", self.link_malformed)
            }
            Ignored::Clamped { key, value, to } => {
                format!(
                    "{key}={value}: {} {}",
                    self.link_clamped,
                    format_number(lang, *to, 2)
                )
            }
            Ignored::Version(v) => format!("v={v}: {}", self.link_version),
            Ignored::More(n) => match lang {
                Lang::En => format!("and {n} {}", self.link_more),
                Lang::Zh => format!("另有 {n} {}", self.link_more),
            },
        }
    }
}

/// A number for display: at most `decimals` decimals, trailing zeros dropped,
/// thousands grouped with commas (both languages use `1,234.5`), a true minus
/// sign, and never `-0`. Non-finite numbers show as `—`.
pub fn format_number(_lang: Lang, x: f64, decimals: usize) -> String {
    if !x.is_finite() {
        return "—".to_string();
    }
    let s = format!("{:.*}", decimals, x.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
    let frac = frac.trim_end_matches('0');
    let mut grouped = String::new();
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    let negative = x < 0.0 && (grouped != "0" || !frac.is_empty());
    let mut out = String::new();
    if negative {
        out.push('−');
    }
    out.push_str(&grouped);
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_language_picks_the_first_known() {
        assert_eq!(Lang::from_browser(["zh-CN", "en-US"]), Lang::Zh);
        assert_eq!(Lang::from_browser(["de-DE", "zh_TW"]), Lang::Zh);
        assert_eq!(Lang::from_browser(["en-GB", "zh"]), Lang::En);
        assert_eq!(Lang::from_browser(["fr"]), Lang::En);
        assert_eq!(Lang::from_browser([]), Lang::En);
    }

    #[test]
    fn numbers_format_plainly() {
        assert_eq!(format_number(Lang::En, 40.0, 1), "40");
        assert_eq!(format_number(Lang::En, -20.25, 1), "−20.2");
        assert_eq!(format_number(Lang::Zh, 1234567.891, 2), "1,234,567.89");
        assert_eq!(format_number(Lang::En, -0.0001, 2), "0");
        assert_eq!(format_number(Lang::En, f64::NAN, 2), "—");
        assert_eq!(format_number(Lang::En, 999.999, 2), "1,000");
    }

    #[test]
    fn chinese_text_has_no_english_words() {
        let zh = Lang::Zh.text();
        for s in [
            zh.title,
            zh.tagline,
            zh.chain_heading,
            zh.benefit.hint,
            zh.footer,
            zh.dismiss,
        ] {
            assert!(!s.chars().any(|c| c.is_ascii_alphabetic()), "{s}");
        }
    }
}
