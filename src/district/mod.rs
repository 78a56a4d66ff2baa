//! The district's month: who filed, what the district adds up to, and what
//! each unit's months say read together.
//!
//! Every township, lead department and district-owned enterprise sends its
//! 调度表 to 区安委办 by the 28th. This module is the office's end of that:
//! given the record of a month (the reports accepted, and the attempts that
//! were refused) it builds the [`MonthView`]: a status row for every unit
//! expected to file, the district's roll-up ([`rollup`]) validated by the same
//! rules as any report, and the series findings (S552–S554) of each unit.
//!
//! The record comes from the server's store (`diaodu serve`) or from a folder
//! of report files (`diaodu month`); this module knows neither.

#[cfg(feature = "cli")]
pub mod export;
pub mod rollup;
pub mod units;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::engine::raw_at;
use crate::form::{Form, YearMonth};
use crate::output::{Counts, FindingOut};
use crate::parse::{Value, parse_value};
use crate::report::{RawValue, Report};
use crate::rules::series::{self, MonthValues};
use crate::validate::{Mode, Validation};
use crate::{Lang, Options};

pub use rollup::{RollUp, RollUpOut};
pub use units::{
    ExpectedUnit, FilerKind, UnitListError, canonical_unit, default_expected, read_unit_list,
};

/// A report accepted into the record: submittable when it arrived.
#[derive(Clone, Debug)]
pub struct Filing {
    /// The unit's canonical name ([`canonical_unit`]).
    pub unit: String,
    pub period: YearMonth,
    /// The report as stored (normalised, with its 说明).
    pub report: Report,
    /// Its check when it was accepted.
    pub counts: Counts,
    /// Whether its own findings include a late filing (H251 by the date
    /// written, S551 by when it arrived).
    pub late: bool,
    /// When the server received it (China time); unknown for a file.
    pub received: Option<NaiveDateTime>,
    /// Where it came from: a file name, or the store's version number.
    pub source: String,
}

/// A report that was refused: not submittable when it arrived.
#[derive(Clone, Debug)]
pub struct Attempt {
    pub unit: String,
    pub period: YearMonth,
    pub received: Option<NaiveDateTime>,
    /// The codes of the findings that blocked it, each once.
    pub codes: Vec<String>,
    pub source: String,
}

/// A month's record: every version accepted and every attempt refused, in
/// the order they arrived (for files: any order, one filing per unit and
/// month).
#[derive(Clone, Debug, Default)]
pub struct Record {
    pub filings: Vec<Filing>,
    pub attempts: Vec<Attempt>,
    /// Versions accepted but not in `filings` because a later one of the
    /// same unit and month is: a store hands over only the versions that
    /// count, and how many others there were.
    pub superseded: Vec<(String, YearMonth, usize)>,
}

impl Record {
    /// The unit's filing for `period` that counts: the last one accepted.
    pub fn latest(&self, unit: &str, period: YearMonth) -> Option<&Filing> {
        self.filings
            .iter()
            .rev()
            .find(|f| f.unit == unit && f.period == period)
    }

    /// The unit's latest filing for a month before `period`: its prior month.
    pub fn prior(&self, unit: &str, period: YearMonth) -> Option<&Filing> {
        let before = self
            .filings
            .iter()
            .filter(|f| f.unit == unit && f.period < period)
            .map(|f| f.period)
            .max()?;
        self.latest(unit, before)
    }
}

/// Where a unit stands for the month.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Standing {
    /// A report accepted, by the 28th.
    OnTime,
    /// A report accepted, after the 28th.
    Late,
    /// Reports sent, none of them submittable.
    OnlyFailedAttempts,
    /// Nothing sent.
    NotFiled,
}

impl Standing {
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Standing::OnTime, Lang::Zh) => "按时报送",
            (Standing::Late, Lang::Zh) => "逾期报送",
            (Standing::OnlyFailedAttempts, Lang::Zh) => "仅有未通过的报送",
            (Standing::NotFiled, Lang::Zh) => "未报送",
            (Standing::OnTime, Lang::En) => "filed on time",
            (Standing::Late, Lang::En) => "filed late",
            (Standing::OnlyFailedAttempts, Lang::En) => "only failed attempts",
            (Standing::NotFiled, Lang::En) => "not filed",
        }
    }

    /// Filed: on time or late.
    pub fn filed(self) -> bool {
        matches!(self, Standing::OnTime | Standing::Late)
    }
}

/// One unit's line in the month's status table.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusRow {
    pub unit: String,
    pub kind: FilerKind,
    /// `kind` in the view's language.
    pub kind_text: &'static str,
    /// On the list of units expected to file (a unit that filed without
    /// being on it is shown too).
    pub expected: bool,
    pub standing: Standing,
    /// `standing` in the view's language.
    pub standing_text: &'static str,
    /// Warnings of the accepted report, each explained (it could not have
    /// been accepted otherwise).
    pub explained_warnings: usize,
    /// Versions accepted for the month (a resubmission adds one).
    pub versions: usize,
    /// Attempts refused for the month.
    pub failed_attempts: usize,
    /// The codes that blocked the refused attempts, each once.
    pub attempt_codes: Vec<String>,
    /// When the counted version arrived (`YYYY-MM-DD HH:MM:SS`, China time),
    /// where known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub received: Option<String>,
    /// Where the counted version came from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The series findings of one unit that filed.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnitSeries {
    pub unit: String,
    pub findings: Vec<FindingOut>,
}

/// How many units stand where.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StandingCounts {
    pub expected: usize,
    pub on_time: usize,
    pub late: usize,
    pub only_failed_attempts: usize,
    pub not_filed: usize,
    /// Expected units that filed with warnings, all explained.
    pub with_explained_warnings: usize,
    /// Units that filed without being on the list.
    pub unexpected: usize,
}

/// The office's view of a month.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MonthView {
    /// `YYYY-MM`.
    pub period: String,
    /// The date taken as today.
    pub today: String,
    pub counts: StandingCounts,
    /// Expected units in list order, then units that filed unexpectedly.
    pub rows: Vec<StatusRow>,
    pub rollup: RollUpOut,
    /// Units whose series has findings, in row order.
    pub series: Vec<UnitSeries>,
}

impl MonthView {
    /// Every expected unit filed a report that counts.
    pub fn complete(&self) -> bool {
        self.rows
            .iter()
            .filter(|r| r.expected)
            .all(|r| r.standing.filed())
    }
}

/// A report's values as read, by slot (`None` where blank or unreadable).
pub fn values_of(form: &'static Form, report: &Report) -> Vec<Option<Value>> {
    form.fields
        .iter()
        .enumerate()
        .map(|(i, f)| {
            parse_value(f, raw_at(report, form, i).unwrap_or(&RawValue::Blank))
                .ok()
                .flatten()
        })
        .collect()
}

/// A moment as the month's view shows it.
pub fn moment_text(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M:%S").to_string()
}

/// The unit's series up to `period`: for each month, the values of its
/// latest filing.
fn series_of(
    form: &'static Form,
    record: &Record,
    unit: &str,
    period: YearMonth,
) -> Vec<MonthValues> {
    let mut months: Vec<YearMonth> = record
        .filings
        .iter()
        .filter(|f| f.unit == unit && f.period <= period)
        .map(|f| f.period)
        .collect();
    months.sort();
    months.dedup();
    months
        .into_iter()
        .filter_map(|p| record.latest(unit, p))
        .map(|f| MonthValues {
            period: f.period,
            values: values_of(form, &f.report),
        })
        .collect()
}

/// Build the office's view of `period`.
pub fn month_view(
    form: &'static Form,
    expected: &[ExpectedUnit],
    record: &Record,
    period: YearMonth,
    today: NaiveDate,
    lang: Lang,
) -> MonthView {
    let mut names: Vec<(String, FilerKind, bool)> = expected
        .iter()
        .map(|u| (u.name.clone(), u.kind, true))
        .collect();
    // Units that sent something without being on the list, in the order
    // they first did.
    let sent = record
        .filings
        .iter()
        .map(|f| (&f.unit, f.period))
        .chain(record.attempts.iter().map(|a| (&a.unit, a.period)));
    for (unit, p) in sent {
        if p == period && !names.iter().any(|(n, _, _)| n == unit) {
            names.push((unit.clone(), units::kind_of(form, unit), false));
        }
    }

    let mut counts = StandingCounts::default();
    let mut rows = Vec::with_capacity(names.len());
    let mut series_out = Vec::new();
    for (unit, kind, is_expected) in names {
        let latest = record.latest(&unit, period);
        let versions = record
            .filings
            .iter()
            .filter(|f| f.unit == unit && f.period == period)
            .count()
            + record
                .superseded
                .iter()
                .filter(|(u, p, _)| *u == unit && *p == period)
                .map(|(_, _, n)| n)
                .sum::<usize>();
        let attempts: Vec<&Attempt> = record
            .attempts
            .iter()
            .filter(|a| a.unit == unit && a.period == period)
            .collect();
        let mut attempt_codes: Vec<String> = Vec::new();
        for code in attempts.iter().flat_map(|a| &a.codes) {
            if !attempt_codes.contains(code) {
                attempt_codes.push(code.clone());
            }
        }
        let standing = match latest {
            Some(f) if f.late => Standing::Late,
            Some(_) => Standing::OnTime,
            None if !attempts.is_empty() => Standing::OnlyFailedAttempts,
            None => Standing::NotFiled,
        };
        let explained_warnings = latest.map_or(0, |f| f.counts.warnings);
        // The counts are of the units expected; the others are counted once.
        if is_expected {
            counts.expected += 1;
            match standing {
                Standing::OnTime => counts.on_time += 1,
                Standing::Late => counts.late += 1,
                Standing::OnlyFailedAttempts => counts.only_failed_attempts += 1,
                Standing::NotFiled => counts.not_filed += 1,
            }
            if explained_warnings > 0 {
                counts.with_explained_warnings += 1;
            }
        } else {
            counts.unexpected += 1;
        }
        if let Some(f) = latest {
            let findings = series_findings(form, record, &unit, period, &f.report, today, lang);
            if !findings.is_empty() {
                series_out.push(UnitSeries {
                    unit: unit.clone(),
                    findings,
                });
            }
        }
        rows.push(StatusRow {
            unit,
            kind,
            kind_text: kind.label(lang),
            expected: is_expected,
            standing,
            standing_text: standing.label(lang),
            explained_warnings,
            versions,
            failed_attempts: attempts.len(),
            attempt_codes,
            received: latest.and_then(|f| f.received).map(moment_text),
            source: latest.map(|f| f.source.clone()),
        });
    }

    let rollup = RollUp::of_month(form, record, &rows, period, today);
    MonthView {
        period: period.to_string(),
        today: today.to_string(),
        counts,
        rollup: rollup.to_out(form, lang),
        rows,
        series: series_out,
    }
}

/// The S552–S554 findings of a unit's series up to `period`, with the 说明
/// its report for `period` gives them.
pub fn series_findings(
    form: &'static Form,
    record: &Record,
    unit: &str,
    period: YearMonth,
    report: &Report,
    today: NaiveDate,
    lang: Lang,
) -> Vec<FindingOut> {
    let months = series_of(form, record, unit, period);
    let mut found = Vec::new();
    series::check(form, &months, period, &mut found);
    let mut v = Validation {
        form,
        mode: Mode::Submit,
        today,
        findings: Vec::new(),
        normalized: Report::default(),
    };
    for f in found {
        v.add(f, &report.explanations);
    }
    v.findings_out(lang)
}

/// The options the office's checks run with: submit mode, its today, its
/// language.
pub fn office_options(today: NaiveDate, lang: Lang) -> Options {
    Options {
        mode: Mode::Submit,
        today: Some(today),
        lang,
    }
}
