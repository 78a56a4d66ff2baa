//! Messages as data: one template per rule (and per variant, where a rule
//! words its message differently for different cases), in Chinese and in
//! English, with named placeholders, and one small renderer ([`fill`]).
//!
//! A finding supplies the values of its placeholders ([`Finding::params`]);
//! a message is rendered only for a finding that exists, only when asked.
//! Both languages of a template use the same placeholders, and every finding
//! fills every placeholder of its template: `tests/it/messages.rs` checks
//! both for every finding kind.
//!
//! Template keys are a rule's code (`F106`), or the code and a variant
//! (`F106.inexact`), as [`Finding::message_key`] names them.

use crate::Lang;
use crate::finding::Finding;
use crate::form::{Field, Form, Kind, Max, YearMonth};
use crate::parse::ParseError;
use crate::parse::Value;
use crate::thresholds;
use chrono::NaiveDate;

/// One message in both languages.
#[derive(Clone, Copy, Debug)]
pub struct Template {
    /// `CODE` or `CODE.variant`.
    pub key: &'static str,
    pub zh: &'static str,
    /// The English (in the browser package, loaded on request: see
    /// [`crate::english`]).
    pub en: crate::english::En,
}

impl Template {
    /// The text in `lang` (English: `None` in the browser package until it
    /// is loaded).
    pub fn text(&self, lang: Lang) -> Option<&'static str> {
        match lang {
            Lang::Zh => Some(self.zh),
            Lang::En => crate::english::text(self.en, crate::english::Key::Message(self.key)),
        }
    }
}

/// A family's templates: `templates! { "F101" => "…", "…"; … }` makes its
/// `TEMPLATES`.
macro_rules! family_templates {
    ($($key:literal => $zh:literal, $en:literal;)+) => {
        /// This family's messages, in code order.
        pub const TEMPLATES: &[$crate::messages::Template] =
            &[$($crate::messages::Template { key: $key, zh: $zh, en: $crate::english::en!($en) }),+];
    };
}
pub(crate) use family_templates;

/// Every message, in code order: each rule family keeps its own in its
/// module under `src/rules/`.
pub fn templates() -> impl Iterator<Item = &'static Template> {
    [
        crate::rules::value::TEMPLATES,
        crate::rules::header::TEMPLATES,
        crate::rules::consistency::TEMPLATES,
        crate::rules::prior::TEMPLATES,
        crate::rules::series::TEMPLATES,
    ]
    .into_iter()
    .flatten()
}

/// The template with this key.
pub fn template(key: &str) -> Option<&'static Template> {
    // A key starts with its rule's family letter: only that family's
    // templates are searched (a message is rendered for every finding).
    let family = match key.as_bytes().first() {
        Some(b'F') => crate::rules::value::TEMPLATES,
        Some(b'H') => crate::rules::header::TEMPLATES,
        Some(b'C') => crate::rules::consistency::TEMPLATES,
        Some(b'M') => crate::rules::prior::TEMPLATES,
        Some(b'S') => crate::rules::series::TEMPLATES,
        _ => return None,
    };
    family.iter().find(|t| t.key == key)
}

/// The placeholders of a template text, in order of first use.
pub fn placeholders(text: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + close];
        if !out.contains(&name) {
            out.push(name);
        }
        rest = &rest[open + close + 1..];
    }
    out
}

/// A placeholder's value, written into the message as it is rendered (so
/// that a field's name or a figure is not first made a string of its own).
#[derive(Clone, Debug)]
pub enum Param<'a> {
    /// Text as it is.
    Str(&'a str),
    Owned(String),
    /// A field, named as [`field_name`] names it.
    Field(&'a Form, &'a str, Lang),
    /// A value in its canonical text ([`Value::text`]).
    Value(Value),
    /// A month, as messages name it: `2023年6月`, `2023-06`.
    Month(YearMonth, Lang),
    /// A date, `2023-06-26`, as chrono's `Display` writes it.
    Date(NaiveDate),
}

impl Param<'_> {
    fn write(&self, out: &mut dyn Out) {
        match self {
            Param::Str(s) => out.text(s),
            Param::Owned(s) => out.text(s),
            Param::Field(form, key, lang) => write_field_name(out, form, key, *lang),
            Param::Value(Value::Count(n)) => out.text(itoa::Buffer::new().format(*n)),
            Param::Value(Value::YesNo(true)) => out.held("是"),
            Param::Value(Value::YesNo(false)) => out.held("否"),
            Param::Value(v) => {
                let mut text = String::new();
                v.write_text(&mut text);
                out.text(&text);
            }
            Param::Month(m, lang) => write_month(out, *m, *lang),
            // Written here, not by `to_string` where the finding's values
            // are gathered (nor are counts and amounts, as `Param::Value`):
            // an allocation and a trip through `core::fmt` fewer for each,
            // and 0.8 KB less of the browser module.
            Param::Date(d) => out.text(&crate::lean::iso_date(*d)),
        }
    }
}

/// Where a message is written: a `String`, or the browser package's UTF-16
/// result text (`lean`), which keeps the UTF-16 of the text the program
/// holds (a template's words, a field's label) rather than transcoding it
/// again for every message.
pub(crate) trait Out {
    /// Text the program holds for as long as it runs.
    fn held(&mut self, s: &'static str);
    /// Any other text.
    fn text(&mut self, s: &str);
    /// A field's name as messages print it ([`field_name`]), with `label`
    /// its label in the message's language. The browser package's output
    /// keeps each name it wrote: a bad report names a dozen fields, each
    /// name eight pieces.
    fn field(&mut self, f: &Field, label: &'static str, lang: Lang);
}

/// [`Out::field`], written piece by piece.
pub(crate) fn write_field_parts(out: &mut dyn Out, f: &Field, label: &'static str, lang: Lang) {
    out.text(itoa::Buffer::new().format(f.section));
    out.held(".");
    out.text(itoa::Buffer::new().format(f.item));
    out.held(" ");
    out.held(label);
    match (f.kind, lang) {
        (Kind::YesNo, _) => {}
        (_, Lang::Zh) => {
            out.held("（");
            out.held(f.unit);
            out.held("）");
        }
        (_, Lang::En) => {
            out.held(" (");
            out.held(f.unit);
            out.held(")");
        }
    }
}

impl Out for String {
    fn held(&mut self, s: &'static str) {
        self.push_str(s);
    }
    fn text(&mut self, s: &str) {
        self.push_str(s);
    }
    fn field(&mut self, f: &Field, label: &'static str, lang: Lang) {
        write_field_parts(self, f, label, lang);
    }
}

/// A message's words: ours (held by the program) or a portal's.
#[derive(Clone, Copy)]
enum Words<'a> {
    Ours(&'static str),
    Portal(&'a str),
}

impl<'a> From<&'a str> for Param<'a> {
    fn from(s: &'a str) -> Param<'a> {
        Param::Str(s)
    }
}

/// Render `text`, replacing each `{name}` with its value in `params`. A
/// name without a value stays as written (the tests make sure none is
/// left), so rendering never fails.
pub fn fill(text: &str, params: &[(&str, Param<'_>)]) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    fill_into(&mut out, Words::Portal(text), params);
    out
}

/// [`fill`], into `out`.
fn fill_into(out: &mut dyn Out, words: Words<'_>, params: &[(&str, Param<'_>)]) {
    let text = match words {
        Words::Ours(t) => t,
        Words::Portal(t) => t,
    };
    // The words from `from` to `to`; braces are ASCII, so byte positions
    // found here are char boundaries.
    let put = |out: &mut dyn Out, from: usize, to: usize| match words {
        Words::Ours(t) => out.held(t.get(from..to).unwrap_or_default()),
        Words::Portal(t) => out.text(t.get(from..to).unwrap_or_default()),
    };
    let find = |from: usize, b: u8| {
        let rest = text.as_bytes().get(from..)?;
        rest.iter().position(|&c| c == b).map(|i| from + i)
    };
    let mut at = 0;
    while let Some(open) = find(at, b'{') {
        put(out, at, open);
        match find(open, b'}') {
            Some(close) => {
                let name = text.get(open + 1..close).unwrap_or_default();
                match params.iter().find(|(n, _)| *n == name) {
                    Some((_, v)) => v.write(out),
                    None => put(out, open, close + 1),
                }
                at = close + 1;
            }
            None => {
                put(out, open, text.len());
                at = text.len();
            }
        }
    }
    put(out, at, text.len());
}

/// How a field is named in messages: `1.1 企业自查发现的重大事故隐患（个）`.
pub fn field_name(form: &Form, key: &str, lang: Lang) -> String {
    let mut out = String::new();
    write_field_name(&mut out, form, key, lang);
    out
}

/// [`field_name`], written at the end of `out`.
fn write_field_name(out: &mut dyn Out, form: &Form, key: &str, lang: Lang) {
    // A finding names its fields by the form's own keys: the same address,
    // found without comparing text. Other keys are compared, in a second
    // pass (one pass comparing both ways compared the text of every key of
    // the same length before the right one: a bad report 3 % slower).
    let field = form
        .fields
        .iter()
        .find(|f| std::ptr::eq(f.key, key))
        .or_else(|| form.fields.iter().find(|f| f.key == key));
    if let Some(f) = field {
        out.field(f, f.label_in(lang).unwrap_or(f.key), lang);
    } else if let Some(h) = form.header.iter().find(|h| h.key == key) {
        out.held(h.label_in(lang).unwrap_or(h.key));
    } else {
        let (open, close) = match lang {
            Lang::Zh => ("“", "”"),
            Lang::En => ("\"", "\""),
        };
        out.held(open);
        out.text(key);
        out.held(close);
    }
}

/// A month as a message names it: `2023年6月`, `2023-06`. (The browser
/// package writes months only into messages, through [`Param::Month`].)
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn month(p: YearMonth, lang: Lang) -> String {
    let mut out = String::new();
    write_month(&mut out, p, lang);
    out
}

/// [`month`], written at the end of `out`.
fn write_month(out: &mut dyn Out, p: YearMonth, lang: Lang) {
    match lang {
        Lang::Zh => {
            out.text(itoa::Buffer::new().format(p.year));
            out.held("年");
            out.text(itoa::Buffer::new().format(p.month));
            out.held("月");
        }
        Lang::En => out.text(&p.to_string()),
    }
}

impl Finding {
    /// The key of this finding's message template: its code, or its code
    /// and a variant.
    pub fn message_key(&self, form: &Form) -> &'static str {
        let yes_no = |key: &str| {
            form.fields
                .iter()
                .any(|f| f.key == key && f.kind == Kind::YesNo)
        };
        match self {
            Finding::Required { key } => {
                // 无则填0 is the form's own hint, and only makes sense for
                // numbers.
                let numeric = form
                    .fields
                    .iter()
                    .any(|f| f.key == *key && f.kind != Kind::YesNo);
                if numeric { "F101" } else { "F101.plain" }
            }
            Finding::Unreadable { key, error, .. } => match error {
                ParseError::NotANumber => "F102",
                ParseError::NoneWord => "F102.none",
                ParseError::Negative => "F103",
                ParseError::Fraction => "F104",
                ParseError::TooManyDecimals => "F105",
                ParseError::YuanInWan { wan: Some(_) } => "F106",
                ParseError::YuanInWan { wan: None } => "F106.inexact",
                ParseError::AboveMax(_) => "F107",
                ParseError::WrongUnit { .. } => "F108",
                ParseError::NotYesNo => "F109",
                ParseError::WrongType(_) if yes_no(key) => "F111.yesNo",
                ParseError::WrongType(_) => "F111",
                ParseError::BadGrouping => "F112",
            },
            Finding::UnknownKey {
                suggestion: Some(_),
                ..
            } => "F110.suggestion",
            Finding::UnknownKey { .. } => "F110",
            Finding::MoreUnknownKeys { .. } => "F110.more",
            other => other.rule().code(),
        }
    }

    /// The values of this finding's placeholders, in `lang` (field names,
    /// months and type names are words of the language; numbers and what
    /// was typed are the same in both).
    pub fn params<'a>(&'a self, form: &'a Form, lang: Lang) -> Vec<(&'static str, Param<'a>)> {
        let name = |key: &'a str| Param::Field(form, key, lang);
        match self {
            Finding::Required { key } => vec![("field", name(key))],
            Finding::Unreadable { key, text, error } => {
                let unit = form
                    .fields
                    .iter()
                    .find(|f| f.key == *key)
                    .map_or("", |f| f.unit);
                let mut p = vec![("field", name(key)), ("text", Param::Str(text))];
                match error {
                    ParseError::Fraction => p.push(("unit", Param::Str(unit))),
                    ParseError::YuanInWan { wan: Some(w) } => {
                        p.push(("wan", Param::Value(Value::Money(*w))))
                    }
                    ParseError::AboveMax(m) => p.push((
                        "max",
                        Param::Value(match *m {
                            Max::Count(n) => Value::Count(n),
                            Max::Money(w) => Value::Money(w),
                        }),
                    )),
                    ParseError::WrongUnit { typed, expected } => {
                        p.push(("typed", Param::Str(typed)));
                        p.push(("unit", Param::Str(expected)));
                    }
                    ParseError::WrongType(t) => {
                        let t = match (lang, *t) {
                            (Lang::Zh, "array") => "数组",
                            (Lang::Zh, "object") => "对象",
                            (Lang::Zh, "boolean") => "布尔值（true/false）",
                            (_, other) => other,
                        };
                        // The type stands in for what was typed.
                        p.retain(|(n, _)| *n != "text");
                        p.push(("type", Param::Str(t)));
                    }
                    _ => {}
                }
                p
            }
            Finding::UnknownKey { key, suggestion } => {
                let mut p = vec![("key", Param::Str(key))];
                if let Some(s) = suggestion {
                    p.push(("suggestion", Param::Str(s)));
                    p.push(("suggestionField", name(s)));
                }
                p
            }
            Finding::MoreUnknownKeys { count } => vec![(
                "count",
                Param::Value(Value::Count(u64::try_from(*count).unwrap_or(u64::MAX))),
            )],
            Finding::UnknownForm { form: f } => {
                vec![("name", Param::Str(f)), ("form", Param::Str(form.id))]
            }
            Finding::BadPeriod { text } | Finding::BadDate { text } => {
                vec![("text", Param::Str(text))]
            }
            Finding::PeriodOutOfRange {
                period,
                first,
                last,
            } => vec![
                ("period", Param::Month(*period, lang)),
                ("first", Param::Month(*first, lang)),
                ("last", Param::Month(*last, lang)),
            ],
            Finding::DateBeforePeriod { date, period } => {
                vec![
                    ("date", Param::Date(*date)),
                    ("period", Param::Month(*period, lang)),
                ]
            }
            Finding::DateAfterToday { date, today } => {
                vec![("date", Param::Date(*date)), ("today", Param::Date(*today))]
            }
            Finding::LateFiling { date, due } => {
                vec![("date", Param::Date(*date)), ("due", Param::Date(*due))]
            }
            Finding::UnknownUnit { text } => vec![("text", Param::Str(text))],
            Finding::StaleUnit { text, current } => {
                vec![("text", Param::Str(text)), ("current", Param::Str(current))]
            }
            Finding::PartExceedsWhole {
                part,
                whole,
                part_value,
                whole_value,
            } => vec![
                ("part", name(part)),
                ("partValue", Param::Value(*part_value)),
                ("whole", name(whole)),
                ("wholeValue", Param::Value(*whole_value)),
            ],
            Finding::AmountWithoutCount {
                amount,
                count,
                amount_value,
            } => vec![
                ("amount", name(amount)),
                ("amountValue", Param::Value(*amount_value)),
                ("count", name(count)),
            ],
            Finding::PartExceedsSum {
                part,
                wholes,
                part_value,
                sum,
            } => {
                let joiner = match lang {
                    Lang::Zh => " 与 ",
                    Lang::En => " and ",
                };
                let ws: Vec<String> = wholes.iter().map(|w| field_name(form, w, lang)).collect();
                vec![
                    ("part", name(part)),
                    ("partValue", Param::Value(*part_value)),
                    ("wholes", Param::Owned(ws.join(joiner))),
                    ("sum", Param::Value(*sum)),
                ]
            }
            Finding::MissingRelated {
                field,
                related,
                value,
            } => vec![
                ("field", name(field)),
                ("value", Param::Value(*value)),
                ("related", name(related)),
            ],
            Finding::AverageTooHigh {
                amount,
                count,
                amount_value,
                count_value,
                limit,
            } => vec![
                ("amount", name(amount)),
                ("amountValue", Param::Value(Value::Money(*amount_value))),
                ("count", name(count)),
                ("countValue", Param::Value(Value::Count(*count_value))),
                (
                    "average",
                    Param::Value(Value::Money(amount_value.div_count_rounded(*count_value))),
                ),
                ("limit", Param::Value(Value::Money(*limit))),
            ],
            Finding::AmountTooHigh {
                field,
                value,
                limit,
            } => vec![
                ("field", name(field)),
                ("value", Param::Value(Value::Money(*value))),
                ("limit", Param::Value(Value::Money(*limit))),
            ],
            Finding::PriorUnitDiffers { unit, prior_unit } => {
                vec![
                    ("priorUnit", Param::Str(prior_unit)),
                    ("unit", Param::Str(unit)),
                ]
            }
            Finding::PriorNotEarlier {
                period,
                prior_period,
            } => vec![
                ("priorPeriod", Param::Month(*prior_period, lang)),
                ("period", Param::Month(*period, lang)),
            ],
            Finding::Decreased { key, value, prior }
            | Finding::HeadcountFell { key, value, prior } => vec![
                ("field", name(key)),
                ("value", Param::Value(*value)),
                ("prior", Param::Value(*prior)),
            ],
            Finding::YesToNo { key } => vec![("field", name(key))],
            Finding::PeriodGap {
                period,
                prior_period,
            } => vec![
                ("priorPeriod", Param::Month(*prior_period, lang)),
                ("period", Param::Month(*period, lang)),
                (
                    "missing",
                    Param::Owned((period.index() - prior_period.index() - 1).to_string()),
                ),
            ],
            Finding::Jump { key, value, prior } => vec![
                ("field", name(key)),
                ("prior", Param::Value(*prior)),
                ("value", Param::Value(*value)),
                (
                    "factor",
                    Param::Value(Value::Count(thresholds::JUMP_FACTOR)),
                ),
            ],
            #[cfg(not(target_arch = "wasm32"))]
            Finding::ReceivedLate { received, due } => {
                vec![
                    ("received", Param::Date(*received)),
                    ("due", Param::Date(*due)),
                ]
            }
            #[cfg(not(target_arch = "wasm32"))]
            Finding::MonthsMissing { months } => {
                let sep = match lang {
                    Lang::Zh => "、",
                    Lang::En => ", ",
                };
                let list: Vec<String> = months.iter().map(|m| month(*m, lang)).collect();
                vec![
                    ("months", Param::Owned(list.join(sep))),
                    ("count", Param::Owned(months.len().to_string())),
                ]
            }
            #[cfg(not(target_arch = "wasm32"))]
            Finding::Unchanged {
                key,
                value,
                since,
                months,
            } => vec![
                ("field", name(key)),
                ("value", Param::Value(*value)),
                ("since", Param::Month(*since, lang)),
                ("months", Param::Owned(months.to_string())),
            ],
            #[cfg(not(target_arch = "wasm32"))]
            Finding::LowRectification {
                found,
                rectified,
                found_value,
                rectified_value,
                threshold,
            } => vec![
                ("rectifiedField", name(rectified)),
                ("foundField", name(found)),
                ("rectified", Param::Owned(rectified_value.to_string())),
                ("found", Param::Owned(found_value.to_string())),
                (
                    "share",
                    Param::Owned(crate::rules::series::share_text(
                        *rectified_value,
                        *found_value,
                    )),
                ),
                ("threshold", Param::Owned(threshold.to_string())),
            ],
        }
    }
}

/// The message for a finding, in `lang`: its template filled with its
/// values.
pub fn render(finding: &Finding, form: &Form, lang: Lang) -> String {
    render_with(finding, form, lang, None)
}

/// [`render`], in the portal's own words where it gave some.
pub fn render_with(
    finding: &Finding,
    form: &Form,
    lang: Lang,
    overrides: Option<&Overrides>,
) -> String {
    let mut out = String::with_capacity(128);
    render_into(&mut out, finding, form, lang, overrides);
    out
}

/// [`render_with`], into `out`.
pub(crate) fn render_into(
    out: &mut dyn Out,
    finding: &Finding,
    form: &Form,
    lang: Lang,
    overrides: Option<&Overrides>,
) {
    let key = finding.message_key(form);
    if let Some(text) = overrides.and_then(|o| o.get(key, lang)) {
        return fill_into(out, Words::Portal(text), &finding.params(form, lang));
    }
    match template(key) {
        // English is asked for only once loaded (`options::parse_lang`).
        Some(t) => {
            let words = Words::Ours(t.text(lang).unwrap_or(t.zh));
            fill_into(out, words, &finding.params(form, lang));
        }
        // Every key has a template (tests/it/messages.rs); a code alone is
        // still better than nothing.
        None => out.held(key),
    }
}

/// A portal's own wording for some messages: `{ "zh": { "F106": "…{field}…"
/// }, "en": { … } }`, each key a template's (`F106`, `F106.inexact`), each
/// text using only that template's placeholders. Checked when given, so a
/// misspelt code or placeholder is an error then, never a message that
/// silently stays ours or shows `{feild}`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Overrides {
    entries: Vec<(&'static str, Lang, String)>,
}

/// Why a portal's wording was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OverrideError {
    /// Not `{ "zh": { … }, "en": { … } }` with text values.
    Shape { detail: String },
    /// A language other than zh and en.
    UnknownLang { lang: String },
    /// No template has this key.
    UnknownKey {
        key: String,
        suggestion: Option<&'static str>,
    },
    /// The template has no such placeholder.
    UnknownPlaceholder {
        key: &'static str,
        placeholder: String,
        allowed: Vec<&'static str>,
    },
}

impl OverrideError {
    pub fn render(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            OverrideError::Shape { detail } if zh => format!(
                "messages 应为 {{\"zh\": {{\"规则编号\": \"文字\"}}, \"en\": {{…}}}} 形式：{detail}"
            ),
            OverrideError::Shape { detail } => format!(
                "messages must look like {{\"zh\": {{\"CODE\": \"text\"}}, \"en\": {{…}}}}: {detail}"
            ),
            OverrideError::UnknownLang { lang } => {
                let lang = crate::finding::quote(lang);
                if zh {
                    format!("messages 中的语言“{lang}”无法识别；只能是 zh 或 en。")
                } else {
                    format!("messages has a language \"{lang}\"; only zh and en are known.")
                }
            }
            OverrideError::UnknownKey { key, suggestion } => {
                let key = crate::finding::quote(key);
                let hint = match (suggestion, zh) {
                    (Some(s), true) => format!("是否应为“{s}”？"),
                    (Some(s), false) => format!(" Did you mean \"{s}\"?"),
                    (None, true) => "可用的编号见 rules() 的 messages。".to_string(),
                    (None, false) => " The keys are listed in rules()' messages.".to_string(),
                };
                if zh {
                    format!("messages 中没有“{key}”这条消息；{hint}")
                } else {
                    format!("messages has no message \"{key}\".{hint}")
                }
            }
            OverrideError::UnknownPlaceholder {
                key,
                placeholder,
                allowed,
            } => {
                let placeholder = crate::finding::quote(placeholder);
                let list = allowed
                    .iter()
                    .map(|p| format!("{{{p}}}"))
                    .collect::<Vec<_>>()
                    .join(" ");
                if zh {
                    format!("消息 {key} 没有占位符 {{{placeholder}}}；可用的为：{list}")
                } else {
                    format!("message {key} has no placeholder {{{placeholder}}}; it has: {list}")
                }
            }
        }
    }
}

impl Overrides {
    /// Read and check a portal's wording from its JSON text.
    pub fn from_json(text: &str) -> Result<Overrides, OverrideError> {
        // Read as the options are (objects of raw JSON, then text): the
        // browser build already holds those readers, and a reader of
        // nested maps would add 4 KB to it.
        let shape = |e: crate::json::Error| OverrideError::Shape {
            detail: crate::report::detail(&e),
        };
        let mut by_lang: Vec<(String, Vec<(String, String)>)> = Vec::new();
        for (lang, texts) in crate::json::members(text).map_err(shape)? {
            let mut list = Vec::new();
            for (key, value) in crate::json::members(texts).map_err(shape)? {
                list.push((key, crate::json::string(value).map_err(shape)?));
            }
            by_lang.push((lang, list));
        }
        let mut entries = Vec::new();
        for (lang_text, texts) in by_lang {
            let lang = match lang_text.as_str() {
                "zh" => Lang::Zh,
                "en" => Lang::En,
                _ => return Err(OverrideError::UnknownLang { lang: lang_text }),
            };
            for (key, text) in texts {
                let Some(t) = template(&key) else {
                    let suggestion = templates().map(|t| t.key).find(|k| {
                        k.eq_ignore_ascii_case(key.trim()) || strsim::levenshtein(k, &key) == 1
                    });
                    return Err(OverrideError::UnknownKey { key, suggestion });
                };
                // The two languages use the same placeholders (a test holds
                // them so), and the Chinese is always there.
                let allowed = placeholders(t.zh);
                if let Some(p) = placeholders(&text)
                    .into_iter()
                    .find(|p| !allowed.contains(p))
                {
                    return Err(OverrideError::UnknownPlaceholder {
                        key: t.key,
                        placeholder: p.to_string(),
                        allowed,
                    });
                }
                entries.push((t.key, lang, text));
            }
        }
        Ok(Overrides { entries })
    }

    /// The portal's text for a template key in a language, if it gave one.
    pub fn get(&self, key: &str, lang: Lang) -> Option<&str> {
        self.entries
            .iter()
            .rev()
            .find(|(k, l, _)| *k == key && *l == lang)
            .map(|(_, _, t)| t.as_str())
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
