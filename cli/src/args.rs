//! The command line read into a `Command`: the usage text, each flag checked as it is read, and the command's errors.
//!
//! lexopt splits the arguments: ripgrep's parser, one small file with no dependencies, which
//! hands back each flag and value and leaves every message to the command. clap would write its
//! own errors and usage text (so each message and `--help` would change, which issue 28 rules
//! out), and bring a dozen crates to a command with fifteen flags. The syntax stays the one the command
//! always had: one flag per argument, its value in the next, no `--flag=value`, no `-abc` and no
//! `--`, each refused as an unknown option, so an old command line means what it meant.

use news_card::error::CardError;
use news_card::lang::is_language_tag;
use news_card::locale::Numerals;
use news_card::prerender::{self, MAX_WPM};
use news_card::url;
use std::fmt;

pub const USAGE: &str = "\
usage: news-card [render] [FILE|-] [--lang TAG] [--open] [--numerals latn|arab|auto] [--wpm N]
                 [--heading-level N] [--share] [--id-prefix P] [--css-href URL] [--jsonld] [--url URL] [--format text|json]
                 [--src URL] [--base URL]
       news-card [render] INPUT... (--out DIR | --ndjson) [--jobs N] [--force] [options]
       news-card css
       news-card csp
       news-card --help

render  prints the <news-card> element with the card prerendered in a declarative shadow root
        (the default command). FILE: an article, JSON when it ends in .json, else the
        plain-text format; - reads standard input (JSON when it starts with '{'); no FILE:
        the embedded article. The element carries a FILE's article as an inline JSON
        script for news-card.js, or with --src, as the URL it is served at.
  --lang TAG           language of the card's own words (default: the article's)
  --open               the full text starts open
  --numerals NAME      digits the card writes: latn (default), arab or auto
  --wpm N              reading speed, 1 to 10000 words per minute (default 180)
  --heading-level N    the headline's level, 2 to 6 (default 2); the card's section
                       headings sit one level below, at most 6
  --share              offer the share control (shown once news-card.js runs; needs the
                       article's url)
  --id-prefix P        prefix of the IDs in the shadow root (default ncp1; not nc<digits>)
  --css-href URL       link the shadow root to this stylesheet (news-card.css) instead of
                       carrying it inline; only Chromium then paints the card styled from its
                       first frame. Inline, a page's CSP needs the hash `news-card csp` prints
  --jsonld             also print schema.org NewsArticle JSON-LD after the element
  --url URL            the JSON-LD's url (http or https), instead of the article's
  --base URL           an absolute http(s) URL the JSON-LD resolves the article's relative
                       url and image against (the card's markup keeps them relative)
  --format text|json   the article's format, whatever FILE's name says
  --src URL            the element's src attribute instead of the inline JSON script
render, for an archive (docs/archive.md): with --out or --ndjson, every INPUT, each article
        rendered as it would be alone, with the options above (but --src and --url, which
        name one article). INPUT: a file; a directory, walked for .json and .txt files
        (hidden ones skipped, symlinks followed); - for NDJSON on standard input, one article
        a line.
  --out DIR            write each card to DIR: a/b.json in a directory given becomes
                       DIR/a/b.html, a file given keeps its path (its name, if absolute or
                       with ..), an NDJSON line is named by its id, its url's path or its
                       line number. Each file is written whole (to a temporary name, then
                       renamed); one that already holds the card is left untouched
  --force              with --out, write every card, even one whose file already holds it
  --ndjson             print one JSON line per article: {input, html} or {input, error}
  --jobs N             threads rendering (default: the machine's cores)
        Errors name the input (NDJSON: stdin:LINE), the field and the line; the others are
        still rendered. The last line of standard error counts them. A progress bar shows
        on a terminal.
css     prints the card's stylesheet (what ./build.sh build writes to www/news-card.css)
csp     prints the source expression a page's style-src needs for the inline stylesheet of the
        cards this version renders ('sha256-...')

Exit status: 0 done, 1 the article could not be read or is invalid (an archive: any
article), 2 bad arguments.
";

/// The two formats an article file can be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
}

/// Why the command failed; `Usage` exits with 2, the others with 1.
#[derive(Debug)]
pub enum CliError {
    /// The arguments are wrong: the reason, printed before the usage text.
    Usage(String),
    /// The article file could not be read.
    Read { path: String, error: std::io::Error },
    /// What the command prints could not be written (standard output closed, a full disk).
    Write { path: String, error: std::io::Error },
    /// The article is invalid: its message names the field (and the line, where there is one).
    Article { path: String, error: CardError },
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(why) => write!(f, "{why}"),
            CliError::Read { path, error } | CliError::Write { path, error } => {
                write!(f, "{path}: {error}")
            }
            CliError::Article { path, error } => write!(f, "{path}: {error}"),
        }
    }
}

impl std::error::Error for CliError {}

pub fn usage(why: impl Into<String>) -> CliError {
    CliError::Usage(why.into())
}

/// What to do, from the arguments.
#[derive(Debug)]
pub enum Command {
    Help,
    Css,
    Csp,
    Render(Box<Render>),
}

/// `render`'s arguments, each already checked.
#[derive(Debug, Default)]
pub struct Render {
    pub file: Option<String>,
    pub format: Option<Format>,
    pub lang: Option<String>,
    pub open: bool,
    pub numerals: Option<Numerals>,
    pub wpm: Option<u32>,
    pub heading_level: Option<u32>,
    pub share: bool,
    pub id_prefix: Option<String>,
    pub css_href: Option<String>,
    pub json_ld: bool,
    pub url: Option<String>,
    pub base: Option<String>,
    pub src: Option<String>,
    /// An archive (with `--out` or `--ndjson`): every input, in order.
    pub inputs: Vec<String>,
    pub out: Option<String>,
    pub ndjson: bool,
    pub jobs: Option<usize>,
    pub force: bool,
}

impl Render {
    /// Whether this is an archive's run (`--out` or `--ndjson`), not one article's.
    pub fn is_batch(&self) -> bool {
        self.out.is_some() || self.ndjson
    }
}

/// What lexopt would read as more than the command's syntax (see the module's comment).
fn beyond_the_syntax(arg: &str) -> bool {
    match arg.strip_prefix("--") {
        Some(long) => long.is_empty() || long.contains('='),
        None => arg.starts_with('-') && arg.chars().nth(2).is_some(),
    }
}

/// The value of `flag`, which must be the next argument (whatever it looks like).
fn value(p: &mut lexopt::Parser, flag: &str) -> Result<String, CliError> {
    let value = p
        .value()
        .map_err(|_| usage(format!("{flag} needs a value")))?;
    // main() refused arguments that are not UTF-8 before they got here.
    Ok(value.to_string_lossy().into_owned())
}

/// A whole number from `range`, or the flag's usage error.
fn number(flag: &str, n: &str, range: std::ops::RangeInclusive<u32>) -> Result<u32, CliError> {
    n.parse::<u32>()
        .ok()
        .filter(|n| range.contains(n))
        .ok_or_else(|| {
            usage(format!(
                "{flag} {n:?}: expected a whole number from {} to {}",
                range.start(),
                range.end()
            ))
        })
}

/// A URL for an attribute: not empty, no white space or control characters.
fn plain_url(flag: &str, href: String) -> Result<String, CliError> {
    if href.is_empty() || href.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(usage(format!(
            "{flag} {href:?}: expected a URL without spaces"
        )));
    }
    Ok(href)
}

/// An absolute http: or https: URL (`--url`, `--base`).
fn web_url(flag: &str, url: String) -> Result<String, CliError> {
    if url::web(&url).is_none() {
        return Err(usage(format!(
            "{flag} {url:?}: expected an absolute http: or https: URL"
        )));
    }
    Ok(url)
}

pub fn parse(args: &[String]) -> Result<Command, CliError> {
    let mut rest = args;
    match rest.first().map(String::as_str) {
        Some(name @ ("css" | "csp")) => {
            return match rest.get(1) {
                None if name == "css" => Ok(Command::Css),
                None => Ok(Command::Csp),
                Some(extra) => Err(usage(format!("{name} takes no arguments, got {extra:?}"))),
            }
        }
        Some("render") => rest = &rest[1..],
        _ => {}
    }
    let mut r = Render::default();
    // Several inputs are an archive's, and only with --out or --ndjson: without them, the second
    // one is refused as it always was, before the flags after it are read.
    let batch = rest.iter().any(|a| a == "--out" || a == "--ndjson");
    let mut p = lexopt::Parser::from_args(rest.iter());
    loop {
        // At the top of the loop lexopt is between arguments, so the next one is whole.
        if let Some(next) = p.try_raw_args().as_ref().and_then(|raw| raw.peek()) {
            let next = next.to_string_lossy();
            if beyond_the_syntax(&next) {
                return Err(usage(format!("unknown option {next:?}")));
            }
        }
        let Some(arg) = p.next().map_err(|e| usage(e.to_string()))? else {
            break;
        };
        use lexopt::Arg::{Long, Short, Value};
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help),
            Long("open") => r.open = true,
            Long("jsonld") => r.json_ld = true,
            Long("share") => r.share = true,
            Long("lang") => {
                let tag = value(&mut p, "--lang")?;
                if !is_language_tag(&tag) {
                    return Err(usage(format!(
                        "--lang {tag:?} is not a BCP 47 language tag"
                    )));
                }
                r.lang = Some(tag);
            }
            Long("numerals") => {
                let name = value(&mut p, "--numerals")?;
                r.numerals = Some(Numerals::from_name(&name).ok_or_else(|| {
                    usage(format!("--numerals {name:?}: expected latn, arab or auto"))
                })?);
            }
            Long("wpm") => r.wpm = Some(number("--wpm", &value(&mut p, "--wpm")?, 1..=MAX_WPM)?),
            Long("heading-level") => {
                let n = value(&mut p, "--heading-level")?;
                r.heading_level = Some(number("--heading-level", &n, 2..=6)?);
            }
            Long("id-prefix") => {
                let prefix = value(&mut p, "--id-prefix")?;
                if !prerender::is_id_prefix(&prefix) {
                    return Err(usage(format!(
                        "--id-prefix {prefix:?}: expected a letter then letters, digits, - or _, and not nc<digits> (the wasm's)"
                    )));
                }
                r.id_prefix = Some(prefix);
            }
            Long("css-href") => {
                r.css_href = Some(plain_url("--css-href", value(&mut p, "--css-href")?)?)
            }
            Long("src") => r.src = Some(plain_url("--src", value(&mut p, "--src")?)?),
            Long("url") => r.url = Some(web_url("--url", value(&mut p, "--url")?)?),
            Long("base") => r.base = Some(web_url("--base", value(&mut p, "--base")?)?),
            Long("out") => {
                let dir = value(&mut p, "--out")?;
                if dir.is_empty() {
                    return Err(usage("--out \"\": expected a directory"));
                }
                r.out = Some(dir);
            }
            Long("ndjson") => r.ndjson = true,
            Long("force") => r.force = true,
            Long("jobs") => {
                let n = value(&mut p, "--jobs")?;
                r.jobs = Some(number("--jobs", &n, 1..=1024)? as usize);
            }
            Long("format") => {
                r.format = Some(match value(&mut p, "--format")?.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    other => {
                        return Err(usage(format!("--format {other:?}: expected text or json")))
                    }
                });
            }
            Short(c) => return Err(usage(format!("unknown option {:?}", format!("-{c}")))),
            Long(long) => return Err(usage(format!("unknown option {:?}", format!("--{long}")))),
            Value(file) if batch => r.inputs.push(file.to_string_lossy().into_owned()),
            Value(file) => {
                let file = file.to_string_lossy().into_owned();
                if let Some(first) = &r.file {
                    return Err(usage(format!(
                        "one article at a time: {first:?} and {file:?}"
                    )));
                }
                r.file = Some(file);
            }
        }
    }
    check_batch(&r)?;
    Ok(Command::Render(Box::new(r)))
}

/// What an archive's run refuses, and the flags only it takes.
fn check_batch(r: &Render) -> Result<(), CliError> {
    if !r.is_batch() {
        return match (r.jobs, r.force) {
            (Some(_), _) => Err(usage("--jobs goes with --out or --ndjson")),
            (_, true) => Err(usage("--force goes with --out")),
            _ => Ok(()),
        };
    }
    if r.out.is_some() && r.ndjson {
        return Err(usage("--out DIR or --ndjson, not both"));
    }
    if r.force && r.out.is_none() {
        return Err(usage("--force goes with --out"));
    }
    if r.inputs.is_empty() {
        return Err(usage(
            "an archive needs its inputs: files, directories, or - for NDJSON on standard input",
        ));
    }
    if r.inputs.iter().filter(|i| *i == "-").count() > 1 {
        return Err(usage("- (standard input) can be read once"));
    }
    if r.src.is_some() {
        return Err(usage(
            "--src names one article's URL: in an archive each card carries its article inline",
        ));
    }
    if r.url.is_some() {
        return Err(usage(
            "--url names one article's URL: in an archive the JSON-LD takes each article's own",
        ));
    }
    Ok(())
}
