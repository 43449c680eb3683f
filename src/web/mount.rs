//! A card mounted in the DOM: its state, and the removal of its DOM on drop.

use super::dom::{build, Hooks};
use crate::error::CardError;
use crate::input;
use crate::locale::intl::locale_for;
use crate::locale::{strings, Numerals};
use crate::view::{self, CardOptions};
use serde::Deserialize;
use std::cell::Cell;
use std::sync::atomic::{AtomicU32, Ordering};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Element;

/// Cards mounted and not yet dropped (tests read it to prove unmount frees them).
static LIVE: AtomicU32 = AtomicU32::new(0);
/// Source of per-card ID prefixes.
static NEXT_ID: AtomicU32 = AtomicU32::new(0);

pub fn live_cards() -> u32 {
    LIVE.load(Ordering::Relaxed)
}

/// What a listener needs to change the card's state: the `<details>` whose `open` attribute
/// the browser exposes as the summary's expanded state, and the summary's two labels, of which
/// only the one for the state is without `hidden` (see `view::card`).
struct Disclosure {
    open: Cell<bool>,
    details: Element,
    /// The labels for the closed and the open state, in that order.
    labels: [Option<Element>; 2],
}

impl Disclosure {
    /// Brings the DOM in line with `open`. Returns whether the state changed (as the wasm knew
    /// it: the browser may already have opened the details itself, for find-in-page). The DOM
    /// is brought in line either way: after the browser changed the details, only the labels
    /// still say the old state.
    fn apply(&self, open: bool) -> bool {
        let changed = self.open.replace(open) != open;
        // toggle_attribute only fails on invalid names; ours are fixed strings. An attribute
        // already in the asked state is not touched (no mutation, no event).
        let _ = self.details.toggle_attribute_with_force("open", open);
        self.label(open);
        changed
    }

    /// Leaves only the label for `open` without `hidden`.
    fn label(&self, open: bool) {
        for (label, shows) in self.labels.iter().zip([!open, open]) {
            if let Some(label) = label {
                let _ = label.toggle_attribute_with_force("hidden", !shows);
            }
        }
    }
}

/// Shows the share control, if there is one (the view writes it `hidden`).
fn show(share: Option<&Element>) {
    if let Some(share) = share {
        let _ = share.remove_attribute("hidden");
    }
}

/// Where a card's article comes from.
pub enum Input<'a> {
    /// The article compiled into the crate.
    Embedded,
    /// UTF-8 bytes in the plain-text format (from `src` or an inline script).
    Text(&'a [u8]),
    /// An object in the JSON format: the `article` property, or JSON the browser parsed.
    Article(JsValue),
    /// The shell could not get the article (`src` failed); the detail says why.
    Failed(CardError),
}

/// How a card is mounted besides its input: the shell's options object, read with
/// serde-wasm-bindgen. Not the `MountOptions` of `www/news-card.d.ts` (what a page gives `mountCard`,
/// which the shell validates and turns into this). The shell has
/// validated every value (`wpm` 1 to 10,000, `numerals` one of three names).
#[derive(Deserialize)]
pub struct WasmMountOptions {
    #[serde(default)]
    pub open: bool,
    /// Language of the card's own words; the article's language when None.
    #[serde(default)]
    pub lang: Option<String>,
    #[serde(
        default = "default_wpm",
        deserialize_with = "crate::input::fields::whole"
    )]
    pub wpm: u32,
    #[serde(default)]
    pub numerals: Numerals,
    /// The `data-digest` of a card prerendered into `parent`: when the article and options give
    /// the same digest (and nothing in it needs the browser's Intl), the card takes over those
    /// nodes instead of building its own (see `adopt`).
    #[serde(default)]
    pub digest: Option<String>,
    /// The headline's level (2 to 6; anything else, or none, reads as 2).
    #[serde(default, deserialize_with = "crate::input::fields::whole")]
    pub heading: u32,
    /// Offer the share control (the `share` attribute).
    #[serde(default)]
    pub share: bool,
    /// What the article's relative URLs resolve against: the page's base URL, or the fetched
    /// article's own URL (`Article::resolve_urls`). None leaves them as they are.
    #[serde(default)]
    pub base: Option<String>,
}

fn default_wpm() -> u32 {
    crate::locale::measure::DEFAULT_WPM
}

/// A mounted card. Dropping it removes its DOM (if the shell has not already detached it).
pub struct MountedCard {
    root: web_sys::Node,
    disclosure: Option<Disclosure>,
    error: Option<CardError>,
    /// When a prerendered digest was given and the card was built afresh: the digest this card
    /// has (for the shell's console message); empty otherwise.
    digest: String,
}

impl MountedCard {
    /// Builds the card for `input` into `parent`. A bad article mounts the error state
    /// instead (see `error()`); only DOM failures are returned as errors.
    pub fn mount(
        parent: &web_sys::Node,
        input: Input,
        opts: WasmMountOptions,
    ) -> Result<Self, JsValue> {
        let doc = parent
            .owner_document()
            .or_else(|| parent.dyn_ref::<web_sys::Document>().cloned())
            .ok_or_else(|| JsValue::from_str("news-card: the mount point has no document"))?;
        let mut prefix = String::from("nc");
        crate::number::push_number(&mut prefix, NEXT_ID.fetch_add(1, Ordering::Relaxed) + 1);

        let loaded = match input {
            Input::Embedded => input::text_str(crate::article::EMBEDDED),
            Input::Text(bytes) => input::text_bytes(bytes),
            Input::Article(value) => input::json::from_js(value),
            Input::Failed(e) => Err(e),
        };
        // The digest is the article's as given (a prerendered card's markup keeps its relative
        // URLs for the page to resolve), so it is taken before the URLs are resolved.
        let mut digest = String::new();
        let loaded = loaded.and_then(|mut article| {
            if opts.digest.is_some() {
                digest = crate::prerender::digest_of(
                    &article,
                    opts.lang.as_deref(),
                    opts.numerals,
                    opts.wpm,
                    opts.heading,
                    opts.share,
                );
            }
            if let Some(base) = &opts.base {
                article.resolve_urls(base)?;
            }
            Ok(article)
        });
        let ui_for =
            |article_lang: &str| strings::ui_for(opts.lang.as_deref().unwrap_or(article_lang));
        let (tree, error) = match loaded {
            Ok(article) => {
                let ui = ui_for(&article.lang);
                // The article's own tag (with its region) when the card speaks its language.
                let tag = if crate::lang::same_primary(ui.lang, &article.lang) {
                    article.lang.as_str()
                } else {
                    ui.lang
                };
                let locale = locale_for(tag, &article.lang, ui, opts.numerals);
                let card_opts = CardOptions {
                    prefix: &prefix,
                    open: opts.open,
                    ui,
                    locale: &*locale,
                    wpm: opts.wpm,
                    heading: opts.heading,
                    share: opts.share,
                };
                let tree = view::card(&article, &card_opts);
                if let Some(prerendered) = &opts.digest {
                    // Markup holding what only the browser writes (dates, numerals="auto")
                    // never matches, even when a hand-edit dropped its data-intl.
                    // (`prerender::needs_intl`, without the words it returns.)
                    if digest == *prerendered
                        && article.published.is_none()
                        && opts.numerals != Numerals::Auto
                    {
                        if let Some(card) = Self::adopt(parent, opts.open, &tree) {
                            return Ok(card);
                        }
                    }
                }
                (tree, None)
            }
            Err(e) => (view::error(ui_for("ar"), &e.field(), &e.message()), Some(e)),
        };
        let mut hooks = Hooks::default();
        let root = build(&doc, &tree, &mut hooks)?;

        show(hooks.share.as_ref());
        let labels = hooks.labels;
        let disclosure = hooks.disclosure.map(|details| Disclosure {
            open: Cell::new(opts.open),
            details,
            labels,
        });
        parent.append_child(&root)?;
        LIVE.fetch_add(1, Ordering::Relaxed);
        Ok(Self {
            root,
            disclosure,
            error,
            digest,
        })
    }

    /// Takes over the card the prerenderer wrote into `parent` (a declarative shadow root)
    /// for `article`, whose digest `mount` has checked: finds the card and its disclosure (the
    /// `<details>` holding the toggle and the body) by class and `part`, and creates, moves and
    /// removes no node. `open` is the state the markup was parsed in, as the shell read it;
    /// the shell then reconciles it with what the reader (or find-in-page) did to the details
    /// before now, and with the element's `open`. None when the markup lacks one of these or
    /// its text is not the text of `tree` (hand-edited): `mount` then builds the card afresh.
    fn adopt(parent: &web_sys::Node, open: bool, tree: &view::Node) -> Option<Self> {
        // querySelector on the shadow root (a DocumentFragment) or on any element; the first
        // match of each is the card's, which is all the root holds besides its stylesheet.
        let parent: &web_sys::DocumentFragment = parent.unchecked_ref();
        let find = |selector| parent.query_selector(selector).ok().flatten();
        let card = find(".card")?;
        // The digest vouches for the article and options, not for the markup: text edited by
        // hand behind a valid digest must not be adopted as the article's. One string compare
        // (the tree is what the card would build; its IDs play no part in its text).
        if card.text_content().unwrap_or_default() != tree.text_content() {
            return None;
        }
        find("details.more>[part~=toggle]+[part~=body]")?;
        let details = find("details.more")?;
        let disclosure = Disclosure {
            open: Cell::new(open),
            details,
            labels: [
                find("[part~=toggle]>.when-closed"),
                find("[part~=toggle]>.when-open"),
            ],
        };
        // The labels as the details are now (the markup's are as the server wrote them, and the
        // reader may have opened the details since); the details themselves are left alone:
        // the shell reconciles what the reader did with the element's state.
        disclosure.label(disclosure.details.has_attribute("open"));
        // The share control, hidden in the markup until a script can act on it (the digest
        // says the options asked for it). Its room was kept: showing it moves nothing.
        show(find("[part~=share]").as_ref());
        LIVE.fetch_add(1, Ordering::Relaxed);
        Some(Self {
            root: card.into(),
            disclosure: Some(disclosure),
            error: None,
            digest: String::new(),
        })
    }

    /// The digest this card's article and options give, when `mount` was given a prerendered
    /// one and built the card afresh (empty when it was not, or the input failed).
    pub fn digest(&self) -> &str {
        &self.digest
    }

    /// Why the card shows its error state, if it does.
    pub fn error(&self) -> Option<&CardError> {
        self.error.as_ref()
    }

    /// Opens or closes the full text. Returns whether the state changed.
    pub fn set_open(&self, open: bool) -> bool {
        self.disclosure.as_ref().is_some_and(|d| d.apply(open))
    }

    pub fn is_open(&self) -> bool {
        self.disclosure.as_ref().is_some_and(|d| d.open.get())
    }
}

impl Drop for MountedCard {
    fn drop(&mut self) {
        if let Some(parent) = self.root.parent_node() {
            let _ = parent.remove_child(&self.root);
        }
        LIVE.fetch_sub(1, Ordering::Relaxed);
    }
}
