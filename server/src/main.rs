//! news-card-server: a publisher's embed server. Article pages, iframe embeds and an oEmbed provider over a directory of articles, prerendered by news-card's core.
//!
//! `news-card-server [--articles DIR] [--dist DIR] [--addr HOST:PORT] [--base-url URL] ...`
//! (`--help`). Prints `listening on http://ADDR/` once bound (PORT 0 picks a free port). The
//! directory is re-scanned every `--poll` seconds and on SIGHUP; SIGTERM or SIGINT stops
//! accepting, lets the requests in flight finish, and exits 0.

mod app;
mod asset;
mod render;
mod statics;
mod store;

use app::{App, EmbedForm};
use axum::http::HeaderValue;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use render::Site;
use statics::Statics;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, RwLock};
use std::time::Duration;
use store::{Catalog, Source};
use tokio::signal::unix::{signal, SignalKind};

const USAGE: &str = "usage: news-card-server [options]
  --articles DIR         the articles, one file per slug: SLUG.json or SLUG.txt
                         (default: the embedded article, as slug `embedded`)
  --dist DIR             the files of ./build.sh dist, served under /static/ (default: dist)
  --addr HOST:PORT       where to listen (default: 127.0.0.1:8080; port 0: any free port)
  --base-url URL         the public URL of this server, as readers and CMSs reach it
                         (default: http://ADDR, as bound)
  --embed iframe|script  the oEmbed html when the request does not say (default: iframe)
  --frame-ancestors SRC  who may frame /embed/ pages: CSP frame-ancestors sources (default: *)
  --provider-name NAME   the oEmbed provider_name and the pages' header (default: news-card)
  --width PX             the oEmbed width without maxwidth (default: 550)
  --cache-age SECONDS    the oEmbed cache_age (default: 86400)
  --poll SECONDS         re-scan the directory this often; 0: only on SIGHUP (default: 1)
  --shutdown-grace SECONDS  how long SIGTERM waits for requests in flight (default: 30)
  --bench-floor BYTES    also answer GET /__floor with a fixed body of BYTES (load benchmarks only)";

/// The command line, checked.
struct Config {
    articles: Source,
    dist: PathBuf,
    addr: String,
    base_url: Option<String>,
    embed: EmbedForm,
    frame_ancestors: String,
    provider: String,
    width: u32,
    cache_age: u32,
    poll: u64,
    grace: u64,
    floor: Option<usize>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Config, String> {
    let mut c = Config {
        articles: Source::Embedded,
        dist: PathBuf::from("dist"),
        addr: "127.0.0.1:8080".into(),
        base_url: None,
        embed: EmbedForm::Iframe,
        frame_ancestors: "*".into(),
        provider: "news-card".into(),
        width: 550,
        cache_age: 86_400,
        poll: 1,
        grace: 30,
        floor: None,
    };
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            return Err(String::new());
        }
        let value = args
            .next()
            .ok_or_else(|| format!("{flag}: needs a value"))?;
        let number = |v: &str| {
            v.parse::<u32>()
                .map_err(|_| format!("{flag} {v}: expected a whole number"))
        };
        match flag.as_str() {
            "--articles" => c.articles = Source::Dir(PathBuf::from(value)),
            "--dist" => c.dist = PathBuf::from(value),
            "--addr" => c.addr = value,
            "--base-url" => {
                let base = value.trim_end_matches('/').to_owned();
                if !(base.starts_with("http://") || base.starts_with("https://"))
                    || base.contains(['"', '<', '>', ' ', '?', '#'])
                {
                    return Err(format!(
                        "--base-url {value}: expected an http: or https: URL"
                    ));
                }
                c.base_url = Some(base);
            }
            "--embed" => {
                c.embed = EmbedForm::parse(&value)
                    .ok_or(format!("--embed {value}: expected iframe or script"))?
            }
            "--frame-ancestors" => {
                if value.contains([';', ',', '\r', '\n']) || value.trim().is_empty() {
                    return Err(format!("--frame-ancestors {value}: expected CSP sources"));
                }
                c.frame_ancestors = value;
            }
            "--provider-name" => c.provider = value,
            "--width" => c.width = number(&value)?.max(1),
            "--cache-age" => c.cache_age = number(&value)?,
            "--poll" => c.poll = u64::from(number(&value)?),
            "--shutdown-grace" => c.grace = u64::from(number(&value)?),
            "--bench-floor" => c.floor = Some(number(&value)?.min(1 << 20) as usize),
            _ => return Err(format!("{flag}: unknown option")),
        }
    }
    Ok(c)
}

/// `scheme://host[:port]` of `base`.
fn origin(base: &str) -> &str {
    let after = base.find("://").map_or(0, |i| i + 3);
    base[after..].find('/').map_or(base, |i| &base[..after + i])
}

/// The documented CSP (docs/embed-server.md): the server's own origin for scripts, styles,
/// fonts and fetches (named, not only 'self', for the embed in a sandboxed frame, whose origin
/// is opaque), the card's inline stylesheet by its hash, article images from https.
fn csp(base: &str, frame_ancestors: &str) -> String {
    let o = origin(base);
    format!(
        "default-src 'none'; script-src 'self' {o} 'wasm-unsafe-eval'; style-src 'self' {o} {style}; \
         img-src 'self' {o} https: data:; font-src 'self' {o}; connect-src 'self' {o}; \
         base-uri 'none'; form-action 'none'; object-src 'none'; frame-ancestors {frame_ancestors}",
        style = news_card::prerender::STYLE_CSP,
    )
}

/// Re-scans the articles every `poll` seconds (0: never) and on each SIGHUP, swapping the
/// catalog when something changed.
async fn reloader(app: Arc<App>, source: Source, poll: u64) {
    let Ok(mut hup) = signal(SignalKind::hangup()) else {
        eprintln!("news-card-server: cannot listen for SIGHUP; reloading by polling only");
        return;
    };
    loop {
        let forced = tokio::select! {
            _ = tokio::time::sleep(Duration::from_secs(poll.max(1))), if poll > 0 => false,
            _ = hup.recv() => true,
        };
        let (app2, source2) = (app.clone(), source.clone());
        let scanned = tokio::task::spawn_blocking(move || {
            let before = app2.catalog();
            let next = store::scan(&app2.site, &source2, &before);
            (!next.same_as(&before)).then_some(next)
        })
        .await;
        if let Ok(Some(next)) = scanned {
            log_catalog("reloaded", &next);
            app.swap(next);
        } else if forced {
            eprintln!("news-card-server: SIGHUP: nothing changed");
        }
    }
}

fn log_catalog(what: &str, catalog: &Catalog) {
    let broken = catalog
        .entries
        .values()
        .filter(|e| matches!(e.state, store::State::Broken { .. }))
        .count();
    eprintln!(
        "news-card-server: {what}: {} articles, {broken} broken",
        catalog.entries.len()
    );
}

async fn run(c: Config) -> Result<(), String> {
    let listener = tokio::net::TcpListener::bind(&c.addr)
        .await
        .map_err(|e| format!("--addr {}: {e}", c.addr))?;
    let local = listener.local_addr().map_err(|e| e.to_string())?;
    let base = c
        .base_url
        .clone()
        .unwrap_or_else(|| format!("http://{local}"));
    let (statics, names) = Statics::load(&c.dist)?;
    let header = |s: String| {
        HeaderValue::from_str(&s).map_err(|_| "the CSP is not a header value".to_owned())
    };
    let site = Site {
        page_csp: header(csp(&base, "'self'"))?,
        embed_csp: header(csp(&base, &c.frame_ancestors))?,
        base,
        provider: c.provider.clone(),
        module: names.module,
        integrity: names.integrity,
        css: names.css,
        embed_js: names.embed_js,
        host_js: names.host_js,
    };
    if let Source::Dir(dir) = &c.articles {
        if !dir.is_dir() {
            return Err(format!("--articles {}: not a directory", dir.display()));
        }
    }
    let catalog = store::scan(&site, &c.articles, &Catalog::default());
    log_catalog("loaded", &catalog);
    let app = Arc::new(App {
        site,
        statics,
        catalog: RwLock::new(Arc::new(catalog)),
        embed: c.embed,
        cache_age: c.cache_age,
        width: c.width,
        floor: c.floor.map(|n| axum::body::Bytes::from(vec![b'x'; n])),
    });
    if matches!(c.articles, Source::Dir(_)) {
        tokio::spawn(reloader(app.clone(), c.articles.clone(), c.poll));
    }
    let router = app::router(app);

    let mut http = hyper::server::conn::http1::Builder::new();
    // Header limits: 16 KiB of request head, 64 fields, 10 s to send them (slow clients).
    http.timer(TokioTimer::new())
        .header_read_timeout(Duration::from_secs(10))
        .max_buf_size(16 * 1024)
        .max_headers(64);
    let mut term = signal(SignalKind::terminate()).map_err(|e| e.to_string())?;
    let mut int = signal(SignalKind::interrupt()).map_err(|e| e.to_string())?;
    println!("listening on http://{local}/");
    let _ = std::io::stdout().flush();
    let graceful = GracefulShutdown::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => stream,
                    Err(e) => {
                        // Out of file descriptors, say: wait rather than spin.
                        eprintln!("news-card-server: accept: {e}");
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let _ = stream.set_nodelay(true);
                let conn = http.serve_connection(TokioIo::new(stream), TowerToHyperService::new(router.clone()));
                let conn = graceful.watch(conn);
                tokio::spawn(async move {
                    let _ = conn.await;
                });
            }
            _ = term.recv() => break,
            _ = int.recv() => break,
        }
    }
    drop(listener); // no new connections from here
    eprintln!("news-card-server: stopping: finishing the requests in flight");
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(Duration::from_secs(c.grace)) => {
            eprintln!("news-card-server: requests still in flight after {} s; stopping anyway", c.grace);
        }
    }
    Ok(())
}

fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(c) => c,
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("news-card-server: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("news-card-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(config)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("news-card-server: {e}");
            ExitCode::FAILURE
        }
    }
}
