//! The `naive` column: plain Rust loops, standing in for the articles' pure-Python column.

use crate::{Prepared, Workload, inputs, sizes};

/// The naive workloads: C-mm-f32 (i-j-k triple loop), C-conv (3x3 valid loop), A4 (copy of
/// every 2nd row and column).
pub fn naive_workloads() -> Vec<Workload> {
    vec![
        Workload {
            id: "A4",
            imp: "naive",
            sizes: sizes::fixed,
            run: a4,
        },
        Workload {
            id: "C-mm-f32",
            imp: "naive",
            sizes: sizes::c_mm_naive,
            run: c_mm_f32,
        },
        Workload {
            id: "C-conv",
            imp: "naive",
            sizes: sizes::c_conv_naive,
            run: c_conv,
        },
    ]
}

/// Side of the A4-A6 matrix.
pub const A4_SIDE: usize = 10_000;

/// Every 2nd row and column of a `side x side` row-major matrix, copied.
pub fn every_second(m: &[f64], side: usize) -> Vec<f64> {
    let half = side.div_ceil(2);
    let mut out = Vec::with_capacity(half * half);
    for i in (0..side).step_by(2) {
        let row = &m[i * side..(i + 1) * side];
        for j in (0..side).step_by(2) {
            out.push(row[j]);
        }
    }
    out
}

fn a4(_n: Option<usize>) -> Prepared {
    let side = A4_SIDE;
    let m = inputs::arange_matrix(side, side);
    let out_len = side.div_ceil(2).pow(2) as f64;
    Prepared::new(move || every_second(&m, side)).bytes(2.0 * 8.0 * out_len)
}

/// `c = a @ b` by the textbook i-j-k triple loop.
pub fn matmul_f32(a: &[f32], b: &[f32], n: usize) -> Vec<f32> {
    let mut c = vec![0.0f32; n * n];
    for i in 0..n {
        for j in 0..n {
            let mut sum = 0.0f32;
            for k in 0..n {
                sum += a[i * n + k] * b[k * n + j];
            }
            c[i * n + j] = sum;
        }
    }
    c
}

fn c_mm_f32(n: Option<usize>) -> Prepared {
    let n = n.expect("C-mm has a size");
    let a = inputs::mm_matrix_f32(n);
    let b = a.clone();
    let n3 = (n as f64).powi(3);
    Prepared::new(move || matmul_f32(&a, &b, n))
        .flops(2.0 * n3)
        .max_runs(5)
}

/// 3x3 convolution (kernel flipped, as `scipy.signal.convolve2d`), valid mode:
/// an `(n-2) x (n-2)` result.
pub fn conv3x3_valid(img: &[f32], n: usize, k: &[f32; 9]) -> Vec<f32> {
    let m = n.saturating_sub(2);
    let mut out = vec![0.0f32; m * m];
    for i in 0..m {
        for j in 0..m {
            let mut sum = 0.0f32;
            for di in 0..3 {
                for dj in 0..3 {
                    sum += img[(i + di) * n + j + dj] * k[(2 - di) * 3 + (2 - dj)];
                }
            }
            out[i * m + j] = sum;
        }
    }
    out
}

fn c_conv(n: Option<usize>) -> Prepared {
    let n = n.expect("C-conv has a size");
    let img = inputs::conv_image(n);
    let k = inputs::conv_kernel();
    let m = (n - 2) as f64;
    Prepared::new(move || conv3x3_valid(&img, n, &k)).bytes(4.0 * ((n * n) as f64 + m * m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn naive_kernels_are_right() {
        let a = inputs::mm_matrix_f32(3); // [[0,1,2],[1,2,3],[2,3,4]]
        let c = matmul_f32(&a, &a, 3);
        assert_eq!(c, vec![5.0, 8.0, 11.0, 8.0, 14.0, 20.0, 11.0, 20.0, 29.0]);
        let img = inputs::conv_image(4);
        let out = conv3x3_valid(&img, 4, &[1.0; 9]);
        assert_eq!(out, vec![4.0, 5.0, 5.0, 4.0]);
        let m = inputs::arange_matrix(5, 5);
        assert_eq!(
            every_second(&m, 5),
            vec![0.0, 2.0, 4.0, 10.0, 12.0, 14.0, 20.0, 22.0, 24.0]
        );
    }
}
