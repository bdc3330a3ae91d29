//! SciPy's LU functions: `lu`, `lu_factor`, `lu_solve`.
//!
//! SciPy factors `float32` input in single precision; oxarray, as NumPy's linalg, in double
//! precision with the result rounded to `float32` (more accurate, and the same pivots in all
//! but near-tie cases).

use oxarray_core::{Array, AsArrayView, Error, Result};

use crate::decomp::batch::{ColMajor, Failure, Fresh, Matrix, Rhs, Stack, check_stacked_2d};
use crate::decomp::batch::{check_stacked_square, copy_matrix, run_batch};
use crate::decomp::float::{LinalgFloat, LinalgInput, WorkOf, check_supported};
use crate::decomp::kernels::Work;
use crate::decomp::lu::lu_work;
use crate::decomp::lu_core::Lu;

/// How [`lu`] returns the row permutation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LuOptions {
    /// SciPy's `permute_l`: return `P @ L` in place of `L` (and no permutation).
    pub permute_l: bool,
    /// SciPy's `p_indices`: return the permutation as row indices (`a = L[p] @ U`) rather than
    /// as a matrix (`a = P @ L @ U`).
    pub p_indices: bool,
}

/// The row permutation of an [`LuResult`].
#[derive(Debug, Clone, PartialEq)]
pub enum LuPermutation<F: LinalgFloat> {
    /// The permutation matrix `P`, `(..., M, M)`: `a = P @ L @ U`.
    Matrix(Array<F>),
    /// Row indices `p`, `(..., M)`: `a = L[p] @ U`.
    Indices(Array<i32>),
    /// Already applied to `l` (`permute_l`): `a = l @ u`.
    Applied,
}

/// The result of [`lu`].
#[derive(Debug, Clone, PartialEq)]
pub struct LuResult<F: LinalgFloat> {
    /// The permutation, in the form asked for.
    pub p: LuPermutation<F>,
    /// The unit lower triangular (trapezoidal) factor, `(..., M, K)`, `K = min(M, N)`.
    pub l: Array<F>,
    /// The upper triangular (trapezoidal) factor, `(..., K, N)`.
    pub u: Array<F>,
}

/// The result of [`lu_factor`]: SciPy's `(lu, piv)` pair.
#[derive(Debug, Clone, PartialEq)]
pub struct LuFactor<F: LinalgFloat> {
    /// `L` below the diagonal (unit diagonal implied) and `U` on and above, `(..., M, N)`.
    pub lu: Array<F>,
    /// LAPACK's pivots, 0-based: row `i` was exchanged with row `piv[i]`, `(..., K)`.
    pub piv: Array<i32>,
}

/// Factors every matrix of `a` (`(..., M, N)`) with partial pivoting and hands each item's
/// factorisation to `emit`.
fn factor_each<T: LinalgInput>(
    op: &'static str,
    a: &oxarray_core::ArrayView<'_, T>,
    emit: impl Fn(usize, &Lu<WorkOf<T>>) + Sync,
) -> Result<()> {
    let (m, n) = check_stacked_2d(op, a.shape())?;
    let batch = a.shape()[..a.ndim() - 2].to_vec();
    let stack = Stack::new(a, &batch);
    check_finite(op, &stack, &batch)?;
    run_batch(
        op,
        &batch,
        lu_work(m.min(n), m.max(n) - m.min(n)),
        Lu::<WorkOf<T>>::new,
        |item, par, lu| {
            lu.lu.resize(m, n);
            // SAFETY: reads the input through its strides into this thread's work matrix.
            unsafe { copy_matrix(stack.matrix(&batch, item), lu.lu.matrix(), T::to_work) };
            lu.factor(par);
            emit(item, lu);
            Ok(())
        },
    )
}

/// SciPy's `check_finite=True`: `Err(NonFinite)` naming the first matrix with an infinity or
/// a NaN.
pub(crate) fn check_finite<T: LinalgInput>(
    op: &'static str,
    stack: &Stack<T>,
    batch: &[usize],
) -> Result<()> {
    let items: usize = batch.iter().product();
    for item in 0..items {
        let m = stack.matrix(batch, item);
        for j in 0..m.cols {
            for i in 0..m.rows {
                // SAFETY: in bounds of the operand's matrix.
                if !unsafe { m.at(i, j) }.to_work().finite() {
                    return Err(Failure::NonFinite.into_error(op, batch, item));
                }
            }
        }
    }
    Ok(())
}

/// SciPy's `linalg.lu_factor(a)`: the LU factorisation with partial pivoting of each matrix of
/// an `(..., M, N)` stack, packed as LAPACK's `getrf` leaves it, for [`lu_solve`]. A singular
/// matrix is factored (with a zero on `U`'s diagonal), not refused, as in SciPy.
///
/// # Errors
/// [`Error::NotEnoughDims`] for fewer than two dimensions, [`Error::NonFinite`] for
/// infinities or NaNs (SciPy's `check_finite`).
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::lu_factor;
///
/// let f = lu_factor(&array![[1.0f64, 2.0], [3.0, 4.0]])?;
/// assert_eq!(f.piv.to_vec(), vec![1, 1]);
/// assert_eq!(f.lu.to_vec(), vec![3.0, 4.0, 1.0 / 3.0, 2.0 - 4.0 / 3.0]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn lu_factor<T: LinalgInput>(a: &impl AsArrayView<T>) -> Result<LuFactor<T::Float>> {
    check_supported::<T>("lu_factor")?;
    let a = a.as_view();
    let (m, n) = check_stacked_2d("lu_factor", a.shape())?;
    let k = m.min(n);
    let batch = &a.shape()[..a.ndim() - 2];
    let mut lu_out = Fresh::<T::Float>::new(a.shape().to_vec(), m * n)?;
    let mut piv_shape = batch.to_vec();
    piv_shape.push(k);
    let mut piv_out = Fresh::<i32>::new(piv_shape, k)?;
    let (lu_slots, piv_slots) = (lu_out.slots(), piv_out.slots());
    factor_each("lu_factor", &a, |item, lu| {
        // SAFETY: each item writes its own parts of the fresh results.
        unsafe {
            copy_matrix(
                lu.lu.as_matrix(),
                lu_slots.matrix(item, m, n),
                T::Float::from_work,
            );
            for (i, p) in lu.ipiv().into_iter().enumerate() {
                piv_slots.write(item, i, p as i32);
            }
        }
    })?;
    // SAFETY: every item wrote its factors and pivots.
    unsafe {
        Ok(LuFactor {
            lu: lu_out.finish()?,
            piv: piv_out.finish()?,
        })
    }
}

/// SciPy's `linalg.lu(a, permute_l=False, p_indices=False)`: `a = P @ L @ U` for each matrix
/// of an `(..., M, N)` stack, with `L` unit lower trapezoidal `(M, K)` and `U` upper
/// trapezoidal `(K, N)`, `K = min(M, N)`.
///
/// # Errors
/// As [`lu_factor`].
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::{lu, matmul, LuOptions, LuPermutation};
///
/// let a = array![[1.0f64, 2.0, 3.0], [4.0, 5.0, 6.0], [7.0, 8.0, 10.0]];
/// let r = lu(&a, LuOptions::default())?;
/// let LuPermutation::Matrix(p) = &r.p else { unreachable!() };
/// let back = matmul(&matmul(p, &r.l)?, &r.u)?;
/// assert!(back.iter().zip(a.iter()).all(|(x, y)| (x - y).abs() < 1e-12));
/// let r = lu(&a, LuOptions { p_indices: true, ..Default::default() })?;
/// assert_eq!(r.p, LuPermutation::Indices(array![1, 2, 0]));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn lu<T: LinalgInput>(
    a: &impl AsArrayView<T>,
    options: LuOptions,
) -> Result<LuResult<T::Float>> {
    check_supported::<T>("lu")?;
    let a = a.as_view();
    let (m, n) = check_stacked_2d("lu", a.shape())?;
    let k = m.min(n);
    let batch = a.shape()[..a.ndim() - 2].to_vec();
    let shape = |rows: usize, cols: Option<usize>| {
        let mut s = batch.clone();
        s.push(rows);
        s.extend(cols);
        s
    };
    let mut l_out = Fresh::<T::Float>::new(shape(m, Some(k)), m * k)?;
    let mut u_out = Fresh::<T::Float>::new(shape(k, Some(n)), k * n)?;
    let matrix_p = !options.permute_l && !options.p_indices;
    let index_p = !options.permute_l && options.p_indices;
    let mut p_out = Fresh::<T::Float>::new(shape(if matrix_p { m } else { 0 }, Some(m)), {
        if matrix_p { m * m } else { 0 }
    })?;
    let mut idx_out = Fresh::<i32>::new(shape(if index_p { m } else { 0 }, None), {
        if index_p { m } else { 0 }
    })?;
    let (l_slots, u_slots, p_slots, idx_slots) =
        (l_out.slots(), u_out.slots(), p_out.slots(), idx_out.slots());
    let zero = <T::Float as oxarray_core::Element>::zero();
    let one = <T::Float as oxarray_core::Element>::one();
    factor_each("lu", &a, |item, f| {
        // SAFETY: each item writes every element of its own parts of the fresh results.
        unsafe {
            for i in 0..m {
                // Row i of L lands in row perm[i] of P @ L when `permute_l`.
                let row = if options.permute_l { f.perm[i] } else { i };
                for j in 0..k {
                    let v = match i.cmp(&j) {
                        std::cmp::Ordering::Greater => T::Float::from_work(f.lu.get(i, j)),
                        std::cmp::Ordering::Equal => one,
                        std::cmp::Ordering::Less => zero,
                    };
                    l_slots.write(item, row * k + j, v);
                }
            }
            for i in 0..k {
                for j in 0..n {
                    let v = if j >= i {
                        T::Float::from_work(f.lu.get(i, j))
                    } else {
                        zero
                    };
                    u_slots.write(item, i * n + j, v);
                }
            }
            if matrix_p {
                for r in 0..m * m {
                    p_slots.write(item, r, zero);
                }
                // a = P L U with (L U)[i] = a[perm[i]]: P[perm[i], i] = 1.
                for (i, &p) in f.perm.iter().enumerate() {
                    p_slots.write(item, p * m + i, one);
                }
            }
            if index_p {
                for (r, &i) in f.perm_inv.iter().enumerate() {
                    idx_slots.write(item, r, i as i32);
                }
            }
        }
    })?;
    // SAFETY: every item wrote all its parts.
    unsafe {
        let p = if matrix_p {
            LuPermutation::Matrix(p_out.finish()?)
        } else if index_p {
            LuPermutation::Indices(idx_out.finish()?)
        } else {
            LuPermutation::Applied
        };
        Ok(LuResult {
            p,
            l: l_out.finish()?,
            u: u_out.finish()?,
        })
    }
}

/// Which system a triangular or LU solve solves (SciPy's `trans`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Trans {
    /// `a x = b` (SciPy's `trans=0` / `'N'`).
    #[default]
    N,
    /// `a^T x = b` (`trans=1` / `'T'`).
    T,
    /// `a^H x = b` (`trans=2` / `'C'`).
    C,
}

/// SciPy's `linalg.lu_solve((lu, piv), b, trans=0)`: solves `a x = b` (or the transposed or
/// conjugate-transposed system) with the factorisation of [`lu_factor`] of square matrices.
/// `b` is a vector `(M,)` or a stack `(..., M, K)` broadcasting against the factors' batch
/// axes.
///
/// # Errors
/// [`Error::NotSquare`] for non-square factors, [`Error::IncompatibleShapes`] when `piv` or
/// `b` do not fit, [`Error::IndexOutOfBounds`] for a pivot outside the matrix.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::{lu_factor, lu_solve, Trans};
///
/// let a = array![[3.0f64, 1.0], [1.0, 2.0]];
/// let f = lu_factor(&a)?;
/// let x = lu_solve(&f, &array![9.0f64, 8.0], Trans::N)?;
/// assert!((x[[0]] - 2.0).abs() < 1e-12 && (x[[1]] - 3.0).abs() < 1e-12);
/// let y = lu_solve(&f, &array![5.0f64, 5.0], Trans::T)?; // a.T @ y = [5, 5]
/// assert!((y[[0]] - 1.0).abs() < 1e-12 && (y[[1]] - 2.0).abs() < 1e-12);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn lu_solve<F: LinalgFloat>(
    lu_and_piv: &LuFactor<F>,
    b: &impl AsArrayView<F>,
    trans: Trans,
) -> Result<Array<F>> {
    let (lu_v, piv, b) = (lu_and_piv.lu.view(), lu_and_piv.piv.view(), b.as_view());
    let n = check_stacked_square("lu_solve", lu_v.shape())?;
    if piv.ndim() == 0
        || piv.shape()[piv.ndim() - 1] != n
        || piv.shape()[..piv.ndim() - 1] != lu_v.shape()[..lu_v.ndim() - 2]
    {
        return Err(Error::IncompatibleShapes {
            op: "lu_solve",
            a: lu_v.shape().to_vec(),
            b: piv.shape().to_vec(),
            reason: "piv must have the shape lu.shape[:-1]",
        });
    }
    if let Some((axis, &bad)) = piv
        .iter()
        .enumerate()
        .find(|&(_, &p)| p < 0 || p as usize >= n)
    {
        return Err(Error::IndexOutOfBounds {
            index: bad as isize,
            axis: axis % n.max(1),
            len: n,
        });
    }
    let rhs = Rhs::new("lu_solve", lu_v.shape(), b.shape())?;
    let (batch, k) = (&rhs.batch[..], rhs.k);
    let lu_stack = Stack::new(&lu_v, batch);
    let piv_stack = Stack::vectors(&piv, batch);
    let b_stack = rhs.stack(&b);
    let mut out = Fresh::<F>::new(rhs.out_shape.clone(), n * k)?;
    let slots = out.slots();
    run_batch(
        "lu_solve",
        batch,
        (n * n * k) as f64,
        || (Lu::<F::Work>::new(), ColMajor::<F::Work>::zeros(n, k)),
        |item, par, (f, x)| {
            // SAFETY: reads of the operands through their strides into this thread's work
            // matrices; the item writes its own result.
            unsafe {
                f.lu.resize(n, n);
                copy_matrix(lu_stack.matrix(batch, item), f.lu.matrix(), F::to_work);
                set_perm_from_ipiv(f, piv_stack.matrix(batch, item));
                copy_matrix(b_stack.matrix(batch, item), x.matrix(), F::to_work);
                if trans == Trans::C {
                    conj_in_place(x);
                }
                f.solve_in_place(x.view_mut(), trans != Trans::N, par);
                if trans == Trans::C {
                    conj_in_place(x);
                }
                copy_matrix(x.matrix(), slots.matrix(item, n, k), F::from_work);
            }
            Ok(())
        },
    )?;
    // SAFETY: every item wrote its result.
    unsafe { out.finish() }
}

/// `a^H x = b` is `conj(a^T conj(x)) = b`, i.e. `a^T conj(x) = conj(b)`.
fn conj_in_place<W: Work>(x: &mut ColMajor<W>) {
    if W::IS_COMPLEX {
        for v in &mut x.data {
            *v = v.conjugate();
        }
    }
}

/// The permutation (and its inverse) of LAPACK pivots `ipiv` (a `(K, 1)` matrix of `i32`).
///
/// # Safety
/// `ipiv` describes valid elements, each in `0..lu.order()`.
unsafe fn set_perm_from_ipiv<W: Work>(f: &mut Lu<W>, ipiv: Matrix<i32>) {
    let n = f.order();
    f.perm.clear();
    f.perm.extend(0..n);
    for i in 0..ipiv.rows {
        // SAFETY: in bounds of the pivot vector; the value was checked by the caller.
        let p = unsafe { ipiv.at(i, 0) } as usize;
        f.perm.swap(i, p);
    }
    f.perm_inv.resize(n, 0);
    for (i, &p) in f.perm.iter().enumerate() {
        f.perm_inv[p] = i;
    }
}
