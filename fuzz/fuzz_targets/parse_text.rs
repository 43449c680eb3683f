//! Fuzzes the plain-text parser from raw bytes: it must return an article or an error, never panic; an image it reads is whole, and its URL http(s) or relative, resolving to http(s).
#![no_main]

use libfuzzer_sys::fuzz_target;
use news_card::input::text_bytes;

fuzz_target!(|data: &[u8]| {
    if let Ok(article) = text_bytes(data) {
        // Whatever parses keeps the document's text: the headline (its lines joined with LF)
        // stands in the input once line endings are made LF.
        let text = std::str::from_utf8(data).expect("parsed input is UTF-8");
        let lf = text.replace("\r\n", "\n").replace('\r', "\n");
        assert!(lf.contains(article.title.as_str()));
        for paragraph in &article.body {
            assert!(lf.contains(paragraph.as_str()));
        }
        // An image section that parsed is whole, its URL http(s) or relative (resolving against
        // an http(s) base to an http(s) URL, as the card resolves it) and written in the input.
        if let Some(image) = &article.image {
            assert!(image.alt.is_some() && image.width > 0 && image.height > 0);
            assert!(news_card::url::reference(&image.src).is_some());
            let resolved = news_card::url::resolve("https://news.example/a/b", &image.src);
            assert!(resolved.as_deref().and_then(news_card::url::web).is_some());
            assert!(lf.contains(image.src.as_str()));
            let mut resolving = article.clone();
            assert!(resolving.resolve_urls("https://news.example/a/b").is_ok());
        }
    }
});
