//! The embed server as a reader, a CMS and an attacker meet it: the real binary on a loopback port, spoken to over raw HTTP/1.1.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const RUST: &str = include_str!("../../tests/fixtures/article.json");
const KOREA: &str = include_str!("../../content/article.txt");
/// In the file outside the articles directory: no response may ever carry it.
const MARKER: &str = "SECRET-OUTSIDE-THE-DIRECTORY";

/// A running server over its own temporary directory: `root/articles`, `root/dist`, `root/outside`.
struct Server {
    child: Child,
    port: u16,
    root: PathBuf,
    stderr: Arc<Mutex<String>>,
}

fn temp_root() -> PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "news-card-server-test-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// A dist/ shaped as tools/dist.mjs writes it: the snippet names the module and its SRI hash.
fn write_dist(dir: &Path) {
    fs::create_dir_all(dir.join("fonts")).unwrap();
    let module = "/* news-card */ export const x = 1; ".repeat(40);
    fs::write(dir.join("news-card.0123456789ab.js"), module).unwrap();
    fs::write(dir.join("news_card_bg.ba9876543210.wasm"), vec![0u8; 4096]).unwrap();
    fs::write(dir.join("fonts/naskh-400.woff2"), b"wOF2 not really").unwrap();
    fs::write(
        dir.join("snippet.html"),
        "<!-- news-card -->\n<script type=\"module\" src=\"news-card.0123456789ab.js\" integrity=\"sha384-TESTTESTTEST\" crossorigin=\"anonymous\"></script>\n<news-card theme=\"auto\"></news-card>\n",
    )
    .unwrap();
}

impl Server {
    /// Articles `rust.json`, `korea.txt` and a broken `bad.json`; `extra` arguments after ours.
    fn start(extra: &[&str]) -> Server {
        let root = temp_root();
        let articles = root.join("articles");
        fs::create_dir_all(&articles).unwrap();
        fs::create_dir_all(root.join("outside")).unwrap();
        write_dist(&root.join("dist"));
        fs::write(articles.join("rust.json"), RUST).unwrap();
        fs::write(articles.join("korea.txt"), KOREA).unwrap();
        fs::write(
            articles.join("bad.json"),
            r#"{"title": "A title", "body": [3]}"#,
        )
        .unwrap();
        fs::write(
            root.join("outside/secret.json"),
            format!(r#"{{"title": "{MARKER}", "body": ["{MARKER}"]}}"#),
        )
        .unwrap();
        let mut args = vec![
            "--articles".to_owned(),
            articles.display().to_string(),
            "--dist".into(),
            root.join("dist").display().to_string(),
        ];
        args.extend(extra.iter().map(|s| s.to_string()));
        Server::spawn(root, &args)
    }

    fn spawn(root: PathBuf, args: &[String]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_news-card-server"))
            .args(args)
            .args(["--addr", "127.0.0.1:0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the server starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err = child.stderr.take().unwrap();
        let log = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err.read(&mut buf) {
                if n == 0 {
                    break;
                }
                log.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let port = line
            .trim()
            .strip_prefix("listening on http://127.0.0.1:")
            .and_then(|p| p.trim_end_matches('/').parse().ok())
            .unwrap_or_else(|| {
                panic!("no address in {line:?}; stderr: {}", stderr.lock().unwrap())
            });
        Server {
            child,
            port,
            root,
            stderr,
        }
    }

    fn base(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn get(&self, path: &str) -> Reply {
        self.request("GET", path, &[])
    }

    fn request(&self, method: &str, path: &str, headers: &[(&str, &str)]) -> Reply {
        let mut head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nConnection: close\r\n",
            self.port
        );
        for (k, v) in headers {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
        head.push_str("\r\n");
        raw(self.port, head.as_bytes())
    }

    fn articles(&self) -> PathBuf {
        self.root.join("articles")
    }

    fn signal(&self, name: &str) {
        let ok = Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(ok.success());
    }

    /// Waits until `path` answers a body containing `text` (the poll is 1 s by default).
    fn wait_for(&self, path: &str, text: &str) -> Reply {
        let end = Instant::now() + Duration::from_secs(10);
        loop {
            let r = self.get(path);
            if r.text().contains(text) {
                return r;
            }
            assert!(
                Instant::now() < end,
                "{path} never showed {text:?}; last: {} {}",
                r.status,
                r.text()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = fs::remove_dir_all(&self.root);
    }
}

#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `request` and reads the whole answer (the server closes after `Connection: close`).
fn raw(port: u16, request: &[u8]) -> Reply {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(request).unwrap();
    read_reply(&mut stream)
}

fn read_reply(stream: &mut TcpStream) -> Reply {
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    let split = bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| panic!("no head in {:?}", String::from_utf8_lossy(&bytes)));
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Reply {
        status,
        headers,
        body: bytes[split + 4..].to_vec(),
    }
}

/// The headers every HTML response carries (docs/embed-server.md, "CSP").
fn assert_html_headers(r: &Reply, frame_ancestors: &str) {
    let csp = r
        .header("content-security-policy")
        .unwrap_or_else(|| panic!("no CSP: {r:?}"));
    assert!(csp.contains(news_card::prerender::STYLE_CSP), "{csp}");
    assert!(csp.contains("default-src 'none'"), "{csp}");
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(
        csp.ends_with(&format!("frame-ancestors {frame_ancestors}")),
        "{csp}"
    );
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(
        r.header("referrer-policy"),
        Some("strict-origin-when-cross-origin")
    );
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
}

#[test]
fn every_route_answers_with_its_status_and_headers() {
    let s = Server::start(&[]);
    let index = s.get("/");
    assert_eq!(index.status, 200);
    assert_html_headers(&index, "'self'");
    assert!(index
        .text()
        .contains(&format!("href=\"{}/a/rust\"", s.base())));
    assert!(
        index.text().contains("bad: <span class=\"error\">body[0]"),
        "{}",
        index.text()
    );

    let page = s.get("/a/rust");
    assert_eq!(page.status, 200);
    assert_html_headers(&page, "'self'");
    let html = page.text();
    let article = news_card::input::json::from_str(RUST).unwrap();
    assert!(
        html.contains("<news-card data-digest="),
        "the card, prerendered by the core"
    );
    let card = news_card::prerender::card_html(
        &article,
        &news_card::prerender::PrerenderOptions::default(),
    );
    assert!(
        html.contains(&card),
        "the core's markup, as the core writes it"
    );
    assert!(html.contains("<script type=\"application/ld+json\">"));
    let discovery = format!(
        "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}/oembed?url=http%3A%2F%2F127.0.0.1%3A{}%2Fa%2Frust&amp;format=json\"",
        s.base(),
        s.port
    );
    assert!(html.contains(&discovery), "{html}");
    assert!(
        html.contains("integrity=\"sha384-TESTTESTTEST\""),
        "the module pinned as dist/snippet.html pins it"
    );

    let embed = s.get("/embed/rust");
    assert_eq!(embed.status, 200);
    assert_html_headers(&embed, "*");
    assert!(embed.text().contains("<news-card data-digest="));
    assert!(
        embed.text().contains("/static/news-card-embed."),
        "the height script"
    );
    assert!(
        !embed.text().contains("application/ld+json"),
        "only the card"
    );

    let json = s.get("/a/rust.json");
    assert_eq!(json.status, 200);
    assert_eq!(
        json.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(json.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        news_card::input::json::from_str(&json.text()).unwrap(),
        article
    );

    let module = s.get("/static/news-card.0123456789ab.js");
    assert_eq!(module.status, 200);
    assert_eq!(
        module.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(module.header("access-control-allow-origin"), Some("*"));
    assert_eq!(
        module.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    assert_eq!(
        module.header("vary"),
        Some("Accept-Encoding"),
        "one Vary, no Origin"
    );
    let wasm = s.get("/static/news_card_bg.ba9876543210.wasm");
    assert_eq!(
        (wasm.status, wasm.header("content-type")),
        (200, Some("application/wasm"))
    );
    let font = s.get("/static/fonts/naskh-400.woff2");
    assert_eq!(
        (font.status, font.header("cache-control")),
        (200, Some("public, max-age=3600")),
        "no hash: revalidated"
    );

    let health = s.get("/healthz");
    assert_eq!(health.status, 200);
    assert_eq!(health.text(), "ok: 3 articles, 1 broken\n");
    assert_eq!(health.header("cache-control"), Some("no-store"));

    for missing in [
        "/a/nope",
        "/embed/nope",
        "/a/nope.json",
        "/static/nope.js",
        "/nope",
        "/a/",
        "/static/",
        "/__floor",
    ] {
        let r = s.get(missing);
        assert_eq!(r.status, 404, "{missing}");
        assert_html_headers(&r, "'self'");
    }
    let post = s.request("POST", "/a/rust", &[("Content-Length", "0")]);
    assert_eq!(post.status, 405);
    assert_eq!(post.header("x-content-type-options"), Some("nosniff"));
}

#[test]
fn etags_answer_304_and_head_answers_the_headers_alone() {
    let s = Server::start(&[]);
    let oembed = format!("/oembed?url={}/a/rust", s.base());
    let paths = [
        "/",
        "/healthz",
        "/a/rust",
        "/embed/rust",
        "/a/rust.json",
        oembed.as_str(),
        "/static/news-card.0123456789ab.js",
        "/static/fonts/naskh-400.woff2",
    ];
    for path in paths {
        for encoding in ["identity", "gzip", "br"] {
            let full = s.request("GET", path, &[("Accept-Encoding", encoding)]);
            assert_eq!(full.status, 200, "{path}");
            let etag = full
                .header("etag")
                .unwrap_or_else(|| panic!("{path}: no ETag"))
                .to_owned();
            let not_modified = s.request(
                "GET",
                path,
                &[("If-None-Match", &etag), ("Accept-Encoding", encoding)],
            );
            assert_eq!(not_modified.status, 304, "{path} {encoding}");
            assert!(not_modified.body.is_empty());
            assert_eq!(not_modified.header("etag"), Some(etag.as_str()));
            let other = s.request("GET", path, &[("If-None-Match", "\"something-else\"")]);
            assert_eq!(other.status, 200, "{path}: another ETag is not a match");
            let head = s.request("HEAD", path, &[("Accept-Encoding", encoding)]);
            assert_eq!(head.status, 200, "{path}");
            assert!(head.body.is_empty(), "{path}: HEAD has no body");
            assert_eq!(
                head.header("content-length"),
                full.header("content-length"),
                "{path} {encoding}"
            );
            assert_eq!(head.header("etag"), Some(etag.as_str()));
            let head_304 = s.request(
                "HEAD",
                path,
                &[("If-None-Match", &etag), ("Accept-Encoding", encoding)],
            );
            assert_eq!(head_304.status, 304, "{path}");
        }
    }
    // The error page of a broken file and a 404 answer HEAD too.
    assert_eq!(s.request("HEAD", "/a/bad", &[]).status, 500);
    assert_eq!(s.request("HEAD", "/a/nope", &[]).status, 404);
    assert_eq!(s.request("HEAD", "/healthz", &[]).status, 200);
}

#[test]
fn static_files_and_pages_come_precompressed() {
    let s = Server::start(&[]);
    for path in ["/static/news-card.0123456789ab.js", "/a/rust"] {
        let plain = s.get(path);
        let br = s.request("GET", path, &[("Accept-Encoding", "gzip, deflate, br")]);
        assert_eq!(br.header("content-encoding"), Some("br"), "{path}");
        assert_eq!(br.header("vary"), Some("Accept-Encoding"));
        let mut decoded = Vec::new();
        brotli::BrotliDecompress(&mut &br.body[..], &mut decoded).unwrap();
        assert_eq!(decoded, plain.body, "{path}: the same bytes");
        assert_ne!(
            br.header("etag"),
            plain.header("etag"),
            "each encoding its own tag"
        );
        let gz = s.request("GET", path, &[("Accept-Encoding", "gzip, br;q=0")]);
        assert_eq!(
            gz.header("content-encoding"),
            Some("gzip"),
            "{path}: br refused by q=0"
        );
        let mut decoded = Vec::new();
        flate2::read::GzDecoder::new(&gz.body[..])
            .read_to_end(&mut decoded)
            .unwrap();
        assert_eq!(decoded, plain.body);
        assert_eq!(plain.header("content-encoding"), None);
    }
}

#[test]
fn a_bad_file_answers_an_error_page_naming_it_and_the_rest_is_served() {
    let s = Server::start(&[]);
    for path in ["/a/bad", "/embed/bad", "/a/bad.json"] {
        let r = s.get(path);
        assert_eq!(r.status, 500, "{path}");
        assert_html_headers(&r, "'self'");
        assert!(
            r.text().contains("articles/bad.json: body[0]"),
            "the file and the field: {}",
            r.text()
        );
        assert_eq!(r.header("cache-control"), Some("no-cache"));
    }
    let oembed = s.get(&format!("/oembed?url={}/a/bad", s.base()));
    assert_eq!(oembed.status, 500);
    assert!(oembed.text().contains("bad.json: body[0]"));
    assert_eq!(s.get("/a/rust").status, 200);
    assert_eq!(s.get("/a/korea").status, 200);
    let log = s.stderr.lock().unwrap().clone();
    assert!(log.contains("articles/bad.json: body[0]"), "logged: {log}");
}

/// Opens `fifo` for writing without blocking: that fails (ENXIO) unless a reader holds it open,
/// so it tells whether the server ever opened the file (its read would still be waiting).
fn has_reader(fifo: &Path) -> bool {
    use std::os::unix::fs::OpenOptionsExt;
    const O_NONBLOCK: i32 = 0o4000; // Linux
    fs::OpenOptions::new()
        .write(true)
        .custom_flags(O_NONBLOCK)
        .open(fifo)
        .is_ok()
}

#[test]
fn traversal_reads_nothing_outside_the_directory() {
    let root = temp_root();
    let articles = root.join("articles");
    fs::create_dir_all(&articles).unwrap();
    fs::create_dir_all(root.join("outside")).unwrap();
    write_dist(&root.join("dist"));
    fs::write(articles.join("rust.json"), RUST).unwrap();
    fs::write(
        root.join("outside/secret.json"),
        format!(r#"{{"title": "{MARKER}", "body": ["{MARKER}"]}}"#),
    )
    .unwrap();
    // A FIFO outside, and links to it and to the secret: following either would be a read outside.
    assert!(Command::new("mkfifo")
        .arg(root.join("outside/pipe.json"))
        .status()
        .unwrap()
        .success());
    std::os::unix::fs::symlink(root.join("outside/pipe.json"), articles.join("pipe.json")).unwrap();
    std::os::unix::fs::symlink("../outside/secret.json", articles.join("leak.json")).unwrap();
    std::os::unix::fs::symlink(root.join("outside"), articles.join("out")).unwrap();
    // A link that stays inside is followed.
    std::os::unix::fs::symlink("rust.json", articles.join("alias.json")).unwrap();
    let args = [
        "--articles",
        &articles.display().to_string(),
        "--dist",
        &root.join("dist").display().to_string(),
    ]
    .map(str::to_owned);
    let s = Server::spawn(root.clone(), &args);
    assert_eq!(
        s.get("/a/alias").status,
        200,
        "a link inside the directory is served"
    );
    let attempts = [
        "/a/..%2foutside%2fsecret",
        "/a/..%2Foutside%2Fsecret.json",
        "/a/%2e%2e%2foutside%2fsecret",
        "/a/%2E%2E/outside/secret",
        "/a/../outside/secret",
        "/a/..\\outside\\secret",
        "/a/..%5coutside%5csecret",
        "/a/%252e%252e%252foutside%252fsecret",
        "/a/..%c0%afoutside%c0%afsecret",
        "/a/..%e0%80%afoutside",
        "/a/leak",
        "/a/leak.json",
        "/embed/leak",
        "/a/pipe",
        "/a/out",
        "/a/out%2fsecret",
        "/embed/..%2f..%2fetc%2fpasswd",
        "/static/..%2f..%2foutside%2fsecret.json",
        "/static/../outside/secret.json",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static/fonts/..%2f..%2f..%2foutside%2fsecret.json",
        "/static//etc/passwd",
        "/static/%2fetc%2fpasswd",
        "/a/%00secret",
        "/a/secret%00.json",
        "/a/.%2e/outside/secret",
        "/a/%u002e%u002e/outside",
        "/a/RUST",
        "/a/rust%2f..%2f..%2foutside%2fsecret",
        "//outside/secret.json",
        "/a/~/outside",
        "/a/....//outside/secret",
    ];
    assert!(attempts.len() >= 20);
    for path in attempts {
        let r = s.get(path);
        assert!(matches!(r.status, 400 | 404), "{path}: {}", r.status);
        assert!(!r.text().contains(MARKER), "{path} leaked the secret");
    }
    for route in ["/a/", "/embed/", "/oembed?url="] {
        let r = s.get(&format!("{route}{}", "%2e%2e%2f".repeat(10)));
        assert!(!r.text().contains(MARKER));
    }
    let index = s.get("/").text();
    assert!(
        !index.contains(MARKER) && !index.contains("leak") && !index.contains("pipe"),
        "{index}"
    );
    assert!(
        !has_reader(&root.join("outside/pipe.json")),
        "the server opened the FIFO outside"
    );
    let log = s.stderr.lock().unwrap().clone();
    assert!(
        log.contains("leak.json: skipped, a symlink out of the directory"),
        "{log}"
    );
}

#[test]
fn oembed_answers_the_spec() {
    let s = Server::start(&[]);
    let base = s.base();
    let r = s.get(&format!("/oembed?url={base}/a/rust&format=json"));
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("content-type"),
        Some("application/json; charset=utf-8")
    );
    let v: serde_json::Value = serde_json::from_str(&r.text()).unwrap();
    assert_eq!(v["version"], "1.0");
    assert_eq!(v["type"], "rich");
    assert_eq!(v["title"], "Rust reaches the browser");
    assert_eq!(v["author_name"], "Ada Lovelace");
    assert_eq!(v["provider_name"], "news-card");
    assert_eq!(v["provider_url"], format!("{base}/"));
    assert_eq!(v["width"], 550);
    assert_eq!(v["cache_age"], 86400);
    assert!(v["height"].as_u64().is_some_and(|h| h > 100));
    assert!(v.get("thumbnail_url").is_none(), "no image, no thumbnail");
    let html = v["html"].as_str().unwrap();
    assert!(
        html.starts_with(&format!(
            "<blockquote class=\"news-card-embed\"><a href=\"{base}/a/rust\">"
        )),
        "{html}"
    );
    assert!(html.contains(&format!(
        "<iframe class=\"news-card-embed\" src=\"{base}/embed/rust\" width=\"550\" height=\"{}\"",
        v["height"]
    )));
    // The embed URL is a URL of this server too; maxwidth and maxheight are respected.
    let small: serde_json::Value = serde_json::from_str(
        &s.get(&format!(
            "/oembed?url={base}/embed/rust&maxwidth=320&maxheight=150"
        ))
        .text(),
    )
    .unwrap();
    assert_eq!(
        (small["width"].as_u64(), small["height"].as_u64()),
        (Some(320), Some(150))
    );
    let wide: serde_json::Value = serde_json::from_str(
        &s.get(&format!("/oembed?url={base}/a/rust&maxwidth=5000"))
            .text(),
    )
    .unwrap();
    assert_eq!(wide["width"], 550, "maxwidth is a maximum");
    // The script form: the SRI-pinned module and a <news-card src>.
    let script: serde_json::Value = serde_json::from_str(
        &s.get(&format!("/oembed?url={base}/a/rust&embed=script"))
            .text(),
    )
    .unwrap();
    assert_eq!(
        script["html"],
        format!("<script type=\"module\" src=\"{base}/static/news-card.0123456789ab.js\" integrity=\"sha384-TESTTESTTEST\" crossorigin=\"anonymous\"></script><news-card src=\"{base}/a/rust.json\"></news-card>")
    );
    // A URL-encoded url, as consumers send it.
    let encoded = s.get(&format!(
        "/oembed?url=http%3A%2F%2F127.0.0.1%3A{}%2Fa%2Fkorea&format=json",
        s.port
    ));
    assert_eq!(encoded.status, 200, "{}", encoded.text());
    // An article with a lead image: its thumbnail, and the image in the height.
    fs::write(
        s.articles().join("pic.json"),
        r#"{"title": "With an image", "body": ["x"], "lang": "en",
            "image": {"src": "https://example.org/a.jpg", "alt": "a", "width": 1200, "height": 800}}"#,
    )
    .unwrap();
    let pic = s.wait_for(&format!("/oembed?url={base}/a/pic"), "thumbnail_url");
    let pic: serde_json::Value = serde_json::from_str(&pic.text()).unwrap();
    assert_eq!(pic["thumbnail_url"], "https://example.org/a.jpg");
    assert_eq!(
        (
            pic["thumbnail_width"].as_u64(),
            pic["thumbnail_height"].as_u64()
        ),
        (Some(1200), Some(800))
    );
    assert!(
        pic["height"].as_u64().unwrap() > 300,
        "the image's box is in the guess"
    );
    // Errors as the spec says.
    assert_eq!(
        s.get(&format!("/oembed?url={base}/a/rust&format=xml"))
            .status,
        501
    );
    assert_eq!(s.get(&format!("/oembed?url={base}/a/nope")).status, 404);
    assert_eq!(s.get("/oembed").status, 400);
    assert_eq!(
        s.get(&format!("/oembed?url={base}/a/rust&maxwidth=wide"))
            .status,
        400
    );
    assert_eq!(
        s.get(&format!("/oembed?url={base}/a/rust&embed=flash"))
            .status,
        400
    );
}

#[test]
fn oembed_for_elsewhere_is_404_and_connects_nowhere() {
    let s = Server::start(&["--base-url", "https://embed.example.test"]);
    // A listener the server would reach if it fetched the URLs it is given.
    let trap = TcpListener::bind("127.0.0.1:0").unwrap();
    trap.set_nonblocking(true).unwrap();
    let t = trap.local_addr().unwrap().port();
    let elsewhere = [
        format!("http://127.0.0.1:{t}/a/rust"),
        format!("http://127.0.0.1:{t}/"),
        format!("https://embed.example.test@127.0.0.1:{t}/a/rust"),
        format!("https://embed.example.test.127.0.0.1.nip.io:{t}/a/rust"),
        "http://embed.example.test/a/rust".to_string(),
        format!("https://embed.example.test:{t}/a/rust"),
        "https://embed.example.test/a/../../a/rust".to_string(),
        "https://embed.example.test/other/rust".to_string(),
        "file:///etc/passwd".to_string(),
        format!("gopher://127.0.0.1:{t}/"),
    ];
    for url in &elsewhere {
        let r = s.get(&format!("/oembed?url={}", url.replace('&', "%26")));
        assert_eq!(r.status, 404, "{url}");
    }
    std::thread::sleep(Duration::from_millis(200));
    assert!(
        trap.accept().is_err(),
        "the server connected to a URL it was given"
    );
    // The configured base URL is its own: case aside, with a query or a fragment.
    for own in [
        "https://embed.example.test/a/rust",
        "HTTPS://EMBED.example.test/a/rust?utm=x",
        "https://embed.example.test/embed/rust#top",
    ] {
        let r = s.get(&format!(
            "/oembed?url={}",
            own.replace('#', "%23").replace('?', "%3F")
        ));
        assert_eq!(r.status, 200, "{own}");
        assert!(r.text().contains("https://embed.example.test/embed/rust"));
    }
}

/// Writes a new version of `path` (the scan sees a new length or mtime; mtimes are in ns here).
fn rewrite(path: &Path, text: &str) {
    fs::write(path, text).unwrap();
}

#[test]
fn edits_are_served_without_a_restart() {
    let s = Server::start(&[]);
    let before = s.get("/a/rust");
    let etag = before.header("etag").unwrap().to_owned();
    rewrite(
        &s.articles().join("rust.json"),
        &RUST.replace("Rust reaches the browser", "Rust reached the browser again"),
    );
    let after = s.wait_for("/a/rust", "Rust reached the browser again");
    assert_ne!(after.header("etag"), Some(etag.as_str()));
    assert_eq!(
        s.request("GET", "/a/rust", &[("If-None-Match", &etag)])
            .status,
        200,
        "the old ETag is stale"
    );
    s.wait_for(
        &format!("/oembed?url={}/a/rust", s.base()),
        "Rust reached the browser again",
    );
    // Fixed, added, removed.
    rewrite(
        &s.articles().join("bad.json"),
        r#"{"title": "Fixed now", "body": ["ok"]}"#,
    );
    assert_eq!(s.wait_for("/a/bad", "Fixed now").status, 200);
    fs::write(
        s.articles().join("new-one.json"),
        r#"{"title": "A new one", "body": ["x"]}"#,
    )
    .unwrap();
    s.wait_for("/", "A new one");
    fs::remove_file(s.articles().join("korea.txt")).unwrap();
    s.wait_for("/healthz", "ok: 3 articles, 0 broken");
    assert_eq!(s.get("/a/korea").status, 404);
    // A file broken by an edit: its routes say so, the others go on.
    rewrite(&s.articles().join("rust.json"), "{ not json");
    assert_eq!(s.wait_for("/a/rust", "articles/rust.json: ").status, 500);
    assert_eq!(s.get("/a/bad").status, 200);
}

#[test]
fn sighup_reloads_when_polling_is_off() {
    let s = Server::start(&["--poll", "0"]);
    rewrite(
        &s.articles().join("rust.json"),
        &RUST.replace("Rust reaches the browser", "Reloaded by SIGHUP"),
    );
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        !s.get("/a/rust").text().contains("Reloaded by SIGHUP"),
        "no poll: not yet"
    );
    s.signal("HUP");
    s.wait_for("/a/rust", "Reloaded by SIGHUP");
}

#[test]
fn long_targets_and_big_heads_are_refused() {
    let s = Server::start(&[]);
    let long = format!("/oembed?url={}/a/rust&pad={}", s.base(), "x".repeat(3000));
    assert_eq!(s.get(&long).status, 414);
    assert_eq!(
        s.get(&format!(
            "/oembed?url={}/a/rust&pad={}",
            s.base(),
            "x".repeat(1800)
        ))
        .status,
        200
    );
    let big = "y".repeat(20 * 1024);
    assert_eq!(s.request("GET", "/a/rust", &[("X-Big", &big)]).status, 431);
    let many: Vec<(String, String)> = (0..100).map(|i| (format!("X-H{i}"), "v".into())).collect();
    let many: Vec<(&str, &str)> = many.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(s.request("GET", "/a/rust", &many).status, 431);
    assert_eq!(s.get("/a/rust").status, 200, "still serving");
}

#[test]
fn sigterm_finishes_the_request_in_flight_and_exits_0() {
    let mut s = Server::start(&[]);
    // A slow client: the request's head arrives in two parts, SIGTERM between them.
    let mut slow = TcpStream::connect(("127.0.0.1", s.port)).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    slow.write_all(b"GET /a/rust HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    std::thread::sleep(Duration::from_millis(200));
    s.signal("TERM");
    // No new connections once it stops accepting.
    let end = Instant::now() + Duration::from_secs(5);
    while TcpStream::connect(("127.0.0.1", s.port)).is_ok() {
        assert!(Instant::now() < end, "still accepting after SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(
        s.child.try_wait().unwrap().is_none(),
        "exited with a request in flight"
    );
    slow.write_all(b"Connection: close\r\n\r\n").unwrap();
    let r = read_reply(&mut slow);
    assert_eq!(r.status, 200);
    assert!(r.text().contains("Rust reaches the browser"));
    let status = s.child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn without_a_directory_it_serves_the_embedded_article() {
    let root = temp_root();
    write_dist(&root.join("dist"));
    let s = Server::spawn(
        root.clone(),
        &["--dist".into(), root.join("dist").display().to_string()],
    );
    let page = s.get("/a/embedded");
    assert_eq!(page.status, 200);
    assert!(page
        .text()
        .contains(&news_card::input::embedded().title.replace('"', "&quot;")));
    assert_eq!(s.get("/healthz").text(), "ok: 1 articles, 0 broken\n");
}

#[test]
fn a_missing_dist_is_a_clear_error() {
    let root = temp_root();
    let out = Command::new(env!("CARGO_BIN_EXE_news-card-server"))
        .args([
            "--addr",
            "127.0.0.1:0",
            "--dist",
            &root.join("nothing").display().to_string(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("snippet.html"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = fs::remove_dir_all(root);
}
