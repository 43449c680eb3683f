//! The JSON format through serde: read from a value the browser parsed (serde-wasm-bindgen, in the wasm) or from JSON text (serde_json, natively and for publishers), then checked.

use super::fields;
use crate::article::Article;

pub(crate) mod wire;
use crate::error::{CardError, Problem};

/// The article `deserialize` reads with serde: the article's own readers name the field of a
/// problem; a failure of the deserializer itself is `otherwise`'s to say.
fn read<E>(
    deserialize: impl FnOnce() -> Result<Article, E>,
    otherwise: impl FnOnce(E) -> CardError,
) -> Result<Article, CardError> {
    fields::reset_reading();
    let read = deserialize();
    let problem = fields::take_problem();
    let article = match (read, problem) {
        (Ok(article), _) => article,
        (Err(_), Some(problem)) => return Err(problem),
        (Err(e), None) => return Err(otherwise(e)),
    };
    crate::input::limits::check(&article)?;
    Ok(article)
}

/// What a field reader could not read, when the deserializer itself gave up on it.
fn unreadable() -> CardError {
    CardError::Field {
        field: fields::reading_path(),
        problem: Problem::Invalid("cannot be read"),
    }
}

/// The article from a JavaScript value (the `article` property, or JSON the browser parsed).
/// The shell has checked that it is an object within the limits; only the members the card
/// reads are looked up.
#[cfg(target_arch = "wasm32")]
pub fn from_js(value: wasm_bindgen::JsValue) -> Result<Article, CardError> {
    read(|| serde_wasm_bindgen::from_value(value), |_| unreadable())
}

/// The article from JSON text. A syntax error names its line (serde_json's own reason in the
/// message); the shell never sends JSON text to the reader's wasm, the browser parses it.
#[cfg(feature = "publisher")]
pub fn from_str(text: &str) -> Result<Article, CardError> {
    crate::input::limits::check_size(text.len())?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| CardError::Syntax {
        line: Some(e.line()),
        reason: syntax_reason(&e),
    })?;
    if !value.is_object() {
        let found = match value {
            serde_json::Value::Null => "null",
            serde_json::Value::Bool(_) => "a boolean",
            serde_json::Value::Number(_) => "a number",
            serde_json::Value::String(_) => "a string",
            serde_json::Value::Array(_) => "an array",
            serde_json::Value::Object(_) => "an object",
        };
        return Err(CardError::Field {
            field: "article".into(),
            problem: Problem::WrongType {
                expected: "an object",
                found,
            },
        });
    }
    read(|| serde::Deserialize::deserialize(value), |_| unreadable())
}

/// The JSON bytes of a file: UTF-8 (the line of a bad byte), then `from_str`.
#[cfg(feature = "publisher")]
pub fn from_bytes(bytes: &[u8]) -> Result<Article, CardError> {
    crate::input::limits::check_size(bytes.len())?;
    from_str(crate::input::utf8(bytes)?)
}

/// serde_json's reason without its position (the message gives the line already).
#[cfg(feature = "publisher")]
fn syntax_reason(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].into(),
        None => full,
    }
}

/// The article in the JSON format (what `from_str` reads back to an equal article).
#[cfg(feature = "publisher")]
pub fn to_string(article: &Article) -> String {
    // Serializing strings and a Vec into a String cannot fail.
    serde_json::to_string(article).unwrap_or_default()
}
