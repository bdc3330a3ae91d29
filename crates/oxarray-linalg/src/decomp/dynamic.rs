//! Entry points for arrays whose dtype is known only at run time ([`DynArray`]), with
//! NumPy's linalg type rules exactly: mixed operands promoted by `_commonType`, and `eig`'s
//! and `eigvals`' results real when every eigenvalue of a real matrix is real.

use oxarray_core::{DType, DTypeKind, DynArray, Element, Error, Result};

use crate::decomp::eig::{eig, eigvals};
use crate::decomp::float::{LinalgFloat, LinalgInput};
use crate::decomp::lu::{det, inv, solve};
use crate::decomp::power::matrix_power;

/// NumPy's `_commonType` for linalg: the floating-point dtype the results of a function of
/// these operands have. Complex if any operand is complex; single precision only if every
/// operand is `float32` or `complex64`; `bool` and integers count as double precision.
///
/// # Errors
/// [`Error::UnsupportedDType`] for `float16` / `bfloat16` (NumPy: "array type float16 is
/// unsupported in linalg").
///
/// ```
/// use oxarray_core::DType;
/// use oxarray_linalg::dynamic::linalg_common_type;
///
/// assert_eq!(linalg_common_type("solve", &[DType::F32, DType::F32])?, DType::F32);
/// assert_eq!(linalg_common_type("solve", &[DType::F32, DType::I32])?, DType::F64);
/// assert_eq!(linalg_common_type("solve", &[DType::C64, DType::F64])?, DType::C128);
/// assert!(linalg_common_type("inv", &[DType::F16]).is_err());
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn linalg_common_type(op: &'static str, dtypes: &[DType]) -> Result<DType> {
    let mut double = false;
    let mut complex = false;
    for &dtype in dtypes {
        match dtype {
            DType::F16 | DType::BF16 => return Err(Error::UnsupportedDType { op, dtype }),
            DType::F32 => {}
            DType::C64 => complex = true,
            DType::F64 => double = true,
            DType::C128 => {
                complex = true;
                double = true;
            }
            _ => double = true,
        }
    }
    Ok(match (complex, double) {
        (false, false) => DType::F32,
        (false, true) => DType::F64,
        (true, false) => DType::C64,
        (true, true) => DType::C128,
    })
}

/// Both operands in one dtype: as they are when they agree, else cast to the common
/// floating-point type.
fn unify(op: &'static str, a: &DynArray, b: &DynArray) -> Result<(DynArray, DynArray)> {
    if a.dtype() == b.dtype() {
        linalg_common_type(op, &[a.dtype()])?;
        return Ok((a.clone(), b.clone()));
    }
    let common = linalg_common_type(op, &[a.dtype(), b.dtype()])?;
    Ok((a.astype(common), b.astype(common)))
}

/// [`crate::solve`] for run-time dtypes: `a` and `b` are promoted to their common type first.
///
/// ```
/// use oxarray_core::{array, DType};
/// use oxarray_linalg::dynamic::solve_dyn;
///
/// let a = array![[2.0f32, 0.0], [0.0, 4.0]].into_dyn();
/// let b = array![2i64, 4].into_dyn();
/// let x = solve_dyn(&a, &b)?;
/// assert_eq!(x.dtype(), DType::F64); // float32 with int64: float64, as NumPy
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn solve_dyn(a: &DynArray, b: &DynArray) -> Result<DynArray> {
    let (a, b) = unify("solve", a, b)?;
    oxarray_core::dispatch_dyn!(&a, x: T => {
        let y = T::from_dyn(&b).expect("unified to one dtype");
        solve(x, y).map(Element::into_dyn)
    })
}

/// [`crate::inv`] for run-time dtypes.
///
/// ```
/// use oxarray_core::{array, DType};
/// use oxarray_linalg::dynamic::inv_dyn;
///
/// let ai = inv_dyn(&array![[2u8, 0], [0, 4]].into_dyn())?;
/// assert_eq!(ai.dtype(), DType::F64);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn inv_dyn(a: &DynArray) -> Result<DynArray> {
    oxarray_core::dispatch_dyn!(a, x: T => inv(x).map(Element::into_dyn))
}

/// [`crate::det`] for run-time dtypes.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::dynamic::det_dyn;
///
/// let d = det_dyn(&array![[1, 2], [3, 4]].into_dyn())?;
/// assert!((d.item()?.as_f64() + 2.0).abs() < 1e-12);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn det_dyn(a: &DynArray) -> Result<DynArray> {
    oxarray_core::dispatch_dyn!(a, x: T => det(x).map(Element::into_dyn))
}

/// [`crate::eigvals`] with NumPy's result type: real when the input is real and every
/// eigenvalue is real, complex otherwise.
///
/// ```
/// use oxarray_core::{array, DType};
/// use oxarray_linalg::dynamic::eigvals_dyn;
///
/// assert_eq!(eigvals_dyn(&array![[2.0f64, 0.0], [0.0, 3.0]].into_dyn())?.dtype(), DType::F64);
/// assert_eq!(eigvals_dyn(&array![[0.0f64, -1.0], [1.0, 0.0]].into_dyn())?.dtype(), DType::C128);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn eigvals_dyn(a: &DynArray) -> Result<DynArray> {
    let real_input = a.dtype().kind() != DTypeKind::Complex;
    oxarray_core::dispatch_dyn!(a, x: T => {
        let w = eigvals(x)?;
        Ok(if real_input && all_real::<T>(w.iter().copied()) {
            w.view().map(|z| z.real_part()).into_dyn()
        } else {
            w.into_dyn()
        })
    })
}

/// [`crate::eig`] with NumPy's result types (see [`eigvals_dyn`]): `(eigenvalues,
/// eigenvectors)`.
///
/// ```
/// use oxarray_core::{array, DType};
/// use oxarray_linalg::dynamic::eig_dyn;
///
/// let (w, v) = eig_dyn(&array![[2, 1], [1, 2]].into_dyn())?;
/// assert_eq!((w.dtype(), v.dtype()), (DType::F64, DType::F64));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn eig_dyn(a: &DynArray) -> Result<(DynArray, DynArray)> {
    let real_input = a.dtype().kind() != DTypeKind::Complex;
    oxarray_core::dispatch_dyn!(a, x: T => {
        let r = eig(x)?;
        Ok(if real_input && all_real::<T>(r.eigenvalues.iter().copied()) {
            (
                r.eigenvalues.view().map(|z| z.real_part()).into_dyn(),
                r.eigenvectors.view().map(|z| z.real_part()).into_dyn(),
            )
        } else {
            (r.eigenvalues.into_dyn(), r.eigenvectors.into_dyn())
        })
    })
}

/// Whether every complex value has a zero imaginary part.
fn all_real<T: LinalgInput>(
    mut values: impl Iterator<Item = <T::Float as LinalgFloat>::Complex>,
) -> bool {
    values.all(|z| z.imag_part() == <<T::Float as LinalgFloat>::Real as Element>::zero())
}

/// [`crate::matrix_power`] with NumPy's types: integer and boolean powers stay in their
/// dtype for `n >= 0`; a negative power inverts first, giving `float64` for them.
///
/// ```
/// use oxarray_core::{array, DType};
/// use oxarray_linalg::dynamic::matrix_power_dyn;
///
/// let a = array![[2, 0], [0, 4]].into_dyn();
/// assert_eq!(matrix_power_dyn(&a, 2)?.dtype(), DType::I32);
/// assert_eq!(matrix_power_dyn(&a, -1)?.dtype(), DType::F64);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn matrix_power_dyn(a: &DynArray, n: i64) -> Result<DynArray> {
    if n < 0 {
        let inverse = inv_dyn(a)?;
        return oxarray_core::dispatch_dyn!(&inverse, x: T => {
            matrix_power(x, -n).map(Element::into_dyn)
        });
    }
    oxarray_core::dispatch_dyn!(a, x: T => matrix_power(x, n).map(Element::into_dyn))
}
