//! The command line run as a publisher runs it: one article rendered, its options, its errors and its exit statuses.

mod common;

use news_card::article::{Article, EMBEDDED};
use news_card::input::json::from_str as parse_json;
use news_card::input::text_str;
use news_card::locale::Numerals;
use news_card::prerender::{self, render, Carry, PrerenderOptions};
use std::process::Output;

fn seed() -> Article {
    text_str(EMBEDDED).unwrap()
}

/// The repository's tests/fixtures/article.json.
const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../tests/fixtures/article.json"
);

fn fixture() -> Article {
    parse_json(&std::fs::read_to_string(FIXTURE).unwrap()).unwrap()
}

/// What the CLI renders without a FILE: the embedded article, which the shell shows by default.
fn embedded() -> PrerenderOptions<'static> {
    PrerenderOptions {
        carry: Carry::Embedded,
        ..Default::default()
    }
}

fn cli(args: &[&str], stdin: Option<&str>) -> Output {
    common::run(args, stdin.unwrap_or("").as_bytes(), None)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn cli_without_arguments_prints_the_seed_card() {
    let expected = render(&seed(), &embedded()) + "\n";
    for args in [&[][..], &["render"][..]] {
        let o = cli(args, None);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(stdout(&o), expected);
    }
}

#[test]
fn cli_renders_a_json_file_with_options() {
    let path = FIXTURE;
    let o = cli(
        &[
            "render",
            path,
            "--lang",
            "ar",
            "--open",
            "--numerals",
            "arab",
            "--wpm",
            "200",
            "--heading-level",
            "3",
            "--id-prefix",
            "story",
            "--css-href",
            "/static/news-card.css",
            "--jsonld",
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let opts = PrerenderOptions {
        lang: Some("ar"),
        open: true,
        numerals: Some(Numerals::Arab),
        wpm: Some(200),
        heading_level: Some(3),
        share: false,
        id_prefix: "story",
        css_href: Some("/static/news-card.css"),
        json_ld: true,
        url: None,
        base: None,
        carry: Carry::Inline,
    };
    assert_eq!(stdout(&o), render(&fixture(), &opts) + "\n");
    // --src instead of the inline article.
    let o = cli(&[path, "--src", "/a.json"], None);
    let src = PrerenderOptions {
        carry: Carry::Src("/a.json"),
        ..Default::default()
    };
    assert_eq!(stdout(&o), render(&fixture(), &src) + "\n");
    // The same article on standard input, found to be JSON by its first character.
    let json = std::fs::read_to_string(path).unwrap();
    let o = cli(&["-"], Some(&json));
    assert_eq!(
        stdout(&o),
        render(&fixture(), &PrerenderOptions::default()) + "\n"
    );
    // The plain-text format on standard input.
    let o = cli(&["-", "--lang", "en"], Some(EMBEDDED));
    let en = PrerenderOptions {
        lang: Some("en"),
        ..Default::default()
    };
    assert_eq!(stdout(&o), render(&seed(), &en) + "\n");
}

#[test]
fn cli_names_the_field_of_a_bad_article() {
    let dir = std::env::temp_dir().join(format!("news-card-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.json");
    std::fs::write(&path, "{\"title\": \"x\",\n \"body\": [\"a\", null]}").unwrap();
    let o = cli(&[path.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    assert!(
        err.contains("body[1]: expected a string, found null"),
        "{err}"
    );

    let text = dir.join("bad.txt");
    std::fs::write(&text, "Title\n\nno summary label here\n").unwrap();
    let o = cli(&[text.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("line 3: summary"), "{}", stderr(&o));

    let o = cli(&[dir.join("missing.json").to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(1));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn cli_refuses_bad_arguments_with_usage() {
    for args in [
        &["--bogus"][..],
        &["--wpm", "0"],
        &["--wpm", "12abc"],
        &["--heading-level", "1"],
        &["--heading-level", "7"],
        &["--heading-level", "three"],
        &["--numerals", "roman"],
        &["--lang", "not a tag"],
        &["--id-prefix", "nc3"],
        &["--url", "javascript:alert(1)"],
        &["--src", "a b.json"],
        &["--lang"],
        &["a.txt", "b.txt"],
        &["css", "extra"],
    ] {
        let o = cli(args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty());
        assert!(stderr(&o).contains("usage: news-card"), "{args:?}");
    }
    let help = cli(&["--help"], None);
    assert_eq!(help.status.code(), Some(0));
    assert!(stdout(&help).starts_with("usage: news-card"));
}

#[test]
fn cli_heading_level_sets_the_attribute_the_markup_and_the_digest() {
    let default = stdout(&cli(&[], None));
    let o = cli(&["--heading-level", "4"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.starts_with("<news-card heading-level=\"4\" data-digest=\""),
        "{out}"
    );
    assert!(out.contains("<h4 class=\"title\"") && out.contains("<h5 class=\"label\""));
    assert!(!out.contains("<h2") && !out.contains("<h3"));
    assert!(!default.contains("heading-level") && default.contains("<h2 class=\"title\""));
    // A card prerendered at one level never hydrates as another.
    let digest_of = |html: &str| html.split("data-digest=\"").nth(1).unwrap()[..16].to_owned();
    assert_ne!(digest_of(&out), digest_of(&default));
    let a = seed();
    assert_eq!(
        digest_of(&out),
        prerender::digest_of(&a, None, Numerals::Latn, 180, 4, false)
    );
    // Level 2 given is the default's digest; an invalid level reads as 2, as the view reads it.
    assert_eq!(
        prerender::digest_of(&a, None, Numerals::Latn, 180, 2, false),
        prerender::digest(&a, None, Numerals::Latn, 180)
    );
    assert_eq!(
        prerender::digest_of(&a, None, Numerals::Latn, 180, 9, false),
        prerender::digest(&a, None, Numerals::Latn, 180)
    );
}

#[test]
fn cli_css_prints_the_embedded_stylesheet() {
    let o = cli(&["css"], None);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), format!("{}\n", news_card::CARD_CSS));
    assert!(news_card::CARD_CSS.contains(":host"));
}

#[test]
fn cli_share_writes_the_attribute_a_hidden_control_and_its_own_digest() {
    let dir = std::env::temp_dir().join(format!("news-card-share-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("a.json");
    std::fs::write(
        &path,
        r#"{"title":"T","body":["B"],"url":"https://news.example/a"}"#,
    )
    .unwrap();
    let path = path.to_str().unwrap();
    let plain = stdout(&cli(&[path], None));
    let o = cli(&[path, "--share"], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("<news-card share data-digest=\""), "{out}");
    assert!(out.contains("part=\"share\"") && out.contains("hidden=\"\">مشاركة</button>"));
    assert!(!plain.contains("part=\"share\"") && !plain.contains(" share "));
    let digest_of = |html: &str| html.split("data-digest=\"").nth(1).unwrap()[..16].to_owned();
    let a = parse_json(r#"{"title":"T","body":["B"],"url":"https://news.example/a"}"#).unwrap();
    assert_eq!(
        digest_of(&out),
        prerender::digest_of(&a, None, Numerals::Latn, 180, 2, true)
    );
    assert_ne!(digest_of(&out), digest_of(&plain));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `--base` resolves the article's relative URLs for the JSON-LD only (the card's markup keeps
/// them relative, for the page to resolve), as `renderToString`'s `base` does; it must be an
/// absolute http(s) URL.
#[test]
fn cli_base_resolves_relative_urls_for_the_json_ld() {
    let json = r#"{"title":"T","body":["b"],"url":"/stories/42","image":{"src":"media/42.jpg","alt":"","width":2,"height":1}}"#;
    let o = cli(
        &[
            "-",
            "--jsonld",
            "--base",
            "https://news.example/stories/42.json",
        ],
        Some(json),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let opts = PrerenderOptions {
        json_ld: true,
        base: Some("https://news.example/stories/42.json"),
        ..PrerenderOptions::default()
    };
    assert_eq!(stdout(&o), render(&parse_json(json).unwrap(), &opts) + "\n");
    assert!(stdout(&o).contains(r#""url":"https://news.example/stories/media/42.jpg""#));
    assert!(stdout(&o).contains(r#"src="media/42.jpg""#));
    for bad in ["/relative", "javascript:alert(1)"] {
        let o = cli(&["-", "--base", bad], None);
        assert_eq!(o.status.code(), Some(2), "{bad}");
        assert!(stderr(&o).contains("--base"), "{}", stderr(&o));
    }
}
