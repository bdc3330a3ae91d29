//! NumPy's file functions (`np.save`, `np.load`, `np.savez`, `np.memmap`, ...) from crate
//! `oxarray-io`, re-exported into [`ox`](crate::ox).
//!
//! | NumPy | `ox` |
//! |---|---|
//! | `np.save(path, a)` | [`save`] |
//! | `np.load(path)` | [`load`] (`load::<DynArray>`, `load::<Array<T>>`, `load::<RecordArray>`) |
//! | `np.load(path.npz)` | [`load_npz`] |
//! | `np.savez(path, a=a)` / `np.savez_compressed` | [`savez`] / [`savez_compressed`] |
//! | `np.memmap(path, dtype, mode, offset, shape, order)` | [`memmap`] |
//! | `np.lib.format.open_memmap`, `np.load(path, mmap_mode=...)` | [`open_memmap`] |
//!
//! ```
//! use oxarray::prelude::*;
//! let dir = tempfile::tempdir()?;
//! let path = dir.path().join("a.npy");
//! ox::save(&path, &array![1.0f64, 2.0, 3.0])?;           // np.save
//! let a: Array<f64> = ox::load(&path)?;                  // np.load
//! assert_eq!(a.to_vec(), vec![1.0, 2.0, 3.0]);
//! let m = ox::open_memmap(&path, ox::MmapMode::ReadOnly, None, None, false, None)?;
//! assert_eq!(m.array::<f64>()?.len(), 3);                // np.load(path, mmap_mode='r')
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::path::Path;

use oxarray_core::Result;

pub use oxarray_io::loader::{BatchLoader, LoaderOptions};
pub use oxarray_io::{
    FromNpy, LoadOptions, Memmap, Mode as MmapMode, NpyData, NpyWritable, NpzFile, SaveOptions,
    load, load_with, memmap, open_memmap, save, save_with, savez, savez_compressed,
};

/// `np.load(path)` for an `.npz` archive: the archive, whose members load on demand
/// ([`NpzFile::get`]).
pub fn load_npz(path: impl AsRef<Path>) -> Result<NpzFile> {
    NpzFile::open(path)
}
