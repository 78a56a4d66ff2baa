//! The report as submitted: the JSON format shared by Rust, JS and the CLI.
//!
//! ```json
//! { "form": "chongming-2023", "unit": "城桥镇", "period": "2023-06", "date": "2023-06-26",
//!   "values": { "self_found": 12, "penalty_amount": "3.5" },
//!   "explanations": { "C351:listed_found": "说明文字" } }
//! ```
//!
//! Every value is kept exactly as it arrived ([`RawValue`]): a JSON number, the
//! text as typed, a boolean, or blank. Parsing happens in the validator, so
//! nothing a person typed is lost or changed on the way in.

use std::borrow::Cow;
use std::fmt;

use indexmap::IndexMap;
#[cfg(not(target_arch = "wasm32"))]
use serde::de::value::MapAccessDeserializer;
#[cfg(not(target_arch = "wasm32"))]
use serde::de::{Deserializer, Error as _, MapAccess, Visitor};
#[cfg(not(target_arch = "wasm32"))]
use serde::{Deserialize, Serialize, Serializer};

/// One value as it arrived.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum RawValue {
    /// `null`, missing, or text that is empty or only spaces.
    #[default]
    Blank,
    /// Text as typed.
    Text(String),
    /// A JSON number, in plain decimal form, exact (`12`, `3.5`).
    Number(String),
    /// A JSON boolean (for 是/否 fields).
    Bool(bool),
    /// A JSON array or object, which no field accepts; holds the type's name.
    Other(&'static str),
}

impl RawValue {
    /// Whether the value is blank ("" and "   " count as blank).
    pub fn is_blank(&self) -> bool {
        match self {
            RawValue::Blank => true,
            RawValue::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The value as a message quotes it: text cut to
    /// [`QUOTE_MAX_CHARS`](crate::finding::QUOTE_MAX_CHARS) characters.
    pub fn quote(&self) -> String {
        match self {
            RawValue::Text(t) | RawValue::Number(t) => crate::finding::quote(t),
            other => other.as_text(),
        }
    }

    /// The value as text, the way it would read on the form.
    pub fn as_text(&self) -> String {
        match self {
            RawValue::Blank => String::new(),
            RawValue::Text(t) | RawValue::Number(t) => t.clone(),
            RawValue::Bool(b) => b.to_string(),
            RawValue::Other(kind) => format!("<{kind}>"),
        }
    }
}

/// A value as the validator reads it: borrowed from a [`RawValue`], or from
/// what a caller passed without building one (the browser package hands
/// over a JS number as a number). Reading a report costs no copy of its
/// text this way.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Raw<'a> {
    Blank,
    Text(&'a str),
    /// A JSON number in plain decimal form.
    Number(&'a str),
    /// A whole JSON number, read as such (the same value as its digits in
    /// [`Raw::Number`]).
    Int(i64),
    Bool(bool),
    Other(&'static str),
}

impl<'a> Raw<'a> {
    /// Whether the value is blank ("" and "   " count as blank).
    pub fn is_blank(self) -> bool {
        match self {
            Raw::Blank => true,
            Raw::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }

    /// The value as a message quotes it (see [`RawValue::quote`]).
    pub fn quote(self) -> String {
        match self {
            Raw::Text(t) | Raw::Number(t) => crate::finding::quote(t),
            other => other.as_text(),
        }
    }

    /// The value as text, the way it would read on the form.
    pub fn as_text(self) -> String {
        match self {
            Raw::Blank => String::new(),
            Raw::Text(t) | Raw::Number(t) => t.to_string(),
            Raw::Int(n) => n.to_string(),
            Raw::Bool(b) => b.to_string(),
            Raw::Other(kind) => format!("<{kind}>"),
        }
    }
}

impl RawValue {
    /// The value as the validator reads it.
    pub fn view(&self) -> Raw<'_> {
        match self {
            RawValue::Blank => Raw::Blank,
            RawValue::Text(t) => Raw::Text(t),
            RawValue::Number(t) => Raw::Number(t),
            RawValue::Bool(b) => Raw::Bool(*b),
            RawValue::Other(k) => Raw::Other(k),
        }
    }
}

impl From<&str> for RawValue {
    fn from(s: &str) -> RawValue {
        RawValue::Text(s.to_string())
    }
}

impl From<String> for RawValue {
    fn from(s: String) -> RawValue {
        RawValue::Text(s)
    }
}

impl From<u64> for RawValue {
    fn from(n: u64) -> RawValue {
        RawValue::Number(n.to_string())
    }
}

impl From<bool> for RawValue {
    fn from(b: bool) -> RawValue {
        RawValue::Bool(b)
    }
}

/// A JSON number's text in plain decimal form: `12.0` → `12`, `3.50` → `3.5`,
/// `1.5e3` → `1500`, `-0` → `0`. Digits are moved, never read into an `f64`,
/// so the value stays exact however long it is. An exponent beyond ±64 is
/// left as written (no field holds such a number; the parser names it).
pub fn plain_decimal(json: &str) -> String {
    plain_decimal_cow(json).into_owned()
}

/// [`plain_decimal`], borrowing the text where it is plain already.
pub fn plain_decimal_cow(json: &str) -> Cow<'_, str> {
    // Integers, nearly every number a report holds, are plain already (JSON
    // allows no leading zeros); only `-0` needs a word.
    if json.bytes().all(|b| b.is_ascii_digit()) {
        return Cow::Borrowed(json);
    }
    // Written as JS and most JSON writers write a decimal (`23.4567`,
    // `-0.35`): no exponent, no leading or trailing zero to drop. Already
    // plain.
    let body = json.strip_prefix('-').unwrap_or(json);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if digits(int)
        && (int == "0" || !int.starts_with('0'))
        && (frac.is_empty() && !body.contains('.') || digits(frac) && !frac.ends_with('0'))
        && !(json.starts_with('-') && int == "0" && frac.is_empty())
    {
        return Cow::Borrowed(json);
    }
    // Only a number's characters are moved about below; anything else is
    // no JSON number and stays as it is.
    if !json
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b'e' | b'E'))
    {
        return Cow::Borrowed(json);
    }
    if json == "-0" {
        return Cow::Borrowed("0");
    }
    let (negative, rest) = match json.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, json),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], rest[i + 1..].parse::<i32>().ok()),
        None => (rest, Some(0)),
    };
    let Some(exponent) = exponent.filter(|e| e.abs() <= 64) else {
        return Cow::Borrowed(json);
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // Where the decimal point falls within `digits`, possibly outside it
    // (a mantissa too long to place is left as written, as above).
    let Some(point) = i32::try_from(int.len())
        .ok()
        .and_then(|n| n.checked_add(exponent))
    else {
        return Cow::Borrowed(json);
    };
    let digits = [int, frac].concat();
    let (whole, fraction) = if point <= 0 {
        (
            String::new(),
            "0".repeat(point.unsigned_abs() as usize) + &digits,
        )
    } else if point as usize >= digits.len() {
        let zeros = "0".repeat(point as usize - digits.len());
        (digits + &zeros, String::new())
    } else {
        let (w, f) = digits.split_at(point as usize);
        (w.to_string(), f.to_string())
    };
    let whole = whole.trim_start_matches('0');
    let fraction = fraction.trim_end_matches('0');
    let mut out = String::with_capacity(whole.len() + fraction.len() + 3);
    if negative && !(whole.is_empty() && fraction.is_empty()) {
        out.push('-');
    }
    out.push_str(if whole.is_empty() { "0" } else { whole });
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    Cow::Owned(out)
}

#[cfg(not(target_arch = "wasm32"))]
impl<'de> Deserialize<'de> for RawValue {
    /// Reports are JSON (read by serde_json, from text, a reader or a
    /// `serde_json::Value`): the value is taken as its raw JSON text and sorted
    /// by its first byte, so a number keeps every digit it was written with
    /// (no trip through `f64`) and an array or object is skipped unread.
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawValue, D::Error> {
        // Boxed rather than borrowed: `serde_json::from_value` and readers
        // cannot lend their text.
        let raw = Box::<serde_json::value::RawValue>::deserialize(d)?;
        let json = raw.get();
        Ok(match json.as_bytes().first() {
            None | Some(b'n') => RawValue::Blank,
            Some(b't') => RawValue::Bool(true),
            Some(b'f') => RawValue::Bool(false),
            Some(b'[') => RawValue::Other("array"),
            Some(b'{') => RawValue::Other("object"),
            Some(b'"') => RawValue::Text(serde_json::from_str(json).map_err(D::Error::custom)?),
            Some(_) => RawValue::Number(plain_decimal(json)),
        })
    }
}

#[cfg(not(target_arch = "wasm32"))]
impl Serialize for RawValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            RawValue::Blank => s.serialize_none(),
            RawValue::Text(t) => s.serialize_str(t),
            // Written as the number it is, digit for digit. Text that is not
            // a JSON number (only possible from Rust callers) stays text; the
            // first character rules out JSON that is valid but no number.
            RawValue::Number(n) if n.starts_with(|c: char| c == '-' || c.is_ascii_digit()) => {
                match serde_json::value::RawValue::from_string(n.clone()) {
                    Ok(raw) => raw.serialize(s),
                    Err(_) => s.serialize_str(n),
                }
            }
            RawValue::Number(n) => s.serialize_str(n),
            RawValue::Bool(b) => s.serialize_bool(*b),
            // Arrays and objects are not kept; `null` would read as blank, so
            // the type's name stays visible instead.
            RawValue::Other(kind) => s.serialize_str(&format!("<{kind}>")),
        }
    }
}

/// A report value read from JSON text, borrowing from it where it can: the
/// form a check from text works on before (or instead of) a [`RawValue`].
#[derive(Clone, Debug, Default, PartialEq)]
pub enum RawRef<'a> {
    #[default]
    Blank,
    Text(Cow<'a, str>),
    Number(Cow<'a, str>),
    Bool(bool),
    Other(&'static str),
}

impl RawRef<'_> {
    pub fn view(&self) -> Raw<'_> {
        match self {
            RawRef::Blank => Raw::Blank,
            RawRef::Text(t) => Raw::Text(t),
            RawRef::Number(t) => Raw::Number(t),
            RawRef::Bool(b) => Raw::Bool(*b),
            RawRef::Other(k) => Raw::Other(k),
        }
    }

    pub fn into_owned(self) -> RawValue {
        match self {
            RawRef::Blank => RawValue::Blank,
            RawRef::Text(t) => RawValue::Text(t.into_owned()),
            RawRef::Number(t) => RawValue::Number(t.into_owned()),
            RawRef::Bool(b) => RawValue::Bool(b),
            RawRef::Other(k) => RawValue::Other(k),
        }
    }
}

/// [`Map`] keyed by text borrowed from the JSON where it can be.
pub type MapRef<'a, V> = IndexMap<Cow<'a, str>, V, rustc_hash::FxBuildHasher>;

/// A report as read from JSON text, borrowing from it: what a check from
/// text ([`crate::check_json`]) and the server read without copying. The
/// same reader builds a [`Report`] directly ([`Report::from_json`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReportRef<'a> {
    pub form: Option<Cow<'a, str>>,
    pub unit: RawRef<'a>,
    pub period: RawRef<'a>,
    pub date: RawRef<'a>,
    pub values: MapRef<'a, RawRef<'a>>,
    pub explanations: MapRef<'a, Cow<'a, str>>,
}

impl ReportRef<'_> {
    pub fn into_owned(self) -> Report {
        Report {
            form: self.form.map(Cow::into_owned),
            unit: self.unit.into_owned(),
            period: self.period.into_owned(),
            date: self.date.into_owned(),
            values: self
                .values
                .into_iter()
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
            explanations: self
                .explanations
                .into_iter()
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        }
    }
}

/// A report as read from JSON text by slot, for the default form: its
/// values by their place in the form table, and the members the form does
/// not have apart. What [`crate::check_json`] reads. A map keyed by text,
/// built for every member and then searched again for every field, was a
/// fifth of a check from text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SlotsRef<'a> {
    pub form: Option<Cow<'a, str>>,
    /// `unit`, `period`, `date`.
    pub header: [RawRef<'a>; 3],
    /// One per field of [`crate::DEFAULT_FORM`] once `values` is read,
    /// `None` where the report has no such member.
    pub values: Vec<Option<RawRef<'a>>>,
    /// Members the form does not have, each at its first place with its
    /// last value (as a map's insert keeps them).
    pub unknown: Vec<(Cow<'a, str>, RawRef<'a>)>,
    pub explanations: MapRef<'a, Cow<'a, str>>,
    /// The field whose member is looked for first where the next member
    /// begins: reports list their values in the form's order, or in their
    /// keys' byte order where a map sorted by key wrote them. Past the
    /// last field, none is.
    pub(crate) next: usize,
    /// The field of the last member of `values` read.
    pub(crate) last: Option<usize>,
    /// Whether the members come in their keys' byte order (judged at each
    /// member that was not where `next` looked for it).
    pub(crate) sorted: bool,
}

impl<'a> SlotsRef<'a> {
    /// A member of `values`, put in its slot.
    pub(crate) fn put(&mut self, key: Cow<'a, str>, raw: RawRef<'a>) {
        let form = crate::DEFAULT_FORM;
        let slot = match form.fields.get(self.next) {
            Some(f) if f.key == key => Some(self.next),
            _ => form.index_of(&key).inspect(|&i| {
                // Not where it was looked for: in key order if it follows
                // the last member's key, else in the form's.
                self.sorted = form.next_in_key_order(self.last) == Some(i);
            }),
        };
        match slot.and_then(|i| self.values.get_mut(i).map(|v| (i, v))) {
            Some((i, v)) => {
                *v = Some(raw);
                self.advance(i);
            }
            None => match self.unknown.iter_mut().find(|(k, _)| *k == key) {
                Some((_, v)) => *v = raw,
                None => self.unknown.push((key, raw)),
            },
        }
    }

    /// The member of field `i` was read: look for the next one after it,
    /// in the order the members come in.
    pub(crate) fn advance(&mut self, i: usize) {
        self.last = Some(i);
        self.next = if self.sorted {
            crate::DEFAULT_FORM
                .next_in_key_order(Some(i))
                .unwrap_or(usize::MAX)
        } else {
            i + 1
        };
    }
}

/// An insertion-ordered map with a fast hasher: reports hold a few dozen
/// short keys, and SipHash's DoS resistance buys nothing here while its cost
/// showed in the keystroke benchmark.
pub type Map<V> = IndexMap<String, V, rustc_hash::FxBuildHasher>;

/// A monthly report, as filed. Missing members read as blank.
#[derive(Clone, Debug, Default, PartialEq)]
#[cfg_attr(not(target_arch = "wasm32"), derive(Serialize, Deserialize))]
#[cfg_attr(not(target_arch = "wasm32"), serde(rename_all = "camelCase"))]
pub struct Report {
    /// The form id; `chongming-2023` when omitted.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default, skip_serializing_if = "Option::is_none")
    )]
    pub form: Option<String>,
    /// 填报单位.
    #[cfg_attr(not(target_arch = "wasm32"), serde(default))]
    pub unit: RawValue,
    /// The month whose cumulative figures are reported, `YYYY-MM`.
    #[cfg_attr(not(target_arch = "wasm32"), serde(default))]
    pub period: RawValue,
    /// 时间: the date written on the form, `YYYY-MM-DD`.
    #[cfg_attr(not(target_arch = "wasm32"), serde(default))]
    pub date: RawValue,
    /// Values by key, in the order given.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(default, deserialize_with = "null_as_empty")
    )]
    pub values: Map<RawValue>,
    /// 说明 by finding id.
    #[cfg_attr(
        not(target_arch = "wasm32"),
        serde(
            default,
            skip_serializing_if = "IndexMap::is_empty",
            deserialize_with = "null_as_empty"
        )
    )]
    pub explanations: Map<String>,
}

#[cfg(not(target_arch = "wasm32"))]
/// `null` where a map belongs reads as an empty map: portals send
/// `"explanations": null` as readily as they leave it out.
fn null_as_empty<'de, D, V>(d: D) -> Result<Map<V>, D::Error>
where
    D: Deserializer<'de>,
    V: Deserialize<'de>,
{
    Ok(Option::<Map<V>>::deserialize(d)?.unwrap_or_default())
}

/// Why a report could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// 1-based line and column of the problem, where known.
    pub line: usize,
    pub column: usize,
    /// serde's own description, in English, without the position.
    pub detail: String,
}

impl From<crate::json::Error> for ReadError {
    fn from(e: crate::json::Error) -> ReadError {
        ReadError {
            line: e.line,
            // A wrong type is placed at the column before the value; column
            // 0 of line 1 would read as no position at all.
            column: e.column.max(1),
            detail: detail(&e),
        }
    }
}

impl ReadError {
    pub fn render(&self, lang: crate::Lang) -> String {
        match lang {
            crate::Lang::Zh => format!(
                "报表不是有效的 JSON 或格式不符（第 {} 行第 {} 列）：{}",
                self.line, self.column, self.detail
            ),
            crate::Lang::En => format!(
                "the report is not valid JSON or not in the report format (line {}, column {}): {}",
                self.line, self.column, self.detail
            ),
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(crate::Lang::Zh))
    }
}

impl std::error::Error for ReadError {}

/// The largest input read as one report or request: a month's report is a
/// few kilobytes. The CLI and the server refuse anything larger unread.
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

/// What the CLI and the server say of an input over [`MAX_INPUT_BYTES`].
pub fn too_large(what: &str, lang: crate::Lang) -> String {
    match lang {
        crate::Lang::Zh => format!("{what} 超过 1 MiB，不是一份月报表，拒绝处理。"),
        crate::Lang::En => {
            format!("{what} is over 1 MiB, far larger than any monthly report; refused.")
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
/// serde's description of `e` without its " at line L column C": the
/// position is shown on its own, or (for a JS object) means nothing to the
/// caller, who never saw the JSON text. What serde quotes from the input
/// (an unknown member's name, say) is cut to a few lines' worth, as a
/// finding's quote is: a 900 KB key is not sent back whole.
pub(crate) fn json_detail(e: &serde_json::Error) -> String {
    let message = e.to_string();
    let position = format!(" at line {} column {}", e.line(), e.column());
    let bare = message.strip_suffix(&position).unwrap_or(&message);
    crate::finding::quote_within(bare, DETAIL_MAX_CHARS)
}

/// [`json_detail`] for the project's own reader: the same words, cut alike.
pub(crate) fn detail(e: &crate::json::Error) -> String {
    crate::finding::quote_within(&e.message, DETAIL_MAX_CHARS)
}

/// The most characters of a JSON reader's error detail shown.
const DETAIL_MAX_CHARS: usize = 200;

#[cfg(not(target_arch = "wasm32"))]
/// A JSON object read as `T`, and nothing else. serde's derived structs also
/// read a JSON array, member by member in order (`["chongming-2023", "城桥镇",
/// …]` would be a report); a report, a prior month, a request and options
/// are always objects, so this refuses the rest with serde's own error and
/// position.
#[derive(Debug)]
pub struct Object<T>(pub T);

#[cfg(not(target_arch = "wasm32"))]
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Object<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Object<T>, D::Error> {
        struct ObjectVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
            type Value = Object<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object `{ ... }`")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Object<T>, A::Error> {
                T::deserialize(MapAccessDeserializer::new(map)).map(Object)
            }
        }
        d.deserialize_map(ObjectVisitor(std::marker::PhantomData))
    }
}

impl Report {
    /// Read a report from its JSON text. A report is always a JSON object.
    pub fn from_json(text: &str) -> Result<Report, ReadError> {
        crate::json::report(text).map_err(ReadError::from)
    }

    /// [`Report::from_json`] through serde_json and the derived reader: the
    /// oracle the project's own reader ([`crate::json`]) is compared with.
    #[doc(hidden)]
    #[cfg(not(target_arch = "wasm32"))]
    pub fn from_json_serde(text: &str) -> Result<Report, ReadError> {
        serde_json::from_str::<Object<Report>>(text)
            .map(|o| o.0)
            .map_err(|e| ReadError {
                line: e.line(),
                column: e.column().max(1),
                detail: json_detail(&e),
            })
    }

    /// The report as JSON text (values exactly as held).
    pub fn to_json(&self) -> String {
        crate::json::ToJson::to_json_pretty(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_shortest_text() {
        let r =
            Report::from_json(r#"{"values":{"a":12,"b":3.5,"c":12.0,"d":0.1,"e":-3}}"#).unwrap();
        let v: Vec<_> = r.values.values().cloned().collect();
        assert_eq!(
            v,
            vec![
                RawValue::Number("12".into()),
                RawValue::Number("3.5".into()),
                RawValue::Number("12".into()),
                RawValue::Number("0.1".into()),
                RawValue::Number("-3".into()),
            ]
        );
    }

    #[test]
    fn numbers_are_exact_and_plain() {
        for (json, plain) in [
            ("0", "0"),
            ("-0", "0"),
            ("-0.0", "0"),
            ("3.50", "3.5"),
            ("1.5e3", "1500"),
            ("1E+2", "100"),
            ("25e-4", "0.0025"),
            ("-12.5e-1", "-1.25"),
            (
                "123456789012345678901234567890",
                "123456789012345678901234567890",
            ),
            ("0.30000000000000000000001", "0.30000000000000000000001"),
            ("1e400", "1e400"),
        ] {
            assert_eq!(plain_decimal(json), plain, "{json}");
        }
    }

    #[test]
    fn numbers_write_back_digit_for_digit() {
        let text = r#"{"values":{"a":123456789012345678901234567890,"b":0.1}}"#;
        let r = Report::from_json(text).unwrap();
        let back = serde_json::to_string(&r.values).unwrap();
        assert_eq!(back, r#"{"a":123456789012345678901234567890,"b":0.1}"#);
    }

    #[test]
    fn null_maps_read_as_empty() {
        let r = Report::from_json(r#"{"values": null, "explanations": null}"#).unwrap();
        assert!(r.values.is_empty() && r.explanations.is_empty());
    }

    #[test]
    fn arrays_and_objects_are_held_not_rejected() {
        let r = Report::from_json(r#"{"values":{"a":[1,2],"b":{"x":1}}}"#).unwrap();
        assert_eq!(r.values["a"], RawValue::Other("array"));
        assert_eq!(r.values["b"], RawValue::Other("object"));
    }
}
