//! The `news-card` command: prints a prerendered `<news-card>` element (`render`) or the card's stylesheet (`css`).
//!
//! Modules: `args` reads the command line into a `Command` (and owns the usage text and the
//! errors); `single` renders one article to standard output; `archive` renders many (with
//! `--out` or `--ndjson`: docs/archive.md). Each calls the library's core (`news_card::input`,
//! `news_card::prerender`) and copies none of it.

mod archive;
mod args;
mod single;

use args::{CliError, Command, USAGE};
use std::io::Write;
use std::process::ExitCode;

/// Runs the command `args` asks for, writing what it prints to `out`.
fn run(args: &[String], out: &mut impl Write) -> Result<(), CliError> {
    let write_err = |error| CliError::Write {
        path: "stdout".into(),
        error,
    };
    match args::parse(args)? {
        Command::Help => out.write_all(USAGE.as_bytes()).map_err(write_err),
        Command::Css => writeln!(out, "{}", news_card::CARD_CSS).map_err(write_err),
        Command::Csp => writeln!(out, "{}", news_card::prerender::STYLE_CSP).map_err(write_err),
        Command::Render(r) => single::render(&r, out),
    }
}

fn main() -> ExitCode {
    let args: Result<Vec<String>, _> = std::env::args_os()
        .skip(1)
        .map(|a| a.into_string())
        .collect();
    let Ok(args) = args else {
        eprintln!("news-card: an argument is not UTF-8\n\n{USAGE}");
        return ExitCode::from(2);
    };
    // An archive reports each article itself and exits 0 or 1 by its counts.
    if let Ok(Command::Render(r)) = args::parse(&args) {
        if r.is_batch() {
            return archive::run(&r);
        }
    }
    let stdout = std::io::stdout();
    match run(&args, &mut stdout.lock()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e @ CliError::Usage(_)) => {
            eprintln!("news-card: {e}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("news-card: {e}");
            ExitCode::from(1)
        }
    }
}
