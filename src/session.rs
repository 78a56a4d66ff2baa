//! A report being typed: the state behind the JS form object.
//!
//! A page calls [`Session::set_field`] on every input event with the text of
//! one field; the session keeps the report, re-validates it, and answers with
//! what changed since the previous call ([`Changes`]): the findings that
//! appeared and went away, and the current findings of each field they touch.
//! A keystroke then costs one small call and a small answer, not a re-send of
//! the whole report and a re-render of the whole page.
//!
//! The text is stored exactly as typed (nothing the user entered is lost, even
//! while it does not parse); the normalised report is there to export.

use std::cell::OnceCell;

use chrono::NaiveDate;
use indexmap::IndexMap;
use serde::Serialize;

use crate::output::{CheckResult, Counts, FindingOut};
use crate::report::{RawValue, Report};
use crate::validate::{PreparedPrior, form_of, validate_prepared};
use crate::{Lang, Mode, Options};

/// What one change did to the findings.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Changes {
    /// Findings that are new, or whose message or explanation changed.
    pub added: Vec<FindingOut>,
    /// Findings that went away (or were replaced by a changed version in `added`).
    pub removed: Vec<FindingOut>,
    /// For every field that `added` or `removed` name: all its current
    /// findings, so a page can redraw just those fields.
    pub fields: IndexMap<String, Vec<FindingOut>>,
    pub counts: Counts,
    pub submittable: bool,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty()
    }
}

/// Why a session refused a call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SessionError {
    /// Neither a form value nor `unit`, `period` or `date`.
    UnknownField(String),
}

impl SessionError {
    pub fn render(&self, lang: Lang) -> String {
        match (self, lang) {
            (SessionError::UnknownField(k), Lang::Zh) => {
                format!("表中没有“{}”这一项。", crate::finding::quote(k))
            }
            (SessionError::UnknownField(k), Lang::En) => {
                format!("The form has no field \"{}\".", crate::finding::quote(k))
            }
        }
    }
}

/// A report being filled in, with its prior month and options.
#[derive(Clone, Debug)]
pub struct Session {
    report: Report,
    prior: Option<Report>,
    /// The prior report read once, not on every keystroke.
    prepared: Option<PreparedPrior>,
    options: Options,
    /// The findings of the current state, as the page shows them.
    findings: Vec<FindingOut>,
    counts: Counts,
    submittable: bool,
    /// The full result (with the normalised report), built when asked for.
    full: OnceCell<CheckResult>,
}

impl Session {
    pub fn new(report: Report, prior: Option<Report>, options: Options) -> Session {
        let mut s = Session {
            report,
            prior: None,
            prepared: None,
            options,
            findings: Vec::new(),
            counts: Counts::default(),
            submittable: true,
            full: OnceCell::new(),
        };
        s.set_prior(prior);
        s
    }

    /// The report exactly as typed.
    pub fn report(&self) -> &Report {
        &self.report
    }

    pub fn prior(&self) -> Option<&Report> {
        self.prior.as_ref()
    }

    /// The current findings, in form order.
    pub fn findings(&self) -> &[FindingOut] {
        &self.findings
    }

    /// The full result of the current state.
    pub fn result(&self) -> &CheckResult {
        self.full.get_or_init(|| {
            validate_prepared(&self.report, self.prepared.as_ref(), &self.options, true)
                .to_result(self.options.lang)
        })
    }

    pub fn lang(&self) -> Lang {
        self.options.lang
    }

    pub fn options(&self) -> Options {
        self.options
    }

    /// Set one field's text: a value key, or `unit`, `period`, `date`.
    /// An empty text makes the field blank.
    pub fn set_field(&mut self, key: &str, text: &str) -> Result<Changes, SessionError> {
        let raw = if text.trim().is_empty() {
            RawValue::Blank
        } else {
            RawValue::Text(text.to_string())
        };
        match key {
            "unit" => self.report.unit = raw,
            "period" => self.report.period = raw,
            "date" => self.report.date = raw,
            _ => {
                let (form, _) = form_of(&self.report);
                if form.field(key).is_none() {
                    return Err(SessionError::UnknownField(key.to_string()));
                }
                self.report.values.insert(key.to_string(), raw);
            }
        }
        Ok(self.revalidate())
    }

    /// Set or clear (empty text) the explanation of a finding.
    pub fn set_explanation(&mut self, id: &str, text: &str) -> Changes {
        if text.is_empty() {
            self.report.explanations.shift_remove(id);
        } else {
            self.report
                .explanations
                .insert(id.to_string(), text.to_string());
        }
        self.revalidate()
    }

    /// Replace the whole report (e.g. a restored draft).
    pub fn set_report(&mut self, report: Report) -> Changes {
        self.report = report;
        self.prepare_prior();
        self.revalidate()
    }

    /// Set or clear the prior month's report.
    pub fn set_prior(&mut self, prior: Option<Report>) -> Changes {
        self.prior = prior;
        self.prepare_prior();
        self.revalidate()
    }

    /// Change mode, today and language at once.
    pub fn set_options(&mut self, options: Options) -> Changes {
        self.options = options;
        self.revalidate()
    }

    pub fn set_mode(&mut self, mode: Mode) -> Changes {
        self.options.mode = mode;
        self.revalidate()
    }

    pub fn set_today(&mut self, today: Option<NaiveDate>) -> Changes {
        self.options.today = today;
        self.revalidate()
    }

    /// Change the language: every message changes, so every finding is
    /// reported as removed and added again.
    pub fn set_lang(&mut self, lang: Lang) -> Changes {
        self.options.lang = lang;
        self.revalidate()
    }

    /// What changed since `before` (a copy of [`Session::findings`]), for a
    /// caller that made several changes in a row.
    pub fn changes_since(&self, before: &[FindingOut]) -> Changes {
        diff(before, &self.findings, self.counts, self.submittable)
    }

    fn prepare_prior(&mut self) {
        let (form, _) = form_of(&self.report);
        self.prepared = self.prior.as_ref().map(|p| PreparedPrior::new(form, p));
    }

    fn revalidate(&mut self) -> Changes {
        let v = validate_prepared(&self.report, self.prepared.as_ref(), &self.options, false);
        let findings = v.findings_out(self.options.lang);
        let counts = v.counts();
        let submittable = v.submittable();
        let changes = diff(&self.findings, &findings, counts, submittable);
        self.findings = findings;
        self.counts = counts;
        self.submittable = submittable;
        self.full = OnceCell::new();
        changes
    }
}

/// The difference between two lists of findings of the same report.
pub fn diff(
    before: &[FindingOut],
    after: &[FindingOut],
    counts: Counts,
    submittable: bool,
) -> Changes {
    let added: Vec<FindingOut> = after
        .iter()
        .filter(|f| !before.contains(f))
        .cloned()
        .collect();
    let removed: Vec<FindingOut> = before
        .iter()
        .filter(|f| !after.contains(f))
        .cloned()
        .collect();
    let mut fields: IndexMap<String, Vec<FindingOut>> = IndexMap::new();
    for f in added.iter().chain(&removed) {
        for key in &f.fields {
            fields.entry(key.clone()).or_default();
        }
    }
    for (key, list) in fields.iter_mut() {
        *list = after
            .iter()
            .filter(|f| f.fields.contains(key))
            .cloned()
            .collect();
    }
    Changes {
        added,
        removed,
        fields,
        counts,
        submittable,
    }
}
