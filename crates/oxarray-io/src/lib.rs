//! # oxarray-io: `.npy` / `.npz` files, memory maps, a batch loader
//!
//! | NumPy | oxarray-io |
//! |---|---|
//! | `np.save(path, a)` | [`save`] (atomic: temporary file, fsync, rename) |
//! | `np.load(path)` | [`load`]`::<DynArray>` / `::<Array<T>>` / `::<RecordArray>` |
//! | `np.savez(path, a=a, b=b)` | [`savez`]`(path, &[("a", &a), ("b", &b)])` |
//! | `np.savez_compressed(...)` | [`savez_compressed`] |
//! | `np.load(path.npz)["a"]` | [`NpzFile::open`]`(path)?.get("a")` |
//! | `np.load(path, mmap_mode="r")`, `np.lib.format.open_memmap` | [`open_memmap`] |
//! | `np.memmap(path, dtype, mode, offset, shape, order)` | [`memmap`] |
//! | the article's `NumpyDataLoader` | [`loader::BatchLoader`] |
//!
//! Files are NumPy's format exactly: what NumPy writes loads here and what is written here
//! loads in NumPy, bit for bit (format versions 1.0, 2.0 and 3.0; every element type of the
//! core; C and Fortran order; either byte order; structured dtypes from
//! [`oxarray_record`]).
//!
//! ```
//! use oxarray_core::{array, Array, DynArray};
//! let dir = tempfile::tempdir()?;
//! let path = dir.path().join("x.npy");
//! oxarray_io::save(&path, &array![[1.0f64, 2.0], [3.0, 4.0]])?;
//! let x: Array<f64> = oxarray_io::load(&path)?;
//! assert_eq!(x.shape(), &[2, 2]);
//! let m = oxarray_io::open_memmap(&path, oxarray_io::Mode::ReadOnly, None, None, false, None)?;
//! assert_eq!(m.array::<f64>()?.to_vec(), vec![1.0, 2.0, 3.0, 4.0]); // no copy
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Damaged files (truncated, wrong magic, lying headers, absurd shapes, bad dtype strings)
//! give [`Error::BadFile`](oxarray_core::Error::BadFile) naming the file, the byte offset and
//! the problem; nothing panics and nothing is read past the end of a file or a map.

pub mod atomic;
pub mod deflate;
pub mod error;
pub mod header;
pub mod loader;
pub mod mmap;
pub mod npz;
pub mod read;
pub mod write;

pub use atomic::Durability;
pub use header::{NpyHeader, Version};
pub use loader::{Batch, BatchLoader, LoaderOptions};
pub use mmap::{Memmap, Mode, memmap, open_memmap};
pub use npz::{Compression, NpzFile, NpzOptions, savez, savez_compressed, savez_with};
pub use read::{FromNpy, LoadOptions, NpyData, NpyFile, from_bytes, load, load_with, read_npy};
pub use write::{NpyWritable, SaveOptions, save, save_with, to_bytes, write_npy};
