//! A report being typed: the state behind the JS form object.
//!
//! A page calls [`Session::set_field`] on every input event with the text of
//! one field. The session keeps the report, re-runs only the rules that read
//! that field ([`Checker::set_value`]), and answers with a small
//! [`Status`]: whether any finding changed, the counts, and whether the
//! report can be submitted. Only when something changed does the page ask
//! for the details ([`Session::changes`]): the findings that appeared and
//! went away since it last asked, and the current findings of each field
//! they touch, with their messages. A keystroke that changes no finding
//! renders nothing.
//!
//! The text is stored exactly as typed (nothing the user entered is lost, even
//! while it does not parse); the normalised report is there to export.

use std::cell::OnceCell;

use chrono::NaiveDate;
use indexmap::IndexMap;
#[cfg(not(target_arch = "wasm32"))]
use serde::Serialize;

use crate::engine::{Checker, Input, PreparedPrior};
use crate::form::Form;
use crate::messages::Overrides;
use crate::output::{CheckResult, Counts, FindingOut};
use crate::report::{RawValue, Report};
use crate::validate::{Checked, Validation, form_of, normalized};
use crate::{Lang, Mode, Options};

/// What one call did: whether any finding changed, and the state after it.
/// The answer is complete (nothing is left for a later call to work out);
/// the changed findings themselves are fetched with [`Session::changes`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
pub struct Status {
    /// Whether any finding appeared, went away, or changed (its values,
    /// message or explanation).
    pub changed: bool,
    pub counts: Counts,
    pub submittable: bool,
}

/// The findings that changed since the page last asked.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
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

/// The typed content of a [`Changes`].
#[derive(Clone, Debug, Default)]
pub struct ChangedFindings {
    pub added: Vec<Checked>,
    pub removed: Vec<Checked>,
    /// The language `removed` was shown in (when it is not today's, every
    /// finding is in both lists: every message changed).
    pub removed_lang: Lang,
    /// The current findings that name a field of `added` or `removed`.
    pub touched: Vec<Checked>,
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
    /// The findings, kept up to date rule by rule.
    checker: Checker,
    /// The language the findings were last shown in, by
    /// [`Session::changes`] (or at the start); what they were is kept by the
    /// checker ([`Checker::mark`]).
    seen_lang: Lang,
    /// Whether every finding is to be shown anew at the next
    /// [`Session::changes`], none of them as gone (the portal's wording
    /// changed).
    redraw: bool,
    /// The full result (with the normalised report), built when asked for.
    full: OnceCell<CheckResult>,
    /// The portal's own wording for some messages.
    messages: Option<Overrides>,
    /// Where each field of the form sits in the report's values (`None`:
    /// not there yet), so that a keystroke finds its value without looking
    /// its key up. Kept as values are added; nothing here removes or moves
    /// one, and a new report is looked up afresh.
    positions: Vec<Option<usize>>,
}

/// Where each field of `form` sits in the report's values.
fn positions_of(form: &Form, report: &Report) -> Vec<Option<usize>> {
    form.fields
        .iter()
        .map(|f| report.values.get_index_of(f.key))
        .collect()
}

/// Whether `text` is blank as [`str::trim`] judges it. A first byte that is
/// ASCII and not a space settles it without walking the text (every
/// keystroke asks).
fn blank(text: &str) -> bool {
    match text.as_bytes().first() {
        Some(&b) if b.is_ascii() && !matches!(b, b'\t'..=b'\r' | b' ') => false,
        _ => text.trim().is_empty(),
    }
}

impl Session {
    pub fn new(report: Report, prior: Option<Report>, options: Options) -> Session {
        let (form, _) = form_of(&report);
        let prepared = prior.as_ref().map(|p| PreparedPrior::new(form, p));
        let mut s = Session {
            checker: Checker::new(form, options, prepared),
            positions: positions_of(form, &report),
            report,
            prior,
            seen_lang: options.lang,
            redraw: false,
            full: OnceCell::new(),
            messages: None,
        };
        s.rerun();
        s.checker.mark();
        s
    }

    /// The report exactly as typed.
    pub fn report(&self) -> &Report {
        &self.report
    }

    pub fn prior(&self) -> Option<&Report> {
        self.prior.as_ref()
    }

    /// The current findings, in form order, with their messages.
    pub fn findings(&self) -> Vec<FindingOut> {
        self.validation()
            .findings_out_with(self.lang(), self.messages.as_ref())
    }

    /// Use the portal's own wording for the messages it names (`None`: ours
    /// again). Every message is new then, so the next changes carry them
    /// all.
    pub fn set_messages(&mut self, messages: Option<Overrides>) -> Status {
        self.messages = messages.filter(|m| !m.is_empty());
        self.full = OnceCell::new();
        // Shown as if in another language: everything is redrawn.
        self.redraw = true;
        let changed = self.checker.has_findings();
        self.status_with(changed)
    }

    /// The portal's wording, where it gave some.
    pub fn messages(&self) -> Option<&Overrides> {
        self.messages.as_ref()
    }

    /// A finding's message as this session shows it.
    pub fn message(&self, finding: &crate::finding::Finding) -> String {
        crate::messages::render_with(
            finding,
            self.checker.form,
            self.lang(),
            self.messages.as_ref(),
        )
    }

    /// The current findings, typed, in form order.
    pub fn checked(&self) -> Vec<Checked> {
        self.checker.findings()
    }

    fn validation(&self) -> Validation {
        self.validation_of(self.checker.findings())
    }

    /// The current state with `findings` (for rendering some of them).
    fn validation_of(&self, findings: Vec<Checked>) -> Validation {
        Validation {
            form: self.checker.form,
            mode: self.checker.options().mode,
            today: self.checker.today(),
            findings,
            normalized: Report::default(),
        }
    }

    /// The full result of the current state.
    pub fn result(&self) -> &CheckResult {
        self.full.get_or_init(|| {
            let mut v = self.validation();
            v.normalized = normalized(self.checker.form, &self.report);
            v.into_result_with(self.lang(), self.messages.as_ref())
        })
    }

    pub fn lang(&self) -> Lang {
        self.checker.options().lang
    }

    /// The date taken as today in the current findings.
    pub fn today(&self) -> NaiveDate {
        self.checker.today()
    }

    pub fn options(&self) -> Options {
        self.checker.options()
    }

    /// The state now, as a call that changed nothing answers.
    pub fn status(&self) -> Status {
        self.status_with(false)
    }

    fn status_with(&self, changed: bool) -> Status {
        Status {
            changed,
            counts: self.checker.counts(),
            submittable: self.checker.submittable(),
        }
    }

    /// Set one field's text: a value key, or `unit`, `period`, `date`.
    /// An empty text makes the field blank.
    pub fn set_field(&mut self, key: &str, text: &str) -> Result<Status, SessionError> {
        let Some(slot) = self.checker.form.position(key) else {
            return Err(SessionError::UnknownField(key.to_string()));
        };
        Ok(self.set_slot(slot, text))
    }

    /// Set the field at a printed position (the header's three, then the
    /// form's values in table order) to `text`, as [`Session::set_field`].
    /// Positions past the form's last field are ignored.
    pub fn set_slot(&mut self, slot: usize, text: &str) -> Status {
        let blank = blank(text);
        // The text is kept as typed; the String already held is reused.
        let put = |held: &mut RawValue| match held {
            RawValue::Text(t) if !blank => {
                t.clear();
                t.push_str(text);
            }
            _ => {
                *held = if blank {
                    RawValue::Blank
                } else {
                    RawValue::Text(text.to_string())
                }
            }
        };
        // Only a built result is dropped: dropping an empty one was a call
        // on every keystroke.
        if self.full.get().is_some() {
            self.full = OnceCell::new();
        }
        let form = self.checker.form;
        let Some(i) = slot.checked_sub(form.header.len()) else {
            put(match slot {
                0 => &mut self.report.unit,
                1 => &mut self.report.period,
                _ => &mut self.report.date,
            });
            // The header decides what the prior month can be compared
            // with: every rule runs again.
            return self.rerun();
        };
        let Some(field) = form.fields.get(i) else {
            return self.status();
        };
        // The value's place, kept from when it was given or first typed;
        // a field not there yet is added at the end.
        let at = match self.positions.get(i).copied().flatten() {
            Some(at) if at < self.report.values.len() => at,
            _ => {
                let entry = self.report.values.entry(field.key.to_string());
                let at = entry.index();
                entry.or_insert(RawValue::Blank);
                if let Some(p) = self.positions.get_mut(i) {
                    *p = Some(at);
                }
                at
            }
        };
        let held = &mut self.report.values[at];
        put(held);
        if self.checker.today_moved() {
            return self.rerun();
        }
        // The value just put, read where it lies (looking it up again by
        // key was a tenth of a keystroke in WebAssembly, most of it
        // comparing the key's text).
        let changed = self
            .checker
            .set_value(i, held.view(), &self.report.explanations);
        self.status_with(changed)
    }

    /// Set or clear (empty text) the explanation of a finding.
    pub fn set_explanation(&mut self, id: &str, text: &str) -> Status {
        if text.is_empty() {
            self.report.explanations.shift_remove(id);
        } else {
            self.report
                .explanations
                .insert(id.to_string(), text.to_string());
        }
        self.full = OnceCell::new();
        let changed = self.checker.explanations_changed(&self.report.explanations);
        self.status_with(changed)
    }

    /// Replace the whole report (e.g. a restored draft).
    pub fn set_report(&mut self, report: Report) -> Status {
        let (form, _) = form_of(&report);
        self.positions = positions_of(form, &report);
        self.report = report;
        if !std::ptr::eq(form, self.checker.form) {
            self.checker.set_form(form);
        }
        self.prepare_prior();
        self.rerun()
    }

    /// Set or clear the prior month's report.
    pub fn set_prior(&mut self, prior: Option<Report>) -> Status {
        self.prior = prior;
        self.prepare_prior();
        self.rerun()
    }

    /// Change mode, today and language at once. A new language changes
    /// every message.
    pub fn set_options(&mut self, options: Options) -> Status {
        let relabelled = options.lang != self.lang();
        self.checker.set_options(options);
        let status = self.rerun();
        Status {
            changed: status.changed || (relabelled && self.checker.has_findings()),
            ..status
        }
    }

    pub fn set_mode(&mut self, mode: Mode) -> Status {
        self.set_options(Options {
            mode,
            ..self.options()
        })
    }

    pub fn set_today(&mut self, today: Option<NaiveDate>) -> Status {
        self.set_options(Options {
            today,
            ..self.options()
        })
    }

    pub fn set_lang(&mut self, lang: Lang) -> Status {
        self.set_options(Options {
            lang,
            ..self.options()
        })
    }

    /// What changed since the last call of `changes` (or since the session
    /// began): the details behind a [`Status`] whose `changed` was true.
    pub fn changes(&mut self) -> Changes {
        let typed = self.changed_findings();
        let render = |list: Vec<Checked>, lang: Lang| {
            self.validation_of(list)
                .findings_out_with(lang, self.messages.as_ref())
        };
        let added = render(typed.added, self.lang());
        // What went away is shown as it was seen.
        let removed = render(typed.removed, typed.removed_lang);
        let touched = render(typed.touched, self.lang());
        let mut fields: IndexMap<String, Vec<FindingOut>> = IndexMap::new();
        for f in added.iter().chain(&removed) {
            for key in &f.fields {
                fields.entry(key.clone()).or_default();
            }
        }
        for (key, list) in fields.iter_mut() {
            *list = touched
                .iter()
                .filter(|f| f.fields.contains(key))
                .cloned()
                .collect();
        }
        Changes {
            added,
            removed,
            fields,
            counts: self.checker.counts(),
            submittable: self.checker.submittable(),
        }
    }

    /// [`Session::changes`], typed: the findings that appeared and went
    /// away since it was last called (all of them when the language changed,
    /// since every message did), and the current findings that name any
    /// field of those. Rendering is left to the caller.
    pub fn changed_findings(&mut self) -> ChangedFindings {
        let lang = self.lang();
        let seen_lang = std::mem::replace(&mut self.seen_lang, lang);
        let (added, removed) = if std::mem::take(&mut self.redraw) {
            (self.checker.findings(), Vec::new())
        } else if seen_lang != lang {
            (self.checker.findings(), self.checker.seen())
        } else {
            self.checker.since_mark()
        };
        self.checker.mark();
        let mut keys: Vec<&str> = Vec::new();
        for c in added.iter().chain(&removed) {
            c.finding.each_key(&mut |k| keys.push(k));
        }
        let touched = self.checker.naming(&keys);
        ChangedFindings {
            added,
            removed,
            removed_lang: seen_lang,
            touched,
        }
    }

    fn prepare_prior(&mut self) {
        let form = self.checker.form;
        self.checker
            .set_prior(self.prior.as_ref().map(|p| PreparedPrior::new(form, p)));
    }

    /// Run every rule again.
    fn rerun(&mut self) -> Status {
        let before = self.checker.findings();
        let form = self.checker.form;
        self.checker
            .run_all(&Input::of(&self.report, form), &self.report.explanations);
        self.full = OnceCell::new();
        let changed = self.checker.findings() != before;
        self.status_with(changed)
    }
}
