//! The NumPy methods of the arrays that belong to the shape and selection functions:
//! `byte_strides` (NumPy's `strides`, in bytes), `clip`, `repeat`, `diagonal`, `choose`.

use crate::array::{Array, ArrayView, ArrayViewMut, AsArrayView, CowArray};
use crate::element::Element;
use crate::error::Result;

macro_rules! shape_methods {
    () => {
        /// The strides in bytes, as NumPy's `ndarray.strides` reports them
        /// ([`strides`](Self::strides) counts elements).
        ///
        /// ```
        /// use oxarray_core::Array;
        /// let a = Array::<f64>::zeros([3, 4])?;
        /// assert_eq!(a.byte_strides(), vec![32, 8]);
        /// # Ok::<(), oxarray_core::Error>(())
        /// ```
        pub fn byte_strides(&self) -> Vec<isize> {
            let v = self.as_view();
            let size = std::mem::size_of::<T>() as isize;
            v.strides().iter().map(|&s| s * size).collect()
        }

        /// NumPy's `a.repeat(repeats, axis)`: see [`repeat`](crate::rearrange::repeat).
        ///
        /// ```
        /// use oxarray_core::array;
        /// assert_eq!(array![1, 2].repeat(2, None)?.to_vec(), vec![1, 1, 2, 2]);
        /// # Ok::<(), oxarray_core::Error>(())
        /// ```
        pub fn repeat(
            &self,
            repeats: impl Into<crate::rearrange::Repeats>,
            axis: Option<isize>,
        ) -> Result<Array<T>> {
            crate::rearrange::repeat(&self.as_view(), repeats, axis)
        }

        /// NumPy's `a.diagonal(offset, axis1, axis2)`: a view, see
        /// [`diagonal`](crate::diagonal::diagonal).
        ///
        /// ```
        /// use oxarray_core::array;
        /// let m = array![[1, 2], [3, 4]];
        /// assert_eq!(m.diagonal(0, 0, 1)?.to_vec(), vec![1, 4]);
        /// # Ok::<(), oxarray_core::Error>(())
        /// ```
        pub fn diagonal(
            &self,
            offset: isize,
            axis1: isize,
            axis2: isize,
        ) -> Result<ArrayView<'_, T>> {
            crate::diagonal::diagonal_of(self.as_view(), offset, axis1, axis2)
        }
    };
}

macro_rules! ordered_methods {
    () => {
        /// NumPy's `a.clip(a_min, a_max)`: see [`clip`](crate::select::clip).
        ///
        /// ```
        /// use oxarray_core::array;
        /// assert_eq!(array![1, 5, 9].clip(Some(&2), Some(&6))?.to_vec(), vec![2, 5, 6]);
        /// # Ok::<(), oxarray_core::Error>(())
        /// ```
        pub fn clip(
            &self,
            a_min: crate::select::Bound<'_, T>,
            a_max: crate::select::Bound<'_, T>,
        ) -> Result<Array<T>> {
            crate::select::clip(self.as_view(), a_min, a_max)
        }
    };
}

impl<T: Element> Array<T> {
    shape_methods!();
}
impl<T: Element> ArrayView<'_, T> {
    shape_methods!();
}
impl<T: Element> ArrayViewMut<'_, T> {
    shape_methods!();
}
impl<T: Element> CowArray<'_, T> {
    shape_methods!();
}
impl<T: Element + PartialOrd> Array<T> {
    ordered_methods!();
}
impl<T: Element + PartialOrd> ArrayView<'_, T> {
    ordered_methods!();
}
impl<T: Element + PartialOrd> ArrayViewMut<'_, T> {
    ordered_methods!();
}

impl Array<i64> {
    /// NumPy's `a.choose(choices, mode)` of an index array: see
    /// [`choose`](crate::select::choose).
    ///
    /// ```
    /// use oxarray_core::{array, select::ChooseMode};
    /// let pick = array![1i64, 0];
    /// let c = pick.choose(&[array![1, 2], array![3, 4]], ChooseMode::Raise)?;
    /// assert_eq!(c.to_vec(), vec![3, 2]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn choose<T: Element, A: AsArrayView<T>>(
        &self,
        choices: &[A],
        mode: crate::select::ChooseMode,
    ) -> Result<Array<T>> {
        crate::select::choose(self.view(), choices, mode)
    }
}
