//! The legacy `RandomState` against NumPy (`tests/golden/legacy.json`): the first 10^4 draws
//! of each method for the legacy seeds, the state (key, position and cached Gaussian) after
//! each call, and the articles' `np.random.seed(0); np.random.rand(3, 4)`. Plus the small
//! outputs of `tests/golden/arrays.json` (shuffles, permutations along axes, choices of
//! arrays), compared in full.

mod common;

use common::{check_output, f64_array, fnv1a64, int};
use oxarray_core::{Array, DynArray, Result};
use oxarray_random::{ChoiceOptions, RandomState, default_rng, legacy::global};
use serde_json::Value;

fn legacy_state(rs: &RandomState) -> String {
    let st = rs.get_state();
    let bytes: Vec<u8> = st.mt.key.iter().flat_map(|w| w.to_le_bytes()).collect();
    format!(
        "{}/{}/{}/{:016x}",
        fnv1a64(&bytes),
        st.mt.pos,
        u8::from(st.has_gauss),
        st.cached_gaussian.to_bits()
    )
}

fn new_state(seed: &Value) -> RandomState {
    match seed {
        Value::Array(items) => RandomState::new(
            items
                .iter()
                .map(|v| v.as_u64().unwrap() as u32)
                .collect::<Vec<_>>(),
        )
        .unwrap(),
        v => RandomState::new(v.as_u64().unwrap()).unwrap(),
    }
}

fn run_step(rs: &mut RandomState, step: &Value) -> Result<DynArray> {
    let method = step["method"].as_str().unwrap();
    let args = step["args"].as_array().unwrap();
    let kwargs = &step["kwargs"];
    let size: Vec<usize> = step["size"]
        .as_array()
        .map(|s| s.iter().map(|v| v.as_u64().unwrap() as usize).collect())
        .unwrap_or_default();
    let s = &size[..];
    let f = |i: usize| f64_array(&args[i]);
    Ok(match method {
        "random_sample" => rs.random_sample(s)?.into_dyn(),
        "rand" => rs.rand(s)?.into_dyn(),
        "randn" => rs.randn(s)?.into_dyn(),
        "randint" => {
            let (low, high) = (int(&args[0]), int(&args[1]));
            match kwargs["dtype"].as_str().unwrap_or("int64") {
                "int64" => rs.randint::<i64>(low, high, s)?.into_dyn(),
                "uint8" => rs.randint::<u8>(low, high, s)?.into_dyn(),
                "int16" => rs.randint::<i16>(low, high, s)?.into_dyn(),
                "bool" => rs.randint::<bool>(low, high, s)?.into_dyn(),
                "uint32" => rs.randint::<u32>(low, high, s)?.into_dyn(),
                other => panic!("dtype {other}"),
            }
        }
        "standard_normal" => rs.standard_normal(s)?.into_dyn(),
        "normal" => rs.normal(f(0), f(1), s)?.into_dyn(),
        "uniform" => rs.uniform(f(0), f(1), s)?.into_dyn(),
        "standard_exponential" => rs.standard_exponential(s)?.into_dyn(),
        "exponential" => rs.exponential(f(0), s)?.into_dyn(),
        "standard_gamma" => rs.standard_gamma(f(0), s)?.into_dyn(),
        "gamma" => rs.gamma(f(0), f(1), s)?.into_dyn(),
        "beta" => rs.beta(f(0), f(1), s)?.into_dyn(),
        "chisquare" => rs.chisquare(f(0), s)?.into_dyn(),
        "poisson" => rs.poisson(f(0), s)?.into_dyn(),
        "binomial" => rs
            .binomial(int(&args[0]) as i64, args[1].as_f64().unwrap(), s)?
            .into_dyn(),
        "permutation" => rs.permutation_range(int(&args[0]) as usize)?.into_dyn(),
        "choice" => {
            let p: Option<Vec<f64>> = kwargs.get("p").map(|p| {
                p.as_array()
                    .unwrap()
                    .iter()
                    .map(|v| v.as_f64().unwrap())
                    .collect()
            });
            let options = ChoiceOptions {
                replace: kwargs["replace"].as_bool().unwrap_or(true),
                p: p.as_deref(),
                ..Default::default()
            };
            rs.choice_range(int(&args[0]) as i64, s, options)?
                .into_dyn()
        }
        other => panic!("legacy method {other} not dispatched"),
    })
}

#[test]
fn legacy_streams_match_numpy() {
    let golden = common::golden("legacy.json");
    let mut failures = Vec::new();
    let mut steps_checked = 0;
    for case in golden["cases"].as_array().unwrap() {
        let mut rs = new_state(&case["seed"]);
        for step in case["steps"].as_array().unwrap() {
            let what = format!(
                "RandomState({}).{}({}, {}) size={}",
                case["seed"], step["method"], step["args"], step["kwargs"], step["size"]
            );
            steps_checked += 1;
            match run_step(&mut rs, step) {
                Err(e) => failures.push(format!("{what}: error {e}")),
                Ok(out) => {
                    if let Err(msg) = check_output(&what, &out, step) {
                        failures.push(msg);
                    } else if legacy_state(&rs) != step["state"].as_str().unwrap() {
                        failures.push(format!(
                            "{what}: same output but state {} vs NumPy {}",
                            legacy_state(&rs),
                            step["state"]
                        ));
                    }
                }
            }
        }
    }
    assert!(steps_checked > 100, "only {steps_checked} legacy steps");
    assert!(
        failures.is_empty(),
        "{} of {steps_checked} legacy steps differ from NumPy:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The articles' first line: `np.random.seed(0); np.random.rand(3, 4)`, through the global
/// module functions. The only test in this binary that touches the global state.
#[test]
fn articles_seed0_rand_3x4() {
    let golden = common::golden("legacy.json");
    let want: Vec<String> = golden["article_seed0_rand_3x4"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    global::seed(0u32).unwrap();
    let x = global::rand([3, 4]).unwrap();
    let got: Vec<String> = x.iter().map(|v| format!("{:016x}", v.to_bits())).collect();
    assert_eq!(x.shape(), &[3, 4]);
    assert_eq!(got, want);
    // Re-seeding restarts the stream; the cached Gaussian is dropped by seed.
    global::randn(1).unwrap();
    global::seed(0u32).unwrap();
    assert_eq!(global::rand([3, 4]).unwrap(), x);
}

fn i64_nested(v: &Value) -> Array<i64> {
    common::i64_array(v)
}

#[test]
fn small_outputs_match_numpy() {
    let golden = common::golden("arrays.json");
    let ops: Vec<&Value> = golden.as_array().unwrap().iter().collect();
    let want = |name: &str| -> &Value {
        &ops.iter()
            .find(|o| o["op"] == name)
            .unwrap_or_else(|| panic!("{name}"))["result"]
    };
    let mut rng = default_rng(2024u32).unwrap();
    let m = Array::<i64>::arange(0, 30, 1)
        .unwrap()
        .into_shape([6, 5])
        .unwrap();
    assert_eq!(
        rng.permutation(&m, 1).unwrap(),
        i64_nested(want("permutation_axis1"))
    );
    assert_eq!(
        rng.permutation(&m, 0).unwrap(),
        i64_nested(want("permutation_axis0"))
    );
    let x = Array::<i64>::arange(0, 20, 1)
        .unwrap()
        .into_shape([4, 5])
        .unwrap();
    assert_eq!(
        rng.permuted(&x, Some(1)).unwrap(),
        i64_nested(want("permuted_axis1"))
    );
    assert_eq!(
        rng.permuted(&x, Some(0)).unwrap(),
        i64_nested(want("permuted_axis0"))
    );
    assert_eq!(
        rng.permuted(&x, None).unwrap(),
        i64_nested(want("permuted_none"))
    );
    let xf = x.as_fortran_layout().into_owned();
    assert_eq!(
        rng.permuted(&xf, None).unwrap(),
        i64_nested(want("permuted_none_fortran"))
    );
    let y = Array::<i64>::arange(0, 24, 1)
        .unwrap()
        .into_shape([2, 3, 4])
        .unwrap();
    assert_eq!(
        rng.permuted(&y, Some(2)).unwrap(),
        i64_nested(want("permuted_axis2_3d"))
    );
    let mut s = Array::<i64>::arange(0, 12, 1)
        .unwrap()
        .into_shape([3, 4])
        .unwrap();
    rng.shuffle(&mut s, 1).unwrap();
    assert_eq!(s, i64_nested(want("shuffle_axis1")));
    let mut s = Array::<i64>::arange(0, 12, 1)
        .unwrap()
        .into_shape([3, 4])
        .unwrap();
    rng.shuffle(&mut s, 0).unwrap();
    assert_eq!(s, i64_nested(want("shuffle_axis0")));
    let a = Array::<i64>::from_shape_fn([3, 7], |i| (i[0] * 7 + i[1]) as i64 * 10).unwrap();
    let opts = ChoiceOptions {
        axis: 1,
        ..Default::default()
    };
    assert_eq!(
        rng.choice(&a, 4, opts).unwrap(),
        i64_nested(want("choice_axis1"))
    );
    let opts = ChoiceOptions {
        replace: false,
        ..Default::default()
    };
    assert_eq!(
        rng.choice(&a, 2, opts).unwrap(),
        i64_nested(want("choice_axis0_noreplace"))
    );
    assert_eq!(
        rng.choice_range(7, [2, 3], ChoiceOptions::default())
            .unwrap(),
        i64_nested(want("choice_2d_size"))
    );
    assert_eq!(
        rng.random::<f64>(()).unwrap().item().unwrap(),
        want("final_random").as_f64().unwrap()
    );

    let mut rs = RandomState::new(77u32).unwrap();
    assert_eq!(
        rs.permutation(&m).unwrap(),
        i64_nested(want("legacy_permutation_2d"))
    );
    let mut s = Array::<i64>::arange(0, 12, 1)
        .unwrap()
        .into_shape([3, 4])
        .unwrap();
    rs.shuffle(&mut s).unwrap();
    assert_eq!(s, i64_nested(want("legacy_shuffle_2d")));
    let c = rs
        .choice(
            &oxarray_core::array![1.5, 2.5, 3.5],
            5,
            ChoiceOptions::default(),
        )
        .unwrap();
    assert_eq!(c, f64_array(want("legacy_choice_array")));
    assert_eq!(
        rs.rand(()).unwrap().item().unwrap(),
        want("legacy_final_rand").as_f64().unwrap()
    );
}
