//! The validator's working state: a report read by slot, and its findings
//! kept by the piece of work that made them.
//!
//! A report is read into slots, one per value in the form table's order
//! (plus the three header fields), so rules look values up by position, not
//! by key. The work is split into units that each declare what they read:
//! the form name, the header (with the prior month's header), each value's
//! reading, each cross-field constraint, and each value's comparison with
//! the prior month. A full validation runs every unit; a keystroke on one
//! value re-runs only the units that read it ([`Checker::set_value`]), and
//! knows whether anything changed by comparing their typed findings, before
//! any message is rendered. Both paths keep the same list, so a form being
//! typed and a fresh validation of the same report always agree (the
//! `session` fuzz target checks exactly this).

use chrono::NaiveDate;

use crate::explanation;
use crate::finding::Finding;
use crate::form::Form;
use crate::options::Options;
use crate::output::Counts;
use crate::parse::{Value, parse_raw, plain_count};
use crate::registry::UnitMatch;
use std::borrow::Borrow;
use std::hash::{BuildHasher, Hash};

use indexmap::IndexMap;

use crate::report::{Raw, RawRef, RawValue, Report, ReportRef, SlotsRef};
use crate::rules;
use crate::rules::Severity;
use crate::validate::{Checked, Explanation, parse_date, parse_period, today_in_china};

/// What one validation reads, by slot. Borrowed: reading a report copies
/// none of its text.
#[derive(Clone, Debug)]
pub struct Input<'a> {
    /// `form` as given; the default form when `None` or blank.
    pub form_name: Option<&'a str>,
    /// `unit`, `period`, `date`.
    pub header: [Raw<'a>; 3],
    /// One per field of the form, in the table's order; blank when missing.
    pub values: Vec<Raw<'a>>,
    /// Value keys the form does not have, in the order given.
    pub unknown: Vec<&'a str>,
}

impl<'a> Input<'a> {
    /// A report read by slot against `form`.
    pub fn of(report: &'a Report, form: &'static Form) -> Input<'a> {
        Input::read(
            form,
            report.form.as_deref(),
            [report.unit.view(), report.period.view(), report.date.view()],
            &report.values,
            RawValue::view,
        )
    }

    /// A report read from JSON text ([`crate::json::report_ref`]) by slot.
    pub fn of_ref(report: &'a ReportRef<'_>, form: &'static Form) -> Input<'a> {
        Input::read(
            form,
            report.form.as_deref(),
            [report.unit.view(), report.period.view(), report.date.view()],
            &report.values,
            RawRef::view,
        )
    }

    /// A report read by slot from JSON text ([`crate::json::report_slots`]),
    /// whose slots are those of `form` (the default form, the only one they
    /// are read for).
    pub fn of_slots(report: &'a SlotsRef<'_>, form: &'static Form) -> Input<'a> {
        debug_assert!(std::ptr::eq(form, crate::DEFAULT_FORM));
        let [unit, period, date] = &report.header;
        Input {
            form_name: report.form.as_deref(),
            header: [unit.view(), period.view(), date.view()],
            values: (0..form.fields.len())
                .map(|i| {
                    report
                        .values
                        .get(i)
                        .and_then(Option::as_ref)
                        .map_or(Raw::Blank, RawRef::view)
                })
                .collect(),
            unknown: report.unknown.iter().map(|(k, _)| k.as_ref()).collect(),
        }
    }

    fn read<K, V, S>(
        form: &'static Form,
        form_name: Option<&'a str>,
        header: [Raw<'a>; 3],
        values: &'a IndexMap<K, V, S>,
        view: impl Fn(&'a V) -> Raw<'a>,
    ) -> Input<'a>
    where
        K: Borrow<str> + Hash + Eq,
        S: BuildHasher,
    {
        let mut known = 0usize;
        let slots: Vec<Raw<'a>> = (0..form.fields.len())
            .map(|i| match value_at(values, form, i) {
                Some(raw) => {
                    known += 1;
                    view(raw)
                }
                None => Raw::Blank,
            })
            .collect();
        // Only a report with keys beyond the form's pays for finding them.
        let unknown = if known == values.len() {
            Vec::new()
        } else {
            values
                .keys()
                .map(Borrow::borrow)
                .filter(|k| form.index_of(k).is_none())
                .collect()
        };
        Input {
            form_name,
            header,
            values: slots,
            unknown,
        }
    }
}

/// The raw value of field `i`: reports usually list their values in form
/// order, so the key at the same position is tried before a hash lookup.
pub(crate) fn raw_at<'r>(report: &'r Report, form: &Form, i: usize) -> Option<&'r RawValue> {
    value_at(&report.values, form, i)
}

fn value_at<'r, K, V, S>(values: &'r IndexMap<K, V, S>, form: &Form, i: usize) -> Option<&'r V>
where
    K: Borrow<str> + Hash + Eq,
    S: BuildHasher,
{
    let key = form.fields[i].key;
    match values.get_index(i) {
        Some((k, v)) if k.borrow() == key => Some(v),
        _ => values.get(key),
    }
}

/// Where a warning's 说明 are looked up, by finding id.
pub trait Explanations {
    fn explanation(&self, id: &str) -> Option<&str>;

    /// Whether there are none at all: then a warning's id need not be
    /// written out to look for its 说明.
    fn is_empty(&self) -> bool {
        false
    }
}

impl<K, V, S> Explanations for IndexMap<K, V, S>
where
    K: Borrow<str> + Hash + Eq,
    V: AsRef<str>,
    S: BuildHasher,
{
    fn explanation(&self, id: &str) -> Option<&str> {
        self.get(id).map(AsRef::as_ref)
    }

    fn is_empty(&self) -> bool {
        IndexMap::is_empty(self)
    }
}

/// No 说明 at all.
pub struct NoExplanations;

impl Explanations for NoExplanations {
    fn explanation(&self, _: &str) -> Option<&str> {
        None
    }

    fn is_empty(&self) -> bool {
        true
    }
}

/// The header as read: each field's text, and what it parsed to.
#[derive(Clone, Debug, Default)]
pub(crate) struct Header {
    pub(crate) unit_text: Option<String>,
    pub(crate) unit: UnitMatch,
    /// The text where it was given and could not be read; empty where it
    /// was read (only a refusal quotes it).
    pub(crate) period_text: Option<String>,
    pub(crate) period: Option<crate::form::YearMonth>,
    pub(crate) date_text: Option<String>,
    pub(crate) date: Option<NaiveDate>,
}

fn header_text(raw: Raw<'_>) -> Option<String> {
    match raw {
        // Text is trimmed where it lies, without a copy first (and not a
        // second time, as `is_blank` would): blank as `Raw::is_blank` has
        // it, text that trims to nothing, never a number.
        Raw::Text(t) | Raw::Number(t) => {
            let t = t.trim();
            (!t.is_empty() || matches!(raw, Raw::Number(_))).then(|| t.to_string())
        }
        _ => (!raw.is_blank()).then(|| raw.as_text().trim().to_string()),
    }
}

/// A header field read with `parse`: its text (see [`Header`]) and value.
fn header_part<T>(raw: Raw<'_>, parse: fn(&str) -> Option<T>) -> (Option<String>, Option<T>) {
    if raw.is_blank() {
        return (None, None);
    }
    let parsed = match raw {
        Raw::Text(t) | Raw::Number(t) => parse(t.trim()),
        other => parse(other.as_text().trim()),
    };
    match parsed {
        Some(v) => (Some(String::new()), Some(v)),
        None => (header_text(raw), None),
    }
}

impl Header {
    /// The header in canonical form, where it was read: the registry's name
    /// of a known unit, `YYYY-MM`, `YYYY-MM-DD` (`None` where it was not).
    pub(crate) fn canonical(&self) -> [Option<String>; 3] {
        [
            match &self.unit {
                UnitMatch::Known(e) => Some(e.name.to_string()),
                _ => None,
            },
            self.period.map(|p| p.to_string()),
            self.date.map(crate::lean::iso_date),
        ]
    }

    pub(crate) fn read(form: &'static Form, raws: &[Raw<'_>; 3]) -> Header {
        let unit_text = header_text(raws[0]);
        let (period_text, period) = header_part(raws[1], parse_period);
        let (date_text, date) = header_part(raws[2], parse_date);
        Header {
            unit: unit_text
                .as_deref()
                .map_or(UnitMatch::Unknown, |t| form.registry.lookup(t)),
            unit_text,
            period,
            period_text,
            date,
            date_text,
        }
    }
}

/// A prior month's report, read once (a typing session keeps it).
#[derive(Clone, Debug)]
pub struct PreparedPrior {
    pub(crate) form: &'static Form,
    header: Header,
    values: Vec<Option<Value>>,
}

impl PreparedPrior {
    /// Read `prior` against `form`; values that do not parse are left out.
    pub fn new(form: &'static Form, prior: &Report) -> PreparedPrior {
        PreparedPrior::read(form, &Input::of(prior, form))
    }

    /// Read a prior month given by slot.
    pub fn read(form: &'static Form, input: &Input<'_>) -> PreparedPrior {
        let values = form
            .fields
            .iter()
            .zip(&input.values)
            // The common case read inline: `parse_raw`'s result, large
            // enough for any refusal, comes back through memory.
            .map(|(field, raw)| {
                plain_count(field, *raw).or_else(|| parse_raw(field, *raw).ok().flatten())
            })
            .collect();
        PreparedPrior {
            form,
            header: Header::read(form, &input.header),
            values,
        }
    }
}

/// A unit of work, each reading a known part of the report. The order of
/// the variants is the order of work in a full validation, which decides
/// the order of findings that sort equal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Work {
    /// The form name (H201).
    Form,
    /// The header fields (H2xx, F101 on the header).
    Header,
    /// One value's reading (F1xx).
    Value(u16),
    /// Keys the form does not have (F110).
    Unknown,
    /// One cross-field constraint (C3xx).
    Constraint(u16),
    /// The prior month's header against this one's (M401, M402, M453).
    PriorHeader,
    /// One value against the prior month's (M403, M451, M452, M454).
    Prior(u16),
}

impl Work {
    /// This work's bit in [`Found::held`]: which word, and the bit. The
    /// works of fields past the 64th or constraints past the 32nd share
    /// bits (this form has 35 and 18), which only costs a look at the
    /// findings where a bit alone would have answered. 64-bit words, and a
    /// mask rather than a remainder: this is asked several times a
    /// keystroke, and a bit of a 128-bit word, or a remainder by anything
    /// but a power of two, cost a keystroke 15 to 20 instructions more.
    fn bit(self) -> (usize, u64) {
        match self {
            Work::Form => (0, 1),
            Work::Header => (0, 2),
            Work::Unknown => (0, 4),
            Work::PriorHeader => (0, 8),
            Work::Constraint(c) => (0, 16 << (c & 31)),
            Work::Value(i) => (1, 1 << (i & 63)),
            Work::Prior(i) => (2, 1 << (i & 63)),
        }
    }
}

/// What a report's rules found, each with the work that found it, and which
/// works found anything.
///
/// A keystroke asks of each rule it runs again whether that rule found
/// anything before. With a report's findings only, that was a look at every
/// finding, several times a keystroke: on a new form in submit mode, where
/// every field is a finding, about 500 of a keystroke's 850 instructions.
///
/// The counts are kept as findings come and go, for the same reason: counted
/// afresh after a keystroke that changed a finding, each finding against
/// every one before it (the same finding twice counts once), they cost a
/// keystroke on such a form 24,000 of its 26,000 instructions.
///
/// And it keeps what a page last saw ([`Found::mark`]) as a journal of what
/// changed since, not as a copy: a page asks for the changed findings after
/// every keystroke that changed one, and a copy of every finding, compared
/// with the findings now, cost such a keystroke on a new form in submit
/// mode (35 findings) 31,000 instructions, natively, for one finding that
/// came or went.
#[derive(Clone, Debug, Default)]
struct Found {
    entries: Vec<Entry>,
    /// A bit per work ([`Work::bit`]) that is set where that work may hold
    /// findings: never clear where it holds one.
    held: [u64; 3],
    /// The distinct findings in `entries`, counted.
    counts: Counts,
    /// What entries made since the last mark carry in [`Entry::born`]; the
    /// others were held at the mark.
    epoch: u32,
    /// The entries held at the last mark that have gone since, or changed
    /// (then as they were). With the entries not born since, they are what
    /// was held at the mark; each goes at most once, so this never holds
    /// more than there was then.
    gone: Vec<Entry>,
}

impl Found {
    fn clear(&mut self) {
        let epoch = self.epoch;
        for e in self.entries.drain(..) {
            if e.born != epoch {
                self.gone.push(e);
            }
        }
        self.held = [0; 3];
        self.counts = Counts::default();
    }

    /// Start a new journal: what is held now is what was seen.
    fn mark(&mut self) {
        self.gone.clear();
        match self.epoch.checked_add(1) {
            Some(next) => self.epoch = next,
            // Four billion marks on: every entry is old, and counting
            // starts again.
            None => {
                for e in &mut self.entries {
                    e.born = 0;
                }
                self.epoch = 1;
            }
        }
    }

    /// What was held at the last mark: the entries not born since, and
    /// those gone.
    fn seen(&self) -> impl Iterator<Item = &Entry> {
        let epoch = self.epoch;
        self.entries
            .iter()
            .filter(move |e| e.born != epoch)
            .chain(&self.gone)
    }

    /// Whether `work` found anything.
    fn holds(&self, work: Work) -> bool {
        let (word, bit) = work.bit();
        self.held[word] & bit != 0 && self.entries.iter().any(|e| e.work == work)
    }

    /// Whether a finding equal to `e` is held (the hashes first: most
    /// findings are told apart by them).
    fn has(&self, e: &Entry) -> bool {
        self.entries
            .iter()
            .any(|o| o.sig == e.sig && o.checked == e.checked)
    }

    fn push(&mut self, e: Entry) {
        if !self.has(&e) {
            tally(&mut self.counts, &e.checked, true);
        }
        let (word, bit) = e.work.bit();
        self.held[word] |= bit;
        self.entries.push(e);
    }

    /// Drop what `work` found.
    fn remove(&mut self, work: Work) {
        while let Some(k) = self.entries.iter().rposition(|e| e.work == work) {
            let e = self.entries.remove(k);
            if !self.has(&e) {
                tally(&mut self.counts, &e.checked, false);
            }
            if e.born != self.epoch {
                self.gone.push(e);
            }
        }
        let (word, bit) = work.bit();
        if !self.entries.iter().any(|e| e.work.bit() == (word, bit)) {
            self.held[word] &= !bit;
        }
    }

    /// Judge every finding's 说明 again, and count again where any state
    /// changed; whether one did.
    fn explain_again(&mut self, explanations: &dyn Explanations) -> bool {
        let mut changed = false;
        for e in &mut self.entries {
            let now = explain(&e.checked.finding, explanations);
            if now != e.checked.explanation {
                if e.born != self.epoch {
                    self.gone.push(e.clone());
                    e.born = self.epoch;
                }
                e.checked.explanation = now;
                changed = true;
            }
        }
        if changed {
            let entries = std::mem::take(&mut self.entries);
            self.counts = Counts::default();
            for e in entries {
                self.push(e);
            }
        }
        changed
    }
}

/// Count `checked` in `counts`, or (`add` false) count it out.
fn tally(counts: &mut Counts, checked: &Checked, add: bool) {
    // Only a finding counted in is counted out, so nothing here can go
    // below zero; saturating all the same, a count is never worth a panic.
    let step = |n: &mut usize| {
        *n = if add {
            n.saturating_add(1)
        } else {
            n.saturating_sub(1)
        }
    };
    match checked.severity() {
        Severity::Error => step(&mut counts.errors),
        Severity::Warning => {
            step(&mut counts.warnings);
            if !checked.explanation.is_accepted() {
                step(&mut counts.unexplained_warnings);
            }
        }
    }
}

/// A finding, the work that made it, and its rank within that work.
#[derive(Clone, Debug)]
struct Entry {
    work: Work,
    rank: u16,
    /// A hash of the finding's rule and subject, the same for equal
    /// findings: most findings are told apart by it alone.
    sig: u64,
    /// [`Finding::first_position`], where the finding sorts, once it was
    /// first sorted: looked up once, not on every sort (a page asks for the
    /// changed findings, in form order, after every keystroke that changed
    /// one), and not before (a report with one finding is never sorted).
    first: std::cell::Cell<Option<usize>>,
    /// [`Finding::field_mask`], once it was first asked for (`u64::MAX`
    /// until then: no form has 64 positions).
    fields: std::cell::Cell<u64>,
    /// [`Found::epoch`] when this entry was made (or last changed).
    born: u32,
    checked: Checked,
}

/// A hash of `finding`'s rule and subject ([`Entry::sig`]): equal findings
/// hash the same, and most unequal ones differ.
pub(crate) fn sig_of(finding: &Finding) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    finding.rule().hash(&mut h);
    finding.subject().hash(&mut h);
    h.finish()
}

/// A report's findings, kept up to date value by value.
#[derive(Clone, Debug)]
pub struct Checker {
    pub form: &'static Form,
    options: Options,
    today: NaiveDate,
    header: Header,
    values: Vec<Option<Value>>,
    prior: Option<PreparedPrior>,
    /// Whether the prior month is this unit's and earlier, so that its
    /// figures can be compared.
    comparable: bool,
    found: Found,
}

fn u16_of(i: usize) -> u16 {
    // Forms have a few dozen fields and constraints.
    u16::try_from(i).expect("a form has fewer than 65,536 fields")
}

impl Checker {
    /// A checker for `form`, with nothing read yet.
    pub fn new(form: &'static Form, options: Options, prior: Option<PreparedPrior>) -> Checker {
        Checker {
            form,
            options,
            today: options.today.unwrap_or_else(today_in_china),
            header: Header::default(),
            values: vec![None; form.fields.len()],
            // A prior read for another form cannot be compared field by
            // field; callers prepare it for the report's form.
            prior: prior.filter(|p| std::ptr::eq(p.form, form)),
            comparable: false,
            found: Found::default(),
        }
    }

    pub fn options(&self) -> Options {
        self.options
    }

    pub fn today(&self) -> NaiveDate {
        self.today
    }

    pub fn set_options(&mut self, options: Options) {
        self.options = options;
    }

    /// The header as read, taken out (a default one left in its place).
    pub(crate) fn take_header(&mut self) -> Header {
        std::mem::take(&mut self.header)
    }

    /// The prior month it was given, back (for the next validation of
    /// another report against the same month).
    pub fn into_prior(self) -> Option<PreparedPrior> {
        self.prior
    }

    pub fn set_prior(&mut self, prior: Option<PreparedPrior>) {
        self.prior = prior.filter(|p| std::ptr::eq(p.form, self.form));
    }

    /// Whether the date taken as today has moved on since the last full
    /// run (a form left open past midnight): then everything runs again.
    pub fn today_moved(&self) -> bool {
        self.options.today.unwrap_or_else(today_in_china) != self.today
    }

    /// Read everything and run every rule.
    pub fn run_all(&mut self, input: &Input<'_>, explanations: &dyn Explanations) {
        self.run_all_with(input, explanations, None);
    }

    /// [`Checker::run_all`] with the header already read from
    /// `input.header`'s texts, where given (the browser package keeps the
    /// header of its last call while its slots stay the same).
    pub(crate) fn run_all_with(
        &mut self,
        input: &Input<'_>,
        explanations: &dyn Explanations,
        header: Option<Header>,
    ) {
        self.today = self.options.today.unwrap_or_else(today_in_china);
        self.found.clear();
        let mut out = Vec::new();

        rules::header::form_name(input.form_name, &mut out);
        self.put(Work::Form, &mut out, explanations);

        self.header = header.unwrap_or_else(|| Header::read(self.form, &input.header));
        self.header_findings(&mut out);
        self.put(Work::Header, &mut out, explanations);

        for (i, raw) in input.values.iter().enumerate() {
            self.read_value(i, *raw, &mut out);
            self.put(Work::Value(u16_of(i)), &mut out, explanations);
        }

        rules::value::unknown_keys(self.form, &input.unknown, &mut out);
        self.put(Work::Unknown, &mut out, explanations);

        for c in 0..self.form.constraints.len() {
            rules::consistency::check(c, self.form, &self.values, &mut out);
            self.put(Work::Constraint(u16_of(c)), &mut out, explanations);
        }

        self.prior_header_findings(&mut out);
        self.put(Work::PriorHeader, &mut out, explanations);
        // One loop over the two months' values, not a call per field that
        // asks again whether there is a prior month (natively 580 fewer
        // instructions for a good report, 875 for one without a prior
        // month).
        if let Some(prior) = self.prior.as_ref().filter(|_| self.comparable) {
            let pairs = self.values.iter().zip(&prior.values);
            for (i, (field, pair)) in self.form.fields.iter().zip(pairs).enumerate() {
                if let (Some(v), Some(p)) = pair {
                    rules::prior::value(field, *v, *p, &mut out);
                    if !out.is_empty() {
                        put_into(
                            &mut self.found,
                            Work::Prior(u16_of(i)),
                            &mut out,
                            explanations,
                        );
                    }
                }
            }
        }
    }

    /// Read one value anew and re-run the rules that read it. Returns
    /// whether any finding changed.
    pub fn set_value(&mut self, i: usize, raw: Raw<'_>, explanations: &dyn Explanations) -> bool {
        let before = self.values[i];
        let mut out = Vec::new();
        self.read_value(i, raw, &mut out);
        let mut changed = self.replace(Work::Value(u16_of(i)), &mut out, explanations);
        // The rules below read only the parsed value: an edit that keeps
        // it (a space, a separator, full-width digits) cannot change them.
        if self.values[i] != before {
            for &c in self.form.constraints_of(i) {
                rules::consistency::check(c, self.form, &self.values, &mut out);
                changed |= self.replace(Work::Constraint(u16_of(c)), &mut out, explanations);
            }
            self.prior_findings(i, &mut out);
            changed |= self.replace(Work::Prior(u16_of(i)), &mut out, explanations);
        }
        changed
    }

    /// Judge every warning's 说明 again (after one was set or cleared).
    /// Returns whether any finding's state changed.
    pub fn explanations_changed(&mut self, explanations: &dyn Explanations) -> bool {
        self.found.explain_again(explanations)
    }

    pub fn counts(&self) -> Counts {
        self.found.counts
    }

    /// No errors, and every warning explained.
    pub fn submittable(&self) -> bool {
        let counts = self.found.counts;
        counts.errors == 0 && counts.unexplained_warnings == 0
    }

    /// The header as read.
    pub(crate) fn header(&self) -> &Header {
        &self.header
    }

    /// Each value as read, by slot (`None`: blank or unreadable).
    pub fn values(&self) -> &[Option<Value>] {
        &self.values
    }

    /// Whether there is any finding, without sorting or copying them.
    pub fn has_findings(&self) -> bool {
        !self.found.entries.is_empty()
    }

    /// The findings in form order: by the printed position of the first
    /// field involved, then by code and id.
    pub fn findings(&self) -> Vec<Checked> {
        self.sorted().into_iter().cloned().collect()
    }

    /// [`Checker::findings`], borrowed.
    pub fn sorted(&self) -> Vec<&Checked> {
        self.in_order(self.found.entries.iter().collect())
    }

    /// `entries` in form order, each distinct finding once.
    fn in_order<'e>(&self, mut entries: Vec<&'e Entry>) -> Vec<&'e Checked> {
        let form = self.form;
        if entries.len() > 1 {
            crate::order::sort_by_key(&mut entries, |e| {
                let f = &e.checked.finding;
                // Within one code, ids ("CODE:subject") order as subjects.
                let first = e.first.get().unwrap_or_else(|| {
                    let first = f.first_position(form);
                    e.first.set(Some(first));
                    first
                });
                (first, f.rule().code(), f.subject(), e.work, e.rank)
            });
        }
        let mut out: Vec<&Checked> = entries.into_iter().map(|e| &e.checked).collect();
        out.dedup_by(|a, b| a == b);
        out
    }

    /// Take what is held now as what was seen: [`Checker::since_mark`]
    /// answers from here on.
    pub(crate) fn mark(&mut self) {
        self.found.mark();
    }

    /// The findings held at the last [`Checker::mark`], in form order.
    pub(crate) fn seen(&self) -> Vec<Checked> {
        self.owned_in_order(self.found.seen().collect())
    }

    /// The findings that came and that went since the last
    /// [`Checker::mark`], each in form order. Only the entries made since,
    /// and those gone, are looked at; each of them against the others by
    /// its hash first.
    pub(crate) fn since_mark(&self) -> (Vec<Checked>, Vec<Checked>) {
        let found = &self.found;
        let epoch = found.epoch;
        // Whether `list` holds a finding equal to `e`'s: among all its
        // entries, or (`all` false) among those held at the mark. Written
        // out rather than through `Found::seen`: as an iterator chain it
        // was 293 B more in the browser package.
        let held = |list: &[Entry], e: &Entry, all: bool| {
            list.iter()
                .any(|o| o.sig == e.sig && (all || o.born != epoch) && o.checked == e.checked)
        };
        let (mut came, mut went) = (Vec::new(), Vec::new());
        for e in &found.entries {
            if e.born == epoch && !held(&found.entries, e, false) && !held(&found.gone, e, true) {
                came.push(e);
            }
        }
        for e in &found.gone {
            if !held(&found.entries, e, true) {
                went.push(e);
            }
        }
        (self.owned_in_order(came), self.owned_in_order(went))
    }

    /// The findings now that name any of `keys`, in form order.
    pub(crate) fn naming(&self, keys: &[&str]) -> Vec<Checked> {
        let form = self.form;
        // By the bits of the keys' positions where the entry's keys all
        // have one (none of them is then a key without): compared key by
        // key, the findings of a new form in submit mode cost a page's
        // changes 2,500 instructions.
        let mut want = 0u64;
        for k in keys {
            want |= form.position_bit(k).unwrap_or(0);
        }
        let mut list = Vec::new();
        for e in &self.found.entries {
            let mask = match e.fields.get() {
                u64::MAX => {
                    let mask = e.checked.finding.field_mask(form);
                    e.fields.set(mask);
                    mask
                }
                mask => mask,
            };
            let named = if mask != 0 {
                mask & want != 0
            } else {
                let mut named = false;
                e.checked
                    .finding
                    .each_key(&mut |k| named |= keys.contains(&k));
                named
            };
            if named {
                list.push(e);
            }
        }
        self.owned_in_order(list)
    }

    /// [`Checker::in_order`], each finding cloned.
    fn owned_in_order(&self, entries: Vec<&Entry>) -> Vec<Checked> {
        self.in_order(entries).into_iter().cloned().collect()
    }

    /// Check `form` from now on (a report that changed form). What was
    /// held stays held until the next full run, so that the changes then
    /// tell what went.
    pub(crate) fn set_form(&mut self, form: &'static Form) {
        self.form = form;
        self.values = vec![None; form.fields.len()];
        self.header = Header::default();
        self.prior = None;
        self.comparable = false;
        for e in self.found.entries.iter().chain(&self.found.gone) {
            // Placed anew in this form when asked.
            e.first.set(None);
            e.fields.set(u64::MAX);
        }
    }

    /// Add `out` as the findings of `work` (a full run: nothing of it is
    /// held yet), leaving `out` empty.
    #[inline]
    fn put(&mut self, work: Work, out: &mut Vec<Finding>, explanations: &dyn Explanations) {
        if !out.is_empty() {
            put_into(&mut self.found, work, out, explanations);
        }
    }

    /// Make `out` the findings of `work` in place of what it found before;
    /// whether that changed anything. Leaves `out` empty.
    fn replace(
        &mut self,
        work: Work,
        out: &mut Vec<Finding>,
        explanations: &dyn Explanations,
    ) -> bool {
        // Most keystrokes find nothing where nothing was found: settled
        // here, without the general case's frame (natively 44 instructions
        // a call to set up and tear down, and a keystroke makes two or more
        // calls).
        if out.is_empty() && !self.found.holds(work) {
            return false;
        }
        self.replace_found(work, out, explanations)
    }

    #[inline(never)]
    fn replace_found(
        &mut self,
        work: Work,
        out: &mut Vec<Finding>,
        explanations: &dyn Explanations,
    ) -> bool {
        let same = {
            let mut held = self.found.entries.iter().filter(|e| e.work == work);
            out.iter()
                .all(|f| held.next().is_some_and(|e| e.checked.finding == *f))
                && held.next().is_none()
        };
        if same {
            out.clear();
            return false;
        }
        self.found.remove(work);
        self.put(work, out, explanations);
        true
    }

    fn read_value(&mut self, i: usize, raw: Raw<'_>, out: &mut Vec<Finding>) {
        // The common case read here, straight into its slot: returned from
        // `read` through memory, the value was written by parts and read
        // back whole, which the processor cannot forward from its store
        // buffer (`check_json` 2.14× → 2.08× the reference, medians of 15
        // runs). Native only: in the browser package it was 176 B for a
        // difference within the noise.
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(v) = crate::parse::plain_count(&self.form.fields[i], raw) {
            self.values[i] = Some(v);
            return;
        }
        self.values[i] = rules::value::read(&self.form.fields[i], raw, self.options.mode, out);
    }

    fn header_findings(&self, out: &mut Vec<Finding>) {
        rules::header::check(self.form, &self.header, self.today, self.options.mode, out);
    }

    /// The prior month's header against this one's; sets whether the two
    /// reports' figures can be compared.
    fn prior_header_findings(&mut self, out: &mut Vec<Finding>) {
        self.comparable = match &self.prior {
            Some(prior) => rules::prior::header(&self.header, &prior.header, out),
            None => false,
        };
    }

    /// One field's comparisons with the prior month (a keystroke's; a full
    /// run loops over every field in `run_all_with`).
    fn prior_findings(&self, i: usize, out: &mut Vec<Finding>) {
        let Some(prior) = self.prior.as_ref().filter(|_| self.comparable) else {
            return;
        };
        if let (Some(v), Some(p)) = (self.values[i], prior.values.get(i).copied().flatten()) {
            rules::prior::value(&self.form.fields[i], v, p, out);
        }
    }
}

/// Add `out` as the findings of `work` to `found`; leaves `out` empty.
#[inline(never)]
fn put_into(
    found: &mut Found,
    work: Work,
    out: &mut Vec<Finding>,
    explanations: &dyn Explanations,
) {
    for (rank, finding) in out.drain(..).enumerate() {
        let explanation = explain(&finding, explanations);
        found.push(Entry {
            work,
            rank: u16_of(rank),
            sig: sig_of(&finding),
            first: std::cell::Cell::new(None),
            fields: std::cell::Cell::new(u64::MAX),
            born: found.epoch,
            checked: Checked {
                finding,
                explanation,
            },
        });
    }
}

/// The state of a finding's 说明.
pub(crate) fn explain(finding: &Finding, explanations: &dyn Explanations) -> Explanation {
    if finding.rule().severity() == Severity::Error {
        return Explanation::NotApplicable;
    }
    if explanations.is_empty() {
        return Explanation::Missing;
    }
    match explanations.explanation(&finding.id()) {
        None => Explanation::Missing,
        Some(text) => match explanation::assess(text) {
            Ok(()) => Explanation::Accepted(text.to_string()),
            Err(r) => Explanation::Rejected(text.to_string(), r),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every unit of work on the form has a bit of its own, so that "found
    /// nothing before" is answered by the bit alone.
    #[test]
    fn the_forms_works_have_bits_of_their_own() {
        let form = crate::DEFAULT_FORM;
        let mut works = vec![Work::Form, Work::Header, Work::Unknown, Work::PriorHeader];
        for i in 0..form.fields.len() {
            works.push(Work::Value(u16_of(i)));
            works.push(Work::Prior(u16_of(i)));
        }
        for c in 0..form.constraints.len() {
            works.push(Work::Constraint(u16_of(c)));
        }
        let mut all = [0u64; 3];
        for w in &works {
            let (word, bit) = w.bit();
            assert_eq!(all[word] & bit, 0, "{w:?} shares a bit");
            all[word] |= bit;
        }
        let ones: u32 = all.iter().map(|w| w.count_ones()).sum();
        assert_eq!(usize::try_from(ones).ok(), Some(works.len()));
    }

    fn ids(list: &[Checked]) -> Vec<String> {
        list.iter().map(|c| c.finding.id()).collect()
    }

    fn typed(form: &'static Form, texts: &[(&str, &str)]) -> Checker {
        let mut c = Checker::new(form, Options::default(), None);
        for (key, text) in texts {
            let i = form.index_of(key).expect("a field of the form");
            c.set_value(i, Raw::Text(text), &NoExplanations);
        }
        c
    }

    /// A checker given another form (a session whose report changed form)
    /// tells what it held at its mark as gone after its next full run.
    #[test]
    fn what_was_seen_before_a_new_form_is_gone_after_it() {
        let form = crate::DEFAULT_FORM;
        let mut c = typed(form, &[("self_found", "x")]);
        c.mark();
        let _ = c.set_value(
            form.index_of("spot_checked").unwrap(),
            Raw::Text("y"),
            &NoExplanations,
        );
        c.set_form(form);
        let mut report = Report::default();
        report
            .values
            .insert("penalty_count".into(), RawValue::Text("z".into()));
        c.run_all(&Input::of(&report, form), &NoExplanations);
        let (added, removed) = c.since_mark();
        assert_eq!(ids(&added), ["F102:penalty_count"]);
        assert_eq!(ids(&removed), ["F102:self_found"]);
    }

    /// Past the last epoch, what was held stays what was seen.
    #[test]
    fn marks_go_on_past_the_last_epoch() {
        let form = crate::DEFAULT_FORM;
        let mut c = typed(form, &[("self_found", "x")]);
        // Its one finding made at epoch 1, 4 billion marks ago: after the
        // wrap, epoch 1 must not make it look new.
        c.found.epoch = u32::MAX - 1;
        for e in &mut c.found.entries {
            e.born = 1;
        }
        c.mark();
        assert_eq!(c.found.epoch, u32::MAX);
        let _ = c.set_value(
            form.index_of("spot_checked").unwrap(),
            Raw::Text("y"),
            &NoExplanations,
        );
        c.mark();
        assert_eq!(c.found.epoch, 1);
        let (added, removed) = c.since_mark();
        assert!(
            added.is_empty() && removed.is_empty(),
            "{added:?} {removed:?}"
        );
        let _ = c.set_value(
            form.index_of("self_found").unwrap(),
            Raw::Text("1"),
            &NoExplanations,
        );
        let (added, removed) = c.since_mark();
        assert!(added.is_empty());
        assert_eq!(ids(&removed), ["F102:self_found"]);
    }
}
