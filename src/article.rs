//! The article model: what a news card shows, independent of the format it came in, and the checks no single field can make (its readers are in input/json and input/text).

use crate::error::{CardError, Problem};
use crate::url::{self, Reference};
use serde::Deserialize;

/// One news article, with every character exactly as the source gave it.
///
/// Read from the JSON format (www/article.schema.json) in two steps (`input::json::wire`): each
/// member by its own reader, which names its path when it has the wrong type, then one
/// validation step: required fields, the language tag, `dir` and the date.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "crate::input::json::wire::Wire")]
#[cfg_attr(feature = "publisher", derive(serde::Serialize))]
pub struct Article {
    /// The headline; never empty.
    pub title: String,
    /// Shown under the summary label, always visible; None when the source has none.
    #[cfg_attr(feature = "publisher", serde(skip_serializing_if = "Option::is_none"))]
    pub summary: Option<String>,
    /// The full text, one string per paragraph (at least one); collapsed until opened.
    pub body: Vec<String>,
    /// Who wrote it, when the source says.
    #[cfg_attr(feature = "publisher", serde(skip_serializing_if = "Option::is_none"))]
    pub author: Option<Author>,
    /// BCP 47 language tag of the text ("ar" unless the source says otherwise).
    #[cfg_attr(feature = "publisher", serde(skip_serializing_if = "str::is_empty"))]
    pub lang: String,
    /// The text's direction (by default from `lang`: see `Dir::of_lang`).
    pub dir: Dir,
    /// Where the article lives: the headline links to it when it is an http: or https: URL, or
    /// a relative one (`url::reference`; resolved where the card is shown).
    #[cfg_attr(feature = "publisher", serde(skip_serializing_if = "Option::is_none"))]
    pub url: Option<String>,
    /// ISO 8601 date (or date and time) of publication, as given.
    #[cfg_attr(feature = "publisher", serde(skip_serializing_if = "Option::is_none"))]
    pub published: Option<String>,
    /// The publication the article comes from.
    #[cfg_attr(feature = "publisher", serde(skip_serializing_if = "Option::is_none"))]
    pub source: Option<String>,
    /// The lead image.
    #[cfg_attr(feature = "publisher", serde(skip_serializing_if = "Option::is_none"))]
    pub image: Option<Image>,
}

/// The lead image, with its intrinsic size so the card reserves its box before a byte arrives.
/// Read from the JSON format by `ImageReader` (each member names its path), then checked with
/// the article (`check`): an image that is there is always whole.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[cfg_attr(feature = "publisher", derive(serde::Serialize))]
pub struct Image {
    /// An http: or https: URL, or a relative one (`url::reference`), resolved where the card is
    /// shown (`Article::resolve_urls`).
    pub src: String,
    /// Required: Some after `check`. An empty string, given explicitly, marks the image as
    /// decorative.
    pub alt: Option<String>,
    /// The intrinsic width in pixels: required and positive (0 while missing).
    pub width: u32,
    /// The intrinsic height in pixels: required and positive (0 while missing).
    pub height: u32,
    /// Candidates for the browser to pick from, each URL checked like `src`.
    #[cfg_attr(feature = "publisher", serde(skip_serializing_if = "Option::is_none"))]
    pub srcset: Option<String>,
    /// Which candidate width the layout wants, as HTML's `sizes`.
    #[cfg_attr(feature = "publisher", serde(skip_serializing_if = "Option::is_none"))]
    pub sizes: Option<String>,
    /// Shown under the image.
    #[cfg_attr(feature = "publisher", serde(skip_serializing_if = "Option::is_none"))]
    pub caption: Option<String>,
    /// Who made the image (photographer, agency).
    #[cfg_attr(feature = "publisher", serde(skip_serializing_if = "Option::is_none"))]
    pub credit: Option<String>,
}

/// Says an image's URL is not one the card loads.
const NOT_WEB_URL: &str = "must be an http: or https: URL, or a relative one";

impl Image {
    /// What no single member says alone: the required members, and every URL (`src` and each
    /// `srcset` candidate) an http: or https: one or relative (`url::reference`), so no other
    /// scheme (`javascript:`, `data:`, `blob:`, `file:`) is ever requested; a relative one is
    /// resolved where the card is shown (`Article::resolve_urls`). The field at fault and why,
    /// otherwise.
    pub fn check(&self) -> Result<(), (&'static str, Problem)> {
        if self.src.is_empty() {
            return Err(("image.src", Problem::Missing));
        }
        if url::reference(&self.src).is_none() {
            return Err(("image.src", Problem::Invalid(NOT_WEB_URL)));
        }
        if self.alt.is_none() {
            return Err(("image.alt", Problem::Missing));
        }
        if self.width == 0 {
            return Err(("image.width", Problem::Missing));
        }
        if self.height == 0 {
            return Err(("image.height", Problem::Missing));
        }
        // "URL [descriptor]" candidates separated by commas.
        let bad = |candidate: &str| {
            let mut words = candidate.split_ascii_whitespace();
            words.next().and_then(url::reference).is_none() || words.count() > 1
        };
        if self
            .srcset
            .as_deref()
            .is_some_and(|s| s.split(',').any(bad))
        {
            return Err((
                "image.srcset",
                Problem::Invalid(
                    "must list http: or https: URLs, or relative ones, each with one descriptor at most",
                ),
            ));
        }
        Ok(())
    }

    /// Bytes of text the image brings, for the size limit.
    fn text_len(&self) -> usize {
        let opt = |s: &Option<String>| s.as_ref().map_or(0, String::len);
        self.src.len()
            + opt(&self.alt)
            + opt(&self.srcset)
            + opt(&self.sizes)
            + opt(&self.caption)
            + opt(&self.credit)
    }
}

/// The person who wrote the article, the name set apart from the bio.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "publisher", derive(serde::Serialize))]
pub struct Author {
    /// Required (checked with the article, where "missing" reads as empty).
    #[serde(default, deserialize_with = "crate::input::json::wire::author_name")]
    pub name: String,
    /// A line about the author; empty when there is none.
    #[serde(default, deserialize_with = "crate::input::json::wire::author_bio")]
    pub bio: String,
}

/// Text direction of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "publisher", derive(serde::Serialize))]
#[cfg_attr(feature = "publisher", serde(rename_all = "lowercase"))]
pub enum Dir {
    /// Right to left: Arabic, Persian, Hebrew, Urdu.
    Rtl,
    /// Left to right.
    Ltr,
    /// Let the browser decide from the text (the `dir="auto"` rule).
    Auto,
}

impl Dir {
    /// The `dir` attribute's value: `rtl`, `ltr` or `auto`.
    pub fn as_str(self) -> &'static str {
        match self {
            Dir::Rtl => "rtl",
            Dir::Ltr => "ltr",
            Dir::Auto => "auto",
        }
    }
    /// From the JSON format's `dir` member.
    pub(crate) fn from_name(name: &str) -> Option<Dir> {
        match name {
            "rtl" => Some(Dir::Rtl),
            "ltr" => Some(Dir::Ltr),
            "auto" => Some(Dir::Auto),
            _ => None,
        }
    }
    /// The direction a language is written in, from its primary subtag.
    pub fn of_lang(lang: &str) -> Dir {
        if crate::lang::is_rtl(lang) {
            Dir::Rtl
        } else {
            Dir::Ltr
        }
    }
}

impl Article {
    /// A new Arabic article with only the required parts.
    pub fn new(title: String, body: Vec<String>) -> Self {
        Article {
            title,
            summary: None,
            body,
            author: None,
            lang: "ar".into(),
            dir: Dir::Rtl,
            url: None,
            published: None,
            source: None,
            image: None,
        }
    }

    /// Bytes of text a reader would see, for the size limit.
    pub fn text_len(&self) -> usize {
        let opt = |s: &Option<String>| s.as_ref().map_or(0, String::len);
        self.title.len()
            + opt(&self.summary)
            + self.body.iter().map(String::len).sum::<usize>()
            + self
                .author
                .as_ref()
                .map_or(0, |a| a.name.len() + a.bio.len())
            + opt(&self.url)
            + opt(&self.published)
            + opt(&self.source)
            + self.image.as_ref().map_or(0, Image::text_len)
    }
}

impl Article {
    /// Resolves the article's relative URLs (the image's `src` and `srcset` candidates, and
    /// `url`) against `base`, the URL the browser would resolve them against: the page's, or
    /// the fetched article's own. An image URL that does not resolve to an http: or https: one
    /// (a base that is not one: `file:`, `blob:`) is the image's error; a `url` that does not
    /// is no link, as a `url` of another scheme never was. Absolute URLs are left as they are.
    pub fn resolve_urls(&mut self, base: &str) -> Result<(), CardError> {
        let unresolved = |field: &str| CardError::Field {
            field: field.into(),
            problem: Problem::Invalid("must resolve to an http: or https: URL"),
        };
        if let Some(image) = &mut self.image {
            if url::reference(&image.src) == Some(Reference::Relative) {
                image.src =
                    url::resolve(base, &image.src).ok_or_else(|| unresolved("image.src"))?;
            }
            if let Some(srcset) = image.srcset.as_mut() {
                let relative = |c: &str| {
                    c.split_ascii_whitespace().next().and_then(url::reference)
                        == Some(Reference::Relative)
                };
                if srcset.split(',').any(relative) {
                    // Each candidate checked (`Image::check`): a URL and at most one descriptor.
                    let mut resolved = String::with_capacity(srcset.len() + base.len() * 2);
                    for candidate in srcset.split(',') {
                        let mut words = candidate.split_ascii_whitespace();
                        let href = words.next().unwrap_or_default();
                        if !resolved.is_empty() {
                            resolved.push_str(", ");
                        }
                        resolved.push_str(
                            &url::resolve(base, href).ok_or_else(|| unresolved("image.srcset"))?,
                        );
                        if let Some(descriptor) = words.next() {
                            resolved.push(' ');
                            resolved.push_str(descriptor);
                        }
                    }
                    *srcset = resolved;
                }
            }
        }
        self.url = self.url.take().and_then(|u| url::resolve(base, &u));
        Ok(())
    }
}

/// The article the crate ships with, in the plain-text format of `parse`.
pub const EMBEDDED: &str = include_str!("../content/article.txt");
