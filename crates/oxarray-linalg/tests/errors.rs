//! Bad input gives an `Err` whose message names what is at fault: the subscript character and
//! its position, the axes, the shapes.

use oxarray_core::{Array, ArrayView, Error};
use oxarray_linalg::{
    dot, einsum, einsum_path, inner, matmul, matmul_into, multi_dot, tensordot, trace, trace_axes,
    vdot,
};

fn ones(shape: &[usize]) -> Array<f64> {
    Array::ones(shape).unwrap()
}

fn einsum_err(subscripts: &str, shapes: &[&[usize]]) -> String {
    let arrays: Vec<Array<f64>> = shapes.iter().map(|s| ones(s)).collect();
    let views: Vec<ArrayView<'_, f64>> = arrays.iter().map(|a| a.view()).collect();
    let err = einsum(subscripts, &views)
        .expect_err(subscripts)
        .to_string();
    // einsum_path reports the same error from the shapes alone.
    assert_eq!(
        einsum_path(subscripts, shapes).unwrap_err().to_string(),
        err
    );
    err
}

fn assert_contains(message: &str, needle: &str) {
    assert!(
        message.contains(needle),
        "message {message:?} lacks {needle:?}"
    );
}

#[test]
fn einsum_errors_point_at_the_character() {
    let m = einsum_err("ij,jk->ik", &[&[2, 5], &[3, 4]]);
    assert_contains(
        &m,
        "subscript 'j' at position 3 has size 3 in operand 1 but 5 in operand 0",
    );
    assert_contains(&m, "einsum: invalid subscripts \"ij,jk->ik\"");
    let views = [ones(&[2, 5]), ones(&[3, 4])];
    let views: Vec<ArrayView<'_, f64>> = views.iter().map(|a| a.view()).collect();
    assert!(matches!(
        einsum("ij,jk->ik", &views),
        Err(Error::EinsumSubscripts { subscripts, .. }) if subscripts == "ij,jk->ik"
    ));
    assert_contains(
        &einsum_err("ij,j3->i", &[&[2, 2], &[2, 2]]),
        "invalid character '3' at position 4",
    );
    assert_contains(
        &einsum_err("ij->ii", &[&[2, 2]]),
        "output subscript 'i' at position 5 appears more than once",
    );
    assert_contains(
        &einsum_err("ij->k", &[&[2, 2]]),
        "output subscript 'k' at position 4 does not appear in any input",
    );
    assert_contains(
        &einsum_err("ij", &[&[2, 2], &[2]]),
        "the subscripts name 1 operand but 2 were given",
    );
    assert_contains(
        &einsum_err("ij,j,k", &[&[2, 2], &[2]]),
        "the subscripts name 3 operands but 2 were given",
    );
    assert_contains(
        &einsum_err("ijk", &[&[2, 2]]),
        "operand 0 has 2 dimensions (shape [2, 2]) but its subscripts (from position 0) name 3",
    );
    assert_contains(
        &einsum_err("i,j", &[&[2], &[2, 3]]),
        "operand 1 has 2 dimensions",
    );
    assert_contains(
        &einsum_err("i.j", &[&[2, 2]]),
        "'.' at position 1 is not part of an ellipsis",
    );
    assert_contains(
        &einsum_err("...i...", &[&[2, 2]]),
        "a second ellipsis at position 4",
    );
    assert_contains(
        &einsum_err("ij-ji", &[&[2, 2]]),
        "'-' at position 2 is not followed by '>'",
    );
    assert_contains(
        &einsum_err("i->i->i", &[&[2]]),
        "a second '->' at position 4",
    );
    assert_contains(
        &einsum_err("i->i,i", &[&[2]]),
        "',' at position 4 is in the output subscripts",
    );
    assert_contains(
        &einsum_err("ii", &[&[2, 3]]),
        "subscript 'i' is repeated in operand 0 (positions 0 and 1) with different sizes 2 and 3",
    );
    assert_contains(
        &einsum_err("...i,...i", &[&[2, 3], &[4, 3]]),
        "'...' dimensions [[2], [4]] of the operands do not broadcast",
    );
    assert_contains(
        &einsum_err("...i->i", &[&[2, 3]]),
        "the output subscripts have no '...'",
    );
}

#[test]
fn matmul_errors_name_shapes() {
    let e = matmul(&ones(&[2, 3]), &ones(&[4, 5])).unwrap_err();
    assert_eq!(
        e,
        Error::NotAligned {
            op: "matmul",
            a_operand: 0,
            a_shape: vec![2, 3],
            a_axis: 1,
            b_operand: 1,
            b_shape: vec![4, 5],
            b_axis: 0,
        }
    );
    assert_contains(
        &e.to_string(),
        "matmul: shapes [2, 3] and [4, 5] not aligned: 3 (axis 1 of operand 0) != 4 (axis 0 of operand 1)",
    );
    let m = matmul(&ones(&[2, 2, 3]), &ones(&[3, 3, 4]))
        .unwrap_err()
        .to_string();
    assert_contains(&m, "[2, 2, 3] [3, 3, 4]");
    let e = matmul(&Array::from_scalar(1.0), &ones(&[2])).unwrap_err();
    assert!(matches!(
        e,
        Error::NotEnoughDims {
            op: "matmul",
            operand: 0,
            ndim: 0,
            required: 1
        }
    ));
    assert_contains(
        &e.to_string(),
        "input operand 0 does not have enough dimensions",
    );
    let mut out = Array::<f64>::zeros([3, 3]).unwrap();
    let m = matmul_into(&ones(&[2, 3]), &ones(&[3, 3]), &mut out)
        .unwrap_err()
        .to_string();
    assert_contains(&m, "expected [2, 3], got [3, 3]");
}

#[test]
fn product_errors_name_axes() {
    let m = dot(&ones(&[2, 3]), &ones(&[4, 5])).unwrap_err().to_string();
    assert_contains(
        &m,
        "dot: shapes [2, 3] and [4, 5] not aligned: 3 (axis 1 of operand 0) != 4 (axis 0 of operand 1)",
    );
    let m = inner(&ones(&[2, 3]), &ones(&[3, 2]))
        .unwrap_err()
        .to_string();
    assert_contains(&m, "inner: shapes [2, 3] and [3, 2] not aligned");
    let m = vdot(&ones(&[2, 3]), &ones(&[5])).unwrap_err().to_string();
    assert_contains(&m, "vdot: the operands have 6 and 5 elements");
    let m = tensordot(&ones(&[2, 3]), &ones(&[4, 3]), (0, 0))
        .unwrap_err()
        .to_string();
    assert_contains(
        &m,
        "tensordot: shapes [2, 3] and [4, 3] not aligned: 2 (axis 0 of operand 0) != 4 (axis 0 of operand 1)",
    );
    let m = tensordot(&ones(&[2, 3]), &ones(&[3]), (5, 0))
        .unwrap_err()
        .to_string();
    assert_contains(&m, "axis 5 is out of bounds for array of dimension 2");
    let m = tensordot(&ones(&[2, 3]), &ones(&[3]), 3)
        .unwrap_err()
        .to_string();
    assert_contains(&m, "cannot contract the last 3 axes");
    let m = tensordot(&ones(&[3, 3]), &ones(&[3, 3]), ([0, 0], [0, 1]))
        .unwrap_err()
        .to_string();
    assert_contains(&m, "repeated axis 0");
    let m = trace(&ones(&[2, 2, 2])).unwrap_err().to_string();
    assert_contains(&m, "trace: operand 0 of shape [2, 2, 2] must be 2-D");
    let m = trace_axes(&ones(&[2, 2]), 0, 1, -1)
        .unwrap_err()
        .to_string();
    assert_contains(&m, "axis1 and axis2 cannot be the same");
    let (x, y) = (ones(&[2, 3]), ones(&[4, 2]));
    let m = multi_dot(&[x.view(), y.view(), x.view()])
        .unwrap_err()
        .to_string();
    assert_contains(
        &m,
        "multi_dot: shapes [2, 3] and [4, 2] not aligned: 3 (axis 1 of operand 0) != 4 (axis 0 of operand 1)",
    );
    let m = multi_dot(&[x.view()]).unwrap_err().to_string();
    assert_contains(&m, "expecting at least two arrays");
    let z = ones(&[2, 2, 2]);
    let m = multi_dot(&[x.view(), z.view(), x.view()])
        .unwrap_err()
        .to_string();
    assert_contains(&m, "multi_dot: operand 1 of shape [2, 2, 2] must be 2-D");
}
