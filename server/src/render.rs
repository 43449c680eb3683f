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
/// the shell shows this article once it runs), JSON-LD on the article page only.
fn card_options<'a>(page_url: &'a str, json_ld: bool) -> PrerenderOptions<'a> {
    PrerenderOptions {
        json_ld,
        url: Some(page_url),
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
        let card = prerender::render(article, &card_options(&page_url, true));
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
             </head>\n<body>\n<header class=\"site\"><a href=\"{base}/\">{provider}</a></header>\n<main>\n{card}\n</main>\n</body>\n</html>\n",
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
        let card = prerender::render(article, &card_options(&page_url, false));
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

/// A first guess at the collapsed card's height in CSS pixels at `width`, for the oEmbed
/// `height` and the iframe's `height` before the embed page reports the real one. Lines are
/// counted from the text's length at the card's type sizes (server.css keeps the embed's
/// margins at zero); the embed page then posts the measured height.
pub fn height_guess(article: &Article, width: u32) -> u32 {
    // Inner width: the card's padding and border (see www/news-card.css) on both sides.
    let inner = width.saturating_sub(42).max(120) as usize;
    let lines = |chars: usize, px_per_char: usize| {
        chars.saturating_mul(px_per_char).div_ceil(inner).max(1) as u32
    };
    let title = article.title.chars().count();
    let summary = article.summary.as_deref().map_or(0, |s| s.chars().count());
    let mut h = 130 + lines(title, 13) * 34;
    if summary > 0 {
        h += 40 + lines(summary, 9) * 27;
    }
    if let Some(image) = &article.image {
        h += (inner as u32).saturating_mul(image.height) / image.width.max(1) + 12;
    }
    h
}
