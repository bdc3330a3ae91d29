//! What the elementwise entry points accept: any [`AsArrayView`] for inputs (an array, a view, a
//! reference to either, or a scalar, which is a 0-d operand that broadcasts) and
//! [`WriteArray`] (an array or a mutable view) for `out=`.
//!
//! The scalar impls of [`AsArrayView`] live here because a scalar is an array-like only for
//! elementwise work: `add(&x, 2.5)` is NumPy's `np.add(x, 2.5)`.

use crate::array::{Array, ArrayView, ArrayViewMut, AsArrayView};
use crate::element::{Complex32, Complex64};
use half::{bf16, f16};

macro_rules! scalar_array_like {
    ($($t:ty),*) => {$(
        impl AsArrayView<$t> for $t {
            /// The scalar as a 0-d view (it broadcasts against any shape).
            #[inline]
            fn as_view(&self) -> ArrayView<'_, $t> {
                ArrayView::from_slice(std::slice::from_ref(self), [0usize; 0])
                    .expect("one element fills a 0-d shape")
            }
        }
    )*};
}

scalar_array_like!(
    bool, i8, i16, i32, i64, u8, u16, u32, u64, f16, bf16, f32, f64, Complex32, Complex64
);

/// An output of an elementwise operation (`out=`): an owned array or a mutable view, written in
/// place.
///
/// ```
/// use oxarray_core::{array, Array, elementwise::{binary_into, ops::Add}};
/// let mut out = Array::<f64>::zeros([2]).unwrap();
/// binary_into(Add, &array![1.0, 2.0], 10.0, None, &mut out).unwrap();
/// assert_eq!(out.to_vec(), vec![11.0, 12.0]);
/// ```
pub trait WriteArray<T: crate::Element> {
    /// A mutable view of the whole target (an `Array` shared with clones copies first).
    fn write_view(&mut self) -> ArrayViewMut<'_, T>;
}

impl<T: crate::Element> WriteArray<T> for Array<T> {
    #[inline]
    fn write_view(&mut self) -> ArrayViewMut<'_, T> {
        self.view_mut()
    }
}

impl<T: crate::Element> WriteArray<T> for ArrayViewMut<'_, T> {
    #[inline]
    fn write_view(&mut self) -> ArrayViewMut<'_, T> {
        self.view_mut()
    }
}

impl<T: crate::Element, W: WriteArray<T> + ?Sized> WriteArray<T> for &mut W {
    #[inline]
    fn write_view(&mut self) -> ArrayViewMut<'_, T> {
        (**self).write_view()
    }
}
