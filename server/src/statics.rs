//! `/static/`: the files of `./build.sh dist` and the server's own three, loaded into memory once, compressed once, content-hashed names cached for good.

use crate::asset::Asset;
use std::collections::HashMap;
use std::fs;
use std::path::Path;

/// The server's own files: the embed page's script, the host page's script, the pages' stylesheet.
pub const EMBED_JS: &str = include_str!("../assets/embed.js");
pub const HOST_JS: &str = include_str!("../assets/host.js");
pub const SERVER_CSS: &str = include_str!("../assets/server.css");

const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// A name without a content hash may change under the same URL: revalidated after an hour.
const REVALIDATE: &str = "public, max-age=3600";

/// Content-Type by extension; None: not served.
fn content_type(name: &str) -> Option<&'static str> {
    Some(match name.rsplit_once('.')?.1 {
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json; charset=utf-8",
        "html" => "text/html; charset=utf-8",
        "woff2" => "font/woff2",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => return None,
    })
}

/// Whether the name carries a content hash (`news-card.0123456789ab.js`): such a URL never changes.
fn hashed(name: &str) -> bool {
    let file = name.rsplit('/').next().unwrap_or(name);
    file.split('.')
        .any(|part| part.len() >= 12 && part.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// What the pages and the oEmbed snippet name: read from dist/snippet.html, dist's manifest.
#[derive(Debug, Clone)]
pub struct Names {
    pub module: String,
    pub integrity: String,
    pub css: String,
    pub embed_js: String,
    pub host_js: String,
}

/// The value of `attr="..."` in `html`.
fn attribute<'a>(html: &'a str, attr: &str) -> Option<&'a str> {
    let start = html.find(&format!(" {attr}=\""))? + attr.len() + 3;
    let len = html[start..].find('"')?;
    Some(&html[start..start + len])
}

#[derive(Debug, Default)]
pub struct Statics {
    pub files: HashMap<String, Asset>,
}

/// A served name: its own file name, `a-z A-Z 0-9 . _ -` segments under one folder at most.
fn plain_name(name: &str) -> bool {
    name.split('/').count() <= 2
        && name.split('/').all(|seg| {
            !seg.is_empty()
                && !seg.starts_with('.')
                && seg
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"._-".contains(&b))
        })
}

impl Statics {
    /// Loads `dist` (regular files only, one folder deep: dist/fonts/) and adds the server's own.
    pub fn load(dist: &Path) -> Result<(Statics, Names), String> {
        let shown = dist.display();
        let snippet = fs::read_to_string(dist.join("snippet.html"))
            .map_err(|e| format!("{shown}/snippet.html: {e} (run ./build.sh dist first)"))?;
        let module = attribute(&snippet, "src")
            .ok_or_else(|| format!("{shown}/snippet.html: no script src"))?
            .rsplit('/')
            .next()
            .unwrap_or_default()
            .to_owned();
        let integrity = attribute(&snippet, "integrity")
            .ok_or_else(|| format!("{shown}/snippet.html: no integrity"))?
            .to_owned();
        let mut statics = Statics::default();
        statics.read_dir(dist, "")?;
        if !statics.files.contains_key(&module) {
            return Err(format!(
                "{shown}/{module}: named by snippet.html, not found"
            ));
        }
        let mut own = |stem: &str, ext: &str, content_type, text: &str| {
            let name = format!(
                "{stem}.{}.{ext}",
                &crate::asset::etag_of(text.as_bytes())[..16]
            );
            statics.files.insert(
                name.clone(),
                Asset::with_quality(content_type, text.as_bytes().to_vec(), IMMUTABLE, 11),
            );
            name
        };
        let names = Names {
            module,
            integrity,
            embed_js: own(
                "news-card-embed",
                "js",
                "text/javascript; charset=utf-8",
                EMBED_JS,
            ),
            host_js: own(
                "news-card-host",
                "js",
                "text/javascript; charset=utf-8",
                HOST_JS,
            ),
            css: own(
                "news-card-server",
                "css",
                "text/css; charset=utf-8",
                SERVER_CSS,
            ),
        };
        Ok((statics, names))
    }

    fn read_dir(&mut self, dir: &Path, prefix: &str) -> Result<(), String> {
        let entries = fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let Some(name) = entry.file_name().to_str().map(str::to_owned) else {
                continue;
            };
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let served = format!("{prefix}{name}");
            if kind.is_dir() && prefix.is_empty() {
                self.read_dir(&entry.path(), &format!("{name}/"))?;
            } else if kind.is_file() && plain_name(&served) {
                let Some(content_type) = content_type(&name) else {
                    continue;
                };
                let bytes = fs::read(entry.path())
                    .map_err(|e| format!("{}: {e}", entry.path().display()))?;
                let cache = if hashed(&served) {
                    IMMUTABLE
                } else {
                    REVALIDATE
                };
                self.files
                    .insert(served, Asset::with_quality(content_type, bytes, cache, 11));
            }
        }
        Ok(())
    }
}
