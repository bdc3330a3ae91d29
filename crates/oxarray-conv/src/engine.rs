//! The one 2-D correlation engine every function of the crate runs on.
//!
//! It computes, for every output position `(m, n)`,
//!
//! ```text
//! out[m, n] = sum over j < kh, k < kw of  ext(m - off_r + j, n - off_c + k) * w[j, k]
//! ```
//!
//! where `ext` reads the image inside its bounds and extends it outside by the [`Edge`] rule
//! (a fill value, periodic wrapping, or symmetric reflection, as SciPy's `fill` / `wrap` /
//! `symm`). Convolution is this with the kernel flipped; the callers choose `w` and the
//! offsets for each mode.
//!
//! The output splits into an interior, where every tap lies inside the image, and a border.
//! Interior rows run the element type's row kernel (SIMD for f32 and f64) on rows read in
//! place when their elements are adjacent; the border, at most `kh - 1` rows and `kw - 1`
//! columns wide for kernels smaller than the image, computes each position with bounds
//! checks. Rows are split over the threads when the work is large enough. Nothing is
//! allocated but a few rows of scratch per thread, for images or outputs whose rows are not
//! contiguous.

use oxarray_core::parallel::{SendPtr, for_each_range};

use crate::element::ConvElement;

/// How the image is extended beyond its bounds.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Edge<T> {
    /// Every value outside is this one (SciPy's `fill`).
    Fill(T),
    /// Periodic (SciPy's `wrap`).
    Wrap,
    /// Reflected about the edge, the edge value repeated (SciPy's `symm`, ndimage's
    /// `reflect`): period `2 * len`.
    Symm,
    /// The edge value repeated (ndimage's `nearest`).
    Nearest,
    /// Reflected about the edge element, which is not repeated (ndimage's `mirror`): period
    /// `2 * len - 2`; a single element repeats.
    Mirror,
}

/// A read-only strided 2-D operand (element strides).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Src<T> {
    pub ptr: *const T,
    pub rows: usize,
    pub cols: usize,
    pub rs: isize,
    pub cs: isize,
}

/// A writable strided 2-D operand.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Dst<T> {
    pub ptr: *mut T,
    pub rows: usize,
    pub cols: usize,
    pub rs: isize,
    pub cs: isize,
}

/// The weights, `kh x kw`, row-major.
#[derive(Clone, Debug)]
pub(crate) struct Taps<T> {
    pub w: Vec<T>,
    pub kh: usize,
    pub kw: usize,
}

impl<T: Copy> Taps<T> {
    fn transposed(&self) -> Taps<T> {
        let mut w = Vec::with_capacity(self.w.len());
        for k in 0..self.kw {
            for j in 0..self.kh {
                w.push(self.w[j * self.kw + k]);
            }
        }
        Taps {
            w,
            kh: self.kw,
            kw: self.kh,
        }
    }
}

/// The image index that position `i` of the extended image reads, `None` for the fill value.
/// `len` must not be zero unless the edge is `Fill`.
#[inline]
pub(crate) fn extend<T>(i: isize, len: usize, edge: &Edge<T>) -> Option<usize> {
    if i >= 0 && (i as usize) < len {
        return Some(i as usize);
    }
    let n = len as isize;
    match edge {
        Edge::Fill(_) => None,
        Edge::Wrap => Some(i.rem_euclid(n) as usize),
        Edge::Symm => {
            let r = i.rem_euclid(2 * n);
            Some(if r < n { r } else { 2 * n - 1 - r } as usize)
        }
        Edge::Nearest => Some(if i < 0 { 0 } else { len - 1 }),
        Edge::Mirror if len == 1 => Some(0),
        Edge::Mirror => {
            let r = i.rem_euclid(2 * n - 2);
            Some(if r < n { r } else { 2 * n - 2 - r } as usize)
        }
    }
}

/// Runs the correlation (see the module docs) of `src` with `taps` into `dst`.
///
/// # Safety
/// `src` must be valid for reading each of its `rows x cols` elements at its strides, `dst`
/// valid for writing each of its elements, every `dst` position distinct (no zero or
/// overlapping strides), and no `dst` element may be an element of `src`. When the image is
/// empty, `edge` must be `Fill` (the callers refuse `wrap` / `symm` of an empty image).
pub(crate) unsafe fn correlate<T: ConvElement>(
    src: Src<T>,
    taps: &Taps<T>,
    edge: Edge<T>,
    off: (isize, isize),
    dst: Dst<T>,
    simd: bool,
) {
    if dst.rows == 0 || dst.cols == 0 {
        return;
    }
    if taps.kh == 0 || taps.kw == 0 || src.rows == 0 || src.cols == 0 {
        // Sums over no taps are zero; an empty image reads the fill value at every tap.
        let value = match edge {
            Edge::Fill(v) if src.rows == 0 || src.cols == 0 => taps
                .w
                .iter()
                .fold(T::zero(), |acc, &w| T::mul_add(acc, v, w)),
            _ => T::zero(),
        };
        for m in 0..dst.rows {
            for n in 0..dst.cols {
                // SAFETY: `(m, n)` is inside `dst`, writable (caller).
                unsafe {
                    dst.ptr
                        .offset(m as isize * dst.rs + n as isize * dst.cs)
                        .write(value)
                };
            }
        }
        return;
    }
    // Rows of adjacent elements are what the row kernel reads in place: a column-major image
    // is run as the transposed problem (transposed image, weights and output).
    if src.cs != 1 && src.rs == 1 {
        let t_src = Src {
            ptr: src.ptr,
            rows: src.cols,
            cols: src.rows,
            rs: src.cs,
            cs: src.rs,
        };
        let t_dst = Dst {
            ptr: dst.ptr,
            rows: dst.cols,
            cols: dst.rows,
            rs: dst.cs,
            cs: dst.rs,
        };
        // SAFETY: the same elements as the caller's operands, only named transposed.
        unsafe { run(t_src, &taps.transposed(), edge, (off.1, off.0), t_dst, simd) };
    } else {
        // SAFETY: the caller's contract.
        unsafe { run(src, taps, edge, off, dst, simd) };
    }
}

/// The interior range `[lo, hi)` of one axis: output positions whose taps all read inside.
fn interior(out_len: usize, len: usize, k: usize, off: isize) -> (usize, usize) {
    let lo = off.max(0);
    let hi = (len as isize - k as isize + 1 + off).min(out_len as isize);
    if hi <= lo {
        (0, 0)
    } else {
        (lo as usize, hi as usize)
    }
}

/// [`correlate`] on a non-empty image, kernel and output.
///
/// # Safety
/// As [`correlate`].
unsafe fn run<T: ConvElement>(
    src: Src<T>,
    taps: &Taps<T>,
    edge: Edge<T>,
    off: (isize, isize),
    dst: Dst<T>,
    simd: bool,
) {
    let (kh, kw) = (taps.kh, taps.kw);
    let (r_lo, r_hi) = interior(dst.rows, src.rows, kh, off.0);
    let (c_lo, c_hi) = interior(dst.cols, src.cols, kw, off.1);
    let width = c_hi - c_lo;
    let src_ptr = SendPtr::from_const(src.ptr);
    let dst_ptr = SendPtr::new(dst.ptr);
    for_each_range(dst.rows, dst.cols * kh * kw, |range| {
        let src = Src {
            ptr: src_ptr.get().cast_const(),
            ..src
        };
        let dst = Dst {
            ptr: dst_ptr.get(),
            ..dst
        };
        let gather = src.cs != 1;
        let scatter = dst.cs != 1;
        let mut row_ptrs: Vec<*const T> = vec![std::ptr::null(); kh];
        let mut gathered: Vec<T> = if gather && width > 0 {
            vec![T::zero(); kh * (width + kw - 1)]
        } else {
            Vec::new()
        };
        let mut out_row: Vec<T> = if scatter {
            vec![T::zero(); width]
        } else {
            Vec::new()
        };
        for m in range {
            let dst_row = dst.ptr.wrapping_offset(m as isize * dst.rs);
            let i0 = m as isize - off.0;
            let point = |n: usize| {
                // SAFETY: `(m, n)` is inside `dst`; the rows of different threads are
                // disjoint (`for_each_range` hands out disjoint ranges), and `point` reads
                // only `src` elements inside its bounds.
                unsafe {
                    dst_row.offset(n as isize * dst.cs).write(border_point(
                        &src,
                        taps,
                        &edge,
                        i0,
                        n as isize - off.1,
                    ))
                };
            };
            if m < r_lo || m >= r_hi || width == 0 {
                (0..dst.cols).for_each(&point);
                continue;
            }
            (0..c_lo).for_each(&point);
            let c0 = c_lo as isize - off.1;
            for j in 0..kh {
                // In the interior, rows `i0 + j` and columns `c0 .. c0 + width + kw - 1` are
                // inside the image.
                let base = src
                    .ptr
                    .wrapping_offset((i0 + j as isize) * src.rs + c0 * src.cs);
                if gather {
                    let row = &mut gathered[j * (width + kw - 1)..(j + 1) * (width + kw - 1)];
                    for (t, slot) in row.iter_mut().enumerate() {
                        // SAFETY: column `c0 + t` of an interior row is inside the image.
                        *slot = unsafe { base.offset(t as isize * src.cs).read() };
                    }
                    row_ptrs[j] = row.as_ptr();
                } else {
                    row_ptrs[j] = base;
                }
            }
            if scatter {
                // SAFETY: each row pointer reads `width + kw - 1` image (or scratch) values,
                // and `out_row` holds `width` values of its own.
                unsafe {
                    T::correlate_row(&row_ptrs, &taps.w, kw, width, out_row.as_mut_ptr(), simd)
                };
                for (t, &v) in out_row.iter().enumerate() {
                    // SAFETY: column `c_lo + t < c_hi <= dst.cols` of row `m`, this thread's.
                    unsafe { dst_row.offset((c_lo + t) as isize * dst.cs).write(v) };
                }
            } else {
                // SAFETY: as above; `dst` row `m` from column `c_lo` holds `width` adjacent
                // elements, this thread's alone, none of them an image element (caller).
                unsafe { T::correlate_row(&row_ptrs, &taps.w, kw, width, dst_row.add(c_lo), simd) };
            }
            (c_hi..dst.cols).for_each(&point);
        }
    });
}

/// One output position with every tap checked against the image bounds.
#[inline]
fn border_point<T: ConvElement>(
    src: &Src<T>,
    taps: &Taps<T>,
    edge: &Edge<T>,
    i0: isize,
    c0: isize,
) -> T {
    let fill = match edge {
        Edge::Fill(v) => *v,
        _ => T::zero(),
    };
    let mut acc = T::zero();
    for j in 0..taps.kh {
        let row = extend(i0 + j as isize, src.rows, edge);
        for k in 0..taps.kw {
            let value = match (row, extend(c0 + k as isize, src.cols, edge)) {
                // SAFETY: `extend` returns indices inside the image, which the caller of
                // `correlate` vouches for.
                (Some(r), Some(c)) => unsafe {
                    src.ptr
                        .offset(r as isize * src.rs + c as isize * src.cs)
                        .read()
                },
                _ => fill,
            };
            acc = T::mul_add(acc, value, taps.w[j * taps.kw + k]);
        }
    }
    acc
}
