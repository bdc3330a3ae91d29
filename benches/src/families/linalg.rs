//! L-*: numpy.linalg (solve, inverse, decompositions).

use crate::Workload;

/// The workloads of this family (none are written yet).
pub fn workloads() -> Vec<Workload> {
    Vec::new()
}
