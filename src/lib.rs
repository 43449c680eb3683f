//! news-card: an Arabic news article carried in WebAssembly and mounted as an RTL card.
//!
//! The pure core (`article`, `parse`, `measure`, `strings`, `view`, `html`) builds and
//! tests natively; `dom`, `listener`, `mount` and the exports below exist only for wasm32.

pub mod article;
pub mod html;
pub mod measure;
pub mod parse;
pub mod strings;
pub mod view;

#[cfg(target_arch = "wasm32")]
pub mod dom;
#[cfg(target_arch = "wasm32")]
pub mod listener;
#[cfg(target_arch = "wasm32")]
pub mod mount;

/// The card's stylesheet, adopted by every card's shadow root.
pub const CARD_CSS: &str = include_str!(concat!(env!("OUT_DIR"), "/card.min.css"));

#[cfg(target_arch = "wasm32")]
mod exports {
    //! The JavaScript-facing API: what `www/news-card.js` calls.
    use crate::mount::MountedCard;
    use wasm_bindgen::prelude::*;

    /// A card on the page. Call `free()` to remove it and its listeners.
    #[wasm_bindgen]
    pub struct CardHandle {
        card: MountedCard,
    }

    #[wasm_bindgen]
    impl CardHandle {
        /// Opens or closes the full text; returns whether the state changed.
        #[wasm_bindgen(js_name = setOpen)]
        pub fn set_open(&self, open: bool) -> bool {
            self.card.set_open(open)
        }
        #[wasm_bindgen(getter, js_name = isOpen)]
        pub fn is_open(&self) -> bool {
            self.card.is_open()
        }
        #[wasm_bindgen(getter, js_name = isError)]
        pub fn is_error(&self) -> bool {
            self.card.is_error()
        }
    }

    /// Mounts the embedded article into `parent` (a shadow root or any node).
    /// `on_toggle(open)` is called when a reader opens or closes the full text.
    #[wasm_bindgen(js_name = mountEmbedded)]
    pub fn mount_embedded(
        parent: &web_sys::Node,
        open: bool,
        on_toggle: js_sys::Function,
    ) -> Result<CardHandle, JsValue> {
        let card = MountedCard::mount(parent, crate::article::EMBEDDED, open, on_toggle)?;
        Ok(CardHandle { card })
    }

    /// The stylesheet text for the card's shadow root.
    #[wasm_bindgen(js_name = cardCss)]
    pub fn card_css() -> String {
        crate::CARD_CSS.into()
    }

    /// How many cards are mounted and not yet freed.
    #[wasm_bindgen(js_name = liveCards)]
    pub fn live_cards() -> u32 {
        crate::mount::live_cards()
    }
}
