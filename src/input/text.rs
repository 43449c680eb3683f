//! Parser for the plain-text article format: headline, summary section, body, author section.

use crate::article::{Article, Author, Image};
use crate::error::{ParseError, ParseErrorKind, Problem};

/// The label that opens the summary section ("in a few words").
pub const SUMMARY_LABEL: &str = "في كلمات قليلة";
/// The label that opens the author section ("about the author").
pub const AUTHOR_LABEL: &str = "نبذة عن المؤلف";
/// The label that opens the optional image section ("image"), right after the summary: the
/// paragraph after it holds the image as `key: value` lines (see `image`).
pub const IMAGE_LABEL: &str = "صورة";
/// What separates the author's name from the bio in the author paragraph.
pub const AUTHOR_SEPARATOR: &str = " - ";

/// A run of non-blank lines and the line it starts on.
struct Paragraph<'a> {
    line: usize,
    text: std::borrow::Cow<'a, str>,
}

/// Splits text into paragraphs at blank lines (any number of them). Accepts LF, CRLF
/// and lone CR line endings; lines inside a paragraph are joined with "\n".
fn paragraphs(text: &str) -> (Vec<Paragraph<'_>>, usize) {
    let mut out: Vec<Paragraph<'_>> = Vec::new();
    let mut open = false;
    let mut line_no = 0;
    let mut rest = text;
    while !rest.is_empty() {
        line_no += 1;
        // A byte search: both are ASCII, so never inside a UTF-8 sequence (a char search
        // decodes every character of the article, which showed in a page of a hundred cards).
        let (line, next) = match rest.bytes().position(|b| b == b'\n' || b == b'\r') {
            Some(i) => {
                let skip = if rest[i..].starts_with("\r\n") { 2 } else { 1 };
                (&rest[..i], &rest[i + skip..])
            }
            None => (rest, ""),
        };
        rest = next;
        if line.trim().is_empty() {
            open = false;
        } else if open {
            if let Some(last) = out.last_mut() {
                let joined = last.text.to_mut();
                joined.push('\n');
                joined.push_str(line);
            }
        } else {
            out.push(Paragraph {
                line: line_no,
                text: line.into(),
            });
            open = true;
        }
    }
    (out, line_no.max(1))
}

/// Parses the plain-text article format (docs/article-format.md). Every character of
/// every field is kept; only the source's repeated headline and the labels are dropped.
pub fn parse_article(text: &str) -> Result<Article, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (paras, last_line) = paragraphs(text);
    let err = |line, kind| Err(ParseError { line, kind });

    let mut it = paras.into_iter().peekable();
    let Some(title) = it.next() else {
        return err(1, ParseErrorKind::Empty);
    };
    // The source page repeats the headline; show it once.
    if it.peek().is_some_and(|p| p.text == title.text) {
        it.next();
    }
    match it.next() {
        Some(p) if p.text.trim() == SUMMARY_LABEL => {}
        Some(p) => return err(p.line, ParseErrorKind::MissingSummaryLabel),
        None => return err(last_line, ParseErrorKind::MissingSummaryLabel),
    }
    let summary = match it.next() {
        Some(p) if p.text.trim() != AUTHOR_LABEL => p.text.into_owned(),
        Some(p) => return err(p.line, ParseErrorKind::MissingSummary),
        None => return err(last_line, ParseErrorKind::MissingSummary),
    };

    let mut image = None;
    if it.peek().is_some_and(|p| p.text.trim() == IMAGE_LABEL) {
        let label = it.next().map_or(last_line, |p| p.line);
        let Some(p) = it.next() else {
            return err(
                label,
                ParseErrorKind::Image {
                    field: "image",
                    problem: Problem::Missing,
                },
            );
        };
        image = Some(self::image(&p)?);
    }

    let mut body = Vec::new();
    let mut author_label_line = None;
    for p in it.by_ref() {
        if p.text.trim() == AUTHOR_LABEL {
            author_label_line = Some(p.line);
            break;
        }
        body.push(p.text.into_owned());
    }
    if body.is_empty() {
        return err(
            author_label_line.unwrap_or(last_line),
            ParseErrorKind::EmptyBody,
        );
    }

    let author = match author_label_line {
        None => None,
        Some(label_line) => {
            let Some(p) = it.next() else {
                return err(label_line, ParseErrorKind::MissingAuthor);
            };
            let Some((name, bio)) = p.text.split_once(AUTHOR_SEPARATOR) else {
                return err(p.line, ParseErrorKind::AuthorWithoutSeparator);
            };
            if name.trim().is_empty() {
                return err(p.line, ParseErrorKind::EmptyAuthorName);
            }
            let author = Author {
                name: name.to_owned(),
                bio: bio.to_owned(),
            };
            if let Some(extra) = it.next() {
                return err(extra.line, ParseErrorKind::TextAfterAuthor);
            }
            Some(author)
        }
    };

    let mut article = Article::new(title.text.into_owned(), body);
    article.summary = Some(summary);
    article.author = author;
    article.image = image;
    Ok(article)
}

/// The image section's paragraph: one `key: value` line per member of the JSON format's
/// `image` (src, alt, width, height, srcset, sizes, caption, credit), the value trimmed;
/// `alt:` with nothing after it marks a decorative image. Checked as the JSON format's is.
fn image(p: &Paragraph) -> Result<Image, ParseError> {
    let mut image = Image::default();
    let fail = |line, field, problem| ParseError {
        line,
        kind: ParseErrorKind::Image { field, problem },
    };
    for (line, text) in (p.line..).zip(p.text.split('\n')) {
        let Some((key, value)) = text.split_once(':') else {
            return Err(fail(line, "image", Problem::Invalid(KEY_VALUE)));
        };
        let value = value.trim().to_owned();
        let size = |field| match value.parse::<u32>() {
            Ok(n) if n > 0 => Ok(n),
            _ => Err(fail(
                line,
                field,
                Problem::Invalid("must be a positive whole number"),
            )),
        };
        match key.trim() {
            "src" => image.src = value,
            "alt" => image.alt = Some(value),
            "width" => image.width = size("image.width")?,
            "height" => image.height = size("image.height")?,
            "srcset" => image.srcset = Some(value),
            "sizes" => image.sizes = Some(value),
            "caption" => image.caption = Some(value),
            "credit" => image.credit = Some(value),
            _ => return Err(fail(line, "image", Problem::Invalid(KEY_VALUE))),
        }
    }
    image
        .check()
        .map_err(|(field, problem)| fail(p.line, field, problem))?;
    Ok(image)
}

/// Says what the image section's lines must be.
const KEY_VALUE: &str =
    "expected key: value lines (src alt width height srcset sizes caption credit)";
