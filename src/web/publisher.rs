//! The publisher wasm's exports (feature `publisher`): `renderToString` and `parseArticle`, which a reader's page never loads.

use super::exports::{error_object, error_value};
use crate::article::Article;
use crate::error::CardError;
use crate::input;
use crate::locale::Numerals;
use crate::prerender::{self, Carry, PrerenderOptions};
use serde::Deserialize;
use wasm_bindgen::prelude::*;

/// What `renderToString` passes besides the article (its types checked in JavaScript; values
/// checked here by the command line's rules, `prerender::check`).
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase", default)]
struct RenderOptions {
    lang: Option<String>,
    open: bool,
    numerals: Option<Numerals>,
    wpm: Option<u32>,
    heading_level: Option<u32>,
    share: bool,
    id_prefix: Option<String>,
    css_href: Option<String>,
    json_ld: bool,
    url: Option<String>,
    base: Option<String>,
    src: Option<String>,
}

/// A prerendered element, or why there is none.
#[wasm_bindgen(getter_with_clone)]
pub struct Rendered {
    /// The `<news-card>` element (and JSON-LD), when the article and options are valid.
    pub html: Option<String>,
    /// Why not, otherwise (`{ field, message, line }`; null when there is an element).
    pub error: JsValue,
}

fn answer(article: Result<Article, CardError>, embedded: bool, options: JsValue) -> Rendered {
    let refused = |error: CardError| Rendered {
        html: None,
        error: error_value(&error),
    };
    let article = match article {
        Ok(article) => article,
        Err(e) => return refused(e),
    };
    // JavaScript checked each option's type and the numerals' name: a failure here is its bug.
    let read =
        crate::input::fields::object(serde_wasm_bindgen::Deserializer::from(options), "options");
    let o: RenderOptions = match read {
        Ok(o) => o.unwrap_or_default(),
        Err(_) => {
            return refused(CardError::Refused {
                field: "options".into(),
                detail: "cannot be read".into(),
            })
        }
    };
    let opts = PrerenderOptions {
        lang: o.lang.as_deref(),
        open: o.open,
        numerals: o.numerals,
        wpm: o.wpm,
        heading_level: o.heading_level,
        share: o.share,
        id_prefix: o.id_prefix.as_deref().unwrap_or(prerender::DEFAULT_PREFIX),
        css_href: o.css_href.as_deref(),
        json_ld: o.json_ld,
        url: o.url.as_deref(),
        base: o.base.as_deref(),
        carry: match (&o.src, embedded) {
            (Some(src), _) => Carry::Src(src),
            (None, true) => Carry::Embedded,
            (None, false) => Carry::Inline,
        },
    };
    match prerender::check(&opts) {
        Ok(()) => Rendered {
            html: Some(prerender::render(&article, &opts)),
            error: JsValue::NULL,
        },
        // The option's own message ("wpm \"0\": expected ..."), as the command line says it.
        Err(e) => Rendered {
            html: None,
            error: error_object(e.option, &e.to_string(), None),
        },
    }
}

/// Prerenders the embedded article.
#[wasm_bindgen(js_name = prerenderEmbedded)]
pub fn prerender_embedded(options: JsValue) -> Rendered {
    answer(input::text_str(crate::article::EMBEDDED), true, options)
}

/// Prerenders an article in the plain-text format (UTF-8 bytes).
#[wasm_bindgen(js_name = prerenderText)]
pub fn prerender_text(bytes: &[u8], options: JsValue) -> Rendered {
    answer(input::text_bytes(bytes), false, options)
}

/// Prerenders an article in the JSON format as text (UTF-8 bytes), read as the command line
/// reads it, so its errors name the same lines.
#[wasm_bindgen(js_name = prerenderJson)]
pub fn prerender_json(bytes: &[u8], options: JsValue) -> Rendered {
    answer(input::json::from_bytes(bytes), false, options)
}

/// Prerenders an article in the JSON format, as an object.
#[wasm_bindgen(js_name = prerenderArticle)]
pub fn prerender_article(article: JsValue, options: JsValue) -> Rendered {
    answer(input::json::from_js(article), false, options)
}

/// What `parseArticle` answers: the article as an object in the JSON format, or why not.
#[wasm_bindgen(getter_with_clone)]
pub struct Parsed {
    pub article: JsValue,
    /// `{ field, message, line }`, or null.
    pub error: JsValue,
}

/// Reads the plain-text format into an object in the JSON format (for `parseArticle`).
#[wasm_bindgen(js_name = textToArticle)]
pub fn text_to_article(text: &str) -> Parsed {
    match input::text_str(text) {
        Ok(article) => Parsed {
            article: serde_wasm_bindgen::to_value(&article).unwrap_or(JsValue::UNDEFINED),
            error: JsValue::NULL,
        },
        Err(e) => Parsed {
            article: JsValue::UNDEFINED,
            error: error_value(&e),
        },
    }
}
