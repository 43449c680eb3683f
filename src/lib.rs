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

pub mod article;
pub(crate) mod de;
pub mod error;
pub mod input;
pub mod lang;
pub mod locale;
pub mod prerender;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod web;

// Talc instead of std's dlmalloc in the wasm (Cargo.toml says why).
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The card's stylesheet, adopted by every card's shadow root.
pub const CARD_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/card.min.css"));
