//! The `oxarray` (and `oxarray-cuda`) columns.
//!
//! REGISTRATION POINT: each oxarray workload is a setup function `fn(Option<usize>) ->
//! Prepared` plus one line in [`oxarray_workloads`]. Build inputs (from [`crate::inputs`])
//! before `Prepared::new`, time only the library call inside the closure, and use the size
//! lists of [`crate::sizes`] so that rows line up with the NumPy ones. The closure owns its
//! inputs (`move`); what it returns is dropped after the clock stops. A result that borrows
//! from the inputs cannot be returned: consume it inside (`black_box(&view);`).
//!
//! Still to wire (see WORKLOADS.md): A1 A1F A2 A3 A3F B1-B5 B-bmm8 C-mm-f32 C-mm-f64
//! C-conv D-ones D-imul5 D-three D-threeF D-sweep.

use std::hint::black_box;

use oxarray_core::{Array, NewAxis, idx, s};

use crate::naive::A4_SIDE;
use crate::{Prepared, Workload, inputs, sizes};

/// The oxarray workloads.
pub fn oxarray_workloads() -> Vec<Workload> {
    vec![
        Workload {
            id: "A4",
            imp: "oxarray",
            sizes: sizes::fixed,
            run: a4,
        },
        Workload {
            id: "A5",
            imp: "oxarray",
            sizes: sizes::fixed,
            run: a5,
        },
        Workload {
            id: "A6",
            imp: "oxarray",
            sizes: sizes::fixed,
            run: a6,
        },
    ]
}

/// The 10000 x 10000 f64 matrix of A4-A6, `m[i][j] = i * 10000 + j`.
fn a4_matrix() -> Array<f64> {
    Array::from_vec(inputs::arange_matrix(A4_SIDE, A4_SIDE), [A4_SIDE, A4_SIDE])
        .expect("length matches shape")
}

/// A4-A6 traffic: the 5000 x 5000 selection read once and written once.
fn a4_bytes() -> f64 {
    2.0 * 8.0 * (A4_SIDE.div_ceil(2).pow(2) as f64)
}

/// A4: `m[rows[:, None], cols]` with `rows = cols = arange(0, 10000, 2)` (a copy).
fn a4(_n: Option<usize>) -> Prepared {
    let m = a4_matrix();
    let every2: Vec<i64> = (0..A4_SIDE as i64).step_by(2).collect();
    let rows = Array::from_vec(every2.clone(), [every2.len()]).expect("length matches shape");
    let cols = Array::from_vec(every2, [rows.len()]).expect("length matches shape");
    Prepared::new(move || {
        let rows = rows.slice(s![.., NewAxis]).expect("valid slice");
        m.index(idx![rows, &cols]).expect("valid index")
    })
    .bytes(a4_bytes())
}

/// A5: `m[::2, ::2]`, the time to create the view.
fn a5(_n: Option<usize>) -> Prepared {
    let m = a4_matrix();
    Prepared::new(move || {
        let view = m.slice(s![..;2, ..;2]).expect("valid slice");
        black_box(&view);
    })
}

/// A6: `np.ascontiguousarray(m[::2, ::2])`, the view made before the clock starts.
fn a6(_n: Option<usize>) -> Prepared {
    let view = a4_matrix()
        .slice_shared(s![..;2, ..;2])
        .expect("valid slice");
    Prepared::new(move || view.as_standard_layout().into_owned()).bytes(a4_bytes())
}
