//! The thin edge that touches the browser: the DOM builder, a mounted card, and the exports the JavaScript shell calls.

pub mod dom;
pub(crate) mod exports;
pub mod mount;
#[cfg(feature = "publisher")]
mod publisher;
