//! Turning what people type into values.
//!
//! Reporting staff type on Chinese keyboards, paste from spreadsheets and copy
//! from last month's form, so the parser accepts the harmless variants — full-
//! width digits and punctuation (１２, ３．５), correct thousands separators
//! (1,234 and 1，234), the field's own unit after the number (12个, 3.5万元),
//! several spellings of 是/否 — and rejects everything that would change the
//! meaning if guessed, with a reason the message can name: a 元 amount in a
//! 万元 field is not divided by 10,000 behind the user's back.

use crate::form::{Field, Kind, Max};
use crate::money::Wan;
use crate::report::{Raw, RawValue};

/// A parsed value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Value {
    Count(u64),
    Money(Wan),
    YesNo(bool),
}

impl Value {
    /// The canonical text: `12`, `3.5`, `是`.
    pub fn text(self) -> String {
        match self {
            Value::Count(n) => n.to_string(),
            Value::Money(w) => w.to_string(),
            Value::YesNo(true) => "是".to_string(),
            Value::YesNo(false) => "否".to_string(),
        }
    }

    /// [`Value::text`], written at the end of `out`.
    pub fn write_text(self, out: &mut String) {
        match self {
            Value::Count(n) => out.push_str(itoa::Buffer::new().format(n)),
            Value::Money(w) => w.write_to(out),
            Value::YesNo(true) => out.push('是'),
            Value::YesNo(false) => out.push('否'),
        }
    }

    /// The canonical JSON form: counts as numbers, money as exact decimal
    /// text (a JS number could not hold every amount exactly), 是/否 as text.
    pub fn to_raw(self) -> RawValue {
        match self {
            Value::Count(n) => RawValue::Number(n.to_string()),
            other => RawValue::Text(other.text()),
        }
    }

    /// The numeric value in the smallest unit (a count, or 元), for comparisons
    /// between values of one field.
    pub fn magnitude(self) -> Option<i128> {
        match self {
            Value::Count(n) => Some(i128::from(n)),
            Value::Money(w) => Some(i128::from(w.yuan())),
            Value::YesNo(_) => None,
        }
    }

    pub fn is_zero(self) -> bool {
        self.magnitude() == Some(0)
    }
}

/// Why a value was refused. Each maps to one F rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// Not a number at all (letters, NaN, Infinity, stray symbols).
    NotANumber,
    /// A word for "none" (无, /, -): the form says 无则填0.
    NoneWord,
    /// Below zero.
    Negative,
    /// A count with a fractional part.
    Fraction,
    /// A 万元 amount with more than 4 decimals.
    TooManyDecimals,
    /// An amount typed in 元 (35000元) in a 万元 field; `wan` is the same
    /// amount in 万元 where it is exact.
    YuanInWan { wan: Option<Wan> },
    /// Above the field's hard maximum.
    AboveMax(Max),
    /// A unit after the number that is not the field's.
    WrongUnit {
        typed: String,
        expected: &'static str,
    },
    /// Not one of the accepted spellings of 是/否.
    NotYesNo,
    /// A JSON array, object or boolean where a number belongs.
    WrongType(&'static str),
    /// Thousands separators in the wrong places (12,34).
    BadGrouping,
}

/// Units that can follow a number on this kind of form, longest first so
/// that 家次 is seen before 次.
const KNOWN_UNITS: &[&str] = &["个次", "家次", "万元", "个", "家", "次", "人", "元", "万"];

/// Spellings of "nothing" that people type instead of 0.
const NONE_WORDS: &[&str] = &[
    "无",
    "没有",
    "暂无",
    "无数据",
    "/",
    "-",
    "—",
    "——",
    "--",
    "空",
    "nil",
    "none",
    "n/a",
    "na",
];

/// Map full-width ASCII (１２．５，ｙｅｓ) and the ideographic space to ASCII.
pub fn to_half_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{2212}' => '-',
            '。' => '.',
            c => c,
        })
        .collect()
}

/// Parse one field's raw value. `Ok(None)` means blank.
pub fn parse_value(field: &Field, raw: &RawValue) -> Result<Option<Value>, ParseError> {
    parse_raw(field, raw.view())
}

/// Parse one field's value as the validator reads it. `Ok(None)` means blank.
pub fn parse_raw(field: &Field, raw: Raw<'_>) -> Result<Option<Value>, ParseError> {
    if let Some(v) = plain_count(field, raw) {
        return Ok(Some(v));
    }
    match raw {
        Raw::Blank => Ok(None),
        Raw::Other(t) => Err(ParseError::WrongType(t)),
        Raw::Bool(b) => match field.kind {
            Kind::YesNo => Ok(Some(Value::YesNo(b))),
            _ => Err(ParseError::WrongType("boolean")),
        },
        // A whole number is its digits: the common case is read by
        // `plain_count` above; the rest reads the same digits as text, so
        // both forms give the same value or the same refusal.
        Raw::Int(n) => parse_text(field, &n.to_string()),
        Raw::Text(t) | Raw::Number(t) => parse_text(field, t),
    }
}

/// A count given as a whole number within the field's maximum (a number,
/// its JSON text, or bare digits typed), the common case: its value, read
/// without the general path, whose result (large enough to hold any
/// refusal) cost more to build than the value to read. `None` for anything
/// else, which [`parse_raw`] reads.
#[inline]
pub(crate) fn plain_count(field: &Field, raw: Raw<'_>) -> Option<Value> {
    match raw {
        Raw::Int(n) if field.kind == Kind::Count && (0..PLAIN_LIMIT).contains(&n) => {
            within_max(field, u64::try_from(n).ok()?)
        }
        // The same count as JSON text holds it (`"values": {"x": 12}`), or
        // typed as bare digits.
        Raw::Number(t) | Raw::Text(t) if field.kind == Kind::Count => {
            within_max(field, plain_digits(t.as_bytes())?)
        }
        _ => None,
    }
}

/// The value of 1 to 15 ASCII digits (`None` for anything else): below
/// 10^15, so no step can overflow; each is checked against the bound all
/// the same, by comparison (a `checked_mul` on u64 is a 128-bit library
/// call in WebAssembly). Counts, amounts, months and dates are read with it.
pub(crate) fn plain_digits(b: &[u8]) -> Option<u64> {
    if !(1..=15).contains(&b.len()) {
        return None;
    }
    b.iter().try_fold(0u64, |n, &c| {
        (c.is_ascii_digit() && n <= (u64::MAX - 9) / 10).then(|| n * 10 + u64::from(c - b'0'))
    })
}

/// A count `n` of `field`, if within its maximum.
#[inline]
fn within_max(field: &Field, n: u64) -> Option<Value> {
    match field.max {
        Some(Max::Count(m)) if n > m => None,
        _ => Some(Value::Count(n)),
    }
}

/// Plain digit strings shorter than this (15 digits) are read without
/// allocating; longer ones take the general path and its overflow checks.
const PLAIN_LIMIT: i64 = 1_000_000_000_000_000;

/// Parse text typed into a field. `Ok(None)` means blank.
pub fn parse_text(field: &Field, text: &str) -> Result<Option<Value>, ParseError> {
    // Plain digits are by far the most common input: no allocation for them.
    let plain = text.trim_ascii();
    if let Some(n) = plain_digits(plain.as_bytes()) {
        return match (field.kind, field.max) {
            (Kind::YesNo, _) => parse_yes_no(plain).map(Some),
            (Kind::Count, Some(Max::Count(m))) if n > m => Err(ParseError::AboveMax(Max::Count(m))),
            (Kind::Count, _) => Ok(Some(Value::Count(n))),
            (Kind::Money, max) => money(n, 0, max).map(|w| Some(Value::Money(w))),
        };
    }
    // A 万元 amount as JS and spreadsheets write it (`23.4567`): read in
    // place. Anything else (units, separators, signs, full-width digits)
    // takes the general path below.
    if field.kind == Kind::Money
        && let Some((int, frac)) = plain.split_once('.')
    {
        // Zeros behind the point dropped; the byte kept last is not a
        // zero, so what is cut off starts on a char boundary.
        let frac = frac
            .get(..frac.bytes().rposition(|b| b != b'0').map_or(0, |i| i + 1))
            .unwrap_or(frac);
        if let Some(whole) = plain_digits(int.as_bytes())
            && frac.bytes().all(|b| b.is_ascii_digit())
        {
            if frac.len() > Wan::DECIMALS as usize {
                return Err(ParseError::TooManyDecimals);
            }
            return money(whole, frac_yuan(frac), field.max).map(|w| Some(Value::Money(w)));
        }
    }
    let half = if text.is_ascii() {
        std::borrow::Cow::Borrowed(text)
    } else {
        std::borrow::Cow::Owned(to_half_width(text))
    };
    let s = half.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match field.kind {
        Kind::YesNo => parse_yes_no(s).map(Some),
        Kind::Count | Kind::Money => parse_number(field, s).map(Some),
    }
}

fn parse_yes_no(s: &str) -> Result<Value, ParseError> {
    let is = |words: &[&str]| words.iter().any(|w| w.eq_ignore_ascii_case(s));
    if is(&["是", "yes", "y", "true", "1"]) {
        Ok(Value::YesNo(true))
    } else if is(&["否", "no", "n", "false", "0"]) {
        Ok(Value::YesNo(false))
    } else {
        Err(ParseError::NotYesNo)
    }
}

/// A decimal number as typed: sign, integer digits and fraction digits.
struct Decimal<'a> {
    negative: bool,
    int: String,
    frac: &'a str,
}

fn parse_number(field: &Field, s: &str) -> Result<Value, ParseError> {
    if NONE_WORDS.iter().any(|w| w.eq_ignore_ascii_case(s)) {
        return Err(ParseError::NoneWord);
    }
    let (body, unit) = split_unit(s);
    let dec = split_decimal(body)?;
    if let Some(unit) = unit {
        let accepted = unit == field.unit || (field.kind == Kind::Money && unit == "万");
        if !accepted {
            if field.kind == Kind::Money && unit == "元" {
                return Err(ParseError::YuanInWan {
                    wan: yuan_to_wan(&dec),
                });
            }
            return Err(ParseError::WrongUnit {
                typed: unit.to_string(),
                expected: field.unit,
            });
        }
    }
    let int = dec.int.trim_start_matches('0');
    let is_zero = int.is_empty() && dec.frac.bytes().all(|b| b == b'0');
    if dec.negative && !is_zero {
        return Err(ParseError::Negative);
    }
    let max = field.max;
    // More digits than any maximum can have: refuse before any arithmetic.
    if int.len() > 15 {
        let type_max = match field.kind {
            Kind::Money => Max::Money(Wan::MAX),
            _ => Max::Count(u64::MAX),
        };
        return Err(ParseError::AboveMax(max.unwrap_or(type_max)));
    }
    let whole: u64 = if int.is_empty() {
        0
    } else {
        int.parse().map_err(|_| ParseError::NotANumber)?
    };
    match field.kind {
        Kind::Count => {
            if dec.frac.bytes().any(|b| b != b'0') {
                return Err(ParseError::Fraction);
            }
            if let Some(Max::Count(m)) = max
                && whole > m
            {
                return Err(ParseError::AboveMax(Max::Count(m)));
            }
            Ok(Value::Count(whole))
        }
        Kind::Money => {
            let frac = dec.frac.trim_end_matches('0');
            if frac.len() > Wan::DECIMALS as usize {
                return Err(ParseError::TooManyDecimals);
            }
            money(whole, frac_yuan(frac), max).map(Value::Money)
        }
        Kind::YesNo => unreachable!("yes/no fields are parsed by parse_yes_no"),
    }
}

/// An amount's decimals (ASCII digits, at most 4 of them, checked by the
/// caller) in 元: "5" is 5000, "0001" is 1, so at most 9999.
fn frac_yuan(frac: &str) -> u16 {
    frac.bytes()
        .chain(std::iter::repeat(b'0'))
        .take(4)
        .fold(0u16, |acc, b| acc * 10 + u16::from(b - b'0'))
}

/// `whole` 万元 and `frac_yuan` 元 as an exact amount, within the field's
/// maximum. Every step is checked: an amount too large for the type is
/// above any maximum, and is refused as such, never wrapped into another
/// number.
fn money(whole: u64, frac_yuan: u16, max: Option<Max>) -> Result<Wan, ParseError> {
    let above = || ParseError::AboveMax(max.unwrap_or(Max::Money(Wan::MAX)));
    // Checked by comparison: `whole * 10 000 + frac_yuan` fits exactly when
    // `whole` is at most this (a `checked_mul` on i64 is a library call in
    // WebAssembly).
    let most = (i64::MAX - i64::from(frac_yuan)) / Wan::YUAN_PER_WAN;
    let yuan = i64::try_from(whole)
        .ok()
        .filter(|&w| w <= most)
        .map(|w| w * Wan::YUAN_PER_WAN + i64::from(frac_yuan))
        .ok_or_else(above)?;
    let w = Wan::from_yuan(yuan);
    match max {
        Some(Max::Money(m)) if w > m => Err(ParseError::AboveMax(Max::Money(m))),
        _ => Ok(w),
    }
}

/// Split a trailing unit off (`12个` -> `12`, `个`).
fn split_unit(s: &str) -> (&str, Option<&str>) {
    for unit in KNOWN_UNITS {
        if let Some(body) = s.strip_suffix(unit) {
            return (body.trim_end(), Some(unit));
        }
    }
    (s, None)
}

fn split_decimal(s: &str) -> Result<Decimal<'_>, ParseError> {
    let (negative, rest) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let (int_part, frac) = match rest.split_once('.') {
        Some((i, f)) => (i, f),
        None => (rest, ""),
    };
    if int_part.is_empty() && frac.is_empty() {
        return Err(ParseError::NotANumber);
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return Err(ParseError::NotANumber);
    }
    if !int_part.bytes().all(|b| b.is_ascii_digit() || b == b',') {
        return Err(ParseError::NotANumber);
    }
    let int = if int_part.contains(',') {
        let groups: Vec<&str> = int_part.split(',').collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
        if !(first_ok && rest_ok) {
            return Err(ParseError::BadGrouping);
        }
        groups.concat()
    } else {
        int_part.to_string()
    };
    Ok(Decimal {
        negative,
        int,
        frac,
    })
}

/// The 万元 equivalent of a 元 amount, where it has at most 4 decimals.
fn yuan_to_wan(dec: &Decimal<'_>) -> Option<Wan> {
    if dec.negative || dec.frac.bytes().any(|b| b != b'0') || dec.int.len() > 15 {
        return None;
    }
    let yuan: i64 = if dec.int.is_empty() {
        0
    } else {
        dec.int.parse().ok()?
    };
    Some(Wan::from_yuan(yuan))
}
