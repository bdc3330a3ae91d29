//! Memory-mapped arrays (NumPy's `np.memmap` and `np.lib.format.open_memmap`), through
//! `memmap2`. The map backs the array without a copy: its bytes become the array's
//! [`Storage`] through [`Storage::from_foreign`], which keeps the map alive as long as any
//! array shares it.
//!
//! Modes are NumPy's: `r` (read-only), `r+` (read-write: writes reach the file, [`Memmap::flush`]
//! makes them durable), `c` (copy-on-write: writes stay in memory) and `w+` (create or
//! overwrite, then read-write).
//!
//! Every size, offset and alignment is checked before mapping, so a truncated file, a lying
//! header or an absurd shape is an error naming the file, never a read past the end of the
//! map. One hazard is outside any program's control: another process truncating the file
//! while it is mapped makes later reads fault (`SIGBUS`), as with NumPy.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use memmap2::{Advice, Mmap, MmapMut, MmapOptions};
use oxarray_core::{
    Array, ArrayViewMut, DType, DynArray, Element, Error, Layout, Order, Result, Storage,
    dispatch_dtype,
};
use oxarray_record::{ByteOrder, FieldType, RecordArray};

use crate::error::{bad_file, io_error};
use crate::header::{DEFAULT_MAX_HEADER_SIZE, NpyHeader, Version, read_header, write_header};
use crate::read::NpyData;

/// NumPy's memmap modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// `"r"`: read-only.
    ReadOnly,
    /// `"r+"`: read-write; writes reach the file.
    ReadWrite,
    /// `"c"`: copy-on-write; writes stay in this process's memory.
    CopyOnWrite,
    /// `"w+"`: create (or overwrite) the file, then read-write.
    Create,
}

impl Mode {
    /// The mode named as NumPy names it: `"r"`, `"r+"`, `"c"`, `"w+"` (or `"readonly"`,
    /// `"readwrite"`, `"copyonwrite"`, `"write"`).
    pub fn from_numpy(name: &str) -> Result<Mode> {
        Ok(match name {
            "r" | "readonly" => Mode::ReadOnly,
            "r+" | "readwrite" => Mode::ReadWrite,
            "c" | "copyonwrite" => Mode::CopyOnWrite,
            "w+" | "write" => Mode::Create,
            other => {
                return Err(Error::invalid_argument(
                    "mode",
                    other,
                    "mode must be one of 'r', 'r+', 'c', 'w+'",
                ));
            }
        })
    }

    /// NumPy's short name.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::ReadOnly => "r",
            Mode::ReadWrite => "r+",
            Mode::CopyOnWrite => "c",
            Mode::Create => "w+",
        }
    }

    fn writable(self) -> bool {
        self != Mode::ReadOnly
    }
}

/// The mapping, shared by the storage of the arrays on it and by the [`Memmap`] (for
/// `flush` and advice).
#[derive(Debug)]
enum MapHandle {
    ReadOnly(Mmap),
    Writable(MmapMut),
}

impl MapHandle {
    fn advise(&self, advice: Advice) -> std::io::Result<()> {
        match self {
            MapHandle::ReadOnly(m) => m.advise(advice),
            MapHandle::Writable(m) => m.advise(advice),
        }
    }
}

/// A memory-mapped array: a [`DynArray`] (or [`RecordArray`]) whose storage is the map.
///
/// ```
/// use oxarray_core::{DType, Order};
/// use oxarray_io::{Memmap, Mode, memmap};
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("raw.f32");
/// // np.memmap(path, dtype='float32', mode='w+', shape=(4, 3))
/// let mut m = memmap(&path, DType::F32, Mode::Create, 0, Some(&[4, 3]), Order::C)?;
/// m.view_mut::<f32>()?.fill(1.5);
/// m.flush()?;
/// let r = memmap(&path, DType::F32, Mode::ReadOnly, 12, None, Order::C)?; // skip a row
/// assert_eq!(r.array::<f32>()?.shape(), &[9]);
/// assert!(r.array::<f32>()?.iter().all(|&x| x == 1.5));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Memmap {
    path: PathBuf,
    mode: Mode,
    data: NpyData,
    byte_order: ByteOrder,
    header: Option<NpyHeader>,
    map: Option<Arc<MapHandle>>,
}

impl Memmap {
    /// The mapped file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The mode it was opened with.
    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The `.npy` header, for maps of `.npy` files.
    pub fn header(&self) -> Option<&NpyHeader> {
        self.header.as_ref()
    }

    /// The byte order of the mapped scalars. A map never converts: for a big-endian file,
    /// [`array`](Self::array) refuses and [`array_as_stored`](Self::array_as_stored) gives
    /// the byte-swapped values.
    pub fn byte_order(&self) -> ByteOrder {
        self.byte_order
    }

    /// The shape.
    pub fn shape(&self) -> &[usize] {
        self.data.shape()
    }

    /// The mapped data.
    pub fn data(&self) -> &NpyData {
        &self.data
    }

    fn dyn_as_stored(&self) -> Result<&DynArray> {
        match &self.data {
            NpyData::Array(a) => Ok(a),
            NpyData::Records(r) => Err(Error::FileDTypeMismatch {
                path: self.path.clone(),
                expected: "a plain dtype".into(),
                found: r.dtype().to_string(),
            }),
        }
    }

    fn check_native(&self) -> Result<()> {
        match &self.data {
            NpyData::Array(a) if a.dtype().itemsize() > 1 && !self.byte_order.is_native() => {
                Err(Error::FileDTypeMismatch {
                    path: self.path.clone(),
                    expected: format!("{} in the machine's byte order", a.dtype()),
                    found: format!(
                        "{}{}",
                        self.byte_order.numpy_char(),
                        FieldType::native(a.dtype())
                            .type_str()
                            .trim_start_matches(['<', '>'])
                    ),
                })
            }
            _ => Ok(()),
        }
    }

    /// The mapped array as a [`DynArray`] (shares the map).
    pub fn dyn_array(&self) -> Result<&DynArray> {
        self.check_native()?;
        self.dyn_as_stored()
    }

    /// The mapped array as `Array<T>`: errors when the file holds another dtype or the other
    /// byte order. Clones share the map without a copy.
    pub fn array<T: Element>(&self) -> Result<&Array<T>> {
        self.check_native()?;
        self.array_as_stored()
    }

    /// The mapped array as stored, byte-swapped values included (for a big-endian file,
    /// `x.to_be()`-style conversion is the caller's).
    pub fn array_as_stored<T: Element>(&self) -> Result<&Array<T>> {
        let a = self.dyn_as_stored()?;
        a.as_array::<T>().map_err(|_| Error::FileDTypeMismatch {
            path: self.path.clone(),
            expected: T::DTYPE.name().into(),
            found: a.dtype().name().into(),
        })
    }

    /// The mapped records, for a structured dtype.
    pub fn records(&self) -> Result<&RecordArray> {
        match &self.data {
            NpyData::Records(r) => Ok(r),
            NpyData::Array(a) => Err(Error::FileDTypeMismatch {
                path: self.path.clone(),
                expected: "a structured dtype".into(),
                found: a.dtype().name().into(),
            }),
        }
    }

    fn check_writable(&self, shared: bool) -> Result<()> {
        if !self.mode.writable() {
            return Err(Error::ReadOnly);
        }
        if shared {
            return Err(Error::invalid_argument(
                "memmap",
                self.path.display(),
                "other arrays share the map (clones taken with `array`); a write would copy \
                 instead of reaching the map: drop them first",
            ));
        }
        Ok(())
    }

    /// A mutable view of the mapped array: in `r+` / `w+` mode writes reach the file, in `c`
    /// mode they stay in memory. Errors in `r` mode, for another dtype or byte order, and
    /// while clones of the array are alive (a write would then copy, not reach the map).
    pub fn view_mut<T: Element>(&mut self) -> Result<ArrayViewMut<'_, T>> {
        self.check_native()?;
        let shared = self.array_as_stored::<T>()?.is_shared();
        self.check_writable(shared)?;
        match &mut self.data {
            NpyData::Array(a) => Ok(a.as_array_mut::<T>()?.view_mut()),
            NpyData::Records(_) => unreachable!("array_as_stored checked a plain array"),
        }
    }

    /// The mapped records, mutably (same conditions as [`view_mut`](Self::view_mut)).
    pub fn records_mut(&mut self) -> Result<&mut RecordArray> {
        let shared = Arc::strong_count(self.records()?.storage()) > 1;
        self.check_writable(shared)?;
        match &mut self.data {
            NpyData::Records(r) => Ok(r),
            NpyData::Array(_) => unreachable!("records checked a structured array"),
        }
    }

    /// Makes writes durable (`msync`) in `r+` / `w+` mode; nothing to do in `r` and `c`.
    pub fn flush(&self) -> Result<()> {
        match (&self.map, self.mode) {
            (Some(map), Mode::ReadWrite | Mode::Create) => match &**map {
                MapHandle::Writable(m) => m.flush().map_err(|e| io_error("flush", &self.path, &e)),
                MapHandle::ReadOnly(_) => Ok(()),
            },
            _ => Ok(()),
        }
    }

    /// Tells the kernel the whole map will be needed soon (`MADV_WILLNEED`): pages not yet
    /// in memory are read ahead from the disk in the background. A hint only.
    ///
    /// (Populating the page tables up front, `MADV_POPULATE_READ`, was measured slower than
    /// letting a pass fault them in with the kernel's fault-around, so it is not offered.)
    pub fn advise_will_need(&self) -> Result<()> {
        match &self.map {
            Some(map) => map
                .advise(Advice::WillNeed)
                .map_err(|e| io_error("advise", &self.path, &e)),
            None => Ok(()),
        }
    }

    /// Tells the kernel the map will be read front to back (more read-ahead, early reuse).
    pub fn advise_sequential(&self) -> Result<()> {
        match &self.map {
            Some(map) => map
                .advise(Advice::Sequential)
                .map_err(|e| io_error("advise", &self.path, &e)),
            None => Ok(()),
        }
    }
}

fn open_file(path: &Path, mode: Mode) -> Result<File> {
    let mut o = OpenOptions::new();
    match mode {
        Mode::ReadOnly | Mode::CopyOnWrite => o.read(true),
        Mode::ReadWrite => o.read(true).write(true),
        Mode::Create => o.read(true).write(true).create(true).truncate(true),
    };
    o.open(path).map_err(|e| io_error("open", path, &e))
}

fn file_len(file: &File, path: &Path) -> Result<u64> {
    Ok(file
        .metadata()
        .map_err(|e| io_error("stat", path, &e))?
        .len())
}

/// Bytes of `shape` elements of `ty`, or an error naming the file.
fn data_bytes(ty: &FieldType, shape: &[usize], path: &Path) -> Result<usize> {
    shape
        .iter()
        .try_fold(ty.itemsize(), |acc, &d| acc.checked_mul(d))
        .filter(|&n| n <= isize::MAX as usize)
        .ok_or_else(|| {
            bad_file(
                path,
                None,
                format!(
                    "the shape {shape:?} of {}-byte elements is too large",
                    ty.itemsize()
                ),
            )
        })
}

/// Maps `len` bytes of `file` from `offset` and builds the array of `ty` and `shape` on them.
#[allow(clippy::too_many_arguments)]
fn map_array(
    file: &File,
    path: &Path,
    mode: Mode,
    ty: &FieldType,
    shape: &[usize],
    order: Order,
    offset: u64,
    header: Option<NpyHeader>,
) -> Result<Memmap> {
    let len = data_bytes(ty, shape, path)?;
    let byte_order = ty.scalar().map_or(ByteOrder::Little, |(d, o)| {
        if d.itemsize() == 1 {
            ByteOrder::Little
        } else {
            o
        }
    });
    let (storage, map) = if len == 0 {
        (Storage::zeroed::<u64>(0)?, None)
    } else {
        let mut options = MmapOptions::new();
        options.offset(offset).len(len);
        // SAFETY: the file is open and at least `offset + len` bytes long (checked by the
        // callers); the map is private to this process ('c') or shared with the file. The
        // documented hazard of any file map remains: another process truncating the file.
        let handle = unsafe {
            match mode {
                Mode::ReadOnly => options.map(file).map(MapHandle::ReadOnly),
                Mode::ReadWrite | Mode::Create => options.map_mut(file).map(MapHandle::Writable),
                Mode::CopyOnWrite => options.map_copy(file).map(MapHandle::Writable),
            }
        }
        .map_err(|e| io_error("map", path, &e))?;
        let mut handle = handle;
        let ptr = match &mut handle {
            MapHandle::ReadOnly(m) => m.as_ptr().cast_mut(),
            MapHandle::Writable(m) => m.as_mut_ptr(),
        };
        let align = match ty {
            FieldType::Scalar(d, _) => d.alignment(),
            _ => 1,
        };
        if !(ptr as usize).is_multiple_of(align) {
            return Err(bad_file(
                path,
                Some(offset),
                format!(
                    "the data starts at byte {offset}, which is not a multiple of the {align}-byte \
                     alignment of {ty}: it cannot be mapped in place (np.load can read it)"
                ),
            ));
        }
        let handle = Arc::new(handle);
        // SAFETY: `ptr` is the start of the `len`-byte map owned by `handle`, which the
        // storage keeps alive; it is writable for every mode but 'r'. Nothing else in this
        // process writes the map: the `Memmap` keeps the handle only to flush and advise.
        let storage = unsafe {
            Storage::from_foreign(ptr, len, mode.writable(), Box::new(Arc::clone(&handle)))?
        };
        (storage, Some(handle))
    };
    let storage = Arc::new(storage);
    let data = match ty {
        FieldType::Scalar(dtype, _) => {
            if *dtype == DType::Bool && len > 0 {
                // SAFETY: the storage holds `len` readable bytes.
                let bytes = unsafe { std::slice::from_raw_parts(storage.as_ptr(), len) };
                if let Some(pos) = bytes.iter().position(|&b| b > 1) {
                    return Err(bad_file(
                        path,
                        Some(offset + pos as u64),
                        format!(
                            "byte {} is not a bool (0 or 1); load it with np.load semantics instead",
                            bytes[pos]
                        ),
                    ));
                }
            }
            let layout = Layout::contiguous(shape, order);
            NpyData::Array(dispatch_dtype!(*dtype, T => {
                // SAFETY: the storage holds exactly the contiguous elements of `layout`,
                // aligned for `T` (checked above), each bit pattern valid (bools checked).
                unsafe { Array::<T>::from_storage(Arc::clone(&storage), 0, layout) }.into_dyn()
            }))
        }
        FieldType::Record(r) => NpyData::Records(RecordArray::from_storage(
            Arc::clone(r),
            storage,
            0,
            shape,
            order,
        )?),
        FieldType::Void(_) => {
            return Err(bad_file(path, None, "raw void arrays cannot be mapped"));
        }
    };
    Ok(Memmap {
        path: path.to_path_buf(),
        mode,
        data,
        byte_order,
        header,
        map,
    })
}

/// `np.memmap(path, dtype, mode, offset, shape, order)`: maps a raw (headerless) file.
///
/// Without `shape`, the map is 1-D and covers the file from `offset` (whose remaining length
/// must be a whole number of elements). With `shape`, a file too short is an error in `r`
/// and `c` mode and is extended with zeros in `r+` mode, as NumPy does; `w+` creates the file
/// with that size.
pub fn memmap(
    path: impl AsRef<Path>,
    dtype: impl Into<FieldType>,
    mode: Mode,
    offset: u64,
    shape: Option<&[usize]>,
    order: Order,
) -> Result<Memmap> {
    let path = path.as_ref();
    let ty = dtype.into();
    if mode == Mode::Create && shape.is_none() {
        return Err(Error::invalid_argument(
            "shape",
            "None",
            "shape must be given in mode 'w+'",
        ));
    }
    let file = open_file(path, mode)?;
    let flen = file_len(&file, path)?;
    let itemsize = ty.itemsize().max(1) as u64;
    let shape: Vec<usize> = match shape {
        Some(s) => s.to_vec(),
        None => {
            let avail = flen.checked_sub(offset).ok_or_else(|| {
                bad_file(
                    path,
                    Some(flen),
                    format!("offset {offset} is past the end of the file ({flen} bytes)"),
                )
            })?;
            if avail % itemsize != 0 {
                return Err(bad_file(
                    path,
                    Some(flen),
                    format!(
                        "the {avail} bytes after offset {offset} are not a whole number of {itemsize}-byte elements"
                    ),
                ));
            }
            vec![
                usize::try_from(avail / itemsize)
                    .map_err(|_| bad_file(path, None, "file too large"))?,
            ]
        }
    };
    let need = data_bytes(&ty, &shape, path)? as u64;
    let end = offset
        .checked_add(need)
        .ok_or_else(|| bad_file(path, None, "offset plus data size overflows"))?;
    if end > flen {
        match mode {
            Mode::ReadWrite | Mode::Create => {
                file.set_len(end)
                    .map_err(|e| io_error("extend", path, &e))?;
            }
            _ => {
                return Err(bad_file(
                    path,
                    Some(flen),
                    format!(
                        "the map needs bytes {offset}..{end}, the file has {flen} (mmap length is greater than file size)"
                    ),
                ));
            }
        }
    }
    map_array(&file, path, mode, &ty, &shape, order, offset, None)
}

/// `np.lib.format.open_memmap` / `np.load(path, mmap_mode=mode)`: maps the data of a `.npy`
/// file. In `w+` mode the file is created with a header for `dtype`, `shape` and
/// `fortran_order` (all other modes read them from the file and ignore these arguments, as
/// NumPy does).
///
/// ```
/// use oxarray_core::{array, DType};
/// use oxarray_io::{open_memmap, Mode};
/// let dir = tempfile::tempdir()?;
/// let path = dir.path().join("m.npy");
/// let mut m = open_memmap(&path, Mode::Create, Some(DType::I64.into()), Some(&[2, 2]), false, None)?;
/// m.view_mut::<i64>()?.assign(&array![[1i64, 2], [3, 4]])?;
/// m.flush()?;
/// drop(m);
/// let back: oxarray_core::Array<i64> = oxarray_io::load(&path)?;   // a normal .npy file
/// assert_eq!(back.to_vec(), vec![1, 2, 3, 4]);
/// let r = open_memmap(&path, Mode::ReadOnly, None, None, false, None)?;
/// assert_eq!(r.array::<i64>()?.get(&[1, 0])?, &3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn open_memmap(
    path: impl AsRef<Path>,
    mode: Mode,
    dtype: Option<FieldType>,
    shape: Option<&[usize]>,
    fortran_order: bool,
    version: Option<Version>,
) -> Result<Memmap> {
    let path = path.as_ref();
    if mode == Mode::Create {
        let ty = dtype.ok_or_else(|| {
            Error::invalid_argument("dtype", "None", "dtype must be given in mode 'w+'")
        })?;
        let shape = shape.ok_or_else(|| {
            Error::invalid_argument("shape", "None", "shape must be given in mode 'w+'")
        })?;
        let header_bytes = write_header(&ty, shape, fortran_order, version)?;
        let need = data_bytes(&ty, shape, path)? as u64;
        let mut file = open_file(path, mode)?;
        file.write_all(&header_bytes)
            .map_err(|e| io_error("write", path, &e))?;
        let data_offset = header_bytes.len() as u64;
        file.set_len(data_offset + need)
            .map_err(|e| io_error("extend", path, &e))?;
        let header = crate::header::parse_header(&header_bytes, path, DEFAULT_MAX_HEADER_SIZE)?;
        let order = if fortran_order { Order::F } else { Order::C };
        return map_array(
            &file,
            path,
            Mode::ReadWrite,
            &ty,
            shape,
            order,
            data_offset,
            Some(header),
        )
        .map(|m| Memmap { mode, ..m });
    }
    let file = open_file(path, mode)?;
    let flen = file_len(&file, path)?;
    let header = read_header(
        &mut std::io::BufReader::new(&file),
        path,
        DEFAULT_MAX_HEADER_SIZE,
    )?;
    let need = header.data_len() as u64;
    if flen.saturating_sub(header.data_offset) < need {
        return Err(bad_file(
            path,
            Some(flen),
            format!(
                "truncated data: the header announces shape {:?} of {} ({need} bytes), the file holds {} bytes after the header",
                &header.shape[..],
                header.ty,
                flen.saturating_sub(header.data_offset)
            ),
        ));
    }
    let order = if header.fortran_order {
        Order::F
    } else {
        Order::C
    };
    let (ty, shape, offset) = (header.ty.clone(), header.shape.clone(), header.data_offset);
    map_array(&file, path, mode, &ty, &shape, order, offset, Some(header))
}
