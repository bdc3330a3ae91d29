//! `einsum` and `einsum_path`: Einstein summation with NumPy's subscript language, always
//! planned (the contraction order of opt_einsum) and run as batched matrix products.

mod exec;
mod parse;
mod plan;

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, Mutex};

use oxarray_core::{Array, ArrayView, Result};

use crate::scalar::LinalgScalar;

pub use plan::EinsumPath;
use plan::Plan;

/// Plans kept per (subscripts, shapes): a repeated einsum skips parsing and path search.
type PlanKey = (String, Vec<Vec<usize>>);
static PLANS: LazyLock<Mutex<HashMap<PlanKey, Arc<Plan>>>> =
    LazyLock::new(|| Mutex::new(HashMap::new()));

/// At most this many plans are cached; the cache is emptied when it fills.
const PLAN_CACHE_CAPACITY: usize = 4096;

/// The plan for `subscripts` and `shapes`, from the cache or made and cached.
fn plan_for(subscripts: &str, shapes: &[&[usize]]) -> Result<Arc<Plan>> {
    let key = (
        subscripts.to_string(),
        shapes.iter().map(|s| s.to_vec()).collect::<Vec<_>>(),
    );
    if let Some(plan) = PLANS.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(Arc::clone(plan));
    }
    let plan = Arc::new(Plan::new(parse::parse(subscripts, shapes)?));
    let mut cache = PLANS.lock().unwrap_or_else(|e| e.into_inner());
    if cache.len() >= PLAN_CACHE_CAPACITY {
        cache.clear();
    }
    cache.insert(key, Arc::clone(&plan));
    Ok(plan)
}

/// Einstein summation over `operands`, with NumPy's `einsum` subscript language.
///
/// * `"ij,jk->ik"`: one comma-separated term per operand, one letter per axis, then `->` and
///   the output's letters. Letters absent from the output are summed over.
/// * Without `->` (implicit mode) the output is the letters that appear exactly once, in
///   alphabetical order (upper case first): `"ij,jk"` is `"ij,jk->ik"`, `"ij"` is the
///   transpose-free identity and `"ji"` the transpose.
/// * A letter repeated within one operand takes a diagonal: `"ii->i"` is the diagonal,
///   `"ii"` the trace.
/// * `...` stands for the remaining (broadcast) axes: `"...ij,...jk->...ik"` is a batched
///   matrix product. Axes of length one broadcast against longer ones, named or not.
/// * Any number of operands; spaces are ignored.
///
/// Every call is planned: the pairwise contraction order minimising the FLOP count (exhaustive
/// search for up to four operands, greedy beyond, as opt_einsum and NumPy's
/// `optimize=True`), each step lowered to one batched matrix product on `gemm` with views of
/// the operands where strides allow. Plans are cached per (subscripts, shapes). The plan is
/// printable through [`einsum_path`].
///
/// # Errors
/// Invalid characters, a misplaced `.`, `-` or `,`, more or fewer terms than operands, terms
/// that do not fit their operand's number of axes, output letters repeated or absent from the
/// inputs, and letters whose lengths disagree: the message names the character and its
/// position in `subscripts`, and the operands involved.
///
/// ```
/// use oxarray_core::{array, Array};
/// use oxarray_linalg::einsum;
///
/// let a = Array::<f64>::from_shape_fn([2, 3, 4], |i| (i[0] * 12 + i[1] * 4 + i[2]) as f64)?;
/// let b = Array::<f64>::ones([4, 5])?;
/// // einsum('ijk,kl->ijl', A, B): one gemm of (6 x 4) @ (4 x 5) on A's memory
/// let c = einsum("ijk,kl->ijl", &[a.view(), b.view()])?;
/// assert_eq!(c.shape(), &[2, 3, 5]);
/// assert_eq!(c[[0, 0, 0]], 0.0 + 1.0 + 2.0 + 3.0);
///
/// let m = array![[1.0, 2.0], [3.0, 4.0]];
/// assert_eq!(einsum("ii", &[m.view()])?.item()?, 5.0);           // trace
/// assert_eq!(einsum("ii->i", &[m.view()])?, array![1.0, 4.0]);  // diagonal
/// assert_eq!(einsum("ji", &[m.view()])?, array![[1.0, 3.0], [2.0, 4.0]]); // transpose
/// assert_eq!(einsum("ij->", &[m.view()])?.item()?, 10.0);       // sum
/// let v = array![1.0, 2.0];
/// assert_eq!(einsum("i,ij,j", &[v.view(), m.view(), v.view()])?.item()?, 27.0);
///
/// let err = einsum("ij,jk->ik", &[m.view(), Array::<f64>::ones([3, 2])?.view()]).unwrap_err();
/// assert!(err.to_string().contains("subscript 'j' at position 3 has size 3 in operand 1 but 2 in operand 0"));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn einsum<T: LinalgScalar>(
    subscripts: &str,
    operands: &[ArrayView<'_, T>],
) -> Result<Array<T>> {
    let shapes: Vec<&[usize]> = operands.iter().map(|v| v.shape()).collect();
    let plan = plan_for(subscripts, &shapes)?;
    exec::execute(&plan, operands)
}

/// The contraction order and cost estimate [`einsum`] uses for `subscripts` on operands of
/// `shapes` (NumPy's `einsum_path` with `optimize=True`). Printing the result gives NumPy's
/// report: naive and optimised FLOP counts, the theoretical speed-up, the largest
/// intermediate and each step.
///
/// # Errors
/// As [`einsum`].
///
/// ```
/// use oxarray_linalg::einsum_path;
///
/// let p = einsum_path("ijk,kl->ijl", &[&[64, 128, 256], &[256, 128]])?;
/// assert_eq!(p.path(), &[vec![0, 1]]);
/// let report = p.to_string();
/// assert!(report.contains("Complete contraction:  ijk,kl->ijl"));
/// assert!(report.contains("Optimized FLOP count:  5.369e+08"));
/// # Ok::<(), oxarray_core::Error>(())
/// ```
pub fn einsum_path(subscripts: &str, shapes: &[&[usize]]) -> Result<EinsumPath> {
    Ok(plan_for(subscripts, shapes)?.report.clone())
}
