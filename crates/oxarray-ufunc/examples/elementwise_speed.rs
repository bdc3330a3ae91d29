//! Quick timings of the elementwise workloads of WORKLOADS.md (A2, A3, D-imul5 at a smaller
//! size), for a release build: `cargo run -p oxarray-ufunc --release --example elementwise_speed`.

use std::time::Instant;

use oxarray_core::Array;
use oxarray_ufunc::{add, add_inplace, add_into, multiply, multiply_inplace, multiply_into};

fn median(mut f: impl FnMut(), runs: usize) -> f64 {
    f();
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64()
        })
        .collect();
    t.sort_by(|a, b| a.partial_cmp(b).unwrap());
    t[runs / 2]
}

unsafe extern "C" {
    fn madvise(addr: *mut std::ffi::c_void, len: usize, advice: i32) -> i32;
}

/// A vector of `n` copies of `v` whose pages are transparent huge pages when the kernel allows
/// (what NumPy asks for on arrays of 4 MiB and more), for comparison with plain pages.
fn huge_page_vec(n: usize, v: f64) -> Vec<f64> {
    let mut vec: Vec<f64> = Vec::with_capacity(n);
    let start = vec.as_mut_ptr() as usize;
    let aligned = start.next_multiple_of(2 << 20);
    let end = start + n * 8;
    if end > aligned {
        // SAFETY: the range lies inside the vector's allocation; MADV_HUGEPAGE (14) only
        // changes how untouched pages will be backed.
        unsafe { madvise(aligned as *mut _, end - aligned, 14) };
    }
    vec.resize(n, v);
    vec
}

fn main() -> oxarray_core::Result<()> {
    let n = 10_000_000;
    let x = Array::<f64>::arange(0.0, n as f64, 1.0)?;
    let a2 = median(
        || {
            let t = multiply(2.5, &x).unwrap();
            let y = add(&t, 1.2).unwrap();
            std::hint::black_box(y);
        },
        9,
    );
    let a2_inplace = median(
        || {
            let mut t = multiply(2.5, &x).unwrap();
            add_inplace(&mut t, 1.2).unwrap();
            std::hint::black_box(t);
        },
        9,
    );
    let mut y = Array::<f64>::zeros([n])?;
    let a3 = median(
        || {
            multiply_into(&x, 2.5, None, &mut y).unwrap();
            let yv = y.view_mut();
            let mut yv = yv;
            add_inplace(&mut yv, 1.2).unwrap();
        },
        9,
    );
    let a3_into = median(
        || {
            multiply_into(&x, 2.5, None, &mut y).unwrap();
            let copy = x.clone();
            add_into(&copy, 1.2, None, &mut y).unwrap();
        },
        9,
    );
    let big = 100_000_000;
    let mut z = Array::<f64>::ones([big])?;
    let imul = median(|| multiply_inplace(&mut z, 5.0).unwrap(), 5);
    let mut h = Array::from_vec(huge_page_vec(big, 1.0), [big])?;
    let imul_huge = median(|| multiply_inplace(&mut h, 5.0).unwrap(), 5);
    let gb = |bytes: f64, s: f64| bytes / s / 1e9;
    println!("threads: {}", rayon::current_num_threads());
    println!(
        "A2 2.5*x+1.2 (10M f64, two allocations): {:.2} ms ({:.1} GB/s)",
        a2 * 1e3,
        gb(4.0 * 8.0 * n as f64, a2)
    );
    println!(
        "A2 with the temporary reused in place:    {:.2} ms",
        a2_inplace * 1e3
    );
    println!(
        "A3 multiply(out=y); add(y, out=y):         {:.2} ms ({:.1} GB/s)",
        a3 * 1e3,
        gb(4.0 * 8.0 * n as f64, a3)
    );
    println!(
        "A3 with add_into from another array:      {:.2} ms",
        a3_into * 1e3
    );
    println!(
        "x *= 5 (100M f64):                         {:.2} ms ({:.1} GB/s)",
        imul * 1e3,
        gb(2.0 * 8.0 * big as f64, imul)
    );
    println!(
        "x *= 5 (100M f64) on huge pages:           {:.2} ms ({:.1} GB/s)",
        imul_huge * 1e3,
        gb(2.0 * 8.0 * big as f64, imul_huge)
    );
    Ok(())
}
