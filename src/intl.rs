//! The browser's Intl behind the view's `Locale`: word segmentation, plural rules, digits, dates.
//!
//! Bound here with `catch` on every constructor: a language tag the engine refuses, or an
//! engine without `Intl.Segmenter`, falls back to the plain rules instead of throwing.

use crate::strings::Ui;
use crate::view::{Locale, PlainLocale};
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

/// Which digits the numbers the card writes use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Numerals {
    /// The locale's default (Intl decides: Arabic-Indic for `ar` in most engines).
    Auto,
    /// Western digits, 0–9.
    Latn,
    /// Arabic-Indic digits, ٠–٩.
    Arab,
}

impl Numerals {
    /// From the `numerals` attribute; anything unknown is `auto`.
    pub fn parse(value: &str) -> Numerals {
        match value {
            "latn" => Numerals::Latn,
            "arab" => Numerals::Arab,
            _ => Numerals::Auto,
        }
    }
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
    plural: Option<PluralRules>,
    number: Option<NumberFormat>,
    date: Option<DateTimeFormat>,
    words: Option<Segmenter>,
}

impl IntlLocale {
    /// Formatters for `tag` (a BCP 47 tag) with the UI strings `ui` and digits `numerals`.
    pub fn new(tag: &str, ui: &'static Ui, numerals: Numerals) -> IntlLocale {
        let mut with_digits = String::from(tag);
        match numerals {
            Numerals::Auto => {}
            // A Unicode extension picks the numbering system for NumberFormat and DateTimeFormat.
            Numerals::Latn => with_digits.push_str(if tag.contains("-u-") {
                "-nu-latn"
            } else {
                "-u-nu-latn"
            }),
            Numerals::Arab => with_digits.push_str(if tag.contains("-u-") {
                "-nu-arab"
            } else {
                "-u-nu-arab"
            }),
        }
        IntlLocale {
            plain: PlainLocale(ui),
            plural: PluralRules::new(tag).ok(),
            number: NumberFormat::new(&with_digits).ok(),
            date: DateTimeFormat::new(
                &with_digits,
                &options(&[("dateStyle", "long"), ("timeZone", "UTC")]),
            )
            .ok(),
            words: Segmenter::new(tag, &options(&[("granularity", "word")])).ok(),
        }
    }
}

impl Locale for IntlLocale {
    /// Segments between Unicode word boundaries (UAX #29 as the engine implements it) that
    /// are words: word-like, or holding a letter or digit. The second test is there because
    /// engines disagree on numbers: WebKitGTK does not call "2024" word-like, the others do.
    fn words(&self, text: &str) -> usize {
        let Some(segmenter) = &self.words else {
            return self.plain.words(text);
        };
        let Ok(Some(iter)) = js_sys::try_iter(&segmenter.segment(text)) else {
            return self.plain.words(text);
        };
        let word_like = JsValue::from_str("isWordLike");
        let segment_key = JsValue::from_str("segment");
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

    fn number(&self, n: u32) -> String {
        match &self.number {
            Some(format) => format.format(f64::from(n)),
            None => self.plain.number(n),
        }
    }

    /// The calendar date of `iso` (its first ten characters, read as a UTC day so no time
    /// zone can move it), written as the locale writes long dates.
    fn date(&self, iso: &str) -> String {
        let day = iso.get(..10).unwrap_or(iso);
        let mut utc = String::from(day);
        utc.push_str("T00:00:00Z");
        let date = js_sys::Date::new(&JsValue::from_str(&utc));
        match &self.date {
            Some(format) if !date.get_time().is_nan() => {
                format.format(&date).unwrap_or_else(|_| iso.into())
            }
            _ => iso.into(),
        }
    }
}
