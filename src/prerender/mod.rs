//! Prerendering: the card as a complete `<news-card>` element with a declarative shadow root, its digest and its JSON-LD.
//!
//! The markup between the `<template>` tags is `html::render(view::card(...))`: the same tree
//! the wasm builds into the DOM, so a page shows the finished card before any script runs.
//! Natively there is no `Intl`: digits are written as `intl.rs` writes `latn` and `arab`
//! (without Intl there too), plural categories come from `strings::plural_category` (equal to
//! Intl's for the UI languages), but dates and `numerals="auto"` are the browser's business. A
//! card that holds either carries `data-intl`, so the element knows to re-render it. A card
//! from a file also carries its article (inline JSON or `src`), so the shell, which otherwise
//! shows the embedded article, shows the same one once the script runs.
//!
//! This file holds what hydration needs too (the digest, what needs Intl), written without
//! `format!` so the reader's wasm computes the digest cheaply for the card it loaded when it is
//! asked to hydrate a prerendered one (`WasmMountOptions::digest`). The HTML and JSON-LD writers are
//! in `markup.rs`, compiled with the `publisher` feature only: natively, and into the publisher
//! wasm that `renderToString` (`www/news-card-render.js`) runs, so the command line and
//! JavaScript print the same bytes while a reader's download carries none of it.

use crate::article::Article;
use crate::locale::strings::{self, Ui};
use crate::locale::Numerals;

#[cfg(feature = "publisher")]
mod markup;
#[cfg(feature = "publisher")]
pub use markup::{
    card_html, check, json_ld, render, script_safe, Carry, OptionError, PrerenderOptions,
};

/// Names the digest's input format and the markup's shape. Bump it whenever the view's
/// markup changes (tests/prerender.rs fails until you do), so older prerendered cards stop
/// matching and are re-rendered instead of hydrated.
pub const FORMAT: &str = "news-card-prerender/5";
/// The ID prefix of a prerendered card: never one of the wasm's `nc1`, `nc2`, ...
pub const DEFAULT_PREFIX: &str = "ncp1";
/// The CSP source expression (`'sha256-…'`) of the card's stylesheet, which a prerendered card
/// carries as an inline `<style>` unless it is given a stylesheet URL: a page with a
/// Content-Security-Policy adds it to `style-src` (build.rs computes it from `CARD_CSS`).
pub const STYLE_CSP: &str = include_str!(concat!(env!("OUT_DIR"), "/card.css.csp"));
/// The reading speed the shell accepts: 1 to 10,000 words per minute.
pub const MAX_WPM: u32 = 10_000;

/// Whether `prefix` can start the card's IDs: a letter, then letters, digits, `-` or `_`, and
/// not `nc` followed by digits only, which is what the wasm gives the cards it mounts.
pub fn is_id_prefix(prefix: &str) -> bool {
    let mut chars = prefix.chars();
    let shaped = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let wasm_own = prefix
        .strip_prefix("nc")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    shaped && !wasm_own
}

/// The strings of the card's own words: the `lang` option's, else the article's language.
pub fn ui_of(article: &Article, lang: Option<&str>) -> &'static Ui {
    strings::ui_for(lang.unwrap_or(&article.lang))
}

/// What the native renderer wrote differently from the browser, space-separated ("date",
/// "numerals", "words"), or None when the markup is exactly the wasm's. Such a card must be
/// re-rendered by the element, not hydrated. "words": the browser counts the words of a
/// language written without spaces with `Intl.Segmenter`, so its reading time differs.
pub fn needs_intl(article: &Article, numerals: Numerals) -> Option<String> {
    let mut what = Vec::new();
    if article.published.is_some() {
        what.push("date");
    }
    if numerals == Numerals::Auto {
        what.push("numerals");
    }
    if crate::lang::writes_without_spaces(&article.lang) {
        what.push("words");
    }
    (!what.is_empty()).then(|| what.join(" "))
}

/// 64-bit FNV-1a: tiny, stable across platforms and versions, enough to tell inputs apart
/// (the digest detects stale markup; it is not a security boundary).
struct Fnv(u64);

impl Fnv {
    fn new() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) -> &mut Fnv {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self
    }
    /// `name=LENGTH:value` and a newline, or `name!` and a newline when absent: the length
    /// makes the encoding unambiguous whatever the value holds.
    fn field(&mut self, name: &str, value: Option<&str>) -> &mut Fnv {
        self.write(name.as_bytes());
        match value {
            Some(value) => {
                let mut len = String::from("=");
                crate::number::push_number(&mut len, value.len().try_into().unwrap_or(u32::MAX));
                len.push(':');
                self.write(len.as_bytes()).write(value.as_bytes())
            }
            None => self.write(b"!"),
        }
        .write(b"\n")
    }
    fn number(&mut self, name: &str, n: u32) -> &mut Fnv {
        let mut text = String::new();
        crate::number::push_number(&mut text, n);
        self.field(name, Some(&text))
    }
    fn hex(&self) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        // A plain loop: the wasm computes digests too, and an iterator chain costs it bytes.
        let mut out = String::with_capacity(16);
        let mut shift = 64;
        while shift > 0 {
            shift -= 4;
            out.push(HEX[((self.0 >> shift) & 15) as usize] as char);
        }
        out
    }
}

/// `digest_of` for a card with the default heading level and no share control.
pub fn digest(article: &Article, lang: Option<&str>, numerals: Numerals, wpm: u32) -> String {
    digest_of(article, lang, numerals, wpm, 2, false)
}

/// A digest of everything that shapes the card's markup: the format, the crate's version, the
/// article (every field, each with its name and length, so no two articles read the same), the
/// language of the card's own words as resolved, the digits, the reading speed, the heading
/// level as the view reads it and whether the card offers sharing. Not `open` (hydration adapts it) nor the ID prefix (the wasm uses
/// its own). 16 lowercase hex digits.
pub fn digest_of(
    article: &Article,
    lang: Option<&str>,
    numerals: Numerals,
    wpm: u32,
    heading: u32,
    share: bool,
) -> String {
    let mut h = Fnv::new();
    h.write(FORMAT.as_bytes())
        .write(b"\n")
        .write(env!("CARGO_PKG_VERSION").as_bytes())
        .write(b"\n");
    h.field("lang", Some(ui_of(article, lang).lang))
        .field("numerals", Some(numerals.name()))
        .number("wpm", wpm)
        .number("h", crate::view::heading_level(heading))
        .field("title", Some(&article.title))
        .field("summary", article.summary.as_deref())
        .number("body", article.body.len().try_into().unwrap_or(u32::MAX));
    for paragraph in &article.body {
        h.field("p", Some(paragraph));
    }
    h.field("author", article.author.as_ref().map(|a| a.name.as_str()))
        .field("bio", article.author.as_ref().map(|a| a.bio.as_str()))
        .field("article-lang", Some(&article.lang))
        .field("dir", Some(article.dir.as_str()))
        .field("url", article.url.as_deref())
        .field("published", article.published.as_deref())
        .field("source", article.source.as_deref());
    if share {
        h.field("share", None);
    }
    if let Some(image) = &article.image {
        h.field("image", Some(&image.src))
            .field("alt", image.alt.as_deref())
            .number("width", image.width)
            .number("height", image.height)
            .field("srcset", image.srcset.as_deref())
            .field("sizes", image.sizes.as_deref())
            .field("caption", image.caption.as_deref())
            .field("credit", image.credit.as_deref());
    }
    h.hex()
}

/// FNV-1a of any text as 16 hex digits (tests pin the markup's shape with it).
pub fn fnv_hex(text: &str) -> String {
    Fnv::new().write(text.as_bytes()).hex()
}
