//! Throughput of fused expressions on the WORKLOADS.md shapes (A1F, A2, A3F, D-threeF), in
//! GB/s of compulsory traffic (each input read once, the output written once), beside a plain
//! copy of the same size as the machine's reference bandwidth.
//!
//! `cargo run --release -p oxarray-ufunc --example fused_speed [-- CUBE_SIDE [ONLY]]`
//! (D-threeF uses a CUBE_SIDE^3 f64 array; default 500, the `--quick` size; 1000 is 8 GB;
//! ONLY = A, A1 or D runs one group.)
//!
//! Preallocated outputs are made with `full`, not `zeros`: `zeros` memory is zeroed by the
//! allocator before oxarray can ask for transparent huge pages, and streaming into 4 KiB pages
//! costs about 10% more (TLB misses).

use std::hint::black_box;
use std::time::{Duration, Instant};

use oxarray_core::Array;
use oxarray_ufunc::{lazy, update};

fn median_time(runs: usize, mut f: impl FnMut()) -> Duration {
    f(); // warm-up: page faults, thread pool
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn report(name: &str, t: Duration, bytes: f64) {
    println!(
        "{name:<44} {:>9.3} ms {:>7.1} GB/s",
        t.as_secs_f64() * 1e3,
        bytes / t.as_secs_f64() / 1e9
    );
}

fn main() -> oxarray_core::Result<()> {
    let side: usize = std::env::args()
        .nth(1)
        .map_or(500, |s| s.parse().expect("a cube side"));
    let only = std::env::args().nth(2).unwrap_or_default();
    if only.is_empty() || only == "A" {
        a2_a3()?;
    }
    if only.is_empty() || only == "A1" {
        a1()?;
    }
    if only.is_empty() || only == "D" {
        d(side)?;
    }
    Ok(())
}

fn a2_a3() -> oxarray_core::Result<()> {
    let n = 10_000_000;
    let x = Array::from_vec((0..n).map(|i| i as f64 * 1e-7).collect(), [n])?;
    // `full` rather than `zeros`: see the module docs.
    let mut y = Array::<f64>::full([n], 1.0)?;
    let bytes = 16.0 * n as f64;

    let t = median_time(21, || y.assign(&x).unwrap());
    report("copy 10M f64 (assign, reference)", t, bytes);
    let t = median_time(21, || {
        let (xs, ys) = (x.as_slice().unwrap(), y.as_slice_mut().unwrap());
        for (o, &v) in ys.iter_mut().zip(xs) {
            *o = 2.5 * v + 1.2;
        }
    });
    report("A3 naive loop, 1 thread", t, bytes);
    let t = median_time(21, || (lazy(&x) * 2.5 + 1.2).eval_into(&mut y).unwrap());
    report("A3F (lazy(&x) * 2.5 + 1.2).eval_into(&mut y)", t, bytes);
    let t = median_time(21, || {
        black_box((2.5 * lazy(&x) + 1.2).eval().unwrap());
    });
    report("A2 fused (2.5 * lazy(&x) + 1.2).eval()", t, bytes);
    Ok(())
}

fn a1() -> oxarray_core::Result<()> {
    let (rows, cols) = (50_000, 1000);
    let m = Array::from_shape_fn([rows, cols], |i| (i[0] % 97) as f64 + i[1] as f64 * 0.5)?;
    let mu = Array::from_shape_fn([cols], |i| i[0] as f64 * 0.5 + 48.0)?;
    let sd = Array::from_shape_fn([cols], |i| 1.0 + i[0] as f64 * 1e-3)?;
    let bytes = 16.0 * (rows * cols) as f64;
    let mut z = Array::<f64>::full([rows, cols], 0.0)?;
    let t = median_time(7, || ((lazy(&m) - &mu) / &sd).eval_into(&mut z).unwrap());
    report("A1F pass ((m - mu) / sd).eval_into(&mut z)", t, bytes);
    let t = median_time(7, || {
        black_box(((lazy(&m) - &mu) / &sd).eval().unwrap());
    });
    report("A1F pass ((m - mu) / sd).eval() (allocating)", t, bytes);
    Ok(())
}

fn d(side: usize) -> oxarray_core::Result<()> {
    let mut c = Array::<f64>::ones([side, side, side])?;
    let bytes = 16.0 * c.len() as f64;
    let t = median_time(5, || {
        update(&mut c, |x| {
            let t = x * 5.0;
            let u = t.clone() * t;
            u.clone() + u
        })
        .unwrap();
    });
    report(&format!("D-threeF update {side}^3 f64"), t, bytes);
    let t = median_time(5, || update(&mut c, |x| x * 5.0).unwrap());
    report(&format!("D-imul5 as update {side}^3 f64"), t, bytes);
    Ok(())
}
