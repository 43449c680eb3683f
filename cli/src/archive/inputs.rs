//! An archive's inputs as a stream of jobs: files, directories walked, NDJSON lines read, each with the name of its output.
//!
//! Nothing here holds more than one directory's listing or one line at a time: the jobs go out
//! through `send` as they are found, and `send` blocks while the renderers are busy.

use news_card::input::limits::MAX_INPUT_BYTES;
use news_card::url;
use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::hash::{Hash, Hasher};
use std::io::{BufRead, BufReader, Read};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use walkdir::WalkDir;

/// Where one article comes from, and (with `--out`) the file it goes to, under the directory.
#[derive(Debug)]
pub enum Source {
    File {
        path: PathBuf,
        out: Option<PathBuf>,
    },
    Line {
        number: u64,
        bytes: Vec<u8>,
        out: Option<PathBuf>,
    },
    /// An input that failed before it could be read: a loop, a broken link, a line too long,
    /// an output name taken.
    Failed {
        input: String,
        message: String,
    },
}

/// One article to render; `seq` is its place in the inputs' order.
#[derive(Debug)]
pub struct Job {
    pub seq: u64,
    pub source: Source,
}

/// The name an input is reported by.
pub fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// A file a directory walk takes: `.json` (the JSON format) or `.txt` (the text format).
fn is_article(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json") || e.eq_ignore_ascii_case("txt"))
}

fn hidden(name: &OsStr) -> bool {
    name.as_encoded_bytes().first() == Some(&b'.')
}

/// `rel` with `.html` for its extension.
fn html_name(rel: &Path) -> PathBuf {
    rel.with_extension("html")
}

/// The output of a file given by name: its path when that is relative and stays below the
/// current directory, else its file name alone.
fn given_file_out(path: &Path) -> PathBuf {
    let normal: Option<PathBuf> = path
        .components()
        .filter(|c| *c != Component::CurDir)
        .map(|c| match c {
            Component::Normal(part) => Some(part),
            _ => None,
        })
        .collect();
    match normal.filter(|p| p.components().next().is_some()) {
        Some(rel) => html_name(&rel),
        None => html_name(Path::new(path.file_name().unwrap_or(OsStr::new("article")))),
    }
}

/// A name from an NDJSON line's `id` or `url` made safe as a relative path: segments that are
/// not empty, `.` or `..`, letters, digits, `-`, `_` and `.` kept, the rest `_`.
pub fn safe_name(name: &str) -> Option<PathBuf> {
    let mut path = PathBuf::new();
    for segment in name.split(['/', '\\']) {
        if segment.is_empty() || segment == "." || segment == ".." {
            continue;
        }
        let mut clean = String::new();
        if segment.starts_with('.') {
            clean.push('_'); // no hidden files
        }
        for c in segment.chars() {
            // A file name holds at most 255 bytes; room is left for `.html`.
            if clean.len() + c.len_utf8() > 200 {
                break;
            }
            let keep = c.is_alphanumeric() || matches!(c, '-' | '_' | '.');
            clean.push(if keep { c } else { '_' });
        }
        path.push(clean);
    }
    let last = path.file_name()?.to_string_lossy().into_owned();
    if !last.ends_with(".html") {
        path.set_file_name(format!("{last}.html"));
    }
    Some(path)
}

/// `%XX` sequences decoded, when what they spell is UTF-8 (an Arabic slug in a URL).
fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                out.push((hex(h).unwrap_or(0) * 16 + hex(l).unwrap_or(0)) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

/// The path of an http(s) URL, without its query and fragment; `index` for a trailing `/`.
fn url_path(url: &str) -> Option<String> {
    let url = url::web(url)?;
    let after_scheme = &url[url.find("//")? + 2..];
    let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
    let path = path.split(['?', '#']).next().unwrap_or("");
    let mut path = percent_decoded(path);
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index");
    }
    Some(path)
}

/// The two members of an NDJSON line that name its output.
#[derive(serde::Deserialize)]
struct Names {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    url: Option<serde_json::Value>,
}

/// The output of NDJSON line `number`: its `id` (a string or a number), else its `url`'s
/// path, else the line's number.
pub fn line_out(bytes: &[u8], number: u64) -> PathBuf {
    let names: Option<Names> = serde_json::from_slice(bytes).ok();
    let from_id = names.as_ref().and_then(|n| match &n.id {
        Some(serde_json::Value::String(s)) => safe_name(s),
        Some(serde_json::Value::Number(n)) => safe_name(&n.to_string()),
        _ => None,
    });
    let from_url = || {
        names.as_ref().and_then(|n| match &n.url {
            Some(serde_json::Value::String(u)) => url_path(u).and_then(|p| safe_name(&p)),
            _ => None,
        })
    };
    from_id
        .or_else(from_url)
        .unwrap_or_else(|| PathBuf::from(format!("{number}.html")))
}

/// Output names already given in this run, kept as 64-bit hashes (8 bytes an article) and only
/// where two inputs can meet: several inputs, or NDJSON lines named by their ids. One directory
/// walked needs none: two of its files meet only within one directory (a.json and a.txt),
/// whose files the walk lists together.
struct Claimed(Option<HashSet<u64>>);

impl Claimed {
    /// Whether `out` was free (and is now taken).
    fn claim(&mut self, out: &Path) -> bool {
        let Some(set) = &mut self.0 else {
            return true;
        };
        let mut h = std::collections::hash_map::DefaultHasher::new();
        out.hash(&mut h);
        set.insert(h.finish())
    }
}

/// Produces the jobs of `inputs` in order. `send` returns false when the run is over (the
/// output is gone): the walk stops there. `bytes_read` counts standard input's bytes, for the
/// progress bar.
pub struct Producer<'a> {
    pub inputs: &'a [String],
    /// With `--out`: name each output.
    pub names: bool,
    pub bytes_read: &'a AtomicU64,
}

impl Producer<'_> {
    pub fn run(&self, send: &mut dyn FnMut(Job) -> bool) {
        let mut claimed = Claimed(
            (self.names && (self.inputs.len() > 1 || self.inputs.iter().any(|i| i == "-")))
                .then(HashSet::new),
        );
        let mut seq = 0;
        let mut emit = |source: Source| {
            let job = Job { seq, source };
            seq += 1;
            send(job)
        };
        for input in self.inputs {
            let going = if input == "-" {
                self.lines(&mut claimed, &mut emit)
            } else if Path::new(input).is_dir() {
                self.walk(Path::new(input), &mut claimed, &mut emit)
            } else {
                let path = PathBuf::from(input);
                let out = self.names.then(|| given_file_out(&path));
                emit(taken(&mut claimed, Source::File { path, out }))
            };
            if !going {
                return;
            }
        }
    }

    fn walk(
        &self,
        dir: &Path,
        claimed: &mut Claimed,
        emit: &mut dyn FnMut(Source) -> bool,
    ) -> bool {
        // Files before directories, each by name: a directory's files then come together, so
        // two that would write one output (a.json, a.txt) meet in `siblings`.
        let walk = WalkDir::new(dir)
            .follow_links(true)
            .sort_by(|a, b| {
                (a.file_type().is_dir(), a.file_name())
                    .cmp(&(b.file_type().is_dir(), b.file_name()))
            })
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !hidden(e.file_name()));
        let mut siblings: (PathBuf, HashMap<PathBuf, String>) = (PathBuf::new(), HashMap::new());
        for entry in walk {
            let source = match entry {
                Err(e) => Source::Failed {
                    input: e.path().map_or_else(|| display(dir), display),
                    message: walk_error(&e),
                },
                Ok(e) if e.file_type().is_file() && is_article(e.path()) => {
                    let path = e.into_path();
                    let out = self
                        .names
                        .then(|| html_name(path.strip_prefix(dir).unwrap_or(&path)));
                    if let Some(out) = &out {
                        let parent = path.parent().unwrap_or(dir).to_path_buf();
                        if siblings.0 != parent {
                            siblings = (parent, HashMap::new());
                        }
                        let name = path.file_name().unwrap_or_default().to_string_lossy();
                        if let Some(first) = siblings.1.insert(out.clone(), name.into_owned()) {
                            let message = format!(
                                "its output, {}, is {first}'s, which is beside it",
                                out.display()
                            );
                            if !emit(Source::Failed {
                                input: display(&path),
                                message,
                            }) {
                                return false;
                            }
                            continue;
                        }
                    }
                    taken(claimed, Source::File { path, out })
                }
                Ok(_) => continue,
            };
            if !emit(source) {
                return false;
            }
        }
        true
    }

    fn lines(&self, claimed: &mut Claimed, emit: &mut dyn FnMut(Source) -> bool) -> bool {
        let mut reader = BufReader::with_capacity(1 << 16, std::io::stdin());
        let mut number = 0;
        loop {
            let mut bytes = Vec::new();
            let len = match read_line(&mut reader, &mut bytes) {
                Ok(0) => return true,
                Ok(len) => len,
                Err(e) => {
                    let input = format!("stdin:{}", number + 1);
                    emit(Source::Failed {
                        input,
                        message: e.to_string(),
                    });
                    return false;
                }
            };
            number += 1;
            self.bytes_read.fetch_add(len as u64, Ordering::Relaxed);
            while matches!(bytes.last(), Some(b'\n' | b'\r')) {
                bytes.pop();
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue; // a blank line (the one after the last, say) is no article
            }
            let input = format!("stdin:{number}");
            let source = if len > MAX_INPUT_BYTES {
                let error = news_card::input::limits::check_size(len).err();
                Source::Failed {
                    input,
                    message: error.map(|e| e.message()).unwrap_or_default(),
                }
            } else {
                let out = self.names.then(|| line_out(&bytes, number));
                taken(claimed, Source::Line { number, bytes, out })
            };
            if !emit(source) {
                return false;
            }
        }
    }
}

/// `source`, or a failure when another input of this run has already taken its output.
fn taken(claimed: &mut Claimed, source: Source) -> Source {
    let (input, out) = match &source {
        Source::File {
            path,
            out: Some(out),
        } => (display(path), out),
        Source::Line {
            number,
            out: Some(out),
            ..
        } => (format!("stdin:{number}"), out),
        _ => return source,
    };
    if claimed.claim(out) {
        return source;
    }
    Source::Failed {
        message: format!(
            "{} is written from an earlier input of this run",
            out.display()
        ),
        input,
    }
}

/// walkdir's error without the path, which the report puts first.
fn walk_error(e: &walkdir::Error) -> String {
    if let Some(ancestor) = e.loop_ancestor() {
        return format!("a symlink loop: it leads back to {}", ancestor.display());
    }
    match e.io_error() {
        Some(io) => io.to_string(),
        None => e.to_string(),
    }
}

/// Reads one line (its newline kept) into `bytes`, keeping at most `MAX_INPUT_BYTES + 1` of
/// it: a longer line is read to its end and refused, so a stray giant line costs no memory.
/// Returns the line's whole length; 0 at the end of the input.
fn read_line(reader: &mut impl BufRead, bytes: &mut Vec<u8>) -> std::io::Result<usize> {
    let mut len = 0;
    loop {
        let buf = match reader.fill_buf() {
            Ok(buf) => buf,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if buf.is_empty() {
            return Ok(len);
        }
        let (chunk, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..=i], true),
            None => (buf, false),
        };
        let room = (MAX_INPUT_BYTES + 1).saturating_sub(bytes.len());
        bytes.extend_from_slice(&chunk[..chunk.len().min(room)]);
        let n = chunk.len();
        len += n;
        reader.consume(n);
        if done {
            return Ok(len);
        }
    }
}

/// Reads a file's bytes, refusing one over the limit before reading it.
pub fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if meta.is_dir() {
        return Err(std::io::Error::from(std::io::ErrorKind::IsADirectory).to_string());
    }
    let len = usize::try_from(meta.len()).unwrap_or(usize::MAX);
    news_card::input::limits::check_size(len).map_err(|e| e.message())?;
    let mut bytes = Vec::with_capacity(len + 1);
    // A file that grows while it is read still stops at the limit.
    file.take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    Ok(bytes)
}
