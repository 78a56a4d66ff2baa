//! F rules: each value as typed. Reading a value gives its value or one
//! finding (F101 blank where required, F102–F109, F111, F112 unreadable), so
//! a value that cannot be read never cascades into the rules that need it.
//! Keys the form does not have are F110.

use crate::finding::{Finding, quote};
use crate::form::{Field, Form, Kind};
use crate::options::Mode;
use crate::parse::{Value, parse_raw, plain_count};
use crate::report::Raw;
use crate::rules::Rule;
use crate::validate::{UNKNOWN_KEYS_LISTED, suggest_key};

/// Read field `field`'s raw value: its value where it is readable, and its
/// finding pushed to `out` where it is not (F102–F109, F111, F112) or is
/// blank when everything is required (F101). (A finding is pushed rather
/// than returned: returning the large enum for every value, found or not,
/// cost more than reading the value.)
// Natively, inlined into `Checker::read_value` (which LTO did once other
// code changed) it cost a good report's full validation 290 instructions
// more; in the browser package, kept apart, it is 20 B bigger.
#[cfg_attr(not(target_arch = "wasm32"), inline(never))]
pub(crate) fn read(
    field: &Field,
    raw: Raw<'_>,
    mode: Mode,
    out: &mut Vec<Finding>,
) -> Option<Value> {
    if let Some(v) = plain_count(field, raw) {
        return Some(v);
    }
    match parse_raw(field, raw) {
        Ok(Some(v)) => Some(v),
        Ok(None) => {
            if mode == Mode::Submit {
                out.push(Finding::Required { key: field.key });
            }
            None
        }
        Err(error) => {
            out.push(Finding::Unreadable {
                key: field.key,
                text: raw.quote(),
                error,
            });
            None
        }
    }
}

/// What each F rule reads: every value its kind of value can break, `*` for
/// any key.
pub(crate) fn fields(rule: Rule, form: &'static Form) -> Option<Vec<&'static str>> {
    let keys = |pred: fn(&Field) -> bool| super::keys_where(form, pred);
    Some(match rule {
        Rule::Required => vec!["unit", "period", "date", "*"],
        Rule::UnknownKey => vec!["*"],
        Rule::NotANumber
        | Rule::Negative
        | Rule::AboveMax
        | Rule::WrongUnit
        | Rule::BadGrouping => keys(|f| f.kind != Kind::YesNo),
        Rule::WrongType => keys(|_| true),
        Rule::Fraction => keys(|f| f.kind == Kind::Count),
        Rule::TooManyDecimals | Rule::YuanInWan => keys(|f| f.kind == Kind::Money),
        Rule::NotYesNo => keys(|f| f.kind == Kind::YesNo),
        _ => return None,
    })
}

/// Keys the form does not have (F110): the first
/// [`UNKNOWN_KEYS_LISTED`] one by one, with a suggestion where one is near,
/// and the rest counted in one more finding.
pub(crate) fn unknown_keys(form: &'static Form, keys: &[&str], out: &mut Vec<Finding>) {
    for key in keys.iter().take(UNKNOWN_KEYS_LISTED) {
        out.push(Finding::UnknownKey {
            key: quote(key),
            suggestion: suggest_key(form, key),
        });
    }
    if keys.len() > UNKNOWN_KEYS_LISTED {
        out.push(Finding::MoreUnknownKeys {
            count: keys.len() - UNKNOWN_KEYS_LISTED,
        });
    }
}

crate::messages::family_templates! {
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
}
