//! Creation functions with numeric ranges: `arange`, `linspace`, `eye`, `identity`.

use crate::array::Array;
use crate::element::{Element, Scalar};
use crate::error::{Error, Result};
use crate::layout::Order;

impl<T: Element> Array<T> {
    /// Values from `start` up to (not including) `stop` by `step` (NumPy's `arange`).
    ///
    /// Integer types count exactly; floating types use NumPy's arithmetic (`start + i * delta`
    /// with `delta = (start + step) - start` in the output dtype), so that
    /// `arange(-1.0, 1.0, 0.3)[2]` is `-0.3999999999999999` as in NumPy.
    ///
    /// ```
    /// use oxarray_core::Array;
    /// assert_eq!(Array::<i32>::arange(0, 10, 3).unwrap().to_vec(), vec![0, 3, 6, 9]);
    /// assert_eq!(Array::<f64>::arange(1.0, 0.0, -0.25).unwrap().len(), 4);
    /// assert!(Array::<i32>::arange(0, 10, 0).is_err());
    /// ```
    pub fn arange(start: T, stop: T, step: T) -> Result<Self> {
        let (a, b, s) = (start.to_scalar(), stop.to_scalar(), step.to_scalar());
        if T::DTYPE.is_integer() {
            let wide = |v: Scalar| -> i128 {
                match v {
                    Scalar::Int(i) => i as i128,
                    Scalar::UInt(u) => u as i128,
                    other => other.as_f64() as i128,
                }
            };
            let (a, b, s) = (wide(a), wide(b), wide(s));
            if s == 0 {
                return Err(Error::invalid_argument(
                    "step",
                    0,
                    "arange step must be non-zero",
                ));
            }
            let count = if (s > 0 && b > a) || (s < 0 && b < a) {
                ((b - a).abs() + s.abs() - 1) / s.abs()
            } else {
                0
            };
            let count = usize::try_from(count).map_err(|_| {
                Error::invalid_argument("stop", count, "arange has too many elements")
            })?;
            return Array::from_shape_fn([count], |i| {
                let v = a + s * i[0] as i128;
                T::from_scalar(if v < 0 {
                    Scalar::Int(v as i64)
                } else {
                    Scalar::UInt(v as u64)
                })
            });
        }
        let (a, b, s) = (a.as_f64(), b.as_f64(), s.as_f64());
        if s == 0.0 || !s.is_finite() {
            return Err(Error::invalid_argument(
                "step",
                s,
                "arange step must be finite and non-zero",
            ));
        }
        // NumPy's arithmetic: the length from `(stop - start) / step` in the output dtype, the
        // second value `start + step` in the output dtype, and the rest `start + i * delta`
        // with `delta = second - start`, in the dtype's fill precision (f32 for f16 and
        // bf16). Each f64 operation rounded to f32 or f16 is that type's own operation.
        let in_dtype = |x: f64| T::from_scalar(Scalar::Float(x)).to_scalar().as_f64();
        let in_fill = |x: f64| {
            if T::DTYPE == crate::DType::F64 || T::DTYPE.is_complex() {
                x
            } else {
                x as f32 as f64
            }
        };
        let count = in_dtype(in_dtype(b - a) / s).ceil();
        if count.is_nan() || count > (isize::MAX as f64) {
            return Err(Error::invalid_argument(
                "stop",
                b,
                "arange length is not finite",
            ));
        }
        let count = count.max(0.0) as usize;
        let second = in_dtype(a + s);
        let delta = in_fill(second - a);
        Array::from_shape_fn([count], |i| {
            let v = match i[0] {
                0 => a,
                1 => second,
                i => in_fill(a + in_fill(in_fill(i as f64) * delta)),
            };
            T::from_scalar(Scalar::Float(v))
        })
    }

    /// `num` values spaced evenly on a log scale: `base ** linspace(start, stop, num,
    /// endpoint)`, computed in `f64` as NumPy's `logspace` does.
    ///
    /// ```
    /// use oxarray_core::Array;
    /// let x = Array::<f64>::logspace(0.0, 3.0, 4, true, 10.0).unwrap();
    /// assert_eq!(x.to_vec(), vec![1.0, 10.0, 100.0, 1000.0]);
    /// ```
    pub fn logspace(start: f64, stop: f64, num: usize, endpoint: bool, base: f64) -> Result<Self> {
        let exponents = Array::<f64>::linspace(start, stop, num, endpoint)?;
        Ok(exponents
            .view()
            .map(|y| T::from_scalar(Scalar::Float(base.powf(y)))))
    }

    /// `num` values in geometric progression from `start` to `stop` (NumPy's `geomspace`):
    /// `logspace` of the base-10 logarithms with the endpoints set exactly, for negative
    /// bounds the same with the sign taken out first.
    ///
    /// ```
    /// use oxarray_core::Array;
    /// let x = Array::<f64>::geomspace(1.0, 1000.0, 4, true).unwrap();
    /// assert_eq!(x.to_vec(), vec![1.0, 10.0, 100.0, 1000.0]);
    /// assert!(Array::<f64>::geomspace(0.0, 1.0, 3, true).is_err());
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when a bound is zero.
    pub fn geomspace(start: f64, stop: f64, num: usize, endpoint: bool) -> Result<Self> {
        if start == 0.0 || stop == 0.0 {
            return Err(Error::invalid_argument(
                "start/stop",
                format!("{start}/{stop}"),
                "geometric sequence cannot include zero",
            ));
        }
        let sign = start.signum();
        let (s0, s1) = (start / sign, stop / sign);
        let mut values = Array::<f64>::logspace(s0.log10(), s1.log10(), num, endpoint, 10.0)?;
        {
            let v = values.as_slice_mut().expect("a fresh 1-D array");
            if num > 0 {
                v[0] = s0;
                if num > 1 && endpoint {
                    v[num - 1] = s1;
                }
            }
        }
        Ok(values
            .view()
            .map(|y| T::from_scalar(Scalar::Float(y * sign))))
    }

    /// `num` evenly spaced values from `start` to `stop` (inclusive when `endpoint`), as
    /// NumPy's `linspace`, computed in `f64`.
    ///
    /// ```
    /// use oxarray_core::Array;
    /// let x = Array::<f64>::linspace(0.0, 1.0, 5, true).unwrap();
    /// assert_eq!(x.to_vec(), vec![0.0, 0.25, 0.5, 0.75, 1.0]);
    /// ```
    pub fn linspace(start: f64, stop: f64, num: usize, endpoint: bool) -> Result<Self> {
        let div = if endpoint { num.saturating_sub(1) } else { num };
        let step = if div > 0 {
            (stop - start) / div as f64
        } else {
            0.0
        };
        Array::from_shape_fn([num], |i| {
            let v = if endpoint && num > 1 && i[0] == num - 1 {
                stop
            } else {
                start + i[0] as f64 * step
            };
            T::from_scalar(Scalar::Float(v))
        })
    }

    /// An `n x m` array with ones on diagonal `k` (0: main, > 0: above, < 0: below) and zeros
    /// elsewhere (NumPy's `eye(n, m, k)`).
    pub fn eye_k(n: usize, m: usize, k: isize) -> Result<Self> {
        let mut a = Array::zeros_order([n, m], Order::C)?;
        let slice = a.as_slice_mut().expect("fresh C array");
        for i in 0..n {
            let j = i as isize + k;
            if j >= 0 && (j as usize) < m {
                slice[i * m + j as usize] = T::one();
            }
        }
        Ok(a)
    }

    /// The `n x n` identity matrix (NumPy's `eye(n)`, `identity(n)`).
    pub fn eye(n: usize) -> Result<Self> {
        Self::eye_k(n, n, 0)
    }

    /// NumPy's `identity(n)`: the `n x n` identity matrix.
    ///
    /// ```
    /// use oxarray_core::Array;
    /// assert_eq!(Array::<i32>::identity(2).unwrap().to_vec(), vec![1, 0, 0, 1]);
    /// ```
    pub fn identity(n: usize) -> Result<Self> {
        Self::eye(n)
    }
}

/// Builds an array from a nested literal, like `np.array([[1, 2], [3, 4]])`; up to 4-D.
///
/// # Panics
/// When the rows of the literal have unequal lengths (a ragged literal).
///
/// ```
/// use oxarray_core::array;
/// let a = array![[1, 2, 3], [4, 5, 6]];
/// assert_eq!(a.shape(), &[2, 3]);
/// let b = array![[[1.0], [2.0]]];
/// assert_eq!(b.shape(), &[1, 2, 1]);
/// ```
#[macro_export]
macro_rules! array {
    ($([$([$([$($x:expr),* $(,)?]),+ $(,)?]),+ $(,)?]),+ $(,)?) => {{
        let rows = [$([$([$([$($x,)*].to_vec()),+]),+]),+];
        let shape = [rows.len(), rows[0].len(), rows[0][0].len(), rows[0][0][0].len()];
        let data: Vec<_> = rows.iter().flat_map(|a| a.iter().flat_map(|b| b.iter().flat_map(|c| {
            assert_eq!(c.len(), shape[3], "array!: ragged literal");
            c.iter().copied()
        }))).collect();
        $crate::Array::from_vec(data, shape).expect("array!: ragged literal")
    }};
    ($([$([$($x:expr),* $(,)?]),+ $(,)?]),+ $(,)?) => {{
        let rows = [$([$([$($x,)*].to_vec()),+]),+];
        let shape = [rows.len(), rows[0].len(), rows[0][0].len()];
        let data: Vec<_> = rows.iter().flat_map(|a| a.iter().flat_map(|b| {
            assert_eq!(b.len(), shape[2], "array!: ragged literal");
            b.iter().copied()
        })).collect();
        $crate::Array::from_vec(data, shape).expect("array!: ragged literal")
    }};
    ($([$($x:expr),* $(,)?]),+ $(,)?) => {{
        let rows = [$([$($x,)*].to_vec()),+];
        let shape = [rows.len(), rows[0].len()];
        let data: Vec<_> = rows.iter().flat_map(|r| {
            assert_eq!(r.len(), shape[1], "array!: ragged literal");
            r.iter().copied()
        }).collect();
        $crate::Array::from_vec(data, shape).expect("array!: ragged literal")
    }};
    ($($x:expr),* $(,)?) => {{
        let data = vec![$($x),*];
        let n = data.len();
        $crate::Array::from_vec(data, [n]).expect("a vector literal fits its length")
    }};
}
