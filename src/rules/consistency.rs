//! C rules: figures of one report against each other, as the form table's
//! constraints declare them (`Form::constraints`, each with the keys it
//! reads): a part cannot exceed its whole (C301), an amount needs a count
//! (C302); and plausibility checks that need a 说明 (C351–C354).

use crate::finding::Finding;
use crate::form::{Constraint, Form};
use crate::money::Wan;
use crate::parse::Value;
use crate::rules::Rule;

/// The rule a constraint of the form table is checked by.
pub fn rule_of(c: &Constraint) -> Rule {
    match c {
        Constraint::NotGreater { .. } => Rule::PartExceedsWhole,
        Constraint::AmountNeedsCount { .. } => Rule::AmountWithoutCount,
        Constraint::NotGreaterThanSum { .. } => Rule::PartExceedsSum,
        Constraint::ExpectsRelated { .. } => Rule::MissingRelated,
        Constraint::AverageAtMost { .. } => Rule::AverageTooHigh,
        Constraint::AmountAtMost { .. } => Rule::AmountTooHigh,
    }
}

/// What each C rule reads: the keys of the form's constraints it checks,
/// in printed order.
pub(crate) fn fields(rule: Rule, form: &'static Form) -> Option<Vec<&'static str>> {
    if !matches!(
        rule,
        Rule::PartExceedsWhole
            | Rule::AmountWithoutCount
            | Rule::PartExceedsSum
            | Rule::MissingRelated
            | Rule::AverageTooHigh
            | Rule::AmountTooHigh
    ) {
        return None;
    }
    let mut keys: Vec<&'static str> = form
        .constraints
        .iter()
        .filter(|c| rule_of(c) == rule)
        .flat_map(Constraint::keys)
        .collect();
    crate::order::sort_by_key(&mut keys, |k| form.position(k));
    keys.dedup();
    Some(keys)
}

fn count_of(v: Value) -> Option<u64> {
    match v {
        Value::Count(n) => Some(n),
        _ => None,
    }
}

fn money_of(v: Value) -> Option<Wan> {
    match v {
        Value::Money(w) => Some(w),
        _ => None,
    }
}

/// Add values of one kind (counts to counts, money to money).
fn add(acc: Value, v: Value) -> Option<Value> {
    match (acc, v) {
        (Value::Count(a), Value::Count(b)) => a.checked_add(b).map(Value::Count),
        (Value::Money(a), Value::Money(b)) => a.checked_add(b).map(Value::Money),
        _ => None,
    }
}

/// Constraint `c` of the form on its values (C301, C302, C351–C354).
pub(crate) fn check(
    c: usize,
    form: &'static Form,
    values: &[Option<Value>],
    out: &mut Vec<Finding>,
) {
    // The constraint's keys were resolved to positions once, by the form.
    let slots = form.constraint_fields(c);
    let at = |j: usize| slots.get(j).copied().flatten().and_then(|i| values[i]);

    match form.constraints[c] {
        Constraint::NotGreater { part, whole } => {
            if let (Some(pv), Some(wv)) = (at(0), at(1))
                && pv.magnitude() > wv.magnitude()
            {
                out.push(Finding::PartExceedsWhole {
                    part,
                    whole,
                    part_value: pv,
                    whole_value: wv,
                });
            }
        }
        Constraint::AmountNeedsCount { amount, count } => {
            if let (Some(av), Some(cv)) = (at(0), at(1))
                && !av.is_zero()
                && cv.is_zero()
            {
                out.push(Finding::AmountWithoutCount {
                    amount,
                    count,
                    amount_value: av,
                });
            }
        }
        Constraint::NotGreaterThanSum { part, wholes } => {
            // Summed as read, without gathering the values first (an
            // allocation on every validation).
            let total = || (2..=wholes.len()).try_fold(at(1)?, |acc, j| add(acc, at(j)?));
            if let Some(pv) = at(0)
                && let Some(total) = total()
                && pv.magnitude() > total.magnitude()
            {
                out.push(Finding::PartExceedsSum {
                    part,
                    wholes,
                    part_value: pv,
                    sum: total,
                });
            }
        }
        Constraint::ExpectsRelated { field, related } => {
            if let (Some(v), Some(r)) = (at(0), at(1))
                && !v.is_zero()
                && r.is_zero()
            {
                out.push(Finding::MissingRelated {
                    field,
                    related,
                    value: v,
                });
            }
        }
        Constraint::AverageAtMost {
            amount,
            count,
            limit,
        } => {
            let a = at(0).and_then(money_of);
            let n = at(1).and_then(count_of);
            if let (Some(a), Some(n)) = (a, n) {
                // amount / n > limit, without dividing.
                if n > 0 && i128::from(a.yuan()) > limit.mul_count(n) {
                    out.push(Finding::AverageTooHigh {
                        amount,
                        count,
                        amount_value: a,
                        count_value: n,
                        limit,
                    });
                }
            }
        }
        Constraint::AmountAtMost { field, limit } => {
            if let Some(v) = at(0).and_then(money_of)
                && v > limit
            {
                out.push(Finding::AmountTooHigh {
                    field,
                    value: v,
                    limit,
                });
            }
        }
    }
}

crate::messages::family_templates! {
    "C301" => "{part}为 {partValue}，大于 {whole}的 {wholeValue}；分项不能大于总数。", "{part} is {partValue}, more than {whole} at {wholeValue}; a part cannot exceed its whole.";
    "C302" => "{amount}为 {amountValue}，但 {count}为 0；有处罚金额就至少有1次处罚。", "{amount} is {amountValue} but {count} is 0; an amount needs at least one case.";
    "C351" => "{part}为 {partValue}，大于 {wholes}之和 {sum}；挂牌督办隐患一般出自已发现的隐患，请核实。", "{part} is {partValue}, more than {wholes} together ({sum}); supervised hazards are normally among those found. Please verify.";
    "C352" => "{field}为 {value}，而 {related}为 0，请核实。", "{field} is {value} while {related} is 0. Please verify.";
    "C353" => "{amount} {amountValue} ÷ {count} {countValue} = 平均每次约 {average} 万元，超过 {limit} 万元；是否把元当作万元填报了？请核实。", "{amount} {amountValue} / {count} {countValue} = about {average} 万元 per case, above {limit} 万元; were 元 typed as 万元? Please verify.";
    "C354" => "{field}为 {value}，超过 {limit} 万元；是否把元当作万元填报了？请核实。", "{field} is {value}, above {limit} 万元; were 元 typed as 万元? Please verify.";
}
