//! Native tests of the plain-text parser: the seed article and malformed inputs.
#![cfg(not(target_arch = "wasm32"))]

use news_card::article::EMBEDDED;
use news_card::error::{ParseError, ParseErrorKind};
use news_card::input::text::parse_article;

/// The seed's paragraphs split independently of the parser: non-blank lines, in order.
fn seed_lines() -> Vec<&'static str> {
    EMBEDDED.lines().filter(|l| !l.trim().is_empty()).collect()
}

#[test]
fn seed_fields_are_exact() {
    let lines = seed_lines();
    let article = parse_article(EMBEDDED).expect("the seed parses");
    // Headline twice in the source, once in the article.
    assert_eq!(lines[0], lines[1]);
    assert_eq!(article.title, lines[0]);
    assert_eq!(lines[2], "في كلمات قليلة");
    assert_eq!(article.summary.as_deref(), Some(lines[3]));
    assert_eq!(article.body.len(), 8);
    assert_eq!(article.body, lines[4..12].to_vec());
    assert_eq!(lines[12], "نبذة عن المؤلف");
    let author = article.author.expect("the seed has an author");
    assert_eq!(author.name, "يوري");
    assert_eq!(format!("{} - {}", author.name, author.bio), lines[13]);
    assert!(author.bio.starts_with("صحفي متخصص"));
    assert_eq!(lines.len(), 14);
}

#[test]
fn seed_keeps_digits_and_ascii_quotes() {
    let article = parse_article(EMBEDDED).unwrap();
    assert!(article.title.contains("\"غير المشروط\""));
    assert!(article.summary.unwrap().contains("'غير المشروط'"));
    assert!(article.body.iter().any(|p| p.contains("2024")));
}

#[test]
fn crlf_and_lone_cr_parse_like_lf() {
    let lf = parse_article(EMBEDDED).unwrap();
    assert_eq!(parse_article(&EMBEDDED.replace('\n', "\r\n")).unwrap(), lf);
    assert_eq!(parse_article(&EMBEDDED.replace('\n', "\r")).unwrap(), lf);
    assert_eq!(
        parse_article(&format!("\u{feff}{EMBEDDED}\n\n\n")).unwrap(),
        lf
    );
}

#[test]
fn several_blank_lines_separate_like_one() {
    let text = "T\n\n\n\nفي كلمات قليلة\n \n\t\nS\n\n\n\nB1\n\n\n\nB2";
    let a = parse_article(text).unwrap();
    assert_eq!(a.title, "T");
    assert_eq!(a.summary.as_deref(), Some("S"));
    assert_eq!(a.body, ["B1", "B2"]);
    assert_eq!(a.author, None);
}

#[test]
fn lines_of_one_paragraph_stay_together() {
    let a = parse_article("T\n\nفي كلمات قليلة\n\nS1\nS2\n\nB").unwrap();
    assert_eq!(a.summary.as_deref(), Some("S1\nS2"));
}

#[test]
fn headline_not_repeated_is_kept_once() {
    let a = parse_article("T\n\nفي كلمات قليلة\n\nS\n\nB").unwrap();
    assert_eq!(a.title, "T");
    assert_eq!(a.body, ["B"]);
}

fn error(text: &str) -> ParseError {
    parse_article(text).expect_err("malformed text must be rejected")
}

#[test]
fn empty_and_whitespace_only() {
    assert_eq!(error("").kind, ParseErrorKind::Empty);
    let e = error("\u{feff}  \n\t\r\n \u{3000}\u{a0}");
    assert_eq!(e.kind, ParseErrorKind::Empty);
    assert_eq!(e.to_string(), "line 1: article: the text is empty");
}

#[test]
fn missing_summary_label_names_the_line() {
    let e = error("T\n\nT\n\nS\n\nB");
    assert_eq!(
        e,
        ParseError {
            line: 5,
            kind: ParseErrorKind::MissingSummaryLabel
        }
    );
    assert!(e
        .to_string()
        .starts_with("line 5: summary: expected the section label"));
    assert_eq!(error("T").kind, ParseErrorKind::MissingSummaryLabel);
}

#[test]
fn missing_summary_paragraph() {
    let e = error("T\n\nفي كلمات قليلة\n");
    assert_eq!(e.kind, ParseErrorKind::MissingSummary);
    let e = error("T\n\nفي كلمات قليلة\n\nنبذة عن المؤلف\n\nA - B");
    assert_eq!(
        e,
        ParseError {
            line: 5,
            kind: ParseErrorKind::MissingSummary
        }
    );
}

#[test]
fn missing_body() {
    let e = error("T\n\nفي كلمات قليلة\n\nS\n\nنبذة عن المؤلف\n\nA - B");
    assert_eq!(
        e,
        ParseError {
            line: 7,
            kind: ParseErrorKind::EmptyBody
        }
    );
    assert_eq!(
        error("T\n\nفي كلمات قليلة\n\nS").kind,
        ParseErrorKind::EmptyBody
    );
}

#[test]
fn missing_author_after_label() {
    let e = error("T\n\nفي كلمات قليلة\n\nS\n\nB\n\nنبذة عن المؤلف\n\n");
    assert_eq!(
        e,
        ParseError {
            line: 9,
            kind: ParseErrorKind::MissingAuthor
        }
    );
    assert_eq!(
        e.to_string(),
        "line 9: author: the author label is not followed by a \"NAME - BIO\" paragraph"
    );
}

#[test]
fn author_needs_name_and_separator() {
    let base = "T\n\nفي كلمات قليلة\n\nS\n\nB\n\nنبذة عن المؤلف\n\n";
    let e = error(&format!("{base}يوري صحفي"));
    assert_eq!(
        e,
        ParseError {
            line: 11,
            kind: ParseErrorKind::AuthorWithoutSeparator
        }
    );
    assert_eq!(
        error(&format!("{base} - صحفي")).kind,
        ParseErrorKind::EmptyAuthorName
    );
    let e = error(&format!("{base}يوري - صحفي\n\nmore"));
    assert_eq!(
        e,
        ParseError {
            line: 13,
            kind: ParseErrorKind::TextAfterAuthor
        }
    );
}

#[test]
fn bio_keeps_later_separators() {
    let a = parse_article("T\n\nفي كلمات قليلة\n\nS\n\nB\n\nنبذة عن المؤلف\n\nيوري - صحفي - كاتب")
        .unwrap();
    let author = a.author.unwrap();
    assert_eq!(author.name, "يوري");
    assert_eq!(author.bio, "صحفي - كاتب");
}
