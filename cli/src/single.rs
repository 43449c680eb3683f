//! `render` with one article: read it (a file, standard input or the embedded one), prerender it, print it.

use crate::args::{CliError, Format, Render};
use news_card::article::{Article, EMBEDDED};
use news_card::input;
use news_card::prerender::{self, Carry, PrerenderOptions};
use std::io::{Read, Write};

/// The prerender options `render`'s arguments ask for, for an article carried as `carry`.
/// The one place that fills them from the command line (a single article and an archive alike).
pub fn prerender_options<'a>(r: &'a Render, carry: Carry<'a>) -> PrerenderOptions<'a> {
    PrerenderOptions {
        lang: r.lang.as_deref(),
        open: r.open,
        numerals: r.numerals,
        wpm: r.wpm,
        heading_level: r.heading_level,
        share: r.share,
        id_prefix: r.id_prefix.as_deref().unwrap_or(prerender::DEFAULT_PREFIX),
        css_href: r.css_href.as_deref(),
        json_ld: r.json_ld,
        url: r.url.as_deref(),
        base: r.base.as_deref(),
        carry,
    }
}

/// How the element names its article: `--src`'s URL, else inline (a file's), else nothing
/// (the embedded article, which the shell shows when it is given none).
pub fn carry(r: &Render) -> Carry<'_> {
    match (&r.src, &r.file) {
        (Some(src), _) => Carry::Src(src),
        (None, Some(_)) => Carry::Inline,
        (None, None) => Carry::Embedded,
    }
}

/// The format of an article read from `path` (`-`: standard input), unless `--format` said.
pub fn format_of(path: &str, bytes: &[u8], format: Option<Format>) -> Format {
    format.unwrap_or_else(|| {
        let json = if path == "-" {
            // No name to go by: JSON when the first character that is not space or a BOM is `{`.
            let text = String::from_utf8_lossy(bytes);
            text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
                .starts_with('{')
        } else {
            path.to_ascii_lowercase().ends_with(".json")
        };
        if json {
            Format::Json
        } else {
            Format::Text
        }
    })
}

/// The article in `bytes`, in `format`.
pub fn parse(bytes: &[u8], format: Format) -> Result<Article, news_card::error::CardError> {
    match format {
        Format::Text => input::text_bytes(bytes),
        Format::Json => input::json::from_bytes(bytes),
    }
}

/// The article to render: the file's, standard input's, or the embedded one.
fn load(file: Option<&str>, format: Option<Format>) -> Result<Article, CliError> {
    let Some(path) = file else {
        return input::text_str(EMBEDDED).map_err(|error| CliError::Article {
            path: "embedded article".into(),
            error,
        });
    };
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(drop)
    } else {
        std::fs::read(path).map(|b| bytes = b)
    };
    let name = if path == "-" { "stdin" } else { path };
    read.map_err(|error| CliError::Read {
        path: name.into(),
        error,
    })?;
    parse(&bytes, format_of(path, &bytes, format)).map_err(|error| CliError::Article {
        path: name.into(),
        error,
    })
}

/// Prints the one article `r` names, prerendered, to `out`.
pub fn render(r: &Render, out: &mut impl Write) -> Result<(), CliError> {
    let article = load(r.file.as_deref(), r.format)?;
    let opts = prerender_options(r, carry(r));
    writeln!(out, "{}", prerender::render(&article, &opts)).map_err(|error| CliError::Write {
        path: "stdout".into(),
        error,
    })
}
