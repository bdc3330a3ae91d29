//! The advanced-indexing methods of [`Array`], [`ArrayView`] and [`ArrayViewMut`].

use crate::array::{Array, ArrayView, ArrayViewMut, AsArrayView};
use crate::element::Element;
use crate::error::Result;
use crate::layout::{Order, normalize_axis, normalize_index};
use crate::slice::SliceArg;

use super::kernel::{self, Loop};
use super::mask;
use super::plan::Plan;
use super::{IndexArg, IndexArray};

/// `src[args]` as a new C-order array.
fn gather<T: Element>(src: &ArrayView<'_, T>, args: &[IndexArg<'_>]) -> Result<Array<T>> {
    if let [IndexArg::Mask(m)] = args
        && m.ndim() == src.ndim()
    {
        return mask::select(src, m);
    }
    let plan = Plan::new(src.layout(), args)?;
    let lp = Loop::new(&plan, None);
    // SAFETY: the plan was built from `src`'s layout with every index checked, so its offsets
    // are elements of `src` (invariant 1); `build` hands a slot slice of the plan's size.
    Array::build(&plan.shape, Order::C, |slots| unsafe {
        kernel::gather(&lp, src.as_ptr(), slots)
    })
}

/// `dst[args] = values`, `values` broadcast to the indexed shape.
fn scatter<T: Element>(
    dst: &mut ArrayViewMut<'_, T>,
    args: &[IndexArg<'_>],
    values: &ArrayView<'_, T>,
) -> Result<()> {
    if let [IndexArg::Mask(m)] = args
        && m.ndim() == dst.ndim()
    {
        return mask::assign(dst, m, values);
    }
    let plan = Plan::new(dst.layout(), args)?;
    let values = values.clone().into_broadcast_to(&plan.shape[..])?;
    let lp = Loop::new(&plan, Some(values.strides()));
    // SAFETY: plan offsets are checked elements of `dst`, which the `&mut` borrow holds
    // exclusively (invariant 3); `values` is a separate shared borrow and so cannot alias it,
    // and the loop's extra strides are its own (broadcast) strides.
    unsafe { kernel::scatter(&lp, dst.as_mut_ptr(), values.as_ptr()) };
    Ok(())
}

/// The arguments `[:, ..., :, indices]` that select along `axis`.
fn along_axis<'b>(indices: IndexArray<'b>, axis: usize) -> Vec<IndexArg<'b>> {
    let mut args = vec![IndexArg::Basic(SliceArg::FULL); axis];
    args.push(IndexArg::Int(indices));
    args
}

fn take_impl<T: Element>(
    src: ArrayView<'_, T>,
    indices: IndexArray<'_>,
    axis: Option<isize>,
) -> Result<Array<T>> {
    match axis {
        None => gather(&src.ravel().view(), &[IndexArg::Int(indices)]),
        Some(axis) => {
            let axis = normalize_axis(axis, src.ndim())?;
            gather(&src, &along_axis(indices, axis))
        }
    }
}

fn compress_impl<T: Element>(
    src: ArrayView<'_, T>,
    condition: &[bool],
    axis: Option<isize>,
) -> Result<Array<T>> {
    // NumPy: take(a, condition.nonzero()[0], axis); a true entry past the end is an index
    // out of bounds.
    let positions: Vec<isize> = (0..condition.len() as isize)
        .filter(|&i| condition[i as usize])
        .collect();
    take_impl(src, IndexArray::from(&positions[..]), axis)
}

fn nonzero_impl<T: Element>(src: ArrayView<'_, T>) -> Vec<Array<i64>> {
    let shape = src.shape().to_vec();
    let ndim = shape.len().max(1);
    let mut coords: Vec<Vec<i64>> = vec![Vec::new(); ndim];
    let mut index = vec![0usize; shape.len()];
    let zero = T::zero();
    for &x in src.iter() {
        if x != zero {
            if shape.is_empty() {
                coords[0].push(0);
            }
            for (c, &i) in coords.iter_mut().zip(&index) {
                c.push(i as i64);
            }
        }
        for ax in (0..shape.len()).rev() {
            index[ax] += 1;
            if index[ax] < shape[ax] {
                break;
            }
            index[ax] = 0;
        }
    }
    coords
        .into_iter()
        .map(|c| {
            let n = c.len();
            Array::from_vec(c, [n]).expect("a vector fits its own length")
        })
        .collect()
}

fn put_impl<T: Element>(
    dst: &mut ArrayViewMut<'_, T>,
    indices: IndexArray<'_>,
    values: &ArrayView<'_, T>,
) -> Result<()> {
    let size = dst.len();
    let shape = dst.shape().to_vec();
    let offsets = indices
        .values()
        .into_iter()
        .map(|i| {
            let flat = normalize_index(i, size, 0)?;
            let multi = crate::iter::unravel(flat, &shape);
            Ok(dst.layout().offset_of(&multi))
        })
        .collect::<Result<Vec<isize>>>()?;
    let values = values.to_vec();
    if values.is_empty() {
        // NumPy's `put` does nothing when there are no values.
        return Ok(());
    }
    let ptr = dst.as_mut_ptr();
    for (k, off) in offsets.into_iter().enumerate() {
        // SAFETY: each offset comes from an index checked against the size and unravelled
        // within the shape, so it is an element of `dst`, held exclusively (invariants 1, 3).
        unsafe { *ptr.offset(off) = values[k % values.len()] };
    }
    Ok(())
}

/// Methods that read: on `Array`, `ArrayView` and `ArrayViewMut`.
macro_rules! read_methods {
    () => {
        /// Advanced indexing (NumPy's `a[...]` with index arrays or masks): a new C-order
        /// array. See the [`index`](crate::index) module for the rules and [`idx!`](crate::idx) for
        /// building `args`. Without index arrays or masks it copies the basic slice.
        ///
        /// # Errors
        /// [`Error::IndexOutOfBounds`](crate::Error::IndexOutOfBounds), [`Error::MaskMismatch`](crate::Error::MaskMismatch), [`Error::TooManyIndices`](crate::Error::TooManyIndices),
        /// [`Error::IndexShapeMismatch`](crate::Error::IndexShapeMismatch) (index arrays that do not broadcast), [`Error::MultipleEllipsis`](crate::Error::MultipleEllipsis), and slicing
        /// errors as for [`slice`](Self::slice).
        ///
        /// ```
        /// use oxarray_core::{idx, s, Array, NewAxis};
        /// let m = Array::<f64>::arange(0.0, 100.0, 1.0)?.into_shape([10, 10])?;
        /// let rows = Array::<i64>::arange(0, 10, 2)?;
        /// let cols = Array::<i64>::arange(0, 10, 2)?;
        /// // NumPy: m[rows[:, None], cols]
        /// let sub = m.index(idx![rows.slice(s![.., NewAxis])?, &cols])?;
        /// assert_eq!(sub.shape(), &[5, 5]);
        /// assert_eq!(sub[[1, 2]], 24.0);
        /// # Ok::<(), oxarray_core::Error>(())
        /// ```
        pub fn index<'b>(&self, args: impl AsRef<[IndexArg<'b>]>) -> Result<Array<T>> {
            gather(&self.view(), args.as_ref())
        }

        /// Elements at `indices` along `axis`, or of the flattened array when `axis` is
        /// `None` (NumPy's `take`, mode `'raise'`). The result's shape is the array's with
        /// axis `axis` replaced by the shape of `indices`.
        ///
        /// ```
        /// use oxarray_core::array;
        /// let a = array![[1, 2, 3], [4, 5, 6]];
        /// assert_eq!(a.take(&[2, 0], Some(1))?.to_vec(), vec![3, 1, 6, 4]);
        /// assert_eq!(a.take(&[-1, 0], None)?.to_vec(), vec![6, 1]);
        /// # Ok::<(), oxarray_core::Error>(())
        /// ```
        pub fn take<'b>(
            &self,
            indices: impl Into<IndexArray<'b>>,
            axis: Option<isize>,
        ) -> Result<Array<T>> {
            take_impl(self.view(), indices.into(), axis)
        }

        /// The slices along `axis` (the flattened elements when `None`) where `condition` is
        /// true (NumPy's `compress`). A shorter condition counts as false past its end; a
        /// true entry past the end of the axis is [`Error::IndexOutOfBounds`](crate::Error::IndexOutOfBounds).
        ///
        /// ```
        /// use oxarray_core::array;
        /// let a = array![[1, 2], [3, 4], [5, 6]];
        /// assert_eq!(a.compress(&[false, true, true], Some(0))?.to_vec(), vec![3, 4, 5, 6]);
        /// assert_eq!(a.compress(&[false, true], None)?.to_vec(), vec![2]);
        /// # Ok::<(), oxarray_core::Error>(())
        /// ```
        pub fn compress(&self, condition: &[bool], axis: Option<isize>) -> Result<Array<T>> {
            compress_impl(self.view(), condition, axis)
        }

        /// The elements where `mask` is true, in C order (NumPy's `a[mask]`): 1-D when the
        /// mask has the array's shape; a mask over the leading axes selects sub-arrays.
        ///
        /// ```
        /// use oxarray_core::array;
        /// let a = array![[1, -2], [-3, 4]];
        /// let mask = a.view().map(|x| x > 0);
        /// assert_eq!(a.mask_select(&mask)?.to_vec(), vec![1, 4]);
        /// # Ok::<(), oxarray_core::Error>(())
        /// ```
        pub fn mask_select(&self, mask: &impl AsArrayView<bool>) -> Result<Array<T>> {
            gather(&self.view(), &[IndexArg::Mask(mask.as_view())])
        }

        /// The indices of the non-zero elements (`true` for bool), one 1-D array per axis
        /// (NumPy's `nonzero`). A 0-d array is treated as 1-D (`atleast_1d`).
        ///
        /// ```
        /// use oxarray_core::array;
        /// let a = array![[0, 7], [3, 0]];
        /// let nz = a.nonzero();
        /// assert_eq!(nz[0].to_vec(), vec![0, 1]);
        /// assert_eq!(nz[1].to_vec(), vec![1, 0]);
        /// ```
        pub fn nonzero(&self) -> Vec<Array<i64>> {
            nonzero_impl(self.view())
        }
    };
}

/// Methods that write: on `Array` (after copy-on-write) and `ArrayViewMut`.
macro_rules! write_methods {
    () => {
        /// Assignment through advanced indexing (NumPy's `a[...] = values`): `values` is
        /// broadcast to the shape `self.index(args)` would have. Where an element is indexed
        /// more than once, the last assignment in C order wins.
        ///
        /// ```
        /// use oxarray_core::{array, idx};
        /// let mut a = array![[0, 0, 0], [0, 0, 0]];
        /// a.index_assign(idx![&[1, 0], &[2, 0]], &array![7, 8])?;
        /// assert_eq!(a.to_vec(), vec![8, 0, 0, 0, 0, 7]);
        /// # Ok::<(), oxarray_core::Error>(())
        /// ```
        pub fn index_assign<'b>(
            &mut self,
            args: impl AsRef<[IndexArg<'b>]>,
            values: &impl AsArrayView<T>,
        ) -> Result<()> {
            scatter(&mut self.view_mut(), args.as_ref(), &values.as_view())
        }

        /// Sets the elements that `args` select to `value` (NumPy's `a[...] = value`).
        pub fn index_fill<'b>(&mut self, args: impl AsRef<[IndexArg<'b>]>, value: T) -> Result<()> {
            let value = Array::from_scalar(value);
            scatter(&mut self.view_mut(), args.as_ref(), &value.view())
        }

        /// Sets the elements where `mask` is true from `values`, broadcast to the shape
        /// [`mask_select`](Self::mask_select) would return (NumPy's `a[mask] = values`).
        pub fn mask_assign(
            &mut self,
            mask: &impl AsArrayView<bool>,
            values: &impl AsArrayView<T>,
        ) -> Result<()> {
            scatter(
                &mut self.view_mut(),
                &[IndexArg::Mask(mask.as_view())],
                &values.as_view(),
            )
        }

        /// Sets the elements where `mask` is true to `value` (NumPy's `a[mask] = value`).
        ///
        /// ```
        /// use oxarray_core::array;
        /// let mut a = array![1.0, -2.0, 3.0, -4.0];
        /// let negative = a.view().map(|x| x < 0.0);
        /// a.mask_fill(&negative, 0.0)?;
        /// assert_eq!(a.to_vec(), vec![1.0, 0.0, 3.0, 0.0]);
        /// # Ok::<(), oxarray_core::Error>(())
        /// ```
        pub fn mask_fill(&mut self, mask: &impl AsArrayView<bool>, value: T) -> Result<()> {
            let value = Array::from_scalar(value);
            scatter(
                &mut self.view_mut(),
                &[IndexArg::Mask(mask.as_view())],
                &value.view(),
            )
        }

        /// Sets the elements at flat (C-order) positions `indices` to `values`, cycling
        /// through `values` in C order when it is shorter (NumPy's `put`, mode `'raise'`).
        /// Out-of-range positions are [`Error::IndexOutOfBounds`](crate::Error::IndexOutOfBounds) (axis 0, the size); nothing
        /// is written then.
        ///
        /// ```
        /// use oxarray_core::array;
        /// let mut a = array![[0, 0, 0], [0, 0, 0]];
        /// a.put(&[0, 4, -1], &array![5, 6])?;
        /// assert_eq!(a.to_vec(), vec![5, 0, 0, 0, 6, 5]);
        /// # Ok::<(), oxarray_core::Error>(())
        /// ```
        pub fn put<'b>(
            &mut self,
            indices: impl Into<IndexArray<'b>>,
            values: &impl AsArrayView<T>,
        ) -> Result<()> {
            put_impl(&mut self.view_mut(), indices.into(), &values.as_view())
        }
    };
}

impl<T: Element> Array<T> {
    read_methods!();
    write_methods!();
}

impl<T: Element> ArrayView<'_, T> {
    read_methods!();
}

impl<T: Element> ArrayViewMut<'_, T> {
    read_methods!();
    write_methods!();
}
