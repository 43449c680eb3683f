//! The JSON format's readers of the article: each member read by its own reader (which names its path), then one validation step into the model (`TryFrom<Wire> for Article`).

use super::super::fields::{self, fail, record, text, Kind, Member, Text};
use crate::article::{Article, Author, Dir, Image};
use crate::error::Problem;
use crate::lang;
use serde::de::{self, Deserializer, MapAccess, SeqAccess};
use serde::Deserialize;

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
    fields::object(d, "author")
}

fn title<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    text(d, "title", true)
}
fn summary<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    text(d, "summary", false)
}
fn body<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    fields::member(d, Body)
}
pub(crate) fn author_name<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(text(d, "author.name", true)?.unwrap_or_default())
}
pub(crate) fn author_bio<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
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
    fields::member(d, ImageReader)
}

/// The JSON format as read (an object: `fields::object`), before the validation step.
pub(crate) struct Wire(Fields);

impl<'de> Deserialize<'de> for Wire {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Wire, D::Error> {
        match fields::object(d, "article")? {
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
pub(crate) struct Invalid;

impl std::fmt::Display for Invalid {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("invalid article")
    }
}
