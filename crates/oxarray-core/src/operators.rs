//! Arithmetic operators on arrays: `+ - * / %` and unary `-` between arrays, views and
//! scalars (in both orders), and `+= -= *= /= %=` in place, all with NumPy's broadcasting and
//! NumPy's scalar semantics.
//!
//! | NumPy | oxarray |
//! |---|---|
//! | `c = a + b` | `let c = &a + &b;` (or `a.view() + b.view()`, `&a + b`, ...) |
//! | `y = 2.5 * x + 1.2` | `let y = 2.5 * &x + 1.2;` (two passes, as NumPy; see below) |
//! | `z = m - m.mean(0)` | `let z = &m - &mu;` (`mu` broadcasts over the rows) |
//! | `x += 1`, `x *= y` | `x += 1.0;`, `x *= &y;` (in place, `y` broadcast to `x`'s shape) |
//! | `x[::2] -= 1` | `let mut v = x.slice_mut(s![..;2])?; v -= 1.0;` |
//! | `-x`, `x % 3` | `-&x`, `&x % 3` |
//!
//! ```
//! use oxarray_core::{array, Array};
//!
//! let m = array![[1.0f64, 2.0, 3.0], [4.0, 5.0, 6.0]];   // (a typed literal: see below)
//! let row = array![10.0, 20.0, 30.0];
//! let s = &m + &row;                                   // broadcasting
//! assert_eq!(s.to_vec(), vec![11.0, 22.0, 33.0, 14.0, 25.0, 36.0]);
//! let y = 2.0 * &m - 1.0;                              // scalars on either side
//! assert_eq!(y.to_vec(), vec![1.0, 3.0, 5.0, 7.0, 9.0, 11.0]);
//! let mut x = Array::<f64>::ones([2, 3])?;
//! x *= &row;                                           // in place, broadcast
//! x += 1.0;
//! assert_eq!(x.to_vec(), vec![11.0, 21.0, 31.0, 11.0, 21.0, 31.0]);
//! // Integer arrays: `/` is true division (float64), `%` rounds as Python, overflow wraps.
//! let i = array![7i32, -7, 2147483647];
//! assert_eq!((&i / 2).to_vec(), vec![3.5, -3.5, 1073741823.5]);
//! assert_eq!((&i % 3).to_vec(), vec![1, 2, 1]);
//! assert_eq!((&i + 1).to_vec(), vec![8, -6, i32::MIN]);
//! # Ok::<(), oxarray_core::Error>(())
//! ```
//!
//! A scalar on the left (`2.0 * &m`) needs the array's element type to be known at that point:
//! arrays from functions are typed, but a literal `array![1.0, 2.0]` is not until its first
//! use, so write `array![1.0f64, 2.0]` there.
//!
//! # One engine
//! Every operator is one call of the elementwise engine ([`crate::elementwise`]) with the op
//! type of the NumPy ufunc it stands for: `&a + &b` is `binary(ops::Add, &a, &b)`, `x *= 5.0`
//! is `binary_inplace(ops::Multiply, &mut x, 5.0, None)`, `-&a` is `unary(ops::Negative, &a)`.
//! So `&a + &b` and `oxarray_ufunc::add(&a, &b)` give the same bits, the same result strides
//! (NumPy's `order='K'`), the same SIMD kernels and the same thread split; the result dtype is
//! the ufunc's (`Divide` of integers gives `f64`, `+` of bools is `or`, `-` of bools does not
//! exist, as in NumPy).
//!
//! # Panics and the fallible forms
//! Operators cannot return an error, so shapes that do not broadcast panic with the
//! message of [`Error::BroadcastMismatch`](crate::Error::BroadcastMismatch) (in place:
//! [`Error::BroadcastTo`](crate::Error::BroadcastTo)), naming the shapes, as `ndarray`'s
//! operators do. The engine's entry points ([`binary`], [`binary_inplace`], and the
//! NumPy-named functions of `oxarray-ufunc`: `add`, `add_into`, ...) return the error instead.
//!
//! # Speed
//! Each operator is one pass over memory (broadcast, axes merged, contiguous runs in SIMD, all
//! cores above [`PARALLEL_MIN_ELEMENTS`](crate::parallel::PARALLEL_MIN_ELEMENTS) elements);
//! results are written into fresh memory with no zeroing pass. A line of several operators
//! makes one pass and one temporary per operator, as NumPy does: the fused expressions of
//! `oxarray-ufunc` (`lazy(&x) * 2.5 + 1.2`) evaluate a whole line in one pass instead.

use std::ops::{
    Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Rem, RemAssign, Sub, SubAssign,
};

use half::{bf16, f16};

use crate::array::{Array, ArrayView, ArrayViewMut, AsArrayView};
use crate::element::{Complex32, Complex64, Element};
use crate::elementwise::ops::{self, BinaryOp, UnaryOp};
use crate::elementwise::{binary, binary_inplace, unary};
use crate::error::Result;

#[track_caller]
fn or_panic<T>(r: Result<T>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

/// The array types an operator accepts on either side, by value or reference.
macro_rules! array_operands {
    ($mac:ident) => {
        $mac!([T] Array<T>);
        $mac!([T] &Array<T>);
        $mac!(['a, T] ArrayView<'a, T>);
        $mac!(['a, T] &ArrayView<'a, T>);
        $mac!(['a, T] ArrayViewMut<'a, T>);
        $mac!(['a, T] &ArrayViewMut<'a, T>);
    };
}

/// `impl $Trait<$rhs> for $lhs` as the engine's binary op `$op`.
macro_rules! binary_operator {
    ([$($g:tt)*] $lhs:ty, $rhs:ty, $Trait:ident $method:ident $op:ident $(, $scalar:ident)?) => {
        impl<$($g)*> $Trait<$rhs> for $lhs
        where
            T: Element $(+ AsArrayView<$scalar>)?,
            ops::$op: BinaryOp<T>,
        {
            type Output = Array<<ops::$op as BinaryOp<T>>::Output>;
            #[track_caller]
            fn $method(self, rhs: $rhs) -> Self::Output {
                or_panic(binary(ops::$op, self, rhs))
            }
        }
    };
}

/// The five binary operators between `$lhs` and `$rhs`.
macro_rules! binary_operators {
    ([$($g:tt)*] $lhs:ty, $rhs:ty $(, $scalar:ident)?) => {
        binary_operator!([$($g)*] $lhs, $rhs, Add add Add $(, $scalar)?);
        binary_operator!([$($g)*] $lhs, $rhs, Sub sub Subtract $(, $scalar)?);
        binary_operator!([$($g)*] $lhs, $rhs, Mul mul Multiply $(, $scalar)?);
        binary_operator!([$($g)*] $lhs, $rhs, Div div Divide $(, $scalar)?);
        binary_operator!([$($g)*] $lhs, $rhs, Rem rem Remainder $(, $scalar)?);
    };
}

/// Every operator with `$lhs` on the left: each array type on the right, a scalar on the
/// right, and unary minus.
macro_rules! operators_for_lhs {
    ([$($g:tt)*] $lhs:ty) => {
        binary_operators!([$($g)*] $lhs, Array<T>);
        binary_operators!(['r, $($g)*] $lhs, &'r Array<T>);
        binary_operators!(['r, $($g)*] $lhs, ArrayView<'r, T>);
        binary_operators!(['r, 's, $($g)*] $lhs, &'s ArrayView<'r, T>);
        binary_operators!(['r, $($g)*] $lhs, ArrayViewMut<'r, T>);
        binary_operators!(['r, 's, $($g)*] $lhs, &'s ArrayViewMut<'r, T>);
        binary_operators!([$($g)*] $lhs, T, T);

        impl<$($g)*> Neg for $lhs
        where
            T: Element,
            ops::Negative: UnaryOp<T>,
        {
            type Output = Array<<ops::Negative as UnaryOp<T>>::Output>;
            #[track_caller]
            fn neg(self) -> Self::Output {
                or_panic(unary(ops::Negative, self))
            }
        }
    };
}
array_operands!(operators_for_lhs);

/// `scalar op array` for each scalar type (the orphan rules forbid a blanket impl over the
/// left operand).
macro_rules! scalar_left_operators {
    ($($t:ty),*) => {$(
        scalar_left_operators!(@each $t; [] Array<$t>);
        scalar_left_operators!(@each $t; ['a] &'a Array<$t>);
        scalar_left_operators!(@each $t; ['a] ArrayView<'a, $t>);
        scalar_left_operators!(@each $t; ['a, 'b] &'b ArrayView<'a, $t>);
        scalar_left_operators!(@each $t; ['a] ArrayViewMut<'a, $t>);
        scalar_left_operators!(@each $t; ['a, 'b] &'b ArrayViewMut<'a, $t>);
    )*};
    (@each $t:ty; [$($g:tt)*] $rhs:ty) => {
        scalar_left_operators!(@one $t; [$($g)*] $rhs; Add add Add);
        scalar_left_operators!(@one $t; [$($g)*] $rhs; Sub sub Subtract);
        scalar_left_operators!(@one $t; [$($g)*] $rhs; Mul mul Multiply);
        scalar_left_operators!(@one $t; [$($g)*] $rhs; Div div Divide);
    };
    (@one $t:ty; [$($g:tt)*] $rhs:ty; $Trait:ident $method:ident $op:ident) => {
        impl<$($g)*> $Trait<$rhs> for $t {
            type Output = Array<<ops::$op as BinaryOp<$t>>::Output>;
            #[track_caller]
            fn $method(self, rhs: $rhs) -> Self::Output {
                or_panic(binary(ops::$op, self, rhs))
            }
        }
    };
}
scalar_left_operators!(
    i8, i16, i32, i64, u8, u16, u32, u64, f16, bf16, f32, f64, Complex32, Complex64
);

macro_rules! scalar_left_rem {
    ($($t:ty),*) => {$(
        scalar_left_operators!(@one $t; [] Array<$t>; Rem rem Remainder);
        scalar_left_operators!(@one $t; ['a] &'a Array<$t>; Rem rem Remainder);
        scalar_left_operators!(@one $t; ['a] ArrayView<'a, $t>; Rem rem Remainder);
        scalar_left_operators!(@one $t; ['a, 'b] &'b ArrayView<'a, $t>; Rem rem Remainder);
        scalar_left_operators!(@one $t; ['a] ArrayViewMut<'a, $t>; Rem rem Remainder);
        scalar_left_operators!(@one $t; ['a, 'b] &'b ArrayViewMut<'a, $t>; Rem rem Remainder);
    )*};
}
scalar_left_rem!(i8, i16, i32, i64, u8, u16, u32, u64, f16, bf16, f32, f64);

/// `impl $Trait<$rhs> for $dst` as the engine's in-place binary op `$op`.
macro_rules! assign_operator {
    ([$($g:tt)*] $dst:ty, $rhs:ty, $Trait:ident $method:ident $op:ident $(, $scalar:ident)?) => {
        impl<$($g)*> $Trait<$rhs> for $dst
        where
            T: Element $(+ AsArrayView<$scalar>)?,
            ops::$op: BinaryOp<T, Output = T>,
        {
            #[track_caller]
            fn $method(&mut self, rhs: $rhs) {
                or_panic(binary_inplace(ops::$op, self, rhs, None))
            }
        }
    };
}

/// The five in-place operators on a destination of type `$dst` (an `Array`, which copies
/// first when its storage is shared, or a mutable view, which writes through to its base).
macro_rules! assign_operators_for {
    ([$($g:tt)*] $dst:ty) => {
        assign_operators_for!(@rhs [$($g)*] $dst; Array<T>);
        assign_operators_for!(@rhs ['r, $($g)*] $dst; &'r Array<T>);
        assign_operators_for!(@rhs ['r, $($g)*] $dst; ArrayView<'r, T>);
        assign_operators_for!(@rhs ['r, 's, $($g)*] $dst; &'s ArrayView<'r, T>);
        assign_operators_for!(@rhs ['r, 's, $($g)*] $dst; &'s ArrayViewMut<'r, T>);
        assign_operators_for!(@rhs [$($g)*] $dst; T, T);
    };
    (@rhs [$($g:tt)*] $dst:ty; $rhs:ty $(, $scalar:ident)?) => {
        assign_operator!([$($g)*] $dst, $rhs, AddAssign add_assign Add $(, $scalar)?);
        assign_operator!([$($g)*] $dst, $rhs, SubAssign sub_assign Subtract $(, $scalar)?);
        assign_operator!([$($g)*] $dst, $rhs, MulAssign mul_assign Multiply $(, $scalar)?);
        assign_operator!([$($g)*] $dst, $rhs, DivAssign div_assign Divide $(, $scalar)?);
        assign_operator!([$($g)*] $dst, $rhs, RemAssign rem_assign Remainder $(, $scalar)?);
    };
}
assign_operators_for!([T] Array<T>);
assign_operators_for!(['a, T] ArrayViewMut<'a, T>);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::s;

    #[test]
    fn operators_broadcast_and_follow_layouts() {
        let a = Array::from_vec((0..6).map(f64::from).collect(), [2, 3]).unwrap();
        let col = Array::from_vec(vec![10.0, 20.0], [2, 1]).unwrap();
        assert_eq!((&a + &col).to_vec(), vec![10., 11., 12., 23., 24., 25.]);
        assert_eq!((&col - &a).shape(), &[2, 3]);
        // A transposed (F-ordered) operand gives an F-ordered result with the same values,
        // with a scalar as with an array (NumPy's order='K').
        let t = a.t();
        let r = &t * 2.0;
        assert_eq!(r.shape(), &[3, 2]);
        assert!(r.is_f_contiguous());
        assert_eq!(r.to_vec(), vec![0., 6., 2., 8., 4., 10.]);
        assert!((-&t).is_f_contiguous());
        let r2 = &t * &t;
        assert!(r2.is_f_contiguous());
        assert_eq!(r2.to_vec(), vec![0., 9., 1., 16., 4., 25.]);
        // Reversed and stepped views.
        let rev = a.slice(s![..;-1, ..;2]).unwrap();
        assert_eq!((&rev + 1.0).to_vec(), vec![4., 6., 1., 3.]);
        assert_eq!((-&rev).to_vec(), vec![-3., -5., -0., -2.]);
        assert_eq!((1.0 - &rev).to_vec(), vec![-2., -4., 1., -1.]);
    }

    #[test]
    fn in_place_operators_write_through_views() {
        let mut a = Array::<i64>::zeros([3, 4]).unwrap();
        let shared = a.clone();
        {
            let mut v = a.slice_mut(s![.., 1..;2]).unwrap();
            v += 5;
            v *= &Array::from_vec(vec![1i64, 2], [2]).unwrap();
        }
        assert_eq!(a.to_vec(), vec![0, 5, 0, 10, 0, 5, 0, 10, 0, 5, 0, 10]);
        // Copy-on-write: the clone taken before the writes is unchanged.
        assert_eq!(shared.to_vec(), vec![0; 12]);
        let copy = a.clone();
        a -= &copy;
        assert_eq!(a.to_vec(), vec![0; 12]);
        let mut f = Array::<f64>::ones([2, 2]).unwrap();
        f /= 4.0;
        f %= 0.2;
        assert!(f.iter().all(|&x| (x - 0.05).abs() < 1e-12));
    }

    #[test]
    fn result_dtypes_are_the_ufuncs() {
        let i = Array::from_vec(vec![7i32, -7], [2]).unwrap();
        let q: Array<f64> = &i / 2;
        assert_eq!(q.to_vec(), vec![3.5, -3.5]);
        let b = Array::from_vec(vec![true, false], [2]).unwrap();
        let or: Array<bool> = &b + &b.view();
        assert_eq!(or.to_vec(), vec![true, false]);
    }

    #[test]
    #[should_panic(expected = "[2, 3]")]
    fn mismatched_shapes_panic_with_the_shapes() {
        let a = Array::<f32>::zeros([2, 3]).unwrap();
        let b = Array::<f32>::zeros([4]).unwrap();
        let _ = &a + &b;
    }

    #[test]
    #[should_panic(expected = "cannot broadcast shape [2, 3] to shape [3]")]
    fn in_place_does_not_grow_the_destination() {
        let mut a = Array::<f32>::zeros([3]).unwrap();
        a += &Array::<f32>::zeros([2, 3]).unwrap();
    }

    #[test]
    fn empty_and_zero_d_operands() {
        let e = Array::<f64>::zeros([0, 3]).unwrap();
        assert_eq!((&e + &Array::<f64>::ones([3]).unwrap()).shape(), &[0, 3]);
        let s = Array::from_scalar(2.0f64);
        assert_eq!(
            (&s * &Array::<f64>::ones([2]).unwrap()).to_vec(),
            vec![2.0, 2.0]
        );
        assert_eq!((&s + 1.0).shape(), &[] as &[usize]);
    }
}
