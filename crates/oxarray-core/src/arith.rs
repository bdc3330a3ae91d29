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
//! # Panics and the fallible forms
//! Operators cannot return an error, so shapes that do not broadcast panic with the
//! message of [`Error::BroadcastMismatch`] (in place: [`Error::BroadcastTo`]), naming the
//! shapes, as `ndarray`'s operators do. [`zip_with`] and [`zip_with_inplace`] (and the ufuncs
//! of `oxarray-ufunc`: `add`, `add_into`, ...) return the error instead.
//!
//! # Speed
//! Each operator is one pass over memory (broadcast, axes merged, contiguous runs
//! vectorised by the compiler, all cores above
//! [`PARALLEL_MIN_ELEMENTS`](crate::parallel::PARALLEL_MIN_ELEMENTS) elements); results
//! are written into fresh memory with no zeroing pass. A line of several operators makes one
//! pass and one temporary per operator, as NumPy does: the fused expressions of
//! `oxarray-ufunc` (`lazy(&x) * 2.5 + 1.2`) evaluate a whole line in one pass instead.
//!
//! # Semantics
//! [`Arith`] holds the scalar rules, shared with the ufuncs: integers wrap on overflow;
//! integer `x / y` is true division in `f64`; integer `x % 0` gives 0 (NumPy returns 0 and
//! warns); `%` takes the sign of the divisor (Python's rule) for integers and floats; complex
//! division is Smith's algorithm, as NumPy's; `f16` and `bf16` compute in `f32` and round once.

use std::mem::MaybeUninit;
use std::ops::{
    Add, AddAssign, Div, DivAssign, Mul, MulAssign, Neg, Rem, RemAssign, Sub, SubAssign,
};

use half::{bf16, f16};
use num_complex::Complex;
use num_traits::Float;

use crate::array::{Array, ArrayView, ArrayViewMut};
use crate::copy::run_plan;
use crate::element::{Complex32, Complex64, Element};
use crate::error::{Error, Result};
use crate::iter::LoopPlan;
use crate::layout::{Layout, Order, broadcast_shapes};
use crate::parallel::SendPtr;

/// NumPy's scalar arithmetic for one element type: what `+ - * / %` and unary `-` compute per
/// element (the numeric element types; not `bool`).
///
/// The methods carry an `np_` prefix so that they never shadow the `std::ops` methods.
pub trait Arith: Element {
    /// The type of true division: `f64` for integers, the type itself otherwise.
    type Quotient: Element;
    /// `a + b` (integers wrap).
    fn np_add(self, b: Self) -> Self;
    /// `a - b` (integers wrap).
    fn np_sub(self, b: Self) -> Self;
    /// `a * b` (integers wrap).
    fn np_mul(self, b: Self) -> Self;
    /// `a / b`, true division.
    fn np_div(self, b: Self) -> Self::Quotient;
    /// `-a` (integers wrap: `-MIN == MIN`; unsigned integers wrap around).
    fn np_neg(self) -> Self;
}

/// NumPy's `%` and `//` (Python's rounding: the remainder has the sign of the divisor) for
/// the real element types.
pub trait ArithRem: Arith {
    /// `a % b`: integers give 0 for `b == 0`; floats follow `npy_remainder`.
    fn np_rem(self, b: Self) -> Self;
    /// `a // b`, rounded toward negative infinity: integers give 0 for `b == 0` (and wrap
    /// for `MIN // -1`); floats follow `npy_floor_divide`.
    fn np_floor_div(self, b: Self) -> Self;
}

macro_rules! int_arith {
    ($($t:ty, $signed:expr;)*) => {$(
        impl Arith for $t {
            type Quotient = f64;
            #[inline(always)]
            fn np_add(self, b: Self) -> Self { self.wrapping_add(b) }
            #[inline(always)]
            fn np_sub(self, b: Self) -> Self { self.wrapping_sub(b) }
            #[inline(always)]
            fn np_mul(self, b: Self) -> Self { self.wrapping_mul(b) }
            #[inline(always)]
            fn np_div(self, b: Self) -> f64 { self as f64 / b as f64 }
            #[inline(always)]
            fn np_neg(self) -> Self { self.wrapping_neg() }
        }

        impl ArithRem for $t {
            #[inline(always)]
            fn np_rem(self, b: Self) -> Self {
                if b == 0 {
                    return 0;
                }
                let r = self.wrapping_rem(b);
                #[allow(unused_comparisons)]
                if $signed && r != 0 && ((r < 0) != (b < 0)) {
                    r.wrapping_add(b)
                } else {
                    r
                }
            }

            #[inline(always)]
            fn np_floor_div(self, b: Self) -> Self {
                if b == 0 {
                    return 0;
                }
                let q = self.wrapping_div(b);
                #[allow(unused_comparisons)]
                if $signed && self.wrapping_rem(b) != 0 && ((self < 0) != (b < 0)) {
                    q.wrapping_sub(1)
                } else {
                    q
                }
            }
        }
    )*};
}

int_arith! {
    i8, true; i16, true; i32, true; i64, true;
    u8, false; u16, false; u32, false; u64, false;
}

// Floating-point types: the IEEE operators (for the half types, the `half` crate's operators
// compute in f32 and round once, as NumPy's half loops do).
macro_rules! ieee_arith {
    ($($t:ty),*) => {$(
        impl Arith for $t {
            type Quotient = $t;
            #[inline(always)]
            fn np_add(self, b: Self) -> Self { self + b }
            #[inline(always)]
            fn np_sub(self, b: Self) -> Self { self - b }
            #[inline(always)]
            fn np_mul(self, b: Self) -> Self { self * b }
            #[inline(always)]
            fn np_div(self, b: Self) -> Self { self / b }
            #[inline(always)]
            fn np_neg(self) -> Self { -self }
        }
    )*};
}

ieee_arith!(f32, f64, f16, bf16);

macro_rules! float_arith {
    ($($t:ty),*) => {$(
        impl ArithRem for $t {
            #[inline(always)]
            fn np_rem(self, b: Self) -> Self { float_rem(self, b) }
            #[inline(always)]
            fn np_floor_div(self, b: Self) -> Self { float_floor_div(self, b) }
        }
    )*};
}

float_arith!(f32, f64);

// Half types: remainders computed in f32 and rounded once, as NumPy's half loops do.
macro_rules! half_arith {
    ($($t:ty),*) => {$(
        impl ArithRem for $t {
            #[inline(always)]
            fn np_rem(self, b: Self) -> Self {
                <$t>::from_f32(float_rem(self.to_f32(), b.to_f32()))
            }
            #[inline(always)]
            fn np_floor_div(self, b: Self) -> Self {
                <$t>::from_f32(float_floor_div(self.to_f32(), b.to_f32()))
            }
        }
    )*};
}

half_arith!(f16, bf16);

macro_rules! complex_arith {
    ($($t:ty),*) => {$(
        impl Arith for $t {
            type Quotient = $t;
            #[inline(always)]
            fn np_add(self, b: Self) -> Self { self + b }
            #[inline(always)]
            fn np_sub(self, b: Self) -> Self { self - b }
            #[inline(always)]
            fn np_mul(self, b: Self) -> Self { self * b }
            #[inline(always)]
            fn np_div(self, b: Self) -> Self { complex_div(self, b) }
            #[inline(always)]
            fn np_neg(self) -> Self { -self }
        }
    )*};
}

complex_arith!(Complex32, Complex64);

/// NumPy's `npy_divmod`: the floor quotient and the Python remainder of two floats.
#[inline(always)]
pub fn float_divmod<F: Float>(a: F, b: F) -> (F, F) {
    let zero = F::zero();
    let modulo = a % b;
    if b == zero {
        return (a / b, modulo);
    }
    let mut div = (a - modulo) / b;
    let mut m = modulo;
    if m != zero {
        if (b < zero) != (m < zero) {
            m = m + b;
            div = div - F::one();
        }
    } else {
        m = zero.copysign(b);
    }
    let floordiv = if div != zero {
        let mut f = div.floor();
        if div - f > F::from(0.5).unwrap() {
            f = f + F::one();
        }
        f
    } else {
        zero.copysign(a / b)
    };
    (floordiv, m)
}

/// NumPy's `npy_floor_divide` for floats.
#[inline(always)]
pub fn float_floor_div<F: Float>(a: F, b: F) -> F {
    if b == F::zero() {
        a / b
    } else {
        float_divmod(a, b).0
    }
}

/// NumPy's `npy_remainder` for floats: the sign of the divisor, `x % 0` is NaN.
#[inline(always)]
pub fn float_rem<F: Float>(a: F, b: F) -> F {
    if b == F::zero() {
        a % b
    } else {
        float_divmod(a, b).1
    }
}

/// NumPy's complex division (Smith's algorithm, with NumPy's handling of a zero divisor).
#[inline(always)]
pub fn complex_div<F: Float>(a: Complex<F>, b: Complex<F>) -> Complex<F> {
    let (ar, ai, br, bi) = (a.re, a.im, b.re, b.im);
    let abs_br = br.abs();
    let abs_bi = bi.abs();
    let zero = F::zero();
    if abs_br >= abs_bi {
        if abs_br == zero && abs_bi == zero {
            // Division by zero: as NumPy, divide the parts by |b| separately.
            Complex::new(ar / abs_br, ai / abs_br)
        } else {
            let rat = bi / br;
            let scl = F::one() / (br + bi * rat);
            Complex::new((ar + ai * rat) * scl, (ai - ar * rat) * scl)
        }
    } else {
        let rat = br / bi;
        let scl = F::one() / (bi + br * rat);
        Complex::new((ar * rat + ai) * scl, (ai * rat - ar) * scl)
    }
}

// ---------------------------------------------------------------------------------------------
// Kernels

/// The memory order of a new result: F when every operand that is not broadcast is
/// F-contiguous and not C-contiguous (NumPy's `order='K'` for the common cases), else C.
fn result_order(operands: &[&ArrayView<'_, impl Element>]) -> Order {
    let f = operands
        .iter()
        .filter(|v| v.ndim() > 1)
        .all(|v| v.is_f_contiguous() && !v.is_c_contiguous());
    if f && operands.iter().any(|v| v.ndim() > 1) {
        Order::F
    } else {
        Order::C
    }
}

/// `f(a, b)` element by element, `a` and `b` broadcast together, into a new array: the
/// fallible form of the binary operators.
///
/// ```
/// use oxarray_core::{array, arith::zip_with};
/// let a = array![[1, 2], [3, 4]];
/// let b = array![10, 20];
/// let c = zip_with(&a.view(), &b.view(), |x, y| x * y + 1)?;
/// assert_eq!(c.to_vec(), vec![11, 41, 31, 81]);
/// let bad = array![1, 2, 3];
/// let err = zip_with(&a.view(), &bad.view(), |x, y| x + y).unwrap_err();
/// assert!(err.to_string().contains("[2, 2]") && err.to_string().contains("[3]"));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn zip_with<A: Element, B: Element, C: Element>(
    a: &ArrayView<'_, A>,
    b: &ArrayView<'_, B>,
    f: impl Fn(A, B) -> C + Sync,
) -> Result<Array<C>> {
    let shape = broadcast_shapes(&[a.shape(), b.shape()])?;
    let order = if b.ndim() > 1 && b.len() >= a.len() {
        // Follow the larger operand (for example `scalar_array + matrix`).
        match (result_order(&[a]), result_order(&[b])) {
            (Order::F, Order::F) => Order::F,
            _ => Order::C,
        }
    } else {
        result_order(&[a])
    };
    let a = a.clone().into_broadcast_to(&shape[..])?;
    let b = b.clone().into_broadcast_to(&shape[..])?;
    let out_layout = Layout::contiguous(&shape, order);
    Array::build(&shape, order, |slots: &mut [MaybeUninit<C>]| {
        let plan = LoopPlan::new(&shape, &[&out_layout.strides[..], a.strides(), b.strides()]);
        let ptrs = [
            SendPtr::new(slots.as_mut_ptr().cast::<u8>()),
            SendPtr::from_const(a.as_ptr().cast::<u8>()),
            SendPtr::from_const(b.as_ptr().cast::<u8>()),
        ];
        let sizes = [size_of::<C>(), size_of::<A>(), size_of::<B>()];
        // SAFETY: operand 0 is the fresh buffer of `shape` in `out_layout`, written once per
        // element and separate from the inputs; the inputs are views broadcast to `shape`, so
        // the plan's offsets address their elements (invariant 1).
        unsafe {
            run_plan(&plan, ptrs, sizes, |[d, x, y], len, [ds, xs, ys]| {
                zip_run(
                    d.cast::<MaybeUninit<C>>(),
                    ds,
                    x.cast::<A>(),
                    xs,
                    y.cast::<B>(),
                    ys,
                    len,
                    &f,
                )
            })
        };
    })
}

/// `dst[i] = f(dst[i], b[i])` element by element with `b` broadcast to `dst`'s shape: the
/// fallible form of the in-place operators.
///
/// ```
/// use oxarray_core::{array, s, arith::zip_with_inplace};
/// let mut m = array![[1.0, 2.0], [3.0, 4.0]];
/// zip_with_inplace(&mut m.slice_mut(s![.., 1])?, &array![10.0, 20.0].view(), |x, y| x + y)?;
/// assert_eq!(m.to_vec(), vec![1.0, 12.0, 3.0, 24.0]);
/// assert!(zip_with_inplace(&mut m.view_mut(), &array![1.0, 2.0, 3.0].view(), |x, y| x + y).is_err());
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn zip_with_inplace<A: Element, B: Element>(
    dst: &mut ArrayViewMut<'_, A>,
    b: &ArrayView<'_, B>,
    f: impl Fn(A, B) -> A + Sync,
) -> Result<()> {
    let shape = dst.shape().to_vec();
    let b = b
        .clone()
        .into_broadcast_to(&shape[..])
        .map_err(|_| Error::BroadcastTo {
            from: b.shape().to_vec(),
            to: shape.clone(),
        })?;
    let plan = LoopPlan::new(&shape, &[dst.strides(), b.strides()]);
    let ptrs = [
        SendPtr::new(dst.as_mut_ptr().cast::<u8>()),
        SendPtr::from_const(b.as_ptr().cast::<u8>()),
    ];
    // SAFETY: operand 0 is the exclusive, non-overlapping `dst` (invariant 3); `b` is a
    // separate shared borrow, so it cannot alias `dst`, broadcast to `dst`'s shape.
    unsafe {
        run_plan(
            &plan,
            ptrs,
            [size_of::<A>(), size_of::<B>()],
            |[d, y], len, [ds, ys]| {
                let d = d.cast::<A>();
                zip_run(
                    d.cast::<MaybeUninit<A>>(),
                    ds,
                    d.cast_const(),
                    ds,
                    y.cast::<B>(),
                    ys,
                    len,
                    &f,
                )
            },
        )
    };
    Ok(())
}

/// One inner run of `d[j] = f(x[j], y[j])`. The unit-stride and broadcast-scalar cases are
/// written as slice loops so that the compiler vectorises them.
///
/// # Safety
/// `x + j * xs` and `y + j * ys` must be readable and `d + j * ds` writable for `j < len`;
/// `d` may equal `x` (same stride, in place) but must not overlap `y`.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
unsafe fn zip_run<A: Element, B: Element, C: Element>(
    d: *mut MaybeUninit<C>,
    ds: isize,
    x: *const A,
    xs: isize,
    y: *const B,
    ys: isize,
    len: usize,
    f: &impl Fn(A, B) -> C,
) {
    // SAFETY: the caller's contract covers every access below (`j < len` in each branch).
    unsafe {
        if ds == 1 && xs == 1 && ys == 1 {
            for j in 0..len {
                (*d.add(j)).write(f(*x.add(j), *y.add(j)));
            }
        } else if ds == 1 && xs == 1 && ys == 0 {
            let y = *y;
            for j in 0..len {
                (*d.add(j)).write(f(*x.add(j), y));
            }
        } else if ds == 1 && xs == 0 && ys == 1 {
            let x = *x;
            for j in 0..len {
                (*d.add(j)).write(f(x, *y.add(j)));
            }
        } else {
            for j in 0..len as isize {
                (*d.offset(j * ds)).write(f(*x.offset(j * xs), *y.offset(j * ys)));
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Operators

#[track_caller]
fn or_panic<T>(r: Result<T>) -> T {
    r.unwrap_or_else(|e| panic!("{e}"))
}

/// The operands an operator accepts on either side: arrays and views, by value or reference.
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

/// A view of any operand type (the right-hand side uses lifetime `'r`).
trait OperandView<T: Element> {
    fn operand_view(&self) -> ArrayView<'_, T>;
}

macro_rules! operand_view {
    ([$($g:tt)*] $ty:ty) => {
        impl<$($g)*: Element> OperandView<T> for $ty {
            #[inline]
            fn operand_view(&self) -> ArrayView<'_, T> {
                self.view()
            }
        }
    };
}
array_operands!(operand_view);

macro_rules! binary_operators_for_lhs {
    ([$($g:tt)*] $lhs:ty) => {
        binary_operators_for_lhs!(@rhs [$($g)*] $lhs; [] Array<T>);
        binary_operators_for_lhs!(@rhs [$($g)*] $lhs; ['r,] &'r Array<T>);
        binary_operators_for_lhs!(@rhs [$($g)*] $lhs; ['r,] ArrayView<'r, T>);
        binary_operators_for_lhs!(@rhs [$($g)*] $lhs; ['r,] &ArrayView<'r, T>);
        binary_operators_for_lhs!(@rhs [$($g)*] $lhs; ['r,] ArrayViewMut<'r, T>);
        binary_operators_for_lhs!(@rhs [$($g)*] $lhs; ['r,] &ArrayViewMut<'r, T>);
        binary_operators_for_lhs!(@scalar [$($g)*] $lhs);
    };
    (@rhs [$($g:tt)*] $lhs:ty; [$($r:tt)*] $rhs:ty) => {
        impl<$($r)* $($g)*: Arith> Add<$rhs> for $lhs {
            type Output = Array<T>;
            #[track_caller]
            fn add(self, rhs: $rhs) -> Array<T> {
                or_panic(zip_with(&self.operand_view(), &rhs.operand_view(), T::np_add))
            }
        }
        impl<$($r)* $($g)*: Arith> Sub<$rhs> for $lhs {
            type Output = Array<T>;
            #[track_caller]
            fn sub(self, rhs: $rhs) -> Array<T> {
                or_panic(zip_with(&self.operand_view(), &rhs.operand_view(), T::np_sub))
            }
        }
        impl<$($r)* $($g)*: Arith> Mul<$rhs> for $lhs {
            type Output = Array<T>;
            #[track_caller]
            fn mul(self, rhs: $rhs) -> Array<T> {
                or_panic(zip_with(&self.operand_view(), &rhs.operand_view(), T::np_mul))
            }
        }
        impl<$($r)* $($g)*: Arith> Div<$rhs> for $lhs {
            type Output = Array<T::Quotient>;
            #[track_caller]
            fn div(self, rhs: $rhs) -> Array<T::Quotient> {
                or_panic(zip_with(&self.operand_view(), &rhs.operand_view(), T::np_div))
            }
        }
        impl<$($r)* $($g)*: ArithRem> Rem<$rhs> for $lhs {
            type Output = Array<T>;
            #[track_caller]
            fn rem(self, rhs: $rhs) -> Array<T> {
                or_panic(zip_with(&self.operand_view(), &rhs.operand_view(), T::np_rem))
            }
        }
    };
    (@scalar [$($g:tt)*] $lhs:ty) => {
        impl<$($g)*: Arith> Add<T> for $lhs {
            type Output = Array<T>;
            fn add(self, rhs: T) -> Array<T> {
                self.operand_view().map(move |x| x.np_add(rhs))
            }
        }
        impl<$($g)*: Arith> Sub<T> for $lhs {
            type Output = Array<T>;
            fn sub(self, rhs: T) -> Array<T> {
                self.operand_view().map(move |x| x.np_sub(rhs))
            }
        }
        impl<$($g)*: Arith> Mul<T> for $lhs {
            type Output = Array<T>;
            fn mul(self, rhs: T) -> Array<T> {
                self.operand_view().map(move |x| x.np_mul(rhs))
            }
        }
        impl<$($g)*: Arith> Div<T> for $lhs {
            type Output = Array<T::Quotient>;
            fn div(self, rhs: T) -> Array<T::Quotient> {
                self.operand_view().map(move |x| x.np_div(rhs))
            }
        }
        impl<$($g)*: ArithRem> Rem<T> for $lhs {
            type Output = Array<T>;
            fn rem(self, rhs: T) -> Array<T> {
                self.operand_view().map(move |x| x.np_rem(rhs))
            }
        }
        impl<$($g)*: Arith> Neg for $lhs {
            type Output = Array<T>;
            fn neg(self) -> Array<T> {
                self.operand_view().map(T::np_neg)
            }
        }
    };
}
array_operands!(binary_operators_for_lhs);

/// `scalar op array` for each scalar type (the orphan rules forbid a blanket impl over the
/// left operand).
macro_rules! scalar_left_operators {
    ($($t:ty),*) => {$(
        scalar_left_operators!(@each $t; [] Array<$t>);
        scalar_left_operators!(@each $t; [] &Array<$t>);
        scalar_left_operators!(@each $t; ['a] ArrayView<'a, $t>);
        scalar_left_operators!(@each $t; ['a] &ArrayView<'a, $t>);
        scalar_left_operators!(@each $t; ['a] ArrayViewMut<'a, $t>);
        scalar_left_operators!(@each $t; ['a] &ArrayViewMut<'a, $t>);
    )*};
    (@each $t:ty; [$($g:tt)*] $rhs:ty) => {
        impl<$($g)*> Add<$rhs> for $t {
            type Output = Array<$t>;
            fn add(self, rhs: $rhs) -> Array<$t> {
                rhs.operand_view().map(move |x| self.np_add(x))
            }
        }
        impl<$($g)*> Sub<$rhs> for $t {
            type Output = Array<$t>;
            fn sub(self, rhs: $rhs) -> Array<$t> {
                rhs.operand_view().map(move |x| self.np_sub(x))
            }
        }
        impl<$($g)*> Mul<$rhs> for $t {
            type Output = Array<$t>;
            fn mul(self, rhs: $rhs) -> Array<$t> {
                rhs.operand_view().map(move |x| self.np_mul(x))
            }
        }
        impl<$($g)*> Div<$rhs> for $t {
            type Output = Array<<$t as Arith>::Quotient>;
            fn div(self, rhs: $rhs) -> Self::Output {
                rhs.operand_view().map(move |x| self.np_div(x))
            }
        }
    };
}
scalar_left_operators!(
    i8, i16, i32, i64, u8, u16, u32, u64, f16, bf16, f32, f64, Complex32, Complex64
);

macro_rules! scalar_left_rem {
    ($($t:ty),*) => {$(
        scalar_left_rem!(@each $t; [] Array<$t>);
        scalar_left_rem!(@each $t; [] &Array<$t>);
        scalar_left_rem!(@each $t; ['a] ArrayView<'a, $t>);
        scalar_left_rem!(@each $t; ['a] &ArrayView<'a, $t>);
        scalar_left_rem!(@each $t; ['a] ArrayViewMut<'a, $t>);
        scalar_left_rem!(@each $t; ['a] &ArrayViewMut<'a, $t>);
    )*};
    (@each $t:ty; [$($g:tt)*] $rhs:ty) => {
        impl<$($g)*> Rem<$rhs> for $t {
            type Output = Array<$t>;
            fn rem(self, rhs: $rhs) -> Array<$t> {
                rhs.operand_view().map(move |x| self.np_rem(x))
            }
        }
    };
}
scalar_left_rem!(i8, i16, i32, i64, u8, u16, u32, u64, f16, bf16, f32, f64);

/// The in-place operators on a destination of type `$dst` (an `Array`, which copies first
/// when its storage is shared, or a mutable view, which writes through to its base).
macro_rules! assign_operators_for {
    ([$($g:tt)*] $dst:ty) => {
        assign_operators_for!(@rhs [$($g)*] $dst; [] Array<T>);
        assign_operators_for!(@rhs [$($g)*] $dst; ['r,] &'r Array<T>);
        assign_operators_for!(@rhs [$($g)*] $dst; ['r,] ArrayView<'r, T>);
        assign_operators_for!(@rhs [$($g)*] $dst; ['r,] &ArrayView<'r, T>);
        assign_operators_for!(@rhs [$($g)*] $dst; ['r,] &ArrayViewMut<'r, T>);
        assign_operators_for!(@scalar [$($g)*] $dst);
    };
    (@rhs [$($g:tt)*] $dst:ty; [$($r:tt)*] $rhs:ty) => {
        assign_operators_for!(@one [$($r)* $($g)*] $dst; $rhs; AddAssign add_assign Arith np_add);
        assign_operators_for!(@one [$($r)* $($g)*] $dst; $rhs; SubAssign sub_assign Arith np_sub);
        assign_operators_for!(@one [$($r)* $($g)*] $dst; $rhs; MulAssign mul_assign Arith np_mul);
        assign_operators_for!(@one [$($r)* $($g)*] $dst; $rhs; RemAssign rem_assign ArithRem np_rem);
        impl<$($r)* $($g)*: Arith<Quotient = T>> DivAssign<$rhs> for $dst {
            #[track_caller]
            fn div_assign(&mut self, rhs: $rhs) {
                or_panic(zip_with_inplace(&mut self.view_mut(), &rhs.operand_view(), T::np_div))
            }
        }
    };
    (@one [$($g:tt)*] $dst:ty; $rhs:ty; $trait:ident $method:ident $bound:ident $f:ident) => {
        impl<$($g)*: $bound> $trait<$rhs> for $dst {
            #[track_caller]
            fn $method(&mut self, rhs: $rhs) {
                or_panic(zip_with_inplace(&mut self.view_mut(), &rhs.operand_view(), T::$f))
            }
        }
    };
    (@scalar [$($g:tt)*] $dst:ty) => {
        impl<$($g)*: Arith> AddAssign<T> for $dst {
            fn add_assign(&mut self, rhs: T) {
                self.map_inplace(move |x| x.np_add(rhs))
            }
        }
        impl<$($g)*: Arith> SubAssign<T> for $dst {
            fn sub_assign(&mut self, rhs: T) {
                self.map_inplace(move |x| x.np_sub(rhs))
            }
        }
        impl<$($g)*: Arith> MulAssign<T> for $dst {
            fn mul_assign(&mut self, rhs: T) {
                self.map_inplace(move |x| x.np_mul(rhs))
            }
        }
        impl<$($g)*: Arith<Quotient = T>> DivAssign<T> for $dst {
            fn div_assign(&mut self, rhs: T) {
                self.map_inplace(move |x| x.np_div(rhs))
            }
        }
        impl<$($g)*: ArithRem> RemAssign<T> for $dst {
            fn rem_assign(&mut self, rhs: T) {
                self.map_inplace(move |x| x.np_rem(rhs))
            }
        }
    };
}
assign_operators_for!([T] Array<T>);
assign_operators_for!(['a, T] ArrayViewMut<'a, T>);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::s;

    #[test]
    fn integer_rules_follow_numpy() {
        assert_eq!((-7i32).np_rem(3), 2);
        assert_eq!(7i32.np_rem(-3), -2);
        assert_eq!(7i32.np_rem(0), 0);
        assert_eq!((-7i32).np_floor_div(2), -4);
        assert_eq!(i32::MIN.np_floor_div(-1), i32::MIN);
        assert_eq!(5u8.np_floor_div(0), 0);
        assert_eq!(i8::MIN.np_neg(), i8::MIN);
        assert_eq!(1u8.np_neg(), 255);
        assert_eq!(7i64.np_div(2), 3.5);
    }

    #[test]
    fn float_rules_follow_numpy() {
        assert_eq!((-7.0f64).np_rem(3.0), 2.0);
        assert_eq!(7.0f64.np_rem(-3.0), -2.0);
        assert!(1.0f64.np_rem(0.0).is_nan());
        assert_eq!((0.0f64).np_rem(-2.0).to_bits(), (-0.0f64).to_bits());
        assert_eq!((-7.5f32).np_floor_div(2.0), -4.0);
        assert_eq!(
            f16::from_f32(-7.0).np_rem(f16::from_f32(3.0)),
            f16::from_f32(2.0)
        );
        let q = Complex64::new(1.0, 2.0).np_div(Complex64::new(3.0, -4.0));
        assert!((q - Complex64::new(-0.2, 0.4)).norm() < 1e-15);
    }

    #[test]
    fn operators_broadcast_and_follow_layouts() {
        let a = Array::from_vec((0..6).map(f64::from).collect(), [2, 3]).unwrap();
        let col = Array::from_vec(vec![10.0, 20.0], [2, 1]).unwrap();
        assert_eq!((&a + &col).to_vec(), vec![10., 11., 12., 23., 24., 25.]);
        assert_eq!((&col - &a).shape(), &[2, 3]);
        // A transposed (F-ordered) operand gives an F-ordered result with the same values.
        let t = a.t();
        let r = &t * 2.0;
        assert_eq!(r.shape(), &[3, 2]);
        assert_eq!(r.to_vec(), vec![0., 6., 2., 8., 4., 10.]);
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
