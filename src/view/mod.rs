//! The view: the card as a plain tree of elements and text (no DOM here), which the DOM layer (web/dom.rs) and the HTML renderer (html.rs) both walk.

mod card;
pub mod html;

pub use card::{card, error, heading_level, isolate_closers, CardOptions};

/// A node of the view: an element or a run of text (always rendered as text, never markup).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    Text(String),
}

/// The elements the DOM layer needs a handle on after building the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hook {
    /// The `<details>` disclosure: its `open` attribute is the card's state.
    Disclosure,
    /// Its `<summary>`, the control the reader clicks.
    Toggle,
    /// The summary's label for one state (`open`): the DOM layer keeps `hidden` on the label
    /// that does not match the state, so the label shown and heard needs no stylesheet.
    Label { open: bool },
    /// The collapsible full text.
    Body,
    /// The share control: written `hidden` (a prerendered card shows it only once the script
    /// can act on it); the DOM layer shows it.
    Share,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    pub tag: &'static str,
    pub attrs: Vec<(&'static str, String)>,
    pub children: Vec<Node>,
    pub hook: Option<Hook>,
}

/// Bytes of a run without white space after which the view cuts it into pieces (128 Arabic
/// letters), each an unclassed `<span>` that card.css makes an inline block. Chromium lays out a
/// long unbroken run in time that grows with the square of its length, whatever `overflow-wrap`
/// says: each line it breaks rescans and reshapes the run from its start, and 300,000 joined
/// Arabic letters took minutes. Pieces are laid out each on its own, which bounds that work (a
/// `<wbr>` between pieces did too, but made Firefox as slow). No word is this long; the text
/// itself, and so copying it, is unchanged.
pub const RUN: usize = 256;

/// Starts an element; the builder methods below fill it.
pub fn el(tag: &'static str) -> Element {
    Element {
        tag,
        attrs: Vec::new(),
        children: Vec::new(),
        hook: None,
    }
}

impl Element {
    pub fn attr(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.attrs.push((name, value.into()));
        self
    }
    pub fn class(self, value: &'static str) -> Self {
        self.attr("class", value)
    }
    pub fn child(mut self, node: impl Into<Node>) -> Self {
        self.children.push(node.into());
        self
    }
    pub fn text(self, text: impl Into<String>) -> Self {
        self.runs(text.into())
    }
    /// Appends `text`; where a run without white space passes `RUN` bytes, as pieces (see RUN).
    fn runs(mut self, text: String) -> Self {
        let (mut run, mut start) = (0, 0);
        for (i, &b) in text.as_bytes().iter().enumerate() {
            run = if b.is_ascii_whitespace() { 0 } else { run + 1 };
            // At a character's first byte only (not a UTF-8 continuation byte, 0x80-0xBF), and
            // never before a combining mark or joiner, which belongs with the letter before it.
            // (The character is decoded only for a run this long: every text of every card
            // passes through here.)
            let mark = || {
                text.get(i..).and_then(|t| t.chars().next()).is_some_and(|c| {
                    matches!(c, '\u{300}'..='\u{36f}' | '\u{610}'..='\u{61a}' | '\u{64b}'..='\u{65f}'
                        | '\u{670}' | '\u{6d6}'..='\u{6ed}' | '\u{200c}'..='\u{200d}')
                })
            };
            if run > RUN && (b as i8) >= -0x40 && !mark() {
                let piece = text.get(start..i).unwrap_or_default();
                self.children
                    .push(el("span").child(Node::Text(piece.into())).into());
                (run, start) = (0, i);
            }
        }
        // The rest holds under RUN bytes of the last run: plain text again.
        let rest = text.get(start..).unwrap_or_default();
        self.children.push(Node::Text(rest.into()));
        self
    }
    pub fn hook(mut self, hook: Hook) -> Self {
        self.hook = Some(hook);
        self
    }
    /// The value of an attribute, if set.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }
}

impl From<Element> for Node {
    fn from(e: Element) -> Self {
        Node::Element(e)
    }
}

impl Node {
    /// All text below this node, in document order (what `textContent` gives).
    pub fn text_content(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }
    fn collect_text(&self, out: &mut String) {
        match self {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => e.children.iter().for_each(|c| c.collect_text(out)),
        }
    }
    /// The first element carrying `hook`, depth first.
    pub fn find_hook(&self, hook: Hook) -> Option<&Element> {
        match self {
            Node::Text(_) => None,
            Node::Element(e) if e.hook == Some(hook) => Some(e),
            Node::Element(e) => e.children.iter().find_map(|c| c.find_hook(hook)),
        }
    }
}
