//! The operators (`&a + &b`, `x *= 5.0`, `-&a`) and the NumPy-named functions (`add`,
//! `multiply_inplace`, `negative`) are one engine: for inputs in C order, F order, transposed,
//! stepped and reversed (negative strides), with arrays and scalars on either side, they give
//! the same bits and the same result strides (NumPy's `order='K'`).

use oxarray_core::{Array, Order, s};
use oxarray_ufunc as uf;

/// Inputs of shape (5, 4) in several layouts, with values that exercise rounding.
fn layouts() -> Vec<(&'static str, Array<f64>)> {
    let values =
        |n: usize| -> Vec<f64> { (0..n).map(|k| (k as f64 * 0.37).sin() * 10.0).collect() };
    let c = Array::from_vec(values(20), [5, 4]).unwrap();
    let f = Array::from_vec_order(values(20), [5, 4], Order::F).unwrap();
    let t = Array::from_vec(values(20), [4, 5]).unwrap();
    let big = Array::from_vec(values(80), [10, 8]).unwrap();
    vec![
        ("C", c.clone()),
        ("F", f),
        // A transposed view kept transposed: an F-ordered copy of `t.T` (strides (1, 5)).
        ("transposed", Array::from_view_in_order(&t.t(), Order::F)),
        ("stepped", big.slice_shared(s![..;2, ..;2]).unwrap()),
        ("reversed", big.slice_shared(s![4..;-1, 3..;-1]).unwrap()),
    ]
}

fn same(name: &str, op: &str, x: &Array<f64>, y: &Array<f64>) {
    assert_eq!(x.shape(), y.shape(), "{name} {op}: shapes");
    assert_eq!(x.strides(), y.strides(), "{name} {op}: result strides");
    let bits = |a: &Array<f64>| a.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
    assert_eq!(bits(x), bits(y), "{name} {op}: values");
}

#[test]
fn operators_and_functions_are_bit_identical_with_the_same_strides() {
    let all = layouts();
    for (name, a) in &all {
        // The other operand in every layout too (C-ordered `b` against an F-ordered `a`...).
        for (other, b) in &all {
            let label = format!("{name} with {other}");
            same(&label, "+", &(a + b), &uf::add(a, b).unwrap());
            same(&label, "-", &(a - b), &uf::subtract(a, b).unwrap());
            same(&label, "*", &(a * b), &uf::multiply(a, b).unwrap());
            same(&label, "/", &(a / b), &uf::divide(a, b).unwrap());
            same(&label, "%", &(a % b), &uf::remainder(a, b).unwrap());
        }
        same(name, "a * 2.5", &(a * 2.5), &uf::multiply(a, 2.5).unwrap());
        same(name, "2.5 * a", &(2.5 * a), &uf::multiply(2.5, a).unwrap());
        same(name, "1.2 - a", &(1.2 - a), &uf::subtract(1.2, a).unwrap());
        same(name, "a / 3", &(a / 3.0), &uf::divide(a, 3.0).unwrap());
        same(name, "-a", &(-a), &uf::negative(a).unwrap());
        same(
            name,
            "2.5 * a + 1.2",
            &(2.5 * a + 1.2),
            &uf::add(uf::multiply(2.5, a).unwrap(), 1.2).unwrap(),
        );

        let mut by_operator = a.clone();
        by_operator *= 5.0;
        by_operator += a;
        let mut by_function = a.clone();
        uf::multiply_inplace(&mut by_function, 5.0).unwrap();
        uf::add_inplace(&mut by_function, a).unwrap();
        same(name, "in place", &by_operator, &by_function);
    }
}

#[test]
fn a_transposed_input_gives_a_transposed_result_as_in_numpy() {
    // NumPy: `t = a.T` of a C-ordered (4, 5) float32 array; `(-t).strides == (4, 20)` bytes
    // and `(t * 2).strides == (4, 20)`: element strides (1, 5), as `t`'s own.
    let a = Array::<f32>::zeros([4, 5]).unwrap();
    let t = a.t();
    assert_eq!((-&t).strides(), &[1, 5]);
    assert_eq!((&t * 2.0).strides(), &[1, 5]);
    assert_eq!(uf::negative(&t).unwrap().strides(), &[1, 5]);
}
