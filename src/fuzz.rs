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
//!   message, never anything else.

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
            if let Ok(text) = std::str::from_utf8(rest) {
                if let Ok(r) = Report::from_json(text) {
                    let result = check(&r, Some(&r), &Options::RECHECK);
                    assert_json(&result.to_json());
                }
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
        let changes = s.changes();
        assert_eq!(status.changed, !changes.is_empty(), "after {op:?}");
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
}
