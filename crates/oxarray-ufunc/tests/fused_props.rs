//! Property tests of fused expressions against a naive unfused evaluation.
//!
//! Each case draws an output shape, three operands whose shapes broadcast to it (leading axes
//! dropped, axes of length one) and whose layouts are random (steps, reversed axes, permuted
//! axes), an output layout, two scalars and an expression template. The fused result is
//! computed three ways (`eval`, `eval_into` a strided output, `update` in place) and compared
//! with the reference: every operand broadcast and read in logical order (`to_vec`), then one
//! elementwise operation at a time (plain Rust arithmetic, or the ufunc's scalar function where
//! NumPy's semantics differ from Rust's). Exact operations must agree bit for bit (fusing never
//! changes the order of operations); the transcendental templates within 4 ulp.

use oxarray_core::{Array, ArrayView, SliceArg};
use oxarray_ufunc::ops::{BinaryOp, Maximum, Minimum, Remainder};
use oxarray_ufunc::{lazy, update};
use proptest::prelude::*;

/// A random layout for an operand of logical shape `shape`.
#[derive(Debug, Clone)]
struct LayoutSpec {
    steps: Vec<usize>,
    reversed: Vec<bool>,
    perm_seed: u64,
}

/// How an operand's shape derives from the output shape, and its layout and values.
#[derive(Debug, Clone)]
struct OperandSpec {
    dropped: usize,
    ones: Vec<bool>,
    layout: LayoutSpec,
    seed: u64,
}

#[derive(Debug, Clone)]
struct Case {
    shape: Vec<usize>,
    operands: Vec<OperandSpec>,
    out: LayoutSpec,
    s1: f64,
    s2: f64,
    template: usize,
}

fn layout_spec(ndim: usize) -> impl Strategy<Value = LayoutSpec> {
    (
        prop::collection::vec(prop_oneof![3 => Just(1usize), 1 => 2usize..=3], ndim),
        prop::collection::vec(prop::bool::weighted(0.25), ndim),
        any::<u64>(),
    )
        .prop_map(|(steps, reversed, perm_seed)| LayoutSpec {
            steps,
            reversed,
            perm_seed,
        })
}

fn operand_spec(ndim: usize) -> impl Strategy<Value = OperandSpec> {
    (
        prop_oneof![3 => Just(0usize), 1 => 0..=ndim],
        prop::collection::vec(prop::bool::weighted(0.2), ndim),
        layout_spec(ndim),
        any::<u64>(),
    )
        .prop_map(|(dropped, ones, layout, seed)| OperandSpec {
            dropped,
            ones,
            layout,
            seed,
        })
}

const TEMPLATES: usize = 14;

fn case() -> impl Strategy<Value = Case> {
    (0usize..=4)
        .prop_flat_map(|ndim| {
            (
                prop::collection::vec(
                    prop_oneof![12 => 1usize..=6, 1 => Just(0usize), 2 => 300usize..=1200],
                    ndim,
                ),
                prop::collection::vec(operand_spec(ndim), 3),
                layout_spec(ndim),
                prop_oneof![Just(2.5), Just(-1.0), Just(0.0), -8.0f64..8.0],
                prop_oneof![Just(1.2), Just(0.5), -8.0f64..8.0],
                0..TEMPLATES,
            )
        })
        .prop_map(|(mut shape, operands, out, s1, s2, template)| {
            // Keep cases small: at most a few thousand elements.
            while shape.iter().product::<usize>() > 6000 {
                let i = (0..shape.len()).max_by_key(|&i| shape[i]).unwrap();
                shape[i] /= 2;
            }
            Case {
                shape,
                operands,
                out,
                s1,
                s2,
                template,
            }
        })
}

/// A small deterministic hash for operand values.
fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// The permutation of `n` axes that `seed` picks.
fn permutation(n: usize, seed: u64) -> Vec<usize> {
    let mut p: Vec<usize> = (0..n).collect();
    let mut s = seed;
    for i in (1..n).rev() {
        s = mix(s.wrapping_add(i as u64));
        p.swap(i, (s % (i as u64 + 1)) as usize);
    }
    p
}

/// A parent array whose view (see [`view_of`]) has logical shape `shape` and the layout of
/// `spec`: axes stored in a permuted order, stepped and possibly reversed.
fn parent_for(shape: &[usize], spec: &LayoutSpec, value: impl Fn(u64) -> f64) -> Array<f64> {
    let perm = permutation(shape.len(), spec.perm_seed);
    let physical: Vec<usize> = perm.iter().map(|&a| shape[a] * spec.steps[a]).collect();
    let mut k = 0u64;
    Array::from_shape_fn(&physical[..], |_| {
        k += 1;
        value(k)
    })
    .unwrap()
}

/// The view of `parent` described by `spec` (the inverse of [`parent_for`]'s storage order).
fn view_of<'a>(parent: &'a Array<f64>, shape: &[usize], spec: &LayoutSpec) -> ArrayView<'a, f64> {
    let perm = permutation(shape.len(), spec.perm_seed);
    let args: Vec<SliceArg> = perm
        .iter()
        .map(|&a| SliceArg::Slice {
            start: None,
            stop: None,
            step: if spec.reversed[a] {
                -(spec.steps[a] as isize)
            } else {
                spec.steps[a] as isize
            },
        })
        .collect();
    let stepped = parent.view().into_slice(&args[..]).unwrap();
    // Axis j of `stepped` is logical axis perm[j]: put them back in logical order.
    let mut inverse = vec![0isize; perm.len()];
    for (j, &a) in perm.iter().enumerate() {
        inverse[a] = j as isize;
    }
    let v = stepped.into_permuted(&inverse).unwrap();
    assert_eq!(v.shape(), shape);
    v
}

fn operand_shape(shape: &[usize], spec: &OperandSpec) -> Vec<usize> {
    (spec.dropped..shape.len())
        .map(|i| if spec.ones[i] { 1 } else { shape[i] })
        .collect()
}

fn layout_tail(spec: &LayoutSpec, dropped: usize) -> LayoutSpec {
    LayoutSpec {
        steps: spec.steps[dropped..].to_vec(),
        reversed: spec.reversed[dropped..].to_vec(),
        perm_seed: spec.perm_seed,
    }
}

fn value_from(seed: u64) -> impl Fn(u64) -> f64 {
    move |k| {
        let h = mix(seed ^ k.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        // Quarter steps in [-10, 10], with an occasional exact zero.
        ((h % 81) as f64 - 40.0) / 4.0
    }
}

fn same_bits(a: f64, b: f64) -> bool {
    a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan())
}

fn within_ulps(a: f64, b: f64, ulps: u64) -> bool {
    if same_bits(a, b) || a == b {
        return true;
    }
    if a.is_nan() || b.is_nan() || a.signum() != b.signum() {
        return false;
    }
    a.to_bits().abs_diff(b.to_bits()) <= ulps
}

fn check_all(
    what: &str,
    got: &[f64],
    want: &[f64],
    close: bool,
) -> std::result::Result<(), TestCaseError> {
    prop_assert_eq!(got.len(), want.len(), "{}: length", what);
    for (i, (&g, &w)) in got.iter().zip(want).enumerate() {
        let ok = if close {
            within_ulps(g, w, 4)
        } else {
            same_bits(g, w)
        };
        prop_assert!(
            ok,
            "{}: element {}: fused {} vs reference {}",
            what,
            i,
            g,
            w
        );
    }
    Ok(())
}

fn run_case(case: &Case) -> std::result::Result<(), TestCaseError> {
    let shape = &case.shape[..];
    let parents: Vec<(Array<f64>, Vec<usize>, LayoutSpec)> = case
        .operands
        .iter()
        .map(|spec| {
            let oshape = operand_shape(shape, spec);
            let layout = layout_tail(&spec.layout, spec.dropped);
            (
                parent_for(&oshape, &layout, value_from(spec.seed)),
                oshape,
                layout,
            )
        })
        .collect();
    let views: Vec<ArrayView<'_, f64>> = parents.iter().map(|(p, s, l)| view_of(p, s, l)).collect();
    // The reference's inputs: each operand broadcast, in logical order.
    let flat: Vec<Vec<f64>> = views
        .iter()
        .map(|v| v.broadcast_to(shape).unwrap().to_vec())
        .collect();
    let (va, vb, vc) = (views[0].clone(), views[1].clone(), views[2].clone());
    let (s1, s2) = (case.s1, case.s2);
    let size: usize = shape.iter().product();

    // The output parent for `eval_into` and `update`, with its own random layout.
    let out_parent = parent_for(shape, &case.out, |_| f64::NAN);

    macro_rules! check {
        ($close:expr, |$a:ident, $b:ident, $c:ident| $fused:expr, |$x:ident, $y:ident, $z:ident| $naive:expr) => {{
            let want: Vec<f64> = (0..size)
                .map(|i| {
                    let ($x, $y, $z) = (flat[0][i], flat[1][i], flat[2][i]);
                    $naive
                })
                .collect();
            // eval
            let got = {
                let ($a, $b, $c) = (lazy(&va), lazy(&vb), lazy(&vc));
                $fused
            }
            .eval()
            .unwrap();
            // Templates that skip an operand have a smaller broadcast shape.
            let got = got.broadcast_to(shape).unwrap().to_vec();
            check_all("eval", &got, &want, $close)?;
            // eval_into a strided output
            let mut out = out_parent.clone();
            {
                let mut view = out.view_mut();
                let mut args = Vec::new();
                let perm = permutation(shape.len(), case.out.perm_seed);
                for &a in &perm {
                    let st = case.out.steps[a] as isize;
                    args.push(SliceArg::Slice {
                        start: None,
                        stop: None,
                        step: if case.out.reversed[a] { -st } else { st },
                    });
                }
                let mut inverse = vec![0isize; perm.len()];
                for (j, &a) in perm.iter().enumerate() {
                    inverse[a] = j as isize;
                }
                view = view.into_slice(&args[..]).unwrap().into_permuted(&inverse).unwrap();
                {
                    let ($a, $b, $c) = (lazy(&va), lazy(&vb), lazy(&vc));
                    ($fused).eval_into(&mut view).unwrap();
                }
                check_all("eval_into", &view.view().to_vec(), &want, $close)?;
                // update: the destination (holding a's values) is operand a.
                view.assign(&va).unwrap();
                update(&mut view, |$a| {
                    let ($b, $c) = (lazy(&vb), lazy(&vc));
                    $fused
                })
                .unwrap();
                check_all("update", &view.view().to_vec(), &want, $close)?;
            }
        }};
    }

    match case.template {
        0 => check!(false, |a, _b, _c| a * s1 + s2, |x, _y, _z| x * s1 + s2),
        1 => check!(false, |a, b, c| (a - b) / c, |x, y, z| (x - y) / z),
        2 => check!(false, |a, b, c| s1 * a.clone() + b * c - a, |x, y, z| s1
            * x
            + y * z
            - x),
        3 => check!(
            false,
            |a, b, c| ((a.clone() + b.clone()) * (a.clone() - b)) / (c + s2) - a.abs(),
            |x, y, z| ((x + y) * (x - y)) / (z + s2) - x.abs()
        ),
        4 => check!(false, |a, b, c| a.maximum(b).minimum(c * s1), |x, y, z| {
            Minimum.scalar(Maximum.scalar(x, y), z * s1)
        }),
        5 => check!(
            false,
            |a, b, c| a.clone().greater(b).select(a, c * s1),
            |x, y, z| if x > y { x } else { z * s1 }
        ),
        6 => check!(false, |a, b, c| (-a) % (b + s2) + c, |x, y, z| Remainder
            .scalar(-x, y + s2)
            + z),
        7 => check!(
            false,
            |a, b, _c| a.map(|v| v * 3.0 - 1.0) + b,
            |x, y, _z| (x * 3.0 - 1.0) + y
        ),
        8 => check!(
            true,
            |a, b, c| (a.clone() * a + b.square()).sqrt() + c.abs().log1p(),
            |x, y, z| (x * x + y * y).sqrt() + z.abs().ln_1p()
        ),
        9 => check!(true, |a, b, _c| (a * 0.25).exp() - b.tanh(), |x, y, _z| (x
            * 0.25)
            .exp()
            - y.tanh()),
        10 => check!(false, |_a, b, c| b - c, |_x, y, z| y - z),
        11 => check!(false, |a, _b, _c| a, |x, _y, _z| x),
        12 => check!(
            false,
            |a, b, c| (a.clone() + 1.0).cast::<f32>().cast::<f64>() * b.clone()
                + c.less(b).cast::<f64>(),
            |x, y, z| ((x + 1.0) as f32 as f64) * y + if z < y { 1.0 } else { 0.0 }
        ),
        _ => check!(
            false,
            |a, b, c| (a.clone() - s1).clone() * (a - s1) + (b * c.clone() - c) * s2,
            |x, y, z| (x - s1) * (x - s1) + (y * z - z) * s2
        ),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]

    #[test]
    fn fused_matches_unfused_reference(case in case()) {
        run_case(&case)?;
    }
}

/// Integer expressions: wrapping arithmetic, NumPy's floor division / remainder (never a panic
/// on division by zero) and true division.
#[derive(Debug, Clone)]
struct IntCase {
    shape: Vec<usize>,
    a: Vec<i32>,
    b: Vec<i32>,
    s: i32,
}

fn int_case() -> impl Strategy<Value = IntCase> {
    prop::collection::vec(1usize..=7, 1..=3).prop_flat_map(|shape| {
        let n: usize = shape.iter().product();
        let last = *shape.last().unwrap();
        (
            Just(shape),
            prop::collection::vec(any::<i32>(), n),
            prop::collection::vec(-3i32..=3, last),
            prop_oneof![Just(0i32), any::<i32>()],
        )
            .prop_map(|(shape, a, b, s)| IntCase { shape, a, b, s })
    })
}

fn floor_div(a: i32, b: i32) -> i32 {
    if b == 0 {
        return 0;
    }
    let q = a.wrapping_div(b);
    if a.wrapping_rem(b) != 0 && ((a < 0) != (b < 0)) {
        q.wrapping_sub(1)
    } else {
        q
    }
}

fn floor_rem(a: i32, b: i32) -> i32 {
    if b == 0 {
        return 0;
    }
    let r = a.wrapping_rem(b);
    if r != 0 && ((r < 0) != (b < 0)) {
        r.wrapping_add(b)
    } else {
        r
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn integer_expressions_match_numpy_semantics(case in int_case()) {
        let a = Array::from_vec(case.a.clone(), &case.shape[..]).unwrap();
        let last = *case.shape.last().unwrap();
        let b = Array::from_vec(case.b.clone(), [last]).unwrap();
        let s = case.s;
        let got = ((lazy(&a) * s + &b).floor_divide(&b) + lazy(&a) % &b - (-lazy(&a)).abs())
            .eval()
            .unwrap();
        let want: Vec<i32> = case
            .a
            .iter()
            .enumerate()
            .map(|(i, &x)| {
                let y = case.b[i % last];
                floor_div(x.wrapping_mul(s).wrapping_add(y), y)
                    .wrapping_add(floor_rem(x, y))
                    .wrapping_sub(x.wrapping_neg().wrapping_abs())
            })
            .collect();
        prop_assert_eq!(got.to_vec(), want);
        // `/` on integers is NumPy's true division, in f64.
        let ratio = (lazy(&a) / &b).eval().unwrap().to_vec();
        for (i, (&x, g)) in case.a.iter().zip(ratio).enumerate() {
            let w = x as f64 / case.b[i % last] as f64;
            prop_assert!(g.to_bits() == w.to_bits() || (g.is_nan() && w.is_nan()));
        }
    }
}
