//! The routes: each looks its slug or file up in what was loaded, never in the file system, and answers from memory.

use crate::asset::{html_headers, respond, Asset};
use crate::render::{height_guess, Site};
use crate::statics::Statics;
use crate::store::{is_slug, Catalog, State};
use axum::extract::{Path, RawQuery, Request, State as Shared};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::{Arc, RwLock};
use tower_http::cors::{Any, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;

/// The longest request target accepted (path and query): a URL to a page of this server is
/// far shorter, and a CDN's own limit is about this.
pub const MAX_URI: usize = 2048;

/// Which form the oEmbed `html` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmbedForm {
    Iframe,
    Script,
}

impl EmbedForm {
    pub fn parse(s: &str) -> Option<EmbedForm> {
        match s {
            "iframe" => Some(EmbedForm::Iframe),
            "script" => Some(EmbedForm::Script),
            _ => None,
        }
    }
}

pub struct App {
    pub site: Site,
    pub statics: Statics,
    pub catalog: RwLock<Arc<Catalog>>,
    pub embed: EmbedForm,
    pub cache_age: u32,
    /// The oEmbed `width` when the consumer gives no `maxwidth`.
    pub width: u32,
    /// `--bench-floor`: `GET /__floor` answers this fixed body with no lookup, no ETag and no
    /// encoding, the floor the load benchmark measures the routes against (docs/benchmarks.md).
    pub floor: Option<axum::body::Bytes>,
}

/// What every handler gets: the server, shared.
type AppState = Shared<Arc<App>>;

impl App {
    /// The articles as the last scan left them.
    pub fn catalog(&self) -> Arc<Catalog> {
        // A poisoned lock still holds a whole catalog (it is swapped, never edited in place).
        match self.catalog.read() {
            Ok(c) => c.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }

    /// Replaces the articles with a new scan's, whole.
    pub fn swap(&self, next: Catalog) {
        let next = Arc::new(next);
        match self.catalog.write() {
            Ok(mut c) => *c = next,
            Err(poisoned) => *poisoned.into_inner() = next,
        }
    }

    fn error(
        &self,
        method: &Method,
        req: &HeaderMap,
        status: StatusCode,
        detail: &str,
    ) -> Response {
        let title = status.canonical_reason().unwrap_or("Error");
        respond(method, req, status, &self.site.error_page(title, detail))
    }

    fn not_found(&self, method: &Method, req: &HeaderMap) -> Response {
        self.error(
            method,
            req,
            StatusCode::NOT_FOUND,
            "No such page on this server.",
        )
    }
}

async fn index(Shared(app): AppState, method: Method, req: HeaderMap) -> Response {
    match &app.catalog().index {
        Some(index) => respond(&method, &req, StatusCode::OK, index),
        None => app.error(
            &method,
            &req,
            StatusCode::SERVICE_UNAVAILABLE,
            "Loading the articles.",
        ),
    }
}

async fn healthz(Shared(app): AppState, method: Method, req: HeaderMap) -> Response {
    let catalog = app.catalog();
    let broken = catalog
        .entries
        .values()
        .filter(|e| matches!(e.state, State::Broken { .. }))
        .count();
    let body = format!("ok: {} articles, {broken} broken\n", catalog.entries.len());
    let asset = Asset::new("text/plain; charset=utf-8", body.into_bytes(), "no-store");
    respond(&method, &req, StatusCode::OK, &asset)
}

/// Which of an article's responses a route gives.
#[derive(Clone, Copy)]
enum Part {
    Page,
    Embed,
    Json,
}

fn article_part(app: &App, method: &Method, req: &HeaderMap, slug: &str, part: Part) -> Response {
    let catalog = app.catalog();
    let Some(entry) = is_slug(slug).then(|| catalog.entries.get(slug)).flatten() else {
        return app.not_found(method, req);
    };
    match &entry.state {
        State::Ok(r) => respond(
            method,
            req,
            StatusCode::OK,
            match part {
                Part::Page => &r.page,
                Part::Embed => &r.embed,
                Part::Json => &r.json,
            },
        ),
        State::Broken { page, .. } => respond(method, req, StatusCode::INTERNAL_SERVER_ERROR, page),
    }
}

async fn article(
    Shared(app): AppState,
    method: Method,
    req: HeaderMap,
    Path(file): Path<String>,
) -> Response {
    match file.strip_suffix(".json") {
        Some(slug) => article_part(&app, &method, &req, slug, Part::Json),
        None => article_part(&app, &method, &req, &file, Part::Page),
    }
}

async fn embed(
    Shared(app): AppState,
    method: Method,
    req: HeaderMap,
    Path(slug): Path<String>,
) -> Response {
    article_part(&app, &method, &req, &slug, Part::Embed)
}

async fn static_file(
    Shared(app): AppState,
    method: Method,
    req: HeaderMap,
    Path(name): Path<String>,
) -> Response {
    match app.statics.files.get(&name) {
        Some(asset) => respond(&method, &req, StatusCode::OK, asset),
        None => app.not_found(&method, &req),
    }
}

/// The oEmbed query, read by hand so that each bad parameter gets the spec's answer.
#[derive(Default)]
struct OembedQuery {
    url: Option<String>,
    maxwidth: Option<String>,
    maxheight: Option<String>,
    format: Option<String>,
    embed: Option<String>,
}

/// The decoded value of one query component (`+` is a space; a bad escape is kept as is).
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok());
                match hex {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl OembedQuery {
    fn parse(raw: &str) -> OembedQuery {
        let mut q = OembedQuery::default();
        for pair in raw.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let v = Some(decode(v));
            match decode(k).as_str() {
                "url" => q.url = v,
                "maxwidth" => q.maxwidth = v,
                "maxheight" => q.maxheight = v,
                "format" => q.format = v,
                "embed" => q.embed = v,
                _ => {}
            }
        }
        q
    }
}

/// The slug of a URL on this server (`BASE/a/{slug}` or `BASE/embed/{slug}`, any query or
/// fragment ignored), or None. Only compared, never fetched: there is no request to make.
pub fn slug_of_url<'a>(base: &str, url: &'a str) -> Option<&'a str> {
    let url = url.split(['#', '?']).next().unwrap_or(url);
    // Scheme and host compare without case; the path as given.
    let prefix = url.get(..base.len())?;
    if !prefix.eq_ignore_ascii_case(base) {
        return None;
    }
    let path = &url[base.len()..];
    let slug = path
        .strip_prefix("/a/")
        .or_else(|| path.strip_prefix("/embed/"))?;
    let slug = slug.strip_suffix('/').unwrap_or(slug);
    is_slug(slug).then_some(slug)
}

fn plain(status: StatusCode, text: &str) -> Response {
    (
        status,
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        format!("{text}\n"),
    )
        .into_response()
}

/// A positive whole number of pixels, or the parameter's error.
fn pixels(name: &str, value: Option<&String>) -> Result<Option<u32>, Response> {
    match value.map(|v| v.trim().parse::<u32>()) {
        None => Ok(None),
        Some(Ok(n)) if n > 0 => Ok(Some(n)),
        Some(_) => Err(plain(
            StatusCode::BAD_REQUEST,
            &format!("{name}: expected a positive whole number of pixels"),
        )),
    }
}

async fn oembed(
    Shared(app): AppState,
    method: Method,
    req: HeaderMap,
    RawQuery(raw): RawQuery,
) -> Response {
    let q = OembedQuery::parse(raw.as_deref().unwrap_or(""));
    match q.format.as_deref() {
        None | Some("json") => {}
        // oEmbed 1.0, 2.2: a format the provider does not implement is 501.
        Some(_) => {
            return plain(
                StatusCode::NOT_IMPLEMENTED,
                "format: only json is implemented",
            )
        }
    }
    let Some(url) = q.url.as_deref() else {
        return plain(StatusCode::BAD_REQUEST, "url: required");
    };
    let (maxwidth, maxheight) = match (
        pixels("maxwidth", q.maxwidth.as_ref()),
        pixels("maxheight", q.maxheight.as_ref()),
    ) {
        (Ok(w), Ok(h)) => (w, h),
        (Err(e), _) | (_, Err(e)) => return e,
    };
    let form = match q.embed.as_deref() {
        None => app.embed,
        Some(s) => match EmbedForm::parse(s) {
            Some(f) => f,
            None => return plain(StatusCode::BAD_REQUEST, "embed: expected iframe or script"),
        },
    };
    let catalog = app.catalog();
    let Some((slug, entry)) =
        slug_of_url(&app.site.base, url).and_then(|s| Some((s, catalog.entries.get(s)?)))
    else {
        return plain(StatusCode::NOT_FOUND, "url: not an article of this server");
    };
    let rendered = match &entry.state {
        State::Ok(r) => r,
        State::Broken { message, .. } => {
            return plain(
                StatusCode::INTERNAL_SERVER_ERROR,
                &format!("{}: {message}", entry.file),
            )
        }
    };
    let width = maxwidth.map_or(app.width, |m| m.min(app.width));
    let height = maxheight.map_or_else(
        || height_guess(&rendered.article, width),
        |m| m.min(height_guess(&rendered.article, width)),
    );
    let article = &rendered.article;
    let html = match form {
        EmbedForm::Iframe => app.site.iframe_embed(slug, article, width, height),
        EmbedForm::Script => app.site.script_embed(slug),
    };
    let mut body = serde_json::json!({
        "version": "1.0",
        "type": "rich",
        "title": article.title,
        "provider_name": app.site.provider,
        "provider_url": format!("{}/", app.site.base),
        "cache_age": app.cache_age,
        "width": width,
        "height": height,
        "html": html,
    });
    if let Some(author) = &article.author {
        body["author_name"] = author.name.clone().into();
    }
    if let Some(image) = &article.image {
        body["thumbnail_url"] = image.src.clone().into();
        body["thumbnail_width"] = image.width.into();
        body["thumbnail_height"] = image.height.into();
    }
    let asset = Asset::uncompressed(
        "application/json; charset=utf-8",
        body.to_string().into_bytes(),
        "public, max-age=3600",
    );
    respond(&method, &req, StatusCode::OK, &asset)
}

async fn fallback(Shared(app): AppState, method: Method, req: HeaderMap) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = app.error(
            &method,
            &req,
            StatusCode::METHOD_NOT_ALLOWED,
            "Only GET and HEAD.",
        );
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    app.not_found(&method, &req)
}

/// Refuses a request target longer than `MAX_URI` before any route reads it.
async fn limit_uri(Shared(app): AppState, request: Request, next: Next) -> Response {
    if request.uri().to_string().len() > MAX_URI {
        let method = request.method().clone();
        return app.error(
            &method,
            request.headers(),
            StatusCode::URI_TOO_LONG,
            "The request's URL is too long.",
        );
    }
    next.run(request).await
}

/// Every error response axum writes itself (a bad path, a wrong method) gets the HTML headers too.
async fn html_policy(Shared(app): AppState, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|t| t.starts_with("text/html"));
    if is_html
        && !response
            .headers()
            .contains_key(header::CONTENT_SECURITY_POLICY)
    {
        html_headers(response.headers_mut(), &app.site.page_csp);
    }
    response
}

async fn floor(Shared(app): AppState) -> Response {
    match &app.floor {
        Some(body) => (
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            body.clone(),
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

pub fn router(app: Arc<App>) -> Router {
    // Any origin may read the files, the article JSON and the oEmbed answer: a page on another
    // origin loads them with `crossorigin` (the module, the wasm) or fetch (`src`).
    // The answer is `*` for every origin, so it varies on none: no `Vary: Origin` to split a
    // CDN's cache by the page asking.
    let cors = CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::HEAD])
        .vary(Vec::<header::HeaderName>::new());
    let mut routes = Router::new();
    if app.floor.is_some() {
        routes = routes.route("/__floor", get(floor));
    }
    routes
        .route("/", get(index))
        .route("/healthz", get(healthz))
        .route("/a/{file}", get(article).layer(cors.clone()))
        .route("/embed/{slug}", get(embed))
        .route("/oembed", get(oembed).layer(cors.clone()))
        .route("/static/{*name}", get(static_file).layer(cors))
        .fallback(fallback)
        .layer(middleware::from_fn_with_state(app.clone(), html_policy))
        .layer(middleware::from_fn_with_state(app.clone(), limit_uri))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .with_state(app)
}
