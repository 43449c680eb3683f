//! The card's words and numbers in a language: the `Locale` trait and its plain, Intl (wasm) and native implementations, the UI strings and the text measures.

pub mod measure;
pub mod strings;

#[cfg(feature = "publisher")]
mod native;
#[cfg(feature = "publisher")]
pub use native::NativeLocale;
#[cfg(target_arch = "wasm32")]
pub mod intl;

use strings::Ui;

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

/// Read by name ("latn", "arab", "auto"), as the shell's and `renderToString`'s options give it.
impl<'de> serde::Deserialize<'de> for Numerals {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Numerals, D::Error> {
        let name = crate::input::fields::text(d, "numerals", false)?.unwrap_or_default();
        Numerals::from_name(&name).ok_or_else(|| {
            crate::input::fields::fail(
                "numerals",
                crate::error::Problem::Invalid("must be latn, arab or auto"),
            )
        })
    }
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
    /// The attribute value: `latn`, `arab` or `auto`.
    pub fn name(self) -> &'static str {
        match self {
            Numerals::Latn => "latn",
            Numerals::Arab => "arab",
            Numerals::Auto => "auto",
        }
    }
}

/// What the card needs from the platform's locale data: word boundaries, plural rules,
/// number and date formats. The DOM layer passes an `Intl`-backed one (`intl.rs`); native
/// code and tests use `PlainLocale`.
pub trait Locale {
    /// Words in `text`, for the reading time.
    fn words(&self, text: &str) -> usize;
    /// The CLDR plural category of `n` ("one", "few", ...).
    fn plural(&self, n: u32) -> String;
    /// `n` in the card's numbering system.
    fn number(&self, n: u32) -> String;
    /// The publication date for display.
    fn date(&self, iso: &str) -> String;
}

/// Whitespace word count, built-in plural rules, Western digits, dates as given.
pub struct PlainLocale(pub &'static Ui);

impl Locale for PlainLocale {
    fn words(&self, text: &str) -> usize {
        measure::word_count(text)
    }
    fn plural(&self, n: u32) -> String {
        strings::plural_category(self.0.lang, n).into()
    }
    fn number(&self, n: u32) -> String {
        let mut s = String::new();
        crate::number::push_number(&mut s, n);
        s
    }
    fn date(&self, iso: &str) -> String {
        iso.into()
    }
}

/// "N minutes of reading" in the UI language, number and noun as the locale writes them.
pub fn reading_time(ui: &Ui, locale: &dyn Locale, minutes: u32) -> String {
    let pattern = ui.reading_time.pick(&locale.plural(minutes));
    strings::fill(pattern, &locale.number(minutes))
}
