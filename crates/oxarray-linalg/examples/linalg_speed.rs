//! Quick timings of the workloads oxarray-linalg is measured on (the full comparison with
//! NumPy is `cargo xtask bench`): `cargo run --release -p oxarray-linalg --example linalg_speed`.

use std::time::Instant;

use oxarray_core::Array;
use oxarray_linalg::{einsum, matmul, multi_dot, tensordot};

fn median(runs: usize, mut f: impl FnMut()) -> f64 {
    f();
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(|a, b| a.total_cmp(b));
    times[runs / 2]
}

fn main() -> oxarray_core::Result<()> {
    for n in [1000usize, 2000] {
        let a32 = Array::<f32>::from_shape_fn([n, n], |i| (i[0] + i[1]) as f32)?;
        let t = median(5, || drop(matmul(&a32, &a32).unwrap()));
        println!(
            "matmul f32 n={n}: {:.4} s, {:.1} GFLOP/s",
            t,
            2.0 * (n as f64).powi(3) / t / 1e9
        );
        let a64 = Array::<f64>::from_shape_fn([n, n], |i| (i[0] + i[1]) as f64)?;
        let t = median(5, || drop(matmul(&a64, &a64).unwrap()));
        println!(
            "matmul f64 n={n}: {:.4} s, {:.1} GFLOP/s",
            t,
            2.0 * (n as f64).powi(3) / t / 1e9
        );
    }
    let a = Array::<f64>::from_shape_fn([10000, 8, 8], |i| i[1] as f64 + i[2] as f64)?;
    let t = median(21, || drop(matmul(&a, &a).unwrap()));
    println!("batched 10000 x (8x8 @ 8x8) f64: {:.1} us", t * 1e6);
    let x = Array::<f64>::from_shape_fn([64, 128, 256], |i| (i[0] + i[1] + i[2]) as f64)?;
    let y = Array::<f64>::from_shape_fn([256, 128], |i| (i[0] * i[1]) as f64)?;
    let t = median(11, || {
        drop(einsum("ijk,kl->ijl", &[x.view(), y.view()]).unwrap())
    });
    println!("B1 einsum ijk,kl->ijl: {:.2} ms", t * 1e3);
    let t = median(11, || drop(tensordot(&x, &y, (-1, 0)).unwrap()));
    println!("B3 tensordot: {:.2} ms", t * 1e3);
    let p = Array::<f64>::ones([1000, 100])?;
    let q = Array::<f64>::ones([100, 1000])?;
    let r = Array::<f64>::ones([1000, 5])?;
    let t = median(101, || {
        drop(multi_dot(&[p.view(), q.view(), r.view()]).unwrap())
    });
    println!("B4 multi_dot: {:.1} us", t * 1e6);
    let t = median(11, || drop(matmul(&matmul(&p, &q).unwrap(), &r).unwrap()));
    println!("B5 left to right: {:.2} ms", t * 1e3);
    let i64m = Array::<i64>::from_shape_fn([500, 500], |i| (i[0] + i[1]) as i64)?;
    let t = median(5, || drop(matmul(&i64m, &i64m).unwrap()));
    println!("matmul i64 n=500: {:.2} ms", t * 1e3);
    Ok(())
}
