//! The panel kernel: small matrices (many 8x8 products in a batch) and every product of the
//! types `gemm` does not cover (integers, bool, bf16).
//!
//! The output is cut into column panels of `W` (4, 8 or 16) columns. For a panel, the `k x W`
//! block of `b` is read in place when its rows are contiguous and full, packed (zero-padded,
//! widened to the accumulator type) otherwise. Each output row of the panel is then a `[Acc;
//! W]` accumulator in registers, updated by `k` multiply-adds of a broadcast element of `a`
//! with a row of the panel: a fixed-width loop that LLVM vectorises. The loop is compiled
//! three times (AVX-512, AVX2+FMA, baseline) and the widest the CPU supports runs. Work is
//! split over threads by (batch item, panel, block of 256 rows) units, so that a tall product
//! of a type `gemm` does not cover (an integer matrix times a few columns) uses every core.

use std::any::TypeId;
use std::ops::Range;

use oxarray_core::parallel::for_each_range;

use crate::kernel::{BatchCursor, Product};
use oxarray_core::{Accumulator, Element};

use crate::scalar::LinalgScalar;

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

/// Rows of `a` per unit of parallel work: a tall product (a narrow output with many rows) is
/// split over threads by row blocks as well as by panels. A multiple of 4 (the row group).
const ROW_BLOCK: usize = 256;

/// How a product's work is cut into units: (batch item, column panel, row block).
#[derive(Debug, Clone, Copy)]
struct Units {
    panels: usize,
    row_blocks: usize,
}

impl Units {
    fn new(m: usize, n: usize, w: usize) -> Self {
        Units {
            panels: n.div_ceil(w),
            row_blocks: m.div_ceil(ROW_BLOCK).max(1),
        }
    }

    fn per_item(self) -> usize {
        self.panels * self.row_blocks
    }

    /// `(item, panel, block)` of a unit.
    fn split(self, unit: usize) -> (usize, usize, usize) {
        let (item, rest) = (unit / self.per_item(), unit % self.per_item());
        (item, rest / self.row_blocks, rest % self.row_blocks)
    }
}

/// # Safety
/// The contract of [`crate::kernel::run`].
unsafe fn run_width<T: LinalgScalar, const W: usize>(p: &Product<T>) {
    let units = Units::new(p.m, p.n, W);
    let units_fn = select_units_fn::<T, W>();
    let work_per_unit = p.m.min(ROW_BLOCK) * p.k.max(1) * W;
    for_each_range(p.items() * units.per_item(), work_per_unit, |range| {
        // SAFETY: forwarded contract; distinct units write disjoint (item, panel, row block)
        // blocks of the output.
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

/// Computes the (batch item, column panel, row block) units in `range`.
///
/// # Safety
/// The contract of [`crate::kernel::run`].
#[inline(always)]
unsafe fn units_body<T: LinalgScalar, const W: usize>(p: &Product<T>, range: Range<usize>) {
    let (m, n, k) = (p.m, p.n, p.k);
    let units = Units::new(m, n, W);
    let same_type = TypeId::of::<T>() == TypeId::of::<T::Acc>();
    let mut packed: Vec<T::Acc> = Vec::new();
    // The panel packed last, as (item, panel): consecutive row blocks of one panel reuse it.
    let mut packed_for = None;
    let (first_item, _, _) = units.split(range.start);
    let mut cursor = BatchCursor::new(p, first_item);
    for unit in range {
        let (item, panel, block) = units.split(unit);
        cursor.seek(p, item);
        let (o, a, b) = (cursor.out, cursor.a, cursor.b);
        let j0 = panel * W;
        let width = W.min(n - j0);
        let rows = block * ROW_BLOCK..m.min((block + 1) * ROW_BLOCK);
        let i0 = rows.start as isize;
        // Wrapping arithmetic: an operand with no elements (k = 0) may have a dangling
        // pointer, never dereferenced.
        let (out, a_ptr, b_ptr) = (
            p.out
                .ptr
                .get()
                .wrapping_offset(o + i0 * p.out.rs + j0 as isize * p.out.cs),
            p.a.ptr.get().wrapping_offset(a + i0 * p.a.rs).cast_const(),
            p.b.ptr
                .get()
                .wrapping_offset(b + j0 as isize * p.b.cs)
                .cast_const(),
        );
        let (panel_ptr, panel_rs) = if same_type && width == W && (p.b.cs == 1 || k == 0) {
            // `T` and `T::Acc` are the same type (checked by `TypeId`), and the panel's
            // rows are `W` contiguous elements.
            (b_ptr.cast::<T::Acc>(), p.b.rs)
        } else {
            if packed_for != Some((item, panel)) {
                packed.clear();
                packed.resize(k * W, <T::Acc as Element>::zero());
                for (kk, row) in packed.chunks_exact_mut(W).enumerate() {
                    for (j, slot) in row[..width].iter_mut().enumerate() {
                        // SAFETY: row `kk < k`, column `j0 + j < n` of `b` (caller contract).
                        *slot = unsafe {
                            (*b_ptr.offset(kk as isize * p.b.rs + j as isize * p.b.cs)).to_acc()
                        };
                    }
                }
                packed_for = Some((item, panel));
            }
            (packed.as_ptr(), W as isize)
        };
        // SAFETY: rows `rows` of `a` and `out` (the pointers start at row `rows.start`), the
        // `k x W` panel valid for reads at `panel_ptr` with row stride `panel_rs` (in place or
        // packed), `width` columns of `out` from `j0` (caller contract).
        unsafe {
            panel_rows::<T, W>(
                rows.len(),
                width,
                k,
                (out, p.out.rs, p.out.cs),
                (a_ptr, p.a.rs, p.a.cs),
                (panel_ptr, panel_rs),
            )
        };
    }
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
    out: (*mut T, isize, isize),
    a: (*const T, isize, isize),
    panel: (*const T::Acc, isize),
) {
    // Four rows at a time: four independent accumulator chains keep the FMA units busy
    // instead of waiting on one chain's latency.
    let mut i = 0;
    while i + 4 <= m {
        // SAFETY: rows `i..i + 4 <= m` (forwarded contract).
        unsafe { rows::<T, W, 4>(i, width, k, out, a, panel) };
        i += 4;
    }
    while i < m {
        // SAFETY: row `i < m` (forwarded contract).
        unsafe { rows::<T, W, 1>(i, width, k, out, a, panel) };
        i += 1;
    }
}

/// Rows `i0..i0 + R` of [`panel_rows`].
///
/// # Safety
/// The contract of [`panel_rows`] with `i0 + R <= m`.
#[inline(always)]
unsafe fn rows<T: LinalgScalar, const W: usize, const R: usize>(
    i0: usize,
    width: usize,
    k: usize,
    (out, out_rs, out_cs): (*mut T, isize, isize),
    (a, a_rs, a_cs): (*const T, isize, isize),
    (panel, panel_rs): (*const T::Acc, isize),
) {
    let mut acc = [[<T::Acc as Element>::zero(); W]; R];
    // Wrapping: with k = 0 the rows of `a` are empty and their pointers may dangle.
    let a_rows: [*const T; R] =
        std::array::from_fn(|r| a.wrapping_offset((i0 + r) as isize * a_rs));
    for p in 0..k {
        // SAFETY: row `p < k` of the panel (contract).
        let row = unsafe {
            panel
                .offset(p as isize * panel_rs)
                .cast::<[T::Acc; W]>()
                .read()
        };
        for r in 0..R {
            // SAFETY: element `(i0 + r, p)` of `a` (contract).
            let x = unsafe { *a_rows[r].offset(p as isize * a_cs) }.to_acc();
            for j in 0..W {
                acc[r][j] = acc[r][j].acc_mul_add(x, row[j]);
            }
        }
    }
    for r in 0..R {
        // Wrapping: computed for every row; written only below, inside `out`.
        let out_row = out.wrapping_offset((i0 + r) as isize * out_rs);
        if out_cs == 1 && width == W {
            for j in 0..W {
                // SAFETY: columns `0..W` of row `i0 + r < m`, unit stride (contract).
                unsafe { *out_row.add(j) = T::from_acc(acc[r][j]) };
            }
        } else {
            for j in 0..width {
                // SAFETY: column `j < width` of row `i0 + r < m` (contract).
                unsafe { *out_row.offset(j as isize * out_cs) = T::from_acc(acc[r][j]) };
            }
        }
    }
}
