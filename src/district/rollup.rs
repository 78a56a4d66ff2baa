//! The roll-up (汇总): the district's 调度表, the sum of the units' figures,
//! validated by the same rules as any report, against last month's roll-up.
//!
//! How each kind of figure adds up, from the form's own wording:
//! - Counts and 万元 amounts are summed. Every one of them counts what one
//!   unit did (hazards its enterprises found, enterprises it checked,
//!   penalties it imposed, meetings its leaders held), so the district's
//!   figure is the sum, section 4's "区、乡镇…分别" items included: townships
//!   report the township level and departments the district level.
//! - 4.7 (technical inspectors at district and township level) is a
//!   headcount, not a running total; it is summed too, because each unit
//!   counts the inspectors it staffs.
//! - 4.6 (是/否, a column in mainstream media) is 是 when any unit answered
//!   是, 否 when every unit that answered said 否; the view also gives how
//!   many units said 是.
//! - Townships (属地管理) and departments (行业监管) oversee the same
//!   enterprises, so an enterprise's hazard may be in a township's 1.1 and in
//!   a department's 1.1. The reports do not name hazards, so nothing can be
//!   de-duplicated: the roll-up is the sum of what units reported, given
//!   with subtotals by kind of filer so that the two views can be told
//!   apart.
//!
//! Sums are taken in 128 bits and checked; a sum a field cannot hold is
//! written out exactly, and the validator's F107 then reports it.

use chrono::NaiveDate;
use serde::Serialize;

use super::{FilerKind, Record, StatusRow, values_of};
use crate::form::{Form, Kind, YearMonth};
use crate::money::Wan;
use crate::output::CheckResult;
use crate::parse::Value;
use crate::report::{Map, RawValue, Report};
use crate::validate::validate;
use crate::{Lang, Validation};

/// The unit a roll-up is filed under: the office that collects the forms.
pub const ROLLUP_UNIT: &str = "区安委办";

/// One figure of a sum, before it is known to fit its field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Sum {
    #[default]
    Blank,
    /// A count, or an amount in 元 (1/10,000 万元).
    Number(i128),
    YesNo {
        yes: usize,
        no: usize,
    },
}

impl Sum {
    /// Add one unit's value. A sum past 128 bits (which no real record can
    /// reach) stays at the largest, which no field holds: F107 reports it.
    fn add(self, v: Value) -> Sum {
        let n = match v {
            Value::Count(n) => i128::from(n),
            Value::Money(w) => i128::from(w.yuan()),
            Value::YesNo(b) => {
                let (yes, no) = match self {
                    Sum::YesNo { yes, no } => (yes, no),
                    _ => (0, 0),
                };
                return if b {
                    Sum::YesNo {
                        yes: yes.saturating_add(1),
                        no,
                    }
                } else {
                    Sum::YesNo {
                        yes,
                        no: no.saturating_add(1),
                    }
                };
            }
        };
        match self {
            Sum::Number(m) => m.checked_add(n).map_or(Sum::Number(i128::MAX), Sum::Number),
            _ => Sum::Number(n),
        }
    }

    /// The figure as a report holds it: canonical text, or the exact sum
    /// where it does not fit the field's type (F107 then says so).
    fn raw(self, kind: Kind) -> RawValue {
        match (self, kind) {
            (Sum::Blank, _) => RawValue::Blank,
            (Sum::YesNo { yes, .. }, _) => Value::YesNo(yes > 0).to_raw(),
            (Sum::Number(n), Kind::Money) => match i64::try_from(n) {
                Ok(yuan) => Value::Money(Wan::from_yuan(yuan)).to_raw(),
                Err(_) => RawValue::Number(format!("{}.{:04}", n / 10_000, (n % 10_000).abs())),
            },
            (Sum::Number(n), _) => match u64::try_from(n) {
                Ok(c) => Value::Count(c).to_raw(),
                Err(_) => RawValue::Number(n.to_string()),
            },
        }
    }
}

/// Sum the values (by slot) of several reports.
fn sum<'a>(form: &'static Form, reports: impl Iterator<Item = &'a [Option<Value>]>) -> Vec<Sum> {
    let mut out = vec![Sum::Blank; form.fields.len()];
    for values in reports {
        for (slot, v) in out.iter_mut().zip(values) {
            if let Some(v) = v {
                *slot = slot.add(*v);
            }
        }
    }
    out
}

fn to_map(form: &'static Form, sums: &[Sum]) -> Map<String> {
    form.fields
        .iter()
        .zip(sums)
        .map(|(f, s)| (f.key.to_string(), s.raw(f.kind).as_text().to_string()))
        .collect()
}

/// For each kind of filer: how many units, and their sum by slot.
type Subtotals = Vec<(FilerKind, usize, Vec<Sum>)>;

/// The roll-up of one month, with its check.
#[derive(Clone, Debug)]
pub struct RollUp {
    pub period: YearMonth,
    /// The units whose reports are summed, in row order.
    pub units: Vec<(String, FilerKind)>,
    /// By slot.
    totals: Vec<Sum>,
    /// For each kind of filer, its units' sum.
    subtotals: Subtotals,
    /// The roll-up as a report of 区安委办.
    pub report: Report,
    /// Its check against last month's roll-up; `None` when nobody filed.
    pub validation: Option<Validation>,
    /// How many units last month's roll-up summed.
    pub prior_units: usize,
}

/// The roll-up as the office's view gives it.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RollUpOut {
    /// The units summed.
    pub units: Vec<String>,
    /// How many units last month's roll-up summed.
    pub prior_units: usize,
    /// The district's figures by key, as canonical text ("" where no unit
    /// gave one).
    pub values: Map<String>,
    /// For 是/否 items, how many units answered 是.
    pub yes_count: Map<usize>,
    pub subtotals: Vec<Subtotal>,
    /// The roll-up checked as a report (its `normalized` is the roll-up
    /// report itself); absent when nobody filed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub check: Option<CheckResult>,
}

/// One kind of filer's sum.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Subtotal {
    pub kind: FilerKind,
    /// `kind` in the view's language.
    pub kind_text: &'static str,
    pub units: usize,
    pub values: Map<String>,
}

impl RollUp {
    /// Sum the latest filing of every unit in `units` for `period`.
    fn sums(
        form: &'static Form,
        record: &Record,
        units: &[(String, FilerKind)],
        period: YearMonth,
    ) -> (Vec<Sum>, Subtotals) {
        let values: Vec<(FilerKind, Vec<Option<Value>>)> = units
            .iter()
            .filter_map(|(u, k)| {
                record
                    .latest(u, period)
                    .map(|f| (*k, values_of(form, &f.report)))
            })
            .collect();
        let totals = sum(form, values.iter().map(|(_, v)| v.as_slice()));
        let subtotals = FilerKind::ALL
            .iter()
            .map(|k| {
                let of_kind = values.iter().filter(|(kind, _)| kind == k);
                (
                    *k,
                    of_kind.clone().count(),
                    sum(form, of_kind.map(|(_, v)| v.as_slice())),
                )
            })
            .collect();
        (totals, subtotals)
    }

    /// The roll-up of `period` over the units of `rows` that filed, checked
    /// against the roll-up of the month before over every unit that filed
    /// then.
    pub fn of_month(
        form: &'static Form,
        record: &Record,
        rows: &[StatusRow],
        period: YearMonth,
        today: NaiveDate,
    ) -> RollUp {
        let units: Vec<(String, FilerKind)> = rows
            .iter()
            .filter(|r| r.standing.filed())
            .map(|r| (r.unit.clone(), r.kind))
            .collect();
        let (totals, subtotals) = Self::sums(form, record, &units, period);
        let report = Self::as_report(form, &totals, period, today);

        // Last month's roll-up, from the record as it stands.
        let prior_period = (period > form.first_period).then(|| period.previous());
        let mut prior_units: Vec<(String, FilerKind)> = Vec::new();
        if let Some(pp) = prior_period {
            for f in record.filings.iter().filter(|f| f.period == pp) {
                if !prior_units.iter().any(|(u, _)| *u == f.unit) {
                    prior_units.push((f.unit.clone(), super::units::kind_of(form, &f.unit)));
                }
            }
        }
        let prior = prior_period.filter(|_| !prior_units.is_empty()).map(|pp| {
            Self::as_report(
                form,
                &Self::sums(form, record, &prior_units, pp).0,
                pp,
                today,
            )
        });

        let validation = (!units.is_empty()).then(|| {
            validate(
                &report,
                prior.as_ref(),
                &super::office_options(today, crate::Lang::Zh),
            )
        });
        RollUp {
            period,
            units,
            totals,
            subtotals,
            report,
            validation,
            prior_units: prior_units.len(),
        }
    }

    /// The sums as a report of 区安委办, dated the day it is made, or the
    /// 28th once that has passed (the roll-up is the month's, not late).
    fn as_report(form: &'static Form, sums: &[Sum], period: YearMonth, today: NaiveDate) -> Report {
        let due = period.day_or_last(form.due_day);
        let date = match due {
            Some(d) if d < today => d,
            _ => today,
        };
        Report {
            form: Some(form.id.to_string()),
            unit: RawValue::Text(ROLLUP_UNIT.to_string()),
            period: RawValue::Text(period.to_string()),
            date: RawValue::Text(date.to_string()),
            values: form
                .fields
                .iter()
                .zip(sums)
                .map(|(f, s)| (f.key.to_string(), s.raw(f.kind)))
                .collect(),
            explanations: Map::default(),
        }
    }

    pub fn to_out(&self, form: &'static Form, lang: Lang) -> RollUpOut {
        RollUpOut {
            units: self.units.iter().map(|(u, _)| u.clone()).collect(),
            prior_units: self.prior_units,
            values: to_map(form, &self.totals),
            yes_count: form
                .fields
                .iter()
                .zip(&self.totals)
                .filter(|(f, _)| f.kind == Kind::YesNo)
                .map(|(f, s)| {
                    let yes = match s {
                        Sum::YesNo { yes, .. } => *yes,
                        _ => 0,
                    };
                    (f.key.to_string(), yes)
                })
                .collect(),
            subtotals: self
                .subtotals
                .iter()
                .map(|(kind, units, sums)| Subtotal {
                    kind: *kind,
                    kind_text: kind.label(lang),
                    units: *units,
                    values: to_map(form, sums),
                })
                .collect(),
            check: self.validation.as_ref().map(|v| v.to_result(lang)),
        }
    }
}
