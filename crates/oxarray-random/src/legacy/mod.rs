//! NumPy's legacy `RandomState` (`numpy/random/mtrand.pyx`): MT19937 seeded the pre-1.17 way,
//! doubles from two 32-bit draws, the polar Gaussian with its cached second value, masked
//! rejection for bounded integers. Its streams are frozen in NumPy, so
//! `np.random.seed(0); np.random.rand(3, 4)` gives the same numbers in every NumPy since 2006
//! — and here.
//!
//! ```
//! use oxarray_random::RandomState;
//! let mut rs = RandomState::new(0u32)?;          // np.random.RandomState(0)
//! let x = rs.rand([3, 4])?;                      // rs.rand(3, 4)
//! assert_eq!(x[[0, 0]], 0.5488135039273248);
//! assert_eq!(x[[1, 3]], 0.8917730007820798);
//! # Ok::<(), oxarray_core::Error>(())
//! ```

pub mod global;

use oxarray_core::{Array, AsArrayView, Element, Error, Result, normalize_axis};
use oxarray_ufunc::WriteArray;

use crate::bit_generator::BitGenerator;
use crate::distributions::legacy::{self as ld, GaussCache};
use crate::distributions::{self, Binomial, random_interval};
use crate::generator::RandomInteger;
use crate::generator::integers::inclusive_bounds;
use crate::mt19937::{MT19937_STATE_LEN, Mt19937, Mt19937State};
use crate::params::{Constraint, Param, Size, check, new_filled, sample_with_params};

/// The full state of a `RandomState` as NumPy's `get_state()` returns it: `('MT19937', key,
/// pos, has_gauss, cached_gaussian)`.
///
/// ```
/// use oxarray_random::RandomState;
/// let mut rs = RandomState::new(0u32)?;
/// rs.randn(1)?;                                // leaves the pair's second value cached
/// assert!(rs.get_state().has_gauss);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct LegacyState {
    /// The MT19937 key and position.
    pub mt: Mt19937State,
    /// Whether a second polar Gaussian is cached.
    pub has_gauss: bool,
    /// The cached Gaussian (0 when none).
    pub cached_gaussian: f64,
}

/// What NumPy's legacy seeding accepts (`np.random.seed(seed)`, `RandomState(seed)`): an
/// integer in `[0, 2^32)` (Knuth's `init_genrand`), a non-empty list of such integers
/// (`init_by_array`), or `None` (`Option<u32>`, operating-system randomness).
///
/// ```
/// use oxarray_random::RandomState;
/// assert!(RandomState::new(42u32).is_ok());
/// assert!(RandomState::new([1u32, 2, 3]).is_ok());           // seed([1, 2, 3])
/// assert!(RandomState::new(1u64 << 32).is_err());            // out of range
/// assert!(RandomState::new(-1i64).is_err());
/// assert!(RandomState::new(&[] as &[u32]).is_err());         // empty seed
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub trait LegacySeed {
    /// Re-seeds `mt` (an error for an out-of-range or empty seed).
    fn seed_mt19937(self, mt: &mut Mt19937) -> Result<()>;
}

fn seed_word(value: i128) -> Result<u32> {
    u32::try_from(value)
        .map_err(|_| Error::invalid_argument("seed", value, "Seed must be between 0 and 2**32 - 1"))
}

macro_rules! legacy_int_seeds {
    ($($t:ty),*) => {$(
        impl LegacySeed for $t {
            fn seed_mt19937(self, mt: &mut Mt19937) -> Result<()> {
                mt.legacy_seed(seed_word(self as i128)?);
                Ok(())
            }
        }
        impl LegacySeed for &[$t] {
            fn seed_mt19937(self, mt: &mut Mt19937) -> Result<()> {
                if self.is_empty() {
                    return Err(Error::invalid_argument("seed", "[]", "Seed must be non-empty"));
                }
                let words = self.iter().map(|&v| seed_word(v as i128)).collect::<Result<Vec<u32>>>()?;
                mt.legacy_seed_by_array(&words);
                Ok(())
            }
        }
        impl<const N: usize> LegacySeed for [$t; N] {
            fn seed_mt19937(self, mt: &mut Mt19937) -> Result<()> {
                (&self[..]).seed_mt19937(mt)
            }
        }
        impl LegacySeed for Vec<$t> {
            fn seed_mt19937(self, mt: &mut Mt19937) -> Result<()> {
                (&self[..]).seed_mt19937(mt)
            }
        }
    )*};
}

legacy_int_seeds!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

impl LegacySeed for Option<u32> {
    fn seed_mt19937(self, mt: &mut Mt19937) -> Result<()> {
        match self {
            Some(v) => v.seed_mt19937(mt),
            None => mt.legacy_seed_from_os(),
        }
    }
}

/// NumPy's legacy `RandomState`: the `np.random.*` functions of NumPy before 1.17, with their
/// frozen streams. See the [module docs](self).
///
/// ```
/// use oxarray_random::RandomState;
/// let mut rs = RandomState::new(0u32)?;          // np.random.RandomState(0)
/// assert_eq!(rs.rand(())?.item()?, 0.5488135039273248);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct RandomState {
    mt: Mt19937,
    gauss: GaussCache,
}

impl RandomState {
    /// `RandomState(seed)`.
    ///
    /// ```
    /// use oxarray_random::RandomState;
    /// let mut a = RandomState::new(7u32)?;
    /// let mut b = RandomState::new(None)?;     // RandomState(): operating-system seed
    /// assert!(a.random_sample(())?.item()? < 1.0 && b.random_sample(())?.item()? < 1.0);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn new(seed: impl LegacySeed) -> Result<Self> {
        let mut mt = Mt19937::from_legacy_seed(0);
        seed.seed_mt19937(&mut mt)?;
        Ok(RandomState {
            mt,
            gauss: GaussCache::default(),
        })
    }

    /// `seed(seed)`: re-seeds the generator and drops the cached Gaussian.
    ///
    /// ```
    /// use oxarray_random::RandomState;
    /// let mut rs = RandomState::new(1u32)?;
    /// let first = rs.randn(3)?;
    /// rs.seed(1u32)?;
    /// assert_eq!(rs.randn(3)?, first);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn seed(&mut self, seed: impl LegacySeed) -> Result<()> {
        seed.seed_mt19937(&mut self.mt)?;
        self.gauss = GaussCache::default();
        Ok(())
    }

    /// `get_state()`.
    ///
    /// ```
    /// use oxarray_random::RandomState;
    /// let rs = RandomState::new(0u32)?;
    /// let st = rs.get_state();
    /// assert_eq!((st.mt.pos, st.mt.key[0], st.has_gauss), (624, 0, false));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn get_state(&self) -> LegacyState {
        LegacyState {
            mt: self.mt.state(),
            has_gauss: self.gauss.has_gauss,
            cached_gaussian: self.gauss.gauss,
        }
    }

    /// `set_state(state)`; an error for a position above 624.
    ///
    /// ```
    /// use oxarray_random::RandomState;
    /// let mut rs = RandomState::new(0u32)?;
    /// let st = rs.get_state();
    /// let a = rs.randn(5)?;
    /// rs.set_state(&st)?;
    /// assert_eq!(rs.randn(5)?, a);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn set_state(&mut self, state: &LegacyState) -> Result<()> {
        self.mt.set_state(&state.mt)?;
        self.gauss = GaussCache {
            has_gauss: state.has_gauss,
            gauss: state.cached_gaussian,
        };
        Ok(())
    }

    /// The MT19937 bit generator underneath.
    ///
    /// ```
    /// use oxarray_random::RandomState;
    /// let rs = RandomState::new(0u32)?;
    /// assert_eq!(rs.bit_generator().state().pos, 624);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn bit_generator(&self) -> &Mt19937 {
        &self.mt
    }

    /// `random_sample(size)` (also `random`, `ranf`, `sample`): doubles on [0, 1), each
    /// from two 32-bit draws (`genrand_res53`).
    ///
    /// ```
    /// use oxarray_random::RandomState;
    /// let x = RandomState::new(0u32)?.random_sample(2)?;
    /// assert_eq!(x.to_vec(), [0.5488135039273248, 0.7151893663724195]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn random_sample(&mut self, size: impl Size) -> Result<Array<f64>> {
        let shape = size.into_size().unwrap_or_default();
        new_filled(&shape, |out| self.mt.fill_f64(out))
    }

    /// `rand(d0, d1, ...)`: [`random_sample`](Self::random_sample) with the shape given as
    /// dimensions (`rand(())` is NumPy's `rand()`).
    ///
    /// ```
    /// use oxarray_random::RandomState;
    /// let x = RandomState::new(0u32)?.rand([3, 4])?;   // np.random.seed(0); np.random.rand(3, 4)
    /// assert_eq!(x.shape(), &[3, 4]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn rand(&mut self, shape: impl Size) -> Result<Array<f64>> {
        self.random_sample(shape)
    }

    /// `random_sample` into `out` (memory order); NumPy's legacy functions have no `out=`,
    /// this is the fill a caller would otherwise copy.
    ///
    /// ```
    /// use oxarray_core::Array;
    /// use oxarray_random::RandomState;
    /// let mut out = Array::<f64>::zeros([2])?;
    /// RandomState::new(0u32)?.random_sample_into(&mut out)?;
    /// assert_eq!(out[[0]], 0.5488135039273248);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn random_sample_into(&mut self, out: &mut impl WriteArray<f64>) -> Result<()> {
        let mut view = out.write_view();
        self.mt.fill_f64(crate::params::contiguous_out(&mut view)?);
        Ok(())
    }

    /// `randn(d0, d1, ...)` / `standard_normal(size)`: polar-method normals, the second of
    /// each pair cached for the next call.
    ///
    /// ```
    /// use oxarray_random::RandomState;
    /// let z = RandomState::new(0u32)?.randn(2)?;
    /// assert_eq!(z.to_vec(), [1.764052345967664, 0.4001572083672233]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn randn(&mut self, shape: impl Size) -> Result<Array<f64>> {
        self.standard_normal(shape)
    }

    /// `standard_normal(size)`; see [`randn`](Self::randn).
    ///
    /// ```
    /// use oxarray_random::RandomState;
    /// assert_eq!(RandomState::new(0u32)?.standard_normal([2, 2])?.shape(), &[2, 2]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn standard_normal(&mut self, size: impl Size) -> Result<Array<f64>> {
        let shape = size.into_size().unwrap_or_default();
        let (gauss, mt) = (&mut self.gauss, &mut self.mt);
        new_filled(&shape, |out| {
            out.iter_mut().for_each(|x| *x = gauss.gauss(mt))
        })
    }

    /// `normal(loc, scale, size)`: `loc + scale * Z` on the polar normals. Errors for a
    /// negative `scale`.
    ///
    /// ```
    /// use oxarray_random::RandomState;
    /// let x = RandomState::new(0u32)?.normal(10.0, 2.0, 3)?;
    /// assert_eq!(x[[0]], 10.0 + 2.0 * 1.764052345967664);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn normal(
        &mut self,
        loc: impl AsArrayView<f64>,
        scale: impl AsArrayView<f64>,
        size: impl Size,
    ) -> Result<Array<f64>> {
        let params = [
            Param::new(&loc, "loc", Constraint::None),
            Param::new(&scale, "scale", Constraint::NonNegative),
        ];
        let (gauss, mt) = (&mut self.gauss, &mut self.mt);
        sample_with_params(size.into_size(), &params, |v| v[0] + v[1] * gauss.gauss(mt))
    }

    /// `uniform(low, high, size)`: `low + (high - low) * U` (here `high < low` is allowed,
    /// as in NumPy's legacy function). Errors when `high - low` is not finite.
    ///
    /// ```
    /// use oxarray_random::RandomState;
    /// let x = RandomState::new(0u32)?.uniform(-1.0, 1.0, 4)?;
    /// assert!(x.iter().all(|&v| (-1.0..1.0).contains(&v)));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn uniform(
        &mut self,
        low: impl AsArrayView<f64>,
        high: impl AsArrayView<f64>,
        size: impl Size,
    ) -> Result<Array<f64>> {
        let range = oxarray_ufunc::subtract(high.as_view(), low.as_view())?;
        if let Some(bad) = range.iter().find(|v| !v.is_finite()) {
            return Err(Error::invalid_argument(
                "high - low",
                bad,
                "Range exceeds valid bounds",
            ));
        }
        let params = [
            Param::new(&low, "low", Constraint::None),
            Param::new(&range, "high - low", Constraint::None),
        ];
        let mt = &mut self.mt;
        sample_with_params(size.into_size(), &params, |v| {
            distributions::uniform(mt, v[0], v[1])
        })
    }

    /// `randint(low, high, size, dtype)`: integers in `[low, high)` by masked rejection
    /// (NumPy's legacy method). NumPy's `randint(high)` is `randint(0, high, ...)`.
    ///
    /// ```
    /// use oxarray_random::RandomState;
    /// let k = RandomState::new(0u32)?.randint::<i64>(0, 10, 5)?;
    /// assert_eq!(k.to_vec(), [5, 0, 3, 3, 7]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn randint<T: RandomInteger>(
        &mut self,
        low: impl Into<i128>,
        high: impl Into<i128>,
        size: impl Size,
    ) -> Result<Array<T>> {
        let shape = size.into_size();
        if shape
            .as_ref()
            .is_some_and(|s| s.iter().product::<usize>() == 0)
        {
            // NumPy returns an empty array before looking at the bounds.
            return Array::zeros(&shape.unwrap_or_default()[..]);
        }
        let (low, high) = inclusive_bounds::<T>(low.into(), high.into(), false)?;
        let shape = shape.unwrap_or_default();
        new_filled(&shape, |out| {
            T::fill_bounded(&mut self.mt, low, high, true, out)
        })
    }

    /// `shuffle(x)`: shuffles `x` in place along its first axis (NumPy's legacy shuffle has
    /// no `axis`).
    ///
    /// ```
    /// use oxarray_core::Array;
    /// use oxarray_random::RandomState;
    /// let mut x = Array::<i64>::arange(0, 10, 1)?;
    /// RandomState::new(0u32)?.shuffle(&mut x)?;
    /// assert_eq!(x.to_vec(), [2, 8, 4, 9, 1, 6, 7, 3, 0, 5]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn shuffle<T: Element>(&mut self, x: &mut impl WriteArray<T>) -> Result<()> {
        let mut view = x.write_view();
        if view.ndim() == 0 {
            return Err(Error::invalid_argument(
                "x",
                "a 0-d array",
                "x must be an integer or at least 1-dimensional",
            ));
        }
        if view.is_empty() {
            return Ok(());
        }
        let n = view.shape()[0];
        if let (1, Some(slice)) = (view.ndim(), view.as_slice_mut()) {
            for i in (1..n).rev() {
                let j = random_interval(&mut self.mt, i as u64) as usize;
                slice.swap(i, j);
            }
            return Ok(());
        }
        let idx = self.shuffled_indices(n);
        let shuffled = view.view().take(&idx, Some(0))?;
        view.assign(&shuffled)
    }

    fn shuffled_indices(&mut self, n: usize) -> Vec<i64> {
        let mut idx: Vec<i64> = (0..n as i64).collect();
        for i in (1..n).rev() {
            let j = random_interval(&mut self.mt, i as u64) as usize;
            idx.swap(i, j);
        }
        idx
    }

    /// `permutation(x)`: a copy of `x` shuffled along its first axis.
    ///
    /// ```
    /// use oxarray_core::array;
    /// use oxarray_random::RandomState;
    /// let p = RandomState::new(0u32)?.permutation(&array![[1, 2], [3, 4], [5, 6]])?;
    /// assert_eq!(p.shape(), &[3, 2]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn permutation<T: Element>(&mut self, x: &impl AsArrayView<T>) -> Result<Array<T>> {
        let view = x.as_view();
        normalize_axis(0, view.ndim()).map_err(|_| {
            Error::invalid_argument(
                "x",
                "a 0-d array",
                "x must be an integer or at least 1-dimensional",
            )
        })?;
        let idx = self.shuffled_indices(view.shape()[0]);
        view.take(&idx, Some(0))
    }

    /// `permutation(n)`: `0..n` shuffled, as the article loaders' `np.random.permutation(n)`.
    ///
    /// ```
    /// use oxarray_random::RandomState;
    /// let p = RandomState::new(0u32)?.permutation_range(10)?;
    /// assert_eq!(p.to_vec(), [2, 8, 4, 9, 1, 6, 7, 3, 0, 5]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn permutation_range(&mut self, n: usize) -> Result<Array<i64>> {
        let mut idx = Array::<i64>::arange(0, n as i64, 1)?;
        self.shuffle(&mut idx)?;
        Ok(idx)
    }

    /// `choice(a, size, replace, p)`: entries of the 1-D `a`, NumPy's legacy algorithm
    /// (`randint` with replacement, a permutation prefix without). `options.axis` and
    /// `options.shuffle` are not legacy keywords and must keep their defaults.
    ///
    /// ```
    /// use oxarray_core::array;
    /// use oxarray_random::{ChoiceOptions, RandomState};
    /// let a = array![1.5, 2.5, 3.5];
    /// let x = RandomState::new(0u32)?.choice(&a, 4, ChoiceOptions::default())?;
    /// assert_eq!(x.len(), 4);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn choice<T: Element>(
        &mut self,
        a: &impl AsArrayView<T>,
        size: impl Size,
        options: crate::ChoiceOptions<'_>,
    ) -> Result<Array<T>> {
        let a = a.as_view();
        if a.ndim() != 1 {
            return Err(Error::invalid_argument(
                "a",
                format!("an array of shape {:?}", a.shape()),
                "a must be 1-dimensional",
            ));
        }
        let shape = size.into_size();
        let n_samples: usize = shape.as_ref().map_or(1, |s| s.iter().product());
        if a.is_empty() && n_samples != 0 {
            return Err(Error::invalid_argument(
                "a",
                "an empty array",
                "'a' cannot be empty unless no samples are taken",
            ));
        }
        let idx = self.choice_indices(a.len(), shape, options)?;
        a.take(&idx, Some(0))
    }

    /// `choice(n, size, replace, p)`: samples of `0..n` as `int64`.
    ///
    /// ```
    /// use oxarray_random::{ChoiceOptions, RandomState};
    /// let k = RandomState::new(0u32)?.choice_range(5, 3, ChoiceOptions::default())?;
    /// assert_eq!(k.to_vec(), [4, 0, 3]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn choice_range(
        &mut self,
        n: i64,
        size: impl Size,
        options: crate::ChoiceOptions<'_>,
    ) -> Result<Array<i64>> {
        let shape = size.into_size();
        let n_samples: usize = shape.as_ref().map_or(1, |s| s.iter().product());
        if n <= 0 && n_samples != 0 {
            return Err(Error::invalid_argument(
                "a",
                n,
                "a must be greater than 0 unless no samples are taken",
            ));
        }
        self.choice_indices(n.max(0) as usize, shape, options)
    }

    fn choice_indices(
        &mut self,
        pop_size: usize,
        shape: Option<oxarray_core::Dims>,
        options: crate::ChoiceOptions<'_>,
    ) -> Result<Array<i64>> {
        let shape = shape.unwrap_or_default();
        let size: usize = shape.iter().product();
        if let Some(p) = options.p {
            crate::generator::check_choice_probabilities(p, pop_size, true)?;
        }
        if options.replace {
            return match options.p {
                Some(p) => {
                    let cdf = crate::generator::normalized_cdf(p);
                    let u = self.random_sample(&shape)?;
                    Ok(u.view().map(|u| cdf.partition_point(|&c| c <= u) as i64))
                }
                None => self.randint::<i64>(0, pop_size as i64, &shape),
            };
        }
        if size > pop_size {
            return Err(Error::invalid_argument(
                "size",
                size,
                "Cannot take a larger sample than population when 'replace=False'",
            ));
        }
        let idx = match options.p {
            Some(p) => {
                let mut draw = |n| self.random_sample(n);
                crate::generator::weighted_without_replacement(p, size, &mut draw)?
            }
            None => {
                let perm = self.permutation_range(pop_size)?;
                perm.to_vec()[..size].to_vec()
            }
        };
        Array::from_vec(idx, &shape[..])
    }

    /// `standard_exponential(size)`: `-log(1 - U)` (the legacy inversion).
    ///
    /// ```
    /// use oxarray_random::RandomState;
    /// assert!(RandomState::new(0u32)?.standard_exponential(3)?.iter().all(|&v| v >= 0.0));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn standard_exponential(&mut self, size: impl Size) -> Result<Array<f64>> {
        let shape = size.into_size().unwrap_or_default();
        let mt = &mut self.mt;
        new_filled(&shape, |out| {
            out.iter_mut()
                .for_each(|x| *x = ld::standard_exponential(mt))
        })
    }

    /// `exponential(scale, size)`. Errors for a negative `scale`.
    ///
    /// ```
    /// use oxarray_random::RandomState;
    /// assert_eq!(RandomState::new(0u32)?.exponential(2.0, 3)?.len(), 3);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn exponential(
        &mut self,
        scale: impl AsArrayView<f64>,
        size: impl Size,
    ) -> Result<Array<f64>> {
        let params = [Param::new(&scale, "scale", Constraint::NonNegative)];
        let mt = &mut self.mt;
        sample_with_params(size.into_size(), &params, |v| {
            v[0] * ld::standard_exponential(mt)
        })
    }

    /// `standard_gamma(shape, size)` on the legacy normals and exponentials. Errors for a
    /// negative `shape`.
    ///
    /// ```
    /// use oxarray_random::RandomState;
    /// assert!(RandomState::new(0u32)?.standard_gamma(2.0, 3)?.iter().all(|&v| v > 0.0));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn standard_gamma(
        &mut self,
        shape: impl AsArrayView<f64>,
        size: impl Size,
    ) -> Result<Array<f64>> {
        let params = [Param::new(&shape, "shape", Constraint::NonNegative)];
        let (gauss, mt) = (&mut self.gauss, &mut self.mt);
        sample_with_params(size.into_size(), &params, |v| {
            gauss.standard_gamma(mt, v[0])
        })
    }

    /// `gamma(shape, scale, size)`. Errors for a negative `shape` or `scale`.
    ///
    /// ```
    /// use oxarray_random::RandomState;
    /// assert_eq!(RandomState::new(0u32)?.gamma(2.0, 3.0, [2, 2])?.shape(), &[2, 2]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn gamma(
        &mut self,
        shape: impl AsArrayView<f64>,
        scale: impl AsArrayView<f64>,
        size: impl Size,
    ) -> Result<Array<f64>> {
        let params = [
            Param::new(&shape, "shape", Constraint::NonNegative),
            Param::new(&scale, "scale", Constraint::NonNegative),
        ];
        let (gauss, mt) = (&mut self.gauss, &mut self.mt);
        sample_with_params(size.into_size(), &params, |v| {
            v[1] * gauss.standard_gamma(mt, v[0])
        })
    }

    /// `beta(a, b, size)`. Errors unless `a > 0` and `b > 0`.
    ///
    /// ```
    /// use oxarray_random::RandomState;
    /// assert!(RandomState::new(0u32)?.beta(0.5, 2.0, 4)?.iter().all(|&v| (0.0..=1.0).contains(&v)));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn beta(
        &mut self,
        a: impl AsArrayView<f64>,
        b: impl AsArrayView<f64>,
        size: impl Size,
    ) -> Result<Array<f64>> {
        let params = [
            Param::new(&a, "a", Constraint::Positive),
            Param::new(&b, "b", Constraint::Positive),
        ];
        let (gauss, mt) = (&mut self.gauss, &mut self.mt);
        sample_with_params(size.into_size(), &params, |v| gauss.beta(mt, v[0], v[1]))
    }

    /// `chisquare(df, size)`: `2 G(df / 2)` on the legacy gamma. Errors unless `df > 0`.
    ///
    /// ```
    /// use oxarray_random::RandomState;
    /// assert_eq!(RandomState::new(0u32)?.chisquare(3.0, 2)?.len(), 2);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn chisquare(&mut self, df: impl AsArrayView<f64>, size: impl Size) -> Result<Array<f64>> {
        let params = [Param::new(&df, "df", Constraint::Positive)];
        let (gauss, mt) = (&mut self.gauss, &mut self.mt);
        sample_with_params(size.into_size(), &params, |v| {
            2.0 * gauss.standard_gamma(mt, v[0] / 2.0)
        })
    }

    /// `poisson(lam, size)`. Errors for a negative, NaN or too large `lam`.
    ///
    /// ```
    /// use oxarray_random::RandomState;
    /// assert!(RandomState::new(0u32)?.poisson(3.0, 5)?.iter().all(|&v| v >= 0));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn poisson(&mut self, lam: impl AsArrayView<f64>, size: impl Size) -> Result<Array<i64>> {
        let params = [Param::new(&lam, "lam", Constraint::Poisson)];
        let mt = &mut self.mt;
        sample_with_params(size.into_size(), &params, |v| ld::poisson(mt, v[0]))
    }

    /// `binomial(n, p, size)`. Errors for a negative `n` or `p` outside [0, 1].
    ///
    /// ```
    /// use oxarray_random::RandomState;
    /// assert!(RandomState::new(0u32)?.binomial(10, 0.3, 5)?.iter().all(|&v| (0..=10).contains(&v)));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn binomial(&mut self, n: i64, p: f64, size: impl Size) -> Result<Array<i64>> {
        check(p, "p", Constraint::Bounded01)?;
        if n < 0 {
            return Err(Error::invalid_argument("n", n, "n < 0"));
        }
        let sampler = Binomial::new(n, p);
        let shape = size.into_size().unwrap_or_default();
        let mt = &mut self.mt;
        new_filled(&shape, |out| {
            out.iter_mut().for_each(|x| *x = sampler.sample(mt))
        })
    }
}

/// The length of MT19937's key, re-exported for [`LegacyState`] users.
///
/// ```
/// assert_eq!(oxarray_random::legacy::LEGACY_KEY_LEN, 624);
/// ```
pub const LEGACY_KEY_LEN: usize = MT19937_STATE_LEN;
