//! Build script: ships src/card.css without comments and layout whitespace (OUT_DIR/card.min.css), and its CSP hash.

use sha2::{Digest, Sha256};
use std::{env, fs, path::Path};

/// Standard base64 with padding, as CSP hash sources are written.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            out.push(if i <= chunk.len() {
                ABC[(n >> (18 - 6 * i) & 63) as usize] as char
            } else {
                '='
            });
        }
    }
    out
}

/// Drops `/* ... */` comments, collapses whitespace, and removes the spaces CSS ignores around
/// `{ } ;` and after `: ,`. A space before `:` is kept: `.a :hover` and `.a:hover` differ.
/// Strings in the stylesheet (font names) hold none of these characters next to a space.
fn minify(css: &str) -> String {
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        text.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    text.push_str(rest);
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = String::with_capacity(text.len());
    for (i, word) in words.iter().enumerate() {
        let joins = |c: char| matches!(c, '{' | '}' | ';');
        let after = |c: char| matches!(c, '{' | '}' | ';' | ':' | ',');
        if i > 0 && !out.ends_with(after) && !word.starts_with(joins) {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.replace(";}", "}")
}

fn main() {
    println!("cargo:rerun-if-changed=src/card.css");
    let css = fs::read_to_string("src/card.css").expect("src/card.css is readable");
    let dir = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let min = minify(&css);
    // The source expression a page's `style-src` needs for a prerendered card's inline <style>.
    let hash = format!("'sha256-{}'", base64(&Sha256::digest(min.as_bytes())));
    fs::write(Path::new(&dir).join("card.min.css"), min).expect("OUT_DIR is writable");
    fs::write(Path::new(&dir).join("card.css.csp"), hash).expect("OUT_DIR is writable");
}
