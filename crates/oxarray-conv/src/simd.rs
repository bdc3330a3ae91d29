//! The SIMD row kernel of f32 and f64: the weights live in registers, each output register
//! accumulates every tap before it is stored once, four registers at a time so that the fused
//! multiply-adds of independent registers overlap.
//!
//! Kernels of 3x3 and 5x5 (and the rows and columns 1x3, 3x1, 1x5, 5x1) are compiled
//! for their fixed size, so that the taps unroll and the weights stay in registers; other
//! sizes take the loop over taps. pulp picks AVX-512, AVX2+FMA, NEON or scalar at run time.

use pulp::{Arch, Simd, WithSimd};

/// f32 and f64: their pulp register type and the few operations the kernel needs.
pub(crate) trait SimdFloat: Copy + Default + Send + Sync + 'static {
    /// The register of `lanes::<S>()` values.
    type V<S: Simd>: Copy;

    /// A register with every lane `x`.
    fn splat<S: Simd>(simd: S, x: Self) -> Self::V<S>;

    /// `a * b + c`, fused where the machine has it.
    fn fma<S: Simd>(simd: S, a: Self::V<S>, b: Self::V<S>, c: Self::V<S>) -> Self::V<S>;

    /// `a * b + c` on one value, rounded as the vector body rounds it.
    fn fma_scalar(a: Self, b: Self, c: Self) -> Self;

    /// Values per register.
    #[inline(always)]
    fn lanes<S: Simd>() -> usize {
        size_of::<Self::V<S>>() / size_of::<Self>()
    }
}

impl SimdFloat for f32 {
    type V<S: Simd> = S::f32s;
    #[inline(always)]
    fn splat<S: Simd>(simd: S, x: Self) -> S::f32s {
        simd.splat_f32s(x)
    }
    #[inline(always)]
    fn fma<S: Simd>(simd: S, a: S::f32s, b: S::f32s, c: S::f32s) -> S::f32s {
        simd.mul_add_e_f32s(a, b, c)
    }
    #[inline(always)]
    fn fma_scalar(a: Self, b: Self, c: Self) -> Self {
        a.mul_add(b, c)
    }
}

impl SimdFloat for f64 {
    type V<S: Simd> = S::f64s;
    #[inline(always)]
    fn splat<S: Simd>(simd: S, x: Self) -> S::f64s {
        simd.splat_f64s(x)
    }
    #[inline(always)]
    fn fma<S: Simd>(simd: S, a: S::f64s, b: S::f64s, c: S::f64s) -> S::f64s {
        simd.mul_add_e_f64s(a, b, c)
    }
    #[inline(always)]
    fn fma_scalar(a: Self, b: Self, c: Self) -> Self {
        a.mul_add(b, c)
    }
}

/// Loads one register from `ptr`.
///
/// # Safety
/// `ptr` must be valid for reading `lanes` values.
#[inline(always)]
unsafe fn load<S: Simd, T: SimdFloat>(ptr: *const T) -> T::V<S> {
    // SAFETY: caller's contract; a register is plain data of its lanes.
    unsafe { ptr.cast::<T::V<S>>().read_unaligned() }
}

/// Stores one register at `ptr`.
///
/// # Safety
/// `ptr` must be valid for writing `lanes` values.
#[inline(always)]
unsafe fn store<S: Simd, T: SimdFloat>(ptr: *mut T, v: T::V<S>) {
    // SAFETY: caller's contract.
    unsafe { ptr.cast::<T::V<S>>().write_unaligned(v) }
}

/// The SIMD row kernel (see [`ConvElement::correlate_row`](crate::ConvElement)).
///
/// # Safety
/// As [`ConvElement::correlate_row`](crate::ConvElement::correlate_row).
pub(crate) unsafe fn correlate_row_simd<T: SimdFloat>(
    rows: &[*const T],
    weights: &[T],
    kw: usize,
    len: usize,
    out: *mut T,
) {
    Arch::new().dispatch(RowKernel {
        rows,
        weights,
        kw,
        len,
        out,
    });
}

struct RowKernel<'a, T> {
    rows: &'a [*const T],
    weights: &'a [T],
    kw: usize,
    len: usize,
    out: *mut T,
}

impl<T: SimdFloat> WithSimd for RowKernel<'_, T> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: Simd>(self, simd: S) {
        let RowKernel {
            rows,
            weights,
            kw,
            len,
            out,
        } = self;
        // SAFETY: the contract of `correlate_row_simd`, passed on unchanged; each fixed-size
        // arm runs only for its own `rows.len()` and `kw`.
        unsafe {
            match (rows.len(), kw) {
                (3, 3) => fixed::<S, T, 3, 3>(simd, rows, weights, len, out),
                (5, 5) => fixed::<S, T, 5, 5>(simd, rows, weights, len, out),
                (1, 3) => fixed::<S, T, 1, 3>(simd, rows, weights, len, out),
                (3, 1) => fixed::<S, T, 3, 1>(simd, rows, weights, len, out),
                (1, 5) => fixed::<S, T, 1, 5>(simd, rows, weights, len, out),
                (5, 1) => fixed::<S, T, 5, 1>(simd, rows, weights, len, out),
                _ => dynamic::<S, T>(simd, rows, weights, kw, len, out),
            }
        }
    }
}

/// The row kernel for a `KH x KW` kernel known at compile time.
///
/// # Safety
/// As [`correlate_row_simd`], with `rows.len() == KH` and `weights.len() == KH * KW`.
#[inline(always)]
unsafe fn fixed<S: Simd, T: SimdFloat, const KH: usize, const KW: usize>(
    simd: S,
    rows: &[*const T],
    weights: &[T],
    len: usize,
    out: *mut T,
) {
    let lanes = T::lanes::<S>();
    let zero = T::splat(simd, T::default());
    let mut w = [[zero; KW]; KH];
    let mut r = [std::ptr::null::<T>(); KH];
    for j in 0..KH {
        r[j] = rows[j];
        for k in 0..KW {
            w[j][k] = T::splat(simd, weights[j * KW + k]);
        }
    }
    // SAFETY: every load reads `lanes` values at `row + n + k (+ u * lanes)` with the
    // block inside `len` and `k < kw`, so inside the `len + kw - 1` readable values of each
    // row; every store writes inside `out[..len]` (the caller's contract).
    unsafe {
        let mut n = 0;
        while n + 4 * lanes <= len {
            let (mut a0, mut a1, mut a2, mut a3) = (zero, zero, zero, zero);
            for j in 0..KH {
                for k in 0..KW {
                    let p = r[j].add(n + k);
                    let wv = w[j][k];
                    a0 = T::fma(simd, load::<S, T>(p), wv, a0);
                    a1 = T::fma(simd, load::<S, T>(p.add(lanes)), wv, a1);
                    a2 = T::fma(simd, load::<S, T>(p.add(2 * lanes)), wv, a2);
                    a3 = T::fma(simd, load::<S, T>(p.add(3 * lanes)), wv, a3);
                }
            }
            store::<S, T>(out.add(n), a0);
            store::<S, T>(out.add(n + lanes), a1);
            store::<S, T>(out.add(n + 2 * lanes), a2);
            store::<S, T>(out.add(n + 3 * lanes), a3);
            n += 4 * lanes;
        }
        while n + lanes <= len {
            let mut a = zero;
            for j in 0..KH {
                for k in 0..KW {
                    a = T::fma(simd, load::<S, T>(r[j].add(n + k)), w[j][k], a);
                }
            }
            store::<S, T>(out.add(n), a);
            n += lanes;
        }
        scalar_tail(rows, weights, KW, n, len, out);
    }
}

/// The row kernel for any kernel size: the taps in a loop, one splat per tap and block.
///
/// # Safety
/// As [`correlate_row_simd`].
#[inline(always)]
unsafe fn dynamic<S: Simd, T: SimdFloat>(
    simd: S,
    rows: &[*const T],
    weights: &[T],
    kw: usize,
    len: usize,
    out: *mut T,
) {
    let lanes = T::lanes::<S>();
    let zero = T::splat(simd, T::default());
    // SAFETY: every load reads `lanes` values at `row + n + k (+ u * lanes)` with the
    // block inside `len` and `k < kw`, so inside the `len + kw - 1` readable values of each
    // row; every store writes inside `out[..len]` (the caller's contract).
    unsafe {
        let mut n = 0;
        while n + 4 * lanes <= len {
            let (mut a0, mut a1, mut a2, mut a3) = (zero, zero, zero, zero);
            for (j, &row) in rows.iter().enumerate() {
                for k in 0..kw {
                    let p = row.add(n + k);
                    let wv = T::splat(simd, weights[j * kw + k]);
                    a0 = T::fma(simd, load::<S, T>(p), wv, a0);
                    a1 = T::fma(simd, load::<S, T>(p.add(lanes)), wv, a1);
                    a2 = T::fma(simd, load::<S, T>(p.add(2 * lanes)), wv, a2);
                    a3 = T::fma(simd, load::<S, T>(p.add(3 * lanes)), wv, a3);
                }
            }
            store::<S, T>(out.add(n), a0);
            store::<S, T>(out.add(n + lanes), a1);
            store::<S, T>(out.add(n + 2 * lanes), a2);
            store::<S, T>(out.add(n + 3 * lanes), a3);
            n += 4 * lanes;
        }
        while n + lanes <= len {
            let mut a = zero;
            for (j, &row) in rows.iter().enumerate() {
                for k in 0..kw {
                    let wv = T::splat(simd, weights[j * kw + k]);
                    a = T::fma(simd, load::<S, T>(row.add(n + k)), wv, a);
                }
            }
            store::<S, T>(out.add(n), a);
            n += lanes;
        }
        scalar_tail(rows, weights, kw, n, len, out);
    }
}

/// The last `len - start` values of a row, one by one, rounded as the vector body.
///
/// # Safety
/// As [`correlate_row_simd`].
#[inline(always)]
unsafe fn scalar_tail<T: SimdFloat>(
    rows: &[*const T],
    weights: &[T],
    kw: usize,
    start: usize,
    len: usize,
    out: *mut T,
) {
    for n in start..len {
        let mut acc = T::default();
        for (j, &row) in rows.iter().enumerate() {
            for k in 0..kw {
                // SAFETY: `n + k < len + kw - 1`, inside the row (caller).
                let x = unsafe { row.add(n + k).read() };
                acc = T::fma_scalar(x, weights[j * kw + k], acc);
            }
        }
        // SAFETY: `n < len`.
        unsafe { out.add(n).write(acc) };
    }
}
