//! The one JSON reader for reports, options and a portal's wording, natively
//! and in WebAssembly.
//!
//! A report is a flat object of a few dozen members, read into a
//! [`Report`] whose values keep their JSON text; a
//! general-purpose reader (serde_json with derived readers) cost 52 KB of the
//! browser package and half the time of a native recheck. This reader does
//! only what those shapes need, and answers exactly as serde_json does with
//! the derived readers the project used before: it accepts the same texts,
//! yields the same values, and rejects with the same message at the same
//! line and column (serde_json's words, its byte columns, and its quirks,
//! such as a duplicate member reported after the object's closing brace).
//! The `json` fuzz target and the tests compare the two on every input they
//! make (`crate::fuzz::json`).
//!
//! Each function below names the serde_json code path it mirrors, because
//! the positions depend on it: an error found on a byte already consumed is
//! placed after that byte, one found by peeking is placed after the byte
//! peeked at.

use std::borrow::Cow;

use crate::report::{Map, RawRef, Report, ReportRef, SlotsRef, plain_decimal_cow};

/// Why a text could not be read: serde_json's message, without the
/// position, and the position (1-based line, 0-based byte column, as
/// serde_json counts them). A line of 0 means "not yet placed".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl std::fmt::Display for Error {
    /// As serde_json's `Error` displays.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            f.write_str(&self.message)
        } else {
            write!(
                f,
                "{} at line {} column {}",
                self.message, self.line, self.column
            )
        }
    }
}

type Result<T> = std::result::Result<T, Error>;

// serde_json's words, one per error code it can raise on these shapes.
const EOF_LIST: &str = "EOF while parsing a list";
const EOF_OBJECT: &str = "EOF while parsing an object";
const EOF_STRING: &str = "EOF while parsing a string";
const EOF_VALUE: &str = "EOF while parsing a value";
const EXPECTED_COLON: &str = "expected `:`";
const EXPECTED_LIST_END: &str = "expected `,` or `]`";
const EXPECTED_OBJECT_END: &str = "expected `,` or `}`";
const EXPECTED_IDENT: &str = "expected ident";
const EXPECTED_VALUE: &str = "expected value";
const INVALID_ESCAPE: &str = "invalid escape";
const INVALID_NUMBER: &str = "invalid number";
const OUT_OF_RANGE: &str = "number out of range";
const CONTROL: &str = "control character (\\u0000-\\u001F) found while parsing a string";
const KEY_STRING: &str = "key must be a string";
const LONE_SURROGATE: &str = "lone leading surrogate in hex escape";
const TRAILING_COMMA: &str = "trailing comma";
const TRAILING: &str = "trailing characters";
const HEX_END: &str = "unexpected end of hex escape";

/// 10^k (k at most 308) as the nearest double, as serde_json's table of
/// literals `1e0` … `1e308` holds it: 5^k worked out exactly, rounded to 53
/// bits (half to even), times 2^k, which is exact. Worked out rather than
/// tabled: the table was 2.5 KB of the browser package, for a number named
/// in an error message. `None` above 308.
fn pow10(k: u32) -> Option<f64> {
    if k > 308 {
        return None;
    }
    // 5^308 < 2^716: 23 limbs of 32 bits, least significant first.
    let mut limbs = [0u32; 23];
    limbs[0] = 1;
    let mut len = 1;
    for _ in 0..k {
        let mut carry = 0u32;
        for limb in &mut limbs[..len] {
            let [a, b, c, d, e, ..] = (u64::from(*limb) * 5 + u64::from(carry)).to_le_bytes();
            *limb = u32::from_le_bytes([a, b, c, d]);
            carry = u32::from(e);
        }
        if carry != 0 {
            limbs[len] = carry;
            len += 1;
        }
    }
    let bit = |i: usize| limbs[i / 32] >> (i % 32) & 1 == 1;
    let top = len * 32 - usize::try_from(limbs[len - 1].leading_zeros()).ok()?;
    // The top 53 bits, the one below them, and whether any further is set.
    let shift = top.saturating_sub(53);
    let mut mantissa = (shift..top)
        .rev()
        .fold(0u64, |m, i| m << 1 | u64::from(bit(i)));
    let half = shift > 0 && bit(shift - 1);
    let rest = (0..shift.saturating_sub(1)).any(bit);
    if half && (rest || mantissa & 1 == 1) {
        mantissa += 1;
    }
    // A mantissa of at most 2^53 is exact as a double, and the power of two
    // (2^(shift + k), at most 2^971) is made from its bits.
    let scale = u64::try_from(shift + usize::try_from(k).ok()? + 1023).ok()?;
    Some(mantissa as f64 * f64::from_bits(scale << 52))
}

/// What serde's visitors say they expected.
const A_STRING: &str = "a string";
const A_MAP: &str = "a map";
/// What [`crate::report::Object`] said it expected.
pub const AN_OBJECT: &str = "a JSON object `{ ... }`";

/// A report from its JSON text, as serde_json read `Object<Report>`.
pub fn report(text: &str) -> Result<Report> {
    let mut r = Reader::new(text);
    let report = r.map(AN_OBJECT, Reader::report_members::<Report>)?;
    r.end()?;
    Ok(report)
}

/// [`report`], borrowing from the text where it can.
pub fn report_ref(text: &str) -> Result<ReportRef<'_>> {
    let mut r = Reader::new(text);
    let report = r.map(AN_OBJECT, Reader::report_members::<ReportRef<'_>>)?;
    r.end()?;
    Ok(report)
}

/// [`report_ref`], by slot of the default form ([`SlotsRef`]): the same
/// texts accepted, the same errors.
pub fn report_slots(text: &str) -> Result<SlotsRef<'_>> {
    let mut r = Reader::new(text);
    let report = r.map(AN_OBJECT, Reader::report_members::<SlotsRef<'_>>)?;
    r.end()?;
    Ok(report)
}

/// How a request's member is read (the server's `/api/check` and
/// `/api/submit` bodies).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Member {
    /// A report, required (`Object<Report>`).
    Report,
    /// A report or `null` (`Option<Object<Report>>`).
    Prior,
    /// Any JSON or `null`, kept as text (`Option<Box<RawValue>>`).
    Raw,
    /// Any JSON or `null`, only noted (`Option<IgnoredAny>`): a member that
    /// is refused by name.
    Refused,
}

/// A request body as read, its reports read by key ([`ReportRef`]) or by
/// slot ([`SlotsRef`], [`request_slots`]).
#[derive(Debug, Default)]
pub struct Request<'a, R = ReportRef<'a>> {
    pub report: R,
    pub prior: Option<R>,
    pub raw: Vec<(&'static str, &'a str)>,
    /// The refused members given (not `null`), in the order given.
    pub refused: Vec<&'static str>,
}

/// A request body: an object with only the `members` named (in the order
/// a derived reader declares them), as serde_json read such a struct with
/// `deny_unknown_fields`. The reports in it are read by the report reader
/// in place, so that their errors are placed and worded as for a report
/// read on its own.
pub fn request<'a>(body: &'a str, members: &[(&'static str, Member)]) -> Result<Request<'a>> {
    request_as(body, members)
}

/// [`request`] with its reports read by slot of the default form (the
/// server's check, which needs no report by key): the same bodies accepted,
/// the same errors.
pub fn request_slots<'a>(
    body: &'a str,
    members: &[(&'static str, Member)],
) -> Result<Request<'a, SlotsRef<'a>>> {
    request_as(body, members)
}

fn request_as<'a, R: Build<'a>>(
    body: &'a str,
    members: &[(&'static str, Member)],
) -> Result<Request<'a, R>> {
    let mut r = Reader::new(body);
    let request = r.map(AN_OBJECT, |r| {
        let mut request = Request::default();
        let mut seen = vec![false; members.len()];
        let mut first = true;
        while let Some(key) = r.next_key(&mut first)? {
            let Some(k) = members.iter().position(|(name, _)| *name == key) else {
                let expected = match members {
                    [] => String::new(),
                    [a] => format!("`{}`", a.0),
                    [a, b] => format!("`{}` or `{}`", a.0, b.0),
                    _ => {
                        let names: Vec<String> =
                            members.iter().map(|m| format!("`{}`", m.0)).collect();
                        format!("one of {}", names.join(", "))
                    }
                };
                return Err(Reader::custom(if members.is_empty() {
                    format!("unknown field `{key}`, there are no fields")
                } else {
                    format!("unknown field `{key}`, expected {expected}")
                }));
            };
            let (name, kind) = members[k];
            if std::mem::replace(&mut seen[k], true) {
                return Err(Reader::custom(format!("duplicate field `{name}`")));
            }
            r.colon()?;
            match kind {
                Member::Report => request.report = r.map(AN_OBJECT, Reader::report_members)?,
                Member::Prior => {
                    if !r.null_next()? {
                        request.prior = Some(r.map(AN_OBJECT, Reader::report_members)?);
                    }
                }
                Member::Raw => {
                    if !r.null_next()? {
                        let raw = r.raw()?;
                        request.raw.push((name, raw));
                    }
                }
                Member::Refused => {
                    if !r.null_next()? {
                        r.skip_value()?;
                        request.refused.push(name);
                    }
                }
            }
        }
        if let Some((name, _)) = members
            .iter()
            .zip(&seen)
            .find(|((_, kind), seen)| *kind == Member::Report && !**seen)
            .map(|(m, _)| m)
        {
            return Err(Reader::custom(format!("missing field `{name}`")));
        }
        Ok(request)
    })?;
    r.end()?;
    Ok(request)
}

/// An object's members, each as its raw JSON text, as serde_json read
/// `Object<Map<Box<RawValue>>>`. A repeated name keeps its first place and
/// its last value.
pub fn members(text: &str) -> Result<Map<&str>> {
    let mut r = Reader::new(text);
    let members = r.map(AN_OBJECT, |r| {
        let mut members = Map::default();
        let mut first = true;
        while let Some(key) = r.next_key(&mut first)? {
            r.colon()?;
            let raw = r.raw()?;
            members.insert(key.into_owned(), raw);
        }
        Ok(members)
    })?;
    r.end()?;
    Ok(members)
}

/// A JSON string, as `serde_json::from_str::<String>`.
pub fn string(text: &str) -> Result<String> {
    string_ref(text).map(Cow::into_owned)
}

/// [`string`], borrowing from the text where it has no escapes.
fn string_ref(text: &str) -> Result<Cow<'_, str>> {
    let mut r = Reader::new(text);
    let s = r.string()?;
    r.end()?;
    Ok(s)
}

/// A JSON string or `null`, as `serde_json::from_str::<Option<String>>`.
pub fn option_string(text: &str) -> Result<Option<String>> {
    let mut r = Reader::new(text);
    let s = if r.null_next()? {
        None
    } else {
        Some(r.string()?.into_owned())
    };
    r.end()?;
    Ok(s)
}

/// A number as serde_json holds it on its way to a message.
enum Number {
    Unsigned(u64),
    Signed(i64),
    Float(f64),
}

/// What was found where something else was expected (serde's `Unexpected`,
/// as serde_json words it).
enum Unexpected {
    Null,
    Bool(bool),
    Number(Number),
    Str(String),
    Seq,
    Map,
}

impl Unexpected {
    fn words(&self) -> String {
        match self {
            Unexpected::Null => "null".to_string(),
            Unexpected::Bool(b) => format!("boolean `{b}`"),
            Unexpected::Number(Number::Unsigned(n)) => format!("integer `{n}`"),
            Unexpected::Number(Number::Signed(n)) => format!("integer `{n}`"),
            Unexpected::Number(Number::Float(f)) => {
                format!("floating point `{}`", zmij::Buffer::new().format(*f))
            }
            Unexpected::Str(s) => format!("string {s:?}"),
            Unexpected::Seq => "sequence".to_string(),
            Unexpected::Map => "map".to_string(),
        }
    }
}

struct Reader<'a> {
    text: &'a str,
    s: &'a [u8],
    i: usize,
}

impl<'a> Reader<'a> {
    fn new(text: &'a str) -> Reader<'a> {
        Reader {
            text,
            s: text.as_bytes(),
            i: 0,
        }
    }

    /// serde_json's `position_of_index`.
    #[cold]
    #[inline(never)]
    fn at(&self, i: usize, message: &str) -> Error {
        let start_of_line = self.s[..i]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        Error {
            line: 1 + self.s[..start_of_line]
                .iter()
                .filter(|&&b| b == b'\n')
                .count(),
            column: i - start_of_line,
            message: message.to_string(),
        }
    }

    /// An error on a byte already consumed (`Deserializer::error`).
    fn error(&self, message: &str) -> Error {
        self.at(self.i, message)
    }

    /// An error on the byte peeked at (`Deserializer::peek_error`).
    fn peek_error(&self, message: &str) -> Error {
        self.at((self.i + 1).min(self.s.len()), message)
    }

    /// A message raised without a position (`de::Error::custom`).
    fn custom(message: String) -> Error {
        Error {
            line: 0,
            column: 0,
            message,
        }
    }

    /// `Deserializer::fix_position`: an unplaced error is placed where the
    /// reader is now.
    fn fix(&self, e: Error) -> Error {
        if e.line == 0 {
            self.at(self.i, &e.message)
        } else {
            e
        }
    }

    fn peek(&self) -> Option<u8> {
        self.s.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.i += 1;
        Some(b)
    }

    /// `parse_whitespace`.
    fn ws(&mut self) -> Option<u8> {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.i += 1;
        }
        self.peek()
    }

    /// `Deserializer::end`.
    fn end(&mut self) -> Result<()> {
        match self.ws() {
            Some(_) => Err(self.peek_error(TRAILING)),
            None => Ok(()),
        }
    }

    /// `parse_ident`.
    fn ident(&mut self, rest: &[u8]) -> Result<()> {
        for &expected in rest {
            match self.next() {
                None => return Err(self.error(EOF_VALUE)),
                Some(b) if b != expected => return Err(self.error(EXPECTED_IDENT)),
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// `deserialize_option`'s test for `null`: true (and consumed) if the
    /// next value is `null`.
    fn null_next(&mut self) -> Result<bool> {
        if self.ws() == Some(b'n') {
            self.i += 1;
            self.ident(b"ull")?;
            return Ok(true);
        }
        Ok(false)
    }

    /// `deserialize_map` with a visitor that reads the members: the closing
    /// brace is read even after the visitor failed, and an unplaced error is
    /// placed after it.
    fn map<T>(&mut self, expected: &str, body: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        match self.ws() {
            None => Err(self.peek_error(EOF_VALUE)),
            Some(b'{') => {
                self.i += 1;
                let ret = body(self);
                let end = self.end_map();
                match (ret, end) {
                    (Ok(v), Ok(())) => Ok(v),
                    (Err(e), _) | (_, Err(e)) => Err(self.fix(e)),
                }
            }
            Some(_) => Err(self.invalid_type(expected)),
        }
    }

    /// `end_map`.
    fn end_map(&mut self) -> Result<()> {
        match self.ws() {
            Some(b'}') => {
                self.i += 1;
                Ok(())
            }
            Some(b',') => Err(self.peek_error(TRAILING_COMMA)),
            Some(_) => Err(self.peek_error(TRAILING)),
            None => Err(self.peek_error(EOF_OBJECT)),
        }
    }

    /// Whether the next key is exactly `key` (written without escapes),
    /// which is then read, as [`Reader::next_key`] would read it; if not,
    /// nothing is read. Never an error: where the text is anything else,
    /// `next_key` reads it and says what is wrong.
    fn next_key_is(&mut self, first: &mut bool, key: &str) -> bool {
        let start = self.i;
        let quote = match self.ws() {
            Some(b'"') if *first => true,
            Some(b',') if !*first => {
                self.i += 1;
                self.ws() == Some(b'"')
            }
            _ => false,
        };
        let at = self.i + 1;
        let end = at + key.len();
        if quote && self.s.get(at..end) == Some(key.as_bytes()) && self.s.get(end) == Some(&b'"') {
            self.i = end + 1;
            *first = false;
            true
        } else {
            self.i = start;
            false
        }
    }

    /// `MapAccess::next_key_seed` with a `String` key.
    fn next_key(&mut self, first: &mut bool) -> Result<Option<Cow<'a, str>>> {
        let Some(peek) = self.ws() else {
            return Err(self.peek_error(EOF_OBJECT));
        };
        if peek == b'}' {
            return Ok(None);
        } else if *first {
            *first = false;
            if peek != b'"' {
                return Err(self.peek_error(KEY_STRING));
            }
        } else if peek == b',' {
            self.i += 1;
            match self.ws() {
                Some(b'"') => {}
                Some(b'}') => return Err(self.peek_error(TRAILING_COMMA)),
                Some(_) => return Err(self.peek_error(KEY_STRING)),
                None => return Err(self.peek_error(EOF_VALUE)),
            }
        } else {
            return Err(self.peek_error(EXPECTED_OBJECT_END));
        }
        self.i += 1;
        self.parse_str().map(Some)
    }

    /// `parse_object_colon`.
    fn colon(&mut self) -> Result<()> {
        match self.ws() {
            Some(b':') => {
                self.i += 1;
                Ok(())
            }
            Some(_) => Err(self.peek_error(EXPECTED_COLON)),
            None => Err(self.peek_error(EOF_OBJECT)),
        }
    }

    /// `deserialize_str` with a `String` visitor.
    fn string(&mut self) -> Result<Cow<'a, str>> {
        match self.ws() {
            None => Err(self.peek_error(EOF_VALUE)),
            Some(b'"') => {
                self.i += 1;
                self.parse_str()
            }
            Some(_) => Err(self.invalid_type(A_STRING)),
        }
    }

    /// `deserialize_raw_value`: the next value's text, from its first byte.
    fn raw(&mut self) -> Result<&'a str> {
        self.ws();
        let start = self.i;
        // A number or a string, nearly every value, skipped as
        // `skip_value` would skip it, without its stack of brackets.
        match self.peek() {
            Some(b'0'..=b'9') => {
                self.skip_integer()?;
            }
            Some(b'-') => {
                self.i += 1;
                self.skip_integer()?;
            }
            Some(b'"') => {
                self.i += 1;
                self.skip_str()?;
            }
            _ => self.skip_value()?,
        }
        Ok(&self.text[start..self.i])
    }

    /// `peek_invalid_type` and the `fix_position` after it: the value is
    /// read to name it, and the error is placed after it.
    #[cold]
    #[inline(never)]
    fn invalid_type(&mut self, expected: &str) -> Error {
        let found = match self.peek().unwrap_or(0) {
            b'n' => {
                self.i += 1;
                if let Err(e) = self.ident(b"ull") {
                    return e;
                }
                Unexpected::Null
            }
            b't' => {
                self.i += 1;
                if let Err(e) = self.ident(b"rue") {
                    return e;
                }
                Unexpected::Bool(true)
            }
            b'f' => {
                self.i += 1;
                if let Err(e) = self.ident(b"alse") {
                    return e;
                }
                Unexpected::Bool(false)
            }
            b'-' | b'0'..=b'9' => match self.number() {
                Ok(n) => Unexpected::Number(n),
                Err(e) => return e,
            },
            b'"' => {
                self.i += 1;
                match self.parse_str() {
                    Ok(s) => Unexpected::Str(s.into_owned()),
                    Err(e) => return e,
                }
            }
            b'[' => Unexpected::Seq,
            b'{' => Unexpected::Map,
            _ => return self.peek_error(EXPECTED_VALUE),
        };
        let message = format!("invalid type: {}, expected {expected}", found.words());
        self.fix(Self::custom(message))
    }

    /// `parse_any_number`, as serde_json reads a number by default: up to
    /// 19 digits into a `u64`, the rest counted into the exponent, then
    /// scaled by a power of ten (not always the nearest double, and that is
    /// what its messages show). Written out rather than `str::parse`, whose
    /// exact algorithm brought 10 KB of tables to the browser package.
    #[cold]
    #[inline(never)]
    fn number(&mut self) -> Result<Number> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.i += 1;
        }
        let mut significand: u64 = 0;
        let mut exponent: i32 = 0;
        // Whether the integer part no longer fits (`parse_long_integer`).
        let mut long = false;
        let push = |significand: &mut u64, digit: u8| match significand
            .checked_mul(10)
            .and_then(|s| s.checked_add(u64::from(digit - b'0')))
        {
            Some(s) => {
                *significand = s;
                true
            }
            None => false,
        };
        // `parse_integer`.
        match self.next() {
            None => return Err(self.error(EOF_VALUE)),
            Some(b'0') => {
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.peek_error(INVALID_NUMBER));
                }
            }
            Some(c @ b'1'..=b'9') => {
                significand = u64::from(c - b'0');
                while let Some(c @ b'0'..=b'9') = self.peek() {
                    self.i += 1;
                    if long || !push(&mut significand, c) {
                        long = true;
                        exponent = exponent.saturating_add(1);
                    }
                }
            }
            Some(_) => return Err(self.error(INVALID_NUMBER)),
        }
        let mut float = long;
        if self.peek() == Some(b'.') {
            // `parse_decimal`, then `parse_decimal_overflow`.
            float = true;
            self.i += 1;
            let digits = self.i;
            let mut overflowed = false;
            while let Some(c @ b'0'..=b'9') = self.peek() {
                self.i += 1;
                if !overflowed {
                    if push(&mut significand, c) {
                        exponent = exponent.saturating_sub(1);
                    } else {
                        overflowed = true;
                    }
                }
            }
            if self.i == digits {
                return Err(match self.peek() {
                    Some(_) => self.peek_error(INVALID_NUMBER),
                    None => self.peek_error(EOF_VALUE),
                });
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            // `parse_exponent`.
            float = true;
            self.i += 1;
            let positive_exp = match self.peek() {
                Some(b'+') => {
                    self.i += 1;
                    true
                }
                Some(b'-') => {
                    self.i += 1;
                    false
                }
                _ => true,
            };
            let mut exp: i32 = match self.next() {
                None => return Err(self.error(EOF_VALUE)),
                Some(c @ b'0'..=b'9') => i32::from(c - b'0'),
                Some(_) => return Err(self.error(INVALID_NUMBER)),
            };
            while let Some(c @ b'0'..=b'9') = self.peek() {
                self.i += 1;
                match exp
                    .checked_mul(10)
                    .and_then(|e| e.checked_add(i32::from(c - b'0')))
                {
                    Some(e) => exp = e,
                    None => {
                        // `parse_exponent_overflow`.
                        if significand != 0 && positive_exp {
                            return Err(self.error(OUT_OF_RANGE));
                        }
                        while let Some(b'0'..=b'9') = self.peek() {
                            self.i += 1;
                        }
                        return Ok(Number::Float(if negative { -0.0 } else { 0.0 }));
                    }
                }
            }
            exponent = if positive_exp {
                exponent.saturating_add(exp)
            } else {
                exponent.saturating_sub(exp)
            };
        }
        if !float {
            if !negative {
                return Ok(Number::Unsigned(significand));
            }
            // `parse_number`: `-0`, and anything below i64::MIN, is a float.
            let neg = (significand as i64).wrapping_neg();
            return Ok(if neg >= 0 {
                Number::Float(-(significand as f64))
            } else {
                Number::Signed(neg)
            });
        }
        // `f64_from_parts`.
        let mut f = significand as f64;
        loop {
            match pow10(exponent.unsigned_abs()) {
                Some(pow) => {
                    if exponent >= 0 {
                        f *= pow;
                        if f.is_infinite() {
                            return Err(self.error(OUT_OF_RANGE));
                        }
                    } else {
                        f /= pow;
                    }
                    break;
                }
                None => {
                    if f == 0.0 {
                        break;
                    }
                    if exponent >= 0 {
                        return Err(self.error(OUT_OF_RANGE));
                    }
                    f /= 1e308;
                    exponent += 308;
                }
            }
        }
        Ok(Number::Float(if negative { -f } else { f }))
    }

    /// Past the characters of a string that need no second look
    /// (`skip_to_escape`): up to a quote, a backslash or a control character.
    fn skip_plain(&mut self) {
        self.i += plain_run(self.s.get(self.i..).unwrap_or_default());
    }

    /// `SliceRead::parse_str` (escapes decoded, surrogates paired), after
    /// the opening quote.
    fn parse_str(&mut self) -> Result<Cow<'a, str>> {
        let mut scratch: Option<Vec<u8>> = None;
        let mut start = self.i;
        loop {
            self.skip_plain();
            match self.peek() {
                None => return Err(self.error(EOF_STRING)),
                Some(b'"') => {
                    let end = self.i;
                    self.i += 1;
                    return Ok(match scratch {
                        None => Cow::Borrowed(&self.text[start..end]),
                        Some(mut bytes) => {
                            bytes.extend_from_slice(&self.s[start..end]);
                            // Whole characters of the text and whole decoded
                            // escapes (paired surrogates only): UTF-8.
                            Cow::Owned(String::from_utf8(bytes).unwrap_or_default())
                        }
                    });
                }
                Some(b'\\') => {
                    let bytes = scratch.get_or_insert_with(Vec::new);
                    bytes.extend_from_slice(&self.s[start..self.i]);
                    self.i += 1;
                    self.escape(bytes)?;
                    start = self.i;
                }
                Some(_) => {
                    self.i += 1;
                    return Err(self.error(CONTROL));
                }
            }
        }
    }

    /// `next_or_eof`.
    fn next_in_string(&mut self) -> Result<u8> {
        self.next().ok_or_else(|| self.error(EOF_STRING))
    }

    /// `parse_escape`, after the backslash.
    fn escape(&mut self, out: &mut Vec<u8>) -> Result<()> {
        let c = match self.next_in_string()? {
            b'"' => b'"',
            b'\\' => b'\\',
            b'/' => b'/',
            b'b' => 0x08,
            b'f' => 0x0c,
            b'n' => b'\n',
            b'r' => b'\r',
            b't' => b'\t',
            b'u' => return self.unicode_escape(out),
            _ => return Err(self.error(INVALID_ESCAPE)),
        };
        out.push(c);
        Ok(())
    }

    /// `decode_hex_escape`.
    fn hex(&mut self) -> Result<u16> {
        let Some(digits) = self.s.get(self.i..self.i + 4) else {
            self.i = self.s.len();
            return Err(self.error(EOF_STRING));
        };
        self.i += 4;
        let mut n: u16 = 0;
        for &d in digits {
            let v = match d {
                b'0'..=b'9' => d - b'0',
                b'a'..=b'f' => d - b'a' + 10,
                b'A'..=b'F' => d - b'A' + 10,
                _ => return Err(self.error(INVALID_ESCAPE)),
            };
            n = (n << 4) | u16::from(v);
        }
        Ok(n)
    }

    /// `parse_unicode_escape` as it validates: surrogates must pair.
    fn unicode_escape(&mut self, out: &mut Vec<u8>) -> Result<()> {
        let n = self.hex()?;
        if (0xDC00..=0xDFFF).contains(&n) {
            return Err(self.error(LONE_SURROGATE));
        }
        let code = if (0xD800..=0xDBFF).contains(&n) {
            for expected in [b'\\', b'u'] {
                let peek = self.peek().ok_or_else(|| self.error(EOF_STRING))?;
                self.i += 1;
                if peek != expected {
                    return Err(self.error(HEX_END));
                }
            }
            let n2 = self.hex()?;
            if !(0xDC00..=0xDFFF).contains(&n2) {
                return Err(self.error(LONE_SURROGATE));
            }
            ((u32::from(n - 0xD800) << 10) | u32::from(n2 - 0xDC00)) + 0x1_0000
        } else {
            u32::from(n)
        };
        let c = char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER);
        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        Ok(())
    }

    /// `ignore_value`: skips one value of any depth without recursion.
    fn skip_value(&mut self) -> Result<()> {
        let mut stack: Vec<u8> = Vec::new();
        let mut enclosing: Option<u8> = None;
        loop {
            let Some(peek) = self.ws() else {
                return Err(self.peek_error(EOF_VALUE));
            };
            let frame = match peek {
                b'n' => {
                    self.i += 1;
                    self.ident(b"ull")?;
                    None
                }
                b't' => {
                    self.i += 1;
                    self.ident(b"rue")?;
                    None
                }
                b'f' => {
                    self.i += 1;
                    self.ident(b"alse")?;
                    None
                }
                b'-' => {
                    self.i += 1;
                    self.skip_integer()?;
                    None
                }
                b'0'..=b'9' => {
                    self.skip_integer()?;
                    None
                }
                b'"' => {
                    self.i += 1;
                    self.skip_str()?;
                    None
                }
                frame @ (b'[' | b'{') => {
                    stack.extend(enclosing.take());
                    self.i += 1;
                    Some(frame)
                }
                _ => return Err(self.peek_error(EXPECTED_VALUE)),
            };
            let (mut accept_comma, mut frame) = match frame {
                Some(frame) => (false, frame),
                None => match enclosing.take().or_else(|| stack.pop()) {
                    Some(frame) => (true, frame),
                    None => return Ok(()),
                },
            };
            loop {
                match self.ws() {
                    Some(b',') if accept_comma => {
                        self.i += 1;
                        break;
                    }
                    Some(b']') if frame == b'[' => {}
                    Some(b'}') if frame == b'{' => {}
                    Some(_) => {
                        if accept_comma {
                            return Err(self.peek_error(if frame == b'[' {
                                EXPECTED_LIST_END
                            } else {
                                EXPECTED_OBJECT_END
                            }));
                        }
                        break;
                    }
                    None => {
                        return Err(self.peek_error(if frame == b'[' {
                            EOF_LIST
                        } else {
                            EOF_OBJECT
                        }));
                    }
                }
                self.i += 1;
                match stack.pop() {
                    Some(f) => frame = f,
                    None => return Ok(()),
                }
                accept_comma = true;
            }
            if frame == b'{' {
                match self.ws() {
                    Some(b'"') => self.i += 1,
                    Some(_) => return Err(self.peek_error(KEY_STRING)),
                    None => return Err(self.peek_error(EOF_OBJECT)),
                }
                self.skip_str()?;
                match self.ws() {
                    Some(b':') => self.i += 1,
                    Some(_) => return Err(self.peek_error(EXPECTED_COLON)),
                    None => return Err(self.peek_error(EOF_OBJECT)),
                }
            }
            enclosing = Some(frame);
        }
    }

    /// `next_char_or_null`.
    fn next_or_null(&mut self) -> u8 {
        self.next().unwrap_or(0)
    }

    fn skip_digits(&mut self) {
        while let Some(b'0'..=b'9') = self.peek() {
            self.i += 1;
        }
    }

    /// `ignore_integer`, `ignore_decimal` and `ignore_exponent`; true if
    /// the number is in plain decimal form as written (no exponent, no
    /// trailing zero after the point; `-0` aside), which the reader of a
    /// report's values then need not check again.
    fn skip_integer(&mut self) -> Result<bool> {
        let mut plain = true;
        match self.next_or_null() {
            b'0' => {
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.peek_error(INVALID_NUMBER));
                }
            }
            b'1'..=b'9' => self.skip_digits(),
            _ => return Err(self.error(INVALID_NUMBER)),
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            let digits = self.i;
            self.skip_digits();
            if self.i == digits {
                return Err(self.peek_error(INVALID_NUMBER));
            }
            plain = self.s[self.i - 1] != b'0';
        }
        if let Some(b'e' | b'E') = self.peek() {
            plain = false;
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            match self.next_or_null() {
                b'0'..=b'9' => self.skip_digits(),
                _ => return Err(self.error(INVALID_NUMBER)),
            }
        }
        Ok(plain)
    }

    /// `SliceRead::ignore_str`: escapes checked for form only.
    fn skip_str(&mut self) -> Result<()> {
        loop {
            self.skip_plain();
            match self.peek() {
                None => return Err(self.error(EOF_STRING)),
                Some(b'"') => {
                    self.i += 1;
                    return Ok(());
                }
                Some(b'\\') => {
                    self.i += 1;
                    match self.next_in_string()? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                        b'u' => {
                            self.hex()?;
                        }
                        _ => return Err(self.error(INVALID_ESCAPE)),
                    }
                }
                Some(_) => return Err(self.error(CONTROL)),
            }
        }
    }

    /// A report value (`RawValue`'s reader): its raw text, sorted by the
    /// first byte. A string is then read on its own, as serde_json read it
    /// with `from_str`, so that an unpaired surrogate is refused there, at
    /// the position within the string's own text.
    ///
    /// Natively it is inlined into the member loop: returned through
    /// memory, its 32-byte result was written in parts and at once read back
    /// whole, a load the processor cannot forward from its store buffer,
    /// and the loop waited on it for 8 % of `check_json`'s time. Inlined
    /// (with [`Build::expected_value`]), `check_json` went from 2.08× to
    /// 1.97× the typed serde reference (medians of 12 alternated runs, twice).
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn raw_value(&mut self) -> Result<RawRef<'a>> {
        // A plain integer, most values, is read here, where its shape is
        // learnt on the way: it is not scanned again to find that out.
        // Native only: it saves 3,600 of the 65,785 instructions of
        // `check_json`, but costs 329 B of the browser package, whose values
        // come the lean way and seldom through here.
        #[cfg(not(target_arch = "wasm32"))]
        if let Some(digits) = self.plain_integer()? {
            return Ok(RawRef::Number(Cow::Borrowed(digits)));
        }
        let raw = self.raw()?;
        Ok(match raw.as_bytes().first() {
            None | Some(b'n') => RawRef::Blank,
            Some(b't') => RawRef::Bool(true),
            Some(b'f') => RawRef::Bool(false),
            Some(b'[') => RawRef::Other("array"),
            Some(b'{') => RawRef::Other("object"),
            // Without escapes the text is what lies between the quotes (the
            // skip above checked it); only escapes need reading again.
            Some(b'"') if !raw.contains('\\') => {
                RawRef::Text(Cow::Borrowed(&raw[1..raw.len() - 1]))
            }
            Some(b'"') => RawRef::Text(string_ref(raw)?),
            Some(_) => RawRef::Number(plain_decimal_cow(raw)),
        })
    }

    /// The next value's text if it is a plain integer (most values), as
    /// [`Reader::raw_value`] would read it; if not, nothing is read.
    /// Natively, the member loop puts such a value in its slot itself:
    /// a [`RawRef`] that came out of `raw_value`'s several branches was
    /// built on the stack and read back whole, the wait described there.
    #[cfg(not(target_arch = "wasm32"))]
    #[inline(always)]
    fn plain_integer(&mut self) -> Result<Option<&'a str>> {
        let Some(first @ (b'0'..=b'9' | b'-')) = self.ws() else {
            return Ok(None);
        };
        let start = self.i;
        if first == b'-' {
            self.i += 1;
        }
        let plain = self.skip_integer()?;
        let raw = &self.text[start..self.i];
        if plain && raw != "-0" {
            return Ok(Some(raw));
        }
        self.i = start;
        Ok(None)
    }

    /// `Option<Map<String, V>>` where `null` reads as the empty map: each
    /// member handed to `member` as it is read.
    fn option_map(
        &mut self,
        mut member: impl FnMut(&mut Self, Cow<'a, str>) -> Result<()>,
    ) -> Result<()> {
        if self.null_next()? {
            return Ok(());
        }
        self.map(A_MAP, |r| {
            let mut first = true;
            while let Some(key) = r.next_key(&mut first)? {
                r.colon()?;
                member(r, key)?;
            }
            Ok(())
        })
    }

    /// The members of a report, as serde's derived reader took them: a
    /// repeated member is refused as soon as its name is read, and unknown
    /// members are skipped.
    fn report_members<B: Build<'a>>(&mut self) -> Result<B> {
        let mut report = B::default();
        let mut seen = [false; 6];
        let mut first = true;
        while let Some(key) = self.next_key(&mut first)? {
            const NAMES: [&str; 6] = ["form", "unit", "period", "date", "values", "explanations"];
            let Some(k) = NAMES.iter().position(|n| *n == key) else {
                self.colon()?;
                self.skip_value()?;
                continue;
            };
            if std::mem::replace(&mut seen[k], true) {
                return Err(Self::custom(format!("duplicate field `{}`", NAMES[k])));
            }
            self.colon()?;
            match k {
                0 => {
                    let form = if self.null_next()? {
                        None
                    } else {
                        Some(self.string()?)
                    };
                    report.form(form);
                }
                1..=3 => {
                    let raw = self.raw_value()?;
                    report.header(k - 1, raw);
                }
                4 => {
                    // A report's values fill most of the form's slots;
                    // growing the map from empty cost a fifth of reading one.
                    report.reserve_values(64);
                    if !self.null_next()? {
                        self.map(A_MAP, |r| {
                            let mut first = true;
                            loop {
                                // The member the report is expected to have
                                // next, where it has it, exactly as written:
                                // no text to scan and no key to look up.
                                if let Some(key) = report.expected_key()
                                    && r.next_key_is(&mut first, key)
                                {
                                    r.colon()?;
                                    #[cfg(not(target_arch = "wasm32"))]
                                    if let Some(digits) = r.plain_integer()? {
                                        report.expected_number(digits);
                                        continue;
                                    }
                                    let raw = r.raw_value()?;
                                    report.expected_value(raw);
                                    continue;
                                }
                                let Some(key) = r.next_key(&mut first)? else {
                                    return Ok(());
                                };
                                r.colon()?;
                                let raw = r.raw_value()?;
                                report.value(key, raw);
                            }
                        })?;
                    }
                }
                _ => self.option_map(|r, key| {
                    let text = r.string()?;
                    report.explanation(key, text);
                    Ok(())
                })?,
            }
        }
        Ok(report)
    }
}

/// Where a report's members go as they are read: a report borrowing from
/// the text ([`ReportRef`]), or an owned [`Report`] built directly, without
/// a borrowed one in between.
trait Build<'a>: Default {
    fn form(&mut self, form: Option<Cow<'a, str>>);
    /// `unit`, `period`, `date` by position.
    fn header(&mut self, i: usize, raw: RawRef<'a>);
    fn reserve_values(&mut self, n: usize);
    /// A repeated key keeps its first place and takes the last value, as a
    /// map's insert does.
    fn value(&mut self, key: Cow<'a, str>, raw: RawRef<'a>);
    /// The key of the value member a report built by slot expects next
    /// (the next field of the form's order); `None` to read every key.
    fn expected_key(&self) -> Option<&'static str> {
        None
    }
    /// The value of the member [`Build::expected_key`] named.
    fn expected_value(&mut self, raw: RawRef<'a>) {
        let _ = raw;
    }
    /// [`Build::expected_value`] for a plain integer's text.
    #[cfg(not(target_arch = "wasm32"))]
    fn expected_number(&mut self, digits: &'a str) {
        self.expected_value(RawRef::Number(Cow::Borrowed(digits)));
    }
    fn explanation(&mut self, key: Cow<'a, str>, text: Cow<'a, str>);
}

impl<'a> Build<'a> for ReportRef<'a> {
    fn form(&mut self, form: Option<Cow<'a, str>>) {
        self.form = form;
    }
    fn header(&mut self, i: usize, raw: RawRef<'a>) {
        *[&mut self.unit, &mut self.period, &mut self.date][i] = raw;
    }
    fn reserve_values(&mut self, n: usize) {
        self.values.reserve(n);
    }
    fn value(&mut self, key: Cow<'a, str>, raw: RawRef<'a>) {
        self.values.insert(key, raw);
    }
    fn explanation(&mut self, key: Cow<'a, str>, text: Cow<'a, str>) {
        self.explanations.insert(key, text);
    }
}

impl<'a> Build<'a> for SlotsRef<'a> {
    fn form(&mut self, form: Option<Cow<'a, str>>) {
        self.form = form;
    }
    fn header(&mut self, i: usize, raw: RawRef<'a>) {
        self.header[i] = raw;
    }
    fn reserve_values(&mut self, _: usize) {
        self.values = vec![None; crate::DEFAULT_FORM.fields.len()];
    }
    fn value(&mut self, key: Cow<'a, str>, raw: RawRef<'a>) {
        self.put(key, raw);
    }
    fn expected_key(&self) -> Option<&'static str> {
        // Only once `values` has its slots.
        self.values.get(self.next)?;
        crate::DEFAULT_FORM.fields.get(self.next).map(|f| f.key)
    }
    // Inlined natively for the reason given at `Reader::raw_value`.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn expected_value(&mut self, raw: RawRef<'a>) {
        let i = self.next;
        if let Some(v) = self.values.get_mut(i) {
            *v = Some(raw);
            self.advance(i);
        }
    }
    // Not the trait's default (`expected_value` of the same `RawRef`): that
    // built the value on the stack and copied it whole into the slot, and
    // the wait `Reader::raw_value` describes came back (`Reader::map` 14 %
    // → 20 % of `check_json`'s time). Written here, it is built in place.
    #[cfg(not(target_arch = "wasm32"))]
    #[inline(always)]
    fn expected_number(&mut self, digits: &'a str) {
        let i = self.next;
        if let Some(v) = self.values.get_mut(i) {
            *v = Some(RawRef::Number(Cow::Borrowed(digits)));
            self.advance(i);
        }
    }
    fn explanation(&mut self, key: Cow<'a, str>, text: Cow<'a, str>) {
        self.explanations.insert(key, text);
    }
}

impl<'a> Build<'a> for Report {
    fn form(&mut self, form: Option<Cow<'a, str>>) {
        self.form = form.map(Cow::into_owned);
    }
    fn header(&mut self, i: usize, raw: RawRef<'a>) {
        *[&mut self.unit, &mut self.period, &mut self.date][i] = raw.into_owned();
    }
    fn reserve_values(&mut self, n: usize) {
        self.values.reserve(n);
    }
    fn value(&mut self, key: Cow<'a, str>, raw: RawRef<'a>) {
        self.values.insert(key.into_owned(), raw.into_owned());
    }
    fn explanation(&mut self, key: Cow<'a, str>, text: Cow<'a, str>) {
        self.explanations
            .insert(key.into_owned(), text.into_owned());
    }
}

/// Whether `text` (a number's text, from a Rust caller that built a
/// [`RawValue::Number`] by hand) is one JSON value; that value's text
/// without the whitespace around it.
pub(crate) fn one_value(text: &str) -> Option<&str> {
    let mut r = Reader::new(text);
    let raw = r.raw().ok()?;
    r.end().ok()?;
    Some(raw)
}

/// How many bytes `s` starts with that a JSON string holds as they are:
/// none a quote, a backslash or a control character. Eight at a time, as
/// serde_json's reader does: in a word, bit 7 of a byte of `mask` is set
/// where that byte is one of them. A borrow can only set bits above the
/// first such byte, so the lowest set bit is exact. (A byte at a time, this
/// scan was a quarter of reading a report.)
fn plain_run(s: &[u8]) -> usize {
    const ONES: u64 = u64::MAX / 255;
    let mut n = 0;
    let mut words = s.chunks_exact(8);
    for word in &mut words {
        let w = u64::from_le_bytes(word.try_into().unwrap_or([0; 8]));
        let quote = w ^ (ONES * u64::from(b'"'));
        let backslash = w ^ (ONES * u64::from(b'\\'));
        let mask =
            (w.wrapping_sub(ONES * 0x20) | quote.wrapping_sub(ONES) | backslash.wrapping_sub(ONES))
                & !w
                & (ONES << 7);
        if mask != 0 {
            return n + usize::try_from(mask.trailing_zeros() / 8).unwrap_or(0);
        }
        n += 8;
    }
    n + words
        .remainder()
        .iter()
        .take_while(|&&b| b != b'"' && b != b'\\' && b >= 0x20)
        .count()
}

/// The one JSON writer: results, reports, the schema and the rule catalogue,
/// natively and in WebAssembly. It writes what serde_json wrote for the
/// derived writers it replaced, byte for byte, compact or pretty (two
/// spaces), and the native build's tests hold the two equal.
pub struct Writer {
    pub out: String,
    pretty: bool,
    indent: usize,
    /// serde_json's `PrettyFormatter::has_value`: whether the container being
    /// closed had a member.
    has_value: bool,
}

/// The members of an object being written.
pub struct Object<'w> {
    w: &'w mut Writer,
    first: bool,
}

/// A value the [`Writer`] can write.
pub trait ToJson {
    fn write_json(&self, w: &mut Writer);

    /// Compact JSON text, as `serde_json::to_string`.
    ///
    /// `Self: Sized` keeps this and [`ToJson::to_json_pretty`] out of the
    /// trait's vtables: values are written through `&dyn ToJson`, and every
    /// type so written had a copy of both in the browser package (6 KB,
    /// almost none of it ever called).
    fn to_json_text(&self) -> String
    where
        Self: Sized,
    {
        let mut w = Writer::new(false);
        self.write_json(&mut w);
        w.out
    }

    /// JSON text indented by two spaces, as `serde_json::to_string_pretty`.
    fn to_json_pretty(&self) -> String
    where
        Self: Sized,
    {
        let mut w = Writer::new(true);
        self.write_json(&mut w);
        w.out
    }
}

impl Writer {
    pub fn new(pretty: bool) -> Writer {
        Writer {
            out: String::with_capacity(1024),
            pretty,
            indent: 0,
            has_value: false,
        }
    }

    fn newline(&mut self) {
        self.out.push('\n');
        for _ in 0..self.indent {
            self.out.push_str("  ");
        }
    }

    fn open(&mut self, bracket: char) {
        self.indent += 1;
        self.has_value = false;
        self.out.push(bracket);
    }

    fn close(&mut self, bracket: char) {
        self.indent -= 1;
        if self.pretty && self.has_value {
            self.newline();
        }
        self.out.push(bracket);
    }

    /// Before an array element or an object member.
    fn item(&mut self, first: bool) {
        if !first {
            self.out.push(',');
        }
        if self.pretty {
            self.newline();
        }
    }

    pub fn object(&mut self, members: impl FnOnce(&mut Object<'_>)) {
        self.open('{');
        members(&mut Object {
            w: self,
            first: true,
        });
        self.close('}');
    }

    pub fn array<'t, T: ToJson + 't>(&mut self, items: impl IntoIterator<Item = &'t T>) {
        self.open('[');
        for (i, v) in items.into_iter().enumerate() {
            self.item(i == 0);
            v.write_json(self);
            self.has_value = true;
        }
        self.close(']');
    }

    /// A JSON string: `"`, `\` and control characters escaped as
    /// serde_json escapes them, everything else as it is.
    #[inline(never)]
    pub fn string(&mut self, s: &str) {
        self.out.reserve(s.len() + 2);
        self.out.push('"');
        // Nearly every string (keys, Chinese text, digits) has nothing to
        // escape.
        if plain_run(s.as_bytes()) == s.len() {
            self.out.push_str(s);
            self.out.push('"');
            return;
        }
        let mut start = 0;
        for (i, b) in s.bytes().enumerate() {
            let escape = match b {
                b'"' => "\\\"",
                b'\\' => "\\\\",
                0x08 => "\\b",
                0x0c => "\\f",
                b'\n' => "\\n",
                b'\r' => "\\r",
                b'\t' => "\\t",
                0..0x20 => "",
                _ => continue,
            };
            self.out.push_str(&s[start..i]);
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.push_str("\\u00");
                self.out.push(char::from(HEX[usize::from(b >> 4)]));
                self.out.push(char::from(HEX[usize::from(b & 0xf)]));
            } else {
                self.out.push_str(escape);
            }
            start = i + 1;
        }
        self.out.push_str(&s[start..]);
        self.out.push('"');
    }

    /// JSON text written as it is (a number's digits).
    pub fn raw(&mut self, json: &str) {
        self.out.push_str(json);
    }

    pub fn null(&mut self) {
        self.out.push_str("null");
    }
}

impl Object<'_> {
    // Not generic, and not inlined: each type's writer is a list of calls,
    // which kept the browser package small (inlined generics cost 20 KB).
    #[inline(never)]
    pub fn field(&mut self, key: &str, value: &dyn ToJson) {
        self.w.item(self.first);
        self.first = false;
        self.w.string(key);
        self.w.out.push_str(if self.w.pretty { ": " } else { ":" });
        value.write_json(self.w);
        self.w.has_value = true;
    }

    /// [`Object::field`] for a key that needs no escaping (a form's key:
    /// `tests/it/schema.rs` holds them to `[a-z0-9_]`), written without
    /// being scanned: a normalised report writes one per field.
    #[inline(never)]
    pub fn plain_field(&mut self, key: &str, value: &dyn ToJson) {
        debug_assert_eq!(plain_run(key.as_bytes()), key.len(), "{key}");
        self.w.item(self.first);
        self.first = false;
        let out = &mut self.w.out;
        out.reserve(key.len() + 4);
        out.push('"');
        out.push_str(key);
        // By the byte: a two-byte `push_str` is a call to memcpy.
        out.push('"');
        out.push(':');
        if self.w.pretty {
            out.push(' ');
        }
        value.write_json(self.w);
        self.w.has_value = true;
    }

    /// A member left out when it is `None` (`skip_serializing_if`).
    pub fn some<T: ToJson>(&mut self, key: &str, value: &Option<T>) {
        // (generic only in the unwrapping)
        if let Some(v) = value {
            self.field(key, v);
        }
    }
}

impl ToJson for str {
    fn write_json(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl ToJson for String {
    fn write_json(&self, w: &mut Writer) {
        w.string(self);
    }
}

impl ToJson for bool {
    fn write_json(&self, w: &mut Writer) {
        w.raw(if *self { "true" } else { "false" });
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl ToJson for $t {
            fn write_json(&self, w: &mut Writer) {
                // itoa, not `fmt`: a result writes a few dozen integers,
                // and formatting machinery was a tenth of a native check.
                w.out.push_str(itoa::Buffer::new().format(*self));
            }
        }
    )*};
}
integers!(u8, u32, u64, usize, i32, i64);

impl<T: ToJson + ?Sized> ToJson for &T {
    fn write_json(&self, w: &mut Writer) {
        (**self).write_json(w);
    }
}

impl<T: ToJson> ToJson for Option<T> {
    fn write_json(&self, w: &mut Writer) {
        match self {
            Some(v) => v.write_json(w),
            None => w.null(),
        }
    }
}

impl<T: ToJson> ToJson for [T] {
    fn write_json(&self, w: &mut Writer) {
        w.array(self);
    }
}

impl<T: ToJson> ToJson for Vec<T> {
    fn write_json(&self, w: &mut Writer) {
        w.array(self);
    }
}

impl ToJson for Cow<'_, str> {
    fn write_json(&self, w: &mut Writer) {
        w.string(self);
    }
}

/// An object whose members a closure writes.
pub struct Members<F>(pub F);

impl<F: Fn(&mut Object<'_>)> ToJson for Members<F> {
    fn write_json(&self, w: &mut Writer) {
        w.object(|o| (self.0)(o));
    }
}

impl<K: std::borrow::Borrow<str>, V: ToJson, S> ToJson for indexmap::IndexMap<K, V, S> {
    fn write_json(&self, w: &mut Writer) {
        w.object(|o| {
            for (k, v) in self {
                o.field(k.borrow(), v);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    /// Every power of ten serde_json's table holds, against the literal
    /// the standard library reads (nearest, ties to even), and none beyond.
    #[test]
    fn powers_of_ten_are_the_nearest_doubles() {
        for k in 0..=308 {
            let want: f64 = format!("1e{k}").parse().unwrap();
            assert_eq!(
                super::pow10(k).map(f64::to_bits),
                Some(want.to_bits()),
                "1e{k}"
            );
        }
        assert_eq!(super::pow10(309), None);
        assert_eq!(super::pow10(u32::MAX), None);
    }

    use super::plain_run;

    /// The word-at-a-time scan stops where a byte-at-a-time one does, for
    /// every byte value at every position of a word and in the tail.
    #[test]
    fn plain_runs_end_at_the_first_special_byte() {
        let slow = |s: &[u8]| {
            s.iter()
                .take_while(|&&b| b != b'"' && b != b'\\' && b >= 0x20)
                .count()
        };
        for len in 0..20 {
            for at in 0..len {
                for special in 0..=255u8 {
                    for fill in [b'a', 0x7F, 0x80, 0xE5, 0xFF, 0x21, 0x5B, 0x5D] {
                        let mut s = vec![fill; len];
                        s[at] = special;
                        assert_eq!(plain_run(&s), slow(&s), "{s:?}");
                    }
                }
            }
        }
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..50_000 {
            let s: Vec<u8> = (0..(x % 40))
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    // Mostly plain bytes, now and then a special one.
                    if x.is_multiple_of(23) {
                        [b'"', b'\\', 0, 0x1F][(x / 23 % 4) as usize]
                    } else {
                        (x >> 8) as u8 | 0x20
                    }
                })
                .collect();
            assert_eq!(plain_run(&s), slow(&s), "{s:?}");
        }
    }
}
