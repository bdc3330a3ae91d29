//! Property tests: the `ndimage` correlations against a plain loop written from SciPy's
//! definitions (`out[i] = sum_j w[j] * ext(i + j - (k // 2 + origin))`, the modes as SciPy's
//! documentation draws them), on random shapes of one to three axes, kernels of every size up
//! to larger than the input, random valid origins, every mode, and inputs that are reversed
//! or transposed views.

use oxarray_conv::ndimage::{self, FilterOptions, NdMode};
use oxarray_core::{Array, ArrayView};
use proptest::prelude::*;

const MODES: [NdMode; 8] = [
    NdMode::Reflect,
    NdMode::Constant,
    NdMode::Nearest,
    NdMode::Mirror,
    NdMode::Wrap,
    NdMode::GridWrap,
    NdMode::GridConstant,
    NdMode::GridMirror,
];

/// The input index read at extended position `i` of an axis of `n`, `None` for `cval`.
fn ext(i: isize, n: usize, mode: NdMode) -> Option<usize> {
    let n = n as isize;
    if (0..n).contains(&i) {
        return Some(i as usize);
    }
    let r = match mode {
        NdMode::Constant | NdMode::GridConstant => return None,
        NdMode::Nearest => i.clamp(0, n - 1),
        NdMode::Wrap | NdMode::GridWrap => i.rem_euclid(n),
        // d c b a | a b c d | d c b a
        NdMode::Reflect | NdMode::GridMirror => {
            let r = i.rem_euclid(2 * n);
            if r < n { r } else { 2 * n - 1 - r }
        }
        // d c b | a b c d | c b a
        NdMode::Mirror if n == 1 => 0,
        NdMode::Mirror => {
            let r = i.rem_euclid(2 * n - 2);
            if r < n { r } else { 2 * n - 2 - r }
        }
    };
    Some(r as usize)
}

fn unravel(mut m: usize, shape: &[usize]) -> Vec<usize> {
    let mut idx = vec![0; shape.len()];
    for d in (0..shape.len()).rev() {
        idx[d] = m % shape[d];
        m /= shape[d];
    }
    idx
}

fn ravel(idx: &[usize], shape: &[usize]) -> usize {
    idx.iter().zip(shape).fold(0, |acc, (&i, &n)| acc * n + i)
}

/// scipy.ndimage.correlate from its definition, in f64.
fn naive_correlate(
    x: &[f64],
    shape: &[usize],
    w: &[f64],
    kshape: &[usize],
    origin: &[isize],
    mode: NdMode,
    cval: f64,
) -> Vec<f64> {
    (0..x.len())
        .map(|m| {
            let i = unravel(m, shape);
            let mut acc = 0.0;
            for t in 0..w.len() {
                let j = unravel(t, kshape);
                let mut at = Some(vec![0usize; shape.len()]);
                for d in 0..shape.len() {
                    let c = i[d] as isize + j[d] as isize - (kshape[d] / 2) as isize - origin[d];
                    match (ext(c, shape[d], mode), at.as_mut()) {
                        (Some(e), Some(v)) => v[d] = e,
                        _ => at = None,
                    }
                }
                acc += w[t] * at.map_or(cval, |v| x[ravel(&v, shape)]);
            }
            acc
        })
        .collect()
}

/// Shape, kernel shape, origins, values, weights, mode.
type Problem = (
    Vec<usize>,
    Vec<usize>,
    Vec<isize>,
    Vec<f64>,
    Vec<f64>,
    NdMode,
);

/// A random problem: shape, kernel shape, valid origins, values, weights and mode.
fn problem() -> impl Strategy<Value = Problem> {
    (1usize..=3)
        .prop_flat_map(|nd| {
            (
                prop::collection::vec(1usize..=6, nd),
                prop::collection::vec(1usize..=5, nd),
            )
        })
        .prop_flat_map(|(shape, kshape)| {
            let size: usize = shape.iter().product();
            let ksize: usize = kshape.iter().product();
            let origins: Vec<_> = kshape
                .iter()
                .map(|&k| -((k / 2) as isize)..=((k as isize - 1) / 2))
                .collect();
            (
                Just(shape),
                Just(kshape),
                origins,
                prop::collection::vec(-4.0f64..4.0, size),
                prop::collection::vec(-1.0f64..1.0, ksize),
                prop::sample::select(MODES.to_vec()),
            )
        })
}

fn close(got: &[f64], want: &[f64]) -> bool {
    got.len() == want.len()
        && got
            .iter()
            .zip(want)
            .all(|(g, w)| (g - w).abs() <= 1e-12 * (1.0 + w.abs()))
}

/// The same values as `a`, laid out with reversed axes (an F-order view) or flipped twice
/// (negative strides), chosen by `layout`.
fn relaid(a: &Array<f64>, layout: usize) -> Array<f64> {
    let n = a.ndim() as isize;
    let rev: Vec<isize> = (0..n).rev().collect();
    match layout {
        1 => a.view().into_permuted(&rev).unwrap().to_owned(),
        2 => a.view().into_flip(Some(&[0])).unwrap().to_owned(),
        _ => a.clone(),
    }
}

fn view_back(a: &Array<f64>, layout: usize) -> ArrayView<'_, f64> {
    let n = a.ndim() as isize;
    let rev: Vec<isize> = (0..n).rev().collect();
    match layout {
        1 => a.view().into_permuted(&rev).unwrap(),
        2 => a.view().into_flip(Some(&[0])).unwrap(),
        _ => a.view(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn correlate_and_convolve_match_the_definition(
        (shape, kshape, origin, x, w, mode) in problem(),
        layout in 0usize..3,
        cval in -2.0f64..2.0,
    ) {
        let input = Array::from_vec(x.clone(), shape.clone()).unwrap();
        let stored = relaid(&input, layout);
        let view = view_back(&stored, layout);
        prop_assert_eq!(view.to_vec(), x.clone());
        let weights = Array::from_vec(w.clone(), kshape.clone()).unwrap();
        let opts = FilterOptions { mode, cval, origin: origin.clone(), axes: None };
        let got = ndimage::correlate(&view, &weights, &opts).unwrap();
        let want = naive_correlate(&x, &shape, &w, &kshape, &origin, mode, cval);
        prop_assert!(close(&got.to_vec(), &want), "{:?} vs {:?}", got.to_vec(), want);

        // convolve = correlate with the flipped kernel and the mirrored origin (valid for
        // every origin that is valid for the convolution).
        let conv_origin: Vec<isize> = origin.iter().zip(&kshape)
            .map(|(&o, &k)| -o - if k % 2 == 0 { 1 } else { 0 }).collect();
        if conv_origin.iter().zip(&kshape).all(|(&o, &k)| o >= -((k / 2) as isize) && o <= (k as isize - 1) / 2) {
            let flipped: Vec<f64> = w.iter().rev().copied().collect();
            let opts = FilterOptions { origin: conv_origin, ..opts };
            let got = ndimage::convolve(&view, &weights, &opts).unwrap();
            let want = naive_correlate(&x, &shape, &flipped, &kshape, &origin, mode, cval);
            prop_assert!(close(&got.to_vec(), &want));
        }
    }

    #[test]
    fn one_dimensional_filters_match_the_definition(
        (shape, kshape, _origin, x, w, mode) in problem(),
        axis_pick in 0usize..3,
        origin_pick in 0usize..5,
    ) {
        let axis = axis_pick % shape.len();
        let k = kshape[0];
        let weights = &w[..k];
        let origin = (origin_pick % k) as isize - (k / 2) as isize;
        let input = Array::from_vec(x.clone(), shape.clone()).unwrap();
        let opts = FilterOptions { mode, cval: 0.5, origin: vec![origin], axes: None };
        let got = ndimage::correlate1d(&input, weights, axis as isize, &opts).unwrap();
        let mut ks = vec![1; shape.len()];
        ks[axis] = k;
        let mut origins = vec![0; shape.len()];
        origins[axis] = origin;
        let want = naive_correlate(&x, &shape, weights, &ks, &origins, mode, 0.5);
        prop_assert!(close(&got.to_vec(), &want));

        // uniform_filter1d is the correlation with k equal weights.
        let got = ndimage::uniform_filter1d(&input, k, axis as isize, &opts).unwrap();
        let box_w = vec![1.0 / k as f64; k];
        let want = naive_correlate(&x, &shape, &box_w, &ks, &origins, mode, 0.5);
        prop_assert!(close(&got.to_vec(), &want));
    }
}
