//! The archive benchmark's floors (bench/archive/run.mjs): copying every input unchanged, and a minimal hand-written renderer, with the CLI's parallelism.
//!
//!   archive-floor copy SRC_DIR OUT_DIR [JOBS]   every .json/.txt file's bytes to OUT_DIR/...html
//!   archive-floor copy-ndjson                    standard input to standard output, line by line
//!   archive-floor minimal [JOBS]                 NDJSON in: each article parsed by the library,
//!                                                written by `minimal` below, as {"input","html"} lines
//!
//! Not the card's renderer: `minimal` writes the same shape of markup (the element, the inline
//! stylesheet, headline, meta, summary, body, author, the inline JSON) with `write!` and one
//! escaping function, and none of the view tree, locale or digest work. It bounds from below
//! what rendering can cost.

use news_card::article::Article;
use std::fmt::Write as _;
use std::io::{BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::Mutex;

fn escape(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
}

/// The card's markup for `a`, written directly.
fn minimal(a: &Article) -> String {
    let mut o = String::with_capacity(8192);
    let _ = write!(o, "<news-card data-digest=\"0000000000000000\"><template shadowrootmode=\"open\"><style>{}</style>", news_card::CARD_CSS);
    let _ = write!(o, "<article class=\"card\" lang=\"{}\" dir=\"rtl\" aria-labelledby=\"ncp1-title\"><h2 class=\"title\" id=\"ncp1-title\" part=\"title\">", a.lang);
    escape(&mut o, &a.title);
    o.push_str("</h2><p class=\"meta\" part=\"meta\">");
    if let Some(p) = &a.published {
        o.push_str("<bdi><time part=\"published\" datetime=\"");
        escape(&mut o, p);
        o.push_str("\">");
        escape(&mut o, p);
        o.push_str("</time></bdi>");
    }
    o.push_str("</p>");
    if let Some(s) = &a.summary {
        o.push_str("<section class=\"summary\" part=\"summary\"><h3 class=\"label\">في كلمات قليلة</h3><p>");
        escape(&mut o, s);
        o.push_str("</p></section>");
    }
    o.push_str("<details class=\"more\"><summary class=\"toggle\" part=\"toggle\">اقرأ المزيد</summary><div class=\"body\" id=\"ncp1-body\" part=\"body\">");
    for p in &a.body {
        o.push_str("<p>");
        escape(&mut o, p);
        o.push_str("</p>");
    }
    o.push_str("</div></details>");
    if let Some(author) = &a.author {
        o.push_str("<section class=\"author\" part=\"author\"><p class=\"author-name\"><bdi>");
        escape(&mut o, &author.name);
        o.push_str("</bdi></p></section>");
    }
    o.push_str("</article></template><script type=\"application/json\">");
    o.push_str(&news_card::input::json::to_string(a).replace('<', "\\u003c"));
    o.push_str("</script></news-card>");
    o
}

fn jobs(arg: Option<&String>) -> usize {
    arg.and_then(|j| j.parse().ok())
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "json" || e == "txt") {
            out.push(p);
        }
    }
}

fn copy(src: &Path, dst: &Path, jobs: usize) {
    let mut list = Vec::new();
    files(src, &mut list);
    let next = AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..jobs {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(path) = list.get(i) else { return };
                let Ok(bytes) = std::fs::read(path) else {
                    continue;
                };
                let out = dst
                    .join(path.strip_prefix(src).unwrap_or(path))
                    .with_extension("html");
                let tmp = out.with_extension("tmp");
                if std::fs::write(&tmp, &bytes).is_err() {
                    let _ = std::fs::create_dir_all(out.parent().unwrap_or(dst));
                    let _ = std::fs::write(&tmp, &bytes);
                }
                let _ = std::fs::rename(&tmp, &out);
            });
        }
    });
}

fn copy_ndjson() {
    let stdin = std::io::stdin().lock();
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    for line in stdin.split(b'\n').map_while(Result::ok) {
        let _ = out.write_all(&line);
        let _ = out.write_all(b"\n");
    }
}

/// NDJSON through `minimal`, in order, with `jobs` threads (as the CLI: a bounded channel in,
/// results put back in order out).
fn minimal_ndjson(jobs: usize) {
    let (tx, rx) = sync_channel::<(u64, Vec<u8>)>(jobs * 2);
    let rx = Mutex::new(rx);
    let (dtx, drx) = std::sync::mpsc::channel::<(u64, Vec<u8>)>();
    std::thread::scope(|s| {
        s.spawn(move || {
            let stdin = std::io::stdin().lock();
            for (n, line) in stdin.split(b'\n').map_while(Result::ok).enumerate() {
                if tx.send((n as u64, line)).is_err() {
                    return;
                }
            }
        });
        for _ in 0..jobs {
            let dtx = dtx.clone();
            let rx = &rx;
            s.spawn(move || loop {
                let Ok((n, line)) = rx
                    .lock()
                    .map(|r| r.recv())
                    .unwrap_or(Err(std::sync::mpsc::RecvError))
                else {
                    return;
                };
                let input = format!("stdin:{}", n + 1);
                let json = match news_card::input::json::from_bytes(&line) {
                    Ok(a) => serde_json::json!({ "input": input, "html": minimal(&a) }),
                    Err(e) => serde_json::json!({ "input": input, "error": e.message() }),
                };
                let mut bytes = serde_json::to_vec(&json).unwrap_or_default();
                bytes.push(b'\n');
                if dtx.send((n, bytes)).is_err() {
                    return;
                }
            });
        }
        drop(dtx);
        let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
        let mut waiting = std::collections::BTreeMap::new();
        let mut next = 0;
        for (n, bytes) in drx {
            waiting.insert(n, bytes);
            while let Some(b) = waiting.remove(&next) {
                let _ = out.write_all(&b);
                next += 1;
            }
        }
    });
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("copy") if args.len() >= 3 => {
            copy(Path::new(&args[1]), Path::new(&args[2]), jobs(args.get(3)))
        }
        Some("copy-ndjson") => copy_ndjson(),
        Some("minimal") => minimal_ndjson(jobs(args.get(1))),
        _ => {
            let mut usage = String::new();
            let _ = write!(
                usage,
                "usage: archive-floor copy SRC OUT [JOBS] | copy-ndjson | minimal [JOBS]"
            );
            eprintln!("{usage}");
            std::process::exit(2);
        }
    }
}
