//! [`Array`]: constructors, conversions and the copy-on-write storage.

use super::*;

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
