//! The JSON article format, read natively with serde_json into the serde model: every field, its defaults, and every error named by its path.

use news_card::article::{Dir, EMBEDDED};
use news_card::error::{CardError, Problem};
use news_card::input::json::{from_bytes, from_str as parse_json, to_string as to_json};
use news_card::input::limits::{MAX_INPUT_BYTES, MAX_PARAGRAPHS, MAX_TEXT_BYTES};
use news_card::input::{text_bytes, text_str};
use news_card::lang::{is_iso_date, is_language_tag};

fn field_error(src: &str) -> (String, Problem) {
    match parse_json(src) {
        Err(CardError::Field { field, problem }) => (field, problem),
        other => panic!("{src}: expected a field error, got {other:?}"),
    }
}

#[test]
fn article_fields_and_defaults() {
    let a = parse_json(r#"{"title":"T","body":["B1","B2"],"unknown":{"x":[1]}}"#).unwrap();
    assert_eq!((a.title.as_str(), a.body.len()), ("T", 2));
    assert_eq!((a.lang.as_str(), a.dir), ("ar", Dir::Rtl));
    assert_eq!((a.summary, a.author, a.url), (None, None, None));

    let a = parse_json(
        r#"{"title":"T","summary":"S","body":["B"],"author":{"name":"N","bio":"Bio"},
        "lang":"en-GB","url":"https://example.org/a","published":"2024-06-19T14:30:00+03:00","source":"Src"}"#,
    )
    .unwrap();
    assert_eq!(a.summary.as_deref(), Some("S"));
    assert_eq!(
        a.author.as_ref().map(|x| (x.name.as_str(), x.bio.as_str())),
        Some(("N", "Bio"))
    );
    assert_eq!((a.lang.as_str(), a.dir), ("en-GB", Dir::Ltr));
    assert_eq!(a.published.as_deref(), Some("2024-06-19T14:30:00+03:00"));
    assert_eq!(a.source.as_deref(), Some("Src"));

    assert_eq!(
        parse_json(r#"{"title":"T","body":["B"],"lang":"he"}"#)
            .unwrap()
            .dir,
        Dir::Rtl
    );
    assert_eq!(
        parse_json(r#"{"title":"T","body":["B"],"lang":"en","dir":"auto"}"#)
            .unwrap()
            .dir,
        Dir::Auto
    );
    assert_eq!(
        parse_json(r#"{"title":"T","body":["B"],"summary":null,"author":null}"#)
            .unwrap()
            .summary,
        None
    );
}

#[test]
fn bad_fields_are_named() {
    use Problem::*;
    let t = |found| WrongType {
        expected: "a string",
        found,
    };
    assert_eq!(
        field_error(r#"[]"#),
        (
            "article".into(),
            WrongType {
                expected: "an object",
                found: "an array"
            }
        )
    );
    assert_eq!(field_error(r#"{"body":["B"]}"#), ("title".into(), Missing));
    assert_eq!(
        field_error(r#"{"title":"  ","body":["B"]}"#),
        ("title".into(), Empty)
    );
    assert_eq!(
        field_error(r#"{"title":7,"body":["B"]}"#),
        ("title".into(), t("a number"))
    );
    assert_eq!(field_error(r#"{"title":"T"}"#), ("body".into(), Missing));
    assert_eq!(
        field_error(r#"{"title":"T","body":[]}"#),
        ("body".into(), Empty)
    );
    assert_eq!(
        field_error(r#"{"title":"T","body":"B"}"#),
        (
            "body".into(),
            WrongType {
                expected: "an array of strings",
                found: "a string"
            }
        )
    );
    assert_eq!(
        field_error(r#"{"title":"T","body":["a","b",{"p":1}]}"#),
        ("body[2]".into(), t("an object"))
    );
    assert_eq!(
        field_error(r#"{"title":"T","body":["B"],"summary":false}"#),
        ("summary".into(), t("a boolean"))
    );
    assert_eq!(
        field_error(r#"{"title":"T","body":["B"],"author":{"bio":"x"}}"#),
        ("author.name".into(), Missing)
    );
    assert_eq!(
        field_error(r#"{"title":"T","body":["B"],"author":{"name":"N","bio":[]}}"#),
        ("author.bio".into(), t("an array"))
    );
    assert_eq!(
        field_error(r#"{"title":"T","body":["B"],"author":"N"}"#),
        (
            "author".into(),
            WrongType {
                expected: "an object",
                found: "a string"
            }
        )
    );
    assert_eq!(
        field_error(r#"{"title":"T","body":["B"],"lang":"not a tag"}"#).0,
        "lang"
    );
    assert_eq!(
        field_error(r#"{"title":"T","body":["B"],"dir":"up"}"#).0,
        "dir"
    );
    assert_eq!(
        field_error(r#"{"title":"T","body":["B"],"published":"19/06/2024"}"#).0,
        "published"
    );
    let e = parse_json(r#"{"title":"T","body":["B"],"url":1}"#).unwrap_err();
    assert_eq!(e.to_string(), "url: expected a string, found a number");
}

#[test]
fn json_syntax_errors_carry_their_line() {
    // serde_json's reason, without its position: the line leads the message instead.
    let e = parse_json("{\n\"title\": \"T\"\n\"body\": []}").unwrap_err();
    assert_eq!((e.field(), e.line()), ("article".to_string(), Some(3)));
    assert_eq!(
        e.to_string(),
        "line 3: article: is not valid JSON (expected `,` or `}`)"
    );
    let e = parse_json("").unwrap_err();
    assert_eq!(
        e.to_string(),
        "line 1: article: is not valid JSON (EOF while parsing a value)"
    );
    // Deep nesting is refused by serde_json's own limit, not the stack.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(parse_json(&deep).unwrap_err().field(), "article");
}

#[test]
fn a_repeated_member_keeps_its_last_value_as_json_parse_does() {
    let a = parse_json(r#"{"title":"A","title":"B","body":["x"]}"#).unwrap();
    assert_eq!(a.title, "B");
}

#[test]
fn members_the_card_ignores_may_hold_anything() {
    let a = parse_json(
        r#"{"title":"T","body":["B"],"extra":[1.5e300,{"deep":[[[null]]]}],"views":12345678901234567890}"#,
    )
    .unwrap();
    assert_eq!(a.title, "T");
}

#[test]
fn language_tags_and_dates() {
    for ok in [
        "ar",
        "en-GB",
        "zh-Hant-TW",
        "fa-IR",
        "sr-Latn",
        "ar-u-nu-arab",
    ] {
        assert!(is_language_tag(ok), "{ok}");
    }
    for bad in ["", "a", "en_", "en--GB", "toolongtag", "ar-", "ع", "en GB"] {
        assert!(!is_language_tag(bad), "{bad}");
    }
    for ok in [
        "2024-06-19",
        "2024-02-29",
        "2000-02-29",
        "2024-06-19T14:30",
        "2024-06-19T14:30:05Z",
        "2024-06-19T14:30:05.123+03:00",
        "2024-12-31T23:59:60Z",
    ] {
        assert!(is_iso_date(ok), "{ok}");
    }
    for bad in [
        "",
        "2024",
        "2024-6-19",
        "2023-02-29",
        "1900-02-29",
        "2024-13-01",
        "2024-04-31",
        "2024-06-19T",
        "2024-06-19T25:00",
        "2024-06-19T14:30:05.Z",
        "2024-06-19T14:30+3",
        "2024-06-19T14:30.5",
        "٢٠٢٤-٠٦-١٩",
    ] {
        assert!(!is_iso_date(bad), "{bad}");
    }
}

#[test]
fn limits_are_enforced() {
    let body: Vec<String> = (0..=MAX_PARAGRAPHS).map(|_| "\"p\"".to_string()).collect();
    let src = format!(r#"{{"title":"T","body":[{}]}}"#, body.join(","));
    assert_eq!(
        field_error(&src),
        (
            "body".into(),
            Problem::TooMany {
                limit: MAX_PARAGRAPHS
            }
        )
    );

    let big = "ب".repeat(MAX_TEXT_BYTES / 2 + 1);
    let src = format!(r#"{{"title":"T","body":["{big}"]}}"#);
    assert_eq!(
        parse_json(&src),
        Err(CardError::Field {
            field: "article".into(),
            problem: Problem::TooLong {
                limit: MAX_TEXT_BYTES
            }
        })
    );
    let huge = vec![b' '; MAX_INPUT_BYTES + 1];
    assert_eq!(
        from_bytes(&huge),
        Err(CardError::InputTooLarge {
            bytes: MAX_INPUT_BYTES + 1,
            limit: MAX_INPUT_BYTES
        })
    );
}

#[test]
fn bytes_that_are_not_utf8_name_their_line() {
    let mut bytes = b"{\n\"title\": \"".to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe]);
    bytes.extend_from_slice(b"\"}");
    let e = from_bytes(&bytes).unwrap_err();
    assert_eq!(e, CardError::NotUtf8 { line: 2 });
    assert_eq!(e.to_string(), "line 2: article: the bytes are not UTF-8");
    // Text too: a Latin-1 "é" in the third line.
    assert_eq!(
        text_bytes(b"T\n\nS\xe9"),
        Err(CardError::NotUtf8 { line: 3 })
    );
}

#[test]
fn plain_text_and_json_agree_on_the_seed() {
    let from_text = text_str(EMBEDDED).unwrap();
    let json = to_json(&from_text);
    assert_eq!(parse_json(&json).unwrap(), from_text);
}
