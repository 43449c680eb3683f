//! The wasm's locale without the browser, for the prerenderer: the same words, plurals and digits the card's Intl path writes.

use super::{Locale, PlainLocale};

/// The wasm's locale without the browser: plural rules and digits as `intl.rs` gives them for
/// `latn` and `arab`; words counted as `intl.rs` counts them for every card it can show
/// (its `Intl.Segmenter` path is only for a UI language written without spaces, and the card
/// has none); dates as given (ISO), which is why a dated card is marked `data-intl`.
pub struct NativeLocale {
    pub plain: PlainLocale,
    pub arab: bool,
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
        crate::number::arabic_indic(&western)
    }
    fn date(&self, iso: &str) -> String {
        self.plain.date(iso)
    }
}
