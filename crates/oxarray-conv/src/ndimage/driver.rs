//! The two loops every `ndimage` function runs on, both in `double` as SciPy's:
//!
//! - [`correlate`]: an n-d correlation with a kernel of any shape, output rows along the
//!   innermost axis. For each output row the kernel's rows (all its positions but along the
//!   inner axis) each name one input row, found by the boundary rule along the outer axes;
//!   that row is read once into a buffer extended by the rule along the inner axis, and the
//!   crate's one row kernel ([`ConvElement::correlate_row`](crate::ConvElement), SIMD for
//!   f64) sums them all. A 1-D filter along an outer axis is the same loop with a kernel of
//!   one column: it runs down whole rows at once, vectorised across them.
//! - [`for_each_line`]: a line filter (`uniform_filter1d`'s running sum) applied to every
//!   line along one axis, each line read into an extended buffer first, as SciPy's
//!   `NI_ArrayToLineBuffer` / `NI_ExtendLine` do.
//!
//! Both split their work over the threads when it is large enough.

use oxarray_core::parallel::{SendPtr, for_each_range};

use super::element::NdElement;
use crate::element::ConvElement;
use crate::engine::{Edge, extend};

/// A read-only strided n-d operand (element strides).
#[derive(Clone, Debug)]
pub(crate) struct NdSrc<T> {
    pub ptr: *const T,
    pub shape: Vec<usize>,
    pub strides: Vec<isize>,
}

/// A writable strided n-d operand with the shape of the [`NdSrc`] it is written from.
#[derive(Clone, Debug)]
pub(crate) struct NdDst<T> {
    pub ptr: *mut T,
    pub strides: Vec<isize>,
}

/// The weights of an n-d correlation, C order, and where each axis puts its centre:
/// output `i` reads input `i + j - off` for tap `j` (SciPy's `shape // 2 + origin`).
#[derive(Clone, Debug)]
pub(crate) struct NdKernel {
    pub w: Vec<f64>,
    pub shape: Vec<usize>,
    pub off: Vec<isize>,
}

/// Reads the `len` values at `ptr` (`stride` apart) into `buf`, converted to `double`,
/// after `before` values that extend the line on the left by `edge` and followed by
/// `buf.len() - before - len` values extending it on the right.
///
/// # Safety
/// `ptr` must be valid for reading `len >= 1` values at `stride`.
#[inline]
unsafe fn gather_line<T: NdElement>(
    ptr: *const T,
    len: usize,
    stride: isize,
    before: usize,
    edge: &Edge<f64>,
    buf: &mut [f64],
) {
    let fill = match edge {
        Edge::Fill(v) => *v,
        _ => 0.0,
    };
    for (t, slot) in buf.iter_mut().enumerate() {
        let i = t as isize - before as isize;
        *slot = match extend(i, len, edge) {
            // SAFETY: `extend` returns an index below `len` (caller: `len` values readable).
            Some(x) => unsafe { ptr.offset(x as isize * stride).read() }.to_f64(),
            None => fill,
        };
    }
}

/// The C-order multi-index of `m` in `shape`, written into `idx`.
#[inline]
fn unravel(mut m: usize, shape: &[usize], idx: &mut [usize]) {
    for d in (0..shape.len()).rev() {
        idx[d] = m % shape[d];
        m /= shape[d];
    }
}

/// `kernel` with its axes reordered: new axis `d` is old axis `perm[d]`.
fn permute_kernel(kernel: &NdKernel, perm: &[usize]) -> NdKernel {
    let n = perm.len();
    let shape: Vec<usize> = perm.iter().map(|&p| kernel.shape[p]).collect();
    let off: Vec<isize> = perm.iter().map(|&p| kernel.off[p]).collect();
    // C-order strides of the old kernel, read in the new order.
    let mut old_strides = vec![1usize; n];
    for d in (0..n.saturating_sub(1)).rev() {
        old_strides[d] = old_strides[d + 1] * kernel.shape[d + 1];
    }
    let mut idx = vec![0usize; n];
    let w = (0..kernel.w.len())
        .map(|m| {
            unravel(m, &shape, &mut idx);
            let at: usize = (0..n).map(|d| idx[d] * old_strides[perm[d]]).sum();
            kernel.w[at]
        })
        .collect();
    NdKernel { w, shape, off }
}

/// The axis to run rows along: the one with the smallest input stride among those longer
/// than one element (the last axis on ties and for arrays of single elements).
fn inner_axis(shape: &[usize], strides: &[isize]) -> usize {
    let n = shape.len();
    (0..n)
        .rev()
        .filter(|&d| shape[d] > 1)
        .min_by_key(|&d| strides[d].unsigned_abs())
        .unwrap_or(n - 1)
}

/// The n-d correlation of `src` with `kernel` into `dst` (same shape), the image extended by
/// `edge` along every axis, summed in `double` and stored by [`NdElement::from_f64`].
///
/// Weights of magnitude at most `f64::EPSILON` are left out, as SciPy's `NI_Correlate`
/// leaves them out of its footprint. With `accumulate`, each stored result is added to the
/// value `dst` holds, in the element type (`generic_laplace`'s `output += tmp`).
///
/// # Safety
/// `src` must be valid for reading each of its elements at its strides and `dst` for
/// writing each element of the same shape at its strides, every `dst` position distinct and
/// none of them an element of `src`; `kernel` must have `src`'s rank, no empty axis, and
/// `0 <= off[d] < shape[d]`. With `accumulate`, `dst` must also be readable and initialised.
pub(crate) unsafe fn correlate<T: NdElement>(
    src: &NdSrc<T>,
    kernel: &NdKernel,
    edge: Edge<f64>,
    dst: &NdDst<T>,
    accumulate: bool,
    simd: bool,
) {
    if src.shape.contains(&0) {
        return;
    }
    // A 0-d problem is a 1-d problem of one element.
    let (mut shape, mut sstr, mut dstr, mut kernel) = (
        src.shape.clone(),
        src.strides.clone(),
        dst.strides.clone(),
        kernel.clone(),
    );
    if shape.is_empty() {
        shape.push(1);
        sstr.push(0);
        dstr.push(0);
        kernel.shape.push(1);
        kernel.off.push(0);
    }
    let n = shape.len();
    let a = inner_axis(&shape, &sstr);
    if a != n - 1 {
        let perm: Vec<usize> = (0..n).filter(|&d| d != a).chain([a]).collect();
        shape = perm.iter().map(|&p| shape[p]).collect();
        sstr = perm.iter().map(|&p| sstr[p]).collect();
        dstr = perm.iter().map(|&p| dstr[p]).collect();
        kernel = permute_kernel(&kernel, &perm);
    }
    let (len, kw) = (shape[n - 1], kernel.shape[n - 1]);
    let before = kernel.off[n - 1] as usize;
    let outer = &shape[..n - 1];
    // The kernel rows that carry a weight: their displacement along the outer axes and
    // their weights, packed.
    let mut row_disp: Vec<Vec<isize>> = Vec::new();
    let mut weights: Vec<f64> = Vec::new();
    let mut kidx = vec![0usize; n - 1];
    for r in 0..kernel.w.len() / kw {
        let row = &kernel.w[r * kw..(r + 1) * kw];
        if row.iter().all(|w| w.abs() <= f64::EPSILON) {
            continue;
        }
        unravel(r, &kernel.shape[..n - 1], &mut kidx);
        row_disp.push(
            (0..n - 1)
                .map(|d| kidx[d] as isize - kernel.off[d])
                .collect(),
        );
        weights.extend(
            row.iter()
                .map(|&w| if w.abs() <= f64::EPSILON { 0.0 } else { w }),
        );
    }
    let rows = row_disp.len();
    let ext_len = len + kw - 1;
    let out_rows: usize = outer.iter().product();
    let (src_ptr, dst_ptr) = (SendPtr::from_const(src.ptr), SendPtr::new(dst.ptr));
    for_each_range(out_rows, len * rows.max(1) * kw, |range| {
        let (sp, dp) = (src_ptr.get().cast_const(), dst_ptr.get());
        let mut buffers = vec![0.0f64; rows * ext_len];
        let fill_row: Vec<f64> = match edge {
            Edge::Fill(v) => vec![v; ext_len],
            _ => Vec::new(),
        };
        let mut row_ptrs: Vec<*const f64> = vec![std::ptr::null(); rows];
        let mut out_row = vec![0.0f64; len];
        let mut idx = vec![0usize; n - 1];
        for m in range {
            unravel(m, outer, &mut idx);
            for (k, disp) in row_disp.iter().enumerate() {
                let mut base = 0isize;
                let mut inside = true;
                for d in 0..n - 1 {
                    match extend(idx[d] as isize + disp[d], shape[d], &edge) {
                        Some(x) => base += x as isize * sstr[d],
                        None => {
                            inside = false;
                            break;
                        }
                    }
                }
                row_ptrs[k] = if !inside {
                    fill_row.as_ptr()
                } else {
                    let buf = &mut buffers[k * ext_len..(k + 1) * ext_len];
                    // SAFETY: `base` locates an input row (every outer index in bounds), of
                    // `len` readable values at the inner stride (caller).
                    unsafe { gather_line(sp.offset(base), len, sstr[n - 1], before, &edge, buf) };
                    buf.as_ptr()
                };
            }
            if rows == 0 {
                out_row.fill(0.0);
            } else {
                // SAFETY: each row pointer reads `ext_len = len + kw - 1` values of this
                // thread's buffers; `out_row` holds `len` values of its own.
                unsafe {
                    f64::correlate_row(&row_ptrs, &weights, kw, len, out_row.as_mut_ptr(), simd)
                };
            }
            let base: isize = (0..n - 1).map(|d| idx[d] as isize * dstr[d]).sum();
            for (t, &v) in out_row.iter().enumerate() {
                // SAFETY: output row `m` is inside `dst` and this thread's alone
                // (`for_each_range` hands out disjoint ranges); it is initialised when
                // accumulating (caller).
                unsafe {
                    let p = dp.offset(base + t as isize * dstr[n - 1]);
                    let v = T::from_f64(v);
                    p.write(if accumulate {
                        T::mul_add(p.read(), v, T::one())
                    } else {
                        v
                    });
                }
            }
        }
    });
}

/// Runs `filter` on every line of `src` along `axis`: each line is read into a `double`
/// buffer extended by `before` values on the left and `after` on the right by `edge`,
/// `filter(extended, out)` writes the `len` results, and they are stored into `dst`'s line.
///
/// # Safety
/// As [`correlate`] for `src` and `dst`; `axis < src.shape.len()` (or the array is 0-d).
pub(crate) unsafe fn for_each_line<T: NdElement>(
    src: &NdSrc<T>,
    axis: usize,
    before: usize,
    after: usize,
    edge: Edge<f64>,
    dst: &NdDst<T>,
    filter: impl Fn(&[f64], &mut [f64]) + Sync,
) {
    if src.shape.contains(&0) {
        return;
    }
    let (len, sstride, dstride) = match src.shape.get(axis) {
        Some(&len) => (len, src.strides[axis], dst.strides[axis]),
        None => (1, 0, 0),
    };
    let others: Vec<usize> = (0..src.shape.len()).filter(|&d| d != axis).collect();
    let outer: Vec<usize> = others.iter().map(|&d| src.shape[d]).collect();
    let sstrides: Vec<isize> = others.iter().map(|&d| src.strides[d]).collect();
    let dstrides: Vec<isize> = others.iter().map(|&d| dst.strides[d]).collect();
    let lines: usize = outer.iter().product();
    let (src_ptr, dst_ptr) = (SendPtr::from_const(src.ptr), SendPtr::new(dst.ptr));
    for_each_range(lines, len + before + after, |range| {
        let (sp, dp) = (src_ptr.get().cast_const(), dst_ptr.get());
        let mut ext = vec![0.0f64; len + before + after];
        let mut out = vec![0.0f64; len];
        let mut idx = vec![0usize; outer.len()];
        for m in range {
            unravel(m, &outer, &mut idx);
            let (mut sbase, mut dbase) = (0isize, 0isize);
            for k in 0..idx.len() {
                sbase += idx[k] as isize * sstrides[k];
                dbase += idx[k] as isize * dstrides[k];
            }
            // SAFETY: `sbase` locates a line of `len` readable values at `sstride` (caller).
            unsafe { gather_line(sp.offset(sbase), len, sstride, before, &edge, &mut ext) };
            filter(&ext, &mut out);
            for (t, &v) in out.iter().enumerate() {
                // SAFETY: line `m` of `dst`, this thread's alone.
                unsafe {
                    dp.offset(dbase + t as isize * dstride)
                        .write(T::from_f64(v))
                };
            }
        }
    });
}
