//! URLs in an article: which references the card accepts (absolute http: or https:, or relative) and how a relative one resolves against a base, as browsers resolve it.
//!
//! Pure and small on purpose: the reader's wasm resolves an article's relative image and link
//! URLs against the page (or the fetched article's own URL), and the prerenderer resolves them
//! for JSON-LD, with the same code. It follows the WHATWG URL standard's resolution for the
//! http(s) schemes (RFC 3986 section 5.2, `\` read as `/`, `%2e` as a dot segment), and leaves
//! normalising (case, percent-encoding, default ports) to the browser, which parses every URL
//! the card writes again: `tests/web.rs` checks that the browser reads each resolved URL as it
//! reads the reference against the same base.

/// What a URL reference is, for the card.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    /// An absolute `http:` or `https:` URL, with a host.
    Web,
    /// A relative reference (`/media/a.jpg`, `a.jpg`, `//cdn.example/a.jpg`, `?v=2`): it takes
    /// its scheme from the base it resolves against.
    Relative,
}

/// What `url` is, or None when the card never loads or links it: another scheme
/// (`javascript:`, `data:`, `blob:`, `file:`), `http:` without `//` and a host, an empty
/// string, or any white space or control character (browsers strip some of them, which could
/// smuggle a scheme in).
pub fn reference(url: &str) -> Option<Reference> {
    if url.is_empty() || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return None;
    }
    match scheme_of(url) {
        None => Some(Reference::Relative),
        Some(scheme) => {
            let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
            let rest = &url[scheme.len() + 1..];
            (web && rest.len() > 2 && rest.starts_with("//")).then_some(Reference::Web)
        }
    }
}

/// `url` if it is an absolute http: or https: URL (what a link or an image may point to once
/// resolved).
pub fn web(url: &str) -> Option<&str> {
    (reference(url) == Some(Reference::Web)).then_some(url)
}

/// The scheme, when `url` starts with one (a letter, then letters, digits, `+`, `-` or `.`,
/// then `:`); a reference without one is relative.
fn scheme_of(url: &str) -> Option<&str> {
    let end = url.find(':')?;
    let scheme = &url[..end];
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// `reference` resolved against `base` (an absolute http: or https: URL): an absolute http:
/// or https: URL, or None when either is not one the card accepts. An absolute reference is
/// returned as it is.
pub fn resolve(base: &str, reference: &str) -> Option<String> {
    match self::reference(reference)? {
        Reference::Web => return Some(reference.into()),
        Reference::Relative => {}
    }
    web(base)?;
    let base = Parts::of(base);
    let r = Parts::of(reference);
    let mut out = String::with_capacity(base.scheme.len() + reference.len() + 16);
    out.push_str(base.scheme);
    out.push(':');
    let (authority, path, query) = if let Some(authority) = r.authority {
        (authority, remove_dots(&r.path), r.query)
    } else if r.path.is_empty() {
        (
            base.authority.unwrap_or_default(),
            base.path.to_string(),
            r.query.or(base.query),
        )
    } else if r.path.starts_with('/') {
        (
            base.authority.unwrap_or_default(),
            remove_dots(&r.path),
            r.query,
        )
    } else {
        // Merged with the base's directory (http(s) paths are never empty: at least "/").
        let dir = base.path.rfind('/').map_or("/", |i| &base.path[..=i]);
        let dir = if dir.is_empty() { "/" } else { dir };
        let merged = [dir, &r.path].concat();
        (
            base.authority.unwrap_or_default(),
            remove_dots(&merged),
            r.query,
        )
    };
    out.push_str("//");
    out.push_str(authority);
    out.push_str(&path);
    if let Some(query) = query {
        out.push('?');
        out.push_str(query);
    }
    if let Some(fragment) = r.fragment {
        out.push('#');
        out.push_str(fragment);
    }
    Some(out)
}

/// A URL or reference cut into its parts (RFC 3986 appendix B), with every `\` before the
/// query read as `/`, as browsers read it in http(s) URLs.
struct Parts<'a> {
    scheme: &'a str,
    authority: Option<&'a str>,
    path: std::borrow::Cow<'a, str>,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
}

impl<'a> Parts<'a> {
    fn of(url: &'a str) -> Parts<'a> {
        let (rest, fragment) = match url.split_once('#') {
            Some((rest, fragment)) => (rest, Some(fragment)),
            None => (url, None),
        };
        let (rest, query) = match rest.split_once('?') {
            Some((rest, query)) => (rest, Some(query)),
            None => (rest, None),
        };
        let (scheme, rest) = match scheme_of(rest) {
            Some(scheme) => (scheme, &rest[scheme.len() + 1..]),
            None => ("", rest),
        };
        let slash = |c: char| c == '/' || c == '\\';
        let (authority, path) = if rest.len() >= 2 && rest.chars().take(2).all(slash) {
            let rest = &rest[2..];
            let end = rest.find(slash).unwrap_or(rest.len());
            (Some(&rest[..end]), &rest[end..])
        } else {
            (None, rest)
        };
        let path = if path.contains('\\') {
            path.replace('\\', "/").into()
        } else {
            path.into()
        };
        Parts {
            scheme,
            authority,
            path,
            query,
            fragment,
        }
    }
}

/// A dot segment as browsers read it: `.` or `%2e`, any case.
fn is_dot(segment: &str) -> bool {
    segment == "." || segment.eq_ignore_ascii_case("%2e")
}

/// `..`, with either dot written `%2e`.
fn is_dot_dot(segment: &str) -> bool {
    ["..", ".%2e", "%2e.", "%2e%2e"]
        .iter()
        .any(|d| segment.eq_ignore_ascii_case(d))
}

/// An absolute path (starting with `/`, or empty) without its dot segments: `..` removes the
/// segment before it but never goes above the root, and a path ending in a dot segment keeps
/// its last `/`.
fn remove_dots(path: &str) -> String {
    let segments: Vec<&str> = path.strip_prefix('/').unwrap_or(path).split('/').collect();
    let last = segments.len() - 1;
    let mut out: Vec<&str> = Vec::with_capacity(segments.len());
    for (i, segment) in segments.into_iter().enumerate() {
        if is_dot_dot(segment) {
            out.pop();
        } else if !is_dot(segment) {
            out.push(segment);
            continue;
        }
        if i == last {
            out.push("");
        }
    }
    let mut path = String::with_capacity(path.len() + 1);
    for segment in out {
        path.push('/');
        path.push_str(segment);
    }
    if path.is_empty() {
        path.push('/');
    }
    path
}
