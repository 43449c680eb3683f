//! The command line prints, byte for byte, what it printed before it became its own crate: every fixture with every option, and every failure.
//!
//! tests/recorded/outputs.jsonl was written by tests/recorded/record.mjs from the binary built
//! from src/bin/news-card.rs (the last commit before cli/ existed; since then only the three
//! `--help` runs were recorded again, when the usage text gained the archive flags). Each line is one run: its
//! arguments, its standard input, its exit status, its standard output's length and SHA-256,
//! and its standard error, with the usage text written as <USAGE>. A change to what the
//! command prints is then a change to that file, made by running the recorder again.

mod common;

use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::Path;

fn hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Runs the binary from the repository's root (the recorded paths are relative to it).
fn run(args: &[String], stdin: Option<&str>, root: &Path) -> std::process::Output {
    let input = stdin.map_or_else(Vec::new, |p| std::fs::read(root.join(p)).unwrap());
    common::run(args, &input, Some(root))
}

#[test]
fn prints_what_it_printed_before_the_move() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let recorded = include_str!("recorded/outputs.jsonl");
    let usage = run(&["--help".to_owned()], None, root).stdout;
    let usage = String::from_utf8(usage).unwrap();
    let mut failures = Vec::new();
    let mut cases = 0;
    for line in recorded.lines() {
        let case: Value = serde_json::from_str(line).unwrap();
        let args: Vec<String> = case["args"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().to_owned())
            .collect();
        let o = run(&args, case["stdin"].as_str(), root);
        let stderr = String::from_utf8_lossy(&o.stderr).replace(&usage, "<USAGE>");
        let got = (
            o.status.code().map(i64::from),
            o.stdout.len() as u64,
            hex(&o.stdout),
            stderr.as_str(),
        );
        let want = (
            case["code"].as_i64(),
            case["stdout_bytes"].as_u64().unwrap(),
            case["stdout_sha256"].as_str().unwrap().to_owned(),
            case["stderr"].as_str().unwrap(),
        );
        if got != want {
            failures.push(format!(
                "{} {args:?}:\n  got  {got:?}\n  want {want:?}\n  stdout starts {:?}",
                case["name"],
                String::from_utf8_lossy(&o.stdout[..o.stdout.len().min(200)])
            ));
        }
        cases += 1;
    }
    assert!(cases > 100, "only {cases} recorded cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
