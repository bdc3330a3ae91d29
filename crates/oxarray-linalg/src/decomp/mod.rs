//! `numpy.linalg` beyond products: solving, inverting, determinants, least squares,
//! decompositions and norms, on the `faer` crate (plus SciPy's `lu`, `cho_*` and
//! `solve_triangular`). See the crate documentation for the NumPy-to-oxarray table.

mod batch;
mod cholesky;
pub mod dynamic;
mod eig;
pub(crate) mod float;
pub(crate) mod kernels;
mod lstsq;
mod lu;
mod lu_core;
mod norm;
mod power;
mod qr;
mod scipy_lu;
mod svd;
mod tensor;
mod triangular;

pub use cholesky::{ChoFactor, Uplo, cho_factor, cho_solve, cholesky};
pub use eig::{EigResult, EighResult, eig, eigh, eigvals, eigvalsh};
pub use float::{LinalgFloat, LinalgInput};
pub use lstsq::{LstsqResult, MatrixRankOptions, PinvOptions, lstsq, matrix_rank, pinv};
pub use lu::{SlogdetResult, det, inv, slogdet, solve};
pub use norm::{NormOrder, cond, matrix_norm, norm, vector_norm};
pub use power::matrix_power;
pub use qr::{QrMode, QrResult, qr};
pub use scipy_lu::{LuFactor, LuOptions, LuPermutation, LuResult, Trans, lu, lu_factor, lu_solve};
pub use svd::{SvdOptions, SvdResult, svd, svdvals};
pub use tensor::{tensorinv, tensorsolve};
pub use triangular::{TriangularOptions, solve_triangular};
