//! N-*: NumPy's everyday breadth (sorting, unique, statistics, joining, selection).

use crate::Workload;

/// The workloads of this family (none are written yet).
pub fn workloads() -> Vec<Workload> {
    Vec::new()
}
