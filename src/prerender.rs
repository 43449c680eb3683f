//! Prerendering: the card as a complete `<news-card>` element with a declarative shadow root, its digest and its JSON-LD.
//!
//! The markup between the `<template>` tags is `html::render(view::card(...))`: the same tree
//! the wasm builds into the DOM, so a page shows the finished card before any script runs.
//! Natively there is no `Intl`: digits are written as `intl.rs` writes `latn` and `arab`
//! (without Intl there too), plural categories come from `strings::plural_category` (equal to
//! Intl's for the UI languages), but dates and `numerals="auto"` are the browser's business. A
//! card that holds either carries `data-intl`, so the element knows to re-render it.
//!
//! Nothing here is exported to JavaScript yet; the wasm drops it at link time. `digest` is
//! written without `format!` so the wasm can later compute it cheaply for the card it loaded.

use crate::article::{safe_url, Article};
use crate::html;
use crate::json;
use crate::json_article::to_json;
use crate::measure::DEFAULT_WPM;
use crate::strings::{self, Ui};
use crate::view::{self, CardOptions, Locale, PlainLocale};

/// Names the digest's input format and the markup's shape. Bump it whenever the view's
/// markup changes (tests/prerender.rs fails until you do), so older prerendered cards stop
/// matching and are re-rendered instead of hydrated.
pub const FORMAT: &str = "news-card-prerender/1";
/// The ID prefix of a prerendered card: never one of the wasm's `nc1`, `nc2`, ...
pub const DEFAULT_PREFIX: &str = "ncp1";
/// The stylesheet the card ships beside `news-card.js` (`./build.sh build` writes it).
pub const DEFAULT_CSS_HREF: &str = "news-card.css";
/// The reading speed the shell accepts: 1 to 10,000 words per minute.
pub const MAX_WPM: u32 = 10_000;

/// The digits of the numbers the card writes, as the `numerals` attribute names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Numerals {
    /// Western digits, 0–9 (the shell's default).
    #[default]
    Latn,
    /// Arabic-Indic digits, ٠–٩.
    Arab,
    /// The language's default digits, as the browser's `Intl` has them.
    Auto,
}

impl Numerals {
    /// From an attribute value; None for anything the shell does not know by name.
    pub fn from_name(name: &str) -> Option<Numerals> {
        match name {
            "latn" => Some(Numerals::Latn),
            "arab" => Some(Numerals::Arab),
            "auto" => Some(Numerals::Auto),
            _ => None,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Numerals::Latn => "latn",
            Numerals::Arab => "arab",
            Numerals::Auto => "auto",
        }
    }
}

/// How to prerender a card. The first four become the element's attributes, as given.
#[derive(Debug, Clone)]
pub struct PrerenderOptions<'a> {
    /// The `lang` attribute: language of the card's own words (the article's when None).
    pub lang: Option<&'a str>,
    /// The `open` attribute: the full text starts open.
    pub open: bool,
    /// The `numerals` attribute; None writes none (Western digits).
    pub numerals: Option<Numerals>,
    /// The `wpm` attribute (1 to `MAX_WPM`); None writes none (180).
    pub wpm: Option<u32>,
    /// Prefix of the IDs inside the shadow root.
    pub id_prefix: &'a str,
    /// The stylesheet the shadow root links to.
    pub css_href: &'a str,
    /// Also write schema.org JSON-LD after the element.
    pub json_ld: bool,
    /// The JSON-LD's `url`, instead of the article's own.
    pub url: Option<&'a str>,
}

impl Default for PrerenderOptions<'_> {
    fn default() -> Self {
        PrerenderOptions {
            lang: None,
            open: false,
            numerals: None,
            wpm: None,
            id_prefix: DEFAULT_PREFIX,
            css_href: DEFAULT_CSS_HREF,
            json_ld: false,
            url: None,
        }
    }
}

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

/// The wasm's locale without the browser: plural rules and digits as `intl.rs` gives them for
/// `latn` and `arab`; words counted as `intl.rs` counts them for every card it can show
/// (its `Intl.Segmenter` path is only for a UI language written without spaces, and the card
/// has none); dates as given (ISO), which is why a dated card is marked `data-intl`.
struct NativeLocale {
    plain: PlainLocale,
    arab: bool,
}

impl Locale for NativeLocale {
    fn words(&self, text: &str) -> usize {
        self.plain.words(text)
    }
    fn plural(&self, n: u32) -> String {
        self.plain.plural(n)
    }
    fn number(&self, n: u32) -> String {
        let western = self.plain.number(n);
        if !self.arab {
            return western;
        }
        // U+0660..U+0669, digit by digit, exactly as intl.rs writes `arab`.
        western
            .chars()
            .map(|d| char::from_u32(d as u32 - '0' as u32 + 0x660).unwrap_or(d))
            .collect()
    }
    fn date(&self, iso: &str) -> String {
        self.plain.date(iso)
    }
}

/// The card's markup for `article`: exactly what goes inside the shadow root.
pub fn card_html(article: &Article, opts: &PrerenderOptions) -> String {
    let ui = ui_of(article, opts.lang);
    let locale = NativeLocale {
        plain: PlainLocale(ui),
        arab: opts.numerals == Some(Numerals::Arab),
    };
    let tree = view::card(
        article,
        &CardOptions {
            prefix: opts.id_prefix,
            open: opts.open,
            ui,
            locale: &locale,
            wpm: opts.wpm.unwrap_or(DEFAULT_WPM),
        },
    );
    html::render(&tree)
}

/// What the native renderer wrote differently from the browser, space-separated ("date",
/// "numerals"), or None when the markup is exactly the wasm's. Such a card must be re-rendered
/// by the element, not hydrated.
pub fn needs_intl(article: &Article, numerals: Numerals) -> Option<&'static str> {
    match (article.published.is_some(), numerals == Numerals::Auto) {
        (true, true) => Some("date numerals"),
        (true, false) => Some("date"),
        (false, true) => Some("numerals"),
        (false, false) => None,
    }
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
    fn hex(&self) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        (0..16)
            .rev()
            .map(|i| HEX[((self.0 >> (i * 4)) & 15) as usize] as char)
            .collect()
    }
}

/// A digest of everything that shapes the card's markup: the format, the crate's version, the
/// article (its canonical JSON), the language of the card's own words as resolved, the digits
/// and the reading speed. Not `open` (hydration adapts it) nor the ID prefix (the wasm uses
/// its own). 16 lowercase hex digits.
pub fn digest(article: &Article, lang: Option<&str>, numerals: Numerals, wpm: u32) -> String {
    let mut wpm_text = String::new();
    strings::push_number(&mut wpm_text, wpm);
    let mut h = Fnv::new();
    // Each part ends with a newline, which the canonical JSON never holds raw.
    h.write(FORMAT.as_bytes())
        .write(b"\n")
        .write(env!("CARGO_PKG_VERSION").as_bytes())
        .write(b"\nlang=")
        .write(ui_of(article, lang).lang.as_bytes())
        .write(b"\nnumerals=")
        .write(numerals.name().as_bytes())
        .write(b"\nwpm=")
        .write(wpm_text.as_bytes())
        .write(b"\n")
        .write(to_json(article).as_bytes());
    h.hex()
}

/// FNV-1a of any text as 16 hex digits (tests pin the markup's shape with it).
pub fn fnv_hex(text: &str) -> String {
    Fnv::new().write(text.as_bytes()).hex()
}

/// Appends ` name="value"`, the value escaped.
fn attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    html::escape_attr(out, value);
    out.push('"');
}

/// The complete `<news-card>` element holding the prerendered card in a declarative shadow
/// root, then (with `json_ld`) its schema.org JSON-LD.
pub fn render(article: &Article, opts: &PrerenderOptions) -> String {
    let card = card_html(article, opts);
    let mut out = String::with_capacity(card.len() + 512);
    out.push_str("<news-card");
    if let Some(lang) = opts.lang {
        attr(&mut out, "lang", lang);
    }
    if opts.open {
        out.push_str(" open");
    }
    if let Some(numerals) = opts.numerals {
        attr(&mut out, "numerals", numerals.name());
    }
    if let Some(wpm) = opts.wpm {
        let mut n = String::new();
        strings::push_number(&mut n, wpm);
        attr(&mut out, "wpm", &n);
    }
    let numerals = opts.numerals.unwrap_or_default();
    let wpm = opts.wpm.unwrap_or(DEFAULT_WPM);
    attr(
        &mut out,
        "data-digest",
        &digest(article, opts.lang, numerals, wpm),
    );
    if let Some(what) = needs_intl(article, numerals) {
        attr(&mut out, "data-intl", what);
    }
    out.push_str("><template shadowrootmode=\"open\"><link rel=\"stylesheet\"");
    attr(&mut out, "href", opts.css_href);
    out.push('>');
    out.push_str(&card);
    out.push_str("</template></news-card>");
    if opts.json_ld {
        out.push_str("\n<script type=\"application/ld+json\">");
        out.push_str(&json_ld(article, opts.url));
        out.push_str("</script>");
    }
    out
}

/// Appends `,"key":` and the string `value`.
fn member(out: &mut String, key: &str, value: &str) {
    out.push_str(",\"");
    out.push_str(key);
    out.push_str("\":");
    json::write_string(out, value);
}

/// schema.org `NewsArticle` for `article`, as JSON that is safe inside a `<script>` element:
/// `<`, `>`, `&`, U+2028 and U+2029 are written as `\u` escapes, so no field can close the
/// element or start a comment (`<!--`), whatever it holds. `url` (checked like the article's)
/// takes the place of the article's own URL.
pub fn json_ld(article: &Article, url: Option<&str>) -> String {
    let mut out = String::from("{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\"");
    member(&mut out, "headline", &article.title);
    if let Some(summary) = &article.summary {
        member(&mut out, "description", summary);
    }
    member(&mut out, "articleBody", &article.body.join("\n\n"));
    if let Some(author) = &article.author {
        out.push_str(",\"author\":{\"@type\":\"Person\"");
        member(&mut out, "name", &author.name);
        if !author.bio.is_empty() {
            member(&mut out, "description", &author.bio);
        }
        out.push('}');
    }
    if let Some(published) = &article.published {
        member(&mut out, "datePublished", published);
    }
    member(&mut out, "inLanguage", &article.lang);
    if let Some(url) = url.or(article.url.as_deref()).and_then(safe_url) {
        member(&mut out, "url", url);
    }
    if let Some(source) = &article.source {
        out.push_str(",\"publisher\":{\"@type\":\"Organization\"");
        member(&mut out, "name", source);
        out.push('}');
    }
    out.push('}');
    // Outside strings the JSON above holds none of these, so escaping them everywhere is exact.
    let mut safe = String::with_capacity(out.len());
    for c in out.chars() {
        match c {
            '<' => safe.push_str("\\u003c"),
            '>' => safe.push_str("\\u003e"),
            '&' => safe.push_str("\\u0026"),
            '\u{2028}' => safe.push_str("\\u2028"),
            '\u{2029}' => safe.push_str("\\u2029"),
            c => safe.push(c),
        }
    }
    safe
}
