//! The device handle without a GPU (always runs) and the GPU suite (runs where a GPU is,
//! else each test prints that it skipped). Results are checked against the CPU crates, whose
//! own suites check them against NumPy's golden files.

use oxarray_conv::{Boundary, Mode};
use oxarray_core::elementwise::ops;
use oxarray_core::{Array, Order, array, s};
use oxarray_cuda::{CudaError, Gpu, conv, linalg, probe, ufunc};

/// The GPU, or `None` after a notice naming the test.
fn gpu(test: &str) -> Option<Gpu> {
    match Gpu::new(0) {
        Ok(g) => Some(g),
        Err(CudaError::NoGpu(why)) => {
            eprintln!("notice: {test} skipped: no GPU ({why})");
            None
        }
        Err(e) => panic!("{test}: {e}"),
    }
}

#[test]
fn new_is_no_gpu_without_a_driver_or_device_never_a_panic() {
    // A device number no machine has: NoGpu with or without a driver.
    match Gpu::new(4096) {
        Err(CudaError::NoGpu(reason)) => assert!(!reason.is_empty()),
        other => panic!("expected NoGpu, got {other:?}"),
    }
    if probe::driver().is_err() {
        match Gpu::new(0) {
            Err(CudaError::NoGpu(reason)) => {
                assert!(reason.contains("libcuda"), "{reason}");
                eprintln!("notice: no CUDA driver here: {reason}");
            }
            other => panic!("expected NoGpu, got {other:?}"),
        }
    }
}

fn ramp(shape: &[usize]) -> Array<f64> {
    let n: usize = shape.iter().product();
    Array::from_vec(
        (0..n).map(|i| (i as f64 * 0.37).sin() * 10.0).collect(),
        shape,
    )
    .unwrap()
}

#[test]
fn upload_views_and_download_agree_with_the_host() {
    let Some(gpu) = gpu("upload_views_and_download") else {
        return;
    };
    let h = ramp(&[4, 5, 6]);
    let d = gpu.upload(&h).unwrap();
    assert_eq!(d.to_host().unwrap(), h);
    let hv = h.slice(s![1..;2, ..;-1, 3]).unwrap();
    let dv = d.slice(&s![1..;2, ..;-1, 3]).unwrap();
    assert_eq!(dv.shape(), hv.shape());
    assert_eq!(dv.strides(), hv.strides());
    assert_eq!(dv.to_host().unwrap().to_vec(), hv.to_vec());
    let t = d.permute(Some(&[2, 0, 1])).unwrap();
    assert_eq!(
        t.to_host().unwrap().to_vec(),
        h.permute_axes(&[2, 0, 1]).unwrap().to_vec()
    );
    let b = gpu
        .upload(&array![1.0f64, 2.0])
        .unwrap()
        .expand_dims(&[0])
        .unwrap();
    let bb = b.broadcast_to(&[3, 2]).unwrap();
    assert_eq!(bb.strides(), &[0, 1]);
    assert_eq!(
        bb.ascontiguousarray().unwrap().to_host().unwrap().to_vec(),
        vec![1., 2., 1., 2., 1., 2.]
    );
    // Download into an existing strided host view.
    let mut host = Array::<f64>::zeros([6, 5]).unwrap();
    let mut view = host.slice_mut(s![..;2, ..]).unwrap();
    d.slice(&s![..3, .., 0])
        .unwrap()
        .to_host_into(&mut view)
        .unwrap();
    assert_eq!(
        host.slice(s![2, ..]).unwrap().to_vec(),
        h.slice(s![1, .., 0]).unwrap().to_vec()
    );
    // Casting follows the host's astype.
    let i = d.astype::<i32>(Order::F).unwrap().to_host().unwrap();
    assert_eq!(
        i.to_vec(),
        h.to_vec().iter().map(|&v| v as i32).collect::<Vec<_>>()
    );
}

#[test]
fn creation_matches_numpy_rules() {
    let Some(gpu) = gpu("creation") else { return };
    assert_eq!(
        gpu.zeros::<i64>(&[2, 2])
            .unwrap()
            .to_host()
            .unwrap()
            .to_vec(),
        vec![0; 4]
    );
    assert_eq!(
        gpu.ones::<u8>(&[3]).unwrap().to_host().unwrap().to_vec(),
        vec![1; 3]
    );
    assert_eq!(
        gpu.full(&[2], true).unwrap().to_host().unwrap().to_vec(),
        vec![true; 2]
    );
    let a = gpu.arange::<f64>(0.0, 1.0, 0.1).unwrap().to_host().unwrap();
    assert_eq!(a, Array::<f64>::arange(0.0, 1.0, 0.1).unwrap());
    let l = gpu
        .linspace::<f32>(-1.0, 1.0, 7, true)
        .unwrap()
        .to_host()
        .unwrap()
        .to_vec();
    assert_eq!((l[0], l[6], l[3]), (-1.0, 1.0, 0.0));
}

#[test]
fn elementwise_broadcasts_on_strided_views_like_the_cpu() {
    let Some(gpu) = gpu("elementwise") else {
        return;
    };
    let (ha, hb) = (ramp(&[6, 7]), ramp(&[7]));
    let (da, db) = (gpu.upload(&ha).unwrap(), gpu.upload(&hb).unwrap());
    let cases: [(Array<f64>, Array<f64>); 3] = [
        (
            oxarray_ufunc::add(&ha, &hb).unwrap(),
            ufunc::add(&da, &db).unwrap().to_host().unwrap(),
        ),
        (
            oxarray_ufunc::multiply(ha.t(), ha.t()).unwrap(),
            ufunc::multiply(&da.t().unwrap(), &da.t().unwrap())
                .unwrap()
                .to_host()
                .unwrap(),
        ),
        (
            oxarray_ufunc::maximum(
                ha.slice(s![..;-2, 1..]).unwrap(),
                hb.slice(s![1..]).unwrap(),
            )
            .unwrap(),
            ufunc::maximum(
                &da.slice(&s![..;-2, 1..]).unwrap(),
                &db.slice(&s![1..]).unwrap(),
            )
            .unwrap()
            .to_host()
            .unwrap(),
        ),
    ];
    for (cpu, dev) in cases {
        assert_eq!(cpu.shape(), dev.shape());
        for (x, y) in cpu.to_vec().iter().zip(dev.to_vec()) {
            assert!((x - y).abs() <= 1e-12 * x.abs().max(1.0), "{x} vs {y}");
        }
    }
    let lt = ufunc::less(&da, &db).unwrap().to_host().unwrap();
    assert_eq!(lt, oxarray_ufunc::less(&ha, &hb).unwrap());
    let s = ufunc::sqrt(&gpu.upload(&array![4i32, 9]).unwrap())
        .unwrap()
        .to_host()
        .unwrap();
    assert_eq!(s.to_vec(), vec![2.0f64, 3.0]);
    // out= and in place.
    let mut x = gpu.ones::<f32>(&[3, 4]).unwrap();
    let five = x.scalar_like(5.0).unwrap();
    x *= &five;
    x += &x.clone();
    assert_eq!(x.to_host().unwrap().to_vec(), vec![10.0; 12]);
    let mut out = gpu.zeros::<f32>(&[3, 4]).unwrap();
    ufunc::binary_into(ops::Subtract, &x, &five, &mut out).unwrap();
    assert_eq!(out.to_host().unwrap().to_vec(), vec![5.0; 12]);
    // Shapes that do not broadcast are an error, as on the CPU.
    let bad = gpu.ones::<f32>(&[5]).unwrap();
    assert!(matches!(ufunc::add(&x, &bad), Err(CudaError::Core(_))));
}

#[test]
fn reductions_match_the_cpu() {
    let Some(gpu) = gpu("reductions") else { return };
    use oxarray_ufunc as cpu;
    let h = ramp(&[5, 6, 7]);
    let d = gpu.upload(&h).unwrap();
    for axes in [
        None,
        Some(&[0isize][..]),
        Some(&[1, 2][..]),
        Some(&[-1][..]),
    ] {
        for keepdims in [false, true] {
            let close = |cpu: Array<f64>, dev: Array<f64>| {
                assert_eq!(cpu.shape(), dev.shape());
                for (x, y) in cpu.to_vec().iter().zip(dev.to_vec()) {
                    assert!(
                        (x - y).abs() <= 1e-9 * x.abs().max(1.0),
                        "{axes:?}: {x} vs {y}"
                    );
                }
            };
            close(
                cpu::sum(&h, axes, keepdims).unwrap(),
                d.sum(axes, keepdims).unwrap().to_host().unwrap(),
            );
            close(
                cpu::mean(&h, axes, keepdims).unwrap(),
                d.mean(axes, keepdims).unwrap().to_host().unwrap(),
            );
            close(
                cpu::var(&h, axes, 1, keepdims).unwrap(),
                d.var(axes, 1, keepdims).unwrap().to_host().unwrap(),
            );
            close(
                cpu::std(&h, axes, 0, keepdims).unwrap(),
                d.std(axes, 0, keepdims).unwrap().to_host().unwrap(),
            );
            close(
                cpu::max(&h, axes, keepdims).unwrap(),
                d.max(axes, keepdims).unwrap().to_host().unwrap(),
            );
            close(
                cpu::min(&h, axes, keepdims).unwrap(),
                d.min(axes, keepdims).unwrap().to_host().unwrap(),
            );
        }
    }
    let v = gpu
        .upload(&array![3.0f64, f64::NAN, 7.0, f64::NAN])
        .unwrap();
    assert_eq!(v.argmax(None).unwrap().to_host().unwrap().to_vec(), vec![1]);
    assert!(v.max(None, false).unwrap().to_host().unwrap().to_vec()[0].is_nan());
    let i = gpu.upload(&array![[1i32, 5, 5], [0, 0, 0]]).unwrap();
    assert_eq!(
        i.argmax(Some(1)).unwrap().to_host().unwrap().to_vec(),
        vec![1, 0]
    );
    assert_eq!(
        i.sum(None, false).unwrap().to_host().unwrap().to_vec(),
        vec![11i64]
    );
    assert_eq!(
        i.any(Some(&[1]), false)
            .unwrap()
            .to_host()
            .unwrap()
            .to_vec(),
        vec![true, false]
    );
    assert_eq!(
        i.all(None, false).unwrap().to_host().unwrap().to_vec(),
        vec![false]
    );
    assert!(gpu.zeros::<f64>(&[0]).unwrap().max(None, false).is_err());
}

/// (batch, m, k) @ (k, n) by the definition.
fn naive_matmul(a: &Array<f64>, b: &Array<f64>) -> Array<f64> {
    let (bs, m, k) = (a.shape()[0], a.shape()[1], a.shape()[2]);
    let n = b.shape()[1];
    let mut out = vec![0.0; bs * m * n];
    for p in 0..bs {
        for i in 0..m {
            for j in 0..n {
                out[(p * m + i) * n + j] = (0..k).map(|q| a[[p, i, q]] * b[[q, j]]).sum();
            }
        }
    }
    Array::from_vec(out, [bs, m, n]).unwrap()
}

#[test]
fn matmul_matches_a_naive_product_with_transposes_and_batches() {
    let Some(gpu) = gpu("matmul") else { return };
    let (a, b) = (ramp(&[3, 5, 4]), ramp(&[4, 6]));
    let want = naive_matmul(&a, &b);
    let got = linalg::matmul(&gpu.upload(&a).unwrap(), &gpu.upload(&b).unwrap()).unwrap();
    let close = |w: &Array<f64>, g: Array<f64>| {
        assert_eq!(w.shape(), g.shape());
        for (x, y) in w.to_vec().iter().zip(g.to_vec()) {
            assert!((x - y).abs() <= 1e-10 * x.abs().max(1.0));
        }
    };
    close(&want, got.to_host().unwrap());
    let bt = gpu.upload(&b.t().to_owned()).unwrap().t().unwrap(); // an F-ordered operand
    close(
        &want,
        linalg::matmul(&gpu.upload(&a).unwrap(), &bt)
            .unwrap()
            .to_host()
            .unwrap(),
    );
    let stepped = gpu.upload(&a).unwrap().slice(&s![.., ..;2, ..]).unwrap(); // a copy first
    let want2 = naive_matmul(&a.slice(s![.., ..;2, ..]).unwrap().to_owned(), &b);
    close(
        &want2,
        linalg::matmul(&stepped, &gpu.upload(&b).unwrap())
            .unwrap()
            .to_host()
            .unwrap(),
    );
}

#[test]
fn convolution_matches_oxarray_conv() {
    let Some(gpu) = gpu("conv") else { return };
    let (img, ker) = (ramp(&[9, 11]), ramp(&[3, 4]));
    let (di, dk) = (gpu.upload(&img).unwrap(), gpu.upload(&ker).unwrap());
    for mode in [Mode::Full, Mode::Same, Mode::Valid] {
        for boundary in [Boundary::Fill(0.5), Boundary::Wrap, Boundary::Symm] {
            let cases = [
                (
                    oxarray_conv::convolve2d(&img, &ker, mode, boundary).unwrap(),
                    conv::convolve2d(&di, &dk, mode, boundary).unwrap(),
                ),
                (
                    oxarray_conv::correlate2d(&img, &ker, mode, boundary).unwrap(),
                    conv::correlate2d(&di, &dk, mode, boundary).unwrap(),
                ),
            ];
            for (want, got) in cases {
                let got = got.to_host().unwrap();
                assert_eq!(want.shape(), got.shape(), "{mode:?}");
                for (x, y) in want.to_vec().iter().zip(got.to_vec()) {
                    assert!(
                        (x - y).abs() <= 1e-10 * x.abs().max(1.0),
                        "{mode:?} {boundary:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn fused_expressions_run_one_kernel_and_match_the_host() {
    let Some(gpu) = gpu("fused") else { return };
    use oxarray_ufunc::lazy;
    let (x, y) = (ramp(&[4, 6]), ramp(&[6]));
    let (dx, dy) = (gpu.upload(&x).unwrap(), gpu.upload(&y).unwrap());
    let e = lazy(&x)
        .greater(0.0)
        .select((lazy(&x) * 2.5 + &y).abs().sqrt(), lazy(&y) * 0.1);
    let cpu = e.eval().unwrap();
    let dev = oxarray_cuda::fused::eval_fused(&e, &[&dx, &dx, &dy, &dy])
        .unwrap()
        .to_host()
        .unwrap();
    assert_eq!(cpu.shape(), dev.shape());
    for (a, b) in cpu.to_vec().iter().zip(dev.to_vec()) {
        assert!((a - b).abs() <= 1e-12 * a.abs().max(1.0), "{a} vs {b}");
    }
    let wrong = oxarray_cuda::fused::eval_fused(&e, &[&dx]);
    assert!(wrong.is_err());
}

#[test]
fn the_pool_survives_out_of_memory_on_the_device() {
    let Some(gpu) = gpu("device OOM") else { return };
    let (free, _) = gpu.mem_info().unwrap();
    let keep = gpu.zeros::<u8>(&[64 << 20]).unwrap();
    drop(keep);
    assert!(gpu.pool_stats().cached_bytes >= 64 << 20);
    match gpu.zeros::<u8>(&[free * 2]) {
        Err(CudaError::OutOfMemory { requested, .. }) => assert_eq!(requested, free * 2),
        other => panic!("expected OutOfMemory, got {other:?}"),
    }
    assert_eq!(
        gpu.pool_stats().cached_bytes,
        0,
        "the cache was freed for the retry"
    );
    // The process goes on.
    assert_eq!(
        gpu.ones::<f32>(&[1024])
            .unwrap()
            .sum(None, false)
            .unwrap()
            .to_host()
            .unwrap()
            .to_vec(),
        vec![1024.0]
    );
}
