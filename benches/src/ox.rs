//! The `oxarray` (and `oxarray-cuda`) columns.
//!
//! REGISTRATION POINT: each oxarray workload is a setup function `fn(Option<usize>) ->
//! Prepared` plus one line in [`oxarray_workloads`]. Build inputs from [`crate::inputs`]
//! before `Prepared::new`, time only the library call inside the closure, and use the size
//! lists of [`crate::sizes`] so that rows line up with the NumPy ones. Ids still to wire
//! (see WORKLOADS.md): A1 A1F A2 A3 A3F A4 A5 A6 B1-B5 B-bmm8 C-mm-f32 C-mm-f64 C-conv
//! D-ones D-imul5 D-three D-threeF D-sweep.
//!
//! ```ignore
//! fn a5(_n: Option<usize>) -> Prepared {
//!     let side = crate::naive::A4_SIDE;
//!     let m = Array::from_vec(inputs::arange_matrix(side, side), [side, side]); // untimed
//!     Prepared::new(move || m.slice(s![..;2, ..;2])) // timed: creating the view
//! }
//! // in oxarray_workloads():
//! Workload { id: "A5", imp: "oxarray", sizes: sizes::fixed, run: a5 },
//! ```

use crate::Workload;

/// The oxarray workloads (empty until the oxarray crates expose the APIs they need).
pub fn oxarray_workloads() -> Vec<Workload> {
    vec![
        // A4: m[rows[:, None], cols], every 2nd row and column, 10000x10000 f64 (a copy).
        // A5: m[::2, ::2] (a view; time to create it).
        // A6: A5 made contiguous.
    ]
}
