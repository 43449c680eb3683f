//! Fuzzes JSON -> the serde article model -> view -> HTML: no panic, errors that name a field, no markup from input in the HTML, no image URL that does not resolve to http(s).
#![no_main]

use libfuzzer_sys::fuzz_target;
use news_card::url;
use news_card::input::json::{from_bytes, from_str, to_string};
use news_card::locale::{strings, PlainLocale};
use news_card::view::html::render;
use news_card::view::{card, CardOptions};

fuzz_target!(|data: &[u8]| {
    let article = match from_bytes(data) {
        Ok(article) => article,
        Err(e) => {
            // Every error names a field and says why, in the card's words, never serde's.
            let message = e.message();
            assert!(!e.field().is_empty() && message.contains(": "), "{message}");
            assert!(!message.contains("invalid type") && !message.contains("JsValue"), "{message}");
            return;
        }
    };
    assert_eq!(from_str(&to_string(&article)).as_ref(), Ok(&article));
    let ui = strings::ui_for(&article.lang);
    let html = render(&card(&article, &CardOptions { prefix: "f", open: false, ui, locale: &PlainLocale(ui), wpm: 180, heading: 2, share: true }));
    for (i, _) in html.match_indices('<') {
        let name: String = html[i + 1..].trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        assert!(
            ["article", "h2", "h3", "p", "section", "details", "summary", "span", "div", "bdi", "time", "a", "code", "figure", "img", "figcaption", "button"]
                .contains(&name.as_str()),
            "markup from input: {name:?}"
        );
    }
    // A lead image that was read is whole, and every URL it makes the browser request is http(s)
    // or relative, so that on an http(s) page it resolves to http(s) (the prerendered markup keeps
    // it relative for the page to resolve).
    let web = |u: &str| url::resolve("https://news.example/a/b", u).is_some_and(|r| url::web(&r).is_some());
    if let Some(image) = &article.image {
        assert!(image.alt.is_some() && image.width > 0 && image.height > 0);
        assert!(web(&image.src), "{:?}", image.src);
        for candidate in image.srcset.iter().flat_map(|s| s.split(',')) {
            let url = candidate.split_ascii_whitespace().next();
            assert!(url.is_none_or(web), "{candidate:?}");
        }
        assert_eq!(html.matches("<img ").count(), 1);
    } else {
        assert!(!html.contains("<img "));
    }
});
