//! Messages as data: one template per rule (and per variant, where a rule
//! words its message differently for different cases), in Chinese and in
//! English, with named placeholders, and one small renderer ([`fill`]).
//!
//! A finding supplies the values of its placeholders ([`Finding::params`]);
//! a message is rendered only for a finding that exists, only when asked.
//! Both languages of a template use the same placeholders, and every finding
//! fills every placeholder of its template: `tests/it/messages.rs` checks
//! both for every finding kind.
//!
//! Template keys are a rule's code (`F106`), or the code and a variant
//! (`F106.inexact`), as [`Finding::message_key`] names them.

use crate::Lang;
use crate::finding::Finding;
use crate::form::{Form, Kind, Max, YearMonth};
use crate::parse::ParseError;
use crate::thresholds;

/// One message in both languages.
#[derive(Clone, Copy, Debug)]
pub struct Template {
    /// `CODE` or `CODE.variant`.
    pub key: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

impl Template {
    pub fn text(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

macro_rules! templates {
    ($($key:literal => $zh:literal, $en:literal;)+) => {
        /// Every message, in code order.
        pub const TEMPLATES: &[Template] = &[$(Template { key: $key, zh: $zh, en: $en }),+];
    };
}

templates! {
    "F101" => "{field}：未填写。无则填0。", "{field}: blank. Enter 0 if none.";
    "F101.plain" => "{field}：未填写。", "{field}: blank.";
    "F102" => "{field}：填写的“{text}”不是有效数字。", "{field}: \"{text}\" is not a number.";
    "F102.none" => "{field}：填写的“{text}”不是数字；无则填0。", "{field}: \"{text}\" is not a number; enter 0 if none.";
    "F103" => "{field}：填写的“{text}”是负数，数值不能小于0。", "{field}: \"{text}\" is negative; values cannot be below 0.";
    "F104" => "{field}：填写的“{text}”有小数，以“{unit}”计的数须为整数。", "{field}: \"{text}\" has a fraction; a count in {unit} must be a whole number.";
    "F105" => "{field}：填写的“{text}”超过4位小数；万元最多保留4位小数（0.0001万元即1元）。", "{field}: \"{text}\" has more than 4 decimals; 万元 take at most 4 (0.0001 万元 is 1 元).";
    "F106" => "{field}：填写的“{text}”是以元为单位的金额，本项单位为万元；如为{text}，应填 {wan}（万元）。", "{field}: \"{text}\" is an amount in 元 but this field is in 万元; {text} is {wan} 万元.";
    "F106.inexact" => "{field}：填写的“{text}”是以元为单位的金额，本项单位为万元，请换算（1万元 = 10000元）。", "{field}: \"{text}\" is an amount in 元 but this field is in 万元 (1 万元 = 10000 元).";
    "F107" => "{field}：填写的“{text}”超过本项上限 {max}，请检查是否多输了数字。", "{field}: \"{text}\" is above this field's maximum of {max}; check for an extra digit.";
    "F108" => "{field}：填写的“{text}”单位为“{typed}”，本项单位为“{unit}”。", "{field}: \"{text}\" is in {typed}, but this field is in {unit}.";
    "F109" => "{field}：填写的“{text}”无法识别，请填“是”或“否”。", "{field}: \"{text}\" is not understood; answer yes (是) or no (否).";
    "F110" => "表中没有“{key}”这一项。", "The form has no field \"{key}\".";
    "F110.suggestion" => "表中没有“{key}”这一项，是否应为 {suggestion}（{suggestionField}）？", "The form has no field \"{key}\"; did you mean {suggestion} ({suggestionField})?";
    "F110.more" => "另有 {count} 个表中没有的项，不再逐一列出。", "{count} more fields the form does not have are not listed one by one.";
    "F111" => "{field}：值为{type}，应为数字。", "{field}: the value is a JSON {type}; a number is expected.";
    "F111.yesNo" => "{field}：值为{type}，应为“是”或“否”。", "{field}: the value is a JSON {type}; yes (是) or no (否) is expected.";
    "F112" => "{field}：填写的“{text}”千位分隔符位置不对（应每3位一组，如 1,234）；小数请用小数点。", "{field}: \"{text}\" has misplaced thousands separators (groups of 3, as in 1,234); use a point for decimals.";
    "H201" => "表单“{name}”无法识别；本工具校验的是 {form}。", "Unknown form \"{name}\"; this validator checks {form}.";
    "H202" => "报告月份“{text}”格式不对，应为 2023-06 这样的年月。", "Reported month \"{text}\" is malformed; write it as 2023-06.";
    "H203" => "报告月份 {period} 不在调度期内（{first} 至 {last}）。", "Reported month {period} is outside the campaign ({first} to {last}).";
    "H204" => "时间“{text}”不是有效日期，应为 2023-06-26 这样的日期。", "Date \"{text}\" is not a valid date; write it as 2023-06-26.";
    "H205" => "时间 {date} 早于报告月份 {period} 的第一天；当月累计情况不能在当月开始前报送。", "Date {date} is before the first day of the reported month {period}; a month's cumulative figures cannot be filed before the month begins.";
    "H206" => "时间 {date} 晚于今天（{today}）。", "Date {date} is after today ({today}).";
    "H251" => "时间 {date} 晚于报送截止日 {due}（每月28日前上报当月累计情况），请说明迟报原因。", "Date {date} is after the deadline {due} (the 28th of the month); explain the delay.";
    "H252" => "填报单位“{text}”不在全区乡镇和牵头部门名录中；如为区直属企业，请在说明中写明。", "Unit \"{text}\" is not a registered township or department; if it is a district-owned enterprise, say so in an explanation.";
    "H253" => "填报单位“{text}”是旧名称，现名为“{current}”。", "Unit \"{text}\" is an outdated name; it is now \"{current}\".";
    "C301" => "{part}为 {partValue}，大于 {whole}的 {wholeValue}；分项不能大于总数。", "{part} is {partValue}, more than {whole} at {wholeValue}; a part cannot exceed its whole.";
    "C302" => "{amount}为 {amountValue}，但 {count}为 0；有处罚金额就至少有1次处罚。", "{amount} is {amountValue} but {count} is 0; an amount needs at least one case.";
    "C351" => "{part}为 {partValue}，大于 {wholes}之和 {sum}；挂牌督办隐患一般出自已发现的隐患，请核实。", "{part} is {partValue}, more than {wholes} together ({sum}); supervised hazards are normally among those found. Please verify.";
    "C352" => "{field}为 {value}，而 {related}为 0，请核实。", "{field} is {value} while {related} is 0. Please verify.";
    "C353" => "{amount} {amountValue} ÷ {count} {countValue} = 平均每次约 {average} 万元，超过 {limit} 万元；是否把元当作万元填报了？请核实。", "{amount} {amountValue} / {count} {countValue} = about {average} 万元 per case, above {limit} 万元; were 元 typed as 万元? Please verify.";
    "C354" => "{field}为 {value}，超过 {limit} 万元；是否把元当作万元填报了？请核实。", "{field} is {value}, above {limit} 万元; were 元 typed as 万元? Please verify.";
    "M401" => "上月报表的填报单位为“{priorUnit}”，与本表“{unit}”不同，不能作为本单位的上月数据。", "The prior report is from \"{priorUnit}\", not \"{unit}\"; it cannot serve as this unit's prior month.";
    "M402" => "上月报表的报告月份 {priorPeriod} 不早于本表的 {period}。", "The prior report's month {priorPeriod} is not earlier than this report's {period}.";
    "M403" => "{field}本月累计 {value}，少于上月累计 {prior}；累计数不应减少。如上月数据有误，请先更正上月报表。", "{field} is {value} this month, below last month's cumulative {prior}; cumulative figures cannot fall. If last month's figure was wrong, correct that report first.";
    "M451" => "{field}本月为 {value}，少于上月的 {prior}，请核实人员变动情况。", "{field} is {value}, down from {prior} last month. Please verify the change in staff.";
    "M452" => "{field}：上月为“是”，本月为“否”，请核实。", "{field}: yes last month, no this month. Please verify.";
    "M453" => "上月报表为 {priorPeriod}，与本表 {period} 之间缺少 {missing} 个月的报表；请确认选择的是最近一次报表。", "The prior report is for {priorPeriod}; {missing} month(s) are missing before {period}. Check that it is the latest report.";
    "M454" => "{field}由上月 {prior} 增至本月 {value}，超过上月的{factor}倍，请核实是否多输了数字。", "{field} rose from {prior} to {value}, more than {factor} times last month's; check for an extra digit.";
}

/// The template with this key.
pub fn template(key: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.key == key)
}

/// The placeholders of a template text, in order of first use.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + close];
        if !out.contains(&name) {
            out.push(name);
        }
        rest = &rest[open + close + 1..];
    }
    out
}

/// Render `text`, replacing each `{name}` with its value in `params`. A
/// name without a value stays as written (the tests make sure none is
/// left), so rendering never fails.
pub fn fill(text: &str, params: &[(&str, String)]) -> String {
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        match after.find('}') {
            Some(close) => {
                let name = &after[1..close];
                match params.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => out.push_str(v),
                    None => out.push_str(&after[..=close]),
                }
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(after);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// How a field is named in messages: `1.1 企业自查发现的重大事故隐患（个）`.
pub fn field_name(form: &Form, key: &str, lang: Lang) -> String {
    if let Some(f) = form.fields.iter().find(|f| f.key == key) {
        let label = match lang {
            Lang::Zh => f.label,
            Lang::En => f.label_en,
        };
        let mut out = format!("{}.{} {label}", f.section, f.item);
        match (f.kind, lang) {
            (Kind::YesNo, _) => {}
            (_, Lang::Zh) => {
                out.push('（');
                out.push_str(f.unit);
                out.push('）');
            }
            (_, Lang::En) => {
                out.push_str(" (");
                out.push_str(f.unit);
                out.push(')');
            }
        }
        return out;
    }
    if let Some(h) = form.header.iter().find(|h| h.key == key) {
        return match lang {
            Lang::Zh => h.label.to_string(),
            Lang::En => h.label_en.to_string(),
        };
    }
    match lang {
        Lang::Zh => format!("“{key}”"),
        Lang::En => format!("\"{key}\""),
    }
}

fn max_text(max: Max) -> String {
    match max {
        Max::Count(n) => n.to_string(),
        Max::Money(w) => w.to_string(),
    }
}

/// A month as a message names it: `2023年6月`, `2023-06`.
fn month(p: YearMonth, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月", p.year, p.month),
        Lang::En => p.to_string(),
    }
}

impl Finding {
    /// The key of this finding's message template: its code, or its code
    /// and a variant.
    pub fn message_key(&self, form: &Form) -> &'static str {
        let yes_no = |key: &str| {
            form.fields
                .iter()
                .any(|f| f.key == key && f.kind == Kind::YesNo)
        };
        match self {
            Finding::Required { key } => {
                // 无则填0 is the form's own hint, and only makes sense for
                // numbers.
                let numeric = form
                    .fields
                    .iter()
                    .any(|f| f.key == *key && f.kind != Kind::YesNo);
                if numeric { "F101" } else { "F101.plain" }
            }
            Finding::Unreadable { key, error, .. } => match error {
                ParseError::NotANumber => "F102",
                ParseError::NoneWord => "F102.none",
                ParseError::Negative => "F103",
                ParseError::Fraction => "F104",
                ParseError::TooManyDecimals => "F105",
                ParseError::YuanInWan { wan: Some(_) } => "F106",
                ParseError::YuanInWan { wan: None } => "F106.inexact",
                ParseError::AboveMax(_) => "F107",
                ParseError::WrongUnit { .. } => "F108",
                ParseError::NotYesNo => "F109",
                ParseError::WrongType(_) if yes_no(key) => "F111.yesNo",
                ParseError::WrongType(_) => "F111",
                ParseError::BadGrouping => "F112",
            },
            Finding::UnknownKey {
                suggestion: Some(_),
                ..
            } => "F110.suggestion",
            Finding::UnknownKey { .. } => "F110",
            Finding::MoreUnknownKeys { .. } => "F110.more",
            other => other.rule().code(),
        }
    }

    /// The values of this finding's placeholders, in `lang` (field names,
    /// months and type names are words of the language; numbers and what
    /// was typed are the same in both).
    pub fn params(&self, form: &Form, lang: Lang) -> Vec<(&'static str, String)> {
        let name = |key: &str| field_name(form, key, lang);
        match self {
            Finding::Required { key } => vec![("field", name(key))],
            Finding::Unreadable { key, text, error } => {
                let unit = form
                    .fields
                    .iter()
                    .find(|f| f.key == *key)
                    .map_or("", |f| f.unit);
                let mut p = vec![("field", name(key)), ("text", text.clone())];
                match error {
                    ParseError::Fraction => p.push(("unit", unit.to_string())),
                    ParseError::YuanInWan { wan: Some(w) } => p.push(("wan", w.to_string())),
                    ParseError::AboveMax(m) => p.push(("max", max_text(*m))),
                    ParseError::WrongUnit { typed, expected } => {
                        p.push(("typed", typed.clone()));
                        p.push(("unit", expected.to_string()));
                    }
                    ParseError::WrongType(t) => {
                        let t = match (lang, *t) {
                            (Lang::Zh, "array") => "数组",
                            (Lang::Zh, "object") => "对象",
                            (Lang::Zh, "boolean") => "布尔值（true/false）",
                            (_, other) => other,
                        };
                        // The type stands in for what was typed.
                        p.retain(|(n, _)| *n != "text");
                        p.push(("type", t.to_string()));
                    }
                    _ => {}
                }
                p
            }
            Finding::UnknownKey { key, suggestion } => {
                let mut p = vec![("key", key.clone())];
                if let Some(s) = suggestion {
                    p.push(("suggestion", s.to_string()));
                    p.push(("suggestionField", name(s)));
                }
                p
            }
            Finding::MoreUnknownKeys { count } => vec![("count", count.to_string())],
            Finding::UnknownForm { form: f } => {
                vec![("name", f.clone()), ("form", form.id.to_string())]
            }
            Finding::BadPeriod { text } | Finding::BadDate { text } => {
                vec![("text", text.clone())]
            }
            Finding::PeriodOutOfRange {
                period,
                first,
                last,
            } => vec![
                ("period", month(*period, lang)),
                ("first", month(*first, lang)),
                ("last", month(*last, lang)),
            ],
            Finding::DateBeforePeriod { date, period } => {
                vec![("date", date.to_string()), ("period", month(*period, lang))]
            }
            Finding::DateAfterToday { date, today } => {
                vec![("date", date.to_string()), ("today", today.to_string())]
            }
            Finding::LateFiling { date, due } => {
                vec![("date", date.to_string()), ("due", due.to_string())]
            }
            Finding::UnknownUnit { text } => vec![("text", text.clone())],
            Finding::StaleUnit { text, current } => {
                vec![("text", text.clone()), ("current", current.to_string())]
            }
            Finding::PartExceedsWhole {
                part,
                whole,
                part_value,
                whole_value,
            } => vec![
                ("part", name(part)),
                ("partValue", part_value.text()),
                ("whole", name(whole)),
                ("wholeValue", whole_value.text()),
            ],
            Finding::AmountWithoutCount {
                amount,
                count,
                amount_value,
            } => vec![
                ("amount", name(amount)),
                ("amountValue", amount_value.text()),
                ("count", name(count)),
            ],
            Finding::PartExceedsSum {
                part,
                wholes,
                part_value,
                sum,
            } => {
                let joiner = match lang {
                    Lang::Zh => " 与 ",
                    Lang::En => " and ",
                };
                let ws: Vec<String> = wholes.iter().map(|w| name(w)).collect();
                vec![
                    ("part", name(part)),
                    ("partValue", part_value.text()),
                    ("wholes", ws.join(joiner)),
                    ("sum", sum.text()),
                ]
            }
            Finding::MissingRelated {
                field,
                related,
                value,
            } => vec![
                ("field", name(field)),
                ("value", value.text()),
                ("related", name(related)),
            ],
            Finding::AverageTooHigh {
                amount,
                count,
                amount_value,
                count_value,
                limit,
            } => vec![
                ("amount", name(amount)),
                ("amountValue", amount_value.to_string()),
                ("count", name(count)),
                ("countValue", count_value.to_string()),
                (
                    "average",
                    amount_value.div_count_rounded(*count_value).to_string(),
                ),
                ("limit", limit.to_string()),
            ],
            Finding::AmountTooHigh {
                field,
                value,
                limit,
            } => vec![
                ("field", name(field)),
                ("value", value.to_string()),
                ("limit", limit.to_string()),
            ],
            Finding::PriorUnitDiffers { unit, prior_unit } => {
                vec![("priorUnit", prior_unit.clone()), ("unit", unit.clone())]
            }
            Finding::PriorNotEarlier {
                period,
                prior_period,
            } => vec![
                ("priorPeriod", month(*prior_period, lang)),
                ("period", month(*period, lang)),
            ],
            Finding::Decreased { key, value, prior }
            | Finding::HeadcountFell { key, value, prior } => vec![
                ("field", name(key)),
                ("value", value.text()),
                ("prior", prior.text()),
            ],
            Finding::YesToNo { key } => vec![("field", name(key))],
            Finding::PeriodGap {
                period,
                prior_period,
            } => vec![
                ("priorPeriod", month(*prior_period, lang)),
                ("period", month(*period, lang)),
                (
                    "missing",
                    (period.index() - prior_period.index() - 1).to_string(),
                ),
            ],
            Finding::Jump { key, value, prior } => vec![
                ("field", name(key)),
                ("prior", prior.text()),
                ("value", value.text()),
                ("factor", thresholds::JUMP_FACTOR.to_string()),
            ],
        }
    }
}

/// The message for a finding, in `lang`: its template filled with its
/// values.
pub fn render(finding: &Finding, form: &Form, lang: Lang) -> String {
    let key = finding.message_key(form);
    match template(key) {
        Some(t) => fill(t.text(lang), &finding.params(form, lang)),
        // Every key has a template (tests/it/messages.rs); a code alone is
        // still better than nothing.
        None => key.to_string(),
    }
}
