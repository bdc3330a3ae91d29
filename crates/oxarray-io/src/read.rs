//! Reading `.npy` files: into a [`DynArray`] (dtype known at run time), an `Array<T>` (a
//! clear error when the file holds another dtype), a [`RecordArray`] (structured dtypes), or
//! [`NpyData`] (whichever the file holds).
//!
//! Every check happens before memory is allocated for the data: the header is validated
//! (see [`crate::header`]) and the data length is compared with the file's, so a lying
//! header yields an error, never a huge allocation or a short read.

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use oxarray_core::{
    Array, DType, DynArray, Element, Error, Layout, Order, Result, Storage, dispatch_dtype,
};
use oxarray_record::bytes::swap_scalars_in_place;
use oxarray_record::{ByteOrder, FieldType, RecordArray, RecordDType};

use crate::error::{bad_file, io_error, path_or_memory};
use crate::header::{DEFAULT_MAX_HEADER_SIZE, NpyHeader, read_header};

/// What a `.npy` file holds: a plain array or records.
#[derive(Debug, Clone)]
pub enum NpyData {
    /// A plain array of a core dtype.
    Array(DynArray),
    /// A structured array.
    Records(RecordArray),
}

impl NpyData {
    /// The shape.
    pub fn shape(&self) -> &[usize] {
        match self {
            NpyData::Array(a) => a.shape(),
            NpyData::Records(r) => r.shape(),
        }
    }
}

/// Options of [`load_with`] (NumPy's `np.load` keywords that apply, plus byte order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    /// Convert big-endian data to the machine's byte order (the default). With `false` the
    /// bytes are kept as stored: a big-endian file then loads as byte-swapped values, which
    /// [`NpyFile::byte_order`] tells apart (NumPy would give a `>f8` array).
    pub to_native_byte_order: bool,
    /// The longest header accepted (NumPy's `max_header_size`).
    pub max_header_size: usize,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            to_native_byte_order: true,
            max_header_size: DEFAULT_MAX_HEADER_SIZE,
        }
    }
}

/// What a `.npy` file can be loaded as: [`DynArray`], `Array<T>`, [`RecordArray`] or
/// [`NpyData`].
pub trait FromNpy: Sized {
    /// Converts the loaded data, or names the file and the dtype it holds.
    fn from_npy(data: NpyData, path: &Path) -> Result<Self>;
}

impl FromNpy for NpyData {
    fn from_npy(data: NpyData, _path: &Path) -> Result<Self> {
        Ok(data)
    }
}

impl FromNpy for DynArray {
    fn from_npy(data: NpyData, path: &Path) -> Result<Self> {
        match data {
            NpyData::Array(a) => Ok(a),
            NpyData::Records(r) => Err(Error::FileDTypeMismatch {
                path: path.to_path_buf(),
                expected: "a plain (non-structured) dtype".into(),
                found: r.dtype().to_string(),
            }),
        }
    }
}

impl<T: Element> FromNpy for Array<T> {
    fn from_npy(data: NpyData, path: &Path) -> Result<Self> {
        let found = match &data {
            NpyData::Array(a) => a.dtype().name().to_string(),
            NpyData::Records(r) => r.dtype().to_string(),
        };
        match data {
            NpyData::Array(a) => a.into_array::<T>().ok(),
            NpyData::Records(_) => None,
        }
        .ok_or_else(|| Error::FileDTypeMismatch {
            path: path.to_path_buf(),
            expected: T::DTYPE.name().into(),
            found,
        })
    }
}

impl FromNpy for RecordArray {
    fn from_npy(data: NpyData, path: &Path) -> Result<Self> {
        match data {
            NpyData::Records(r) => Ok(r),
            NpyData::Array(a) => Err(Error::FileDTypeMismatch {
                path: path.to_path_buf(),
                expected: "a structured dtype".into(),
                found: a.dtype().name().into(),
            }),
        }
    }
}

/// An open `.npy` file whose header has been read and checked: inspect it, then read the
/// data.
///
/// ```no_run
/// use oxarray_io::NpyFile;
/// let f = NpyFile::open("data.npy")?;
/// println!("{:?} {:?}", f.header().ty, f.header().shape);
/// let a: oxarray_core::DynArray = f.read()?;
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[derive(Debug)]
pub struct NpyFile {
    path: PathBuf,
    file: File,
    header: NpyHeader,
    options: LoadOptions,
}

impl NpyFile {
    /// Opens `path` and reads its header.
    pub fn open(path: impl AsRef<Path>) -> Result<NpyFile> {
        Self::open_with(path, LoadOptions::default())
    }

    /// [`open`](Self::open) with options.
    pub fn open_with(path: impl AsRef<Path>, options: LoadOptions) -> Result<NpyFile> {
        let path = path.as_ref();
        let mut file = File::open(path).map_err(|e| io_error("open", path, &e))?;
        let file_len = file
            .metadata()
            .map_err(|e| io_error("stat", path, &e))?
            .len();
        let header = read_header(
            &mut std::io::BufReader::new(&mut file),
            path,
            options.max_header_size,
        )?;
        check_data_length(&header, file_len, path)?;
        Ok(NpyFile {
            path: path.to_path_buf(),
            file,
            header,
            options,
        })
    }

    /// The header.
    pub fn header(&self) -> &NpyHeader {
        &self.header
    }

    /// The byte order of the stored data (little for one-byte types and records).
    pub fn byte_order(&self) -> ByteOrder {
        self.header.scalar().map_or(ByteOrder::Little, |(_, o)| o)
    }

    /// Reads the data as `A` (see [`FromNpy`]).
    pub fn read<A: FromNpy>(self) -> Result<A> {
        let data = read_data_from_file(&self.file, &self.header, &self.path, self.options)?;
        A::from_npy(data, &self.path)
    }
}

/// The file must hold at least the data the header announces (NumPy reads only that much
/// and ignores anything after it).
fn check_data_length(header: &NpyHeader, file_len: u64, path: &Path) -> Result<()> {
    let have = file_len.saturating_sub(header.data_offset);
    let need = header.data_len() as u64;
    if have < need {
        return Err(bad_file(
            path,
            Some(file_len),
            format!(
                "truncated data: the header announces shape {:?} of {} ({need} bytes), the \
                 file holds {have} bytes after the header",
                &header.shape[..],
                header.ty
            ),
        ));
    }
    Ok(())
}

/// `np.load(path)` for a `.npy` file, as a [`DynArray`], `Array<T>`, [`RecordArray`] or
/// [`NpyData`].
///
/// ```
/// use oxarray_core::{array, Array, DynArray};
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("a.npy");
/// oxarray_io::save(&path, &array![[1.0f32, 2.0], [3.0, 4.0]])?;
/// let a: Array<f32> = oxarray_io::load(&path)?;
/// assert_eq!(a.to_vec(), vec![1.0, 2.0, 3.0, 4.0]);
/// let d: DynArray = oxarray_io::load(&path)?;
/// assert_eq!(d.dtype(), oxarray_core::DType::F32);
/// let wrong = oxarray_io::load::<Array<f64>>(&path).unwrap_err();
/// assert!(wrong.to_string().contains("float32"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn load<A: FromNpy>(path: impl AsRef<Path>) -> Result<A> {
    NpyFile::open(path)?.read()
}

/// [`load`] with [`LoadOptions`].
pub fn load_with<A: FromNpy>(path: impl AsRef<Path>, options: LoadOptions) -> Result<A> {
    NpyFile::open_with(path, options)?.read()
}

/// Reads a `.npy` stream (a file, an `.npz` entry, a socket) from its first byte.
pub fn read_npy<A: FromNpy>(
    read: &mut impl Read,
    path: Option<&Path>,
    options: LoadOptions,
) -> Result<A> {
    let path = path_or_memory(path);
    let header = read_header(read, &path, options.max_header_size)?;
    let data = read_data(read, &header, &path, options)?;
    A::from_npy(data, &path)
}

/// Parses the bytes of a whole `.npy` file.
pub fn from_bytes<A: FromNpy>(bytes: &[u8]) -> Result<A> {
    let path = path_or_memory(None);
    let header = crate::header::parse_header(bytes, &path, DEFAULT_MAX_HEADER_SIZE)?;
    check_data_length(&header, bytes.len() as u64, &path)?;
    let mut rest = &bytes[header.data_offset as usize..];
    let data = read_data(&mut rest, &header, &path, LoadOptions::default())?;
    A::from_npy(data, &path)
}

/// Storage of `len` bytes aligned for every element type, filled by `fill`.
fn storage_filled(len: usize, fill: impl FnOnce(&mut [u8]) -> Result<()>) -> Result<Storage> {
    // Zeroed pages cost nothing until touched (the kernel hands out zero pages), and a
    // zeroed buffer may be handed to `Read::read`, which must not see uninitialised bytes.
    let storage = Storage::zeroed::<u64>(len.div_ceil(8))?;
    // SAFETY: the storage is fresh, unshared, and holds at least `len` initialised bytes.
    let bytes = unsafe { std::slice::from_raw_parts_mut(storage.as_ptr(), len) };
    fill(bytes)?;
    Ok(storage)
}

/// Reads the data that follows a header from a stream.
pub(crate) fn read_data(
    read: &mut impl Read,
    header: &NpyHeader,
    path: &Path,
    options: LoadOptions,
) -> Result<NpyData> {
    let len = header.data_len();
    let storage = storage_filled(len, |bytes| {
        read.read_exact(bytes).map_err(|e| {
            if e.kind() == std::io::ErrorKind::UnexpectedEof {
                bad_file(
                    path,
                    None,
                    format!("truncated data: {len} bytes announced by the header"),
                )
            } else {
                io_error("read", path, &e)
            }
        })
    })?;
    finish(storage, header, options)
}

/// Below this size one `read` call is as fast as a split one.
const PARALLEL_READ_MIN: usize = 32 << 20;

/// Reads the data of an open file, splitting large reads over threads (the kernel copies
/// from the page cache on each reading thread).
fn read_data_from_file(
    file: &File,
    header: &NpyHeader,
    path: &Path,
    options: LoadOptions,
) -> Result<NpyData> {
    let len = header.data_len();
    let storage = read_into_new_storage(file, len, header.data_offset, path)?;
    finish(storage, header, options)
}

/// New storage holding `len` bytes of `file` from `offset`.
///
/// The storage comes uninitialised from the allocator (large blocks get transparent huge
/// pages before they are touched, or come warm from the block cache) and the kernel writes
/// it directly: zeroing it first would fault every page in, slowly, before the read.
#[cfg(unix)]
fn read_into_new_storage(file: &File, len: usize, offset: u64, path: &Path) -> Result<Storage> {
    let mut failure = None;
    let storage = Storage::filled_with::<u64>(len.div_ceil(8), |slots| {
        let base = SendPtr(slots.as_mut_ptr().cast::<u8>());
        let threads = if len >= PARALLEL_READ_MIN {
            rayon::current_num_threads().clamp(1, 8)
        } else {
            1
        };
        let chunk = len.div_ceil(threads).next_multiple_of(1 << 20).max(1);
        let results: Vec<Result<()>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..len.div_ceil(chunk))
                .map(|i| {
                    let start = i * chunk;
                    let n = chunk.min(len - start);
                    scope.spawn(move || {
                        let base = base;
                        // SAFETY: `start + n <= len` bytes of the allocation, a range no other
                        // thread writes; `pread_exact` only writes it.
                        unsafe {
                            pread_exact(file, base.0.add(start), n, offset + start as u64, path)
                        }
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(Error::Other("read thread panicked".into())))
                })
                .collect()
        });
        if let Err(e) = results.into_iter().collect::<Result<Vec<()>>>() {
            failure = Some(e);
        }
        // The padding past `len` (at most 7 bytes), and everything after a failure, must
        // still be initialised for the storage to be valid.
        let total = len.div_ceil(8) * 8;
        // SAFETY: both writes stay inside the allocation of `total` bytes.
        unsafe {
            if failure.is_some() {
                std::ptr::write_bytes(base.0, 0, total);
            } else {
                std::ptr::write_bytes(base.0.add(len), 0, total - len);
            }
        }
    })?;
    match failure {
        Some(e) => Err(e),
        None => Ok(storage),
    }
}

#[cfg(not(unix))]
fn read_into_new_storage(file: &File, len: usize, offset: u64, path: &Path) -> Result<Storage> {
    storage_filled(len, |bytes| read_exact_at(file, bytes, offset, path))
}

/// A pointer that may cross to the reading threads (each writes its own range).
#[derive(Clone, Copy)]
struct SendPtr(*mut u8);
// SAFETY: the threads write disjoint ranges of one allocation that outlives them (scoped).
unsafe impl Send for SendPtr {}

/// Reads exactly `n` bytes at `offset` into `dst`.
///
/// # Safety
/// `dst` must be valid for writes of `n` bytes (it may be uninitialised).
#[cfg(unix)]
unsafe fn pread_exact(file: &File, dst: *mut u8, n: usize, offset: u64, path: &Path) -> Result<()> {
    use std::os::unix::io::AsRawFd;
    let mut done = 0usize;
    while done < n {
        let want = (n - done).min(1 << 30);
        // SAFETY: `dst + done .. dst + done + want` lies inside the caller's writable range.
        let got = unsafe {
            libc::pread(
                file.as_raw_fd(),
                dst.add(done).cast(),
                want,
                (offset + done as u64) as libc::off_t,
            )
        };
        if got < 0 {
            let e = std::io::Error::last_os_error();
            if e.kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return Err(io_error("read", path, &e));
        }
        if got == 0 {
            return Err(bad_file(
                path,
                Some(offset + done as u64),
                "the file ends before the data the header announces",
            ));
        }
        done += got as usize;
    }
    Ok(())
}

#[cfg(not(unix))]
fn read_exact_at(file: &File, buf: &mut [u8], offset: u64, path: &Path) -> Result<()> {
    use std::io::{Seek, SeekFrom};
    let mut f = file.try_clone().map_err(|e| io_error("read", path, &e))?;
    f.seek(SeekFrom::Start(offset))
        .map_err(|e| io_error("seek", path, &e))?;
    f.read_exact(buf).map_err(|e| io_error("read", path, &e))
}

/// Turns the raw data bytes into an array: byte order, bool normalisation, layout.
fn finish(storage: Storage, header: &NpyHeader, options: LoadOptions) -> Result<NpyData> {
    let order = if header.fortran_order {
        Order::F
    } else {
        Order::C
    };
    match &header.ty {
        FieldType::Scalar(dtype, byte_order) => {
            let len = header.data_len();
            {
                // SAFETY: the storage is still ours alone and holds `len` initialised bytes.
                let bytes = unsafe { std::slice::from_raw_parts_mut(storage.as_ptr(), len) };
                if *dtype == DType::Bool {
                    // A bool must be 0 or 1 in Rust; NumPy reads any non-zero byte as True.
                    for b in bytes.iter_mut() {
                        *b = u8::from(*b != 0);
                    }
                }
                if !byte_order.is_native() && options.to_native_byte_order {
                    swap_scalars_in_place(bytes, *dtype);
                }
            }
            let storage = Arc::new(storage);
            let layout = Layout::contiguous(&header.shape, order);
            Ok(NpyData::Array(dispatch_dtype!(*dtype, T => {
                // SAFETY: the storage holds `len = size * itemsize` initialised bytes,
                // 64-byte aligned, every bit pattern valid for `T` (bools were normalised);
                // the layout is contiguous over exactly those elements.
                unsafe { Array::<T>::from_storage(storage, 0, layout) }.into_dyn()
            })))
        }
        FieldType::Record(record) => {
            let dtype: Arc<RecordDType> = Arc::clone(record);
            let records =
                RecordArray::from_storage(dtype, Arc::new(storage), 0, &header.shape[..], order)?;
            Ok(NpyData::Records(if options.to_native_byte_order {
                records.to_native_order()
            } else {
                records
            }))
        }
        FieldType::Void(_) => Err(Error::Other(
            "void arrays are rejected with the header".into(),
        )),
    }
}
