//! C-conv, C-conv-5x5: convolution (oxarray-conv), SciPy's side in
//! `benches/python/bench_numpy.py` (C-conv) and `benches/python/families/conv.py` (C-conv-5x5).
//!
//! The article's workload: the `n x n` f32 image `(i + j) % 2` and a box kernel of `1/k^2`,
//! `scipy.signal.convolve2d(img, k, mode="valid")`. The result is allocated inside the timed
//! call, as SciPy's is. `gbps` counts one read of the image and one write of the result.

use oxarray::conv::{Boundary, Mode, convolve2d};
use oxarray_core::Array;

use crate::{Prepared, Workload, inputs, sizes};

/// Bytes of one `f32`.
const F32: f64 = 4.0;

/// The workloads of this family (C-conv-nchw, PyTorch's conv2d, is not written yet).
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
    ]
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
