//! The card as a plain tree of elements and text, built from an article; no DOM here.

use crate::article::{safe_url, Article};
use crate::measure::{article_words, reading_minutes};
use crate::strings::Ui;

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
            let mark = text.get(i..).and_then(|t| t.chars().next()).is_some_and(|c| {
                matches!(c, '\u{300}'..='\u{36f}' | '\u{610}'..='\u{61a}' | '\u{64b}'..='\u{65f}'
                    | '\u{670}' | '\u{6d6}'..='\u{6ed}' | '\u{200c}'..='\u{200d}')
            });
            if run > RUN && (b as i8) >= -0x40 && !mark {
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

/// What the card needs from the platform's locale data: word boundaries, plural rules,
/// number and date formats. The DOM layer passes an `Intl`-backed one (`intl.rs`); native
/// code and tests use `PlainLocale`.
pub trait Locale {
    /// Words in `text`, for the reading time.
    fn words(&self, text: &str) -> usize;
    /// The CLDR plural category of `n` ("one", "few", ...).
    fn plural(&self, n: u32) -> String;
    /// `n` in the card's numbering system.
    fn number(&self, n: u32) -> String;
    /// The publication date for display.
    fn date(&self, iso: &str) -> String;
}

/// Whitespace word count, built-in plural rules, Western digits, dates as given.
pub struct PlainLocale(pub &'static Ui);

impl Locale for PlainLocale {
    fn words(&self, text: &str) -> usize {
        crate::measure::word_count(text)
    }
    fn plural(&self, n: u32) -> String {
        crate::strings::plural_category(self.0.lang, n).into()
    }
    fn number(&self, n: u32) -> String {
        let mut s = String::new();
        crate::strings::push_number(&mut s, n);
        s
    }
    fn date(&self, iso: &str) -> String {
        iso.into()
    }
}

/// "N minutes of reading" in the UI language, number and noun as the locale writes them.
pub fn reading_time(ui: &Ui, locale: &dyn Locale, minutes: u32) -> String {
    let pattern = ui.reading_time.pick(&locale.plural(minutes));
    crate::strings::fill(pattern, &locale.number(minutes))
}

/// How a card is built: its ID prefix, its initial state and the language of its own words.
pub struct CardOptions<'a> {
    /// Makes the card's IDs unique on the page.
    pub prefix: &'a str,
    /// Whether the full text starts open.
    pub open: bool,
    pub ui: &'static Ui,
    pub locale: &'a dyn Locale,
    pub wpm: u32,
}

/// Marks an element holding the card's own words with their language when it is not
/// the article's, so screen readers switch voices and the text keeps its direction.
fn ui_el(tag: &'static str, ui: &Ui, article_lang: &str) -> Element {
    let primary = article_lang.split('-').next().unwrap_or("");
    let e = el(tag);
    if ui.lang.eq_ignore_ascii_case(primary) {
        e
    } else {
        e.attr("lang", ui.lang)
            .attr("dir", if ui.rtl { "rtl" } else { "ltr" })
    }
}

/// PDIs (U+2069) for the isolates `text` opens and leaves open (LRI, RLI, FSI), or None.
///
/// Engines build an element's isolation by wrapping its text in FSI…PDI; an isolate left open
/// inside the field would take that closing PDI as its own, and the field's isolation would
/// then run on over its neighbours. The closers go after the field's element, so the field's
/// own text stays exactly as given.
pub fn isolate_closers(text: &str) -> Option<Node> {
    let mut open = 0usize;
    for c in text.chars() {
        match c {
            '\u{2066}' | '\u{2067}' | '\u{2068}' => open += 1,
            '\u{2069}' => open = open.saturating_sub(1),
            _ => {}
        }
    }
    (open > 0).then(|| Node::Text("\u{2069}".repeat(open)))
}

impl Element {
    /// Appends an inline field isolated in `<bdi>`, then whatever closes isolates it leaves open.
    fn isolated(mut self, field: Element, text: &str) -> Self {
        self = self.child(field.text(text));
        match isolate_closers(text) {
            Some(closers) => self.child(closers),
            None => self,
        }
    }
}

/// The line under the headline: source, date and reading time, each isolated so that one
/// field's direction (or stray bidi controls) cannot reorder its neighbours.
fn meta(article: &Article, opts: &CardOptions) -> Element {
    let minutes = reading_minutes(article_words(article, |t| opts.locale.words(t)), opts.wpm);
    let mut line = el("p").class("meta").attr("part", "meta");
    let mut first = true;
    let mut sep = |line: Element| {
        if std::mem::replace(&mut first, false) {
            line
        } else {
            line.child(
                el("span")
                    .class("sep")
                    .attr("aria-hidden", "true")
                    .text(" · "),
            )
        }
    };
    if let Some(source) = &article.source {
        line = sep(line).isolated(el("bdi").attr("part", "source"), source);
    }
    if let Some(published) = &article.published {
        line = sep(line).child(
            el("bdi").child(
                el("time")
                    .attr("part", "published")
                    .attr("datetime", published.as_str())
                    .text(opts.locale.date(published)),
            ),
        );
    }
    sep(line).child(
        ui_el("bdi", opts.ui, &article.lang)
            .attr("part", "reading-time")
            .text(reading_time(opts.ui, opts.locale, minutes)),
    )
}

/// Builds the card for `article`.
pub fn card(article: &Article, opts: &CardOptions) -> Node {
    let ids = Ids {
        prefix: opts.prefix,
    };
    let ui = opts.ui;
    let lang = article.lang.as_str();

    let mut body = el("div")
        .class("body")
        .attr("id", ids.id("body"))
        .attr("part", "body")
        .attr("role", "region")
        .attr("aria-label", ui.full_text)
        .hook(Hook::Body);
    for paragraph in &article.body {
        body = body.child(el("p").text(paragraph.as_str()));
    }

    let mut title = el("h2")
        .class("title")
        .attr("id", ids.id("title"))
        .attr("part", "title");
    title = match article.url.as_deref().and_then(safe_url) {
        // noopener: the article's page gets no handle on the host page's window.
        Some(url) => title.child(
            el("a")
                .attr("href", url)
                .attr("rel", "noopener")
                .attr("part", "link")
                .text(article.title.as_str()),
        ),
        None => title.text(article.title.as_str()),
    };

    let mut root = el("article")
        .class("card")
        .attr("lang", lang)
        .attr("dir", article.dir.as_str())
        .attr("aria-labelledby", ids.id("title"))
        .child(title)
        .child(meta(article, opts));
    if let Some(summary) = &article.summary {
        root = root.child(
            el("section")
                .class("summary")
                .attr("part", "summary")
                .child(ui_el("h3", ui, lang).class("label").text(ui.summary_label))
                .child(el("p").text(summary.as_str())),
        );
    }
    // A native disclosure: without any script (scripts off, the wasm refused) the reader opens
    // it, find-in-page and text fragments open it, and the browser keeps its expanded state
    // for assistive technology. Closed text stays in the page for them to find. Both labels
    // are in the markup: the one for the other state carries `hidden`, which the shell flips
    // whenever the state changes, so one label shows (and names the summary) even where the
    // stylesheet has not loaded or the page's CSP refused it. Without script the details can
    // change state with no one to flip `hidden`: card.css shows the label for the state then,
    // whatever `hidden` says.
    let mut more = el("details").class("more").hook(Hook::Disclosure);
    if opts.open {
        more = more.attr("open", "");
    }
    let label = |open: bool, class: &'static str| {
        let label = ui_el("span", ui, lang).class(class);
        let label = if open == opts.open {
            label
        } else {
            label.attr("hidden", "")
        };
        label.hook(Hook::Label { open }).text(ui.toggle_label(open))
    };
    root = root.child(
        more.child(
            el("summary")
                .class("toggle")
                .attr("part", "toggle")
                .hook(Hook::Toggle)
                .child(label(false, "toggle-label when-closed"))
                .child(label(true, "toggle-label when-open"))
                .child(el("span").class("chevron").attr("aria-hidden", "true")),
        )
        .child(body),
    );

    if let Some(author) = &article.author {
        let mut section = el("section")
            .class("author")
            .attr("part", "author")
            .child(ui_el("h3", ui, lang).class("label").text(ui.author_label))
            .child(
                el("p")
                    .class("author-name")
                    .child(el("bdi").text(author.name.as_str())),
            );
        if !author.bio.is_empty() {
            section = section.child(el("p").class("author-bio").text(author.bio.as_str()));
        }
        root = root.child(section);
    }
    root.into()
}

/// The error state, in the UI language: says the article could not be shown, names the
/// field, and gives the technical reason (English, for the publisher) as an alert.
pub fn error(ui: &Ui, field: &str, message: &str) -> Node {
    el("div")
        .class("card error")
        .attr("lang", ui.lang)
        .attr("dir", if ui.rtl { "rtl" } else { "ltr" })
        .attr("role", "alert")
        .attr("part", "error")
        .child(el("p").class("error-title").text(ui.error_title))
        .child(
            el("p")
                .class("error-field")
                .text(ui.error_field)
                .text(" ")
                .child(el("code").attr("dir", "ltr").text(field)),
        )
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
