//! M rules: this month against the prior month's report of the same unit.
//! Only a prior report of this unit and an earlier month is compared; then
//! cumulative figures may not fall (M403), headcounts falling (M451), 是
//! turning 否 (M452), months missing in between (M453) and implausible jumps
//! (M454) need a 说明.

use crate::engine::Header;
use crate::finding::Finding;
use crate::form::{Field, Form, Kind};
use crate::money::Wan;
use crate::parse::Value;
use crate::rules::Rule;
use crate::thresholds;

/// What each M rule reads: the header fields that decide whether the
/// months compare, and the values each comparison applies to.
pub(crate) fn fields(rule: Rule, form: &'static Form) -> Option<Vec<&'static str>> {
    let keys = |pred: fn(&Field) -> bool| crate::rules::keys_where(form, pred);
    Some(match rule {
        Rule::PriorUnitDiffers => vec!["unit"],
        Rule::PriorNotEarlier | Rule::PeriodGap => vec!["period"],
        Rule::Decreased | Rule::Jump => keys(|f| f.cumulative && f.kind != Kind::YesNo),
        Rule::HeadcountFell => keys(|f| !f.cumulative && f.kind != Kind::YesNo),
        Rule::YesToNo => keys(|f| f.kind == Kind::YesNo),
        _ => return None,
    })
}

/// The prior month's header against this one's (M401, M402, M453); whether
/// the two reports' figures can be compared.
pub(crate) fn header(header: &Header, prior_header: &Header, out: &mut Vec<Finding>) -> bool {
    let mut comparable = true;
    if let (Some(unit), Some(prior_unit)) = (&header.unit_text, &prior_header.unit_text) {
        let same = match (header.unit.canonical(), prior_header.unit.canonical()) {
            (Some(a), Some(b)) => a == b,
            _ => unit == prior_unit,
        };
        if !same {
            out.push(Finding::PriorUnitDiffers {
                unit: unit.clone(),
                prior_unit: prior_unit.clone(),
            });
            comparable = false;
        }
    }
    if let (Some(period), Some(prior_period)) = (header.period, prior_header.period) {
        if prior_period >= period {
            out.push(Finding::PriorNotEarlier {
                period,
                prior_period,
            });
            comparable = false;
        } else if period.index() - prior_period.index() > 1 {
            out.push(Finding::PeriodGap {
                period,
                prior_period,
            });
        }
    }
    // A prior report of another unit or a later month says nothing about
    // this one's figures; comparing them would only add noise.
    comparable
}

/// One field's value against last month's (M403, M451, M452, M454).
pub(crate) fn value(field: &Field, v: Value, p: Value, out: &mut Vec<Finding>) {
    // Two counts, the common case, that neither fell nor jumped: decided
    // in u64, without the 128-bit magnitudes below.
    if let (Kind::Count, Value::Count(now), Value::Count(before)) = (field.kind, v, p)
        && now >= before
        && !(field.cumulative && count_jump(now, before))
    {
        return;
    }
    match field.kind {
        Kind::YesNo => {
            if p == Value::YesNo(true) && v == Value::YesNo(false) {
                out.push(Finding::YesToNo { key: field.key });
            }
        }
        Kind::Count | Kind::Money => {
            let (Some(vm), Some(pm)) = (v.magnitude(), p.magnitude()) else {
                return;
            };
            if vm < pm {
                out.push(if field.cumulative {
                    Finding::Decreased {
                        key: field.key,
                        value: v,
                        prior: p,
                    }
                } else {
                    Finding::HeadcountFell {
                        key: field.key,
                        value: v,
                        prior: p,
                    }
                });
            } else if field.cumulative && is_jump(field.kind, vm, pm) {
                out.push(Finding::Jump {
                    key: field.key,
                    value: v,
                    prior: p,
                });
            }
        }
    }
}

/// [`is_jump`] of two counts, in u64: `before * FACTOR` checked by
/// comparison (where it would overflow, no count is above it).
fn count_jump(now: u64, before: u64) -> bool {
    before <= u64::MAX / thresholds::JUMP_FACTOR
        && now > before * thresholds::JUMP_FACTOR
        && now - before > thresholds::JUMP_MIN_INCREASE
}

/// More than [`thresholds::JUMP_FACTOR`] times last month's figure and more
/// than [`thresholds::JUMP_MIN_INCREASE`] (in the field's unit) above it.
///
/// In checked `i64` (every figure a report can hold fits, and `i128`
/// multiplication, like an overflow-checked `i64` one, is a library call
/// in WebAssembly, so the product is checked by comparison); where a
/// product or a difference would overflow, the `i128` arithmetic decides,
/// so the answer is exact for any two magnitudes.
fn is_jump(kind: Kind, now: i128, before: i128) -> bool {
    const FACTOR: i64 = thresholds::JUMP_FACTOR as i64;
    const MIN_INCREASE: i64 = thresholds::JUMP_MIN_INCREASE as i64;
    const _: () = assert!(FACTOR as u64 == thresholds::JUMP_FACTOR && FACTOR > 0);
    const _: () = assert!(MIN_INCREASE as u64 == thresholds::JUMP_MIN_INCREASE);
    let unit = match kind {
        Kind::Money => Wan::YUAN_PER_WAN,
        _ => 1,
    };
    let narrow = (|| {
        let (now, before) = (i64::try_from(now).ok()?, i64::try_from(before).ok()?);
        let min_increase = MIN_INCREASE.checked_mul(unit)?;
        let times = (i64::MIN / FACTOR..=i64::MAX / FACTOR)
            .contains(&before)
            .then(|| before * FACTOR)?;
        Some(now > times && now.checked_sub(before)? > min_increase)
    })();
    narrow.unwrap_or_else(|| {
        let min_increase = i128::from(thresholds::JUMP_MIN_INCREASE) * i128::from(unit);
        now > before * i128::from(thresholds::JUMP_FACTOR) && now - before > min_increase
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `i64` path and the `i128` one agree at the limits of both.
    #[test]
    fn jumps_are_judged_exactly_at_the_limits() {
        let wide = |kind: Kind, now: i128, before: i128| {
            let unit = if kind == Kind::Money { 10_000 } else { 1 };
            let min = i128::from(thresholds::JUMP_MIN_INCREASE) * unit;
            now > before * i128::from(thresholds::JUMP_FACTOR) && now - before > min
        };
        let edges: Vec<i128> = [
            0,
            1,
            2,
            3,
            10,
            11,
            29,
            30,
            31,
            1_000_000_000_000_000,
            i128::from(i64::MAX / 3),
            i128::from(i64::MAX / 3) + 1,
            i128::from(i64::MAX / 10),
            i128::from(i64::MAX / 10) + 1,
            i128::from(i64::MAX) - 1,
            i128::from(i64::MAX),
            i128::from(i64::MAX) + 1,
            i128::from(u64::MAX),
            i128::from(i64::MIN),
            -1,
        ]
        .into_iter()
        .flat_map(|n| [n - 1, n, n + 1])
        .collect();
        for kind in [Kind::Count, Kind::Money] {
            for &now in &edges {
                for &before in &edges {
                    assert_eq!(
                        is_jump(kind, now, before),
                        wide(kind, now, before),
                        "{now} {before}"
                    );
                }
            }
        }
        // Two counts in u64 as the wide arithmetic judges them, at the
        // limits of u64 too.
        let counts: Vec<u64> = edges
            .iter()
            .filter_map(|&n| u64::try_from(n).ok())
            .chain([
                u64::MAX / 10,
                u64::MAX / 10 + 1,
                u64::MAX - 1,
                u64::MAX,
                99,
                100,
                101,
                110,
                111,
            ])
            .collect();
        for &now in &counts {
            for &before in &counts {
                assert_eq!(
                    count_jump(now, before),
                    wide(Kind::Count, i128::from(now), i128::from(before)),
                    "{now} {before}"
                );
            }
        }
    }
}

crate::messages::family_templates! {
    "M401" => "上月报表的填报单位为“{priorUnit}”，与本表“{unit}”不同，不能作为本单位的上月数据。", "The prior report is from \"{priorUnit}\", not \"{unit}\"; it cannot serve as this unit's prior month.";
    "M402" => "上月报表的报告月份 {priorPeriod} 不早于本表的 {period}。", "The prior report's month {priorPeriod} is not earlier than this report's {period}.";
    "M403" => "{field}本月累计 {value}，少于上月累计 {prior}；累计数不应减少。如上月数据有误，请先更正上月报表。", "{field} is {value} this month, below last month's cumulative {prior}; cumulative figures cannot fall. If last month's figure was wrong, correct that report first.";
    "M451" => "{field}本月为 {value}，少于上月的 {prior}，请核实人员变动情况。", "{field} is {value}, down from {prior} last month. Please verify the change in staff.";
    "M452" => "{field}：上月为“是”，本月为“否”，请核实。", "{field}: yes last month, no this month. Please verify.";
    "M453" => "上月报表为 {priorPeriod}，与本表 {period} 之间缺少 {missing} 个月的报表；请确认选择的是最近一次报表。", "The prior report is for {priorPeriod}; {missing} month(s) are missing before {period}. Check that it is the latest report.";
    "M454" => "{field}由上月 {prior} 增至本月 {value}，超过上月的{factor}倍，请核实是否多输了数字。", "{field} rose from {prior} to {value}, more than {factor} times last month's; check for an extra digit.";
}
