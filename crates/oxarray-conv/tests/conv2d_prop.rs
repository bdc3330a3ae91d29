//! Property test: conv2d against the plain loop of PyTorch's definition on random batch,
//! channel, group, kernel, stride, padding and dilation choices.

use oxarray_conv::{Conv2dOptions, Padding, conv2d};
use oxarray_core::Array;
use proptest::prelude::*;

/// `out[n, o, y, x] = b[o] + sum w[o, c, i, j] * in[n, g*cg + c, y*s - p + i*d, ...]`.
#[allow(clippy::type_complexity)]
fn naive(
    x: &[f64],
    [n, c, h, w]: [usize; 4],
    wt: &[f64],
    [o, cg, kh, kw]: [usize; 4],
    bias: &[f64],
    stride: [usize; 2],
    pad: [usize; 2],
    dil: [usize; 2],
    groups: usize,
) -> (Vec<usize>, Vec<f64>) {
    let oh = (h + 2 * pad[0] - dil[0] * (kh - 1) - 1) / stride[0] + 1;
    let ow = (w + 2 * pad[1] - dil[1] * (kw - 1) - 1) / stride[1] + 1;
    let og = o / groups;
    let mut out = vec![0.0; n * o * oh * ow];
    for b in 0..n {
        for oc in 0..o {
            let g = oc / og;
            for y in 0..oh {
                for xx in 0..ow {
                    let mut acc = bias[oc];
                    for ci in 0..cg {
                        for i in 0..kh {
                            for j in 0..kw {
                                let iy = (y * stride[0] + i * dil[0]) as isize - pad[0] as isize;
                                let ix = (xx * stride[1] + j * dil[1]) as isize - pad[1] as isize;
                                if iy < 0 || ix < 0 || iy >= h as isize || ix >= w as isize {
                                    continue;
                                }
                                let ch = g * cg + ci;
                                acc += wt[((oc * cg + ci) * kh + i) * kw + j]
                                    * x[((b * c + ch) * h + iy as usize) * w + ix as usize];
                            }
                        }
                    }
                    out[((b * o + oc) * oh + y) * ow + xx] = acc;
                }
            }
        }
    }
    let _ = c;
    (vec![n, o, oh, ow], out)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn conv2d_matches_the_definition(
        n in 1usize..3, groups in 1usize..4, cg in 1usize..3, og in 1usize..3,
        h in 1usize..9, w in 1usize..9, kh in 1usize..4, kw in 1usize..4,
        stride in (1usize..3, 1usize..3), pad in (0usize..3, 0usize..3), dil in (1usize..3, 1usize..3),
        seed in any::<u64>(),
    ) {
        let (c, o) = (groups * cg, groups * og);
        let span = [dil.0 * (kh - 1) + 1, dil.1 * (kw - 1) + 1];
        prop_assume!(h + 2 * pad.0 >= span[0] && w + 2 * pad.1 >= span[1]);
        let mut state = seed | 1;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % 2001) as f64 / 1000.0 - 1.0
        };
        let x: Vec<f64> = (0..n * c * h * w).map(|_| next()).collect();
        let wt: Vec<f64> = (0..o * cg * kh * kw).map(|_| next()).collect();
        let bias: Vec<f64> = (0..o).map(|_| next()).collect();
        let opts = Conv2dOptions {
            stride: [stride.0, stride.1],
            padding: Padding::Explicit([pad.0, pad.1]),
            dilation: [dil.0, dil.1],
            groups,
        };
        let xa = Array::from_vec(x.clone(), [n, c, h, w]).unwrap();
        let wa = Array::from_vec(wt.clone(), [o, cg, kh, kw]).unwrap();
        let got = conv2d(&xa, &wa, Some(&bias), &opts).unwrap();
        let (shape, want) = naive(&x, [n, c, h, w], &wt, [o, cg, kh, kw], &bias,
            opts.stride, [pad.0, pad.1], opts.dilation, groups);
        prop_assert_eq!(got.shape(), shape.as_slice());
        for (g, e) in got.to_vec().iter().zip(&want) {
            prop_assert!((g - e).abs() <= 1e-12 * (1.0 + e.abs()), "{} vs {}", g, e);
        }
    }
}
