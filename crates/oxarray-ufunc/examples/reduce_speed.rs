//! Quick timings of the reductions on the A1 workload shape (`cargo run --release --example
//! reduce_speed -p oxarray-ufunc`). Not a benchmark: the lead's `cargo xtask bench` is.

use std::time::Instant;

use oxarray_core::{Array, s};
use oxarray_ufunc::{argmax, cumsum, max, mean, mean_std, std, sum};

/// CPU time of all the process's threads, in seconds (Linux; 0 elsewhere). On a shared machine
/// wall-clock time says little; CPU time says what the work costs.
fn cpu_seconds() -> f64 {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return 0.0;
    };
    tasks
        .filter_map(|t| std::fs::read_to_string(t.ok()?.path().join("schedstat")).ok())
        .filter_map(|s| s.split_whitespace().next()?.parse::<f64>().ok())
        .sum::<f64>()
        * 1e-9
}

fn time<R>(label: &str, bytes: usize, mut f: impl FnMut() -> R) {
    let _ = f();
    let (mut best, mut best_cpu) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..7 {
        let (t, c) = (Instant::now(), cpu_seconds());
        std::hint::black_box(f());
        best = best.min(t.elapsed().as_secs_f64());
        best_cpu = best_cpu.min(cpu_seconds() - c);
    }
    println!(
        "{label:<34} wall {:>8.2} ms  cpu {:>8.2} ms  {:>6.1} GB/s (wall)",
        best * 1e3,
        best_cpu * 1e3,
        bytes as f64 / best / 1e9
    );
}

fn main() -> oxarray_core::Result<()> {
    let (r, c) = (50_000, 1_000);
    let m = Array::from_shape_fn([r, c], |i| ((i[0] * 7 + i[1] * 13) % 101) as f64 * 0.01)?;
    let bytes = r * c * 8;
    time("mean(0)  50000x1000 f64", bytes, || {
        mean(&m, Some(&[0]), false).unwrap()
    });
    time("std(0)   (two passes)", 2 * bytes, || {
        std(&m, Some(&[0]), 0, false).unwrap()
    });
    time("mean_std(0) (two passes)", 2 * bytes, || {
        mean_std(&m, Some(&[0]), 0, false).unwrap()
    });
    time("sum(1)", bytes, || sum(&m, Some(&[1]), false).unwrap());
    time("sum(None)", bytes, || sum(&m, None, false).unwrap());
    time("max(0)", bytes, || max(&m, Some(&[0]), false).unwrap());
    time("argmax(0)", bytes, || argmax(&m, Some(0), false).unwrap());
    time("sum(0) of m.T (F order)", bytes, || {
        sum(&m.t(), Some(&[1]), false).unwrap()
    });
    time("sum(0) of m[:, ::2]", bytes / 2, || {
        sum(&m.slice(s![.., ..;2]).unwrap(), Some(&[0]), false).unwrap()
    });
    time("cumsum(0)", 2 * bytes, || cumsum(&m, Some(0)).unwrap());
    time("naive column loop (sequential)", bytes, || {
        let x = m.as_slice().unwrap();
        let mut acc = vec![0.0f64; c];
        for row in x.chunks_exact(c) {
            for (a, v) in acc.iter_mut().zip(row) {
                *a += v;
            }
        }
        acc
    });
    let v = Array::<f32>::full([10_000_000], 0.1)?;
    time("sum 1e7 f32", 40_000_000, || sum(&v, None, false).unwrap());
    let small = Array::<f64>::full([4096], 0.5)?;
    time("sum 4096 f64 (in cache)", 4096 * 8, || {
        sum(&small, None, false).unwrap()
    });
    Ok(())
}
