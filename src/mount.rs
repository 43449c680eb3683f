//! A card mounted in the DOM: its state, its listeners, and their release on drop.

use crate::dom::{build, Hooks};
use crate::listener::Listener;
use crate::strings;
use crate::view;
use std::cell::Cell;
use std::rc::Rc;
use std::sync::atomic::{AtomicU32, Ordering};
use wasm_bindgen::JsValue;
use web_sys::Element;

/// Cards mounted and not yet dropped (tests read it to prove unmount frees them).
static LIVE: AtomicU32 = AtomicU32::new(0);
/// Source of per-card ID prefixes.
static NEXT_ID: AtomicU32 = AtomicU32::new(0);

pub fn live_cards() -> u32 {
    LIVE.load(Ordering::Relaxed)
}

/// What a listener needs to change the card's state.
struct Disclosure {
    open: Cell<bool>,
    toggle: Element,
    label: Element,
    body: Element,
    /// Told the new state after a reader's toggle (not after `set_open`).
    on_toggle: js_sys::Function,
}

impl Disclosure {
    /// Brings the DOM in line with `open`. Returns whether the state changed.
    fn apply(&self, open: bool) -> bool {
        if self.open.replace(open) == open {
            return false;
        }
        // set_attribute / remove_attribute only fail on invalid names; ours are fixed strings.
        let _ = self
            .toggle
            .set_attribute("aria-expanded", if open { "true" } else { "false" });
        self.label
            .set_text_content(Some(strings::toggle_label(open)));
        let _ = if open {
            self.body.remove_attribute("hidden")
        } else {
            self.body.set_attribute("hidden", "until-found")
        };
        true
    }

    /// A reader opened or closed the text: update, then tell the shell.
    fn reader_set(&self, open: bool) {
        if self.apply(open) {
            // An exception thrown by the callback belongs to the shell; the card stays consistent.
            let _ = self
                .on_toggle
                .call1(&JsValue::NULL, &JsValue::from_bool(open));
        }
    }
}

/// A mounted card. Dropping it removes its listeners and its DOM.
pub struct MountedCard {
    root: web_sys::Node,
    disclosure: Option<Rc<Disclosure>>,
    _listeners: Vec<Listener>,
}

impl MountedCard {
    /// Builds the card for `source` (plain-text article) into `parent`. A bad article
    /// mounts the error state instead; only DOM failures are returned as errors.
    pub fn mount(
        parent: &web_sys::Node,
        source: &str,
        open: bool,
        on_toggle: js_sys::Function,
    ) -> Result<Self, JsValue> {
        let doc = parent
            .owner_document()
            .or_else(|| parent.dyn_ref::<web_sys::Document>().cloned())
            .ok_or_else(|| JsValue::from_str("news-card: the mount point has no document"))?;
        let mut prefix = String::from("nc");
        strings::push_number(&mut prefix, NEXT_ID.fetch_add(1, Ordering::Relaxed) + 1);

        let tree = match crate::parse::parse_article(source) {
            Ok(article) => view::card(&article, &prefix, open),
            Err(e) => view::error(&e.to_string()),
        };
        let mut hooks = Hooks::default();
        let root = build(&doc, &tree, &mut hooks)?;

        let mut listeners = Vec::new();
        let disclosure = match (hooks.toggle, hooks.toggle_label, hooks.body) {
            (Some(toggle), Some(label), Some(body)) => {
                let d = Rc::new(Disclosure {
                    open: Cell::new(open),
                    toggle,
                    label,
                    body,
                    on_toggle,
                });
                let on_click = Rc::clone(&d);
                listeners.push(Listener::new(&d.toggle, "click", move |_| {
                    on_click.reader_set(!on_click.open.get())
                })?);
                // Find-in-page or a text fragment matched inside the closed text: open it.
                let on_match = Rc::clone(&d);
                listeners.push(Listener::new(&d.body, "beforematch", move |_| {
                    on_match.reader_set(true)
                })?);
                Some(d)
            }
            _ => None,
        };
        parent.append_child(&root)?;
        LIVE.fetch_add(1, Ordering::Relaxed);
        Ok(Self {
            root,
            disclosure,
            _listeners: listeners,
        })
    }

    /// Opens or closes the full text. Returns whether the state changed.
    pub fn set_open(&self, open: bool) -> bool {
        self.disclosure.as_ref().is_some_and(|d| d.apply(open))
    }

    pub fn is_open(&self) -> bool {
        self.disclosure.as_ref().is_some_and(|d| d.open.get())
    }

    /// Whether the card shows the error state.
    pub fn is_error(&self) -> bool {
        self.disclosure.is_none()
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

use wasm_bindgen::JsCast;
