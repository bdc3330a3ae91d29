//! N-sort, N-argsort, N-sort-axis, N-unique, N-median, N-histogram: sorting and statistics
//! (oxarray-sort), NumPy's side in `benches/python/families/sort.py`. Inputs are drawn by
//! `default_rng(0)` on both sides (the same numbers: oxarray-random is NumPy's stream).

use oxarray::ox;
use oxarray::random::default_rng;

use crate::{Prepared, Workload, sizes};

/// Bytes of one `f64` / `i64`.
const WORD: f64 = 8.0;
/// N-sort, N-argsort, N-unique, N-median: 10^7 values.
const N: usize = 10_000_000;
/// N-sort-axis: a 4000 x 4000 matrix.
const SIDE: usize = 4000;
/// N-histogram: 10^8 values.
const N_HIST: usize = 100_000_000;

/// The workloads of this family.
pub fn workloads() -> Vec<Workload> {
    let w = |id, run| Workload {
        id,
        imp: "oxarray",
        sizes: sizes::fixed,
        run,
    };
    vec![
        w("N-sort", n_sort),
        w("N-argsort", n_argsort),
        w("N-sort-axis", n_sort_axis),
        w("N-unique", n_unique),
        w("N-median", n_median),
        w("N-histogram", n_histogram),
    ]
}

fn uniform(n: usize) -> oxarray::Array<f64> {
    default_rng(0)
        .expect("an integer seed")
        .random::<f64>(n)
        .expect("a valid size")
}

/// N-sort: `np.sort(default_rng(0).random(10**7))`.
fn n_sort(_n: Option<usize>) -> Prepared {
    let a = uniform(N);
    Prepared::new(move || ox::sort(&a, Some(-1), ox::SortKind::default()).expect("sorts"))
        .bytes(2.0 * WORD * N as f64)
}

/// N-argsort: `np.argsort(default_rng(0).random(10**7))`.
fn n_argsort(_n: Option<usize>) -> Prepared {
    let a = uniform(N);
    Prepared::new(move || ox::argsort(&a, Some(-1), ox::SortKind::default()).expect("sorts"))
        .bytes(2.0 * WORD * N as f64)
}

/// N-sort-axis: `np.sort(m, axis=1)` of a 4000 x 4000 `default_rng(0).random((4000, 4000))`.
fn n_sort_axis(_n: Option<usize>) -> Prepared {
    let m = uniform(SIDE * SIDE)
        .into_shape([SIDE, SIDE])
        .expect("a square");
    Prepared::new(move || ox::sort(&m, Some(1), ox::SortKind::default()).expect("sorts"))
        .bytes(2.0 * WORD * (SIDE * SIDE) as f64)
}

/// N-unique: `np.unique(default_rng(0).integers(0, 10**5, 10**7), return_counts=True)`.
fn n_unique(_n: Option<usize>) -> Prepared {
    let a = default_rng(0)
        .expect("an integer seed")
        .integers::<i64>(0, 100_000, N, false)
        .expect("valid bounds");
    let options = ox::UniqueOptions {
        return_counts: true,
        ..Default::default()
    };
    Prepared::new(move || ox::unique(&a, options).expect("unique")).bytes(WORD * N as f64)
}

/// N-median: `np.median(default_rng(0).random(10**7))`.
fn n_median(_n: Option<usize>) -> Prepared {
    let a = uniform(N);
    Prepared::new(move || ox::median(&a, None, false).expect("a median")).bytes(WORD * N as f64)
}

/// N-histogram: `np.histogram(default_rng(0).random(10**8), bins=100)`.
fn n_histogram(_n: Option<usize>) -> Prepared {
    let a = uniform(N_HIST);
    Prepared::new(move || {
        ox::histogram(&a, ox::Bins::Count(100), None, None, false).expect("a histogram")
    })
    .bytes(WORD * N_HIST as f64)
    .max_runs(5)
}
