//! The JavaScript-facing API (what `www/news-card.js` calls): one mount export per input kind, one options value, errors as values.
//!
//! An invalid article or option is an answer (the card shows its error state, and `error` on
//! the handle says why, as `{ field, message, line }`); an exception out of the wasm always
//! means the wasm itself failed, which the shell answers by restarting it.

use super::mount::{Input, MountedCard, WasmMountOptions};
use crate::error::CardError;
use wasm_bindgen::prelude::*;

/// A card on the page. Call `free()` to remove it.
#[wasm_bindgen]
pub struct CardHandle {
    card: MountedCard,
}

/// An error as the value JavaScript gets: a plain object `{ field, message, line }` (`line` a
/// number or null), which needs no class in the glue and no `free()`.
pub(crate) fn error_value(e: &CardError) -> JsValue {
    error_object(&e.field(), &e.message(), e.line())
}

/// `{ field, message, line }` from its parts (`line` null when there is none).
pub(crate) fn error_object(field: &str, message: &str, line: Option<usize>) -> JsValue {
    let value = js_sys::Object::new();
    let line = line.map_or(JsValue::NULL, |l| JsValue::from(l as f64));
    for (key, v) in [
        ("field", JsValue::from(field)),
        ("message", JsValue::from(message)),
        ("line", line),
    ] {
        // Setting a data property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&value, &JsValue::from_str(key), &v);
    }
    value.into()
}

#[wasm_bindgen]
impl CardHandle {
    /// Opens or closes the full text; returns whether the state changed.
    #[wasm_bindgen(js_name = setOpen)]
    pub fn set_open(&self, open: bool) -> bool {
        self.card.set_open(open)
    }
    /// The digest the options' `digest` was checked against, when the card was built afresh
    /// instead of hydrated (empty otherwise).
    #[wasm_bindgen(getter)]
    pub fn digest(&self) -> String {
        self.card.digest().into()
    }
    /// Why the card shows its error state (`{ field, message, line }`); null when it shows its
    /// article.
    #[wasm_bindgen(getter)]
    pub fn error(&self) -> JsValue {
        self.card.error().map_or(JsValue::NULL, error_value)
    }
}

/// Reads the options object; one the shell did not validate is its bug, and fails the call.
fn options(value: JsValue) -> Result<WasmMountOptions, JsValue> {
    let read =
        crate::input::fields::object(serde_wasm_bindgen::Deserializer::from(value), "options");
    match read {
        Ok(Some(options)) => Ok(options),
        _ => Err(JsValue::from_str(
            "news-card: the mount options cannot be read",
        )),
    }
}

fn mount(parent: &web_sys::Node, input: Input, opts: JsValue) -> Result<CardHandle, JsValue> {
    Ok(CardHandle {
        card: MountedCard::mount(parent, input, options(opts)?)?,
    })
}

/// Mounts the article compiled into the crate into `parent` (a shadow root or any node). With
/// `digest` in the options (a prerendered card's `data-digest`) it first tries to hydrate the
/// card prerendered in `parent` (see `MountedCard::mount`).
///
/// No card registers listeners or calls page code: the shell listens and calls `setOpen`, so
/// no page JavaScript ever runs inside the wasm.
#[wasm_bindgen(js_name = mountEmbedded)]
pub fn mount_embedded(parent: &web_sys::Node, options: JsValue) -> Result<CardHandle, JsValue> {
    mount(parent, Input::Embedded, options)
}

/// Mounts an article in the plain-text format, as UTF-8 bytes (at most 2 MiB: the shell refuses
/// more while reading).
#[wasm_bindgen(js_name = mountText)]
pub fn mount_text(
    parent: &web_sys::Node,
    bytes: &[u8],
    options: JsValue,
) -> Result<CardHandle, JsValue> {
    mount(parent, Input::Text(bytes), options)
}

/// Mounts an article in the JSON format, as the object itself (the `article` property, or JSON
/// the browser parsed): only its known members are read.
#[wasm_bindgen(js_name = mountArticle)]
pub fn mount_article(
    parent: &web_sys::Node,
    article: JsValue,
    options: JsValue,
) -> Result<CardHandle, JsValue> {
    mount(parent, Input::Article(article), options)
}

/// Mounts the error state for an input the shell refused before the wasm saw it (a `src` that
/// failed, an input over the limit): `field` names the input, `reason` says why.
#[wasm_bindgen(js_name = mountRefused)]
pub fn mount_refused(
    parent: &web_sys::Node,
    field: String,
    reason: String,
    options: JsValue,
) -> Result<CardHandle, JsValue> {
    let error = CardError::Refused {
        field,
        detail: reason,
    };
    mount(parent, Input::Failed(error), options)
}

/// The limits the shell holds every input to before the wasm sees a byte of it, in this order:
/// bytes of raw input, body paragraphs, bytes of article text, the highest reading speed, and
/// the default one. The shell reads them from here, so they are written only in Rust
/// (`input::limits`, `prerender::MAX_WPM`).
#[wasm_bindgen]
pub fn limits() -> Vec<u32> {
    use crate::input::limits::{MAX_INPUT_BYTES, MAX_PARAGRAPHS, MAX_TEXT_BYTES};
    let wide = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    vec![
        wide(MAX_INPUT_BYTES),
        wide(MAX_PARAGRAPHS),
        wide(MAX_TEXT_BYTES),
        crate::prerender::MAX_WPM,
        crate::locale::measure::DEFAULT_WPM,
    ]
}

/// The stylesheet text for the card's shadow root.
#[wasm_bindgen(js_name = cardCss)]
pub fn card_css() -> String {
    crate::CARD_CSS.into()
}

/// How many cards are mounted and not yet freed.
#[wasm_bindgen(js_name = liveCards)]
pub fn live_cards() -> u32 {
    super::mount::live_cards()
}
