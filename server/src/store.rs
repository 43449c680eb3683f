//! The articles: read from a directory (JSON and plain text), each file its own slug, re-read when it changes, rendered once per digest.
//!
//! Nothing is ever read by a path built from a request: a scan lists the directory, and a
//! request looks its slug up in what the scan found. A file is taken only when its name is a
//! slug, it is a regular file, and a symlink among them resolves inside the directory.

use crate::asset::Asset;
use crate::render::Site;
use news_card::article::Article;
use news_card::input;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

/// Whether `s` names an article: 1 to 64 of `a-z`, `0-9` and `-`, not starting or ending with `-`.
pub fn is_slug(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
}

/// An article rendered: every response of its routes, made once.
#[derive(Debug)]
pub struct Rendered {
    pub article: Article,
    /// The digest the render is cached by: of the article's JSON.
    pub digest: String,
    pub page: Asset,
    pub embed: Asset,
    pub json: Asset,
}

/// One slug's state: rendered, or why its file could not be (the error page, made once).
#[derive(Debug, Clone)]
pub enum State {
    Ok(Arc<Rendered>),
    Broken { message: String, page: Arc<Asset> },
}

#[derive(Debug, Clone)]
pub struct Entry {
    /// The file, as the error page and the log name it (`articles/bad.json`).
    pub file: String,
    /// What the file looked like when read: a change of length or mtime re-reads it.
    stamp: Option<(u64, SystemTime)>,
    pub state: State,
}

/// All articles at one moment: swapped whole on reload, so a request sees one consistent set.
#[derive(Debug, Default)]
pub struct Catalog {
    pub entries: BTreeMap<String, Entry>,
    pub index: Option<Asset>,
}

/// Where articles come from.
#[derive(Debug, Clone)]
pub enum Source {
    /// The crate's embedded article, as slug `embedded`.
    Embedded,
    Dir(PathBuf),
}

/// Renders `article` for `slug`, or reuses the previous render when the digest is the same.
fn render(site: &Site, slug: &str, article: Article, previous: Option<&Entry>) -> Arc<Rendered> {
    let json = input::json::to_string(&article);
    let digest = news_card::prerender::fnv_hex(&json);
    if let Some(Entry {
        state: State::Ok(r),
        ..
    }) = previous
    {
        if r.digest == digest {
            return r.clone();
        }
    }
    Arc::new(Rendered {
        page: site.article_page(slug, &article),
        embed: site.embed_page(slug, &article),
        json: Asset::new(
            "application/json; charset=utf-8",
            json.into_bytes(),
            "public, max-age=60",
        ),
        article,
        digest,
    })
}

fn broken(site: &Site, file: &str, message: String) -> State {
    eprintln!("news-card-server: {file}: {message}");
    let page = Arc::new(site.error_page(
        "This article cannot be shown",
        &format!("{file}: {message}"),
    ));
    State::Broken { message, page }
}

/// The article in `bytes`, by the file's extension.
fn parse(ext: &str, bytes: &[u8]) -> Result<Article, String> {
    let read = if ext == "json" {
        input::json::from_bytes(bytes)
    } else {
        input::text_bytes(bytes)
    };
    read.map_err(|e| e.to_string())
}

/// A file a scan will read: its slug, its extension (the format) and its path.
type Candidate = (String, String, PathBuf);

/// The candidates of a scan, sorted, and the names refused, with why.
fn list(dir: &Path, root: &Path) -> std::io::Result<(Vec<Candidate>, Vec<String>)> {
    let mut found = Vec::new();
    let mut refused = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
            continue;
        };
        let Some((stem, ext)) = name.rsplit_once('.') else {
            continue;
        };
        if ext != "json" && ext != "txt" {
            continue;
        }
        if !is_slug(stem) {
            refused.push(format!(
                "{name}: skipped, the name is not a slug (a-z, 0-9, -)"
            ));
            continue;
        }
        let path = entry.path();
        let Ok(meta) = fs::symlink_metadata(&path) else {
            continue;
        };
        let path = if meta.file_type().is_symlink() {
            // A link is followed only to a regular file inside the directory, and the file is
            // then read by that resolved path, not through the link.
            let target = fs::canonicalize(&path)
                .ok()
                .filter(|target| target.starts_with(root) && target.is_file());
            match target {
                Some(target) => target,
                None => {
                    refused.push(format!("{name}: skipped, a symlink out of the directory"));
                    continue;
                }
            }
        } else if meta.is_file() {
            path
        } else {
            continue;
        };
        found.push((stem.to_owned(), ext.to_owned(), path));
    }
    found.sort();
    Ok((found, refused))
}

/// The catalog now: files unchanged since `previous` keep their entry, the others are read.
pub fn scan(site: &Site, source: &Source, previous: &Catalog) -> Catalog {
    let mut entries = BTreeMap::new();
    match source {
        Source::Embedded => {
            let slug = "embedded";
            let article = input::embedded();
            let rendered = render(site, slug, article, previous.entries.get(slug));
            entries.insert(
                slug.to_owned(),
                Entry {
                    file: "(embedded)".into(),
                    stamp: None,
                    state: State::Ok(rendered),
                },
            );
        }
        Source::Dir(dir) => {
            let shown = dir.display().to_string();
            let root = fs::canonicalize(dir).unwrap_or_else(|_| dir.clone());
            let (found, refused) = match list(dir, &root) {
                Ok(listed) => listed,
                Err(e) => {
                    eprintln!("news-card-server: {shown}: {e}; keeping the articles already read");
                    return Catalog {
                        entries: previous.entries.clone(),
                        index: previous.index.clone(),
                    };
                }
            };
            for reason in refused {
                if previous.index.is_none() {
                    eprintln!("news-card-server: {shown}/{reason}");
                }
            }
            for (slug, ext, path) in found {
                let file = format!("{shown}/{slug}.{ext}");
                if let Some(other) = entries.get(&slug) {
                    let other: &Entry = other;
                    let message = format!(
                        "two files for one slug ({} and {file}): remove one",
                        other.file
                    );
                    let again = previous.entries.get(&slug).and_then(|e| match &e.state {
                        State::Broken { message: m, .. } if *m == message => Some(e.state.clone()),
                        _ => None,
                    });
                    let state = again.unwrap_or_else(|| broken(site, &file, message));
                    entries.insert(
                        slug,
                        Entry {
                            file,
                            stamp: None,
                            state,
                        },
                    );
                    continue;
                }
                let stamp = fs::metadata(&path)
                    .ok()
                    .and_then(|m| Some((m.len(), m.modified().ok()?)));
                let before = previous.entries.get(&slug).filter(|e| e.file == file);
                if let Some(before) = before.filter(|b| stamp.is_some() && b.stamp == stamp) {
                    entries.insert(slug, before.clone());
                    continue;
                }
                let state = match read_limited(&path) {
                    Err(message) => broken(site, &file, message),
                    Ok(bytes) => match parse(&ext, &bytes) {
                        Ok(article) => State::Ok(render(site, &slug, article, before)),
                        Err(message) => broken(site, &file, message),
                    },
                };
                entries.insert(slug, Entry { file, stamp, state });
            }
        }
    }
    let list: Vec<(&str, Result<&Article, &str>)> = entries
        .iter()
        .map(|(slug, e)| {
            let state = match &e.state {
                State::Ok(r) => Ok(&r.article),
                State::Broken { message, .. } => Err(message.as_str()),
            };
            (slug.as_str(), state)
        })
        .collect();
    let index = site.index(&list);
    Catalog {
        entries,
        index: Some(index),
    }
}

/// The file's bytes, refusing one larger than the card accepts before reading it whole.
fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let file = fs::File::open(path).map_err(|e| e.to_string())?;
    let max = input::limits::MAX_INPUT_BYTES as u64;
    let mut bytes = Vec::new();
    file.take(max + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    input::limits::check_size(bytes.len()).map_err(|e| e.to_string())?;
    Ok(bytes)
}

impl Catalog {
    /// Whether two scans found the same articles in the same states (then nothing is logged).
    pub fn same_as(&self, other: &Catalog) -> bool {
        self.index.as_ref().map(|a| &a.etag) == other.index.as_ref().map(|a| &a.etag)
            && self.entries.len() == other.entries.len()
            && self
                .entries
                .iter()
                .zip(&other.entries)
                .all(|((a, x), (b, y))| {
                    a == b
                        && match (&x.state, &y.state) {
                            (State::Ok(p), State::Ok(q)) => Arc::ptr_eq(p, q),
                            (
                                State::Broken { message: m, .. },
                                State::Broken { message: n, .. },
                            ) => m == n,
                            _ => false,
                        }
                })
    }
}
