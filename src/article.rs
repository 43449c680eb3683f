//! The article model: what a news card shows, independent of the format it came in.

/// One news article, with every character exactly as the source gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub title: String,
    pub summary: String,
    pub body: Vec<String>,
    pub author: Option<Author>,
}

/// The person who wrote the article, the name set apart from the bio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub bio: String,
}

/// The article the crate ships with, in the plain-text format of `parse`.
pub const EMBEDDED: &str = include_str!("../content/article.txt");
