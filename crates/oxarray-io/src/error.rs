//! Building oxarray's [`Error`] for files: every error names the file (and the byte offset,
//! where one is known).

use std::path::{Path, PathBuf};

use oxarray_core::Error;

/// The path used in errors about bytes that came from no file.
pub const MEMORY: &str = "<memory>";

/// An operating-system error while doing `op` on `path`.
pub fn io_error(op: &'static str, path: &Path, e: &std::io::Error) -> Error {
    Error::Io {
        op,
        path: path.to_path_buf(),
        kind: e.kind(),
        message: e.to_string(),
    }
}

/// A damaged or invalid file.
pub fn bad_file(path: &Path, offset: Option<u64>, problem: impl Into<String>) -> Error {
    Error::BadFile {
        path: path.to_path_buf(),
        offset,
        problem: problem.into(),
    }
}

/// `path` or the placeholder for in-memory data.
pub fn path_or_memory(path: Option<&Path>) -> PathBuf {
    path.map_or_else(|| PathBuf::from(MEMORY), Path::to_path_buf)
}
