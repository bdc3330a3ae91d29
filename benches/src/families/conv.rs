//! C-conv, C-conv-5x5, C-conv-nchw: convolution (oxarray-conv), SciPy's and PyTorch's side in
//! `benches/python/bench_numpy.py` (C-conv) and `benches/python/families/conv.py` (C-conv-5x5,
//! C-conv-nchw).
//!
//! The article's workload: the `n x n` f32 image `(i + j) % 2` and a box kernel of `1/k^2`,
//! `scipy.signal.convolve2d(img, k, mode="valid")`. The result is allocated inside the timed
//! call, as SciPy's is. `gbps` counts one read of the image and one write of the result.
//!
//! C-conv-nchw: `torch.nn.functional.conv2d` of a batch of 16 f32 images of 64 channels,
//! 56 x 56, with 64 filters of 3 x 3 and padding 1 (a ResNet stage); `gflops` counts
//! `2 * N * C_out * OH * OW * C_in * 9`.

use oxarray::conv::{Boundary, Conv2dOptions, Mode, Padding, conv2d, convolve2d};
use oxarray_core::Array;

use crate::{Prepared, Workload, inputs, sizes};

/// Bytes of one `f32`.
const F32: f64 = 4.0;

/// The workloads of this family.
pub fn workloads() -> Vec<Workload> {
    vec![
        Workload {
            id: "C-conv",
            imp: "oxarray",
            sizes: sizes::c_conv,
            run: c_conv,
        },
        Workload {
            id: "C-conv-5x5",
            imp: "oxarray",
            sizes: sizes::c_conv_5x5,
            run: c_conv_5x5,
        },
        Workload {
            id: "C-conv-nchw",
            imp: "oxarray",
            sizes: sizes::fixed,
            run: c_conv_nchw,
        },
    ]
}

/// The C-conv-nchw batch and weights (deterministic values in [-1, 1)).
fn nchw_inputs() -> (Array<f32>, Array<f32>) {
    let wave = |i: usize| ((i * 7919 % 1000) as f32) / 500.0 - 1.0;
    let x = Array::from_shape_fn([16, 64, 56, 56], |i| {
        wave(((i[0] * 64 + i[1]) * 56 + i[2]) * 56 + i[3])
    })
    .expect("a 16 x 64 x 56 x 56 batch");
    let w = Array::from_shape_fn([64, 64, 3, 3], |i| {
        wave(((i[0] * 64 + i[1]) * 3 + i[2]) * 3 + i[3] + 17) / 24.0
    })
    .expect("64 x 64 x 3 x 3 weights");
    (x, w)
}

/// C-conv-nchw: batch 16, 64 -> 64 channels, 3 x 3, 56 x 56, padding 1.
fn c_conv_nchw(_n: Option<usize>) -> Prepared {
    let (x, w) = nchw_inputs();
    let opts = Conv2dOptions {
        padding: Padding::Explicit([1, 1]),
        ..Default::default()
    };
    Prepared::new(move || conv2d(&x, &w, None, &opts).expect("matching shapes"))
        .flops(2.0 * 16.0 * 64.0 * 56.0 * 56.0 * 64.0 * 9.0)
}

/// The image and the `k x k` box kernel as arrays, and the bytes of one valid-mode call.
fn box_inputs(n: usize, k: usize) -> (Array<f32>, Array<f32>, f64) {
    let image = Array::from_vec(inputs::conv_image(n), [n, n]).expect("n x n values");
    let kernel = Array::full([k, k], 1.0 / (k * k) as f32).expect("a small kernel");
    let m = (n + 1 - k) as f64;
    (image, kernel, F32 * ((n * n) as f64 + m * m))
}

fn valid(n: Option<usize>, k: usize) -> Prepared {
    let n = n.expect("C-conv has a size");
    let (image, kernel, bytes) = box_inputs(n, k);
    Prepared::new(move || {
        convolve2d(&image, &kernel, Mode::Valid, Boundary::Fill(0.0)).expect("valid shapes")
    })
    .bytes(bytes)
}

/// C-conv: 3x3 box, valid mode.
fn c_conv(n: Option<usize>) -> Prepared {
    valid(n, 3)
}

/// C-conv-5x5: 5x5 box, valid mode.
fn c_conv_5x5(n: Option<usize>) -> Prepared {
    valid(n, 5)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::naive::conv3x3_valid;

    #[test]
    fn the_3x3_workload_agrees_with_the_naive_loop() {
        let n = 37;
        let (image, kernel, _) = box_inputs(n, 3);
        let ours = convolve2d(&image, &kernel, Mode::Valid, Boundary::Fill(0.0)).unwrap();
        let naive = conv3x3_valid(&inputs::conv_image(n), n, &inputs::conv_kernel());
        for (a, b) in ours.to_vec().iter().zip(&naive) {
            assert!((a - b).abs() < 1e-6, "{a} vs {b}");
        }
    }
}
