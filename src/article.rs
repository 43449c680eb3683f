//! The article model: what a news card shows, independent of the format it came in.

/// One news article, with every character exactly as the source gave it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub title: String,
    pub summary: Option<String>,
    pub body: Vec<String>,
    pub author: Option<Author>,
    /// BCP 47 language tag of the text ("ar" unless the source says otherwise).
    pub lang: String,
    pub dir: Dir,
    /// Where the article lives; only http: and https: URLs are kept (see `safe_url`).
    pub url: Option<String>,
    /// ISO 8601 date (or date and time) of publication, as given.
    pub published: Option<String>,
    /// The publication the article comes from.
    pub source: Option<String>,
}

/// The person who wrote the article, the name set apart from the bio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub bio: String,
}

/// Text direction of the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    Rtl,
    Ltr,
    /// Let the browser decide from the text (the `dir="auto"` rule).
    Auto,
}

impl Dir {
    pub fn as_str(self) -> &'static str {
        match self {
            Dir::Rtl => "rtl",
            Dir::Ltr => "ltr",
            Dir::Auto => "auto",
        }
    }
    /// The direction a language is written in, from its primary subtag.
    pub fn of_lang(lang: &str) -> Dir {
        let primary = lang.split(['-', '_']).next().unwrap_or("");
        const RTL: [&str; 12] = [
            "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ps", "sd", "ug", "ur", "yi",
        ];
        if RTL.iter().any(|l| l.eq_ignore_ascii_case(primary)) {
            Dir::Rtl
        } else {
            Dir::Ltr
        }
    }
}

impl Article {
    /// A new Arabic article with only the required parts.
    pub fn new(title: String, body: Vec<String>) -> Self {
        Article {
            title,
            summary: None,
            body,
            author: None,
            lang: "ar".into(),
            dir: Dir::Rtl,
            url: None,
            published: None,
            source: None,
        }
    }

    /// Bytes of text a reader would see, for the size limit.
    pub fn text_len(&self) -> usize {
        let opt = |s: &Option<String>| s.as_ref().map_or(0, String::len);
        self.title.len()
            + opt(&self.summary)
            + self.body.iter().map(String::len).sum::<usize>()
            + self
                .author
                .as_ref()
                .map_or(0, |a| a.name.len() + a.bio.len())
            + opt(&self.url)
            + opt(&self.published)
            + opt(&self.source)
    }
}

/// `url` if it is an absolute http: or https: URL (the only kinds the card links to).
pub fn safe_url(url: &str) -> Option<&str> {
    let (scheme, rest) = url.split_once(':')?;
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    // No whitespace or controls anywhere: browsers strip some of them, which could smuggle a scheme.
    let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control());
    (web && rest.starts_with("//") && rest.len() > 2 && clean).then_some(url)
}

/// The article the crate ships with, in the plain-text format of `parse`.
pub const EMBEDDED: &str = include_str!("../content/article.txt");
