//! Text measures: word counts and reading time, for any script.

use crate::article::Article;

/// Reading speed used when none is given, in words per minute.
pub const DEFAULT_WPM: u32 = 180;

/// Counts words: runs of non-space characters holding at least one letter or digit.
/// Arabic separates words with spaces, and its diacritics and tatweel stay inside a run,
/// so a vowelled word counts once; punctuation standing alone counts as nothing.
pub fn word_count(text: &str) -> usize {
    // One pass, and the Unicode tables are asked only until a run has shown a letter or digit:
    // every card counts its whole text, and a page may hold a hundred cards.
    let mut words = 0;
    let mut counted = false; // the current run is already a word
    for c in text.chars() {
        if c.is_whitespace() {
            counted = false;
        } else if !counted && (matches!(c, '\u{621}'..='\u{64a}') || c.is_alphanumeric()) {
            // (Arabic's letters, the card's usual text, are tested as a range first.)
            words += 1;
            counted = true;
        }
    }
    words
}

/// Words a reader goes through (headline, summary, body and bio), counted by `count`.
pub fn article_words(article: &Article, count: impl Fn(&str) -> usize) -> usize {
    let author = article
        .author
        .as_ref()
        .map_or(0, |a| count(&a.name) + count(&a.bio));
    count(&article.title)
        + article.summary.as_deref().map_or(0, &count)
        + article.body.iter().map(|p| count(p)).sum::<usize>()
        + author
}

/// Whole minutes to read `words` at `wpm`, rounded up, never less than one.
pub fn reading_minutes(words: usize, wpm: u32) -> u32 {
    let wpm = wpm.max(1) as usize;
    words.div_ceil(wpm).max(1).try_into().unwrap_or(u32::MAX)
}
