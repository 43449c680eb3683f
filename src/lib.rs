//! news-card: a news article carried in WebAssembly and mounted as an RTL-first card.
//!
//! The map, from input to screen (each module's first line says its job):
//! - `input` (the plain-text and JSON formats, the limits) reads bytes or values into an
//!   `article::Article`, whose fields name themselves in every `error::CardError`;
//! - `lang` (language tags) and `locale` (the card's own words, numbers and measures) shape it;
//! - `view` turns it into a plain tree, which `view::html` writes as HTML and, in the wasm,
//!   `web` builds into the DOM (`web::dom`), keeps mounted (`web::mount`) and exports to the
//!   JavaScript shell (`web::exports`);
//! - `prerender` writes the whole `<news-card>` element for a server (feature `publisher`), and
//!   the digest a prerendered card carries (always: the reader's wasm checks it to hydrate).
//!
//! Everything but `web` and `locale::intl` is pure Rust, built and tested natively.
//!
//! # Prerendering from Rust
//!
//! A server or a build step writes the whole `<news-card>` element with [`prerender::render`]
//! (feature `publisher`, on by default): the article read with [`input::json::from_str`] (the
//! JSON format, `www/article.schema.json`) or [`input::text_str`] (the plain-text format), the
//! options in [`prerender::PrerenderOptions`]. The element holds the card in a declarative shadow
//! root, so the page shows it before (and without) any script; `news-card.js` then hydrates it.
//! Its stylesheet is inline unless [`PrerenderOptions::css_href`](prerender::PrerenderOptions::css_href)
//! names one: a page with a Content-Security-Policy then adds [`prerender::STYLE_CSP`] to
//! `style-src`. `examples/rust-server` serves such pages from an axum server.
//!
//! ```
//! use news_card::input;
//! use news_card::prerender::{self, PrerenderOptions};
//!
//! let article = input::json::from_str(r#"{"title": "عنوان الخبر", "body": ["الفقرة الأولى."]}"#)?;
//! let options = PrerenderOptions { open: true, ..PrerenderOptions::default() };
//! let element = prerender::render(&article, &options);
//! assert!(element.starts_with("<news-card open data-digest="));
//! assert!(element.contains("عنوان الخبر"));
//! let policy = format!("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' {}", prerender::STYLE_CSP);
//! # assert!(policy.contains("'sha256-"));
//! # Ok::<(), news_card::error::CardError>(())
//! ```

// The modules a server prerendering cards uses (see above) document all they make public.
#[warn(missing_docs)]
pub mod article;
#[warn(missing_docs)]
pub mod error;
#[warn(missing_docs)]
pub mod input;
pub mod lang;
pub mod locale;
pub mod number;
#[warn(missing_docs)]
pub mod prerender;
#[warn(missing_docs)]
pub mod url;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod web;

// Talc instead of std's dlmalloc in the wasm (Cargo.toml says why).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The card's stylesheet, adopted by every card's shadow root.
pub const CARD_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/card.min.css"));
