//! `scipy.signal.convolve2d` and `scipy.signal.correlate2d`.

use oxarray_core::{Array, ArrayView, AsArrayView, WriteArray};

use crate::element::ConvElement;
use crate::engine::{self, Dst, Edge, Src, Taps};
use crate::error::{ConvError, Result};
use crate::operand::{dst_of, new_result, simd_enabled, src_of};
use crate::options::{Boundary, Mode};

/// Convolves two 2-D arrays, as `scipy.signal.convolve2d(in1, in2, mode, boundary,
/// fillvalue)`.
///
/// The result has the element type of the inputs; integers wrap around as SciPy's do. In
/// `valid` mode, when `in2` is the larger input in every dimension the two are swapped (SciPy's
/// `_inputs_swap_needed`); when neither is at least as large as the other the call fails with
/// [`ConvError::ValidShapes`]. Any layout is read in place (views, transposes, negative
/// strides); f32 and f64 run a SIMD kernel on all cores.
///
/// ```
/// use oxarray_conv::{convolve2d, Boundary, Mode};
/// use oxarray_core::array;
/// let image = array![[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]];
/// let kernel = array![[1.0, 0.0], [0.0, -1.0]];
/// let full = convolve2d(&image, &kernel, Mode::Full, Boundary::Fill(0.0))?;
/// assert_eq!(full.shape(), &[3, 4]);
/// assert_eq!(full.to_vec(), vec![1.0, 2.0, 3.0, 0.0, 4.0, 4.0, 4.0, -3.0, 0.0, -4.0, -5.0, -6.0]);
/// let valid = convolve2d(&image, &kernel, Mode::Valid, Boundary::Fill(0.0))?;
/// assert_eq!(valid.to_vec(), vec![4.0, 4.0]);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn convolve2d<T: ConvElement>(
    in1: impl AsArrayView<T>,
    in2: impl AsArrayView<T>,
    mode: Mode,
    boundary: Boundary<T>,
) -> Result<Array<T>> {
    let (v1, v2) = (in1.as_view(), in2.as_view());
    let plan = plan("convolve2d", true, &v1, &v2, mode, boundary)?;
    plan.allocate()
}

/// [`convolve2d`] into `out`, which must have the result's shape (any layout).
///
/// ```
/// use oxarray_conv::{convolve2d_into, Boundary, Mode};
/// use oxarray_core::{array, Array};
/// let image = array![[1.0f32, 2.0, 3.0], [4.0, 5.0, 6.0]];
/// let mut out = Array::<f32>::zeros([2, 3])?;
/// convolve2d_into(&image, &array![[1.0f32]], Mode::Same, Boundary::Wrap, &mut out)?;
/// assert_eq!(out.to_vec(), image.to_vec());
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn convolve2d_into<T: ConvElement>(
    in1: impl AsArrayView<T>,
    in2: impl AsArrayView<T>,
    mode: Mode,
    boundary: Boundary<T>,
    mut out: impl WriteArray<T>,
) -> Result<()> {
    let (v1, v2) = (in1.as_view(), in2.as_view());
    let plan = plan("convolve2d", true, &v1, &v2, mode, boundary)?;
    plan.write_into(&mut out)
}

/// Cross-correlates two 2-D arrays, as `scipy.signal.correlate2d(in1, in2, mode, boundary,
/// fillvalue)`: `out[m, n] = sum in1[m + j - o_r, n + k - o_c] * conj(in2[j, k])`.
///
/// In `valid` mode with `in2` the larger input, SciPy swaps the inputs and reverses the result
/// along both axes; so does this function.
///
/// ```
/// use oxarray_conv::{correlate2d, Boundary, Mode};
/// use oxarray_core::array;
/// let image = array![[1, 2, 3], [4, 5, 6]];
/// let kernel = array![[1, 1]];
/// let same = correlate2d(&image, &kernel, Mode::Same, Boundary::Symm)?;
/// assert_eq!(same.to_vec(), vec![3, 5, 6, 9, 11, 12]);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn correlate2d<T: ConvElement>(
    in1: impl AsArrayView<T>,
    in2: impl AsArrayView<T>,
    mode: Mode,
    boundary: Boundary<T>,
) -> Result<Array<T>> {
    let (v1, v2) = (in1.as_view(), in2.as_view());
    let plan = plan("correlate2d", false, &v1, &v2, mode, boundary)?;
    plan.allocate()
}

/// [`correlate2d`] into `out`, which must have the result's shape (any layout).
///
/// ```
/// use oxarray_conv::{correlate2d_into, Boundary, Mode};
/// use oxarray_core::{array, Array};
/// let image = array![[1.0, 2.0], [3.0, 4.0]];
/// let mut out = Array::<f64>::zeros([3, 3])?;
/// correlate2d_into(&image, &array![[1.0, 1.0], [1.0, 1.0]], Mode::Full, Boundary::Fill(0.0), &mut out)?;
/// assert_eq!(out.to_vec(), vec![1.0, 3.0, 2.0, 4.0, 10.0, 6.0, 3.0, 7.0, 4.0]);
/// # Ok::<(), oxarray_conv::ConvError>(())
/// ```
pub fn correlate2d_into<T: ConvElement>(
    in1: impl AsArrayView<T>,
    in2: impl AsArrayView<T>,
    mode: Mode,
    boundary: Boundary<T>,
    mut out: impl WriteArray<T>,
) -> Result<()> {
    let (v1, v2) = (in1.as_view(), in2.as_view());
    let plan = plan("correlate2d", false, &v1, &v2, mode, boundary)?;
    plan.write_into(&mut out)
}

/// SciPy's `_inputs_swap_needed`: in `valid` mode the larger input must come first.
pub(crate) fn inputs_swap_needed(
    func: &'static str,
    mode: Mode,
    s1: &[usize],
    s2: &[usize],
) -> Result<bool> {
    if mode != Mode::Valid || s1.is_empty() {
        return Ok(false);
    }
    let ok1 = s1.iter().zip(s2).all(|(a, b)| a >= b);
    let ok2 = s1.iter().zip(s2).all(|(a, b)| b >= a);
    if !(ok1 || ok2) {
        return Err(ConvError::ValidShapes {
            func,
            in1: s1.to_vec(),
            in2: s2.to_vec(),
        });
    }
    Ok(!ok1)
}

/// One engine call, checked and ready to run.
pub(crate) struct Plan<T> {
    pub func: &'static str,
    pub src: Src<T>,
    pub taps: Taps<T>,
    pub edge: Edge<T>,
    pub off: (isize, isize),
    pub shape: [usize; 2],
    /// Write the result reversed along both axes (`correlate2d` of swapped inputs).
    pub reversed: bool,
    /// A signal computed from an input (`np.correlate`'s conjugated `v`), which `src` points
    /// into.
    pub _owned_signal: Option<Vec<T>>,
}

impl<T: ConvElement> Plan<T> {
    /// Runs into a new C-order array.
    pub(crate) fn allocate(&self) -> Result<Array<T>> {
        let simd = simd_enabled();
        // SAFETY: `self.src` describes a live view (borrowed by the caller of `plan` for as
        // long as `self` is used); the engine writes every element of the fresh result, which
        // no input shares.
        unsafe {
            new_result(self.shape, |dst| {
                engine::correlate(
                    self.src,
                    &self.taps,
                    self.edge,
                    self.off,
                    self.orient(dst),
                    simd,
                )
            })
        }
    }

    /// Runs into `out`, after checking its shape.
    pub(crate) fn write_into(&self, out: &mut impl WriteArray<T>) -> Result<()> {
        let mut view = out.write_view();
        if view.shape() != self.shape {
            return Err(ConvError::OutShape {
                func: self.func,
                expected: self.shape.to_vec(),
                got: view.shape().to_vec(),
            });
        }
        let dst = dst_of(&mut view);
        // SAFETY: `view` is a mutable view of the result's shape, whose elements are distinct
        // (a mutable view never has zero or overlapping strides) and cannot be elements of
        // the inputs, which are borrowed shared while `out` is borrowed mutably.
        unsafe { self.run(dst) };
        Ok(())
    }

    /// Runs into `dst`.
    ///
    /// # Safety
    /// `dst` must have the plan's shape and satisfy the write contract of
    /// [`engine::correlate`] against the plan's image.
    pub(crate) unsafe fn run(&self, dst: Dst<T>) {
        // SAFETY: the caller's contract.
        unsafe {
            engine::correlate(
                self.src,
                &self.taps,
                self.edge,
                self.off,
                self.orient(dst),
                simd_enabled(),
            )
        }
    }

    fn orient(&self, dst: Dst<T>) -> Dst<T> {
        if !self.reversed || dst.rows == 0 || dst.cols == 0 {
            return dst;
        }
        Dst {
            ptr: dst.ptr.wrapping_offset(
                (dst.rows as isize - 1) * dst.rs + (dst.cols as isize - 1) * dst.cs,
            ),
            rs: -dst.rs,
            cs: -dst.cs,
            ..dst
        }
    }
}

/// The weights of `kernel` read in place: flipped for a convolution, conjugated for a
/// correlation.
pub(crate) fn taps_of<T: ConvElement>(kernel: &Src<T>, convolve: bool, conj: bool) -> Taps<T> {
    let (kh, kw) = (kernel.rows, kernel.cols);
    let mut w = Vec::with_capacity(kh * kw);
    for j in 0..kh {
        for k in 0..kw {
            let (r, c) = if convolve {
                (kh - 1 - j, kw - 1 - k)
            } else {
                (j, k)
            };
            // SAFETY: `(r, c)` is inside the kernel view.
            let v = unsafe {
                kernel
                    .ptr
                    .offset(r as isize * kernel.rs + c as isize * kernel.cs)
                    .read()
            };
            w.push(if conj { v.conj() } else { v });
        }
    }
    Taps { w, kh, kw }
}

/// The output length along one axis, `None` when negative.
pub(crate) fn out_len(mode: Mode, n1: usize, n2: usize) -> Option<usize> {
    match mode {
        Mode::Full => (n1 + n2).checked_sub(1),
        Mode::Same => Some(n1),
        Mode::Valid => (n1 + 1).checked_sub(n2),
    }
}

fn plan<T: ConvElement>(
    func: &'static str,
    convolve: bool,
    in1: &ArrayView<'_, T>,
    in2: &ArrayView<'_, T>,
    mode: Mode,
    boundary: Boundary<T>,
) -> Result<Plan<T>> {
    if in1.ndim() != 2 || in2.ndim() != 2 {
        return Err(ConvError::WrongNdim {
            func,
            expected: "2-D",
            in1: in1.shape().to_vec(),
            in2: in2.shape().to_vec(),
        });
    }
    let swapped = inputs_swap_needed(func, mode, in1.shape(), in2.shape())?;
    let (image, kernel) = if swapped { (in2, in1) } else { (in1, in2) };
    let (src, ker) = (src_of(image), src_of(kernel));
    let (Some(rows), Some(cols)) = (
        out_len(mode, src.rows, ker.rows),
        out_len(mode, src.cols, ker.cols),
    ) else {
        return Err(ConvError::NegativeDimension {
            func,
            in1: in1.shape().to_vec(),
            in2: in2.shape().to_vec(),
        });
    };
    let edge = match boundary {
        Boundary::Fill(v) => Edge::Fill(v),
        Boundary::Wrap => Edge::Wrap,
        Boundary::Symm => Edge::Symm,
    };
    let empty_image = src.rows == 0 || src.cols == 0;
    let empty_kernel = ker.rows == 0 || ker.cols == 0;
    if empty_image && !empty_kernel && rows * cols > 0 && !matches!(edge, Edge::Fill(_)) {
        return Err(ConvError::EmptyImage {
            func,
            boundary: boundary.name(),
            shape: image.shape().to_vec(),
        });
    }
    let offset = |k: usize| -> isize {
        let k = k as isize;
        match mode {
            Mode::Full => k - 1,
            Mode::Valid => 0,
            // SciPy centres `same` on the flipped kernel for a convolution: the two differ by
            // one position for even kernels.
            Mode::Same if convolve => k / 2,
            Mode::Same => (k - 1).max(0) / 2,
        }
    };
    Ok(Plan {
        func,
        src,
        taps: taps_of(&ker, convolve, !convolve),
        edge,
        off: (offset(ker.rows), offset(ker.cols)),
        shape: [rows, cols],
        reversed: swapped && !convolve,
        _owned_signal: None,
    })
}
