//! The card's parts as a view tree: headline, meta line, summary, disclosure, author, and the error state.

use super::{el, Element, Hook, Node};
use crate::article::{Article, Image};
use crate::lang;
use crate::locale::measure::{article_words, reading_minutes};
use crate::locale::strings::Ui;
use crate::locale::{reading_time, Locale};
use crate::url;

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

/// How a card is built: its ID prefix, its initial state and the language of its own words.
pub struct CardOptions<'a> {
    /// Makes the card's IDs unique on the page.
    pub prefix: &'a str,
    /// Whether the full text starts open.
    pub open: bool,
    pub ui: &'static Ui,
    pub locale: &'a dyn Locale,
    pub wpm: u32,
    /// The headline's level, 2 to 6 (anything else reads as 2); the card's own section
    /// headings sit one level below, at most 6, so the card fits the host page's outline.
    pub heading: u32,
    /// Offer the share control (when the article has a web `url`).
    pub share: bool,
}

/// The headline's level for a requested one: 2 to 6 as asked, anything else the default, 2.
pub fn heading_level(asked: u32) -> u32 {
    if (2..=6).contains(&asked) {
        asked
    } else {
        2
    }
}

/// The heading element for `level`, held to 2..=6 (a match: no index to check).
fn heading(level: u32) -> &'static str {
    match level {
        0..=2 => "h2",
        3 => "h3",
        4 => "h4",
        5 => "h5",
        _ => "h6",
    }
}

/// Marks an element holding the card's own words with their language when it is not
/// the article's, so screen readers switch voices and the text keeps its direction.
fn ui_el(tag: &'static str, ui: &Ui, article_lang: &str) -> Element {
    let e = el(tag);
    if lang::same_primary(ui.lang, article_lang) {
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
    line = sep(line).child(
        ui_el("bdi", opts.ui, &article.lang)
            .attr("part", "reading-time")
            .text(reading_time(opts.ui, opts.locale, minutes)),
    );
    if opts.share && article.url.as_deref().and_then(url::reference).is_some() {
        line = line.child(share(opts.ui, &article.lang));
    }
    line
}

/// The share control and its polite live region, in the UI language. The shell does the
/// sharing (navigator.share, else the clipboard) and writes the outcome into the region from the
/// button's data-copied or data-failed, so every word stays here. Written `hidden`: the shell's
/// card shows it (`Hook::Share`); without script it stays hidden (card.css keeps its room, so a
/// prerendered card that hydrates shifts nothing).
fn share(ui: &Ui, article_lang: &str) -> Element {
    ui_el("span", ui, article_lang)
        .class("sharing")
        .child(
            el("button")
                .class("share")
                .attr("type", "button")
                .attr("part", "share")
                .attr("data-copied", ui.copied)
                .attr("data-failed", ui.copy_failed)
                .attr("hidden", "")
                .hook(Hook::Share)
                .text(ui.share),
        )
        .child(
            el("span")
                .class("status")
                .attr("part", "status")
                .attr("role", "status"),
        )
}

/// The text of an optional member, unless absent or empty.
fn nonempty(text: &Option<String>) -> Option<&str> {
    text.as_deref().filter(|t| !t.is_empty())
}

/// The lead image in a `<figure>`: an `<img>` whose `width` and `height` (the intrinsic size)
/// reserve its box before a byte arrives, lazy and decoded off the main thread; a caption and
/// credit, when given, in its `<figcaption>`. Every URL was checked with the article
/// (`Image::check`). The attributes that shape the request come before `src`.
fn figure(image: &Image) -> Element {
    let mut size = String::new();
    let mut img = el("img")
        .attr("part", "image")
        .attr("loading", "lazy")
        .attr("decoding", "async");
    for (name, n) in [("width", image.width), ("height", image.height)] {
        size.clear();
        crate::number::push_number(&mut size, n);
        img = img.attr(name, size.as_str());
    }
    if let Some(sizes) = &image.sizes {
        img = img.attr("sizes", sizes.as_str());
    }
    if let Some(srcset) = &image.srcset {
        img = img.attr("srcset", srcset.as_str());
    }
    img = img
        .attr("alt", image.alt.as_deref().unwrap_or_default())
        .attr("src", image.src.as_str());
    let mut figure = el("figure").class("figure").child(img);
    let (caption, credit) = (nonempty(&image.caption), nonempty(&image.credit));
    if caption.is_some() || credit.is_some() {
        let mut fc = el("figcaption").attr("part", "caption");
        if let Some(caption) = caption {
            fc = fc.text(caption);
        }
        if let Some(credit) = credit {
            if caption.is_some() {
                fc = fc.text(" ");
            }
            fc = fc.isolated(el("bdi").class("credit").attr("part", "credit"), credit);
        }
        figure = figure.child(fc);
    }
    figure
}

/// Builds the card for `article`.
pub fn card(article: &Article, opts: &CardOptions) -> Node {
    let ids = Ids {
        prefix: opts.prefix,
    };
    let ui = opts.ui;
    let lang = article.lang.as_str();
    let level = heading_level(opts.heading);
    let section = heading(level + 1);

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

    let mut title = el(heading(level))
        .class("title")
        .attr("id", ids.id("title"))
        .attr("part", "title");
    // A relative url is left for the page to resolve (a prerendered card's); in the browser
    // the wasm has resolved it already (`Article::resolve_urls`).
    title = match article
        .url
        .as_deref()
        .filter(|u| url::reference(u).is_some())
    {
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
    if let Some(image) = &article.image {
        root = root.child(figure(image));
    }
    if let Some(summary) = &article.summary {
        root = root.child(
            el("section")
                .class("summary")
                .attr("part", "summary")
                .child(
                    ui_el(section, ui, lang)
                        .class("label")
                        .text(ui.summary_label),
                )
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
            .child(
                ui_el(section, ui, lang)
                    .class("label")
                    .text(ui.author_label),
            )
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
