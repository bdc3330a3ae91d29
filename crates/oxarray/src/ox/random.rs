//! `numpy.random` under NumPy's names (crate `oxarray-random`).
//!
//! The modern API: [`default_rng`] and [`Generator`], the bit generators and
//! [`SeedSequence`]. The legacy module functions (`np.random.seed`, `np.random.rand`, ...)
//! act on one process-wide [`RandomState`], as NumPy's do.
//!
//! ```
//! use oxarray::ox;
//! ox::random::seed(0u32)?;                        // np.random.seed(0)
//! let x = ox::random::rand([3, 4])?;              // np.random.rand(3, 4)
//! assert_eq!(x.shape(), &[3, 4]);
//! assert_eq!(x[[0, 0]], 0.5488135039273248);          // NumPy's first value
//! assert_eq!(x[[1, 3]], 0.8917730007820798);
//! let mut rng = ox::random::default_rng(42)?;     // np.random.default_rng(42)
//! let z = rng.normal(0.0, 1.0, 10)?;
//! assert_eq!(z.len(), 10);
//! # Ok::<(), oxarray::Error>(())
//! ```

pub use oxarray_random::legacy::global::{
    beta, binomial, chisquare, choice, choice_range, exponential, gamma, get_state, normal,
    permutation, permutation_range, poisson, rand, randint, randn, random_sample, seed, set_state,
    shuffle, standard_exponential, standard_gamma, standard_normal, uniform,
};
pub use oxarray_random::{
    BitGenerator, ChoiceOptions, CovMethod, ExponentialMethod, Generator, Mt19937 as MT19937,
    MultivariateNormalOptions, ParallelGenerator, Pcg64 as PCG64, Pcg64Dxsm as PCG64DXSM, Philox,
    RandomState, SeedSequence, SeedableBitGenerator, Sfc64 as SFC64, default_rng, distributions,
};

use oxarray_core::{Array, Result};
use oxarray_random::Size;

/// `np.random.random(size)`: the legacy `random_sample` on the global state.
///
/// ```
/// let x = oxarray::ox::random::random(5)?;
/// assert!(x.iter().all(|&v| (0.0..1.0).contains(&v)));
/// # Ok::<(), oxarray::Error>(())
/// ```
pub fn random(size: impl Size) -> Result<Array<f64>> {
    random_sample(size)
}
