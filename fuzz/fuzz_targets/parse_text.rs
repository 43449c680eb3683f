//! Fuzzes the plain-text parser from raw bytes: it must return an article or an error, never panic.
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
    }
});
