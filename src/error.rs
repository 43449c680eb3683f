//! Every way an article can fail to reach the card, with the field, the line and the reason.

use crate::json::JsonError;
use crate::parse::ParseError;
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
    /// The `src` could not be fetched (reported by the shell: an HTTP status or a network error).
    Fetch { detail: String },
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

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Missing => f.write_str("is required"),
            Problem::WrongType { expected, found } => {
                write!(f, "expected {expected}, found {found}")
            }
            Problem::Empty => f.write_str("must not be empty"),
            Problem::Invalid(why) => f.write_str(why),
            Problem::TooMany { limit } => write!(f, "has more than {limit} paragraphs"),
            Problem::TooLong { limit } => write!(f, "has more than {limit} bytes of text"),
        }
    }
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
            CardError::Fetch { .. } => "src".into(),
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

impl fmt::Display for CardError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CardError::InputTooLarge { bytes } => {
                write!(
                    f,
                    "article: {bytes} bytes is over the limit of {MAX_INPUT_BYTES}"
                )
            }
            CardError::NotUtf8 { line } => {
                write!(f, "line {line}: article: the bytes are not UTF-8")
            }
            CardError::Text(e) => e.fmt(f),
            CardError::Json(e) => write!(f, "{e} (invalid JSON)"),
            CardError::Field { field, problem } => write!(f, "{field}: {problem}"),
            CardError::Fetch { detail } => write!(f, "src: {detail}"),
        }
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
