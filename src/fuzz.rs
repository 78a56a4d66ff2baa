//! Fuzz targets, as plain functions (feature `fuzzing`).
//!
//! `fuzz/` runs them under libFuzzer (cargo-fuzz); `tests/it/fuzz_corpus.rs`
//! replays the committed corpus through the same functions on any toolchain,
//! so a crash found once stays fixed. `examples/parity_corpus.rs` draws
//! reports from the same generator to compare the native and wasm builds.
//!
//! The inputs are structured: random bytes rarely spell a 15-digit amount,
//! so the generator builds reports from pieces — numbers at the limits of
//! every type (a dictionary), digits of any length, signs, separators,
//! units, full-width forms, hostile text — and each target checks an oracle,
//! not only that nothing panicked:
//! - [`report`]: every numeric value that is accepted is exactly the number
//!   written (`8.30` is 8.3, `1.2e3` is 1200); anything else has a finding
//!   on its field.
//! - [`session`]: after any sequence of changes, the findings a typing
//!   session keeps are the findings of validating its report afresh.
//! - [`server_body`]: any body gets 200 with a result, or 400/413 with a
//!   message, never anything else; and as a submission to the record, 201
//!   with a submittable result kept as the unit's latest version, 422 with
//!   one that is not, or 400 with a message.
//! - [`json`]: the project's JSON reader reads every text exactly as
//!   serde_json with the derived readers did: the same values, or the same
//!   error at the same place.

use arbitrary::{Arbitrary, Unstructured};
use chrono::NaiveDate;

use crate::report::{Map, RawValue, Report};
use crate::session::Session;
use crate::{DEFAULT_FORM, Lang, Mode, Options, check};

/// Digit strings at the limits of every type the parser meets: counts
/// (`u64`), 元 in an `i64`, the hard maximums and one past them.
pub const LIMITS: &[&str] = &[
    "0",
    "1",
    "99999",
    "100000",
    "100001",
    "999999",
    "1000000",
    "1000001",
    "10000000000",
    "10000000001",
    "922337203685477",
    "922337203685478",
    "950000000000000",
    "999999999999999",
    "1000000000000000",
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "340282366920938463463374607431768211455",
    "123456789012345678901234567890",
    "0000000000000000000012",
];

/// Units typed after a number: the form's own, and others.
const UNITS: &[&str] = &[
    "", "个", "家", "次", "人", "个次", "家次", "万元", "万", "元", "kg", "%",
];

/// Hostile or odd text for headers, keys and free values.
const ODD: &[&str] = &[
    "",
    " ",
    "NaN",
    "Infinity",
    "-Infinity",
    "无",
    "/",
    "是",
    "否",
    "yes",
    "１２",
    "３．５万元",
    "1,234",
    "12,34",
    "1e3",
    "0x10",
    "城桥镇",
    "长兴乡",
    "2023-06",
    "2023年6月",
    "2023-06-26",
    "2023-02-30",
    "\u{0}",
    "\u{feff}12",
    "\u{202e}21",
    "𝟙𝟚",
    "<script>",
    "\"",
    "\\",
];

/// A run of decimal digits.
#[derive(Arbitrary, Debug, Clone)]
pub enum Digits {
    /// One of [`LIMITS`].
    Limit(u8),
    /// Up to 40 digits of any value.
    Any(Vec<u8>),
    /// `n` nines (1–40): the largest number of each length.
    Nines(u8),
}

impl Digits {
    fn text(&self) -> String {
        match self {
            Digits::Limit(i) => LIMITS[usize::from(*i) % LIMITS.len()].to_string(),
            Digits::Any(bytes) => {
                let s: String = bytes
                    .iter()
                    .take(40)
                    .map(|b| char::from(b'0' + b % 10))
                    .collect();
                if s.is_empty() { "0".to_string() } else { s }
            }
            Digits::Nines(n) => "9".repeat(usize::from(*n % 40) + 1),
        }
    }
}

/// A JSON number: sign, integer digits, fraction, exponent.
#[derive(Arbitrary, Debug, Clone)]
pub struct GenNumber {
    negative: bool,
    int: Digits,
    frac: Option<Digits>,
    exponent: Option<i8>,
}

/// A number as people type it.
#[derive(Arbitrary, Debug, Clone)]
pub struct GenTyped {
    /// 0: none, 1: `+`, 2: `-`.
    sign: u8,
    int: Digits,
    group: bool,
    frac: Option<Digits>,
    unit: u8,
    wide: bool,
    spaces: bool,
}

/// One value in `values`.
#[derive(Arbitrary, Debug, Clone)]
pub enum GenValue {
    Null,
    Bool(bool),
    Array,
    Object,
    Number(GenNumber),
    Typed(GenTyped),
    Odd(u8),
    Free(String),
}

/// A key in `values`: one of the form's, or anything.
#[derive(Arbitrary, Debug, Clone)]
pub enum GenKey {
    Known(u8),
    Other(String),
}

impl GenKey {
    fn name(&self) -> String {
        match self {
            GenKey::Known(i) => DEFAULT_FORM.fields[usize::from(*i) % DEFAULT_FORM.fields.len()]
                .key
                .to_string(),
            GenKey::Other(s) => s.clone(),
        }
    }
}

/// A header field.
#[derive(Arbitrary, Debug, Clone)]
pub enum GenText {
    Missing,
    Odd(u8),
    Free(String),
    Period(u8),
    Date(u8, u8),
}

/// A report built from pieces.
#[derive(Arbitrary, Debug, Clone)]
pub struct GenReport {
    form: Option<GenText>,
    unit: GenText,
    period: GenText,
    date: GenText,
    values: Vec<(GenKey, GenValue)>,
    explanations: Vec<(u8, String)>,
}

/// A whole check: report, prior month, options.
#[derive(Arbitrary, Debug, Clone)]
pub struct GenCheck {
    pub report: GenReport,
    pub prior: Option<GenReport>,
    pub submit: bool,
    pub english: bool,
    pub today: Option<(u8, u8)>,
}

/// What a generated value must read as: its exact decimal value, or a
/// finding (negative, or not a number the generator vouches for).
#[derive(Debug, Clone, PartialEq)]
pub enum Expect {
    /// Exactly this decimal (shortest form), or a finding on the field.
    Exact(String),
    /// A number below zero: a finding.
    Negative,
    /// Anything, as long as nothing panics.
    Any,
}

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list[usize::from(i) % list.len()]
}

/// The shortest decimal text of `int.frac` (sign dropped): `007.50` → `7.5`.
pub fn exact(int: &str, frac: &str) -> String {
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    if frac.is_empty() {
        int.to_string()
    } else {
        format!("{int}.{frac}")
    }
}

/// The exact value of `int.frac × 10^exponent`, by moving the point.
fn shifted(int: &str, frac: &str, exponent: i32) -> String {
    let digits = format!("{int}{frac}");
    let point = i64::try_from(int.len()).unwrap_or(i64::MAX) + i64::from(exponent);
    if point <= 0 {
        let zeros = "0".repeat(usize::try_from(-point).unwrap_or(0));
        exact("", &(zeros + &digits))
    } else {
        let point = usize::try_from(point).unwrap_or(usize::MAX);
        if point >= digits.len() {
            exact(&(digits.clone() + &"0".repeat(point - digits.len())), "")
        } else {
            exact(&digits[..point], &digits[point..])
        }
    }
}

impl GenValue {
    /// The value as JSON text, and what it must read as.
    fn json(&self) -> (String, Expect) {
        match self {
            GenValue::Null => ("null".into(), Expect::Any),
            GenValue::Bool(b) => (b.to_string(), Expect::Any),
            GenValue::Array => ("[1, [2]]".into(), Expect::Any),
            GenValue::Object => (r#"{"a": 1}"#.into(), Expect::Any),
            GenValue::Number(n) => {
                let int = n.int.text().trim_start_matches('0').to_string();
                let int = if int.is_empty() { "0".to_string() } else { int };
                let frac = n.frac.as_ref().map(Digits::text);
                let mut text = String::new();
                if n.negative {
                    text.push('-');
                }
                text.push_str(&int);
                if let Some(f) = &frac {
                    text.push('.');
                    text.push_str(f);
                }
                if let Some(e) = n.exponent {
                    text.push_str(&format!("e{e}"));
                }
                let value = shifted(
                    &int,
                    frac.as_deref().unwrap_or(""),
                    n.exponent.map_or(0, i32::from),
                );
                let expect = match (n.negative && value != "0", n.exponent) {
                    // Past ±64 the reader keeps the text as written and the
                    // parser refuses it.
                    (_, Some(e)) if e.unsigned_abs() > 64 => Expect::Any,
                    (true, _) => Expect::Negative,
                    (false, _) => Expect::Exact(value),
                };
                (text, expect)
            }
            GenValue::Typed(t) => {
                let int = t.int.text();
                let frac = t.frac.as_ref().map(Digits::text);
                let grouped = if t.group && int.len() > 3 {
                    let head = int.len() % 3;
                    let mut out = int[..head].to_string();
                    for chunk in int.as_bytes()[head..].chunks(3) {
                        if !out.is_empty() {
                            out.push(',');
                        }
                        out.extend(chunk.iter().map(|b| char::from(*b)));
                    }
                    out
                } else {
                    int.clone()
                };
                let sign = ["", "+", "-"][usize::from(t.sign % 3)];
                let mut text = format!("{sign}{grouped}");
                if let Some(f) = &frac {
                    text.push('.');
                    text.push_str(f);
                }
                text.push_str(pick(UNITS, t.unit));
                if t.wide {
                    text = text
                        .chars()
                        .map(|c| match c {
                            '0'..='9' | '.' | ',' | '+' | '-' => {
                                char::from_u32(u32::from(c) + 0xFEE0).unwrap_or(c)
                            }
                            c => c,
                        })
                        .collect();
                }
                if t.spaces {
                    text = format!(" {text}\u{3000}");
                }
                let value = exact(&int, frac.as_deref().unwrap_or(""));
                let expect = if sign == "-" && value != "0" {
                    Expect::Negative
                } else {
                    Expect::Exact(value)
                };
                (json_string(&text), expect)
            }
            GenValue::Odd(i) => (json_string(pick(ODD, *i)), Expect::Any),
            GenValue::Free(s) => (json_string(s), Expect::Any),
        }
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

impl GenText {
    fn json(&self) -> Option<String> {
        Some(match self {
            GenText::Missing => return None,
            GenText::Odd(i) => json_string(pick(ODD, *i)),
            GenText::Free(s) => json_string(s),
            GenText::Period(m) => json_string(&format!("2023-{:02}", m % 14)),
            GenText::Date(m, d) => json_string(&format!("2023-{:02}-{:02}", m % 13, d % 32)),
        })
    }
}

impl GenReport {
    /// The report as JSON text, and what each value key must read as.
    pub fn json(&self) -> (String, Vec<(String, Expect)>) {
        let mut members: Vec<String> = Vec::new();
        if let Some(f) = self.form.as_ref().and_then(GenText::json) {
            members.push(format!(r#""form": {f}"#));
        }
        for (name, text) in [
            ("unit", &self.unit),
            ("period", &self.period),
            ("date", &self.date),
        ] {
            if let Some(t) = text.json() {
                members.push(format!(r#""{name}": {t}"#));
            }
        }
        // Later duplicates win, as serde's map reading has it.
        let mut values: Map<(String, Expect)> = Map::default();
        for (key, value) in self.values.iter().take(40) {
            let key = key.name();
            values.shift_remove(&key);
            values.insert(key, value.json());
        }
        let body: Vec<String> = values
            .iter()
            .map(|(k, (v, _))| format!("{}: {v}", json_string(k)))
            .collect();
        members.push(format!(r#""values": {{{}}}"#, body.join(", ")));
        let ids: Vec<String> = self
            .explanations
            .iter()
            .take(8)
            .map(|(i, text)| {
                let field = DEFAULT_FORM.fields[usize::from(*i) % DEFAULT_FORM.fields.len()].key;
                let code = ["H251", "M454", "C351", "C352", "M451", "F101"][usize::from(*i) % 6];
                format!(
                    "{}: {}",
                    json_string(&format!("{code}:{field}")),
                    json_string(text)
                )
            })
            .collect();
        members.push(format!(r#""explanations": {{{}}}"#, ids.join(", ")));
        let expects = values.into_iter().map(|(k, (_, e))| (k, e)).collect();
        (format!("{{{}}}", members.join(", ")), expects)
    }
}

impl GenCheck {
    pub fn options(&self) -> Options {
        Options {
            mode: if self.submit {
                Mode::Submit
            } else {
                Mode::Draft
            },
            today: self.today.and_then(|(m, d)| {
                NaiveDate::from_ymd_opt(2023, u32::from(m % 12) + 1, u32::from(d % 31) + 1)
            }),
            lang: if self.english { Lang::En } else { Lang::Zh },
        }
    }

    /// The options as the JS package and the server take them, with
    /// `today` pinned where [`GenCheck::options`] leaves it to the clock, so
    /// that two builds compared on the same case agree across midnight.
    pub fn options_json(&self) -> String {
        let o = self.options();
        let mode = if self.submit { "submit" } else { "draft" };
        let lang = if self.english { "en" } else { "zh" };
        match o.today {
            Some(d) => format!(r#"{{"mode": "{mode}", "lang": "{lang}", "today": "{d}"}}"#),
            None => format!(r#"{{"mode": "{mode}", "lang": "{lang}", "today": "2023-12-31"}}"#),
        }
    }
}

/// Target `report`: bytes as a report's JSON text (the byte-level path,
/// seeded with the fixtures) or, after a first byte of 1, a structured
/// check whose every accepted number must be exactly the number written.
pub fn report(data: &[u8]) {
    match data.split_first() {
        Some((1, rest)) => {
            if let Ok(input) = GenCheck::arbitrary_take_rest(Unstructured::new(rest)) {
                structured_check(&input);
            }
        }
        Some((_, rest)) => {
            if let Ok(text) = std::str::from_utf8(rest)
                && let Ok(r) = Report::from_json(text)
            {
                let result = check(&r, Some(&r), &Options::RECHECK);
                assert_json(&result.to_json());
            }
        }
        None => {}
    }
}

/// Check a generated report and hold every value to its oracle.
pub fn structured_check(input: &GenCheck) {
    let (text, expects) = input.report.json();
    let report = Report::from_json(&text)
        .unwrap_or_else(|e| panic!("generated JSON must read: {e}\n{text}"));
    let prior = input.prior.as_ref().map(|p| {
        let (t, _) = p.json();
        Report::from_json(&t).unwrap_or_else(|e| panic!("generated JSON must read: {e}\n{t}"))
    });
    let result = check(&report, prior.as_ref(), &input.options());
    for (key, expect) in expects {
        let Some(field) = DEFAULT_FORM.field(&key) else {
            continue;
        };
        let flagged = result
            .findings
            .iter()
            .any(|f| f.code.starts_with('F') && f.fields.len() == 1 && f.fields[0] == key);
        let normalized = &result.normalized.values[key.as_str()];
        match expect {
            Expect::Any => {}
            Expect::Negative => assert!(flagged, "{key}: a negative number passed\n{text}"),
            Expect::Exact(value) => {
                if flagged || field.kind == crate::form::Kind::YesNo {
                    continue;
                }
                let got = match normalized {
                    RawValue::Number(n) | RawValue::Text(n) => n.clone(),
                    other => panic!("{key}: accepted as {other:?}\n{text}"),
                };
                assert_eq!(got, value, "{key}: read as another number\n{text}");
            }
        }
    }
    assert_json(&result.to_json());
}

/// The text is JSON. Checked for syntax, not read into `serde_json::Value`:
/// a number written past `f64` (`1e400`, kept as typed in the normalised
/// report) is valid JSON that `Value` cannot hold.
fn assert_json(text: &str) {
    if let Err(e) = serde_json::from_str::<Box<serde_json::value::RawValue>>(text) {
        panic!("not JSON ({e}): {text}");
    }
}

/// One change to a typing session.
#[derive(Arbitrary, Debug, Clone)]
pub enum Op {
    Field(GenKey, GenValue),
    Header(u8, GenText),
    Explain(u8, String),
    Prior(Option<GenReport>),
    Report(GenReport),
    Options {
        submit: bool,
        english: bool,
        today: Option<(u8, u8)>,
    },
}

/// Target `session`: any sequence of changes; after each, the session's
/// findings, counts and full result equal a fresh validation of its report.
pub fn session(data: &[u8]) {
    let mut u = Unstructured::new(data);
    let Ok(start) = GenCheck::arbitrary(&mut u) else {
        return;
    };
    let Ok(ops) = Vec::<Op>::arbitrary_take_rest(u) else {
        return;
    };
    let read = |g: &GenReport| Report::from_json(&g.json().0).expect("generated JSON reads");
    let mut prior = start.prior.as_ref().map(read);
    let mut options = start.options();
    let mut s = Session::new(read(&start.report), prior.clone(), options);
    let (mut seen, mut seen_lang) = (s.checked(), s.lang());
    for op in ops.iter().take(4) {
        let status = match op {
            Op::Field(key, value) => {
                let key = key.name();
                let (json, _) = value.json();
                let text = serde_json::from_str::<String>(&json).unwrap_or(json);
                let known = DEFAULT_FORM.field(&key).is_some()
                    || ["unit", "period", "date"].contains(&key.as_str());
                match s.set_field(&key, &text) {
                    Ok(status) => status,
                    Err(_) => {
                        assert!(!known, "{key} refused");
                        continue;
                    }
                }
            }
            Op::Header(i, text) => {
                let key = ["unit", "period", "date"][usize::from(*i % 3)];
                let t = text
                    .json()
                    .map(|j| serde_json::from_str::<String>(&j).unwrap_or_default());
                s.set_field(key, t.as_deref().unwrap_or(""))
                    .expect("a header key")
            }
            Op::Explain(i, text) => {
                let id = match s.checked().get(usize::from(*i)) {
                    Some(f) => f.finding.id(),
                    None => format!("H251:x{i}"),
                };
                s.set_explanation(&id, text)
            }
            Op::Prior(p) => {
                prior = p.as_ref().map(read);
                s.set_prior(prior.clone())
            }
            Op::Report(r) => s.set_report(read(r)),
            Op::Options {
                submit,
                english,
                today,
            } => {
                options = GenCheck {
                    report: start.report.clone(),
                    prior: None,
                    submit: *submit,
                    english: *english,
                    today: *today,
                }
                .options();
                s.set_options(options)
            }
        };
        // What the session answered and keeps is what a fresh validation
        // finds: the same typed findings with the same explanations, the
        // same counts and verdict; and the call said it changed something
        // exactly when there are changes to fetch. Messages are compared
        // once, at the end.
        let fresh = crate::validate(s.report(), prior.as_ref(), &options);
        assert_eq!(status.counts, fresh.counts(), "after {op:?}");
        assert_eq!(status.submittable, fresh.submittable(), "after {op:?}");
        assert_eq!(s.checked(), fresh.findings, "after {op:?}");
        // The changes are what a copy of the findings at the last call
        // says came and went (every finding, both ways, after a change of
        // language).
        let now = s.checked();
        let (added, removed): (Vec<_>, Vec<_>) = if seen_lang == s.lang() {
            (
                now.iter().filter(|f| !seen.contains(f)).cloned().collect(),
                seen.iter().filter(|f| !now.contains(f)).cloned().collect(),
            )
        } else {
            (now.clone(), seen.clone())
        };
        let mut typed = s.clone();
        let got = typed.changed_findings();
        assert_eq!(got.added, added, "after {op:?}");
        assert_eq!(got.removed, removed, "after {op:?}");
        let changes = s.changes();
        assert_eq!(status.changed, !changes.is_empty(), "after {op:?}");
        (seen, seen_lang) = (now, s.lang());
    }
    // The full result (messages and normalised report included) once, at
    // the end, from the same state.
    assert_eq!(s.result(), &check(s.report(), prior.as_ref(), &options));
}

/// Target `server_body`: bytes as a `POST /api/check` body, or (after a
/// first byte of 1) a generated request. The answer is 200 with a result,
/// or 400/413 with a message in both languages.
#[cfg(feature = "serve")]
pub fn server_body(data: &[u8]) {
    let body: Vec<u8> = match data.split_first() {
        Some((1, rest)) => {
            let Ok(input) = GenCheck::arbitrary_take_rest(Unstructured::new(rest)) else {
                return;
            };
            let (report, _) = input.report.json();
            let prior = input
                .prior
                .as_ref()
                .map_or("null".to_string(), |p| p.json().0);
            format!(
                r#"{{"report": {report}, "prior": {prior}, "options": {}}}"#,
                input.options_json()
            )
            .into_bytes()
        }
        Some((_, rest)) => rest.to_vec(),
        None => return,
    };
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    #[allow(dead_code)] // read for their shape
    struct Result {
        findings: Vec<serde::de::IgnoredAny>,
        submittable: bool,
    }
    #[derive(serde::Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Refusal {
        error: String,
        error_en: String,
    }
    let (status, text) = crate::server::answer_check(&body);
    assert_json(&text);
    match status.as_u16() {
        200 => {
            // The shape of a result: a list of findings and a verdict.
            let _: Result = serde_json::from_str(&text).expect("a result");
        }
        400 => {
            let r: Refusal = serde_json::from_str(&text).expect("a refusal");
            assert!(!r.error.is_empty() && !r.error_en.is_empty());
        }
        other => panic!("status {other}: {text}"),
    }

    // The same report as a submission to the record (without the prior
    // month and options a submission may not carry), and the raw bytes as
    // they came.
    let submission = match data.split_first() {
        Some((1, rest)) => GenCheck::arbitrary_take_rest(Unstructured::new(rest))
            .ok()
            .map(|input| format!(r#"{{"report": {}}}"#, input.report.json().0).into_bytes()),
        _ => Some(body),
    };
    if let Some(body) = submission {
        submit_oracle(&body);
    }
}

#[cfg(feature = "serve")]
thread_local! {
    /// The record the `server_body` target submits to: in memory, demo
    /// mode, its clock on 2023-07-26, renewed now and then so that a long
    /// run does not grow it without end.
    static RECORDS: std::cell::RefCell<(usize, Option<crate::server::record::Records>)> =
        const { std::cell::RefCell::new((0, None)) };
}

/// `POST /api/submit` on `body`: 201 with a submittable result, kept as one
/// more version; 422 with a result that is not submittable, kept as an
/// attempt; or 400 with a message. Never anything else, never a panic.
#[cfg(feature = "serve")]
fn submit_oracle(body: &[u8]) {
    use crate::server::auth::{Auth, Who};
    use crate::server::record::Records;
    use crate::server::store::Store;
    RECORDS.with(|cell| {
        let mut cell = cell.borrow_mut();
        if cell.1.is_none() || cell.0 >= 5_000 {
            *cell = (
                0,
                Some(Records {
                    form: crate::DEFAULT_FORM,
                    store: Store::in_memory().expect("in-memory SQLite"),
                    auth: Auth::Demo,
                    clock: crate::clock::Clock::fixed_at("2023-07-26T10:00:00").expect("a moment"),
                    expected: crate::district::default_expected(crate::DEFAULT_FORM),
                }),
            );
        }
        cell.0 += 1;
        let records = cell.1.as_ref().expect("set above");
        let a = records.submit(&Who::Anyone, body);
        let text = String::from_utf8(a.body).expect("answers are UTF-8");
        assert_json(&text);
        // Read as a typed shape, not a `serde_json::Value`: the normalised
        // report keeps a number as typed, and `1.2e1000000` is JSON that a
        // Value cannot hold (`regression-submit-exponent-past-f64`).
        #[derive(serde::Deserialize, Default)]
        #[serde(rename_all = "camelCase", default)]
        struct Verdict {
            submittable: Option<bool>,
        }
        #[derive(serde::Deserialize, Default)]
        #[serde(rename_all = "camelCase", default)]
        struct Answer {
            result: Verdict,
            unit: Option<String>,
            period: Option<String>,
            version: Option<i64>,
            error: Option<String>,
            error_en: Option<String>,
        }
        let v: Answer = serde_json::from_str(&text).expect("JSON");
        let said = |t: &Option<String>| t.as_deref().is_some_and(|t| !t.is_empty());
        match a.status.as_u16() {
            201 => {
                assert_eq!(v.result.submittable, Some(true), "{text}");
                let unit = v.unit.as_deref().expect("a unit");
                let period = crate::validate::parse_period(v.period.as_deref().expect("a period"))
                    .expect("a month");
                let (versions, _) = records.store.history(unit, period).expect("history");
                let version = v.version.expect("a version");
                assert_eq!(versions.last().map(|s| s.version), Some(version), "{text}");
            }
            422 => {
                assert_eq!(v.result.submittable, Some(false), "{text}");
                assert!(said(&v.error), "{text}");
            }
            400 => {
                assert!(said(&v.error), "{text}");
                assert!(said(&v.error_en), "{text}");
            }
            other => panic!("submit status {other}: {text}"),
        }
    });
}

/// Target `lean`: the browser package's lean path (`crate::lean`) against
/// the JSON path, natively. A generated check is put into the wire's slots
/// the way the package's JS puts a plain object (whole numbers as numbers,
/// amounts of up to 4 decimals as whole ten-thousandths, other numbers as
/// their text, strings as UTF-16), validated there, and the result read back
/// from the output buffers; it must be the JSON path's result, member for
/// member (messages included). Reports the JS side would send the JSON way
/// (arrays or objects as values, keys the form does not have) are skipped.
pub fn lean(data: &[u8]) {
    let Ok(input) = GenCheck::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    let read = |g: &GenReport| Report::from_json(&g.json().0).expect("generated JSON reads");
    let report = read(&input.report);
    let prior = input.prior.as_ref().map(read);
    let mut options = input.options();
    if options.today.is_none() {
        // Pinned, as the JS side would pass it, so both paths agree across
        // midnight.
        options.today = NaiveDate::from_ymd_opt(2023, 12, 31);
    }
    thread_local! {
        /// One wire for every input, as the package keeps one: what a call
        /// keeps (the prior month it read) must never leak into the next.
        static KEPT: std::cell::RefCell<crate::lean::Wire> = std::cell::RefCell::default();
    }
    let mut wire = KEPT.with(|w| std::mem::take(&mut *w.borrow_mut()));
    let Some(pairs) = crate::lean::put_check(&mut wire, &report, prior.as_ref(), &options) else {
        return;
    };
    assert_eq!(
        wire.validate(pairs),
        crate::lean::Outcome::Done,
        "the lean path refused what the JS side sends it: {input:?}"
    );
    let got = read_result(&wire);
    let mut want = serde_json::to_value(check(&report, prior.as_ref(), &options)).expect("JSON");
    want.as_object_mut()
        .expect("an object")
        .remove("normalized");
    assert_eq!(got, want, "{input:?}");
    // Again, with what the first call kept.
    assert_eq!(wire.validate(pairs), crate::lean::Outcome::Done);
    assert_eq!(read_result(&wire), want, "the second call: {input:?}");
    KEPT.with(|w| *w.borrow_mut() = wire);
}

/// The result object the package's JS builds from the output buffers,
/// built here the same way (`leanResult` in `js/lean.js`).
fn read_result(wire: &crate::lean::Wire) -> serde_json::Value {
    use serde_json::json;
    let (o, t) = (
        &wire.out,
        String::from_utf16(&wire.out_text).expect("UTF-16"),
    );
    let units: Vec<u16> = t.encode_utf16().collect();
    let mut at = 0usize;
    let mut take = |n: u32| {
        let n = usize::try_from(n).expect("short");
        let s = String::from_utf16(&units[at..at + n]).expect("UTF-16");
        at += n;
        s
    };
    let today = take(o[5]);
    let form = take(o[6]);
    let keys = crate::lean::keys(DEFAULT_FORM);
    let keys: Vec<&str> = keys.split(',').collect();
    let mut findings = Vec::new();
    for k in 0..usize::try_from(o[4]).expect("short") {
        let w = 8 + 8 * k;
        let rule = crate::rules::Rule::ALL[usize::try_from(o[w]).expect("short")];
        let flags = o[w + 3];
        let id = take(o[w + 4]);
        let message = take(o[w + 5]);
        let mask = u64::from(o[w + 1]) | (u64::from(o[w + 2]) << 32);
        let fields: Vec<String> = if mask == 0 {
            vec![id[rule.code().len() + 1..].to_string()]
        } else {
            (0..64)
                .filter(|p| mask >> p & 1 == 1)
                .map(|p| keys[p].to_string())
                .collect()
        };
        let severity = match rule.severity() {
            crate::rules::Severity::Error => "error",
            crate::rules::Severity::Warning => "warning",
        };
        let mut f = json!({"id": id, "code": rule.code(), "severity": severity, "fields": fields, "message": message, "explained": flags & 1 == 1});
        if flags & 2 != 0 {
            let mut e = json!({"text": take(o[w + 6]), "accepted": flags & 4 != 0});
            if flags & 8 != 0 {
                e["reason"] = json!(take(o[w + 7]));
            }
            f["explanation"] = e;
        }
        findings.push(f);
    }
    json!({
        "form": form,
        "mode": if o[0] & 2 != 0 { "submit" } else { "draft" },
        "today": today,
        "submittable": o[0] & 1 == 1,
        "counts": {"errors": o[1], "warnings": o[2], "unexplainedWarnings": o[3]},
        "findings": findings,
    })
}

/// Target `json`: the project's JSON reader ([`crate::json`]) against
/// serde_json with the derived readers it replaced, on any text: the same
/// texts accepted, the same values, the same errors at the same places.
/// A report, an object's raw members, a string and a string or `null` are
/// each read both ways.
pub fn json(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    json_text(&text);
}

/// serde_json's error as the project's reader words one.
fn located(e: serde_json::Error) -> crate::json::Error {
    let m = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    crate::json::Error {
        line: e.line(),
        column: e.column(),
        message: m.strip_suffix(&suffix).unwrap_or(&m).to_string(),
    }
}

/// [`json`] on one text; panics where the two readers differ.
pub fn json_text(text: &str) {
    use serde_json::value::RawValue as JsonText;
    let ours = Report::from_json(text);
    let theirs = Report::from_json_serde(text);
    assert_eq!(ours, theirs, "report: {text:?}");
    // The check from text gives the owned path's result, byte for byte.
    if let Ok(r) = &ours {
        for options in [Options::RECHECK, Options::TYPING] {
            let options = Options {
                today: NaiveDate::from_ymd_opt(2023, 7, 26),
                ..options
            };
            for prior in [None, Some(text)] {
                let owned = check(r, prior.map(|_| r), &options).to_json();
                assert_eq!(
                    crate::check_json(text, prior, &options).as_deref(),
                    Ok(owned.as_str()),
                    "check_json: {text:?}"
                );
            }
        }
    }
    let ours = crate::json::members(text).map(|m| {
        m.into_iter()
            .map(|(k, v)| (k, v.to_string()))
            .collect::<Vec<_>>()
    });
    let theirs = serde_json::from_str::<crate::report::Object<Map<Box<JsonText>>>>(text)
        .map(|o| {
            o.0.into_iter()
                .map(|(k, v)| (k, v.get().to_string()))
                .collect::<Vec<_>>()
        })
        .map_err(located);
    assert_eq!(ours, theirs, "members: {text:?}");
    let theirs = serde_json::from_str::<String>(text).map_err(located);
    assert_eq!(crate::json::string(text), theirs, "string: {text:?}");
    let theirs = serde_json::from_str::<Option<String>>(text).map_err(located);
    assert_eq!(crate::json::option_string(text), theirs, "option: {text:?}");
    // As a request body, and as the report of one.
    for body in [text.to_string(), format!("{{\"report\": {text}}}")] {
        requests_alike(&body);
    }
}

/// The server's request bodies read by [`crate::json::request`] and by the
/// derived readers the server used before, alike.
fn requests_alike(body: &str) {
    use crate::json::Member;
    use crate::report::Object;
    use serde::de::IgnoredAny;
    use serde_json::value::RawValue as JsonText;
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Check {
        report: Object<Report>,
        #[serde(default)]
        prior: Option<Object<Report>>,
        #[serde(default)]
        options: Option<Box<JsonText>>,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Submit {
        report: Object<Report>,
        #[serde(default)]
        options: Option<Box<JsonText>>,
        #[serde(default)]
        prior: Option<IgnoredAny>,
        #[serde(default)]
        today: Option<IgnoredAny>,
    }
    type Read = (Report, Option<Report>, Vec<String>, Vec<&'static str>);
    let ours = |members| {
        crate::json::request(body, members).map(|r| -> Read {
            (
                r.report.into_owned(),
                r.prior.map(|p| p.into_owned()),
                r.raw.iter().map(|(_, t)| t.to_string()).collect(),
                ["prior", "today"]
                    .into_iter()
                    .filter(|n| r.refused.contains(n))
                    .collect(),
            )
        })
    };
    let theirs = serde_json::from_str::<Object<Check>>(body)
        .map(|c| -> Read {
            let c = c.0;
            (
                c.report.0,
                c.prior.map(|p| p.0),
                c.options.iter().map(|o| o.get().to_string()).collect(),
                vec![],
            )
        })
        .map_err(located);
    let check: &[(&str, Member)] = &[
        ("report", Member::Report),
        ("prior", Member::Prior),
        ("options", Member::Raw),
    ];
    assert_eq!(ours(check), theirs, "check request: {body:?}");
    // The server's check reads the same body by slot: the same body
    // accepted or the same error, and the same result.
    let by_key = crate::json::request(body, check);
    let by_slot = crate::json::request_slots(body, check);
    assert_eq!(
        by_slot.as_ref().err(),
        by_key.as_ref().err(),
        "check request by slot: {body:?}"
    );
    if let (Ok(k), Ok(s)) = (&by_key, &by_slot) {
        let options = Options {
            today: NaiveDate::from_ymd_opt(2023, 7, 26),
            ..Options::RECHECK
        };
        assert_eq!(
            crate::validate::check_slots(&s.report, s.prior.as_ref(), &options),
            Some(crate::validate::check_ref(
                &k.report,
                k.prior.as_ref(),
                &options
            )),
            "check by slot: {body:?}"
        );
        assert_eq!(s.raw, k.raw);
    }
    let theirs = serde_json::from_str::<Object<Submit>>(body)
        .map(|s| -> Read {
            let s = s.0;
            let refused = [("prior", s.prior.is_some()), ("today", s.today.is_some())];
            (
                s.report.0,
                None,
                s.options.iter().map(|o| o.get().to_string()).collect(),
                refused.iter().filter(|r| r.1).map(|r| r.0).collect(),
            )
        })
        .map_err(located);
    let submit: &[(&str, Member)] = &[
        ("report", Member::Report),
        ("options", Member::Raw),
        ("prior", Member::Refused),
        ("today", Member::Refused),
    ];
    assert_eq!(ours(submit), theirs, "submit request: {body:?}");
}
