//! Atomic file replacement: write a temporary file beside the target, flush it to disk,
//! rename it over the target. A crash, a full disk or an error in the writer leaves either
//! the old file or the new one under the target name, never a half-written one.

use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use oxarray_core::Result;

use crate::error::io_error;

/// Whether a save waits for the data to reach the disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Durability {
    /// `fsync` the new file before the rename and the directory after it (the default): once
    /// the save returns, a power cut keeps the new file.
    #[default]
    Synced,
    /// Skip the `fsync`s: still atomic against errors and crashes of the program (the rename
    /// replaces the file whole), but a power cut may lose the new contents, as with
    /// `np.save`, which never syncs.
    Unsynced,
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Replaced files from this size on are closed (and their pages freed) on a background
/// thread.
const BACKGROUND_FREE_MIN: u64 = 64 << 20;

/// A temporary path in the same directory as `target` (a rename across file systems is not
/// atomic), hidden and unique to this process and call.
fn temp_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = format!(".{name}.{}.{n}.tmp", std::process::id());
    match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(tmp),
        _ => PathBuf::from(tmp),
    }
}

/// Writes `target` atomically: `write` fills a fresh temporary file beside it, which then
/// replaces `target`. On any error the temporary file is removed and `target` is untouched.
pub fn write_atomically(
    target: &Path,
    durability: Durability,
    write: impl FnOnce(&mut File) -> Result<()>,
) -> Result<()> {
    let tmp = temp_path(target);
    let mut file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&tmp)
        .map_err(|e| io_error("create", &tmp, &e))?;
    let result = write(&mut file).and_then(|()| {
        if durability == Durability::Synced {
            file.sync_all().map_err(|e| io_error("sync", &tmp, &e))?;
        }
        Ok(())
    });
    drop(file);
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    // Replacing a large file frees its pages, which takes as long as writing a good part of
    // them: keep the old file open over the rename and let a background thread close it, so
    // that the freeing does not hold up the caller.
    let old = File::open(target).ok().filter(|f| {
        f.metadata()
            .is_ok_and(|m| m.is_file() && m.len() >= BACKGROUND_FREE_MIN)
    });
    if let Err(e) = fs::rename(&tmp, target) {
        let _ = fs::remove_file(&tmp);
        return Err(io_error("replace", target, &e));
    }
    if let Some(old) = old {
        let moved = std::thread::Builder::new()
            .name("oxarray-free-old-file".into())
            .spawn(move || drop(old));
        drop(moved); // if no thread can be started, the file closed when `old` went away
    }
    if durability == Durability::Synced {
        sync_parent_dir(target);
    }
    Ok(())
}

/// Reserves `len` bytes of disk for `file` before it is written, as NumPy's `tofile` does:
/// on ext4 and XFS the write then skips block allocation page by page, about twice as
/// fast. A hint only: file systems that cannot do it are left alone.
pub fn preallocate(file: &File, len: u64) {
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::io::AsRawFd;
        if len > 0 && len <= i64::MAX as u64 {
            // SAFETY: a plain system call on an open descriptor; FALLOC_FL_KEEP_SIZE changes
            // no visible contents or size, and a failure is ignored.
            unsafe {
                libc::fallocate(
                    file.as_raw_fd(),
                    libc::FALLOC_FL_KEEP_SIZE,
                    0,
                    len as libc::off_t,
                );
            }
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (file, len);
}

/// Makes the rename itself durable. Best effort: some file systems cannot open or sync a
/// directory, and the data itself is already synced.
fn sync_parent_dir(target: &Path) {
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}
