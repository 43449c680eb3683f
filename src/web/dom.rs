//! Walks a view into real DOM nodes with web-sys; article text goes in as text nodes only.

use crate::view::{Hook, Node};
use wasm_bindgen::JsValue;
use web_sys::{Document, Element};

/// The elements a view marked with hooks, found while building it.
#[derive(Default)]
pub struct Hooks {
    /// The `<details>` whose `open` attribute is the card's state.
    pub disclosure: Option<Element>,
    /// The summary's labels for the closed and the open state, in that order.
    pub labels: [Option<Element>; 2],
    /// The share control, which the mounted card shows.
    pub share: Option<Element>,
}

/// Creates the DOM for `node` (not yet attached anywhere) and collects its hooks.
pub fn build(doc: &Document, node: &Node, hooks: &mut Hooks) -> Result<web_sys::Node, JsValue> {
    match node {
        Node::Text(text) => Ok(doc.create_text_node(text).into()),
        Node::Element(e) => {
            let element = doc.create_element(e.tag)?;
            for (name, value) in &e.attrs {
                element.set_attribute(name, value)?;
            }
            for child in &e.children {
                element.append_child(&build(doc, child, hooks)?)?;
            }
            match e.hook {
                Some(Hook::Disclosure) => hooks.disclosure = Some(element.clone()),
                Some(Hook::Label { open }) => {
                    hooks.labels[usize::from(open)] = Some(element.clone())
                }
                Some(Hook::Share) => hooks.share = Some(element.clone()),
                _ => {}
            }
            Ok(element.into())
        }
    }
}
