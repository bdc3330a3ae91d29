//! `multi_dot`: a chain of matrix products in the cheapest order.

use oxarray_core::{Array, ArrayView, CowArray, Error, Result};

use crate::matmul::matmul;
use crate::product::dot;
use crate::scalar::LinalgScalar;

/// The optimal parenthesisation of a chain with dimensions `dims` (matrix `i` is
/// `dims[i] x dims[i + 1]`), by dynamic programming in O(n^3): `split[i][j]` is where the
/// product of matrices `i..=j` splits. Also returns the cost in multiply-adds.
pub(crate) fn chain_order(dims: &[usize]) -> (Vec<Vec<usize>>, u128) {
    let n = dims.len() - 1;
    let mut cost = vec![vec![0u128; n]; n];
    let mut split = vec![vec![0usize; n]; n];
    for len in 1..n {
        for i in 0..n - len {
            let j = i + len;
            cost[i][j] = u128::MAX;
            for s in i..j {
                let c = cost[i][s]
                    + cost[s + 1][j]
                    + dims[i] as u128 * dims[s + 1] as u128 * dims[j + 1] as u128;
                if c < cost[i][j] {
                    cost[i][j] = c;
                    split[i][j] = s;
                }
            }
        }
    }
    (split, cost[0][n - 1])
}

/// NumPy's `linalg.multi_dot`: the product of two or more arrays, evaluated in the order that
/// needs the fewest multiply-adds (the matrix-chain order, found by dynamic programming).
///
/// The first array may be 1-D (a row vector) and the last 1-D (a column vector); their axis
/// is removed from the result, as in [`dot`]. Every other array must be 2-D.
///
/// # Errors
/// Fewer than two arrays, an inner array that is not 2-D, or neighbours whose inner
/// dimensions differ (the message names the arrays by position).
///
/// ```
/// use oxarray_core::Array;
/// use oxarray_linalg::multi_dot;
///
/// let x = Array::<f64>::ones([100, 10])?;
/// let y = Array::<f64>::ones([10, 100])?;
/// let z = Array::<f64>::ones([100, 5])?;
/// // evaluated as x @ (y @ z): 10*100*5 + 100*10*5 multiply-adds instead of 100*10*100 + 100*100*5
/// let r = multi_dot(&[x.view(), y.view(), z.view()])?;
/// assert_eq!(r.shape(), &[100, 5]);
/// assert_eq!(r[[0, 0]], 1000.0);
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn multi_dot<T: LinalgScalar>(arrays: &[ArrayView<'_, T>]) -> Result<Array<T>> {
    let n = arrays.len();
    if n < 2 {
        return Err(Error::invalid_argument(
            "arrays",
            format!("{n} arrays"),
            "multi_dot: expecting at least two arrays",
        ));
    }
    if n == 2 {
        return dot(&arrays[0], &arrays[1]);
    }
    let first_vector = arrays[0].ndim() == 1;
    let last_vector = arrays[n - 1].ndim() == 1;
    let mut mats: Vec<ArrayView<'_, T>> = Vec::with_capacity(n);
    for (i, a) in arrays.iter().enumerate() {
        let view = match (i, a.ndim()) {
            (0, 1) => a.clone().into_expand_dims(&[0])?,
            (i, 1) if i == n - 1 => a.clone().into_expand_dims(&[1])?,
            (_, 2) => a.clone(),
            _ => {
                return Err(Error::WrongNdim {
                    op: "multi_dot",
                    operand: i,
                    shape: a.shape().to_vec(),
                    expected: "2-D (the first and last may be 1-D)",
                });
            }
        };
        mats.push(view);
    }
    for i in 0..n - 1 {
        let (p, q) = (mats[i].shape()[1], mats[i + 1].shape()[0]);
        if p != q {
            return Err(Error::NotAligned {
                op: "multi_dot",
                a_operand: i,
                a_shape: mats[i].shape().to_vec(),
                a_axis: 1,
                b_operand: i + 1,
                b_shape: mats[i + 1].shape().to_vec(),
                b_axis: 0,
            });
        }
    }
    let dims: Vec<usize> = std::iter::once(mats[0].shape()[0])
        .chain(mats.iter().map(|m| m.shape()[1]))
        .collect();
    let (split, _) = chain_order(&dims);
    let result = evaluate(&mats, &split, 0, n - 1)?.into_owned();
    match (first_vector, last_vector) {
        (false, false) => Ok(result),
        (true, false) => result.into_shape([dims[n]]),
        (false, true) => result.into_shape([dims[0]]),
        (true, true) => result.into_shape(Vec::<usize>::new()),
    }
}

/// The product of `mats[i..=j]` in the order of `split`.
fn evaluate<'a, T: LinalgScalar>(
    mats: &[ArrayView<'a, T>],
    split: &[Vec<usize>],
    i: usize,
    j: usize,
) -> Result<CowArray<'a, T>> {
    if i == j {
        return Ok(CowArray::View(mats[i].clone()));
    }
    let s = split[i][j];
    let left = evaluate(mats, split, i, s)?;
    let right = evaluate(mats, split, s + 1, j)?;
    Ok(CowArray::Owned(matmul(&left.view(), &right.view())?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chain_order_picks_the_cheap_side() {
        // [1000x100, 100x1000, 1000x5]: x @ (y @ z)
        let (split, cost) = chain_order(&[1000, 100, 1000, 5]);
        assert_eq!(split[0][2], 0);
        assert_eq!(cost, 100 * 1000 * 5 + 1000 * 100 * 5);
        // The textbook example (CLRS 15.2): cost 15125.
        let (_, cost) = chain_order(&[30, 35, 15, 5, 10, 20, 25]);
        assert_eq!(cost, 15125);
    }
}
