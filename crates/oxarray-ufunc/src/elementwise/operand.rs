//! What the ufunc entry points accept: [`Operand`] (an array, a view, a reference to either, or
//! a scalar) for inputs and [`WriteArray`] (an array or a mutable view) for `out=`.

use oxarray_core::{Array, ArrayView, ArrayViewMut, Complex32, Complex64, CowArray, Element};
use oxarray_core::{bf16, f16};

/// An input of a ufunc: any array type of element `T`, a reference to one, or a scalar `T`
/// (a 0-d operand that broadcasts, NumPy's `np.add(x, 2.5)`).
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::{add, multiply};
/// let x = array![1.0, 2.0];
/// assert_eq!(add(&x, 1.0).unwrap().to_vec(), vec![2.0, 3.0]);
/// assert_eq!(multiply(2.0, x.view()).unwrap().to_vec(), vec![2.0, 4.0]);
/// ```
pub trait Operand<T: Element> {
    /// A read-only view of the operand (0-d for a scalar).
    fn operand_view(&self) -> ArrayView<'_, T>;
}

macro_rules! array_operands {
    ($($ty:ty),*) => {$(
        impl<T: Element> Operand<T> for $ty {
            #[inline]
            fn operand_view(&self) -> ArrayView<'_, T> {
                self.view()
            }
        }
    )*};
}

array_operands!(
    Array<T>,
    &Array<T>,
    &mut Array<T>,
    ArrayView<'_, T>,
    &ArrayView<'_, T>,
    ArrayViewMut<'_, T>,
    &ArrayViewMut<'_, T>,
    &mut ArrayViewMut<'_, T>,
    CowArray<'_, T>,
    &CowArray<'_, T>
);

macro_rules! scalar_operands {
    ($($t:ty),*) => {$(
        impl Operand<$t> for $t {
            #[inline]
            fn operand_view(&self) -> ArrayView<'_, $t> {
                ArrayView::from_slice(std::slice::from_ref(self), [0usize; 0])
                    .expect("one element fills a 0-d shape")
            }
        }
    )*};
}

scalar_operands!(
    bool, i8, i16, i32, i64, u8, u16, u32, u64, f16, bf16, f32, f64, Complex32, Complex64
);

/// An output of a ufunc (`out=`): an owned array or a mutable view, written in place.
pub trait WriteArray<T: Element> {
    /// A mutable view of the whole target (an `Array` shared with clones copies first).
    fn write_view(&mut self) -> ArrayViewMut<'_, T>;
}

impl<T: Element> WriteArray<T> for Array<T> {
    #[inline]
    fn write_view(&mut self) -> ArrayViewMut<'_, T> {
        self.view_mut()
    }
}

impl<T: Element> WriteArray<T> for ArrayViewMut<'_, T> {
    #[inline]
    fn write_view(&mut self) -> ArrayViewMut<'_, T> {
        self.view_mut()
    }
}

impl<T: Element, W: WriteArray<T> + ?Sized> WriteArray<T> for &mut W {
    #[inline]
    fn write_view(&mut self) -> ArrayViewMut<'_, T> {
        (**self).write_view()
    }
}
