//! [`ArrayView`] and [`ArrayViewMut`]: constructors and the consuming view transforms.

use super::*;

/// The view transforms of both view types, consuming the view and keeping its lifetime: each
/// is a layout function of `layout.rs` or `slice.rs` followed by the type's `with_layout`.
/// None of them maps two indices to one element (new axes have length one), so they suit the
/// mutable view as well; `broadcast_to` does not and stays with [`ArrayView`].
macro_rules! view_transforms {
    () => {
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

        /// [`reshape`](Self::reshape) without copying, consuming the view: an error when
        /// the new shape needs a copy.
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
    };
}

/// The C-order layout of a slice of `len` elements seen with `shape`; an error naming both
/// when the lengths differ.
fn slice_layout<T>(len: usize, shape: impl IntoShape) -> Result<Layout> {
    let shape = shape.into_dims();
    let expected = checked_size(&shape, std::mem::size_of::<T>())?;
    if expected != len {
        return Err(Error::LengthMismatch {
            len,
            shape: shape.to_vec(),
            expected,
        });
    }
    Ok(Layout::contiguous(&shape, Order::C))
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
        let layout = slice_layout::<T>(data.len(), shape)?;
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

    view_transforms!();

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
        let layout = slice_layout::<T>(data.len(), shape)?;
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

    view_transforms!();

    /// Pointer to element `[0, ..., 0]`, for writing.
    #[inline]
    pub fn as_mut_ptr(&mut self) -> *mut T {
        self.ptr.as_ptr()
    }
}
