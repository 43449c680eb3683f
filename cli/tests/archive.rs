//! An archive in one run (`render --out` / `--ndjson`): each card as rendered alone, every failure named and the others kept, exit statuses, incremental runs, whole files after SIGKILL, and no progress bar off a terminal.

mod common;

use news_card::input::json::from_str as parse_json;
use news_card::prerender::{self, PrerenderOptions};
use std::fs;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_news-card");

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(path)
}

/// A fresh directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("news-card-archive-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn cli(args: &[&str], stdin: &[u8]) -> Output {
    common::run(args, stdin, None)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// What `news-card render FILE ARGS` prints for one article alone.
fn alone(file: &Path, args: &[&str]) -> Vec<u8> {
    let mut all = vec!["render", file.to_str().unwrap()];
    all.extend_from_slice(args);
    let o = cli(&all, b"");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    o.stdout
}

/// The last line of standard error: the counts.
fn counts(o: &Output) -> String {
    text(&o.stderr).lines().last().unwrap_or("").to_owned()
}

/// The fixture set: every good article the repository holds, in both formats, in subdirectories.
fn good_archive(dir: &Path) -> Vec<PathBuf> {
    let files = [
        ("a/article.json", repo("tests/fixtures/article.json")),
        ("a/b/bom.json", repo("tests/fixtures/bom.json")),
        ("seed.txt", repo("content/article.txt")),
        ("a/seed-copy.TXT", repo("content/article.txt")),
    ];
    let mut paths = Vec::new();
    for (name, from) in files {
        let to = dir.join(name);
        fs::create_dir_all(to.parent().unwrap()).unwrap();
        fs::copy(from, &to).unwrap();
        paths.push(to);
    }
    let image = r#"{"title":"صورة","body":["نص"],"url":"https://news.example/i","image":{"src":"https://img.example/a.jpg","alt":"ميناء","width":1200,"height":800}}"#;
    fs::write(dir.join("a/image.json"), image).unwrap();
    paths.push(dir.join("a/image.json"));
    paths
}

const ALL_OPTIONS: &[&str] = &[
    "--lang",
    "ar",
    "--open",
    "--numerals",
    "arab",
    "--wpm",
    "250",
    "--heading-level",
    "4",
    "--share",
    "--id-prefix",
    "p-1",
    "--css-href",
    "/c.css",
    "--jsonld",
];

#[test]
fn each_card_is_what_rendering_it_alone_prints() {
    let dir = scratch("alone");
    let input = dir.join("in");
    let good = good_archive(&input);
    for options in [
        &[][..],
        &["--jsonld"][..],
        &["--heading-level", "3", "--share"][..],
        ALL_OPTIONS,
    ] {
        let out = dir.join("out");
        let mut args = vec![
            "render",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(options);
        let o = cli(&args, b"");
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        assert_eq!(
            counts(&o).split(" (").next().unwrap(),
            "news-card: rendered 5, unchanged 0, failed 0"
        );
        for file in &good {
            let rel = file.strip_prefix(&input).unwrap().with_extension("html");
            let written = fs::read(out.join(&rel)).unwrap();
            assert_eq!(
                written,
                alone(file, options),
                "{} {options:?}",
                rel.display()
            );
        }
        // The same through --ndjson: the element, without print's final newline, in input order.
        let mut args = vec!["render"];
        let names: Vec<&str> = good.iter().map(|p| p.to_str().unwrap()).collect();
        args.extend_from_slice(&names);
        args.push("--ndjson");
        args.extend_from_slice(options);
        let o = cli(&args, b"");
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        let lines: Vec<serde_json::Value> = text(&o.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), good.len());
        for (line, file) in lines.iter().zip(&good) {
            assert_eq!(line["input"], file.to_str().unwrap());
            let mut html = line["html"].as_str().unwrap().as_bytes().to_vec();
            html.push(b'\n');
            assert_eq!(html, alone(file, options), "{file:?} {options:?}");
        }
        fs::remove_dir_all(&out).unwrap();
    }
    // NDJSON on standard input: each line is what `render -` prints for it.
    let lines = [
        fs::read_to_string(repo("tests/fixtures/article.json"))
            .unwrap()
            .replace('\n', " "),
        r#"{"id":"x","title":"T","body":["B"],"lang":"en"}"#.to_owned(),
    ];
    let o = cli(
        &["render", "-", "--ndjson", "--open"],
        (lines.join("\n") + "\n").as_bytes(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    for (got, line) in text(&o.stdout).lines().zip(&lines) {
        let got: serde_json::Value = serde_json::from_str(got).unwrap();
        let single = cli(&["render", "-", "--open"], line.as_bytes());
        assert_eq!(
            format!("{}\n", got["html"].as_str().unwrap()),
            text(&single.stdout)
        );
    }
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bad_article_is_named_and_the_others_are_still_rendered() {
    let dir = scratch("bad");
    let input = dir.join("in");
    good_archive(&input);
    let bad = input.join("bad");
    fs::create_dir_all(&bad).unwrap();
    fs::write(
        bad.join("syntax.json"),
        "{\"title\": \"x\",\n \"body\": [\"a\",]}",
    )
    .unwrap();
    fs::write(
        bad.join("type.json"),
        "{\"title\": \"x\",\n \"body\": [\"a\", null]}",
    )
    .unwrap();
    let many = format!(
        "{{\"title\":\"x\",\"body\":[{}\"a\"]}}",
        "\"p\",".repeat(2000)
    );
    fs::write(bad.join("limit.json"), many).unwrap();
    fs::write(
        bad.join("latin1.txt"),
        fs::read(repo("tests/fixtures/latin1.txt")).unwrap(),
    )
    .unwrap();
    fs::write(bad.join("empty.txt"), "").unwrap();
    let huge = fs::File::create(bad.join("huge.json")).unwrap();
    huge.set_len(3 * 1024 * 1024).unwrap();
    std::os::unix::fs::symlink("missing.json", bad.join("broken.json")).unwrap();
    std::os::unix::fs::symlink("..", bad.join("loop")).unwrap();
    fs::write(bad.join("twin.json"), r#"{"title":"T","body":["B"]}"#).unwrap();
    fs::write(
        bad.join("twin.txt"),
        fs::read(repo("content/article.txt")).unwrap(),
    )
    .unwrap();
    fs::write(bad.join("notes.md"), "not an article: not read").unwrap();
    let out = dir.join("out");
    // An output a bad input would replace, and one no input writes: both stay as they are.
    fs::create_dir_all(out.join("bad")).unwrap();
    fs::write(out.join("bad/type.html"), "yesterday's card").unwrap();
    fs::write(out.join("kept.html"), "no input writes me").unwrap();
    let o = cli(
        &[
            "render",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    let name = |f: &str| format!("news-card: {}: ", bad.join(f).display());
    for expected in [
        format!(
            "{}line 2: article: is not valid JSON (trailing comma)",
            name("syntax.json")
        ),
        format!(
            "{}body[1]: expected a string, found null",
            name("type.json")
        ),
        format!("{}body: has more than 2000 paragraphs", name("limit.json")),
        format!(
            "{}line 5: article: the bytes are not UTF-8",
            name("latin1.txt")
        ),
        format!("{}line 1: article: the text is empty", name("empty.txt")),
        format!(
            "{}article: 3145728 bytes is over the limit of 2097152",
            name("huge.json")
        ),
        format!(
            "{}No such file or directory (os error 2)",
            name("broken.json")
        ),
        format!(
            "{}a symlink loop: it leads back to {}",
            name("loop"),
            input.display()
        ),
        format!(
            "{}its output, bad/twin.html, is twin.json's, which is beside it",
            name("twin.txt")
        ),
    ] {
        assert!(
            err.lines().any(|l| l == expected),
            "missing {expected:?} in\n{err}"
        );
    }
    assert!(!err.contains("notes.md"), "{err}");
    assert_eq!(
        counts(&o).split(" (").next().unwrap(),
        "news-card: rendered 6, unchanged 0, failed 9"
    );
    assert!(out.join("a/article.html").is_file() && out.join("bad/twin.html").is_file());
    assert_eq!(
        fs::read_to_string(out.join("bad/type.html")).unwrap(),
        "yesterday's card"
    );
    assert_eq!(
        fs::read_to_string(out.join("kept.html")).unwrap(),
        "no input writes me"
    );
    assert!(!out.join("bad/syntax.html").exists());

    // NDJSON: the line's number, the field; the other lines rendered, in order.
    let ndjson = "{\"title\":\"a\",\"body\":[\"b\"]}\n\n{\"title\":\"a\",\"body\":[1]}\nnot json\n?\n{\"title\":\"c\",\"body\":[\"d\"]}\n";
    let mut bytes = ndjson.as_bytes().to_vec();
    let mark = bytes.iter().position(|&b| b == b'?').unwrap();
    bytes[mark] = 0xff; // a line that is not UTF-8
    let o = cli(&["render", "-", "--ndjson"], &bytes);
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.contains("news-card: stdin:3: body[0]: expected a string, found a number\n"),
        "{err}"
    );
    assert!(
        err.contains("news-card: stdin:4: article: is not valid JSON (expected ident)\n"),
        "{err}"
    );
    assert!(
        err.contains("news-card: stdin:5: article: the bytes are not UTF-8\n"),
        "{err}"
    );
    let lines: Vec<serde_json::Value> = text(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let inputs: Vec<&str> = lines.iter().map(|l| l["input"].as_str().unwrap()).collect();
    assert_eq!(
        inputs,
        ["stdin:1", "stdin:3", "stdin:4", "stdin:5", "stdin:6"]
    );
    assert!(lines[0]["html"].is_string() && lines[4]["html"].is_string());
    assert_eq!(
        lines[1]["error"],
        "body[0]: expected a string, found a number"
    );
    assert_eq!(
        counts(&o).split(" (").next().unwrap(),
        "news-card: rendered 2, unchanged 0, failed 3"
    );
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_output_directory_that_cannot_be_written() {
    let dir = scratch("unwritable");
    let input = dir.join("in");
    good_archive(&input);
    // Root writes anywhere, whatever the mode bits: a file where a directory must be stops it.
    fs::write(dir.join("file"), "").unwrap();
    let o = cli(
        &[
            "render",
            input.to_str().unwrap(),
            "--out",
            dir.join("file/out").to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.starts_with(&format!(
            "news-card: --out {}/file/out: Not a directory",
            dir.display()
        )),
        "{err}"
    );
    assert!(
        counts(&o).starts_with("news-card: rendered 0, unchanged 0, failed 0"),
        "{err}"
    );
    // One subdirectory that cannot be made: its articles fail, the others are written.
    let out = dir.join("out");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("a"), "a file, not a directory").unwrap();
    let o = cli(
        &[
            "render",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(1));
    let err = text(&o.stderr);
    assert!(
        err.contains(&format!(
            "cannot write {}/a/article.html: Not a directory",
            out.display()
        )),
        "{err}"
    );
    assert_eq!(
        counts(&o).split(" (").next().unwrap(),
        "news-card: rendered 1, unchanged 0, failed 4"
    );
    assert!(out.join("seed.html").is_file());
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_second_run_writes_nothing_unless_something_changed() {
    let dir = scratch("incremental");
    let input = dir.join("in");
    good_archive(&input);
    let out = dir.join("out");
    let run = |extra: &[&str]| {
        let mut args = vec![
            "render",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        let o = cli(&args, b"");
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        counts(&o).split(" (").next().unwrap().to_owned()
    };
    // A file's inode changes when it is written (under a temporary name, then renamed).
    let inode = |rel: &str| fs::metadata(out.join(rel)).unwrap().ino();
    assert_eq!(run(&[]), "news-card: rendered 5, unchanged 0, failed 0");
    let before = inode("a/article.html");
    assert_eq!(run(&[]), "news-card: rendered 0, unchanged 5, failed 0");
    assert_eq!(inode("a/article.html"), before);
    // One input edited: only its card is written.
    let seed = inode("seed.html");
    fs::write(
        input.join("a/article.json"),
        r#"{"title":"New","body":["B"]}"#,
    )
    .unwrap();
    assert_eq!(run(&[]), "news-card: rendered 1, unchanged 4, failed 0");
    assert_ne!(inode("a/article.html"), before);
    assert_eq!(inode("seed.html"), seed);
    // An option changes every card.
    assert_eq!(
        run(&["--open"]),
        "news-card: rendered 5, unchanged 0, failed 0"
    );
    assert_eq!(
        run(&["--open"]),
        "news-card: rendered 0, unchanged 5, failed 0"
    );
    // --force writes them all again.
    let seed = inode("seed.html");
    assert_eq!(
        run(&["--open", "--force"]),
        "news-card: rendered 5, unchanged 0, failed 0"
    );
    assert_ne!(inode("seed.html"), seed);
    // A card edited by hand is put right.
    fs::write(out.join("seed.html"), "edited").unwrap();
    assert_eq!(
        run(&["--open"]),
        "news-card: rendered 1, unchanged 4, failed 0"
    );
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn ndjson_lines_are_named_by_id_url_or_number() {
    let dir = scratch("names");
    let out = dir.join("out");
    let lines = [
        r#"{"id":"2024/05/story","title":"T","body":["B"]}"#,
        r#"{"id":42,"title":"T","body":["B"]}"#,
        r#"{"title":"T","body":["B"],"url":"https://news.example/world/%D8%AE%D8%A8%D8%B1/"}"#,
        r#"{"title":"T","body":["B"],"url":"javascript:alert(1)"}"#,
        r#"{"id":"../../etc/x y","title":"T","body":["B"]}"#,
        r#"{"id":"2024/05/story","title":"again","body":["B"]}"#,
    ];
    let o = cli(
        &["render", "-", "--out", out.to_str().unwrap()],
        (lines.join("\n") + "\n").as_bytes(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", text(&o.stderr));
    for name in [
        "2024/05/story.html",
        "42.html",
        "world/خبر/index.html",
        "4.html",
        "etc/x_y.html",
    ] {
        assert!(out.join(name).is_file(), "{name}: {}", text(&o.stderr));
    }
    let err = text(&o.stderr);
    assert!(
        err.contains(
            "news-card: stdin:6: 2024/05/story.html is written from an earlier input of this run"
        ),
        "{err}"
    );
    assert_eq!(
        fs::read(out.join("42.html")).unwrap(),
        cli(&["render", "-"], lines[1].as_bytes()).stdout
    );
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        &["render", "a.json", "--out", "o", "--ndjson"][..],
        &["render", "--out", "o"],
        &["render", "a.json", "--out", "o", "--src", "/a.json"],
        &[
            "render",
            "a.json",
            "--ndjson",
            "--url",
            "https://e.example/",
        ],
        &["render", "a.json", "--jobs", "2"],
        &["render", "a.json", "--ndjson", "--force"],
        &["render", "a.json", "--ndjson", "--jobs", "0"],
        &["render", "-", "-", "--ndjson"],
        &["render", "a.json", "--out"],
    ] {
        let o = cli(args, b"");
        assert_eq!(o.status.code(), Some(2), "{args:?}: {}", text(&o.stderr));
        assert!(text(&o.stderr).contains("usage: news-card"), "{args:?}");
    }
}

#[test]
fn no_progress_bar_unless_standard_error_is_a_terminal() {
    let dir = scratch("progress");
    let input = dir.join("in");
    good_archive(&input);
    let out = dir.join("out");
    // A pipe: standard error holds the counts and nothing else.
    let o = cli(
        &[
            "render",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(text(&o.stderr).lines().count(), 1, "{}", text(&o.stderr));
    assert!(!o.stderr.contains(&b'\r') && !o.stderr.contains(&0x1b));
    // A terminal (script(1) gives the command one): the bar is drawn, then cleared.
    let command = format!(
        "{BIN} render {} --out {} --force --jobs 1",
        input.display(),
        out.display()
    );
    let Ok(o) = Command::new("script")
        .args(["-qec", &command, "/dev/null"])
        .output()
    else {
        eprintln!("no script(1) here: the terminal half of this test is skipped");
        return;
    };
    let seen = String::from_utf8_lossy(&o.stdout);
    assert!(
        seen.contains("articles,") && seen.contains("/s"),
        "{seen:?}"
    );
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_run_killed_with_sigkill_leaves_whole_files_only() {
    let dir = scratch("kill");
    let input = dir.join("in");
    let n = 20_000;
    let article = |i: usize| {
        format!(
            r#"{{"title":"خبر رقم {i}","summary":"ملخص","body":["{}","فقرة ثانية"],"lang":"ar"}}"#,
            "كلمة ".repeat(20 + i % 200)
        )
    };
    for i in 0..n {
        let shard = input.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            fs::create_dir_all(&shard).unwrap();
        }
        fs::write(shard.join(format!("{i}.json")), article(i)).unwrap();
    }
    let out = dir.join("out");
    let mut child = Command::new(BIN)
        .args([
            "render",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--force",
        ])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it once a tenth of the cards are out, well before the end.
    let written = || {
        walk(&out)
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "html"))
            .count()
    };
    let start = std::time::Instant::now();
    while written() < n / 10 && start.elapsed().as_secs() < 120 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let files = walk(&out);
    let cards = files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .count();
    assert!(
        cards >= n / 10 && cards < n,
        "{cards} cards: the run was not stopped in the middle"
    );
    let opts = PrerenderOptions::default();
    for file in &files {
        let name = file.file_name().unwrap().to_str().unwrap();
        if name.ends_with(".news-card-tmp") {
            continue; // a temporary name, hidden, replaced by the next run
        }
        let i: usize = name.strip_suffix(".html").unwrap().parse().unwrap();
        let expected = prerender::render(&parse_json(&article(i)).unwrap(), &opts) + "\n";
        assert_eq!(
            fs::read_to_string(file).unwrap(),
            expected,
            "{name} is not whole"
        );
    }
    let temporaries = files.len() - cards;
    assert!(temporaries <= 64, "{temporaries} temporary files");
    // The next run finishes the job.
    let o = cli(
        &[
            "render",
            input.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(o.status.code(), Some(0));
    let line = counts(&o);
    assert!(
        line.contains(&format!("unchanged {cards}, failed 0")),
        "{line}"
    );
    fs::remove_dir_all(&dir).unwrap();
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        let Ok(entries) = fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let path = e.path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}
