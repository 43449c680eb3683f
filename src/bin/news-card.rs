//! The `news-card` command: prints a prerendered `<news-card>` element (`render`) or the card's stylesheet (`css`).
//!
//! Native only: for wasm32 it is an empty program, so the wasm build never has to care.
//! Arguments are parsed by hand: a dozen flags do not justify a dependency.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use news_card::article::{safe_url, Article, EMBEDDED};
    use news_card::error::CardError;
    use news_card::input;
    use news_card::lang::is_language_tag;
    use news_card::locale::Numerals;
    use news_card::prerender::{self, Carry, PrerenderOptions, MAX_WPM};
    use std::fmt;
    use std::io::{Read, Write};
    use std::process::ExitCode;

    pub const USAGE: &str = "\
usage: news-card [render] [FILE|-] [--lang TAG] [--open] [--numerals latn|arab|auto] [--wpm N]
                 [--heading-level N] [--share] [--id-prefix P] [--css-href URL] [--jsonld] [--url URL] [--format text|json]
                 [--src URL]
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
  --format text|json   the article's format, whatever FILE's name says
  --src URL            the element's src attribute instead of the inline JSON script
css     prints the card's stylesheet (what ./build.sh build writes to www/news-card.css)
csp     prints the source expression a page's style-src needs for the inline stylesheet of the
        cards this version renders ('sha256-...')

Exit status: 0 done, 1 the article could not be read or is invalid, 2 bad arguments.
";

    /// The two formats an article file can be in.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Format {
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
        /// The article is invalid: its message names the field (and the line, where there is one).
        Article { path: String, error: CardError },
    }

    impl fmt::Display for CliError {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            match self {
                CliError::Usage(why) => write!(f, "{why}"),
                CliError::Read { path, error } => write!(f, "{path}: {error}"),
                CliError::Article { path, error } => write!(f, "{path}: {error}"),
            }
        }
    }

    impl std::error::Error for CliError {}

    fn usage(why: impl Into<String>) -> CliError {
        CliError::Usage(why.into())
    }

    /// What to do, from the arguments.
    #[derive(Debug)]
    enum Command {
        Help,
        Css,
        Csp,
        Render(Render),
    }

    #[derive(Debug, Default)]
    struct Render {
        file: Option<String>,
        format: Option<Format>,
        lang: Option<String>,
        open: bool,
        numerals: Option<Numerals>,
        wpm: Option<u32>,
        heading_level: Option<u32>,
        share: bool,
        id_prefix: Option<String>,
        css_href: Option<String>,
        json_ld: bool,
        url: Option<String>,
        src: Option<String>,
    }

    fn parse_args(args: &[String]) -> Result<Command, CliError> {
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
        let mut i = 0;
        // The value of the flag at `i`, which must follow it.
        let value = |i: usize| -> Result<&String, CliError> {
            rest.get(i + 1)
                .ok_or_else(|| usage(format!("{} needs a value", rest[i])))
        };
        while i < rest.len() {
            let arg = rest[i].as_str();
            let mut takes_value = true;
            match arg {
                "-h" | "--help" => return Ok(Command::Help),
                "--open" => {
                    r.open = true;
                    takes_value = false;
                }
                "--jsonld" => {
                    r.json_ld = true;
                    takes_value = false;
                }
                "--share" => {
                    r.share = true;
                    takes_value = false;
                }
                "--lang" => {
                    let tag = value(i)?;
                    if !is_language_tag(tag) {
                        return Err(usage(format!(
                            "--lang {tag:?} is not a BCP 47 language tag"
                        )));
                    }
                    r.lang = Some(tag.clone());
                }
                "--numerals" => {
                    let name = value(i)?;
                    r.numerals = Some(Numerals::from_name(name).ok_or_else(|| {
                        usage(format!("--numerals {name:?}: expected latn, arab or auto"))
                    })?);
                }
                "--wpm" => {
                    let n = value(i)?;
                    r.wpm = Some(
                        n.parse::<u32>()
                            .ok()
                            .filter(|n| (1..=MAX_WPM).contains(n))
                            .ok_or_else(|| {
                                usage(format!(
                                    "--wpm {n:?}: expected a whole number from 1 to {MAX_WPM}"
                                ))
                            })?,
                    );
                }
                "--heading-level" => {
                    let n = value(i)?;
                    r.heading_level = Some(
                        n.parse::<u32>()
                            .ok()
                            .filter(|n| (2..=6).contains(n))
                            .ok_or_else(|| {
                                usage(format!(
                                    "--heading-level {n:?}: expected a whole number from 2 to 6"
                                ))
                            })?,
                    );
                }
                "--id-prefix" => {
                    let p = value(i)?;
                    if !prerender::is_id_prefix(p) {
                        return Err(usage(format!(
                            "--id-prefix {p:?}: expected a letter then letters, digits, - or _, and not nc<digits> (the wasm's)"
                        )));
                    }
                    r.id_prefix = Some(p.clone());
                }
                "--css-href" | "--src" => {
                    let href = value(i)?;
                    if href.is_empty() || href.chars().any(|c| c.is_whitespace() || c.is_control())
                    {
                        return Err(usage(format!(
                            "{arg} {href:?}: expected a URL without spaces"
                        )));
                    }
                    let slot = if arg == "--src" {
                        &mut r.src
                    } else {
                        &mut r.css_href
                    };
                    *slot = Some(href.clone());
                }
                "--url" => {
                    let url = value(i)?;
                    if safe_url(url).is_none() {
                        return Err(usage(format!(
                            "--url {url:?}: expected an absolute http: or https: URL"
                        )));
                    }
                    r.url = Some(url.clone());
                }
                "--format" => {
                    r.format = Some(match value(i)?.as_str() {
                        "text" => Format::Text,
                        "json" => Format::Json,
                        other => {
                            return Err(usage(format!("--format {other:?}: expected text or json")))
                        }
                    });
                }
                _ if arg.starts_with('-') && arg != "-" => {
                    return Err(usage(format!("unknown option {arg:?}")))
                }
                _ => {
                    if let Some(first) = &r.file {
                        return Err(usage(format!(
                            "one article at a time: {first:?} and {arg:?}"
                        )));
                    }
                    r.file = Some(arg.to_owned());
                    takes_value = false;
                }
            }
            i += if takes_value { 2 } else { 1 };
        }
        Ok(Command::Render(r))
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
        let format = format.unwrap_or_else(|| {
            let json = if path == "-" {
                // No name to go by: JSON when the first character that is not space or a BOM is `{`.
                let text = String::from_utf8_lossy(&bytes);
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
        });
        let article = match format {
            Format::Text => input::text_bytes(&bytes),
            Format::Json => input::json::from_bytes(&bytes),
        };
        article.map_err(|error| CliError::Article {
            path: name.into(),
            error,
        })
    }

    fn run(args: &[String], out: &mut impl Write) -> Result<(), CliError> {
        let write_err = |error| CliError::Read {
            path: "stdout".into(),
            error,
        };
        match parse_args(args)? {
            Command::Help => out.write_all(USAGE.as_bytes()).map_err(write_err),
            Command::Css => writeln!(out, "{}", news_card::CARD_CSS).map_err(write_err),
            Command::Csp => writeln!(out, "{}", prerender::STYLE_CSP).map_err(write_err),
            Command::Render(r) => {
                let article = load(r.file.as_deref(), r.format)?;
                let opts = PrerenderOptions {
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
                    base: None,
                    carry: match (&r.src, &r.file) {
                        (Some(src), _) => Carry::Src(src),
                        (None, Some(_)) => Carry::Inline,
                        // The shell shows the embedded article when it is given none.
                        (None, None) => Carry::Embedded,
                    },
                };
                writeln!(out, "{}", prerender::render(&article, &opts)).map_err(write_err)
            }
        }
    }

    pub fn main() -> ExitCode {
        let args: Result<Vec<String>, _> = std::env::args_os()
            .skip(1)
            .map(|a| a.into_string())
            .collect();
        let Ok(args) = args else {
            eprintln!("news-card: an argument is not UTF-8\n\n{USAGE}");
            return ExitCode::from(2);
        };
        let stdout = std::io::stdout();
        match run(&args, &mut stdout.lock()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e @ CliError::Usage(_)) => {
                eprintln!("news-card: {e}\n\n{USAGE}");
                ExitCode::from(2)
            }
            Err(e) => {
                eprintln!("news-card: {e}");
                ExitCode::from(1)
            }
        }
    }
}
