//! R-*: random numbers (oxarray-random), NumPy's side in `benches/python/families/random.py`.
//!
//! Every workload draws the same numbers as its NumPy twin (same algorithm, same seed), so
//! the ratio compares two implementations of one computation. The output array is allocated
//! inside the timed call on both sides (NumPy's `rng.random(n)` allocates too).

use oxarray::random::parallel::DEFAULT_CHUNK_LEN;
use oxarray::random::{ParallelGenerator, RandomState, default_rng};

use crate::{Prepared, Workload, sizes};

/// Bytes of one `f64` / `i64`.
const WORD: f64 = 8.0;

/// R-random and R-random-par: 10^8 doubles.
const N_RANDOM: usize = 100_000_000;
/// R-normal, R-integers, R-permutation, R-rand-legacy: 10^7 values.
const N_SMALL: usize = 10_000_000;

/// The workloads of this family.
pub fn workloads() -> Vec<Workload> {
    let w = |id, run| Workload {
        id,
        imp: "oxarray",
        sizes: sizes::fixed,
        run,
    };
    vec![
        w("R-random", r_random),
        w("R-normal", r_normal),
        w("R-integers", r_integers),
        w("R-permutation", r_permutation),
        w("R-rand-legacy", r_rand_legacy),
        w("R-random-par", r_random_par),
    ]
}

/// R-random: `default_rng(0).random(10**8)` (PCG64, one stream).
fn r_random(_n: Option<usize>) -> Prepared {
    let mut rng = default_rng(0).expect("an integer seed");
    Prepared::new(move || rng.random::<f64>(N_RANDOM).expect("a valid size"))
        .bytes(WORD * N_RANDOM as f64)
        .max_runs(5)
}

/// R-normal: `default_rng(0).standard_normal(10**7)` (NumPy's ziggurat).
fn r_normal(_n: Option<usize>) -> Prepared {
    let mut rng = default_rng(0).expect("an integer seed");
    Prepared::new(move || rng.standard_normal::<f64>(N_SMALL).expect("a valid size"))
        .bytes(WORD * N_SMALL as f64)
}

/// R-integers: `default_rng(0).integers(0, 1000, 10**7)` (int64, Lemire on 32-bit draws).
fn r_integers(_n: Option<usize>) -> Prepared {
    let mut rng = default_rng(0).expect("an integer seed");
    Prepared::new(move || {
        rng.integers::<i64>(0, 1000, N_SMALL, false)
            .expect("valid bounds")
    })
    .bytes(WORD * N_SMALL as f64)
}

/// R-permutation: `default_rng(0).permutation(10**7)` (arange + Fisher-Yates).
fn r_permutation(_n: Option<usize>) -> Prepared {
    let mut rng = default_rng(0).expect("an integer seed");
    Prepared::new(move || rng.permutation_range(N_SMALL).expect("a valid size"))
        .bytes(WORD * N_SMALL as f64)
}

/// R-rand-legacy: `np.random.seed(0); np.random.rand(10**7)` (MT19937, two draws a double).
fn r_rand_legacy(_n: Option<usize>) -> Prepared {
    let mut rs = RandomState::new(0u32).expect("a legacy seed");
    Prepared::new(move || rs.rand(N_SMALL).expect("a valid size")).bytes(WORD * N_SMALL as f64)
}

/// R-random-par: 10^8 doubles from spawned PCG64 streams, 2^20 per stream, on all cores
/// (NumPy's side: the same child streams filled by a thread pool, its documented recipe).
fn r_random_par(_n: Option<usize>) -> Prepared {
    let mut par = ParallelGenerator::new(0, DEFAULT_CHUNK_LEN).expect("an integer seed");
    Prepared::new(move || par.random(N_RANDOM).expect("a valid size"))
        .bytes(WORD * N_RANDOM as f64)
        .max_runs(5)
}
