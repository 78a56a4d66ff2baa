//! The validator: one report (and optionally the prior month's) in, typed
//! findings out.
//!
//! Order of work: header, values, consistency within the report, the prior
//! month, explanations. A rule only runs on values that parsed, so a value
//! that could not be read yields exactly one finding (its parse error) and no
//! cascade of consequences.

use chrono::NaiveDate;
use indexmap::IndexMap;

use crate::engine::{Checker, Input, raw_at};
use crate::explanation::Rejection;
use crate::finding::Finding;
use crate::form::{DEFAULT_FORM, Form, YearMonth, form_by_id};
pub use crate::options::{Mode, Options};
use crate::parse::to_half_width;
use crate::report::{Raw, RawValue, Report};
use crate::rules::Severity;

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

    /// The codes of the findings that block submission (errors, and
    /// warnings without an explanation that counts), each once, in form
    /// order: what a refused attempt is remembered by.
    pub fn blocking_codes(&self) -> Vec<String> {
        let mut codes: Vec<String> = Vec::new();
        for c in &self.findings {
            let blocks = c.severity() == Severity::Error || !c.explanation.is_accepted();
            let code = c.finding.rule().code();
            if blocks && !codes.iter().any(|k| k == code) {
                codes.push(code.to_string());
            }
        }
        codes
    }

    /// Add a finding that only the caller could make (the server's S551,
    /// the series rules), with its 说明 from `explanations`, in form order.
    pub fn add(&mut self, finding: Finding, explanations: &dyn crate::engine::Explanations) {
        let explanation = crate::engine::explain(&finding, explanations);
        self.findings.push(Checked {
            finding,
            explanation,
        });
        let form = self.form;
        crate::order::sort_by_key(&mut self.findings, |c| {
            let f = &c.finding;
            (
                f.first_position(form),
                f.rule().code(),
                f.subject().to_string(),
            )
        });
    }
}

/// Parse the reported month: `2023-06`, `2023-6`, `2023/06`, `2023.6`,
/// `2023年6月`, `202306`.
pub fn parse_period(text: &str) -> Option<YearMonth> {
    // `2023-06`, as month pickers and JSON write it: read in place. Anything
    // else (a month out of range too) takes the general path.
    if let [y0, y1, y2, y3, b'-', m0, m1] = *text.as_bytes()
        && let (Some(year), Some(month)) =
            (digits_value(&[y0, y1, y2, y3]), digits_value(&[m0, m1]))
        && (1..=12).contains(&month)
    {
        return Some(YearMonth::new(i32::try_from(year).ok()?, month));
    }
    let s = half_width(text);
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
    // `2023-06-26`, as pickers and JSON write it; anything else (an
    // impossible date too) takes the general path.
    if let Some(date) = parse_iso_date(text) {
        return Some(date);
    }
    let s = half_width(text);
    let s = s.trim().trim_end_matches('日').trim_end_matches('号');
    let [y, m, d] = if s.len() == 8 && s.bytes().all(|b| b.is_ascii_digit()) {
        [&s[..4], &s[4..6], &s[6..]]
    } else {
        let mut parts = s.split(['-', '/', '.', '年', '月']).map(str::trim);
        let three = [parts.next()?, parts.next()?, parts.next()?];
        if parts.next().is_some() {
            return None;
        }
        three
    };
    let ok = |p: &str, max_len: usize| {
        !p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit())
    };
    if y.len() != 4 || !ok(y, 4) || !ok(m, 2) || !ok(d, 2) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// `text` with full-width forms made plain, copied only where it has any.
fn half_width(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(to_half_width(text))
    }
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
        i32::try_from(digits_value(&b[..4])?).ok()?,
        digits_value(&b[5..7])?,
        digits_value(&b[8..])?,
    )
}

/// The value of a date's or a month's ASCII digits (`None` for anything
/// else), without `str::parse`'s general machinery: dates and periods are
/// read on every validation.
fn digits_value(b: &[u8]) -> Option<u32> {
    u32::try_from(crate::parse::plain_digits(b)?).ok()
}

pub use crate::engine::PreparedPrior;

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
pub(crate) fn suggest_key(form: &'static Form, key: &str) -> Option<&'static str> {
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
    // (`form_named` below, with whether the name was unknown.)
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
    let (form, _) = form_of(report);
    let mut checker = Checker::new(form, *options, prior.cloned());
    checker.run_all(&Input::of(report, form), &report.explanations);
    Validation {
        form,
        mode: options.mode,
        today: checker.today(),
        findings: checker.findings(),
        normalized: if normalize {
            normalized(form, report)
        } else {
            Report::default()
        },
    }
}

/// The report with every readable value in canonical form (and the unit's
/// current name), every unreadable one exactly as it arrived, and keys the
/// form does not have kept after the form's own.
pub fn normalized(form: &'static Form, report: &Report) -> Report {
    let header = normalized_header(
        form,
        &[report.unit.view(), report.period.view(), report.date.view()],
    );
    let [unit, period, date] = [&report.unit, &report.period, &report.date];
    let mut out = Report {
        form: Some(form.id.to_string()),
        unit: header[0]
            .clone()
            .map_or_else(|| unit.clone(), RawValue::Text),
        period: header[1]
            .clone()
            .map_or_else(|| period.clone(), RawValue::Text),
        date: header[2]
            .clone()
            .map_or_else(|| date.clone(), RawValue::Text),
        values: IndexMap::with_capacity_and_hasher(form.fields.len(), Default::default()),
        explanations: report.explanations.clone(),
    };
    for (i, field) in form.fields.iter().enumerate() {
        let raw = raw_at(report, form, i);
        let value = match normalized_value(field, raw.map_or(Raw::Blank, RawValue::view), None) {
            Normal::Value(v) => v.to_raw(),
            Normal::Blank => RawValue::Blank,
            Normal::AsIs => raw.cloned().unwrap_or_default(),
        };
        out.values.insert(field.key.to_string(), value);
    }
    for (key, raw) in &report.values {
        if form.index_of(key).is_none() {
            out.values.insert(key.clone(), raw.clone());
        }
    }
    out
}

/// The header's canonical text: the unit's current name, the month and the
/// date in ISO form; `None` where it stays as it arrived. Read as a check
/// reads it ([`crate::engine::Header`]), which a check from text takes
/// directly.
fn normalized_header(form: &'static Form, header: &[Raw<'_>; 3]) -> [Option<String>; 3] {
    crate::engine::Header::read(form, header).canonical()
}

/// What one value of the normalised report is.
enum Normal {
    /// Readable: its canonical form.
    Value(crate::parse::Value),
    Blank,
    /// Unreadable: exactly as it arrived.
    AsIs,
}

/// One value of the normalised report; `read` is the value as a check
/// already read it, which saves reading it again.
fn normalized_value(
    field: &crate::form::Field,
    raw: Raw<'_>,
    read: Option<crate::parse::Value>,
) -> Normal {
    if let Some(v) = read {
        return Normal::Value(v);
    }
    match crate::parse::parse_raw(field, raw) {
        Ok(Some(v)) => Normal::Value(v),
        Ok(None) => Normal::Blank,
        Err(_) => Normal::AsIs,
    }
}

/// Why [`check_json`] could not check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckJsonError {
    /// The report is not a report's JSON.
    Report(crate::report::ReadError),
    /// The prior month is not a report's JSON.
    Prior(crate::report::ReadError),
}

/// [`crate::check`] from JSON text to the result's JSON text, byte for byte
/// `check(&Report::from_json(report)?, prior, options).to_json()`, without
/// the owned reports and result in between: values are read where they lie
/// in the text, each is parsed once, and the normalised report is written
/// from what the check read. This is the recheck a server runs per request
/// (about half the time of the owned path; `examples/native_bench.rs`).
pub fn check_json(
    report: &str,
    prior: Option<&str>,
    options: &Options,
) -> Result<String, CheckJsonError> {
    use crate::report::ReadError;
    let read = |text| crate::json::report_slots(text).map_err(ReadError::from);
    let r = read(report).map_err(CheckJsonError::Report)?;
    let p = prior.map(read).transpose().map_err(CheckJsonError::Prior)?;
    if let Some(json) = check_slots(&r, p.as_ref(), options) {
        return Ok(json);
    }
    // Slots are read for the default form; a report naming another (none
    // exists yet) is read again by key.
    let read = |text| crate::json::report_ref(text).map_err(ReadError::from);
    let r = read(report).map_err(CheckJsonError::Report)?;
    let p = prior.map(read).transpose().map_err(CheckJsonError::Prior)?;
    Ok(check_ref(&r, p.as_ref(), options))
}

/// [`check_json`] on reports already read by slot
/// ([`crate::json::report_slots`], [`crate::json::request_slots`]); `None`
/// when the report names a form other than the default, whose slots these
/// are not: then it is read again by key, for [`check_ref`].
pub fn check_slots(
    r: &crate::report::SlotsRef<'_>,
    p: Option<&crate::report::SlotsRef<'_>>,
    options: &Options,
) -> Option<String> {
    let form = form_named(r.form.as_deref());
    if !std::ptr::eq(form, DEFAULT_FORM) {
        return None;
    }
    let input = Input::of_slots(r, form);
    let prior = p.map(|p| PreparedPrior::read(form, &Input::of_slots(p, form)));
    let unknown: Vec<(&str, &crate::report::RawRef<'_>)> =
        r.unknown.iter().map(|(k, v)| (k.as_ref(), v)).collect();
    let [unit, period, date] = &r.header;
    Some(check_input(
        form,
        &input,
        prior,
        [unit, period, date],
        &unknown,
        &r.explanations,
        options,
    ))
}

/// [`check_json`] on reports already read by key (the server's request
/// bodies).
pub fn check_ref(
    r: &crate::report::ReportRef<'_>,
    p: Option<&crate::report::ReportRef<'_>>,
    options: &Options,
) -> String {
    let form = form_named(r.form.as_deref());
    let prior = p.map(|p| PreparedPrior::read(form, &Input::of_ref(p, form)));
    let input = Input::of_ref(r, form);
    // The keys reading found the form does not have, with their values.
    let unknown: Vec<(&str, &crate::report::RawRef<'_>)> = input
        .unknown
        .iter()
        .filter_map(|k| r.values.get_key_value(*k))
        .map(|(k, v)| (k.as_ref(), v))
        .collect();
    check_input(
        form,
        &input,
        prior,
        [&r.unit, &r.period, &r.date],
        &unknown,
        &r.explanations,
        options,
    )
}

/// The check from text once its reports are read: the result's JSON text.
/// `as_is` is the header as given, `unknown` the members the form does not
/// have, in the order given.
fn check_input(
    form: &'static Form,
    input: &Input<'_>,
    prior: Option<PreparedPrior>,
    as_is: [&crate::report::RawRef<'_>; 3],
    unknown: &[(&str, &crate::report::RawRef<'_>)],
    explanations: &crate::report::MapRef<'_, std::borrow::Cow<'_, str>>,
    options: &Options,
) -> String {
    use crate::json::{ToJson, Writer};
    let mut checker = Checker::new(form, *options, prior);
    checker.run_all(input, explanations);
    let v = Validation {
        form,
        mode: options.mode,
        today: checker.today(),
        findings: checker.findings(),
        normalized: Report::default(),
    };

    /// The normalised report, written from the report as read.
    struct Normalized<'r, 'a> {
        form: &'static Form,
        as_is: [&'r crate::report::RawRef<'a>; 3],
        unknown: &'r [(&'r str, &'r crate::report::RawRef<'a>)],
        explanations: &'r crate::report::MapRef<'a, std::borrow::Cow<'a, str>>,
        input: &'r Input<'r>,
        /// The header in canonical form, as the check read it.
        header: &'r [Option<String>; 3],
        read: &'r [Option<crate::parse::Value>],
    }
    impl ToJson for Normalized<'_, '_> {
        fn write_json(&self, w: &mut Writer) {
            let form = self.form;
            let header = self.header;
            w.object(|o| {
                o.field("form", &form.id);
                for (i, name) in ["unit", "period", "date"].into_iter().enumerate() {
                    match &header[i] {
                        Some(t) => o.field(name, t),
                        None => o.field(name, self.as_is[i]),
                    }
                }
                o.field(
                    "values",
                    &crate::json::Members(|o: &mut crate::json::Object<'_>| {
                        for (i, field) in form.fields.iter().enumerate() {
                            let raw = self.input.values[i];
                            match normalized_value(field, raw, self.read[i]) {
                                Normal::Value(v) => o.plain_field(field.key, &v),
                                Normal::Blank => o.plain_field(field.key, &RawValue::Blank),
                                Normal::AsIs => o.plain_field(field.key, &raw),
                            }
                        }
                        // Keys the form does not have, as given (most
                        // reports have none).
                        for (key, raw) in self.unknown {
                            o.field(key, *raw);
                        }
                    }),
                );
                if !self.explanations.is_empty() {
                    o.field("explanations", self.explanations);
                }
            });
        }
    }

    let mut w = Writer::new(false);
    w.object(|o| {
        o.field("form", &form.id);
        o.field("mode", &v.mode);
        o.field("today", &crate::lean::iso_date(v.today));
        o.field("submittable", &v.submittable());
        o.field("counts", &v.counts());
        o.field("findings", &v.findings_out(options.lang));
        o.field(
            "normalized",
            &Normalized {
                form,
                as_is,
                unknown,
                explanations,
                input,
                header: &checker.header().canonical(),
                read: checker.values(),
            },
        );
    });
    w.out
}

/// The form a report names by `name` (the default when it names none or
/// one not known).
fn form_named(name: Option<&str>) -> &'static Form {
    match name.map(str::trim) {
        None | Some("") => DEFAULT_FORM,
        Some(id) => form_by_id(id).unwrap_or(DEFAULT_FORM),
    }
}
