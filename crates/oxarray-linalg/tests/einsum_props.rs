//! Property tests: einsum on random subscripts (diagonals, sums, broadcasting `...`,
//! implicit and explicit outputs, 1 to 5 operands) against a naive nested-loop evaluator
//! that knows nothing of the crate's parser or planner.

mod common;

use common::Rng;
use oxarray_core::{Array, ArrayView};
use oxarray_linalg::einsum;
use proptest::prelude::*;

/// A random einsum problem: the subscripts string, each operand's labels per axis (broadcast
/// axes as '0', '1', ... right-aligned), the output labels, and every label's length.
#[derive(Debug, Clone)]
struct Problem {
    subscripts: String,
    inputs: Vec<Vec<char>>,
    shapes: Vec<Vec<usize>>,
    output: Vec<char>,
    sizes: std::collections::BTreeMap<char, usize>,
}

fn pick<T: Copy>(rng: &mut Rng, items: &[T]) -> T {
    items[(rng.next_u64() % items.len() as u64) as usize]
}

fn generate(rng: &mut Rng, max_operands: usize) -> Problem {
    let letters = ['a', 'b', 'c', 'd', 'e', 'F'];
    let n_labels = 1 + (rng.next_u64() % letters.len() as u64) as usize;
    let labels = &letters[..n_labels];
    let mut sizes = std::collections::BTreeMap::new();
    for &l in labels {
        sizes.insert(l, 1 + (rng.next_u64() % 3) as usize);
    }
    let n_ops = 1 + (rng.next_u64() % max_operands as u64) as usize;
    // Broadcast axes: up to two, with lengths 1..=3.
    let use_ellipsis = rng.next_u64().is_multiple_of(3);
    let ell_dims = if use_ellipsis {
        (rng.next_u64() % 3) as usize
    } else {
        0
    };
    let ell_shape: Vec<usize> = (0..ell_dims)
        .map(|_| 2 + (rng.next_u64() % 2) as usize)
        .collect();
    let ell_names: Vec<char> = (0..ell_dims).map(|i| char::from(b'0' + i as u8)).collect();
    let mut terms = Vec::new();
    let mut inputs = Vec::new();
    let mut shapes = Vec::new();
    for _ in 0..n_ops {
        let len = (rng.next_u64() % 4) as usize;
        let term: Vec<char> = (0..len).map(|_| pick(rng, labels)).collect();
        let mut text: String = term.iter().collect();
        let mut axes = term.clone();
        let mut shape: Vec<usize> = term.iter().map(|l| sizes[l]).collect();
        if use_ellipsis && !rng.next_u64().is_multiple_of(4) {
            // This operand's broadcast axes: the last `d` of the common ones, some of length 1.
            let d = (rng.next_u64() % (ell_dims as u64 + 1)) as usize;
            let at = (rng.next_u64() % (len as u64 + 1)) as usize;
            text.insert_str(at, "...");
            let names = &ell_names[ell_dims - d..];
            let dims: Vec<usize> = ell_shape[ell_dims - d..]
                .iter()
                .map(|&s| {
                    if rng.next_u64().is_multiple_of(3) {
                        1
                    } else {
                        s
                    }
                })
                .collect();
            axes.splice(at..at, names.iter().copied());
            shape.splice(at..at, dims);
        }
        terms.push(text);
        inputs.push(axes);
        shapes.push(shape);
    }
    let any_ellipsis = terms.iter().any(|t| t.contains("..."));
    // Broadcast axes present in some operand.
    let present_ell: Vec<char> = ell_names
        .iter()
        .copied()
        .filter(|c| inputs.iter().any(|axes| axes.contains(c)))
        .collect();
    let explicit = rng.next_u64().is_multiple_of(2);
    let (subscripts, output) = if explicit {
        let mut used: Vec<char> = labels
            .iter()
            .copied()
            .filter(|l| inputs.iter().any(|a| a.contains(l)))
            .collect();
        // A random subset in random order.
        let mut out = Vec::new();
        while !used.is_empty() {
            let i = (rng.next_u64() % used.len() as u64) as usize;
            let l = used.remove(i);
            if rng.next_u64().is_multiple_of(2) {
                out.push(l);
            }
        }
        let mut text: String = out.iter().collect();
        let mut output = out.clone();
        if any_ellipsis {
            let at = (rng.next_u64() % (out.len() as u64 + 1)) as usize;
            text.insert_str(at, "...");
            output.splice(at..at, present_ell.iter().copied());
        }
        (format!("{}->{}", terms.join(","), text), output)
    } else {
        let mut once: Vec<char> = labels
            .iter()
            .copied()
            .filter(|l| inputs.iter().flatten().filter(|x| *x == l).count() == 1)
            .collect();
        once.sort(); // ASCII: upper case first, as NumPy
        let mut output = present_ell.clone();
        output.extend(once);
        (terms.join(","), output)
    };
    // A broadcast axis has the largest length any operand gives it (1 when all give 1).
    for &c in &ell_names {
        let len = inputs
            .iter()
            .zip(&shapes)
            .flat_map(|(axes, shape)| {
                axes.iter()
                    .zip(shape)
                    .filter(|(a, _)| **a == c)
                    .map(|(_, &d)| d)
            })
            .max()
            .unwrap_or(1);
        sizes.insert(c, len);
    }
    Problem {
        subscripts,
        inputs,
        shapes,
        output,
        sizes,
    }
}

/// The sum over every assignment of all labels of the product of the operands' elements.
fn naive<T: oxarray_core::Element>(
    p: &Problem,
    operands: &[Array<T>],
    zero: T,
    add: impl Fn(T, T) -> T,
    mul: impl Fn(T, T) -> T,
) -> (Vec<usize>, Vec<T>) {
    let all: Vec<char> = p
        .sizes
        .keys()
        .copied()
        .filter(|c| p.inputs.iter().any(|a| a.contains(c)))
        .collect();
    let dims: Vec<usize> = all.iter().map(|c| p.sizes[c]).collect();
    let out_shape: Vec<usize> = p.output.iter().map(|c| p.sizes[c]).collect();
    let mut out = vec![zero; out_shape.iter().product()];
    let total: usize = dims.iter().product();
    let pos = |c: char| all.iter().position(|&x| x == c).unwrap();
    for flat in 0..total {
        let value = oxarray_core::iter::unravel(flat, &dims);
        let mut prod: Option<T> = None;
        for (op, axes) in p.inputs.iter().enumerate() {
            let index: Vec<isize> = axes
                .iter()
                .enumerate()
                .map(|(ax, &c)| {
                    if p.shapes[op][ax] == 1 {
                        0
                    } else {
                        value[pos(c)] as isize
                    }
                })
                .collect();
            let x = *operands[op].get(&index).unwrap();
            prod = Some(match prod {
                None => x,
                Some(acc) => mul(acc, x),
            });
        }
        let mut o = 0;
        for &c in &p.output {
            o = o * p.sizes[&c] + value[pos(c)];
        }
        out[o] = add(out[o], prod.unwrap());
    }
    (out_shape, out)
}

fn check(p: &Problem, seed: u64) -> Result<(), TestCaseError> {
    let mut rng = Rng::new(seed ^ 0x5eed);
    // Integers: exact.
    let ints: Vec<Array<i64>> = p
        .shapes
        .iter()
        .map(|s| Array::from_shape_fn(&s[..], |_| rng.int(3)).unwrap())
        .collect();
    let views: Vec<ArrayView<'_, i64>> = ints.iter().map(|a| a.view()).collect();
    let got = einsum(&p.subscripts, &views)
        .map_err(|e| TestCaseError::fail(format!("{}: {e}", p.subscripts)))?;
    let (shape, expected) = naive(p, &ints, 0i64, |a, b| a + b, |a, b| a * b);
    prop_assert_eq!(
        got.shape(),
        &shape[..],
        "{} shapes {:?}",
        p.subscripts,
        p.shapes
    );
    prop_assert_eq!(
        got.to_vec(),
        expected,
        "{} shapes {:?}",
        p.subscripts,
        p.shapes
    );
    // Floats through gemm, on reversed views of the same values.
    let floats: Vec<Array<f64>> = ints.iter().map(|a| a.astype::<f64>()).collect();
    let flipped: Vec<Array<f64>> = floats
        .iter()
        .map(|a| a.flip(None).unwrap().to_owned())
        .collect();
    let views: Vec<ArrayView<'_, f64>> = flipped.iter().map(|a| a.flip(None).unwrap()).collect();
    let got = einsum(&p.subscripts, &views)
        .map_err(|e| TestCaseError::fail(format!("{}: {e}", p.subscripts)))?;
    let (_, expected) = naive(p, &floats, 0.0, |a, b| a + b, |a, b| a * b);
    for (g, e) in got.iter().zip(&expected) {
        prop_assert!(
            (g - e).abs() <= 1e-9 * (1.0 + e.abs()),
            "{}: got {g}, expected {e}",
            p.subscripts
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn einsum_matches_nested_loops(seed in any::<u64>()) {
        let p = generate(&mut Rng::new(seed), 3);
        check(&p, seed)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    /// Four and five operands: the exhaustive and greedy planners.
    #[test]
    fn einsum_many_operands_match_nested_loops(seed in any::<u64>()) {
        let mut rng = Rng::new(seed);
        let mut p = generate(&mut rng, 5);
        while p.inputs.len() < 4 {
            p = generate(&mut rng, 5);
        }
        check(&p, seed)?;
    }
}
