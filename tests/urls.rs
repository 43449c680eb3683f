// Relative URLs in an article: accepted, resolved against a base as browsers resolve them (RFC 3986's examples), refused when they cannot become http(s), and kept relative when prerendering.
use news_card::input::json::from_str as parse_json;
use news_card::input::text_str;
use news_card::prerender::{self, render, PrerenderOptions};
use news_card::url::{self, Reference};

const BASE: &str = "http://a/b/c/d;p?q";

/// RFC 3986 section 5.4's normal and abnormal examples, written out by hand (not computed),
/// plus what the WHATWG URL standard adds for http(s): `\` is `/`, `%2e` is a dot.
#[test]
fn references_resolve_as_rfc_3986_and_browsers_say() {
    let cases = [
        ("g", "http://a/b/c/g"),
        ("./g", "http://a/b/c/g"),
        ("g/", "http://a/b/c/g/"),
        ("/g", "http://a/g"),
        ("//g", "http://g/"),
        ("?y", "http://a/b/c/d;p?y"),
        ("g?y", "http://a/b/c/g?y"),
        ("#s", "http://a/b/c/d;p?q#s"),
        ("g#s", "http://a/b/c/g#s"),
        ("g?y#s", "http://a/b/c/g?y#s"),
        (";x", "http://a/b/c/;x"),
        ("g;x", "http://a/b/c/g;x"),
        (".", "http://a/b/c/"),
        ("./", "http://a/b/c/"),
        ("..", "http://a/b/"),
        ("../", "http://a/b/"),
        ("../g", "http://a/b/g"),
        ("../..", "http://a/"),
        ("../../", "http://a/"),
        ("../../g", "http://a/g"),
        ("../../../g", "http://a/g"),
        ("../../../../g", "http://a/g"),
        ("/./g", "http://a/g"),
        ("/../g", "http://a/g"),
        ("g.", "http://a/b/c/g."),
        (".g", "http://a/b/c/.g"),
        ("g..", "http://a/b/c/g.."),
        ("..g", "http://a/b/c/..g"),
        ("./../g", "http://a/b/g"),
        ("./g/.", "http://a/b/c/g/"),
        ("g/./h", "http://a/b/c/g/h"),
        ("g/../h", "http://a/b/c/h"),
        ("g;x=1/./y", "http://a/b/c/g;x=1/y"),
        ("g;x=1/../y", "http://a/b/c/y"),
        ("g?y/./x", "http://a/b/c/g?y/./x"),
        ("g?y/../x", "http://a/b/c/g?y/../x"),
        ("g#s/./x", "http://a/b/c/g#s/./x"),
        ("g#s/../x", "http://a/b/c/g#s/../x"),
        // WHATWG, for http(s): backslashes are slashes, %2e is a dot.
        ("\\g", "http://a/g"),
        ("\\\\h\\g", "http://h/g"),
        ("%2e%2E/g", "http://a/b/g"),
        (".%2e/g", "http://a/b/g"),
        ("%2E/g", "http://a/b/c/g"),
        ("g/%2e%2e", "http://a/b/c/"),
        // Absolute ones are left as they are.
        ("https://img.example/a.jpg", "https://img.example/a.jpg"),
        ("HTTP://img.example/a.jpg", "HTTP://img.example/a.jpg"),
    ];
    for (reference, expected) in cases {
        assert_eq!(
            url::resolve(BASE, reference).as_deref(),
            Some(expected),
            "{reference}"
        );
    }
    // The publisher's case from the issue.
    assert_eq!(
        url::resolve("https://news.example/stories/42.json", "/media/42.jpg").as_deref(),
        Some("https://news.example/media/42.jpg")
    );
    assert_eq!(
        url::resolve("https://news.example/stories/42.json", "media/42.jpg").as_deref(),
        Some("https://news.example/stories/media/42.jpg")
    );
    assert_eq!(
        url::resolve("https://news.example", "a.jpg").as_deref(),
        Some("https://news.example/a.jpg")
    );
}

#[test]
fn nothing_resolves_to_another_scheme() {
    for reference in [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "data:image/png;base64,AAAA",
        "blob:https://news.example/1",
        "file:///etc/passwd",
        "g:h",
        "http:g",
        "https:",
        "",
        "/a b.jpg",
        "/a\u{0}.jpg",
    ] {
        assert_eq!(url::reference(reference), None, "{reference:?}");
        assert_eq!(url::resolve(BASE, reference), None, "{reference:?}");
    }
    // A base that is not http(s) (a page from file: or blob:) resolves nothing relative.
    for base in [
        "file:///home/a/page.html",
        "blob:https://a/1",
        "about:blank",
        "a/b",
    ] {
        assert_eq!(url::resolve(base, "/media/42.jpg"), None, "{base}");
        assert_eq!(url::resolve(base, "media/42.jpg"), None, "{base}");
    }
    assert_eq!(url::reference("/media/42.jpg"), Some(Reference::Relative));
    assert_eq!(url::reference("1a:b"), Some(Reference::Relative));
    assert_eq!(url::reference("https://a/x"), Some(Reference::Web));
}

const RELATIVE: &str = r#"{"title":"T","body":["b"],"url":"/stories/42",
  "image":{"src":"/media/42.jpg","alt":"A","width":4,"height":3,
           "srcset":"/media/42-800.jpg 800w,media/42-1600.jpg 1600w, https://cdn.example/42.jpg 2400w"}}"#;

#[test]
fn an_article_resolves_its_image_and_link_against_the_base() {
    let mut article = parse_json(RELATIVE).unwrap();
    let digest = prerender::digest_of(&article, None, Default::default(), 180, 2, false);
    article
        .resolve_urls("https://news.example/stories/42.json")
        .unwrap();
    let image = article.image.as_ref().unwrap();
    assert_eq!(image.src, "https://news.example/media/42.jpg");
    assert_eq!(
        image.srcset.as_deref(),
        Some("https://news.example/media/42-800.jpg 800w, https://news.example/stories/media/42-1600.jpg 1600w, https://cdn.example/42.jpg 2400w")
    );
    assert_eq!(
        article.url.as_deref(),
        Some("https://news.example/stories/42")
    );
    // Resolving changes what the card shows, so a digest is always of the article as given.
    assert_ne!(
        prerender::digest_of(&article, None, Default::default(), 180, 2, false),
        digest
    );

    // Against a base that is not http(s), the image is refused by name; the link goes.
    let mut article = parse_json(RELATIVE).unwrap();
    let e = article.resolve_urls("file:///srv/page.html").unwrap_err();
    assert_eq!(e.field(), "image.src");
    assert_eq!(
        e.message(),
        "image.src: must resolve to an http: or https: URL"
    );
    let mut article = parse_json(r#"{"title":"T","body":["b"],"url":"x"}"#).unwrap();
    article.resolve_urls("blob:https://a/1").unwrap();
    assert_eq!(article.url, None);

    // Absolute URLs come out byte for byte as they went in.
    let absolute = r#"{"title":"T","body":["b"],"url":"https://n.example/a",
      "image":{"src":"https://i.example/a.jpg","alt":"","width":1,"height":1,"srcset":"https://i.example/a.jpg 1x,https://i.example/b.jpg 2x"}}"#;
    let before = parse_json(absolute).unwrap();
    let mut after = before.clone();
    after.resolve_urls("https://elsewhere.example/").unwrap();
    assert_eq!(after, before);
}

#[test]
fn the_text_format_accepts_relative_urls_too() {
    let text = "Headline\n\nفي كلمات قليلة\n\nThe summary.\n\nصورة\n\nsrc: media/1.jpg\nalt: A\nwidth: 2\nheight: 1\nsrcset: media/1.jpg 1x, /media/1@2x.jpg 2x\n\nThe body.\n";
    let mut article = text_str(text).unwrap();
    assert_eq!(article.image.as_ref().unwrap().src, "media/1.jpg");
    article.resolve_urls("https://n.example/a/b.txt").unwrap();
    assert_eq!(
        article.image.unwrap().srcset.as_deref(),
        Some("https://n.example/a/media/1.jpg 1x, https://n.example/media/1@2x.jpg 2x")
    );
}

#[test]
fn prerendering_keeps_relative_urls_and_json_ld_resolves_them_with_a_base() {
    let article = parse_json(RELATIVE).unwrap();
    let plain = render(&article, &PrerenderOptions::default());
    assert!(plain.contains(r#"src="/media/42.jpg""#), "{plain}");
    assert!(plain.contains(r#"href="/stories/42""#), "{plain}");

    let ld = |base| {
        let out = render(
            &article,
            &PrerenderOptions {
                json_ld: true,
                base,
                ..PrerenderOptions::default()
            },
        );
        let start = out.find("application/ld+json\">").unwrap() + 21;
        let end = out[start..].find("</script>").unwrap() + start;
        serde_json::from_str::<serde_json::Value>(&out[start..end]).unwrap()
    };
    let relative = ld(None);
    assert_eq!(relative["url"], "/stories/42");
    assert_eq!(relative["image"]["url"], "/media/42.jpg");
    let absolute = ld(Some("https://news.example/stories/42.json"));
    assert_eq!(absolute["url"], "https://news.example/stories/42");
    assert_eq!(
        absolute["image"]["url"],
        "https://news.example/media/42.jpg"
    );
    // The card's markup is the same with or without a base: the page resolves it.
    let with_base = render(
        &article,
        &PrerenderOptions {
            base: Some("https://news.example/"),
            ..PrerenderOptions::default()
        },
    );
    assert_eq!(with_base, plain);

    // The base itself must be an absolute http(s) URL.
    for base in ["/relative", "javascript:alert(1)", "file:///a"] {
        let e = prerender::check(&PrerenderOptions {
            base: Some(base),
            ..PrerenderOptions::default()
        })
        .unwrap_err();
        assert_eq!(e.option, "base");
    }
}
