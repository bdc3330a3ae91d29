//! Behaviour beyond the golden streams: errors name their argument and never panic; `out=`
//! layouts; views of every layout as inputs; empty and 0-d arrays; the statistics of the
//! samplers against a naive reference.

use oxarray_core::{Array, Error, s};
use oxarray_random::{
    BitGenerator, ChoiceOptions, CovMethod, Generator, Mt19937, MultivariateNormalOptions, Pcg64,
    RandomState, SeedSequence, SeedableBitGenerator, default_rng, distributions,
};

fn arg_name(e: Error) -> &'static str {
    match e {
        Error::InvalidArgument { name, .. } => name,
        other => panic!("expected InvalidArgument, got {other:?}"),
    }
}

#[test]
fn bad_arguments_are_errors_naming_the_argument() {
    let mut rng = default_rng(0).unwrap();
    assert_eq!(arg_name(rng.normal(0.0, -1.0, 3).unwrap_err()), "scale");
    assert_eq!(arg_name(rng.normal(0.0, -0.0, 3).unwrap_err()), "scale");
    assert_eq!(
        arg_name(rng.uniform(1.0, 0.0, 3).unwrap_err()),
        "high - low"
    );
    assert_eq!(
        arg_name(rng.uniform(f64::MIN, f64::MAX, 3).unwrap_err()),
        "high - low"
    );
    assert_eq!(
        arg_name(rng.integers::<i64>(5, 5, 3, false).unwrap_err()),
        "high"
    );
    assert_eq!(
        arg_name(rng.integers::<u8>(-1, 5, 3, false).unwrap_err()),
        "low"
    );
    assert_eq!(
        arg_name(rng.integers::<u8>(0, 300, 3, false).unwrap_err()),
        "high"
    );
    assert_eq!(arg_name(rng.gamma(-1.0, 1.0, 3).unwrap_err()), "shape");
    assert_eq!(arg_name(rng.beta(0.0, 1.0, 3).unwrap_err()), "a");
    assert_eq!(arg_name(rng.binomial(-1, 0.5, 3).unwrap_err()), "n");
    assert_eq!(arg_name(rng.binomial(5, 1.5, 3).unwrap_err()), "p");
    assert_eq!(arg_name(rng.poisson(-1.0, 3).unwrap_err()), "lam");
    assert_eq!(arg_name(rng.poisson(1e300, 3).unwrap_err()), "lam");
    assert_eq!(arg_name(rng.geometric(0.0, 3).unwrap_err()), "p");
    assert_eq!(arg_name(rng.zipf(1.0, 3).unwrap_err()), "a");
    assert_eq!(arg_name(rng.logseries(1.0, 3).unwrap_err()), "p");
    assert_eq!(
        arg_name(rng.negative_binomial(f64::NAN, 0.5, 3).unwrap_err()),
        "n"
    );
    assert_eq!(
        arg_name(rng.negative_binomial(1e30, 1e-30, 3).unwrap_err()),
        "n"
    );
    assert_eq!(
        arg_name(rng.triangular(1.0, 0.0, 2.0, 3).unwrap_err()),
        "left"
    );
    assert_eq!(
        arg_name(rng.triangular(0.0, 3.0, 2.0, 3).unwrap_err()),
        "mode"
    );
    assert_eq!(
        arg_name(rng.triangular(1.0, 1.0, 1.0, 3).unwrap_err()),
        "right"
    );
    assert_eq!(
        arg_name(rng.hypergeometric(1, 1, 3, 1).unwrap_err()),
        "nsample"
    );
    assert_eq!(
        arg_name(rng.hypergeometric(2_000_000_000, 1, 3, 1).unwrap_err()),
        "ngood"
    );
    assert_eq!(
        arg_name(rng.multinomial(5, &[0.7, 0.7, 0.1], 2).unwrap_err()),
        "pvals"
    );
    assert_eq!(arg_name(rng.multinomial(5, &[], 2).unwrap_err()), "pvals");
    assert_eq!(
        arg_name(rng.dirichlet(&[1.0, -1.0], 2).unwrap_err()),
        "alpha"
    );
    // choice: p not summing to 1, wrong length, negative, NaN; too many without replacement
    let p = [0.5, 0.6];
    let with_p = ChoiceOptions {
        p: Some(&p),
        ..Default::default()
    };
    assert_eq!(arg_name(rng.choice_range(2, 3, with_p).unwrap_err()), "p");
    let short = ChoiceOptions {
        p: Some(&[1.0]),
        ..Default::default()
    };
    assert_eq!(arg_name(rng.choice_range(2, 3, short).unwrap_err()), "p");
    let neg = ChoiceOptions {
        p: Some(&[1.5, -0.5]),
        ..Default::default()
    };
    assert_eq!(arg_name(rng.choice_range(2, 3, neg).unwrap_err()), "p");
    let nan = ChoiceOptions {
        p: Some(&[f64::NAN, 1.0]),
        ..Default::default()
    };
    assert_eq!(arg_name(rng.choice_range(2, 3, nan).unwrap_err()), "p");
    let no_replace = ChoiceOptions {
        replace: false,
        ..Default::default()
    };
    assert_eq!(
        arg_name(rng.choice_range(3, 4, no_replace).unwrap_err()),
        "size"
    );
    assert_eq!(
        arg_name(
            rng.choice_range(0, 1, ChoiceOptions::default())
                .unwrap_err()
        ),
        "a"
    );
    let empty = Array::<f64>::zeros([0]).unwrap();
    assert_eq!(
        arg_name(rng.choice(&empty, 1, ChoiceOptions::default()).unwrap_err()),
        "a"
    );
    assert!(
        rng.choice(&empty, 0, ChoiceOptions::default())
            .unwrap()
            .is_empty()
    );
    // shapes: size incompatible with array parameters, out of the wrong shape
    let loc = Array::<f64>::zeros([3]).unwrap();
    assert!(matches!(
        rng.normal(&loc, 1.0, [2]).unwrap_err(),
        Error::BroadcastTo { .. }
    ));
    let mut out = Array::<f64>::zeros([2]).unwrap();
    assert!(rng.normal_into(&loc, 1.0, &mut out).is_err());
    assert!(matches!(
        rng.permutation(&Array::from_scalar(1.0), 0).unwrap_err(),
        Error::AxisOutOfBounds { .. }
    ));
    let cov = Array::<f64>::zeros([2, 3]).unwrap();
    let mean = Array::<f64>::zeros([2]).unwrap();
    assert_eq!(
        arg_name(
            rng.multivariate_normal(&mean, &cov, 1, MultivariateNormalOptions::default())
                .unwrap_err()
        ),
        "cov"
    );
    // seeds
    assert_eq!(arg_name(default_rng(-5i32).unwrap_err()), "entropy");
    assert_eq!(arg_name(RandomState::new(1u64 << 32).unwrap_err()), "seed");
    assert_eq!(
        arg_name(RandomState::new(Vec::<u32>::new()).unwrap_err()),
        "seed"
    );
    assert_eq!(
        arg_name(
            SeedSequence::with_options(oxarray_random::Entropy::Int(1), &[], 2, 0).unwrap_err()
        ),
        "pool_size"
    );
}

#[test]
fn out_arrays_fill_in_memory_order_and_reject_strided_views() {
    let mut c = Array::<f64>::zeros([3, 4]).unwrap();
    default_rng(1).unwrap().random_into(&mut c).unwrap();
    let flat = default_rng(1).unwrap().random::<f64>(12).unwrap();
    assert_eq!(c.to_vec(), flat.to_vec());
    // F order: memory order is column-major, as NumPy fills out= linearly.
    let mut f = Array::<f64>::zeros_order([3, 4], oxarray_core::Order::F).unwrap();
    default_rng(1).unwrap().random_into(&mut f).unwrap();
    assert_eq!(f.t().to_vec(), flat.to_vec());
    // A stepped view is rejected, as NumPy rejects non-contiguous out.
    let mut big = Array::<f64>::zeros([6, 4]).unwrap();
    let mut stepped = big.slice_mut(s![..;2, ..]).unwrap();
    assert!(matches!(
        default_rng(1)
            .unwrap()
            .random_into(&mut stepped)
            .unwrap_err(),
        Error::InvalidStrides { .. }
    ));
    // A contiguous view of a larger array is fine.
    let mut rows = big.slice_mut(s![1..3, ..]).unwrap();
    default_rng(1)
        .unwrap()
        .standard_normal_into(&mut rows)
        .unwrap();
    assert_ne!(big[[1, 0]], 0.0);
    assert_eq!(big[[0, 0]], 0.0);
}

#[test]
fn inputs_may_be_views_of_any_layout() {
    let base = Array::<i64>::arange(0, 24, 1)
        .unwrap()
        .into_shape([4, 6])
        .unwrap();
    let views = [
        base.view(),
        base.t(),
        base.slice(s![..;2, ..;-1]).unwrap(),
        base.slice(s![.., 1..4]).unwrap(),
    ];
    for v in views {
        // permutation along each axis keeps every lane's elements; matches the C-order copy.
        for axis in 0..2 {
            let a = default_rng(9).unwrap().permutation(&v, axis).unwrap();
            let b = default_rng(9)
                .unwrap()
                .permutation(&v.to_owned(), axis)
                .unwrap();
            assert_eq!(a, b);
            let mut sorted = a.to_vec();
            sorted.sort();
            let mut want = v.to_vec();
            want.sort();
            assert_eq!(sorted, want);
        }
        let c = default_rng(9)
            .unwrap()
            .choice(&v, 5, ChoiceOptions::default())
            .unwrap();
        assert_eq!(c.shape(), &[5, v.shape()[1]]);
        // parameters as views broadcast like arrays
        let p = v.map(|x| x as f64 + 1.0);
        let g = default_rng(9).unwrap().gamma(p.t(), 1.0, ()).unwrap();
        assert_eq!(g.shape(), p.t().shape());
    }
    // shuffle through a strided mutable view: only the viewed elements move.
    let mut x = Array::<i64>::arange(0, 10, 1).unwrap();
    let mut evens = x.slice_mut(s![..;2]).unwrap();
    default_rng(3).unwrap().shuffle(&mut evens, 0).unwrap();
    assert!(x.iter().skip(1).step_by(2).copied().eq([1, 3, 5, 7, 9]));
    let mut evens: Vec<i64> = x.iter().step_by(2).copied().collect();
    evens.sort();
    assert_eq!(evens, [0, 2, 4, 6, 8]);
}

#[test]
fn empty_and_zero_d() {
    let mut rng = default_rng(0).unwrap();
    assert_eq!(rng.random::<f64>([0, 3]).unwrap().shape(), &[0, 3]);
    assert_eq!(rng.normal(0.0, 1.0, ()).unwrap().ndim(), 0);
    assert_eq!(rng.integers::<i64>(0, 5, [], false).unwrap().ndim(), 0);
    assert!(rng.permutation_range(0).unwrap().is_empty());
    let mut e = Array::<f64>::zeros([0]).unwrap();
    rng.shuffle(&mut e, 0).unwrap();
    assert_eq!(rng.multinomial(3, &[0.5, 0.5], ()).unwrap().shape(), &[2]);
    assert_eq!(rng.dirichlet(&[], 2).unwrap().shape(), &[2, 0]);
    assert!(rng.bytes(0).unwrap().is_empty());
    // zero-size draws consume nothing
    let mut a = default_rng(5).unwrap();
    let mut b = default_rng(5).unwrap();
    a.standard_normal::<f64>(0).unwrap();
    assert_eq!(a.random::<f64>(3).unwrap(), b.random::<f64>(3).unwrap());
}

/// Mean and variance of `n` draws against the distribution's, within `z` standard errors.
fn moments_close(x: &[f64], mean: f64, var: f64, what: &str) {
    let n = x.len() as f64;
    let m = x.iter().sum::<f64>() / n;
    let v = x.iter().map(|a| (a - m) * (a - m)).sum::<f64>() / (n - 1.0);
    assert!(
        (m - mean).abs() < 5.0 * (var / n).sqrt(),
        "{what}: mean {m}, expected {mean}"
    );
    assert!(
        (v - var).abs() < 0.05 * var + 1e-12,
        "{what}: variance {v}, expected {var}"
    );
}

#[test]
fn sample_moments_match_the_distributions() {
    let mut rng = default_rng(123).unwrap();
    let n = 200_000;
    let v = |a: Array<f64>| a.to_vec();
    let vi = |a: Array<i64>| a.iter().map(|&k| k as f64).collect::<Vec<_>>();
    moments_close(&v(rng.random::<f64>(n).unwrap()), 0.5, 1.0 / 12.0, "random");
    moments_close(&v(rng.normal(2.0, 3.0, n).unwrap()), 2.0, 9.0, "normal");
    moments_close(
        &v(rng.exponential(2.0, n).unwrap()),
        2.0,
        4.0,
        "exponential",
    );
    moments_close(&v(rng.gamma(0.5, 2.0, n).unwrap()), 1.0, 2.0, "gamma(0.5)");
    moments_close(&v(rng.gamma(7.0, 1.0, n).unwrap()), 7.0, 7.0, "gamma(7)");
    moments_close(&v(rng.beta(2.0, 3.0, n).unwrap()), 0.4, 0.04, "beta");
    moments_close(&vi(rng.poisson(4.0, n).unwrap()), 4.0, 4.0, "poisson(4)");
    moments_close(
        &vi(rng.poisson(40.0, n).unwrap()),
        40.0,
        40.0,
        "poisson(40)",
    );
    moments_close(
        &vi(rng.binomial(20, 0.3, n).unwrap()),
        6.0,
        4.2,
        "binomial inversion",
    );
    moments_close(
        &vi(rng.binomial(500, 0.3, n).unwrap()),
        150.0,
        105.0,
        "binomial btpe",
    );
    moments_close(&vi(rng.geometric(0.1, n).unwrap()), 10.0, 90.0, "geometric");
    moments_close(
        &vi(rng.hypergeometric(30, 70, 20, n).unwrap()),
        6.0,
        20.0 * 0.3 * 0.7 * 80.0 / 99.0,
        "hypergeometric",
    );
    moments_close(
        &vi(rng.integers::<i64>(0, 1000, n, false).unwrap()),
        499.5,
        (1000.0f64 * 1000.0 - 1.0) / 12.0,
        "integers",
    );
    let z32: Vec<f64> = rng
        .standard_normal::<f32>(n)
        .unwrap()
        .iter()
        .map(|&x| f64::from(x))
        .collect();
    moments_close(&z32, 0.0, 1.0, "standard_normal f32");
    let mut rs = RandomState::new(5u32).unwrap();
    moments_close(&v(rs.randn(n).unwrap()), 0.0, 1.0, "legacy randn");
    moments_close(
        &v(rs.standard_gamma(3.0, n).unwrap()),
        3.0,
        3.0,
        "legacy gamma",
    );
}

#[test]
fn multivariate_normal_methods_share_a_distribution() {
    let mean = oxarray_core::array![1.0, -2.0, 0.5];
    let cov = oxarray_core::array![[4.0, 1.2, 0.3], [1.2, 2.0, -0.4], [0.3, -0.4, 1.0]];
    for method in [CovMethod::Cholesky, CovMethod::Eigh, CovMethod::Svd] {
        let opts = MultivariateNormalOptions {
            method,
            ..Default::default()
        };
        let x = default_rng(4)
            .unwrap()
            .multivariate_normal(&mean, &cov, 100_000, opts)
            .unwrap();
        let rows = x.to_vec();
        let n = 100_000.0;
        for i in 0..3 {
            let mi = rows.iter().skip(i).step_by(3).sum::<f64>() / n;
            assert!((mi - mean[[i]]).abs() < 0.03, "{method:?} mean {i}: {mi}");
            for j in 0..3 {
                let mj = rows.iter().skip(j).step_by(3).sum::<f64>() / n;
                let c = rows
                    .chunks(3)
                    .map(|r| (r[i] - mi) * (r[j] - mj))
                    .sum::<f64>()
                    / n;
                assert!((c - cov[[i, j]]).abs() < 0.06, "{method:?} cov {i}{j}: {c}");
            }
        }
    }
    let not_psd = oxarray_core::array![[1.0, 2.0], [2.0, 1.0]];
    let m2 = oxarray_core::array![0.0, 0.0];
    let raise = MultivariateNormalOptions {
        check_valid: oxarray_random::CheckValid::Raise,
        ..Default::default()
    };
    assert!(
        default_rng(0)
            .unwrap()
            .multivariate_normal(&m2, &not_psd, 1, raise)
            .is_err()
    );
    let chol = MultivariateNormalOptions {
        method: CovMethod::Cholesky,
        ..Default::default()
    };
    assert!(
        default_rng(0)
            .unwrap()
            .multivariate_normal(&m2, &not_psd, 1, chol)
            .is_err()
    );
}

#[test]
fn spawned_and_jumped_streams_do_not_repeat_the_parent() {
    let mut parent = Pcg64::new(11u32).unwrap();
    let mut kids = parent.spawn(3).unwrap();
    let first: Vec<u64> = kids.iter_mut().map(|k| k.next_u64()).collect();
    assert!(first[0] != first[1] && first[1] != first[2]);
    assert_eq!(parent.seed_sequence().unwrap().n_children_spawned(), 3);
    let mut again = parent.spawn(1).unwrap();
    assert_eq!(again[0].seed_sequence().unwrap().spawn_key(), &[3]);
    assert_ne!(again[0].next_u64(), first[0]);
    // Generator-level spawn is the bit generator's.
    let mut g = Generator::new(Mt19937::new(11u32).unwrap());
    assert_eq!(g.spawn(2).unwrap().len(), 2);
    // A legacy-seeded MT19937 has no seed sequence: spawning is an error, not a panic.
    let mut legacy = Mt19937::from_legacy_seed(1);
    assert!(legacy.spawn(1).is_err());
}

#[test]
fn scalar_draws_match_array_draws() {
    let mut a = Pcg64::new(8u32).unwrap();
    let mut rng = Generator::new(Pcg64::new(8u32).unwrap());
    let arr = rng.gamma(3.0, 2.0, 50).unwrap();
    let one: Vec<f64> = (0..50)
        .map(|_| distributions::gamma(&mut a, 3.0, 2.0))
        .collect();
    assert_eq!(arr.to_vec(), one);
}
