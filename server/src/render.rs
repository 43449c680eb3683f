//! The server's pages around the core's prerendered card: the article page, the embed page, the index, error pages, and the oEmbed `html`.
//!
//! The card itself is always `news_card::prerender::render`: nothing here writes card markup.
//! Every prerender option the server sets is in `card_options`, one function, so a change of
//! the core's options type is a change in one place.

use crate::asset::Asset;
use axum::http::HeaderValue;
use news_card::article::Article;
use news_card::prerender::{self, Carry, PrerenderOptions};
use news_card::view::html::escape_attr;

/// What the pages link to and say about the server: fixed once the server has started.
#[derive(Debug, Clone)]
pub struct Site {
    /// The public base URL, without a trailing slash (`https://embed.example.com`).
    pub base: String,
    /// The oEmbed `provider_name`, and the pages' header.
    pub provider: String,
    /// `/static/` names: the card's module and its SRI hash (dist/snippet.html), the server's
    /// stylesheet, the embed page's script and the host page's script.
    pub module: String,
    pub integrity: String,
    pub css: String,
    pub embed_js: String,
    pub host_js: String,
    /// The CSP of the pages, and of the embed page (its `frame-ancestors` is configured).
    pub page_csp: HeaderValue,
    pub embed_csp: HeaderValue,
}

/// The prerender options of every card the server writes: the article carried inline (so
/// the shell shows this article once it runs), JSON-LD on the article page only, its `url`
/// the article's own or else this server's page; the article's relative URLs resolve against
/// its page for the JSON-LD (the card's markup keeps them relative, for the browser).
fn card_options<'a>(article: &Article, page_url: &'a str, json_ld: bool) -> PrerenderOptions<'a> {
    PrerenderOptions {
        json_ld,
        url: article.url.is_none().then_some(page_url),
        base: Some(page_url),
        carry: Carry::Inline,
        ..PrerenderOptions::default()
    }
}

/// `s` escaped for HTML text or a double-quoted attribute (the core's escaper).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape_attr(&mut out, s);
    out
}

/// `s` percent-encoded for a query value.
pub fn query_value(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Site {
    pub fn page_url(&self, slug: &str) -> String {
        format!("{}/a/{slug}", self.base)
    }
    pub fn embed_url(&self, slug: &str) -> String {
        format!("{}/embed/{slug}", self.base)
    }
    pub fn json_url(&self, slug: &str) -> String {
        format!("{}/a/{slug}.json", self.base)
    }
    pub fn oembed_url(&self, slug: &str) -> String {
        format!(
            "{}/oembed?url={}&format=json",
            self.base,
            query_value(&self.page_url(slug))
        )
    }

    /// The `<head>` lines every page shares: charset, viewport, the server's stylesheet and the card's module.
    fn head(&self, title: &str) -> String {
        format!(
            "<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <title>{}</title>\n<link rel=\"icon\" href=\"data:,\">\n\
             <link rel=\"stylesheet\" href=\"{base}/static/{css}\">\n\
             <script type=\"module\" src=\"{base}/static/{module}\" integrity=\"{sri}\" crossorigin=\"anonymous\"></script>\n",
            esc(title),
            base = self.base,
            css = self.css,
            module = self.module,
            sri = self.integrity,
        )
    }

    /// `GET /a/{slug}`: the prerendered card with its JSON-LD, oEmbed discovery and Open Graph.
    pub fn article_page(&self, slug: &str, article: &Article) -> Asset {
        let page_url = self.page_url(slug);
        let card = prerender::render(article, &card_options(article, &page_url, true));
        let canonical = article.url.as_deref().unwrap_or(&page_url);
        let mut meta = String::new();
        if let Some(summary) = &article.summary {
            meta.push_str(&format!(
                "<meta name=\"description\" content=\"{0}\">\n<meta property=\"og:description\" content=\"{0}\">\n",
                esc(summary)
            ));
        }
        if let Some(image) = &article.image {
            meta.push_str(&format!(
                "<meta property=\"og:image\" content=\"{}\">\n",
                esc(&image.src)
            ));
        }
        let body = format!(
            "<!doctype html>\n<html lang=\"{lang}\" dir=\"{dir}\">\n<head>\n{head}\
             <link rel=\"canonical\" href=\"{canonical}\">\n\
             <link rel=\"alternate\" type=\"application/json+oembed\" href=\"{oembed}\" title=\"{title}\">\n\
             <meta property=\"og:type\" content=\"article\">\n<meta property=\"og:title\" content=\"{title}\">\n\
             <meta property=\"og:url\" content=\"{page}\">\n<meta property=\"og:site_name\" content=\"{provider}\">\n{meta}\
             </head>\n<body>\n<header><h1 class=\"site\"><a href=\"{base}/\">{provider}</a></h1></header>\n<main>\n{card}\n</main>\n</body>\n</html>\n",
            lang = esc(&article.lang),
            dir = article.dir.as_str(),
            head = self.head(&article.title),
            canonical = esc(canonical),
            oembed = esc(&self.oembed_url(slug)),
            title = esc(&article.title),
            page = esc(&page_url),
            provider = esc(&self.provider),
            base = self.base,
        );
        Asset::html(body, "public, max-age=60", self.page_csp.clone())
    }

    /// `GET /embed/{slug}`: only the card, for an iframe; its script posts the height to the parent.
    pub fn embed_page(&self, slug: &str, article: &Article) -> Asset {
        let page_url = self.page_url(slug);
        let card = prerender::render(article, &card_options(article, &page_url, false));
        let body = format!(
            "<!doctype html>\n<html lang=\"{lang}\" dir=\"{dir}\" class=\"embed\">\n<head>\n{head}\
             <meta name=\"robots\" content=\"noindex\">\n<link rel=\"canonical\" href=\"{page}\">\n\
             <script type=\"module\" src=\"{base}/static/{embed_js}\"></script>\n</head>\n<body>\n{card}\n</body>\n</html>\n",
            lang = esc(&article.lang),
            dir = article.dir.as_str(),
            head = self.head(&article.title),
            page = esc(&page_url),
            base = self.base,
            embed_js = self.embed_js,
        );
        Asset::html(body, "public, max-age=60", self.embed_csp.clone())
    }

    /// `GET /`: every article by slug, a broken one with its file and error.
    pub fn index(&self, entries: &[(&str, Result<&Article, &str>)]) -> Asset {
        let mut items = String::new();
        for (slug, entry) in entries {
            match entry {
                Ok(article) => items.push_str(&format!(
                    "<li><a href=\"{}\" lang=\"{}\" dir=\"{}\">{}</a> (<a href=\"{}\">embed</a>)</li>\n",
                    esc(&self.page_url(slug)),
                    esc(&article.lang),
                    article.dir.as_str(),
                    esc(&article.title),
                    esc(&self.embed_url(slug)),
                )),
                Err(error) => items.push_str(&format!(
                    "<li>{}: <span class=\"error\">{}</span></li>\n",
                    esc(slug),
                    esc(error)
                )),
            }
        }
        let body = format!(
            "<!doctype html>\n<html lang=\"en\">\n<head>\n{head}</head>\n<body>\n<header class=\"site\">{provider}</header>\n\
             <main>\n<h1>Articles</h1>\n<ul>\n{items}</ul>\n</main>\n</body>\n</html>\n",
            head = self.head(&self.provider),
            provider = esc(&self.provider),
        );
        Asset::html(body, "public, max-age=60", self.page_csp.clone())
    }

    /// An error page: the status's words and what went wrong (for a broken article, its file
    /// and field). Never cached by a CDN for long: the file may be fixed any moment.
    pub fn error_page(&self, title: &str, detail: &str) -> Asset {
        let body = format!(
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{t}</title>\n\
             <link rel=\"stylesheet\" href=\"{base}/static/{css}\">\n</head>\n<body>\n<main>\n<h1>{t}</h1>\n<p class=\"error\">{d}</p>\n\
             <p><a href=\"{base}/\">All articles</a></p>\n</main>\n</body>\n</html>\n",
            t = esc(title),
            d = esc(detail),
            base = self.base,
            css = self.css,
        );
        Asset::html(body, "no-cache", self.page_csp.clone())
    }

    /// The oEmbed `html`, script form: the SRI-pinned module and a `<news-card src>`.
    pub fn script_embed(&self, slug: &str) -> String {
        format!(
            "<script type=\"module\" src=\"{base}/static/{module}\" integrity=\"{sri}\" crossorigin=\"anonymous\"></script>\
             <news-card src=\"{json}\"></news-card>",
            base = self.base,
            module = self.module,
            sri = self.integrity,
            json = esc(&self.json_url(slug)),
        )
    }

    /// The oEmbed `html`, iframe form: what WordPress's `wp_filter_oembed_result` keeps (a
    /// blockquote with a link, then an iframe with its plain attributes), and the host script
    /// that sizes the frame on pages that run it (WordPress uses its own, on the same messages).
    pub fn iframe_embed(&self, slug: &str, article: &Article, width: u32, height: u32) -> String {
        format!(
            "<blockquote class=\"news-card-embed\"><a href=\"{page}\">{title}</a></blockquote>\
             <iframe class=\"news-card-embed\" src=\"{src}\" width=\"{width}\" height=\"{height}\" title=\"{title}\" \
             frameborder=\"0\" marginwidth=\"0\" marginheight=\"0\" scrolling=\"no\" \
             sandbox=\"allow-scripts allow-popups allow-popups-to-escape-sandbox\"></iframe>\
             <script src=\"{base}/static/{host}\"></script>",
            page = esc(&self.page_url(slug)),
            title = esc(&article.title),
            src = esc(&self.embed_url(slug)),
            base = self.base,
            host = self.host_js,
        )
    }
}

/// A first guess at the collapsed card's height in CSS pixels at `width` in the embed page,
/// for the oEmbed `height` (the frame's height until the page reports the real one). Built from
/// the card's stylesheet (`src/card.css`: 16 px text at line-height 1.9, a 24 px headline at
/// 1.8, 1.5em by 1.25em padding, a 1 px border, 44em at most) as laid out in Chromium, with
/// the lines of each text estimated from its length: an average advance per character of the
/// script (Arabic or Latin), word wrapping included. A line more or less moves the host page by
/// one line height once the frame reports; the right guess moves nothing.
pub fn height_guess(article: &Article, width: u32) -> u32 {
    // The text's width: the card's, less padding (2 x 24) and border (2 x 1).
    let inner = f64::from(width.min(704)).max(100.0) - 50.0;
    let arabic = article.dir.as_str() == "rtl";
    // Average advance per character, in px: headline (bold, 24 px), text (16 px).
    let (title_char, text_char) = if arabic { (12.5, 7.5) } else { (15.5, 8.2) };
    let lines = |text: &str, per_char: f64| {
        (text.chars().count() as f64 * per_char / inner)
            .ceil()
            .max(1.0)
    };
    // Padding, border, the meta line and the toggle, and the headline's lines.
    let mut h = 141.468_75 + lines(&article.title, title_char) * 43.187_5;
    if let Some(summary) = &article.summary {
        // Its label, margins and lines.
        h += 49.359_375 + lines(summary, text_char) * 30.390_625;
    }
    if let Some(image) = &article.image {
        h += 12.0 + inner * f64::from(image.height) / f64::from(image.width.max(1));
        let small = [image.caption.as_deref(), image.credit.as_deref()];
        let caption: usize = small.iter().flatten().map(|t| t.chars().count() + 3).sum();
        if caption > 0 {
            h += 5.6 + (caption as f64 * 7.0 / inner).ceil() * 26.6;
        }
    }
    if let Some(author) = &article.author {
        // Its rule and margin, the name's line, and the bio's lines.
        h += 123.25 + lines(&author.bio, text_char) * 30.390_625;
    }
    h.ceil() as u32
}

#[cfg(test)]
mod tests {
    use super::height_guess;
    use news_card::input;

    /// The collapsed card's height in the embed page as Chromium laid it out (document height,
    /// rounded up; measured with the e2e harness's Chromium and DejaVu Sans), against the guess.
    /// A change to the card's stylesheet shows here first: re-measure and re-fit the constants.
    #[test]
    fn the_guess_is_the_height_chromium_lays_out() {
        let market = r#"{"title": "The old market reopens after the flood",
            "summary": "Traders are back under the restored roof, a year after the water reached the first floor.",
            "body": ["x"], "author": {"name": "Ada Lovelace", "bio": "Covers the city."}, "lang": "en",
            "url": "https://news.example/market", "source": "Example News"}"#;
        let short = r#"{"title": "Short", "body": ["x"]}"#;
        let summed = r#"{"title": "A medium length English headline about the city council",
            "summary": "One sentence summary.", "body": ["x"], "lang": "en"}"#;
        let image = r#"{"title": "With an image", "body": ["x"], "lang": "en",
            "image": {"src": "https://example.org/a.jpg", "alt": "a", "width": 1200, "height": 800}}"#;
        let korea = input::text_str(include_str!("../../content/article.txt")).unwrap();
        let json = |s: &str| input::json::from_str(s).unwrap();
        let cases = [
            (json(market), 320, 566),
            (json(market), 550, 492),
            (korea.clone(), 320, 852),
            (korea, 550, 614),
            (json(short), 320, 185),
            (json(short), 550, 185),
            (json(summed), 320, 394),
            (json(summed), 550, 308),
            (json(image), 320, 377),
            (json(image), 550, 530),
        ];
        let got: Vec<u32> = cases.iter().map(|(a, w, _)| height_guess(a, *w)).collect();
        let want: Vec<u32> = cases.iter().map(|c| c.2).collect();
        assert_eq!(got, want);
    }
}
