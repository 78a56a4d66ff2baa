//! The rule catalogue.
//!
//! Every check the validator makes is a [`Rule`] with a stable code, a
//! severity, and a doc comment saying what it checks, why, and an example. The
//! codes are a public contract (a portal may key its own help text or
//! statistics on them), so a rule is never renumbered; a retired rule keeps
//! its code unused.
//!
//! Codes by family: `F1xx` a single value as typed, `H2xx` the header,
//! `C3xx` consistency within one report, `M4xx` against the prior month,
//! `S5xx` the record of submissions (when a report arrived, a unit's months
//! in series), which only the server and `diaodu month` hold.
//! Within a family, `x0x`/`x1x` are errors and `x5x` are warnings.
//!
//! Each family's detection and its message templates live in one module:
//! [`value`] (F), [`header`] (H), [`consistency`] (C), [`prior`] (M) and
//! [`series`] (S).
//! What each rule reads ([`Rule::fields`]) comes from the form table; the
//! engine (`crate::engine`) runs them by slot.

pub mod consistency;
pub mod header;
pub mod prior;
pub mod series;
pub mod value;

#[cfg(not(target_arch = "wasm32"))]
use serde::Serialize;

use crate::Lang;
use crate::form::Form;

/// How a finding affects submission, following Chinese statistical practice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
pub enum Severity {
    /// 强制性: the report cannot be submitted until it is fixed.
    Error,
    /// 核实性: the report may be submitted once the unit explains it (说明).
    Warning,
}

impl Severity {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Severity::Error, Lang::Zh) => "错误",
            (Severity::Warning, Lang::Zh) => "核实",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::En) => "warning",
        }
    }
}

macro_rules! rules {
    ($(
        $(#[doc = $doc:literal])+
        $name:ident = $code:literal, $sev:ident, $zh:literal, $en:literal;
    )+) => {
        /// A check the validator makes. See the module docs for the numbering.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $( $(#[doc = $doc])+ $name, )+
        }

        impl Rule {
            /// Every rule, in code order.
            pub const ALL: &'static [Rule] = &[$(Rule::$name),+];

            /// This rule's place in [`Rule::ALL`] (both list the rules in
            /// the same order; a test holds them so).
            pub const fn index(self) -> usize {
                self as usize
            }

            /// The stable code, e.g. `C301`.
            // Not inlined in the browser package, nor `severity`: a match
            // over every rule, copied into each caller (see
            // `Finding::subject`).
            #[cfg_attr(target_arch = "wasm32", inline(never))]
            pub const fn code(self) -> &'static str {
                match self { $(Rule::$name => $code),+ }
            }

            #[cfg_attr(target_arch = "wasm32", inline(never))]
            pub const fn severity(self) -> Severity {
                match self { $(Rule::$name => Severity::$sev),+ }
            }

            /// A one-line description for people, in `lang` (English:
            /// `None` in the browser package until it is loaded, see
            /// [`crate::english`]).
            pub fn description(self, lang: Lang) -> Option<&'static str> {
                match lang {
                    Lang::Zh => Some(match self { $(Rule::$name => $zh),+ }),
                    Lang::En => {
                        let en: crate::english::En = match self { $(Rule::$name => crate::english::en!($en)),+ };
                        crate::english::text(en, crate::english::Key::Rule(self.code()))
                    }
                }
            }

            /// The rule's documentation, in English (what it checks, why,
            /// an example): `None` in the browser package until English is
            /// loaded.
            pub fn doc(self) -> Option<String> {
                #[cfg(not(target_arch = "wasm32"))]
                {
                    let lines: &[&str] = match self { $(Rule::$name => &[$($doc),+]),+ };
                    Some(lines.iter().map(|l| l.strip_prefix(' ').unwrap_or(l)).collect::<Vec<_>>().join("\n"))
                }
                #[cfg(target_arch = "wasm32")]
                {
                    crate::english::text(crate::english::Absent, crate::english::Key::Doc(self.code()))
                        .map(str::to_string)
                }
            }
        }
    };
}

rules! {
    /// A value or header field is blank in submit mode.
    ///
    /// Why: the form says 无则填0, so a blank cannot tell "none" from "forgot".
    /// Draft mode (while typing) skips this rule.
    /// Example: `self_found` empty when the report is submitted.
    Required = "F101", Error, "必填项未填写（无则填0）", "Required value is blank (enter 0 if none)";

    /// Text that is not a number, including NaN, Infinity and words such as 无.
    ///
    /// Why: a count or amount must be read exactly; guessing would change data.
    /// Example: `"十二"`, `"abc"`, `"NaN"`, `"无"` in `dept_found`.
    NotANumber = "F102", Error, "不是有效数字", "Not a number";

    /// A negative number.
    ///
    /// Why: every figure on the form counts or sums something that happened.
    /// Example: `"-3"` in `spot_checked`.
    Negative = "F103", Error, "数值不能为负", "Value is negative";

    /// A count (个, 家, 次, 人, 个次, 家次) with a fractional part.
    ///
    /// Why: hazards, enterprises, visits and people come in whole numbers.
    /// Example: `"2.5"` in `self_found`; `"12.0"` is accepted.
    Fraction = "F104", Error, "计数须为整数", "Count has a fractional part";

    /// A 万元 amount with more than 4 decimals.
    ///
    /// Why: 0.0001 万元 is 1 元, the smallest amount that means anything;
    /// more digits are a slip, and rounding them away would change the data.
    /// Example: `"3.50001"` in `penalty_amount`; `"3.50000"` is accepted.
    TooManyDecimals = "F105", Error, "万元最多4位小数（精确到元）", "More than 4 decimals in 万元";

    /// An amount written in 元 in a 万元 field.
    ///
    /// Why: the most common slip on money items; the message gives the amount
    /// converted to 万元, but the value is never converted silently.
    /// Example: `"35000元"` in `penalty_amount` (means 3.5 万元).
    YuanInWan = "F106", Error, "万元栏填了以元计的金额", "Amount in 元 typed into a 万元 field";

    /// A value above the field's hard maximum (see `thresholds`).
    ///
    /// Why: no unit in Chongming can reach these; an extra digit is likelier.
    /// Example: `"10000000"` in `self_found`.
    AboveMax = "F107", Error, "超过该项上限", "Above the field's maximum";

    /// A unit after the number that is not the field's unit.
    ///
    /// Why: `"3家"` in a 家次 field, or `"5次"` in a 人 field, may count
    /// something else than the item asks for.
    /// Example: `"12家"` in `self_found` (个).
    WrongUnit = "F108", Error, "单位与该项不符", "Unit does not match the field";

    /// A 是/否 field holding something else.
    ///
    /// Why: 4.6 asks a yes/no question. Accepted: 是/否, yes/no, y/n,
    /// true/false, 1/0 (any case, full width too).
    /// Example: `"有时"` in `media_column`.
    NotYesNo = "F109", Error, "须填“是”或“否”", "Must be yes or no";

    /// A key in `values` that the form does not have.
    ///
    /// Why: a misspelt key would otherwise drop the figure without a word. The
    /// message suggests the nearest key, also when a label or item number was
    /// used as the key. The first 20 unknown keys get a finding each and the
    /// rest one finding that counts them (`F110:values`); a key is suggested
    /// only for keys of up to 128 bytes, so a hostile report costs little.
    /// Example: `"self_fund"` (did you mean `self_found`?).
    UnknownKey = "F110", Error, "表中没有这一项", "Unknown field";

    /// A JSON array or object, or a boolean in a number field.
    ///
    /// Why: no field holds a list or a record; the value cannot be read.
    /// Example: `"self_found": [1, 2]`, `"media_column": {}`.
    WrongType = "F111", Error, "值的类型不对", "Wrong value type";

    /// Thousands separators in the wrong places.
    ///
    /// Why: `"12,34"` may be a decimal comma or a slip; either guess could be
    /// wrong. Correct grouping (`1,234`, `1，234`) is accepted.
    /// Example: `"12,34"` in `guided_key_firms`.
    BadGrouping = "F112", Error, "千位分隔符位置不对", "Misplaced thousands separator";

    /// The report names a form this validator does not know.
    ///
    /// Why: the checks belong to one form; another form's report would be
    /// judged by the wrong rules.
    /// Example: `"form": "chongming-2022"`.
    UnknownForm = "H201", Error, "表单无法识别", "Unknown form";

    /// `period` is not a month (`YYYY-MM`; `2023年6月` is also read).
    ///
    /// Why: the cumulative and deadline checks need the month.
    /// Example: `"2023-13"`, `"六月"`.
    BadPeriod = "H202", Error, "报告月份格式不对", "Malformed reported month";

    /// `period` is outside the campaign's reporting months (2023-05 to 2023-12).
    ///
    /// Why: the form is filed from May (注1) to December 2023 (总结提高).
    /// Example: `"2023-04"`.
    PeriodOutOfRange = "H203", Error, "报告月份不在调度期内", "Reported month outside the campaign";

    /// `date` (时间) is malformed or does not exist.
    ///
    /// Why: the filing date decides lateness and cannot be in the future.
    /// Example: `"2023-06-31"`, `"2023/6/"`.
    BadDate = "H204", Error, "时间格式不对或日期不存在", "Malformed or impossible date";

    /// `date` is before the first day of the reported month.
    ///
    /// Why: a month's cumulative figures cannot be filed before it starts.
    /// Example: period `2023-06`, date `2023-05-30`.
    DateBeforePeriod = "H205", Error, "填报时间早于报告月份", "Date before the reported month";

    /// `date` is after today (today is an input; it defaults to the current
    /// date in China, UTC+8).
    ///
    /// Why: a filing date in the future is a slip.
    /// Example: date `2023-07-01` checked on 2023-06-26.
    DateAfterToday = "H206", Error, "填报时间晚于今天", "Date after today";

    /// `date` is after the 28th of the reported month.
    ///
    /// Why: 注1 asks for each month's figures by the 28th; a late report needs
    /// a reason.
    /// Example: period `2023-06`, date `2023-06-30`.
    LateFiling = "H251", Warning, "晚于当月28日报送", "Filed after the 28th";

    /// The unit is not in the registry of townships and departments.
    ///
    /// Why: the plan names the filers; district-owned enterprises are not
    /// listed, so this is a warning the unit explains, not an error.
    /// Example: `"城桥镇政府办"`.
    UnknownUnit = "H252", Warning, "填报单位不在名录中", "Unit not in the registry";

    /// The unit is an outdated name of a registered unit.
    ///
    /// Why: the district's statistics are keyed on current names.
    /// Example: `"长兴乡"` (now 长兴镇), `"区安监局"` (now 区应急局).
    StaleUnit = "H253", Warning, "填报单位使用了旧名称", "Outdated unit name";

    /// A part is greater than its whole.
    ///
    /// Why: rectified hazards are among the found ones; each finding of 2.2 to
    /// 2.8 is about a spot-checked enterprise; 一案双罚 are among the penalties;
    /// 危险作业罪 cases are among the typical cases; anonymous rewards are among
    /// all rewards.
    /// Example: `self_rectified` 12 with `self_found` 10.
    PartExceedsWhole = "C301", Error, "分项不能大于总数", "Part exceeds its whole";

    /// A penalty amount without any penalty.
    ///
    /// Why: 3.3 holds the number of penalties and their total; an amount above
    /// zero needs at least one penalty.
    /// Example: `penalty_amount` 3.5 with `penalty_count` 0.
    AmountWithoutCount = "C302", Error, "有金额而无次数", "Amount without a count";

    /// A part is greater than the sum of the figures it normally comes from.
    ///
    /// Why: 挂牌督办 hazards are normally among those found by enterprises or
    /// departments; more of them than both together needs an explanation.
    /// Example: `listed_found` 9 with `self_found` 3 and `dept_found` 4.
    PartExceedsSum = "C351", Warning, "超过来源项之和", "Part exceeds the sum of its sources";

    /// A figure above zero while a related figure is zero.
    ///
    /// Why: a published 危险作业罪 case normally means someone was transferred
    /// to the judicial authorities.
    /// Example: `typical_cases_danger_crime` 1 with `judicial_transfer` 0.
    MissingRelated = "C352", Warning, "相关项为0", "Related figure is zero";

    /// The average amount per case is implausibly high.
    ///
    /// Why: an average penalty above 100 万元 almost always means 元 were
    /// typed as 万元.
    /// Example: `penalty_amount` 35000 with `penalty_count` 2.
    AverageTooHigh = "C353", Warning, "平均金额过高，疑似按元填报", "Average amount implausibly high";

    /// An amount is implausibly high.
    ///
    /// Why: report rewards above 100 万元 almost always mean 元 typed as 万元.
    /// Example: `report_reward` 5000.
    AmountTooHigh = "C354", Warning, "金额过高，疑似按元填报", "Amount implausibly high";

    /// The prior report is from another unit.
    ///
    /// Why: cumulative checks compare a unit with itself.
    /// Example: this report 城桥镇, prior report 堡镇.
    PriorUnitDiffers = "M401", Error, "上月报表单位不同", "Prior report from another unit";

    /// The prior report's month is not earlier than this report's.
    ///
    /// Why: the prior report must be an earlier month's.
    /// Example: this report 2023-06, prior report 2023-07.
    PriorNotEarlier = "M402", Error, "上月报表月份不早于本月", "Prior report not earlier";

    /// A cumulative figure is lower than last month's.
    ///
    /// Why: figures are cumulative (注1), so they can only stay or grow. If
    /// last month's figure was wrong, that report is corrected first.
    /// Example: `self_found` 12 in June after 15 in May.
    Decreased = "M403", Error, "累计数少于上月", "Cumulative figure decreased";

    /// A headcount fell since last month.
    ///
    /// Why: 4.7 counts inspectors in post, not a running total, so it can
    /// fall; it seldom does.
    /// Example: `inspectors` 20 in June after 25 in May.
    HeadcountFell = "M451", Warning, "人数少于上月", "Headcount fell";

    /// A yes/no answer went from 是 to 否.
    ///
    /// Why: 4.6 asks whether a column has been broadcast during the campaign;
    /// once it has, it has.
    /// Example: `media_column` 是 in May, 否 in June.
    YesToNo = "M452", Warning, "由“是”变为“否”", "Changed from yes to no";

    /// The prior report is not from the immediately preceding month.
    ///
    /// Why: a gap means a month is missing or the wrong file was picked.
    /// Example: this report 2023-08, prior report 2023-06.
    PeriodGap = "M453", Warning, "与上月报表之间有缺月", "Months missing since the prior report";

    /// A figure jumped implausibly since last month.
    ///
    /// Why: more than tenfold and by more than 100 in one month is most often
    /// an extra digit (see `thresholds`).
    /// Example: `spot_checked` 12 in May, 1200 in June.
    Jump = "M454", Warning, "较上月增幅异常", "Implausible jump since last month";

    /// The server received the report after the 28th of the reported month.
    ///
    /// Why: 注1 asks for each month's figures by the 28th. H251 judges the
    /// date the unit writes on the form; this judges when the report arrived,
    /// by the server's own clock (China time), which the unit cannot set.
    /// Only the submission endpoint of `diaodu serve` knows it.
    /// Example: the June report received on 2023-06-30.
    ReceivedLate = "S551", Warning, "报送时间晚于当月28日", "Received after the 28th";

    /// Months of the campaign with no report from the unit, before the
    /// month checked.
    ///
    /// Why: the figures are cumulative and every month is filed (注1); a
    /// missing month leaves a hole in the district's series.
    /// Example: a unit with reports for May and July only, checked for July.
    MonthsMissing = "S552", Warning, "有月份未报送", "Months missing from the series";

    /// A figure above zero stayed the same for three monthly reports in a
    /// row while the unit's other cumulative figures moved.
    ///
    /// Why: a cumulative figure that no longer moves while the unit's work
    /// goes on is often a line copied from last month's form.
    /// Example: `self_found` 12 in June, July and August while
    /// `spot_checked` rose from 30 to 55.
    Unchanged = "S553", Warning, "连续三个月未变化", "Unchanged for three months";

    /// In the December report, the share of found hazards that were
    /// rectified is below the threshold (see `thresholds`).
    ///
    /// Why: the campaign's aim is that what is found gets rectified; national
    /// year-end figures were 93 to 100 %.
    /// Example: `self_found` 40 and `self_rectified` 30 (75 %) in December.
    LowRectification = "S554", Warning, "年末整改率偏低", "Low share rectified at year end";
}

/// The keys of the form's values that `pred` picks, in table order.
pub(crate) fn keys_where(
    form: &'static Form,
    pred: impl Fn(&crate::form::Field) -> bool,
) -> Vec<&'static str> {
    form.fields
        .iter()
        .filter(|f| pred(f))
        .map(|f| f.key)
        .collect()
}

/// One row of the exported catalogue.
#[derive(Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
pub struct RuleInfo {
    pub code: &'static str,
    pub severity: Severity,
    /// The keys the rule reads on this form; `*` for every value.
    pub fields: Vec<&'static str>,
    pub description_zh: &'static str,
    /// `None` only in the browser package before English is loaded; so
    /// are `doc` and the messages' `en`.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(skip_serializing_if = "Option::is_none")
    )]
    pub description_en: Option<&'static str>,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(skip_serializing_if = "Option::is_none")
    )]
    pub doc: Option<String>,
    /// The rule's message templates (one per variant), which a portal may
    /// replace with its own wording (`messages`).
    pub messages: Vec<MessageInfo>,
}

/// A message template as the catalogue lists it.
#[derive(Debug, Clone)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
pub struct MessageInfo {
    /// `CODE` or `CODE.variant`: the key a portal's `messages` use.
    pub key: &'static str,
    pub zh: &'static str,
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(skip_serializing_if = "Option::is_none")
    )]
    pub en: Option<&'static str>,
    /// The `{name}`s the template fills, in order of first use.
    pub placeholders: Vec<&'static str>,
}

impl Rule {
    /// The keys this rule reads on `form`.
    pub fn fields(self, form: &'static Form) -> Vec<&'static str> {
        // Each family says what its rules read.
        value::fields(self, form)
            .or_else(|| header::fields(self))
            .or_else(|| consistency::fields(self, form))
            .or_else(|| prior::fields(self, form))
            .or_else(|| series::fields(self, form))
            .unwrap_or_default()
    }

    pub fn info(self, form: &'static Form) -> RuleInfo {
        RuleInfo {
            code: self.code(),
            severity: self.severity(),
            fields: self.fields(form),
            description_zh: self.description(Lang::Zh).unwrap_or_default(),
            description_en: self.description(Lang::En),
            doc: self.doc(),
            messages: crate::messages::templates()
                .filter(|t| t.key.split('.').next() == Some(self.code()))
                .map(|t| MessageInfo {
                    key: t.key,
                    zh: t.zh,
                    en: t.text(Lang::En),
                    placeholders: crate::messages::placeholders(t.zh),
                })
                .collect(),
        }
    }

    /// Look a rule up by its code.
    pub fn from_code(code: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.code() == code)
    }
}

/// The whole catalogue for a form, in code order.
pub fn catalogue(form: &'static Form) -> Vec<RuleInfo> {
    Rule::ALL.iter().map(|r| r.info(form)).collect()
}
