//! `np.convolve` and `np.correlate`: the 1-D products of NumPy, run as one-row problems on the
//! 2-D engine.

use oxarray_core::{Array, ArrayView, AsArrayView, WriteArray};

use crate::element::ConvElement;
use crate::engine::{Dst, Edge, Src, Taps};
use crate::error::{ConvError, Result};
use crate::operand::new_result;
use crate::options::Mode;
use crate::signal::{Plan, out_len};

/// The discrete linear convolution of two 1-D sequences, as `np.convolve(a, v, mode)`.
///
/// The longer input is the signal (NumPy swaps them); an empty input is an error, as in NumPy.
/// A 0-d input counts as one element (NumPy's `ndmin=1`).
///
/// ```
/// use oxarray_conv::{convolve, Mode};
/// use oxarray_core::array;
/// let out = convolve(&array![1.0, 2.0, 3.0], &array![0.0, 1.0, 0.5], Mode::Full)?;
/// assert_eq!(out.to_vec(), vec![0.0, 1.0, 2.5, 4.0, 1.5]);
/// let same = convolve(&array![1.0, 2.0, 3.0], &array![0.0, 1.0, 0.5], Mode::Same)?;
/// assert_eq!(same.to_vec(), vec![1.0, 2.5, 4.0]);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn convolve<T: ConvElement>(
    a: impl AsArrayView<T>,
    v: impl AsArrayView<T>,
    mode: Mode,
) -> Result<Array<T>> {
    let (a, v) = (a.as_view(), v.as_view());
    allocate(&plan_1d("convolve", true, &a, &v, mode)?)
}

/// [`convolve`] into `out`, a 1-D array or view of the result's length.
///
/// ```
/// use oxarray_conv::{convolve_into, Mode};
/// use oxarray_core::{array, Array};
/// let mut out = Array::<i64>::zeros([2])?;
/// convolve_into(&array![1, 2, 3], &array![1, 1], Mode::Valid, &mut out)?;
/// assert_eq!(out.to_vec(), vec![3, 5]);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn convolve_into<T: ConvElement>(
    a: impl AsArrayView<T>,
    v: impl AsArrayView<T>,
    mode: Mode,
    mut out: impl WriteArray<T>,
) -> Result<()> {
    let (a, v) = (a.as_view(), v.as_view());
    write_into(&plan_1d("convolve", true, &a, &v, mode)?, &mut out)
}

/// The cross-correlation of two 1-D sequences, as `np.correlate(a, v, mode)`:
/// `c[k] = sum_n a[n + k] * conj(v[n])`. NumPy's default mode is [`Mode::Valid`].
///
/// When `v` is the longer input NumPy computes the product the other way round and reverses
/// it; so does this function (the `same` result is then centred as NumPy's).
///
/// ```
/// use oxarray_conv::{correlate, Mode};
/// use oxarray_core::array;
/// let out = correlate(&array![1.0, 2.0, 3.0], &array![0.0, 1.0, 0.5], Mode::Valid)?;
/// assert_eq!(out.to_vec(), vec![3.5]);
/// let full = correlate(&array![1.0, 2.0, 3.0], &array![0.0, 1.0, 0.5], Mode::Full)?;
/// assert_eq!(full.to_vec(), vec![0.5, 2.0, 3.5, 3.0, 0.0]);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn correlate<T: ConvElement>(
    a: impl AsArrayView<T>,
    v: impl AsArrayView<T>,
    mode: Mode,
) -> Result<Array<T>> {
    let (a, v) = (a.as_view(), v.as_view());
    allocate(&plan_1d("correlate", false, &a, &v, mode)?)
}

/// [`correlate`] into `out`, a 1-D array or view of the result's length.
///
/// ```
/// use oxarray_conv::{correlate_into, Mode};
/// use oxarray_core::{array, Array};
/// let mut out = Array::<f64>::zeros([4])?;
/// correlate_into(&array![1.0, 2.0, 3.0, 4.0], &array![1.0, -1.0], Mode::Same, &mut out)?;
/// assert_eq!(out.to_vec(), vec![-1.0; 4]);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn correlate_into<T: ConvElement>(
    a: impl AsArrayView<T>,
    v: impl AsArrayView<T>,
    mode: Mode,
    mut out: impl WriteArray<T>,
) -> Result<()> {
    let (a, v) = (a.as_view(), v.as_view());
    write_into(&plan_1d("correlate", false, &a, &v, mode)?, &mut out)
}

/// A 0-d or 1-D view as a one-row operand.
fn row_of<T: ConvElement>(v: &ArrayView<'_, T>) -> Src<T> {
    let (cols, cs) = match v.ndim() {
        0 => (1, 1),
        _ => (v.shape()[0], v.strides()[0]),
    };
    Src {
        ptr: v.as_ptr(),
        rows: 1,
        cols,
        rs: 0,
        cs,
    }
}

/// The values of a one-row operand, each through `f`, optionally reversed.
fn values<T: ConvElement>(s: &Src<T>, reversed: bool, f: impl Fn(T) -> T) -> Vec<T> {
    (0..s.cols)
        .map(|i| {
            let i = if reversed { s.cols - 1 - i } else { i };
            // SAFETY: `i < cols`, inside the view.
            f(unsafe { s.ptr.offset(i as isize * s.cs).read() })
        })
        .collect()
}

fn plan_1d<T: ConvElement>(
    func: &'static str,
    convolve: bool,
    a: &ArrayView<'_, T>,
    v: &ArrayView<'_, T>,
    mode: Mode,
) -> Result<Plan<T>> {
    if a.ndim() > 1 || v.ndim() > 1 {
        return Err(ConvError::WrongNdim {
            func,
            expected: "1-D",
            in1: a.shape().to_vec(),
            in2: v.shape().to_vec(),
        });
    }
    let (a, v) = (row_of(a), row_of(v));
    let names = if convolve {
        ["a", "v"]
    } else {
        ["first array argument", "second array argument"]
    };
    for (s, which) in [(&a, names[0]), (&v, names[1])] {
        if s.cols == 0 {
            return Err(ConvError::EmptyInput { func, which });
        }
    }
    let swapped = v.cols > a.cols;
    let (signal, taps, reversed) = match (convolve, swapped) {
        // Convolution commutes: the longer input is the signal, the other reversed.
        (true, false) => (a, values(&v, true, |x| x), false),
        (true, true) => (v, values(&a, true, |x| x), false),
        // NumPy's correlate2: `v` conjugated first, then the longer input leads, and a swapped
        // product is reversed.
        (false, false) => (a, values(&v, false, |x| x.conj()), false),
        (false, true) => {
            // The signal is conj(v): conjugate it into a row of its own.
            let conj_v = values(&v, false, |x| x.conj());
            return Ok(_owned_signal_plan(
                func,
                conj_v,
                values(&a, false, |x| x),
                mode,
            ));
        }
    };
    Ok(plan_of(func, signal, taps, mode, reversed))
}

fn plan_of<T: ConvElement>(
    func: &'static str,
    signal: Src<T>,
    taps: Vec<T>,
    mode: Mode,
    reversed: bool,
) -> Plan<T> {
    let n2 = taps.len();
    let len =
        out_len(mode, signal.cols, n2).expect("the signal is the longer input, both non-empty");
    let off = match mode {
        Mode::Full => n2 as isize - 1,
        Mode::Same => (n2 / 2) as isize,
        Mode::Valid => 0,
    };
    Plan {
        func,
        src: signal,
        taps: Taps {
            w: taps,
            kh: 1,
            kw: n2,
        },
        edge: Edge::Fill(T::zero()),
        off: (0, off),
        shape: [1, len],
        reversed,
        _owned_signal: None,
    }
}

/// The plan of a correlation whose signal is a conjugated copy (`np.correlate` with the
/// longer `v`), kept alive by the plan itself.
fn _owned_signal_plan<T: ConvElement>(
    func: &'static str,
    signal: Vec<T>,
    taps: Vec<T>,
    mode: Mode,
) -> Plan<T> {
    let src = Src {
        ptr: signal.as_ptr(),
        rows: 1,
        cols: signal.len(),
        rs: 0,
        cs: 1,
    };
    let mut plan = plan_of(func, src, taps, mode, true);
    // The Vec's heap buffer does not move when the Vec moves into the plan.
    plan._owned_signal = Some(signal);
    plan
}

fn allocate<T: ConvElement>(plan: &Plan<T>) -> Result<Array<T>> {
    // SAFETY: the engine writes every element of the fresh result.
    let out = unsafe { new_result(plan.shape, |dst| plan.run(dst))? };
    Ok(out.into_shape([plan.shape[1]])?)
}

fn write_into<T: ConvElement>(plan: &Plan<T>, out: &mut impl WriteArray<T>) -> Result<()> {
    let mut view = out.write_view();
    if view.shape() != [plan.shape[1]] {
        return Err(ConvError::OutShape {
            func: plan.func,
            expected: vec![plan.shape[1]],
            got: view.shape().to_vec(),
        });
    }
    let dst = Dst {
        rows: 1,
        cols: plan.shape[1],
        rs: 0,
        cs: view.strides()[0],
        ptr: view.as_mut_ptr(),
    };
    // SAFETY: one row of distinct elements (a mutable view's), none of them an input's (the
    // inputs are borrowed shared while `out` is borrowed mutably).
    unsafe { plan.run(dst) };
    Ok(())
}
