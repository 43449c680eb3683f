//! The rust-server example: an axum server that prerenders the card into each page per request with news-card's render API, and serves the card's files under a strict CSP.
//!
//! `GET /` is the crate's embedded article, `GET /articles/market` an article read from JSON;
//! `?open` starts the card open. Everything else is a file of the card (`news-card.js`, its
//! shell modules, the glue and the wasm) from the repository's `www/` after `./build.sh build`,
//! or `NEWS_CARD_WWW`.

use axum::extract::{Path, Query};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use news_card::article::Article;
use news_card::input;
use news_card::prerender::{self, Carry, PrerenderOptions};
use serde::Deserialize;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

/// The articles this server knows, by slug, in the JSON format (www/article.schema.json).
const ARTICLES: &[(&str, &str)] = &[("market", include_str!("../articles/market.json"))];

/// What a request may ask of the card.
#[derive(Deserialize)]
struct CardQuery {
    /// `?open`: the full text starts open.
    open: Option<String>,
}

/// The page around a card: its `<news-card>` element prerendered, and the module that hydrates it.
fn page(article: &Article, carry: Carry, query: &CardQuery) -> Html<String> {
    let card = prerender::render(
        article,
        &PrerenderOptions {
            open: query.open.is_some(),
            json_ld: true,
            carry,
            ..PrerenderOptions::default()
        },
    );
    let mut links = String::from("<a href=\"/\">The embedded article</a>");
    for (slug, _) in ARTICLES {
        links.push_str(&format!(" · <a href=\"/articles/{slug}\">{slug}</a>"));
    }
    Html(format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>news-card from an axum server</title>\n<link rel=\"icon\" href=\"data:,\">\n\
         <script type=\"module\" src=\"/news-card.js\"></script>\n</head>\n<body>\n<main>\n\
         <h1>news-card from an axum server</h1>\n<nav>{links}</nav>\n{card}\n</main>\n</body>\n</html>\n"
    ))
}

async fn embedded(Query(query): Query<CardQuery>) -> Html<String> {
    // The shell shows the embedded article by default: the element need not carry it.
    page(&input::embedded(), Carry::Embedded, &query)
}

async fn article(Path(slug): Path<String>, Query(query): Query<CardQuery>) -> Response {
    let Some((_, json)) = ARTICLES.iter().find(|(s, _)| *s == slug) else {
        return (StatusCode::NOT_FOUND, "no such article").into_response();
    };
    // The JSON reader checks the limits and names the field of any problem.
    match input::json::from_str(json) {
        // Carried inline (a JSON script in the element), so the shell shows this article too.
        Ok(article) => page(&article, Carry::Inline, &query).into_response(),
        Err(error) => (StatusCode::INTERNAL_SERVER_ERROR, error.to_string()).into_response(),
    }
}

/// The policy every response carries: the card's own files only, its wasm compiled, and the
/// prerendered card's inline stylesheet allowed by its hash (`prerender::STYLE_CSP`).
fn csp() -> String {
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' {}; \
         img-src 'self' data:; object-src 'none'; base-uri 'none'",
        prerender::STYLE_CSP
    )
}

fn app(www: &str) -> Router {
    let csp = HeaderValue::from_str(&csp()).expect("the policy is ASCII");
    Router::new()
        .route("/", get(embedded))
        .route("/articles/{slug}", get(article))
        .fallback_service(ServeDir::new(www))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            csp,
        ))
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let www = std::env::var("NEWS_CARD_WWW")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../../www").to_owned());
    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".to_owned());
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    // The line a script (tests/examples.test.mjs) waits for, with the port when PORT=0.
    println!("listening on http://{}/", listener.local_addr()?);
    axum::serve(listener, app(&www)).await
}
