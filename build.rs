//! Build script: ships src/card.css without comments and layout whitespace (OUT_DIR/card.min.css).

use std::{env, fs, path::Path};

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
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("card.min.css");
    fs::write(out, minify(&css)).expect("OUT_DIR is writable");
}
