//! The prerendered `<news-card>` element's HTML and the article's JSON-LD, natively and in the wasm.
//!
//! The command line (`cli/`, the `news-card` command) and `renderToString` (the wasm's `prerender`
//! export) both end here, so they print the same bytes for the same article and options.

use super::{digest_of, needs_intl, ui_of, DEFAULT_PREFIX, MAX_WPM};
use crate::article::Article;
use crate::lang::is_language_tag;
use crate::locale::measure::DEFAULT_WPM;
use crate::locale::{NativeLocale, Numerals, PlainLocale};
use crate::url;
use crate::view::{self, html, CardOptions};
use core::fmt;

/// How the element tells the shell which article it shows once the script runs. Without one of
/// these the shell shows the embedded article, so a card prerendered from a file must carry it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Carry<'a> {
    /// The article as an inline `<script type="application/json">` child (the shell's input 3).
    #[default]
    Inline,
    /// A `src` attribute: the shell fetches the article from this URL.
    Src(&'a str),
    /// Nothing: the article is the embedded one, which the shell shows by default.
    Embedded,
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
    /// The `heading-level` attribute (2 to 6): the headline's level; None writes none (2).
    pub heading_level: Option<u32>,
    /// The `share` attribute: offer the share control (hidden until the script runs).
    pub share: bool,
    /// Prefix of the IDs inside the shadow root.
    pub id_prefix: &'a str,
    /// The stylesheet the shadow root links to; None: the stylesheet inline, as a `<style>`
    /// (a page's CSP then needs `STYLE_CSP` in `style-src`). Inline is the default because only
    /// Chromium holds the first frame for a stylesheet linked in a declarative shadow root:
    /// Firefox and WebKit paint the card unstyled until it arrives, and the page shifts.
    pub css_href: Option<&'a str>,
    /// Also write schema.org JSON-LD after the element.
    pub json_ld: bool,
    /// The JSON-LD's `url`, instead of the article's own.
    pub url: Option<&'a str>,
    /// An absolute http: or https: URL the JSON-LD resolves the article's relative URLs
    /// against (its `url` and image), since JSON-LD consumers want absolute ones. The card's
    /// markup keeps them relative either way, for the page to resolve; without `base` the
    /// JSON-LD keeps them relative too.
    pub base: Option<&'a str>,
    /// How the element names its article for the shell.
    pub carry: Carry<'a>,
}

impl Default for PrerenderOptions<'_> {
    fn default() -> Self {
        PrerenderOptions {
            lang: None,
            open: false,
            numerals: None,
            wpm: None,
            heading_level: None,
            share: false,
            id_prefix: DEFAULT_PREFIX,
            css_href: None,
            json_ld: false,
            url: None,
            base: None,
            carry: Carry::default(),
        }
    }
}

/// An option `check` refused: which one, its value, and what it must be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionError {
    /// The option's name as JavaScript spells it (`idPrefix`).
    pub option: &'static str,
    /// The value given, as text.
    pub value: String,
    /// What the option must be, in words.
    pub expected: &'static str,
}

impl fmt::Display for OptionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Display, not Debug, for the value: the release wasm carries no Debug text.
        write!(
            f,
            "{} \"{}\": expected {}",
            self.option, self.value, self.expected
        )
    }
}

impl std::error::Error for OptionError {}

/// A URL written into an attribute: not empty, no white space or control characters.
fn is_plain_url(href: &str) -> bool {
    !href.is_empty() && !href.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// Checks options that did not come from the command line (whose parser checks each flag as
/// it reads it) by the same rules: `renderToString` calls this before rendering.
pub fn check(opts: &PrerenderOptions) -> Result<(), OptionError> {
    let refuse = |option, value: &str, expected| {
        Err(OptionError {
            option,
            value: value.into(),
            expected,
        })
    };
    if let Some(lang) = opts.lang.filter(|l| !is_language_tag(l)) {
        return refuse("lang", lang, "a BCP 47 language tag");
    }
    if let Some(wpm) = opts.wpm.filter(|n| !(1..=MAX_WPM).contains(n)) {
        let mut n = String::new();
        crate::number::push_number(&mut n, wpm);
        return refuse("wpm", &n, "a whole number from 1 to 10000");
    }
    if let Some(level) = opts.heading_level.filter(|n| !(2..=6).contains(n)) {
        let mut n = String::new();
        crate::number::push_number(&mut n, level);
        return refuse("headingLevel", &n, "a whole number from 2 to 6");
    }
    if !super::is_id_prefix(opts.id_prefix) {
        return refuse(
            "idPrefix",
            opts.id_prefix,
            "a letter, then letters, digits, - or _, and not nc<digits> (the wasm's own)",
        );
    }
    if let Some(href) = opts.css_href.filter(|h| !is_plain_url(h)) {
        return refuse("cssHref", href, "a URL without spaces");
    }
    if let Carry::Src(src) = opts.carry {
        if !is_plain_url(src) {
            return refuse("src", src, "a URL without spaces");
        }
    }
    if let Some(url) = opts.url.filter(|u| url::web(u).is_none()) {
        return refuse("url", url, "an absolute http: or https: URL");
    }
    if let Some(base) = opts.base.filter(|u| url::web(u).is_none()) {
        return refuse("base", base, "an absolute http: or https: URL");
    }
    Ok(())
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
            heading: opts.heading_level.unwrap_or(2),
            share: opts.share,
        },
    );
    html::render(&tree)
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
    if let Carry::Src(src) = opts.carry {
        attr(&mut out, "src", src);
    }
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
        crate::number::push_number(&mut n, wpm);
        attr(&mut out, "wpm", &n);
    }
    let heading = opts.heading_level.unwrap_or(2);
    if opts.heading_level.is_some() {
        let mut n = String::new();
        crate::number::push_number(&mut n, heading);
        attr(&mut out, "heading-level", &n);
    }
    if opts.share {
        out.push_str(" share");
    }
    let numerals = opts.numerals.unwrap_or_default();
    let wpm = opts.wpm.unwrap_or(DEFAULT_WPM);
    attr(
        &mut out,
        "data-digest",
        &digest_of(article, opts.lang, numerals, wpm, heading, opts.share),
    );
    if let Some(what) = needs_intl(article, numerals) {
        attr(&mut out, "data-intl", &what);
    }
    out.push_str("><template shadowrootmode=\"open\">");
    match opts.css_href {
        Some(href) => {
            out.push_str("<link rel=\"stylesheet\"");
            attr(&mut out, "href", href);
            out.push('>');
        }
        None => {
            // CARD_CSS is the crate's own minified stylesheet: no `<` in it (a test checks), so
            // nothing can end the element early.
            out.push_str("<style>");
            out.push_str(crate::CARD_CSS);
            out.push_str("</style>");
        }
    }
    out.push_str(&card);
    out.push_str("</template>");
    if opts.carry == Carry::Inline {
        // Light DOM, which the shadow root does not show: only the shell reads it.
        out.push_str("<script type=\"application/json\">");
        out.push_str(&script_safe(&crate::input::json::to_string(article)));
        out.push_str("</script>");
    }
    out.push_str("</news-card>");
    if opts.json_ld {
        out.push_str("\n<script type=\"application/ld+json\">");
        out.push_str(&json_ld(article, opts.url, opts.base));
        out.push_str("</script>");
    }
    out
}

/// JSON text made safe inside a `<script>` element: `<`, `>`, `&`, U+2028 and U+2029 written
/// as `\u` escapes, so no string can close the element or start a comment (`<!--`). JSON
/// holds these characters only inside strings, where the escapes mean the same text.
pub fn script_safe(json: &str) -> String {
    let mut safe = String::with_capacity(json.len());
    for c in json.chars() {
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

/// Appends `,"key":` and the string `value`.
fn member(out: &mut String, key: &str, value: &str) {
    out.push_str(",\"");
    out.push_str(key);
    out.push_str("\":");
    // A string serialises without fail.
    out.push_str(&serde_json::to_string(value).unwrap_or_default());
}

/// schema.org `NewsArticle` for `article`, as JSON that is safe inside a `<script>` element
/// (`script_safe`). `url` (checked like the article's) takes the place of the article's own URL;
/// relative URLs resolve against `base` when there is one, and stay relative otherwise.
pub fn json_ld(article: &Article, url: Option<&str>, base: Option<&str>) -> String {
    let absolute = |u: &str| match base {
        Some(base) => url::resolve(base, u),
        None => url::reference(u).map(|_| u.to_string()),
    };
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
    if let Some(url) = url.or(article.url.as_deref()).and_then(absolute) {
        member(&mut out, "url", &url);
    }
    if let Some(image) = &article.image {
        out.push_str(",\"image\":{\"@type\":\"ImageObject\"");
        // A checked image's src always resolves against an http(s) base.
        member(&mut out, "url", &absolute(&image.src).unwrap_or_default());
        out.push_str(&format!(
            ",\"width\":{},\"height\":{}",
            image.width, image.height
        ));
        if let Some(caption) = image.caption.as_deref().filter(|c| !c.is_empty()) {
            member(&mut out, "caption", caption);
        }
        if let Some(credit) = image.credit.as_deref().filter(|c| !c.is_empty()) {
            member(&mut out, "creditText", credit);
        }
        out.push('}');
    }
    if let Some(source) = &article.source {
        out.push_str(",\"publisher\":{\"@type\":\"Organization\"");
        member(&mut out, "name", source);
        out.push('}');
    }
    out.push('}');
    script_safe(&out)
}
