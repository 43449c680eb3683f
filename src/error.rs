//! Every way an article can fail to reach the card, with the field, the line and the reason.

use crate::json::JsonError;
use crate::parse::ParseError;
use crate::strings::push_number;
use std::fmt;

/// Raw input larger than this (in bytes) is refused before parsing.
pub const MAX_INPUT_BYTES: usize = 2 * 1024 * 1024;
/// An article's text (all fields together, UTF-8 bytes) may not exceed this.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;
/// An article may have at most this many body paragraphs.
pub const MAX_PARAGRAPHS: usize = 2000;

/// Why an article could not be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardError {
    /// The raw input is over `MAX_INPUT_BYTES`.
    InputTooLarge { bytes: usize },
    /// The bytes are not UTF-8; `line` is where the first bad byte is.
    NotUtf8 { line: usize },
    /// The plain-text format was malformed.
    Text(ParseError),
    /// The JSON text was malformed.
    Json(JsonError),
    /// The JSON was well-formed but a field is wrong.
    Field { field: String, problem: Problem },
    /// The shell refused the input before it reached the wasm (a `src` that could not be
    /// fetched or was over the limit, an inline script or `article` value over the limit or not
    /// an object): `field` says which input, `detail` why.
    Refused { field: String, detail: String },
}

/// What is wrong with a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    Missing,
    WrongType {
        expected: &'static str,
        found: &'static str,
    },
    Empty,
    Invalid(&'static str),
    TooMany {
        limit: usize,
    },
    TooLong {
        limit: usize,
    },
}

impl Problem {
    /// Appends the reason, e.g. "expected a string, found a number".
    pub fn write_to(&self, out: &mut String) {
        match self {
            Problem::Missing => out.push_str("is required"),
            Problem::WrongType { expected, found } => {
                out.push_str("expected ");
                out.push_str(expected);
                out.push_str(", found ");
                out.push_str(found);
            }
            Problem::Empty => out.push_str("must not be empty"),
            Problem::Invalid(why) => out.push_str(why),
            Problem::TooMany { limit } => {
                out.push_str("has more than ");
                push_usize(out, *limit);
                out.push_str(" paragraphs");
            }
            Problem::TooLong { limit } => {
                out.push_str("has more than ");
                push_usize(out, *limit);
                out.push_str(" bytes of text");
            }
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.write_to(&mut s);
        f.write_str(&s)
    }
}

/// Writes a size or count; the card's limits and lines fit in u32, larger values saturate.
pub(crate) fn push_usize(out: &mut String, n: usize) {
    push_number(out, n.try_into().unwrap_or(u32::MAX));
}

impl CardError {
    /// The field the problem is in ("article" when it is the input as a whole).
    pub fn field(&self) -> String {
        match self {
            CardError::InputTooLarge { .. } | CardError::NotUtf8 { .. } | CardError::Json(_) => {
                "article".into()
            }
            CardError::Text(e) => e.kind.field().into(),
            CardError::Field { field, .. } => field.clone(),
            CardError::Refused { field, .. } => field.clone(),
        }
    }

    /// The 1-based line of the input the problem is on, where there is one.
    pub fn line(&self) -> Option<usize> {
        match self {
            CardError::NotUtf8 { line } => Some(*line),
            CardError::Text(e) => Some(e.line),
            CardError::Json(e) => Some(e.line),
            _ => None,
        }
    }
}

impl CardError {
    /// The whole message: field, reason and, where there is one, the line. Built without
    /// the formatting machinery, which would cost the wasm kilobytes.
    pub fn message(&self) -> String {
        let mut out = String::new();
        match self {
            CardError::InputTooLarge { bytes } => {
                out.push_str("article: ");
                push_usize(&mut out, *bytes);
                out.push_str(" bytes is over the limit of ");
                push_usize(&mut out, MAX_INPUT_BYTES);
            }
            CardError::NotUtf8 { line } => {
                out.push_str("line ");
                push_usize(&mut out, *line);
                out.push_str(": article: the bytes are not UTF-8");
            }
            CardError::Text(e) => e.write_to(&mut out),
            CardError::Json(e) => {
                e.write_to(&mut out);
                out.push_str(" (invalid JSON)");
            }
            CardError::Field { field, problem } => {
                out.push_str(field);
                out.push_str(": ");
                problem.write_to(&mut out);
            }
            CardError::Refused { field, detail } => {
                out.push_str(field);
                out.push_str(": ");
                out.push_str(detail);
            }
        }
        out
    }
}

impl fmt::Display for CardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for CardError {}

impl From<ParseError> for CardError {
    fn from(e: ParseError) -> Self {
        CardError::Text(e)
    }
}

impl From<JsonError> for CardError {
    fn from(e: JsonError) -> Self {
        CardError::Json(e)
    }
}
