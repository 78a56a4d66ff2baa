//! Findings: what a rule found, as typed data, and its one rendering to text.
//!
//! A [`Finding`] carries the numbers and texts its message needs; its words
//! are a template of [`crate::messages`], filled by the one renderer there,
//! for the language it is given.

use crate::form::{Form, YearMonth};
use crate::money::Wan;
use crate::parse::{ParseError, Value};
use crate::rules::Rule;
use chrono::NaiveDate;

/// What a rule found, with the parameters its message shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Finding {
    /// F101. `key` is a value key or `unit`/`period`/`date`.
    Required { key: &'static str },
    /// F102–F109, F111, F112: a value that could not be read.
    Unreadable {
        key: &'static str,
        text: String,
        error: ParseError,
    },
    /// F110. `key` as quoted (cut when long).
    UnknownKey {
        key: String,
        suggestion: Option<&'static str>,
    },
    /// F110, once: how many unknown keys beyond the ones listed one by one
    /// ([`UNKNOWN_KEYS_LISTED`](crate::validate::UNKNOWN_KEYS_LISTED)).
    MoreUnknownKeys { count: usize },
    /// H201.
    UnknownForm { form: String },
    /// H202.
    BadPeriod { text: String },
    /// H203.
    PeriodOutOfRange {
        period: YearMonth,
        first: YearMonth,
        last: YearMonth,
    },
    /// H204.
    BadDate { text: String },
    /// H205.
    DateBeforePeriod { date: NaiveDate, period: YearMonth },
    /// H206.
    DateAfterToday { date: NaiveDate, today: NaiveDate },
    /// H251.
    LateFiling { date: NaiveDate, due: NaiveDate },
    /// H252.
    UnknownUnit { text: String },
    /// H253.
    StaleUnit { text: String, current: &'static str },
    /// C301.
    PartExceedsWhole {
        part: &'static str,
        whole: &'static str,
        part_value: Value,
        whole_value: Value,
    },
    /// C302.
    AmountWithoutCount {
        amount: &'static str,
        count: &'static str,
        amount_value: Value,
    },
    /// C351.
    PartExceedsSum {
        part: &'static str,
        wholes: &'static [&'static str],
        part_value: Value,
        sum: Value,
    },
    /// C352.
    MissingRelated {
        field: &'static str,
        related: &'static str,
        value: Value,
    },
    /// C353.
    AverageTooHigh {
        amount: &'static str,
        count: &'static str,
        amount_value: Wan,
        count_value: u64,
        limit: Wan,
    },
    /// C354.
    AmountTooHigh {
        field: &'static str,
        value: Wan,
        limit: Wan,
    },
    /// M401. Units as typed.
    PriorUnitDiffers { unit: String, prior_unit: String },
    /// M402.
    PriorNotEarlier {
        period: YearMonth,
        prior_period: YearMonth,
    },
    /// M403.
    Decreased {
        key: &'static str,
        value: Value,
        prior: Value,
    },
    /// M451.
    HeadcountFell {
        key: &'static str,
        value: Value,
        prior: Value,
    },
    /// M452.
    YesToNo { key: &'static str },
    /// M453.
    PeriodGap {
        period: YearMonth,
        prior_period: YearMonth,
    },
    /// M454.
    Jump {
        key: &'static str,
        value: Value,
        prior: Value,
    },
    // The S findings are made only where the record is (the server and
    // `diaodu month`), never in the browser: the browser build leaves them
    // out (about 1.5 KB of its download).
    /// S551. `received` is the day the server received the report, in China.
    #[cfg(not(target_arch = "wasm32"))]
    ReceivedLate { received: NaiveDate, due: NaiveDate },
    /// S552. The months without a report, oldest first.
    #[cfg(not(target_arch = "wasm32"))]
    MonthsMissing { months: Vec<YearMonth> },
    /// S553. `value` in every report from `since` to the month checked.
    #[cfg(not(target_arch = "wasm32"))]
    Unchanged {
        key: &'static str,
        value: Value,
        since: YearMonth,
        months: u32,
    },
    /// S554. `threshold` in percent.
    #[cfg(not(target_arch = "wasm32"))]
    LowRectification {
        found: &'static str,
        rectified: &'static str,
        found_value: u64,
        rectified_value: u64,
        threshold: u64,
    },
}

impl Finding {
    // Not inlined in the browser package, as `subject` below is not (see
    // there): 649 B, and in Node no slower (0.99–1.01× in every scenario).
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn rule(&self) -> Rule {
        match self {
            Finding::Required { .. } => Rule::Required,
            Finding::Unreadable { error, .. } => match error {
                ParseError::NotANumber | ParseError::NoneWord => Rule::NotANumber,
                ParseError::Negative => Rule::Negative,
                ParseError::Fraction => Rule::Fraction,
                ParseError::TooManyDecimals => Rule::TooManyDecimals,
                ParseError::YuanInWan { .. } => Rule::YuanInWan,
                ParseError::AboveMax(_) => Rule::AboveMax,
                ParseError::WrongUnit { .. } => Rule::WrongUnit,
                ParseError::NotYesNo => Rule::NotYesNo,
                ParseError::WrongType(_) => Rule::WrongType,
                ParseError::BadGrouping => Rule::BadGrouping,
            },
            Finding::UnknownKey { .. } | Finding::MoreUnknownKeys { .. } => Rule::UnknownKey,
            Finding::UnknownForm { .. } => Rule::UnknownForm,
            Finding::BadPeriod { .. } => Rule::BadPeriod,
            Finding::PeriodOutOfRange { .. } => Rule::PeriodOutOfRange,
            Finding::BadDate { .. } => Rule::BadDate,
            Finding::DateBeforePeriod { .. } => Rule::DateBeforePeriod,
            Finding::DateAfterToday { .. } => Rule::DateAfterToday,
            Finding::LateFiling { .. } => Rule::LateFiling,
            Finding::UnknownUnit { .. } => Rule::UnknownUnit,
            Finding::StaleUnit { .. } => Rule::StaleUnit,
            Finding::PartExceedsWhole { .. } => Rule::PartExceedsWhole,
            Finding::AmountWithoutCount { .. } => Rule::AmountWithoutCount,
            Finding::PartExceedsSum { .. } => Rule::PartExceedsSum,
            Finding::MissingRelated { .. } => Rule::MissingRelated,
            Finding::AverageTooHigh { .. } => Rule::AverageTooHigh,
            Finding::AmountTooHigh { .. } => Rule::AmountTooHigh,
            Finding::PriorUnitDiffers { .. } => Rule::PriorUnitDiffers,
            Finding::PriorNotEarlier { .. } => Rule::PriorNotEarlier,
            Finding::Decreased { .. } => Rule::Decreased,
            Finding::HeadcountFell { .. } => Rule::HeadcountFell,
            Finding::YesToNo { .. } => Rule::YesToNo,
            Finding::PeriodGap { .. } => Rule::PeriodGap,
            Finding::Jump { .. } => Rule::Jump,
            #[cfg(not(target_arch = "wasm32"))]
            Finding::ReceivedLate { .. } => Rule::ReceivedLate,
            #[cfg(not(target_arch = "wasm32"))]
            Finding::MonthsMissing { .. } => Rule::MonthsMissing,
            #[cfg(not(target_arch = "wasm32"))]
            Finding::Unchanged { .. } => Rule::Unchanged,
            #[cfg(not(target_arch = "wasm32"))]
            Finding::LowRectification { .. } => Rule::LowRectification,
        }
    }

    /// The key the finding is about: the value it fires on, or the header
    /// field it concerns. Together with the code it makes the finding's id.
    // Not inlined in the browser package, nor `first_position` below: each
    // is a match over every kind of finding, and inlined into the places
    // that sort, name and write findings it was copied into each (with
    // `Rule::code` and `Rule::severity`, 846 B). Natively, where size
    // matters less, inlined they save 1 % of a bad report's instructions.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn subject(&self) -> &str {
        match self {
            Finding::Required { key }
            | Finding::Unreadable { key, .. }
            | Finding::Decreased { key, .. }
            | Finding::HeadcountFell { key, .. }
            | Finding::YesToNo { key }
            | Finding::Jump { key, .. } => key,
            #[cfg(not(target_arch = "wasm32"))]
            Finding::Unchanged { key, .. } => key,
            #[cfg(not(target_arch = "wasm32"))]
            Finding::ReceivedLate { .. } | Finding::MonthsMissing { .. } => "period",
            #[cfg(not(target_arch = "wasm32"))]
            Finding::LowRectification { rectified, .. } => rectified,
            Finding::UnknownKey { key, .. } => key,
            Finding::MoreUnknownKeys { .. } => "values",
            Finding::UnknownForm { .. } => "form",
            Finding::BadPeriod { .. } | Finding::PeriodOutOfRange { .. } => "period",
            Finding::PriorNotEarlier { .. } | Finding::PeriodGap { .. } => "period",
            Finding::BadDate { .. }
            | Finding::DateBeforePeriod { .. }
            | Finding::DateAfterToday { .. }
            | Finding::LateFiling { .. } => "date",
            Finding::UnknownUnit { .. }
            | Finding::StaleUnit { .. }
            | Finding::PriorUnitDiffers { .. } => "unit",
            Finding::PartExceedsWhole { part, .. } | Finding::PartExceedsSum { part, .. } => part,
            Finding::AmountWithoutCount { amount, .. } | Finding::AverageTooHigh { amount, .. } => {
                amount
            }
            Finding::MissingRelated { field, .. } | Finding::AmountTooHigh { field, .. } => field,
        }
    }

    /// The finding's id, `CODE:key`, which `explanations` refer to.
    pub fn id(&self) -> String {
        format!("{}:{}", self.rule().code(), self.subject())
    }

    /// Every field the finding involves, in form order, so that a page can
    /// mark them all.
    pub fn fields(&self, form: &'static Form) -> Vec<String> {
        let mut keys = self.keys();
        crate::order::sort_by_key(&mut keys, |k| form.position(k).unwrap_or(usize::MAX));
        keys.into_iter().map(str::to_string).collect()
    }

    /// The bit of each of its keys' printed position (header first); 0
    /// where a key has no position (the form, unknown keys, a position past
    /// the 63rd).
    pub fn field_mask(&self, form: &'static Form) -> u64 {
        let mut mask = 0u64;
        let mut placed = true;
        self.each_key(&mut |k| match form.position_bit(k) {
            Some(bit) => mask |= bit,
            None => placed = false,
        });
        if placed { mask } else { 0 }
    }

    /// Where the finding sorts on the form: 0 for the form itself, else 1 +
    /// the printed position of the first field it involves (header first);
    /// `usize::MAX` for keys the form does not have.
    #[cfg_attr(target_arch = "wasm32", inline(never))]
    pub fn first_position(&self, form: &'static Form) -> usize {
        let pos = |k: &str| form.position(k).map_or(usize::MAX, |p| p + 1);
        match self {
            Finding::UnknownForm { .. } => 0,
            Finding::PartExceedsWhole { part, whole, .. } => pos(part).min(pos(whole)),
            Finding::AmountWithoutCount { amount, count, .. }
            | Finding::AverageTooHigh { amount, count, .. } => pos(amount).min(pos(count)),
            Finding::PartExceedsSum { part, wholes, .. } => {
                wholes.iter().map(|w| pos(w)).fold(pos(part), usize::min)
            }
            Finding::MissingRelated { field, related, .. } => pos(field).min(pos(related)),
            #[cfg(not(target_arch = "wasm32"))]
            Finding::LowRectification {
                found, rectified, ..
            } => pos(found).min(pos(rectified)),
            Finding::DateBeforePeriod { .. } | Finding::LateFiling { .. } => {
                pos("period").min(pos("date"))
            }
            _ => pos(self.subject()),
        }
    }

    /// Every field the finding involves, as its rule names them.
    pub fn keys(&self) -> Vec<&str> {
        let mut keys = Vec::new();
        self.each_key(&mut |k| keys.push(k));
        keys
    }

    /// [`Finding::keys`], one at a time, without a list made for them
    /// (the browser package asks for every finding's).
    pub fn each_key<'a>(&'a self, f: &mut dyn FnMut(&'a str)) {
        match self {
            Finding::PartExceedsWhole { part, whole, .. } => {
                f(part);
                f(whole);
            }
            Finding::AmountWithoutCount { amount, count, .. }
            | Finding::AverageTooHigh { amount, count, .. } => {
                f(amount);
                f(count);
            }
            Finding::PartExceedsSum { part, wholes, .. } => {
                f(part);
                wholes.iter().for_each(|w| f(w));
            }
            Finding::MissingRelated { field, related, .. } => {
                f(field);
                f(related);
            }
            #[cfg(not(target_arch = "wasm32"))]
            Finding::LowRectification {
                found, rectified, ..
            } => {
                f(found);
                f(rectified);
            }
            Finding::DateBeforePeriod { .. } | Finding::LateFiling { .. } => {
                f("period");
                f("date");
            }
            _ => f(self.subject()),
        }
    }
}

/// The most characters of what was typed that a message quotes: enough for
/// any number a field can hold written out in full (a 30-digit number is
/// shown whole), and no more, so a megabyte pasted into a field does not
/// become a megabyte message. The report as typed keeps the whole text.
pub const QUOTE_MAX_CHARS: usize = 64;

/// `text` as a message quotes it: whole up to [`QUOTE_MAX_CHARS`]
/// characters, else its beginning and an ellipsis.
pub fn quote(text: &str) -> String {
    quote_within(text, QUOTE_MAX_CHARS)
}

/// `text` whole up to `max` characters, else its first `max - 1` and "…".
pub fn quote_within(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        None => text.to_string(),
        Some(_) => {
            let end = text
                .char_indices()
                .nth(max - 1)
                .map_or(text.len(), |(i, _)| i);
            format!("{}…", &text[..end])
        }
    }
}

pub use crate::messages::{field_name, render};
