//! The result as JSON: its own type, camelCase throughout.
//!
//! This is the shape the CLI prints with `--format json`, the recheck server
//! returns and the JS package gives to portals. Renaming a member here breaks
//! portals, so a test pins the shape.

use serde::Serialize;

use crate::finding::render;
use crate::report::Report;
use crate::rules::Severity;
use crate::validate::{Explanation, Mode, Validation};
use crate::Lang;

/// The result of a check.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CheckResult {
    /// The form the report was checked against.
    pub form: &'static str,
    pub mode: Mode,
    /// The date taken as today, `YYYY-MM-DD`.
    pub today: String,
    /// No errors and every warning explained.
    pub submittable: bool,
    pub counts: Counts,
    /// In form order.
    pub findings: Vec<FindingOut>,
    /// The report with readable values in canonical form, unreadable ones as
    /// they arrived.
    pub normalized: Report,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub unexplained_warnings: usize,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FindingOut {
    /// `CODE:key`; what `explanations` refer to.
    pub id: String,
    pub code: &'static str,
    pub severity: Severity,
    /// Every field involved, in form order: value keys, or `unit`, `period`,
    /// `date` for the header, or `form`.
    pub fields: Vec<String>,
    pub message: String,
    /// Whether an explanation that counts covers it (always false for errors).
    pub explained: bool,
    /// The explanation given, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explanation: Option<ExplanationOut>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExplanationOut {
    pub text: String,
    pub accepted: bool,
    /// Why it does not count, where it does not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl Validation {
    /// The JSON result, with messages in `lang`.
    pub fn to_result(&self, lang: Lang) -> CheckResult {
        let findings = self
            .findings
            .iter()
            .map(|c| FindingOut {
                id: c.finding.id(),
                code: c.finding.rule().code(),
                severity: c.severity(),
                fields: c.finding.fields(self.form),
                message: render(&c.finding, self.form, lang),
                explained: c.explanation.is_accepted(),
                explanation: match &c.explanation {
                    Explanation::NotApplicable | Explanation::Missing => None,
                    Explanation::Accepted(t) => Some(ExplanationOut { text: t.clone(), accepted: true, reason: None }),
                    Explanation::Rejected(t, r) => Some(ExplanationOut {
                        text: t.clone(),
                        accepted: false,
                        reason: Some(r.render(lang)),
                    }),
                },
            })
            .collect();
        CheckResult {
            form: self.form.id,
            mode: self.mode,
            today: self.today.to_string(),
            submittable: self.submittable(),
            counts: Counts {
                errors: self.errors(),
                warnings: self.warnings(),
                unexplained_warnings: self.unexplained_warnings(),
            },
            findings,
            normalized: self.normalized.clone(),
        }
    }
}

impl CheckResult {
    /// Compact JSON, byte for byte the same natively and in WebAssembly.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a result always serialises")
    }
}
