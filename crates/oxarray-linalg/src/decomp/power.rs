//! `matrix_power`.

use oxarray_core::{Array, AsArrayView, Error, Result};

use crate::decomp::batch::check_stacked_square;
use crate::matmul::matmul;
use crate::scalar::LinalgScalar;

/// NumPy's `linalg.matrix_power(a, n)`: `a` raised to the integer power `n` for each matrix
/// of a `(..., M, M)` stack, by repeated squaring (NumPy's sequence of products, so that
/// rounding agrees). `n = 0` gives identity matrices; `n < 0` inverts first, which needs a
/// floating-point or complex `T` (NumPy returns `float64` for integer input there; the
/// dynamic [`crate::dynamic::matrix_power_dyn`] does the same).
///
/// # Errors
/// Shape errors as [`crate::inv`]; [`Error::SingularMatrix`] for `n < 0` and a singular
/// matrix; [`Error::UnsupportedDType`] for `n < 0` and a non-float `T`.
///
/// ```
/// use oxarray_core::array;
/// use oxarray_linalg::matrix_power;
///
/// let a = array![[1, 1], [1, 0]]; // Fibonacci
/// assert_eq!(matrix_power(&a, 10)?, array![[89, 55], [55, 34]]);
/// assert_eq!(matrix_power(&a, 0)?, array![[1, 0], [0, 1]]);
/// let f = array![[2.0f64, 0.0], [0.0, 4.0]];
/// assert_eq!(matrix_power(&f, -2)?, array![[0.25f64, 0.0], [0.0, 0.0625]]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn matrix_power<T: LinalgScalar>(a: &impl AsArrayView<T>, n: i64) -> Result<Array<T>> {
    let a = a.as_view();
    let m = check_stacked_square("matrix_power", a.shape())?;
    if n == 0 {
        let mut eye = Array::<T>::zeros(a.shape())?;
        let count = eye.len() / (m * m).max(1);
        if let Some(data) = eye.as_slice_mut() {
            for item in 0..count {
                for i in 0..m {
                    data[item * m * m + i * (m + 1)] = T::one();
                }
            }
        }
        return Ok(eye);
    }
    let base = if n < 0 {
        let inverse = crate::decomp::dynamic::inv_dyn(&a.to_owned().into_dyn())?;
        match T::from_dyn_owned(inverse) {
            Ok(array) => array,
            Err(_) => {
                return Err(Error::UnsupportedDType {
                    op: "matrix_power with a negative exponent (use matrix_power_dyn)",
                    dtype: T::DTYPE,
                });
            }
        }
    } else {
        a.to_owned()
    };
    let mut n = n.unsigned_abs();
    match n {
        1 => return Ok(base),
        2 => return matmul(&base, &base),
        3 => return matmul(&matmul(&base, &base)?, &base),
        _ => {}
    }
    let mut z: Option<Array<T>> = None;
    let mut result: Option<Array<T>> = None;
    while n > 0 {
        z = Some(match z {
            None => base.clone(),
            Some(z) => matmul(&z, &z)?,
        });
        let bit = n % 2;
        n /= 2;
        if bit == 1 {
            let zr = z.as_ref().expect("set above");
            result = Some(match result {
                None => zr.clone(),
                Some(r) => matmul(&r, zr)?,
            });
        }
    }
    Ok(result.expect("n > 0 sets a result"))
}
