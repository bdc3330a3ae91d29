//! The panel kernel: small matrices (many 8x8 products in a batch) and every product of the
//! types `gemm` does not cover (integers, bool, bf16).
//!
//! The output is cut into column panels of `W` (4, 8 or 16) columns. For a panel, the `k x W`
//! block of `b` is read in place when its rows are contiguous and full, packed (zero-padded,
//! widened to the accumulator type) otherwise. Each output row of the panel is then a `[Acc;
//! W]` accumulator in registers, updated by `k` multiply-adds of a broadcast element of `a`
//! with a row of the panel: a fixed-width loop that LLVM vectorises. The loop is compiled
//! three times (AVX-512, AVX2+FMA, baseline) and the widest the CPU supports runs. Work is
//! split over threads by (batch item, panel) units.

use std::any::TypeId;
use std::ops::Range;

use oxarray_core::parallel::for_each_range;

use crate::kernel::Product;
use crate::scalar::{Accumulator, LinalgScalar};

/// Runs `p` with the panel kernel, the panel width chosen from `p.n`.
///
/// # Safety
/// The contract of [`crate::kernel::run`].
pub(crate) unsafe fn run_panels<T: LinalgScalar>(p: &Product<T>) {
    // SAFETY: forwarded contract.
    unsafe {
        match p.n {
            0..=4 => run_width::<T, 4>(p),
            5..=8 => run_width::<T, 8>(p),
            _ => run_width::<T, 16>(p),
        }
    }
}

type UnitsFn<T> = unsafe fn(&Product<T>, Range<usize>);

/// # Safety
/// The contract of [`crate::kernel::run`].
unsafe fn run_width<T: LinalgScalar, const W: usize>(p: &Product<T>) {
    let panels = p.n.div_ceil(W);
    let units = p.items() * panels;
    let units_fn = select_units_fn::<T, W>();
    for_each_range(units, p.m * p.k.max(1) * W, |range| {
        // SAFETY: forwarded contract; distinct units write disjoint (item, panel) blocks.
        unsafe { units_fn(p, range) };
    });
}

fn select_units_fn<T: LinalgScalar, const W: usize>() -> UnitsFn<T> {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx512f") {
            return units_avx512::<T, W>;
        }
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            return units_avx2::<T, W>;
        }
    }
    units_baseline::<T, W>
}

/// # Safety
/// The contract of [`crate::kernel::run`], and the CPU supports AVX-512F.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512vl,avx512dq,avx2,fma")]
unsafe fn units_avx512<T: LinalgScalar, const W: usize>(p: &Product<T>, range: Range<usize>) {
    // SAFETY: forwarded contract.
    unsafe { units_body::<T, W>(p, range) }
}

/// # Safety
/// The contract of [`crate::kernel::run`], and the CPU supports AVX2 and FMA.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn units_avx2<T: LinalgScalar, const W: usize>(p: &Product<T>, range: Range<usize>) {
    // SAFETY: forwarded contract.
    unsafe { units_body::<T, W>(p, range) }
}

/// # Safety
/// The contract of [`crate::kernel::run`].
unsafe fn units_baseline<T: LinalgScalar, const W: usize>(p: &Product<T>, range: Range<usize>) {
    // SAFETY: forwarded contract.
    unsafe { units_body::<T, W>(p, range) }
}

/// Computes the (batch item, column panel) units in `range`.
///
/// # Safety
/// The contract of [`crate::kernel::run`].
#[inline(always)]
unsafe fn units_body<T: LinalgScalar, const W: usize>(p: &Product<T>, range: Range<usize>) {
    let panels = p.n.div_ceil(W);
    let (m, n, k) = (p.m, p.n, p.k);
    let same_type = TypeId::of::<T>() == TypeId::of::<T::Acc>();
    let mut packed: Vec<T::Acc> = Vec::new();
    let first_item = range.start / panels;
    let last_item = (range.end - 1) / panels;
    let mut item = first_item;
    p.for_each_item(first_item..last_item + 1, |o, a, b| {
        let units_of_item = item * panels..(item + 1) * panels;
        let lo = range.start.max(units_of_item.start) - item * panels;
        let hi = range.end.min(units_of_item.end) - item * panels;
        item += 1;
        for panel in lo..hi {
            let j0 = panel * W;
            let width = W.min(n - j0);
            // SAFETY: offsets of one batch item and of column `j0 < n` (caller contract).
            let (out, a_ptr, b_ptr) = unsafe {
                (
                    p.out.ptr.get().offset(o + j0 as isize * p.out.cs),
                    p.a.ptr.get().offset(a).cast_const(),
                    p.b.ptr.get().offset(b + j0 as isize * p.b.cs).cast_const(),
                )
            };
            let (panel_ptr, panel_rs) = if same_type && width == W && (p.b.cs == 1 || k == 0) {
                // `T` and `T::Acc` are the same type (checked by `TypeId`), and the panel's
                // rows are `W` contiguous elements.
                (b_ptr.cast::<T::Acc>(), p.b.rs)
            } else {
                packed.clear();
                packed.resize(k * W, T::Acc::zero());
                for (kk, row) in packed.chunks_exact_mut(W).enumerate() {
                    for (j, slot) in row[..width].iter_mut().enumerate() {
                        // SAFETY: row `kk < k`, column `j0 + j < n` of `b` (caller contract).
                        *slot = unsafe {
                            (*b_ptr.offset(kk as isize * p.b.rs + j as isize * p.b.cs)).to_acc()
                        };
                    }
                }
                (packed.as_ptr(), W as isize)
            };
            // SAFETY: rows `0..m` of `a` and `out`, the `k x W` panel valid for reads at
            // `panel_ptr` with row stride `panel_rs` (in place or packed), `width` columns of
            // `out` from `j0` (caller contract).
            unsafe {
                panel_rows::<T, W>(
                    m,
                    width,
                    k,
                    (out, p.out.rs, p.out.cs),
                    (a_ptr, p.a.rs, p.a.cs),
                    (panel_ptr, panel_rs),
                )
            };
        }
    });
}

/// `out[i, j] = sum_p a[i, p] * panel[p, j]` for `i < m`, `j < width <= W`.
///
/// # Safety
/// `a` valid for `m x k` reads with its strides; `panel` valid for reads of `W` contiguous
/// accumulators at each of `k` rows `panel_rs` apart; `out` valid for `m x width` writes.
#[inline(always)]
unsafe fn panel_rows<T: LinalgScalar, const W: usize>(
    m: usize,
    width: usize,
    k: usize,
    (out, out_rs, out_cs): (*mut T, isize, isize),
    (a, a_rs, a_cs): (*const T, isize, isize),
    (panel, panel_rs): (*const T::Acc, isize),
) {
    for i in 0..m {
        let mut acc = [T::Acc::zero(); W];
        // SAFETY: row `i < m` of `a`.
        let a_row = unsafe { a.offset(i as isize * a_rs) };
        for p in 0..k {
            // SAFETY: element `(i, p)` of `a` and row `p` of the panel (contract).
            let (x, row) = unsafe {
                (
                    (*a_row.offset(p as isize * a_cs)).to_acc(),
                    &*panel.offset(p as isize * panel_rs).cast::<[T::Acc; W]>(),
                )
            };
            for j in 0..W {
                acc[j] = acc[j].add(x.mul(row[j]));
            }
        }
        // SAFETY: row `i < m` of `out`.
        let out_row = unsafe { out.offset(i as isize * out_rs) };
        if out_cs == 1 && width == W {
            for j in 0..W {
                // SAFETY: columns `0..W` of the row, unit stride.
                unsafe { *out_row.add(j) = T::from_acc(acc[j]) };
            }
        } else {
            for j in 0..width {
                // SAFETY: column `j < width` of the row.
                unsafe { *out_row.offset(j as isize * out_cs) = T::from_acc(acc[j]) };
            }
        }
    }
}
