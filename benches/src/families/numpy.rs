//! N-*: NumPy's everyday breadth (sorting, unique, statistics, joining, selection), NumPy's
//! side in `benches/python/families/numpy.py`. The output array is allocated inside the timed
//! call on both sides.

use oxarray::ox;
use oxarray_core::Array;

use crate::{Prepared, Workload, inputs, sizes};

/// Bytes of one `f64`.
const F64: f64 = 8.0;

/// N-concat: 8 arrays of 2^24 doubles.
const CONCAT_PARTS: usize = 8;
const CONCAT_LEN: usize = 1 << 24;
/// N-where: 10^8 doubles.
const WHERE_LEN: usize = 100_000_000;

/// The workloads of this family.
pub fn workloads() -> Vec<Workload> {
    let w = |id, imp, run| Workload {
        id,
        imp,
        sizes: sizes::fixed,
        run,
    };
    vec![
        w("N-concat", "oxarray", n_concat),
        w("N-where", "oxarray", n_where),
        w("N-where", "oxarray-fused", n_where_fused),
    ]
}

/// N-concat: `np.concatenate(parts)`, 8 x 2^24 f64 along axis 0 (1 GiB out).
fn n_concat(_n: Option<usize>) -> Prepared {
    let parts: Vec<Array<f64>> = (0..CONCAT_PARTS)
        .map(|k| {
            Array::from_vec(inputs::uniform(CONCAT_LEN, k as u64), [CONCAT_LEN])
                .expect("a 1-D input")
        })
        .collect();
    Prepared::new(move || ox::concatenate(&parts, Some(0)).expect("equal 1-D parts"))
        .bytes(2.0 * F64 * (CONCAT_PARTS * CONCAT_LEN) as f64)
        .max_runs(5)
}

fn where_input() -> Array<f64> {
    Array::from_vec(inputs::uniform(WHERE_LEN, 0), [WHERE_LEN]).expect("a 1-D input")
}

/// N-where: `np.where(c > 0.5, c, 0.0)` over 10^8 f64, the comparison included: the
/// comparison's boolean array, then one `where` pass (NumPy's two passes).
fn n_where(_n: Option<usize>) -> Prepared {
    let c = where_input();
    Prepared::new(move || {
        let mask = ox::greater(&c, 0.5).expect("a scalar broadcasts");
        ox::where_(&mask, &c, 0.0).expect("same shapes")
    })
    .bytes(2.0 * F64 * WHERE_LEN as f64)
    .max_runs(5)
}

/// N-where as one fused pass: `lazy(c).greater(0.5).select(c, 0.0)` reads `c` once and
/// writes the result, with no boolean temporary.
fn n_where_fused(_n: Option<usize>) -> Prepared {
    let c = where_input();
    Prepared::new(move || {
        ox::lazy(&c)
            .greater(0.5)
            .select(&c, 0.0)
            .eval()
            .expect("same shapes")
    })
    .bytes(2.0 * F64 * WHERE_LEN as f64)
    .max_runs(5)
}
