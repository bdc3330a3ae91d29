//! `numpy.linalg` under NumPy's names: `ox::linalg::solve`, `ox::linalg::inv`, ...
//!
//! Every function takes stacks of matrices `(..., M, N)` whose batch axes broadcast (NumPy 2
//! semantics), in any layout, and returns [`oxarray_core::Result`]; failures are NumPy's
//! `LinAlgError` cases as structured errors ([`oxarray_core::Error::is_linalg_error`]).
//! Integers and booleans give `f64` results, `f32` inputs are computed in `f64` and
//! rounded (as NumPy does). SciPy's `lu`, `lu_factor`, `lu_solve`, `cho_factor`, `cho_solve`
//! and `solve_triangular` are here too, under SciPy's names.
//!
//! ```
//! use oxarray::ox;
//! use oxarray_core::array;
//!
//! let a = array![[3.0f64, 1.0], [1.0, 2.0]];
//! let x = ox::linalg::solve(&a, &array![9.0, 8.0])?;
//! assert!((x[[0]] - 2.0).abs() < 1e-12);
//! let r = ox::linalg::eigh(&a, ox::linalg::Uplo::Lower)?;
//! assert_eq!(r.eigenvalues.shape(), &[2]);
//! let n = ox::linalg::norm(&a, None, None, false)?;
//! assert!((n.item()? - 15f64.sqrt()).abs() < 1e-12);
//! # Ok::<(), oxarray_core::Error>(())
//! ```

pub use oxarray_linalg::{
    ChoFactor, EigResult, EighResult, LinalgFloat, LinalgInput, LstsqResult, LuFactor, LuOptions,
    LuPermutation, LuResult, MatrixRankOptions, NormOrder, PinvOptions, QrMode, QrResult,
    SlogdetResult, SvdOptions, SvdResult, Trans, TriangularOptions, Uplo, cho_factor, cho_solve,
    cholesky, cond, det, eig, eigh, eigvals, eigvalsh, inv, lstsq, lu, lu_factor, lu_solve, matmul,
    matrix_norm, matrix_power, matrix_rank, multi_dot, norm, outer, pinv, qr, slogdet, solve,
    solve_triangular, svd, svdvals, tensordot, tensorinv, tensorsolve, trace, vector_norm,
};

/// Run-time dtype entry points ([`oxarray_core::DynArray`]) with NumPy's promotion rules.
pub use oxarray_linalg::dynamic;
