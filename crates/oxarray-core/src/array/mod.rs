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
use std::fmt;
use std::marker::PhantomData;
use std::mem::MaybeUninit;
use std::ptr::NonNull;
use std::sync::Arc;

#[macro_use]
mod methods;
mod owned;
mod traits;
mod views;

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

    /// The operand itself, when it is a temporary whose memory a result may take over: an
    /// `Array` passed by value, on an allocation of oxarray's own (no memory map, no foreign
    /// buffer) that nothing else shares. The elementwise engine then writes a result of the
    /// same type and shape over it instead of allocating, as NumPy elides temporaries
    /// (dense arrays only, so that results stay contiguous):
    /// `&x * 2.5 + 1.2` allocates once. Everything else gives itself back.
    #[doc(hidden)]
    fn into_reusable(self) -> std::result::Result<Array<T>, Self>
    where
        Self: Sized,
    {
        Err(self)
    }
}

impl<T: Element> AsArrayView<T> for Array<T> {
    fn as_view(&self) -> ArrayView<'_, T> {
        self.view()
    }

    fn into_reusable(mut self) -> std::result::Result<Array<T>, Self> {
        // Dense only: a result is contiguous, as a fresh one would be.
        let dense = self.is_c_contiguous() || self.is_f_contiguous();
        let reusable = dense
            && Arc::get_mut(&mut self.storage)
                .is_some_and(|s| s.is_writable() && s.is_own_allocation());
        if reusable { Ok(self) } else { Err(self) }
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
