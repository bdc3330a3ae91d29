//! Stacks of matrices: NumPy's `(..., M, N)` operands, their broadcast batch axes, the
//! per-matrix loop (on rayon threads for many small matrices, on one thread with a threaded
//! `faer` for a few large ones), matrices read in place through their own strides, and
//! fresh result arrays.

use std::ops::Range;
use std::sync::{Arc, Mutex};

use faer::{MatMut, MatRef, Par};
use oxarray_core::iter::unravel;
use oxarray_core::parallel::{SendPtr, for_each_range};
use oxarray_core::{Array, ArrayView, Element, Error, Layout, Order, Result, Storage};

use crate::decomp::kernels::{THREADED_MIN_WORK, par_for};

/// One strided matrix of an operand: element `[0, 0]` and the strides (signed, in elements)
/// of its rows and columns.
#[derive(Debug)]
pub(crate) struct Matrix<T> {
    pub ptr: SendPtr<T>,
    pub rows: usize,
    pub cols: usize,
    pub rs: isize,
    pub cs: isize,
}

impl<T> Clone for Matrix<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Matrix<T> {}

impl<T: Copy> Matrix<T> {
    /// Element `(i, j)`.
    ///
    /// # Safety
    /// `i < rows`, `j < cols`, and the matrix describes valid, initialised elements.
    #[inline(always)]
    pub unsafe fn at(&self, i: usize, j: usize) -> T {
        // SAFETY: in bounds by the caller's contract.
        unsafe {
            *self
                .ptr
                .get()
                .offset(i as isize * self.rs + j as isize * self.cs)
        }
    }

    /// The same elements seen as another type of the same size.
    ///
    /// # Safety
    /// `U` is `T` (the callers check `TypeId`s).
    pub unsafe fn cast<U>(self) -> Matrix<U> {
        Matrix {
            ptr: SendPtr::new(self.ptr.get().cast()),
            rows: self.rows,
            cols: self.cols,
            rs: self.rs,
            cs: self.cs,
        }
    }

    /// The transposed matrix (no data moves).
    pub fn t(self) -> Self {
        Matrix {
            ptr: self.ptr,
            rows: self.cols,
            cols: self.rows,
            rs: self.cs,
            cs: self.rs,
        }
    }

    /// The matrix as a `faer` view.
    ///
    /// # Safety
    /// The matrix describes valid, initialised elements that nothing writes during `'a`.
    pub unsafe fn faer<'a>(self) -> MatRef<'a, T> {
        // SAFETY: forwarded contract; `faer` accepts any strides, negative and zero included.
        unsafe { MatRef::from_raw_parts(self.ptr.get(), self.rows, self.cols, self.rs, self.cs) }
    }

    /// The matrix as a mutable `faer` view.
    ///
    /// # Safety
    /// The matrix describes valid, initialised, pairwise distinct elements that only this
    /// view accesses during `'a`.
    pub unsafe fn faer_mut<'a>(self) -> MatMut<'a, T> {
        // SAFETY: forwarded contract.
        unsafe {
            MatMut::from_raw_parts_mut(self.ptr.get(), self.rows, self.cols, self.rs, self.cs)
        }
    }
}

/// A column-major matrix in a `Vec`: the work matrices the factorisations overwrite.
#[derive(Debug, Clone)]
pub(crate) struct ColMajor<W> {
    pub data: Vec<W>,
    pub rows: usize,
    pub cols: usize,
}

impl<W: Element> ColMajor<W> {
    /// A zero matrix.
    pub fn zeros(rows: usize, cols: usize) -> Self {
        ColMajor {
            data: vec![W::zero(); rows * cols],
            rows,
            cols,
        }
    }

    /// Reshapes in place for reuse across the matrices of a batch (contents unspecified).
    pub fn resize(&mut self, rows: usize, cols: usize) {
        self.data.resize(rows * cols, W::zero());
        self.rows = rows;
        self.cols = cols;
    }

    /// The strided description of this matrix.
    pub fn matrix(&mut self) -> Matrix<W> {
        Matrix {
            ptr: SendPtr::new(self.data.as_mut_ptr()),
            rows: self.rows,
            cols: self.cols,
            rs: 1,
            cs: self.rows as isize,
        }
    }

    /// The strided description of this matrix, for reading.
    pub fn as_matrix(&self) -> Matrix<W> {
        Matrix {
            ptr: SendPtr::from_const(self.data.as_ptr()),
            rows: self.rows,
            cols: self.cols,
            rs: 1,
            cs: self.rows as isize,
        }
    }

    /// A `faer` view.
    pub fn view(&self) -> MatRef<'_, W> {
        MatRef::from_column_major_slice(&self.data, self.rows, self.cols)
    }

    /// A mutable `faer` view.
    pub fn view_mut(&mut self) -> MatMut<'_, W> {
        MatMut::from_column_major_slice_mut(&mut self.data, self.rows, self.cols)
    }

    /// Element `(i, j)`.
    #[inline(always)]
    pub fn get(&self, i: usize, j: usize) -> W {
        self.data[i + j * self.rows]
    }
}

/// Side of the square tiles of a transposing copy: two 32 x 32 tiles of `Complex64` fit
/// in 32 KiB of L1.
const TILE: usize = 32;

/// Copies `src` into `dst` (same shape), converting each element with `convert`. Copies whose
/// unit strides differ (C order into column-major) go tile by tile, so that both sides stay
/// in cache.
///
/// # Safety
/// `src` describes valid elements; `dst` valid, distinct, writable ones that `src` does not
/// alias.
pub(crate) unsafe fn copy_matrix<S: Copy, D>(
    src: Matrix<S>,
    dst: Matrix<D>,
    convert: impl Fn(S) -> D,
) {
    debug_assert!(src.rows == dst.rows && src.cols == dst.cols);
    let (rows, cols) = (src.rows, src.cols);
    let dst_ptr = dst.ptr.get();
    if dst.rs == 1 && src.rs == 1 || dst.rs != 1 && dst.cs != 1 {
        for j in 0..cols {
            for i in 0..rows {
                // SAFETY: i < rows and j < cols, inside `dst` (caller's contract).
                unsafe {
                    *dst_ptr.offset(i as isize * dst.rs + j as isize * dst.cs) =
                        convert(src.at(i, j))
                }
            }
        }
    } else if dst.cs == 1 && src.cs == 1 {
        for i in 0..rows {
            for j in 0..cols {
                // SAFETY: i < rows and j < cols, inside `dst` (caller's contract).
                unsafe {
                    *dst_ptr.offset(i as isize * dst.rs + j as isize * dst.cs) =
                        convert(src.at(i, j))
                }
            }
        }
    } else {
        for jb in (0..cols).step_by(TILE) {
            for ib in (0..rows).step_by(TILE) {
                for j in jb..cols.min(jb + TILE) {
                    for i in ib..rows.min(ib + TILE) {
                        // SAFETY: i < rows and j < cols, inside `dst` (caller's contract).
                        unsafe {
                            *dst_ptr.offset(i as isize * dst.rs + j as isize * dst.cs) =
                                convert(src.at(i, j))
                        }
                    }
                }
            }
        }
    }
}

/// The shape checks of NumPy's `_assert_stacked_2d`: at least two dimensions.
pub(crate) fn check_stacked_2d(op: &'static str, shape: &[usize]) -> Result<(usize, usize)> {
    if shape.len() < 2 {
        return Err(Error::NotEnoughDims {
            op,
            operand: 0,
            ndim: shape.len(),
            required: 2,
        });
    }
    Ok((shape[shape.len() - 2], shape[shape.len() - 1]))
}

/// The shape checks of NumPy's `_assert_stacked_square`: at least two dimensions, the last
/// two equal. Returns the matrix order.
pub(crate) fn check_stacked_square(op: &'static str, shape: &[usize]) -> Result<usize> {
    let (m, n) = check_stacked_2d(op, shape)?;
    if m != n {
        return Err(Error::NotSquare {
            op,
            shape: shape.to_vec(),
        });
    }
    Ok(n)
}

/// The matrices of a stacked operand, laid over a (broadcast) batch shape.
#[derive(Debug)]
pub(crate) struct Stack<T> {
    pub ptr: SendPtr<T>,
    pub rows: usize,
    pub cols: usize,
    pub rs: isize,
    pub cs: isize,
    /// Strides of the batch axes, right-aligned to the batch shape, zero where broadcast.
    pub batch_strides: Vec<isize>,
}

impl<T> Clone for Stack<T> {
    fn clone(&self) -> Self {
        Stack {
            ptr: self.ptr,
            rows: self.rows,
            cols: self.cols,
            rs: self.rs,
            cs: self.cs,
            batch_strides: self.batch_strides.clone(),
        }
    }
}

impl<T: Element> Stack<T> {
    /// The matrices in the last two axes of `view` (which has at least two), broadcast over
    /// `batch` (which `view`'s leading axes must broadcast to).
    pub fn new(view: &ArrayView<'_, T>, batch: &[usize]) -> Stack<T> {
        let nd = view.ndim();
        debug_assert!(nd >= 2);
        Self::with_matrix_axes(view, nd - 2, batch, true)
    }

    /// The vectors in the last axis of `view` (which has at least one) as one-column
    /// matrices, broadcast over `batch`.
    pub fn vectors(view: &ArrayView<'_, T>, batch: &[usize]) -> Stack<T> {
        Self::with_matrix_axes(view, view.ndim() - 1, batch, false)
    }

    fn with_matrix_axes(
        view: &ArrayView<'_, T>,
        lead: usize,
        batch: &[usize],
        matrix: bool,
    ) -> Stack<T> {
        let (shape, strides) = (view.shape(), view.strides());
        let extra = batch.len() - lead;
        let batch_strides = (0..batch.len())
            .map(|ax| {
                if ax < extra || shape[ax - extra] == 1 {
                    0
                } else {
                    strides[ax - extra]
                }
            })
            .collect();
        let (rows, cols, rs, cs) = if matrix {
            (
                shape[lead],
                shape[lead + 1],
                strides[lead],
                strides[lead + 1],
            )
        } else {
            (shape[lead], 1, strides[lead], 0)
        };
        Stack {
            ptr: SendPtr::from_const(view.as_ptr()),
            rows,
            cols,
            rs,
            cs,
            batch_strides,
        }
    }

    /// The matrix of batch item `item` (flat, C order over the batch shape `batch`).
    pub fn matrix(&self, batch: &[usize], item: usize) -> Matrix<T> {
        let index = unravel(item, batch);
        let offset: isize = index
            .iter()
            .zip(&self.batch_strides)
            .map(|(&i, &s)| i as isize * s)
            .sum();
        Matrix {
            ptr: SendPtr::new(self.ptr.get().wrapping_offset(offset)),
            rows: self.rows,
            cols: self.cols,
            rs: self.rs,
            cs: self.cs,
        }
    }
}

/// A fresh C-order result array of `shape`, holding `batch` matrices (or vectors) of
/// `per_item` elements each, which the batch loop writes before [`Fresh::finish`].
///
/// The room comes uninitialised from core's 64-byte-aligned allocator ([`Storage::uninit`]),
/// as the products' results do: every element is written by the batch loop anyway.
#[derive(Debug)]
pub(crate) struct Fresh<T> {
    storage: Storage,
    shape: Vec<usize>,
    per_item: usize,
    _elem: std::marker::PhantomData<T>,
}

impl<T: Element> Fresh<T> {
    /// Room for the array.
    pub fn new(shape: Vec<usize>, per_item: usize) -> Result<Self> {
        let size = oxarray_core::layout::checked_size(&shape, size_of::<T>())?;
        Ok(Fresh {
            storage: Storage::uninit::<T>(size)?,
            shape,
            per_item,
            _elem: std::marker::PhantomData,
        })
    }

    /// A handle the batch loop writes through.
    pub fn slots(&mut self) -> Slots<T> {
        Slots {
            ptr: SendPtr::new(self.storage.as_ptr().cast::<T>()),
            per_item: self.per_item,
        }
    }

    /// The array, once every element has been written.
    ///
    /// # Safety
    /// Every element has been written through [`Fresh::slots`].
    pub unsafe fn finish(self) -> Result<Array<T>> {
        let layout = Layout::contiguous(&self.shape, Order::C);
        // SAFETY: the storage holds exactly the C-contiguous elements of `layout`, aligned,
        // all written (caller contract); nothing else refers to it.
        Ok(unsafe { Array::from_storage(Arc::new(self.storage), 0, layout) })
    }
}

/// Where batch item `item`'s part of a [`Fresh`] array lies.
#[derive(Debug)]
pub(crate) struct Slots<T> {
    ptr: SendPtr<T>,
    per_item: usize,
}

impl<T> Clone for Slots<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T> Copy for Slots<T> {}

impl<T> Slots<T> {
    /// The `rows x cols` C-order matrix of item `item` (`rows * cols == per_item`).
    pub fn matrix(self, item: usize, rows: usize, cols: usize) -> Matrix<T> {
        debug_assert_eq!(rows * cols, self.per_item);
        Matrix {
            ptr: SendPtr::new(self.ptr.get().wrapping_add(item * self.per_item)),
            rows,
            cols,
            rs: cols as isize,
            cs: 1,
        }
    }

    /// Element `k` of item `item`.
    ///
    /// # Safety
    /// `k < per_item`, `item` in range, and no other thread writes this item.
    #[inline(always)]
    pub unsafe fn write(self, item: usize, k: usize, value: T) {
        // SAFETY: in bounds by the caller's contract.
        unsafe { self.ptr.get().add(item * self.per_item + k).write(value) }
    }
}

/// Why the matrix of one batch item failed.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Failure {
    Singular,
    /// The 1-based order of the leading minor that is not positive.
    NotPositiveDefinite(usize),
    NoConvergence(&'static str),
    NonFinite,
}

impl Failure {
    /// The error, naming the batch index of item `item`.
    pub fn into_error(self, op: &'static str, batch: &[usize], item: usize) -> Error {
        let batch_index = unravel(item, batch).to_vec();
        match self {
            Failure::Singular => Error::SingularMatrix { op, batch_index },
            Failure::NotPositiveDefinite(order) => Error::NotPositiveDefinite {
                op,
                batch_index,
                order,
            },
            Failure::NoConvergence(algorithm) => Error::NoConvergence {
                op,
                algorithm,
                batch_index,
            },
            Failure::NonFinite => Error::NonFinite { op, batch_index },
        }
    }
}

/// Runs `body(range, par, scratch)` over the items of a batch, each matrix about `work`
/// multiply-adds: on this thread with a threaded `faer` (`par`) when the matrices are large,
/// else split over rayon's threads with `par = Par::Seq`. `scratch` makes the per-thread
/// workspace that a range of items reuses. Returns the failure of the first failing item.
pub(crate) fn run_batch<S>(
    op: &'static str,
    batch: &[usize],
    work: f64,
    scratch: impl Fn() -> S + Sync,
    body: impl Fn(usize, Par, &mut S) -> std::result::Result<(), Failure> + Sync,
) -> Result<()> {
    let items: usize = batch.iter().product();
    if items == 0 {
        return Ok(());
    }
    let first_failure: Mutex<Option<(usize, Failure)>> = Mutex::new(None);
    let run_range = |range: Range<usize>, par: Par| {
        let mut state = scratch();
        for item in range {
            if let Err(failure) = body(item, par, &mut state) {
                let mut slot = first_failure.lock().unwrap_or_else(|e| e.into_inner());
                if slot.is_none_or(|(first, _)| item < first) {
                    *slot = Some((item, failure));
                }
                return;
            }
        }
    };
    if items == 1 || work >= THREADED_MIN_WORK {
        run_range(0..items, par_for(work));
    } else {
        let per_item = (work as usize).max(1);
        for_each_range(items, per_item, |range| run_range(range, Par::Seq));
    }
    match first_failure
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
    {
        None => Ok(()),
        Some((item, failure)) => Err(failure.into_error(op, batch, item)),
    }
}

/// The right-hand side of a solver, with NumPy 2's rule (SciPy's `'1|2'`): a 1-D `b` is one
/// vector (shared by every matrix of the stack), otherwise `b` is a stack of `(rows, k)`
/// matrices whose batch axes broadcast against the coefficient matrices'.
#[derive(Debug, Clone)]
pub(crate) struct Rhs {
    /// The broadcast batch shape.
    pub batch: Vec<usize>,
    /// Whether `b` is a single vector.
    pub vector: bool,
    /// Columns of each right-hand side.
    pub k: usize,
    /// The solution's shape: `batch + (rows,)` or `batch + (rows, k)`.
    pub out_shape: Vec<usize>,
}

impl Rhs {
    /// Checks `b` against coefficient matrices of shape `a_shape` (`(..., rows, cols)`),
    /// whose columns `cols` must equal `b`'s rows; `rows` is the solution's row count.
    pub fn new(op: &'static str, a_shape: &[usize], b_shape: &[usize]) -> Result<Rhs> {
        let nd = a_shape.len();
        let cols = a_shape[nd - 1];
        if b_shape.is_empty() {
            return Err(Error::NotEnoughDims {
                op,
                operand: 1,
                ndim: 0,
                required: 1,
            });
        }
        let vector = b_shape.len() == 1;
        let (b_rows, k) = if vector {
            (b_shape[0], 1)
        } else {
            (b_shape[b_shape.len() - 2], b_shape[b_shape.len() - 1])
        };
        if b_rows != a_shape[nd - 2] {
            return Err(Error::IncompatibleShapes {
                op,
                a: a_shape.to_vec(),
                b: b_shape.to_vec(),
                reason: "the rows of b (b.shape[-2], or b.shape[0] for a vector) must equal \
                         a.shape[-2]",
            });
        }
        let b_batch = if vector {
            &[][..]
        } else {
            &b_shape[..b_shape.len() - 2]
        };
        let batch =
            oxarray_core::broadcast_shapes(&[&a_shape[..nd - 2], b_batch]).map_err(|_| {
                Error::BroadcastMismatch {
                    shapes: vec![a_shape.to_vec(), b_shape.to_vec()],
                }
            })?;
        let mut out_shape = batch.clone();
        out_shape.push(cols);
        if !vector {
            out_shape.push(k);
        }
        Ok(Rhs {
            batch,
            vector,
            k,
            out_shape,
        })
    }

    /// The right-hand sides as a stack over [`Rhs::batch`].
    pub fn stack<T: Element>(&self, b: &ArrayView<'_, T>) -> Stack<T> {
        if self.vector {
            Stack::vectors(b, &self.batch)
        } else {
            Stack::new(b, &self.batch)
        }
    }
}

/// Matrix `src` as a `faer` view of the work type: in place when `T` is the work type (no
/// copy for any layout), else widened into `scratch`.
///
/// # Safety
/// `src` describes valid elements that nothing writes during `'a`.
pub(crate) unsafe fn work_view<'a, T: crate::decomp::float::LinalgInput>(
    src: Matrix<T>,
    scratch: &'a mut ColMajor<crate::decomp::float::WorkOf<T>>,
) -> MatRef<'a, crate::decomp::float::WorkOf<T>> {
    if std::any::TypeId::of::<T>() == std::any::TypeId::of::<crate::decomp::float::WorkOf<T>>() {
        // SAFETY: `T` is the work type; forwarded contract.
        unsafe { src.cast().faer() }
    } else {
        scratch.resize(src.rows, src.cols);
        // SAFETY: forwarded contract; `scratch` is distinct from `src`.
        unsafe { copy_matrix(src, scratch.matrix(), T::to_work) };
        scratch.view()
    }
}

/// Whether every element of `m` is finite.
///
/// # Safety
/// `m` describes valid elements.
pub(crate) unsafe fn all_finite<T: crate::decomp::float::LinalgInput>(m: Matrix<T>) -> bool {
    use crate::decomp::kernels::Work;
    // SAFETY: in bounds of the matrix.
    (0..m.cols).all(|j| (0..m.rows).all(|i| unsafe { m.at(i, j) }.to_work().finite()))
}
