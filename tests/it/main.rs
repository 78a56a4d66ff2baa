//! Integration tests, one module per topic.
#![cfg(not(target_arch = "wasm32"))]

mod cli;
mod district;
mod english;
mod explanations;
mod fixtures;
mod fuzz_corpus;
mod json_reader;
mod json_shape;
mod lean;
mod messages;
mod parity;
mod parsing;
mod prior;
mod properties;
mod readme;
mod record;
mod rules;
mod schema;
mod server;
mod session;
mod trust;
mod typescript;

use chrono::NaiveDate;
use diaodu::{CheckResult, Lang, Mode, Options, RawValue, Report, check};

/// The date tests take as today: after the campaign, so no date is "future".
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, 1, 10).unwrap()
}

pub fn report(json: serde_json::Value) -> Report {
    serde_json::from_value(json).expect("test report deserialises")
}

pub fn run(r: &Report, prior: Option<&Report>, mode: Mode) -> CheckResult {
    check(
        r,
        prior,
        &Options {
            mode,
            today: Some(today()),
            lang: Lang::Zh,
        },
    )
}

pub fn draft(json: serde_json::Value) -> CheckResult {
    run(&report(json), None, Mode::Draft)
}

pub fn ids(r: &CheckResult) -> Vec<String> {
    r.findings.iter().map(|f| f.id.clone()).collect()
}

pub fn fixture(path: &str) -> Report {
    let full = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    Report::from_json(&std::fs::read_to_string(&full).expect("fixture exists"))
        .expect("fixture parses")
}

/// A complete, consistent July report for 城桥镇 (the fixture series' July).
pub fn valid() -> Report {
    fixture("series/chengqiao-2023-07.json")
}

/// `valid()` with some values replaced.
pub fn with(values: serde_json::Value) -> Report {
    let mut r = valid();
    let extra: Report = report(serde_json::json!({ "values": values }));
    for (k, v) in extra.values {
        r.values.insert(k, v);
    }
    r
}
