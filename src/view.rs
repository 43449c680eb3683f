//! The card as a plain tree of elements and text, built from an article; no DOM here.

use crate::article::Article;
use crate::measure::{article_words, reading_minutes, DEFAULT_WPM};
use crate::strings;

/// A node of the view: an element or a run of text (always rendered as text, never markup).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    Text(String),
}

/// The elements the DOM layer needs a handle on after building the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hook {
    /// The disclosure button.
    Toggle,
    /// The text inside the button that says what it will do.
    ToggleLabel,
    /// The collapsible full text.
    Body,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    pub tag: &'static str,
    pub attrs: Vec<(&'static str, String)>,
    pub children: Vec<Node>,
    pub hook: Option<Hook>,
}

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
        self.child(Node::Text(text.into()))
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

/// The IDs of one card; `prefix` keeps them unique among the cards of a page.
struct Ids<'a> {
    prefix: &'a str,
}

impl Ids<'_> {
    fn id(&self, name: &str) -> String {
        let mut id = String::with_capacity(self.prefix.len() + 1 + name.len());
        id.push_str(self.prefix);
        id.push('-');
        id.push_str(name);
        id
    }
}

/// Builds the card for `article`. `prefix` makes the card's IDs unique on the page;
/// `open` says whether the full text starts open.
pub fn card(article: &Article, prefix: &str, open: bool) -> Node {
    let ids = Ids { prefix };
    let minutes = reading_minutes(article_words(article), DEFAULT_WPM);

    let mut body = el("div")
        .class("body")
        .attr("id", ids.id("body"))
        .attr("part", "body")
        .attr("role", "region")
        .attr("aria-label", strings::FULL_TEXT)
        .hook(Hook::Body);
    if !open {
        // Closed text stays in the page so find-in-page and text fragments can reveal it.
        body = body.attr("hidden", "until-found");
    }
    for paragraph in &article.body {
        body = body.child(el("p").text(paragraph.as_str()));
    }

    let mut root = el("article")
        .class("card")
        .attr("lang", "ar")
        .attr("dir", "rtl")
        .attr("aria-labelledby", ids.id("title"))
        .child(
            el("h2")
                .class("title")
                .attr("id", ids.id("title"))
                .attr("part", "title")
                .text(article.title.as_str()),
        )
        .child(
            el("p")
                .class("meta")
                .attr("part", "reading-time")
                .text(strings::reading_time(minutes)),
        )
        .child(
            el("section")
                .class("summary")
                .attr("part", "summary")
                .child(el("h3").class("label").text(crate::parse::SUMMARY_LABEL))
                .child(el("p").text(article.summary.as_str())),
        )
        .child(
            el("button")
                .class("toggle")
                .attr("type", "button")
                .attr("part", "toggle")
                .attr("aria-expanded", if open { "true" } else { "false" })
                .attr("aria-controls", ids.id("body"))
                .hook(Hook::Toggle)
                .child(
                    el("span")
                        .class("toggle-label")
                        .hook(Hook::ToggleLabel)
                        .text(strings::toggle_label(open)),
                )
                .child(el("span").class("chevron").attr("aria-hidden", "true")),
        )
        .child(body);

    if let Some(author) = &article.author {
        root = root.child(
            el("section")
                .class("author")
                .attr("part", "author")
                .child(el("h3").class("label").text(crate::parse::AUTHOR_LABEL))
                .child(
                    el("p")
                        .class("author-name")
                        .child(el("bdi").text(author.name.as_str())),
                )
                .child(el("p").class("author-bio").text(author.bio.as_str())),
        );
    }
    root.into()
}

/// The error state: says the article could not be shown and why, as an alert.
pub fn error(message: &str) -> Node {
    el("div")
        .class("card error")
        .attr("lang", "ar")
        .attr("dir", "rtl")
        .attr("role", "alert")
        .attr("part", "error")
        .child(el("p").class("error-title").text(strings::ERROR_TITLE))
        .child(
            el("p").class("error-detail").child(
                el("bdi")
                    .attr("lang", "en")
                    .attr("dir", "ltr")
                    .text(message),
            ),
        )
        .into()
}
