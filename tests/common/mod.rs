//! Helpers shared by the native test files.
#![allow(dead_code)] // each test file uses its own subset

/// Compares with tests/snapshots/NAME; `UPDATE_SNAPSHOTS=1 cargo test` rewrites it after a
/// deliberate change (review the diff before committing).
pub fn assert_snapshot(name: &str, actual: &str) {
    let path = format!("{}/tests/snapshots/{name}", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{path}: {e} (run with UPDATE_SNAPSHOTS=1 to create it)"));
    assert_eq!(actual, expected, "{name} differs from its snapshot");
}
