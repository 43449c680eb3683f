//! The progress bar of an archive's run: on a terminal only, with articles per second and the time left.
//!
//! The total is known when the inputs were counted first (files and directories: a walk of
//! names only, beside the run) or, for NDJSON from a file, as its size: the bar then follows
//! the bytes read.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How far the run can know it is.
pub struct Totals<'a> {
    /// Articles in all (0 until counted).
    pub articles: &'a AtomicU64,
    /// Standard input's size, when it is a file, and how much of it is read.
    pub stdin_bytes: Option<u64>,
    pub bytes_read: &'a AtomicU64,
}

pub struct Progress {
    bar: Option<ProgressBar>,
    start: Instant,
    last: Instant,
}

/// Whether a bar is drawn: only when standard error is a terminal.
pub fn wanted() -> bool {
    std::io::stderr().is_terminal()
}

const SCALE: u64 = 10_000;

impl Progress {
    pub fn new(show: bool) -> Progress {
        let bar = show.then(|| {
            let bar =
                ProgressBar::with_draw_target(Some(SCALE), ProgressDrawTarget::stderr_with_hz(10));
            let style = ProgressStyle::with_template("{bar:30} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_bar());
            bar.set_style(style);
            bar
        });
        let now = Instant::now();
        Progress {
            bar,
            start: now,
            // The first article draws the bar at once.
            last: now.checked_sub(Duration::from_secs(1)).unwrap_or(now),
        }
    }

    /// Redraws after an article (at most ten times a second).
    pub fn update(&mut self, done: u64, totals: &Totals) {
        let Some(bar) = &self.bar else { return };
        let now = Instant::now();
        if now.duration_since(self.last) < Duration::from_millis(100) {
            return;
        }
        self.last = now;
        let secs = now.duration_since(self.start).as_secs_f64().max(1e-3);
        let rate = done as f64 / secs;
        let articles = totals.articles.load(Ordering::Relaxed);
        let fraction = match totals.stdin_bytes {
            Some(size) if size > 0 => {
                totals.bytes_read.load(Ordering::Relaxed) as f64 / size as f64
            }
            _ if articles > 0 => done as f64 / articles as f64,
            _ => 0.0,
        }
        .clamp(0.0, 1.0);
        let left = if fraction > 0.0 {
            let s = secs * (1.0 - fraction) / fraction;
            format!(", {}:{:02} left", (s as u64) / 60, (s as u64) % 60)
        } else {
            String::new()
        };
        let of = if articles > 0 {
            format!("/{articles}")
        } else {
            String::new()
        };
        bar.set_position((fraction * SCALE as f64) as u64);
        bar.set_message(format!("{done}{of} articles, {rate:.0}/s{left}"));
    }

    /// Prints `line` above the bar.
    pub fn println(&self, line: &str) {
        match &self.bar {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }

    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
