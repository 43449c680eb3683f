//! A strict, small JSON reader (RFC 8259) with line/column errors and a nesting limit.
//!
//! Hand-written rather than serde_json: the card needs only strings, arrays and objects out
//! of JSON, and a general reader with float parsing would cost the wasm several kilobytes.
//! It is fuzzed (fuzz/) and property-tested against its writer (`write_string`).

use std::fmt;

/// Deeper nesting than this is refused, so hostile input cannot exhaust the wasm stack.
pub const MAX_DEPTH: usize = 64;

/// A parsed JSON value. Numbers are kept as their source text: the card never computes
/// with them, it only needs to say "expected a string, found a number".
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    Number(String),
    String(String),
    Array(Vec<Value>),
    /// Members in source order; a repeated key keeps its last value, as JSON.parse does.
    Object(Vec<(String, Value)>),
}

impl Value {
    /// What kind of value this is, for messages such as "expected a string, found a number".
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
    /// The member `key` of an object (the last one if repeated).
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(members) => members.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Where and why JSON text was rejected (1-based line and column, in characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    pub line: usize,
    pub column: usize,
    pub reason: JsonReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JsonReason {
    UnexpectedEnd,
    UnexpectedChar(char),
    TrailingText,
    BadEscape,
    LoneSurrogate,
    ControlInString,
    BadNumber,
    TooDeep,
}

impl JsonReason {
    /// Appends the reason in words.
    pub fn write_to(&self, out: &mut String) {
        match self {
            JsonReason::UnexpectedEnd => out.push_str("the JSON ends too early"),
            JsonReason::UnexpectedChar(c) => {
                out.push_str("unexpected character ");
                if c.is_control() || c.is_whitespace() {
                    // Invisible: name it by code point.
                    out.push_str("U+");
                    let code = *c as u32;
                    for shift in (0..4).rev() {
                        out.push(
                            b"0123456789ABCDEF"[((code >> (shift * 4)) & 15) as usize] as char,
                        );
                    }
                } else {
                    out.push('\'');
                    out.push(*c);
                    out.push('\'');
                }
            }
            JsonReason::TrailingText => out.push_str("unexpected text after the JSON value"),
            JsonReason::BadEscape => out.push_str("invalid escape in a string"),
            JsonReason::LoneSurrogate => out.push_str("a \\u escape names half a surrogate pair"),
            JsonReason::ControlInString => {
                out.push_str("a control character inside a string must be escaped")
            }
            JsonReason::BadNumber => out.push_str("invalid number"),
            JsonReason::TooDeep => {
                out.push_str("nested deeper than ");
                crate::error::push_usize(out, MAX_DEPTH);
                out.push_str(" levels");
            }
        }
    }
}

impl JsonError {
    /// Appends "line L, column C: reason".
    pub fn write_to(&self, out: &mut String) {
        out.push_str("line ");
        crate::error::push_usize(out, self.line);
        out.push_str(", column ");
        crate::error::push_usize(out, self.column);
        out.push_str(": ");
        self.reason.write_to(out);
    }
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.write_to(&mut s);
        f.write_str(&s)
    }
}

impl std::error::Error for JsonError {}

struct Reader<'a> {
    src: &'a str,
    pos: usize,
}

type Result<T> = std::result::Result<T, JsonError>;

impl<'a> Reader<'a> {
    fn error(&self, reason: JsonReason) -> JsonError {
        let before = &self.src[..self.pos];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        JsonError {
            line,
            column,
            reason,
        }
    }

    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn unexpected(&self) -> JsonError {
        match self.peek() {
            Some(c) => self.error(JsonReason::UnexpectedChar(c)),
            None => self.error(JsonReason::UnexpectedEnd),
        }
    }

    fn skip_ws(&mut self) {
        while let Some(' ' | '\t' | '\n' | '\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn expect_word(&mut self, word: &str, value: Value) -> Result<Value> {
        for expected in word.chars() {
            if self.peek() != Some(expected) {
                return Err(self.unexpected());
            }
            self.pos += 1;
        }
        Ok(value)
    }

    fn value(&mut self, depth: usize) -> Result<Value> {
        if depth > MAX_DEPTH {
            return Err(self.error(JsonReason::TooDeep));
        }
        self.skip_ws();
        match self.peek() {
            Some('{') => self.object(depth),
            Some('[') => self.array(depth),
            Some('"') => self.string().map(Value::String),
            Some('t') => self.expect_word("true", Value::Bool(true)),
            Some('f') => self.expect_word("false", Value::Bool(false)),
            Some('n') => self.expect_word("null", Value::Null),
            Some('-' | '0'..='9') => self.number(),
            _ => Err(self.unexpected()),
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value> {
        self.pos += 1; // '{'
        let mut members = Vec::new();
        self.skip_ws();
        if self.peek() == Some('}') {
            self.pos += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.skip_ws();
            if self.peek() != Some('"') {
                return Err(self.unexpected());
            }
            let key = self.string()?;
            self.skip_ws();
            if self.peek() != Some(':') {
                return Err(self.unexpected());
            }
            self.pos += 1;
            let value = self.value(depth + 1)?;
            members.push((key, value));
            self.skip_ws();
            match self.peek() {
                Some(',') => self.pos += 1,
                Some('}') => {
                    self.pos += 1;
                    return Ok(Value::Object(members));
                }
                _ => return Err(self.unexpected()),
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value> {
        self.pos += 1; // '['
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(']') {
            self.pos += 1;
            return Ok(Value::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            self.skip_ws();
            match self.peek() {
                Some(',') => self.pos += 1,
                Some(']') => {
                    self.pos += 1;
                    return Ok(Value::Array(items));
                }
                _ => return Err(self.unexpected()),
            }
        }
    }

    fn hex4(&mut self) -> Result<u32> {
        let digits = self
            .src
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| self.error(JsonReason::BadEscape))?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(self.error(JsonReason::BadEscape));
        }
        self.pos += 4;
        u32::from_str_radix(digits, 16).map_err(|_| self.error(JsonReason::BadEscape))
    }

    fn string(&mut self) -> Result<String> {
        self.pos += 1; // '"'
        let mut out = String::new();
        loop {
            // Copy the run up to the next quote, backslash or control character in one go.
            let rest = &self.src[self.pos..];
            let run = rest
                .find(|c: char| c == '"' || c == '\\' || c < ' ')
                .unwrap_or(rest.len());
            out.push_str(&rest[..run]);
            self.pos += run;
            match self.peek() {
                None => return Err(self.error(JsonReason::UnexpectedEnd)),
                Some('"') => {
                    self.pos += 1;
                    return Ok(out);
                }
                Some('\\') => {
                    let at = self.pos;
                    self.pos += 1;
                    let c = match self.bump() {
                        Some('"') => '"',
                        Some('\\') => '\\',
                        Some('/') => '/',
                        Some('b') => '\u{8}',
                        Some('f') => '\u{c}',
                        Some('n') => '\n',
                        Some('r') => '\r',
                        Some('t') => '\t',
                        Some('u') => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if !self.src[self.pos..].starts_with("\\u") {
                                    self.pos = at;
                                    return Err(self.error(JsonReason::LoneSurrogate));
                                }
                                self.pos += 2;
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    self.pos = at;
                                    return Err(self.error(JsonReason::LoneSurrogate));
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            match char::from_u32(code) {
                                Some(c) => c,
                                None => {
                                    self.pos = at;
                                    return Err(self.error(JsonReason::LoneSurrogate));
                                }
                            }
                        }
                        _ => {
                            self.pos = at;
                            return Err(self.error(JsonReason::BadEscape));
                        }
                    };
                    out.push(c);
                }
                Some(_) => return Err(self.error(JsonReason::ControlInString)),
            }
        }
    }

    fn digits(&mut self) -> usize {
        let n = self.src[self.pos..]
            .bytes()
            .take_while(u8::is_ascii_digit)
            .count();
        self.pos += n;
        n
    }

    fn number(&mut self) -> Result<Value> {
        let start = self.pos;
        if self.peek() == Some('-') {
            self.pos += 1;
        }
        match self.peek() {
            Some('0') => self.pos += 1,
            Some('1'..='9') => {
                self.digits();
            }
            _ => return Err(self.error(JsonReason::BadNumber)),
        }
        if self.peek() == Some('.') {
            self.pos += 1;
            if self.digits() == 0 {
                return Err(self.error(JsonReason::BadNumber));
            }
        }
        if let Some('e' | 'E') = self.peek() {
            self.pos += 1;
            if let Some('+' | '-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return Err(self.error(JsonReason::BadNumber));
            }
        }
        Ok(Value::Number(self.src[start..self.pos].to_owned()))
    }
}

/// Parses one JSON value from `src`, surrounded by nothing but whitespace.
pub fn parse(src: &str) -> Result<Value> {
    let mut reader = Reader { src, pos: 0 };
    let value = reader.value(0)?;
    reader.skip_ws();
    if reader.pos < src.len() {
        return Err(reader.error(JsonReason::TrailingText));
    }
    Ok(value)
}

/// Appends `s` as a JSON string literal. Escapes what JSON requires, nothing else,
/// so the text stays readable.
pub fn write_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c < ' ' => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
