//! The memory-traffic floor of the article's workload, measured in one process: the copy
//! bandwidth of this machine (oxarray's parallel copy of the image into a ready array) and the
//! 3x3 valid convolution of the same image, allocating and into a ready `out`.
//!
//! ```text
//! cargo run --release -p oxarray-conv --example floor [N]
//! ```
//!
//! The floor is one read of the image plus one write of the result at the copy bandwidth;
//! the ratio printed is the convolution's time over the floor's.

use std::time::Instant;

use oxarray_conv::{Boundary, Mode, convolve2d, convolve2d_into};
use oxarray_core::Array;

fn median_time(mut f: impl FnMut(), runs: usize) -> f64 {
    f();
    let mut t: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64()
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[runs / 2]
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(8000);
    let image = Array::<f32>::from_shape_fn([n, n], |i| ((i[0] + i[1]) % 2) as f32).unwrap();
    for k in [3usize, 5] {
        let kernel = Array::<f32>::full([k, k], 1.0 / (k * k) as f32).unwrap();
        let m = n + 1 - k;
        let mut copy_dst = Array::<f32>::zeros([n, n]).unwrap();
        let t_copy = median_time(|| copy_dst.assign(&image).unwrap(), 9);
        let copy_gbps = 2.0 * 4.0 * (n * n) as f64 / t_copy / 1e9;
        let bytes = 4.0 * ((n * n) as f64 + (m * m) as f64);
        let floor = bytes / (copy_gbps * 1e9);
        let t_alloc = median_time(
            || {
                std::hint::black_box(
                    convolve2d(&image, &kernel, Mode::Valid, Boundary::Fill(0.0)).unwrap(),
                );
            },
            9,
        );
        let mut out = Array::<f32>::zeros([m, m]).unwrap();
        let t_into = median_time(
            || {
                convolve2d_into(&image, &kernel, Mode::Valid, Boundary::Fill(0.0), &mut out)
                    .unwrap()
            },
            9,
        );
        println!(
            "N={n} {k}x{k}: copy {copy_gbps:.1} GB/s -> floor {:.2} ms; convolve2d {:.2} ms \
             ({:.2}x floor), convolve2d_into {:.2} ms ({:.2}x floor)",
            floor * 1e3,
            t_alloc * 1e3,
            t_alloc / floor,
            t_into * 1e3,
            t_into / floor
        );
    }
}
