//! SciPy's `solve_triangular`.

use oxarray_core::{Array, AsArrayView, Element, Result};

use crate::decomp::batch::{ColMajor, Failure, Fresh, Rhs, Stack, check_stacked_square};
use crate::decomp::batch::{copy_matrix, run_batch};
use crate::decomp::float::{LinalgFloat, LinalgInput, WorkOf, check_supported};
use crate::decomp::kernels::Work;
use crate::decomp::lu::same_type;
use crate::decomp::scipy_lu::{Trans, check_finite};

/// The options of [`solve_triangular`], with SciPy's defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TriangularOptions {
    /// Which system to solve: `a x = b`, `a^T x = b` or `a^H x = b`.
    pub trans: Trans,
    /// Whether `a` is lower triangular (SciPy's default: upper).
    pub lower: bool,
    /// Whether `a`'s diagonal is taken to be all ones (and not read).
    pub unit_diagonal: bool,
}

/// SciPy's `linalg.solve_triangular(a, b, trans=0, lower=False, unit_diagonal=False)`: solves
/// `a x = b` for triangular matrices `a` (`(..., M, M)`, only the triangle named by `lower`
/// is read). `b` is a vector `(M,)` or a stack `(..., M, K)` broadcasting against `a`'s batch
/// axes. `a` is read in place through its strides (a transposed or stepped view costs no
/// copy); only `b` is copied, into the result.
///
/// # Errors
/// [`Error::SingularMatrix`](oxarray_core::Error::SingularMatrix) when a diagonal element is
/// zero (SciPy: "singular matrix: resolution failed at diagonal"), [`Error::NonFinite`]
/// (`check_finite`), and shape errors as [`crate::solve`].
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::{solve_triangular, TriangularOptions};
///
/// let a = array![[2.0f64, 0.0], [1.0, 4.0]];
/// let lower = TriangularOptions { lower: true, ..Default::default() };
/// assert_eq!(solve_triangular(&a, &array![2.0f64, 9.0], lower)?, array![1.0f64, 2.0]);
/// // the upper triangle of a.T is the same matrix transposed: solve a.T x = b without a copy
/// let t = solve_triangular(&a.t(), &array![4.0f64, 8.0], TriangularOptions::default())?;
/// assert_eq!(t, array![1.0f64, 2.0]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn solve_triangular<T: LinalgInput>(
    a: &impl AsArrayView<T>,
    b: &impl AsArrayView<T>,
    options: TriangularOptions,
) -> Result<Array<T::Float>> {
    check_supported::<T>("solve_triangular")?;
    let (a, b) = (a.as_view(), b.as_view());
    let n = check_stacked_square("solve_triangular", a.shape())?;
    let rhs = Rhs::new("solve_triangular", a.shape(), b.shape())?;
    let (batch, k) = (&rhs.batch[..], rhs.k);
    let (a_stack, b_stack) = (Stack::new(&a, batch), rhs.stack(&b));
    let a_batch = &a.shape()[..a.ndim() - 2];
    check_finite("solve_triangular", &Stack::new(&a, a_batch), a_batch)?;
    check_finite("solve_triangular", &b_stack, batch)?;
    let mut out = Fresh::<T::Float>::new(rhs.out_shape.clone(), n * k)?;
    let slots = out.slots();
    let direct = same_type::<T, WorkOf<T>>();
    run_batch(
        "solve_triangular",
        batch,
        (n * n * k) as f64 / 2.0,
        || {
            (
                ColMajor::<WorkOf<T>>::zeros(n, k),
                ColMajor::<WorkOf<T>>::zeros(0, 0),
            )
        },
        |item, par, (x, a_copy)| {
            // SAFETY: `a` is read through its strides (or copied into this thread's scratch);
            // `x` is this thread's; the item writes its own result.
            unsafe {
                let stored = a_stack.matrix(batch, item);
                let tri = if direct {
                    stored.cast::<WorkOf<T>>()
                } else {
                    a_copy.resize(n, n);
                    copy_matrix(stored, a_copy.matrix(), T::to_work);
                    a_copy.as_matrix()
                };
                if !options.unit_diagonal && (0..n).any(|i| tri.at(i, i) == WorkOf::<T>::zero()) {
                    return Err(Failure::Singular);
                }
                // a^T (and a^H) of a lower matrix is upper, and the reverse.
                let (seen, lower, conj) = match options.trans {
                    Trans::N => (tri, options.lower, false),
                    Trans::T => (tri.t(), !options.lower, false),
                    Trans::C => (tri.t(), !options.lower, true),
                };
                copy_matrix(b_stack.matrix(batch, item), x.matrix(), T::to_work);
                WorkOf::<T>::triangular_solve_in_place(
                    seen.faer(),
                    lower,
                    options.unit_diagonal,
                    conj,
                    x.view_mut(),
                    par,
                );
                copy_matrix(x.matrix(), slots.matrix(item, n, k), T::Float::from_work);
            }
            Ok(())
        },
    )?;
    // SAFETY: every item wrote its result.
    unsafe { out.finish() }
}
