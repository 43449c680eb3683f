//! Native tests of the text measures and the reading-time wording.
#![cfg(not(target_arch = "wasm32"))]

use news_card::article::EMBEDDED;
use news_card::input::text::parse_article;
use news_card::locale::measure::{article_words, reading_minutes, word_count};
use news_card::locale::strings::{self, Plural, ALL};
use news_card::locale::{self, PlainLocale};
use news_card::number::push_number;

fn reading_time(minutes: u32) -> String {
    locale::reading_time(&strings::AR, &PlainLocale(&strings::AR), minutes)
}

#[test]
fn words_in_arabic_and_mixed_text() {
    assert_eq!(word_count(""), 0);
    assert_eq!(word_count("  \n "), 0);
    assert_eq!(word_count("زعيم كوريا الشمالية"), 3);
    // Diacritics and tatweel stay inside the word; a lone dash is not a word.
    assert_eq!(word_count("مُحَمَّدٌ — كـــتاب"), 2);
    assert_eq!(word_count("في عام 2024، \"غير المشروط\""), 5);
}

#[test]
fn seed_word_count_matches_a_plain_split() {
    let a = parse_article(EMBEDDED).unwrap();
    // The seed has no free-standing punctuation, so a whitespace split must agree.
    let mut all = vec![a.title.clone(), a.summary.clone().unwrap()];
    all.extend(a.body.iter().cloned());
    let author = a.author.as_ref().unwrap();
    all.push(author.name.clone());
    all.push(author.bio.clone());
    let split: usize = all.iter().map(|s| s.split_whitespace().count()).sum();
    assert_eq!(article_words(&a, word_count), split);
    assert!(
        split > 360 && split < 540,
        "about 3 minutes of reading: {split}"
    );
}

#[test]
fn minutes_round_up_and_never_zero() {
    assert_eq!(reading_minutes(0, 180), 1);
    assert_eq!(reading_minutes(1, 180), 1);
    assert_eq!(reading_minutes(180, 180), 1);
    assert_eq!(reading_minutes(181, 180), 2);
    assert_eq!(reading_minutes(100, 0), 100);
}

#[test]
fn numbers_without_format() {
    for n in [0, 7, 10, 99, 100, 4_294_967_295] {
        let mut s = String::new();
        push_number(&mut s, n);
        assert_eq!(s, n.to_string());
    }
}

#[test]
fn reading_time_follows_arabic_plural_categories() {
    assert_eq!(reading_time(1), "مدة القراءة: دقيقة");
    assert_eq!(reading_time(2), "مدة القراءة: دقيقتان");
    assert_eq!(reading_time(3), "مدة القراءة: 3 دقائق");
    assert_eq!(reading_time(10), "مدة القراءة: 10 دقائق");
    assert_eq!(reading_time(11), "مدة القراءة: 11 دقيقة");
    assert_eq!(reading_time(99), "مدة القراءة: 99 دقيقة");
    assert_eq!(reading_time(100), "مدة القراءة: 100 دقيقة");
    assert_eq!(reading_time(103), "مدة القراءة: 103 دقائق");
    assert_eq!(reading_time(111), "مدة القراءة: 111 دقيقة");
}

#[test]
fn every_ui_language_has_a_reading_time_with_the_number() {
    for ui in ALL {
        let Plural {
            one,
            two,
            few,
            many,
            other,
        } = &ui.reading_time;
        for (category, pattern) in [("few", few), ("many", many), ("other", other)] {
            assert!(
                pattern.contains('#'),
                "{} {category} lacks the number",
                ui.lang
            );
        }
        // one and two may say the number in words (Arabic, Hebrew), never wrongly.
        assert!(!one.is_empty() && !two.is_empty());
        let text = locale::reading_time(ui, &PlainLocale(ui), 7);
        assert!(text.contains('7'), "{}: {text}", ui.lang);
    }
}
