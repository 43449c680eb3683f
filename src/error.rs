//! Every way an article can fail to reach the card, with the field, the line and the reason.

//!
//! A leaf of the crate: it names no other module but the number writer, so every module that
//! reads input can use it without an import circle.

use crate::number::push_number;
use std::fmt;

/// Why an article could not be shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CardError {
    /// The raw input (`bytes` long) is over the limit (`input::limits::MAX_INPUT_BYTES`).
    InputTooLarge {
        /// The input's size in bytes.
        bytes: usize,
        /// The most the reader takes, in bytes.
        limit: usize,
    },
    /// The bytes are not UTF-8; `line` is where the first bad byte is.
    NotUtf8 {
        /// The 1-based line of the first byte that is not UTF-8.
        line: usize,
    },
    /// The plain-text format was malformed.
    Text(ParseError),
    /// The JSON text was malformed (read natively; in the browser, `JSON.parse` reads it and
    /// the shell refuses it): where, when known, and the reader's reason.
    Syntax {
        /// The 1-based line, when the reader knows it.
        line: Option<usize>,
        /// The JSON reader's own words.
        reason: String,
    },
    /// The JSON was well-formed but a field is wrong.
    Field {
        /// The field's path: `title`, `body[1]`, `author.name`.
        field: String,
        /// What is wrong with it.
        problem: Problem,
    },
    /// The shell refused the input before it reached the wasm (a `src` that could not be
    /// fetched or was over the limit, an inline script or `article` value over the limit or not
    /// an object): `field` says which input, `detail` why.
    Refused {
        /// The input refused (`src`, `article`, `options`): what the shell names it.
        field: String,
        /// Why, in the shell's words.
        detail: String,
    },
}

/// What is wrong with a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A required field is absent (or null).
    Missing,
    /// The field holds another JSON type than the one it needs.
    WrongType {
        /// The type the field needs, as the message names it ("a string").
        expected: &'static str,
        /// The type it holds ("a number").
        found: &'static str,
    },
    /// A text field that must say something is empty or only white space.
    Empty,
    /// The value has the right type but not the right shape; the text says what it must be.
    Invalid(&'static str),
    /// More items than the limit (`body`'s paragraphs).
    TooMany {
        /// The most allowed.
        limit: usize,
    },
    /// More text than the limit, in bytes of UTF-8.
    TooLong {
        /// The most allowed, in bytes.
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
            CardError::InputTooLarge { .. }
            | CardError::NotUtf8 { .. }
            | CardError::Syntax { .. } => "article".into(),
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
            CardError::Syntax { line, .. } => *line,
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
            CardError::InputTooLarge { bytes, limit } => {
                out.push_str("article: ");
                push_usize(&mut out, *bytes);
                out.push_str(" bytes is over the limit of ");
                push_usize(&mut out, *limit);
            }
            CardError::NotUtf8 { line } => {
                out.push_str("line ");
                push_usize(&mut out, *line);
                out.push_str(": article: the bytes are not UTF-8");
            }
            CardError::Text(e) => e.write_to(&mut out),
            CardError::Syntax { line, reason } => {
                if let Some(line) = line {
                    out.push_str("line ");
                    push_usize(&mut out, *line);
                    out.push_str(": ");
                }
                out.push_str("article: is not valid JSON (");
                out.push_str(reason);
                out.push(')');
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

/// Why a plain-text article was rejected, and where (1-based line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The 1-based line where the problem is.
    pub line: usize,
    /// What the problem is.
    pub kind: ParseErrorKind,
}

/// What is wrong with a plain-text article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// Nothing but whitespace.
    Empty,
    /// The paragraph after the headline is not the summary label.
    MissingSummaryLabel,
    /// The summary label is the last thing in the text.
    MissingSummary,
    /// No paragraph between the summary and the author section (or the end).
    EmptyBody,
    /// The author label is the last thing in the text.
    MissingAuthor,
    /// The author paragraph has no " - " between name and bio.
    AuthorWithoutSeparator,
    /// The author's name (before " - ") is blank.
    EmptyAuthorName,
    /// More text follows the author's bio; showing it anywhere would be a guess.
    TextAfterAuthor,
    /// The image section is malformed: the field (`image`, `image.width`, ...) and why.
    Image {
        /// The member's path (`image`, `image.width`, ...).
        field: &'static str,
        /// What is wrong with it.
        problem: Problem,
    },
}

impl ParseErrorKind {
    /// The article field the problem belongs to.
    pub fn field(&self) -> &'static str {
        match self {
            Self::Empty => "article",
            Self::MissingSummaryLabel | Self::MissingSummary => "summary",
            Self::EmptyBody => "body",
            Self::MissingAuthor
            | Self::AuthorWithoutSeparator
            | Self::EmptyAuthorName
            | Self::TextAfterAuthor => "author",
            Self::Image { field, .. } => field,
        }
    }
}

impl ParseError {
    /// Appends "line L: field: reason".
    pub fn write_to(&self, out: &mut String) {
        out.push_str("line ");
        push_usize(out, self.line);
        out.push_str(": ");
        out.push_str(self.kind.field());
        out.push_str(": ");
        let what = match &self.kind {
            ParseErrorKind::Empty => "the text is empty",
            ParseErrorKind::MissingSummaryLabel => {
                "expected the section label \"في كلمات قليلة\" after the headline"
            }
            ParseErrorKind::MissingSummary => "the summary label is not followed by a paragraph",
            ParseErrorKind::EmptyBody => "no body paragraph after the summary",
            ParseErrorKind::MissingAuthor => {
                "the author label is not followed by a \"NAME - BIO\" paragraph"
            }
            ParseErrorKind::AuthorWithoutSeparator => {
                "the author paragraph has no \" - \" between the name and the bio"
            }
            ParseErrorKind::EmptyAuthorName => "the author's name before \" - \" is empty",
            ParseErrorKind::TextAfterAuthor => "unexpected text after the author's bio",
            ParseErrorKind::Image { problem, .. } => return problem.write_to(out),
        };
        out.push_str(what);
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::new();
        self.write_to(&mut s);
        f.write_str(&s)
    }
}

impl std::error::Error for ParseError {}
