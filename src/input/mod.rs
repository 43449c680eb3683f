//! From raw input to a checked Article: the plain-text format (text.rs), the JSON format through serde (json.rs), and the limits (limits.rs).

pub(crate) mod fields;
pub mod json;
pub mod limits;
pub mod text;

use crate::article::Article;
use crate::error::CardError;

/// Decodes `bytes` as UTF-8 (naming the line of the first bad byte) and reads the article in
/// the plain-text format.
pub fn text_bytes(bytes: &[u8]) -> Result<Article, CardError> {
    limits::check_size(bytes.len())?;
    text_str(utf8(bytes)?)
}

/// `bytes` as UTF-8, or the line of the first byte that is not.
pub fn utf8(bytes: &[u8]) -> Result<&str, CardError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        CardError::NotUtf8 { line }
    })
}

/// Reads `text` in the plain-text format and checks the limits. A leading BOM is dropped, as
/// `response.text()` drops it.
pub fn text_str(text: &str) -> Result<Article, CardError> {
    limits::check_size(text.len())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let article = text::parse_article(text)?;
    limits::check(&article)?;
    Ok(article)
}

/// The article compiled into the crate.
pub fn embedded() -> Article {
    // The embedded article is the crate's own and tested (tests/parse.rs): it always parses.
    text_str(crate::article::EMBEDDED).unwrap_or_else(|_| Article::new(String::new(), Vec::new()))
}
