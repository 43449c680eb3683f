//! The browser's Intl behind the view's `Locale`: word segmentation, plural rules, digits, dates.
//!
//! Bound here with `catch` on every constructor: a language tag the engine refuses, or an
//! engine without `Intl.Segmenter`, falls back to the plain rules instead of throwing.

use super::strings::Ui;
use super::{Locale, Numerals, PlainLocale};
use crate::lang::writes_without_spaces;
use std::cell::OnceCell;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Intl)]
    type PluralRules;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "PluralRules", catch)]
    fn new(locale: &str) -> Result<PluralRules, JsValue>;
    #[wasm_bindgen(method)]
    fn select(this: &PluralRules, n: f64) -> String;

    #[wasm_bindgen(js_namespace = Intl)]
    type NumberFormat;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "NumberFormat", catch)]
    fn new(locale: &str) -> Result<NumberFormat, JsValue>;
    #[wasm_bindgen(method)]
    fn format(this: &NumberFormat, n: f64) -> String;

    #[wasm_bindgen(js_namespace = Intl)]
    type DateTimeFormat;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "DateTimeFormat", catch)]
    fn new(locale: &str, options: &js_sys::Object) -> Result<DateTimeFormat, JsValue>;
    #[wasm_bindgen(method, catch)]
    fn format(this: &DateTimeFormat, date: &js_sys::Date) -> Result<String, JsValue>;

    #[wasm_bindgen(js_namespace = Intl)]
    type Segmenter;
    #[wasm_bindgen(constructor, js_namespace = Intl, js_class = "Segmenter", catch)]
    fn new(locale: &str, options: &js_sys::Object) -> Result<Segmenter, JsValue>;
    #[wasm_bindgen(method)]
    fn segment(this: &Segmenter, text: &str) -> JsValue;
}

/// An object with string members, for Intl options.
fn options(pairs: &[(&str, &str)]) -> js_sys::Object {
    let object = js_sys::Object::new();
    for (key, value) in pairs {
        // Setting a data property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object
}

/// Intl formatters for one card: made once per mount, used for every text the card composes.
pub struct IntlLocale {
    plain: PlainLocale,
    /// The tag with a Unicode extension for the digits (`ar-u-nu-arab`), for formatters.
    with_digits: String,
    numerals: Numerals,
    plural: Option<PluralRules>,
    // NumberFormat and DateTimeFormat cost 15-20 ms the first time a page makes one (the
    // engine loads its locale data), so they are made only when a text needs them.
    number: OnceCell<Option<NumberFormat>>,
    date: OnceCell<Option<DateTimeFormat>>,
    words: Option<Segmenter>,
}

impl IntlLocale {
    /// Formatters for `tag` (a BCP 47 tag: the card's own words, so plurals, digits and dates)
    /// with the UI strings `ui` and digits `numerals`; words are counted in `text_lang`, the
    /// article's language, which may differ (a Chinese article in an English card).
    pub fn new(tag: &str, text_lang: &str, ui: &'static Ui, numerals: Numerals) -> IntlLocale {
        let mut with_digits = String::from(tag);
        let extension = if tag.contains("-u-") {
            "-nu-"
        } else {
            "-u-nu-"
        };
        match numerals {
            Numerals::Auto => {}
            Numerals::Latn => {
                with_digits.push_str(extension);
                with_digits.push_str("latn");
            }
            Numerals::Arab => {
                with_digits.push_str(extension);
                with_digits.push_str("arab");
            }
        }
        IntlLocale {
            plain: PlainLocale(ui),
            with_digits,
            numerals,
            plural: PluralRules::new(tag).ok(),
            number: OnceCell::new(),
            date: OnceCell::new(),
            words: if writes_without_spaces(text_lang) {
                Segmenter::new(text_lang, &options(&[("granularity", "word")])).ok()
            } else {
                None
            },
        }
    }
}

thread_local! {
    /// Formatters already made on this page, by language tag and digits: a page of a hundred
    /// cards in one language builds them once.
    static MADE: std::cell::RefCell<Vec<(String, Numerals, std::rc::Rc<IntlLocale>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The formatters for `tag` and `numerals` over an article in `text_lang`. Shared formatters
/// are keyed by exactly what they depend on, the UI tag and the digits: they count words without
/// a segmenter. An article written without spaces needs a segmenter for its own language, which
/// the UI tag does not name (a Chinese article in an English card), so its card gets formatters
/// of its own, one Intl.PluralRules and Intl.Segmenter more per such card; a second key in the
/// cache cost the wasm some 300 bytes after brotli.
pub fn locale_for(
    tag: &str,
    text_lang: &str,
    ui: &'static Ui,
    numerals: Numerals,
) -> std::rc::Rc<IntlLocale> {
    if writes_without_spaces(text_lang) {
        return std::rc::Rc::new(IntlLocale::new(tag, text_lang, ui, numerals));
    }
    MADE.with(|made| {
        let mut made = made.borrow_mut();
        if let Some((_, _, locale)) = made.iter().find(|(t, n, _)| t == tag && *n == numerals) {
            return std::rc::Rc::clone(locale);
        }
        let locale = std::rc::Rc::new(IntlLocale::new(tag, "", ui, numerals));
        // A page rarely mixes more than a few languages; keep the cache small all the same.
        if made.len() >= 16 {
            made.remove(0);
        }
        made.push((tag.into(), numerals, std::rc::Rc::clone(&locale)));
        locale
    })
}

impl Locale for IntlLocale {
    /// Words. Scripts that put spaces between words (Arabic, Hebrew, Persian, Urdu, Latin...)
    /// are counted in Rust: runs between Unicode white space holding a letter or digit, which
    /// is what UAX #29 gives them (measured on the seed: 438 both ways in Chromium) at a tiny
    /// fraction of the cost; walking Intl.Segmenter's segments across the wasm boundary took
    /// about 25 ms a card. Languages written without spaces go to Intl.Segmenter.
    fn words(&self, text: &str) -> usize {
        let Some(segmenter) = &self.words else {
            return self.plain.words(text);
        };
        let Ok(Some(iter)) = js_sys::try_iter(&segmenter.segment(text)) else {
            return self.plain.words(text);
        };
        let word_like = JsValue::from_str("isWordLike");
        let segment_key = JsValue::from_str("segment");
        // Engines disagree on numbers (WebKitGTK does not call "2024" word-like): a segment
        // holding a letter or digit is a word too.
        iter.flatten()
            .filter(|segment| {
                js_sys::Reflect::get(segment, &word_like).is_ok_and(|v| v.is_truthy())
                    || js_sys::Reflect::get(segment, &segment_key)
                        .ok()
                        .and_then(|s| s.as_string())
                        .is_some_and(|s| s.chars().any(char::is_alphanumeric))
            })
            .count()
    }

    fn plural(&self, n: u32) -> String {
        match &self.plural {
            Some(rules) => rules.select(f64::from(n)),
            None => self.plain.plural(n),
        }
    }

    /// Western and Arabic-Indic digits are written directly; `auto` asks Intl which the
    /// language uses.
    fn number(&self, n: u32) -> String {
        match self.numerals {
            Numerals::Latn => self.plain.number(n),
            Numerals::Arab => crate::number::arabic_indic(&self.plain.number(n)),
            Numerals::Auto => match self
                .number
                .get_or_init(|| NumberFormat::new(&self.with_digits).ok())
            {
                Some(format) => format.format(f64::from(n)),
                None => self.plain.number(n),
            },
        }
    }

    /// The calendar date of `iso` (its first ten characters, read as a UTC day so no time
    /// zone can move it), written as the locale writes long dates.
    fn date(&self, iso: &str) -> String {
        let day = iso.get(..10).unwrap_or(iso);
        let mut utc = String::from(day);
        utc.push_str("T00:00:00Z");
        let date = js_sys::Date::new(&JsValue::from_str(&utc));
        let format = self.date.get_or_init(|| {
            DateTimeFormat::new(
                &self.with_digits,
                &options(&[("dateStyle", "long"), ("timeZone", "UTC")]),
            )
            .ok()
        });
        match format {
            Some(format) if !date.get_time().is_nan() => {
                format.format(&date).unwrap_or_else(|_| iso.into())
            }
            _ => iso.into(),
        }
    }
}
