//! The result as JSON: its own type, camelCase throughout.
//!
//! This is the shape the CLI prints with `--format json`, the recheck server
//! returns and the JS package gives to portals. Renaming a member here breaks
//! portals, so a test pins the shape.

#[cfg(not(target_arch = "wasm32"))]
use serde::Serialize;

use crate::Lang;
use crate::messages::{Overrides, render_with};
use crate::report::Report;
use crate::rules::Severity;
use crate::validate::{Explanation, Mode, Validation};

/// The result of a check.
#[derive(Clone, Debug, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
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

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub unexplained_warnings: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
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
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(skip_serializing_if = "Option::is_none")
    )]
    pub explanation: Option<ExplanationOut>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
pub struct ExplanationOut {
    pub text: String,
    pub accepted: bool,
    /// Why it does not count, where it does not.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(skip_serializing_if = "Option::is_none")
    )]
    pub reason: Option<String>,
}

impl Validation {
    /// The findings as JSON-ready objects, with messages in `lang`.
    pub fn findings_out(&self, lang: Lang) -> Vec<FindingOut> {
        self.findings_out_with(lang, None)
    }

    /// [`Validation::findings_out`], in the portal's own words where it
    /// gave some.
    pub fn findings_out_with(&self, lang: Lang, overrides: Option<&Overrides>) -> Vec<FindingOut> {
        self.findings
            .iter()
            .map(|c| FindingOut {
                id: c.finding.id(),
                code: c.finding.rule().code(),
                severity: c.severity(),
                fields: c.finding.fields(self.form),
                message: render_with(&c.finding, self.form, lang, overrides),
                explained: c.explanation.is_accepted(),
                explanation: match &c.explanation {
                    Explanation::NotApplicable | Explanation::Missing => None,
                    Explanation::Accepted(t) => Some(ExplanationOut {
                        text: t.clone(),
                        accepted: true,
                        reason: None,
                    }),
                    Explanation::Rejected(t, r) => Some(ExplanationOut {
                        text: t.clone(),
                        accepted: false,
                        reason: Some(r.render(lang)),
                    }),
                },
            })
            .collect()
    }

    pub fn counts(&self) -> Counts {
        Counts {
            errors: self.errors(),
            warnings: self.warnings(),
            unexplained_warnings: self.unexplained_warnings(),
        }
    }

    /// The JSON result, with messages in `lang`.
    pub fn to_result(&self, lang: Lang) -> CheckResult {
        self.clone().into_result(lang)
    }

    /// [`Validation::to_result`], keeping the normalised report instead of
    /// copying it.
    pub fn into_result(self, lang: Lang) -> CheckResult {
        self.into_result_with(lang, None)
    }

    /// [`Validation::into_result`], in the portal's own words where it gave
    /// some.
    pub fn into_result_with(self, lang: Lang, overrides: Option<&Overrides>) -> CheckResult {
        CheckResult {
            form: self.form.id,
            mode: self.mode,
            today: self.today.to_string(),
            submittable: self.submittable(),
            counts: self.counts(),
            findings: self.findings_out_with(lang, overrides),
            normalized: self.normalized,
        }
    }
}

impl CheckResult {
    /// The human-readable report of a check.
    pub fn to_text(&self, lang: Lang) -> String {
        let result = self;
        let mut out = String::new();
        let unit = result.normalized.unit.as_text();
        let period = result.normalized.period.as_text();
        let c = &result.counts;
        let verdict = match (lang, result.submittable) {
            (Lang::Zh, true) => "可以提交",
            (Lang::Zh, false) => "不能提交",
            (Lang::En, true) => "can be submitted",
            (Lang::En, false) => "cannot be submitted",
        };
        for f in &result.findings {
            let status = match (f.severity, &f.explanation, lang) {
                (Severity::Error, _, _) => String::new(),
                (Severity::Warning, Some(e), Lang::Zh) if e.accepted => {
                    format!("  [已说明：{}]", e.text)
                }
                (Severity::Warning, Some(e), Lang::En) if e.accepted => {
                    format!("  [explained: {}]", e.text)
                }
                (Severity::Warning, Some(e), Lang::Zh) => {
                    format!(
                        "  [说明不予采纳：{}；说明编号 {}]",
                        e.reason.as_deref().unwrap_or(""),
                        f.id
                    )
                }
                (Severity::Warning, Some(e), Lang::En) => {
                    format!(
                        "  [explanation refused: {}; id {}]",
                        e.reason.as_deref().unwrap_or(""),
                        f.id
                    )
                }
                (Severity::Warning, None, Lang::Zh) => format!("  [需填写说明，说明编号 {}]", f.id),
                (Severity::Warning, None, Lang::En) => {
                    format!("  [needs an explanation, id {}]", f.id)
                }
            };
            out.push_str(&format!(
                "{} {} {}{}\n",
                f.severity.label(lang),
                f.code,
                f.message,
                status
            ));
        }
        let unit = match (unit.is_empty(), lang) {
            (false, _) => unit,
            (true, Lang::Zh) => "（未填单位）".to_string(),
            (true, Lang::En) => "(no unit)".to_string(),
        };
        let period = if period.is_empty() {
            String::new()
        } else {
            format!(" {period}")
        };
        let (e, w, u) = (c.errors, c.warnings, c.unexplained_warnings);
        let head = match lang {
            Lang::Zh => {
                format!("{unit}{period}：{e} 个错误，{w} 个核实问题（{u} 个未说明），{verdict}。")
            }
            Lang::En => format!(
                "{unit}{period}: {e} error(s), {w} warning(s) ({u} unexplained); {verdict}."
            ),
        };
        out.push_str(&head);
        out.push('\n');
        out
    }

    /// Compact JSON, byte for byte the same natively and in WebAssembly.
    pub fn to_json(&self) -> String {
        crate::json::ToJson::to_json_text(self)
    }
}
