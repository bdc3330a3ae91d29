//! The one batched, strided matrix product every public function lowers to:
//! `out[b] = a[b] @ b[b]` for every batch index `b`, each operand given by a pointer and its
//! own strides (signed, in elements; zero for broadcast batch axes). No operand is copied
//! here: `gemm` receives the strides as they are, and the panel kernel packs at most one
//! `k x 16` panel of `b` at a time.
//!
//! How a product runs:
//! * `gemm` types (f16, f32, f64, c64, c128): small matrices (both output sides <= 16 and a
//!   short `k`) go to the panel kernel of [`crate::small`], where `gemm`'s per-call set-up
//!   would cost more than the arithmetic; otherwise one `gemm` call per matrix, with rayon
//!   threads inside `gemm` for large matrices and threads over the batch for many small ones.
//! * other types (integers, bool, bf16): the panel kernel, threads over batch x column panels.

use std::ops::Range;
use std::sync::Arc;

use gemm::Parallelism;
use oxarray_core::iter::unravel;
use oxarray_core::parallel::{SendPtr, for_each_range};
use oxarray_core::{Array, Layout, Order, Result, Storage};

use crate::scalar::LinalgScalar;
use crate::{narrow, small};

/// A new C-order array whose elements a kernel is about to write.
///
/// Results are allocated uninitialised (not zeroed): a zeroed allocation of fresh pages costs
/// a page fault per 4 KiB on first touch, which is most of the time of a batch of small
/// products, while the product writes every element anyway.
#[derive(Debug)]
pub(crate) struct Uninit<T> {
    storage: Storage,
    pub layout: Layout,
    _elem: std::marker::PhantomData<T>,
}

impl<T: LinalgScalar> Uninit<T> {
    /// Room for a C-order array of `shape`, from oxarray's 64-byte-aligned allocator.
    pub fn new(shape: &[usize]) -> Result<Self> {
        let size = oxarray_core::layout::checked_size(shape, size_of::<T>())?;
        Ok(Uninit {
            storage: Storage::uninit::<T>(size)?,
            layout: Layout::contiguous(shape, Order::C),
            _elem: std::marker::PhantomData,
        })
    }

    /// Pointer to element `[0, .., 0]`.
    pub fn as_mut_ptr(&mut self) -> *mut T {
        self.storage.as_ptr().cast::<T>()
    }

    /// The array, once written.
    ///
    /// # Safety
    /// Every element of the layout has been written through [`Uninit::as_mut_ptr`].
    pub unsafe fn assume_init(self) -> Result<Array<T>> {
        // SAFETY: the storage holds exactly the C-contiguous elements of `layout` (aligned to
        // 64 bytes), all written (caller contract); nothing else refers to it.
        Ok(unsafe { Array::from_storage(Arc::new(self.storage), 0, self.layout) })
    }
}

/// Products of at least this many multiply-adds run `gemm` with rayon threads; below it,
/// batches are split over threads instead (one single-threaded `gemm` per matrix).
const GEMM_THREADED_MIN_WORK: usize = 1 << 20;

/// One operand of a batched product: pointer to element `[0, .., 0]`, the strides of the
/// batch axes, and the row and column strides of each matrix.
#[derive(Debug, Clone)]
pub(crate) struct Operand<T> {
    pub ptr: SendPtr<T>,
    pub batch_strides: Vec<isize>,
    pub rs: isize,
    pub cs: isize,
}

impl<T> Operand<T> {
    /// The operand of the transposed product (rows and columns exchanged).
    fn transposed(&self) -> Self {
        Operand {
            ptr: self.ptr,
            batch_strides: self.batch_strides.clone(),
            rs: self.cs,
            cs: self.rs,
        }
    }
}

/// `out[b] (m x n) = a[b] (m x k) @ b[b] (k x n)` for every `b` of `batch_shape`.
#[derive(Debug, Clone)]
pub(crate) struct Product<T> {
    pub m: usize,
    pub n: usize,
    pub k: usize,
    pub batch_shape: Vec<usize>,
    pub out: Operand<T>,
    pub a: Operand<T>,
    pub b: Operand<T>,
}

impl<T: LinalgScalar> Product<T> {
    /// Number of matrices in the batch.
    pub fn items(&self) -> usize {
        self.batch_shape.iter().product()
    }

    /// The same product computed as `out^T = b^T @ a^T`.
    pub(crate) fn transposed(&self) -> Self {
        Product {
            m: self.n,
            n: self.m,
            k: self.k,
            batch_shape: self.batch_shape.clone(),
            out: self.out.transposed(),
            a: self.b.transposed(),
            b: self.a.transposed(),
        }
    }

    /// Element offsets of `(out, a, b)` for the batch items in `range`, in order.
    pub fn for_each_item(&self, range: Range<usize>, mut f: impl FnMut(isize, isize, isize)) {
        let mut cursor = BatchCursor::new(self, range.start);
        for _ in range {
            f(cursor.out, cursor.a, cursor.b);
            cursor.advance(self);
        }
    }
}

/// The element offsets of one batch item in each operand, stepped through the batch in
/// order (an odometer). A struct with inlined methods rather than a closure-taking loop, so
/// that it inlines into the kernels compiled for wider instruction sets.
#[derive(Debug)]
pub(crate) struct BatchCursor {
    index: oxarray_core::Dims,
    /// The batch item the offsets are at (the flat form of `index`).
    item: usize,
    pub out: isize,
    pub a: isize,
    pub b: isize,
}

impl BatchCursor {
    /// The cursor at batch item `start`.
    #[inline(always)]
    pub fn new<T>(p: &Product<T>, start: usize) -> Self {
        let index = unravel(start, &p.batch_shape);
        let offset = |strides: &[isize]| -> isize {
            index
                .iter()
                .zip(strides)
                .map(|(&i, &s)| i as isize * s)
                .sum()
        };
        BatchCursor {
            out: offset(&p.out.batch_strides),
            a: offset(&p.a.batch_strides),
            b: offset(&p.b.batch_strides),
            index,
            item: start,
        }
    }

    /// Moves forward to batch item `item` (no move when the cursor is already there).
    #[inline(always)]
    pub fn seek<T>(&mut self, p: &Product<T>, item: usize) {
        while self.item < item {
            self.advance(p);
        }
    }

    /// Moves to the next batch item.
    #[inline(always)]
    pub fn advance<T>(&mut self, p: &Product<T>) {
        self.item += 1;
        let shape = &p.batch_shape;
        for ax in (0..shape.len()).rev() {
            self.index[ax] += 1;
            self.out += p.out.batch_strides[ax];
            self.a += p.a.batch_strides[ax];
            self.b += p.b.batch_strides[ax];
            if self.index[ax] < shape[ax] {
                return;
            }
            let back = shape[ax] as isize;
            self.out -= p.out.batch_strides[ax] * back;
            self.a -= p.a.batch_strides[ax] * back;
            self.b -= p.b.batch_strides[ax] * back;
            self.index[ax] = 0;
        }
    }
}

/// Whether the panel kernel beats a `gemm` call for one `m x n x k` product.
fn prefers_panel_kernel(m: usize, n: usize, k: usize) -> bool {
    m <= 16 && n <= 16 && k <= 64
}

/// Runs the product.
///
/// # Safety
/// Every pointer, offset by any in-bounds batch index, row and column through its strides,
/// addresses a valid, initialised `T`; the elements of `out` are pairwise distinct, writable,
/// and not read through `a` or `b`, for the duration of the call.
pub(crate) unsafe fn run<T: LinalgScalar>(p: &Product<T>) {
    let items = p.items();
    if items == 0 || p.m == 0 || p.n == 0 {
        return;
    }
    if !T::USES_GEMM || prefers_panel_kernel(p.m, p.n, p.k) {
        let oriented = orient_for_panels(p);
        // SAFETY: forwarded contract; transposing exchanges roles without changing addresses.
        unsafe { small::run_panels(oriented.as_ref().unwrap_or(p)) };
        return;
    }
    if let Some(narrow) = narrow::plan(p) {
        // SAFETY: forwarded contract; transposing exchanges roles without changing addresses.
        unsafe { narrow::run(&narrow) };
        return;
    }
    let work = p.m.saturating_mul(p.n).saturating_mul(p.k);
    let threads = rayon::current_num_threads();
    if items == 1 || work >= GEMM_THREADED_MIN_WORK || threads == 1 {
        let par = if threads > 1 && work >= GEMM_THREADED_MIN_WORK / 4 {
            Parallelism::Rayon(threads)
        } else {
            Parallelism::None
        };
        p.for_each_item(0..items, |o, a, b| {
            // SAFETY: forwarded contract, at the offsets of one batch item.
            unsafe { gemm_one(p, o, a, b, par) };
        });
    } else {
        for_each_range(items, work, |range| {
            p.for_each_item(range, |o, a, b| {
                // SAFETY: forwarded contract; distinct batch items write disjoint outputs.
                unsafe { gemm_one(p, o, a, b, Parallelism::None) };
            });
        });
    }
}

/// The panel kernel runs fastest when `b`'s rows are contiguous (no packing) and the output
/// is wide: transpose the problem when that helps.
fn orient_for_panels<T: LinalgScalar>(p: &Product<T>) -> Option<Product<T>> {
    let direct = |q: &Product<T>| q.b.cs == 1 || q.k <= 1;
    let swap = match (direct(p), p.a.rs == 1 || p.k <= 1) {
        (true, false) => false,
        (false, true) => true,
        // Both or neither direct: prefer the wider output row, which fills the SIMD lanes.
        _ => p.n < p.m && p.n <= 16,
    };
    swap.then(|| p.transposed())
}

/// One `gemm` call for the batch item at offsets `(o, a, b)`.
///
/// # Safety
/// As [`run`], for this item.
unsafe fn gemm_one<T: LinalgScalar>(
    p: &Product<T>,
    o: isize,
    a: isize,
    b: isize,
    par: Parallelism,
) {
    // SAFETY: the caller guarantees the three matrices are valid at these offsets with these
    // strides and that `out` is distinct from the inputs; `T::USES_GEMM` says `gemm` accepts
    // `T` (f16, f32, f64, c32, c64), so it does not panic. `read_dst = false`: the output is
    // overwritten (alpha is ignored), beta = 1 scales the product.
    unsafe {
        gemm::gemm::<T>(
            p.m,
            p.n,
            p.k,
            p.out.ptr.get().wrapping_offset(o),
            p.out.cs,
            p.out.rs,
            false,
            p.a.ptr.get().wrapping_offset(a),
            p.a.cs,
            p.a.rs,
            p.b.ptr.get().wrapping_offset(b),
            p.b.cs,
            p.b.rs,
            T::zero(),
            T::one(),
            false,
            false,
            false,
            par,
        )
    }
}
