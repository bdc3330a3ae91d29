//! [`RecordArray`]: an n-dimensional array of records whose fields are strided views of their
//! element types.
//!
//! # Invariants
//!
//! A record array is a share of a [`Storage`], the byte offset of record `[0, ..., 0]` in it,
//! and a [`Layout`] whose strides count **bytes** (records of a nested field are `itemsize`
//! bytes of the outer record apart, so strides cannot count records).
//!
//! 1. **In bounds.** For every multi-index inside the shape, the record's `itemsize` bytes at
//!    `offset + Σ i[k] * strides[k]` lie inside the storage.
//! 2. **No overlap.** Two distinct multi-indices never address overlapping records (no safe
//!    constructor builds broadcast strides), so a mutable view of one field is exclusive.
//! 3. **Copy-on-write.** Writes happen only when the storage `Arc` is unique and the storage
//!    is writable; otherwise the records are copied first, as [`Array`] does.

use std::fmt;
use std::ptr::NonNull;
use std::sync::Arc;

use oxarray_core::layout::c_strides;
use oxarray_core::slice::apply_slice;
use oxarray_core::{
    Array, ArrayView, ArrayViewMut, AsArrayView, DType, Dims, DynArray, Element, Error, Layout,
    Order, Result, SliceArg, Storage, Strides, dispatch_dtype,
};

use crate::dtype::{ByteOrder, Field, FieldType, RecordDType};
use crate::record::Record;

/// An array of records (NumPy's structured array).
///
/// ```
/// use oxarray_record::{s, DType, RecordArray, RecordDType};
/// let dt = RecordDType::parse("[('t', '<u8'), ('pos', '<f4', (3,))]", true)?;
/// let mut particles = RecordArray::zeros(dt, [4])?;
/// particles.field_mut::<f32>("pos")?.fill(1.5);
/// let pos = particles.field::<f32>("pos")?;          // a strided view, no copy
/// assert_eq!((pos.shape(), pos.strides()), (&[4, 3][..], &[6, 1][..]));
/// let tail = particles.slice(s![2..])?;               // slices every field
/// assert_eq!(tail.field::<u64>("t")?.shape(), &[2]);
/// # Ok::<(), oxarray_record::Error>(())
/// ```
#[derive(Clone)]
pub struct RecordArray {
    dtype: Arc<RecordDType>,
    storage: Arc<Storage>,
    offset: usize,
    layout: Layout,
}

/// Byte strides of a contiguous array of `itemsize`-byte records in `order`.
fn byte_layout(shape: &[usize], itemsize: usize, order: Order) -> Layout {
    let mut layout = Layout::contiguous(shape, order);
    for s in layout.strides.iter_mut() {
        *s *= itemsize as isize;
    }
    layout
}

fn checked_bytes(shape: &[usize], itemsize: usize) -> Result<usize> {
    shape
        .iter()
        .try_fold(itemsize, |acc, &d| acc.checked_mul(d))
        .filter(|&n| n <= isize::MAX as usize)
        .ok_or(Error::SizeOverflow {
            shape: shape.to_vec(),
            itemsize,
        })
}

impl RecordArray {
    /// Records of `dtype` with every byte zero (NumPy's `np.zeros(shape, dtype)`), C order.
    pub fn zeros(dtype: impl Into<Arc<RecordDType>>, shape: impl AsRef<[usize]>) -> Result<Self> {
        let dtype = dtype.into();
        let shape = shape.as_ref();
        let bytes = checked_bytes(shape, dtype.itemsize())?;
        let storage = Storage::zeroed::<u8>(bytes)?;
        Ok(RecordArray {
            layout: byte_layout(shape, dtype.itemsize(), Order::C),
            dtype,
            storage: Arc::new(storage),
            offset: 0,
        })
    }

    /// Records from their raw bytes laid out in `order` (copied into 64-byte aligned storage,
    /// so that aligned fields give aligned views). `bytes` must hold exactly the records.
    pub fn from_bytes(
        dtype: impl Into<Arc<RecordDType>>,
        bytes: &[u8],
        shape: impl AsRef<[usize]>,
        order: Order,
    ) -> Result<Self> {
        let dtype = dtype.into();
        let shape = shape.as_ref();
        let needed = checked_bytes(shape, dtype.itemsize())?;
        if bytes.len() != needed {
            return Err(Error::BadBuffer {
                len_bytes: bytes.len(),
                align: 1,
                what: format!(
                    "{shape:?} records of {} bytes ({needed} bytes)",
                    dtype.itemsize()
                ),
            });
        }
        let storage = Storage::filled_with::<u8>(needed, |slots| {
            for (slot, &b) in slots.iter_mut().zip(bytes) {
                slot.write(b);
            }
        })?;
        Ok(RecordArray {
            layout: byte_layout(shape, dtype.itemsize(), order),
            dtype,
            storage: Arc::new(storage),
            offset: 0,
        })
    }

    /// Records on existing storage (a memory map, a buffer read from a file): `shape` records
    /// contiguous in `order` from byte `offset`. Errors when they do not fit in the storage.
    pub fn from_storage(
        dtype: impl Into<Arc<RecordDType>>,
        storage: Arc<Storage>,
        offset: usize,
        shape: impl AsRef<[usize]>,
        order: Order,
    ) -> Result<Self> {
        let dtype = dtype.into();
        let shape = shape.as_ref();
        let needed = checked_bytes(shape, dtype.itemsize())?;
        if offset
            .checked_add(needed)
            .is_none_or(|end| end > storage.len_bytes())
        {
            return Err(Error::BadBuffer {
                len_bytes: storage.len_bytes(),
                align: storage.alignment(),
                what: format!(
                    "{shape:?} records of {} bytes from byte {offset}",
                    dtype.itemsize()
                ),
            });
        }
        Ok(RecordArray {
            layout: byte_layout(shape, dtype.itemsize(), order),
            dtype,
            storage,
            offset,
        })
    }

    /// An array of the records of a `#[derive(Record)]` struct, in C order with `shape`.
    ///
    /// ```
    /// use oxarray_record::{Record, RecordArray};
    /// #[derive(Record, Clone, Copy, Debug, PartialEq)]
    /// #[repr(C)]
    /// struct Particle { timestamp: u64, position: [f32; 3], velocity: [f32; 3] }
    ///
    /// let ps = [Particle { timestamp: 7, position: [1.0, 2.0, 3.0], velocity: [0.0; 3] }; 2];
    /// let a = RecordArray::from_records(&ps, [2])?;
    /// assert_eq!(a.field::<f32>("position")?.to_vec(), vec![1.0, 2.0, 3.0, 1.0, 2.0, 3.0]);
    /// assert_eq!(a.to_records::<Particle>()?, ps.to_vec());
    /// # Ok::<(), oxarray_record::Error>(())
    /// ```
    pub fn from_records<R: Record>(records: &[R], shape: impl AsRef<[usize]>) -> Result<Self> {
        let shape = shape.as_ref();
        let dtype = Arc::new(R::record_dtype());
        let count: usize = shape.iter().product();
        if count != records.len() {
            return Err(Error::LengthMismatch {
                len: records.len(),
                shape: shape.to_vec(),
                expected: count,
            });
        }
        let itemsize = dtype.itemsize();
        let bytes = checked_bytes(shape, itemsize)?;
        let storage = Storage::zeroed::<u8>(bytes)?;
        // SAFETY: fresh, unshared storage of exactly `bytes` initialised (zero) bytes.
        let out = unsafe { std::slice::from_raw_parts_mut(storage.as_ptr(), bytes) };
        for (r, chunk) in records.iter().zip(out.chunks_exact_mut(itemsize.max(1))) {
            r.write_record(chunk);
        }
        Ok(RecordArray {
            layout: byte_layout(shape, itemsize, Order::C),
            dtype,
            storage: Arc::new(storage),
            offset: 0,
        })
    }

    /// The records as values of a `#[derive(Record)]` struct, in C order. Errors unless the
    /// struct's dtype has the same fields, types and offsets (byte order is converted).
    pub fn to_records<R: Record>(&self) -> Result<Vec<R>> {
        let want = R::record_dtype();
        let have = self.dtype.to_native_order();
        if !same_fields(&want, &have) {
            return Err(Error::FileDTypeMismatch {
                path: "<records>".into(),
                expected: want.to_string(),
                found: self.dtype.to_string(),
            });
        }
        let native = self.to_native_order();
        let bytes = native.to_bytes();
        Ok(bytes
            .chunks_exact(want.itemsize().max(1))
            .take(self.len())
            .map(R::read_record)
            .collect())
    }

    /// The record dtype.
    pub fn dtype(&self) -> &RecordDType {
        &self.dtype
    }

    /// The record dtype, shared.
    pub fn dtype_arc(&self) -> &Arc<RecordDType> {
        &self.dtype
    }

    /// The shape.
    pub fn shape(&self) -> &[usize] {
        &self.layout.shape
    }

    /// The strides in **bytes** (NumPy's `strides`).
    pub fn byte_strides(&self) -> &[isize] {
        &self.layout.strides
    }

    /// Number of axes.
    pub fn ndim(&self) -> usize {
        self.layout.ndim()
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.layout.size()
    }

    /// Whether there are no records.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The storage behind the records.
    pub fn storage(&self) -> &Arc<Storage> {
        &self.storage
    }

    /// Byte offset of record `[0, ..., 0]` in the storage.
    pub fn byte_offset(&self) -> usize {
        self.offset
    }

    fn record_units(&self) -> Option<Layout> {
        let size = self.dtype.itemsize() as isize;
        if size == 0 {
            return None;
        }
        let mut l = self.layout.clone();
        for s in l.strides.iter_mut() {
            if *s % size != 0 {
                return None;
            }
            *s /= size;
        }
        Some(l)
    }

    /// Whether the records are adjacent in C order.
    pub fn is_c_contiguous(&self) -> bool {
        self.is_empty() || self.record_units().is_some_and(|l| l.is_c_contiguous())
    }

    /// Whether the records are adjacent in Fortran order.
    pub fn is_f_contiguous(&self) -> bool {
        self.is_empty() || self.record_units().is_some_and(|l| l.is_f_contiguous())
    }

    /// NumPy's `ALIGNED` flag for every field: the dtype [`is_aligned`](RecordDType::is_aligned)
    /// and the first record and every stride are multiples of its natural alignment, so that
    /// every scalar field can be viewed in place.
    pub fn is_aligned(&self) -> bool {
        let a = self.dtype.natural_alignment();
        self.dtype.is_aligned()
            && (self.storage.as_ptr() as usize + self.offset).is_multiple_of(a)
            && self
                .layout
                .shape
                .iter()
                .zip(self.layout.strides.iter())
                .all(|(&d, &s)| d <= 1 || s.unsigned_abs() % a == 0)
    }

    /// The records in C order, as one run of bytes (a copy).
    pub fn to_bytes(&self) -> Vec<u8> {
        let itemsize = self.dtype.itemsize();
        if self.is_c_contiguous() {
            return self.contiguous_bytes().to_vec();
        }
        let mut out = Vec::with_capacity(self.len() * itemsize);
        self.for_each_record(|rec| out.extend_from_slice(rec));
        out
    }

    /// The bytes of a C-contiguous array (empty otherwise).
    fn contiguous_bytes(&self) -> &[u8] {
        let n = self.len() * self.dtype.itemsize();
        if n == 0 || !self.is_c_contiguous() {
            return &[];
        }
        // SAFETY: C-contiguous: the `n` bytes from the first record are all records
        // (invariant 1); the borrow of `self` keeps the storage alive, and writers need
        // `&mut self` (invariant 3).
        unsafe { std::slice::from_raw_parts(self.storage.as_ptr().add(self.offset), n) }
    }

    /// The bytes of the records, when they are C-contiguous.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        self.is_c_contiguous().then(|| self.contiguous_bytes())
    }

    /// Calls `f` with the bytes of every record in C order.
    pub fn for_each_record(&self, mut f: impl FnMut(&[u8])) {
        let itemsize = self.dtype.itemsize();
        let shape = &self.layout.shape;
        if self.is_empty() {
            return;
        }
        let mut index = vec![0usize; shape.len()];
        loop {
            let pos = self.offset as isize + self.layout.offset_of(&index);
            // SAFETY: `index` is inside the shape, so the record lies in the storage
            // (invariant 1); no writer exists while `self` is borrowed.
            let rec =
                unsafe { std::slice::from_raw_parts(self.storage.as_ptr().offset(pos), itemsize) };
            f(rec);
            let mut ax = shape.len();
            loop {
                if ax == 0 {
                    return;
                }
                ax -= 1;
                index[ax] += 1;
                if index[ax] < shape[ax] {
                    break;
                }
                index[ax] = 0;
            }
        }
    }

    /// Basic slicing (`s![..]`), applied to every field: a record array sharing the storage.
    pub fn slice(&self, args: impl AsRef<[SliceArg]>) -> Result<RecordArray> {
        let (layout, delta) = apply_slice(&self.layout, args.as_ref())?;
        let offset = if layout.size() == 0 {
            self.offset
        } else {
            (self.offset as isize + delta) as usize
        };
        Ok(RecordArray {
            dtype: Arc::clone(&self.dtype),
            storage: Arc::clone(&self.storage),
            offset,
            layout,
        })
    }

    /// The records with the axes reversed (NumPy's `.T`), sharing the storage.
    pub fn t(&self) -> RecordArray {
        let layout = self
            .layout
            .permuted(None)
            .expect("reversal is a permutation");
        RecordArray {
            layout,
            ..self.clone()
        }
    }

    /// A nested record field as a record array sharing the storage (sub-array axes become
    /// extra axes).
    pub fn record_field(&self, name: &str) -> Result<RecordArray> {
        let field = self.dtype.field(name)?;
        let FieldType::Record(inner) = &field.ty else {
            return Err(Error::FieldView {
                field: name.into(),
                requested: "a record".into(),
                reason: format!("the field holds {}", field.ty),
            });
        };
        let mut layout = self.layout.clone();
        let sub = c_strides(&field.shape);
        for (&d, &s) in field.shape.iter().zip(sub.iter()) {
            layout.shape.push(d);
            layout.strides.push(s * inner.itemsize() as isize);
        }
        Ok(RecordArray {
            dtype: Arc::clone(inner),
            storage: Arc::clone(&self.storage),
            offset: self.offset + field.offset,
            layout,
        })
    }

    /// The layout (element strides) and start of a field viewed as `T`, or why not.
    fn field_layout<T: Element>(&self, name: &str) -> Result<(NonNull<T>, Layout)> {
        let field = self.dtype.field(name)?;
        let reject = |reason: String| Error::FieldView {
            field: name.to_string(),
            requested: T::DTYPE.name().to_string(),
            reason,
        };
        match field.ty {
            FieldType::Scalar(d, _) if d != T::DTYPE => {
                return Err(reject(format!("the field holds {d}")));
            }
            FieldType::Scalar(d, order) if d.itemsize() > 1 && !order.is_native() => {
                return Err(reject(format!(
                    "the field is stored {:?}-endian; use field_to_array, which converts",
                    order
                )));
            }
            FieldType::Scalar(..) => {}
            ref other => return Err(reject(format!("the field holds {other}"))),
        }
        let size = std::mem::size_of::<T>() as isize;
        let mut layout = Layout {
            shape: Dims::new(),
            strides: Strides::new(),
        };
        for (&d, &s) in self.layout.shape.iter().zip(self.layout.strides.iter()) {
            if d > 1 && s % size != 0 {
                return Err(reject(format!(
                    "the record stride of {s} bytes is not a multiple of the {size}-byte element \
                     (a packed record; use field_to_array)"
                )));
            }
            layout.shape.push(d);
            layout.strides.push(if d > 1 { s / size } else { 0 });
        }
        let sub = c_strides(&field.shape);
        for &x in field.shape.iter() {
            layout.shape.push(x);
        }
        for &x in sub.iter() {
            layout.strides.push(x);
        }
        if layout.size() == 0 {
            return Ok((NonNull::dangling(), layout));
        }
        // SAFETY: the field lies inside the first record, which is in the storage (invariant 1).
        let ptr = unsafe { self.storage.as_ptr().add(self.offset + field.offset) };
        if !(ptr as usize).is_multiple_of(std::mem::align_of::<T>()) {
            return Err(reject(format!(
                "the field at offset {} is not aligned for {} (a packed record; use \
                 field_to_array)",
                field.offset,
                T::DTYPE
            )));
        }
        Ok((
            NonNull::new(ptr.cast::<T>()).expect("storage pointers are non-null"),
            layout,
        ))
    }

    /// A field as a strided read-only view of its element type: the record axes, then the
    /// field's sub-array axes. No copy. Errors name the reason when the field cannot be
    /// viewed in place (another type, a nested record, foreign byte order, a misaligned
    /// field of a packed record): [`field_to_array`](Self::field_to_array) copies instead.
    pub fn field<T: Element>(&self, name: &str) -> Result<ArrayView<'_, T>> {
        let (ptr, layout) = self.field_layout::<T>(name)?;
        // SAFETY: `field_layout` checked type, alignment and stride divisibility; every
        // element is a scalar of type `T` inside a record of this array (invariant 1), in
        // native byte order; the borrow of `self` keeps the storage alive and unwritten.
        Ok(unsafe { ArrayView::from_raw(ptr, layout) })
    }

    /// Copies the records into fresh storage unless they are held alone and writable.
    fn make_unique(&mut self) -> Result<()> {
        let exclusive = Arc::get_mut(&mut self.storage).is_some_and(|s| s.is_writable());
        if !exclusive {
            let bytes = self.to_bytes();
            *self =
                RecordArray::from_bytes(Arc::clone(&self.dtype), &bytes, self.shape(), Order::C)?;
        }
        Ok(())
    }

    /// A field as a strided mutable view: writes change the records (copying them first when
    /// the storage is shared or read-only, see the invariants).
    pub fn field_mut<T: Element>(&mut self, name: &str) -> Result<ArrayViewMut<'_, T>> {
        self.field_layout::<T>(name)?; // check before a copy-on-write
        self.make_unique()?;
        let (ptr, layout) = self.field_layout::<T>(name)?;
        // SAFETY: as `field`, plus: the storage is unique and writable (invariant 3) and
        // distinct indices address distinct elements (invariant 2, sub-arrays are dense).
        Ok(unsafe { ArrayViewMut::from_raw(ptr, layout) })
    }

    /// Writes `values` (broadcast to the field's view shape) into a scalar field.
    pub fn set_field<T: Element>(
        &mut self,
        name: &str,
        values: &impl AsArrayView<T>,
    ) -> Result<()> {
        self.field_mut::<T>(name)?.assign(values)
    }

    /// A copy of a scalar field as a C-order array of its own dtype, converting the byte
    /// order; works for packed (misaligned) fields too.
    pub fn field_to_dyn(&self, name: &str) -> Result<DynArray> {
        let field = self.dtype.field(name)?.clone();
        let FieldType::Scalar(dtype, order) = field.ty else {
            return Err(Error::FieldView {
                field: name.into(),
                requested: "an array".into(),
                reason: format!("the field holds {}; use record_field", field.ty),
            });
        };
        let mut shape: Vec<usize> = self.shape().to_vec();
        for &x in field.shape.iter() {
            shape.push(x);
        }
        dispatch_dtype!(dtype, T => Ok(self.gather_field::<T>(&field, order, &shape)?.into_dyn()))
    }

    /// A copy of a scalar field as `Array<T>` (see [`field_to_dyn`](Self::field_to_dyn));
    /// [`Error::FieldView`] when the field's dtype is not `T`'s.
    pub fn field_to_array<T: Element>(&self, name: &str) -> Result<Array<T>> {
        let d = self.field_to_dyn(name)?;
        let got = d.dtype();
        d.into_array::<T>().map_err(|_| Error::FieldView {
            field: name.into(),
            requested: T::DTYPE.name().into(),
            reason: format!("the field holds {got}"),
        })
    }

    fn gather_field<T: Element>(
        &self,
        field: &Field,
        order: ByteOrder,
        shape: &[usize],
    ) -> Result<Array<T>> {
        let size = std::mem::size_of::<T>();
        let per_record = field.count();
        let mut values = Vec::with_capacity(self.len() * per_record);
        self.for_each_record(|rec| {
            let bytes = &rec[field.offset..field.offset + per_record * size];
            for chunk in bytes.chunks_exact(size) {
                values.push(crate::bytes::scalar_from_bytes::<T>(chunk, order));
            }
        });
        Array::from_vec(values, shape)
    }

    /// A copy with every scalar field in the machine's byte order (no copy when it already
    /// is).
    pub fn to_native_order(&self) -> RecordArray {
        if self.dtype.fields().iter().all(|f| f.ty.is_native_order()) {
            return self.clone();
        }
        let mut bytes = self.to_bytes();
        let itemsize = self.dtype.itemsize().max(1);
        for rec in bytes.chunks_exact_mut(itemsize) {
            crate::bytes::swap_record_to_native(&self.dtype, rec);
        }
        RecordArray::from_bytes(self.dtype.to_native_order(), &bytes, self.shape(), Order::C)
            .expect("same shape and itemsize")
    }
}

/// Whether two records have the same field names, types, shapes and offsets, and itemsize.
fn same_fields(a: &RecordDType, b: &RecordDType) -> bool {
    a.itemsize() == b.itemsize()
        && a.fields().len() == b.fields().len()
        && a.fields().iter().zip(b.fields()).all(|(x, y)| {
            x.name == y.name
                && x.offset == y.offset
                && x.shape == y.shape
                && match (&x.ty, &y.ty) {
                    (FieldType::Record(p), FieldType::Record(q)) => same_fields(p, q),
                    (p, q) => p == q,
                }
        })
}

impl fmt::Debug for RecordArray {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RecordArray")
            .field("dtype", &self.dtype.to_string())
            .field("shape", &self.shape())
            .field("byte_strides", &self.byte_strides())
            .finish()
    }
}

impl PartialEq for RecordArray {
    /// Same dtype, shape and record bytes.
    fn eq(&self, other: &Self) -> bool {
        self.dtype == other.dtype
            && self.shape() == other.shape()
            && self.to_bytes() == other.to_bytes()
    }
}

/// `DType` of a scalar field, for callers matching on field types.
pub fn scalar_dtype(field: &Field) -> Option<DType> {
    field.ty.scalar().map(|(d, _)| d)
}
