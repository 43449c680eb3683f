//! Native tests of the prerenderer: its snapshot, its markup parsed and checked against the article, escaping, the digest, JSON-LD and the options' checks (the command line's tests are cli/tests/).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::assert_snapshot;

use news_card::article::{Article, Author, Dir, EMBEDDED};
use news_card::input::json::from_str as parse_json;
use news_card::input::text_str;
use news_card::locale::{strings, Numerals};
use news_card::prerender::{self, digest, render, Carry, PrerenderOptions};
use news_card::url::web;
use proptest::prelude::*;
use scraper::{ElementRef, Html, Selector};

fn seed() -> Article {
    text_str(EMBEDDED).unwrap()
}

fn fixture() -> Article {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/article.json");
    parse_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

// The oracle: the output parsed as a browser parses it (html5ever, through scraper), then its
// structure and text checked against the article and options alone. Nothing here calls the view
// or the renderer; the only thing taken from the crate is the UI's string table (data, which the
// views' own tests pin).

/// The child elements of `e`, in order.
fn kids(e: ElementRef<'_>) -> Vec<ElementRef<'_>> {
    e.children().filter_map(ElementRef::wrap).collect()
}

/// The tag names of `e`'s child elements.
fn names<'a>(e: ElementRef<'a>) -> Vec<&'a str> {
    kids(e).into_iter().map(|k| k.value().name()).collect()
}

/// All text below `e` (what textContent gives).
fn text_of(e: ElementRef<'_>) -> String {
    e.text().collect()
}

/// `e`'s attributes, sorted, as (name, value).
fn attrs<'a>(e: ElementRef<'a>) -> Vec<(&'a str, &'a str)> {
    let mut all: Vec<_> = e.value().attrs().collect();
    all.sort_unstable();
    all
}

/// The one descendant of `e` that `css` selects.
fn one<'a>(e: ElementRef<'a>, css: &str) -> ElementRef<'a> {
    let found: Vec<_> = e.select(&Selector::parse(css).unwrap()).collect();
    assert_eq!(found.len(), 1, "{css}: {} found", found.len());
    found[0]
}

/// How many descendants of `e` `css` selects.
fn count(e: ElementRef<'_>, css: &str) -> usize {
    e.select(&Selector::parse(css).unwrap()).count()
}

/// Words as the card counts them: runs between white space holding a letter or digit.
fn words(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// The reading time the card must show for `a` in `ui_lang` ("ar", "en" or "fr"), by CLDR's
/// plural rules for Arabic, in Arabic-Indic digits when `arab`.
fn reading_time(a: &Article, ui_lang: &str, arab: bool, wpm: u32) -> String {
    let mut texts = vec![a.title.as_str()];
    texts.extend(a.summary.as_deref());
    texts.extend(a.body.iter().map(String::as_str));
    if let Some(author) = &a.author {
        texts.extend([author.name.as_str(), author.bio.as_str()]);
    }
    let total: usize = texts.into_iter().map(words).sum();
    let minutes = total.div_ceil(wpm as usize).max(1);
    let digits = minutes.to_string();
    let n = if arab {
        digits
            .chars()
            .map(|d| char::from_u32(0x660 + d.to_digit(10).unwrap()).unwrap())
            .collect()
    } else {
        digits
    };
    match ui_lang {
        "ar" => match minutes % 100 {
            _ if minutes == 1 => "مدة القراءة: دقيقة".into(),
            _ if minutes == 2 => "مدة القراءة: دقيقتان".into(),
            3..=10 => format!("مدة القراءة: {n} دقائق"),
            _ => format!("مدة القراءة: {n} دقيقة"),
        },
        "en" => format!("{n} min read"),
        "fr" => format!("{n}\u{a0}min de lecture"),
        other => panic!("no expected reading time for {other}"),
    }
}

/// Whether two language tags share their primary subtag.
fn same_language(a: &str, b: &str) -> bool {
    let primary = |t: &str| t.split('-').next().unwrap_or("").to_ascii_lowercase();
    primary(a) == primary(b)
}

/// The elements the card is made of; anything else in the shadow root came from input.
const CARD_TAGS: [&str; 19] = [
    "article",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "bdi",
    "span",
    "time",
    "a",
    "section",
    "details",
    "summary",
    "div",
    "figure",
    "img",
    "figcaption",
    "button",
];

/// Checks that `out`, parsed, is one `<news-card>` whose declarative shadow root holds the
/// stylesheet and then the card for `a` with `opts`: every element, attribute and text a reader
/// or assistive technology meets, and no element or attribute besides.
fn assert_card(out: &str, a: &Article, opts: &PrerenderOptions) {
    let doc = Html::parse_fragment(out);
    let root = doc.root_element();
    assert_eq!(count(root, "news-card"), 1, "one element");
    let host = one(root, "news-card");
    let template = one(host, "template");
    assert_eq!(template.value().attr("shadowrootmode"), Some("open"));
    // The parser keeps a template's contents in a document fragment, the template's one child.
    let fragment = template.first_child().unwrap();
    assert!(fragment.value().is_fragment() && template.children().count() == 1);
    let content: Vec<_> = fragment.children().filter_map(ElementRef::wrap).collect();
    let content_names: Vec<_> = content.iter().map(|e| e.value().name()).collect();
    let sheet = if opts.css_href.is_some() {
        "link"
    } else {
        "style"
    };
    assert_eq!(content_names, [sheet, "article"]);
    let card = content[1];

    let ui_lang = opts.lang.unwrap_or(&a.lang);
    let ui = strings::ui_for(ui_lang);
    let prefix = opts.id_prefix;
    let title_id = format!("{prefix}-title");
    let level = opts.heading_level.unwrap_or(2);
    let (h, h_section) = (format!("h{level}"), format!("h{}", (level + 1).min(6)));
    // The card's own words carry their language and direction where the article's differ.
    let own = |e: ElementRef, rest: &[(&str, &str)]| {
        let mut want: Vec<(&str, &str)> = rest.to_vec();
        if !same_language(ui.lang, &a.lang) {
            want.extend([
                ("lang", ui.lang),
                ("dir", if ui.rtl { "rtl" } else { "ltr" }),
            ]);
        }
        want.sort_unstable();
        assert_eq!(attrs(e), want, "{}", e.html());
    };

    let dir = match a.dir {
        Dir::Rtl => "rtl",
        Dir::Ltr => "ltr",
        Dir::Auto => "auto",
    };
    assert_eq!(
        attrs(card),
        [
            ("aria-labelledby", title_id.as_str()),
            ("class", "card"),
            ("dir", dir),
            ("lang", a.lang.as_str())
        ]
    );
    for e in card.descendants().filter_map(ElementRef::wrap) {
        assert!(
            CARD_TAGS.contains(&e.value().name()),
            "element {} in the card",
            e.html()
        );
        assert!(
            e.value().attrs().all(|(n, _)| !n.starts_with("on")),
            "handler in {}",
            e.html()
        );
    }
    let mut parts = vec![h.as_str(), "p"];
    if a.image.is_some() {
        parts.push("figure");
    }
    if a.summary.is_some() {
        parts.push("section");
    }
    parts.push("details");
    if a.author.is_some() {
        parts.push("section");
    }
    assert_eq!(names(card), parts);
    let children = kids(card);

    // The headline, a link to the article when its URL is a web one.
    let title = children[0];
    assert_eq!(
        attrs(title),
        [
            ("class", "title"),
            ("id", title_id.as_str()),
            ("part", "title")
        ]
    );
    assert_eq!(text_of(title), a.title);
    match a.url.as_deref().and_then(web) {
        Some(url) => {
            assert_eq!(names(title), ["a"]);
            let link = kids(title)[0];
            assert_eq!(
                attrs(link),
                [("href", url), ("part", "link"), ("rel", "noopener")]
            );
        }
        None => assert_eq!(count(title, "a"), 0),
    }

    // The meta line: source, date, reading time, with a separator between each two.
    let meta = children[1];
    assert_eq!(attrs(meta), [("class", "meta"), ("part", "meta")]);
    let mut fields = 1;
    match &a.source {
        Some(source) => {
            fields += 1;
            assert_eq!(text_of(one(meta, "bdi[part=source]")), *source);
        }
        None => assert_eq!(count(meta, "[part=source]"), 0),
    }
    match &a.published {
        Some(date) => {
            fields += 1;
            let time = one(meta, "time");
            assert_eq!(
                attrs(time),
                [("datetime", date.as_str()), ("part", "published")]
            );
            // Written as given: only the browser formats dates (data-intl says so).
            assert_eq!(text_of(time), *date);
        }
        None => assert_eq!(count(meta, "time"), 0),
    }
    let seps: Vec<_> = meta.select(&Selector::parse("span.sep").unwrap()).collect();
    assert_eq!(seps.len(), fields - 1);
    for sep in seps {
        assert_eq!(
            (attrs(sep), text_of(sep).as_str()),
            (vec![("aria-hidden", "true"), ("class", "sep")], " · ")
        );
    }
    let reading = one(meta, "bdi[part=reading-time]");
    own(reading, &[("part", "reading-time")]);
    let arab = opts.numerals == Some(Numerals::Arab);
    assert_eq!(
        text_of(reading),
        reading_time(a, ui.lang, arab, opts.wpm.unwrap_or(180))
    );
    let shared = opts.share && a.url.as_deref().and_then(web).is_some();
    assert_eq!(count(meta, "button"), usize::from(shared));
    if shared {
        let button = one(meta, "button");
        assert_eq!(
            button.value().attr("hidden"),
            Some(""),
            "shown by the script only"
        );
        assert_eq!(text_of(button), ui.share);
    }

    let mut next = 2;
    if a.image.is_some() {
        next += 1;
    }
    if let Some(summary) = &a.summary {
        let section = children[next];
        next += 1;
        assert_eq!(attrs(section), [("class", "summary"), ("part", "summary")]);
        assert_eq!(names(section), [h_section.as_str(), "p"]);
        let [label, p] = kids(section)[..] else {
            unreachable!()
        };
        own(label, &[("class", "label")]);
        assert_eq!(text_of(label), ui.summary_label);
        assert_eq!(text_of(p), *summary);
    }

    // The disclosure: native, open as asked, one label shown for its state.
    let details = children[next];
    next += 1;
    let mut want = vec![("class", "more")];
    if opts.open {
        want.push(("open", ""));
    }
    assert_eq!(attrs(details), want);
    assert_eq!(names(details), ["summary", "div"]);
    let [summary, body] = kids(details)[..] else {
        unreachable!()
    };
    assert_eq!(attrs(summary), [("class", "toggle"), ("part", "toggle")]);
    assert_eq!(names(summary), ["span", "span", "span"]);
    let [closed, open, chevron] = kids(summary)[..] else {
        unreachable!()
    };
    let hidden_unless = |shown: bool| if shown { vec![] } else { vec![("hidden", "")] };
    own(
        closed,
        &[
            &[("class", "toggle-label when-closed")][..],
            &hidden_unless(!opts.open),
        ]
        .concat(),
    );
    own(
        open,
        &[
            &[("class", "toggle-label when-open")][..],
            &hidden_unless(opts.open),
        ]
        .concat(),
    );
    assert_eq!(
        (text_of(closed), text_of(open)),
        (ui.read_more.into(), ui.read_less.into())
    );
    assert_eq!(
        (attrs(chevron), text_of(chevron)),
        (
            vec![("aria-hidden", "true"), ("class", "chevron")],
            String::new()
        )
    );
    let body_id = format!("{prefix}-body");
    assert_eq!(
        attrs(body),
        [
            ("aria-label", ui.full_text),
            ("class", "body"),
            ("id", body_id.as_str()),
            ("part", "body"),
            ("role", "region")
        ]
    );
    assert!(names(body).iter().all(|n| *n == "p"));
    let paragraphs: Vec<String> = kids(body).into_iter().map(text_of).collect();
    assert_eq!(paragraphs, a.body);

    if let Some(author) = &a.author {
        let section = children[next];
        assert_eq!(attrs(section), [("class", "author"), ("part", "author")]);
        let bio = !author.bio.is_empty();
        assert_eq!(
            names(section),
            [h_section.as_str(), "p", "p"][..2 + usize::from(bio)]
        );
        let parts = kids(section);
        own(parts[0], &[("class", "label")]);
        assert_eq!(text_of(parts[0]), ui.author_label);
        assert_eq!(attrs(parts[1]), [("class", "author-name")]);
        assert_eq!(text_of(one(parts[1], "bdi")), author.name);
        if bio {
            assert_eq!(
                (attrs(parts[2]), text_of(parts[2])),
                (vec![("class", "author-bio")], author.bio.clone())
            );
        }
    }
    // No ID of the wasm's (nc1, nc2, ...) unless asked for.
    assert_eq!(count(card, "[id]"), 2);
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
fn holds_the_card_for_the_options() {
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
        PrerenderOptions {
            heading_level: Some(3),
            share: true,
            css_href: Some("/news-card.css"),
            ..Default::default()
        },
        PrerenderOptions {
            lang: Some("ar"),
            heading_level: Some(6),
            ..Default::default()
        },
    ];
    for article in [seed(), fixture()] {
        for opts in &cases {
            assert_card(&render(&article, opts), &article, opts);
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
    let out = render(&seed(), &PrerenderOptions::default());
    let html = shadow_markup(&out);
    assert_eq!(
        (prerender::FORMAT, prerender::fnv_hex(html).as_str()),
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
            // Some URLs pass url::web and reach both the link and the JSON-LD.
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
        assert_card(&out, &a, &PrerenderOptions { open, ..Default::default() });
        if ld {
            assert_json_ld(&a, &parsed_json_ld(&out), a.url.as_deref().and_then(web));
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
