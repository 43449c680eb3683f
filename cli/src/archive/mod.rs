//! `render` for an archive: every input read, rendered and written as a stream on every core, each failure reported and the others still rendered.
//!
//! Threads: one producer (`inputs`: the walk or standard input's lines), `--jobs` renderers
//! (read, parse, render, write), and this thread, which puts the results back in the inputs'
//! order (NDJSON lines, error messages), counts them and draws the progress bar. Standard
//! library threads and channels, not rayon: the work is a stream of coarse, independent items
//! whose results must come out in order with a bounded number in flight, which a bounded
//! channel and a window of tokens say directly; rayon's strength, splitting data already in
//! memory, has nothing to split here, and `par_bridge` neither keeps order nor bounds what waits.
//! Memory is flat: at most `window` articles are between the producer and the output at once.

mod inputs;
mod outputs;
mod progress;

use crate::args::Render;
use crate::single::{format_of, parse, prerender_options};
use inputs::{display, Job, Producer, Source};
use news_card::prerender::{self, Carry, PrerenderOptions};
use outputs::Wrote;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{channel, sync_channel, Receiver};
use std::sync::Mutex;
use std::time::Instant;

/// What became of one article.
enum Outcome {
    /// Rendered (with `--ndjson`, the line to print).
    Rendered(Option<Vec<u8>>),
    /// With `--out`: its file already held the card.
    Unchanged,
    /// The message (after the input's name) and, with `--ndjson`, the line to print.
    Failed(String, Option<Vec<u8>>),
}

struct Done {
    seq: u64,
    input: String,
    outcome: Outcome,
}

#[derive(serde::Serialize)]
struct HtmlLine<'a> {
    input: &'a str,
    html: &'a str,
}

#[derive(serde::Serialize)]
struct ErrorLine<'a> {
    input: &'a str,
    error: &'a str,
}

/// The NDJSON line of `value`, newline included.
fn json_line(value: &impl serde::Serialize) -> Vec<u8> {
    let mut line = serde_json::to_vec(value).unwrap_or_default();
    line.push(b'\n');
    line
}

/// What every renderer shares.
struct Renderer<'a> {
    r: &'a Render,
    opts: PrerenderOptions<'a>,
    out: Option<&'a Path>,
}

impl Renderer<'_> {
    fn handle(&self, job: Job) -> Done {
        let (input, result) = match job.source {
            Source::Failed { input, message } => (input, Err(message)),
            Source::File { path, out } => {
                let input = display(&path);
                let result = inputs::read_file(&path).and_then(|bytes| {
                    let article = parse(&bytes, format_of(&input, &bytes, self.r.format))
                        .map_err(|e| e.message())?;
                    self.finish(&input, &article, out.as_deref())
                });
                (input, result)
            }
            Source::Line { number, bytes, out } => {
                let input = format!("stdin:{number}");
                let result = news_card::input::json::from_bytes(&bytes)
                    .map_err(|e| {
                        // A line of NDJSON is one line: the one the error names is `number`.
                        let message = e.message();
                        match message.strip_prefix("line 1: ") {
                            Some(rest) => rest.to_owned(),
                            None => message,
                        }
                    })
                    .and_then(|article| self.finish(&input, &article, out.as_deref()));
                (input, result)
            }
        };
        let outcome = match result {
            Ok(outcome) => outcome,
            Err(message) => {
                let line = self.r.ndjson.then(|| {
                    json_line(&ErrorLine {
                        input: &input,
                        error: &message,
                    })
                });
                Outcome::Failed(message, line)
            }
        };
        Done {
            seq: job.seq,
            input,
            outcome,
        }
    }

    /// Renders `article` and writes it where the run sends cards.
    fn finish(
        &self,
        input: &str,
        article: &news_card::article::Article,
        out: Option<&Path>,
    ) -> Result<Outcome, String> {
        let mut html = prerender::render(article, &self.opts);
        if self.r.ndjson {
            return Ok(Outcome::Rendered(Some(json_line(&HtmlLine {
                input,
                html: &html,
            }))));
        }
        let (Some(dir), Some(rel)) = (self.out, out) else {
            return Err("no output named".into()); // not reached: --out names every input's
        };
        // The file holds what `news-card render FILE` prints: the element and a newline.
        html.push('\n');
        match outputs::write(dir, rel, html.as_bytes(), self.r.force) {
            Ok(Wrote::Written) => Ok(Outcome::Rendered(None)),
            Ok(Wrote::Unchanged) => Ok(Outcome::Unchanged),
            Err(e) => Err(format!("cannot write {}: {e}", dir.join(rel).display())),
        }
    }
}

#[derive(Default)]
struct Counts {
    rendered: u64,
    unchanged: u64,
    failed: u64,
}

/// The counts, the last line of standard error.
fn summary(c: &Counts, start: Instant, note: &str) -> String {
    let secs = start.elapsed().as_secs_f64();
    let total = c.rendered + c.unchanged + c.failed;
    let rate = if secs > 0.0 { total as f64 / secs } else { 0.0 };
    format!(
        "news-card: rendered {}, unchanged {}, failed {} ({total} articles in {secs:.2} s, {rate:.0}/s){note}",
        c.rendered, c.unchanged, c.failed
    )
}

/// Runs an archive's render; the exit status is 0 when every article rendered, 1 when any failed.
pub fn run(r: &Render) -> ExitCode {
    let start = Instant::now();
    let out = r.out.as_deref().map(Path::new);
    if let Some(dir) = out {
        if let Err(e) = outputs::prepare(dir) {
            eprintln!("news-card: --out {}: {e}", dir.display());
            eprintln!(
                "{}",
                summary(&Counts::default(), start, ", nothing written")
            );
            return ExitCode::from(1);
        }
    }
    let jobs = r
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let renderer = Renderer {
        r,
        opts: prerender_options(r, Carry::Inline),
        out,
    };
    let window = jobs * 16 + 16;
    let show = progress::wanted();
    let articles = AtomicU64::new(0);
    let bytes_read = AtomicU64::new(0);
    let stdin_bytes = (show && r.inputs.iter().any(|i| i == "-"))
        .then(stdin_file_size)
        .flatten();
    let mut progress = progress::Progress::new(show);
    let (job_tx, job_rx) = sync_channel::<Job>(jobs * 2);
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = channel::<Done>();
    let (token_tx, token_rx) = sync_channel::<()>(window);
    let names = out.is_some();
    // Set when the output is gone: the producer stops, the renderers drain what was queued.
    let stop = AtomicBool::new(false);
    let (counts, stopped) = std::thread::scope(|s| {
        let producer = Producer {
            inputs: &r.inputs,
            names,
            bytes_read: &bytes_read,
        };
        let stop = &stop;
        s.spawn(move || {
            // A token for each article in flight: the producer waits while `window` are.
            producer.run(&mut |job| {
                !stop.load(Ordering::Relaxed)
                    && token_tx.send(()).is_ok()
                    && job_tx.send(job).is_ok()
            });
        });
        if show && stdin_bytes.is_none() {
            let count = Producer {
                inputs: &r.inputs,
                names: false,
                bytes_read: &bytes_read,
            };
            let articles = &articles;
            let inputs_have_stdin = r.inputs.iter().any(|i| i == "-");
            if !inputs_have_stdin {
                s.spawn(move || {
                    let mut n = 0;
                    count.run(&mut |_| {
                        n += 1;
                        true
                    });
                    articles.store(n, Ordering::Relaxed);
                });
            }
        }
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            let (job_rx, renderer) = (&job_rx, &renderer);
            s.spawn(move || loop {
                let job = match job_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok(job) = job else { return };
                if !stop.load(Ordering::Relaxed) && done_tx.send(renderer.handle(job)).is_err() {
                    stop.store(true, Ordering::Relaxed);
                }
            });
        }
        drop(done_tx);
        let totals = progress::Totals {
            articles: &articles,
            stdin_bytes,
            bytes_read: &bytes_read,
        };
        let result = collect(done_rx, token_rx, &mut progress, &totals);
        stop.store(true, Ordering::Relaxed);
        result
    });
    progress.finish();
    let note = match &stopped {
        Some(e) => format!(", stopped: stdout: {e}"),
        None => String::new(),
    };
    eprintln!("{}", summary(&counts, start, &note));
    if counts.failed == 0 && stopped.is_none() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Standard input's size, when it is a regular file (`< archive.ndjson`).
fn stdin_file_size() -> Option<u64> {
    let meta = std::fs::metadata("/dev/stdin").ok()?;
    meta.is_file().then_some(meta.len())
}

/// Puts the results back in order, prints them, and frees a place in the window for each.
/// Returns the counts, and the error that stopped the output, if one did.
fn collect(
    done_rx: Receiver<Done>,
    token_rx: Receiver<()>,
    progress: &mut progress::Progress,
    totals: &progress::Totals,
) -> (Counts, Option<io::Error>) {
    let mut stdout = io::BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut counts = Counts::default();
    let mut waiting = BTreeMap::new();
    let mut next = 0;
    for done in done_rx {
        waiting.insert(done.seq, done);
        while let Some(done) = waiting.remove(&next) {
            next += 1;
            let _ = token_rx.try_recv();
            let line = match done.outcome {
                Outcome::Rendered(line) => {
                    counts.rendered += 1;
                    line
                }
                Outcome::Unchanged => {
                    counts.unchanged += 1;
                    None
                }
                Outcome::Failed(message, line) => {
                    counts.failed += 1;
                    progress.println(&format!("news-card: {}: {message}", done.input));
                    line
                }
            };
            if let Some(line) = line {
                if let Err(e) = stdout.write_all(&line) {
                    return (counts, Some(e));
                }
            }
            progress.update(next, totals);
        }
    }
    let flushed = stdout.flush().err();
    (counts, flushed)
}
