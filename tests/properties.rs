//! Property tests of the pure core: parsing never panics, text survives unchanged, HTML stays inert.
#![cfg(not(target_arch = "wasm32"))]

use news_card::article::{Article, Author, Image};
use news_card::input::json::{from_str as parse_json, to_string as to_json};
use news_card::input::text_str;
use news_card::locale::{strings, PlainLocale};
use news_card::view::html::render;
use news_card::view::{self, CardOptions, Hook, Node};
use proptest::prelude::*;

/// Characters from the scripts and sequences readers send: Arabic with harakat, Hebrew,
/// Latin, combining marks, bidi controls, ZWJ emoji, markup characters, quotes, digits.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[\u{0621}-\u{064A}\u{064B}-\u{0652}\u{0660}-\u{0669} ]{1,12}",
        "[\u{05D0}-\u{05EA}\u{05B0}-\u{05BC} ]{1,8}",
        "[a-zA-Z0-9 .,;:!?'\"]{1,12}",
        "[e\u{0301}\u{0308}\u{0327}]{1,4}",
        "[\u{202A}-\u{202E}\u{2066}-\u{2069}\u{200E}\u{200F}]{1,3}",
        Just("👩‍👩‍👧".to_string()),
        Just("🇸🇦".to_string()),
        "[<>&/=\\\\{}\\[\\]]{1,6}",
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("\t".to_string()),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 1..6).prop_map(|p| p.concat())
}

/// Non-blank text, as the required fields need.
fn required_text() -> impl Strategy<Value = String> {
    (text(), "[a-zA-Z\u{0621}-\u{064A}]").prop_map(|(t, c)| t + &c)
}

fn article() -> impl Strategy<Value = Article> {
    (
        required_text(),
        prop::option::of(text()),
        prop::collection::vec(text(), 1..5),
        prop::option::of((required_text(), text())),
        prop::option::of(text()),
        prop::option::of(image()),
    )
        .prop_map(|(title, summary, body, author, source, image)| {
            let mut a = Article::new(title, body);
            a.summary = summary;
            a.author = author.map(|(name, bio)| Author { name, bio });
            a.source = source;
            a.image = image;
            a
        })
}

/// A whole lead image: a web URL with any path, any text, any positive size.
fn image() -> impl Strategy<Value = Image> {
    (
        "https?://[a-z]{1,8}\\.example/[a-zA-Z0-9_%./?=&-]{0,20}",
        prop::option::of(text()).prop_map(|t| t.unwrap_or_default()),
        1u32..=u32::MAX,
        1u32..=u32::MAX,
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of("https://a\\.example/[a-z]{1,5} [1-9]x"),
    )
        .prop_map(|(src, alt, width, height, caption, credit, srcset)| Image {
            src,
            alt: Some(alt),
            width,
            height,
            srcset,
            sizes: None,
            caption,
            credit,
        })
}

fn card(a: &Article) -> Node {
    let ui = strings::ui_for(&a.lang);
    view::card(
        a,
        &CardOptions {
            prefix: "p",
            open: false,
            ui,
            locale: &PlainLocale(ui),
            wpm: 180,
            heading: 2,
            share: false,
        },
    )
}

/// Every element with tag `tag`, in order.
fn find<'a>(node: &'a Node, tag: &str, out: &mut Vec<&'a news_card::view::Element>) {
    if let Node::Element(e) = node {
        if e.tag == tag {
            out.push(e);
        }
        e.children.iter().for_each(|c| find(c, tag, out));
    }
}

/// The text of every element with `class` (a class list item), in order.
fn texts_of(node: &Node, tag: &str, out: &mut Vec<String>) {
    if let Node::Element(e) = node {
        if e.tag == tag {
            out.push(node.text_content());
        }
        e.children.iter().for_each(|c| texts_of(c, tag, out));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    // The one-pass count says what the definition says: runs between white space holding a
    // letter or digit (any script, marks, joiners and spaces of every kind in the mix).
    #[test]
    fn word_count_is_runs_with_a_letter_or_digit(s in "[\\PC\\s\u{64b}-\u{652}\u{200c}\u{200d}\u{a0}\u{2003}]{0,120}") {
        let by_definition = s.split(char::is_whitespace).filter(|w| w.chars().any(char::is_alphanumeric)).count();
        prop_assert_eq!(news_card::locale::measure::word_count(&s), by_definition);
    }

    #[test]
    fn parsing_any_text_never_panics(s in "\\PC{0,200}") {
        let _ = text_str(&s);
        let _ = parse_json(&s);
    }

    #[test]
    fn parsing_json_shaped_noise_never_panics(s in "[\\[\\]{}\",:0-9a-z\\\\ \n-]{0,120}") {
        let _ = parse_json(&s);
    }

    #[test]
    fn json_round_trip_keeps_every_character(a in article()) {
        prop_assert_eq!(parse_json(&to_json(&a)).unwrap(), a);
    }

    #[test]
    fn the_view_holds_each_field_unchanged(a in article()) {
        let view = card(&a);
        let mut h2 = Vec::new();
        texts_of(&view, "h2", &mut h2);
        prop_assert_eq!(h2, vec![a.title.clone()]);
        let Some(body) = view.find_hook(Hook::Body) else { panic!("no body") };
        let paras: Vec<String> = body.children.iter().map(Node::text_content).collect();
        prop_assert_eq!(&paras, &a.body);
        let mut ps = Vec::new();
        texts_of(&view, "p", &mut ps);
        if let Some(summary) = &a.summary {
            prop_assert!(ps.contains(summary));
        }
        if let Some(author) = &a.author {
            let mut bdis = Vec::new();
            texts_of(&view, "bdi", &mut bdis);
            prop_assert!(bdis.contains(&author.name));
            prop_assert!(author.bio.is_empty() || ps.contains(&author.bio));
        }
        if let Some(image) = &a.image {
            // The alt and the URL as attributes of the one <img>; the caption as text.
            let mut imgs = Vec::new();
            find(&view, "img", &mut imgs);
            prop_assert_eq!(imgs.len(), 1);
            prop_assert_eq!(imgs[0].get("alt"), image.alt.as_deref());
            prop_assert_eq!(imgs[0].get("src"), Some(image.src.as_str()));
            let width = image.width.to_string();
            prop_assert_eq!(imgs[0].get("width"), Some(width.as_str()));
            if let Some(caption) = image.caption.as_deref().filter(|c| !c.is_empty()) {
                let mut captions = Vec::new();
                texts_of(&view, "figcaption", &mut captions);
                prop_assert!(captions[0].starts_with(caption));
            }
        }
    }

    #[test]
    fn html_never_carries_markup_from_input(a in article()) {
        let html = render(&card(&a));
        // Every '<' in the output opens or closes one of the view's own tags.
        const TAGS: [&str; 16] = ["article", "h2", "h3", "p", "section", "details", "summary", "span", "div", "bdi", "time", "a", "code", "figure", "img", "figcaption"];
        for (i, _) in html.match_indices('<') {
            let rest = html[i + 1..].trim_start_matches('/');
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            prop_assert!(TAGS.contains(&name.as_str()), "unexpected tag {:?} at {}", name, i);
            let after = rest[name.len()..].chars().next();
            prop_assert!(matches!(after, Some(' ' | '>')), "tag {:?} followed by {:?}", name, after);
        }
    }
}
