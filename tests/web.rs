//! Browser tests of the Rust DOM layer (wasm-bindgen-test in Chromium, Firefox and WebKit): mount, toggle, unmount.
#![cfg(target_arch = "wasm32")]

use news_card::input::Format;
use news_card::mount::{live_cards, Input, MountOptions, MountedCard};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, ShadowRoot, ShadowRootInit, ShadowRootMode};

wasm_bindgen_test_configure!(run_in_browser);

/// A host element in the document with an open shadow root to mount into.
fn shadow_host() -> (Element, ShadowRoot) {
    let doc = web_sys::window().unwrap().document().unwrap();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let root = host
        .attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open))
        .unwrap();
    (host, root)
}

/// The states a toggle callback was told, in order.
type Seen = Rc<RefCell<Vec<bool>>>;

/// A toggle callback that records every state it is told.
fn recorder() -> (Seen, Closure<dyn FnMut(bool)>) {
    let seen = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&seen);
    let cb = Closure::<dyn FnMut(bool)>::new(move |open| sink.borrow_mut().push(open));
    (seen, cb)
}

fn mount(root: &ShadowRoot, source: &str, cb: &Closure<dyn FnMut(bool)>) -> MountedCard {
    let f: &js_sys::Function = cb.as_ref().unchecked_ref();
    let opts = MountOptions {
        open: false,
        ui_lang: None,
        wpm: 180,
        on_toggle: f.clone(),
    };
    MountedCard::mount(root, Input::Bytes(source.as_bytes(), Format::Text), opts).unwrap()
}

fn query(root: &ShadowRoot, selector: &str) -> Element {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
}

#[wasm_bindgen_test]
fn mount_builds_the_card_rtl_and_closed() {
    let (host, root) = shadow_host();
    let (_, cb) = recorder();
    let card = mount(&root, news_card::article::EMBEDDED, &cb);
    let article = query(&root, "article.card");
    assert_eq!(article.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(article.get_attribute("lang").as_deref(), Some("ar"));
    assert_eq!(root.query_selector_all("h2").unwrap().length(), 1);
    assert_eq!(root.query_selector_all(".body p").unwrap().length(), 8);
    let body = query(&root, ".body");
    assert_eq!(body.get_attribute("hidden").as_deref(), Some("until-found"));
    assert!(!card.is_open());
    assert!(card.error().is_none());
    drop(card);
    host.remove();
}

#[wasm_bindgen_test]
fn click_toggles_and_reports_each_change() {
    let (host, root) = shadow_host();
    let (seen, cb) = recorder();
    let card = mount(&root, news_card::article::EMBEDDED, &cb);
    let button: HtmlElement = query(&root, "button.toggle").dyn_into().unwrap();
    let body = query(&root, ".body");

    button.click();
    assert!(card.is_open());
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(body.get_attribute("hidden"), None);
    assert_eq!(button.text_content().as_deref(), Some("اعرض أقل"));

    button.click();
    assert!(!card.is_open());
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    assert_eq!(body.get_attribute("hidden").as_deref(), Some("until-found"));
    assert_eq!(button.text_content().as_deref(), Some("اقرأ المزيد"));
    assert_eq!(*seen.borrow(), [true, false]);

    // The shell's own changes do not echo back through the callback.
    assert!(card.set_open(true));
    assert!(!card.set_open(true));
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert_eq!(*seen.borrow(), [true, false]);
    drop(card);
    host.remove();
}

#[wasm_bindgen_test]
fn drop_removes_dom_and_listeners() {
    let (host, root) = shadow_host();
    let (seen, cb) = recorder();
    let before = live_cards();
    let card = mount(&root, news_card::article::EMBEDDED, &cb);
    assert_eq!(live_cards(), before + 1);
    let button: HtmlElement = query(&root, "button.toggle").dyn_into().unwrap();
    drop(card);
    assert_eq!(live_cards(), before);
    assert_eq!(root.child_element_count(), 0);
    // The detached button no longer reaches the card: its listener went with the drop.
    button.click();
    assert!(seen.borrow().is_empty());
    host.remove();
}

#[wasm_bindgen_test]
fn bad_article_mounts_an_alert() {
    let (host, root) = shadow_host();
    let (_, cb) = recorder();
    let card = mount(&root, "عنوان\n\nبلا أقسام", &cb);
    let error = card.error().expect("the card is in its error state");
    assert_eq!(error.field(), "summary");
    assert_eq!(error.line(), Some(3));
    let alert = query(&root, "[role=alert]");
    let text = alert.text_content().unwrap();
    assert!(text.contains("line 3: summary"), "{text}");
    assert!(!card.set_open(true));
    drop(card);
    host.remove();
}

#[wasm_bindgen_test]
fn deep_json_fits_the_small_stack_and_deeper_is_refused() {
    // The wasm stack is 64 KiB (.cargo/config.toml): the deepest JSON the reader accepts must fit.
    let (host, root) = shadow_host();
    let (_, cb) = recorder();
    let depth = news_card::json::MAX_DEPTH - 1;
    let ok = format!(
        r#"{{"title":"T","body":["b"],"x":{}{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    );
    let f: &js_sys::Function = cb.as_ref().unchecked_ref();
    let opts = |f: &js_sys::Function| MountOptions {
        open: false,
        ui_lang: None,
        wpm: 180,
        on_toggle: f.clone(),
    };
    let card =
        MountedCard::mount(&root, Input::Bytes(ok.as_bytes(), Format::Json), opts(f)).unwrap();
    assert!(card.error().is_none(), "{:?}", card.error());
    drop(card);
    let deep = format!(
        r#"{{"title":"T","body":["b"],"x":{}}}"#,
        "[".repeat(200_000)
    );
    let card =
        MountedCard::mount(&root, Input::Bytes(deep.as_bytes(), Format::Json), opts(f)).unwrap();
    assert!(card
        .error()
        .unwrap()
        .message()
        .contains("nested deeper than 64 levels"));
    drop(card);
    host.remove();
}
