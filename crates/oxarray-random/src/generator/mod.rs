//! NumPy's `Generator`: the sampling methods over a bit generator, with NumPy's names,
//! arguments and algorithms, so that the same seed gives the same arrays.
//!
//! Methods take NumPy's arguments in NumPy's order: distribution parameters first (a scalar
//! `f64` or any array-like, broadcast as in NumPy), then `size` ([`Size`]: a shape, or `()` for
//! NumPy's `size=None`), then NumPy's keywords. The `_into` twins write into an existing
//! array (NumPy's `out=`), which must be C- or F-contiguous, as in NumPy.

mod continuous;
mod discrete;
pub(crate) mod float;
pub(crate) mod integers;
mod multivariate;
mod permutation;

use oxarray_core::AsArrayView;
use oxarray_core::{Array, Dims, Error, Result};
use oxarray_ufunc::WriteArray;

pub use float::RandomFloat;
pub use integers::RandomInteger;
pub use multivariate::{CheckValid, CovMethod, MultivariateNormalOptions};
pub use permutation::ChoiceOptions;
pub(crate) use permutation::{
    check_choice_probabilities, normalized_cdf, weighted_without_replacement,
};

use crate::bit_generator::{BitGenerator, SeedableBitGenerator};
use crate::params::{
    Constraint, Param, Size, contiguous_out, new_filled, sample_into, sample_with_params,
};
use crate::pcg64::Pcg64;
use crate::seed_sequence::IntoSeedSequence;

/// NumPy's `Generator`: samples from NumPy's distributions on a bit generator `B` (PCG64 by
/// default), draw for draw as NumPy's `Generator(B(seed))`.
///
/// ```
/// use oxarray_random::default_rng;
/// let mut rng = default_rng(42)?;                      // np.random.default_rng(42)
/// let x = rng.random::<f64>([2, 3])?;                  // rng.random((2, 3))
/// let k = rng.integers::<i64>(0, 10, 5, false)?;       // rng.integers(0, 10, 5)
/// let z = rng.normal(1.0, 2.0, 4)?;                    // rng.normal(1.0, 2.0, 4)
/// assert_eq!((x.shape(), k.len(), z.len()), (&[2usize, 3][..], 5, 4));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Generator<B: BitGenerator = Pcg64> {
    bit_generator: B,
}

/// NumPy's `np.random.default_rng(seed)`: a [`Generator`] on [`Pcg64`] seeded through a
/// [`SeedSequence`](crate::SeedSequence) from an integer, a list of integers, `None` (operating
/// system randomness) or a seed sequence.
///
/// ```
/// use oxarray_random::default_rng;
/// let a = default_rng(7)?.random::<f64>(3)?;
/// let b = default_rng(7)?.random::<f64>(3)?;
/// assert_eq!(a, b);
/// let _fresh = default_rng(None)?;                     // np.random.default_rng()
/// let _list = default_rng([1u32, 2, 3])?;              // np.random.default_rng([1, 2, 3])
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn default_rng(seed: impl IntoSeedSequence) -> Result<Generator<Pcg64>> {
    Ok(Generator::new(Pcg64::new(seed)?))
}

impl<B: BitGenerator> Generator<B> {
    /// `Generator(bit_generator)`.
    ///
    /// ```
    /// use oxarray_random::{Generator, Mt19937, SeedableBitGenerator};
    /// let mut rng = Generator::new(Mt19937::new(0u32)?);   // Generator(MT19937(0))
    /// assert!(rng.random::<f64>(())?.item()? < 1.0);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn new(bit_generator: B) -> Self {
        Generator { bit_generator }
    }

    /// The bit generator (`Generator.bit_generator`).
    ///
    /// ```
    /// use oxarray_random::default_rng;
    /// let mut rng = default_rng(0)?;
    /// let state = rng.bit_generator().state();   // rng.bit_generator.state
    /// assert!(!state.half.has_uint32);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn bit_generator(&self) -> &B {
        &self.bit_generator
    }

    /// The bit generator, mutably (to read or set its state, or draw raw bits).
    ///
    /// ```
    /// use oxarray_random::{default_rng, BitGenerator};
    /// let mut rng = default_rng(0)?;
    /// let raw = rng.bit_generator_mut().next_u64();   // rng.bit_generator.random_raw()
    /// # let _ = raw;
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn bit_generator_mut(&mut self) -> &mut B {
        &mut self.bit_generator
    }

    /// The bit generator, by value.
    ///
    /// ```
    /// use oxarray_random::default_rng;
    /// let mut rng = default_rng(0)?;
    /// let bg = rng.into_bit_generator();
    /// assert!(bg.state().inc % 2 == 1);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn into_bit_generator(self) -> B {
        self.bit_generator
    }

    /// `Generator.spawn(n_children)`: generators on children of the bit generator's seed
    /// sequence, independent of this one and of each other.
    ///
    /// ```
    /// use oxarray_random::default_rng;
    /// let mut rng = default_rng(0)?;
    /// let mut kids = rng.spawn(2)?;
    /// assert_ne!(kids[0].random::<f64>(())?, kids[1].random::<f64>(())?);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn spawn(&mut self, n_children: usize) -> Result<Vec<Generator<B>>>
    where
        B: SeedableBitGenerator,
    {
        Ok(self
            .bit_generator
            .spawn(n_children)?
            .into_iter()
            .map(Generator::new)
            .collect())
    }

    /// `random(size, dtype)`: floats uniform on [0, 1), 53 random bits for `f64`, 24 for
    /// `f32`.
    ///
    /// ```
    /// use oxarray_random::default_rng;
    /// let x = default_rng(0)?.random::<f64>(2)?;
    /// assert_eq!(x.to_vec(), [0.6369616873214543, 0.2697867137638703]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn random<T: RandomFloat>(&mut self, size: impl Size) -> Result<Array<T>> {
        let shape = size.into_size().unwrap_or_default();
        new_filled(&shape, |out| T::fill_uniform(&mut self.bit_generator, out))
    }

    /// `random(dtype=..., out=out)`: fills `out` in memory order.
    ///
    /// ```
    /// use oxarray_core::Array;
    /// use oxarray_random::default_rng;
    /// let mut out = Array::<f32>::zeros([2, 2])?;
    /// default_rng(0)?.random_into(&mut out)?;
    /// assert!(out.iter().all(|&x| (0.0..1.0).contains(&x)));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn random_into<T: RandomFloat>(&mut self, out: &mut impl WriteArray<T>) -> Result<()> {
        let mut view = out.write_view();
        T::fill_uniform(&mut self.bit_generator, contiguous_out(&mut view)?);
        Ok(())
    }

    /// `integers(low, high, size, dtype, endpoint)`: integers in `[low, high)` (`[low, high]`
    /// with `endpoint`), by Lemire's method on 32-bit draws when the range fits 32 bits.
    /// NumPy's one-argument form `integers(high)` is `integers(0, high, ...)`.
    ///
    /// ```
    /// use oxarray_random::default_rng;
    /// let k = default_rng(0)?.integers::<i64>(0, 10, 5, false)?;
    /// assert_eq!(k.to_vec(), [8, 6, 5, 2, 3]);
    /// let d = default_rng(0)?.integers::<u8>(1, 6, 3, true)?;  // dice, endpoint=True
    /// assert!(d.iter().all(|&v| (1..=6).contains(&v)));
    /// assert!(default_rng(0)?.integers::<i64>(5, 5, 1, false).is_err()); // low >= high
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn integers<T: RandomInteger>(
        &mut self,
        low: impl Into<i128>,
        high: impl Into<i128>,
        size: impl Size,
        endpoint: bool,
    ) -> Result<Array<T>> {
        let shape = size.into_size();
        if shape
            .as_ref()
            .is_some_and(|s| s.iter().product::<usize>() == 0)
        {
            // NumPy returns an empty array before looking at the bounds.
            return Array::zeros(&shape.unwrap_or_default()[..]);
        }
        let (low, high) = integers::inclusive_bounds::<T>(low.into(), high.into(), endpoint)?;
        let shape = shape.unwrap_or_default();
        new_filled(&shape, |out| {
            T::fill_bounded(&mut self.bit_generator, low, high, false, out)
        })
    }

    /// [`integers`](Self::integers) into `out` (memory order).
    ///
    /// ```
    /// use oxarray_core::Array;
    /// use oxarray_random::default_rng;
    /// let mut out = Array::<i32>::zeros([3])?;
    /// default_rng(0)?.integers_into(-5, 5, false, &mut out)?;
    /// assert!(out.iter().all(|&v| (-5..5).contains(&v)));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn integers_into<T: RandomInteger>(
        &mut self,
        low: impl Into<i128>,
        high: impl Into<i128>,
        endpoint: bool,
        out: &mut impl WriteArray<T>,
    ) -> Result<()> {
        let mut view = out.write_view();
        if view.is_empty() {
            return Ok(());
        }
        let (low, high) = integers::inclusive_bounds::<T>(low.into(), high.into(), endpoint)?;
        T::fill_bounded(
            &mut self.bit_generator,
            low,
            high,
            false,
            contiguous_out(&mut view)?,
        );
        Ok(())
    }

    /// `uniform(low, high, size)`: floats uniform on `[low, high)`, `low + (high - low) * U`.
    /// Errors when `high - low` is negative or not finite.
    ///
    /// ```
    /// use oxarray_random::default_rng;
    /// let x = default_rng(0)?.uniform(-1.0, 1.0, 1000)?;
    /// assert!(x.iter().all(|&v| (-1.0..1.0).contains(&v)));
    /// assert!(default_rng(0)?.uniform(1.0, 0.0, 1).is_err()); // high - low < 0
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn uniform(
        &mut self,
        low: impl AsArrayView<f64>,
        high: impl AsArrayView<f64>,
        size: impl Size,
    ) -> Result<Array<f64>> {
        let range = uniform_range(&low, &high)?;
        let bg = &mut self.bit_generator;
        sample_with_params(size.into_size(), &uniform_params(&low, &range), |v| {
            crate::distributions::uniform(bg, v[0], v[1])
        })
    }

    /// [`uniform`](Self::uniform) into `out`.
    ///
    /// ```
    /// use oxarray_core::Array;
    /// use oxarray_random::default_rng;
    /// let mut out = Array::<f64>::zeros([2, 2])?;
    /// default_rng(0)?.uniform_into(2.0, 3.0, &mut out)?;
    /// assert!(out.iter().all(|&v| (2.0..3.0).contains(&v)));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn uniform_into(
        &mut self,
        low: impl AsArrayView<f64>,
        high: impl AsArrayView<f64>,
        out: &mut impl WriteArray<f64>,
    ) -> Result<()> {
        let range = uniform_range(&low, &high)?;
        let bg = &mut self.bit_generator;
        sample_into(out, &uniform_params(&low, &range), |v| {
            crate::distributions::uniform(bg, v[0], v[1])
        })
    }

    /// `standard_normal(size, dtype)`: NumPy's ziggurat normals (the `f32` ziggurat for
    /// `f32`).
    ///
    /// ```
    /// use oxarray_random::default_rng;
    /// let z = default_rng(0)?.standard_normal::<f64>(2)?;
    /// assert_eq!(z.to_vec(), [0.1257302210933933, -0.1321048632913019]);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn standard_normal<T: RandomFloat>(&mut self, size: impl Size) -> Result<Array<T>> {
        let shape = size.into_size().unwrap_or_default();
        let bg = &mut self.bit_generator;
        new_filled(&shape, |out| {
            out.iter_mut().for_each(|x| *x = T::standard_normal(bg))
        })
    }

    /// [`standard_normal`](Self::standard_normal) into `out` (memory order).
    ///
    /// ```
    /// use oxarray_core::Array;
    /// use oxarray_random::default_rng;
    /// let mut out = Array::<f64>::zeros([3])?;
    /// default_rng(0)?.standard_normal_into(&mut out)?;
    /// assert_eq!(out.to_vec()[0], 0.1257302210933933);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn standard_normal_into<T: RandomFloat>(
        &mut self,
        out: &mut impl WriteArray<T>,
    ) -> Result<()> {
        let mut view = out.write_view();
        let bg = &mut self.bit_generator;
        contiguous_out(&mut view)?
            .iter_mut()
            .for_each(|x| *x = T::standard_normal(bg));
        Ok(())
    }

    /// `normal(loc, scale, size)`: `loc + scale * Z`. Errors for a negative `scale`.
    ///
    /// ```
    /// use oxarray_core::array;
    /// use oxarray_random::default_rng;
    /// let mut rng = default_rng(0)?;
    /// let x = rng.normal(10.0, 0.5, [2, 2])?;
    /// let y = rng.normal(&array![0.0, 100.0], 1.0, ())?;  // loc broadcast, size=None
    /// assert_eq!(y.shape(), &[2]);
    /// assert!(rng.normal(0.0, -1.0, 1).is_err());         // scale < 0
    /// # let _ = x;
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
        let bg = &mut self.bit_generator;
        sample_with_params(size.into_size(), &params, |v| {
            crate::distributions::normal(bg, v[0], v[1])
        })
    }

    /// [`normal`](Self::normal) into `out`.
    ///
    /// ```
    /// use oxarray_core::Array;
    /// use oxarray_random::default_rng;
    /// let mut out = Array::<f64>::zeros([4])?;
    /// default_rng(0)?.normal_into(5.0, 0.0, &mut out)?;
    /// assert!(out.iter().all(|&v| v == 5.0));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn normal_into(
        &mut self,
        loc: impl AsArrayView<f64>,
        scale: impl AsArrayView<f64>,
        out: &mut impl WriteArray<f64>,
    ) -> Result<()> {
        let params = [
            Param::new(&loc, "loc", Constraint::None),
            Param::new(&scale, "scale", Constraint::NonNegative),
        ];
        let bg = &mut self.bit_generator;
        sample_into(out, &params, |v| {
            crate::distributions::normal(bg, v[0], v[1])
        })
    }

    /// `standard_exponential(size, dtype, method)`: `method` `None` or
    /// [`ExponentialMethod::Zig`] for NumPy's ziggurat (the default), `Inv` for inversion.
    ///
    /// ```
    /// use oxarray_random::{default_rng, ExponentialMethod};
    /// let mut rng = default_rng(0)?;
    /// let e = rng.standard_exponential::<f64>(3, None)?;
    /// let i = rng.standard_exponential::<f32>(3, Some(ExponentialMethod::Inv))?;
    /// assert!(e.iter().all(|&v| v >= 0.0) && i.iter().all(|&v| v >= 0.0));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn standard_exponential<T: RandomFloat>(
        &mut self,
        size: impl Size,
        method: Option<ExponentialMethod>,
    ) -> Result<Array<T>> {
        let shape = size.into_size().unwrap_or_default();
        new_filled(&shape, |out| self.fill_exponential(method, out))
    }

    /// [`standard_exponential`](Self::standard_exponential) into `out` (memory order).
    ///
    /// ```
    /// use oxarray_core::Array;
    /// use oxarray_random::default_rng;
    /// let mut out = Array::<f64>::zeros([3])?;
    /// default_rng(0)?.standard_exponential_into(None, &mut out)?;
    /// assert!(out.iter().all(|&v| v >= 0.0));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn standard_exponential_into<T: RandomFloat>(
        &mut self,
        method: Option<ExponentialMethod>,
        out: &mut impl WriteArray<T>,
    ) -> Result<()> {
        let mut view = out.write_view();
        self.fill_exponential(method, contiguous_out(&mut view)?);
        Ok(())
    }

    fn fill_exponential<T: RandomFloat>(
        &mut self,
        method: Option<ExponentialMethod>,
        out: &mut [T],
    ) {
        let bg = &mut self.bit_generator;
        match method.unwrap_or_default() {
            ExponentialMethod::Zig => out
                .iter_mut()
                .for_each(|x| *x = T::standard_exponential(bg)),
            ExponentialMethod::Inv => out
                .iter_mut()
                .for_each(|x| *x = T::standard_exponential_inv(bg)),
        }
    }

    /// `exponential(scale, size)`: `scale * E`. Errors for a negative `scale`.
    ///
    /// ```
    /// use oxarray_random::default_rng;
    /// let x = default_rng(0)?.exponential(2.0, 5)?;
    /// assert!(x.iter().all(|&v| v >= 0.0));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn exponential(
        &mut self,
        scale: impl AsArrayView<f64>,
        size: impl Size,
    ) -> Result<Array<f64>> {
        let params = [Param::new(&scale, "scale", Constraint::NonNegative)];
        let bg = &mut self.bit_generator;
        sample_with_params(size.into_size(), &params, |v| {
            crate::distributions::exponential(bg, v[0])
        })
    }

    /// `standard_gamma(shape, size, dtype)`: gamma draws of unit scale (`shape` rounded to
    /// `f32` first for `f32`, as NumPy does). Errors for a negative `shape`.
    ///
    /// ```
    /// use oxarray_random::default_rng;
    /// let g = default_rng(0)?.standard_gamma::<f64>(2.5, 4)?;
    /// assert!(g.iter().all(|&v| v > 0.0));
    /// assert!(default_rng(0)?.standard_gamma::<f64>(-1.0, 1).is_err());
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn standard_gamma<T: RandomFloat>(
        &mut self,
        shape: impl AsArrayView<f64>,
        size: impl Size,
    ) -> Result<Array<T>> {
        let rounded = shape.as_view().map(T::round_param);
        let params = [Param::new(&rounded, "shape", Constraint::NonNegative)];
        let bg = &mut self.bit_generator;
        sample_with_params(size.into_size(), &params, |v| T::standard_gamma(bg, v[0]))
    }

    /// [`standard_gamma`](Self::standard_gamma) into `out`.
    ///
    /// ```
    /// use oxarray_core::Array;
    /// use oxarray_random::default_rng;
    /// let mut out = Array::<f32>::zeros([3])?;
    /// default_rng(0)?.standard_gamma_into(0.5, &mut out)?;
    /// assert!(out.iter().all(|&v| v >= 0.0));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn standard_gamma_into<T: RandomFloat>(
        &mut self,
        shape: impl AsArrayView<f64>,
        out: &mut impl WriteArray<T>,
    ) -> Result<()> {
        let rounded = shape.as_view().map(T::round_param);
        let params = [Param::new(&rounded, "shape", Constraint::NonNegative)];
        let bg = &mut self.bit_generator;
        sample_into(out, &params, |v| T::standard_gamma(bg, v[0]))
    }

    /// `bytes(length)`: `length` random bytes, the little-endian bytes of 32-bit draws (NumPy
    /// draws them as `integers(0, 4294967296, dtype=np.uint32)`).
    ///
    /// ```
    /// use oxarray_random::default_rng;
    /// assert_eq!(default_rng(0)?.bytes(10)?.len(), 10);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn bytes(&mut self, length: usize) -> Result<Vec<u8>> {
        let words = self.integers::<u32>(0, 1u64 << 32, length.div_ceil(4), false)?;
        let mut bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
        bytes.truncate(length);
        Ok(bytes)
    }
}

/// The `method=` of [`Generator::standard_exponential`].
///
/// ```
/// use oxarray_random::{default_rng, ExponentialMethod};
/// let x = default_rng(0)?.standard_exponential::<f64>(3, Some(ExponentialMethod::Inv))?;
/// assert_eq!(x.len(), 3);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ExponentialMethod {
    /// NumPy's exponential ziggurat (`method='zig'`, the default).
    #[default]
    Zig,
    /// Inversion, `-log1p(-U)` (`method='inv'`).
    Inv,
}

/// `high - low` for `uniform`, with NumPy's checks (finite; negativity is checked as the
/// `high - low` parameter).
fn uniform_range(low: &impl AsArrayView<f64>, high: &impl AsArrayView<f64>) -> Result<Array<f64>> {
    let range = oxarray_ufunc::subtract(high.as_view(), low.as_view())?;
    if let Some(bad) = range.iter().find(|v| !v.is_finite()) {
        return Err(Error::invalid_argument(
            "high - low",
            bad,
            "high - low range exceeds valid bounds",
        ));
    }
    Ok(range)
}

fn uniform_params<'a>(low: &'a impl AsArrayView<f64>, range: &'a Array<f64>) -> [Param<'a>; 2] {
    [
        Param::new(low, "low", Constraint::None),
        Param::new(range, "high - low", Constraint::NonNegative),
    ]
}

/// The dims of `size` (`()` for `None`), for the samplers whose output adds trailing axes.
pub(crate) fn size_dims(size: impl Size) -> Dims {
    size.into_size().unwrap_or_default()
}
