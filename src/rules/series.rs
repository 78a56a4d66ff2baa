//! S rules: what only the record of submissions shows. When a report
//! arrived (S551), and a unit's months read together, May to December:
//! months with no report (S552), a figure that stopped moving while the
//! others went on (S553), and the year-end share of found hazards rectified
//! (S554). All are warnings: the record raises the question and the unit
//! answers it.
//!
//! The server's submission endpoint adds S551 to a report's findings; the
//! office's view of a month (`crate::district`) and `diaodu month` run the
//! others over each unit's series. The browser build keeps the rules'
//! catalogue entries and templates but not their detection, which it never
//! runs.

#[cfg(not(target_arch = "wasm32"))]
use chrono::NaiveDate;

#[cfg(not(target_arch = "wasm32"))]
use crate::finding::Finding;
use crate::form::{Form, Kind, YearMonth};
use crate::parse::Value;
use crate::rules::Rule;
#[cfg(not(target_arch = "wasm32"))]
use crate::thresholds;

/// What each S rule reads.
pub(crate) fn fields(rule: Rule, form: &'static Form) -> Option<Vec<&'static str>> {
    Some(match rule {
        Rule::ReceivedLate | Rule::MonthsMissing => vec!["period"],
        Rule::Unchanged => {
            crate::rules::keys_where(form, |f| f.cumulative && f.kind != Kind::YesNo)
        }
        Rule::LowRectification => form
            .rectification
            .iter()
            .flat_map(|r| [r.found, r.rectified])
            .collect(),
        _ => return None,
    })
}

#[cfg(not(target_arch = "wasm32"))]
/// S551: a report for `period` received on `received` (a day in China).
pub fn received_late(form: &Form, period: YearMonth, received: NaiveDate) -> Option<Finding> {
    let due = period.day_or_last(form.due_day)?;
    (received > due).then_some(Finding::ReceivedLate { received, due })
}

/// One month of a unit's record: its values as read, by slot (`None` where
/// blank or unreadable).
#[derive(Clone, Debug, PartialEq)]
pub struct MonthValues {
    pub period: YearMonth,
    pub values: Vec<Option<Value>>,
}

#[cfg(not(target_arch = "wasm32"))]
/// The S552–S554 findings for a unit's report for `period`, given every
/// month of its record up to it (in any order, one per month).
pub fn check(
    form: &'static Form,
    record: &[MonthValues],
    period: YearMonth,
    out: &mut Vec<Finding>,
) {
    let at = |p: YearMonth| record.iter().find(|m| m.period == p);
    // S552: the campaign's months before this one without a report.
    let mut missing = Vec::new();
    let mut m = form.first_period;
    while m < period {
        if at(m).is_none() {
            missing.push(m);
        }
        m = m.next();
    }
    if !missing.is_empty() {
        out.push(Finding::MonthsMissing { months: missing });
    }
    let Some(now) = at(period) else { return };
    unchanged(form, record, now, out);
    if period == form.last_period {
        low_rectification(form, now, out);
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// S553: for each cumulative figure above zero, how many consecutive monthly
/// reports up to `now` hold the same value.
fn unchanged(
    form: &'static Form,
    record: &[MonthValues],
    now: &MonthValues,
    out: &mut Vec<Finding>,
) {
    let at = |p: YearMonth| record.iter().find(|m| m.period == p);
    // The run of consecutive months ending now, newest first.
    let mut run = vec![now];
    let mut p = now.period;
    while let Some(m) = at(p.previous()) {
        run.push(m);
        p = m.period;
    }
    let window = thresholds::UNCHANGED_MONTHS as usize;
    if run.len() < window {
        return;
    }
    let oldest_in_window = run[window - 1];
    let figures = || {
        form.fields
            .iter()
            .enumerate()
            .filter(|(_, f)| f.cumulative && f.kind != Kind::YesNo)
            .map(|(i, _)| i)
    };
    let moved = |i: usize| now.values.get(i) != oldest_in_window.values.get(i);
    for i in figures() {
        let Some(Some(value)) = now.values.get(i) else {
            continue;
        };
        if value.is_zero() {
            continue;
        }
        let same = run
            .iter()
            .take_while(|m| m.values.get(i) == Some(&Some(*value)))
            .count();
        if same < window {
            continue;
        }
        // Only while the unit's other figures moved in the same months.
        if !figures().any(|j| j != i && moved(j)) {
            continue;
        }
        out.push(Finding::Unchanged {
            key: form.fields[i].key,
            value: *value,
            since: run[same - 1].period,
            months: u32::try_from(same).unwrap_or(u32::MAX),
        });
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// S554: each found/rectified pair of the December report.
fn low_rectification(form: &'static Form, now: &MonthValues, out: &mut Vec<Finding>) {
    let threshold = thresholds::YEAR_END_RECTIFIED_MIN_PERCENT;
    for r in form.rectification {
        let count = |key: &str| match form.index_of(key).and_then(|i| now.values.get(i)) {
            Some(Some(Value::Count(n))) => Some(*n),
            _ => None,
        };
        let (Some(found), Some(rectified)) = (count(r.found), count(r.rectified)) else {
            continue;
        };
        if found == 0 {
            continue;
        }
        // rectified / found < threshold / 100, without division. In u128
        // neither product can overflow; checked all the same.
        let scaled = |n: u64, by: u64| u128::from(n).checked_mul(u128::from(by));
        let (Some(have), Some(want)) = (scaled(rectified, 100), scaled(found, threshold)) else {
            continue;
        };
        if have < want {
            out.push(Finding::LowRectification {
                found: r.found,
                rectified: r.rectified,
                found_value: found,
                rectified_value: rectified,
                threshold,
            });
        }
    }
}

/// `rectified / found` in percent with one decimal, rounded down:
/// `75.0`, `99.9`; `—` where `found` is zero or the share is past any
/// count's range (S554 shows it only below 90 %).
pub fn share_text(rectified: u64, found: u64) -> String {
    // In u64, not u128: 128-bit formatting costs the browser package 1.5 KB.
    match rectified
        .checked_mul(1000)
        .and_then(|n| n.checked_div(found))
    {
        Some(permille) => format!("{}.{}", permille / 10, permille % 10),
        None => "—".to_string(),
    }
}

crate::messages::family_templates! {
    "S551" => "本表于 {received} 收到，晚于截止日期 {due}（每月28日前报送）；如有正当理由，请说明。", "This report was received on {received}, after the deadline {due} (reports are due by the 28th); please explain.";
    "S552" => "本单位 {months} 的报表未报送（共 {count} 个月）。", "No report from this unit for {months} ({count} month(s)).";
    "S553" => "{field}自 {since} 起连续 {months} 个月均为 {value}，而本单位其他累计数有变化；请核实是否照抄了上月数据。", "{field} has been {value} for {months} months since {since} while this unit's other cumulative figures moved; check that last month's figure was not copied.";
    "S554" => "年末{rectifiedField}为 {rectified}，{foundField}为 {found}，整改率 {share}%，低于 {threshold}%；请说明未整改隐患的整改安排。", "At year end, {rectifiedField} is {rectified} of {foundField} {found}, {share}% rectified, below {threshold}%; please explain how the rest will be rectified.";
}
