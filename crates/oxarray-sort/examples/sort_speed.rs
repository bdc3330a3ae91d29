//! Quick timings of the sort kernels (`cargo run --release -p oxarray-sort --example sort_speed`).

use std::time::Instant;

use oxarray_core::Array;
use oxarray_sort::{SortKind, argsort, sort};

fn lcg(seed: &mut u64) -> f64 {
    *seed = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    (*seed >> 11) as f64 / (1u64 << 53) as f64
}

fn time<R>(name: &str, mut f: impl FnMut() -> R) {
    let mut best = f64::INFINITY;
    for _ in 0..3 {
        let t = Instant::now();
        std::hint::black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!("{name}: {:.1} ms", best * 1e3);
}

fn main() -> Result<(), oxarray_sort::Error> {
    let mut s = 1;
    let a = Array::from_vec((0..10_000_000).map(|_| lcg(&mut s)).collect(), [10_000_000])?;
    let m = Array::from_vec((0..16_000_000).map(|_| lcg(&mut s)).collect(), [4000, 4000])?;
    let only = std::env::args().nth(1).unwrap_or_default();
    if only.is_empty() || only == "sort" {
        time("sort 1e7", || {
            sort(&a, Some(-1), SortKind::default()).unwrap()
        });
    }
    if only.is_empty() || only == "argsort" {
        time("argsort 1e7", || {
            argsort(&a, Some(-1), SortKind::default()).unwrap()
        });
    }
    if only.is_empty() || only == "rows" {
        time("sort rows 4000x4000", || {
            sort(&m, Some(-1), SortKind::default()).unwrap()
        });
    }
    if only.is_empty() || only == "median" {
        time("median 1e7", || {
            oxarray_sort::stats::median(&a, None, false).unwrap()
        });
    }
    Ok(())
}
