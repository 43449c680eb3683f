//! Renders a view to an HTML string with every text and attribute value escaped.

use crate::view::Node;

/// Appends `s` with the characters that could start or end markup escaped.
fn escape_into(out: &mut String, s: &str, in_attr: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attr => out.push_str("&quot;"),
            '\'' if in_attr => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
}

/// Appends `s` escaped for a double-quoted attribute value (the prerenderer's own attributes).
pub fn escape_attr(out: &mut String, s: &str) {
    escape_into(out, s, true);
}

fn render_into(out: &mut String, node: &Node) {
    match node {
        Node::Text(t) => escape_into(out, t, false),
        Node::Element(e) => {
            out.push('<');
            out.push_str(e.tag);
            for (name, value) in &e.attrs {
                out.push(' ');
                out.push_str(name);
                out.push_str("=\"");
                escape_into(out, value, true);
                out.push('"');
            }
            out.push('>');
            // A void element has no end tag (the view gives it no children).
            if e.tag == "img" {
                return;
            }
            for child in &e.children {
                render_into(out, child);
            }
            out.push_str("</");
            out.push_str(e.tag);
            out.push('>');
        }
    }
}

/// The view as HTML. Tags and attribute names come from the view builder (fixed strings);
/// everything else is escaped, so no input can open an element.
pub fn render(node: &Node) -> String {
    let mut out = String::new();
    render_into(&mut out, node);
    out
}
