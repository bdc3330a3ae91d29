//! The discrete distributions of `Generator`, returning `int64` arrays as NumPy does.

use oxarray_core::AsArrayView;
use oxarray_core::{Array, ArrayView, Error, Result};

use super::Generator;
use crate::bit_generator::BitGenerator;
use crate::distributions::{self, Binomial, POISSON_LAM_MAX};
use crate::params::{Constraint, Param, Size, check, output_shape, sample_with_params};

/// NumPy's limit on `ngood` and `nbad` of `hypergeometric`.
const HYPERGEOM_MAX: i64 = 1_000_000_000;

impl<B: BitGenerator> Generator<B> {
    /// `binomial(n, p, size)`: successes in `n` trials of probability `p` (inversion for
    /// `n * min(p, 1-p) <= 30`, BTPE above). Errors for a negative `n` or `p` outside [0, 1].
    ///
    /// ```
    /// use oxarray_random::default_rng;
    /// let mut rng = default_rng(0)?;
    /// let k = rng.binomial(10, 0.5, 6)?;
    /// assert!(k.iter().all(|&v| (0..=10).contains(&v)));
    /// assert!(rng.binomial(10, 1.5, 1).is_err());
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn binomial(
        &mut self,
        n: impl AsArrayView<i64>,
        p: impl AsArrayView<f64>,
        size: impl Size,
    ) -> Result<Array<i64>> {
        let (n, p) = (n.as_view(), p.as_view());
        for &v in p.iter() {
            check(v, "p", Constraint::Bounded01)?;
        }
        for &v in n.iter() {
            if v < 0 {
                return Err(Error::invalid_argument("n", v, "n < 0"));
            }
        }
        let bg = &mut self.bit_generator;
        if n.ndim() == 0 && p.ndim() == 0 {
            let shape = size.into_size().unwrap_or_default();
            let sampler = Binomial::new(first(&n), first(&p));
            return crate::params::new_filled(&shape, |out| {
                out.iter_mut().for_each(|x| *x = sampler.sample(bg))
            });
        }
        let n_as_f64 = n.map(|v| v as f64);
        let shape = output_shape(size.into_size(), &[&n_as_f64.view(), &p])?;
        let (n, p) = (n.broadcast_to(&shape[..])?, p.broadcast_to(&shape[..])?);
        let mut out = Array::<i64>::zeros(&shape[..])?;
        for ((x, &ni), &pi) in out.iter_mut().zip(n.iter()).zip(p.iter()) {
            *x = Binomial::new(ni, pi).sample(bg);
        }
        Ok(out)
    }

    /// `poisson(lam, size)`. Errors for a negative, NaN or too large `lam` (above
    /// [`POISSON_LAM_MAX`]).
    ///
    /// ```
    /// use oxarray_random::default_rng;
    /// let k = default_rng(0)?.poisson(4.0, 5)?;
    /// assert!(k.iter().all(|&v| v >= 0));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn poisson(&mut self, lam: impl AsArrayView<f64>, size: impl Size) -> Result<Array<i64>> {
        let params = [Param::new(&lam, "lam", Constraint::Poisson)];
        let bg = &mut self.bit_generator;
        sample_with_params(size.into_size(), &params, |v| {
            distributions::poisson(bg, v[0])
        })
    }

    /// `negative_binomial(n, p, size)`: failures before the `n`-th success, as a Poisson of
    /// a gamma. Errors unless `n > 0` and `0 < p <= 1`, or when the Poisson rate could pass
    /// [`POISSON_LAM_MAX`].
    ///
    /// ```
    /// use oxarray_random::default_rng;
    /// let k = default_rng(0)?.negative_binomial(3.0, 0.4, 5)?;
    /// assert!(k.iter().all(|&v| v >= 0));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn negative_binomial(
        &mut self,
        n: impl AsArrayView<f64>,
        p: impl AsArrayView<f64>,
        size: impl Size,
    ) -> Result<Array<i64>> {
        let params = [
            Param::new(&n, "n", Constraint::PositiveNotNan),
            Param::new(&p, "p", Constraint::BoundedGt01),
        ];
        for prm in &params {
            prm.validate()?;
        }
        let shape = output_shape(None, &[&params[0].values, &params[1].values])?;
        let (nv, pv) = (
            params[0].values.broadcast_to(&shape[..])?,
            params[1].values.broadcast_to(&shape[..])?,
        );
        for (&ni, &pi) in nv.iter().zip(pv.iter()) {
            let max_lam = (1.0 - pi) / pi * (ni + 10.0 * ni.sqrt());
            if max_lam > POISSON_LAM_MAX {
                return Err(Error::invalid_argument(
                    "n",
                    ni,
                    "n too large or p too small, see Generator.negative_binomial Notes",
                ));
            }
        }
        let bg = &mut self.bit_generator;
        sample_with_params(size.into_size(), &params, |v| {
            distributions::negative_binomial(bg, v[0], v[1])
        })
    }

    /// `geometric(p, size)`: trials until the first success, on {1, 2, ...}. Errors unless
    /// `0 < p <= 1`.
    ///
    /// ```
    /// use oxarray_random::default_rng;
    /// let k = default_rng(0)?.geometric(0.25, 5)?;
    /// assert!(k.iter().all(|&v| v >= 1));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn geometric(&mut self, p: impl AsArrayView<f64>, size: impl Size) -> Result<Array<i64>> {
        let params = [Param::new(&p, "p", Constraint::BoundedGt01)];
        let bg = &mut self.bit_generator;
        sample_with_params(size.into_size(), &params, |v| {
            distributions::geometric(bg, v[0])
        })
    }

    /// `zipf(a, size)`: the Zipf distribution, truncated to `int64`. Errors unless `a > 1`.
    ///
    /// ```
    /// use oxarray_random::default_rng;
    /// let k = default_rng(0)?.zipf(2.0, 5)?;
    /// assert!(k.iter().all(|&v| v >= 1));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn zipf(&mut self, a: impl AsArrayView<f64>, size: impl Size) -> Result<Array<i64>> {
        let params = [Param::new(&a, "a", Constraint::Gt1)];
        let bg = &mut self.bit_generator;
        sample_with_params(size.into_size(), &params, |v| distributions::zipf(bg, v[0]))
    }

    /// `logseries(p, size)`: the logarithmic series distribution. Errors unless
    /// `0 <= p < 1`.
    ///
    /// ```
    /// use oxarray_random::default_rng;
    /// let k = default_rng(0)?.logseries(0.6, 5)?;
    /// assert!(k.iter().all(|&v| v >= 1));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn logseries(&mut self, p: impl AsArrayView<f64>, size: impl Size) -> Result<Array<i64>> {
        let params = [Param::new(&p, "p", Constraint::BoundedLt01)];
        let bg = &mut self.bit_generator;
        sample_with_params(size.into_size(), &params, |v| {
            distributions::logseries(bg, v[0])
        })
    }

    /// `hypergeometric(ngood, nbad, nsample, size)`: good items among `nsample` drawn without
    /// replacement. Errors for negative counts, `ngood + nbad < nsample`, or `ngood` or
    /// `nbad` of 10^9 or more.
    ///
    /// ```
    /// use oxarray_random::default_rng;
    /// let mut rng = default_rng(0)?;
    /// let k = rng.hypergeometric(100, 2, 10, 5)?;
    /// assert!(k.iter().all(|&v| (8..=10).contains(&v)));
    /// assert!(rng.hypergeometric(1, 1, 3, 1).is_err()); // ngood + nbad < nsample
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn hypergeometric(
        &mut self,
        ngood: impl AsArrayView<i64>,
        nbad: impl AsArrayView<i64>,
        nsample: impl AsArrayView<i64>,
        size: impl Size,
    ) -> Result<Array<i64>> {
        let params = [
            Param::new(&ngood, "ngood", Constraint::NonNegative),
            Param::new(&nbad, "nbad", Constraint::NonNegative),
            Param::new(&nsample, "nsample", Constraint::NonNegative),
        ];
        let shape = output_shape(None, &params.iter().map(|p| &p.values).collect::<Vec<_>>())?;
        let views: Vec<ArrayView<'_, i64>> = params
            .iter()
            .map(|p| p.values.broadcast_to(&shape[..]))
            .collect::<Result<_>>()?;
        for ((&g, &b), &s) in views[0].iter().zip(views[1].iter()).zip(views[2].iter()) {
            if g >= HYPERGEOM_MAX || b >= HYPERGEOM_MAX {
                return Err(Error::invalid_argument(
                    if g >= HYPERGEOM_MAX { "ngood" } else { "nbad" },
                    g.max(b),
                    format!("both ngood and nbad must be less than {HYPERGEOM_MAX}"),
                ));
            }
            if g.saturating_add(b) < s {
                return Err(Error::invalid_argument(
                    "nsample",
                    s,
                    "ngood + nbad < nsample",
                ));
            }
        }
        let bg = &mut self.bit_generator;
        sample_with_params(size.into_size(), &params, |v| {
            distributions::hypergeometric(bg, v[0], v[1], v[2])
        })
    }
}

fn first<T: oxarray_core::Element>(view: &ArrayView<'_, T>) -> T {
    *view.iter().next().expect("a 0-d view has one element")
}
