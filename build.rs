//! Build script: ships src/card.css without comments and layout whitespace (OUT_DIR/card.min.css), and its CSP hash.
//!
//! Maintained crates do each job: `minifier` (small, and quick to build, where lightningcss would
//! add its parser's many crates to every fresh build: docs/architecture.md, "Which crate, where, and why"),
//! `sha2` for the hash and `base64` for how CSP writes it.

use base64::Engine;
use sha2::{Digest, Sha256};
use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=src/card.css");
    let css = fs::read_to_string("src/card.css").expect("src/card.css is readable");
    let dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    // minifier keeps a `;` before each `}` and a leading space, which CSS does not need: 32
    // bytes, in every card's stylesheet and in the wasm that carries it.
    let min = minifier::css::minify(&css)
        .expect("src/card.css is valid CSS")
        .to_string()
        .trim()
        .replace(";}", "}");
    // The source expression a page's `style-src` needs for a prerendered card's inline <style>.
    let digest = Sha256::digest(min.as_bytes());
    let hash = format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    );
    fs::write(Path::new(&dir).join("card.min.css"), min).expect("OUT_DIR is writable");
    fs::write(Path::new(&dir).join("card.css.csp"), hash).expect("OUT_DIR is writable");
}
