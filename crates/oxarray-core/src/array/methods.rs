//! The methods the three array types share, written once as macros that each type's `impl`
//! block expands: queries and read-only views (`layout_queries!`), writes (`mutating_ops!`).

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
