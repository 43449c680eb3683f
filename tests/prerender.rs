//! Native tests of the prerenderer: its snapshot, the view's exact markup inside it, escaping, the digest, JSON-LD and the options' checks (the command line's tests are cli/tests/).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::assert_snapshot;

use news_card::article::{safe_url, Article, Author, EMBEDDED};
use news_card::input::json::from_str as parse_json;
use news_card::input::text_str;
use news_card::locale::{strings, Locale, Numerals, PlainLocale};
use news_card::prerender::{self, digest, render, Carry, PrerenderOptions};
use news_card::view::html;
use news_card::view::{self, CardOptions};
use proptest::prelude::*;

fn seed() -> Article {
    text_str(EMBEDDED).unwrap()
}

fn fixture() -> Article {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/article.json");
    parse_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Arabic-Indic digits as intl.rs writes `numerals="arab"` (no Intl involved there either).
struct ArabDigits(PlainLocale);

impl Locale for ArabDigits {
    fn words(&self, text: &str) -> usize {
        self.0.words(text)
    }
    fn plural(&self, n: u32) -> String {
        self.0.plural(n)
    }
    fn number(&self, n: u32) -> String {
        let digits = ['٠', '١', '٢', '٣', '٤', '٥', '٦', '٧', '٨', '٩'];
        self.0
            .number(n)
            .bytes()
            .map(|b| digits[usize::from(b - b'0')])
            .collect()
    }
    fn date(&self, iso: &str) -> String {
        self.0.date(iso)
    }
}

/// The view's own HTML for these options, built independently of the prerenderer.
fn view_html(a: &Article, opts: &PrerenderOptions) -> String {
    let ui = strings::ui_for(opts.lang.unwrap_or(&a.lang));
    let plain = ArabDigits(PlainLocale(ui));
    let western = PlainLocale(ui);
    let locale: &dyn Locale = if opts.numerals == Some(Numerals::Arab) {
        &plain
    } else {
        &western
    };
    html::render(&view::card(
        a,
        &CardOptions {
            prefix: opts.id_prefix,
            open: opts.open,
            ui,
            locale,
            wpm: opts.wpm.unwrap_or(180),
            heading: opts.heading_level.unwrap_or(2),
            share: opts.share,
        },
    ))
}

/// What is between `<template shadowrootmode="open">` and `</template>`, after the stylesheet
/// (the inline `<style>` or the `<link>`).
fn shadow_markup(out: &str) -> &str {
    let template = "<template shadowrootmode=\"open\">";
    let start = out.find(template).unwrap() + template.len();
    let sheet_end = if out[start..].starts_with("<style>") {
        start + out[start..].find("</style>").unwrap() + "</style>".len()
    } else {
        assert!(out[start..].starts_with("<link "), "no stylesheet first");
        start + out[start..].find('>').unwrap() + 1
    };
    let end = out.rfind("</template>").unwrap();
    &out[sheet_end..end]
}

/// What the CLI renders without a FILE: the embedded article, which the shell shows by default.
fn embedded() -> PrerenderOptions<'static> {
    PrerenderOptions {
        carry: Carry::Embedded,
        ..Default::default()
    }
}

/// The article the element carries for the shell as inline JSON, parsed by the card's reader.
fn inline_article(out: &str) -> Article {
    let open = "</template><script type=\"application/json\">";
    let start = out.find(open).unwrap() + open.len();
    let end = start + out[start..].find("</script></news-card>").unwrap();
    parse_json(&out[start..end]).unwrap()
}

/// The `<news-card ...>` start tag.
fn host_tag(out: &str) -> &str {
    &out[..out.find('>').unwrap() + 1]
}

#[test]
fn seed_snapshot() {
    let out = render(&seed(), &embedded());
    // One element per line, as in tests/view.rs; lossless, since text never holds a raw '>'.
    // The stylesheet is pinned by its own tests (and the CSS by the view's); here only its place.
    assert_eq!(out.matches(news_card::CARD_CSS).count(), 1);
    let out = out.replace(news_card::CARD_CSS, "/* news-card.css */");
    assert_snapshot("prerender-seed.html", &out.replace("><", ">\n<"));
    assert!(out.starts_with("<news-card data-digest=\""));
    assert!(out.ends_with("</template></news-card>"));
}

#[test]
fn equals_the_views_own_snapshot() {
    // tests/view.rs's snapshot of the seed card (prefix nc1) is what the template holds.
    let view = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/snapshots/seed-card.html"
    ))
    .unwrap();
    let out = render(
        &seed(),
        &PrerenderOptions {
            id_prefix: "nc1",
            ..Default::default()
        },
    );
    assert_eq!(shadow_markup(&out).replace("><", ">\n<"), view);
}

#[test]
fn holds_exactly_the_views_markup() {
    let cases = [
        PrerenderOptions::default(),
        PrerenderOptions {
            open: true,
            ..Default::default()
        },
        PrerenderOptions {
            lang: Some("en"),
            ..Default::default()
        },
        PrerenderOptions {
            lang: Some("fr-CA"),
            numerals: Some(Numerals::Latn),
            wpm: Some(60),
            ..Default::default()
        },
        PrerenderOptions {
            numerals: Some(Numerals::Arab),
            wpm: Some(20),
            id_prefix: "story",
            ..Default::default()
        },
    ];
    for article in [seed(), fixture()] {
        for opts in &cases {
            let out = render(&article, opts);
            assert_eq!(shadow_markup(&out), view_html(&article, opts), "{opts:?}");
        }
    }
}

#[test]
fn attributes_reproduce_the_options() {
    let a = seed();
    let out = render(
        &a,
        &PrerenderOptions {
            lang: Some("en"),
            open: true,
            numerals: Some(Numerals::Arab),
            wpm: Some(250),
            ..Default::default()
        },
    );
    let d = digest(&a, Some("en"), Numerals::Arab, 250);
    assert_eq!(
        host_tag(&out),
        format!("<news-card lang=\"en\" open numerals=\"arab\" wpm=\"250\" data-digest=\"{d}\">")
    );
    // The stylesheet inline by default, exactly once: the first frame paints it in every engine.
    let style = format!(
        "<template shadowrootmode=\"open\"><style>{}</style><article ",
        news_card::CARD_CSS
    );
    assert!(out.contains(&style));
    assert_eq!(out.matches("<style>").count(), 1);
    assert!(!out.contains("<link"));
}

#[test]
fn a_stylesheet_url_gives_a_link_instead_of_the_inline_style() {
    let out = render(
        &seed(),
        &PrerenderOptions {
            css_href: Some("/static/news-card.css?v=1&x"),
            ..Default::default()
        },
    );
    assert!(out.contains(
        "<template shadowrootmode=\"open\"><link rel=\"stylesheet\" href=\"/static/news-card.css?v=1&amp;x\"><article "
    ));
    assert!(!out.contains("<style>"));
}

#[test]
fn the_inline_stylesheet_cannot_end_its_element_and_its_csp_hash_is_written() {
    // No `<` at all in the shipped CSS, so no `</style` either.
    assert!(!news_card::CARD_CSS.contains('<'));
    let hash = news_card::prerender::STYLE_CSP;
    assert!(
        hash.starts_with("'sha256-") && hash.ends_with("='") && hash.len() == 53,
        "{hash}"
    );
}

#[test]
fn open_closed_lang_and_arabic_digits() {
    let a = seed();
    let closed = render(&a, &PrerenderOptions::default());
    // A native disclosure, closed: no script needed to open it, and nothing stale to say.
    assert!(closed.contains("<details class=\"more\"><summary "));
    assert!(!closed.contains(" open") && !closed.contains("aria-expanded"));
    // Both labels, the one for the other state hidden without help from the stylesheet;
    // nothing else is hidden (closed text stays findable).
    assert!(closed.contains("<span class=\"toggle-label when-closed\">اقرأ المزيد</span>"));
    assert!(closed.contains("<span class=\"toggle-label when-open\" hidden=\"\">اعرض أقل</span>"));
    assert_eq!(closed.matches(" hidden").count(), 1);
    let open = render(
        &a,
        &PrerenderOptions {
            open: true,
            ..Default::default()
        },
    );
    assert!(open.contains("<details class=\"more\" open=\"\"><summary "));
    assert!(
        open.contains("<span class=\"toggle-label when-closed\" hidden=\"\">اقرأ المزيد</span>")
    );
    assert!(open.contains("<span class=\"toggle-label when-open\">اعرض أقل</span>"));
    // English words on an Arabic article: marked with their language and direction.
    let en = render(
        &a,
        &PrerenderOptions {
            lang: Some("en"),
            ..Default::default()
        },
    );
    assert!(en.contains("<bdi lang=\"en\" dir=\"ltr\" part=\"reading-time\">3 min read</bdi>"));
    // A slow reader needs 21 minutes: Arabic-Indic digits, and Arabic's "many" form.
    let arab = render(
        &a,
        &PrerenderOptions {
            numerals: Some(Numerals::Arab),
            wpm: Some(20),
            ..Default::default()
        },
    );
    assert!(arab.contains("مدة القراءة: ٢١ دقيقة"), "{arab}");
    // No ID of the wasm's (nc1, nc2, ...) in a prerendered card.
    for out in [&closed, &open, &en, &arab] {
        assert!(out.contains("id=\"ncp1-title\""));
        assert!(!out.contains("\"nc1-"));
    }
}

#[test]
fn marks_what_only_the_browser_can_write() {
    let seed = seed();
    let dated = fixture();
    let opts = |numerals| PrerenderOptions {
        numerals,
        ..Default::default()
    };
    assert!(!host_tag(&render(&seed, &opts(None))).contains("data-intl"));
    assert!(!host_tag(&render(&seed, &opts(Some(Numerals::Arab)))).contains("data-intl"));
    assert!(
        host_tag(&render(&seed, &opts(Some(Numerals::Auto)))).contains("data-intl=\"numerals\"")
    );
    assert!(host_tag(&render(&dated, &opts(None))).contains("data-intl=\"date\""));
    assert!(host_tag(&render(&dated, &opts(Some(Numerals::Auto))))
        .contains("data-intl=\"date numerals\""));
    // The date is written as given, in <time datetime>.
    assert!(render(&dated, &opts(None))
        .contains("<time part=\"published\" datetime=\"2024-06-19\">2024-06-19</time>"));
}

#[test]
fn digest_follows_every_markup_input_but_not_open() {
    let a = seed();
    let base = digest(&a, None, Numerals::Latn, 180);
    assert_eq!(base.len(), 16);
    assert!(base
        .bytes()
        .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)));
    // Stable: an equal article built apart (read again from its text, or from its own JSON)
    // has the same digest, so nothing of one value's identity (an address, a hash seed) counts.
    // (Calling digest twice on `a` could not tell; digest_is_pinned holds it across builds.)
    let reread = seed();
    let from_json = parse_json(&news_card::input::json::to_string(&a)).unwrap();
    assert_eq!(
        (&reread, &from_json),
        (&a, &a),
        "the rebuilt articles are equal"
    );
    assert_eq!(
        digest(&reread, None, Numerals::Latn, 180),
        base,
        "stable: reread"
    );
    assert_eq!(
        digest(&from_json, None, Numerals::Latn, 180),
        base,
        "stable: from JSON"
    );
    // The resolved language of the card's words counts, not how it was spelt.
    assert_eq!(base, digest(&a, Some("ar"), Numerals::Latn, 180));
    assert_eq!(
        digest(&a, Some("en"), Numerals::Latn, 180),
        digest(&a, Some("en-GB"), Numerals::Latn, 180)
    );

    let mut changed = vec![
        digest(&a, Some("en"), Numerals::Latn, 180),
        digest(&a, None, Numerals::Arab, 180),
        digest(&a, None, Numerals::Auto, 180),
        digest(&a, None, Numerals::Latn, 181),
    ];
    let edits: Vec<fn(&mut Article)> = vec![
        |a| a.title.push('!'),
        |a| a.summary = None,
        |a| a.body[0].push('.'),
        |a| a.body.push("more".into()),
        |a| a.author.as_mut().unwrap().name.push('x'),
        |a| a.author.as_mut().unwrap().bio.clear(),
        |a| a.author = None,
        |a| a.lang = "ar-EG".into(),
        |a| a.dir = news_card::article::Dir::Auto,
        |a| a.url = Some("https://example.org/".into()),
        |a| a.published = Some("2024-06-19".into()),
        |a| a.source = Some("x".into()),
    ];
    for edit in edits {
        let mut b = a.clone();
        edit(&mut b);
        changed.push(digest(&b, None, Numerals::Latn, 180));
    }
    for d in &changed {
        assert_ne!(d, &base);
    }
    let mut unique = changed.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(
        unique.len(),
        changed.len(),
        "every change gives its own digest"
    );

    // `open` and the ID prefix change the markup the wasm adapts or replaces, not the digest.
    let tag = |opts: &PrerenderOptions| host_tag(&render(&a, opts)).to_owned();
    let d = |opts: &PrerenderOptions| {
        let t = tag(opts);
        t[t.find("data-digest=\"").unwrap() + 13..][..16].to_owned()
    };
    let closed = PrerenderOptions::default();
    let open = PrerenderOptions {
        open: true,
        id_prefix: "other",
        ..Default::default()
    };
    assert_eq!(d(&closed), d(&open));
    assert_eq!(d(&closed), base);
}

#[test]
fn digest_is_pinned() {
    // FNV-1a's published test vectors, then the seed's digest: a change here means prerendered
    // cards already in pages stop matching; that must be deliberate (bump prerender::FORMAT).
    assert_eq!(prerender::fnv_hex(""), "cbf29ce484222325");
    assert_eq!(prerender::fnv_hex("a"), "af63dc4c8601ec8c");
    assert_eq!(prerender::fnv_hex("foobar"), "85944171f73967e8");
    assert_eq!(
        digest(&seed(), None, Numerals::Latn, 180),
        "583f7f3dc73d7338"
    );
}

#[test]
fn markup_change_needs_a_format_bump() {
    // The fingerprint of the seed's markup: when the view changes, this fails. Bump
    // prerender::FORMAT (so older prerendered cards are re-rendered, not hydrated), then
    // update both constants here.
    let html = view_html(&seed(), &PrerenderOptions::default());
    assert_eq!(
        (prerender::FORMAT, prerender::fnv_hex(&html).as_str()),
        ("news-card-prerender/5", "f91ee7755107840d")
    );
}

/// The JSON-LD of `out`, parsed.
fn parsed_json_ld(out: &str) -> serde_json::Value {
    let open = "<script type=\"application/ld+json\">";
    let start = out.find(open).unwrap() + open.len();
    let end = out.rfind("</script>").unwrap();
    assert_eq!(
        out[start..].find("</script>").unwrap(),
        end - start,
        "one script"
    );
    serde_json::from_str(&out[start..end]).unwrap()
}

fn assert_json_ld(a: &Article, ld: &serde_json::Value, url: Option<&str>) {
    use serde_json::json;
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["headline"], a.title.as_str());
    assert_eq!(
        ld.get("description").and_then(|d| d.as_str()),
        a.summary.as_deref()
    );
    // Paragraphs joined by a blank line, as schema.org wants one text.
    assert_eq!(ld["articleBody"], a.body.join("\n\n"));
    match &a.author {
        Some(author) if author.bio.is_empty() => assert_eq!(
            ld["author"],
            json!({"@type": "Person", "name": author.name})
        ),
        Some(author) => assert_eq!(
            ld["author"],
            json!({"@type": "Person", "name": author.name, "description": author.bio})
        ),
        None => assert!(ld.get("author").is_none()),
    }
    assert_eq!(
        ld.get("datePublished").and_then(|d| d.as_str()),
        a.published.as_deref()
    );
    assert_eq!(ld["inLanguage"], a.lang.as_str());
    assert_eq!(ld.get("url").and_then(|d| d.as_str()), url);
    match &a.source {
        Some(source) => assert_eq!(
            ld["publisher"],
            json!({"@type": "Organization", "name": source})
        ),
        None => assert!(ld.get("publisher").is_none()),
    }
    let known = [
        "@context",
        "@type",
        "headline",
        "description",
        "articleBody",
        "author",
        "datePublished",
        "inLanguage",
        "url",
        "publisher",
    ];
    for key in ld.as_object().unwrap().keys() {
        assert!(known.contains(&key.as_str()), "unexpected member {key}");
    }
}

#[test]
fn json_ld_holds_every_field() {
    let with = |url| PrerenderOptions {
        json_ld: true,
        url,
        ..Default::default()
    };
    let s = seed();
    assert_json_ld(&s, &parsed_json_ld(&render(&s, &with(None))), None);
    let f = fixture();
    let out = render(&f, &with(None));
    assert_json_ld(
        &f,
        &parsed_json_ld(&out),
        Some("https://example.org/rust-wasm"),
    );
    // The element comes first, then the script, outside it.
    assert!(out.contains("</news-card>\n<script type=\"application/ld+json\">"));
    // --url takes the place of the article's URL.
    let out = render(&f, &with(Some("https://news.example/a/1")));
    assert_json_ld(&f, &parsed_json_ld(&out), Some("https://news.example/a/1"));
    // An unsafe article URL is left out, as the card leaves out its link.
    let mut js = f.clone();
    js.url = Some("javascript:alert(1)".into());
    assert_json_ld(&js, &parsed_json_ld(&render(&js, &with(None))), None);
    // An author without a bio, no summary.
    let mut bare = f.clone();
    bare.summary = None;
    bare.author = Some(Author {
        name: "A".into(),
        bio: String::new(),
    });
    assert_json_ld(
        &bare,
        &parsed_json_ld(&render(&bare, &with(None))),
        Some("https://example.org/rust-wasm"),
    );
}

#[test]
fn json_ld_cannot_close_its_script() {
    let mut a = fixture();
    a.title = "</script><script>alert(1)</script>".into();
    a.body = vec!["<!-- <script>".into(), "a & b > c \u{2028} \u{2029}".into()];
    a.source = Some("</SCRIPT >".into());
    let out = render(
        &a,
        &PrerenderOptions {
            json_ld: true,
            ..Default::default()
        },
    );
    let script = &out[out.find("<script type=\"application/ld+json\">").unwrap()..];
    assert_eq!(
        script.matches('<').count(),
        2,
        "only the script's own tags: {script}"
    );
    assert!(!script.contains('&') && !script.contains('\u{2028}') && !script.contains('\u{2029}'));
    assert!(script.contains("\\u003c/script\\u003e\\u003cscript\\u003ealert(1)"));
    assert_json_ld(
        &a,
        &parsed_json_ld(&out),
        Some("https://example.org/rust-wasm"),
    );
    // The inline article cannot close its script either, and reads back whole.
    let start = out.find("<script type=\"application/json\">").unwrap();
    let inline = &out[start..out.find("</news-card>").unwrap()];
    assert_eq!(inline.matches('<').count(), 2, "{inline}");
    assert_eq!(inline_article(&out), a);
}

#[test]
fn carries_its_article_for_the_shell() {
    // Without it the shell would show the embedded article once the script runs.
    let f = fixture();
    let out = render(&f, &PrerenderOptions::default());
    assert_eq!(inline_article(&out), f);
    assert!(out.ends_with("</script></news-card>"));
    let src = render(
        &f,
        &PrerenderOptions {
            carry: Carry::Src("/articles/rust.json"),
            ..Default::default()
        },
    );
    assert!(host_tag(&src).starts_with("<news-card src=\"/articles/rust.json\" "));
    assert!(!src.contains("<script"));
    let seed = render(&seed(), &embedded());
    assert!(!seed.contains("<script") && !host_tag(&seed).contains(" src="));
    // The digest is the article's, however it is carried.
    let digest_of = |out: &str| {
        let tag = host_tag(out);
        tag[tag.find("data-digest").unwrap()..].to_owned()
    };
    assert_eq!(digest_of(&out), digest_of(&src));
}

#[test]
fn attribute_values_are_escaped() {
    let out = render(
        &seed(),
        &PrerenderOptions {
            css_href: Some("x.css\"><script>alert(1)</script>"),
            ..Default::default()
        },
    );
    assert!(out.contains("href=\"x.css&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">"));
}

// Property: whatever the article holds, every '<' in the output is one of our own tags.

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[\u{0621}-\u{064A}\u{064B}-\u{0652}\u{0660}-\u{0669} ]{1,12}",
        "[a-zA-Z0-9 .,;:!?'\"]{1,12}",
        "[\u{202A}-\u{202E}\u{2066}-\u{2069}\u{2028}\u{2029}]{1,3}",
        "[<>&/=\\\\{}\\[\\]!-]{1,6}",
        Just("</template></news-card><img src=x onerror=alert(1)>".to_string()),
        Just("</script><script>alert(1)</script>".to_string()),
        Just("<!--".to_string()),
        Just("\t\n".to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 1..6).prop_map(|p| p.concat())
}

fn required_text() -> impl Strategy<Value = String> {
    (text(), "[a-zA-Z\u{0621}-\u{064A}]").prop_map(|(t, c)| t + &c)
}

fn article() -> impl Strategy<Value = Article> {
    (
        required_text(),
        prop::option::of(text()),
        prop::collection::vec(text(), 1..4),
        prop::option::of((required_text(), text())),
        prop::option::of(text()),
        prop::option::of(text()),
    )
        .prop_map(|(title, summary, body, author, source, url)| {
            let mut a = Article::new(title, body);
            a.summary = summary;
            a.author = author.map(|(name, bio)| Author { name, bio });
            a.source = source;
            // Some URLs pass safe_url and reach both the link and the JSON-LD.
            a.url = url.map(|u| format!("https://example.org/{u}"));
            a.published = Some("2024-06-19".into());
            a
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn prerendered_html_never_carries_markup_from_input(a in article(), open: bool, ld: bool) {
        let out = render(&a, &PrerenderOptions { open, json_ld: ld, ..Default::default() });
        const TAGS: [&str; 17] = [
            "article", "h2", "h3", "p", "section", "details", "summary", "span", "div", "bdi", "time", "a", "code",
            "news-card", "template", "style", "script",
        ];
        // The one <style> is the crate's own stylesheet, which holds no `<`.
        prop_assert_eq!(out.matches("<style>").count(), 1);
        for (i, _) in out.match_indices('<') {
            let rest = out[i + 1..].trim_start_matches('/');
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
            prop_assert!(TAGS.contains(&name.as_str()), "unexpected tag {:?} at {}", name, i);
            let after = rest[name.len()..].chars().next();
            prop_assert!(matches!(after, Some(' ' | '>')), "tag {:?} followed by {:?}", name, after);
        }
        prop_assert_eq!(out.matches("<news-card").count(), 1);
        prop_assert_eq!(out.matches("<template").count(), 1);
        prop_assert_eq!(out.matches("<script").count(), 1 + usize::from(ld));
        prop_assert_eq!(&inline_article(&out), &a);
        prop_assert_eq!(shadow_markup(&out), view_html(&a, &PrerenderOptions { open, ..Default::default() }));
        if ld {
            assert_json_ld(&a, &parsed_json_ld(&out), a.url.as_deref().and_then(safe_url));
        }
    }
}

/// `check` (what `renderToString` runs on its options) refuses each bad value by the command
/// line's rules and names the option as JavaScript spells it.
#[test]
fn check_names_the_refused_option() {
    use news_card::prerender::{check, Carry, PrerenderOptions};
    assert_eq!(check(&PrerenderOptions::default()), Ok(()));
    let refused = [
        (
            PrerenderOptions {
                lang: Some("x y"),
                ..PrerenderOptions::default()
            },
            "lang \"x y\"",
        ),
        (
            PrerenderOptions {
                wpm: Some(0),
                ..PrerenderOptions::default()
            },
            "wpm \"0\"",
        ),
        (
            PrerenderOptions {
                heading_level: Some(7),
                ..PrerenderOptions::default()
            },
            "headingLevel \"7\"",
        ),
        (
            PrerenderOptions {
                id_prefix: "nc12",
                ..PrerenderOptions::default()
            },
            "idPrefix \"nc12\"",
        ),
        (
            PrerenderOptions {
                css_href: Some("a b"),
                ..PrerenderOptions::default()
            },
            "cssHref \"a b\"",
        ),
        (
            PrerenderOptions {
                carry: Carry::Src(""),
                ..PrerenderOptions::default()
            },
            "src \"\"",
        ),
        (
            PrerenderOptions {
                url: Some("ftp://x"),
                ..PrerenderOptions::default()
            },
            "url \"ftp://x\"",
        ),
    ];
    for (opts, start) in refused {
        let message = check(&opts).unwrap_err().to_string();
        assert!(message.starts_with(start), "{message}");
        assert!(message.contains(": expected "), "{message}");
    }
}
