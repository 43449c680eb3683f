//! news-card: a news article carried in WebAssembly and mounted as an RTL-first card.
//!
//! The pure core (`article`, `parse`, `json`, `json_article`, `input`, `error`, `measure`,
//! `strings`, `view`, `html`, `prerender`) builds and tests natively; `dom`, `intl`, `mount` and the
//! exports below exist only for wasm32.

pub mod article;
pub mod error;
pub mod html;
pub mod input;
pub mod json;
pub mod json_article;
pub mod measure;
pub mod parse;
pub mod prerender;
pub mod strings;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod dom;
#[cfg(target_arch = "wasm32")]
pub mod intl;
#[cfg(target_arch = "wasm32")]
pub mod mount;

/// The card's stylesheet, adopted by every card's shadow root.
pub const CARD_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/card.min.css"));

#[cfg(target_arch = "wasm32")]
mod exports {
    //! The JavaScript-facing API: what `www/news-card.js` calls.
    use crate::error::CardError;
    use crate::input::Format;
    use crate::mount::{Input, MountOptions, MountedCard};
    use wasm_bindgen::prelude::*;

    /// A card on the page. Call `free()` to remove it and its listeners.
    #[wasm_bindgen]
    pub struct CardHandle {
        card: MountedCard,
    }

    #[wasm_bindgen]
    impl CardHandle {
        /// Opens or closes the full text; returns whether the state changed.
        #[wasm_bindgen(js_name = setOpen)]
        pub fn set_open(&self, open: bool) -> bool {
            self.card.set_open(open)
        }
        /// The digest `mount` expected, when it was given another (empty otherwise).
        #[wasm_bindgen(getter)]
        pub fn digest(&self) -> String {
            self.card.digest().into()
        }
        #[wasm_bindgen(getter, js_name = isOpen)]
        pub fn is_open(&self) -> bool {
            self.card.is_open()
        }
        /// The field an error is in (undefined when the card shows its article).
        #[wasm_bindgen(getter, js_name = errorField)]
        pub fn error_field(&self) -> Option<String> {
            self.card.error().map(CardError::field)
        }
        /// The error's full message, naming field, reason and line.
        #[wasm_bindgen(getter, js_name = errorMessage)]
        pub fn error_message(&self) -> Option<String> {
            self.card.error().map(CardError::message)
        }
        /// The input line the error is on, where there is one.
        #[wasm_bindgen(getter, js_name = errorLine)]
        pub fn error_line(&self) -> Option<u32> {
            self.card
                .error()
                .and_then(CardError::line)
                .map(|l| l.try_into().unwrap_or(u32::MAX))
        }
    }

    /// Mounts a card into `parent` (a shadow root or any node). With `digest` (a prerendered
    /// card's `data-digest`) it first tries to hydrate the card prerendered in `parent`: when
    /// the digest is the one this input and these options give, the card is those nodes (none
    /// created, `open` as the markup has it); otherwise it mounts afresh, and `digest` on the
    /// handle says which digest it expected.
    /// `kind`: "embedded" (data ignored), "text" or "json" (data: UTF-8 bytes of the article),
    /// or "refused:FIELD" when the shell refused the input (data: UTF-8 reason, shown for FIELD).
    /// `ui_lang` overrides the language of the card's own words; `numerals` ("latn", "arab",
    /// "auto") picks the digits of the numbers the card writes; `wpm` is words per minute.
    ///
    /// The card registers no listeners and calls no page code: the shell listens for the
    /// reader's clicks and calls `setOpen`, so no page JavaScript ever runs inside the wasm.
    // Flat arguments: an options object across the boundary would cost glue on both sides.
    #[allow(clippy::too_many_arguments)]
    #[wasm_bindgen]
    pub fn mount(
        parent: &web_sys::Node,
        kind: &str,
        data: &[u8],
        open: bool,
        ui_lang: Option<String>,
        wpm: u32,
        numerals: &str,
        digest: Option<String>,
    ) -> Result<CardHandle, JsValue> {
        let input = match kind {
            "embedded" => Input::Embedded,
            "text" => Input::Bytes(data, Format::Text),
            "json" => Input::Bytes(data, Format::Json),
            _ => Input::Failed(CardError::Refused {
                field: kind.strip_prefix("refused:").unwrap_or("article").into(),
                detail: String::from_utf8_lossy(data).into_owned(),
            }),
        };
        let opts = MountOptions {
            open,
            ui_lang,
            // The shell passes 1..=10,000; anything else is its bug, read as the default.
            wpm: if (1..=10_000).contains(&wpm) {
                wpm
            } else {
                crate::measure::DEFAULT_WPM
            },
            numerals: crate::intl::Numerals::parse(numerals),
            digest,
        };
        Ok(CardHandle {
            card: MountedCard::mount(parent, input, opts)?,
        })
    }

    /// Parses the plain-text format into the JSON format's text (for `parseArticle` in JS), or
    /// answers the error's message, which never starts with `{`. A malformed article is an
    /// answer, not an exception: the shell treats any exception out of the wasm as its failure.
    #[wasm_bindgen(js_name = textToJson)]
    pub fn text_to_json(text: &str) -> String {
        match crate::input::load_str(text, Format::Text) {
            Ok(article) => crate::json_article::to_json(&article),
            Err(e) => e.message(),
        }
    }

    /// Prerenders a card: the complete `<news-card>` element (then its JSON-LD, with `json_ld`),
    /// the same bytes as the native `news-card render` for the same article and options. For
    /// `renderToString` (www/news-card-render.js), which checks the options' types and passes
    /// `kind` and `data` as `mount` takes them ("embedded", "text" or "json"). The answer starts
    /// with `<`; anything else is the error's message (an invalid article or option), so an
    /// error is an answer, not an exception.
    #[allow(clippy::too_many_arguments)]
    #[wasm_bindgen]
    pub fn prerender(
        kind: &str,
        data: &[u8],
        lang: Option<String>,
        open: bool,
        numerals: Option<String>,
        wpm: Option<u32>,
        id_prefix: Option<String>,
        css_href: Option<String>,
        json_ld: bool,
        url: Option<String>,
        src: Option<String>,
    ) -> String {
        use crate::prerender::{self, Carry, Numerals, PrerenderOptions};
        let article = match kind {
            "text" => crate::input::load_bytes(data, Format::Text),
            "json" => crate::input::load_bytes(data, Format::Json),
            _ => crate::input::load_str(crate::article::EMBEDDED, Format::Text),
        };
        let article = match article {
            Ok(article) => article,
            Err(e) => return e.message(),
        };
        let numerals = match numerals.as_deref().map(Numerals::from_name) {
            Some(None) => return "numerals: expected latn, arab or auto".into(),
            Some(some) => some,
            None => None,
        };
        let defaults = PrerenderOptions::default();
        let opts = PrerenderOptions {
            lang: lang.as_deref(),
            open,
            numerals,
            wpm,
            id_prefix: id_prefix.as_deref().unwrap_or(defaults.id_prefix),
            css_href: css_href.as_deref(),
            json_ld,
            url: url.as_deref(),
            carry: match (&src, kind) {
                (Some(src), _) => Carry::Src(src),
                (None, "embedded") => Carry::Embedded,
                (None, _) => Carry::Inline,
            },
        };
        match prerender::check(&opts) {
            Ok(()) => prerender::render(&article, &opts),
            Err(e) => e.to_string(),
        }
    }

    /// The stylesheet text for the card's shadow root.
    #[wasm_bindgen(js_name = cardCss)]
    pub fn card_css() -> String {
        crate::CARD_CSS.into()
    }

    /// How many cards are mounted and not yet freed.
    #[wasm_bindgen(js_name = liveCards)]
    pub fn live_cards() -> u32 {
        crate::mount::live_cards()
    }
}
