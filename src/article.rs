//! The article model: what a news card shows, independent of the format it came in, and how it is read from the JSON format (serde) and checked.

use crate::de::{self as read, fail, record, text, Kind, Member, Text};
use crate::error::{CardError, Problem};
use crate::lang;
use crate::url::{self, Reference};
use serde::de::{self, Deserializer, MapAccess, SeqAccess};
use serde::Deserialize;

/// One news article, with every character exactly as the source gave it.
///
/// Read from the JSON format (www/article.schema.json) in two steps: `Wire`, whose fields each
/// read their own member and name their path when it has the wrong type, then one validation
/// step (`TryFrom<Wire>`): required fields, the language tag, `dir` and the date.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "Wire")]
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
    #[serde(default, deserialize_with = "author_name")]
    pub name: String,
    /// A line about the author; empty when there is none.
    #[serde(default, deserialize_with = "author_bio")]
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
    fn from_name(name: &str) -> Option<Dir> {
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

/// `url` if it is an absolute http: or https: URL (`url::web`, under the name the command
/// line knows).
pub use crate::url::web as safe_url;

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

/// `body`: an array of strings, each named `body[i]` when it is not one.
struct Body;

impl Member for Body {
    type Value = Vec<String>;
    const EXPECTED: &'static str = "an array of strings";
    fn path(&self) -> &str {
        "body"
    }
    fn null<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Vec::new())
    }
    fn seq<'de, A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut body = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        let mut path = String::from("body[");
        loop {
            path.truncate(5);
            crate::number::push_number(&mut path, body.len().try_into().unwrap_or(u32::MAX));
            path.push(']');
            let item = Text {
                path: &path,
                required: false,
                size: false,
            };
            match seq.next_element_seed(item)? {
                Some(Some(paragraph)) => body.push(paragraph),
                Some(None) => {
                    return Err(fail(
                        &path,
                        Problem::WrongType {
                            expected: "a string",
                            found: Kind::Null.name(),
                        },
                    ))
                }
                None => break,
            }
        }
        if body.is_empty() {
            return Err(fail("body", Problem::Empty));
        }
        Ok(body)
    }
}

/// `author`: an object, read by `Author`'s own derived `Deserialize`.
fn author<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Author>, D::Error> {
    read::object(d, "author")
}

fn title<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    text(d, "title", true)
}
fn summary<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    text(d, "summary", false)
}
fn body<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    read::read(d, Body)
}
fn author_name<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(text(d, "author.name", true)?.unwrap_or_default())
}
fn author_bio<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(text(d, "author.bio", false)?.unwrap_or_default())
}
fn lang<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    text(d, "lang", false)
}
fn dir<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    text(d, "dir", false)
}
fn url<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    text(d, "url", false)
}
fn published<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    text(d, "published", false)
}
fn source<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    text(d, "source", false)
}
/// `image`: an object whose members are read one by one, each by the reader of its kind (a
/// derived `Deserialize` would build a reader per member, which costs the wasm kilobytes).
struct ImageReader;

impl Member for ImageReader {
    type Value = Option<Image>;
    const EXPECTED: &'static str = "an object";
    fn path(&self) -> &str {
        "image"
    }
    fn null<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn map<'de, A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut image = Image::default();
        let (mut src, mut width, mut height) = (None, None, None);
        // Keys read as strings by the same reader as the values (one copy of it in the wasm).
        let key = Text {
            path: "image",
            required: false,
            size: false,
        };
        while let Some(Some(key)) = map.next_key_seed(Text { ..key })? {
            let (path, slot) = match key.as_str() {
                "src" => ("image.src", &mut src),
                "alt" => ("image.alt", &mut image.alt),
                "width" => ("image.width", &mut width),
                "height" => ("image.height", &mut height),
                "srcset" => ("image.srcset", &mut image.srcset),
                "sizes" => ("image.sizes", &mut image.sizes),
                "caption" => ("image.caption", &mut image.caption),
                "credit" => ("image.credit", &mut image.credit),
                // A member the card ignores is skipped unread.
                _ => {
                    map.next_value::<de::IgnoredAny>()?;
                    continue;
                }
            };
            *slot = map.next_value_seed(Text {
                path,
                required: path == "image.src",
                size: key == "width" || key == "height",
            })?;
        }
        // The sizes come as the digits of a positive whole number (see `Text`); 0 is missing.
        let size = |n: Option<String>| n.and_then(|n| n.parse().ok()).unwrap_or(0);
        image.width = size(width);
        image.height = size(height);
        image.src = src.unwrap_or_default();
        Ok(Some(image))
    }
}

fn image<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Image>, D::Error> {
    read::read(d, ImageReader)
}

/// The JSON format as read (an object: `read::object`), before the validation step.
struct Wire(Fields);

impl<'de> Deserialize<'de> for Wire {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Wire, D::Error> {
        match read::object(d, "article")? {
            Some(fields) => Ok(Wire(fields)),
            None => Err(fail(
                "article",
                Problem::WrongType {
                    expected: "an object",
                    found: Kind::Null.name(),
                },
            )),
        }
    }
}

/// The members the card reads. A member the card ignores is skipped unread, so it may hold
/// anything (a cycle, a BigInt).
#[derive(Deserialize)]
struct Fields {
    #[serde(default, deserialize_with = "title")]
    title: Option<String>,
    #[serde(default, deserialize_with = "summary")]
    summary: Option<String>,
    #[serde(default, deserialize_with = "body")]
    body: Vec<String>,
    #[serde(default, deserialize_with = "author")]
    author: Option<Author>,
    #[serde(default, deserialize_with = "lang")]
    lang: Option<String>,
    #[serde(default, deserialize_with = "dir")]
    dir: Option<String>,
    #[serde(default, deserialize_with = "url")]
    url: Option<String>,
    #[serde(default, deserialize_with = "published")]
    published: Option<String>,
    #[serde(default, deserialize_with = "source")]
    source: Option<String>,
    #[serde(default, deserialize_with = "image")]
    image: Option<Image>,
}

/// The validation step: what no single member can say alone.
impl TryFrom<Wire> for Article {
    type Error = Invalid;
    fn try_from(Wire(w): Wire) -> Result<Article, Invalid> {
        let invalid = |field: &str, problem| {
            record(field, problem);
            Invalid
        };
        let title = w.title.ok_or_else(|| invalid("title", Problem::Missing))?;
        if w.body.is_empty() {
            return Err(invalid("body", Problem::Missing));
        }
        if w.author.as_ref().is_some_and(|a| a.name.is_empty()) {
            return Err(invalid("author.name", Problem::Missing));
        }
        let mut article = Article::new(title, w.body);
        article.summary = w.summary;
        article.author = w.author;
        if let Some(tag) = w.lang {
            if !lang::is_language_tag(&tag) {
                return Err(invalid(
                    "lang",
                    Problem::Invalid("is not a BCP 47 language tag"),
                ));
            }
            article.dir = Dir::of_lang(&tag);
            article.lang = tag;
        }
        if let Some(name) = w.dir {
            article.dir = Dir::from_name(&name).ok_or_else(|| {
                invalid(
                    "dir",
                    Problem::Invalid("must be \"rtl\", \"ltr\" or \"auto\""),
                )
            })?;
        }
        if w.published
            .as_deref()
            .is_some_and(|p| !lang::is_iso_date(p))
        {
            return Err(invalid(
                "published",
                Problem::Invalid("is not an ISO 8601 date"),
            ));
        }
        if let Some(image) = &w.image {
            image
                .check()
                .map_err(|(field, problem)| invalid(field, problem))?;
        }
        article.url = w.url;
        article.published = w.published;
        article.source = w.source;
        article.image = w.image;
        Ok(article)
    }
}

/// The validation step's error: the problem itself is in `PROBLEM` (see `take_problem`).
#[derive(Debug)]
pub struct Invalid;

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("invalid article")
    }
}
