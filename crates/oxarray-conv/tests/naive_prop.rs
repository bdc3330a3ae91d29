//! Property tests: convolve2d / correlate2d / convolve / correlate against a plain loop written
//! from the definitions (the `full` product sliced for `same` and `valid`, as SciPy documents
//! the modes), on random shapes, every mode and boundary, and inputs that are strided,
//! reversed or transposed views.

use oxarray_conv::{
    Boundary, Mode, convolve, convolve2d, convolve2d_into, correlate, correlate2d,
    with_scalar_kernels,
};
use oxarray_core::{Array, ArrayView, Complex64, s};
use proptest::prelude::*;

/// `ext(i, j)` of the image under `boundary`, `None` for the fill value.
fn ext(i: isize, len: usize) -> [isize; 3] {
    let n = len as isize;
    let wrap = i.rem_euclid(n);
    let r = i.rem_euclid(2 * n);
    let symm = if r < n { r } else { 2 * n - 1 - r };
    [i, wrap, symm]
}

fn read(img: &[Vec<f64>], i: isize, j: isize, b: usize, fill: f64) -> f64 {
    let (h, w) = (img.len(), img[0].len());
    let (ri, cj) = (ext(i, h)[b], ext(j, w)[b]);
    if ri < 0 || cj < 0 || ri >= h as isize || cj >= w as isize {
        fill
    } else {
        img[ri as usize][cj as usize]
    }
}

/// SciPy's convolve2d / correlate2d from the definition (b: 0 fill, 1 wrap, 2 symm).
fn naive_2d(
    in1: &[Vec<f64>],
    in2: &[Vec<f64>],
    mode: Mode,
    b: usize,
    fill: f64,
    conv: bool,
) -> Vec<Vec<f64>> {
    let (mut a, mut k) = (in1, in2);
    let swap = mode == Mode::Valid
        && k.len() >= a.len()
        && k[0].len() >= a[0].len()
        && (k.len() > a.len() || k[0].len() > a[0].len());
    if swap {
        std::mem::swap(&mut a, &mut k);
    }
    let (h, w, kh, kw) = (a.len(), a[0].len(), k.len(), k[0].len());
    let (fh, fw) = (h + kh - 1, w + kw - 1);
    let full: Vec<Vec<f64>> = (0..fh)
        .map(|m| {
            (0..fw)
                .map(|n| {
                    let mut acc = 0.0;
                    for j in 0..kh {
                        for l in 0..kw {
                            acc += if conv {
                                read(a, m as isize - j as isize, n as isize - l as isize, b, fill)
                                    * k[j][l]
                            } else {
                                read(
                                    a,
                                    m as isize - (kh - 1) as isize + j as isize,
                                    n as isize - (kw - 1) as isize + l as isize,
                                    b,
                                    fill,
                                ) * k[j][l]
                            };
                        }
                    }
                    acc
                })
                .collect()
        })
        .collect();
    let (r0, c0, rows, cols) = match mode {
        Mode::Full => (0, 0, fh, fw),
        Mode::Same if conv => ((kh - 1) / 2, (kw - 1) / 2, h, w),
        Mode::Same => (kh / 2, kw / 2, h, w),
        Mode::Valid => (kh - 1, kw - 1, h - kh + 1, w - kw + 1),
    };
    let mut out: Vec<Vec<f64>> = (0..rows)
        .map(|i| full[r0 + i][c0..c0 + cols].to_vec())
        .collect();
    if swap && !conv {
        out.reverse();
        out.iter_mut().for_each(|r| r.reverse());
    }
    out
}

fn rows_of(v: &ArrayView<'_, f64>) -> Vec<Vec<f64>> {
    let (h, w) = (v.shape()[0], v.shape()[1]);
    (0..h)
        .map(|i| {
            (0..w)
                .map(|j| *v.get(&[i as isize, j as isize]).unwrap())
                .collect()
        })
        .collect()
}

fn close(got: &[f64], want: &[f64], scale: f64, tol: f64) -> bool {
    got.len() == want.len()
        && got
            .iter()
            .zip(want)
            .all(|(g, w)| (g - w).abs() <= tol * scale.max(1.0))
}

/// A base array and the view of it the test runs on: plain, stepped, reversed or transposed.
fn image(h: usize, w: usize, layout: u8, seed: u64) -> Array<f64> {
    let mut state = seed | 1;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % 2001) as f64 / 1000.0 - 1.0
    };
    match layout {
        0 => Array::from_shape_fn([h, w], |_| next()).unwrap(),
        3 => Array::from_shape_fn([w, h], |_| next()).unwrap(),
        _ => Array::from_shape_fn([2 * h, 2 * w], |_| next()).unwrap(),
    }
}

fn view(base: &Array<f64>, h: usize, w: usize, layout: u8) -> ArrayView<'_, f64> {
    let end = |n: usize| (2 * n) as isize;
    match layout {
        0 => base.view(),
        1 => base.slice(s![..end(h);2, ..end(w);2]).unwrap(),
        2 => base.slice(s![..;-2, ..;-2]).unwrap(),
        _ => base.t(),
    }
}

fn mode_of(i: u8) -> Mode {
    [Mode::Full, Mode::Same, Mode::Valid][i as usize % 3]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn signal_2d_matches_the_definition(
        h in 1usize..9, w in 1usize..90, kh in 1usize..6, kw in 1usize..7,
        mode in 0u8..3, b in 0usize..3, conv in any::<bool>(),
        l1 in 0u8..4, l2 in 0u8..4, seed in any::<u64>(), scalar in any::<bool>(),
    ) {
        let mode = mode_of(mode);
        // valid mode needs one input at least as large as the other in every dimension
        let (kh, kw) = if mode == Mode::Valid { (kh.min(h), kw.min(w)) } else { (kh, kw) };
        let (b1, b2) = (image(h, w, l1, seed), image(kh, kw, l2, seed.rotate_left(7)));
        let (v1, v2) = (view(&b1, h, w, l1), view(&b2, kh, kw, l2));
        let boundary = [Boundary::Fill(0.25), Boundary::Wrap, Boundary::Symm][b];
        let want = naive_2d(&rows_of(&v1), &rows_of(&v2), mode, b, 0.25, conv);
        let run = || if conv {
            convolve2d(&v1, &v2, mode, boundary)
        } else {
            correlate2d(&v1, &v2, mode, boundary)
        };
        let got = if scalar { with_scalar_kernels(run) } else { run() }.unwrap();
        let flat: Vec<f64> = want.concat();
        prop_assert_eq!(got.shape(), &[want.len(), want[0].len()]);
        prop_assert!(close(&got.to_vec(), &flat, (kh * kw) as f64, 1e-12));
        // swapped inputs in valid mode (the kernel is the larger one)
        if mode == Mode::Valid {
            let want = naive_2d(&rows_of(&v2), &rows_of(&v1), mode, b, 0.25, conv);
            let got = if conv { convolve2d(&v2, &v1, mode, boundary) } else { correlate2d(&v2, &v1, mode, boundary) }.unwrap();
            prop_assert!(close(&got.to_vec(), &want.concat(), (kh * kw) as f64, 1e-12));
        }
    }

    #[test]
    fn f32_simd_matches_the_definition(
        h in 3usize..40, w in 3usize..200, k in prop::sample::select(vec![1usize, 2, 3, 4, 5, 7]),
        seed in any::<u64>(), out_layout in 0u8..2,
    ) {
        let k = k.min(h).min(w);
        let base = image(h, w, 0, seed);
        let kernel = image(k, k, 0, seed ^ 0x55);
        let want = naive_2d(&rows_of(&base.view()), &rows_of(&kernel.view()), Mode::Valid, 0, 0.0, true).concat();
        let (img32, ker32) = (base.astype::<f32>(), kernel.astype::<f32>());
        let got: Vec<f32> = if out_layout == 0 {
            convolve2d(&img32, &ker32, Mode::Valid, Boundary::Fill(0.0)).unwrap().to_vec()
        } else {
            let mut t = Array::<f32>::zeros([w - k + 1, h - k + 1]).unwrap();
            convolve2d_into(&img32, &ker32, Mode::Valid, Boundary::Fill(0.0), t.view_mut().into_t()).unwrap();
            t.t().to_vec()
        };
        let got: Vec<f64> = got.iter().map(|&x| x as f64).collect();
        prop_assert!(close(&got, &want, (k * k) as f64, 1e-5));
    }

    #[test]
    fn numpy_1d_matches_the_definition(
        n1 in 1usize..40, n2 in 1usize..40, mode in 0u8..3, seed in any::<u64>(), conv in any::<bool>(),
    ) {
        let mode = mode_of(mode);
        let a = image(1, n1, 0, seed).into_shape([n1]).unwrap();
        let v = image(1, n2, 0, seed ^ 9).into_shape([n2]).unwrap();
        let (long, short) = if n1 >= n2 { (&a, &v) } else { (&v, &a) };
        let (n_long, n_short) = (long.len(), short.len());
        // full correlation c[k] = sum a[n + k] v[n], k = -(n2 - 1) .. n1 - 1; convolution is
        // the correlation with v reversed.
        let av = a.to_vec();
        let mut vv = v.to_vec();
        if conv { vv.reverse(); }
        let full: Vec<f64> = (-(n2 as isize - 1)..n1 as isize)
            .map(|k| (0..n2 as isize).filter(|&i| (0..n1 as isize).contains(&(i + k))).map(|i| av[(i + k) as usize] * vv[i as usize]).sum())
            .collect();
        let (start, len) = match mode {
            Mode::Full => (0, n1 + n2 - 1),
            Mode::Same => {
                // NumPy's n_left = n_short / 2 of the product it computes; a swapped
                // correlation is computed the other way round and reversed.
                let len = n_long;
                let s = if conv || n1 >= n2 { n_short - 1 - n_short / 2 } else { n_short / 2 };
                (s, len)
            }
            Mode::Valid => (n_short - 1, n_long - n_short + 1),
        };
        let want = &full[start..start + len];
        let got = if conv { convolve(&a, &v, mode) } else { correlate(&a, &v, mode) }.unwrap();
        prop_assert!(close(&got.to_vec(), want, n2 as f64, 1e-12), "{:?} vs {:?}", got.to_vec(), want);
    }
}

#[test]
fn complex_correlation_conjugates_the_kernel() {
    let a = Array::from_vec(
        vec![Complex64::new(1.0, 1.0), Complex64::new(2.0, 0.0)],
        [1, 2],
    )
    .unwrap();
    let k = Array::from_vec(vec![Complex64::new(0.0, 1.0)], [1, 1]).unwrap();
    let out = correlate2d(&a, &k, Mode::Full, Boundary::Fill(Complex64::new(0.0, 0.0))).unwrap();
    assert_eq!(
        out.to_vec(),
        vec![Complex64::new(1.0, -1.0), Complex64::new(0.0, -2.0)]
    );
}
