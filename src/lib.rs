//! # diaodu
//!
//! A validator for the 调度表 (progress form) of Shanghai Chongming District's
//! 2023 major-accident-hazard campaign (重大事故隐患专项排查整治2023行动). Every
//! township, district department and district-owned enterprise files it by the
//! 28th of each month, May to December 2023, with cumulative figures.
//!
//! The same crate runs natively (library, CLI, recheck server) and in the
//! browser (WebAssembly), and gives byte-identical results in both.
//!
//! ```
//! use diaodu::{check, Lang, Mode, Options, Report};
//! use chrono::NaiveDate;
//!
//! let report = Report::from_json(r#"{
//!     "unit": "城桥镇", "period": "2023-06", "date": "2023-06-26",
//!     "values": { "self_found": "１２", "self_rectified": 15 }
//! }"#).unwrap();
//! let options = Options { mode: Mode::Draft, today: NaiveDate::from_ymd_opt(2023, 6, 26), lang: Lang::Zh };
//! let result = check(&report, None, &options);
//! assert!(!result.submittable);
//! assert_eq!(result.findings[0].id, "C301:self_rectified");
//! assert_eq!(result.findings[0].fields, ["self_found", "self_rectified"]);
//! assert_eq!(
//!     result.findings[0].message,
//!     "1.2 企业自查发现重大事故隐患中已完成整改的（个）为 15，大于 1.1 企业自查发现的重大事故隐患（个）的 12；分项不能大于总数。"
//! );
//! ```

pub mod clock;
// The office's end works on the record, natively; the browser never has one.
#[cfg(not(target_arch = "wasm32"))]
pub mod district;
pub mod engine;
pub mod english;
pub mod explanation;
pub mod finding;
pub mod form;
pub mod json;
mod json_out;
pub mod lean;
pub mod messages;
pub mod money;
pub mod options;
mod order;
pub mod output;
pub mod parse;
pub mod registry;
pub mod report;
pub mod rules;
pub mod session;
pub mod thresholds;
pub mod validate;

#[cfg(feature = "cli")]
pub mod cli;

#[cfg(feature = "serve")]
pub mod server;

#[cfg(feature = "fuzzing")]
pub mod fuzz;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

#[cfg(not(target_arch = "wasm32"))]
use serde::{Deserialize, Serialize};

pub use crate::finding::Finding;
pub use crate::form::{CHONGMING_2023, DEFAULT_FORM, Form};
pub use crate::money::Wan;
pub use crate::options::{Mode, Options, OptionsError};
pub use crate::output::{CheckResult, Counts, ExplanationOut, FindingOut};
pub use crate::report::{RawValue, ReadError, Report};
pub use crate::rules::{Rule, RuleInfo, Severity, catalogue};
pub use crate::validate::{CheckJsonError, Validation, check_json, validate};

/// The language of messages. Chinese is the default: the form's users are
/// Chinese reporting staff.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize, Deserialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// Validate and render in one step: the JSON-ready result.
pub fn check(report: &Report, prior: Option<&Report>, options: &Options) -> CheckResult {
    validate(report, prior, options).into_result(options.lang)
}

/// The form's schema for export: the form table plus its unit registry.
#[derive(Debug)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
pub struct Schema {
    #[cfg_attr(not(target_arch = "wasm32"), serde(flatten))]
    pub form: &'static Form,
    pub units: &'static registry::Registry,
}

/// The schema of the default form.
pub fn schema() -> Schema {
    Schema {
        form: DEFAULT_FORM,
        units: DEFAULT_FORM.registry,
    }
}

/// The README's Rust examples, run as doctests.
#[doc = include_str!("../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
