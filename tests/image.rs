//! The lead image natively: read from both formats with every error named by its field, refused URLs, its markup in the view and the prerendered element, its JSON-LD and the digest.
#![cfg(not(target_arch = "wasm32"))]

use news_card::article::{Article, Image};
use news_card::error::{CardError, Problem};
use news_card::input::json::{from_str as parse_json, to_string as to_json};
use news_card::input::text_str;
use news_card::locale::{strings, Numerals, PlainLocale};
use news_card::prerender::{self, render, PrerenderOptions};
use news_card::view::{self, html, CardOptions};

const BASE: &str = r#""title":"T","body":["B"],"url":"https://news.example/a""#;

fn with_image(image: &str) -> String {
    format!(r#"{{{BASE},"image":{image}}}"#)
}

fn field_error(src: &str) -> (String, String) {
    match parse_json(src) {
        Err(e @ CardError::Field { .. }) => (e.field(), e.message()),
        other => panic!("{src}: expected a field error, got {other:?}"),
    }
}

fn full() -> Article {
    parse_json(&with_image(
        r#"{"src":"https://img.example/a.jpg","alt":"A harbour","width":1200,"height":800,
        "srcset":"https://img.example/a-600.jpg 600w, https://img.example/a.jpg 1200w",
        "sizes":"(max-width: 600px) 100vw, 600px","caption":"The harbour at dawn","credit":"Photo: R. Ali"}"#,
    ))
    .unwrap()
}

fn card_html(a: &Article) -> String {
    let ui = strings::ui_for(&a.lang);
    html::render(&view::card(
        a,
        &CardOptions {
            prefix: "i",
            open: false,
            ui,
            locale: &PlainLocale(ui),
            wpm: 180,
            heading: 2,
            share: false,
        },
    ))
}

#[test]
fn every_member_is_read() {
    let a = full();
    assert_eq!(
        a.image,
        Some(Image {
            src: "https://img.example/a.jpg".into(),
            alt: Some("A harbour".into()),
            width: 1200,
            height: 800,
            srcset: Some(
                "https://img.example/a-600.jpg 600w, https://img.example/a.jpg 1200w".into()
            ),
            sizes: Some("(max-width: 600px) 100vw, 600px".into()),
            caption: Some("The harbour at dawn".into()),
            credit: Some("Photo: R. Ali".into()),
        })
    );
    // Written back (the prerenderer's inline article, parseArticle) and read again: the same.
    assert_eq!(parse_json(&to_json(&a)).unwrap(), a);
    // An empty alt, given, is a decorative image; null or absent image is no image.
    let decorative = parse_json(&with_image(
        r#"{"src":"http://img.example/a.png","alt":"","width":1,"height":1}"#,
    ))
    .unwrap();
    assert_eq!(decorative.image.unwrap().alt.as_deref(), Some(""));
    assert_eq!(parse_json(&with_image("null")).unwrap().image, None);
}

#[test]
fn errors_name_the_field() {
    let img = |members: &str| with_image(&format!("{{{members}}}"));
    let ok = r#""src":"https://img.example/a.jpg","alt":"A""#;
    for (src, field, message) in [
        (
            img(&format!(r#"{ok},"width":0,"height":1"#)),
            "image.width",
            "image.width: expected a positive whole number, found zero or less",
        ),
        (
            img(&format!(r#"{ok},"width":-3,"height":1"#)),
            "image.width",
            "image.width: expected a positive whole number, found zero or less",
        ),
        (
            img(&format!(r#"{ok},"width":1.5,"height":1"#)),
            "image.width",
            "image.width: expected a positive whole number, found a fraction",
        ),
        (
            img(&format!(r#"{ok},"width":"100","height":1"#)),
            "image.width",
            "image.width: expected a positive whole number, found a string",
        ),
        (
            img(&format!(r#"{ok},"width":1,"height":5000000000"#)),
            "image.height",
            "image.height: expected a positive whole number, found a number over 4294967295",
        ),
        (
            img(&format!(r#"{ok},"width":1"#)),
            "image.height",
            "image.height: is required",
        ),
        (
            img(&format!(r#"{ok},"height":1"#)),
            "image.width",
            "image.width: is required",
        ),
        (
            img(r#""src":"https://img.example/a.jpg","width":1,"height":1"#),
            "image.alt",
            "image.alt: is required",
        ),
        (
            img(r#""src":"https://img.example/a.jpg","alt":null,"width":1,"height":1"#),
            "image.alt",
            "image.alt: is required",
        ),
        (
            img(r#""alt":"A","width":1,"height":1"#),
            "image.src",
            "image.src: is required",
        ),
        (
            img(r#""src":" ","alt":"A","width":1,"height":1"#),
            "image.src",
            "image.src: must not be empty",
        ),
        (
            img(r#""src":5,"alt":"A","width":1,"height":1"#),
            "image.src",
            "image.src: expected a string, found a number",
        ),
        (
            with_image("[]"),
            "image",
            "image: expected an object, found an array",
        ),
        (
            with_image("\"https://img.example/a.jpg\""),
            "image",
            "image: expected an object, found a string",
        ),
    ] {
        assert_eq!(
            field_error(&src),
            (field.to_owned(), message.to_owned()),
            "{src}"
        );
    }
}

#[test]
fn only_http_and_https_urls_are_kept() {
    let refused = [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        "data:image/png;base64,iVBORw0KGgo=",
        "blob:https://news.example/1",
        "file:///etc/passwd",
        " javascript:alert(1)",
        "/relative/a b.jpg",
        "https:img.example/a.jpg",
        "https://img.example/a b.jpg",
        "https://img.example/a.jpg\n",
        "java\tscript:alert(1)",
        "ftp://img.example/a.jpg",
    ];
    for url in refused {
        let src = with_image(&format!(
            r#"{{"src":{},"alt":"A","width":1,"height":1}}"#,
            serde_json::to_string(url).unwrap()
        ));
        assert_eq!(
            field_error(&src),
            (
                "image.src".into(),
                "image.src: must be an http: or https: URL, or a relative one".into()
            ),
            "{url}"
        );
        let srcset = with_image(&format!(
            r#"{{"src":"https://img.example/a.jpg","alt":"A","width":1,"height":1,"srcset":{}}}"#,
            serde_json::to_string(&format!("https://img.example/a.jpg 1x, {url} 2x")).unwrap()
        ));
        // (In a srcset, white space after a URL only starts its descriptor.)
        if url.trim_end() == url {
            assert_eq!(field_error(&srcset).0, "image.srcset", "{url}");
        }
    }
    // A candidate with more than one descriptor is refused too; trailing space is fine.
    let two = with_image(
        r#"{"src":"https://a.example/a","alt":"","width":1,"height":1,"srcset":"https://a.example/a 1x 2x"}"#,
    );
    assert_eq!(field_error(&two).0, "image.srcset");
    let fine = with_image(
        r#"{"src":"HTTPS://a.example/a","alt":"","width":1,"height":1,"srcset":" https://a.example/a  1x ,https://a.example/b 2x "}"#,
    );
    assert!(parse_json(&fine).is_ok());
}

#[test]
fn the_view_writes_a_figure_with_a_reserved_lazy_image() {
    let html = card_html(&full());
    let expected = concat!(
        r#"<figure class="figure"><img part="image" loading="lazy" decoding="async" width="1200" height="800" "#,
        r#"sizes="(max-width: 600px) 100vw, 600px" srcset="https://img.example/a-600.jpg 600w, https://img.example/a.jpg 1200w" "#,
        r#"alt="A harbour" src="https://img.example/a.jpg">"#,
        r#"<figcaption part="caption">The harbour at dawn <bdi class="credit" part="credit">Photo: R. Ali</bdi></figcaption></figure>"#,
    );
    assert!(html.contains(expected), "{html}");
    // Under the meta line, before the summary and the disclosure; no end tag for the void img.
    let meta = html.find("part=\"meta\"").unwrap();
    assert!(meta < html.find("<figure").unwrap());
    assert!(html.find("</figure>").unwrap() < html.find("<details").unwrap());
    assert!(!html.contains("</img>"));

    // No caption or credit: no figcaption; an empty caption counts as none.
    let mut a = full();
    let image = a.image.as_mut().unwrap();
    image.caption = Some(String::new());
    image.credit = None;
    image.srcset = None;
    image.sizes = None;
    let html = card_html(&a);
    assert!(
        !html.contains("figcaption") && !html.contains("srcset") && !html.contains("sizes"),
        "{html}"
    );
    // Markup in the members is text, escaped.
    let mut a = full();
    a.image.as_mut().unwrap().alt = Some("\"><script>x</script>".into());
    a.image.as_mut().unwrap().caption = Some("<b>bold</b>".into());
    let html = card_html(&a);
    assert!(
        html.contains(r#"alt="&quot;&gt;&lt;script&gt;x&lt;/script&gt;""#),
        "{html}"
    );
    assert!(html.contains("&lt;b&gt;bold&lt;/b&gt;") && !html.contains("<b>"));
    // Without an image, no figure at all.
    assert!(!card_html(&parse_json(&format!("{{{BASE}}}")).unwrap()).contains("<figure"));
}

#[test]
fn the_text_format_writes_it_after_the_summary() {
    let text = "Headline\n\nفي كلمات قليلة\n\nThe summary.\n\nصورة\n\nsrc: https://img.example/a.jpg\nalt: A harbour\nwidth: 1200\nheight: 800\ncaption: The harbour at dawn\ncredit: Photo: R. Ali\n\nThe body.\n";
    let a = text_str(text).unwrap();
    let image = a.image.clone().unwrap();
    assert_eq!(
        (
            image.src.as_str(),
            image.alt.as_deref(),
            image.width,
            image.height
        ),
        ("https://img.example/a.jpg", Some("A harbour"), 1200, 800)
    );
    assert_eq!(image.credit.as_deref(), Some("Photo: R. Ali"));
    assert_eq!(a.body, ["The body."]);
    // Decorative: `alt:` and nothing after it.
    let decorative = text.replace("alt: A harbour", "alt:");
    assert_eq!(
        text_str(&decorative).unwrap().image.unwrap().alt.as_deref(),
        Some("")
    );

    // Errors name the line and the field.
    for (from, to, message) in [
        ("width: 1200", "width: wide", "line 11: image.width: must be a positive whole number"),
        ("height: 800", "height: 0", "line 12: image.height: must be a positive whole number"),
        ("alt: A harbour\n", "", "line 9: image.alt: is required"),
        ("src: https://img.example/a.jpg", "src: javascript:alert(1)", "line 9: image.src: must be an http: or https: URL, or a relative one"),
        ("caption: The harbour at dawn", "colour: blue", "line 13: image: expected key: value lines (src alt width height srcset sizes caption credit)"),
        ("caption: The harbour at dawn", "no colon here", "line 13: image: expected key: value lines (src alt width height srcset sizes caption credit)"),
    ] {
        let bad = text.replace(from, to);
        assert_ne!(bad, text);
        let e = text_str(&bad).unwrap_err();
        assert_eq!(e.message(), message, "{bad}");
    }
    // The label as the last paragraph.
    let e = text_str("Headline\n\nفي كلمات قليلة\n\nThe summary.\n\nصورة\n").unwrap_err();
    assert_eq!(e.message(), "line 7: image: is required");
    // Same article from both formats.
    let json = to_json(&a);
    assert_eq!(parse_json(&json).unwrap(), a);
}

#[test]
fn prerender_carries_the_image_and_json_ld_an_image_object() {
    let a = full();
    let out = render(
        &a,
        &PrerenderOptions {
            json_ld: true,
            ..Default::default()
        },
    );
    assert!(out.contains("<img part=\"image\" loading=\"lazy\""));
    let start = out.find("<script type=\"application/ld+json\">").unwrap();
    let ld: serde_json::Value = serde_json::from_str(
        out[start..]
            .trim_start_matches("<script type=\"application/ld+json\">")
            .trim_end_matches("</script>"),
    )
    .unwrap();
    assert_eq!(
        ld["image"],
        serde_json::json!({"@type": "ImageObject", "url": "https://img.example/a.jpg", "width": 1200,
            "height": 800, "caption": "The harbour at dawn", "creditText": "Photo: R. Ali"})
    );
    // The inline article carries the image, so the element shows the same card.
    assert!(out.contains("\"image\":{\"src\":\"https://img.example/a.jpg\""));
}

#[test]
fn every_image_member_is_in_the_digest() {
    let a = full();
    let d = |a: &Article| prerender::digest(a, None, Numerals::Latn, 180);
    let base = d(&a);
    let mut none = a.clone();
    none.image = None;
    assert_ne!(d(&none), base);
    let edits: [fn(&mut Image); 8] = [
        |i| i.src.push('x'),
        |i| i.alt = Some(String::new()),
        |i| i.width += 1,
        |i| i.height += 1,
        |i| i.srcset = None,
        |i| i.sizes = None,
        |i| i.caption = None,
        |i| i.credit = None,
    ];
    for (n, edit) in edits.iter().enumerate() {
        let mut b = a.clone();
        edit(b.image.as_mut().unwrap());
        assert_ne!(d(&b), base, "edit {n}");
    }
}

#[test]
fn the_limit_counts_the_image_text() {
    let mut a = full();
    let before = a.text_len();
    a.image.as_mut().unwrap().caption = Some("x".repeat(100));
    assert_eq!(a.text_len(), before - "The harbour at dawn".len() + 100);
    let big = format!(
        r#"{{{BASE},"image":{{"src":"https://a.example/a","alt":"{}","width":1,"height":1}}}}"#,
        "x".repeat(1024 * 1024)
    );
    assert!(matches!(
        parse_json(&big),
        Err(CardError::Field {
            problem: Problem::TooLong { .. },
            ..
        })
    ));
}
