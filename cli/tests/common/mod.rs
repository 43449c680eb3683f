//! What the command line's tests share: the built `news-card` binary run with arguments and standard input.

use std::ffi::OsStr;
use std::io::{ErrorKind, Write};
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// Runs `news-card ARGS` (in `dir`, if given) with `stdin` on its standard input. A command
/// that exits before reading its input (a usage error) closes the pipe: that is its answer, not
/// the test's failure, so a broken pipe while writing is ignored.
pub fn run<A: AsRef<OsStr>>(args: &[A], stdin: &[u8], dir: Option<&Path>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_news-card"));
    command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(dir) = dir {
        command.current_dir(dir);
    }
    let mut child = command.spawn().expect("the news-card binary runs");
    let written = child.stdin.take().expect("stdin is piped").write_all(stdin);
    if let Err(e) = written {
        assert_eq!(
            e.kind(),
            ErrorKind::BrokenPipe,
            "writing standard input: {e}"
        );
    }
    child.wait_with_output().expect("news-card exits")
}
