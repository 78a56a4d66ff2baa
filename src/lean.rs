//! The browser package's lean path: a report handed over as numbers and
//! UTF-16 text in flat buffers, its findings handed back the same way.
//!
//! Crossing from JS into WebAssembly as JSON text cost more than validating
//! (a `JSON.stringify`, a parse, a result written as JSON and parsed again).
//! Here the package's JS reads a plain report object member by member (code
//! generated from the form table, so every key is a constant the engine
//! optimises) into a [`Wire`]: a tag and a number per slot, and the text of
//! every string. The validator reads the slots without building a report;
//! the result goes back as counts, flags and one UTF-16 text that JS decodes
//! once and slices.
//!
//! A page passes the same prior month, options and header with every call.
//! The JS notes what it last wrote of them, and when an object holds the
//! same again it does not write it: it marks the slot [`tag::KEPT`] with
//! the number it wrote them under, and the validator uses what it read
//! under that number, or answers [`Outcome::Retry`] when it keeps nothing
//! under it (then the JS writes everything). Without the marks (the native
//! tests, the fuzz target), what was kept is used while its slots are the
//! same.
//!
//! Anything unusual is not handled here: a value that is not a plain number,
//! string, boolean or null, a key the form does not have, a string that is
//! not well-formed UTF-16, an option that does not parse. The JS side sends
//! those through the JSON path instead ([`Outcome::Fallback`]), whose
//! findings and messages this path must equal; the package's tests compare
//! the two on every fixture and on generated reports.
//!
//! Nothing here depends on WebAssembly, so native tests can drive it.

use std::cell::RefCell;

use crate::engine::{Checker, Explanations, Input, PreparedPrior};
use crate::finding::Finding;
use crate::form::{DEFAULT_FORM, Form, form_by_id};
use crate::messages::{Out, Overrides, render_into};
use crate::options::{Mode, Options, parse_lang, parse_mode, parse_today};
use crate::report::{Raw, plain_decimal};
use crate::validate::{Checked, Explanation};

/// What a slot holds.
pub mod tag {
    /// Missing or `undefined`.
    pub const MISSING: u8 = 0;
    pub const NULL: u8 = 1;
    /// A safe integer, in the slot's number.
    pub const INT: u8 = 2;
    /// Any other finite number, as `String(n)` writes it, in the slot's text.
    pub const NUMBER: u8 = 3;
    pub const STRING: u8 = 4;
    pub const TRUE: u8 = 5;
    pub const FALSE: u8 = 6;
    /// Any other finite number, in the slot's number; read as the digits
    /// JS's `String(n)` writes (the shortest that round-trip), which are
    /// the digits Rust writes too.
    pub const FLOAT: u8 = 7;
    /// A number with at most 4 decimals, as its whole number of
    /// ten-thousandths in the slot's number (`23.4567` is 234567).
    pub const SCALED: u8 = 8;
    /// Only in the options' prior-month slot: the prior month is the one
    /// read under the number in the slot's number, and its slots were not
    /// written again. In the first option's slot: the options and the
    /// report's header are likewise (see [`Wire::validate`](super::Wire::validate)).
    pub const KEPT: u8 = 9;
}

/// The slots of one report: the form name, the three header fields, then
/// one per value of the form.
pub fn report_slots(form: &Form) -> usize {
    4 + form.fields.len()
}

/// Where things are in the input: the report, the prior month (same
/// layout), the options (`mode`, `today`, `lang`, and whether there is a
/// prior month), then the 说明 as (id, text) pairs.
#[derive(Clone, Copy, Debug)]
pub struct Layout {
    pub report: usize,
    pub prior: usize,
    pub options: usize,
    pub explanations: usize,
}

impl Layout {
    pub fn of(form: &Form) -> Layout {
        let n = report_slots(form);
        Layout {
            report: 0,
            prior: n,
            options: 2 * n,
            explanations: 2 * n + 4,
        }
    }
}

/// The buffers both sides write and read.
#[derive(Debug, Default)]
pub struct Wire {
    /// Input: a tag per slot.
    pub tags: Vec<u8>,
    /// Input: the number of an [`tag::INT`] slot.
    pub nums: Vec<f64>,
    /// Input: start and length (UTF-16 units) of a slot's text in `text`.
    pub spans: Vec<u32>,
    /// Input: all text, UTF-16.
    pub text: Vec<u16>,
    /// Output: see [`write_result`].
    pub out: Vec<u32>,
    /// Output: all text, UTF-16.
    pub out_text: Vec<u16>,
    /// The input text decoded to UTF-8, reused from call to call (bytes
    /// while it is written: a `String`'s pushes, each checked, cost more
    /// in WebAssembly than one check of the whole once written).
    decoded: Vec<u8>,
    /// Each slot's text in `decoded`, by byte range.
    ranges: Vec<(usize, usize)>,
    /// The prior month last read, the slots it was read from and the
    /// number the JS read it under: a page passes the same prior month
    /// with every call, and reading it again cost as much as the rules.
    prior: Option<(SlotCopy, PreparedPrior, u64)>,
    /// The options and the report's header last read, and the slots they
    /// were read from: a page passes the same options and header with
    /// every call, and decoding and reading them again (the unit looked up,
    /// the month and date parsed) was a tenth of a good report's work.
    head: Option<Head>,
}

/// What [`Wire::head`] keeps.
#[derive(Debug)]
struct Head {
    /// The number the JS wrote them under.
    id: u64,
    options_slots: SlotCopy,
    header_slots: SlotCopy,
    form: &'static Form,
    options: Options,
    header: crate::engine::Header,
}

/// A copy of a run of slots: what makes two readings of them the same.
#[derive(Debug, Default)]
struct SlotCopy {
    tags: Vec<u8>,
    nums: Vec<u64>,
    /// Each slot's text length in UTF-16 units (0 for a slot without
    /// text): without them, texts that moved from one slot into the next
    /// would read as the same.
    lens: Vec<usize>,
    /// Each text slot's UTF-16 units, one after another.
    text: Vec<u16>,
}

impl SlotCopy {
    /// Whether `slots` of `w` hold what this copy holds. A text slot whose
    /// span lies outside the text is never the same: reading it again is
    /// what refuses it.
    fn same(&self, w: &Wire, slots: std::ops::Range<usize>) -> bool {
        if w.tags[slots.clone()] != self.tags[..] {
            return false;
        }
        // The numbers first, in one pass over both lists (a widened fold
        // was 109 B more for 1 %), then the texts of the slots that have
        // one.
        let nums = &w.nums[slots.clone()];
        if nums.len() != self.nums.len()
            || nums.iter().zip(&self.nums).any(|(n, c)| n.to_bits() != *c)
        {
            return false;
        }
        let mut at = 0;
        for (k, s) in slots.enumerate() {
            if !matches!(self.tags[k], tag::NUMBER | tag::STRING) {
                continue;
            }
            let units = match w.slot_text(s) {
                Some(units) => units,
                None if matches!(w.tags[s], tag::NUMBER | tag::STRING) => return false,
                None => &[],
            };
            if units.len() != self.lens[k] || self.text.get(at..at + units.len()) != Some(units) {
                return false;
            }
            at += units.len();
        }
        at == self.text.len()
    }

    fn of(w: &Wire, slots: std::ops::Range<usize>) -> SlotCopy {
        let mut copy = SlotCopy {
            tags: w.tags[slots.clone()].to_vec(),
            nums: Vec::with_capacity(slots.len()),
            lens: Vec::with_capacity(slots.len()),
            text: Vec::new(),
        };
        for s in slots {
            copy.nums.push(w.nums[s].to_bits());
            let units = w.slot_text(s).unwrap_or_default();
            copy.lens.push(units.len());
            copy.text.extend_from_slice(units);
        }
        copy
    }
}

/// [`Wire::slot_text`], on the wire's parts (so that `decode` can write
/// into another part meanwhile).
fn span_text<'w>(tags: &[u8], spans: &[u32], text: &'w [u16], s: usize) -> Option<&'w [u16]> {
    if !matches!(tags.get(s), Some(&(tag::NUMBER | tag::STRING))) {
        return None;
    }
    let start = usize::try_from(*spans.get(2 * s)?).ok()?;
    let len = usize::try_from(*spans.get(2 * s + 1)?).ok()?;
    text.get(start..start.checked_add(len)?)
}

/// The result of a call on the lean path.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The result is in the output buffers.
    Done,
    /// The input needs the JSON path.
    Fallback,
    /// The prior month, or the options and header, were marked
    /// [`tag::KEPT`] under a number they are not kept under: the JS must
    /// write everything into the slots and call again.
    Retry,
}

/// 说明 given as (id, text) pairs.
struct Pairs<'a>(Vec<(&'a str, &'a str)>);

impl Explanations for Pairs<'_> {
    fn explanation(&self, id: &str) -> Option<&str> {
        self.0.iter().find(|(k, _)| *k == id).map(|(_, t)| *t)
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Each finding's part of the output, in u32s.
pub const FINDING_WORDS: usize = 8;
/// The output's head, in u32s.
pub const HEAD_WORDS: usize = 8;

impl Wire {
    /// The UTF-16 text of a string or number slot; `None` for other tags,
    /// and for a span outside the text (which `decode` refuses).
    fn slot_text(&self, s: usize) -> Option<&[u16]> {
        span_text(&self.tags, &self.spans, &self.text, s)
    }

    /// Room for `slots` slots and `text` UTF-16 units of input.
    pub fn reserve(&mut self, slots: usize, text: usize) {
        if self.tags.len() < slots {
            self.tags.resize(slots, 0);
            self.nums.resize(slots, 0.0);
            self.spans.resize(2 * slots, 0);
        }
        if self.text.len() < text {
            self.text.resize(text, 0);
        }
    }

    /// Write every text slot in `0..slots` outside the `skips` (in
    /// ascending order, not overlapping) into
    /// `decoded`, and note its byte range in `ranges`: strings decoded from
    /// UTF-16, numbers as plain decimals (a JSON number's text, or the
    /// digits JS writes for a number sent as a number). `None` where a
    /// string is not well-formed UTF-16 (a lone surrogate) or a number
    /// cannot be written as JS would, which the JSON path handles.
    fn decode(&mut self, slots: usize, skips: &[std::ops::Range<usize>]) -> Option<()> {
        self.decoded.clear();
        // A slot's range is read only for a slot decoded in this call (a
        // text tag outside the skips), so the others need no clearing.
        if self.ranges.len() < slots {
            self.ranges.resize(slots, (0, 0));
        }
        // The runs of slots between the skips: plain runs, not a test of
        // every slot (in WebAssembly that test cost more than decoding).
        let mut from = 0;
        for skip in skips {
            for s in from..skip.start.min(slots) {
                self.decode_slot(s)?;
            }
            from = from.max(skip.end);
        }
        for s in from..slots {
            self.decode_slot(s)?;
        }
        Some(())
    }

    /// [`Wire::decode`] of slot `s`, if it holds text. The test is inlined
    /// into the loop: most slots hold a whole number, and a call for each
    /// cost more in WebAssembly than the test.
    #[inline(always)]
    fn decode_slot(&mut self, s: usize) -> Option<()> {
        let tag = *self.tags.get(s)?;
        if matches!(tag, tag::NUMBER | tag::STRING | tag::FLOAT | tag::SCALED) {
            self.decode_text(s, tag)?;
        }
        Some(())
    }

    /// [`Wire::decode_slot`] of a slot that holds text.
    #[inline(never)]
    fn decode_text(&mut self, s: usize, tag: u8) -> Option<()> {
        let from = self.decoded.len();
        match tag {
            tag::FLOAT => self
                .decoded
                .extend_from_slice(float_text(self.nums[s])?.as_bytes()),
            tag::SCALED => scaled_text(self.nums[s], &mut self.decoded)?,
            _ => {
                let units = span_text(&self.tags, &self.spans, &self.text, s)?;
                if units.iter().all(|&u| u < 0x80) {
                    // ASCII (numbers, dates, options): a byte a unit,
                    // in one pass (a char at a time, each encoded and
                    // its room checked, cost more than the rest of
                    // reading the slots).
                    self.decoded
                        .extend(units.iter().map(|&u| u8::try_from(u).unwrap_or(b'?')));
                } else {
                    for c in char::decode_utf16(units.iter().copied()) {
                        let mut utf8 = [0; 4];
                        self.decoded
                            .extend_from_slice(c.ok()?.encode_utf8(&mut utf8).as_bytes());
                    }
                }
                if tag == tag::NUMBER {
                    let plain = plain_decimal(std::str::from_utf8(self.decoded.get(from..)?).ok()?);
                    self.decoded.truncate(from);
                    self.decoded.extend_from_slice(plain.as_bytes());
                }
            }
        }
        *self.ranges.get_mut(s)? = (from, self.decoded.len());
        Some(())
    }

    /// Validate what the input holds, with `explanations` pairs after the
    /// options, and write the result.
    pub fn validate(&mut self, explanations: usize) -> Outcome {
        let form = DEFAULT_FORM;
        let layout = Layout::of(form);
        let slots = layout.explanations + 2 * explanations;
        if self.tags.len() < slots {
            return Outcome::Fallback;
        }
        // The prior month's slots hold what the last call left there
        // unless this call has a prior month: only what is read is decoded.
        let prior_tag = self.tags[layout.options + 3];
        let with_prior = matches!(prior_tag, tag::TRUE | tag::KEPT);
        // The number the JS reads this prior month under (a whole number
        // below 2^53, so its bits name it).
        let prior_id = self.nums[layout.options + 3].to_bits();
        let prior_slots = layout.prior..layout.options;
        // The prior month read last time: when the JS says it is the one
        // read under that number (it compared the object with what it
        // wrote then, and did not write it again), or when its slots are
        // what they were. A call without a prior month leaves it kept: a
        // page may validate without one between two calls with it.
        let kept = match with_prior.then(|| self.prior.take()).flatten() {
            Some((copy, prepared, id)) if prior_tag == tag::KEPT && id == prior_id => {
                Some((copy, prepared))
            }
            Some((copy, prepared, _))
                if prior_tag == tag::TRUE && copy.same(self, prior_slots.clone()) =>
            {
                Some((copy, prepared))
            }
            _ => None,
        };
        if prior_tag == tag::KEPT && kept.is_none() {
            return Outcome::Retry;
        }
        let read_prior = with_prior && kept.is_none();
        // The options and the header read last time, likewise.
        let option_slots = layout.options..layout.options + 3;
        let header_slots = layout.report + 1..layout.report + 4;
        let head_tag = self.tags[layout.options];
        let head_id = self.nums[layout.options].to_bits();
        let head = self.head.take().filter(|h| {
            if head_tag == tag::KEPT {
                h.id == head_id
            } else {
                h.options_slots.same(self, option_slots.clone())
                    && h.header_slots.same(self, header_slots.clone())
            }
        });
        if head_tag == tag::KEPT && head.is_none() {
            return Outcome::Retry;
        }
        // Only what is read is decoded.
        let skip = |kept: bool, run: &std::ops::Range<usize>| {
            if kept { run.clone() } else { 0..0 }
        };
        let skips = [
            skip(head.is_some(), &header_slots),
            skip(!read_prior, &prior_slots),
            skip(head.is_some(), &option_slots),
        ];
        if self.decode(slots, &skips).is_none() {
            return Outcome::Fallback;
        }
        // Well-formed by construction (each slot's text whole UTF-8), so
        // checked once here, not as each slot is written.
        let Ok(decoded) = std::str::from_utf8(&self.decoded) else {
            return Outcome::Fallback;
        };
        let ranges = &self.ranges;
        let text = |s: usize| &decoded[ranges[s].0..ranges[s].1];
        let (tags, nums) = (&self.tags, &self.nums);
        let raw = |s: usize| raw_at(tags, nums, decoded, ranges, s);
        // A report's values, and its header unless `kept_header` (those
        // slots were not decoded: the header read from them is kept).
        let input = |base: usize, kept_header: bool| -> Option<Input<'_>> {
            let form_name = match self.tags[base] {
                tag::MISSING | tag::NULL => None,
                tag::STRING => Some(text(base)),
                _ => return None,
            };
            // A whole number, the common value, is taken in the loop; the
            // rest by `raw_at`.
            let first = base + 4;
            let n = form.fields.len();
            let whole = self.tags.get(first..first + n)?.iter();
            let whole = whole.zip(self.nums.get(first..first + n)?);
            let mut values = Vec::with_capacity(n);
            for (i, (&t, &x)) in whole.enumerate() {
                values.push(match t {
                    tag::INT => Raw::Int(safe_integer(x)?),
                    _ => raw(first + i)?,
                });
            }
            Some(Input {
                form_name,
                header: if kept_header {
                    [Raw::Blank; 3]
                } else {
                    [raw(base + 1)?, raw(base + 2)?, raw(base + 3)?]
                },
                values,
                unknown: Vec::new(),
            })
        };
        let option = |s: usize| match self.tags[layout.options + s] {
            tag::MISSING | tag::NULL => Some(None),
            tag::STRING => Some(Some(text(layout.options + s))),
            _ => None,
        };
        let options = head.as_ref().map(|h| h.options).or_else(|| {
            let mut o = Options::TYPING;
            if let Some(t) = option(0)? {
                o.mode = parse_mode(t).ok()?;
            }
            if let Some(t) = option(1)? {
                o.today = Some(parse_today(t).ok()?);
            }
            if let Some(t) = option(2)? {
                o.lang = parse_lang(t).ok()?;
            }
            Some(o)
        });
        let Some(options) = options else {
            return Outcome::Fallback;
        };
        let Some(report) = input(layout.report, head.is_some()) else {
            return Outcome::Fallback;
        };
        // Only the default form exists; a report naming another is checked
        // against it, with its finding (H201).
        let form = report
            .form_name
            .map(str::trim)
            .and_then(form_by_id)
            .unwrap_or(form);
        let (prior, kept) = match kept {
            Some((copy, prepared)) if std::ptr::eq(prepared.form, form) => {
                (Some(prepared), Some(copy))
            }
            // Kept for another form (a report naming another form): read
            // it again, for this one (from its slots, which a kept one's
            // were not written to).
            Some(_) if prior_tag == tag::KEPT => return Outcome::Retry,
            Some(_) => return self.validate(explanations),
            None if with_prior => match input(layout.prior, false) {
                Some(p) => (Some(PreparedPrior::read(form, &p)), None),
                None => return Outcome::Fallback,
            },
            None => (None, None),
        };
        let pairs = (0..explanations)
            .map(|k| {
                let s = layout.explanations + 2 * k;
                (self.tags[s] == tag::STRING && self.tags[s + 1] == tag::STRING)
                    .then(|| (text(s), text(s + 1)))
            })
            .collect::<Option<Vec<_>>>();
        let Some(pairs) = pairs else {
            return Outcome::Fallback;
        };
        let copy = match (kept, &prior) {
            (Some(copy), Some(_)) => Some(copy),
            (None, Some(_)) => Some(SlotCopy::of(self, prior_slots)),
            _ => None,
        };
        // The header kept for another form (a report naming another form):
        // read it again, for this one.
        let (header, head_slots) = match head {
            Some(h) if std::ptr::eq(h.form, form) => {
                (Some(h.header), Some((h.options_slots, h.header_slots)))
            }
            Some(_) if head_tag == tag::KEPT => return Outcome::Retry,
            Some(_) => return self.validate(explanations),
            None => (None, None),
        };
        let mut checker = Checker::new(form, options, prior);
        checker.run_all_with(&report, &Pairs(pairs), header);
        let findings = checker.sorted();
        let (counts, submittable) = (checker.counts(), checker.submittable());
        let today_bytes = iso_date_bytes(checker.today());
        let today_text;
        let today = match &today_bytes {
            // ASCII digits and dashes: always UTF-8.
            Some(b) => std::str::from_utf8(b).unwrap_or_default(),
            None => {
                today_text = iso_date(checker.today());
                &today_text
            }
        };
        let mut out = std::mem::take(&mut self.out);
        let mut out_text = std::mem::take(&mut self.out_text);
        write_result(
            &mut out,
            &mut out_text,
            form,
            options,
            today,
            [counts.errors, counts.warnings, counts.unexplained_warnings],
            submittable,
            &findings,
            None,
        );
        self.out = out;
        self.out_text = out_text;
        let (options_slots, header_slots) = head_slots.unwrap_or_else(|| {
            (
                SlotCopy::of(self, option_slots),
                SlotCopy::of(self, header_slots),
            )
        });
        self.head = Some(Head {
            id: head_id,
            options_slots,
            header_slots,
            form,
            options,
            header: checker.take_header(),
        });
        if with_prior {
            self.prior = match (copy, checker.into_prior()) {
                (Some(copy), Some(prior)) => Some((copy, prior, prior_id)),
                _ => None,
            };
        }
        Outcome::Done
    }
}

/// A check put into the wire's slots the way the package's JS puts plain
/// objects (`leanRead` in `js/lean.js`): whole numbers as numbers, amounts
/// of up to 4 decimals as whole ten-thousandths, other numbers as their
/// text, strings as UTF-16. Returns the number of 说明 pairs to validate
/// with, or `None` for a report the JS sends the JSON way (a value that is
/// an array or an object, a key the form does not have). For the `lean`
/// fuzz target and the native benchmark (`examples/native_bench.rs`).
#[cfg(not(target_arch = "wasm32"))]
#[doc(hidden)]
pub fn put_check(
    wire: &mut Wire,
    report: &crate::Report,
    prior: Option<&crate::Report>,
    options: &Options,
) -> Option<usize> {
    use crate::report::RawValue;
    let layout = Layout::of(DEFAULT_FORM);
    let pairs: Vec<(&String, &String)> = report.explanations.iter().collect();
    wire.reserve(layout.explanations + 2 * pairs.len(), 0);
    let mut text: Vec<u16> = Vec::new();
    let mut put_text = |wire: &mut Wire, slot: usize, s: &str, tag: u8| {
        let start = text.len();
        text.extend(s.encode_utf16());
        wire.tags[slot] = tag;
        wire.spans[2 * slot] = u32::try_from(start).expect("short");
        wire.spans[2 * slot + 1] = u32::try_from(text.len() - start).expect("short");
    };
    for (base, r) in [(layout.report, Some(report)), (layout.prior, prior)] {
        let Some(r) = r else { continue };
        if r.values.keys().any(|k| DEFAULT_FORM.index_of(k).is_none())
            || r.values.values().any(|v| matches!(v, RawValue::Other(_)))
        {
            return None;
        }
        match &r.form {
            Some(f) => put_text(wire, base, f, tag::STRING),
            None => wire.tags[base] = tag::MISSING,
        }
        let header = [&r.unit, &r.period, &r.date];
        let values = DEFAULT_FORM
            .fields
            .iter()
            .map(|f| r.values.get(f.key).unwrap_or(&RawValue::Blank));
        for (slot, raw) in (base + 1..).zip(header.into_iter().chain(values)) {
            match raw {
                RawValue::Blank => wire.tags[slot] = tag::NULL,
                RawValue::Bool(b) => wire.tags[slot] = if *b { tag::TRUE } else { tag::FALSE },
                RawValue::Text(t) => put_text(wire, slot, t, tag::STRING),
                RawValue::Other(_) => unreachable!("refused above"),
                RawValue::Number(n) => match number_slot(n) {
                    Some((t, x)) => {
                        wire.tags[slot] = t;
                        wire.nums[slot] = x;
                    }
                    None => put_text(wire, slot, n, tag::NUMBER),
                },
            }
        }
    }
    let o = layout.options;
    let mode = if options.mode == Mode::Submit {
        "submit"
    } else {
        "draft"
    };
    let lang = if options.lang == crate::Lang::En {
        "en"
    } else {
        "zh"
    };
    put_text(wire, o, mode, tag::STRING);
    match options.today {
        Some(d) => put_text(wire, o + 1, &d.to_string(), tag::STRING),
        None => wire.tags[o + 1] = tag::MISSING,
    }
    put_text(wire, o + 2, lang, tag::STRING);
    wire.tags[o + 3] = if prior.is_some() {
        tag::TRUE
    } else {
        tag::MISSING
    };
    for (k, (id, t)) in pairs.iter().enumerate() {
        put_text(wire, layout.explanations + 2 * k, id, tag::STRING);
        put_text(wire, layout.explanations + 2 * k + 1, t, tag::STRING);
    }
    wire.text = text;
    Some(pairs.len())
}

/// How the package's JS sends a JSON number it holds exactly: a whole
/// number within ±(2^53 − 1) as itself, an amount of up to 4 decimals below
/// 9e11 as whole ten-thousandths; `None` for the rest (sent as text).
#[cfg(not(target_arch = "wasm32"))]
fn number_slot(n: &str) -> Option<(u8, f64)> {
    let (negative, body) = match n.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, n),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    if int.is_empty()
        || int.len() > 15
        || frac.len() > 4
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = int.parse().ok()?;
    let sign = if negative { -1 } else { 1 };
    if frac.is_empty() {
        // Within ±10^15, so exact as a double (as the JS side holds it).
        return Some((tag::INT, (sign * whole) as f64));
    }
    if whole >= 900_000_000_000 {
        return None;
    }
    let scaled = format!("{frac:0<4}").parse::<i64>().ok()?;
    // Below 9e15 in magnitude: exact as a double.
    let k = sign * (whole * 10_000 + scaled);
    Some((tag::SCALED, k as f64))
}

/// `YYYY-MM-DD`, as chrono writes a date of years 0 to 9999, without the
/// formatting machinery (this runs on every validation).
pub fn iso_date(d: chrono::NaiveDate) -> String {
    match iso_date_bytes(d) {
        // ASCII digits and dashes: always UTF-8.
        Some(b) => std::str::from_utf8(&b).unwrap_or_default().to_owned(),
        None => d.to_string(),
    }
}

/// [`iso_date`]'s ASCII, where the year is 0 to 9999 (`None` elsewhere,
/// which chrono writes with a sign or more digits).
#[inline(never)]
fn iso_date_bytes(d: chrono::NaiveDate) -> Option<[u8; 10]> {
    use chrono::Datelike;
    let (y, m, day) = (u32::try_from(d.year()).ok()?, d.month(), d.day());
    if y > 9999 {
        return None;
    }
    let digit = |n: u32| b'0' + u8::try_from(n % 10).unwrap_or(0);
    Some([
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(day / 10),
        digit(day),
    ])
}

/// A finite number's text as JS's `String(n)` writes it, where Rust is
/// sure to write the same digits: both write the shortest digits that read
/// back as `n`, and with at most 15 significant digits there is only one
/// such (doubles hold 15 decimal digits exactly). With 16 or 17 the two can
/// round the last digit differently, and `None` sends the report the JSON
/// way. The JS side sends only numbers that JS writes without an exponent.
fn float_text(n: f64) -> Option<String> {
    if !n.is_finite() {
        return None;
    }
    // zmij's shortest digits (with an exponent where it chooses one, which
    // plain_decimal below moves): the digits `Display` writes, since with
    // at most 15 of them there is one shortest form, and without core's
    // float formatting (13 KB of the browser package).
    let text = plain_decimal(zmij::Buffer::new().format_finite(n));
    if text.contains('e') {
        // Beyond what plain_decimal moves; JS sends no such number here.
        return None;
    }
    (significant_digits(&text) <= 15).then_some(text)
}

/// How many significant digits a plain decimal's text has.
fn significant_digits(text: &str) -> usize {
    text.trim_start_matches('-')
        .replace('.', "")
        .trim_start_matches('0')
        .trim_end_matches('0')
        .len()
}

/// Write `k` ten-thousandths as plain decimal text: 234567 is `23.4567`,
/// -35000 is `-3.5`. `None` unless `k` is whole and below 9e15 in
/// magnitude: the JS side sends amounts below 9e11 this way, where no two
/// decimals of up to 4 places are the same double.
fn scaled_text(k: f64, out: &mut Vec<u8>) -> Option<()> {
    let k = safe_integer(k)?;
    if k.unsigned_abs() >= 9_000_000_000_000_000 {
        return None;
    }
    let (whole, mut frac) = (k.unsigned_abs() / 10_000, k.unsigned_abs() % 10_000);
    if k < 0 {
        out.push(b'-');
    }
    out.extend_from_slice(itoa::Buffer::new().format(whole).as_bytes());
    if frac != 0 {
        out.push(b'.');
        let mut place = 1000;
        while frac != 0 {
            out.push(b'0' + u8::try_from(frac / place).unwrap_or(0));
            frac %= place;
            place /= 10;
        }
    }
    Some(())
}

/// Slot `s` as [`Wire::validate`] reads it, from its tag, number and
/// decoded text. Inlined: returned through memory, the value was written by
/// parts and read back whole at once, which the processor cannot forward
/// from its store buffer, and the loop that reads a report waited on it.
#[inline(always)]
fn raw_at<'d>(
    tags: &[u8],
    nums: &[f64],
    decoded: &'d str,
    ranges: &[(usize, usize)],
    s: usize,
) -> Option<Raw<'d>> {
    let text = || decoded.get(ranges.get(s)?.0..ranges.get(s)?.1);
    Some(match *tags.get(s)? {
        tag::MISSING | tag::NULL => Raw::Blank,
        tag::INT => Raw::Int(safe_integer(*nums.get(s)?)?),
        tag::NUMBER | tag::FLOAT | tag::SCALED => Raw::Number(text()?),
        tag::STRING => Raw::Text(text()?),
        tag::TRUE => Raw::Bool(true),
        tag::FALSE => Raw::Bool(false),
        _ => return None,
    })
}

/// A JS safe integer as `i64`; `None` for anything else.
fn safe_integer(n: f64) -> Option<i64> {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    if !(-MAX_SAFE..=MAX_SAFE).contains(&n) {
        return None;
    }
    // Within ±2^53 (NaN is not): the conversion truncates, and gives `n`
    // back exactly when `n` was whole. (`fract` would call out to libm on
    // some targets; this is two instructions.)
    let whole = n as i64;
    (whole as f64 == n).then_some(whole)
}

fn len_u32(n: usize) -> u32 {
    // Texts are capped far below 4 GiB: inputs by the caller's memory, and
    // messages by their quotes.
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Append `s` as UTF-16; its length in units.
///
/// The text goes back as UTF-16 because JS strings are: Node's UTF-8
/// `TextDecoder` took 8 µs for a result's 2 KB of Chinese, its UTF-16 one
/// under 1 µs. Transcoded here a char at a time from the UTF-8 bytes,
/// into room reserved once (`extend` over `encode_utf16` cost more than
/// rendering the messages).
fn put_text(out: &mut Vec<u16>, s: &str) -> u32 {
    let before = out.len();
    let b = s.as_bytes();
    // Ids, keys and figures are ASCII: a unit a byte, in one pass the
    // compiler can widen (a push a byte cost more than the rest).
    if s.is_ascii() {
        out.extend(b.iter().map(|&x| u16::from(x)));
        return len_u32(out.len() - before);
    }
    out.reserve(s.len());
    // `s` is well-formed UTF-8, so a lead byte's continuation bytes are
    // there; `cont` reads one as its six bits.
    let cont = |i: usize| u16::from(b.get(i).copied().unwrap_or(0x80) & 0x3F);
    let mut i = 0;
    while let Some(&x) = b.get(i) {
        match x {
            0..0x80 => {
                out.push(u16::from(x));
                i += 1;
            }
            0x80..0xE0 => {
                out.push(u16::from(x & 0x1F) << 6 | cont(i + 1));
                i += 2;
            }
            0xE0..0xF0 => {
                out.push(u16::from(x & 0x0F) << 12 | cont(i + 1) << 6 | cont(i + 2));
                i += 3;
            }
            _ => {
                // Beyond the BMP: a surrogate pair, the rare case.
                let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
                out.extend_from_slice(c.encode_utf16(&mut [0; 2]));
                i += c.len_utf8();
            }
        }
    }
    len_u32(out.len() - before)
}

/// A message written straight into the result text as UTF-16. The text the
/// program holds (a template's words, a field's label) is transcoded once
/// and its units kept, by address: those are the same in every message,
/// and transcoding them again was a fifth of a bad report's time.
struct Utf16<'o>(&'o mut Vec<u16>);

/// How many texts [`HELD`] keeps: several times the templates' pieces,
/// labels and fields' names there are, so that few share a slot.
const HELD_SLOTS: usize = 1024;

/// What a kept text was written from: a held text's address and length;
/// or a field's printed name's parts (its label's and unit's address and
/// length, and its section, item, kind and language, packed in the last
/// word with its top bit set, which no held text's key has).
type HeldKey = [usize; 5];

/// A kept text's key and its UTF-16.
type Held = Option<(HeldKey, Box<[u16]>)>;

thread_local! {
    /// The UTF-16 of kept texts, by what they were written from, in slots
    /// chosen by address: a text that finds its slot taken replaces it.
    static HELD: RefCell<Vec<Held>> = RefCell::new(vec![None; HELD_SLOTS]);
}

impl Utf16<'_> {
    /// The text `key` names, from [`HELD`] or written by `write` (then
    /// kept). While the table is in use (a field's name writing its
    /// pieces), `write` writes without keeping.
    fn kept(&mut self, key: HeldKey, write: &mut dyn FnMut(&mut Utf16<'_>)) {
        HELD.with(|held| {
            let Ok(mut held) = held.try_borrow_mut() else {
                return write(self);
            };
            // Fibonacci hashing of the address (the pieces of one template
            // lie a few bytes apart), its top bits taken, which every bit of
            // the address moves. A field's name mixes in its parts, so that
            // it does not take its label's slot. Each text has two slots to
            // be in: with one, two texts that shared it pushed each other
            // out on every call, and which texts did so changed with where
            // the linker put them (a change elsewhere once made a bad
            // report 4 % slower natively that way).
            let mixed = u64::try_from(key[0] ^ key[1] ^ key[2] ^ key[4]).unwrap_or_default();
            let h = mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let slot = |shift: u32| usize::try_from(h >> shift).unwrap_or_default() % HELD_SLOTS;
            let (first, second) = (slot(54), slot(44));
            for i in [first, second] {
                if let Some(Some((k, units))) = held.get(i)
                    && *k == key
                {
                    self.0.extend_from_slice(units);
                    return;
                }
            }
            // Into a free one of the two, else in place of the first.
            let to = if matches!(held.get(first), Some(Some(_)))
                && matches!(held.get(second), Some(None))
            {
                second
            } else {
                first
            };
            let from = self.0.len();
            write(self);
            if let Some(slot) = held.get_mut(to) {
                let units: Box<[u16]> = self.0.get(from..).unwrap_or_default().into();
                *slot = Some((key, units));
            }
        });
    }
}

impl Out for Utf16<'_> {
    fn held(&mut self, s: &'static str) {
        // A piece this short costs less to transcode than to look up.
        if s.len() <= 3 {
            put_text(self.0, s);
            return;
        }
        let key = [s.as_ptr().addr(), s.len(), 0, 0, 0];
        self.kept(key, &mut |out| {
            put_text(out.0, s);
        });
    }

    fn text(&mut self, s: &str) {
        put_text(self.0, s);
    }

    fn field(&mut self, f: &crate::form::Field, label: &'static str, lang: crate::Lang) {
        let parts = usize::from(f.section)
            | usize::from(f.item) << 8
            | usize::from(f.kind == crate::form::Kind::YesNo) << 16
            | usize::from(lang == crate::Lang::En) << 17
            | 1 << (usize::BITS - 1);
        let key = [
            label.as_ptr().addr(),
            label.len(),
            f.unit.as_ptr().addr(),
            f.unit.len(),
            parts,
        ];
        self.kept(key, &mut |out| {
            crate::messages::write_field_parts(out, f, label, lang);
        });
    }
}

/// How many rendered messages [`RENDERED`] keeps before it starts afresh:
/// several times the findings of the worst report.
const RENDERED_MAX: usize = 64;

/// A message as rendered: its finding, its language and its UTF-16.
type Rendered = (Finding, crate::Lang, Box<[u16]>);

thread_local! {
    /// Messages as rendered, by finding and language: a page validates the
    /// same report again and again as it is typed, and most of its findings
    /// stay; rendering a message again was a fifth of a good report's
    /// validation with its one finding. A message is a function of its
    /// finding, the form and the language alone (the templates and labels
    /// never change once loaded), so a kept one is the one rendering would
    /// write; a portal's own wording (`messages`) is never kept.
    static RENDERED: RefCell<Vec<Rendered>> = const { RefCell::new(Vec::new()) };
}

/// [`render_into`] into `out`, or the same message as rendered before.
fn render_kept(
    out: &mut Vec<u16>,
    f: &Finding,
    form: &'static Form,
    lang: crate::Lang,
    overrides: Option<&Overrides>,
) {
    if overrides.is_some() || !std::ptr::eq(form, DEFAULT_FORM) {
        return render_into(&mut Utf16(out), f, form, lang, overrides);
    }
    RENDERED.with(|kept| {
        let Ok(mut kept) = kept.try_borrow_mut() else {
            return render_into(&mut Utf16(out), f, form, lang, None);
        };
        // The rule first: most entries differ there, and it is one load.
        let rule = f.rule();
        if let Some((_, _, units)) = kept
            .iter()
            .find(|(g, l, _)| g.rule() == rule && *l == lang && g == f)
        {
            out.extend_from_slice(units);
            return;
        }
        let from = out.len();
        render_into(&mut Utf16(out), f, form, lang, None);
        if kept.len() >= RENDERED_MAX {
            kept.clear();
        }
        kept.push((f.clone(), lang, out.get(from..).unwrap_or_default().into()));
    });
}

/// The result, laid out for the package's JS:
///
/// - head: flags (bit 0 submittable, bit 1 submit mode), errors, warnings,
///   unexplained warnings, the number of findings, and the lengths of the
///   two texts that open `out_text`: today's date and the form id;
/// - per finding: its rule's place in [`Rule::ALL`](crate::Rule::ALL), its fields as two
///   32-bit halves of a mask over printed positions (0: the finding's one
///   field is the key after the code in its id), flags (bit 0 explained,
///   bit 1 has an explanation, bit 2 the explanation is accepted, bit 3 it
///   has a reason), and the lengths of its id, message, explanation text
///   and reason, which follow one another in `out_text`.
#[allow(clippy::too_many_arguments)]
pub fn write_result(
    out: &mut Vec<u32>,
    out_text: &mut Vec<u16>,
    form: &'static Form,
    options: Options,
    today: &str,
    counts: [usize; 3],
    submittable: bool,
    findings: &[&Checked],
    overrides: Option<&Overrides>,
) {
    out.clear();
    out_text.clear();
    let today_len = put_text(out_text, today);
    let form_len = put_text(out_text, form.id);
    out.extend([
        u32::from(submittable) | (u32::from(options.mode == Mode::Submit) << 1),
        len_u32(counts[0]),
        len_u32(counts[1]),
        len_u32(counts[2]),
        len_u32(findings.len()),
        today_len,
        form_len,
        0,
    ]);
    write_findings(
        out,
        out_text,
        form,
        options.lang,
        overrides,
        findings.iter().copied(),
    );
    debug_assert_eq!(out.len(), HEAD_WORDS + FINDING_WORDS * findings.len());
}

/// Each finding's part of the output (see [`write_result`]), messages in
/// `lang`.
fn write_findings<'c>(
    out: &mut Vec<u32>,
    out_text: &mut Vec<u16>,
    form: &'static Form,
    lang: crate::Lang,
    overrides: Option<&Overrides>,
    findings: impl Iterator<Item = &'c Checked>,
) {
    for c in findings {
        let f = &c.finding;
        let rule = f.rule();
        let index = rule.index();
        let mask = f.field_mask(form);
        let (text, reason) = match &c.explanation {
            Explanation::NotApplicable | Explanation::Missing => (None, None),
            Explanation::Accepted(t) => (Some(t.as_str()), None),
            Explanation::Rejected(t, r) => (Some(t.as_str()), Some(r.render(lang))),
        };
        let flags = u32::from(c.explanation.is_accepted())
            | (u32::from(text.is_some()) << 1)
            | (u32::from(c.explanation.is_accepted()) << 2)
            | (u32::from(reason.is_some()) << 3);
        // The id, `CODE:subject`, written in place.
        let id_len = put_text(out_text, rule.code())
            + put_text(out_text, ":")
            + put_text(out_text, f.subject());
        let before = out_text.len();
        render_kept(out_text, f, form, lang, overrides);
        let message_len = len_u32(out_text.len() - before);
        let text_len = text.map_or(0, |t| put_text(out_text, t));
        let reason_len = reason.map_or(0, |r| put_text(out_text, &r));
        out.extend([
            len_u32(index),
            u32::try_from(mask & 0xFFFF_FFFF).unwrap_or(0),
            u32::try_from(mask >> 32).unwrap_or(0),
            flags,
            id_len,
            message_len,
            text_len,
            reason_len,
        ]);
    }
}

/// A typing session's changes, laid out for the package's JS: a head of
/// flags (bit 0 submittable), errors, warnings, unexplained warnings and the
/// sizes of the three lists, then the findings added, removed (in the
/// language they were shown in) and touched (the current findings that name
/// a field of the other two), each as in [`write_result`].
pub fn write_changes(
    out: &mut Vec<u32>,
    out_text: &mut Vec<u16>,
    form: &'static Form,
    lang: crate::Lang,
    status: crate::session::Status,
    changed: &crate::session::ChangedFindings,
    overrides: Option<&Overrides>,
) {
    out.clear();
    out_text.clear();
    let c = status.counts;
    out.extend([
        u32::from(status.submittable),
        len_u32(c.errors),
        len_u32(c.warnings),
        len_u32(c.unexplained_warnings),
        len_u32(changed.added.len()),
        len_u32(changed.removed.len()),
        len_u32(changed.touched.len()),
        0,
    ]);
    write_findings(out, out_text, form, lang, overrides, changed.added.iter());
    write_findings(
        out,
        out_text,
        form,
        changed.removed_lang,
        overrides,
        changed.removed.iter(),
    );
    write_findings(out, out_text, form, lang, overrides, changed.touched.iter());
}

/// A [`Status`](crate::session::Status) in one number: bit 0 changed, bit 1
/// submittable, then errors, warnings and unexplained warnings in 10 bits
/// each (a report has at most a few hundred findings; a count beyond 1,023
/// reads as 1,023).
/// What `ReportForm.__setTyped` answers when it did not take a keystroke
/// (js/lean.js has the same constant; a test holds them equal). No status
/// packs to it: a report with 1,023 errors or more is never submittable.
pub const NOT_TYPED: u32 = u32::MAX;

pub fn pack(status: crate::session::Status) -> u32 {
    let ten = |n: usize| u32::try_from(n.min(1023)).unwrap_or(1023);
    u32::from(status.changed)
        | (u32::from(status.submittable) << 1)
        | (ten(status.counts.errors) << 2)
        | (ten(status.counts.warnings) << 12)
        | (ten(status.counts.unexplained_warnings) << 22)
}

/// The lines of `js/lean.js` that read a report's values: one constant
/// member access per field of `form`, in the table's order.
pub fn js_reader(form: &Form) -> String {
    // A whole number, the common value, is written in place; `val` takes
    // the rest (a call per value cost a tenth of a validation). Each value
    // read is noted in `s`, so that the next call can tell a prior month
    // it has already written (`sameValues`).
    let mut js = String::from(
        "function readValues(v, b, s) {\n  let n = 0, x;\n  const t = tb + b, d = nb + b;\n",
    );
    for (i, f) in form.fields.iter().enumerate() {
        js.push_str(&format!(
            "  s[{i}] = x = v.{key};\n  if (typeof x === 'number' && Number.isSafeInteger(x)) {{ n++; U8[t + {i}] = INT; F64[d + {i}] = x; }}\n  else {{ if (x !== undefined) n++; if (!val(b + {i}, x)) return -1; }}\n",
            key = f.key
        ));
    }
    js.push_str("  return n === keyCount(v) ? n : -1;\n}\n");
    // Whether `v` holds the values `s` noted, and no other key. Two equal
    // primitives are written the same way, so the slots they were
    // written to hold what `v` would write.
    js.push_str("function sameValues(v, s) {\n  let n = 0, x;\n");
    for (i, f) in form.fields.iter().enumerate() {
        js.push_str(&format!(
            "  x = v.{key};\n  if (x !== s[{i}]) return false;\n  if (x !== undefined) n++;\n",
            key = f.key
        ));
    }
    js.push_str("  return n === keyCount(v);\n}\n");
    js
}

/// The form's keys in printed order (header first), as the JS side names a
/// finding's fields from its mask.
pub fn keys(form: &Form) -> String {
    form.header
        .iter()
        .map(|h| h.key)
        .chain(form.fields.iter().map(|f| f.key))
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `float_text` was before it used zmij: `Display`'s digits.
    fn by_display(n: f64) -> Option<String> {
        if !n.is_finite() {
            return None;
        }
        let text = n.to_string();
        (significant_digits(&text) <= 15).then(|| plain_decimal(&text))
    }

    /// Messages written straight as UTF-16, their held pieces and fields'
    /// names kept or not (a first and a second time, and with every slot
    /// taken by another text), are the messages `render_with` writes, in
    /// both languages.
    #[test]
    fn messages_in_utf16_are_the_rendered_messages() {
        use crate::{Lang, Mode, Options, Report};
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
        let read = |p: &str| {
            Report::from_json(&std::fs::read_to_string(format!("{dir}/{p}")).unwrap()).unwrap()
        };
        let june = read("series/chengqiao-2023-06.json");
        let mut seen = 0;
        for entry in std::fs::read_dir(format!("{dir}/broken")).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let report = read(&format!("broken/{name}"));
            for lang in [Lang::Zh, Lang::En] {
                let options = Options {
                    mode: Mode::Submit,
                    today: chrono::NaiveDate::from_ymd_opt(2024, 1, 10),
                    lang,
                };
                let v = crate::validate(&report, Some(&june), &options);
                for round in 0..3 {
                    if round == 2 {
                        // Every slot holds another text.
                        HELD.with(|h| {
                            for slot in h.borrow_mut().iter_mut() {
                                *slot = Some(([1, 1, 0, 0, 0], Box::new([0x41])));
                            }
                        });
                    }
                    for c in &v.findings {
                        let f = &c.finding;
                        let want: Vec<u16> = crate::messages::render_with(f, v.form, lang, None)
                            .encode_utf16()
                            .collect();
                        let mut out = vec![7];
                        render_into(&mut Utf16(&mut out), f, v.form, lang, None);
                        assert_eq!(out[1..], want[..], "{name} {lang:?} {f:?}");
                        // Kept, or rendered and kept (the first round), in
                        // both languages one after the other, past the
                        // number kept (then it starts afresh).
                        let mut out = vec![7];
                        render_kept(&mut out, f, v.form, lang, None);
                        assert_eq!(out[1..], want[..], "kept: {name} {lang:?} {f:?}");
                        seen += 1;
                    }
                }
            }
        }
        assert!(seen > 100, "{seen}");
    }

    #[test]
    fn put_text_writes_what_encode_utf16_writes() {
        let pieces = [
            "",
            "a",
            "\u{7F}",
            "\u{80}",
            "é",
            "\u{7FF}",
            "\u{800}",
            "城",
            "（个）",
            "\u{FFFF}",
            "\u{10000}",
            "😀",
            "\u{10FFFF}",
            "12",
        ];
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut out = Vec::new();
        for _ in 0..20_000 {
            let mut s = String::new();
            for _ in 0..(x % 24) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push_str(pieces[(x % pieces.len() as u64) as usize]);
            }
            out.clear();
            out.push(7);
            let n = put_text(&mut out, &s);
            let want: Vec<u16> = s.encode_utf16().collect();
            assert_eq!(out[1..], want[..], "{s:?}");
            assert_eq!(n as usize, want.len(), "{s:?}");
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }
    }

    /// `k` ten-thousandths are the digits of `k / 10^4` written exactly,
    /// down to the limits of the range sent this way.
    #[test]
    fn scaled_text_writes_exact_decimals() {
        let mut ks: Vec<i64> = vec![
            0, 1, -1, 9, 10, 99, 100, 1_000, 9_999, 10_000, 10_001, 35_000, -35_000, 234_567,
        ];
        ks.extend([
            8_999_999_999_999_999,
            -8_999_999_999_999_999,
            1 << 53,
            -(1 << 53),
        ]);
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            ks.push((x % 20_000_000_000) as i64 - 10_000_000_000);
        }
        for k in ks {
            let mut ours = Vec::new();
            let written = scaled_text(k as f64, &mut ours);
            let ours = String::from_utf8(ours).unwrap();
            let (whole, frac) = (k.unsigned_abs() / 10_000, k.unsigned_abs() % 10_000);
            let sign = if k < 0 { "-" } else { "" };
            let want = format!("{sign}{whole}.{frac:04}");
            let want = want.trim_end_matches('0').trim_end_matches('.');
            if (k as f64).abs() < 9e15 && k as f64 as i64 == k {
                assert_eq!(written, Some(()), "{k}");
                assert_eq!(ours, want, "{k}");
            } else {
                assert_eq!(written, None, "{k}");
                assert_eq!(ours, "", "{k}");
            }
        }
        assert_eq!(scaled_text(0.5, &mut Vec::new()), None, "not whole");
        assert_eq!(scaled_text(f64::NAN, &mut Vec::new()), None);
    }

    #[test]
    fn zmij_digits_are_displays_digits() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut doubles = vec![
            0.0,
            -0.0,
            1.0,
            0.1,
            8.3,
            1e15,
            1e16,
            1e21,
            1e-7,
            5e-324,
            f64::MAX,
            f64::MIN_POSITIVE,
            123_456_789_012_345.0,
            0.000_001,
            1.5e300,
            -2.5e-300,
        ];
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Any bit pattern, and short decimals as a page sends them.
            doubles.push(f64::from_bits(x));
            doubles.push((x % 100_000_000) as f64 / 10f64.powi((x % 9) as i32));
        }
        // The numbers the JS half sends as doubles: those JS writes
        // without an exponent.
        let sent = |n: f64| n == 0.0 || (1e-7..1e21).contains(&n.abs());
        let mut compared = 0;
        for n in doubles {
            if sent(n) {
                assert_eq!(float_text(n), by_display(n), "{n:e}");
                compared += 1;
            } else if n.is_finite() {
                // Anything else takes the JSON way, or reads the same.
                let ours = float_text(n);
                assert!(ours.is_none() || ours == by_display(n), "{n:e}");
            }
        }
        assert!(compared > 200_000, "{compared}");
    }
}
