//! The continuous distributions of `Generator` with one to three `f64` parameters, each a
//! thin method over its [`distributions`](crate::distributions) function with NumPy's
//! parameter names and constraints.

use oxarray_core::AsArrayView;
use oxarray_core::{Array, Result};

use super::Generator;
use crate::bit_generator::BitGenerator;
use crate::distributions;
use crate::params::{Constraint, Param, Size, sample_with_params};

macro_rules! continuous_methods {
    ($(
        $(#[$doc:meta])*
        $name:ident($($p:ident: $cons:ident),+) => $f:path, example($($ex:expr),+);
    )*) => {
        impl<B: BitGenerator> Generator<B> {
            $(
                $(#[$doc])*
                #[doc = ""]
                #[doc = "```"]
                #[doc = "use oxarray_random::default_rng;"]
                #[doc = "let mut rng = default_rng(12345)?;"]
                #[doc = concat!("let x = rng.", stringify!($name), "(", $(stringify!($ex), ", ",)+ "[2, 3])?;")]
                #[doc = "assert_eq!(x.shape(), &[2, 3]);"]
                #[doc = "# Ok::<(), oxarray_core::Error>(())"]
                #[doc = "```"]
                pub fn $name(
                    &mut self,
                    $($p: impl AsArrayView<f64>,)+
                    size: impl Size,
                ) -> Result<Array<f64>> {
                    let params = [$(Param::new(&$p, stringify!($p), Constraint::$cons)),+];
                    let bg = &mut self.bit_generator;
                    sample_with_params(size.into_size(), &params, |v| {
                        continuous_methods!(@call $f, bg, v, $($p),+)
                    })
                }
            )*
        }
    };
    (@call $f:path, $bg:ident, $v:ident, $a:ident) => { $f($bg, $v[0]) };
    (@call $f:path, $bg:ident, $v:ident, $a:ident, $b:ident) => { $f($bg, $v[0], $v[1]) };
    (@call $f:path, $bg:ident, $v:ident, $a:ident, $b:ident, $c:ident) => {
        $f($bg, $v[0], $v[1], $v[2])
    };
}

continuous_methods! {
    /// `gamma(shape, scale, size)`: `scale * G(shape)`. Errors for a negative `shape` or
    /// `scale`.
    gamma(shape: NonNegative, scale: NonNegative) => distributions::gamma, example(2.0, 1.5);

    /// `beta(a, b, size)`: the beta distribution (Johnk's algorithm for `a, b <= 1`, a
    /// gamma ratio otherwise). Errors unless `a > 0` and `b > 0`.
    beta(a: Positive, b: Positive) => distributions::beta, example(0.5, 0.5);

    /// `chisquare(df, size)`: `2 G(df / 2)`. Errors unless `df > 0`.
    chisquare(df: Positive) => distributions::chisquare, example(3.0);

    /// `noncentral_chisquare(df, nonc, size)`. Errors unless `df > 0` and `nonc >= 0`.
    noncentral_chisquare(df: Positive, nonc: NonNegative) => distributions::noncentral_chisquare,
        example(3.0, 1.5);

    /// `f(dfnum, dfden, size)`: the F distribution. Errors unless both are positive.
    f(dfnum: Positive, dfden: Positive) => distributions::f, example(5.0, 2.0);

    /// `noncentral_f(dfnum, dfden, nonc, size)`. Errors unless `dfnum, dfden > 0` and
    /// `nonc >= 0`.
    noncentral_f(dfnum: Positive, dfden: Positive, nonc: NonNegative)
        => distributions::noncentral_f, example(3.0, 20.0, 3.0);

    /// `standard_t(df, size)`: Student's t. Errors unless `df > 0`.
    standard_t(df: Positive) => distributions::standard_t, example(10.0);

    /// `vonmises(mu, kappa, size)`: the von Mises distribution on [-pi, pi). Errors for a
    /// negative `kappa`.
    vonmises(mu: None, kappa: NonNegative) => distributions::vonmises, example(0.0, 4.0);

    /// `pareto(a, size)`: the Pareto II (Lomax) distribution. Errors unless `a > 0`.
    pareto(a: Positive) => distributions::pareto, example(3.0);

    /// `weibull(a, size)`: `E^(1/a)`. Errors for a negative `a`.
    weibull(a: NonNegative) => distributions::weibull, example(5.0);

    /// `power(a, size)`: the power-function distribution on [0, 1]. Errors unless `a > 0`.
    power(a: Positive) => distributions::power, example(5.0);

    /// `laplace(loc, scale, size)`: the double exponential. Errors for a negative `scale`.
    laplace(loc: None, scale: NonNegative) => distributions::laplace, example(0.0, 1.0);

    /// `gumbel(loc, scale, size)`. Errors for a negative `scale`.
    gumbel(loc: None, scale: NonNegative) => distributions::gumbel, example(0.0, 1.0);

    /// `logistic(loc, scale, size)`. Errors for a negative `scale`.
    logistic(loc: None, scale: NonNegative) => distributions::logistic, example(0.0, 1.0);

    /// `lognormal(mean, sigma, size)`: `exp(N(mean, sigma))`. Errors for a negative `sigma`.
    lognormal(mean: None, sigma: NonNegative) => distributions::lognormal, example(0.0, 1.0);

    /// `rayleigh(scale, size)`. Errors for a negative `scale`.
    rayleigh(scale: NonNegative) => distributions::rayleigh, example(2.0);

    /// `wald(mean, scale, size)`: the inverse Gaussian. Errors unless both are positive.
    wald(mean: Positive, scale: Positive) => distributions::wald, example(3.0, 2.0);
}

impl<B: BitGenerator> Generator<B> {
    /// `standard_cauchy(size)`: the ratio of two standard normals.
    ///
    /// ```
    /// use oxarray_random::default_rng;
    /// assert_eq!(default_rng(0)?.standard_cauchy(4)?.len(), 4);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn standard_cauchy(&mut self, size: impl Size) -> Result<Array<f64>> {
        let bg = &mut self.bit_generator;
        sample_with_params::<f64, f64>(size.into_size(), &[], |_| {
            distributions::standard_cauchy(bg)
        })
    }

    /// `triangular(left, mode, right, size)`. Errors (naming the argument) when
    /// `left > mode`, `mode > right` or `left == right`.
    ///
    /// ```
    /// use oxarray_random::default_rng;
    /// let mut rng = default_rng(0)?;
    /// let x = rng.triangular(-3.0, 0.0, 8.0, 100)?;
    /// assert!(x.iter().all(|&v| (-3.0..=8.0).contains(&v)));
    /// assert!(rng.triangular(1.0, 0.0, 2.0, 1).is_err()); // left > mode
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn triangular(
        &mut self,
        left: impl AsArrayView<f64>,
        mode: impl AsArrayView<f64>,
        right: impl AsArrayView<f64>,
        size: impl Size,
    ) -> Result<Array<f64>> {
        let params = [
            Param::new(&left, "left", Constraint::None),
            Param::new(&mode, "mode", Constraint::None),
            Param::new(&right, "right", Constraint::None),
        ];
        let shape = crate::params::output_shape(
            None,
            &params.iter().map(|p| &p.values).collect::<Vec<_>>(),
        )?;
        let views: Vec<_> = params
            .iter()
            .map(|p| p.values.broadcast_to(&shape[..]))
            .collect::<Result<_>>()?;
        for ((&l, &m), &r) in views[0].iter().zip(views[1].iter()).zip(views[2].iter()) {
            let bad = |name, value: f64, reason| {
                Err(oxarray_core::Error::invalid_argument(name, value, reason))
            };
            if l > m {
                return bad("left", l, "left > mode");
            }
            if m > r {
                return bad("mode", m, "mode > right");
            }
            if l == r {
                return bad("right", r, "left == right");
            }
        }
        let bg = &mut self.bit_generator;
        sample_with_params(size.into_size(), &params, |v| {
            distributions::triangular(bg, v[0], v[1], v[2])
        })
    }
}
