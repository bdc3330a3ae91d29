//! NumPy-named free functions: `ox::zeros`, `ox::arange`, `ox::add`, `ox::sum`, `ox::matmul`,
//! `ox::einsum`, ...
//!
//! Each is a thin, documented wrapper over (or a re-export of) a method or function of the
//! workspace crates, named and argument-ordered as in NumPy, so that NumPy code translates line
//! by line. Every operator has its `Result` twin here (`&a + &b` is `ox::add(&a, &b)`), every
//! ufunc, reduction and product an `_into` twin that writes into `out`, given last:
//!
//! ```
//! use oxarray::prelude::*;
//! let x = ox::linspace::<f64>(0.0, 1.0, 5)?;
//! let y = ox::add(&ox::multiply(2.5, &x)?, 1.2)?;            // 2.5 * x + 1.2
//! assert_eq!(y, 2.5 * &x + 1.2);
//! let mut out = ox::zeros::<f64>([5])?;
//! ox::multiply_into(&x, 2.0, None, &mut out)?;              // np.multiply(x, 2, out=out)
//! let r = ox::arange(0.0, 6.0, 1.0)?;
//! let m = ox::reshape(&r, [2, 3])?;                          // a view of r
//! assert_eq!(ox::sum(&m, Some(&[0]), false)?.to_vec(), vec![3.0, 5.0, 7.0]);
//! let p = ox::matmul(&m, &m.view().t())?;                    // m @ m.T
//! assert_eq!(p.shape(), &[2, 2]);
//! assert_eq!(ox::einsum("ij,kj->ik", &[m.view(), m.view()])?, p);
//! # Ok::<(), oxarray::Error>(())
//! ```

use oxarray_core::{Array, ArrayView, AsArrayView, CowArray, Element, IntoShape, Order, Result};

pub use oxarray_core::{broadcast_arrays, broadcast_shapes, broadcast_to, copyto};

// The ufuncs (`add`, `add_into`, `add_inplace`, `add_dyn`, `sqrt`, ...), the reductions
// (`sum`, `mean`, `std`, `argmax`, `cumsum`, ...) and the fused expressions (`lazy`, `update`).
pub use oxarray_ufunc::elementwise::*;
pub use oxarray_ufunc::fused::{Lazy, lazy, splat, update};
pub use oxarray_ufunc::reduce::*;
// Logic and comparison beyond single ufuncs (`isclose`, `allclose`, `array_equal`, `round`,
// `nan_to_num`, `cross`, ...).
pub use oxarray_ufunc::logic::*;

// The products of numpy's top level (`np.matmul`, `np.dot`, `np.einsum`, ...).
pub use oxarray_linalg::{
    EinsumPath, TensordotAxes, dot, einsum, einsum_path, inner, kron, matmul, matmul_into, outer,
    tensordot, trace, vdot,
};

// Joining, splitting, padding and selection (`concatenate`, `split`, `pad`, `where_`, ...).
mod join;
pub use join::*;

// NumPy's namespaces and the functions of the optional crates, one file each.
pub mod linalg;

#[cfg(feature = "random")]
pub mod random;

#[cfg(feature = "io")]
mod io;
#[cfg(feature = "io")]
pub use io::*;

// Sorting, searching, sets and statistics (`np.sort`, `np.unique`, `np.median`, ...).
#[cfg(feature = "sort")]
mod sort;
#[cfg(feature = "sort")]
pub use sort::*;

#[cfg(feature = "conv")]
mod conv;
#[cfg(feature = "conv")]
#[allow(unused_imports)] // empty until oxarray-conv lands
pub use conv::*;

/// `np.zeros(shape)`.
pub fn zeros<T: Element>(shape: impl IntoShape) -> Result<Array<T>> {
    Array::zeros(shape)
}

/// `np.ones(shape)`.
pub fn ones<T: Element>(shape: impl IntoShape) -> Result<Array<T>> {
    Array::ones(shape)
}

/// `np.full(shape, value)`.
pub fn full<T: Element>(shape: impl IntoShape, value: T) -> Result<Array<T>> {
    Array::full(shape, value)
}

/// `np.empty(shape)`: zero-filled (oxarray never exposes uninitialised memory).
pub fn empty<T: Element>(shape: impl IntoShape) -> Result<Array<T>> {
    Array::empty(shape)
}

/// `np.zeros_like(a)`.
pub fn zeros_like<T: Element>(a: &impl AsArrayView<T>) -> Result<Array<T>> {
    Array::zeros_like(a)
}

/// `np.ones_like(a)`.
pub fn ones_like<T: Element>(a: &impl AsArrayView<T>) -> Result<Array<T>> {
    Array::ones_like(a)
}

/// `np.full_like(a, value)`.
pub fn full_like<T: Element>(a: &impl AsArrayView<T>, value: T) -> Result<Array<T>> {
    Array::full_like(a, value)
}

/// `np.empty_like(a)`: zero-filled, as [`empty`] (oxarray never exposes uninitialised
/// memory).
///
/// ```
/// use oxarray::prelude::*;
/// let a = ox::ones::<f32>([2, 3])?;
/// assert_eq!(ox::empty_like(&a)?.shape(), &[2, 3]);
/// # Ok::<(), oxarray::Error>(())
/// ```
pub fn empty_like<T: Element>(a: &impl AsArrayView<T>) -> Result<Array<T>> {
    Array::empty_like(a)
}

/// `np.identity(n)`.
///
/// ```
/// use oxarray::prelude::*;
/// assert_eq!(ox::identity::<i64>(2)?.to_vec(), vec![1, 0, 0, 1]);
/// # Ok::<(), oxarray::Error>(())
/// ```
pub fn identity<T: Element>(n: usize) -> Result<Array<T>> {
    Array::identity(n)
}

/// `np.logspace(start, stop, num, endpoint, base)`.
///
/// ```
/// use oxarray::prelude::*;
/// let x = ox::logspace::<f64>(0.0, 2.0, 3, true, 10.0)?;
/// assert_eq!(x.to_vec(), vec![1.0, 10.0, 100.0]);
/// # Ok::<(), oxarray::Error>(())
/// ```
pub fn logspace<T: Element>(
    start: f64,
    stop: f64,
    num: usize,
    endpoint: bool,
    base: f64,
) -> Result<Array<T>> {
    Array::logspace(start, stop, num, endpoint, base)
}

/// `np.geomspace(start, stop, num, endpoint)`.
///
/// ```
/// use oxarray::prelude::*;
/// let x = ox::geomspace::<f64>(1.0, 1000.0, 4, true)?;
/// assert_eq!(x.to_vec(), vec![1.0, 10.0, 100.0, 1000.0]);
/// # Ok::<(), oxarray::Error>(())
/// ```
pub fn geomspace<T: Element>(
    start: f64,
    stop: f64,
    num: usize,
    endpoint: bool,
) -> Result<Array<T>> {
    Array::geomspace(start, stop, num, endpoint)
}

/// `np.arange(start, stop, step)`.
pub fn arange<T: Element>(start: T, stop: T, step: T) -> Result<Array<T>> {
    Array::arange(start, stop, step)
}

/// `np.linspace(start, stop, num)` (endpoint included).
pub fn linspace<T: Element>(start: f64, stop: f64, num: usize) -> Result<Array<T>> {
    Array::linspace(start, stop, num, true)
}

/// `np.eye(n)`.
pub fn eye<T: Element>(n: usize) -> Result<Array<T>> {
    Array::eye(n)
}

/// `np.ascontiguousarray(a)`: borrowed when already C-contiguous, a C-order copy otherwise
/// (written by all cores for large arrays).
///
/// ```
/// use oxarray::prelude::*;
/// let m = ox::arange(0i64, 16, 1)?.into_shape([4, 4])?;
/// let every_other = m.slice(s![..;2, ..;2])?;
/// let c = ox::ascontiguousarray(&every_other);
/// assert!(c.is_owned() && c.view().is_c_contiguous());
/// assert_eq!(c.view().to_vec(), vec![0, 2, 8, 10]);
/// # Ok::<(), oxarray::Error>(())
/// ```
pub fn ascontiguousarray<'a, T: Element>(a: &'a impl AsArrayView<T>) -> CowArray<'a, T> {
    match a.as_view().as_standard_layout() {
        CowArray::Owned(o) => CowArray::Owned(o),
        CowArray::View(_) => CowArray::View(a.as_view()),
    }
}

/// `np.asfortranarray(a)`: borrowed when already F-contiguous, an F-order copy otherwise.
pub fn asfortranarray<'a, T: Element>(a: &'a impl AsArrayView<T>) -> CowArray<'a, T> {
    let v = a.as_view();
    if v.is_f_contiguous() {
        CowArray::View(v)
    } else {
        CowArray::Owned(Array::from_view_in_order(&v, Order::F))
    }
}

/// `np.transpose(a)`: the axes reversed, as a view.
pub fn transpose<'a, T: Element>(a: &'a impl AsArrayView<T>) -> ArrayView<'a, T> {
    a.as_view().into_t()
}

/// `np.swapaxes(a, x, y)`.
pub fn swapaxes<'a, T: Element>(
    a: &'a impl AsArrayView<T>,
    x: isize,
    y: isize,
) -> Result<ArrayView<'a, T>> {
    a.as_view().into_swapaxes(x, y)
}

/// `np.moveaxis(a, source, destination)`.
pub fn moveaxis<'a, T: Element>(
    a: &'a impl AsArrayView<T>,
    source: isize,
    destination: isize,
) -> Result<ArrayView<'a, T>> {
    a.as_view().into_moveaxis(source, destination)
}

/// `np.flip(a, axis)` (all axes when `None`).
pub fn flip<'a, T: Element>(
    a: &'a impl AsArrayView<T>,
    axes: Option<&[isize]>,
) -> Result<ArrayView<'a, T>> {
    a.as_view().into_flip(axes)
}

/// `np.squeeze(a)`.
pub fn squeeze<'a, T: Element>(
    a: &'a impl AsArrayView<T>,
    axes: Option<&[isize]>,
) -> Result<ArrayView<'a, T>> {
    a.as_view().into_squeeze(axes)
}

/// `np.expand_dims(a, axis)`.
pub fn expand_dims<'a, T: Element>(
    a: &'a impl AsArrayView<T>,
    axes: &[isize],
) -> Result<ArrayView<'a, T>> {
    a.as_view().into_expand_dims(axes)
}

/// `np.reshape(a, shape)`: a view when the layout allows, a copy otherwise.
pub fn reshape<'a, T: Element>(
    a: &'a impl AsArrayView<T>,
    shape: impl oxarray_core::ReshapeArg,
) -> Result<CowArray<'a, T>> {
    a.as_view().into_shape_cow(shape)
}

/// `np.ravel(a)`.
pub fn ravel<'a, T: Element>(a: &'a impl AsArrayView<T>) -> CowArray<'a, T> {
    let n = a.as_view().len() as isize;
    a.as_view()
        .into_shape_cow([n])
        .expect("a 1-D shape of the array's own size always fits")
}

/// `np.lib.stride_tricks.sliding_window_view(a, window_shape, axis)`.
pub fn sliding_window_view<'a, T: Element>(
    a: &'a impl AsArrayView<T>,
    window_shape: &[usize],
    axes: Option<&[isize]>,
) -> Result<ArrayView<'a, T>> {
    a.as_view().sliding_window_view(window_shape, axes)
}
