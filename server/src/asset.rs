//! A response body held in memory with its compressed forms and ETag, and how a request picks one: 200, 304 or HEAD.

use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;
use std::io::Write;

/// One representation the server answers from memory: made once (when a file is loaded or an
/// article rendered), then only cloned, so a request costs no rendering and no compression.
#[derive(Debug, Clone)]
pub struct Asset {
    pub content_type: &'static str,
    pub body: Bytes,
    /// Brotli and gzip forms, kept only when smaller than the body.
    pub br: Option<Bytes>,
    pub gz: Option<Bytes>,
    /// The entity tag of the identity body, without quotes: the encoded forms append `-br`/`-gz`.
    pub etag: String,
    /// The `ETag` header of each form (identity, br, gzip), made once.
    tags: [HeaderValue; 3],
    pub cache_control: &'static str,
    /// Content-Security-Policy, for HTML.
    pub csp: Option<HeaderValue>,
}

/// Worth compressing: text and wasm (fonts and images are compressed already).
pub fn compressible(content_type: &str) -> bool {
    content_type.starts_with("text/")
        || content_type.starts_with("application/json")
        || content_type == "application/wasm"
        || content_type == "image/svg+xml"
}

/// Brotli at `quality` and gzip at the best level, each kept when it saves bytes.
pub fn compress(body: &[u8], quality: u32) -> (Option<Bytes>, Option<Bytes>) {
    let mut br = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: quality as i32,
        ..Default::default()
    };
    let br_ok = brotli::BrotliCompress(&mut &body[..], &mut br, &params).is_ok();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let gz = gz.write_all(body).and_then(|()| gz.finish()).ok();
    let smaller = |v: Vec<u8>| (v.len() < body.len()).then(|| Bytes::from(v));
    (br_ok.then_some(br).and_then(smaller), gz.and_then(smaller))
}

impl Asset {
    /// An asset whose ETag is the FNV-1a of its bytes (the core's `fnv_hex`), compressed when
    /// its type is worth it.
    pub fn new(content_type: &'static str, body: Vec<u8>, cache_control: &'static str) -> Asset {
        Asset::with_quality(content_type, body, cache_control, 5)
    }

    /// As `new`, with brotli's quality given (11 for files loaded once at startup).
    pub fn with_quality(
        content_type: &'static str,
        body: Vec<u8>,
        cache_control: &'static str,
        quality: u32,
    ) -> Asset {
        let (br, gz) = if compressible(content_type) && quality > 0 {
            compress(&body, quality)
        } else {
            (None, None)
        };
        let etag = etag_of(&body);
        let tag = |suffix: &str| {
            HeaderValue::from_str(&format!("\"{etag}{suffix}\""))
                .unwrap_or_else(|_| HeaderValue::from_static("\"\""))
        };
        let tags = [tag(""), tag("-br"), tag("-gz")];
        Asset {
            tags,
            content_type,
            body: Bytes::from(body),
            br,
            gz,
            etag,
            cache_control,
            csp: None,
        }
    }

    /// An asset made for one response (an oEmbed answer): not worth compressing.
    pub fn uncompressed(
        content_type: &'static str,
        body: Vec<u8>,
        cache_control: &'static str,
    ) -> Asset {
        Asset::with_quality(content_type, body, cache_control, 0)
    }

    pub fn html(body: String, cache_control: &'static str, csp: HeaderValue) -> Asset {
        let mut asset = Asset::new("text/html; charset=utf-8", body.into_bytes(), cache_control);
        asset.csp = Some(csp);
        asset
    }
}

/// 64 bits of FNV-1a over the bytes and their length: enough to tell versions of one URL apart.
pub fn etag_of(bytes: &[u8]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}-{:x}", bytes.len())
}

/// Which encodings the request accepts (`q=0` refuses one).
fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|item| {
            let mut parts = item.split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| {
                let p = p.trim();
                p.strip_prefix("q=")
                    .is_some_and(|q| q.trim().parse::<f32>().is_ok_and(|q| q <= 0.0))
            });
            name.eq_ignore_ascii_case(coding) && !refused
        })
}

/// Whether `If-None-Match` names this asset (any of its encodings: the comparison is weak).
fn not_modified(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|tag| {
            let tag = tag.trim();
            if tag == "*" {
                return true;
            }
            let tag = tag.strip_prefix("W/").unwrap_or(tag).trim_matches('"');
            let tag = tag
                .strip_suffix("-br")
                .or_else(|| tag.strip_suffix("-gz"))
                .unwrap_or(tag);
            tag == etag
        })
}

/// The headers every HTML response carries besides its own CSP.
pub fn html_headers(headers: &mut HeaderMap, csp: &HeaderValue) {
    headers.insert(header::CONTENT_SECURITY_POLICY, csp.clone());
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
}

/// The response for `asset`: 304 when the request names its ETag, else its best encoding.
/// HEAD gets the same headers (axum drops the body of a GET route answering HEAD).
pub fn respond(method: &Method, req: &HeaderMap, status: StatusCode, asset: &Asset) -> Response {
    let (body, coding, tag) = match (&asset.br, &asset.gz) {
        (Some(br), _) if accepts(req, "br") => (br.clone(), Some("br"), &asset.tags[1]),
        (_, Some(gz)) if accepts(req, "gzip") => (gz.clone(), Some("gzip"), &asset.tags[2]),
        _ => (asset.body.clone(), None, &asset.tags[0]),
    };
    let fresh = status == StatusCode::OK
        && (method == Method::GET || method == Method::HEAD)
        && not_modified(req, &asset.etag);
    let mut response = if fresh {
        let mut r = Response::new(Body::empty());
        *r.status_mut() = StatusCode::NOT_MODIFIED;
        r
    } else {
        let len = body.len();
        let mut r = Response::new(Body::from(body));
        *r.status_mut() = status;
        r.headers_mut()
            .insert(header::CONTENT_LENGTH, HeaderValue::from(len));
        r.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(asset.content_type),
        );
        if let Some(name) = coding {
            r.headers_mut()
                .insert(header::CONTENT_ENCODING, HeaderValue::from_static(name));
        }
        r
    };
    let headers = response.headers_mut();
    headers.insert(header::ETAG, tag.clone());
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(asset.cache_control),
    );
    if asset.br.is_some() || asset.gz.is_some() {
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    if let Some(csp) = &asset.csp {
        html_headers(headers, csp);
    }
    response
}
