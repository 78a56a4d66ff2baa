//! Findings: what a rule found, as typed data, and its one rendering to text.
//!
//! A [`Finding`] carries the numbers and texts its message needs; [`render`]
//! is the only place that turns one into words, for the language it is given.
//! So the Chinese and English messages cannot drift apart in what they say.

use crate::Lang;
use crate::form::{Form, Kind, Max, YearMonth};
use crate::money::Wan;
use crate::parse::{ParseError, Value};
use crate::rules::Rule;
use crate::thresholds;
use chrono::NaiveDate;

/// What a rule found, with the parameters its message shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// F101. `key` is a value key or `unit`/`period`/`date`.
    Required { key: &'static str },
    /// F102–F109, F111, F112: a value that could not be read.
    Unreadable {
        key: &'static str,
        text: String,
        error: ParseError,
    },
    /// F110. `key` as quoted (cut when long).
    UnknownKey {
        key: String,
        suggestion: Option<&'static str>,
    },
    /// F110, once: how many unknown keys beyond the ones listed one by one
    /// ([`UNKNOWN_KEYS_LISTED`](crate::validate::UNKNOWN_KEYS_LISTED)).
    MoreUnknownKeys { count: usize },
    /// H201.
    UnknownForm { form: String },
    /// H202.
    BadPeriod { text: String },
    /// H203.
    PeriodOutOfRange {
        period: YearMonth,
        first: YearMonth,
        last: YearMonth,
    },
    /// H204.
    BadDate { text: String },
    /// H205.
    DateBeforePeriod { date: NaiveDate, period: YearMonth },
    /// H206.
    DateAfterToday { date: NaiveDate, today: NaiveDate },
    /// H251.
    LateFiling { date: NaiveDate, due: NaiveDate },
    /// H252.
    UnknownUnit { text: String },
    /// H253.
    StaleUnit { text: String, current: &'static str },
    /// C301.
    PartExceedsWhole {
        part: &'static str,
        whole: &'static str,
        part_value: Value,
        whole_value: Value,
    },
    /// C302.
    AmountWithoutCount {
        amount: &'static str,
        count: &'static str,
        amount_value: Value,
    },
    /// C351.
    PartExceedsSum {
        part: &'static str,
        wholes: &'static [&'static str],
        part_value: Value,
        sum: Value,
    },
    /// C352.
    MissingRelated {
        field: &'static str,
        related: &'static str,
        value: Value,
    },
    /// C353.
    AverageTooHigh {
        amount: &'static str,
        count: &'static str,
        amount_value: Wan,
        count_value: u64,
        limit: Wan,
    },
    /// C354.
    AmountTooHigh {
        field: &'static str,
        value: Wan,
        limit: Wan,
    },
    /// M401. Units as typed.
    PriorUnitDiffers { unit: String, prior_unit: String },
    /// M402.
    PriorNotEarlier {
        period: YearMonth,
        prior_period: YearMonth,
    },
    /// M403.
    Decreased {
        key: &'static str,
        value: Value,
        prior: Value,
    },
    /// M451.
    HeadcountFell {
        key: &'static str,
        value: Value,
        prior: Value,
    },
    /// M452.
    YesToNo { key: &'static str },
    /// M453.
    PeriodGap {
        period: YearMonth,
        prior_period: YearMonth,
    },
    /// M454.
    Jump {
        key: &'static str,
        value: Value,
        prior: Value,
    },
}

impl Finding {
    pub fn rule(&self) -> Rule {
        match self {
            Finding::Required { .. } => Rule::Required,
            Finding::Unreadable { error, .. } => match error {
                ParseError::NotANumber | ParseError::NoneWord => Rule::NotANumber,
                ParseError::Negative => Rule::Negative,
                ParseError::Fraction => Rule::Fraction,
                ParseError::TooManyDecimals => Rule::TooManyDecimals,
                ParseError::YuanInWan { .. } => Rule::YuanInWan,
                ParseError::AboveMax(_) => Rule::AboveMax,
                ParseError::WrongUnit { .. } => Rule::WrongUnit,
                ParseError::NotYesNo => Rule::NotYesNo,
                ParseError::WrongType(_) => Rule::WrongType,
                ParseError::BadGrouping => Rule::BadGrouping,
            },
            Finding::UnknownKey { .. } | Finding::MoreUnknownKeys { .. } => Rule::UnknownKey,
            Finding::UnknownForm { .. } => Rule::UnknownForm,
            Finding::BadPeriod { .. } => Rule::BadPeriod,
            Finding::PeriodOutOfRange { .. } => Rule::PeriodOutOfRange,
            Finding::BadDate { .. } => Rule::BadDate,
            Finding::DateBeforePeriod { .. } => Rule::DateBeforePeriod,
            Finding::DateAfterToday { .. } => Rule::DateAfterToday,
            Finding::LateFiling { .. } => Rule::LateFiling,
            Finding::UnknownUnit { .. } => Rule::UnknownUnit,
            Finding::StaleUnit { .. } => Rule::StaleUnit,
            Finding::PartExceedsWhole { .. } => Rule::PartExceedsWhole,
            Finding::AmountWithoutCount { .. } => Rule::AmountWithoutCount,
            Finding::PartExceedsSum { .. } => Rule::PartExceedsSum,
            Finding::MissingRelated { .. } => Rule::MissingRelated,
            Finding::AverageTooHigh { .. } => Rule::AverageTooHigh,
            Finding::AmountTooHigh { .. } => Rule::AmountTooHigh,
            Finding::PriorUnitDiffers { .. } => Rule::PriorUnitDiffers,
            Finding::PriorNotEarlier { .. } => Rule::PriorNotEarlier,
            Finding::Decreased { .. } => Rule::Decreased,
            Finding::HeadcountFell { .. } => Rule::HeadcountFell,
            Finding::YesToNo { .. } => Rule::YesToNo,
            Finding::PeriodGap { .. } => Rule::PeriodGap,
            Finding::Jump { .. } => Rule::Jump,
        }
    }

    /// The key the finding is about: the value it fires on, or the header
    /// field it concerns. Together with the code it makes the finding's id.
    pub fn subject(&self) -> &str {
        match self {
            Finding::Required { key }
            | Finding::Unreadable { key, .. }
            | Finding::Decreased { key, .. }
            | Finding::HeadcountFell { key, .. }
            | Finding::YesToNo { key }
            | Finding::Jump { key, .. } => key,
            Finding::UnknownKey { key, .. } => key,
            Finding::MoreUnknownKeys { .. } => "values",
            Finding::UnknownForm { .. } => "form",
            Finding::BadPeriod { .. } | Finding::PeriodOutOfRange { .. } => "period",
            Finding::PriorNotEarlier { .. } | Finding::PeriodGap { .. } => "period",
            Finding::BadDate { .. }
            | Finding::DateBeforePeriod { .. }
            | Finding::DateAfterToday { .. }
            | Finding::LateFiling { .. } => "date",
            Finding::UnknownUnit { .. }
            | Finding::StaleUnit { .. }
            | Finding::PriorUnitDiffers { .. } => "unit",
            Finding::PartExceedsWhole { part, .. } | Finding::PartExceedsSum { part, .. } => part,
            Finding::AmountWithoutCount { amount, .. } | Finding::AverageTooHigh { amount, .. } => {
                amount
            }
            Finding::MissingRelated { field, .. } | Finding::AmountTooHigh { field, .. } => field,
        }
    }

    /// The finding's id, `CODE:key`, which `explanations` refer to.
    pub fn id(&self) -> String {
        format!("{}:{}", self.rule().code(), self.subject())
    }

    /// Every field the finding involves, in form order, so that a page can
    /// mark them all.
    pub fn fields(&self, form: &'static Form) -> Vec<String> {
        let mut keys = self.keys();
        crate::order::sort_by_key(&mut keys, |k| form.position(k).unwrap_or(usize::MAX));
        keys.into_iter().map(str::to_string).collect()
    }

    /// Every field the finding involves, as its rule names them.
    pub fn keys(&self) -> Vec<&str> {
        match self {
            Finding::PartExceedsWhole { part, whole, .. } => vec![part, whole],
            Finding::AmountWithoutCount { amount, count, .. }
            | Finding::AverageTooHigh { amount, count, .. } => {
                vec![amount, count]
            }
            Finding::PartExceedsSum { part, wholes, .. } => std::iter::once(*part)
                .chain(wholes.iter().copied())
                .collect(),
            Finding::MissingRelated { field, related, .. } => vec![field, related],
            Finding::DateBeforePeriod { .. } | Finding::LateFiling { .. } => vec!["period", "date"],
            _ => vec![self.subject()],
        }
    }
}

/// The most characters of what was typed that a message quotes: enough for
/// any number a field can hold written out in full (a 30-digit number is
/// shown whole), and no more, so a megabyte pasted into a field does not
/// become a megabyte message. The report as typed keeps the whole text.
pub const QUOTE_MAX_CHARS: usize = 64;

/// `text` as a message quotes it: whole up to [`QUOTE_MAX_CHARS`]
/// characters, else its beginning and an ellipsis.
pub fn quote(text: &str) -> String {
    quote_within(text, QUOTE_MAX_CHARS)
}

/// `text` whole up to `max` characters, else its first `max - 1` and "…".
pub fn quote_within(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some(_) => {
            let end = text
                .char_indices()
                .nth(max - 1)
                .map_or(text.len(), |(i, _)| i);
            format!("{}…", &text[..end])
        }
    }
}

/// How a field is named in messages: `1.1 企业自查发现的重大事故隐患（个）`.
pub fn field_name(form: &Form, key: &str, lang: Lang) -> String {
    if let Some(f) = form.fields.iter().find(|f| f.key == key) {
        let unit = match (f.kind, lang) {
            (Kind::YesNo, _) => String::new(),
            (_, Lang::Zh) => format!("（{}）", f.unit),
            (_, Lang::En) => format!(" ({})", f.unit),
        };
        let label = match lang {
            Lang::Zh => f.label,
            Lang::En => f.label_en,
        };
        return format!("{} {}{}", f.number(), label, unit);
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

fn ym_zh(p: YearMonth) -> String {
    format!("{}年{}月", p.year, p.month)
}

/// The message for a finding, in `lang`.
pub fn render(finding: &Finding, form: &Form, lang: Lang) -> String {
    let name = |key: &str| field_name(form, key, lang);
    let zh = lang == Lang::Zh;
    match finding {
        Finding::Required { key } => {
            // 无则填0 is the form's own hint, and only makes sense for numbers.
            let numeric = form
                .fields
                .iter()
                .any(|f| f.key == *key && f.kind != Kind::YesNo);
            match (zh, numeric) {
                (true, true) => format!("{}：未填写。无则填0。", name(key)),
                (true, false) => format!("{}：未填写。", name(key)),
                (false, true) => format!("{}: blank. Enter 0 if none.", name(key)),
                (false, false) => format!("{}: blank.", name(key)),
            }
        }
        Finding::Unreadable { key, text, error } => {
            let n = name(key);
            let field = form.fields.iter().find(|f| f.key == *key);
            let unit = field.map_or("", |f| f.unit);
            let yes_no = field.is_some_and(|f| f.kind == Kind::YesNo);
            match (error, zh) {
                (ParseError::NotANumber, true) => format!("{n}：填写的“{text}”不是有效数字。"),
                (ParseError::NotANumber, false) => format!("{n}: \"{text}\" is not a number."),
                (ParseError::NoneWord, true) => format!("{n}：填写的“{text}”不是数字；无则填0。"),
                (ParseError::NoneWord, false) => {
                    format!("{n}: \"{text}\" is not a number; enter 0 if none.")
                }
                (ParseError::Negative, true) => {
                    format!("{n}：填写的“{text}”是负数，数值不能小于0。")
                }
                (ParseError::Negative, false) => {
                    format!("{n}: \"{text}\" is negative; values cannot be below 0.")
                }
                (ParseError::Fraction, true) => {
                    format!("{n}：填写的“{text}”有小数，以“{unit}”计的数须为整数。")
                }
                (ParseError::Fraction, false) => format!(
                    "{n}: \"{text}\" has a fraction; a count in {unit} must be a whole number."
                ),
                (ParseError::TooManyDecimals, true) => {
                    format!(
                        "{n}：填写的“{text}”超过4位小数；万元最多保留4位小数（0.0001万元即1元）。"
                    )
                }
                (ParseError::TooManyDecimals, false) => {
                    format!(
                        "{n}: \"{text}\" has more than 4 decimals; 万元 take at most 4 (0.0001 万元 is 1 元)."
                    )
                }
                (ParseError::YuanInWan { wan: Some(w) }, true) => {
                    format!(
                        "{n}：填写的“{text}”是以元为单位的金额，本项单位为万元；如为{text}，应填 {w}（万元）。"
                    )
                }
                (ParseError::YuanInWan { wan: None }, true) => {
                    format!(
                        "{n}：填写的“{text}”是以元为单位的金额，本项单位为万元，请换算（1万元 = 10000元）。"
                    )
                }
                (ParseError::YuanInWan { wan: Some(w) }, false) => format!(
                    "{n}: \"{text}\" is an amount in 元 but this field is in 万元; {text} is {w} 万元."
                ),
                (ParseError::YuanInWan { wan: None }, false) => format!(
                    "{n}: \"{text}\" is an amount in 元 but this field is in 万元 (1 万元 = 10000 元)."
                ),
                (ParseError::AboveMax(m), true) => {
                    format!(
                        "{n}：填写的“{text}”超过本项上限 {}，请检查是否多输了数字。",
                        max_text(*m)
                    )
                }
                (ParseError::AboveMax(m), false) => {
                    format!(
                        "{n}: \"{text}\" is above this field's maximum of {}; check for an extra digit.",
                        max_text(*m)
                    )
                }
                (ParseError::WrongUnit { typed, expected }, true) => {
                    format!("{n}：填写的“{text}”单位为“{typed}”，本项单位为“{expected}”。")
                }
                (ParseError::WrongUnit { typed, expected }, false) => {
                    format!("{n}: \"{text}\" is in {typed}, but this field is in {expected}.")
                }
                (ParseError::NotYesNo, true) => {
                    format!("{n}：填写的“{text}”无法识别，请填“是”或“否”。")
                }
                (ParseError::NotYesNo, false) => {
                    format!("{n}: \"{text}\" is not understood; answer yes (是) or no (否).")
                }
                (ParseError::WrongType(t), true) => {
                    let t = match *t {
                        "array" => "数组",
                        "object" => "对象",
                        "boolean" => "布尔值（true/false）",
                        other => other,
                    };
                    if yes_no {
                        format!("{n}：值为{t}，应为“是”或“否”。")
                    } else {
                        format!("{n}：值为{t}，应为数字。")
                    }
                }
                (ParseError::WrongType(t), false) => {
                    if yes_no {
                        format!("{n}: the value is a JSON {t}; yes (是) or no (否) is expected.")
                    } else {
                        format!("{n}: the value is a JSON {t}; a number is expected.")
                    }
                }
                (ParseError::BadGrouping, true) => format!(
                    "{n}：填写的“{text}”千位分隔符位置不对（应每3位一组，如 1,234）；小数请用小数点。"
                ),
                (ParseError::BadGrouping, false) => format!(
                    "{n}: \"{text}\" has misplaced thousands separators (groups of 3, as in 1,234); use a point for decimals."
                ),
            }
        }
        Finding::UnknownKey { key, suggestion } => {
            let known = suggestion.map(|s| (s, name(s)));
            match (zh, known) {
                (true, Some((s, n))) => format!("表中没有“{key}”这一项，是否应为 {s}（{n}）？"),
                (true, None) => format!("表中没有“{key}”这一项。"),
                (false, Some((s, n))) => {
                    format!("The form has no field \"{key}\"; did you mean {s} ({n})?")
                }
                (false, None) => format!("The form has no field \"{key}\"."),
            }
        }
        Finding::MoreUnknownKeys { count } => {
            if zh {
                format!("另有 {count} 个表中没有的项，不再逐一列出。")
            } else {
                format!("{count} more fields the form does not have are not listed one by one.")
            }
        }
        Finding::UnknownForm { form: f } => {
            if zh {
                format!("表单“{f}”无法识别；本工具校验的是 {}。", form.id)
            } else {
                format!("Unknown form \"{f}\"; this validator checks {}.", form.id)
            }
        }
        Finding::BadPeriod { text } => {
            if zh {
                format!("报告月份“{text}”格式不对，应为 2023-06 这样的年月。")
            } else {
                format!("Reported month \"{text}\" is malformed; write it as 2023-06.")
            }
        }
        Finding::PeriodOutOfRange {
            period,
            first,
            last,
        } => {
            if zh {
                format!(
                    "报告月份 {} 不在调度期内（{} 至 {}）。",
                    ym_zh(*period),
                    ym_zh(*first),
                    ym_zh(*last)
                )
            } else {
                format!("Reported month {period} is outside the campaign ({first} to {last}).")
            }
        }
        Finding::BadDate { text } => {
            if zh {
                format!("时间“{text}”不是有效日期，应为 2023-06-26 这样的日期。")
            } else {
                format!("Date \"{text}\" is not a valid date; write it as 2023-06-26.")
            }
        }
        Finding::DateBeforePeriod { date, period } => {
            if zh {
                format!(
                    "时间 {date} 早于报告月份 {} 的第一天；当月累计情况不能在当月开始前报送。",
                    ym_zh(*period)
                )
            } else {
                format!("Date {date} is before the reported month {period} starts.")
            }
        }
        Finding::DateAfterToday { date, today } => {
            if zh {
                format!("时间 {date} 晚于今天（{today}）。")
            } else {
                format!("Date {date} is after today ({today}).")
            }
        }
        Finding::LateFiling { date, due } => {
            if zh {
                format!(
                    "时间 {date} 晚于报送截止日 {due}（每月28日前上报当月累计情况），请说明迟报原因。"
                )
            } else {
                format!(
                    "Date {date} is after the deadline {due} (the 28th of the month); explain the delay."
                )
            }
        }
        Finding::UnknownUnit { text } => {
            if zh {
                format!(
                    "填报单位“{text}”不在全区乡镇和牵头部门名录中；如为区直属企业，请在说明中写明。"
                )
            } else {
                format!(
                    "Unit \"{text}\" is not a registered township or department; if it is a district-owned enterprise, say so in an explanation."
                )
            }
        }
        Finding::StaleUnit { text, current } => {
            if zh {
                format!("填报单位“{text}”是旧名称，现名为“{current}”。")
            } else {
                format!("Unit \"{text}\" is an outdated name; it is now \"{current}\".")
            }
        }
        Finding::PartExceedsWhole {
            part,
            whole,
            part_value,
            whole_value,
        } => {
            let (p, w, pv, wv) = (
                name(part),
                name(whole),
                part_value.text(),
                whole_value.text(),
            );
            if zh {
                format!("{p}为 {pv}，大于 {w}的 {wv}；分项不能大于总数。")
            } else {
                format!("{p} is {pv}, more than {w} at {wv}; a part cannot exceed its whole.")
            }
        }
        Finding::AmountWithoutCount {
            amount,
            count,
            amount_value,
        } => {
            let (a, c, av) = (name(amount), name(count), amount_value.text());
            if zh {
                format!("{a}为 {av}，但 {c}为 0；有处罚金额就至少有1次处罚。")
            } else {
                format!("{a} is {av} but {c} is 0; an amount needs at least one case.")
            }
        }
        Finding::PartExceedsSum {
            part,
            wholes,
            part_value,
            sum,
        } => {
            let (p, pv, sv) = (name(part), part_value.text(), sum.text());
            let ws: Vec<String> = wholes.iter().map(|w| name(w)).collect();
            if zh {
                format!(
                    "{p}为 {pv}，大于 {}之和 {sv}；挂牌督办隐患一般出自已发现的隐患，请核实。",
                    ws.join(" 与 ")
                )
            } else {
                format!(
                    "{p} is {pv}, more than {} together ({sv}); supervised hazards are normally among those found. Please verify.",
                    ws.join(" and ")
                )
            }
        }
        Finding::MissingRelated {
            field,
            related,
            value,
        } => {
            let (f, r, v) = (name(field), name(related), value.text());
            if zh {
                format!("{f}为 {v}，而 {r}为 0，请核实。")
            } else {
                format!("{f} is {v} while {r} is 0. Please verify.")
            }
        }
        Finding::AverageTooHigh {
            amount,
            count,
            amount_value,
            count_value,
            limit,
        } => {
            let avg = amount_value.div_count_rounded(*count_value);
            let (a, c) = (name(amount), name(count));
            if zh {
                format!(
                    "{a} {amount_value} ÷ {c} {count_value} = 平均每次约 {avg} 万元，超过 {limit} 万元；是否把元当作万元填报了？请核实。"
                )
            } else {
                format!(
                    "{a} {amount_value} / {c} {count_value} = about {avg} 万元 per case, above {limit} 万元; were 元 typed as 万元? Please verify."
                )
            }
        }
        Finding::AmountTooHigh {
            field,
            value,
            limit,
        } => {
            let f = name(field);
            if zh {
                format!("{f}为 {value}，超过 {limit} 万元；是否把元当作万元填报了？请核实。")
            } else {
                format!("{f} is {value}, above {limit} 万元; were 元 typed as 万元? Please verify.")
            }
        }
        Finding::PriorUnitDiffers { unit, prior_unit } => {
            if zh {
                format!(
                    "上月报表的填报单位为“{prior_unit}”，与本表“{unit}”不同，不能作为本单位的上月数据。"
                )
            } else {
                format!(
                    "The prior report is from \"{prior_unit}\", not \"{unit}\"; it cannot serve as this unit's prior month."
                )
            }
        }
        Finding::PriorNotEarlier {
            period,
            prior_period,
        } => {
            if zh {
                format!(
                    "上月报表的报告月份 {} 不早于本表的 {}。",
                    ym_zh(*prior_period),
                    ym_zh(*period)
                )
            } else {
                format!(
                    "The prior report's month {prior_period} is not earlier than this report's {period}."
                )
            }
        }
        Finding::Decreased { key, value, prior } => {
            let (f, v, p) = (name(key), value.text(), prior.text());
            if zh {
                format!(
                    "{f}本月累计 {v}，少于上月累计 {p}；累计数不应减少。如上月数据有误，请先更正上月报表。"
                )
            } else {
                format!(
                    "{f} is {v} this month, below last month's cumulative {p}; cumulative figures cannot fall. If last month's figure was wrong, correct that report first."
                )
            }
        }
        Finding::HeadcountFell { key, value, prior } => {
            let (f, v, p) = (name(key), value.text(), prior.text());
            if zh {
                format!("{f}本月为 {v}，少于上月的 {p}，请核实人员变动情况。")
            } else {
                format!("{f} is {v}, down from {p} last month. Please verify the change in staff.")
            }
        }
        Finding::YesToNo { key } => {
            let f = name(key);
            if zh {
                format!("{f}：上月为“是”，本月为“否”，请核实。")
            } else {
                format!("{f}: yes last month, no this month. Please verify.")
            }
        }
        Finding::PeriodGap {
            period,
            prior_period,
        } => {
            let missing = period.index() - prior_period.index() - 1;
            if zh {
                format!(
                    "上月报表为 {}，与本表 {} 之间缺少 {missing} 个月的报表；请确认选择的是最近一次报表。",
                    ym_zh(*prior_period),
                    ym_zh(*period)
                )
            } else {
                format!(
                    "The prior report is for {prior_period}; {missing} month(s) are missing before {period}. Check that it is the latest report."
                )
            }
        }
        Finding::Jump { key, value, prior } => {
            let (f, v, p) = (name(key), value.text(), prior.text());
            let k = thresholds::JUMP_FACTOR;
            if zh {
                format!("{f}由上月 {p} 增至本月 {v}，超过上月的{k}倍，请核实是否多输了数字。")
            } else {
                format!(
                    "{f} rose from {p} to {v}, more than {k} times last month's; check for an extra digit."
                )
            }
        }
    }
}
