//! The JSON article format (www/article.schema.json): reading it into an Article and writing it.

use crate::article::{Article, Author, Dir};
use crate::error::{CardError, Problem, MAX_PARAGRAPHS};
use crate::json::{self, Value};

fn field_error(field: impl Into<String>, problem: Problem) -> CardError {
    CardError::Field {
        field: field.into(),
        problem,
    }
}

fn wrong_type(field: impl Into<String>, expected: &'static str, found: &Value) -> CardError {
    field_error(
        field,
        Problem::WrongType {
            expected,
            found: found.kind(),
        },
    )
}

/// An optional string member: absent and null are both None.
fn opt_string(obj: &Value, key: &str) -> Result<Option<String>, CardError> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(wrong_type(key, "a string", other)),
    }
}

/// A required string member that must hold more than whitespace.
fn required_text(obj: &Value, key: &str, field: &str) -> Result<String, CardError> {
    match obj.get(key) {
        None | Some(Value::Null) => Err(field_error(field, Problem::Missing)),
        Some(Value::String(s)) if s.trim().is_empty() => Err(field_error(field, Problem::Empty)),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(other) => Err(wrong_type(field, "a string", other)),
    }
}

/// Whether `tag` is shaped like a BCP 47 language tag (letters, then alphanumeric subtags).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    primary_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn two_digits(s: &str) -> Option<u32> {
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Whether `s` is an ISO 8601 calendar date, optionally with a time and a zone:
/// `2024-06-19`, `2024-06-19T14:30`, `2024-06-19T14:30:05.123Z`, `2024-06-19T14:30+03:00`.
pub fn is_iso_date(s: &str) -> bool {
    let (date, time) = match s.split_once(['T', 't', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let mut d = date.split('-');
    let (Some(y), Some(m), Some(day), None) = (d.next(), d.next(), d.next(), d.next()) else {
        return false;
    };
    let year: Option<u32> = (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        .then(|| y.parse().ok())
        .flatten();
    let (Some(year), Some(month), Some(day)) = (year, two_digits(m), two_digits(day)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days {
        return false;
    }
    let Some(time) = time else { return true };
    // Split off the zone: Z, or +HH:MM / -HH:MM.
    let (clock, zone) = match time.find(['Z', 'z', '+', '-']) {
        Some(i) => (&time[..i], Some(&time[i..])),
        None => (time, None),
    };
    let zone_ok = match zone {
        None | Some("Z" | "z") => true,
        Some(z) => match z[1..].split_once(':') {
            Some((h, m)) => {
                two_digits(h).is_some_and(|h| h < 24) && two_digits(m).is_some_and(|m| m < 60)
            }
            None => false,
        },
    };
    let (hms, fraction) = match clock.split_once('.') {
        Some((hms, f)) => (hms, Some(f)),
        None => (clock, None),
    };
    let fraction_ok =
        fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    let mut parts = hms.split(':');
    let h = parts.next().and_then(two_digits).is_some_and(|h| h < 24);
    let m = parts.next().and_then(two_digits).is_some_and(|m| m < 60);
    let sec = match parts.next() {
        None => fraction.is_none(),
        Some(s) => two_digits(s).is_some_and(|s| s < 61),
    };
    zone_ok && fraction_ok && h && m && sec && parts.next().is_none()
}

/// Reads an article from JSON text. Unknown members are ignored; every error names the field.
pub fn parse_json(text: &str) -> Result<Article, CardError> {
    let root = json::parse(text)?;
    if !matches!(root, Value::Object(_)) {
        return Err(wrong_type("article", "an object", &root));
    }
    let title = required_text(&root, "title", "title")?;
    let body = match root.get("body") {
        None | Some(Value::Null) => return Err(field_error("body", Problem::Missing)),
        Some(Value::Array(items)) => {
            if items.is_empty() {
                return Err(field_error("body", Problem::Empty));
            }
            if items.len() > MAX_PARAGRAPHS {
                return Err(field_error(
                    "body",
                    Problem::TooMany {
                        limit: MAX_PARAGRAPHS,
                    },
                ));
            }
            let mut body = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                match item {
                    Value::String(s) => body.push(s.clone()),
                    other => {
                        let mut field = String::from("body[");
                        crate::strings::push_number(&mut field, i.try_into().unwrap_or(u32::MAX));
                        field.push(']');
                        return Err(wrong_type(field, "a string", other));
                    }
                }
            }
            body
        }
        Some(other) => return Err(wrong_type("body", "an array of strings", other)),
    };
    let mut article = Article::new(title, body);
    article.summary = opt_string(&root, "summary")?;
    article.author = match root.get("author") {
        None | Some(Value::Null) => None,
        Some(author @ Value::Object(_)) => Some(Author {
            name: required_text(author, "name", "author.name")?,
            bio: match author.get("bio") {
                None | Some(Value::Null) => String::new(),
                Some(Value::String(s)) => s.clone(),
                Some(other) => return Err(wrong_type("author.bio", "a string", other)),
            },
        }),
        Some(other) => return Err(wrong_type("author", "an object", other)),
    };
    if let Some(lang) = opt_string(&root, "lang")? {
        if !is_language_tag(&lang) {
            return Err(field_error(
                "lang",
                Problem::Invalid("is not a BCP 47 language tag"),
            ));
        }
        article.dir = Dir::of_lang(&lang);
        article.lang = lang;
    }
    if let Some(dir) = opt_string(&root, "dir")? {
        article.dir = match dir.as_str() {
            "rtl" => Dir::Rtl,
            "ltr" => Dir::Ltr,
            "auto" => Dir::Auto,
            _ => {
                return Err(field_error(
                    "dir",
                    Problem::Invalid("must be \"rtl\", \"ltr\" or \"auto\""),
                ))
            }
        };
    }
    article.url = opt_string(&root, "url")?;
    article.published = opt_string(&root, "published")?;
    if article
        .published
        .as_deref()
        .is_some_and(|p| !is_iso_date(p))
    {
        return Err(field_error(
            "published",
            Problem::Invalid("is not an ISO 8601 date"),
        ));
    }
    article.source = opt_string(&root, "source")?;
    Ok(article)
}

/// Writes `article` in the JSON format (what `parse_json` reads back to an equal article).
pub fn to_json(article: &Article) -> String {
    let mut out = String::from("{\"title\":");
    json::write_string(&mut out, &article.title);
    let member = |out: &mut String, key: &str, value: &Option<String>| {
        if let Some(v) = value {
            out.push_str(",\"");
            out.push_str(key);
            out.push_str("\":");
            json::write_string(out, v);
        }
    };
    member(&mut out, "summary", &article.summary);
    out.push_str(",\"body\":[");
    for (i, p) in article.body.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        json::write_string(&mut out, p);
    }
    out.push(']');
    if let Some(author) = &article.author {
        out.push_str(",\"author\":{\"name\":");
        json::write_string(&mut out, &author.name);
        out.push_str(",\"bio\":");
        json::write_string(&mut out, &author.bio);
        out.push('}');
    }
    member(&mut out, "lang", &Some(article.lang.clone()));
    member(&mut out, "dir", &Some(article.dir.as_str().into()));
    member(&mut out, "url", &article.url);
    member(&mut out, "published", &article.published);
    member(&mut out, "source", &article.source);
    out.push('}');
    out
}
