//! The documented input limits, and the check of an article against them.

use crate::article::Article;
use crate::error::{CardError, Problem};

/// Raw input larger than this (in bytes) is refused before parsing; the shell refuses it while
/// reading, before a byte reaches the wasm.
pub const MAX_INPUT_BYTES: usize = 2 * 1024 * 1024;
/// An article's text (all fields together, UTF-8 bytes) may not exceed this.
pub const MAX_TEXT_BYTES: usize = 1024 * 1024;
/// An article may have at most this many body paragraphs.
pub const MAX_PARAGRAPHS: usize = 2000;

/// Raw input of `len` bytes is refused over `MAX_INPUT_BYTES`, before anything reads it.
pub fn check_size(len: usize) -> Result<(), CardError> {
    if len > MAX_INPUT_BYTES {
        return Err(CardError::InputTooLarge {
            bytes: len,
            limit: MAX_INPUT_BYTES,
        });
    }
    Ok(())
}

/// At most `MAX_PARAGRAPHS` paragraphs and `MAX_TEXT_BYTES` of text.
pub fn check(article: &Article) -> Result<(), CardError> {
    if article.body.len() > MAX_PARAGRAPHS {
        return Err(CardError::Field {
            field: "body".into(),
            problem: Problem::TooMany {
                limit: MAX_PARAGRAPHS,
            },
        });
    }
    if article.text_len() > MAX_TEXT_BYTES {
        return Err(CardError::Field {
            field: "article".into(),
            problem: Problem::TooLong {
                limit: MAX_TEXT_BYTES,
            },
        });
    }
    Ok(())
}
