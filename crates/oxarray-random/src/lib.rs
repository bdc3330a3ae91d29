//! # oxarray-random: NumPy's random numbers, stream for stream
//!
//! The same seed gives the same numbers as NumPy: `default_rng(seed)` and its `Generator`
//! methods, NumPy's `SeedSequence` and bit generators (PCG64, PCG64DXSM, MT19937, Philox,
//! SFC64) with their states, jumps and advances, and the legacy `RandomState` of
//! `np.random.seed(0); np.random.rand(3, 4)`. The algorithms are NumPy's own (ziggurats, BTPE,
//! PTRS, Lemire's bounded integers, the masked legacy ones, the 32-bit buffering), checked
//! draw for draw against streams NumPy produced (`tests/golden/`).
//!
//! The numbers below are NumPy's (NumPy 2.4 printed them from the same calls):
//!
//! ```
//! use oxarray_random::default_rng;
//! let mut rng = default_rng(0)?;                     // rng = np.random.default_rng(0)
//! let x = rng.random::<f64>([2, 2])?;                 // rng.random((2, 2))
//! assert_eq!(x.to_vec(), [0.6369616873214543, 0.2697867137638703,
//!                         0.04097352393619469, 0.016527635528529094]);
//! let z = rng.normal(0.0, 1.0, 5)?;                   // rng.normal(0, 1, 5)
//! assert_eq!(z.to_vec(), [-0.535669373161111, 0.36159505490948474, 1.3040000451301372,
//!                         0.9470809631292422, -0.7037352358069926]);
//! let k = rng.integers::<i64>(0, 1000, 5, false)?;    // rng.integers(0, 1000, 5)
//! assert_eq!(k.to_vec(), [559, 935, 277, 815, 670]);
//! let p = rng.permutation_range(10)?;                 // rng.permutation(10)
//! assert_eq!(p.to_vec(), [4, 9, 6, 2, 5, 1, 3, 7, 0, 8]);
//! # Ok::<(), oxarray_core::Error>(())
//! ```
//!
//! ## A NumPy user's map
//!
//! | NumPy | oxarray-random |
//! |---|---|
//! | `np.random.default_rng(seed)` | [`default_rng`]`(seed)` (`None` for OS entropy) |
//! | `Generator(PCG64(seed))`, `MT19937`, `Philox`, `SFC64`, `PCG64DXSM` | [`Generator::new`]`(`[`Pcg64`]`::new(seed)?)`, [`Mt19937`], [`Philox`], [`Sfc64`], [`Pcg64Dxsm`] |
//! | `SeedSequence(entropy).spawn(n)`, `.generate_state(n)` | [`SeedSequence::new`], [`SeedSequence::spawn`], [`SeedSequence::generate_state_u32`] |
//! | `rng.random(size, dtype=np.float32, out=x)` | `rng.random::<f32>(size)`, [`Generator::random_into`] |
//! | `rng.integers(low, high, size, dtype=np.uint8, endpoint=True)` | `rng.integers::<u8>(low, high, size, true)` |
//! | `size=None` | `()` (a 0-d array; see [`Size`]) |
//! | `rng.choice(a, size, replace=False, p=p)` | [`Generator::choice`] with [`ChoiceOptions`]; `choice(5, ...)` is [`Generator::choice_range`] |
//! | `rng.permutation(10)`, `rng.permutation(x, axis=1)` | [`Generator::permutation_range`], [`Generator::permutation`] |
//! | `np.random.seed(0); np.random.rand(3, 4)` | [`legacy::global::seed`]`(0u32)`, [`legacy::global::rand`]`([3, 4])` |
//! | `np.random.RandomState(0)` | [`RandomState::new`]`(0u32)` |
//! | `numpy.random.c_distributions` (one draw at a time) | [`distributions`] |
//!
//! Distribution parameters are scalars or any array-like (broadcast as in NumPy); the
//! arguments come in NumPy's order and bad ones are errors naming the argument
//! (`normal(0.0, -1.0, 3)` is `InvalidArgument { name: "scale", .. }`), never panics.
//!
//! ## Speed
//!
//! The samplers are generic over the bit generator, so every draw is inlined (NumPy calls
//! each one through a function pointer). PCG64 runs four interleaved LCG lanes, which give the
//! same stream with four times the instruction-level parallelism, and raw bits become floats a
//! block at a time with SSE2-vectorisable code. [`ParallelGenerator`] fills large arrays on
//! all cores from independent spawned streams (NumPy's numbers for those child streams).
//!
//! ## Floating point
//!
//! Results are bit-identical to NumPy's x86-64 builds, which (like Rust) never fuse
//! multiply-adds and call the platform's `libm`. See [`distributions`] for the details.

pub mod bit_generator;
pub mod distributions;
mod generator;
pub mod legacy;
pub mod mt19937;
pub mod parallel;
mod params;
pub mod pcg64;
pub mod philox;
pub mod seed_sequence;
pub mod sfc64;
mod tables;

pub use bit_generator::{BitGenerator, HalfWord, SeedableBitGenerator};
pub use generator::{
    CheckValid, ChoiceOptions, CovMethod, ExponentialMethod, Generator, MultivariateNormalOptions,
    RandomFloat, RandomInteger, default_rng,
};
pub use legacy::{LegacySeed, LegacyState, RandomState};
pub use mt19937::{Mt19937, Mt19937State};
pub use parallel::ParallelGenerator;
pub use params::Size;
pub use pcg64::{Pcg64, Pcg64Dxsm, Pcg64State};
pub use philox::{Philox, PhiloxState};
pub use seed_sequence::{Entropy, IntoSeedSequence, SeedSequence};
pub use sfc64::{Sfc64, Sfc64State};
