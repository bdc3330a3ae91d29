//! The dot kernel: real products with a narrow output (at most [`NARROW_MAX`] columns) whose
//! `a` has contiguous rows, as in `Y @ Z` of a `multi_dot` chain ending in a few columns.
//!
//! `gemm` packs `a` before multiplying, which for a narrow output costs about as much as the
//! multiplication itself. This kernel reads `a` in place instead: `b` is packed transposed
//! (`n x k`, small: at most [`PACKED_MAX_BYTES`]), and each output element is a dot product of
//! a row of `a` with a row of the packed `b`, `lanes` elements per fused multiply-add, two or
//! four rows of `a` at a time so that every loaded register of `b` feeds several chains. The
//! lanes are summed at the end of each row (a different summation order from `gemm`'s, with
//! the same error bound). Work is split over threads by (batch item, block of rows).
//!
//! A product with at most [`NARROW_MAX`] rows and a `b` with contiguous columns is the same
//! problem transposed.

use std::any::TypeId;

use oxarray_core::parallel::for_each_range;
use pulp::{Arch, Simd, WithSimd};

use crate::kernel::{BatchCursor, Product};
use crate::scalar::LinalgScalar;

/// The widest output (columns, or rows once transposed) the kernel takes.
const NARROW_MAX: usize = 8;

/// Shorter dot products are left to the other kernels (the lanes would be mostly tail).
const MIN_K: usize = 32;

/// The packed `b` must stay near the core: every pair of rows of `a` reads it again. (At
/// 128 KiB, f64 with 8 columns and k = 2000, `gemm` is faster again.)
const PACKED_MAX_BYTES: usize = 64 << 10;

/// Rows of `a` per unit of parallel work.
const ROW_BLOCK: usize = 64;

/// The problem to hand to [`run`], `p` itself or its transpose, when the kernel suits it.
pub(crate) fn plan<T: LinalgScalar>(p: &Product<T>) -> Option<Product<T>> {
    let real = TypeId::of::<T>() == TypeId::of::<f64>() || TypeId::of::<T>() == TypeId::of::<f32>();
    if !real || p.k < MIN_K {
        return None;
    }
    let fits = |n: usize| n <= NARROW_MAX && n * p.k * size_of::<T>() <= PACKED_MAX_BYTES;
    if fits(p.n) && p.a.cs == 1 {
        Some(p.clone())
    } else if fits(p.m) && p.b.rs == 1 {
        // (a b)^T = b^T a^T: the rows of b^T are the contiguous columns of b.
        Some(p.transposed())
    } else {
        None
    }
}

/// Runs a product that [`plan`] returned.
///
/// # Safety
/// The contract of [`crate::kernel::run`]; `p` comes from [`plan`] (f32 or f64, `a.cs == 1`,
/// `1 <= n <= NARROW_MAX`, `k >= MIN_K`).
pub(crate) unsafe fn run<T: LinalgScalar>(p: &Product<T>) {
    // SAFETY: the `TypeId` checks make the casts identities; forwarded contract.
    unsafe {
        if TypeId::of::<T>() == TypeId::of::<f64>() {
            run_real::<T, f64>(p);
        } else if TypeId::of::<T>() == TypeId::of::<f32>() {
            run_real::<T, f32>(p);
        }
    }
}

/// # Safety
/// As [`run`], and `T` is `F`.
unsafe fn run_real<T: LinalgScalar, F: Real>(p: &Product<T>) {
    let blocks = p.m.div_ceil(ROW_BLOCK);
    let units = p.items() * blocks;
    let arch = Arch::new();
    for_each_range(units, p.m.min(ROW_BLOCK) * p.k * p.n, |range| {
        let mut packed: Vec<F> = Vec::with_capacity(p.n * p.k);
        let mut packed_item = None;
        let first_item = range.start / blocks;
        let mut cursor = BatchCursor::new(p, first_item);
        for unit in range {
            let (item, block) = (unit / blocks, unit % blocks);
            cursor.seek(p, item);
            let b =
                p.b.ptr
                    .get()
                    .wrapping_offset(cursor.b)
                    .cast_const()
                    .cast::<F>();
            if packed_item != Some(item) {
                packed.clear();
                for j in 0..p.n as isize {
                    // SAFETY: column `j < n`, rows `0..k` of this item's `b` (contract).
                    packed.extend(
                        (0..p.k as isize).map(|q| unsafe { *b.offset(q * p.b.rs + j * p.b.cs) }),
                    );
                }
                packed_item = Some(item);
            }
            let rows = block * ROW_BLOCK..p.m.min((block + 1) * ROW_BLOCK);
            let dots = Dots {
                a: p.a
                    .ptr
                    .get()
                    .wrapping_offset(cursor.a)
                    .cast_const()
                    .cast::<F>(),
                a_rs: p.a.rs,
                bt: &packed,
                k: p.k,
                out: p.out.ptr.get().wrapping_offset(cursor.out).cast::<F>(),
                out_rs: p.out.rs,
                out_cs: p.out.cs,
                rows,
            };
            arch.dispatch(dots);
        }
    });
}

/// `out[i, j] = a[i, :] . bt[j, :]` for the rows `rows` and every `j < bt.len() / k`.
struct Dots<'b, F> {
    /// Row 0 of `a`; rows `a_rs` apart, each `k` contiguous elements.
    a: *const F,
    a_rs: isize,
    /// `b` transposed: `n` rows of `k` contiguous elements.
    bt: &'b [F],
    k: usize,
    /// Element `[0, 0]` of the output.
    out: *mut F,
    out_rs: isize,
    out_cs: isize,
    rows: std::ops::Range<usize>,
}

impl<F: Real> WithSimd for Dots<'_, F> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: Simd>(self, simd: S) {
        // One instantiation per output width: the accumulators are a fixed array in registers.
        // Narrow outputs take four rows at a time so that enough independent chains hide the
        // latency of the multiply-add.
        match self.bt.len() / self.k {
            1 => self.rows_by::<S, 1, 4>(simd),
            2 => self.rows_by::<S, 2, 4>(simd),
            3 => self.rows_by::<S, 3, 2>(simd),
            4 => self.rows_by::<S, 4, 2>(simd),
            5 => self.rows_by::<S, 5, 2>(simd),
            6 => self.rows_by::<S, 6, 2>(simd),
            7 => self.rows_by::<S, 7, 2>(simd),
            _ => self.rows_by::<S, 8, 2>(simd),
        }
    }
}

impl<F: Real> Dots<'_, F> {
    #[inline(always)]
    fn rows_by<S: Simd, const N: usize, const R: usize>(&self, simd: S) {
        let mut i = self.rows.start;
        while i + R <= self.rows.end {
            // SAFETY: rows `i..i + R` are inside `rows` (contract of `run`).
            unsafe { self.block::<S, N, R>(simd, i) };
            i += R;
        }
        while i < self.rows.end {
            // SAFETY: row `i` is inside `rows`.
            unsafe { self.block::<S, N, 1>(simd, i) };
            i += 1;
        }
    }

    /// Rows `i0..i0 + R` of the output.
    ///
    /// # Safety
    /// The rows exist in `a` and the output (contract of `run`), and `bt` holds `N` rows.
    #[inline(always)]
    unsafe fn block<S: Simd, const N: usize, const R: usize>(&self, simd: S, i0: usize) {
        let (k, lanes) = (self.k, F::lanes::<S>());
        let bt = self.bt.as_ptr();
        let a_rows: [*const F; R] =
            std::array::from_fn(|r| self.a.wrapping_offset((i0 + r) as isize * self.a_rs));
        let mut acc = [[F::zeros(simd); N]; R];
        let mut q = 0;
        while q + lanes <= k {
            // SAFETY: elements `q..q + lanes <= k` of the rows of `a` and of `bt`.
            unsafe {
                let av: [F::V<S>; R] = std::array::from_fn(|r| F::load(a_rows[r].add(q)));
                for j in 0..N {
                    let bv = F::load(bt.add(j * k + q));
                    for r in 0..R {
                        acc[r][j] = F::fma(simd, av[r], bv, acc[r][j]);
                    }
                }
            }
            q += lanes;
        }
        if q < k {
            // The last `k - q < lanes` elements, zero-padded (zero products add nothing).
            let rest = k - q;
            // SAFETY: elements `q..k` of the rows of `a` and of `bt`.
            unsafe {
                let av: [F::V<S>; R] =
                    std::array::from_fn(|r| F::load_partial(simd, a_rows[r].add(q), rest));
                for j in 0..N {
                    let bv = F::load_partial(simd, bt.add(j * k + q), rest);
                    for r in 0..R {
                        acc[r][j] = F::fma(simd, av[r], bv, acc[r][j]);
                    }
                }
            }
        }
        for r in 0..R {
            for j in 0..N {
                let dot = F::sum(simd, acc[r][j]);
                let at = (i0 + r) as isize * self.out_rs + j as isize * self.out_cs;
                // SAFETY: output element (i0 + r, j), inside the output (contract of `run`).
                unsafe { *self.out.offset(at) = dot };
            }
        }
    }
}

/// f32 and f64 with their pulp registers.
trait Real: Copy + Send + Sync + 'static {
    type V<S: Simd>: Copy;
    fn zeros<S: Simd>(simd: S) -> Self::V<S>;
    /// `a * b + c`, fused.
    fn fma<S: Simd>(simd: S, a: Self::V<S>, b: Self::V<S>, c: Self::V<S>) -> Self::V<S>;
    fn sum<S: Simd>(simd: S, v: Self::V<S>) -> Self;
    /// The first `len < lanes` elements at `ptr`, the other lanes zero.
    ///
    /// # Safety
    /// `ptr` is valid for reading `len` elements.
    unsafe fn load_partial<S: Simd>(simd: S, ptr: *const Self, len: usize) -> Self::V<S>;

    #[inline(always)]
    fn lanes<S: Simd>() -> usize {
        size_of::<Self::V<S>>() / size_of::<Self>()
    }

    /// # Safety
    /// `ptr` is valid for reading `lanes::<S>()` elements.
    #[inline(always)]
    unsafe fn load<S: Simd>(ptr: *const Self) -> Self::V<S> {
        // SAFETY: caller contract; registers are plain data of their lanes.
        unsafe { ptr.cast::<Self::V<S>>().read_unaligned() }
    }
}

macro_rules! real {
    ($t:ty, $v:ident, $splat:ident, $fma:ident, $sum:ident, $partial:ident) => {
        impl Real for $t {
            type V<S: Simd> = S::$v;

            #[inline(always)]
            fn zeros<S: Simd>(simd: S) -> S::$v {
                simd.$splat(0.0)
            }

            #[inline(always)]
            fn fma<S: Simd>(simd: S, a: S::$v, b: S::$v, c: S::$v) -> S::$v {
                simd.$fma(a, b, c)
            }

            #[inline(always)]
            fn sum<S: Simd>(simd: S, v: S::$v) -> $t {
                simd.$sum(v)
            }

            #[inline(always)]
            unsafe fn load_partial<S: Simd>(simd: S, ptr: *const $t, len: usize) -> S::$v {
                // SAFETY: caller contract.
                simd.$partial(unsafe { std::slice::from_raw_parts(ptr, len) })
            }
        }
    };
}

real!(
    f64,
    f64s,
    splat_f64s,
    mul_add_e_f64s,
    reduce_sum_f64s,
    partial_load_f64s
);
real!(
    f32,
    f32s,
    splat_f32s,
    mul_add_e_f32s,
    reduce_sum_f32s,
    partial_load_f32s
);
