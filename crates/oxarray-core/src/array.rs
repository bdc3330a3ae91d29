//! The three array types: [`Array`] (owns a share of its storage), [`ArrayView`] and
//! [`ArrayViewMut`] (borrow), plus [`CowArray`].
//!
//! # Invariants
//!
//! Every array type is a pointer `ptr` to element `[0, ..., 0]` plus a [`Layout`] (shape and
//! signed element strides). For all three types:
//!
//! 1. **In bounds and aligned.** For every multi-index `i` with `i[k] < shape[k]`, the address
//!    `ptr + Σ i[k] * strides[k]` lies inside one live allocation, is aligned for `T`, and holds
//!    an initialised `T`. (An empty array may point anywhere aligned and non-null.)
//! 2. **Lifetime.** For views the memory lives at least for `'a`; for [`Array`] it lives as
//!    long as the `Arc<Storage>` it holds.
//! 3. **No overlap for writers.** [`ArrayViewMut`] and any [`Array`] about to be written
//!    never map two multi-indices to the same address, and have exclusive access: an
//!    `ArrayViewMut<'a>` is the only path to its elements during `'a`; an `Array` writes only
//!    when its storage `Arc` is unique and the storage is writable, copying first otherwise
//!    (copy-on-write), so `Array::clone` is O(1).
//!
//! Only [`ArrayView`] may overlap (broadcasting gives zero strides); it is read-only.

use std::fmt;
use std::marker::PhantomData;
use std::mem::MaybeUninit;
use std::ptr::NonNull;
use std::sync::Arc;

use crate::buffer::Storage;
use crate::copy;
use crate::dims::Dims;
use crate::dtype::DType;
use crate::element::Element;
use crate::error::{Error, Result};
use crate::iter::{Iter, IterMut};
use crate::layout::{Layout, Order, checked_size, resolve_reshape};
use crate::shape_arg::{IntoShape, ReshapeArg};
use crate::slice::{SliceArg, apply_slice};

/// An n-dimensional array that owns (a share of) its storage.
///
/// Clones share the storage and are O(1); the first write through a shared clone copies it
/// (copy-on-write), so clones never observe each other's writes. To alias mutably, borrow a
/// view ([`Array::view_mut`], [`Array::slice_mut`]): writes through a view change the base
/// array, as in NumPy.
///
/// ```
/// use oxarray_core::{array, s, Array};
/// let mut a = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
/// assert_eq!(a.shape(), &[2, 3]);
/// a.slice_mut(s![.., 1]).unwrap().fill(0.0); // a view: writes reach `a`
/// assert_eq!(a.to_vec(), vec![1.0, 0.0, 3.0, 4.0, 0.0, 6.0]);
/// let t = a.t(); // O(1) transposed view
/// assert_eq!(t.strides(), &[1, 3]);
/// ```
pub struct Array<T: Element> {
    storage: Arc<Storage>,
    ptr: NonNull<T>,
    layout: Layout,
}

/// A read-only borrowed view of an array (NumPy's view): O(1) to make, may be strided,
/// reversed or broadcast.
pub struct ArrayView<'a, T: Element> {
    ptr: NonNull<T>,
    layout: Layout,
    _life: PhantomData<&'a [T]>,
}

/// A mutable borrowed view: writes go to the array it was taken from.
pub struct ArrayViewMut<'a, T: Element> {
    ptr: NonNull<T>,
    layout: Layout,
    _life: PhantomData<&'a mut [T]>,
}

/// Either a borrowed view or an owned array: what "copy only when needed" returns.
#[derive(Debug)]
pub enum CowArray<'a, T: Element> {
    /// No copy was needed.
    View(ArrayView<'a, T>),
    /// A copy was made.
    Owned(Array<T>),
}

// SAFETY: arrays hold plain `T: Send + Sync` data; `Array` shares storage through an `Arc` and
// writes only when it holds the unique reference (invariant 3).
unsafe impl<T: Element> Send for Array<T> {}
// SAFETY: `&Array` only reads.
unsafe impl<T: Element> Sync for Array<T> {}
// SAFETY: a view is a shared borrow of `T: Sync` data.
unsafe impl<T: Element> Send for ArrayView<'_, T> {}
// SAFETY: as above.
unsafe impl<T: Element> Sync for ArrayView<'_, T> {}
// SAFETY: a mutable view is an exclusive borrow of `T: Send` data (invariant 3).
unsafe impl<T: Element> Send for ArrayViewMut<'_, T> {}
// SAFETY: `&ArrayViewMut` only reads.
unsafe impl<T: Element> Sync for ArrayViewMut<'_, T> {}

impl<T: Element> Clone for Array<T> {
    fn clone(&self) -> Self {
        Array {
            storage: Arc::clone(&self.storage),
            ptr: self.ptr,
            layout: self.layout.clone(),
        }
    }
}

impl<T: Element> Clone for ArrayView<'_, T> {
    fn clone(&self) -> Self {
        ArrayView {
            ptr: self.ptr,
            layout: self.layout.clone(),
            _life: PhantomData,
        }
    }
}

/// Anything that can lend a read-only view: `Array`, `ArrayView`, `ArrayViewMut`, and
/// references to them. Functions that only read take `impl AsArrayView<T>`.
pub trait AsArrayView<T: Element> {
    /// A read-only view of the whole array.
    fn as_view(&self) -> ArrayView<'_, T>;
}

impl<T: Element> AsArrayView<T> for Array<T> {
    fn as_view(&self) -> ArrayView<'_, T> {
        self.view()
    }
}
impl<T: Element> AsArrayView<T> for ArrayView<'_, T> {
    fn as_view(&self) -> ArrayView<'_, T> {
        self.clone()
    }
}
impl<T: Element> AsArrayView<T> for ArrayViewMut<'_, T> {
    fn as_view(&self) -> ArrayView<'_, T> {
        self.view()
    }
}
impl<T: Element> AsArrayView<T> for CowArray<'_, T> {
    fn as_view(&self) -> ArrayView<'_, T> {
        self.view()
    }
}
impl<T: Element, A: AsArrayView<T> + ?Sized> AsArrayView<T> for &A {
    fn as_view(&self) -> ArrayView<'_, T> {
        (**self).as_view()
    }
}
impl<T: Element, A: AsArrayView<T> + ?Sized> AsArrayView<T> for &mut A {
    fn as_view(&self) -> ArrayView<'_, T> {
        (**self).as_view()
    }
}

/// Shape and layout queries shared by the three array types.
macro_rules! layout_queries {
    () => {
        /// Length of each axis.
        #[inline]
        pub fn shape(&self) -> &[usize] {
            &self.layout.shape
        }

        /// Distance in elements between neighbours along each axis (may be negative or zero).
        #[inline]
        pub fn strides(&self) -> &[isize] {
            &self.layout.strides
        }

        /// Number of axes.
        #[inline]
        pub fn ndim(&self) -> usize {
            self.layout.ndim()
        }

        /// Number of elements (NumPy's `size`).
        #[inline]
        pub fn len(&self) -> usize {
            self.layout.size()
        }

        /// Whether the array has no elements.
        #[inline]
        pub fn is_empty(&self) -> bool {
            self.len() == 0
        }

        /// The element type's run-time tag.
        #[inline]
        pub fn dtype(&self) -> DType {
            T::DTYPE
        }

        /// Shape and strides together.
        #[inline]
        pub fn layout(&self) -> &Layout {
            &self.layout
        }

        /// Whether the elements are adjacent in row-major order (NumPy's `C_CONTIGUOUS`).
        #[inline]
        pub fn is_c_contiguous(&self) -> bool {
            self.layout.is_c_contiguous()
        }

        /// Whether the elements are adjacent in column-major order (NumPy's `F_CONTIGUOUS`).
        #[inline]
        pub fn is_f_contiguous(&self) -> bool {
            self.layout.is_f_contiguous()
        }

        /// Pointer to element `[0, ..., 0]`.
        #[inline]
        pub fn as_ptr(&self) -> *const T {
            self.ptr.as_ptr()
        }

        /// A read-only view.
        #[inline]
        pub fn view(&self) -> ArrayView<'_, T> {
            // SAFETY: the view borrows `self`, which keeps the elements alive and unchanged
            // for the borrow (invariants 1 and 2).
            unsafe { ArrayView::from_raw(self.ptr, self.layout.clone()) }
        }

        /// Iterates over the elements in logical (row-major) order.
        pub fn iter(&self) -> Iter<'_, T> {
            // SAFETY: invariant 1, and `&self` keeps the elements alive for the borrow.
            unsafe { Iter::new(self.ptr, &self.layout) }
        }

        /// The elements in logical (row-major) order, as a `Vec`.
        pub fn to_vec(&self) -> Vec<T> {
            match self.as_slice() {
                Some(s) => s.to_vec(),
                None => self.iter().copied().collect(),
            }
        }

        /// The elements as a slice, when they are C-contiguous.
        pub fn as_slice(&self) -> Option<&[T]> {
            if self.is_c_contiguous() {
                // SAFETY: C-contiguous means the elements fill `len()` consecutive slots from
                // `ptr` (for an empty array the slice is empty); invariant 1.
                Some(unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len()) })
            } else {
                None
            }
        }

        /// The elements as a slice in memory order, when they fill a contiguous run with
        /// positive strides (any permutation of a contiguous array).
        pub fn as_slice_memory_order(&self) -> Option<&[T]> {
            if self.layout.is_dense() && self.layout.is_forward() {
                // SAFETY: dense with non-negative strides: element [0..0] is the lowest address
                // and the elements fill `len()` slots from it; invariant 1.
                Some(unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len()) })
            } else {
                None
            }
        }

        /// The element at `index` (negative entries count from the end of their axis).
        pub fn get(&self, index: &[isize]) -> Result<&T> {
            let offset = self.layout.checked_offset(index)?;
            // SAFETY: `checked_offset` verified every index against its axis (invariant 1).
            Ok(unsafe { &*self.ptr.as_ptr().offset(offset) })
        }

        /// A copy in C order with its own storage.
        pub fn to_owned(&self) -> Array<T> {
            Array::from_view_in_order(&self.view(), Order::C)
        }

        /// A slice of the array (NumPy's basic indexing), as a view: see [`s!`](crate::s).
        pub fn slice(&self, args: impl AsRef<[SliceArg]>) -> Result<ArrayView<'_, T>> {
            self.view().into_slice(args)
        }

        /// The transposed view (axes reversed), NumPy's `.T`.
        pub fn t(&self) -> ArrayView<'_, T> {
            self.view().into_t()
        }

        /// The view with axes permuted (NumPy's `transpose(axes)`).
        pub fn permute_axes(&self, axes: &[isize]) -> Result<ArrayView<'_, T>> {
            self.view().into_permuted(axes)
        }

        /// The view with two axes exchanged.
        pub fn swapaxes(&self, a: isize, b: isize) -> Result<ArrayView<'_, T>> {
            self.view().into_swapaxes(a, b)
        }

        /// The view with axis `source` moved to `destination`.
        pub fn moveaxis(&self, source: isize, destination: isize) -> Result<ArrayView<'_, T>> {
            self.view().into_moveaxis(source, destination)
        }

        /// The view reversed along `axes` (all axes when `None`), NumPy's `flip`.
        pub fn flip(&self, axes: Option<&[isize]>) -> Result<ArrayView<'_, T>> {
            self.view().into_flip(axes)
        }

        /// The view without axes of length one (only `axes` when given).
        pub fn squeeze(&self, axes: Option<&[isize]>) -> Result<ArrayView<'_, T>> {
            self.view().into_squeeze(axes)
        }

        /// The view with new axes of length one at `axes` (NumPy's `expand_dims`).
        pub fn expand_dims(&self, axes: &[isize]) -> Result<ArrayView<'_, T>> {
            self.view().into_expand_dims(axes)
        }

        /// The array with a new shape in C order (one entry may be `-1`): a view when the
        /// layout allows, a copy otherwise, as NumPy's `reshape`. See
        /// [`reshape_view`](Self::reshape_view) for the form that never copies.
        ///
        /// ```
        /// use oxarray_core::Array;
        /// let a = Array::<i32>::arange(0, 6, 1)?;
        /// let m = a.reshape([2, -1])?;
        /// assert!(!m.is_owned()); // a view of `a`
        /// assert_eq!(m.shape(), &[2, 3]);
        /// let t = a.reshape([2, 3])?.into_owned();
        /// assert!(t.t().reshape([6])?.is_owned()); // a transposed view needs a copy
        /// # Ok::<(), oxarray_core::Error>(())
        /// ```
        pub fn reshape(&self, shape: impl ReshapeArg) -> Result<CowArray<'_, T>> {
            self.view().into_shape_cow(shape)
        }

        /// The view with a new shape (one entry may be `-1`), without copying, or
        /// [`Error::ReshapeNeedsCopy`] when the layout does not allow it (NumPy's
        /// `a.shape = new_shape`, which refuses to copy).
        pub fn reshape_view(&self, shape: impl ReshapeArg) -> Result<ArrayView<'_, T>> {
            self.view().into_reshape(shape)
        }

        /// The elements flattened in C order: a view when contiguous, a copy otherwise
        /// (NumPy's `ravel`).
        pub fn ravel(&self) -> CowArray<'_, T> {
            let n = self.len() as isize;
            self.view()
                .into_shape_cow([n])
                .expect("a 1-D shape of the array's own size always fits")
        }

        /// A 1-D copy of the elements in C order (NumPy's `flatten`).
        pub fn flatten(&self) -> Array<T> {
            Array::from_vec(self.to_vec(), [self.len()]).expect("size matches")
        }

        /// The view broadcast to `shape` (read-only; stretched axes have stride zero).
        pub fn broadcast_to(&self, shape: impl IntoShape) -> Result<ArrayView<'_, T>> {
            self.view().into_broadcast_to(shape)
        }

        /// The array in C order: borrowed when already C-contiguous, copied otherwise
        /// (NumPy's `ascontiguousarray`).
        pub fn as_standard_layout(&self) -> CowArray<'_, T> {
            if self.is_c_contiguous() {
                CowArray::View(self.view())
            } else {
                CowArray::Owned(Array::from_view_in_order(&self.view(), Order::C))
            }
        }

        /// The array in F order: borrowed when already F-contiguous, copied otherwise
        /// (NumPy's `asfortranarray`).
        pub fn as_fortran_layout(&self) -> CowArray<'_, T> {
            if self.is_f_contiguous() {
                CowArray::View(self.view())
            } else {
                CowArray::Owned(Array::from_view_in_order(&self.view(), Order::F))
            }
        }

        /// A copy with the elements cast to `U` (NumPy's `astype`, unsafe casting).
        pub fn astype<U: Element>(&self) -> Array<U> {
            self.view().map(|x| x.cast::<U>())
        }
    };
}

/// Writing operations shared by `ArrayViewMut` (directly) and `Array` (after copy-on-write).
macro_rules! mutating_ops {
    ($prepare:ident) => {
        /// A mutable view of the whole array.
        pub fn view_mut(&mut self) -> ArrayViewMut<'_, T> {
            self.$prepare();
            // SAFETY: `$prepare` established exclusive, writable, non-overlapping access
            // (invariant 3), held through `&mut self` for the borrow.
            unsafe { ArrayViewMut::from_raw(self.ptr, self.layout.clone()) }
        }

        /// A mutable slice (basic indexing) of the array: writes reach the array.
        pub fn slice_mut(&mut self, args: impl AsRef<[SliceArg]>) -> Result<ArrayViewMut<'_, T>> {
            self.view_mut().into_slice(args)
        }

        /// Iterates over mutable references in logical (row-major) order.
        pub fn iter_mut(&mut self) -> IterMut<'_, T> {
            self.$prepare();
            // SAFETY: exclusive, writable, non-overlapping (invariant 3) for the borrow.
            unsafe { IterMut::new(self.ptr, &self.layout) }
        }

        /// The elements as a mutable slice, when they are C-contiguous.
        pub fn as_slice_mut(&mut self) -> Option<&mut [T]> {
            if !self.is_c_contiguous() {
                return None;
            }
            self.$prepare();
            // SAFETY: C-contiguous: `len()` consecutive elements from `ptr`, exclusively held
            // (invariants 1 and 3).
            Some(unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len()) })
        }

        /// The elements as a mutable slice in memory order, when they are dense with
        /// non-negative strides.
        pub fn as_slice_memory_order_mut(&mut self) -> Option<&mut [T]> {
            if !(self.layout.is_dense() && self.layout.is_forward()) {
                return None;
            }
            self.$prepare();
            // SAFETY: dense and forward: `len()` consecutive elements from `ptr`, exclusively
            // held (invariants 1 and 3).
            Some(unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len()) })
        }

        /// A mutable reference to the element at `index` (negative entries count from the end).
        pub fn get_mut(&mut self, index: &[isize]) -> Result<&mut T> {
            let offset = self.layout.checked_offset(index)?;
            self.$prepare();
            // SAFETY: the index was checked (invariant 1); access is exclusive (invariant 3).
            Ok(unsafe { &mut *self.ptr.as_ptr().offset(offset) })
        }

        /// Sets every element to `value`.
        pub fn fill(&mut self, value: T) {
            copy::fill(&mut self.view_mut(), value);
        }

        /// Copies `src` into this array, broadcasting it to this array's shape (NumPy's
        /// `copyto(self, src)`).
        pub fn assign(&mut self, src: &impl AsArrayView<T>) -> Result<()> {
            copy::copyto(&mut self.view_mut(), src.as_view(), None)
        }

        /// Applies `f` to every element in place.
        pub fn map_inplace(&mut self, f: impl Fn(T) -> T + Sync + Send) {
            copy::map_inplace(&mut self.view_mut(), f);
        }
    };
}

impl<'a, T: Element> ArrayView<'a, T> {
    /// A view from a pointer to element `[0, ..., 0]` and a layout.
    ///
    /// # Safety
    /// Invariants 1 and 2 of the module docs must hold for `'a`, and nothing may write the
    /// elements during `'a`.
    #[inline]
    pub unsafe fn from_raw(ptr: NonNull<T>, layout: Layout) -> Self {
        ArrayView {
            ptr,
            layout,
            _life: PhantomData,
        }
    }

    /// A C-order view of a slice with the given shape.
    pub fn from_slice(data: &'a [T], shape: impl IntoShape) -> Result<Self> {
        let shape = shape.into_dims();
        let expected = checked_size(&shape, std::mem::size_of::<T>())?;
        if expected != data.len() {
            return Err(Error::LengthMismatch {
                len: data.len(),
                shape: shape.to_vec(),
                expected,
            });
        }
        let layout = Layout::contiguous(&shape, Order::C);
        // SAFETY: the slice holds exactly the C-contiguous elements of `layout` for 'a.
        Ok(unsafe { ArrayView::from_raw(NonNull::from(data).cast(), layout) })
    }

    layout_queries!();

    fn with_layout(self, layout: Layout, offset: isize) -> Self {
        // SAFETY: every layout transform in `layout.rs`/`slice.rs` maps the new element set into
        // the old one, so offset and layout stay inside the same elements (invariant 1).
        unsafe {
            ArrayView::from_raw(
                NonNull::new_unchecked(self.ptr.as_ptr().offset(offset)),
                layout,
            )
        }
    }

    /// [`slice`](Self::slice), consuming the view and keeping its lifetime.
    pub fn into_slice(self, args: impl AsRef<[SliceArg]>) -> Result<Self> {
        let (layout, offset) = apply_slice(&self.layout, args.as_ref())?;
        Ok(self.with_layout(layout, offset))
    }

    /// [`t`](Self::t), consuming the view.
    pub fn into_t(self) -> Self {
        let layout = self
            .layout
            .permuted(None)
            .expect("reversal is a permutation");
        self.with_layout(layout, 0)
    }

    /// [`permute_axes`](Self::permute_axes), consuming the view.
    pub fn into_permuted(self, axes: &[isize]) -> Result<Self> {
        let layout = self.layout.permuted(Some(axes))?;
        Ok(self.with_layout(layout, 0))
    }

    /// [`swapaxes`](Self::swapaxes), consuming the view.
    pub fn into_swapaxes(self, a: isize, b: isize) -> Result<Self> {
        let layout = self.layout.swapped(a, b)?;
        Ok(self.with_layout(layout, 0))
    }

    /// [`moveaxis`](Self::moveaxis), consuming the view.
    pub fn into_moveaxis(self, source: isize, destination: isize) -> Result<Self> {
        let layout = self.layout.moved(source, destination)?;
        Ok(self.with_layout(layout, 0))
    }

    /// [`flip`](Self::flip), consuming the view.
    pub fn into_flip(self, axes: Option<&[isize]>) -> Result<Self> {
        let (layout, offset) = self.layout.flipped(axes)?;
        Ok(self.with_layout(layout, offset))
    }

    /// [`squeeze`](Self::squeeze), consuming the view.
    pub fn into_squeeze(self, axes: Option<&[isize]>) -> Result<Self> {
        let layout = self.layout.squeezed(axes)?;
        Ok(self.with_layout(layout, 0))
    }

    /// [`expand_dims`](Self::expand_dims), consuming the view.
    pub fn into_expand_dims(self, axes: &[isize]) -> Result<Self> {
        let layout = self.layout.expanded(axes)?;
        Ok(self.with_layout(layout, 0))
    }

    /// [`reshape`](Self::reshape), consuming the view.
    pub fn into_reshape(self, shape: impl ReshapeArg) -> Result<Self> {
        let new_shape = resolve_reshape(self.len(), &shape.into_spec())?;
        match self.layout.reshaped(&new_shape, Order::C) {
            Some(layout) => Ok(self.with_layout(layout, 0)),
            None => Err(Error::ReshapeNeedsCopy {
                shape: self.shape().to_vec(),
                strides: self.strides().to_vec(),
                new_shape: new_shape.to_vec(),
            }),
        }
    }

    /// [`to_shape`](Self::to_shape), consuming the view.
    pub fn into_shape_cow(self, shape: impl ReshapeArg) -> Result<CowArray<'a, T>> {
        let new_shape = resolve_reshape(self.len(), &shape.into_spec())?;
        Ok(match self.layout.reshaped(&new_shape, Order::C) {
            Some(layout) => CowArray::View(self.with_layout(layout, 0)),
            None => {
                let owned = Array::from_view_in_order(&self, Order::C);
                CowArray::Owned(owned.into_shape(&new_shape[..])?)
            }
        })
    }

    /// [`broadcast_to`](Self::broadcast_to), consuming the view.
    pub fn into_broadcast_to(self, shape: impl IntoShape) -> Result<Self> {
        let layout = self.layout.broadcast_to(&shape.into_dims())?;
        Ok(self.with_layout(layout, 0))
    }

    /// The elements as a slice with lifetime `'a`, when they are C-contiguous.
    pub fn to_slice(&self) -> Option<&'a [T]> {
        if self.is_c_contiguous() {
            // SAFETY: as `as_slice`, with the view's own lifetime (invariant 2).
            Some(unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len()) })
        } else {
            None
        }
    }

    /// A new C-order array of `f` applied to every element.
    pub fn map<U: Element>(&self, f: impl Fn(T) -> U + Sync + Send) -> Array<U> {
        copy::map_to_owned(self, f)
    }

    /// Reinterprets this view with a new layout and offset from its element `[0, ..., 0]`.
    ///
    /// # Safety
    /// Every element of the new layout must be an element of this view (invariant 1).
    pub unsafe fn with_layout_unchecked(self, layout: Layout, offset: isize) -> Self {
        self.with_layout(layout, offset)
    }
}

impl<'a, T: Element> ArrayViewMut<'a, T> {
    /// A mutable view from a pointer to element `[0, ..., 0]` and a layout.
    ///
    /// # Safety
    /// Invariants 1 to 3 of the module docs must hold for `'a`: valid, aligned, initialised
    /// elements, exclusively accessed through this view, with no two indices at one address.
    #[inline]
    pub unsafe fn from_raw(ptr: NonNull<T>, layout: Layout) -> Self {
        ArrayViewMut {
            ptr,
            layout,
            _life: PhantomData,
        }
    }

    /// A C-order mutable view of a slice with the given shape.
    pub fn from_slice(data: &'a mut [T], shape: impl IntoShape) -> Result<Self> {
        let shape = shape.into_dims();
        let expected = checked_size(&shape, std::mem::size_of::<T>())?;
        if expected != data.len() {
            return Err(Error::LengthMismatch {
                len: data.len(),
                shape: shape.to_vec(),
                expected,
            });
        }
        let layout = Layout::contiguous(&shape, Order::C);
        // SAFETY: the slice is exclusively borrowed for 'a and holds exactly the
        // C-contiguous, non-overlapping elements of `layout`.
        Ok(unsafe { ArrayViewMut::from_raw(NonNull::from(data).cast(), layout) })
    }

    layout_queries!();

    #[inline]
    fn prepare_write(&mut self) {}

    mutating_ops!(prepare_write);

    /// A shorter-lived mutable view of the same elements.
    pub fn reborrow(&mut self) -> ArrayViewMut<'_, T> {
        self.view_mut()
    }

    /// Turns the mutable view into a read-only one with the same lifetime.
    pub fn into_view(self) -> ArrayView<'a, T> {
        // SAFETY: the exclusive borrow is given up for a shared one of the same lifetime.
        unsafe { ArrayView::from_raw(self.ptr, self.layout) }
    }

    /// The elements as a mutable slice with lifetime `'a`, when they are C-contiguous.
    pub fn into_slice_mut(self) -> Option<&'a mut [T]> {
        if self.is_c_contiguous() {
            // SAFETY: as `as_slice_mut`, keeping the view's exclusive lifetime.
            Some(unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len()) })
        } else {
            None
        }
    }

    fn with_layout(self, layout: Layout, offset: isize) -> Self {
        // SAFETY: the transforms used below (slicing, permuting, flipping, squeezing,
        // expanding, reshaping) select a subset of the elements without ever mapping two
        // indices to one element (new axes have length one), so invariants 1-3 carry over.
        unsafe {
            ArrayViewMut::from_raw(
                NonNull::new_unchecked(self.ptr.as_ptr().offset(offset)),
                layout,
            )
        }
    }

    /// Mutable basic slicing, consuming the view and keeping its lifetime.
    pub fn into_slice(self, args: impl AsRef<[SliceArg]>) -> Result<Self> {
        let (layout, offset) = apply_slice(&self.layout, args.as_ref())?;
        Ok(self.with_layout(layout, offset))
    }

    /// The transposed mutable view.
    pub fn into_t(self) -> Self {
        let layout = self
            .layout
            .permuted(None)
            .expect("reversal is a permutation");
        self.with_layout(layout, 0)
    }

    /// The mutable view with axes permuted.
    pub fn into_permuted(self, axes: &[isize]) -> Result<Self> {
        let layout = self.layout.permuted(Some(axes))?;
        Ok(self.with_layout(layout, 0))
    }

    /// The mutable view with two axes exchanged.
    pub fn into_swapaxes(self, a: isize, b: isize) -> Result<Self> {
        let layout = self.layout.swapped(a, b)?;
        Ok(self.with_layout(layout, 0))
    }

    /// The mutable view reversed along `axes` (all when `None`).
    pub fn into_flip(self, axes: Option<&[isize]>) -> Result<Self> {
        let (layout, offset) = self.layout.flipped(axes)?;
        Ok(self.with_layout(layout, offset))
    }

    /// The mutable view with a new shape, without copying.
    pub fn into_reshape(self, shape: impl ReshapeArg) -> Result<Self> {
        let new_shape = resolve_reshape(self.len(), &shape.into_spec())?;
        match self.layout.reshaped(&new_shape, Order::C) {
            Some(layout) => Ok(self.with_layout(layout, 0)),
            None => Err(Error::ReshapeNeedsCopy {
                shape: self.shape().to_vec(),
                strides: self.strides().to_vec(),
                new_shape: new_shape.to_vec(),
            }),
        }
    }

    /// The mutable view without axes of length one.
    pub fn into_squeeze(self, axes: Option<&[isize]>) -> Result<Self> {
        let layout = self.layout.squeezed(axes)?;
        Ok(self.with_layout(layout, 0))
    }

    /// The mutable view with new axes of length one.
    pub fn into_expand_dims(self, axes: &[isize]) -> Result<Self> {
        let layout = self.layout.expanded(axes)?;
        Ok(self.with_layout(layout, 0))
    }

    /// Pointer to element `[0, ..., 0]`, for writing.
    #[inline]
    pub fn as_mut_ptr(&mut self) -> *mut T {
        self.ptr.as_ptr()
    }
}

impl<T: Element> Array<T> {
    /// An array on `storage` with element `[0, ..., 0]` at element offset `offset`.
    ///
    /// # Safety
    /// Invariant 1 must hold: every element of `layout` from that position lies inside the
    /// storage, aligned and initialised as `T`; and `layout` must not overlap if the storage
    /// is writable.
    pub unsafe fn from_storage(storage: Arc<Storage>, offset: usize, layout: Layout) -> Self {
        // SAFETY: the caller guarantees `offset` is inside (or one past) the storage.
        let ptr = unsafe { storage.as_ptr().cast::<T>().add(offset) };
        Array {
            // SAFETY: storage pointers are non-null.
            ptr: unsafe { NonNull::new_unchecked(ptr) },
            storage,
            layout,
        }
    }

    /// A new array in `order`, its elements written by `fill` in memory order.
    pub(crate) fn build(
        shape: &[usize],
        order: Order,
        fill: impl FnOnce(&mut [MaybeUninit<T>]),
    ) -> Result<Self> {
        let size = checked_size(shape, std::mem::size_of::<T>())?;
        let storage = Storage::filled_with::<T>(size, fill)?;
        // SAFETY: a fresh contiguous layout over exactly `size` initialised elements.
        Ok(unsafe { Array::from_storage(Arc::new(storage), 0, Layout::contiguous(shape, order)) })
    }

    /// A C-order array of zeros.
    ///
    /// ```
    /// use oxarray_core::Array;
    /// let z = Array::<f32>::zeros([2, 3]).unwrap();
    /// assert_eq!(z.to_vec(), vec![0.0; 6]);
    /// assert!(Array::<f64>::zeros([usize::MAX, 2]).is_err()); // size overflow: an error
    /// ```
    pub fn zeros(shape: impl IntoShape) -> Result<Self> {
        Self::zeros_order(shape, Order::C)
    }

    /// An array of zeros in `order`. The memory comes zeroed from the allocator, so large
    /// arrays cost no pass over memory until touched.
    pub fn zeros_order(shape: impl IntoShape, order: Order) -> Result<Self> {
        let shape = shape.into_dims();
        let size = checked_size(&shape, std::mem::size_of::<T>())?;
        let storage = Storage::zeroed::<T>(size)?;
        // SAFETY: all-zero bytes are a valid value of every element type; contiguous layout
        // over exactly `size` elements.
        Ok(unsafe { Array::from_storage(Arc::new(storage), 0, Layout::contiguous(&shape, order)) })
    }

    /// An array of ones (C order).
    pub fn ones(shape: impl IntoShape) -> Result<Self> {
        Self::full(shape, T::one())
    }

    /// An array filled with `value` (C order), written by all cores for large arrays.
    pub fn full(shape: impl IntoShape, value: T) -> Result<Self> {
        Self::full_order(shape, value, Order::C)
    }

    /// An array filled with `value` in `order`.
    pub fn full_order(shape: impl IntoShape, value: T, order: Order) -> Result<Self> {
        let shape = shape.into_dims();
        Self::build(&shape, order, |slots| copy::fill_uninit(slots, value))
    }

    /// NumPy's `empty`. oxarray never exposes uninitialised memory, so this is
    /// [`zeros`](Self::zeros), which costs the same (lazily zeroed pages).
    pub fn empty(shape: impl IntoShape) -> Result<Self> {
        Self::zeros(shape)
    }

    /// Zeros with the shape of `other` and its memory order when it is F-contiguous.
    pub fn zeros_like<U: Element>(other: &impl AsArrayView<U>) -> Result<Self> {
        let v = other.as_view();
        Self::zeros_order(v.shape(), like_order(&v))
    }

    /// Ones with the shape of `other`.
    pub fn ones_like<U: Element>(other: &impl AsArrayView<U>) -> Result<Self> {
        Self::full_like(other, T::one())
    }

    /// `value` with the shape of `other`.
    pub fn full_like<U: Element>(other: &impl AsArrayView<U>, value: T) -> Result<Self> {
        let v = other.as_view();
        Self::full_order(v.shape(), value, like_order(&v))
    }

    /// NumPy's `empty_like`: [`zeros_like`](Self::zeros_like).
    pub fn empty_like<U: Element>(other: &impl AsArrayView<U>) -> Result<Self> {
        Self::zeros_like(other)
    }

    /// An array taking ownership of `data` (no copy), read in C order as `shape`.
    ///
    /// ```
    /// use oxarray_core::Array;
    /// let a = Array::from_vec(vec![1, 2, 3, 4, 5, 6], [2, 3]).unwrap();
    /// assert_eq!(a.get(&[1, -1]).unwrap(), &6);
    /// assert!(Array::from_vec(vec![1, 2, 3], [2, 2]).is_err());
    /// ```
    pub fn from_vec(data: Vec<T>, shape: impl IntoShape) -> Result<Self> {
        Self::from_vec_order(data, shape, Order::C)
    }

    /// An array taking ownership of `data` (no copy), read in `order` as `shape`.
    pub fn from_vec_order(data: Vec<T>, shape: impl IntoShape, order: Order) -> Result<Self> {
        let shape = shape.into_dims();
        let expected = checked_size(&shape, std::mem::size_of::<T>())?;
        if expected != data.len() {
            return Err(Error::LengthMismatch {
                len: data.len(),
                shape: shape.to_vec(),
                expected,
            });
        }
        let storage = Storage::from_vec(data);
        // SAFETY: the vector holds exactly the contiguous elements of the layout.
        Ok(unsafe { Array::from_storage(Arc::new(storage), 0, Layout::contiguous(&shape, order)) })
    }

    /// A 0-dimensional array holding `value`.
    pub fn from_scalar(value: T) -> Self {
        Self::from_vec(vec![value], Dims::new()).expect("a scalar has one element")
    }

    /// A C-order array with `f(index)` at each multi-index.
    pub fn from_shape_fn(shape: impl IntoShape, mut f: impl FnMut(&[usize]) -> T) -> Result<Self> {
        let shape = shape.into_dims();
        Self::build(&shape, Order::C, |slots| {
            let mut index = Dims::from_elem(0, shape.len());
            for slot in slots.iter_mut() {
                slot.write(f(&index));
                for ax in (0..shape.len()).rev() {
                    index[ax] += 1;
                    if index[ax] < shape[ax] {
                        break;
                    }
                    index[ax] = 0;
                }
            }
        })
    }

    /// A copy of `view` in `order`, written by all cores for large arrays.
    pub fn from_view_in_order(view: &ArrayView<'_, T>, order: Order) -> Self {
        let result = match order {
            Order::C => Self::build(view.shape(), Order::C, |slots| {
                copy::copy_to_uninit_c(view, slots)
            }),
            Order::F => {
                // F order is C order of the reversed axes.
                let reversed = view.clone().into_t();
                Self::build(view.shape(), Order::F, |slots| {
                    copy::copy_to_uninit_c(&reversed, slots)
                })
            }
        };
        result.expect("the view's shape already describes allocated elements")
    }

    /// The array with a new shape (one entry may be `-1`), sharing the storage when the layout
    /// allows and copying otherwise.
    pub fn into_shape(self, shape: impl ReshapeArg) -> Result<Self> {
        let new_shape = resolve_reshape(self.len(), &shape.into_spec())?;
        match self.layout.reshaped(&new_shape, Order::C) {
            Some(layout) => Ok(Array { layout, ..self }),
            None => {
                let copy = Array::from_view_in_order(&self.view(), Order::C);
                Ok(Array {
                    layout: Layout::contiguous(&new_shape, Order::C),
                    ..copy
                })
            }
        }
    }

    /// A view of this array's storage as a new owned array sharing it (NumPy's view
    /// semantics, without a borrow): the result of basic slicing.
    pub fn slice_shared(&self, args: impl AsRef<[SliceArg]>) -> Result<Array<T>> {
        let (layout, offset) = apply_slice(&self.layout, args.as_ref())?;
        Ok(Array {
            storage: Arc::clone(&self.storage),
            // SAFETY: `apply_slice` returns an offset to an element of this array (or 0 for
            // an empty result), inside the storage (invariant 1).
            ptr: unsafe { NonNull::new_unchecked(self.ptr.as_ptr().offset(offset)) },
            layout,
        })
    }

    /// The storage behind the array.
    pub fn storage(&self) -> &Arc<Storage> {
        &self.storage
    }

    /// Whether another array shares this array's storage.
    pub fn is_shared(&self) -> bool {
        Arc::strong_count(&self.storage) > 1
    }

    /// Makes the storage exclusive and writable, copying it if it is shared or read-only
    /// (copy-on-write). Overlap cannot arise for an `Array`: no safe operation builds one.
    fn make_unique(&mut self) {
        let exclusive = Arc::get_mut(&mut self.storage).is_some_and(|s| s.is_writable());
        if !exclusive {
            let order = if self.is_f_contiguous() && !self.is_c_contiguous() {
                Order::F
            } else {
                Order::C
            };
            *self = Array::from_view_in_order(&self.view(), order);
        }
    }

    layout_queries!();
    mutating_ops!(make_unique);

    /// Wraps the array into the run-time-typed [`DynArray`](crate::DynArray).
    pub fn into_dyn(self) -> crate::DynArray {
        T::into_dyn(self)
    }

    /// The only element of a one-element array (NumPy's `item()`).
    pub fn item(&self) -> Result<T> {
        if self.len() != 1 {
            return Err(Error::invalid_argument(
                "array",
                format!("shape {:?}", self.shape()),
                "only size-1 arrays can be converted to a scalar",
            ));
        }
        Ok(*self.iter().next().expect("one element"))
    }
}

fn like_order<U: Element>(v: &ArrayView<'_, U>) -> Order {
    if v.is_f_contiguous() && !v.is_c_contiguous() {
        Order::F
    } else {
        Order::C
    }
}

impl<'a, T: Element> CowArray<'a, T> {
    /// A read-only view of the data.
    pub fn view(&self) -> ArrayView<'_, T> {
        match self {
            CowArray::View(v) => v.clone(),
            CowArray::Owned(a) => a.view(),
        }
    }

    /// Whether a copy was made.
    pub fn is_owned(&self) -> bool {
        matches!(self, CowArray::Owned(_))
    }

    /// An owned array (copies a borrowed view).
    pub fn into_owned(self) -> Array<T> {
        match self {
            CowArray::View(v) => v.to_owned(),
            CowArray::Owned(a) => a,
        }
    }

    /// Length of each axis.
    pub fn shape(&self) -> &[usize] {
        match self {
            CowArray::View(v) => v.shape(),
            CowArray::Owned(a) => a.shape(),
        }
    }

    /// Number of axes.
    pub fn ndim(&self) -> usize {
        self.shape().len()
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.shape().iter().product()
    }

    /// Whether the array has no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Whether the elements are laid out in C order with no gaps.
    pub fn is_c_contiguous(&self) -> bool {
        self.view().is_c_contiguous()
    }

    /// Whether the elements are laid out in Fortran order with no gaps.
    pub fn is_f_contiguous(&self) -> bool {
        self.view().is_f_contiguous()
    }
}

macro_rules! index_ops {
    ($ty:ty) => {
        impl<T: Element, const N: usize> std::ops::Index<[usize; N]> for $ty {
            type Output = T;
            /// # Panics
            /// When `N` differs from the number of axes or an index is out of bounds (the
            /// message names the index, axis and length); [`get`](Self::get) is the `Result`
            /// twin.
            #[track_caller]
            fn index(&self, index: [usize; N]) -> &T {
                let signed: [isize; N] = index.map(|i| i as isize);
                match self.get(&signed) {
                    Ok(v) => v,
                    Err(e) => panic!("{e}"),
                }
            }
        }
    };
}

index_ops!(Array<T>);
index_ops!(ArrayView<'_, T>);
index_ops!(ArrayViewMut<'_, T>);

macro_rules! index_mut_ops {
    ($ty:ty) => {
        impl<T: Element, const N: usize> std::ops::IndexMut<[usize; N]> for $ty {
            #[track_caller]
            fn index_mut(&mut self, index: [usize; N]) -> &mut T {
                let signed: [isize; N] = index.map(|i| i as isize);
                match self.get_mut(&signed) {
                    Ok(v) => v,
                    Err(e) => panic!("{e}"),
                }
            }
        }
    };
}

index_mut_ops!(Array<T>);
index_mut_ops!(ArrayViewMut<'_, T>);

macro_rules! debug_via_display {
    ($ty:ty) => {
        impl<T: Element> fmt::Debug for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                crate::display::fmt_repr(&self.view(), f)
            }
        }
        impl<T: Element> fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                crate::display::fmt_str(&self.view(), f)
            }
        }
    };
}

debug_via_display!(Array<T>);
debug_via_display!(ArrayView<'_, T>);
debug_via_display!(ArrayViewMut<'_, T>);

impl<T: Element, U: AsArrayView<T>> PartialEq<U> for Array<T> {
    /// Equal shapes and elementwise equal values (NumPy's `array_equal`).
    fn eq(&self, other: &U) -> bool {
        let other = other.as_view();
        self.shape() == other.shape() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}

impl<T: Element, U: AsArrayView<T>> PartialEq<U> for ArrayView<'_, T> {
    fn eq(&self, other: &U) -> bool {
        let other = other.as_view();
        self.shape() == other.shape() && self.iter().zip(other.iter()).all(|(a, b)| a == b)
    }
}
