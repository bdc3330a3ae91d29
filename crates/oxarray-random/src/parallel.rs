//! Filling one large array from many independent streams on all cores.
//!
//! A single NumPy stream is sequential: draw `i + 1` depends on draw `i`. [`ParallelGenerator`]
//! instead cuts the output into chunks of `chunk_len` elements and gives chunk `k` its own
//! generator, seeded by the `k`-th child of a [`SeedSequence`] (NumPy's recommended way to get
//! independent streams, `SeedSequence.spawn`). The chunks are filled on rayon's threads.
//!
//! The numbers depend on the seed and `chunk_len` only, never on the number of threads, and
//! they are exactly NumPy's for those child streams:
//!
//! ```python
//! ss = np.random.SeedSequence(seed)
//! children = ss.spawn(ceil(n / chunk_len))
//! x = np.concatenate([np.random.default_rng(c).random(len_k) for c, len_k in ...])
//! ```
//!
//! They are *not* the numbers of the parent stream (`default_rng(seed).random(n)`): that
//! stream cannot be split without computing it.
//!
//! ```
//! use oxarray_random::{default_rng, ParallelGenerator, SeedSequence};
//! let mut par = ParallelGenerator::new(42, 1000)?;
//! let x = par.random(2500)?;                        // chunks of 1000, 1000, 500
//! // chunk 1 is default_rng(SeedSequence(42).spawn(3)[1]).random(1000)
//! let mut children = SeedSequence::new(42)?.spawn(3);
//! let chunk1 = default_rng(children.remove(1))?.random::<f64>(1000)?;
//! assert_eq!(&x.to_vec()[1000..2000], &chunk1.to_vec()[..]);
//! # Ok::<(), oxarray_core::Error>(())
//! ```

use std::marker::PhantomData;

use oxarray_core::{Array, Element, Result};
use oxarray_ufunc::WriteArray;
use rayon::prelude::*;

use crate::bit_generator::SeedableBitGenerator;
use crate::generator::{Generator, RandomFloat};
use crate::params::{Size, contiguous_out};
use crate::pcg64::Pcg64;
use crate::seed_sequence::{IntoSeedSequence, SeedSequence};

/// The default elements per stream, 2^20: enough chunks to keep every thread busy on large
/// arrays, few enough that spawning costs nothing next to filling.
///
/// ```
/// assert_eq!(oxarray_random::parallel::DEFAULT_CHUNK_LEN, 1 << 20);
/// ```
pub const DEFAULT_CHUNK_LEN: usize = 1 << 20;

/// Samples large arrays on all cores from independent spawned streams; see the
/// [module docs](self). Each call spawns fresh children from the seed sequence, so two calls
/// give different numbers, as two calls on one NumPy generator do.
///
/// ```
/// use oxarray_random::ParallelGenerator;
/// let x = ParallelGenerator::new(0, 1 << 16)?.random([1000, 1000])?;
/// assert_eq!(x.shape(), &[1000, 1000]);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct ParallelGenerator<B: SeedableBitGenerator = Pcg64> {
    seed: SeedSequence,
    chunk_len: usize,
    _bit_generator: PhantomData<fn() -> B>,
}

impl ParallelGenerator<Pcg64> {
    /// A parallel generator on PCG64 streams spawned from `seed`, `chunk_len` elements per
    /// stream (at least 1; about 2^20 keeps every thread busy on large arrays while a chunk
    /// stays in the cache hierarchy).
    ///
    /// ```
    /// use oxarray_random::{parallel::DEFAULT_CHUNK_LEN, ParallelGenerator};
    /// let mut par = ParallelGenerator::new(0, DEFAULT_CHUNK_LEN)?;
    /// assert_eq!(par.standard_normal(10)?.len(), 10);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn new(seed: impl IntoSeedSequence, chunk_len: usize) -> Result<Self> {
        Self::with_bit_generator(seed, chunk_len)
    }
}

impl<B: SeedableBitGenerator + Send> ParallelGenerator<B> {
    /// A parallel generator on streams of bit generator `B`.
    ///
    /// ```
    /// use oxarray_random::{Philox, ParallelGenerator};
    /// let mut par = ParallelGenerator::<Philox>::with_bit_generator(7, 4096)?;
    /// assert_eq!(par.random(10_000)?.len(), 10_000);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn with_bit_generator(seed: impl IntoSeedSequence, chunk_len: usize) -> Result<Self> {
        Ok(ParallelGenerator {
            seed: seed.into_seed_sequence()?,
            chunk_len: chunk_len.max(1),
            _bit_generator: PhantomData,
        })
    }

    /// The seed sequence the streams are spawned from.
    ///
    /// ```
    /// use oxarray_random::ParallelGenerator;
    /// let mut par = ParallelGenerator::new(0, 10)?;
    /// par.random(25)?;
    /// assert_eq!(par.seed_sequence().n_children_spawned(), 3);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn seed_sequence(&self) -> &SeedSequence {
        &self.seed
    }

    /// The elements per stream.
    ///
    /// ```
    /// use oxarray_random::ParallelGenerator;
    /// assert_eq!(ParallelGenerator::new(0, 0)?.chunk_len(), 1);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn chunk_len(&self) -> usize {
        self.chunk_len
    }

    /// Fills `out` (C- or F-contiguous, in memory order): chunk `k` is filled by
    /// `fill(&mut generator_k, chunk)`, the chunks in parallel.
    ///
    /// ```
    /// use oxarray_core::Array;
    /// use oxarray_random::{distributions, ParallelGenerator};
    /// let mut out = Array::<f64>::zeros([4, 1000])?;
    /// ParallelGenerator::new(1, 1024)?.fill(&mut out, |rng, chunk| {
    ///     let bg = rng.bit_generator_mut();
    ///     chunk.iter_mut().for_each(|x| *x = distributions::gamma(bg, 2.0, 1.0));
    /// })?;
    /// assert!(out.iter().all(|&v| v > 0.0));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn fill<T: Element>(
        &mut self,
        out: &mut impl WriteArray<T>,
        fill: impl Fn(&mut Generator<B>, &mut [T]) + Sync,
    ) -> Result<()> {
        let mut view = out.write_view();
        let slice = contiguous_out(&mut view)?;
        let children = self.seed.spawn(slice.len().div_ceil(self.chunk_len));
        slice
            .par_chunks_mut(self.chunk_len)
            .zip(children)
            .for_each(|(chunk, child)| {
                fill(&mut Generator::new(B::from_seed_sequence(child)), chunk)
            });
        Ok(())
    }

    /// `random(size)`, in parallel: floats uniform on [0, 1).
    ///
    /// ```
    /// use oxarray_random::ParallelGenerator;
    /// let x = ParallelGenerator::new(3, 1 << 16)?.random(1_000_000)?;
    /// assert!(x.iter().all(|&v| (0.0..1.0).contains(&v)));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn random(&mut self, size: impl Size) -> Result<Array<f64>> {
        self.random_dtype::<f64>(size)
    }

    /// `random(size, dtype)`, in parallel, for `f32` or `f64`.
    ///
    /// ```
    /// use oxarray_random::ParallelGenerator;
    /// assert_eq!(ParallelGenerator::new(3, 100)?.random_dtype::<f32>(250)?.len(), 250);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn random_dtype<T: RandomFloat>(&mut self, size: impl Size) -> Result<Array<T>> {
        let mut out = Array::<T>::full(&size.into_size().unwrap_or_default()[..], T::zero())?;
        self.random_into(&mut out)?;
        Ok(out)
    }

    /// `random(out=out)`, in parallel.
    ///
    /// ```
    /// use oxarray_core::Array;
    /// use oxarray_random::ParallelGenerator;
    /// let mut out = Array::<f64>::zeros([1000])?;
    /// ParallelGenerator::new(3, 256)?.random_into(&mut out)?;
    /// assert!(out.iter().all(|&v| (0.0..1.0).contains(&v)));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn random_into<T: RandomFloat>(&mut self, out: &mut impl WriteArray<T>) -> Result<()> {
        self.fill(out, |rng, chunk| {
            T::fill_uniform(rng.bit_generator_mut(), chunk)
        })
    }

    /// `standard_normal(size)`, in parallel.
    ///
    /// ```
    /// use oxarray_random::ParallelGenerator;
    /// let z = ParallelGenerator::new(3, 1 << 16)?.standard_normal(100_000)?;
    /// let mean = z.iter().sum::<f64>() / 1e5;
    /// assert!(mean.abs() < 0.02);
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn standard_normal(&mut self, size: impl Size) -> Result<Array<f64>> {
        let mut out = Array::<f64>::zeros(&size.into_size().unwrap_or_default()[..])?;
        self.standard_normal_into(&mut out)?;
        Ok(out)
    }

    /// `standard_normal(out=out)`, in parallel.
    ///
    /// ```
    /// use oxarray_core::Array;
    /// use oxarray_random::ParallelGenerator;
    /// let mut out = Array::<f32>::zeros([500])?;
    /// ParallelGenerator::new(3, 128)?.standard_normal_into(&mut out)?;
    /// assert!(out.iter().all(|v| v.is_finite()));
    /// # Ok::<(), oxarray_core::Error>(())
    /// ```
    pub fn standard_normal_into<T: RandomFloat>(
        &mut self,
        out: &mut impl WriteArray<T>,
    ) -> Result<()> {
        self.fill(out, |rng, chunk| {
            let bg = rng.bit_generator_mut();
            chunk.iter_mut().for_each(|x| *x = T::standard_normal(bg));
        })
    }
}
