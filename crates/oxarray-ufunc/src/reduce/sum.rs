//! `sum`, `prod`, `all`, `any` and their NaN-ignoring twins `nansum`, `nanprod`.

use oxarray_core::{Array, AsArrayView, Element, Result, WriteArray};

use super::element::{Accumulator, ReduceElement};
use super::engine::{Empty, reduce_new, reduce_out};
use super::pairwise::Fold;

/// Defines a `Fold` over `T: ReduceElement` with no parameter.
macro_rules! simple_fold {
    ($(#[$doc:meta])* $name:ident, $acc:ty, |$x:ident| $load:expr, |$a:ident, $b:ident| $combine:expr) => {
        $(#[$doc])*
        pub(crate) struct $name<T>(::std::marker::PhantomData<fn() -> T>);
        impl<T> $name<T> {
            pub(crate) const NEW: Self = $name(::std::marker::PhantomData);
        }
        impl<T: ReduceElement> Fold for $name<T> {
            type In = T;
            type Par = ();
            type Acc = $acc;
            #[inline(always)]
            fn load(&self, $x: T, _: ()) -> $acc {
                $load
            }
            #[inline(always)]
            fn combine(&self, $a: $acc, $b: $acc) -> $acc {
                $combine
            }
        }
    };
}
pub(crate) use simple_fold;

simple_fold!(
    /// Addition in the sum accumulator.
    SumFold, T::SumAcc, |x| x.to_sum_acc(), |a, b| a.acc_add(b)
);
simple_fold!(
    /// Multiplication in the sum accumulator.
    ProdFold, T::SumAcc, |x| x.to_sum_acc(), |a, b| a.acc_mul(b)
);
simple_fold!(
    /// Addition with NaN read as zero.
    NanSumFold,
    T::SumAcc,
    |x| if x.is_nan() { T::SumAcc::zero() } else { x.to_sum_acc() },
    |a, b| a.acc_add(b)
);
simple_fold!(
    /// Multiplication with NaN read as one.
    NanProdFold,
    T::SumAcc,
    |x| if x.is_nan() { T::SumAcc::one() } else { x.to_sum_acc() },
    |a, b| a.acc_mul(b)
);
simple_fold!(
    /// Logical and of the truth values.
    AllFold, bool, |x| x.is_nonzero(), |a, b| a & b
);
simple_fold!(
    /// Logical or of the truth values.
    AnyFold, bool, |x| x.is_nonzero(), |a, b| a | b
);

/// The sum's finish: NumPy starts from the identity, so `-0.0` sums to `0.0`.
#[inline(always)]
fn finish_sum<T: ReduceElement>(acc: T::SumAcc) -> T::Sum {
    T::sum_from_acc(T::SumAcc::zero().acc_add(acc))
}

#[inline(always)]
fn finish_prod<T: ReduceElement>(acc: T::SumAcc) -> T::Sum {
    T::sum_from_acc(acc)
}

fn sum_identity<T: ReduceElement>() -> Empty<T::Sum> {
    Empty::Value(T::sum_from_acc(T::SumAcc::zero()))
}

fn prod_identity<T: ReduceElement>() -> Empty<T::Sum> {
    Empty::Value(T::sum_from_acc(T::SumAcc::one()))
}

/// The sum of the elements over `axes` (all axes when `None`), NumPy's `sum`.
///
/// Floating-point sums are pairwise (NumPy's algorithm: O(log n) rounding error) whatever the
/// layout: along a contiguous axis, and also down the columns of a C-order matrix, where the
/// rows are accumulated into a vector of column sums, one contiguous row at a time. Integer
/// and bool sums accumulate in `int64`/`uint64` and wrap on overflow; float16 accumulates in
/// float32 (see [`ReduceElement`] for the result types). An empty sum is zero.
///
/// Errors: [`AxisOutOfBounds`](oxarray_core::Error::AxisOutOfBounds) and
/// [`RepeatedAxis`](oxarray_core::Error::RepeatedAxis) for bad `axes`.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::sum;
/// let m = array![[1i8, 2, 3], [4, 5, 127]];
/// assert_eq!(sum(&m, None, false)?.to_vec(), vec![142i64]); // int8 sums in int64
/// assert_eq!(sum(&m, Some(&[0]), false)?.to_vec(), vec![5, 7, 130]);
/// let rows = sum(&m, Some(&[-1]), true)?; // keepdims
/// assert_eq!(rows.shape(), &[2, 1]);
/// assert!(sum(&m, Some(&[2]), false).is_err());
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn sum<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<T::Sum>> {
    reduce_new(
        &SumFold::<T>::NEW,
        &a.as_view(),
        axes,
        keepdims,
        sum_identity::<T>(),
        finish_sum::<T>,
    )
}

/// [`sum`] written into `out` (NumPy's `out=`), which must have the result shape for
/// `keepdims` ([`ShapeMismatch`](oxarray_core::Error::ShapeMismatch) otherwise).
///
/// ```
/// use oxarray_core::{array, Array};
/// use oxarray_ufunc::sum_into;
/// let m = array![[1.0, 2.0], [3.0, 4.0]];
/// let mut out = Array::<f64>::zeros([2])?;
/// sum_into(&m, Some(&[0]), false, &mut out.view_mut())?;
/// assert_eq!(out.to_vec(), vec![4.0, 6.0]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn sum_into<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    keepdims: bool,
    out: &mut impl WriteArray<T::Sum>,
) -> Result<()> {
    let mut out = out.write_view();
    let out = &mut out;
    reduce_out(
        &SumFold::<T>::NEW,
        &a.as_view(),
        axes,
        keepdims,
        out,
        sum_identity::<T>(),
        finish_sum::<T>,
    )
}

/// The product of the elements over `axes`, NumPy's `prod`: the result types of [`sum`],
/// integer products wrap, an empty product is one.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::prod;
/// let m = array![[1u8, 2], [3, 4]];
/// assert_eq!(prod(&m, Some(&[1]), false)?.to_vec(), vec![2u64, 12]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn prod<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<T::Sum>> {
    reduce_new(
        &ProdFold::<T>::NEW,
        &a.as_view(),
        axes,
        keepdims,
        prod_identity::<T>(),
        finish_prod::<T>,
    )
}

/// [`prod`] written into `out`, which must have the result shape.
pub fn prod_into<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    keepdims: bool,
    out: &mut impl WriteArray<T::Sum>,
) -> Result<()> {
    let mut out = out.write_view();
    let out = &mut out;
    reduce_out(
        &ProdFold::<T>::NEW,
        &a.as_view(),
        axes,
        keepdims,
        out,
        prod_identity::<T>(),
        finish_prod::<T>,
    )
}

/// The sum treating NaN as zero, NumPy's `nansum` (for integers, the same as [`sum`]).
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::nansum;
/// let a = array![1.0, f64::NAN, 2.0];
/// assert_eq!(nansum(&a, None, false)?.to_vec(), vec![3.0]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn nansum<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<T::Sum>> {
    reduce_new(
        &NanSumFold::<T>::NEW,
        &a.as_view(),
        axes,
        keepdims,
        sum_identity::<T>(),
        finish_sum::<T>,
    )
}

/// The product treating NaN as one, NumPy's `nanprod`.
pub fn nanprod<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<T::Sum>> {
    reduce_new(
        &NanProdFold::<T>::NEW,
        &a.as_view(),
        axes,
        keepdims,
        prod_identity::<T>(),
        finish_prod::<T>,
    )
}

/// Whether every element is non-zero (NaN counts as non-zero), NumPy's `all`. True when empty.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::all;
/// let m = array![[1, 0], [2, 3]];
/// assert_eq!(all(&m, Some(&[1]), false)?.to_vec(), vec![false, true]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn all<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<bool>> {
    reduce_new(
        &AllFold::<T>::NEW,
        &a.as_view(),
        axes,
        keepdims,
        Empty::Value(true),
        |b| b,
    )
}

/// [`all`] written into `out`, which must have the result shape.
pub fn all_into<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    keepdims: bool,
    out: &mut impl WriteArray<bool>,
) -> Result<()> {
    let mut out = out.write_view();
    let out = &mut out;
    reduce_out(
        &AllFold::<T>::NEW,
        &a.as_view(),
        axes,
        keepdims,
        out,
        Empty::Value(true),
        |b| b,
    )
}

/// Whether any element is non-zero, NumPy's `any`. False when empty.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_ufunc::any;
/// let m = array![[0.0, 0.0], [f64::NAN, 0.0]];
/// assert_eq!(any(&m, Some(&[1]), false)?.to_vec(), vec![false, true]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn any<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    keepdims: bool,
) -> Result<Array<bool>> {
    reduce_new(
        &AnyFold::<T>::NEW,
        &a.as_view(),
        axes,
        keepdims,
        Empty::Value(false),
        |b| b,
    )
}

/// [`any`] written into `out`, which must have the result shape.
pub fn any_into<T: ReduceElement>(
    a: &impl AsArrayView<T>,
    axes: Option<&[isize]>,
    keepdims: bool,
    out: &mut impl WriteArray<bool>,
) -> Result<()> {
    let mut out = out.write_view();
    let out = &mut out;
    reduce_out(
        &AnyFold::<T>::NEW,
        &a.as_view(),
        axes,
        keepdims,
        out,
        Empty::Value(false),
        |b| b,
    )
}
