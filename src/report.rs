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

use std::fmt;

use indexmap::IndexMap;
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// One value as it arrived.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum RawValue {
    /// `null`, missing, or text that is empty or only spaces.
    #[default]
    Blank,
    /// Text as typed.
    Text(String),
    /// A JSON number, in its shortest exact decimal form (`12`, `3.5`).
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

/// The shortest decimal that reads back as `f`, never in exponent form, so
/// that a JS number and the same number in a JSON file give the same text.
fn f64_text(f: f64) -> String {
    if f == f.trunc() && f.abs() < 9.007_199_254_740_992e15 {
        // An integral float (JS has no other kind of number) prints without ".0".
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = RawValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number, text, true/false or null")
    }

    fn visit_unit<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Blank)
    }
    fn visit_none<E>(self) -> Result<RawValue, E> {
        Ok(RawValue::Blank)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<RawValue, D::Error> {
        d.deserialize_any(RawVisitor)
    }
    fn visit_bool<E>(self, b: bool) -> Result<RawValue, E> {
        Ok(RawValue::Bool(b))
    }
    fn visit_i64<E>(self, n: i64) -> Result<RawValue, E> {
        Ok(RawValue::Number(n.to_string()))
    }
    fn visit_u64<E>(self, n: u64) -> Result<RawValue, E> {
        Ok(RawValue::Number(n.to_string()))
    }
    fn visit_i128<E>(self, n: i128) -> Result<RawValue, E> {
        Ok(RawValue::Number(n.to_string()))
    }
    fn visit_u128<E>(self, n: u128) -> Result<RawValue, E> {
        Ok(RawValue::Number(n.to_string()))
    }
    fn visit_f64<E>(self, f: f64) -> Result<RawValue, E> {
        if f.is_finite() {
            Ok(RawValue::Number(f64_text(f)))
        } else {
            // Only reachable from JS (NaN, Infinity); kept as text so the
            // parser names it.
            Ok(RawValue::Text(f.to_string()))
        }
    }
    fn visit_str<E>(self, s: &str) -> Result<RawValue, E> {
        Ok(RawValue::Text(s.to_string()))
    }
    fn visit_string<E>(self, s: String) -> Result<RawValue, E> {
        Ok(RawValue::Text(s))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(RawValue::Other("array"))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(RawValue::Other("object"))
    }
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawValue, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

impl Serialize for RawValue {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            RawValue::Blank => s.serialize_none(),
            RawValue::Text(t) => s.serialize_str(t),
            RawValue::Number(n) => {
                if let Ok(u) = n.parse::<u64>() {
                    s.serialize_u64(u)
                } else if let Ok(i) = n.parse::<i64>() {
                    s.serialize_i64(i)
                } else {
                    match n.parse::<f64>() {
                        Ok(f) => s.serialize_f64(f),
                        Err(_) => s.serialize_str(n),
                    }
                }
            }
            RawValue::Bool(b) => s.serialize_bool(*b),
            // Arrays and objects are not kept; `null` would read as blank, so
            // the type's name stays visible instead.
            RawValue::Other(kind) => s.serialize_str(&format!("<{kind}>")),
        }
    }
}

/// An insertion-ordered map with a fast hasher: reports hold a few dozen
/// short keys, and SipHash's DoS resistance buys nothing here while its cost
/// showed in the keystroke benchmark.
pub type Map<V> = IndexMap<String, V, rustc_hash::FxBuildHasher>;

/// A monthly report, as filed. Missing members read as blank.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// The form id; `chongming-2023` when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub form: Option<String>,
    /// 填报单位.
    #[serde(default)]
    pub unit: RawValue,
    /// The month whose cumulative figures are reported, `YYYY-MM`.
    #[serde(default)]
    pub period: RawValue,
    /// 时间: the date written on the form, `YYYY-MM-DD`.
    #[serde(default)]
    pub date: RawValue,
    /// Values by key, in the order given.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub values: Map<RawValue>,
    /// 说明 by finding id.
    #[serde(
        default,
        skip_serializing_if = "IndexMap::is_empty",
        deserialize_with = "null_as_empty"
    )]
    pub explanations: Map<String>,
}

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
    /// serde's own description, in English.
    pub detail: String,
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

impl Report {
    /// Read a report from its JSON text.
    pub fn from_json(text: &str) -> Result<Report, ReadError> {
        // serde reads a struct from a JSON array too (`[]` would be an empty
        // report); a report is always an object.
        let start = text.trim_start();
        if !start.is_empty() && !start.starts_with('{') {
            let offset = text.len() - start.len();
            let line = text[..offset].matches('\n').count() + 1;
            let column = offset - text[..offset].rfind('\n').map_or(0, |i| i + 1) + 1;
            return Err(ReadError {
                line,
                column,
                detail: "expected a JSON object `{ ... }`".into(),
            });
        }
        serde_json::from_str(text).map_err(|e| ReadError {
            line: e.line(),
            column: e.column(),
            detail: e.to_string(),
        })
    }

    /// The report as JSON text (values exactly as held).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a report always serialises")
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
