//! The validator: one report (and optionally the prior month's) in, typed
//! findings out.
//!
//! Order of work: header, values, consistency within the report, the prior
//! month, explanations. A rule only runs on values that parsed, so a value
//! that could not be read yields exactly one finding (its parse error) and no
//! cascade of consequences.

use chrono::NaiveDate;
use indexmap::IndexMap;

use crate::explanation::{self, Rejection};
use crate::finding::{Finding, quote};
use crate::form::{Constraint, DEFAULT_FORM, Form, Kind, YearMonth, form_by_id};
use crate::money::Wan;
pub use crate::options::{Mode, Options};
use crate::parse::{Value, parse_value, to_half_width};
use crate::registry::UnitMatch;
use crate::report::{RawValue, Report};
use crate::rules::Severity;
use crate::thresholds;

/// The state of a warning's explanation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Explanation {
    /// Errors cannot be explained away.
    NotApplicable,
    /// No explanation given.
    Missing,
    /// An explanation that counts.
    Accepted(String),
    /// An explanation that does not count, and why.
    Rejected(String, Rejection),
}

impl Explanation {
    pub fn is_accepted(&self) -> bool {
        matches!(self, Explanation::Accepted(_))
    }
}

/// A finding with the state of its explanation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub finding: Finding,
    pub explanation: Explanation,
}

impl Checked {
    pub fn severity(&self) -> Severity {
        self.finding.rule().severity()
    }
}

/// The outcome of validating one report.
#[derive(Clone, Debug)]
pub struct Validation {
    pub form: &'static Form,
    pub mode: Mode,
    pub today: NaiveDate,
    /// In form order: by the printed position of the first field involved.
    pub findings: Vec<Checked>,
    /// The report with every readable value in canonical form and every
    /// unreadable one exactly as it arrived.
    pub normalized: Report,
}

impl Validation {
    pub fn errors(&self) -> usize {
        self.findings
            .iter()
            .filter(|c| c.severity() == Severity::Error)
            .count()
    }

    pub fn warnings(&self) -> usize {
        self.findings
            .iter()
            .filter(|c| c.severity() == Severity::Warning)
            .count()
    }

    pub fn unexplained_warnings(&self) -> usize {
        self.findings
            .iter()
            .filter(|c| c.severity() == Severity::Warning && !c.explanation.is_accepted())
            .count()
    }

    /// No errors, and every warning explained.
    pub fn submittable(&self) -> bool {
        self.errors() == 0 && self.unexplained_warnings() == 0
    }
}

/// Parse the reported month: `2023-06`, `2023-6`, `2023/06`, `2023.6`,
/// `2023年6月`, `202306`.
pub fn parse_period(text: &str) -> Option<YearMonth> {
    let s = to_half_width(text);
    let s = s.trim().trim_end_matches('月');
    let (y, m) = match s.split_once(['-', '/', '.', '年']) {
        Some((y, m)) => (y.trim(), m.trim()),
        None if s.len() == 6 && s.is_ascii() => s.split_at(4),
        None => return None,
    };
    if y.len() != 4 || m.is_empty() || m.len() > 2 {
        return None;
    }
    if !(y.bytes().all(|b| b.is_ascii_digit()) && m.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    let (year, month) = (y.parse().ok()?, m.parse().ok()?);
    (1..=12)
        .contains(&month)
        .then_some(YearMonth::new(year, month))
}

/// Parse the filing date: `2023-06-26`, `2023-6-26`, `2023/6/26`,
/// `2023.6.26`, `2023年6月26日`, `20230626`. Impossible dates are `None`.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let s = to_half_width(text);
    let s = s.trim().trim_end_matches('日').trim_end_matches('号');
    let parts: Vec<&str> = if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        vec![&s[..4], &s[4..6], &s[6..]]
    } else {
        s.split(['-', '/', '.', '年', '月'])
            .map(str::trim)
            .collect()
    };
    let [y, m, d] = parts.as_slice() else {
        return None;
    };
    let ok = |p: &str, max_len: usize| {
        !p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit())
    };
    if y.len() != 4 || !ok(y, 4) || !ok(m, 2) || !ok(d, 2) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// A strict `YYYY-MM-DD` date, as options and the CLI take `today`.
pub fn parse_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10
        || b[4] != b'-'
        || b[7] != b'-'
        || !digits(0..4)
        || !digits(5..7)
        || !digits(8..10)
    {
        return None;
    }
    NaiveDate::from_ymd_opt(
        s[..4].parse().ok()?,
        s[5..7].parse().ok()?,
        s[8..].parse().ok()?,
    )
}

/// The header as read: each field's text, and what it parsed to.
#[derive(Clone, Debug)]
struct Header {
    unit_text: Option<String>,
    unit: UnitMatch,
    period: Option<YearMonth>,
    date: Option<NaiveDate>,
}

fn header_text(raw: &RawValue) -> Option<String> {
    (!raw.is_blank()).then(|| raw.as_text().trim().to_string())
}

fn read_header(form: &'static Form, report: &Report) -> Header {
    let unit_text = header_text(&report.unit);
    Header {
        unit: unit_text
            .as_deref()
            .map_or(UnitMatch::Unknown, |t| form.registry.lookup(t)),
        unit_text,
        period: header_text(&report.period).and_then(|t| parse_period(&t)),
        date: header_text(&report.date).and_then(|t| parse_date(&t)),
    }
}

/// Parsed values of one report, by field position.
struct Values {
    form: &'static Form,
    slots: Vec<Option<Value>>,
}

impl Values {
    fn get(&self, key: &str) -> Option<Value> {
        self.slots[self.form.index_of(key)?]
    }
}

/// The raw value of field `i`: reports usually list their values in form
/// order, so the key at the same position is tried before a hash lookup.
fn raw_at<'r>(report: &'r Report, form: &Form, i: usize) -> Option<(usize, &'r RawValue)> {
    let key = form.fields[i].key;
    match report.values.get_index(i) {
        Some((k, v)) if k == key => Some((i, v)),
        _ => report.values.get_full(key).map(|(j, _, v)| (j, v)),
    }
}

/// A prior month's report, read once (a typing session keeps it).
#[derive(Clone, Debug)]
pub struct PreparedPrior {
    form: &'static Form,
    header: Header,
    values: Vec<Option<Value>>,
}

impl PreparedPrior {
    /// Read `prior` against `form`; values that do not parse are left out.
    pub fn new(form: &'static Form, prior: &Report) -> PreparedPrior {
        let values = (0..form.fields.len())
            .map(|i| {
                raw_at(prior, form, i)
                    .and_then(|(_, raw)| parse_value(&form.fields[i], raw).ok().flatten())
            })
            .collect();
        PreparedPrior {
            form,
            header: read_header(form, prior),
            values,
        }
    }
}

/// How many unknown keys get a finding each; the rest are counted in one
/// more finding. A real slip is one or two misspelt keys, while a body of
/// 20,000 invented keys must not cost 20,000 messages.
pub const UNKNOWN_KEYS_LISTED: usize = 20;

/// The longest unknown key (in bytes) for which a known key is suggested:
/// the form's longest label is under 40 Chinese characters (120 bytes).
/// Longer keys are no slip of the keyboard.
const SUGGEST_MAX_BYTES: usize = 128;

/// The longest key compared with the form's keys by edit distance: the
/// longest key is 26 characters, and a misspelling of it is about as long.
/// Edit distance costs the product of the two lengths, for each of the 35
/// keys, on every validation (every keystroke), so it stays short.
const SPELLING_MAX_BYTES: usize = 40;

/// The nearest form key to an unknown one: by label, by printed number, or by
/// spelling.
fn suggest_key(form: &'static Form, key: &str) -> Option<&'static str> {
    if key.len() > SUGGEST_MAX_BYTES {
        return None;
    }
    let plain = to_half_width(key).trim().to_string();
    let bare_label = plain.split(['（', '(']).next().unwrap_or("").trim();
    if let Some(f) = form.fields.iter().find(|f| f.label == bare_label) {
        return Some(f.key);
    }
    let by_number: Vec<_> = form.fields.iter().filter(|f| f.number() == plain).collect();
    if let [only] = by_number.as_slice() {
        return Some(only.key);
    }
    let norm = plain.to_ascii_lowercase().replace(['-', ' '], "_");
    if let Some(f) = form.fields.iter().find(|f| f.key == norm) {
        return Some(f.key);
    }
    if norm.len() > SPELLING_MAX_BYTES {
        return None;
    }
    form.fields
        .iter()
        .map(|f| (strsim::levenshtein(&norm, f.key), f.key))
        .filter(|(d, k)| *d <= (k.len() / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// The current date in China (UTC+8); China has no daylight saving time.
pub fn today_in_china() -> NaiveDate {
    let secs = crate::clock::unix_seconds();
    let days = (secs + 8 * 3600).div_euclid(86_400);
    NaiveDate::from_num_days_from_ce_opt(719_163 + days as i32)
        .expect("the clock is within chrono's range")
}

/// The form a report names (the default when it names none), and whether
/// the name was unknown.
pub fn form_of(report: &Report) -> (&'static Form, bool) {
    match report.form.as_deref().map(str::trim) {
        None | Some("") => (DEFAULT_FORM, false),
        Some(id) => form_by_id(id).map_or((DEFAULT_FORM, true), |f| (f, false)),
    }
}

/// Validate `report`, optionally against the same unit's prior report.
pub fn validate(report: &Report, prior: Option<&Report>, options: &Options) -> Validation {
    let (form, _) = form_of(report);
    let prior = prior.map(|p| PreparedPrior::new(form, p));
    validate_prepared(report, prior.as_ref(), options, true)
}

/// Validate against a prior report read beforehand. Without `normalize` the
/// normalised report is left empty: a keystroke needs only the findings.
pub fn validate_prepared(
    report: &Report,
    prior: Option<&PreparedPrior>,
    options: &Options,
    normalize: bool,
) -> Validation {
    let today = options.today.unwrap_or_else(today_in_china);
    let mut findings: Vec<Finding> = Vec::new();
    let submit = options.mode == Mode::Submit;

    // The form.
    let (form, unknown) = form_of(report);
    if unknown {
        findings.push(Finding::UnknownForm {
            form: quote(report.form.as_deref().unwrap_or_default().trim()),
        });
    }

    // The header.
    let header = read_header(form, report);
    let mut normalized = Report::default();
    if normalize {
        normalized.form = Some(form.id.to_string());
        normalized.unit = report.unit.clone();
        normalized.period = report.period.clone();
        normalized.date = report.date.clone();
        normalized.explanations = report.explanations.clone();
    }
    match (&header.unit_text, header.unit) {
        (None, _) => {
            if submit {
                findings.push(Finding::Required { key: "unit" });
            }
        }
        (Some(_), UnitMatch::Known(e)) => {
            if normalize {
                normalized.unit = RawValue::Text(e.name.to_string());
            }
        }
        (Some(t), UnitMatch::Stale(e)) => {
            findings.push(Finding::StaleUnit {
                text: quote(t),
                current: e.name,
            });
        }
        (Some(t), UnitMatch::Unknown) => findings.push(Finding::UnknownUnit { text: quote(t) }),
    }
    match (header_text(&report.period), header.period) {
        (None, _) => {
            if submit {
                findings.push(Finding::Required { key: "period" });
            }
        }
        (Some(text), None) => findings.push(Finding::BadPeriod { text: quote(&text) }),
        (Some(_), Some(p)) => {
            if normalize {
                normalized.period = RawValue::Text(p.to_string());
            }
            if !form.in_campaign(p) {
                findings.push(Finding::PeriodOutOfRange {
                    period: p,
                    first: form.first_period,
                    last: form.last_period,
                });
            }
        }
    }
    match (header_text(&report.date), header.date) {
        (None, _) => {
            if submit {
                findings.push(Finding::Required { key: "date" });
            }
        }
        (Some(text), None) => findings.push(Finding::BadDate { text: quote(&text) }),
        (Some(_), Some(d)) => {
            if normalize {
                normalized.date = RawValue::Text(d.to_string());
            }
            if d > today {
                findings.push(Finding::DateAfterToday { date: d, today });
            }
            // A month outside the campaign already has its finding (H203);
            // its start and deadline mean nothing, so no H205 or H251 follows.
            if let Some(p) = header.period.filter(|p| form.in_campaign(*p)) {
                if let (Some(start), Some(due)) = (p.first_day(), p.day_or_last(form.due_day)) {
                    if d < start {
                        findings.push(Finding::DateBeforePeriod { date: d, period: p });
                    } else if d > due {
                        findings.push(Finding::LateFiling { date: d, due });
                    }
                }
            }
        }
    }

    // The values, one by one.
    let mut slots: Vec<Option<Value>> = vec![None; form.fields.len()];
    let mut known = vec![false; report.values.len()];
    let mut normalized_values: crate::report::Map<RawValue> = IndexMap::with_capacity_and_hasher(
        if normalize { form.fields.len() } else { 0 },
        Default::default(),
    );
    for (i, field) in form.fields.iter().enumerate() {
        let found = raw_at(report, form, i);
        if let Some((j, _)) = found {
            known[j] = true;
        }
        let raw = found.map(|(_, r)| r);
        let blank = RawValue::Blank;
        match parse_value(field, raw.unwrap_or(&blank)) {
            Ok(Some(v)) => {
                slots[i] = Some(v);
                if normalize {
                    normalized_values.insert(field.key.to_string(), v.to_raw());
                }
            }
            Ok(None) => {
                if submit {
                    findings.push(Finding::Required { key: field.key });
                }
                if normalize {
                    normalized_values.insert(field.key.to_string(), RawValue::Blank);
                }
            }
            Err(error) => {
                findings.push(Finding::Unreadable {
                    key: field.key,
                    text: raw.map(RawValue::quote).unwrap_or_default(),
                    error,
                });
                if normalize {
                    normalized_values
                        .insert(field.key.to_string(), raw.cloned().unwrap_or_default());
                }
            }
        }
    }
    let mut unknown = 0usize;
    for ((key, raw), known) in report.values.iter().zip(known) {
        if !known {
            unknown += 1;
            if unknown <= UNKNOWN_KEYS_LISTED {
                findings.push(Finding::UnknownKey {
                    key: quote(key),
                    suggestion: suggest_key(form, key),
                });
            }
            if normalize {
                normalized_values.insert(key.clone(), raw.clone());
            }
        }
    }
    if unknown > UNKNOWN_KEYS_LISTED {
        findings.push(Finding::MoreUnknownKeys {
            count: unknown - UNKNOWN_KEYS_LISTED,
        });
    }
    normalized.values = normalized_values;
    let values = Values { form, slots };

    // Consistency within the report.
    for c in form.constraints {
        check_constraint(c, &values, &mut findings);
    }

    // Against the prior month.
    // A prior read for another form cannot be compared field by field; the
    // callers prepare it with `form_of(report)`, so this does not happen.
    if let Some(prior) = prior.filter(|p| std::ptr::eq(p.form, form)) {
        check_prior(form, &header, &values, prior, &mut findings);
    }

    // Order and explanations.
    let position = |f: &Finding| -> (usize, &'static str, String) {
        let first = f
            .fields(form)
            .iter()
            .map(|k| {
                if k == "form" {
                    0
                } else {
                    form.position(k).map_or(usize::MAX, |p| p + 1)
                }
            })
            .min()
            .unwrap_or(usize::MAX);
        (first, f.rule().code(), f.id())
    };
    crate::order::sort_by_key(&mut findings, position);
    findings.dedup();
    let findings = findings
        .into_iter()
        .map(|finding| {
            let explanation = if finding.rule().severity() == Severity::Error {
                Explanation::NotApplicable
            } else {
                match report.explanations.get(&finding.id()) {
                    None => Explanation::Missing,
                    Some(text) => match explanation::assess(text) {
                        Ok(()) => Explanation::Accepted(text.clone()),
                        Err(r) => Explanation::Rejected(text.clone(), r),
                    },
                }
            };
            Checked {
                finding,
                explanation,
            }
        })
        .collect();

    Validation {
        form,
        mode: options.mode,
        today,
        findings,
        normalized,
    }
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
fn sum(values: &[Value]) -> Option<Value> {
    let mut it = values.iter().copied();
    let first = it.next()?;
    it.try_fold(first, |acc, v| match (acc, v) {
        (Value::Count(a), Value::Count(b)) => a.checked_add(b).map(Value::Count),
        (Value::Money(a), Value::Money(b)) => a.checked_add(b).map(Value::Money),
        _ => None,
    })
}

fn check_constraint(c: &Constraint, values: &Values, out: &mut Vec<Finding>) {
    let get = |k: &str| values.get(k);
    match *c {
        Constraint::NotGreater { part, whole } => {
            if let (Some(pv), Some(wv)) = (get(part), get(whole)) {
                if pv.magnitude() > wv.magnitude() {
                    out.push(Finding::PartExceedsWhole {
                        part,
                        whole,
                        part_value: pv,
                        whole_value: wv,
                    });
                }
            }
        }
        Constraint::AmountNeedsCount { amount, count } => {
            if let (Some(av), Some(cv)) = (get(amount), get(count)) {
                if !av.is_zero() && cv.is_zero() {
                    out.push(Finding::AmountWithoutCount {
                        amount,
                        count,
                        amount_value: av,
                    });
                }
            }
        }
        Constraint::NotGreaterThanSum { part, wholes } => {
            let whole_values: Option<Vec<Value>> = wholes.iter().map(|w| get(w)).collect();
            if let (Some(pv), Some(ws)) = (get(part), whole_values) {
                if let Some(total) = sum(&ws) {
                    if pv.magnitude() > total.magnitude() {
                        out.push(Finding::PartExceedsSum {
                            part,
                            wholes,
                            part_value: pv,
                            sum: total,
                        });
                    }
                }
            }
        }
        Constraint::ExpectsRelated { field, related } => {
            if let (Some(v), Some(r)) = (get(field), get(related)) {
                if !v.is_zero() && r.is_zero() {
                    out.push(Finding::MissingRelated {
                        field,
                        related,
                        value: v,
                    });
                }
            }
        }
        Constraint::AverageAtMost {
            amount,
            count,
            limit,
        } => {
            let a = get(amount).and_then(money_of);
            let n = get(count).and_then(count_of);
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
            if let Some(v) = get(field).and_then(money_of) {
                if v > limit {
                    out.push(Finding::AmountTooHigh {
                        field,
                        value: v,
                        limit,
                    });
                }
            }
        }
    }
}

fn check_prior(
    form: &'static Form,
    header: &Header,
    values: &Values,
    prior: &PreparedPrior,
    out: &mut Vec<Finding>,
) {
    let prior_header = &prior.header;
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
    if !comparable {
        return;
    }
    for (i, field) in form.fields.iter().enumerate() {
        let (Some(v), Some(p)) = (values.slots[i], prior.values.get(i).copied().flatten()) else {
            continue;
        };
        match field.kind {
            Kind::YesNo => {
                if p == Value::YesNo(true) && v == Value::YesNo(false) {
                    out.push(Finding::YesToNo { key: field.key });
                }
            }
            Kind::Count | Kind::Money => {
                let (Some(vm), Some(pm)) = (v.magnitude(), p.magnitude()) else {
                    continue;
                };
                if vm < pm {
                    if field.cumulative {
                        out.push(Finding::Decreased {
                            key: field.key,
                            value: v,
                            prior: p,
                        });
                    } else {
                        out.push(Finding::HeadcountFell {
                            key: field.key,
                            value: v,
                            prior: p,
                        });
                    }
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
}

/// More than [`thresholds::JUMP_FACTOR`] times last month's figure and more
/// than [`thresholds::JUMP_MIN_INCREASE`] (in the field's unit) above it.
fn is_jump(kind: Kind, now: i128, before: i128) -> bool {
    let unit = match kind {
        Kind::Money => i128::from(Wan::YUAN_PER_WAN),
        _ => 1,
    };
    let min_increase = i128::from(thresholds::JUMP_MIN_INCREASE) * unit;
    now > before * i128::from(thresholds::JUMP_FACTOR) && now - before > min_increase
}
