//! `Generator` against NumPy: every method, for every bit generator, several seeds, dtypes and
//! argument sets, the first 10^4 draws compared bit for bit (`tests/golden/streams.json`,
//! made by `tests/golden/gen_streams.py`), and the bit generator's state after each call.

mod common;

use common::{AnyBitGen, check_output, f64_array, i64_array, int, state_string};
use oxarray_core::{Array, DynArray, Result};
use oxarray_random::{BitGenerator, ChoiceOptions, ExponentialMethod, Generator};
use serde_json::Value;

fn size_of(step: &Value) -> Option<Vec<usize>> {
    step["size"]
        .as_array()
        .map(|s| s.iter().map(|v| v.as_u64().unwrap() as usize).collect())
}

/// Runs `f(size)` with NumPy's `size`: the shape, or `()` for `None`.
macro_rules! sized {
    ($size:expr, |$s:ident| $call:expr) => {
        match &$size {
            Some(shape) => {
                let $s = &shape[..];
                $call
            }
            None => {
                let $s = ();
                $call
            }
        }
    };
}

fn dyn_of<T: oxarray_core::Element>(a: Array<T>) -> DynArray {
    a.into_dyn()
}

/// One step of a case: the method called as NumPy called it.
fn run_step<B: BitGenerator>(rng: &mut Generator<B>, step: &Value) -> Result<DynArray> {
    let method = step["method"].as_str().unwrap();
    let args = step["args"].as_array().unwrap();
    let kwargs = &step["kwargs"];
    let dtype = kwargs["dtype"].as_str().unwrap_or("");
    let size = size_of(step);
    let f = |i: usize| f64_array(&args[i]);
    let exp_method = match kwargs["method"].as_str() {
        Some("inv") => Some(ExponentialMethod::Inv),
        _ => None,
    };
    macro_rules! float_dtype {
        ($name:ident $(, $arg:expr)*) => {
            if dtype == "float32" {
                dyn_of(sized!(size, |s| rng.$name::<f32>($($arg,)* s))?)
            } else {
                dyn_of(sized!(size, |s| rng.$name::<f64>($($arg,)* s))?)
            }
        };
    }
    Ok(match method {
        "random" => float_dtype!(random),
        "standard_normal" => float_dtype!(standard_normal),
        "standard_gamma" => float_dtype!(standard_gamma, &f(0)),
        "standard_exponential" => {
            if dtype == "float32" {
                dyn_of(sized!(size, |s| rng.standard_exponential::<f32>(s, exp_method))?)
            } else {
                dyn_of(sized!(size, |s| rng.standard_exponential::<f64>(s, exp_method))?)
            }
        }
        "integers" => {
            let (low, high) = (int(&args[0]), int(&args[1]));
            let endpoint = kwargs["endpoint"].as_bool().unwrap_or(false);
            macro_rules! ints {
                ($t:ty) => {
                    dyn_of(sized!(size, |s| rng.integers::<$t>(low, high, s, endpoint))?)
                };
            }
            match dtype {
                "" | "int64" => ints!(i64),
                "uint64" => ints!(u64),
                "int32" => ints!(i32),
                "uint32" => ints!(u32),
                "int16" => ints!(i16),
                "uint16" => ints!(u16),
                "int8" => ints!(i8),
                "uint8" => ints!(u8),
                "bool" => ints!(bool),
                other => panic!("dtype {other}"),
            }
        }
        "uniform" => dyn_of(sized!(size, |s| rng.uniform(f(0), f(1), s))?),
        "normal" => dyn_of(sized!(size, |s| rng.normal(f(0), f(1), s))?),
        "exponential" => dyn_of(sized!(size, |s| rng.exponential(f(0), s))?),
        "gamma" => dyn_of(sized!(size, |s| rng.gamma(f(0), f(1), s))?),
        "beta" => dyn_of(sized!(size, |s| rng.beta(f(0), f(1), s))?),
        "chisquare" => dyn_of(sized!(size, |s| rng.chisquare(f(0), s))?),
        "noncentral_chisquare" => {
            dyn_of(sized!(size, |s| rng.noncentral_chisquare(f(0), f(1), s))?)
        }
        "f" => dyn_of(sized!(size, |s| rng.f(f(0), f(1), s))?),
        "noncentral_f" => dyn_of(sized!(size, |s| rng.noncentral_f(f(0), f(1), f(2), s))?),
        "standard_cauchy" => dyn_of(sized!(size, |s| rng.standard_cauchy(s))?),
        "standard_t" => dyn_of(sized!(size, |s| rng.standard_t(f(0), s))?),
        "vonmises" => dyn_of(sized!(size, |s| rng.vonmises(f(0), f(1), s))?),
        "pareto" => dyn_of(sized!(size, |s| rng.pareto(f(0), s))?),
        "weibull" => dyn_of(sized!(size, |s| rng.weibull(f(0), s))?),
        "power" => dyn_of(sized!(size, |s| rng.power(f(0), s))?),
        "laplace" => dyn_of(sized!(size, |s| rng.laplace(f(0), f(1), s))?),
        "gumbel" => dyn_of(sized!(size, |s| rng.gumbel(f(0), f(1), s))?),
        "logistic" => dyn_of(sized!(size, |s| rng.logistic(f(0), f(1), s))?),
        "lognormal" => dyn_of(sized!(size, |s| rng.lognormal(f(0), f(1), s))?),
        "rayleigh" => dyn_of(sized!(size, |s| rng.rayleigh(f(0), s))?),
        "wald" => dyn_of(sized!(size, |s| rng.wald(f(0), f(1), s))?),
        "triangular" => dyn_of(sized!(size, |s| rng.triangular(f(0), f(1), f(2), s))?),
        "binomial" => dyn_of(sized!(size, |s| rng.binomial(
            i64_array(&args[0]),
            f(1),
            s
        ))?),
        "poisson" => dyn_of(sized!(size, |s| rng.poisson(f(0), s))?),
        "negative_binomial" => dyn_of(sized!(size, |s| rng.negative_binomial(f(0), f(1), s))?),
        "geometric" => dyn_of(sized!(size, |s| rng.geometric(f(0), s))?),
        "zipf" => dyn_of(sized!(size, |s| rng.zipf(f(0), s))?),
        "logseries" => dyn_of(sized!(size, |s| rng.logseries(f(0), s))?),
        "hypergeometric" => dyn_of(sized!(size, |s| rng.hypergeometric(
            i64_array(&args[0]),
            i64_array(&args[1]),
            i64_array(&args[2]),
            s
        ))?),
        "multinomial" => {
            let p = f(1).to_vec();
            dyn_of(sized!(size, |s| rng.multinomial(
                int(&args[0]) as i64,
                &p,
                s
            ))?)
        }
        "dirichlet" => {
            let alpha = f(0).to_vec();
            dyn_of(sized!(size, |s| rng.dirichlet(&alpha, s))?)
        }
        "permutation" => dyn_of(rng.permutation_range(int(&args[0]) as usize)?),
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
                shuffle: kwargs["shuffle"].as_bool().unwrap_or(true),
                ..Default::default()
            };
            dyn_of(sized!(size, |s| rng.choice_range(
                int(&args[0]) as i64,
                s,
                options
            ))?)
        }
        "bytes" => {
            let bytes = rng.bytes(int(&args[0]) as usize)?;
            let n = bytes.len();
            dyn_of(Array::from_vec(bytes, [n])?)
        }
        other => panic!("method {other} not dispatched"),
    })
}

#[test]
fn generator_streams_match_numpy() {
    let golden = common::golden("streams.json");
    let cases = golden["cases"].as_array().unwrap();
    let mut failures = Vec::new();
    let mut steps_checked = 0;
    for case in cases {
        let name = case["bitgen"].as_str().unwrap();
        let seed = common::seed(&case["seed"]);
        let mut bg = common::bitgen(name, &seed);
        for step in case["steps"].as_array().unwrap() {
            let what = format!(
                "{name}({}) {}({}, {}) size={}",
                case["seed"], step["method"], step["args"], step["kwargs"], step["size"]
            );
            let out = with_bitgen!(&mut bg, g => run_step(&mut Generator::new(&mut *g), step));
            steps_checked += 1;
            match out {
                Err(e) => failures.push(format!("{what}: error {e}")),
                Ok(out) => {
                    if let Err(msg) = check_output(&what, &out, step) {
                        failures.push(msg);
                    } else if state_string(&bg) != step["state"].as_str().unwrap() {
                        failures.push(format!(
                            "{what}: same output but bit generator state {} vs NumPy {}",
                            state_string(&bg),
                            step["state"]
                        ));
                    }
                }
            }
        }
    }
    assert!(
        steps_checked > 600,
        "only {steps_checked} steps in the golden file"
    );
    assert!(
        failures.is_empty(),
        "{} of {steps_checked} steps differ from NumPy:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// `AnyBitGen` is matched through `with_bitgen!`; keep the import used on every path.
#[allow(dead_code)]
fn _uses(_: &AnyBitGen) {}
