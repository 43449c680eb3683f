//! Fuzzes JSON -> article -> view -> HTML: no panic, and no markup from input in the HTML.
#![no_main]

use libfuzzer_sys::fuzz_target;
use news_card::html::render;
use news_card::input::{load_bytes, Format};
use news_card::json_article::{parse_json, to_json};
use news_card::strings;
use news_card::view::{card, CardOptions, PlainLocale};

fuzz_target!(|data: &[u8]| {
    let Ok(article) = load_bytes(data, Format::Json) else { return };
    assert_eq!(parse_json(&to_json(&article)).as_ref(), Ok(&article));
    let ui = strings::ui_for(&article.lang);
    let html = render(&card(&article, &CardOptions { prefix: "f", open: false, ui, locale: &PlainLocale(ui), wpm: 180 }));
    for (i, _) in html.match_indices('<') {
        let name: String = html[i + 1..].trim_start_matches('/').chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
        assert!(
            ["article", "h2", "h3", "p", "section", "details", "summary", "span", "div", "bdi", "time", "a", "code"].contains(&name.as_str()),
            "markup from input: {name:?}"
        );
    }
});
