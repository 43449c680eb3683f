//! The files of `--out`: each written whole under a temporary name and renamed, and left untouched when it already holds the card.
//!
//! Incremental runs compare the card with the file it would replace (its length, then its
//! bytes) instead of keeping a manifest of digests: the file is its own record, so a run that
//! was killed, an output copied from a cache, a file edited by hand or a new version of the
//! renderer all come out right, with nothing else to keep in step and no memory that grows with
//! the archive. The price is that an unchanged article is still read and rendered (a few tens
//! of microseconds), never written.

use std::ffi::OsString;
use std::fs;
use std::io::{self, ErrorKind};
use std::path::{Path, PathBuf};

/// What `write` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wrote {
    Written,
    /// The file already held these bytes.
    Unchanged,
}

/// The output directory made, and shown to be writable, before any article is rendered.
pub fn prepare(dir: &Path) -> io::Result<()> {
    fs::create_dir_all(dir)?;
    let probe = dir.join(format!(".news-card-probe-{}", std::process::id()));
    fs::write(&probe, b"")?;
    fs::remove_file(&probe)
}

/// The temporary name `path` is written under: hidden, beside it, one per output, so a run
/// killed mid-write leaves at most one per thread, which the next run writing that output
/// replaces.
fn temporary(path: &Path) -> PathBuf {
    let mut name = OsString::from(".");
    name.push(path.file_name().unwrap_or_default());
    name.push(".news-card-tmp");
    path.with_file_name(name)
}

/// Writes `bytes` to `dir/rel`, unless it holds them already (and `force` is off).
pub fn write(dir: &Path, rel: &Path, bytes: &[u8], force: bool) -> io::Result<Wrote> {
    let path = dir.join(rel);
    if !force && holds(&path, bytes)? {
        return Ok(Wrote::Unchanged);
    }
    let tmp = temporary(&path);
    if let Err(e) = fs::write(&tmp, bytes) {
        if e.kind() != ErrorKind::NotFound {
            return Err(e);
        }
        // The first file of a new directory.
        fs::create_dir_all(tmp.parent().unwrap_or(dir))?;
        fs::write(&tmp, bytes)?;
    }
    fs::rename(&tmp, &path).inspect_err(|_| {
        let _ = fs::remove_file(&tmp);
    })?;
    Ok(Wrote::Written)
}

/// Whether the file at `path` holds exactly `bytes` (false when there is none).
fn holds(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
            Ok(fs::read(path)? == bytes)
        }
        Ok(_) => Ok(false),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}
