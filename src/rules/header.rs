//! H rules: the header (单位, 报告月份, 时间) and the form named. A month
//! must be one of the campaign's, a date a real one not after today and
//! within the month's deadline (the 28th), a unit one the registry knows.

use chrono::NaiveDate;

use crate::engine::Header;
use crate::finding::{Finding, quote};
use crate::form::{Form, form_by_id};
use crate::options::Mode;
use crate::registry::UnitMatch;
use crate::rules::Rule;

/// What each H rule reads.
pub(crate) fn fields(rule: Rule) -> Option<Vec<&'static str>> {
    Some(match rule {
        Rule::UnknownForm => vec!["form"],
        Rule::BadPeriod | Rule::PeriodOutOfRange => vec!["period"],
        Rule::BadDate | Rule::DateAfterToday => vec!["date"],
        Rule::DateBeforePeriod | Rule::LateFiling => vec!["period", "date"],
        Rule::UnknownUnit | Rule::StaleUnit => vec!["unit"],
        _ => return None,
    })
}

/// The form a report names, where it names one this build does not know
/// (H201).
pub(crate) fn form_name(name: Option<&str>, out: &mut Vec<Finding>) {
    if let Some(id) = name.map(str::trim).filter(|id| !id.is_empty())
        && form_by_id(id).is_none()
    {
        out.push(Finding::UnknownForm { form: quote(id) });
    }
}

/// The header's findings: F101 where a field is blank and everything is
/// required, H202–H206, H251–H253.
pub(crate) fn check(
    form: &'static Form,
    header: &Header,
    today: NaiveDate,
    mode: Mode,
    out: &mut Vec<Finding>,
) {
    let submit = mode == Mode::Submit;
    match (&header.unit_text, header.unit) {
        (None, _) => {
            if submit {
                out.push(Finding::Required { key: "unit" });
            }
        }
        (Some(_), UnitMatch::Known(_)) => {}
        (Some(t), UnitMatch::Stale(e)) => out.push(Finding::StaleUnit {
            text: quote(t),
            current: e.name,
        }),
        (Some(t), UnitMatch::Unknown) => out.push(Finding::UnknownUnit { text: quote(t) }),
    }
    match (&header.period_text, header.period) {
        (None, _) => {
            if submit {
                out.push(Finding::Required { key: "period" });
            }
        }
        (Some(text), None) => out.push(Finding::BadPeriod { text: quote(text) }),
        (Some(_), Some(p)) => {
            if !form.in_campaign(p) {
                out.push(Finding::PeriodOutOfRange {
                    period: p,
                    first: form.first_period,
                    last: form.last_period,
                });
            }
        }
    }
    match (&header.date_text, header.date) {
        (None, _) => {
            if submit {
                out.push(Finding::Required { key: "date" });
            }
        }
        (Some(text), None) => out.push(Finding::BadDate { text: quote(text) }),
        (Some(_), Some(d)) => {
            if d > today {
                out.push(Finding::DateAfterToday { date: d, today });
            }
            // A month outside the campaign already has its finding
            // (H203); its start and deadline mean nothing, so no H205
            // or H251 follows.
            if let Some(p) = header.period.filter(|p| form.in_campaign(*p))
                && let (Some(start), Some(due)) = (p.first_day(), p.day_or_last(form.due_day))
            {
                if d < start {
                    out.push(Finding::DateBeforePeriod { date: d, period: p });
                } else if d > due {
                    out.push(Finding::LateFiling { date: d, due });
                }
            }
        }
    }
}

crate::messages::family_templates! {
    "H201" => "表单“{name}”无法识别；本工具校验的是 {form}。", "Unknown form \"{name}\"; this validator checks {form}.";
    "H202" => "报告月份“{text}”格式不对，应为 2023-06 这样的年月。", "Reported month \"{text}\" is malformed; write it as 2023-06.";
    "H203" => "报告月份 {period} 不在调度期内（{first} 至 {last}）。", "Reported month {period} is outside the campaign ({first} to {last}).";
    "H204" => "时间“{text}”不是有效日期，应为 2023-06-26 这样的日期。", "Date \"{text}\" is not a valid date; write it as 2023-06-26.";
    "H205" => "时间 {date} 早于报告月份 {period} 的第一天；当月累计情况不能在当月开始前报送。", "Date {date} is before the first day of the reported month {period}; a month's cumulative figures cannot be filed before the month begins.";
    "H206" => "时间 {date} 晚于今天（{today}）。", "Date {date} is after today ({today}).";
    "H251" => "时间 {date} 晚于报送截止日 {due}（每月28日前上报当月累计情况），请说明迟报原因。", "Date {date} is after the deadline {due} (the 28th of the month); explain the delay.";
    "H252" => "填报单位“{text}”不在全区乡镇和牵头部门名录中；如为区直属企业，请在说明中写明。", "Unit \"{text}\" is not a registered township or department; if it is a district-owned enterprise, say so in an explanation.";
    "H253" => "填报单位“{text}”是旧名称，现名为“{current}”。", "Unit \"{text}\" is an outdated name; it is now \"{current}\".";
}
