//! From raw input (bytes or text, plain-text or JSON format) to a checked Article.

use crate::article::Article;
use crate::error::{CardError, Problem, MAX_INPUT_BYTES, MAX_PARAGRAPHS, MAX_TEXT_BYTES};

/// The two formats an article can come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The seed's plain-text format (`parse::parse_article`).
    Text,
    /// The JSON format (`json_article::parse_json`).
    Json,
}

/// Decodes `bytes` as UTF-8 (naming the line of the first bad byte) and loads the article.
pub fn load_bytes(bytes: &[u8], format: Format) -> Result<Article, CardError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(CardError::InputTooLarge { bytes: bytes.len() });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        CardError::NotUtf8 { line }
    })?;
    load_str(text, format)
}

/// Parses `text` in `format` and checks the article against the limits. A leading BOM is
/// dropped, as `response.text()` and `response.json()` drop it.
pub fn load_str(text: &str, format: Format) -> Result<Article, CardError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(CardError::InputTooLarge { bytes: text.len() });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let article = match format {
        Format::Text => crate::parse::parse_article(text)?,
        Format::Json => crate::json_article::parse_json(text)?,
    };
    check_limits(&article)?;
    Ok(article)
}

/// The documented limits: at most `MAX_PARAGRAPHS` paragraphs and `MAX_TEXT_BYTES` of text.
pub fn check_limits(article: &Article) -> Result<(), CardError> {
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
