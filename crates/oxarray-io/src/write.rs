//! Writing `.npy` files, byte for byte as NumPy's `np.save` does, atomically.

use std::io::Write;
use std::path::Path;

use oxarray_core::{
    Array, ArrayView, ArrayViewMut, CowArray, DynArray, Element, Result, dispatch_dyn,
};
use oxarray_record::bytes::as_bytes;
use oxarray_record::{FieldType, RecordArray};

use crate::atomic::{Durability, write_atomically};
use crate::error::{io_error, path_or_memory};
use crate::header::{Version, write_header};

/// Anything `np.save` can write: `Array<T>`, `ArrayView`, `ArrayViewMut`, `CowArray`,
/// [`DynArray`] and [`RecordArray`] (and references to them).
///
/// As NumPy does, a C-contiguous array is written as it is, an F-contiguous one (not also
/// C-contiguous) is written in its memory order with `fortran_order: True`, and any other
/// layout (stepped, transposed views, negative strides) is written in C order.
pub trait NpyWritable {
    /// The element type of the header's `descr`.
    fn npy_type(&self) -> FieldType;
    /// The shape.
    fn npy_shape(&self) -> Vec<usize>;
    /// Whether the data is written in Fortran order.
    fn npy_fortran_order(&self) -> bool;
    /// Writes the data bytes in that order.
    fn write_npy_data(&self, w: &mut dyn Write) -> std::io::Result<()>;
    /// The data bytes in that order, when they are one run of memory already (no copy).
    fn npy_data_bytes(&self) -> Option<&[u8]> {
        None
    }
}

/// Elements gathered per write when a layout is not contiguous.
const GATHER_CHUNK: usize = 1 << 16;

fn fortran_only<T: Element>(v: &ArrayView<'_, T>) -> bool {
    v.is_f_contiguous() && !v.is_c_contiguous()
}

fn write_view<T: Element>(v: &ArrayView<'_, T>, w: &mut dyn Write) -> std::io::Result<()> {
    if let Some(s) = v.as_slice() {
        return w.write_all(as_bytes(s));
    }
    if fortran_only(v)
        && let Some(s) = v.as_slice_memory_order()
    {
        return w.write_all(as_bytes(s));
    }
    let mut buf = Vec::with_capacity(GATHER_CHUNK.min(v.len()));
    for &x in v.iter() {
        buf.push(x);
        if buf.len() == GATHER_CHUNK {
            w.write_all(as_bytes(&buf))?;
            buf.clear();
        }
    }
    w.write_all(as_bytes(&buf))
}

macro_rules! typed_writable {
    ($($ty:ty),*) => {$(
        impl<T: Element> NpyWritable for $ty {
            fn npy_type(&self) -> FieldType {
                FieldType::native(T::DTYPE)
            }
            fn npy_shape(&self) -> Vec<usize> {
                self.shape().to_vec()
            }
            fn npy_fortran_order(&self) -> bool {
                fortran_only(&self.view())
            }
            fn write_npy_data(&self, w: &mut dyn Write) -> std::io::Result<()> {
                write_view(&self.view(), w)
            }
            fn npy_data_bytes(&self) -> Option<&[u8]> {
                let v = self.view();
                let s = if fortran_only(&v) { v.as_slice_memory_order() } else { v.as_slice() }?;
                // SAFETY: `s` borrows the elements of `self` (the view was only a way to reach
                // them), so the bytes live as long as `&self`.
                Some(unsafe { std::slice::from_raw_parts(s.as_ptr().cast::<u8>(), std::mem::size_of_val(s)) })
            }
        }
    )*};
}

typed_writable!(
    Array<T>,
    ArrayView<'_, T>,
    ArrayViewMut<'_, T>,
    CowArray<'_, T>
);

impl NpyWritable for DynArray {
    fn npy_type(&self) -> FieldType {
        FieldType::native(self.dtype())
    }
    fn npy_shape(&self) -> Vec<usize> {
        self.shape().to_vec()
    }
    fn npy_fortran_order(&self) -> bool {
        dispatch_dyn!(self, a: _T => a.npy_fortran_order())
    }
    fn write_npy_data(&self, w: &mut dyn Write) -> std::io::Result<()> {
        dispatch_dyn!(self, a: _T => a.write_npy_data(w))
    }
    fn npy_data_bytes(&self) -> Option<&[u8]> {
        dispatch_dyn!(self, a: _T => a.npy_data_bytes())
    }
}

impl NpyWritable for RecordArray {
    fn npy_type(&self) -> FieldType {
        FieldType::Record(std::sync::Arc::clone(self.dtype_arc()))
    }
    fn npy_shape(&self) -> Vec<usize> {
        self.shape().to_vec()
    }
    fn npy_fortran_order(&self) -> bool {
        self.is_f_contiguous() && !self.is_c_contiguous()
    }
    fn npy_data_bytes(&self) -> Option<&[u8]> {
        self.as_bytes()
    }
    fn write_npy_data(&self, w: &mut dyn Write) -> std::io::Result<()> {
        if let Some(bytes) = self.as_bytes() {
            return w.write_all(bytes);
        }
        if self.dtype().itemsize() == 0 {
            // Records of no bytes (NumPy allows `V0` fields): nothing to write, however many
            // there are. Visiting 10^9 of them one by one took minutes (found by fuzzing).
            return Ok(());
        }
        if self.npy_fortran_order() {
            // F order is the C order of the reversed axes.
            return self.t().write_npy_data(w);
        }
        let mut result = Ok(());
        self.for_each_record(|rec| {
            if result.is_ok() {
                result = w.write_all(rec);
            }
        });
        result
    }
}

impl<A: NpyWritable + ?Sized> NpyWritable for &A {
    fn npy_data_bytes(&self) -> Option<&[u8]> {
        (**self).npy_data_bytes()
    }
    fn npy_type(&self) -> FieldType {
        (**self).npy_type()
    }
    fn npy_shape(&self) -> Vec<usize> {
        (**self).npy_shape()
    }
    fn npy_fortran_order(&self) -> bool {
        (**self).npy_fortran_order()
    }
    fn write_npy_data(&self, w: &mut dyn Write) -> std::io::Result<()> {
        (**self).write_npy_data(w)
    }
}

/// Options of [`save_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SaveOptions {
    /// The format version (`None`: the oldest that holds the header, as NumPy picks).
    pub version: Option<Version>,
    /// Whether the save waits for the disk ([`Durability::Synced`] by default).
    pub durability: Durability,
}

/// The header of an array.
pub(crate) fn header_of(
    array: &(impl NpyWritable + ?Sized),
    version: Option<Version>,
) -> Result<Vec<u8>> {
    write_header(
        &array.npy_type(),
        &array.npy_shape(),
        array.npy_fortran_order(),
        version,
    )
}

/// `np.save(path, array)`: writes a `.npy` file atomically (temporary file, fsync, rename;
/// see [`crate::atomic`]). The bytes are exactly those NumPy writes for the same array.
///
/// ```
/// use oxarray_core::{array, s};
/// let dir = tempfile::tempdir()?;
/// let m = array![[1i16, 2, 3], [4, 5, 6]];
/// oxarray_io::save(dir.path().join("m.npy"), &m)?;
/// oxarray_io::save(dir.path().join("t.npy"), &m.t())?;            // F order, no copy
/// oxarray_io::save(dir.path().join("r.npy"), &m.slice(s![.., ..;-1])?)?; // C order copy
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn save(path: impl AsRef<Path>, array: &(impl NpyWritable + ?Sized)) -> Result<()> {
    save_with(path, array, SaveOptions::default())
}

/// [`save`] with [`SaveOptions`].
pub fn save_with(
    path: impl AsRef<Path>,
    array: &(impl NpyWritable + ?Sized),
    options: SaveOptions,
) -> Result<()> {
    let path = path.as_ref();
    let header = header_of(array, options.version)?;
    let data_len =
        array.npy_type().itemsize() as u64 * array.npy_shape().iter().product::<usize>() as u64;
    write_atomically(path, options.durability, |file| {
        crate::atomic::preallocate(file, header.len() as u64 + data_len);
        file.write_all(&header)
            .and_then(|()| array.write_npy_data(file))
            .map_err(|e| io_error("write", path, &e))
    })
}

/// Writes a `.npy` stream (header and data) to `w`.
pub fn write_npy(
    w: &mut impl Write,
    array: &(impl NpyWritable + ?Sized),
    version: Option<Version>,
) -> Result<()> {
    let header = header_of(array, version)?;
    w.write_all(&header)
        .and_then(|()| array.write_npy_data(w))
        .map_err(|e| io_error("write", &path_or_memory(None), &e))
}

/// The bytes of a `.npy` file holding `array`.
pub fn to_bytes(array: &(impl NpyWritable + ?Sized)) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    write_npy(&mut out, array, None)?;
    Ok(out)
}
