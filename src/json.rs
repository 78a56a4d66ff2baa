//! The one JSON reader for reports, options and a portal's wording, natively
//! and in WebAssembly.
//!
//! A report is a flat object of a few dozen members, read into a
//! [`Report`](crate::report::Report) whose values keep their JSON text; a
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

use crate::report::{Map, RawValue, Report, plain_decimal};

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
            write!(f, "{} at line {} column {}", self.message, self.line, self.column)
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

/// What serde's visitors say they expected.
const A_STRING: &str = "a string";
const A_MAP: &str = "a map";
/// What [`crate::report::Object`] said it expected.
pub const AN_OBJECT: &str = "a JSON object `{ ... }`";

/// A report from its JSON text, as serde_json read `Object<Report>`.
pub fn report(text: &str) -> Result<Report> {
    let mut r = Reader::new(text);
    let report = r.map(AN_OBJECT, Reader::report_members)?;
    r.end()?;
    Ok(report)
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
    let mut r = Reader::new(text);
    let s = r.string()?;
    r.end()?;
    Ok(s)
}

/// A JSON string or `null`, as `serde_json::from_str::<Option<String>>`.
pub fn option_string(text: &str) -> Result<Option<String>> {
    let mut r = Reader::new(text);
    let s = if r.null_next()? { None } else { Some(r.string()?) };
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
    fn at(&self, i: usize, message: &str) -> Error {
        let start_of_line = self.s[..i]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        Error {
            line: 1 + self.s[..start_of_line].iter().filter(|&&b| b == b'\n').count(),
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
        if e.line == 0 { self.at(self.i, &e.message) } else { e }
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
    fn string(&mut self) -> Result<String> {
        match self.ws() {
            None => Err(self.peek_error(EOF_VALUE)),
            Some(b'"') => {
                self.i += 1;
                self.parse_str().map(Cow::into_owned)
            }
            Some(_) => Err(self.invalid_type(A_STRING)),
        }
    }

    /// `deserialize_raw_value`: the next value's text, from its first byte.
    fn raw(&mut self) -> Result<&'a str> {
        self.ws();
        let start = self.i;
        self.skip_value()?;
        Ok(&self.text[start..self.i])
    }

    /// `peek_invalid_type` and the `fix_position` after it: the value is
    /// read to name it, and the error is placed after it.
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

    /// `parse_any_number` (with serde_json's `float_roundtrip`, so that a
    /// float is the correctly rounded one, as `str::parse` gives).
    fn number(&mut self) -> Result<Number> {
        let start = self.i;
        let negative = self.peek() == Some(b'-');
        if negative {
            self.i += 1;
        }
        // `parse_integer`.
        match self.next() {
            None => return Err(self.error(EOF_VALUE)),
            Some(b'0') => {
                if let Some(b'0'..=b'9') = self.peek() {
                    return Err(self.peek_error(INVALID_NUMBER));
                }
            }
            Some(b'1'..=b'9') => {
                while let Some(b'0'..=b'9') = self.peek() {
                    self.i += 1;
                }
            }
            Some(_) => return Err(self.error(INVALID_NUMBER)),
        }
        let int_end = self.i;
        let mut float = false;
        if self.peek() == Some(b'.') {
            // `parse_decimal`.
            float = true;
            self.i += 1;
            let digits = self.i;
            while let Some(b'0'..=b'9') = self.peek() {
                self.i += 1;
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
                let digit = i32::from(c - b'0');
                match exp.checked_mul(10).and_then(|e| e.checked_add(digit)) {
                    Some(e) => exp = e,
                    None => {
                        // `parse_exponent_overflow`.
                        let zero = self.s[start..self.i]
                            .iter()
                            .take_while(|&&b| b != b'e' && b != b'E')
                            .all(|&b| !b.is_ascii_digit() || b == b'0');
                        if !zero && positive_exp {
                            return Err(self.error(OUT_OF_RANGE));
                        }
                        while let Some(b'0'..=b'9') = self.peek() {
                            self.i += 1;
                        }
                        return Ok(Number::Float(if negative { -0.0 } else { 0.0 }));
                    }
                }
            }
        }
        let digits = &self.text[start + usize::from(negative)..int_end];
        if !float {
            if let Ok(n) = digits.parse::<u64>() {
                if !negative {
                    return Ok(Number::Unsigned(n));
                }
                // `parse_number`: `-0`, and anything below i64::MIN, is a float.
                let neg = (n as i64).wrapping_neg();
                return Ok(if neg >= 0 {
                    Number::Float(-(n as f64))
                } else {
                    Number::Signed(neg)
                });
            }
        }
        match self.text[start..self.i].parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Number::Float(f)),
            _ => Err(self.error(OUT_OF_RANGE)),
        }
    }

    /// `SliceRead::parse_str` (escapes decoded, surrogates paired), after
    /// the opening quote.
    fn parse_str(&mut self) -> Result<Cow<'a, str>> {
        let mut scratch: Option<Vec<u8>> = None;
        let mut start = self.i;
        loop {
            while let Some(&b) = self.s.get(self.i) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.i += 1;
            }
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

    /// `ignore_integer`, `ignore_decimal` and `ignore_exponent`.
    fn skip_integer(&mut self) -> Result<()> {
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
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.i += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.i += 1;
            }
            match self.next_or_null() {
                b'0'..=b'9' => self.skip_digits(),
                _ => return Err(self.error(INVALID_NUMBER)),
            }
        }
        Ok(())
    }

    /// `SliceRead::ignore_str`: escapes checked for form only.
    fn skip_str(&mut self) -> Result<()> {
        loop {
            while let Some(&b) = self.s.get(self.i) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                self.i += 1;
            }
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
    fn raw_value(&mut self) -> Result<RawValue> {
        let raw = self.raw()?;
        Ok(match raw.as_bytes().first() {
            None | Some(b'n') => RawValue::Blank,
            Some(b't') => RawValue::Bool(true),
            Some(b'f') => RawValue::Bool(false),
            Some(b'[') => RawValue::Other("array"),
            Some(b'{') => RawValue::Other("object"),
            Some(b'"') => RawValue::Text(string(raw)?),
            Some(_) => RawValue::Number(plain_decimal(raw)),
        })
    }

    /// `Option<Map<V>>` where `null` reads as the empty map.
    fn option_map<V>(
        &mut self,
        capacity: usize,
        value: impl Fn(&mut Self) -> Result<V>,
    ) -> Result<Map<V>> {
        if self.null_next()? {
            return Ok(Map::default());
        }
        self.map(A_MAP, |r| {
            let mut map = Map::with_capacity_and_hasher(capacity, Default::default());
            let mut first = true;
            while let Some(key) = r.next_key(&mut first)? {
                r.colon()?;
                let v = value(r)?;
                map.insert(key.into_owned(), v);
            }
            Ok(map)
        })
    }

    /// The members of a report, as serde's derived reader took them: a
    /// repeated member is refused as soon as its name is read, and unknown
    /// members are skipped.
    fn report_members(&mut self) -> Result<Report> {
        let mut report = Report::default();
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
                0 => report.form = if self.null_next()? { None } else { Some(self.string()?) },
                1 => report.unit = self.raw_value()?,
                2 => report.period = self.raw_value()?,
                3 => report.date = self.raw_value()?,
                // A report's values fill most of the form's 70 slots; growing
                // the map from empty cost a fifth of reading one.
                4 => report.values = self.option_map(64, Reader::raw_value)?,
                _ => report.explanations = self.option_map(0, Reader::string)?,
            }
        }
        Ok(report)
    }
}
