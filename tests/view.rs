//! Native tests of the view: the seed card's HTML snapshot, escaping, and what reaches the reader.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::assert_snapshot;

use news_card::article::{Article, Author, EMBEDDED};
use news_card::input::text::parse_article;
use news_card::locale::strings::{self, AR};
use news_card::locale::PlainLocale;
use news_card::view::html::render;
use news_card::view::{self, error, CardOptions, Hook, Node};

/// The card as the wasm layer builds it for Arabic, with plain (non-Intl) dates and numbers.
fn card(article: &Article, prefix: &str, open: bool) -> Node {
    let ui = strings::ui_for(&article.lang);
    let locale = PlainLocale(ui);
    view::card(
        article,
        &CardOptions {
            prefix,
            open,
            ui,
            locale: &locale,
            wpm: 180,
            heading: 2,
            share: false,
        },
    )
}

fn seed() -> Article {
    parse_article(EMBEDDED).unwrap()
}

#[test]
fn seed_card_snapshot() {
    // One element per line keeps the snapshot's diffs readable.
    let html = render(&card(&seed(), "nc1", false)).replace("><", ">\n<");
    assert_snapshot("seed-card.html", &html);
}

#[test]
fn error_snapshot() {
    let html = render(&error(&AR, "summary", "line 3: summary: missing")).replace("><", ">\n<");
    assert_snapshot("error.html", &html);
}

#[test]
fn every_field_reaches_the_view_once() {
    let a = seed();
    let view = card(&a, "nc1", false);
    let text = view.text_content();
    assert_eq!(
        text.matches(a.title.as_str()).count(),
        1,
        "headline shown once"
    );
    assert!(text.contains(a.summary.as_deref().unwrap()));
    for p in &a.body {
        assert!(text.contains(p.as_str()));
    }
    let author = a.author.as_ref().unwrap();
    assert!(text.contains(&author.name) && text.contains(&author.bio));
}

/// The tags of every heading in `node`, in document order.
fn headings(node: &Node, out: &mut Vec<&'static str>) {
    if let Node::Element(e) = node {
        if matches!(e.tag, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") {
            out.push(e.tag);
        }
        e.children.iter().for_each(|c| headings(c, out));
    }
}

#[test]
fn heading_level_sets_the_headline_and_its_sections_one_below() {
    let a = seed();
    let ui = strings::ui_for(&a.lang);
    let locale = PlainLocale(ui);
    let with = |heading| {
        let view = view::card(
            &a,
            &CardOptions {
                prefix: "h",
                open: false,
                ui,
                locale: &locale,
                wpm: 180,
                heading,
                share: false,
            },
        );
        let mut tags = Vec::new();
        headings(&view, &mut tags);
        tags
    };
    // The seed has a summary and an author: two section headings.
    for (level, expected) in [
        (2, ["h2", "h3", "h3"]),
        (3, ["h3", "h4", "h4"]),
        (4, ["h4", "h5", "h5"]),
        (5, ["h5", "h6", "h6"]),
        (6, ["h6", "h6", "h6"]),
    ] {
        assert_eq!(with(level), expected, "level {level}");
    }
    for invalid in [0, 1, 7, 255] {
        assert_eq!(with(invalid), ["h2", "h3", "h3"], "level {invalid}");
    }
    assert_eq!(view::heading_level(4), 4);
    assert_eq!(view::heading_level(9), 2);
}

#[test]
fn closed_and_open_states() {
    let a = seed();
    let closed = card(&a, "x", false);
    // A native disclosure: <details> holds the summary (the toggle), then the body; its open
    // attribute is the only state, so markup without script is never stale.
    let details = closed.find_hook(Hook::Disclosure).unwrap();
    assert_eq!((details.tag, details.get("open")), ("details", None));
    let Some(Node::Element(first)) = details.children.first() else {
        panic!("the summary comes first")
    };
    assert_eq!(first.hook, Some(Hook::Toggle));
    let body = closed.find_hook(Hook::Body).unwrap();
    assert_eq!(details.children.get(1), Some(&Node::Element(body.clone())));
    assert_eq!(body.get("hidden"), None);
    assert_eq!(body.get("id"), Some("x-body"));
    let toggle = closed.find_hook(Hook::Toggle).unwrap();
    assert_eq!(toggle.tag, "summary");
    assert_eq!(
        toggle.get("aria-expanded"),
        None,
        "the browser says whether it is expanded"
    );
    // Both labels, the one for each state (card.css shows the one that applies).
    let labels: Vec<_> = toggle
        .children
        .iter()
        .filter_map(|c| match c {
            Node::Element(e)
                if e.get("class")
                    .is_some_and(|c| c.starts_with("toggle-label")) =>
            {
                Some((
                    e.get("class").unwrap(),
                    Node::Element(e.clone()).text_content(),
                ))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        labels,
        [
            ("toggle-label when-closed", "اقرأ المزيد".to_string()),
            ("toggle-label when-open", "اعرض أقل".to_string())
        ]
    );

    let open = card(&a, "x", true);
    assert_eq!(
        open.find_hook(Hook::Disclosure).unwrap().get("open"),
        Some("")
    );
    assert_eq!(open.find_hook(Hook::Body).unwrap().get("hidden"), None);
}

#[test]
fn root_is_rtl_arabic() {
    let Node::Element(root) = card(&seed(), "x", false) else {
        panic!("root is an element")
    };
    assert_eq!(root.get("dir"), Some("rtl"));
    assert_eq!(root.get("lang"), Some("ar"));
}

#[test]
fn markup_in_fields_is_escaped() {
    let nasty = "<img src=x onerror=alert(1)> & \"q\" 'a' </p><script>x</script>";
    let mut a = Article::new(nasty.into(), vec![nasty.into()]);
    a.summary = Some(nasty.into());
    a.author = Some(Author {
        name: nasty.into(),
        bio: nasty.into(),
    });
    let html = render(&card(&a, "x", false));
    assert!(!html.contains("<img") && !html.contains("<script"));
    assert_eq!(
        html.matches("&lt;img src=x onerror=alert(1)&gt; &amp; \"q\" 'a' &lt;/p&gt;")
            .count(),
        5
    );
    let html = render(&error(&AR, nasty, nasty));
    assert_eq!(html.matches("&lt;img").count(), 2);
    assert!(!html.contains("<img"));
}

#[test]
fn long_runs_become_pieces_of_at_most_run_bytes_and_the_text_is_unchanged() {
    // Joined Arabic letters, a vowelled word, a URL: each longer than any word, in one paragraph.
    let text = format!(
        "قبل {} بعد {} و {}",
        "ب".repeat(1000),
        "بَلَدٌ".repeat(100),
        "https://example.org/".repeat(40)
    );
    let Node::Element(p) = Node::from(view::el("p").text(text.as_str())) else {
        unreachable!()
    };
    assert!(p.children.len() > 10, "{} pieces", p.children.len());
    // Pieces, then the rest of the last run (under RUN bytes) as plain text.
    let (rest, pieces) = p.children.split_last().unwrap();
    assert!(matches!(rest, Node::Text(t) if t.len() <= view::RUN + 40));
    for piece in pieces {
        let Node::Element(span) = piece else {
            panic!("a bare text node between the pieces: {piece:?}")
        };
        assert_eq!((span.tag, span.attrs.len()), ("span", 0));
        let longest = span
            .children
            .iter()
            .map(|n| n.text_content())
            .flat_map(|t| t.split_whitespace().map(str::len).collect::<Vec<_>>())
            .max()
            .unwrap_or(0);
        assert!(longest <= view::RUN + 4, "a run of {longest} bytes");
    }
    // No piece starts with a mark: it stays with its letter.
    for piece in pieces {
        let first = piece.text_content().chars().next().unwrap();
        assert!(
            !('\u{64b}'..='\u{65f}').contains(&first),
            "a piece starts with {first:?}"
        );
    }
    assert_eq!(Node::Element(p).text_content(), text);
    // Ordinary text, however long, stays one text node.
    let prose = "كلمة عادية ".repeat(10_000);
    let Node::Element(p) = Node::from(view::el("p").text(prose.as_str())) else {
        unreachable!()
    };
    assert_eq!(p.children, vec![Node::Text(prose)]);
}

#[test]
fn share_control_only_with_the_option_and_a_web_url_in_each_ui_language() {
    let mut a = seed();
    let build = |a: &Article, share: bool, ui: &'static strings::Ui| {
        let locale = PlainLocale(ui);
        render(&view::card(
            a,
            &CardOptions {
                prefix: "s",
                open: false,
                ui,
                locale: &locale,
                wpm: 180,
                heading: 2,
                share,
            },
        ))
    };
    // No url, or not a web one: nothing to share.
    assert!(!build(&a, true, &AR).contains("part=\"share\""));
    a.url = Some("javascript:alert(1)".into());
    assert!(!build(&a, true, &AR).contains("part=\"share\""));
    a.url = Some("https://news.example/story".into());
    assert!(!build(&a, false, &AR).contains("part=\"share\""));
    for ui in strings::ALL {
        let html = build(&a, true, ui);
        // A real button, hidden until the shell's card shows it, with the UI language's words
        // (marked with their language where it is not the article's), then a polite live region.
        let mut button =
            String::from("<button class=\"share\" type=\"button\" part=\"share\" data-copied=\"");
        button.push_str(ui.copied);
        button.push_str("\" data-failed=\"");
        button.push_str(ui.copy_failed);
        button.push_str("\" hidden=\"\">");
        button.push_str(ui.share);
        button.push_str("</button><span class=\"status\" part=\"status\" role=\"status\"></span>");
        assert!(html.contains(&button), "{}: {html}", ui.lang);
        let opening = if ui.lang == "ar" {
            "<span class=\"sharing\"><button".to_owned()
        } else {
            format!(
                "<span lang=\"{}\" dir=\"{}\" class=\"sharing\"><button",
                ui.lang,
                if ui.rtl { "rtl" } else { "ltr" }
            )
        };
        assert!(html.contains(&opening), "{}: {html}", ui.lang);
        // In the meta line, after the reading time.
        let meta = &html[html.find("part=\"meta\"").unwrap()..];
        let meta = &meta[..meta.find("</p>").unwrap()];
        assert!(meta.find("reading-time").unwrap() < meta.find("part=\"share\"").unwrap());
        assert!(!ui.share.is_empty() && !ui.copied.is_empty() && !ui.copy_failed.is_empty());
    }
}
